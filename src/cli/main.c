/* The command line: options, files, output paths and the exit status. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "boardpaper/pack.h"
#include "batch.h"
#include "cli.h"
#include "file.h"
#include "fonts.h"
#include "internal.h"
#include "pdf_plugin.h"
#include "style_load.h"
#include "usage.h"

#define BP_VERSION "0.1.0"

/* AddressSanitizer's leak check, at the exit, wants every block freed:
 * there the memory a one-output run would leave to the exit (main) is
 * freed as in a batch. */
#if defined(__SANITIZE_ADDRESS__)
#define LEAVE_TO_EXIT false
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define LEAVE_TO_EXIT false
#endif
#endif
#ifndef LEAVE_TO_EXIT
#define LEAVE_TO_EXIT true
#endif

void bp_template_write(struct bp_buf *out, const struct bp_house_style *s);
#define MAX_JOBS 64

static const char usage_text[] =
    "usage: boardpaper build [-f FORMAT[,FORMAT...]] [-o PATH] [-j N] "
    "[--strict] [-w N]\n"
    "                        [--deps FILE] [--style FILE | --no-style] "
    "FILE...\n"
    "       boardpaper check [-j N] [--strict] [--style FILE | --no-style] "
    "FILE...\n"
    "       boardpaper pack [-f FORMAT[,FORMAT...]] [-o PATH] "
    "[--include-exempt] [--duplex]\n"
    "                       [--deps FILE] [--strict] [--style FILE | "
    "--no-style] MEETING.yaml\n"
    "       boardpaper new [--style FILE | --no-style] [FILE]\n"
    "       boardpaper import [-o FILE.md] [--force] [--style FILE | "
    "--no-style]\n"
    "                         FILE.docx|FILE.txt|-\n"
    "       boardpaper --help | --version\n";

static void
print_help(void)
{
	size_t n;
	const struct bp_backend *b = bp_backends(&n);

	printf("boardpaper " BP_VERSION
	    " - compile board papers (Markdown with YAML front matter)\n\n%s\n",
	    usage_text);
	printf("Commands:\n"
	    "  build          compile each FILE (default: PDF beside it)\n"
	    "  check          report errors and warnings; write nothing\n"
	    "  pack           build a meeting file's agenda pack: front sheet,\n"
	    "                 agenda with page ranges, every paper (default:\n"
	    "                 the public pack, PDF beside the meeting file)\n"
	    "  new            write a template paper to FILE (default: standard\n"
	    "                 output) to start from, with the house style's\n"
	    "                 fields and sections\n"
	    "  import         turn a Word paper (.docx, or the .txt Word saves)\n"
	    "                 into a source FILE.md beside it (-o names it;\n"
	    "                 --force overwrites), then check it\n\n"
	    "Options:\n"
	    "  -f, --format=LIST  output formats, comma-separated:");
	/* as -f takes them: the list is a value of LIST */
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i == 0 ? " " : ",", b[i].name);
	printf("\n"
	    "  -o, --output=PATH  output file (one input and format), an\n"
	    "                     existing directory (a PATH ending in '/' is\n"
	    "                     one; folders are not created), or '-' for\n"
	    "                     standard output; a folder missing or not\n"
	    "                     writable is a usage error, before any paper\n"
	    "                     is compiled\n"
	    "  -j, --jobs=N       build, check: compile N papers at once, N\n"
	    "                     from 1 to 64 (default 1); pack, new and\n"
	    "                     import refuse it\n"
	    "  -w, --width=N      text output: wrap at N columns (default 72)\n"
	    "      --strict       treat warnings as errors\n"
	    "      --style=FILE   use this house style, not the "
	    ".boardpaper.yaml files\n"
	    "                     found above each paper\n"
	    "      --no-style     use no house style: the built-in look\n"
	    "      --deps=FILE    also write FILE, a make rule: the outputs,\n"
	    "                     then every file read; its folder missing\n"
	    "                     or not writable is a usage error, before\n"
	    "                     any paper is compiled\n"
	    "      --include-exempt  pack: the members' pack, exempt papers\n"
	    "                     in full\n"
	    "      --duplex       pack: every paper starts on an odd page\n"
	    "      --dump-layout  PDF (build only): write the layout, one line\n"
	    "                     per drawn line or image, instead of the PDF\n"
	    "      --dump-structure  PDF: write the tagged structure tree, one\n"
	    "                     element a line, instead of the PDF\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n\n"
	    "A FILE of '-' reads standard input. Diagnostics go to standard\n"
	    "error as FILE:LINE:COL: error: message. Exit status: 0 success,\n"
	    "1 when any input had errors, 2 for a usage error.\n"
	    "SOURCE_DATE_EPOCH, when set, dates the output.\n");
}

