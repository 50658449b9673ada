/* Unit tests of the paper model, the resolve pass, the line breaker and the
 * buffer: papers are parsed from strings and the model is checked directly.
 *
 * Prints "ok - NAME" or "not ok - NAME" per test (details on "# " lines
 * before it) and exits 1 when any test failed.  Every allocation is freed,
 * so that the sanitizer build also checks for leaks.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "boardpaper/buf.h"
#include "boardpaper/diag.h"
#include "boardpaper/labels.h"
#include "boardpaper/style.h"
#include "boardpaper/layout.h"
#include "boardpaper/model.h"
#include "file.h"
#include "fonts.h"
#include "internal.h"
#include "yamltree.h"
/* public libharu API only, for the version pdf_hpdf.c was checked against */
#define HPDF_SHARED
#include <hpdf.h>
#include "pdf_hpdf.h"
#include "pdf_deflate.h"
#include "pdf_objstm.h"
#include "pdf.h"
#include "pdf_tag.h"
#include "ttf_subset.h"

/* --- a small harness ------------------------------------------------ */

/* The unit binaries are linked with -Wl,--wrap=calloc (the Makefile): the
 * code under test calls calloc here, and a test may make one call fail.
 * The shipped program has no such hook. */
void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

static size_t calloc_calls;     /* since the test last set these */
static size_t calloc_fail_at;   /* this call (1-based) fails; 0: none */

void *
__wrap_calloc(size_t n, size_t size)
{
	if (++calloc_calls == calloc_fail_at)
		return NULL;
	return __real_calloc(n, size);
}

static bool test_failed; /* the test being run */

#define EXPECT(cond) expect((cond), #cond, __LINE__)
#define EXPECT_STR(got, want) expect_str((got), (want), #got, __LINE__)
#define EXPECT_INT(got, want) \
	expect_int((long long)(got), (long long)(want), #got, __LINE__)

static void
expect(bool ok, const char *what, int line)
{
	if (ok)
		return;
	printf("# unit.c:%d: expected %s\n", line, what);
	test_failed = true;
}

static void
expect_str(const char *got, const char *want, const char *what, int line)
{
	if (got == NULL && want == NULL)
		return;
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return;
	printf("# unit.c:%d: %s is %s%s%s, expected %s%s%s\n", line, what,
	    got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
	    want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	test_failed = true;
}

static void
expect_int(long long got, long long want, const char *what, int line)
{
	if (got == want)
		return;
	printf("# unit.c:%d: %s is %lld, expected %lld\n", line, what, got,
	    want);
	test_failed = true;
}

/* --- papers from strings -------------------------------------------- */

/* The front matter every test paper has; `extra` keys go after the title.
 * With no extra keys the body starts at line 10. */
#define FM_HEAD "---\ntitle: T\n"
#define FM_PURPOSE "purpose: P.\n"
#define FM_SUMMARY "summary: S.\n"
#define FM_REST "recommendation: R.\naction: A.\ncontact:\n  name: N\n---\n"

struct fx {
	struct bp_diags d;
	struct bp_paper *p;
	struct bp_buf text;   /* the whole paper */
	struct bp_buf report; /* the diagnostics as printed */
	unsigned body_line;   /* the body's first line in the file */
};

static void
fx_parse_text(struct fx *f, const char *text)
{
	memset(f, 0, sizeof(*f));
	bp_buf_init(&f->text);
	bp_buf_init(&f->report);
	bp_buf_puts(&f->text, text);
	bp_diags_init(&f->d, "t.md");
	f->p = bp_paper_parse("t.md", ".", f->text.data, f->text.len, &f->d);
	bp_diags_format(&f->d, false, &f->report);
}

/* Standard front matter with `extra` keys (each ending in a newline). */
static void
fx_parse(struct fx *f, const char *extra, const char *body)
{
	struct bp_buf b = BP_BUF_INIT;
	unsigned lines = 0;

	for (const char *s = extra; *s; s++)
		lines += *s == '\n';
	bp_buf_puts(&b, FM_HEAD);
	bp_buf_puts(&b, extra);
	bp_buf_puts(&b, FM_PURPOSE FM_SUMMARY FM_REST);
	bp_buf_puts(&b, body);
	fx_parse_text(f, b.data);
	f->body_line = 10 + lines;
	bp_buf_free(&b);
}

static void
fx_free(struct fx *f)
{
	bp_paper_free(f->p);
	bp_diags_free(&f->d);
	bp_buf_free(&f->text);
	bp_buf_free(&f->report);
}

/* No diagnostics at all; prints them when there are. */
static void
expect_clean(struct fx *f, int line)
{
	expect(f->p != NULL, "a paper", line);
	if (f->d.n == 0)
		return;
	printf("# unit.c:%d: unexpected diagnostics:\n", line);
	for (const char *s = f->report.data; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		printf("#   %.*s\n", (int)n, s);
		s += n + (nl != NULL);
	}
	test_failed = true;
}
#define EXPECT_CLEAN(f) expect_clean((f), __LINE__)

/* How many diagnostics have `code` at body line `line` (0: any line). */
static size_t
count_diags(const struct fx *f, enum bp_diag_code code, unsigned line)
{
	size_t n = 0;

	for (size_t i = 0; i < f->d.n; i++)
		if (f->d.list[i].code == code &&
		    (line == 0 || f->d.list[i].pos.line == line))
			n++;
	return n;
}

/* Is `line` (without its newline) one of the printed diagnostics? */
static bool
has_report_line(const struct fx *f, const char *line)
{
	size_t n = strlen(line);

	for (const char *s = f->report.data; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (len == n && memcmp(s, line, n) == 0)
			return true;
		s += len + (nl != NULL);
	}
	printf("# no diagnostic \"%s\" in:\n%s", line, f->report.data);
	return false;
}

/* --- finding blocks --------------------------------------------------- */

typedef bool (*block_pred)(const struct bp_block *, const void *);

/* The k-th (0-based) block in reading order that `pred` accepts. */
static const struct bp_block *
find_in(const struct bp_block *b, block_pred pred, const void *arg,
	size_t *k)
{
	for (; b != NULL; b = b->next) {
		const struct bp_block *x;
		if (pred(b, arg) && (*k)-- == 0)
			return b;
		if ((x = find_in(b->child, pred, arg, k)) != NULL)
			return x;
	}
	return NULL;
}

static const struct bp_block *
find(const struct bp_paper *p, block_pred pred, const void *arg, size_t k)
{
	return p == NULL ? NULL : find_in(p->body, pred, arg, &k);
}

static bool
has_type(const struct bp_block *b, const void *arg)
{
	return b->type == *(const enum bp_block_type *)arg;
}

static bool
has_label(const struct bp_block *b, const void *arg)
{
	return b->label != NULL && strcmp(b->label, arg) == 0;
}

static bool
has_id(const struct bp_block *b, const void *arg)
{
	return b->id != NULL && strcmp(b->id, arg) == 0;
}

static const struct bp_block *
nth(const struct bp_paper *p, enum bp_block_type type, size_t k)
{
	return find(p, has_type, &type, k);
}

static const struct bp_block *
labelled(const struct bp_paper *p, const char *label)
{
	return find(p, has_label, label, 0);
}

static const struct bp_block *
by_id(const struct bp_paper *p, const char *id)
{
	return find(p, has_id, id, 0);
}

/* Joins a field of every block of `type` with commas, "-" for NULL; when
 * `top` is set, only the blocks directly in a section. */
static void
join_in(const struct bp_block *b, enum bp_block_type type, bool top,
	bool ids, struct bp_buf *out)
{
	for (; b != NULL; b = b->next) {
		if (b->type == type && (!top ||
		    (b->parent && b->parent->type == BP_BLOCK_SECTION))) {
			const char *s = ids ? b->id : b->number;
			if (out->len > 0)
				bp_buf_putc(out, ',');
			bp_buf_puts(out, s ? s : "-");
		}
		join_in(b->child, type, top, ids, out);
	}
}

/* Static storage: each result is used before the next call. */
static const char *
joined(const struct bp_paper *p, enum bp_block_type type, bool top, bool ids)
{
	static char result[4096];
	struct bp_buf b = BP_BUF_INIT;

	if (p != NULL)
		join_in(p->body, type, top, ids, &b);
	snprintf(result, sizeof(result), "%s", b.data);
	bp_buf_free(&b);
	return result;
}

/* Numbers of the numbered-paragraph level: paragraphs directly in a
 * section; and of headings and of list items anywhere. */
#define PARA_NUMBERS(p) joined((p), BP_BLOCK_PARA, true, false)
#define PARA_IDS(p) joined((p), BP_BLOCK_PARA, true, true)
#define HEADING_NUMBERS(p) joined((p), BP_BLOCK_HEADING, false, false)
#define HEADING_IDS(p) joined((p), BP_BLOCK_HEADING, false, true)
#define ITEM_NUMBERS(p) joined((p), BP_BLOCK_ITEM, false, false)
#define ITEM_IDS(p) joined((p), BP_BLOCK_ITEM, false, true)

static const char *
plain(const struct bp_block *b)
{
	return b == NULL ? "(no block)" : b->text.plain;
}

/* The plain text of an item's first paragraph. */
static const char *
item_plain(const struct bp_block *item)
{
	if (item == NULL || item->child == NULL)
		return "(no item paragraph)";
	return item->child->text.plain;
}

static size_t
count_sections(const struct bp_paper *p)
{
	size_t n = 0;

	for (const struct bp_block *s = p ? p->body : NULL; s; s = s->next)
		n++;
	return n;
}

/* The k-th run of type `type` in a text, or NULL. */
static const struct bp_run *
run_of(const struct bp_text *t, enum bp_run_type type, size_t k)
{
	for (size_t i = 0; i < t->nruns; i++)
		if (t->runs[i].type == type && k-- == 0)
			return &t->runs[i];
	return NULL;
}

static const char *
run_text(const struct bp_run *r)
{
	static char buf[256];

	if (r == NULL)
		return "(no run)";
	snprintf(buf, sizeof(buf), "%.*s", (int)r->len, r->text);
	return buf;
}

/* --- numbering ------------------------------------------------------- */

static void
test_continuous_across_sections(void)
{
	struct fx f;

	fx_parse(&f, "", "Intro.\n\n## A\n\nOne.\n\nTwo.\n\n## B\n\nThree.\n");
	EXPECT_CLEAN(&f);
	EXPECT_INT(count_sections(f.p), 3);
	EXPECT_STR(PARA_NUMBERS(f.p), "1,2,3,4");
	EXPECT_STR(PARA_IDS(f.p), "p1,p2,p3,p4");
	EXPECT_STR(HEADING_NUMBERS(f.p), "-,-");
	EXPECT_STR(HEADING_IDS(f.p), "s1,s2");
	EXPECT_STR(plain(by_id(f.p, "p3")), "Two.");
	fx_free(&f);
}

/* Ten paragraphs, so that the eleventh holds the sub-paragraphs. */
#define TEN_PARAS "P1.\n\nP2.\n\nP3.\n\nP4.\n\nP5.\n\nP6.\n\nP7.\n\nP8.\n\n" \
	"P9.\n\nP10.\n\n"

static void
test_subparagraphs(void)
{
	struct fx f;
	const struct bp_block *p11, *list, *nested;

	/* the numbers written in the source are ignored */
	fx_parse(&f, "", "## A\n\n" TEN_PARAS "P11.\n\n"
	    "3. a\n3. b\n\n   7. c\n   7. d\n3. e\n\nP12.\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(PARA_NUMBERS(f.p),
	    "1,2,3,4,5,6,7,8,9,10,11,12");
	EXPECT_STR(ITEM_NUMBERS(f.p), "11.1,11.2,11.2.1,11.2.2,11.3");
	EXPECT_STR(ITEM_IDS(f.p), "p11.1,p11.2,p11.2.1,p11.2.2,p11.3");
	p11 = by_id(f.p, "p11");
	list = nth(f.p, BP_BLOCK_LIST, 0);
	nested = nth(f.p, BP_BLOCK_LIST, 1);
	EXPECT(p11 != NULL && list != NULL && nested != NULL);
	if (p11 && list && nested) {
		EXPECT_STR(p11->number, "11");
		EXPECT(list->parent == p11);
		EXPECT_INT(list->list, BP_LIST_SUBPARA);
		EXPECT_INT(nested->list, BP_LIST_SUBPARA);
		EXPECT_STR(nested->parent->number, "11.2");
	}
	EXPECT_STR(item_plain(by_id(f.p, "p11.2.1")), "c");
	EXPECT_STR(plain(by_id(f.p, "p12")), "P12.");
	fx_free(&f);
}

static void
test_bullets_unnumbered(void)
{
	struct fx f;
	const struct bp_block *list, *inner;

	fx_parse(&f, "", "Para.\n\n- a\n- b\n\n  1. x\n  2. y\n\nNext.\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(PARA_NUMBERS(f.p), "1,2");
	list = nth(f.p, BP_BLOCK_LIST, 0);
	inner = nth(f.p, BP_BLOCK_LIST, 1);
	EXPECT(list != NULL && inner != NULL);
	if (list && inner) {
		EXPECT_INT(list->list, BP_LIST_BULLET);
		EXPECT(list->parent == by_id(f.p, "p1"));
		/* an ordered list in a bullet item is an ordinary list */
		EXPECT_INT(inner->list, BP_LIST_ORDERED);
	}
	EXPECT_STR(ITEM_NUMBERS(f.p), "-,-,1,2");
	EXPECT_STR(ITEM_IDS(f.p), "-,-,-,-");
	fx_free(&f);
}

static void
test_ordered_after_heading(void)
{
	struct fx f;
	const struct bp_block *list;

	fx_parse(&f, "", "## H\n\n1. a\n2. b\n\nPara.\n\n### Sub\n\n1. c\n");
	EXPECT_CLEAN(&f);
	list = nth(f.p, BP_BLOCK_LIST, 0);
	EXPECT(list != NULL);
	if (list != NULL) {
		EXPECT_INT(list->list, BP_LIST_ORDERED);
		EXPECT_INT(list->parent->type, BP_BLOCK_SECTION);
	}
	list = nth(f.p, BP_BLOCK_LIST, 1);
	EXPECT(list != NULL);
	if (list != NULL) /* after a sub-heading, too */
		EXPECT_INT(list->list, BP_LIST_ORDERED);
	EXPECT_STR(ITEM_NUMBERS(f.p), "1,2,1");
	EXPECT_STR(ITEM_IDS(f.p), "-,-,-");
	EXPECT_STR(PARA_NUMBERS(f.p), "1");
	fx_free(&f);
}

/* One outline for every back-end: # and ## are rank 2 under the title,
 * and a level never skips (#### after ## is 3; ###### after ### is 4). */
static void
test_heading_ranks(void)
{
	struct fx f;
	struct bp_buf got = BP_BUF_INIT;

	fx_parse(&f, "", "## A\n\nOne.\n\n#### B\n\nTwo.\n\n###### C\n\n"
	    "Three.\n\n# D\n\nFour.\n\n### E\n\nFive.\n\n##### F\n");
	EXPECT_CLEAN(&f);
	for (size_t k = 0; nth(f.p, BP_BLOCK_HEADING, k) != NULL; k++)
		bp_buf_printf(&got, "%s%d", k ? "," : "",
		    nth(f.p, BP_BLOCK_HEADING, k)->rank);
	EXPECT_STR(got.data, "2,3,4,2,3,4");
	bp_buf_free(&got);
	fx_free(&f);
}

static void
test_sections_numbering(void)
{
	struct fx f;

	fx_parse(&f, "numbering: sections\n",
	    "# A\n\nOne.\n\nTwo.\n\n## B\n\nThree.\n\n"
	    "1. x\n\n   1. y\n2. z\n\n### Sub\n\nFour.\n");
	EXPECT_CLEAN(&f);
	EXPECT_INT(f.p->meta.numbering, BP_NUMBERING_SECTIONS);
	EXPECT_STR(HEADING_NUMBERS(f.p), "1,2,-");
	EXPECT_STR(HEADING_IDS(f.p), "s1,s2,s2.1");
	EXPECT_STR(PARA_NUMBERS(f.p), "1.1,1.2,2.1,2.2");
	EXPECT_STR(PARA_IDS(f.p), "p1.1,p1.2,p2.1,p2.2");
	EXPECT_STR(ITEM_NUMBERS(f.p), "2.1.1,2.1.1.1,2.1.2");
	EXPECT_STR(plain(by_id(f.p, "p2.2")), "Four.");
	fx_free(&f);
}

static void
test_no_numbering(void)
{
	struct fx f;
	const struct bp_block *list;

	fx_parse(&f, "numbering: none\n",
	    "## A\n\nOne.\n\n1. x\n2. y\n\nTwo.\n\n## B\n\nThree.\n");
	EXPECT_CLEAN(&f);
	EXPECT_INT(f.p->meta.numbering, BP_NUMBERING_NONE);
	EXPECT_STR(PARA_NUMBERS(f.p), "-,-,-");
	EXPECT_STR(PARA_IDS(f.p), "-,-,-");
	EXPECT_STR(HEADING_NUMBERS(f.p), "-,-");
	list = nth(f.p, BP_BLOCK_LIST, 0);
	EXPECT(list != NULL && list->list != BP_LIST_SUBPARA);
	EXPECT_STR(ITEM_IDS(f.p), "-,-");
	fx_free(&f);
}

/* --- labels ---------------------------------------------------------- */

static void
test_labels_removed(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "## Options {#opts}\n\n{#first} First para.\n\n"
	    "1. {#sub} Sub one.\n2. Sub two.\n\n{#emph} *Emph* text.\n\n"
	    "- {#bul} Bullet.\n");
	EXPECT_CLEAN(&f);
	b = labelled(f.p, "opts");
	EXPECT(b != NULL && b->type == BP_BLOCK_HEADING);
	EXPECT_STR(plain(b), "Options");
	EXPECT_STR(b ? b->id : NULL, "s1");
	b = labelled(f.p, "first");
	EXPECT(b != NULL && b->type == BP_BLOCK_PARA);
	EXPECT_STR(plain(b), "First para.");
	EXPECT_STR(b ? b->id : NULL, "p1");
	b = labelled(f.p, "sub");
	EXPECT(b != NULL && b->type == BP_BLOCK_ITEM);
	EXPECT_STR(item_plain(b), "Sub one.");
	EXPECT(b == NULL || b->child == NULL || b->child->label == NULL);
	EXPECT_STR(b ? b->id : NULL, "p1.1");
	EXPECT(labelled(f.p, "emph") != NULL);
	/* a labelled block with no number still gets an id to link to */
	b = labelled(f.p, "bul");
	EXPECT(b != NULL && b->type == BP_BLOCK_ITEM && b->number == NULL);
	EXPECT_STR(b ? b->id : NULL, "x-bul");
	EXPECT_STR(item_plain(b), "Bullet.");
	fx_free(&f);
}

/* The space after the label goes with it, even when styled text follows. */
static void
test_label_before_emphasis(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "{#emph} *Emph* text.\n\n- {#it} **Bold** item.\n");
	EXPECT_CLEAN(&f);
	b = labelled(f.p, "emph");
	EXPECT_STR(plain(b), "Emph text.");
	EXPECT(b == NULL || (b->text.nruns > 0 &&
	    b->text.runs[0].style == BP_STYLE_EMPH));
	EXPECT_STR(item_plain(labelled(f.p, "it")), "Bold item.");
	fx_free(&f);
}

static void
test_label_duplicate(void)
{
	struct fx f;
	char line[128];

	fx_parse(&f, "", "{#a} One.\n\n{#a} Two.\n");
	EXPECT_INT(count_diags(&f, BP_E_LABEL_DUPLICATE, f.body_line + 2), 1);
	snprintf(line, sizeof(line), "t.md:%u:1: error: label 'a' is already "
	    "defined at line %u", f.body_line + 2, f.body_line);
	EXPECT(has_report_line(&f, line));
	EXPECT(bp_diags_failed(&f.d, false));
	fx_free(&f);
}

static void
test_label_unknown(void)
{
	struct fx f;
	char line[128];
	const struct bp_block *b;

	fx_parse(&f, "", "One.\n\nSee [](#nope) and [this](#gone).\n");
	EXPECT_INT(f.d.nerrors, 2);
	snprintf(line, sizeof(line), "t.md:%u:5: error: unknown label 'nope'",
	    f.body_line + 2);
	EXPECT(has_report_line(&f, line));
	snprintf(line, sizeof(line), "t.md:%u:19: error: unknown label 'gone'",
	    f.body_line + 2);
	EXPECT(has_report_line(&f, line));
	b = by_id(f.p, "p2");
	EXPECT(b != NULL);
	if (b != NULL)
		EXPECT_STR(run_text(run_of(&b->text, BP_RUN_REF, 0)), "??");
	fx_free(&f);
}

static void
test_label_syntax(void)
{
	struct fx f;

	fx_parse(&f, "", "{#bad label} One.\n\n## H {#no!}\n\n- {#a/b} x\n");
	EXPECT_INT(count_diags(&f, BP_E_LABEL_SYNTAX, f.body_line), 1);
	EXPECT_INT(count_diags(&f, BP_E_LABEL_SYNTAX, f.body_line + 2), 1);
	EXPECT_INT(count_diags(&f, BP_E_LABEL_SYNTAX, f.body_line + 4), 1);
	fx_free(&f);
}

/* "{#}" names nothing: it must not define the empty label. */
static void
test_label_empty(void)
{
	struct fx f;

	fx_parse(&f, "", "{#} One.\n\n## H {#}\n");
	EXPECT_INT(count_diags(&f, BP_E_LABEL_SYNTAX, f.body_line), 1);
	EXPECT_INT(count_diags(&f, BP_E_LABEL_SYNTAX, f.body_line + 2), 1);
	EXPECT_INT(count_diags(&f, BP_E_LABEL_DUPLICATE, 0), 0);
	fx_free(&f);
}

/* --- cross-references ------------------------------------------------ */

static void
test_refs_both_ways(void)
{
	struct fx f;
	const struct bp_block *b;
	const struct bp_run *r;

	fx_parse(&f, "", "{#a} First.\n\nSee [](#a) and [](#c).\n\n"
	    "{#c} Third.\n");
	EXPECT_CLEAN(&f);
	b = by_id(f.p, "p2");
	EXPECT_STR(plain(b), "See 1 and 3.");
	if (b != NULL) {
		r = run_of(&b->text, BP_RUN_REF, 0);
		EXPECT_STR(run_text(r), "1");
		EXPECT(r && r->link && r->link->type == BP_LINK_INTERNAL &&
		    r->link->target == labelled(f.p, "a"));
		r = run_of(&b->text, BP_RUN_REF, 1);
		EXPECT_STR(run_text(r), "3");
		EXPECT(r && r->link && r->link->target == labelled(f.p, "c"));
	}
	EXPECT_INT(f.p->nlinks, 0);
	fx_free(&f);
}

static void
test_refs_from_front_matter(void)
{
	struct fx f;

	fx_parse_text(&f, FM_HEAD FM_PURPOSE
	    "summary: See paragraph [](#later) and [](#sub).\n"
	    "recommendations:\n  - Agree [](#sub).\n  - Note [](#later).\n"
	    "action: Act on [](#later).\ncontact:\n  name: N\n---\n"
	    "One.\n\n{#later} Two.\n\n1. x\n2. {#sub} y\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(f.p->meta.summary.plain, "See paragraph 2 and 2.2.");
	EXPECT_INT(f.p->meta.nrecommendations, 2);
	if (f.p->meta.nrecommendations == 2) {
		EXPECT_STR(f.p->meta.recommendations[0].plain, "Agree 2.2.");
		EXPECT_STR(f.p->meta.recommendations[1].plain, "Note 2.");
	}
	EXPECT_STR(f.p->meta.action.plain, "Act on 2.");
	fx_free(&f);
}

static void
test_refs_front_matter_unknown(void)
{
	struct fx f;

	fx_parse_text(&f, FM_HEAD FM_PURPOSE
	    "summary: See [](#nope).\n" FM_REST "One.\n");
	EXPECT_INT(f.d.nerrors, 1);
	EXPECT_INT(count_diags(&f, BP_E_LABEL_UNKNOWN, 4), 1);
	fx_free(&f);
}

/* A paper whose summary is `summary`, under `numbering`. */
static void
fx_parse_summary(struct fx *f, const char *numbering, const char *summary,
	const char *body)
{
	struct bp_buf b = BP_BUF_INIT;

	bp_buf_printf(&b, FM_HEAD "numbering: %s\n" FM_PURPOSE "summary: %s\n"
	    FM_REST "%s", numbering, summary, body);
	fx_parse_text(f, b.data);
	bp_buf_free(&b);
}

static void
test_refs_sections(void)
{
	struct fx f;

	fx_parse_summary(&f, "sections", "As [](#p) and [](#b) say.",
	    "## A\n\nOne.\n\n## B {#b}\n\n"
	    "{#p} Two.\n\n1. {#s} x\n\nSee [](#b), [](#p) and [](#s).\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(plain(by_id(f.p, "p2.2")), "See 2, 2.1 and 2.1.1.");
	EXPECT_STR(f.p->meta.summary.plain, "As 2.1 and 2 say.");
	fx_free(&f);
}

static void
test_refs_none(void)
{
	struct fx f;

	fx_parse_summary(&f, "none", "See [](#o) and [that](#p).",
	    "## Opts {#o}\n\n{#p} One.\n\n"
	    "See [](#o) and [the first](#p).\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(plain(nth(f.p, BP_BLOCK_PARA, 1)),
	    "See Opts and the first.");
	EXPECT_STR(f.p->meta.summary.plain, "See Opts and that.");
	fx_free(&f);
}

static void
test_ref_unnumbered(void)
{
	struct fx f;

	/* a bullet item has no number */
	fx_parse(&f, "", "One.\n\n- {#b} bullet\n\nSee [](#b).\n");
	EXPECT_INT(count_diags(&f, BP_E_LABEL_UNNUMBERED, f.body_line + 4),
	    1);
	EXPECT_INT(f.d.n, 1);
	fx_free(&f);
	/* nor does a paragraph under numbering: none */
	fx_parse(&f, "numbering: none\n", "{#p} One.\n\nSee [](#p).\n");
	EXPECT_INT(count_diags(&f, BP_E_LABEL_UNNUMBERED, f.body_line + 2),
	    1);
	fx_free(&f);
	/* with link text it is fine */
	fx_parse(&f, "", "One.\n\n- {#b} bullet\n\nSee [the bullet](#b).\n");
	EXPECT_CLEAN(&f);
	fx_free(&f);
}

static void
test_ref_heading_title(void)
{
	struct fx f;
	const struct bp_block *b, *h;
	const struct bp_run *r;

	fx_parse(&f, "", "## Fees and *charges* {#fees}\n\nSee [](#fees).\n\n"
	    "### Later {#later}\n\nAnd [](#later).\n");
	EXPECT_CLEAN(&f);
	h = labelled(f.p, "fees");
	b = by_id(f.p, "p1");
	EXPECT_STR(plain(b), "See Fees and charges.");
	if (b != NULL) {
		r = run_of(&b->text, BP_RUN_REF, 0);
		EXPECT(r != NULL && r->link != NULL && r->link->target == h);
	}
	EXPECT_STR(plain(by_id(f.p, "p2")), "And Later.");
	EXPECT_STR(h ? h->id : NULL, "s1");
	EXPECT_STR(HEADING_IDS(f.p), "s1,s1.1");
	fx_free(&f);
}

static void
test_ref_with_text(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "{#a} One.\n\nSee [the *first* paragraph](#a).\n");
	EXPECT_CLEAN(&f);
	b = by_id(f.p, "p2");
	EXPECT_STR(plain(b), "See the first paragraph.");
	if (b != NULL) {
		size_t linked = 0;
		EXPECT(run_of(&b->text, BP_RUN_REF, 0) == NULL);
		for (size_t i = 0; i < b->text.nruns; i++) {
			const struct bp_link *l = b->text.runs[i].link;
			if (l == NULL)
				continue;
			linked++;
			EXPECT(l->type == BP_LINK_INTERNAL);
			EXPECT(l->target == by_id(f.p, "p1"));
			EXPECT_STR(l->label, "a");
		}
		EXPECT(linked >= 2); /* "the ", "first", " paragraph" */
	}
	EXPECT_INT(f.p->nlinks, 0);
	fx_free(&f);
}

static void
test_ids(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "## A\n\n" TEN_PARAS "P11.\n\n1. a\n2. b\n\n"
	    "## B\n\nP12.\n");
	EXPECT_CLEAN(&f);
	b = by_id(f.p, "p11");
	EXPECT(b != NULL && b->type == BP_BLOCK_PARA);
	b = by_id(f.p, "p11.2");
	EXPECT(b != NULL && b->type == BP_BLOCK_ITEM);
	EXPECT_STR(item_plain(b), "b");
	b = by_id(f.p, "s1");
	EXPECT(b != NULL && b->type == BP_BLOCK_HEADING);
	EXPECT_STR(plain(b), "A");
	b = by_id(f.p, "s2");
	EXPECT_STR(plain(b), "B");
	fx_free(&f);
}

static void
test_printed_numbers(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "## A\n\n" TEN_PARAS "P11.\n\n1. a\n2. b\n\n"
	    "## B\n\nP12.\n");
	EXPECT_CLEAN(&f);
	b = by_id(f.p, "p11");
	EXPECT_STR(b ? b->printed : NULL, "11.");
	b = by_id(f.p, "p11.2");
	EXPECT_STR(b ? b->printed : NULL, "11.2");
	b = by_id(f.p, "s1");
	EXPECT(b != NULL && b->printed == NULL);
	fx_free(&f);
}

