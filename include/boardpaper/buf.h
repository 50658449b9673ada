/* A growable byte buffer: every back-end writes its output through one.
 *
 * `data` is never NULL and is always NUL-terminated.  An allocation failure
 * sets the sticky `failed` flag and makes every later write a no-op, so a
 * writer checks once, at the end, instead of after every call.
 */
#ifndef BOARDPAPER_BUF_H
#define BOARDPAPER_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct bp_buf {
	char *data;
	size_t len; /* bytes, not counting the terminating NUL */
	size_t cap; /* bytes allocated; 0 while data is the static "" */
	bool failed;
};

#define BP_BUF_INIT { (char *)"", 0, 0, false }

void bp_buf_init(struct bp_buf *b);
void bp_buf_free(struct bp_buf *b);
void bp_buf_reset(struct bp_buf *b);
/* Cuts the buffer back to `len` bytes (no-op if it is shorter). */
void bp_buf_truncate(struct bp_buf *b, size_t len);
/* Cuts trailing spaces. */
void bp_buf_trim_spaces(struct bp_buf *b);
void bp_buf_put(struct bp_buf *b, const void *data, size_t len);
void bp_buf_puts(struct bp_buf *b, const char *s);
void bp_buf_putc(struct bp_buf *b, char c);
void bp_buf_repeat(struct bp_buf *b, char c, size_t n);
void bp_buf_printf(struct bp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bp_buf_vprintf(struct bp_buf *b, const char *fmt, va_list ap);
/* Takes the buffer's memory; the buffer is left empty. NULL if it failed. */
char *bp_buf_detach(struct bp_buf *b, size_t *len);

#endif
