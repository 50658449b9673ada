/* The PDF back-end as the back-end table sees it: it loads the back-end
 * itself (boardpaper-pdf.so) the first time a PDF is rendered, into the
 * handle (struct bp_pdf_module) the rendering program owns and passes in
 * bp_render_opts, and keeps it there for the papers that follow.
 *
 * libharu and libdeflate, with libpng and zlib behind them, are shared
 * libraries whose loading would cost every run, and HarfBuzz (with glib,
 * graphite2, pcre2, freetype and brotli), before ttf_subset.c replaced
 * it, cost two million instructions, more than the rest of building a
 * paper to HTML or text.  So only the PDF back-end links them, and only
 * a run that writes a PDF loads it.  A program that has the back-end
 * linked in (the unit tests, the fuzzer) calls it directly. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boardpaper/backend.h"
#include "bp_abi.h"
#include "file.h"
#include "internal.h"
#include "pdf_plugin.h"

/* The one directory the module is loaded from, fixed when the program is
 * built: the build tree's programs have the build directory, the installed
 * one (relinked by `make install`) $PLUGINDIR.  Nothing at run time (the
 * program's own path, the environment) can point it elsewhere, so a copy
 * of the program in a writable directory cannot be made to load a planted
 * module.  BP_PLUGIN_SUFFIX is "-asan" for the sanitizer build. */
#ifndef BP_PLUGIN_DIR
#error "BP_PLUGIN_DIR: the Makefile defines the module's directory"
#endif
#ifndef BP_PLUGIN_SUFFIX
#define BP_PLUGIN_SUFFIX ""
#endif
#define BP_PLUGIN_PATH BP_PLUGIN_DIR "/boardpaper-pdf" BP_PLUGIN_SUFFIX ".so"

/* Present only when the back-end is linked into this program. */
#pragma weak bp_render_pdf
#pragma weak bp_render_pdf_pack

typedef int render_fn(const struct bp_paper *, const struct bp_render_opts *,
	struct bp_buf *, struct bp_diags *);
typedef int render_pack_fn(const struct bp_pack *,
	const struct bp_render_opts *, struct bp_buf *,
	const struct bp_pack_diags *);

/* Why the module at `path` must not be loaded, or NULL when it may be
 * (bp_file_untrusted, and bp_file_untrusted_dirs for the directories it
 * is reached through; that reason in `scratch`).  The path is checked
 * with stat, not through an fd later handed to dlopen: swapping the file
 * between the check and the load needs write access to a directory on
 * its way, and each of those is checked to be root's or the user's. */
static const char *
plugin_unsafe(const char *path, struct bp_buf *scratch)
{
	struct stat st;

	if (bp_file_untrusted_dirs(path, scratch))
		return scratch->failed ? "refused: a directory on its way" :
		    scratch->data;
	if (stat(path, &st) != 0)
		return "not found";
	return bp_file_untrusted(&st);
}

/* True when the loaded module was built from the same headers as this
 * program; reported when not (a module of another version, or one built
 * from a changed tree, would read the model's structures wrongly). */
static bool
plugin_abi_matches(void *lib, struct bp_diags *diags)
{
	static const struct bp_pos nowhere;
	const char *abi = dlsym(lib, "bp_pdf_abi");

	if (abi != NULL && strcmp(abi, BP_ABI) == 0)
		return true;
	bp_diag(diags, nowhere, BP_E_PDF_ABI, BP_PLUGIN_PATH,
	    abi != NULL ? abi : "(none)", BP_ABI);
	return false;
}

struct bp_pdf_module {
	void *lib; /* dlopen's handle once loaded and checked, else NULL */
};

struct bp_pdf_module *
bp_pdf_module_new(void)
{
	return bp_xcalloc(1, sizeof(struct bp_pdf_module));
}

/* No dlclose: the font lookups, freed later, may hold the module's
 * faces and the function that frees them (bp_fonts_keep), and the
 * process is ending anyway. */
void
bp_pdf_module_free(struct bp_pdf_module *m)
{
	free(m);
}