/* --- links and text -------------------------------------------------- */

static void
test_url_links_in_order(void)
{
	struct fx f;

	fx_parse_text(&f, FM_HEAD FM_PURPOSE
	    "summary: See <https://a.example/>.\n" FM_REST
	    "[b](https://b.example/) and [**c** d](http://c.example/).\n\n"
	    "- mail mark.norris@local.gov.uk\n\n"
	    "Bare https://d.example/x and [e](MAILTO:e@x.example).\n");
	EXPECT_CLEAN(&f);
	EXPECT_INT(f.p->nlinks, 6);
	if (f.p->nlinks == 6) {
		static const char *const urls[] = { "https://a.example/",
			"https://b.example/", "http://c.example/",
			"mailto:mark.norris@local.gov.uk",
			"https://d.example/x", "MAILTO:e@x.example" };
		for (unsigned i = 0; i < 6; i++) {
			EXPECT_STR(f.p->links[i]->url, urls[i]);
			EXPECT_INT(f.p->links[i]->index, i + 1);
			EXPECT_INT(f.p->links[i]->type, BP_LINK_URL);
		}
	}
	EXPECT_STR(plain(by_id(f.p, "p1")), "b and c d.");
	fx_free(&f);
}

static void
test_link_text_is_url(void)
{
	struct fx f;

	fx_parse(&f, "", "<https://a.example/>, [http](http://b.example/), "
	    "[**https**://c.example/](https://c.example/), e@x.example, "
	    "[mail](mailto:e@x.example).\n");
	EXPECT_CLEAN(&f);
	EXPECT_INT(f.p->nlinks, 5);
	if (f.p->nlinks == 5) {
		static const bool want[] = { true, false, true, true, false };
		for (unsigned i = 0; i < 5; i++)
			EXPECT_INT(f.p->links[i]->text_is_url, want[i]);
	}
	fx_free(&f);
}

static void
test_javascript_dropped(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "[click](javascript:alert(1)) here, "
	    "[x](JavaScript:void) and [d](data:text/html,hi).\n");
	EXPECT_INT(f.d.nerrors, 0);
	EXPECT_INT(f.d.nwarnings, 3);
	EXPECT_INT(count_diags(&f, BP_W_LINK_DROPPED, f.body_line), 3);
	EXPECT(!bp_diags_failed(&f.d, false));
	EXPECT(bp_diags_failed(&f.d, true));
	EXPECT_INT(f.p->nlinks, 0);
	b = by_id(f.p, "p1");
	for (size_t i = 0; b != NULL && i < b->text.nruns; i++)
		EXPECT(b->text.runs[i].link == NULL);
	fx_free(&f);
}

/* A dropped link keeps its text, wherever it stands, and never shows the
 * URL it dropped. */
static void
test_dropped_link_text(void)
{
	struct fx f;

	fx_parse(&f, "", "[click](javascript:alert(1)) here.\n\n"
	    "See [the form](javascript:alert(1)) now, "
	    "[x](JavaScript:void) and [d](data:text/html,hi).\n");
	EXPECT_INT(f.d.nerrors, 0);
	EXPECT_STR(plain(by_id(f.p, "p1")), "click here.");
	EXPECT_STR(plain(by_id(f.p, "p2")), "See the form now, x and d.");
	fx_free(&f);
}

