/* Unicode normalisation of the input: the only file that includes utf8proc. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "boardpaper/layout.h"
#include "internal.h"

/* A code point NFC leaves as it is whatever surrounds it: no canonical
 * decomposition other than to itself recomposed, no combining class, and
 * never the second of a composed pair.  Below U+0300 (ASCII, Latin-1,
 * Latin Extended A and B, spacing modifiers), Latin Extended Additional
 * (Welsh w and y with grave and diaeresis), general punctuation but the
 * two singleton spaces U+2000 and U+2001, the currency signs, U+FEFF. */
static bool
nfc_inert(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20C0) ||
	    cp == 0xFEFF;
}

/* Text made only of such code points is already NFC: most papers are, and
 * utf8proc's full pass would cost them as much as parsing the Markdown. */
static bool
already_nfc(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			i += bp_ascii_len(s + i, len - i);
			continue;
		}
		if (!nfc_inert(bp_utf8_decode(s + i, len - i, &n)))
			return false;
		i += n;
	}
	return true;
}

char *
bp_nfc(const char *s, size_t len, size_t *out_len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (already_nfc(s, len))
		return NULL;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	/* the input was checked as UTF-8 before, so a failure is memory:
	 * then the text goes on as it was written */
	if (n < 0 || ((size_t)n == len && memcmp(out, s, len) == 0)) {
		free(out);
		return NULL;
	}
	*out_len = (size_t)n;
	return (char *)out;
}

/* --- columns as the author counts them --- */

#define CLUSTER_MAX 64 /* code points normalised at once; more is absurd */

/* The bytes that NFC makes of one grapheme cluster (normalisation never
 * reaches across one), or its own length when it is too long to say. */
static uint32_t
nfc_bytes(const char *s, size_t len)
{
	utf8proc_int32_t cps[CLUSTER_MAX];
	utf8proc_uint8_t enc[4];
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_ssize_t n;
	uint32_t bytes = 0;

	n = utf8proc_decompose((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, cps, CLUSTER_MAX, opt);
	if (n < 0 || n > CLUSTER_MAX)
		return (uint32_t)len;
	n = utf8proc_normalize_utf32(cps, n, opt);
	if (n < 0)
		return (uint32_t)len;
	for (utf8proc_ssize_t i = 0; i < n; i++)
		bytes += (uint32_t)utf8proc_encode_char(cps[i], enc);
	return bytes;
}

/* The grapheme cluster at s[i..end): its end; its code points in *n. */
static size_t
cluster_end(const char *s, size_t i, size_t end, uint32_t *n)
{
	utf8proc_int32_t state = 0;
	size_t len;
	uint32_t prev = bp_utf8_decode(s + i, end - i, &len);

	*n = 1;
	for (i += len; i < end; i += len) {
		uint32_t cp = bp_utf8_decode(s + i, end - i, &len);
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev,
		    (utf8proc_int32_t)cp, &state))
			break;
		prev = cp;
		++*n;
	}
	return i;
}

/* One line of a file that NFC changed: each cluster is a unit, as many
 * bytes as NFC makes of it; true when they add up to the parsed line. */
static bool
walk_changed_line(struct bp_colwalk *w, const char *s, size_t len,
	size_t parsed_len)
{
	uint32_t byte = 1;

	for (size_t i = 0; i < len;) {
		size_t j = i;
		uint32_t cps, bytes;
		while (j < len && (unsigned char)s[j] < 0x80 &&
		    (j + 1 == len || (unsigned char)s[j + 1] < 0x80))
			j++;
		if (j > i) {
			bp_colwalk_add(w, byte, 1, 1, (uint32_t)(j - i));
			byte += (uint32_t)(j - i);
			i = j;
			continue;
		}
		j = cluster_end(s, i, len, &cps);
		bytes = nfc_bytes(s + i, j - i);
		bp_colwalk_add(w, byte, bytes, cps, 1);
		byte += bytes;
		i = j;
	}
	return byte - 1 == parsed_len;
}

/* One line of a file that is its own NFC: each code point a unit; the
 * walk stops at the column asked for. */
static void
walk_line(struct bp_colwalk *w, const char *s, size_t len)
{
	for (size_t i = 0; i < len && i < w->target;) {
		size_t j = i + bp_ascii_len(s + i, len - i), n;
		if (j > i) {
			bp_colwalk_add(w, (uint32_t)i + 1, 1, 1,
			    (uint32_t)(j - i));
			i = j;
			continue;
		}
		n = bp_utf8_len(s + i, len - i);
		bp_colwalk_add(w, (uint32_t)i + 1, (uint32_t)n, 1, 1);
		i += n;
	}
}

bool
bp_colwalk_line(struct bp_colwalk *w, const char *s, size_t len,
	const char *parsed, size_t parsed_len)
{
	if (parsed != NULL)
		return walk_changed_line(w, s, len, parsed_len);
	walk_line(w, s, len);
	return true;
}
