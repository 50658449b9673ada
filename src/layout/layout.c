/* Line breaking over inline runs, with widths from the device's measure
 * callback, and pagination of the resulting boxes: the one layout engine
 * for text and PDF output. */
#include <stdlib.h>
#include <string.h>

#include "boardpaper/layout.h"
#include "internal.h"

size_t
bp_utf8_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	if (c >= 0x80 && c < 0xC0)
		n = 1;
	return n <= avail ? n : avail;
}

/* Eight bytes at a time: text is nearly all ASCII, and the UTF-8, NFC,
 * right-to-left and column checks each walk all of it. */
size_t
bp_ascii_len(const char *s, size_t len)
{
	size_t i = 0;

	while (len - i >= 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if ((w & 0x8080808080808080u) != 0)
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

uint32_t
bp_utf8_decode(const char *s, size_t avail, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	*n = bp_utf8_len(s, avail);
	switch (*n) {
	case 2:
		cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
		break;
	case 3:
		cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
		    (u[2] & 0x3F);
		break;
	case 4:
		cp = (uint32_t)(u[0] & 0x07) << 18 |
		    (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
		    (u[3] & 0x3F);
		break;
	default:
		cp = u[0];
		break;
	}
	return cp;
}

size_t
bp_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void
bp_lines_init(struct bp_lines *l)
{
	memset(l, 0, sizeof(*l));
}

void
bp_lines_reset(struct bp_lines *l)
{
	l->nfrags = 0;
	l->nlines = 0;
}

void
bp_lines_free(struct bp_lines *l)
{
	if (l == NULL)
		return;
	free(l->frags);
	free(l->lines);
	bp_lines_init(l);
}

bool
bp_is_invisible(uint32_t cp)
{
	return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) ||
	    cp == 0x2060 || cp == 0xFEFF;
}

bool
bp_is_rtl(uint32_t cp)
{
	/* Arabic Presentation Forms-A holds the noncharacters U+FDD0-U+FDEF */
	return ((cp >= 0x0590 && cp <= 0x08FF) ||
	    (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE)) &&
	    !bp_is_noncharacter(cp);
}

bool
bp_is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    ((cp & 0xFFFE) == 0xFFFE && cp <= 0x10FFFF);
}

/* A piece of a word: words may span runs ("**bold**,"), and a run's text
 * is cut where a character prints otherwise than it is written. */
struct piece {
	const struct bp_run *run;
	size_t off, len;   /* source bytes in run->text */
	const char *text;  /* what prints */
	size_t tlen;
	double width;
	bool soft;         /* a soft hyphen stands before this piece */
};

struct breaker {
	const struct bp_measure *m;
	struct bp_lines *out;
	double first_width, width;
	size_t base;         /* lines in `out` before this call */
	double x;            /* where the next fragment goes */
	bool line_open;      /* the current line has a fragment or was forced */
	struct piece *word;  /* the word being gathered */
	size_t nword, word_cap;
	bool soft_next;      /* a soft hyphen was just seen */
	const struct bp_run *space_run; /* the space before the word, if any */
	size_t space_off;
	const struct bp_run *spaced; /* the run whose space is measured: */
	double space_width;  /* its width, asked once, not at every word */
	/* the device's ASCII widths (bp_measure.ascii) for the style last
	 * measured, asked once per style, not at every word */
	bool table_asked;
	unsigned table_style;
	const int *table;    /* NULL: the device has none for it */
	double table_size, table_per_em;
};

static double
avail(const struct breaker *b)
{
	size_t n = b->out->nlines - b->base;

	return n == 0 || (n == 1 && b->line_open) ? b->first_width : b->width;
}

static struct bp_line *
open_line(struct breaker *b)
{
	struct bp_lines *l = b->out;

	if (l->nlines == l->lines_cap) {
		l->lines_cap = l->lines_cap ? l->lines_cap * 2 : 16;
		l->lines = bp_xreallocarray(l->lines,
		    l->lines_cap, sizeof(*l->lines));
	}
	l->lines[l->nlines].first = (uint32_t)l->nfrags;
	l->lines[l->nlines].nfrags = 0;
	l->lines[l->nlines].width = 0;
	l->nlines++;
	b->line_open = true;
	b->x = 0;
	return &l->lines[l->nlines - 1];
}

static inline struct bp_line *
current_line(struct breaker *b)
{
	if (b->line_open)
		return &b->out->lines[b->out->nlines - 1];
	return open_line(b);
}

static void
end_line(struct breaker *b)
{
	b->line_open = false;
	b->x = 0;
}

/* Places text of a run at the current x, joining the previous fragment
 * when it continues it. */
static void
place_any(struct breaker *b, const struct bp_run *run, size_t off,
	const char *text, size_t len, double width)
{
	struct bp_line *line = current_line(b);
	struct bp_lines *l = b->out;
	struct bp_frag *f = line->nfrags ? &l->frags[l->nfrags - 1] : NULL;

	if (len == 0)
		return;
	if (f != NULL && f->run == run && f->text + f->len == text) {
		f->len += len;
		f->width += width;
	} else {
		if (l->nfrags == l->frags_cap) {
			l->frags_cap = l->frags_cap ? l->frags_cap * 2 : 32;
			l->frags = bp_xreallocarray(l->frags,
			    l->frags_cap, sizeof(*l->frags));
		}
		f = &l->frags[l->nfrags++];
		f->run = run;
		f->off = (uint32_t)off;
		f->text = text;
		f->len = (uint32_t)len;
		f->x = b->x;
		f->width = width;
		line->nfrags++;
	}
	b->x += width;
	line->width = b->x;
}

/* place_any, with the common case first: the text continues the last
 * fragment of the open line. */
static inline void
place(struct breaker *b, const struct bp_run *run, size_t off,
	const char *text, size_t len, double width)
{
	struct bp_lines *l = b->out;

	if (b->line_open && len > 0 && l->lines[l->nlines - 1].nfrags > 0) {
		struct bp_line *line = &l->lines[l->nlines - 1];
		struct bp_frag *f = &l->frags[l->nfrags - 1];
		if (f->run == run && f->text + f->len == text) {
			f->len += (uint32_t)len;
			f->width += width;
			b->x += width;
			line->width = b->x;
			return;
		}
	}
	place_any(b, run, off, text, len, width);
}

static void
place_piece(struct breaker *b, const struct piece *p)
{
	place(b, p->run, p->off, p->text, p->tlen, p->width);
}

/* The width of `len` bytes of ASCII from the device's table, or -1 when
 * the table lacks one of them (or a byte is not ASCII). */
static double
table_width(const struct breaker *b, const char *s, size_t len)
{
	const int *t = b->table;
	long units = 0;
	int unknown = 0; /* negative once an entry is -1 */

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return -1;
		unknown |= t[c];
		units += t[c];
	}
	if (unknown < 0)
		return -1;
	return (double)units * b->table_size / b->table_per_em;
}

