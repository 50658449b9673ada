/* Columns as the author counts them: from a byte column of the text the
 * parsers read (normalised to NFC) to a character column of the file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "internal.h"

/* While the file's text is there (parsing), a column is worked out when a
 * diagnostic asks for it, by walking its line (unicode.c).  The back-ends
 * report after the text is gone, so bp_colmap_keep then writes down the
 * steps of every line, a byte or two each: a table of 16-byte steps, made
 * for every paper, cost accented prose 6 times its size.
 *
 * The steps are coded as unsigned LEB128 numbers, a record each:
 *   0, d         the next steps are of the line d lines on (at byte 0)
 *   1, b, w, c   a step at byte b after the last one (on its line), of
 *                width w, at column c
 *   b << 2 | w-1 the same, w at most 4 and c what the step before gives
 *                (the first of a line: a byte a column before it)
 * Every STRIDE records a checkpoint says where a lookup may start. */
#define STRIDE 256

struct checkpoint {
	uint32_t line;
	struct bp_colstep at; /* the step of the record before `off` */
	size_t off;
};

struct bp_colmap {
	const char *src, *parsed; /* parsed == src when NFC left it alone */
	size_t len, parsed_len;
	bool kept;                /* the text is gone: the code says it */
	/* the code and its checkpoints */
	unsigned char *code;
	size_t code_len, code_cap;
	struct checkpoint *cps;
	size_t ncps, cps_cap;
	size_t records;
	uint32_t line;            /* the coder's line and last step */
	struct bp_colstep at;
	/* where the last line asked for starts, for the next one after it */
	uint32_t seek_line;
	size_t seek_at, seek_parsed_at;
};

static const struct bp_colstep line_start = { 1, 1, 1 };

struct bp_colmap *
bp_colmap_of(const char *src, size_t len, const char *parsed,
	size_t parsed_len)
{
	struct bp_colmap *m = bp_xcalloc(1, sizeof(*m));

	m->src = src;
	m->len = len;
	m->parsed = parsed;
	m->parsed_len = parsed_len;
	m->seek_line = 1;
	return m;
}

void
bp_colmap_free(struct bp_colmap *m)
{
	if (m == NULL)
		return;
	free(m->code);
	free(m->cps);
	free(m);
}

/* --- the code --- */

static void
put_number(struct bp_colmap *m, uint64_t v)
{
	do {
		if (m->code_len == m->code_cap) {
			m->code_cap = m->code_cap ? m->code_cap * 2 : 256;
			m->code = bp_xrealloc(m->code, m->code_cap);
		}
		m->code[m->code_len++] = (unsigned char)((v & 0x7F) |
		    (v > 0x7F ? 0x80 : 0));
		v >>= 7;
	} while (v != 0);
}

static uint64_t
get_number(const struct bp_colmap *m, size_t *off)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (*off < m->code_len) {
		unsigned char c = m->code[(*off)++];
		if (shift < 64)
			v |= (uint64_t)(c & 0x7F) << shift;
		shift += 7;
		if (!(c & 0x80))
			break;
	}
	return v;
}

/* The column the step before gives a step at `byte`. */
static uint32_t
derived_col(const struct bp_colstep *before, uint32_t byte)
{
	return before->col + (byte - before->byte) / before->width;
}

static void
code_step(struct bp_colmap *m, uint32_t line, const struct bp_colstep *s)
{
	uint32_t base;

	if (line != m->line) {
		put_number(m, 0);
		put_number(m, line - m->line);
		m->line = line;
		m->at = line_start;
		base = 0;
	} else
		base = m->at.byte;
	if (s->width <= 4 && s->byte > base &&
	    s->col == derived_col(&m->at, s->byte))
		put_number(m, (uint64_t)(s->byte - base) << 2 | (s->width - 1));
	else {
		put_number(m, 1);
		put_number(m, s->byte - base);
		put_number(m, s->width);
		put_number(m, s->col);
	}
	m->at = *s;
	if (++m->records % STRIDE == 0) {
		if (m->ncps == m->cps_cap) {
			m->cps_cap = m->cps_cap ? m->cps_cap * 2 : 16;
			m->cps = bp_xreallocarray(m->cps, m->cps_cap,
			    sizeof(*m->cps));
		}
		m->cps[m->ncps++] = (struct checkpoint){ line, *s,
		    m->code_len };
	}
}

/* The end of the line that starts at s[i]. */
static size_t
line_end(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) : len;
}

/* Codes the steps of the line at s[i..end) of the file. */
static void
code_line(struct bp_colmap *m, uint32_t line, size_t i, size_t end,
	size_t k, size_t pend)
{
	bool same = m->parsed == m->src;
	struct bp_colmap mark = *m;
	struct bp_colwalk w;

	bp_colwalk_start(&w, UINT32_MAX);
	w.map = m;
	w.line = line;
	if (bp_colwalk_line(&w, m->src + i, end - i,
	    same ? NULL : m->parsed + k, pend - k))
		return;
	/* a line of an NFC-changed file that does not add up keeps byte
	 * columns: its steps are taken back */
	m->code_len = mark.code_len;
	m->ncps = mark.ncps;
	m->records = mark.records;
	m->line = mark.line;
	m->at = mark.at;
}

/* A file NFC left alone has steps only on lines with a byte past ASCII:
 * the others are passed over whole. */
static void
code_own_lines(struct bp_colmap *m)
{
	uint32_t line = 1;
	size_t i = 0;

	while (i < m->len) {
		size_t p = i + bp_ascii_len(m->src + i, m->len - i), end;
		const char *nl;
		if (p == m->len)
			break;
		/* the line of byte p */
		while ((nl = memchr(m->src + i, '\n', p - i)) != NULL) {
			i = (size_t)(nl - m->src) + 1;
			line++;
		}
		end = line_end(m->src, m->len, p);
		code_line(m, line, i, end, 0, 0);
		i = end + 1;
		line++;
	}
}

