/* A safe YAML tree: what paper front matter, meeting files and house
 * styles read, through one reader (src/parse/yamltree.c, the only file that
 * includes yaml.h).
 *
 * We read libyaml's events, never its document API, because the loader
 * expands aliases: an alias bomb would cost exponential memory.  Anchors,
 * aliases and tags are refused with a diagnostic, and nothing is ever
 * expanded.  Nesting deeper than BP_MAX_DEPTH stops the reading.  Only
 * the collections a caller's `keep` function asks for hold their
 * children; deeper ones are childless nodes, so hostile input costs
 * little memory.  Positions are the file's lines and byte columns.
 *
 * Ownership: the tree and every string in it belong to the struct
 * bp_yaml and go with bp_yaml_free(); copy what must outlive it (see
 * bp_yaml_plain).
 */
#ifndef BOARDPAPER_YAMLTREE_H
#define BOARDPAPER_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/diag.h"
#include "boardpaper/model.h"

struct bp_arena;

enum bp_yaml_kind {
	BP_YAML_SCALAR,
	BP_YAML_SEQUENCE,
	BP_YAML_MAPPING
};

struct bp_yaml_node {
	enum bp_yaml_kind kind;
	bool plain;    /* scalar: written without quotes or block style */
	bool invalid;  /* already reported (an alias): check nothing more */
	bool complete; /* collection: its end was seen (not cut by an error) */
	struct bp_pos pos;
	const char *text; /* scalar: NUL-terminated; "" for collections */
	size_t len;       /* scalar: bytes in text */
	const char *src;  /* scalar: as written, from its first character
	                   * (at pos: a quote, '|', or the text) to its end */
	size_t src_len;   /* bytes */
	size_t n;         /* collection: children kept (a mapping's keys and
	                   * values alternate) */
	struct bp_yaml_node *parent, *child, *last, *next;
};

/* Whether a new collection of `kind` at `depth` (1 for the document's
 * root) keeps its children; `key` is the key it is the value of when its
 * parent is a mapping, else NULL. */
typedef bool (*bp_yaml_keep_fn)(unsigned depth,
	const struct bp_yaml_node *parent, const struct bp_yaml_node *key,
	enum bp_yaml_kind kind);

/* libyaml marks count characters; positions are byte columns.  Marks
 * arrive in order, so one cursor walking forward costs O(input). */
struct bp_yaml_cursor {
	size_t byte;       /* offset in the YAML text */
	size_t chars;      /* characters before `byte` */
	unsigned line;     /* 0-based line of `byte` */
	size_t line_start; /* offset of that line's first byte */
};

struct bp_yaml {
	const char *what;  /* what the text is, for messages: "front matter" */
	struct bp_diags *d;
	struct bp_arena *arena; /* the tree and message text */
	const char *text;
	size_t len;        /* bytes */
	unsigned first_line; /* the file line of the text's first line */
	struct bp_yaml_cursor cursor;
	bool failed;       /* a YAML syntax error was reported */
	const struct bp_yaml_node *root; /* NULL for an empty document */
};

/* Reads `text` (whose first line is line `first_line` of the file) into
 * a tree, reporting YAML errors, anchors, aliases, tags and nesting to
 * `d`.  Always returns a reader to free, with root NULL when there is no
 * document. */
struct bp_yaml *bp_yaml_read(const char *what, const char *text, size_t len,
	unsigned first_line, bp_yaml_keep_fn keep, struct bp_diags *d);
/* The length of a UTF-8 byte-order mark at the start of a file, 3, or 0:
 * YAML allows one, and Windows editors write it.  libyaml, told the text
 * is UTF-8, takes it for a character, so a caller skips it before it
 * maps columns and reads the YAML: column 1 is then the first character
 * an editor shows, as in a paper. */
size_t bp_yaml_bom_len(const char *text, size_t len);
void bp_yaml_free(struct bp_yaml *y);

/* The line before the text (a front-matter block's opening `---`), or
 * line 0 (the file as a whole) when the text starts the file. */
struct bp_pos bp_yaml_top_pos(const struct bp_yaml *y);

/* --- scalars ----------------------------------------------------------- */

bool bp_yaml_scalar_is(const struct bp_yaml_node *n, const char *s);
/* Null (empty, ~, null), or a string of nothing but white space. */
bool bp_yaml_is_null(const struct bp_yaml_node *n);
bool bp_yaml_is_blank(const struct bp_yaml_node *n);
/* Where to report a problem with a value: an omitted one has no position
 * of its own, so the key's. */
struct bp_pos bp_yaml_value_pos(const struct bp_yaml_node *key,
	const struct bp_yaml_node *value);
/* The value when it is a non-blank scalar; otherwise NULL, after saying
 * why (BP_E_TYPE naming `name` and `type`) when it is not a scalar, or
 * (BP_E_EMPTY_VALUE) when it is blank and `required`. */
const struct bp_yaml_node *bp_yaml_string(struct bp_yaml *y,
	const struct bp_yaml_node *key, const struct bp_yaml_node *value,
	const char *name, const char *type, bool required);
/* The scalar's text with white space trimmed, copied into `arena`. */
const char *bp_yaml_plain(struct bp_arena *arena,
	const struct bp_yaml_node *n);
/* Text made safe to quote in a one-line message: control characters
 * escaped, cut short when long. */
const char *bp_yaml_shown(struct bp_yaml *y, const char *s, size_t len);
const char *bp_yaml_shown_node(struct bp_yaml *y,
	const struct bp_yaml_node *n);
/* true/True/TRUE and false/False/FALSE, plain: *out gets the value.
 * False for anything else, YAML 1.1's yes/no/on/off included. */
bool bp_yaml_boolean(const struct bp_yaml_node *n, bool *out);
/* y, yes, no, on, off ... written plain: YAML 1.1 booleans, which a
 * value should neither take as a string nor guess at. */
bool bp_yaml_is_yaml11_boolean(const struct bp_yaml_node *n);
/* Parses YYYY-MM-DD; NULL, or why the text is not a date. */
const char *bp_yaml_date(struct bp_yaml *y, const struct bp_yaml_node *n,
	struct bp_date *out);
/* Parses HH:MM (24-hour); NULL, or why the text is not a time (and
 * then *hour and *minute are untouched). */
const char *bp_yaml_time(const struct bp_yaml_node *n, int *hour,
	int *minute);
/* The shape of a BCP 47 tag: 2-8 letters, then subtags of 1-8 letters
 * or digits, joined by '-'. */
bool bp_yaml_is_language_tag(const char *s, size_t len);

/* --- mappings ---------------------------------------------------------- */

/* One key: value entry of a mapping, its key checked against a table. */
struct bp_yaml_pair {
	const struct bp_yaml_node *key;
	const struct bp_yaml_node *value;
	const struct bp_yaml_node *first; /* a duplicate: the earlier key */
	int known;  /* index in the key table, or -1 */
	bool skip;  /* a duplicate, or a key that is not a string */
};

/* The mapping's entries, its keys checked against names[0 .. nnames-1]:
 * a key that is not a string is an error, an unknown key a warning
 * naming the nearest known one, a duplicate an error; `skip` is set on
 * all but the first of duplicates and on keys that are not strings.
 * The array is the reader's. */
struct bp_yaml_pair *bp_yaml_pairs(struct bp_yaml *y,
	const struct bp_yaml_node *map, const char *const *names,
	size_t nnames, size_t *npairs);

#endif
