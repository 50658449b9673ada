/* The resolve pass: numbers, ids, labels, cross-references, link order and
 * derived text, worked out once so that back-ends only print them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/buf.h"
#include "boardpaper/labels.h"
#include "internal.h"

struct label_entry {
	const char *label;
	struct bp_block *block;
};

struct resolver {
	struct bp_paper *paper;
	struct bp_diags *d;
	struct label_entry *labels;
	size_t nlabels, labels_cap;
	const struct bp_link **links;
	size_t nlinks, links_cap;
	int rank;               /* the last heading's rank; 1: the title */
	unsigned ntables;       /* tables numbered so far */
};

/* --- numbering ------------------------------------------------------ */

static bool
is_subpara_parent(const struct bp_block *b)
{
	return b != NULL && b->number != NULL &&
	    (b->type == BP_BLOCK_PARA ||
	    (b->type == BP_BLOCK_ITEM && b->parent != NULL &&
	    b->parent->list == BP_LIST_SUBPARA));
}

static void number_children(struct resolver *, struct bp_block *);

/* Numbers a list's items: under a numbered paragraph or sub-paragraph an
 * ordered list holds sub-paragraphs ("11.1"); elsewhere it counts 1, 2 ... */
static void
number_list(struct resolver *r, struct bp_block *list)
{
	struct bp_arena *a = r->paper->arena;
	const struct bp_block *owner = list->parent;
	unsigned k = 0, ordinary = list->start;

	if (list->list == BP_LIST_ORDERED && is_subpara_parent(owner))
		list->list = BP_LIST_SUBPARA;
	for (struct bp_block *item = list->child; item; item = item->next) {
		k++;
		if (list->list == BP_LIST_SUBPARA) {
			item->number = bp_arena_printf(a, "%s.%u",
			    owner->number, k);
			item->id = bp_arena_printf(a, "p%s", item->number);
		} else if (list->list == BP_LIST_ORDERED)
			/* an ordinary list keeps the start written in the
			 * source */
			item->number = bp_arena_printf(a, "%u", ordinary++);
		number_children(r, item);
	}
}

static void
number_chain(struct resolver *r, struct bp_block *b)
{
	for (; b; b = b->next) {
		if (b->type == BP_BLOCK_LIST)
			number_list(r, b);
		else if (b->type == BP_BLOCK_QUOTE || b->type == BP_BLOCK_PARA)
			number_children(r, b);
	}
}

static void
number_children(struct resolver *r, struct bp_block *parent)
{
	number_chain(r, parent->child);
}

/* Lists in footnotes count as ordinary lists. */
static void
number_notes(struct resolver *r)
{
	for (size_t i = 0; i < r->paper->nnotes; i++)
		number_chain(r, r->paper->notes[i].child);
}

/* Numbers the paragraphs, headings and sub-paragraphs of the body, and gives
 * headings their ids. */
static void
number_body(struct resolver *r)
{
	struct bp_arena *a = r->paper->arena;
	enum bp_numbering scheme = r->paper->meta.numbering;
	unsigned para = 0, section = 0;

	for (struct bp_block *s = r->paper->body; s; s = s->next) {
		bool headed = s->child && s->child->type == BP_BLOCK_HEADING;
		unsigned sub = 0;

		if (headed) {
			section++;
			s->child->id = bp_arena_printf(a, "s%u", section);
			if (scheme == BP_NUMBERING_SECTIONS) {
				s->child->number = bp_arena_printf(a, "%u",
				    section);
				para = 0;
			}
		}
		for (struct bp_block *b = s->child; b; b = b->next) {
			if (b->type == BP_BLOCK_HEADING && b != s->child)
				b->id = bp_arena_printf(a, "s%u.%u", section,
				    ++sub);
			if (b->type != BP_BLOCK_PARA)
				continue;
			if (scheme == BP_NUMBERING_CONTINUOUS)
				b->number = bp_arena_printf(a, "%u", ++para);
			else if (scheme == BP_NUMBERING_SECTIONS && headed)
				b->number = bp_arena_printf(a, "%u.%u",
				    section, ++para);
			if (b->number != NULL)
				b->id = bp_arena_printf(a, "p%s", b->number);
		}
		number_children(r, s);
	}
}