static void
test_white_space_folded(void)
{
	struct fx f;

	fx_parse(&f, "", "Some   spaced\ttext\nacross    \t lines.\n\n"
	    "   Indented  *and   emph*  too.\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(plain(by_id(f.p, "p1")), "Some spaced text across lines.");
	EXPECT_STR(plain(by_id(f.p, "p2")), "Indented and emph too.");
	fx_free(&f);
}

static void
test_hard_breaks(void)
{
	struct fx f;
	const struct bp_block *b;
	const struct bp_run *r;

	fx_parse(&f, "", "Line one  \nline two\\\nline three\n");
	EXPECT_CLEAN(&f);
	b = by_id(f.p, "p1");
	EXPECT(b != NULL);
	if (b == NULL)
		goto out;
	EXPECT(run_of(&b->text, BP_RUN_BREAK, 0) != NULL);
	EXPECT(run_of(&b->text, BP_RUN_BREAK, 1) != NULL);
	EXPECT(run_of(&b->text, BP_RUN_BREAK, 2) == NULL);
	r = run_of(&b->text, BP_RUN_BREAK, 0);
	EXPECT(r == NULL || (r->len == 0 && r->text != NULL));
	/* the text on either side of a break carries no stray space */
	EXPECT_STR(run_text(run_of(&b->text, BP_RUN_TEXT, 0)), "Line one");
	EXPECT_STR(run_text(run_of(&b->text, BP_RUN_TEXT, 1)), "line two");
	EXPECT_STR(run_text(run_of(&b->text, BP_RUN_TEXT, 2)), "line three");
out:
	fx_free(&f);
}

static void
test_table_caption_before(void)
{
	struct fx f;
	const struct bp_block *b;
	const struct bp_table *t;

	fx_parse(&f, "", "{#fees} Intro.\n\nTable: Fees *now*\n\n"
	    "| A | B | C | D |\n|:--|:-:|--:|---|\n| 1 | 2 | **3** | 4 |\n"
	    "| 5 | 6 |\n\nThe table at paragraph [](#fees).\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(PARA_NUMBERS(f.p), "1,2"); /* the caption is no paragraph */
	EXPECT_STR(plain(by_id(f.p, "p2")), "The table at paragraph 1.");
	b = nth(f.p, BP_BLOCK_TABLE, 0);
	EXPECT(b != NULL && nth(f.p, BP_BLOCK_TABLE, 1) == NULL);
	if (b == NULL)
		goto out;
	EXPECT(b->parent == by_id(f.p, "p1"));
	t = &b->u.table;
	EXPECT_INT(t->ncols, 4);
	EXPECT_INT(t->nrows, 3);
	if (t->ncols != 4 || t->nrows != 3)
		goto out;
	EXPECT_INT(t->align[0], BP_ALIGN_LEFT);
	EXPECT_INT(t->align[1], BP_ALIGN_CENTER);
	EXPECT_INT(t->align[2], BP_ALIGN_RIGHT);
	EXPECT_INT(t->align[3], BP_ALIGN_NONE);
	EXPECT_STR(t->caption.plain, "Fees now");
	EXPECT_STR(t->cells[0].plain, "A");
	EXPECT_STR(t->cells[3].plain, "D");
	EXPECT_STR(t->cells[1 * 4 + 2].plain, "3");
	EXPECT(t->cells[1 * 4 + 2].nruns == 1 &&
	    t->cells[1 * 4 + 2].runs[0].style == BP_STYLE_STRONG);
	/* a short row is padded with empty cells */
	EXPECT_STR(t->cells[2 * 4 + 1].plain, "6");
	EXPECT_STR(t->cells[2 * 4 + 3].plain, "");
	EXPECT_INT(t->cells[2 * 4 + 3].nruns, 0);
out:
	fx_free(&f);
}

static void
test_table_caption_after(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "Intro.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
	    "Table: After\n\nNext.\n\n| C |\n|---|\n| 3 |\n\nLast.\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(PARA_NUMBERS(f.p), "1,2,3");
	b = nth(f.p, BP_BLOCK_TABLE, 0);
	EXPECT(b != NULL);
	if (b != NULL) {
		EXPECT_STR(b->u.table.caption.plain, "After");
		EXPECT_INT(b->u.table.align[0], BP_ALIGN_NONE);
		EXPECT(b->parent == by_id(f.p, "p1"));
	}
	b = nth(f.p, BP_BLOCK_TABLE, 1);
	EXPECT(b != NULL);
	if (b != NULL) {
		EXPECT_INT(b->u.table.caption.nruns, 0);
		EXPECT(b->parent == by_id(f.p, "p2"));
	}
	fx_free(&f);
}

/* Resolve numbers the tables once, through the body and then the notes,
 * so that HTML's "Table 3" need not count them. */
static void
test_tables_numbered_in_resolve(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "One.[^1]\n\n| A |\n|---|\n| 1 |\n\nTwo.\n\n"
	    "| B |\n|---|\n| 2 |\n\n[^1]: A note.\n\n    | C |\n"
	    "    |---|\n    | 3 |\n");
	EXPECT_CLEAN(&f);
	b = nth(f.p, BP_BLOCK_TABLE, 0);
	EXPECT(b != NULL && b->u.table.number == 1);
	b = nth(f.p, BP_BLOCK_TABLE, 1);
	EXPECT(b != NULL && b->u.table.number == 2);
	EXPECT(f.p != NULL && f.p->nnotes == 1);
	if (f.p != NULL && f.p->nnotes == 1) {
		size_t k = 0;
		enum bp_block_type type = BP_BLOCK_TABLE;
		b = find_in(f.p->notes[0].child, has_type, &type, &k);
		EXPECT(b != NULL && b->u.table.number == 3);
	}
	fx_free(&f);
}

static void
test_raw_html_is_text(void)
{
	struct fx f;

	fx_parse(&f, "", "<div class=\"x\">raw</div>\n\n"
	    "Inline <b>bold</b> and <script>alert(1)</script>.\n");
	EXPECT_CLEAN(&f);
	EXPECT_STR(plain(nth(f.p, BP_BLOCK_PARA, 0)),
	    "<div class=\"x\">raw</div>");
	EXPECT_STR(plain(nth(f.p, BP_BLOCK_PARA, 1)),
	    "Inline <b>bold</b> and <script>alert(1)</script>.");
	fx_free(&f);
}

static void
test_meeting_text(void)
{
	struct fx f;

	fx_parse(&f, "meeting: 2020-11-18\n", "One.\n");
	EXPECT_CLEAN(&f);
	EXPECT(f.p->meta.has_meeting);
	EXPECT_STR(f.p->meta.meeting_text, "18 November 2020");
	EXPECT_INT(f.p->meta.meeting.year, 2020);
	EXPECT_INT(f.p->meta.meeting.month, 11);
	EXPECT_INT(f.p->meta.meeting.day, 18);
	fx_free(&f);
	fx_parse(&f, "meeting: 2021-01-05\n", "One.\n");
	EXPECT_STR(f.p->meta.meeting_text, "5 January 2021");
	fx_free(&f);
	fx_parse(&f, "", "One.\n");
	EXPECT(!f.p->meta.has_meeting);
	EXPECT_STR(f.p->meta.meeting_text, NULL);
	fx_free(&f);
}

/* Every entry of every built-in table has words, and a name a house
 * style can use, with no two entries sharing a name. */
static void
test_label_table_complete(void)
{
	const struct bp_labels *en = bp_labels_for("en");

	for (int i = 0; i < BP_LABEL__MAX; i++) {
		EXPECT(en->text[i] != NULL && en->text[i][0] != '\0');
		EXPECT(bp_label_keys[i] != NULL);
		for (int j = 0; j < i && bp_label_keys[i]; j++)
			EXPECT(bp_label_keys[j] == NULL ||
			    strcmp(bp_label_keys[i], bp_label_keys[j]) != 0);
	}
	EXPECT(bp_labels_for("en-GB") == en);
	EXPECT(bp_labels_for("EN") == en);
	EXPECT(bp_labels_for("xx") == en);  /* no table: English */
	EXPECT(bp_labels_for(NULL) == en);
	EXPECT_STR(bp_labels_for("eng")->lang, "en");
}

/* WCAG relative-luminance contrast, as the house-style check uses it:
 * black on white is 21:1, #767676 just passes 4.5:1, #777777 does not. */
static void
test_contrast_ratio(void)
{
	struct bp_rgb white = { 1, 1, 1 }, black = { 0, 0, 0 };
	struct bp_rgb g76 = { 0x76 / 255.0, 0x76 / 255.0, 0x76 / 255.0 };
	struct bp_rgb g77 = { 0x77 / 255.0, 0x77 / 255.0, 0x77 / 255.0 };
	double r = bp_contrast_ratio(black, white);

	EXPECT(r > 20.99 && r < 21.01);
	EXPECT(bp_contrast_ratio(white, black) == r);
	EXPECT(bp_contrast_ratio(g76, white) >= 4.5);
	EXPECT(bp_contrast_ratio(g77, white) < 4.5);
}

/* The built-in style is today's look; the jurisdiction picks the
 * exclusion wording; a style's renamings copy the table, per language. */
static void
test_default_style(void)
{
	const struct bp_house_style *s = bp_style_default();
	struct bp_house_style cy = *s;
	struct bp_style_label renamed[] = {
		{ "cy", BP_LABEL_PURPOSE, "purpose", "Pwrpas" },
	};
	struct bp_arena *a = bp_arena_new();

	EXPECT(s->organisation == NULL && s->logo_path == NULL);
	EXPECT(!s->has_font && !s->has_accent && !s->has_margins);
	EXPECT_STR(s->font, "Liberation Sans");
	EXPECT(s->font_size == 12.0);
	EXPECT(s->numbering == BP_NUMBERING_CONTINUOUS);
	EXPECT_STR(s->lang, "en-GB");
	EXPECT(s->nfields == 0 && s->nsections == 0 && s->nlabels == 0);
	EXPECT(bp_style_exclusion_label(s) == BP_LABEL_EXCLUSION);
	cy.jurisdiction = BP_JURISDICTION_WALES;
	EXPECT(bp_style_exclusion_label(&cy) == BP_LABEL_EXCLUSION_WALES);
	cy.jurisdiction = BP_JURISDICTION_NONE;
	EXPECT(bp_style_exclusion_label(&cy) == -1);
	EXPECT(bp_style_labels(s, "cy", a) == bp_labels_for("cy"));
	cy.labels = renamed;
	cy.nlabels = 1;
	EXPECT(bp_style_labels(&cy, "en", a) == bp_labels_for("en"));
	EXPECT_STR(bp_style_labels(&cy, "cy-GB", a)->text[BP_LABEL_PURPOSE],
	    "Pwrpas");
	EXPECT_STR(bp_style_labels(&cy, "cy", a)->text[BP_LABEL_SUMMARY],
	    "Crynodeb");
	bp_arena_free(a);
}

/* Welsh is a whole column: every entry has words, and the ones a Welsh
 * council's reader sees first are the expected ones. */
static void
test_label_table_welsh(void)
{
	const struct bp_labels *cy = bp_labels_for("cy");
	const char *args[] = { "1", "2" };
	struct bp_buf b = BP_BUF_INIT;

	EXPECT_STR(cy->lang, "cy");
	EXPECT(bp_labels_for("cy-GB") == cy);
	EXPECT(bp_labels_for("CY") == cy);
	for (int i = 0; i < BP_LABEL__MAX; i++)
		EXPECT(cy->text[i] != NULL && cy->text[i][0] != '\0');
	bp_label_fill(&b, cy->text[BP_LABEL_PAGE_OF], args, 2);
	EXPECT_STR(b.data, "Tudalen 1 o 2");
	EXPECT_STR(cy->text[BP_LABEL_MARCH], "Mawrth");
	EXPECT_STR(cy->text[BP_LABEL_NONE], "Dim");
	bp_buf_free(&b);
}

static void
test_label_fill(void)
{
	const char *args[] = { "3", "7" };
	struct bp_buf b = BP_BUF_INIT;

	bp_label_fill(&b, "Page %1 of %2", args, 2);
	EXPECT_STR(b.data, "Page 3 of 7");
	bp_buf_reset(&b);
	bp_label_fill(&b, "%2 o %1, 100%% %3%", args, 2);
	EXPECT_STR(b.data, "7 o 3, 100% %");
	bp_buf_reset(&b);
	bp_label_fill(&b, "%1", NULL, 0);
	EXPECT_STR(b.data, "");
	bp_buf_free(&b);
}

/* Derived words are the model's, in the paper's language: resolve fills
 * them from the label table once. */
static void
test_derived_text(void)
{
	struct fx f;

	fx_parse(&f, "item: 4a\nrecommendations:\n  - One.\n  - Two.\n",
	    "One.\n");
	EXPECT(f.p->labels == bp_labels_for("en"));
	EXPECT_STR(f.p->meta.item_text, "Item 4a");
	EXPECT(f.p->meta.recommendation_numbers != NULL);
	if (f.p->meta.recommendation_numbers != NULL) {
		EXPECT_STR(f.p->meta.recommendation_numbers[0], "1.");
		EXPECT_STR(f.p->meta.recommendation_numbers[1], "2.");
	}
	fx_free(&f);
	fx_parse(&f, "", "One.\n");
	EXPECT_STR(f.p->meta.item_text, NULL);
	EXPECT(f.p->meta.recommendation_numbers == NULL);
	fx_free(&f);
}

static bool
keep_all(unsigned depth, const struct bp_yaml_node *parent,
	const struct bp_yaml_node *key, enum bp_yaml_kind kind)
{
	(void)depth;
	(void)parent;
	(void)key;
	(void)kind;
	return true;
}

/* The shared YAML reader: a tree with file positions, typed scalars,
 * and keys checked against a table. */
/* bp_file_report names the limit the file was read with, not always a
 * paper's. */
static void
test_file_report_limit(void)
{
	static const struct { size_t max; const char *want; } cases[] = {
		{ BP_MAX_INPUT, "f: error: file is larger than the limit of "
		    "8388608 bytes (8 MiB)\n" },
		{ 256u * 1024, "f: error: file is larger than the limit of "
		    "262144 bytes (256 KiB)\n" },
		{ 1000, "f: error: file is larger than the limit of 1000 "
		    "bytes\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bp_buf report = BP_BUF_INIT;
		struct bp_diags d;
		bp_diags_init(&d, "f");
		bp_file_report(&d, BP_FILE_TOO_LARGE, cases[i].max);
		bp_diags_format(&d, false, &report);
		EXPECT_STR(report.data, cases[i].want);
		bp_buf_free(&report);
		bp_diags_free(&d);
	}
}

static void
test_yaml_tree(void)
{
	static const char text[] = "a: \"11:00\"\nb: [true, no]\na: 24:00\n";
	static const char *const names[] = { "a", "b" };
	struct bp_diags d;
	struct bp_yaml *y;
	struct bp_yaml_pair *pairs;
	size_t n = 0;
	int hour = -1, minute = -1;
	bool v = false;

	bp_diags_init(&d, "m.yaml");
	y = bp_yaml_read("meeting file", text, strlen(text), 1, keep_all, &d);
	EXPECT(y->root != NULL && y->root->kind == BP_YAML_MAPPING);
	pairs = bp_yaml_pairs(y, y->root, names, 2, &n);
	EXPECT_INT(n, 3);
	EXPECT_INT(d.nerrors, 1); /* a given twice */
	if (n == 3) {
		EXPECT_INT(pairs[1].value->pos.line, 2);
		EXPECT_INT(pairs[1].value->pos.col, 4);
		EXPECT(pairs[2].skip);
		EXPECT(bp_yaml_time(pairs[0].value, &hour, &minute) == NULL);
		EXPECT(bp_yaml_time(pairs[2].value, &hour, &minute) != NULL);
		EXPECT(bp_yaml_boolean(pairs[1].value->child, &v) && v);
		EXPECT(!bp_yaml_boolean(pairs[1].value->child->next, &v));
		EXPECT(bp_yaml_is_yaml11_boolean(pairs[1].value->child->next));
	}
	EXPECT_INT(hour, 11);
	EXPECT_INT(minute, 0);
	bp_yaml_free(y);
	bp_diags_free(&d);
}

/* Heading blocks at and under b and its siblings. */
static size_t
count_headings(const struct bp_block *b)
{
	size_t n = 0;

	for (; b != NULL; b = b->next)
		n += (b->type == BP_BLOCK_HEADING) + count_headings(b->child);
	return n;
}

/* Markdown and the headings cmark-gfm makes of it: a setext underline
 * makes a heading only of a paragraph in the same containers. */
static const struct {
	const char *md;
	size_t headings;
} heading_cases[] = {
	{ "- a\n---\n", 0 },          /* a list, then a rule */
	{ "1. a\n---\n", 0 },
	{ "> a\n---\n", 0 },
	{ "> a\nlazy\n---\n", 0 },
	{ "- a\n===\n", 0 },          /* "===" goes on with the item's text */
	{ "- a\n  ---\n", 1 },        /* a heading in the item */
	{ "- a\n\n  b\n  ---\n", 1 },
	{ "> a\n> ---\n", 1 },        /* a heading in the quote */
	{ "> a\nlazy\n> ===\n", 1 },
	{ "- a\n  - b\n    ---\n", 1 }, /* in the inner item, not code */
	{ "* a\n\t---\n", 1 },        /* a tab is four columns */
	{ "> # h\n", 1 },
	{ "#hashtag\n", 0 },
	{ "a\n- \n", 1 },             /* "-" alone is an underline */
	{ "| a |\n|---|\n| b |\n===\n", 0 }, /* a table's row */
	{ "- ```\n  ---\n  ```\n", 0 }, /* code */
	{ "<div>\n---\n</div>\n", 0 }, /* HTML */
	{ "<!-- note -->\nb\n---\n", 1 },
	/* a footnote definition: a container, its lines indented 4 columns */
	{ "a[^1]\n\n[^1]: # h\n    # h\n", 2 },
	{ "a[^1]\n\n[^1]: b\n    ---\n", 1 },
	{ "a[^1]\n\n[^1]: b\n\n    # h\n", 1 },   /* an empty line goes on */
	{ "a[^1]\n\n[^1]: b\n  \n    # h\n", 0 }, /* white space ends it */
	{ "a[^1]\n\n> [^1]:\t# h\n>     # h\n", 2 },
};

/* "# WHAT: MD" with MD on one line, for a failure. */
static void
print_case(const char *what, const char *md)
{
	struct bp_buf b = BP_BUF_INIT;

	bp_buf_put_shown(&b, md, strlen(md), 200);
	printf("# %s: %s\n", what, b.data != NULL ? b.data : "");
	bp_buf_free(&b);
}

/* Heading blocks in the body and in the footnotes of paper p. */
static size_t
paper_headings(const struct bp_paper *p)
{
	size_t n;

	if (p == NULL)
		return 0;
	n = count_headings(p->body);
	for (size_t i = 0; i < p->nnotes; i++)
		n += count_headings(p->notes[i].child);
	return n;
}

static void
test_prescan_headings(void)
{
	struct bp_buf md = BP_BUF_INIT;
	struct bp_diags d;

	for (size_t i = 0; i < sizeof(heading_cases) / sizeof(heading_cases[0]);
	    i++) {
		size_t h = heading_cases[i].headings;
		struct fx f;
		/* the table is what cmark-gfm makes */
		fx_parse(&f, "", heading_cases[i].md);
		if (paper_headings(f.p) != h)
			print_case("cmark makes another count of",
			    heading_cases[i].md);
		EXPECT_INT(paper_headings(f.p), h);
		fx_free(&f);
		/* the limit's headings with this case, then one more */
		for (size_t extra = 0; extra < 2; extra++) {
			bool ok;
			bp_buf_reset(&md);
			for (size_t k = h; k < BP_MAX_HEADINGS + extra; k++)
				bp_buf_puts(&md, "# x\n\n");
			bp_buf_puts(&md, heading_cases[i].md);
			bp_diags_init(&d, "t.md");
			ok = bp_prescan(md.data, md.len, 10,
			    (struct bp_pos){ 0, 0 }, &d);
			if (ok != (extra == 0))
				print_case(extra ? "one over the limit with" :
				    "at the limit with", heading_cases[i].md);
			EXPECT(ok == (extra == 0));
			EXPECT_INT(d.per_code[BP_E_LIMIT_HEADINGS], extra);
			bp_diags_free(&d);
		}
	}
	bp_buf_free(&md);
}

/* A table too wide for 72 columns with its words whole: the text output
 * prints it as column groups. */
#define WIDE_TABLE \
	"| Name | Alpha | Bravo | Charlie | Delta | Echo | Foxtrot |" \
	" Golf | Hotel |\n|---|---|---|---|---|---|---|---|---|\n" \
	"| Row one | seventeen | eighteen | nineteen | twenty | twentyone |" \
	" twentytwo | twentythree | twentyfour |\n" \
	"| Row two | [a link](https://example.org/) | b | c | d | e | f |" \
	" g | h |\n"

/* Every calloc of the text output of a column-grouped table made to fail
 * in turn: each failure fails the output (never a table short of a
 * group, printed as if whole), and past the last the output is whole. */
static void
test_txt_column_groups_out_of_memory(void)
{
	struct bp_render_opts opts = { .width = 72 };
	struct bp_buf good = BP_BUF_INIT, out = BP_BUF_INIT;
	struct fx f;
	size_t calls;

	fx_parse(&f, "", WIDE_TABLE);
	EXPECT_CLEAN(&f);
	if (f.p == NULL)
		goto out;
	calloc_calls = calloc_fail_at = 0;
	EXPECT_INT(bp_render_txt(f.p, &opts, &good, &f.d), 0);
	calls = calloc_calls;
	/* the groups: the first column again, over the later columns */
	EXPECT(good.data != NULL && strstr(good.data, "Alpha") != NULL &&
	    strstr(strstr(good.data, "Name") + 4, "Name") != NULL);
	/* put_table's 6 and more: put_column_groups' and each group's */
	EXPECT(calls > 6 + 2 + 6);
	for (size_t k = 1; k <= calls + 1; k++) {
		int rc;
		bp_buf_reset(&out);
		calloc_calls = 0;
		calloc_fail_at = k;
		rc = bp_render_txt(f.p, &opts, &out, &f.d);
		calloc_fail_at = 0;
		if (k <= calls && (rc != -1 || !out.failed))
			printf("# calloc %zu of %zu failed, the output did not\n",
			    k, calls);
		EXPECT(k > calls || (rc == -1 && out.failed));
		if (k > calls) {
			EXPECT_INT(rc, 0);
			EXPECT(out.len == good.len &&
			    memcmp(out.data, good.data, good.len) == 0);
		}
	}
out:
	bp_buf_free(&good);
	bp_buf_free(&out);
	fx_free(&f);
}

static void
test_positions(void)
{
	struct fx f;
	const struct bp_block *b;

	fx_parse(&f, "", "## Head\n\nOne\ntwo.\n\n- item\n");
	EXPECT_CLEAN(&f);
	b = nth(f.p, BP_BLOCK_HEADING, 0);
	EXPECT_INT(b ? b->pos.line : 0, f.body_line);
	b = by_id(f.p, "p1");
	EXPECT_INT(b ? b->pos.line : 0, f.body_line + 2);
	EXPECT_INT(b ? b->pos.col : 0, 1);
	b = nth(f.p, BP_BLOCK_ITEM, 0);
	EXPECT_INT(b ? b->pos.line : 0, f.body_line + 5);
	fx_free(&f);
}

static void
test_whole_file_errors(void)
{
	static const struct {
		const char *text;
		size_t len;
		enum bp_diag_code code;
		const char *line;
	} cases[] = {
		{ "", 0, BP_E_EMPTY, "t.md:1:1: error: file is empty" },
		{ "---\nti\0tle: x\n", 14, BP_E_NUL, "t.md:2:3: error: NUL "
		    "byte at byte offset 6: not a text file" },
		{ "---\ntitle: \xC3(\n", 14, BP_E_UTF8,
		    "t.md:2:8: error: invalid UTF-8 at byte offset 11" },
		{ "---\ntitle: \xE0\x80\x80\n", 15, BP_E_UTF8,
		    "t.md:2:8: error: invalid UTF-8 at byte offset 11" },
		{ "title: x\n", 9, BP_E_NO_FRONT_MATTER, "t.md:1:1: error: "
		    "missing front matter: a paper begins with a '---' line" },
		{ "---\ntitle: x\n", 13, BP_E_FRONT_MATTER_UNCLOSED,
		    "t.md:1:1: error: front matter is not closed by a '---' "
		    "line" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx f;
		memset(&f, 0, sizeof(f));
		bp_buf_init(&f.text);
		bp_buf_init(&f.report);
		bp_diags_init(&f.d, "t.md");
		f.p = bp_paper_parse("t.md", ".", cases[i].text, cases[i].len,
		    &f.d);
		bp_diags_format(&f.d, false, &f.report);
		EXPECT(f.p == NULL);
		EXPECT_INT(f.d.n, 1);
		EXPECT_INT(count_diags(&f, cases[i].code, 0), 1);
		EXPECT(has_report_line(&f, cases[i].line));
		fx_free(&f);
	}
}

/* --- the line breaker ------------------------------------------------ */

/* One unit per character (UTF-8 lead byte), whatever the style. */
static double
fixed_width(void *ctx, unsigned style, const char *s, size_t len)
{
	size_t n = 0;

	(void)ctx;
	(void)style;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return (double)n;
}

static const struct bp_measure fixed = { fixed_width, NULL, false, NULL,
	false };

static struct bp_run
mkrun(enum bp_run_type type, unsigned style, const char *text)
{
	struct bp_run r;

	memset(&r, 0, sizeof(r));
	r.type = type;
	r.style = style;
	r.text = text;
	r.len = strlen(text);
	return r;
}

/* The lines joined with '|'. */
static const char *
lines_text(const struct bp_lines *l)
{
	static char result[1024];
	struct bp_buf b = BP_BUF_INIT;

	for (size_t i = 0; i < l->nlines; i++) {
		const struct bp_line *line = &l->lines[i];
		if (i > 0)
			bp_buf_putc(&b, '|');
		for (size_t k = 0; k < line->nfrags; k++) {
			const struct bp_frag *f = &l->frags[line->first + k];
			bp_buf_put(&b, f->run->text + f->off, f->len);
		}
	}
	snprintf(result, sizeof(result), "%s", b.data);
	bp_buf_free(&b);
	return result;
}

/* Every line no wider than allowed, and widths and x positions add up. */
static bool
lines_consistent(const struct bp_lines *l, size_t first, double first_width,
	double width)
{
	for (size_t i = first; i < l->nlines; i++) {
		const struct bp_line *line = &l->lines[i];
		double x = 0, limit = i == first ? first_width : width;
		for (size_t k = 0; k < line->nfrags; k++) {
			const struct bp_frag *f = &l->frags[line->first + k];
			if (f->x != x || f->width != fixed_width(NULL, 0,
			    f->run->text + f->off, f->len))
				return false;
			x += f->width;
		}
		if (line->width != x || line->width > limit)
			return false;
	}
	return true;
}

/* The fragments point at the run: it must outlive the lines. */
static void
break_plain(const char *text, double first_width, double width,
	struct bp_lines *l)
{
	static struct bp_run r;

	r = mkrun(BP_RUN_TEXT, 0, text);
	bp_lines_reset(l);
	bp_break_lines(&fixed, &r, 1, first_width, width, l);
}

static void
test_break_greedy(void)
{
	struct bp_lines l;

	bp_lines_init(&l);
	break_plain("aaa bbb ccc ddd ee", 7, 7, &l);
	EXPECT_STR(lines_text(&l), "aaa bbb|ccc ddd|ee");
	EXPECT(lines_consistent(&l, 0, 7, 7));
	EXPECT_INT(l.nlines, 3);
	if (l.nlines == 3) {
		EXPECT(l.lines[0].width == 7);
		EXPECT(l.lines[2].width == 2);
	}
	/* a word that exactly fills the line stays on it */
	break_plain("aa bb cc", 5, 5, &l);
	EXPECT_STR(lines_text(&l), "aa bb|cc");
	/* a wide line holds everything */
	break_plain("aa bb cc", 100, 100, &l);
	EXPECT_STR(lines_text(&l), "aa bb cc");
	EXPECT_INT(l.nlines, 1);
	bp_lines_free(&l);
}

static void
test_break_word_across_runs(void)
{
	struct bp_run runs[3];
	struct bp_lines l;

	runs[0] = mkrun(BP_RUN_TEXT, 0, "aa bb");
	runs[1] = mkrun(BP_RUN_TEXT, BP_STYLE_STRONG, "cc");
	runs[2] = mkrun(BP_RUN_TEXT, 0, ", dd");
	bp_lines_init(&l);
	bp_break_lines(&fixed, runs, 3, 6, 6, &l);
	EXPECT_STR(lines_text(&l), "aa|bbcc,|dd");
	EXPECT(lines_consistent(&l, 0, 6, 6));
	if (l.nlines == 3 && l.lines[1].nfrags == 3) {
		const struct bp_frag *f = &l.frags[l.lines[1].first];
		EXPECT(f[0].run == &runs[0] && f[0].x == 0 && f[0].len == 2);
		EXPECT(f[1].run == &runs[1] && f[1].x == 2 && f[1].len == 2);
		EXPECT(f[2].run == &runs[2] && f[2].x == 4 && f[2].len == 1);
	} else
		EXPECT(l.nlines == 3 && l.lines[1].nfrags == 3);
	/* with room, the word joins the line before */
	bp_lines_reset(&l);
	bp_break_lines(&fixed, runs, 3, 8, 8, &l);
	EXPECT_STR(lines_text(&l), "aa bbcc,|dd");
	bp_lines_free(&l);
}

static void
test_break_long_word(void)
{
	struct bp_lines l;

	bp_lines_init(&l);
	break_plain("abcdefghij", 4, 4, &l);
	EXPECT_STR(lines_text(&l), "abcd|efgh|ij");
	EXPECT(lines_consistent(&l, 0, 4, 4));
	/* it starts on a line of its own */
	break_plain("x abcdefghij y", 4, 4, &l);
	EXPECT_STR(lines_text(&l), "x|abcd|efgh|ij y");
	EXPECT(lines_consistent(&l, 0, 4, 4));
	bp_lines_free(&l);
}

static void
test_break_long_word_utf8(void)
{
	/* ŵ ŷ é à ü: two bytes each; then three 4-byte emoji */
	static const char text[] = "\xC5\xB5\xC5\xB7\xC3\xA9\xC3\xA0\xC3\xBC "
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80";
	struct bp_lines l;

	bp_lines_init(&l);
	break_plain(text, 2, 2, &l);
	EXPECT_STR(lines_text(&l), "\xC5\xB5\xC5\xB7|\xC3\xA9\xC3\xA0|\xC3\xBC|"
	    "\xF0\x9F\x98\x80\xF0\x9F\x98\x80|\xF0\x9F\x98\x80");
	EXPECT(lines_consistent(&l, 0, 2, 2));
	for (size_t i = 0; i < l.nfrags; i++) {
		const struct bp_frag *f = &l.frags[i];
		const unsigned char *s =
		    (const unsigned char *)f->run->text + f->off;
		/* every fragment starts on a character and ends with one */
		EXPECT((s[0] & 0xC0) != 0x80);
		EXPECT(f->off + f->len == f->run->len ||
		    (s[f->len] & 0xC0) != 0x80);
	}
	bp_lines_free(&l);
}

static void
test_break_first_width(void)
{
	struct bp_lines l;

	bp_lines_init(&l);
	break_plain("aa bb cc dd ee", 2, 5, &l);
	EXPECT_STR(lines_text(&l), "aa|bb cc|dd ee");
	EXPECT(lines_consistent(&l, 0, 2, 5));
	break_plain("aa bb cc dd ee", 8, 2, &l);
	EXPECT_STR(lines_text(&l), "aa bb cc|dd|ee");
	EXPECT(lines_consistent(&l, 0, 8, 2));
	/* a second call appends, and its first line is first_width again */
	bp_lines_reset(&l);
	{
		struct bp_run r1 = mkrun(BP_RUN_TEXT, 0, "aa bb");
		struct bp_run r2 = mkrun(BP_RUN_TEXT, 0, "cc dd ee");
		bp_break_lines(&fixed, &r1, 1, 5, 5, &l);
		bp_break_lines(&fixed, &r2, 1, 2, 5, &l);
		EXPECT_STR(lines_text(&l), "aa bb|cc|dd ee");
		EXPECT(lines_consistent(&l, 1, 2, 5));
	}
	bp_lines_free(&l);
}

static void
test_break_hard_break_and_empty(void)
{
	struct bp_run runs[3];
	struct bp_lines l;

	bp_lines_init(&l);
	bp_break_lines(&fixed, NULL, 0, 10, 10, &l);
	EXPECT_INT(l.nlines, 0);
	runs[0] = mkrun(BP_RUN_TEXT, 0, "aa");
	runs[1] = mkrun(BP_RUN_BREAK, 0, "");
	runs[2] = mkrun(BP_RUN_TEXT, 0, "bb");
	bp_break_lines(&fixed, runs, 3, 10, 10, &l);
	EXPECT_STR(lines_text(&l), "aa|bb");
	bp_lines_free(&l);
	bp_lines_free(NULL);
}

/* Uneven widths, at a size whose products round: a device's units per
 * character, by style; 'q' is one its table does not know yet. */
static int
uneven_units(uint32_t cp, unsigned style)
{
	return cp < 0x80 ? 200 + (int)((cp * 37 + style * 11) % 500) : 600;
}

static double
uneven_size(unsigned style)
{
	return style & BP_MEASURE_NOTE ? 11.3 * BP_NOTE_SCALE : 11.3;
}

static double
uneven_width(void *ctx, unsigned style, const char *s, size_t len)
{
	long units = 0;
	size_t n;

	(void)ctx;
	for (size_t i = 0; i < len; i += n)
		units += uneven_units(bp_utf8_decode(s + i, len - i, &n),
		    style);
	return (double)units * uneven_size(style) / 1000.0;
}

static const int *
uneven_ascii(void *ctx, unsigned style, double *size, double *per_em)
{
	static int tables[4][128]; /* (a test may hold state) */
	int k = (style & BP_STYLE_STRONG ? 1 : 0) +
	    (style & BP_MEASURE_NOTE ? 2 : 0);

	(void)ctx;
	for (int c = 0; c < 128; c++)
		tables[k][c] = c == 'q' ? -1 : uneven_units((uint32_t)c, style);
	*size = uneven_size(style);
	*per_em = 1000.0;
	return style & BP_STYLE_EMPH ? NULL : tables[k];
}

static bool
same_lines(const struct bp_lines *a, const struct bp_lines *b)
{
	if (a->nlines != b->nlines || a->nfrags != b->nfrags)
		return false;
	for (size_t i = 0; i < a->nlines; i++)
		if (a->lines[i].first != b->lines[i].first ||
		    a->lines[i].nfrags != b->lines[i].nfrags ||
		    a->lines[i].width != b->lines[i].width)
			return false;
	for (size_t i = 0; i < a->nfrags; i++) {
		const struct bp_frag *f = &a->frags[i], *g = &b->frags[i];
		if (f->run != g->run || f->text != g->text ||
		    f->off != g->off || f->len != g->len || f->x != g->x ||
		    f->width != g->width)
			return false;
	}
	return true;
}

/* The breaker sums a device's ASCII table itself (bp_measure.ascii):
 * the lines, fragments and every width must be what measuring each piece
 * through the width callback gives, to the last bit. */
static void
test_break_ascii_table_same_lines(void)
{
	struct bp_measure slow = { uneven_width, NULL, false, NULL, false };
	struct bp_measure fast = { uneven_width, NULL, false, uneven_ascii,
		false };
	struct bp_run runs[6];
	struct bp_lines a, b;
	bool same = true;

	runs[0] = mkrun(BP_RUN_TEXT, 0, "The council\xE2\x80\x99s plan for "
	    "2026 sets out quite how the  partners will work, with "
	    "in\xC2\xADter\xC2\xADnal re\xC2\xADviews and non\xE2\x80\x91stop ");
	runs[1] = mkrun(BP_RUN_TEXT, BP_STYLE_STRONG, "strong words,");
	runs[2] = mkrun(BP_RUN_NOTE, 0, "12");
	runs[3] = mkrun(BP_RUN_TEXT, BP_STYLE_EMPH, " then emphasis ");
	runs[4] = mkrun(BP_RUN_TEXT, 0, "and https://example.org/a/very/long/"
	    "address?with=query&and=more a caf\xC3\xA9 aquaqueque.");
	runs[5] = mkrun(BP_RUN_TEXT, 0, " End of the paragraph here.");
	bp_lines_init(&a);
	bp_lines_init(&b);
	for (int keep = 0; keep < 2; keep++) {
		slow.keep_words = fast.keep_words = keep;
		for (double w = 15; w < 700; w += 3.7) {
			bp_lines_reset(&a);
			bp_lines_reset(&b);
			bp_break_lines(&slow, runs, 6, w * 0.8, w, &a);
			bp_break_lines(&fast, runs, 6, w * 0.8, w, &b);
			if (!same_lines(&a, &b))
				same = false;
		}
	}
	EXPECT(same);
	bp_lines_free(&a);
	bp_lines_free(&b);
}

/* A device of uneven widths at a size of the test's choosing (ctx). */
static double
sized_width(void *ctx, unsigned style, const char *s, size_t len)
{
	long units = 0;
	size_t n;

	for (size_t i = 0; i < len; i += n)
		units += uneven_units(bp_utf8_decode(s + i, len - i, &n),
		    style);
	return (double)units * *(const double *)ctx *
	    (style & BP_MEASURE_NOTE ? BP_NOTE_SCALE : 1) / 1000.0;
}

static const int *
sized_ascii(void *ctx, unsigned style, double *size, double *per_em)
{
	double ignored;
	const int *t = uneven_ascii(NULL, style, &ignored, per_em);

	*size = *(const double *)ctx *
	    (style & BP_MEASURE_NOTE ? BP_NOTE_SCALE : 1);
	return t;
}

/* Words of every kind the breaker treats apart: plain ASCII, punctuation,
 * ones longer than most lines (an address among them), soft hyphens,
 * U+2011, a zero-width space, letters beyond ASCII, a 'q' the device's
 * table does not know. */
static const char *const varied_words[] = {
	"the", "council", "a", "partnership", "2026", "I", "of",
	"plan,", "(see", "below).", "e.g.", "\xE2\x80\x9Cquoted\xE2\x80\x9D",
	"Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch",
	"https://example.org/a/very/long/path/to/a/page?with=query&and=more",
	"mark.norris@local.gov.uk", "www.example.org/some/where",
	"in\xC2\xADter\xC2\xADnal",
	("re\xC2\xAD" "com\xC2\xAD" "men\xC2\xAD" "da\xC2\xADtions\xC2\xAD"),
	"non\xE2\x80\x91stop", "zero\xE2\x80\x8Bwidth", "caf\xC3\xA9",
	"T\xC5\xB7\xE2\x80\x99r", "\xC5\xB5", "\xC2\xA3\x35m", "aquaqueque",
	"--", "x",
};
#define NVARIED (sizeof(varied_words) / sizeof(varied_words[0]))

/* Paragraph `seed`: five runs of up to 13 varied words in varied styles,
 * and a footnote reference after the third; the text is kept in `text`
 * (VARIED_TEXT bytes: each word is under 80). */
#define VARIED_TEXT (5 * 13 * 82)
static size_t
varied_runs(unsigned seed, struct bp_run *runs, char *text)
{
	static const unsigned styles[] = { 0, BP_STYLE_STRONG, BP_STYLE_EMPH,
		BP_STYLE_STRONG | BP_STYLE_EMPH, 0, 0 };
	uint32_t r = seed * 2654435761u + 1;
	size_t nruns = 0, at = 0;

	for (int k = 0; k < 5; k++) {
		size_t start = at;
		int nwords;
		if (k == 3)
			runs[nruns++] = mkrun(BP_RUN_NOTE, 0, "12");
		r = r * 1103515245u + 12345;
		nwords = 1 + (int)(r >> 16) % 13;
		if (k > 0 && (r >> 8 & 3) == 0) /* a run that starts a word */
			text[at++] = ' ';
		for (int w = 0; w < nwords; w++) {
			const char *word;
			r = r * 1103515245u + 12345;
			word = varied_words[(r >> 16) % NVARIED];
			memcpy(text + at, word, strlen(word));
			at += strlen(word);
			if (w + 1 < nwords || (r >> 4 & 1))
				text[at++] = ' ';
			if ((r >> 6 & 15) == 0)
				text[at++] = ' '; /* two spaces */
		}
		text[at++] = '\0';
		runs[nruns++] = mkrun(BP_RUN_TEXT, styles[(r >> 12) % 6],
		    text + start);
	}
	return nruns;
}

/* The shortcut for a plain ASCII word (place_plain_word) repeats what
 * the general way (pieces, then flush_word) does for such a word: on
 * varied text, at several sizes and widths, with and without the
 * device's ASCII table, both ways give the same lines, fragments and
 * positions, to the last bit. */
static void
test_break_plain_word_path_same_lines(void)
{
	/* 7.8125 / 1000 is 2^-7: its sums are exact, so lines can fit to
	 * the last bit */
	static const double sizes[] = { 7, 7.8125, 9.5, 11.3, 14 };
	struct bp_run runs[6];
	struct bp_lines a, b;
	char text[VARIED_TEXT];
	unsigned differ = 0, compared = 0;

	bp_lines_init(&a);
	bp_lines_init(&b);
	for (unsigned seed = 0; seed < 24; seed++) {
		size_t nruns = varied_runs(seed, runs, text);
		for (size_t si = 0; si < 5; si++) {
			double size = sizes[si];
			for (int mode = 0; mode < 4; mode++) {
				struct bp_measure general = { sized_width,
					(void *)&size, mode & 1, mode & 2 ?
					sized_ascii : NULL, true };
				struct bp_measure fast = general;
				fast.general_words = false;
				for (double w = 12; w < 520; w += 9.7) {
					double exact;
					bp_lines_reset(&a);
					bp_lines_reset(&b);
					bp_break_lines(&general, runs, nruns,
					    w * 0.7, w, &a);
					bp_break_lines(&fast, runs, nruns,
					    w * 0.7, w, &b);
					compared++;
					differ += !same_lines(&a, &b);
					/* a width its second line fills exactly */
					if (a.nlines < 2)
						continue;
					exact = a.lines[1].width;
					bp_lines_reset(&a);
					bp_lines_reset(&b);
					bp_break_lines(&general, runs, nruns,
					    exact, exact, &a);
					bp_break_lines(&fast, runs, nruns,
					    exact, exact, &b);
					compared++;
					differ += !same_lines(&a, &b);
				}
			}
		}
	}
	EXPECT_INT(differ, 0);
	EXPECT(compared > 5000);
	bp_lines_free(&a);
	bp_lines_free(&b);
}

/* --- the buffer ------------------------------------------------------ */

static void
test_buf_basics(void)
{
	struct bp_buf b = BP_BUF_INIT;
	char *s;
	size_t len = 99;

	EXPECT(b.data != NULL && b.data[0] == '\0' && b.len == 0);
	bp_buf_puts(&b, "ab");
	bp_buf_putc(&b, 'c');
	bp_buf_repeat(&b, '-', 3);
	bp_buf_printf(&b, "%d%s", 42, "x");
	bp_buf_put(&b, "yz", 0);
	EXPECT_STR(b.data, "abc---42x");
	EXPECT_INT(b.len, 9);
	for (int i = 0; i < 1000; i++)
		bp_buf_puts(&b, "0123456789");
	EXPECT_INT(b.len, 10009);
	EXPECT(b.data[b.len] == '\0');
	bp_buf_truncate(&b, 6);
	EXPECT_STR(b.data, "abc---");
	bp_buf_truncate(&b, 100); /* longer: nothing changes */
	EXPECT_INT(b.len, 6);
	bp_buf_puts(&b, "  ");
	bp_buf_trim_spaces(&b);
	EXPECT_STR(b.data, "abc---");
	bp_buf_reset(&b);
	EXPECT_STR(b.data, "");
	s = bp_buf_detach(&b, &len);
	EXPECT_STR(s, "");
	EXPECT_INT(len, 0);
	EXPECT(b.data != NULL && b.len == 0);
	free(s);
	/* detaching an empty, never-grown buffer gives a string to free */
	s = bp_buf_detach(&b, NULL);
	EXPECT_STR(s, "");
	free(s);
	bp_buf_free(&b);
	bp_buf_free(&b);
	bp_buf_free(NULL);
}

static void
test_buf_sticky_failure(void)
{
	struct bp_buf b = BP_BUF_INIT;
	size_t len = 99;

	bp_buf_puts(&b, "kept");
	bp_buf_put(&b, "x", SIZE_MAX); /* cannot be met: fails, reads nothing */
	EXPECT(b.failed);
	bp_buf_puts(&b, "more");
	bp_buf_putc(&b, 'c');
	bp_buf_repeat(&b, 'r', 10);
	bp_buf_printf(&b, "%s", "printf");
	EXPECT(b.failed);
	EXPECT_INT(b.len, 4);
	EXPECT(b.data != NULL && b.data[b.len] == '\0');
	EXPECT(bp_buf_detach(&b, &len) == NULL);
	EXPECT(b.data != NULL && b.len == 0 && b.cap == 0);
	/* reset clears the failure */
	bp_buf_repeat(&b, 'r', SIZE_MAX);
	EXPECT(b.failed);
	bp_buf_reset(&b);
	EXPECT(!b.failed);
	bp_buf_puts(&b, "again");
	EXPECT_STR(b.data, "again");
	bp_buf_free(&b);
	/* failing before anything was written */
	b.failed = true;
	bp_buf_puts(&b, "nothing");
	EXPECT_STR(b.data, "");
	EXPECT(bp_buf_detach(&b, NULL) == NULL);
	bp_buf_free(&b);
}

static void
test_free_null(void)
{
	bp_paper_free(NULL);
	bp_diags_free(NULL);
	EXPECT(true);
}

/* --- the runner ------------------------------------------------------ */

/* A PDF laid out as libharu writes one: a catalog, its pages and one
 * page, `ndicts` - 3 more dictionaries, then `nstreams` streams (the
 * first the page's content). */
static void
libharu_like_pdf(struct bp_buf *pdf, unsigned ndicts, unsigned nstreams)
{
	unsigned n = ndicts + nstreams + 1; /* with object 0 */
	size_t *off = bp_xcalloc(n, sizeof(*off)), xref;

	bp_buf_puts(pdf, "%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");
	for (unsigned i = 1; i < n; i++) {
		off[i] = pdf->len;
		bp_buf_printf(pdf, "%u 0 obj\n", i);
		if (i == 1)
			bp_buf_puts(pdf, "<<\n/Type /Catalog\n/Pages 2 0 R\n>>");
		else if (i == 2)
			bp_buf_puts(pdf, "<<\n/Type /Pages\n/Kids [ 3 0 R ]\n"
			    "/Count 1\n>>");
		else if (i == 3)
			bp_buf_printf(pdf, "<<\n/Type /Page\n/Parent 2 0 R\n"
			    "/MediaBox [ 0 0 595 842 ]\n/Contents %u 0 R\n>>",
			    ndicts + 1);
		else if (i <= ndicts)
			bp_buf_printf(pdf, "<<\n/Filler %u\n>>", i);
		else
			bp_buf_puts(pdf, "<<\n/Length 3\n>>\nstream\r\nq Q"
			    "\r\nendstream");
		bp_buf_puts(pdf, "\nendobj\n");
	}
	xref = pdf->len;
	bp_buf_printf(pdf, "xref\n0 %u\n0000000000 65535 f\r\n", n);
	for (unsigned i = 1; i < n; i++)
		bp_buf_printf(pdf, "%010zu 00000 n\r\n", off[i]);
	bp_buf_printf(pdf, "trailer\n<<\n/Root 1 0 R\n/Size %u\n>>\n"
	    "startxref\n%zu\n%%%%EOF\n", n, xref);
	free(off);
}

static size_t
count_in(const struct bp_buf *b, const char *needle)
{
	size_t c = 0, n = strlen(needle);

	for (size_t i = 0; i + n <= b->len; i++)
		c += memcmp(b->data + i, needle, n) == 0;
	return c;
}

/* Packing makes one object stream for each 200 dictionaries and none
 * that is empty, however many streams come after the last of them
 * (/N 0 when 200 came before streams only). */
static void
test_objstm_none_empty(void)
{
	static const unsigned cases[][3] = { /* dicts, streams, ObjStms */
		{ 200, 1, 1 }, { 200, 3, 1 }, { 400, 2, 2 }, { 199, 1, 1 },
		{ 201, 1, 2 }, { 3, 5, 1 },
	};
	struct pdf_deflater *zd = pdf_deflater_new();

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct bp_buf in = BP_BUF_INIT, out = BP_BUF_INIT;
		libharu_like_pdf(&in, cases[k][0], cases[k][1]);
		EXPECT(pdf_objstm_pack(zd, &out, in.data, in.len, NULL));
		EXPECT(count_in(&out, "/Type /XRef\n") == 1);
		EXPECT_INT(count_in(&out, "/Type /ObjStm\n"), cases[k][2]);
		EXPECT_INT(count_in(&out, "/Type /ObjStm\n/N 0\n"), 0);
		bp_buf_free(&in);
		bp_buf_free(&out);
	}
	pdf_deflater_free(zd);
}

/* `unit objstm-sample FILE`: the 200 dictionaries and one stream above,
 * packed, for tests/suite-unit.sh to check with qpdf. */
static int
write_objstm_sample(const char *path)
{
	struct pdf_deflater *zd = pdf_deflater_new();
	struct bp_buf in = BP_BUF_INIT, out = BP_BUF_INIT;
	FILE *f;
	int rc = 1;

	libharu_like_pdf(&in, 200, 1);
	if (pdf_objstm_pack(zd, &out, in.data, in.len, NULL) && !out.failed &&
	    (f = fopen(path, "wb")) != NULL) {
		rc = fwrite(out.data, 1, out.len, f) == out.len ? 0 : 1;
		rc |= fclose(f) != 0;
	}
	bp_buf_free(&in);
	bp_buf_free(&out);
	pdf_deflater_free(zd);
	return rc;
}

/* The libharu loaded at run time is the one pdf_hpdf.c was checked
 * against (tests/suite-hpdf.sh checks the headers). */
static void
test_hpdf_version(void)
{
	EXPECT_STR(HPDF_GetVersion(), PDF_HPDF_CHECKED_VERSION);
}

/* libharu exports its formatter (hpdf_utils.h, not a public header) */
char *HPDF_FToA(char *s, HPDF_REAL val, char *eptr);

/* The operators pdf_hpdf.c writes itself hold reals as libharu's
 * HPDF_FToA writes them, to the byte: every value a hundredth apart
 * over the whole range, clamped ends, and values at the rounding edges. */
static void
test_hpdf_real_as_libharu(void)
{
	char ours[HPDF_REAL_LEN + 2], theirs[HPDF_REAL_LEN + 2];
	size_t bad = 0;
	float edges[] = { 0.0f, -0.0f, 0.000004f, 0.000005f, 0.0000051f,
	    0.999995f, 0.9999951f, 1.999996f, 9.999999f, 99999.0f, 32767.0f,
	    32767.5f, -32767.9f, 40000.0f, -40000.0f, 1e30f, -1e30f,
	    0.1f, 0.25f, 595.276f, 841.89f, 72.0f, 10.5f, 1e-20f };

	for (long i = -3300000; i <= 3300000 && bad < 5; i += 7) {
		float v = (float)i / 100.0f;
		size_t n = pdf_hpdf_real(ours, v);
		*HPDF_FToA(theirs, v, theirs + sizeof(theirs) - 1) = '\0';
		if (strcmp(ours, theirs) != 0 || n != strlen(theirs)) {
			fprintf(stderr, "# %.9g: ours %s, libharu %s\n", v, ours,
			    theirs);
			bad++;
		}
	}
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		pdf_hpdf_real(ours, edges[i]);
		*HPDF_FToA(theirs, edges[i], theirs + sizeof(theirs) - 1) =
		    '\0';
		if (strcmp(ours, theirs) != 0) {
			fprintf(stderr, "# %.9g: ours %s, libharu %s\n",
			    edges[i], ours, theirs);
			bad++;
		}
	}
	EXPECT(bad == 0);
}

/* --- font subsets ------------------------------------------------------ */

/* A TrueType font's bytes, read from a file, and written back to one. */
struct tt_font {
	unsigned char *p;
	size_t len;
};

static unsigned
tt_u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
tt_u32(const unsigned char *p)
{
	return (uint32_t)tt_u16(p) << 16 | tt_u16(p + 2);
}

/* Table `tag`'s directory record, or NULL. */
static unsigned char *
tt_record(const struct tt_font *f, const char *tag)
{
	for (unsigned i = 0; i < tt_u16(f->p + 4); i++)
		if (memcmp(f->p + 12 + 16 * i, tag, 4) == 0)
			return f->p + 12 + 16 * i;
	return NULL;
}

static unsigned char *
tt_table(const struct tt_font *f, const char *tag)
{
	unsigned char *r = tt_record(f, tag);

	return r ? f->p + tt_u32(r + 8) : NULL;
}

/* Glyph `gid`'s bytes, their count in *len. */
static unsigned char *
tt_glyph(const struct tt_font *f, unsigned gid, size_t *len)
{
	const unsigned char *loca = tt_table(f, "loca");
	size_t a, b;

	if (tt_u16(tt_table(f, "head") + 50) == 1) {
		a = tt_u32(loca + 4 * gid);
		b = tt_u32(loca + 4 * gid + 4);
	} else {
		a = 2 * (size_t)tt_u16(loca + 2 * gid);
		b = 2 * (size_t)tt_u16(loca + 2 * gid + 2);
	}
	*len = b - a;
	return tt_table(f, "glyf") + a;
}

static unsigned
tt_glyph_count(const struct tt_font *f)
{
	return tt_u16(tt_table(f, "maxp") + 4);
}

/* A composite glyph's parts (at most `max`), in parts[]; returns how
 * many, 0 for a simple glyph. */
static size_t
tt_parts(const struct tt_font *f, unsigned gid, unsigned *parts, size_t max)
{
	size_t len, n = 0, pos = 10;
	const unsigned char *g = tt_glyph(f, gid, &len);
	unsigned flags;

	if (len < 10 || !(g[0] & 0x80))
		return 0;
	do {
		flags = tt_u16(g + pos);
		if (n < max)
			parts[n] = tt_u16(g + pos + 2);
		n++;
		pos += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ?
		    4 : flags & 0x80 ? 8 : 0);
	} while (flags & 0x20);
	return n;
}

