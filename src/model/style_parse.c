/* Reads one house-style file (SPEC §9) through the shared YAML tree and
 * checks every value, with file:line:col diagnostics and suggestions. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boardpaper/labels.h"
#include "file.h"
#include "fonts.h"
#include "image.h"
#include "internal.h"
#include "style_parse.h"
#include "yamltree.h"

/* The largest style file read, in bytes: a style is a page of YAML. */
#define STYLE_MAX (256u * 1024)

enum style_key {
	SK_ROOT,
	SK_ORGANISATION,
	SK_LOGO,
	SK_FONT,
	SK_FONT_SIZE,
	SK_ACCENT,
	SK_MARGINS,
	SK_NUMBERING,
	SK_LANG,
	SK_JURISDICTION,
	SK_LABELS,
	SK_FIELDS,
	SK_SECTIONS,
	SK__MAX
};

static const char *const style_keys[SK__MAX] = {
	[SK_ROOT] = "root",
	[SK_ORGANISATION] = "organisation",
	[SK_LOGO] = "logo",
	[SK_FONT] = "font",
	[SK_FONT_SIZE] = "font_size",
	[SK_ACCENT] = "accent",
	[SK_MARGINS] = "margins",
	[SK_NUMBERING] = "numbering",
	[SK_LANG] = "lang",
	[SK_JURISDICTION] = "jurisdiction",
	[SK_LABELS] = "labels",
	[SK_FIELDS] = "fields",
	[SK_SECTIONS] = "sections",
};

enum field_key {
	FK_KEY,
	FK_LABEL,
	FK_TYPE,
	FK_REQUIRED,
	FK__MAX
};

static const char *const field_keys[FK__MAX] = {
	[FK_KEY] = "key",
	[FK_LABEL] = "label",
	[FK_TYPE] = "type",
	[FK_REQUIRED] = "required",
};

static const char *const field_types[BP_FIELD__MAX] = {
	[BP_FIELD_TEXT] = "text",
	[BP_FIELD_LIST] = "list",
	[BP_FIELD_YESNO] = "yes-no",
	[BP_FIELD_DATE] = "date",
};

/* Languages a style may rename labels in: those with a built-in table. */
static const char *const label_langs[] = { "en", "cy" };

