/* The PDF back-end's layout: walks the model into lines and boxes (with the
 * shared line breaker), paginates them, adds the page furniture, then
 * hands the result to pdf_doc.c to draw, or prints it for --dump-layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "boardpaper/style.h"
#include "fonts.h"
#include "internal.h"
#include "pdf.h"
#include "pdf_tag.h"

/* Type sizes and leading, in points. */
/* Body, heading and title sizes scale with the house style's font size
 * (12 pt by default); tables, code and furniture keep theirs. */
#define BODY_SIZE (b->fs.body)
#define BODY_LEAD (b->fs.body_lead)
#define H1_SIZE (b->fs.h1)
#define H1_LEAD (b->fs.h1_lead)
#define TITLE_SIZE (b->fs.title)
#define TITLE_LEAD (b->fs.title_lead)
#define SMALL_SIZE 10.0  /* tables, code */
#define SMALL_LEAD 12.5
#define FURN_SIZE 9.0    /* header and footer */
#define FURN_LEAD 11.0
#define FOOT_GAP 12.0 /* above the foot's marking: its ascent and a gap */
#define PARA_SPACE 8.0   /* between paragraphs */
#define TIGHT_SPACE 3.0  /* between the items of a tight list */
#define BULLET_W 18.0    /* bullet column */
#define QUOTE_W 18.0     /* block quote indent */
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0
#define COVER_LABEL_W 110.0 /* contact block: label column, at least */
/* After the contact block's widest label: about what the default style
 * leaves after "Contact officer:" (88.7 pt in Liberation Sans Bold at
 * 12 pt) in its 110 pt column. */
#define COVER_LABEL_GAP 21.0
#define MAX_BARS 8       /* quote bars drawn; deeper quotes just indent */

/* Liberation Sans ascent and descent, as fractions of the size: the
 * built-in font's; a house style's font gives its own. */
#define ASCENT 0.905
#define DESCENT 0.212

/* The page grid within this file: pdf.h's, or the house style's margins. */
#define MARGIN_X (b->grid.left)
#define TEXT_W (b->grid.text_w)
#define BODY_BOTTOM (b->grid.body_bottom)
#define FOOTER_Y (b->grid.footer_y)

/* What the house style sets for the layout, in points. */
struct font_sizes {
	double body, body_lead, h1, h1_lead, title, title_lead;
	double ascent, descent; /* fractions of the size */
};

struct page_grid {
	double left, text_w;    /* the text column */
	double body_top_min;    /* the body starts no higher (from the top) */
	double body_bottom;     /* lowest point of the body, from the foot */
	double footer_y;        /* the footer's baseline, from the foot */
};

struct builder {
	const struct bp_paper *paper;
	const struct bp_labels *labels;
	struct bp_diags *diags;
	struct pdf_doc *doc;
	struct pdf_layout *lay;
	struct bp_arena *arena; /* synthetic runs and strings */
	struct bp_measure measure;
	double size;            /* points: the text being measured */
	unsigned style;         /* bits added to the runs being measured */
	struct bp_lines lines;
	unsigned keep;          /* boxes still to keep with the one before */
	const double *bars;     /* x of the enclosing quotes' bars, points:
	                         * an array in the arena, which the
	                         * lines' BARS items share */
	int nbars;
	const struct bp_block *quotes[MAX_BARS]; /* the quote of each bar */
	/* the last box bars were added beside (+ 1; 0: none yet) and the
	 * quotes they were of, to join a box's bars to that box's */
	size_t bars_box;
	const struct bp_block *bars_quotes[MAX_BARS];
	int bars_n;
	double numw;            /* the number column, points */
	struct missing *missing; /* characters the fonts lack, to report */
	size_t nmissing, missing_cap;
	uint32_t rtl_line;      /* the last line warned of right-to-left text */
	const struct bp_house_style *house; /* the style laid out under */
	struct font_sizes fs;   /* from the house style */
	struct page_grid grid;  /* from the house style */
	int open_levels[PDF_MARK_DEPTH]; /* heading levels of the bookmarks
	                                  * a new one may nest under */
	int nopen;
	double subw;            /* the sub-paragraph number column, points */
	unsigned box_flags;     /* added to every new box (FOOT for notes) */
	/* footnotes, by number - 1: whether a box has claimed the note for
	 * its page's foot, and the note's Note element (pdf_tag_notes) */
	bool *note_claimed;
	size_t *note_elems;
	const struct bp_footnote **claims; /* in the order claimed */
	size_t nclaims;
	/* the page limit, checked as boxes are made: the height laid out so
	 * far, the block being laid, and whether the limit is passed (then
	 * nothing more is laid out) */
	double laid;
	struct bp_pos at;
	bool over_pages;
};

/* One text to set: a paragraph, a heading, a cell, a cover field. */
struct text_spec {
	const struct bp_run *runs;
	size_t nruns;
	double x, width;        /* the text column, points */
	double size, lead;
	unsigned style;         /* added to every run's */
	enum pdf_role role;
	const struct bp_block *block;
	const struct bp_run *marker; /* a number or bullet, or NULL */
	double marker_x;
	double space;           /* before the first line */
	bool heading;           /* keep it with the next two lines */
	enum pdf_sr tag;        /* the element the text is set in, opened and
	                         * closed by lay_text; PDF_SR_DOCUMENT (zero):
	                         * none, the text goes into the open one */
	bool lbl;               /* the marker is the Lbl of the open LI: the
	                         * text goes into an LBody left open */
	bool note_lbl;          /* the marker is the Lbl of the open Note:
	                         * the text goes into a P left open */
	bool artifact;          /* drawn as its role says, tagged as an
	                         * artifact (a blank page's notice) */
};

static void lay_blocks(struct builder *, const struct bp_block *, double);
static void lay_block(struct builder *, const struct bp_block *, double);

/* --- growing the layout ------------------------------------------------ */

/* A long paper holds an item or more per line until it is drawn. */
_Static_assert(sizeof(struct pdf_item) <= 64, "pdf_item over 64 bytes");

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 64; \
		(arr) = bp_xreallocarray((arr), (cap), sizeof(*(arr))); \
	} \
} while (0)

/* No page holds more than its body's height of boxes (the space
 * between them is dropped at a page top), so boxes taller in all than
 * BP_MAX_PAGES bodies need more pages than the limit: said at the block
 * that passes it, and layout stops there rather than at the end. */
static void
count_height(struct builder *b, double height)
{
	double body = PDF_PAGE_H - b->grid.body_top_min;

	b->laid += height < body ? height : body;
	if (b->over_pages || b->laid <= body * BP_MAX_PAGES)
		return;
	b->over_pages = true;
	bp_diag(b->diags, b->at, BP_E_LIMIT_PAGES_AT, (size_t)BP_MAX_PAGES);
	pdf_doc_refuse(b->doc);
}

static size_t
new_box(struct builder *b, double height, double space, unsigned flags)
{
	struct pdf_layout *l = b->lay;
	struct bp_vbox *v;

	count_height(b, height);
	if (l->nboxes + 1 >= l->boxes_cap) {
		l->boxes_cap = l->boxes_cap ? l->boxes_cap * 2 : 64;
		l->boxes = bp_xreallocarray(l->boxes, l->boxes_cap,
		    sizeof(*l->boxes));
		l->box_item0 = bp_xreallocarray(l->box_item0, l->boxes_cap,
		    sizeof(*l->box_item0));
	}
	v = &l->boxes[l->nboxes];
	memset(v, 0, sizeof(*v));
	v->height = height;
	v->space_before = space;
	v->flags = flags | b->box_flags;
	if (b->keep > 0) {
		v->flags |= BP_VBOX_KEEP;
		b->keep--;
	}
	l->box_item0[l->nboxes] = l->nitems;
	l->box_item0[l->nboxes + 1] = l->nitems;
	return l->nboxes++;
}

