/* The .txt reader: the text Word saves, one paragraph a line, into the
 * neutral paragraph list. */
#include <stdint.h>
#include <string.h>

#include "import.h"

/* Windows-1252's 0x80-0x9F, which Word's "Windows (default)" text uses;
 * 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static void
put_utf8(struct bp_buf *b, uint32_t c)
{
	char s[4];

	if (c < 0x80) {
		bp_buf_putc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		s[0] = (char)(0xC0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3F));
		bp_buf_put(b, s, 2);
	} else if (c < 0x10000) {
		s[0] = (char)(0xE0 | c >> 12);
		s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		bp_buf_put(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | c >> 18);
		s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[3] = (char)(0x80 | (c & 0x3F));
		bp_buf_put(b, s, 4);
	}
}

static bool
valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 :
		    (c & 0xF0) == 0xE0 ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;

		if (n == 0 || len - i < n)
			return false;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

/* Word saves text as UTF-8 (with or without a byte-order mark), as UTF-16
 * with one, or in Windows-1252: all become UTF-8 here. */
static void
to_utf8(const unsigned char *s, size_t len, struct bp_buf *out)
{
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		bp_buf_put(out, s + 3, len - 3);
		return;
	}
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	    (s[0] == 0xFE && s[1] == 0xFF))) {
		bool le = s[0] == 0xFF;
		for (size_t i = 2; i + 1 < len; i += 2) {
			uint32_t c = le ? (uint32_t)(s[i] | s[i + 1] << 8) :
			    (uint32_t)(s[i] << 8 | s[i + 1]);
			if (c >= 0xD800 && c < 0xDC00 && i + 3 < len) {
				uint32_t lo = le ? (uint32_t)(s[i + 2] |
				    s[i + 3] << 8) : (uint32_t)(s[i + 2] << 8 |
				    s[i + 3]);
				if (lo >= 0xDC00 && lo < 0xE000) {
					c = 0x10000 + ((c - 0xD800) << 10) +
					    (lo - 0xDC00);
					i += 2;
				} else
					c = 0xFFFD;
			} else if (c >= 0xD800 && c < 0xE000)
				c = 0xFFFD;
			put_utf8(out, c);
		}
		return;
	}
	if (valid_utf8(s, len)) {
		bp_buf_put(out, s, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		uint32_t c = s[i];
		if (c >= 0x80 && c < 0xA0)
			c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] :
			    0xFFFD;
		put_utf8(out, c);
	}
}

static void
add_line(struct bp_imp_doc *doc, const char *s, size_t len, unsigned line)
{
	struct bp_imp_para *p;
	size_t indent = 0, bullet;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\f'))
		len--;
	while (indent < len && (s[indent] == '\t' || s[indent] == ' '))
		indent++;
	if (indent == len)
		return; /* a blank line only separates */
	p = bp_imp_para_add(doc, &doc->paras, &doc->nparas, &doc->cap);
	p->line = line;
	bullet = bp_imp_bullet_prefix(s + indent, len - indent);
	if (bullet > 0) {
		p->num_fmt = BP_IMP_NUM_BULLET;
		/* Word indents each level by a tab */
		p->num_level = 0;
		for (size_t i = 0; i < indent; i++)
			p->num_level += s[i] == '\t' ? 1 : 0;
		if (p->num_level > 8)
			p->num_level = 8;
		indent += bullet;
		while (indent < len && (s[indent] == '\t' ||
		    s[indent] == ' '))
			indent++;
	}
	/* a line indented by a tab is a quotation */
	if (bullet == 0 && s[0] == '\t')
		p->style = "Quote";
	bp_imp_run_add(doc, p, s + indent, len - indent, 0);
}

int
bp_imp_read_text(struct bp_imp_doc *doc, const char *data, size_t len,
	struct bp_diags *d)
{
	struct bp_buf text = BP_BUF_INIT;
	const char *s, *end;
	unsigned line = 1;
	int rc = -1;

	doc->from_text = true;
	to_utf8((const unsigned char *)data, len, &text);
	if (text.failed) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_MEMORY);
		goto out;
	}
	if (memchr(text.data, '\0', text.len) != NULL) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_NUL,
		    (size_t)((char *)memchr(text.data, '\0', text.len) -
		    text.data));
		goto out;
	}
	s = text.data;
	end = text.data + text.len;
	while (s < end) {
		const char *e = s;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		if (doc->nparas >= BP_IMP_MAX_PARAS) {
			bp_diag(d, (struct bp_pos){ line, 1 },
			    BP_E_IMPORT_LIMIT, "paragraphs",
			    (size_t)BP_IMP_MAX_PARAS);
			goto out;
		}
		add_line(doc, s, (size_t)(e - s), line);
		if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
			e++;
		s = e + 1;
		line++;
	}
	rc = 0;
out:
	bp_buf_free(&text);
	return rc;
}