/* Front-matter keys a field may not take. */
static const char *const builtin_keys[] = {
	"title", "board", "meeting", "item", "confidential", "purpose",
	"summary", "recommendation", "recommendations", "action", "contact",
	"numbering", "lang", "background_papers",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct sp {
	struct bp_style_layer *layer;
	struct bp_house_style *s;
	struct bp_arena *arena;
	struct bp_fonts *fonts;
	struct bp_yaml *tree;
	struct bp_diags *d;
	const char *dir; /* the style file's folder: the logo's */
};

/* ---- values ---- */

/* A position of the style file as the author counts it (characters), for
 * the papers' messages that name it: the style's own diagnostics are
 * turned into characters when they are made. */
static struct bp_pos
file_pos(const struct sp *p, struct bp_pos pos)
{
	return p->d->columns != NULL ? bp_colmap_pos(p->d->columns, pos) : pos;
}

/* A value written empty (or null): bp_yaml_is_blank is for scalars. */
static bool
is_empty(const struct bp_yaml_node *n)
{
	return n->kind == BP_YAML_SCALAR && bp_yaml_is_blank(n);
}

/* A non-blank string value, or NULL after saying why it is not one. */
static const struct bp_yaml_node *
string_of(struct sp *p, const struct bp_yaml_pair *kv, const char *name,
	const char *type)
{
	return bp_yaml_string(p->tree, kv->key, kv->value, name, type, true);
}

static const char *
kept(struct sp *p, const struct bp_yaml_node *v)
{
	return bp_yaml_plain(p->arena, v);
}

static bool
set_boolean(struct sp *p, const struct bp_yaml_pair *kv, const char *name,
	bool *out)
{
	if (kv->value->invalid)
		return false;
	if (!bp_yaml_boolean(kv->value, out)) {
		bp_diag(p->d, kv->value->pos, BP_E_TYPE, name, "true or false");
		return false;
	}
	return true;
}

/* A plain number in [min, max]; false after saying why not. */
static bool
number_in(struct sp *p, const struct bp_yaml_node *v, const char *name,
	const char *type, double min, double max, double *out)
{
	char *end;
	double x;

	if (v->invalid)
		return false;
	if (v->kind != BP_YAML_SCALAR || !v->plain || v->len == 0) {
		bp_diag(p->d, v->pos, BP_E_TYPE, name, type);
		return false;
	}
	errno = 0;
	x = strtod(v->text, &end);
	if (errno != 0 || *end != '\0' || !isfinite(x) || x < min ||
	    x > max) {
		bp_diag(p->d, v->pos, BP_E_TYPE, name, type);
		return false;
	}
	*out = x;
	return true;
}

/* The index of the word in `words`, or -1 after an error listing them. */
static int
choice_of(struct sp *p, const struct bp_yaml_pair *kv, const char *name,
	const char *const *words, size_t nwords, const char *list)
{
	const struct bp_yaml_node *v = string_of(p, kv, name, list);

	if (v == NULL)
		return -1;
	for (size_t i = 0; i < nwords; i++)
		if (bp_yaml_scalar_is(v, words[i]))
			return (int)i;
	bp_diag(p->d, v->pos, BP_E_STYLE_CHOICE, name,
	    bp_yaml_shown_node(p->tree, v), list);
	return -1;
}

/* ---- the keys ---- */

static void
set_organisation(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = string_of(p, kv, "organisation",
	    "a string");

	if (v != NULL)
		p->s->organisation = kept(p, v);
}

/* The style file's bytes, by the one policy of file.c, in the arena (the
 * layer's strings may point into them); NULL with the error reported. */
static const unsigned char *
read_style_file(const char *path, struct bp_arena *arena, size_t *size,
	struct bp_diags *d)
{
	struct bp_buf b = BP_BUF_INIT;
	enum bp_file_status st = bp_file_read(path, STYLE_MAX, &b);
	unsigned char *data = NULL;

	if (st == BP_FILE_TOO_LARGE)
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_STYLE_TOO_LARGE,
		    (size_t)(STYLE_MAX / 1024));
	else if (st != BP_FILE_OK)
		bp_file_report(d, st, STYLE_MAX);
	else {
		data = bp_arena_alloc(arena, b.len + 1);
		memcpy(data, b.data, b.len);
		*size = b.len;
	}
	bp_buf_free(&b);
	return data;
}

/* The logo, read and checked as a paper's images are: a PNG or JPEG
 * file inside the style's folder. */
static void
set_logo(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = string_of(p, kv, "logo", "a file name");
	struct bp_image_set *set;
	struct bp_image img;

	if (v == NULL)
		return;
	memset(&img, 0, sizeof(img));
	img.src = kept(p, v);
	img.alt = "Logo";
	set = bp_image_set_new(p->arena, p->dir);
	if (bp_image_set_load_file(set, &img, p->d, v->pos)) {
		p->s->logo = img;
		p->s->logo_path = strcmp(p->dir, ".") == 0 ? img.src :
		    bp_arena_printf(p->arena, "%s/%s", p->dir, img.src);
	}
	bp_image_set_free(set);
}

static const struct font_face {
	bool bold, italic;
	const char *name;
} font_faces[] = {
	{ false, false, "regular" }, { true, false, "bold" },
	{ false, true, "italic" }, { true, true, "bold italic" },
};

