/* The plain-text back-end: UTF-8 wrapped at a width in columns, numbers in
 * a hanging indent, URL links listed as numbered references after each
 * paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "boardpaper/pack.h"
#include "boardpaper/style.h"

#define QUOTE_INDENT 2 /* "> " */
#define CODE_INDENT 4
#define COVER_INDENT 2
#define MAX_QUOTES 64  /* quote margins drawn; deeper ones just indent */

/* A link whose note is still to be listed, with its number. */
struct pending_note {
	const struct bp_link *link;
	unsigned number;
};

struct txt {
	struct bp_buf *out;
	const struct bp_paper *paper;
	struct bp_diags *diags;
	const struct bp_labels *labels;
	const struct bp_pack *pack;      /* a pack: the meeting's facts */
	const struct bp_pack_item *item; /* the paper's place in it */
	int width;           /* columns */
	struct bp_measure measure;
	struct bp_lines lines;
	int numw;            /* the number column of top-level paragraphs */
	int subw;            /* the marker column of every sub-paragraph */
	bool need_blank;     /* a blank line goes before the next block */
	int quotes[MAX_QUOTES]; /* columns of the enclosing quotes' "> " */
	int nquotes;
	unsigned last_note;  /* link notes are numbered 1, 2 ... as printed */
	bool note_addresses; /* a link showing its URL gets a note too */
	uint32_t rtl_line;   /* the last line warned of right-to-left text */
	struct pending_note *pending; /* notes to list after the text */
	size_t npending, pending_cap;
	char **pool;         /* text made for the output, freed at the end */
	size_t npool, pool_cap;
};

/* Display columns of one code point: combining marks take none, East Asian
 * wide characters two. */
static int
columns_of(uint32_t cp)
{
	if (bp_is_noncharacter(cp))
		return 1; /* a U+FFFD, which is written for it */
	if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

static size_t
text_columns(const char *s, size_t len)
{
	size_t cols = bp_ascii_len(s, len), n; /* a column each */

	for (size_t i = cols; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) { /* the common case */
			cols++;
			n = 1;
		} else
			cols += (size_t)columns_of(bp_utf8_decode(s + i,
			    len - i, &n));
	}
	return cols;
}

static double
measure_columns(void *ctx, unsigned style, const char *s, size_t len)
{
	(void)ctx;
	(void)style;
	return (double)text_columns(s, len);
}

/* A label with punctuation after it ("Position:"), to free; NULL (the
 * output marked failed) when memory ran out. */
static char *
label_with(const struct txt *t, enum bp_label label, const char *after)
{
	const char *words = t->labels->text[label];
	size_t n = strlen(words), m = strlen(after);
	char *s = malloc(n + m + 1);

	if (s == NULL) {
		t->out->failed = true;
		return NULL;
	}
	memcpy(s, words, n);
	memcpy(s + n, after, m + 1);
	return s;
}

/* Keeps a string made for the output until the end; NULL (the output
 * marked failed) when memory ran out. */
static const char *
pool_keep(struct txt *t, const char *s, size_t len)
{
	char *copy;

	if (t->npool == t->pool_cap) {
		size_t cap = t->pool_cap ? t->pool_cap * 2 : 16;
		char **p = realloc(t->pool, cap * sizeof(*p));
		if (p == NULL) {
			t->out->failed = true;
			return NULL;
		}
		t->pool = p;
		t->pool_cap = cap;
	}
	if ((copy = malloc(len + 1)) == NULL) {
		t->out->failed = true;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->pool[t->npool++] = copy;
	return copy;
}

/* The left margin of a line `indent` columns deep: spaces, with "> " at
 * each enclosing quote's column. */
static void
put_margin(struct txt *t, int indent)
{
	int col = 0;

	for (int q = 0; q < t->nquotes && t->quotes[q] + 2 <= indent; q++) {
		/* quotes nested past clamp_indent share a column: one "> " */
		if (t->quotes[q] < col)
			continue;
		bp_buf_repeat(t->out, ' ', (size_t)(t->quotes[q] - col));
		bp_buf_puts(t->out, "> ");
		col = t->quotes[q] + 2;
	}
	if (indent > col)
		bp_buf_repeat(t->out, ' ', (size_t)(indent - col));
}

static int clamp_indent(const struct txt *t, int indent);

/* A blank line; inside a quote it keeps the quote's margin. */
static void
blank_if_needed(struct txt *t)
{
	if (t->need_blank) {
		if (t->nquotes > 0) {
			put_margin(t, clamp_indent(t,
			    t->quotes[t->nquotes - 1] + 2));
			bp_buf_trim_spaces(t->out);
		}
		bp_buf_putc(t->out, '\n');
	}
	t->need_blank = false;
}

static void
put_frags(struct txt *t, const struct bp_lines *lines, size_t line)
{
	const struct bp_line *l = &lines->lines[line];

	for (size_t k = 0; k < l->nfrags; k++) {
		const struct bp_frag *f = &lines->frags[l->first + k];
		bp_buf_put(t->out, f->text, f->len);
	}
}

/* Wraps runs with `marker` (a number or bullet) hanging in a column of
 * `markw` columns at `indent`. */
/* Deep nesting must not push text past the width: the indent gives way
 * first, keeping at least a third of the width for text, and a marker too
 * wide for that goes on a line of its own. */
static void
fit_indent(struct txt *t, int *indent, const char **marker, int *markw)
{
	int min_text = t->width / 3;

	if (*markw > t->width - min_text) {
		put_margin(t, *indent < t->width - *markw ? *indent : 0);
		bp_buf_puts(t->out, *marker);
		bp_buf_putc(t->out, '\n');
		*marker = NULL;
		*markw = 0;
	}
	if (*indent + *markw > t->width - min_text)
		*indent = t->width - min_text - *markw;
	if (*indent < 0)
		*indent = 0;
}

static int
widest_line(const struct bp_lines *l)
{
	double w = 0;

	for (size_t i = 0; i < l->nlines; i++)
		w = l->lines[i].width > w ? l->lines[i].width : w;
	return (int)w;
}

static void
wrap(struct txt *t, const struct bp_run *runs, size_t nruns, int indent,
	const char *marker, int markw)
{
	int avail;

	blank_if_needed(t);
	fit_indent(t, &indent, &marker, &markw);
	avail = t->width - indent - markw;
	bp_lines_reset(&t->lines);
	bp_break_lines(&t->measure, runs, nruns, avail, avail, &t->lines);
	if (marker != NULL && markw > COVER_INDENT &&
	    widest_line(&t->lines) > avail &&
	    widest_line(&t->lines) <= avail + markw - COVER_INDENT) {
		/* a word too wide to hang beside its marker (an e-mail
		 * address beside "Email:") goes under it instead */
		put_margin(t, indent);
		bp_buf_puts(t->out, marker);
		bp_buf_putc(t->out, '\n');
		marker = NULL;
		indent += COVER_INDENT;
		markw = 0;
		avail = t->width - indent;
		bp_lines_reset(&t->lines);
		bp_break_lines(&t->measure, runs, nruns, avail, avail,
		    &t->lines);
	}
	for (size_t i = 0; i < t->lines.nlines || i == 0; i++) {
		put_margin(t, indent);
		if (i == 0 && marker != NULL) {
			size_t cols = text_columns(marker, strlen(marker));
			bp_buf_puts(t->out, marker);
			/* a marker as wide as its column still gets a space */
			bp_buf_repeat(t->out, ' ', (size_t)markw > cols ?
			    (size_t)markw - cols : 1);
		} else
			bp_buf_repeat(t->out, ' ', (size_t)markw);
		if (i < t->lines.nlines)
			put_frags(t, &t->lines, i);
		/* no trailing white space */
		bp_buf_trim_spaces(t->out);
		bp_buf_putc(t->out, '\n');
		if (t->lines.nlines == 0)
			break;
	}
	t->need_blank = true;
}

/* A URL link needs a note giving its URL unless its text shows it whole
 * (in a table that must split its words, it may not). */
static bool
needs_note(const struct txt *t, const struct bp_link *l)
{
	return l != NULL && l->type == BP_LINK_URL &&
	    (!l->text_is_url || t->note_addresses);
}

/* Lists the notes of the links seen since the last list: "[n] URL",
 * wrapped like any text, so that a URL too long for the line stands whole
 * on a line of its own. */
static void
put_pending_notes(struct txt *t, int indent)
{
	struct bp_run runs[2];
	char mark[24];

	if (t->npending == 0)
		return;
	memset(runs, 0, sizeof(runs));
	for (size_t i = 0; i < t->npending; i++) {
		const struct bp_link *l = t->pending[i].link;
		runs[0].type = runs[1].type = BP_RUN_TEXT;
		runs[0].pos = runs[1].pos = l->pos;
		snprintf(mark, sizeof(mark), "[%u] ", t->pending[i].number);
		runs[0].text = mark;
		runs[0].len = strlen(mark);
		runs[1].text = l->url;
		runs[1].len = strlen(l->url);
		wrap(t, runs, 2, indent, NULL, 0);
		t->need_blank = false;
	}
	t->npending = 0;
	t->need_blank = true;
}

static void
add_pending(struct txt *t, const struct bp_link *l, unsigned number)
{
	if (t->npending == t->pending_cap) {
		size_t cap = t->pending_cap ? t->pending_cap * 2 : 8;
		struct pending_note *p = realloc(t->pending, cap * sizeof(*p));
		if (p == NULL) {
			t->out->failed = true;
			return;
		}
		t->pending = p;
		t->pending_cap = cap;
	}
	t->pending[t->npending].link = l;
	t->pending[t->npending].number = number;
	t->npending++;
}

/* The runs as text prints them, built into a growing array. */
struct out_runs {
	struct bp_run *runs;
	size_t n, cap;
	bool failed;
};

static void
push_run(struct out_runs *o, const struct bp_run *r)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		struct bp_run *p = realloc(o->runs, cap * sizeof(*p));
		if (p == NULL) {
			o->failed = true;
			return;
		}
		o->runs = p;
		o->cap = cap;
	}
	o->runs[o->n++] = *r;
}