static unsigned
measure_style(const struct bp_run *run)
{
	return run->style | (run->type == BP_RUN_NOTE ? BP_MEASURE_NOTE : 0u);
}

static void
ask_table(struct breaker *b, unsigned style)
{
	b->table = b->m->ascii(b->m->ctx, style, &b->table_size,
	    &b->table_per_em);
	b->table_style = style;
	b->table_asked = true;
}

/* Whether the device has an ASCII table for the run's style (then in
 * b->table). */
static inline bool
table_for(struct breaker *b, const struct bp_run *run)
{
	unsigned style;

	if (b->m->ascii == NULL)
		return false;
	style = measure_style(run);
	if (!b->table_asked || b->table_style != style)
		ask_table(b, style);
	return b->table != NULL;
}

static double
measure(struct breaker *b, const struct bp_run *run, const char *s,
	size_t len)
{
	double w;

	if (len == 0)
		return 0;
	if (table_for(b, run) && (w = table_width(b, s, len)) >= 0)
		return w;
	return b->m->width(b->m->ctx, measure_style(run), s, len);
}

static void
add_piece_measured(struct breaker *b, const struct bp_run *run, size_t off,
	const char *text, size_t tlen, size_t len, double width)
{
	struct piece *p;

	if (b->nword == b->word_cap) {
		b->word_cap = b->word_cap ? b->word_cap * 2 : 8;
		b->word = bp_xreallocarray(b->word, b->word_cap,
		    sizeof(*b->word));
	}
	p = &b->word[b->nword++];
	p->run = run;
	p->off = off;
	p->len = len;
	p->text = text;
	p->tlen = tlen;
	p->width = width;
	p->soft = b->soft_next;
	b->soft_next = false;
}

