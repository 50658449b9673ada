/* Images: safe opening inside the paper's folder, one read per file, PNG
 * checking and decoding through libpng, and a JPEG header check. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "boardpaper/buf.h"
#include "image.h"
#include "internal.h"

/* One file read for this paper: later uses share its bytes and verdict. */
struct loaded {
	char *real;              /* its resolved path */
	dev_t dev;
	ino_t ino;
	struct bp_image facts;   /* format, data, size, width, height */
	enum bp_diag_code error; /* BP_DIAG__MAX when the file was good */
	const char *why;         /* the error's reason, in the arena */
	unsigned long long number; /* the error's numeric argument */
};

struct bp_image_set {
	struct bp_arena *arena;
	const char *dir;
	char *root;          /* realpath of dir, NULL until needed */
	struct loaded *files;
	size_t n, cap;
	size_t decoded;      /* bytes the PNGs read so far decode to */
};

struct bp_image_set *
bp_image_set_new(struct bp_arena *arena, const char *dir)
{
	struct bp_image_set *s = bp_xcalloc(1, sizeof(*s));

	s->arena = arena;
	s->dir = dir != NULL && dir[0] != '\0' ? dir : ".";
	return s;
}

void
bp_image_set_free(struct bp_image_set *s)
{
	if (s == NULL)
		return;
	free(s->root);
	for (size_t i = 0; i < s->n; i++)
		free(s->files[i].real);
	free(s->files);
	free(s);
}

/* --- opening inside the folder --------------------------------------- */

/* Is `path` (resolved) `root` itself or below it? */
static bool
is_inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (strncmp(root, path, n) != 0)
		return false;
	return n > 0 && (root[n - 1] == '/' || path[n] == '/');
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The file name an image's address stands for: each %XX escape is the
 * byte it encodes, as in a URL's path ("my%20chart.png" is "my
 * chart.png").  What would let an escape change the path's shape or
 * smuggle in what the source may not hold is refused, with *why: a '%'
 * that starts no escape, %2F (a '/' is written as it is), and escapes
 * that make a control character (%00 included) or bytes that are not
 * UTF-8.  The folder checks then apply to the decoded name. */
static const char *
decode_address(struct bp_arena *arena, const char *src, const char **why)
{
	char *out = bp_arena_alloc(arena, strlen(src) + 1), *o = out;
	uint32_t cp;
	size_t len;

	for (const char *p = src; *p != '\0'; p++) {
		int hi, lo;
		unsigned char c;
		if (*p != '%') {
			*o++ = *p;
			continue;
		}
		if ((hi = hex_digit(p[1])) < 0 || (lo = hex_digit(p[2])) < 0) {
			*why = "a '%' starts an escape of two hex digits, such "
			    "as %20 for a space (a '%' itself is %25)";
			return NULL;
		}
		c = (unsigned char)(hi << 4 | lo);
		if (c == '/') {
			*why = "%2F is not allowed: a '/' between folders is "
			    "written as it is";
			return NULL;
		}
		if (c < 0x20 || c == 0x7F)
			goto control; /* %00, and tab and line ends too */
		*o++ = (char)c;
		p += 2;
	}
	*o = '\0';
	len = (size_t)(o - out);
	if (bp_find_control(out, len, &cp) < len)
		goto control; /* C1, as %C2%9B */
	if (bp_find_bad_utf8((const unsigned char *)out, len) < len) {
		*why = "its escapes do not make UTF-8";
		return NULL;
	}
	return out;
control:
	*why = "an escape makes a control character, which no file name "
	    "here may hold";
	return NULL;
}

/* The resolved path of the file `img->path` names, when it lies inside
 * the folder; NULL with the problem reported. */
