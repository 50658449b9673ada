/* The block structure of Markdown line by line, as cmark-gfm 0.29's block
 * parser makes it (src/parse/blockscan.h): what the prescan needs to count
 * headings as cmark makes them. */
#include <stdbool.h>
#include <string.h>

#include "blockscan.h"

bool
bp_line_blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

static bool
starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

size_t
bp_delimiter_columns(const char *p, const char *end)
{
	size_t pipes = 0, cols = 0;
	bool dash = false, in_cell = false, lead = false;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	if (p < end && *p == '|') {
		lead = true;
		p++;
	}
	for (; p < end; p++) {
		if (*p == '|') {
			if (!dash)
				return 0;
			pipes++;
			cols++;
			dash = in_cell = false;
		} else if (*p == '-') {
			dash = in_cell = true;
		} else if (*p != ':' && *p != ' ' && *p != '\t')
			return 0;
	}
	if (in_cell)
		cols++;
	if (pipes == 0 && !lead)
		return 0; /* "---" is a rule or a heading underline */
	return cols;
}

/* A setext heading's underline: up to three spaces, a run of '=' or of
 * '-', then only spaces.  Under a paragraph line it makes the lines above
 * a heading. */
static bool
is_underline(const char *p, const char *end)
{
	char c;

	for (int i = 0; i < 3 && p < end && *p == ' '; i++)
		p++;
	if (p == end || (*p != '=' && *p != '-'))
		return false;
	for (c = *p; p < end && *p == c; p++)
		;
	return bp_line_blank(p, end);
}

/* A place on a line and its column (0-based; a tab goes to the next stop
 * of four, as in cmark).  A tab may be taken in part: then `col` is past
 * its start and `p` still at it. */
struct cursor {
	const char *p;
	unsigned col;
};

static unsigned
tab_stop(unsigned col, char c)
{
	return c == '\t' ? (col / 4 + 1) * 4 : col + 1;
}

/* The columns of white space at c. */
static unsigned
indent_at(struct cursor c, const char *end)
{
	unsigned start = c.col;

	for (; c.p < end && (*c.p == ' ' || *c.p == '\t'); c.p++)
		c.col = tab_stop(c.col, *c.p);
	return c.col - start;
}

/* Moves c past up to n columns of white space (a tab that goes past them
 * is taken in part, as cmark does). */
static void
skip_columns(struct cursor *c, const char *end, unsigned n)
{
	unsigned to = c->col + n;

	while (c->p < end && c->col < to && (*c->p == ' ' || *c->p == '\t')) {
		unsigned next = tab_stop(c->col, *c->p);
		if (next > to) {
			c->col = to;
			break;
		}
		c->col = next;
		c->p++;
	}
}

/* A setext underline at c: at most three columns of indent, then what
 * is_underline takes. */
static bool
underline_at(struct cursor c, const char *end)
{
	unsigned ind = indent_at(c, end);

	if (ind > 3)
		return false;
	skip_columns(&c, end, ind);
	return is_underline(c.p, end);
}

/* A thematic break at p (indent already skipped): three or more of one of
 * '-', '*', '_', with only white space between and after. */
static bool
is_rule(const char *p, const char *end)
{
	char c = p < end ? *p : '\0';
	size_t n = 0;

	if (c != '-' && c != '*' && c != '_')
		return false;
	for (; p < end; p++) {
		if (*p == c)
			n++;
		else if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	}
	return n >= 3;
}

/* An ATX heading at p (indent skipped): one to six '#', then white space
 * or the end.  Each heading costs the PDF a bookmark and a destination. */
static bool
is_atx(const char *p, const char *end)
{
	size_t n = 0;

	while (p < end && *p == '#' && n < 7) {
		p++;
		n++;
	}
	return n >= 1 && n <= 6 && (p == end || *p == ' ' || *p == '\t' ||
	    *p == '\r');
}

/* A code fence's opening at p (indent skipped): its character and length,
 * or 0. */