/* "unknown format 'docx'; use pdf, txt, json or html" */
static void
unknown_format(const char *name)
{
	struct bp_buf fmt = BP_BUF_INIT;
	size_t n;
	const struct bp_backend *b = bp_backends(&n);

	bp_buf_puts(&fmt, "unknown format '%s'; use ");
	for (size_t i = 0; i < n; i++)
		bp_buf_printf(&fmt, "%s%s", i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", b[i].name);
	bp_usage_error(fmt.failed ? "unknown format '%s'" : fmt.data, name);
	bp_buf_free(&fmt);
}

/* The cases every command's option loop ends with: --help, and the
 * usage error of an option unknown, missing its value or given one it
 * does not take. */
static int
help_or_bad_option(int c, char **argv)
{
	if (c == 'h') {
		print_help();
		exit(BP_EXIT_OK);
	}
	return bp_usage_bad_option(c, argv);
}

static int
parse_formats(struct bp_cli_options *o, const char *list)
{
	char *copy = bp_xstrdup(list), *save = NULL;
	int rc = -1;

	o->nformats = 0;
	if (list[0] == ',' || strstr(list, ",,") != NULL ||
	    list[strlen(list) - 1] == ',') {
		bp_usage_error("empty format in '%s'", list);
		goto out;
	}
	for (char *w = strtok_r(copy, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		const struct bp_backend *b = bp_backend_find(w);
		if (b == NULL) {
			unknown_format(w);
			goto out;
		}
		for (size_t i = 0; i < o->nformats; i++)
			if (o->formats[i] == b) {
				/* its outputs would be one file */
				bp_usage_error("format '%s' is given twice",
				    b->name);
				goto out;
			}
		if (o->nformats == BP_MAX_FORMATS) {
			bp_usage_error("too many formats in '%s'", list);
			goto out;
		}
		o->formats[o->nformats++] = b;
	}
	if (o->nformats == 0) {
		bp_usage_error("no format in '%s'", list);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

static bool
parse_number(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static void
read_epoch(struct bp_render_opts *r)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		fprintf(stderr, "boardpaper: ignoring SOURCE_DATE_EPOCH=%s: "
		    "not a number of seconds\n", s);
		return;
	}
	r->has_epoch = true;
	r->epoch = v;
}

static bool
is_directory(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
parse_options(int argc, char **argv, struct bp_cli_options *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "width", required_argument, NULL, 'w' },
		{ "strict", no_argument, NULL, 's' },
		{ "dump-layout", no_argument, NULL, 'D' },
		{ "dump-structure", no_argument, NULL, 'T' },
		{ "include-exempt", no_argument, NULL, 'E' },
		{ "duplex", no_argument, NULL, 'X' },
		{ "deps", required_argument, NULL, 'P' },
		BP_USAGE_LAST_OPTIONS
	};
	long n;
	int c;

	opterr = 0; /* our own messages, named "boardpaper" */
	while ((c = getopt_long(argc, argv, ":f:o:j:w:h", longopts,
	    NULL)) != -1) {
		if (bp_usage_empty_name(c, optarg) != 0)
			return BP_EXIT_USAGE;
		switch (c) {
		case 'f':
			if (o->check_only)
				return bp_usage_error("%s: check writes "
				    "nothing", "-f");
			if (parse_formats(o, optarg) != 0)
				return BP_EXIT_USAGE;
			break;
		case 'o':
			if (o->check_only)
				return bp_usage_error("%s: check writes "
				    "nothing", "-o");
			o->output = optarg;
			break;
		case 'j':
			if (o->pack)
				return bp_usage_error("%s is for build and "
				    "check (a pack is laid out in one process)",
				    "-j");
			if (!parse_number(optarg, 1, MAX_JOBS, &n))
				return bp_usage_error("-j takes a number "
				    "from 1 to 64, not '%s'", optarg);
			o->jobs = (int)n;
			break;
		case 'w':
			if (!parse_number(optarg, 20, 1000, &n))
				return bp_usage_error("--width takes a number "
				    "from 20 to 1000, not '%s'", optarg);
			o->render.width = (int)n;
			break;
		case 's':
			o->strict = true;
			break;
		case 'S':
		case 'N':
			if (bp_usage_style(c, optarg, &o->style, &o->no_style)
			    != 0)
				return BP_EXIT_USAGE;
			break;
		case 'D':
		case 'T':
			if (o->check_only)
				return bp_usage_error("%s: check writes "
				    "nothing", c == 'D' ? "--dump-layout" :
				    "--dump-structure");
			if (c == 'D')
				o->render.dump_layout = true;
			else
				o->render.dump_structure = true;
			break;
		case 'E':
			if (!o->pack)
				return bp_usage_error("%s is for pack only",
				    "--include-exempt");
			o->include_exempt = true;
			break;
		case 'X':
			if (!o->pack)
				return bp_usage_error("%s is for pack only",
				    "--duplex");
			o->render.duplex = true;
			break;
		case 'P':
			if (o->check_only)
				return bp_usage_error("%s: check writes "
				    "nothing", "--deps");
			o->deps = optarg;
			break;
		default:
			return help_or_bad_option(c, argv);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	return BP_EXIT_OK;
}

/* Whether the folder `path` names (is_dir) or the folder an output
 * named `path` goes in takes a file, tried as an output is written
 * (file.c): said once, before any paper is compiled, where each paper
 * said it after its compile (1000 lines for 1000 papers, exit 1; and -o
 * missing/x.pdf was not refused up front as -o missing/ was).  Only the
 * errors of the folder itself: one output's own failure (a folder in its
 * place, the disk full) stays that paper's, and so does an output beside
 * its input. */
static int
check_folder_of(const char *path, bool is_dir)
{
	char fmt[160];
	int err;

	if ((is_dir ? bp_file_probe_folder(path) :
	    bp_file_probe_output(path)) == 0)
		return BP_EXIT_OK;
	err = errno;
	if (err != EACCES && err != EPERM && err != EROFS && err != ENOENT &&
	    err != ENOTDIR && err != ELOOP && err != ENAMETOOLONG)
		return BP_EXIT_OK;
	/* strerror's text holds no conversion */
	snprintf(fmt, sizeof(fmt), "cannot write %s%%s: %s",
	    is_dir ? "in " : "", strerror(err));
	return bp_usage_file_error(fmt, path);
}

/* -o PATH: a file for one output, else a folder that exists and takes
 * files. */
static int
check_output_option(struct bp_cli_options *o)
{
	o->output_is_dir = is_directory(o->output) ||
	    o->output[strlen(o->output) - 1] == '/';
	if (!o->output_is_dir && o->ninputs * o->nformats > 1)
		return bp_usage_error("-o %s names one file, but there are "
		    "several outputs; give a directory", o->output);
	if (o->output_is_dir && !is_directory(o->output))
		return bp_usage_file_error("no such directory: %s", o->output);
	return check_folder_of(o->output, o->output_is_dir);
}

/* --deps FILE: its folder tried as -o's is, before any paper is compiled
 * (a missing or read-only one was found only once all were, exit 1, the
 * outputs written); so is a folder in FILE's place, which no compile
 * changes.  '-' is standard output. */
static int
check_deps_option(const struct bp_cli_options *o)
{
	char fmt[160];

	if (o->deps == NULL || strcmp(o->deps, "-") == 0)
		return BP_EXIT_OK;
	if (is_directory(o->deps)) {
		/* strerror's text holds no conversion */
		snprintf(fmt, sizeof(fmt), "cannot write %%s: %s",
		    strerror(EISDIR));
		return bp_usage_file_error(fmt, o->deps);
	}
	return check_folder_of(o->deps, false);
}

static int
check_options(struct bp_cli_options *o)
{
	size_t stdin_count = 0;
	int rc;

	if (o->ninputs == 0)
		return bp_usage_error("%s", o->pack ? "no meeting file" :
		    "no input files");
	if (o->pack && o->ninputs > 1)
		return bp_usage_error("%s", "pack takes one meeting file");
	if (o->pack && strcmp(o->inputs[0], "-") == 0)
		return bp_usage_error("%s", "pack reads a meeting file, not "
		    "standard input (its papers are named from its folder)");
	if (o->pack && o->render.dump_layout)
		return bp_usage_error("%s", "--dump-layout is for build "
		    "only (a pack has --dump-structure)");
	for (size_t i = 0; o->pack && i < o->nformats; i++)
		if (o->formats[i]->render_pack == NULL)
			return bp_usage_error("format '%s' has no pack form",
			    o->formats[i]->name);
	for (size_t i = 0; i < o->ninputs; i++) {
		if (o->inputs[i][0] == '\0')
			return bp_usage_error("%s", "an input's file name is "
			    "empty");
		stdin_count += strcmp(o->inputs[i], "-") == 0;
	}
	if (stdin_count > 1)
		return bp_usage_error("%s", "'-' may be given once");
	if (o->output != NULL && strcmp(o->output, "-") != 0 &&
	    (rc = check_output_option(o)) != BP_EXIT_OK)
		return rc;
	return check_deps_option(o);
}

/* --- reading --------------------------------------------------------- */

/* A paper by the one policy of file.c: a regular file or standard input,
 * of at most BP_MAX_INPUT bytes. */
int
bp_cli_read_input(const struct bp_cli_options *o, const char *path,
	struct bp_buf *out, struct bp_diags *d)
{
	struct bp_cli_stdin *in = o->stdin_paper;
	enum bp_file_status st;

	if (strcmp(path, "-") != 0)
		st = bp_file_read(path, BP_MAX_INPUT, out);
	else if (in->read) {
		/* taken, not copied: a paper's source is held once */
		st = (enum bp_file_status)in->status;
		errno = in->error;
		bp_buf_free(out);
		*out = in->data;
		bp_buf_init(&in->data);
	} else
		st = bp_file_read_stdin(BP_MAX_INPUT, out);
	if (st == BP_FILE_OK)
		return 0;
	bp_file_report(d, st, BP_MAX_INPUT);
	return -1;
}

const struct bp_buf *
bp_cli_peek_stdin(const struct bp_cli_options *o)
{
	struct bp_cli_stdin *in = o->stdin_paper;

	if (!in->read) {
		in->status = bp_file_read_stdin(BP_MAX_INPUT, &in->data);
		in->error = errno;
		in->read = true;
	}
	return in->status == BP_FILE_OK ? &in->data : NULL;
}

/* --- writing --------------------------------------------------------- */

char *
bp_cli_output_path(const struct bp_cli_options *o, const char *input,
	const struct bp_backend *b)
{
	const char *base, *slash, *dot;
	struct bp_buf p = BP_BUF_INIT;

	if (o->output != NULL && !o->output_is_dir)
		return bp_xstrdup(o->output);
	if ((o->output == NULL && strcmp(input, "-") == 0) ||
	    (o->output != NULL && strcmp(o->output, "-") == 0))
		return bp_xstrdup("-");
	slash = strrchr(input, '/');
	base = slash ? slash + 1 : input;
	if (strcmp(input, "-") == 0)
		base = "stdin";
	if (o->output_is_dir) {
		bp_buf_puts(&p, o->output);
		if (o->output[strlen(o->output) - 1] != '/')
			bp_buf_putc(&p, '/');
	} else
		bp_buf_put(&p, input, (size_t)(base - input));
	dot = strrchr(base, '.');
	bp_buf_put(&p, base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
	bp_buf_printf(&p, ".%s", b->extension);
	return p.failed ? NULL : bp_buf_detach(&p, NULL);
}

/* What identifies a file: its device and inode when it exists, else its
 * folder's real path and its name. */
static char *
file_key(const char *path)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *dir, *real, *key;

	if (stat(path, &st) == 0) {
		key = bp_xmalloc(64);
		snprintf(key, 64, "@%ju:%ju", (uintmax_t)st.st_dev,
		    (uintmax_t)st.st_ino);
		return key;
	}
	dir = slash == NULL ? bp_xstrdup(".") : slash == path ?
	    bp_xstrdup("/") : strndup(path, (size_t)(slash - path));
	real = dir != NULL ? realpath(dir, NULL) : NULL;
	if (real == NULL)
		key = bp_xstrdup(path);
	else {
		key = bp_xmalloc(strlen(real) + strlen(path) + 2);
		sprintf(key, "%s/%s", real, slash ? slash + 1 : path);
	}
	free(real);
	free(dir);
	return key;
}

struct out_key {
	char *key;
	char *path;	  /* as it would be written */
	const char *from; /* the input it is made from; NULL: --deps */
	size_t order;	  /* its place among the outputs, for the message */
};

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct out_key *)a)->key,
	    ((const struct out_key *)b)->key);
}

