/* The HTML back-end: one standalone, accessible HTML5 page per paper, its
 * CSS inside, no scripts and nothing fetched from anywhere. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "boardpaper/backend.h"
#include "boardpaper/labels.h"
#include "boardpaper/layout.h"
#include "boardpaper/pack.h"
#include "boardpaper/style.h"

struct html {
	struct bp_buf *out;
	const struct bp_paper *paper;
	const struct bp_labels *labels;
	const char *idp;  /* before every id of the paper: "" alone, "i4-"
	                   * in a pack, so that ids are unique in the page */
	int shift;        /* heading levels added: 1 in a pack, where the
	                   * paper's title is an h2 */
};

/* The style sheet, one rule per string (C11 promises string literals of
 * only 4095 bytes): screen first, then the dark scheme, narrow screens and
 * print (A4 pages, headings kept with what follows, no lone lines). */
static const char *const css[] = {
	":root{color-scheme:light dark;--fg:#1b1d1f;--bg:#fff;"
	    "--muted:#50565c;--rule:#c8ccd0;--link:#0b4f9c;--accent:#0b3b5c;"
	    "--shade:#f1f4f7;--hl:#fff3bf;--num:2.75em;--sub:3.25em}\n",
	"@media (prefers-color-scheme:dark){\n",
	":root{--fg:#e8e9ea;--bg:#16181b;--muted:#b9bec4;--rule:#4a5057;"
	    "--link:#93c5ff;--accent:#a9d3f0;--shade:#22262b;--hl:#403610}\n",
	"}\n",
	"*,::before,::after{box-sizing:border-box}\n",
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%;"
	    "background:var(--bg)}\n",
	"body{margin:0;padding:0 1.25rem;background:var(--bg);"
	    "color:var(--fg);font-family:Arial,\"Liberation Sans\",Helvetica,"
	    "sans-serif;font-size:1.0625rem;line-height:1.55;"
	    "overflow-wrap:break-word}\n",
	"header,main,footer{max-width:41.5rem;margin:0 auto}\n",
	".masthead{padding-top:1.5rem;padding-bottom:.75rem;"
	    "border-bottom:4px solid var(--accent);color:var(--accent)}\n",
	".masthead p{margin:0}\n",
	".board{font-weight:bold;font-size:1.1rem}\n",
	".facts{color:var(--fg)}\n",
	".masthead .confidential{margin-top:.5rem;padding:.3rem .6rem;"
	    "border:2px solid currentColor;display:inline-block;"
	    "color:var(--fg)}\n",
	"h1,h2,h3,h4,h5,h6{line-height:1.25;margin:2rem 0 .75rem}\n",
	"[id]{scroll-margin-top:1rem}\n",
	"h1{font-size:1.9rem;margin-top:1.5rem}\n",
	"h2{font-size:1.35rem}\n",
	"h3{font-size:1.15rem}\n",
	"h4,h5,h6{font-size:1rem}\n",
	"p,ul,ol,dl,blockquote,pre,figure,.tw{margin:0 0 1rem}\n",
	"a{color:var(--link);text-decoration-thickness:1px;"
	    "text-underline-offset:.15em}\n",
	"a:hover{text-decoration-thickness:2px}\n",
	"a:focus-visible,.tw:focus-visible{outline:3px solid transparent;"
	    "background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,"
	    "0 4px #0b0c0c;text-decoration:none}\n",
	".tw:focus-visible{box-shadow:0 0 0 4px #0b0c0c}\n",
	"a.self{color:inherit;text-decoration:none}\n",
	"a.self:hover{text-decoration:underline}\n",
	".cover{margin:1.5rem 0 2rem;padding:.25rem 1.25rem;"
	    "background:var(--shade);border-left:6px solid var(--accent)}\n",
	".cover>div{display:grid;grid-template-columns:10.5rem 1fr;"
	    "gap:.25rem 1.25rem;padding:.75rem 0;"
	    "border-top:1px solid var(--rule)}\n",
	".cover>div:first-child{border-top:0}\n",
	".cover dt{font-weight:bold}\n",
	".cover dd{margin:0;overflow-wrap:anywhere}\n",
	".cover dd p{margin:0 0 .5rem}\n",
	".cover dd p:last-child,.cover dd ol{margin-bottom:0}\n",
	".np{--hang:var(--num)}\n",
	".sub>li{--hang:var(--sub)}\n",
	".sub .sub>li{--hang:3.75em}\n",
	".nl>li{--hang:2em}\n",
	".sub,.nl{list-style:none;padding:0}\n",
	".np,.sub>li,.nl>li{padding-left:var(--hang)}\n",
	".np>p:first-child,.sub>li,.nl>li,.sub>li>p:first-child,"
	    ".nl>li>p:first-child{text-indent:calc(-1*var(--hang))}\n",
	".sub>li>:not(p:first-child),.nl>li>:not(p:first-child){"
	    "text-indent:0}\n",
	".num{display:inline-block;min-width:calc(var(--hang) - .2778em);"
	    "text-indent:0;font-variant-numeric:tabular-nums}\n",
	".hnum{font-variant-numeric:tabular-nums}\n",
	"a.num{color:inherit;text-decoration:none}\n",
	"a.num:hover{color:var(--link);text-decoration:underline}\n",
	"ul{padding-left:1.5em}\n",
	"ul ul{margin-bottom:0}\n",
	"li{margin-bottom:.35rem}\n",
	".sub ol,.nl ol,li>ul{margin:.35rem 0 0}\n",
	":target{background:var(--hl);outline:.3em solid var(--hl)}\n",
	"blockquote{margin-left:0;padding:.1rem 0 .1rem 1rem;"
	    "border-left:4px solid var(--rule)}\n",
	"blockquote p:last-child{margin-bottom:0}\n",
	"code,pre{font-family:\"Liberation Mono\",Consolas,Menlo,monospace;"
	    "font-size:.9em}\n",
	"pre{padding:.75rem 1rem;background:var(--shade);"
	    "white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.4}\n",
	"hr{border:0;border-top:1px solid var(--rule);margin:1.5rem 0}\n",
	"figure{margin-left:0;margin-right:0}\n",
	"img{max-width:100%;height:auto}\n",
	".tw{overflow-x:auto}\n",
	"table{border-collapse:collapse;width:100%;font-size:.95em;"
	    "font-variant-numeric:tabular-nums}\n",
	"caption{caption-side:top;text-align:left;font-weight:bold;"
	    "padding-bottom:.5rem}\n",
	"th,td{padding:.45rem .6rem;border-bottom:1px solid var(--rule);"
	    "text-align:left;vertical-align:top}\n",
	"thead th{border-bottom:2px solid var(--fg)}\n",
	"th:first-child,td:first-child{padding-left:0}\n",
	"th:last-child,td:last-child{padding-right:0}\n",
	".al-c{text-align:center}\n",
	".al-r{text-align:right}\n",
	"footer{margin-top:3rem;padding-top:.75rem;padding-bottom:2rem;"
	    "border-top:1px solid var(--rule);color:var(--muted);"
	    "font-size:.9rem}\n",
	"footer p{margin:0}\n",
	"sup.fnref{line-height:0}\n",
	".notes{margin-top:2.5rem;border-top:1px solid var(--rule);"
	    "font-size:.9em}\n",
	".notes ol{padding-left:1.75em}\n",
	"del{text-decoration-thickness:2px}\n",
	"@media (max-width:30rem){\n",
	":root{--num:2.1em;--sub:2.9em}\n",
	".sub .sub>li{--hang:3.3em}\n",
	"body{font-size:1rem;padding:0 1rem}\n",
	".masthead{padding-top:1rem}\n",
	"h1{font-size:1.6rem}\n",
	".cover{padding:.25rem .9rem}\n",
	".cover>div{display:block}\n",
	".np>.tw,.np>figure,.np>pre{margin-left:calc(-1*var(--num))}\n",
	"th,td{padding:.4rem .35rem}\n",
	"}\n",
	"@media print{\n",
	":root{color-scheme:light;--fg:#000;--bg:#fff;--muted:#333;"
	    "--rule:#999;--link:#000;--accent:#000;--shade:#fff;--hl:#fff}\n",
	"@page{size:A4;margin:22mm 20mm 22mm 20mm;@top-left{"
	    "font:8.5pt Arial,\"Liberation Sans\",Helvetica,sans-serif;"
	    "color:#333}@top-right{font:8.5pt Arial,\"Liberation Sans\","
	    "Helvetica,sans-serif;color:#333}@bottom-right{"
	    "font:8.5pt Arial,\"Liberation Sans\",Helvetica,sans-serif;"
	    "color:#333}}\n",
	"@page:first{@top-left{content:none}@top-right{content:none}}\n",
	"body{font-size:11pt;line-height:1.4;padding:0}\n",
	"header,main,footer{max-width:none}\n",
	".masthead{padding-top:0}\n",
	".cover{border-left-width:3pt;padding-left:10pt;background:none;"
	    "border:1pt solid #000;border-left:4pt solid #000;"
	    "break-inside:avoid}\n",
	"h1,h2,h3,h4,h5,h6{break-after:avoid;break-inside:avoid}\n",
	"p,li,dd{orphans:2;widows:2}\n",
	".np>p:first-child{break-after:auto}\n",
	"tr,figure,pre,blockquote,.cover>div{break-inside:avoid}\n",
	"thead{display:table-header-group}\n",
	".tw{overflow:visible}\n",
	"a{text-decoration:none}\n",
	"a.ext::after{content:\" <\" attr(href) \">\";font-size:.85em;"
	    "overflow-wrap:anywhere}\n",
	":target{outline:0}\n",
	"footer{display:none}\n",
	"}\n",
};

