/* What the PDF back-end's two halves share: the laid-out document that
 * render_pdf.c builds from the model and pdf_doc.c draws through libharu.
 *
 * Every drawn thing is a struct pdf_item tied to the model block it came
 * from (and, through its fragments, to the runs and links), so that tagged
 * PDF can later be written from this structure without redoing layout.
 */
#ifndef BOARDPAPER_PDF_H
#define BOARDPAPER_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/layout.h"

/* A4 portrait and the page grid, in points. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.89
#define PDF_MARGIN_X 70.87   /* 25 mm */
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN_X)
#define PDF_BODY_BOTTOM 62.0 /* lowest point of the body area */
#define PDF_FOOTER_Y 34.0    /* the footer's baseline */

enum pdf_face {
	PDF_SANS,
	PDF_SANS_BOLD,
	PDF_SANS_ITALIC,
	PDF_SANS_BOLD_ITALIC,
	PDF_MONO,
	PDF_FACE__MAX
};

enum pdf_item_kind {
	PDF_ITEM_TEXT,  /* fragments of runs on one baseline */
	PDF_ITEM_RECT,  /* a filled rectangle */
	PDF_ITEM_LINE,  /* a stroked line from (x, dy) by (w, h) */
	PDF_ITEM_IMAGE, /* block->u.image scaled to w x h */
	PDF_ITEM_BARS   /* the enclosing block quotes' bars beside a box:
	                 * one item for all of them, not one each */
};

/* What an item is in the document's structure: the future tag. */
enum pdf_role {
	PDF_ROLE_ARTIFACT, /* page furniture and decoration */
	PDF_ROLE_TITLE,
	PDF_ROLE_H,        /* a heading; its level is in the block */
	PDF_ROLE_P,
	PDF_ROLE_LBL,      /* a paragraph's or item's number, a bullet */
	PDF_ROLE_LI,       /* the body of a list item or sub-paragraph */
	PDF_ROLE_TH,
	PDF_ROLE_TD,
	PDF_ROLE_CAPTION,
	PDF_ROLE_CODE,
	PDF_ROLE_FIGURE,
	PDF_ROLE__MAX
};

/* One drawn thing.  A long paper has one or more for every line, held
 * from layout through drawing, so an item is kept to 64 bytes: the fields
 * of each kind share a union, and indices are 32 bits (a layout within
 * the input and page limits has far fewer than 2^32 fragments, and the
 * structure tree's indices are 32 bits too, pdf_tag.c). */
struct pdf_item {
	double x;          /* points from the page's left edge */
	double dy;         /* points down from its box's top (TEXT: baseline) */
	const struct bp_block *block; /* the model block; NULL for furniture
	                               * and cover fields */
	union {
		struct {           /* TEXT */
			double size;       /* font size, points */
			uint32_t frag0;    /* first fragment in pdf_layout.frags */
			uint32_t nfrags;
			uint32_t line;     /* 1-based line within its block's
			                    * text */
			uint32_t nlines;   /* lines of that text */
		};
		struct {           /* RECT, LINE, IMAGE */
			double w, h;       /* points */
			double gray;       /* RECT fill, LINE stroke: 0 black ..
			                    * 1 white */
		};
		struct {           /* BARS: drawn as LINEs from dy down; dy
		                    * < 0 reaches up through the space
		                    * before the box to the box before it,
		                    * where that space is kept (pdf_doc.c) */
			const double *bar_x; /* nbars x positions, points */
			double bar_h;      /* points */
			uint32_t nbars;
			float bar_gray;    /* their stroke */
		};
	};
	uint32_t seg0, nsegs; /* its marked-content segments (pdf_tag.h);
	                       * none for an artifact */
	uint8_t kind;      /* enum pdf_item_kind */
	uint8_t role;      /* enum pdf_role */
	uint16_t style;    /* TEXT: enum bp_style bits added to every run's */
	bool strike;       /* LINE: through struck text (in the layout dump) */
	bool note_rule;    /* LINE: above a page's footnotes (in the dump) */
	bool accent;       /* TEXT, LINE: in the house style's accent colour
	                    * (when it has one) */
};

/* A place a link or bookmark can point at, keyed by the model object
 * that starts there: a block, a paper, an agenda item. */
struct pdf_dest {
	const void *key;
	size_t box;        /* the box the object starts in */
};

/* A link whose target is no block (an agenda entry pointing at a paper):
 * the key of the destination it goes to. */
struct pdf_link_key {
	const struct bp_link *link;
	const void *key;
};

/* One bookmark, nested under the nearest one before it of a lower level:
 * in a paper, a section heading (level 1) or a sub-heading (level 2). */
struct pdf_mark {
	const char *title; /* UTF-8, "3. Options" */
	int level;         /* 1 .. PDF_MARK_DEPTH */
	size_t box;
};
#define PDF_MARK_DEPTH 4

