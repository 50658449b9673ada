/* The JSON back-end: the model itself, for scripts and other systems.
 * The shape is documented in the README; bump JSON_VERSION on any change
 * that is not an addition. */
#include <stdio.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/pack.h"
#include "boardpaper/style.h"

#define JSON_VERSION 1
#define MAX_NESTING 160 /* model depth is bounded well below this */

/* A pretty-printing writer: two-space indents, one member per line. */
struct jw {
	struct bp_buf *out;
	int depth;
	bool first[MAX_NESTING]; /* nothing written yet at this depth */
	bool after_key;
};

static void
jw_newline(struct jw *w)
{
	bp_buf_putc(w->out, '\n');
	bp_buf_repeat(w->out, ' ', (size_t)w->depth * 2);
}

/* Puts the comma and line break a new value needs. */
static void
jw_value_start(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			bp_buf_putc(w->out, ',');
		jw_newline(w);
	}
	w->first[w->depth] = false;
}

static void
jw_string_n(struct jw *w, const char *s, size_t len)
{
	jw_value_start(w);
	bp_buf_putc(w->out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			bp_buf_putc(w->out, '\\');
			bp_buf_putc(w->out, (char)c);
		} else if (c == '\n')
			bp_buf_puts(w->out, "\\n");
		else if (c == '\t')
			bp_buf_puts(w->out, "\\t");
		else if (c < 0x20)
			bp_buf_printf(w->out, "\\u%04x", c);
		else
			bp_buf_putc(w->out, (char)c);
	}
	bp_buf_putc(w->out, '"');
}

static void
jw_string(struct jw *w, const char *s)
{
	if (s == NULL) {
		jw_value_start(w);
		bp_buf_puts(w->out, "null");
	} else
		jw_string_n(w, s, strlen(s));
}

static void
jw_key(struct jw *w, const char *key)
{
	jw_string(w, key);
	bp_buf_puts(w->out, ": ");
	w->after_key = true;
}

static void
jw_open(struct jw *w, char c)
{
	jw_value_start(w);
	bp_buf_putc(w->out, c);
	if (w->depth + 1 < MAX_NESTING)
		w->depth++;
	w->first[w->depth] = true;
}

static void
jw_close(struct jw *w, char c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		jw_newline(w);
	bp_buf_putc(w->out, c);
}

static void
jw_raw(struct jw *w, const char *s)
{
	jw_value_start(w);
	bp_buf_puts(w->out, s);
}

static void
jw_uint(struct jw *w, unsigned long v)
{
	jw_value_start(w);
	bp_buf_printf(w->out, "%lu", v);
}

static void
jw_bool(struct jw *w, bool v)
{
	jw_raw(w, v ? "true" : "false");
}

static void jw_key_string(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_string(w, v);
}

static void jw_key_uint(struct jw *w, const char *k, unsigned long v)
{
	jw_key(w, k);
	jw_uint(w, v);
}

/* --- the model ------------------------------------------------------- */

static const char *const style_names[] = { "strong", "emph", "code",
	"strike" };

static void
write_run(struct jw *w, const struct bp_run *r)
{
	static const char *const types[] = { [BP_RUN_TEXT] = "text",
		[BP_RUN_BREAK] = "break", [BP_RUN_REF] = "ref",
		[BP_RUN_NOTE] = "note" };

	jw_open(w, '{');
	jw_key_string(w, "type", types[r->type]);
	if (r->type != BP_RUN_BREAK) {
		jw_key(w, "text");
		jw_string_n(w, r->text, r->len);
	}
	if (r->style != 0) {
		jw_key(w, "style");
		jw_open(w, '[');
		for (unsigned i = 0; i < 4; i++)
			if (r->style & (1u << i))
				jw_string(w, style_names[i]);
		jw_close(w, ']');
	}
	if (r->type == BP_RUN_NOTE)
		jw_key_uint(w, "note", r->note->number);
	if (r->link != NULL && r->link->type == BP_LINK_URL) {
		jw_key_string(w, "url", r->link->url);
		if (r->link->title != NULL)
			jw_key_string(w, "title", r->link->title);
		jw_key_uint(w, "link", r->link->index);
	} else if (r->link != NULL) {
		jw_key_string(w, "ref", r->link->label);
		jw_key_string(w, "target", r->link->target ?
		    r->link->target->id : NULL);
	}
	jw_close(w, '}');
}

