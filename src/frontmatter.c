/* Reads a paper's YAML front matter, checks it, and fills in its metadata. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "internal.h"

/*
 * We read libyaml's events, never its document API, because the loader
 * expands aliases: an alias bomb would cost exponential memory.  Anchors,
 * aliases and tags are refused, and nothing is ever expanded.
 *
 * The events build a private tree in a scratch arena freed before return.
 * Only the levels the checks look at are kept (the top mapping, the lists
 * under contact, recommendations and background_papers, and the contact
 * mappings); deeper collections are kept as childless nodes, so hostile
 * input costs little memory.  Nesting is still counted through skipped
 * levels, and reading stops past BP_MAX_DEPTH: libyaml's scanner does work
 * proportional to the flow nesting for every token, so hostile nesting
 * would otherwise take quadratic time.  Checks that need a collection to
 * be whole (missing keys, empty lists) skip one cut short by an error.
 */

enum fm_kind {
	FM_SCALAR,
	FM_SEQUENCE,
	FM_MAPPING
};

struct fm_node {
	enum fm_kind kind;
	bool plain;    /* scalar: written without quotes or block style */
	bool invalid;  /* already reported (an alias): check nothing more */
	bool complete; /* collection: its end was seen (not cut by an error) */
	struct bp_pos pos;
	const char *text; /* scalar: NUL-terminated copy */
	size_t len;       /* scalar: bytes in text */
	size_t n;         /* collection: children kept */
	struct fm_node *parent, *child, *last, *next;
};

/* libyaml marks count characters; the model wants byte columns. Marks
 * arrive in order, so one cursor walking forward costs O(input). */
struct fm_cursor {
	size_t byte;       /* offset in the YAML text */
	size_t chars;      /* characters before `byte` */
	unsigned line;     /* 0-based line of `byte` */
	size_t line_start; /* offset of that line's first byte */
};

struct fm_ctx {
	struct bp_paper *paper;
	struct bp_diags *d;
	struct bp_arena *scratch; /* the tree and message text; freed at end */
	const char *yaml;
	size_t len; /* bytes */
	unsigned first_line;
	struct fm_cursor cursor;
	bool yaml_failed;
};

struct fm_builder {
	struct fm_node doc;   /* its one child is the document's root */
	struct fm_node *open; /* innermost collection whose children we keep */
	unsigned open_depth;  /* nesting of `open`; doc is 0 */
	unsigned depth;       /* collections open, skipped ones included */
	unsigned documents;
	bool too_deep;        /* reported; no more events are read */
};