/* How the module is opened.  Lazy binding: the module's calls (to
 * libharu, libc and the program) are bound as they are first made, not
 * all at loading, and most of zlib's are never made.  libharu, libpng
 * and libdeflate are built to bind at loading whatever is asked.
 *
 * RTLD_DEEPBIND: the module and the libraries it brings (libharu,
 * libpng, zlib, libm) find their symbols among themselves before they
 * look in the program: libharu and libpng bind 520 symbols at loading,
 * each of which first missed in the program, libm, libc and the loader,
 * 140,000 instructions of paper a's 9.6 M.  Nothing they bind changes
 * (the program exports only its bp_ functions, which no library has),
 * unless something before libc supplies malloc: another allocator in
 * LD_PRELOAD, a sanitizer's runtime.  The module and libharu must then
 * take the program's, or a block allocated on one side and freed on the
 * other breaks, so they are bound as usual. */
static int
plugin_open_flags(void)
{
	int flags = RTLD_LAZY | RTLD_LOCAL;
#ifdef RTLD_DEEPBIND
	/* the malloc this program calls, and libc's own */
	void *(*ours)(size_t) = malloc, *(*libcs)(size_t) = NULL;
	void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
	void *p = libc != NULL ? dlsym(libc, "malloc") : NULL;

	memcpy(&libcs, &p, sizeof(libcs));
	if (p != NULL && libcs == ours)
		flags |= RTLD_DEEPBIND;
	if (libc != NULL)
		dlclose(libc);
#endif
	return flags;
}

/* The loaded, checked module, kept in `m`; NULL, reported, when it
 * cannot be loaded.  It is checked and loaded once for all the papers
 * `m` serves.  A failure is not kept: each paper reports it. */
static void *
plugin_library(struct bp_pdf_module *m, struct bp_diags *diags)
{
	static const struct bp_pos nowhere;
	struct bp_buf scratch = BP_BUF_INIT;
	const char *why;
	void *lib = NULL;

	if (m->lib != NULL)
		return m->lib;
	why = plugin_unsafe(BP_PLUGIN_PATH, &scratch);
	/* a module from another build is refused by its ABI string below,
	 * before any call */
	if (why == NULL &&
	    (lib = dlopen(BP_PLUGIN_PATH, plugin_open_flags())) == NULL)
		why = dlerror();
	if (lib == NULL)
		bp_diag(diags, nowhere, BP_E_PDF_BACKEND, BP_PLUGIN_PATH, why);
	bp_buf_free(&scratch);
	if (lib == NULL)
		return NULL;
	if (!plugin_abi_matches(lib, diags))
		return NULL;
	return m->lib = lib;
}

/* The back-end's function `name`, from the module `m` holds (loaded
 * now if need be), or from a module of this paper's own when `m` is
 * NULL; NULL, reported, when the module cannot be loaded or lacks it. */
static void *
plugin_symbol(struct bp_pdf_module *m, const char *name,
	struct bp_diags *diags)
{
	static const struct bp_pos nowhere;
	struct bp_pdf_module once = { NULL };
	void *lib, *fn;

	lib = plugin_library(m != NULL ? m : &once, diags);
	if (lib == NULL)
		return NULL;
	if ((fn = dlsym(lib, name)) == NULL)
		bp_diag(diags, nowhere, BP_E_PDF_BACKEND, BP_PLUGIN_PATH,
		    dlerror());
	return fn;
}

int
bp_pdf_plugin_render(const struct bp_paper *paper,
	const struct bp_render_opts *opts, struct bp_buf *out,
	struct bp_diags *diags)
{
	render_fn *fn = bp_render_pdf;

	if (fn == NULL) {
		void *p = plugin_symbol(opts->pdf_module, "bp_render_pdf",
		    diags);
		if (p == NULL)
			return -1;
		memcpy(&fn, &p, sizeof(fn));
	}
	return fn(paper, opts, out, diags);
}

int
bp_pdf_plugin_render_pack(const struct bp_pack *pack,
	const struct bp_render_opts *opts, struct bp_buf *out,
	const struct bp_pack_diags *diags)
{
	render_pack_fn *fn = bp_render_pdf_pack;

	if (fn == NULL) {
		void *p = plugin_symbol(opts->pdf_module, "bp_render_pdf_pack",
		    diags->meeting);
		if (p == NULL)
			return -1;
		memcpy(&fn, &p, sizeof(fn));
	}
	return fn(pack, opts, out, diags);
}
