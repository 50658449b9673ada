/* The .docx reader (not yet in this version). */
#include "import.h"

int
bp_imp_read_docx(struct bp_imp_doc *doc, const char *data, size_t len,
	const struct bp_imp_out *out, struct bp_diags *d)
{
	(void)doc;
	(void)data;
	(void)len;
	(void)out;
	bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX,
	    "this version reads .txt only");
	return -1;
}
