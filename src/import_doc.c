/* The neutral paragraph list the import readers fill and the recogniser reads. */
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
