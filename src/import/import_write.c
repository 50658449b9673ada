/* The source writer of `import`: what the recogniser found, written as a
 * boardpaper paper a person would have written, and the files written
 * atomically. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/style.h"
#include "file.h"
#include "import.h"

#define WRAP 80 /* columns, for long front-matter values */

/* --- inline Markdown ------------------------------------------------------ */

struct seg {
	const char *text;
	size_t len;
	unsigned style;
	const char *url;
	const char *label; /* a cross-reference's label */
	bool bare_ref;     /* [](#label): the paper prints the number */
};

struct inl {
	struct bp_buf *out;
	const struct bp_imp_paper *paper;
	bool in_table;
	bool at_start; /* nothing written yet: escape block syntax */
	unsigned open[3];
	size_t nopen;
	struct bp_buf pending; /* spaces waiting for the next word */
};

static bool
word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Escapes what Markdown would read as syntax; `prev` and the text decide
 * whether an underscore could open emphasis. */
static void
put_escaped(struct inl *in, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
		unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] :
		    ' ';
		bool esc = strchr("\\*[]<`~", (int)c) != NULL && c != 0;

		if (c == '_' && !(word_char(prev) && word_char(next)))
			esc = true;
		if (c == '&' && (isalnum(next) || next == '#'))
			esc = true;
		if (c == '|' && in->in_table)
			esc = true;
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		if (c == ' ' && prev == ' ' && i > 0)
			continue;
		if (esc)
			bp_buf_putc(in->out, '\\');
		bp_buf_putc(in->out, (char)c);
	}
}

/* A paragraph's first characters must not read as a heading, list, quote
 * or rule. */
static void
put_start(struct inl *in, const char *s, size_t len)
{
	size_t digits = 0;

	while (digits < len && isdigit((unsigned char)s[digits]))
		digits++;
	if (len > 0 && strchr("#>-+=", s[0]) != NULL)
		bp_buf_putc(in->out, '\\');
	else if (digits > 0 && digits < len && (s[digits] == '.' ||
	    s[digits] == ')')) {
		bp_buf_put(in->out, s, digits);
		bp_buf_putc(in->out, '\\');
		s += digits;
		len -= digits;
	}
	put_escaped(in, s, len);
}

static const unsigned style_order[] = { BP_STYLE_STRIKE, BP_STYLE_STRONG,
	BP_STYLE_EMPH };

static const char *
marker(unsigned style)
{
	return style == BP_STYLE_STRONG ? "**" : style == BP_STYLE_EMPH ? "*" :
	    "~~";
}

/* Closes open styles down to the first that `style` lacks. */
static void
close_styles(struct inl *in, unsigned style)
{
	size_t keep = 0;

	while (keep < in->nopen && (style & in->open[keep]))
		keep++;
	while (in->nopen > keep)
		bp_buf_puts(in->out, marker(in->open[--in->nopen]));
}

static void
open_styles(struct inl *in, unsigned style)
{
	for (size_t k = 0; k < 3; k++) {
		unsigned s = style_order[k];
		bool is_open = false;
		for (size_t i = 0; i < in->nopen; i++)
			is_open = is_open || in->open[i] == s;
		if ((style & s) && !is_open) {
			bp_buf_puts(in->out, marker(s));
			in->open[in->nopen++] = s;
		}
	}
}

static void
flush_spaces(struct inl *in)
{
	if (in->pending.len > 0 && in->out->len > 0)
		bp_buf_putc(in->out, ' ');
	bp_buf_reset(&in->pending);
}

/* Writes a segment's text with its styles, spaces kept outside the
 * emphasis markers so that they still count as emphasis. */
static void
put_styled(struct inl *in, const char *s, size_t len, unsigned style)
{
	size_t lead = 0, trail = len;

	while (lead < len && isspace((unsigned char)s[lead]))
		lead++;
	while (trail > lead && isspace((unsigned char)s[trail - 1]))
		trail--;
	if (lead == len) {
		if (len > 0)
			bp_buf_putc(&in->pending, ' ');
		return;
	}
	close_styles(in, style);
	if (lead > 0)
		bp_buf_putc(&in->pending, ' ');
	flush_spaces(in);
	open_styles(in, style);
	if (in->at_start)
		put_start(in, s + lead, trail - lead);
	else
		put_escaped(in, s + lead, trail - lead);
	in->at_start = false;
	if (trail < len)
		bp_buf_putc(&in->pending, ' ');
}

