/* Font files found by family name through fontconfig, so that the PDF
 * back-end never hard-codes where a distribution installs its fonts.
 *
 * Loading fontconfig's configuration parses some thirty XML files: about a
 * third of the cost of a small PDF.  So fontconfig's answers are also kept
 * on disk (XDG_CACHE_HOME/boardpaper/fonts-v2), each checked against the
 * font file's size and time before it is used, and valid only for the same
 * FONTCONFIG_* environment; on any doubt fontconfig is asked again. */
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "file.h"
#include "fonts.h"
#include "internal.h"

/* The answers file holds at most this many lines, the most recently used
 * first: sixteen families of four faces, a machine's house styles and the
 * defaults.  A longer file (a hostile or damaged one) is read only that
 * far, and one over CACHE_MAX_BYTES not at all; a face pushed off the end
 * costs one run that asks fontconfig.  The order is renewed whenever the
 * file is written, by a run that asked fontconfig, not by runs that only
 * read it: replacing the file for every paper would cost more than the
 * rare face evicted while still in use. */
#define CACHE_MAX_LINES 64
#define CACHE_LINE_BYTES (4096 + 256) /* a path of PATH_MAX, a family */
#define CACHE_MAX_BYTES ((CACHE_MAX_LINES + 1) * CACHE_LINE_BYTES)

/* Answers a process keeps: those read from disk and one for each face
 * it looked up, so a number its inputs bound (four a house style).  The
 * cap keeps the search short for a batch of thousands of house styles;
 * past it a face is still found, by asking fontconfig each time. */
#define MAX_ANSWERS 1024

/* How often, 2 ms apart, the cache folder's lock is tried before the
 * answers are left unwritten (another program holding it for long). */
#define LOCK_TRIES 50

/* format 2: faces listed, not matched (answers of 1 may name a made-up
 * face); its own file name, BP_FONT_CACHE_FILE, since fonts-v1 held both */
#define CACHE_MAGIC "boardpaper fonts " BP_FONT_CACHE_FORMAT

/* One face looked up: its file, or NULL when there is none. */
struct answer {
	char *family;
	bool bold, italic;
	char *path;
	long long size, mtime; /* the file's, as recorded; size -1: unknown */
	bool checked;       /* the file was seen to be that size and age */
	unsigned long used; /* the lookup of this run it last answered, 0:
	                     * none (kept from disk for other papers) */
};

struct answers {
	struct answer *a;
	size_t n, cap;
};

struct bp_fonts {
	FcConfig *config;
	bool loaded;        /* fontconfig's configuration was loaded */
	bool disk_read;     /* the answers on disk were read */
	struct answers answers;
	unsigned long lookups; /* bp_fonts_find calls so far */
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

/* A new answer at the end of `l`, or NULL when `l` holds `max`. */
static struct answer *
add_answer(struct answers *l, size_t max, const char *family, bool bold,
	bool italic, const char *path)
{
	struct answer *a;

	if (l->n == max)
		return NULL;
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->a = bp_xreallocarray(l->a, l->cap, sizeof(*l->a));
	}
	a = &l->a[l->n++];
	*a = (struct answer){ .family = bp_xstrdup(family), .bold = bold,
	    .italic = italic, .path = path != NULL ? bp_xstrdup(path) : NULL,
	    .size = -1, .mtime = -1 };
	return a;
}

static void
free_answers(struct answers *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->a[i].family);
		free(l->a[i].path);
	}
	free(l->a);
	*l = (struct answers){ 0 };
}

static struct answer *
find_answer(const struct answers *l, const char *family, bool bold,
	bool italic)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->a[i].family, family) == 0 &&
		    l->a[i].bold == bold && l->a[i].italic == italic)
			return &l->a[i];
	return NULL;
}

/* The cache folder, made when asked for, or NULL when there is none to
 * use. */