/* One key: value entry of a mapping, ready to be dispatched. */
struct fm_pair {
	const struct fm_node *key;
	const struct fm_node *value;
	const struct fm_node *first; /* a duplicate: the key given earlier */
	int known; /* index in the key table, or -1 */
	bool skip; /* a duplicate, or a key that is not a string */
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

/* Longest text of the input quoted in a message, in bytes. */
#define SHOWN_MAX 60

/* ---- positions ---- */

static void
cursor_step(struct fm_ctx *c)
{
	struct fm_cursor *k = &c->cursor;
	size_t w = bp_utf8_len(c->yaml + k->byte, c->len - k->byte);

	if (c->yaml[k->byte] == '\n') {
		k->line++;
		k->line_start = k->byte + 1;
	}
	k->byte = k->byte + w < c->len ? k->byte + w : c->len;
	k->chars++;
}

static struct bp_pos
cursor_pos(const struct fm_ctx *c)
{
	struct bp_pos pos;

	pos.line = c->first_line + c->cursor.line;
	pos.col = (uint32_t)(c->cursor.byte - c->cursor.line_start + 1);
	return pos;
}

/* Position of a libyaml mark (its index counts characters). */
static struct bp_pos
mark_pos(struct fm_ctx *c, yaml_mark_t mark)
{
	if (mark.index < c->cursor.chars)
		memset(&c->cursor, 0, sizeof(c->cursor));
	while (c->cursor.chars < mark.index && c->cursor.byte < c->len)
		cursor_step(c);
	return cursor_pos(c);
}

/* Position of a byte offset (libyaml's reader errors give those). */
static struct bp_pos
offset_pos(struct fm_ctx *c, size_t offset)
{
	if (offset < c->cursor.byte)
		memset(&c->cursor, 0, sizeof(c->cursor));
	while (c->cursor.byte < offset && c->cursor.byte < c->len)
		cursor_step(c);
	return cursor_pos(c);
}

/* Where the front matter begins: the opening `---` line. */
static struct bp_pos
top_pos(const struct fm_ctx *c)
{
	struct bp_pos pos = { c->first_line > 0 ? c->first_line - 1 : 0, 1 };
	return pos;
}

/* ---- quoting input in messages ---- */

/* The text made safe for a one-line message: control characters escaped,
 * and cut short (at a character boundary) when long. */
static const char *
shown(struct fm_ctx *c, const char *s, size_t len)
{
	char *out = bp_arena_alloc(c->scratch, SHOWN_MAX * 4 + 8);
	size_t i, o = 0;

	for (i = 0; i < len && o < SHOWN_MAX; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n' || ch == '\t') {
			out[o++] = '\\';
			out[o++] = ch == '\n' ? 'n' : 't';
		} else if (ch < 0x20 || ch == 0x7F) {
			static const char hex[] = "0123456789abcdef";
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		} else {
			out[o++] = (char)ch;
		}
	}
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		out[o++] = s[i++]; /* finish the character */
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

static const char *
shown_node(struct fm_ctx *c, const struct fm_node *n)
{
	return shown(c, n->text, n->len);
}

/* ---- building the tree from events ---- */

static void
report_anchor_and_tag(struct fm_ctx *c, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	/* Any tag written in the source is refused, even the bare "!" that
	 * libyaml calls implicit: only plain YAML is front matter. */
	if (anchor != NULL)
		bp_diag(c->d, mark_pos(c, ev->start_mark), BP_E_ALIAS);
	if (tag != NULL)
		bp_diag(c->d, mark_pos(c, ev->start_mark), BP_E_TAG);
}

static struct fm_node *
append_node(struct fm_ctx *c, struct fm_builder *b, enum fm_kind kind,
    yaml_mark_t mark)
{
	struct fm_node *n = bp_arena_alloc(c->scratch, sizeof(*n));
	struct fm_node *parent = b->open;

	n->kind = kind;
	n->pos = mark_pos(c, mark);
	n->text = "";
	n->parent = parent;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->child = n;
	parent->last = n;
	parent->n++;
	return n;
}

static bool
scalar_is(const struct fm_node *n, const char *s)
{
	return n != NULL && n->kind == FM_SCALAR && n->len == strlen(s) &&
	    memcmp(n->text, s, n->len) == 0;
}

/* Whether the children of a new collection will ever be checked. `key` is
 * the key it is the value of, when its parent is a mapping. */
static bool
keeps_children(const struct fm_builder *b, const struct fm_node *parent,
    const struct fm_node *key, enum fm_kind kind)
{
	switch (b->depth) {
	case 1: /* the document's root */
		return true;
	case 2: /* a value of the top mapping */
		return parent->kind == FM_MAPPING &&
		    (scalar_is(key, top_keys[KEY_CONTACT]) ||
		    scalar_is(key, top_keys[KEY_RECOMMENDATIONS]) ||
		    scalar_is(key, top_keys[KEY_BACKGROUND_PAPERS]));
	case 3: /* a mapping in such a list: a contact */
		return parent->kind == FM_SEQUENCE && kind == FM_MAPPING;
	default:
		return false;
	}
}

static void
on_collection_start(struct fm_ctx *c, struct fm_builder *b,
    const yaml_event_t *ev, enum fm_kind kind)
{
	const struct fm_node *key = NULL;
	struct fm_node *n;
	bool direct_child = b->depth == b->open_depth;

	if (kind == FM_MAPPING)
		report_anchor_and_tag(c, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
	else
		report_anchor_and_tag(c, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
	b->depth++;
	if (b->depth > BP_MAX_DEPTH) {
		b->too_deep = true; /* and stop reading: see the top */
		bp_diag(c->d, mark_pos(c, ev->start_mark), BP_E_TOO_DEEP,
		    (int)BP_MAX_DEPTH);
		return;
	}
	if (!direct_child)
		return; /* inside a collection nobody checks */
	if (b->open->kind == FM_MAPPING && b->open->n % 2 == 1)
		key = b->open->last;
	n = append_node(c, b, kind, ev->start_mark);
	if (keeps_children(b, b->open, key, kind)) {
		b->open = n;
		b->open_depth = b->depth;
	}
}

static void
on_collection_end(struct fm_builder *b)
{
	if (b->depth == 0)
		return; /* libyaml pairs them; be safe anyway */
	if (b->depth == b->open_depth) {
		b->open->complete = true;
		b->open = b->open->parent;
		b->open_depth--;
	}
	b->depth--;
}

static void
on_scalar(struct fm_ctx *c, struct fm_builder *b, const yaml_event_t *ev)
{
	struct fm_node *n;

	report_anchor_and_tag(c, ev, ev->data.scalar.anchor,
	    ev->data.scalar.tag);
	if (b->depth != b->open_depth)
		return;
	n = append_node(c, b, FM_SCALAR, ev->start_mark);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->len = ev->data.scalar.length;
	n->text = bp_arena_strndup(c->scratch,
	    (const char *)ev->data.scalar.value, n->len);
	n->complete = true;
}

static void
on_alias(struct fm_ctx *c, struct fm_builder *b, const yaml_event_t *ev)
{
	struct fm_node *n;

	bp_diag(c->d, mark_pos(c, ev->start_mark), BP_E_ALIAS);
	if (b->depth != b->open_depth)
		return;
	n = append_node(c, b, FM_SCALAR, ev->start_mark);
	n->invalid = true; /* never expanded, never checked */
}

/* Returns false when no more events should be read. */
static bool
on_event(struct fm_ctx *c, struct fm_builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->documents++ == 0)
			return true;
		bp_diag(c->d, mark_pos(c, ev->start_mark), BP_E_YAML,
		    "front matter must be a single YAML document");
		c->yaml_failed = true;
		return false;
	case YAML_SCALAR_EVENT:
		on_scalar(c, b, ev);
		return true;
	case YAML_ALIAS_EVENT:
		on_alias(c, b, ev);
		return true;
	case YAML_SEQUENCE_START_EVENT:
		on_collection_start(c, b, ev, FM_SEQUENCE);
		return true;
	case YAML_MAPPING_START_EVENT:
		on_collection_start(c, b, ev, FM_MAPPING);
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_collection_end(b);
		return true;
	case YAML_STREAM_END_EVENT:
		return false;
	default:
		return true;
	}
}

static void
report_yaml_error(struct fm_ctx *c, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "out of memory";
	struct bp_pos pos;

	if (p->error == YAML_READER_ERROR)
		pos = offset_pos(c, p->problem_offset);
	else
		pos = mark_pos(c, p->problem_mark);
	c->yaml_failed = true;
	if (c->cursor.byte < c->len && c->yaml[c->cursor.byte] == '\t' &&
	    p->error == YAML_SCANNER_ERROR) {
		bp_diag(c->d, pos, BP_E_YAML,
		    "tabs cannot be used for indentation; use spaces");
	} else if (p->context != NULL) {
		bp_diag(c->d, pos, BP_E_YAML, bp_arena_printf(c->scratch,
		    "%s %s", problem, p->context));
	} else {
		bp_diag(c->d, pos, BP_E_YAML, problem);
	}
}

static void
read_events(struct fm_ctx *c, struct fm_builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool more = true;

	if (!yaml_parser_initialize(&parser)) {
		bp_diag(c->d, top_pos(c), BP_E_YAML, "out of memory");
		c->yaml_failed = true;
		return;
	}
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)c->yaml,
	    c->len);
	while (more) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(c, &parser);
			break;
		}
		more = on_event(c, b, &ev) && !b->too_deep;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
}