static void
put_url(struct bp_buf *out, const char *url)
{
	for (const char *c = url; *c; c++) {
		if (*c == ' ' || *c == '(' || *c == ')' || *c == '<' ||
		    *c == '>')
			bp_buf_printf(out, "%%%02X", (unsigned char)*c);
		else
			bp_buf_putc(out, *c);
	}
}

static bool
text_is_url(const char *text, size_t len, const char *url)
{
	if (strncmp(url, "mailto:", 7) == 0)
		url += 7;
	return strlen(url) == len && memcmp(text, url, len) == 0;
}

/* A link: its text with styles, then the target. */
static void
put_link(struct inl *in, const struct seg *segs, size_t n)
{
	struct bp_buf text = BP_BUF_INIT;

	close_styles(in, 0);
	flush_spaces(in);
	in->at_start = false;
	if (segs[0].bare_ref) {
		bp_buf_printf(in->out, "[](#%s)", segs[0].label);
		return;
	}
	for (size_t i = 0; i < n; i++)
		bp_buf_put(&text, segs[i].text, segs[i].len);
	if (segs[0].url != NULL && n == 1 && segs[0].style == 0 &&
	    text_is_url(text.data, text.len, segs[0].url)) {
		/* a bare URL or address: the paper links it by itself */
		put_escaped(in, text.data, text.len);
		bp_buf_free(&text);
		return;
	}
	bp_buf_free(&text);
	bp_buf_putc(in->out, '[');
	for (size_t i = 0; i < n; i++)
		put_styled(in, segs[i].text, segs[i].len, segs[i].style);
	close_styles(in, 0);
	bp_buf_reset(&in->pending);
	bp_buf_puts(in->out, "](");
	if (segs[0].url != NULL)
		put_url(in->out, segs[0].url);
	else
		bp_buf_printf(in->out, "#%s", segs[0].label);
	bp_buf_putc(in->out, ')');
}

static bool
same_link(const struct seg *a, const struct seg *b)
{
	if (a->url != NULL || b->url != NULL)
		return a->url != NULL && b->url != NULL &&
		    strcmp(a->url, b->url) == 0;
	if (a->label != NULL || b->label != NULL)
		return a->label != NULL && b->label != NULL &&
		    strcmp(a->label, b->label) == 0 && !a->bare_ref &&
		    !b->bare_ref;
	return true;
}

