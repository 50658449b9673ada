/* A house style: one organisation's look, labels, extra cover fields and
 * required sections, read from `.boardpaper.yaml` (SPEC §9).
 *
 * Ownership: a style is made and freed by the caller (main.c keeps one per
 * style file for the whole run), outlives every paper that points at it,
 * and is never modified once loaded.  A paper's `style` is never NULL:
 * without a house style it is bp_style_default(), which is the built-in
 * look.  Back-ends read the values as they are: lengths in points, colours
 * as RGB fractions, strings UTF-8.  A value the style does not set keeps
 * the built-in default, and each `has_` flag says whether it was set, so
 * that a paper without a style prints exactly what it always did.
 */
#ifndef BOARDPAPER_STYLE_H
#define BOARDPAPER_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct bp_rgb {
	double r, g, b; /* 0 .. 1 */
};

enum bp_jurisdiction {
	BP_JURISDICTION_ENGLAND, /* England and Wales, in English */
	BP_JURISDICTION_WALES,   /* Wales: the same Act, worded for Wales */
	BP_JURISDICTION_SCOTLAND,
	BP_JURISDICTION_NONE     /* no exclusion resolution is printed */
};

enum bp_field_type {
	BP_FIELD_TEXT,  /* inline Markdown */
	BP_FIELD_LIST,  /* a list of texts */
	BP_FIELD_YESNO, /* true or false */
	BP_FIELD_DATE,  /* YYYY-MM-DD */
	BP_FIELD__MAX
};

/* A cover field the organisation adds. */
struct bp_style_field {
	const char *key;   /* the front-matter key: "wards" */
	const char *label; /* printed before the value: "Wards affected";
	                    * `labels: cy: { wards: … }` gives it in Welsh */
	enum bp_field_type type;
	bool required;
	const char *file;  /* the style file that defines it */
	struct bp_pos pos; /* and where */
};

/* A heading every paper must have, in the style's order. */
struct bp_style_section {
	const char *title;
	const char *file;  /* the style file that requires it */
	struct bp_pos pos; /* and where */
};

/* A label renamed by the style, for one language. */
struct bp_style_label {
	const char *lang; /* "en" or "cy" */
	int label;        /* enum bp_label (boardpaper/labels.h), or -1 when
	                   * `name` is one of the style's fields */
	const char *name; /* as written: "purpose", "wards" */
	const char *text;
};

struct bp_house_style {
	const char *path; /* the nearest style file; NULL for the default */
	const char *organisation; /* NULL when not set */
	const char *logo_path;    /* the logo as a path from the working
	                           * directory; NULL when there is none */
	struct bp_image logo;     /* with logo_path: read and checked, its
	                           * alt text the organisation (or "Logo") */
	const char *font;         /* fontconfig family: "Liberation Sans" */
	bool has_font;
	double font_size;         /* points: 12 */
	bool has_font_size;
	struct bp_rgb accent;     /* headings, rules, masthead: at least
	                           * 4.5:1 on white */
	struct bp_rgb accent_dark; /* the accent lightened until it reaches
	                           * 4.5:1 on HTML's dark-mode backgrounds */
	bool has_accent;
	double margins[4];        /* points: top, right, bottom, left */
	bool has_margins;
	enum bp_numbering numbering; /* papers' default */
	bool has_numbering;
	const char *lang;         /* papers' default; "en-GB" */
	bool has_lang;
	enum bp_jurisdiction jurisdiction;
	const struct bp_style_label *labels;
	size_t nlabels;
	const struct bp_style_field *fields;
	size_t nfields;
	const struct bp_style_section *sections;
	size_t nsections;
	/* every file read for this style (style files, the logo), for
	 * --deps; nearest style file first */
	const char *const *inputs;
	size_t ninputs;
};

/* The built-in style: today's look, no fields, no sections. */
const struct bp_house_style *bp_style_default(void);

/* The contrast ratio of two colours (WCAG 2.1 relative luminance), 1..21. */
double bp_contrast_ratio(struct bp_rgb a, struct bp_rgb b);

/* The label (enum bp_label, boardpaper/labels.h) of the resolution to
 * exclude the press and public under the style's jurisdiction, or -1
 * for `jurisdiction: none` (the front sheet prints none). */
int bp_style_exclusion_label(const struct bp_house_style *s);

/* A field's label in `lang` (a BCP 47 tag: "cy-GB" is `cy`). */
const char *bp_style_field_label(const struct bp_house_style *s,
	const struct bp_style_field *f, const char *lang);

#endif
