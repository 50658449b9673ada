/* libdeflate, for the PDF back-end: the one file that includes its header
 * (pdf_deflate.c) deflates the PDF's streams and sums their bytes. */
#ifndef BOARDPAPER_PDF_DEFLATE_H
#define BOARDPAPER_PDF_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libdeflate's compressors, made on first use and kept for the next
 * stream and the next paper. */
#define PDF_DEFLATE_MAX_LEVEL 12
struct pdf_deflater;
struct pdf_deflater *pdf_deflater_new(void);
void pdf_deflater_free(struct pdf_deflater *zd); /* accepts NULL */
/* Frees the compressors made so far (the next stream makes its own). */
void pdf_deflater_empty(struct pdf_deflater *zd);

/* A stream shorter than this is stored whatever level its caller asks
 * (pdf_deflate.c says why). */
#define PDF_DEFLATE_STORE_BELOW 2048 /* bytes */

/* `len` bytes in the zlib format FlateDecode reads: deflated at `level`
 * (0 to 12), or stored (level 0) when fewer than PDF_DEFLATE_STORE_BELOW;
 * a malloc'ed *z of *zlen bytes; false when it failed. */
bool pdf_deflate_or_store(struct pdf_deflater *zd, const void *data,
	size_t len, int level, unsigned char **z, size_t *zlen);

/* CRC-32 and Adler-32 of `len` bytes, continuing `sum` (start from
 * pdf_crc32(0, NULL, 0) and pdf_adler32(1, NULL, 0)). */
uint32_t pdf_crc32(uint32_t sum, const void *p, size_t len);
uint32_t pdf_adler32(uint32_t sum, const void *p, size_t len);

#endif
