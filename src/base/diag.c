/* Diagnostics: the message table, collection, and sorted printing; every
 * string that reaches standard error is escaped and cut here. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/diag.h"
#include "internal.h"

static const struct {
	enum bp_severity severity;
	const char *format;
} messages[BP_DIAG__MAX] = {
	[BP_E_READ] = { BP_SEV_ERROR, "cannot read: %s" },
	[BP_E_NOT_REGULAR] = { BP_SEV_ERROR,
		"cannot read: not a regular file" },
	[BP_E_TOO_LARGE] = { BP_SEV_ERROR,
		"file is larger than the limit of %zu bytes%s" },
	[BP_E_EMPTY] = { BP_SEV_ERROR, "file is empty" },
	[BP_E_CONTROL] = { BP_SEV_ERROR,
		"control character U+%04X is not allowed" },
	[BP_E_CONTROL_ESCAPE] = { BP_SEV_ERROR,
		"control character U+%04X, written as an escape, is not "
		"allowed" },
	[BP_W_NONCHARACTER] = { BP_SEV_WARNING,
		"U+%04X is a noncharacter, not text: it prints as a "
		"replacement character or a box" },
	[BP_E_NUL] = { BP_SEV_ERROR,
		"NUL byte at byte offset %zu: not a text file" },
	[BP_E_UTF8] = { BP_SEV_ERROR, "invalid UTF-8 at byte offset %zu" },
	[BP_E_NO_FRONT_MATTER] = { BP_SEV_ERROR,
		"missing front matter: a paper begins with a '---' line" },
	[BP_E_FRONT_MATTER_UNCLOSED] = { BP_SEV_ERROR,
		"front matter is not closed by a '---' line" },
	[BP_E_YAML] = { BP_SEV_ERROR, "YAML: %s" },
	[BP_E_NOT_MAPPING] = { BP_SEV_ERROR,
		"front matter must be a mapping of keys to values" },
	[BP_E_ALIAS] = { BP_SEV_ERROR,
		"YAML anchors and aliases are not allowed" },
	[BP_E_TAG] = { BP_SEV_ERROR, "YAML tags are not allowed" },
	[BP_E_DUPLICATE_KEY] = { BP_SEV_ERROR,
		"duplicate key '%s' (first given at line %u)" },
	[BP_W_UNKNOWN_KEY] = { BP_SEV_WARNING, "unknown key '%s'" },
	[BP_W_UNKNOWN_KEY_NEAR] = { BP_SEV_WARNING,
		"unknown key '%s'; did you mean '%s'?" },
	[BP_E_MISSING_KEY] = { BP_SEV_ERROR, "missing required key '%s'" },
	[BP_E_TYPE] = { BP_SEV_ERROR, "'%s' must be %s" },
	[BP_E_EMPTY_VALUE] = { BP_SEV_ERROR, "'%s' must not be empty" },
	[BP_E_DATE] = { BP_SEV_ERROR, "invalid date '%s': %s" },
	[BP_E_EMAIL] = { BP_SEV_ERROR,
		"invalid email address '%s': it needs a name, '@' and a "
		"domain" },
	[BP_E_BOTH_KEYS] = { BP_SEV_ERROR,
		"give '%s' or '%s', not both" },
	[BP_E_NUMBERING] = { BP_SEV_ERROR,
		"unknown numbering '%s'; use continuous, sections or none" },
	[BP_E_LANG] = { BP_SEV_ERROR,
		"invalid language tag '%s' (BCP 47, such as en-GB or cy)" },
	[BP_E_TOO_DEEP] = { BP_SEV_ERROR,
		"front matter nested deeper than %d levels" },
	[BP_E_LIMIT_FM_ENTRIES] = { BP_SEV_ERROR,
		"%zu front-matter list entries so far: over the limit of %zu "
		"entries (recommendations, contacts, background papers and "
		"list fields together) per paper" },
	[BP_E_NESTING] = { BP_SEV_ERROR,
		"lists and quotes nested deeper than %d levels" },
	[BP_E_LIMIT_CELLS] = { BP_SEV_ERROR,
		"%zu table cells so far: over the limit of %zu table cells per "
		"paper (every row counts every column of its table)" },
	[BP_E_LIMIT_PARA_INLINES] = { BP_SEV_ERROR,
		"a paragraph with %zu inline marks: over the limit of %zu per "
		"paragraph (brackets, '!', backslashes, quotes and runs of "
		"emphasis or code marks)" },
	[BP_E_LIMIT_INLINES] = { BP_SEV_ERROR,
		"%zu inline marks so far: over the limit of %zu per paper "
		"(brackets, '!', backslashes, quotes and runs of emphasis or "
		"code marks)" },
	[BP_E_LIMIT_LINKS] = { BP_SEV_ERROR,
		"%zu links and images so far: over the limit of %zu links, "
		"images and bare addresses together per paper" },
	[BP_E_LIMIT_HEADINGS] = { BP_SEV_ERROR,
		"%zu headings so far: over the limit of %zu headings per "
		"paper" },
	[BP_E_LIMIT_BLOCKS] = { BP_SEV_ERROR,
		"%zu blocks so far: over the limit of %zu blocks (paragraphs, "
		"items, quotes, table rows, code lines; an item or quote and "
		"the paragraph it starts are two) per paper" },
	[BP_E_LIMIT_LINE_BREAKS] = { BP_SEV_ERROR,
		"%zu line breaks inside paragraphs so far: over the limit of "
		"%zu per paper (join the lines of a paragraph)" },
	[BP_E_LIMIT_AUTOLINK_SPLITS] = { BP_SEV_ERROR,
		"%zu letters 'w' and colons so far: over the limit of %zu for "
		"a paper of this length (one per 4 bytes of the text, plus 100000)" },
	[BP_E_LABEL_SYNTAX] = { BP_SEV_ERROR,
		"invalid label '%s': use letters, digits, '-', '_', '.' or ':'" },
	[BP_E_LABEL_DUPLICATE] = { BP_SEV_ERROR,
		"label '%s' is already defined at line %u" },
	[BP_E_LABEL_UNKNOWN] = { BP_SEV_ERROR, "unknown label '%s'" },
	[BP_E_LABEL_UNNUMBERED] = { BP_SEV_ERROR,
		"label '%s' names a block that has no number; "
		"give the link text" },
	[BP_E_IMAGE_ALT] = { BP_SEV_ERROR, "image '%s' has no alt text" },
	[BP_E_IMAGE_READ] = { BP_SEV_ERROR, "cannot read image '%s': %s" },
	[BP_E_IMAGE_ADDRESS] = { BP_SEV_ERROR,
		"image '%s' names no file: %s" },
	[BP_E_IMAGE_FORMAT] = { BP_SEV_ERROR,
		"image '%s' is not a PNG or JPEG file" },
	[BP_E_IMAGE_INLINE] = { BP_SEV_ERROR,
		"image '%s' must stand in a paragraph of its own" },
	[BP_E_IMAGE_OUTSIDE] = { BP_SEV_ERROR,
		"image '%s' is outside the paper's folder" },
	[BP_E_IMAGE_NOT_FILE] = { BP_SEV_ERROR,
		"image '%s' is not a regular file" },
	[BP_E_IMAGE_PNG] = { BP_SEV_ERROR,
		"image '%s' is not a valid PNG: %s" },
	[BP_E_IMAGE_JPEG] = { BP_SEV_ERROR,
		"image '%s' is a JPEG that PDF cannot show: %s" },
	[BP_E_IMAGE_PIXELS] = { BP_SEV_ERROR,
		"image '%s' has %llu pixels, over the limit of %llu" },
	[BP_E_IMAGE_DECODED] = { BP_SEV_ERROR,
		"image '%s' decodes to %llu bytes, past the limit of %llu "
		"bytes for all of a paper's PNG images" },
	[BP_W_LINK_DROPPED] = { BP_SEV_WARNING,
		"link to '%s' dropped: only http, https and mailto links are "
		"kept" },
	[BP_E_STYLE_TOO_LARGE] = { BP_SEV_ERROR,
		"cannot read: a house style is at most %zu KiB" },
	[BP_E_STYLE_NOT_MAPPING] = { BP_SEV_ERROR,
		"a house style must be a mapping of keys to values" },
	[BP_E_STYLE_CHOICE] = { BP_SEV_ERROR,
		"unknown %s '%s'; use %s" },
	[BP_E_STYLE_FONT] = { BP_SEV_ERROR,
		"font family '%s' has no %s face installed; a house "
		"style's font needs regular, bold, italic and bold italic" },
	[BP_E_STYLE_FONT_NONE] = { BP_SEV_ERROR,
		"font family '%s' is not installed (fontconfig finds no "
		"face of it)" },
	[BP_E_STYLE_FONT_UNUSABLE] = { BP_SEV_ERROR,
		"font family '%s' has none of the faces a house style's font "
		"needs (TrueType regular, bold, italic and bold italic): "
		"fontconfig has only %s" },
	[BP_W_STYLE_FONT_SHARED] = { BP_SEV_WARNING,
		"font family '%s' has no %s face: fontconfig gives the %s "
		"face's file for it, so %s text is set in the %s face" },
	[BP_E_STYLE_COLOUR] = { BP_SEV_ERROR,
		"invalid colour '%s': write it as \"#RRGGBB\"" },
	[BP_E_STYLE_CONTRAST] = { BP_SEV_ERROR,
		"accent colour '%s' has a contrast of %.2f:1 on white; "
		"text in it needs at least 4.5:1 (WCAG 2.1 AA)" },
	[BP_E_STYLE_FIELD_KEY] = { BP_SEV_ERROR,
		"field key '%s' cannot be used: %s" },
	[BP_E_STYLE_FAILED] = { BP_SEV_ERROR,
		"not compiled: its house style %s has errors" },
	[BP_E_FIELD_MISSING] = { BP_SEV_ERROR,
		"missing required field '%s' (required by the house style "
		"at %s:%u:%u)" },
	[BP_E_FIELD_TYPE] = { BP_SEV_ERROR,
		"'%s' must be %s (the house style's field at %s:%u:%u)" },
	[BP_E_FIELD_DATE] = { BP_SEV_ERROR,
		"invalid date '%s' for '%s': %s (the house style's field at "
		"%s:%u:%u)" },
	[BP_E_SECTION_MISSING] = { BP_SEV_ERROR,
		"missing required section '%s' (required by the house style "
		"at %s:%u:%u)" },
	[BP_E_SECTION_ORDER] = { BP_SEV_ERROR,
		"section '%s' must come after '%s' (line %u), in the order "
		"of the house style at %s:%u:%u" },
	[BP_W_LINK_NO_SLASHES] = { BP_SEV_WARNING,
		"link to '%s' dropped: it is not a web address (an http or "
		"https link goes on with '//', as in https://example.org/)" },
	[BP_W_GLYPH_MISSING_ONE] = { BP_SEV_WARNING,
		"character %s is not in the font %s and cannot be printed" },
	[BP_W_GLYPH_MISSING_MANY] = { BP_SEV_WARNING,
		"characters %s are not in the font %s and cannot be printed" },
	[BP_W_TABLE_SPLIT] = { BP_SEV_WARNING,
		"table too wide for %s: words in its cells are broken "
		"between characters" },
	[BP_W_RTL] = { BP_SEV_WARNING,
		"right-to-left text cannot be ordered in %s output: it prints "
		"in the order it is stored" },
	[BP_E_FONT_MISSING] = { BP_SEV_ERROR,
		"font '%s%s%s' not found through fontconfig; install "
		"fonts-liberation2" },
	[BP_E_FONT_SUBSET] = { BP_SEV_ERROR,
		"cannot make a subset of the font '%s%s%s' to embed" },
	[BP_E_FONT_FILE] = { BP_SEV_ERROR,
		"cannot load the font file %s (libharu error 0x%04X): it may "
		"be damaged; if the font cache named it wrongly, delete "
		"$XDG_CACHE_HOME/boardpaper/" BP_FONT_CACHE_FILE
		" (~/.cache/boardpaper/" BP_FONT_CACHE_FILE ")" },
	[BP_E_FONT_DAMAGED] = { BP_SEV_ERROR,
		"cannot read the font file %s: it may be damaged or not a "
		"font; if the font cache named it wrongly, delete "
		"$XDG_CACHE_HOME/boardpaper/" BP_FONT_CACHE_FILE
		" (~/.cache/boardpaper/" BP_FONT_CACHE_FILE ")" },
	[BP_E_PDF_LIBRARY] = { BP_SEV_ERROR,
		"PDF output failed: libharu error 0x%04X (detail %u)" },
	[BP_E_PDF_BACKEND] = { BP_SEV_ERROR,
		"cannot load the PDF back-end %s: %s" },
	[BP_E_PDF_ABI] = { BP_SEV_ERROR,
		"the PDF back-end %s was built for another boardpaper "
		"(its ABI %s, this program's %s): reinstall boardpaper" },
	[BP_E_IMAGE_EMBED] = { BP_SEV_ERROR,
		"cannot embed image '%s' (libharu error 0x%04X)" },
	[BP_E_PDF_URL_LONG] = { BP_SEV_ERROR,
		"the link's address is %zu bytes long as written in a PDF: "
		"over libharu's limit of %u bytes" },
	[BP_E_LIMIT_PAGES] = { BP_SEV_ERROR,
		"the PDF would have %zu pages: over the limit of %zu pages" },
	[BP_E_LIMIT_PAGES_AT] = { BP_SEV_ERROR,
		"the PDF passes the limit of %zu pages at this block" },
	[BP_E_PDF_NEW] = { BP_SEV_ERROR,
		"cannot create a PDF document (out of memory?)" },
	[BP_E_FRONT_SHEET] = { BP_SEV_ERROR,
		"the front sheet's length would not settle" },
	[BP_E_RENDER] = { BP_SEV_ERROR, "%s output failed" },
	[BP_E_RENDER_PACK] = { BP_SEV_ERROR, "%s pack failed" },
	[BP_E_RENDER_MEMORY] = { BP_SEV_ERROR,
		"%s output failed: out of memory" },
	[BP_E_RENDER_PACK_MEMORY] = { BP_SEV_ERROR,
		"%s pack failed: out of memory" },
	[BP_E_MEMORY] = { BP_SEV_ERROR, "out of memory" },
	[BP_E_WRITE] = { BP_SEV_ERROR, "cannot write %s: %s" },
	[BP_E_WRITE_STDOUT] = { BP_SEV_ERROR,
		"cannot write standard output: %s" },
	[BP_E_OVER_INPUT] = { BP_SEV_ERROR,
		"refusing to write over the input %s" },
	[BP_E_NEW_EXISTS] = { BP_SEV_ERROR, "already exists; not overwritten" },
	[BP_E_NEW_IS_DIR] = { BP_SEV_ERROR,
		"is a directory; name a new file in it for the paper" },
	[BP_E_IMPORT_LIMIT] = { BP_SEV_ERROR,
		"%s above the import limit of %zu" },
	[BP_E_IMPORT_DOCX] = { BP_SEV_ERROR, "not a readable .docx: %s" },
	[BP_E_IMPORT_XML] = { BP_SEV_ERROR, "%s: XML error: %s" },
	[BP_E_IMPORT_EXISTS] = { BP_SEV_ERROR,
		"%s already exists; not overwritten (use --force)" },
	[BP_E_IMPORT_MKDIR] = { BP_SEV_ERROR, "cannot make %s: %s" },
	[BP_E_IMPORT_NOT_FOLDER] = { BP_SEV_ERROR, "%s is not a folder" },
	[BP_W_IMPORT_TRACKED] = { BP_SEV_WARNING,
		"tracked changes accepted (insertions: %zu, deletions: %zu)" },
	[BP_W_IMPORT_COMMENTS] = { BP_SEV_WARNING,
		"comments dropped (%zu)" },
	[BP_W_IMPORT_LEFT_OUT] = { BP_SEV_WARNING,
		"%s left out%s: \"%s\"" },
	[BP_W_IMPORT_MERGED] = { BP_SEV_WARNING,
		"merged table cells repeated in every cell they span%s" },
	[BP_W_IMPORT_SEQUENCE] = { BP_SEV_WARNING,
		"typed number %s does not follow %s; the paper numbers it %s%s" },
	[BP_W_IMPORT_UNNUMBERED] = { BP_SEV_WARNING,
		"unnumbered paragraph among numbered ones; the paper numbers "
		"it %s%s" },
	[BP_W_IMPORT_IMAGE_MISSING] = { BP_SEV_WARNING,
		"image '%s' is not in the document; a placeholder is written%s" },
	[BP_W_IMPORT_IMAGE_ALT] = { BP_SEV_WARNING,
		"image '%s' has no alt text; a placeholder is written%s" },
	[BP_W_IMPORT_IMAGE_FORMAT] = { BP_SEV_WARNING,
		"image '%s' is not PNG or JPEG; a placeholder is written%s" },
	[BP_W_IMPORT_IMAGE_OUTSIDE] = { BP_SEV_WARNING,
		"image '%s' names a place outside the document; a placeholder "
		"is written%s" },
	[BP_W_IMPORT_UNSAFE_NAME] = { BP_SEV_WARNING,
		"media entry '%s' has an unsafe name; saved as '%s'" },
	[BP_E_MEETING_NOT_MAPPING] = { BP_SEV_ERROR,
		"a meeting file must be a mapping of keys to values" },
	[BP_E_MEETING_IS_PAPER] = { BP_SEV_ERROR,
		"this is a paper (front matter between '---' lines), not a "
		"meeting file: build it with 'boardpaper build', or name it "
		"under a meeting file's items" },
	[BP_E_TIME] = { BP_SEV_ERROR, "invalid time '%s': %s" },
	[BP_E_ITEM_EMPTY] = { BP_SEV_ERROR,
		"an agenda item needs a title, a paper or to_follow: true" },
	[BP_E_ITEM_DUPLICATE] = { BP_SEV_ERROR,
		"item %s is on the agenda twice (first at line %u)" },
	[BP_E_PAPER_READ] = { BP_SEV_ERROR, "cannot read paper '%s': %s" },
	[BP_E_PAPER_NOT_REGULAR] = { BP_SEV_ERROR,
		"cannot read paper '%s': not a regular file" },
	[BP_W_ITEM_MISMATCH] = { BP_SEV_WARNING,
		"paper '%s' says it is item %s; the agenda makes it item %s" },
	[BP_W_PAPER_DATE] = { BP_SEV_WARNING,
		"its meeting date %s is not the pack's, %s (%s:%u)" },
	[BP_W_PAPER_TWICE] = { BP_SEV_WARNING,
		"paper '%s' is already item %s (line %u)" },
};

void
bp_diags_init(struct bp_diags *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = file;
}

void
bp_diags_free(struct bp_diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->list[i].message);
	free(d->list);
	d->list = NULL;
	d->n = d->cap = 0;
	bp_colmap_free(d->columns);
	d->columns = NULL;
}

void
bp_diags_set_columns(struct bp_diags *d, struct bp_colmap *m)
{
	bp_colmap_free(d->columns);
	d->columns = m;
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when it
 * is not a valid one; its code point in *cp. */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 :
	    s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
	uint32_t c;

	if (len == 0 || len > n)
		return 0;
	c = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

