/* The back-end interface: one output format is one struct bp_backend.
 *
 * To add a format, write src/outputs/render_NAME.c with one function of the
 * `render` shape below and add a row to the table in src/outputs/backend.c.
 */
#ifndef BOARDPAPER_BACKEND_H
#define BOARDPAPER_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "pack.h"

struct bp_fonts;
struct bp_pdf_module;

struct bp_render_opts {
	int width;              /* text: columns to wrap at */
	bool has_epoch;         /* SOURCE_DATE_EPOCH was set */
	int64_t epoch;          /* its value, seconds since 1970 UTC */
	bool duplex;            /* pdf pack: every paper starts on an odd
	                         * page, after a blank page if need be */
	bool dump_layout;       /* pdf: write the layout dump, not the PDF:
	                         * one line per drawn line, "PAGE X Y FACES
	                         * SIZE ROLE:BLOCK-ID LINE/LINES TEXT", with
	                         * X and Y the baseline start in points from
	                         * the page's lower left corner */
	bool dump_structure;    /* pdf: write the structure tree (tagged
	                         * PDF), not the PDF: one element a line,
	                         * indented by depth, with its text */
	struct bp_fonts *fonts; /* pdf: font lookups shared by the papers
	                         * of one process (src/layout/fonts.h); NULL: each
	                         * paper looks its fonts up afresh */
	struct bp_pdf_module *pdf_module; /* pdf: the PDF back-end's module,
	                         * checked and loaded once for the papers of
	                         * one process (src/outputs/pdf_plugin.h);
	                         * NULL: checked and loaded for each paper */
	bool exits_after;       /* this is the process's one output, and it
	                         * exits once it is written without freeing
	                         * what the back-end keeps (bp_fonts): the
	                         * back-end may leave memory it would only
	                         * free to the exit.  Never set in a sanitizer
	                         * build, whose leak check wants it freed */
};

/* Where a pack back-end reports: the pack's own problems (the front
 * sheet, the output) to `meeting`, named by the meeting file; a problem
 * of a paper found while rendering it to that paper's own diagnostics,
 * named by the paper's file.  The pack itself stays read-only. */
struct bp_pack_diags {
	struct bp_diags *meeting;
	struct bp_diags *papers; /* [pack->nitems]: item i's paper's */
};

/* The diagnostics a problem of `item` (NULL for the pack's own pages)
 * goes to: its paper's when it is printed in full, else the meeting
 * file's. */
static inline struct bp_diags *
bp_pack_diags_for(const struct bp_pack_diags *d, const struct bp_pack *pack,
	const struct bp_pack_item *item)
{
	if (item == NULL || item->kind != BP_PACK_PAPER)
		return d->meeting;
	return &d->papers[item - pack->items];
}

struct bp_backend {
	const char *name;      /* the -f word: "txt" */
	const char *extension; /* of the output file: "txt" */
	bool needs_fonts;      /* measures text with the system's fonts, so
	                        * a process loads the font configuration
	                        * once before rendering with it */
	bool binary;           /* its output is not text (unless a dump
	                        * option makes it so): never written to a
	                        * terminal */
	/* Renders the paper into `out`.  Returns 0 on success and -1 on
	 * failure, having reported why in `diags`. */
	int (*render)(const struct bp_paper *paper,
		const struct bp_render_opts *opts, struct bp_buf *out,
		struct bp_diags *diags);
	/* Renders a whole agenda pack (boardpaper/pack.h) the same way,
	 * reporting to `diags` as bp_pack_diags_for says; NULL for a
	 * format that has no pack form. */
	int (*render_pack)(const struct bp_pack *pack,
		const struct bp_render_opts *opts, struct bp_buf *out,
		const struct bp_pack_diags *diags);
};

/* NULL when no back-end has that name. */
const struct bp_backend *bp_backend_find(const char *name);
/* The table, for --help: `*n` receives its length. */
const struct bp_backend *bp_backends(size_t *n);

int bp_render_pdf(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);
int bp_render_txt(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);
int bp_render_json(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);
int bp_render_html(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);

int bp_render_pdf_pack(const struct bp_pack *, const struct bp_render_opts *,
	struct bp_buf *, const struct bp_pack_diags *);
int bp_render_txt_pack(const struct bp_pack *, const struct bp_render_opts *,
	struct bp_buf *, const struct bp_pack_diags *);
int bp_render_json_pack(const struct bp_pack *, const struct bp_render_opts *,
	struct bp_buf *, const struct bp_pack_diags *);
int bp_render_html_pack(const struct bp_pack *, const struct bp_render_opts *,
	struct bp_buf *, const struct bp_pack_diags *);

#endif
