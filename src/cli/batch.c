/* Parallel builds: worker processes take papers one at a time from the
 * parent, which writes each paper's diagnostics whole and in input order,
 * forwards SIGINT, SIGTERM and SIGHUP (those not ignored at start-up) to
 * the workers and waits for them, and reports a worker that dies while
 * the others compile the papers it had not reached, the one it was given
 * and had not begun included. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "internal.h"

/* What a worker sends back for each paper: this, then `len` bytes of
 * diagnostics. */
struct done_msg {
	uint64_t job;
	uint64_t len;   /* bytes */
	int32_t failed; /* the paper had errors */
};

/* Where the batch stands, in the parent. */
struct tally {
	size_t next; /* the next paper to give out */
	size_t done; /* papers finished, or lost with their worker */
	size_t ok;   /* papers finished without errors */
	int status;  /* 1 once any paper failed */
	/* The papers' reports go out in input order, so that -j N prints
	 * what -j 1 does: one is held until every earlier paper's report is
	 * out.  What is held is the diagnostics of papers that finished
	 * ahead of a slower one before them, never an output, and they are
	 * small (a flood of one problem is cut after 20 lines, a long
	 * string is cut): memory is bounded by the reports. */
	struct bp_buf *held; /* one for each paper */
	bool *finished;      /* one for each paper */
	size_t written;      /* papers 0 .. written - 1 have had theirs out */
	/* Papers whose worker died before it read them: nothing of them was
	 * done, so they are given out again, before the next; a paper that
	 * meets more dead workers than there are workers is lost (something
	 * kills each: the batch must end). */
	size_t *again;
	size_t nagain;
	size_t *tries;   /* one for each paper: its workers that died first */
	size_t nworkers;
};

static void
free_tally(struct tally *t, size_t njobs)
{
	for (size_t i = 0; i < njobs; i++)
		bp_buf_free(&t->held[i]);
	free(t->held);
	free(t->finished);
	free(t->again);
	free(t->tries);
}

struct worker {
	pid_t pid;
	int to;          /* job numbers to the worker; -1 once closed */
	int from;        /* results from it; -1 once it has ended */
	size_t job;      /* the paper it is compiling */
	bool busy;
	bool unread;     /* that paper never reached it (EPIPE) */
};

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t k = write(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

/* 1 when all n bytes were read, 0 at end of file, -1 on error. */
static int
read_all(int fd, void *p, size_t n)
{
	char *c = p;
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, c + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k == 0 && got == 0 ? 0 : -1;
		got += (size_t)k;
	}
	return 1;
}

/* A worker: job numbers in, one message per paper out, until the parent
 * closes its pipe. */
static int
work(const struct bp_batch *b, int in, int out)
{
	struct bp_buf report = BP_BUF_INIT;
	uint64_t job;

	while (read_all(in, &job, sizeof(job)) == 1) {
		/* all of it, padding included, goes down the pipe */
		struct done_msg m = { 0 };
		bp_buf_reset(&report);
		m.job = job;
		m.failed = b->run(b->ctx, (size_t)job, &report) != 0;
		m.len = report.len;
		if (write_all(out, &m, sizeof(m)) != 0 ||
		    write_all(out, report.data, report.len) != 0)
			break;
	}
	bp_buf_free(&report);
	return 0;
}

/* Starts worker `w`: its pid, or -1 with errno set and *failing naming
 * the call that failed (pipe under a low ulimit -n, fork). */
static pid_t
start_worker(const struct bp_batch *b, struct worker *w,
	const sigset_t *old_mask, struct worker *all, size_t n,
	const char **failing)
{
	int to[2], from[2], err;

	*failing = "pipe";
	if (pipe(to) != 0)
		return -1;
	if (pipe(from) != 0) {
		err = errno;
		close(to[0]);
		close(to[1]);
		errno = err;
		return -1;
	}
	*failing = "fork";
	w->pid = fork();
	if (w->pid == 0) {
		/* the signals the parent reads through signalfd act as
		 * usual here */
		sigprocmask(SIG_SETMASK, old_mask, NULL);
		for (size_t i = 0; i < n; i++) {
			if (all[i].to >= 0)
				close(all[i].to);
			if (all[i].from >= 0)
				close(all[i].from);
		}
		close(to[1]);
		close(from[0]);
		_exit(work(b, to[0], from[1]));
	}
	err = errno;
	close(to[0]);
	close(from[1]);
	if (w->pid < 0) {
		close(to[1]);
		close(from[0]);
		errno = err;
		return -1;
	}
	w->to = to[1];
	w->from = from[0];
	return w->pid;
}