static void
add_piece(struct breaker *b, const struct bp_run *run, size_t off,
	const char *text, size_t tlen, size_t len)
{
	add_piece_measured(b, run, off, text, tlen, len,
	    measure(b, run, text, tlen));
}

/* The code point at s when it is one the breaker treats specially (soft
 * hyphen, zero-width, U+2011), else 0; *n receives its length.  All of
 * them are three bytes from 0xE2 or 0xEF, or the two of U+00AD. */
static uint32_t
special_at(const char *s, size_t avail_bytes, size_t *n)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;

	if (c != 0xC2 && c != 0xE2 && c != 0xEF)
		return 0;
	cp = bp_utf8_decode(s, avail_bytes, n);
	return bp_is_invisible(cp) || cp == 0x2011 ? cp : 0;
}

/* Adds the bytes of a word within one run, cut at special characters. */
static void
add_word_bytes(struct breaker *b, const struct bp_run *run, size_t i,
	size_t end)
{
	size_t start = i, n;

	while (i < end) {
		uint32_t cp;
		/* the special characters are none of them ASCII */
		if ((i += bp_ascii_len(run->text + i, end - i)) == end)
			break;
		if ((cp = special_at(run->text + i, end - i, &n)) == 0) {
			i++;
			continue;
		}
		if (i > start)
			add_piece(b, run, start, run->text + start, i - start,
			    i - start);
		if (cp == 0x2011)
			add_piece(b, run, i, "-", 1, n);
		else if (cp == 0x00AD)
			b->soft_next = true;
		i += n;
		start = i;
	}
	if (end > start)
		add_piece(b, run, start, run->text + start, end - start,
		    end - start);
}

static double
pieces_width(const struct breaker *b, size_t from, size_t to)
{
	double w = 0;

	for (size_t i = from; i < to; i++)
		w += b->word[i].width;
	return w;
}

/* The last soft hyphen in word[from..] after which the line can end with
 * the words before it and a hyphen inside `room`; 0 when there is none. */
static size_t
soft_break(struct breaker *b, size_t from, double room)
{
	double w = 0;
	size_t best = 0;

	for (size_t i = from; i < b->nword; i++) {
		const struct piece *p = &b->word[i];
		if (p->soft && i > from && w + measure(b, b->word[i - 1].run,
		    "-", 1) <= room)
			best = i;
		w += p->width;
		if (w > room)
			break;
	}
	return best;
}

/* Ends the line at the soft hyphen before word[j], with a hyphen. */
static void
break_at_soft(struct breaker *b, size_t from, size_t j)
{
	const struct piece *last = &b->word[j - 1];

	for (size_t i = from; i < j; i++)
		place_piece(b, &b->word[i]);
	place(b, last->run, last->off + last->len, "-", 1,
	    measure(b, last->run, "-", 1));
	end_line(b);
}

/* Whether the word is a URL or an e-mail address: a link that shows its
 * own address, or text that reads like one ("://", "@", or a leading
 * "www." as the autolink extension takes it, whose link's URL is not its
 * text, as "http://" comes first). */
static bool
is_address(const struct breaker *b)
{
	if (b->nword > 0 && b->word[0].tlen > 4 &&
	    memcmp(b->word[0].text, "www.", 4) == 0)
		return true;
	for (size_t i = 0; i < b->nword; i++) {
		const struct piece *p = &b->word[i];
		const struct bp_link *l = p->run->link;
		if (l != NULL && l->type == BP_LINK_URL && l->text_is_url)
			return true;
		for (size_t k = 0; k < p->tlen; k++)
			if (p->text[k] == '@' || (p->text[k] == ':' &&
			    k + 2 < p->tlen && p->text[k + 1] == '/' &&
			    p->text[k + 2] == '/'))
				return true;
	}
	return false;
}

/* Where an address may break: after '/' (not inside "//") or before '.',
 * '-', '?', '&' or '='; `prev` and `c` are the bytes either side. */
static bool
address_break(char prev, char c)
{
	if (prev == '/')
		return c != '/';
	return c == '.' || c == '-' || c == '?' || c == '&' || c == '=';
}

/* A word wider than the whole line: cut into stretches that each fit,
 * at the address break points for an address, else between characters.
 * A stretch between two break points that is itself too wide is cut
 * between characters. */
