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
