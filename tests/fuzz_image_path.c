/* libFuzzer harness for image path resolution (make fuzz): any bytes as the
 * path an image names, resolved against a paper's folder holding links
 * that lead out of it, a FIFO, a folder, a link loop and a sibling folder
 * whose name starts with the folder's.  A file outside the folder that is
 * accepted is a bug (abort), as is a diagnostic with a control character,
 * a crash, a hang, a leak or undefined behaviour. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "image.h"
#include "internal.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every file outside the paper's folder ends with this, after its PNG. */
static const char outside_mark[] = "OUTSIDE-THE-PAPER-FOLDER";

/* A 1 x 1 grey PNG. */
static const unsigned char tiny_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00,
	0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49,
	0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* The paper's folder, absolute and relative to the working folder (which
 * libFuzzer's corpus paths need unchanged). */
static char paper_dir[PATH_MAX];
static char paper_rel[2 * PATH_MAX];
/* The tree's top folder, removed at exit. */
static char top_dir[PATH_MAX];

static int
remove_entry(const char *path, const struct stat *st, int type,
	struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(void)
{
	if (top_dir[0] != '\0')
		(void)nftw(top_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
die(const char *what)
{
	perror(what);
	abort();
}

static void
put_png(const char *path, bool outside)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(tiny_png, 1, sizeof(tiny_png), f) !=
	    sizeof(tiny_png) || (outside && fputs(outside_mark, f) < 0) ||
	    fclose(f) != 0)
		die(path);
}

static bool
is_marked(const struct bp_image *img)
{
	size_t n = sizeof(outside_mark) - 1;

	return img->size >= n &&
	    memcmp(img->data + img->size - n, outside_mark, n) == 0;
}

static void
link_to(const char *target, const char *path)
{
	if (symlink(target, path) != 0)
		die(path);
}

/* The oracle can fire: with the folder above as the root, the file outside
 * is accepted and seen as marked; a file inside is not marked. */
static void
self_check(void)
{
	struct bp_arena *arena = bp_arena_new();
	struct bp_image_set *set = bp_image_set_new(arena, "..");
	struct bp_image marked = { .src = "outside.png", .alt = "A" };
	struct bp_image plain = { .src = "paper/in.png", .alt = "A" };
	struct bp_diags d;

	bp_diags_init(&d, "fuzz.md");
	if (!bp_image_set_load(set, &marked, &d, (struct bp_pos){ 1, 1 }) ||
	    !is_marked(&marked) ||
	    !bp_image_set_load(set, &plain, &d, (struct bp_pos){ 1, 1 }) ||
	    is_marked(&plain)) {
		fprintf(stderr, "fuzz_image_path: the self-check failed\n");
		abort();
	}
	bp_image_set_free(set);
	bp_diags_free(&d);
	bp_arena_free(arena);
}

/* T/outside.png, T/paperx/sibling.png (outside); T/paper/ with in.png,
 * sub/deep.png and links in and out. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char top[] = "/tmp/bp-fuzz-path-XXXXXX", path[PATH_MAX + 64];
	char cwd[PATH_MAX];

	(void)argc;
	(void)argv;
	if (getcwd(cwd, sizeof(cwd)) == NULL || mkdtemp(top) == NULL ||
	    chdir(top) != 0)
		die("mkdtemp");
	snprintf(top_dir, sizeof(top_dir), "%s", top);
	atexit(remove_tree);
	put_png("outside.png", true);
	if (mkdir("paperx", 0755) != 0 || mkdir("paper", 0755) != 0 ||
	    mkdir("paper/sub", 0755) != 0 || mkdir("paper/dir.png", 0755) != 0)
		die("mkdir");
	put_png("paperx/sibling.png", true);
	put_png("paper/in.png", false);
	put_png("paper/sub/deep.png", false);
	if (mkfifo("paper/fifo.png", 0644) != 0)
		die("mkfifo");
	link_to("../outside.png", "paper/out-link.png");
	link_to("..", "paper/up");
	link_to("../in.png", "paper/sub/in-link.png");
	link_to("..", "paper/sub/parent");
	link_to("loop.png", "paper/loop.png");
	link_to("/etc/passwd", "paper/passwd.png");
	snprintf(path, sizeof(path), "%s/outside.png", top);
	link_to(path, "paper/abs-link.png");
	snprintf(paper_dir, sizeof(paper_dir), "%s/paper", top);
	if (chdir("paper") != 0)
		die(paper_dir);
	self_check();
	if (chdir(cwd) != 0)
		die(cwd);
	for (const char *p = cwd; *p != '\0'; p++)
		if (*p == '/' && p[1] != '\0')
			strcat(paper_rel, "../");
	strcat(paper_rel, paper_dir + 1);
	return 0;
}

/* Formatted diagnostics reach a terminal: nothing but text and newlines. */
static void
check_messages(struct bp_diags *d)
{
	struct bp_buf out = BP_BUF_INIT;

	bp_diags_format(d, false, &out);
	for (size_t i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.data[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f) {
			fprintf(stderr, "control byte 0x%02x in: %s\n", c,
			    out.data);
			abort();
		}
	}
	bp_buf_free(&out);
}

/* The first byte picks the folder as the command line gives it (relative
 * or absolute); the rest, up to a NUL, is the image path. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_arena *arena;
	struct bp_image_set *set;
	struct bp_image img;
	struct bp_diags d;
	struct bp_pos pos = { 11, 1 };
	const char *dir;
	char *src;

	if (size == 0)
		return 0;
	dir = data[0] & 1 ? paper_dir : paper_rel;
	arena = bp_arena_new();
	src = bp_arena_strndup(arena, (const char *)data + 1, size - 1);
	bp_diags_init(&d, "fuzz.md");
	set = bp_image_set_new(arena, dir);
	for (int use = 0; use < 2; use++) { /* the second from the set */
		memset(&img, 0, sizeof(img));
		img.src = src;
		img.alt = "A figure";
		if (bp_image_set_load(set, &img, &d, pos)) {
			if (is_marked(&img)) {
				fprintf(stderr, "accepted a file outside the "
				    "folder: '%s'\n", src);
				abort();
			}
		} else if (d.nerrors == 0) {
			fprintf(stderr, "refused '%s' with no error\n", src);
			abort();
		}
	}
	check_messages(&d);
	bp_image_set_free(set);
	bp_diags_free(&d);
	bp_arena_free(arena);
	return 0;
}
