/* The safe YAML tree of src/parse/yamltree.h: libyaml's events into a private
 * tree, with anchors, aliases, tags and deep nesting refused, duplicate
 * and unknown keys reported, and positions as file lines and columns. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "internal.h"
#include "yamltree.h"

/*
 * Nesting is counted through the levels whose children are not kept, and
 * reading stops past BP_MAX_DEPTH: libyaml's scanner does work
 * proportional to the flow nesting for every token, so hostile nesting
 * would otherwise take quadratic time.  Checks that need a collection to
 * be whole (missing keys, empty lists) skip one cut short by an error:
 * `complete` says which.
 */

struct builder {
	struct bp_yaml_node doc; /* its one child is the document's root */
	struct bp_yaml_node *open; /* innermost collection whose children
	                            * we keep */
	unsigned open_depth;  /* nesting of `open`; doc is 0 */
	unsigned depth;       /* collections open, skipped ones included */
	unsigned documents;
	bool too_deep;        /* reported; no more events are read */
	bp_yaml_keep_fn keep;
};

/* Longest text of the input quoted in a message, in bytes. */
#define SHOWN_MAX 60
#define TYPE_STRING "a string"

/* ---- positions ---- */

static void
cursor_step(struct bp_yaml *y)
{
	struct bp_yaml_cursor *k = &y->cursor;
	size_t w = bp_utf8_len(y->text + k->byte, y->len - k->byte);

	if (y->text[k->byte] == '\n') {
		k->line++;
		k->line_start = k->byte + 1;
	}
	k->byte = k->byte + w < y->len ? k->byte + w : y->len;
	k->chars++;
}

static struct bp_pos
cursor_pos(const struct bp_yaml *y)
{
	struct bp_pos pos;

	pos.line = y->first_line + y->cursor.line;
	pos.col = (uint32_t)(y->cursor.byte - y->cursor.line_start + 1);
	return pos;
}

/* Position of a libyaml mark (its index counts characters). */
static struct bp_pos
mark_pos(struct bp_yaml *y, yaml_mark_t mark)
{
	if (mark.index < y->cursor.chars)
		memset(&y->cursor, 0, sizeof(y->cursor));
	while (y->cursor.chars < mark.index && y->cursor.byte < y->len)
		cursor_step(y);
	return cursor_pos(y);
}

/* Position of a byte offset (libyaml's reader errors give those). */
static struct bp_pos
offset_pos(struct bp_yaml *y, size_t offset)
{
	if (offset < y->cursor.byte)
		memset(&y->cursor, 0, sizeof(y->cursor));
	while (y->cursor.byte < offset && y->cursor.byte < y->len)
		cursor_step(y);
	return cursor_pos(y);
}

/* The text made safe for a one-line message: control characters escaped,
 * and cut short (at a character boundary) when long. */
