/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stddef.h>

#include "boardpaper/buf.h"

/* Rewrites the PDF file at pdf->data + start (to the end) with its
 * non-stream objects in object streams and a cross-reference stream;
 * leaves it as it was when it is not laid out as libharu writes, or when
 * memory runs out.  Needs PDF 1.5 or later in the header. */
void pdf_objstm_pack(struct bp_buf *pdf, size_t start);

#endif