/* Writes job number `job` to a worker, which may have died since its
 * last result (killed by the OOM killer): the write then fails with
 * EPIPE, and the SIGPIPE that comes with it, which would kill the parent
 * with every paper not yet built and nothing said, is held off and
 * taken.  Only this write: a parent whose standard error goes away still
 * dies of SIGPIPE, as it does without -j.  0, or -1 with errno set. */
static int
send_job(int fd, uint64_t job)
{
	static const struct timespec now = { 0, 0 };
	sigset_t pipe_sig, old, pending;
	bool was_pending;
	int rc, err;

	sigemptyset(&pipe_sig);
	sigaddset(&pipe_sig, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe_sig, &old);
	/* one the caller had blocked and pending is left for it */
	was_pending = sigpending(&pending) == 0 &&
	    sigismember(&pending, SIGPIPE) == 1;
	rc = write_all(fd, &job, sizeof(job));
	err = errno;
	if (rc != 0 && err == EPIPE && !was_pending)
		while (sigtimedwait(&pipe_sig, NULL, &now) < 0 &&
		    errno == EINTR)
			;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return rc;
}

static bool
jobs_waiting(const struct tally *t, size_t njobs)
{
	return t->nagain > 0 || t->next < njobs;
}

/* Paper `job` never reached its worker, which died first: it is to be
 * given out again; false when it has met too many dead workers. */
static bool
give_back(struct tally *t, size_t job)
{
	if (t->tries[job] > t->nworkers)
		return false;
	t->tries[job]++;
	t->again[t->nagain++] = job;
	return true;
}

/* Gives the worker the next paper (one given out again first), or
 * closes its pipe when none is left.  A worker found dead (EPIPE) keeps
 * none, the paper going back to be given out again: it is reaped as
 * having died between papers.  (One that has met too many dead workers
 * stays with it, and is lost with it.) */
static bool
give_job(struct worker *w, struct tally *t, size_t njobs)
{
	bool again = t->nagain > 0;
	uint64_t job = again ? t->again[t->nagain - 1] : t->next;
	int rc = 0;

	if (jobs_waiting(t, njobs)) {
		rc = send_job(w->to, job);
		if (rc == 0 || errno == EPIPE) {
			if (again)
				t->nagain--;
			else
				t->next++;
			w->job = (size_t)job;
			w->busy = true;
			w->unread = rc != 0;
			if (rc == 0 || !give_back(t, w->job))
				return true;
		}
	}
	close(w->to);
	w->to = -1;
	w->busy = false;
	return false;
}

/* Whether a reaped worker's paper never reached it: the job number is
 * still in its pipe, or was never written (EPIPE).  Nothing else reads
 * that pipe, so once the worker is dead this is certain. */
static bool
job_unread(const struct worker *w)
{
	int n = 0;

	return w->unread || (w->to >= 0 && ioctl(w->to, FIONREAD, &n) == 0 &&
	    (size_t)n >= sizeof(uint64_t));
}

