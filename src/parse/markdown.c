/* cmark-gfm -> the paper model: the only file that includes cmark's headers.
 *
 * Sections, the blocks that belong to a numbered paragraph, labels, images
 * and inline runs are decided here; numbers and references are left to the
 * resolve pass.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "boardpaper/buf.h"
#include "boardpaper/layout.h"
#include "image.h"
#include "internal.h"

/* A step of a run being built: text byte `off` of run `run` is at source
 * column `col`. */
struct step_at {
	size_t run, off;
	uint32_t col;
};

/* Inline runs are gathered here, then copied into the arena in one go. */
struct run_builder {
	struct bp_run *runs;
	size_t n, cap;
	struct step_at *steps;
	size_t nsteps, steps_cap;
	struct bp_buf text;  /* all the runs' text; run.text holds offsets */
	bool space_pending;  /* white space seen since the last character */
	bool new_line;       /* a source line ended: the next text starts a
	                      * run, so that a run's bytes count its columns */
};

#define NO_BASE SIZE_MAX

struct md {
	struct bp_paper *paper;
	struct bp_diags *d;
	struct bp_image_set *images; /* the body's images, each read once */
	unsigned first_line;  /* of the body, in the file */
	struct bp_pos fixed;  /* when set, every position (front matter) */
	const char *src;      /* the body, for column corrections */
	size_t src_len;       /* bytes */
	size_t *line_start;   /* byte offset of each body line */
	size_t nlines;
	bool too_deep;        /* the nesting error was reported */
	bool controls_reported; /* the front matter reported the value's */
	size_t escape_scan;   /* where the search for control-character
	                       * escapes goes on in the body's source */
	const char *value_src; /* a front-matter value as written, from
	                        * its first character (at `fixed`) */
	size_t value_len;     /* bytes */
	size_t value_scan;    /* where the search for its escapes goes on */
	struct bp_pos value_at; /* the position of value_src[value_scan] */
	size_t value_base;    /* where the parsed value starts in value_src
	                       * when it is written as parsed (quotes
	                       * aside), so that cmark's positions in it
	                       * are positions in the source; else NO_BASE */
	const char *value;    /* the value as parsed */
	size_t value_len_parsed; /* bytes */
	struct run_builder rb;
};

/* An HTML comment is an author's note: it is in no output. */
static bool
is_html_comment(const char *lit)
{
	return lit != NULL && strncmp(lit, "<!--", 4) == 0;
}

static struct bp_pos
node_pos(const struct md *m, cmark_node *node)
{
	struct bp_pos pos = m->fixed;
	int line = cmark_node_get_start_line(node);

	if (pos.line == 0 && line > 0) {
		pos.line = (uint32_t)line + m->first_line - 1;
		pos.col = (uint32_t)cmark_node_get_start_column(node);
		if (pos.col == 0)
			pos.col = 1;
	}
	return pos;
}

/* cmark reports the column of an inline on a paragraph's continuation
 * line as if the indentation after the container's prefix were not there:
 * count that indentation in the source, to add it back. */
static uint32_t
stripped_indent(const struct md *m, uint32_t file_line, uint32_t block_col)
{
	size_t line = file_line - m->first_line, i, end;
	uint32_t n = 0;

	if (file_line < m->first_line || line >= m->nlines)
		return 0;
	i = m->line_start[line] + block_col - 1;
	end = line + 1 < m->nlines ? m->line_start[line + 1] : m->src_len;
	for (; i < end && (m->src[i] == ' ' || m->src[i] == '\t'); i++)
		n++;
	return n;
}

/* The position of an inline node, or of its block when cmark has none.
 * For a link that spans lines cmark reports the column of its '[' but the
 * line where it ends; its first child has the right line. */
static struct bp_pos
inline_pos(const struct md *m, cmark_node *node, struct bp_pos block)
{
	cmark_node *child = cmark_node_first_child(node);
	struct bp_pos pos;

	if (m->fixed.line != 0 || cmark_node_get_start_line(node) <= 0)
		return block;
	pos = node_pos(m, node);
	if (cmark_node_get_type(node) == CMARK_NODE_LINK && child != NULL &&
	    cmark_node_get_start_line(child) > 0 &&
	    cmark_node_get_start_line(child) < cmark_node_get_start_line(node))
		pos.line = (uint32_t)cmark_node_get_start_line(child) +
		    m->first_line - 1;
	if (pos.line > block.line)
		pos.col += stripped_indent(m, pos.line, block.col);
	return pos;
}

/* Where each line of the body starts, for stripped_indent. */
static void
index_lines(struct md *m, const char *src, size_t len)
{
	size_t cap = 64;

	m->src = src;
	m->src_len = len;
	m->line_start = bp_xmalloc(cap * sizeof(*m->line_start));
	m->line_start[m->nlines++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (src[i] != '\n' || i + 1 == len)
			continue;
		if (m->nlines == cap) {
			cap *= 2;
			m->line_start = bp_xreallocarray(m->line_start,
			    cap, sizeof(*m->line_start));
		}
		m->line_start[m->nlines++] = i + 1;
	}
}

static bool
is_type(cmark_node *node, const char *name)
{
	return strcmp(cmark_node_get_type_string(node), name) == 0;
}

static struct bp_block *
new_block(struct md *m, enum bp_block_type type, struct bp_pos pos)
{
	struct bp_block *b = bp_arena_alloc(m->paper->arena, sizeof(*b));

	b->type = type;
	b->pos = pos;
	return b;
}

/* Appends `child` to `parent`, given the parent's current last child. */
static void
append(struct bp_block *parent, struct bp_block **tail, struct bp_block *child)
{
	child->parent = parent;
	if (*tail == NULL)
		parent->child = child;
	else
		(*tail)->next = child;
	*tail = child;
}

/* --- inline runs ---------------------------------------------------- */

static void
rb_reset(struct run_builder *rb)
{
	rb->n = 0;
	rb->nsteps = 0;
	bp_buf_reset(&rb->text);
	rb->space_pending = false;
	rb->new_line = false;
}

static struct bp_run *
rb_new_run(struct run_builder *rb, enum bp_run_type type, unsigned style,
	struct bp_link *link, struct bp_pos pos)
{
	struct bp_run *r;

	if (rb->n == rb->cap) {
		rb->cap = rb->cap ? rb->cap * 2 : 16;
		rb->runs = bp_xreallocarray(rb->runs, rb->cap,
		    sizeof(*rb->runs));
	}
	r = &rb->runs[rb->n++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	r->style = style;
	r->link = link;
	r->pos = pos;
	r->text = (const char *)(uintptr_t)rb->text.len; /* an offset, for now */
	return r;
}

/* Puts the pending space between two runs.  It takes only what both sides
 * share: the style bits common to both, and the link only when both are in
 * it, so that no underline or emphasis starts or ends on a space. */
static void
rb_put_space(struct run_builder *rb, unsigned style, struct bp_link *link,
	struct bp_pos pos)
{
	struct bp_run *last;
	unsigned common;

