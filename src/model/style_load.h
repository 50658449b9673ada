/* Finding and loading house styles (src/model/style.c), for main.c and tests. */
#ifndef BOARDPAPER_STYLE_LOAD_H
#define BOARDPAPER_STYLE_LOAD_H

#include <stdbool.h>
#include "boardpaper/buf.h"
#include "boardpaper/style.h"

struct bp_fonts;

/* The file name a house style has, found by walking up from a paper. */
#define BP_STYLE_FILE ".boardpaper.yaml"

/* Every style of one run, each file read and checked once.  `forced` is
 * --style FILE (NULL: find them); `none` is --no-style.  `fonts` checks
 * the font families (shared with the PDF back-end). */
struct bp_styles;
struct bp_styles *bp_styles_new(const char *forced, bool none,
	struct bp_fonts *fonts);
void bp_styles_free(struct bp_styles *s);

/* The style of a paper (or meeting file) in folder `dir`: never NULL, the
 * default when no style applies.  The diagnostics of each style file
 * (warnings as errors with `strict`) are appended, once a run, to the
 * first `report` that is not NULL: a caller that only looks at the style
 * (what its files are) passes NULL and leaves them for the compile to say,
 * where it says them when nothing looked first.  *failed names the first
 * style file with errors, or is NULL: a paper whose style failed must not
 * be compiled. */
const struct bp_house_style *bp_styles_for(struct bp_styles *s,
	const char *dir, bool strict, struct bp_buf *report,
	const char **failed);

#endif
