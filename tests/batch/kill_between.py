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
import os, signal, sys, time

from stalled import Build, proc, state

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
b = Build(cmd, stdin_file is not None)

if feed_after is not None:
    b.wait_for(lambda: os.path.exists(feed_after) and len(b.workers()) == 1)
    b.feed(stdin_file)
b.wait_for(lambda: "pipe_write" in proc(b.p.pid, "wchan"))
if stdin_file is not None and feed_after is None:
    b.feed(stdin_file)
# every worker between papers: blocked reading its pipe of papers (no
# longer standard input, which is at its end)
b.wait_for(lambda: all("pipe_read" in proc(k, "wchan") for k in b.workers()))
kids = b.workers()
for k in kids:
    os.kill(k, signal.SIGKILL)
# dead (zombies of the parent, which is still blocked) before it goes on
for k in kids:
    while state(k) not in ("Z", "X"):
        time.sleep(0.01)
b.finish(err_file)