/* The sum of the font's 32-bit words: 0xB1B0AFBA when head's
 * checkSumAdjustment is right. */
static uint32_t
tt_checksum(const struct tt_font *f)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 4 <= f->len; i += 4)
		sum += tt_u32(f->p + i);
	return sum;
}

/* Liberation Sans Regular, as the PDF back-end finds it. */
static bool
tt_liberation(struct tt_font *f, char *path, size_t size)
{
	struct bp_fonts *fonts = bp_fonts_new();
	struct bp_subsetter *s = NULL;
	const unsigned char *data;
	bool ok = bp_fonts_find(fonts, "Liberation Sans", false, false, path,
	    size) == 0 && (s = bp_subsetter_open(path)) != NULL;

	if (ok) {
		data = bp_subsetter_data(s, &f->len);
		f->p = bp_xmalloc(f->len);
		memcpy(f->p, data, f->len);
	}
	bp_subsetter_free(s);
	bp_fonts_free(fonts);
	return ok;
}

/* Opens a font made of `len` bytes at `p` (written to a file). */
static struct bp_subsetter *
tt_open(const void *p, size_t len)
{
	char path[] = "/tmp/bp-unit-font-XXXXXX";
	struct bp_subsetter *s = NULL;
	int fd = mkstemp(path);

	if (fd < 0)
		return NULL;
	if (bp_file_write_all(fd, p, len) == 0)
		s = bp_subsetter_open(path);
	close(fd);
	unlink(path);
	return s;
}