/* --- escaping --------------------------------------------------------- */

/* Code points that are parse errors in an HTML document (controls other
 * than white space, surrogates, noncharacters) and are shown as U+FFFD, so
 * that the page stays valid whatever bytes the paper holds. */
static bool
forbidden_code_point(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	if (cp >= 0x7F && cp <= 0x9F)
		return true;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return true;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return true;
	return (cp & 0xFFFE) == 0xFFFE;
}

static const char *
entity_of(unsigned char c, bool attr)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return attr ? "&quot;" : NULL;
	case '\'':
		return attr ? "&#39;" : NULL;
	default:
		return NULL;
	}
}

/* Writes `s` as HTML text, or as an attribute value when `attr`. */
static void
put_esc_n(struct bp_buf *out, const char *s, size_t len, bool attr)
{
	size_t start = 0, i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;

		/* printable ASCII but & < > " ' (nearly all text) as it is */
		if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' &&
		    c != '"' && c != '\'') {
			i++;
			continue;
		}
		rep = entity_of(c, attr);
		n = 1;
		if (rep == NULL && (c < 0x20 || c >= 0x7F) &&
		    forbidden_code_point(bp_utf8_decode(s + i, len - i, &n)))
			rep = "\xEF\xBF\xBD";
		if (rep == NULL) {
			i += n;
			continue;
		}
		bp_buf_put(out, s + start, i - start);
		bp_buf_puts(out, rep);
		i += n;
		start = i;
	}
	bp_buf_put(out, s + start, len - start);
}

static void
put_esc(struct bp_buf *out, const char *s)
{
	put_esc_n(out, s, strlen(s), false);
}

static void
put_attr(struct bp_buf *out, const char *s)
{
	put_esc_n(out, s, strlen(s), true);
}

/* Writes a URL as an attribute value: bytes that may not stand in a URL
 * are percent-encoded (as cmark's HTML writer does), so that a quote or a
 * space in a link can neither end the attribute nor make the URL invalid. */
static void
put_url(struct bp_buf *out, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char safe[] = "-_.~!*();:@=+$,/?#";

	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		/* an escape already there stays, in either case: %2f, %2F */
		bool pct = *p == '%' && isxdigit(p[1]) && isxdigit(p[2]);
		if (*p == '&')
			bp_buf_puts(out, "&amp;");
		else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || pct ||
		    strchr(safe, *p) != NULL)
			bp_buf_putc(out, (char)*p);
		else {
			bp_buf_putc(out, '%');
			bp_buf_putc(out, hex[*p >> 4]);
			bp_buf_putc(out, hex[*p & 15]);
		}
	}
}

/* Writes `s` as the inside of a CSS string: everything that could end the
 * string, the rule or the <style> element is a hex escape, and code points
 * an HTML document may not hold are U+FFFD, as in text. */
static void
put_css_string(struct bp_buf *out, const char *s)
{
	size_t len = strlen(s), n;

	for (size_t i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];
		n = 1;
		if (c >= 0x80 && forbidden_code_point(bp_utf8_decode(s + i,
		    len - i, &n)))
			bp_buf_puts(out, "\\fffd ");
		else if (c >= 0x80)
			bp_buf_put(out, s + i, n);
		else if (c < 0x20 || c == 0x7F || strchr("\"'\\<>&{}", c) != NULL)
			bp_buf_printf(out, "\\%x ", (unsigned)c);
		else
			bp_buf_putc(out, (char)c);
	}
}

/* --- labels ----------------------------------------------------------- */

/* A filled label template, escaped as text or as an attribute value. */
static void
put_label_esc(struct html *h, enum bp_label label, const char *const *args,
	size_t nargs, bool attr)
{
	struct bp_buf b = BP_BUF_INIT;

	bp_label_fill(&b, h->labels->text[label], args, nargs);
	if (b.failed)
		h->out->failed = true;
	else
		put_esc_n(h->out, b.data, b.len, attr);
	bp_buf_free(&b);
}

static void
put_label(struct html *h, enum bp_label label)
{
	put_label_esc(h, label, NULL, 0, false);
}

static void
put_label_attr(struct html *h, enum bp_label label, const char *const *args,
	size_t nargs)
{
	put_label_esc(h, label, args, nargs, true);
}

/* A label template as CSS `content`: its words as CSS strings, each place
 * replaced by the CSS value given for it (a counter). */
