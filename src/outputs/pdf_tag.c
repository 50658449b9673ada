/* The structure tree of tagged PDF: elements opened in reading order during
 * layout, marked content given its ids while drawing, then the tree, its
 * ParentTree and the XMP metadata written into the document (see
 * pdf_tag.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HPDF_SHARED /* the public API; internals go through pdf_hpdf.c */
#include <hpdf.h>

#include "internal.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_tag.h"

const char *const pdf_sr_names[PDF_SR__MAX] = {
	[PDF_SR_DOCUMENT] = "Document", [PDF_SR_PART] = "Part",
	[PDF_SR_H1] = "H1", [PDF_SR_H2] = "H2", [PDF_SR_H3] = "H3",
	[PDF_SR_H4] = "H4", [PDF_SR_H5] = "H5", [PDF_SR_H6] = "H6",
	[PDF_SR_P] = "P", [PDF_SR_L] = "L", [PDF_SR_LI] = "LI",
	[PDF_SR_LBL] = "Lbl", [PDF_SR_LBODY] = "LBody",
	[PDF_SR_TABLE] = "Table", [PDF_SR_THEAD] = "THead",
	[PDF_SR_TBODY] = "TBody", [PDF_SR_TR] = "TR", [PDF_SR_TH] = "TH",
	[PDF_SR_TD] = "TD", [PDF_SR_CAPTION] = "Caption",
	[PDF_SR_FIGURE] = "Figure", [PDF_SR_LINK] = "Link",
	[PDF_SR_BLOCKQUOTE] = "BlockQuote", [PDF_SR_CODE] = "Code",
	[PDF_SR_NOTE] = "Note", [PDF_SR_REFERENCE] = "Reference",
	[PDF_SR_SPAN] = "Span",
};

enum kid_kind {
	KID_ELEM,   /* a child element */
	KID_MC,     /* a segment: marked content on a page */
	KID_OBJR    /* an annotation */
};

/* Indices within the tree, in 32 bits: they halve its arrays, which a
 * long paper holds through its drawing (a paper within the input limits
 * has far fewer than 2^32 - 1 of anything). */
typedef uint32_t ix;
#define IX_NONE UINT32_MAX

static size_t
ix_out(ix v)
{
	return v == IX_NONE ? PDF_TAG_NONE : v;
}

static ix
ix_in(size_t v)
{
	return v == PDF_TAG_NONE ? IX_NONE : (ix)v;
}

/* One a line of text too, so 8 bytes: the kind in the index's top bits. */
#define REF_BITS 30

struct kid {
	unsigned ref : REF_BITS; /* ELEM: element; MC: segment; OBJR: annotation */
	unsigned kind : 2;       /* enum kid_kind */
	ix next;                 /* the element's next kid, or IX_NONE */
};

struct elem {
	ix parent;           /* IX_NONE for the Document */
	ix kid0, kidn;       /* first and last kid, or IX_NONE */
	uint8_t role;        /* enum pdf_sr */
	bool has_bbox;       /* Figure */
	const char *alt;     /* Figure: the model's alt text */
	const struct bp_link *link; /* Link */
	struct bp_buf *text; /* Link: its text, for the annotations */
	double bbox[4];      /* points: x0 y0 x1 y1 */
};

/* One a line of text, so kept to 28 bytes: its layout an index into
 * pdf_tags.lays and its page that of its mark. */
struct seg {
	ix lay;               /* the item's, in pdf_tags.lays */
	ix elem;
	ix item;
	ix frag0, nfrags;     /* within the item */
	ix mark;              /* once marked: its index in pdf_tags.marks */
	int32_t mcid;         /* -1 until marked */
};

struct mark {
	ix page;
	ix elem;
	ix seg;
};

struct annot {
	size_t elem;
	void *obj;
	size_t page;
};

struct pdf_tags {
	struct elem *elems;
	size_t nelems, elems_cap;
	struct kid *kids;
	size_t nkids, kids_cap;
	struct seg *segs;
	size_t nsegs, segs_cap;
	struct mark *marks;   /* every MCID in drawing order */
	size_t nmarks, marks_cap;
	struct annot *annots;
	size_t nannots, annots_cap;
	const struct pdf_layout **lays; /* the layouts segments are of */
	size_t nlays, lays_cap;
	size_t *note_elems;   /* pdf_tag_notes: by note number - 1 */
	size_t nnote_elems;
	size_t cur;           /* the open element */
	size_t page;          /* the page being marked */
	int next_mcid;        /* its next MCID */
};

/* Makes room for one more of n elements of `size` bytes. */
static void *
grow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	if (n >= (size_t)1 << REF_BITS)
		abort(); /* past every input limit: see ix and kid */
	*cap = *cap ? *cap * 2 : 64;
	return bp_xreallocarray(p, *cap, size);
}

#define GROW(t, arr, n, cap) \
	((t)->arr = grow((t)->arr, (t)->n, &(t)->cap, sizeof(*(t)->arr)))

static void
add_kid(struct pdf_tags *t, size_t elem, enum kid_kind kind, size_t ref)
{
	struct elem *e = &t->elems[elem];
	size_t k;

	GROW(t, kids, nkids, kids_cap);
	k = t->nkids++;
	t->kids[k] = (struct kid){ (unsigned)ref, (unsigned)kind, IX_NONE };
	if (e->kidn == IX_NONE)
		e->kid0 = (ix)k;
	else
		t->kids[e->kidn].next = (ix)k;
	e->kidn = (ix)k;
}