/* A subset of `cps` as a font of its own, opened (NULL if it cannot be),
 * its bytes in *out. */
static struct bp_subsetter *
tt_subset(struct bp_subsetter *s, const uint32_t *cps, size_t n, bool keep,
	struct bp_buf *out)
{
	if (bp_subsetter_run(s, cps, n, keep, out) != 0)
		return NULL;
	return tt_open(out->data, out->len);
}

static void
test_subset_composite(void)
{
	/* ŵ is a composite glyph in Liberation Sans: w and a circumflex */
	static const uint32_t cps[] = { 0x175, 0x41, 0x20, 0x1F600 };
	char path[4096];
	struct tt_font font, sub;
	struct bp_subsetter *s, *ss;
	struct bp_buf out = BP_BUF_INIT;
	unsigned parts[4], subparts[4], w, a;
	size_t nparts, len;

	if (!tt_liberation(&font, path, sizeof(path))) {
		EXPECT(!"Liberation Sans found and opened");
		return;
	}
	s = bp_subsetter_open(path);
	w = bp_subsetter_glyph(s, 0x175);
	a = bp_subsetter_glyph(s, 0x41);
	nparts = tt_parts(&font, w, parts, 4);
	EXPECT_INT(nparts, 2);
	EXPECT_INT(bp_subsetter_glyph(s, 0x6F22), 0); /* 漢: not in it */

	/* renumbered: .notdef, space, A, ŵ and its two parts, in that order */
	ss = tt_subset(s, cps, 4, false, &out);
	EXPECT(ss != NULL);
	sub.p = (unsigned char *)out.data;
	sub.len = out.len;
	if (ss != NULL) {
		unsigned sw = bp_subsetter_glyph(ss, 0x175);
		EXPECT_INT(tt_glyph_count(&sub), 6);
		EXPECT_INT(tt_parts(&sub, sw, subparts, 4), 2);
		for (size_t i = 0; i < 2 && nparts == 2; i++) {
			tt_glyph(&sub, subparts[i], &len);
			EXPECT(subparts[i] > 0 && subparts[i] < 6 && len > 10);
			EXPECT(subparts[i] != sw);
		}
		EXPECT(bp_subsetter_glyph(ss, 0x41) != 0);
		EXPECT_INT(bp_subsetter_glyph(ss, 0x77), 0); /* w: a part only */
		tt_glyph(&sub, 0, &len);
		EXPECT(len > 0); /* .notdef keeps its box */
		EXPECT_INT(tt_checksum(&sub), 0xB1B0AFBA);
		EXPECT(tt_table(&sub, "fpgm") == NULL &&
		    tt_table(&sub, "GSUB") == NULL);
	}
	bp_subsetter_free(ss);

	/* numbers kept: the parts at their own numbers, the rest empty */
	bp_buf_reset(&out);
	ss = tt_subset(s, cps, 4, true, &out);
	EXPECT(ss != NULL);
	sub.p = (unsigned char *)out.data;
	sub.len = out.len;
	if (ss != NULL) {
		EXPECT_INT(bp_subsetter_glyph(ss, 0x175), w);
		EXPECT_INT(bp_subsetter_glyph(ss, 0x41), a);
		EXPECT_INT(tt_parts(&sub, w, subparts, 4), 2);
		for (size_t i = 0; i < 2 && nparts == 2; i++) {
			EXPECT_INT(subparts[i], parts[i]);
			tt_glyph(&sub, parts[i], &len);
			EXPECT(len > 10);
		}
		tt_glyph(&sub, bp_subsetter_glyph(s, 0x42), &len); /* B */
		EXPECT_INT(len, 0);
		EXPECT(tt_glyph_count(&sub) > w && tt_glyph_count(&sub) > parts[1]);
		EXPECT_INT(tt_checksum(&sub), 0xB1B0AFBA);
	}
	bp_subsetter_free(ss);
	bp_subsetter_free(s);
	bp_buf_free(&out);
	free(font.p);
}

