/* --deps FILE: a make rule naming the outputs and every file they were
 * made from, for build and for pack. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "boardpaper/pack.h"
#include "cli.h"
#include "file.h"
#include "image.h"
#include "internal.h"
#include "style_load.h"

/* A path as make reads it in a rule: spaces, '#' and ':' escaped with a
 * backslash, '$' doubled. */
static void
put_make_path(struct bp_buf *b, const char *path)
{
	for (const char *p = path; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == ':' || *p == '\\')
			bp_buf_putc(b, '\\');
		if (*p == '$')
			bp_buf_putc(b, '$');
		bp_buf_putc(b, *p);
	}
}

/* "OUT...: IN...", one make rule for `outputs` made from `inputs`. */
static void
put_deps_rule(struct bp_buf *b, char *const *outputs, size_t noutputs,
	const char *const *inputs, size_t ninputs)
{
	for (size_t i = 0; i < noutputs; i++) {
		if (i > 0)
			bp_buf_putc(b, ' ');
		put_make_path(b, outputs[i]);
	}
	bp_buf_putc(b, ':');
	for (size_t i = 0; i < ninputs; i++) {
		bp_buf_puts(b, " \\\n  ");
		put_make_path(b, inputs[i]);
	}
	bp_buf_putc(b, '\n');
}

/* A growing list of paths, for a rule's inputs. */
struct paths {
	char **v;
	size_t n, cap;
};

static void
paths_add(struct paths *p, char *path)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = bp_xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = path;
}

static void
paths_free(struct paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

/* `rel` as named from the working folder, `dir` being its folder. */
static char *
path_in(const char *dir, const char *rel)
{
	struct bp_buf b = BP_BUF_INIT;

	if (rel[0] != '/' && strcmp(dir, ".") != 0)
		bp_buf_printf(&b, "%s/", dir);
	bp_buf_puts(&b, rel);
	return b.failed ? bp_xstrdup(rel) : bp_buf_detach(&b, NULL);
}

static void
add_images(struct paths *p, const char *dir, const struct bp_block *b)
{
	for (; b != NULL; b = b->next) {
		if (b->type == BP_BLOCK_FIGURE)
			paths_add(p, path_in(dir, b->u.image.path != NULL ?
			    b->u.image.path : b->u.image.src));
		add_images(p, dir, b->child);
	}
}

/* Every file `input` is made from: the paper (but standard input), its
 * images (unless `images` is false), each style file of its chain,
 * nearest first, and the logo.  The paper is parsed again for its images
 * (it is cheap next to rendering), so that workers need not send anything
 * back. */
static void
files_of_input(const struct bp_cli_options *o, const char *input,
	struct paths *in, bool images)
{
	struct bp_buf data = BP_BUF_INIT;
	const struct bp_buf *source;
	char *dir = bp_file_folder(input);
	const struct bp_house_style *style;
	const char *failed = NULL;
	struct bp_paper *paper = NULL;
	struct bp_diags d;

	bp_diags_init(&d, input);
	/* only its files: the style's diagnostics are the compile's to say
	 * (this runs before it, when an output exists already) */
	style = bp_styles_for(o->styles, dir, o->strict, NULL, &failed);
	/* standard input is kept for the compile (it cannot be read twice);
	 * it is no file of the working folder named "-" */
	if (strcmp(input, "-") == 0)
		source = images ? bp_cli_peek_stdin(o) : NULL;
	else {
		paths_add(in, bp_xstrdup(input));
		source = images && bp_cli_read_input(o, input, &data, &d) == 0 ?
		    &data : NULL;
	}
	if (source != NULL)
		paper = bp_paper_parse_styled(input, dir, source->data,
		    source->len, style, &d);
	if (paper != NULL)
		add_images(in, dir, paper->body);
	for (size_t i = 0; i < style->ninputs; i++)
		paths_add(in, bp_xstrdup(style->inputs[i]));
	bp_paper_free(paper);
	bp_diags_free(&d);
	bp_buf_free(&data);
	free(dir);
}

/* The rule for one input of `build`: its outputs, from its files. */
static void
deps_of_input(const struct bp_cli_options *o, const char *input,
	struct bp_buf *out)
{
	char *outputs[BP_MAX_FORMATS];
	struct paths in = { NULL, 0, 0 };

	files_of_input(o, input, &in, true);
	for (size_t i = 0; i < o->nformats; i++)
		outputs[i] = bp_cli_output_path(o, input, o->formats[i]);
	put_deps_rule(out, outputs, o->nformats, (const char *const *)in.v,
	    in.n);
	for (size_t i = 0; i < o->nformats; i++)
		free(outputs[i]);
	paths_free(&in);
}

/* An output of the run that exists already: what it is and its name. */
struct existing {
	dev_t dev;
	ino_t ino;
	char *path;
};

static void
add_existing(struct existing *v, size_t *n, char *path)
{
	struct stat st;

	if (path != NULL && strcmp(path, "-") != 0 && stat(path, &st) == 0) {
		v[*n] = (struct existing){ st.st_dev, st.st_ino, path };
		(*n)++;
	} else
		free(path);
}

/* Whether the file at `path` could be an image a paper builds with: its
 * first bytes pass bp_image_format_of, the test by which image.c refuses
 * any other file (and a paper with an error writes nothing), or it cannot
 * be read to tell. */
static bool
maybe_image(const char *path)
{
	unsigned char head[BP_IMAGE_HEAD];
	enum bp_image_format format;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return true;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n < 0 || bp_image_format_of(head, (size_t)n, &format);
}

/* The existing output that the file `path` is, or NULL. */
static const char *
existing_match(const struct existing *v, size_t n, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].dev == st.st_dev && v[i].ino == st.st_ino)
			return v[i].path;
	return NULL;
}

