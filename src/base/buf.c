/* The growable byte buffer with a sticky failure flag. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/buf.h"

void
bp_buf_init(struct bp_buf *b)
{
	struct bp_buf empty = BP_BUF_INIT;
	*b = empty;
}

void
bp_buf_free(struct bp_buf *b)
{
	if (b == NULL)
		return;
	if (b->cap > 0)
		free(b->data);
	bp_buf_init(b);
}

void
bp_buf_reset(struct bp_buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->data[0] = '\0';
	b->failed = false;
}

void
bp_buf_truncate(struct bp_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0'; /* len < b->len, so data is allocated */
}

void
bp_buf_trim_spaces(struct bp_buf *b)
{
	size_t len = b->len;

	while (len > 0 && b->data[len - 1] == ' ')
		len--;
	bp_buf_truncate(b, len);
}

/* Makes room for `extra` more bytes plus the NUL; false on failure. */
static bool
grow(struct bp_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return false;
	if (extra > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (p == NULL) {
		b->failed = true;
		return false;
	}
	if (b->cap == 0)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return true;
}

/* The room there is already: the common case, checked before grow. */
static inline bool
has_room(const struct bp_buf *b, size_t extra)
{
	/* cap is 0 or above len, so the subtraction cannot wrap */
	return !b->failed && extra < b->cap - b->len;
}

void
bp_buf_put(struct bp_buf *b, const void *data, size_t len)
{
	if (len == 0 || (!has_room(b, len) && !grow(b, len)))
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
bp_buf_puts(struct bp_buf *b, const char *s)
{
	bp_buf_put(b, s, strlen(s));
}

void
bp_buf_putc(struct bp_buf *b, char c)
{
	if (!has_room(b, 1) && !grow(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
bp_buf_repeat(struct bp_buf *b, char c, size_t n)
{
	if (n == 0 || !grow(b, n))
		return;
	memset(b->data + b->len, c, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
bp_buf_vprintf(struct bp_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
bp_buf_printf(struct bp_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bp_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
bp_buf_detach(struct bp_buf *b, size_t *len)
{
	char *p;

	if (b->failed) {
		bp_buf_free(b);
		return NULL;
	}
	p = b->cap ? b->data : strdup("");
	if (len != NULL)
		*len = b->len;
	bp_buf_init(b);
	return p;
}
