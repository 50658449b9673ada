/* Limits that keep cmark-gfm linear, checked on the source before cmark
 * sees it: table cells (cmark-gfm fills in every missing cell, so a header
 * of N columns over N short rows makes N * N), inline marks per paragraph
 * (cmark-gfm 0.29 does work quadratic in unclosed brackets, emphasis runs
 * and smart quotes), inline marks, links, headings, blocks and line breaks
 * per paper (cmark makes a node of some 180 bytes for each mark and each
 * line break, and the PDF kilobytes of libharu objects for each link,
 * heading and block), and the characters that start a text node of their
 * own (cmark-gfm's autolink extension stops its text run at every 'w' and
 * ':', so "w w w" costs a node per two bytes).  The counts are upper
 * bounds read line by line, so the scan is linear and refuses nothing
 * cmark would parse into less; headings are counted as cmark makes them,
 * through the block structure of src/parse/blockscan.c. */
#include <stdbool.h>
#include <string.h>

#include "blockscan.h"
#include "internal.h"

struct scan {
	struct bp_diags *d;
	struct bp_pos fixed;   /* when set, every position (front matter) */
	unsigned first_line;   /* of the text, in the file */
	size_t unit;           /* brackets and runs in the current paragraph */
	unsigned unit_line;    /* where it starts, 0-based in the text */
	size_t last_line;      /* the previous line's own count */
	bool prev_nonblank;    /* the previous line had text */
	size_t inlines;        /* in the whole text */
	size_t links;          /* an upper bound on links and autolinks */
	size_t headings;       /* ATX heading lines */
	size_t cells;          /* table cells, in the whole text */
	size_t blocks;         /* an upper bound on blocks */
	size_t breaks;         /* line breaks inside paragraphs */
	size_t splits;         /* 'w' and ':' outside code blocks */
	size_t max_splits;     /* their limit, from the length of the text */
	bool in_table;         /* the lines since the delimiter row are rows */
	bool in_fence;         /* inside a fenced code block */
	size_t columns;        /* of the current table */
	bool failed;           /* a limit was reported: stop counting */
	struct bp_blockscan structure; /* what makes a heading, as cmark does */
};

static struct bp_pos
scan_pos(const struct scan *s, unsigned line)
{
	struct bp_pos pos = s->fixed;

	if (pos.line == 0) {
		pos.line = s->first_line + line;
		pos.col = 1;
	}
	return pos;
}

/* A letter or digit, or a byte of a character outside ASCII. */
static bool
is_word_byte(const char *p, const char *start, const char *end)
{
	unsigned char c;

	if (p < start || p >= end)
		return false;
	c = (unsigned char)*p;
	return c >= 0x80 || (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool
starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

/* The bytes line_counts looks at; the rest (nearly all of a line) is
 * skipped through this table, in one pass. */
static const bool counted[256] = {
	['['] = true, ['*'] = true, ['_'] = true, ['~'] = true,
	[']'] = true, ['@'] = true, ['h'] = true, ['w'] = true,
	['!'] = true, ['\\'] = true, ['\''] = true, ['"'] = true,
	['`'] = true,
};

/* Where the link destination starting at `p` ends: at a space, a tab or
 * a ')'. */
static const char *
destination_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t' && *p != ')')
		p++;
	return p;
}

/* In one line, the inline marks, each of which cmark-gfm makes a node of
 * and may put on its delimiter stack: brackets (links and images open
 * with one), '!', backslashes (but for a hard break's), straight quotes
 * (smart punctuation) other than an apostrophe inside a word, and runs
 * of emphasis, strikethrough or code delimiters; and the links: "]("
 * closes a link or image, and a bare URL, www. or e-mail address becomes
 * one (but for the first in a "](" destination: the same link).  Each link costs the PDF an annotation (about 2.5 KB in libharu),
 * so their number is capped apart from other inlines. */