/* A run of text of the output's own (a marker), styled like `like`. */
static void
push_text(struct out_runs *o, const struct bp_run *like, const char *s)
{
	struct bp_run r;

	if (s == NULL) {
		o->failed = true;
		return;
	}
	memset(&r, 0, sizeof(r));
	r.type = BP_RUN_TEXT;
	r.style = like->style;
	r.pos = like->pos;
	r.text = s;
	r.len = strlen(s);
	push_run(o, &r);
}

/* What a cross-reference with text of its own adds in text, where it cannot
 * be followed: " (paragraph 5)"; NULL when the target has no number. */
static const char *
reference_note(struct txt *t, const struct bp_link *l)
{
	struct bp_buf b = BP_BUF_INIT;
	const char *args[1], *s;

	if (l->type != BP_LINK_INTERNAL || l->target == NULL ||
	    l->target->number == NULL)
		return NULL;
	args[0] = l->target->number;
	bp_buf_puts(&b, " (");
	bp_label_fill(&b, t->labels->text[l->target->type ==
	    BP_BLOCK_HEADING ? BP_LABEL_REF_SECTION : BP_LABEL_REF_PARAGRAPH],
	    args, 1);
	bp_buf_putc(&b, ')');
	s = b.failed ? NULL : pool_keep(t, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

/* After the last run of a link: its note marker " [n]", or what a
 * cross-reference with text of its own points at. */
static void
end_link(struct txt *t, struct out_runs *o, const struct bp_run *r)
{
	char mark[24];

	if (needs_note(t, r->link)) {
		snprintf(mark, sizeof(mark), " [%u]", ++t->last_note);
		add_pending(t, r->link, t->last_note);
		push_text(o, r, pool_keep(t, mark, strlen(mark)));
	} else if (r->type == BP_RUN_TEXT && r->link != NULL) {
		const char *note = reference_note(t, r->link);
		if (note != NULL)
			push_text(o, r, note);
	}
}

/* Text cannot order right-to-left script: say so, once per source line,
 * rather than print it reversed without a word. */
static void
warn_rtl(struct txt *t, const struct bp_text *text)
{
	for (size_t i = 0; i < text->nruns; i++) {
		const struct bp_run *r = &text->runs[i];
		size_t n;
		if (r->pos.line == t->rtl_line)
			continue;
		for (size_t k = 0; k < r->len; k += n) {
			uint32_t cp;
			/* ASCII holds no right-to-left letter */
			if ((k += bp_ascii_len(r->text + k, r->len - k)) ==
			    r->len)
				break;
			cp = bp_utf8_decode(r->text + k, r->len - k, &n);
			if (!bp_is_rtl(cp))
				continue;
			t->rtl_line = r->pos.line;
			bp_diag(t->diags, bp_run_pos(r, k), BP_W_RTL, "text");
			break;
		}
	}
}

/* Text runs as text prints them: struck text between "~~", a footnote
 * reference as "[^2]", " [n]" after each link that needs a note (its URL
 * is listed after the paragraph), and a cross-reference's number after its
 * own text.  The caller frees the runs. */
static struct bp_run *
text_runs(struct txt *t, const struct bp_text *text, size_t *n)
{
	struct out_runs o = { NULL, 0, 0, false };
	bool struck = false;
	char mark[24];

	warn_rtl(t, text);
	for (size_t i = 0; i < text->nruns; i++) {
		const struct bp_run *r = &text->runs[i];
		bool strike = (r->style & BP_STYLE_STRIKE) != 0;
		bool last_of_link = r->link != NULL && (i + 1 == text->nruns ||
		    text->runs[i + 1].link != r->link);
		if (strike != struck)
			push_text(&o, r, "~~");
		struck = strike;
		if (r->type == BP_RUN_NOTE) {
			snprintf(mark, sizeof(mark), "[^%u]", r->note->number);
			push_text(&o, r, pool_keep(t, mark, strlen(mark)));
		} else
			push_run(&o, r);
		if (!last_of_link)
			continue;
		/* the marker goes after the struck words, not inside */
		if (struck && (i + 1 == text->nruns ||
		    !(text->runs[i + 1].style & BP_STYLE_STRIKE))) {
			push_text(&o, r, "~~");
			struck = false;
		}
		end_link(t, &o, r);
	}
	if (struck)
		push_text(&o, &text->runs[text->nruns - 1], "~~");
	if (o.failed) {
		free(o.runs);
		t->out->failed = true;
		return NULL;
	}
	*n = o.n;
	return o.runs;
}

static void
put_text(struct txt *t, const struct bp_text *text, int indent,
	const char *marker, int markw)
{
	size_t n = 0;
	struct bp_run *runs = text_runs(t, text, &n);

	if (runs == NULL && text->nruns > 0)
		return;
	wrap(t, runs, n, indent, marker, markw);
	if (t->npending > 0)
		blank_if_needed(t);
	put_pending_notes(t, indent + markw);
	free(runs);
}

static void put_blocks(struct txt *, const struct bp_block *, int);

static int
list_marker_width(const struct txt *t, const struct bp_block *list)
{
	int w = 2;

	if (list->list == BP_LIST_SUBPARA)
		return t->subw;
	for (const struct bp_block *i = list->child; i; i = i->next) {
		int n = i->number ? (int)strlen(i->number) + 2 : 2;
		if (n > w)
			w = n;
	}
	return list->list == BP_LIST_BULLET ? 2 : w + (w < 4);
}

/* The widest sub-paragraph number in blocks `b` and below, columns. */
static int
widest_subpara(const struct bp_block *b)
{
	int w = 0;

	for (; b != NULL; b = b->next) {
		int cw = widest_subpara(b->child);
		if (b->type == BP_BLOCK_ITEM && b->number != NULL &&
		    b->parent != NULL && b->parent->list == BP_LIST_SUBPARA)
			cw = (int)strlen(b->number) + 2 > cw ?
			    (int)strlen(b->number) + 2 : cw;
		w = cw > w ? cw : w;
	}
	return w;
}

/* One tab stop for every sub-paragraph of the paper, as in the PDF. */
static int
subpara_column(const struct bp_paper *p)
{
	int w = widest_subpara(p->body);

	return w < 4 ? 4 : w;
}

/* An item: its marker hangs beside the first paragraph; the rest of its
 * blocks are indented to the text. */
static void
put_item(struct txt *t, const struct bp_block *item, int indent, int markw)
{
	const char *marker = item->printed ? item->printed :
	    "\xE2\x80\xA2"; /* U+2022 BULLET */
	const struct bp_block *first = item->child;
	/* in a tight list an item's blocks follow each other without a
	 * blank line, as its items do */
	bool tight = item->parent != NULL && item->parent->tight &&
	    item->parent->list != BP_LIST_SUBPARA;

	if (first != NULL && first->type == BP_BLOCK_PARA) {
		put_text(t, &first->text, indent, marker, markw);
		t->need_blank = t->need_blank && !tight;
		put_blocks(t, first->child, indent + markw);
		first = first->next;
	} else
		wrap(t, NULL, 0, indent, marker, markw);
	t->need_blank = t->need_blank && !tight;
	put_blocks(t, first, indent + markw);
}

static void
put_list(struct txt *t, const struct bp_block *list, int indent)
{
	int markw = list_marker_width(t, list);

	for (const struct bp_block *i = list->child; i; i = i->next) {
		put_item(t, i, indent, markw);
		/* sub-paragraphs are paragraphs: always a blank line apart */
		if (list->tight && list->list != BP_LIST_SUBPARA &&
		    i->next != NULL)
			t->need_blank = false;
	}
	t->need_blank = true;
}

/* One code line, tabs expanded to 4-column stops as in the PDF (the text
 * output never holds a control character but the line feed), into `b`. */
static void
expand_code_line(struct bp_buf *b, const char *p, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\t') {
			bp_buf_repeat(b, ' ', 4 - col % 4);
			col += 4 - col % 4;
			continue;
		}
		bp_buf_putc(b, p[i]);
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			col++;
	}
}