bool
bp_cli_output_over_input(const struct bp_cli_options *o, struct bp_buf *why)
{
	size_t n = 0, cap = o->ninputs * o->nformats + 1;
	struct existing *out = bp_xreallocarray(NULL, cap, sizeof(*out));
	const char *hit = NULL;
	bool images = false;

	for (size_t i = 0; i < o->ninputs; i++)
		for (size_t f = 0; f < o->nformats; f++)
			add_existing(out, &n, bp_cli_output_path(o, o->inputs[i],
			    o->formats[f]));
	if (o->deps != NULL)
		add_existing(out, &n, bp_xstrdup(o->deps));
	/* an output not there yet is no input: most runs parse nothing; and
	 * the papers are parsed for their images only when an existing
	 * output could be one (a rebuild over last time's outputs parses
	 * each paper once, to build it) */
	for (size_t i = 0; i < n && !images; i++)
		images = maybe_image(out[i].path);
	for (size_t i = 0; n > 0 && hit == NULL && i < o->ninputs; i++) {
		struct paths in = { NULL, 0, 0 };
		files_of_input(o, o->inputs[i], &in, images);
		for (size_t k = 0; hit == NULL && k < in.n; k++)
			hit = existing_match(out, n, in.v[k]);
		if (hit != NULL)
			bp_buf_printf(why, "refusing to write over the input %s",
			    hit);
		paths_free(&in);
	}
	for (size_t i = 0; i < n; i++)
		free(out[i].path);
	free(out);
	return hit != NULL;
}

/* build --deps FILE: one rule per input, written once all compiled. */
int
bp_cli_build_deps(const struct bp_cli_options *o)
{
	struct bp_buf rules = BP_BUF_INIT;
	struct bp_diags d;
	int rc;

	for (size_t i = 0; i < o->ninputs; i++)
		if (strcmp(o->inputs[i], "-") != 0)
			deps_of_input(o, o->inputs[i], &rules);
	bp_diags_init(&d, o->deps);
	rc = bp_cli_emit("", o->deps, &rules, &d) == 0 ? BP_EXIT_OK : BP_EXIT_INPUT;
	bp_buf_reset(&rules);
	bp_diags_format(&d, false, &rules);
	(void)bp_file_write_all(STDERR_FILENO, rules.data, rules.len);
	bp_diags_free(&d);
	bp_buf_free(&rules);
	return rc;
}

/* pack --deps FILE: the pack's outputs, from the meeting file, its papers
 * and their images, and the house style's files. */
int
bp_cli_pack_deps(const struct bp_cli_options *o, const struct bp_pack *pk,
	char *const *paths, struct bp_diags *d)
{
	struct bp_buf deps = BP_BUF_INIT;
	struct paths in = { NULL, 0, 0 };
	int rc;

	for (size_t i = 0; i < pk->ninputs; i++)
		paths_add(&in, bp_xstrdup(pk->inputs[i]));
	for (size_t k = 0; k < pk->style->ninputs; k++)
		paths_add(&in, bp_xstrdup(pk->style->inputs[k]));
	put_deps_rule(&deps, paths, o->nformats, (const char *const *)in.v,
	    in.n);
	paths_free(&in);
	rc = bp_cli_emit(o->inputs[0], o->deps, &deps, d);
	bp_buf_free(&deps);
	return rc;
}