static size_t
new_elem(struct pdf_tags *t, enum pdf_sr role, size_t parent)
{
	size_t i;

	GROW(t, elems, nelems, elems_cap);
	i = t->nelems++;
	memset(&t->elems[i], 0, sizeof(t->elems[i]));
	t->elems[i].role = (uint8_t)role;
	t->elems[i].parent = ix_in(parent);
	t->elems[i].kid0 = t->elems[i].kidn = IX_NONE;
	if (parent != PDF_TAG_NONE)
		add_kid(t, parent, KID_ELEM, i);
	return i;
}

struct pdf_tags *
pdf_tags_new(void)
{
	struct pdf_tags *t = bp_xcalloc(1, sizeof(*t));

	t->cur = new_elem(t, PDF_SR_DOCUMENT, PDF_TAG_NONE);
	t->page = PDF_TAG_NONE;
	return t;
}

void
pdf_tags_free(struct pdf_tags *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nelems; i++)
		if (t->elems[i].text != NULL) {
			bp_buf_free(t->elems[i].text);
			free(t->elems[i].text);
		}
	free(t->elems);
	free(t->kids);
	free(t->segs);
	free(t->marks);
	free(t->annots);
	free(t->lays);
	free(t);
}

void
pdf_tags_trim(struct pdf_tags *t)
{
	if (t->nkids > 0) {
		t->kids = bp_xreallocarray(t->kids, t->nkids, sizeof(*t->kids));
		t->kids_cap = t->nkids;
	}
	if (t->nelems > 0) {
		t->elems = bp_xreallocarray(t->elems, t->nelems,
		    sizeof(*t->elems));
		t->elems_cap = t->nelems;
	}
	if (t->nsegs > 0) {
		t->segs = bp_xreallocarray(t->segs, t->nsegs, sizeof(*t->segs));
		t->segs_cap = t->nsegs;
	}
	/* each segment is marked once at most */
	if (t->nsegs > t->marks_cap) {
		t->marks = bp_xreallocarray(t->marks, t->nsegs,
		    sizeof(*t->marks));
		t->marks_cap = t->nsegs;
	}
}

/* --- building ------------------------------------------------------------ */

size_t
pdf_tag_open(struct pdf_tags *t, enum pdf_sr role)
{
	return t->cur = new_elem(t, role, t->cur);
}

void
pdf_tag_close(struct pdf_tags *t)
{
	if (t->elems[t->cur].parent != IX_NONE)
		t->cur = t->elems[t->cur].parent;
}

size_t
pdf_tag_current(const struct pdf_tags *t)
{
	return t->cur;
}

void
pdf_tag_reopen(struct pdf_tags *t, size_t elem)
{
	t->cur = elem;
}

void
pdf_tag_notes(struct pdf_tags *t, size_t *elems, size_t n)
{
	t->note_elems = elems;
	t->nnote_elems = elems != NULL ? n : 0;
}

/* A footnote reference's Reference and the Link in it, the Link's text
 * (its annotation's /Contents) the note's first paragraph: where it
 * leads, which the number alone does not say. */
static size_t
note_link_elem(struct pdf_tags *t, const struct bp_run *run)
{
	size_t e = new_elem(t, PDF_SR_LINK, new_elem(t, PDF_SR_REFERENCE,
	    t->cur));
	const struct bp_block *first = run->note != NULL ? run->note->child :
	    NULL;

	t->elems[e].text = bp_xcalloc(1, sizeof(struct bp_buf));
	bp_buf_init(t->elems[e].text);
	if (first != NULL && first->type == BP_BLOCK_PARA &&
	    first->text.plain != NULL && first->text.plain[0] != '\0')
		bp_buf_puts(t->elems[e].text, first->text.plain);
	else
		bp_buf_put(t->elems[e].text, run->text, run->len);
	return e;
}

/* The Note elements of the notes first referenced in a line, after the
 * line: where the note is drawn (render_pdf.c draws a page's notes after
 * the line that refers to them), so that the tree reads as the page. */
static void
open_line_notes(struct pdf_tags *t, const struct bp_frag *frags, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct bp_run *run = frags[i].run;
		size_t k = run->type == BP_RUN_NOTE && run->note != NULL ?
		    run->note->number - 1 : SIZE_MAX;
		if (k < t->nnote_elems && t->note_elems[k] == PDF_TAG_NONE)
			t->note_elems[k] = new_elem(t, PDF_SR_NOTE, t->cur);
	}
}

enum pdf_sr
pdf_sr_heading(int rank)
{
	if (rank < 1)
		rank = 1;
	if (rank > 6)
		rank = 6;
	return (enum pdf_sr)(PDF_SR_H1 + rank - 1);
}

void
pdf_tag_set_alt(struct pdf_tags *t, size_t elem, const char *alt)
{
	t->elems[elem].alt = alt;
}

/* A layout's index in t->lays: a few of them at most (a pack's front
 * sheet and items), most often the last. */
static size_t
lay_index(struct pdf_tags *t, const struct pdf_layout *l)
{
	for (size_t i = t->nlays; i-- > 0;)
		if (t->lays[i] == l)
			return i;
	GROW(t, lays, nlays, lays_cap);
	t->lays[t->nlays] = l;
	return t->nlays++;
}