/* Deep nesting gives way before the width does: an indent keeps at least
 * a third of the line for what it indents. */
static int
clamp_indent(const struct txt *t, int indent)
{
	int most = t->width - t->width / 3;

	return indent > most ? (most > 0 ? most : 0) : indent;
}

/* Bytes of `s` that fill at most `cols` columns (at least one character). */
static size_t
fit_columns(const char *s, size_t len, size_t cols)
{
	size_t i = 0, used = 0, n;

	while (i < len) {
		size_t w = text_columns(s + i, n = bp_utf8_len(s + i, len - i));
		if (i > 0 && used + w > cols)
			break;
		used += w;
		i += n;
	}
	return i;
}

/* Code keeps its spaces; a line longer than the room left is cut between
 * characters and continues on the next line at the same indent. */
static void
put_code(struct txt *t, const struct bp_code *code, int indent)
{
	const char *p = code->text, *end = code->text + code->len;
	struct bp_buf line = BP_BUF_INIT;
	size_t room;

	blank_if_needed(t);
	indent = clamp_indent(t, indent);
	room = (size_t)(t->width - indent);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), k = 0;
		bp_buf_reset(&line);
		expand_code_line(&line, p, n);
		do {
			size_t part = fit_columns(line.data + k, line.len - k,
			    room);
			put_margin(t, indent);
			bp_buf_put(t->out, line.data + k, part);
			bp_buf_trim_spaces(t->out);
			bp_buf_putc(t->out, '\n');
			k += part;
		} while (k < line.len);
		p += n + 1;
	}
	if (line.failed)
		t->out->failed = true;
	bp_buf_free(&line);
	t->need_blank = true;
}

static void
put_heading(struct txt *t, const struct bp_block *h, int indent)
{
	size_t cols;
	int markw = 0;

	blank_if_needed(t);
	if (h->level <= 2)
		bp_buf_putc(t->out, '\n');
	if (h->printed != NULL) {
		markw = (int)strlen(h->printed) + 1;
		put_text(t, &h->text, indent, h->printed, markw);
	} else
		put_text(t, &h->text, indent, NULL, 0);
	if (h->level > 2)
		return;
	cols = text_columns(h->text.plain, strlen(h->text.plain)) +
	    (size_t)markw;
	indent = clamp_indent(t, indent);
	if (cols > (size_t)(t->width - indent))
		cols = (size_t)(t->width - indent);
	put_margin(t, indent);
	bp_buf_repeat(t->out, h->level == 1 ? '=' : '-', cols);
	bp_buf_putc(t->out, '\n');
}

