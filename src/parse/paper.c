/* A paper from bytes: the input checks, the front-matter split, then the
 * parsers and the resolve pass in order. */
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "boardpaper/style.h"
#include "file.h"
#include "internal.h"

const char *const bp_block_type_names[BP_BLOCK__MAX] = {
	[BP_BLOCK_SECTION] = "section",
	[BP_BLOCK_HEADING] = "heading",
	[BP_BLOCK_PARA] = "paragraph",
	[BP_BLOCK_LIST] = "list",
	[BP_BLOCK_ITEM] = "item",
	[BP_BLOCK_QUOTE] = "quote",
	[BP_BLOCK_CODE] = "code",
	[BP_BLOCK_TABLE] = "table",
	[BP_BLOCK_RULE] = "rule",
	[BP_BLOCK_FIGURE] = "figure",
};

struct bp_paper *
bp_paper_new(const char *path, const struct bp_house_style *style)
{
	struct bp_arena *arena = bp_arena_new();
	struct bp_paper *paper = bp_arena_alloc(arena, sizeof(*paper));

	if (style == NULL)
		style = bp_style_default();
	paper->arena = arena;
	paper->path = bp_arena_strdup(arena, path);
	paper->style = style;
	/* the paper's own keys override these */
	paper->meta.lang = style->lang;
	paper->meta.numbering = style->numbering;
	return paper;
}

struct bp_pos
bp_run_pos(const struct bp_run *r, size_t off)
{
	struct bp_pos pos = r->pos;
	const char *at = r->text;
	const char *p = r->text + off;

	if (pos.line == 0)
		return pos;
	/* steps before the text's start are a cut label's: pos is past them */
	for (size_t i = 0; i < r->nsteps && r->steps[i].at <= p; i++) {
		if (r->steps[i].at < r->text)
			continue;
		at = r->steps[i].at;
		pos.col = r->steps[i].col;
	}
	pos.col += (uint32_t)(p - at);
	return pos;
}

void
bp_paper_free(struct bp_paper *paper)
{
	if (paper != NULL)
		bp_arena_free(paper->arena);
}

/* The line and column of byte `off`, for encoding errors. */
static struct bp_pos
position_of(const char *data, size_t off)
{
	struct bp_pos pos = { 1, 1 };

	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			pos.line++;
			pos.col = 1;
		} else
			pos.col++;
	}
	return pos;
}

size_t
bp_find_bad_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			i += bp_ascii_len((const char *)s + i, len - i);
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else
			return i;
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

/* A paper is nearly all printable ASCII, and the UTF-8, control and NFC
 * checks each walk all of it: they skip it eight bytes at a time
 * (bp_printable_len), stepping over the tabs and line ends between. */
static size_t
plain_ascii_len(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		i += bp_printable_len(s + i, len - i);
		if (i == len || (s[i] != '\n' && s[i] != '\t' && s[i] != '\r'))
			return i;
		i++;
	}
}

size_t
bp_find_control(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < len; i++) {
		i += plain_ascii_len(str + i, len - i);
		if (i == len)
			break;
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r') || s[i] == 0x7F) {
			*cp = s[i];
			return i;
		}
		if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9F) {
			*cp = s[i + 1];
			return i;
		}
	}
	return len;
}

/* Reports every control character of valid UTF-8 text (SPEC section 1),
 * with its line and column; false when there was one. */
static bool
check_controls(const char *data, size_t len, struct bp_diags *d)
{
	struct bp_pos pos = { 1, 1 };
	size_t done = 0, at;
	uint32_t cp;
	bool clean = true;

	while ((at = bp_find_control(data + done, len - done, &cp)) <
	    len - done) {
		/* columns are characters, as the author counts them */
		for (size_t i = done; i < done + at; i++) {
			if (data[i] == '\n') {
				pos.line++;
				pos.col = 1;
			} else if (((unsigned char)data[i] & 0xC0) != 0x80)
				pos.col++;
		}
		bp_diag(d, pos, BP_E_CONTROL, (unsigned)cp);
		clean = false;
		done += at + (cp >= 0x80 ? 2 : 1);
		pos.col++;
	}
	return clean;
}

/* Warns of each noncharacter (bp_is_noncharacter): Unicode allows them in
 * a file, so they are no error, but they are no text either, and every
 * output shows something else for them.  Columns are bytes of `data`,
 * which the column map turns into the author's characters. */
static void
warn_noncharacters(const char *data, size_t len, struct bp_diags *d)
{
	struct bp_pos pos = { 1, 1 };
	size_t counted = 0, line_start = 0, n;

	for (size_t i = 0; i < len; i += n) {
		uint32_t cp;
		if ((i += plain_ascii_len(data + i, len - i)) >= len)
			break;
		cp = bp_utf8_decode(data + i, len - i, &n);
		if (!bp_is_noncharacter(cp))
			continue;
		/* lines are counted only up to what is reported */
		for (; counted < i; counted++)
			if (data[counted] == '\n') {
				pos.line++;
				line_start = counted + 1;
			}
		pos.col = (uint32_t)(i - line_start + 1);
		bp_diag(d, pos, BP_W_NONCHARACTER, (unsigned)cp);
	}
}

/* Checks the bytes as text (control characters aside); false (with a
 * diagnostic) if they are not. */
static bool
check_text(const char *data, size_t len, struct bp_diags *d)
{
	const char *nul;
	size_t bad;

	if (len == 0) {
		bp_diag(d, (struct bp_pos){ 1, 1 }, BP_E_EMPTY);
		return false;
	}
	if (len > BP_MAX_INPUT) {
		bp_file_report_too_large(d, BP_MAX_INPUT);
		return false;
	}
	if ((nul = memchr(data, '\0', len)) != NULL) {
		size_t off = (size_t)(nul - data);
		bp_diag(d, position_of(data, off), BP_E_NUL, off);
		return false;
	}
	bad = bp_find_bad_utf8((const unsigned char *)data, len);
	if (bad < len) {
		bp_diag(d, position_of(data, bad), BP_E_UTF8, bad);
		return false;
	}
	return true;
}

