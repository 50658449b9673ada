/* Giving back, page by page while a layout is drawn, the memory of the
 * items and fragments no later page draws again.
 *
 * A long paper's items and fragments are most of its layout (a table
 * cell wrapping a letter a line has an item and a fragment for every
 * letter), and they were held whole until the last page was drawn while
 * libharu's pages grew beside them.  As each page is finished, the whole
 * memory pages of the stretch already drawn go back to the system with
 * madvise(MADV_DONTNEED): they stay allocated, and are freed with the
 * layout, but are no longer resident.  Nothing given back is read again:
 * a box's items are given back once every box up to it has been drawn,
 * except a box drawn more than once (a table's header row, on every page
 * the table continues to), whose items and fragments are kept, as are the
 * footnotes' boxes and the page furniture, which come after the body.
 *
 * The fragments given back are those below the lowest one any box still
 * to draw uses (fragments are appended as texts are broken, so that is
 * nearly all of those drawn), found from the lowest fragment of each box
 * and every box after it, worked out once before drawing.  The stretches
 * the boxes drawn again use are sorted and merged first: a table's header
 * row is broken before its body, but nothing else makes the stretches
 * come in box order, and one skipped out of order would be given back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "pdf.h"

/* A stretch of fragments a box drawn again uses. */
struct frag_pin {
	uint32_t lo, hi;
};

struct pdf_release {
	const struct pdf_layout *l;
	uintptr_t page;        /* the system's page size, bytes */
	size_t body;           /* boxes before the first footnote box */
	bool *again;           /* per box: placed more than once */
	size_t next;           /* the first body box not yet drawn */
	uintptr_t items_from;  /* page-aligned: below it, items are given
	                        * back or kept */
	uintptr_t frags_from;  /* the same for fragments */
	struct frag_pin *pins; /* of the boxes drawn again: sorted by lo,
	                        * none overlapping or touching another */
	size_t npins, pin;     /* pins[pin] is the next one to skip */
	uint32_t *low;         /* body + 1: the lowest fragment boxes b ..
	                        * and the furniture use (UINT32_MAX: none) */
};

static uintptr_t
page_down(const struct pdf_release *r, uintptr_t a)
{
	return a / r->page * r->page;
}

static uintptr_t
page_up(const struct pdf_release *r, uintptr_t a)
{
	return page_down(r, a + r->page - 1);
}

/* Gives back the whole pages from *from up to the address `to`. */
static void
give_back(const struct pdf_release *r, uintptr_t *from, uintptr_t to)
{
	uintptr_t end = page_down(r, to);

	if (end <= *from)
		return;
	/* advice only: where it is not taken the memory just stays */
	(void)madvise((void *)*from, end - *from, MADV_DONTNEED);
	*from = end;
}

/* The lowest fragment of items i0 .. i1 - 1, or UINT32_MAX. */
static uint32_t
lowest_frag(const struct pdf_layout *l, size_t i0, size_t i1)
{
	uint32_t lo = UINT32_MAX;

	for (size_t i = i0; i < i1; i++)
		if (l->items[i].kind == PDF_ITEM_TEXT &&
		    l->items[i].nfrags > 0 && l->items[i].frag0 < lo)
			lo = l->items[i].frag0;
	return lo;
}

static int
pin_cmp(const void *a, const void *b)
{
	const struct frag_pin *p = a, *q = b;

	return (p->lo > q->lo) - (p->lo < q->lo);
}

/* Sorts the pins by their start and merges those that overlap or
 * touch, so that each is skipped whole, in order. */
static void
merge_pins(struct pdf_release *r)
{
	size_t n = 0;

	if (r->npins == 0)
		return;
	qsort(r->pins, r->npins, sizeof(*r->pins), pin_cmp);
	for (size_t i = 1; i < r->npins; i++) {
		if (r->pins[i].lo <= r->pins[n].hi) {
			if (r->pins[i].hi > r->pins[n].hi)
				r->pins[n].hi = r->pins[i].hi;
		} else {
			r->pins[++n] = r->pins[i];
		}
	}
	r->npins = n + 1;
}