/* By key, then as given, so that two outputs to one file are named in
 * the order of the command line. */
static int
out_key_cmp(const void *a, const void *b)
{
	const struct out_key *x = a, *y = b;
	int c = key_cmp(x, y);

	return c != 0 ? c : (x->order > y->order) - (x->order < y->order);
}

/* "two outputs would be written to PATH", and what makes them: the two
 * inputs, one input given twice, or --deps and an input's output. */
static void
say_two_outputs(struct bp_buf *why, const struct out_key *a,
	const struct out_key *b)
{
	bp_buf_printf(why, "two outputs would be written to %s", a->path);
	if (a->from == NULL || b->from == NULL)
		bp_buf_printf(why, ": --deps and the output of %s",
		    a->from != NULL ? a->from : b->from);
	else if (strcmp(a->from, b->from) == 0)
		bp_buf_printf(why, ": the input %s is given twice", a->from);
	else
		bp_buf_printf(why, ", from %s and from %s", a->from, b->from);
}

/* The usage error for outputs that would collide, or NULL: two outputs to
 * one file, more than one to standard output, or one over an input or
 * over the file standard input reads (*over_input: a file's error, not
 * one of how the command is written). */
static const char *
output_clash(const struct bp_cli_options *o, struct out_key *k, size_t n,
	struct bp_buf *why, bool *over_input)
{
	size_t to_stdout = 0;
	struct stat st;

