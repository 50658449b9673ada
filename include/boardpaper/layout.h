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

#endif
