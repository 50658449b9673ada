/* The ABI string boardpaper-pdf.so carries, for the program that loads it
 * to compare with its own (src/outputs/pdf_plugin.c): the version and a
 * checksum of the headers both sides are compiled against, made by the
 * Makefile into build/bp_abi.h. */
#include "bp_abi.h"
#include "pdf_plugin.h"

const char bp_pdf_abi[] = BP_ABI;
