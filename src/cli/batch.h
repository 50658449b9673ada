/* Parallel builds in worker processes (batch.c). */
#ifndef BOARDPAPER_BATCH_H
#define BOARDPAPER_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "boardpaper/buf.h"

struct bp_batch {
	size_t njobs;
	void *ctx;
	/* In a worker: does job `job`, its diagnostics into `report`; 0 when
	 * it had no errors. */
	int (*run)(void *ctx, size_t job, struct bp_buf *report);
	/* In the parent: job `job`'s diagnostics, whole, in job order (empty
	 * for a job lost with its worker). */
	void (*report)(void *ctx, size_t job, const char *text, size_t len);
	/* In the parent, after each job; NULL for none. */
	void (*progress)(void *ctx, size_t done, size_t total);
	/* The job's name, for the message when its worker dies, as its
	 * diagnostics name it. */
	const char *(*name)(void *ctx, size_t job);
	/* In the parent, once a worker that died with job `job` is reaped:
	 * removes what it may have left half-made; NULL for nothing. */
	void (*lost)(void *ctx, size_t job);
};

/* Runs every job in up to `nworkers` processes, each taking the next job
 * when it is done with one.  A worker that dies is reported, with the job
 * it had begun (`lost` called for it: that job fails) or the one it had
 * been given and not begun (another worker runs it), and another takes
 * the rest; a job no worker is left for is reported as not run.  SIGINT,
 * SIGTERM and SIGHUP are passed on to the workers; once they have ended
 * the parent dies of the same signal.  When the signals cannot be watched (signalfd fails),
 * that is said and the jobs are run one at a time in this process.  0
 * when every job succeeded, 1 otherwise; `*failed` is the number of jobs
 * that had errors, died with their worker or were never run. */
int bp_batch_run(const struct bp_batch *b, size_t nworkers, size_t *failed);

#endif
