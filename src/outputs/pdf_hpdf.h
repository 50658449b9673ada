/* The one door to libharu's internal structures: every call the PDF
 * back-end needs that the library's public API lacks.
 *
 * Only src/outputs/pdf_hpdf.c includes libharu's internal headers; every other
 * file includes hpdf.h with HPDF_SHARED defined, which declares the
 * documented API with opaque handles, so a stray use of an internal field
 * does not compile.  The handles below are those public typedefs (void *
 * there, pointers to the internal structures in pdf_hpdf.c), the same
 * convention libharu's own headers follow for shared-library users.
 *
 * Checked against libharu PDF_HPDF_CHECKED_VERSION (Debian libhpdf-dev
 * 2.3.0+dfsg-1+b1, shared/reference/libharu-2.3.0.md §A).  tests/
 * suite-hpdf.sh fails when the installed version or the internal headers
 * these calls rely on change: re-check each call, then update it.
 */
#ifndef BOARDPAPER_PDF_HPDF_H
#define BOARDPAPER_PDF_HPDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/buf.h"

struct pdf_deflater; /* pdf_deflate.h */
struct bp_subsetter; /* ttf_subset.h */
struct pdf_raws;

#define PDF_HPDF_CHECKED_VERSION "2.3.0"
/* HPDF_STREAM_EOF, which hpdf_error.h (internal) defines: the status
 * HPDF_ReadFromStream returns at the end */
#define PDF_HPDF_STREAM_EOF 0x1058
/* HPDF_INVALID_FONTDEF_DATA: a font file libharu could not load */
#define PDF_HPDF_INVALID_FONTDEF_DATA 0x102D

/* The font definition libharu loaded under `name`, or NULL. */
HPDF_FontDef pdf_hpdf_font_def(HPDF_Doc pdf, const char *name);
/* The glyph id of a BMP code point in a TrueType definition, 0 when the
 * font has none. */
unsigned pdf_hpdf_glyph_id(HPDF_FontDef def, uint16_t cp);
/* The advance width of a BMP code point, in 1/1000 em. */
int pdf_hpdf_char_width(HPDF_FontDef def, uint16_t cp);
void pdf_hpdf_char_box(HPDF_FontDef def, uint16_t cp, int box[4]);
void pdf_hpdf_show_mark(HPDF_Page page, const char *codes, double size,
	double dx, double rise);
/* The font's ascent and descent (positive below the baseline), in 1/1000
 * em, as libharu read them from the font file. */
void pdf_hpdf_font_metrics(HPDF_FontDef def, int *ascent, int *descent);
/* What the font descriptor of a TrueType definition says of it, as
 * libharu (or its stand-in) read it: heights and widths in 1/1000 em. */
struct pdf_hpdf_font_facts {
	int cap_height, x_height, stemv, missing_width;
	int bbox[4];           /* left, bottom, right, top */
	unsigned flags;        /* the PDF's /Flags */
};
void pdf_hpdf_font_facts(HPDF_FontDef def, struct pdf_hpdf_font_facts *f);

/* Replaces the invalid ToUnicode CMap of a UTF-8 CID font. */
void pdf_hpdf_fix_tounicode(HPDF_Font font);
/* A stream object of the `len` bytes of a CMap at `data`, `deflated`
 * already or to be deflated by libharu; NULL when libharu failed (its
 * error is recorded). */
void *pdf_hpdf_tounicode_stream(HPDF_Doc pdf, const unsigned char *data,
	size_t len, bool deflated);
/* Gives a simple font that ToUnicode stream. */
void pdf_hpdf_set_tounicode(HPDF_Font font, void *cmap);
/* Loads the TrueType font the subsetter `sub` opened, which must stay
 * open until the document is freed, for embedding, with a placeholder
 * subset tag that lasts until pdf_hpdf_set_tag names the subset; its name
 * for HPDF_GetFont, or NULL (the error is libharu's).  *by_stand_in
 * (unless NULL): it was loaded the fast way, from the tables the
 * subsetter checked, not by libharu's own reader. */
