/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stddef.h>

#include "boardpaper/buf.h"

/* Appends to `out` the `len`-byte PDF at `pdf` with its non-stream
 * objects in object streams and a cross-reference stream; or the PDF as
 * it is when it is not laid out as libharu writes.  Needs PDF 1.5 or
 * later in the header. */
void pdf_objstm_pack(struct bp_buf *out, const char *pdf, size_t len);

#endif