/* A damaged copy of the font: refused when it is opened. */
static bool
refused(const struct tt_font *damaged)
{
	struct bp_subsetter *s = tt_open(damaged->p, damaged->len);

	bp_subsetter_free(s);
	return s == NULL;
}

static void
test_subset_damaged(void)
{
	char path[4096];
	struct tt_font font, bad;
	struct bp_subsetter *s;
	struct bp_buf out = BP_BUF_INIT;
	uint32_t cp = 0x175;
	unsigned char *rec, *g;
	unsigned w;
	size_t len;

	if (!tt_liberation(&font, path, sizeof(path))) {
		EXPECT(!"Liberation Sans found and opened");
		return;
	}
	bad.p = bp_xmalloc(font.len);
	s = bp_subsetter_open(path);
	w = bp_subsetter_glyph(s, cp);
	bp_subsetter_free(s);
	EXPECT(!refused(&font)); /* the copy as it is */

	/* cut short: the tables past its end */
	memcpy(bad.p, font.p, font.len);
	bad.len = font.len / 2;
	EXPECT(refused(&bad));
	bad.len = 3000;
	EXPECT(refused(&bad));
	bad.len = font.len;

	/* glyf cut short: loca points past it */
	rec = tt_record(&bad, "glyf");
	rec[12] = rec[13] = rec[14] = 0;
	rec[15] = 100;
	EXPECT(refused(&bad));

	/* loca going backwards */
	memcpy(bad.p, font.p, font.len);
	rec = tt_table(&bad, "loca");
	memset(rec + 10, 0xFF, 2);
	EXPECT(refused(&bad));

	/* CFF outlines ('OTTO'), and a font with no glyphs */
	memcpy(bad.p, font.p, font.len);
	memcpy(bad.p, "OTTO", 4);
	EXPECT(refused(&bad));
	memcpy(bad.p, font.p, font.len);
	memset(tt_table(&bad, "maxp") + 4, 0, 2);
	EXPECT(refused(&bad));

	/* a glyph whose part is past the font's glyphs: opened, but its
	 * subset is refused and nothing is written */
	memcpy(bad.p, font.p, font.len);
	g = tt_glyph(&bad, w, &len);
	memset(g + 12, 0xFF, 2);
	s = tt_open(bad.p, bad.len);
	EXPECT(s != NULL);
	if (s != NULL) {
		bp_buf_puts(&out, "kept");
		EXPECT_INT(bp_subsetter_run(s, &cp, 1, false, &out), -1);
		EXPECT_STR(out.data, "kept");
	}
	bp_subsetter_free(s);

	/* a simple glyph whose instructions run past its end */
	memcpy(bad.p, font.p, font.len);
	g = tt_glyph(&bad, bp_subsetter_glyph(s = bp_subsetter_open(path),
	    0x41), &len);
	bp_subsetter_free(s);
	memset(g + 10 + 2 * tt_u16(g), 0xFF, 2);
	s = tt_open(bad.p, bad.len);
	cp = 0x41;
	EXPECT(s != NULL && bp_subsetter_run(s, &cp, 1, true, &out) == -1);
	bp_subsetter_free(s);
	bp_buf_free(&out);
	free(bad.p);
	free(font.p);
}

/* A copy of the font with a name table of `n` records appended at its
 * end, every one the Windows US English family name, 2 bytes long.  So
 * many records leave no 16-bit offset for strings after them: as in a
 * crafted font, the strings start inside the records, and every name is
 * the first record's first two bytes, 00 03. */
static void
tt_with_names(const struct tt_font *font, unsigned n, struct tt_font *out)
{
	size_t at = (font->len + 3) & ~(size_t)3, len = 6 + 12 * n;
	unsigned char *t, *rec;

	out->len = at + len;
	out->p = bp_xcalloc(out->len, 1);
	memcpy(out->p, font->p, font->len);
	t = out->p + at;
	t[2] = (unsigned char)(n >> 8);
	t[3] = (unsigned char)n;
	t[5] = 6;            /* the strings: from the first record */
	for (unsigned i = 0; i < n; i++) {
		unsigned char *r = t + 6 + 12 * i;
		r[1] = 3;    /* Windows */
		r[3] = 1;    /* Unicode BMP */
		r[4] = 0x04; /* US English */
		r[5] = 0x09;
		r[7] = 1;    /* the family name */
		r[9] = 2;    /* bytes, from the strings' start */
	}
	rec = tt_record(out, "name");
	for (int i = 0; i < 4; i++) {
		rec[8 + i] = (unsigned char)(at >> (24 - 8 * i));
		rec[12 + i] = (unsigned char)(len >> (24 - 8 * i));
	}
}

/* The tag `tag` stepped on by one, as pdf_subset_tag steps a tag a
 * document has given already: base 26, the first letter lowest. */
static void
next_tag(char tag[6])
{
	for (int i = 0; i < 6; i++) {
		if (tag[i] != 'Z') {
			tag[i]++;
			return;
		}
		tag[i] = 'A';
	}
}

/* Two subsets of one document never share a tag: byte-identical font
 * files (the only way two faces' tags from content can be sure to
 * collide) get the tag, the next and the one after; a tag whose first
 * letter is Z carries into the second; a tag no earlier subset has is
 * the content's, as in any other document. */
static void
test_subset_tags_distinct_within_a_document(void)
{
	static const char font[] = "the same subset bytes, three times";
	char given[PDF_FACE__MAX][6], want[6], tag[6];
	unsigned char bytes[4];

	pdf_subset_tag(font, sizeof(font), NULL, 0, given[0]);
	pdf_subset_tag(font, sizeof(font), (const char (*)[6])given, 1,
	    given[1]);
	memcpy(want, given[0], 6);
	next_tag(want);
	EXPECT(memcmp(given[1], want, 6) == 0);
	pdf_subset_tag(font, sizeof(font), (const char (*)[6])given, 2,
	    given[2]);
	next_tag(want);
	EXPECT(memcmp(given[2], want, 6) == 0);
	/* the content's tag again when the collision is gone */
	pdf_subset_tag(font, sizeof(font), (const char (*)[6])given + 1, 2,
	    tag);
	EXPECT(memcmp(tag, given[0], 6) == 0);
	/* four bytes whose tag starts with Z and goes on with no Z */
	for (uint32_t i = 0;; i++) {
		memcpy(bytes, &i, 4);
		pdf_subset_tag(bytes, 4, NULL, 0, given[0]);
		if (given[0][0] == 'Z' && given[0][1] != 'Z')
			break;
	}
	pdf_subset_tag(bytes, 4, (const char (*)[6])given, 1, tag);
	memcpy(want, given[0], 6);
	want[0] = 'A';
	want[1]++;
	EXPECT(memcmp(tag, want, 6) == 0);
}

/* A name table of more records than 16-bit offsets reach past their
 * headers (5 460: 6 + 12 * 5 461 > 65 535): the subset's table keeps as
 * many as fit, its strings where its header says, each record's string
 * inside it. */
static void
test_subset_name_records_past_16_bits(void)
{
	char path[4096];
	struct tt_font font, big, sub;
	struct bp_subsetter *s;
	struct bp_buf out = BP_BUF_INIT;
	uint32_t cp = 0x41;
	const unsigned char *t, *rec;
	size_t count, strings, len;

	if (!tt_liberation(&font, path, sizeof(path))) {
		EXPECT(!"Liberation Sans found and opened");
		return;
	}
	tt_with_names(&font, 6000, &big);
	s = tt_open(big.p, big.len);
	EXPECT(s != NULL);
	if (s != NULL && bp_subsetter_run(s, &cp, 1, false, &out) == 0) {
		sub.p = (unsigned char *)out.data;
		sub.len = out.len;
		rec = tt_record(&sub, "name");
		t = tt_table(&sub, "name");
		len = tt_u32(rec + 12);
		count = tt_u16(t + 2);
		strings = tt_u16(t + 4);
		EXPECT_INT(count, 5460);
		EXPECT_INT(strings, 6 + 12 * count);
		for (size_t i = 0; i < count && strings + 2 <= len; i++) {
			const unsigned char *r = t + 6 + 12 * i;
			EXPECT(strings + tt_u16(r + 10) + tt_u16(r + 8) <= len);
			if (test_failed)
				break;
		}
		EXPECT_INT(len, strings + 2);
		EXPECT_INT(tt_u16(t + strings), 3);
	} else
		EXPECT(!"a subset made");
	bp_subsetter_free(s);
	bp_buf_free(&out);
	free(big.p);
	free(font.p);
}

/* Writes a big-endian 16-bit value into a font. */
static void
tt_put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* Sets head's unitsPerEm of font f. */
static void
tt_set_units_per_em(struct tt_font *f, unsigned upem)
{
	tt_put16(tt_table(f, "head") + 18, upem);
}

/* Whether font f opens and libharu (through pdf_hpdf_load_font) loads
 * it; its cap and x heights then in *facts. */
static bool
tt_loads(const struct tt_font *f, struct pdf_hpdf_font_facts *facts)
{
	struct bp_subsetter *s = tt_open(f->p, f->len);
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	const char *name = NULL;

	if (s != NULL && pdf != NULL) {
		if ((name = pdf_hpdf_load_font(pdf, s, NULL)) != NULL)
			pdf_hpdf_font_facts(pdf_hpdf_font_def(pdf, name), facts);
	}
	HPDF_Free(pdf);
	bp_subsetter_free(s);
	return name != NULL;
}

/* Liberation Sans Regular (tt_liberation) and a copy of it to damage;
 * false (a failure) when it is not found. */
static bool
tt_liberation_copy(struct tt_font *font, struct tt_font *copy, char *path,
	size_t size)
{
	if (!tt_liberation(font, path, size)) {
		EXPECT(!"Liberation Sans found and opened");
		return false;
	}
	copy->len = font->len;
	copy->p = bp_xmalloc(font->len);
	memcpy(copy->p, font->p, font->len);
	return true;
}

/* Units per em outside OpenType's 16-16384 are refused when the font is
 * opened, as any damaged font is (0 was taken, and libharu's loader then
 * divided by it: SIGFPE); at the ends of the range the font opens and
 * libharu loads it. */
static void
test_subset_units_per_em_out_of_range_refused(void)
{
	static const unsigned refused_upem[] = { 0, 1, 15, 16385, 0xFFFF };
	static const unsigned taken_upem[] = { 16, 2048, 16384 };
	struct pdf_hpdf_font_facts facts;
	struct tt_font font, bad;
	char path[4096];

	if (!tt_liberation_copy(&font, &bad, path, sizeof(path)))
		return;
	for (size_t i = 0; i < sizeof(refused_upem) / sizeof(*refused_upem);
	    i++) {
		memcpy(bad.p, font.p, font.len);
		tt_set_units_per_em(&bad, refused_upem[i]);
		EXPECT(refused(&bad));
	}
	for (size_t i = 0; i < sizeof(taken_upem) / sizeof(*taken_upem); i++) {
		memcpy(bad.p, font.p, font.len);
		tt_set_units_per_em(&bad, taken_upem[i]);
		EXPECT(tt_loads(&bad, &facts));
	}
	free(bad.p);
	free(font.p);
}

/* Sets the top of glyph `gid`'s box in font f. */
static void
tt_set_glyph_top(struct tt_font *f, unsigned gid, unsigned top)
{
	size_t len;

	tt_put16(tt_glyph(f, gid, &len) + 8, top);
}

/* A damaged box: H's top 32 767 units of 16 to the em (two million
 * thousandths of an em), x's below the baseline.  The font descriptor's
 * 16-bit cap and x heights are clamped, never cast out of range (which C
 * leaves undefined: UBSan's float-cast-overflow). */
static void
test_font_cap_height_of_damaged_box_clamped(void)
{
	struct pdf_hpdf_font_facts facts;
	struct bp_subsetter *s;
	struct tt_font font, bad;
	char path[4096];

	if (!tt_liberation_copy(&font, &bad, path, sizeof(path)))
		return;
	s = bp_subsetter_open(path);
	tt_set_units_per_em(&bad, 16);
	tt_set_glyph_top(&bad, bp_subsetter_glyph(s, 'H'), 0x7FFF);
	tt_set_glyph_top(&bad, bp_subsetter_glyph(s, 'x'), 0xFF00); /* -256 */
	bp_subsetter_free(s);
	memset(&facts, 0, sizeof(facts));
	EXPECT(tt_loads(&bad, &facts));
	EXPECT_INT(facts.cap_height, 0xFFFF);
	EXPECT_INT(facts.x_height, 0);
	free(bad.p);
	free(font.p);
}

/* The (3,1) cmap subtable of font f. */
static unsigned char *
tt_cmap31(const struct tt_font *f)
{
	unsigned char *c = tt_table(f, "cmap");

	for (unsigned i = 0; i < tt_u16(c + 2); i++)
		if (tt_u16(c + 4 + 8 * i) == 3 && tt_u16(c + 6 + 8 * i) == 1)
			return c + tt_u32(c + 8 + 8 * i);
	return NULL;
}

/* A cmap whose segments map through glyphIdArray entries it does not
 * hold (found by tests/fuzz_font.c: libharu read the entry past the
 * array's end, with no array a NULL pointer: SIGSEGV) is refused when the
 * font is opened, and so is one whose entries would start before the
 * array, which libharu reads as no glyph and the subsetter read as one. */
