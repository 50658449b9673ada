# Kills a -j worker that has been sent its next paper and has not read
# it: the paper's number is still in the worker's pipe.  Made certain,
# not hit by chance: standard error is a pipe this script has filled, so
# the parent blocks writing the first paper's warnings; the second
# paper is standard input, held back, so its worker waits on it.  The
# first paper's worker, between papers, is stopped (SIGSTOP); standard
# error is drained, so the parent sends it its next paper and waits
# (in poll) for results; then it is killed, and standard input fed.
#   python3 kill_unread.py STDIN-FILE STDERR-FILE BOARDPAPER ARGS...
# (the second paper named '-'). Exit status: the build's (a signal as
# 128 + N); 3 when that moment never came (the parent had used 60 s of
# CPU time, or 10 minutes went by).
import os, signal, subprocess, sys, threading, time

stdin_file, err_file, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
r, w = os.pipe()
os.set_blocking(w, False)
try:
    while True:
        os.write(w, b"\n" * 4096)
except BlockingIOError:
    pass
os.set_blocking(w, True)
stdin_r, stdin_w = os.pipe()
# restore_signals: SIGPIPE as the default, whatever this script has
p = subprocess.Popen(cmd, stdin=stdin_r, stdout=subprocess.DEVNULL,
                     stderr=w, restore_signals=True)
os.close(w)
os.close(stdin_r)
start = time.monotonic()


def proc(pid, what):
    try:
        return open(f"/proc/{pid}/{what}").read()
    except OSError:
        return ""


def state(pid):
    s = proc(pid, "stat")
    return s.rsplit(")", 1)[1].split()[0] if s else "X"


def cpu_seconds(pid):
    s = proc(pid, "stat")
    if not s:
        return None
    f = s.rsplit(")", 1)[1].split()
    return sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK")


def workers():
    kids = proc(p.pid, f"task/{p.pid}/children").split()
    return [int(k) for k in kids if state(k) not in ("Z", "X")]


def reading_stdin(pid):
    """Blocked reading its standard input (read's first argument 0)."""
    f = proc(pid, "syscall").split()
    return "pipe_read" in proc(pid, "wchan") and len(f) > 1 and f[1] == "0x0"


def wait_for(ready):
    while not ready():
        t = cpu_seconds(p.pid)
        if p.poll() is not None or t is None or t > 60 or \
                time.monotonic() - start > 600:
            p.kill()
            p.wait()
            sys.exit(3)
        time.sleep(0.01)


got = []


def drain():
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        got.append(b)


# the parent blocked on the first paper's warnings; one worker waiting
# for its next paper, the other on standard input
wait_for(lambda: "pipe_write" in proc(p.pid, "wchan") and
         len(workers()) == 2 and
         sum(reading_stdin(k) for k in workers()) == 1 and
         all("pipe_read" in proc(k, "wchan") for k in workers()))
first = [k for k in workers() if not reading_stdin(k)][0]
os.kill(first, signal.SIGSTOP)
wait_for(lambda: state(first) == "T")
d = threading.Thread(target=drain)
d.start()
# the next paper sent to the stopped worker: the parent waits in poll
wait_for(lambda: "poll" in proc(p.pid, "wchan"))
os.kill(first, signal.SIGKILL)
with open(stdin_file, "rb") as f:
    os.write(stdin_w, f.read())
os.close(stdin_w)
try:
    rc = p.wait(timeout=600)
except subprocess.TimeoutExpired:
    p.kill()
    rc = p.wait()
d.join()
with open(err_file, "wb") as f:
    f.write(b"".join(got).lstrip(b"\n"))
sys.exit(128 - rc if rc < 0 else rc)
