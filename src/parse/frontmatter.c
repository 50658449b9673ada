/* Reads a paper's YAML front matter, checks it, and fills in its metadata. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "boardpaper/style.h"
#include "internal.h"
#include "yamltree.h"

/* The front matter's tree comes from the shared YAML reader
 * (src/parse/yamltree.h); this file holds the paper's rules.  Only the levels
 * the checks look at keep their children: the top mapping, the lists
 * under contact, recommendations and background_papers, and the contact
 * mappings. */

struct fm_ctx {
	struct bp_paper *paper;
	struct bp_diags *d;
	struct bp_yaml *y; /* the tree; its arena holds message text too */
};

enum fm_key {
	KEY_TITLE,
	KEY_BOARD,
	KEY_MEETING,
	KEY_ITEM,
	KEY_CONFIDENTIAL,
	KEY_PURPOSE,
	KEY_SUMMARY,
	KEY_RECOMMENDATION,
	KEY_RECOMMENDATIONS,
	KEY_ACTION,
	KEY_CONTACT,
	KEY_NUMBERING,
	KEY_LANG,
	KEY_BACKGROUND_PAPERS,
	KEY__MAX
};

static const char *const top_keys[KEY__MAX] = {
	[KEY_TITLE] = "title",
	[KEY_BOARD] = "board",
	[KEY_MEETING] = "meeting",
	[KEY_ITEM] = "item",
	[KEY_CONFIDENTIAL] = "confidential",
	[KEY_PURPOSE] = "purpose",
	[KEY_SUMMARY] = "summary",
	[KEY_RECOMMENDATION] = "recommendation",
	[KEY_RECOMMENDATIONS] = "recommendations",
	[KEY_ACTION] = "action",
	[KEY_CONTACT] = "contact",
	[KEY_NUMBERING] = "numbering",
	[KEY_LANG] = "lang",
	[KEY_BACKGROUND_PAPERS] = "background_papers",
};

/* Reported in this order when missing; recommendation(s) separately. */
static const enum fm_key required_keys[] = {
	KEY_TITLE, KEY_PURPOSE, KEY_SUMMARY, KEY_ACTION, KEY_CONTACT
};

enum contact_key {
	CONTACT_NAME,
	CONTACT_POSITION,
	CONTACT_PHONE,
	CONTACT_EMAIL,
	CONTACT__MAX
};

static const char *const contact_keys[CONTACT__MAX] = {
	[CONTACT_NAME] = "name",
	[CONTACT_POSITION] = "position",
	[CONTACT_PHONE] = "phone",
	[CONTACT_EMAIL] = "email",
};

#define TYPE_STRING "a string"
#define TYPE_DATE "a date (YYYY-MM-DD)"
#define TYPE_ITEM "a string or a number"
#define TYPE_STRINGS "a string or a list of strings"
#define TYPE_CONTACT "a mapping with a name, or a list of them"
#define TYPE_CONFIDENTIAL "true, false or a string giving the reason"
#define TYPE_LIST "a list of strings"
#define TYPE_NUMBERING "continuous, sections or none"

/* ---- which levels are kept ---- */

/* Whether the children of a new collection will ever be checked. `key` is
 * the key it is the value of, when its parent is a mapping. */
static bool
keeps_children(unsigned depth, const struct bp_yaml_node *parent,
    const struct bp_yaml_node *key, enum bp_yaml_kind kind)
{
	switch (depth) {
	case 1: /* the document's root */
		return true;
	case 2: /* a value of the top mapping; any list, which may be a
	         * house style's list field */
		return parent->kind == BP_YAML_MAPPING &&
		    (kind == BP_YAML_SEQUENCE ||
		    bp_yaml_scalar_is(key, top_keys[KEY_CONTACT]) ||
		    bp_yaml_scalar_is(key, top_keys[KEY_RECOMMENDATIONS]) ||
		    bp_yaml_scalar_is(key, top_keys[KEY_BACKGROUND_PAPERS]));
	case 3: /* a mapping in such a list: a contact */
		return parent->kind == BP_YAML_SEQUENCE &&
		    kind == BP_YAML_MAPPING;
	default:
		return false;
	}
}

/* ---- scalar helpers ---- */

static void
inline_string(struct fm_ctx *c, const struct bp_yaml_node *n,
    struct bp_text *out)
{
	bp_markdown_inline(c->paper, n->text, n->len, n->src, n->src_len,
	    n->pos, out, c->d);
}

