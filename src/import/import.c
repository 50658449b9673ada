/* `boardpaper import`: a Word paper (.docx, or the .txt Word saves) to a
 * boardpaper source, checked as `check` would check it. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "fonts.h"
#include "import.h"
#include "style_load.h"
#include "usage.h"

/* The largest Word file read, in bytes: images make a .docx larger than
 * any paper (documented in the README). */
#define MAX_WORD_FILE (64u * 1024 * 1024)

static const char import_usage[] =
    "usage: boardpaper import [-o FILE.md] [--force] [--style FILE | "
    "--no-style]\n"
    "                         FILE.docx|FILE.txt|-\n";

struct import_opts {
	const char *input;
	const char *output; /* -o, or NULL */
	bool force;
	const char *style;  /* --style FILE, or NULL */
	bool no_style;      /* --no-style */
};

static int
parse_import_options(int argc, char **argv, struct import_opts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		BP_USAGE_LAST_OPTIONS
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		if (bp_usage_empty_name(c, optarg) != 0)
			return 2;
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'F':
			o->force = true;
			break;
		case 'S':
		case 'N':
			if (bp_usage_style(c, optarg, &o->style, &o->no_style)
			    != 0)
				return 2;
			break;
		case 'h':
			fputs(import_usage, stdout);
			exit(0);
		default:
			return bp_usage_bad_option(c, argv);
		}
	}
	if (argc - optind != 1)
		return bp_usage_error("%s", "import takes one FILE");
	if (argv[optind][0] == '\0')
		return bp_usage_error("%s", "the file name is empty");
	o->input = argv[optind];
	return 0;
}

/* The Word or text file, by the one policy of file.c, "-" being standard
 * input; at most MAX_WORD_FILE bytes, and not empty. */
static int
read_word_file(const char *path, struct bp_buf *out, struct bp_diags *d)
{
	enum bp_file_status st = strcmp(path, "-") == 0 ?
	    bp_file_read_stdin(MAX_WORD_FILE, out) :
	    bp_file_read(path, MAX_WORD_FILE, out);

	if (st == BP_FILE_TOO_LARGE)
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_LIMIT,
		    "the file's size is", (size_t)MAX_WORD_FILE);
	else if (st != BP_FILE_OK)
		bp_file_report(d, st, MAX_WORD_FILE);
	else if (out->len == 0)
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_EMPTY);
	else
		return 0;
	return -1;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcasecmp(s + n - t, tail) == 0;
}

/* FILE.md beside the input (with its extension replaced), standard output
 * for standard input, or -o. */
static char *
md_path_for(const struct import_opts *o)
{
	const char *slash, *dot;
	struct bp_buf p = BP_BUF_INIT;

	if (o->output != NULL)
		return bp_xstrdup(o->output);
	if (strcmp(o->input, "-") == 0)
		return bp_xstrdup("-");
	slash = strrchr(o->input, '/');
	dot = strrchr(slash ? slash + 1 : o->input, '.');
	if (dot == NULL || dot == (slash ? slash + 1 : o->input))
		bp_buf_puts(&p, o->input);
	else
		bp_buf_put(&p, o->input, (size_t)(dot - o->input));
	bp_buf_puts(&p, ".md");
	return bp_buf_detach(&p, NULL);
}

/* The output's folder, and the images' folder in it: "NAME_media". */
static void
media_paths(const char *md, char **dir, char **media)
{
	const char *slash = strrchr(md, '/');
	const char *base = strcmp(md, "-") == 0 ? "stdin" : slash ? slash + 1 :
	    md;
	const char *dot = strrchr(base, '.');
	struct bp_buf m = BP_BUF_INIT;

	if (strcmp(md, "-") == 0 || slash == NULL)
		*dir = bp_xstrdup(".");
	else {
		*dir = bp_xmalloc((size_t)(slash - md) + 2);
		memcpy(*dir, md, (size_t)(slash - md) + (slash == md));
		(*dir)[(slash - md) + (slash == md)] = '\0';
	}
	bp_buf_put(&m, base, dot && dot != base ? (size_t)(dot - base) :
	    strlen(base));
	bp_buf_puts(&m, "_media");
	*media = bp_buf_detach(&m, NULL);
}

