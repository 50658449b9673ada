/* The neutral paragraph list the import readers fill and the recogniser reads. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

struct bp_imp_doc *
bp_imp_doc_new(void)
{
	struct bp_imp_doc *doc = bp_xcalloc(1, sizeof(*doc));

	doc->arena = bp_arena_new();
	return doc;
}

void
bp_imp_doc_free(struct bp_imp_doc *doc)
{
	if (doc == NULL)
		return;
	bp_arena_free(doc->arena);
	free(doc);
}

/* Grows an array in the arena: the old copy stays in the arena until the
 * end, which doubling keeps to at most as much again. */
void *
bp_imp_grow(struct bp_imp_doc *doc, void *old, size_t n, size_t *cap, size_t size)
{
	size_t want = *cap ? *cap * 2 : 8;
	void *p;

	if (n < *cap)
		return old;
	if (want > SIZE_MAX / size) {
		fputs("boardpaper: out of memory\n", stderr);
		exit(1);
	}
	p = bp_arena_alloc(doc->arena, want * size);
	if (n > 0)
		memcpy(p, old, n * size);
	*cap = want;
	return p;
}

struct bp_imp_para *
bp_imp_para_add(struct bp_imp_doc *doc, struct bp_imp_para **list, size_t *n,
	size_t *cap)
{
	struct bp_imp_para *p;

	*list = bp_imp_grow(doc, *list, *n, cap, sizeof(**list));
	p = &(*list)[(*n)++];
	memset(p, 0, sizeof(*p));
	p->style = "";
	p->num_level = -1;
	p->alt = "";
	return p;
}

struct bp_imp_run *
bp_imp_run_add(struct bp_imp_doc *doc, struct bp_imp_para *p,
	const char *text, size_t len, unsigned style)
{
	struct bp_imp_run *r;

	p->runs = bp_imp_grow(doc, p->runs, p->nruns, &p->runs_cap, sizeof(*r));
	r = &p->runs[p->nruns++];
	memset(r, 0, sizeof(*r));
	r->text = bp_arena_strndup(doc->arena, text, len);
	r->style = style;
	return r;
}

void
bp_imp_bookmark_add(struct bp_imp_doc *doc, struct bp_imp_para *p,
	const char *name)
{
	p->bookmarks = bp_imp_grow(doc, (void *)p->bookmarks, p->nbookmarks,
	    &p->bookmarks_cap, sizeof(*p->bookmarks));
	p->bookmarks[p->nbookmarks++] = bp_arena_strdup(doc->arena, name);
}

char *
bp_imp_plain(struct bp_imp_doc *doc, const struct bp_imp_para *p)
{
	struct bp_buf b = BP_BUF_INIT;
	char *s;

	for (size_t i = 0; i < p->nruns; i++)
		bp_buf_puts(&b, p->runs[i].is_break ? " " : p->runs[i].text);
	s = bp_arena_strndup(doc->arena, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

static bool
has_break(const struct bp_imp_para *p)
{
	if (p->kind != BP_IMP_PARA)
		return false;
	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].is_break)
			return true;
	return false;
}

/* Appends the lines of `p` to the list: its runs between breaks, each
 * line a copy of the paragraph (the first keeps its bookmarks and its
 * number).  Lines with no runs are left out. */
static void
add_lines(struct bp_imp_doc *doc, const struct bp_imp_para *p,
	struct bp_imp_para **list, size_t *n, size_t *cap)
{
	size_t from = 0;
	bool first = true;

	for (size_t i = 0; i <= p->nruns; i++) {
		if (i < p->nruns && !p->runs[i].is_break)
			continue;
		if (i > from) {
			struct bp_imp_para *l = bp_imp_para_add(doc, list, n,
			    cap);
			*l = *p;
			/* a copy's runs are its own once it grows */
			l->runs = p->runs + from;
			l->nruns = l->runs_cap = i - from;
			if (!first) {
				l->after_break = true;
				l->num_level = -1;
				l->num_id = 0;
				l->num_fmt = BP_IMP_NUM_NONE;
				l->bookmarks = NULL;
				l->nbookmarks = l->bookmarks_cap = 0;
			}
			first = false;
		}
		from = i + 1;
	}
}

static bool
split_list(struct bp_imp_doc *doc, struct bp_imp_para **list, size_t *n,
	size_t *cap, size_t end)
{
	struct bp_imp_para *out = NULL;
	size_t nout = 0, outcap = 0;
	bool any = false;

	for (size_t i = 0; i < end && i < *n && !any; i++)
		any = has_break(&(*list)[i]);
	if (!any)
		return false;
	for (size_t i = 0; i < *n; i++) {
		const struct bp_imp_para *p = &(*list)[i];
		if (i < end && has_break(p))
			add_lines(doc, p, &out, &nout, &outcap);
		else
			*bp_imp_para_add(doc, &out, &nout, &outcap) = *p;
	}
	*list = out;
	*n = nout;
	*cap = outcap;
	return true;
}