static char *
cache_folder(bool make)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct bp_buf p = BP_BUF_INIT;

	if (xdg != NULL && xdg[0] == '/')
		bp_buf_puts(&p, xdg);
	else if (home != NULL && home[0] == '/')
		bp_buf_printf(&p, "%s/.cache", home);
	else
		return NULL;
	if (make && mkdir(p.data, 0700) != 0 && errno != EEXIST)
		goto fail;
	bp_buf_puts(&p, "/boardpaper");
	if (make && mkdir(p.data, 0700) != 0 && errno != EEXIST)
		goto fail;
	if (p.failed)
		goto fail;
	return bp_buf_detach(&p, NULL);
fail:
	bp_buf_free(&p);
	return NULL;
}

/* The answers file in `folder`. */
static char *
cache_file(const char *folder)
{
	struct bp_buf p = BP_BUF_INIT;

	bp_buf_printf(&p, "%s/" BP_FONT_CACHE_FILE, folder);
	if (p.failed) {
		bp_buf_free(&p);
		return NULL;
	}
	return bp_buf_detach(&p, NULL);
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

/* A line "family TAB bold TAB italic TAB path TAB size TAB mtime", kept
 * as it is: whether the file is still that size and age is seen when the
 * answer is first used (answer_current). */
static void
read_cached_answer(struct answers *l, char *line)
{
	char *field[6], *save = NULL;
	struct answer *a;
	size_t n = 0;

	for (char *t = strtok_r(line, "\t\n", &save); t != NULL && n < 6;
	    t = strtok_r(NULL, "\t\n", &save))
		field[n++] = t;
	if (n != 6 || field[3][0] != '/' ||
	    find_answer(l, field[0], field[1][0] == '1', field[2][0] == '1'))
		return;
	a = add_answer(l, CACHE_MAX_LINES, field[0], field[1][0] == '1',
	    field[2][0] == '1', field[3]);
	if (a != NULL) {
		a->size = strtoll(field[4], NULL, 10);
		a->mtime = strtoll(field[5], NULL, 10);
	}
}

/* Reads a line of `fp` into `line`; a line too long for it is passed over
 * whole, not read as several.  False at the end of the file. */
static bool
read_line(FILE *fp, char *line, size_t size)
{
	size_t len;
	int c;

	for (;;) {
		if (fgets(line, (int)size, fp) == NULL)
			return false;
		len = strlen(line);
		if (len == 0 || line[len - 1] == '\n' || feof(fp))
			return true;
		while ((c = getc(fp)) != EOF && c != '\n')
			;
	}
}

/* Appends the answers of the file at `path` to `l`, at most
 * CACHE_MAX_LINES: none when it is not for this environment. */
static void
read_answers(const char *path, struct answers *l)
{
	struct bp_buf header = BP_BUF_INIT;
	char line[CACHE_LINE_BYTES];
	FILE *fp = NULL;
	struct stat st;
	int fd;

	/* by the policy for input files: a FIFO or a device there is not
	 * waited on (fontconfig is asked, and the file written anew) */
	if (bp_file_open_regular(path, CACHE_MAX_BYTES, &fd, &st) ==
	    BP_FILE_OK && (fp = fdopen(fd, "r")) == NULL)
		close(fd);
	cache_header(&header);
	if (fp != NULL && !header.failed &&
	    read_line(fp, line, sizeof(line)) &&
	    strcmp(line, header.data) == 0)
		for (size_t n = 0; n < CACHE_MAX_LINES &&
		    read_line(fp, line, sizeof(line)); n++)
			read_cached_answer(l, line);
	if (fp != NULL)
		fclose(fp);
	bp_buf_free(&header);
}

static void
read_cache(struct bp_fonts *f)
{
	char *folder, *path = NULL;

	if (f->disk_read)
		return;
	f->disk_read = true;
	if ((folder = cache_folder(false)) != NULL &&
	    (path = cache_file(folder)) != NULL)
		read_answers(path, &f->answers);
	free(path);
	free(folder);
}

/* Whether `a` names a file of the size and age recorded with it, seen
 * once a process. */
static bool
answer_current(struct answer *a)
{
	struct stat st;

	if (!a->checked)
		a->checked = a->path != NULL && stat(a->path, &st) == 0 &&
		    S_ISREG(st.st_mode) && a->size == (long long)st.st_size &&
		    a->mtime == (long long)st.st_mtime;
	return a->checked;
}

/* Takes the cache folder's lock (flock on the folder itself, so no file
 * is made for it) into `*fd`, or -1 where there are no locks.  Without it
 * two writers at once (the workers of -j N, or two runs) each replaced
 * the file with what they had read and found, and the first one's new
 * answers were lost.  False when another program has held it for long:
 * the answers are then left unwritten rather than waited on. */
static bool
lock_folder(const char *folder, int *fd)
{
	struct timespec pause = { 0, 2000000 };
	bool busy = false;

	if ((*fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return true;
	for (int i = 0; i < LOCK_TRIES; i++) {
		if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		if (!(busy = errno == EWOULDBLOCK || errno == EINTR))
			break;
		(void)nanosleep(&pause, NULL);
	}
	close(*fd);
	*fd = -1;
	return !busy;
}

/* Puts the line of `a` into `b`, unless a line for that face is there or
 * it cannot be read back; returns whether it did. */
static bool
put_answer(struct bp_buf *b, struct answers *written, const struct answer *a)
{
	if (a->path == NULL || a->size < 0 ||
	    strpbrk(a->path, "\t\n") != NULL ||
	    strpbrk(a->family, "\t\n") != NULL || a->family[0] == '\0' ||
	    find_answer(written, a->family, a->bold, a->italic) != NULL ||
	    add_answer(written, CACHE_MAX_LINES, a->family, a->bold,
	    a->italic, NULL) == NULL)
		return false;
	bp_buf_printf(b, "%s\t%d\t%d\t%s\t%lld\t%lld\n", a->family, a->bold,
	    a->italic, a->path, a->size, a->mtime);
	return true;
}

static int
by_last_use(const void *x, const void *y)
{
	const struct answer *a = *(const struct answer *const *)x;
	const struct answer *b = *(const struct answer *const *)y;

	return a->used < b->used ? 1 : a->used > b->used ? -1 : 0;
}

/* The answers this process used, the most recent first, then those of
 * `others` (the file as it is now), then this process's unused ones, at
 * most CACHE_MAX_LINES in all: the least recently used fall off. */
static void
put_answers(struct bp_buf *b, const struct bp_fonts *f,
	const struct answers *others)
{
	const struct answers *mine = &f->answers;
	const struct answer **used = bp_xreallocarray(NULL,
	    mine->n > 0 ? mine->n : 1, sizeof(*used));
	struct answers written = { 0 };
	size_t nused = 0;

	for (size_t i = 0; i < mine->n; i++)
		if (mine->a[i].used != 0)
			used[nused++] = &mine->a[i];
	qsort(used, nused, sizeof(*used), by_last_use);
	for (size_t i = 0; i < nused; i++)
		(void)put_answer(b, &written, used[i]);
	for (size_t i = 0; i < others->n; i++)
		(void)put_answer(b, &written, &others->a[i]);
	for (size_t i = 0; i < mine->n; i++)
		if (mine->a[i].used == 0)
			(void)put_answer(b, &written, &mine->a[i]);
	free_answers(&written);
	free(used);
}

/* Rewrites the answers file, under the folder's lock, with what it holds
 * now and this process's answers; any failure only means the next run
 * asks fontconfig again.  Through a temporary file renamed over it
 * (bp_file_write_atomic), so a reader sees the old file or the new. */
static void
write_cache(const struct bp_fonts *f)
{
	struct answers now = { 0 };
	struct bp_buf b = BP_BUF_INIT;
	char *folder = cache_folder(true), *path = NULL;
	struct stat st;
	int lock;

	if (folder == NULL || (path = cache_file(folder)) == NULL)
		goto out;
	/* an output is written into a FIFO or a device named as it; the
	 * cache is left alone there (writing would wait for a reader) */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		goto out;
	if (!lock_folder(folder, &lock))
		goto out;
	read_answers(path, &now);
	cache_header(&b);
	put_answers(&b, f, &now);
	if (!b.failed)
		(void)bp_file_write_atomic(path, b.data, b.len,
		    BP_FILE_REPLACE);
	if (lock >= 0)
		close(lock);
out:
	free_answers(&now);
	bp_buf_free(&b);
	free(path);
	free(folder);
}

void
bp_fonts_load(struct bp_fonts *f)
{
	char path[4096];

	/* each answer is kept, and seen current, for the workers to inherit:
	 * a face one first needs is then not a fontconfig configuration (15
	 * files and 45 caches) loaded in every worker, nor a stat in each */
	for (size_t i = 0; i < BP_FONTS_BUILTIN_FACES; i++) {
		const struct bp_fonts_face *face = bp_fonts_builtin(i);

		(void)bp_fonts_find(f, face->family, face->bold, face->italic,
		    path, sizeof(path));
	}
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
	free_answers(&f->answers);
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

/* The faces of `family` fontconfig lists (a family name matches in any
 * case), each with the properties `os` names; `os` is destroyed here.
 * NULL when there are none or memory ran out; FcFontSetDestroy frees it. */
static FcFontSet *
list_family(struct bp_fonts *f, const char *family, FcObjectSet *os)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
	    (char *)NULL);
	FcFontSet *set = NULL;

	if (pat != NULL && os != NULL)
		set = FcFontList(f->config, pat, os);
	if (os != NULL)
		FcObjectSetDestroy(os);
	if (pat != NULL)
		FcPatternDestroy(pat);
	return set;
}

/* The family's faces as fontconfig lists them (a family name matches in
 * any case), and the nearest to the one asked for.  Not FcFontMatch: it
 * answers with its best match whatever it is, another family or the
 * regular face made bold. */
static int
lookup(struct bp_fonts *f, const char *family, bool bold, bool italic,
	char *path, size_t size)
{
	FcFontSet *set;
	FcChar8 *file = NULL;
	long best = -1;

	if (f->config == NULL)
		return -1;
	set = list_family(f, family, FcObjectSetBuild(FC_FILE, FC_WEIGHT,
	    FC_SLANT, FC_WIDTH, FC_FONTFORMAT, (char *)NULL));
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
	return file != NULL ? 0 : -1;
}

/* One face of a family as fontconfig lists it, for a message. */
struct listed {
	int weight, slant;
	char *what; /* "ExtraLight (TrueType)" */
};

static int
listed_cmp(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if (x->slant != y->slant)
		return x->slant < y->slant ? -1 : 1;
	return strcmp(x->what, y->what);
}

/* A face as a message names it: its style name (fontconfig's first) and
 * its format. */
static struct listed
listed_of(FcPattern *face)
{
	FcChar8 *style = NULL, *format = NULL;
	struct bp_buf b = BP_BUF_INIT;
	struct listed l = { 0, 0, NULL };

	(void)FcPatternGetInteger(face, FC_WEIGHT, 0, &l.weight);
	(void)FcPatternGetInteger(face, FC_SLANT, 0, &l.slant);
	if (FcPatternGetString(face, FC_STYLE, 0, &style) == FcResultMatch)
		bp_buf_puts(&b, (const char *)style);
	else
		bp_buf_printf(&b, "weight %d", l.weight);
	if (FcPatternGetString(face, FC_FONTFORMAT, 0, &format) ==
	    FcResultMatch)
		bp_buf_printf(&b, " (%s)", (const char *)format);
	l.what = bp_buf_detach(&b, NULL);
	if (l.what == NULL)
		l.what = bp_xstrdup("a face");
	return l;
}

size_t
bp_fonts_faces_of(struct bp_fonts *f, const char *family, size_t max,
	struct bp_buf *out)
{
	FcFontSet *set;
	struct listed *v = NULL;
	size_t n = 0, shown = 0, distinct = 0;

	load_config(f);
	if (f->config == NULL)
		return 0;
	set = list_family(f, family, FcObjectSetBuild(FC_STYLE, FC_WEIGHT,
	    FC_SLANT, FC_FONTFORMAT, (char *)NULL));
	if (set != NULL && set->nfont > 0)
		v = bp_xreallocarray(NULL, (size_t)set->nfont, sizeof(*v));
	for (int i = 0; v != NULL && i < set->nfont; i++)
		v[n++] = listed_of(set->fonts[i]);
	/* fontconfig's order is its cache's: sorted, a message reads the same
	 * on every machine with those faces */
	if (n > 1)
		qsort(v, n, sizeof(*v), listed_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i].what, v[i - 1].what) == 0)
			continue;
		distinct++;
		if (shown < max) {
			bp_buf_printf(out, "%s%s", shown > 0 ? ", " : "",
			    v[i].what);
			shown++;
		}
	}
	if (distinct > shown)
		bp_buf_printf(out, " and %zu more", distinct - shown);
	for (size_t i = 0; i < n; i++)
		free(v[i].what);
	free(v);
	if (set != NULL)
		FcFontSetDestroy(set);
	return distinct;
}

