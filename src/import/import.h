/* What the import readers (.docx, .txt), the one recogniser and the source
 * writer share: a neutral list of the paragraphs of a Word paper.
 *
 * Ownership: a struct bp_imp_doc owns every paragraph, run, cell and string
 * reachable from it; they live in its arena, and bp_imp_doc_free() releases
 * all of it.  Strings are NUL-terminated UTF-8 and never NULL unless a field
 * says so.
 */
#ifndef BOARDPAPER_IMPORT_H
#define BOARDPAPER_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/buf.h"
#include "internal.h"

/* Caps on what a .docx may unpack to, checked before anything is unpacked
 * (documented in the README). */
#define BP_IMP_MAX_ENTRIES 2000              /* zip entries */
#define BP_IMP_MAX_PART (16u * 1024 * 1024)  /* bytes, one XML part */
#define BP_IMP_MAX_IMAGE (32u * 1024 * 1024) /* bytes, one image */
#define BP_IMP_MAX_TOTAL (128u * 1024 * 1024) /* bytes, all parts read */
#define BP_IMP_MAX_RATIO 200                 /* uncompressed : compressed */
#define BP_IMP_MAX_DEPTH 256                 /* XML element nesting */
#define BP_IMP_MAX_PARAS 100000              /* paragraphs */

/* How Word numbers a paragraph (numbering.xml's numFmt, or typed). */
enum bp_imp_numfmt {
	BP_IMP_NUM_NONE,
	BP_IMP_NUM_DECIMAL,
	BP_IMP_NUM_BULLET,
	BP_IMP_NUM_OTHER /* letters, roman: an ordinary ordered list */
};

enum bp_imp_kind {
	BP_IMP_PARA,
	BP_IMP_TABLE,
	BP_IMP_IMAGE
};

/* A run of text with one style (enum bp_style bits) and one link. */
struct bp_imp_run {
	const char *text;
	unsigned style;
	const char *url;    /* an external link, or NULL */
	const char *anchor; /* an internal link or cross-reference field to a
	                     * bookmark, or NULL */
	bool field_ref;     /* a REF field: the text is Word's cached number */
	bool is_break;      /* a line break inside the paragraph */
};

struct bp_imp_para;

struct bp_imp_cell {
	struct bp_imp_para *paras;
	size_t nparas, cap;
	bool merged; /* a repeat of the cell it was merged with */
};

struct bp_imp_table {
	size_t nrows, ncols;
	struct bp_imp_cell *cells; /* nrows * ncols, row-major */
};

struct bp_imp_para {
	enum bp_imp_kind kind;
	unsigned line;      /* .txt: the line; .docx: the paragraph, 1-based */
	const char *style;  /* Word's style name ("Heading 2", "Title"), or "" */
	int outline;        /* heading level 1-9 from the style or outline
	                     * level; 0 for none */
	int num_level;      /* Word numbering level 0-8; -1 for none */
	int num_id;         /* Word's numId; 0 for none */
	enum bp_imp_numfmt num_fmt;
	bool all_bold;      /* every letter is bold (a heading candidate) */
	bool after_break;   /* a line after a line break of the same Word
	                     * paragraph (bp_imp_split_lines) */
	char align;         /* 'l', 'c', 'r', or 0 for none */
	struct bp_imp_run *runs;
	size_t nruns, runs_cap;
	const char **bookmarks; /* bookmarks that start in the paragraph */
	size_t nbookmarks, bookmarks_cap;
	struct bp_imp_table table; /* TABLE */
	const char *image;  /* IMAGE: the file written, relative to the
	                     * output's folder, or NULL when it was missing */
	const char *alt;    /* IMAGE: alt text, "" when none */
};

struct bp_imp_doc {
	struct bp_arena *arena;
	struct bp_imp_para *paras;
	size_t nparas, cap;
	bool from_text; /* read from text: no styles, tabs kept */
};

struct bp_imp_doc *bp_imp_doc_new(void);
void bp_imp_doc_free(struct bp_imp_doc *doc);
/* Appends an empty paragraph of `kind` and returns it (valid until the next
 * append). */
struct bp_imp_para *bp_imp_para_add(struct bp_imp_doc *doc,
	struct bp_imp_para **list, size_t *n, size_t *cap);
/* Appends a run copying `len` bytes of text. */
struct bp_imp_run *bp_imp_run_add(struct bp_imp_doc *doc,
	struct bp_imp_para *p, const char *text, size_t len, unsigned style);
void bp_imp_bookmark_add(struct bp_imp_doc *doc, struct bp_imp_para *p,
	const char *name);
/* The paragraph's text as plain UTF-8, runs joined, breaks as spaces. */
char *bp_imp_plain(struct bp_imp_doc *doc, const struct bp_imp_para *p);

/* Splits the paragraphs before paragraph `end`, and those of the tables
 * there, at their line breaks (Word's Shift+Enter), one paragraph a line:
 * in a masthead or a cover block a line is a field.  Returns whether any
 * was split (the paragraph list is then a new one). */
bool bp_imp_split_lines(struct bp_imp_doc *doc, size_t end);

