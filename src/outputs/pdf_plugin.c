/* The PDF back-end as the back-end table sees it: it loads the back-end
 * itself (boardpaper-pdf.so) the first time a PDF is rendered.
 *
 * libharu and HarfBuzz bring nine shared libraries (glib, graphite2,
 * pcre2, freetype, brotli, libpng, zlib behind them) whose loading cost
 * every run two million instructions, more than the rest of building a
 * paper to HTML or text.  So only the PDF back-end links them, and only
 * a run that writes a PDF loads it.  A program that has the back-end
 * linked in (the unit tests, the fuzzer) calls it directly. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "pdf_plugin.h"

#ifndef BP_PLUGIN_DIR
#define BP_PLUGIN_DIR "/usr/local/lib/boardpaper"
#endif

/* Present only when the back-end is linked into this program. */
#pragma weak bp_render_pdf
#pragma weak bp_render_pdf_pack

typedef int render_fn(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);
typedef int render_pack_fn(const struct bp_pack *,
	const struct bp_render_opts *, struct bp_buf *, struct bp_diags *);

/* Where the back-end is looked for: beside this program (the build tree:
 * ./boardpaper-pdf.so, build/boardpaper-pdf-asan.so for
 * build/boardpaper-asan), then in the directory it is installed in.
 * False when the name does not fit. */
static bool
plugin_path(char *path, size_t size, bool installed)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *slash, *suffix;
	size_t len;

	if (n <= 0)
		return false;
	self[n] = '\0';
	slash = strrchr(self, '/');
	len = strlen(self);
	suffix = len >= 5 && strcmp(self + len - 5, "-asan") == 0 ? "-asan" : "";
	if (installed)
		return snprintf(path, size, "%s/boardpaper-pdf%s.so",
		    BP_PLUGIN_DIR, suffix) < (int)size;
	return slash != NULL && snprintf(path, size, "%.*s/boardpaper-pdf%s.so",
	    (int)(slash - self), self, suffix) < (int)size;
}

/* The back-end's function `name`, loading it if need be (dlopen gives
 * the same handle back once it is loaded); NULL, reported, when it
 * cannot be loaded. */
static void *
plugin_symbol(const char *name, struct bp_diags *diags)
{
	static const struct bp_pos nowhere;
	char path[PATH_MAX + 32];
	void *lib = NULL, *fn;
	const char *why = "not found";

	for (int installed = 0; installed <= 1 && lib == NULL; installed++) {
		if (!plugin_path(path, sizeof(path), installed))
			continue;
		if (access(path, F_OK) != 0)
			continue;
		if ((lib = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
			why = dlerror();
	}
	if (lib == NULL) {
		bp_diag(diags, nowhere, BP_E_PDF_BACKEND, "boardpaper-pdf.so",
		    why);
		return NULL;
	}
	if ((fn = dlsym(lib, name)) == NULL)
		bp_diag(diags, nowhere, BP_E_PDF_BACKEND, path, dlerror());
	return fn;
}

int
bp_pdf_plugin_render(const struct bp_paper *paper,
	const struct bp_render_opts *opts, struct bp_buf *out,
	struct bp_diags *diags)
{
	render_fn *fn = bp_render_pdf;

	if (fn == NULL) {
		void *p = plugin_symbol("bp_render_pdf", diags);
		if (p == NULL)
			return -1;
		memcpy(&fn, &p, sizeof(fn));
	}
	return fn(paper, opts, out, diags);
}

int
bp_pdf_plugin_render_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	struct bp_diags *diags)
{
	render_pack_fn *fn = bp_render_pdf_pack;

	if (fn == NULL) {
		void *p = plugin_symbol("bp_render_pdf_pack", diags);
		if (p == NULL)
			return -1;
		memcpy(&fn, &p, sizeof(fn));
	}
	return fn(pack, opts, out, diags);
}