static bool
is_docx(const char *path, const struct bp_buf *data)
{
	if (ends_with(path, ".docx"))
		return true;
	if (ends_with(path, ".txt"))
		return false;
	return data->len >= 4 && memcmp(data->data, "PK\3\4", 4) == 0;
}

static void
print_diags(struct bp_diags *d)
{
	struct bp_buf report = BP_BUF_INIT;

	bp_diags_format(d, false, &report);
	if (report.len > 0)
		fwrite(report.data, 1, report.len, stderr);
	bp_buf_free(&report);
}

/* Parses what was written, as `check` does, and prints what it says. */
static void
check_written(const char *md_path, const char *dir, const struct bp_buf *md,
	const struct bp_house_style *style)
{
	const char *name = strcmp(md_path, "-") == 0 ? "<stdout>" : md_path;
	struct bp_diags d;
	struct bp_paper *paper;

	bp_diags_init(&d, name);
	paper = bp_paper_parse_styled(name, dir, md->data, md->len, style, &d);
	print_diags(&d);
	bp_paper_free(paper);
	bp_diags_free(&d);
}

static bool
same_as_input(const char *input, const char *output)
{
	struct stat a, b;

	return strcmp(input, "-") != 0 && strcmp(output, "-") != 0 &&
	    stat(input, &a) == 0 && stat(output, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The house style of the output's folder (or --style), whose labels and
 * fields the recogniser matches: NULL after printing its errors. */
static const struct bp_house_style *
house_style(struct bp_styles *styles, const char *dir)
{
	struct bp_buf report = BP_BUF_INIT;
	const char *failed = NULL;
	const struct bp_house_style *s = bp_styles_for(styles, dir, false,
	    &report, &failed);

	if (report.len > 0)
		fwrite(report.data, 1, report.len, stderr);
	bp_buf_free(&report);
	return failed != NULL ? NULL : s;
}

int
bp_import_main(int argc, char **argv)
{
	struct import_opts o = { NULL, NULL, false, NULL, false };
	const struct bp_house_style *style = NULL;
	struct bp_styles *styles = NULL;
	struct bp_fonts *fonts = NULL;
	struct bp_buf data = BP_BUF_INIT, md = BP_BUF_INIT;
	struct bp_imp_doc *doc = NULL;
	struct bp_imp_paper paper;
	struct bp_imp_out out;
	char *md_path = NULL, *dir = NULL, *media = NULL;
	struct bp_diags d;
	struct stat st;
	int rc;

	if ((rc = parse_import_options(argc, argv, &o)) != 0)
		return rc;
	rc = 1;
	bp_diags_init(&d, strcmp(o.input, "-") == 0 ? "<stdin>" : o.input);
	md_path = md_path_for(&o);
	media_paths(md_path, &dir, &media);
	out = (struct bp_imp_out){ md_path, dir, media, o.force };
	if (same_as_input(o.input, md_path)) {
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_OVER_INPUT, md_path);
		goto out;
	}
	if (!o.force && strcmp(md_path, "-") != 0 && lstat(md_path, &st) == 0) {
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_EXISTS,
		    md_path);
		goto out;
	}
	fonts = bp_fonts_new();
	styles = bp_styles_new(o.style, o.no_style, fonts);
	if ((style = house_style(styles, dir)) == NULL)
		goto out;
	if (read_word_file(o.input, &data, &d) != 0)
		goto out;
	doc = bp_imp_doc_new();
	if (is_docx(o.input, &data) ?
	    bp_imp_read_docx(doc, data.data, data.len, &out, &d) != 0 :
	    bp_imp_read_text(doc, data.data, data.len, &d) != 0)
		goto out;
	bp_imp_recognise(doc, style, &paper, &d);
	bp_imp_write_source(&paper, &md);
	if (md.failed) {
		bp_diag(&d, (struct bp_pos){ 0, 0 }, BP_E_READ,
		    strerror(ENOMEM));
		goto out;
	}
	if (bp_imp_write_file(md_path, md.data, md.len, o.force, &d) != 0)
		goto out;
	rc = 0;
out:
	print_diags(&d);
	if (rc == 0)
		check_written(md_path, dir, &md, style);
	bp_diags_free(&d);
	bp_imp_doc_free(doc);
	bp_styles_free(styles);
	bp_fonts_free(fonts);
	bp_buf_free(&data);
	bp_buf_free(&md);
	free(md_path);
	free(dir);
	free(media);
	return rc;
}
