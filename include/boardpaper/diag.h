/* Diagnostics: a code per kind of problem, a message table, a severity each.
 *
 * A paper's diagnostics are collected, sorted by position and printed as
 * `FILE:LINE:COL: error: message` when the paper is done, so that parallel
 * builds never interleave lines.  Line 0 means the file as a whole.
 */
#ifndef BOARDPAPER_DIAG_H
#define BOARDPAPER_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "model.h"

enum bp_diag_code {
	/* the file as a whole */
	BP_E_READ,
	BP_E_NOT_REGULAR,
	BP_E_TOO_LARGE,
	BP_E_EMPTY,
	BP_E_CONTROL,
	BP_E_CONTROL_ESCAPE,
	BP_W_NONCHARACTER,
	BP_E_NUL,
	BP_E_UTF8,
	BP_E_NO_FRONT_MATTER,
	BP_E_FRONT_MATTER_UNCLOSED,
	/* front matter */
	BP_E_YAML,
	BP_E_NOT_MAPPING,
	BP_E_ALIAS,
	BP_E_TAG,
	BP_E_DUPLICATE_KEY,
	BP_W_UNKNOWN_KEY,
	BP_W_UNKNOWN_KEY_NEAR,
	BP_E_MISSING_KEY,
	BP_E_TYPE,
	BP_E_EMPTY_VALUE,
	BP_E_DATE,
	BP_E_EMAIL,
	BP_E_BOTH_KEYS,
	BP_E_NUMBERING,
	BP_E_LANG,
	BP_E_TOO_DEEP,
	BP_E_LIMIT_FM_ENTRIES,
	/* body */
	BP_E_NESTING,
	BP_E_LIMIT_CELLS,
	BP_E_LIMIT_PARA_INLINES,
	BP_E_LIMIT_INLINES,
	BP_E_LIMIT_LINKS,
	BP_E_LIMIT_HEADINGS,
	BP_E_LIMIT_BLOCKS,
	BP_E_LIMIT_LINE_BREAKS,
	BP_E_LIMIT_AUTOLINK_SPLITS,
	BP_E_LABEL_SYNTAX,
	BP_E_LABEL_DUPLICATE,
	BP_E_LABEL_UNKNOWN,
	BP_E_LABEL_UNNUMBERED,
	BP_E_IMAGE_ALT,
	BP_E_IMAGE_READ,
	BP_E_IMAGE_ADDRESS,
	BP_E_IMAGE_FORMAT,
	BP_E_IMAGE_INLINE,
	BP_E_IMAGE_OUTSIDE,
	BP_E_IMAGE_NOT_FILE,
	BP_E_IMAGE_PNG,
	BP_E_IMAGE_JPEG,
	BP_E_IMAGE_PIXELS,
	BP_E_IMAGE_DECODED,
	BP_W_LINK_DROPPED,
	/* house styles (the style file's own diagnostics) */
	BP_E_STYLE_TOO_LARGE,
	BP_E_STYLE_NOT_MAPPING,
	BP_E_STYLE_CHOICE,
	BP_E_STYLE_FONT,
	BP_E_STYLE_FONT_NONE,
	BP_E_STYLE_FONT_UNUSABLE,
	BP_W_STYLE_FONT_SHARED,
	BP_E_STYLE_COLOUR,
	BP_E_STYLE_CONTRAST,
	BP_E_STYLE_FIELD_KEY,
	/* a paper against its house style */
	BP_E_STYLE_FAILED,
	BP_E_FIELD_MISSING,
	BP_E_FIELD_TYPE,
	BP_E_FIELD_DATE,
	BP_E_SECTION_MISSING,
	BP_E_SECTION_ORDER,
	BP_W_LINK_NO_SLASHES,
	/* output */
	BP_W_GLYPH_MISSING_ONE,
	BP_W_GLYPH_MISSING_MANY,
	BP_W_TABLE_SPLIT,
	BP_W_RTL,
	BP_E_FONT_MISSING,
	BP_E_FONT_SUBSET,
	BP_E_PDF_LIBRARY,
	BP_E_PDF_BACKEND,
	BP_E_PDF_ABI,
	BP_E_FONT_FILE,
	BP_E_FONT_DAMAGED,
	BP_E_IMAGE_EMBED,
	BP_E_PDF_URL_LONG,
	BP_E_LIMIT_PAGES,
	BP_E_LIMIT_PAGES_AT,
	BP_E_PDF_NEW,
	BP_E_FRONT_SHEET,
	BP_E_RENDER,
	BP_E_RENDER_PACK,
	BP_E_RENDER_MEMORY,
	BP_E_RENDER_PACK_MEMORY,
	BP_E_MEMORY,
	BP_E_WRITE,
	BP_E_WRITE_STDOUT,
	BP_E_OVER_INPUT,
	BP_E_NEW_EXISTS,
	BP_E_NEW_IS_DIR,
	/* import from Word */
	BP_E_IMPORT_LIMIT,
	BP_E_IMPORT_DOCX,
	BP_E_IMPORT_XML,
	BP_E_IMPORT_EXISTS,
	BP_E_IMPORT_MKDIR,
	BP_E_IMPORT_NOT_FOLDER,
	BP_W_IMPORT_TRACKED,
	BP_W_IMPORT_COMMENTS,
	BP_W_IMPORT_LEFT_OUT,
	BP_W_IMPORT_MERGED,
	BP_W_IMPORT_SEQUENCE,
	BP_W_IMPORT_UNNUMBERED,
	BP_W_IMPORT_IMAGE_MISSING,
	BP_W_IMPORT_IMAGE_ALT,
	BP_W_IMPORT_IMAGE_FORMAT,
	BP_W_IMPORT_IMAGE_OUTSIDE,
	BP_W_IMPORT_UNSAFE_NAME,
	/* meeting files and packs */
	BP_E_MEETING_NOT_MAPPING,
	BP_E_MEETING_IS_PAPER,
	BP_E_TIME,
	BP_E_ITEM_EMPTY,
	BP_E_ITEM_DUPLICATE,
	BP_E_PAPER_READ,
	BP_E_PAPER_NOT_REGULAR,
	BP_W_ITEM_MISMATCH,
	BP_W_PAPER_DATE,
	BP_W_PAPER_TWICE,
	BP_DIAG__MAX
};

