/* The PDF back-end's libharu side: the document, its fonts and measures,
 * and the drawing of laid-out pages with links, bookmarks and metadata.
 *
 * libharu 2.3.0 (see shared/reference/libharu-2.3.0.md) records errors in
 * a sticky state rather than returning them everywhere; our handler only
 * records the first one, and the document is checked at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__ /* (defined by the headers above) */
#include <malloc.h>
#endif
#include <time.h>

/* The public API only: libharu's internals are pdf_hpdf.c's business. */
#define HPDF_SHARED
#include <hpdf.h>

#include "boardpaper/layout.h"
#include "boardpaper/style.h"
#include "ttf_subset.h"
#include "fonts.h"
#include "image.h"
#include "internal.h"
#include "pdf.h"
#include "pdf_deflate.h"
#include "pdf_hpdf.h"
#include "pdf_objstm.h"
#include "pdf_tag.h"

#define ASCII_CACHE 128
/* bytes of PDF from which the freed document is trimmed (save) */
#define TRIM_AFTER (256 * 1024)
/* /Producer and pdf:Producer */
#define PDF_PRODUCER "boardpaper (libharu " PDF_HPDF_CHECKED_VERSION ")"
/* The single-byte encodings text is set in, in order of preference: a
 * TrueType face used through one of them is embedded as a simple font,
 * which costs libharu a fraction of what its UTF-8 CID font costs (a
 * 65,536-entry CID-to-glyph map built by linear cmap searches).  Each
 * code point goes to the first encoding that has it; characters none has
 * (or the face lacks) fall back to the face's UTF-8 CID font.  CP1252
 * covers English with its typographic punctuation; ISO8859-14 adds Welsh
 * (w and y with circumflex).
 *
 * A viewer finds a simple font's glyphs by the glyph names of the
 * encoding, so the few characters whose names are ambiguous or unknown to
 * poppler (checked by rendering every code of each encoding against the
 * CID font) stay in the CID font: the dotted letters of ISO8859-14 (which
 * rendered as boxes) and Greek Delta, Omega and mu (which rendered as the
 * increment, ohm and micro signs).  Every simple font also gets a
 * ToUnicode CMap, so that text extracts exactly. */
static bool
simple_ok(uint32_t cp)
{
	return !(cp >= 0x1E00 && cp <= 0x1E7F) && cp != 0x0394 &&
	    cp != 0x03A9 && cp != 0x03BC;
}

static const char *const enc_names[] = {
	"CP1252", "ISO8859-14", "CP1250", "CP1257", "CP1254", "CP1251",
	"CP1253",
};
#define NENC (sizeof(enc_names) / sizeof(enc_names[0]))

struct enc {
	HPDF_UNICODE map[256]; /* code -> code point, 0 when undefined */
	bool loaded;
	unsigned char *cmap;   /* its ToUnicode CMap, made on first use */
	size_t cmap_len;       /* bytes */
	bool cmap_deflated;
};

/* A face as a worker keeps it from paper to paper. */
struct face {
	const char *name;      /* libharu's font name; NULL until loaded */
	HPDF_FontDef def;
	struct bp_subsetter *sub; /* for the embedded subset: the file `def`
	                        * was loaded from */
	bool shared_sub;       /* sub is the face's that loaded def first
	                        * (face_alias), not this face's to free */
	int ascii[ASCII_CACHE]; /* widths in 1/1000 em, -1 when not looked up */
	int x_top;             /* the top of 'x', 1/1000 em: what a combining
	                        * mark's design sits over (mark_offset) */
	enum { FACE_UNTRIED, FACE_LOADED, FACE_MISSING, FACE_BROKEN } state;
	HPDF_STATUS load_error; /* FACE_BROKEN: libharu's error, or 0 when
	                         * only the subsetter could not read it */
	char *path;            /* FACE_BROKEN: the file */
};

/* A face as one paper uses it. */
struct face_use {
	HPDF_Font simple[NENC]; /* per encoding, made on first use */
	unsigned char used[NENC][256]; /* codes drawn, for ToUnicode */
	HPDF_Font cid;         /* the UTF-8 CID font, made on first use */
	unsigned char *cid_cps; /* 65,536 bits: code points drawn with it */
	bool reported;         /* its unusable font was reported */
};

/* One family's text faces (all but Mono), set aside while a paper in
 * another family is drawn. */
struct face_set {
	char *family;          /* NULL: the default */
	struct face faces[PDF_FACE__MAX];
};

/* What a worker keeps from one paper to the next, so that set-up is paid
 * once per worker (SPEC 7): the libharu document, whose font definitions
 * and encoders survive HPDF_NewDoc, the faces with their measures and
 * subsetters, and the encodings' maps.  Kept in the process's bp_fonts
 * context when there is one. */
struct pdf_kit {
	HPDF_Doc pdf;
	char *family;          /* the sans faces' family; NULL: the default */
	struct face_set *others; /* other families' text faces, kept: libharu
	                        * holds their definitions (and may read their
	                        * files) until HPDF_Free, and refuses to load
	                        * the same font twice */
	size_t nothers, others_cap;
	size_t papers;         /* documents begun */
	bool busy;             /* a pdf_doc holds its document */
	struct face faces[PDF_FACE__MAX];
	struct enc encs[NENC];
	struct pdf_deflater *zip; /* every stream deflated */
	HPDF_STATUS error;     /* the first libharu error */
	HPDF_STATUS detail;
};

/* A stretch of a line that belongs to one link, found while its page is
 * drawn and made an annotation once every destination is known: what
 * the finish needs of the layout's lines, which can go once drawn. */
struct pending_link {
	const struct pdf_layout *lay; /* for its link keys */
	const struct bp_link *link; /* NULL: a footnote reference's */
	const struct bp_footnote *note; /* the note it leads to */
	size_t page;           /* in the document */
	size_t seg;            /* its marked content, or PDF_TAG_NONE */
	HPDF_Rect rect;
};

/* A layout drawn into the document, and the page its first page is. */
struct drawn {
	const struct pdf_layout *lay;
	size_t page0;
};

/* The bookmarks of every layout drawn, with their destinations. */
struct bookmark;
struct outline {
	struct bookmark *bm;
	size_t n;
	size_t root_first, root_last;
};

struct pdf_doc {
	HPDF_Doc pdf;          /* kit->pdf */
	struct pdf_kit *kit;
	bool own_kit;          /* kit is ours to free */
	const struct bp_render_opts *opts;
	struct bp_diags *diags;
	struct bp_fonts *fonts;
	bool own_fonts;        /* fonts is ours to free */
	bool doc_left;         /* the saved document's objects are left to
	                        * the exit (save) */
	struct face_use uses[PDF_FACE__MAX];
	void *tounicode[NENC]; /* per encoding, shared by its fonts */
	bool failed;           /* a font is missing: already reported */
	HPDF_Page *pages;
	size_t npages, pages_cap;
	struct drawn *drawn;   /* every layout drawn, in page order */
	size_t ndrawn, drawn_cap;
	struct pending_link *links; /* in drawing order */
	size_t nlinks, links_cap;
	struct bp_buf scratch; /* one fragment as a C string */
	struct pdf_hpdf_content content; /* of the page drawn */
	const char *family;    /* the sans faces' family */
	bool has_accent;       /* the house style's accent colour: */
	float accent[3];       /* RGB, 0 .. 1 */
	struct embedded *images; /* each image file embedded once */
	size_t nimages, images_cap;
	struct pdf_tags *tags; /* the structure tree of every layout */
	struct pdf_raws *raws; /* its objects and the bookmarks */
	size_t page_no;        /* the page being drawn */
	bool box_follows;      /* the box being drawn is right under the box
	                        * before it in the layout, their space kept
	                        * (its joined quote bars reach up to it) */
	struct pdf_hpdf_print print; /* of every page drawn, for the /ID */
	const char *artifact;  /* the artifact open on it, or NULL */
	const struct bp_link *long_url; /* the last one reported */
	bool linked;           /* pdf_doc_link is done: the layouts drawn
	                        * are read no more */
	struct outline outline; /* planned then, written by
	                        * pdf_doc_complete */
	char subset_tags[PDF_FACE__MAX][6]; /* given (name_subset), */
	size_t nsubset_tags;   /* one a face at most */
};

/* An image XObject, by the file bytes the model's figures share. */
struct embedded {
	const unsigned char *data;
	HPDF_Image image;      /* NULL when embedding failed (reported) */
};

const char *const pdf_face_names[PDF_FACE__MAX] = {
	[PDF_SANS] = "Sans", [PDF_SANS_BOLD] = "Sans-Bold",
	[PDF_SANS_ITALIC] = "Sans-Italic",
	[PDF_SANS_BOLD_ITALIC] = "Sans-BoldItalic", [PDF_MONO] = "Mono",
};

/* each face's family, weight and slant: fonts.h's one table, in our order */
_Static_assert(PDF_FACE__MAX == BP_FONTS_BUILTIN_FACES &&
    PDF_SANS == 0 && PDF_SANS_BOLD == 1 && PDF_SANS_ITALIC == 2 &&
    PDF_SANS_BOLD_ITALIC == 3 && PDF_MONO == 4,
    "enum pdf_face follows bp_fonts_builtin's order");
static const struct bp_fonts_face *
face_spec(enum pdf_face f)
{
	return bp_fonts_builtin((size_t)f);
}

/* Records only: libharu's own examples longjmp out of the handler, which
 * would leak everything we hold. */
static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct pdf_kit *k = data;

	if (k->error == 0) {
		k->error = error;
		k->detail = detail;
	}
}

enum pdf_face
pdf_face_of(unsigned style)
{
	if (style & BP_STYLE_CODE)
		return PDF_MONO;
	if ((style & BP_STYLE_STRONG) && (style & BP_STYLE_EMPH))
		return PDF_SANS_BOLD_ITALIC;
	if (style & BP_STYLE_STRONG)
		return PDF_SANS_BOLD;
	if (style & BP_STYLE_EMPH)
		return PDF_SANS_ITALIC;
	return PDF_SANS;
}

/* The family a face is looked up in: the house style's for text. */
static const char *
family_of(const struct pdf_doc *d, enum pdf_face f)
{
	return f == PDF_MONO || d->family == NULL ? face_spec(f)->family :
	    d->family;
}