static size_t
fence_at(const char *p, const char *end, char *c)
{
	size_t n = 0;

	if (p == end || (*p != '`' && *p != '~'))
		return 0;
	for (*c = *p; p < end && *p == *c; p++)
		n++;
	if (n < 3)
		return 0;
	if (*c == '`' && memchr(p, '`', (size_t)(end - p)) != NULL)
		return 0; /* a backtick fence's info string has none */
	return n;
}

/* A list item's marker at c (its indent at most three columns): the
 * columns from c to its content, or 0 when there is none.  An item that
 * would interrupt a paragraph must have content, and an ordered one must
 * start at 1. */
static unsigned
item_at(struct cursor c, const char *end, bool interrupts,
	struct cursor *content)
{
	unsigned lead = indent_at(c, end), width, pad;
	const char *q;
	bool ordered = false, empty;
	unsigned long start = 0;

	skip_columns(&c, end, lead);
	q = c.p;
	if (q < end && (*q == '-' || *q == '+' || *q == '*'))
		q++;
	else {
		while (q < end && *q >= '0' && *q <= '9' && q - c.p < 9)
			start = start * 10 + (unsigned long)(*q++ - '0');
		if (q == c.p || q == end || (*q != '.' && *q != ')'))
			return 0;
		q++;
		ordered = true;
	}
	if (q < end && *q != ' ' && *q != '\t' && *q != '\r')
		return 0;
	width = (unsigned)(q - c.p);
	c.p = q;
	c.col += width;
	empty = bp_line_blank(q, end);
	if (interrupts && (empty || (ordered && start != 1)))
		return 0;
	pad = indent_at(c, end);
	if (empty || pad >= 5)
		pad = 1; /* the content starts one column on (or is code) */
	skip_columns(&c, end, pad);
	*content = c;
	return lead + width + pad;
}

/* A footnote definition's start at c (its indent skipped): "[^label]:"
 * and the white space after it, which c is moved past; cmark-gfm (with
 * CMARK_OPT_FOOTNOTES) makes it a container whose next lines go on with it
 * when indented four columns. */
static bool
footnote_at(struct cursor *c, const char *end)
{
	const char *q = c->p;

	if (!starts(q, end, "[^"))
		return false;
	for (q += 2; q < end && strchr("] \r\t", *q) == NULL; q++)
		;
	if (q == c->p + 2 || !starts(q, end, "]:"))
		return false;
	c->col += (unsigned)(q + 2 - c->p);
	for (c->p = q + 2; c->p < end && (*c->p == ' ' || *c->p == '\t');
	    c->p++)
		c->col = tab_stop(c->col, *c->p);
	return true;
}

/* Whether the line goes on with a footnote definition at c: four columns
 * of indent (then c is moved past them), or a line with nothing at all on
 * it; a line of white space under four columns ends it, as in cmark. */
static bool
continues_footnote(struct cursor *c, const char *end)
{
	if (indent_at(*c, end) >= 4) {
		skip_columns(c, end, 4);
		return true;
	}
	return c->col == 0 && (c->p == end || (*c->p == '\r' &&
	    c->p + 1 == end));
}

/* Moves c past the open containers that the line goes on with;
 * their number. */
static size_t
match_containers(const struct bp_blockscan *k, struct cursor *c,
	const char *end)
{
	bool blank = bp_line_blank(c->p, end);
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->open[i].kind == BP_CONTAINER_QUOTE) {
			struct cursor q = *c;
			unsigned ind = indent_at(q, end);
			if (ind > 3)
				break;
			skip_columns(&q, end, ind);
			if (q.p == end || *q.p != '>')
				break;
			q.p++;
			q.col++;
			skip_columns(&q, end, 1);
			*c = q;
		} else if (k->open[i].kind == BP_CONTAINER_FOOTNOTE) {
			if (!continues_footnote(c, end))
				break;
		} else if (blank) {
			if (!k->open[i].filled)
				break;
		} else {
			if (indent_at(*c, end) < k->open[i].indent)
				break;
			skip_columns(c, end, k->open[i].indent);
		}
	}
	return i;
}

