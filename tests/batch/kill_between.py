# Kills every -j 2 worker while the parent holds a result it has read and
# has not yet answered with the next paper: the window in which the
# parent's next write finds the worker gone (EPIPE; SIGPIPE, exit 141,
# before that was handled).  The window is made certain, not hit by
# chance: standard error is a pipe this script has filled, so the parent
# blocks writing the first paper's warnings, between reading its result
# and sending that worker its next paper; its wchan says it is blocked
# there.  Then both workers are killed and the pipe drained.
#   python3 kill_between.py STDERR-FILE BOARDPAPER ARGS...
# Exit status: the build's (a signal as 128 + N); 3 when the parent never
# blocked there (it had used 60 s of CPU time, or 10 minutes went by).
import os, signal, subprocess, sys, threading, time

err_file, cmd = sys.argv[1], sys.argv[2:]
r, w = os.pipe()
os.set_blocking(w, False)
try:
    while True:
        os.write(w, b"\n" * 4096)
except BlockingIOError:
    pass
os.set_blocking(w, True)
# restore_signals: SIGPIPE as the default, whatever this script has
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=w,
                     restore_signals=True)
os.close(w)


def cpu_seconds(pid):
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK")


def wchan(pid):
    try:
        return open(f"/proc/{pid}/wchan").read()
    except OSError:
        return ""


start = time.monotonic()
while "pipe_write" not in wchan(p.pid):
    t = cpu_seconds(p.pid)
    if p.poll() is not None or t is None or t > 60 or \
            time.monotonic() - start > 600:
        p.kill()
        p.wait()
        sys.exit(3)
    time.sleep(0.01)
kids = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
for k in kids:
    os.kill(int(k), signal.SIGKILL)
# dead (zombies of the parent, which is still blocked) before it goes on
for k in kids:
    while True:
        try:
            st = open(f"/proc/{k}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if st in ("Z", "X"):
            break
        time.sleep(0.01)

got = []


def drain():
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        got.append(b)


d = threading.Thread(target=drain)
d.start()
try:
    rc = p.wait(timeout=600)
except subprocess.TimeoutExpired:
    p.kill()
    rc = p.wait()
d.join()
with open(err_file, "wb") as f:
    f.write(b"".join(got).lstrip(b"\n"))
sys.exit(128 - rc if rc < 0 else rc)