	for (size_t i = 0; i < n; i++)
		to_stdout += strcmp(k[i].path, "-") == 0;
	if (to_stdout > 1)
		return o->deps != NULL && strcmp(o->deps, "-") == 0 ?
		    "--deps - and an output would both go to standard output" :
		    "more than one output would go to standard output; "
		    "give -o a directory, or one format";
	qsort(k, n, sizeof(*k), out_key_cmp);
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(k[i].path, "-") != 0 &&
		    strcmp(k[i].key, k[i + 1].key) == 0) {
			say_two_outputs(why, &k[i], &k[i + 1]);
			return why->data;
		}
	for (size_t i = 0; i < o->ninputs; i++) {
		struct out_key in = { NULL, NULL, NULL, 0 }, *hit;
		bool from_stdin = strcmp(o->inputs[i], "-") == 0;
		if (from_stdin && (fstat(STDIN_FILENO, &st) != 0 ||
		    !S_ISREG(st.st_mode)))
			continue;
		if (from_stdin) {
			in.key = bp_xmalloc(64);
			snprintf(in.key, 64, "@%ju:%ju", (uintmax_t)st.st_dev,
			    (uintmax_t)st.st_ino);
		} else
			in.key = file_key(o->inputs[i]);
		hit = bsearch(&in, k, n, sizeof(*k), key_cmp);
		free(in.key);
		if (hit != NULL) {
			bp_buf_printf(why, "refusing to write over %s %s",
			    from_stdin ? "the file on standard input," :
			    "the input", hit->path);
			*over_input = true;
			return why->data;
		}
	}
	return NULL;
}

/* The usage error for a binary output (a PDF) to standard output when
 * that is a terminal, which it would fill with bytes that are no text
 * (and may be control sequences), or NULL. */
static const char *
binary_to_terminal(const struct bp_cli_options *o)
{
	bool dump = o->render.dump_layout || o->render.dump_structure;
	bool to_terminal = false;

	if (dump || !isatty(STDOUT_FILENO))
		return NULL;
	for (size_t i = 0; i < o->ninputs && !to_terminal; i++)
		for (size_t f = 0; f < o->nformats; f++) {
			char *path;
			if (!o->formats[f]->binary)
				continue;
			path = bp_cli_output_path(o, o->inputs[i],
			    o->formats[f]);
			to_terminal = path != NULL && strcmp(path, "-") == 0;
			free(path);
		}
	return to_terminal ? "refusing to write a PDF to a terminal; "
	    "redirect standard output, or give -o FILE" : NULL;
}

/* Every output of the run, --deps FILE included (it was written over the
 * paper by "build --deps x.md x.md", and over an output by "pack -f txt
 * --deps meeting.txt"), against each other and the inputs.  For a pack
 * the input is its meeting file; its papers are known once it is read
 * (cli_pack.c). */
