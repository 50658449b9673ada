/* Reads a meeting file through the shared YAML tree, compiles every paper
 * it names, and builds the pack model, deciding exemption once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/labels.h"
#include "boardpaper/pack.h"
#include "boardpaper/style.h"
#include "file.h"
#include "internal.h"
#include "yamltree.h"

enum meeting_key {
	MK_BOARD,
	MK_MEETING,
	MK_TIME,
	MK_VENUE,
	MK_LANG,
	MK_ITEMS,
	MK__MAX
};

static const char *const meeting_keys[MK__MAX] = {
	[MK_BOARD] = "board",
	[MK_MEETING] = "meeting",
	[MK_TIME] = "time",
	[MK_VENUE] = "venue",
	[MK_LANG] = "lang",
	[MK_ITEMS] = "items",
};

enum item_key {
	IK_TITLE,
	IK_NOTE,
	IK_LEAD,
	IK_PAPER,
	IK_TO_FOLLOW,
	IK_ITEM,
	IK__MAX
};

static const char *const item_keys[IK__MAX] = {
	[IK_TITLE] = "title",
	[IK_NOTE] = "note",
	[IK_LEAD] = "lead",
	[IK_PAPER] = "paper",
	[IK_TO_FOLLOW] = "to_follow",
	[IK_ITEM] = "item",
};

#define TYPE_STRING "a string"
#define TYPE_DATE "a date (YYYY-MM-DD)"
#define TYPE_TIME "a time (HH:MM), quoted: \"11:00\""
#define TYPE_ITEMS "a list of agenda items"
#define TYPE_ITEM "a mapping with a title, a paper or to_follow"
#define TYPE_BOOL "true or false"
#define TYPE_NUMBER "a string or a number"

/* What one entry of `items` says, before its paper is read. */
struct entry {
	const char *title, *note, *lead, *paper, *number;
	bool to_follow;
	struct bp_pos pos, number_pos, paper_pos;
	bool has_file;         /* its paper is read: the file it is */
	dev_t dev;
	ino_t ino;
};

struct loader {
	struct bp_pack *pack;
	struct bp_yaml *y;
	struct bp_diags *d;
	const char *dir;       /* the meeting file's folder, "" for "." */
	const struct bp_house_style *style;
	struct entry *entries;
	size_t nentries;
	size_t inputs_cap;
	struct bp_pos meeting_pos; /* the meeting file's `meeting` value */
	const char *meeting_text;  /* its date in words, for warnings */
};

/* ---- reading files ---- */

static void
add_input(struct loader *l, const char *path)
{
	struct bp_pack *p = l->pack;

	if (p->ninputs == l->inputs_cap) {
		l->inputs_cap = l->inputs_cap ? l->inputs_cap * 2 : 16;
		p->inputs = bp_xreallocarray(p->inputs, l->inputs_cap,
		    sizeof(*p->inputs));
	}
	p->inputs[p->ninputs++] = bp_arena_strdup(p->arena, path);
}

/* `rel` read from the folder `dir` ("" for the current one). */
static char *
joined(struct bp_arena *a, const char *dir, const char *rel)
{
	if (rel[0] == '/' || dir[0] == '\0')
		return bp_arena_strdup(a, rel);
	return bp_arena_printf(a, "%s/%s", dir, rel);
}

/* ---- the meeting file's keys ---- */

static bool
keep_levels(unsigned depth, const struct bp_yaml_node *parent,
	const struct bp_yaml_node *key, enum bp_yaml_kind kind)
{
	switch (depth) {
	case 1: /* the top mapping */
		return true;
	case 2: /* the list of items */
		return parent->kind == BP_YAML_MAPPING &&
		    bp_yaml_scalar_is(key, meeting_keys[MK_ITEMS]);
	case 3: /* an item */
		return parent->kind == BP_YAML_SEQUENCE &&
		    kind == BP_YAML_MAPPING;
	default:
		return false;
	}
}

