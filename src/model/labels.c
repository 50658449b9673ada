/* The built-in label tables, one per language, and the template filler. */
#include <string.h>

#include "boardpaper/labels.h"

const char *const bp_label_keys[BP_LABEL__MAX] = {
	[BP_LABEL_PURPOSE] = "purpose",
	[BP_LABEL_SUMMARY] = "summary",
	[BP_LABEL_RECOMMENDATION] = "recommendation",
	[BP_LABEL_RECOMMENDATIONS] = "recommendations",
	[BP_LABEL_ACTION] = "action",
	[BP_LABEL_CONTACT_OFFICER] = "contact",
	[BP_LABEL_CONTACT_OFFICERS] = "contacts",
	[BP_LABEL_POSITION] = "position",
	[BP_LABEL_PHONE] = "phone",
	[BP_LABEL_EMAIL] = "email",
	[BP_LABEL_BACKGROUND_PAPERS] = "background_papers",
	[BP_LABEL_NONE] = "none",
	[BP_LABEL_MEETING] = "meeting",
	[BP_LABEL_ITEM] = "item",
	[BP_LABEL_CONFIDENTIAL] = "confidential",
	[BP_LABEL_CONFIDENTIAL_MARK] = "confidential_mark",
	[BP_LABEL_NOT_FOR_PUBLICATION] = "not_for_publication",
	[BP_LABEL_PAGE_OF] = "page_of",
	[BP_LABEL_TABLE] = "table",
	[BP_LABEL_TABLE_N] = "table_n",
	[BP_LABEL_IMAGE] = "image",
	[BP_LABEL_YES] = "yes",
	[BP_LABEL_NO] = "no",
	[BP_LABEL_DATE] = "date",
	[BP_LABEL_JANUARY] = "january",
	[BP_LABEL_FEBRUARY] = "february",
	[BP_LABEL_MARCH] = "march",
	[BP_LABEL_APRIL] = "april",
	[BP_LABEL_MAY] = "may",
	[BP_LABEL_JUNE] = "june",
	[BP_LABEL_JULY] = "july",
	[BP_LABEL_AUGUST] = "august",
	[BP_LABEL_SEPTEMBER] = "september",
	[BP_LABEL_OCTOBER] = "october",
	[BP_LABEL_NOVEMBER] = "november",
	[BP_LABEL_DECEMBER] = "december",
	[BP_LABEL_AGENDA] = "agenda",
	[BP_LABEL_DATE_AND_TIME] = "date_and_time",
	[BP_LABEL_AT_TIME] = "at_time",
	[BP_LABEL_VENUE] = "venue",
	[BP_LABEL_PAGES] = "pages",
	[BP_LABEL_PAGE_ONE] = "page",
	[BP_LABEL_TO_FOLLOW] = "to_follow",
	[BP_LABEL_EXEMPT] = "exempt",
	[BP_LABEL_EXEMPT_NOTICE] = "exempt_notice",
	[BP_LABEL_BLANK_PAGE] = "blank_page",
	[BP_LABEL_EXCLUSION_HEADING] = "exclusion_heading",
	[BP_LABEL_EXCLUSION] = "exclusion",
	[BP_LABEL_EXCLUSION_WALES] = "exclusion_wales",
	[BP_LABEL_EXCLUSION_SCOTLAND] = "exclusion_scotland",
	[BP_LABEL_FRONT_SHEET] = "front_sheet",
	[BP_LABEL_NOTES] = "notes",
	[BP_LABEL_NOTE_BACK] = "note_back",
	[BP_LABEL_REF_PARAGRAPH] = "ref_paragraph",
	[BP_LABEL_REF_SECTION] = "ref_section",
};