static void
test_subset_cmap_glyph_ids_outside_refused(void)
{
	struct tt_font font, bad;
	unsigned char *sub;
	unsigned segs, a = 0;
	char path[4096];

	if (!tt_liberation_copy(&font, &bad, path, sizeof(path)))
		return;
	EXPECT(!refused(&bad));
	sub = tt_cmap31(&bad);
	EXPECT(sub != NULL);
	if (sub == NULL)
		goto out;
	/* A's segment, by its delta in Liberation Sans */
	segs = tt_u16(sub + 6) / 2;
	while (a < segs && tt_u16(sub + 14 + 2 * a) < 'A')
		a++;
	EXPECT(a < segs && tt_u16(sub + 16 + 6 * segs + 2 * a) == 0 &&
	    tt_u16(sub + 2) == 16 + 8 * segs); /* no glyphIdArray */
	/* its entries where the array would start: past the table's end */
	tt_put16(sub + 16 + 6 * segs + 2 * a, 2 * (segs - a));
	EXPECT(refused(&bad));
	/* two bytes before the array */
	tt_put16(sub + 16 + 6 * segs + 2 * a, 2 * (segs - a) - 2);
	EXPECT(refused(&bad));
out:
	free(bad.p);
	free(font.p);
}

/* Glyph `gid`'s advance in font f's hmtx (`nmetrics` long metrics). */
static unsigned
tt_advance(const struct tt_font *f, unsigned gid)
{
	unsigned n = tt_u16(tt_table(f, "hhea") + 34);

	return tt_u16(tt_table(f, "hmtx") + 4 * (gid < n ? gid : n - 1));
}

/* A directory naming a table twice (post's record renamed hmtx): the
 * subsetter reads the first, as libharu's loader and the stand-in do,
 * so the subset's widths are the ones the PDF measures with (it took the
 * last: post's bytes as widths). */
static void
test_subset_first_of_two_records_read(void)
{
	struct bp_subsetter *s;
	struct bp_buf out = BP_BUF_INIT;
	struct tt_font font, bad, sub;
	uint32_t cp = 'A';
	unsigned a;
	char path[4096];

	if (!tt_liberation_copy(&font, &bad, path, sizeof(path)))
		return;
	s = bp_subsetter_open(path);
	a = bp_subsetter_glyph(s, cp);
	bp_subsetter_free(s);
	memcpy(tt_record(&bad, "post"), "hmtx", 4);
	s = tt_open(bad.p, bad.len);
	EXPECT(s != NULL);
	if (s != NULL && bp_subsetter_run(s, &cp, 1, false, &out) == 0) {
		sub.p = (unsigned char *)out.data;
		sub.len = out.len;
		EXPECT_INT(tt_advance(&sub, 1), tt_advance(&font, a));
	} else
		EXPECT(!"a subset made");
	bp_subsetter_free(s);
	bp_buf_free(&out);
	free(bad.p);
	free(font.p);
}

/* A font whose only Unicode cmap is the Unicode platform's (0,3), not
 * Windows' (3,1): the subsetter took it, and libharu's loader, which
 * knows only (3,1), refused the font ("cannot load the font file").  The
 * stand-in loads it from the subtable the subsetter checked, and finds
 * the glyphs the subsetter finds. */
static void
test_font_unicode_platform_cmap_loads(void)
{
	struct bp_subsetter *s;
	struct tt_font font, bad;
	unsigned char *c;
	char path[4096];
	HPDF_Doc pdf = NULL;
	const char *name = NULL;
	bool by_stand_in = false;
	size_t windows = 0;

	if (!tt_liberation_copy(&font, &bad, path, sizeof(path)))
		return;
	c = tt_table(&bad, "cmap");
	for (unsigned i = 0; i < tt_u16(c + 2); i++)
		if (tt_u16(c + 4 + 8 * i) == 3 && tt_u16(c + 6 + 8 * i) == 1) {
			tt_put16(c + 6 + 8 * i, 10); /* (3,10): read by neither */
			windows++;
		}
	EXPECT_INT(windows, 1);
	s = tt_open(bad.p, bad.len);
	EXPECT(s != NULL);
	if (s != NULL && (pdf = HPDF_New(NULL, NULL)) != NULL)
		name = pdf_hpdf_load_font(pdf, s, &by_stand_in);
	EXPECT(name != NULL && by_stand_in);
	if (name != NULL) {
		HPDF_FontDef def = pdf_hpdf_font_def(pdf, name);
		size_t wrong = 0;
		for (uint32_t cp = 0; cp < 0xFFFF; cp++)
			wrong += pdf_hpdf_glyph_id(def, (uint16_t)cp) !=
			    bp_subsetter_glyph(s, cp);
		EXPECT_INT(wrong, 0);
		EXPECT(pdf_hpdf_glyph_id(def, 0x175) != 0);
	}
	HPDF_Free(pdf);
	bp_subsetter_free(s);
	free(bad.p);
	free(font.p);
}

/* Set by the alarm a test of a blocking call sets off. */
static volatile sig_atomic_t alarm_rang;

static void
ring_alarm(int sig)
{
	(void)sig;
	alarm_rang = 1;
}

/* Writes `len` bytes of `data` to `path`. */
static bool
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	bool ok = fp != NULL && fwrite(data, 1, len, fp) == len;

	if (fp != NULL && fclose(fp) != 0)
		ok = false;
	return ok;
}

/* Two faces' files are one when they are one file (a link) or the same
 * bytes; the same size with one byte different past the first read (16
 * KiB) is not, nor a shorter file with the same start. */
static void
test_fonts_same_file(void)
{
	char dir[] = "/tmp/bp-unit-same-XXXXXX", a[64], b[64], c[64], d[64],
	    l[64], none[64];
	enum { LEN = 40000 };
	char *data = bp_xmalloc(LEN);

	if (mkdtemp(dir) == NULL) {
		EXPECT(!"a temporary folder");
		free(data);
		return;
	}
	for (size_t i = 0; i < LEN; i++)
		data[i] = (char)(i * 7 % 251);
	snprintf(a, sizeof(a), "%s/a.ttf", dir);
	snprintf(b, sizeof(b), "%s/b.ttf", dir);
	snprintf(c, sizeof(c), "%s/c.ttf", dir);
	snprintf(d, sizeof(d), "%s/d.ttf", dir);
	snprintf(l, sizeof(l), "%s/l.ttf", dir);
	snprintf(none, sizeof(none), "%s/none.ttf", dir);
	EXPECT(write_file(a, data, LEN));
	EXPECT(write_file(b, data, LEN));
	EXPECT(write_file(d, data, LEN - 1));
	data[LEN - 1] ^= 1;
	EXPECT(write_file(c, data, LEN));
	EXPECT_INT(symlink("a.ttf", l), 0);
	EXPECT(bp_fonts_same_file(a, a));
	EXPECT(bp_fonts_same_file(a, l));
	EXPECT(bp_fonts_same_file(l, b));
	EXPECT(!bp_fonts_same_file(a, c));
	EXPECT(!bp_fonts_same_file(a, d));
	EXPECT(!bp_fonts_same_file(a, none));
	unlink(a);
	unlink(b);
	unlink(c);
	unlink(d);
	unlink(l);
	rmdir(dir);
	free(data);
}

/* A FIFO named as a font file: refused at once, as the policy for every
 * input file has it, not waited on for a writer that never comes (an
 * alarm without SA_RESTART would end that wait after 3 s). */
