/* Font subsets through HarfBuzz's hb-subset (libharfbuzz-subset), the only
 * file that includes its header.
 *
 * libharu embeds TrueType fonts whole but for the glyph outlines: 64-71 KB
 * a face whatever the paper uses, copied four bytes at a time.  A subset
 * of the hundred-odd glyphs a paper draws is 6-8 KB.  Hinting goes (PDF
 * viewers scale outlines themselves, and poppler renders the pages the
 * same without it), and so do the OpenType layout tables, which nothing
 * reads in a PDF: libharu places glyphs one by one from their widths. */
#include <stdlib.h>

#include <hb-subset.h>

#include "font_subset.h"
#include "internal.h"

struct bp_subsetter {
	hb_blob_t *blob;  /* the file, mapped */
	hb_face_t *face;
};

struct bp_subsetter *
bp_subsetter_open(const char *path)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	struct bp_subsetter *s;
	hb_face_t *face;

	if (blob == NULL)
		return NULL;
	face = hb_face_create(blob, 0);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		return NULL;
	}
	s = bp_xcalloc(1, sizeof(*s));
	s->blob = blob;
	s->face = face;
	return s;
}

void
bp_subsetter_free(struct bp_subsetter *s)
{
	if (s == NULL)
		return;
	hb_face_destroy(s->face);
	hb_blob_destroy(s->blob);
	free(s);
}

const unsigned char *
bp_subsetter_data(const struct bp_subsetter *s, size_t *len)
{
	unsigned n = 0;
	const char *data = hb_blob_get_data(s->blob, &n);

	*len = n;
	return (const unsigned char *)data;
}

/* Tables a PDF viewer never reads from an embedded TrueType font. */
static void
drop_tables(hb_subset_input_t *in)
{
	static const char *const tags[] = { "GSUB", "GPOS", "GDEF", "kern",
		"morx", "mort", "BASE", "JSTF", "DSIG", "gasp", "hdmx",
		"LTSH", "VDMX", "PCLT", "meta" };
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		hb_set_add(drop, hb_tag_from_string(tags[i], 4));
}

int
bp_subsetter_run(struct bp_subsetter *s, const uint32_t *cps, size_t n,
	bool keep_gids, struct bp_buf *out)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	const char *data;
	unsigned len = 0;
	int rc = -1;

	if (in == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		hb_set_add(hb_subset_input_unicode_set(in), cps[i]);
	/* .notdef keeps its box: it is what a missing character prints */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    HB_SUBSET_FLAGS_NOTDEF_OUTLINE | (keep_gids ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0));
	drop_tables(in);
	if ((sub = hb_subset_or_fail(s->face, in)) != NULL &&
	    (blob = hb_face_reference_blob(sub)) != NULL &&
	    (data = hb_blob_get_data(blob, &len)) != NULL && len > 0) {
		bp_buf_put(out, data, len);
		rc = out->failed ? -1 : 0;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return rc;
}