static const struct bp_labels english = {
	.lang = "en",
	.text = {
		[BP_LABEL_PURPOSE] = "Purpose of report",
		[BP_LABEL_SUMMARY] = "Summary",
		[BP_LABEL_RECOMMENDATION] = "Recommendation",
		[BP_LABEL_RECOMMENDATIONS] = "Recommendations",
		[BP_LABEL_ACTION] = "Action",
		[BP_LABEL_CONTACT_OFFICER] = "Contact officer",
		[BP_LABEL_CONTACT_OFFICERS] = "Contact officers",
		[BP_LABEL_POSITION] = "Position",
		[BP_LABEL_PHONE] = "Phone no",
		[BP_LABEL_EMAIL] = "Email",
		[BP_LABEL_BACKGROUND_PAPERS] = "Background papers",
		[BP_LABEL_NONE] = "None",
		[BP_LABEL_MEETING] = "Meeting",
		[BP_LABEL_ITEM] = "Item %1",
		[BP_LABEL_CONFIDENTIAL] = "Confidential",
		[BP_LABEL_CONFIDENTIAL_MARK] = "CONFIDENTIAL",
		[BP_LABEL_NOT_FOR_PUBLICATION] =
		    "Confidential \xE2\x80\x93 not for publication",
		[BP_LABEL_PAGE_OF] = "Page %1 of %2",
		[BP_LABEL_TABLE] = "Table",
		[BP_LABEL_TABLE_N] = "Table %1",
		[BP_LABEL_IMAGE] = "Image: %1",
		[BP_LABEL_YES] = "Yes",
		[BP_LABEL_NO] = "No",
		[BP_LABEL_DATE] = "%1 %2 %3",
		[BP_LABEL_JANUARY] = "January",
		[BP_LABEL_FEBRUARY] = "February",
		[BP_LABEL_MARCH] = "March",
		[BP_LABEL_APRIL] = "April",
		[BP_LABEL_MAY] = "May",
		[BP_LABEL_JUNE] = "June",
		[BP_LABEL_JULY] = "July",
		[BP_LABEL_AUGUST] = "August",
		[BP_LABEL_SEPTEMBER] = "September",
		[BP_LABEL_OCTOBER] = "October",
		[BP_LABEL_NOVEMBER] = "November",
		[BP_LABEL_DECEMBER] = "December",
		[BP_LABEL_AGENDA] = "Agenda",
		[BP_LABEL_DATE_AND_TIME] = "Date and time",
		[BP_LABEL_AT_TIME] = "%1 at %2",
		[BP_LABEL_VENUE] = "Venue",
		[BP_LABEL_PAGES] = "Pages %1 \xE2\x80\x93 %2",
		[BP_LABEL_PAGE_ONE] = "Page %1",
		[BP_LABEL_TO_FOLLOW] = "(To follow)",
		[BP_LABEL_EXEMPT] = "Not for publication: %1",
		[BP_LABEL_EXEMPT_NOTICE] = "This item is exempt from "
		    "publication. Its report is not included in the public "
		    "pack.",
		[BP_LABEL_BLANK_PAGE] = "This page is intentionally left blank",
		[BP_LABEL_EXCLUSION_HEADING] =
		    "Exclusion of the press and public",
		[BP_LABEL_EXCLUSION] = "That, under section 100A(4) of the "
		    "Local Government Act 1972, the press and public be "
		    "excluded from the meeting for the following items of "
		    "business on the grounds that they involve the likely "
		    "disclosure of exempt information as defined in Part 1 "
		    "of Schedule 12A to the Act.",
		[BP_LABEL_EXCLUSION_WALES] = "That, under section 100A(4) of "
		    "the Local Government Act 1972, the press and public be "
		    "excluded from the meeting for the following items of "
		    "business on the grounds that they involve the likely "
		    "disclosure of exempt information as defined in Part 4 "
		    "of Schedule 12A to the Act.",
		[BP_LABEL_EXCLUSION_SCOTLAND] = "That, under section 50A(4) "
		    "of the Local Government (Scotland) Act 1973, the press "
		    "and public be excluded from the meeting for the "
		    "following items of business on the grounds that they "
		    "involve the likely disclosure of exempt information as "
		    "defined in Part 1 of Schedule 7A to the Act.",
		[BP_LABEL_FRONT_SHEET] = "Front sheet",
		[BP_LABEL_NOTES] = "Notes",
		[BP_LABEL_NOTE_BACK] = "Back to the text of note %1",
		[BP_LABEL_REF_PARAGRAPH] = "paragraph %1",
		[BP_LABEL_REF_SECTION] = "section %1",
	},
};

