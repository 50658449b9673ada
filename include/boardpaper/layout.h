/* Line breaking shared by every back-end that wraps text itself.
 *
 * The layout knows nothing of fonts or columns: a measure callback says how
 * wide a piece of text is in the device's units (points for PDF, columns for
 * text).  Lines break at spaces, left-aligned and ragged right, so that the
 * text and PDF outputs break by the same rules (SPEC §1, §3):
 * - a soft hyphen (U+00AD) prints nothing unless a line breaks at it, and
 *   then prints a hyphen; zero-width format characters (U+200B-U+200D,
 *   U+2060, U+FEFF) print nothing; U+2011 prints as a hyphen that never
 *   breaks;
 * - a word that does not fit goes to the next line; only a word wider than
 *   a whole line is split, and only on a device that allows it: a URL or
 *   e-mail address after '/' or before '.', '-', '?', '&' or '=', never with
 *   a hyphen added; any other word between characters.
 */
#ifndef BOARDPAPER_LAYOUT_H
#define BOARDPAPER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* A footnote reference is set smaller and raised: the measure callback
 * sees BP_MEASURE_NOTE added to its run's style, and a device that draws
 * it sets it at BP_NOTE_SCALE of the size, BP_NOTE_RISE of it higher. */
#define BP_MEASURE_NOTE (1u << 15)
#define BP_NOTE_SCALE 0.65
#define BP_NOTE_RISE 0.38

struct bp_measure {
	/* Width of `len` bytes of UTF-8 at `s`, set in `style`. */
	double (*width)(void *ctx, unsigned style, const char *s, size_t len);
	void *ctx;
	bool keep_words; /* never split a word: one wider than the line
	                  * overflows it (text output) */
	/* Optional (NULL: every piece goes to `width`): the device's widths
	 * of the ASCII characters in `style`, 128 integers (-1: not known
	 * yet), so that the breaker measures a piece of ASCII without a
	 * call: the sum of its characters' entries times *size / *per_em,
	 * which must be exactly what `width` returns for it.  NULL when the
	 * device has no such table for `style`. */
	const int *(*ascii)(void *ctx, unsigned style, double *size,
	    double *per_em);
	/* For the unit tests only (every device leaves it false): every word
	 * goes the general way, gathered into pieces and then placed, never
	 * by the shortcut for a plain ASCII word that fits, so that the two
	 * ways can be compared line by line. */
	bool general_words;
};

/* A piece of one run placed on a line.  A long paper's PDF holds one
 * or more for each of its lines until they are drawn, so offsets and
 * counts are 32 bits: no text within the input limit comes near 2^32
 * bytes or fragments. */
struct bp_frag {
	const struct bp_run *run;
	const char *text; /* what to print: run->text + off, or a hyphen the
	                   * breaker put for a soft hyphen or for U+2011 */
	uint32_t off; /* bytes into run->text where the fragment starts */
	uint32_t len; /* bytes of text */
	double x;     /* device units from the start of the line */
	double width; /* device units */
};