/* ---- the top-level keys ---- */

static void
set_text(struct fm_ctx *c, const struct bp_yaml_pair *p, bool required,
    struct bp_text *out)
{
	const char *name = top_keys[p->known];
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, name, TYPE_STRING, required);
	if (v != NULL)
		inline_string(c, v, out);
}

static void
set_meeting(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct bp_yaml_node *v;
	const char *why;

	v = bp_yaml_string(c->y, p->key, p->value, top_keys[KEY_MEETING],
	    TYPE_DATE, false);
	if (v == NULL)
		return;
	why = bp_yaml_date(c->y, v, &meta->meeting);
	if (why != NULL) {
		bp_diag(c->d, v->pos, BP_E_DATE, bp_yaml_shown_node(c->y, v),
		    why);
		memset(&meta->meeting, 0, sizeof(meta->meeting));
		return;
	}
	meta->has_meeting = true; /* resolve writes it as text */
	meta->meeting_pos = v->pos;
}

static void
set_item(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, top_keys[KEY_ITEM], TYPE_ITEM,
	    false);
	if (v != NULL)
		c->paper->meta.item = bp_yaml_plain(c->paper->arena, v);
}

static void
set_confidential(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, top_keys[KEY_CONFIDENTIAL],
	    TYPE_CONFIDENTIAL, false);
	if (v == NULL)
		return;
	if (v->plain && (bp_yaml_scalar_is(v, "true") || bp_yaml_scalar_is(v, "True") ||
	    bp_yaml_scalar_is(v, "TRUE"))) {
		meta->confidential = true;
	} else if (v->plain && (bp_yaml_scalar_is(v, "false") ||
	    bp_yaml_scalar_is(v, "False") || bp_yaml_scalar_is(v, "FALSE"))) {
		meta->confidential = false;
	} else if (bp_yaml_is_yaml11_boolean(v)) {
		bp_diag(c->d, v->pos, BP_E_TYPE, top_keys[KEY_CONFIDENTIAL],
		    TYPE_CONFIDENTIAL);
	} else {
		meta->confidential = true;
		inline_string(c, v, &meta->confidential_reason);
	}
}

static void
set_single_recommendation(struct fm_ctx *c, const struct bp_yaml_node *v)
{
	struct bp_meta *meta = &c->paper->meta;

	meta->recommendations = bp_arena_alloc(c->paper->arena,
	    sizeof(*meta->recommendations));
	inline_string(c, v, &meta->recommendations[0]);
	meta->nrecommendations = 1;
	meta->recommendations_list = false;
}

static void
set_recommendation(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value,
	    top_keys[KEY_RECOMMENDATION], TYPE_STRING, true);
	if (v != NULL)
		set_single_recommendation(c, v);
}

/* Reads a list of strings into texts allocated in the paper; items that
 * are not strings are reported and left out. */
static struct bp_text *
string_list(struct fm_ctx *c, const struct bp_yaml_node *seq, const char *name,
    const char *type, size_t *n)
{
	struct bp_text *texts;
	const struct bp_yaml_node *item;

	texts = bp_arena_alloc(c->paper->arena,
	    (seq->n ? seq->n : 1) * sizeof(*texts));
	*n = 0;
	for (item = seq->child; item != NULL; item = item->next) {
		const struct bp_yaml_node *v;
		v = bp_yaml_string(c->y, item, item, name, type, true);
		if (v != NULL)
			inline_string(c, v, &texts[(*n)++]);
	}
	return texts;
}

static void
set_recommendations(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const char *name = top_keys[KEY_RECOMMENDATIONS];
	const struct bp_yaml_node *v = p->value;

	if (v->kind != BP_YAML_SEQUENCE) {
		v = bp_yaml_string(c->y, p->key, v, name, TYPE_STRINGS, true);
		if (v != NULL)
			set_single_recommendation(c, v);
		return;
	}
	if (v->n == 0 && v->complete)
		bp_diag(c->d, v->pos, BP_E_EMPTY_VALUE, name);
	meta->recommendations = string_list(c, v, name, TYPE_STRINGS,
	    &meta->nrecommendations);
	meta->recommendations_list = true;
}