/* Asks fontconfig for the face, and keeps the answer in `a` (NULL: a
 * new one, when there is room); a file found is written to the disk's
 * answers.  Returns `a`, or NULL when it was not kept. */
static struct answer *
ask_fontconfig(struct bp_fonts *f, struct answer *a, const char *family,
	bool bold, bool italic, char *found, size_t size)
{
	struct stat st;

	load_config(f);
	if (lookup(f, family, bold, italic, found, size) != 0)
		found[0] = '\0';
	if (a == NULL)
		a = add_answer(&f->answers, MAX_ANSWERS, family, bold, italic,
		    NULL);
	if (a == NULL)
		return NULL;
	free(a->path);
	a->path = found[0] != '\0' ? bp_xstrdup(found) : NULL;
	a->checked = true;
	a->size = a->mtime = -1;
	if (a->path != NULL && stat(a->path, &st) == 0) {
		a->size = (long long)st.st_size;
		a->mtime = (long long)st.st_mtime;
	}
	a->used = ++f->lookups;
	if (a->path != NULL)
		write_cache(f);
	return a;
}

int
bp_fonts_find(struct bp_fonts *f, const char *family, bool bold,
	bool italic, char *path, size_t size)
{
	struct answer *a;
	const char *file;
	char found[4096] = "";

	read_cache(f);
	a = find_answer(&f->answers, family, bold, italic);
	if (a != NULL && answer_current(a))
		a->used = ++f->lookups;
	else
		a = ask_fontconfig(f, a, family, bold, italic, found,
		    sizeof(found));
	file = a != NULL ? a->path : found[0] != '\0' ? found : NULL;
	if (file == NULL || strlen(file) >= size)
		return -1;
	memcpy(path, file, strlen(file) + 1);
	return 0;
}

/* Reads `len` bytes of `fd` into `buf`; false on an error or a short
 * file. */
static bool
read_fully(int fd, char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = read(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* Whether the open files `fa` and `fb`, of `size` bytes each, hold the
 * same bytes. */
static bool
same_bytes(int fa, int fb, off_t size)
{
	char x[16384], y[sizeof(x)];
	off_t done = 0;

	while (done < size) {
		size_t want = size - done < (off_t)sizeof(x) ?
		    (size_t)(size - done) : sizeof(x);
		if (!read_fully(fa, x, want) || !read_fully(fb, y, want) ||
		    memcmp(x, y, want) != 0)
			return false;
		done += (off_t)want;
	}
	return true;
}

bool
bp_fonts_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	bool same = false;
	int fa = -1, fb = -1;

	if (strcmp(a, b) == 0)
		return true;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return true;
	/* two faces of a family differ in size but for a rare accident, so
	 * the bytes are compared only then */
	if (!S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode) ||
	    sa.st_size != sb.st_size)
		return false;
	if ((fa = open(a, O_RDONLY | O_CLOEXEC)) >= 0 &&
	    (fb = open(b, O_RDONLY | O_CLOEXEC)) >= 0)
		same = same_bytes(fa, fb, sa.st_size);
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}
