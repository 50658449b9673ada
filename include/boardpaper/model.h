/* The paper model: everything a back-end reads, and nothing else.
 *
 * Ownership, once for all: a struct bp_paper owns every node, run, link and
 * string reachable from it (they live in its arena); bp_paper_free() releases
 * all of it.  Back-ends take `const struct bp_paper *` and never modify it.
 * Strings are NUL-terminated UTF-8 and, unless a field says otherwise, never
 * NULL.  Positions are 1-based lines and columns (bytes) in the paper file.
 * Numbers, labels, cross-references and ids are resolved once, by the resolve
 * pass; a back-end only prints them.
 */
#ifndef BOARDPAPER_MODEL_H
#define BOARDPAPER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bp_arena;

struct bp_pos {
	uint32_t line; /* 1-based line in the paper file */
	uint32_t col;  /* 1-based byte column */
};

/* Inline styles: a bit set, so bold italic is STRONG | EMPH. */
enum bp_style {
	BP_STYLE_STRONG = 1u << 0,
	BP_STYLE_EMPH = 1u << 1,
	BP_STYLE_CODE = 1u << 2,
	BP_STYLE_STRIKE = 1u << 3
};

enum bp_link_type {
	BP_LINK_URL,     /* an http, https or mailto link */
	BP_LINK_INTERNAL /* a cross-reference to a labelled block */
};

struct bp_block;

/* One link; several consecutive runs may point at the same link. */
struct bp_link {
	enum bp_link_type type;
	const char *url;               /* URL links only; NULL for internal */
	const char *title;             /* the link's title ("…" after the
	                                * URL), or NULL when it has none */
	const char *label;             /* internal links only; NULL for URL */
	const struct bp_block *target; /* internal links, after resolve */
	unsigned index;                /* URL links: 1-based, in reading order */
	bool text_is_url;              /* URL links: the link's text is the URL
	                                * itself (for mailto, the address) */
	struct bp_pos pos;
};

enum bp_run_type {
	BP_RUN_TEXT,  /* text; runs of white space are already one space */
	BP_RUN_BREAK, /* a hard line break; text is "" */
	BP_RUN_REF,   /* a cross-reference with no link text: text is what
	               * resolve put in its place (a number or a title) */
	BP_RUN_NOTE   /* a footnote reference: text is the note's number
	               * ("2"), note the footnote */
};

struct bp_footnote;

/* Where a run's text and its source part ways (after a character
 * reference, an escape, smart punctuation, folded white space): from `at`
 * in the run's text on, the source column is `col`. */
struct bp_run_step {
	const char *at;
	uint32_t col;  /* bytes, as in bp_pos */
};

struct bp_run {
	enum bp_run_type type;
	unsigned style;             /* enum bp_style bits */
	const char *text;           /* UTF-8 */
	size_t len;                 /* bytes in text */
	struct bp_link *link; /* NULL when the run is not part of a link */
	const struct bp_footnote *note; /* BP_RUN_NOTE only */
	struct bp_pos pos;          /* of the text's first byte */
	const struct bp_run_step *steps; /* in order; often none */
	size_t nsteps;
};

/* Where byte `off` of a run's text stands in the source: a run holds one
 * source line, so past its last step a byte is a column. */
struct bp_pos bp_run_pos(const struct bp_run *r, size_t off);

/* A piece of inline Markdown: a front-matter value, a table cell, a caption. */
struct bp_text {
	struct bp_run *runs;
	size_t nruns;
	const char *plain; /* the runs as plain text (no markup), after resolve */
	struct bp_pos pos;
};

enum bp_block_type {
	BP_BLOCK_SECTION, /* children: an optional HEADING, then content */
	BP_BLOCK_HEADING, /* text; level; number and id */
	BP_BLOCK_PARA,    /* text; top-level ones own the blocks after them */
	BP_BLOCK_LIST,    /* children: ITEMs */
	BP_BLOCK_ITEM,    /* children: PARAs, LISTs, ... */
	BP_BLOCK_QUOTE,   /* children */
	BP_BLOCK_CODE,    /* code */
	BP_BLOCK_TABLE,   /* table */
	BP_BLOCK_RULE,    /* a thematic break */
	BP_BLOCK_FIGURE,  /* image */
	BP_BLOCK__MAX
};

enum bp_align {
	BP_ALIGN_NONE,
	BP_ALIGN_LEFT,
	BP_ALIGN_CENTER,
	BP_ALIGN_RIGHT
};

struct bp_table {
	size_t ncols;
	size_t nrows;          /* rows including the header row */
	enum bp_align *align;  /* ncols entries */
	struct bp_text *cells; /* nrows * ncols, row-major; row 0 is the header */
	struct bp_text caption; /* nruns == 0 when there is none */
	unsigned number;       /* resolved: 1, 2 ... through the body, then
	                        * the footnotes, as the tables are read */
};

enum bp_image_format {
	BP_IMAGE_PNG,
	BP_IMAGE_JPEG
};

struct bp_image {
	const char *src;      /* as written in the paper */
	const char *path;     /* the file it names, from the paper's folder:
	                       * src with its %XX escapes decoded; NULL
	                       * until it is read */
	const char *alt;      /* plain alt text, never empty */
	enum bp_image_format format;
	const unsigned char *data; /* the file's bytes */
	size_t size;          /* bytes */
	uint32_t width;       /* pixels */
	uint32_t height;      /* pixels */
};

struct bp_code {
	const char *text; /* literal, ends with a newline unless empty */
	size_t len;       /* bytes */
	const char *info; /* the fence's info string, "" when none */
	uint32_t first_line; /* the file line of the text's first line */
};

