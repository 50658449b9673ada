/* libharu's internals, in one place: the calls the PDF back-end needs that
 * libharu 2.3.0's public API lacks (see pdf_hpdf.h for the rules).
 *
 * Each function reaches into structures that hpdf.h declares only when
 * HPDF_SHARED is not defined.  Each was checked against libharu 2.3.0 (see
 * shared/reference/libharu-2.3.0.md, §A); re-check them on a new version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>

#include "boardpaper/buf.h"
#include "boardpaper/layout.h"
#include "internal.h"
#include "pdf_hpdf.h"
#include "pdf_deflate.h"
#include "pdf_objstm.h"
#include "ttf_subset.h"

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

/* A glyph's outline box, in 1/1000 em: left, bottom, right, top. */
void
pdf_hpdf_char_box(HPDF_FontDef def, uint16_t cp, int box[4])
{
	HPDF_Box b = HPDF_TTFontDef_GetCharBBox(def, cp);

	box[0] = (int)b.left;
	box[1] = (int)b.bottom;
	box[2] = (int)b.right;
	box[3] = (int)b.top;
}

void
pdf_hpdf_font_facts(HPDF_FontDef def, struct pdf_hpdf_font_facts *f)
{
	f->cap_height = def->cap_height;
	f->x_height = def->x_height;
	f->flags = (unsigned)def->flags;
	f->stemv = def->stemv;
	f->missing_width = def->missing_width;
	f->bbox[0] = (int)def->font_bbox.left;
	f->bbox[1] = (int)def->font_bbox.bottom;
	f->bbox[2] = (int)def->font_bbox.right;
	f->bbox[3] = (int)def->font_bbox.top;
}

void
pdf_hpdf_font_metrics(HPDF_FontDef def, int *ascent, int *descent)
{
	*ascent = def->ascent;
	*descent = -def->descent;
}

/* The name of a font whose name 6 gives no PostScript name: libharu's,
 * read from the same records, without the ",Bold" or ",Italic" it adds
 * for a face not Regular, and less what a PostScript name may not hold
 * (a space, which libharu would write unescaped in the name, ending it);
 * "Font" when nothing is left. */
static void
fallback_ps_name(HPDF_FontDef def, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = def->base_font; *p != '\0' && *p != ',' &&
	    n + 1 < size; p++)
		if (bp_ps_name_char((unsigned char)*p))
			out[n++] = *p;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "Font");
}

/* The subset's name is the tag, "+" and the font's PostScript name
 * (ISO 32000-1 9.6.4), which is the font program's own name: libharu's
 * (SetTagName) adds a ",Bold" or ",Italic" to a face not Regular, the
 * way a TrueType font not embedded is named by family and style (9.6.3),
 * and pre-flight tools flag an embedded font named apart from its
 * program.  libharu's lookup name (def->base_font) is left as it is. */
void
pdf_hpdf_set_tag(HPDF_FontDef def, const struct bp_subsetter *sub,
	const char *tag)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	char t[7], ps[HPDF_LIMIT_MAX_NAME_LEN + 1 - 7];

	memcpy(t, tag, 6);
	t[6] = '\0';
	HPDF_TTFontDef_SetTagName(def, t);
	if (bp_subsetter_ps_name(sub, ps, sizeof(ps)) == 0)
		fallback_ps_name(def, ps, sizeof(ps));
	snprintf(attr->base_font, sizeof(attr->base_font), "%s+%s", t, ps);
}

/* libharu writes a font's name into its dictionaries as it makes it: a
 * simple font's /BaseFont, a CID font's and its descendant's. */