static const char *
plain_value(struct loader *l, const struct bp_yaml_pair *p,
	const char *name, const char *type)
{
	const struct bp_yaml_node *v = bp_yaml_string(l->y, p->key, p->value,
	    name, type, false);

	return v ? bp_yaml_plain(l->pack->arena, v) : NULL;
}

static void
set_meeting_date(struct loader *l, const struct bp_yaml_pair *p)
{
	struct bp_pack *pk = l->pack;
	const struct bp_yaml_node *v = bp_yaml_string(l->y, p->key, p->value,
	    meeting_keys[MK_MEETING], TYPE_DATE, false);
	const char *why;

	if (v == NULL)
		return;
	if ((why = bp_yaml_date(l->y, v, &pk->meeting)) != NULL) {
		bp_diag(l->d, v->pos, BP_E_DATE, bp_yaml_shown_node(l->y, v),
		    why);
		return;
	}
	pk->has_meeting = true;
	l->meeting_pos = v->pos;
}

static void
set_time(struct loader *l, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *v = bp_yaml_string(l->y, p->key, p->value,
	    meeting_keys[MK_TIME], TYPE_TIME, false);
	const char *why;
	int h, m;

	if (v == NULL)
		return;
	/* YAML 1.1 reads an unquoted 11:00 as 660 (base 60); libyaml
	 * leaves it text, and so do we: either way it is HH:MM */
	if ((why = bp_yaml_time(v, &h, &m)) != NULL) {
		bp_diag(l->d, v->pos, BP_E_TIME, bp_yaml_shown_node(l->y, v),
		    why);
		return;
	}
	l->pack->time = bp_arena_printf(l->pack->arena, "%02d:%02d", h, m);
}

static void
set_lang(struct loader *l, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *v = bp_yaml_string(l->y, p->key, p->value,
	    meeting_keys[MK_LANG], TYPE_STRING, false);

	if (v == NULL)
		return;
	if (!bp_yaml_is_language_tag(v->text, v->len)) {
		bp_diag(l->d, v->pos, BP_E_LANG, bp_yaml_shown_node(l->y, v));
		return;
	}
	l->pack->lang = bp_yaml_plain(l->pack->arena, v);
}

static void
set_to_follow(struct loader *l, const struct bp_yaml_pair *p,
	struct entry *e)
{
	if (p->value->invalid)
		return;
	if (p->value->kind != BP_YAML_SCALAR ||
	    !bp_yaml_boolean(p->value, &e->to_follow))
		bp_diag(l->d, p->value->pos, BP_E_TYPE, item_keys[IK_TO_FOLLOW],
		    TYPE_BOOL);
}

static void
set_item_key(struct loader *l, const struct bp_yaml_pair *p,
	struct entry *e)
{
	switch ((enum item_key)p->known) {
	case IK_TITLE:
		e->title = plain_value(l, p, item_keys[IK_TITLE], TYPE_STRING);
		break;
	case IK_NOTE:
		e->note = plain_value(l, p, item_keys[IK_NOTE], TYPE_STRING);
		break;
	case IK_LEAD:
		e->lead = plain_value(l, p, item_keys[IK_LEAD], TYPE_STRING);
		break;
	case IK_PAPER:
		e->paper = plain_value(l, p, item_keys[IK_PAPER], TYPE_STRING);
		e->paper_pos = p->value->pos;
		break;
	case IK_TO_FOLLOW:
		set_to_follow(l, p, e);
		break;
	case IK_ITEM:
		e->number = plain_value(l, p, item_keys[IK_ITEM], TYPE_NUMBER);
		e->number_pos = p->value->pos;
		break;
	case IK__MAX:
		break;
	}
}