static const struct pdf_layout *
seg_lay(const struct pdf_tags *t, const struct seg *s)
{
	return t->lays[s->lay];
}

/* The page a segment was marked on (only once it is). */
static size_t
seg_page(const struct pdf_tags *t, const struct seg *s)
{
	return t->marks[s->mark].page;
}

static size_t
new_seg(struct pdf_tags *t, size_t elem, const struct pdf_layout *l,
	size_t item, size_t frag0)
{
	ix lay = (ix)lay_index(t, l);
	size_t s;

	GROW(t, segs, nsegs, segs_cap);
	s = t->nsegs++;
	t->segs[s] = (struct seg){ lay, (ix)elem, (ix)item, (ix)frag0, 0,
	    IX_NONE, -1 };
	add_kid(t, elem, KID_MC, s);
	return s;
}

/* The element `parent` ends with, when it is a `role` (for a Link, of
 * `link`): the one a stretch that goes on from the line before goes
 * into. */
static size_t
last_elem(const struct pdf_tags *t, size_t parent, enum pdf_sr role,
	const struct bp_link *link)
{
	const struct elem *p = &t->elems[parent];
	size_t e;

	if (p->kidn == IX_NONE || t->kids[p->kidn].kind != KID_ELEM)
		return PDF_TAG_NONE;
	e = t->kids[p->kidn].ref;
	if (t->elems[e].role != role || t->elems[e].link != link)
		return PDF_TAG_NONE;
	return e;
}

/* The Link element in `parent` a stretch of `link` goes into. */
static size_t
link_elem(struct pdf_tags *t, size_t parent, const struct bp_link *link,
	bool new_line)
{
	size_t e = last_elem(t, parent, PDF_SR_LINK, link);

	if (e != PDF_TAG_NONE) {
		if (new_line)
			bp_buf_putc(t->elems[e].text, ' ');
		return e;
	}
	e = new_elem(t, PDF_SR_LINK, parent);
	t->elems[e].link = link;
	t->elems[e].text = bp_xcalloc(1, sizeof(struct bp_buf));
	bp_buf_init(t->elems[e].text);
	return e;
}

/* Struck text is an amendment, so it is a Span whose layout attribute
 * says so (/TextDecorationType /LineThrough), not only a line drawn. */
static size_t
struck_elem(struct pdf_tags *t, size_t parent)
{
	size_t e = last_elem(t, parent, PDF_SR_SPAN, NULL);

	return e != PDF_TAG_NONE ? e : new_elem(t, PDF_SR_SPAN, parent);
}

void
pdf_tag_text(struct pdf_tags *t, const struct pdf_layout *l, size_t item,
	size_t *seg0, size_t *nsegs)
{
	const struct pdf_item *it = &l->items[item];
	const struct bp_frag *frags = l->frags + it->frag0;
	const struct bp_link *last = NULL;
	bool last_struck = false, last_note = false;
	size_t s = PDF_TAG_NONE, e = PDF_TAG_NONE, link_e = PDF_TAG_NONE;
	bool refs = t->elems[t->cur].role != PDF_SR_LBL;

	bool own_p = t->cur == 0 && it->nfrags > 0;

	/* content is never directly in the Document: a text stamped there
	 * is a paragraph of its own */
	if (own_p)
		pdf_tag_open(t, PDF_SR_P);
	*seg0 = t->nsegs;
	for (size_t i = 0; i < it->nfrags; i++) {
		const struct bp_link *link = frags[i].run->link;
		bool struck = ((frags[i].run->style | it->style) &
		    BP_STYLE_STRIKE) != 0;
		bool note = refs && frags[i].run->type == BP_RUN_NOTE;
		if (note) {
			/* Reference > Link: pdf_doc.c links it to the note */
			e = note_link_elem(t, frags[i].run);
			s = new_seg(t, e, l, item, i);
		} else if (i == 0 || link != last || struck != last_struck ||
		    last_note) {
			e = t->cur;
			if (link != NULL)
				e = link_e = link_elem(t, e, link, i == 0);
			if (struck)
				e = struck_elem(t, e);
			s = new_seg(t, e, l, item, i);
		}
		t->segs[s].nfrags++;
		if (link != NULL && !note)
			bp_buf_put(t->elems[link_e].text, frags[i].run->text +
			    frags[i].off, frags[i].len);
		last = note ? NULL : link;
		last_struck = struck;
		last_note = note;
	}
	*nsegs = t->nsegs - *seg0;
	if (refs && t->note_elems != NULL)
		open_line_notes(t, frags, it->nfrags);
	if (own_p)
		pdf_tag_close(t);
}

void
pdf_tag_figure(struct pdf_tags *t, const struct pdf_layout *l, size_t item,
	size_t *seg0, size_t *nsegs)
{
	*seg0 = new_seg(t, t->cur, l, item, 0);
	*nsegs = 1;
}

/* --- marking ------------------------------------------------------------- */

size_t
pdf_tag_seg_at(const struct pdf_tags *t, size_t seg0, size_t nsegs,
	size_t frag)
{
	for (size_t s = seg0; s < seg0 + nsegs; s++)
		if (frag < t->segs[s].frag0 + t->segs[s].nfrags)
			return s;
	return PDF_TAG_NONE;
}

size_t
pdf_tag_seg_frag(const struct pdf_tags *t, size_t seg)
{
	return t->segs[seg].frag0;
}