static struct pdf_item *
new_item(struct builder *b, enum pdf_item_kind kind, enum pdf_role role)
{
	struct pdf_layout *l = b->lay;
	struct pdf_item *it;

	GROW(l->items, l->nitems, l->items_cap);
	it = &l->items[l->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = (uint8_t)kind;
	it->role = (uint8_t)role;
	return it;
}

/* The last item made, a text line or a figure, as content of the open
 * structure element: its segments (pdf_tag.h). */
static void
tag_last_item(struct builder *b, bool figure)
{
	struct pdf_layout *l = b->lay;
	struct pdf_item *it = &l->items[l->nitems - 1];
	size_t seg0, nsegs;

	if (figure)
		pdf_tag_figure(l->tags, l, l->nitems - 1, &seg0, &nsegs);
	else
		pdf_tag_text(l->tags, l, l->nitems - 1, &seg0, &nsegs);
	it->seg0 = (uint32_t)seg0;
	it->nsegs = (uint32_t)nsegs;
}

/* Structure elements, opened and closed in reading order (pdf_tag.h). */
static void
tag_open(struct builder *b, enum pdf_sr role)
{
	pdf_tag_open(b->lay->tags, role);
}

static void
tag_close(struct builder *b, int n)
{
	while (n-- > 0)
		pdf_tag_close(b->lay->tags);
}

/* One BARS item: bars[from .. to - 1], beside a box of `height`, reaching
 * `up` above its top. */
static void
add_bars_item(struct builder *b, int from, int to, double height, double up)
{
	struct pdf_item *it = new_item(b, PDF_ITEM_BARS, PDF_ROLE_ARTIFACT);

	it->bar_x = b->bars + from;
	it->nbars = (uint32_t)(to - from);
	it->dy = up > 0 ? -up : 0;
	it->bar_h = height + up;
	it->bar_gray = 0.7f;
}

/* The bars of the enclosing block quotes, beside the box just made, of
 * `height`: one item for all of them (a line 30 quotes deep has 8).  The
 * bars of the quotes the box before was in too reach up through the
 * space between the two boxes, so that a quote's bar runs unbroken from
 * one of its blocks to the next (drawn so where the space is kept,
 * pdf_doc.c); those of a quote starting here begin at the box's top. */
static void
add_bars(struct builder *b, double height)
{
	size_t box = b->lay->nboxes - 1;
	double space = b->lay->boxes[box].space_before;
	int joined = 0;

	if (b->nbars == 0)
		return;
	if (b->bars_box == box && space > 0)
		while (joined < b->nbars && joined < b->bars_n &&
		    b->quotes[joined] == b->bars_quotes[joined])
			joined++;
	if (joined > 0)
		add_bars_item(b, 0, joined, height, space);
	if (joined < b->nbars)
		add_bars_item(b, joined, b->nbars, height, 0);
	b->bars_box = box + 1;
	b->bars_n = b->nbars;
	memcpy(b->bars_quotes, b->quotes, (size_t)b->nbars *
	    sizeof(*b->quotes));
}

static void
add_dest(struct builder *b, const struct bp_block *block, size_t box)
{
	struct pdf_layout *l = b->lay;

	GROW(l->dests, l->ndests, l->dests_cap);
	l->dests[l->ndests].key = block;
	l->dests[l->ndests].box = box;
	l->ndests++;
}

static struct bp_run *
synth_run(struct builder *b, const char *text, unsigned style,
	struct bp_pos pos)
{
	struct bp_run *r = bp_arena_alloc(b->arena, sizeof(*r));

	r->type = BP_RUN_TEXT;
	r->style = style;
	r->text = text;
	r->len = strlen(text);
	r->pos = pos;
	return r;
}

/* --- measuring and glyph checks -------------------------------------- */

/* The face style and the size (in *size, points) the breaker's measuring
 * style `style` means here: a note's text is set BP_NOTE_SCALE of the
 * builder's size, and the builder's own style is added to the run's. */
static unsigned
measured_as(const struct builder *b, unsigned style, double *size)
{
	*size = style & BP_MEASURE_NOTE ? b->size * BP_NOTE_SCALE : b->size;
	return (style & ~BP_MEASURE_NOTE) | b->style;
}

static double
measure_points(void *ctx, unsigned style, const char *s, size_t len)
{
	struct builder *b = ctx;
	double size;
	unsigned face = measured_as(b, style, &size);

	return pdf_doc_width(b->doc, face, size, s, len);
}

/* measure_points' widths of ASCII, for the breaker to sum itself. */
static const int *
ascii_points(void *ctx, unsigned style, double *size, double *per_em)
{
	struct builder *b = ctx;

	*per_em = 1000.0;
	return pdf_doc_ascii_widths(b->doc, measured_as(b, style, size));
}

static double
text_width(struct builder *b, const char *s, unsigned style, double size)
{
	return pdf_doc_width(b->doc, style, size, s, strlen(s));
}

/* A character a font lacks, where it is. */
struct missing {
	struct bp_pos pos;
	uint32_t cp;
	enum pdf_face face;
};

#define MAX_MISSING 4096 /* characters remembered; the rest are not listed */

static void
add_missing(struct builder *b, struct bp_pos pos, uint32_t cp,
	enum pdf_face face)
{
	for (size_t i = b->nmissing; i-- > 0 && b->missing[i].pos.line ==
	    pos.line;)
		if (b->missing[i].cp == cp && b->missing[i].face == face)
			return;
	if (b->nmissing >= MAX_MISSING)
		return;
	GROW(b->missing, b->nmissing, b->missing_cap);
	b->missing[b->nmissing++] = (struct missing){ pos, cp, face };
}

/* Characters the face lacks print as a box, so say which and where; text
 * the PDF cannot order is said once per line. */
static void
check_glyphs(struct builder *b, const struct bp_frag *f, unsigned style)
{
	enum pdf_face face = pdf_face_of(f->run->style | style);
	const char *s = f->text;
	bool in_run = f->text == f->run->text + f->off;
	size_t n;

	for (size_t i = 0; i < f->len; i += n) {
		uint32_t cp;
		struct bp_pos pos = f->run->pos;
		/* ASCII, skipped eight bytes at a time: every font has it */
		if ((i += bp_ascii_len(s + i, f->len - i)) >= f->len)
			break;
		cp = bp_utf8_decode(s + i, f->len - i, &n);
		/* a run holds one source line: its bytes count columns */
		if (in_run)
			pos = bp_run_pos(f->run, f->off + i);
		if (bp_is_rtl(cp) && pos.line != b->rtl_line) {
			b->rtl_line = pos.line;
			bp_diag(b->diags, pos, BP_W_RTL, "PDF");
		}
		/* a noncharacter was warned of where it was read */
		if (!pdf_doc_has_glyph(b->doc, face, cp) &&
		    !bp_is_noncharacter(cp))
			add_missing(b, pos, cp, face);
	}
}

static int
compare_missing(const void *x, const void *y)
{
	const struct missing *a = x, *b = y;

	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->face != b->face)
		return a->face < b->face ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

/* One warning per source line and font, listing its characters. */
static void
report_missing(struct builder *b)
{
	struct bp_buf list = BP_BUF_INIT;

	if (b->nmissing > 1)
		qsort(b->missing, b->nmissing, sizeof(*b->missing),
		    compare_missing);
	for (size_t i = 0, j; i < b->nmissing; i = j) {
		const struct missing *m = &b->missing[i];
		size_t listed = 0;
		bp_buf_reset(&list);
		for (j = i; j < b->nmissing && b->missing[j].pos.line ==
		    m->pos.line && b->missing[j].face == m->face; j++) {
			char utf8[5];
			size_t k = 0;
			uint32_t cp = b->missing[j].cp;
			bool dup = false;
			for (size_t d = i; d < j; d++)
				dup = dup || b->missing[d].cp == cp;
			if (dup)
				continue;
			k = bp_utf8_encode(cp, utf8);
			bp_buf_printf(&list, "%sU+%04lX %.*s", list.len ? ", " :
			    "", (unsigned long)cp, (int)k, utf8);
			listed++;
		}
		bp_diag(b->diags, m->pos, listed > 1 ?
		    BP_W_GLYPH_MISSING_MANY : BP_W_GLYPH_MISSING_ONE,
		    list.data, m->face == PDF_MONO ? BP_FONTS_MONO_FAMILY :
		    b->house->font);
	}
	bp_buf_free(&list);
}

/* --- text ------------------------------------------------------------- */

/* The baseline of a line of type `size` centred in `lead`. */
static double
baseline(const struct builder *b, double size, double lead)
{
	return (lead - (b->fs.ascent + b->fs.descent) * size) / 2 +
	    b->fs.ascent * size;
}

/* Struck text is an amendment: a line through it, through the spaces
 * between struck words too, one line per stretch of struck fragments. */
static void
add_strikes(struct builder *b, ptrdiff_t text)
{
	struct pdf_layout *l = b->lay;
	size_t i = 0, n = l->items[text].nfrags, f0 = l->items[text].frag0;

	while (i < n) {
		const struct pdf_item *t = &l->items[text];
		double x0, x1;
		struct pdf_item *it;
		if (!((l->frags[f0 + i].run->style | t->style) &
		    BP_STYLE_STRIKE)) {
			i++;
			continue;
		}
		x0 = l->frags[f0 + i].x;
		while (i < n && ((l->frags[f0 + i].run->style | t->style) &
		    BP_STYLE_STRIKE))
			i++;
		x1 = l->frags[f0 + i - 1].x + l->frags[f0 + i - 1].width;
		it = new_item(b, PDF_ITEM_LINE, PDF_ROLE_ARTIFACT);
		t = &l->items[text]; /* new_item may move the items */
		it->strike = true;
		it->x = t->x + x0;
		it->w = x1 - x0;
		it->dy = t->dy - t->size * 0.3; /* through the x-height */
		it->gray = 0;
	}
}

static void claim_note(struct builder *, const struct bp_footnote *);

/* The footnotes first referenced in a text, claimed for the box being
 * laid out, each followed by those first referenced in its own text. */
static void
claim_text_notes(struct builder *b, const struct bp_text *t)
{
	for (size_t i = 0; i < t->nruns; i++)
		if (t->runs[i].type == BP_RUN_NOTE && t->runs[i].note != NULL &&
		    t->runs[i].note->ref == &t->runs[i])
			claim_note(b, t->runs[i].note);
}

static void
claim_block_notes(struct builder *b, const struct bp_block *blk)
{
	for (; blk != NULL; blk = blk->next) {
		claim_text_notes(b, &blk->text);
		if (blk->type == BP_BLOCK_TABLE) {
			const struct bp_table *t = &blk->u.table;
			claim_text_notes(b, &t->caption);
			for (size_t c = 0; c < t->nrows * t->ncols; c++)
				claim_text_notes(b, &t->cells[c]);
		}
		claim_block_notes(b, blk->child);
	}
}

/* The box being laid out names the note: its page's foot holds it. */
static void
claim_note(struct builder *b, const struct bp_footnote *f)
{
	struct pdf_layout *l = b->lay;
	size_t k = f->number - 1;
	struct bp_vbox *v;

	if (b->note_claimed == NULL || k >= b->paper->nnotes ||
	    b->note_claimed[k] || l->nboxes == 0)
		return;
	v = &l->boxes[l->nboxes - 1];
	b->note_claimed[k] = true;
	if (v->notes == 0)
		v->note0 = (uint32_t)b->nclaims;
	v->notes++;
	b->claims[b->nclaims++] = f;
	claim_block_notes(b, f->child);
}

/* A line's first references to notes claim them for its box. */
static void
claim_frag_note(struct builder *b, const struct bp_frag *f)
{
	if (f->run->type == BP_RUN_NOTE && f->run->note != NULL &&
	    f->run->note->ref == f->run)
		claim_note(b, f->run->note);
}

static struct pdf_item *
add_text_item(struct builder *b, const struct text_spec *ts,
	const struct bp_lines *lines, size_t k, double x, double dy)
{
	const struct bp_line *ln = &lines->lines[k];
	struct pdf_layout *l = b->lay;
	struct pdf_item *it = new_item(b, PDF_ITEM_TEXT, ts->role);
	ptrdiff_t index;

	it->x = x;
	it->dy = dy;
	it->size = ts->size;
	it->style = (uint16_t)ts->style;
	it->block = ts->block;
	it->accent = ts->role == PDF_ROLE_H || ts->role == PDF_ROLE_TITLE;
	it->line = (unsigned)k + 1;
	it->nlines = (unsigned)lines->nlines;
	/* the line's fragments are the layout's already (lend_frags) */
	it->frag0 = ln->first;
	it->nfrags = ln->nfrags;
	for (size_t i = ln->first; i < ln->first + ln->nfrags; i++) {
		check_glyphs(b, &l->frags[i], ts->style);
		claim_frag_note(b, &l->frags[i]);
	}
	if (ts->role != PDF_ROLE_ARTIFACT && !ts->artifact)
		tag_last_item(b, false);
	index = it - l->items;
	add_strikes(b, index);
	return &l->items[index];
}

static void
add_marker(struct builder *b, const struct text_spec *ts, double dy)
{
	struct pdf_layout *l = b->lay;
	const struct bp_run *m = ts->marker;
	struct pdf_item *it = new_item(b, PDF_ITEM_TEXT, PDF_ROLE_LBL);

	it->accent = ts->role == PDF_ROLE_H; /* a heading's number */
	it->x = ts->marker_x;
	it->dy = dy;
	it->size = ts->size;
	it->style = (uint16_t)ts->style;
	it->block = ts->block;
	it->line = it->nlines = 1;
	it->frag0 = (uint32_t)l->nfrags;
	it->nfrags = 1;
	GROW(l->frags, l->nfrags, l->frags_cap);
	memset(&l->frags[l->nfrags], 0, sizeof(l->frags[0]));
	l->frags[l->nfrags].run = m;
	l->frags[l->nfrags].text = m->text;
	l->frags[l->nfrags].len = m->len;
	l->frags[l->nfrags].width = text_width(b, m->text, m->style |
	    ts->style, ts->size);
	check_glyphs(b, &l->frags[l->nfrags], ts->style);
	l->nfrags++;
	tag_last_item(b, false);
}

/* A list item's marker is its Lbl, and the text after it its LBody. */
static void
add_marker_tagged(struct builder *b, const struct text_spec *ts, double dy)
{
	if (ts->lbl || ts->note_lbl)
		tag_open(b, PDF_SR_LBL);
	add_marker(b, ts, dy);
	if (ts->lbl || ts->note_lbl) {
		tag_close(b, 1);
		tag_open(b, ts->lbl ? PDF_SR_LBODY : PDF_SR_P);
	}
}

/* The layout's fragments lent to `lines` for the line breaker to append
 * to, then taken back: the lines index pdf_layout.frags, and a text is
 * not held twice, as lines and again as its items' fragments (a table
 * row wrapping a letter a line held every line of its cells twice). */
static void
lend_frags(struct builder *b, struct bp_lines *lines)
{
	struct pdf_layout *l = b->lay;

	lines->nlines = 0;
	lines->frags = l->frags;
	lines->nfrags = l->nfrags;
	lines->frags_cap = l->frags_cap;
}

static void
take_frags(struct builder *b, struct bp_lines *lines)
{
	struct pdf_layout *l = b->lay;

	l->frags = lines->frags;
	l->nfrags = lines->nfrags;
	l->frags_cap = lines->frags_cap;
	lines->frags = NULL;
	lines->nfrags = lines->frags_cap = 0;
}

/* Breaks runs `width` wide into `lines`, whose fragments are the
 * layout's: what add_text_item makes an item of. */
static void
break_runs(struct builder *b, const struct bp_run *runs, size_t nruns,
	double width, struct bp_lines *lines)
{
	lend_frags(b, lines);
	bp_break_lines(&b->measure, runs, nruns, width, width, lines);
	take_frags(b, lines);
}

static void
break_text(struct builder *b, const struct text_spec *ts)
{
	b->size = ts->size;
	b->style = ts->style;
	break_runs(b, ts->runs, ts->nruns, ts->width, &b->lines);
	b->style = 0;
}

/* Which lines must stay with the line before: the second (no lone first
 * line at a page foot) and the last (no lone last line at a page top);
 * every line of a heading. */
static unsigned
line_flags(const struct text_spec *ts, size_t k, size_t n)
{
	if (k == 0)
		return 0;
	if (ts->heading || k == 1 || k == n - 1)
		return BP_VBOX_KEEP;
	return 0;
}

/* Sets a text as lines, one box each; returns the first box. */
static size_t
lay_text(struct builder *b, const struct text_spec *ts)
{
	size_t n, first = 0;
	double dy = baseline(b, ts->size, ts->lead);

	break_text(b, ts);
	n = b->lines.nlines;
	if (ts->tag != PDF_SR_DOCUMENT)
		tag_open(b, ts->tag);
	for (size_t k = 0; k < n || k == 0; k++) {
		size_t box = new_box(b, ts->lead, k == 0 ? ts->space : 0,
		    line_flags(ts, k, n));
		if (k == 0)
			first = box;
		add_bars(b, ts->lead);
		if (k == 0 && ts->marker != NULL)
			add_marker_tagged(b, ts, dy);
		if (k < n)
			add_text_item(b, ts, &b->lines, k, ts->x, dy);
		if (n == 0 || b->over_pages)
			break;
	}
	if (ts->tag != PDF_SR_DOCUMENT)
		tag_close(b, 1);
	if (ts->heading)
		b->keep = 2;
	return first;
}

static struct text_spec
body_spec(const struct builder *b, const struct bp_text *t, double x,
	const struct bp_block *block)
{
	struct text_spec ts;

	memset(&ts, 0, sizeof(ts));
	ts.runs = t->runs;
	ts.nruns = t->nruns;
	ts.x = x;
	ts.width = MARGIN_X + TEXT_W - x;
	ts.size = BODY_SIZE;
	ts.lead = BODY_LEAD;
	ts.role = PDF_ROLE_P;
	ts.tag = PDF_SR_P;
	ts.block = block;
	ts.space = PARA_SPACE;
	return ts;
}

/* --- blocks ------------------------------------------------------------ */

/* Where a level nested `step` deeper than `x` starts: the text column
 * keeps at least a quarter of the page's width, so that lists and quotes
 * nested as deep as allowed (32 levels) still print their text, a word or
 * more a line, rather than past the right margin. */
static double
nested_x(const struct builder *b, double x, double step)
{
	double most = MARGIN_X + TEXT_W * 3 / 4;

	if (x + step <= most)
		return x + step;
	return x > most ? x : most;
}

static void
add_mark(struct builder *b, const struct bp_block *h, size_t box)
{
	struct pdf_layout *l = b->lay;
	const char *plain = h->text.plain ? h->text.plain : "";

	GROW(l->marks, l->nmarks, l->marks_cap);
	l->marks[l->nmarks].title = h->number == NULL ? plain :
	    bp_arena_printf(b->arena, "%s %s", h->printed,
	    plain);
	/* nested under the nearest heading before of a higher level, with
	 * no depth skipped */
	while (b->nopen > 0 && b->open_levels[b->nopen - 1] >= h->level)
		b->nopen--;
	if (b->nopen < PDF_MARK_DEPTH)
		b->open_levels[b->nopen++] = h->level;
	l->marks[l->nmarks].level = b->nopen;
	l->marks[l->nmarks].box = box;
	l->nmarks++;
}

static void
lay_heading(struct builder *b, const struct bp_block *h, double x)
{
	bool major = h->level <= 2;
	struct text_spec ts = body_spec(b, &h->text, x, h);
	size_t box;

	/* levels 1-4 look distinct: bold at three sizes, then bold italic;
	 * deeper ones italic (a skipped level takes the next look) */
	int look = h->level <= 2 ? h->level : h->rank;
	ts.size = look == 1 ? H1_SIZE + 2 : look == 2 ? H1_SIZE : look == 3 ?
	    (H1_SIZE + BODY_SIZE) / 2 : BODY_SIZE;
	ts.lead = look == 1 ? H1_LEAD + 2 : look == 2 ? H1_LEAD : look == 3 ?
	    (H1_LEAD + BODY_LEAD) / 2 : BODY_LEAD;
	ts.style = look <= 3 ? BP_STYLE_STRONG : look == 4 ?
	    BP_STYLE_STRONG | BP_STYLE_EMPH : BP_STYLE_EMPH;
	ts.role = PDF_ROLE_H;
	ts.tag = pdf_sr_heading(h->rank);
	ts.heading = true;
	ts.space = major ? 20.0 : 12.0;
	if (h->number != NULL) {
		ts.marker = synth_run(b, h->printed, 0, h->pos);
		ts.marker_x = x;
		ts.x = x + b->numw;
		ts.width -= b->numw;
	}
	box = lay_text(b, &ts);
	add_dest(b, h, box);
	add_mark(b, h, box);
}

static void
lay_para(struct builder *b, const struct bp_block *p, double x, double space)
{
	struct text_spec ts = body_spec(b, &p->text, x, p);
	size_t box;

	ts.space = space;
	if (p->number != NULL) {
		/* L > LI > Lbl (the number) + LBody (the text and the blocks
		 * the paragraph owns); lay_blocks opens the L */
		tag_open(b, PDF_SR_LI);
		ts.tag = PDF_SR_DOCUMENT;
		ts.lbl = true;
		ts.marker = synth_run(b, p->printed, 0, p->pos);
		ts.marker_x = x;
		ts.x = x + b->numw;
		ts.width -= b->numw;
	}
	box = lay_text(b, &ts);
	if (p->id != NULL)
		add_dest(b, p, box);
	lay_blocks(b, p->child, ts.x);
	if (p->number != NULL)
		tag_close(b, 2);
}

/* The marker column of a list: wide enough for its widest number. */
static double
marker_column(struct builder *b, const struct bp_block *list)
{
	double w = 0;

	if (list->list == BP_LIST_BULLET)
		return BULLET_W;
	if (list->list == BP_LIST_SUBPARA)
		return b->subw;
	for (const struct bp_block *i = list->child; i; i = i->next) {
		double iw = i->number ? text_width(b, i->printed, 0, BODY_SIZE) : 0;
		if (iw > w)
			w = iw;
	}
	w += 12.0;
	return w < 30.0 ? 30.0 : w;
}

static void
lay_item(struct builder *b, const struct bp_block *item, double x,
	double markw, double space)
{
	static const struct bp_text empty;
	const struct bp_block *first = item->child;
	bool has_para = first != NULL && first->type == BP_BLOCK_PARA;
	double tx = nested_x(b, x, markw);   /* the item's text */
	double mx = tx - markw > MARGIN_X ? tx - markw : MARGIN_X; /* marker */
	struct text_spec ts = body_spec(b, has_para ? &first->text : &empty,
	    tx, item);
	size_t box;

	ts.role = PDF_ROLE_LI;
	ts.tag = PDF_SR_DOCUMENT;
	ts.lbl = true;
	ts.space = space;
	ts.marker = synth_run(b, item->number ? item->printed :
	    "\xE2\x80\xA2", 0, item->pos);
	ts.marker_x = item->number ? mx : mx + 5.0;
	tag_open(b, PDF_SR_LI);
	box = lay_text(b, &ts);
	if (item->id != NULL)
		add_dest(b, item, box);
	if (has_para) {
		add_dest(b, first, box);
		lay_blocks(b, first->child, tx);
		first = first->next;
	}
	lay_blocks(b, first, tx);
	tag_close(b, 2); /* LBody, LI */
}

static void
lay_list(struct builder *b, const struct bp_block *list, double x)
{
	double markw = marker_column(b, list);
	bool nested = list->parent != NULL &&
	    list->parent->type == BP_BLOCK_ITEM;
	double space = nested && list->tight ? TIGHT_SPACE : PARA_SPACE;

	tag_open(b, PDF_SR_L);
	for (const struct bp_block *i = list->child; i; i = i->next) {
		lay_item(b, i, x, markw, space);
		space = list->tight ? TIGHT_SPACE : PARA_SPACE;
	}
	tag_close(b, 1);
}

static void
lay_quote(struct builder *b, const struct bp_block *q, double x)
{
	const double *saved_bars = b->bars;
	int saved = b->nbars;

	if (b->nbars < MAX_BARS) {
		double *bars = bp_arena_alloc(b->arena,
		    (size_t)(b->nbars + 1) * sizeof(*bars));
		if (b->nbars > 0)
			memcpy(bars, b->bars, (size_t)b->nbars * sizeof(*bars));
		b->quotes[b->nbars] = q;
		bars[b->nbars++] = x + 3.0;
		b->bars = bars;
	}
	tag_open(b, PDF_SR_BLOCKQUOTE);
	lay_blocks(b, q->child, nested_x(b, x, QUOTE_W));
	tag_close(b, 1);
	b->bars = saved_bars;
	b->nbars = saved;
}

static void
lay_rule(struct builder *b, double x, double space)
{
	struct pdf_item *it;

	new_box(b, 12.0, space, 0);
	add_bars(b, 12.0);
	it = new_item(b, PDF_ITEM_LINE, PDF_ROLE_ARTIFACT);
	it->x = x;
	it->dy = 6.0;
	it->w = MARGIN_X + TEXT_W - x;
	it->gray = 0.6;
}

static void
lay_figure(struct builder *b, const struct bp_block *f, double x)
{
	const struct bp_image *im = &f->u.image;
	double maxw = MARGIN_X + TEXT_W - x, maxh = 500.0;
	double w = im->width * 0.75, h = im->height * 0.75; /* 96 dpi */
	struct pdf_item *it;

	if (w <= 0 || h <= 0)
		w = h = 1;
	if (w > maxw) {
		h *= maxw / w;
		w = maxw;
	}
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	new_box(b, h, PARA_SPACE, 0);
	add_bars(b, h);
	it = new_item(b, PDF_ITEM_IMAGE, PDF_ROLE_FIGURE);
	it->x = x;
	it->w = w;
	it->h = h;
	it->block = f;
	pdf_tag_set_alt(b->lay->tags, pdf_tag_open(b->lay->tags,
	    PDF_SR_FIGURE), im->alt);
	tag_last_item(b, true);
	tag_close(b, 1);
}

/* --- code blocks --------------------------------------------------------- */

/* A code line as a run of its own, tabs expanded to 4-column stops so that
 * indentation survives (the font has no tab glyph). */
static const struct bp_run *
code_line_run(struct builder *b, const struct bp_block *c, const char *s,
	size_t len, unsigned lineno)
{
	/* code lines start where the block does (cmark strips the indent) */
	struct bp_pos pos = { c->u.code.first_line + lineno, c->pos.col };
	struct bp_buf buf = BP_BUF_INIT;
	struct bp_run *r = synth_run(b, "", BP_STYLE_CODE, pos);
	size_t col = 0;

	r->text = s;
	r->len = len;
	if (memchr(s, '\t', len) == NULL)
		return r;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\t') {
			bp_buf_repeat(&buf, ' ', 4 - col % 4);
			col += 4 - col % 4;
		} else {
			bp_buf_putc(&buf, s[i]);
			col += ((unsigned char)s[i] & 0xC0) != 0x80;
		}
	}
	r->text = bp_arena_strndup(b->arena, buf.data, buf.len);
	r->len = buf.len;
	bp_buf_free(&buf);
	return r;
}