void
pdf_hpdf_rename_font(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	const char *name =
	    ((HPDF_TTFontDefAttr)attr->fontdef->attr)->base_font;
	HPDF_Dict dicts[2] = { font, attr->descendant_font };

	for (int i = 0; i < 2; i++) {
		HPDF_Name n = dicts[i] == NULL ? NULL :
		    HPDF_Dict_GetItem(dicts[i], "BaseFont", HPDF_OCLASS_NAME);
		/* a failure (a name over libharu's limit, which set_tag's
		 * cap rules out) is recorded in the document's error, which
		 * is sticky: the save that follows fails and says so */
		if (n != NULL && HPDF_Name_SetValue(n, name) != HPDF_OK)
			return;
	}
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

/* A real as libharu 2.3.0 writes it (HPDF_FToA: clamped to +-32767, five
 * decimals rounded up at the sixth, trailing zeros and point dropped), so
 * the operators below are the bytes libharu would write.  HPDF_FToA's own
 * steps, for the parts as HPDF_FToA computes them. */
static char *
put_real_slow(char *s, HPDF_INT32 int_val, HPDF_INT32 fpart_val)
{
	char buf[HPDF_REAL_LEN + 1], *t = buf + HPDF_REAL_LEN, *start = s;

	*t-- = 0;
	for (int i = 0; i < 5; i++) {
		*t-- = (char)(fpart_val % 10 + '0');
		fpart_val /= 10;
	}
	*t-- = '.';
	*t = '0';
	if (int_val == 0)
		t--;
	while (int_val > 0) {
		*t-- = (char)(int_val % 10 + '0');
		int_val /= 10;
	}
	for (t++; *t != 0;)
		*s++ = *t++;
	for (s--; s > start; s--) { /* the zeros after the point */
		if (*s == '0')
			continue;
		if (*s != '.')
			s++;
		break;
	}
	return s;
}

/* libharu's own arithmetic (HPDF_FToA): `val` clamped to its range, then
 * the whole part and five decimals of its magnitude, in *int_val and
 * *fpart_val (out of 0..99999 only by float rounding, which
 * put_real_slow writes as libharu does).  Returns whether it is negative. */
static bool
hpdf_split(HPDF_REAL val, HPDF_INT32 *int_val, HPDF_INT32 *fpart_val)
{
	bool neg;

	if (val > HPDF_LIMIT_MAX_REAL)
		val = HPDF_LIMIT_MAX_REAL;
	else if (val < HPDF_LIMIT_MIN_REAL)
		val = HPDF_LIMIT_MIN_REAL;
	if ((neg = val < 0))
		val = -val;
	*int_val = (HPDF_INT32)(val + 0.000005);
	*fpart_val = (HPDF_INT32)((HPDF_REAL)(val - *int_val + 0.000005) *
	    100000);
	return neg;
}

/* A whole part under 100 000 and five decimals as libharu writes them,
 * forwards: no leading zeros, none after the last decimal, no point
 * when there is none. */
static char *
put_digits(char *s, unsigned long i, unsigned f)
{
	if (i >= 10000)
		*s++ = (char)('0' + i / 10000);
	if (i >= 1000)
		*s++ = (char)('0' + i / 1000 % 10);
	if (i >= 100)
		*s++ = (char)('0' + i / 100 % 10);
	if (i >= 10)
		*s++ = (char)('0' + i / 10 % 10);
	*s++ = (char)('0' + i % 10);
	if (f == 0)
		return s;
	*s++ = '.';
	for (unsigned div = 10000; f != 0; div /= 10) { /* to the last digit */
		*s++ = (char)('0' + f / div);
		f %= div;
	}
	return s;
}

static char *
put_real(char *s, HPDF_REAL val)
{
	HPDF_INT32 int_val, fpart_val;

	if (hpdf_split(val, &int_val, &fpart_val))
		*s++ = '-';
	if (int_val < 0 || int_val > 99999 || fpart_val < 0 ||
	    fpart_val > 99999)
		return put_real_slow(s, int_val, fpart_val);
	return put_digits(s, (unsigned long)int_val, (unsigned)fpart_val);
}

size_t
pdf_hpdf_real(char out[HPDF_REAL_LEN + 2], float val)
{
	char *end = put_real(out, val);

	*end = '\0';
	return (size_t)(end - out);
}

/* --- page content ----------------------------------------------------------
 *
 * A page's content stream is written straight into a buffer of ours (the
 * document's, reused page after page) through a callback stream put in
 * place of libharu's memory stream (pdf_hpdf_begin_page): libharu's
 * operators reach the buffer through the stream's write function, ours
 * are appended to it directly.  The memory stream filled 4 KB blocks a
 * byte at a time (HPDF_MemCpy), and they were copied whole once more to
 * be deflated. */

static HPDF_STATUS
write_to_buf(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	struct bp_buf *b = stream->attr;

	bp_buf_put(b, ptr, size);
	return b->failed ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

static HPDF_STATUS
write_to_content(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	struct pdf_hpdf_content *c = stream->attr;

	bp_buf_put(&c->ops, ptr, size);
	return c->ops.failed ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* The page's content as it is drawn; NULL while it is libharu's own
 * memory stream. */
static struct pdf_hpdf_content *
content_of(HPDF_PageAttr attr)
{
	HPDF_Stream s = attr->stream;

	return s != NULL && s->type == HPDF_STREAM_CALLBACK &&
	    s->write_fn == write_to_content ? s->attr : NULL;
}

/* The buffer the page's content goes to, or NULL (content_of). */
static struct bp_buf *
content_buf(HPDF_PageAttr attr)
{
	struct pdf_hpdf_content *c = content_of(attr);

	return c != NULL ? &c->ops : NULL;
}

/* Appends `len` bytes of operators to the page's content. */
static void
put_ops(HPDF_PageAttr attr, const char *ops, size_t len)
{
	struct bp_buf *b = content_buf(attr);

	if (b == NULL) {
		HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops,
		    (HPDF_UINT)len);
		return;
	}
	bp_buf_put(b, ops, len);
	attr->stream->size += (HPDF_UINT)len;
}

/* HPDF_NEEDS_ESCAPE as a table, made by the compiler: the macro's
 * fourteen comparisons a byte were most of the cost of writing text. */
#define ESC1(c) (HPDF_NEEDS_ESCAPE((c)) ? 1 : 0)
#define ESC4(c) ESC1(c), ESC1(c + 1), ESC1(c + 2), ESC1(c + 3)
#define ESC16(c) ESC4(c), ESC4(c + 4), ESC4(c + 8), ESC4(c + 12)
#define ESC64(c) ESC16(c), ESC16(c + 16), ESC16(c + 32), ESC16(c + 48)
static const unsigned char needs_escape[256] = {
	ESC64(0), ESC64(64), ESC64(128), ESC64(192)
};

/* `len` bytes as HPDF_Stream_WriteEscapeText2 writes them: in
 * parentheses, each byte that needs it escaped as \ddd. */
static void
put_escaped(struct bp_buf *out, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;

	bp_buf_putc(out, '(');
	while (p < end) {
		const unsigned char *q = p;
		char esc[4];
		/* eight bytes a test: text rarely needs escaping */
		while (end - q >= 8 && !(needs_escape[q[0]] |
		    needs_escape[q[1]] | needs_escape[q[2]] |
		    needs_escape[q[3]] | needs_escape[q[4]] |
		    needs_escape[q[5]] | needs_escape[q[6]] |
		    needs_escape[q[7]]))
			q += 8;
		while (q < end && !needs_escape[*q])
			q++;
		bp_buf_put(out, p, (size_t)(q - p));
		if (q == end)
			break;
		esc[0] = '\\';
		esc[1] = (char)('0' + (*q >> 6));
		esc[2] = (char)('0' + ((*q >> 3) & 7));
		esc[3] = (char)('0' + (*q & 7));
		bp_buf_put(out, esc, sizeof(esc));
		p = q + 1;
	}
	bp_buf_putc(out, ')');
}

/* "(codes) Tj" as HPDF_Stream_WriteEscapeText and WriteStr write it:
 * at most HPDF_LIMIT_MAX_STRING_LEN bytes of the string, each byte that
 * needs it escaped as \ddd. */
static void
put_show(HPDF_PageAttr attr, const char *codes)
{
	struct bp_buf *b = content_buf(attr);
	const unsigned char *p = (const unsigned char *)codes, *end;
	size_t start;

	if (b == NULL) {
		HPDF_Stream_WriteEscapeText(attr->stream, codes);
		HPDF_Stream_WriteStr(attr->stream, " Tj\012");
		return;
	}
	end = p + strnlen(codes, HPDF_LIMIT_MAX_STRING_LEN);
	start = b->len;
	put_escaped(b, p, (size_t)(end - p));
	bp_buf_put(b, " Tj\012", 4);
	attr->stream->size += (HPDF_UINT)(b->len - start);
}

/* A combining mark of a CID font, moved by (dx, rise) points from the
 * text position and leaving it where it was: "[-dx <codes> dx] TJ", the
 * codes through the font's encoder as libharu's InternalWriteText writes
 * them, inside a text rise when raised.  libharu's own ShowText cannot
 * draw one: it writes nothing for a string whose width is 0, which is
 * what a combining mark alone is. */
void
pdf_hpdf_show_mark(HPDF_Page page, const char *codes, double size,
	double dx, double rise)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Font font = attr->gstate != NULL ? attr->gstate->font : NULL;
	HPDF_UINT len = HPDF_StrLen(codes, HPDF_LIMIT_MAX_STRING_LEN), n = len;
	const HPDF_BYTE *p = (const HPDF_BYTE *)codes;
	static const char hex[] = "0123456789ABCDEF";
	char *encoded = NULL, num[HPDF_REAL_LEN + 1];
	HPDF_Encoder en;
	struct bp_buf ops;

	if (font == NULL || attr->gmode != HPDF_GMODE_TEXT_OBJECT ||
	    ((HPDF_FontAttr)font->attr)->type != HPDF_FONT_TYPE0_TT ||
	    size <= 0)
		return;
	en = ((HPDF_FontAttr)font->attr)->encoder;
	if (en->encode_text_fn != NULL) {
		if ((encoded = en->encode_text_fn(en, codes, len, &n)) == NULL)
			return;
		p = (const HPDF_BYTE *)encoded;
	}
	bp_buf_init(&ops);
	if (rise != 0) {
		*put_real(num, (HPDF_REAL)rise) = '\0';
		bp_buf_printf(&ops, "%s Ts\012", num);
	}
	*put_real(num, (HPDF_REAL)(-dx * 1000 / size)) = '\0';
	bp_buf_printf(&ops, "[%s <", num);
	for (HPDF_UINT i = 0; i < n; i++) {
		bp_buf_putc(&ops, hex[p[i] >> 4]);
		bp_buf_putc(&ops, hex[p[i] & 15]);
	}
	*put_real(num, (HPDF_REAL)(dx * 1000 / size)) = '\0';
	bp_buf_printf(&ops, "> %s] TJ\012", num);
	if (rise != 0)
		bp_buf_puts(&ops, "0 Ts\012");
	if (!ops.failed)
		put_ops(attr, ops.data, ops.len);
	bp_buf_free(&ops);
	free(encoded);
}

void
pdf_hpdf_begin_page(HPDF_Doc pdf, HPDF_Page page,
	struct pdf_hpdf_content *content)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Stream s;

	if (attr->stream == NULL || attr->contents == NULL ||
	    attr->contents->stream != attr->stream ||
	    attr->stream->type != HPDF_STREAM_MEMORY ||
	    attr->stream->size != 0)
		return; /* left as it is */
	bp_buf_reset(&content->ops);
	if ((s = HPDF_CallbackWriter_New(pdf->mmgr, write_to_content,
	    content)) == NULL)
		return;
	HPDF_Stream_Free(attr->stream);
	attr->contents->stream = attr->stream = s;
}

/* What put_real writes for `val`, as a whole number of 1/100000 (its
 * five decimals), the sign and all. */
static long
real_units(HPDF_REAL val)
{
	HPDF_INT32 int_val, fpart_val;
	bool neg = hpdf_split(val, &int_val, &fpart_val);

	return (neg ? -1L : 1L) * ((long)int_val * 100000L + (long)fpart_val);
}

/* The longest number put_units writes: "-12345.12345". */
#define PUT_UNITS_MAX 12

/* `v` 1/100000 as put_real writes such a number ("-15", "106.87",
 * "774.23199"); the difference of two real_units() is under 100,000. */
static char *
put_units(char *s, long v)
{
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	if (v < 0)
		*s++ = '-';
	return put_digits(s, u / 100000 % 100000, (unsigned)(u % 100000));
}

/* `v` 1/100000 as poppler reads what put_units writes (Lexer::getObj):
 * the whole part, then each decimal digit times a scale that is divided
 * by ten at each digit, the sign last. */
static double
poppler_reads(long v)
{
	static const double scale[5] = { 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1,
		0.1 * 0.1 * 0.1 * 0.1, 0.1 * 0.1 * 0.1 * 0.1 * 0.1 };
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long f = u % 100000;
	double r = (double)(u / 100000);

	for (int k = 0; f != 0; k++) { /* the digits put_units writes */
		r = r + scale[k] * (double)(f / 10000);
		f = f % 10000 * 10;
	}
	return v < 0 ? -r : r;
}

/* ... and as PDF.js does (Lexer.getNumber): the digits as a whole number
 * divided by a power of ten, which is the double nearest the number. */
static double
pdfjs_reads(long v)
{
	return (double)v / 100000;
}

/* Where readers stand after BT: the text matrix and the line matrix are
 * the identity; the leading is graphics state and would persist, but no
 * T* relies on it before a TD sets it again. */
static void
reset_text(struct pdf_hpdf_content *c)
{
	c->x = c->y = c->leading = 0;
	c->line_x = c->line_y = c->js_x = c->js_y = 0;
}

/* Ends the text object and begins another where the line began
 * (c->line_at, before its marked content, which is then inside the new
 * one and nests), for a first move that is not exact (move_text).  What
 * was written between (BDC, Tf, a fill colour) is graphics state or
 * marked content, which a text object's end leaves as it was. */
static void
restart_text(struct pdf_hpdf_content *c, HPDF_PageAttr attr)
{
	size_t len = c->ops.len;

	put_ops(attr, "ET\012BT\012", 6);
	if (c->ops.len == len + 6) {
		memmove(c->ops.data + c->line_at + 6, c->ops.data + c->line_at,
		    len - c->line_at);
		memcpy(c->ops.data + c->line_at, "ET\012BT\012", 6);
	}
	reset_text(c);
}

/* Whether a line's first move, from where the last move left the line's
 * start (c->x, c->y) to (to_x, to_y), lands where a text object of its
 * own put it, to the last bit, in both readers' arithmetic: poppler's
 * (Gfx::opTextMove: the moves since BT summed, its Lexer reading each
 * number digit by digit) and PDF.js's (TextState.translateTextLineMatrix:
 * each move added to the line's start, its Lexer reading the digits as a
 * whole number divided by a power of ten).  Every coordinate is checked,
 * a zero move too: the sums a line's later fragments added need not be
 * the double the readers read from the line's last position. */