int
pdf_tag_mark(struct pdf_tags *t, size_t seg, size_t page, const char **role)
{
	struct seg *s = &t->segs[seg];

	if (page != t->page) {
		t->page = page;
		t->next_mcid = 0;
	}
	GROW(t, marks, nmarks, marks_cap);
	s->mark = (ix)t->nmarks;
	t->marks[t->nmarks++] = (struct mark){ (ix)page, s->elem, (ix)seg };
	s->mcid = t->next_mcid++;
	*role = pdf_sr_names[t->elems[s->elem].role];
	return s->mcid;
}

void
pdf_tag_bbox(struct pdf_tags *t, size_t seg, double x0, double y0,
	double x1, double y1)
{
	struct elem *e = &t->elems[t->segs[seg].elem];

	e->has_bbox = true;
	e->bbox[0] = x0;
	e->bbox[1] = y0;
	e->bbox[2] = x1;
	e->bbox[3] = y1;
}

int
pdf_tag_annot(struct pdf_tags *t, size_t seg, void *annot, size_t page,
	const char **contents)
{
	size_t e = t->segs[seg].elem;
	size_t a;

	GROW(t, annots, nannots, annots_cap);
	a = t->nannots++;
	t->annots[a] = (struct annot){ e, annot, page };
	add_kid(t, e, KID_OBJR, a);
	*contents = t->elems[e].text != NULL && t->elems[e].text->len > 0 ?
	    t->elems[e].text->data : "Link";
	/* keys 0 .. pages - 1 are the pages' */
	return (int)a;
}

/* --- writing ------------------------------------------------------------- */

static bool
in_grid(enum pdf_sr role)
{
	return role == PDF_SR_TABLE || role == PDF_SR_THEAD ||
	    role == PDF_SR_TBODY || role == PDF_SR_TR;
}

/* Whether an element goes into the file: one with marked content that
 * was drawn, an annotation, or such a child; and in a table that is,
 * every row and cell, so that the grid stays whole where a cell is
 * empty.  Elements of a layout laid out but never drawn (a pack lays its
 * front sheet out again once it knows the page numbers) are left out. */
static bool *
live_elems(const struct pdf_tags *t)
{
	bool *live = bp_xcalloc(t->nelems + 1, sizeof(*live));

	/* children come after their parents: backward for content... */
	for (size_t i = t->nelems; i-- > 0;) {
		const struct elem *e = &t->elems[i];
		for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE && !live[i];
		    k = ix_out(t->kids[k].next))
			live[i] = t->kids[k].kind == KID_OBJR ||
			    (t->kids[k].kind == KID_MC &&
			    t->segs[t->kids[k].ref].mcid >= 0);
		if (live[i] && e->parent != IX_NONE)
			live[e->parent] = true;
	}
	/* ...forward for the grid of a table that is written */
	for (size_t i = 1; i < t->nelems; i++) {
		const struct elem *e = &t->elems[i];
		if (!live[i] && live[e->parent] &&
		    in_grid(t->elems[e->parent].role) &&
		    (in_grid(e->role) || e->role == PDF_SR_TH ||
		    e->role == PDF_SR_TD))
			live[i] = true;
	}
	live[0] = true; /* the Document, even when empty */
	return live;
}

/* --- the top level: reading order, and a Part per layout of a pack ------
 *
 * The Document's kids are written in the order they were drawn, and when
 * they were drawn from several layouts (a pack: its front sheet, then a
 * layout per item), each run of kids from one layout goes into a Part of
 * its own.  Layouts may be laid out in another order than they are drawn
 * (a pack's front sheet last, once the page numbers are known). */

struct top {
	size_t *kids;      /* kid indices, in drawing order */
	size_t n;
	size_t *part;      /* per kid: its Part; NULL when there are none */
	size_t nparts;
};

struct keyed {
	size_t key, kid;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->kid < y->kid ? -1 : x->kid > y->kid;
}

/* Each element's first drawn content: the least index into marks in its
 * subtree, PDF_TAG_NONE for none; to free. */
static size_t *
first_marks(const struct pdf_tags *t)
{
	size_t *first = bp_xcalloc(t->nelems + 1, sizeof(*first));

	for (size_t i = 0; i <= t->nelems; i++)
		first[i] = PDF_TAG_NONE;
	/* marks come in order: the first to reach an element is its least */
	for (size_t m = 0; m < t->nmarks; m++)
		for (size_t e = t->marks[m].elem; e != PDF_TAG_NONE &&
		    first[e] == PDF_TAG_NONE; e = ix_out(t->elems[e].parent))
			first[e] = m;
	return first;
}

static size_t
kid_first_mark(const struct pdf_tags *t, const size_t *first,
	const struct kid *kd)
{
	if (kd->kind == KID_ELEM)
		return first[kd->ref];
	if (kd->kind == KID_MC)
		return ix_out(t->segs[kd->ref].mark);
	return PDF_TAG_NONE;
}

static const struct pdf_layout *
mark_layout(const struct pdf_tags *t, size_t m)
{
	return m == PDF_TAG_NONE ? NULL :
	    seg_lay(t, &t->segs[t->marks[m].seg]);
}