	rb->space_pending = false;
	if (rb->n == 0 || rb->runs[rb->n - 1].type == BP_RUN_BREAK)
		return;
	last = &rb->runs[rb->n - 1];
	common = last->style & style;
	if (last->link != link)
		link = NULL;
	if (last->type != BP_RUN_TEXT || last->style != common ||
	    last->link != link)
		last = rb_new_run(rb, BP_RUN_TEXT, common, link, pos);
	bp_buf_putc(&rb->text, ' ');
	last->len++;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Follows a text node's literal through its source line, so that each
 * word's column is known however the text was written: "&amp;" for "&",
 * "\\*" for "*", "'" for "\u2019", "--" for "\u2013".  Lost (and no
 * longer used) where the two cannot be matched. */
struct align {
	const char *src;  /* the source line */
	size_t j, end;    /* where the literal has reached in it; its end */
	size_t lit;       /* literal bytes followed */
	bool lost;
};

static bool
is_entity_at(const char *s, size_t j, size_t end, size_t *after)
{
	size_t k = j + 1;

	while (k < end && k - j < 40 && (isalnum((unsigned char)s[k]) ||
	    s[k] == '#'))
		k++;
	if (k == j + 1 || k >= end || s[k] != ';')
		return false;
	*after = k + 1;
	return true;
}

/* What the source holds for one punctuation mark that smart punctuation
 * made of it, or NULL. */
static const char *
smart_source(const char *c, size_t n)
{
	if (n != 3 || (unsigned char)c[0] != 0xE2 || (unsigned char)c[1] != 0x80)
		return NULL;
	switch ((unsigned char)c[2]) {
	case 0x98: case 0x99: return "'";
	case 0x9C: case 0x9D: return "\"";
	case 0x93: return "--";
	case 0x94: return "---";
	case 0xA6: return "...";
	default: return NULL;
	}
}

/* Moves past the source of one character of the literal, `n` bytes at c. */
static bool
align_char(struct align *a, const char *c, size_t n)
{
	const char *s = a->src, *smart;
	size_t j = a->j, end = a->end, after;

	if (j >= end)
		return false;
	if (s[j] == '\\' && n == 1 && j + 1 < end && s[j + 1] == c[0] &&
	    ispunct((unsigned char)c[0])) {
		a->j = j + 2;
		return true;
	}
	if (s[j] == '&' && is_entity_at(s, j, end, &after)) {
		a->j = after;
		return true;
	}
	if (j + n <= end && memcmp(s + j, c, n) == 0) {
		a->j = j + n;
		return true;
	}
	if ((smart = smart_source(c, n)) != NULL &&
	    end - j >= strlen(smart) && memcmp(s + j, smart, strlen(smart)) == 0) {
		a->j = j + strlen(smart);
		return true;
	}
	return false;
}

/* The source column (1-based bytes) of literal byte `to`, or 0 when the
 * alignment is lost. */
static uint32_t
align_to(struct align *a, const char *lit, size_t to)
{
	if (a == NULL || a->lost)
		return 0;
	while (a->lit < to) {
		size_t n = bp_utf8_len(lit + a->lit, to - a->lit);
		if (!align_char(a, lit + a->lit, n)) {
			a->lost = true;
			return 0;
		}
		a->lit += n;
	}
	return (uint32_t)a->j + 1;
}

/* The source column just past the run's text, as its steps have it. */
static uint32_t
run_end_col(const struct run_builder *rb, size_t run)
{
	const struct bp_run *r = &rb->runs[run];

	if (rb->nsteps > 0 && rb->steps[rb->nsteps - 1].run == run) {
		const struct step_at *s = &rb->steps[rb->nsteps - 1];
		return s->col + (uint32_t)(r->len - s->off);
	}
	return r->pos.col + (uint32_t)r->len;
}

static void
rb_step(struct run_builder *rb, size_t off, uint32_t col)
{
	if (rb->nsteps == rb->steps_cap) {
		rb->steps_cap = rb->steps_cap ? rb->steps_cap * 2 : 16;
		rb->steps = bp_xreallocarray(rb->steps, rb->steps_cap,
		    sizeof(*rb->steps));
	}
	rb->steps[rb->nsteps++] = (struct step_at){ rb->n - 1, off, col };
}

/* The literal's bytes [start, to) are about to be added to the last run:
 * follows them through the source, and steps where the two part ways
 * (before them, after folded white space; inside, after "&amp;" and
 * the like). */
static void
rb_follow(struct run_builder *rb, struct align *a, const char *lit,
	size_t start, size_t to)
{
	struct bp_run *r = &rb->runs[rb->n - 1];
	uint32_t col = align_to(a, lit, start);

	if (col == 0 || r->pos.line == 0)
		return;
	if (r->len == 0)
		r->pos.col = col;
	else if (run_end_col(rb, rb->n - 1) != col)
		rb_step(rb, r->len, col);
	/* mostly the source holds the very same bytes */
	if (a->end - a->j >= to - a->lit &&
	    memcmp(a->src + a->j, lit + a->lit, to - a->lit) == 0) {
		a->j += to - a->lit;
		a->lit = to;
		return;
	}
	while (a->lit < to) {
		size_t n = bp_utf8_len(lit + a->lit, to - a->lit), j = a->j;
		if (!align_char(a, lit + a->lit, n)) {
			a->lost = true;
			return;
		}
		a->lit += n;
		if (a->j - j != n && a->lit < to)
			rb_step(rb, r->len + (a->lit - start),
			    (uint32_t)a->j + 1);
	}
}

/* Adds text, folding every run of white space into one space and dropping
 * white space at the start of the content.  Works a word at a time; `al`,
 * when not NULL, follows the text through its source. */
static void
rb_add_text(struct run_builder *rb, const char *s, size_t len, unsigned style,
	struct bp_link *link, struct bp_pos pos, struct align *al)
{
	size_t i = 0;