enum bp_list_kind {
	BP_LIST_BULLET,
	BP_LIST_ORDERED, /* an ordinary numbered list: items are "1", "2" ... */
	BP_LIST_SUBPARA  /* sub-paragraphs: items are "11.1", "11.2" ... */
};

struct bp_block {
	enum bp_block_type type;
	struct bp_pos pos;
	const char *label;  /* {#name} without the braces and '#'; or NULL */
	const char *number; /* resolved: "11", "11.2", "2" (a heading); or NULL */
	const char *printed; /* the number as printed: "11." for a whole
	                      * number, "11.2" otherwise; NULL with number */
	const char *id;     /* stable anchor, unique in the paper: "p11",
	                     * "p11.2", "s2", "options"; NULL for blocks
	                     * nothing can link to */
	struct bp_block *parent;
	struct bp_block *child; /* first child */
	struct bp_block *next;  /* next sibling */

	struct bp_text text;    /* HEADING, PARA: the inline content */
	int level;              /* HEADING: 1-6 */
	int rank;               /* HEADING, after resolve: its level in the
	                         * document outline, 2-6 (the title is 1):
	                         * # and ## are 2, and no level is skipped,
	                         * so #### straight after ## is 3 */
	enum bp_list_kind list; /* LIST */
	unsigned start;         /* LIST: the first item's number in the
	                         * source (ORDERED lists count from it) */
	bool tight;             /* LIST: items without blank lines between */
	union {
		struct bp_table table; /* TABLE */
		struct bp_image image; /* FIGURE */
		struct bp_code code;   /* CODE */
	} u;
};

enum bp_numbering {
	BP_NUMBERING_CONTINUOUS,
	BP_NUMBERING_SECTIONS,
	BP_NUMBERING_NONE
};

struct bp_contact {
	const char *name;
	const char *position; /* NULL when not given */
	const char *phone;    /* NULL when not given */
	const char *email;    /* NULL when not given */
	struct bp_pos pos;
};

struct bp_date {
	int year, month, day;
};

struct bp_meta {
	struct bp_text title;
	struct bp_text board;    /* nruns == 0 when not given */
	bool has_meeting;
	struct bp_date meeting;
	struct bp_pos meeting_pos; /* the value in the paper */
	const char *meeting_text; /* resolved, in the paper's language:
	                           * "18 November 2020"; NULL without meeting */
	const char *item;         /* "7", "4a"; NULL when not given */
	const char *item_text;    /* resolved: "Item 7"; NULL without item */
	bool confidential;
	struct bp_text confidential_reason; /* nruns == 0 for a plain `true` */
	struct bp_text purpose;
	struct bp_text summary;
	struct bp_text *recommendations;
	size_t nrecommendations;
	bool recommendations_list; /* given as a list (so any with more than
	                            * one): "Recommendations", numbered */
	const char **recommendation_numbers; /* resolved: "1.", "2." ... for
	                            * a list; NULL otherwise */
	struct bp_text action;
	struct bp_contact *contacts;
	size_t ncontacts;
	enum bp_numbering numbering;
	const char *lang; /* BCP 47, default "en-GB" */
	bool has_background_papers;
	struct bp_text *background_papers; /* may be empty: print "None" */
	size_t nbackground_papers;
};

struct bp_labels;
struct bp_house_style;
struct bp_style_field;

/* A cover field the house style adds, as the paper gives it. */
struct bp_field {
	const struct bp_style_field *def; /* key, type, label (style.h) */
	const char *label;     /* resolved: in the paper's language */
	struct bp_text *values; /* text: one; list: each item; yes-no and
	                         * date: one, resolved into words ("Yes",
	                         * "5 March 2026") in the paper's language */
	size_t nvalues;        /* 0 for an empty list */
	bool yes;              /* yes-no */
	struct bp_date date;   /* date */
	struct bp_pos pos;     /* the value in the paper */
};

/* A footnote ([^name] with its [^name]: definition).  Only notes that are
 * referenced are kept, numbered 1, 2 ... in the order of their first
 * reference; a definition is never a numbered paragraph. */
struct bp_footnote {
	unsigned number;
	const char *label;      /* the name written after '^' */
	const char *id;         /* anchor: "fn2"; references are "fnref2" */
	struct bp_block *child; /* the note's blocks: PARAs, LISTs ... */
	const struct bp_run *ref; /* its first reference, after resolve */
	struct bp_pos pos;      /* of the definition */
};

struct bp_paper {
	const char *path; /* the file as named on the command line */
	struct bp_meta meta;
	const struct bp_labels *labels; /* the fixed words for meta.lang
	                                 * (boardpaper/labels.h); set by
	                                 * resolve unless already set */
	const struct bp_house_style *style; /* never NULL: the built-in
	                                 * default without a house style; the
	                                 * caller's, outliving the paper */
	struct bp_field *fields; /* the house style's cover fields the
	                          * paper gives, in the style's order */
	size_t nfields;
	struct bp_block *body; /* first SECTION; sections are siblings */
	struct bp_footnote *notes; /* in number order */
	size_t nnotes;
	const struct bp_link **links; /* URL links in reading order */
	size_t nlinks;
	struct bp_arena *arena;
};

/* Releases the paper and everything it owns; accepts NULL. */
void bp_paper_free(struct bp_paper *paper);

/* Names for JSON and debug output, indexed by the enums. */
extern const char *const bp_block_type_names[BP_BLOCK__MAX];

#endif