struct bp_line {
	uint32_t first;  /* index of the line's first fragment */
	uint32_t nfrags;
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

/* --- tables -------------------------------------------------------------
 *
 * One routine fits a table's columns for every device.  The device measures
 * each cell (bp_text_extent) and tries its layouts in order, from the most
 * generous to the tightest (PDF: narrower padding, then 9 pt type, then the
 * full width between the margins; text: narrower gaps, then no indent);
 * the first in which every column holds its longest word wins.  Only when
 * none does are words broken between characters, and the device warns.
 */
struct bp_extent {
	double natural; /* the text on one line (its widest line) */
	double word;    /* its widest word, which must not be broken */
};

/* The extent of inline runs under the device's measure. */
struct bp_extent bp_text_extent(const struct bp_measure *m,
	const struct bp_run *runs, size_t nruns);

/* Column widths for `ncols` columns of the given extents in `avail`
 * device units: columns keep their natural width where they can, the
 * widest share what is left, and none goes below its widest word.
 * Returns true when that fits; false when even the words do not, in which
 * case `out` still fills `avail` and the words must be broken. */
bool bp_table_columns(const struct bp_extent *cols, size_t ncols,
	double avail, double *out);

/* Whether the code point prints nothing (a zero-width format character or
 * a soft hyphen where no line breaks). */
bool bp_is_invisible(uint32_t cp);
/* Whether the code point belongs to a right-to-left script (Hebrew,
 * Arabic and their presentation forms), which text and PDF cannot order. */
bool bp_is_rtl(uint32_t cp);
/* Whether the code point is one of Unicode's 66 noncharacters (U+FDD0 to
 * U+FDEF, and the last two of every plane, U+FFFE and U+FFFF to U+10FFFF):
 * valid UTF-8, but kept for programs' own use, never text to print. */
bool bp_is_noncharacter(uint32_t cp);

/* Byte length of the UTF-8 sequence starting at s (1 for a stray byte). */
size_t bp_utf8_len(const char *s, size_t avail);
/* The length of the run of ASCII (bytes below 0x80) that `s` starts with. */
size_t bp_ascii_len(const char *s, size_t len);
/* Encodes a code point as UTF-8 into out; returns its byte length. */
size_t bp_utf8_encode(uint32_t cp, char out[4]);
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
 *
 * Footnotes go at the foot of the page their reference is on.  A note is
 * laid out as boxes of its own (BP_VBOX_FOOT, never in the flow), and the
 * box holding a note's first reference names it (`note0`, `notes`); the
 * paginator keeps room at the page's foot for the notes of the boxes it
 * places, under a rule (a FOOT box placed once on each page with notes).
 * A box whose notes do not fit below it goes to the next page, with the
 * boxes kept with it; when the box and the first line of its last note
 * fit but not the whole note, the rest of that note continues at the foot
 * of the next page, before any note of its own, and no other note joins
 * this page's foot.  So no note starts on a page before its reference,
 * none is left out, and none overlaps the body or the footer.
 */
enum bp_vbox_flag {
	BP_VBOX_KEEP = 1u << 0,     /* no page break just before this box */
	BP_VBOX_IN_TABLE = 1u << 1, /* a body row: `head` is its header row */
	BP_VBOX_FOOT = 1u << 2      /* a footnote's box or the notes' rule:
	                             * placed at a page's foot, not in the
	                             * flow */
};

/* A box per line of a paper, so 32 bytes, with 32-bit indices (a
 * paper within the page limit has far fewer than 2^32 boxes). */
struct bp_vbox {
	double height;       /* device units */
	double space_before; /* device units; dropped at the top of a page
	                      * and of a page's foot */
	uint32_t flags;      /* enum bp_vbox_flag bits */
	uint32_t head;       /* IN_TABLE: index of the table's header box */
	uint32_t note0;      /* notes first referenced in this box: */
	uint32_t notes;      /* bp_feet.notes[note0 .. note0 + notes - 1] */
};

/* One footnote's boxes: first .. first + n - 1, all FOOT. */
struct bp_note_boxes {
	size_t first, n;
};

struct bp_feet {
	const struct bp_note_boxes *notes; /* in the order they are claimed */
	size_t nnotes;
	size_t rule; /* the FOOT box drawn above each page's notes */
};

/* One box put on a page; a repeated header row is placed more than once. */
struct bp_placed {
	uint32_t box;  /* index into the box list */
	uint32_t page; /* 0-based */
	double y;      /* device units from the top of the page's body area */
};

struct bp_pages {
	struct bp_placed *placed; /* in page order, then in reading order:
	                           * top to bottom, but a footnote after the
	                           * box that refers to it, and the rest of
	                           * one from the page before first */
	size_t nplaced, cap;
	size_t npages;            /* at least 1, even for no boxes */
};

/* Places `n` boxes on pages whose body area is `page_height` high, the
 * footnotes of `feet` (NULL: none) at their feet.  A box taller than a
 * page gets a page of its own and overflows it. */
void bp_paginate(const struct bp_vbox *boxes, size_t n, double page_height,
	const struct bp_feet *feet, struct bp_pages *out);
void bp_pages_free(struct bp_pages *p);

#endif
