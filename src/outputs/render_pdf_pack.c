/* The PDF back-end's pack: one libharu document holding the front sheet
 * (meeting details and the agenda with each paper's pages, linked), then
 * every paper or exempt notice, numbered continuously, with bookmarks per
 * item and per section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/pack.h"
#include "boardpaper/style.h"
#include "internal.h"
#include "pdf.h"

#define TITLE_SIZE 20.0
#define HEAD_SIZE 14.0
#define BODY_SIZE 12.0
#define NUM_W 40.0      /* the agenda's item-number column, points */
#define GAP 12.0        /* between the agenda's columns */
#define MAX_LAYOUT_TRIES 3

/* One run of pages: the front sheet, a paper, a notice, a blank page. */
struct part {
	struct pdf_lay *lay;
	const struct bp_pack_item *item; /* NULL: front sheet or blank */
	size_t first;                    /* its first page number */
	struct bp_run reason_run;        /* an exempt notice's header */
	struct bp_text reason;
};

struct packer {
	const struct bp_pack *pack;
	const struct bp_render_opts *opts;
	const struct bp_pack_diags *diags;
	struct pdf_doc *doc;
	const struct bp_labels *labels;
	struct part **parts;    /* each allocated alone: layouts point into
	                         * a part (its reason) */
	size_t nparts, cap;
	size_t total;           /* pages in the pack */
	struct bp_buf scratch;
	double left, width;     /* the text column, points */
};

static struct part *
add_part(struct packer *k, const struct bp_pack_item *item)
{
	struct part *p;

	if (k->nparts == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->parts = bp_xreallocarray(k->parts, k->cap,
		    sizeof(*k->parts));
	}
	p = bp_xcalloc(1, sizeof(*p));
	k->parts[k->nparts++] = p;
	p->item = item;
	/* a paper's own problems are named by its file */
	p->lay = pdf_lay_new(k->doc, k->pack->style, k->labels,
	    bp_pack_diags_for(k->diags, k->pack, item));
	return p;
}

/* A label filled with up to two arguments, in the packer's scratch (valid
 * until the next call). */
static const char *
filled(struct packer *k, enum bp_label label, const char *a, const char *b)
{
	const char *args[2] = { a, b };

	bp_buf_reset(&k->scratch);
	bp_label_fill(&k->scratch, k->labels->text[label], args, 2);
	return k->scratch.data;
}

static struct pdf_cell
cell(const char *text, double x, double width, double size, unsigned style)
{
	struct pdf_cell c;

	memset(&c, 0, sizeof(c));
	c.text = text;
	c.x = x;
	c.width = width;
	c.size = size;
	c.style = style;
	c.role = PDF_ROLE_P;
	return c;
}

static size_t
lay_words(const struct packer *k, struct pdf_lay *lay, const char *text,
	double size, unsigned style, double space, bool keep)
{
	struct pdf_cell c = cell(text, k->left, k->width, size, style);

	return pdf_lay_row(lay, &c, 1, space, keep);
}

/* The header facts of the pack's pages: the meeting's, and the item's. */
static struct pdf_facts
facts_for(const struct packer *k, const struct part *p)
{
	struct pdf_facts f;
	static const struct bp_text none;

	memset(&f, 0, sizeof(f));
	f.organisation = k->pack->style->organisation;
	f.board = &k->pack->board_text;
	f.meeting_text = k->pack->meeting_text;
	f.confidential_reason = &none;
	if (p->item == NULL)
		return f;
	f.item_text = p->item->item_text;
	f.confidential = p->item->exempt;
	if (p->item->kind == BP_PACK_PAPER)
		f.confidential_reason =
		    &p->item->paper->meta.confidential_reason;
	else
		f.confidential_reason = &p->reason;
	return f;
}

/* --- the front sheet -------------------------------------------------- */

/* "Date and time" and "Venue", label and value side by side. */
static void
lay_meeting_rows(struct packer *k, struct pdf_lay *lay)
{
	const struct bp_pack *pk = k->pack;
	double lw = 110.0;
	struct pdf_cell c[2];

	if (pk->when_text != NULL) {
		c[0] = cell(k->labels->text[BP_LABEL_DATE_AND_TIME],
		    k->left, lw, BODY_SIZE, BP_STYLE_STRONG);
		c[1] = cell(pk->when_text, k->left + lw, k->width - lw,
		    BODY_SIZE, 0);
		pdf_lay_row(lay, c, 2, 12.0, false);
	}
	if (pk->venue != NULL) {
		c[0] = cell(k->labels->text[BP_LABEL_VENUE], k->left, lw,
		    BODY_SIZE, BP_STYLE_STRONG);
		c[1] = cell(pk->venue, k->left + lw, k->width - lw,
		    BODY_SIZE, 0);
		pdf_lay_row(lay, c, 2, 4.0, false);
	}
}

