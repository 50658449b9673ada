/* The one recogniser of Word papers: finds the title, the cover block, the
 * headings and the paragraph numbers in the neutral paragraph list. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/labels.h"
#include "boardpaper/style.h"
#include "import.h"

enum key {
	K_NONE,
	K_TITLE,
	K_BOARD,
	K_MEETING,
	K_ITEM,
	K_CONFIDENTIAL,
	K_PURPOSE,
	K_SUMMARY,
	K_RECOMMENDATION,
	K_RECOMMENDATIONS,
	K_ACTION,
	K_CONTACT,
	K_POSITION,
	K_PHONE,
	K_EMAIL,
	K_BACKGROUND,
	K_FIELD /* a house-style field: index in field */
};

/* The cover labels Word templates use, matched in any case, with or
 * without a colon.  The printed labels come first; the rest are the
 * variants councils' templates use for the same field. */
static const struct {
	const char *label;
	enum key key;
} labels[] = {
	{ "purpose of report", K_PURPOSE },
	{ "purpose of the report", K_PURPOSE },
	{ "purpose", K_PURPOSE },
	{ "summary", K_SUMMARY },
	{ "executive summary", K_SUMMARY },
	{ "report summary", K_SUMMARY },
	{ "recommendation", K_RECOMMENDATION },
	{ "recommendations", K_RECOMMENDATIONS },
	{ "action", K_ACTION },
	{ "actions", K_ACTION },
	{ "action required", K_ACTION },
	{ "contact officer", K_CONTACT },
	{ "contact officers", K_CONTACT },
	{ "contact", K_CONTACT },
	{ "report author", K_CONTACT },
	{ "author", K_CONTACT },
	{ "position", K_POSITION },
	{ "job title", K_POSITION },
	{ "phone no", K_PHONE },
	{ "phone", K_PHONE },
	{ "phone number", K_PHONE },
	{ "telephone", K_PHONE },
	{ "telephone number", K_PHONE },
	{ "tel", K_PHONE },
	{ "tel no", K_PHONE },
	{ "email", K_EMAIL },
	{ "e-mail", K_EMAIL },
	{ "email address", K_EMAIL },
	{ "board", K_BOARD },
	{ "committee", K_BOARD },
	{ "meeting", K_MEETING },
	{ "meeting date", K_MEETING },
	{ "date of meeting", K_MEETING },
	{ "date", K_MEETING },
	{ "item", K_ITEM },
	{ "agenda item", K_ITEM },
	{ "item number", K_ITEM },
	{ "report title", K_TITLE },
	{ "title", K_TITLE },
	{ "confidential", K_CONFIDENTIAL },
	{ "exempt", K_CONFIDENTIAL },
	{ "reason for exemption", K_CONFIDENTIAL },
	{ "background papers", K_BACKGROUND },
	{ "list of background papers", K_BACKGROUND },
};

/* A label from the label tables or the house style, lower-cased. */
struct alias {
	const char *text;
	enum key key;
	size_t field; /* K_FIELD: which */
	bool welsh;   /* from the Welsh table, and not an English word */
};

struct rec {
	struct bp_imp_doc *doc;
	struct bp_imp_paper *paper;
	struct bp_diags *d;
	const struct bp_house_style *style;
	struct alias *aliases;
	size_t naliases, aliases_cap;
	char **plain; /* each top-level paragraph's plain text */
	/* the cover field being filled */
	enum key open;      /* K_NONE when none */
	size_t open_field;  /* K_FIELD: which */
	bool open_alone;    /* its label stood alone: values follow */
	bool numbers_certain; /* the paper numbers as the source did */
	size_t welsh, english; /* cover labels matched in each language */
	size_t *block_of;      /* a top-level paragraph's block index + 1 */
	struct numbered *numbered; /* numbered blocks, sorted, for typed
	                            * references */
	size_t nnumbered;
	const char **labels;   /* a hash set of the labels given */
	size_t *labels_next;   /* by slot: the next "-N" to try after it */
	size_t labels_cap;     /* a power of two */
	bool counting;         /* while the cover block is read */
	size_t end;            /* where the body ends: a running footer
	                        * copied into the text follows */
};

/* --- text helpers ------------------------------------------------------ */

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == 0xA0;
}