static bool
is_number_text(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (i == len)
		return true;
	for (; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.' &&
		    !isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* The runs of a paragraph from byte `skip` on, as segments. */
static size_t
segments(const struct bp_imp_paper *paper, const struct bp_imp_para *p,
	size_t skip, struct seg *segs)
{
	size_t n = 0, off = 0;

	for (size_t i = 0; i < p->nruns; i++) {
		const struct bp_imp_run *r = &p->runs[i];
		const char *t = r->is_break ? " " : r->text;
		size_t len = strlen(t);
		struct seg s = { t, len, r->style, r->url, NULL, false };

		if (skip > 0 && off + len <= skip) {
			off += len;
			continue;
		}
		if (off < skip) {
			s.text += skip - off;
			s.len -= skip - off;
		}
		off += len;
		if (r->anchor != NULL) {
			s.label = bp_imp_anchor_label(paper, r->anchor);
			s.bare_ref = s.label != NULL && (r->field_ref ||
			    is_number_text(s.text, s.len));
		}
		/* a bare reference stands for its number: one per link */
		if (n > 0 && s.bare_ref && segs[n - 1].bare_ref &&
		    strcmp(segs[n - 1].label, s.label) == 0)
			continue;
		segs[n++] = s;
	}
	return n;
}

static void
put_inline(struct bp_buf *out, const struct bp_imp_paper *paper,
	const struct bp_imp_para *p, size_t skip, bool in_table)
{
	struct seg *segs = bp_xcalloc(p->nruns + 1, sizeof(*segs));
	struct inl in;
	size_t n = segments(paper, p, skip, segs), start = out->len;

	memset(&in, 0, sizeof(in));
	in.out = out;
	in.paper = paper;
	in.in_table = in_table;
	in.at_start = !in_table; /* a cell holds no block syntax */
	bp_buf_init(&in.pending);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		bool linked = segs[i].url != NULL || segs[i].label != NULL;
		while (linked && j < n && same_link(&segs[i], &segs[j]))
			j++;
		if (linked)
			put_link(&in, segs + i, j - i);
		else
			put_styled(&in, segs[i].text, segs[i].len,
			    segs[i].style);
		i = linked ? j : i + 1;
	}
	close_styles(&in, 0);
	bp_buf_free(&in.pending);
	free(segs);
	/* a leading space would have been escaped nowhere: drop it */
	if (out->len > start && out->data[start] == ' ')
		memmove(out->data + start, out->data + start + 1,
		    out->len-- - start);
}

static void
put_value_md(struct bp_buf *out, const struct bp_imp_paper *paper,
	const struct bp_imp_value *v)
{
	for (size_t i = 0; i < v->nspans; i++) {
		if (i > 0)
			bp_buf_putc(out, ' ');
		put_inline(out, paper, v->spans[i].p, v->spans[i].skip, false);
	}
}

static void
put_value_plain(struct bp_buf *out, const struct bp_imp_value *v)
{
	for (size_t i = 0; i < v->nspans; i++) {
		const struct bp_imp_para *p = v->spans[i].p;
		struct bp_buf t = BP_BUF_INIT;
		for (size_t k = 0; k < p->nruns; k++)
			bp_buf_puts(&t, p->runs[k].is_break ? " " :
			    p->runs[k].text);
		if (i > 0)
			bp_buf_putc(out, ' ');
		const char *s = t.data + (v->spans[i].skip < t.len ?
		    v->spans[i].skip : t.len);
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, "mailto:", 7) == 0)
			s += 7;
		bp_buf_puts(out, s);
		bp_buf_trim_spaces(out);
		bp_buf_free(&t);
	}
}

/* --- YAML ---------------------------------------------------------------- */

static bool
yaml_special_word(const char *s)
{
	static const char *const words[] = { "true", "false", "yes", "no",
		"on", "off", "null", "y", "n", "~" };

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static bool
looks_numeric(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!isdigit((unsigned char)*s) && *s != '.')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && !strchr("._:eE+-", *s))
			return false;
	return true;
}

/* A plain YAML scalar reads back as this same string. */
static bool
plain_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) != NULL ||
	    s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':' ||
	    strstr(s, ": ") != NULL || strstr(s, " #") != NULL ||
	    yaml_special_word(s) || looks_numeric(s))
		return false;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return false;
	return true;
}

static void
put_quoted(struct bp_buf *out, const char *s)
{
	bp_buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			bp_buf_putc(out, '\\');
		if ((unsigned char)*s < 0x20)
			bp_buf_printf(out, "\\x%02X", (unsigned char)*s);
		else
			bp_buf_putc(out, *s);
	}
	bp_buf_putc(out, '"');
}

/* Folds a long value into a ">-" block, wrapped at WRAP columns. */
static void
put_folded(struct bp_buf *out, const char *s, int indent)
{
	size_t col = WRAP;

	bp_buf_puts(out, ">-");
	while (*s) {
		const char *sp = strchr(s, ' ');
		size_t w = sp ? (size_t)(sp - s) : strlen(s);
		if (col + 1 + w > WRAP) {
			bp_buf_putc(out, '\n');
			bp_buf_repeat(out, ' ', (size_t)indent);
			col = (size_t)indent;
		} else {
			bp_buf_putc(out, ' ');
			col++;
		}
		bp_buf_put(out, s, w);
		col += w;
		s += w;
		while (*s == ' ')
			s++;
	}
}