/* Cuts a code line into pieces that fit, between characters: code is
 * never reflowed, so its spaces are kept as they are. */
static void
wrap_code_line(struct builder *b, const struct bp_run *r, double width,
	struct bp_lines *out)
{
	size_t i = 0, n;

	if (r->len == 0) {
		GROW(out->lines, out->nlines, out->lines_cap);
		memset(&out->lines[out->nlines++], 0, sizeof(out->lines[0]));
		out->lines[out->nlines - 1].first = (uint32_t)out->nfrags;
		return;
	}
	while (i < r->len) {
		size_t start = i;
		double w = 0, cw;
		while (i < r->len) {
			n = bp_utf8_len(r->text + i, r->len - i);
			cw = pdf_doc_width(b->doc, BP_STYLE_CODE, SMALL_SIZE,
			    r->text + i, n);
			if (i > start && w + cw > width)
				break;
			w += cw;
			i += n;
		}
		GROW(out->frags, out->nfrags, out->frags_cap);
		out->frags[out->nfrags] = (struct bp_frag){ r, r->text + start,
		    (uint32_t)start, (uint32_t)(i - start), 0, w };
		GROW(out->lines, out->nlines, out->lines_cap);
		out->lines[out->nlines++] = (struct bp_line){
		    (uint32_t)out->nfrags, 1, w };
		out->nfrags++;
	}
}