static int
check_output_paths(const struct bp_cli_options *o)
{
	size_t n = o->ninputs * o->nformats, k = 0;
	struct out_key *keys = bp_xreallocarray(NULL, n + 1, sizeof(*keys));
	struct bp_buf why = BP_BUF_INIT;
	const char *clash;
	bool over_input = false;
	int rc = BP_EXIT_OK;

	for (size_t i = 0; i < o->ninputs; i++)
		for (size_t f = 0; f < o->nformats; f++) {
			char *path = bp_cli_output_path(o, o->inputs[i], o->formats[f]);
			if (path == NULL)
				continue;
			keys[k].path = path;
			keys[k].key = strcmp(path, "-") == 0 ? bp_xstrdup("-") :
			    file_key(path);
			keys[k].from = o->inputs[i];
			keys[k].order = k;
			k++;
		}
	if (o->deps != NULL) {
		keys[k].path = bp_xstrdup(o->deps);
		keys[k].key = strcmp(o->deps, "-") == 0 ? bp_xstrdup("-") :
		    file_key(o->deps);
		keys[k].from = NULL;
		keys[k].order = k;
		k++;
	}
	if ((clash = binary_to_terminal(o)) != NULL ||
	    (clash = output_clash(o, keys, k, &why, &over_input)) != NULL)
		rc = over_input ? bp_usage_file_error("%s", clash) :
		    bp_usage_error("%s", clash);
	for (size_t i = 0; i < k; i++) {
		free(keys[i].key);
		free(keys[i].path);
	}
	free(keys);
	bp_buf_free(&why);
	return rc;
}

/* Whether the file at `path` opens as a paper does (a "---" line, after a
 * byte-order mark: paper.c's test).  Read without blocking, a regular
 * file only, its first bytes. */
static bool
opens_with_front_matter(const char *path)
{
	char head[64];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    read(fd, head, sizeof(head)) : -1;
	close(fd);
	return n > 0 && bp_paper_opens_with_fence(head, (size_t)n);
}

/* What an existing file at `path` is when it is a source, one of the
 * files boardpaper reads (a paper, a meeting file, a house style), or
 * NULL: no file there, not a regular file, or anything else.  A source
 * by its name (.md, .markdown, .yaml, .yml: what papers, meeting files
 * and house styles are called), or by its first line: front matter's
 * "---", with which a paper opens whatever its name.  None of the
 * program's own outputs is so named by default (.pdf, .html, .txt, .json;
 * .d by convention for --deps) or opens so (%PDF, <!DOCTYPE, {, the
 * board's name, the output's path), so a rebuild over them is never
 * refused. */
static const char *
source_kind(const char *path)
{
	static const struct {
		const char *ext, *kind;
	} names[] = {
		{ ".md", "a Markdown source" },
		{ ".markdown", "a Markdown source" },
		{ ".yaml", "a YAML source (a meeting or house-style file)" },
		{ ".yml", "a YAML source (a meeting or house-style file)" },
	};
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 :
	    path, *dot = strrchr(base, '.');
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	for (size_t i = 0; dot != NULL && i < sizeof(names) / sizeof(*names);
	    i++)
		if (strcasecmp(dot, names[i].ext) == 0)
			return names[i].kind;
	return opens_with_front_matter(path) ? "a board paper's source (it "
	    "opens with front matter, '---')" : NULL;
}

const char *
bp_cli_output_over_source(const struct bp_cli_options *o,
	const char **kind)
{
	if (o->output != NULL && !o->output_is_dir &&
	    strcmp(o->output, "-") != 0 &&
	    (*kind = source_kind(o->output)) != NULL)
		return o->output;
	if (o->deps != NULL && strcmp(o->deps, "-") != 0 &&
	    (*kind = source_kind(o->deps)) != NULL)
		return o->deps;
	return NULL;
}

int
bp_cli_refuse_source(const char *path, const char *kind)
{
	char fmt[200];

	/* the kinds hold no conversion */
	snprintf(fmt, sizeof(fmt), "refusing to write over %%s: it is %s, "
	    "not an output (remove it first or choose another name)", kind);
	return bp_usage_file_error(fmt, path);
}

bool
bp_cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return strcmp(a, "-") != 0 && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void
report_write_error(struct bp_diags *d, const char *path, int err)
{
	bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_WRITE, path, strerror(err));
}

/* Through a temporary file and a rename (file.c), so that a failed or
 * interrupted run never leaves a partial file nor replaces a good one. */
static int
write_atomically(const char *path, const struct bp_buf *data,
	struct bp_diags *d)
{
	if (bp_file_write_atomic(path, data->data, data->len,
	    BP_FILE_REPLACE) == 0)
		return 0;
	/* EFBIG under ulimit -f: SIGXFSZ is ignored, see main */
	report_write_error(d, path, errno);
	return -1;
}

int
bp_cli_emit(const char *input, const char *path, const struct bp_buf *out,
	struct bp_diags *d)
{
	if (strcmp(path, "-") == 0) {
		if (bp_file_write_all(STDOUT_FILENO, out->data, out->len) == 0)
			return 0;
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_WRITE_STDOUT,
		    strerror(errno));
		return -1;
	}
	if (bp_cli_same_file(input, path)) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_OVER_INPUT, path);
		return -1;
	}
	return write_atomically(path, out, d);
}

/* --- one paper ------------------------------------------------------- */

/* Renders one format into `out`; false (always with an error reported)
 * when there is nothing to write. */
