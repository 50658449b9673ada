/* The one door to libharu's internal structures: every call the PDF
 * back-end needs that the library's public API lacks.
 *
 * Only src/pdf_hpdf.c includes libharu's internal headers; every other
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
#include <stdint.h>

#define PDF_HPDF_CHECKED_VERSION "2.3.0"
/* HPDF_STREAM_EOF, which hpdf_error.h (internal) defines: the status
 * HPDF_ReadFromStream returns at the end */
#define PDF_HPDF_STREAM_EOF 0x1058

/* The font definition libharu loaded under `name`, or NULL. */
HPDF_FontDef pdf_hpdf_font_def(HPDF_Doc pdf, const char *name);
/* The glyph id of a BMP code point in a TrueType definition, 0 when the
 * font has none. */
unsigned pdf_hpdf_glyph_id(HPDF_FontDef def, uint16_t cp);
/* The advance width of a BMP code point, in 1/1000 em. */
int pdf_hpdf_char_width(HPDF_FontDef def, uint16_t cp);

/* Replaces the invalid ToUnicode CMap of a UTF-8 CID font. */
void pdf_hpdf_fix_tounicode(HPDF_Font font);
/* Gives a simple font a ToUnicode CMap: map[code] for each code with
 * used[code] set. */
void pdf_hpdf_add_tounicode(HPDF_Doc pdf, HPDF_Font font,
	const unsigned char *used, const HPDF_UNICODE *map);
/* Compresses the font program of `def` (drawn through `font`) now, at
 * zlib level `level`.  True when it got as far as reading the program,
 * after which it resets libharu's error state (a short read ends in
 * "EOF"): call it only when no error is pending. */
bool pdf_hpdf_deflate_font_file(HPDF_Doc pdf, HPDF_Font font,
	HPDF_FontDef def, int level);
/* /Lang and /ViewerPreferences << /DisplayDocTitle true >>. */
void pdf_hpdf_set_catalog_extras(HPDF_Doc pdf, const char *lang);
/* Makes `dst` [page /XYZ left top null]. */
void pdf_hpdf_set_xyz_null(HPDF_Doc pdf, HPDF_Destination dst, double left,
	double top);

#endif