static void
lay_code(struct builder *b, const struct bp_block *c, double x)
{
	const struct bp_code *code = &c->u.code;
	const char *p = code->text, *end = code->text + code->len;
	struct text_spec ts;
	unsigned lineno = 0;
	double pad = 4.0, dy = baseline(b, SMALL_SIZE, SMALL_LEAD);

	memset(&ts, 0, sizeof(ts));
	ts.size = SMALL_SIZE;
	ts.role = PDF_ROLE_CODE;
	ts.block = c;
	tag_open(b, PDF_SR_CODE);
	lend_frags(b, &b->lines);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		wrap_code_line(b, code_line_run(b, c, p, len, lineno++),
		    MARGIN_X + TEXT_W - x - 2 * pad, &b->lines);
		p += len + 1;
	}
	take_frags(b, &b->lines);
	for (size_t k = 0, n = b->lines.nlines; k < n; k++) {
		double top = k == 0 ? pad : 0, h = SMALL_LEAD + top +
		    (k + 1 == n ? pad : 0);
		struct pdf_item *it;
		new_box(b, h, k == 0 ? PARA_SPACE : 0, line_flags(&ts, k, n));
		add_bars(b, h);
		it = new_item(b, PDF_ITEM_RECT, PDF_ROLE_ARTIFACT);
		it->x = x;
		it->w = MARGIN_X + TEXT_W - x;
		it->h = h;
		it->gray = 0.94;
		add_text_item(b, &ts, &b->lines, k, x + pad, top + dy);
	}
	tag_close(b, 1);
}

/* --- tables ----------------------------------------------------------- */

struct table_grid {
	const struct bp_block *block;
	const struct bp_table *t;
	double x;        /* left edge, points */
	double *colx;    /* ncols + 1 column edges, points */
	double size, lead; /* the cells' type, points */
	double pad;      /* padding either side of a cell's text, points */
	struct bp_lines *cells; /* ncols: the current row's lines */
	size_t *td;      /* ncols: the current row's TD elements */
};

/* The extents of the table's columns at SMALL_SIZE, header row in bold. */
static void
measure_columns(struct builder *b, const struct bp_table *t,
	struct bp_extent *cols)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		struct bp_extent e;
		b->size = SMALL_SIZE;
		b->style = i < t->ncols ? BP_STYLE_STRONG : 0;
		e = bp_text_extent(&b->measure, t->cells[i].runs,
		    t->cells[i].nruns);
		b->style = 0;
		if (e.natural > cols[i % t->ncols].natural)
			cols[i % t->ncols].natural = e.natural;
		if (e.word > cols[i % t->ncols].word)
			cols[i % t->ncols].word = e.word;
	}
}

/* The layouts a table tries, most generous first: its padding narrowed,
 * then its type stepped down to 9 pt, then the whole width between the
 * margins instead of its indent. */
static const struct table_try {
	double size, lead, pad;
	bool full_width;
} table_tries[] = {
	{ SMALL_SIZE, SMALL_LEAD, CELL_PAD_X, false },
	{ SMALL_SIZE, SMALL_LEAD, CELL_PAD_X / 2, false },
	{ 9.0, 11.25, CELL_PAD_X / 2, false },
	{ 9.0, 11.25, CELL_PAD_X / 2, true },
};
#define NTRIES (sizeof(table_tries) / sizeof(table_tries[0]))

/* Column edges by the shared fitting (layout.c); the first layout whose
 * columns hold every word whole wins, else the last breaks words inside
 * cells, with a warning naming the table.  Room left over is shared out
 * so that the rules span the width. */
static void
table_columns(struct builder *b, struct table_grid *g, double x)
{
	const struct bp_table *t = g->t;
	struct bp_extent *cols = bp_xcalloc(t->ncols, sizeof(*cols));
	struct bp_extent *at = bp_xcalloc(t->ncols, sizeof(*at));
	double *w = bp_xcalloc(t->ncols, sizeof(*w)), avail = 0, sum = 0;
	bool fits = false;
	size_t k;

	measure_columns(b, t, cols);
	for (k = 0; k < NTRIES && !fits; k++) {
		const struct table_try *tr = &table_tries[k];
		double scale = tr->size / SMALL_SIZE, extra = 2 * tr->pad + 1;
		g->x = tr->full_width ? MARGIN_X : x;
		avail = MARGIN_X + TEXT_W - g->x;
		for (size_t c = 0; c < t->ncols; c++) {
			at[c].natural = cols[c].natural * scale + extra;
			at[c].word = cols[c].word * scale + extra;
		}
		fits = bp_table_columns(at, t->ncols, avail, w);
		g->size = tr->size;
		g->lead = tr->lead;
		g->pad = tr->pad;
	}
	if (!fits)
		bp_diag(b->diags, g->block->pos, BP_W_TABLE_SPLIT, "the page");
	for (size_t c = 0; c < t->ncols; c++)
		sum += w[c];
	g->colx[0] = g->x;
	for (size_t c = 0; c < t->ncols; c++)
		g->colx[c + 1] = g->colx[c] + w[c] +
		    (sum < avail ? (avail - sum) / (double)t->ncols : 0);
	free(w);
	free(at);
	free(cols);
}

static void
add_rule_item(struct builder *b, double x, double dy, double w, double gray)
{
	struct pdf_item *it = new_item(b, PDF_ITEM_LINE, PDF_ROLE_ARTIFACT);

	it->x = x;
	it->dy = dy;
	it->w = w;
	it->gray = gray;
}

/* Line k of cell c of row r, `dy` being the line's baseline in its box. */
static void
lay_cell_line(struct builder *b, const struct table_grid *g, size_t r,
	size_t c, size_t k, double dy)
{
	const struct bp_table *t = g->t;
	const struct bp_lines *cl = &g->cells[c];
	struct text_spec ts;
	double inner = g->colx[c + 1] - g->colx[c] - 2 * g->pad;
	double x = g->colx[c] + g->pad, slack = inner - cl->lines[k].width;

	memset(&ts, 0, sizeof(ts));
	ts.block = g->block;
	ts.size = g->size;
	ts.style = r == 0 ? BP_STYLE_STRONG : 0;
	ts.role = r == 0 ? PDF_ROLE_TH : PDF_ROLE_TD;
	if (t->align[c] == BP_ALIGN_RIGHT)
		x += slack;
	else if (t->align[c] == BP_ALIGN_CENTER)
		x += slack / 2;
	add_text_item(b, &ts, cl, k, x, dy);
}

/* Breaks the cells of row r into lines; returns the row's line count. */
static size_t
break_row(struct builder *b, struct table_grid *g, size_t r)
{
	const struct bp_table *t = g->t;
	size_t nl = 1;

	for (size_t c = 0; c < t->ncols; c++) {
		const struct bp_text *x = &t->cells[r * t->ncols + c];
		double inner = g->colx[c + 1] - g->colx[c] - 2 * g->pad;
		b->size = g->size;
		b->style = r == 0 ? BP_STYLE_STRONG : 0;
		break_runs(b, x->runs, x->nruns, inner, &g->cells[c]);
		b->style = 0;
		nl = g->cells[c].nlines > nl ? g->cells[c].nlines : nl;
	}
	return nl;
}

/* The header row: one box, shaded, placed again at the top of every page
 * the table continues on. */
static size_t
lay_head_row(struct builder *b, struct table_grid *g)
{
	const struct bp_table *t = g->t;
	double width = g->colx[t->ncols] - g->x, height;
	size_t nl = break_row(b, g, 0), box;
	struct pdf_item *it;

	height = (double)nl * g->lead + 2 * CELL_PAD_Y;
	box = new_box(b, height, 4.0, 0);
	b->lay->boxes[box].head = (uint32_t)box;
	add_bars(b, height);
	it = new_item(b, PDF_ITEM_RECT, PDF_ROLE_ARTIFACT);
	it->x = g->x;
	it->w = width;
	it->h = height;
	it->gray = 0.9;
	add_rule_item(b, g->x, 0, width, 0);
	add_rule_item(b, g->x, height, width, 0);
	tag_open(b, PDF_SR_THEAD);
	tag_open(b, PDF_SR_TR);
	for (size_t c = 0; c < t->ncols; c++) {
		tag_open(b, PDF_SR_TH);
		for (size_t k = 0; k < g->cells[c].nlines; k++)
			lay_cell_line(b, g, 0, c, k, CELL_PAD_Y +
			    baseline(b, g->size, g->lead) + (double)k * g->lead);
		tag_close(b, 1);
	}
	tag_close(b, 2);
	return box;
}

/* A body row that fits on a page: one box, never split; its cells drawn
 * one after another, in reading order. */
static void
lay_whole_row(struct builder *b, struct table_grid *g, size_t r,
	size_t head, size_t nl)
{
	const struct bp_table *t = g->t;
	double width = g->colx[t->ncols] - g->x;
	double height = (double)nl * g->lead + 2 * CELL_PAD_Y;
	size_t box = new_box(b, height, 0, BP_VBOX_IN_TABLE |
	    (r == 1 ? BP_VBOX_KEEP : 0));

	b->lay->boxes[box].head = (uint32_t)head;
	add_bars(b, height);
	add_rule_item(b, g->x, height, width, r + 1 == t->nrows ? 0 : 0.75);
	for (size_t c = 0; c < t->ncols; c++) {
		tag_open(b, PDF_SR_TD);
		for (size_t k = 0; k < g->cells[c].nlines; k++)
			lay_cell_line(b, g, r, c, k, CELL_PAD_Y +
			    baseline(b, g->size, g->lead) + (double)k * g->lead);
		tag_close(b, 1);
	}
}

/* A body row taller than a page: a box per line of the row, so that it
 * starts where it falls, breaks between two lines as a paragraph does (no
 * line left alone) and continues under the repeated header row.  Each
 * cell's lines go to its own TD, whichever box they are in. */
static void
lay_tall_row(struct builder *b, struct table_grid *g, size_t r,
	size_t head, size_t nl, size_t tr)
{
	const struct bp_table *t = g->t;
	double width = g->colx[t->ncols] - g->x;

	for (size_t c = 0; c < t->ncols; c++) {
		g->td[c] = pdf_tag_open(b->lay->tags, PDF_SR_TD);
		tag_close(b, 1);
	}
	for (size_t k = 0; k < nl; k++) {
		double top = k == 0 ? CELL_PAD_Y : 0;
		double h = g->lead + top + (k + 1 == nl ? CELL_PAD_Y : 0);
		bool keep = k == 0 ? r == 1 : k == 1 || k + 1 == nl;
		size_t box = new_box(b, h, 0, BP_VBOX_IN_TABLE |
		    (keep ? BP_VBOX_KEEP : 0));
		b->lay->boxes[box].head = (uint32_t)head;
		add_bars(b, h);
		for (size_t c = 0; c < t->ncols; c++) {
			if (k >= g->cells[c].nlines)
				continue;
			pdf_tag_reopen(b->lay->tags, g->td[c]);
			lay_cell_line(b, g, r, c, k, top +
			    baseline(b, g->size, g->lead));
		}
		pdf_tag_reopen(b->lay->tags, tr);
		if (k + 1 == nl)
			add_rule_item(b, g->x, h, width, r + 1 == t->nrows ?
			    0 : 0.75);
	}
}

static void
lay_body_row(struct builder *b, struct table_grid *g, size_t r, size_t head)
{
	size_t nl = break_row(b, g, r), tr;
	double body = PDF_PAGE_H - b->grid.body_top_min - BODY_BOTTOM;

	if (r == 1)
		tag_open(b, PDF_SR_TBODY);
	tr = pdf_tag_open(b->lay->tags, PDF_SR_TR);
	/* the header row and a line's room are taken off the page */
	if ((double)nl * g->lead + 2 * CELL_PAD_Y > body - 3 * g->lead)
		lay_tall_row(b, g, r, head, nl, tr);
	else
		lay_whole_row(b, g, r, head, nl);
	tag_close(b, r + 1 == g->t->nrows ? 2 : 1);
}

static void
lay_table(struct builder *b, const struct bp_block *blk, double x)
{
	const struct bp_table *t = &blk->u.table;
	struct table_grid g;
	size_t head;

	if (t->ncols == 0 || t->nrows == 0)
		return;
	memset(&g, 0, sizeof(g));
	g.block = blk;
	g.t = t;
	g.colx = bp_xcalloc(t->ncols + 1, sizeof(*g.colx));
	g.cells = bp_xcalloc(t->ncols, sizeof(*g.cells));
	g.td = bp_xcalloc(t->ncols, sizeof(*g.td));
	table_columns(b, &g, x);
	tag_open(b, PDF_SR_TABLE);
	if (t->caption.nruns > 0) {
		struct text_spec ts = body_spec(b, &t->caption, g.x, blk);
		ts.size = SMALL_SIZE;
		ts.lead = SMALL_LEAD;
		ts.style = BP_STYLE_STRONG;
		ts.role = PDF_ROLE_CAPTION;
		ts.tag = PDF_SR_CAPTION;
		ts.heading = true;
		lay_text(b, &ts);
		b->keep = 1;
	}
	head = lay_head_row(b, &g);
	for (size_t r = 1; r < t->nrows; r++)
		lay_body_row(b, &g, r, head);
	tag_close(b, 1);
	for (size_t c = 0; c < t->ncols; c++)
		bp_lines_free(&g.cells[c]);
	free(g.td);
	free(g.cells);
	free(g.colx);
}