/* Skips spaces, tabs and no-break spaces (U+00A0). */
static size_t
skip_spaces(const char *s, size_t i)
{
	for (;;) {
		if (s[i] == ' ' || s[i] == '\t')
			i++;
		else if ((unsigned char)s[i] == 0xC2 &&
		    (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

static size_t
trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	if (n > 0 && (unsigned char)s[n - 1] == 0xC2)
		n--;
	return n;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		bool sp = is_space((unsigned char)*s);
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Compares a label with text, ASCII case-insensitively, treating runs of
 * spaces as one and "no." as "no"; returns the bytes of `s` matched, or
 * 0. */
static size_t
match_label(const char *s, const char *label)
{
	size_t i = 0;

	while (*label) {
		if (*label == ' ') {
			if (!is_space((unsigned char)s[i]))
				return 0;
			i = skip_spaces(s, i);
			label++;
			continue;
		}
		if (tolower((unsigned char)s[i]) != *label)
			return 0;
		i++;
		label++;
	}
	if (s[i] == '.' && i >= 2 && tolower((unsigned char)s[i - 1]) == 'o' &&
	    tolower((unsigned char)s[i - 2]) == 'n')
		i++;
	return i;
}

static bool
ascii_ieq_prefix(const char *s, const char *label, size_t *len)
{
	size_t n = match_label(s, label);

	*len = n;
	return n > 0;
}

/* A label at the start of `s`: alone (optionally with a colon), or followed
 * by a colon or a tab and its value.  Sets *value to the value's offset
 * (strlen(s) when alone). */
static enum key
find_label(struct rec *r, const char *s, size_t *value, size_t *field)
{
	size_t best = 0, n;
	enum key key = K_NONE;
	size_t i = skip_spaces(s, 0);
	bool welsh = false;

	*value = 0;
	for (size_t k = 0; k < sizeof(labels) / sizeof(*labels); k++)
		if (ascii_ieq_prefix(s + i, labels[k].label, &n) && n > best) {
			size_t e = i + n;
			if (isalnum((unsigned char)s[e]))
				continue;
			best = n;
			key = labels[k].key;
			welsh = false;
		}
	for (size_t a = 0; a < r->naliases; a++)
		if (ascii_ieq_prefix(s + i, r->aliases[a].text, &n) &&
		    n > best && !isalnum((unsigned char)s[i + n])) {
			best = n;
			key = r->aliases[a].key;
			*field = r->aliases[a].field;
			welsh = r->aliases[a].welsh;
		}
	if (key == K_NONE)
		return K_NONE;
	if (r->counting)
		*(welsh ? &r->welsh : &r->english) += 1;
	i += best;
	size_t after = skip_spaces(s, i);
	if (s[after] == ':') {
		*value = skip_spaces(s, after + 1);
		return key;
	}
	if (s[after] == '\0') {
		*value = after;
		return key;
	}
	/* "Label<TAB>value" without a colon */
	if (after > i && memchr(s + i, '\t', after - i) != NULL) {
		*value = after;
		return key;
	}
	return K_NONE;
}

/* A typed paragraph number: "11.", "11.1", "11.1.2", "11)" or "11" and a
 * tab, then a space or tab.  Fills parts (up to 3) and returns how many,
 * with *len the bytes up to the text. */
static int
typed_number(const char *s, long parts[3], size_t *len)
{
	size_t i = skip_spaces(s, 0);
	int n = 0;
	bool dot = false;

	while (n < 3 && isdigit((unsigned char)s[i])) {
		long v = 0;
		size_t start = i;
		while (isdigit((unsigned char)s[i]) && i - start < 4)
			v = v * 10 + (s[i++] - '0');
		if (isdigit((unsigned char)s[i]))
			return 0;
		parts[n++] = v;
		dot = false;
		if (s[i] == '.' || (s[i] == ')' && n == 1)) {
			dot = true;
			i++;
			if (!isdigit((unsigned char)s[i]))
				break;
		} else
			break;
	}
	if (n == 0)
		return 0;
	if (s[i] == '\t')
		dot = true;
	else if (!(s[i] == ' ' || ((unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0)))
		return 0;
	/* "2020 was", "12.5 million": a single number needs its dot or tab;
	 * "12.5 million" stays text unless a tab follows */
	if (!dot && n == 1)
		return 0;
	if (n > 1 && s[i] != '\t' && !dot) {
		/* "11.1 text": accepted, the caller checks the sequence */
	}
	*len = skip_spaces(s, i);
	return n;
}

static bool
is_underline(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s != '=' && *s != '-' && *s != '_' && *s != '*')
			return false;
	return n >= 3;
}

/* --- values ------------------------------------------------------------ */

static void
value_add(struct rec *r, struct bp_imp_value *v, const struct bp_imp_para *p,
	size_t skip)
{
	v->spans = bp_imp_grow(r->doc, v->spans, v->nspans, &v->cap,
	    sizeof(*v->spans));
	v->spans[v->nspans++] = (struct bp_imp_span){ p, skip };
	if (v->line == 0)
		v->line = p->line;
}

static struct bp_imp_value *
new_recommendation(struct rec *r)
{
	struct bp_imp_paper *pp = r->paper;

	pp->recommendations = bp_imp_grow(r->doc, pp->recommendations,
	    pp->nrecommendations, &pp->recommendations_cap,
	    sizeof(*pp->recommendations));
	memset(&pp->recommendations[pp->nrecommendations], 0,
	    sizeof(*pp->recommendations));
	return &pp->recommendations[pp->nrecommendations++];
}

static struct bp_imp_contact *
new_contact(struct rec *r)
{
	struct bp_imp_paper *pp = r->paper;

	pp->contacts = bp_imp_grow(r->doc, pp->contacts, pp->ncontacts,
	    &pp->contacts_cap, sizeof(*pp->contacts));
	memset(&pp->contacts[pp->ncontacts], 0, sizeof(*pp->contacts));
	return &pp->contacts[pp->ncontacts++];
}

static struct bp_imp_contact *
current_contact(struct rec *r)
{
	if (r->paper->ncontacts == 0)
		return new_contact(r);
	return &r->paper->contacts[r->paper->ncontacts - 1];
}

static const char *const month_names[12] = { "january", "february",
	"march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december" };

/* "18 November 2020", "Wednesday 18th November 2020", "2020-11-18" or
 * "18/11/2020" as an ISO date; false when it is none of them.  *used is
 * the bytes the date took. */
static bool
parse_date(const char *s, char iso[11], size_t *used)
{
	int y = 0, m = 0, d = 0, n = 0;
	size_t i = skip_spaces(s, 0);

	if (sscanf(s + i, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		n += (int)i;
		goto done;
	}
	if (sscanf(s + i, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && y > 1900) {
		n += (int)i;
		goto done;
	}
	/* an optional weekday */
	while (isalpha((unsigned char)s[i]))
		i++;
	if (i > 0 && s[i] == ',')
		i++;
	if (!isdigit((unsigned char)s[i]))
		i = skip_spaces(s, i);
	if (!isdigit((unsigned char)s[i])) {
		i = skip_spaces(s, 0);
		if (!isdigit((unsigned char)s[i]))
			return false;
	}
	d = 0;
	while (isdigit((unsigned char)s[i]) && d < 100)
		d = d * 10 + (s[i++] - '0');
	if (strncmp(s + i, "st", 2) == 0 || strncmp(s + i, "nd", 2) == 0 ||
	    strncmp(s + i, "rd", 2) == 0 || strncmp(s + i, "th", 2) == 0)
		i += 2;
	i = skip_spaces(s, i);
	for (m = 0; m < 12; m++) {
		size_t len = strlen(month_names[m]);
		if (strncasecmp(s + i, month_names[m], len) == 0 &&
		    !isalpha((unsigned char)s[i + len])) {
			i += len;
			break;
		}
	}
	if (m == 12)
		return false;
	m++;
	i = skip_spaces(s, i);
	if (sscanf(s + i, "%4d%n", &y, &n) != 1 || n != 4)
		return false;
	n += (int)i;
done:
	if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200)
		return false;
	snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	*used = (size_t)n;
	return true;
}

static void
set_meeting(struct rec *r, const char *s)
{
	char iso[11];
	size_t used;

	if (r->paper->meeting != NULL)
		return;
	if (parse_date(s, iso, &used)) {
		r->paper->meeting = bp_arena_strdup(r->doc->arena, iso);
		r->paper->meeting_is_date = true;
	} else
		r->paper->meeting = bp_arena_strndup(r->doc->arena, s,
		    trimmed_len(s));
}

/* The value of an "Item 5" or "Agenda item 4a" part, or NULL. */
static const char *
item_value(const char *part)
{
	size_t n;

	if ((ascii_ieq_prefix(part, "agenda item", &n) ||
	    ascii_ieq_prefix(part, "item", &n)) &&
	    (is_space((unsigned char)part[n]) || part[n] == ':')) {
		n = skip_spaces(part, n);
		if (part[n] == ':')
			n = skip_spaces(part, n + 1);
		if (part[n] != '\0' && strlen(part + n) <= 8 &&
		    count_words(part + n) == 1)
			return part + n;
	}
	return NULL;
}

/* One part of a masthead line: "Item 5", "Item number: 5", a date,
 * "Meeting: 12 March 2026", "Date: 12 March 2026" (any meeting or item
 * label with its value).  Records it unless `dry`; false when it is none
 * of them. */
static bool
take_fact(struct rec *r, const char *part, bool dry)
{
	char iso[11];
	size_t used, vpos = 0, fi;
	const char *item = item_value(part);
	enum key k = K_NONE;

	if (item == NULL) {
		k = find_label(r, part, &vpos, &fi);
		if (k == K_ITEM && part[vpos] != '\0' &&
		    strlen(part + vpos) <= 8 && count_words(part + vpos) == 1)
			item = part + vpos;
	}
	if (item != NULL) {
		if (!dry && r->paper->item == NULL)
			r->paper->item = bp_arena_strdup(r->doc->arena, item);
		return true;
	}
	if (k == K_MEETING && part[vpos] != '\0') {
		if (!dry)
			set_meeting(r, part + vpos);
		return true;
	}
	if (k == K_NONE && parse_date(part, iso, &used) &&
	    part[skip_spaces(part, used)] == '\0') {
		if (!dry)
			set_meeting(r, part);
		return true;
	}
	return false;
}

/* A line of facts from a paper's masthead, its parts separated by "·" or
 * "|": records them unless `dry`; false when the line is not one. */
static bool
is_facts(struct rec *r, const char *s, bool dry)
{
	size_t i = skip_spaces(s, 0);

	if (s[i] == '\0')
		return false;
	while (s[i] != '\0') {
		size_t end = i, next;
		while (s[end] && s[end] != '|' && strncmp(s + end,
		    "\xc2\xb7", 2) != 0)
			end++;
		next = s[end] == '\0' ? end : s[end] == '|' ? end + 1 :
		    end + 2;
		char *part = bp_arena_strndup(r->doc->arena, s + i, end - i);
		part[trimmed_len(part)] = '\0';
		if (!take_fact(r, part, dry))
			return false;
		i = skip_spaces(s, next);
	}
	return true;
}

static bool
take_facts(struct rec *r, const char *s)
{
	return is_facts(r, s, false);
}

/* --- the cover block ---------------------------------------------------- */

static const char *
para_plain(struct rec *r, const struct bp_imp_para *p)
{
	return bp_imp_plain(r->doc, p);
}

static bool
is_phone(const char *s)
{
	size_t digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr(" +()-.", *s) && !is_space((unsigned char)*s))
			return false;
	}
	return digits >= 6;
}

static bool
is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at > s && strchr(at, '.') != NULL &&
	    count_words(s) == 1;
}

/* Whether the paragraph after `p` (empty ones skipped) is numbered: a
 * short line before the first numbered paragraph is a heading, not a
 * contact's position. */
static bool
numbered_next(struct rec *r, const struct bp_imp_para *p)
{
	const struct bp_imp_para *end = r->doc->paras + r->doc->nparas;
	long parts[3];
	size_t len;

	if (p < r->doc->paras || p >= end)
		return false; /* a table cell's paragraph */
	for (p++; p < end; p++) {
		const char *s = para_plain(r, p);
		if (p->kind != BP_IMP_PARA)
			return false;
		if (s[0] == '\0')
			continue;
		return typed_number(s, parts, &len) > 0 ||
		    (p->num_level >= 0 && p->num_fmt != BP_IMP_NUM_BULLET);
	}
	return false;
}

/* Whether `p` is the first line of a Word paragraph whose lines are a
 * contact's: a line after it (Shift+Enter) is a phone or email, bare or
 * labelled. */
static bool
contact_paragraph(struct rec *r, const struct bp_imp_para *p)
{
	const struct bp_imp_para *end = r->doc->paras + r->doc->nparas;
	size_t vpos, f;

	if (p < r->doc->paras || p >= end || p->after_break)
		return false;
	for (p++; p < end && p->after_break; p++) {
		const char *s = para_plain(r, p);
		enum key k = find_label(r, s, &vpos, &f);
		if (is_email(s) || is_phone(s) || k == K_PHONE || k == K_EMAIL)
			return true;
	}
	return false;
}

/* Fills the contact from one unlabelled line of its block: false when the
 * contact is complete and the line belongs to what follows.  `bounded`:
 * inside a table cell, where a second name starts a second contact. */
static bool
contact_line(struct rec *r, const struct bp_imp_para *p, size_t skip,
	bool bounded)
{
	struct bp_imp_contact *c = current_contact(r);
	const char *s = para_plain(r, p) + skip;

	if (is_email(s) && c->email.nspans == 0) {
		value_add(r, &c->email, p, skip);
		return true;
	}
	if (is_phone(s) && c->phone.nspans == 0) {
		value_add(r, &c->phone, p, skip);
		return true;
	}
	if (c->name.nspans == 0) {
		value_add(r, &c->name, p, skip);
		return true;
	}
	if (c->position.nspans == 0 && c->phone.nspans == 0 &&
	    c->email.nspans == 0 && (bounded || !numbered_next(r, p))) {
		value_add(r, &c->position, p, skip);
		return true;
	}
	/* another line of the contact's paragraph ("Licensing Service",
	 * after the position): the position goes on */
	if (p->after_break) {
		value_add(r, &c->position, p, skip);
		return true;
	}
	if (!bounded && !contact_paragraph(r, p))
		return false;
	c = new_contact(r);
	value_add(r, &c->name, p, skip);
	return true;
}

static struct bp_imp_value *
simple_value(struct rec *r, enum key k)
{
	struct bp_imp_paper *pp = r->paper;

	switch (k) {
	case K_TITLE: return &pp->title;
	case K_BOARD: return &pp->board;
	case K_CONFIDENTIAL: return &pp->confidential;
	case K_PURPOSE: return &pp->purpose;
	case K_SUMMARY: return &pp->summary;
	case K_ACTION: return &pp->action;
	case K_FIELD: return &pp->fields[r->open_field];
	default: return NULL;
	}
}

static struct bp_imp_value *
contact_value(struct rec *r, enum key k)
{
	struct bp_imp_contact *c = current_contact(r);

	return k == K_POSITION ? &c->position : k == K_PHONE ? &c->phone :
	    &c->email;
}

/* A line's typed number, if any, as bytes to skip. */
static size_t
number_skip(const char *s)
{
	long parts[3];
	size_t len;

	return typed_number(s, parts, &len) > 0 ? len : 0;
}

/* A value that follows its label: false when the paragraph is not part
 * of the field (the cover block may be over). */
static bool
field_line(struct rec *r, const struct bp_imp_para *p, size_t skip,
	bool bounded)
{
	const char *s = para_plain(r, p) + skip;
	struct bp_imp_value *v;

	switch (r->open) {
	case K_NONE:
		return false;
	case K_RECOMMENDATION:
	case K_RECOMMENDATIONS:
		/* a line of the same Word paragraph: the same recommendation */
		if (r->paper->nrecommendations > 0 && p->after_break &&
		    number_skip(s) == 0 && p->num_level < 0) {
			value_add(r, &r->paper->recommendations[
			    r->paper->nrecommendations - 1], p, skip);
			return true;
		}
		if (r->paper->nrecommendations > 0 && !r->open_alone &&
		    !bounded && number_skip(s) == 0 && p->num_level < 0)
			return false;
		value_add(r, new_recommendation(r), p, skip + number_skip(s));
		if (r->paper->nrecommendations > 1 || number_skip(s) > 0 ||
		    p->num_level >= 0)
			r->paper->recommendations_list = true;
		return true;
	case K_CONTACT:
		return contact_line(r, p, skip, bounded);
	case K_POSITION:
	case K_PHONE:
	case K_EMAIL:
		v = contact_value(r, r->open);
		r->open = K_CONTACT;
		if (v->nspans == 0) {
			value_add(r, v, p, skip);
			return true;
		}
		return contact_line(r, p, skip, bounded);
	case K_MEETING:
		r->open = K_NONE;
		if (r->paper->meeting != NULL)
			return false;
		set_meeting(r, s);
		return true;
	case K_ITEM:
		r->open = K_NONE;
		if (r->paper->item != NULL)
			return false;
		r->paper->item = bp_arena_strndup(r->doc->arena, s,
		    trimmed_len(s));
		return true;
	case K_BACKGROUND:
		return false;
	default:
		v = simple_value(r, r->open);
		if (v->nspans > 0 && !r->open_alone && !bounded &&
		    !p->after_break)
			return false;
		value_add(r, v, p, skip);
		return true;
	}
}

/* A cover label and whatever value stands beside it. */
static void
open_field(struct rec *r, enum key k, size_t field,
	const struct bp_imp_para *p, size_t vpos, bool bounded)
{
	const char *s = para_plain(r, p);
	bool alone = s[vpos] == '\0';

	if (k == K_CONTACT && (!bounded || r->paper->ncontacts == 0 ||
	    current_contact(r)->name.nspans > 0))
		new_contact(r);
	if (k == K_RECOMMENDATIONS)
		r->paper->recommendations_list = true;
	if (k == K_BACKGROUND)
		r->paper->has_background_papers = true;
	r->open = k;
	r->open_field = field;
	r->open_alone = alone;
	if (!alone)
		field_line(r, p, vpos, bounded);
	r->open_alone = alone;
}

/* A cover row's label: the key, or K_NONE. */
static enum key
cell_label(struct rec *r, const struct bp_imp_cell *c, size_t *field)
{
	size_t vpos;
	enum key k;

	if (c->nparas == 0)
		return K_NONE;
	k = find_label(r, para_plain(r, &c->paras[0]), &vpos, field);
	return para_plain(r, &c->paras[0])[vpos] == '\0' ? k : K_NONE;
}

static bool
is_cover_table(struct rec *r, const struct bp_imp_para *t)
{
	size_t labelled = 0, f;

	if (t->table.ncols < 2)
		return false;
	for (size_t row = 0; row < t->table.nrows; row++)
		labelled += cell_label(r, &t->table.cells[row *
		    t->table.ncols], &f) != K_NONE;
	return labelled * 2 > t->table.nrows;
}

static void
take_cell(struct rec *r, const struct bp_imp_cell *c)
{
	for (size_t i = 0; i < c->nparas; i++)
		if (para_plain(r, &c->paras[i])[0] != '\0')
			field_line(r, &c->paras[i], 0, true);
}

static void
take_cover_table(struct rec *r, const struct bp_imp_para *t)
{
	size_t ncols = t->table.ncols, f = 0;

	for (size_t row = 0; row < t->table.nrows; row++) {
		const struct bp_imp_cell *cells = &t->table.cells[row * ncols];
		for (size_t c = 0; c < ncols; c++) {
			enum key k = cell_label(r, &cells[c], &f);
			if (k != K_NONE && !cells[c].merged) {
				open_field(r, k, f, &cells[c].paras[0],
				    strlen(para_plain(r, &cells[c].paras[0])),
				    true);
				r->open_alone = true;
			} else if (!cells[c].merged)
				take_cell(r, &cells[c]);
		}
		r->open = K_NONE;
	}
}

/* --- the title and the cover's extent ------------------------------------ */

static bool
is_title_style(const struct bp_imp_para *p)
{
	return strcasecmp(p->style, "Title") == 0;
}

static bool
label_line(struct rec *r, size_t i)
{
	const struct bp_imp_para *p = &r->doc->paras[i];
	size_t vpos, f;

	if (p->kind == BP_IMP_TABLE)
		return is_cover_table(r, p);
	return p->kind == BP_IMP_PARA && p->outline == 0 &&
	    find_label(r, r->plain[i], &vpos, &f) != K_NONE &&
	    find_label(r, r->plain[i], &vpos, &f) != K_TITLE;
}

/* The first cover label, looked for among the paper's first paragraphs;
 * doc->nparas when there is none. */
static size_t
cover_start(struct rec *r)
{
	size_t limit = r->doc->nparas < 40 ? r->doc->nparas : 40;

	/* a masthead's "Meeting: 12 March 2026 · Item 5" is not the cover */
	for (size_t i = 0; i < limit; i++)
		if (label_line(r, i) && !is_facts(r, r->plain[i], true))
			return i;
	return r->doc->nparas;
}

/* Adds candidate `c` of the masthead, its first line and the lines after
 * it, to `v`. */
static void
add_candidate(struct rec *r, struct bp_imp_value *v, const size_t *cand,
	const size_t *lines, size_t c)
{
	for (size_t k = 0; k < lines[c]; k++)
		value_add(r, v, &r->doc->paras[cand[c] + k], 0);
}

/* The masthead before the cover: facts, the board and the title.  The
 * lines of one Word paragraph that are not facts are one candidate. */
static void
take_preamble(struct rec *r, size_t end)
{
	size_t cand[8], lines[8], ncand = 0, heading = SIZE_MAX,
	    last = SIZE_MAX; /* the paragraph the last candidate ends at */
	bool in_title = false;

	for (size_t i = 0; i < end; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		const char *s = r->plain[i];
		if (p->kind != BP_IMP_PARA || s[0] == '\0' || is_underline(s))
			continue;
		if (is_title_style(p) && (r->paper->title.nspans == 0 ||
		    (in_title && p->after_break))) {
			value_add(r, &r->paper->title, p, 0);
			in_title = true;
			continue;
		}
		in_title = false;
		if (take_facts(r, s))
			continue;
		/* the house style's organisation heads its papers: no board */
		if (r->style->organisation != NULL &&
		    strcmp(s, r->style->organisation) == 0)
			continue;
		if (p->after_break && ncand > 0 && last == i - 1 &&
		    cand[ncand - 1] + lines[ncand - 1] == i) {
			lines[ncand - 1]++;
			last = i;
			continue;
		}
		if (p->outline > 0 && heading == SIZE_MAX && ncand < 8)
			heading = ncand;
		if (ncand < 8) {
			cand[ncand] = i;
			lines[ncand++] = 1;
			last = i;
		}
	}
	if (r->paper->title.nspans == 0 && ncand > 0) {
		size_t t = heading != SIZE_MAX ? heading : ncand - 1;
		add_candidate(r, &r->paper->title, cand, lines, t);
		if (r->paper->board.nspans == 0 && t != 0)
			add_candidate(r, &r->paper->board, cand, lines, 0);
	} else if (r->paper->board.nspans == 0 && ncand > 0)
		add_candidate(r, &r->paper->board, cand, lines, 0);
}

/* A paper with no cover block: its title is its first line or heading. */
static size_t
take_title_only(struct rec *r)
{
	for (size_t i = 0; i < r->doc->nparas; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		if (p->kind != BP_IMP_PARA || r->plain[i][0] == '\0' ||
		    is_underline(r->plain[i]))
			continue;
		if (take_facts(r, r->plain[i]))
			continue;
		if (is_title_style(p) || p->outline > 0 || r->doc->from_text ||
		    p->all_bold) {
			value_add(r, &r->paper->title, p, 0);
			return i + 1;
		}
		return i;
	}
	return r->doc->nparas;
}

static bool
body_starts(struct rec *r, size_t i)
{
	const struct bp_imp_para *p = &r->doc->paras[i];
	bool recs = r->open == K_RECOMMENDATION ||
	    r->open == K_RECOMMENDATIONS;

	if (p->kind != BP_IMP_PARA)
		return !label_line(r, i);
	if (p->after_break)
		return false; /* its paragraph's first line is in the cover */
	if (p->outline > 0)
		return true;
	if (!recs && (number_skip(r->plain[i]) > 0 ||
	    (p->num_level >= 0 && p->num_fmt != BP_IMP_NUM_BULLET)))
		return true;
	return false;
}

/* The cover block from `start`; returns where the body starts. */
static size_t
take_cover(struct rec *r, size_t start)
{
	size_t i;

	for (i = start; i < r->doc->nparas; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		const char *s = r->plain[i];
		size_t vpos, f = 0;
		enum key k;

		if (p->kind == BP_IMP_TABLE && is_cover_table(r, p)) {
			take_cover_table(r, p);
			continue;
		}
		if (p->kind == BP_IMP_PARA && (s[0] == '\0' ||
		    is_underline(s)))
			continue;
		if (p->kind == BP_IMP_PARA && p->outline == 0 &&
		    (k = find_label(r, s, &vpos, &f)) != K_NONE) {
			if (k == K_BACKGROUND)
				break;
			open_field(r, k, f, p, vpos, false);
			continue;
		}
		if (body_starts(r, i) || p->kind != BP_IMP_PARA ||
		    !field_line(r, p, 0, false))
			break;
	}
	r->open = K_NONE;
	return i;
}

/* --- the body ------------------------------------------------------------ */

enum mode {
	MODE_PLAIN, /* paragraphs unnumbered; Word lists are sub-paragraphs */
	MODE_TYPED, /* numbers typed by hand: "11.", "11.1" */
	MODE_AUTO   /* Word's automatic numbering on the paragraphs */
};

struct body {
	enum mode mode;
	int main_num; /* MODE_AUTO: the numId of the paragraphs */
	int more_nums[16]; /* MODE_AUTO: lists that continue the paragraphs
	                    * after a heading (pandoc starts one per list) */
	size_t nmore;
	int item_base;     /* the Word level of the list's first item */
	long top, sub, subsub; /* the paper's numbers so far */
	bool in_para;          /* a numbered paragraph since the heading */
	char prev[40];         /* the last typed number, as typed */
	char prev_para[40];    /* the last typed paragraph number */
	long prev_top;         /* its first part */
	bool sections;         /* numbering: sections (numbered headings) */
	long section;          /* the section's number */
};

static struct bp_imp_block *
add_block(struct rec *r, enum bp_imp_block_kind kind,
	const struct bp_imp_para *p, size_t skip)
{
	struct bp_imp_paper *pp = r->paper;
	struct bp_imp_block *b;

	pp->blocks = bp_imp_grow(r->doc, pp->blocks, pp->nblocks,
	    &pp->blocks_cap, sizeof(*pp->blocks));
	b = &pp->blocks[pp->nblocks++];
	memset(b, 0, sizeof(*b));
	if (p >= r->doc->paras && p < r->doc->paras + r->doc->nparas)
		r->block_of[p - r->doc->paras] = pp->nblocks;
	b->kind = kind;
	b->span = (struct bp_imp_span){ p, skip };
	return b;
}

static bool
is_style(const struct bp_imp_para *p, const char *a, const char *b)
{
	return strcasecmp(p->style, a) == 0 ||
	    (b != NULL && strcasecmp(p->style, b) == 0);
}

static bool
ends_sentence(const char *s)
{
	size_t n = trimmed_len(s);

	return n > 0 && strchr(".:;,?!", s[n - 1]) != NULL;
}

/* A short line between numbered paragraphs, or a short bold one. */
static bool
heading_like(struct rec *r, const struct body *b, const struct bp_imp_para *p,
	const char *s)
{
	bool shortline = count_words(s) <= 12 && strlen(s) <= 120 &&
	    !ends_sentence(s);

	if (!shortline || p->num_level >= 0 || number_skip(s) > 0)
		return false;
	return p->all_bold || b->mode != MODE_PLAIN || r->doc->from_text;
}

static void
where(const struct rec *r, const struct bp_imp_para *p, char *buf,
	size_t size)
{
	if (r->doc->from_text)
		buf[0] = '\0';
	else
		snprintf(buf, size, " (paragraph %u)", p->line);
}

static struct bp_pos
pos_of(const struct rec *r, const struct bp_imp_para *p)
{
	return (struct bp_pos){ r->doc->from_text ? p->line : 0, 1 };
}

static void
number_para(struct rec *r, struct body *b, struct bp_imp_block *blk)
{
	b->top++;
	b->sub = b->subsub = 0;
	b->in_para = true;
	blk->number = b->sections ? bp_arena_printf(r->doc->arena, "%ld.%ld",
	    b->section, b->top) : bp_arena_printf(r->doc->arena, "%ld",
	    b->top);
}

static void
number_item(struct rec *r, struct body *b, struct bp_imp_block *blk)
{
	if (!b->in_para)
		return; /* an ordinary list after a heading */
	const char *top = b->sections ? bp_arena_printf(r->doc->arena,
	    "%ld.%ld", b->section, b->top) : bp_arena_printf(r->doc->arena,
	    "%ld", b->top);

	if (blk->depth == 0) {
		b->sub++;
		b->subsub = 0;
		blk->number = bp_arena_printf(r->doc->arena, "%s.%ld", top,
		    b->sub);
	} else if (blk->depth == 1) {
		b->subsub++;
		blk->number = bp_arena_printf(r->doc->arena, "%s.%ld.%ld", top,
		    b->sub, b->subsub);
	}
}

static void
sequence_warning(struct rec *r, const struct bp_imp_para *p,
	const char *typed, const char *prev, const char *now)
{
	char at[48];

	where(r, p, at, sizeof(at));
	bp_diag(r->d, pos_of(r, p), BP_W_IMPORT_SEQUENCE, typed,
	    prev[0] ? prev : "the start", now, at);
	r->numbers_certain = false;
}

/* A paragraph with a typed number: a numbered paragraph or a
 * sub-paragraph, checked against the sequence. */
static void
typed_block(struct rec *r, struct body *b, const struct bp_imp_para *p,
	const char *s, long typed_parts[3], int n, size_t len)
{
	char typed[40];
	struct bp_imp_block *blk;
	int w = snprintf(typed, sizeof(typed), "%ld", typed_parts[0]);
	long parts[3] = { typed_parts[0], typed_parts[1], typed_parts[2] };
	bool wrong_section = false;

	for (int k = 1; k < n && w > 0 && (size_t)w < sizeof(typed); k++)
		w += snprintf(typed + w, sizeof(typed) - (size_t)w, ".%ld",
		    typed_parts[k]);
	(void)s;
	if (b->sections && n > 1) {
		/* "2.3" is paragraph 3 of section 2 */
		wrong_section = parts[0] != b->section;
		parts[0] = parts[1];
		parts[1] = parts[2];
		n--;
	} else if (b->sections)
		wrong_section = true;
	if (n == 1 || !b->in_para) {
		blk = add_block(r, BP_IMP_B_PARA, p, len);
		number_para(r, b, blk);
		if (n != 1 || parts[0] != b->top || wrong_section)
			sequence_warning(r, p, typed, b->prev_para,
			    blk->number);
		b->prev_top = parts[0];
		snprintf(b->prev_para, sizeof(b->prev_para), "%s", typed);
	} else {
		blk = add_block(r, BP_IMP_B_ORDERED, p, len);
		blk->depth = n - 2;
		number_item(r, b, blk);
		long want = n == 2 ? b->sub : b->subsub;
		if (parts[0] != b->prev_top || parts[n - 1] != want ||
		    blk->number == NULL || wrong_section)
			sequence_warning(r, p, typed, b->prev, blk->number ?
			    blk->number : "as a list item");
	}
	snprintf(b->prev, sizeof(b->prev), "%s", typed);
}

static void
unnumbered_para(struct rec *r, struct body *b, const struct bp_imp_para *p)
{
	struct bp_imp_block *blk = add_block(r, BP_IMP_B_PARA, p, 0);
	char at[48];

	number_para(r, b, blk);
	if (b->mode != MODE_PLAIN) {
		where(r, p, at, sizeof(at));
		bp_diag(r->d, pos_of(r, p), BP_W_IMPORT_UNNUMBERED,
		    blk->number, at);
		r->numbers_certain = false;
	}
}

static void
list_item(struct rec *r, struct body *b, const struct bp_imp_para *p,
	int depth, size_t skip)
{
	bool bullet = p->num_fmt == BP_IMP_NUM_BULLET;
	struct bp_imp_block *blk = add_block(r, bullet ? BP_IMP_B_BULLET :
	    BP_IMP_B_ORDERED, p, skip);

	blk->depth = depth < 0 ? 0 : depth > 6 ? 6 : depth;
	if (!bullet)
		number_item(r, b, blk);
}

static bool
last_is_item(const struct rec *r)
{
	const struct bp_imp_paper *pp = r->paper;
	enum bp_imp_block_kind k;

	if (pp->nblocks == 0)
		return false;
	k = pp->blocks[pp->nblocks - 1].kind;
	return k == BP_IMP_B_ORDERED || k == BP_IMP_B_BULLET;
}

/* MODE_AUTO: whether `p` is numbered as one of the paper's paragraphs.  A
 * decimal list of its own straight after a heading continues them: it has
 * no paragraph to be the sub-paragraphs of. */
static bool
is_main_num(struct body *b, const struct bp_imp_para *p)
{
	if (p->num_id == b->main_num)
		return true;
	for (size_t k = 0; k < b->nmore; k++)
		if (b->more_nums[k] == p->num_id)
			return true;
	if (p->num_level != 0 || p->num_fmt != BP_IMP_NUM_DECIMAL ||
	    b->in_para || b->nmore == sizeof(b->more_nums) /
	    sizeof(b->more_nums[0]))
		return false;
	b->more_nums[b->nmore++] = p->num_id;
	return true;
}

static void
body_para(struct rec *r, struct body *b, const struct bp_imp_para *p,
	const char *s)
{
	long parts[3];
	size_t len = 0;
	int n = typed_number(s, parts, &len);

	if (p->num_fmt == BP_IMP_NUM_BULLET) {
		list_item(r, b, p, p->num_level, 0);
		return;
	}
	if (b->mode == MODE_TYPED && n > 0) {
		typed_block(r, b, p, s, parts, n, len);
		return;
	}
	if (b->mode == MODE_AUTO && p->num_level >= 0 &&
	    is_main_num(b, p)) {
		if (p->num_level == 0)
			number_para(r, b, add_block(r, BP_IMP_B_PARA, p, len));
		else
			list_item(r, b, p, p->num_level - 1, len);
		return;
	}
	if (p->num_level >= 0) {
		/* a list's depth counts from its first item: pandoc gives a
		 * list nested in a numbered paragraph the second level */
		if (!last_is_item(r))
			b->item_base = p->num_level;
		list_item(r, b, p, p->num_level - b->item_base, len);
		return;
	}
	if (b->mode == MODE_PLAIN && n > 0) {
		list_item(r, b, p, n - 1, len);
		return;
	}
	unnumbered_para(r, b, p);
}

/* How the body's paragraphs are numbered: typed, automatic or not. */
static void
choose_mode(struct rec *r, size_t start, size_t end, struct body *b)
{
	size_t typed = 0, plain = 0, prose = 0, best = 0;
	struct num_count { int id; size_t n; } ids[16];
	size_t nids = 0;
	long parts[3];
	size_t len;

	for (size_t i = start; i < end; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		if (p->kind != BP_IMP_PARA || r->plain[i][0] == '\0' ||
		    p->outline > 0)
			continue;
		if (typed_number(r->plain[i], parts, &len) ==
		    (b->sections ? 2 : 1))
			typed++;
		else if (p->num_level == 0 &&
		    p->num_fmt == BP_IMP_NUM_DECIMAL) {
			size_t k;
			for (k = 0; k < nids && ids[k].id != p->num_id; k++)
				;
			if (k == nids && nids < 16)
				ids[nids++] = (struct num_count){ p->num_id, 0 };
			if (k < nids && ++ids[k].n > best) {
				best = ids[k].n;
				b->main_num = p->num_id;
			}
		} else if (p->num_level < 0) {
			plain++;
			prose += count_words(r->plain[i]) > 12 ||
			    ends_sentence(r->plain[i]);
		}
	}
	b->mode = MODE_PLAIN;
	/* one typed number is enough when no other paragraph is unnumbered */
	if ((typed >= 2 || (typed == 1 && prose == 0)) && typed >= best)
		b->mode = MODE_TYPED;
	else if (best >= 2 && best >= plain)
		b->mode = MODE_AUTO;
}

static bool
is_caption(const struct bp_imp_para *p)
{
	return is_style(p, "Table Caption", "Caption") ||
	    is_style(p, "Table", NULL);
}

/* "Background papers" and the list after it, to the next heading. */
static size_t
take_background(struct rec *r, size_t i)
{
	r->paper->has_background_papers = true;
	for (i++; i < r->end; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		const char *s = r->plain[i];
		if (p->kind != BP_IMP_PARA || p->outline > 0)
			break;
		if (s[0] == '\0' || strcasecmp(s, "none") == 0 ||
		    strcasecmp(s, "none.") == 0)
			continue;
		struct bp_imp_paper *pp = r->paper;
		pp->background_papers = bp_imp_grow(r->doc,
		    pp->background_papers, pp->nbackground_papers,
		    &pp->background_cap, sizeof(*pp->background_papers));
		memset(&pp->background_papers[pp->nbackground_papers], 0,
		    sizeof(*pp->background_papers));
		value_add(r, &pp->background_papers[pp->nbackground_papers++],
		    p, number_skip(s));
	}
	return i;
}

/* A heading's typed number, "2 Priorities" or "2. Priorities": the number,
 * with *len the bytes up to the title; 0 for none. */
static long
heading_number(const char *s, size_t *len)
{
	long v = 0;
	size_t i = 0;

	while (isdigit((unsigned char)s[i]) && i < 4)
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || isdigit((unsigned char)s[i]))
		return 0;
	if (s[i] == '.')
		i++;
	if (!is_space((unsigned char)s[i]))
		return 0;
	i = skip_spaces(s, i);
	if (!isalpha((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
		return 0;
	*len = i;
	return v;
}

static bool
section_heading(struct rec *r, const struct bp_imp_para *p, const char *s)
{
	size_t len;

	if (p->kind != BP_IMP_PARA || heading_number(s, &len) == 0)
		return false;
	if (p->outline > 0)
		return p->outline <= 2;
	return count_words(s) <= 12 && !ends_sentence(s) &&
	    (r->doc->from_text || p->all_bold || number_skip(s) == 0);
}

/* numbering: sections shows in the headings, numbered 1, 2, 3 ... */
static bool
detect_sections(struct rec *r, size_t start)
{
	long next = 1;
	size_t len, vpos, f;

	for (size_t i = start; i < r->end; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		const char *s = r->plain[i];
		if (find_label(r, s, &vpos, &f) == K_BACKGROUND)
			break; /* the list after the body */
		if (section_heading(r, p, s)) {
			if (heading_number(s, &len) != next)
				return false;
			next++;
		} else if (p->kind == BP_IMP_PARA && p->outline > 0 &&
		    p->outline <= 2)
			return false; /* an unnumbered section heading */
	}
	return next > 2;
}

static void
take_body(struct rec *r, size_t start)
{
	struct body b;
	size_t vpos, f, hlen;

	memset(&b, 0, sizeof(b));
	b.sections = detect_sections(r, start);
	if (b.sections)
		r->paper->numbering = "sections";
	choose_mode(r, start, r->end, &b);
	for (size_t i = start; i < r->end; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		const char *s = r->plain[i];
		struct bp_imp_block *blk;

		if (p->kind == BP_IMP_TABLE) {
			add_block(r, BP_IMP_B_TABLE, p, 0);
			continue;
		}
		if (p->kind == BP_IMP_IMAGE) {
			add_block(r, BP_IMP_B_IMAGE, p, 0);
			continue;
		}
		if (s[0] == '\0' || is_underline(s))
			continue;
		if (find_label(r, s, &vpos, &f) == K_BACKGROUND &&
		    s[vpos] == '\0') {
			i = take_background(r, i) - 1;
			continue;
		}
		if (strncmp(s, "Table: ", 7) == 0) {
			add_block(r, BP_IMP_B_CAPTION, p, skip_spaces(s, 7));
			continue;
		}
		if (b.sections && section_heading(r, p, s)) {
			blk = add_block(r, BP_IMP_B_HEADING, p, 0);
			b.section = heading_number(s, &hlen);
			blk->span.skip = hlen;
			blk->level = p->outline > 0 ? p->outline : 1;
			blk->number = bp_arena_printf(r->doc->arena, "%ld",
			    b.section);
			b.top = 0;
			b.in_para = false;
			continue;
		}
		if (p->outline > 0 || heading_like(r, &b, p, s)) {
			blk = add_block(r, BP_IMP_B_HEADING, p, 0);
			blk->level = p->outline > 0 ? p->outline : b.sections ?
			    3 : 2;
			if (blk->level > 6)
				blk->level = 6;
			b.in_para = false;
			continue;
		}
		if (is_caption(p)) {
			add_block(r, BP_IMP_B_CAPTION, p, 0);
			continue;
		}
		if (s[0] == '\t' || is_style(p, "Quote", "Block Text") ||
		    is_style(p, "Intense Quote", "Quotations")) {
			add_block(r, BP_IMP_B_QUOTE, p, 0);
			continue;
		}
		body_para(r, &b, p, s);
	}
}

/* --- labels and cross-references ----------------------------------------- */

static bool
label_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

static size_t
hash_of(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of `label` in the set: where it is, or the empty one where it
 * would go. */
static const char **
label_slot(struct rec *r, const char *label)
{
	size_t i = hash_of(label) & (r->labels_cap - 1);

	while (r->labels[i] != NULL && strcmp(r->labels[i], label) != 0)
		i = (i + 1) & (r->labels_cap - 1);
	return &r->labels[i];
}

static bool
label_taken(struct rec *r, const char *label)
{
	if (r->labels == NULL) {
		/* at most one label a block: the set stays under half full */
		r->labels_cap = 16;
		while (r->labels_cap < 2 * (r->paper->nblocks + 1))
			r->labels_cap *= 2;
		r->labels = bp_arena_alloc(r->doc->arena, r->labels_cap *
		    sizeof(*r->labels));
		r->labels_next = bp_arena_alloc(r->doc->arena,
		    r->labels_cap * sizeof(*r->labels_next));
	}
	return *label_slot(r, label) != NULL;
}

static bool
stop_word(const char *w, size_t n)
{
	static const char *const words[] = { "the", "a", "an", "of", "and",
		"to", "in", "for", "on" };

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
			return true;
	return false;
}

/* The first three words that say something, in lower case, joined by
 * '-': "proposed-fees-hour". */
static void
slug_words(struct bp_buf *b, const char *s)
{
	size_t words = 0;

	while (*s && words < 3) {
		size_t n = 0;
		while (*s && !(isalnum((unsigned char)*s) &&
		    (unsigned char)*s < 0x80))
			s++;
		while (isalnum((unsigned char)s[n]) &&
		    (unsigned char)s[n] < 0x80)
			n++;
		if (n == 0)
			break;
		bool digits = true;
		for (size_t i = 0; i < n; i++)
			digits = digits && isdigit((unsigned char)s[i]);
		/* a number in a label would read as the paragraph's own */
		if (!stop_word(s, n) && !digits) {
			if (words++ > 0)
				bp_buf_putc(b, '-');
			for (size_t i = 0; i < n; i++)
				bp_buf_putc(b, (char)tolower((unsigned char)s[i]));
		}
		s += n;
	}
}

/* Makes the taken label in `b` free with the first "-N" from 2 up that
 * is.  The slot of the label asked for remembers where the last search
 * ended (labels are never taken away), so that 9 000 blocks whose first
 * words are the same cost a search each, not 9 000. */
static void
add_number(struct rec *r, struct bp_buf *b)
{
	size_t *next = &r->labels_next[label_slot(r, b->data) - r->labels];
	size_t base = b->len, n = *next > 2 ? *next : 2;

	do {
		bp_buf_truncate(b, base);
		bp_buf_printf(b, "-%zu", n++);
	} while (label_taken(r, b->data));
	*next = n;
}

/* A label a person would write: the bookmark's own name when it is one
 * (pandoc's and most hand-made bookmarks), else the block's first words. */
static const char *
make_label(struct rec *r, const struct bp_imp_block *blk, const char *name)
{
	struct bp_buf b = BP_BUF_INIT;
	const char *s = bp_imp_plain(r->doc, blk->span.p) + blk->span.skip;
	bool ok = name != NULL && isalpha((unsigned char)name[0]) &&
	    strlen(name) <= 40;
	char *label;

	for (const char *c = name; ok && *c; c++)
		ok = label_char((unsigned char)*c);
	if (ok)
		bp_buf_puts(&b, name);
	else
		slug_words(&b, s);
	if (b.len == 0 || !isalpha((unsigned char)b.data[0])) {
		bp_buf_reset(&b);
		bp_buf_printf(&b, "para-%s", blk->number ? blk->number : "x");
		for (size_t i = 0; i < b.len; i++)
			if (b.data[i] == '.')
				b.data[i] = '-';
	}
	if (label_taken(r, b.data))
		add_number(r, &b);
	label = bp_arena_strdup(r->doc->arena, b.data);
	*label_slot(r, label) = label;
	bp_buf_free(&b);
	return label;
}

static void
add_anchor(struct rec *r, const char *name, const char *label, size_t *cap)
{
	struct bp_imp_paper *pp = r->paper;

	pp->anchors = bp_imp_grow(r->doc, pp->anchors, pp->nanchors, cap,
	    sizeof(*pp->anchors));
	pp->anchors[pp->nanchors++] = (struct bp_imp_anchor){ name, label };
}

static int
compare_anchors(const void *x, const void *y)
{
	const struct bp_imp_anchor *a = x, *b = y;

	return strcmp(a->name, b->name);
}

const char *
bp_imp_anchor_label(const struct bp_imp_paper *paper, const char *anchor)
{
	struct bp_imp_anchor key = { anchor, NULL }, *found;

	if (paper->nanchors == 0)
		return NULL;
	found = bsearch(&key, paper->anchors, paper->nanchors,
	    sizeof(*paper->anchors), compare_anchors);
	return found ? found->label : NULL;
}

/* Every paragraph whose runs the writer prints, cover and cells included,
 * visited once. */
static void
for_each_text(struct rec *r, void (*fn)(struct rec *, struct bp_imp_para *,
	void *), void *arg)
{
	for (size_t i = 0; i < r->doc->nparas; i++) {
		struct bp_imp_para *p = &r->doc->paras[i];
		if (p->kind == BP_IMP_PARA) {
			fn(r, p, arg);
			continue;
		}
		if (p->kind != BP_IMP_TABLE)
			continue;
		for (size_t c = 0; c < p->table.nrows * p->table.ncols; c++)
			for (size_t k = 0; k < p->table.cells[c].nparas; k++)
				fn(r, &p->table.cells[c].paras[k], arg);
	}
}

struct anchor_set {
	const char **names;
	size_t n, cap;
};

static void
collect_anchor(struct rec *r, struct bp_imp_para *p, void *arg)
{
	struct anchor_set *set = arg;

	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].anchor != NULL) {
			set->names = bp_imp_grow(r->doc, set->names, set->n,
			    &set->cap, sizeof(*set->names));
			set->names[set->n++] = p->runs[i].anchor;
		}
}

static int
compare_strings(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A link to a bookmark on its own paragraph is no link the author made:
 * LibreOffice writes an HTML page's self-anchors (a heading linking to
 * itself, "1." linking to its paragraph) that way.  It is dropped, so
 * that the bookmark, pointed at by nothing else, needs no label. */
static void
drop_self_link(struct rec *r, struct bp_imp_para *p, void *arg)
{
	(void)r;
	(void)arg;
	for (size_t i = 0; i < p->nruns; i++) {
		struct bp_imp_run *run = &p->runs[i];
		if (run->anchor == NULL || run->field_ref)
			continue;
		for (size_t k = 0; k < p->nbookmarks; k++)
			if (strcmp(run->anchor, p->bookmarks[k]) == 0) {
				run->anchor = NULL;
				break;
			}
	}
}

/* Bookmarks that a link or a REF field points at become labels. */
static void
label_bookmarks(struct rec *r, size_t *cap)
{
	struct anchor_set set = { NULL, 0, 0 };

	for_each_text(r, drop_self_link, NULL);
	for_each_text(r, collect_anchor, &set);
	if (set.n == 0)
		return;
	qsort(set.names, set.n, sizeof(*set.names), compare_strings);
	for (size_t i = 0; i < r->paper->nblocks; i++) {
		struct bp_imp_block *blk = &r->paper->blocks[i];
		const struct bp_imp_para *p = blk->span.p;
		for (size_t k = 0; k < p->nbookmarks; k++) {
			const char *name = p->bookmarks[k];
			if (bsearch(&name, set.names, set.n, sizeof(name),
			    compare_strings) == NULL)
				continue;
			if (blk->label == NULL)
				blk->label = make_label(r, blk, name);
			add_anchor(r, name, blk->label, cap);
		}
	}
}

struct numbered {
	const char *number;
	bool heading;
	size_t block;
};

static int
compare_numbered(const void *x, const void *y)
{
	const struct numbered *a = x, *b = y;

	if (a->heading != b->heading)
		return a->heading ? 1 : -1;
	return strcmp(a->number, b->number);
}

/* The one block numbered `number`; NULL when there is none or more than
 * one (then the target is not certain). */
static struct bp_imp_block *
block_numbered(struct rec *r, const char *number, bool heading)
{
	struct numbered key = { number, heading, 0 }, *n;

	if (r->numbered == NULL) {
		r->numbered = bp_arena_alloc(r->doc->arena,
		    (r->paper->nblocks + 1) * sizeof(*r->numbered));
		for (size_t i = 0; i < r->paper->nblocks; i++) {
			const struct bp_imp_block *b = &r->paper->blocks[i];
			if (b->number != NULL)
				r->numbered[r->nnumbered++] = (struct numbered){
					b->number, b->kind == BP_IMP_B_HEADING,
					i };
		}
		qsort(r->numbered, r->nnumbered, sizeof(*r->numbered),
		    compare_numbered);
	}
	n = bsearch(&key, r->numbered, r->nnumbered, sizeof(*r->numbered),
	    compare_numbered);
	if (n == NULL || (n > r->numbered && compare_numbered(n - 1, n) ==
	    0) || (n + 1 < r->numbered + r->nnumbered &&
	    compare_numbered(n, n + 1) == 0))
		return NULL;
	return &r->paper->blocks[n->block];
}

struct typed_refs {
	size_t *cap;
	size_t here; /* the block index of the paragraph being read */
};

/* "paragraph 11.2", "paragraphs 3", "para 4", with "below" or "above"
 * after it checked against where the target is. */
static size_t
find_typed_ref(const char *s, size_t from, size_t *num, size_t *numlen,
	bool *heading)
{
	static const char *const words[] = { "paragraphs ", "paragraph ",
		"para. ", "para ", "section " };

	for (size_t i = from; s[i]; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		for (size_t w = 0; w < 5; w++) {
			*heading = w == 4;
			size_t n = strlen(words[w]), k;
			if (strncasecmp(s + i, words[w], n) != 0)
				continue;
			k = i + n;
			if (!isdigit((unsigned char)s[k]))
				continue;
			*num = k;
			while (isdigit((unsigned char)s[k]) ||
			    (s[k] == '.' && isdigit((unsigned char)s[k + 1])))
				k++;
			if (isalnum((unsigned char)s[k]))
				continue;
			*numlen = k - *num;
			return i;
		}
	}
	return SIZE_MAX;
}

static bool
direction_fits(const char *after, size_t target, size_t here)
{
	size_t i = skip_spaces(after, 0);

	if (here == SIZE_MAX)
		return true;
	if (strncasecmp(after + i, "below", 5) == 0)
		return target > here;
	if (strncasecmp(after + i, "above", 5) == 0)
		return target < here;
	return true;
}

/* Splits run `k` of `p` around bytes [at, at+len) of its text, which
 * become a cross-reference to `label`. */
static void
split_run(struct rec *r, struct bp_imp_para *p, size_t k, size_t at,
	size_t len, const char *anchor)
{
	struct bp_imp_run old = p->runs[k];
	size_t n = p->nruns;

	/* make room for two more runs after k */
	for (int add = 0; add < 2; add++)
		bp_imp_run_add(r->doc, p, "", 0, 0);
	memmove(&p->runs[k + 3], &p->runs[k + 1], (n - k - 1) *
	    sizeof(*p->runs));
	p->runs[k] = old;
	p->runs[k].text = bp_arena_strndup(r->doc->arena, old.text, at);
	p->runs[k + 1] = old;
	p->runs[k + 1].text = bp_arena_strndup(r->doc->arena, old.text + at,
	    len);
	p->runs[k + 1].anchor = anchor;
	p->runs[k + 1].field_ref = true;
	p->runs[k + 2] = old;
	p->runs[k + 2].text = bp_arena_strdup(r->doc->arena, old.text + at +
	    len);
}

static size_t
block_index_of(const struct rec *r, const struct bp_imp_para *p)
{
	if (p >= r->doc->paras && p < r->doc->paras + r->doc->nparas &&
	    r->block_of[p - r->doc->paras] > 0)
		return r->block_of[p - r->doc->paras] - 1;
	return SIZE_MAX;
}

static void
typed_refs_in(struct rec *r, struct bp_imp_para *p, void *arg)
{
	struct typed_refs *t = arg;
	size_t here = block_index_of(r, p), made = 0;

	/* a bound on the splitting, which moves the runs after each one */
	for (size_t k = 0; k < p->nruns && made < 1000; k++) {
		const struct bp_imp_run *run = &p->runs[k];
		size_t num, numlen, from = 0;
		bool heading;
		struct bp_imp_block *target = NULL;

		if (run->url != NULL || run->anchor != NULL || run->is_break)
			continue;
		/* the first reference of the run whose target is certain */
		while (find_typed_ref(run->text, from, &num, &numlen,
		    &heading) != SIZE_MAX) {
			char *number = bp_arena_strndup(r->doc->arena,
			    run->text + num, numlen);
			target = block_numbered(r, number, heading);
			if (target != NULL && direction_fits(run->text + num +
			    numlen, (size_t)(target - r->paper->blocks), here))
				break;
			target = NULL;
			from = num + numlen;
		}
		if (target == NULL)
			continue;
		if (target->label == NULL)
			target->label = make_label(r, target,
			    target->span.p->nbookmarks ?
			    target->span.p->bookmarks[0] : NULL);
		char *anchor = bp_arena_printf(r->doc->arena, "\x01%s%s",
		    heading ? "s" : "p", target->number);
		add_anchor(r, anchor, target->label, t->cap);
		split_run(r, p, k, num, numlen, anchor);
		made++;
		k++; /* the rest of the text is run k + 2: read on there */
	}
}

/* --- the labels to match ------------------------------------------------ */

static const struct {
	enum bp_label label;
	enum key key;
} table_keys[] = {
	{ BP_LABEL_PURPOSE, K_PURPOSE },
	{ BP_LABEL_SUMMARY, K_SUMMARY },
	{ BP_LABEL_RECOMMENDATION, K_RECOMMENDATION },
	{ BP_LABEL_RECOMMENDATIONS, K_RECOMMENDATIONS },
	{ BP_LABEL_ACTION, K_ACTION },
	{ BP_LABEL_CONTACT_OFFICER, K_CONTACT },
	{ BP_LABEL_CONTACT_OFFICERS, K_CONTACT },
	{ BP_LABEL_POSITION, K_POSITION },
	{ BP_LABEL_PHONE, K_PHONE },
	{ BP_LABEL_EMAIL, K_EMAIL },
	{ BP_LABEL_BACKGROUND_PAPERS, K_BACKGROUND },
	{ BP_LABEL_MEETING, K_MEETING },
	{ BP_LABEL_CONFIDENTIAL, K_CONFIDENTIAL },
};

static void
add_alias(struct rec *r, const char *text, enum key key, size_t field,
	bool welsh)
{
	struct bp_buf low = BP_BUF_INIT;
	size_t n;

	/* as match_label compares: ASCII lower case, no colon */
	for (const char *c = text; *c; c++)
		bp_buf_putc(&low, (char)tolower((unsigned char)*c));
	n = low.len;
	while (n > 0 && (low.data[n - 1] == ':' || low.data[n - 1] == ' '))
		n--;
	if (n > 0 && strchr(low.data, '%') == NULL) {
		r->aliases = bp_imp_grow(r->doc, r->aliases, r->naliases,
		    &r->aliases_cap, sizeof(*r->aliases));
		r->aliases[r->naliases++] = (struct alias){
			bp_arena_strndup(r->doc->arena, low.data, n), key,
			field, welsh };
	}
	bp_buf_free(&low);
}

static enum key
key_of_label(int label)
{
	for (size_t k = 0; k < sizeof(table_keys) / sizeof(*table_keys); k++)
		if ((int)table_keys[k].label == label)
			return table_keys[k].key;
	return K_NONE;
}

/* The printed labels in English and Welsh, the house style's renamings
 * and its fields' labels. */
static void
collect_aliases(struct rec *r)
{
	static const char *const langs[] = { "en", "cy" };
	const struct bp_house_style *s = r->style;

	const struct bp_labels *en = bp_labels_for("en");

	for (size_t l = 0; l < 2; l++) {
		const struct bp_labels *t = bp_labels_for(langs[l]);
		for (size_t k = 0; k < sizeof(table_keys) / sizeof(*table_keys);
		    k++) {
			const char *text = t->text[table_keys[k].label];
			add_alias(r, text, table_keys[k].key, 0, l == 1 &&
			    strcasecmp(text, en->text[table_keys[k].label]));
		}
	}
	for (size_t i = 0; i < s->nlabels; i++) {
		const struct bp_style_label *sl = &s->labels[i];
		if (sl->label >= 0 && key_of_label(sl->label) != K_NONE)
			add_alias(r, sl->text, key_of_label(sl->label), 0,
			    false);
		for (size_t f = 0; sl->label < 0 && f < s->nfields; f++)
			if (strcmp(s->fields[f].key, sl->name) == 0)
				add_alias(r, sl->text, K_FIELD, f, false);
	}
	for (size_t f = 0; f < s->nfields; f++)
		add_alias(r, s->fields[f].label, K_FIELD, f, false);
}

/* A yes-no or date field as the front matter writes it. */
static void
field_values(struct rec *r)
{
	const struct bp_house_style *s = r->style;

	for (size_t f = 0; f < s->nfields; f++) {
		const struct bp_imp_value *v = &r->paper->fields[f];
		char iso[11];
		size_t used;
		if (v->nspans == 0)
			continue;
		const char *t = bp_imp_plain(r->doc, v->spans[0].p) +
		    v->spans[0].skip;
		t += skip_spaces(t, 0);
		if (s->fields[f].type == BP_FIELD_YESNO)
			r->paper->field_text[f] = strncasecmp(t, "yes", 3) ==
			    0 || strncasecmp(t, "ie", 2) == 0 ? "true" :
			    strncasecmp(t, "no", 2) == 0 ? "false" : NULL;
		else if (s->fields[f].type == BP_FIELD_DATE &&
		    parse_date(t, iso, &used))
			r->paper->field_text[f] = bp_arena_strdup(r->doc->arena,
			    iso);
	}
}

/* --- the whole ----------------------------------------------------------- */

/* A value's plain text, its spans joined by a space. */
static char *
value_plain(struct rec *r, const struct bp_imp_value *v)
{
	struct bp_buf b = BP_BUF_INIT;
	char *s;

	for (size_t i = 0; i < v->nspans; i++) {
		const char *t = para_plain(r, v->spans[i].p);
		size_t skip = v->spans[i].skip;
		if (i > 0)
			bp_buf_putc(&b, ' ');
		bp_buf_puts(&b, t + (skip < strlen(t) ? skip : strlen(t)));
		bp_buf_trim_spaces(&b);
	}
	s = bp_arena_strndup(r->doc->arena, b.data, b.len);
	bp_buf_free(&b);
	return s;
}

/* Whether `s` repeats the paper's masthead as a page footer does: the
 * meeting and item ("Meeting: 12 March 2026 · Item 5"), or the title,
 * alone or with the board after a dash. */
static bool
repeats_masthead(struct rec *r, const char *s)
{
	static const char *const dashes[] = { " \xe2\x80\x93 ",
		" \xe2\x80\x94 ", " - " };
	const char *title, *board;
	size_t n;

	if (is_facts(r, s, true))
		return true;
	if (r->paper->title.nspans == 0)
		return false;
	title = value_plain(r, &r->paper->title);
	board = value_plain(r, &r->paper->board);
	n = strlen(title);
	if (n == 0 || strncmp(s, title, n) != 0)
		return false;
	if (s[n] == '\0')
		return true;
	for (size_t k = 0; k < sizeof(dashes) / sizeof(*dashes); k++) {
		size_t d = strlen(dashes[k]);
		if (board[0] != '\0' && strncmp(s + n, dashes[k], d) == 0 &&
		    strcmp(s + n + d, board) == 0)
			return true;
	}
	return false;
}

/* The paper's last paragraphs, when they repeat its masthead: the page
 * footer, which LibreOffice copies into the text of a web page (ours
 * prints one), left out with a warning.  Sets r->end before them. */
static void
leave_out_footer(struct rec *r, size_t body)
{
	size_t i = r->doc->nparas, end = i, taken = 0;

	while (i > body && taken < 2) {
		const struct bp_imp_para *p = &r->doc->paras[i - 1];
		if (p->kind != BP_IMP_PARA)
			break;
		if (r->plain[i - 1][0] != '\0') {
			if (p->outline > 0 ||
			    !repeats_masthead(r, r->plain[i - 1]))
				break;
			taken++;
			end = i - 1;
		}
		i--;
	}
	for (i = end; i < r->doc->nparas; i++) {
		const struct bp_imp_para *p = &r->doc->paras[i];
		char at[40];
		if (r->plain[i][0] == '\0')
			continue;
		where(r, p, at, sizeof(at));
		bp_diag(r->d, pos_of(r, p), BP_W_IMPORT_LEFT_OUT, "footer", at,
		    r->plain[i]);
	}
	r->end = end;
}

static void
plain_texts(struct rec *r)
{
	struct bp_imp_doc *doc = r->doc;

	r->plain = bp_arena_alloc(doc->arena, (doc->nparas + 1) *
	    sizeof(*r->plain));
	r->block_of = bp_arena_alloc(doc->arena, (doc->nparas + 1) *
	    sizeof(*r->block_of));
	for (size_t i = 0; i < doc->nparas; i++) {
		r->plain[i] = bp_imp_plain(doc, &doc->paras[i]);
		r->plain[i][trimmed_len(r->plain[i])] = '\0';
	}
}

/* Whether a line after the first of an unsplit paragraph is a phone or
 * email, bare or labelled: the paragraph is a contact's lines. */
static bool
holds_contact_lines(struct rec *r, const struct bp_imp_para *p)
{
	struct bp_buf b = BP_BUF_INIT;
	bool found = false, first = true;
	size_t vpos, f;

	if (p->kind != BP_IMP_PARA)
		return false;
	for (size_t i = 0; i <= p->nruns && !found; i++) {
		if (i < p->nruns && !p->runs[i].is_break) {
			bp_buf_puts(&b, p->runs[i].text);
			continue;
		}
		if (!first) {
			bp_buf_putc(&b, '\0');
			const char *s = b.data + skip_spaces(b.data, 0);
			enum key k = find_label(r, s, &vpos, &f);
			found = is_email(s) || is_phone(s) || k == K_PHONE ||
			    k == K_EMAIL;
		}
		first = false;
		bp_buf_reset(&b);
	}
	bp_buf_free(&b);
	return found;
}

/* Where the masthead and cover from `start` end, found without keeping
 * anything; then their paragraphs are split at line breaks, a line a
 * field (a contact's name, position, phone and email on one paragraph's
 * lines).  The body's paragraphs keep their breaks.  Returns whether the
 * paragraphs changed. */
static bool
split_cover_lines(struct rec *r, size_t start)
{
	struct bp_imp_paper saved = *r->paper;
	size_t nfields = r->style->nfields + 1, end;
	struct bp_imp_value *fields = bp_arena_alloc(r->doc->arena,
	    nfields * sizeof(*fields));

	memcpy(fields, r->paper->fields, nfields * sizeof(*fields));
	take_preamble(r, start);
	end = take_cover(r, start);
	/* a second contact's paragraph of lines reads as one line */
	while (end < r->doc->nparas && (r->plain[end][0] == '\0' ||
	    holds_contact_lines(r, &r->doc->paras[end])))
		end++;
	*r->paper = saved;
	memcpy(r->paper->fields, fields, nfields * sizeof(*fields));
	if (!bp_imp_split_lines(r->doc, end))
		return false;
	plain_texts(r);
	return true;
}

void
bp_imp_recognise(struct bp_imp_doc *doc, const struct bp_house_style *style,
	struct bp_imp_paper *paper, struct bp_diags *d)
{
	struct rec r;
	size_t start, body, cap = 0;

	memset(paper, 0, sizeof(*paper));
	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.paper = paper;
	r.d = d;
	r.style = style != NULL ? style : bp_style_default();
	r.numbers_certain = true;
	paper->style = r.style;
	paper->fields = bp_arena_alloc(doc->arena, (r.style->nfields + 1) *
	    sizeof(*paper->fields));
	paper->field_text = bp_arena_alloc(doc->arena, (r.style->nfields + 1) *
	    sizeof(*paper->field_text));
	collect_aliases(&r);
	bp_imp_find_typed_bullets(doc);
	bp_imp_find_text_tables(doc);
	plain_texts(&r);
	start = cover_start(&r);
	if (start < doc->nparas && split_cover_lines(&r, start))
		start = cover_start(&r);
	if (start < doc->nparas) {
		take_preamble(&r, start);
		r.counting = true;
		body = take_cover(&r, start);
		r.counting = false;
		/* a cover in Welsh: a paper in Welsh */
		if (r.welsh > r.english)
			paper->lang = "cy";
	} else
		body = take_title_only(&r);
	leave_out_footer(&r, body);
	take_body(&r, body);
	field_values(&r);
	label_bookmarks(&r, &cap);
	if (r.numbers_certain) {
		struct typed_refs t = { &cap, SIZE_MAX };
		for_each_text(&r, typed_refs_in, &t);
	}
	if (paper->nanchors > 1)
		qsort(paper->anchors, paper->nanchors, sizeof(*paper->anchors),
		    compare_anchors);
}