/* The laid-out document. */
struct pdf_layout {
	struct bp_vbox *boxes;    /* the vertical list for bp_paginate */
	uint32_t *box_item0;      /* nboxes + 1 entries: box i draws items
	                           * box_item0[i] .. box_item0[i + 1] - 1 */
	size_t nboxes, boxes_cap;
	struct pdf_item *items;
	size_t nitems, items_cap;
	struct bp_frag *frags;    /* fragments of every TEXT item, which
	                           * the line breaker appends to directly */
	size_t nfrags, frags_cap;
	struct pdf_dest *dests;
	size_t ndests, dests_cap;
	struct pdf_link_key *link_keys;
	size_t nlink_keys, link_keys_cap;
	struct pdf_mark *marks;
	size_t nmarks, marks_cap;
	struct bp_note_boxes *notes; /* each footnote's FOOT boxes, in the
	                          * order the boxes that name them claim
	                          * them (bp_vbox.note0) */
	size_t nnotes, notes_cap;
	size_t note_rule;         /* the FOOT box of the notes' rule */
	struct bp_pages pages;
	/* page furniture: items for every page, drawn at absolute dy from
	 * the page top; furniture_item0 has npages + 1 entries */
	size_t *furniture_item0;
	double body_top;          /* points from the page top */
	struct pdf_tags *tags;    /* the document's structure tree
	                           * (pdf_tag.h), which items' segments
	                           * are in; not the layout's */
	struct bp_diags *diags;   /* where problems of its content found
	                           * while drawing are reported (a pack's
	                           * paper: the paper's own); NULL: the
	                           * document's */
};

/* The facts every page's header carries: a paper's own, or in a pack the
 * meeting's with the paper's agenda item. */
struct pdf_facts {
	const char *organisation;     /* the house style's; NULL for none */
	const struct bp_text *board;  /* nruns == 0 when there is none */
	const char *meeting_text;     /* NULL when there is none */
	const char *item_text;        /* "Item 7"; NULL when there is none */
	bool confidential;
	const struct bp_text *confidential_reason; /* nruns == 0: none */
};

/* The document's own information, for its metadata: UTF-8 strings that
 * must live until pdf_doc_complete. */
struct pdf_info {
	const char *title;
	const char *author;  /* NULL when there is none */
	const char *subject; /* NULL when there is none */
	const char *lang;    /* BCP 47 */
};

/* The libharu side: one document, one set of fonts and measures, holding
 * the pages of one layout (a paper) or of many (a pack). */
struct pdf_doc;

/* NULL after reporting to `diags` why no document could be made. */
struct bp_house_style;
/* The house style's text face family and accent colour, before anything
 * is measured or drawn (without a call: Liberation Sans, no accent). */
void pdf_doc_set_style(struct pdf_doc *doc, const struct bp_house_style *s);
/* The sans face's ascent and descent as fractions of the size; false
 * when it cannot be loaded (reported). */
bool pdf_doc_metrics(struct pdf_doc *doc, double *ascent, double *descent);
struct pdf_doc *pdf_doc_new(const struct bp_render_opts *opts,
	struct bp_diags *diags);
void pdf_doc_free(struct pdf_doc *doc);
/* A font subset's six-letter tag, into `tag`, from the `len` bytes of its
 * font file (their CRC-32 and Adler-32 folded into 26^6 values, so two
 * different subsets' tags almost always differ), but never one of the
 * `n` at `given` (those a document has given already, n < 26^6): one
 * of them is stepped on by one in base 26, its first letter the lowest
 * digit, ZZZZZZ to AAAAAA, until it is none. */
void pdf_subset_tag(const void *font, size_t len, const char (*given)[6],
	size_t n, char tag[6]);
/* Width of UTF-8 text in points at `size`; loads the face on first use. */
double pdf_doc_width(struct pdf_doc *doc, unsigned style, double size,
	const char *s, size_t len);
/* The widths pdf_doc_width sums for the ASCII characters of the style's
 * face, in 1/1000 em: 128 of them, -1 for one not looked up yet (it is
 * when pdf_doc_width measures it).  NULL when the face cannot be used
 * (reported).  Loads the face on first use. */
const int *pdf_doc_ascii_widths(struct pdf_doc *doc, unsigned style);
/* True when the face has a glyph for the code point (none above U+FFFF:
 * libharu writes two-byte codes). */
bool pdf_doc_has_glyph(struct pdf_doc *doc, enum pdf_face face, uint32_t cp);
/* The face a run of that style is set in, and its name for the dump. */
enum pdf_face pdf_face_of(unsigned style);
extern const char *const pdf_face_names[PDF_FACE__MAX];
/* Draws a layout's pages after those drawn so far.  The layout's
 * placements, destinations, bookmarks and link keys must live until
 * pdf_doc_link (or pdf_doc_complete), which adds its links and bookmarks
 * (links may go to destinations of any layout of the document); its
 * items, fragments and boxes may be freed once it is drawn, except for
 * --dump-structure, which prints their text.  Returns 0, or -1 after reporting to the diags. */
