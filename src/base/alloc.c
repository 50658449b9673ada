/* Allocation that never returns NULL, and the arena a paper lives in. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
out_of_memory(void)
{
	fputs("boardpaper: out of memory\n", stderr);
	exit(1);
}

void *
bp_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
bp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
bp_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

/* realloc for n elements of `size` bytes, refusing a product that
 * overflows (OpenBSD's reallocarray). */
void *
bp_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	return bp_xrealloc(p, n * size);
}

char *
bp_xstrdup(const char *s)
{
	char *p = strdup(s);
	if (p == NULL)
		out_of_memory();
	return p;
}

/* Chunks are chained; big requests get a chunk of their own. */
struct chunk {
	struct chunk *next;
	size_t used, size; /* bytes of data[] */
	max_align_t data[];
};

struct bp_arena {
	struct chunk *head;
};

#define CHUNK_SIZE (64u * 1024)

struct bp_arena *
bp_arena_new(void)
{
	return bp_xcalloc(1, sizeof(struct bp_arena));
}

void
bp_arena_free(struct bp_arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
bp_arena_alloc(struct bp_arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct chunk *c = a->head;
	void *p;

	if (size > SIZE_MAX - align)
		out_of_memory();
	size = (size + align - 1) / align * align;
	if (c == NULL || c->size - c->used < size) {
		size_t want = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
		c = bp_xmalloc(sizeof(*c) + want);
		c->used = 0;
		c->size = want;
		if (size > CHUNK_SIZE / 4 && a->head != NULL) {
			/* keep filling the current chunk afterwards */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *
bp_arena_strndup(struct bp_arena *a, const char *s, size_t len)
{
	char *p = bp_arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
bp_arena_strdup(struct bp_arena *a, const char *s)
{
	return bp_arena_strndup(a, s, strlen(s));
}

char *
bp_arena_printf(struct bp_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[128], *p;
	int n;

	/* formatted once when it fits here (numbers and ids nearly always) */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	if ((size_t)n < sizeof(small))
		return bp_arena_strndup(a, small, (size_t)n);
	p = bp_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
