/* The pack model: a meeting, its agenda items, and each item's paper.
 *
 * Ownership: a struct bp_pack owns its strings, its items and every paper
 * model it holds; bp_pack_free() releases all of it.  Back-ends take
 * `const struct bp_pack *` and never modify it.  Strings are UTF-8 plain
 * text and, unless a field says otherwise, never NULL.
 *
 * Whether an item is exempt is decided once, here: in a public pack an
 * exempt item holds no paper at all (its paper was parsed, checked and
 * freed), only its title and the reason for exemption, so that no
 * back-end can print a word of it by mistake.
 */
#ifndef BOARDPAPER_PACK_H
#define BOARDPAPER_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct bp_arena;
struct bp_labels;
struct bp_house_style;

enum bp_pack_kind {
	BP_PACK_ENTRY,     /* a plain agenda entry: no paper */
	BP_PACK_PAPER,     /* a paper, in full */
	BP_PACK_EXEMPT,    /* an exempt paper left out of a public pack */
	BP_PACK_TO_FOLLOW  /* listed "(To follow)"; no pages */
};

struct bp_pack_item {
	enum bp_pack_kind kind;
	const char *number;    /* "4", "4a" */
	const char *item_text; /* "Item 4" */
	const char *id;        /* unique in the pack, for anchors: "i4" */
	const char *title;     /* the entry's, else the paper's title */
	const char *note;      /* what the agenda prints under the title:
	                        * the lead officer, the entry's note, or the
	                        * paper's purpose; NULL for none (never a
	                        * word of an exempt paper but its reason) */
	bool exempt;           /* the paper is confidential (PAPER in a
	                        * members' pack, or EXEMPT) */
	const char *reason;    /* exempt: its reason; NULL for none given */
	const char *exempt_text; /* exempt: what the agenda prints for it,
	                          * "Not for publication: reason" or the
	                          * marking alone; NULL when not exempt */
	bool first_exempt;     /* the exclusion resolution goes before it */
	const struct bp_paper *paper; /* PAPER only; NULL otherwise */
	struct bp_pos pos;     /* the entry in the meeting file */
};

struct bp_pack {
	const char *path;      /* the meeting file as named */
	const char *board;     /* "" when not given */
	struct bp_text board_text; /* the same, as a one-run text */
	bool has_meeting;
	struct bp_date meeting;
	const char *meeting_text; /* "18 November 2020"; NULL without */
	const char *time;      /* "11:00"; NULL when not given */
	const char *when_text; /* "18 November 2020 at 11:00", or the date
	                        * alone; NULL without meeting */
	const char *venue;     /* NULL when not given */
	const char *lang;      /* BCP 47, default "en-GB" */
	const struct bp_labels *labels;  /* the house style's, for lang */
	const struct bp_house_style *style; /* the meeting file's */
	int exclusion;         /* enum bp_label: the resolution to exclude
	                        * the press and public for the style's
	                        * jurisdiction; -1 for none */
	bool members;          /* --include-exempt: exempt papers in full */
	bool any_exempt;       /* some item is exempt */
	struct bp_pack_item *items;
	size_t nitems;
	const char **inputs;   /* every file read: the meeting file, papers,
	                        * images, in order (for --deps) */
	size_t ninputs;
	struct bp_arena *arena;
};

/* Releases the pack and every paper it holds; accepts NULL. */
void bp_pack_free(struct bp_pack *pack);

#endif