static void
put_death(struct bp_buf *msg, int status)
{
	if (WIFSIGNALED(status))
		bp_buf_printf(msg, "died (signal %d)", WTERMSIG(status));
	else
		bp_buf_printf(msg, "died (exit %d)", WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
}

/* What a worker took with it when it died. */
enum death {
	DEATH_LOST,   /* the paper it had begun: not built */
	DEATH_UNREAD, /* one it had not begun, which another compiles */
	DEATH_IDLE    /* none: it was waiting for its next */
};

/* A worker's death, in one line; a paper lost with it in the form of
 * the paper's own errors: "a.md: error: not built: its worker died
 * (signal 9)". */
static void
say_died(const struct bp_batch *b, const struct worker *w, int status,
	enum death what)
{
	struct bp_buf msg = BP_BUF_INIT;
	const char *name = w->busy ? b->name(b->ctx, w->job) : "";

	switch (what) {
	case DEATH_LOST:
		bp_buf_put_shown(&msg, name, strlen(name), BP_SHOWN_MAX);
		bp_buf_puts(&msg, ": error: not built: its worker ");
		put_death(&msg, status);
		break;
	case DEATH_UNREAD:
		bp_buf_puts(&msg, "boardpaper: a worker ");
		put_death(&msg, status);
		bp_buf_puts(&msg, " before it began ");
		bp_buf_put_shown(&msg, name, strlen(name), BP_SHOWN_MAX);
		bp_buf_puts(&msg, ", which another worker compiles");
		break;
	case DEATH_IDLE:
		bp_buf_puts(&msg, "boardpaper: a worker ");
		put_death(&msg, status);
		bp_buf_puts(&msg, " waiting for its next paper");
		break;
	}
	bp_buf_putc(&msg, '\n');
	(void)write_all(STDERR_FILENO, msg.data, msg.len);
	bp_buf_free(&msg);
}

/* Writes the held reports from the first not yet out up to the first
 * paper not finished; with `all` (the batch is ending), past those too. */
static void
write_in_order(const struct bp_batch *b, struct tally *t, bool all)
{
	for (; t->written < b->njobs; t->written++) {
		struct bp_buf *r = &t->held[t->written];
		if (!t->finished[t->written]) {
			if (!all)
				break;
			continue;
		}
		b->report(b->ctx, t->written, r->data, r->len);
		bp_buf_free(r);
	}
}

/* Paper `job` is finished, its report in `report` (taken, left empty):
 * what is next in input order goes out. */
static void
finish(const struct bp_batch *b, struct tally *t, size_t job,
	struct bp_buf *report)
{
	bp_buf_free(&t->held[job]);
	t->held[job] = *report;
	bp_buf_init(report);
	t->finished[job] = true;
	write_in_order(b, t, false);
}

/* A worker has ended (its result pipe is at its end): once it is reaped,
 * a paper it had and had not read is given out again; one it had begun
 * died with it.  Said at once, not in the paper's turn. */
static void
reap(const struct bp_batch *b, struct worker *w, struct tally *t)
{
	struct bp_buf none = BP_BUF_INIT;
	int ws = 0;

	close(w->from);
	w->from = -1;
	while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
		;
	w->pid = -1;
	if (w->busy && job_unread(w) && give_back(t, w->job)) {
		say_died(b, w, ws, DEATH_UNREAD);
		t->status = 1;
	} else if (w->busy) {
		say_died(b, w, ws, DEATH_LOST);
		if (b->lost != NULL)
			b->lost(b->ctx, w->job);
		t->status = 1;
		finish(b, t, w->job, &none);
		t->done++;
	} else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		/* no paper was lost, but something killed it */
		say_died(b, w, ws, DEATH_IDLE);
		t->status = 1;
	}
	if (w->to >= 0)
		close(w->to);
	w->to = -1;
	w->busy = false;
}

/* Paper `job` was never compiled, no worker being left for it: that is
 * its report, in its turn. */
static void
say_not_compiled(const struct bp_batch *b, struct tally *t, size_t job)
{
	struct bp_buf msg = BP_BUF_INIT;
	const char *name = b->name(b->ctx, job);

	bp_buf_put_shown(&msg, name, strlen(name), BP_SHOWN_MAX);
	bp_buf_puts(&msg, ": error: not built: no worker was left to compile "
	    "it\n");
	finish(b, t, job, &msg);
	bp_buf_free(&msg);
}

/* A worker's result pipe is readable: one paper done, or it has ended. */
static void
take_result(const struct bp_batch *b, struct worker *w, struct tally *t)
{
	struct done_msg m;
	struct bp_buf report = BP_BUF_INIT;
	int r = read_all(w->from, &m, sizeof(m));

	if (r == 1 && m.len < SIZE_MAX) {
		bp_buf_repeat(&report, '\0', (size_t)m.len);
		r = report.failed ? -1 : read_all(w->from, report.data,
		    (size_t)m.len) == 1 || m.len == 0 ? 1 : -1;
	}
	if (r == 1) {
		if (m.failed)
			t->status = 1;
		else
			t->ok++;
		finish(b, t, w->job, &report);
		t->done++;
		if (b->progress != NULL)
			b->progress(b->ctx, t->done, b->njobs);
		give_job(w, t, b->njobs);
	} else {
		reap(b, w, t);
	}
	bp_buf_free(&report);
}