static void
top_plan(const struct pdf_tags *t, const bool *live, struct top *top)
{
	const struct elem *doc = &t->elems[0];
	size_t *first = first_marks(t), n = 0;
	struct keyed *k;
	const struct pdf_layout *last = NULL;
	bool several = false;

	for (size_t j = ix_out(doc->kid0); j != PDF_TAG_NONE;
	    j = ix_out(t->kids[j].next))
		n++;
	k = bp_xcalloc(n + 1, sizeof(*k));
	top->kids = bp_xcalloc(n + 1, sizeof(*top->kids));
	top->part = NULL;
	top->n = top->nparts = 0;
	for (size_t j = ix_out(doc->kid0); j != PDF_TAG_NONE;
	    j = ix_out(t->kids[j].next)) {
		const struct kid *kd = &t->kids[j];
		if ((kd->kind == KID_ELEM && !live[kd->ref]) ||
		    (kd->kind == KID_MC && t->segs[kd->ref].mcid < 0))
			continue;
		k[top->n].key = kid_first_mark(t, first, kd);
		k[top->n++].kid = j;
	}
	qsort(k, top->n, sizeof(*k), keyed_cmp);
	for (size_t i = 0; i < top->n; i++) {
		const struct pdf_layout *l = mark_layout(t, k[i].key);
		top->kids[i] = k[i].kid;
		several |= i > 0 && l != NULL && last != NULL && l != last;
		if (l != NULL)
			last = l;
	}
	if (several) {
		top->part = bp_xcalloc(top->n + 1, sizeof(*top->part));
		last = NULL;
		for (size_t i = 0; i < top->n; i++) {
			const struct pdf_layout *l = mark_layout(t, k[i].key);
			if (i == 0 || (l != NULL && l != last))
				top->nparts++;
			top->part[i] = top->nparts - 1;
			if (l != NULL)
				last = l;
		}
	}
	free(k);
	free(first);
}

static void
top_free(struct top *top)
{
	free(top->kids);
	free(top->part);
}

/* The page of an element's first marked content, or PDF_TAG_NONE. */
static size_t
elem_page(const struct pdf_tags *t, const struct elem *e)
{
	for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE;
	    k = ix_out(t->kids[k].next))
		if (t->kids[k].kind == KID_MC &&
		    t->segs[t->kids[k].ref].mcid >= 0)
			return seg_page(t, &t->segs[t->kids[k].ref]);
	return PDF_TAG_NONE;
}

/* Whether a kid is written: a live element, marked content that was
 * drawn, an annotation. */
static bool
kid_written(const struct pdf_tags *t, const bool *live, const struct kid *kd)
{
	switch (kd->kind) {
	case KID_ELEM:
		return live[kd->ref];
	case KID_MC:
		return t->segs[kd->ref].mcid >= 0;
	case KID_OBJR:
		return true;
	}
	return false;
}

/* The objects the tree is written with: an element's, a page's. */
struct writing {
	const struct pdf_tags *t;
	const bool *live;
	void **objs;          /* per element, NULL when not written */
	void *const *pages;
	struct bp_buf *b;     /* the entries being written */
	struct top top;
	void **parts;         /* top.nparts Part objects */
	void **parent;        /* per element, the object of its /P */
	size_t *seg_part;     /* per segment in the Document itself, its
	                       * Part; NULL without Parts */
	struct pdf_raws *raws; /* where the objects are made */
};

static void
put_ref(struct writing *w, const char *key, const void *obj)
{
	bp_buf_puts(w->b, key);
	bp_buf_putc(w->b, ' ');
	pdf_hpdf_ref(w->b, obj);
	bp_buf_putc(w->b, '\n');
}

/* A kid as PDF source: an MCID on the element's page `pg` as a plain
 * integer, on another page as an MCR. */
static void
put_kid(struct writing *w, size_t pg, const struct kid *kd)
{
	const struct seg *s;
	const struct annot *a;

	switch (kd->kind) {
	case KID_ELEM:
		pdf_hpdf_ref(w->b, w->objs[kd->ref]);
		break;
	case KID_MC:
		s = &w->t->segs[kd->ref];
		if (seg_page(w->t, s) == pg) {
			pdf_hpdf_uint(w->b, (unsigned long)s->mcid);
			break;
		}
		bp_buf_puts(w->b, "<< /Type /MCR /Pg ");
		pdf_hpdf_ref(w->b, w->pages[seg_page(w->t, s)]);
		bp_buf_printf(w->b, " /MCID %d >>", s->mcid);
		break;
	case KID_OBJR:
		a = &w->t->annots[kd->ref];
		bp_buf_puts(w->b, "<< /Type /OBJR /Pg ");
		pdf_hpdf_ref(w->b, w->pages[a->page]);
		bp_buf_puts(w->b, " /Obj ");
		pdf_hpdf_ref(w->b, a->obj);
		bp_buf_puts(w->b, " >>");
		break;
	}
}

/* /Pg and /K: a single kid as it is, several in an array. */
static void
put_kids(struct writing *w, const struct elem *e)
{
	const struct pdf_tags *t = w->t;
	size_t pg = elem_page(t, e), n = 0, done = 0;

	if (pg != PDF_TAG_NONE)
		put_ref(w, "/Pg", w->pages[pg]);
	for (size_t j = ix_out(e->kid0); j != PDF_TAG_NONE;
	    j = ix_out(t->kids[j].next))
		n += kid_written(t, w->live, &t->kids[j]);
	if (n == 0)
		return;
	bp_buf_puts(w->b, n > 1 ? "/K [" : "/K ");
	for (size_t j = ix_out(e->kid0); j != PDF_TAG_NONE;
	    j = ix_out(t->kids[j].next)) {
		if (!kid_written(t, w->live, &t->kids[j]))
			continue;
		if (done++ > 0)
			bp_buf_putc(w->b, ' ');
		put_kid(w, pg, &t->kids[j]);
	}
	bp_buf_puts(w->b, n > 1 ? "]\n" : "\n");
}