/* The boxes placed more than once, and the fragments they use. */
static void
find_repeats(struct pdf_release *r)
{
	const struct pdf_layout *l = r->l;
	bool *seen = bp_xcalloc(l->nboxes + 1, sizeof(*seen));

	for (size_t k = 0; k < l->pages.nplaced; k++) {
		size_t b = l->pages.placed[k].box;
		if (seen[b] && !r->again[b] && b < r->body) {
			r->again[b] = true;
			r->npins++;
		}
		seen[b] = true;
	}
	free(seen);
	r->pins = bp_xcalloc(r->npins + 1, sizeof(*r->pins));
	r->npins = 0;
	for (size_t b = 0; b < r->body; b++) {
		struct frag_pin p = { UINT32_MAX, 0 };
		if (!r->again[b])
			continue;
		for (size_t i = l->box_item0[b]; i < l->box_item0[b + 1]; i++) {
			const struct pdf_item *it = &l->items[i];
			if (it->kind != PDF_ITEM_TEXT || it->nfrags == 0)
				continue;
			p.lo = it->frag0 < p.lo ? it->frag0 : p.lo;
			p.hi = it->frag0 + it->nfrags > p.hi ?
			    it->frag0 + it->nfrags : p.hi;
		}
		if (p.lo < p.hi)
			r->pins[r->npins++] = p;
	}
	merge_pins(r);
}

struct pdf_release *
pdf_release_new(const struct pdf_layout *l)
{
	struct pdf_release *r;
	long page = sysconf(_SC_PAGESIZE);

	if (page <= 0 || l->nitems == 0 || l->nfrags == 0 ||
	    l->box_item0 == NULL)
		return NULL;
	r = bp_xcalloc(1, sizeof(*r));
	r->l = l;
	r->page = (uintptr_t)page;
	r->body = l->nnotes > 0 ? l->note_rule : l->nboxes;
	r->again = bp_xcalloc(l->nboxes + 1, sizeof(*r->again));
	r->items_from = page_up(r, (uintptr_t)l->items);
	r->frags_from = page_up(r, (uintptr_t)l->frags);
	/* the footnotes' boxes and the furniture come after the body */
	r->low = bp_xreallocarray(NULL, r->body + 1, sizeof(*r->low));
	r->low[r->body] = lowest_frag(l, l->box_item0[r->body], l->nitems);
	for (size_t b = r->body; b-- > 0;) {
		uint32_t own = lowest_frag(l, l->box_item0[b],
		    l->box_item0[b + 1]);
		r->low[b] = own < r->low[b + 1] ? own : r->low[b + 1];
	}
	find_repeats(r);
	return r;
}

void
pdf_release_free(struct pdf_release *r)
{
	if (r == NULL)
		return;
	free(r->again);
	free(r->pins);
	free(r->low);
	free(r);
}

/* The fragments below `to`, but for those of the boxes drawn again. */
static void
give_back_frags(struct pdf_release *r, uint32_t to)
{
	const struct pdf_layout *l = r->l;

	for (; r->pin < r->npins && r->pins[r->pin].lo < to; r->pin++) {
		uintptr_t kept = page_up(r, (uintptr_t)(l->frags +
		    r->pins[r->pin].hi));
		give_back(r, &r->frags_from, (uintptr_t)(l->frags +
		    r->pins[r->pin].lo));
		r->frags_from = kept > r->frags_from ? kept : r->frags_from;
	}
	give_back(r, &r->frags_from, (uintptr_t)(l->frags + to));
}

void
pdf_release_page(struct pdf_release *r, const bool *drawn)
{
	const struct pdf_layout *l;
	size_t start;
	uint32_t to;

	if (r == NULL)
		return;
	l = r->l;
	start = r->next;
	while (r->next < r->body && drawn[r->next])
		r->next++;
	if (r->next == start)
		return;
	/* the items of every body box drawn so far, in box order */
	for (size_t b = start; b < r->next; b++) {
		uintptr_t kept;
		if (!r->again[b])
			continue;
		give_back(r, &r->items_from, (uintptr_t)(l->items +
		    l->box_item0[b]));
		kept = page_up(r, (uintptr_t)(l->items + l->box_item0[b + 1]));
		r->items_from = kept > r->items_from ? kept : r->items_from;
	}
	give_back(r, &r->items_from, (uintptr_t)(l->items +
	    l->box_item0[r->next]));
	/* the fragments below any a box still to draw uses */
	to = r->low[r->next];
	give_back_frags(r, to == UINT32_MAX ? (uint32_t)l->nfrags : to);
}