static void
put_css_template(struct html *h, const char *tmpl, const char *const *values,
	size_t nvalues)
{
	struct bp_buf piece = BP_BUF_INIT;
	bool first = true;

	for (const char *p = tmpl;; p++) {
		bool place = p[0] == '%' && p[1] >= '1' && p[1] <= '9';
		if (*p != '\0' && !place) {
			p += p[0] == '%' && p[1] == '%';
			bp_buf_putc(&piece, *p);
			continue;
		}
		if (piece.len > 0) {
			bp_buf_puts(h->out, first ? "\"" : " \"");
			put_css_string(h->out, piece.data);
			bp_buf_putc(h->out, '"');
			first = false;
		}
		bp_buf_reset(&piece);
		if (*p == '\0')
			break;
		if ((size_t)(p[1] - '1') < nvalues) {
			bp_buf_puts(h->out, first ? "" : " ");
			bp_buf_puts(h->out, values[p[1] - '1']);
			first = false;
		}
		p++;
	}
	if (piece.failed)
		h->out->failed = true;
	bp_buf_free(&piece);
}

/* --- inline text ------------------------------------------------------ */

static const struct {
	unsigned style;
	const char *open, *close;
} styles[] = {
	{ BP_STYLE_STRONG, "<strong>", "</strong>" },
	{ BP_STYLE_EMPH, "<em>", "</em>" },
	{ BP_STYLE_STRIKE, "<del>", "</del>" }, /* an amendment */
	{ BP_STYLE_CODE, "<code>", "</code>" },
};
#define NSTYLES (sizeof(styles) / sizeof(styles[0]))

static void
open_styles(struct bp_buf *out, unsigned style)
{
	for (size_t i = 0; i < NSTYLES; i++)
		if (style & styles[i].style)
			bp_buf_puts(out, styles[i].open);
}

static void
close_styles(struct bp_buf *out, unsigned style)
{
	for (size_t i = NSTYLES; i-- > 0;)
		if (style & styles[i].style)
			bp_buf_puts(out, styles[i].close);
}

/* Opens the link that starts at runs[0]; false when it has nowhere to go
 * (a cross-reference whose target has no anchor), so it stays plain text. */
static bool
open_link(struct html *h, const struct bp_run *runs)
{
	struct bp_buf *out = h->out;
	const struct bp_link *l = runs[0].link;

	if (l->type == BP_LINK_INTERNAL) {
		if (l->target == NULL || l->target->id == NULL)
			return false;
		bp_buf_puts(out, "<a class=\"xref\" href=\"#");
		put_attr(out, h->idp);
		put_attr(out, l->target->id);
		bp_buf_puts(out, "\">");
		return true;
	}
	bp_buf_puts(out, l->text_is_url ? "<a href=\"" :
	    "<a class=\"ext\" href=\"");
	put_url(out, l->url);
	if (l->title != NULL) {
		bp_buf_puts(out, "\" title=\"");
		put_attr(out, l->title);
	}
	bp_buf_puts(out, "\">");
	return true;
}

/* A footnote reference: its number raised, linking to the note; the first
 * reference is where the note links back to. */
static void
put_note_ref(struct html *h, const struct bp_run *r)
{
	struct bp_buf *out = h->out;

	bp_buf_printf(out, "<sup class=\"fnref\"><a href=\"#%s%s\"",
	    h->idp, r->note->id);
	if (r->note->ref == r)
		bp_buf_printf(out, " id=\"%sfnref%u\"", h->idp,
		    r->note->number);
	bp_buf_printf(out, ">%u</a></sup>", r->note->number);
}

static void
put_run(struct bp_buf *out, const struct bp_run *r)
{
	if (r->type == BP_RUN_BREAK)
		bp_buf_puts(out, "<br>\n");
	else
		put_esc_n(out, r->text, r->len, false);
}

/* Whether the run at `i` needs other elements open than the one before. */
static bool
state_changes(const struct bp_text *text, size_t i)
{
	if (i == 0)
		return text->runs[0].link != NULL || text->runs[0].style != 0;
	return text->runs[i].link != text->runs[i - 1].link ||
	    text->runs[i].style != text->runs[i - 1].style;
}

/* Runs become nested elements: a link outside, its styles inside, closed
 * and reopened whenever the link or the style set changes.  The space the
 * model keeps at the start of a run goes before the elements open, so that
 * a link's underline does not start with a gap. */
static void
put_runs(struct html *h, const struct bp_text *text)
{
	struct bp_buf *out = h->out;
	const struct bp_link *link = NULL;
	bool in_a = false;
	unsigned style = 0;

	for (size_t i = 0; i < text->nruns; i++) {
		struct bp_run r = text->runs[i];
		if (state_changes(text, i)) {
			close_styles(out, style);
			if (r.link != link && in_a)
				bp_buf_puts(out, "</a>");
			if (r.len > 0 && r.text[0] == ' ' &&
			    r.type != BP_RUN_BREAK) {
				bp_buf_putc(out, ' ');
				r.text++;
				r.len--;
			}
			if (r.link != link) {
				link = r.link;
				in_a = link != NULL &&
				    open_link(h, &text->runs[i]);
			}
			style = r.style;
			open_styles(out, style);
		}
		if (r.type == BP_RUN_NOTE) /* the model's run: is it the first? */
			put_note_ref(h, &text->runs[i]);
		else
			put_run(out, &r);
	}
	close_styles(out, style);
	if (in_a)
		bp_buf_puts(out, "</a>");
}

static bool
has_links(const struct bp_text *text)
{
	for (size_t i = 0; i < text->nruns; i++)
		if (text->runs[i].link != NULL)
			return true;
	return false;
}

/* --- blocks ----------------------------------------------------------- */

static void put_blocks(struct html *, const struct bp_block *);

/* A paragraph number: a link to the paragraph itself when it has an
 * anchor, so that a reader can copy "paragraph 11"'s address. */
static void
put_num(struct html *h, const struct bp_block *b)
{
	if (b->id != NULL) {
		bp_buf_puts(h->out, "<a class=\"num\" href=\"#");
		put_attr(h->out, h->idp);
		put_attr(h->out, b->id);
		bp_buf_puts(h->out, "\">");
		put_esc(h->out, b->printed);
		bp_buf_puts(h->out, "</a> ");
	} else {
		bp_buf_puts(h->out, "<span class=\"num\">");
		put_esc(h->out, b->printed);
		bp_buf_puts(h->out, "</span> ");
	}
}

static void
put_id(struct html *h, const struct bp_block *b)
{
	if (b->id == NULL)
		return;
	bp_buf_puts(h->out, " id=\"");
	put_attr(h->out, h->idp);
	put_attr(h->out, b->id);
	bp_buf_putc(h->out, '"');
}

static void
put_heading(struct html *h, const struct bp_block *b)
{
	/* resolve's rank skips no level (a heading in a footnote has none);
	 * a pack's papers sit one level deeper */
	int level = (b->rank > 0 ? b->rank : 3) + h->shift > 6 ? 6 :
	    (b->rank > 0 ? b->rank : 3) + h->shift;
	bool self = b->id != NULL && !has_links(&b->text);

	bp_buf_printf(h->out, "<h%d", level);
	put_id(h, b);
	bp_buf_putc(h->out, '>');
	if (self) {
		bp_buf_puts(h->out, "<a class=\"self\" href=\"#");
		put_attr(h->out, h->idp);
		put_attr(h->out, b->id);
		bp_buf_puts(h->out, "\">");
	}
	if (b->number != NULL) {
		bp_buf_puts(h->out, "<span class=\"hnum\">");
		put_esc(h->out, b->printed);
		bp_buf_puts(h->out, "</span> ");
	}
	put_runs(h, &b->text);
	bp_buf_printf(h->out, "%s</h%d>\n", self ? "</a>" : "", level);
}