/* Attributes: a header cell's scope, a figure's box and alt text. */
static void
put_attributes(struct writing *w, const struct elem *e)
{
	if (e->role == PDF_SR_TH)
		bp_buf_puts(w->b, "/A << /O /Table /Scope /Column >>\n");
	if (e->role == PDF_SR_SPAN)
		bp_buf_puts(w->b, "/A << /O /Layout /TextDecorationType "
		    "/LineThrough >>\n");
	if (e->role == PDF_SR_FIGURE && e->has_bbox)
		bp_buf_printf(w->b, "/A << /O /Layout /Placement /Block "
		    "/BBox [%.2f %.2f %.2f %.2f] >>\n", e->bbox[0], e->bbox[1],
		    e->bbox[2], e->bbox[3]);
	if (e->role == PDF_SR_NOTE) /* unique: PDF/UA-1 7.9 */
		bp_buf_printf(w->b, "/ID (note%010zu)\n",
		    (size_t)(e - w->t->elems));
	if (e->role == PDF_SR_FIGURE) {
		bp_buf_puts(w->b, "/Alt ");
		pdf_hpdf_text_hex(w->b, e->alt ? e->alt : "");
		bp_buf_putc(w->b, '\n');
	}
}

/* /IDTree: every Note's /ID to its element, in the order of the IDs
 * (which is the elements'), when there are notes. */
static void
put_id_tree(struct writing *w)
{
	const struct pdf_tags *t = w->t;
	bool any = false;

	for (size_t i = 1; i < t->nelems; i++) {
		if (t->elems[i].role != PDF_SR_NOTE || w->objs[i] == NULL)
			continue;
		bp_buf_puts(w->b, any ? "\n" : "/IDTree << /Names [");
		bp_buf_printf(w->b, "(note%010zu) ", i);
		pdf_hpdf_ref(w->b, w->objs[i]);
		any = true;
	}
	if (any)
		bp_buf_puts(w->b, "] >>\n");
}

/* /Nums [page [elements by MCID] ... annotation-key Link ...]. */
static void
put_parent_tree(struct writing *w, size_t npages)
{
	const struct pdf_tags *t = w->t;
	size_t m = 0;

	bp_buf_puts(w->b, "/ParentTree << /Nums [");
	for (size_t p = 0; p < npages; p++) {
		bp_buf_putc(w->b, '\n');
		pdf_hpdf_uint(w->b, p);
		bp_buf_puts(w->b, " [");
		for (size_t k = 0; m < t->nmarks && t->marks[m].page == p;
		    m++, k++) {
			const struct mark *mk = &t->marks[m];
			if (k > 0)
				bp_buf_putc(w->b, ' ');
			pdf_hpdf_ref(w->b, mk->elem == 0 && w->seg_part ?
			    w->parts[w->seg_part[mk->seg]] : w->objs[mk->elem]);
		}
		bp_buf_putc(w->b, ']');
	}
	for (size_t a = 0; a < t->nannots; a++) {
		bp_buf_printf(w->b, "\n%zu ", npages + a);
		pdf_hpdf_ref(w->b, w->objs[t->annots[a].elem]);
	}
	bp_buf_printf(w->b, "\n] >>\n/ParentTreeNextKey %zu\n",
	    npages + t->nannots);
}

/* The Document: its kids in drawing order, or its Parts. */
static void
put_document(struct writing *w, void *root)
{
	const struct top *top = &w->top;
	size_t n = top->part ? top->nparts : top->n;

	bp_buf_reset(w->b);
	bp_buf_puts(w->b, "/S /Document\n");
	put_ref(w, "/P", root);
	if (n == 0)
		return;
	bp_buf_puts(w->b, "/K [");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			bp_buf_putc(w->b, ' ');
		if (top->part)
			pdf_hpdf_ref(w->b, w->parts[i]);
		else
			put_kid(w, elem_page(w->t, &w->t->elems[0]),
			    &w->t->kids[top->kids[i]]);
	}
	bp_buf_puts(w->b, "]\n");
}

/* A Part: the Document's kids from one layout; content directly in the
 * Document is written as MCRs, which name their page. */
static void
put_part(struct writing *w, size_t part)
{
	const struct top *top = &w->top;
	bool any = false;

	bp_buf_reset(w->b);
	bp_buf_puts(w->b, "/S /Part\n");
	put_ref(w, "/P", w->objs[0]);
	bp_buf_puts(w->b, "/K [");
	for (size_t i = 0; i < top->n; i++) {
		if (top->part[i] != part)
			continue;
		if (any)
			bp_buf_putc(w->b, ' ');
		put_kid(w, PDF_TAG_NONE, &w->t->kids[top->kids[i]]);
		any = true;
	}
	bp_buf_puts(w->b, "]\n");
}