static bool
move_is_exact(const struct pdf_hpdf_content *c, long to_x, long to_y)
{
	long dx = to_x - c->x, dy = to_y - c->y;

	return c->line_x + poppler_reads(dx) == poppler_reads(to_x) &&
	    c->line_y + poppler_reads(dy) == poppler_reads(to_y) &&
	    pdfjs_reads(dx) + c->js_x == pdfjs_reads(to_x) &&
	    pdfjs_reads(dy) + c->js_y == pdfjs_reads(to_y);
}

/* Moves the start of the line (a plain text matrix) to (x, y) on the
 * page, the readers of the page finding it exactly where they found it
 * when every line was a text object of its own: its first move was
 * libharu's "x y Td" from the text object's start, the float of the
 * layout's double at five decimals, and a fragment's later in its line
 * libharu's "dx dy Td" from the float text matrix (kept in libharu's
 * text_matrix, as HPDF_Page_MoveTextPos keeps it).  Those later moves
 * are written as they were.  A line's first move (c->fresh) inside a
 * text object is written as the difference of the two numbers it moves
 * between when that is exact (move_is_exact); else the text object is
 * ended and another begun where the line began (c->line_at, before its
 * marked content), and the move is the absolute "x y Td" it was, so
 * that it and every later move on the line are the old arithmetic.  A
 * move down is TD, which sets the leading for the next line at the same
 * x and distance: T*.  All three operators add the move the same way. */
static void
move_text(struct pdf_hpdf_content *c, HPDF_PageAttr attr, double x,
	double y)
{
	/* the longest of "dx dy TD\n" and "T*\n": two of put_units' numbers
	 * (PUT_UNITS_MAX each) and the operator */
	char buf[2 * PUT_UNITS_MAX + sizeof(" TD\012")], *p = buf;
	HPDF_REAL fx, fy;
	long to_x, to_y, dx, dy;

	if (c->fresh)
		attr->text_matrix.x = attr->text_matrix.y = 0;
	fx = (HPDF_REAL)x - attr->text_matrix.x;
	fy = (HPDF_REAL)y - attr->text_matrix.y;
	attr->text_matrix.x += fx;
	attr->text_matrix.y += fy;
	attr->text_pos.x = attr->text_matrix.x;
	attr->text_pos.y = attr->text_matrix.y;
	if (c->fresh) {
		to_x = real_units(fx);
		to_y = real_units(fy);
		if (!move_is_exact(c, to_x, to_y))
			restart_text(c, attr);
	} else {
		to_x = c->x + real_units(fx);
		to_y = c->y + real_units(fy);
	}
	dx = to_x - c->x;
	dy = to_y - c->y;
	c->fresh = false;
	if (dx == 0 && dy != 0 && dy == -c->leading) {
		memcpy(p, "T*\012", 3); /* "0 -leading Td" */
		p += 3;
	} else {
		p = put_units(p, dx);
		*p++ = ' ';
		p = put_units(p, dy);
		memcpy(p, dy < 0 ? " TD\012" : " Td\012", 4);
		p += 4;
		if (dy < 0 && attr->gstate != NULL) {
			c->leading = -dy;
			attr->gstate->text_leading =
			    (HPDF_REAL)((double)-dy / 100000);
		}
	}
	put_ops(attr, buf, (size_t)(p - buf));
	c->line_x += poppler_reads(dx);
	c->line_y += poppler_reads(dy);
	c->js_x = pdfjs_reads(dx) + c->js_x;
	c->js_y = pdfjs_reads(dy) + c->js_y;
	c->x = to_x;
	c->y = to_y;
}

/* A text line begins: its first move is placed as if from a text object
 * of its own (move_text), which may end the text object here and begin
 * another (restart_text). */
void
pdf_hpdf_begin_line(HPDF_Page page)
{
	struct pdf_hpdf_content *c = content_of((HPDF_PageAttr)page->attr);

	if (c != NULL) {
		c->fresh = true;
		c->line_at = c->ops.len;
	}
}

bool
pdf_hpdf_shares_text(HPDF_Page page)
{
	return content_of((HPDF_PageAttr)page->attr) != NULL;
}

/* HPDF_Page_TextOut (move true) or HPDF_Page_ShowText, the move written
 * here (move_text) and, for a string of a simple TrueType font's codes,
 * the same "(codes) Tj" without the two passes ShowText makes over the
 * string to measure it (a third of drawing a page).  The widths that
 * measuring would have recorded for the font's /Widths are recorded at
 * the end (pdf_hpdf_record_widths).  A CID font's codes go to libharu's
 * ShowText (its encoder); anything else (no text object, a text matrix
 * that is not a plain move) to libharu whole. */
void
pdf_hpdf_show(HPDF_Page page, bool move, double x, double y,
	const char *codes)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_TransMatrix m = attr->text_matrix;
	HPDF_Font font = attr->gstate != NULL ? attr->gstate->font : NULL;
	struct pdf_hpdf_content *c = content_of(attr);

	if (c == NULL || font == NULL ||
	    attr->gmode != HPDF_GMODE_TEXT_OBJECT ||
	    m.a != 1 || m.b != 0 || m.c != 0 || m.d != 1) {
		if (move)
			HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y,
			    codes);
		else
			HPDF_Page_ShowText(page, codes);
		return;
	}
	if (move)
		move_text(c, attr, x, y);
	if (((HPDF_FontAttr)font->attr)->type != HPDF_FONT_TRUETYPE)
		HPDF_Page_ShowText(page, codes);
	else if (codes[0] != '\0')
		put_show(attr, codes);
}

/* HPDF_Page_BeginText, EndText, MoveTo and LineTo: the operators
 * written straight into the page's content, with the state libharu's
 * own functions keep (the text matrix and position, the current point,
 * the graphics mode).  libharu's own when the content is its stream or
 * the page is in a mode the operator is not allowed in (for its error). */
void
pdf_hpdf_begin_text(HPDF_Page page)
{
	static const HPDF_TransMatrix identity = { 1, 0, 0, 1, 0, 0 };
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	struct pdf_hpdf_content *c = content_of(attr);

	if (c == NULL || !(attr->gmode & HPDF_GMODE_PAGE_DESCRIPTION)) {
		HPDF_Page_BeginText(page);
		return;
	}
	put_ops(attr, "BT\012", 3);
	reset_text(c);
	c->fresh = true;
	c->line_at = c->ops.len;
	attr->gmode = HPDF_GMODE_TEXT_OBJECT;
	attr->text_pos.x = attr->text_pos.y = 0;
	attr->text_matrix = identity;
}

void
pdf_hpdf_end_text(HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (content_buf(attr) == NULL ||
	    !(attr->gmode & HPDF_GMODE_TEXT_OBJECT)) {
		HPDF_Page_EndText(page);
		return;
	}
	put_ops(attr, "ET\012", 3);
	attr->text_pos.x = attr->text_pos.y = 0;
	attr->gmode = HPDF_GMODE_PAGE_DESCRIPTION;
}

bool
pdf_hpdf_in_text(HPDF_Page page)
{
	return ((HPDF_PageAttr)page->attr)->gmode == HPDF_GMODE_TEXT_OBJECT;
}

/* "x y m" or "x y l" */
static void
put_point_op(HPDF_PageAttr attr, HPDF_REAL x, HPDF_REAL y, char op)
{
	char buf[2 * HPDF_REAL_LEN + 8], *p = buf;

	p = put_real(p, x);
	*p++ = ' ';
	p = put_real(p, y);
	*p++ = ' ';
	*p++ = op;
	*p++ = '\012';
	put_ops(attr, buf, (size_t)(p - buf));
	attr->cur_pos.x = x;
	attr->cur_pos.y = y;
}

void
pdf_hpdf_move_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (content_buf(attr) == NULL || !(attr->gmode &
	    (HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_PATH_OBJECT))) {
		HPDF_Page_MoveTo(page, x, y);
		return;
	}
	put_point_op(attr, x, y, 'm');
	attr->str_pos = attr->cur_pos;
	attr->gmode = HPDF_GMODE_PATH_OBJECT;
}

void
pdf_hpdf_line_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (content_buf(attr) == NULL ||
	    !(attr->gmode & HPDF_GMODE_PATH_OBJECT)) {
		HPDF_Page_LineTo(page, x, y);
		return;
	}
	put_point_op(attr, x, y, 'l');
}

void
pdf_hpdf_set_font(HPDF_Page page, HPDF_Font font, double size)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	const char *name = NULL;
	char op[HPDF_REAL_LEN + 48], *p = op;
	size_t len;

	if (content_buf(attr) == NULL || attr->gstate == NULL ||
	    !(attr->gmode & (HPDF_GMODE_TEXT_OBJECT |
	    HPDF_GMODE_PAGE_DESCRIPTION)) || size <= 0 ||
	    size > HPDF_MAX_FONTSIZE ||
	    (name = HPDF_Page_GetLocalFontName(page, font)) == NULL ||
	    (len = strlen(name)) > 32) {
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
		return;
	}
	for (size_t i = 0; i < len; i++)
		if (needs_escape[(unsigned char)name[i]]) {
			HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
			return;
		}
	*p++ = '/';
	memcpy(p, name, len);
	p += len;
	*p++ = ' ';
	p = put_real(p, (HPDF_REAL)size);
	memcpy(p, " Tf\012", 4);
	put_ops(attr, op, (size_t)(p + 4 - op));
	attr->gstate->font = font;
	attr->gstate->font_size = (HPDF_REAL)size;
	attr->gstate->writing_mode = ((HPDF_FontAttr)font->attr)->writing_mode;
}