/* A numbered paragraph and the blocks it owns share one box, whose left
 * padding is the column its number hangs in. */
static void
put_para(struct html *h, const struct bp_block *b)
{
	if (b->number != NULL)
		bp_buf_puts(h->out, "<div class=\"np\">\n");
	bp_buf_puts(h->out, "<p");
	put_id(h, b);
	bp_buf_putc(h->out, '>');
	if (b->number != NULL)
		put_num(h, b);
	put_runs(h, &b->text);
	bp_buf_puts(h->out, "</p>\n");
	put_blocks(h, b->child);
	if (b->number != NULL)
		bp_buf_puts(h->out, "</div>\n");
}

/* An item's number goes inside its first paragraph, so that it hangs
 * beside that paragraph's first line; a tight list drops the <p>. */
static void
put_item(struct html *h, const struct bp_block *list,
	const struct bp_block *it)
{
	const struct bp_block *first = it->child;
	bool inline_first = list->tight && first != NULL &&
	    first->type == BP_BLOCK_PARA;

	bp_buf_puts(h->out, "<li");
	put_id(h, it);
	bp_buf_putc(h->out, '>');
	if (first != NULL && first->type == BP_BLOCK_PARA) {
		/* an item's first paragraph has no id: its label is the
		 * item's */
		if (!inline_first)
			bp_buf_puts(h->out, "<p>");
		if (it->number != NULL)
			put_num(h, it);
		put_runs(h, &first->text);
		if (!inline_first)
			bp_buf_puts(h->out, "</p>");
		if (!inline_first || first->child != NULL ||
		    first->next != NULL)
			bp_buf_putc(h->out, '\n');
		put_blocks(h, first->child);
		first = first->next;
	} else if (it->number != NULL)
		put_num(h, it);
	put_blocks(h, first);
	bp_buf_puts(h->out, "</li>\n");
}

static void
put_list(struct html *h, const struct bp_block *b)
{
	static const char *const open[] = {
		[BP_LIST_BULLET] = "<ul>\n",
		[BP_LIST_ORDERED] = "<ol class=\"nl\">\n",
		[BP_LIST_SUBPARA] = "<ol class=\"sub\">\n",
	};

	bp_buf_puts(h->out, open[b->list]);
	for (const struct bp_block *it = b->child; it != NULL; it = it->next)
		put_item(h, b, it);
	bp_buf_puts(h->out, b->list == BP_LIST_BULLET ? "</ul>\n" : "</ol>\n");
}

static void
put_code(struct html *h, const struct bp_code *c)
{
	bp_buf_puts(h->out, "<pre><code>");
	put_esc_n(h->out, c->text, c->len, false);
	bp_buf_puts(h->out, "</code></pre>\n");
}

static void
put_base64(struct bp_buf *out, const unsigned char *d, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char quad[4];

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)d[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)d[i + 1] << 8;
		if (i + 2 < n)
			v |= d[i + 2];
		quad[0] = b64[v >> 18 & 63];
		quad[1] = b64[v >> 12 & 63];
		quad[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		quad[3] = i + 2 < n ? b64[v & 63] : '=';
		bp_buf_put(out, quad, 4);
	}
}

/* Images are embedded, so the page makes no request of its own. */
static void
put_figure(struct html *h, const struct bp_block *b)
{
	const struct bp_image *im = &b->u.image;

	bp_buf_puts(h->out, "<figure");
	put_id(h, b);
	bp_buf_printf(h->out, "><img src=\"data:image/%s;base64,",
	    im->format == BP_IMAGE_PNG ? "png" : "jpeg");
	put_base64(h->out, im->data, im->size);
	bp_buf_puts(h->out, "\" alt=\"");
	put_attr(h->out, im->alt);
	bp_buf_putc(h->out, '"');
	if (im->width > 0 && im->height > 0)
		bp_buf_printf(h->out, " width=\"%u\" height=\"%u\"",
		    (unsigned)im->width, (unsigned)im->height);
	bp_buf_puts(h->out, "></figure>\n");
}

/* --- tables ----------------------------------------------------------- */

static void
put_cell(struct html *h, const struct bp_table *t, size_t r, size_t c)
{
	static const char *const align[] = {
		[BP_ALIGN_NONE] = "",
		[BP_ALIGN_LEFT] = "", /* the default for th and td */
		[BP_ALIGN_CENTER] = " class=\"al-c\"",
		[BP_ALIGN_RIGHT] = " class=\"al-r\"",
	};

	bp_buf_printf(h->out, "<%s%s%s>", r == 0 ? "th" : "td",
	    r == 0 ? " scope=\"col\"" : "", align[t->align[c]]);
	put_runs(h, &t->cells[r * t->ncols + c]);
	bp_buf_puts(h->out, r == 0 ? "</th>" : "</td>");
}

static void
put_row(struct html *h, const struct bp_table *t, size_t r)
{
	bp_buf_puts(h->out, "<tr>");
	for (size_t c = 0; c < t->ncols; c++)
		put_cell(h, t, r, c);
	bp_buf_puts(h->out, "</tr>\n");
}

/* A wide table scrolls sideways on a phone inside its own box; the box is
 * a named, focusable region so that keyboard users can scroll it too. */
static void
put_table(struct html *h, const struct bp_block *b)
{
	const struct bp_table *t = &b->u.table;
	unsigned n = t->number;

	bp_buf_puts(h->out, "<div class=\"tw\" role=\"region\" tabindex=\"0\"");
	if (t->caption.nruns > 0)
		bp_buf_printf(h->out, " aria-labelledby=\"%stbl-%u\">\n",
		    h->idp, n);
	else {
		char num[16];
		const char *arg = num;
		snprintf(num, sizeof(num), "%u", n);
		bp_buf_puts(h->out, " aria-label=\"");
		put_label_attr(h, BP_LABEL_TABLE_N, &arg, 1);
		bp_buf_puts(h->out, "\">\n");
	}
	bp_buf_puts(h->out, "<table");
	put_id(h, b);
	bp_buf_puts(h->out, ">\n");
	if (t->caption.nruns > 0) {
		bp_buf_printf(h->out, "<caption id=\"%stbl-%u\">", h->idp, n);
		put_runs(h, &t->caption);
		bp_buf_puts(h->out, "</caption>\n");
	}
	if (t->nrows > 0) {
		bp_buf_puts(h->out, "<thead>\n");
		put_row(h, t, 0);
		bp_buf_puts(h->out, "</thead>\n");
	}
	if (t->nrows > 1) {
		bp_buf_puts(h->out, "<tbody>\n");
		for (size_t r = 1; r < t->nrows; r++)
			put_row(h, t, r);
		bp_buf_puts(h->out, "</tbody>\n");
	}
	bp_buf_puts(h->out, "</table>\n</div>\n");
}

/* --- the body --------------------------------------------------------- */

