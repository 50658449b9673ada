/* Columns as the author counts them: from a byte column of the text the
 * parsers read (normalised to NFC) to a character column of the file. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* From parsed byte column `byte` of `line` on, each parsed character of
 * `width` bytes is one character of the author's line, the first at
 * character column `col`.  Before a line's first step the line is ASCII,
 * a byte a character. */
struct step {
	uint32_t line, byte, col, width;
};

struct bp_colmap {
	struct step *steps;
	size_t n, cap;
	struct step at;  /* the builder's step, implicit or not */
	uint32_t col;    /* the author's column of the next character */
};

struct bp_colmap *
bp_colmap_new(void)
{
	return bp_xcalloc(1, sizeof(struct bp_colmap));
}

void
bp_colmap_free(struct bp_colmap *m)
{
	if (m == NULL)
		return;
	free(m->steps);
	free(m);
}

void
bp_colmap_line(struct bp_colmap *m, uint32_t line)
{
	m->at = (struct step){ line, 1, 1, 1 };
	m->col = 1;
}

void
bp_colmap_add(struct bp_colmap *m, uint32_t byte, uint32_t parsed_bytes,
	uint32_t chars, uint32_t count)
{
	struct step *s = &m->at;

	/* a step is needed where the rule of the one before stops holding */
	if (parsed_bytes != s->width ||
	    byte - s->byte != (m->col - s->col) * s->width) {
		*s = (struct step){ s->line, byte, m->col,
		    parsed_bytes ? parsed_bytes : 1 };
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 16;
			m->steps = bp_xreallocarray(m->steps, m->cap,
			    sizeof(*m->steps));
		}
		m->steps[m->n++] = *s;
	}
	m->col += chars * count;
}

size_t
bp_colmap_mark(const struct bp_colmap *m)
{
	return m->n;
}

void
bp_colmap_drop(struct bp_colmap *m, size_t mark)
{
	if (mark < m->n)
		m->n = mark;
}

struct bp_pos
bp_colmap_pos(const struct bp_colmap *m, struct bp_pos pos)
{
	size_t lo = 0, hi = m->n;
	const struct step *s;

	if (pos.line == 0 || pos.col == 0)
		return pos;
	/* the last step at or before the position */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct step *t = &m->steps[mid];
		if (t->line < pos.line || (t->line == pos.line &&
		    t->byte <= pos.col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || m->steps[lo - 1].line != pos.line)
		return pos;
	s = &m->steps[lo - 1];
	pos.col = s->col + (pos.col - s->byte) / s->width;
	return pos;
}
