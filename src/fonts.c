/* Font files found by family name through fontconfig, so that the PDF
 * back-end never hard-codes where a distribution installs its fonts. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "internal.h"

#define MAX_ANSWERS 8

/* One face looked up: its file, or NULL when there is none. */
struct answer {
	const char *family;  /* the caller's string (a literal) */
	bool bold, italic;
	char *path;
};

struct bp_fonts {
	FcConfig *config;
	bool loaded;
	struct answer answers[MAX_ANSWERS];
	size_t nanswers;
};

struct bp_fonts *
bp_fonts_new(void)
{
	return bp_xcalloc(1, sizeof(struct bp_fonts));
}

void
bp_fonts_load(struct bp_fonts *f)
{
	if (f->loaded)
		return;
	f->loaded = true;
	/* A configuration of our own rather than fontconfig's process-wide
	 * one: its owner is the context, which the caller passes along. */
	f->config = FcInitLoadConfigAndFonts();
}

void
bp_fonts_free(struct bp_fonts *f)
{
	if (f == NULL)
		return;
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	for (size_t i = 0; i < f->nanswers; i++)
		free(f->answers[i].path);
	free(f);
}

/* True when the match really is the family, weight and slant asked for:
 * fontconfig always returns its best match, which may be DejaVu Sans when
 * Liberation is not installed. */
static bool
is_face(FcPattern *m, const char *family, int weight, int slant)
{
	FcChar8 *fam = NULL, *format = NULL;
	int w = -1, s = -1;

	if (FcPatternGetString(m, FC_FAMILY, 0, &fam) != FcResultMatch ||
	    strcmp((const char *)fam, family) != 0)
		return false;
	if (FcPatternGetInteger(m, FC_WEIGHT, 0, &w) != FcResultMatch ||
	    FcPatternGetInteger(m, FC_SLANT, 0, &s) != FcResultMatch)
		return false;
	if (FcPatternGetString(m, FC_FONTFORMAT, 0, &format) ==
	    FcResultMatch && strcmp((const char *)format, "TrueType") != 0)
		return false;
	return w == weight && s == slant;
}

static int
lookup(struct bp_fonts *f, const char *family, bool bold, bool italic,
	char *path, size_t size)
{
	int weight = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
	int slant = italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN;
	FcPattern *pat, *m = NULL;
	FcChar8 *file = NULL;
	FcResult res;
	int rc = -1;

	if (f->config == NULL)
		return -1;
	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
	    FC_WEIGHT, FcTypeInteger, weight, FC_SLANT, FcTypeInteger, slant,
	    (char *)NULL);
	if (pat == NULL)
		return -1;
	FcConfigSubstitute(f->config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(f->config, pat, &res);
	if (m != NULL && res == FcResultMatch && is_face(m, family, weight,
	    slant) && FcPatternGetString(m, FC_FILE, 0, &file) ==
	    FcResultMatch && strlen((const char *)file) < size) {
		memcpy(path, file, strlen((const char *)file) + 1);
		rc = 0;
	}
	if (m != NULL)
		FcPatternDestroy(m);
	FcPatternDestroy(pat);
	return rc;
}

int
bp_fonts_find(struct bp_fonts *f, const char *family, bool bold,
	bool italic, char *path, size_t size)
{
	struct answer *a;
	char found[4096];

	for (size_t i = 0; i < f->nanswers; i++) {
		a = &f->answers[i];
		if (strcmp(a->family, family) != 0 || a->bold != bold ||
		    a->italic != italic)
			continue;
		if (a->path == NULL || strlen(a->path) >= size)
			return -1;
		memcpy(path, a->path, strlen(a->path) + 1);
		return 0;
	}
	bp_fonts_load(f);
	if (lookup(f, family, bold, italic, found, sizeof(found)) != 0)
		found[0] = '\0';
	if (f->nanswers < MAX_ANSWERS) {
		a = &f->answers[f->nanswers++];
		a->family = family;
		a->bold = bold;
		a->italic = italic;
		a->path = found[0] ? bp_xstrdup(found) : NULL;
	}
	if (found[0] == '\0' || strlen(found) >= size)
		return -1;
	memcpy(path, found, strlen(found) + 1);
	return 0;
}