/* Characters a terminal acts on or that reorder or break a line. */
static bool
must_escape(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
	    cp == 0x061C;
}

void
bp_buf_put_shown(struct bp_buf *out, const char *str, size_t len,
	size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, shown = 0;
	uint32_t cp;

	while (i < len && shown < max) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			bp_buf_printf(out, "\\x%02x", s[i++]);
		else if (cp == '\n')
			bp_buf_puts(out, "\\n");
		else if (cp == '\t')
			bp_buf_puts(out, "\\t");
		else if (cp < 0x80 && must_escape(cp))
			bp_buf_printf(out, "\\x%02x", (unsigned)cp);
		else if (must_escape(cp))
			bp_buf_printf(out, "\\u%04X", (unsigned)cp);
		else
			bp_buf_put(out, s + i, n);
		i += n ? n : 0;
		shown++;
	}
	if (i < len)
		bp_buf_puts(out, "...");
}

/* vprintf for the message table's conversions (s, d, c, f, u, x, X with
 * flags, width, precision, l, ll and z): every %s argument is escaped and
 * cut, numbers are formatted as printf does. */
static void
format_message(struct bp_buf *out, const char *fmt, va_list ap)
{
	for (const char *p = fmt; *p != '\0';) {
		const char *start = p;
		char spec[16];
		int longs = 0;
		bool size = false;

		if (*p != '%') {
			const char *pct = strchr(p, '%');
			size_t n = pct ? (size_t)(pct - p) : strlen(p);
			bp_buf_put(out, p, n);
			p += n;
			continue;
		}
		p++;
		if (*p == '%') {
			bp_buf_putc(out, '%');
			p++;
			continue;
		}
		while (*p != '\0' && (strchr("-+ #0.", *p) != NULL ||
		    isdigit((unsigned char)*p)))
			p++;
		for (; *p == 'l'; p++)
			longs++;
		if (*p == 'z') {
			size = true;
			p++;
		}
		if (*p == '\0' || (size_t)(p - start + 2) > sizeof(spec))
			return; /* not a format of this table's */
		memcpy(spec, start, (size_t)(p - start + 1));
		spec[p - start + 1] = '\0';
		switch (*p++) {
		case 's':
			{
				const char *arg = va_arg(ap, const char *);
				bp_buf_put_shown(out, arg, strlen(arg),
				    BP_SHOWN_MAX);
			}
			break;
		case 'd':
		case 'c':
			bp_buf_printf(out, spec, va_arg(ap, int));
			break;
		case 'f':
			bp_buf_printf(out, spec, va_arg(ap, double));
			break;
		default: /* u, x, X */
			if (size)
				bp_buf_printf(out, spec, va_arg(ap, size_t));
			else if (longs == 2)
				bp_buf_printf(out, spec,
				    va_arg(ap, unsigned long long));
			else if (longs == 1)
				bp_buf_printf(out, spec,
				    va_arg(ap, unsigned long));
			else
				bp_buf_printf(out, spec, va_arg(ap, unsigned));
			break;
		}
	}
}