/* ---- scalar helpers ---- */

static bool
is_null(const struct fm_node *n)
{
	return n->kind == FM_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
	    strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0);
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Null, or a string of nothing but white space. */
static bool
is_blank(const struct fm_node *n)
{
	if (is_null(n))
		return true;
	for (size_t i = 0; i < n->len; i++)
		if (!is_space(n->text[i]))
			return false;
	return true;
}

/* Where to report a problem with a value: an omitted value has no
 * position of its own (libyaml puts it after the colon), so use the key's. */
static struct bp_pos
value_pos(const struct fm_node *key, const struct fm_node *value)
{
	return value->kind == FM_SCALAR && value->plain && value->len == 0 ?
	    key->pos : value->pos;
}

/* The value when it is a non-blank scalar; otherwise NULL, after saying why
 * when it is the wrong type, or blank and `required`. */
static const struct fm_node *
string_value(struct fm_ctx *c, const struct fm_node *key,
    const struct fm_node *value, const char *name, const char *type,
    bool required)
{
	if (value->invalid)
		return NULL;
	if (value->kind != FM_SCALAR) {
		bp_diag(c->d, value->pos, BP_E_TYPE, name, type);
		return NULL;
	}
	if (is_blank(value)) {
		if (required)
			bp_diag(c->d, value_pos(key, value), BP_E_EMPTY_VALUE,
			    name);
		return NULL;
	}
	return value;
}