static void
place_split(struct breaker *b, size_t from, bool address)
{
	char prev = '\0';

	for (size_t i = from; i < b->nword; i++) {
		const struct piece *p = &b->word[i];
		size_t k = 0;
		while (k < p->tlen) {
			size_t end = k, n;
			double w;
			/* one character, or for an address the stretch up to
			 * its next break point */
			do {
				n = bp_utf8_len(p->text + end, p->tlen - end);
				prev = p->text[end + n - 1];
				end += n;
			} while (address && end < p->tlen &&
			    !address_break(prev, p->text[end]));
			w = measure(b, p->run, p->text + k, end - k);
			if (b->line_open && b->x > 0 && b->x + w > avail(b))
				end_line(b);
			if (w > avail(b) && end - k > bp_utf8_len(p->text + k,
			    p->tlen - k)) {
				/* too wide even alone: characters */
				end = k + bp_utf8_len(p->text + k, p->tlen - k);
				w = measure(b, p->run, p->text + k, end - k);
				if (b->line_open && b->x > 0 &&
				    b->x + w > avail(b))
					end_line(b);
			}
			place(b, p->run, p->off + k, p->text + k, end - k, w);
			k = end;
		}
	}
}

/* Places word[from..] from the current position, at the start of a line
 * when it does not fit after what the line holds. */
static void
place_rest(struct breaker *b, size_t from)
{
	for (;;) {
		double room = avail(b) - b->x;
		size_t j;
		if (pieces_width(b, from, b->nword) <= room) {
			for (size_t i = from; i < b->nword; i++)
				place_piece(b, &b->word[i]);
			return;
		}
		if ((j = soft_break(b, from, room)) > 0) {
			break_at_soft(b, from, j);
			from = j;
			continue;
		}
		if (b->line_open && b->x > 0) {
			end_line(b);
			continue;
		}
		break; /* alone wider than a whole line */
	}
	if (b->m->keep_words) {
		for (size_t i = from; i < b->nword; i++)
			place_piece(b, &b->word[i]);
		return;
	}
	place_split(b, from, is_address(b));
}

/* The width of the space before the next word, measured once per run. */
static double
space_width(struct breaker *b)
{
	if (b->spaced != b->space_run) {
		b->spaced = b->space_run;
		b->space_width = measure(b, b->space_run, " ", 1);
	}
	return b->space_width;
}

static void
flush_word(struct breaker *b)
{
	double total, space = 0;

	if (b->nword == 0)
		return;
	total = pieces_width(b, 0, b->nword);
	if (b->line_open && b->x > 0 && b->space_run != NULL)
		space = space_width(b);
	if (b->line_open && b->x > 0) {
		double room = avail(b) - b->x - space;
		size_t j = total <= room ? 0 : soft_break(b, 0, room);
		if (total <= room || j > 0) {
			if (b->space_run != NULL)
				place(b, b->space_run, b->space_off,
				    b->space_run->text + b->space_off, 1,
				    space);
			if (j > 0)
				break_at_soft(b, 0, j);
			place_rest(b, j);
			goto done;
		}
		end_line(b);
	}
	place_rest(b, 0);
done:
	b->nword = 0;
	b->soft_next = false;
	b->space_run = NULL;
}

/* The common case, taken without gathering pieces: the word at
 * run->text[i .. end), all of it ASCII (so one piece) and all of the word
 * (a space follows it), goes after a space on a line that has room for
 * both.  The same steps as flush_word's in that case, and the
 * same arithmetic, so the lines are the same.  False when the word is not
 * such a word (nothing is done then). */
static bool
place_plain_word(struct breaker *b, const struct bp_run *run, size_t i,
	size_t end)
{
	double w, space;

	if (b->nword > 0 || !b->line_open || !(b->x > 0) ||
	    b->space_run == NULL || b->m->general_words)
		return false;
	/* the table's sum fails on a byte that is not ASCII */
	if (!table_for(b, run) || (w = table_width(b, run->text + i,
	    end - i)) < 0) {
		if (bp_ascii_len(run->text + i, end - i) != end - i)
			return false;
		w = measure(b, run, run->text + i, end - i);
	}
	space = space_width(b);
	if (!(w <= avail(b) - b->x - space)) {
		/* the general way, with the word measured */
		add_piece_measured(b, run, i, run->text + i, end - i, end - i,
		    w);
		flush_word(b);
		return true;
	}
	place(b, b->space_run, b->space_off, b->space_run->text +
	    b->space_off, 1, space);
	if (w <= avail(b) - b->x)
		place(b, run, i, run->text + i, end - i, w);
	else {
		add_piece_measured(b, run, i, run->text + i, end - i, end - i,
		    w);
		place_rest(b, 0);
		b->nword = 0;
	}
	b->soft_next = false;
	b->space_run = NULL;
	return true;
}