/* One entry of `items`; false when it is no agenda item at all. */
static bool
read_entry(struct loader *l, const struct bp_yaml_node *map, struct entry *e)
{
	struct bp_yaml_pair *pairs;
	bool invalid = false;
	size_t n;

	memset(e, 0, sizeof(*e));
	e->pos = map->pos;
	if (map->invalid)
		return false;
	if (map->kind != BP_YAML_MAPPING) {
		bp_diag(l->d, map->pos, BP_E_TYPE, meeting_keys[MK_ITEMS],
		    TYPE_ITEM);
		return false;
	}
	pairs = bp_yaml_pairs(l->y, map, item_keys, IK__MAX, &n);
	for (size_t i = 0; i < n; i++) {
		invalid |= pairs[i].value->invalid;
		if (!pairs[i].skip && pairs[i].known >= 0)
			set_item_key(l, &pairs[i], e);
	}
	if (e->title == NULL && e->paper == NULL && !e->to_follow) {
		/* an alias is reported already: say nothing more of it */
		if (map->complete && !invalid)
			bp_diag(l->d, map->pos, BP_E_ITEM_EMPTY);
		return false;
	}
	return true;
}

static void
read_items(struct loader *l, const struct bp_yaml_pair *p)
{
	const struct bp_yaml_node *seq = p->value;

	if (seq->invalid)
		return;
	if (seq->kind != BP_YAML_SEQUENCE) {
		bp_diag(l->d, bp_yaml_value_pos(p->key, seq), BP_E_TYPE,
		    meeting_keys[MK_ITEMS], TYPE_ITEMS);
		return;
	}
	if (seq->n == 0 && seq->complete)
		bp_diag(l->d, seq->pos, BP_E_EMPTY_VALUE,
		    meeting_keys[MK_ITEMS]);
	l->entries = bp_arena_alloc(l->pack->arena, (seq->n + 1) *
	    sizeof(*l->entries));
	for (const struct bp_yaml_node *it = seq->child; it; it = it->next)
		if (read_entry(l, it, &l->entries[l->nentries]))
			l->nentries++;
}

static void
set_meeting_key(struct loader *l, const struct bp_yaml_pair *p)
{
	struct bp_pack *pk = l->pack;
	const char *s;

	switch ((enum meeting_key)p->known) {
	case MK_BOARD:
		if ((s = plain_value(l, p, meeting_keys[MK_BOARD],
		    TYPE_STRING)) != NULL)
			pk->board = s;
		break;
	case MK_MEETING:
		set_meeting_date(l, p);
		break;
	case MK_TIME:
		set_time(l, p);
		break;
	case MK_VENUE:
		pk->venue = plain_value(l, p, meeting_keys[MK_VENUE],
		    TYPE_STRING);
		break;
	case MK_LANG:
		set_lang(l, p);
		break;
	case MK_ITEMS:
		read_items(l, p);
		break;
	case MK__MAX:
		break;
	}
}

static void
read_meeting(struct loader *l)
{
	const struct bp_yaml_node *root = l->y->root;
	struct bp_yaml_pair *pairs;
	bool seen_items = false;
	size_t n;

	if (root == NULL || bp_yaml_is_null(root)) {
		if (!l->y->failed)
			bp_diag(l->d, (struct bp_pos){ 1, 1 },
			    BP_E_MISSING_KEY, meeting_keys[MK_ITEMS]);
		return;
	}
	if (root->invalid || (root->kind == BP_YAML_SCALAR && l->y->failed))
		return;
	if (root->kind != BP_YAML_MAPPING) {
		bp_diag(l->d, root->pos, BP_E_MEETING_NOT_MAPPING);
		return;
	}
	pairs = bp_yaml_pairs(l->y, root, meeting_keys, MK__MAX, &n);
	for (size_t i = 0; i < n; i++) {
		if (pairs[i].skip || pairs[i].known < 0)
			continue;
		seen_items |= pairs[i].known == MK_ITEMS;
		set_meeting_key(l, &pairs[i]);
	}
	if (!seen_items && root->complete && !l->y->failed)
		bp_diag(l->d, root->pos, BP_E_MISSING_KEY,
		    meeting_keys[MK_ITEMS]);
}