/* A plain (not Markdown) string owned by the paper, white space trimmed. */
static const char *
plain_string(struct fm_ctx *c, const struct fm_node *n)
{
	size_t start = 0, end = n->len;

	while (start < end && is_space(n->text[start]))
		start++;
	while (end > start && is_space(n->text[end - 1]))
		end--;
	return bp_arena_strndup(c->paper->arena, n->text + start,
	    end - start);
}

static void
inline_string(struct fm_ctx *c, const struct fm_node *n,
    struct bp_text *out)
{
	bp_markdown_inline(c->paper, n->text, n->len, n->pos, out, c->d);
}

/* ---- mappings: keys, unknown keys, duplicates ---- */

static size_t
edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t row[32], i, j;

	/* callers pass a known key as `b`: all are shorter than 32 */
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen];
}

/* The known key nearest to an unknown one, or NULL when none is close. */
static const char *
nearest_key(const char *s, size_t len, const char *const *names,
    size_t nnames)
{
	size_t limit = len / 3 > 2 ? len / 3 : 2;
	size_t best = limit + 1;
	const char *found = NULL;

	for (size_t i = 0; i < nnames; i++) {
		size_t nlen = strlen(names[i]);
		size_t gap = nlen > len ? nlen - len : len - nlen;
		size_t dist;
		if (gap > limit)
			continue; /* the distance is at least the gap */
		dist = edit_distance(s, len, names[i], nlen);
		if (dist < best) {
			best = dist;
			found = names[i];
		}
	}
	return found;
}

static int
key_index(const struct fm_node *key, const char *const *names,
    size_t nnames)
{
	for (size_t i = 0; i < nnames; i++)
		if (scalar_is(key, names[i]))
			return (int)i;
	return -1;
}

static void
warn_unknown_key(struct fm_ctx *c, const struct fm_node *key,
    const char *const *names, size_t nnames)
{
	const char *near = nearest_key(key->text, key->len, names, nnames);

	if (near != NULL)
		bp_diag(c->d, key->pos, BP_W_UNKNOWN_KEY_NEAR,
		    shown_node(c, key), near);
	else
		bp_diag(c->d, key->pos, BP_W_UNKNOWN_KEY, shown_node(c, key));
}