/* Splits one run at its spaces into word pieces. */
static void
feed_run(struct breaker *b, const struct bp_run *run)
{
	size_t i = 0;

	while (i < run->len) {
		const char *sp = memchr(run->text + i, ' ', run->len - i);
		size_t end = sp ? (size_t)(sp - run->text) : run->len;
		if (sp != NULL && end > i && place_plain_word(b, run, i, end)) {
			b->space_run = run;
			b->space_off = end;
			i = end + 1;
			continue;
		}
		if (end > i)
			add_word_bytes(b, run, i, end);
		if (sp == NULL)
			break;
		flush_word(b);
		b->space_run = run;
		b->space_off = end;
		i = end + 1;
	}
}

void
bp_break_lines(const struct bp_measure *m, const struct bp_run *runs,
	size_t nruns, double first_width, double width, struct bp_lines *out)
{
	struct breaker b;

	memset(&b, 0, sizeof(b));
	b.m = m;
	b.out = out;
	b.base = out->nlines;
	b.first_width = first_width;
	b.width = width;
	for (size_t i = 0; i < nruns; i++) {
		if (runs[i].type == BP_RUN_BREAK) {
			flush_word(&b);
			current_line(&b);
			end_line(&b);
			continue;
		}
		feed_run(&b, &runs[i]);
	}
	flush_word(&b);
	free(b.word);
}

/* --- tables: one column fitting for every device --- */

static double
widest(const struct bp_lines *l)
{
	double w = 0;

	for (size_t i = 0; i < l->nlines; i++)
		w = l->lines[i].width > w ? l->lines[i].width : w;
	return w;
}

struct bp_extent
bp_text_extent(const struct bp_measure *m, const struct bp_run *runs,
	size_t nruns)
{
	struct bp_measure whole = *m;
	struct bp_lines l;
	struct bp_extent e;

	/* one line as wide as it takes; then a line per word, none split */
	whole.keep_words = true;
	bp_lines_init(&l);
	bp_break_lines(&whole, runs, nruns, 1e12, 1e12, &l);
	e.natural = widest(&l);
	bp_lines_reset(&l);
	bp_break_lines(&whole, runs, nruns, 0, 0, &l);
	e.word = widest(&l);
	bp_lines_free(&l);
	return e;
}

/* The columns' total when each is held to `cap` (but not below its word,
 * when `floor` is set). */
static double
capped_sum(const struct bp_extent *cols, size_t n, double cap, bool floor,
	double *out)
{
	double sum = 0;

	for (size_t c = 0; c < n; c++) {
		double w = cols[c].natural < cap ? cols[c].natural : cap;
		if (floor && w < cols[c].word)
			w = cols[c].word;
		if (out != NULL)
			out[c] = w;
		sum += w;
	}
	return sum;
}

bool
bp_table_columns(const struct bp_extent *cols, size_t ncols, double avail,
	double *out)
{
	double words = 0, lo = 0, hi = 0;
	bool fits;

	for (size_t c = 0; c < ncols; c++) {
		words += cols[c].word;
		hi = cols[c].natural > hi ? cols[c].natural : hi;
	}
	fits = words <= avail;
	if (capped_sum(cols, ncols, hi, fits, out) <= avail)
		return true;
	/* bisect the cap on the widest columns */
	for (int i = 0; i < 50; i++) {
		double mid = (lo + hi) / 2;
		if (capped_sum(cols, ncols, mid, fits, NULL) <= avail)
			lo = mid;
		else
			hi = mid;
	}
	capped_sum(cols, ncols, lo, fits, out);
	return fits;
}

/* --- pagination: a vertical list of boxes cut into pages --- */

/* A stretch of one footnote's boxes: from .. to - 1. */
struct foot_seg {
	size_t note;     /* index into bp_feet.notes */
	size_t from, to; /* box indices */
};

/* What the page's foot held before a box was reached, to go back to when
 * the page is cut before that box. */
