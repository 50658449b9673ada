# What kill_between.py and kill_unread.py share: a build whose standard
# error is a pipe this script has filled, so that the parent blocks on
# its first write there at a moment the script can see (/proc), and the
# readers of /proc they watch it and its workers by.
import os, subprocess, sys, threading, time


class Build:
    def __init__(self, cmd, stdin_pipe):
        """Starts cmd with standard error a full pipe and, if
        stdin_pipe, standard input a pipe whose write end is self.stdin_w
        (else /dev/null)."""
        self.r, w = os.pipe()
        os.set_blocking(w, False)
        try:
            while True:
                os.write(w, b"\n" * 4096)
        except BlockingIOError:
            pass
        os.set_blocking(w, True)
        stdin_r = self.stdin_w = None
        if stdin_pipe:
            stdin_r, self.stdin_w = os.pipe()
        # restore_signals: SIGPIPE as the default, whatever this script has
        self.p = subprocess.Popen(cmd, stdin=stdin_r if stdin_r is not None
                                  else subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=w,
                                  restore_signals=True)
        os.close(w)
        if stdin_r is not None:
            os.close(stdin_r)
        self.start = time.monotonic()
        self.got = []
        self.drainer = None

    def workers(self):
        """The parent's children that have not ended."""
        kids = proc(self.p.pid, f"task/{self.p.pid}/children").split()
        return [int(k) for k in kids if state(k) not in ("Z", "X")]

    def wait_for(self, ready):
        """Waits until ready(); exits 3 when the parent ends or takes too
        long (CPU time bounds the wait, so that a loaded machine cannot
        fail it; the clock's bound is for a process stuck without using
        the CPU)."""
        while not ready():
            t = cpu_seconds(self.p.pid)
            if self.p.poll() is not None or t is None or t > 60 or \
                    time.monotonic() - self.start > 600:
                self.p.kill()
                self.p.wait()
                sys.exit(3)
            time.sleep(0.01)

    def feed(self, path):
        """Writes the file at path to standard input, and closes it."""
        with open(path, "rb") as f:
            os.write(self.stdin_w, f.read())
        os.close(self.stdin_w)

    def drain(self):
        """Starts reading standard error, so that the parent goes on."""
        def read_all():
            while True:
                b = os.read(self.r, 65536)
                if not b:
                    break
                self.got.append(b)
        self.drainer = threading.Thread(target=read_all)
        self.drainer.start()

    def finish(self, err_file):
        """Waits for the build, writes what it said to err_file and exits
        with its status (a signal as 128 + N)."""
        if self.drainer is None:
            self.drain()
        try:
            rc = self.p.wait(timeout=600)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
        self.drainer.join()
        with open(err_file, "wb") as f:
            f.write(b"".join(self.got).lstrip(b"\n"))
        sys.exit(128 - rc if rc < 0 else rc)


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
