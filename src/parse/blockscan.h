/* The block structure of Markdown line by line, as cmark-gfm's block
 * parser makes it, for the prescan's heading count (src/parse/prescan.c). */
#ifndef BP_BLOCKSCAN_H
#define BP_BLOCKSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"

/*
 * The quotes, list items and footnote definitions a line is inside, as
 * cmark opens and continues them, and the leaf it is in: a setext underline makes a
 * heading only of a paragraph in the same containers (never of one it
 * would continue lazily), so "- a" over "---" is a list and a rule,
 * "- a" over "  ---" a heading in an item, and "> a" over "> ---" a
 * heading in a quote.  HTML blocks, tables and code are followed so that
 * an underline inside them is none.  Link reference definitions are not:
 * an underline below one counts, one heading more than cmark makes.
 */
enum bp_container_kind {
	BP_CONTAINER_QUOTE,
	BP_CONTAINER_ITEM,
	BP_CONTAINER_FOOTNOTE  /* "[^label]:", its lines indented 4 columns */
};

struct bp_container {
	enum bp_container_kind kind;
	unsigned indent;       /* an item's (a footnote's) content: columns
	                        * past its parent's */
	bool filled;           /* an item has content: a blank line goes on
	                        * with it (an empty one it ends) */
};

/* deeper is an error after parsing: the rest of such a line is text */
#define BP_BLOCKSCAN_DEPTH (BP_MAX_DEPTH + 1)

struct bp_blockscan {
	struct bp_container open[BP_BLOCKSCAN_DEPTH];
	size_t n;
	bool para;             /* the line before was a paragraph's, here */
	const char *text, *text_end; /* that line, past its containers */
	bool table;            /* inside a table's rows */
	int html;              /* inside an HTML block of this kind (1-7) */
	bool fence;            /* inside fenced code */
	char fence_char;
	size_t fence_len;
};

/* What a line is to the heading count. */
enum bp_line_kind { BP_LINE_OTHER, BP_LINE_ATX, BP_LINE_SETEXT };

/* Reads the next line, [p, end) without its newline, of a text whose
 * lines all pass through here in order (from a zeroed bp_blockscan). */
enum bp_line_kind bp_blockscan_line(struct bp_blockscan *k, const char *p,
	const char *end);
/* A GFM delimiter row, such as "| --- | :-: |": its number of columns, or
 * 0 when the line is not one. */
/* True when [p, end) holds only spaces, tabs and carriage returns. */
bool bp_line_blank(const char *p, const char *end);
size_t bp_delimiter_columns(const char *p, const char *end);

#endif