/* A piece of text: its plain form, where it is, and its runs. */
static void
write_text(struct jw *w, const struct bp_text *t)
{
	jw_open(w, '{');
	jw_key_string(w, "text", t->plain ? t->plain : "");
	jw_key_uint(w, "line", t->pos.line);
	jw_key(w, "runs");
	jw_open(w, '[');
	for (size_t i = 0; i < t->nruns; i++)
		write_run(w, &t->runs[i]);
	jw_close(w, ']');
	jw_close(w, '}');
}

static void
write_optional_text(struct jw *w, const char *key, const struct bp_text *t)
{
	jw_key(w, key);
	if (t->nruns == 0)
		jw_raw(w, "null");
	else
		write_text(w, t);
}

static void
write_texts(struct jw *w, const char *key, const struct bp_text *t, size_t n)
{
	if (key != NULL)
		jw_key(w, key);
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++)
		write_text(w, &t[i]);
	jw_close(w, ']');
}

static void write_blocks(struct jw *, const char *, const struct bp_block *);

static void
write_table(struct jw *w, const struct bp_table *t)
{
	static const char *const aligns[] = { [BP_ALIGN_NONE] = "none",
		[BP_ALIGN_LEFT] = "left", [BP_ALIGN_CENTER] = "center",
		[BP_ALIGN_RIGHT] = "right" };

	write_optional_text(w, "caption", &t->caption);
	jw_key(w, "align");
	jw_open(w, '[');
	for (size_t c = 0; c < t->ncols; c++)
		jw_string(w, aligns[t->align[c]]);
	jw_close(w, ']');
	jw_key(w, "rows");
	jw_open(w, '[');
	for (size_t r = 0; r < t->nrows; r++)
		write_texts(w, NULL, &t->cells[r * t->ncols], t->ncols);
	jw_close(w, ']');
}

static void
write_figure(struct jw *w, const struct bp_image *img)
{
	jw_key_string(w, "src", img->src);
	jw_key_string(w, "alt", img->alt);
	jw_key_string(w, "format", img->format == BP_IMAGE_PNG ? "png" :
	    "jpeg");
	jw_key_uint(w, "width", img->width);
	jw_key_uint(w, "height", img->height);
}

static void
write_block_fields(struct jw *w, const struct bp_block *b)
{
	static const char *const kinds[] = { [BP_LIST_BULLET] = "bullet",
		[BP_LIST_ORDERED] = "ordered",
		[BP_LIST_SUBPARA] = "subparagraphs" };

	switch (b->type) {
	case BP_BLOCK_HEADING:
		jw_key_uint(w, "level", (unsigned long)b->level);
		/* FALLTHROUGH */
	case BP_BLOCK_PARA:
		jw_key(w, "content");
		write_text(w, &b->text);
		break;
	case BP_BLOCK_LIST:
		jw_key_string(w, "kind", kinds[b->list]);
		if (b->list == BP_LIST_ORDERED)
			jw_key_uint(w, "start", b->start);
		jw_key(w, "tight");
		jw_bool(w, b->tight);
		break;
	case BP_BLOCK_CODE:
		jw_key_string(w, "info", b->u.code.info);
		jw_key(w, "text");
		jw_string_n(w, b->u.code.text, b->u.code.len);
		break;
	case BP_BLOCK_TABLE:
		write_table(w, &b->u.table);
		break;
	case BP_BLOCK_FIGURE:
		write_figure(w, &b->u.image);
		break;
	default:
		break;
	}
}

static void
write_block(struct jw *w, const struct bp_block *b)
{
	jw_open(w, '{');
	jw_key_string(w, "type", bp_block_type_names[b->type]);
	jw_key_uint(w, "line", b->pos.line);
	if (b->number != NULL)
		jw_key_string(w, "number", b->number);
	if (b->label != NULL)
		jw_key_string(w, "label", b->label);
	if (b->id != NULL)
		jw_key_string(w, "id", b->id);
	write_block_fields(w, b);
	if (b->child != NULL)
		write_blocks(w, "children", b->child);
	jw_close(w, '}');
}

