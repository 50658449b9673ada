/* The PDF back-end's structure tree (tagged PDF, PDF/UA-1): built from the
 * model while render_pdf.c lays it out, given marked-content ids while
 * pdf_doc.c draws the pages, then written into the document.
 *
 * During layout, elements are opened and closed in reading order
 * (pdf_tag_open, pdf_tag_close); each drawn item that is content rather
 * than decoration is stamped with the element open at the time
 * (pdf_tag_text, pdf_tag_figure), which gives it one or more segments: a
 * text item is cut where a link or struck text starts or ends, the
 * link's part going into a Link element, struck text into a Span.  While drawing, each segment placed on a page gets
 * the page's next MCID (pdf_tag_mark); everything else is an artifact.
 *
 * One tree serves a whole document (pdf_doc_tags): a pack's layouts all
 * stamp into it.  It is written in the order things were drawn, so a
 * layout may be laid out before or after the others (a pack's front
 * sheet, laid out again once page numbers are known); one laid out and
 * never drawn leaves nothing behind; and when the Document's content
 * comes from several layouts, each layout's share goes into a Part of its
 * own (the front sheet, then one per item).
 */
#ifndef BOARDPAPER_PDF_TAG_H
#define BOARDPAPER_PDF_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/buf.h"
#include "boardpaper/layout.h"

/* The standard structure types used (PDF 1.7, 14.8.4). */
enum pdf_sr {
	PDF_SR_DOCUMENT,
	PDF_SR_PART,
	PDF_SR_H1, PDF_SR_H2, PDF_SR_H3, PDF_SR_H4, PDF_SR_H5, PDF_SR_H6,
	PDF_SR_P,
	PDF_SR_L,
	PDF_SR_LI,
	PDF_SR_LBL,
	PDF_SR_LBODY,
	PDF_SR_TABLE,
	PDF_SR_THEAD,
	PDF_SR_TBODY,
	PDF_SR_TR,
	PDF_SR_TH,
	PDF_SR_TD,
	PDF_SR_CAPTION,
	PDF_SR_FIGURE,
	PDF_SR_LINK,
	PDF_SR_BLOCKQUOTE,
	PDF_SR_CODE,
	PDF_SR_NOTE,
	PDF_SR_REFERENCE, /* a footnote reference's number */
	PDF_SR_SPAN,      /* struck text: /TextDecorationType /LineThrough */
	PDF_SR__MAX
};

#define PDF_TAG_NONE SIZE_MAX

extern const char *const pdf_sr_names[PDF_SR__MAX];

struct pdf_tags;
struct pdf_layout;

/* A tree holding only its Document element, which is open. */
struct pdf_tags *pdf_tags_new(void);
void pdf_tags_free(struct pdf_tags *t);
/* Once every layout is laid out: its arrays at their lengths, with room
 * for every segment's mark, so that nothing grows by doubling while the
 * pages are drawn. */
void pdf_tags_trim(struct pdf_tags *t);

/* --- building, during layout --- */

/* Opens an element as the last child of the open one; returns it. */
size_t pdf_tag_open(struct pdf_tags *t, enum pdf_sr role);
/* Closes the open element (never the Document). */
void pdf_tag_close(struct pdf_tags *t);
/* The open element. */
size_t pdf_tag_current(const struct pdf_tags *t);
/* Makes an element opened before the open one again (a table cell whose
 * lines are laid out a row line at a time, across pages). */
void pdf_tag_reopen(struct pdf_tags *t, size_t elem);
/* Footnotes: a footnote reference's number stamped by pdf_tag_text
 * outside a Lbl is a Reference holding a Link (to the note: pdf_doc.c
 * adds the annotation).  While `elems` is set (n entries, by note
 * number - 1, each PDF_TAG_NONE at first), the line holding a
 * note's first one is followed by the note's Note element (PDF/UA-1
 * 7.9; written with a unique /ID), whose index goes into elems; the
 * note's content goes into it later (pdf_tag_reopen).  NULL: no notes. */
void pdf_tag_notes(struct pdf_tags *t, size_t *elems, size_t n);
/* The heading element of an outline rank (1-6). */
enum pdf_sr pdf_sr_heading(int rank);
/* A Figure's alternative text (not copied: the model's). */
void pdf_tag_set_alt(struct pdf_tags *t, size_t elem, const char *alt);

/* Stamps text item `item` of layout `l` (its fragments all added) with
 * the open element: its segments are *seg0 .. *seg0 + *nsegs - 1.  A line
 * without fragments gets none (it draws nothing).  The layout must live
 * as long as the tree. */
void pdf_tag_text(struct pdf_tags *t, const struct pdf_layout *l,
	size_t item, size_t *seg0, size_t *nsegs);
/* Stamps an image item with the open element (a Figure). */
void pdf_tag_figure(struct pdf_tags *t, const struct pdf_layout *l,
	size_t item, size_t *seg0, size_t *nsegs);

/* --- marking, while drawing --- */

/* The segment of an item's segments that holds fragment `frag`. */
size_t pdf_tag_seg_at(const struct pdf_tags *t, size_t seg0, size_t nsegs,
	size_t frag);
/* The first fragment of a segment, counted within its item. */
size_t pdf_tag_seg_frag(const struct pdf_tags *t, size_t seg);
/* Gives the segment the next MCID of `page` (pages are drawn in order)
 * and returns it; *role receives the element's structure type. */
int pdf_tag_mark(struct pdf_tags *t, size_t seg, size_t page,
	const char **role);
/* A Figure's bounding box on its page, in points from the lower left. */
void pdf_tag_bbox(struct pdf_tags *t, size_t seg, double x0, double y0,
	double x1, double y1);
/* Records a link annotation `annot` (a libharu dictionary) on `page` for
 * the Link element of `seg`: returns its /StructParent key, and the
 * link's text for /Contents in *contents. */
int pdf_tag_annot(struct pdf_tags *t, size_t seg, void *annot, size_t page,
	const char **contents);

/* --- writing --- */

/* What the document metadata says, the same in /Info and in XMP. */
struct pdf_meta_text {
	const char *title;
	const char *author;          /* the contact officers; NULL: none */
	const char *subject;         /* the purpose; NULL: none */
	const char *lang;            /* BCP 47 */
	const char *creator_tool;
	const char *producer;
	bool has_date;               /* from SOURCE_DATE_EPOCH only */
	int64_t epoch;               /* seconds since 1970 UTC */
};

/* Writes the tree into the document `pdf` (an HPDF_Doc) whose drawn
 * pages are `pages` (HPDF_Page each): the elements, as raw dictionaries
 * of `raws` (pdf_hpdf.h), the ParentTree, /MarkInfo and /StructTreeRoot
 * in the catalog. */
struct pdf_raws;
void pdf_tag_write(const struct pdf_tags *t, void *pdf, struct pdf_raws *raws,
	void *const *pages, size_t npages);
/* Then, once the tree is freed (a page's two entries are some 350 bytes
 * of libharu's), /StructParents and /Tabs /S on every page. */
void pdf_tag_write_pages(void *const *pages, size_t npages);

/* The XMP packet (ISO 16684-1) for the metadata, PDF/UA-1 identified. */
void pdf_tag_xmp(const struct pdf_meta_text *m, struct bp_buf *out);

/* The structure tree as text, one element a line, for golden tests. */
void pdf_tag_dump(const struct pdf_tags *t, struct bp_buf *out);

#endif
