/* Font files found by family name through fontconfig, so that the PDF
 * back-end never hard-codes where a distribution installs its fonts.
 *
 * Loading fontconfig's configuration parses some thirty XML files: about a
 * third of the cost of a small PDF.  So fontconfig's answers are also kept
 * on disk (XDG_CACHE_HOME/boardpaper/fonts-v2), each checked against the
 * font file's size and time before it is used, and valid only for the same
 * FONTCONFIG_* environment; on any doubt fontconfig is asked again. */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "file.h"
#include "fonts.h"
#include "internal.h"

#define MAX_ANSWERS 8

/* format 2: faces listed, not matched (answers of 1 may name a made-up
 * face); its own file name, BP_FONT_CACHE_FILE, since fonts-v1 held both */
#define CACHE_MAGIC "boardpaper fonts " BP_FONT_CACHE_FORMAT

/* One face looked up: its file, or NULL when there is none. */
struct answer {
	char *family;
	bool bold, italic;
	char *path;
};

struct bp_fonts {
	FcConfig *config;
	bool loaded;        /* fontconfig's configuration was loaded */
	bool disk_read;     /* the answers on disk were read */
	struct answer answers[MAX_ANSWERS];
	size_t nanswers;
	void *kept;         /* a back-end's, see bp_fonts_keep */
	void (*free_kept)(void *);
};

struct bp_fonts *
bp_fonts_new(void)
{
	return bp_xcalloc(1, sizeof(struct bp_fonts));
}

/* Loads fontconfig's configuration, once. */
static void
load_config(struct bp_fonts *f)
{
	if (f->loaded)
		return;
	f->loaded = true;
	/* A configuration of our own rather than fontconfig's process-wide
	 * one: its owner is the context, which the caller passes along. */
	f->config = FcInitLoadConfigAndFonts();
}

static void
add_answer(struct bp_fonts *f, const char *family, bool bold, bool italic,
	const char *path)
{
	struct answer *a;

	if (f->nanswers == MAX_ANSWERS)
		return;
	a = &f->answers[f->nanswers++];
	a->family = bp_xstrdup(family);
	a->bold = bold;
	a->italic = italic;
	a->path = path != NULL ? bp_xstrdup(path) : NULL;
}

/* The answers file, or NULL when there is no cache folder to use. */
static char *
cache_file(bool make_folder)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct bp_buf p = BP_BUF_INIT;

	if (xdg != NULL && xdg[0] == '/')
		bp_buf_puts(&p, xdg);
	else if (home != NULL && home[0] == '/')
		bp_buf_printf(&p, "%s/.cache", home);
	else
		return NULL;
	if (make_folder && mkdir(p.data, 0700) != 0 && errno != EEXIST)
		goto fail;
	bp_buf_puts(&p, "/boardpaper");
	if (make_folder && mkdir(p.data, 0700) != 0 && errno != EEXIST)
		goto fail;
	bp_buf_puts(&p, "/" BP_FONT_CACHE_FILE);
	return bp_buf_detach(&p, NULL);
fail:
	bp_buf_free(&p);
	return NULL;
}

/* The first line of the answers file: they hold for this environment. */
static void
cache_header(struct bp_buf *b)
{
	static const char *const vars[] = { "FONTCONFIG_FILE",
		"FONTCONFIG_PATH", "FONTCONFIG_SYSROOT" };

	bp_buf_puts(b, CACHE_MAGIC);
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		bp_buf_printf(b, "\t%s", v != NULL ? v : "");
	}
	bp_buf_putc(b, '\n');
}

/* A line "family TAB bold TAB italic TAB path TAB size TAB mtime": taken
 * only while the file is still that size and age. */
