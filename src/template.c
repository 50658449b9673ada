/* The template paper that `boardpaper new` writes: a complete, valid paper
 * that shows every feature a new user needs first, with the house style's
 * extra fields and required sections when there is one. */
#include <string.h>
#include <strings.h>

#include "boardpaper/buf.h"
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

static const char *const type_names[BP_FIELD__MAX] = {
	[BP_FIELD_TEXT] = "text", [BP_FIELD_LIST] = "list",
	[BP_FIELD_YESNO] = "yes-no", [BP_FIELD_DATE] = "date",
};

/* A field's key with a value that passes `check` when it is required
 * (left empty when it is not), and a comment saying what it is. */
static void
put_field(struct bp_buf *out, const struct bp_style_field *f)
{
	static const char *const filled[BP_FIELD__MAX] = {
		[BP_FIELD_TEXT] = " To be completed",
		[BP_FIELD_LIST] = "\n  - To be completed",
		[BP_FIELD_YESNO] = " no",
		[BP_FIELD_DATE] = " 2026-01-31",
	};

	bp_buf_printf(out, "%s:%s", f->key, f->required ? filled[f->type] :
	    "");
	bp_buf_printf(out, "  # %s (%s, %s)\n", f->label, type_names[f->type],
	    f->required ? "required" : "optional");
}

void
bp_template_write(struct bp_buf *out, const struct bp_house_style *s)
{
	bp_buf_puts(out, front_matter);
	if (s->nfields > 0)
		bp_buf_printf(out, "# the house style's fields (%s)\n",
		    s->path != NULL ? s->path : "--style");
	for (size_t i = 0; i < s->nfields; i++)
		put_field(out, &s->fields[i]);
	bp_buf_puts(out, "background_papers: []\n---\n\n");
	bp_buf_puts(out, s->numbering == BP_NUMBERING_SECTIONS ?
	    background_sections : background_continuous);
	bp_buf_puts(out, proposal);
	if (s->nsections == 0)
		bp_buf_puts(out, implications);
	for (size_t i = 0, n = 0; i < s->nsections; i++) {
		const char *t = s->sections[i].title;
		/* the two the template has already */
		if (strcasecmp(t, "Background") == 0 ||
		    strcasecmp(t, "Proposal") == 0)
			continue;
		bp_buf_printf(out, "%s## %s\n\nWrite this section here.\n",
		    n++ > 0 ? "\n" : "", t);
	}
}