/* Counts one diagnostic of `code`; true when it is to be kept (not past
 * its kind's limit nor the list's). */
static bool
count_diag(struct bp_diags *d, enum bp_diag_code code)
{
	bool error = messages[code].severity == BP_SEV_ERROR;

	if (error)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->per_code[code]++ >= BP_DIAG_KIND_LIMIT)
		return false; /* counted, and summed up in one line when printed */
	if (d->n == BP_DIAG_LIMIT) {
		if (error)
			d->dropped_errors++;
		else
			d->dropped_warnings++;
		return false;
	}
	return true;
}

/* Appends a counted diagnostic; `message` is the list's from now on. */
static void
keep_diag(struct bp_diags *d, enum bp_diag_code code, struct bp_pos pos,
	char *message)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->list = bp_xreallocarray(d->list, d->cap, sizeof(*d->list));
	}
	d->list[d->n].code = code;
	d->list[d->n].pos = pos;
	d->list[d->n].seq = d->n;
	d->list[d->n].message = message;
	d->n++;
}

void
bp_diag(struct bp_diags *d, struct bp_pos pos, enum bp_diag_code code, ...)
{
	struct bp_buf msg = BP_BUF_INIT;
	char *message;
	va_list ap;

	if (!count_diag(d, code))
		return;
	va_start(ap, code);
	format_message(&msg, messages[code].format, ap);
	va_end(ap);
	if ((message = bp_buf_detach(&msg, NULL)) == NULL)
		message = bp_xstrdup("out of memory");
	keep_diag(d, code, d->columns != NULL ?
	    bp_colmap_pos(d->columns, pos) : pos, message);
}

