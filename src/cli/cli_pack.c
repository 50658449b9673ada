/* boardpaper pack: a meeting file's papers read, the pack rendered in
 * every format asked for and written, with its dependency file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "boardpaper/pack.h"
#include "cli.h"
#include "file.h"
#include "internal.h"
#include "style_load.h"

static void
pack_progress(void *ctx, size_t done, size_t total)
{
	char line[80];
	int n;

	(void)ctx;
	n = snprintf(line, sizeof(line), "\rboardpaper: papers read %zu/%zu",
	    done, total);
	if (n > 0)
		(void)bp_file_write_all(STDERR_FILENO, line, (size_t)n);
}

static void
pack_step(const char *what)
{
	char line[80];
	int n = snprintf(line, sizeof(line), "\r\033[Kboardpaper: %s", what);

	if (n > 0)
		(void)bp_file_write_all(STDERR_FILENO, line, (size_t)n);
}

/* Whether any paper failed: each has its own diagnostics. */
static bool
papers_failed(const struct bp_cli_options *o, const struct bp_pack *pk,
	const struct bp_diags *pd)
{
	for (size_t i = 0; pk != NULL && i < pk->nitems; i++)
		if (pd[i].file != NULL && bp_diags_failed(&pd[i], o->strict))
			return true;
	return false;
}

/* The problems reported so far that fail an output: errors, and under
 * --strict warnings, of the meeting file and of every paper (a back-end
 * reports a paper's to the paper's own diagnostics). */
static size_t
problems(const struct bp_cli_options *o, const struct bp_pack *pk,
	const struct bp_diags *d, const struct bp_diags *pd)
{
	size_t n = d->nerrors + (o->strict ? d->nwarnings : 0);

	for (size_t i = 0; i < pk->nitems; i++)
		if (pd[i].file != NULL)
			n += pd[i].nerrors + (o->strict ? pd[i].nwarnings : 0);
	return n;
}

/* Renders one format into `out`; false (always with an error reported,
 * its own or one naming the format) when there is nothing to write. */
static bool
render_pack_one(const struct bp_cli_options *o, const struct bp_backend *b,
	const struct bp_pack *pk, struct bp_buf *out, struct bp_diags *d,
	const struct bp_diags *pd)
{
	size_t before = problems(o, pk, d, pd);

	if (b->render_pack(pk, &o->render, out, d) == 0 && !out->failed)
		return problems(o, pk, d, pd) == before;
	if (problems(o, pk, d, pd) == before)
		bp_diag(d, (struct bp_pos){ 0, 0 }, out->failed ?
		    BP_E_RENDER_PACK_MEMORY : BP_E_RENDER_PACK, b->name);
	return false;
}

/* The output path of one format, refusing one that would write over an
 * input. */
static bool
pack_path(const struct bp_cli_options *o, const struct bp_pack *pk,
	size_t format, char **path, struct bp_diags *d)
{
	*path = bp_cli_output_path(o, o->inputs[0], o->formats[format]);
	if (*path == NULL) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_RENDER_PACK_MEMORY,
		    o->formats[format]->name);
		return false;
	}
	for (size_t k = 0; k < pk->ninputs; k++)
		if (bp_cli_same_file(pk->inputs[k], *path)) {
			bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_OVER_INPUT,
			    *path);
			return false;
		}
	return true;
}

/* --deps FILE, refused over a paper or an image of the pack (over the
 * meeting file and the outputs it is a usage error, main.c). */
static bool
deps_path(const struct bp_cli_options *o, const struct bp_pack *pk,
	struct bp_diags *d)
{
	for (size_t k = 0; o->deps != NULL && k < pk->ninputs; k++)
		if (bp_cli_same_file(pk->inputs[k], o->deps)) {
			bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_OVER_INPUT,
			    o->deps);
			return false;
		}
	return true;
}

/* Every output path, each one checked and reported whatever the others
 * were. */
