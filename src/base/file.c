/* Whole files, for every stage: folders of paths, atomic writes, and the
 * one policy by which input files are read. */
#define _GNU_SOURCE /* O_TMPFILE: Linux's, and glibc names it only so */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "boardpaper/diag.h"
#include "file.h"
#include "internal.h"

/* The folder part of `path`: a constant "." or "/", or the first `*len`
 * bytes of `path`. */
static const char *
folder_span(const char *path, size_t *len)
{
	const char *slash = strrchr(path, '/');

	*len = 1;
	if (strcmp(path, "-") == 0 || slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	*len = (size_t)(slash - path);
	return path;
}

char *
bp_file_folder(const char *path)
{
	size_t len;
	const char *s = folder_span(path, &len);
	char *dir = bp_xmalloc(len + 1);

	memcpy(dir, s, len);
	dir[len] = '\0';
	return dir;
}

const char *
bp_file_folder_in(struct bp_arena *arena, const char *path)
{
	size_t len;
	const char *s = folder_span(path, &len);

	return s == path ? bp_arena_strndup(arena, s, len) : s;
}

int
bp_file_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* An output's temporary name is ".NAME." and the TEMP_FILL characters
 * mkstemp replaces: temp_name makes it, is_temp_name recognises it. */
#define TEMP_FILL "XXXXXX"
#define TEMP_FILL_LEN (sizeof(TEMP_FILL) - 1)

/* ".NAME.XXXXXX" in the folder of `path`, for mkstemp. */
static void
temp_name(struct bp_buf *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		bp_buf_put(tmp, path, (size_t)(slash - path + 1));
	bp_buf_printf(tmp, ".%s." TEMP_FILL, slash ? slash + 1 : path);
}

/* Whether `entry`, a name in a folder, is one temp_name and mkstemp make
 * for the file `base` there: ".BASE." and TEMP_FILL_LEN letters or
 * digits (what glibc and musl fill in). */
static bool
is_temp_name(const char *entry, const char *base)
{
	size_t n = strlen(base);
	const char *fill = entry + 1 + n + 1;

	if (entry[0] != '.' || strncmp(entry + 1, base, n) != 0 ||
	    entry[1 + n] != '.' || strlen(fill) != TEMP_FILL_LEN)
		return false;
	for (size_t i = 0; i < TEMP_FILL_LEN; i++)
		if (!((fill[i] >= 'a' && fill[i] <= 'z') ||
		    (fill[i] >= 'A' && fill[i] <= 'Z') ||
		    (fill[i] >= '0' && fill[i] <= '9')))
			return false;
	return true;
}

/* Makes the file `fd` 0666 less the umask.  open(2)'s mode would do the
 * same where the folder has no default ACL; where it has one, open
 * follows the ACL and not the umask, and this keeps the mode of a first
 * build the same as a rebuild's through the temporary name. */
static int
set_mode(int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

/* Fills the temporary file and puts it in place; -1 with errno set. */
static int
fill_and_place(int fd, const char *tmp, const char *path, const void *data,
	size_t len, enum bp_file_replace mode)
{
	if (set_mode(fd) != 0 || bp_file_write_all(fd, data, len) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (close(fd) != 0)
		return -1;
	if (mode == BP_FILE_REPLACE)
		return rename(tmp, path);
	/* link() fails with EEXIST where rename() would replace */
	if (link(tmp, path) != 0)
		return -1;
	unlink(tmp);
	return 0;
}

/* Gives the unnamed file `fd` the name `path`, which must not exist
 * (EEXIST): one operation on the folder, where the named temporary file
 * takes two (its creation, then the rename) or three (creation, link,
 * unlink).  AT_EMPTY_PATH needs no /proc; Linux allows it to the
 * process that opened the file from 6.10, before that only with
 * CAP_DAC_READ_SEARCH (ENOENT otherwise).  The link through
 * /proc/self/fd needs no privilege but needs /proc, which a chroot or a
 * container may lack (ENOENT) or keep from this process (EACCES, after a
 * change of credentials).  hidepid does not hide a process from itself,
 * and the name holds any fd number.  0, or -1 with errno set. */
static int
link_unnamed(int fd, const char *path)
{
	char proc[sizeof("/proc/self/fd/") + 3 * sizeof(int)];

	if (linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}

/* What place_unnamed did. */
enum unnamed {
	UNNAMED_PLACED,	  /* the whole file is at `path` */
	UNNAMED_FAILED,	  /* it cannot be written: errno says why */
	UNNAMED_NOT_HERE  /* nothing done: take the named temporary file */
};

/* Writes `path`, where no file is, through a file with no name in its
 * folder (O_TMPFILE), named only once it is whole: a failure or a signal
 * at any point, SIGKILL too, leaves nothing behind, as the file vanishes
 * with its descriptor.  When the open or the link fails, the named
 * temporary file is taken, as if this had not been tried: O_TMPFILE is
 * missing on some filesystems (EOPNOTSUPP: vfat, FUSE, NFS before 4.2)
 * and kernels (EISDIR before Linux 3.11, which ignored the flag and
 * opened the folder), and the link can be refused (see link_unnamed)
 * with errors that differ with the kernel and the filesystem (ENOENT,
 * EACCES, EPERM, EXDEV), so none is taken as final; a real error (EACCES
 * or ENOENT for the folder, ENOSPC, EROFS) the named file meets again
 * and reports with the errno it always did.  The exception is EEXIST:
 * the name was taken, which for BP_FILE_NO_REPLACE is the answer and for
 * BP_FILE_REPLACE means a file arrived to be replaced.  A write that
 * fails (EFBIG past ulimit -f, ENOSPC) would fail the same way there. */
static enum unnamed
place_unnamed(const char *path, const void *data, size_t len,
	enum bp_file_replace mode)
{
	int fd = -1, saved;

#ifdef O_TMPFILE
	char *folder = bp_file_folder(path);

	fd = open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	free(folder);
#endif
	if (fd < 0)
		return UNNAMED_NOT_HERE;
	if (set_mode(fd) != 0 || bp_file_write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return UNNAMED_FAILED;
	}
	if (link_unnamed(fd, path) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return errno == EEXIST && mode == BP_FILE_NO_REPLACE ?
		    UNNAMED_FAILED : UNNAMED_NOT_HERE;
	}
	/* the named way checks close before the rename; here the file is
	 * already named, so one that close finds wanting is taken away */
	if (close(fd) != 0) {
		saved = errno;
		unlink(path);
		errno = saved;
		return UNNAMED_FAILED;
	}
	return UNNAMED_PLACED;
}

/* A device or a FIFO named as the output (`-o /dev/null`) is written
 * into: renaming a file over it would replace the device itself, and for
 * root that is /dev/null gone for every program on the machine.  So is a
 * file named through /proc or /dev/fd (`-o /dev/stdout`), another open
 * file: appended to, as a stream is, not truncated under its writer. */
static int
write_into(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC), saved;

	if (fd < 0)
		return -1;
	if (bp_file_write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* /dev/stdout links to /proc/self/fd/1, and /dev/fd to /proc/self/fd. */
static bool
names_open_file(const char *path)
{
	return strncmp(path, "/proc/", 6) == 0 ||
	    strncmp(path, "/dev/fd/", 8) == 0;
}

/* What the symbolic link `path` (its `st`) points to, named from the
 * working folder; malloc'd, or NULL with errno set. */
static char *
follow_link(const char *path, const struct stat *st)
{
	size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : 4096;
	char *to = bp_xmalloc(cap);
	ssize_t n = readlink(path, to, cap);
	struct bp_buf joined = BP_BUF_INIT;
	const char *slash = strrchr(path, '/');

	if (n < 0 || (size_t)n >= cap) {
		if (n >= 0)
			errno = ENAMETOOLONG;
		free(to);
		return NULL;
	}
	to[n] = '\0';
	if (to[0] == '/' || slash == NULL)
		return to;
	bp_buf_put(&joined, path, (size_t)(slash - path + 1));
	bp_buf_puts(&joined, to);
	free(to);
	if (joined.failed) {
		bp_buf_free(&joined);
		errno = ENOMEM;
		return NULL;
	}
	return bp_buf_detach(&joined, NULL);
}

/* What is at the end of an output's chain of links. */
enum output_kind {
	OUTPUT_NEW,    /* nothing (ENOENT) */
	OUTPUT_FILE,   /* a regular file, to be replaced */
	OUTPUT_INTO,   /* a device, a FIFO, a folder or a name in /proc or
			* /dev/fd: written into */
	OUTPUT_UNSEEN  /* lstat failed otherwise: writing it says why */
};

/* Where an output named `path` goes: the end of its chain of symbolic
 * links, so that a link is written through, kept, and its target
 * replaced (renaming over the link replaced the link by a file, the
 * target left as it was); malloc'd, or NULL with errno set.  `*kind`
 * says what is there (the chain stops at a name in /proc or /dev/fd). */
static char *
output_target(const char *path, enum output_kind *kind)
{
	char *p = bp_xstrdup(path), *next;
	struct stat st;

	for (int hops = 0;; hops++) {
		if (names_open_file(p)) {
			*kind = OUTPUT_INTO;
			return p;
		}
		if (lstat(p, &st) != 0) {
			*kind = errno == ENOENT ? OUTPUT_NEW : OUTPUT_UNSEEN;
			return p;
		}
		if (!S_ISLNK(st.st_mode)) {
			*kind = S_ISREG(st.st_mode) ? OUTPUT_FILE : OUTPUT_INTO;
			return p;
		}
		next = hops < 40 ? follow_link(p, &st) : NULL;
		if (hops >= 40)
			errno = ELOOP;
		free(p);
		if ((p = next) == NULL)
			return NULL;
	}
}

/* Through a temporary file beside `path` and a rename (a link), signals
 * held off; `fresh`: no file was at `path` when it was looked up, so it
 * is written through a file with no name first. */
static int
write_through_temp(const char *path, const void *data, size_t len,
	enum bp_file_replace mode, bool fresh)
{
	struct bp_buf tmp = BP_BUF_INIT;
	enum unnamed done = UNNAMED_NOT_HERE;
	sigset_t block, old;
	int fd, rc = -1, saved;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (fresh && (done = place_unnamed(path, data, len, mode)) !=
	    UNNAMED_NOT_HERE) {
		rc = done == UNNAMED_PLACED ? 0 : -1;
		goto out;
	}
	temp_name(&tmp, path);
	if (tmp.failed) {
		errno = ENOMEM;
		goto out;
	}
	if ((fd = mkstemp(tmp.data)) < 0)
		goto out;
	if (fill_and_place(fd, tmp.data, path, data, len, mode) != 0) {
		saved = errno;
		unlink(tmp.data);
		errno = saved;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	bp_buf_free(&tmp);
	errno = saved;
	return rc;
}

int
bp_file_write_atomic(const char *path, const void *data, size_t len,
	enum bp_file_replace mode)
{
	enum output_kind kind;
	char *target;
	int rc, saved;

	/* a link at `path` is an existing file: link() refuses it */
	if (mode == BP_FILE_NO_REPLACE)
		return write_through_temp(path, data, len, mode, true);
	if ((target = output_target(path, &kind)) == NULL)
		return -1;
	if (kind == OUTPUT_INTO)
		rc = write_into(target, data, len);
	else
		rc = write_through_temp(target, data, len, mode,
		    kind == OUTPUT_NEW);
	saved = errno;
	free(target);
	errno = saved;
	return rc;
}

/* Removes, in the folder `dir`, the regular files of this user named as
 * temporary files of `base`. */
static void
remove_temps_in(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (is_temp_name(e->d_name, base) &&
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

void
bp_file_remove_temps(const char *path)
{
	enum output_kind kind = OUTPUT_INTO;
	char *target = output_target(path, &kind), *dir;
	const char *slash;

	/* where bp_file_write_atomic would have made its temporary file */
	if (target == NULL || kind == OUTPUT_INTO) {
		free(target);
		return;
	}
	slash = strrchr(target, '/');
	dir = bp_file_folder(target);
	remove_temps_in(dir, slash != NULL ? slash + 1 : target);
	free(dir);
	free(target);
}

/* Makes a file in the folder `dir` and takes it away, as
 * bp_file_write_atomic would make one there: one with no name
 * (O_TMPFILE), which vanishes with its descriptor, else a named
 * temporary file, removed at once, signals held off meanwhile. */
int
bp_file_probe_folder(const char *dir)
{
	struct bp_buf tmp = BP_BUF_INIT;
	sigset_t block, old;
	int fd, saved;

#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)) >= 0)
		return close(fd);
#endif
	bp_buf_puts(&tmp, dir);
	if (tmp.len > 0 && tmp.data[tmp.len - 1] != '/')
		bp_buf_putc(&tmp, '/');
	bp_buf_puts(&tmp, ".boardpaper-probe." TEMP_FILL);
	if (tmp.failed) {
		bp_buf_free(&tmp);
		errno = ENOMEM;
		return -1;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	if ((fd = mkstemp(tmp.data)) >= 0) {
		unlink(tmp.data);
		fd = close(fd);
	}
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	bp_buf_free(&tmp);
	errno = saved;
	return fd < 0 ? -1 : 0;
}

int
bp_file_probe_output(const char *path)
{
	enum output_kind kind;
	char *target = output_target(path, &kind), *dir;
	int rc, saved;

	if (target == NULL)
		return -1;
	if (kind == OUTPUT_UNSEEN) {
		/* what lstat said (output_target keeps its errno) */
		saved = errno;
		free(target);
		errno = saved;
		return -1;
	}
	if (kind == OUTPUT_INTO) {
		free(target);
		return 0;
	}
	dir = bp_file_folder(target);
	rc = bp_file_probe_folder(dir);
	saved = errno;
	free(dir);
	free(target);
	errno = saved;
	return rc;
}

/* Appends what `fd` holds, up to `max` + 1 bytes; -1 with errno set. */
static int
read_up_to(int fd, size_t max, struct bp_buf *out)
{
	char chunk[65536];
	ssize_t n;

	while (out->len <= max && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		bp_buf_put(out, chunk, (size_t)n);
		if (out->failed) {
			errno = ENOMEM;
			return -1;
		}
	}
	return 0;
}

const char *
bp_file_untrusted(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return "refused: it is writable by group or others";
	if (st->st_uid != 0 && st->st_uid != geteuid())
		return "refused: it is owned by another user";
	return NULL;
}

/* How many symbolic links one check follows at most, as many as the
 * kernel follows in one path (a path through more fails with ELOOP): a
 * loop of links is not walked for ever. */
#define MAX_LINKS 40

/* One check of the names a file is reached through. */
struct name_walk {
	char *own;          /* the running program's real folder, or NULL */
	bool own_known;     /* own is looked up (program_folder) */
	int links;          /* symbolic links followed so far */
	struct bp_buf *why; /* receives the refusal */
};

static char *program_folder(void);

static bool untrusted_names(const char *path, size_t stop,
	struct name_walk *w);

/* Why the directory `dir`, of status `st`, could let someone else swap
 * what is in it, or NULL.  `own` is the folder of the running program:
 * whoever owns it or a folder above it could have swapped the program
 * itself, so their owning a folder on the way adds no risk.  That is the
 * case of a build tree owned by one user and used by another, root in a
 * CI container above all. */
static const char *
untrusted_dir(const char *dir, const struct stat *st, struct name_walk *w)
{
	size_t n = strlen(dir);
	const char *own;

	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    (st->st_mode & S_ISVTX) == 0)
		return "is writable by group or others";
	if (st->st_uid == 0 || st->st_uid == geteuid())
		return NULL;
	/* looked up only now: resolving /proc/self/exe costs seven
	 * readlinks, and a walk through root's and the user's directories
	 * never needs it */
	if (!w->own_known) {
		w->own = program_folder();
		w->own_known = true;
	}
	own = w->own;
	if (own != NULL && strncmp(own, dir, n) == 0 &&
	    (own[n] == '\0' || own[n] == '/' || strcmp(dir, "/") == 0))
		return NULL;
	return "is owned by another user";
}

/* Whether the symbolic link `link` (its own status `lst`) belongs to
 * someone other than root, this user or the owner of its directory.  A
 * link's mode means nothing and what it holds cannot be changed: it can
 * only be replaced, by whoever may write its directory (a name of the
 * path, checked in its turn) or, when that directory is sticky as /tmp
 * is, by the link's owner. */
static bool
foreign_link(const char *link, const struct stat *lst)
{
	char *folder;
	struct stat st;
	bool foreign;

	if (lst->st_uid == 0 || lst->st_uid == geteuid())
		return false;
	folder = bp_file_folder(link);
	foreign = stat(folder, &st) != 0 || st.st_uid != lst->st_uid;
	free(folder);
	return foreign;
}

/* The path `target` that the link `link` holds, walked as the path
 * itself is: its directories lead to the file as much as the path's own.
 * A relative one is walked from the link's folder down: that folder and
 * those above it are names of the path, walked already. */
static bool
untrusted_target(const char *link, const char *target, struct name_walk *w)
{
	char *folder, *joined;
	bool bad;

	if (target[0] == '/')
		return untrusted_names(target, 0, w);
	folder = bp_file_folder(link);
	joined = bp_xmalloc(strlen(folder) + strlen(target) + 2);
	sprintf(joined, "%s/%s", strcmp(folder, "/") == 0 ? "" : folder,
	    target);
	bad = untrusted_names(joined, strlen(folder), w);
	free(joined);
	free(folder);
	return bad;
}

/* Whether the symbolic link `link` on the way (status `lst`) lets anyone
 * but root or this user change where the path leads: by its owner
 * (foreign_link), or through the path it holds (untrusted_target). */
static bool
untrusted_link(const char *link, const struct stat *lst, struct name_walk *w)
{
	char target[PATH_MAX];
	ssize_t n;

	if (foreign_link(link, lst)) {
		bp_buf_printf(w->why, "refused: the symbolic link %s is owned "
		    "by another user", link);
		return true;
	}
	if (++w->links > MAX_LINKS) {
		bp_buf_printf(w->why, "refused: the symbolic link %s cannot be "
		    "followed: %s", link, strerror(ELOOP));
		return true;
	}
	if ((n = readlink(link, target, sizeof(target) - 1)) < 0) {
		bp_buf_printf(w->why, "refused: the symbolic link %s cannot be "
		    "read: %s", link, strerror(errno));
		return true;
	}
	target[n] = '\0';
	return untrusted_target(link, target, w);
}

/* Whether the name `name` on the way to the file lets anyone but root or
 * this user swap what it leads to: a symbolic link (untrusted_link, then
 * what it leads to), a directory (untrusted_dir).  A name that is not
 * there leads nowhere (the file is then not found); one that cannot be
 * looked up for any other reason is refused, not let through unchecked. */
static bool
untrusted_name(const char *name, struct name_walk *w)
{
	struct stat st;
	const char *bad;
	int rc = lstat(name, &st);

	if (rc == 0 && S_ISLNK(st.st_mode)) {
		if (untrusted_link(name, &st, w))
			return true;
		rc = stat(name, &st);
	}
	if (rc != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return false;
		bp_buf_printf(w->why, "refused: %s cannot be checked: %s", name,
		    strerror(errno));
		return true;
	}
	if (!S_ISDIR(st.st_mode) ||
	    (bad = untrusted_dir(name, &st, w)) == NULL)
		return false;
	bp_buf_printf(w->why, "refused: the directory %s %s", name, bad);
	return true;
}

/* Each name of `path`, from the whole of it (the file, or the path a
 * link holds) up to the root or to the first name of a relative path,
 * by untrusted_name; but none of `stop` bytes or fewer. */
static bool
untrusted_names(const char *path, size_t stop, struct name_walk *w)
{
	char *name = bp_xstrdup(path), *slash;
	bool bad = false;

	while (!bad && strlen(name) > stop) {
		bad = untrusted_name(name, w);
		if ((slash = strrchr(name, '/')) == NULL ||
		    (slash == name && name[1] == '\0'))
			break;
		slash[slash == name] = '\0'; /* "/x" leaves "/" */
	}
	free(name);
	return bad;
}

/* The real folder of the running program, or NULL. */
static char *
program_folder(void)
{
	char *exe = realpath("/proc/self/exe", NULL), *slash;

	if (exe != NULL && (slash = strrchr(exe, '/')) != NULL)
		slash[slash == exe] = '\0';
	return exe;
}

/* The names of `path` as written, each link on the way with the path it
 * holds, then the directories of its real path when that is another (the
 * same names again would be four more stat calls for the module's path,
 * to the same answers).  A path realpath cannot
 * resolve is refused with its reason, for the second walk would be
 * skipped: one longer than PATH_MAX once resolved, which the kernel still
 * reaches, a loop of links, a directory that cannot be searched.  Only a
 * name that is not there is no refusal: the file is then not found. */
bool
bp_file_untrusted_dirs(const char *path, struct bp_buf *why)
{
	struct name_walk w = { NULL, false, 0, why };
	char *real = realpath(path, NULL);
	bool bad;

	if (real == NULL && errno != ENOENT && errno != ENOTDIR) {
		bp_buf_printf(why, "refused: its real path cannot be resolved: "
		    "%s", strerror(errno));
		bad = true;
	} else
		bad = untrusted_names(path, 0, &w) ||
		    (real != NULL && strcmp(real, path) != 0 &&
		    untrusted_names(real, 0, &w));
	free(real);
	free(w.own);
	return bad;
}

/* O_NONBLOCK so that opening a FIFO without a writer, or a device,
 * returns at once. */
enum bp_file_status
bp_file_open_regular(const char *path, size_t max, int *fd, struct stat *st)
{
	int saved;

	*fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0)
		return BP_FILE_ERRNO;
	if (fstat(*fd, st) != 0)
		goto fail;
	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st->st_mode)) {
		close(*fd);
		return BP_FILE_NOT_REGULAR;
	}
	if ((unsigned long long)st->st_size > max) {
		close(*fd);
		return BP_FILE_TOO_LARGE;
	}
	return BP_FILE_OK;
fail:
	saved = errno;
	close(*fd);
	errno = saved;
	return BP_FILE_ERRNO;
}

/* What is left once a file is open: read it, to at most `max` bytes. */
static enum bp_file_status
read_open(int fd, size_t max, struct bp_buf *out)
{
	if (read_up_to(fd, max, out) != 0)
		return BP_FILE_ERRNO;
	return out->len > max ? BP_FILE_TOO_LARGE : BP_FILE_OK;
}

enum bp_file_status
bp_file_read(const char *path, size_t max, struct bp_buf *out)
{
	enum bp_file_status st;
	struct stat info;
	int fd, saved;

	if ((st = bp_file_open_regular(path, max, &fd, &info)) != BP_FILE_OK)
		return st;
	st = read_open(fd, max, out); /* too large: it grew since fstat */
	saved = errno;
	close(fd);
	errno = saved;
	return st;
}

enum bp_file_status
bp_file_read_stdin(size_t max, struct bp_buf *out)
{
	return read_open(STDIN_FILENO, max, out);
}

void
bp_file_report_too_large(struct bp_diags *d, size_t max)
{
	static const struct bp_pos whole;
	char in_words[48] = "";

	if (max % (1024 * 1024) == 0)
		snprintf(in_words, sizeof(in_words), " (%zu MiB)",
		    max / (1024 * 1024));
	else if (max % 1024 == 0)
		snprintf(in_words, sizeof(in_words), " (%zu KiB)", max / 1024);
	bp_diag(d, whole, BP_E_TOO_LARGE, max, in_words);
}

void
bp_file_report(struct bp_diags *d, enum bp_file_status status, size_t max)
{
	static const struct bp_pos whole;

	switch (status) {
	case BP_FILE_OK:
		break;
	case BP_FILE_ERRNO:
		bp_diag(d, whole, BP_E_READ, strerror(errno));
		break;
	case BP_FILE_NOT_REGULAR:
		bp_diag(d, whole, BP_E_NOT_REGULAR);
		break;
	case BP_FILE_TOO_LARGE:
		bp_file_report_too_large(d, max);
		break;
	}
}
