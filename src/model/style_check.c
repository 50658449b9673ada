/* A paper against its house style, after resolve: the words of its
 * extra fields in the paper's language, and its required sections. */
#include <string.h>

#include "boardpaper/labels.h"
#include "boardpaper/style.h"
#include "internal.h"

/* A text of one run, made by us (never Markdown). */
static void
set_words(struct bp_paper *p, struct bp_field *f, const char *words)
{
	struct bp_run *run = bp_arena_alloc(p->arena, sizeof(*run));

	run->type = BP_RUN_TEXT;
	run->text = words;
	run->len = strlen(words);
	run->pos = f->pos;
	f->values = bp_arena_alloc(p->arena, sizeof(*f->values));
	f->values[0].runs = run;
	f->values[0].nruns = 1;
	f->values[0].plain = words;
	f->values[0].pos = f->pos;
	f->nvalues = 1;
}

static void
derive_field_words(struct bp_paper *p)
{
	for (size_t i = 0; i < p->nfields; i++) {
		struct bp_field *f = &p->fields[i];
		f->label = bp_style_field_label(p->style, f->def, p->meta.lang);
		if (f->def->type == BP_FIELD_YESNO)
			set_words(p, f, p->labels->text[f->yes ? BP_LABEL_YES :
			    BP_LABEL_NO]);
		else if (f->def->type == BP_FIELD_DATE)
			set_words(p, f, bp_date_text(p->arena, p->labels,
			    &f->date));
	}
}

/* Headings match when their words do, in any case and spacing. */
static bool
same_heading(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return false;
		a++;
		b++;
	}
}

/* The first top-level heading (# or ##) whose words are `title`. */
static const struct bp_block *
find_section(const struct bp_paper *p, const char *title)
{
	for (const struct bp_block *s = p->body; s != NULL; s = s->next) {
		const struct bp_block *h = s->child;
		if (h != NULL && h->type == BP_BLOCK_HEADING &&
		    h->text.plain != NULL && same_heading(h->text.plain, title))
			return h;
	}
	return NULL;
}

/* The last line of the body: where a missing section was due. */
static struct bp_pos
end_of_body(const struct bp_paper *p)
{
	struct bp_pos pos = { 0, 0 };

	for (const struct bp_block *s = p->body; s != NULL; s = s->next)
		for (const struct bp_block *b = s->child; b; b = b->next)
			if (b->pos.line > pos.line)
				pos = b->pos;
	return pos;
}

/* Each required section must be there, after the one before it.  A
 * missing one is reported where the next required one starts (or at the
 * end of the body); a misplaced one at its own heading. */
static void
check_sections(struct bp_paper *p, struct bp_diags *d)
{
	const struct bp_house_style *s = p->style;
	const struct bp_block *last = NULL;
	size_t last_i = 0;

	for (size_t i = 0; i < s->nsections; i++) {
		const struct bp_style_section *r = &s->sections[i];
		const struct bp_block *h = find_section(p, r->title);
		if (h == NULL) {
			struct bp_pos at = end_of_body(p);
			for (size_t k = i + 1; k < s->nsections; k++) {
				const struct bp_block *n = find_section(p,
				    s->sections[k].title);
				if (n != NULL) {
					at = n->pos;
					break;
				}
			}
			bp_diag(d, at, BP_E_SECTION_MISSING, r->title, r->file,
			    (unsigned)r->pos.line, (unsigned)r->pos.col);
			continue;
		}
		if (last != NULL && h->pos.line < last->pos.line)
			bp_diag(d, h->pos, BP_E_SECTION_ORDER, r->title,
			    s->sections[last_i].title,
			    (unsigned)last->pos.line, r->file,
			    (unsigned)r->pos.line, (unsigned)r->pos.col);
		else {
			last = h;
			last_i = i;
		}
	}
}

void
bp_style_check(struct bp_paper *p, struct bp_diags *d)
{
	derive_field_words(p);
	check_sections(p, d);
}
