/* libFuzzer harness: any bytes, parsed and rendered through every back-end
 * (make fuzz).  Crashes, hangs, leaks and undefined behaviour are bugs. */
#include <stddef.h>
#include <stdint.h>

#include "boardpaper/backend.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_render_opts opts = { .width = 72 };
	struct bp_buf out = BP_BUF_INIT;
	struct bp_paper *paper;
	struct bp_diags d;
	const struct bp_backend *b;
	size_t n;

	bp_diags_init(&d, "fuzz.md");
	paper = bp_paper_parse("fuzz.md", "tests/fuzz-images",
	    (const char *)data, size, &d);
	if (paper != NULL && d.nerrors == 0) {
		b = bp_backends(&n);
		for (size_t i = 0; i < n; i++) {
			bp_buf_reset(&out);
			(void)b[i].render(paper, &opts, &out, &d);
		}
	}
	bp_paper_free(paper);
	bp_diags_free(&d);
	bp_buf_free(&out);
	return 0;
}