/* --- walking every block and every piece of text ------------------- */

/* Heading ranks, for every back-end's outline: HTML's h2-h6 and the
 * tagged PDF's H2-H6, which may never skip a level. */
static void
rank_heading(struct resolver *r, struct bp_block *b)
{
	int rank = b->level <= 2 ? 2 : b->level;

	if (b->type != BP_BLOCK_HEADING)
		return;
	if (rank > r->rank + 1)
		rank = r->rank + 1;
	if (rank > 6)
		rank = 6;
	b->rank = r->rank = rank;
}

typedef void (*block_fn)(struct resolver *, struct bp_block *);
typedef void (*text_fn)(struct resolver *, struct bp_text *);

/* Tables are numbered once, here, so that a back-end naming "Table 3"
 * (HTML's region labels and caption ids) need not count them itself. */
static void
number_table(struct resolver *r, struct bp_block *b)
{
	if (b->type == BP_BLOCK_TABLE)
		b->u.table.number = ++r->ntables;
}

/* Depth is bounded: the parser refuses nesting beyond BP_MAX_DEPTH. */
static void
walk_blocks(struct resolver *r, struct bp_block *b, block_fn fn)
{
	for (; b != NULL; b = b->next) {
		fn(r, b);
		walk_blocks(r, b->child, fn);
	}
}

static void
walk_block_texts(struct resolver *r, struct bp_block *b, text_fn fn)
{
	for (; b != NULL; b = b->next) {
		if (b->type == BP_BLOCK_HEADING || b->type == BP_BLOCK_PARA)
			fn(r, &b->text);
		if (b->type == BP_BLOCK_TABLE) {
			struct bp_table *t = &b->u.table;
			fn(r, &t->caption);
			for (size_t i = 0; i < t->nrows * t->ncols; i++)
				fn(r, &t->cells[i]);
		}
		walk_block_texts(r, b->child, fn);
	}
}

/* Every text of the paper, in reading order: the cover (the house
 * style's fields after the built-in ones), the body, then the background
 * papers. */
static void
walk_texts(struct resolver *r, text_fn fn)
{
	struct bp_meta *m = &r->paper->meta;

	fn(r, &m->title);
	fn(r, &m->board);
	fn(r, &m->confidential_reason);
	fn(r, &m->purpose);
	fn(r, &m->summary);
	for (size_t i = 0; i < m->nrecommendations; i++)
		fn(r, &m->recommendations[i]);
	fn(r, &m->action);
	for (size_t i = 0; i < r->paper->nfields; i++)
		for (size_t k = 0; k < r->paper->fields[i].nvalues; k++)
			fn(r, &r->paper->fields[i].values[k]);
	walk_block_texts(r, r->paper->body, fn);
	for (size_t i = 0; i < m->nbackground_papers; i++)
		fn(r, &m->background_papers[i]);
	for (size_t i = 0; i < r->paper->nnotes; i++)
		walk_block_texts(r, r->paper->notes[i].child, fn);
}

/* "11." for a whole number, "11.2" otherwise, as the corpus papers print
 * them: worked out here so that every back-end prints the same. */
static void
set_printed(struct resolver *r, struct bp_block *b)
{
	if (b->number == NULL)
		return;
	b->printed = strchr(b->number, '.') != NULL ? b->number :
	    bp_arena_printf(r->paper->arena, "%s.", b->number);
}

/* --- labels --------------------------------------------------------- */

static void
collect_label(struct resolver *r, struct bp_block *b)
{
	if (b->label == NULL)
		return;
	if (r->nlabels == r->labels_cap) {
		r->labels_cap = r->labels_cap ? r->labels_cap * 2 : 16;
		r->labels = bp_xreallocarray(r->labels,
		    r->labels_cap, sizeof(*r->labels));
	}
	r->labels[r->nlabels].label = b->label;
	r->labels[r->nlabels].block = b;
	r->nlabels++;
	if (b->id == NULL)
		b->id = bp_arena_printf(r->paper->arena, "x-%s", b->label);
}

