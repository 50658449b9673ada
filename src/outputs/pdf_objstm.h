/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/buf.h"

/* Appends to `out` the `len`-byte PDF at `pdf` with its non-stream
 * objects in object streams and a cross-reference stream; or the PDF as
 * it is when it is not laid out as libharu writes.  Needs PDF 1.5 or
 * later in the header. */
void pdf_objstm_pack(struct bp_buf *out, const char *pdf, size_t len);

/* `len` bytes deflated in the zlib format FlateDecode reads, at `level`
 * (1 to 12): a malloc'ed *z of *zlen bytes; false when it failed. */
bool pdf_deflate(const void *data, size_t len, int level, unsigned char **z,
	size_t *zlen);

#endif