const char *
bp_yaml_shown(struct bp_yaml *y, const char *s, size_t len)
{
	char *out = bp_arena_alloc(y->arena, SHOWN_MAX * 4 + 8);
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

const char *
bp_yaml_shown_node(struct bp_yaml *y, const struct bp_yaml_node *n)
{
	return bp_yaml_shown(y, n->text, n->len);
}

/* ---- building the tree from events ---- */

static void
report_anchor_and_tag(struct bp_yaml *y, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	/* Any tag written in the source is refused, even the bare "!" that
	 * libyaml calls implicit: only plain YAML is accepted. */
	if (anchor != NULL)
		bp_diag(y->d, mark_pos(y, ev->start_mark), BP_E_ALIAS);
	if (tag != NULL)
		bp_diag(y->d, mark_pos(y, ev->start_mark), BP_E_TAG);
}

static struct bp_yaml_node *
append_node(struct bp_yaml *y, struct builder *b, enum bp_yaml_kind kind,
    yaml_mark_t mark)
{
	struct bp_yaml_node *n = bp_arena_alloc(y->arena, sizeof(*n));
	struct bp_yaml_node *parent = b->open;

	n->kind = kind;
	n->pos = mark_pos(y, mark);
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

bool
bp_yaml_scalar_is(const struct bp_yaml_node *n, const char *s)
{
	return n != NULL && n->kind == BP_YAML_SCALAR && n->len == strlen(s) &&
	    memcmp(n->text, s, n->len) == 0;
}

static void
on_collection_start(struct bp_yaml *y, struct builder *b,
    const yaml_event_t *ev, enum bp_yaml_kind kind)
{
	const struct bp_yaml_node *key = NULL;
	struct bp_yaml_node *n;
	bool direct_child = b->depth == b->open_depth;

	if (kind == BP_YAML_MAPPING)
		report_anchor_and_tag(y, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
	else
		report_anchor_and_tag(y, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
	b->depth++;
	if (b->depth > BP_MAX_DEPTH) {
		b->too_deep = true; /* and stop reading: see the top */
		bp_diag(y->d, mark_pos(y, ev->start_mark), BP_E_TOO_DEEP,
		    (int)BP_MAX_DEPTH);
		return;
	}
	if (!direct_child)
		return; /* inside a collection nobody checks */
	if (b->open->kind == BP_YAML_MAPPING && b->open->n % 2 == 1)
		key = b->open->last;
	n = append_node(y, b, kind, ev->start_mark);
	if (b->keep(b->depth, b->open, key, kind)) {
		b->open = n;
		b->open_depth = b->depth;
	}
}

static void
on_collection_end(struct builder *b)
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

static bool
is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7F && cp <= 0x9F);
}

/* The code point of the escape after a backslash at s[0] (s[-1] is the
 * backslash), its length in *n; 0x20 (no control) for the others. */
static uint32_t
escape_value(const char *s, size_t len, size_t *n)
{
	size_t digits;
	uint32_t cp = 0;

	*n = 1;
	switch (len > 0 ? s[0] : ' ') {
	case '0': return 0x00;
	case 'a': return 0x07;
	case 'b': return 0x08;
	case 'v': return 0x0B;
	case 'f': return 0x0C;
	case 'e': return 0x1B;
	case 'N': return 0x85;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default: return 0x20;
	}
	if (len <= digits)
		return 0x20;
	for (size_t i = 1; i <= digits; i++) {
		char c = s[i];
		uint32_t v = c >= '0' && c <= '9' ? (uint32_t)(c - '0') :
		    (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ?
		    (uint32_t)((c | 0x20) - 'a' + 10) : 99;
		if (v == 99)
			return 0x20;
		cp = cp << 4 | v;
	}
	*n = 1 + digits;
	return cp;
}

/* Reports each control-character escape (with `controls`) or each
 * noncharacter escape ("\uFDD0", a warning, as one typed in the file is)
 * of the double-quoted scalar that starts (at its quote) at byte `at`,
 * `pos` in the file, at the escape's own column; false when there was
 * none to be found. */
static bool
report_escapes(struct bp_yaml *y, size_t at, struct bp_pos pos,
    bool controls)
{
	bool found = false;

	if (at >= y->len || y->text[at] != '"')
		return false;
	pos.col++; /* past the quote */
	for (size_t i = at + 1; i < y->len && y->text[i] != '"';) {
		size_t n = 1;
		if (y->text[i] == '\n') {
			pos.line++;
			pos.col = 1;
			i++;
			continue;
		}
		if (y->text[i] == '\\' && i + 1 < y->len) {
			uint32_t cp = escape_value(y->text + i + 1,
			    y->len - i - 1, &n);
			if (controls && is_control(cp)) {
				bp_diag(y->d, pos, BP_E_CONTROL_ESCAPE,
				    (unsigned)cp);
				found = true;
			} else if (!controls && bp_is_noncharacter(cp)) {
				bp_diag(y->d, pos, BP_W_NONCHARACTER,
				    (unsigned)cp);
				found = true;
			}
			if (y->text[i + 1] == '\n') {
				/* an escaped line break */
				pos.line++;
				pos.col = 1;
				i += 2;
				continue;
			}
			n++;
		}
		i += n;
		pos.col += (uint32_t)n; /* bytes: the column map counts them */
	}
	return found;
}

/* The source itself has no control character (checked before parsing),
 * so one in a scalar was written as an escape: "\e", "\0", "\x9b", each
 * reported where it is written. */
static void
refuse_escaped_controls(struct bp_yaml *y, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	struct bp_pos pos;
	uint32_t cp;

	if (bp_find_control((const char *)ev->data.scalar.value, len, &cp) ==
	    len)
		return;
	pos = mark_pos(y, ev->start_mark);
	if (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
	    !report_escapes(y, y->cursor.byte, pos, true))
		bp_diag(y->d, pos, BP_E_CONTROL_ESCAPE, (unsigned)cp);
}

/* Whether `s` has a noncharacter. */
static bool
has_noncharacter(const char *s, size_t len)
{
	size_t n;

	for (size_t i = 0; i < len; i += n)
		if (bp_is_noncharacter(bp_utf8_decode(s + i, len - i, &n)))
			return true;
	return false;
}

/* The file's own noncharacters were warned of where they are typed; one
 * in a double-quoted scalar that is not in the file was written as an
 * escape such as "\uFDD0": warned of at its backslash. */
static void
warn_escaped_noncharacters(struct bp_yaml *y, const yaml_event_t *ev)
{
	struct bp_pos pos;

	if (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
	    !has_noncharacter((const char *)ev->data.scalar.value,
	    ev->data.scalar.length))
		return;
	pos = mark_pos(y, ev->start_mark);
	(void)report_escapes(y, y->cursor.byte, pos, false);
}

static void
on_scalar(struct bp_yaml *y, struct builder *b, const yaml_event_t *ev)
{
	struct bp_yaml_node *n;

	report_anchor_and_tag(y, ev, ev->data.scalar.anchor,
	    ev->data.scalar.tag);
	refuse_escaped_controls(y, ev);
	warn_escaped_noncharacters(y, ev);
	if (b->depth != b->open_depth)
		return;
	n = append_node(y, b, BP_YAML_SCALAR, ev->start_mark);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->len = ev->data.scalar.length;
	n->text = bp_arena_strndup(y->arena,
	    (const char *)ev->data.scalar.value, n->len);
	n->src = y->text + y->cursor.byte; /* append_node went to its start */
	(void)mark_pos(y, ev->end_mark);
	n->src_len = (size_t)(y->text + y->cursor.byte - n->src);
	n->complete = true;
}

static void
on_alias(struct bp_yaml *y, struct builder *b, const yaml_event_t *ev)
{
	struct bp_yaml_node *n;

	bp_diag(y->d, mark_pos(y, ev->start_mark), BP_E_ALIAS);
	if (b->depth != b->open_depth)
		return;
	n = append_node(y, b, BP_YAML_SCALAR, ev->start_mark);
	n->invalid = true; /* never expanded, never checked */
}

/* Returns false when no more events should be read. */
static bool
on_event(struct bp_yaml *y, struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->documents++ == 0)
			return true;
		bp_diag(y->d, mark_pos(y, ev->start_mark), BP_E_YAML,
		    bp_arena_printf(y->arena, "%s must be a single YAML "
		    "document", y->what));
		y->failed = true;
		return false;
	case YAML_SCALAR_EVENT:
		on_scalar(y, b, ev);
		return true;
	case YAML_ALIAS_EVENT:
		on_alias(y, b, ev);
		return true;
	case YAML_SEQUENCE_START_EVENT:
		on_collection_start(y, b, ev, BP_YAML_SEQUENCE);
		return true;
	case YAML_MAPPING_START_EVENT:
		on_collection_start(y, b, ev, BP_YAML_MAPPING);
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

/* A problem found while reading something that began on an earlier line
 * (a quoted scalar never closed, a flow sequence never ended) is reported
 * where that thing began, as a compiler reports an unterminated string at
 * its opening quote, with the line where libyaml gave up. */
static void
report_in_context(struct bp_yaml *y, const yaml_parser_t *p,
    const char *problem, struct bp_pos at)
{
	struct bp_pos began = mark_pos(y, p->context_mark);

	if (began.line < at.line)
		bp_diag(y->d, began, BP_E_YAML, bp_arena_printf(y->arena,
		    "%s (line %u) %s that starts here", problem,
		    (unsigned)at.line, p->context));
	else
		bp_diag(y->d, at, BP_E_YAML, bp_arena_printf(y->arena,
		    "%s %s", problem, p->context));
}

static void
report_yaml_error(struct bp_yaml *y, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "out of memory";
	struct bp_pos pos;

	if (p->error == YAML_READER_ERROR)
		pos = offset_pos(y, p->problem_offset);
	else
		pos = mark_pos(y, p->problem_mark);
	y->failed = true;
	if (y->cursor.byte < y->len && y->text[y->cursor.byte] == '\t' &&
	    p->error == YAML_SCANNER_ERROR) {
		bp_diag(y->d, pos, BP_E_YAML,
		    "tabs cannot be used for indentation; use spaces");
	} else if (p->context != NULL) {
		report_in_context(y, p, problem, pos);
	} else {
		bp_diag(y->d, pos, BP_E_YAML, problem);
	}
}

static void
read_events(struct bp_yaml *y, struct builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool more = true;

	if (!yaml_parser_initialize(&parser)) {
		bp_diag(y->d, bp_yaml_top_pos(y), BP_E_YAML, "out of memory");
		y->failed = true;
		return;
	}
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)y->text,
	    y->len);
	while (more) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(y, &parser);
			break;
		}
		more = on_event(y, b, &ev) && !b->too_deep;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
}