static void
test_subset_fifo_refused_at_once(void)
{
	char dir[] = "/tmp/bp-unit-fifo-XXXXXX", path[64];
	struct sigaction sa, old;
	struct bp_subsetter *s = NULL;

	if (mkdtemp(dir) == NULL) {
		EXPECT(!"a temporary folder");
		return;
	}
	snprintf(path, sizeof(path), "%s/font.ttf", dir);
	EXPECT_INT(mkfifo(path, 0600), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ring_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	alarm_rang = 0;
	alarm(3);
	s = bp_subsetter_open(path);
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	EXPECT(s == NULL);
	EXPECT_INT(alarm_rang, 0);
	bp_subsetter_free(s);
	unlink(path);
	rmdir(dir);
}

/* Whether fonts a and b have every BMP character's glyph, width and box
 * alike: how many differ. */
static size_t
chars_unlike(HPDF_FontDef a, HPDF_FontDef b)
{
	size_t wrong = 0;

	for (unsigned cp = 0; cp < 0xFFFF; cp++) {
		int abox[4], bbox[4];
		pdf_hpdf_char_box(a, (uint16_t)cp, abox);
		pdf_hpdf_char_box(b, (uint16_t)cp, bbox);
		wrong += pdf_hpdf_glyph_id(a, (uint16_t)cp) !=
		    pdf_hpdf_glyph_id(b, (uint16_t)cp) ||
		    pdf_hpdf_char_width(a, (uint16_t)cp) !=
		    pdf_hpdf_char_width(b, (uint16_t)cp) ||
		    memcmp(abox, bbox, sizeof(abox)) != 0;
	}
	return wrong;
}

/* A font is loaded through its one-glyph stand-in (pdf_hpdf.c), not
 * libharu's slow reader, and measures as libharu's own loader has it:
 * every BMP character's glyph, width and box, the ascent and descent,
 * the cap and x heights, the bounding box, the flags, StemV and the
 * missing width of the font descriptor, the font's name. */
static void
test_font_stand_in(void)
{
	static const char *const families[] = { "Liberation Sans",
		"DejaVu Sans" };

	for (size_t f = 0; f < 2; f++) {
		struct bp_fonts *fonts = bp_fonts_new();
		struct bp_subsetter *s = NULL;
		HPDF_Doc ours = HPDF_New(NULL, NULL), theirs = HPDF_New(NULL, NULL);
		HPDF_FontDef a = NULL, b = NULL;
		const char *an = NULL, *bn = NULL;
		struct pdf_hpdf_font_facts af, bf;
		bool by_stand_in = false;
		char path[4096];
		int a1, a2, b1, b2;

		if (bp_fonts_find(fonts, families[f], false, false, path,
		    sizeof(path)) == 0 && (s = bp_subsetter_open(path)) != NULL &&
		    ours != NULL && theirs != NULL) {
			an = pdf_hpdf_load_font(ours, s, &by_stand_in);
			bn = HPDF_LoadTTFontFromFile(theirs, path, HPDF_TRUE);
		}
		EXPECT(an != NULL && bn != NULL);
		EXPECT(by_stand_in);
		if (an != NULL && bn != NULL) {
			EXPECT_STR(an, bn);
			a = pdf_hpdf_font_def(ours, an);
			b = pdf_hpdf_font_def(theirs, bn);
			EXPECT_INT(chars_unlike(a, b), 0);
			EXPECT(pdf_hpdf_glyph_id(a, 0x175) != 0);
			pdf_hpdf_font_metrics(a, &a1, &a2);
			pdf_hpdf_font_metrics(b, &b1, &b2);
			EXPECT(a1 == b1 && a2 == b2);
			pdf_hpdf_font_facts(a, &af);
			pdf_hpdf_font_facts(b, &bf);
			EXPECT_INT(af.cap_height, bf.cap_height);
			EXPECT_INT(af.x_height, bf.x_height);
			EXPECT_INT(af.flags, bf.flags);
			EXPECT_INT(af.stemv, bf.stemv);
			EXPECT_INT(af.missing_width, bf.missing_width);
			EXPECT(memcmp(af.bbox, bf.bbox, sizeof(af.bbox)) == 0);
			EXPECT(af.cap_height > 0 && af.x_height > 0 &&
			    af.x_height < af.cap_height);
		}
		HPDF_Free(ours);
		HPDF_Free(theirs);
		bp_subsetter_free(s);
		bp_fonts_free(fonts);
	}
}

/* Sets the first part of composite glyph `gid` of font f to glyph `to`. */
static void
tt_set_first_part(struct tt_font *f, unsigned gid, unsigned to)
{
	size_t len;

	tt_put16(tt_glyph(f, gid, &len) + 12, to);
}

/* A composite glyph made of simple ones only. */
static bool
tt_one_level(const struct tt_font *f, unsigned gid)
{
	unsigned parts[8];
	size_t n = tt_parts(f, gid, parts, 8);

	if (n == 0 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tt_parts(f, parts[i], NULL, 0) != 0)
			return false;
	return true;
}

/* Whether the subset of ŵ of font f is made (nothing written when not). */
static bool
subset_made(const struct tt_font *f)
{
	struct bp_subsetter *s = tt_open(f->p, f->len);
	struct bp_buf out = BP_BUF_INIT;
	uint32_t cp = 0x175;
	bool made;

	if (s == NULL)
		return false;
	made = bp_subsetter_run(s, &cp, 1, false, &out) == 0;
	if (!made)
		EXPECT_INT(out.len, 0);
	bp_buf_free(&out);
	bp_subsetter_free(s);
	return made;
}

static void
test_subset_composite_loops(void)
{
	char path[4096];
	struct tt_font font, bad;
	struct bp_subsetter *s;
	unsigned w, other, chain[17], n = 0;

	if (!tt_liberation(&font, path, sizeof(path))) {
		EXPECT(!"Liberation Sans found and opened");
		return;
	}
	s = bp_subsetter_open(path);
	w = bp_subsetter_glyph(s, 0x175); /* ŵ: w and a circumflex */
	other = bp_subsetter_glyph(s, 0x174); /* Ŵ */
	bp_subsetter_free(s);
	EXPECT(tt_one_level(&font, w) && tt_one_level(&font, other));
	bad.p = bp_xmalloc(font.len);
	bad.len = font.len;
	memcpy(bad.p, font.p, font.len);
	EXPECT(subset_made(&bad)); /* the copy as it is */

	/* a composite that is its own part, and two each other's */
	tt_set_first_part(&bad, w, w);
	EXPECT(!subset_made(&bad));
	memcpy(bad.p, font.p, font.len);
	tt_set_first_part(&bad, w, other);
	tt_set_first_part(&bad, other, w);
	EXPECT(!subset_made(&bad));

	/* ŵ over a chain of composites: 16 levels are fine, 17 refused */
	chain[n++] = w;
	for (unsigned g = 0; g < tt_glyph_count(&font) && n < 17; g++)
		if (g != w && tt_one_level(&font, g))
			chain[n++] = g;
	EXPECT_INT(n, 17);
	if (n == 17) {
		memcpy(bad.p, font.p, font.len);
		for (unsigned i = 0; i + 1 < 16; i++)
			tt_set_first_part(&bad, chain[i], chain[i + 1]);
		EXPECT(subset_made(&bad));
		tt_set_first_part(&bad, chain[15], chain[16]);
		EXPECT(!subset_made(&bad));
	}
	free(bad.p);
	free(font.p);
}

/* A one-line layout whose only item is the text `s`. */
struct one_line {
	struct bp_run run;
	struct bp_frag frag;
	struct pdf_item item;
	struct pdf_layout lay;
};

static void
one_line(struct one_line *o, const char *s)
{
	memset(o, 0, sizeof(*o));
	o->run.text = s;
	o->run.len = strlen(s);
	o->frag.run = &o->run;
	o->frag.len = o->run.len;
	o->item.kind = PDF_ITEM_TEXT;
	o->item.nfrags = 1;
	o->lay.items = &o->item;
	o->lay.nitems = 1;
	o->lay.frags = &o->frag;
	o->lay.nfrags = 1;
}

static void
tag_line(struct pdf_tags *t, struct one_line *o, enum pdf_sr role)
{
	size_t seg0, nsegs;

	pdf_tag_open(t, role);
	pdf_tag_text(t, &o->lay, 0, &seg0, &nsegs);
	o->item.seg0 = (uint32_t)seg0;
	o->item.nsegs = (uint32_t)nsegs;
	pdf_tag_close(t);
}

/* A pack's layouts: the tree follows the drawing, a Part per layout, and
 * a layout laid out but never drawn (a front sheet laid out again) is
 * left out, even its table grid; a drawn table keeps its empty cell. */
static void
test_tags_parts_in_drawing_order(void)
{
	struct pdf_tags *t = pdf_tags_new();
	struct one_line old, item, front;
	struct bp_buf out = BP_BUF_INIT;
	const char *role;

	one_line(&old, "Old front sheet");
	one_line(&item, "Item");
	one_line(&front, "Front sheet");
	pdf_tag_open(t, PDF_SR_TABLE);
	pdf_tag_open(t, PDF_SR_TR);
	tag_line(t, &old, PDF_SR_TD);
	pdf_tag_open(t, PDF_SR_TD); /* an empty cell */
	pdf_tag_close(t);
	pdf_tag_close(t);
	pdf_tag_close(t);
	tag_line(t, &item, PDF_SR_H1);
	pdf_tag_open(t, PDF_SR_TABLE);
	pdf_tag_open(t, PDF_SR_TR);
	tag_line(t, &front, PDF_SR_TD);
	pdf_tag_open(t, PDF_SR_TD); /* an empty cell: kept in a drawn table */
	pdf_tag_close(t);
	pdf_tag_close(t);
	pdf_tag_close(t);
	EXPECT_INT(pdf_tag_mark(t, front.item.seg0, 0, &role), 0);
	EXPECT_STR(role, "TD");
	EXPECT_INT(pdf_tag_mark(t, item.item.seg0, 1, &role), 0);
	pdf_tag_dump(t, &out);
	EXPECT_STR(out.data, "Document\n  Part\n    Table\n      TR\n"
	    "        TD \"Front sheet\"\n        TD\n"
	    "  Part\n    H1 \"Item\"\n");
	bp_buf_free(&out);
	pdf_tags_free(t);
}

/* --- pdf_release: kept ranges in any order ------------------------------- */

/* A layout for pdf_release alone: boxes of one TEXT item each, their
 * fragments at given page offsets of an mmap'd array (so what is given
 * back reads as zero, and nothing else of the process is touched). */
struct release_lay {
	struct pdf_layout lay;
	uint32_t box_item0[9];
	struct bp_placed placed[20];
	size_t map_bytes;
};

/* Fragment index at `pages` system pages (fractions allowed) into the
 * array. */
static uint32_t
frag_at(double pages)
{
	return (uint32_t)(pages * (double)sysconf(_SC_PAGESIZE) /
	    sizeof(struct bp_frag));
}

/* The fragments of item i are still what was written into them. */
static bool
frags_kept(const struct pdf_layout *l, size_t i)
{
	const struct pdf_item *it = &l->items[i];

	for (uint32_t f = it->frag0; f < it->frag0 + it->nfrags; f++)
		if (l->frags[f].len != f + 1)
			return false;
	return true;
}

/* Boxes 0-2 are a table's header rows, drawn on every page (their
 * fragments out of box order: 0 high, 1 low, 2 overlapping 0), boxes 3-6
 * are drawn once each, page by page, and the furniture (item 7) has
 * fragments between the body's.  After every page, everything any later
 * page draws is intact, and what no page draws again has been given
 * back. */
static void
test_release_unsorted_kept_ranges(void)
{
	static const double from[8] = { 10, 2, 10.5, 0, 4, 6, 14, 13 };
	static const double to[8] = { 11, 4, 12, 2, 6, 10, 16, 13.5 };
	static const uint32_t once[4] = { 3, 4, 5, 6 };
	struct release_lay *r = bp_xcalloc(1, sizeof(*r));
	struct pdf_layout *l = &r->lay;
	struct pdf_item *items;
	struct bp_frag *frags;
	struct pdf_release *rel;
	bool drawn[8] = { false };
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	r->map_bytes = 17 * page;
	items = mmap(NULL, page, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	frags = mmap(NULL, r->map_bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(items != MAP_FAILED && frags != MAP_FAILED);
	if (items == MAP_FAILED || frags == MAP_FAILED)
		goto out;
	l->items = items;
	l->frags = frags;
	l->nfrags = frag_at(16);
	for (uint32_t f = 0; f < l->nfrags; f++)
		frags[f].len = f + 1;
	for (size_t i = 0; i < 8; i++) {
		items[i].kind = PDF_ITEM_TEXT;
		items[i].frag0 = frag_at(from[i]);
		items[i].nfrags = frag_at(to[i]) - frag_at(from[i]);
		r->box_item0[i] = (uint32_t)i;
	}
	r->box_item0[7] = 7;
	r->box_item0[8] = 8;
	l->nitems = 8; /* item 7: the furniture, after the boxes' */
	l->nboxes = 7;
	l->box_item0 = r->box_item0;
	l->pages.placed = r->placed;
	l->pages.npages = 4;
	for (uint32_t p = 0; p < 4; p++) {
		for (uint32_t b = 0; b < 3; b++)
			r->placed[l->pages.nplaced++] =
			    (struct bp_placed){ b, p, 0 };
		r->placed[l->pages.nplaced++] =
		    (struct bp_placed){ once[p], p, 0 };
	}
	rel = pdf_release_new(l);
	EXPECT(rel != NULL);
	for (size_t k = 0; k < l->pages.nplaced; k++) {
		const struct bp_placed *pl = &l->pages.placed[k];
		drawn[pl->box] = true;
		if (k + 1 < l->pages.nplaced && pl[1].page == pl->page)
			continue;
		pdf_release_page(rel, drawn);
		/* the header rows and the furniture are drawn on every page */
		for (size_t i = 0; i < 3; i++)
			EXPECT(frags_kept(l, i));
		EXPECT(frags_kept(l, 7));
		for (uint32_t p = pl->page + 1; p < 4; p++)
			EXPECT(frags_kept(l, once[p]));
	}
	/* given back: box 3's, drawn on the first page only */
	EXPECT_INT(frags[0].len, 0);
	EXPECT_INT(frags[frag_at(0.5)].len, 0);
	pdf_release_free(rel);
out:
	if (items != MAP_FAILED)
		munmap(items, page);
	if (frags != MAP_FAILED)
		munmap(frags, r->map_bytes);
	free(r);
}

/* NFC: composed and inert text is left alone (NULL), anything else goes
 * through utf8proc, even when each character is one the fast path knows. */
static void
test_nfc(void)
{
	struct { const char *in, *want; } cases[] = {
		{ "Plain text.", NULL },
		{ "T\xc5\xb7\xe2\x80\x99r \xe2\x80\x93 \xc2\xa3\xe2\x82\xac" "5 "
		    "\xe1\xba\x81 caf\xc3\xa9" "", NULL },
		/* w + U+0302 -> U+0175 */
		{ "Tw\xcc\x82 y", "T\xc5\xb5 y" },
		/* an inert e then U+0301 -> U+00E9 */
		{ "cafe\xcc\x81", "caf\xc3\xa9" },
		/* U+2126 OHM SIGN -> U+03A9 */
		{ "10 \xe2\x84\xa6", "10 \xce\xa9" },
		/* U+2000 EN QUAD -> U+2002 EN SPACE */
		{ "a\xe2\x80\x80" "b", "a\xe2\x80\x82" "b" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = 0;
		char *got = bp_nfc(cases[i].in, strlen(cases[i].in), &n);
		char *str = NULL;
		if (got != NULL) {
			str = bp_xmalloc(n + 1);
			memcpy(str, got, n);
			str[n] = '\0';
		}
		EXPECT_STR(str, cases[i].want);
		free(str);
		free(got);
	}
}

/* The column map gives the back-ends, from its coded steps, the columns
 * it gives while parsing, from the text: on every line and column (every
 * 7th on long lines) of texts NFC leaves alone and of texts it changes,
 * past checkpoints, past line ends and past the last line. */
static void
test_colmap_coded_as_walked(void)
{
	static const char *texts[] = {
		"Plain.\n\xc3\xa9 a \xc3\xa9 a\nabc\xe4\xb8\xad\xe6\x96\x87" "d\n",
		"cafe\xcc\x81 q\xcc\x81 \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f"
		    "\x92\xbb x\n\n\xe2\x84\xa6 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\n"
		    "A\xcc\x8a\xc3\xa9",
		NULL, /* long lines, made below */
	};
	struct bp_buf b = BP_BUF_INIT;
	size_t mismatches = 0;

	for (int i = 0; i < 300; i++)
		bp_buf_puts(&b, "\xc3\xa9 a \xe4\xb8\xad");
	bp_buf_puts(&b, "\nshort \xc3\xa9\n");
	for (int i = 0; i < 300; i++)
		bp_buf_puts(&b, "e\xcc\x81 \xe2\x84\xa6 ");
	bp_buf_putc(&b, '\n');
	texts[2] = b.data;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		size_t len = strlen(texts[t]), plen = len, lines = 1;
		char *nfc = bp_nfc(texts[t], len, &plen);
		const char *parsed = nfc != NULL ? nfc : texts[t];
		struct bp_colmap *walked, *coded;
		walked = bp_colmap_of(texts[t], len, parsed, plen);
		coded = bp_colmap_of(texts[t], len, parsed, plen);
		bp_colmap_keep(coded);
		for (size_t k = 0; k < len; k++)
			lines += texts[t][k] == '\n';
		for (uint32_t line = 1; line <= lines + 1; line++)
			for (uint32_t col = 1; col < plen + 4; col++) {
				struct bp_pos pos = { line, col }, w, c;
				if (plen > 200 && col % 7 != 0 && col > 9)
					continue;
				w = bp_colmap_pos(walked, pos);
				c = bp_colmap_pos(coded, pos);
				if (w.line != c.line || w.col != c.col) {
					if (mismatches++ < 5)
						printf("# text %zu %u:%u: walked "
						    "%u, coded %u\n", t, line,
						    col, w.col, c.col);
				}
			}
		bp_colmap_free(walked);
		bp_colmap_free(coded);
		free(nfc);
	}
	EXPECT_INT(mismatches, 0);
	bp_buf_free(&b);
}

/* The word-at-a-time scans (bp_ascii_len, bp_find_control) find a byte
 * at every offset of a word and at the end, and read nothing past `len`. */
static void
test_scans_every_offset(void)
{
	static const char *odd[] = { "\x01", "\x7F", "\x1B", "\xC2\x85" };
	char s[40];
	uint32_t cp;

	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
		for (size_t at = 0; at + strlen(odd[k]) <= 24; at++) {
			memset(s, 'a', sizeof(s));
			s[at % 7] = '\n'; /* a line feed is no control */
			s[(at + 3) % 24] = '\t';
			memcpy(s + at, odd[k], strlen(odd[k]));
			EXPECT_INT(bp_find_control(s, 24, &cp), at);
			EXPECT_INT(cp, (unsigned char)odd[k][strlen(odd[k]) - 1]);
			/* past len: not seen */
			EXPECT_INT(bp_find_control(s, at, &cp), at);
			s[at] = (char)0xC5; /* the lead byte of a two-byte letter */
			EXPECT_INT(bp_ascii_len(s, 24), at);
			EXPECT_INT(bp_ascii_len(s, at), at);
		}
}

/* bp_word_printable, the one test of eight bytes at a time that the
 * parser and the PDF writer share: every byte value at every place in a
 * word of letters, against the byte-by-byte rule. */
static void
test_word_printable_every_byte(void)
{
	int mismatches = 0;

	for (unsigned b = 0; b < 256; b++)
		for (size_t at = 0; at < 8; at++) {
			unsigned char bytes[8];
			uint64_t w;

			memset(bytes, 'a', sizeof(bytes));
			bytes[at] = (unsigned char)b;
			memcpy(&w, bytes, sizeof(w));
			if (bp_word_printable(w) != (b >= 0x20 && b <= 0x7E))
				mismatches++;
		}
	EXPECT_INT(mismatches, 0);
}

/* bp_printable_len, the run of printable ASCII that the parser's scans
 * and the PDF writer's stretches skip: at every alignment, for every
 * length 0 to 24, with no odd byte or one at each place (the bytes just
 * out of range either side, a line feed, NUL, a UTF-8 lead byte), and
 * again in a copy of exactly `len` bytes so that the sanitizer build sees
 * any read past the end. */
static void
test_printable_len_every_offset(void)
{
	static const unsigned char odd[] = { 0x1F, 0x7F, '\n', 0x00, 0x80,
	    0xC5, 0xFF };
	_Alignas(8) char block[8 + 24];
	int mismatches = 0;

	for (size_t align = 0; align < 8; align++)
		for (size_t len = 0; len <= 24; len++)
			for (size_t k = 0; k < sizeof(odd); k++)
				for (size_t at = 0; at <= len; at++) {
					char *s = block + align, *copy;
					size_t got;

					/* printable bytes of every kind */
					for (size_t i = 0; i < len; i++)
						s[i] = (char)(0x20 + (i * 13 + k) % 95);
					if (at < len)
						s[at] = (char)odd[k];
					/* exactly len bytes, for the sanitizer */
					copy = malloc(len > 0 ? len : 1);
					if (copy == NULL)
						abort();
					memcpy(copy, s, len);
					got = bp_printable_len(s, len);
					if (got != at || bp_printable_len(copy,
					    len) != at) {
						if (mismatches++ < 5)
							printf("# align %zu len %zu "
							    "byte 0x%02X at %zu: "
							    "%zu\n", align, len,
							    odd[k], at, got);
					}
					free(copy);
				}
	EXPECT_INT(mismatches, 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "NFC: inert text untouched, the rest composed", test_nfc },
	{ "column map: coded steps give the columns of the walked text",
	    test_colmap_coded_as_walked },
	{ "control and ASCII scans: a byte at every offset",
	    test_scans_every_offset },
	{ "printable words: every byte value at every place",
	    test_word_printable_every_byte },
	{ "printable runs: every alignment, length 0-24, an odd byte anywhere",
	    test_printable_len_every_offset },
	{ "continuous numbering runs across sections",
	    test_continuous_across_sections },
	{ "an ordered list after a numbered paragraph holds 11.1, 11.2.1",
	    test_subparagraphs },
	{ "bullet lists are unnumbered", test_bullets_unnumbered },
	{ "an ordered list after a heading is an ordinary list",
	    test_ordered_after_heading },
	{ "numbering: sections", test_sections_numbering },
	{ "heading ranks never skip a level", test_heading_ranks },
	{ "numbering: none", test_no_numbering },
	{ "labels come off paragraphs, items and headings",
	    test_labels_removed },
	{ "a label before emphasis leaves no leading space",
	    test_label_before_emphasis },
	{ "a label defined twice is an error", test_label_duplicate },
	{ "an unknown label is an error at the reference",
	    test_label_unknown },
	{ "label syntax is checked", test_label_syntax },
	{ "an empty label {#} is a syntax error", test_label_empty },
	{ "references resolve backwards and forwards", test_refs_both_ways },
	{ "references in front-matter strings", test_refs_from_front_matter },
	{ "an unknown reference in the front matter",
	    test_refs_front_matter_unknown },
	{ "references under numbering: sections", test_refs_sections },
	{ "references under numbering: none", test_refs_none },
	{ "a reference to an unnumbered block needs link text",
	    test_ref_unnumbered },
	{ "a reference to an unnumbered heading reads as its title",
	    test_ref_heading_title },
	{ "a reference with link text keeps it and targets the block",
	    test_ref_with_text },
	{ "ids p11, p11.2, s1", test_ids },
	{ "numbers as printed: 11. and 11.2", test_printed_numbers },
	{ "URL links are numbered in reading order", test_url_links_in_order },
	{ "a link knows whether its text is its URL", test_link_text_is_url },
	{ "javascript: and data: links are dropped with a warning",
	    test_javascript_dropped },
	{ "a dropped link keeps its text and not its URL",
	    test_dropped_link_text },
	{ "white space is folded", test_white_space_folded },
	{ "hard line breaks", test_hard_breaks },
	{ "a table with its caption before it", test_table_caption_before },
	{ "a table with its caption after it", test_table_caption_after },
	{ "tables numbered in resolve, body then notes",
	    test_tables_numbered_in_resolve },
	{ "raw HTML is kept as text", test_raw_html_is_text },
	{ "the meeting date as text", test_meeting_text },
	{ "the label table is complete", test_label_table_complete },
	{ "the Welsh label table", test_label_table_welsh },
	{ "contrast ratios (WCAG relative luminance)", test_contrast_ratio },
	{ "the built-in house style", test_default_style },
	{ "bp_file_report names the limit it was given",
	    test_file_report_limit },
	{ "the shared YAML tree", test_yaml_tree },
	{ "label templates are filled", test_label_fill },
	{ "item and recommendation numbers are derived once",
	    test_derived_text },
	{ "prescan: headings counted as cmark-gfm makes them, at the limit",
	    test_prescan_headings },
	{ "txt: any failed calloc of a column-grouped table fails the "
	    "output, no crash",
	    test_txt_column_groups_out_of_memory },
	{ "block positions are lines of the paper file", test_positions },
	{ "whole-file errors", test_whole_file_errors },
	{ "break_lines fills lines greedily", test_break_greedy },
	{ "break_lines keeps a word that spans runs together",
	    test_break_word_across_runs },
	{ "break_lines breaks a word longer than the line",
	    test_break_long_word },
	{ "break_lines breaks long words between UTF-8 characters",
	    test_break_long_word_utf8 },
	{ "break_lines: first_width, then width", test_break_first_width },
	{ "break_lines: hard breaks and no runs",
	    test_break_hard_break_and_empty },
	{ "break_lines: a device's ASCII table gives the lines its width "
	    "callback gives", test_break_ascii_table_same_lines },
	{ "break_lines: the plain-word shortcut gives the lines the general "
	    "way gives", test_break_plain_word_path_same_lines },
	{ "bp_buf writes", test_buf_basics },
	{ "bp_buf failure is sticky and never crashes",
	    test_buf_sticky_failure },
	{ "free functions accept NULL", test_free_null },
	{ "tags: a Part per layout, in drawing order",
	    test_tags_parts_in_drawing_order },
	{ "objstm: one object stream per 200 dictionaries, none empty when "
	    "streams come last", test_objstm_none_empty },
	{ "hpdf_version: libharu is the version pdf_hpdf.c was checked against",
	    test_hpdf_version },
	{ "hpdf: reals in content streams are written as libharu's HPDF_FToA "
	    "writes them", test_hpdf_real_as_libharu },
	{ "font subsets: composite glyphs bring their parts, numbered "
	    "either way", test_subset_composite },
	{ "font subsets: a damaged font file is refused, never read past",
	    test_subset_damaged },
	{ "font subsets: a FIFO named as a font file is refused at once, "
	    "not waited on", test_subset_fifo_refused_at_once },
	{ "font subsets: a name table of over 5460 records keeps what 16-bit "
	    "offsets reach", test_subset_name_records_past_16_bits },
	{ "font subsets: two subsets of one document never share a tag, "
	    "byte-identical ones neither",
	    test_subset_tags_distinct_within_a_document },
	{ "fonts: two faces' files are one when linked or byte-identical",
	    test_fonts_same_file },
	{ "fonts are loaded through a stand-in, and measure as libharu's "
	    "loader has them", test_font_stand_in },
	{ "fonts: a font whose only Unicode cmap is the Unicode platform's "
	    "loads", test_font_unicode_platform_cmap_loads },
	{ "font subsets: units per em outside 16-16384 are refused when the "
	    "font is opened", test_subset_units_per_em_out_of_range_refused },
	{ "font subsets: of two directory records of a table, the first is "
	    "read", test_subset_first_of_two_records_read },
	{ "font subsets: a cmap whose glyphIdArray entries lie outside it is "
	    "refused when the font is opened",
	    test_subset_cmap_glyph_ids_outside_refused },
	{ "fonts: the cap and x heights of a damaged glyph box are clamped to "
	    "16 bits", test_font_cap_height_of_damaged_box_clamped },
	{ "font subsets: composite glyphs in a loop or over 16 levels deep are "
	    "refused",
	    test_subset_composite_loops },
	{ "pdf_release: header rows' and furniture's fragments out of order "
	    "or overlapping are kept, the rest given back",
	    test_release_unsorted_kept_ranges },
};

int
main(int argc, char **argv)
{
	int failures = 0;

	if (argc == 3 && strcmp(argv[1], "objstm-sample") == 0)
		return write_objstm_sample(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		test_failed = false;
		tests[i].fn();
		printf("%s - %s\n", test_failed ? "not ok" : "ok",
		    tests[i].name);
		failures += test_failed;
	}
	return failures ? 1 : 0;
}