static bool
render_one(const struct bp_cli_options *o, const struct bp_backend *b,
	const struct bp_paper *paper, struct bp_buf *out, struct bp_diags *d)
{
	size_t errors = d->nerrors, warnings = d->nwarnings;

	/* this format's own problems: an earlier format's failure to write
	 * must not stop this one */
	if (b->render(paper, &o->render, out, d) == 0 && !out->failed)
		return d->nerrors == errors &&
		    (!o->strict || d->nwarnings == warnings);
	if (d->nerrors == errors)
		bp_diag(d, (struct bp_pos){ 0, 0 }, out->failed ?
		    BP_E_RENDER_MEMORY : BP_E_RENDER, b->name);
	return false;
}

static void
render_all(const struct bp_cli_options *o, const char *input,
	const struct bp_paper *paper, struct bp_diags *d)
{
	struct bp_buf out = BP_BUF_INIT;

	for (size_t i = 0; i < o->nformats; i++) {
		const struct bp_backend *b = o->formats[i];
		char *path = bp_cli_output_path(o, input, b);

		bp_buf_reset(&out);
		if (path == NULL)
			bp_diag(d, (struct bp_pos){ 0, 0 },
			    BP_E_RENDER_MEMORY, b->name);
		else if (render_one(o, b, paper, &out, d))
			bp_cli_emit(input, path, &out, d);
		free(path);
	}
	bp_buf_free(&out);
}

static bool
wants_progress(const struct bp_cli_options *o)
{
	return o->ninputs > 1 && isatty(STDERR_FILENO);
}

/* Compiles one input, its diagnostics into `report` (empty when there are
 * none); returns 0 when it had no errors. */
static int
compile_one(const struct bp_cli_options *o, const char *input,
	struct bp_buf *report)
{
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	struct bp_buf data = BP_BUF_INIT;
	struct bp_buf styles_report = BP_BUF_INIT;
	struct bp_paper *paper = NULL;
	struct bp_diags d;
	char *dir = bp_file_folder(input);
	int rc;

	const char *style_failed = NULL;
	const struct bp_house_style *style;

	/* the style's own diagnostics come first, the first time it is read */
	style = bp_styles_for(o->styles, dir, o->strict, &styles_report,
	    &style_failed);
	bp_diags_init(&d, name);
	if (style_failed != NULL)
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_STYLE_FAILED,
		    style_failed);
	else if (bp_cli_read_input(o, input, &data, &d) == 0)
		paper = bp_paper_parse_styled(name, dir, data.data, data.len,
		    style, &d);
	/* the model holds copies of what it needs: the source does not stay
	 * for the outputs (2 MB of a 1.5 MB paper) */
	bp_buf_free(&data);
	if (paper != NULL && !o->check_only && !bp_diags_failed(&d, o->strict))
		render_all(o, input, paper, &d);
	rc = bp_diags_failed(&d, o->strict) ? -1 : 0;
	bp_buf_put(report, styles_report.data, styles_report.len);
	bp_diags_format(&d, o->strict, report);
	bp_paper_free(paper);
	bp_diags_free(&d);
	bp_buf_free(&styles_report);
	free(dir);
	return rc;
}

/* One paper's diagnostics, in one write; on a terminal showing progress,
 * the progress line is cleared first. */
static void
put_report(const struct bp_cli_options *o, const char *text, size_t len)
{
	struct bp_buf b = BP_BUF_INIT;

	if (len == 0)
		return;
	if (wants_progress(o))
		bp_buf_puts(&b, "\r\033[K");
	bp_buf_put(&b, text, len);
	(void)bp_file_write_all(STDERR_FILENO, b.data, b.len);
	bp_buf_free(&b);
}

/* Progress, on a terminal only: "boardpaper: 37/1000" redrawn in place. */
static void
show_progress(size_t done, size_t total)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "\rboardpaper: %zu/%zu%s", done,
	    total, done == total ? "\r\033[K" : "");

	if (n > 0)
		(void)bp_file_write_all(STDERR_FILENO, line, (size_t)n);
}

/* Compiles the inputs in turn, in this process; with `draw`, progress is
 * drawn on the terminal after each.  `*failed` counts the inputs that
 * had errors. */
static int
compile_in_turn(const struct bp_cli_options *o, bool draw, size_t *failed)
{
	struct bp_buf report = BP_BUF_INIT;
	int status = BP_EXIT_OK;

	for (size_t i = 0; i < o->ninputs; i++) {
		bp_buf_reset(&report);
		if (compile_one(o, o->inputs[i], &report) != 0) {
			status = BP_EXIT_INPUT;
			(*failed)++;
		}
		put_report(o, report.data, report.len);
		if (draw)
			show_progress(i + 1, o->ninputs);
	}
	bp_buf_free(&report);
	return status;
}

/* What the batch's callbacks see: the options, and for each input the
 * diagnostics of the house-style files it is the first to use. */
struct batch_ctx {
	const struct bp_cli_options *o;
	struct bp_buf *styles_reports; /* one for each input */
};

/* Reads every input's house style before the workers fork, so that each
 * style file is read once and the workers inherit the styles.  Its
 * diagnostics are kept with the first input that uses it, to go out just
 * before that input's own, where -j 1 writes them. */
static void
read_styles(const struct batch_ctx *c)
{
	const struct bp_cli_options *o = c->o;
	const char *failed;

	for (size_t i = 0; i < o->ninputs; i++) {
		char *dir = bp_file_folder(o->inputs[i]);
		(void)bp_styles_for(o->styles, dir, o->strict,
		    &c->styles_reports[i], &failed);
		free(dir);
	}
}

