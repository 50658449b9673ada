/* libFuzzer harness for the two hand-written TrueType readers (make fuzz):
 * any bytes as a font file, opened by the subsetter (ttf_subset.c), which
 * every PDF font goes through, then subset both ways, and loaded into
 * libharu through the stand-in loader (pdf_hpdf.c), as the PDF back-end
 * does with the file a house style or fontconfig names.  A crash, a hang,
 * a leak or undefined behaviour is a bug, and so is a subset the
 * subsetter cannot open again or whose glyphs it finds other than in the
 * font it came from (abort). */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "file.h"
#include "internal.h"

#define HPDF_SHARED
#include <hpdf.h>
#include "pdf_hpdf.h"
#include "ttf_subset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The code points subset: what a Welsh council paper draws, and two the
 * subset's cmap cannot hold (U+FFFF closes it; U+1F600 is past the BMP). */
static const uint32_t drawn[] = {
	0x20, 0x21, 0x26, 0x28, 0x29, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x32,
	0x39, 0x3A, 0x41, 0x42, 0x48, 0x4D, 0x57, 0x5A, 0x61, 0x62, 0x65,
	0x69, 0x6E, 0x6F, 0x72, 0x73, 0x74, 0x77, 0x78, 0x79, 0x7A, 0xA3,
	0xA9, 0xE9, 0xEF, 0x174, 0x175, 0x176, 0x177, 0x2013, 0x2014,
	0x2019, 0x201C, 0x201D, 0x20AC, 0xFFFD, 0xFFFF, 0x1F600,
};
#define NDRAWN (sizeof(drawn) / sizeof(drawn[0]))

/* The folder the fonts are written to, removed at exit. */
static char font_dir[64];
static char font_path[96], subset_path[96];

static void
remove_files(void)
{
	unlink(font_path);
	unlink(subset_path);
	rmdir(font_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/bp-fuzz-font-XXXXXX";

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	snprintf(font_dir, sizeof(font_dir), "%s", dir);
	snprintf(font_path, sizeof(font_path), "%s/font.ttf", dir);
	snprintf(subset_path, sizeof(subset_path), "%s/subset.ttf", dir);
	atexit(remove_files);
	return 0;
}

/* `len` bytes as the file at `path`, opened by the subsetter. */
static struct bp_subsetter *
open_bytes(const char *path, const void *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || bp_file_write_all(fd, p, len) != 0 || close(fd) != 0) {
		perror(path);
		abort();
	}
	return bp_subsetter_open(path);
}

static void
fail(const char *what, uint32_t cp)
{
	fprintf(stderr, "fuzz_font: %s (U+%04X)\n", what, (unsigned)cp);
	abort();
}

/* A subset of the drawn code points, made by `s` (`keep`: glyphs keep
 * their numbers), must open, and give a glyph exactly for those the font
 * has, the same one when numbers are kept. */
static void
check_subset(struct bp_subsetter *s, bool keep)
{
	struct bp_buf out = BP_BUF_INIT;
	struct bp_subsetter *sub;

	if (bp_subsetter_run(s, drawn, NDRAWN, keep, &out) != 0) {
		if (out.len != 0)
			fail("a refused subset left bytes behind", 0);
		bp_buf_free(&out);
		return;
	}
	if ((sub = open_bytes(subset_path, out.data, out.len)) == NULL)
		fail("a subset the subsetter cannot open", 0);
	for (size_t i = 0; i < NDRAWN; i++) {
		unsigned g = bp_subsetter_glyph(s, drawn[i]);
		unsigned h = bp_subsetter_glyph(sub, drawn[i]);
		if (drawn[i] >= 0xFFFF ? h != 0 : (g == 0) != (h == 0) ||
		    (keep && g != h))
			fail("a subset's glyph unlike the font's", drawn[i]);
	}
	bp_subsetter_free(sub);
	bp_buf_free(&out);
}

/* The font loaded as the PDF back-end loads it, and measured. */
static void
load_font(struct bp_subsetter *s)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_FontDef def;
	const char *name;
	int box[4];

	if (pdf == NULL)
		abort();
	if ((name = pdf_hpdf_load_font(pdf, s, NULL)) != NULL &&
	    (def = pdf_hpdf_font_def(pdf, name)) != NULL)
		for (size_t i = 0; i < NDRAWN; i++) {
			uint16_t cp = (uint16_t)(drawn[i] & 0xFFFF);
			(void)pdf_hpdf_glyph_id(def, cp);
			(void)pdf_hpdf_char_width(def, cp);
			pdf_hpdf_char_box(def, cp, box);
		}
	HPDF_Free(pdf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_subsetter *s = open_bytes(font_path, data, size);

	if (s == NULL)
		return 0;
	check_subset(s, false);
	check_subset(s, true);
	load_font(s);
	bp_subsetter_free(s);
	return 0;
}