/* Reports a face that cannot be used, once per paper. */
static void
report_face(struct pdf_doc *d, enum pdf_face f)
{
	static const struct bp_pos nowhere;
	const struct face *fc = &d->kit->faces[f];

	if (d->uses[f].reported)
		return;
	d->uses[f].reported = true;
	d->failed = true;
	if (fc->state == FACE_MISSING)
		bp_diag(d->diags, nowhere, BP_E_FONT_MISSING,
		    family_of(d, f), face_spec(f)->bold ? " Bold" : "",
		    face_spec(f)->italic ? " Italic" : "");
	else if (fc->load_error != 0)
		bp_diag(d->diags, nowhere, BP_E_FONT_FILE, fc->path,
		    (unsigned)fc->load_error);
	else
		bp_diag(d->diags, nowhere, BP_E_FONT_DAMAGED, fc->path);
}

/* The top of a character's outline, 1/1000 em. */
static int
char_top(HPDF_FontDef def, uint16_t cp)
{
	int box[4];

	pdf_hpdf_char_box(def, cp, box);
	return box[3];
}

/* Another face the worker loaded with definition `def`, or NULL.  Two
 * faces have one definition when their files are one (the Mono house
 * style's text faces are PDF_MONO's file; a family whose bold is its
 * regular file) or name the same font: libharu gives the second the
 * definition it holds (pdf_hpdf_load_font), so both faces draw in the same
 * fonts, whose one font file must hold both faces' glyphs (embed_subset). */
static const struct face *
face_alias(const struct pdf_kit *k, const struct face *fc, HPDF_FontDef def)
{
	for (int f = 0; f < PDF_FACE__MAX; f++)
		if (&k->faces[f] != fc && k->faces[f].state == FACE_LOADED &&
		    k->faces[f].def == def)
			return &k->faces[f];
	for (size_t i = 0; i < k->nothers; i++)
		for (int f = 0; f < PDF_FACE__MAX; f++)
			if (k->others[i].faces[f].state == FACE_LOADED &&
			    k->others[i].faces[f].def == def)
				return &k->others[i].faces[f];
	return NULL;
}

/* Loads a face's font file the first time the worker needs it. */
static void
face_load(struct pdf_doc *d, enum pdf_face f)
{
	struct face *fc = &d->kit->faces[f];
	const struct face *alias;
	char path[4096];
	const char *name;

	fc->state = FACE_MISSING;
	if (bp_fonts_find(d->fonts, family_of(d, f), face_spec(f)->bold,
	    face_spec(f)->italic, path, sizeof(path)) != 0)
		return;
	fc->state = FACE_BROKEN;
	if ((fc->sub = bp_subsetter_open(path)) == NULL) {
		fc->path = bp_xstrdup(path);
		return;
	}
	/* libharu reads the file the subsetter mapped.  Embedding is asked for
	 * so that a CID font gets its CIDToGIDMap, but the font file written
	 * is our subset (embed_subset), never libharu's copy of every table
	 * but the outlines. */
	name = pdf_hpdf_load_font(d->pdf, fc->sub, NULL);
	fc->def = name ? pdf_hpdf_font_def(d->pdf, name) : NULL;
	if (fc->def == NULL) {
		fc->path = bp_xstrdup(path); /* for the message */
		fc->load_error = d->kit->error ? d->kit->error :
		    PDF_HPDF_INVALID_FONTDEF_DATA;
		HPDF_ResetError(d->pdf);
		d->kit->error = 0;
		return;
	}
	if ((alias = face_alias(d->kit, fc, fc->def)) != NULL) {
		/* the glyphs are those of the file libharu read, which the
		 * definition's glyph numbers and widths are of */
		bp_subsetter_free(fc->sub);
		fc->sub = alias->sub;
		fc->shared_sub = true;
	}
	fc->name = name;
	for (int i = 0; i < ASCII_CACHE; i++)
		fc->ascii[i] = -1;
	fc->x_top = char_top(fc->def, 'x');
	fc->state = FACE_LOADED;
}

/* The face, loaded on first use; NULL (reported) when it cannot be used.
 * The fonts drawn with it are made later, per paper and encoding, as
 * text needs them. */
static struct face *
face_get(struct pdf_doc *d, enum pdf_face f)
{
	struct face *fc = &d->kit->faces[f];

	if (fc->state == FACE_UNTRIED)
		face_load(d, f);
	if (fc->state == FACE_LOADED)
		return fc;
	report_face(d, f);
	return NULL;
}

static int
glyph_width(struct face *fc, uint32_t cp)
{
	if (cp > 0xFFFF)
		cp = 0xFFFD; /* drawn as U+FFFD: see draw_frag */
	if (cp < ASCII_CACHE) {
		if (fc->ascii[cp] < 0)
			fc->ascii[cp] = pdf_hpdf_char_width(fc->def,
			    (uint16_t)cp);
		return fc->ascii[cp];
	}
	return pdf_hpdf_char_width(fc->def, (uint16_t)cp);
}

double
pdf_doc_width(struct pdf_doc *d, unsigned style, double size, const char *s,
	size_t len)
{
	struct face *fc = face_get(d, pdf_face_of(style));
	long units = 0;
	size_t n;

	if (fc == NULL)
		return 0;
	for (size_t i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];
		if (c < ASCII_CACHE && fc->ascii[c] >= 0) {
			units += fc->ascii[c]; /* looked up before */
			n = 1;
		} else
			units += glyph_width(fc, bp_utf8_decode(s + i,
			    len - i, &n));
	}
	/* the breaker sums pdf_doc_ascii_widths' the same way */
	return (double)units * size / 1000.0;
}

const int *
pdf_doc_ascii_widths(struct pdf_doc *d, unsigned style)
{
	struct face *fc = face_get(d, pdf_face_of(style));

	return fc != NULL ? fc->ascii : NULL;
}

bool
pdf_doc_has_glyph(struct pdf_doc *d, enum pdf_face f, uint32_t cp)
{
	struct face *fc = face_get(d, f);

	if (fc == NULL)
		return true; /* the missing font was reported instead */
	return cp <= 0xFFFF &&
	    pdf_hpdf_glyph_id(fc->def, (uint16_t)cp) != 0;
}


/* Reports the first libharu error, once; true when there was one. */
static bool
report_error(struct pdf_doc *d)
{
	static const struct bp_pos nowhere;

	if (d->kit->error == 0)
		return false;
	bp_diag(d->diags, nowhere, BP_E_PDF_LIBRARY, (unsigned)d->kit->error,
	    (unsigned)d->kit->detail);
	d->kit->error = 0;
	d->failed = true;
	return true;
}

void
pdf_doc_refuse(struct pdf_doc *d)
{
	d->failed = true;
}

bool
pdf_doc_failed(struct pdf_doc *d)
{
	return report_error(d) || d->failed;
}

static void
face_free(struct face *fc)
{
	if (!fc->shared_sub)
		bp_subsetter_free(fc->sub);
	free(fc->path);
}

static void
kit_free(void *p)
{
	struct pdf_kit *k = p;

	if (k == NULL)
		return;
	HPDF_Free(k->pdf); /* before the font files it reads */
	pdf_deflater_free(k->zip);
	for (size_t e = 0; e < NENC; e++)
		free(k->encs[e].cmap);
	for (int f = 0; f < PDF_FACE__MAX; f++)
		face_free(&k->faces[f]);
	for (size_t i = 0; i < k->nothers; i++) {
		for (int f = 0; f < PDF_FACE__MAX; f++)
			face_free(&k->others[i].faces[f]);
		free(k->others[i].family);
	}
	free(k->others);
	free(k->family);
	free(k);
}

static struct pdf_kit *
kit_new(void)
{
	struct pdf_kit *k = bp_xcalloc(1, sizeof(*k));

	k->pdf = HPDF_New(on_error, k);
	if (k->pdf == NULL) {
		free(k);
		return NULL;
	}
	HPDF_UseUTFEncodings(k->pdf);
	k->zip = pdf_deflater_new();
	return k;
}

/* The worker's kit, or a new one for this document alone (when there is
 * no process context, or another document holds its kit). */
static struct pdf_kit *
kit_of(struct pdf_doc *d)
{
	struct pdf_kit *k = d->own_fonts ? NULL : bp_fonts_kept(d->fonts);
	bool shared = !d->own_fonts && k == NULL;

	if (k != NULL && !k->busy)
		return k;
	if ((k = kit_new()) == NULL)
		return NULL;
	if (shared)
		bp_fonts_keep(d->fonts, k, kit_free);
	else
		d->own_kit = true;
	return k;
}