bool
bp_imp_split_lines(struct bp_imp_doc *doc, size_t end)
{
	bool split = false;

	for (size_t i = 0; i < end && i < doc->nparas; i++) {
		struct bp_imp_table *t = &doc->paras[i].table;
		if (doc->paras[i].kind != BP_IMP_TABLE)
			continue;
		for (size_t c = 0; c < t->nrows * t->ncols; c++) {
			struct bp_imp_cell *cell = &t->cells[c];
			split |= split_list(doc, &cell->paras,
			    &cell->nparas, &cell->cap, cell->nparas);
		}
	}
	split |= split_list(doc, &doc->paras, &doc->nparas, &doc->cap, end);
	return split;
}

/* A bullet Word writes at a line's start: "•", "o", "§", "-" + a tab. */
size_t
bp_imp_bullet_prefix(const char *s, size_t len)
{
	static const char *const bullets[] = { "\xe2\x80\xa2", "\xc2\xb7",
		"\xe2\x96\xaa", "\xef\x82\xb7", "o", "-", "*", "\xc2\xa7" };

	for (size_t i = 0; i < sizeof(bullets) / sizeof(*bullets); i++) {
		size_t n = strlen(bullets[i]);
		if (len > n && memcmp(s, bullets[i], n) == 0 &&
		    (s[n] == '\t' || (s[n] == ' ' && n > 1)))
			return n + 1;
	}
	return 0;
}

/* Bullets typed as text ("•" and a tab) become bullet items. */
void
bp_imp_find_typed_bullets(struct bp_imp_doc *doc)
{
	for (size_t i = 0; i < doc->nparas; i++) {
		struct bp_imp_para *p = &doc->paras[i];
		size_t n;
		if (p->kind != BP_IMP_PARA || p->num_fmt != BP_IMP_NUM_NONE ||
		    p->nruns == 0)
			continue;
		n = bp_imp_bullet_prefix(p->runs[0].text,
		    strlen(p->runs[0].text));
		if (n == 0)
			continue;
		p->num_fmt = BP_IMP_NUM_BULLET;
		p->num_level = 0;
		p->runs[0].text += n;
		while (*p->runs[0].text == ' ' || *p->runs[0].text == '\t')
			p->runs[0].text++;
	}
}

static size_t
tabs_in(const struct bp_imp_para *p)
{
	size_t n = 0;

	if (p->kind != BP_IMP_PARA || p->num_fmt != BP_IMP_NUM_NONE ||
	    p->outline > 0 || p->nruns != 1 || p->runs[0].style != 0 ||
	    p->runs[0].url != NULL || p->runs[0].anchor != NULL ||
	    isdigit((unsigned char)p->runs[0].text[0]))
		return 0; /* a list item, a heading, a typed number */
	for (const char *c = p->runs[0].text; *c; c++)
		n += *c == '\t';
	return n;
}

/* One row's cells: the line split at its tabs (a run of tabs is one
 * separator: Word pads with them). */
static void
split_row(struct bp_imp_doc *doc, const struct bp_imp_para *line,
	struct bp_imp_cell *cells, size_t ncols)
{
	const char *s = line->runs[0].text;

	for (size_t c = 0; c < ncols; c++) {
		const char *e = strchr(s, '\t');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		struct bp_imp_para *p = bp_imp_para_add(doc, &cells[c].paras,
		    &cells[c].nparas, &cells[c].cap);
		p->line = line->line;
		bp_imp_run_add(doc, p, s, len, 0);
		s += len;
		while (*s == '\t')
			s++;
	}
}

static size_t
cells_in(const struct bp_imp_para *p)
{
	size_t n = 1;
	const char *c = p->runs[0].text;

	while ((c = strchr(c, '\t')) != NULL) {
		while (*c == '\t')
			c++;
		n += *c != '\0';
	}
	return n;
}

/* Consecutive lines with the same number of tabs are the rows of a table,
 * as Word saves one. */
void
bp_imp_find_text_tables(struct bp_imp_doc *doc)
{
	struct bp_imp_para *old = doc->paras, *p;
	size_t n = doc->nparas;

	doc->paras = NULL;
	doc->nparas = doc->cap = 0;
	for (size_t i = 0; i < n;) {
		size_t tabs = tabs_in(&old[i]), j = i + 1;
		while (tabs > 0 && j < n && tabs_in(&old[j]) == tabs &&
		    old[j].line == old[j - 1].line + 1 &&
		    cells_in(&old[j]) == cells_in(&old[i]))
			j++;
		p = bp_imp_para_add(doc, &doc->paras, &doc->nparas, &doc->cap);
		if (j - i < 2 || cells_in(&old[i]) < 2) {
			*p = old[i++];
			continue;
		}
		p->kind = BP_IMP_TABLE;
		p->line = old[i].line;
		p->table.nrows = j - i;
		p->table.ncols = cells_in(&old[i]);
		p->table.cells = bp_arena_alloc(doc->arena, p->table.nrows *
		    p->table.ncols * sizeof(*p->table.cells));
		for (size_t r = 0; r < p->table.nrows; r++)
			split_row(doc, &old[i + r], p->table.cells + r *
			    p->table.ncols, p->table.ncols);
		i = j;
	}
}