static void
lay_exclusion(struct packer *k, struct pdf_lay *lay)
{
	if (k->pack->exclusion < 0)
		return;
	lay_words(k, lay, k->labels->text[BP_LABEL_EXCLUSION_HEADING],
	    BODY_SIZE, BP_STYLE_STRONG, 16.0, false);
	lay_words(k, lay, k->labels->text[k->pack->exclusion], BODY_SIZE, 0,
	    4.0, true);
}

/* The range column is as wide as the widest range can be, so that page
 * numbers with more digits never change the layout. */
static double
range_width(struct packer *k, struct pdf_lay *lay)
{
	return pdf_lay_width(lay, filled(k, BP_LABEL_PAGES, "0000", "0000"),
	    0, BODY_SIZE) + 2.0;
}

/* The line under an item's title: its note, "(To follow)", or why it is
 * exempt. */
static void
lay_item_notes(struct packer *k, struct pdf_lay *lay,
	const struct bp_pack_item *it, double x, double w)
{
	struct pdf_cell c;

	if (it->note != NULL && it->kind != BP_PACK_EXEMPT) {
		c = cell(it->note, x, w, BODY_SIZE, 0);
		pdf_lay_row(lay, &c, 1, 2.0, true);
	}
	if (it->kind == BP_PACK_TO_FOLLOW) {
		c = cell(k->labels->text[BP_LABEL_TO_FOLLOW], x, w, BODY_SIZE,
		    BP_STYLE_EMPH);
		pdf_lay_row(lay, &c, 1, 2.0, true);
	}
	if (it->exempt) {
		c = cell(it->exempt_text, x, w, BODY_SIZE, BP_STYLE_EMPH);
		pdf_lay_row(lay, &c, 1, 2.0, true);
	}
}

/* An agenda line: number, title, and the pages it occupies, linked. */
static void
lay_agenda_item(struct packer *k, struct pdf_lay *lay,
	const struct bp_pack_item *it, const char *range, double rw)
{
	double x = k->left + NUM_W, w = k->width - NUM_W - GAP - rw;
	struct pdf_cell c[3];
	size_t n = 2;

	if (it->first_exempt)
		lay_exclusion(k, lay);
	c[0] = cell(it->number, k->left, NUM_W, BODY_SIZE,
	    BP_STYLE_STRONG);
	c[1] = cell(it->title, x, w, BODY_SIZE, BP_STYLE_STRONG);
	if (range != NULL) {
		c[2] = cell(range, x + w + GAP, rw, BODY_SIZE, 0);
		c[2].right = true;
		c[2].link = it;
		n = 3;
	}
	pdf_lay_row(lay, c, n, 12.0, false);
	lay_item_notes(k, lay, it, x, w);
}

static void
lay_front_sheet(struct packer *k, struct pdf_lay *lay, char **ranges)
{
	const struct bp_pack *pk = k->pack;
	double rw = range_width(k, lay);
	size_t first;

	first = lay_words(k, lay, pk->board[0] ? pk->board :
	    k->labels->text[BP_LABEL_AGENDA], TITLE_SIZE, BP_STYLE_STRONG, 0,
	    false);
	pdf_lay_mark(lay, k->labels->text[BP_LABEL_FRONT_SHEET], 1, pk, first);
	lay_meeting_rows(k, lay);
	pdf_lay_rule(lay, 10.0);
	lay_words(k, lay, k->labels->text[BP_LABEL_AGENDA], HEAD_SIZE,
	    BP_STYLE_STRONG, 8.0, false);
	for (size_t i = 0; i < pk->nitems; i++)
		lay_agenda_item(k, lay, &pk->items[i], ranges ? ranges[i] :
		    NULL, rw);
}

/* --- papers, notices and blank pages ----------------------------------- */

/* "Item 4 – Title": the item's bookmark. */
static char *
item_mark(const struct bp_pack_item *it)
{
	size_t n = strlen(it->item_text) + strlen(it->title) + 8;
	char *s = bp_xmalloc(n);

	snprintf(s, n, "%s \xE2\x80\x93 %s", it->item_text, it->title);
	return s;
}

/* The one page standing for an exempt paper in a public pack: the title
 * and the reason, never a word of the paper. */
