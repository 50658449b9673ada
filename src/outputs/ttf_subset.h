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

/* What the subsetter read of the font, checked when it was opened, for
 * the PDF back-end's loader (pdf_hpdf.c), so that one set of rules reads
 * the file.  Table `tag` (the directory's first record of it) inside the
 * file, its length in *len; NULL when the font has none.  head, hhea,
 * maxp, hmtx, loca, glyf and cmap are always there and long enough:
 * loca holds glyph count + 1 offsets ascending inside glyf, and hmtx the
 * metrics hhea and maxp count. */
const unsigned char *bp_subsetter_table(const struct bp_subsetter *s,
	const char tag[4], size_t *len);
/* The Unicode cmap subtable bp_subsetter_glyph reads (format 4, its
 * segments and glyphIdArray entries inside it), `*len` bytes. */
const unsigned char *bp_subsetter_cmap4(const struct bp_subsetter *s,
	size_t *len);
/* maxp's glyph count and hhea's count of long metrics (1 to it). */
unsigned bp_subsetter_glyph_count(const struct bp_subsetter *s);
unsigned bp_subsetter_metric_count(const struct bp_subsetter *s);
/* The font's PostScript name (name 6), as FreeType and pre-flight tools
 * read it: Windows' US English record (UTF-16BE), else the Macintosh
 * Roman one, each only when every character of it may be in a PostScript
 * name (bp_ps_name_char).  Written to `out` (`size` bytes, at least 1)
 * with its NUL, cut short when longer; returns its length, 0 when the
 * font has no such record. */
size_t bp_subsetter_ps_name(const struct bp_subsetter *s, char *out,
	size_t size);
/* Whether byte or code point `c` may be in a PostScript name (Adobe
 * Technical Note 5902): printable ASCII but the ten delimiters
 * [](){}<>/% (so no PDF name delimiter either, nor a space). */
bool bp_ps_name_char(unsigned c);

/* TrueType's big-endian numbers. */
unsigned bp_ttf_u16(const unsigned char *p);
uint32_t bp_ttf_u32(const unsigned char *p);
void bp_ttf_put16(struct bp_buf *b, unsigned v);
void bp_ttf_put32(struct bp_buf *b, uint32_t v);

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
