/* One house-style file read and checked: a layer of a style (style.c
 * merges layers; style_parse.c reads one). */
#ifndef BOARDPAPER_STYLE_PARSE_H
#define BOARDPAPER_STYLE_PARSE_H

#include <stdbool.h>
#include "boardpaper/buf.h"
#include "boardpaper/style.h"

struct bp_arena;
struct bp_fonts;

struct bp_style_layer {
	const char *path;  /* as printed in diagnostics */
	struct bp_house_style style; /* the values this file sets (has_ flags) */
	bool root;         /* `root: true`: no farther file applies */
	bool has_jurisdiction;
	bool has_fields;
	bool has_sections;
	bool failed;       /* it had errors (or warnings, under --strict) */
};

/* Reads and checks the file at `path`; never NULL (a file that cannot be
 * read is a failed, empty layer).  Its diagnostics are appended to
 * `report`.  Everything lives in `arena`. */
struct bp_style_layer *bp_style_layer_read(const char *path,
	struct bp_fonts *fonts, struct bp_arena *arena, bool strict,
	struct bp_buf *report);

/* The dark-mode accent for an accent colour (style.c). */
struct bp_rgb bp_style_dark_accent(struct bp_rgb c);

#endif
