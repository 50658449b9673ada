/* The plain-text back-end: UTF-8 wrapped at a width in columns, numbers in
 * a hanging indent, URL links listed as numbered references after each
 * paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "boardpaper/style.h"

#define QUOTE_INDENT 4
#define CODE_INDENT 4
#define COVER_INDENT 2

struct txt {
	struct bp_buf *out;
	const struct bp_paper *paper;
	const struct bp_labels *labels;
	int width;           /* columns */
	struct bp_measure measure;
	struct bp_lines lines;
	int numw;            /* the number column of top-level paragraphs */
	bool need_blank;     /* a blank line goes before the next block */
};

/* Display columns of one code point: combining marks take none, East Asian
 * wide characters two. */
static int
columns_of(uint32_t cp)
{
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
	size_t cols = 0, n;

	for (size_t i = 0; i < len; i += n) {
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

static void
blank_if_needed(struct txt *t)
{
	if (t->need_blank)
		bp_buf_putc(t->out, '\n');
	t->need_blank = false;
}

static void
put_line(struct txt *t, size_t line)
{
	const struct bp_line *l = &t->lines.lines[line];

	for (size_t k = 0; k < l->nfrags; k++) {
		const struct bp_frag *f = &t->lines.frags[l->first + k];
		bp_buf_put(t->out, f->run->text + f->off, f->len);
	}
}

/* Wraps runs with `marker` (a number or bullet) hanging in a column of
 * `markw` columns at `indent`. */
/* Deep nesting must not push text past the width: the indent gives way
 * first, keeping at least a third of the width for text, and a marker too
 * wide for that goes on a line of its own. */
static void
fit_indent(const struct txt *t, int *indent, const char **marker, int *markw)
{
	int min_text = t->width / 3;

	if (*markw > t->width - min_text) {
		bp_buf_repeat(t->out, ' ', (size_t)(*indent < t->width -
		    *markw ? *indent : 0));
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
	for (size_t i = 0; i < t->lines.nlines || i == 0; i++) {
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		if (i == 0 && marker != NULL) {
			bp_buf_puts(t->out, marker);
			bp_buf_repeat(t->out, ' ', (size_t)markw -
			    text_columns(marker, strlen(marker)));
		} else
			bp_buf_repeat(t->out, ' ', (size_t)markw);
		if (i < t->lines.nlines)
			put_line(t, i);
		/* no trailing white space */
		bp_buf_trim_spaces(t->out);
		bp_buf_putc(t->out, '\n');
		if (t->lines.nlines == 0)
			break;
	}
	t->need_blank = true;
}

/* A URL link needs a note giving its URL unless its text shows it. */
static bool
needs_note(const struct bp_link *l)
{
	return l != NULL && l->type == BP_LINK_URL && !l->text_is_url;
}

static bool
starts_link(const struct bp_text *text, size_t i)
{
	return text->runs[i].link != NULL &&
	    (i == 0 || text->runs[i - 1].link != text->runs[i].link);
}

/* Lists the URLs of the links that need a note, after their text. */
static void
put_link_notes(struct txt *t, const struct bp_text *text, int indent)
{
	bool any = false;

	for (size_t i = 0; i < text->nruns; i++) {
		if (!starts_link(text, i) || !needs_note(text->runs[i].link))
			continue;
		if (!any)
			blank_if_needed(t);
		any = true;
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		bp_buf_printf(t->out, "[%u] %s\n", text->runs[i].link->index,
		    text->runs[i].link->url);
	}
	if (any)
		t->need_blank = true;
}

/* Text runs with " [n]" after each link that needs a note. */
static struct bp_run *
runs_with_markers(const struct bp_text *text, size_t *n, char (*marks)[16])
{
	struct bp_run *runs = malloc((text->nruns * 2 + 1) * sizeof(*runs));
	size_t k = 0, nm = 0;

	if (runs == NULL)
		return NULL;
	for (size_t i = 0; i < text->nruns; i++) {
		const struct bp_run *r = &text->runs[i];
		runs[k++] = *r;
		if (!needs_note(r->link) || (i + 1 < text->nruns &&
		    text->runs[i + 1].link == r->link))
			continue;
		runs[k] = *r;
		runs[k].link = NULL;
		snprintf(marks[nm], sizeof(marks[nm]), " [%u]", r->link->index);
		runs[k].text = marks[nm];
		runs[k].len = strlen(marks[nm]);
		nm++;
		k++;
	}
	*n = k;
	return runs;
}

static void
put_text(struct txt *t, const struct bp_text *text, int indent,
	const char *marker, int markw)
{
	char (*marks)[16] = malloc((text->nruns + 1) * sizeof(*marks));
	size_t n = 0;
	struct bp_run *runs = marks ? runs_with_markers(text, &n, marks) : NULL;

	if (runs == NULL) {
		t->out->failed = true;
		free(marks);
		return;
	}
	wrap(t, runs, n, indent, marker, markw);
	put_link_notes(t, text, indent + markw);
	free(runs);
	free(marks);
}

static void put_blocks(struct txt *, const struct bp_block *, int);

static int
list_marker_width(const struct bp_block *list)
{
	int w = 2;

	for (const struct bp_block *i = list->child; i; i = i->next) {
		int n = i->number ? (int)strlen(i->number) + 2 : 2;
		if (n > w)
			w = n;
	}
	return list->list == BP_LIST_BULLET ? 2 : w + (w < 4);
}

/* An item: its marker hangs beside the first paragraph; the rest of its
 * blocks are indented to the text. */
static void
put_item(struct txt *t, const struct bp_block *item, int indent, int markw)
{
	const char *marker = item->printed ? item->printed :
	    "\xE2\x80\xA2"; /* U+2022 BULLET */
	const struct bp_block *first = item->child;

	if (first != NULL && first->type == BP_BLOCK_PARA) {
		put_text(t, &first->text, indent, marker, markw);
		put_blocks(t, first->child, indent + markw);
		first = first->next;
	} else
		wrap(t, NULL, 0, indent, marker, markw);
	put_blocks(t, first, indent + markw);
}

static void
put_list(struct txt *t, const struct bp_block *list, int indent)
{
	int markw = list_marker_width(list);

	for (const struct bp_block *i = list->child; i; i = i->next) {
		put_item(t, i, indent, markw);
		/* sub-paragraphs are paragraphs: always a blank line apart */
		if (list->tight && list->list != BP_LIST_SUBPARA &&
		    i->next != NULL)
			t->need_blank = false;
	}
	t->need_blank = true;
}

/* One code line, tabs expanded to 4-column stops as in the PDF: the text
 * output never holds a control character but the line feed. */
static void
put_code_line(struct txt *t, const char *p, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\t') {
			bp_buf_repeat(t->out, ' ', 4 - col % 4);
			col += 4 - col % 4;
			continue;
		}
		bp_buf_putc(t->out, p[i]);
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			col++;
	}
}

static void
put_code(struct txt *t, const struct bp_code *code, int indent)
{
	const char *p = code->text, *end = code->text + code->len;

	blank_if_needed(t);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0)
			bp_buf_repeat(t->out, ' ', (size_t)indent);
		put_code_line(t, p, n);
		bp_buf_putc(t->out, '\n');
		p += n + 1;
	}
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
	if (cols > (size_t)(t->width - indent))
		cols = (size_t)(t->width - indent);
	bp_buf_repeat(t->out, ' ', (size_t)indent);
	bp_buf_repeat(t->out, h->level == 1 ? '=' : '-', cols);
	bp_buf_putc(t->out, '\n');
}