/* Orders pairs by key text, then by position in the mapping. */
static int
compare_pairs(const void *pa, const void *pb)
{
	const struct fm_pair *a = *(const struct fm_pair *const *)pa;
	const struct fm_pair *b = *(const struct fm_pair *const *)pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int r = memcmp(a->key->text, b->key->text, n);

	if (r != 0)
		return r;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Sorting finds duplicates in O(n log n) even in a huge hostile mapping;
 * they are reported later, in order of position. */
static void
mark_duplicates(struct fm_ctx *c, struct fm_pair *pairs, size_t n)
{
	struct fm_pair **sorted;
	size_t i, m = 0, first = 0;

	sorted = bp_arena_alloc(c->scratch, (n ? n : 1) * sizeof(*sorted));
	for (i = 0; i < n; i++)
		if (!pairs[i].skip)
			sorted[m++] = &pairs[i];
	qsort(sorted, m, sizeof(*sorted), compare_pairs);
	for (i = 1; i < m; i++) {
		const struct fm_node *a = sorted[first]->key;
		const struct fm_node *b = sorted[i]->key;
		if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0) {
			first = i;
			continue;
		}
		sorted[i]->skip = true;
		sorted[i]->first = a;
	}
}

/* Reports problems with the keys, in order of position (which keeps the
 * final sort of the diagnostics cheap). */
static void
report_keys(struct fm_ctx *c, const struct fm_pair *pairs, size_t n,
    const char *const *names, size_t nnames)
{
	for (size_t i = 0; i < n; i++) {
		const struct fm_pair *p = &pairs[i];
		if (p->key->invalid)
			continue;
		if (p->key->kind != FM_SCALAR) {
			bp_diag(c->d, p->key->pos, BP_E_TYPE, "key",
			    TYPE_STRING);
			continue;
		}
		if (p->known < 0)
			warn_unknown_key(c, p->key, names, nnames);
		if (p->first != NULL)
			bp_diag(c->d, p->key->pos, BP_E_DUPLICATE_KEY,
			    shown_node(c, p->key), (unsigned)p->first->pos.line);
	}
}

/* The mapping's entries with their keys checked: non-string keys are
 * errors, unknown keys warnings, and duplicates errors; only the first of
 * duplicates and string keys are left without `skip`. */
static struct fm_pair *
mapping_pairs(struct fm_ctx *c, const struct fm_node *map,
    const char *const *names, size_t nnames, size_t *npairs)
{
	struct fm_pair *pairs;
	const struct fm_node *k;
	size_t n = 0;

	pairs = bp_arena_alloc(c->scratch, (map->n / 2 + 1) * sizeof(*pairs));
	for (k = map->child; k != NULL && k->next != NULL; k = k->next->next) {
		struct fm_pair *p = &pairs[n++];
		p->key = k;
		p->value = k->next;
		p->known = -1;
		if (k->invalid || k->kind != FM_SCALAR)
			p->skip = true;
		else
			p->known = key_index(k, names, nnames);
	}
	mark_duplicates(c, pairs, n);
	report_keys(c, pairs, n, names, nnames);
	*npairs = n;
	return pairs;
}

/* ---- the top-level keys ---- */

static void
set_text(struct fm_ctx *c, const struct fm_pair *p, bool required,
    struct bp_text *out)
{
	const char *name = top_keys[p->known];
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, name, TYPE_STRING, required);
	if (v != NULL)
		inline_string(c, v, out);
}

static bool
is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

static bool
digits_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
number_at(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Parses YYYY-MM-DD; returns NULL, or why the text is not a date. */
static const char *
parse_date(struct fm_ctx *c, const char *s, size_t len,
    struct bp_date *out)
{
	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, 4) ||
	    !digits_at(s + 5, 2) || !digits_at(s + 8, 2))
		return "dates are written YYYY-MM-DD";
	out->year = number_at(s, 4);
	out->month = number_at(s + 5, 2);
	out->day = number_at(s + 8, 2);
	if (out->year == 0)
		return "there is no year 0";
	if (out->month < 1 || out->month > 12)
		return bp_arena_printf(c->scratch, "there is no month %d",
		    out->month);
	if (out->day < 1 || out->day > days_in_month(out->year, out->month))
		return bp_arena_printf(c->scratch, "%s %d has %d days",
		    bp_labels_for("en")->text[BP_LABEL_JANUARY +
		    out->month - 1], out->year,
		    days_in_month(out->year, out->month));
	return NULL;
}