/* --- tables ----------------------------------------------------------- */

static void
put_table_cell_line(struct txt *t, const struct bp_lines *cell, size_t line,
	size_t width, enum bp_align align)
{
	size_t used = 0, pad;

	if (line < cell->nlines)
		used = (size_t)cell->lines[line].width;
	pad = width > used ? width - used : 0;
	if (align == BP_ALIGN_RIGHT)
		bp_buf_repeat(t->out, ' ', pad);
	else if (align == BP_ALIGN_CENTER)
		bp_buf_repeat(t->out, ' ', pad / 2);
	if (line < cell->nlines)
		put_frags(t, cell, line);
	if (align == BP_ALIGN_CENTER)
		bp_buf_repeat(t->out, ' ', pad - pad / 2);
	else if (align != BP_ALIGN_RIGHT)
		bp_buf_repeat(t->out, ' ', pad);
}

/* A table as text lays it out: the cells' runs (with their note markers),
 * the column widths and the gap between columns. */
struct txt_table {
	const struct bp_table *tb;
	struct bp_run **runs;  /* nrows * ncols */
	size_t *nruns;
	struct bp_extent *cols;
	double *widths;        /* columns */
	size_t gap;            /* columns between columns */
	int indent;
	struct bp_measure cell_measure; /* splits words only when it must */
	struct bp_lines *cells; /* ncols: the current row's lines */
	size_t *starts;         /* column groups: each one's first column */
};

static void
put_table_row(struct txt *t, struct txt_table *x, size_t r)
{
	const struct bp_table *tb = x->tb;
	size_t height = 1;

	for (size_t c = 0; c < tb->ncols; c++) {
		size_t i = r * tb->ncols + c;
		bp_lines_reset(&x->cells[c]);
		bp_break_lines(&x->cell_measure, x->runs[i], x->nruns[i],
		    x->widths[c], x->widths[c], &x->cells[c]);
		if (x->cells[c].nlines > height)
			height = x->cells[c].nlines;
	}
	for (size_t line = 0; line < height; line++) {
		put_margin(t, x->indent);
		for (size_t c = 0; c < tb->ncols; c++) {
			if (c > 0)
				bp_buf_repeat(t->out, ' ', x->gap);
			put_table_cell_line(t, &x->cells[c], line,
			    (size_t)x->widths[c], tb->align[c]);
		}
		bp_buf_trim_spaces(t->out);
		bp_buf_putc(t->out, '\n');
	}
	if (r > 0)
		return;
	put_margin(t, x->indent);
	for (size_t c = 0; c < tb->ncols; c++) {
		if (c > 0)
			bp_buf_repeat(t->out, ' ', x->gap);
		bp_buf_repeat(t->out, '-', (size_t)x->widths[c]);
	}
	bp_buf_putc(t->out, '\n');
}

/* The shared fitting, tried with two-column gaps, then one, then without
 * the indent; the first layout that keeps every word whole wins. */
static bool
fit_table(struct txt *t, struct txt_table *x, int indent)
{
	static const size_t gaps[] = { 2, 1, 1 };
	size_t n = x->tb->ncols;

	for (size_t k = 0; k < 3; k++) {
		int in = k < 2 ? clamp_indent(t, indent) : 0;
		double avail = (double)(t->width - in) -
		    (double)(x->gap = gaps[k]) * (double)(n - 1);
		x->indent = in;
		if (avail >= (double)n &&
		    bp_table_columns(x->cols, n, avail, x->widths))
			return true;
	}
	x->gap = 1;
	x->indent = 0;
	bp_table_columns(x->cols, n, (double)(t->width) - (double)(n - 1),
	    x->widths);
	return false;
}

/* Each column at least one character wide, whole columns only. */
static void
round_widths(struct txt_table *x)
{
	for (size_t c = 0; c < x->tb->ncols; c++) {
		double w = (double)(size_t)x->widths[c];
		x->widths[c] = w < 1 ? 1 : w;
	}
}

static void
measure_cells(struct txt *t, struct txt_table *x)
{
	const struct bp_table *tb = x->tb;

	memset(x->cols, 0, tb->ncols * sizeof(*x->cols));
	for (size_t i = 0; i < tb->nrows * tb->ncols; i++) {
		struct bp_extent e;
		size_t c = i % tb->ncols;
		x->runs[i] = text_runs(t, &tb->cells[i], &x->nruns[i]);
		e = bp_text_extent(&t->measure, x->runs[i], x->nruns[i]);
		if (e.natural > x->cols[c].natural)
			x->cols[c].natural = e.natural;
		if (e.word > x->cols[c].word)
			x->cols[c].word = e.word;
	}
}

/* A table too wide for the width may still print with every word whole as
 * column groups: the first column (what names each row) with as many of the
 * others as fit, then the first column again with the next ones.  The first
 * column of each later group is in `starts`; 0 when one more column beside
 * the first does not fit, or when the columns need no groups. */
static size_t
column_groups(const struct txt *t, const struct txt_table *x, int indent,
	size_t *starts)
{
	size_t n = x->tb->ncols, ngroups = 0, c = 1, size;
	double avail = (double)(t->width - clamp_indent(t, indent));

	/* as many columns as fit in each, from the left */
	while (c < n) {
		double w = x->cols[0].word;
		size_t from = c;
		while (c < n && w + 1 + x->cols[c].word <= avail)
			w += 1 + x->cols[c++].word;
		if (c == from)
			return 0;
		starts[ngroups++] = from;
	}
	if (ngroups < 2)
		return 0;
	/* as many groups, evened out, when they fit so */
	size = (n - 1 + ngroups - 1) / ngroups;
	for (size_t g = 0; g < ngroups; g++) {
		double w = x->cols[0].word;
		for (c = 1 + g * size; c < n && c < 1 + (g + 1) * size; c++)
			w += 1 + x->cols[c].word;
		if (w > avail || 1 + g * size >= n)
			return ngroups;
	}
	for (size_t g = 0; g < ngroups; g++)
		starts[g] = 1 + g * size;
	return ngroups;
}

/* Prints columns [from, to) of the table beside its first column, whose
 * runs (`key`, one per row) every group shares.  The other cells' runs are
 * made here, so that link notes are numbered in the order they print. */
static bool
put_column_group(struct txt *t, const struct bp_block *b, int indent,
	struct bp_run **key, size_t *nkey, size_t from, size_t to)
{
	const struct bp_table *tb = &b->u.table;
	size_t gn = 1 + to - from, ncells = tb->nrows * gn;
	struct bp_table sub;
	struct txt_table x;
	bool whole = false;