/* A section with a heading is a <section>; the text before a paper's first
 * heading is not a section of its own. */
static void
put_section(struct html *h, const struct bp_block *b)
{
	bool titled = b->child != NULL && b->child->type == BP_BLOCK_HEADING;

	bp_buf_puts(h->out, titled ? "<section>\n" : "<div class=\"lead\">\n");
	put_blocks(h, b->child);
	bp_buf_puts(h->out, titled ? "</section>\n" : "</div>\n");
}

static void
put_block(struct html *h, const struct bp_block *b)
{
	switch (b->type) {
	case BP_BLOCK_SECTION:
		put_section(h, b);
		break;
	case BP_BLOCK_HEADING:
		put_heading(h, b);
		break;
	case BP_BLOCK_PARA:
		put_para(h, b);
		break;
	case BP_BLOCK_LIST:
		put_list(h, b);
		break;
	case BP_BLOCK_QUOTE:
		bp_buf_puts(h->out, "<blockquote>\n");
		put_blocks(h, b->child);
		bp_buf_puts(h->out, "</blockquote>\n");
		break;
	case BP_BLOCK_CODE:
		put_code(h, &b->u.code);
		break;
	case BP_BLOCK_TABLE:
		put_table(h, b);
		break;
	case BP_BLOCK_RULE:
		bp_buf_puts(h->out, "<hr>\n");
		break;
	case BP_BLOCK_FIGURE:
		put_figure(h, b);
		break;
	default:
		break;
	}
}

static void
put_blocks(struct html *h, const struct bp_block *b)
{
	for (; b != NULL; b = b->next)
		put_block(h, b);
}

/* --- the cover -------------------------------------------------------- */

static void
put_field(struct html *h, enum bp_label name, const struct bp_text *value)
{
	bp_buf_puts(h->out, "<div><dt>");
	put_label(h, name);
	bp_buf_puts(h->out, "</dt><dd>");
	put_runs(h, value);
	bp_buf_puts(h->out, "</dd></div>\n");
}

static void
put_recommendations(struct html *h, const struct bp_meta *m)
{
	bool list = m->recommendations_list;

	bp_buf_puts(h->out, "<div><dt>");
	put_label(h, list ? BP_LABEL_RECOMMENDATIONS :
	    BP_LABEL_RECOMMENDATION);
	bp_buf_puts(h->out, "</dt><dd>");
	if (list)
		bp_buf_puts(h->out, "<ol class=\"nl\">\n");
	for (size_t i = 0; i < m->nrecommendations; i++) {
		if (list) {
			bp_buf_puts(h->out, "<li><span class=\"num\">");
			put_esc(h->out, m->recommendation_numbers[i]);
			bp_buf_puts(h->out, "</span> ");
		}
		else if (m->nrecommendations > 1)
			bp_buf_puts(h->out, "<p>");
		put_runs(h, &m->recommendations[i]);
		if (list)
			bp_buf_puts(h->out, "</li>\n");
		else if (m->nrecommendations > 1)
			bp_buf_puts(h->out, "</p>");
	}
	bp_buf_puts(h->out, list ? "</ol></dd></div>\n" : "</dd></div>\n");
}

/* "Phone no: " and the like before a contact's detail. */
static void
put_row_label(struct html *h, enum bp_label label)
{
	bp_buf_puts(h->out, "<br>\n");
	put_label(h, label);
	bp_buf_puts(h->out, ": ");
}

static void
put_contact(struct html *h, const struct bp_contact *c)
{
	bp_buf_puts(h->out, "<p class=\"contact\"><span class=\"name\">");
	put_esc(h->out, c->name);
	bp_buf_puts(h->out, "</span>");
	if (c->position != NULL) {
		bp_buf_puts(h->out, "<br>\n");
		put_esc(h->out, c->position);
	}
	if (c->phone != NULL) {
		put_row_label(h, BP_LABEL_PHONE);
		put_esc(h->out, c->phone);
	}
	if (c->email != NULL) {
		put_row_label(h, BP_LABEL_EMAIL);
		bp_buf_puts(h->out, "<a href=\"mailto:");
		put_url(h->out, c->email);
		bp_buf_puts(h->out, "\">");
		put_esc(h->out, c->email);
		bp_buf_puts(h->out, "</a>");
	}
	bp_buf_puts(h->out, "</p>\n");
}

/* The house style's fields, after the built-in ones. */
static void
put_style_fields(struct html *h)
{
	for (size_t i = 0; i < h->paper->nfields; i++) {
		const struct bp_field *f = &h->paper->fields[i];
		bool list = f->def->type == BP_FIELD_LIST && f->nvalues > 0;
		bp_buf_puts(h->out, "<div><dt>");
		put_esc(h->out, f->label);
		bp_buf_puts(h->out, list ? "</dt><dd><ul>\n" : "</dt><dd>");
		for (size_t k = 0; k < f->nvalues; k++) {
			if (list)
				bp_buf_puts(h->out, "<li>");
			put_runs(h, &f->values[k]);
			if (list)
				bp_buf_puts(h->out, "</li>\n");
		}
		if (f->nvalues == 0)
			put_label(h, BP_LABEL_NONE);
		bp_buf_puts(h->out, list ? "</ul></dd></div>\n" :
		    "</dd></div>\n");
	}
}

static void
put_cover(struct html *h, const struct bp_meta *m)
{
	bp_buf_puts(h->out, "<dl class=\"cover\">\n");
	put_field(h, BP_LABEL_PURPOSE, &m->purpose);
	put_field(h, BP_LABEL_SUMMARY, &m->summary);
	put_recommendations(h, m);
	put_field(h, BP_LABEL_ACTION, &m->action);
	if (m->ncontacts > 0) {
		bp_buf_puts(h->out, "<div><dt>");
		put_label(h, m->ncontacts > 1 ? BP_LABEL_CONTACT_OFFICERS :
		    BP_LABEL_CONTACT_OFFICER);
		bp_buf_puts(h->out, "</dt><dd>\n");
		for (size_t i = 0; i < m->ncontacts; i++)
			put_contact(h, &m->contacts[i]);
		bp_buf_puts(h->out, "</dd></div>\n");
	}
	put_style_fields(h);
	bp_buf_puts(h->out, "</dl>\n");
}

static void
put_background_papers(struct html *h, const struct bp_meta *m)
{
	if (!m->has_background_papers)
		return;
	bp_buf_printf(h->out, "<section class=\"bg\">\n<h%d id=\"",
	    2 + h->shift);
	put_attr(h->out, h->idp);
	bp_buf_puts(h->out, "background-papers\">");
	put_label(h, BP_LABEL_BACKGROUND_PAPERS);
	bp_buf_printf(h->out, "</h%d>\n", 2 + h->shift);
	if (m->nbackground_papers == 0) {
		bp_buf_puts(h->out, "<p>");
		put_label(h, BP_LABEL_NONE);
		bp_buf_puts(h->out, "</p>\n");
	}
	else {
		bp_buf_puts(h->out, "<ul>\n");
		for (size_t i = 0; i < m->nbackground_papers; i++) {
			bp_buf_puts(h->out, "<li>");
			put_runs(h, &m->background_papers[i]);
			bp_buf_puts(h->out, "</li>\n");
		}
		bp_buf_puts(h->out, "</ul>\n");
	}
	bp_buf_puts(h->out, "</section>\n");
}