/* Welsh, for councils under the Welsh Language Standards.  The terms are
 * those of the Welsh Government's terminology database (TermCymru) and
 * of Welsh councils' published committee papers (Ceredigion, Swansea,
 * Carmarthenshire, Ynys Môn, Powys, Denbighshire: "Agenda", "Eitem",
 * "Lleoliad", "Dim", "Atodlen 12A i Ddeddf Llywodraeth Leol 1972",
 * "gwybodaeth eithriedig"); the month names are the standard ones. */
static const struct bp_labels welsh = {
	.lang = "cy",
	.text = {
		[BP_LABEL_PURPOSE] = "Diben yr adroddiad",
		[BP_LABEL_SUMMARY] = "Crynodeb",
		[BP_LABEL_RECOMMENDATION] = "Argymhelliad",
		[BP_LABEL_RECOMMENDATIONS] = "Argymhellion",
		[BP_LABEL_ACTION] = "Camau gweithredu",
		[BP_LABEL_CONTACT_OFFICER] = "Swyddog cyswllt",
		[BP_LABEL_CONTACT_OFFICERS] = "Swyddogion cyswllt",
		[BP_LABEL_POSITION] = "Swydd",
		[BP_LABEL_PHONE] = "Rhif ff\xC3\xB4n",
		[BP_LABEL_EMAIL] = "E-bost",
		[BP_LABEL_BACKGROUND_PAPERS] = "Papurau cefndir",
		[BP_LABEL_NONE] = "Dim",
		[BP_LABEL_MEETING] = "Cyfarfod",
		[BP_LABEL_ITEM] = "Eitem %1",
		[BP_LABEL_CONFIDENTIAL] = "Cyfrinachol",
		[BP_LABEL_CONFIDENTIAL_MARK] = "CYFRINACHOL",
		[BP_LABEL_NOT_FOR_PUBLICATION] =
		    "Cyfrinachol \xE2\x80\x93 nid i\xE2\x80\x99w gyhoeddi",
		[BP_LABEL_PAGE_OF] = "Tudalen %1 o %2",
		[BP_LABEL_TABLE] = "Tabl",
		[BP_LABEL_TABLE_N] = "Tabl %1",
		[BP_LABEL_IMAGE] = "Delwedd: %1",
		[BP_LABEL_YES] = "Ie",
		[BP_LABEL_NO] = "Na",
		[BP_LABEL_DATE] = "%1 %2 %3",
		[BP_LABEL_JANUARY] = "Ionawr",
		[BP_LABEL_FEBRUARY] = "Chwefror",
		[BP_LABEL_MARCH] = "Mawrth",
		[BP_LABEL_APRIL] = "Ebrill",
		[BP_LABEL_MAY] = "Mai",
		[BP_LABEL_JUNE] = "Mehefin",
		[BP_LABEL_JULY] = "Gorffennaf",
		[BP_LABEL_AUGUST] = "Awst",
		[BP_LABEL_SEPTEMBER] = "Medi",
		[BP_LABEL_OCTOBER] = "Hydref",
		[BP_LABEL_NOVEMBER] = "Tachwedd",
		[BP_LABEL_DECEMBER] = "Rhagfyr",
		[BP_LABEL_AGENDA] = "Agenda",
		[BP_LABEL_DATE_AND_TIME] = "Dyddiad ac amser",
		[BP_LABEL_AT_TIME] = "%1 am %2",
		[BP_LABEL_VENUE] = "Lleoliad",
		[BP_LABEL_PAGES] = "Tudalennau %1 \xE2\x80\x93 %2",
		[BP_LABEL_PAGE_ONE] = "Tudalen %1",
		[BP_LABEL_TO_FOLLOW] = "(I ddilyn)",
		[BP_LABEL_EXEMPT] = "Nid i\xE2\x80\x99w gyhoeddi: %1",
		[BP_LABEL_EXEMPT_NOTICE] = "Mae\xE2\x80\x99r eitem hon wedi\xE2"
		    "\x80\x99i heithrio rhag ei chyhoeddi. Nid yw ei "
		    "hadroddiad wedi\xE2\x80\x99i gynnwys yn y pecyn "
		    "cyhoeddus.",
		[BP_LABEL_BLANK_PAGE] =
		    "Gadawyd y dudalen hon yn wag yn fwriadol",
		[BP_LABEL_EXCLUSION_HEADING] =
		    "Gwahardd y wasg a\xE2\x80\x99r cyhoedd",
		[BP_LABEL_EXCLUSION] = "Bod y wasg a\xE2\x80\x99r cyhoedd yn "
		    "cael eu gwahardd o\xE2\x80\x99r cyfarfod, dan adran "
		    "100A(4) o Ddeddf Llywodraeth Leol 1972, ar gyfer yr "
		    "eitemau busnes canlynol, ar y sail eu bod yn debygol o "
		    "olygu datgelu gwybodaeth eithriedig fel y\xE2\x80\x99i "
		    "diffinnir yn Rhan 1 o Atodlen 12A i\xE2\x80\x99r Ddeddf.",
		[BP_LABEL_EXCLUSION_WALES] = "Bod y wasg a\xE2\x80\x99r cyhoedd "
		    "yn cael eu gwahardd o\xE2\x80\x99r cyfarfod, dan adran "
		    "100A(4) o Ddeddf Llywodraeth Leol 1972, ar gyfer yr "
		    "eitemau busnes canlynol, ar y sail eu bod yn debygol o "
		    "olygu datgelu gwybodaeth eithriedig fel y\xE2\x80\x99i "
		    "diffinnir yn Rhan 4 o Atodlen 12A i\xE2\x80\x99r Ddeddf.",
		[BP_LABEL_EXCLUSION_SCOTLAND] = "Bod y wasg a\xE2\x80\x99r "
		    "cyhoedd yn cael eu gwahardd o\xE2\x80\x99r cyfarfod, dan "
		    "adran 50A(4) o Ddeddf Llywodraeth Leol (yr Alban) 1973, "
		    "ar gyfer yr eitemau busnes canlynol, ar y sail eu bod yn "
		    "debygol o olygu datgelu gwybodaeth eithriedig fel "
		    "y\xE2\x80\x99i diffinnir yn Rhan 1 o Atodlen 7A "
		    "i\xE2\x80\x99r Ddeddf.",
		[BP_LABEL_FRONT_SHEET] = "Taflen flaen",
		[BP_LABEL_NOTES] = "Nodiadau",
		[BP_LABEL_NOTE_BACK] = "Yn ôl at destun nodyn %1",
		[BP_LABEL_REF_PARAGRAPH] = "paragraff %1",
		[BP_LABEL_REF_SECTION] = "adran %1",
	},
};