static void
line_counts(const char *start, const char *end, size_t *inlines,
	size_t *links)
{
	size_t n = 0, l = 0;
	const char *dest_end = start; /* of the "](" destination counted */

	for (const char *p = start; p < end; p++) {
		if (!counted[(unsigned char)*p])
			continue;
		if (*p == ']' && p + 1 < end && p[1] == '(') {
			l++;
			dest_end = destination_end(p + 2, end);
		}
		if (*p == '[' || *p == ']' || *p == '!' ||
		    (*p == '\\' && p + 1 < end)) /* at the end: a break */
			n++;
		else if ((*p == '\'' || *p == '"') &&
		    !(is_word_byte(p - 1, start, end) &&
		    is_word_byte(p + 1, start, end)))
			n++;
		else if ((*p == '*' || *p == '_' || *p == '~' || *p == '`') &&
		    (p + 1 == end || p[1] != *p))
			n++; /* the last character of a run */
		else if (*p == '@' || starts(p, end, "http:") ||
		    starts(p, end, "https:") || starts(p, end, "www.")) {
			/* the first address in a link's destination is
			 * that link (or, if no link forms, the one
			 * autolink its "](" was counted for) */
			if (p < dest_end)
				dest_end = start;
			else
				l++;
		}
	}
	*inlines = n;
	*links = l;
}

/* A code fence: up to three spaces, then ``` or ~~~. */
static bool
is_fence(const char *p, const char *end)
{
	for (int i = 0; i < 3 && p < end && *p == ' '; i++)
		p++;
	return starts(p, end, "```") || starts(p, end, "~~~");
}

/* Indented by four columns or more: indented code, or more of an item. */
static bool
is_indented(const char *p, const char *end)
{
	return starts(p, end, "    ") || (p < end && *p == '\t');
}

/* List and quote markers at the start of a line: each opens a block. */
static size_t
line_markers(const char *p, const char *end)
{
	size_t n = 0;

	/* deeper than BP_MAX_DEPTH is an error of its own, after parsing */
	while (n <= BP_MAX_DEPTH) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == '>') {
			p++;
			n++;
		} else if (p + 1 < end && strchr("-+*", *p) != NULL &&
		    (p[1] == ' ' || p[1] == '\t')) {
			p += 2;
			n++; /* an item (its list is not counted) */
		} else {
			const char *q = p;
			while (q < end && *q >= '0' && *q <= '9')
				q++;
			if (q == p || q + 1 >= end || (*q != '.' && *q != ')') ||
			    (q[1] != ' ' && q[1] != '\t'))
				return n;
			p = q + 2;
			n++;
		}
	}
	return n;
}

static void
refuse(struct scan *s, unsigned line, enum bp_diag_code code, size_t count,
	size_t limit)
{
	bp_diag(s->d, scan_pos(s, line), code, count, limit);
	s->failed = true;
}

/* Counts the line's 'w' and ':' (cmark-gfm's autolink extension starts a
 * text node at each, some 180 bytes); refuses at the one that passes the
 * limit, by its byte column. */
static void
count_splits(struct scan *s, const char *start, const char *end,
	unsigned line)
{
	const char *p;

	for (p = start; p < end; p++)
		s->splits += *p == 'w' || *p == ':';
	if (s->splits <= s->max_splits)
		return;
	/* find the character that passed it: walk back from the end */
	size_t over = s->splits - s->max_splits;
	for (p = end; p > start; ) {
		p--;
		if ((*p == 'w' || *p == ':') && --over == 0)
			break;
	}
	struct bp_pos pos = scan_pos(s, line);
	if (s->fixed.line == 0)
		pos.col = (unsigned)(p - start) + 1;
	bp_diag(s->d, pos, BP_E_LIMIT_AUTOLINK_SPLITS, s->max_splits + 1,
	    s->max_splits);
	s->failed = true;
}

/* A paragraph (or one table row) has ended. */
static void
end_unit(struct scan *s)
{
	if (!s->failed && s->unit > BP_MAX_PARA_INLINES)
		refuse(s, s->unit_line, BP_E_LIMIT_PARA_INLINES, s->unit,
		    (size_t)BP_MAX_PARA_INLINES);
	s->unit = 0;
}