static void
set_email(struct fm_ctx *c, const struct bp_yaml_node *v, struct bp_contact *out)
{
	const char *email = bp_yaml_plain(c->paper->arena, v);
	const char *at = strchr(email, '@');

	if (at == NULL || at == email || at[1] == '\0') {
		bp_diag(c->d, v->pos, BP_E_EMAIL, bp_yaml_shown(c->y, email,
		    strlen(email)));
		return;
	}
	out->email = email;
}

static void
set_contact_field(struct fm_ctx *c, const struct bp_yaml_pair *p,
    struct bp_contact *out)
{
	const char *name = contact_keys[p->known];
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, name, TYPE_STRING,
	    p->known == CONTACT_NAME);
	if (v == NULL)
		return;
	switch (p->known) {
	case CONTACT_NAME:
		out->name = bp_yaml_plain(c->paper->arena, v);
		break;
	case CONTACT_POSITION:
		out->position = bp_yaml_plain(c->paper->arena, v);
		break;
	case CONTACT_PHONE:
		out->phone = bp_yaml_plain(c->paper->arena, v);
		break;
	case CONTACT_EMAIL:
		set_email(c, v, out);
		break;
	}
}

/* Fills one contact from a mapping; false when it has no usable name. */
static bool
read_contact(struct fm_ctx *c, const struct bp_yaml_node *map,
    struct bp_contact *out)
{
	struct bp_yaml_pair *pairs;
	size_t n, i;
	bool has_name_key = false;

	memset(out, 0, sizeof(*out));
	out->pos = map->pos;
	pairs = bp_yaml_pairs(c->y, map, contact_keys, CONTACT__MAX, &n);
	for (i = 0; i < n; i++) {
		if (pairs[i].skip || pairs[i].known < 0)
			continue;
		if (pairs[i].known == CONTACT_NAME)
			has_name_key = true;
		set_contact_field(c, &pairs[i], out);
	}
	if (!has_name_key && map->complete)
		bp_diag(c->d, map->pos, BP_E_MISSING_KEY,
		    contact_keys[CONTACT_NAME]);
	return out->name != NULL;
}

static void
set_contact_list(struct fm_ctx *c, const struct bp_yaml_node *seq)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct bp_yaml_node *item;

	if (seq->n == 0 && seq->complete)
		bp_diag(c->d, seq->pos, BP_E_EMPTY_VALUE,
		    top_keys[KEY_CONTACT]);
	meta->contacts = bp_arena_alloc(c->paper->arena,
	    (seq->n ? seq->n : 1) * sizeof(*meta->contacts));
	for (item = seq->child; item != NULL; item = item->next) {
		if (item->invalid)
			continue;
		if (item->kind != BP_YAML_MAPPING) {
			bp_diag(c->d, item->pos, BP_E_TYPE,
			    top_keys[KEY_CONTACT], TYPE_CONTACT);
			continue;
		}
		if (read_contact(c, item, &meta->contacts[meta->ncontacts]))
			meta->ncontacts++;
	}
}

static void
set_contact(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct bp_yaml_node *v = p->value;

	if (v->invalid)
		return;
	if (v->kind == BP_YAML_SEQUENCE) {
		set_contact_list(c, v);
	} else if (v->kind == BP_YAML_MAPPING) {
		meta->contacts = bp_arena_alloc(c->paper->arena,
		    sizeof(*meta->contacts));
		if (read_contact(c, v, &meta->contacts[0]))
			meta->ncontacts = 1;
	} else if (bp_yaml_is_blank(v)) {
		bp_diag(c->d, bp_yaml_value_pos(p->key, v), BP_E_EMPTY_VALUE,
		    top_keys[KEY_CONTACT]);
	} else {
		bp_diag(c->d, v->pos, BP_E_TYPE, top_keys[KEY_CONTACT],
		    TYPE_CONTACT);
	}
}

static void
set_numbering(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, top_keys[KEY_NUMBERING],
	    TYPE_NUMBERING, false);
	if (v == NULL)
		return;
	if (bp_yaml_scalar_is(v, "continuous"))
		meta->numbering = BP_NUMBERING_CONTINUOUS;
	else if (bp_yaml_scalar_is(v, "sections"))
		meta->numbering = BP_NUMBERING_SECTIONS;
	else if (bp_yaml_scalar_is(v, "none"))
		meta->numbering = BP_NUMBERING_NONE;
	else
		bp_diag(c->d, v->pos, BP_E_NUMBERING, bp_yaml_shown_node(c->y, v));
}