static void
set_meeting(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct fm_node *v;
	const char *why;

	v = string_value(c, p->key, p->value, top_keys[KEY_MEETING],
	    TYPE_DATE, false);
	if (v == NULL)
		return;
	why = parse_date(c, v->text, v->len, &meta->meeting);
	if (why != NULL) {
		bp_diag(c->d, v->pos, BP_E_DATE, shown_node(c, v), why);
		memset(&meta->meeting, 0, sizeof(meta->meeting));
		return;
	}
	meta->has_meeting = true; /* resolve writes it as text */
}

static void
set_item(struct fm_ctx *c, const struct fm_pair *p)
{
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, top_keys[KEY_ITEM], TYPE_ITEM,
	    false);
	if (v != NULL)
		c->paper->meta.item = plain_string(c, v);
}

/* YAML 1.1 reads these as booleans; as a reason they are surely a
 * mistake, and guessing either way could withhold or publish a paper. */
static bool
is_yaml11_boolean(const struct fm_node *v)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF"
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (scalar_is(v, words[i]))
			return v->plain;
	return false;
}

static void
set_confidential(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, top_keys[KEY_CONFIDENTIAL],
	    TYPE_CONFIDENTIAL, false);
	if (v == NULL)
		return;
	if (v->plain && (scalar_is(v, "true") || scalar_is(v, "True") ||
	    scalar_is(v, "TRUE"))) {
		meta->confidential = true;
	} else if (v->plain && (scalar_is(v, "false") ||
	    scalar_is(v, "False") || scalar_is(v, "FALSE"))) {
		meta->confidential = false;
	} else if (is_yaml11_boolean(v)) {
		bp_diag(c->d, v->pos, BP_E_TYPE, top_keys[KEY_CONFIDENTIAL],
		    TYPE_CONFIDENTIAL);
	} else {
		meta->confidential = true;
		inline_string(c, v, &meta->confidential_reason);
	}
}

static void
set_single_recommendation(struct fm_ctx *c, const struct fm_node *v)
{
	struct bp_meta *meta = &c->paper->meta;

	meta->recommendations = bp_arena_alloc(c->paper->arena,
	    sizeof(*meta->recommendations));
	inline_string(c, v, &meta->recommendations[0]);
	meta->nrecommendations = 1;
	meta->recommendations_list = false;
}

static void
set_recommendation(struct fm_ctx *c, const struct fm_pair *p)
{
	const struct fm_node *v;

	v = string_value(c, p->key, p->value,
	    top_keys[KEY_RECOMMENDATION], TYPE_STRING, true);
	if (v != NULL)
		set_single_recommendation(c, v);
}

/* Reads a list of strings into texts allocated in the paper; items that
 * are not strings are reported and left out. */
static struct bp_text *
string_list(struct fm_ctx *c, const struct fm_node *seq, const char *name,
    const char *type, size_t *n)
{
	struct bp_text *texts;
	const struct fm_node *item;

	texts = bp_arena_alloc(c->paper->arena,
	    (seq->n ? seq->n : 1) * sizeof(*texts));
	*n = 0;
	for (item = seq->child; item != NULL; item = item->next) {
		const struct fm_node *v;
		v = string_value(c, item, item, name, type, true);
		if (v != NULL)
			inline_string(c, v, &texts[(*n)++]);
	}
	return texts;
}