/* --- dispatch ------------------------------------------------------------ */

static void
lay_block(struct builder *b, const struct bp_block *blk, double x)
{
	if (b->over_pages)
		return;
	if (blk->pos.line > 0)
		b->at = blk->pos;
	switch (blk->type) {
	case BP_BLOCK_SECTION:
		lay_blocks(b, blk->child, x);
		break;
	case BP_BLOCK_HEADING:
		lay_heading(b, blk, x);
		break;
	case BP_BLOCK_PARA:
		lay_para(b, blk, x, PARA_SPACE);
		break;
	case BP_BLOCK_LIST:
		lay_list(b, blk, x);
		break;
	case BP_BLOCK_ITEM:
		lay_item(b, blk, x, BULLET_W, PARA_SPACE);
		break;
	case BP_BLOCK_QUOTE:
		lay_quote(b, blk, x);
		break;
	case BP_BLOCK_CODE:
		lay_code(b, blk, x);
		break;
	case BP_BLOCK_TABLE:
		lay_table(b, blk, x);
		break;
	case BP_BLOCK_RULE:
		lay_rule(b, x, PARA_SPACE);
		break;
	case BP_BLOCK_FIGURE:
		lay_figure(b, blk, x);
		break;
	default:
		break;
	}
}

static bool
numbered_para(const struct bp_block *blk)
{
	return blk != NULL && blk->type == BP_BLOCK_PARA && blk->number != NULL;
}

/* A run of numbered paragraphs is one list (L) in the structure tree. */
static void
lay_blocks(struct builder *b, const struct bp_block *blk, double x)
{
	bool in_list = false;

	for (; blk != NULL; blk = blk->next) {
		if (numbered_para(blk) && !in_list)
			tag_open(b, PDF_SR_L);
		in_list = numbered_para(blk);
		lay_block(b, blk, x);
		if (in_list && !numbered_para(blk->next))
			tag_close(b, 1);
	}
}

/* The widest sub-paragraph number in blocks `blk` and below, points. */
static double
widest_subpara(struct builder *b, const struct bp_block *blk)
{
	double w = 0;

	for (; blk != NULL; blk = blk->next) {
		double cw = widest_subpara(b, blk->child);
		if (blk->type == BP_BLOCK_ITEM && blk->printed != NULL &&
		    blk->parent != NULL && blk->parent->list == BP_LIST_SUBPARA)
		{
			double own = text_width(b, blk->printed, 0, BODY_SIZE);
			cw = own > cw ? own : cw;
		}
		w = cw > w ? cw : w;
	}
	return w;
}

/* One tab stop for every sub-paragraph of the paper, so that their text
 * starts at the same place in every list: the widest number decides. */
static double
subpara_column(struct builder *b)
{
	double w = widest_subpara(b, b->paper->body) + 12.0;

	return w < 30.0 ? 30.0 : w;
}

/* The widest top-level number sets one column for the whole paper, so
 * that all text aligns. */
static double
number_column(struct builder *b)
{
	double w = 0;

	for (const struct bp_block *s = b->paper->body; s; s = s->next)
		for (const struct bp_block *c = s->child; c; c = c->next) {
			double cw;
			if ((c->type != BP_BLOCK_PARA &&
			    c->type != BP_BLOCK_HEADING) || c->number == NULL)
				continue;
			cw = text_width(b, c->printed,
			    c->type == BP_BLOCK_HEADING ? BP_STYLE_STRONG : 0,
			    c->type == BP_BLOCK_HEADING ? H1_SIZE : BODY_SIZE);
			w = cw > w ? cw : w;
		}
	w += 14.0;
	return w < 36.0 ? 36.0 : w;
}

/* --- the cover: title and the fields before the body ------------------ */

static const struct bp_run *
label_run(struct builder *b, const char *text)
{
	static const struct bp_pos nowhere;

	return synth_run(b, text, BP_STYLE_STRONG, nowhere);
}

/* A label's words, or its template filled with `args`, in the arena. */
static const char *
label_text(struct builder *b, enum bp_label which, const char *const *args,
	size_t nargs, const char *after)
{
	struct bp_buf buf = BP_BUF_INIT;
	const char *s;

	bp_label_fill(&buf, b->labels->text[which], args, nargs);
	bp_buf_puts(&buf, after);
	s = bp_arena_strndup(b->arena, buf.data, buf.len);
	bp_buf_free(&buf);
	return s;
}

static const char *
label(struct builder *b, enum bp_label which)
{
	return b->labels->text[which];
}

/* A bold label kept with the text below it. */
static void
lay_label(struct builder *b, const char *text, double space)
{
	struct text_spec ts;

	memset(&ts, 0, sizeof(ts));
	ts.runs = label_run(b, text);
	ts.nruns = 1;
	ts.x = MARGIN_X;
	ts.width = TEXT_W;
	ts.size = BODY_SIZE;
	ts.lead = BODY_LEAD;
	ts.role = PDF_ROLE_H;
	ts.space = space;
	ts.heading = true;
	lay_text(b, &ts);
}

static void
lay_field(struct builder *b, enum bp_label name, const struct bp_text *value)
{
	struct text_spec ts = body_spec(b, value, MARGIN_X, NULL);

	/* LI > Lbl (the label) + LBody (the value), in the cover's L */
	tag_open(b, PDF_SR_LI);
	tag_open(b, PDF_SR_LBL);
	lay_label(b, label(b, name), 12.0);
	tag_close(b, 1);
	tag_open(b, PDF_SR_LBODY);
	ts.tag = PDF_SR_DOCUMENT;
	ts.space = 2.0;
	lay_text(b, &ts);
	tag_close(b, 2);
}

static void
lay_recommendations(struct builder *b, const struct bp_meta *m)
{
	bool list = m->recommendations_list;

	tag_open(b, PDF_SR_LI);
	tag_open(b, PDF_SR_LBL);
	lay_label(b, label(b, list ? BP_LABEL_RECOMMENDATIONS :
	    BP_LABEL_RECOMMENDATION), 12.0);
	tag_close(b, 1);
	tag_open(b, PDF_SR_LBODY);
	if (list)
		tag_open(b, PDF_SR_L);
	for (size_t i = 0; i < m->nrecommendations; i++) {
		struct text_spec ts = body_spec(b, &m->recommendations[i],
		    MARGIN_X, NULL);
		ts.space = i == 0 ? 2.0 : 4.0;
		if (m->recommendations_list) {
			ts.marker = synth_run(b, m->recommendation_numbers[i],
			    0, m->recommendations[i].pos);
			ts.marker_x = MARGIN_X;
			ts.x += 22.0;
			ts.width -= 22.0;
			ts.role = PDF_ROLE_LI;
			ts.tag = PDF_SR_DOCUMENT;
			ts.lbl = true;
			tag_open(b, PDF_SR_LI);
		}
		lay_text(b, &ts);
		if (list)
			tag_close(b, 2);
	}
	tag_close(b, list ? 3 : 2);
}

/* One "Label: value" row of the contact block; the email is a link. */
static void
lay_contact_row(struct builder *b, enum bp_label name, const char *value,
	const struct bp_pos *pos, bool email, double space, double lw)
{
	struct bp_run *r = synth_run(b, value, 0, *pos);
	struct text_spec ts;

	if (email) {
		struct bp_link *l = bp_arena_alloc(b->arena, sizeof(*l));
		l->type = BP_LINK_URL;
		l->url = bp_arena_printf(b->arena, "mailto:%s", value);
		l->pos = *pos;
		r->link = l;
	}
	memset(&ts, 0, sizeof(ts));
	ts.runs = r;
	ts.nruns = 1;
	ts.x = MARGIN_X + lw;
	ts.width = TEXT_W - lw;
	ts.size = BODY_SIZE;
	ts.lead = BODY_LEAD;
	ts.role = PDF_ROLE_P;
	ts.space = space;
	ts.marker = label_run(b, label_text(b, name, NULL, 0, ":"));
	ts.marker_x = MARGIN_X;
	ts.lbl = true;
	tag_open(b, PDF_SR_LI);
	lay_text(b, &ts);
	tag_close(b, 2);
}

/* The contact block's label column: its widest label in the paper's bold
 * face, and the gap, but never narrower than COVER_LABEL_W (a wider face,
 * such as a monospaced house style's, ran into the values). */
static double
contact_label_width(struct builder *b)
{
	static const enum bp_label names[] = {
		BP_LABEL_CONTACT_OFFICER, BP_LABEL_POSITION, BP_LABEL_PHONE,
		BP_LABEL_EMAIL,
	};
	double lw = COVER_LABEL_W;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		double w = text_width(b, label_text(b, names[i], NULL, 0, ":"),
		    BP_STYLE_STRONG, BODY_SIZE) + COVER_LABEL_GAP;
		lw = w > lw ? w : lw;
	}
	return lw;
}

static void
lay_contact(struct builder *b, const struct bp_contact *c)
{
	double lw = contact_label_width(b);

	lay_contact_row(b, BP_LABEL_CONTACT_OFFICER, c->name, &c->pos, false,
	    12.0, lw);
	b->keep = 3;
	if (c->position != NULL)
		lay_contact_row(b, BP_LABEL_POSITION, c->position, &c->pos,
		    false, 0, lw);
	if (c->phone != NULL)
		lay_contact_row(b, BP_LABEL_PHONE, c->phone, &c->pos, false,
		    0, lw);
	if (c->email != NULL)
		lay_contact_row(b, BP_LABEL_EMAIL, c->email, &c->pos, true,
		    0, lw);
	b->keep = 0;
}

/* The house style's logo at the head of the cover, 42 pt high (narrower
 * when it would be wider than half the text column); false when the
 * style has none. */
static bool
lay_logo(struct builder *b)
{
	const struct bp_house_style *s = b->paper->style;
	struct bp_block *blk;
	struct pdf_item *it;
	double h = 42.0, w;

	if (s->logo_path == NULL || s->logo.width == 0 || s->logo.height == 0)
		return false;
	w = h * s->logo.width / s->logo.height;
	if (w > TEXT_W / 2) {
		h *= TEXT_W / 2 / w;
		w = TEXT_W / 2;
	}
	/* a figure of its own, so that its alt text (the organisation) goes
	 * with it like any image's */
	blk = bp_arena_alloc(b->arena, sizeof(*blk));
	blk->type = BP_BLOCK_FIGURE;
	blk->u.image = s->logo;
	blk->u.image.alt = s->logo.alt;
	new_box(b, h, 0, 0);
	it = new_item(b, PDF_ITEM_IMAGE, PDF_ROLE_FIGURE);
	it->x = MARGIN_X;
	it->w = w;
	it->h = h;
	it->block = blk;
	pdf_tag_set_alt(b->lay->tags, pdf_tag_open(b->lay->tags,
	    PDF_SR_FIGURE), s->logo.alt);
	tag_last_item(b, true);
	tag_close(b, 1);
	b->keep = 1;
	return true;
}

/* The house style's fields, after the built-in ones: a label, then the
 * value, a list's items as bullets. */