static void
code_changed_lines(struct bp_colmap *m)
{
	size_t i = 0, k = 0;

	for (uint32_t line = 1;; line++) {
		size_t end = line_end(m->src, m->len, i);
		size_t pend = k < m->parsed_len ?
		    line_end(m->parsed, m->parsed_len, k) : k;
		code_line(m, line, i, end, k, pend);
		k = pend + 1;
		if (end == m->len)
			break;
		i = end + 1;
	}
}

void
bp_colmap_keep(struct bp_colmap *m)
{
	if (m == NULL || m->kept)
		return;
	if (m->parsed == m->src)
		code_own_lines(m);
	else
		code_changed_lines(m);
	if (m->code_len > 0)
		m->code = bp_xrealloc(m->code, m->code_len);
	m->code_cap = m->code_len;
	m->src = m->parsed = NULL;
	m->kept = true;
}

/* The step in force at byte column `byte` of `line`, from the code. */
static void
coded_step(const struct bp_colmap *m, uint32_t line, uint32_t byte,
	struct bp_colstep *out)
{
	size_t lo = 0, hi = m->ncps, off = 0;
	uint32_t at_line = 0;
	struct bp_colstep at = line_start;

	/* the last checkpoint at or before the position */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct checkpoint *c = &m->cps[mid];
		if (c->line < line || (c->line == line && c->at.byte <= byte))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		at_line = m->cps[lo - 1].line;
		at = m->cps[lo - 1].at;
		off = m->cps[lo - 1].off;
	}
	while (off < m->code_len) {
		size_t next = off;
		uint64_t v = get_number(m, &next);
		struct bp_colstep s;
		uint32_t base = at.byte;
		if (v == 0) {
			uint32_t to = at_line + (uint32_t)get_number(m, &next);
			if (to > line)
				break;
			at_line = to;
			at = line_start;
			off = next;
			/* the first step of a line counts from byte 0 */
			v = get_number(m, &next);
			base = 0;
		}
		if (v == 1) {
			s.byte = base + (uint32_t)get_number(m, &next);
			s.width = (uint32_t)get_number(m, &next);
			s.col = (uint32_t)get_number(m, &next);
		} else {
			s.byte = base + (uint32_t)(v >> 2);
			s.width = (uint32_t)(v & 3) + 1;
			s.col = derived_col(&at, s.byte);
		}
		if (at_line == line && s.byte > byte)
			break;
		at = s;
		off = next;
	}
	*out = at_line == line ? at : line_start;
}

/* Moves the remembered line start to `line`; false when the file has
 * fewer lines. */
static bool
seek_line(struct bp_colmap *m, uint32_t line)
{
	bool same = m->parsed == m->src;

	if (line < m->seek_line) {
		m->seek_line = 1;
		m->seek_at = m->seek_parsed_at = 0;
	}
	while (m->seek_line < line) {
		size_t end = line_end(m->src, m->len, m->seek_at);
		if (end == m->len)
			return false;
		m->seek_at = end + 1;
		if (!same) {
			end = m->seek_parsed_at < m->parsed_len ?
			    line_end(m->parsed, m->parsed_len,
			    m->seek_parsed_at) : m->seek_parsed_at;
			m->seek_parsed_at = end + 1;
		}
		m->seek_line++;
	}
	return true;
}

/* The step in force at byte column `byte` of `line`, walking the line. */
static void
walked_step(struct bp_colmap *m, uint32_t line, uint32_t byte,
	struct bp_colstep *out)
{
	bool same = m->parsed == m->src;
	size_t end, pend = 0;
	struct bp_colwalk w;

	*out = line_start;
	if (!seek_line(m, line))
		return;
	end = line_end(m->src, m->len, m->seek_at);
	if (!same)
		pend = m->seek_parsed_at < m->parsed_len ? line_end(m->parsed,
		    m->parsed_len, m->seek_parsed_at) : m->seek_parsed_at;
	bp_colwalk_start(&w, byte);
	/* a line that does not add up keeps byte columns */
	if (bp_colwalk_line(&w, m->src + m->seek_at, end - m->seek_at,
	    same ? NULL : m->parsed + m->seek_parsed_at,
	    pend - m->seek_parsed_at))
		*out = w.at;
}

struct bp_pos
bp_colmap_pos(struct bp_colmap *m, struct bp_pos pos)
{
	struct bp_colstep s;

	if (pos.line == 0 || pos.col == 0)
		return pos;
	if (m->kept)
		coded_step(m, pos.line, pos.col, &s);
	else
		walked_step(m, pos.line, pos.col, &s);
	pos.col = derived_col(&s, pos.col);
	return pos;
}

/* --- one line's steps, unit by unit --- */

void
bp_colwalk_start(struct bp_colwalk *w, uint32_t target)
{
	*w = (struct bp_colwalk){ .at = line_start, .col = 1,
	    .target = target };
}

void
bp_colwalk_add(struct bp_colwalk *w, uint32_t byte, uint32_t parsed_bytes,
	uint32_t chars, uint32_t count)
{
	struct bp_colstep *s = &w->at;

	if (byte > w->target)
		return; /* past the column asked for: the step in force stays */
	/* a step is needed where the rule of the one before stops holding */
	if (parsed_bytes != s->width ||
	    byte - s->byte != (w->col - s->col) * s->width) {
		*s = (struct bp_colstep){ byte, w->col,
		    parsed_bytes ? parsed_bytes : 1 };
		if (w->map != NULL)
			code_step(w->map, w->line, s);
	}
	w->col += chars * count;
}