/* ---- scalars ---- */

bool
bp_yaml_is_null(const struct bp_yaml_node *n)
{
	return n->kind == BP_YAML_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
	    strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0);
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Null, or a string of nothing but white space. */
bool
bp_yaml_is_blank(const struct bp_yaml_node *n)
{
	if (bp_yaml_is_null(n))
		return true;
	for (size_t i = 0; i < n->len; i++)
		if (!is_space(n->text[i]))
			return false;
	return true;
}

/* Where to report a problem with a value: an omitted value has no
 * position of its own (libyaml puts it after the colon), so use the key's. */
struct bp_pos
bp_yaml_value_pos(const struct bp_yaml_node *key, const struct bp_yaml_node *value)
{
	return value->kind == BP_YAML_SCALAR && value->plain && value->len == 0 ?
	    key->pos : value->pos;
}

/* The value when it is a non-blank scalar; otherwise NULL, after saying why
 * when it is the wrong type, or blank and `required`. */
const struct bp_yaml_node *
bp_yaml_string(struct bp_yaml *y, const struct bp_yaml_node *key,
    const struct bp_yaml_node *value, const char *name, const char *type,
    bool required)
{
	if (value->invalid)
		return NULL;
	if (value->kind != BP_YAML_SCALAR) {
		bp_diag(y->d, value->pos, BP_E_TYPE, name, type);
		return NULL;
	}
	if (bp_yaml_is_blank(value)) {
		if (required)
			bp_diag(y->d, bp_yaml_value_pos(key, value), BP_E_EMPTY_VALUE,
			    name);
		return NULL;
	}
	return value;
}