static void
lay_style_fields(struct builder *b)
{
	static const struct bp_pos nowhere;
	const struct bp_paper *p = b->paper;

	for (size_t i = 0; i < p->nfields; i++) {
		const struct bp_field *f = &p->fields[i];
		bool list = f->def->type == BP_FIELD_LIST && f->nvalues > 0;
		/* LI > Lbl + LBody, as the built-in fields; a list's items
		 * an L of their own inside the LBody */
		tag_open(b, PDF_SR_LI);
		tag_open(b, PDF_SR_LBL);
		lay_label(b, f->label, 12.0);
		tag_close(b, 1);
		tag_open(b, PDF_SR_LBODY);
		if (list)
			tag_open(b, PDF_SR_L);
		for (size_t k = 0; k < f->nvalues; k++) {
			struct text_spec ts = body_spec(b, &f->values[k],
			    MARGIN_X + (list ? BULLET_W : 0), NULL);
			ts.space = k == 0 ? 2.0 : TIGHT_SPACE;
			ts.tag = PDF_SR_DOCUMENT;
			if (list) {
				ts.marker = synth_run(b, "\xE2\x80\xA2", 0,
				    nowhere);
				ts.marker_x = MARGIN_X + 5.0;
				ts.role = PDF_ROLE_LI;
				ts.lbl = true;
				tag_open(b, PDF_SR_LI);
			}
			lay_text(b, &ts);
			if (list)
				tag_close(b, 2);
		}
		if (list)
			tag_close(b, 1);
		if (f->nvalues == 0) {
			struct text_spec ts = body_spec(b, &(struct bp_text){
			    .runs = (struct bp_run *)synth_run(b,
			    b->labels->text[BP_LABEL_NONE], 0, nowhere),
			    .nruns = 1 }, MARGIN_X, NULL);
			ts.space = 2.0;
			ts.tag = PDF_SR_DOCUMENT;
			lay_text(b, &ts);
		}
		tag_close(b, 2);
	}
}

static void
lay_cover(struct builder *b)
{
	const struct bp_meta *m = &b->paper->meta;
	struct text_spec ts = body_spec(b, &m->title, MARGIN_X, NULL);

	ts.size = TITLE_SIZE;
	ts.lead = TITLE_LEAD;
	ts.style = BP_STYLE_STRONG;
	ts.role = PDF_ROLE_TITLE;
	ts.tag = PDF_SR_H1;
	ts.space = 0;
	ts.heading = true;
	if (lay_logo(b))
		ts.space = 14.0;
	lay_text(b, &ts);
	/* the cover fields: a list of label and value, as HTML's <dl> */
	tag_open(b, PDF_SR_L);
	if (m->confidential) {
		static const struct bp_text none;
		lay_field(b, BP_LABEL_CONFIDENTIAL,
		    m->confidential_reason.nruns ? &m->confidential_reason :
		    &none);
	}
	lay_field(b, BP_LABEL_PURPOSE, &m->purpose);
	lay_field(b, BP_LABEL_SUMMARY, &m->summary);
	lay_recommendations(b, m);
	lay_field(b, BP_LABEL_ACTION, &m->action);
	for (size_t i = 0; i < m->ncontacts; i++)
		lay_contact(b, &m->contacts[i]);
	lay_style_fields(b);
	tag_close(b, 1);
	lay_rule(b, MARGIN_X, 10.0);
	b->lay->items[b->lay->nitems - 1].accent = true;
}

/* The short rule above a page's notes: one FOOT box, placed on every
 * page with notes. */
static void
lay_note_rule(struct builder *b)
{
	struct pdf_item *it;

	b->lay->note_rule = new_box(b, 10.0, 0, BP_VBOX_FOOT);
	it = new_item(b, PDF_ITEM_LINE, PDF_ROLE_ARTIFACT);
	it->x = MARGIN_X;
	it->dy = 4.0;
	it->w = TEXT_W / 3;
	it->gray = 0.4;
	it->note_rule = true;
}

/* A note's paragraph in the notes' smaller type. */
static struct text_spec
note_spec(struct builder *b, const struct bp_text *t, double space)
{
	struct text_spec ts = body_spec(b, t, MARGIN_X + BULLET_W, NULL);

	ts.size = SMALL_SIZE;
	ts.lead = SMALL_LEAD;
	ts.space = space;
	return ts;
}

/* One footnote as FOOT boxes: its number raised in front of it, as in
 * the text, and its blocks; in the structure tree a Note (made where its
 * first reference is, else here) holding Lbl and P. */
static void
lay_note(struct builder *b, const struct bp_footnote *f, double space)
{
	static const struct bp_text empty;
	struct pdf_layout *l = b->lay;
	const struct bp_block *first = f->child;
	bool para = first != NULL && first->type == BP_BLOCK_PARA;
	struct text_spec ts = note_spec(b, para ? &first->text : &empty,
	    space);
	struct bp_run *num = synth_run(b, bp_arena_printf(b->arena, "%u",
	    f->number), 0, f->pos);
	size_t back = pdf_tag_current(l->tags), k = f->number - 1;
	struct bp_note_boxes *nb;

	GROW(l->notes, l->nnotes, l->notes_cap);
	nb = &l->notes[l->nnotes++];
	nb->first = l->nboxes;
	/* where its references link to (pdf_doc.c): its first box */
	GROW(l->dests, l->ndests, l->dests_cap);
	l->dests[l->ndests].key = f;
	l->dests[l->ndests].box = nb->first;
	l->ndests++;
	num->type = BP_RUN_NOTE;
	num->note = f;
	ts.marker = num;
	ts.marker_x = MARGIN_X;
	ts.tag = PDF_SR_DOCUMENT;
	ts.note_lbl = true;
	if (b->note_elems[k] != PDF_TAG_NONE)
		pdf_tag_reopen(l->tags, b->note_elems[k]);
	else
		tag_open(b, PDF_SR_NOTE);
	lay_text(b, &ts);
	tag_close(b, 1); /* the P */
	if (para)
		first = first->next;
	for (; first != NULL; first = first->next) {
		if (first->type != BP_BLOCK_PARA) {
			lay_block(b, first, MARGIN_X + BULLET_W);
			continue;
		}
		ts = note_spec(b, &first->text, TIGHT_SPACE);
		ts.tag = PDF_SR_P;
		lay_text(b, &ts);
	}
	pdf_tag_reopen(l->tags, back);
	nb->n = l->nboxes - nb->first;
}

/* Footnotes, for the feet of the pages their references are on (SPEC
 * 1): laid out after everything else, as FOOT boxes the paginator places
 * (bp_paginate), in the order their references claimed them.  A note no
 * drawn text claimed goes with the last box. */
static void
lay_notes(struct builder *b)
{
	const struct bp_paper *p = b->paper;
	size_t last = b->lay->nboxes;

	if (p->nnotes == 0 || last == 0)
		return;
	for (size_t i = 0; i < p->nnotes; i++)
		claim_note(b, &p->notes[i]);
	b->keep = 0;
	b->box_flags = BP_VBOX_FOOT;
	lay_note_rule(b);
	for (size_t i = 0; i < b->nclaims; i++)
		lay_note(b, b->claims[i], i == 0 ? 0 : TIGHT_SPACE);
	b->box_flags = 0;
}

static void
lay_background_papers(struct builder *b)
{
	const struct bp_meta *m = &b->paper->meta;
	static const struct bp_pos nowhere;
	struct text_spec ts;
	size_t box;

	if (!m->has_background_papers)
		return;
	memset(&ts, 0, sizeof(ts));
	ts.runs = label_run(b, label(b, BP_LABEL_BACKGROUND_PAPERS));
	ts.nruns = 1;
	ts.x = MARGIN_X;
	ts.width = TEXT_W;
	ts.size = H1_SIZE;
	ts.lead = H1_LEAD;
	ts.role = PDF_ROLE_H;
	ts.tag = PDF_SR_H2;
	ts.space = 20.0;
	ts.heading = true;
	box = lay_text(b, &ts);
	GROW(b->lay->marks, b->lay->nmarks, b->lay->marks_cap);
	b->lay->marks[b->lay->nmarks++] = (struct pdf_mark){
		label(b, BP_LABEL_BACKGROUND_PAPERS), 1, box };
	if (m->nbackground_papers == 0) {
		ts = body_spec(b, &(struct bp_text){ .runs = (struct bp_run *)
		    synth_run(b, label(b, BP_LABEL_NONE), 0, nowhere),
		    .nruns = 1 },
		    MARGIN_X, NULL);
		lay_text(b, &ts);
	}
	if (m->nbackground_papers > 0)
		tag_open(b, PDF_SR_L);
	for (size_t i = 0; i < m->nbackground_papers; i++) {
		ts = body_spec(b, &m->background_papers[i], MARGIN_X +
		    BULLET_W, NULL);
		ts.marker = synth_run(b, "\xE2\x80\xA2", 0, nowhere);
		ts.marker_x = MARGIN_X + 5.0;
		ts.role = PDF_ROLE_LI;
		ts.tag = PDF_SR_DOCUMENT;
		ts.lbl = true;
		ts.space = i == 0 ? PARA_SPACE : TIGHT_SPACE;
		tag_open(b, PDF_SR_LI);
		lay_text(b, &ts);
		tag_close(b, 2);
	}
	if (m->nbackground_papers > 0)
		tag_close(b, 1);
}

/* --- page furniture -------------------------------------------------- */

static struct text_spec
furniture_spec(const struct bp_run *runs, size_t nruns, double width,
	unsigned style)
{
	struct text_spec ts;

	memset(&ts, 0, sizeof(ts));
	ts.runs = runs;
	ts.nruns = nruns;
	ts.width = width;
	ts.size = FURN_SIZE;
	ts.lead = FURN_LEAD;
	ts.style = style;
	ts.role = PDF_ROLE_ARTIFACT;
	return ts;
}

/* Sets furniture lines from `y` (a baseline, points from the page top),
 * left-aligned at `x` or right-aligned to it; returns the next baseline. */
static double
furniture_lines(struct builder *b, const struct text_spec *ts, double x,
	bool right, double y)
{
	break_text(b, ts);
	for (size_t k = 0; k < b->lines.nlines; k++, y += FURN_LEAD)
		add_text_item(b, ts, &b->lines, k, right ? x -
		    b->lines.lines[k].width : x, y);
	return y;
}

/* The header every page carries: board and meeting date on the left, the
 * item and the confidential marking on the right, the reason below.
 * Returns where the body starts, in points from the page top. */
static double
lay_header(struct builder *b, const struct pdf_facts *m)
{
	static const struct bp_pos nowhere;
	double top = 32.0, left = top, right = top;
	double lw = TEXT_W * 0.66, edge = MARGIN_X + TEXT_W;
	struct text_spec ts;

	if (m->organisation != NULL) {
		ts = furniture_spec(synth_run(b, m->organisation, 0, nowhere),
		    1, lw, BP_STYLE_STRONG);
		left = furniture_lines(b, &ts, MARGIN_X, false, left);
	}
	ts = furniture_spec(m->board->runs, m->board->nruns, lw, 0);
	left = furniture_lines(b, &ts, MARGIN_X, false, left);
	if (m->meeting_text != NULL) {
		ts = furniture_spec(synth_run(b, m->meeting_text, 0, nowhere),
		    1, lw, 0);
		left = furniture_lines(b, &ts, MARGIN_X, false, left);
	}
	if (m->item_text != NULL) {
		ts = furniture_spec(synth_run(b, m->item_text, 0, nowhere), 1,
		    TEXT_W - lw, BP_STYLE_STRONG);
		right = furniture_lines(b, &ts, edge, true, right);
	}
	if (m->confidential) {
		ts = furniture_spec(synth_run(b,
		    label(b, BP_LABEL_CONFIDENTIAL_MARK), 0, nowhere), 1,
		    TEXT_W - lw, BP_STYLE_STRONG);
		right = furniture_lines(b, &ts, edge, true, right);
	}
	left = left > right ? left : right;
	if (m->confidential && m->confidential_reason->nruns > 0) {
		ts = furniture_spec(m->confidential_reason->runs,
		    m->confidential_reason->nruns, TEXT_W, BP_STYLE_EMPH);
		left = furniture_lines(b, &ts, MARGIN_X, false, left);
	}
	add_rule_item(b, MARGIN_X, left - FURN_LEAD + 6.0, TEXT_W,
	    0.5);
	b->lay->items[b->lay->nitems - 1].accent = true;
	return left - FURN_LEAD + 24.0;
}

/* Sets furniture lines from `y` (a baseline), each centred on the text
 * column; returns the next baseline. */
static double
centred_lines(struct builder *b, const struct text_spec *ts, double y)
{
	break_text(b, ts);
	for (size_t k = 0; k < b->lines.nlines; k++, y += FURN_LEAD)
		add_text_item(b, ts, &b->lines, k, MARGIN_X +
		    (TEXT_W - b->lines.lines[k].width) / 2, y);
	return y;
}