struct foot_mark {
	size_t nsegs, npending;
	double foot;
	bool closed;
};

struct paginator {
	const struct bp_vbox *boxes;
	size_t n;
	const struct bp_feet *feet; /* NULL: no footnotes */
	struct bp_pages *out;
	double height;     /* of a page's body area */
	size_t page_first; /* first box (not a repeat) on the current page */
	size_t on_page;    /* boxes on the current page, repeats excluded */
	double y;          /* where the next box's space starts */
	/* the current page's foot */
	struct foot_seg *segs;
	size_t nsegs, segs_cap;
	double foot;       /* its height: the rule and the notes; 0: none */
	size_t ncarried;   /* segs from notes begun on an earlier page */
	size_t placed0;    /* the page's first entry in out->placed */
	bool closed;       /* a note goes on over the page: no more notes */
	/* notes (from a box on) still to place, at the next pages' feet */
	struct foot_seg *pending;
	size_t pending0, npending, pending_cap;
	struct foot_mark *marks; /* per box, when there are feet */
};

static void
put_at(struct paginator *p, size_t box, double y)
{
	struct bp_pages *o = p->out;

	if (o->nplaced == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->placed = bp_xreallocarray(o->placed, o->cap,
		    sizeof(*o->placed));
	}
	o->placed[o->nplaced].box = (uint32_t)box;
	o->placed[o->nplaced].page = (uint32_t)(o->npages - 1);
	o->placed[o->nplaced].y = y;
	o->nplaced++;
}

static void
put(struct paginator *p, size_t box, double space)
{
	put_at(p, box, p->y + space);
	p->y += space + p->boxes[box].height;
}

/* The height box `k` adds to the foot: its space is dropped under the
 * rule. */
static double
foot_cost(const struct paginator *p, size_t k, bool first)
{
	return (first ? 0 : p->boxes[k].space_before) + p->boxes[k].height;
}

static void
add_seg(struct paginator *p, size_t note, size_t from, size_t to)
{
	if (p->nsegs == p->segs_cap) {
		p->segs_cap = p->segs_cap ? p->segs_cap * 2 : 8;
		p->segs = bp_xreallocarray(p->segs, p->segs_cap,
		    sizeof(*p->segs));
	}
	p->segs[p->nsegs++] = (struct foot_seg){ note, from, to };
}

static void
add_pending(struct paginator *p, size_t note, size_t from)
{
	if (p->npending == p->pending_cap) {
		p->pending_cap = p->pending_cap ? p->pending_cap * 2 : 8;
		p->pending = bp_xreallocarray(p->pending, p->pending_cap,
		    sizeof(*p->pending));
	}
	p->pending[p->npending++] = (struct foot_seg){ note, from, 0 };
}

/* Adds to the foot as many boxes of `note`, from box `from`, as fit in
 * `room` (the body's bottom included: `room` is the page's height less
 * it); returns the first box left over. */
static size_t
foot_fill(struct paginator *p, size_t note, size_t from, double room)
{
	const struct bp_note_boxes *nb = &p->feet->notes[note];
	size_t k = from, end = nb->first + nb->n;
	double rule = p->boxes[p->feet->rule].height;

	while (k < end) {
		bool first = p->foot == 0;
		double add = foot_cost(p, k, first) + (first ? rule : 0);
		if (p->foot + add > room)
			break;
		p->foot += add;
		k++;
	}
	if (k > from)
		add_seg(p, note, from, k);
	return k;
}

/* The height of the boxes kept with box `i` after it: its notes must
 * leave room for them, or the page would end before them and send box
 * `i` on too. */
static double
kept_after(const struct paginator *p, size_t i)
{
	double h = 0;

	for (size_t k = i + 1; k < p->n && (p->boxes[k].flags &
	    (BP_VBOX_KEEP | BP_VBOX_FOOT)) == BP_VBOX_KEEP; k++)
		h += p->boxes[k].space_before + p->boxes[k].height;
	return h;
}

/* Whether box `i`, `space` below the last, fits on the page with the
 * notes first referenced in it; if so their boxes are in the foot (and
 * what does not fit of the last is pending).  A box at the top of a page
 * always fits: its notes that do not fit wait for the next pages.  On
 * false the foot may hold part of its notes: the caller puts it back as
 * it was (unplace_from). */