enum bp_severity {
	BP_SEV_WARNING,
	BP_SEV_ERROR
};

struct bp_diag {
	enum bp_diag_code code;
	struct bp_pos pos;
	size_t seq; /* order of reporting: keeps the sort stable */
	char *message;
};

/* At most this many are kept and printed; the rest are counted.  Past
 * BP_DIAG_KIND_LIMIT of one kind, one line sums up the rest of that kind. */
#define BP_DIAG_LIMIT 200
#define BP_DIAG_KIND_LIMIT 20
/* A string argument is shown up to this many characters, then "...". */
#define BP_SHOWN_MAX 120

struct bp_colmap;

struct bp_diags {
	const char *file; /* as printed */
	/* set by the parser: from the parsed text's byte columns to the
	 * file's character columns; owned */
	struct bp_colmap *columns;
	struct bp_diag *list;
	size_t n, cap;
	size_t nerrors, nwarnings;
	size_t dropped_errors, dropped_warnings; /* past BP_DIAG_LIMIT */
	size_t per_code[BP_DIAG__MAX]; /* reported, by kind */
};

void bp_diags_init(struct bp_diags *d, const char *file);
void bp_diags_free(struct bp_diags *d);
/* Records one diagnostic; the arguments fill the code's message format. */
void bp_diag(struct bp_diags *d, struct bp_pos pos, enum bp_diag_code code,
	...);
/* Moves the diagnostics of `code` of `from` (both those it keeps and those
 * it only counted) to `to`, their positions as they are. */
void bp_diags_take(struct bp_diags *to, const struct bp_diags *from,
	enum bp_diag_code code);
/* Appends `len` bytes of `s` for a one-line message: control, bidi and
 * line-separator characters and invalid UTF-8 escaped, and cut after `max`
 * characters with "...". */
void bp_buf_put_shown(struct bp_buf *out, const char *s, size_t len,
	size_t max);
/* Formats them sorted by position, one line each; `strict` prints warnings
 * as errors. */
void bp_diags_format(struct bp_diags *d, bool strict, struct bp_buf *out);
/* True when the paper must not be output: errors, or warnings under strict. */
bool bp_diags_failed(const struct bp_diags *d, bool strict);

#endif
