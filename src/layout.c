/* Line breaking over inline runs, with widths from the device's measure
 * callback, and pagination of the resulting boxes: the one layout engine
 * for text and PDF output. */
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "internal.h"

size_t
bp_utf8_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	if (c >= 0x80 && c < 0xC0)
		n = 1;
	return n <= avail ? n : avail;
}

uint32_t
bp_utf8_decode(const char *s, size_t avail, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	*n = bp_utf8_len(s, avail);
	switch (*n) {
	case 2:
		cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
		break;
	case 3:
		cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
		    (u[2] & 0x3F);
		break;
	case 4:
		cp = (uint32_t)(u[0] & 0x07) << 18 |
		    (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
		    (u[3] & 0x3F);
		break;
	default:
		cp = u[0];
		break;
	}
	return cp;
}

void
bp_lines_init(struct bp_lines *l)
{
	memset(l, 0, sizeof(*l));
}

void
bp_lines_reset(struct bp_lines *l)
{
	l->nfrags = 0;
	l->nlines = 0;
}

void
bp_lines_free(struct bp_lines *l)
{
	if (l == NULL)
		return;
	free(l->frags);
	free(l->lines);
	bp_lines_init(l);
}

/* A piece of a word: words may span runs ("**bold**,"). */
struct piece {
	const struct bp_run *run;
	size_t off, len;
	double width;
};

struct breaker {
	const struct bp_measure *m;
	struct bp_lines *out;
	double first_width, width;
	size_t base;         /* lines in `out` before this call */
	double x;            /* where the next fragment goes */
	bool line_open;      /* the current line has a fragment or was forced */
	struct piece *word;  /* the word being gathered */
	size_t nword, word_cap;
	const struct bp_run *space_run; /* the space before the word, if any */
	size_t space_off;
};

static double
avail(const struct breaker *b)
{
	size_t n = b->out->nlines - b->base;

	return n == 0 || (n == 1 && b->line_open) ? b->first_width : b->width;
}

static struct bp_line *
current_line(struct breaker *b)
{
	struct bp_lines *l = b->out;

	if (!b->line_open) {
		if (l->nlines == l->lines_cap) {
			l->lines_cap = l->lines_cap ? l->lines_cap * 2 : 16;
			l->lines = bp_xrealloc(l->lines,
			    l->lines_cap * sizeof(*l->lines));
		}
		l->lines[l->nlines].first = l->nfrags;
		l->lines[l->nlines].nfrags = 0;
		l->lines[l->nlines].width = 0;
		l->nlines++;
		b->line_open = true;
		b->x = 0;
	}
	return &l->lines[l->nlines - 1];
}

static void
end_line(struct breaker *b)
{
	b->line_open = false;
	b->x = 0;
}

/* Places bytes of a run at the current x, joining the previous fragment
 * when they continue it. */
static void
place(struct breaker *b, const struct bp_run *run, size_t off, size_t len,
	double width)
{
	struct bp_line *line = current_line(b);
	struct bp_lines *l = b->out;
	struct bp_frag *f = line->nfrags ? &l->frags[l->nfrags - 1] : NULL;

	if (f != NULL && f->run == run && f->off + f->len == off) {
		f->len += len;
		f->width += width;
	} else {
		if (l->nfrags == l->frags_cap) {
			l->frags_cap = l->frags_cap ? l->frags_cap * 2 : 32;
			l->frags = bp_xrealloc(l->frags,
			    l->frags_cap * sizeof(*l->frags));
		}
		f = &l->frags[l->nfrags++];
		f->run = run;
		f->off = off;
		f->len = len;
		f->x = b->x;
		f->width = width;
		line->nfrags++;
	}
	b->x += width;
	line->width = b->x;
}

static double
measure(const struct breaker *b, const struct bp_run *run, size_t off,
	size_t len)
{
	return b->m->width(b->m->ctx, run->style, run->text + off, len);
}

/* A word wider than a whole line: as many characters as fit, per line. */
static void
place_broken(struct breaker *b, const struct piece *p)
{
	size_t i = 0;

	while (i < p->len) {
		size_t n = bp_utf8_len(p->run->text + p->off + i, p->len - i);
		double w = measure(b, p->run, p->off + i, n);
		if (b->line_open && b->x > 0 && b->x + w > avail(b))
			end_line(b);
		place(b, p->run, p->off + i, n, w);
		i += n;
	}
}

static void
flush_word(struct breaker *b)
{
	double total = 0, space = 0;
	bool too_wide;

	if (b->nword == 0)
		return;
	for (size_t i = 0; i < b->nword; i++)
		total += b->word[i].width;
	if (b->line_open && b->x > 0 && b->space_run != NULL)
		space = measure(b, b->space_run, b->space_off, 1);
	if (b->line_open && b->x > 0 && b->x + space + total > avail(b))
		end_line(b);
	else if (space > 0)
		place(b, b->space_run, b->space_off, 1, space);
	/* decided once, before x moves: a word that fits is placed whole */
	too_wide = total > avail(b) - b->x;
	for (size_t i = 0; i < b->nword; i++) {
		if (too_wide)
			place_broken(b, &b->word[i]);
		else
			place(b, b->word[i].run, b->word[i].off,
			    b->word[i].len, b->word[i].width);
	}
	b->nword = 0;
	b->space_run = NULL;
}

static void
add_piece(struct breaker *b, const struct bp_run *run, size_t off, size_t len)
{
	if (b->nword == b->word_cap) {
		b->word_cap = b->word_cap ? b->word_cap * 2 : 8;
		b->word = bp_xrealloc(b->word, b->word_cap * sizeof(*b->word));
	}
	b->word[b->nword].run = run;
	b->word[b->nword].off = off;
	b->word[b->nword].len = len;
	b->word[b->nword].width = measure(b, run, off, len);
	b->nword++;
}

/* Splits one run at its spaces into word pieces. */
static void
feed_run(struct breaker *b, const struct bp_run *run)
{
	size_t i = 0;

	while (i < run->len) {
		const char *sp = memchr(run->text + i, ' ', run->len - i);
		size_t end = sp ? (size_t)(sp - run->text) : run->len;
		if (end > i)
			add_piece(b, run, i, end - i);
		if (sp == NULL)
			break;
		flush_word(b);
		b->space_run = run;
		b->space_off = end;
		i = end + 1;
	}
}

void
bp_break_lines(const struct bp_measure *m, const struct bp_run *runs,
	size_t nruns, double first_width, double width, struct bp_lines *out)
{
	struct breaker b;

	memset(&b, 0, sizeof(b));
	b.m = m;
	b.out = out;
	b.base = out->nlines;
	b.first_width = first_width;
	b.width = width;
	for (size_t i = 0; i < nruns; i++) {
		if (runs[i].type == BP_RUN_BREAK) {
			flush_word(&b);
			current_line(&b);
			end_line(&b);
			continue;
		}
		feed_run(&b, &runs[i]);
	}
	flush_word(&b);
	free(b.word);
}

/* --- pagination: a vertical list of boxes cut into pages --- */

struct paginator {
	const struct bp_vbox *boxes;
	struct bp_pages *out;
	size_t page_first; /* first box (not a repeat) on the current page */
	size_t on_page;    /* boxes on the current page, repeats excluded */
	double y;          /* where the next box's space starts */
};

static void
put(struct paginator *p, size_t box, double space)
{
	struct bp_pages *o = p->out;

	if (o->nplaced == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->placed = bp_xrealloc(o->placed, o->cap * sizeof(*o->placed));
	}
	o->placed[o->nplaced].box = box;
	o->placed[o->nplaced].page = o->npages - 1;
	o->placed[o->nplaced].y = p->y + space;
	o->nplaced++;
	p->y += space + p->boxes[box].height;
}

/* The last place at or before box `i` where the page may end: a box that
 * is not kept with the one before it.  When every box back to the top of
 * the page is kept, the rule cannot be met and the page ends at `i`. */
static size_t
break_point(const struct paginator *p, size_t i)
{
	size_t j = i;

	while (j > p->page_first && (p->boxes[j].flags & BP_VBOX_KEEP))
		j--;
	return j > p->page_first ? j : i;
}

/* Takes the boxes from `j` on back off the current page. */
static void
unplace_from(struct paginator *p, size_t j)
{
	struct bp_pages *o = p->out;

	while (o->nplaced > 0 && o->placed[o->nplaced - 1].page ==
	    o->npages - 1 && o->placed[o->nplaced - 1].box >= j)
		o->nplaced--;
}

static void
new_page(struct paginator *p, size_t first)
{
	const struct bp_vbox *b = &p->boxes[first];

	p->out->npages++;
	p->y = 0;
	p->on_page = 0;
	p->page_first = first;
	/* a table continued from the page before gets its header row again */
	if ((b->flags & BP_VBOX_IN_TABLE) && b->head < first)
		put(p, b->head, 0);
}

void
bp_paginate(const struct bp_vbox *boxes, size_t n, double page_height,
	struct bp_pages *out)
{
	struct paginator p;
	size_t i = 0;

	memset(&p, 0, sizeof(p));
	p.boxes = boxes;
	p.out = out;
	out->nplaced = 0;
	out->npages = 1;
	while (i < n) {
		double space = p.y > 0 ? boxes[i].space_before : 0;
		if (p.on_page > 0 && p.y + space + boxes[i].height >
		    page_height) {
			size_t j = break_point(&p, i);
			unplace_from(&p, j);
			new_page(&p, j);
			i = j;
			continue;
		}
		put(&p, i, space);
		p.on_page++;
		i++;
	}
}

void
bp_pages_free(struct bp_pages *p)
{
	if (p == NULL)
		return;
	free(p->placed);
	memset(p, 0, sizeof(*p));
}