static bool
same_family(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* A worker keeps the text faces of each family it has used: a paper in
 * another family (another house style) sets the current ones aside and
 * takes that family's, loaded afresh the first time. */
static void
kit_use_family(struct pdf_kit *k, const char *family)
{
	struct face_set *set = NULL;

	if (same_family(k->family, family))
		return;
	for (size_t i = 0; i < k->nothers && set == NULL; i++)
		if (same_family(k->others[i].family, family))
			set = &k->others[i];
	if (set == NULL) {
		if (k->nothers == k->others_cap) {
			k->others_cap = k->others_cap ? k->others_cap * 2 : 4;
			k->others = bp_xreallocarray(k->others, k->others_cap,
			    sizeof(*k->others));
		}
		set = &k->others[k->nothers++];
		memset(set, 0, sizeof(*set));
		set->family = family != NULL ? bp_xstrdup(family) : NULL;
	}
	/* swap the current family's faces with the set's */
	for (int f = 0; f < PDF_FACE__MAX; f++) {
		struct face tmp;
		if (f == PDF_MONO)
			continue;
		tmp = k->faces[f];
		k->faces[f] = set->faces[f];
		set->faces[f] = tmp;
	}
	{
		char *tmp = k->family;
		k->family = set->family;
		set->family = tmp;
	}
}

void
pdf_doc_set_style(struct pdf_doc *d, const struct bp_house_style *s)
{
	d->family = s->has_font ? s->font : NULL;
	kit_use_family(d->kit, d->family);
	d->has_accent = s->has_accent;
	d->accent[0] = (float)s->accent.r;
	d->accent[1] = (float)s->accent.g;
	d->accent[2] = (float)s->accent.b;
}

bool
pdf_doc_metrics(struct pdf_doc *d, double *ascent, double *descent)
{
	struct face *fc = face_get(d, PDF_SANS);
	int a, dsc;

	if (fc == NULL)
		return false;
	pdf_hpdf_font_metrics(fc->def, &a, &dsc);
	*ascent = a / 1000.0;
	*descent = dsc / 1000.0;
	return true;
}

struct pdf_doc *
pdf_doc_new(const struct bp_render_opts *opts, struct bp_diags *diags)
{
	struct pdf_doc *d = bp_xcalloc(1, sizeof(*d));

	d->opts = opts;
	d->diags = diags;
	bp_buf_init(&d->scratch);
	bp_buf_init(&d->content.ops);
	d->fonts = opts->fonts;
	if (d->fonts == NULL) {
		d->fonts = bp_fonts_new();
		d->own_fonts = true;
	}
	d->kit = kit_of(d);
	/* HPDF_New makes the first document; later papers make theirs */
	if (d->kit == NULL || (d->kit->papers++ > 0 &&
	    HPDF_NewDoc(d->kit->pdf) != HPDF_OK)) {
		static const struct bp_pos nowhere;
		bp_diag(diags, nowhere, BP_E_PDF_NEW);
		if (d->own_kit)
			kit_free(d->kit);
		if (d->own_fonts)
			bp_fonts_free(d->fonts);
		free(d);
		return NULL;
	}
	d->pdf = d->kit->pdf;
	d->kit->busy = true;
	d->kit->error = 0;
	/* before any font or page: compression set later misses them */
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	d->tags = pdf_tags_new();
	d->raws = pdf_raws_new();
	pdf_hpdf_print_init(&d->print);
	return d;
}

struct pdf_tags *
pdf_doc_tags(struct pdf_doc *d)
{
	return d->tags;
}

void
pdf_doc_free(struct pdf_doc *d)
{
	if (d == NULL)
		return;
	for (int f = 0; f < PDF_FACE__MAX; f++)
		free(d->uses[f].cid_cps);
	/* the document goes; the font definitions and encoders stay */
	if (!d->doc_left)
		HPDF_FreeDoc(d->pdf);
	else
		/* libdeflate's blocks, left to the exit, would be what a
		 * leak checker calls possibly lost (only a pointer inside
		 * each, its alignment, is kept) */
		pdf_deflater_empty(d->kit->zip);
	d->kit->busy = false;
	if (d->own_kit)
		kit_free(d->kit);
	if (d->own_fonts)
		bp_fonts_free(d->fonts);
	bp_buf_free(&d->scratch);
	bp_buf_free(&d->content.ops);
	free(d->pages);
	free(d->drawn);
	free(d->links);
	free(d->images);
	free(d->outline.bm);
	pdf_tags_free(d->tags);
	pdf_raws_free(d->raws);
	free(d);
}

/* --- drawing ------------------------------------------------------------ */

static void
set_info_text(struct pdf_doc *d, HPDF_InfoType type, const char *value)
{
	pdf_hpdf_set_info(d->pdf, type, value);
}

/* Ends the text object draw_text leaves open, if one is.  Consecutive
 * lines of text share one text object, each line moved to from the one
 * before (pdf_hpdf_show): a BT, an ET and an absolute Td on every line
 * were a tenth of paper a's content streams.  Whatever else draws (a
 * path, an image) or opens or closes an artifact ends it first: path
 * operators are not allowed in a text object, and marked content must
 * nest within it or around it.  Where the content stream is libharu's
 * (pdf_hpdf_shares_text), every line ends its own. */
static void
close_text(HPDF_Page page)
{
	if (pdf_hpdf_in_text(page))
		pdf_hpdf_end_text(page);
}

/* Link text is blue and underlined, so that it is not told by colour
 * alone. */
static void
underline(HPDF_Page page, double x, double y, double w, double size)
{
	close_text(page);
	HPDF_Page_SetRGBStroke(page, 0.0f, 0.2f, 0.6f);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(size / 18.0));
	pdf_hpdf_move_to(page, (HPDF_REAL)x, (HPDF_REAL)(y - size * 0.12));
	pdf_hpdf_line_to(page, (HPDF_REAL)(x + w),
	    (HPDF_REAL)(y - size * 0.12));
	HPDF_Page_Stroke(page);
}

/* The stretch of an item's line from fragment *i that belongs to one
 * link (or to none): its link and extent; *i moves past it.  The parser
 * keeps the spaces around a link out of it, so the stretch is what is
 * underlined and clickable. */
static const struct bp_link *
link_stretch(const struct pdf_layout *l, const struct pdf_item *it,
	size_t *i, double *x0, double *x1)
{
	const struct bp_frag *f = &l->frags[it->frag0 + *i];
	const struct bp_link *link = f->run->link;

	*x0 = it->x + f->x;
	*x1 = *x0 + f->width;
	for ((*i)++; *i < it->nfrags &&
	    l->frags[it->frag0 + *i].run->link == link; (*i)++) {
		f = &l->frags[it->frag0 + *i];
		*x1 = it->x + f->x + f->width;
	}
	return link;
}

/* The encoding's code points by code (0x20 up, without DEL). */
static const HPDF_UNICODE *
enc_map(struct pdf_doc *d, size_t e)
{
	struct enc *en = &d->kit->encs[e];

	if (!en->loaded) {
		HPDF_Encoder h = HPDF_GetEncoder(d->pdf, enc_names[e]);
		en->loaded = true;
		for (int c = 0x20; h != NULL && c < 256; c++)
			if (c != 0x7F)
				en->map[c] = HPDF_Encoder_GetUnicode(h,
				    (HPDF_UINT16)c);
	}
	return en->map;
}

/* Two hex digits of `v`, upper case, at w. */
static char *
put_hex2(char *w, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";

	*w++ = hex[(v >> 4) & 0xF];
	*w++ = hex[v & 0xF];
	return w;
}

/* "<CC> <CC> <UUUU>\n" (a range) or "<CC> <UUUU>\n" (one code). */
static void
put_cmap_line(struct bp_buf *out, int from, int to, unsigned cp)
{
	char line[24], *w = line;

	*w++ = '<';
	w = put_hex2(w, (unsigned)from);
	if (to >= 0) {
		memcpy(w, "> <", 3);
		w = put_hex2(w + 3, (unsigned)to);
	}
	memcpy(w, "> <", 3);
	w = put_hex2(w + 3, cp >> 8);
	w = put_hex2(w, cp & 0xFF);
	memcpy(w, ">\n", 2);
	bp_buf_put(out, line, (size_t)(w + 2 - line));
}

/* The codes from c on whose code points follow one another from map[c]
 * (within one 256 block of them, as a bfrange must): how many. */
static int
run_length(const HPDF_UNICODE *map, int c)
{
	int n = 1;

	while (c + n < 256 && map[c + n] != 0 &&
	    map[c + n] == map[c] + n && (map[c + n] & 0xFF) != 0)
		n++;
	return n;
}

/* Lines of one kind, in blocks of at most 100 as a CMap allows. */
static void
put_cmap_block(struct bp_buf *out, const HPDF_UNICODE *map, bool ranges)
{
	const char *kind = ranges ? "bfrange" : "bfchar";
	int total = 0, n = 0;

	for (int c = 0; c < 256;) {
		int len = map[c] != 0 ? run_length(map, c) : 1;
		if (map[c] != 0 && (len > 1) == ranges)
			total++;
		c += len;
	}
	for (int c = 0; c < 256;) {
		int len = map[c] != 0 ? run_length(map, c) : 1;
		if (map[c] != 0 && (len > 1) == ranges) {
			if (n % 100 == 0 && n > 0)
				bp_buf_printf(out, "end%s\n", kind);
			if (n % 100 == 0)
				bp_buf_printf(out, "%d begin%s\n",
				    total - n < 100 ? total - n : 100, kind);
			put_cmap_line(out, c, ranges ? c + len - 1 : -1,
			    map[c]);
			n++;
		}
		c += len;
	}
	if (n > 0)
		bp_buf_printf(out, "end%s\n", kind);
}

/* The text of the ToUnicode CMap of a simple font in a single-byte
 * encoding: map[code] for every code it defines (not 0), as ranges where
 * code points follow one another.  libharu writes no ToUnicode for simple
 * TrueType fonts, leaving text extraction to glyph names, which are
 * ambiguous for a few characters (soft hyphen, t with comma below). */