/* A warning for each face of the family whose file is an earlier face's
 * (a variable font's named instances, links or copies of one file that a
 * fontconfig rule gives other weights): the PDF draws it in that face, so
 * bold or italic text would lose its weight or slant unsaid.  Said here,
 * where a style file is read once a run (for -j N by the parent, before
 * any worker starts): once, not per paper or per worker. */
static void
warn_shared_faces(struct sp *p, const struct bp_yaml_node *v,
	char (*path)[4096])
{
	for (size_t i = 1; i < NELEM(font_faces); i++)
		for (size_t j = 0; j < i; j++) {
			if (!bp_fonts_same_file(path[i], path[j]))
				continue;
			bp_diag(p->d, v->pos, BP_W_STYLE_FONT_SHARED,
			    bp_yaml_shown_node(p->tree, v), font_faces[i].name,
			    font_faces[j].name, font_faces[i].name,
			    font_faces[j].name);
			break;
		}
}

static void
set_font(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = string_of(p, kv, "font",
	    "a font family name");
	struct bp_buf missing = BP_BUF_INIT;
	char path[NELEM(font_faces)][4096];
	const char *family;
	size_t nmissing = 0;

	if (v == NULL)
		return;
	family = kept(p, v);
	for (size_t i = 0; i < NELEM(font_faces); i++) {
		if (bp_fonts_find(p->fonts, family, font_faces[i].bold,
		    font_faces[i].italic, path[i], sizeof(path[i])) == 0)
			continue;
		bp_buf_printf(&missing, "%s%s", nmissing ? ", " : "",
		    font_faces[i].name);
		nmissing++;
	}
	if (nmissing == 0) {
		p->s->font = family;
		p->s->has_font = true;
		warn_shared_faces(p, v, path);
	} else if (nmissing == NELEM(font_faces)) {
		/* installed in faces PDF output cannot use (another format,
		 * only a light weight), or not at all */
		struct bp_buf has = BP_BUF_INIT;
		if (bp_fonts_faces_of(p->fonts, family, 4, &has) > 0)
			bp_diag(p->d, v->pos, BP_E_STYLE_FONT_UNUSABLE,
			    bp_yaml_shown_node(p->tree, v), has.data);
		else
			bp_diag(p->d, v->pos, BP_E_STYLE_FONT_NONE,
			    bp_yaml_shown_node(p->tree, v));
		bp_buf_free(&has);
	} else {
		bp_diag(p->d, v->pos, BP_E_STYLE_FONT,
		    bp_yaml_shown_node(p->tree, v), missing.data);
	}
	bp_buf_free(&missing);
}

