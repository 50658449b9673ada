/* libdeflate for the PDF back-end: its compressors, kept per worker, and
 * its checksums, so that one file includes libdeflate.h.
 *
 * libdeflate rather than zlib: at its level 1 it deflates a PDF's object
 * text and page content in half zlib's instructions at zlib's level 1,
 * and a little smaller (paper a's largest object stream: 18,215 bytes to
 * 4,624 in 0.53 M instructions; zlib, 5,014 in 1.07 M).  A compressor
 * costs 33 K instructions to allocate and set up, as much as deflating
 * 2 KB: a worker makes one per level and keeps it (a paper deflates a
 * dozen streams).
 *
 * A stream shorter than PDF_DEFLATE_STORE_BELOW is stored (level 0: still FlateDecode,
 * in stored blocks, 11 bytes more than its text).  Level 1 costs 45,000
 * to 110,000 instructions a stream whatever its length (the 128 KB hash
 * table is cleared, two Huffman codes built and costed) and saves a few
 * hundred bytes on one this short: on paper a the last page (543 bytes),
 * a ToUnicode CMap (677) and the cross-reference stream (1,659), stored,
 * make the PDF 1,706 bytes larger (32,699 to 34,405) for 206,925
 * instructions fewer in the whole process (callgrind: 10,059,819 to
 * 9,852,894).
 */
#include <stdlib.h>
#include <libdeflate.h>

#include "internal.h"
#include "pdf_deflate.h"

struct pdf_deflater {
	struct libdeflate_compressor *c[PDF_DEFLATE_MAX_LEVEL + 1];
};

struct pdf_deflater *
pdf_deflater_new(void)
{
	return bp_xcalloc(1, sizeof(struct pdf_deflater));
}

void
pdf_deflater_empty(struct pdf_deflater *z)
{
	for (int i = 0; i <= PDF_DEFLATE_MAX_LEVEL; i++) {
		libdeflate_free_compressor(z->c[i]);
		z->c[i] = NULL;
	}
}

void
pdf_deflater_free(struct pdf_deflater *z)
{
	if (z == NULL)
		return;
	pdf_deflater_empty(z);
	free(z);
}

bool
pdf_deflate_or_store(struct pdf_deflater *zd, const void *data, size_t len,
	int level, unsigned char **z, size_t *zlen)
{
	struct libdeflate_compressor *c;
	size_t bound;

	if (level < 0 || level > PDF_DEFLATE_MAX_LEVEL)
		return false;
	if (len < PDF_DEFLATE_STORE_BELOW)
		level = 0;
	if ((c = zd->c[level]) == NULL &&
	    (c = zd->c[level] = libdeflate_alloc_compressor(level)) == NULL)
		return false;
	bound = libdeflate_zlib_compress_bound(c, len);
	*z = bp_xmalloc(bound);
	*zlen = libdeflate_zlib_compress(c, data, len, *z, bound);
	if (*zlen == 0) {
		free(*z);
		return false;
	}
	/* kept until the file is written: no more than it needs (a page
	 * of text deflates to a third of the bound) */
	*z = bp_xrealloc(*z, *zlen);
	return true;
}

uint32_t
pdf_crc32(uint32_t sum, const void *p, size_t len)
{
	return libdeflate_crc32(sum, p, len);
}

uint32_t
pdf_adler32(uint32_t sum, const void *p, size_t len)
{
	return libdeflate_adler32(sum, p, len);
}