static bool
pack_paths(const struct bp_cli_options *o, const struct bp_pack *pk,
	char **paths, struct bp_diags *d)
{
	bool ok = deps_path(o, pk, d);

	for (size_t i = 0; i < o->nformats; i++)
		ok = pack_path(o, pk, i, &paths[i], d) && ok;
	return ok;
}

/* Renders and writes each format in turn, as build does: one that fails
 * (its error says which) is not written, so that its earlier output is
 * left as it was, and the others still are (issue 9).  Nothing is
 * rendered when an output path is refused.  The dependency file only
 * when every format was written. */
static bool
write_pack(const struct bp_cli_options *o, const struct bp_pack *pk,
	struct bp_diags *d, const struct bp_diags *pd)
{
	struct bp_buf out = BP_BUF_INIT;
	char *paths[BP_MAX_FORMATS] = { NULL };
	bool ok = pack_paths(o, pk, paths, d);

	if (!ok)
		goto out;
	for (size_t i = 0; i < o->nformats; i++) {
		if (!render_pack_one(o, o->formats[i], pk, &out, d, pd) ||
		    bp_cli_emit(o->inputs[0], paths[i], &out, d) != 0)
			ok = false;
		bp_buf_free(&out); /* one format's output held at a time */
	}
	if (ok && o->deps != NULL)
		ok = bp_cli_pack_deps(o, pk, paths, d) == 0;
out:
	for (size_t i = 0; i < o->nformats; i++)
		free(paths[i]);
	bp_buf_free(&out);
	return ok;
}

/* Prints the style's, the meeting file's and then each paper's
 * diagnostics, every one of them. */
static void
report_pack(const struct bp_cli_options *o, const struct bp_buf *styles_report,
	struct bp_diags *d, const struct bp_pack *pk, struct bp_diags *pd,
	bool progress)
{
	struct bp_buf report = BP_BUF_INIT;

	if (progress)
		bp_buf_puts(&report, "\r\033[K");
	bp_buf_put(&report, styles_report->data, styles_report->len);
	bp_diags_format(d, o->strict, &report);
	for (size_t i = 0; pk != NULL && i < pk->nitems; i++)
		if (pd[i].file != NULL)
			bp_diags_format(&pd[i], o->strict, &report);
	(void)bp_file_write_all(STDERR_FILENO, report.data, report.len);
	bp_buf_free(&report);
}

int
bp_cli_pack(const struct bp_cli_options *o)
{
	const char *input = o->inputs[0];
	struct bp_buf styles_report = BP_BUF_INIT;
	struct bp_pack_opts popts;
	struct bp_diags d, *pd = NULL;
	struct bp_pack *pk = NULL;
	const char *style_failed = NULL;
	char *dir = bp_file_folder(input);
	bool progress = isatty(STDERR_FILENO), ok = false;

	memset(&popts, 0, sizeof(popts));
	popts.members = o->include_exempt;
	popts.strict = o->strict;
	popts.progress = progress ? pack_progress : NULL;
	popts.style = bp_styles_for(o->styles, dir, o->strict, &styles_report,
	    &style_failed);
	bp_diags_init(&d, input);
	if (style_failed != NULL)
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_STYLE_FAILED,
		    style_failed);
	else
		pk = bp_pack_load(input, &popts, &d, &pd);
	if (pk != NULL && !bp_diags_failed(&d, o->strict) &&
	    !papers_failed(o, pk, pd)) {
		if (progress)
			pack_step("laying out the pack");
		ok = write_pack(o, pk, &d, pd);
	}
	report_pack(o, &styles_report, &d, pk, pd, progress);
	for (size_t i = 0; pk != NULL && i < pk->nitems; i++)
		bp_diags_free(&pd[i]);
	free(pd);
	bp_pack_free(pk);
	bp_diags_free(&d);
	bp_buf_free(&styles_report);
	free(dir);
	return ok ? BP_EXIT_OK : BP_EXIT_INPUT;
}
