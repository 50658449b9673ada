/* Diagnostics: the message table, collection, and sorted printing. */
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
	[BP_E_TOO_LARGE] = { BP_SEV_ERROR,
		"file is larger than the limit of %zu bytes (8 MiB)" },
	[BP_E_EMPTY] = { BP_SEV_ERROR, "file is empty" },
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
	[BP_E_NESTING] = { BP_SEV_ERROR,
		"lists and quotes nested deeper than %d levels" },
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
	[BP_W_GLYPH_MISSING] = { BP_SEV_WARNING,
		"character U+%04lX is not in the font %s and cannot be "
		"printed" },
	[BP_E_FONT_MISSING] = { BP_SEV_ERROR,
		"font '%s%s%s' not found through fontconfig; install "
		"fonts-liberation2" },
	[BP_E_FONT_SUBSET] = { BP_SEV_ERROR,
		"cannot make a subset of the font '%s%s%s' to embed" },
	[BP_E_PDF_LIBRARY] = { BP_SEV_ERROR,
		"PDF output failed: libharu error 0x%04X (detail %u)" },
	[BP_E_IMAGE_EMBED] = { BP_SEV_ERROR,
		"cannot embed image '%s' (libharu error 0x%04X)" },
	[BP_E_OUTPUT] = { BP_SEV_ERROR, "%s" },
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
}

void
bp_diag(struct bp_diags *d, struct bp_pos pos, enum bp_diag_code code, ...)
{
	struct bp_buf msg = BP_BUF_INIT;
	bool error = messages[code].severity == BP_SEV_ERROR;
	va_list ap;

	if (error)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->n == BP_DIAG_LIMIT) {
		if (error)
			d->dropped_errors++;
		else
			d->dropped_warnings++;
		return;
	}
	va_start(ap, code);
	bp_buf_vprintf(&msg, messages[code].format, ap);
	va_end(ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->list = bp_xrealloc(d->list, d->cap * sizeof(*d->list));
	}
	d->list[d->n].code = code;
	d->list[d->n].pos = pos;
	d->list[d->n].seq = d->n;
	d->list[d->n].message = bp_buf_detach(&msg, NULL);
	if (d->list[d->n].message == NULL)
		d->list[d->n].message = bp_xstrdup("out of memory");
	d->n++;
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

void
bp_diags_format(struct bp_diags *d, bool strict, struct bp_buf *out)
{
	if (d->n > 1)
		qsort(d->list, d->n, sizeof(*d->list), compare_positions);
	for (size_t i = 0; i < d->n; i++) {
		const struct bp_diag *x = &d->list[i];
		bool error = messages[x->code].severity == BP_SEV_ERROR ||
		    strict;

		bp_buf_puts(out, d->file);
		if (x->pos.line > 0)
			bp_buf_printf(out, ":%u:%u", (unsigned)x->pos.line,
			    (unsigned)(x->pos.col ? x->pos.col : 1));
		bp_buf_printf(out, ": %s: %s\n", error ? "error" : "warning",
		    x->message);
	}
	if (d->dropped_errors + d->dropped_warnings > 0)
		bp_buf_printf(out, "%s: %s: %zu more errors and warnings not "
		    "shown\n", d->file, d->dropped_errors > 0 || strict ?
		    "error" : "warning", d->dropped_errors +
		    d->dropped_warnings);
}