/* Opens the quotes, footnote definitions and items that start at c; true
 * when there was one. */
static bool
open_containers(struct bp_blockscan *k, struct cursor *c, const char *end,
	bool in_para)
{
	bool opened = false;

	while (k->n < BP_BLOCKSCAN_DEPTH) {
		unsigned ind = indent_at(*c, end), width;
		struct cursor q = *c, content;
		if (ind > 3)
			break;
		skip_columns(&q, end, ind);
		if (q.p < end && *q.p == '>') {
			q.p++;
			q.col++;
			skip_columns(&q, end, 1);
			k->open[k->n++] = (struct bp_container){ BP_CONTAINER_QUOTE,
			    0, true };
		} else if (footnote_at(&q, end)) {
			k->open[k->n++] = (struct bp_container){
			    BP_CONTAINER_FOOTNOTE, 4, true };
		} else if (is_rule(q.p, end) ||
		    (width = item_at(*c, end, in_para && !opened,
		    &content)) == 0)
			break;
		else {
			q = content;
			k->open[k->n++] = (struct bp_container){ BP_CONTAINER_ITEM,
			    width, !bp_line_blank(content.p, end) };
		}
		*c = q;
		opened = true;
	}
	return opened;
}

static bool
starts_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - p) < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((p[i] | 0x20) != word[i])
			return false;
	return true;
}

static bool
contains_ci(const char *p, const char *end, const char *word)
{
	for (; p < end; p++)
		if (starts_ci(p, end, word))
			return true;
	return false;
}

static bool
is_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool
is_tag_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '-';
}

/* The names that start an HTML block of kind 6 (cmark-gfm 0.29's). */
static const char *const block_tags[] = {
	"address", "article", "aside", "base", "basefont", "blockquote",
	"body", "caption", "center", "col", "colgroup", "dd", "details",
	"dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
	"h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend",
	"li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
	"optgroup", "option", "p", "param", "section", "source", "summary",
	"table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
	"track", "ul",
};

/* A tag name at p, one of `names` (any case), followed by white space,
 * the end, '>' or (with `slash`) "/>". */
static bool
tag_is(const char *p, const char *end, const char *const *names,
	size_t n, bool slash)
{
	const char *q = p;

	while (q < end && is_tag_char(*q))
		q++;
	if (q < end && *q != ' ' && *q != '\t' && *q != '\r' && *q != '>' &&
	    !(slash && *q == '/' && q + 1 < end && q[1] == '>'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == (size_t)(q - p) &&
		    starts_ci(p, q, names[i]))
			return true;
	return false;
}

/* A whole open or closing tag at p, then only white space: an HTML block
 * of kind 7. */
static bool
is_lone_tag(const char *p, const char *end)
{
	bool closing = p + 1 < end && p[1] == '/';

	p += 1 + closing;
	if (p == end || !is_alpha(*p))
		return false;
	while (p < end && is_tag_char(*p))
		p++;
	while (!closing && p < end) {
		const char *q = p;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q == p || q == end || !(is_alpha(*q) || *q == '_' ||
		    *q == ':'))
			break;
		/* an attribute: a name, then perhaps "=" and a value */
		while (q < end && (is_tag_char(*q) || *q == '_' || *q == ':' ||
		    *q == '.'))
			q++;
		p = q;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q == end || *q != '=')
			continue;
		for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < end && (*q == '"' || *q == '\'')) {
			const char *close = memchr(q + 1, *q,
			    (size_t)(end - q - 1));
			if (close == NULL)
				return false;
			p = close + 1;
		} else {
			const char *v = q;
			while (q < end && strchr(" \t\r\"'=<>`", *q) == NULL)
				q++;
			if (q == v)
				return false;
			p = q;
		}
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (!closing && p < end && *p == '/')
		p++;
	return p < end && *p == '>' && bp_line_blank(p + 1, end);
}