/* --- tables ----------------------------------------------------------- */

/* The widest a column may be so that the columns fit in `avail`: columns
 * narrower than the cap keep their natural width. */
static size_t
column_cap(const size_t *natural, size_t ncols, size_t avail)
{
	size_t lo = 1, hi = 1;

	for (size_t c = 0; c < ncols; c++)
		if (natural[c] > hi)
			hi = natural[c];
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2, sum = 0;
		for (size_t c = 0; c < ncols; c++)
			sum += natural[c] < mid ? natural[c] : mid;
		if (sum <= avail)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

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
	if (line < cell->nlines) {
		const struct bp_line *l = &cell->lines[line];
		for (size_t k = 0; k < l->nfrags; k++) {
			const struct bp_frag *f = &cell->frags[l->first + k];
			bp_buf_put(t->out, f->run->text + f->off, f->len);
		}
	}
	if (align == BP_ALIGN_CENTER)
		bp_buf_repeat(t->out, ' ', pad - pad / 2);
	else if (align != BP_ALIGN_RIGHT)
		bp_buf_repeat(t->out, ' ', pad);
}

static void
put_table_row(struct txt *t, const struct bp_table *tb, size_t r,
	const size_t *widths, struct bp_lines *cells, int indent)
{
	size_t height = 1;

	for (size_t c = 0; c < tb->ncols; c++) {
		const struct bp_text *x = &tb->cells[r * tb->ncols + c];
		bp_lines_reset(&cells[c]);
		bp_break_lines(&t->measure, x->runs, x->nruns,
		    (double)widths[c], (double)widths[c], &cells[c]);
		if (cells[c].nlines > height)
			height = cells[c].nlines;
	}
	for (size_t line = 0; line < height; line++) {
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		for (size_t c = 0; c < tb->ncols; c++) {
			if (c > 0)
				bp_buf_puts(t->out, "  ");
			put_table_cell_line(t, &cells[c], line, widths[c],
			    tb->align[c]);
		}
		bp_buf_trim_spaces(t->out);
		bp_buf_putc(t->out, '\n');
	}
}