const char *pdf_hpdf_load_font(HPDF_Doc pdf, const struct bp_subsetter *sub,
	bool *by_stand_in);
/* Gives the fonts made from `def` from now on, and its font descriptor
 * (pdf_hpdf_embed_font_file), the subset tag `tag`, six capital letters:
 * they are named tag + "+" + the PostScript name of the font `sub` opened
 * (bp_subsetter_ps_name; when it has none, libharu's name without its
 * style suffix, less what a PostScript name may not hold). */
void pdf_hpdf_set_tag(HPDF_FontDef def, const struct bp_subsetter *sub,
	const char *tag);
/* Renames `font`, made before its definition took the tag it has now
 * (pdf_hpdf_set_tag), by that tag. */
void pdf_hpdf_rename_font(HPDF_Font font);
/* An image XObject of `width` x `height` 8-bit samples, grey or RGB,
 * already deflated (`zlen` bytes at `z`) and written as they are: libharu's
 * raw loader would hold an uncompressed copy until the document is saved.
 * NULL when libharu failed (its error is set). */
HPDF_Image pdf_hpdf_deflated_image(HPDF_Doc pdf, const unsigned char *z,
	size_t zlen, uint32_t width, uint32_t height, bool grey);
/* Gives `def` its font descriptor now, with the `len` bytes of `font` (a
 * TrueType file) as its FontFile2, not deflated: the fonts made from
 * `def` take it instead of libharu's own embedding. */
void pdf_hpdf_embed_font_file(HPDF_Doc pdf, HPDF_FontDef def,
	const char *font, size_t len);
/* Sets a string of the document information dictionary, or makes a
 * bookmark: a UTF-8 text written as it is when it is ASCII and as
 * UTF-16BE otherwise, with no encoder (libharu's UTF-8 one costs as much
 * to set up as a small paper's layout). */
void pdf_hpdf_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8);
/* The bookmarks' root, a raw dictionary (below) in the catalog's
 * /Outlines: libharu's own outline objects cost 1.5 KB a bookmark. */
void *pdf_hpdf_outline_root(HPDF_Doc pdf, struct pdf_raws *r);
/* Appends a text string as libharu writes it (pdf_hpdf_set_info). */
void pdf_hpdf_text_value(HPDF_Doc pdf, struct bp_buf *out,
	const char *utf8);
/* /Lang and /ViewerPreferences << /DisplayDocTitle true >>. */
void pdf_hpdf_set_catalog_extras(HPDF_Doc pdf, const char *lang);
/* Makes `dst` [page /XYZ left top null]. */
void pdf_hpdf_set_xyz_null(HPDF_Doc pdf, HPDF_Destination dst, double left,
	double top);

/* --- objects, for the structure tree and the metadata ---------------------
 *
 * A small object API over libharu's own (hpdf_objects.h): dictionaries and
 * arrays are `void *` here (HPDF_Dict and HPDF_Array inside).  An indirect
 * object is added to the file's cross-reference table, and is written as a
 * reference wherever it is put; a direct one may be put in one place only.
 * Pages and annotations are dictionaries too.  Failures are recorded in the
 * document's error state, as libharu's own calls record them.
 */
void *pdf_hpdf_dict(HPDF_Doc pdf, bool indirect);
void *pdf_hpdf_catalog(HPDF_Doc pdf);
/* Raw dictionaries: indirect dictionaries whose entries are PDF source
 * set once with pdf_hpdf_raw_set, for objects made by the hundred (the
 * structure tree's elements, the bookmarks).  They are no libharu
 * objects, but references to them (pdf_hpdf_ref, pdf_hpdf_put) are
 * written as to any other; numbered after libharu's objects, which must
 * all be made first (pdf_hpdf_raws_begin); written into the file's
 * object streams by the packer (pdf_hpdf_raw_objects).  A document has
 * one store of them. */