static void
set_font_size(struct sp *p, const struct bp_yaml_pair *kv)
{
	if (number_in(p, kv->value, "font_size", "a size in points from 10 "
	    "to 14", 10, 14, &p->s->font_size))
		p->s->has_font_size = true;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "#rrggbb" or "#rgb"; false when it is neither. */
static bool
parse_colour(const char *s, size_t len, struct bp_rgb *out)
{
	int v[6];
	size_t n = len - 1;

	if (len < 1 || s[0] != '#' || (n != 6 && n != 3))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((v[i] = hex_digit(s[1 + i])) < 0)
			return false;
	if (n == 3) {
		out->r = v[0] * 17 / 255.0;
		out->g = v[1] * 17 / 255.0;
		out->b = v[2] * 17 / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
	return true;
}

static void
set_accent(struct sp *p, const struct bp_yaml_pair *kv)
{
	static const struct bp_rgb white = { 1, 1, 1 };
	const struct bp_yaml_node *v = string_of(p, kv, "accent",
	    "a colour written \"#RRGGBB\"");
	struct bp_rgb c;
	double ratio;

	if (v == NULL)
		return;
	if (!parse_colour(v->text, v->len, &c)) {
		bp_diag(p->d, v->pos, BP_E_STYLE_COLOUR,
		    bp_yaml_shown_node(p->tree, v));
		return;
	}
	ratio = bp_contrast_ratio(c, white);
	if (ratio < 4.5) {
		/* shown rounded down, so that 4.49 never reads as 4.5 */
		bp_diag(p->d, v->pos, BP_E_STYLE_CONTRAST,
		    bp_yaml_shown_node(p->tree, v), floor(ratio * 100) / 100);
		return;
	}
	p->s->accent = c;
	p->s->accent_dark = bp_style_dark_accent(c);
	p->s->has_accent = true;
}

static void
set_margins(struct sp *p, const struct bp_yaml_pair *kv)
{
	static const char type[] = "four lengths in mm (top, right, bottom, "
	    "left), each from 10 to 50";
	const struct bp_yaml_node *v = kv->value, *m;
	double mm[4];
	size_t i = 0;
	bool ok = true;

	if (v->invalid)
		return;
	if (v->kind != BP_YAML_SEQUENCE || (v->complete && v->n != 4)) {
		bp_diag(p->d, v->pos, BP_E_TYPE, "margins", type);
		return;
	}
	for (m = v->child; m != NULL && i < 4; m = m->next, i++)
		ok &= number_in(p, m, "margins", type, 10, 50, &mm[i]);
	if (!ok || i != 4)
		return;
	for (i = 0; i < 4; i++)
		p->s->margins[i] = mm[i] * 72.0 / 25.4;
	p->s->has_margins = true;
}

static void
set_numbering(struct sp *p, const struct bp_yaml_pair *kv)
{
	static const char *const words[] = { "continuous", "sections",
		"none" };
	static const enum bp_numbering values[] = { BP_NUMBERING_CONTINUOUS,
		BP_NUMBERING_SECTIONS, BP_NUMBERING_NONE };
	int i = choice_of(p, kv, "numbering", words, NELEM(words),
	    "continuous, sections or none");

	if (i < 0)
		return;
	p->s->numbering = values[i];
	p->s->has_numbering = true;
}

static void
set_lang(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = string_of(p, kv, "lang",
	    "a language tag");

	if (v == NULL)
		return;
	if (!bp_yaml_is_language_tag(v->text, v->len)) {
		bp_diag(p->d, v->pos, BP_E_LANG, bp_yaml_shown_node(p->tree, v));
		return;
	}
	p->s->lang = kept(p, v);
	p->s->has_lang = true;
}

static void
set_jurisdiction(struct sp *p, const struct bp_yaml_pair *kv)
{
	static const char *const words[] = { "england", "wales", "scotland",
		"none" };
	static const enum bp_jurisdiction values[] = {
		BP_JURISDICTION_ENGLAND, BP_JURISDICTION_WALES,
		BP_JURISDICTION_SCOTLAND, BP_JURISDICTION_NONE };
	int i = choice_of(p, kv, "jurisdiction", words, NELEM(words),
	    "england, wales, scotland or none");

	if (i < 0)
		return;
	p->s->jurisdiction = values[i];
	p->layer->has_jurisdiction = true;
}

/* The names a label may have: the table's, then this file's fields. */
static const char **
label_names(struct sp *p, size_t *n)
{
	const char **names = bp_arena_alloc(p->arena, (BP_LABEL__MAX +
	    p->s->nfields + 1) * sizeof(*names));

	for (size_t i = 0; i < BP_LABEL__MAX; i++)
		names[i] = bp_label_keys[i];
	for (size_t i = 0; i < p->s->nfields; i++)
		names[BP_LABEL__MAX + i] = p->s->fields[i].key;
	*n = BP_LABEL__MAX + p->s->nfields;
	return names;
}

static void
read_language_labels(struct sp *p, const char *lang,
	const struct bp_yaml_node *map, struct bp_style_label *out, size_t *n)
{
	size_t nnames, npairs;
	const char **names = label_names(p, &nnames);
	struct bp_yaml_pair *pairs;

	if (map->invalid)
		return;
	if (map->kind != BP_YAML_MAPPING) {
		bp_diag(p->d, map->pos, BP_E_TYPE, lang,
		    "a mapping of label names to texts");
		return;
	}
	pairs = bp_yaml_pairs(p->tree, map, names, nnames, &npairs);
	for (size_t i = 0; i < npairs; i++) {
		const struct bp_yaml_node *v;
		if (pairs[i].skip || pairs[i].known < 0)
			continue;
		v = string_of(p, &pairs[i], names[pairs[i].known],
		    "a string");
		if (v == NULL)
			continue;
		out[*n].lang = lang;
		out[*n].label = pairs[i].known < BP_LABEL__MAX ?
		    pairs[i].known : -1;
		out[*n].name = names[pairs[i].known];
		out[*n].text = kept(p, v);
		(*n)++;
	}
}

static void
set_labels(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = kv->value;
	struct bp_style_label *labels;
	struct bp_yaml_pair *pairs;
	size_t npairs, n = 0, total = 0;

	if (v->invalid)
		return;
	if (v->kind != BP_YAML_MAPPING) {
		bp_diag(p->d, v->pos, BP_E_TYPE, "labels",
		    "a mapping of languages (en, cy) to labels");
		return;
	}
	pairs = bp_yaml_pairs(p->tree, v, label_langs, NELEM(label_langs),
	    &npairs);
	for (size_t i = 0; i < npairs; i++)
		total += pairs[i].value->n;
	labels = bp_arena_alloc(p->arena, (total + 1) * sizeof(*labels));
	for (size_t i = 0; i < npairs; i++)
		if (!pairs[i].skip && pairs[i].known >= 0)
			read_language_labels(p, label_langs[pairs[i].known],
			    pairs[i].value, labels, &n);
	p->s->labels = labels;
	p->s->nlabels = n;
}

static bool
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static void
check_field_key(struct sp *p, const struct bp_yaml_node *v, const char *key,
	struct bp_style_field *fields, size_t n, bool *ok)
{
	/* the key table's names are shorter than 32 bytes (yamltree.c's
	 * suggestions rely on it) */
	bool shape = key[0] >= 'a' && key[0] <= 'z' && strlen(key) < 32;

	for (const char *c = key; *c != '\0'; c++)
		shape &= is_key_char(*c);
	if (!shape) {
		bp_diag(p->d, v->pos, BP_E_STYLE_FIELD_KEY,
		    bp_yaml_shown_node(p->tree, v), "use up to 31 lower-case "
		    "letters, digits and '_', starting with a letter");
		*ok = false;
		return;
	}
	for (size_t i = 0; i < NELEM(builtin_keys); i++)
		if (strcmp(key, builtin_keys[i]) == 0) {
			bp_diag(p->d, v->pos, BP_E_STYLE_FIELD_KEY, key,
			    "it is a built-in front-matter key");
			*ok = false;
			return;
		}
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].key, key) == 0) {
			bp_diag(p->d, v->pos, BP_E_DUPLICATE_KEY, key,
			    (unsigned)fields[i].pos.line);
			*ok = false;
			return;
		}
}