static bool
fits_with_notes(struct paginator *p, size_t i, double space)
{
	const struct bp_vbox *b = &p->boxes[i];
	double bottom = p->y + space + b->height;
	double room = p->height - bottom - kept_after(p, i);
	size_t n = p->feet != NULL ? b->notes : 0;

	if (bottom + p->foot > p->height && p->on_page > 0)
		return false;
	if (n > 0 && p->closed && p->on_page > 0)
		return false; /* its notes could not follow it here */
	for (size_t j = 0; j < n; j++) {
		size_t note = b->note0 + j;
		const struct bp_note_boxes *nb = &p->feet->notes[note];
		size_t k = nb->first;
		if (!p->closed)
			k = foot_fill(p, note, nb->first, room);
		if (k == nb->first + nb->n)
			continue;
		if (k == nb->first && p->on_page > 0 && !p->closed)
			return false; /* not one line of it fits */
		/* the rest of this note, and the notes after it, go on at
		 * the next page's foot */
		p->closed = true;
		add_pending(p, note, k);
		for (j++; j < n; j++)
			add_pending(p, b->note0 + j,
			    p->feet->notes[b->note0 + j].first);
	}
	return true;
}

/* Places a stretch of a note at `y` (its first box's space counted
 * unless `first`); returns the y after it. */
static double
put_seg(struct paginator *p, const struct foot_seg *s, double y, bool first)
{
	for (size_t k = s->from; k < s->to; k++) {
		double space = first && k == s->from ? 0 :
		    p->boxes[k].space_before;
		put_at(p, k, y + space);
		y += space + p->boxes[k].height;
	}
	return y;
}

/* Puts the page's foot on it: the rule, then the notes, at its bottom.
 * They are listed in reading order: the rest of a note from the page
 * before first, then each note after the box that refers to it. */
static void
finish_foot(struct paginator *p)
{
	struct bp_pages *o = p->out;
	size_t nbody = o->nplaced - p->placed0, s = 0;
	struct bp_placed *body;
	double *ys;
	double y;

	if (p->nsegs == 0)
		return;
	body = bp_xreallocarray(NULL, nbody + 1, sizeof(*body));
	ys = bp_xreallocarray(NULL, p->nsegs, sizeof(*ys));
	memcpy(body, o->placed + p->placed0, nbody * sizeof(*body));
	o->nplaced = p->placed0;
	/* where each stretch goes, top to bottom */
	y = p->height - p->foot + p->boxes[p->feet->rule].height;
	for (size_t k = 0; k < p->nsegs; k++) {
		ys[k] = y;
		for (size_t b = p->segs[k].from; b < p->segs[k].to; b++)
			y += (k == 0 && b == p->segs[k].from ? 0 :
			    p->boxes[b].space_before) + p->boxes[b].height;
	}
	put_at(p, p->feet->rule, p->height - p->foot);
	for (; s < p->ncarried; s++)
		put_seg(p, &p->segs[s], ys[s], s == 0);
	for (size_t i = 0; i < nbody; i++) {
		const struct bp_vbox *b = &p->boxes[body[i].box];
		put_at(p, body[i].box, body[i].y);
		for (; s < p->nsegs && p->segs[s].note >= b->note0 &&
		    p->segs[s].note < b->note0 + b->notes; s++)
			put_seg(p, &p->segs[s], ys[s], s == 0);
	}
	for (; s < p->nsegs; s++)
		put_seg(p, &p->segs[s], ys[s], s == 0);
	free(ys);
	free(body);
	p->nsegs = p->ncarried = 0;
	p->foot = 0;
	p->closed = false;
}

/* The notes still pending go first into the new page's foot, in at most
 * `room`; when not one box of them fits there, one box goes in if it fits
 * in `limit` (the page less the body that must go on it), so that notes
 * move on even when their boxes are tall.  What does not fit waits for
 * the next page, after this page's body. */
static void
start_foot(struct paginator *p, double room, double limit)
{
	while (p->pending0 < p->npending) {
		struct foot_seg *s = &p->pending[p->pending0];
		size_t end = p->feet->notes[s->note].first +
		    p->feet->notes[s->note].n;
		size_t k = foot_fill(p, s->note, s->from, room);
		if (k == s->from && p->nsegs == 0)
			k = foot_fill(p, s->note, s->from, limit);
		if (k < end) {
			s->from = k;
			p->closed = true;
			break;
		}
		p->pending0++;
	}
	if (p->pending0 == p->npending)
		p->pending0 = p->npending = 0;
	p->ncarried = p->nsegs;
}