static void
tounicode_cmap(const HPDF_UNICODE *map, struct bp_buf *out)
{
	bp_buf_puts(out, "/CIDInit /ProcSet findresource "
	    "begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
	    "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
	put_cmap_block(out, map, true);
	put_cmap_block(out, map, false);
	bp_buf_puts(out, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The document's ToUnicode stream for the fonts drawn through encoding
 * `e`.  It maps every code of the encoding, whichever a paper drew, so
 * its CMap is written and deflated once per worker (it was a tenth of a
 * batch paper's PDF work, remade for each font of each paper) and one
 * stream serves every face. */
static void *
enc_tounicode(struct pdf_doc *d, size_t e)
{
	struct enc *en = &d->kit->encs[e];

	if (d->tounicode[e] != NULL)
		return d->tounicode[e];
	if (en->cmap == NULL) {
		struct bp_buf text = BP_BUF_INIT;
		tounicode_cmap(enc_map(d, e), &text);
		if (text.failed) {
			static const struct bp_pos nowhere;
			bp_diag(d->diags, nowhere, BP_E_RENDER_MEMORY, "pdf");
			d->failed = true;
			return NULL;
		}
		en->cmap_deflated = pdf_deflate_or_store(d->kit->zip,
		    text.data, text.len, 1, &en->cmap, &en->cmap_len);
		if (!en->cmap_deflated)
			en->cmap = (unsigned char *)bp_buf_detach(&text,
			    &en->cmap_len);
		bp_buf_free(&text);
		if (en->cmap == NULL)
			return NULL;
	}
	d->tounicode[e] = pdf_hpdf_tounicode_stream(d->pdf, en->cmap,
	    en->cmap_len, en->cmap_deflated);
	return d->tounicode[e];
}

/* The encoding's code for the code point, or 0 when it has none. */
static unsigned char
enc_code(struct pdf_doc *d, size_t e, uint32_t cp)
{
	const struct enc *en = &d->kit->encs[e];

	enc_map(d, e);
	for (int c = 0x20; c < 256; c++)
		if (en->map[c] == cp)
			return (unsigned char)c;
	return 0;
}

/* Whether face `g` draws in the fonts of face `f`'s definition. */
static bool
same_def(const struct pdf_doc *d, enum pdf_face f, int g)
{
	const struct face *fg = &d->kit->faces[g];

	return fg->state == FACE_LOADED && fg->def == d->kit->faces[f].def;
}

/* The font a code point is drawn in with face `f`, its bytes appended to
 * `out`. */
static HPDF_Font
font_for(struct pdf_doc *d, enum pdf_face f, uint32_t cp, const char *s,
	size_t n, struct bp_buf *out)
{
	const struct face *fc = &d->kit->faces[f];
	struct face_use *u = &d->uses[f];
	unsigned char code = 0;
	size_t e = 0;

	if (cp >= 0x20 && cp < 0x7F)
		code = (unsigned char)cp; /* CP1252 is ASCII there */
	else if (cp > 0x7F && cp <= 0xFFFF && simple_ok(cp) &&
	    pdf_hpdf_glyph_id(fc->def, (uint16_t)cp) != 0)
		for (e = 0; e < NENC; e++)
			if ((code = enc_code(d, e, cp)) != 0)
				break;
	if (code != 0) {
		if (u->simple[e] == NULL) {
			u->simple[e] = HPDF_GetFont(d->pdf, fc->name,
			    enc_names[e]);
		}
		bp_buf_putc(out, (char)code);
		u->used[e][code] = 1;
		return u->simple[e];
	}
	if (u->cid == NULL) {
		u->cid = HPDF_GetFont(d->pdf, fc->name, "UTF-8");
		if (u->cid != NULL)
			pdf_hpdf_fix_tounicode(u->cid);
		u->cid_cps = bp_xcalloc(65536 / 8, 1);
	}
	/* libharu's UTF-8 encoder writes two-byte codes and turns anything
	 * above U+FFFF into a space, so such characters (already reported)
	 * become U+FFFD, which prints as a visible box. */
	if (cp > 0xFFFF || cp == 0) {
		cp = 0xFFFD;
		bp_buf_puts(out, "\xEF\xBF\xBD");
	} else
		bp_buf_put(out, s, n);
	u->cid_cps[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	return u->cid;
}

/* The font, its size and the fill colour are set only when they change:
 * they are graphics state, which lasts from one text object to the next
 * on a page, and libharu (which tracks it, starting each page as PDF does
 * with no font and black) writes the operator at every call.  Setting
 * them for every line was a quarter of a page's content stream. */
static void
set_font(HPDF_Page page, HPDF_Font font, double size)
{
	if (HPDF_Page_GetCurrentFont(page) != font ||
	    HPDF_Page_GetCurrentFontSize(page) != (HPDF_REAL)size)
		pdf_hpdf_set_font(page, font, size);
}

static void
fill_gray(HPDF_Page page, float gray)
{
	if (HPDF_Page_GetFillingColorSpace(page) != HPDF_CS_DEVICE_GRAY ||
	    HPDF_Page_GetGrayFill(page) != gray)
		HPDF_Page_SetGrayFill(page, gray);
}

static void
fill_rgb(HPDF_Page page, float r, float g, float b)
{
	HPDF_RGBColor c = HPDF_Page_GetRGBFill(page);

	if (HPDF_Page_GetFillingColorSpace(page) != HPDF_CS_DEVICE_RGB ||
	    c.r != r || c.g != g || c.b != b)
		HPDF_Page_SetRGBFill(page, r, g, b);
}

/* A combining mark has no advance, and its outline is drawn about the
 * pen, which after its base character is at the base's right edge; the
 * font's mark positioning (GPOS), which would move it over the base, is
 * not applied.  So the mark is moved here: centred over the base, and
 * raised by as much as the base stands above an x-height letter (the
 * mark's design sits over "x"). */
static bool
mark_offset(struct face *fc, const char *s, size_t at, uint32_t cp,
	double size, double *dx, double *dy)
{
	int m[4], bx[4];
	size_t k = at, n;
	uint32_t base;
	int wb;

	if (at == 0 || cp < 0x300 || cp > 0xFFFF || glyph_width(fc, cp) != 0 ||
	    pdf_hpdf_glyph_id(fc->def, (uint16_t)cp) == 0)
		return false;
	do
		k--;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
	base = bp_utf8_decode(s + k, at - k, &n);
	if (base > 0xFFFF || (wb = glyph_width(fc, base)) == 0)
		return false; /* a mark on a mark keeps its place */
	pdf_hpdf_char_box(fc->def, (uint16_t)cp, m);
	pdf_hpdf_char_box(fc->def, (uint16_t)base, bx);
	/* the base's outline is drawn from the pen less its advance */
	*dx = (-wb + (bx[0] + bx[2]) / 2.0 - (m[0] + m[2]) / 2.0) * size /
	    1000.0;
	*dy = m[1] > fc->x_top / 2 && bx[3] > fc->x_top + 50 ?
	    (bx[3] - fc->x_top) * size / 1000.0 : 0;
	return true;
}

/* Where the word a mark at `at` is in ends: the next space, or `len`. */
static size_t
word_end(const char *s, size_t at, size_t len)
{
	const char *sp = memchr(s + at, ' ', len - at);

	return sp != NULL ? (size_t)(sp - s) : len;
}

/* Opens the marked-content span a moved mark and the rest of its word are
 * drawn in, saying what text they are (/ActualText, as UTF-16BE; what is
 * drawn as U+FFFD, as U+FFFD).  pdftotext finds a character's box from
 * its origin and advance: a mark has no advance and is drawn from over
 * the middle of its base, so the next letter stood a gap after it, which
 * pdftotext took for a space ("e̊ ,").  No arrangement of TJ's numbers
 * can close it without moving the glyphs: the mark's box ends at its
 * origin, the next letter starts where it is drawn, and poppler leaves
 * out the character spacing (Tc) when it measures.  Over a span, it
 * takes the span's text instead, from the first glyph's origin to the
 * last one's end: the mark's origin to the word's end. */
static void
begin_actual_text(HPDF_Page page, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	struct bp_buf op = BP_BUF_INIT;
	size_t n;

	bp_buf_puts(&op, "/Span <</ActualText <FEFF");
	for (size_t i = 0; i < len; i += n) {
		uint32_t cp = bp_utf8_decode(s + i, len - i, &n);
		if (cp > 0xFFFF || cp == 0)
			cp = 0xFFFD;
		for (int sh = 12; sh >= 0; sh -= 4)
			bp_buf_putc(&op, hex[cp >> sh & 15]);
	}
	bp_buf_puts(&op, ">>> BDC\n");
	if (!op.failed)
		pdf_hpdf_page_ops(page, op.data);
	bp_buf_free(&op);
}

/* Where a fragment's text is drawn: the first stretch moves the text
 * position to (x, y), the others follow on from the one before. */
struct pen {
	HPDF_Page page;
	double size;   /* points */
	double x, y;   /* points */
	bool moved;    /* a stretch has been shown */
};

/* Shows the first `len` bytes of the stretch gathered in d->scratch in
 * its font `run`, keeping the (at most four) bytes after them there for
 * the next stretch; nothing when there is no font or nothing to show. */
static void
flush_stretch(struct pdf_doc *d, struct pen *pen, HPDF_Font run, size_t len)
{
	char keep[4];
	size_t extra = d->scratch.len - len;

	if (run == NULL || len == 0)
		return;
	memcpy(keep, d->scratch.data + len, extra);
	bp_buf_truncate(&d->scratch, len);
	set_font(pen->page, run, pen->size);
	pdf_hpdf_show(pen->page, !pen->moved, pen->x, pen->y, d->scratch.data);
	pen->moved = true;
	bp_buf_reset(&d->scratch);
	bp_buf_put(&d->scratch, keep, extra);
}

/* Draws one fragment from `x`: a Tj for each stretch of one font, a
 * moved mark and the rest of its word in a span of their text. */
static void
draw_frag(struct pdf_doc *d, HPDF_Page page, enum pdf_face face,
	const struct bp_frag *f, double size, double x, double y)
{
	const char *s = f->text;
	struct pen pen = { page, size, x, y, false };
	HPDF_Font run = NULL;
	double dx, dy;
	size_t n, span_end = 0; /* where the open span ends; 0: none */

	bp_buf_reset(&d->scratch);
	for (size_t i = 0; i <= f->len; i += n) {
		HPDF_Font font = NULL;
		uint32_t cp = 0;
		size_t mark, stop = span_end > 0 ? span_end : f->len;
		if (i == span_end && span_end > 0) {
			/* the stretch up to here, then the span is closed */
			flush_stretch(d, &pen, run, d->scratch.len);
			bp_buf_reset(&d->scratch);
			pdf_hpdf_page_ops(page, "EMC\n");
			run = NULL;
			span_end = 0;
			stop = f->len;
		}
		mark = d->scratch.len;
		n = 1;
		if (i < f->len && run != NULL && run == d->uses[face].simple[0] &&
		    (n = bp_printable_len(s + i, stop - i)) > 0) {
			/* more printable ASCII in the font of the stretch: its
			 * bytes are its codes, as font_for would give them */
			unsigned char *used = d->uses[face].used[0];
			for (size_t k = i; k < i + n; k++)
				used[(unsigned char)s[k]] = 1;
			bp_buf_put(&d->scratch, s + i, n);
			continue;
		}
		n = 1;
		if (i < f->len) {
			cp = bp_utf8_decode(s + i, f->len - i, &n);
			if (mark_offset(face_get(d, face), s, i, cp, size, &dx,
			    &dy)) {
				/* the stretch before, then the mark on its
				 * own, the text position left after the base */
				flush_stretch(d, &pen, run, d->scratch.len);
				bp_buf_reset(&d->scratch);
				if (span_end == 0 &&
				    word_end(s, i + n, f->len) > i + n) {
					span_end = word_end(s, i + n, f->len);
					begin_actual_text(page, s + i,
					    span_end - i);
				}
				set_font(page, font_for(d, face, cp, s + i, n,
				    &d->scratch), size);
				pdf_hpdf_show_mark(page, d->scratch.data, size,
				    dx, dy);
				bp_buf_reset(&d->scratch);
				run = NULL;
				continue;
			}
			font = font_for(d, face, cp, s + i, n,
			    &d->scratch);
		}
		if (font == run && i < f->len)
			continue;
		/* the stretch before this code point */
		flush_stretch(d, &pen, run, mark);
		run = font;
	}
}

/* --- marked content ------------------------------------------------------
 *
 * Every operator that draws is inside marked content: a segment of a
 * structure element (BDC with its MCID) or an artifact (decoration, page
 * furniture, a table's header row repeated on a later page).  Artifacts
 * drawn one after another share one sequence, which stays open until
 * content or another kind of artifact comes, or the page ends.  An
 * artifact is only opened or closed outside a text object (close_text),
 * so a text object lies wholly inside one artifact or wholly outside any,
 * and a segment's BDC and EMC lie inside its line's text object. */

static const char *const artifact_layout = "/Artifact BMC\n";
static const char *const artifact_header =
    "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";
static const char *const artifact_footer =
    "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";

static void
end_artifact(struct pdf_doc *d, HPDF_Page page)
{
	if (d->artifact != NULL) {
		close_text(page);
		pdf_hpdf_page_ops(page, "EMC\n");
	}
	d->artifact = NULL;
}

static void
begin_artifact(struct pdf_doc *d, HPDF_Page page, const char *op)
{
	if (d->artifact == op)
		return;
	end_artifact(d, page);
	close_text(page);
	pdf_hpdf_page_ops(page, op);
	d->artifact = op;
}

static void
begin_mark(struct pdf_doc *d, HPDF_Page page, size_t seg)
{
	const char *role;
	int mcid = pdf_tag_mark(d->tags, seg, d->page_no, &role);
	char op[64], digits[12];
	size_t n = sizeof(digits), len = strlen(role);

	/* "/P<</MCID 7>>BDC", without snprintf's cost on every line (the
	 * delimiters need no space around them: two bytes a line) */
	do
		digits[--n] = (char)('0' + mcid % 10);
	while ((mcid /= 10) != 0 && n > 0);
	if (len > 20)
		return; /* cannot happen: the longest role is BlockQuote */
	op[0] = '/';
	memcpy(op + 1, role, len);
	memcpy(op + 1 + len, "<</MCID ", 8);
	memcpy(op + 9 + len, digits + n, sizeof(digits) - n);
	memcpy(op + 9 + len + sizeof(digits) - n, ">>BDC\n",
	    sizeof(">>BDC\n"));
	pdf_hpdf_page_ops(page, op);
}

static void
end_mark(HPDF_Page page)
{
	pdf_hpdf_page_ops(page, "EMC\n");
}

/* A text item; `marked`: each of its segments is marked content, and its
 * link underlines are artifacts.  The text object is left open for the
 * next line (close_text). */
static void
draw_text(struct pdf_doc *d, HPDF_Page page, const struct pdf_layout *l,
	const struct pdf_item *it, double y, bool marked)
{
	size_t seg = it->seg0, segs_end = it->seg0 + it->nsegs;

	if (!pdf_hpdf_in_text(page))
		pdf_hpdf_begin_text(page);
	pdf_hpdf_begin_line(page);
	for (size_t i = 0; i < it->nfrags; i++) {
		const struct bp_frag *f = &l->frags[it->frag0 + i];
		enum pdf_face face = pdf_face_of(f->run->style | it->style);
		if (marked && seg < segs_end &&
		    i == pdf_tag_seg_frag(d->tags, seg)) {
			if (seg > it->seg0)
				end_mark(page);
			begin_mark(d, page, seg++);
		}
		if (face_get(d, face) == NULL || f->len == 0)
			continue;
		if (f->run->link != NULL)
			fill_rgb(page, 0.0f, 0.2f, 0.6f);
		else if (it->accent && d->has_accent)
			fill_rgb(page, d->accent[0], d->accent[1], d->accent[2]);
		else
			fill_gray(page, it->role == PDF_ROLE_ARTIFACT ? 0.25f :
			    0.0f);
		if (f->run->type == BP_RUN_NOTE) /* a footnote's number */
			draw_frag(d, page, face, f, it->size * BP_NOTE_SCALE,
			    it->x + f->x, y + it->size * BP_NOTE_RISE);
		else
			draw_frag(d, page, face, f, it->size, it->x + f->x, y);
	}
	if (marked && seg > it->seg0)
		end_mark(page);
	for (size_t i = 0; i < it->nfrags;) {
		double x0, x1;
		if (link_stretch(l, it, &i, &x0, &x1) == NULL)
			continue;
		if (marked)
			begin_artifact(d, page, artifact_layout);
		underline(page, x0, y, x1 - x0, it->size);
	}
	if (!pdf_hpdf_shares_text(page))
		close_text(page);
}

/* One plane of a PNG's samples (the colour, or the alpha as grey) as an
 * image, deflated here and freed before libharu takes it: its raw loader
 * would keep an uncompressed copy beside ours, two copies of up to
 * BP_MAX_IMAGE_DECODED bytes at once.  Zlib's default level, which
 * libharu used; a plane under PDF_DEFLATE_STORE_BELOW bytes is stored. */
static HPDF_Image
deflated_plane(struct pdf_doc *d, unsigned char **plane,
	const struct bp_pixels *px, bool grey)
{
	size_t len = (size_t)px->width * px->height * (grey ? 1 : 3);
	unsigned char *z = NULL;
	size_t zlen = 0;
	HPDF_Image img = NULL;
	bool deflated = pdf_deflate_or_store(d->kit->zip, *plane, len, 6, &z,
	    &zlen);

	free(*plane);
	*plane = NULL;
	if (deflated)
		img = pdf_hpdf_deflated_image(d->pdf, z, zlen, px->width,
		    px->height, grey);
	free(z);
	return img;
}

/* A PNG as an image of its samples (libharu's own PNG reader has no error
 * recovery and stores alpha uncompressed), its alpha as a soft mask. */
static HPDF_Image
load_png(struct pdf_doc *d, const struct bp_image *im)
{
	struct bp_pixels px;
	HPDF_Image img = NULL, mask;

	if (bp_image_decode(im, &px) != 0)
		return NULL;
	img = deflated_plane(d, &px.colour, &px, px.channels == 1);
	if (img != NULL && px.alpha != NULL) {
		mask = deflated_plane(d, &px.alpha, &px, true);
		if (mask == NULL || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
			img = NULL;
	}
	bp_pixels_free(&px);
	return img;
}

/* Where problems of a layout's content are reported: a pack's paper's
 * are named by the paper's file. */
static struct bp_diags *
content_diags(const struct pdf_doc *d, const struct pdf_layout *l)
{
	return l->diags != NULL ? l->diags : d->diags;
}

/* The figure's image, embedded the first time its file is drawn. */
static struct embedded *
embed_image(struct pdf_doc *d, const struct bp_image *im,
	struct bp_diags *diags, struct bp_pos pos)
{
	struct embedded *e;

	for (size_t i = 0; i < d->nimages; i++)
		if (d->images[i].data == im->data)
			return &d->images[i];
	if (d->nimages == d->images_cap) {
		d->images_cap = d->images_cap ? d->images_cap * 2 : 4;
		d->images = bp_xreallocarray(d->images, d->images_cap,
		    sizeof(*d->images));
	}
	e = &d->images[d->nimages++];
	e->data = im->data;
	e->image = im->format == BP_IMAGE_PNG ? load_png(d, im) :
	    HPDF_LoadJpegImageFromMem(d->pdf, im->data, (HPDF_UINT)im->size);
	if (e->image == NULL) {
		bp_diag(diags, pos, BP_E_IMAGE_EMBED, im->src,
		    (unsigned)d->kit->error);
		/* reported: clear the sticky state so the rest still draws */
		HPDF_ResetError(d->pdf);
		d->kit->error = 0;
		d->failed = true;
	}
	return e;
}

static void
draw_image(struct pdf_doc *d, HPDF_Page page, const struct pdf_layout *l,
	const struct pdf_item *it, double top)
{
	const struct bp_image *im = &it->block->u.image;
	struct embedded *e = embed_image(d, im, content_diags(d, l),
	    it->block->pos);

	if (e->image == NULL)
		return;
	HPDF_Page_DrawImage(page, e->image, (HPDF_REAL)it->x,
	    (HPDF_REAL)(top - it->dy - it->h), (HPDF_REAL)it->w,
	    (HPDF_REAL)it->h);
}

/* The quote bars beside a box, each stroked as a LINE item of its own
 * would be.  Bars that reach up to the box before (dy < 0) start at the
 * box's top where it does not follow that box (a page's first). */
static void
draw_bars(HPDF_Page page, const struct pdf_item *it, double top,
	bool follows)
{
	double from = follows ? top - it->dy : top;

	for (uint32_t i = 0; i < it->nbars; i++) {
		HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->bar_gray);
		HPDF_Page_SetLineWidth(page, it->bar_gray == 0 ? 0.8f : 0.5f);
		pdf_hpdf_move_to(page, (HPDF_REAL)it->bar_x[i],
		    (HPDF_REAL)from);
		pdf_hpdf_line_to(page, (HPDF_REAL)it->bar_x[i],
		    (HPDF_REAL)(top - it->dy - it->bar_h));
		HPDF_Page_Stroke(page);
	}
}

/* Draws one item whose box top is `top` points from the page foot.  An
 * item stamped with an element (pdf_tag.h) is marked content where it is
 * `content` (placed for the first time), else it is an artifact opened by
 * the `artifact` operator. */
static void
draw_item(struct pdf_doc *d, HPDF_Page page, const struct pdf_layout *l,
	const struct pdf_item *it, double top, bool content,
	const char *artifact)
{
	bool marked = content && it->nsegs > 0;

	if (it->kind != PDF_ITEM_TEXT)
		close_text(page);
	if (marked)
		end_artifact(d, page);
	else
		begin_artifact(d, page, artifact);
	switch ((enum pdf_item_kind)it->kind) {
	case PDF_ITEM_TEXT:
		draw_text(d, page, l, it, top - it->dy, marked);
		break;
	case PDF_ITEM_RECT:
		fill_gray(page, (float)it->gray);
		HPDF_Page_Rectangle(page, (HPDF_REAL)it->x,
		    (HPDF_REAL)(top - it->dy - it->h), (HPDF_REAL)it->w,
		    (HPDF_REAL)it->h);
		HPDF_Page_Fill(page);
		break;
	case PDF_ITEM_LINE:
		if (it->accent && d->has_accent)
			HPDF_Page_SetRGBStroke(page, d->accent[0],
			    d->accent[1], d->accent[2]);
		else
			HPDF_Page_SetGrayStroke(page, (HPDF_REAL)it->gray);
		HPDF_Page_SetLineWidth(page, it->gray == 0 ? 0.8f : 0.5f);
		pdf_hpdf_move_to(page, (HPDF_REAL)it->x,
		    (HPDF_REAL)(top - it->dy));
		pdf_hpdf_line_to(page, (HPDF_REAL)(it->x + it->w),
		    (HPDF_REAL)(top - it->dy - it->h));
		HPDF_Page_Stroke(page);
		break;
	case PDF_ITEM_BARS:
		draw_bars(page, it, top, d->box_follows);
		break;
	case PDF_ITEM_IMAGE:
		if (marked)
			begin_mark(d, page, it->seg0);
		draw_image(d, page, l, it, top);
		if (marked) {
			end_mark(page);
			pdf_tag_bbox(d->tags, it->seg0, it->x, top - it->dy -
			    it->h, it->x + it->w, top - it->dy);
		}
		break;
	}
}

static double
box_top(const struct pdf_layout *l, const struct bp_placed *p)
{
	return PDF_PAGE_H - l->body_top - p->y;
}

/* Room for `n` more pages, made as they are drawn (add_page) into the
 * object numbers held for them now: the index of the first, or SIZE_MAX. */
static size_t
hold_pages(struct pdf_doc *d, size_t n)
{
	while (d->npages + n > d->pages_cap) {
		d->pages_cap = d->pages_cap ? d->pages_cap * 2 : 16;
		d->pages = bp_xreallocarray(d->pages, d->pages_cap,
		    sizeof(*d->pages));
	}
	return pdf_hpdf_hold_pages(d->pdf, n);
}

/* Page `p` of those held from `held`, now that it is drawn; NULL when
 * libharu failed. */
static HPDF_Page
add_page(struct pdf_doc *d, size_t held, size_t p)
{
	HPDF_Page page = pdf_hpdf_add_held_page(d->pdf, held, p);

	if (page == NULL)
		return NULL;
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->pages[d->npages++] = page;
	return page;
}

static void
remember_layout(struct pdf_doc *d, const struct pdf_layout *l, size_t page0)
{
	if (d->ndrawn == d->drawn_cap) {
		d->drawn_cap = d->drawn_cap ? d->drawn_cap * 2 : 8;
		d->drawn = bp_xreallocarray(d->drawn, d->drawn_cap,
		    sizeof(*d->drawn));
	}
	d->drawn[d->ndrawn].lay = l;
	d->drawn[d->ndrawn].page0 = page0;
	d->ndrawn++;
}

static struct pending_link *
new_pending_link(struct pdf_doc *d, const struct pdf_layout *l, size_t page,
	const struct pdf_item *it, size_t frag, double y, double x0, double x1)
{
	struct pending_link *pl;

	if (d->nlinks == d->links_cap) {
		d->links_cap = d->links_cap ? d->links_cap * 2 : 16;
		d->links = bp_xreallocarray(d->links, d->links_cap,
		    sizeof(*d->links));
	}
	pl = &d->links[d->nlinks++];
	memset(pl, 0, sizeof(*pl));
	pl->lay = l;
	pl->page = page;
	pl->seg = pdf_tag_seg_at(d->tags, it->seg0, it->nsegs, frag);
	pl->rect.left = (HPDF_REAL)x0;
	pl->rect.right = (HPDF_REAL)x1;
	pl->rect.bottom = (HPDF_REAL)(y - 0.25 * it->size);
	pl->rect.top = (HPDF_REAL)(y + 0.95 * it->size);
	return pl;
}

/* A footnote reference's raised number links to its note (the
 * destination its layout keys by the footnote); the annotation
 * describes itself with its Link's text, the note's first paragraph
 * (pdf_tag.c).  A note's own number before it (a Lbl) is no link. */
static void
footnote_links(struct pdf_doc *d, size_t page, const struct pdf_layout *l,
	const struct pdf_item *it, double y)
{
	if (it->role == PDF_ROLE_LBL || it->nsegs == 0)
		return;
	for (size_t i = 0; i < it->nfrags; i++) {
		const struct bp_frag *f = &l->frags[it->frag0 + i];
		if (f->run->type == BP_RUN_NOTE && f->run->note != NULL)
			new_pending_link(d, l, page, it, i, y, it->x + f->x,
			    it->x + f->x + f->width)->note = f->run->note;
	}
}

/* Each stretch of a text item's line that belongs to a link, the line's
 * baseline `y` points from the page foot, for add_links; and each
 * footnote reference. */
static void
note_links(struct pdf_doc *d, size_t page, const struct pdf_layout *l,
	const struct pdf_item *it, double y)
{
	if (it->kind != PDF_ITEM_TEXT)
		return;
	for (size_t i = 0; i < it->nfrags;) {
		double x0, x1;
		size_t start = i;
		const struct bp_link *link = link_stretch(l, it, &i, &x0, &x1);
		struct pending_link *pl;
		if (link == NULL)
			continue;
		if (d->nlinks == d->links_cap) {
			d->links_cap = d->links_cap ? d->links_cap * 2 : 16;
			d->links = bp_xreallocarray(d->links, d->links_cap,
			    sizeof(*d->links));
		}
		pl = new_pending_link(d, l, page, it, start, y, x0, x1);
		pl->link = link;
	}
	footnote_links(d, page, l, it, y);
}

/* Boxes are drawn in reading order; a box placed again (a table's header
 * row on a later page) is an artifact the second time. */
int
pdf_doc_draw(struct pdf_doc *d, const struct pdf_layout *l)
{
	size_t k = 0, page0 = d->npages, held;
	bool *drawn;
	struct pdf_release *given;
	size_t above[2]; /* the last box placed on the page, + 1: in the
	                  * body and in the foot (0: none yet) */
	int rc = 0;

	if (d->npages + l->pages.npages > BP_MAX_PAGES) {
		/* libharu fails past 32767 with a code of its own */
		bp_diag(d->diags, (struct bp_pos){ 0, 0 }, BP_E_LIMIT_PAGES,
		    d->npages + l->pages.npages, (size_t)BP_MAX_PAGES);
		d->failed = true;
		return -1;
	}
	held = hold_pages(d, l->pages.npages);
	if (held == SIZE_MAX) {
		report_error(d);
		return -1;
	}
	remember_layout(d, l, page0);
	drawn = bp_xcalloc(l->nboxes + 1, sizeof(*drawn));
	/* the structure dump prints the lines' text after drawing */
	given = d->opts->dump_structure ? NULL : pdf_release_new(l);
	for (size_t p = 0; p < l->pages.npages; p++) {
		HPDF_Page page = add_page(d, held, p);
		if (page == NULL) {
			rc = -1;
			break;
		}
		d->page_no = page0 + p;
		pdf_hpdf_begin_page(d->pdf, page, &d->content);
		above[0] = above[1] = 0;
		for (; k < l->pages.nplaced && l->pages.placed[k].page == p;
		    k++) {
			const struct bp_placed *pl = &l->pages.placed[k];
			bool first = !drawn[pl->box];
			/* the footnotes' boxes come last, from their rule */
			size_t *up = &above[l->nnotes > 0 &&
			    pl->box >= l->note_rule];
			/* the paginator keeps the space before a box on a
			 * page unless it is the page's first */
			d->box_follows = *up == pl->box && pl->y > 0;
			*up = pl->box + 1;
			drawn[pl->box] = true;
			for (size_t i = l->box_item0[pl->box];
			    i < l->box_item0[pl->box + 1]; i++) {
				draw_item(d, page, l, &l->items[i],
				    box_top(l, pl), first, artifact_layout);
				note_links(d, page0 + p, l, &l->items[i],
				    box_top(l, pl) - l->items[i].dy);
			}
		}
		for (size_t i = l->furniture_item0[p];
		    i < l->furniture_item0[p + 1]; i++)
			draw_item(d, page, l, &l->items[i], PDF_PAGE_H, false,
			    l->items[i].dy < PDF_PAGE_H / 2 ?
			    artifact_header : artifact_footer);
		close_text(page);
		end_artifact(d, page);
		/* compressed now, not held whole until the file is saved */
		pdf_hpdf_finish_page(d->pdf, d->kit->zip, page, &d->print);
		pdf_release_page(given, drawn);
	}
	pdf_release_free(given);
	free(drawn);
	return report_error(d) || d->failed || rc != 0 ? -1 : 0;
}

/* --- links and bookmarks -------------------------------------------------- */

struct target {
	const void *key;
	size_t page; /* in the document */
	double top;  /* points from the page foot */
	HPDF_Destination dst; /* made for the first link to it, then shared */
};

struct targets {
	struct target *list; /* sorted by key */
	size_t n;
};

static int
target_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct target *)a)->key;
	uintptr_t y = (uintptr_t)((const struct target *)b)->key;

	return x < y ? -1 : x > y;
}

/* For each box of a layout, where it was first placed (SIZE_MAX: never),
 * to free. */
static size_t *
first_placements(const struct pdf_layout *l)
{
	size_t *first = bp_xreallocarray(NULL, l->nboxes + 1, sizeof(*first));

	for (size_t i = 0; i <= l->nboxes; i++)
		first[i] = SIZE_MAX;
	for (size_t k = l->pages.nplaced; k-- > 0;)
		first[l->pages.placed[k].box] = k;
	return first;
}

/* Every destination of every layout drawn: its page and top, sorted by
 * key for lookup. */
static void
find_targets(const struct pdf_doc *d, struct targets *t)
{
	size_t n = 0;

	for (size_t j = 0; j < d->ndrawn; j++)
		n += d->drawn[j].lay->ndests;
	t->list = bp_xreallocarray(NULL, n + 1, sizeof(*t->list));
	t->n = 0;
	for (size_t j = 0; j < d->ndrawn; j++) {
		const struct pdf_layout *l = d->drawn[j].lay;
		size_t *first = first_placements(l);
		for (size_t i = 0; i < l->ndests; i++) {
			size_t k = first[l->dests[i].box];
			if (k == SIZE_MAX)
				continue;
			t->list[t->n].key = l->dests[i].key;
			t->list[t->n].dst = NULL;
			t->list[t->n].page = d->drawn[j].page0 +
			    l->pages.placed[k].page;
			t->list[t->n].top = box_top(l, &l->pages.placed[k]) +
			    4.0;
			t->n++;
		}
		free(first);
	}
	qsort(t->list, t->n, sizeof(*t->list), target_cmp);
}

/* What an internal link goes to: its block, or the key its layout gives
 * it. */
static const void *
link_key(const struct pdf_layout *l, const struct bp_link *link)
{
	if (link->target != NULL)
		return link->target;
	for (size_t i = 0; i < l->nlink_keys; i++)
		if (l->link_keys[i].link == link)
			return l->link_keys[i].key;
	return NULL;
}

static HPDF_Destination
dest_at(struct pdf_doc *d, size_t page, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[page]);

	if (dst != NULL)
		pdf_hpdf_set_xyz_null(d->pdf, dst, 0, top);
	return dst;
}

/* URIs are written as given, so anything but printable ASCII is
 * percent-encoded here. */
static const char *
uri_cstr(struct pdf_doc *d, const char *url)
{
	bp_buf_reset(&d->scratch);
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7F)
			bp_buf_printf(&d->scratch, "%%%02X", *p);
		else
			bp_buf_putc(&d->scratch, (char)*p);
	return d->scratch.data;
}

