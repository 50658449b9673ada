/* The template paper that `boardpaper new` writes: a complete, valid paper
 * that shows every feature a new user needs first, with the house style's
 * extra fields and required sections when there is one. */
#include <string.h>
#include <strings.h>

#include "boardpaper/buf.h"
#include "boardpaper/labels.h"
#include "boardpaper/style.h"

void bp_template_write(struct bp_buf *out, const struct bp_house_style *s);

static const char front_matter[] =
"---\n"
"title: Title of the paper\n"
"board: Name of the Board or Committee\n"
"meeting: 2026-01-31\n"
"item: 1\n"
"confidential: false\n"
"purpose: For decision.\n"
"summary: >-\n"
"  One or two sentences on what the paper is about and what it asks the\n"
"  Board to do; see paragraph [](#proposal).\n"
"recommendation: That the Board agrees the proposal at paragraph [](#proposal).\n"
"action: Officers to take forward the Board's decision.\n"
"contact:\n"
"  name: Your Name\n"
"  position: Your Job Title\n"
"  phone: 01234 567890\n"
"  email: your.name@example.gov.uk\n";

/* Under continuous numbering (the default). */
static const char background_continuous[] =
"## Background\n"
"\n"
"Every paragraph of the body is numbered 1, 2, 3 and so on, through the\n"
"whole paper. Write plain paragraphs separated by blank lines.\n"
"\n"
"An ordered list straight after a paragraph holds its sub-paragraphs:\n"
"\n"
"1. this becomes 2.1;\n"
"1. and this 2.2.\n"
"\n";

/* Under a house style's sections numbering. */
static const char background_sections[] =
"## Background\n"
"\n"
"Paragraphs are numbered by section: 1.1, 1.2 and so on in the first\n"
"section, 2.1 in the second. Write plain paragraphs separated by blank\n"
"lines.\n"
"\n"
"An ordered list straight after a paragraph holds its sub-paragraphs:\n"
"\n"
"1. this becomes 1.2.1;\n"
"1. and this 1.2.2.\n"
"\n";

static const char proposal[] =
"## Proposal\n"
"\n"
"{#proposal} A paragraph that begins with a label can be referred to\n"
"elsewhere as paragraph [](#proposal), and the number is filled in for you.\n"
"\n"
"| Option | Cost    |\n"
"|:-------|--------:|\n"
"| A      | £10,000 |\n"
"| B      | £12,500 |\n"
"\n";

static const char implications[] =
"## Implications\n"
"\n"
"Financial, legal and equalities implications go here.\n";

/* The same in Welsh, for a house style whose language is cy. */
static const char front_matter_cy[] =
"---\n"
"title: Teitl yr adroddiad\n"
"board: Enw\u2019r Pwyllgor\n"
"meeting: 2026-01-31\n"
"item: 1\n"
"confidential: false\n"
"purpose: Er penderfyniad.\n"
"summary: >-\n"
"  Un neu ddwy frawddeg am yr adroddiad a\u2019r hyn y mae\u2019n gofyn i\u2019r\n"
"  Pwyllgor ei wneud; gweler paragraff [](#cynnig).\n"
"recommendation: Bod y Pwyllgor yn cytuno ar y cynnig ym mharagraff [](#cynnig).\n"
"action: Swyddogion i fwrw ymlaen \u00e2 phenderfyniad y Pwyllgor.\n"
"contact:\n"
"  name: Eich Enw\n"
"  position: Teitl Eich Swydd\n"
"  phone: 01234 567890\n"
"  email: eich.enw@example.cymru\n";

static const char background_continuous_cy[] =
"## Cefndir\n"
"\n"
"Mae pob paragraff yn y corff wedi\u2019i rifo 1, 2, 3 ac ati, drwy\u2019r\n"
"adroddiad cyfan. Ysgrifennwch baragraffau plaen, gyda llinell wag\n"
"rhyngddynt.\n"
"\n"
"Mae rhestr wedi\u2019i rhifo yn syth ar \u00f4l paragraff yn dal ei\n"
"is-baragraffau:\n"
"\n"
"1. daw hwn yn 2.1;\n"
"1. a hwn yn 2.2.\n"
"\n";