/* What libharu's measuring records for each code drawn (its CharWidth):
 * the /Widths of a simple font. */
void
pdf_hpdf_record_widths(HPDF_Font font, const unsigned char *used)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;

	if (attr->type != HPDF_FONT_TRUETYPE || attr->used == NULL ||
	    attr->widths == NULL)
		return;
	for (int c = 0; c < 256; c++) {
		if (!used[c] || attr->used[c])
			continue;
		attr->used[c] = 1;
		attr->widths[c] = (HPDF_INT16)HPDF_TTFontDef_GetCharWidth(
		    attr->fontdef, HPDF_Encoder_ToUnicode(attr->encoder,
		    (HPDF_UINT16)c));
	}
}

/* The /Filter of a stream deflated here, written as it is. */
static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* A font file in memory, read through a stream of our own: libharu's file
 * reader zeroes and freads every two-byte value it parses.  The same
 * stream hands libharu data deflated here, to be written as it is: a
 * memory stream would copy it in and out a byte at a time. */
struct mem_file {
	const unsigned char *data;
	size_t len, pos;
	unsigned char *owned; /* data, to free with the stream, or NULL */
};

static HPDF_STATUS
mem_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct mem_file *m = s->attr;
	size_t n = m->len - m->pos;

	if (n >= *siz) {
		memcpy(ptr, m->data + m->pos, *siz);
		m->pos += *siz;
		return HPDF_OK;
	}
	memcpy(ptr, m->data + m->pos, n);
	m->pos = m->len;
	*siz = (HPDF_UINT)n;
	return HPDF_STREAM_EOF; /* what the file reader says at the end */
}

static HPDF_STATUS
mem_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct mem_file *m = s->attr;
	long long to = pos;

	if (mode == HPDF_SEEK_CUR)
		to += (long long)m->pos;
	else if (mode == HPDF_SEEK_END)
		to += (long long)m->len;
	if (to < 0 || to > (long long)m->len)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	m->pos = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32
mem_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct mem_file *)s->attr)->pos;
}

static HPDF_UINT32
mem_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct mem_file *)s->attr)->len;
}

static void
mem_free(HPDF_Stream s)
{
	free(((struct mem_file *)s->attr)->owned);
	HPDF_FreeMem(s->mmgr, s->attr);
}

static HPDF_Stream
mem_reader(HPDF_MMgr mmgr, const unsigned char *data, size_t len)
{
	HPDF_Stream s = HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec));
	struct mem_file *m;

	if (s == NULL)
		return NULL;
	if ((m = HPDF_GetMem(mmgr, sizeof(*m))) == NULL) {
		HPDF_FreeMem(mmgr, s);
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	m->data = data;
	m->len = len;
	m->pos = 0;
	m->owned = NULL;
	s->sig_bytes = HPDF_STREAM_SIG_BYTES;
	s->type = HPDF_STREAM_FILE;
	s->error = mmgr->error;
	s->mmgr = mmgr;
	s->read_fn = mem_read;
	s->seek_fn = mem_seek;
	s->tell_fn = mem_tell;
	s->size_fn = mem_size;
	s->free_fn = mem_free;
	s->attr = m;
	return s;
}

/* A reader of the `len` bytes at `data` (malloc'ed), which it frees with
 * itself, or frees now when it cannot be made. */
static HPDF_Stream
owned_reader(HPDF_MMgr mmgr, unsigned char *data, size_t len)
{
	HPDF_Stream s = len <= 0x7FFFFFFF ? mem_reader(mmgr, data, len) : NULL;

	if (s == NULL) {
		free(data);
		return NULL;
	}
	((struct mem_file *)s->attr)->owned = data;
	return s;
}

/* Stream `s` in place of the one stream object `dict` was made with;
 * false (and `dict` left as it was) when there is none. */
static bool
replace_stream(HPDF_Dict dict, HPDF_Stream s)
{
	if (s == NULL)
		return false;
	HPDF_Stream_Free(dict->stream);
	dict->stream = s;
	return true;
}

void *
pdf_hpdf_tounicode_stream(HPDF_Doc pdf, const unsigned char *data,
	size_t len, bool deflated)
{
	HPDF_Dict cm = HPDF_DictStream_New(pdf->mmgr, pdf->xref);

	if (cm == NULL)
		return NULL;
	if (len > 0x7FFFFFFF || !replace_stream(cm, mem_reader(pdf->mmgr,
	    data, len)))
		HPDF_Stream_Write(cm->stream, data, (HPDF_UINT)len);
	if (deflated) { /* written as it is, as the pages */
		cm->filter = HPDF_STREAM_FILTER_NONE;
		cm->write_fn = write_flate_filter;
	} else
		cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return cm;
}

void
pdf_hpdf_set_tounicode(HPDF_Font font, void *cmap)
{
	if (cmap != NULL)
		HPDF_Dict_Add(font, "ToUnicode", cmap);
}

/* --- TrueType fonts, loaded faster ------------------------------------- */

/* libharu's TrueType loader reads the font two bytes a call through the
 * stream: for Liberation Sans' 2,600 glyphs its hmtx, loca and cmap cost
 * a million instructions a face, an eighth of a paper's PDF.  So it is
 * given a stand-in of one glyph (the file's own head, hhea, name and
 * OS/2; maxp, hmtx, loca and cmap of that glyph), and what it would have
 * read of those four tables, and the table directory, is then converted
 * from the file at once, into the same structures, with the stream
 * reading the file; the cap and x heights it takes from two glyphs are
 * asked of it again.  The tables are those the subsetter (ttf_subset.c)
 * read and checked when it opened the file: one set of rules reads it,
 * and the cmap is the subsetter's choice, Windows' (3,1) or else a
 * Unicode platform's (libharu's own loader knows only the first).  A
 * font this cannot take (no name or OS/2 table, Apple's 'true' version)
 * is loaded the slow way, failing as it did. */

/* The stand-in's tables, in the order of its directory. */
static const char *const stand_in_tags[] = { "head", "hhea", "maxp",
	"cmap", "hmtx", "loca", "name", "OS/2", "glyf" };
enum { STAND_IN_TABLES = sizeof(stand_in_tags) / sizeof(stand_in_tags[0]) };

/* One table of the stand-in, copied or made from the font's `t`. */
static void
put_stand_in_table(const struct bp_subsetter *s, size_t i,
	const unsigned char *t, size_t len, struct bp_buf *out)
{
	/* format 4 after its length: language, segCountX2, searchRange,
	 * entrySelector, rangeShift, endCode, pad, startCode, idDelta,
	 * idRangeOffset of the one segment, U+FFFF to glyph 0 */
	static const unsigned closing_cmap[10] = { 0, 2, 2, 0, 0, 0xFFFF, 0,
		0xFFFF, 1, 0 };
	size_t head_len;

	switch (i) {
	case 1: /* hhea: one metric */
		bp_buf_put(out, t, 34);
		bp_ttf_put16(out, 1);
		break;
	case 2: /* maxp: one glyph */
		bp_buf_put(out, t, 4);
		bp_ttf_put16(out, 1);
		break;
	case 3: /* cmap: (3,1) format 4, the closing segment only */
		bp_ttf_put16(out, 0);
		bp_ttf_put16(out, 1);
		bp_ttf_put16(out, 3);
		bp_ttf_put16(out, 1);
		bp_ttf_put32(out, 12);
		bp_ttf_put16(out, 4);
		bp_ttf_put16(out, 24);
		for (size_t v = 0; v < 10; v++)
			bp_ttf_put16(out, closing_cmap[v]);
		break;
	case 4: /* hmtx: glyph 0's */
		bp_buf_put(out, t, 4);
		break;
	case 5: /* loca: glyph 0, empty, in head's format */
		bp_buf_repeat(out, 0, bp_ttf_u16(bp_subsetter_table(s, "head",
		    &head_len) + 50) ? 8 : 4);
		break;
	case 8: /* glyf: read from the file */
		break;
	default:
		bp_buf_put(out, t, len);
	}
}

/* The stand-in: the tables libharu's loader reads, those of the glyphs
 * for one glyph.  Returns false when the font lacks one of them. */
static bool
stand_in_font(const struct bp_subsetter *s, struct bp_buf *out)
{
	const unsigned char *t[STAND_IN_TABLES];
	size_t len[STAND_IN_TABLES], at[STAND_IN_TABLES];

	for (size_t i = 0; i < STAND_IN_TABLES; i++)
		if ((t[i] = bp_subsetter_table(s, stand_in_tags[i],
		    &len[i])) == NULL)
			return false;
	bp_ttf_put32(out, 0x00010000);
	bp_ttf_put16(out, STAND_IN_TABLES);
	bp_buf_repeat(out, 0, 6 + 16 * STAND_IN_TABLES);
	for (size_t i = 0; i < STAND_IN_TABLES; i++) {
		at[i] = out->len;
		put_stand_in_table(s, i, t[i], len[i], out);
	}
	for (size_t i = 0; i < STAND_IN_TABLES && !out->failed; i++) {
		unsigned char *r = (unsigned char *)out->data + 12 + 16 * i;
		size_t size = (i + 1 < STAND_IN_TABLES ? at[i + 1] : out->len) -
		    at[i];
		memcpy(r, stand_in_tags[i], 4);
		r[8] = (unsigned char)(at[i] >> 24);
		r[9] = (unsigned char)(at[i] >> 16);
		r[10] = (unsigned char)(at[i] >> 8);
		r[11] = (unsigned char)at[i];
		r[12] = (unsigned char)(size >> 24);
		r[13] = (unsigned char)(size >> 16);
		r[14] = (unsigned char)(size >> 8);
		r[15] = (unsigned char)size;
	}
	return !out->failed;
}

