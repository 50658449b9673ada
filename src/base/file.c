/* Whole files, for every stage: folders of paths, atomic writes. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/buf.h"
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

/* ".NAME.XXXXXX" in the folder of `path`, for mkstemp. */
static void
temp_name(struct bp_buf *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		bp_buf_put(tmp, path, (size_t)(slash - path + 1));
	bp_buf_printf(tmp, ".%s.XXXXXX", slash ? slash + 1 : path);
}

/* Fills the temporary file and puts it in place; -1 with errno set. */
static int
fill_and_place(int fd, const char *tmp, const char *path, const void *data,
	size_t len, enum bp_file_replace mode)
{
	mode_t mask = umask(0);

	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 ||
	    bp_file_write_all(fd, data, len) != 0) {
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

int
bp_file_write_atomic(const char *path, const void *data, size_t len,
	enum bp_file_replace mode)
{
	struct bp_buf tmp = BP_BUF_INIT;
	sigset_t block, old;
	int fd, rc = -1, saved;

	temp_name(&tmp, path);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
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
