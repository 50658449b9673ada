/* The label table: every fixed word a back-end prints, per language.
 *
 * A back-end never writes a word of its own: it prints
 * `labels->text[BP_LABEL_PURPOSE]` and the like, from the table the
 * resolve pass chose for the paper (paper->labels) or the pack.  English
 * (`en`) and Welsh (`cy`) are built in; another language is another column in src/model/labels.c,
 * and a house style may rename entries by copying a table and replacing
 * strings (struct bp_labels is a plain value for that reason).
 *
 * Templates hold numbered places, "%1" to "%9", filled by
 * bp_label_fill(); "%%" is a per cent sign.  Labels carry no trailing
 * colon: punctuation is the back-end's layout, the words are the table's.
 */
#ifndef BOARDPAPER_LABELS_H
#define BOARDPAPER_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"

enum bp_label {
	/* the cover block */
	BP_LABEL_PURPOSE,           /* "Purpose of report" */
	BP_LABEL_SUMMARY,
	BP_LABEL_RECOMMENDATION,    /* one recommendation */
	BP_LABEL_RECOMMENDATIONS,   /* a numbered list of them */
	BP_LABEL_ACTION,
	BP_LABEL_CONTACT_OFFICER,   /* one contact */
	BP_LABEL_CONTACT_OFFICERS,  /* a heading over several */
	BP_LABEL_POSITION,
	BP_LABEL_PHONE,
	BP_LABEL_EMAIL,
	BP_LABEL_BACKGROUND_PAPERS, /* the statutory list after the body */
	BP_LABEL_NONE,              /* an empty list of background papers */
	/* header facts and exempt marking */
	BP_LABEL_MEETING,           /* "Meeting" before the date */
	BP_LABEL_ITEM,              /* template: "Item %1" */
	BP_LABEL_CONFIDENTIAL,      /* the cover field and HTML banner */
	BP_LABEL_CONFIDENTIAL_MARK, /* in page headers: "CONFIDENTIAL" */
	BP_LABEL_NOT_FOR_PUBLICATION, /* "Confidential – not for
	                               * publication" */
	/* page furniture and small captions */
	BP_LABEL_PAGE_OF,           /* template: "Page %1 of %2" */
	BP_LABEL_TABLE,             /* before a caption: "Table" */
	BP_LABEL_TABLE_N,           /* template: a table without a caption,
	                             * named for screen readers: "Table %1" */
	BP_LABEL_IMAGE,             /* template: text for a picture, "Image:
	                             * %1" with its alt text */
	/* a house style's yes-no fields */
	BP_LABEL_YES,
	BP_LABEL_NO,
	/* dates: template "%1 %2 %3" is day, month name, year */
	BP_LABEL_DATE,
	BP_LABEL_JANUARY,
	BP_LABEL_FEBRUARY,
	BP_LABEL_MARCH,
	BP_LABEL_APRIL,
	BP_LABEL_MAY,
	BP_LABEL_JUNE,
	BP_LABEL_JULY,
	BP_LABEL_AUGUST,
	BP_LABEL_SEPTEMBER,
	BP_LABEL_OCTOBER,
	BP_LABEL_NOVEMBER,
	BP_LABEL_DECEMBER,
	/* agenda packs */
	BP_LABEL_AGENDA,            /* the front sheet's heading */
	BP_LABEL_DATE_AND_TIME,     /* "Date and time" row */
	BP_LABEL_AT_TIME,           /* template: date then time, "%1 at %2" */
	BP_LABEL_VENUE,
	BP_LABEL_PAGES,             /* template: "Pages %1 – %2" */
	BP_LABEL_PAGE_ONE,          /* template: one page, "Page %1" */
	BP_LABEL_TO_FOLLOW,         /* "(To follow)" */
	BP_LABEL_EXEMPT,            /* template: the agenda line of an exempt
	                             * item in a public pack, "Exempt: %1" */
	BP_LABEL_EXEMPT_NOTICE,     /* the single page standing for an
	                             * exempt paper in a public pack */
	BP_LABEL_BLANK_PAGE,        /* "This page is intentionally left
	                             * blank" (--duplex) */
	BP_LABEL_EXCLUSION_HEADING, /* "Exclusion of the press and public" */
	BP_LABEL_EXCLUSION,         /* the resolution to exclude the press
	                             * and public (England and Wales) */
	BP_LABEL_EXCLUSION_WALES,   /* the same for a Welsh council: the
	                             * exempt categories are Part 4 of
	                             * Schedule 12A */
	BP_LABEL_EXCLUSION_SCOTLAND, /* the same under Scots law */
	BP_LABEL_FRONT_SHEET,       /* the front sheet's bookmark */
	/* footnotes and cross-references */
	BP_LABEL_NOTES,             /* the heading over the footnotes */
	BP_LABEL_NOTE_BACK,         /* template: the link from a note back
	                             * to its reference */
	BP_LABEL_REF_PARAGRAPH,     /* template: what a cross-reference with
	                             * text of its own points at, in text
	                             * output: "paragraph %1" */
	BP_LABEL_REF_SECTION,       /* template: the same for a numbered
	                             * heading, "section %1" */
	BP_LABEL__MAX
};

struct bp_labels {
	const char *lang;                /* the table's language: "en" */
	const char *text[BP_LABEL__MAX]; /* UTF-8, never NULL */
};

/* The built-in table for a BCP 47 tag, by its primary subtag ("en-GB" is
 * `en`); English for a language without a table.  Never NULL. */
const struct bp_labels *bp_labels_for(const char *lang);
/* Whether `lang`'s primary subtag (before any '-') is `primary` ("cy"
 * for "cy-GB"), in any case. */
bool bp_lang_is(const char *lang, const char *primary);

/* The name of each entry as a house style writes it under `labels:`
 * ("purpose", "contact"), indexed by enum bp_label. */
extern const char *const bp_label_keys[BP_LABEL__MAX];

/* Appends `tmpl` to `out` with "%1" ... "%9" replaced by args[0] ...
 * args[8] (a place past nargs prints nothing) and "%%" by "%". */
void bp_label_fill(struct bp_buf *out, const char *tmpl,
	const char *const *args, size_t nargs);

#endif
