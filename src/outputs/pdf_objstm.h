/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/buf.h"

struct pdf_deflater;

/* Appends to `out` the `len`-byte PDF at `pdf` with its non-stream
 * objects in object streams and a cross-reference stream; or the PDF as
 * it is when it is not laid out as libharu writes.  Needs PDF 1.5 or
 * later in the header. */
void pdf_objstm_pack(struct pdf_deflater *zd, struct bp_buf *out,
	const char *pdf, size_t len);

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
