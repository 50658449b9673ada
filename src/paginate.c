/* Pagination: cuts a device's vertical list of boxes into pages, keeping
 * the boxes the device marked as inseparable on one page. */
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "internal.h"

struct paginator {
	const struct bp_vbox *boxes;
	size_t n;
	double page_height;
	struct bp_pages *out;
	size_t page_first; /* first box (not a repeat) on the current page */
	size_t on_page;    /* boxes on the current page, repeats excluded */
	double y;          /* where the next box's space starts */
};

static void
put(struct paginator *p, size_t box, double space)
{
	struct bp_pages *o = p->out;

	if (o->nplaced == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->placed = bp_xrealloc(o->placed, o->cap * sizeof(*o->placed));
	}
	o->placed[o->nplaced].box = box;
	o->placed[o->nplaced].page = o->npages - 1;
	o->placed[o->nplaced].y = p->y + space;
	o->nplaced++;
	p->y += space + p->boxes[box].height;
}

/* The last place at or before box `i` where the page may end: a box that
 * is not kept with the one before it.  When every box back to the top of
 * the page is kept, the rule cannot be met and the page ends at `i`. */
static size_t
break_point(const struct paginator *p, size_t i)
{
	size_t j = i;

	while (j > p->page_first && (p->boxes[j].flags & BP_VBOX_KEEP))
		j--;
	return j > p->page_first ? j : i;
}

/* Takes the boxes from `j` on back off the current page. */
static void
unplace_from(struct paginator *p, size_t j)
{
	struct bp_pages *o = p->out;

	while (o->nplaced > 0 && o->placed[o->nplaced - 1].page ==
	    o->npages - 1 && o->placed[o->nplaced - 1].box >= j)
		o->nplaced--;
}

static void
new_page(struct paginator *p, size_t first)
{
	const struct bp_vbox *b = &p->boxes[first];

	p->out->npages++;
	p->y = 0;
	p->on_page = 0;
	p->page_first = first;
	/* a table continued from the page before gets its header row again */
	if ((b->flags & BP_VBOX_IN_TABLE) && b->head < first)
		put(p, b->head, 0);
}

void
bp_paginate(const struct bp_vbox *boxes, size_t n, double page_height,
	struct bp_pages *out)
{
	struct paginator p;
	size_t i = 0;

	memset(&p, 0, sizeof(p));
	p.boxes = boxes;
	p.n = n;
	p.page_height = page_height;
	p.out = out;
	out->nplaced = 0;
	out->npages = 1;
	while (i < n) {
		double space = p.y > 0 ? boxes[i].space_before : 0;
		if (p.on_page > 0 && p.y + space + boxes[i].height >
		    page_height) {
			size_t j = break_point(&p, i);
			unplace_from(&p, j);
			new_page(&p, j);
			i = j;
			continue;
		}
		put(&p, i, space);
		p.on_page++;
		i++;
	}
}

void
bp_pages_free(struct bp_pages *p)
{
	if (p == NULL)
		return;
	free(p->placed);
	memset(p, 0, sizeof(*p));
}