struct pdf_raws;
struct pdf_raws *pdf_raws_new(void);
void pdf_raws_free(struct pdf_raws *r); /* accepts NULL */
/* From now on the document makes no indirect libharu object. */
void pdf_hpdf_raws_begin(HPDF_Doc pdf, struct pdf_raws *r);
/* Whether it kept to that: the raw dictionaries' numbers are free. */
bool pdf_hpdf_raws_fit(HPDF_Doc pdf, const struct pdf_raws *r);
/* A new one, written "<<\n>>" until set; NULL before pdf_hpdf_raws_begin
 * or past libharu's limit on objects. */
void *pdf_hpdf_raw_dict(struct pdf_raws *r);
/* Its entries, copied: `body` such as "/S /P\n/K 3\n". */
void pdf_hpdf_raw_set(struct pdf_raws *r, void *dict, const char *body,
	size_t len);
/* The same written in place, never held twice (a cell a letter a line
 * long has megabytes of MCRs): the entries are appended to the buffer
 * begin returns (NULL when `dict` is none of the store's), then end;
 * nothing else is set in between. */
struct bp_buf *pdf_hpdf_raw_begin(struct pdf_raws *r, void *dict);
void pdf_hpdf_raw_end(struct pdf_raws *r, void *dict);
/* The store as the packer takes it; false when its memory failed or one
 * could not be made (then the document cannot be written whole). */
struct pdf_objstm_extra;
bool pdf_hpdf_raw_objects(const struct pdf_raws *r,
	struct pdf_objstm_extra *x);
/* Appends a number in decimal, without printf. */
void pdf_hpdf_uint(struct bp_buf *out, unsigned long v);
/* Appends the reference to an indirect object: "12 0 R". */
void pdf_hpdf_ref(struct bp_buf *out, const void *obj);
/* Appends a text string in hex: <FEFF...>, UTF-16BE. */
void pdf_hpdf_text_hex(struct bp_buf *out, const char *utf8);
void pdf_hpdf_put(void *dict, const char *key, void *obj);
void pdf_hpdf_put_name(void *dict, const char *key, const char *name);
void pdf_hpdf_put_int(void *dict, const char *key, int value);
void pdf_hpdf_put_bool(void *dict, const char *key, bool value);
/* A text string: UTF-16BE with its byte-order mark, written in hex. */
void pdf_hpdf_put_text(HPDF_Doc pdf, void *dict, const char *key,
	const char *utf8);

/* Appends content-stream operators to a page, as they are. */
void pdf_hpdf_page_ops(HPDF_Page page, const char *ops);
/* The header says %PDF-1.7 (tagged PDF, PDF/UA-1). */
void pdf_hpdf_set_pdf17(HPDF_Doc pdf);
/* The catalog's /Metadata: an XMP packet, uncompressed so that any tool
 * can find it. */
void pdf_hpdf_set_metadata(HPDF_Doc pdf, const char *xml, size_t len);
/* A fingerprint of content streams: CRC-32, Adler-32 and length of their
 * bytes, one after another. */
struct pdf_hpdf_print {
	unsigned long crc, adler, len;
};
void pdf_hpdf_print_init(struct pdf_hpdf_print *print);
/* HPDF_Page_SetFontAndSize's operator and state, without its 512-byte
 * memset on every call. */
void pdf_hpdf_set_font(HPDF_Page page, HPDF_Font font, double size);
/* A real as libharu writes it in content streams (HPDF_FToA), the way the
 * operators below write theirs; returns its length. */
size_t pdf_hpdf_real(char out[HPDF_REAL_LEN + 2], float val);
/* HPDF_Page_BeginText, HPDF_Page_EndText, HPDF_Page_MoveTo and
 * HPDF_Page_LineTo: the same operators and state, without libharu's
 * stream writes (a 512-byte buffer cleared a byte at a time for m and l). */
void pdf_hpdf_begin_text(HPDF_Page page);
void pdf_hpdf_end_text(HPDF_Page page);
/* Whether a text object is open on the page (HPDF_Page_GetGMode, without
 * its validation of the page). */
bool pdf_hpdf_in_text(HPDF_Page page);
/* A line of text begins: its first move (pdf_hpdf_show) puts it where
 * a text object of its own would. */