static void
read_cached_answer(struct bp_fonts *f, char *line)
{
	char *field[6], *save = NULL;
	struct stat st;
	size_t n = 0;

	for (char *t = strtok_r(line, "\t\n", &save); t != NULL && n < 6;
	    t = strtok_r(NULL, "\t\n", &save))
		field[n++] = t;
	if (n != 6 || stat(field[3], &st) != 0 || !S_ISREG(st.st_mode) ||
	    strtoll(field[4], NULL, 10) != (long long)st.st_size ||
	    strtoll(field[5], NULL, 10) != (long long)st.st_mtime)
		return;
	add_answer(f, field[0], field[1][0] == '1', field[2][0] == '1',
	    field[3]);
}

static void
read_cache(struct bp_fonts *f)
{
	struct bp_buf header = BP_BUF_INIT;
	char line[4096 + 256], *path;
	FILE *fp = NULL;
	struct stat st;
	int fd;

	if (f->disk_read)
		return;
	f->disk_read = true;
	if ((path = cache_file(false)) == NULL)
		return;
	/* by the policy for input files: a FIFO or a device there is not
	 * waited on (fontconfig is asked, and the file written anew) */
	if (bp_file_open_regular(path, SIZE_MAX, &fd, &st) == BP_FILE_OK &&
	    (fp = fdopen(fd, "r")) == NULL)
		close(fd);
	cache_header(&header);
	if (fp != NULL && fgets(line, sizeof(line), fp) != NULL &&
	    strcmp(line, header.data) == 0)
		while (fgets(line, sizeof(line), fp) != NULL)
			read_cached_answer(f, line);
	if (fp != NULL)
		fclose(fp);
	bp_buf_free(&header);
	free(path);
}

/* Rewrites the answers file with every face found; any failure only
 * means the next run asks fontconfig again. */
static void
write_cache(const struct bp_fonts *f)
{
	struct bp_buf b = BP_BUF_INIT;
	char *path = cache_file(true);
	struct stat st;

	if (path == NULL)
		return;
	/* an output is written into a FIFO or a device named as it; the
	 * cache is left alone there (writing would wait for a reader) */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(path);
		return;
	}
	cache_header(&b);
	for (size_t i = 0; i < f->nanswers; i++) {
		const struct answer *a = &f->answers[i];
		if (a->path == NULL || strpbrk(a->path, "\t\n") != NULL ||
		    stat(a->path, &st) != 0)
			continue;
		bp_buf_printf(&b, "%s\t%d\t%d\t%s\t%lld\t%lld\n", a->family,
		    a->bold, a->italic, a->path, (long long)st.st_size,
		    (long long)st.st_mtime);
	}
	if (!b.failed)
		(void)bp_file_write_atomic(path, b.data, b.len,
		    BP_FILE_REPLACE);
	bp_buf_free(&b);
	free(path);
}

void
bp_fonts_load(struct bp_fonts *f)
{
	read_cache(f);
	if (f->nanswers == 0)
		load_config(f);
}

void
bp_fonts_keep(struct bp_fonts *f, void *kept, void (*free_fn)(void *))
{
	if (f->free_kept != NULL)
		f->free_kept(f->kept);
	f->kept = kept;
	f->free_kept = free_fn;
}

void *
bp_fonts_kept(const struct bp_fonts *f)
{
	return f->kept;
}

void
bp_fonts_free(struct bp_fonts *f)
{
	if (f == NULL)
		return;
	if (f->free_kept != NULL)
		f->free_kept(f->kept);
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	for (size_t i = 0; i < f->nanswers; i++) {
		free(f->answers[i].family);
		free(f->answers[i].path);
	}
	free(f);
}

/* How far a listed face is from the one asked for, or -1 when it is not
 * that face at all: a regular weight (Book to Medium) or a bold one
 * (Demibold to Extrabold); italic or oblique for an italic (DejaVu has
 * only Oblique), upright otherwise; TrueType, as the PDF embeds it.  The
 * family's normal width wins over its condensed faces, the exact weight
 * over a near one, italic over oblique. */