/* An annotation for `link`, or when it is NULL for a footnote
 * reference to `note`. */
static HPDF_Annotation
add_link(struct pdf_doc *d, HPDF_Page page, const struct pdf_layout *l,
	const struct bp_link *link, const struct bp_footnote *note,
	HPDF_Rect rect, const struct targets *t)
{
	HPDF_Annotation a = NULL;
	const void *to;

	if (link != NULL && link->type == BP_LINK_URL) {
		const char *uri = uri_cstr(d, link->url);
		size_t len = strlen(uri);
		/* libharu would refuse it and fail the whole document with
		 * an error code; an address cannot be cut short */
		if (len <= HPDF_LIMIT_MAX_STRING_LEN)
			a = HPDF_Page_CreateURILinkAnnot(page, rect, uri);
		else if (d->long_url != link) { /* once, not per line */
			bp_diag(content_diags(d, l), link->pos,
			    BP_E_PDF_URL_LONG, len,
			    (unsigned)HPDF_LIMIT_MAX_STRING_LEN);
			d->long_url = link;
		}
	} else if ((to = link != NULL ? link_key(l, link) : note) != NULL) {
		struct target key = { to, 0, 0, NULL };
		struct target *hit = bsearch(&key, t->list, t->n,
		    sizeof(*t->list), target_cmp);
		/* one destination per target, however many links lead there */
		if (hit != NULL && hit->dst == NULL)
			hit->dst = dest_at(d, hit->page, hit->top);
		if (hit != NULL && hit->dst != NULL)
			a = HPDF_Page_CreateLinkAnnot(page, rect, hit->dst);
	}
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	return a;
}