/* ---- item numbers ---- */

/* The leading number of a given item number ("4a" is 4), or -1. */
static long
leading_number(const char *s)
{
	long v = 0;
	size_t i = 0;

	for (; s[i] >= '0' && s[i] <= '9' && i < 9; i++)
		v = v * 10 + (s[i] - '0');
	return i == 0 ? -1 : v;
}

/* An anchor-safe id from a number: "i4", "i4a"; other characters become
 * '-'. */
static const char *
item_id(struct bp_arena *a, const char *number, size_t index)
{
	struct bp_buf b = BP_BUF_INIT;
	const char *id;

	bp_buf_putc(&b, 'i');
	for (const char *p = number; *p; p++)
		bp_buf_putc(&b, (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ?
		    *p : '-');
	if (number[0] == '\0')
		bp_buf_printf(&b, "-%zu", index + 1);
	id = bp_arena_strndup(a, b.data, b.len);
	bp_buf_free(&b);
	return id;
}

/* Numbers in order (1, 2, 3 ...), a given number taking the place of the
 * next and setting the count ("4a" after 4 keeps it at 4). */
static void
number_items(struct loader *l)
{
	struct bp_pack *pk = l->pack;
	long last = 0;

	for (size_t i = 0; i < l->nentries; i++) {
		struct entry *e = &l->entries[i];
		struct bp_pack_item *it = &pk->items[i];
		if (e->number != NULL && e->number[0] != '\0') {
			long v = leading_number(e->number);
			it->number = e->number;
			if (v >= 0)
				last = v;
		} else
			it->number = bp_arena_printf(pk->arena, "%ld", ++last);
		for (size_t k = 0; k < i; k++)
			if (strcmp(pk->items[k].number, it->number) == 0) {
				const struct entry *f = &l->entries[k];
				bp_diag(l->d, e->number ? e->number_pos :
				    e->pos, BP_E_ITEM_DUPLICATE, it->number,
				    (unsigned)(f->number ? f->number_pos :
				    f->pos).line);
				break;
			}
		it->id = item_id(pk->arena, it->number, i);
		for (size_t k = 0; k < i; k++)
			if (strcmp(pk->items[k].id, it->id) == 0)
				it->id = bp_arena_printf(pk->arena, "%s-%zu",
				    it->id, i + 1);
	}
}

/* ---- papers ---- */

static void
add_images(struct loader *l, const char *dir, const struct bp_block *b)
{
	for (; b != NULL; b = b->next) {
		if (b->type == BP_BLOCK_FIGURE)
			add_input(l, joined(l->pack->arena, dir,
			    b->u.image.path != NULL ? b->u.image.path :
			    b->u.image.src));
		add_images(l, dir, b->child);
	}
}

/* Reads and compiles one paper into `d` (its own diagnostics); NULL when
 * it could not be read (reported at the meeting file's line). */
static struct bp_paper *
load_paper(struct loader *l, const struct entry *e, const char *path,
	struct bp_diags *d)
{
	struct bp_buf data = BP_BUF_INIT;
	struct bp_paper *paper = NULL;
	const char *dir = bp_file_folder_in(l->pack->arena, path);
	enum bp_file_status st = bp_file_read(path, BP_MAX_INPUT, &data);
	int err = errno; /* before anything else can change it */

	/* a read error is the meeting file's, at the item naming the paper;
	 * a paper too large is the paper's own */
	if (st == BP_FILE_ERRNO)
		bp_diag(l->d, e->paper_pos, BP_E_PAPER_READ,
		    bp_yaml_shown(l->y, e->paper, strlen(e->paper)),
		    strerror(err));
	else if (st == BP_FILE_NOT_REGULAR)
		bp_diag(l->d, e->paper_pos, BP_E_PAPER_NOT_REGULAR,
		    bp_yaml_shown(l->y, e->paper, strlen(e->paper)));
	else if (st == BP_FILE_TOO_LARGE)
		bp_file_report(d, st, BP_MAX_INPUT);
	else {
		add_input(l, path);
		paper = bp_paper_parse_styled(path, dir, data.data, data.len,
		    l->style, d);
		if (paper != NULL)
			add_images(l, dir, paper->body);
	}
	bp_buf_free(&data);
	return paper;
}

static const char *
text_or_null(struct bp_arena *a, const struct bp_text *t)
{
	return t->nruns > 0 && t->plain != NULL ? bp_arena_strdup(a, t->plain) :
	    NULL;
}

/* What the agenda takes from a paper, and whether the pack keeps it. */
static void
place_paper(struct loader *l, const struct entry *e, struct bp_pack_item *it,
	struct bp_paper *paper)
{
	struct bp_pack *pk = l->pack;
	const struct bp_meta *m = &paper->meta;

	if (m->item != NULL && strcmp(m->item, it->number) != 0)
		bp_diag(l->d, e->paper_pos, BP_W_ITEM_MISMATCH,
		    bp_yaml_shown(l->y, e->paper, strlen(e->paper)),
		    bp_yaml_shown(l->y, m->item, strlen(m->item)), it->number);
	it->exempt = m->confidential;
	it->reason = text_or_null(pk->arena, &m->confidential_reason);
	if (it->title == NULL)
		it->title = bp_arena_strdup(pk->arena, m->title.plain ?
		    m->title.plain : "");
	if (it->exempt)
		pk->any_exempt = true;
	if (it->exempt && !pk->members) {
		/* the public pack: nothing of the paper stays but its title
		 * and its reason */
		it->kind = BP_PACK_EXEMPT;
		bp_paper_free(paper);
		return;
	}
	if (it->note == NULL)
		it->note = text_or_null(pk->arena, &m->purpose);
	it->kind = BP_PACK_PAPER;
	it->paper = paper;
}

/* The agenda's title for a paper still to follow: the paper's own title
 * when it is there to read and has one, else its file name.  A paper to
 * follow may not be written yet, or not yet compile: neither is an error,
 * and its diagnostics are not the pack's. */
static const char *
follow_title(struct loader *l, const struct entry *e)
{
	const char *path = joined(l->pack->arena, l->dir, e->paper);
	const char *title = e->paper;
	struct bp_buf data = BP_BUF_INIT;
	struct bp_diags quiet;
	struct bp_paper *paper;

	if (bp_file_read(path, BP_MAX_INPUT, &data) != BP_FILE_OK) {
		bp_buf_free(&data);
		return title;
	}
	add_input(l, path);
	bp_diags_init(&quiet, path);
	paper = bp_paper_parse_styled(path,
	    bp_file_folder_in(l->pack->arena, path), data.data, data.len,
	    l->style, &quiet);
	if (paper != NULL && paper->meta.title.plain != NULL &&
	    paper->meta.title.plain[0] != '\0')
		title = bp_arena_strdup(l->pack->arena,
		    paper->meta.title.plain);
	if (paper != NULL)
		bp_paper_free(paper);
	bp_diags_free(&quiet);
	bp_buf_free(&data);
	return title;
}

/* A paper named by an earlier item too (the same file however its path is
 * written) is said at the second, naming the first. */
static void
check_twice(struct loader *l, size_t i, const char *path)
{
	struct entry *e = &l->entries[i];
	struct stat sb;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return;
	e->has_file = true;
	e->dev = sb.st_dev;
	e->ino = sb.st_ino;
	for (size_t k = 0; k < i; k++) {
		const struct entry *f = &l->entries[k];
		if (f->has_file && f->dev == e->dev && f->ino == e->ino) {
			bp_diag(l->d, e->paper_pos, BP_W_PAPER_TWICE,
			    bp_yaml_shown(l->y, e->paper, strlen(e->paper)),
			    l->pack->items[k].number, (unsigned)f->paper_pos.line);
			return;
		}
	}
}

/* A paper's own meeting date, when it has one, should be the pack's: in
 * the pack its cover shows the pack's, built alone its own.  Said in the
 * paper's diagnostics, at its `meeting`. */
static void
check_date(struct loader *l, const struct bp_paper *paper,
	struct bp_diags *pd)
{
	struct bp_pack *pk = l->pack;
	const struct bp_meta *m = &paper->meta;
	const struct bp_labels *labels;

	if (!pk->has_meeting || !m->has_meeting ||
	    memcmp(&m->meeting, &pk->meeting, sizeof(m->meeting)) == 0)
		return;
	labels = bp_style_labels(pk->style, pk->lang, pk->arena);
	if (l->meeting_text == NULL)
		l->meeting_text = bp_date_text(pk->arena, labels, &pk->meeting);
	bp_diag(pd, m->meeting_pos, BP_W_PAPER_DATE,
	    bp_date_text(pk->arena, labels, &m->meeting), l->meeting_text,
	    pk->path, (unsigned)l->meeting_pos.line);
}

static void
load_item(struct loader *l, size_t i, struct bp_diags *pd, bool strict)
{
	const struct entry *e = &l->entries[i];
	struct bp_pack_item *it = &l->pack->items[i];
	struct bp_paper *paper;
	const char *path;

	it->pos = e->pos;
	it->title = e->title;
	it->note = e->lead ? e->lead : e->note;
	it->item_text = bp_arena_strdup(l->pack->arena, "");
	it->kind = e->to_follow ? BP_PACK_TO_FOLLOW : BP_PACK_ENTRY;
	if (e->paper == NULL || e->to_follow) {
		if (it->title == NULL)
			it->title = e->paper ? follow_title(l, e) : "";
		return;
	}
	path = joined(l->pack->arena, l->dir, e->paper);
	check_twice(l, i, path);
	bp_diags_init(pd, path);
	paper = load_paper(l, e, path, pd);
	if (paper == NULL)
		return;
	check_date(l, paper, pd);
	if (bp_diags_failed(pd, strict)) {
		bp_paper_free(paper);
		if (it->title == NULL)
			it->title = e->paper;
		return;
	}
	place_paper(l, e, it, paper);
}

/* A label filled with up to two arguments, kept in the pack's arena. */
static const char *
pack_fill(struct bp_pack *pk, enum bp_label label, const char *a,
	const char *b)
{
	const char *args[2] = { a, b };
	struct bp_buf buf = BP_BUF_INIT;
	const char *s;

	bp_label_fill(&buf, pk->labels->text[label], args, 2);
	s = bp_arena_strndup(pk->arena, buf.data, buf.len);
	bp_buf_free(&buf);
	return s;
}

/* The item's derived words, in the pack's language. */
static void
derive_item_text(struct bp_pack *pk)
{
	bool first = true;

	for (size_t i = 0; i < pk->nitems; i++) {
		struct bp_buf b = BP_BUF_INIT;
		struct bp_pack_item *it = &pk->items[i];
		bp_label_fill(&b, pk->labels->text[BP_LABEL_ITEM], &it->number,
		    1);
		it->item_text = bp_arena_strndup(pk->arena, b.data, b.len);
		bp_buf_free(&b);
		if (it->exempt)
			it->exempt_text = it->reason != NULL ?
			    pack_fill(pk, BP_LABEL_EXEMPT, it->reason, NULL) :
			    pk->labels->text[BP_LABEL_NOT_FOR_PUBLICATION];
		if (it->exempt && first) {
			it->first_exempt = true;
			first = false;
		}
	}
}

static void
derive_pack_text(struct bp_pack *pk)
{
	struct bp_run *run = bp_arena_alloc(pk->arena, sizeof(*run));

	pk->labels = bp_style_labels(pk->style, pk->lang, pk->arena);
	pk->exclusion = bp_style_exclusion_label(pk->style);
	if (pk->has_meeting)
		pk->meeting_text = bp_date_text(pk->arena, pk->labels,
		    &pk->meeting);
	if (pk->meeting_text != NULL)
		pk->when_text = pk->time == NULL ? pk->meeting_text :
		    pack_fill(pk, BP_LABEL_AT_TIME, pk->meeting_text, pk->time);
	run->type = BP_RUN_TEXT;
	run->text = pk->board;
	run->len = strlen(pk->board);
	pk->board_text.runs = run;
	pk->board_text.nruns = run->len > 0;
	pk->board_text.plain = pk->board;
	derive_item_text(pk);
}

static struct bp_pack *
pack_new(const char *path, bool members)
{
	struct bp_arena *a = bp_arena_new();
	struct bp_pack *pk = bp_arena_alloc(a, sizeof(*pk));

	pk->arena = a;
	pk->path = bp_arena_strdup(a, path);
	pk->board = "";
	pk->lang = "en-GB";
	pk->members = members;
	return pk;
}

struct bp_pack *
bp_pack_load(const char *path, const struct bp_pack_opts *opts,
	struct bp_diags *d, struct bp_diags **paper_diags)
{
	struct bp_buf data = BP_BUF_INIT;
	struct loader l;
	enum bp_file_status st;
	struct bp_colmap *columns;
	size_t bom;

	memset(&l, 0, sizeof(l));
	*paper_diags = NULL;
	if ((st = bp_file_read(path, BP_MAX_INPUT, &data)) != BP_FILE_OK) {
		bp_file_report(d, st, BP_MAX_INPUT);
		bp_buf_free(&data);
		return NULL;
	}
	bom = bp_yaml_bom_len(data.data, data.len);
	/* read as a meeting file, a paper named by mistake gives a
	 * warning for each front-matter key, then the error of a second
	 * YAML document, none saying what is wrong */
	if (bp_paper_has_front_matter(data.data + bom, data.len - bom)) {
		bp_diag(d, (struct bp_pos){ 1, 1 }, BP_E_MEETING_IS_PAPER);
		bp_buf_free(&data);
		return NULL;
	}
	l.pack = pack_new(path, opts->members);
	l.style = opts->style ? opts->style : bp_style_default();
	l.pack->style = l.style;
	/* the house style's language, unless the meeting file gives one */
	l.pack->lang = l.style->lang;
	l.d = d;
	l.dir = bp_file_folder_in(l.pack->arena, path);
	if (strcmp(l.dir, ".") == 0 && strchr(path, '/') == NULL)
		l.dir = "";
	add_input(&l, path);
	/* libyaml counts bytes of the file; its author, characters */
	columns = bp_colmap_of(data.data + bom, data.len - bom,
	    data.data + bom, data.len - bom);
	bp_diags_set_columns(d, columns);
	l.y = bp_yaml_read("a meeting file", data.data + bom, data.len - bom,
	    1, keep_levels, d);
	read_meeting(&l);
	l.pack->items = bp_arena_alloc(l.pack->arena, (l.nentries + 1) *
	    sizeof(*l.pack->items));
	l.pack->nitems = l.nentries;
	number_items(&l);
	*paper_diags = bp_xcalloc(l.nentries + 1, sizeof(**paper_diags));
	for (size_t i = 0; i < l.nentries; i++) {
		load_item(&l, i, &(*paper_diags)[i], opts->strict);
		if (opts->progress != NULL)
			opts->progress(opts->progress_ctx, i + 1, l.nentries);
	}
	derive_pack_text(l.pack);
	bp_yaml_free(l.y);
	bp_colmap_keep(columns); /* for messages after the text is gone */
	bp_buf_free(&data);
	return l.pack;
}

void
bp_pack_free(struct bp_pack *pack)
{
	if (pack == NULL)
		return;
	for (size_t i = 0; i < pack->nitems; i++)
		bp_paper_free((struct bp_paper *)pack->items[i].paper);
	free(pack->inputs);
	bp_arena_free(pack->arena);
}