/* An exempt paper's marking and its reason again at the foot of every
 * page (SPEC 3: "at the head and the foot of every PDF page"), centred
 * above "Page N of M"; laid with the header, so that every page gets a
 * copy.  Returns the body's bottom, from the foot: raised when these
 * lines need more room than the bottom margin gives. */
static double
lay_foot_marking(struct builder *b, const struct pdf_facts *m)
{
	static const struct bp_pos nowhere;
	struct text_spec mark, reason;
	size_t nreason = 0;
	double y, need;

	if (!m->confidential)
		return BODY_BOTTOM;
	mark = furniture_spec(synth_run(b,
	    label(b, BP_LABEL_CONFIDENTIAL_MARK), 0, nowhere), 1, TEXT_W,
	    BP_STYLE_STRONG);
	if (m->confidential_reason->nruns > 0) {
		reason = furniture_spec(m->confidential_reason->runs,
		    m->confidential_reason->nruns, TEXT_W, BP_STYLE_EMPH);
		break_text(b, &reason);
		nreason = b->lines.nlines;
	}
	y = PDF_PAGE_H - FOOTER_Y - (double)(nreason + 1) * FURN_LEAD;
	y = centred_lines(b, &mark, y);
	if (nreason > 0)
		(void)centred_lines(b, &reason, y);
	/* the top line's ascent and a gap above it */
	need = FOOTER_Y + (double)(nreason + 1) * FURN_LEAD + FOOT_GAP;
	return need > BODY_BOTTOM ? need : BODY_BOTTOM;
}

/* Every page's furniture: a copy of the header laid out as items h0 ..
 * h1 - 1, and "Page N of M", the layout's first page being page `first`
 * of `total`. */
static void
lay_furniture(struct builder *b, size_t h0, size_t h1, size_t first,
	size_t total)
{
	static const struct bp_pos nowhere;
	struct pdf_layout *l = b->lay;
	size_t np = l->pages.npages;

	l->furniture_item0 = bp_xcalloc(np + 1, sizeof(*l->furniture_item0));
	for (size_t p = 0; p < np; p++) {
		struct text_spec ts;
		l->furniture_item0[p] = l->nitems;
		for (size_t i = h0; i < h1; i++) {
			struct pdf_item copy = l->items[i];
			*new_item(b, copy.kind, copy.role) = copy;
		}
		char n[24], m[24];
		const char *args[2] = { n, m };
		snprintf(n, sizeof(n), "%zu", first + p);
		snprintf(m, sizeof(m), "%zu", total);
		ts = furniture_spec(synth_run(b, label_text(b,
		    BP_LABEL_PAGE_OF, args, 2, ""), 0, nowhere), 1,
		    TEXT_W, 0);
		break_text(b, &ts);
		add_text_item(b, &ts, &b->lines, 0, MARGIN_X +
		    (TEXT_W - b->lines.lines[0].width) / 2,
		    PDF_PAGE_H - FOOTER_Y);
	}
	l->furniture_item0[np] = l->nitems;
}

/* --- the layout dump ---------------------------------------------------- */

static const char *const role_names[PDF_ROLE__MAX] = {
	[PDF_ROLE_ARTIFACT] = "Artifact", [PDF_ROLE_TITLE] = "Title",
	[PDF_ROLE_H] = "H", [PDF_ROLE_P] = "P", [PDF_ROLE_LBL] = "Lbl",
	[PDF_ROLE_LI] = "LI", [PDF_ROLE_TH] = "TH", [PDF_ROLE_TD] = "TD",
	[PDF_ROLE_CAPTION] = "Caption", [PDF_ROLE_CODE] = "Code",
	[PDF_ROLE_FIGURE] = "Figure",
};

/* One line per drawn line: page, x, baseline y (PDF units, from the page
 * foot), faces, size, role:block line/lines, text; one per image: page,
 * x, its lowest y, "image", height, role:block 1/1, width, alt text. */
static void
dump_item(const struct pdf_layout *l, const struct pdf_item *it,
	size_t page, double top, struct bp_buf *out)
{
	enum pdf_face last = PDF_FACE__MAX;

	if (it->kind == PDF_ITEM_LINE && it->strike) {
		/* a strike line: where it starts, its width */
		bp_buf_printf(out, "%zu %.2f %.2f strike %.2f Artifact:strike "
		    "1/1 -\n", page + 1, it->x, PDF_PAGE_H - top - it->dy,
		    it->w);
		return;
	}
	if (it->kind == PDF_ITEM_LINE && it->note_rule) {
		/* the rule above the footnotes: where it starts, its width */
		bp_buf_printf(out, "%zu %.2f %.2f rule %.2f Artifact:notes "
		    "1/1 -\n", page + 1, it->x, PDF_PAGE_H - top - it->dy,
		    it->w);
		return;
	}
	if (it->kind == PDF_ITEM_IMAGE) {
		/* an image (its block is always the figure): its lowest
		 * point, its height, then its width and its alt text */
		const struct bp_block *f = it->block;
		bp_buf_printf(out, "%zu %.2f %.2f image %.2f %s:%s 1/1 "
		    "%.2f %s\n", page + 1, it->x, PDF_PAGE_H - top - it->dy -
		    it->h, it->h, role_names[it->role], f->id ? f->id : "-",
		    it->w, f->u.image.alt);
		return;
	}
	if (it->kind != PDF_ITEM_TEXT)
		return;
	bp_buf_printf(out, "%zu %.2f %.2f ", page + 1, it->x,
	    PDF_PAGE_H - top - it->dy);
	for (size_t i = 0; i < it->nfrags; i++) {
		enum pdf_face f = pdf_face_of(l->frags[it->frag0 + i].run->style
		    | it->style);
		if (f != last)
			bp_buf_printf(out, "%s%s", last == PDF_FACE__MAX ? "" :
			    "+", pdf_face_names[f]);
		last = f;
	}
	if (it->nfrags == 0)
		bp_buf_puts(out, "-");
	bp_buf_printf(out, " %g %s:%s %u/%u ", it->size, role_names[it->role],
	    it->block && it->block->id ? it->block->id : "-", it->line,
	    it->nlines);
	for (size_t i = 0; i < it->nfrags; i++) {
		const struct bp_frag *f = &l->frags[it->frag0 + i];
		bp_buf_put(out, f->text, f->len);
	}
	bp_buf_putc(out, '\n');
}

static void
dump_layout(const struct pdf_layout *l, struct bp_buf *out)
{
	size_t k = 0;

	for (size_t p = 0; p < l->pages.npages; p++) {
		for (; k < l->pages.nplaced && l->pages.placed[k].page == p;
		    k++) {
			const struct bp_placed *pl = &l->pages.placed[k];
			for (size_t i = l->box_item0[pl->box];
			    i < l->box_item0[pl->box + 1]; i++)
				dump_item(l, &l->items[i], p, l->body_top +
				    pl->y, out);
		}
		for (size_t i = l->furniture_item0[p];
		    i < l->furniture_item0[p + 1]; i++)
			dump_item(l, &l->items[i], p, 0, out);
	}
}

/* --- entry point ------------------------------------------------------ */

/* Sizes, the font's metrics and the page grid from the house style: the
 * built-in values without one. */
static void
use_style(struct builder *b, const struct bp_house_style *s)
{
	double k = s->font_size / 12.0;

	b->house = s;
	b->fs = (struct font_sizes){ 12.0 * k, 15.0 * k, 14.0 * k, 18.0 * k,
		20.0 * k, 24.0 * k, ASCENT, DESCENT };
	pdf_doc_set_style(b->doc, s);
	if (s->has_font)
		pdf_doc_metrics(b->doc, &b->fs.ascent, &b->fs.descent);
	b->grid = (struct page_grid){ PDF_MARGIN_X, PDF_TEXT_W, 0,
		PDF_BODY_BOTTOM, PDF_FOOTER_Y };
	if (s->has_margins) {
		/* the header sits in the top margin, the footer in the
		 * bottom one */
		b->grid.left = s->margins[3];
		b->grid.text_w = PDF_PAGE_W - s->margins[3] - s->margins[1];
		b->grid.body_top_min = s->margins[0];
		b->grid.body_bottom = s->margins[2];
		b->grid.footer_y = s->margins[2] - 28.0 > 20.0 ?
		    s->margins[2] - 28.0 : 20.0;
	}
}

/* The paper's cover, body and background papers as boxes to paginate. */
static void
lay_paper_body(struct builder *b)
{
	struct pdf_layout *l = b->lay;

	size_t nn = b->paper->nnotes;

	b->numw = number_column(b);
	b->subw = subpara_column(b);
	lay_cover(b);
	if (nn > 0) {
		b->note_claimed = bp_xcalloc(nn, sizeof(*b->note_claimed));
		b->note_elems = bp_xreallocarray(NULL, nn,
		    sizeof(*b->note_elems));
		b->claims = bp_xcalloc(nn, sizeof(*b->claims));
		b->nclaims = 0;
		for (size_t i = 0; i < nn; i++)
			b->note_elems[i] = PDF_TAG_NONE;
		pdf_tag_notes(l->tags, b->note_elems, nn);
	}
	lay_blocks(b, b->paper->body, MARGIN_X);
	lay_background_papers(b);
	if (nn > 0) {
		pdf_tag_notes(l->tags, NULL, 0);
		lay_notes(b);
	}
	free(b->note_claimed);
	free(b->note_elems);
	free(b->claims);
	b->note_claimed = NULL;
	b->note_elems = NULL;
	b->claims = NULL;
	l->box_item0[l->nboxes] = l->nitems;
}

/* Lays out the header once (its height sets where the body starts), then
 * breaks the boxes into pages.  Items h0 .. h1 - 1 are the header, which
 * lay_furniture copies onto every page once the page numbers are known. */
static void
lay_pages(struct builder *b, const struct pdf_facts *facts, size_t *h0,
	size_t *h1)
{
	struct pdf_layout *l = b->lay;
	struct bp_feet feet = { l->notes, l->nnotes, l->note_rule };
	double bottom;

	*h0 = l->nitems;
	l->body_top = lay_header(b, facts);
	if (l->body_top < b->grid.body_top_min)
		l->body_top = b->grid.body_top_min;
	bottom = lay_foot_marking(b, facts);
	*h1 = l->nitems;
	bp_paginate(l->boxes, l->nboxes, PDF_PAGE_H - l->body_top - bottom,
	    &feet, &l->pages);
}

/* Where the first page past the limit starts, `before` pages coming
 * before the layout's in the document: the source of the first block
 * drawn on it (the start of the paper if none is). */
static struct bp_pos
first_past_limit(const struct pdf_layout *l, size_t before)
{
	static const struct bp_pos nowhere;

	for (size_t i = 0; i < l->pages.nplaced; i++) {
		const struct bp_placed *pl = &l->pages.placed[i];
		if (pl->page + before < BP_MAX_PAGES)
			continue;
		for (size_t k = l->box_item0[pl->box];
		    k < l->box_item0[pl->box + 1]; k++)
			if (l->items[k].block != NULL &&
			    l->items[k].block->pos.line > 0)
				return l->items[k].block->pos;
	}
	return nowhere;
}

/* Pages the height estimate (count_height) let through: refused at the
 * block that starts the first page past the limit. */
static bool
over_page_limit(struct builder *b)
{
	const struct pdf_layout *l = b->lay;

	if (l->pages.npages <= BP_MAX_PAGES)
		return false;
	bp_diag(b->diags, first_past_limit(l, 0), BP_E_LIMIT_PAGES_AT,
	    (size_t)BP_MAX_PAGES);
	pdf_doc_refuse(b->doc);
	return true;
}

/* A paper on its own: its header facts from its front matter, pages
 * numbered from 1. */
static void
lay_paper(struct builder *b)
{
	const struct bp_meta *m = &b->paper->meta;
	struct pdf_facts facts = {
		.organisation = b->paper->style->organisation,
		.board = &m->board, .meeting_text = m->meeting_text,
		.item_text = m->item_text, .confidential = m->confidential,
		.confidential_reason = &m->confidential_reason,
	};
	size_t h0, h1;

	lay_paper_body(b);
	if (b->over_pages)
		return;
	lay_pages(b, &facts, &h0, &h1);
	if (over_page_limit(b))
		return;
	lay_furniture(b, h0, h1, 1, b->lay->pages.npages);
	report_missing(b);
}

