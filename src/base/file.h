/* Whole files: the folder a path is named from, writing a file atomically,
 * and (file.c) the one policy by which every input file is read. */
#ifndef BOARDPAPER_FILE_H
#define BOARDPAPER_FILE_H

#include <stddef.h>

struct bp_arena;

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

/* Writes `len` bytes to `path` through a temporary file beside it
 * (".NAME.XXXXXX") and a rename (a link for BP_FILE_NO_REPLACE), with
 * SIGINT, SIGTERM and SIGHUP held off meanwhile: `path` is either what it
 * was or the whole new file, and no temporary file is left behind.  The
 * file is made 0666 less the umask.  No fsync: like a compiler's, the
 * output can be made again.  0, or -1 with errno set (EFBIG past ulimit
 * -f once SIGXFSZ is ignored). */
int bp_file_write_atomic(const char *path, const void *data, size_t len,
	enum bp_file_replace mode);

#endif