void
bp_diags_take(struct bp_diags *to, const struct bp_diags *from,
	enum bp_diag_code code)
{
	size_t kept = 0;

	for (size_t i = 0; i < from->n; i++) {
		const struct bp_diag *x = &from->list[i];
		if (x->code != code)
			continue;
		kept++;
		/* positions are the file's already */
		if (count_diag(to, code))
			keep_diag(to, code, x->pos, bp_xstrdup(x->message));
	}
	/* the ones `from` only counted are only counted here */
	for (; kept < from->per_code[code]; kept++)
		if (count_diag(to, code)) {
			if (messages[code].severity == BP_SEV_ERROR)
				to->dropped_errors++;
			else
				to->dropped_warnings++;
		}
}

bool
bp_diags_failed(const struct bp_diags *d, bool strict)
{
	return d->nerrors > 0 || (strict && d->nwarnings > 0);
}

static int
compare_positions(const void *x, const void *y)
{
	const struct bp_diag *a = x, *b = y;

	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* "FILE: error: ... and 80 more: unknown label '...'": the message of a
 * kind past its limit, its arguments elided. */
static void
put_summary(const struct bp_diags *d, enum bp_diag_code code, bool strict,
	struct bp_buf *out)
{
	const char *p = messages[code].format;
	bool error = messages[code].severity == BP_SEV_ERROR || strict;

	bp_buf_put_shown(out, d->file, strlen(d->file), BP_SHOWN_MAX);
	bp_buf_printf(out, ": %s: ... and %zu more: ", error ? "error" :
	    "warning", d->per_code[code] - BP_DIAG_KIND_LIMIT);
	while (*p != '\0') {
		if (*p == '%' && p[1] == '%') {
			bp_buf_putc(out, '%');
			p += 2;
		} else if (*p == '%') {
			p += strcspn(p + 1, "sdiuxXcf") + 2;
			bp_buf_puts(out, "...");
		} else
			bp_buf_putc(out, *p++);
	}
	bp_buf_putc(out, '\n');
}

/* True for the messages about this installation, not the paper: printed
 * as "boardpaper: error: ...", the paper not blamed. */
static bool
about_program(enum bp_diag_code code)
{
	return code == BP_E_PDF_BACKEND || code == BP_E_PDF_ABI;
}

void
bp_diags_format(struct bp_diags *d, bool strict, struct bp_buf *out)
{
	if (d->n > 1)
		qsort(d->list, d->n, sizeof(*d->list), compare_positions);
	for (size_t i = 0; i < d->n; i++) {
		const struct bp_diag *x = &d->list[i];
		bool error = messages[x->code].severity == BP_SEV_ERROR ||
		    strict;

		if (about_program(x->code))
			bp_buf_puts(out, "boardpaper");
		else
			bp_buf_put_shown(out, d->file, strlen(d->file),
			    BP_SHOWN_MAX);
		if (x->pos.line > 0)
			bp_buf_printf(out, ":%u:%u", (unsigned)x->pos.line,
			    (unsigned)(x->pos.col ? x->pos.col : 1));
		bp_buf_printf(out, ": %s: %s\n", error ? "error" : "warning",
		    x->message);
	}
	for (int c = 0; c < BP_DIAG__MAX; c++)
		if (d->per_code[c] > BP_DIAG_KIND_LIMIT)
			put_summary(d, (enum bp_diag_code)c, strict, out);
	if (d->dropped_errors + d->dropped_warnings > 0) {
		bp_buf_put_shown(out, d->file, strlen(d->file), BP_SHOWN_MAX);
		bp_buf_printf(out, ": %s: %zu more errors and warnings not "
		    "shown\n", d->dropped_errors > 0 || strict ?
		    "error" : "warning", d->dropped_errors +
		    d->dropped_warnings);
	}
}