static const char background_sections_cy[] =
"## Cefndir\n"
"\n"
"Mae\u2019r paragraffau wedi\u2019u rhifo fesul adran: 1.1, 1.2 ac ati yn yr\n"
"adran gyntaf, 2.1 yn yr ail. Ysgrifennwch baragraffau plaen, gyda\n"
"llinell wag rhyngddynt.\n"
"\n"
"Mae rhestr wedi\u2019i rhifo yn syth ar \u00f4l paragraff yn dal ei\n"
"is-baragraffau:\n"
"\n"
"1. daw hwn yn 1.2.1;\n"
"1. a hwn yn 1.2.2.\n"
"\n";

static const char proposal_cy[] =
"## Cynnig\n"
"\n"
"{#cynnig} Gellir cyfeirio at baragraff sy\u2019n dechrau \u00e2 label mewn man\n"
"arall fel paragraff [](#cynnig), a chaiff y rhif ei lenwi i chi.\n"
"\n"
"| Dewis | Cost    |\n"
"|:------|--------:|\n"
"| A     | \u00a310,000 |\n"
"| B     | \u00a312,500 |\n"
"\n";

static const char implications_cy[] =
"## Goblygiadau\n"
"\n"
"Mae\u2019r goblygiadau ariannol, cyfreithiol a chydraddoldeb yn mynd yma.\n";

/* A template's words in one language. */
struct words {
	const char *front_matter, *continuous, *sections, *proposal;
	const char *implications;
	const char *background, *proposal_title; /* its own headings */
	const char *to_complete, *write_here;
	const char *fields_comment, *required, *optional;
};

static const struct words english = {
	front_matter, background_continuous, background_sections, proposal,
	implications, "Background", "Proposal", "To be completed",
	"Write this section here.", "the house style's fields", "required",
	"optional",
};

static const struct words cymraeg = {
	front_matter_cy, background_continuous_cy, background_sections_cy,
	proposal_cy, implications_cy, "Cefndir", "Cynnig",
	"I\u2019w gwblhau", "Ysgrifennwch yr adran hon yma.",
	"meysydd yr arddull t\u0177", "gorfodol", "dewisol",
};

static const char *const type_names[BP_FIELD__MAX] = {
	[BP_FIELD_TEXT] = "text", [BP_FIELD_LIST] = "list",
	[BP_FIELD_YESNO] = "yes-no", [BP_FIELD_DATE] = "date",
};

/* A field's key with a value that passes `check` when it is required
 * (left empty when it is not), and a comment saying what it is. */
static void
put_field(struct bp_buf *out, const struct bp_style_field *f,
	const struct words *w, const char *label)
{
	if (!f->required)
		bp_buf_printf(out, "%s:", f->key);
	else if (f->type == BP_FIELD_LIST)
		bp_buf_printf(out, "%s:\n  - %s", f->key, w->to_complete);
	else if (f->type == BP_FIELD_YESNO)
		bp_buf_printf(out, "%s: no", f->key);
	else if (f->type == BP_FIELD_DATE)
		bp_buf_printf(out, "%s: 2026-01-31", f->key);
	else
		bp_buf_printf(out, "%s: %s", f->key, w->to_complete);
	bp_buf_printf(out, "  # %s (%s, %s)\n", label, type_names[f->type],
	    f->required ? w->required : w->optional);
}

void
bp_template_write(struct bp_buf *out, const struct bp_house_style *s)
{
	const struct words *w = strcmp(bp_labels_for(s->lang)->lang, "cy") == 0 ?
	    &cymraeg : &english;

	bp_buf_puts(out, w->front_matter);
	if (s->nfields > 0)
		bp_buf_printf(out, "# %s (%s)\n", w->fields_comment,
		    s->path != NULL ? s->path : "--style");
	for (size_t i = 0; i < s->nfields; i++)
		put_field(out, &s->fields[i], w, bp_style_field_label(s,
		    &s->fields[i], s->lang));
	bp_buf_puts(out, "background_papers: []\n---\n\n");
	bp_buf_puts(out, s->numbering == BP_NUMBERING_SECTIONS ?
	    w->sections : w->continuous);
	bp_buf_puts(out, w->proposal);
	if (s->nsections == 0)
		bp_buf_puts(out, w->implications);
	for (size_t i = 0, n = 0; i < s->nsections; i++) {
		const char *t = s->sections[i].title;
		/* the two the template has already */
		if (strcasecmp(t, w->background) == 0 ||
		    strcasecmp(t, w->proposal_title) == 0)
			continue;
		bp_buf_printf(out, "%s## %s\n\n%s\n", n++ > 0 ? "\n" : "", t,
		    w->write_here);
	}
}