static char *
resolve_inside(struct bp_image_set *s, const struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos)
{
	struct bp_buf path = BP_BUF_INIT;
	char *real = NULL;

	if (strstr(img->src, "://") != NULL) {
		bp_diag(d, pos, BP_E_IMAGE_READ, img->src,
		    "images must be local files");
		return NULL;
	}
	if (img->path[0] == '/') {
		bp_diag(d, pos, BP_E_IMAGE_OUTSIDE, img->src);
		return NULL;
	}
	if (s->root == NULL && (s->root = realpath(s->dir, NULL)) == NULL) {
		bp_diag(d, pos, BP_E_IMAGE_READ, img->src, strerror(errno));
		return NULL;
	}
	bp_buf_printf(&path, "%s/%s", s->dir, img->path);
	if (path.failed || (real = realpath(path.data, NULL)) == NULL)
		bp_diag(d, pos, BP_E_IMAGE_READ, img->src,
		    strerror(path.failed ? ENOMEM : errno));
	else if (!is_inside(s->root, real)) {
		bp_diag(d, pos, BP_E_IMAGE_OUTSIDE, img->src);
		free(real);
		real = NULL;
	}
	bp_buf_free(&path);
	return real;
}

/* Reads a regular file of known size into the arena. */
static bool
read_file(struct bp_image_set *s, int fd, const struct stat *st,
	struct bp_image *img)
{
	unsigned char *data = bp_arena_alloc(s->arena, (size_t)st->st_size + 1);
	size_t got = 0;

	while (got < (size_t)st->st_size) {
		ssize_t n = read(fd, data + got, (size_t)st->st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break; /* it shrank: what is there is checked */
		got += (size_t)n;
	}
	img->data = data;
	img->size = got;
	return true;
}

/* --- PNG through libpng ---------------------------------------------- */

struct png_src {
	const unsigned char *data;
	size_t size, off;   /* bytes */
	char why[160];      /* libpng's reason for refusing */
};

static void
png_read_memory(png_structp png, png_bytep out, size_t n)
{
	struct png_src *src = png_get_io_ptr(png);

	if (n > src->size - src->off)
		png_error(png, "the file ends early");
	memcpy(out, src->data + src->off, n);
	src->off += n;
}

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct png_src *src = png_get_error_ptr(png);

	snprintf(src->why, sizeof(src->why), "%s", msg);
	png_longjmp(png, 1);
}

static void
png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg; /* ancillary trouble: the picture still shows */
}

/* What reading a PNG found, and the limit it was held to. */
struct png_job {
	struct png_src src;
	uint32_t width, height;  /* pixels */
	unsigned channels;       /* after expansion to 8-bit samples */
	size_t budget;           /* decoded bytes still allowed */
	size_t decoded;          /* width * height * channels */
	enum { PNG_OK, PNG_INVALID, PNG_PIXELS, PNG_DECODED, PNG_NOMEM } verdict;
	unsigned char *pixels;   /* the decoded rows, when wanted */
	unsigned char *row;      /* scratch row, when only checking */
};

/* Sets up every transformation to 8-bit grey or RGB, with alpha where the
 * file has any transparency, and checks the limits before any pixel is
 * decoded.  Returns the number of interlace passes, 0 when over a limit. */
static int
png_prepare(png_structp png, png_infop info, struct png_job *j)
{
	int passes;

	png_read_info(png, info);
	j->width = png_get_image_width(png, info);
	j->height = png_get_image_height(png, info);
	if ((unsigned long long)j->width * j->height > BP_MAX_IMAGE_PIXELS) {
		j->verdict = PNG_PIXELS;
		return 0;
	}
	png_set_expand(png);   /* palette to RGB, low bit depths to 8, tRNS */
	png_set_scale_16(png);
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	j->channels = png_get_channels(png, info);
	j->decoded = (size_t)j->width * j->height * j->channels;
	if (j->decoded > j->budget) {
		j->verdict = PNG_DECODED;
		return 0;
	}
	return passes;
}

/* Decodes every row (into j->pixels, or one scratch row when only
 * checking), so that every CRC and every byte of compressed data is
 * checked.  libpng reports problems by longjmp to here. */