static void
read_field_entry(struct sp *p, const struct bp_yaml_pair *kv,
	struct bp_style_field *f, struct bp_style_field *fields, size_t n,
	bool *ok)
{
	const struct bp_yaml_node *v;
	int t;

	switch ((enum field_key)kv->known) {
	case FK_KEY:
		if ((v = string_of(p, kv, "key", "a string")) == NULL) {
			*ok = false;
			break;
		}
		f->key = kept(p, v);
		check_field_key(p, v, f->key, fields, n, ok);
		break;
	case FK_LABEL:
		if ((v = string_of(p, kv, "label", "a string")) == NULL)
			*ok = false;
		else
			f->label = kept(p, v);
		break;
	case FK_TYPE:
		t = choice_of(p, kv, "type", field_types, BP_FIELD__MAX,
		    "text, list, yes-no or date");
		if (t < 0)
			*ok = false;
		else
			f->type = (enum bp_field_type)t;
		break;
	case FK_REQUIRED:
		*ok &= set_boolean(p, kv, "required", &f->required);
		break;
	case FK__MAX:
		break;
	}
}

/* One `- { key: …, label: …, type: …, required: … }`; false when it is
 * not a usable field. */
static bool
read_field(struct sp *p, const struct bp_yaml_node *map,
	struct bp_style_field *fields, size_t n)
{
	struct bp_style_field *f = &fields[n];
	struct bp_yaml_pair *pairs;
	size_t npairs;
	bool ok = true, seen[FK__MAX] = { false };

