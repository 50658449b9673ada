/* Images: reading a paper's image files safely, checking them once for every
 * command, and decoding PNGs into the raw pixels the PDF back-end embeds.
 * The only file that includes png.h is image.c. */
#ifndef BOARDPAPER_IMAGE_H
#define BOARDPAPER_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "boardpaper/diag.h"
#include "boardpaper/model.h"

/* Limits, documented in the README and the man page: refused before any
 * decoding.  Pixels per image, any format; bytes that a paper's PNGs
 * decode to (8-bit colour plus alpha), all images counted once. */
#define BP_MAX_IMAGE_PIXELS 40000000u
#define BP_MAX_IMAGE_DECODED (16u * 1024 * 1024)

/* The images one paper has read, by file identity, so that an image used
 * many times is read, checked and embedded once. */
struct bp_image_set;

/* `dir` is the paper's folder; images must lie inside it. */
struct bp_image_set *bp_image_set_new(struct bp_arena *arena,
	const char *dir);
void bp_image_set_free(struct bp_image_set *s);

/* Reads and checks the file that the address `img->src` (a Markdown
 * image's, a URL path relative to the paper) names once its %XX escapes
 * are decoded; fills the rest of `img`.  Every problem is reported at
 * `pos`; false when there was one. */
bool bp_image_set_load(struct bp_image_set *s, struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos);
/* The same for a file named as it is, escapes and all (a house style's
 * logo, a YAML value). */
bool bp_image_set_load_file(struct bp_image_set *s, struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos);

/* How many bytes of a file's start bp_image_format_of needs at most: a
 * PNG's signature (image.c asserts it). */
#define BP_IMAGE_HEAD 8

/* Whether a file that starts with the `n` bytes at `head` is in a format
 * an image may have (PNG, JPEG), and which, in *format: the one test, by
 * which bp_image_set_load tells the format and refuses any other, and
 * build tells whether an existing output could be an image (cli_deps.c). */
bool bp_image_format_of(const unsigned char *head, size_t n,
	enum bp_image_format *format);

/* A PNG decoded for PDF: 8 bits per component, rows packed. */
struct bp_pixels {
	uint32_t width, height;  /* pixels */
	unsigned channels;       /* 1 (grey) or 3 (RGB) in `colour` */
	unsigned char *colour;   /* width * height * channels bytes */
	unsigned char *alpha;    /* width * height bytes; NULL when opaque */
};

/* Decodes a PNG that bp_image_set_load accepted.  0 on success; -1 when
 * memory ran out (the checks already passed, so nothing else can fail). */
int bp_image_decode(const struct bp_image *img, struct bp_pixels *px);
void bp_pixels_free(struct bp_pixels *px);

#endif
