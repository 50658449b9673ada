/* `boardpaper import` in the main program: runs boardpaper-import, the
 * program beside it that holds the .docx reader.
 *
 * libxml2 and libzip (with ICU, libstdc++ and OpenSSL behind them) cost
 * the dynamic loader about ten million instructions at every start, more
 * than building a paper to HTML; only import needs them, so only the
 * import program links them (see the Makefile). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The import program's path: this program's, with "boardpaper" in its
 * name made "boardpaper-import" (build/boardpaper-asan ->
 * build/boardpaper-import-asan).  False when it cannot be made. */
static bool
import_program(char *path, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *base, *at;

	if (n <= 0)
		return false;
	self[n] = '\0';
	base = strrchr(self, '/');
	base = base != NULL ? base + 1 : self;
	if ((at = strstr(base, "boardpaper")) == NULL)
		return false;
	at += strlen("boardpaper");
	return snprintf(path, size, "%.*s-import%s", (int)(at - self), self,
	    at) < (int)size;
}

int
bp_import_main(int argc, char **argv)
{
	char path[PATH_MAX + 16];
	char *args[argc + 2];

	if (!import_program(path, sizeof(path))) {
		fprintf(stderr, "boardpaper: import: cannot find "
		    "boardpaper-import beside this program\n");
		return 2;
	}
	args[0] = path;
	for (int i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	args[argc + 1] = NULL;
	execv(path, args);
	fprintf(stderr, "boardpaper: import: cannot run %s: %s\n", path,
	    strerror(errno));
	return 2;
}