static void
put_table(struct txt *t, const struct bp_table *tb, int indent)
{
	size_t *widths = calloc(tb->ncols + 1, sizeof(*widths));
	struct bp_lines *cells = calloc(tb->ncols + 1, sizeof(*cells));
	size_t avail, cap;

	if (widths == NULL || cells == NULL) {
		t->out->failed = true;
		goto out;
	}
	blank_if_needed(t);
	if (tb->caption.nruns > 0) {
		char *marker = label_with(t, BP_LABEL_TABLE, ":");
		if (marker != NULL)
			put_text(t, &tb->caption, indent, marker,
			    (int)text_columns(marker, strlen(marker)) + 1);
		free(marker);
		t->need_blank = false;
	}
	for (size_t i = 0; i < tb->nrows * tb->ncols; i++) {
		const char *p = tb->cells[i].plain ? tb->cells[i].plain : "";
		size_t w = text_columns(p, strlen(p));
		if (w > widths[i % tb->ncols])
			widths[i % tb->ncols] = w;
	}
	avail = (size_t)(t->width - indent) > 2 * tb->ncols ?
	    (size_t)(t->width - indent) - 2 * (tb->ncols - 1) : tb->ncols;
	cap = column_cap(widths, tb->ncols, avail);
	for (size_t c = 0; c < tb->ncols; c++) {
		if (widths[c] > cap)
			widths[c] = cap;
		if (widths[c] < 3)
			widths[c] = 3;
	}
	for (size_t r = 0; r < tb->nrows; r++) {
		put_table_row(t, tb, r, widths, cells, indent);
		if (r > 0)
			continue;
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		for (size_t c = 0; c < tb->ncols; c++) {
			bp_buf_puts(t->out, c > 0 ? "  " : "");
			bp_buf_repeat(t->out, '-', widths[c]);
		}
		bp_buf_putc(t->out, '\n');
	}
	t->need_blank = true;
out:
	for (size_t c = 0; cells != NULL && c < tb->ncols; c++)
		bp_lines_free(&cells[c]);
	free(cells);
	free(widths);
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
		put_blocks(t, b->child, indent + QUOTE_INDENT);
		break;
	case BP_BLOCK_CODE:
		put_code(t, &b->u.code, indent + CODE_INDENT);
		break;
	case BP_BLOCK_TABLE:
		put_table(t, &b->u.table, indent);
		break;
	case BP_BLOCK_RULE:
		blank_if_needed(t);
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		bp_buf_puts(t->out, "* * *\n");
		t->need_blank = true;
		break;
	case BP_BLOCK_FIGURE:
		blank_if_needed(t);
		bp_buf_repeat(t->out, ' ', (size_t)indent);
		bp_buf_putc(t->out, '[');
		bp_label_fill(t->out, t->labels->text[BP_LABEL_IMAGE],
		    &b->u.image.alt, 1);
		bp_buf_puts(t->out, "]\n");
		t->need_blank = true;
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
	blank_if_needed(t);
	bp_buf_printf(t->out, "%s\n", t->labels->text[m->recommendations_list ?
	    BP_LABEL_RECOMMENDATIONS : BP_LABEL_RECOMMENDATION]);
	for (size_t i = 0; i < m->nrecommendations; i++) {
		if (m->recommendations_list) {
			put_text(t, &m->recommendations[i], COVER_INDENT,
			    m->recommendation_numbers[i], 4);
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

	/* the house style's organisation heads the header (a logo has no
	 * text form, so it is left out) */
	if (org != NULL)
		put_plain(t, org, 0);
	if (m->board.nruns > 0)
		put_text(t, &m->board, 0, NULL, 0);
	t->need_blank = false;
	if (m->meeting_text != NULL || m->item != NULL) {
		if (m->meeting_text != NULL)
			bp_buf_puts(t->out, m->meeting_text);
		if (m->meeting_text != NULL && m->item != NULL)
			bp_buf_puts(t->out, "\n");
		if (m->item != NULL)
			bp_buf_puts(t->out, m->item_text);
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

int
bp_render_txt(const struct bp_paper *paper, const struct bp_render_opts *opts,
	struct bp_buf *out, struct bp_diags *diags)
{
	struct txt t;

	(void)diags;
	memset(&t, 0, sizeof(t));
	t.out = out;
	t.paper = paper;
	t.labels = paper->labels;
	t.width = opts->width > 0 ? opts->width : 72;
	t.measure.width = measure_columns;
	t.numw = number_column(paper);
	bp_lines_init(&t.lines);
	put_cover(&t, &paper->meta);
	put_blocks(&t, paper->body, 0);
	put_background_papers(&t, &paper->meta);
	bp_lines_free(&t.lines);
	return out->failed ? -1 : 0;
}