/* --- the page --------------------------------------------------------- */

/* The meeting date and item, as one line of the masthead and the footer. */
static void
put_facts(struct html *h, const struct bp_meta *m)
{
	if (m->meeting_text != NULL) {
		bp_buf_puts(h->out, "<span>");
		put_label(h, BP_LABEL_MEETING);
		bp_buf_printf(h->out, ": <time datetime="
		    "\"%04d-%02d-%02d\">", m->meeting.year, m->meeting.month,
		    m->meeting.day);
		put_esc(h->out, m->meeting_text);
		bp_buf_puts(h->out, "</time></span>");
	}
	if (m->meeting_text != NULL && m->item != NULL)
		bp_buf_puts(h->out, " <span class=\"sep\" aria-hidden=\"true\">"
		    "\xC2\xB7</span> ");
	if (m->item != NULL) {
		bp_buf_puts(h->out, "<span>");
		put_esc(h->out, m->item_text);
		bp_buf_puts(h->out, "</span>");
	}
}

/* The house style's logo (its alt text the organisation) and name. */
static void
put_organisation(struct html *h)
{
	const struct bp_house_style *s = h->paper->style;
	const struct bp_image *im = &s->logo;

	if (s->organisation == NULL && s->logo_path == NULL)
		return;
	bp_buf_puts(h->out, "<p class=\"org\">");
	if (s->logo_path != NULL) {
		bp_buf_printf(h->out, "<img src=\"data:image/%s;base64,",
		    im->format == BP_IMAGE_PNG ? "png" : "jpeg");
		put_base64(h->out, im->data, im->size);
		bp_buf_puts(h->out, "\" alt=\"");
		put_attr(h->out, im->alt);
		bp_buf_printf(h->out, "\" width=\"%u\" height=\"%u\">",
		    (unsigned)im->width, (unsigned)im->height);
	}
	if (s->organisation != NULL) {
		bp_buf_puts(h->out, "<span>");
		put_esc(h->out, s->organisation);
		bp_buf_puts(h->out, "</span>");
	}
	bp_buf_puts(h->out, "</p>\n");
}

static void
put_masthead(struct html *h, const struct bp_meta *m)
{
	bp_buf_puts(h->out, "<header class=\"masthead\">\n");
	put_organisation(h);
	bp_buf_puts(h->out, "<p class=\"board\">");
	if (m->board.nruns > 0)
		put_runs(h, &m->board);
	else
		put_esc(h->out, m->title.plain);
	bp_buf_puts(h->out, "</p>\n");
	if (m->meeting_text != NULL || m->item != NULL) {
		bp_buf_puts(h->out, "<p class=\"facts\">");
		put_facts(h, m);
		bp_buf_puts(h->out, "</p>\n");
	}
	if (m->confidential) {
		bp_buf_puts(h->out, "<p class=\"confidential\"><strong>");
		put_label(h, BP_LABEL_CONFIDENTIAL);
		bp_buf_puts(h->out, "</strong>");
		if (m->confidential_reason.nruns > 0) {
			bp_buf_puts(h->out, " \xE2\x80\x93 ");
			put_runs(h, &m->confidential_reason);
		}
		bp_buf_puts(h->out, "</p>\n");
	}
	bp_buf_puts(h->out, "</header>\n");
}

/* Print pages carry the board, date and item at the head and "Page N of
 * M" at the foot, as the PDF does; the strings come from the paper, so
 * they are escaped for CSS. */
static void
put_page_css(struct html *h, const struct bp_meta *m)
{
	static const char *const counters[] = { "counter(page)",
		"counter(pages)" };

	bp_buf_puts(h->out, "@media print{@page{@bottom-right{content:");
	put_css_template(h, h->labels->text[BP_LABEL_PAGE_OF], counters, 2);
	bp_buf_puts(h->out, "}@top-left{content:\"");
	put_css_string(h->out, m->board.plain);
	bp_buf_puts(h->out, "\"}@top-right{content:\"");
	if (m->confidential) {
		put_css_string(h->out,
		    h->labels->text[BP_LABEL_CONFIDENTIAL_MARK]);
		bp_buf_puts(h->out, "  ");
	}
	if (m->meeting_text != NULL)
		put_css_string(h->out, m->meeting_text);
	if (m->meeting_text != NULL && m->item != NULL)
		bp_buf_puts(h->out, " \\b7  ");
	if (m->item != NULL)
		put_css_string(h->out, m->item_text);
	bp_buf_puts(h->out, "\"}}}\n");
}

static void
put_hex(struct bp_buf *out, struct bp_rgb c)
{
	bp_buf_printf(out, "#%02x%02x%02x", (unsigned)lround(c.r * 255),
	    (unsigned)lround(c.g * 255), (unsigned)lround(c.b * 255));
}

/* The house style's look, after the built-in sheet (nothing without a
 * style, so other pages stay as they were).  The accent is the light
 * scheme's; the style computed the dark scheme's, lightened to read on
 * the dark background; print stays black, as the built-in sheet says. */
static void
put_style_css(struct html *h)
{
	const struct bp_house_style *s = h->paper->style;

	if (s->has_accent) {
		bp_buf_puts(h->out, "@media screen{:root{--accent:");
		put_hex(h->out, s->accent);
		bp_buf_puts(h->out, "}}\n@media screen and "
		    "(prefers-color-scheme:dark){:root{--accent:");
		put_hex(h->out, s->accent_dark);
		bp_buf_puts(h->out, "}}\nh1,h2,h3,h4,h5,h6{color:var(--accent)}\n");
	}
	if (s->has_font) {
		bp_buf_puts(h->out, "body{font-family:\"");
		put_css_string(h->out, s->font);
		bp_buf_puts(h->out, "\",Arial,\"Liberation Sans\",Helvetica,"
		    "sans-serif}\n");
	}
	if (s->has_font_size)
		bp_buf_printf(h->out, "body{font-size:%.4frem}\n@media print{"
		    "body{font-size:%.2fpt}}\n", 1.0625 * s->font_size / 12,
		    11 * s->font_size / 12);
	if (s->has_margins)
		bp_buf_printf(h->out, "@media print{@page{margin:%.1fmm %.1fmm "
		    "%.1fmm %.1fmm}}\n", s->margins[0] * 25.4 / 72,
		    s->margins[1] * 25.4 / 72, s->margins[2] * 25.4 / 72,
		    s->margins[3] * 25.4 / 72);
	if (s->nfields > 0)
		bp_buf_puts(h->out, ".cover dd ul{margin:0;padding-left:1.25em}"
		    "\n.cover dd li:last-child{margin-bottom:0}\n");
	if (s->logo_path != NULL)
		bp_buf_puts(h->out, ".org{display:flex;align-items:center;"
		    "gap:.75rem;font-weight:bold;margin-bottom:.5rem}\n"
		    ".org img{height:3rem;width:auto}\n");
	else if (s->organisation != NULL)
		bp_buf_puts(h->out, ".org{font-weight:bold;margin-bottom:.25rem}"
		    "\n");
}