/* The kind (1-7) of the HTML block that starts at p (indent skipped), as
 * cmark's scanners read it, or 0; only kinds 1-6 interrupt a paragraph. */
static int
html_start(const char *p, const char *end, bool interrupts)
{
	static const char *const raw_tags[] = {
		"script", "pre", "style", "textarea",
	};

	if (p == end || *p != '<')
		return 0;
	if (tag_is(p + 1, end, raw_tags, 4, false))
		return 1;
	if (starts(p, end, "<!--"))
		return 2;
	if (starts(p, end, "<?"))
		return 3;
	if (p + 2 < end && p[1] == '!' && p[2] >= 'A' && p[2] <= 'Z')
		return 4;
	if (starts(p, end, "<![CDATA["))
		return 5;
	if (tag_is(p + 1 + (p + 1 < end && p[1] == '/'), end, block_tags,
	    sizeof(block_tags) / sizeof(block_tags[0]), true))
		return 6;
	return !interrupts && is_lone_tag(p, end) ? 7 : 0;
}

/* Whether the line ends an HTML block of kind 1-5 (kinds 6 and 7 end at a
 * blank line). */
static bool
html_ends(int kind, const char *p, const char *end)
{
	switch (kind) {
	case 1:
		return contains_ci(p, end, "</script>") ||
		    contains_ci(p, end, "</pre>") ||
		    contains_ci(p, end, "</style>") ||
		    contains_ci(p, end, "</textarea>");
	case 2: return contains_ci(p, end, "-->");
	case 3: return contains_ci(p, end, "?>");
	case 4: return memchr(p, '>', (size_t)(end - p)) != NULL;
	case 5: return contains_ci(p, end, "]]>");
	default: return false;
	}
}

/* The cells of a table row: its '|' not escaped by a backslash, one more,
 * less a leading and a trailing one. */
static size_t
row_cells(const char *p, const char *end)
{
	size_t pipes = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		end--;
	if (p == end)
		return 0;
	for (const char *q = p; q < end; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
		else if (*q == '|')
			pipes++;
	}
	return pipes + 1 - (*p == '|') - (end - p > 1 && end[-1] == '|' &&
	    end[-2] != '\\');
}

/* A line that ends a table's rows: a block of its own starts there. */
static bool
starts_block(struct cursor c, const char *end)
{
	struct cursor content;
	unsigned ind = indent_at(c, end);
	char fc;

	if (ind > 3)
		return false;
	if (item_at(c, end, false, &content) > 0)
		return true;
	skip_columns(&c, end, ind);
	return (c.p < end && *c.p == '>') || footnote_at(&c, end) ||
	    is_rule(c.p, end) ||
	    is_atx(c.p, end) || fence_at(c.p, end, &fc) > 0 ||
	    html_start(c.p, end, false) > 0;
}

/* Inside fenced code: whether the line closes it. */
static bool
closes_fence(const struct bp_blockscan *k, struct cursor c, const char *end)
{
	unsigned ind = indent_at(c, end);
	const char *p;
	size_t n = 0;

	if (ind > 3)
		return false;
	skip_columns(&c, end, ind);
	for (p = c.p; p < end && *p == k->fence_char; p++)
		n++;
	return n >= k->fence_len && bp_line_blank(p, end);
}

/* Whether the line goes on with the fenced code, HTML block or table it
 * is in (then it is no heading); ends the one it does not go on with. */