/* The bytes of a bullet typed at `s` ("•" and a tab), or 0. */
size_t bp_imp_bullet_prefix(const char *s, size_t len);
/* Typed structure, for text and for Word files made from text: bullets
 * typed as "•<TAB>", and runs of lines with the same tabs as tables. */
void bp_imp_find_typed_bullets(struct bp_imp_doc *doc);
void bp_imp_find_text_tables(struct bp_imp_doc *doc);

/* Where the written source and its images go. */
struct bp_imp_out {
	const char *md_path;   /* the .md file, or "-" */
	const char *dir;       /* its folder */
	const char *media_dir; /* "NAME_media", relative to dir */
	bool force;            /* overwrite existing files */
};

/* The .docx container (src/import/import_zip.c, the one user of libzip). */
struct bp_imp_zip;
struct bp_imp_zip *bp_imp_zip_open(const char *data, size_t len,
	struct bp_diags *d);
void bp_imp_zip_close(struct bp_imp_zip *z);
/* Reads entry `name`, at most `max` bytes: 1 when read, 0 when there is
 * no such entry, -1 with an error reported. */
int bp_imp_zip_read(struct bp_imp_zip *z, const char *name, size_t max,
	struct bp_buf *out, struct bp_diags *d);

/* The readers: fill `doc` from the input's bytes; errors are reported and
 * make them return -1. */
int bp_imp_read_text(struct bp_imp_doc *doc, const char *data, size_t len,
	struct bp_diags *d);
int bp_imp_read_docx(struct bp_imp_doc *doc, const char *data, size_t len,
	const struct bp_imp_out *out, struct bp_diags *d);

struct bp_house_style;

/* A piece of a paragraph: its runs from byte `skip` of its plain text on
 * (a typed number or a cover label dropped). */
struct bp_imp_span {
	const struct bp_imp_para *p;
	size_t skip; /* bytes */
};

/* A front-matter value: one or more spans, joined by a space. */
struct bp_imp_value {
	struct bp_imp_span *spans;
	size_t nspans, cap;
	unsigned line; /* where it was found, for messages */
};

struct bp_imp_contact {
	struct bp_imp_value name, position, phone, email;
};

enum bp_imp_block_kind {
	BP_IMP_B_HEADING,
	BP_IMP_B_PARA,
	BP_IMP_B_ORDERED, /* an ordered list item: a sub-paragraph after a
	                   * numbered paragraph */
	BP_IMP_B_BULLET,
	BP_IMP_B_QUOTE,
	BP_IMP_B_CAPTION,
	BP_IMP_B_TABLE,
	BP_IMP_B_IMAGE
};

struct bp_imp_block {
	enum bp_imp_block_kind kind;
	int depth;          /* list items: 0 for the outermost list */
	int level;          /* headings: 1-6 */
	struct bp_imp_span span;
	const char *number; /* as the paper will number it, or NULL */
	const char *label;  /* written as {#label} when something refers to it,
	                     * or NULL */
};

/* What the recogniser found, for the writer. */
struct bp_imp_paper {
	struct bp_imp_value title, board, purpose, summary, action,
	    confidential;
	const char *item;    /* "7", "4a", or NULL */
	const char *meeting; /* ISO date, or the text as found, or NULL */
	bool meeting_is_date;
	struct bp_imp_value *recommendations;
	size_t nrecommendations, recommendations_cap;
	bool recommendations_list;
	struct bp_imp_contact *contacts;
	size_t ncontacts, contacts_cap;
	const char *numbering; /* "sections", or NULL for the default */
	const char *lang;      /* "cy", or NULL for the default */
	bool has_background_papers;
	struct bp_imp_value *background_papers;
	size_t nbackground_papers, background_cap;
	struct bp_imp_value *fields; /* house-style fields, by index */
	const char **field_text;     /* a yes-no or date field's value as
	                              * the front matter writes it, or NULL */
	const struct bp_house_style *style; /* its fields; never NULL */
	struct bp_imp_block *blocks;
	size_t nblocks, blocks_cap;
	/* bookmark or anchor name -> label, sorted by name */
	struct bp_imp_anchor { const char *name, *label; } *anchors;
	size_t nanchors;
};

/* The recogniser: turns the paragraph list into a paper.  Cover labels
 * are matched against its own variants, the built-in label tables (every
 * language) and the house style's renamed labels and fields. */
void bp_imp_recognise(struct bp_imp_doc *doc,
	const struct bp_house_style *style, struct bp_imp_paper *paper,
	struct bp_diags *d);
/* The writer: the paper as a boardpaper source file. */
void bp_imp_write_source(const struct bp_imp_paper *paper,
	struct bp_buf *md);
/* The label a link to `anchor` resolves to, or NULL. */
const char *bp_imp_anchor_label(const struct bp_imp_paper *paper,
	const char *anchor);
/* Grows an arena array of `size`-byte elements holding `n` of `*cap`. */
void *bp_imp_grow(struct bp_imp_doc *doc, void *old, size_t n, size_t *cap,
	size_t size);

/* Writes `len` bytes to `path` atomically; never over an existing file
 * unless `force`.  Returns 0, or -1 with an error reported. */
int bp_imp_write_file(const char *path, const void *data, size_t len,
	bool force, struct bp_diags *d);

#endif
