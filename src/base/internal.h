/* What the parsers, the resolve pass and main share; back-ends never need it. */
#ifndef BOARDPAPER_INTERNAL_H
#define BOARDPAPER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "boardpaper/diag.h"
#include "boardpaper/model.h"

/* The largest paper accepted, in bytes (documented in the README). */
#define BP_MAX_INPUT (8u * 1024 * 1024)
/* How deep lists, quotes and YAML values may nest. */
#define BP_MAX_DEPTH 32
/* Limits that keep parsing linear and memory in proportion (prescan.c;
 * documented in the README and the man page). */
#define BP_MAX_TABLE_CELLS 16000u   /* per paper, header rows included */
#define BP_MAX_PARA_INLINES 5000u   /* inline marks: [ ] ! \ quotes, runs of * _ ~ ` */
#define BP_MAX_INLINES 100000u      /* the same, per paper */
#define BP_MAX_LINKS 2500u          /* links, images and bare URLs, per paper */
#define BP_MAX_HEADINGS 2000u       /* per paper */
#define BP_MAX_BLOCKS 10000u        /* paragraphs, items, quotes, rows, code lines */
#define BP_MAX_LINE_BREAKS 20000u   /* inside paragraphs, soft and hard, per paper */
/* 'w' and ':' outside code blocks (each a cmark-gfm text node): at most
 * one per BP_SPLITS_BYTES of the text, plus BP_SPLITS_BASE */
#define BP_SPLITS_BYTES 4u
#define BP_SPLITS_BASE 100000u
#define BP_MAX_FM_ENTRIES 2000u     /* entries of every front-matter list together:
                                     * a contact costs the PDF ~8 KB for 30
                                     * bytes (frontmatter.c) */
#define BP_MAX_PAGES 2500u          /* of PDF: past it a deeply quoted paper takes
                                     * more CPU time than SPEC §6 allows
                                     * (7500 pages: 3.6 s) */

/* The font cache's format (fonts.c) and its file under
 * $XDG_CACHE_HOME/boardpaper, named by that format so that versions of
 * boardpaper writing other formats keep files of their own instead of
 * overwriting each other's every run. */
#define BP_FONT_CACHE_FORMAT "2"
#define BP_FONT_CACHE_FILE "fonts-v" BP_FONT_CACHE_FORMAT

/* Allocation that never returns NULL: on failure it says so and exits. */
void *bp_xmalloc(size_t size);
void *bp_xcalloc(size_t n, size_t size);
void *bp_xrealloc(void *p, size_t size);
void *bp_xreallocarray(void *p, size_t n, size_t size);
char *bp_xstrdup(const char *s);