/* The last place at or before box `i` where the page may end: a box that
 * is not kept with the one before it.  When every box back to the top of
 * the page is kept, the rule cannot be met and the page ends at `i`. */
static size_t
break_point(const struct paginator *p, size_t i)
{
	size_t j = i;

	while (j > p->page_first && (p->boxes[j].flags & (BP_VBOX_KEEP |
	    BP_VBOX_FOOT)))
		j--;
	return j > p->page_first ? j : i;
}

/* Takes the boxes from `j` on back off the current page, and their notes
 * out of its foot. */
static void
unplace_from(struct paginator *p, size_t j)
{
	struct bp_pages *o = p->out;

	while (o->nplaced > 0 && o->placed[o->nplaced - 1].page ==
	    o->npages - 1 && o->placed[o->nplaced - 1].box >= j)
		o->nplaced--;
	if (p->marks != NULL) {
		const struct foot_mark *m = &p->marks[j];
		p->nsegs = m->nsegs;
		p->npending = m->npending;
		p->foot = m->foot;
		p->closed = m->closed;
	}
}

/* Whether box `first`, at the top of a page, comes after its table's
 * header row repeated. */
static bool
repeats_head(const struct paginator *p, size_t first)
{
	const struct bp_vbox *b = &p->boxes[first];

	return (b->flags & BP_VBOX_IN_TABLE) && b->head < first;
}

/* The height box `first` takes at the top of a page, with the header row
 * repeated before it. */
static double
top_height(const struct paginator *p, size_t first)
{
	const struct bp_vbox *b = &p->boxes[first];

	if (repeats_head(p, first))
		return p->boxes[b->head].height + b->space_before + b->height;
	return b->height;
}

static void
new_page(struct paginator *p, size_t first)
{
	const struct bp_vbox *b = &p->boxes[first];

	finish_foot(p);
	p->out->npages++;
	p->placed0 = p->out->nplaced;
	p->y = 0;
	p->on_page = 0;
	p->page_first = first;
	/* the page's first box always goes on it: the notes carried from
	 * the page before take at most half the page and what it leaves
	 * (none when the box fills the page), never space under the box */
	if (p->feet != NULL) {
		double left = p->height - top_height(p, first);
		start_foot(p, left < p->height / 2 ? left : p->height / 2,
		    left);
	}
	/* a table continued from the page before gets its header row again */
	if (repeats_head(p, first))
		put(p, b->head, 0);
}

void
bp_paginate(const struct bp_vbox *boxes, size_t n, double page_height,
	const struct bp_feet *feet, struct bp_pages *out)
{
	struct paginator p;
	size_t i = 0;

	memset(&p, 0, sizeof(p));
	p.boxes = boxes;
	p.n = n;
	p.feet = feet != NULL && feet->nnotes > 0 ? feet : NULL;
	p.out = out;
	p.height = page_height;
	if (p.feet != NULL)
		p.marks = bp_xreallocarray(NULL, n + 1, sizeof(*p.marks));
	out->nplaced = 0;
	out->npages = 1;
	while (i < n) {
		double space = p.y > 0 ? boxes[i].space_before : 0;
		if (p.marks != NULL)
			p.marks[i] = (struct foot_mark){ p.nsegs, p.npending,
			    p.foot, p.closed };
		if (boxes[i].flags & BP_VBOX_FOOT) {
			i++;
			continue;
		}
		if (!fits_with_notes(&p, i, space)) {
			size_t j = break_point(&p, i);
			unplace_from(&p, j);
			new_page(&p, j);
			i = j;
			continue;
		}
		put(&p, i, space);
		p.on_page++;
		i++;
	}
	/* notes still pending fill pages of their own */
	while (p.feet != NULL && p.npending > p.pending0) {
		finish_foot(&p);
		out->npages++;
		p.placed0 = out->nplaced;
		p.y = 0;
		start_foot(&p, page_height, 1e300);
	}
	finish_foot(&p);
	free(p.marks);
	free(p.segs);
	free(p.pending);
}

void
bp_pages_free(struct bp_pages *p)
{
	if (p == NULL)
		return;
	free(p->placed);
	memset(p, 0, sizeof(*p));
}