/* Replaces *p (libharu memory) with a new block of n * size bytes. */
static void *
renew(HPDF_MMgr mmgr, void *p, size_t n, size_t size)
{
	if (p != NULL)
		HPDF_FreeMem(mmgr, p);
	return n * size > 0xFFFFFFFF ? NULL : HPDF_GetMem(mmgr,
	    (HPDF_UINT)(n * size));
}

/* The table directory, as LoadTTFTable reads it (the subsetter found
 * every record inside the file). */
static bool
put_directory(HPDF_MMgr mmgr, HPDF_TTFontDefAttr a,
	const unsigned char *data)
{
	HPDF_TTF_OffsetTbl *t = &a->offset_tbl;

	t->sfnt_version = bp_ttf_u32(data);
	t->num_tables = (HPDF_UINT16)bp_ttf_u16(data + 4);
	t->search_range = (HPDF_UINT16)bp_ttf_u16(data + 6);
	t->entry_selector = (HPDF_UINT16)bp_ttf_u16(data + 8);
	t->range_shift = (HPDF_UINT16)bp_ttf_u16(data + 10);
	if ((t->table = renew(mmgr, t->table, t->num_tables,
	    sizeof(*t->table))) == NULL)
		return false;
	for (size_t i = 0; i < t->num_tables; i++) {
		const unsigned char *r = data + 12 + 16 * i;
		memcpy(t->table[i].tag, r, 4);
		t->table[i].check_sum = bp_ttf_u32(r + 4);
		t->table[i].offset = bp_ttf_u32(r + 8);
		t->table[i].length = bp_ttf_u32(r + 12);
	}
	return true;
}

/* hmtx and loca, as ParseHmtx and ParseLoca read them: their sizes and
 * loca's offsets the subsetter checked. */
static bool
put_glyph_tables(HPDF_MMgr mmgr, HPDF_TTFontDefAttr a,
	const struct bp_subsetter *s)
{
	size_t n = bp_subsetter_glyph_count(s), m = bp_subsetter_metric_count(s);
	size_t file_len, hlen, llen, glen;
	bool long_loca = a->header.index_to_loc_format != 0;
	const unsigned char *data = bp_subsetter_data(s, &file_len);
	const unsigned char *h = bp_subsetter_table(s, "hmtx", &hlen);
	const unsigned char *l = bp_subsetter_table(s, "loca", &llen);
	const unsigned char *glyf = bp_subsetter_table(s, "glyf", &glen);

	a->num_glyphs = (HPDF_UINT16)n;
	a->num_h_metric = (HPDF_UINT16)m;
	a->glyph_tbl.base_offset = (HPDF_UINT32)(glyf - data);
	if ((a->h_metric = renew(mmgr, a->h_metric, n,
	    sizeof(*a->h_metric))) == NULL ||
	    (a->glyph_tbl.offsets = renew(mmgr, a->glyph_tbl.offsets, n + 1,
	    sizeof(*a->glyph_tbl.offsets))) == NULL ||
	    (a->glyph_tbl.flgs = renew(mmgr, a->glyph_tbl.flgs, n, 1)) == NULL)
		return false;
	for (size_t g = 0; g < n; g++) {
		size_t at = g < m ? 4 * g : 4 * m + 2 * (g - m);
		a->h_metric[g].advance_width = (HPDF_UINT16)bp_ttf_u16(h +
		    4 * (g < m ? g : m - 1));
		a->h_metric[g].lsb = (HPDF_INT16)bp_ttf_u16(h + at +
		    (g < m ? 2 : 0));
	}
	for (size_t g = 0; g <= n; g++)
		a->glyph_tbl.offsets[g] = long_loca ? bp_ttf_u32(l + 4 * g) :
		    bp_ttf_u16(l + 2 * g);
	memset(a->glyph_tbl.flgs, 0, n);
	a->glyph_tbl.flgs[0] = 1;
	return true;
}

/* The subsetter's format 4 cmap `t`, as ParseCMAP_format4 reads it. */
static bool
put_cmap(HPDF_MMgr mmgr, HPDF_TTFontDefAttr a, const unsigned char *t)
{
	HPDF_TTF_CmapRange *c = &a->cmap;
	size_t segs = bp_ttf_u16(t + 6) / 2;

	c->format = 4;
	c->length = (HPDF_UINT16)bp_ttf_u16(t + 2);
	c->language = (HPDF_UINT16)bp_ttf_u16(t + 4);
	c->seg_count_x2 = (HPDF_UINT16)bp_ttf_u16(t + 6);
	c->search_range = (HPDF_UINT16)bp_ttf_u16(t + 8);
	c->entry_selector = (HPDF_UINT16)bp_ttf_u16(t + 10);
	c->range_shift = (HPDF_UINT16)bp_ttf_u16(t + 12);
	c->reserved_pad = (HPDF_UINT16)bp_ttf_u16(t + 14 + 2 * segs);
	c->glyph_id_array_count = (HPDF_UINT)(c->length - (16 + 8 * segs)) / 2;
	if ((c->end_count = renew(mmgr, c->end_count, segs, 2)) == NULL ||
	    (c->start_count = renew(mmgr, c->start_count, segs, 2)) == NULL ||
	    (c->id_delta = renew(mmgr, c->id_delta, segs, 2)) == NULL ||
	    (c->id_range_offset = renew(mmgr, c->id_range_offset, segs,
	    2)) == NULL)
		return false;
	for (size_t i = 0; i < segs; i++) {
		c->end_count[i] = (HPDF_UINT16)bp_ttf_u16(t + 14 + 2 * i);
		c->start_count[i] = (HPDF_UINT16)bp_ttf_u16(t + 16 + 2 * segs +
		    2 * i);
		c->id_delta[i] = (HPDF_INT16)bp_ttf_u16(t + 16 + 4 * segs +
		    2 * i);
		c->id_range_offset[i] = (HPDF_UINT16)bp_ttf_u16(t + 16 +
		    6 * segs + 2 * i);
	}
	if (c->glyph_id_array != NULL)
		HPDF_FreeMem(mmgr, c->glyph_id_array);
	c->glyph_id_array = NULL;
	if (c->glyph_id_array_count > 0) {
		if ((c->glyph_id_array = renew(mmgr, NULL,
		    c->glyph_id_array_count, 2)) == NULL)
			return false;
		for (size_t i = 0; i < c->glyph_id_array_count; i++)
			c->glyph_id_array[i] = (HPDF_UINT16)bp_ttf_u16(t + 16 +
			    8 * segs + 2 * i);
	}
	return true;
}

/* The top of character `cp`'s box, for the font descriptor's 16 bits: a
 * damaged box with small units per em reaches millions, or is below the
 * baseline (libharu's own loader casts it as it is, which C leaves
 * undefined). */
static HPDF_UINT16
char_top(HPDF_FontDef def, HPDF_UINT16 cp)
{
	HPDF_REAL top = HPDF_TTFontDef_GetCharBBox(def, cp).top;

	return top <= 0 ? 0 : top >= 0xFFFF ? 0xFFFF : (HPDF_UINT16)top;
}

/* The font loaded through its stand-in (see above), or NULL when it
 * cannot be, to be loaded the slow way. */
static HPDF_FontDef
load_stand_in(HPDF_MMgr mmgr, const struct bp_subsetter *sub)
{
	struct bp_buf proxy = BP_BUF_INIT;
	size_t len, cmap_len;
	const unsigned char *data = bp_subsetter_data(sub, &len);
	const unsigned char *cmap = bp_subsetter_cmap4(sub, &cmap_len);
	HPDF_FontDef def = NULL;
	HPDF_TTFontDefAttr a;
	HPDF_Stream s;

	if (bp_ttf_u32(data) != 0x00010000 ||
	    !stand_in_font(sub, &proxy) ||
	    (s = mem_reader(mmgr, (unsigned char *)proxy.data,
	    proxy.len)) == NULL) {
		bp_buf_free(&proxy);
		return NULL;
	}
	if ((def = HPDF_TTFontDef_Load(mmgr, s, HPDF_TRUE)) == NULL) {
		bp_buf_free(&proxy);
		HPDF_Error_Reset(mmgr->error);
		return NULL;
	}
	a = def->attr;
	HPDF_Stream_Free(a->stream); /* the stand-in's: the file's now */
	bp_buf_free(&proxy);
	if ((a->stream = mem_reader(mmgr, data, len)) == NULL ||
	    !put_directory(mmgr, a, data) ||
	    !put_glyph_tables(mmgr, a, sub) ||
	    !put_cmap(mmgr, a, cmap)) {
		HPDF_FontDef_Free(def);
		HPDF_Error_Reset(mmgr->error);
		return NULL;
	}
	/* as LoadFontData ends, on the font's own glyphs */
	def->cap_height = char_top(def, 'H');
	def->x_height = char_top(def, 'x');
	def->missing_width = (HPDF_INT16)((HPDF_UINT32)
	    a->h_metric[0].advance_width * 1000 / a->header.units_per_em);
	return def;
}