	while (i < len) {
		size_t start;
		struct bp_run *r;

		if (is_space(s[i])) {
			rb->space_pending = true;
			i++;
			continue;
		}
		if (rb->space_pending)
			rb_put_space(rb, style, link, pos);
		/* the words up to the next space that is not a single ' '
		 * between two of them: each such space would go into the
		 * same run anyway (same style and link, as rb_put_space
		 * keeps), so they are copied at once */
		for (start = i; i < len; i++)
			if (is_space(s[i]) && (s[i] != ' ' || i + 1 == len ||
			    is_space(s[i + 1]) || i == start))
				break;
		r = rb->n ? &rb->runs[rb->n - 1] : NULL;
		if (r == NULL || r->type != BP_RUN_TEXT || r->style != style ||
		    r->link != link || rb->new_line)
			r = rb_new_run(rb, BP_RUN_TEXT, style, link, pos);
		rb->new_line = false;
		if (al != NULL && !al->lost)
			rb_follow(rb, al, s, start, i);
		bp_buf_put(&rb->text, s + start, i - start);
		r->len += i - start;
	}
}

/* A break swallows the white space before it; a reference keeps it. */
static void
rb_add_special(struct run_builder *rb, enum bp_run_type type, unsigned style,
	struct bp_link *link, struct bp_pos pos)
{
	if (type == BP_RUN_REF && rb->space_pending)
		rb_put_space(rb, style, link, pos);
	rb_new_run(rb, type, style, link, pos);
	rb->space_pending = false;
}

/* Copies the gathered runs into the arena as `out`. */
static void
rb_finish(struct md *m, struct bp_text *out, struct bp_pos pos)
{
	struct run_builder *rb = &m->rb;
	const char *text;

	struct bp_run_step *steps = NULL;

	out->pos = pos;
	out->nruns = rb->n;
	out->runs = NULL;
	if (rb->n == 0)
		return;
	text = bp_arena_strndup(m->paper->arena, rb->text.data, rb->text.len);
	out->runs = bp_arena_alloc(m->paper->arena, rb->n * sizeof(*out->runs));
	for (size_t i = 0; i < rb->n; i++) {
		out->runs[i] = rb->runs[i];
		out->runs[i].text = text + (uintptr_t)rb->runs[i].text;
		if (out->runs[i].type == BP_RUN_BREAK)
			out->runs[i].text = "";
	}
	if (rb->nsteps > 0)
		steps = bp_arena_alloc(m->paper->arena,
		    rb->nsteps * sizeof(*steps));
	/* each run's steps are together, in order */
	for (size_t k = 0; k < rb->nsteps; k++) {
		struct bp_run *r = &out->runs[rb->steps[k].run];
		steps[k].at = r->text + rb->steps[k].off;
		steps[k].col = rb->steps[k].col;
		if (r->nsteps++ == 0)
			r->steps = &steps[k];
	}
}

static bool
has_scheme(const char *url, const char *scheme)
{
	size_t n = strlen(scheme);
	return strncasecmp(url, scheme, n) == 0;
}

/* The code point of a numeric character reference "&#27;" or "&#x1B;" at
 * s[i], its length in *n; 0 when there is none there. */
static uint32_t
char_ref_at(const char *s, size_t len, size_t i, size_t *n)
{
	bool hex = i + 2 < len && (s[i + 2] == 'x' || s[i + 2] == 'X');
	size_t j = i + 2 + hex, digits = 0;
	uint32_t cp = 0;

	if (i + 2 >= len || s[i] != '&' || s[i + 1] != '#')
		return 0;
	for (; j < len && digits < 8; j++, digits++) {
		char c = s[j];
		uint32_t v = c >= '0' && c <= '9' ? (uint32_t)(c - '0') :
		    hex && c >= 'a' && c <= 'f' ? (uint32_t)(c - 'a' + 10) :
		    hex && c >= 'A' && c <= 'F' ? (uint32_t)(c - 'A' + 10) :
		    99;
		if (v == 99)
			break;
		cp = cp * (hex ? 16 : 10) + v;
	}
	if (digits == 0 || j >= len || s[j] != ';')
		return 0;
	*n = j + 1 - i;
	return cp;
}

static bool
is_control_cp(uint32_t cp)
{
	return (cp > 0 && cp < 0x20 && cp != '\t' && cp != '\n' &&
	    cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

/* The position of the next control-character escape in the body's source
 * from `from` on, or `from` itself when there is none.  The search only
 * goes forward (text is met in source order), so a paragraph full of
 * escapes is read once. */
static struct bp_pos
next_escape_pos(struct md *m, struct bp_pos from)
{
	size_t line = from.line >= m->first_line ? from.line - m->first_line :
	    m->nlines, i, n;

	if (m->src == NULL || line >= m->nlines)
		return from;
	i = m->line_start[line] + from.col - 1;
	if (i < m->escape_scan)
		i = m->escape_scan;
	for (; i < m->src_len; i++) {
		if (m->src[i] != '&' || !is_control_cp(char_ref_at(m->src,
		    m->src_len, i, &n)))
			continue;
		m->escape_scan = i + n;
		while (line + 1 < m->nlines && m->line_start[line + 1] <= i)
			line++;
		return (struct bp_pos){ (uint32_t)line + m->first_line,
		    (uint32_t)(i - m->line_start[line] + 1) };
	}
	return from;
}

/* The position of the next escape of `cp` in the front-matter value as
 * written, or the value's own when there is none (a YAML escape such as
 * "\x26#27;" that makes one).  Forward from where the last one was, or
 * from the node's own start that start_value_search set. */
static struct bp_pos
next_value_escape_pos(struct md *m, uint32_t cp)
{
	const char *s = m->value_src;
	size_t n;

	for (size_t i = m->value_scan; i < m->value_len; i++) {
		if (s[i] == '\n') {
			m->value_at.line++;
			m->value_at.col = 1;
			continue;
		}
		if (s[i] == '&' && char_ref_at(s, m->value_len, i, &n) == cp) {
			struct bp_pos at = m->value_at;
			m->value_scan = i + n;
			m->value_at.col += (uint32_t)n;
			return at;
		}
		m->value_at.col++; /* bytes: the column map counts them */
	}
	m->value_scan = m->value_len;
	return m->fixed;
}

/* The byte offset in the parsed front-matter value `s` of cmark's
 * line:column, or `len` when it is not in it. */
static size_t
offset_in_value(const char *s, size_t len, int line, int col)
{
	size_t i = 0;

	if (line <= 0 || col <= 0)
		return len;
	for (; line > 1 && i < len; i++)
		if (s[i] == '\n')
			line--;
	return line > 1 || (size_t)col - 1 > len - i ? len :
	    i + (size_t)col - 1;
}

/* Makes the search for a front-matter value's escapes go on from `off`
 * bytes into the parsed value, when the value is written as parsed: each
 * node's escapes are after its own start, whatever order the nodes are
 * checked in (a link's address before its text).  Otherwise the search
 * just goes on forward. */
static void
start_value_search(struct md *m, int line, int col)
{
	size_t off;

	if (m->fixed.line == 0 || m->value_src == NULL ||
	    m->value_base == NO_BASE || (off = offset_in_value(m->value,
	    m->value_len_parsed, line, col)) >= m->value_len_parsed)
		return;
	m->value_scan = 0;
	m->value_at = m->fixed;
	for (size_t i = 0; i < m->value_base + off; i++) {
		if (m->value_src[i] == '\n') {
			m->value_at.line++;
			m->value_at.col = 1;
		} else
			m->value_at.col++;
	}
	m->value_scan = m->value_base + off;
}

/* Where the escape that made the control character `cp` of text at `pos`
 * is written. */
static struct bp_pos
escape_pos(struct md *m, struct bp_pos pos, uint32_t cp)
{
	if (m->fixed.line == 0)
		return next_escape_pos(m, pos);
	return m->value_src != NULL ? next_value_escape_pos(m, cp) : m->fixed;
}

/* The source has no control character (checked before parsing), so one
 * here came from a character reference such as "&#27;": an error too,
 * once for `s` (a link's address, a label).  In the body it is reported
 * at `pos`; in a front-matter value, where every position is the
 * value's, at the first escape, the others passed over. */
static bool
refuse_escaped_controls(struct md *m, const char *s, struct bp_pos pos)
{
	uint32_t cp;
	size_t len = strlen(s), at = bp_find_control(s, len, &cp), n;

	if (at == len)
		return false;
	if (m->controls_reported)
		return true;
	if (m->fixed.line == 0) {
		bp_diag(m->d, pos, BP_E_CONTROL_ESCAPE, (unsigned)cp);
		return true;
	}
	bp_diag(m->d, escape_pos(m, pos, cp), BP_E_CONTROL_ESCAPE,
	    (unsigned)cp);
	for (at += cp >= 0x80 ? 2 : 1;
	    (n = bp_find_control(s + at, len - at, &cp)) < len - at;
	    at += n + (cp >= 0x80 ? 2 : 1))
		(void)escape_pos(m, pos, cp);
	return true;
}

/* Text with control characters from character references: each is an
 * error, at its escape's own column. */
static bool
refuse_escaped_text(struct md *m, const char *s, struct bp_pos pos)
{
	uint32_t cp;
	size_t len = strlen(s), done = 0, at;

	if (m->controls_reported)
		return refuse_escaped_controls(m, s, pos);
	while ((at = bp_find_control(s + done, len - done, &cp)) <
	    len - done) {
		bp_diag(m->d, escape_pos(m, pos, cp), BP_E_CONTROL_ESCAPE,
		    (unsigned)cp);
		done += at + (cp >= 0x80 ? 2 : 1);
	}
	return done > 0;
}

/* A link for `url`, or NULL (with a warning) when its scheme is not kept. */
static struct bp_link *
make_link(struct md *m, const char *url, const char *title,
	struct bp_pos pos)
{
	struct bp_link *link;

	if (refuse_escaped_controls(m, url, pos))
		return NULL;
	if (url[0] == '#' && url[1] != '\0') {
		link = bp_arena_alloc(m->paper->arena, sizeof(*link));
		link->type = BP_LINK_INTERNAL;
		link->label = bp_arena_strdup(m->paper->arena, url + 1);
		link->pos = pos;
		return link;
	}
	if ((has_scheme(url, "http:") || has_scheme(url, "https:")) &&
	    !has_scheme(url, "http://") && !has_scheme(url, "https://")) {
		bp_diag(m->d, pos, BP_W_LINK_NO_SLASHES, url);
		return NULL;
	}
	if (!has_scheme(url, "http://") && !has_scheme(url, "https://") &&
	    !has_scheme(url, "mailto:")) {
		bp_diag(m->d, pos, BP_W_LINK_DROPPED, url);
		return NULL;
	}
	link = bp_arena_alloc(m->paper->arena, sizeof(*link));
	link->type = BP_LINK_URL;
	link->url = bp_arena_strdup(m->paper->arena, url);
	if (title != NULL && title[0] != '\0')
		link->title = bp_arena_strdup(m->paper->arena, title);
	link->pos = pos;
	return link;
}

/* State while walking one block's inline content with an iterator, so that
 * emphasis nested to any depth costs no stack. */
struct inline_walk {
	unsigned strong, emph, strike; /* open counts */
	struct bp_link *link;
	cmark_node *link_node;
	size_t link_first_run;          /* runs before the link opened */
	size_t link_first_byte;         /* text bytes before it opened */
	struct bp_pos block;
};

static unsigned
walk_style(const struct inline_walk *w)
{
	return (w->strong ? BP_STYLE_STRONG : 0u) |
	    (w->emph ? BP_STYLE_EMPH : 0u) |
	    (w->strike ? BP_STYLE_STRIKE : 0u);
}

/* A link's address is after its text, so its escapes are searched for
 * from the end of the text (checked before the text is). */
static void
start_address_search(struct md *m, cmark_node *link)
{
	cmark_node *last = cmark_node_last_child(link);

	if (last == NULL)
		start_value_search(m, cmark_node_get_start_line(link),
		    cmark_node_get_start_column(link));
	else
		start_value_search(m, cmark_node_get_end_line(last),
		    cmark_node_get_end_column(last) + 1);
}

static void
enter_link(struct md *m, struct inline_walk *w, cmark_node *node)
{
	if (w->link_node != NULL)
		return; /* a link inside a link: keep the outer one */
	w->link_node = node;
	w->link_first_run = m->rb.n;
	w->link_first_byte = m->rb.text.len;
	start_address_search(m, node);
	w->link = make_link(m, cmark_node_get_url(node),
	    cmark_node_get_title(node), inline_pos(m, node, w->block));
}

/* A link with no text: a cross-reference stands for its target, and a URL
 * shows itself. */
static void
exit_link(struct md *m, struct inline_walk *w, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	struct bp_pos pos = inline_pos(m, node, w->block);

	if (w->link_node != node)
		return;
	/* a dropped link with no text leaves nothing */
	if (m->rb.n == w->link_first_run &&
	    m->rb.text.len == w->link_first_byte && w->link != NULL) {
		if (w->link->type == BP_LINK_INTERNAL)
			rb_add_special(&m->rb, BP_RUN_REF, walk_style(w),
			    w->link, pos);
		else
			rb_add_text(&m->rb, url, strlen(url), walk_style(w),
			    w->link, pos, NULL);
	}
	w->link_node = NULL;
	w->link = NULL;
}

/* The footnote a reference names: cmark gives a reference the number of
 * its definition, and keeps only defined notes. */
static const struct bp_footnote *
find_note(const struct md *m, const char *number)
{
	unsigned long n = number != NULL ? strtoul(number, NULL, 10) : 0;

	return n >= 1 && n <= m->paper->nnotes ? &m->paper->notes[n - 1] :
	    NULL;
}

/* A footnote reference is a run of its own holding the note's number; it
 * keeps the space before it, as a cross-reference does. */
static void
add_note_ref(struct md *m, struct inline_walk *w, const char *label,
	struct bp_pos pos)
{
	const struct bp_footnote *note = find_note(m, label);
	struct bp_run *r;
	char num[16];

	if (note == NULL)
		return;
	if (m->rb.space_pending)
		rb_put_space(&m->rb, walk_style(w), w->link, pos);
	r = rb_new_run(&m->rb, BP_RUN_NOTE, walk_style(w) & ~BP_STYLE_CODE,
	    NULL, pos);
	r->note = note;
	snprintf(num, sizeof(num), "%u", note->number);
	bp_buf_puts(&m->rb.text, num);
	r->len = strlen(num);
}

/* Starts following a text node through its source line, when cmark gave
 * the node a position of its own. */
static bool
align_at(const struct md *m, cmark_node *node, struct bp_pos pos,
	struct align *a)
{
	size_t line;

	if (m->fixed.line != 0 || cmark_node_get_start_line(node) <= 0 ||
	    pos.line < m->first_line || pos.col == 0 ||
	    (line = pos.line - m->first_line) >= m->nlines)
		return false;
	a->src = m->src + m->line_start[line];
	a->end = (line + 1 < m->nlines ? m->line_start[line + 1] :
	    m->src_len) - m->line_start[line];
	a->j = pos.col - 1;
	a->lit = 0;
	a->lost = a->j > a->end;
	return !a->lost;
}

static void
add_leaf(struct md *m, struct inline_walk *w, cmark_node *node,
	cmark_node_type type)
{
	struct bp_pos pos = inline_pos(m, node, w->block);
	const char *lit = cmark_node_get_literal(node);
	unsigned style = walk_style(w);

	switch (type) {
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		add_note_ref(m, w, lit, pos);
		break;
	case CMARK_NODE_HTML_INLINE: /* raw HTML is shown as text */
		if (is_html_comment(lit))
			break;
		/* FALLTHROUGH */
	case CMARK_NODE_CODE:
		if (type == CMARK_NODE_CODE)
			style |= BP_STYLE_CODE;
		/* FALLTHROUGH */
	case CMARK_NODE_TEXT:
		start_value_search(m, cmark_node_get_start_line(node),
		    cmark_node_get_start_column(node));
		if (lit != NULL && !(type == CMARK_NODE_TEXT ?
		    refuse_escaped_text(m, lit, pos) :
		    refuse_escaped_controls(m, lit, pos))) {
			struct align al;
			rb_add_text(&m->rb, lit, strlen(lit), style, w->link,
			    pos, type == CMARK_NODE_TEXT &&
			    align_at(m, node, pos, &al) ? &al : NULL);
		}
		break;
	case CMARK_NODE_SOFTBREAK:
		m->rb.space_pending = true;
		m->rb.new_line = m->fixed.line == 0;
		break;
	case CMARK_NODE_LINEBREAK:
		rb_add_special(&m->rb, BP_RUN_BREAK, style, w->link, pos);
		break;
	default:
		break;
	}
}

/* Appends the inline content of `block` to the run builder.  Images are
 * errors here: a figure is a paragraph of its own, caught before. */
static void
add_inlines(struct md *m, cmark_node *block, struct bp_pos pos)
{
	cmark_iter *it = cmark_iter_new(block);
	struct inline_walk w;
	cmark_event_type ev;

	memset(&w, 0, sizeof(w));
	w.block = pos;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		int step = ev == CMARK_EVENT_ENTER ? 1 : -1;

		if (node == block)
			continue;
		if (type == CMARK_NODE_STRONG)
			w.strong += step;
		else if (type == CMARK_NODE_EMPH)
			w.emph += step;
		else if (is_type(node, "strikethrough"))
			w.strike += step;
		else if (type == CMARK_NODE_LINK && step > 0)
			enter_link(m, &w, node);
		else if (type == CMARK_NODE_LINK)
			exit_link(m, &w, node);
		else if (type == CMARK_NODE_IMAGE && step > 0) {
			bp_diag(m->d, inline_pos(m, node, pos),
			    BP_E_IMAGE_INLINE, cmark_node_get_url(node));
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
		} else if (step > 0)
			add_leaf(m, &w, node, type);
	}
	cmark_iter_free(it);
}

/* --- labels --------------------------------------------------------- */

static bool
is_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == ':';
}

static const char *
check_label(struct md *m, const char *s, size_t len, struct bp_pos pos)
{
	char *label = bp_arena_strndup(m->paper->arena, s, len);

	bool valid = len > 0;

	for (size_t i = 0; i < len; i++)
		valid = valid && is_label_char(s[i]);
	if (!valid) {
		bp_diag(m->d, pos, BP_E_LABEL_SYNTAX, label);
		return NULL;
	}
	return label;
}

static void
drop_empty_first_run(struct bp_text *t)
{
	if (t->nruns > 0 && t->runs[0].len == 0 &&
	    t->runs[0].type == BP_RUN_TEXT) {
		t->runs++;
		t->nruns--;
	}
}

/* A paragraph or item may begin with {#name}: take it off the text. */
static const char *
take_leading_label(struct md *m, struct bp_text *t)
{
	struct bp_run *r;
	const char *end;
	size_t n;

	if (t->nruns == 0)
		return NULL;
	r = &t->runs[0];
	if (r->type != BP_RUN_TEXT || r->style != 0 || r->link != NULL ||
	    r->len < 3 || strncmp(r->text, "{#", 2) != 0)
		return NULL;
	end = memchr(r->text, '}', r->len);
	if (end == NULL)
		return NULL;
	n = (size_t)(end - r->text) + 1;
	const char *label = check_label(m, r->text + 2, n - 3, r->pos);
	if (n < r->len && r->text[n] == ' ')
		n++;
	r->pos = bp_run_pos(r, n);
	r->text += n;
	r->len -= n;
	drop_empty_first_run(t);
	return label;
}

/* A heading may end with {#name}, as in pandoc. */
static const char *
take_trailing_label(struct md *m, struct bp_text *t)
{
	struct bp_run *r;
	const char *open;

	if (t->nruns == 0)
		return NULL;
	r = &t->runs[t->nruns - 1];
	if (r->type != BP_RUN_TEXT || r->style != 0 || r->link != NULL ||
	    r->len < 3 || r->text[r->len - 1] != '}')
		return NULL;
	for (open = r->text + r->len - 2; open > r->text; open--)
		if (open[0] == '{')
			break;
	if (open[0] != '{' || open[1] != '#')
		return NULL;
	const char *label = check_label(m, open + 2,
	    (size_t)(r->text + r->len - 1 - open - 2), r->pos);
	r->len = (size_t)(open - r->text);
	while (r->len > 0 && r->text[r->len - 1] == ' ')
		r->len--;
	if (r->len == 0)
		t->nruns--;
	return label;
}

/* --- blocks --------------------------------------------------------- */

static void
text_of(struct md *m, cmark_node *node, struct bp_text *out)
{
	struct bp_pos pos = node_pos(m, node);

	rb_reset(&m->rb);
	add_inlines(m, node, pos);
	rb_finish(m, out, pos);
}

/* The plain text of an image's description, for its alt text. */
static char *
plain_text_of(struct md *m, cmark_node *node)
{
	struct bp_text t;
	struct bp_buf b = BP_BUF_INIT;
	char *s;

	text_of(m, node, &t);
	for (size_t i = 0; i < t.nruns; i++)
		bp_buf_put(&b, t.runs[i].text, t.runs[i].len);
	s = bp_arena_strndup(m->paper->arena, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

/* The only image in a paragraph (white space aside), or NULL. */
static cmark_node *
sole_image(cmark_node *para)
{
	cmark_node *image = NULL;

	for (cmark_node *c = cmark_node_first_child(para); c != NULL;
	    c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		if (type == CMARK_NODE_IMAGE && image == NULL)
			image = c;
		else if (type == CMARK_NODE_SOFTBREAK)
			continue;
		else if (type == CMARK_NODE_TEXT &&
		    strspn(cmark_node_get_literal(c), " \t") ==
		    strlen(cmark_node_get_literal(c)))
			continue;
		else
			return NULL;
	}
	return image;
}

static struct bp_block *
convert_figure(struct md *m, cmark_node *image, struct bp_pos pos)
{
	struct bp_block *b = new_block(m, BP_BLOCK_FIGURE, pos);
	struct bp_image *img = &b->u.image;

	img->src = bp_arena_strdup(m->paper->arena, cmark_node_get_url(image));
	img->alt = plain_text_of(m, image);
	if (img->alt[0] == '\0')
		bp_diag(m->d, pos, BP_E_IMAGE_ALT, img->src);
	if (!refuse_escaped_controls(m, img->src, pos))
		bp_image_set_load(m->images, img, m->d, pos);
	return b;
}

static struct bp_block *
convert_para(struct md *m, cmark_node *node)
{
	struct bp_pos pos = node_pos(m, node);
	cmark_node *image = sole_image(node);
	struct bp_block *b;

	if (image != NULL)
		return convert_figure(m, image, pos);
	b = new_block(m, BP_BLOCK_PARA, pos);
	text_of(m, node, &b->text);
	b->label = take_leading_label(m, &b->text);
	return b;
}

/* Adds raw HTML as text, leaving out its comments. */
static void
add_html_text(struct md *m, const char *lit, struct bp_pos pos)
{
	const char *p = lit, *open;

	while ((open = strstr(p, "<!--")) != NULL) {
		const char *close = strstr(open + 4, "-->");
		rb_add_text(&m->rb, p, (size_t)(open - p), 0, NULL, pos, NULL);
		m->rb.space_pending = true;
		if (close == NULL)
			return;
		p = close + 3;
	}
	rb_add_text(&m->rb, p, strlen(p), 0, NULL, pos, NULL);
}

/* Raw HTML is never passed through: it becomes a paragraph of text.  An
 * HTML comment is removed, so a block of comments alone is no block. */
static struct bp_block *
convert_html_block(struct md *m, cmark_node *node)
{
	struct bp_pos pos = node_pos(m, node);
	struct bp_block *b;

	rb_reset(&m->rb);
	add_html_text(m, cmark_node_get_literal(node), pos);
	if (m->rb.n == 0)
		return NULL;
	b = new_block(m, BP_BLOCK_PARA, pos);
	rb_finish(m, &b->text, pos);
	return b;
}

static struct bp_block *
convert_heading(struct md *m, cmark_node *node)
{
	struct bp_block *b = new_block(m, BP_BLOCK_HEADING, node_pos(m, node));

	b->level = cmark_node_get_heading_level(node);
	text_of(m, node, &b->text);
	b->label = take_trailing_label(m, &b->text);
	return b;
}

static struct bp_block *
convert_code(struct md *m, cmark_node *node)
{
	struct bp_block *b = new_block(m, BP_BLOCK_CODE, node_pos(m, node));
	const char *lit = cmark_node_get_literal(node);
	const char *info = cmark_node_get_fence_info(node);
	int fence_len, fence_offset; /* asked for, not needed */
	char fence_char;

	b->u.code.text = bp_arena_strdup(m->paper->arena, lit ? lit : "");
	b->u.code.len = strlen(b->u.code.text);
	b->u.code.info = bp_arena_strdup(m->paper->arena, info ? info : "");
	/* a fenced block's text starts on the line after its fence */
	b->u.code.first_line = b->pos.line +
	    (cmark_node_get_fenced(node, &fence_len, &fence_offset,
	    &fence_char) ? 1 : 0);
	return b;
}

static enum bp_align
align_of(uint8_t a)
{
	switch (a) {
	case 'l':
		return BP_ALIGN_LEFT;
	case 'c':
		return BP_ALIGN_CENTER;
	case 'r':
		return BP_ALIGN_RIGHT;
	default:
		return BP_ALIGN_NONE;
	}
}

static struct bp_block *
convert_table(struct md *m, cmark_node *node)
{
	struct bp_block *b = new_block(m, BP_BLOCK_TABLE, node_pos(m, node));
	struct bp_table *t = &b->u.table;
	uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(node);
	size_t r = 0;

	t->ncols = cmark_gfm_extensions_get_table_columns(node);
	for (cmark_node *row = cmark_node_first_child(node); row != NULL;
	    row = cmark_node_next(row))
		t->nrows++;
	t->align = bp_arena_alloc(m->paper->arena,
	    t->ncols * sizeof(*t->align));
	for (size_t c = 0; c < t->ncols; c++)
		t->align[c] = aligns ? align_of(aligns[c]) : BP_ALIGN_NONE;
	t->cells = bp_arena_alloc(m->paper->arena,
	    t->nrows * t->ncols * sizeof(*t->cells));
	for (cmark_node *row = cmark_node_first_child(node); row != NULL;
	    row = cmark_node_next(row), r++) {
		size_t c = 0;
		for (cmark_node *cell = cmark_node_first_child(row);
		    cell != NULL && c < t->ncols;
		    cell = cmark_node_next(cell), c++)
			text_of(m, cell, &t->cells[r * t->ncols + c]);
		for (; c < t->ncols; c++)
			t->cells[r * t->ncols + c].pos = node_pos(m, row);
	}
	return b;
}

static struct bp_block *convert_block(struct md *, cmark_node *, int);

/* Converts the children of a list item or quote. */
static void
convert_children(struct md *m, cmark_node *node, struct bp_block *parent,
	int depth)
{
	struct bp_block *tail = NULL;

	if (depth > BP_MAX_DEPTH) {
		if (!m->too_deep)
			bp_diag(m->d, node_pos(m, node), BP_E_NESTING,
			    BP_MAX_DEPTH);
		m->too_deep = true;
		return;
	}
	for (cmark_node *c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c)) {
		struct bp_block *b = convert_block(m, c, depth);
		if (b != NULL)
			append(parent, &tail, b);
	}
}

static struct bp_block *
convert_list(struct md *m, cmark_node *node, int depth)
{
	struct bp_block *b = new_block(m, BP_BLOCK_LIST, node_pos(m, node));

	b->list = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ?
	    BP_LIST_ORDERED : BP_LIST_BULLET;
	b->start = (unsigned)cmark_node_get_list_start(node);
	b->tight = cmark_node_get_list_tight(node) != 0;
	convert_children(m, node, b, depth + 1);
	return b;
}

/* A list item's label is at the start of its first paragraph. */
static struct bp_block *
convert_item(struct md *m, cmark_node *node, int depth)
{
	struct bp_block *b = new_block(m, BP_BLOCK_ITEM, node_pos(m, node));

	convert_children(m, node, b, depth + 1);
	if (b->child != NULL && b->child->type == BP_BLOCK_PARA) {
		b->label = b->child->label;
		b->child->label = NULL;
	}
	return b;
}

/* Any block below the top level (or a top-level one that is not special). */
static struct bp_block *
convert_block(struct md *m, cmark_node *node, int depth)
{
	cmark_node_type type = cmark_node_get_type(node);
	struct bp_block *b;

	switch (type) {
	case CMARK_NODE_PARAGRAPH:
		return convert_para(m, node);
	case CMARK_NODE_HEADING:
		return convert_heading(m, node);
	case CMARK_NODE_LIST:
		return convert_list(m, node, depth);
	case CMARK_NODE_ITEM:
		return convert_item(m, node, depth);
	case CMARK_NODE_BLOCK_QUOTE:
		b = new_block(m, BP_BLOCK_QUOTE, node_pos(m, node));
		convert_children(m, node, b, depth + 1);
		return b;
	case CMARK_NODE_CODE_BLOCK:
		return convert_code(m, node);
	case CMARK_NODE_HTML_BLOCK:
		return convert_html_block(m, node);
	case CMARK_NODE_THEMATIC_BREAK:
		return new_block(m, BP_BLOCK_RULE, node_pos(m, node));
	default:
		if (is_type(node, "table"))
			return convert_table(m, node);
		return NULL;
	}
}

/* --- sections and the blocks that belong to a paragraph -------------- */

/* Builds the section list, remembering where to append. */
struct body {
	struct md *m;
	struct bp_block *section, *section_tail; /* current section */
	struct bp_block *last_section;
	struct bp_block *para, *para_tail; /* the paragraph blocks attach to */
	struct bp_block *last;             /* the block appended last */
};

static void
open_section(struct body *bb, struct bp_pos pos)
{
	struct bp_block *s = new_block(bb->m, BP_BLOCK_SECTION, pos);

	if (bb->last_section == NULL)
		bb->m->paper->body = s;
	else
		bb->last_section->next = s;
	bb->last_section = bb->section = s;
	bb->section_tail = NULL;
	bb->para = bb->para_tail = NULL;
}

static void
add_to_section(struct body *bb, struct bp_block *b)
{
	if (bb->section == NULL)
		open_section(bb, b->pos);
	append(bb->section, &bb->section_tail, b);
	bb->last = b;
}

/* "Table: caption" right before or after a table is its caption. */
static bool
is_caption(cmark_node *node)
{
	cmark_node *first = cmark_node_first_child(node);
	const char *lit;

	if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH || first == NULL ||
	    cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return false;
	lit = cmark_node_get_literal(first);
	return lit != NULL && strncmp(lit, "Table:", 6) == 0;
}

static void
set_caption(struct md *m, struct bp_block *table, cmark_node *para)
{
	struct bp_text *cap = &table->u.table.caption;
	struct bp_run *r;

	text_of(m, para, cap);
	r = &cap->runs[0];
	r->text += 6;
	r->len -= 6;
	while (r->len > 0 && r->text[0] == ' ') {
		r->text++;
		r->len--;
	}
	drop_empty_first_run(cap);
}

/* Lists, tables, quotes, code and figures after a paragraph belong to it. */
static void
attach(struct body *bb, struct bp_block *b)
{
	if (bb->para == NULL) {
		add_to_section(bb, b);
		return;
	}
	append(bb->para, &bb->para_tail, b);
	bb->last = b;
}

/* Adds one top-level node, and returns the node to add next: a caption
 * written before its table takes the table with it. */
static cmark_node *
add_top_level(struct body *bb, cmark_node *node)
{
	struct md *m = bb->m;
	cmark_node *next = cmark_node_next(node);
	struct bp_block *b;

	if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(node) <= 2) {
		open_section(bb, node_pos(m, node));
		add_to_section(bb, convert_heading(m, node));
		return next;
	}
	if (is_caption(node) && next != NULL && is_type(next, "table")) {
		b = convert_table(m, next);
		set_caption(m, b, node);
		attach(bb, b);
		return cmark_node_next(next);
	}
	if (is_caption(node) && bb->last != NULL &&
	    bb->last->type == BP_BLOCK_TABLE &&
	    bb->last->u.table.caption.nruns == 0) {
		set_caption(m, bb->last, node);
		return next;
	}
	if ((b = convert_block(m, node, 0)) == NULL)
		return next;
	if (b->type == BP_BLOCK_PARA) {
		add_to_section(bb, b);
		bb->para = b;
		bb->para_tail = NULL;
	} else if (b->type == BP_BLOCK_HEADING || b->type == BP_BLOCK_RULE) {
		add_to_section(bb, b);
		bb->para = bb->para_tail = NULL;
	} else
		attach(bb, b);
	return next;
}

/* Smart punctuation as Word does it (never in code); footnotes only in
 * the body, where their definitions can be. */
#define BODY_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES)
#define VALUE_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_SMART)

static cmark_parser *
new_parser(int options)
{
	static const char *const names[] = { "table", "strikethrough",
		"autolink" };
	cmark_parser *p;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(options);
	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(names[i]);
		if (e != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	}
	return p;
}

static cmark_node *
parse_document(const char *md, size_t len, int options)
{
	cmark_parser *p = new_parser(options);
	cmark_node *doc;

	if (p == NULL)
		return NULL;
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/* The name of a definition, "[^name]:", read from the source line where
 * cmark says its content starts: cmark does not give it. */
static const char *
note_label(struct md *m, cmark_node *def)
{
	int line = cmark_node_get_start_line(def);
	int col = cmark_node_get_start_column(def);
	size_t start, i;

	if (line < 1 || (size_t)line > m->nlines || col < 1)
		return "";
	start = m->line_start[line - 1];
	i = start + (size_t)col - 1;
	if (i > m->src_len)
		return "";
	while (i > start && m->src[i - 1] != ':')
		i--;
	if (i < start + 4 || m->src[i - 2] != ']')
		return "";
	for (size_t k = i - 2; k > start + 1; k--)
		if (m->src[k - 2] == '[' && m->src[k - 1] == '^')
			return bp_arena_strndup(m->paper->arena, m->src + k,
			    i - 2 - k);
	return "";
}

/* cmark puts the definitions of the referenced footnotes at the end of the
 * document, in the order of their first reference: that order numbers
 * them.  They are known before the body, so that references find them. */
static void
collect_notes(struct md *m, cmark_node *doc)
{
	struct bp_paper *p = m->paper;
	size_t n = 0, k = 0;

	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;
	    c = cmark_node_next(c))
		n += cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION;
	if (n == 0)
		return;
	p->notes = bp_arena_alloc(p->arena, n * sizeof(*p->notes));
	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;
	    c = cmark_node_next(c)) {
		struct bp_footnote *f = &p->notes[k];
		if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		f->number = (unsigned)++k;
		f->label = note_label(m, c);
		f->id = bp_arena_printf(p->arena, "fn%u", f->number);
		f->pos = node_pos(m, c);
	}
	p->nnotes = k;
}

/* The blocks of each definition: none of them is a numbered paragraph. */
static void
convert_notes(struct md *m, cmark_node *doc)
{
	size_t k = 0;

	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;
	    c = cmark_node_next(c)) {
		struct bp_block *tail = NULL;
		if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		for (cmark_node *d = cmark_node_first_child(c); d != NULL;
		    d = cmark_node_next(d)) {
			struct bp_block *b = convert_block(m, d, 1);
			if (b == NULL)
				continue;
			if (tail == NULL)
				m->paper->notes[k].child = b;
			else
				tail->next = b;
			tail = b;
		}
		k++;
	}
}

