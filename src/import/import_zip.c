/* The .docx container: a zip read through libzip (the only file that
 * includes zip.h), every entry's size checked before it is unpacked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "import.h"

struct bp_imp_zip {
	zip_t *zip;
	size_t total; /* bytes unpacked so far */
};

static void
zip_failed(struct bp_diags *d, const char *what, zip_error_t *err)
{
	struct bp_buf msg = BP_BUF_INIT;

	bp_buf_printf(&msg, "%s: %s", what, zip_error_strerror(err));
	bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX, msg.data);
	bp_buf_free(&msg);
}

struct bp_imp_zip *
bp_imp_zip_open(const char *data, size_t len, struct bp_diags *d)
{
	struct bp_imp_zip *z = NULL;
	zip_source_t *src;
	zip_error_t err;
	zip_t *zip;
	zip_int64_t n;

	zip_error_init(&err);
	src = zip_source_buffer_create(data, len, 0, &err);
	if (src == NULL) {
		zip_failed(d, "not a zip file", &err);
		goto out;
	}
	zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (zip == NULL) {
		zip_source_free(src);
		zip_failed(d, "not a zip file", &err);
		goto out;
	}
	n = zip_get_num_entries(zip, 0);
	if (n < 0 || n > BP_IMP_MAX_ENTRIES) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_LIMIT,
		    "the number of zip entries is", (size_t)BP_IMP_MAX_ENTRIES);
		zip_discard(zip);
		goto out;
	}
	z = bp_xcalloc(1, sizeof(*z));
	z->zip = zip;
out:
	zip_error_fini(&err);
	return z;
}

void
bp_imp_zip_close(struct bp_imp_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->zip);
	free(z);
}

/* The declared sizes, checked before a byte is unpacked: the part's own
 * size, the whole import's, and the compression ratio (a zip bomb's mark:
 * XML compresses ten to one, a bomb a thousand to one). */
static int
check_sizes(struct bp_imp_zip *z, const char *name, const zip_stat_t *st,
	size_t max, struct bp_diags *d)
{
	struct bp_buf what = BP_BUF_INIT;
	int rc = -1;

	if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE)) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX,
		    "an entry without a size");
		goto out;
	}
	if (st->size > max) {
		bp_buf_printf(&what, "the size of %s (%llu bytes) is", name,
		    (unsigned long long)st->size);
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_LIMIT,
		    what.data, max);
		goto out;
	}
	if (z->total + st->size > BP_IMP_MAX_TOTAL) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_LIMIT,
		    "the total unpacked size is", (size_t)BP_IMP_MAX_TOTAL);
		goto out;
	}
	if (st->size > 1024 * 1024 &&
	    st->size / (st->comp_size ? st->comp_size : 1) > BP_IMP_MAX_RATIO) {
		bp_buf_printf(&what, "the compression ratio of %s (%llu:1) is",
		    name, (unsigned long long)(st->size /
		    (st->comp_size ? st->comp_size : 1)));
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_LIMIT,
		    what.data, (size_t)BP_IMP_MAX_RATIO);
		goto out;
	}
	rc = 0;
out:
	bp_buf_free(&what);
	return rc;
}

int
bp_imp_zip_read(struct bp_imp_zip *z, const char *name, size_t max,
	struct bp_buf *out, struct bp_diags *d)
{
	char chunk[16384];
	zip_int64_t idx = zip_name_locate(z->zip, name, 0), n;
	zip_stat_t st;
	zip_file_t *f;
	int rc = -1;

	bp_buf_reset(out);
	if (idx < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) != 0) {
		zip_failed(d, name, zip_get_error(z->zip));
		return -1;
	}
	if (check_sizes(z, name, &st, max, d) != 0)
		return -1;
	if ((f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0)) == NULL) {
		zip_failed(d, name, zip_get_error(z->zip));
		return -1;
	}
	/* never more than was declared, whatever the stream holds */
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)n > st.size) {
			bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX,
			    "an entry larger than its declared size");
			goto out;
		}
		bp_buf_put(out, chunk, (size_t)n);
	}
	if (n < 0) {
		zip_failed(d, name, zip_file_get_error(f));
		goto out;
	}
	if (out->failed) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX,
		    "out of memory");
		goto out;
	}
	z->total += out->len;
	rc = 1;
out:
	zip_fclose(f);
	return rc;
}
