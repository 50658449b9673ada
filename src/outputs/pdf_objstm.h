/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/buf.h"

struct pdf_deflater;

/* Objects the file's table does not have, numbered from `first` (the
 * table's size) on: object i's source is the len[i] bytes at text +
 * off[i] (none: "<<\n>>"). */
struct pdf_objstm_extra {
	unsigned long first;
	size_t n;
	const char *text;
	const size_t *off, *len;
};

/* Appends to `out` the `len`-byte PDF at `pdf` with its non-stream
 * objects and the `x` ones (NULL: none) in object streams and a
 * cross-reference stream; or, when the file is not laid out as libharu
 * writes, the PDF as it is (true) unless there are extra objects
 * (false: nothing appended).  Needs PDF 1.5 or later in the header. */
bool pdf_objstm_pack(struct pdf_deflater *zd, struct bp_buf *out,
	const char *pdf, size_t len, const struct pdf_objstm_extra *x);

/* libdeflate's compressors, made on first use and kept for the next
 * stream and the next paper. */
#define PDF_DEFLATE_MAX_LEVEL 12
struct pdf_deflater *pdf_deflater_new(void);
void pdf_deflater_free(struct pdf_deflater *zd); /* accepts NULL */

/* `len` bytes deflated in the zlib format FlateDecode reads, at `level`
 * (0 to 12): a malloc'ed *z of *zlen bytes; false when it failed. */
bool pdf_deflate(struct pdf_deflater *zd, const void *data, size_t len,
	int level, unsigned char **z, size_t *zlen);

#endif
