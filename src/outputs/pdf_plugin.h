/* The PDF back-end's entry points in the main program: they load
 * boardpaper-pdf.so and call bp_render_pdf and bp_render_pdf_pack in it
 * (src/outputs/pdf_plugin.c). */
#ifndef BP_PDF_PLUGIN_H
#define BP_PDF_PLUGIN_H

#include "boardpaper/backend.h"

/* The module's ABI string (src/outputs/pdf_abi.c): it must equal the
 * program's BP_ABI, or the module was built from other headers. */
extern const char bp_pdf_abi[];

/* The module as one run holds it: empty until the first PDF is
 * rendered with it, then the loaded and checked module, kept for every
 * later paper of the process (a batch worker has its own copy, forked
 * empty, and so loads it once for all its papers).  Made by the program
 * that renders (main), put in bp_render_opts.pdf_module. */
struct bp_pdf_module *bp_pdf_module_new(void);
/* Frees the handle; the module stays loaded until the process ends
 * (the font lookups may hold its code: src/layout/fonts.h). */
void bp_pdf_module_free(struct bp_pdf_module *m);

/* Render with the module opts->pdf_module holds, loading it first when
 * it is empty. */
int bp_pdf_plugin_render(const struct bp_paper *,
	const struct bp_render_opts *, struct bp_buf *, struct bp_diags *);
int bp_pdf_plugin_render_pack(const struct bp_pack *,
	const struct bp_render_opts *, struct bp_buf *,
	const struct bp_pack_diags *);

#endif