void pdf_hpdf_begin_line(HPDF_Page page);
/* Whether lines may share a text object on the page: only where the
 * content stream is ours (libharu's TextOut moves by its float's
 * relative Td, which lands elsewhere than a text object of its own). */
bool pdf_hpdf_shares_text(HPDF_Page page);
void pdf_hpdf_move_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y);
void pdf_hpdf_line_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y);
/* Shows a simple font's codes as HPDF_Page_TextOut at (x, y) (`move`) or
 * HPDF_Page_ShowText would, without measuring them; then, before saving,
 * pdf_hpdf_record_widths with every code drawn in that font. */
void pdf_hpdf_show(HPDF_Page page, bool move, double x, double y,
	const char *codes);
void pdf_hpdf_record_widths(HPDF_Font font, const unsigned char *used);
/* The trailer's /ID: twice the MD5 of the fingerprint of every page's
 * content stream (as drawn, before compression) and of `extra` (the
 * metadata), so that the same document always gets the same identifier
 * and different ones different identifiers. */
void pdf_hpdf_set_content_id(HPDF_Doc pdf, const struct pdf_hpdf_print *pages,
	const void *extra, size_t len);

/* Object numbers held for `n` pages, made later one at a time as they
 * are drawn (pdf_hpdf_add_held_page), in the order they were held: the
 * first number's index, or SIZE_MAX when libharu failed (its error is
 * recorded). */
size_t pdf_hpdf_hold_pages(HPDF_Doc pdf, size_t n);
/* Adds page `p` (0-based) of those held from `held` as HPDF_AddPage does,
 * numbered as if it had been made when they were held; NULL when libharu
 * failed. */
HPDF_Page pdf_hpdf_add_held_page(HPDF_Doc pdf, size_t held, size_t p);

/* A page's content stream while it is drawn, and where readers stand in
 * the text object open in it.  Consecutive lines share one text object,
 * each moved to from the one before, so a reader adds the moves up; each
 * reader does so in its own arithmetic, and pdftotext's reading order
 * turns on exact equalities (a list's label ends exactly 1 em before its
 * text; its lines are exactly 1.5 em apart), so a line's first move is
 * relative only when it lands where the absolute one did when each line
 * was a text object of its own, to the last bit, both as poppler and as
 * PDF.js read numbers and add them up (pdf_hpdf.c, move_is_exact); else
 * the text object is ended and another begun for the line, which then
 * moves as it did.  Either way every move on the line, its later
 * fragments' too, lands where it did then, in both readers' arithmetic
 * (tests/pdf/positions.py checks it against a373288's output). */
struct pdf_hpdf_content {
	struct bp_buf ops;     /* the content stream */
	long x, y;             /* the line's start as written: 1/100000 pt */
	long leading;          /* set by the last TD in the text object,
	                        * 1/100000 pt; 0: none */
	double line_x, line_y; /* poppler: the moves since BT, summed */
	double js_x, js_y;     /* PDF.js: the line's start */
	size_t line_at;        /* where in ops the line began */
	bool fresh;            /* a line begins (pdf_hpdf_begin_line) */
};
/* Before anything is drawn on `page`: its content stream goes into
 * `content` (its ops emptied first) until pdf_hpdf_finish_page, which
 * takes it from there. */
void pdf_hpdf_begin_page(HPDF_Doc pdf, HPDF_Page page,
	struct pdf_hpdf_content *content);
/* A page drawn to its end: its content stream is added to `print` and
 * deflated now, the same bytes libharu's save would write, so that the
 * document holds it compressed (a page of text is about a tenth of its
 * size so).  Nothing may be drawn on the page afterwards. */
void pdf_hpdf_finish_page(HPDF_Doc pdf, struct pdf_deflater *zd,
	HPDF_Page page, struct pdf_hpdf_print *print);
/* Writes the file, appending it to `file` as libharu writes it; -1 when
 * libharu failed (its error is recorded). */
int pdf_hpdf_save(HPDF_Doc pdf, struct bp_buf *file);

#endif