	memset(f, 0, sizeof(*f));
	f->pos = file_pos(p, map->pos);
	f->file = p->layer->path;
	f->type = BP_FIELD_TEXT;
	if (map->invalid)
		return false;
	if (map->kind != BP_YAML_MAPPING) {
		bp_diag(p->d, map->pos, BP_E_TYPE, "fields",
		    "a list of mappings with a key and a label");
		return false;
	}
	pairs = bp_yaml_pairs(p->tree, map, field_keys, FK__MAX, &npairs);
	for (size_t i = 0; i < npairs; i++) {
		if (pairs[i].skip || pairs[i].known < 0)
			continue;
		seen[pairs[i].known] = true;
		read_field_entry(p, &pairs[i], f, fields, n, &ok);
	}
	for (int k = FK_KEY; k <= FK_LABEL && map->complete; k++)
		if (!seen[k]) {
			bp_diag(p->d, map->pos, BP_E_MISSING_KEY,
			    field_keys[k]);
			ok = false;
		}
	return ok && f->key != NULL && f->label != NULL;
}

static void
set_fields(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = kv->value;
	struct bp_style_field *fields;
	size_t n = 0;

	if (v->invalid)
		return;
	if (is_empty(v)) {
		p->layer->has_fields = true; /* "fields:" empties the list */
		return;
	}
	if (v->kind != BP_YAML_SEQUENCE) {
		bp_diag(p->d, v->pos, BP_E_TYPE, "fields",
		    "a list of mappings with a key and a label");
		return;
	}
	fields = bp_arena_alloc(p->arena, (v->n + 1) * sizeof(*fields));
	for (const struct bp_yaml_node *m = v->child; m != NULL; m = m->next)
		if (read_field(p, m, fields, n))
			n++;
	p->s->fields = fields;
	p->s->nfields = n;
	p->layer->has_fields = true;
}

static void
set_sections(struct sp *p, const struct bp_yaml_pair *kv)
{
	const struct bp_yaml_node *v = kv->value;
	struct bp_style_section *sections;
	size_t n = 0;

	if (v->invalid)
		return;
	if (is_empty(v)) {
		p->layer->has_sections = true;
		return;
	}
	if (v->kind != BP_YAML_SEQUENCE) {
		bp_diag(p->d, v->pos, BP_E_TYPE, "sections",
		    "a list of headings");
		return;
	}
	sections = bp_arena_alloc(p->arena, (v->n + 1) * sizeof(*sections));
	for (const struct bp_yaml_node *m = v->child; m != NULL; m = m->next) {
		const struct bp_yaml_node *t = bp_yaml_string(p->tree, m, m,
		    "sections", "a list of headings", true);
		if (t == NULL)
			continue;
		sections[n].title = kept(p, t);
		sections[n].file = p->layer->path;
		sections[n].pos = file_pos(p, t->pos);
		n++;
	}
	p->s->sections = sections;
	p->s->nsections = n;
	p->layer->has_sections = true;
}