/* An annotation is in the structure tree, as an OBJR of its Link element,
 * and describes itself in /Contents (PDF/UA-1, 7.18.5): the link's title
 * when the author gave one, else its text. */
static void
tag_link(struct pdf_doc *d, HPDF_Annotation a, size_t seg, size_t page,
	const struct bp_link *link)
{
	const char *contents;
	int key;

	if (a == NULL || seg == PDF_TAG_NONE)
		return;
	key = pdf_tag_annot(d->tags, seg, a, page, &contents);
	if (link != NULL && link->title != NULL)
		contents = link->title;
	pdf_hpdf_put_int(a, "StructParent", (int)d->npages + key);
	pdf_hpdf_put_text(d->pdf, a, "Contents", contents);
}

static void
add_links(struct pdf_doc *d)
{
	struct targets t;

	find_targets(d, &t);
	for (size_t k = 0; k < d->nlinks; k++) {
		const struct pending_link *pl = &d->links[k];
		tag_link(d, add_link(d, d->pages[pl->page], pl->lay, pl->link,
		    pl->note, pl->rect, &t), pl->seg, pl->page, pl->link);
	}
	free(t.list);
}

/* A bookmark as written: an item of the outline tree, with its
 * neighbours as indices into the list (BM_NONE for none; a parent of
 * BM_NONE is the root). */
