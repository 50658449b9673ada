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
import os, signal, sys

from stalled import Build, proc, state

stdin_file, err_file, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
b = Build(cmd, True)


def reading_stdin(pid):
    """Blocked reading its standard input (read's first argument 0)."""
    f = proc(pid, "syscall").split()
    return "pipe_read" in proc(pid, "wchan") and len(f) > 1 and f[1] == "0x0"


# the parent blocked on the first paper's warnings; one worker waiting
# for its next paper, the other on standard input
b.wait_for(lambda: "pipe_write" in proc(b.p.pid, "wchan") and
           len(b.workers()) == 2 and
           sum(reading_stdin(k) for k in b.workers()) == 1 and
           all("pipe_read" in proc(k, "wchan") for k in b.workers()))
first = [k for k in b.workers() if not reading_stdin(k)][0]
os.kill(first, signal.SIGSTOP)
b.wait_for(lambda: state(first) == "T")
b.drain()
# the next paper sent to the stopped worker: the parent waits in poll
b.wait_for(lambda: "poll" in proc(b.p.pid, "wchan"))
os.kill(first, signal.SIGKILL)
b.feed(stdin_file)
b.finish(err_file)