static void
put_head(struct html *h, const struct bp_meta *m)
{
	bp_buf_puts(h->out, "<!DOCTYPE html>\n<html lang=\"");
	put_attr(h->out, m->lang);
	bp_buf_puts(h->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<meta name=\"generator\" content=\"boardpaper\">\n");
	bp_buf_puts(h->out, "<meta name=\"description\" content=\"");
	put_attr(h->out, m->purpose.plain);
	bp_buf_puts(h->out, "\">\n<title>");
	put_esc(h->out, m->title.plain);
	bp_buf_puts(h->out, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof(css) / sizeof(css[0]); i++)
		bp_buf_puts(h->out, css[i]);
	put_page_css(h, m);
	put_style_css(h);
	bp_buf_puts(h->out, "</style>\n</head>\n");
}

static void
put_footer(struct html *h, const struct bp_meta *m)
{
	bp_buf_puts(h->out, "<footer>\n<p>");
	put_esc(h->out, m->title.plain);
	if (m->board.nruns > 0) {
		bp_buf_puts(h->out, " \xE2\x80\x93 ");
		put_esc(h->out, m->board.plain);
	}
	bp_buf_puts(h->out, "</p>\n");
	if (m->meeting_text != NULL || m->item != NULL) {
		bp_buf_puts(h->out, "<p>");
		put_facts(h, m);
		bp_buf_puts(h->out, "</p>\n");
	}
	bp_buf_puts(h->out, "</footer>\n");
}

/* Footnotes at the end of the paper, each linking back to where it was
 * first referred to. */
static void
put_notes(struct html *h, const struct bp_paper *p)
{
	if (p->nnotes == 0)
		return;
	bp_buf_printf(h->out, "<section class=\"notes\" "
	    "aria-labelledby=\"%snotes\">\n<h%d id=\"%snotes\">", h->idp,
	    2 + h->shift, h->idp);
	put_label(h, BP_LABEL_NOTES);
	bp_buf_printf(h->out, "</h%d>\n<ol>\n", 2 + h->shift);
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct bp_footnote *f = &p->notes[i];
		char num[16];
		const char *args[] = { num };
		snprintf(num, sizeof(num), "%u", f->number);
		bp_buf_printf(h->out, "<li id=\"%s%s\">\n", h->idp, f->id);
		put_blocks(h, f->child);
		bp_buf_printf(h->out, "<p><a class=\"fnback\" "
		    "href=\"#%sfnref%u\" aria-label=\"", h->idp, f->number);
		put_label_esc(h, BP_LABEL_NOTE_BACK, args, 1, true);
		bp_buf_puts(h->out, "\">\xE2\x86\xA9\xEF\xB8\x8E</a></p>\n"
		    "</li>\n");
	}
	bp_buf_puts(h->out, "</ol>\n</section>\n");
}

int
bp_render_html(const struct bp_paper *paper, const struct bp_render_opts *opts,
	struct bp_buf *out, struct bp_diags *diags)
{
	struct html h;
	const struct bp_meta *m = &paper->meta;

	(void)opts;
	(void)diags;
	memset(&h, 0, sizeof(h));
	h.out = out;
	h.paper = paper;
	h.labels = paper->labels;
	h.idp = "";
	put_head(&h, m);
	bp_buf_puts(out, "<body>\n");
	put_masthead(&h, m);
	bp_buf_puts(out, "<main>\n<h1>");
	put_runs(&h, &m->title);
	bp_buf_puts(out, "</h1>\n");
	put_cover(&h, m);
	bp_buf_puts(out, "<div class=\"body\">\n");
	put_blocks(&h, paper->body);
	put_background_papers(&h, m);
	put_notes(&h, paper);
	bp_buf_puts(out, "</div>\n</main>\n");
	put_footer(&h, m);
	bp_buf_puts(out, "</body>\n</html>\n");
	return out->failed ? -1 : 0;
}

/* --- packs ------------------------------------------------------------ */

/* What a pack adds to the style sheet: the agenda and the papers' boxes. */
static const char *const pack_css[] = {
	".agenda{list-style:none;padding:0;margin:0 0 2rem}\n",
	".agenda>li{display:grid;grid-template-columns:3rem 1fr;"
	    "gap:0 .75rem;padding:.6rem 0;border-top:1px solid var(--rule);"
	    "margin:0}\n",
	".agenda>li.excl{display:block}\n",
	".agenda .anum,.agenda .atitle{font-weight:bold}\n",
	".agenda p{margin:.2rem 0 0}\n",
	".agenda .pages{color:var(--muted);white-space:nowrap}\n",
	"article.paper{border-top:4px solid var(--accent);margin-top:3rem;"
	    "padding-top:1rem}\n",
	".itemno{font-weight:bold;color:var(--accent);margin:0}\n",
	".paper .confidential{margin:.5rem 0;padding:.3rem .6rem;"
	    "border:2px solid currentColor;display:inline-block}\n",
	"@media print{article.paper{break-before:page;border-top:0}}\n",
};

static void
put_pack_head(struct html *h, const struct bp_pack *pk)
{
	static const char *const counters[] = { "counter(page)",
		"counter(pages)" };

	bp_buf_puts(h->out, "<!DOCTYPE html>\n<html lang=\"");
	put_attr(h->out, pk->lang);
	bp_buf_puts(h->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<meta name=\"generator\" content=\"boardpaper\">\n<title>");
	put_esc(h->out, pk->board[0] ? pk->board :
	    h->labels->text[BP_LABEL_AGENDA]);
	if (pk->meeting_text != NULL) {
		bp_buf_puts(h->out, ", ");
		put_esc(h->out, pk->meeting_text);
	}
	bp_buf_puts(h->out, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof(css) / sizeof(css[0]); i++)
		bp_buf_puts(h->out, css[i]);
	for (size_t i = 0; i < sizeof(pack_css) / sizeof(pack_css[0]); i++)
		bp_buf_puts(h->out, pack_css[i]);
	bp_buf_puts(h->out, "@media print{@page{@bottom-right{content:");
	put_css_template(h, h->labels->text[BP_LABEL_PAGE_OF], counters, 2);
	bp_buf_puts(h->out, "}@top-left{content:\"");
	put_css_string(h->out, pk->board);
	bp_buf_puts(h->out, "\"}@top-right{content:\"");
	if (pk->meeting_text != NULL)
		put_css_string(h->out, pk->meeting_text);
	bp_buf_puts(h->out, "\"}}}\n</style>\n</head>\n");
}

/* The meeting date as a <time> element. */
static void
put_pack_date(struct html *h, const struct bp_pack *pk)
{
	bp_buf_printf(h->out, "<time datetime=\"%04d-%02d-%02d\">",
	    pk->meeting.year, pk->meeting.month, pk->meeting.day);
	put_esc(h->out, pk->meeting_text);
	bp_buf_puts(h->out, "</time>");
}

/* "18 June 2026 at 10:30": the template's words escaped, the date in
 * its <time> element (the template marks its place with a byte no text
 * holds). */