	memset(&x, 0, sizeof(x));
	memset(&sub, 0, sizeof(sub));
	sub.ncols = gn;
	sub.nrows = tb->nrows;
	sub.align = calloc(gn, sizeof(*sub.align));
	x.tb = &sub;
	x.runs = calloc(ncells, sizeof(*x.runs));
	x.nruns = calloc(ncells, sizeof(*x.nruns));
	x.cols = calloc(gn, sizeof(*x.cols));
	x.widths = calloc(gn, sizeof(*x.widths));
	x.cells = calloc(gn, sizeof(*x.cells));
	if (!sub.align || !x.runs || !x.nruns || !x.cols || !x.widths ||
	    !x.cells) {
		t->out->failed = true;
		goto out;
	}
	sub.align[0] = tb->align[0];
	for (size_t c = from; c < to; c++)
		sub.align[1 + c - from] = tb->align[c];
	for (size_t r = 0; r < tb->nrows; r++)
		for (size_t c = 0; c < gn; c++) {
			size_t i = r * gn + c;
			struct bp_extent e;
			if (c == 0 && key[r] == NULL)
				key[r] = text_runs(t, &tb->cells[r * tb->ncols],
				    &nkey[r]);
			if (c == 0) {
				x.runs[i] = key[r];
				x.nruns[i] = nkey[r];
			} else
				x.runs[i] = text_runs(t, &tb->cells[r *
				    tb->ncols + from + c - 1], &x.nruns[i]);
			e = bp_text_extent(&t->measure, x.runs[i], x.nruns[i]);
			if (e.natural > x.cols[c].natural)
				x.cols[c].natural = e.natural;
			if (e.word > x.cols[c].word)
				x.cols[c].word = e.word;
		}
	x.cell_measure = t->measure;
	/* a marker renumbered a digit longer can still spoil the fit */
	whole = fit_table(t, &x, indent);
	if (!whole)
		x.cell_measure.keep_words = false;
	round_widths(&x);
	for (size_t r = 0; r < tb->nrows; r++)
		put_table_row(t, &x, r);
out:
	for (size_t r = 0; x.runs != NULL && r < tb->nrows; r++)
		for (size_t c = 1; c < gn; c++)
			free(x.runs[r * gn + c]);
	for (size_t c = 0; x.cells != NULL && c < gn; c++)
		bp_lines_free(&x.cells[c]);
	free(x.runs);
	free(x.nruns);
	free(x.cols);
	free(x.widths);
	free(x.cells);
	free(sub.align);
	return whole;
}

/* The table as column groups, a blank line between them; false when a
 * group still had to break words. */
static bool
put_column_groups(struct txt *t, const struct bp_block *b, int indent,
	const size_t *starts, size_t ngroups)
{
	const struct bp_table *tb = &b->u.table;
	struct bp_run **key = calloc(tb->nrows, sizeof(*key));
	size_t *nkey = calloc(tb->nrows, sizeof(*nkey));
	bool whole = true;

	if (key == NULL || nkey == NULL) {
		t->out->failed = true;
		goto out;
	}
	for (size_t g = 0; g < ngroups; g++) {
		size_t to = g + 1 < ngroups ? starts[g + 1] : tb->ncols;
		if (g > 0)
			bp_buf_putc(t->out, '\n');
		whole = put_column_group(t, b, indent, key, nkey, starts[g],
		    to) && whole;
	}
out:
	for (size_t r = 0; key != NULL && r < tb->nrows; r++)
		free(key[r]);
	free(key);
	free(nkey);
	return whole;
}

static void
warn_table_split(struct txt *t, const struct bp_block *b)
{
	char what[48];

	snprintf(what, sizeof(what), "%d columns", t->width);
	bp_diag(t->diags, b->pos, BP_W_TABLE_SPLIT, what);
}

/* Whether a cell of the table shows a URL or an address as its text. */
static bool
shows_address(const struct bp_table *tb)
{
	for (size_t i = 0; i < tb->nrows * tb->ncols; i++)
		for (size_t k = 0; k < tb->cells[i].nruns; k++) {
			const struct bp_link *l = tb->cells[i].runs[k].link;
			if (l != NULL && l->type == BP_LINK_URL &&
			    l->text_is_url)
				return true;
		}
	return false;
}

/* Frees the cells' runs; either array may be missing (memory ran out). */
static void
forget_cells(struct txt_table *x, size_t ncells)
{
	for (size_t i = 0; x->runs != NULL && i < ncells; i++) {
		free(x->runs[i]);
		x->runs[i] = NULL;
	}
	if (x->nruns != NULL)
		memset(x->nruns, 0, ncells * sizeof(*x->nruns));
}

static void
put_table(struct txt *t, const struct bp_block *b, int indent)
{
	const struct bp_table *tb = &b->u.table;
	size_t ncells = tb->nrows * tb->ncols;
	struct txt_table x;
	char *marker;
	unsigned first_note;
	size_t ngroups;

	if (tb->ncols == 0 || tb->nrows == 0)
		return;
	memset(&x, 0, sizeof(x));
	x.tb = tb;
	x.runs = calloc(ncells, sizeof(*x.runs));
	x.nruns = calloc(ncells, sizeof(*x.nruns));
	x.cols = calloc(tb->ncols, sizeof(*x.cols));
	x.widths = calloc(tb->ncols, sizeof(*x.widths));
	x.cells = calloc(tb->ncols, sizeof(*x.cells));
	if (!x.runs || !x.nruns || !x.cols || !x.widths || !x.cells) {
		t->out->failed = true;
		goto out;
	}
	blank_if_needed(t);
	if (tb->caption.nruns > 0 &&
	    (marker = label_with(t, BP_LABEL_TABLE, ":")) != NULL) {
		put_text(t, &tb->caption, indent, marker,
		    (int)text_columns(marker, strlen(marker)) + 1);
		free(marker);
		t->need_blank = false;
	}
	first_note = t->last_note;
	measure_cells(t, &x);
	x.cell_measure = t->measure;
	ngroups = 0;
	if (!fit_table(t, &x, indent)) {
		x.starts = calloc(tb->ncols, sizeof(*x.starts));
		if (x.starts == NULL) { /* not a quiet fall back to split words */
			t->out->failed = true;
			goto out;
		}
		ngroups = column_groups(t, &x, indent, x.starts);
	}
	if (ngroups > 0) {
		/* numbered again in the order the groups print them */
		forget_cells(&x, ncells);
		t->last_note = first_note;
		t->npending = 0;
		if (!put_column_groups(t, b, indent, x.starts, ngroups))
			warn_table_split(t, b);
		x.indent = clamp_indent(t, indent); /* for the notes */
		goto notes;
	}
	if (!fit_table(t, &x, indent) && shows_address(tb)) {
		/* its words will split, addresses too: list each one whole
		 * in a note after the table, as a link with text would be */
		forget_cells(&x, ncells);
		t->last_note = first_note;
		t->npending = 0;
		t->note_addresses = true;
		measure_cells(t, &x);
		t->note_addresses = false;
	}
	if (!fit_table(t, &x, indent)) {
		warn_table_split(t, b);
		x.cell_measure.keep_words = false;
	}
	round_widths(&x);
	for (size_t r = 0; r < tb->nrows; r++)
		put_table_row(t, &x, r);
notes:
	/* the notes of links in cells come after the whole table */
	t->need_blank = true;
	if (t->npending > 0)
		blank_if_needed(t);
	put_pending_notes(t, x.indent);
	t->need_blank = true;
out:
	forget_cells(&x, ncells);
	for (size_t c = 0; x.cells != NULL && c < tb->ncols; c++)
		bp_lines_free(&x.cells[c]);
	free(x.runs);
	free(x.nruns);
	free(x.cols);
	free(x.widths);
	free(x.cells);
	free(x.starts);
}

