/* `boardpaper import` in the main program: runs boardpaper-import, the
 * program that holds the .docx reader.
 *
 * libxml2 and libzip (with ICU, libstdc++ and OpenSSL behind them) cost
 * the dynamic loader about ten million instructions at every start, more
 * than building a paper to HTML; only import needs them, so only the
 * import program links them (see the Makefile). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/buf.h"
#include "file.h"
#include "internal.h"

/* The one place the import program is run from, fixed when this program
 * is built, as the PDF module's directory is (pdf_plugin.c): the build
 * tree's programs run the build tree's, the installed one (relinked by
 * `make install`) $IMPORTDIR's.  Nothing at run time (this program's own
 * path, the environment) can point it elsewhere, so a copy of the
 * program in a writable directory cannot be made to run a planted one.
 * BP_IMPORT_SUFFIX is "-asan" for the sanitizer build. */
#ifndef BP_IMPORT_DIR
#error "BP_IMPORT_DIR: the Makefile defines the import program's directory"
#endif
#ifndef BP_IMPORT_SUFFIX
#define BP_IMPORT_SUFFIX ""
#endif
#define BP_IMPORT_PATH BP_IMPORT_DIR "/boardpaper-import" BP_IMPORT_SUFFIX

/* Opens the import program and checks it as the PDF module is checked
 * (bp_file_untrusted), and every directory it is reached through, which
 * would let whoever could write one swap it; the fd, or -1 with *why set
 * (in `scratch`, or a constant).  It is then run through this fd, so the
 * file checked is the file run. */
static int
open_import_program(const char **why, struct bp_buf *scratch)
{
	struct stat st;
	int fd;

	if (bp_file_untrusted_dirs(BP_IMPORT_PATH, scratch)) {
		*why = scratch->failed ? "refused: a directory on its way" :
		    scratch->data;
		return -1;
	}
	if ((fd = open(BP_IMPORT_PATH, O_RDONLY | O_CLOEXEC)) < 0) {
		*why = errno == ENOENT ? "not found" : strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) != 0)
		*why = strerror(errno);
	else if ((*why = bp_file_untrusted(&st)) == NULL)
		return fd;
	close(fd);
	return -1;
}

static int
cannot_run(const char *why)
{
	fprintf(stderr, "boardpaper: error: cannot run the import program "
	    "%s: %s\n", BP_IMPORT_PATH, why);
	return 1;
}

int
bp_import_main(int argc, char **argv)
{
	char *args[argc + 2];
	extern char **environ;
	const char *why = NULL;
	struct bp_buf scratch = BP_BUF_INIT;
	int fd = open_import_program(&why, &scratch), rc;

	if (fd < 0) {
		rc = cannot_run(why);
		bp_buf_free(&scratch);
		return rc;
	}
	bp_buf_free(&scratch);
	args[0] = (char *)BP_IMPORT_PATH;
	for (int i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	args[argc + 1] = NULL;
	fexecve(fd, args, environ);
	return cannot_run(strerror(errno));
}