/* An arena: everything a paper owns, freed at once. */
struct bp_arena *bp_arena_new(void);
void bp_arena_free(struct bp_arena *a);
void *bp_arena_alloc(struct bp_arena *a, size_t size); /* zeroed */
char *bp_arena_strndup(struct bp_arena *a, const char *s, size_t len);
char *bp_arena_strdup(struct bp_arena *a, const char *s);
char *bp_arena_printf(struct bp_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct bp_house_style;
struct bp_labels;

/* A paper with the defaults of its house style (never NULL). */
struct bp_paper *bp_paper_new(const char *path,
	const struct bp_house_style *style);

/* The offset of the first control character in `len` bytes of UTF-8 (C0
 * but TAB, LF and CR; DEL; C1: SPEC section 1), with its code point in
 * *cp; `len` when there is none. */
size_t bp_find_control(const char *s, size_t len, uint32_t *cp);
/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF.
 * Returns the offset of the first bad byte, or `len` when all is well. */
size_t bp_find_bad_utf8(const unsigned char *s, size_t len);
/* Whether all eight bytes of the word `w` are printable ASCII (0x20 to
 * 0x7E): no byte borrows when 0x20 is taken from it or reaches the top
 * bit when 1 is added, and none has it set. */
static inline bool
bp_word_printable(uint64_t w)
{
	return (((w - 0x2020202020202020u) | (w + 0x0101010101010101u) | w) &
	    0x8080808080808080u) == 0;
}

/* The length of the run of printable ASCII (0x20 to 0x7E) at `s`, at most
 * `len`: eight bytes at a time up to the word that ends it, then byte by
 * byte.  Inline, as the PDF writer calls it for every stretch of text. */
static inline size_t
bp_printable_len(const char *s, size_t len)
{
	size_t i = 0;

	while (len - i >= 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (!bp_word_printable(w))
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

/* The text in Unicode NFC, so that "w" + U+0302 prints as the "ŵ" it is:
 * a malloc'ed copy (its length in *out_len), or NULL when the text is
 * already NFC and should be used as it is.  `s` must be valid UTF-8. */
char *bp_nfc(const char *s, size_t len, size_t *out_len);

/* Columns as the author counts them (colmap.c): from the byte columns of
 * the text the parsers read to the character columns of the file.  The
 * map for `len` bytes of the file as the author wrote it, parsed as
 * `parsed` (its NFC form; the same pointer when that is the file itself),
 * both starting at line 1, reads them until bp_colmap_keep, which writes
 * down what it still needs before the caller frees them. */
struct bp_colmap;
struct bp_colmap *bp_colmap_of(const char *src, size_t len,
	const char *parsed, size_t parsed_len);
void bp_colmap_keep(struct bp_colmap *m);
void bp_colmap_free(struct bp_colmap *m);
/* The file's line and character column of a position in the parsed text. */
struct bp_pos bp_colmap_pos(struct bp_colmap *m, struct bp_pos pos);
/* One line's walk, unit by unit: `count` units, each `parsed_bytes` of the
 * parsed line at byte column `byte` on and `chars` characters of the file
 * (only one unit when chars is not 1).  A step: from parsed byte column
 * `byte` on, each parsed character of `width` bytes is one character of
 * the author's line, the first at column `col`.  The walk keeps the step
 * in force at byte column `target`, and with `map` codes every step. */
struct bp_colstep {
	uint32_t byte, col, width;
};
struct bp_colwalk {
	struct bp_colstep at;
	uint32_t col;           /* the author's column of the next unit */
	uint32_t target;
	struct bp_colmap *map;
	uint32_t line;          /* the line, for the map */
};
void bp_colwalk_start(struct bp_colwalk *w, uint32_t target);
void bp_colwalk_add(struct bp_colwalk *w, uint32_t byte,
	uint32_t parsed_bytes, uint32_t chars, uint32_t count);
/* Walks line `s` of the file (unicode.c); `parsed` is the line as NFC made
 * it, or NULL when NFC left the file alone.  False when the units of a
 * changed line do not add up to the parsed line. */
bool bp_colwalk_line(struct bp_colwalk *w, const char *s, size_t len,
	const char *parsed, size_t parsed_len);
/* Hands the map to the diagnostics, which convert every position they are
 * given from then on, and free it (diag.c). */
void bp_diags_set_columns(struct bp_diags *d, struct bp_colmap *m);

/* Checks Markdown against the limits above before cmark parses it; `md`
 * starts at line `first_line`, or every position is `fixed` when its line
 * is set.  False, with one error naming the limit, when it is over one. */
bool bp_prescan(const char *md, size_t len, unsigned first_line,
	struct bp_pos fixed, struct bp_diags *d);

/* Parses a whole paper already read into memory.  `dir` is the folder that
 * image paths are relative to.  Returns the paper even when there were errors
 * (so that all of them are reported); check the diagnostics. NULL only when
 * nothing could be parsed. */
struct bp_paper *bp_paper_parse(const char *path, const char *dir,
	const char *data, size_t len, struct bp_diags *d);
/* True when `data` opens as a paper: a "---" line, and another after
 * it (paper.c's test, without its diagnostics). */
bool bp_paper_has_front_matter(const char *data, size_t len);
/* True when `data` (perhaps only a file's first bytes) opens with a "---"
 * line, after a UTF-8 byte-order mark if there is one. */
bool bp_paper_opens_with_fence(const char *data, size_t len);
/* The same under a house style (NULL: the built-in default). */
struct bp_paper *bp_paper_parse_styled(const char *path, const char *dir,
	const char *data, size_t len, const struct bp_house_style *style,
	struct bp_diags *d);

/* A paper against its house style, after resolve: the words of its
 * fields, and its required sections (style_check.c). */
void bp_style_check(struct bp_paper *paper, struct bp_diags *d);

/* The label table for `lang` with the style's renamings: the built-in
 * table itself when there are none, else a copy in `arena` (style.c). */
const struct bp_labels *bp_style_labels(const struct bp_house_style *s,
	const char *lang, struct bp_arena *arena);

/* Front matter: `yaml` is the text between the two `---` lines, whose first
 * line is line `first_line` of the file.  Fills paper->meta; every string
 * value that may hold inline Markdown goes through bp_markdown_inline. */
void bp_frontmatter_parse(struct bp_paper *paper, const char *yaml,
	size_t len, unsigned first_line, struct bp_diags *d);

/* Body: `md` starts at line `first_line` of the file. */
void bp_markdown_parse(struct bp_paper *paper, const char *md, size_t len,
	unsigned first_line, const char *dir, struct bp_diags *d);

/* Parses one inline Markdown string (a front-matter value) into `out`;
 * `pos` is where the value starts in the file, `src` the value as written
 * there (NULL when unknown), in which its escapes are found. */
void bp_markdown_inline(struct bp_paper *paper, const char *s, size_t len,
	const char *src, size_t src_len, struct bp_pos pos,
	struct bp_text *out, struct bp_diags *d);

struct bp_labels;
/* A date as the labels write it ("18 November 2020"), in the arena. */
const char *bp_date_text(struct bp_arena *a, const struct bp_labels *labels,
	const struct bp_date *date);

/* `boardpaper import ARGS`: argv[0] is "import"; returns the exit status. */
int bp_import_main(int argc, char **argv);

struct bp_pack;
struct bp_pack_opts {
	bool members;  /* --include-exempt: exempt papers in full */
	bool strict;   /* a paper with warnings fails */
	const struct bp_house_style *style; /* the meeting file's; NULL for
	                                     * the built-in default */
	/* called after each item is read: done of total */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};
/* Reads the meeting file at `path` (its diagnostics to `d`) and compiles
 * every paper it names, each into a bp_diags of its own:
 * (*paper_diags)[i] for item i (file NULL for an item without a paper),
 * an array of pack->nitems to free with bp_diags_free on each and free.
 * Returns the pack even when there were errors, so that all are
 * reported; NULL when the meeting file could not be read. */
struct bp_pack *bp_pack_load(const char *path, const struct bp_pack_opts *opts,
	struct bp_diags *d, struct bp_diags **paper_diags);

/* Numbering, labels, cross-references, ids and derived text: once. */
void bp_resolve(struct bp_paper *paper, struct bp_diags *d);

#endif