static void
png_run(struct png_job *j, bool keep)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING,
	    &j->src, png_on_error, png_on_warning);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	size_t rowbytes;
	int passes;

	j->verdict = PNG_NOMEM;
	if (info == NULL)
		goto out;
	if (setjmp(png_jmpbuf(png))) {
		j->verdict = PNG_INVALID; /* j->src.why says why */
		goto out;
	}
	png_set_read_fn(png, &j->src, png_read_memory);
	j->verdict = PNG_INVALID; /* until the whole file has been read */
	if ((passes = png_prepare(png, info, j)) == 0)
		goto out;
	rowbytes = png_get_rowbytes(png, info);
	if (keep)
		j->pixels = malloc(rowbytes * j->height);
	else
		j->row = malloc(rowbytes);
	if ((keep ? j->pixels : j->row) == NULL) {
		j->verdict = PNG_NOMEM;
		goto out;
	}
	for (int p = 0; p < passes; p++)
		for (uint32_t y = 0; y < j->height; y++)
			png_read_row(png, keep ? j->pixels + y * rowbytes :
			    j->row, NULL);
	png_read_end(png, NULL);
	j->verdict = PNG_OK;
out:
	free(j->row);
	j->row = NULL;
	png_destroy_read_struct(&png, &info, NULL);
}

/* --- JPEG header -------------------------------------------------------- */

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Walks the segments to the frame header the way libharu does, and
 * refuses what a PDF's DCTDecode cannot show.  NULL when it is fine. */
static const char *
check_jpeg(struct bp_arena *arena, struct bp_image *img)
{
	const unsigned char *p = img->data;
	size_t n = img->size;

	for (size_t i = 2; i + 4 <= n;) {
		unsigned marker = p[i + 1], len = be16(p + i + 2);
		if (p[i] != 0xFF)
			return "a marker is missing between segments";
		if (marker == 0xDA || marker == 0xD9)
			return "the image data comes before any frame header";
		if (len < 2 || len > n - i - 2)
			return "a segment runs past the end of the file";
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
		    marker != 0xC8 && marker != 0xCC) {
			unsigned ncomp;
			if (marker > 0xC2)
				return "it is lossless, hierarchical or "
				    "arithmetic-coded (use baseline or "
				    "progressive)";
			if (len < 8)
				return "its frame header is too short";
			if (p[i + 4] != 8)
				return bp_arena_printf(arena, "it has %u-bit "
				    "samples (only 8-bit ones print)",
				    p[i + 4]);
			img->height = be16(p + i + 5);
			img->width = be16(p + i + 7);
			ncomp = p[i + 9];
			if (img->width == 0 || img->height == 0)
				return "its width or height is 0";
			if (ncomp != 1 && ncomp != 3 && ncomp != 4)
				return bp_arena_printf(arena, "it has %u colour "
				    "components (grey, RGB or CMYK have 1, 3 "
				    "or 4)", ncomp);
			return NULL;
		}
		i += 2 + len;
	}
	return "it has no frame header";
}

/* --- checking one file ------------------------------------------------ */

static void
refuse(struct loaded *f, enum bp_diag_code code, const char *why,
	unsigned long long number)
{
	f->error = code;
	f->why = why;
	f->number = number;
}

static void
check_png(struct bp_image_set *s, struct loaded *f)
{
	struct png_job j;

	memset(&j, 0, sizeof(j));
	j.src.data = f->facts.data;
	j.src.size = f->facts.size;
	j.budget = BP_MAX_IMAGE_DECODED - s->decoded;
	png_run(&j, false);
	f->facts.width = j.width;
	f->facts.height = j.height;
	switch (j.verdict) {
	case PNG_OK:
		s->decoded += j.decoded;
		break;
	case PNG_INVALID:
		refuse(f, BP_E_IMAGE_PNG, bp_arena_strdup(s->arena,
		    j.src.why[0] ? j.src.why : "unreadable"), 0);
		break;
	case PNG_PIXELS:
		refuse(f, BP_E_IMAGE_PIXELS, NULL,
		    (unsigned long long)j.width * j.height);
		break;
	case PNG_DECODED:
		refuse(f, BP_E_IMAGE_DECODED, NULL, j.decoded);
		break;
	case PNG_NOMEM:
		refuse(f, BP_E_IMAGE_READ, strerror(ENOMEM), 0);
		break;
	}
}