/* Every built-in table; the first is the fallback. */
static const struct bp_labels *const tables[] = { &english, &welsh };

bool
bp_lang_is(const char *lang, const char *primary)
{
	size_t n = strlen(primary);

	for (size_t i = 0; i < n; i++) {
		char c = lang[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != primary[i])
			return false;
	}
	return lang[n] == '\0' || lang[n] == '-';
}

const struct bp_labels *
bp_labels_for(const char *lang)
{
	for (size_t i = 0; lang != NULL &&
	    i < sizeof(tables) / sizeof(tables[0]); i++)
		if (bp_lang_is(lang, tables[i]->lang))
			return tables[i];
	return tables[0];
}

void
bp_label_fill(struct bp_buf *out, const char *tmpl, const char *const *args,
	size_t nargs)
{
	const char *p = tmpl, *start = tmpl;

	while ((p = strchr(p, '%')) != NULL) {
		bp_buf_put(out, start, (size_t)(p - start));
		if (p[1] == '%') {
			bp_buf_putc(out, '%');
			p += 2;
		} else if (p[1] >= '1' && p[1] <= '9') {
			size_t k = (size_t)(p[1] - '1');
			if (k < nargs && args[k] != NULL)
				bp_buf_puts(out, args[k]);
			p += 2;
		} else {
			bp_buf_putc(out, '%');
			p++;
		}
		start = p;
	}
	bp_buf_puts(out, start);
}