/* The batch's view of the options: a job is an input. */
static int
batch_run(void *ctx, size_t job, struct bp_buf *report)
{
	const struct batch_ctx *c = ctx;

	return compile_one(c->o, c->o->inputs[job], report);
}

/* Input `job`'s report, after the diagnostics of the styles it was the
 * first to use, in one write, as compile_one gives them with -j 1. */
static void
batch_report(void *ctx, size_t job, const char *text, size_t len)
{
	const struct batch_ctx *c = ctx;
	struct bp_buf *r = &c->styles_reports[job];

	bp_buf_put(r, text, len);
	put_report(c->o, r->data, r->len);
	bp_buf_free(r);
}

static void
batch_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	show_progress(done, total);
}

static const char *
batch_name(void *ctx, size_t job)
{
	const struct batch_ctx *c = ctx;
	const char *input = c->o->inputs[job];

	return strcmp(input, "-") == 0 ? "<stdin>" : input;
}

/* A worker died compiling input `job` (SIGKILL: the OOM killer): the
 * temporary files it may have left beside that input's outputs are
 * removed; nothing else can be writing them. */
static void
batch_lost(void *ctx, size_t job)
{
	const struct bp_cli_options *o = ((const struct batch_ctx *)ctx)->o;

	for (size_t i = 0; i < o->nformats && !o->check_only; i++) {
		char *path = bp_cli_output_path(o, o->inputs[job],
		    o->formats[i]);
		if (path != NULL && strcmp(path, "-") != 0)
			bp_file_remove_temps(path);
		free(path);
	}
}

/* Worker processes take the inputs one at a time (batch.c); one paper's
 * crash or failure never stops the others.  `*failed` counts the inputs
 * that had errors or were not compiled. */
static int
compile_parallel(const struct bp_cli_options *o, size_t *failed)
{
	size_t jobs = (size_t)o->jobs;
	struct batch_ctx c = { .o = o };
	struct bp_batch b = {
		.njobs = o->ninputs, .ctx = &c, .run = batch_run,
		.report = batch_report, .name = batch_name, .lost = batch_lost,
		.progress = wants_progress(o) ? batch_progress : NULL,
	};
	int rc;

	if (jobs > o->ninputs)
		jobs = o->ninputs;
	/* the faces every paper may draw in are found once, here, and the
	 * workers inherit the answers (fontconfig's configuration, about
	 * 3 ms, is loaded here too when the answers on disk do not give them
	 * all); read_styles finds a house style's */
	for (size_t i = 0; i < o->nformats && !o->check_only; i++)
		if (o->formats[i]->needs_fonts)
			bp_fonts_load(o->render.fonts);
	c.styles_reports = bp_xcalloc(o->ninputs, sizeof(*c.styles_reports));
	for (size_t i = 0; i < o->ninputs; i++)
		bp_buf_init(&c.styles_reports[i]);
	read_styles(&c);
	rc = bp_batch_run(&b, jobs, failed) == 0 ? BP_EXIT_OK : BP_EXIT_INPUT;
	for (size_t i = 0; i < o->ninputs; i++)
		bp_buf_free(&c.styles_reports[i]);
	free(c.styles_reports);
	return rc;
}

/* Several inputs, some of which failed, end with one line saying how
 * many, the same with or without -j. */
static int
compile_all(const struct bp_cli_options *o)
{
	size_t failed = 0;
	int rc = o->jobs > 1 && o->ninputs > 1 ? compile_parallel(o, &failed) :
	    compile_in_turn(o, wants_progress(o), &failed);
	char line[80];
	int n;

	if (failed == 0 || o->ninputs < 2)
		return rc;
	n = snprintf(line, sizeof(line), "boardpaper: %zu of %zu papers had "
	    "errors\n", failed, o->ninputs);
	if (n > 0 && (size_t)n < sizeof(line))
		(void)bp_file_write_all(STDERR_FILENO, line, (size_t)n);
	return rc;
}

/* The house style a new paper at `path` will have: --style FILE,
 * --no-style, or the one found above its folder.  NULL after printing
 * the style's errors. */
static const struct bp_house_style *
new_paper_style(struct bp_styles *styles, const char *path,
	struct bp_buf *report)
{
	char *dir = bp_file_folder(path);
	const char *failed = NULL;
	const struct bp_house_style *s;

	s = bp_styles_for(styles, dir, false, report, &failed);
	free(dir);
	return failed != NULL ? NULL : s;
}

/* boardpaper new's options: --style FILE or --no-style, and FILE; 0, or
 * the usage error's status. */
static int
new_options(int argc, char **argv, const char **forced, bool *none,
	const char **path)
{
	static const struct option longopts[] = { BP_USAGE_LAST_OPTIONS };
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (bp_usage_empty_name(c, optarg) != 0)
			return BP_EXIT_USAGE;
		switch (c) {
		case 'S':
		case 'N':
			if (bp_usage_style(c, optarg, forced, none) != 0)
				return BP_EXIT_USAGE;
			break;
		default:
			return help_or_bad_option(c, argv);
		}
	}
	if (argc - optind > 1)
		return bp_usage_error("%s", "new takes one FILE at most");
	if (optind < argc && argv[optind][0] == '\0')
		return bp_usage_error("%s", "the file name is empty");
	if (optind < argc)
		*path = argv[optind];
	return BP_EXIT_OK;
}

/* boardpaper new [--style FILE | --no-style] [FILE]: never over an
 * existing file; with the house style's fields and sections. */