static void
set_recommendations(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const char *name = top_keys[KEY_RECOMMENDATIONS];
	const struct fm_node *v = p->value;

	if (v->kind != FM_SEQUENCE) {
		v = string_value(c, p->key, v, name, TYPE_STRINGS, true);
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
set_email(struct fm_ctx *c, const struct fm_node *v, struct bp_contact *out)
{
	const char *email = plain_string(c, v);
	const char *at = strchr(email, '@');

	if (at == NULL || at == email || at[1] == '\0') {
		bp_diag(c->d, v->pos, BP_E_EMAIL, shown(c, email,
		    strlen(email)));
		return;
	}
	out->email = email;
}

static void
set_contact_field(struct fm_ctx *c, const struct fm_pair *p,
    struct bp_contact *out)
{
	const char *name = contact_keys[p->known];
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, name, TYPE_STRING,
	    p->known == CONTACT_NAME);
	if (v == NULL)
		return;
	switch (p->known) {
	case CONTACT_NAME:
		out->name = plain_string(c, v);
		break;
	case CONTACT_POSITION:
		out->position = plain_string(c, v);
		break;
	case CONTACT_PHONE:
		out->phone = plain_string(c, v);
		break;
	case CONTACT_EMAIL:
		set_email(c, v, out);
		break;
	}
}

/* Fills one contact from a mapping; false when it has no usable name. */
static bool
read_contact(struct fm_ctx *c, const struct fm_node *map,
    struct bp_contact *out)
{
	struct fm_pair *pairs;
	size_t n, i;
	bool has_name_key = false;

	memset(out, 0, sizeof(*out));
	out->pos = map->pos;
	pairs = mapping_pairs(c, map, contact_keys, CONTACT__MAX, &n);
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
set_contact_list(struct fm_ctx *c, const struct fm_node *seq)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct fm_node *item;

	if (seq->n == 0 && seq->complete)
		bp_diag(c->d, seq->pos, BP_E_EMPTY_VALUE,
		    top_keys[KEY_CONTACT]);
	meta->contacts = bp_arena_alloc(c->paper->arena,
	    (seq->n ? seq->n : 1) * sizeof(*meta->contacts));
	for (item = seq->child; item != NULL; item = item->next) {
		if (item->invalid)
			continue;
		if (item->kind != FM_MAPPING) {
			bp_diag(c->d, item->pos, BP_E_TYPE,
			    top_keys[KEY_CONTACT], TYPE_CONTACT);
			continue;
		}
		if (read_contact(c, item, &meta->contacts[meta->ncontacts]))
			meta->ncontacts++;
	}
}

static void
set_contact(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct fm_node *v = p->value;

	if (v->invalid)
		return;
	if (v->kind == FM_SEQUENCE) {
		set_contact_list(c, v);
	} else if (v->kind == FM_MAPPING) {
		meta->contacts = bp_arena_alloc(c->paper->arena,
		    sizeof(*meta->contacts));
		if (read_contact(c, v, &meta->contacts[0]))
			meta->ncontacts = 1;
	} else if (is_blank(v)) {
		bp_diag(c->d, value_pos(p->key, v), BP_E_EMPTY_VALUE,
		    top_keys[KEY_CONTACT]);
	} else {
		bp_diag(c->d, v->pos, BP_E_TYPE, top_keys[KEY_CONTACT],
		    TYPE_CONTACT);
	}
}

static void
set_numbering(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, top_keys[KEY_NUMBERING],
	    TYPE_NUMBERING, false);
	if (v == NULL)
		return;
	if (scalar_is(v, "continuous"))
		meta->numbering = BP_NUMBERING_CONTINUOUS;
	else if (scalar_is(v, "sections"))
		meta->numbering = BP_NUMBERING_SECTIONS;
	else if (scalar_is(v, "none"))
		meta->numbering = BP_NUMBERING_NONE;
	else
		bp_diag(c->d, v->pos, BP_E_NUMBERING, shown_node(c, v));
}

static bool
is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool
is_alnum(char ch)
{
	return is_alpha(ch) || (ch >= '0' && ch <= '9');
}

/* The shape of a BCP 47 tag: a primary subtag of 2-8 letters, then
 * subtags of 1-8 letters or digits, joined by '-'. */
static bool
is_language_tag(const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len && is_alpha(s[i]))
		i++;
	if (i < 2 || i > 8)
		return false;
	while (i < len) {
		if (s[i++] != '-')
			return false;
		start = i;
		while (i < len && is_alnum(s[i]))
			i++;
		if (i == start || i - start > 8)
			return false;
	}
	return true;
}

