/* House styles: finding `.boardpaper.yaml` files, checking each value
 * once, and merging them into the struct bp_house_style the back-ends read.
 *
 * Files are found as .editorconfig files are: walking up from the
 * paper's folder, each file found is a layer, a nearer layer's keys win
 * over a farther one's, and a file with `root: true` is the last layer
 * read.  Each file is parsed and checked once per run (a layer), each
 * chain of layers merged once (a style), so that a batch of a thousand
 * papers in one folder costs one parse. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "boardpaper/labels.h"
#include "fonts.h"
#include "internal.h"
#include "style_load.h"
#include "style_parse.h"

static const struct bp_house_style default_style = {
	.font = BP_FONTS_TEXT_FAMILY,
	.font_size = 12.0,
	.accent = { 0, 0, 0 },
	.accent_dark = { 1, 1, 1 },
	.margins = { 0, 0, 0, 0 },
	.numbering = BP_NUMBERING_CONTINUOUS,
	.lang = "en-GB",
	.jurisdiction = BP_JURISDICTION_ENGLAND,
};

const struct bp_house_style *
bp_style_default(void)
{
	return &default_style;
}

/* --- colour ------------------------------------------------------------ */

static double
channel_luminance(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2.1 relative luminance. */
static double
luminance(struct bp_rgb c)
{
	return 0.2126 * channel_luminance(c.r) +
	    0.7152 * channel_luminance(c.g) + 0.0722 * channel_luminance(c.b);
}

double
bp_contrast_ratio(struct bp_rgb a, struct bp_rgb b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* HTML's dark-mode backgrounds (render_html.c --bg and --shade). */
static const struct bp_rgb dark_backgrounds[] = {
	{ 0x16 / 255.0, 0x18 / 255.0, 0x1b / 255.0 },
	{ 0x22 / 255.0, 0x26 / 255.0, 0x2b / 255.0 },
};

static bool
readable_in_dark(struct bp_rgb c)
{
	for (size_t i = 0; i < sizeof(dark_backgrounds) /
	    sizeof(dark_backgrounds[0]); i++)
		if (bp_contrast_ratio(c, dark_backgrounds[i]) < 4.5)
			return false;
	return true;
}

/* The accent mixed with white, in steps of 1/32 (so that every step is
 * an exact colour in #RRGGBB), until it reads on the dark backgrounds:
 * the same hue, as light as it needs to be and no lighter. */
struct bp_rgb
bp_style_dark_accent(struct bp_rgb c)
{
	for (int step = 0; step <= 32; step++) {
		double t = step / 32.0;
		struct bp_rgb m = {
			round((c.r + (1 - c.r) * t) * 255) / 255,
			round((c.g + (1 - c.g) * t) * 255) / 255,
			round((c.b + (1 - c.b) * t) * 255) / 255,
		};
		if (readable_in_dark(m))
			return m;
	}
	return (struct bp_rgb){ 1, 1, 1 };
}

/* --- labels ------------------------------------------------------------ */

/* The last (nearest) renaming of `name` in `lang`, or NULL. */
static const char *
renamed(const struct bp_house_style *s, const char *lang, const char *name)
{
	const char *text = NULL;

	for (size_t i = 0; i < s->nlabels; i++)
		if (strcmp(s->labels[i].name, name) == 0 &&
		    bp_lang_is(lang, s->labels[i].lang))
			text = s->labels[i].text;
	return text;
}

const char *
bp_style_field_label(const struct bp_house_style *s, const struct bp_style_field *f,
	const char *lang)
{
	const char *text = renamed(s, lang, f->key);

	return text != NULL ? text : f->label;
}

int
bp_style_exclusion_label(const struct bp_house_style *s)
{
	switch (s->jurisdiction) {
	case BP_JURISDICTION_ENGLAND:
		return BP_LABEL_EXCLUSION;
	case BP_JURISDICTION_WALES:
		return BP_LABEL_EXCLUSION_WALES;
	case BP_JURISDICTION_SCOTLAND:
		return BP_LABEL_EXCLUSION_SCOTLAND;
	case BP_JURISDICTION_NONE:
		break;
	}
	return -1;
}

const struct bp_labels *
bp_style_labels(const struct bp_house_style *s, const char *lang,
	struct bp_arena *arena)
{
	const struct bp_labels *base = bp_labels_for(lang);
	struct bp_labels *copy = NULL;

	for (size_t i = 0; i < s->nlabels; i++) {
		const struct bp_style_label *l = &s->labels[i];
		if (l->label < 0 || !bp_lang_is(lang, l->lang))
			continue;
		if (copy == NULL) {
			copy = bp_arena_alloc(arena, sizeof(*copy));
			*copy = *base;
		}
		copy->text[l->label] = l->text;
	}
	return copy != NULL ? copy : base;
}

/* --- merging layers ------------------------------------------------------ */

/* Appends b's array to a's, in the arena. */
static const void *
concat(struct bp_arena *arena, const void *a, size_t na, const void *b,
	size_t nb, size_t size, size_t *n)
{
	unsigned char *out;

	*n = na + nb;
	if (*n == 0)
		return NULL;
	out = bp_arena_alloc(arena, *n * size);
	if (na > 0)
		memcpy(out, a, na * size);
	if (nb > 0)
		memcpy(out + na * size, b, nb * size);
	return out;
}

/* Fields accumulate, as the house style's cover fields "this organisation
 * adds" (SPEC 9): the farther layers' first, in their order, then the
 * nearer one's; a nearer field with a farther one's key takes its place.
 * An empty `fields:` drops the farther ones. */
static void
merge_fields(struct bp_house_style *s, const struct bp_house_style *n,
	struct bp_arena *arena)
{
	struct bp_style_field *out;
	size_t k;

	if (n->nfields == 0) {
		s->fields = NULL;
		s->nfields = 0;
		return;
	}
	out = bp_arena_alloc(arena, (s->nfields + n->nfields) * sizeof(*out));
	if (s->nfields > 0)
		memcpy(out, s->fields, s->nfields * sizeof(*out));
	k = s->nfields;
	for (size_t i = 0; i < n->nfields; i++) {
		size_t j = 0;
		while (j < k && strcmp(out[j].key, n->fields[i].key) != 0)
			j++;
		out[j] = n->fields[i];
		if (j == k)
			k++;
	}
	s->fields = out;
	s->nfields = k;
}

/* Lays `near` over `s`: every value `near` sets wins; labels and fields
 * are merged entry by entry. */
static void
merge_layer(struct bp_house_style *s, const struct bp_style_layer *near,
	struct bp_arena *arena)
{
	const struct bp_house_style *n = &near->style;

	if (n->organisation != NULL)
		s->organisation = n->organisation;
	if (n->logo_path != NULL) {
		s->logo_path = n->logo_path;
		s->logo = n->logo;
	}
	if (n->has_font) {
		s->font = n->font;
		s->has_font = true;
	}
	if (n->has_font_size) {
		s->font_size = n->font_size;
		s->has_font_size = true;
	}
	if (n->has_accent) {
		s->accent = n->accent;
		s->accent_dark = n->accent_dark;
		s->has_accent = true;
	}
	if (n->has_margins) {
		memcpy(s->margins, n->margins, sizeof(s->margins));
		s->has_margins = true;
	}
	if (n->has_numbering) {
		s->numbering = n->numbering;
		s->has_numbering = true;
	}
	if (n->has_lang) {
		s->lang = n->lang;
		s->has_lang = true;
	}
	if (near->has_jurisdiction)
		s->jurisdiction = n->jurisdiction;
	if (near->has_fields)
		merge_fields(s, n, arena);
	if (near->has_sections) {
		s->sections = n->sections;
		s->nsections = n->nsections;
	}
	/* labels accumulate; the nearest renaming is the last one */
	s->labels = concat(arena, s->labels, s->nlabels, n->labels,
	    n->nlabels, sizeof(*s->labels), &s->nlabels);
}

/* --- the cache ----------------------------------------------------------- */

struct chain {
	char *key;        /* the layers' paths, nearest first, '\n'-joined */
	struct bp_house_style *style;
	const char *failed; /* the first layer with errors, or NULL */
};

/* A layer's diagnostics, kept from its reading until a caller that
 * reports them first uses the layer. */
struct said {
	char *text;               /* in the arena; NULL when there are none */
	size_t len;
	bool said;                /* given to a report already */
};

struct bp_styles {
	const char *forced;
	bool none;
	struct bp_fonts *fonts;
	struct bp_arena *arena;   /* layers, styles and their strings */
	struct bp_style_layer **layers;
	char **real;              /* each layer's file, resolved */
	struct said *diags;       /* each layer's diagnostics */
	size_t nlayers, layers_cap;
	struct chain *chains;
	size_t nchains, chains_cap;
};

struct bp_styles *
bp_styles_new(const char *forced, bool none, struct bp_fonts *fonts)
{
	struct bp_styles *s = bp_xcalloc(1, sizeof(*s));

	s->forced = forced;
	s->none = none;
	s->fonts = fonts;
	s->arena = bp_arena_new();
	return s;
}

void
bp_styles_free(struct bp_styles *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nchains; i++)
		free(s->chains[i].key);
	free(s->chains);
	free(s->layers);
	free(s->real);
	free(s->diags);
	bp_arena_free(s->arena);
	free(s);
}

/* Layer `i`'s diagnostics into `report`, unless a report had them. */
static void
say_layer(struct bp_styles *s, size_t i, struct bp_buf *report)
{
	struct said *d = &s->diags[i];

	if (report == NULL || d->said)
		return;
	d->said = true;
	if (d->len > 0)
		bp_buf_put(report, d->text, d->len);
}

/* The layer of one file, parsed and checked the first time it is asked
 * for; its diagnostics go to the first `report` that is not NULL.
 * `real` names the file uniquely; `shown` is how messages name it. */
static struct bp_style_layer *
layer_of(struct bp_styles *s, const char *real, const char *shown,
	bool strict, struct bp_buf *report)
{
	struct bp_buf text = BP_BUF_INIT;
	struct bp_style_layer *l;
	struct said *d;

	for (size_t i = 0; i < s->nlayers; i++)
		if (strcmp(s->real[i], real) == 0) {
			say_layer(s, i, report);
			return s->layers[i];
		}
	l = bp_style_layer_read(shown, s->fonts, s->arena, strict, &text);
	if (s->nlayers == s->layers_cap) {
		s->layers_cap = s->layers_cap ? s->layers_cap * 2 : 8;
		s->layers = bp_xreallocarray(s->layers, s->layers_cap,
		    sizeof(*s->layers));
		s->real = bp_xreallocarray(s->real, s->layers_cap,
		    sizeof(*s->real));
		s->diags = bp_xreallocarray(s->diags, s->layers_cap,
		    sizeof(*s->diags));
	}
	d = &s->diags[s->nlayers];
	*d = (struct said){ NULL, 0, false };
	if (text.len > 0) {
		d->text = bp_arena_alloc(s->arena, text.len);
		memcpy(d->text, text.data, text.len);
		d->len = text.len;
	}
	bp_buf_free(&text);
	s->real[s->nlayers] = bp_arena_strdup(s->arena, real);
	s->layers[s->nlayers] = l;
	say_layer(s, s->nlayers++, report);
	return l;
}

/* Whether something is at `path`: a house-style file, or what is there
 * in its place (a directory, a FIFO), which is read as one and refused
 * by the one policy of file.c ("cannot read: Is a directory"), the
 * paper not compiled, rather than passed over in silence, its style not
 * applied with nothing to say why (SPEC 9: the nearest one wins). */
static bool
is_there(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* How messages name the style file `up` folders above `dir`: relative
 * when `dir` is ("../.boardpaper.yaml"), so that they read the same on
 * every machine. */
static void
shown_path(struct bp_buf *out, const char *dir, const char *real,
	unsigned up)
{
	bp_buf_reset(out);
	if (dir[0] == '/') {
		bp_buf_puts(out, real);
		return;
	}
	if (strcmp(dir, ".") != 0)
		bp_buf_printf(out, "%s/", dir);
	for (unsigned i = 0; i < up; i++)
		bp_buf_puts(out, "../");
	bp_buf_puts(out, BP_STYLE_FILE);
}

/* The layers that apply in `dir`, nearest first, as a chain key (their
 * real paths, one a line). */
static void
find_layers(struct bp_styles *s, const char *dir, bool strict,
	struct bp_buf *report, struct bp_buf *key)
{
	char real[PATH_MAX];
	struct bp_buf path = BP_BUF_INIT, shown = BP_BUF_INIT;
	size_t len;

	if (realpath(dir, real) == NULL)
		return; /* reading the paper reports the real problem */
	len = strlen(real);
	for (unsigned up = 0;; up++) {
		bp_buf_reset(&path);
		bp_buf_put(&path, real, len);
		if (len > 1)
			bp_buf_putc(&path, '/');
		bp_buf_puts(&path, BP_STYLE_FILE);
		if (!path.failed && is_there(path.data)) {
			struct bp_style_layer *l;
			shown_path(&shown, dir, path.data, up);
			l = layer_of(s, path.data, shown.data, strict, report);
			bp_buf_printf(key, "%s\n", path.data);
			if (l->root)
				break;
		}
		if (len <= 1)
			break;
		while (len > 1 && real[len - 1] != '/')
			len--;
		if (len > 1)
			len--; /* the slash, unless it is the root's */
	}
	bp_buf_free(&path);
	bp_buf_free(&shown);
}

/* Builds the style of a chain of layers (nearest first in `key`). */
static struct chain *
make_chain(struct bp_styles *s, char *key)
{
	struct bp_house_style *style = bp_arena_alloc(s->arena, sizeof(*style));
	struct bp_style_layer *order[64];
	const char **inputs;
	size_t n = 0, ninputs = 0;
	struct chain *c;

	*style = default_style;
	for (char *p = key; *p != '\0' && n < 64;) {
		char *nl = strchr(p, '\n');
		for (size_t i = 0; i < s->nlayers; i++)
			if (strlen(s->real[i]) == (size_t)(nl - p) &&
			    memcmp(s->real[i], p, (size_t)(nl - p)) == 0)
				order[n++] = s->layers[i];
		p = nl + 1;
	}
	if (s->nchains == s->chains_cap) {
		s->chains_cap = s->chains_cap ? s->chains_cap * 2 : 8;
		s->chains = bp_xreallocarray(s->chains, s->chains_cap,
		    sizeof(*s->chains));
	}
	c = &s->chains[s->nchains++];
	c->key = key;
	c->style = style;
	c->failed = NULL;
	inputs = bp_arena_alloc(s->arena, (2 * n + 1) * sizeof(*inputs));
	for (size_t i = n; i-- > 0;)
		merge_layer(style, order[i], s->arena);
	for (size_t i = 0; i < n; i++) {
		if (order[i]->failed && c->failed == NULL)
			c->failed = order[i]->path;
		inputs[ninputs++] = order[i]->path;
	}
	if (style->logo_path != NULL) {
		inputs[ninputs++] = style->logo_path;
		style->logo.alt = style->organisation != NULL ?
		    style->organisation : "Logo";
	}
	style->inputs = inputs;
	style->ninputs = ninputs;
	style->path = n > 0 ? order[0]->path : NULL;
	return c;
}

const struct bp_house_style *
bp_styles_for(struct bp_styles *s, const char *dir, bool strict,
	struct bp_buf *report, const char **failed)
{
	struct bp_buf key = BP_BUF_INIT;
	char *k;

	*failed = NULL;
	if (s->none)
		return &default_style;
	if (s->forced != NULL) {
		layer_of(s, s->forced, s->forced, strict, report);
		bp_buf_printf(&key, "%s\n", s->forced);
	} else
		find_layers(s, dir, strict, report, &key);
	if (key.len == 0) {
		bp_buf_free(&key);
		return &default_style;
	}
	for (size_t i = 0; i < s->nchains; i++)
		if (strcmp(s->chains[i].key, key.data) == 0) {
			*failed = s->chains[i].failed;
			bp_buf_free(&key);
			return s->chains[i].style;
		}
	k = bp_buf_detach(&key, NULL);
	if (k == NULL)
		k = bp_xstrdup("");
	{
		struct chain *c = make_chain(s, k);
		*failed = c->failed;
		return c->style;
	}
}