static int
new_paper(int argc, char **argv)
{
	struct bp_buf text = BP_BUF_INIT, report = BP_BUF_INIT;
	const struct bp_house_style *style = NULL;
	const char *path = "-", *forced = NULL;
	struct bp_styles *styles;
	struct bp_fonts *fonts;
	struct bp_diags d;
	struct stat st;
	bool none = false;
	int rc;

	if ((rc = new_options(argc, argv, &forced, &none, &path)) !=
	    BP_EXIT_OK)
		return rc;
	rc = BP_EXIT_INPUT;
	fonts = bp_fonts_new();
	styles = bp_styles_new(forced, none, fonts);
	bp_diags_init(&d, path);
	if ((style = new_paper_style(styles, path, &report)) == NULL)
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_STYLE_FAILED,
		    forced != NULL ? forced : BP_STYLE_FILE);
	else
		bp_template_write(&text, style);
	if (style == NULL)
		;
	else if (strcmp(path, "-") != 0 && lstat(path, &st) == 0)
		/* a directory is no paper that could be overwritten */
		bp_diag(&d, (struct bp_pos){ 0, 0 }, is_directory(path) ?
		    BP_E_NEW_IS_DIR : BP_E_NEW_EXISTS);
	else if (bp_cli_emit("", path, &text, &d) == 0)
		rc = BP_EXIT_OK;
	bp_diags_format(&d, false, &report);
	if (report.len > 0)
		(void)bp_file_write_all(STDERR_FILENO, report.data, report.len);
	bp_diags_free(&d);
	bp_styles_free(styles);
	bp_fonts_free(fonts);
	bp_buf_free(&text);
	bp_buf_free(&report);
	return rc;
}

int
main(int argc, char **argv)
{
	struct bp_cli_options o;
	struct bp_cli_stdin stdin_paper = { false, 0, 0, BP_BUF_INIT };
	struct bp_buf why = BP_BUF_INIT;
	const char *over, *kind;
	int rc;

#ifdef M_MMAP_THRESHOLD
	/* Blocks of 128 KB and more (a long paper's arrays) are mapped, and
	 * go back to the system when freed.  glibc would otherwise raise the
	 * threshold to the size of each mapped block freed (the source, once
	 * parsed), and later arrays up to that size would stay in the heap,
	 * resident, after they are freed. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	memset(&o, 0, sizeof(o));
	o.jobs = 1;
	o.render.width = 72;
	o.formats[0] = bp_backend_find("pdf");
	o.nformats = 1;
	o.stdin_paper = &stdin_paper;
	read_epoch(&o.render);

	if (argc < 2)
		return bp_usage_error("%s", "no command");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_help();
		return BP_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		puts("boardpaper " BP_VERSION);
		return BP_EXIT_OK;
	}
	if (strcmp(argv[1], "new") == 0)
		return new_paper(argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return bp_import_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "check") == 0)
		o.check_only = true;
	else if (strcmp(argv[1], "pack") == 0)
		o.pack = true;
	else if (strcmp(argv[1], "build") != 0)
		return bp_usage_error(argv[1][0] == '-' && argv[1][1] != '\0' ?
		    "unknown option '%s' before the command (options go "
		    "after it: boardpaper build --strict FILE)" :
		    "unknown command '%s'", argv[1]);
	if ((rc = parse_options(argc - 1, argv + 1, &o)) != BP_EXIT_OK ||
	    (rc = check_options(&o)) != BP_EXIT_OK)
		return rc;
	/* one paper to one format: nothing is compiled after it */
	o.render.exits_after = LEAVE_TO_EXIT && !o.pack && !o.check_only &&
	    o.ninputs == 1 && o.nformats == 1;
	if (!o.check_only && (rc = check_output_paths(&o)) != BP_EXIT_OK)
		return rc;
	/* past ulimit -f a write fails with EFBIG, which is reported and
	 * its temporary file removed, rather than killing the process */
	signal(SIGXFSZ, SIG_IGN);
	/* one font lookup context and one PDF module for every paper of
	 * this process (each worker of -j N has its own copy of both) */
	o.render.fonts = bp_fonts_new();
	o.render.pdf_module = bp_pdf_module_new();
	o.styles = bp_styles_new(o.style, o.no_style, o.render.fonts);
	/* before anything is written (-o imgdir/ref8.png, an image of the
	 * paper, replaced it); a pack's papers are known once read */
	if (!o.pack && !o.check_only && bp_cli_output_over_input(&o, &why))
		rc = bp_usage_file_error("%s", why.data);
	else if (!o.pack && !o.check_only &&
	    (over = bp_cli_output_over_source(&o, &kind)) != NULL)
		rc = bp_cli_refuse_source(over, kind);
	else
		rc = o.pack ? bp_cli_pack(&o) : compile_all(&o);
	if (!o.pack && o.deps != NULL && rc == BP_EXIT_OK)
		rc = bp_cli_build_deps(&o);
	bp_buf_free(&why);
	bp_buf_free(&stdin_paper.data);
	bp_styles_free(o.styles);
	/* The fonts context holds the PDF back-end's kit, and the document
	 * save left in it (pdf_doc.c): freeing them is all that is left to
	 * do, and the exit does it at no cost.  exit, not return, so that a
	 * leak checker (valgrind) finds them reachable from this frame. */
	if (o.render.exits_after && bp_fonts_kept(o.render.fonts) != NULL)
		exit(rc);
	bp_fonts_free(o.render.fonts);
	bp_pdf_module_free(o.render.pdf_module);
	return rc;
}