/* A quote's blocks carry a "> " margin at the quote's column. */
static void
put_quote(struct txt *t, const struct bp_block *q, int indent)
{
	indent = clamp_indent(t, indent);
	blank_if_needed(t); /* outside this quote's margin */
	if (t->nquotes < MAX_QUOTES)
		t->quotes[t->nquotes++] = indent;
	put_blocks(t, q->child, indent + QUOTE_INDENT);
	if (t->nquotes > 0 && t->quotes[t->nquotes - 1] == indent)
		t->nquotes--;
}

/* A picture is its alt text, wrapped like any text. */
static void
put_figure(struct txt *t, const struct bp_block *f, int indent)
{
	struct bp_buf b = BP_BUF_INIT;
	struct bp_run run;

	bp_buf_putc(&b, '[');
	bp_label_fill(&b, t->labels->text[BP_LABEL_IMAGE], &f->u.image.alt, 1);
	bp_buf_putc(&b, ']');
	memset(&run, 0, sizeof(run));
	run.type = BP_RUN_TEXT;
	run.pos = f->pos;
	run.text = b.data;
	run.len = b.len;
	if (b.failed)
		t->out->failed = true;
	else
		wrap(t, &run, 1, indent, NULL, 0);
	bp_buf_free(&b);
}

static void
put_block(struct txt *t, const struct bp_block *b, int indent)
{

	switch (b->type) {
	case BP_BLOCK_SECTION:
		put_blocks(t, b->child, indent);
		break;
	case BP_BLOCK_HEADING:
		put_heading(t, b, indent);
		break;
	case BP_BLOCK_PARA:
		if (b->printed != NULL) {
			put_text(t, &b->text, indent, b->printed, t->numw);
			put_blocks(t, b->child, indent + t->numw);
		} else {
			put_text(t, &b->text, indent, NULL, 0);
			put_blocks(t, b->child, indent);
		}
		break;
	case BP_BLOCK_LIST:
		put_list(t, b, indent);
		break;
	case BP_BLOCK_QUOTE:
		put_quote(t, b, indent);
		break;
	case BP_BLOCK_CODE:
		put_code(t, &b->u.code, indent + CODE_INDENT);
		break;
	case BP_BLOCK_TABLE:
		put_table(t, b, indent);
		break;
	case BP_BLOCK_RULE:
		blank_if_needed(t);
		put_margin(t, clamp_indent(t, indent));
		bp_buf_puts(t->out, "* * *\n");
		t->need_blank = true;
		break;
	case BP_BLOCK_FIGURE:
		put_figure(t, b, indent);
		break;
	default:
		break;
	}
}

static void
put_blocks(struct txt *t, const struct bp_block *b, int indent)
{
	for (; b != NULL; b = b->next)
		put_block(t, b, indent);
}

/* The widest top-level number sets one column for the whole paper. */
static int
number_column(const struct bp_paper *p)
{
	int w = 4;

	for (const struct bp_block *s = p->body; s; s = s->next)
		for (const struct bp_block *b = s->child; b; b = b->next)
			if (b->type == BP_BLOCK_PARA && b->number != NULL &&
			    (int)strlen(b->number) + 3 > w)
				w = (int)strlen(b->number) + 3;
	return w;
}

/* A plain string (not Markdown: an organisation's name, a label),
 * wrapped at `indent` like any text. */
static void
put_plain(struct txt *t, const char *s, int indent)
{
	struct bp_run run;

	memset(&run, 0, sizeof(run));
	run.type = BP_RUN_TEXT;
	run.text = s;
	run.len = strlen(s);
	wrap(t, &run, 1, indent, NULL, 0);
	t->need_blank = false;
}

static void
put_field(struct txt *t, enum bp_label name, const struct bp_text *value)
{
	blank_if_needed(t);
	bp_buf_printf(t->out, "%s\n", t->labels->text[name]);
	put_text(t, value, COVER_INDENT, NULL, 0);
}

/* Contact rows hang their value beside the label, wrapped like any text. */
static void
put_contact(struct txt *t, const struct bp_contact *c)
{
	static const enum bp_label names[] = { BP_LABEL_CONTACT_OFFICER,
		BP_LABEL_POSITION, BP_LABEL_PHONE, BP_LABEL_EMAIL };
	const char *values[] = { c->name, c->position, c->phone, c->email };
	struct bp_run run;
	char *label;

	memset(&run, 0, sizeof(run));
	run.type = BP_RUN_TEXT;
	run.pos = c->pos;
	for (size_t i = 0; i < 4; i++) {
		if (values[i] == NULL)
			continue;
		run.text = values[i];
		run.len = strlen(values[i]);
		if ((label = label_with(t, names[i], ":")) == NULL)
			return;
		wrap(t, &run, 1, 0, label, 18);
		free(label);
		t->need_blank = false;
	}
	t->need_blank = true;
}

static void
put_recommendations(struct txt *t, const struct bp_meta *m)
{
	int markw = 4;

	blank_if_needed(t);
	bp_buf_printf(t->out, "%s\n", t->labels->text[m->recommendations_list ?
	    BP_LABEL_RECOMMENDATIONS : BP_LABEL_RECOMMENDATION]);
	/* "1000." needs a column wider than "1." */
	for (size_t i = 0; m->recommendations_list &&
	    i < m->nrecommendations; i++)
		if ((int)strlen(m->recommendation_numbers[i]) + 1 > markw)
			markw = (int)strlen(m->recommendation_numbers[i]) + 1;
	for (size_t i = 0; i < m->nrecommendations; i++) {
		if (m->recommendations_list) {
			put_text(t, &m->recommendations[i], COVER_INDENT,
			    m->recommendation_numbers[i], markw);
			t->need_blank = i + 1 == m->nrecommendations;
		} else
			put_text(t, &m->recommendations[i], COVER_INDENT,
			    NULL, 0);
	}
}