/* Parts and the parent each element is written with. */
static void
plan_parts(struct writing *w)
{
	const struct pdf_tags *t = w->t;
	struct top *top = &w->top;

	top_plan(t, w->live, top);
	for (size_t i = 1; i < t->nelems; i++)
		w->parent[i] = w->objs[t->elems[i].parent];
	if (top->part == NULL)
		return;
	w->parts = bp_xcalloc(top->nparts + 1, sizeof(*w->parts));
	w->seg_part = bp_xcalloc(t->nsegs + 1, sizeof(*w->seg_part));
	for (size_t p = 0; p < top->nparts; p++)
		w->parts[p] = pdf_hpdf_raw_dict(w->raws);
	for (size_t i = 0; i < top->n; i++) {
		const struct kid *kd = &t->kids[top->kids[i]];
		if (kd->kind == KID_ELEM)
			w->parent[kd->ref] = w->parts[top->part[i]];
		else if (kd->kind == KID_MC)
			w->seg_part[kd->ref] = top->part[i];
	}
}

/* Each element is a raw dictionary written from our own PDF source
 * (pdf_hpdf_raw_dict): built entry by entry through libharu's object API,
 * the tree cost more than a third of the time of a whole paper. */
void
pdf_tag_write(const struct pdf_tags *t, void *pdf, struct pdf_raws *raws,
	void *const *pages, size_t npages)
{
	bool *live = live_elems(t);
	struct bp_buf b = BP_BUF_INIT;
	struct writing w = { .t = t, .live = live, .pages = pages, .b = &b,
		.raws = raws };
	void *root = pdf_hpdf_raw_dict(raws);
	void *catalog = pdf_hpdf_catalog(pdf);
	void *mark_info = pdf_hpdf_dict(pdf, false);

	w.objs = bp_xcalloc(t->nelems + 1, sizeof(*w.objs));
	w.parent = bp_xcalloc(t->nelems + 1, sizeof(*w.parent));
	for (size_t i = 0; i < t->nelems; i++)
		if (live[i])
			w.objs[i] = pdf_hpdf_raw_dict(raws);
	plan_parts(&w);
	for (size_t i = 1; i < t->nelems && root != NULL; i++) {
		const struct elem *e = &t->elems[i];
		if (!live[i] || w.objs[i] == NULL)
			continue;
		/* written in place: a cell's kids can be megabytes */
		if ((w.b = pdf_hpdf_raw_begin(raws, w.objs[i])) == NULL)
			continue;
		/* /Type /StructElem is optional, so left out */
		bp_buf_puts(w.b, "/S /");
		bp_buf_puts(w.b, pdf_sr_names[e->role]);
		bp_buf_putc(w.b, '\n');
		put_ref(&w, "/P", w.parent[i]);
		put_attributes(&w, e);
		put_kids(&w, e);
		pdf_hpdf_raw_end(raws, w.objs[i]);
	}
	w.b = &b;
	for (size_t p = 0; p < w.top.nparts && w.top.part; p++) {
		put_part(&w, p);
		pdf_hpdf_raw_set(raws, w.parts[p], b.data, b.len);
	}
	put_document(&w, root);
	pdf_hpdf_raw_set(raws, w.objs[0], b.data, b.len);
	/* in place as well: the parent tree holds every MCID's element */
	if (root != NULL && w.objs[0] != NULL &&
	    (w.b = pdf_hpdf_raw_begin(raws, root)) != NULL) {
		bp_buf_puts(w.b, "/Type /StructTreeRoot\n");
		put_ref(&w, "/K", w.objs[0]);
		put_parent_tree(&w, npages);
		put_id_tree(&w);
		pdf_hpdf_raw_end(raws, root);
	}
	w.b = &b;
	pdf_hpdf_put(catalog, "StructTreeRoot", root);
	pdf_hpdf_put_bool(mark_info, "Marked", true);
	pdf_hpdf_put(catalog, "MarkInfo", mark_info);
	pdf_hpdf_set_pdf17(pdf);
	top_free(&w.top);
	free(w.parts);
	free(w.seg_part);
	free(w.parent);
	bp_buf_free(&b);
	free(w.objs);
	free(live);
}

void
pdf_tag_write_pages(void *const *pages, size_t npages)
{
	for (size_t p = 0; p < npages; p++) {
		pdf_hpdf_put_int(pages[p], "StructParents", (int)p);
		pdf_hpdf_put_name(pages[p], "Tabs", "S");
	}
}

/* --- XMP ------------------------------------------------------------------ */

static void
xml_text(struct bp_buf *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': bp_buf_puts(out, "&lt;"); break;
		case '>': bp_buf_puts(out, "&gt;"); break;
		case '&': bp_buf_puts(out, "&amp;"); break;
		case '"': bp_buf_puts(out, "&quot;"); break;
		default: bp_buf_putc(out, *s); break;
		}
}

static void
xmp_alt(struct bp_buf *out, const char *name, const char *value)
{
	bp_buf_printf(out, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    name);
	xml_text(out, value);
	bp_buf_printf(out, "</rdf:li></rdf:Alt></%s>\n", name);
}

static void
xmp_simple(struct bp_buf *out, const char *name, const char *value)
{
	bp_buf_printf(out, "   <%s>", name);
	xml_text(out, value);
	bp_buf_printf(out, "</%s>\n", name);
}

