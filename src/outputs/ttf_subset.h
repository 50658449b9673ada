/* TrueType subsets for embedding: only the glyphs a document draws. */
#ifndef BOARDPAPER_TTF_SUBSET_H
#define BOARDPAPER_TTF_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/buf.h"

/* One font file, open for subsetting: meant to be kept by a worker and
 * used for every paper it compiles. */
struct bp_subsetter;

/* NULL when the file cannot be read as a TrueType (glyf) font: not a
 * regular file, another kind of font (CFF-based OpenType, a collection),
 * a table that is missing, too short or points outside the file, or
 * units per em outside OpenType's 16-16384. */
struct bp_subsetter *bp_subsetter_open(const char *path);
void bp_subsetter_free(struct bp_subsetter *s);
/* The font file's bytes (`*len` of them), valid while `s` is. */
const unsigned char *bp_subsetter_data(const struct bp_subsetter *s,
	size_t *len);
/* The glyph the font's Unicode cmap gives code point `cp`; 0 for none. */
unsigned bp_subsetter_glyph(const struct bp_subsetter *s, uint32_t cp);

/* Appends to `out` a TrueType font holding .notdef and the glyphs of the
 * `n` code points (with the composite glyphs' parts), without hinting or
 * layout tables.  With `keep_gids` every glyph keeps its number, as a
 * CIDToGIDMap written for the whole font needs; otherwise glyphs are
 * renumbered in their order in the font and found through the subset's
 * own cmap.  Returns 0, or -1 when the subset could not be made (a
 * damaged glyph; `out` is then as it was). */
int bp_subsetter_run(struct bp_subsetter *s, const uint32_t *cps, size_t n,
	bool keep_gids, struct bp_buf *out);

#endif