/* As HPDF_LoadTTFontFromFile, from memory.  The subset tag it gives,
 * HPDFAA, is a placeholder: it lasts only until the subset is made and
 * named by its content (pdf_hpdf_set_tag), before anything is written. */
const char *
pdf_hpdf_load_font(HPDF_Doc pdf, const struct bp_subsetter *sub,
	bool *by_stand_in)
{
	char tag[7] = "HPDFAA";
	size_t len;
	const unsigned char *data = bp_subsetter_data(sub, &len);
	HPDF_Stream s;
	HPDF_FontDef def, known;

	if (by_stand_in != NULL)
		*by_stand_in = false;
	if (len > 0x7FFFFFFF)
		return NULL;
	if ((def = load_stand_in(pdf->mmgr, sub)) != NULL) {
		if (by_stand_in != NULL)
			*by_stand_in = true;
	} else {
		if ((s = mem_reader(pdf->mmgr, data, len)) == NULL)
			return NULL;
		/* on failure it frees the stream */
		if ((def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE)) ==
		    NULL)
			return NULL;
	}
	/* a font loaded before (a worker back on an earlier house style's
	 * family) is that one, as in HPDF_LoadTTFontFromFile */
	if ((known = HPDF_Doc_FindFontDef(pdf, def->base_font)) != NULL) {
		HPDF_FontDef_Free(def);
		return known->base_font;
	}
	if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK)
		return NULL; /* and frees def */
	HPDF_TTFontDef_SetTagName(def, tag);
	return def->base_font;
}

/* How many bytes of UTF-16BE code point `cp` takes. */
static size_t
utf16_size(uint32_t cp)
{
	return cp > 0xFFFF ? 4 : 2;
}

static void
put_utf16(struct bp_buf *out, uint32_t cp)
{
	if (cp > 0xFFFF) {
		uint32_t v = cp - 0x10000;
		uint32_t hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);
		bp_buf_putc(out, (char)(hi >> 8));
		bp_buf_putc(out, (char)(hi & 0xFF));
		cp = lo;
	}
	bp_buf_putc(out, (char)(cp >> 8));
	bp_buf_putc(out, (char)(cp & 0xFF));
}

/* UTF-8 to UTF-16BE after a byte-order mark; characters above U+FFFF as
 * surrogate pairs.  At most `max` bytes: a longer text is cut short
 * between two characters and ends in an ellipsis. */
static void
utf16be(struct bp_buf *out, const char *s, size_t max)
{
	size_t len = strlen(s), n, size = 2, kept = len;

	for (size_t i = 0; i < len; i += n)
		size += utf16_size(bp_utf8_decode(s + i, len - i, &n));
	if (size > max) { /* keep what fits beside the ellipsis */
		size = 2 + 2;
		for (size_t i = 0; i < len; i += n) {
			size_t k = utf16_size(bp_utf8_decode(s + i, len - i,
			    &n));
			if (size + k > max) {
				kept = i;
				break;
			}
			size += k;
		}
	}
	bp_buf_put(out, "\xFE\xFF", 2);
	for (size_t i = 0; i < kept; i += n)
		put_utf16(out, bp_utf8_decode(s + i, kept - i, &n));
	if (kept < len)
		put_utf16(out, 0x2026); /* … */
}

/* A text string object: ASCII as it is, anything else as UTF-16BE with a
 * byte order mark, which is what libharu writes through its encoder.
 * libharu refuses a string of more than HPDF_LIMIT_MAX_STRING_LEN bytes
 * (and then fails the whole document): a longer one, a heading of 8000
 * words as a bookmark, say, is cut short (utf16be). */
static void *
text_object(HPDF_MMgr mmgr, const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	struct bp_buf u = BP_BUF_INIT;
	void *obj = NULL;

	while (*p != 0 && *p < 0x80)
		p++;
	if (*p == 0 && (size_t)(p - (const unsigned char *)utf8) <=
	    HPDF_LIMIT_MAX_STRING_LEN)
		return HPDF_String_New(mmgr, utf8, NULL);
	utf16be(&u, utf8, HPDF_LIMIT_MAX_STRING_LEN);
	if (!u.failed)
		obj = HPDF_Binary_New(mmgr, (HPDF_BYTE *)u.data,
		    (HPDF_UINT)u.len);
	bp_buf_free(&u);
	return obj;
}

void
pdf_hpdf_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8)
{
	static const char *const keys[] = { [HPDF_INFO_AUTHOR] = "Author",
		[HPDF_INFO_CREATOR] = "Creator",
		[HPDF_INFO_PRODUCER] = "Producer", [HPDF_INFO_TITLE] = "Title",
		[HPDF_INFO_SUBJECT] = "Subject",
		[HPDF_INFO_KEYWORDS] = "Keywords" };

	if ((size_t)type >= sizeof(keys) / sizeof(keys[0]) ||
	    keys[type] == NULL)
		return;
	/* makes the dictionary and puts the key in libharu's order */
	if (HPDF_SetInfoAttr(pdf, type, "") != HPDF_OK || pdf->info == NULL)
		return;
	HPDF_Dict_Add(pdf->info, keys[type], text_object(pdf->mmgr, utf8));
}

void *
pdf_hpdf_outline_root(HPDF_Doc pdf, struct pdf_raws *r)
{
	void *root = pdf_hpdf_raw_dict(r);

	if (root != NULL)
		HPDF_Dict_Add(pdf->catalog, "Outlines", root);
	return root;
}

/* The text object text_object makes, written as libharu writes it (its
 * String_Write and Binary_Write), without making it: an ASCII string
 * escaped in parentheses, anything else UTF-16BE in hex. */
void
pdf_hpdf_text_value(HPDF_Doc pdf, struct bp_buf *out, const char *utf8)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)utf8;
	struct bp_buf u = BP_BUF_INIT;

	(void)pdf;
	while (*p != 0 && *p < 0x80)
		p++;
	if (*p == 0 && (size_t)(p - (const unsigned char *)utf8) <=
	    HPDF_LIMIT_MAX_STRING_LEN) {
		put_escaped(out, (const unsigned char *)utf8,
		    (size_t)(p - (const unsigned char *)utf8));
		return;
	}
	utf16be(&u, utf8, HPDF_LIMIT_MAX_STRING_LEN);
	if (!u.failed) {
		bp_buf_putc(out, '<');
		for (size_t i = 0; i < u.len; i++) {
			char h[2] = { hex[(unsigned char)u.data[i] >> 4],
				hex[(unsigned char)u.data[i] & 0xF] };
			bp_buf_put(out, h, 2);
		}
		bp_buf_putc(out, '>');
	}
	bp_buf_free(&u);
}

/* Makes the face's font descriptor, with `font` as its FontFile2, before
 * libharu would make its own with a copy of the whole font: the simple
 * and CID fonts of the face then both take this one.  The entries are
 * those libharu writes for a TrueType font.  The program is written as
 * it is, not deflated: at level 1, as pages are, paper a's two subsets
 * (11,940 bytes) made its PDF 2,850 bytes smaller (32,843 to 29,993) for
 * 0.64 M more instructions (9.86 M to 10.50 M, callgrind), 6% of the run
 * for 9% of the file. */
void
pdf_hpdf_embed_font_file(HPDF_Doc pdf, HPDF_FontDef def, const char *font,
	size_t len)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict desc, ff;
	unsigned char *copy;
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
	/* read, when the file is written, where a copy of it is */
	copy = bp_xmalloc(len + 1);
	memcpy(copy, font, len);
	if (!replace_stream(ff, owned_reader(pdf->mmgr, copy, len)))
		return; /* the error is recorded */
	if (ret == HPDF_OK)
		def->descriptor = desc;
}

/* As libharu's HPDF_Image_LoadRawImageFromMem makes an image (2.3.0), but
 * with the samples already deflated: written as they are, with the
 * /Filter entry added by the dictionary's write hook. */
HPDF_Image
pdf_hpdf_deflated_image(HPDF_Doc pdf, const unsigned char *z, size_t zlen,
	uint32_t width, uint32_t height, bool grey)
{
	HPDF_Dict image;
	HPDF_STATUS ret = HPDF_OK;

	if (zlen > 0xFFFFFFFFu || width > INT32_MAX || height > INT32_MAX ||
	    (image = HPDF_DictStream_New(pdf->mmgr, pdf->xref)) == NULL)
		return NULL;
	image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	ret += HPDF_Dict_AddName(image, "Type", "XObject");
	ret += HPDF_Dict_AddName(image, "Subtype", "Image");
	ret += HPDF_Dict_AddName(image, "ColorSpace", grey ? "DeviceGray" :
	    "DeviceRGB");
	ret += HPDF_Dict_AddNumber(image, "Width", (HPDF_INT32)width);
	ret += HPDF_Dict_AddNumber(image, "Height", (HPDF_INT32)height);
	ret += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
	ret += HPDF_Stream_Write(image->stream, z, (HPDF_UINT)zlen);
	image->filter = HPDF_STREAM_FILTER_NONE;
	image->write_fn = write_flate_filter;
	return ret == HPDF_OK ? image : NULL;
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

/* --- objects ------------------------------------------------------------ */

void *
pdf_hpdf_dict(HPDF_Doc pdf, bool indirect)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);

	if (d != NULL && indirect && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL; /* Xref_Add frees the object when it fails */
	return d;
}