static void
set_lang(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *v;

	v = bp_yaml_string(c->y, p->key, p->value, top_keys[KEY_LANG], TYPE_STRING,
	    false);
	if (v == NULL)
		return;
	if (!bp_yaml_is_language_tag(v->text, v->len)) {
		bp_diag(c->d, v->pos, BP_E_LANG, bp_yaml_shown_node(c->y, v));
		return;
	}
	c->paper->meta.lang = bp_yaml_plain(c->paper->arena, v);
}

static void
set_background_papers(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const char *name = top_keys[KEY_BACKGROUND_PAPERS];
	const struct bp_yaml_node *v = p->value;

	if (v->invalid)
		return;
	if (v->kind == BP_YAML_MAPPING) {
		bp_diag(c->d, v->pos, BP_E_TYPE, name, TYPE_LIST);
		return;
	}
	/* an empty value says there are none: the paper prints "None" */
	meta->has_background_papers = true;
	if (v->kind == BP_YAML_SEQUENCE) {
		meta->background_papers = string_list(c, v, name, TYPE_LIST,
		    &meta->nbackground_papers);
	} else if (!bp_yaml_is_blank(v)) {
		meta->background_papers = bp_arena_alloc(c->paper->arena,
		    sizeof(*meta->background_papers));
		inline_string(c, v, &meta->background_papers[0]);
		meta->nbackground_papers = 1;
	}
}

static void
set_top_key(struct fm_ctx *c, const struct bp_yaml_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;

	switch ((enum fm_key)p->known) {
	case KEY_TITLE:
		set_text(c, p, true, &meta->title);
		break;
	case KEY_BOARD:
		set_text(c, p, false, &meta->board);
		break;
	case KEY_MEETING:
		set_meeting(c, p);
		break;
	case KEY_ITEM:
		set_item(c, p);
		break;
	case KEY_CONFIDENTIAL:
		set_confidential(c, p);
		break;
	case KEY_PURPOSE:
		set_text(c, p, true, &meta->purpose);
		break;
	case KEY_SUMMARY:
		set_text(c, p, true, &meta->summary);
		break;
	case KEY_RECOMMENDATION:
		set_recommendation(c, p);
		break;
	case KEY_RECOMMENDATIONS:
		set_recommendations(c, p);
		break;
	case KEY_ACTION:
		set_text(c, p, true, &meta->action);
		break;
	case KEY_CONTACT:
		set_contact(c, p);
		break;
	case KEY_NUMBERING:
		set_numbering(c, p);
		break;
	case KEY_LANG:
		set_lang(c, p);
		break;
	case KEY_BACKGROUND_PAPERS:
		set_background_papers(c, p);
		break;
	case KEY__MAX:
		break;
	}
}

/* Both spellings given: the later one is reported and ignored. */
static void
refuse_both_recommendation_keys(struct fm_ctx *c, struct bp_yaml_pair *pairs,
    size_t n)
{
	struct bp_yaml_pair *first = NULL;

	for (size_t i = 0; i < n; i++) {
		struct bp_yaml_pair *p = &pairs[i];
		if (p->skip || (p->known != KEY_RECOMMENDATION &&
		    p->known != KEY_RECOMMENDATIONS))
			continue;
		if (first == NULL) {
			first = p;
		} else if (p->known != first->known) {
			bp_diag(c->d, p->key->pos, BP_E_BOTH_KEYS,
			    top_keys[KEY_RECOMMENDATION],
			    top_keys[KEY_RECOMMENDATIONS]);
			p->skip = true;
		}
	}
}

static void
report_missing_keys(struct fm_ctx *c, const bool *seen)
{
	size_t i;

	for (i = 0; i < sizeof(required_keys) / sizeof(required_keys[0]);
	    i++) {
		enum fm_key k = required_keys[i];
		if (!seen[k])
			bp_diag(c->d, bp_yaml_top_pos(c->y), BP_E_MISSING_KEY,
			    top_keys[k]);
		if (k == KEY_SUMMARY && !seen[KEY_RECOMMENDATION] &&
		    !seen[KEY_RECOMMENDATIONS])
			bp_diag(c->d, bp_yaml_top_pos(c->y), BP_E_MISSING_KEY,
			    top_keys[KEY_RECOMMENDATION]);
	}
}

/* ---- a house style's fields ---- */

