/* The one table of back-ends: adding a format is adding a row. */
#include <string.h>

#include "boardpaper/backend.h"
#include "pdf_plugin.h"

static const struct bp_backend backends[] = {
	{ .name = "pdf", .extension = "pdf", .needs_fonts = true,
	    .binary = true,
	    .render = bp_pdf_plugin_render,
	    .render_pack = bp_pdf_plugin_render_pack },
	{ .name = "txt", .extension = "txt", .render = bp_render_txt,
	    .render_pack = bp_render_txt_pack },
	{ .name = "json", .extension = "json", .render = bp_render_json,
	    .render_pack = bp_render_json_pack },
	{ .name = "html", .extension = "html", .render = bp_render_html,
	    .render_pack = bp_render_html_pack },
};

const struct bp_backend *
bp_backends(size_t *n)
{
	*n = sizeof(backends) / sizeof(backends[0]);
	return backends;
}

const struct bp_backend *
bp_backend_find(const char *name)
{
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].name, name) == 0)
			return &backends[i];
	return NULL;
}