void *
pdf_hpdf_catalog(HPDF_Doc pdf)
{
	return pdf->catalog;
}

/* libharu's Dict_Add and Array_Add free a direct object they cannot
 * take, and check for NULL themselves, recording the error. */
void
pdf_hpdf_put(void *dict, const char *key, void *obj)
{
	if (dict != NULL && obj != NULL)
		HPDF_Dict_Add(dict, key, obj);
}

void
pdf_hpdf_put_name(void *dict, const char *key, const char *name)
{
	if (dict != NULL)
		HPDF_Dict_AddName(dict, key, name);
}

void
pdf_hpdf_put_int(void *dict, const char *key, int value)
{
	if (dict != NULL)
		HPDF_Dict_AddNumber(dict, key, value);
}

void
pdf_hpdf_put_bool(void *dict, const char *key, bool value)
{
	if (dict != NULL)
		HPDF_Dict_AddBoolean(dict, key, value ? HPDF_TRUE : HPDF_FALSE);
}

void
pdf_hpdf_text_hex(struct bp_buf *out, const char *utf8)
{
	struct bp_buf b = BP_BUF_INIT;

	utf16be(&b, utf8, SIZE_MAX); /* not a libharu object: no limit */
	bp_buf_putc(out, '<');
	for (size_t i = 0; i < b.len; i++)
		bp_buf_printf(out, "%02X", (unsigned char)b.data[i]);
	bp_buf_putc(out, '>');
	bp_buf_free(&b);
}

/* --- raw dictionaries ------------------------------------------------------
 *
 * A dictionary whose PDF source we write (a structure element, a
 * bookmark) is no libharu object: libharu wrote each such one (a
 * dictionary, its entry list and the source, made, written, read back
 * by the packer and freed) at some 4 K instructions, and a paper has
 * two hundred.  It is an object header of our own, which references
 * (pdf_hpdf_ref, a libharu dictionary's proxy) read as libharu's, with
 * a number after every libharu object's; its source goes into the
 * object streams from here (pdf_hpdf_raw_objects). */

#define RAW_BLOCK 512 /* headers allocated at once */

struct pdf_raws {
	unsigned long base;    /* the first one's number; 0: not begun */
	HPDF_Obj_Header **blocks; /* RAW_BLOCK headers each */
	size_t nblocks;
	size_t *off, *len;     /* each one's source in text */
	size_t n, cap;
	struct bp_buf text;
	bool failed;           /* one could not be made: no file */
};

struct pdf_raws *
pdf_raws_new(void)
{
	struct pdf_raws *r = bp_xcalloc(1, sizeof(*r));

	bp_buf_init(&r->text);
	return r;
}

void
pdf_raws_free(struct pdf_raws *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nblocks; i++)
		free(r->blocks[i]);
	free(r->blocks);
	free(r->off);
	free(r->len);
	bp_buf_free(&r->text);
	free(r);
}

void
pdf_hpdf_raws_begin(HPDF_Doc pdf, struct pdf_raws *r)
{
	r->base = pdf->xref->start_offset + pdf->xref->entries->count;
}

bool
pdf_hpdf_raws_fit(HPDF_Doc pdf, const struct pdf_raws *r)
{
	return r->n == 0 ||
	    pdf->xref->start_offset + pdf->xref->entries->count == r->base;
}

void *
pdf_hpdf_raw_dict(struct pdf_raws *r)
{
	HPDF_Obj_Header *h;
	size_t i = r->n;

	if (r->base == 0 || r->base + i >= HPDF_LIMIT_MAX_XREF_ELEMENT) {
		r->failed = true;
		return NULL;
	}
	if (i % RAW_BLOCK == 0) {
		r->blocks = bp_xreallocarray(r->blocks, r->nblocks + 1,
		    sizeof(*r->blocks));
		r->blocks[r->nblocks++] = bp_xreallocarray(NULL, RAW_BLOCK,
		    sizeof(**r->blocks));
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->off = bp_xreallocarray(r->off, r->cap, sizeof(*r->off));
		r->len = bp_xreallocarray(r->len, r->cap, sizeof(*r->len));
	}
	h = &r->blocks[i / RAW_BLOCK][i % RAW_BLOCK];
	memset(h, 0, sizeof(*h));
	h->obj_id = HPDF_OTYPE_INDIRECT | (HPDF_UINT32)(r->base + i);
	h->obj_class = HPDF_OCLASS_DICT;
	r->off[i] = r->len[i] = 0; /* until set: "<<\n>>" */
	r->n++;
	return h;
}

/* The index of one of the store's dictionaries, or SIZE_MAX. */
static size_t
raw_index(const struct pdf_raws *r, const void *dict)
{
	const HPDF_Obj_Header *h = dict;

	if (h == NULL || !(h->obj_id & HPDF_OTYPE_INDIRECT) ||
	    (h->obj_id & 0x00FFFFFF) < r->base ||
	    (h->obj_id & 0x00FFFFFF) - r->base >= r->n)
		return SIZE_MAX;
	return (h->obj_id & 0x00FFFFFF) - r->base;
}

struct bp_buf *
pdf_hpdf_raw_begin(struct pdf_raws *r, void *dict)
{
	size_t i = raw_index(r, dict);

	if (i == SIZE_MAX)
		return NULL;
	/* as libharu's HPDF_Dict_Write wrote such a dictionary */
	r->off[i] = r->text.len;
	bp_buf_put(&r->text, "<<\n", 3);
	return &r->text;
}

void
pdf_hpdf_raw_end(struct pdf_raws *r, void *dict)
{
	size_t i = raw_index(r, dict);

	if (i == SIZE_MAX)
		return;
	bp_buf_put(&r->text, ">>", 2);
	r->len[i] = r->text.len - r->off[i];
}

void
pdf_hpdf_raw_set(struct pdf_raws *r, void *dict, const char *body,
	size_t len)
{
	struct bp_buf *text = pdf_hpdf_raw_begin(r, dict);

	if (text == NULL)
		return;
	bp_buf_put(text, body, len);
	pdf_hpdf_raw_end(r, dict);
}

bool
pdf_hpdf_raw_objects(const struct pdf_raws *r, struct pdf_objstm_extra *x)
{
	x->first = r->base;
	x->n = r->n;
	x->text = r->text.data;
	x->off = r->off;
	x->len = r->len;
	return !r->failed && !r->text.failed;
}

/* The decimal digits of `v` ending at `end`; where they start. */
static char *
digits_before(char *end, unsigned long v)
{
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

/* printf costs more than the whole rest of writing the tree. */
void
pdf_hpdf_uint(struct bp_buf *out, unsigned long v)
{
	char d[24], *end = d + sizeof(d);
	char *start = digits_before(end, v);

	bp_buf_put(out, start, (size_t)(end - start));
}

/* "N G R", made in place and appended at once: the tree has a thousand
 * of them. */
void
pdf_hpdf_ref(struct bp_buf *out, const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	char ref[48], *end = ref + sizeof(ref), *start;

	if (h == NULL || !(h->obj_id & HPDF_OTYPE_INDIRECT)) {
		bp_buf_put(out, "null", 4);
		return;
	}
	end -= 2;
	memcpy(end, " R", 2);
	start = digits_before(end, h->gen_no);
	*--start = ' ';
	start = digits_before(start, h->obj_id & 0x00FFFFFF);
	bp_buf_put(out, start, (size_t)(end + 2 - start));
}

void
pdf_hpdf_put_text(HPDF_Doc pdf, void *dict, const char *key,
	const char *utf8)
{
	struct bp_buf b = BP_BUF_INIT;

	if (dict == NULL)
		return;
	utf16be(&b, utf8, HPDF_LIMIT_MAX_STRING_LEN);
	if (!b.failed)
		HPDF_Dict_Add(dict, key, HPDF_Binary_New(pdf->mmgr,
		    (HPDF_BYTE *)b.data, (HPDF_UINT)b.len));
	bp_buf_free(&b);
}

/* --- marked content, version, metadata, /ID ------------------------------ */

/* libharu has no call for BDC, BMC or EMC (hpdf.h: "not implemented
 * yet"), so they go straight into the page's content stream; they change
 * no graphics state that libharu tracks. */
void
pdf_hpdf_page_ops(HPDF_Page page, const char *ops)
{
	put_ops((HPDF_PageAttr)page->attr, ops, strlen(ops));
}

void
pdf_hpdf_set_pdf17(HPDF_Doc pdf)
{
	pdf->pdf_version = HPDF_VER_17;
}

void
pdf_hpdf_set_metadata(HPDF_Doc pdf, const char *xml, size_t len)
{
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);

	if (md == NULL)
		return;
	md->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)xml, (HPDF_UINT)len);
	HPDF_Dict_Add(pdf->catalog, "Metadata", md);
}

/* The memory stream's blocks are read in place, which leaves its read
 * position (and so the later save) alone.  CRC-32 and Adler-32
 * fingerprint them at a fraction of MD5's cost; libdeflate's give
 * zlib's values in fewer instructions (paper a: 0.23 M less). */
static void
hash_bytes(struct pdf_hpdf_print *print, const void *p, size_t len)
{
	print->crc = pdf_crc32((uint32_t)print->crc, p, len);
	print->adler = pdf_adler32((uint32_t)print->adler, p, len);
	print->len += len;
}

