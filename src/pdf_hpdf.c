/* libharu's internals, in one place: the calls the PDF back-end needs that
 * libharu 2.3.0's public API lacks (see pdf_hpdf.h for the rules).
 *
 * Each function reaches into structures that hpdf.h declares only when
 * HPDF_SHARED is not defined.  Each was checked against libharu 2.3.0 (see
 * shared/reference/libharu-2.3.0.md, §A); re-check them on a new version.
 */
#include <stdio.h>
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_font.h>
#include <zlib.h>

#include "internal.h"
#include "pdf_hpdf.h"

_Static_assert(PDF_HPDF_STREAM_EOF == HPDF_STREAM_EOF,
    "HPDF_STREAM_EOF changed: re-check pdf_hpdf.c");
_Static_assert(PDF_HPDF_INVALID_FONTDEF_DATA == HPDF_INVALID_FONTDEF_DATA,
    "HPDF_INVALID_FONTDEF_DATA changed: re-check pdf_hpdf.c");

HPDF_FontDef
pdf_hpdf_font_def(HPDF_Doc pdf, const char *name)
{
	return HPDF_GetFontDef(pdf, name);
}

unsigned
pdf_hpdf_glyph_id(HPDF_FontDef def, uint16_t cp)
{
	return HPDF_TTFontDef_GetGlyphid(def, cp);
}

int
pdf_hpdf_char_width(HPDF_FontDef def, uint16_t cp)
{
	return (int)HPDF_TTFontDef_GetCharWidth(def, cp);
}

/* libharu writes its ToUnicode CMap with `begincidrange`, which is not
 * valid there (poppler warns once per font).  Replace it with identity
 * `bfrange` lines (codes are Unicode code points), skipping surrogates. */
void
pdf_hpdf_fix_tounicode(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Stream s;
	char line[40];
	int n = 0;

	if (attr == NULL || attr->cmap_stream == NULL)
		return;
	s = attr->cmap_stream->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n/CIDSystemInfo\n"
	    "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (n % 100 == 0)
			HPDF_Stream_WriteStr(s, n == 0 ? "100 beginbfrange\n" :
			    n == 200 ? "endbfrange\n48 beginbfrange\n" :
			    "endbfrange\n100 beginbfrange\n");
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
		    hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		n++;
	}
	HPDF_Stream_WriteStr(s, "endbfrange\nendcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* libharu writes no ToUnicode for simple TrueType fonts, leaving text
 * extraction to glyph names, which are ambiguous for a few characters
 * (soft hyphen, t with comma below): map each code drawn to its code
 * point. */
void
pdf_hpdf_add_tounicode(HPDF_Doc pdf, HPDF_Font font,
	const unsigned char *used, const HPDF_UNICODE *map)
{
	HPDF_Dict cm = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	char line[40];
	int n = 0, total = 0;

	if (cm == NULL)
		return;
	cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(cm->stream, "/CIDInit /ProcSet findresource "
	    "begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
	    "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
	for (int c = 0; c < 256; c++)
		total += used[c] != 0;
	for (int c = 0; c < 256; c++) {
		if (!used[c])
			continue;
		if (n % 100 == 0) {
			snprintf(line, sizeof(line), "%s%d beginbfchar\n",
			    n ? "endbfchar\n" : "", total - n < 100 ?
			    total - n : 100);
			HPDF_Stream_WriteStr(cm->stream, line);
		}
		snprintf(line, sizeof(line), "<%02X> <%04X>\n", c,
		    (unsigned)map[c]);
		HPDF_Stream_WriteStr(cm->stream, line);
		n++;
	}
	HPDF_Stream_WriteStr(cm->stream, "endbfchar\nendcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Dict_Add(font, "ToUnicode", cm);
}

static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* The subset tag in the fonts' names ("HPDFAB+LiberationSans-Bold"),
 * which libharu gives out in the order fonts are loaded: set per face
 * instead, a paper's bytes do not depend on which faces an earlier paper
 * of the same worker loaded first. */
void
pdf_hpdf_set_tag(HPDF_FontDef def, char last)
{
	char tag[7] = "HPDFAA";

	tag[5] = last;
	HPDF_TTFontDef_SetTagName(def, tag);
}

/* Makes the face's font descriptor, with `font` as its FontFile2, before
 * libharu would make its own with a copy of the whole font: the simple
 * and CID fonts of the face then both take this one.  The entries are
 * those libharu writes for a TrueType font.  The program is deflated here
 * at a level that suits font data (libharu would use zlib's default) and
 * written as it is, with the /Filter entry added by the dictionary's
 * write hook. */
void
pdf_hpdf_embed_font_file(HPDF_Doc pdf, HPDF_FontDef def, const char *font,
	size_t len, int level)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict desc, ff;
	uLongf zlen = compressBound(len);
	unsigned char *z;
	HPDF_STATUS ret = 0;

	if (def->descriptor != NULL || (desc = HPDF_Dict_New(pdf->mmgr)) ==
	    NULL)
		return;
	ret += HPDF_Xref_Add(pdf->xref, desc);
	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height);
	ret += HPDF_Dict_AddNumber(desc, "Flags", def->flags);
	ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(pdf->mmgr,
	    def->font_bbox));
	ret += HPDF_Dict_AddName(desc, "FontName", attr->base_font);
	ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret += HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	if (ret != HPDF_OK || (ff = HPDF_DictStream_New(pdf->mmgr,
	    pdf->xref)) == NULL)
		return;
	ret += HPDF_Dict_Add(desc, "FontFile2", ff);
	ret += HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len);
	z = bp_xmalloc(zlen);
	if (compress2(z, &zlen, (const Bytef *)font, len, level) == Z_OK) {
		ret += HPDF_Stream_Write(ff->stream, z, (HPDF_UINT)zlen);
		ff->filter = HPDF_STREAM_FILTER_NONE;
		ff->write_fn = write_flate_filter;
	} else
		ret += HPDF_Stream_Write(ff->stream, (const HPDF_BYTE *)font,
		    (HPDF_UINT)len);
	free(z);
	if (ret == HPDF_OK)
		def->descriptor = desc;
}

/* /Lang and /ViewerPreferences << /DisplayDocTitle true >> in the
 * catalog: neither has a setter. */
void
pdf_hpdf_set_catalog_extras(HPDF_Doc pdf, const char *lang)
{
	HPDF_Dict vp;

	HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, lang,
	    NULL));
	vp = HPDF_Dict_New(pdf->mmgr);
	if (vp == NULL)
		return;
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
}

/* [page /XYZ left top null]: keeps the reader's zoom.  The public setter
 * refuses a zoom of 0 (error 0x1039), so the array is rewritten. */
void
pdf_hpdf_set_xyz_null(HPDF_Doc pdf, HPDF_Destination dst, double left,
	double top)
{
	void *page;

	HPDF_Destination_SetXYZ(dst, (HPDF_REAL)left, (HPDF_REAL)top, 1);
	page = HPDF_Array_GetItem(dst, 0, HPDF_OCLASS_DICT);
	if (page == NULL)
		return;
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, page);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, (HPDF_REAL)left);
	HPDF_Array_AddReal(dst, (HPDF_REAL)top);
	HPDF_Array_Add(dst, HPDF_Null_New(pdf->mmgr));
}
