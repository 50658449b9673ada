/* Unicode normalisation of the input: the only file that includes utf8proc. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

/* Text that is plain ASCII is already NFC; most papers are mostly ASCII,
 * so this saves the copy for them. */
static bool
is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

char *
bp_nfc(const char *s, size_t len, size_t *out_len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (is_ascii(s, len))
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