/* A plain (not Markdown) string owned by the paper, white space trimmed. */
const char *
bp_yaml_plain(struct bp_arena *arena, const struct bp_yaml_node *n)
{
	size_t start = 0, end = n->len;

	while (start < end && is_space(n->text[start]))
		start++;
	while (end > start && is_space(n->text[end - 1]))
		end--;
	return bp_arena_strndup(arena, n->text + start,
	    end - start);
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
key_index(const struct bp_yaml_node *key, const char *const *names,
    size_t nnames)
{
	for (size_t i = 0; i < nnames; i++)
		if (bp_yaml_scalar_is(key, names[i]))
			return (int)i;
	return -1;
}

static void
warn_unknown_key(struct bp_yaml *y, const struct bp_yaml_node *key,
    const char *const *names, size_t nnames)
{
	const char *near = nearest_key(key->text, key->len, names, nnames);

	if (near != NULL)
		bp_diag(y->d, key->pos, BP_W_UNKNOWN_KEY_NEAR,
		    bp_yaml_shown_node(y, key), near);
	else
		bp_diag(y->d, key->pos, BP_W_UNKNOWN_KEY, bp_yaml_shown_node(y, key));
}

/* Orders pairs by key text, then by position in the mapping. */
static int
compare_pairs(const void *pa, const void *pb)
{
	const struct bp_yaml_pair *a = *(const struct bp_yaml_pair *const *)pa;
	const struct bp_yaml_pair *b = *(const struct bp_yaml_pair *const *)pb;
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
mark_duplicates(struct bp_yaml *y, struct bp_yaml_pair *pairs, size_t n)
{
	struct bp_yaml_pair **sorted;
	size_t i, m = 0, first = 0;

	sorted = bp_arena_alloc(y->arena, (n ? n : 1) * sizeof(*sorted));
	for (i = 0; i < n; i++)
		if (!pairs[i].skip)
			sorted[m++] = &pairs[i];
	qsort(sorted, m, sizeof(*sorted), compare_pairs);
	for (i = 1; i < m; i++) {
		const struct bp_yaml_node *a = sorted[first]->key;
		const struct bp_yaml_node *b = sorted[i]->key;
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
report_keys(struct bp_yaml *y, const struct bp_yaml_pair *pairs, size_t n,
    const char *const *names, size_t nnames)
{
	for (size_t i = 0; i < n; i++) {
		const struct bp_yaml_pair *p = &pairs[i];
		if (p->key->invalid)
			continue;
		if (p->key->kind != BP_YAML_SCALAR) {
			bp_diag(y->d, p->key->pos, BP_E_TYPE, "key",
			    TYPE_STRING);
			continue;
		}
		if (p->known < 0)
			warn_unknown_key(y, p->key, names, nnames);
		if (p->first != NULL)
			bp_diag(y->d, p->key->pos, BP_E_DUPLICATE_KEY,
			    bp_yaml_shown_node(y, p->key), (unsigned)p->first->pos.line);
	}
}

/* The mapping's entries with their keys checked: non-string keys are
 * errors, unknown keys warnings, and duplicates errors; only the first of
 * duplicates and string keys are left without `skip`. */
struct bp_yaml_pair *
bp_yaml_pairs(struct bp_yaml *y, const struct bp_yaml_node *map,
    const char *const *names, size_t nnames, size_t *npairs)
{
	struct bp_yaml_pair *pairs;
	const struct bp_yaml_node *k;
	size_t n = 0;

	pairs = bp_arena_alloc(y->arena, (map->n / 2 + 1) * sizeof(*pairs));
	for (k = map->child; k != NULL && k->next != NULL; k = k->next->next) {
		struct bp_yaml_pair *p = &pairs[n++];
		p->key = k;
		p->value = k->next;
		p->known = -1;
		if (k->invalid || k->kind != BP_YAML_SCALAR)
			p->skip = true;
		else
			p->known = key_index(k, names, nnames);
	}
	mark_duplicates(y, pairs, n);
	report_keys(y, pairs, n, names, nnames);
	*npairs = n;
	return pairs;
}

/* ---- typed scalars ---- */

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
const char *
bp_yaml_date(struct bp_yaml *y, const struct bp_yaml_node *n,
    struct bp_date *out)
{
	const char *s = n->text;
	size_t len = n->len;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, 4) ||
	    !digits_at(s + 5, 2) || !digits_at(s + 8, 2))
		return "dates are written YYYY-MM-DD";
	out->year = number_at(s, 4);
	out->month = number_at(s + 5, 2);
	out->day = number_at(s + 8, 2);
	if (out->year == 0)
		return "there is no year 0";
	if (out->month < 1 || out->month > 12)
		return bp_arena_printf(y->arena, "there is no month %d",
		    out->month);
	if (out->day < 1 || out->day > days_in_month(out->year, out->month))
		return bp_arena_printf(y->arena, "%s %d has %d days",
		    bp_labels_for("en")->text[BP_LABEL_JANUARY +
		    out->month - 1], out->year,
		    days_in_month(out->year, out->month));
	return NULL;
}

/* YAML 1.1 reads these as booleans; as a reason they are surely a
 * mistake, and guessing either way could withhold or publish a paper. */
bool
bp_yaml_is_yaml11_boolean(const struct bp_yaml_node *v)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF"
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (bp_yaml_scalar_is(v, words[i]))
			return v->plain;
	return false;
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
bool
bp_yaml_is_language_tag(const char *s, size_t len)
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

bool
bp_yaml_boolean(const struct bp_yaml_node *n, bool *out)
{
	static const char *const words[] = { "true", "True", "TRUE", "false",
		"False", "FALSE" };

	for (size_t i = 0; n->plain && i < sizeof(words) / sizeof(words[0]);
	    i++)
		if (bp_yaml_scalar_is(n, words[i])) {
			*out = i < 3;
			return true;
		}
	return false;
}

const char *
bp_yaml_time(const struct bp_yaml_node *n, int *hour, int *minute)
{
	const char *s = n->text;

	if (n->len != 5 || s[2] != ':' || !digits_at(s, 2) ||
	    !digits_at(s + 3, 2))
		return "times are written HH:MM, as \"14:30\"";
	if (number_at(s, 2) > 23 || number_at(s + 3, 2) > 59)
		return "hours run 00-23 and minutes 00-59";
	*hour = number_at(s, 2);
	*minute = number_at(s + 3, 2);
	return NULL;
}

/* ---- the reader ---- */

struct bp_pos
bp_yaml_top_pos(const struct bp_yaml *y)
{
	struct bp_pos pos = { y->first_line > 0 ? y->first_line - 1 : 0, 1 };

	if (pos.line == 0)
		pos.col = 0;
	return pos;
}

size_t
bp_yaml_bom_len(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

struct bp_yaml *
bp_yaml_read(const char *what, const char *text, size_t len,
    unsigned first_line, bp_yaml_keep_fn keep, struct bp_diags *d)
{
	struct bp_yaml *y = bp_xcalloc(1, sizeof(*y));
	struct builder b;

	y->what = what;
	y->d = d;
	y->arena = bp_arena_new();
	y->text = text;
	y->len = len;
	y->first_line = first_line;
	memset(&b, 0, sizeof(b));
	b.doc.kind = BP_YAML_SEQUENCE;
	b.open = &b.doc;
	b.keep = keep;
	read_events(y, &b);
	if (b.doc.child != NULL)
		b.doc.child->parent = NULL; /* not the builder's, gone now */
	y->root = b.doc.child;
	return y;
}

void
bp_yaml_free(struct bp_yaml *y)
{
	if (y == NULL)
		return;
	bp_arena_free(y->arena);
	free(y);
}