static void
lay_notice(struct packer *k, struct part *p)
{
	const struct bp_pack_item *it = p->item;
	size_t box;

	box = lay_words(k, p->lay, it->title, TITLE_SIZE, BP_STYLE_STRONG, 0,
	    false);
	lay_words(k, p->lay, k->labels->text[BP_LABEL_NOT_FOR_PUBLICATION],
	    BODY_SIZE, BP_STYLE_STRONG, 16.0, false);
	if (it->reason != NULL)
		lay_words(k, p->lay, it->reason, BODY_SIZE, BP_STYLE_EMPH, 4.0,
		    false);
	lay_words(k, p->lay, k->labels->text[BP_LABEL_EXEMPT_NOTICE], BODY_SIZE,
	    0, 16.0, false);
	(void)box;
	if (it->reason != NULL) {
		p->reason_run.type = BP_RUN_TEXT;
		p->reason_run.text = it->reason;
		p->reason_run.len = strlen(it->reason);
		p->reason.runs = &p->reason_run;
		p->reason.nruns = 1;
		p->reason.plain = it->reason;
	}
}

static void
lay_item_part(struct packer *k, struct part *p)
{
	char *mark = item_mark(p->item);

	if (p->item->kind == BP_PACK_PAPER)
		pdf_lay_paper(p->lay, p->item->paper, 1);
	else
		lay_notice(k, p);
	/* the item's bookmark goes first, before its sections' */
	pdf_lay_mark(p->lay, mark, 1, p->item, 0);
	free(mark);
}

static void
lay_blank(struct packer *k, struct part *p)
{
	const char *words = k->labels->text[BP_LABEL_BLANK_PAGE];
	double w = pdf_lay_width(p->lay, words, BP_STYLE_EMPH, BODY_SIZE);
	struct pdf_cell c = cell(words, k->left + (k->width - w) / 2,
	    w + 1.0, BODY_SIZE, BP_STYLE_EMPH);

	c.artifact = true; /* tagged PDF: a blank page is furniture */
	/* about a third of the way down the page */
	pdf_lay_space(p->lay, 250.0);
	pdf_lay_row(p->lay, &c, 1, 0, false);
}

/* --- putting it together ------------------------------------------------ */

/* Moves the bookmark the part added last (its item's) to the front, so
 * that its sections nest under it. */
static void
item_mark_first(struct part *p)
{
	struct pdf_layout *l = (struct pdf_layout *)pdf_lay_layout(p->lay);
	struct pdf_mark m;

	if (l->nmarks < 2)
		return;
	m = l->marks[l->nmarks - 1];
	memmove(&l->marks[1], &l->marks[0], (l->nmarks - 1) *
	    sizeof(l->marks[0]));
	l->marks[0] = m;
}

/* Lays out every paper and notice after `front_pages` pages, with a blank
 * page before any that would start on an even page under --duplex.
 * Stops at the paper that takes the pack past the page limit, said at
 * its block that passes it; false then. */
static bool
lay_items(struct packer *k, size_t front_pages)
{
	const struct bp_pack *pk = k->pack;
	size_t page = front_pages + 1;

	for (size_t i = 0; i < pk->nitems; i++) {
		const struct bp_pack_item *it = &pk->items[i];
		struct part *p;
		struct pdf_facts f;
		if (it->kind != BP_PACK_PAPER && it->kind != BP_PACK_EXEMPT)
			continue;
		if (k->opts->duplex && page % 2 == 0) {
			p = add_part(k, NULL);
			lay_blank(k, p);
			f = facts_for(k, p);
			pdf_lay_paginate(p->lay, &f);
			p->first = page++;
		}
		p = add_part(k, it);
		pdf_lay_pages_before(p->lay, page - 1);
		lay_item_part(k, p);
		item_mark_first(p);
		f = facts_for(k, p);
		pdf_lay_paginate(p->lay, &f);
		if (pdf_lay_over_limit(p->lay))
			return false;
		p->first = page;
		page += pdf_lay_npages(p->lay);
	}
	k->total = page - 1;
	return true;
}

/* "Pages 11 – 24" (or "Page 11") for each item that has pages. */
static char **
page_ranges(struct packer *k)
{
	char **r = bp_xcalloc(k->pack->nitems + 1, sizeof(*r));
	char a[24], b[24];

	for (size_t j = 1; j < k->nparts; j++) {
		const struct part *p = k->parts[j];
		size_t n = pdf_lay_npages(p->lay), i;
		if (p->item == NULL)
			continue;
		i = (size_t)(p->item - k->pack->items);
		snprintf(a, sizeof(a), "%zu", p->first);
		snprintf(b, sizeof(b), "%zu", p->first + n - 1);
		r[i] = bp_xstrdup(n > 1 ? filled(k, BP_LABEL_PAGES, a, b) :
		    filled(k, BP_LABEL_PAGE_ONE, a, NULL));
	}
	return r;
}