static void
md_init(struct md *m, struct bp_paper *paper, struct bp_diags *d)
{
	memset(m, 0, sizeof(*m));
	m->paper = paper;
	m->d = d;
	bp_buf_init(&m->rb.text);
}

static void
md_free(struct md *m)
{
	free(m->line_start);
	free(m->rb.runs);
	free(m->rb.steps);
	bp_image_set_free(m->images);
	bp_buf_free(&m->rb.text);
}

void
bp_markdown_parse(struct bp_paper *paper, const char *md, size_t len,
	unsigned first_line, const char *dir, struct bp_diags *d)
{
	struct md m;
	struct body bb;
	cmark_node *doc;

	if (!bp_prescan(md, len, first_line, (struct bp_pos){ 0, 0 }, d))
		return;
	if ((doc = parse_document(md, len, BODY_OPTIONS)) == NULL) {
		bp_diag(d, (struct bp_pos){ first_line, 1 }, BP_E_MEMORY);
		return;
	}
	md_init(&m, paper, d);
	m.images = bp_image_set_new(paper->arena, dir);
	m.first_line = first_line;
	index_lines(&m, md, len);
	memset(&bb, 0, sizeof(bb));
	bb.m = &m;
	collect_notes(&m, doc);
	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;)
		c = add_top_level(&bb, c);
	convert_notes(&m, doc);
	md_free(&m);
	cmark_node_free(doc);
}

