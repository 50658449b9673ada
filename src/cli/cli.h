/* What the command line's files share: the options of a run, and the
 * reading and writing of its files (main.c). */
#ifndef BOARDPAPER_CLI_H
#define BOARDPAPER_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "boardpaper/backend.h"
#include "boardpaper/diag.h"
#include "boardpaper/pack.h"

#define BP_MAX_FORMATS 8

enum bp_exit_status {
	BP_EXIT_OK = 0,
	BP_EXIT_INPUT = 1, /* some input had errors */
	BP_EXIT_USAGE = 2
};

/* Standard input as a paper, when it had to be read before compiling: to
 * find whether an output of the run is a file the paper is made from (an
 * image, its house style) it is parsed first (cli_deps.c), then handed
 * to the compile, not read again. */
struct bp_cli_stdin {
	bool read;
	int status;         /* enum bp_file_status of the read (file.h) */
	int error;          /* errno, for BP_FILE_ERRNO */
	struct bp_buf data; /* emptied by the compile that takes it */
};

struct bp_cli_options {
	bool check_only;
	bool pack;          /* boardpaper pack */
	bool include_exempt; /* pack --include-exempt */
	const char *deps;   /* --deps FILE, or NULL */
	bool strict;
	const struct bp_backend *formats[BP_MAX_FORMATS];
	size_t nformats;
	const char *output; /* -o, or NULL */
	bool output_is_dir;
	int jobs;
	struct bp_render_opts render;
	const char *style;  /* --style FILE, or NULL */
	bool no_style;      /* --no-style */
	struct bp_styles *styles; /* every house style of the run */
	char **inputs;
	size_t ninputs;
	struct bp_cli_stdin *stdin_paper; /* main's, never NULL */
};

/* Reads an input ("-" for standard input, taken from o->stdin_paper
 * when it was read already); -1 with the error reported. */
int bp_cli_read_input(const struct bp_cli_options *o, const char *path,
	struct bp_buf *out, struct bp_diags *d);
/* Standard input, read into o->stdin_paper (once) for a look before
 * compiling; NULL when it could not be read (the compile says why). */
const struct bp_buf *bp_cli_peek_stdin(const struct bp_cli_options *o);
/* Where `input` in format `b` is written; "-" for standard output. */
char *bp_cli_output_path(const struct bp_cli_options *o, const char *input,
	const struct bp_backend *b);
/* Writes `out` to `path` ("-" for standard output) atomically, never over
 * `input`; -1 with the error reported. */
int bp_cli_emit(const char *input, const char *path, const struct bp_buf *out,
	struct bp_diags *d);
bool bp_cli_same_file(const char *a, const char *b);

/* build --deps (cli_deps.c) */
int bp_cli_build_deps(const struct bp_cli_options *o);
/* Whether an output of a build (--deps FILE too) is a file some input is
 * made from, an image or a house-style file (what --deps would list), a
 * paper on standard input's too; `why` then says which. */
bool bp_cli_output_over_input(const struct bp_cli_options *o,
	struct bp_buf *why);
/* -o FILE or --deps FILE when it names an existing source, a file of
 * the kind boardpaper reads (a paper, a meeting file, a house style), with
 * what it is in *kind; else NULL.  Asked once every output is known not
 * to be an input of the run, which is said as that. */
const char *bp_cli_output_over_source(const struct bp_cli_options *o,
	const char **kind);
/* "refusing to write over PATH: it is KIND, not an output (...)", the
 * usage error; 2. */
int bp_cli_refuse_source(const char *path, const char *kind);
int bp_cli_pack_deps(const struct bp_cli_options *o, const struct bp_pack *pk,
	char *const *paths, struct bp_diags *d);
/* boardpaper pack (cli_pack.c) */
int bp_cli_pack(const struct bp_cli_options *o);

#endif