static const char *const field_type_words[BP_FIELD__MAX] = {
	[BP_FIELD_TEXT] = "a string",
	[BP_FIELD_LIST] = "a string or a list of strings",
	[BP_FIELD_YESNO] = "yes or no",
	[BP_FIELD_DATE] = "a date (YYYY-MM-DD)",
};

static void
field_type_error(struct fm_ctx *c, const struct bp_style_field *f,
    struct bp_pos pos)
{
	bp_diag(c->d, pos, BP_E_FIELD_TYPE, f->key, field_type_words[f->type],
	    f->file, (unsigned)f->pos.line, (unsigned)f->pos.col);
}

/* A list field: a list of strings, or one string for a list of one. */
static bool
set_field_list(struct fm_ctx *c, const struct bp_style_field *f,
    const struct bp_yaml_node *v, struct bp_field *out)
{
	size_t n = 0;

	if (v->kind == BP_YAML_SCALAR) {
		out->values = bp_arena_alloc(c->paper->arena,
		    sizeof(*out->values));
		inline_string(c, v, &out->values[0]);
		out->nvalues = 1;
		return true;
	}
	if (v->kind != BP_YAML_SEQUENCE) {
		field_type_error(c, f, v->pos);
		return false;
	}
	out->values = bp_arena_alloc(c->paper->arena,
	    (v->n ? v->n : 1) * sizeof(*out->values));
	for (const struct bp_yaml_node *i = v->child; i != NULL; i = i->next) {
		if (i->invalid)
			continue;
		if (i->kind != BP_YAML_SCALAR || bp_yaml_is_blank(i)) {
			field_type_error(c, f, i->pos);
			continue;
		}
		inline_string(c, i, &out->values[n++]);
	}
	out->nvalues = n;
	return true;
}

static bool
set_field_yesno(struct fm_ctx *c, const struct bp_style_field *f,
    const struct bp_yaml_node *v, struct bp_field *out)
{
	static const char *const yes[] = { "yes", "Yes", "YES" };
	static const char *const no[] = { "no", "No", "NO" };

	if (bp_yaml_boolean(v, &out->yes))
		return true;
	for (size_t i = 0; v->plain && i < 3; i++) {
		if (bp_yaml_scalar_is(v, yes[i]) || bp_yaml_scalar_is(v, no[i])) {
			out->yes = bp_yaml_scalar_is(v, yes[i]);
			return true;
		}
	}
	field_type_error(c, f, v->pos);
	return false;
}

/* One field's value into `out`; false when it has none to print. */
static bool
set_field(struct fm_ctx *c, const struct bp_yaml_pair *p,
    const struct bp_style_field *f, struct bp_field *out)
{
	const struct bp_yaml_node *v = p->value;
	const char *why;

	memset(out, 0, sizeof(*out));
	out->def = f;
	out->pos = bp_yaml_value_pos(p->key, v);
	if (v->invalid)
		return false;
	if (v->kind == BP_YAML_SCALAR && bp_yaml_is_blank(v)) {
		if (f->required)
			bp_diag(c->d, out->pos, BP_E_FIELD_MISSING, f->key,
			    f->file, (unsigned)f->pos.line,
			    (unsigned)f->pos.col);
		return false;
	}
	if (f->type == BP_FIELD_LIST)
		return set_field_list(c, f, v, out);
	if (v->kind != BP_YAML_SCALAR) {
		field_type_error(c, f, v->pos);
		return false;
	}
	switch (f->type) {
	case BP_FIELD_YESNO:
		return set_field_yesno(c, f, v, out);
	case BP_FIELD_DATE:
		if ((why = bp_yaml_date(c->y, v, &out->date)) == NULL)
			return true;
		bp_diag(c->d, v->pos, BP_E_FIELD_DATE,
		    bp_yaml_shown_node(c->y, v), f->key, why, f->file,
		    (unsigned)f->pos.line, (unsigned)f->pos.col);
		return false;
	default:
		out->values = bp_arena_alloc(c->paper->arena,
		    sizeof(*out->values));
		inline_string(c, v, &out->values[0]);
		out->nvalues = 1;
		return true;
	}
}

/* The front-matter keys: the built-in ones, then the style's fields. */
static const char *const *
key_names(struct fm_ctx *c, size_t *n)
{
	const struct bp_house_style *s = c->paper->style;
	const char **names;

	*n = KEY__MAX + s->nfields;
	if (s->nfields == 0)
		return top_keys;
	names = bp_arena_alloc(c->paper->arena, *n * sizeof(*names));
	for (size_t i = 0; i < KEY__MAX; i++)
		names[i] = top_keys[i];
	for (size_t i = 0; i < s->nfields; i++)
		names[KEY__MAX + i] = s->fields[i].key;
	return names;
}