/* The parent got `sig`: pass it on, wait for every worker, write the
 * finished papers' reports, then die of it as the user asked.  The pipes
 * are closed before waiting, so that no worker can be waiting on the
 * parent (for its next paper, or to write a result) while the parent
 * waits for it: one that outlives the signal (it has it blocked) ends
 * after its paper. */
static void
stop_all(const struct bp_batch *b, struct tally *t, struct worker *w,
	size_t n, int sig, const sigset_t *old_mask)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].pid > 0)
			kill(w[i].pid, sig);
	for (size_t i = 0; i < n; i++) {
		if (w[i].to >= 0)
			close(w[i].to);
		if (w[i].from >= 0)
			close(w[i].from);
		w[i].to = w[i].from = -1;
	}
	for (size_t i = 0; i < n; i++)
		if (w[i].pid > 0)
			while (waitpid(w[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
	/* the papers that were finished, whatever their turn; to die of
	 * `sig`, not of SIGPIPE if standard error's reader has gone */
	signal(SIGPIPE, SIG_IGN);
	write_in_order(b, t, true);
	signal(sig, SIG_DFL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* The signals that stop a batch: SIGINT, SIGTERM and SIGHUP, less those
 * ignored when the program started (nohup; SIGINT in a background job of
 * a non-interactive shell). Those stay ignored, in the parent and the
 * workers, as POSIX utilities do: blocking one for signalfd would have it
 * queued rather than discarded. */
static void
stop_signals(sigset_t *set)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	sigemptyset(set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa;
		if (sigaction(sigs[i], NULL, &sa) == 0 &&
		    !(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN)
			continue;
		sigaddset(set, sigs[i]);
	}
}

/* The papers compiled one at a time in this process, the signals acting
 * as usual: what is left when the parent cannot watch for signals. */
static int
run_in_turn(const struct bp_batch *b, size_t *failed)
{
	struct bp_buf report = BP_BUF_INIT;
	int status = 0;

	for (size_t i = 0; i < b->njobs; i++) {
		bp_buf_reset(&report);
		if (b->run(b->ctx, i, &report) != 0) {
			status = 1;
			(*failed)++;
		}
		b->report(b->ctx, i, report.data, report.len);
		if (b->progress != NULL)
			b->progress(b->ctx, i + 1, b->njobs);
	}
	bp_buf_free(&report);
	return status;
}

/* Blocks the stop signals and opens the fd they are read from; -1, with
 * the mask as it was and the reason said, when signalfd fails (EMFILE
 * under a low ulimit -n): the signals must not stay blocked and unread,
 * or an interrupt would be held until the whole batch was done. */
static int
watch_signals(const sigset_t *sigs, sigset_t *old_mask)
{
	struct bp_buf msg = BP_BUF_INIT;
	int sfd, err;

	sigprocmask(SIG_BLOCK, sigs, old_mask);
	if ((sfd = signalfd(-1, sigs, SFD_CLOEXEC)) >= 0)
		return sfd;
	err = errno;
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	bp_buf_printf(&msg, "boardpaper: cannot watch for interrupts to "
	    "stop the workers (signalfd: %s); compiling one paper at a "
	    "time\n", strerror(err));
	(void)write_all(STDERR_FILENO, msg.data, msg.len);
	bp_buf_free(&msg);
	return -1;
}

/* Says that only `started` of `wanted` workers could be started, and
 * why; with none, the papers are compiled one at a time in this process,
 * as when signals cannot be watched: a low ulimit -n or a process limit
 * is no reason to build nothing. */
static void
say_short_of_workers(size_t started, size_t wanted, const char *failing,
	int err)
{
	struct bp_buf msg = BP_BUF_INIT;

	if (started == 0)
		bp_buf_printf(&msg, "boardpaper: cannot start a worker (%s: "
		    "%s); compiling one paper at a time\n", failing,
		    strerror(err));
	else
		bp_buf_printf(&msg, "boardpaper: started %zu of %zu workers "
		    "(%s: %s)\n", started, wanted, failing, strerror(err));
	(void)write_all(STDERR_FILENO, msg.data, msg.len);
	bp_buf_free(&msg);
}

int
bp_batch_run(const struct bp_batch *b, size_t nworkers, size_t *failed)
{
	struct worker *w;
	struct pollfd *fds;
	sigset_t sigs, old_mask;
	struct tally t = { 0 };
	size_t started = 0;
	const char *failing;
	int sfd;

	*failed = 0;
	stop_signals(&sigs);
	if ((sfd = watch_signals(&sigs, &old_mask)) < 0)
		return run_in_turn(b, failed);
	t.held = bp_xcalloc(b->njobs, sizeof(*t.held));
	t.finished = bp_xcalloc(b->njobs, sizeof(*t.finished));
	t.again = bp_xcalloc(b->njobs, sizeof(*t.again));
	t.tries = bp_xcalloc(b->njobs, sizeof(*t.tries));
	t.nworkers = nworkers;
	for (size_t i = 0; i < b->njobs; i++)
		bp_buf_init(&t.held[i]);
	w = bp_xcalloc(nworkers, sizeof(*w));
	fds = bp_xcalloc(nworkers + 1, sizeof(*fds));
	for (size_t i = 0; i < nworkers; i++)
		w[i].to = w[i].from = -1;
	for (size_t i = 0; i < nworkers; i++) {
		if (start_worker(b, &w[i], &old_mask, w, nworkers,
		    &failing) < 0) {
			say_short_of_workers(started, nworkers, failing, errno);
			break;
		}
		started++;
		give_job(&w[i], &t, b->njobs);
	}
	if (started == 0) {
		free_tally(&t, b->njobs);
		free(fds);
		free(w);
		close(sfd);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		return run_in_turn(b, failed);
	}
	while (t.done < b->njobs && started > 0) {
		size_t nfds = 0, live = 0;
		for (size_t i = 0; i < started; i++)
			if (w[i].from >= 0) {
				fds[nfds].fd = w[i].from;
				fds[nfds++].events = POLLIN;
				live++;
			}
		if (live == 0)
			break;
		fds[nfds].fd = sfd;
		fds[nfds++].events = POLLIN;
		if (poll(fds, nfds, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[nfds - 1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == sizeof(si))
				stop_all(b, &t, w, started, (int)si.ssi_signo,
				    &old_mask);
		}
		for (size_t i = 0, k = 0; i < started; i++) {
			if (w[i].from < 0)
				continue;
			if (fds[k++].revents & (POLLIN | POLLHUP | POLLERR))
				take_result(b, &w[i], &t);
		}
		/* a worker that died is replaced while papers wait: each
		 * death costs one paper, or gives one back, which a paper
		 * can be only so often (give_back), so this ends */
		for (size_t i = 0; i < started && jobs_waiting(&t, b->njobs);
		    i++)
			if (w[i].from < 0 && w[i].pid < 0 &&
			    start_worker(b, &w[i], &old_mask, w, started,
			    &failing) > 0)
				give_job(&w[i], &t, b->njobs);
	}
	if (t.ok < b->njobs)
		t.status = 1; /* every worker died: say so, not silently */
	for (size_t i = 0; i < started; i++) {
		int ws = 0;
		if (w[i].to >= 0)
			close(w[i].to);
		if (w[i].from >= 0)
			close(w[i].from);
		if (w[i].pid <= 0)
			continue;
		while (waitpid(w[i].pid, &ws, 0) < 0 && errno == EINTR)
			;
		/* killed after its last paper, before the parent saw it end */
		if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
			say_died(b, &w[i], ws, DEATH_IDLE);
			t.status = 1;
		}
	}
	/* none left when no worker could be started (fork failed) */
	for (size_t i = 0; i < b->njobs; i++)
		if (!t.finished[i])
			say_not_compiled(b, &t, i);
	write_in_order(b, &t, true);
	close(sfd);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	*failed = b->njobs - t.ok;
	free_tally(&t, b->njobs);
	free(fds);
	free(w);
	return t.status;
}