/* Is the line at s (up to the end or a newline) exactly "---"? Trailing
 * spaces and a CR are allowed. Sets *next to the start of the next line. */
static bool
is_fence(const char *s, const char *end, const char **next)
{
	const char *eol = memchr(s, '\n', (size_t)(end - s));
	const char *p;

	if (eol == NULL)
		eol = end;
	*next = eol < end ? eol + 1 : end;
	if (eol - s < 3 || memcmp(s, "---", 3) != 0)
		return false;
	for (p = s + 3; p < eol; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

struct split {
	const char *yaml;
	size_t yaml_len;
	const char *body;
	size_t body_len;
	unsigned body_line; /* the body's first line in the file */
};

static bool
split_front_matter(const char *data, size_t len, struct split *sp,
	struct bp_diags *d)
{
	const char *end = data + len, *p, *next;
	unsigned line = 2;
	struct bp_pos top = { 1, 1 };

	if (!is_fence(data, end, &next)) {
		bp_diag(d, top, BP_E_NO_FRONT_MATTER);
		return false;
	}
	sp->yaml = next;
	for (p = next; p < end; p = next, line++) {
		if (is_fence(p, end, &next)) {
			sp->yaml_len = (size_t)(p - sp->yaml);
			sp->body = next;
			sp->body_len = (size_t)(end - next);
			sp->body_line = line + 1;
			return true;
		}
	}
	bp_diag(d, top, BP_E_FRONT_MATTER_UNCLOSED);
	return false;
}

bool
bp_paper_opens_with_fence(const char *data, size_t len)
{
	const char *next;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	return is_fence(data, data + len, &next);
}

bool
bp_paper_has_front_matter(const char *data, size_t len)
{
	const char *end = data + len, *p, *next;

	if (!is_fence(data, end, &next))
		return false;
	for (p = next; p < end; p = next)
		if (is_fence(p, end, &next))
			return true;
	return false;
}

struct bp_paper *
bp_paper_parse(const char *path, const char *dir, const char *data,
	size_t len, struct bp_diags *d)
{
	return bp_paper_parse_styled(path, dir, data, len, NULL, d);
}

/* The text with each raw control character replaced by a letter: one
 * character for one, so every column stays, and no Markdown or YAML
 * meaning (to cmark a control character is a letter too). */
static char *
controls_as_letters(const char *data, size_t len)
{
	char *copy = bp_xmalloc(len);
	size_t done = 0, at;
	uint32_t cp;

	memcpy(copy, data, len);
	while ((at = bp_find_control(copy + done, len - done, &cp)) <
	    len - done) {
		done += at;
		if (cp >= 0x80) {
			/* a C1 control's two bytes: U+00DE, two bytes too */
			copy[done++] = (char)0xC3;
			copy[done++] = (char)0x9E;
		} else
			copy[done++] = 'Z';
	}
	return copy;
}

/* A raw control character stops the paper before it is parsed, but the
 * ones written as escapes ("&#27;", "\e") are only found by parsing: a
 * copy without the raw ones is parsed for them, and only they are kept. */
static void
report_escaped_controls(const char *path, const char *dir, const char *data,
	size_t len, const struct bp_house_style *style, struct bp_diags *d)
{
	char *copy = controls_as_letters(data, len);
	struct bp_diags escapes;

	bp_diags_init(&escapes, d->file);
	bp_paper_free(bp_paper_parse_styled(path, dir, copy, len, style,
	    &escapes));
	bp_diags_take(d, &escapes, BP_E_CONTROL_ESCAPE);
	bp_diags_free(&escapes);
	free(copy);
}

struct bp_paper *
bp_paper_parse_styled(const char *path, const char *dir, const char *data,
	size_t len, const struct bp_house_style *style, struct bp_diags *d)
{
	struct bp_paper *paper = NULL;
	struct split sp;
	size_t nfc_len = 0;
	char *nfc;
	const char *src = data;
	size_t src_len = len;
	struct bp_colmap *columns;

	if (!check_text(data, len, d))
		return NULL;
	if (!check_controls(data, len, d)) {
		report_escaped_controls(path, dir, data, len, style, d);
		return NULL;
	}
	/* Normalised once, here, so that every string of the body and the
	 * front matter is NFC.  Positions count bytes of the normalised
	 * text; the diagnostics turn them into the author's characters. */
	if ((nfc = bp_nfc(data, len, &nfc_len)) != NULL) {
		data = nfc;
		len = nfc_len;
	}
	/* A byte-order mark is harmless: skip it. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
		src += 3;
		src_len -= 3;
	}
	columns = bp_colmap_of(src, src_len, nfc ? data : src, len);
	bp_diags_set_columns(d, columns);
	warn_noncharacters(data, len, d);
	if (!split_front_matter(data, len, &sp, d))
		goto out;
	paper = bp_paper_new(path, style);
	bp_frontmatter_parse(paper, sp.yaml, sp.yaml_len, 2, d);
	paper->labels = bp_style_labels(paper->style, paper->meta.lang,
	    paper->arena);
	bp_markdown_parse(paper, sp.body, sp.body_len, sp.body_line, dir, d);
	bp_resolve(paper, d);
	bp_style_check(paper, d);
out:
	/* the back-ends' diagnostics need columns after the text is gone */
	bp_colmap_keep(columns);
	free(nfc); /* the model holds copies of everything it needs */
	return paper;
}
