/* Object streams for a PDF that libharu wrote (see pdf_objstm.c). */
#ifndef BOARDPAPER_PDF_OBJSTM_H
#define BOARDPAPER_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/buf.h"

struct pdf_deflater; /* pdf_deflate.h */

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

#endif