/* The header facts: board, meeting date and item, confidentiality. */
static void
put_header(struct txt *t, const struct bp_meta *m)
{
	const char *org = t->paper->style->organisation;
	const struct bp_text *board = t->pack ? &t->pack->board_text :
	    &m->board;
	const char *date = t->pack ? t->pack->meeting_text : m->meeting_text;
	const char *item = t->item ? t->item->item_text : m->item_text;

	/* the house style's organisation heads the header (a logo has no
	 * text form, so it is left out) */
	if (org != NULL)
		put_plain(t, org, 0);
	if (board->nruns > 0)
		put_text(t, board, 0, NULL, 0);
	t->need_blank = false;
	if (date != NULL || item != NULL) {
		if (date != NULL)
			bp_buf_puts(t->out, date);
		if (date != NULL && item != NULL)
			bp_buf_puts(t->out, "\n");
		if (item != NULL)
			bp_buf_puts(t->out, item);
		bp_buf_putc(t->out, '\n');
	}
	if (m->confidential) {
		if (m->confidential_reason.nruns > 0)
			put_field(t, BP_LABEL_CONFIDENTIAL_MARK,
			    &m->confidential_reason);
		else
			bp_buf_printf(t->out, "%s\n",
			    t->labels->text[BP_LABEL_CONFIDENTIAL_MARK]);
	}
	t->need_blank = t->out->len > 0;
}

/* The house style's fields, after the built-in ones: a list field's
 * items as bullets. */
static void
put_style_fields(struct txt *t)
{
	for (size_t i = 0; i < t->paper->nfields; i++) {
		const struct bp_field *f = &t->paper->fields[i];
		blank_if_needed(t);
		bp_buf_printf(t->out, "%s\n", f->label);
		for (size_t k = 0; k < f->nvalues; k++) {
			if (f->def->type == BP_FIELD_LIST)
				put_text(t, &f->values[k], COVER_INDENT,
				    "\xE2\x80\xA2", 2);
			else
				put_text(t, &f->values[k], COVER_INDENT, NULL,
				    0);
			t->need_blank = false;
		}
		if (f->nvalues == 0)
			put_plain(t, t->labels->text[BP_LABEL_NONE],
			    COVER_INDENT);
		t->need_blank = true;
	}
}

static void
put_cover(struct txt *t, const struct bp_meta *m)
{
	size_t start;

	put_header(t, m);
	blank_if_needed(t);
	start = t->out->len;
	put_text(t, &m->title, 0, NULL, 0);
	bp_buf_repeat(t->out, '=', text_columns(t->out->data + start,
	    t->out->len - start - 1) > (size_t)t->width ? (size_t)t->width :
	    text_columns(t->out->data + start, t->out->len - start - 1));
	bp_buf_putc(t->out, '\n');
	put_field(t, BP_LABEL_PURPOSE, &m->purpose);
	put_field(t, BP_LABEL_SUMMARY, &m->summary);
	put_recommendations(t, m);
	put_field(t, BP_LABEL_ACTION, &m->action);
	for (size_t i = 0; i < m->ncontacts; i++)
		put_contact(t, &m->contacts[i]);
	put_style_fields(t);
}

/* A heading of the paper's own: a blank line, the words, a rule under
 * them as long as they are. */
static void
put_underlined(struct txt *t, const char *words)
{
	bp_buf_printf(t->out, "\n%s\n", words);
	bp_buf_repeat(t->out, '-', text_columns(words, strlen(words)));
	bp_buf_putc(t->out, '\n');
}

static void
put_background_papers(struct txt *t, const struct bp_meta *m)
{
	if (!m->has_background_papers)
		return;
	blank_if_needed(t);
	put_underlined(t, t->labels->text[BP_LABEL_BACKGROUND_PAPERS]);
	if (m->nbackground_papers == 0) {
		bp_buf_printf(t->out, "\n%s\n", t->labels->text[BP_LABEL_NONE]);
		return;
	}
	t->need_blank = true;
	for (size_t i = 0; i < m->nbackground_papers; i++) {
		put_text(t, &m->background_papers[i], 0, "\xE2\x80\xA2", 2);
		t->need_blank = false;
	}
}

/* Footnotes at the end of the paper: "[^1]" hanging before each. */
static void
put_notes(struct txt *t, const struct bp_paper *p)
{
	char mark[24];
	int markw = 0;

	if (p->nnotes == 0)
		return;
	blank_if_needed(t);
	put_underlined(t, t->labels->text[BP_LABEL_NOTES]);
	t->need_blank = true;
	snprintf(mark, sizeof(mark), "[^%zu]", p->nnotes);
	markw = (int)strlen(mark) + 1;
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct bp_footnote *f = &p->notes[i];
		const struct bp_block *first = f->child;
		snprintf(mark, sizeof(mark), "[^%u]", f->number);
		if (first != NULL && first->type == BP_BLOCK_PARA) {
			put_text(t, &first->text, 0, mark, markw);
			first = first->next;
		} else
			wrap(t, NULL, 0, 0, mark, markw);
		put_blocks(t, first, markw);
	}
}

static void
txt_free(struct txt *t)
{
	for (size_t i = 0; i < t->npool; i++)
		free(t->pool[i]);
	free(t->pool);
	free(t->pending);
	bp_lines_free(&t->lines);
}

static void
txt_init(struct txt *t, const struct bp_render_opts *opts, struct bp_buf *out,
	struct bp_diags *diags)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
	t->diags = diags;
	t->width = opts->width > 0 ? opts->width : 72;
	t->measure.width = measure_columns;
	t->measure.keep_words = true; /* SPEC §3: never split in text */
	bp_lines_init(&t->lines);
}

/* A paper's cover, body, background papers and notes; in a pack, its
 * link notes are numbered from 1 as on its own. */
static void
put_paper(struct txt *t, const struct bp_paper *paper)
{
	t->paper = paper;
	t->labels = paper->labels;
	t->numw = number_column(paper);
	t->subw = subpara_column(paper);
	t->last_note = 0;
	put_cover(t, &paper->meta);
	put_blocks(t, paper->body, 0);
	put_background_papers(t, &paper->meta);
	put_notes(t, paper);
}

/* The offset of the first noncharacter in s[0..len), its length in *n;
 * len when there is none. */
static size_t
find_noncharacter(const char *s, size_t len, size_t *n)
{
	for (size_t i = 0; i < len; i += *n) {
		if ((i += bp_ascii_len(s + i, len - i)) >= len)
			break;
		if (bp_is_noncharacter(bp_utf8_decode(s + i, len - i, n)))
			return i;
	}
	return len;
}

/* Writes U+FFFD for every noncharacter the output holds from `from` on,
 * as HTML does: they are no text, and a terminal or an editor may take
 * them for anything.  Done once over the whole output, so that no path
 * that writes text (runs, labels, markers, link notes, code) is missed. */
