/* Line breaking shared by every back-end that wraps text itself.
 *
 * The layout knows nothing of fonts or columns: a measure callback says how
 * wide a piece of text is in the device's units (points for PDF, columns for
 * text).  Lines break at spaces, left-aligned and ragged right; a word wider
 * than the line is broken between characters rather than overflowing.
 */
#ifndef BOARDPAPER_LAYOUT_H
#define BOARDPAPER_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

struct bp_measure {
	/* Width of `len` bytes of UTF-8 at `s`, set in `style`. */
	double (*width)(void *ctx, unsigned style, const char *s, size_t len);
	void *ctx;
};

/* A piece of one run placed on a line. */
struct bp_frag {
	const struct bp_run *run;
	size_t off;   /* bytes into run->text */
	size_t len;   /* bytes */
	double x;     /* device units from the start of the line */
	double width; /* device units */
};

struct bp_line {
	size_t first;  /* index of the line's first fragment */
	size_t nfrags;
	double width;  /* device units, trailing space excluded */
};

struct bp_lines {
	struct bp_frag *frags;
	size_t nfrags, frags_cap;
	struct bp_line *lines;
	size_t nlines, lines_cap;
};

void bp_lines_init(struct bp_lines *l);
void bp_lines_reset(struct bp_lines *l);
void bp_lines_free(struct bp_lines *l);

/* Breaks the runs into lines, appended to `out`: the first line is
 * `first_width` wide, the others `width`.  An empty run list gives no line. */
void bp_break_lines(const struct bp_measure *m, const struct bp_run *runs,
	size_t nruns, double first_width, double width, struct bp_lines *out);

/* Byte length of the UTF-8 sequence starting at s (1 for a stray byte). */
size_t bp_utf8_len(const char *s, size_t avail);
/* Decodes one code point; *n receives its byte length. */
uint32_t bp_utf8_decode(const char *s, size_t avail, size_t *n);

/* --- pagination ---------------------------------------------------------
 *
 * A device lays its content out as a vertical list of boxes (a line of a
 * paragraph, a table row, an image), each with its height and the space
 * above it; bp_paginate() cuts the list into pages.  The device marks where
 * a break must not fall: BP_VBOX_KEEP is set on a box that must stay on the
 * same page as the box before it (the second line of a paragraph, so that
 * its first line is never alone at a page foot; its last line, so that it
 * is never alone at a page top; the two lines after a heading; a table's
 * first body row).  A table row is one box, so it is never split; when a
 * page break falls inside a table, the table's header row is placed again
 * at the top of the new page.
 */
enum bp_vbox_flag {
	BP_VBOX_KEEP = 1u << 0,    /* no page break just before this box */
	BP_VBOX_IN_TABLE = 1u << 1 /* a body row: `head` is its header row */
};

struct bp_vbox {
	double height;       /* device units */
	double space_before; /* device units; dropped at the top of a page */
	unsigned flags;      /* enum bp_vbox_flag bits */
	size_t head;         /* IN_TABLE: index of the table's header box */
};

/* One box put on a page; a repeated header row is placed more than once. */
struct bp_placed {
	size_t box;  /* index into the box list */
	size_t page; /* 0-based */
	double y;    /* device units from the top of the page's body area */
};

struct bp_pages {
	struct bp_placed *placed; /* in page order, then top to bottom */
	size_t nplaced, cap;
	size_t npages;            /* at least 1, even for no boxes */
};

/* Places `n` boxes on pages whose body area is `page_height` high.  A box
 * taller than a page gets a page of its own and overflows it. */
void bp_paginate(const struct bp_vbox *boxes, size_t n, double page_height,
	struct bp_pages *out);
void bp_pages_free(struct bp_pages *p);

#endif
