# Kills every -j worker at a moment made certain, not hit by chance: when
# the parent holds a result it has read and has not yet answered with the
# worker's next paper, and every worker is between papers, waiting for
# its next one.  Standard error is a pipe this script has filled, so the
# parent blocks writing the first paper's warnings, between reading its
# result and giving that worker its next paper (its wchan says so); the
# workers are killed once each is blocked reading its pipe of papers.
# Then the pipe is drained.
#
# Under load one worker may compile every other paper while the first is
# still compiling (their reports are held, to go out in input order), so
# that the parent first blocks when no paper is left to give.  --stdin
# keeps the second worker from running ahead: FILE is the build's
# standard input (name '-' as the second paper), written and closed only
# once the parent is blocked, or with --feed-after, once PATH exists and
# the parent has one worker left.
#   python3 kill_between.py [--stdin FILE [--feed-after PATH]] STDERR-FILE
#       BOARDPAPER ARGS...
# Exit status: the build's (a signal as 128 + N); 3 when that moment never
# came (the parent had used 60 s of CPU time, or 10 minutes went by).
import os, signal, subprocess, sys, threading, time

args = sys.argv[1:]
stdin_file = feed_after = None
while args and args[0].startswith("--"):
    if args[0] == "--stdin":
        stdin_file, args = args[1], args[2:]
    elif args[0] == "--feed-after":
        feed_after, args = args[1], args[2:]
    else:
        sys.exit(f"kill_between.py: unknown option {args[0]}")
err_file, cmd = args[0], args[1:]
r, w = os.pipe()
os.set_blocking(w, False)
try:
    while True:
        os.write(w, b"\n" * 4096)
except BlockingIOError:
    pass
os.set_blocking(w, True)
stdin_r = stdin_w = None
if stdin_file is not None:
    stdin_r, stdin_w = os.pipe()
# restore_signals: SIGPIPE as the default, whatever this script has
p = subprocess.Popen(cmd, stdin=stdin_r if stdin_r is not None else
                     subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=w, restore_signals=True)
os.close(w)
if stdin_r is not None:
    os.close(stdin_r)
start = time.monotonic()


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


def state(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


def workers():
    """The parent's children that have not ended."""
    kids = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
    return [int(k) for k in kids if state(k) not in ("Z", "X")]


def wait_for(ready):
    """Waits until ready(); exits 3 when the parent ends or takes too
    long (CPU time bounds the wait, so that a loaded machine cannot fail
    it; the clock's bound is for a process stuck without using the CPU)."""
    while not ready():
        t = cpu_seconds(p.pid)
        if p.poll() is not None or t is None or t > 60 or \
                time.monotonic() - start > 600:
            p.kill()
            p.wait()
            sys.exit(3)
        time.sleep(0.01)


def feed():
    with open(stdin_file, "rb") as f:
        os.write(stdin_w, f.read())
    os.close(stdin_w)


if feed_after is not None:
    wait_for(lambda: os.path.exists(feed_after) and len(workers()) == 1)
    feed()
wait_for(lambda: "pipe_write" in wchan(p.pid))
if stdin_w is not None and feed_after is None:
    feed()
# every worker between papers: blocked reading its pipe of papers (no
# longer standard input, which is at its end)
wait_for(lambda: all("pipe_read" in wchan(k) for k in workers()))
kids = workers()
for k in kids:
    os.kill(k, signal.SIGKILL)
# dead (zombies of the parent, which is still blocked) before it goes on
for k in kids:
    while state(k) not in ("Z", "X"):
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