/* `prefix` ("title: ", "  - ") is already written; `col` is its width. */
static void
put_scalar(struct bp_buf *out, const char *s, size_t col, int indent)
{
	bool plain = plain_ok(s);

	if (col + strlen(s) > WRAP && s[0] != '\0' && !strstr(s, "  ")) {
		bool ctl = false;
		for (const char *c = s; *c; c++)
			ctl = ctl || (unsigned char)*c < 0x20;
		if (!ctl) {
			put_folded(out, s, indent);
			bp_buf_putc(out, '\n');
			return;
		}
	}
	if (plain)
		bp_buf_puts(out, s);
	else
		put_quoted(out, s);
	bp_buf_putc(out, '\n');
}

static void
put_key_md(struct bp_buf *out, const struct bp_imp_paper *paper,
	const char *key, const struct bp_imp_value *v, bool required)
{
	struct bp_buf val = BP_BUF_INIT;

	if (v->nspans == 0) {
		if (required)
			bp_buf_printf(out, "%s:  # required: not found in the "
			    "Word paper\n", key);
		return;
	}
	put_value_md(&val, paper, v);
	bp_buf_printf(out, "%s: ", key);
	put_scalar(out, val.data, strlen(key) + 2, 2);
	bp_buf_free(&val);
}

static void
put_contact_field(struct bp_buf *out, const char *key,
	const struct bp_imp_value *v, bool list, bool first)
{
	struct bp_buf val = BP_BUF_INIT;
	const char *indent = list ? (first ? "  - " : "    ") : "  ";

	if (v->nspans == 0 && strcmp(key, "name") != 0)
		return;
	put_value_plain(&val, v);
	bp_buf_printf(out, "%s%s: ", indent, key);
	if (val.len == 0)
		bp_buf_puts(out, " # required: not found in the Word paper\n");
	else
		put_scalar(out, val.data, strlen(indent) + strlen(key) + 2,
		    (int)strlen(indent) + 2);
	bp_buf_free(&val);
}

static void
put_contacts(struct bp_buf *out, const struct bp_imp_paper *paper)
{
	bool list = paper->ncontacts > 1;
	static const struct bp_imp_contact none;

	bp_buf_puts(out, "contact:\n");
	for (size_t i = 0; i < (paper->ncontacts ? paper->ncontacts : 1);
	    i++) {
		const struct bp_imp_contact *c = paper->ncontacts ?
		    &paper->contacts[i] : &none;
		put_contact_field(out, "name", &c->name, list, true);
		put_contact_field(out, "position", &c->position, list, false);
		put_contact_field(out, "phone", &c->phone, list, false);
		put_contact_field(out, "email", &c->email, list, false);
	}
}

static void
put_list(struct bp_buf *out, const struct bp_imp_paper *paper,
	const char *key, const struct bp_imp_value *v, size_t n)
{
	struct bp_buf val = BP_BUF_INIT;

	if (n == 0) {
		bp_buf_printf(out, "%s: []\n", key);
		return;
	}
	bp_buf_printf(out, "%s:\n", key);
	for (size_t i = 0; i < n; i++) {
		bp_buf_reset(&val);
		put_value_md(&val, paper, &v[i]);
		bp_buf_puts(out, "  - ");
		put_scalar(out, val.data, 4, 4);
	}
	bp_buf_free(&val);
}

/* A house-style field, as its type writes it. */
static void
put_field(struct bp_buf *out, const struct bp_imp_paper *pp,
	const struct bp_style_field *def, size_t f)
{
	const struct bp_imp_value *v = &pp->fields[f];

	if (pp->field_text[f] != NULL)
		bp_buf_printf(out, "%s: %s\n", def->key, pp->field_text[f]);
	else if (v->nspans > 0 && def->type == BP_FIELD_LIST) {
		struct bp_imp_value *items = bp_xcalloc(v->nspans,
		    sizeof(*items));
		for (size_t i = 0; i < v->nspans; i++) {
			items[i].spans = &v->spans[i];
			items[i].nspans = 1;
		}
		put_list(out, pp, def->key, items, v->nspans);
		free(items);
	} else if (v->nspans > 0 && def->type == BP_FIELD_TEXT)
		put_key_md(out, pp, def->key, v, def->required);
	else if (def->required)
		bp_buf_printf(out, "%s:  # required by the house style: not "
		    "found in the Word paper\n", def->key);
}

