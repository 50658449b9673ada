/* Whole files: the folder a path is named from, writing a file atomically,
 * and (file.c) the one policy by which every input file is read. */
#ifndef BOARDPAPER_FILE_H
#define BOARDPAPER_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct bp_arena;
struct bp_buf;
struct bp_diags;

/* The folder `path` is named from: "." for a bare name or "-", "/" for a
 * name at the root.  bp_file_folder's is malloc'd; bp_file_folder_in's
 * lives in `arena`. */
char *bp_file_folder(const char *path);
const char *bp_file_folder_in(struct bp_arena *arena, const char *path);

/* Writes all `len` bytes to `fd`, again after EINTR; 0, or -1 with errno
 * set. */
int bp_file_write_all(int fd, const void *data, size_t len);

enum bp_file_replace {
	BP_FILE_REPLACE,   /* an existing file at `path` is replaced */
	BP_FILE_NO_REPLACE /* fails with EEXIST when `path` exists */
};

/* Writes `len` bytes to `path` with SIGINT, SIGTERM and SIGHUP held off
 * meanwhile: `path` is either what it was or the whole new file, and no
 * temporary file is left behind.  Where no file is at `path`, through a
 * file with no name in its folder (O_TMPFILE) linked to `path` once
 * whole, one operation on the folder, which leaves nothing even after
 * SIGKILL; otherwise, and where the system refuses that, through a
 * temporary file beside it (".NAME.XXXXXX") and a rename (a link for
 * BP_FILE_NO_REPLACE).  The file is made 0666 less the umask.  No fsync:
 * like a compiler's, the output can be made again.  0, or -1 with errno
 * set (EFBIG past ulimit -f once SIGXFSZ is ignored). */
int bp_file_write_atomic(const char *path, const void *data, size_t len,
	enum bp_file_replace mode);

/* Whether bp_file_write_atomic can make a file in the folder `dir`: it
 * makes one as that would, and takes it away.  0, or -1 with errno set
 * (ENOENT, ENOTDIR, EACCES, EROFS, EPERM for an immutable folder, ...):
 * the answer of the system, root's and read-only mounts included, which
 * access(2)'s guess from the mode is not. */
int bp_file_probe_folder(const char *dir);

/* The same for the folder an output named `path` would be made in (at
 * the end of its links); 0 where it is written into (a device, a FIFO,
 * a name in /proc or /dev/fd), which needs no new file. */
int bp_file_probe_output(const char *path);

/* Removes the temporary files bp_file_write_atomic makes beside the
 * output `path` (where its links lead) that a process killed while
 * writing it (SIGKILL, which nothing can hold off) left behind: regular
 * files of this user named ".NAME." and six letters or digits, nothing
 * else.  For the caller that knows no process is writing `path` any
 * more: the -j parent, once it has reaped a worker that died with the
 * paper. */
void bp_file_remove_temps(const char *path);

/* Why a file of the program's own (the PDF module, the import program)
 * with status `st` must not be loaded or run, or NULL when it may be: one
 * that anyone but root or this user could have written would run their
 * code as this user. */
const char *bp_file_untrusted(const struct stat *st);
/* Whether a directory the program file or module at `path` is reached
 * through, named or resolved (realpath), from its own up to the root,
 * could let anyone but root or this user swap the file: one owned by
 * another user, or writable by group or others without the sticky bit
 * (as /tmp has) that keeps them from renaming what is not theirs.  The
 * folders the running program is in are not held to their owner: who
 * owns them could have swapped the program.  A symbolic link on the way
 * (the file itself too) must be root's, this user's or its directory
 * owner's (in a sticky directory its owner may replace it), and the
 * path it holds is walked as `path` is.  If so, `why` receives
 * "refused: the directory DIR is ..." or "refused: the symbolic link
 * LINK is owned by another user".  A path realpath cannot resolve
 * (but for a name that is not there) is refused too: "refused: its real
 * path cannot be resolved: REASON". */
bool bp_file_untrusted_dirs(const char *path, struct bp_buf *why);

/* What bp_file_read found. */
enum bp_file_status {
	BP_FILE_OK,
	BP_FILE_ERRNO,       /* errno says why (EISDIR for a folder) */
	BP_FILE_NOT_REGULAR, /* a FIFO, a device or a socket */
	BP_FILE_TOO_LARGE    /* more than `max` bytes */
};

/* Reads the whole of `path` into `out`, by the one policy for every input
 * file (a paper, a meeting file, a house style, a Word file): it must be a
 * regular file, opened without blocking so that a FIFO or a device is
 * refused at once, never waited on; one larger than `max` bytes is
 * refused from its size, before it is read.  "-" is a name like any
 * other here. */
enum bp_file_status bp_file_read(const char *path, size_t max,
	struct bp_buf *out);
/* Opens `path` for reading by that policy (a regular file of at most
 * `max` bytes, never waited on), for a reader of its own (the font
 * files, mapped): the descriptor in *fd and its status in *st when
 * BP_FILE_OK, nothing left open otherwise. */
enum bp_file_status bp_file_open_regular(const char *path, size_t max,
	int *fd, struct stat *st);
/* Standard input, for the commands whose FILE may be "-": a pipe is fine;
 * at most `max` + 1 bytes are read. */
enum bp_file_status bp_file_read_stdin(size_t max, struct bp_buf *out);

/* The diagnostic of the file as a whole for a status other than
 * BP_FILE_OK (errno as bp_file_read left it); `max` is the limit the file
 * was read with, named when it is BP_FILE_TOO_LARGE. */
void bp_file_report(struct bp_diags *d, enum bp_file_status status,
	size_t max);
/* "file is larger than the limit of `max` bytes", for the file as a whole. */
void bp_file_report_too_large(struct bp_diags *d, size_t max);

#endif