/* The bytes a PNG file starts with: the longest of the tests, so
 * BP_IMAGE_HEAD (the JPEG test needs three). */
static const char png_signature[] = "\x89PNG\r\n\x1a\n";
_Static_assert(sizeof(png_signature) - 1 == BP_IMAGE_HEAD,
    "BP_IMAGE_HEAD is the length of a PNG's signature");

bool
bp_image_format_of(const unsigned char *head, size_t n,
	enum bp_image_format *format)
{
	if (n >= BP_IMAGE_HEAD &&
	    memcmp(head, png_signature, BP_IMAGE_HEAD) == 0)
		*format = BP_IMAGE_PNG;
	else if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 &&
	    head[2] == 0xFF)
		*format = BP_IMAGE_JPEG;
	else
		return false;
	return true;
}

static void
check_contents(struct bp_image_set *s, struct loaded *f)
{
	struct bp_image *img = &f->facts;
	const char *why;

	if (!bp_image_format_of(img->data, img->size, &img->format))
		refuse(f, BP_E_IMAGE_FORMAT, NULL, 0);
	else if (img->format == BP_IMAGE_PNG)
		check_png(s, f);
	else if ((why = check_jpeg(s->arena, img)) != NULL)
		refuse(f, BP_E_IMAGE_JPEG, why, 0);
	else if ((unsigned long long)img->width * img->height >
	    BP_MAX_IMAGE_PIXELS)
		refuse(f, BP_E_IMAGE_PIXELS, NULL,
		    (unsigned long long)img->width * img->height);
}

static void
report(const struct loaded *f, const char *src, struct bp_diags *d,
	struct bp_pos pos)
{
	switch (f->error) {
	case BP_E_IMAGE_PIXELS:
		bp_diag(d, pos, f->error, src, f->number,
		    (unsigned long long)BP_MAX_IMAGE_PIXELS);
		break;
	case BP_E_IMAGE_DECODED:
		bp_diag(d, pos, f->error, src, f->number,
		    (unsigned long long)BP_MAX_IMAGE_DECODED);
		break;
	case BP_E_IMAGE_FORMAT:
	case BP_E_IMAGE_NOT_FILE:
		bp_diag(d, pos, f->error, src);
		break;
	default:
		bp_diag(d, pos, f->error, src, f->why);
		break;
	}
}

static struct loaded *
find_path(struct bp_image_set *s, const char *real)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->files[i].real, real) == 0)
			return &s->files[i];
	return NULL;
}

static struct loaded *
find_loaded(struct bp_image_set *s, const struct stat *st)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->files[i].dev == st->st_dev &&
		    s->files[i].ino == st->st_ino)
			return &s->files[i];
	return NULL;
}

static struct loaded *
add_loaded(struct bp_image_set *s, char *real, const struct stat *st)
{
	struct loaded *f;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->files = bp_xreallocarray(s->files, s->cap, sizeof(*s->files));
	}
	f = &s->files[s->n++];
	memset(f, 0, sizeof(*f));
	f->real = real;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->error = BP_DIAG__MAX;
	return f;
}

/* Opens, reads and checks a file not seen before under this path: without
 * blocking on a FIFO or a device, and without following a link swapped in
 * since the path was resolved.  Takes `real`; NULL when it cannot be
 * opened (reported). */