static void
put_front_matter(struct bp_buf *out, const struct bp_imp_paper *pp)
{
	bp_buf_puts(out, "---\n");
	put_key_md(out, pp, "title", &pp->title, true);
	put_key_md(out, pp, "board", &pp->board, false);
	if (pp->meeting != NULL) {
		bp_buf_puts(out, "meeting: ");
		if (pp->meeting_is_date)
			bp_buf_printf(out, "%s\n", pp->meeting);
		else {
			put_quoted(out, pp->meeting);
			bp_buf_puts(out, "  # not a date: write it as "
			    "YYYY-MM-DD\n");
		}
	}
	if (pp->item != NULL) {
		bool digits = pp->item[0] != '0' || pp->item[1] == '\0';
		for (const char *c = pp->item; *c; c++)
			digits = digits && isdigit((unsigned char)*c);
		bp_buf_puts(out, "item: ");
		if (digits) /* an agenda number, written as one */
			bp_buf_printf(out, "%s\n", pp->item);
		else
			put_scalar(out, pp->item, 6, 2);
	}
	if (pp->confidential.nspans > 0) {
		struct bp_buf v = BP_BUF_INIT;
		put_value_plain(&v, &pp->confidential);
		if (strcasecmp(v.data, "yes") == 0 ||
		    strcasecmp(v.data, "true") == 0)
			bp_buf_puts(out, "confidential: true\n");
		else if (strcasecmp(v.data, "no") != 0 &&
		    strcasecmp(v.data, "false") != 0 &&
		    strcasecmp(v.data, "none") != 0)
			put_key_md(out, pp, "confidential", &pp->confidential,
			    false);
		bp_buf_free(&v);
	}
	put_key_md(out, pp, "purpose", &pp->purpose, true);
	put_key_md(out, pp, "summary", &pp->summary, true);
	if (pp->nrecommendations == 0)
		bp_buf_puts(out, "recommendation:  # required: not found in "
		    "the Word paper\n");
	else if (pp->recommendations_list)
		put_list(out, pp, "recommendations", pp->recommendations,
		    pp->nrecommendations);
	else
		put_key_md(out, pp, "recommendation", &pp->recommendations[0],
		    true);
	put_key_md(out, pp, "action", &pp->action, true);
	put_contacts(out, pp);
	if (pp->numbering != NULL)
		bp_buf_printf(out, "numbering: %s\n", pp->numbering);
	if (pp->lang != NULL)
		bp_buf_printf(out, "lang: %s\n", pp->lang);
	if (pp->has_background_papers)
		put_list(out, pp, "background_papers", pp->background_papers,
		    pp->nbackground_papers);
	for (size_t f = 0; f < pp->style->nfields; f++)
		put_field(out, pp, &pp->style->fields[f], f);
	bp_buf_puts(out, "---\n");
}

/* --- the body -------------------------------------------------------------- */

static bool
is_item(const struct bp_imp_block *b)
{
	return b->kind == BP_IMP_B_ORDERED || b->kind == BP_IMP_B_BULLET;
}

static void
put_cell(struct bp_buf *out, const struct bp_imp_paper *pp,
	const struct bp_imp_cell *c)
{
	size_t start = out->len;

	for (size_t k = 0; k < c->nparas; k++) {
		if (out->len > start)
			bp_buf_putc(out, ' ');
		put_inline(out, pp, &c->paras[k], 0, true);
	}
}

static void
put_table(struct bp_buf *out, const struct bp_imp_paper *pp,
	const struct bp_imp_table *t)
{
	if (t->nrows == 0 || t->ncols == 0)
		return;
	for (size_t row = 0; row < t->nrows; row++) {
		bp_buf_putc(out, '|');
		for (size_t c = 0; c < t->ncols; c++) {
			bp_buf_putc(out, ' ');
			put_cell(out, pp, &t->cells[row * t->ncols + c]);
			bp_buf_puts(out, " |");
		}
		bp_buf_putc(out, '\n');
		if (row > 0)
			continue;
		bp_buf_putc(out, '|');
		for (size_t c = 0; c < t->ncols; c++) {
			const struct bp_imp_cell *cell = &t->cells[c];
			char a = cell->nparas ? cell->paras[0].align : 0;
			bp_buf_puts(out, a == 'l' ? ":---|" : a == 'c' ?
			    ":---:|" : a == 'r' ? "---:|" : "---|");
		}
		bp_buf_putc(out, '\n');
	}
}