static void
layout_free(struct pdf_layout *l)
{
	free(l->boxes);
	free(l->box_item0);
	free(l->items);
	free(l->frags);
	free(l->dests);
	free(l->marks);
	free(l->link_keys);
	free(l->furniture_item0);
	free(l->notes);
	bp_pages_free(&l->pages);
}

/* The paper's metadata: title, its contact officers as authors, its
 * purpose as subject, its language.  With `shed` (the layout drawn and
 * shed), the layout goes once its links and bookmarks are made, before
 * the structure tree is written: its placements were 3 MB of a table
 * cell's 2469 pages. */
static int
finish_paper(struct builder *b, struct bp_buf *out, bool shed)
{
	const struct bp_meta *m = &b->paper->meta;
	struct bp_buf authors = BP_BUF_INIT;
	struct pdf_info info;
	int rc;

	for (size_t i = 0; i < m->ncontacts; i++)
		bp_buf_printf(&authors, "%s%s", i ? ", " : "",
		    m->contacts[i].name);
	info.title = m->title.plain;
	info.author = authors.len > 0 ? authors.data : NULL;
	info.subject = m->purpose.plain;
	info.lang = m->lang;
	rc = pdf_doc_link(b->doc);
	if (rc == 0 && shed) {
		layout_free(b->lay);
		memset(b->lay, 0, sizeof(*b->lay));
	}
	if (rc == 0)
		rc = pdf_doc_complete(b->doc, &info, out);
	bp_buf_free(&authors);
	if (rc != 0)
		return rc;
	/* the layout is in the document now: it goes before the file is
	 * written */
	layout_free(b->lay);
	memset(b->lay, 0, sizeof(*b->lay));
	bp_lines_free(&b->lines);
	bp_arena_free(b->arena);
	b->arena = NULL;
	return pdf_doc_save(b->doc, out);
}


/* A paginated layout as drawing needs it: each array at its length (they
 * grew by doubling, and are held through the drawing), the boxes gone. */
static void
layout_trim(struct pdf_layout *l)
{
	if (l->nitems > 0) {
		l->items = bp_xreallocarray(l->items, l->nitems,
		    sizeof(*l->items));
		l->items_cap = l->nitems;
	}
	if (l->nfrags > 0) {
		l->frags = bp_xreallocarray(l->frags, l->nfrags,
		    sizeof(*l->frags));
		l->frags_cap = l->nfrags;
	}
	if (l->pages.nplaced > 0) {
		l->pages.placed = bp_xreallocarray(l->pages.placed,
		    l->pages.nplaced, sizeof(*l->pages.placed));
		l->pages.cap = l->pages.nplaced;
	}
	/* the boxes' sizes were for pagination: drawing takes each box's
	 * items and where it was placed, and the finish only their count */
	free(l->boxes);
	l->boxes = NULL;
	l->boxes_cap = 0;
}

/* What only drawing needs, freed once the layout is drawn: the finish
 * reads its placements, destinations, bookmarks and link keys (pdf.h),
 * and the box count. */
static void
layout_shed(struct pdf_layout *l)
{
	free(l->items);
	l->items = NULL;
	l->nitems = l->items_cap = 0;
	free(l->frags);
	l->frags = NULL;
	l->nfrags = l->frags_cap = 0;
	free(l->box_item0);
	l->box_item0 = NULL;
	free(l->furniture_item0);
	l->furniture_item0 = NULL;
}

int
bp_render_pdf(const struct bp_paper *paper, const struct bp_render_opts *opts,
	struct bp_buf *out, struct bp_diags *diags)
{
	struct builder b;
	struct pdf_layout lay;
	int rc = -1;

	memset(&b, 0, sizeof(b));
	memset(&lay, 0, sizeof(lay));
	b.paper = paper;
	b.labels = paper->labels;
	b.diags = diags;
	b.lay = &lay;
	b.doc = pdf_doc_new(opts, diags);
	if (b.doc == NULL)
		return -1;
	lay.tags = pdf_doc_tags(b.doc);
	use_style(&b, paper->style);
	b.arena = bp_arena_new();
	b.measure.width = measure_points;
	b.measure.ascii = ascii_points;
	b.measure.ctx = &b;
	bp_lines_init(&b.lines);
	lay_paper(&b);
	if (!pdf_doc_failed(b.doc)) {
		if (opts->dump_layout) {
			dump_layout(&lay, out);
			rc = out->failed ? -1 : 0;
		} else {
			layout_trim(&lay);
			pdf_tags_trim(lay.tags);
			if (pdf_doc_draw(b.doc, &lay) == 0) {
				/* the structure dump prints the lines' text */
				if (!opts->dump_structure)
					layout_shed(&lay);
				rc = finish_paper(&b, out,
				    !opts->dump_structure);
			}
		}
	}
	layout_free(&lay);
	bp_lines_free(&b.lines);
	free(b.missing);
	bp_arena_free(b.arena);
	pdf_doc_free(b.doc);
	return rc;
}

/* --- layouts for packs (src/outputs/render_pdf_pack.c) ------------------------ */

struct pdf_lay {
	struct builder b;
	struct pdf_layout lay;
	size_t h0, h1; /* the header's items, once paginated */
	size_t before; /* the document's pages before this layout's */
};

struct pdf_lay *
pdf_lay_new(struct pdf_doc *doc, const struct bp_house_style *style,
	const struct bp_labels *labels, struct bp_diags *diags)
{
	struct pdf_lay *pl = bp_xcalloc(1, sizeof(*pl));

	pl->b.labels = labels;
	pl->b.diags = diags;
	pl->b.doc = doc;
	pl->b.lay = &pl->lay;
	pl->lay.tags = pdf_doc_tags(doc);
	pl->lay.diags = diags;
	use_style(&pl->b, style);
	pl->b.arena = bp_arena_new();
	pl->b.measure.width = measure_points;
	pl->b.measure.ascii = ascii_points;
	pl->b.measure.ctx = &pl->b;
	bp_lines_init(&pl->b.lines);
	return pl;
}

void
pdf_lay_free(struct pdf_lay *pl)
{
	if (pl == NULL)
		return;
	layout_free(&pl->lay);
	bp_lines_free(&pl->b.lines);
	free(pl->b.missing);
	bp_arena_free(pl->b.arena);
	free(pl);
}

const struct pdf_layout *
pdf_lay_layout(const struct pdf_lay *pl)
{
	return &pl->lay;
}

size_t
pdf_lay_npages(const struct pdf_lay *pl)
{
	return pl->lay.pages.npages;
}

/* The page limit counts the pages before the layout's: the height
 * estimate (count_height) starts from them. */
void
pdf_lay_pages_before(struct pdf_lay *pl, size_t pages)
{
	pl->before = pages;
	pl->b.laid = (double)pages * (PDF_PAGE_H - pl->b.grid.body_top_min);
}

/* Said at the block that starts the document's first page past the
 * limit, as for a paper alone (over_page_limit), here in a pack. */
bool
pdf_lay_over_limit(struct pdf_lay *pl)
{
	const struct pdf_layout *l = &pl->lay;

	if (pl->b.over_pages)
		return true;
	if (pl->before + l->pages.npages <= BP_MAX_PAGES)
		return false;
	bp_diag(pl->b.diags, first_past_limit(l, pl->before),
	    BP_E_LIMIT_PAGES_AT, (size_t)BP_MAX_PAGES);
	pdf_doc_refuse(pl->b.doc);
	return true;
}

void
pdf_lay_paper(struct pdf_lay *pl, const struct bp_paper *paper, int shift)
{
	struct pdf_layout *l = &pl->lay;
	size_t m0 = l->nmarks;

	pl->b.paper = paper;
	pl->b.labels = paper->labels;
	lay_paper_body(&pl->b);
	for (size_t i = m0; i < l->nmarks; i++)
		l->marks[i].level += shift;
}

/* One cell's text as lines of one box, from `dy` down; returns the
 * height used. */
static double
lay_cell(struct builder *b, const struct pdf_cell *c, struct pdf_layout *l)
{
	static const struct bp_pos nowhere;
	/* the text is drawn long after the caller's string is gone */
	struct bp_run *r = synth_run(b, bp_arena_strdup(b->arena, c->text), 0,
	    nowhere);
	double lead = c->size * 1.25, dy = baseline(b, c->size, lead);
	struct text_spec ts;

	if (c->link != NULL) {
		struct bp_link *link = bp_arena_alloc(b->arena, sizeof(*link));
		link->type = BP_LINK_INTERNAL;
		r->link = link;
		GROW(l->link_keys, l->nlink_keys, l->link_keys_cap);
		l->link_keys[l->nlink_keys].link = link;
		l->link_keys[l->nlink_keys].key = c->link;
		l->nlink_keys++;
	}
	memset(&ts, 0, sizeof(ts));
	ts.runs = r;
	ts.nruns = 1;
	ts.x = c->x;
	ts.width = c->width;
	ts.size = c->size;
	ts.lead = lead;
	ts.style = c->style;
	ts.role = c->role;
	ts.artifact = c->artifact;
	break_text(b, &ts);
	for (size_t k = 0; k < b->lines.nlines; k++)
		add_text_item(b, &ts, &b->lines, k, c->right ? c->x + c->width -
		    b->lines.lines[k].width : c->x, dy + (double)k * lead);
	return (double)(b->lines.nlines ? b->lines.nlines : 1) * lead;
}

size_t
pdf_lay_row(struct pdf_lay *pl, const struct pdf_cell *cells, size_t n,
	double space, bool keep)
{
	struct builder *b = &pl->b;
	struct pdf_layout *l = &pl->lay;
	size_t box = new_box(b, 0, space, keep ? BP_VBOX_KEEP : 0);
	double height = 0;

	/* in the structure tree, a row of one cell is a paragraph; one of
	 * several is a label (an agenda number, "Venue") and its value, as
	 * the cover's fields are: L > LI > Lbl + LBody */
	if (n > 1) {
		tag_open(b, PDF_SR_L);
		tag_open(b, PDF_SR_LI);
	}
	for (size_t i = 0; i < n; i++) {
		double h;
		if (i <= 1)
			tag_open(b, n == 1 ? PDF_SR_P : i == 0 ? PDF_SR_LBL :
			    PDF_SR_LBODY);
		h = lay_cell(b, &cells[i], l);
		height = h > height ? h : height;
		if (i == 0 || i + 1 == n)
			tag_close(b, 1);
	}
	if (n > 1)
		tag_close(b, 2);
	l->boxes[box].height = height;
	l->box_item0[l->nboxes] = l->nitems;
	return box;
}

void
pdf_lay_rule(struct pdf_lay *pl, double space)
{
	lay_rule(&pl->b, PDF_MARGIN_X, space);
	pl->lay.box_item0[pl->lay.nboxes] = pl->lay.nitems;
}

void
pdf_lay_mark(struct pdf_lay *pl, const char *title, int level,
	const void *key, size_t box)
{
	struct pdf_layout *l = &pl->lay;

	GROW(l->marks, l->nmarks, l->marks_cap);
	l->marks[l->nmarks].title = bp_arena_strdup(pl->b.arena, title);
	l->marks[l->nmarks].level = level;
	l->marks[l->nmarks].box = box;
	l->nmarks++;
	if (key == NULL)
		return;
	GROW(l->dests, l->ndests, l->dests_cap);
	l->dests[l->ndests].key = key;
	l->dests[l->ndests].box = box;
	l->ndests++;
}

void
pdf_lay_paginate(struct pdf_lay *pl, const struct pdf_facts *facts)
{
	pl->lay.box_item0[pl->lay.nboxes] = pl->lay.nitems;
	lay_pages(&pl->b, facts, &pl->h0, &pl->h1);
}

void
pdf_lay_furnish(struct pdf_lay *pl, size_t first, size_t total)
{
	lay_furniture(&pl->b, pl->h0, pl->h1, first, total);
	report_missing(&pl->b);
}

double
pdf_lay_width(struct pdf_lay *pl, const char *s, unsigned style, double size)
{
	return text_width(&pl->b, s, style, size);
}

void
pdf_lay_column(const struct pdf_lay *pl, double *left, double *width)
{
	*left = pl->b.grid.left;
	*width = pl->b.grid.text_w;
}

void
pdf_lay_space(struct pdf_lay *pl, double height)
{
	new_box(&pl->b, height, 0, 0);
	pl->lay.box_item0[pl->lay.nboxes] = pl->lay.nitems;
}
