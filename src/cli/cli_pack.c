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
	struct bp_diags *pd)
{
	const struct bp_pack_diags sink = { .meeting = d, .papers = pd };
	size_t before = problems(o, pk, d, pd);

	if (b->render_pack(pk, &o->render, out, &sink) == 0 && !out->failed)
		return problems(o, pk, d, pd) == before;
	if (problems(o, pk, d, pd) == before)
		bp_diag(d, (struct bp_pos){ 0, 0 }, out->failed ?
		    BP_E_RENDER_PACK_MEMORY : BP_E_RENDER_PACK, b->name);
	return false;
}

/* Whether `path` is a file the pack is made from: the meeting file, a
 * paper, an image, a house-style file or its logo (what --deps lists);
 * reported if so. */
static bool
over_pack_input(const struct bp_pack *pk, const char *path,
	struct bp_diags *d)
{
	bool over = false;

	for (size_t k = 0; !over && k < pk->ninputs; k++)
		over = bp_cli_same_file(pk->inputs[k], path);
	for (size_t k = 0; !over && k < pk->style->ninputs; k++)
		over = bp_cli_same_file(pk->style->inputs[k], path);
	if (over)
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_OVER_INPUT, path);
	return over;
}

/* The output path of one format; -1 when it cannot be made, 1 when it
 * would write over an input. */
static int
pack_path(const struct bp_cli_options *o, const struct bp_pack *pk,
	size_t format, char **path, struct bp_diags *d)
{
	*path = bp_cli_output_path(o, o->inputs[0], o->formats[format]);
	if (*path == NULL) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_RENDER_PACK_MEMORY,
		    o->formats[format]->name);
		return -1;
	}
	return over_pack_input(pk, *path, d) ? 1 : 0;
}

/* Every output path and --deps FILE, each one checked and reported
 * whatever the others were (over the meeting file and each other they
 * are refused before the pack is read, main.c).  BP_EXIT_USAGE when one
 * would write over an input, as build's. */
static int
pack_paths(const struct bp_cli_options *o, const struct bp_pack *pk,
	char **paths, struct bp_diags *d)
{
	int rc = BP_EXIT_OK, one;

	if (o->deps != NULL && over_pack_input(pk, o->deps, d))
		rc = BP_EXIT_USAGE;
	for (size_t i = 0; i < o->nformats; i++)
		if ((one = pack_path(o, pk, i, &paths[i], d)) != 0)
			rc = one > 0 || rc == BP_EXIT_USAGE ? BP_EXIT_USAGE :
			    BP_EXIT_INPUT;
	return rc;
}

/* Renders and writes each format in turn, as build does: one that fails
 * (its error says which) is not written, so that its earlier output is
 * left as it was, and the others still are (issue 9).  Nothing is
 * rendered when an output path is refused: over an input, then (once it
 * is known to be none of the pack's, which is said as that) over a
 * source, -o victim.md or --deps another.md.  The dependency file only
 * when every format was written.  An exit status. */
static int
write_pack(const struct bp_cli_options *o, const struct bp_pack *pk,
	struct bp_diags *d, struct bp_diags *pd, bool progress)
{
	struct bp_buf out = BP_BUF_INIT;
	char *paths[BP_MAX_FORMATS] = { NULL };
	int rc = pack_paths(o, pk, paths, d);
	const char *over, *kind;
	bool ok = rc == BP_EXIT_OK;

	if (ok && (over = bp_cli_output_over_source(o, &kind)) != NULL) {
		if (progress) /* "papers read 3/3" */
			(void)bp_file_write_all(STDERR_FILENO, "\r\033[K", 4);
		rc = bp_cli_refuse_source(over, kind);
		ok = false;
	}
	if (!ok)
		goto out;
	if (progress)
		pack_step("laying out the pack");
	for (size_t i = 0; i < o->nformats; i++) {
		if (!render_pack_one(o, o->formats[i], pk, &out, d, pd) ||
		    bp_cli_emit(o->inputs[0], paths[i], &out, d) != 0)
			ok = false;
		bp_buf_free(&out); /* one format's output held at a time */
	}
	if (ok && o->deps != NULL)
		ok = bp_cli_pack_deps(o, pk, paths, d) == 0;
	rc = ok ? BP_EXIT_OK : BP_EXIT_INPUT;
out:
	for (size_t i = 0; i < o->nformats; i++)
		free(paths[i]);
	bp_buf_free(&out);
	return rc;
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
	bool progress = isatty(STDERR_FILENO);
	int rc = BP_EXIT_INPUT;

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
	    !papers_failed(o, pk, pd))
		rc = write_pack(o, pk, &d, pd, progress);
	report_pack(o, &styles_report, &d, pk, pd, progress);
	for (size_t i = 0; pk != NULL && i < pk->nitems; i++)
		bp_diags_free(&pd[i]);
	free(pd);
	bp_pack_free(pk);
	bp_diags_free(&d);
	bp_buf_free(&styles_report);
	free(dir);
	return rc;
}