static int
compare_labels(const void *x, const void *y)
{
	const struct label_entry *a = x, *b = y;
	int c = strcmp(a->label, b->label);

	if (c != 0)
		return c;
	if (a->block->pos.line != b->block->pos.line)
		return a->block->pos.line < b->block->pos.line ? -1 : 1;
	return 0;
}

/* Sorts the labels for lookup; a label defined twice is an error. */
static void
index_labels(struct resolver *r)
{
	if (r->nlabels > 1)
		qsort(r->labels, r->nlabels, sizeof(*r->labels),
		    compare_labels);
	for (size_t i = 1; i < r->nlabels; i++) {
		const struct label_entry *prev = &r->labels[i - 1];
		const struct label_entry *cur = &r->labels[i];
		if (strcmp(prev->label, cur->label) == 0)
			bp_diag(r->d, cur->block->pos, BP_E_LABEL_DUPLICATE,
			    cur->label, (unsigned)prev->block->pos.line);
	}
}

static struct bp_block *
find_label(const struct resolver *r, const char *label)
{
	size_t lo = 0, hi = r->nlabels;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(label, r->labels[mid].label);
		if (c == 0)
			return r->labels[mid].block;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* --- references and links ------------------------------------------- */

/* The plain text of runs; REF runs not yet resolved count as nothing, and
 * footnote references are not part of the words. */
static char *
plain_of(struct bp_arena *a, const struct bp_text *t)
{
	struct bp_buf b = BP_BUF_INIT;
	char *s;

	for (size_t i = 0; i < t->nruns; i++) {
		if (t->runs[i].type == BP_RUN_NOTE)
			continue;
		if (t->runs[i].type == BP_RUN_BREAK)
			bp_buf_putc(&b, ' ');
		else
			bp_buf_put(&b, t->runs[i].text, t->runs[i].len);
	}
	s = bp_arena_strndup(a, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

/* What a reference with no link text reads as. */
static const char *
reference_text(struct resolver *r, const struct bp_block *target,
	const struct bp_run *run)
{
	if (target->number != NULL)
		return target->number;
	if (target->type == BP_BLOCK_HEADING)
		return plain_of(r->paper->arena, &target->text);
	bp_diag(r->d, run->pos, BP_E_LABEL_UNNUMBERED, run->link->label);
	return "??";
}

static void
resolve_run(struct resolver *r, struct bp_run *run, bool first_of_link)
{
	struct bp_link *link = run->link;

	if (link == NULL)
		return;
	if (link->type == BP_LINK_URL) {
		if (first_of_link) {
			if (r->nlinks == r->links_cap) {
				r->links_cap = r->links_cap ?
				    r->links_cap * 2 : 16;
				r->links = bp_xreallocarray(r->links,
				    r->links_cap, sizeof(*r->links));
			}
			r->links[r->nlinks++] = link;
			link->index = (unsigned)r->nlinks;
		}
		return;
	}
	if (first_of_link) {
		link->target = find_label(r, link->label);
		if (link->target == NULL)
			bp_diag(r->d, link->pos, BP_E_LABEL_UNKNOWN,
			    link->label);
	}
	if (run->type == BP_RUN_REF) {
		run->text = link->target == NULL ? "??" :
		    reference_text(r, link->target, run);
		run->len = strlen(run->text);
	}
}

/* Whether the runs of the link starting at run `first` read exactly `s`. */
static bool
link_reads(const struct bp_text *t, size_t first, const char *s)
{
	const struct bp_link *l = t->runs[first].link;
	size_t n = strlen(s), off = 0;

	for (size_t i = first; i < t->nruns && t->runs[i].link == l; i++) {
		const struct bp_run *run = &t->runs[i];
		if (run->len > n - off || memcmp(s + off, run->text, run->len))
			return false;
		off += run->len;
	}
	return off == n;
}

static void
resolve_text_links(struct resolver *r, struct bp_text *t)
{
	const struct bp_link *prev = NULL;

	for (size_t i = 0; i < t->nruns; i++) {
		struct bp_link *l = t->runs[i].link;
		resolve_run(r, &t->runs[i], l != prev);
		if (l != NULL && l != prev && l->type == BP_LINK_URL)
			l->text_is_url = link_reads(t, i, l->url) ||
			    (strncmp(l->url, "mailto:", 7) == 0 &&
			    link_reads(t, i, l->url + 7));
		prev = l;
	}
}

/* Each footnote learns its first reference, for the link back to it. */
static void
find_note_refs(struct resolver *r, struct bp_text *t)
{
	for (size_t i = 0; i < t->nruns; i++) {
		const struct bp_run *run = &t->runs[i];
		struct bp_footnote *f;
		if (run->type != BP_RUN_NOTE)
			continue;
		f = &r->paper->notes[run->note->number - 1];
		if (f->ref == NULL)
			f->ref = run;
	}
}

static void
set_plain(struct resolver *r, struct bp_text *t)
{
	t->plain = plain_of(r->paper->arena, t);
}

static void
publish_links(struct resolver *r)
{
	const struct bp_link **links;

	r->paper->nlinks = r->nlinks;
	if (r->nlinks == 0)
		return;
	links = bp_arena_alloc(r->paper->arena, r->nlinks * sizeof(*links));
	memcpy(links, r->links, r->nlinks * sizeof(*links));
	r->paper->links = links;
}

/* --- derived text ---------------------------------------------------- */

/* A label template filled with `args`, as a string of the paper's. */
static const char *
filled(struct bp_paper *p, enum bp_label label, const char *const *args,
	size_t nargs)
{
	struct bp_buf b = BP_BUF_INIT;
	const char *s;

	bp_label_fill(&b, p->labels->text[label], args, nargs);
	s = bp_arena_strndup(p->arena, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

const char *
bp_date_text(struct bp_arena *a, const struct bp_labels *labels,
	const struct bp_date *date)
{
	struct bp_buf b = BP_BUF_INIT;
	char day[16], year[16];
	const char *args[3] = { day, labels->text[BP_LABEL_JANUARY +
	    date->month - 1], year };
	const char *s;

	snprintf(day, sizeof(day), "%d", date->day);
	snprintf(year, sizeof(year), "%d", date->year);
	bp_label_fill(&b, labels->text[BP_LABEL_DATE], args, 3);
	s = bp_arena_strndup(a, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

/* The words the header and cover print that depend on the paper: the
 * meeting date in its language, "Item 7", the recommendations' numbers. */
static void
derive_meta_text(struct bp_paper *p)
{
	struct bp_meta *m = &p->meta;

	if (p->labels == NULL)
		p->labels = bp_labels_for(m->lang);
	if (m->has_meeting)
		m->meeting_text = bp_date_text(p->arena, p->labels,
		    &m->meeting);
	if (m->item != NULL)
		m->item_text = filled(p, BP_LABEL_ITEM, &m->item, 1);
	if (!m->recommendations_list || m->nrecommendations == 0)
		return;
	m->recommendation_numbers = bp_arena_alloc(p->arena,
	    m->nrecommendations * sizeof(*m->recommendation_numbers));
	for (size_t i = 0; i < m->nrecommendations; i++)
		m->recommendation_numbers[i] = bp_arena_printf(p->arena,
		    "%zu.", i + 1);
}

void
bp_resolve(struct bp_paper *paper, struct bp_diags *d)
{
	struct resolver r;

	memset(&r, 0, sizeof(r));
	r.paper = paper;
	r.d = d;
	number_body(&r);
	number_notes(&r);
	walk_blocks(&r, paper->body, set_printed);
	r.rank = 1;
	walk_blocks(&r, paper->body, rank_heading);
	walk_blocks(&r, paper->body, collect_label);
	walk_blocks(&r, paper->body, number_table);
	for (size_t i = 0; i < paper->nnotes; i++) {
		walk_blocks(&r, paper->notes[i].child, set_printed);
		walk_blocks(&r, paper->notes[i].child, collect_label);
		walk_blocks(&r, paper->notes[i].child, number_table);
	}
	index_labels(&r);
	walk_texts(&r, resolve_text_links);
	walk_texts(&r, set_plain);
	walk_texts(&r, find_note_refs);
	publish_links(&r);
	derive_meta_text(paper);
	free(r.labels);
	free(r.links);
}