int pdf_doc_draw(struct pdf_doc *doc, const struct pdf_layout *lay);
/* Adds every layout's links and plans its bookmarks: the last of what
 * reads the layouts drawn, which may be freed after it, before the
 * structure tree is written (except for --dump-structure, which prints
 * their lines' text).  pdf_doc_complete calls it when it was not called.
 * Returns 0, or -1 after reporting to the diags. */
int pdf_doc_link(struct pdf_doc *doc);
/* Adds every layout's links and bookmarks, the structure tree, the
 * information and page labels equal to the page numbers; after it the
 * layouts drawn may be freed.  With --dump-structure, appends the dump
 * to `out` instead.  Returns 0, or -1 after reporting to the diags. */
int pdf_doc_complete(struct pdf_doc *doc, const struct pdf_info *info,
	struct bp_buf *out);
/* Appends the PDF file to `out` (nothing after a structure dump).
 * Returns 0, or -1 after reporting to the diags. */
int pdf_doc_save(struct pdf_doc *doc, struct bp_buf *out);
/* pdf_doc_complete, then pdf_doc_save. */
int pdf_doc_finish(struct pdf_doc *doc, const struct pdf_info *info,
	struct bp_buf *out);
/* What pdf_doc_draw gives back as it draws (pdf_release.c): the memory
 * of the items and fragments no later page draws again.  NULL when there
 * is nothing to give back; after pdf_release_new, the layout's items and
 * fragments may only be read by the drawing of the boxes not yet drawn. */
struct pdf_release;
struct pdf_release *pdf_release_new(const struct pdf_layout *l);
/* After each page: `drawn` says which boxes have been drawn. */
void pdf_release_page(struct pdf_release *r, const bool *drawn);
void pdf_release_free(struct pdf_release *r);

/* The document's structure tree (pdf_tag.h): one for all its layouts,
 * built while they are laid out, in the order they are drawn. */
struct pdf_tags *pdf_doc_tags(struct pdf_doc *doc);
/* True when a font could not be loaded or libharu failed; reports the
 * latter. */
bool pdf_doc_failed(struct pdf_doc *doc);
/* Marks the document failed: a limit was passed and reported. */
void pdf_doc_refuse(struct pdf_doc *doc);

/* --- the layout half for packs (render_pdf.c, used by render_pdf_pack.c)
 *
 * A pack is many layouts in one document: each paper, each exempt
 * notice, each blank page and the front sheet.  Each is laid out into
 * boxes, paginated under its header facts, then given its furniture once
 * every page number is known. */
struct pdf_lay;

/* A piece of plain text in a column of a row. */
struct pdf_cell {
	const char *text;  /* UTF-8, plain */
	double x, width;   /* the column, points */
	double size;       /* points; the lead is 1.25 times it */
	unsigned style;    /* enum bp_style bits */
	bool right;        /* right-aligned in the column */
	enum pdf_role role;
	const void *link;  /* the key of a destination it links to, or NULL */
	bool artifact;     /* tagged PDF: furniture, whatever its role */
};

/* A layout under the house style `style` (the pack's: the document has
 * one). */
struct pdf_lay *pdf_lay_new(struct pdf_doc *doc,
	const struct bp_house_style *style, const struct bp_labels *labels,
	struct bp_diags *diags);
void pdf_lay_free(struct pdf_lay *lay);
const struct pdf_layout *pdf_lay_layout(const struct pdf_lay *lay);
size_t pdf_lay_npages(const struct pdf_lay *lay);
/* The document's pages before this layout's, for the page limit: set
 * before it is laid out. */
void pdf_lay_pages_before(struct pdf_lay *lay, size_t pages);
/* True when the layout, once paginated, takes the document past the page
 * limit (or its laying out stopped at it): reported at the block that
 * passes it, to the layout's diagnostics (a paper's: its own file), and
 * the document refused. */
bool pdf_lay_over_limit(struct pdf_lay *lay);
/* A paper's cover, body and background papers; its bookmarks `shift`
 * levels deeper than on their own. */
void pdf_lay_paper(struct pdf_lay *lay, const struct bp_paper *paper,
	int shift);
/* Cells side by side in one box, as tall as the tallest; `keep` keeps it
 * on the page of the box before.  Returns the box. */
size_t pdf_lay_row(struct pdf_lay *lay, const struct pdf_cell *cells,
	size_t n, double space, bool keep);
void pdf_lay_rule(struct pdf_lay *lay, double space);
/* An empty box of `height` points: space that stays at a page's top. */
void pdf_lay_space(struct pdf_lay *lay, double height);
/* A bookmark at `box`, and when `key` is not NULL a destination keyed by
 * it there. */
void pdf_lay_mark(struct pdf_lay *lay, const char *title, int level,
	const void *key, size_t box);
void pdf_lay_paginate(struct pdf_lay *lay, const struct pdf_facts *facts);
/* The furniture, the layout's first page being page `first` of `total`. */
void pdf_lay_furnish(struct pdf_lay *lay, size_t first, size_t total);
double pdf_lay_width(struct pdf_lay *lay, const char *s, unsigned style,
	double size);
/* The text column of the house style's page, points. */
void pdf_lay_column(const struct pdf_lay *lay, double *left, double *width);

#endif