void
pdf_tag_xmp(const struct pdf_meta_text *m, struct bp_buf *out)
{
	bp_buf_puts(out, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf="
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
	xmp_simple(out, "dc:format", "application/pdf");
	xmp_alt(out, "dc:title", m->title);
	if (m->author != NULL) {
		/* one entry: /Author's own words */
		bp_buf_puts(out, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(out, m->author);
		bp_buf_puts(out, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (m->subject != NULL && *m->subject)
		xmp_alt(out, "dc:description", m->subject);
	bp_buf_puts(out, "   <dc:language><rdf:Bag><rdf:li>");
	xml_text(out, m->lang);
	bp_buf_puts(out, "</rdf:li></rdf:Bag></dc:language>\n");
	xmp_simple(out, "pdf:Producer", m->producer);
	xmp_simple(out, "xmp:CreatorTool", m->creator_tool);
	if (m->has_date) {
		time_t tt = (time_t)m->epoch;
		struct tm tm;
		char date[32];
		if (gmtime_r(&tt, &tm) != NULL && tm.tm_year + 1900 <= 9999 &&
		    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
			xmp_simple(out, "xmp:CreateDate", date);
			xmp_simple(out, "xmp:MetadataDate", date);
		}
	}
	xmp_simple(out, "pdfuaid:part", "1");
	bp_buf_puts(out, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"r\"?>\n");
}

/* --- the dump ---------------------------------------------------------- */

static void
dump_seg_text(const struct pdf_tags *t, const struct seg *s,
	struct bp_buf *out)
{
	const struct pdf_layout *l = seg_lay(t, s);
	const struct pdf_item *it = &l->items[s->item];

	for (size_t i = s->frag0; i < s->frag0 + s->nfrags; i++) {
		const struct bp_frag *f = &l->frags[it->frag0 + i];
		bp_buf_put(out, f->run->text + f->off, f->len);
	}
}

/* An element: its role and attributes, then its text in quotes when all
 * its kids are content, else each kid on a line of its own. */
static void
dump_elem(const struct pdf_tags *t, const bool *live, size_t i, int depth,
	struct bp_buf *out)
{
	const struct elem *e = &t->elems[i];
	bool leaf = true;

	for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE;
	    k = ix_out(t->kids[k].next))
		if (t->kids[k].kind == KID_ELEM && live[t->kids[k].ref])
			leaf = false;
	bp_buf_repeat(out, ' ', (size_t)depth * 2);
	bp_buf_puts(out, pdf_sr_names[e->role]);
	if (e->role == PDF_SR_TH)
		bp_buf_puts(out, " /Scope /Column");
	if (e->role == PDF_SR_SPAN)
		bp_buf_puts(out, " /TextDecorationType /LineThrough");
	if (e->role == PDF_SR_FIGURE)
		bp_buf_printf(out, " /Alt \"%s\"%s", e->alt ? e->alt : "",
		    e->has_bbox ? " /BBox" : "");
	for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE;
	    k = ix_out(t->kids[k].next)) {
		const struct kid *kd = &t->kids[k];
		if (kd->kind == KID_OBJR) {
			bp_buf_printf(out, " [annotation /Contents \"%s\"]",
			    e->text && e->text->len ? e->text->data : "Link");
			break; /* the same text for every part of the link */
		}
	}
	if (leaf) {
		bool any = false;
		for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE;
		    k = ix_out(t->kids[k].next)) {
			const struct kid *kd = &t->kids[k];
			if (kd->kind != KID_MC || t->segs[kd->ref].mcid < 0 ||
			    t->segs[kd->ref].nfrags == 0) /* an image */
				continue;
			bp_buf_puts(out, any ? " " : " \"");
			dump_seg_text(t, &t->segs[kd->ref], out);
			any = true;
		}
		bp_buf_puts(out, any ? "\"\n" : "\n");
		return;
	}
	bp_buf_putc(out, '\n');
	for (size_t k = ix_out(e->kid0); k != PDF_TAG_NONE;
	    k = ix_out(t->kids[k].next)) {
		const struct kid *kd = &t->kids[k];
		if (kd->kind == KID_ELEM && live[kd->ref])
			dump_elem(t, live, kd->ref, depth + 1, out);
		else if (kd->kind == KID_MC && t->segs[kd->ref].mcid >= 0) {
			bp_buf_repeat(out, ' ', (size_t)depth * 2 + 2);
			bp_buf_putc(out, '"');
			dump_seg_text(t, &t->segs[kd->ref], out);
			bp_buf_puts(out, "\"\n");
		}
	}
}

static void
dump_top_kid(const struct pdf_tags *t, const bool *live, const struct kid *kd,
	int depth, struct bp_buf *out)
{
	if (kd->kind == KID_ELEM) {
		dump_elem(t, live, kd->ref, depth, out);
		return;
	}
	bp_buf_repeat(out, ' ', (size_t)depth * 2);
	bp_buf_putc(out, '"');
	dump_seg_text(t, &t->segs[kd->ref], out);
	bp_buf_puts(out, "\"\n");
}

/* In the order the file has it: the Document's kids as drawn, in a Part
 * per layout when there are several. */
void
pdf_tag_dump(const struct pdf_tags *t, struct bp_buf *out)
{
	bool *live = live_elems(t);
	struct top top;

	top_plan(t, live, &top);
	bp_buf_puts(out, "Document\n");
	for (size_t i = 0; i < top.n; i++) {
		if (top.part && (i == 0 || top.part[i] != top.part[i - 1]))
			bp_buf_puts(out, "  Part\n");
		dump_top_kid(t, live, &t->kids[top.kids[i]], top.part ? 2 : 1,
		    out);
	}
	top_free(&top);
	free(live);
}