static void
set_key(struct sp *p, const struct bp_yaml_pair *kv)
{
	switch ((enum style_key)kv->known) {
	case SK_ROOT:
		set_boolean(p, kv, "root", &p->layer->root);
		break;
	case SK_ORGANISATION:
		set_organisation(p, kv);
		break;
	case SK_LOGO:
		set_logo(p, kv);
		break;
	case SK_FONT:
		set_font(p, kv);
		break;
	case SK_FONT_SIZE:
		set_font_size(p, kv);
		break;
	case SK_ACCENT:
		set_accent(p, kv);
		break;
	case SK_MARGINS:
		set_margins(p, kv);
		break;
	case SK_NUMBERING:
		set_numbering(p, kv);
		break;
	case SK_LANG:
		set_lang(p, kv);
		break;
	case SK_JURISDICTION:
		set_jurisdiction(p, kv);
		break;
	case SK_LABELS:
		set_labels(p, kv);
		break;
	case SK_FIELDS:
		set_fields(p, kv);
		break;
	case SK_SECTIONS:
		set_sections(p, kv);
		break;
	case SK__MAX:
		break;
	}
}

static void
read_mapping(struct sp *p, const struct bp_yaml_node *root)
{
	struct bp_yaml_pair *pairs;
	size_t n;

	if (root == NULL || is_empty(root))
		return; /* an empty style: the defaults */
	if (root->invalid)
		return;
	if (root->kind != BP_YAML_MAPPING) {
		bp_diag(p->d, root->pos, BP_E_STYLE_NOT_MAPPING);
		return;
	}
	pairs = bp_yaml_pairs(p->tree, root, style_keys, SK__MAX, &n);
	/* fields first, so that labels may rename them */
	for (size_t i = 0; i < n; i++)
		if (!pairs[i].skip && pairs[i].known == SK_FIELDS)
			set_key(p, &pairs[i]);
	for (size_t i = 0; i < n; i++)
		if (!pairs[i].skip && pairs[i].known >= 0 &&
		    pairs[i].known != SK_FIELDS)
			set_key(p, &pairs[i]);
}

/* A style is at most three levels deep (labels: cy: purpose, fields: -
 * key); deeper collections are never looked at. */
static bool
keep_levels(unsigned depth, const struct bp_yaml_node *parent,
	const struct bp_yaml_node *key, enum bp_yaml_kind kind)
{
	(void)parent;
	(void)key;
	(void)kind;
	return depth <= 3;
}

struct bp_style_layer *
bp_style_layer_read(const char *path, struct bp_fonts *fonts,
	struct bp_arena *arena, bool strict, struct bp_buf *report)
{
	struct bp_style_layer *l = bp_arena_alloc(arena, sizeof(*l));
	struct bp_diags d;
	struct sp p;
	const unsigned char *data;
	size_t size = 0;

	l->path = bp_arena_strdup(arena, path);
	l->style = *bp_style_default();
	bp_diags_init(&d, l->path);
	memset(&p, 0, sizeof(p));
	p.layer = l;
	p.s = &l->style;
	p.arena = arena;
	p.fonts = fonts;
	p.d = &d;
	p.dir = bp_file_folder_in(arena, l->path);
	data = read_style_file(path, arena, &size, &d);
	if (data != NULL && memchr(data, '\0', size) != NULL) {
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_NUL, (size_t)(
		    (const unsigned char *)memchr(data, '\0', size) - data));
	} else if (data != NULL) {
		const char *text = (const char *)data;
		size_t bom = bp_yaml_bom_len(text, size);
		/* libyaml counts bytes of the file; its author, characters */
		bp_diags_set_columns(&d, bp_colmap_of(text + bom, size - bom,
		    text + bom, size - bom));
		p.tree = bp_yaml_read("house style", text + bom, size - bom,
		    1, keep_levels, &d);
		read_mapping(&p, p.tree->root);
		bp_yaml_free(p.tree);
	}
	l->failed = bp_diags_failed(&d, strict);
	bp_diags_format(&d, strict, report);
	bp_diags_free(&d);
	return l;
}