static void
write_blocks(struct jw *w, const char *key, const struct bp_block *b)
{
	jw_key(w, key);
	jw_open(w, '[');
	for (; b != NULL; b = b->next)
		write_block(w, b);
	jw_close(w, ']');
}

static void
write_contact(struct jw *w, const struct bp_contact *c)
{
	jw_open(w, '{');
	jw_key_string(w, "name", c->name);
	jw_key_string(w, "position", c->position);
	jw_key_string(w, "phone", c->phone);
	jw_key_string(w, "email", c->email);
	jw_key_uint(w, "line", c->pos.line);
	jw_close(w, '}');
}

static void
write_meeting(struct jw *w, const struct bp_meta *m)
{
	char date[32];

	jw_key(w, "meeting");
	if (!m->has_meeting) {
		jw_raw(w, "null");
		return;
	}
	snprintf(date, sizeof(date), "%04d-%02d-%02d", m->meeting.year,
	    m->meeting.month, m->meeting.day);
	jw_open(w, '{');
	jw_key_string(w, "date", date);
	jw_key_string(w, "text", m->meeting_text);
	jw_close(w, '}');
}

/* The house style's fields the paper gives, in the style's order; only
 * under a style that has fields, so that other papers' JSON is as it
 * was. */
static void
write_fields(struct jw *w, const struct bp_paper *p)
{
	static const char *const types[BP_FIELD__MAX] = {
		[BP_FIELD_TEXT] = "text", [BP_FIELD_LIST] = "list",
		[BP_FIELD_YESNO] = "yes-no", [BP_FIELD_DATE] = "date" };

	if (p->style->nfields == 0)
		return;
	jw_key(w, "fields");
	jw_open(w, '[');
	for (size_t i = 0; i < p->nfields; i++) {
		const struct bp_field *f = &p->fields[i];
		char date[16];
		jw_open(w, '{');
		jw_key_string(w, "key", f->def->key);
		jw_key_string(w, "label", f->label);
		jw_key_string(w, "type", types[f->def->type]);
		jw_key_uint(w, "line", f->pos.line);
		if (f->def->type == BP_FIELD_YESNO) {
			jw_key(w, "value");
			jw_bool(w, f->yes);
		} else if (f->def->type == BP_FIELD_DATE) {
			snprintf(date, sizeof(date), "%04d-%02d-%02d",
			    f->date.year, f->date.month, f->date.day);
			jw_key_string(w, "value", date);
		}
		write_texts(w, "text", f->values, f->nvalues);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
write_meta(struct jw *w, const struct bp_paper *p)
{
	const struct bp_meta *m = &p->meta;
	static const char *const schemes[] = {
		[BP_NUMBERING_CONTINUOUS] = "continuous",
		[BP_NUMBERING_SECTIONS] = "sections",
		[BP_NUMBERING_NONE] = "none" };

	jw_key(w, "meta");
	jw_open(w, '{');
	jw_key(w, "title");
	write_text(w, &m->title);
	write_optional_text(w, "board", &m->board);
	write_meeting(w, m);
	jw_key_string(w, "item", m->item);
	jw_key(w, "confidential");
	jw_bool(w, m->confidential);
	write_optional_text(w, "confidential_reason", &m->confidential_reason);
	jw_key(w, "purpose");
	write_text(w, &m->purpose);
	jw_key(w, "summary");
	write_text(w, &m->summary);
	write_texts(w, "recommendations", m->recommendations,
	    m->nrecommendations);
	jw_key(w, "recommendations_list");
	jw_bool(w, m->recommendations_list);
	jw_key(w, "action");
	write_text(w, &m->action);
	jw_key(w, "contacts");
	jw_open(w, '[');
	for (size_t i = 0; i < m->ncontacts; i++)
		write_contact(w, &m->contacts[i]);
	jw_close(w, ']');
	jw_key_string(w, "numbering", schemes[m->numbering]);
	jw_key_string(w, "lang", m->lang);
	if (m->has_background_papers)
		write_texts(w, "background_papers", m->background_papers,
		    m->nbackground_papers);
	else
		jw_key_string(w, "background_papers", NULL);
	if (p->style->organisation != NULL)
		jw_key_string(w, "organisation", p->style->organisation);
	write_fields(w, p);
	jw_close(w, '}');
}

static void
write_notes(struct jw *w, const struct bp_paper *p)
{
	jw_key(w, "footnotes");
	jw_open(w, '[');
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct bp_footnote *f = &p->notes[i];
		jw_open(w, '{');
		jw_key_uint(w, "number", f->number);
		jw_key_string(w, "label", f->label);
		jw_key_string(w, "id", f->id);
		jw_key_uint(w, "line", f->pos.line);
		write_blocks(w, "children", f->child);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
write_links(struct jw *w, const struct bp_paper *p)
{
	jw_key(w, "links");
	jw_open(w, '[');
	for (size_t i = 0; i < p->nlinks; i++) {
		jw_open(w, '{');
		jw_key_uint(w, "index", p->links[i]->index);
		jw_key_string(w, "url", p->links[i]->url);
		if (p->links[i]->title != NULL)
			jw_key_string(w, "title", p->links[i]->title);
		jw_key_uint(w, "line", p->links[i]->pos.line);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* A paper's members after "version": the same alone and in a pack. */
static void
write_paper_fields(struct jw *w, const struct bp_paper *paper)
{
	jw_key_string(w, "file", paper->path);
	write_meta(w, paper);
	write_blocks(w, "sections", paper->body);
	write_notes(w, paper);
	write_links(w, paper);
}

static void
write_paper(struct jw *w, const struct bp_paper *paper)
{
	jw_open(w, '{');
	write_paper_fields(w, paper);
	jw_close(w, '}');
}

int
bp_render_json(const struct bp_paper *paper,
	const struct bp_render_opts *opts, struct bp_buf *out,
	struct bp_diags *diags)
{
	struct jw w;

	(void)opts;
	(void)diags;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_key_uint(&w, "version", JSON_VERSION);
	write_paper_fields(&w, paper);
	jw_close(&w, '}');
	bp_buf_putc(out, '\n');
	return 0;
}

/* --- packs ------------------------------------------------------------ */

static const char *const item_kinds[] = {
	[BP_PACK_ENTRY] = "entry",
	[BP_PACK_PAPER] = "paper",
	[BP_PACK_EXEMPT] = "exempt",
	[BP_PACK_TO_FOLLOW] = "to_follow",
};

static void
write_item(struct jw *w, const struct bp_pack_item *it)
{
	jw_open(w, '{');
	jw_key_string(w, "number", it->number);
	jw_key_string(w, "id", it->id);
	jw_key_string(w, "kind", item_kinds[it->kind]);
	jw_key_string(w, "title", it->title);
	jw_key_string(w, "note", it->note);
	jw_key(w, "exempt");
	jw_bool(w, it->exempt);
	jw_key_string(w, "reason", it->reason);
	jw_key_uint(w, "line", it->pos.line);
	jw_key(w, "paper");
	if (it->paper != NULL)
		write_paper(w, it->paper);
	else
		jw_raw(w, "null");
	jw_close(w, '}');
}

int
bp_render_json_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	const struct bp_pack_diags *diags)
{
	struct jw w;
	char date[32];

	(void)opts;
	(void)diags;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_key_uint(&w, "version", JSON_VERSION);
	jw_key_string(&w, "kind", "pack");
	jw_key_string(&w, "file", pack->path);
	jw_key_string(&w, "board", pack->board);
	jw_key(&w, "meeting");
	if (pack->has_meeting) {
		snprintf(date, sizeof(date), "%04d-%02d-%02d",
		    pack->meeting.year, pack->meeting.month, pack->meeting.day);
		jw_open(&w, '{');
		jw_key_string(&w, "date", date);
		jw_key_string(&w, "text", pack->meeting_text);
		jw_close(&w, '}');
	} else
		jw_raw(&w, "null");
	jw_key_string(&w, "time", pack->time);
	jw_key_string(&w, "venue", pack->venue);
	jw_key_string(&w, "lang", pack->lang);
	jw_key(&w, "members");
	jw_bool(&w, pack->members);
	jw_key(&w, "items");
	jw_open(&w, '[');
	for (size_t i = 0; i < pack->nitems; i++)
		write_item(&w, &pack->items[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	bp_buf_putc(out, '\n');
	return out->failed ? -1 : 0;
}