static void
replace_noncharacters(struct bp_buf *out, size_t from)
{
	size_t r = from, w, n, at;

	if ((at = find_noncharacter(out->data + r, out->len - r, &n)) ==
	    out->len - r)
		return; /* nearly always */
	w = r += at;
	while (r < out->len) {
		/* U+FFFD takes 3 bytes, a noncharacter 3 or 4: never more */
		memcpy(out->data + w, "\xEF\xBF\xBD", 3);
		w += 3;
		r += n;
		at = find_noncharacter(out->data + r, out->len - r, &n);
		memmove(out->data + w, out->data + r, at);
		w += at;
		r += at;
	}
	bp_buf_truncate(out, w);
}

int
bp_render_txt(const struct bp_paper *paper, const struct bp_render_opts *opts,
	struct bp_buf *out, struct bp_diags *diags)
{
	struct txt t;
	size_t start = out->len;

	txt_init(&t, opts, out, diags);
	put_paper(&t, paper);
	txt_free(&t);
	replace_noncharacters(out, start);
	return out->failed ? -1 : 0;
}

/* --- packs ------------------------------------------------------------ */

/* One plain string as a text of one run, for wrapping. */
static struct bp_text
plain_text(struct bp_run *run, const char *s)
{
	struct bp_text text;

	memset(run, 0, sizeof(*run));
	run->type = BP_RUN_TEXT;
	run->text = s;
	run->len = strlen(s);
	memset(&text, 0, sizeof(text));
	text.runs = run;
	text.nruns = 1;
	text.plain = s;
	return text;
}

static void
put_words(struct txt *t, const char *s, int indent, const char *marker,
	int markw)
{
	struct bp_run run;
	struct bp_text text = plain_text(&run, s);

	put_text(t, &text, indent, marker, markw);
}

static void
put_exempt_line(struct txt *t, const struct bp_pack_item *it, int indent)
{
	put_words(t, it->exempt_text, indent, NULL, 0);
}

/* A rule across the width between the parts of a pack. */
static void
put_separator(struct txt *t)
{
	blank_if_needed(t);
	bp_buf_repeat(t->out, '=', (size_t)t->width);
	bp_buf_puts(t->out, "\n\n");
	t->need_blank = false;
}

/* "Date and time: 18 November 2020 at 11:00", "Venue: ...". */
static void
put_meeting_facts(struct txt *t, const struct bp_pack *pk)
{
	struct bp_buf b = BP_BUF_INIT;

	if (pk->when_text != NULL) {
		bp_buf_printf(&b, "%s: %s",
		    t->labels->text[BP_LABEL_DATE_AND_TIME], pk->when_text);
		put_words(t, b.data, 0, NULL, 0);
		t->need_blank = false;
	}
	if (pk->venue != NULL) {
		bp_buf_reset(&b);
		bp_buf_printf(&b, "%s: %s", t->labels->text[BP_LABEL_VENUE],
		    pk->venue);
		put_words(t, b.data, 0, NULL, 0);
	}
	if (b.failed)
		t->out->failed = true;
	bp_buf_free(&b);
	t->need_blank = true;
}

static void
put_agenda_item(struct txt *t, const struct bp_pack_item *it, int numw)
{
	if (it->first_exempt && t->pack->exclusion >= 0) {
		put_underlined(t, t->labels->text[BP_LABEL_EXCLUSION_HEADING]);
		t->need_blank = true;
		put_words(t, t->labels->text[t->pack->exclusion], 0, NULL, 0);
	}
	put_words(t, it->title, 0, it->number, numw);
	t->need_blank = false;
	if (it->note != NULL && it->kind != BP_PACK_EXEMPT)
		put_words(t, it->note, numw, NULL, 0);
	if (it->exempt)
		put_exempt_line(t, it, numw);
	if (it->kind == BP_PACK_TO_FOLLOW)
		put_words(t, t->labels->text[BP_LABEL_TO_FOLLOW], numw, NULL,
		    0);
	t->need_blank = true;
}

static void
put_agenda(struct txt *t, const struct bp_pack *pk)
{
	int numw = 4;

	for (size_t i = 0; i < pk->nitems; i++)
		if ((int)strlen(pk->items[i].number) + 2 > numw)
			numw = (int)strlen(pk->items[i].number) + 2;
	if (pk->board_text.nruns > 0) {
		put_text(t, &pk->board_text, 0, NULL, 0);
		bp_buf_repeat(t->out, '=', text_columns(pk->board,
		    strlen(pk->board)) > (size_t)t->width ? (size_t)t->width :
		    text_columns(pk->board, strlen(pk->board)));
		bp_buf_putc(t->out, '\n');
		t->need_blank = true;
	}
	put_meeting_facts(t, pk);
	put_underlined(t, t->labels->text[BP_LABEL_AGENDA]);
	t->need_blank = true;
	for (size_t i = 0; i < pk->nitems; i++)
		put_agenda_item(t, &pk->items[i], numw);
}

/* The page standing for an exempt paper in a public pack: its header
 * facts, title and the notice, nothing of the paper. */
static void
put_exempt_notice(struct txt *t, const struct bp_pack *pk,
	const struct bp_pack_item *it)
{
	if (pk->board_text.nruns > 0)
		put_text(t, &pk->board_text, 0, NULL, 0);
	t->need_blank = false;
	if (pk->meeting_text != NULL)
		bp_buf_printf(t->out, "%s\n", pk->meeting_text);
	bp_buf_printf(t->out, "%s\n", it->item_text);
	t->need_blank = true;
	put_words(t, it->title, 0, NULL, 0);
	put_exempt_line(t, it, 0);
	put_words(t, t->labels->text[BP_LABEL_EXEMPT_NOTICE], 0, NULL, 0);
}

int
bp_render_txt_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	const struct bp_pack_diags *diags)
{
	struct txt t;
	size_t start = out->len;

	txt_init(&t, opts, out, diags->meeting);
	t.labels = pack->labels;
	t.pack = pack;
	put_agenda(&t, pack);
	for (size_t i = 0; i < pack->nitems; i++) {
		const struct bp_pack_item *it = &pack->items[i];
		if (it->kind != BP_PACK_PAPER && it->kind != BP_PACK_EXEMPT)
			continue;
		put_separator(&t);
		t.item = it;
		t.labels = pack->labels;
		if (it->kind == BP_PACK_PAPER) {
			/* the paper's problems are named by its own file */
			t.diags = bp_pack_diags_for(diags, pack, it);
			put_paper(&t, it->paper);
			t.diags = diags->meeting;
		} else
			put_exempt_notice(&t, pack, it);
	}
	txt_free(&t);
	replace_noncharacters(out, start);
	return out->failed ? -1 : 0;
}