static void
put_when(struct html *h, const struct bp_pack *pk)
{
	const char *args[2] = { "\x01", pk->time };
	struct bp_buf when = BP_BUF_INIT;
	const char *p;

	if (pk->time == NULL) {
		put_pack_date(h, pk);
		return;
	}
	bp_label_fill(&when, h->labels->text[BP_LABEL_AT_TIME], args, 2);
	for (p = when.data;;) {
		const char *mark = strchr(p, '\x01');
		put_esc_n(h->out, p, mark ? (size_t)(mark - p) : strlen(p),
		    false);
		if (mark == NULL)
			break;
		put_pack_date(h, pk);
		p = mark + 1;
	}
	if (when.failed)
		h->out->failed = true;
	bp_buf_free(&when);
}

static void
put_pack_masthead(struct html *h, const struct bp_pack *pk)
{
	bp_buf_puts(h->out, "<header class=\"masthead\">\n<p class=\"board\">");
	put_esc(h->out, pk->board);
	bp_buf_puts(h->out, "</p>\n");
	if (pk->meeting_text != NULL) {
		bp_buf_puts(h->out, "<p class=\"facts\">");
		put_label(h, BP_LABEL_DATE_AND_TIME);
		bp_buf_puts(h->out, ": ");
		put_when(h, pk);
		bp_buf_puts(h->out, "</p>\n");
	}
	if (pk->venue != NULL) {
		bp_buf_puts(h->out, "<p class=\"facts\">");
		put_label(h, BP_LABEL_VENUE);
		bp_buf_puts(h->out, ": ");
		put_esc(h->out, pk->venue);
		bp_buf_puts(h->out, "</p>\n");
	}
	bp_buf_puts(h->out, "</header>\n");
}

static void
put_exempt_words(struct html *h, const struct bp_pack_item *it)
{
	put_esc(h->out, it->exempt_text);
}

static bool
has_pages(const struct bp_pack_item *it)
{
	return it->kind == BP_PACK_PAPER || it->kind == BP_PACK_EXEMPT;
}

static void
put_agenda_item(struct html *h, const struct bp_pack *pk,
	const struct bp_pack_item *it)
{
	if (it->first_exempt && pk->exclusion >= 0) {
		bp_buf_puts(h->out, "<li class=\"excl\"><p><strong>");
		put_label(h, BP_LABEL_EXCLUSION_HEADING);
		bp_buf_puts(h->out, "</strong></p>\n<p>");
		put_label(h, (enum bp_label)pk->exclusion);
		bp_buf_puts(h->out, "</p></li>\n");
	}
	bp_buf_puts(h->out, "<li><span class=\"anum\">");
	put_esc(h->out, it->number);
	bp_buf_puts(h->out, "</span><div>");
	if (has_pages(it)) {
		bp_buf_puts(h->out, "<a class=\"atitle\" href=\"#");
		put_attr(h->out, it->id);
		bp_buf_puts(h->out, "\">");
	} else
		bp_buf_puts(h->out, "<span class=\"atitle\">");
	put_esc(h->out, it->title);
	bp_buf_puts(h->out, has_pages(it) ? "</a>" : "</span>");
	if (it->note != NULL && it->kind != BP_PACK_EXEMPT) {
		bp_buf_puts(h->out, "\n<p>");
		put_esc(h->out, it->note);
		bp_buf_puts(h->out, "</p>");
	}
	if (it->kind == BP_PACK_TO_FOLLOW) {
		bp_buf_puts(h->out, "\n<p><em>");
		put_label(h, BP_LABEL_TO_FOLLOW);
		bp_buf_puts(h->out, "</em></p>");
	}
	if (it->exempt) {
		bp_buf_puts(h->out, "\n<p><em>");
		put_exempt_words(h, it);
		bp_buf_puts(h->out, "</em></p>");
	}
	bp_buf_puts(h->out, "</div></li>\n");
}

static void
put_agenda(struct html *h, const struct bp_pack *pk)
{
	bp_buf_puts(h->out, "<nav aria-labelledby=\"agenda\">\n<h2 "
	    "id=\"agenda\">");
	put_label(h, BP_LABEL_AGENDA);
	bp_buf_puts(h->out, "</h2>\n<ol class=\"agenda\">\n");
	for (size_t i = 0; i < pk->nitems; i++)
		put_agenda_item(h, pk, &pk->items[i]);
	bp_buf_puts(h->out, "</ol>\n</nav>\n");
}

/* One item's paper, or in a public pack the notice standing for an exempt
 * one: its ids all begin with the item's, so that they are unique. */
static void
put_article(struct html *h, const struct bp_pack_item *it)
{
	char idp[64];

	snprintf(idp, sizeof(idp), "%s-", it->id);
	bp_buf_puts(h->out, "<article class=\"paper\" id=\"");
	put_attr(h->out, it->id);
	bp_buf_puts(h->out, "\">\n<p class=\"itemno\">");
	put_esc(h->out, it->item_text);
	bp_buf_puts(h->out, "</p>\n");
	if (it->exempt) {
		bp_buf_puts(h->out, "<p class=\"confidential\"><strong>");
		put_label(h, BP_LABEL_NOT_FOR_PUBLICATION);
		bp_buf_puts(h->out, "</strong>");
		if (it->reason != NULL) {
			bp_buf_puts(h->out, " \xE2\x80\x93 ");
			put_esc(h->out, it->reason);
		}
		bp_buf_puts(h->out, "</p>\n");
	}
	bp_buf_puts(h->out, "<h2>");
	if (it->kind == BP_PACK_PAPER)
		put_runs(h, &it->paper->meta.title);
	else
		put_esc(h->out, it->title);
	bp_buf_puts(h->out, "</h2>\n");
	if (it->kind == BP_PACK_EXEMPT) {
		bp_buf_puts(h->out, "<p>");
		put_label(h, BP_LABEL_EXEMPT_NOTICE);
		bp_buf_puts(h->out, "</p>\n</article>\n");
		return;
	}
	h->paper = it->paper;
	h->labels = it->paper->labels;
	h->idp = idp;
	h->shift = 1;
	put_cover(h, &it->paper->meta);
	bp_buf_puts(h->out, "<div class=\"body\">\n");
	put_blocks(h, it->paper->body);
	put_background_papers(h, &it->paper->meta);
	bp_buf_puts(h->out, "</div>\n");
	put_notes(h, it->paper);
	bp_buf_puts(h->out, "</article>\n");
}

int
bp_render_html_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	const struct bp_pack_diags *diags)
{
	struct html h;

	(void)opts;
	(void)diags;
	memset(&h, 0, sizeof(h));
	h.out = out;
	h.labels = pack->labels;
	h.idp = "";
	put_pack_head(&h, pack);
	bp_buf_puts(out, "<body>\n");
	put_pack_masthead(&h, pack);
	bp_buf_puts(out, "<main>\n<h1>");
	put_esc(out, pack->board[0] ? pack->board :
	    pack->labels->text[BP_LABEL_AGENDA]);
	bp_buf_puts(out, "</h1>\n");
	put_agenda(&h, pack);
	for (size_t i = 0; i < pack->nitems; i++) {
		if (!has_pages(&pack->items[i]))
			continue;
		h.labels = pack->labels;
		put_article(&h, &pack->items[i]);
	}
	bp_buf_puts(out, "</main>\n</body>\n</html>\n");
	return out->failed ? -1 : 0;
}