static struct loaded *
load_file(struct bp_image_set *s, char *real, const struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos)
{
	struct loaded *f;
	struct stat st;
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW |
	    O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		bp_diag(d, pos, BP_E_IMAGE_READ, img->src, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(real);
		return NULL;
	}
	if ((f = find_loaded(s, &st)) != NULL) { /* another name for it */
		free(real);
		close(fd);
		return f;
	}
	f = add_loaded(s, real, &st);
	if (!S_ISREG(st.st_mode))
		refuse(f, BP_E_IMAGE_NOT_FILE, NULL, 0);
	else if ((unsigned long long)st.st_size > BP_MAX_INPUT)
		refuse(f, BP_E_IMAGE_READ, bp_arena_printf(s->arena,
		    "it is larger than the limit of %u bytes",
		    (unsigned)BP_MAX_INPUT), 0);
	else if (!read_file(s, fd, &st, &f->facts))
		refuse(f, BP_E_IMAGE_READ, bp_arena_strdup(s->arena,
		    strerror(errno)), 0);
	else
		check_contents(s, f);
	close(fd);
	return f;
}

bool
bp_image_set_load_file(struct bp_image_set *s, struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos)
{
	char *real;
	struct loaded *f;

	if (img->path == NULL)
		img->path = img->src;
	if ((real = resolve_inside(s, img, d, pos)) == NULL)
		return false;
	if ((f = find_path(s, real)) != NULL)
		free(real);
	else if ((f = load_file(s, real, img, d, pos)) == NULL)
		return false;
	if (f->error != BP_DIAG__MAX) {
		report(f, img->src, d, pos);
		return false;
	}
	img->format = f->facts.format;
	img->data = f->facts.data;
	img->size = f->facts.size;
	img->width = f->facts.width;
	img->height = f->facts.height;
	return true;
}

bool
bp_image_set_load(struct bp_image_set *s, struct bp_image *img,
	struct bp_diags *d, struct bp_pos pos)
{
	const char *why = NULL;

	if ((img->path = decode_address(s->arena, img->src, &why)) == NULL) {
		bp_diag(d, pos, BP_E_IMAGE_ADDRESS, img->src, why);
		return false;
	}
	return bp_image_set_load_file(s, img, d, pos);
}

/* --- decoding for PDF ------------------------------------------------- */

/* Splits interleaved colour-and-alpha samples into two planes, in place
 * for the colour; drops the alpha plane when every pixel is opaque. */
static int
split_alpha(struct bp_pixels *px, unsigned channels)
{
	size_t npix = (size_t)px->width * px->height;
	unsigned char *in = px->colour, *alpha;
	bool opaque = true;

	px->channels = channels - 1;
	if ((alpha = malloc(npix)) == NULL)
		return -1;
	for (size_t i = 0; i < npix; i++) {
		for (unsigned c = 0; c < px->channels; c++)
			in[i * px->channels + c] = in[i * channels + c];
		alpha[i] = in[i * channels + px->channels];
		opaque = opaque && alpha[i] == 0xFF;
	}
	if (opaque)
		free(alpha);
	else
		px->alpha = alpha;
	return 0;
}

int
bp_image_decode(const struct bp_image *img, struct bp_pixels *px)
{
	struct png_job j;

	memset(px, 0, sizeof(*px));
	memset(&j, 0, sizeof(j));
	j.src.data = img->data;
	j.src.size = img->size;
	j.budget = BP_MAX_IMAGE_DECODED;
	png_run(&j, true);
	if (j.verdict != PNG_OK) {
		free(j.pixels);
		return -1;
	}
	px->width = j.width;
	px->height = j.height;
	px->colour = j.pixels;
	px->channels = j.channels;
	if (j.channels == 2 || j.channels == 4)
		return split_alpha(px, j.channels);
	return 0;
}

void
bp_pixels_free(struct bp_pixels *px)
{
	if (px == NULL)
		return;
	free(px->colour);
	free(px->alpha);
	px->colour = px->alpha = NULL;
}
