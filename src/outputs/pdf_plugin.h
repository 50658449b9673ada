/* The PDF back-end's entry points in the main program: they load
 * boardpaper-pdf.so and call bp_render_pdf and bp_render_pdf_pack in it
 * (src/outputs/pdf_plugin.c). */
#ifndef BP_PDF_PLUGIN_H
#define BP_PDF_PLUGIN_H

#include "boardpaper/backend.h"

/* The module's ABI string (src/outputs/pdf_abi.c): it must equal the
 * program's BP_ABI, or the module was built from other headers. */
extern const char bp_pdf_abi[];

int bp_pdf_plugin_render(const struct bp_paper *,
	const struct bp_render_opts *, struct bp_buf *, struct bp_diags *);
int bp_pdf_plugin_render_pack(const struct bp_pack *,
	const struct bp_render_opts *, struct bp_buf *,
	const struct bp_pack_diags *);

#endif