static void
set_lang(struct fm_ctx *c, const struct fm_pair *p)
{
	const struct fm_node *v;

	v = string_value(c, p->key, p->value, top_keys[KEY_LANG], TYPE_STRING,
	    false);
	if (v == NULL)
		return;
	if (!is_language_tag(v->text, v->len)) {
		bp_diag(c->d, v->pos, BP_E_LANG, shown_node(c, v));
		return;
	}
	c->paper->meta.lang = plain_string(c, v);
}

static void
set_background_papers(struct fm_ctx *c, const struct fm_pair *p)
{
	struct bp_meta *meta = &c->paper->meta;
	const char *name = top_keys[KEY_BACKGROUND_PAPERS];
	const struct fm_node *v = p->value;

	if (v->invalid)
		return;
	if (v->kind == FM_MAPPING) {
		bp_diag(c->d, v->pos, BP_E_TYPE, name, TYPE_LIST);
		return;
	}
	/* an empty value says there are none: the paper prints "None" */
	meta->has_background_papers = true;
	if (v->kind == FM_SEQUENCE) {
		meta->background_papers = string_list(c, v, name, TYPE_LIST,
		    &meta->nbackground_papers);
	} else if (!is_blank(v)) {
		meta->background_papers = bp_arena_alloc(c->paper->arena,
		    sizeof(*meta->background_papers));
		inline_string(c, v, &meta->background_papers[0]);
		meta->nbackground_papers = 1;
	}
}

static void
set_top_key(struct fm_ctx *c, const struct fm_pair *p)
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
refuse_both_recommendation_keys(struct fm_ctx *c, struct fm_pair *pairs,
    size_t n)
{
	struct fm_pair *first = NULL;

	for (size_t i = 0; i < n; i++) {
		struct fm_pair *p = &pairs[i];
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
			bp_diag(c->d, top_pos(c), BP_E_MISSING_KEY,
			    top_keys[k]);
		if (k == KEY_SUMMARY && !seen[KEY_RECOMMENDATION] &&
		    !seen[KEY_RECOMMENDATIONS])
			bp_diag(c->d, top_pos(c), BP_E_MISSING_KEY,
			    top_keys[KEY_RECOMMENDATION]);
	}
}

static void
check_top_mapping(struct fm_ctx *c, const struct fm_node *map)
{
	bool seen[KEY__MAX] = { false };
	struct fm_pair *pairs;
	size_t n;

	pairs = mapping_pairs(c, map, top_keys, KEY__MAX, &n);
	refuse_both_recommendation_keys(c, pairs, n);
	for (size_t i = 0; i < n; i++) {
		if (pairs[i].skip || pairs[i].known < 0)
			continue;
		seen[pairs[i].known] = true;
		set_top_key(c, &pairs[i]);
	}
	if (map->complete && !c->yaml_failed)
		report_missing_keys(c, seen);
}

static void
check_document(struct fm_ctx *c, const struct fm_node *root)
{
	bool no_keys[KEY__MAX] = { false };

	if (root == NULL || is_null(root)) {
		if (!c->yaml_failed)
			report_missing_keys(c, no_keys);
	} else if (root->invalid) {
		return;
	} else if (root->kind == FM_SCALAR && c->yaml_failed) {
		return; /* text cut short by a YAML error: that is the news */
	} else if (root->kind != FM_MAPPING) {
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
	struct fm_builder b;

	memset(&c, 0, sizeof(c));
	c.paper = paper;
	c.d = d;
	c.scratch = bp_arena_new();
	c.yaml = yaml;
	c.len = len;
	c.first_line = first_line;
	memset(&b, 0, sizeof(b));
	b.doc.kind = FM_SEQUENCE;
	b.open = &b.doc;

	paper->meta.numbering = BP_NUMBERING_CONTINUOUS;
	paper->meta.lang = bp_arena_strdup(paper->arena, "en-GB");
	read_events(&c, &b);
	check_document(&c, b.doc.child);
	bp_arena_free(c.scratch);
}