/* Where the parsed value `s` starts in `src`, the value as written, when
 * it is written as parsed (plain, or in quotes with no escape); else
 * NO_BASE. */
static size_t
written_as_parsed(const char *s, size_t len, const char *src,
	size_t src_len)
{
	if (src == NULL)
		return NO_BASE;
	if (src_len == len && memcmp(src, s, len) == 0)
		return 0;
	if (src_len == len + 2 && (src[0] == '"' || src[0] == '\'') &&
	    src[len + 1] == src[0] && memcmp(src + 1, s, len) == 0)
		return 1;
	return NO_BASE;
}

/* A front-matter value: all its inline content, block structure flattened,
 * every run placed at the value's position. */
void
bp_markdown_inline(struct bp_paper *paper, const char *s, size_t len,
	const char *src, size_t src_len, struct bp_pos pos,
	struct bp_text *out, struct bp_diags *d)
{
	struct md m;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	memset(out, 0, sizeof(*out));
	out->pos = pos;
	if (!bp_prescan(s, len, pos.line, pos, d) ||
	    (doc = parse_document(s, len, VALUE_OPTIONS)) == NULL)
		return;
	md_init(&m, paper, d);
	m.fixed = pos;
	m.value_src = src;
	m.value_len = src_len;
	m.value_at = pos;
	m.value = s;
	m.value_len_parsed = len;
	m.value_base = written_as_parsed(s, len, src, src_len);
	{
		uint32_t cp;
		/* a YAML escape: frontmatter.c has reported it */
		m.controls_reported = bp_find_control(s, len, &cp) < len;
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
		    is_type(node, "table_cell")) {
			m.rb.space_pending = m.rb.n > 0;
			add_inlines(&m, node, pos);
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
		} else if (type == CMARK_NODE_CODE_BLOCK) {
			const char *lit = cmark_node_get_literal(node);
			m.rb.space_pending = m.rb.n > 0;
			rb_add_text(&m.rb, lit, strlen(lit), 0, NULL, pos, NULL);
		} else if (type == CMARK_NODE_HTML_BLOCK) {
			m.rb.space_pending = m.rb.n > 0;
			add_html_text(&m, cmark_node_get_literal(node), pos);
		}
	}
	cmark_iter_free(it);
	rb_finish(&m, out, pos);
	md_free(&m);
	cmark_node_free(doc);
}