static void
put_image(struct bp_buf *out, const struct bp_imp_para *p)
{
	struct inl in;

	if (p->image == NULL) {
		bp_buf_puts(out, "<!-- an image was here, but the Word file "
		    "does not hold it -->\n");
		return;
	}
	memset(&in, 0, sizeof(in));
	in.out = out;
	bp_buf_puts(out, "![");
	put_escaped(&in, p->alt[0] ? p->alt : "Image: describe it here",
	    strlen(p->alt[0] ? p->alt : "Image: describe it here"));
	bp_buf_puts(out, "](");
	put_url(out, p->image);
	bp_buf_puts(out, ")\n");
}

static void
put_block(struct bp_buf *out, const struct bp_imp_paper *pp,
	const struct bp_imp_block *b)
{
	const struct bp_imp_para *p = b->span.p;

	switch (b->kind) {
	case BP_IMP_B_HEADING:
		bp_buf_repeat(out, '#', (size_t)b->level);
		bp_buf_putc(out, ' ');
		put_inline(out, pp, p, b->span.skip, false);
		if (b->label != NULL)
			bp_buf_printf(out, " {#%s}", b->label);
		break;
	case BP_IMP_B_ORDERED:
	case BP_IMP_B_BULLET:
		bp_buf_repeat(out, ' ', 4 * (size_t)b->depth);
		bp_buf_puts(out, b->kind == BP_IMP_B_ORDERED ? "1. " : "- ");
		/* fall through */
	case BP_IMP_B_PARA:
		if (b->label != NULL)
			bp_buf_printf(out, "{#%s} ", b->label);
		put_inline(out, pp, p, b->span.skip, false);
		break;
	case BP_IMP_B_QUOTE:
		bp_buf_puts(out, "> ");
		put_inline(out, pp, p, b->span.skip, false);
		break;
	case BP_IMP_B_CAPTION:
		bp_buf_puts(out, "Table: ");
		put_inline(out, pp, p, b->span.skip, false);
		break;
	case BP_IMP_B_TABLE:
		put_table(out, pp, &p->table);
		return;
	case BP_IMP_B_IMAGE:
		put_image(out, p);
		return;
	}
	bp_buf_putc(out, '\n');
}

void
bp_imp_write_source(const struct bp_imp_paper *pp, struct bp_buf *md)
{
	put_front_matter(md, pp);
	for (size_t i = 0; i < pp->nblocks; i++) {
		const struct bp_imp_block *b = &pp->blocks[i];
		/* list items stay together: a tight list */
		if (!(i > 0 && is_item(b) && is_item(&pp->blocks[i - 1])))
			bp_buf_putc(md, '\n');
		put_block(md, pp, b);
	}
}

/* --- files --------------------------------------------------------------- */

static void
write_error(struct bp_diags *d, const char *path, int err)
{
	bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_WRITE, path, strerror(err));
}

/* Through a temporary file and a rename (file.c); a link() when the
 * target must not exist, so that a file appearing meanwhile is never
 * replaced. */
int
bp_imp_write_file(const char *path, const void *data, size_t len, bool force,
	struct bp_diags *d)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		if (bp_file_write_all(STDOUT_FILENO, data, len) == 0)
			return 0;
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_WRITE_STDOUT,
		    strerror(errno));
		return -1;
	}
	if (!force && lstat(path, &st) == 0) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_EXISTS, path);
		return -1;
	}
	if (bp_file_write_atomic(path, data, len, force ? BP_FILE_REPLACE :
	    BP_FILE_NO_REPLACE) == 0)
		return 0;
	if (errno == EEXIST)
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_EXISTS, path);
	else
		write_error(d, path, errno);
	return -1;
}