static void
hash_stream(struct pdf_hpdf_print *print, HPDF_Stream s)
{
	HPDF_UINT n = HPDF_MemStream_GetBufCount(s);

	for (HPDF_UINT i = 0; i < n; i++) {
		HPDF_UINT blen = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &blen);
		if (p != NULL && blen > 0)
			hash_bytes(print, p, blen);
	}
}

void
pdf_hpdf_print_init(struct pdf_hpdf_print *print)
{
	print->crc = pdf_crc32(0, NULL, 0);
	print->adler = pdf_adler32(1, NULL, 0);
	print->len = 0;
}

void
pdf_hpdf_set_content_id(HPDF_Doc pdf, const struct pdf_hpdf_print *pages,
	const void *extra, size_t len)
{
	HPDF_MD5_CTX ctx;
	HPDF_BYTE id[16], print[12];
	HPDF_Array a;

	for (int i = 0; i < 4; i++) {
		print[i] = (HPDF_BYTE)(pages->crc >> (8 * i));
		print[4 + i] = (HPDF_BYTE)(pages->adler >> (8 * i));
		print[8 + i] = (HPDF_BYTE)(pages->len >> (8 * i));
	}
	HPDF_MD5Init(&ctx);
	HPDF_MD5Update(&ctx, print, sizeof(print));
	HPDF_MD5Update(&ctx, extra, (HPDF_UINT32)len);
	HPDF_MD5Final(id, &ctx);
	a = HPDF_Array_New(pdf->mmgr);
	if (a == NULL)
		return;
	/* both halves alike: the file has never been updated */
	HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, id, sizeof(id)));
	HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, id, sizeof(id)));
	HPDF_Dict_Add(pdf->trailer, "ID", a);
}

/* --- finished pages and the file, without whole copies ------------------- */

/* A content stream deflated here: its dictionary says so itself, in the
 * place and the words libharu gives /Filter (after /Length, the only
 * other entry), and libharu copies the stream as it is. */
static HPDF_STATUS
write_flate_array(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

/* --- pages made as they are drawn ---------------------------------------
 *
 * A page libharu makes costs some 4.4 KB (three dictionaries, a media
 * box, a ProcSet of five names, a content stream), and making every page
 * of a layout before drawing the first held them all beside the whole
 * layout: 10.8 MB for a table cell's 2469 pages, the run's peak.  Each
 * page is made as it is drawn instead, into object numbers held for it
 * before the first one is, so that every object keeps the number it had
 * when all the pages were made first (fonts and content made while
 * drawing come after the pages) and the file is the same. */

/* The objects HPDF_Page_New numbers: the page, its content stream and
 * the stream's /Length. */
#define PAGE_OBJECTS 3

size_t
pdf_hpdf_hold_pages(HPDF_Doc pdf, size_t n)
{
	size_t first = pdf->xref->entries->count;

	for (size_t i = 0; i < n * PAGE_OBJECTS; i++) {
		HPDF_Null held = HPDF_Null_New(pdf->mmgr);
		/* Xref_Add frees it when it fails */
		if (held == NULL || HPDF_Xref_Add(pdf->xref, held) != HPDF_OK)
			return SIZE_MAX;
	}
	return first;
}

HPDF_Page
pdf_hpdf_add_held_page(HPDF_Doc pdf, size_t held, size_t p)
{
	HPDF_Xref x = pdf->xref;
	HPDF_List e = x->entries;
	size_t made = e->count, at = held + p * PAGE_OBJECTS;
	HPDF_Page page = HPDF_AddPage(pdf);

	/* numbered after the others when libharu made more or fewer: the
	 * file is as valid, the held numbers stay null objects */
	if (page == NULL || e->count != made + PAGE_OBJECTS ||
	    at + PAGE_OBJECTS > made)
		return page;
	for (size_t k = 0; k < PAGE_OBJECTS; k++) {
		HPDF_XrefEntry was = e->obj[at + k], now = e->obj[made + k];
		HPDF_Obj_Header *h = now->obj;
		HPDF_Obj_ForceFree(x->mmgr, was->obj);
		HPDF_FreeMem(x->mmgr, was);
		e->obj[at + k] = now;
		/* as HPDF_Xref_Add numbers an object */
		h->obj_id = (HPDF_UINT32)(x->start_offset + at + k) +
		    HPDF_OTYPE_INDIRECT;
	}
	e->count = (HPDF_UINT)made;
	return page;
}

/* Whether libharu would write the page's content stream as it is now:
 * no text or path left open, no graphics state saved (its
 * Page_BeforeWrite would close them into the stream). */
static bool
page_closed(HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict c = attr->contents;

	return c != NULL && c->stream == attr->stream &&
	    c->filter == HPDF_STREAM_FILTER_FLATE_DECODE &&
	    c->write_fn == NULL &&
	    attr->gmode == HPDF_GMODE_PAGE_DESCRIPTION &&
	    (attr->gstate == NULL || attr->gstate->prev == NULL);
}

/* `len` bytes deflated (level 1) or stored (pdf_deflate_or_store), in a stream that reads
 * them (owned_reader), or NULL.  Not libharu's own deflating
 * when it saves, at zlib's default level: page content (some 13 KB a page
 * of short text operators) took 4 M of paper a's 27 M instructions so. */
static HPDF_Stream
deflated(HPDF_Doc pdf, struct pdf_deflater *zd, const void *data, size_t len)
{
	unsigned char *out = NULL;
	size_t zlen = 0;

	if (!pdf_deflate_or_store(zd, data, len, 1, &out, &zlen))
		return NULL;
	return owned_reader(pdf->mmgr, out, zlen);
}

/* The whole of memory stream `s`, deflated. */
static HPDF_Stream
deflated_stream(HPDF_Doc pdf, struct pdf_deflater *zd, HPDF_Stream s)
{
	HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
	HPDF_Stream z = NULL;
	unsigned char *whole;
	size_t at = 0;

	whole = bp_xmalloc(s->size + 1);
	for (HPDF_UINT i = 0; i < n; i++) {
		HPDF_UINT blen = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &blen);
		if (p == NULL || blen > s->size - at)
			break;
		memcpy(whole + at, p, blen);
		at += blen;
	}
	if (at == s->size)
		z = deflated(pdf, zd, whole, at);
	free(whole);
	return z;
}

/* The page's content in our buffer goes into the stream the document
 * keeps: deflated, or as it is for libharu to deflate when it saves. */
static void
finish_buffered_page(HPDF_Doc pdf, struct pdf_deflater *zd, HPDF_Page page,
	struct bp_buf *b, struct pdf_hpdf_print *print)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Stream z = NULL;
	bool flate = false;

	if (b->failed) {
		HPDF_SetError(pdf->mmgr->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return;
	}
	hash_bytes(print, b->data, b->len);
	if (b->len > 0 && page_closed(page) &&
	    (z = deflated(pdf, zd, b->data, b->len)) != NULL)
		flate = true;
	else if ((z = HPDF_MemStream_New(pdf->mmgr, b->len > 0 ?
	    (HPDF_UINT)b->len : 1)) == NULL || HPDF_Stream_Write(z, (const HPDF_BYTE *)b->data,
	    (HPDF_UINT)b->len) != HPDF_OK) {
		if (z != NULL)
			HPDF_Stream_Free(z);
		return; /* recorded in the document's error */
	}
	HPDF_Stream_Free(attr->stream);
	attr->contents->stream = attr->stream = z;
	if (flate) {
		attr->contents->filter = HPDF_STREAM_FILTER_NONE;
		attr->contents->write_fn = write_flate_array;
	}
	bp_buf_reset(b);
}

void
pdf_hpdf_finish_page(HPDF_Doc pdf, struct pdf_deflater *zd,
	HPDF_Page page, struct pdf_hpdf_print *print)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	struct bp_buf *b = content_buf(attr);
	HPDF_Stream z;

	if (b != NULL) {
		finish_buffered_page(pdf, zd, page, b, print);
		return;
	}
	if (attr->stream == NULL || attr->stream->type != HPDF_STREAM_MEMORY)
		return;
	hash_stream(print, attr->stream);
	if (attr->stream->size == 0 || !page_closed(page) ||
	    (z = deflated_stream(pdf, zd, attr->stream)) == NULL)
		return; /* libharu deflates it when it saves */
	HPDF_Stream_Free(attr->stream);
	attr->contents->stream = attr->stream = z;
	attr->contents->filter = HPDF_STREAM_FILTER_NONE;
	attr->contents->write_fn = write_flate_array;
}

/* libharu's output goes straight into a buffer too (write_to_buf): no
 * memory stream of 4 KB blocks to copy it out of afterwards. */
int
pdf_hpdf_save(HPDF_Doc pdf, struct bp_buf *file)
{
	HPDF_Stream s = HPDF_CallbackWriter_New(pdf->mmgr, write_to_buf, file);
	HPDF_STATUS st;

	if (s == NULL)
		return -1;
	/* HPDF_SaveToStream writes to the document's stream, making a
	 * memory stream only when there is none */
	if (pdf->stream != NULL)
		HPDF_Stream_Free(pdf->stream);
	pdf->stream = s;
	st = HPDF_SaveToStream(pdf);
	pdf->stream = NULL;
	HPDF_Stream_Free(s);
	return st == HPDF_OK ? 0 : -1;
}