static bool
in_open_leaf(struct bp_blockscan *k, struct cursor c, const char *end,
	bool all)
{
	if (k->fence) {
		if (all) {
			if (closes_fence(k, c, end))
				k->fence = false;
			return true;
		}
		k->fence = false; /* its container ended */
	}
	if (k->html != 0) {
		/* kinds 1-5 hold blank lines, and no block is lazy */
		if (all && (k->html <= 5 || !bp_line_blank(c.p, end))) {
			if (html_ends(k->html, c.p, end))
				k->html = 0;
			return true;
		}
		k->html = 0;
	}
	if (k->table) {
		/* a row, even "===": a table takes any line but a block's */
		if (all && !bp_line_blank(c.p, end) && !starts_block(c, end))
			return true;
		k->table = false;
	}
	return false;
}

/* Under a paragraph's line, in its containers: whether this line is a
 * table's delimiter row, which makes that line the table's header. */
static bool
starts_table(const struct bp_blockscan *k, struct cursor c, const char *end)
{
	size_t cols;

	return indent_at(c, end) <= 3 &&
	    (cols = bp_delimiter_columns(c.p, end)) > 0 &&
	    cols == row_cells(k->text, k->text_end);
}

/* A line whose first `matched` containers go on, under a paragraph in
 * more: whether it goes on with that paragraph lazily, starting no block
 * of its own. */
static bool
is_lazy(const struct bp_blockscan *k, size_t matched, struct cursor c,
	const char *end)
{
	struct bp_blockscan try = *k;
	unsigned ind = indent_at(c, end);
	char fc;

	if (bp_line_blank(c.p, end))
		return false;
	try.n = matched;
	if (ind > 3)
		return true; /* indented code does not interrupt a paragraph */
	skip_columns(&c, end, ind);
	return !open_containers(&try, &c, end, false) && !is_rule(c.p, end) &&
	    !is_atx(c.p, end) && fence_at(c.p, end, &fc) == 0 &&
	    html_start(c.p, end, false) == 0;
}

static void
set_para(struct bp_blockscan *k, bool para, const char *p, const char *end)
{
	k->para = para;
	k->text = p;
	k->text_end = end;
}

/* The leaf that the rest of the line, past its containers, starts or goes
 * on with (`continues`: the paragraph above, in the same containers). */
static enum bp_line_kind
leaf(struct bp_blockscan *k, struct cursor c, const char *end,
	bool continues)
{
	unsigned ind = indent_at(c, end);
	char fc;
	size_t n;

	if (ind > 3) {
		/* indented code, unless it goes on with a paragraph */
		set_para(k, continues, c.p, end);
		return BP_LINE_OTHER;
	}
	skip_columns(&c, end, ind);
	k->para = false;
	if (is_atx(c.p, end))
		return BP_LINE_ATX;
	if ((k->html = html_start(c.p, end, continues)) != 0) {
		if (html_ends(k->html, c.p, end))
			k->html = 0;
	} else if ((n = fence_at(c.p, end, &fc)) > 0) {
		k->fence = true;
		k->fence_char = fc;
		k->fence_len = n;
	} else
		set_para(k, !is_rule(c.p, end), c.p, end);
	return BP_LINE_OTHER;
}

enum bp_line_kind
bp_blockscan_line(struct bp_blockscan *k, const char *p, const char *end)
{
	struct cursor c = { p, 0 };
	size_t matched = match_containers(k, &c, end);
	bool all = matched == k->n, continues;

	if (in_open_leaf(k, c, end, all))
		return BP_LINE_OTHER;
	/* a paragraph goes on here, in the same containers */
	continues = all && k->para;
	if (continues && underline_at(c, end)) {
		k->para = false;
		return BP_LINE_SETEXT;
	}
	if (continues && starts_table(k, c, end)) {
		k->para = false;
		k->table = true;
		return BP_LINE_OTHER;
	}
	if (!all && k->para && is_lazy(k, matched, c, end))
		return BP_LINE_OTHER;
	k->n = matched;
	if (open_containers(k, &c, end, continues))
		continues = false;
	if (bp_line_blank(c.p, end)) {
		k->para = false;
		return BP_LINE_OTHER;
	}
	for (size_t i = 0; i < k->n; i++)
		k->open[i].filled = true;
	return leaf(k, c, end, continues);
}