#define BM_NONE SIZE_MAX
struct bookmark {
	void *obj;             /* a raw dictionary (pdf_hpdf.h) */
	HPDF_Destination dst;
	const char *title;
	size_t parent, first, last, prev, next;
	size_t count;          /* items below it, all open */
};

/* The outline tree: each bookmark at the end of its parent's children. */
static void
bookmark_link(struct bookmark *bm, size_t i, size_t *root_first,
	size_t *root_last)
{
	size_t p = bm[i].parent;
	size_t *first = p == BM_NONE ? root_first : &bm[p].first;
	size_t *last = p == BM_NONE ? root_last : &bm[p].last;

	bm[i].first = bm[i].last = bm[i].next = BM_NONE;
	bm[i].prev = *last;
	if (*last != BM_NONE)
		bm[*last].next = i;
	if (*first == BM_NONE)
		*first = i;
	*last = i;
}

static void
put_bookmark_ref(struct bp_buf *b, const char *key, const void *obj)
{
	bp_buf_puts(b, key);
	pdf_hpdf_ref(b, obj);
	bp_buf_putc(b, '\n');
}

/* Its entries, in the order libharu's outline objects have them (the
 * order their calls added them: HPDF_Outline_New, AddChild, then
 * /Count when written). */
static void
put_bookmark(struct pdf_doc *d, const struct bookmark *bm, size_t i,
	void *root, struct bp_buf *b)
{
	const struct bookmark *m = &bm[i];

	bp_buf_reset(b);
	bp_buf_puts(b, "/Title ");
	pdf_hpdf_text_value(d->pdf, b, m->title);
	bp_buf_puts(b, "\n/Type /Outlines\n");
	if (m->prev != BM_NONE)
		put_bookmark_ref(b, "/Prev ", bm[m->prev].obj);
	put_bookmark_ref(b, "/Parent ", m->parent == BM_NONE ? root :
	    bm[m->parent].obj);
	if (m->dst != NULL)
		put_bookmark_ref(b, "/Dest ", m->dst);
	if (m->first != BM_NONE) {
		put_bookmark_ref(b, "/First ", bm[m->first].obj);
		put_bookmark_ref(b, "/Last ", bm[m->last].obj);
	}
	if (m->next != BM_NONE)
		put_bookmark_ref(b, "/Next ", bm[m->next].obj);
	if (m->count > 0) {
		bp_buf_puts(b, "/Count ");
		pdf_hpdf_uint(b, m->count);
		bp_buf_putc(b, '\n');
	}
	if (!b->failed)
		pdf_hpdf_raw_set(d->raws, m->obj, b->data, b->len);
}

/* Each bookmark nests under the nearest one before it of a lower level
 * (in a paper, sub-headings under their section; in a pack, sections
 * under their item); the viewer opens with them shown.  The
 * destinations are libharu objects, made now (outline_write makes the
 * bookmarks, raw dictionaries, once libharu's objects are all made). */
static void
outline_plan(struct pdf_doc *d, struct outline *o)
{
	size_t open[PDF_MARK_DEPTH + 1], n = 0, m = 0;
	struct bookmark *bm;

	for (size_t j = 0; j < d->ndrawn; j++)
		n += d->drawn[j].lay->nmarks;
	o->bm = bm = bp_xreallocarray(NULL, n + 1, sizeof(*bm));
	o->root_first = o->root_last = BM_NONE;
	for (int k = 0; k <= PDF_MARK_DEPTH; k++)
		open[k] = BM_NONE;
	for (size_t j = 0; j < d->ndrawn; j++) {
		const struct pdf_layout *l = d->drawn[j].lay;
		size_t *first = first_placements(l);
		for (size_t i = 0; i < l->nmarks; i++) {
			const struct pdf_mark *mk = &l->marks[i];
			int level = mk->level < 1 ? 1 : mk->level >
			    PDF_MARK_DEPTH ? PDF_MARK_DEPTH : mk->level;
			size_t parent = BM_NONE;
			const struct bp_placed *pl;
			if (first[mk->box] == SIZE_MAX)
				continue;
			pl = &l->pages.placed[first[mk->box]];
			for (int k = level - 1; k >= 1 && parent == BM_NONE;
			    k--)
				parent = open[k];
			bm[m].obj = NULL;
			bm[m].title = mk->title;
			bm[m].parent = parent;
			bm[m].count = 0;
			bookmark_link(bm, m, &o->root_first, &o->root_last);
			open[level] = m;
			for (int k = level + 1; k <= PDF_MARK_DEPTH; k++)
				open[k] = BM_NONE;
			bm[m].dst = dest_at(d, d->drawn[j].page0 + pl->page,
			    box_top(l, pl) + 4.0);
			m++;
		}
		free(first);
	}
	o->n = m;
	/* children come after their parents */
	for (size_t i = m; i-- > 0;)
		if (bm[i].parent != BM_NONE)
			bm[bm[i].parent].count += 1 + bm[i].count;
}

/* The outline's root (in the catalog) and bookmarks, written. */
static void
outline_write(struct pdf_doc *d, struct outline *o)
{
	struct bookmark *bm = o->bm;
	struct bp_buf b = BP_BUF_INIT;
	void *root;
	size_t m = o->n;

	if (m == 0 || (root = pdf_hpdf_outline_root(d->pdf, d->raws)) ==
	    NULL) {
		free(bm);
		return;
	}
	for (size_t i = 0; i < m; i++)
		if ((bm[i].obj = pdf_hpdf_raw_dict(d->raws)) == NULL) {
			free(bm);
			d->failed = true; /* past libharu's objects limit */
			return;
		}
	for (size_t i = 0; i < m; i++)
		put_bookmark(d, bm, i, root, &b);
	bp_buf_reset(&b);
	bp_buf_puts(&b, "/Type /Outlines\n");
	put_bookmark_ref(&b, "/First ", bm[o->root_first].obj);
	put_bookmark_ref(&b, "/Last ", bm[o->root_last].obj);
	bp_buf_puts(&b, "/Count ");
	pdf_hpdf_uint(&b, m);
	bp_buf_putc(&b, '\n');
	if (!b.failed)
		pdf_hpdf_raw_set(d->raws, root, b.data, b.len);
	HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	bp_buf_free(&b);
	free(bm);
}

/* --- embedded fonts ------------------------------------------------------ */

/* Appends to `cps` the code points face `f` drew in this paper; returns
 * how many. */
static size_t
drawn_code_points(struct pdf_doc *d, enum pdf_face f, uint32_t *cps)
{
	const struct face_use *u = &d->uses[f];
	size_t n = 0;

	for (size_t e = 0; e < NENC; e++) {
		const HPDF_UNICODE *map;
		if (u->simple[e] == NULL)
			continue;
		map = enc_map(d, e);
		for (int c = 0; c < 256; c++)
			if (u->used[e][c] && map[c] != 0)
				cps[n++] = map[c];
	}
	for (uint32_t cp = 0; u->cid_cps != NULL && cp < 65536; cp++)
		if (u->cid_cps[cp >> 3] & (1u << (cp & 7)))
			cps[n++] = cp;
	return n;
}

#define TAGS 308915776u /* 26^6 */

/* The six capital letters of `v` (below TAGS) in base 26, the lowest
 * digit first. */
static void
tag_letters(uint32_t v, char tag[6])
{
	for (int i = 0; i < 6; i++, v /= 26)
		tag[i] = (char)('A' + v % 26);
}

static bool
tag_given(const char (*given)[6], size_t n, const char tag[6])
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(given[i], tag, 6) == 0)
			return true;
	return false;
}

void
pdf_subset_tag(const void *font, size_t len, const char (*given)[6],
	size_t n, char tag[6])
{
	uint64_t sum = (uint64_t)pdf_crc32(pdf_crc32(0, NULL, 0), font, len) <<
	    32 | pdf_adler32(pdf_adler32(1, NULL, 0), font, len);
	uint32_t v = (uint32_t)(sum % TAGS);

	for (tag_letters(v, tag); tag_given(given, n, tag);
	    tag_letters(v, tag))
		v = (v + 1) % TAGS;
}

