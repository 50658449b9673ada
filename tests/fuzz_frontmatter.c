/* libFuzzer harness for the front matter alone (make fuzz): any bytes as
 * the YAML between the two '---' lines of a paper with a one-line body,
 * checked, parsed and resolved as boardpaper does.  Crashes, hangs, leaks
 * and undefined behaviour are bugs. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boardpaper/buf.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_buf src = BP_BUF_INIT, out = BP_BUF_INIT;
	struct bp_paper *paper;
	struct bp_diags d;

	bp_buf_puts(&src, "---\n");
	bp_buf_put(&src, data, size);
	bp_buf_puts(&src, "\n---\n\nBody.\n");
	bp_diags_init(&d, "fuzz.md");
	paper = bp_paper_parse("fuzz.md", ".", src.data, src.len, &d);
	/* the messages, as they would reach a terminal */
	bp_diags_format(&d, false, &out);
	bp_paper_free(paper);
	bp_diags_free(&d);
	bp_buf_free(&src);
	bp_buf_free(&out);
	return 0;
}
