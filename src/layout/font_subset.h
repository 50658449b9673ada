/* TrueType subsets for embedding: only the glyphs a document draws. */
#ifndef BOARDPAPER_FONT_SUBSET_H
#define BOARDPAPER_FONT_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/buf.h"

/* One font file, open for subsetting: meant to be kept by a worker and
 * used for every paper it compiles. */
struct bp_subsetter;

/* NULL when the file cannot be read as a font. */
struct bp_subsetter *bp_subsetter_open(const char *path);
void bp_subsetter_free(struct bp_subsetter *s);
/* The font file's bytes (`*len` of them), valid while `s` is. */
const unsigned char *bp_subsetter_data(const struct bp_subsetter *s,
	size_t *len);

/* Appends to `out` a TrueType font holding .notdef and the glyphs of the
 * `n` code points (with the composite glyphs' parts), without hinting or
 * layout tables.  With `keep_gids` every glyph keeps its number, as a
 * CIDToGIDMap written for the whole font needs; otherwise glyphs are
 * renumbered and found through the subset's own cmap.  Returns 0, or -1
 * when the subset could not be made. */
int bp_subsetter_run(struct bp_subsetter *s, const uint32_t *cps, size_t n,
	bool keep_gids, struct bp_buf *out);

#endif