/* Names the subset of face `f`'s definition, whose font file is the `len`
 * bytes at `font`, by its content (pdf_subset_tag).  Two different
 * subsets then almost always have different tags (ISO 32000-1 9.6.4),
 * also when two papers' PDFs are combined into one (pdfunite, qpdf
 * --pages): tags given out per face named every paper's regular subset
 * HPDFAA+, and readers took two such subsets for one.  Within this
 * document they always differ: a tag it has given already is stepped
 * on.  The same subset has the same tag in any paper, alone or in a
 * batch, unless its paper's earlier subset took it.  The fonts already
 * made from the definition, every one this document has, are renamed. */
static void
name_subset(struct pdf_doc *d, enum pdf_face f, const char *font, size_t len)
{
	char tag[6];

	pdf_subset_tag(font, len, (const char (*)[6])d->subset_tags,
	    d->nsubset_tags, tag);
	if (d->nsubset_tags < PDF_FACE__MAX) /* once a face at most */
		memcpy(d->subset_tags[d->nsubset_tags++], tag, 6);
	pdf_hpdf_set_tag(d->kit->faces[f].def, d->kit->faces[f].sub, tag);
	for (int g = f; g < PDF_FACE__MAX; g++) {
		const struct face_use *u = &d->uses[g];
		if (!same_def(d, f, g))
			continue;
		for (size_t e = 0; e < NENC; e++)
			if (u->simple[e] != NULL)
				pdf_hpdf_rename_font(u->simple[e]);
		if (u->cid != NULL)
			pdf_hpdf_rename_font(u->cid);
	}
}

/* Embeds the subset of face `f`'s font file holding the glyphs this paper
 * drew with it, and with every later face of the same definition (they
 * share its fonts: face_alias); nothing for a face an earlier one shares
 * its definition with.  The CID font finds glyphs through a CIDToGIDMap
 * of the whole font, so a file that has one keeps its glyph numbers. */
static void
embed_subset(struct pdf_doc *d, enum pdf_face f)
{
	const struct face *fc = &d->kit->faces[f];
	struct bp_buf font = BP_BUF_INIT;
	bool cid = false;
	uint32_t *cps;
	size_t n = 0, size = 0;

	if (fc->state != FACE_LOADED)
		return;
	for (int g = 0; g < (int)f; g++)
		if (same_def(d, f, g))
			return; /* embedded with face g */
	for (int g = f; g < PDF_FACE__MAX; g++)
		if (same_def(d, f, g))
			size += NENC * 256 + (d->uses[g].cid_cps ? 65536 : 0);
	cps = bp_xreallocarray(NULL, size, sizeof(*cps));
	for (int g = f; g < PDF_FACE__MAX; g++)
		if (same_def(d, f, g)) {
			n += drawn_code_points(d, (enum pdf_face)g, cps + n);
			cid = cid || d->uses[g].cid != NULL;
		}
	if (n > 0) {
		if (bp_subsetter_run(fc->sub, cps, n, cid, &font) == 0) {
			/* first: the font descriptor takes the tag */
			name_subset(d, f, font.data, font.len);
			pdf_hpdf_embed_font_file(d->pdf, fc->def, font.data,
			    font.len);
		} else {
			static const struct bp_pos nowhere;
			bp_diag(d->diags, nowhere, BP_E_FONT_SUBSET,
			    family_of(d, f), face_spec(f)->bold ?
			    " Bold" : "", face_spec(f)->italic ? " Italic" :
			    "");
			d->failed = true;
		}
	}
	bp_buf_free(&font);
	free(cps);
}

/* --- metadata and output ------------------------------------------------ */

/* The XMP packet PDF/UA-1 requires, saying what /Info says; its bytes and
 * the pages' make the /ID, so the same document always has the same
 * one. */
static void
set_xmp(struct pdf_doc *d, const struct pdf_info *info)
{
	struct bp_buf xmp = BP_BUF_INIT;
	struct pdf_meta_text mt = {
		.title = info->title, .author = info->author &&
		    info->author[0] ? info->author : NULL,
		.subject = info->subject,
		.lang = info->lang ? info->lang : "en-GB",
		.creator_tool = "boardpaper", .producer = PDF_PRODUCER,
		.has_date = d->opts->has_epoch, .epoch = d->opts->epoch,
	};

	pdf_tag_xmp(&mt, &xmp);
	pdf_hpdf_set_metadata(d->pdf, xmp.data, xmp.len);
	pdf_hpdf_set_content_id(d->pdf, &d->print, xmp.data, xmp.len);
	bp_buf_free(&xmp);
}

static void
set_info(struct pdf_doc *d, const struct pdf_info *info)
{
	/* written as UTF-16 where they are not ASCII, every character kept,
	 * as in the XMP */
	set_info_text(d, HPDF_INFO_TITLE, info->title);
	if (info->author != NULL && info->author[0] != '\0')
		set_info_text(d, HPDF_INFO_AUTHOR, info->author);
	if (info->subject != NULL)
		set_info_text(d, HPDF_INFO_SUBJECT, info->subject);
	set_info_text(d, HPDF_INFO_CREATOR, "boardpaper");
	set_info_text(d, HPDF_INFO_PRODUCER, PDF_PRODUCER);
	set_xmp(d, info);
	if (d->opts->has_epoch) {
		/* only from SOURCE_DATE_EPOCH, so rebuilds are identical */
		time_t t = (time_t)d->opts->epoch;
		struct tm tm;
		HPDF_Date date;
		if (gmtime_r(&t, &tm) != NULL && tm.tm_year + 1900 <= 9999) {
			memset(&date, 0, sizeof(date));
			date.year = tm.tm_year + 1900;
			date.month = tm.tm_mon + 1;
			date.day = tm.tm_mday;
			date.hour = tm.tm_hour;
			date.minutes = tm.tm_min;
			date.seconds = tm.tm_sec;
			date.ind = 'Z';
			HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE,
			    date);
		}
	}
	pdf_hpdf_set_catalog_extras(d->pdf, info->lang ? info->lang :
	    "en-GB");
	/* page 1 is labelled "1", as printed in the footer */
	HPDF_AddPageLabel(d->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
}

static int
save(struct pdf_doc *d, struct bp_buf *out)
{
	struct bp_buf file = BP_BUF_INIT;
	struct pdf_objstm_extra raw;
	int rc = -1;

	/* the raw dictionaries' numbers must follow libharu's objects */
	if (!pdf_hpdf_raws_fit(d->pdf, d->raws))
		return -1;
	if (pdf_hpdf_save(d->pdf, &file) == 0 && !file.failed) {
		d->kit->error = 0;
		/* the document's objects go now, before the file is packed
		 * (the font definitions and encoders stay for the next
		 * paper), unless the process ends after this paper: freeing a
		 * small document's thousands of blocks cost paper a 200,000
		 * instructions, 2% of its run, for memory nothing reused but
		 * the packing's few pages.  A large one still goes, so that
		 * the packing's peak memory stays within SPEC 6's bound. */
		d->doc_left = d->opts->exits_after && !d->own_kit &&
		    file.len < TRIM_AFTER;
		if (!d->doc_left)
			HPDF_FreeDoc(d->pdf);
#ifdef __GLIBC__
		/* the document's objects, just freed, were many small blocks
		 * (10 MB for a 1.5 MB paper): their pages go back to the
		 * system, not stay resident under the packing.  Not for a
		 * small document, whose blocks serve the worker's next paper:
		 * trimming them made the system fault their pages in again
		 * (a paper of a batch spent a third of its time in the
		 * kernel). */
		if (file.len >= TRIM_AFTER)
			malloc_trim(0);
#endif
		if (pdf_hpdf_raw_objects(d->raws, &raw) &&
		    pdf_objstm_pack(d->kit->zip, out, file.data, file.len,
		    &raw))
			rc = out->failed ? -1 : 0;
	}
	bp_buf_free(&file);
	return rc;
}

int
pdf_doc_link(struct pdf_doc *d)
{
	if (d->linked)
		return 0;
	if (report_error(d) || d->failed)
		return -1;
	for (int f = 0; f < PDF_FACE__MAX; f++)
		for (size_t e = 0; e < NENC; e++)
			if (d->uses[f].simple[e] != NULL) {
				pdf_hpdf_record_widths(d->uses[f].simple[e],
				    d->uses[f].used[e]);
				pdf_hpdf_set_tounicode(d->uses[f].simple[e],
				    enc_tounicode(d, e));
			}
	for (int f = 0; f < PDF_FACE__MAX; f++)
		embed_subset(d, (enum pdf_face)f);
	add_links(d);
	if (!d->opts->dump_structure)
		outline_plan(d, &d->outline);
	d->linked = true;
	return 0;
}

int
pdf_doc_complete(struct pdf_doc *d, const struct pdf_info *info,
	struct bp_buf *out)
{
	if (pdf_doc_link(d) != 0)
		return -1;
	d->linked = false;
	if (d->opts->dump_structure) {
		pdf_tag_dump(d->tags, out);
		return report_error(d) || out->failed ? -1 : 0;
	}
	set_info(d, info);
	/* libharu's objects are all made: the raw ones follow them */
	pdf_hpdf_raws_begin(d->pdf, d->raws);
	pdf_tag_write(d->tags, d->pdf, d->raws, d->pages, d->npages);
	/* the tree is in the document now */
	pdf_tags_free(d->tags);
	d->tags = NULL;
	pdf_tag_write_pages(d->pages, d->npages);
	outline_write(d, &d->outline); /* which frees the plan */
	d->outline.bm = NULL;
	/* nothing of the layouts is read from here on */
	d->ndrawn = 0;
	d->nlinks = 0;
	return report_error(d) || d->failed ? -1 : 0;
}

int
pdf_doc_save(struct pdf_doc *d, struct bp_buf *out)
{
	size_t start = out->len;

	if (d->opts->dump_structure)
		return 0; /* pdf_doc_complete wrote the dump instead */
	if (save(d, out) != 0) {
		bp_buf_truncate(out, start);
		if (!report_error(d)) {
			static const struct bp_pos nowhere;
			bp_diag(d->diags, nowhere, BP_E_RENDER_MEMORY,
			    "pdf");
		}
		return -1;
	}
	return 0;
}

int
pdf_doc_finish(struct pdf_doc *d, const struct pdf_info *info,
	struct bp_buf *out)
{
	if (pdf_doc_complete(d, info, out) != 0)
		return -1;
	return pdf_doc_save(d, out);
}