/* Fields in the style's order; a missing required one names both files'
 * lines: the paper's front matter, and where the style requires it. */
static void
set_fields(struct fm_ctx *c, const struct bp_yaml_pair *pairs, size_t n,
    bool complete)
{
	const struct bp_house_style *s = c->paper->style;
	struct bp_paper *paper = c->paper;

	if (s->nfields == 0)
		return;
	paper->fields = bp_arena_alloc(paper->arena, s->nfields *
	    sizeof(*paper->fields));
	for (size_t k = 0; k < s->nfields; k++) {
		const struct bp_style_field *f = &s->fields[k];
		bool given = false;
		for (size_t i = 0; i < n && !given; i++) {
			if (pairs[i].skip || pairs[i].known != (int)(KEY__MAX +
			    k))
				continue;
			given = true;
			if (set_field(c, &pairs[i], f,
			    &paper->fields[paper->nfields]))
				paper->nfields++;
		}
		if (!given && f->required && complete)
			bp_diag(c->d, bp_yaml_top_pos(c->y), BP_E_FIELD_MISSING,
			    f->key, f->file, (unsigned)f->pos.line,
			    (unsigned)f->pos.col);
	}
}

/* Every entry of every list in the front matter (recommendations,
 * contacts, background papers, a house style's list fields) becomes
 * blocks of output, however few bytes it takes: false, with the entry
 * that passes the limit named, when there are too many. */
static bool
list_entries_within_limit(struct fm_ctx *c, const struct bp_yaml_pair *pairs,
    size_t n)
{
	size_t entries = 0;

	for (size_t i = 0; i < n; i++) {
		const struct bp_yaml_node *v = pairs[i].value;
		if (v == NULL || v->kind != BP_YAML_SEQUENCE)
			continue;
		for (const struct bp_yaml_node *e = v->child; e != NULL;
		    e = e->next) {
			if (++entries > BP_MAX_FM_ENTRIES) {
				bp_diag(c->d, e->pos, BP_E_LIMIT_FM_ENTRIES,
				    entries, (size_t)BP_MAX_FM_ENTRIES);
				return false;
			}
		}
	}
	return true;
}

static void
check_top_mapping(struct fm_ctx *c, const struct bp_yaml_node *map)
{
	bool seen[KEY__MAX] = { false };
	struct bp_yaml_pair *pairs;
	const char *const *names;
	size_t n, nnames;

	names = key_names(c, &nnames);
	pairs = bp_yaml_pairs(c->y, map, names, nnames, &n);
	if (!list_entries_within_limit(c, pairs, n))
		return;
	refuse_both_recommendation_keys(c, pairs, n);
	for (size_t i = 0; i < n; i++) {
		if (pairs[i].skip || pairs[i].known < 0 ||
		    pairs[i].known >= KEY__MAX)
			continue;
		seen[pairs[i].known] = true;
		set_top_key(c, &pairs[i]);
	}
	set_fields(c, pairs, n, map->complete && !c->y->failed);
	if (map->complete && !c->y->failed)
		report_missing_keys(c, seen);
}

static void
check_document(struct fm_ctx *c, const struct bp_yaml_node *root)
{
	bool no_keys[KEY__MAX] = { false };

	if (root == NULL || bp_yaml_is_null(root)) {
		if (!c->y->failed)
			report_missing_keys(c, no_keys);
	} else if (root->invalid) {
		return;
	} else if (root->kind == BP_YAML_SCALAR && c->y->failed) {
		return; /* text cut short by a YAML error: that is the news */
	} else if (root->kind != BP_YAML_MAPPING) {
		bp_diag(c->d, root->pos, BP_E_NOT_MAPPING);
	} else {
		check_top_mapping(c, root);
	}
}

void
bp_frontmatter_parse(struct bp_paper *paper, const char *yaml, size_t len,
    unsigned first_line, struct bp_diags *d)
{
	struct fm_ctx c;

	memset(&c, 0, sizeof(c));
	c.paper = paper;
	c.d = d;
	c.y = bp_yaml_read("front matter", yaml, len, first_line,
	    keeps_children, d);
	check_document(&c, c.y->root);
	bp_yaml_free(c.y);
}
