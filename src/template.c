/* The template paper that `boardpaper new` writes: a complete, valid paper
 * that shows every feature a new user needs first. */
#include "boardpaper/buf.h"

void bp_template_write(struct bp_buf *out);

static const char template_text[] =
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
"  email: your.name@example.gov.uk\n"
"background_papers: []\n"
"---\n"
"\n"
"## Background\n"
"\n"
"Every paragraph of the body is numbered 1, 2, 3 and so on, through the\n"
"whole paper. Write plain paragraphs separated by blank lines.\n"
"\n"
"An ordered list straight after a paragraph holds its sub-paragraphs:\n"
"\n"
"1. this becomes 2.1;\n"
"1. and this 2.2.\n"
"\n"
"## Proposal\n"
"\n"
"{#proposal} A paragraph that begins with a label can be referred to\n"
"elsewhere as paragraph [](#proposal), and the number is filled in for you.\n"
"\n"
"| Option | Cost    |\n"
"|:-------|--------:|\n"
"| A      | £10,000 |\n"
"| B      | £12,500 |\n"
"\n"
"## Implications\n"
"\n"
"Financial, legal and equalities implications go here.\n";

void
bp_template_write(struct bp_buf *out)
{
	bp_buf_put(out, template_text, sizeof(template_text) - 1);
}