static void
scan_line(struct scan *s, const char *p, const char *end, unsigned line)
{
	size_t cols, n, links, markers;
	enum bp_line_kind kind = bp_blockscan_line(&s->structure, p, end);

	if (kind == BP_LINE_SETEXT) {
		/* a heading as costly as an ATX one, and a break before it
		 * is none; what follows starts a block */
		s->headings++;
		end_unit(s);
		s->prev_nonblank = false;
		return;
	}
	s->headings += kind == BP_LINE_ATX;
	if (bp_line_blank(p, end)) {
		if (s->in_fence) {
			s->blocks++;
			return;
		}
		end_unit(s);
		s->in_table = false;
		s->prev_nonblank = false;
		return;
	}
	if (is_fence(p, end))
		s->in_fence = !s->in_fence;
	if (s->in_fence || is_indented(p, end)) {
		/* each code line is laid out as a block of its own */
		s->blocks++;
		s->prev_nonblank = true;
		return;
	}
	count_splits(s, p, end, line);
	if (s->failed)
		return;
	line_counts(p, end, &n, &links);
	markers = line_markers(p, end);
	/* a line that goes on with the paragraph above: a soft or hard
	 * break before it (an upper bound: a heading or a rule here is
	 * counted too) */
	s->breaks += s->prev_nonblank && markers == 0 && !s->in_table;
	s->inlines += n;
	s->links += links;
	/* a paragraph starts after a blank line or inside a new item */
	s->blocks += markers + (!s->prev_nonblank || markers > 0);
	if (s->in_table) {
		s->cells += s->columns; /* each row gets them all */
		s->blocks++;            /* and is laid out as a box */
		s->unit = n;
		s->unit_line = line;
		end_unit(s);
		return;
	}
	if (s->prev_nonblank && (cols = bp_delimiter_columns(p, end)) > 0) {
		/* the line before was the header row, not paragraph */
		s->unit -= s->last_line;
		end_unit(s);
		s->unit = s->last_line;
		s->unit_line = line - 1;
		end_unit(s);
		s->in_table = true;
		s->columns = cols;
		s->cells += cols; /* the header (this row is none) */
		return;
	}
	if (!s->prev_nonblank)
		s->unit_line = line;
	s->unit += n;
	s->last_line = n;
	s->prev_nonblank = true;
}

/* Reports the first total over its limit, at the line that crossed it. */
static void
check_totals(struct scan *s, unsigned line)
{
	if (s->failed)
		return;
	if (s->unit > BP_MAX_PARA_INLINES)
		end_unit(s); /* the paragraph's own limit, before the totals */
	else if (s->cells > BP_MAX_TABLE_CELLS)
		refuse(s, line, BP_E_LIMIT_CELLS, s->cells,
		    (size_t)BP_MAX_TABLE_CELLS);
	else if (s->inlines > BP_MAX_INLINES)
		refuse(s, line, BP_E_LIMIT_INLINES, s->inlines,
		    (size_t)BP_MAX_INLINES);
	else if (s->links > BP_MAX_LINKS)
		refuse(s, line, BP_E_LIMIT_LINKS, s->links,
		    (size_t)BP_MAX_LINKS);
	else if (s->headings > BP_MAX_HEADINGS)
		refuse(s, line, BP_E_LIMIT_HEADINGS, s->headings,
		    (size_t)BP_MAX_HEADINGS);
	else if (s->blocks > BP_MAX_BLOCKS)
		refuse(s, line, BP_E_LIMIT_BLOCKS, s->blocks,
		    (size_t)BP_MAX_BLOCKS);
	else if (s->breaks > BP_MAX_LINE_BREAKS)
		refuse(s, line, BP_E_LIMIT_LINE_BREAKS, s->breaks,
		    (size_t)BP_MAX_LINE_BREAKS);
}

/* Checks `len` bytes of Markdown whose first line is `first_line` of the
 * file (or, with `fixed.line` set, all at `fixed`); false, with one error
 * naming the limit, when cmark must not be given them. */
bool
bp_prescan(const char *md, size_t len, unsigned first_line,
	struct bp_pos fixed, struct bp_diags *d)
{
	struct scan s;
	const char *p = md, *end = md + len;
	unsigned line = 0;

	memset(&s, 0, sizeof(s));
	s.d = d;
	s.fixed = fixed;
	s.first_line = first_line;
	s.max_splits = len / BP_SPLITS_BYTES + BP_SPLITS_BASE;
	while (p < end && !s.failed) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl != NULL ? nl : end;
		scan_line(&s, p, eol, line);
		check_totals(&s, line++);
		p = nl != NULL ? nl + 1 : end;
	}
	end_unit(&s);
	return !s.failed;
}