static void
free_parts(struct packer *k, size_t from)
{
	for (size_t j = from; j < k->nparts; j++) {
		pdf_lay_free(k->parts[j]->lay);
		free(k->parts[j]);
	}
	k->nparts = from;
}

/* The front sheet's length is known before the ranges are: it is laid
 * out once with no ranges to count its pages, then again with them
 * (the range column has a fixed width, so the count holds; should it
 * not, the papers are laid out again after it).  0 also when the papers
 * pass the page limit: the document is refused then. */
static int
lay_pack(struct packer *k)
{
	struct pdf_facts f;
	struct part *front = add_part(k, NULL);
	size_t pages;
	char **ranges = NULL;

	pdf_lay_column(front->lay, &k->left, &k->width);
	lay_front_sheet(k, front->lay, NULL);
	f = facts_for(k, front);
	pdf_lay_paginate(front->lay, &f);
	pages = pdf_lay_npages(front->lay);
	for (int tries = 0; tries < MAX_LAYOUT_TRIES; tries++) {
		free_parts(k, 1);
		if (!lay_items(k, pages + (k->opts->duplex && pages % 2)))
			return 0;
		ranges = page_ranges(k);
		pdf_lay_free(front->lay);
		front->lay = pdf_lay_new(k->doc, k->pack->style, k->labels,
		    k->diags->meeting);
		front->first = 1;
		lay_front_sheet(k, front->lay, ranges);
		pdf_lay_paginate(front->lay, &f);
		for (size_t i = 0; i < k->pack->nitems; i++)
			free(ranges[i]);
		free(ranges);
		if (pdf_lay_npages(front->lay) == pages)
			return 0;
		pages = pdf_lay_npages(front->lay);
	}
	return -1;
}

/* Under --duplex the front sheet too ends on an even page: a blank page
 * goes between it and the first paper (lay_items left room for it). */
static void
pad_front_sheet(struct packer *k)
{
	struct part *p;
	struct pdf_facts f;

	if (!k->opts->duplex || pdf_lay_npages(k->parts[0]->lay) % 2 == 0)
		return;
	p = add_part(k, NULL);
	lay_blank(k, p);
	f = facts_for(k, p);
	pdf_lay_paginate(p->lay, &f);
	p->first = pdf_lay_npages(k->parts[0]->lay) + 1;
	memmove(&k->parts[2], &k->parts[1], (k->nparts - 2) *
	    sizeof(*k->parts));
	k->parts[1] = p;
}

static int
draw_pack(struct packer *k, struct bp_buf *out)
{
	const struct bp_pack *pk = k->pack;
	struct pdf_info info;
	struct bp_buf title = BP_BUF_INIT;
	int rc = -1;

	for (size_t j = 0; j < k->nparts; j++)
		pdf_lay_furnish(k->parts[j]->lay, k->parts[j]->first,
		    k->total);
	for (size_t j = 0; j < k->nparts; j++)
		if (pdf_doc_draw(k->doc, pdf_lay_layout(k->parts[j]->lay)) !=
		    0)
			goto out;
	/* the pack's metadata is the meeting's: never a paper's */
	bp_buf_puts(&title, pk->board[0] ? pk->board :
	    k->labels->text[BP_LABEL_AGENDA]);
	if (pk->meeting_text != NULL)
		bp_buf_printf(&title, ", %s", pk->meeting_text);
	memset(&info, 0, sizeof(info));
	info.title = title.data;
	info.subject = k->labels->text[BP_LABEL_AGENDA];
	info.lang = pk->lang;
	rc = pdf_doc_finish(k->doc, &info, out);
out:
	bp_buf_free(&title);
	return rc;
}

int
bp_render_pdf_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	const struct bp_pack_diags *diags)
{
	struct packer k;
	int rc = -1;

	memset(&k, 0, sizeof(k));
	k.pack = pack;
	k.opts = opts;
	k.diags = diags;
	k.labels = pack->labels;
	bp_buf_init(&k.scratch);
	k.doc = pdf_doc_new(opts, diags->meeting);
	if (k.doc == NULL)
		return -1;
	if (lay_pack(&k) != 0)
		bp_diag(diags->meeting, (struct bp_pos){ 0, 0 },
		    BP_E_FRONT_SHEET);
	else if (!pdf_doc_failed(k.doc)) {
		pad_front_sheet(&k);
		rc = draw_pack(&k, out);
	}
	free_parts(&k, 0);
	free(k.parts);
	bp_buf_free(&k.scratch);
	pdf_doc_free(k.doc);
	return rc;
}