static long
face_distance(FcPattern *face, bool bold, bool italic)
{
	FcChar8 *format = NULL, *file = NULL;
	int w = -1, s = -1, width = FC_WIDTH_NORMAL;
	int want = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
	long d;

	if (FcPatternGetInteger(face, FC_WEIGHT, 0, &w) != FcResultMatch ||
	    FcPatternGetInteger(face, FC_SLANT, 0, &s) != FcResultMatch ||
	    FcPatternGetString(face, FC_FILE, 0, &file) != FcResultMatch)
		return -1;
	if (FcPatternGetString(face, FC_FONTFORMAT, 0, &format) ==
	    FcResultMatch && strcmp((const char *)format, "TrueType") != 0)
		return -1;
	if (bold ? w < FC_WEIGHT_DEMIBOLD || w > FC_WEIGHT_EXTRABOLD :
	    w < FC_WEIGHT_BOOK || w > FC_WEIGHT_MEDIUM)
		return -1;
	if (italic ? s != FC_SLANT_ITALIC && s != FC_SLANT_OBLIQUE :
	    s != FC_SLANT_ROMAN)
		return -1;
	(void)FcPatternGetInteger(face, FC_WIDTH, 0, &width);
	d = labs((long)w - want) * 2 + (s == FC_SLANT_OBLIQUE);
	if (width != FC_WIDTH_NORMAL)
		d += 1000;
	return d;
}

/* The family's faces as fontconfig lists them (a family name matches in
 * any case), and the nearest to the one asked for.  Not FcFontMatch: it
 * answers with its best match whatever it is, another family or the
 * regular face made bold. */
static int
lookup(struct bp_fonts *f, const char *family, bool bold, bool italic,
	char *path, size_t size)
{
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *set = NULL;
	FcChar8 *file = NULL;
	long best = -1;

	if (f->config == NULL)
		return -1;
	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
	    (char *)NULL);
	os = FcObjectSetBuild(FC_FILE, FC_WEIGHT, FC_SLANT, FC_WIDTH,
	    FC_FONTFORMAT, (char *)NULL);
	if (pat != NULL && os != NULL)
		set = FcFontList(f->config, pat, os);
	for (int i = 0; set != NULL && i < set->nfont; i++) {
		long d = face_distance(set->fonts[i], bold, italic);
		FcChar8 *this_file = NULL;
		if (d < 0 || (best >= 0 && d >= best) ||
		    FcPatternGetString(set->fonts[i], FC_FILE, 0,
		    &this_file) != FcResultMatch ||
		    strlen((const char *)this_file) >= size)
			continue;
		best = d;
		file = this_file;
	}
	if (file != NULL)
		memcpy(path, file, strlen((const char *)file) + 1);
	if (set != NULL)
		FcFontSetDestroy(set);
	if (os != NULL)
		FcObjectSetDestroy(os);
	if (pat != NULL)
		FcPatternDestroy(pat);
	return file != NULL ? 0 : -1;
}

static const struct answer *
find_answer(const struct bp_fonts *f, const char *family, bool bold,
	bool italic)
{
	for (size_t i = 0; i < f->nanswers; i++)
		if (strcmp(f->answers[i].family, family) == 0 &&
		    f->answers[i].bold == bold && f->answers[i].italic == italic)
			return &f->answers[i];
	return NULL;
}

int
bp_fonts_find(struct bp_fonts *f, const char *family, bool bold,
	bool italic, char *path, size_t size)
{
	const struct answer *a;
	const char *file;
	char found[4096] = "";

	read_cache(f);
	if ((a = find_answer(f, family, bold, italic)) == NULL) {
		load_config(f);
		if (lookup(f, family, bold, italic, found, sizeof(found)) != 0)
			found[0] = '\0';
		add_answer(f, family, bold, italic, found[0] ? found : NULL);
		if (found[0] != '\0')
			write_cache(f);
		a = find_answer(f, family, bold, italic);
	}
	file = a != NULL ? a->path : found[0] != '\0' ? found : NULL;
	if (file == NULL || strlen(file) >= size)
		return -1;
	memcpy(path, file, strlen(file) + 1);
	return 0;
}
