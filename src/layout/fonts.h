/* Font lookup by family name (fontconfig), for the PDF back-end. */
#ifndef BOARDPAPER_FONTS_H
#define BOARDPAPER_FONTS_H

#include <stdbool.h>
#include <stddef.h>

struct bp_fonts;

/* A lookup context, meant to live as long as the process (or a worker)
 * and serve all its papers: the font configuration is loaded on the
 * first lookup (or by bp_fonts_load), and every answer is kept.  Never
 * NULL; lookups fail when fontconfig could not load its configuration. */
struct bp_fonts *bp_fonts_new(void);
void bp_fonts_free(struct bp_fonts *f);

/* The families PDF output draws in: its text faces without a house
 * style's font, and code spans' in every style. */
#define BP_FONTS_TEXT_FAMILY "Liberation Sans"
#define BP_FONTS_MONO_FAMILY "Liberation Mono"

/* The faces PDF output may draw in whatever the house style, in the
 * order of pdf.h's enum pdf_face: BP_FONTS_TEXT_FAMILY's regular, bold,
 * italic and bold italic, then BP_FONTS_MONO_FAMILY's regular.  One table
 * for bp_fonts_load, which finds them before -j forks, and for the PDF
 * back-end, which draws in them: a face added to one only would be looked
 * up again in every worker. */
struct bp_fonts_face {
	const char *family;
	bool bold, italic;
};
#define BP_FONTS_BUILTIN_FACES 5
static inline const struct bp_fonts_face *
bp_fonts_builtin(size_t i)
{
	static const struct bp_fonts_face faces[BP_FONTS_BUILTIN_FACES] = {
		{ BP_FONTS_TEXT_FAMILY, false, false },
		{ BP_FONTS_TEXT_FAMILY, true, false },
		{ BP_FONTS_TEXT_FAMILY, false, true },
		{ BP_FONTS_TEXT_FAMILY, true, true },
		{ BP_FONTS_MONO_FAMILY, false, false },
	};
	return &faces[i];
}

/* Prepares lookups now, before forking workers, so that they share the
 * work: finds the faces PDF output may draw in whatever the house style
 * (bp_fonts_builtin's) from the
 * answers kept on disk, asking fontconfig, its configuration loaded once
 * here, for any they do not give.  A house style's faces are found as the
 * style is read. */
void bp_fonts_load(struct bp_fonts *f);

/* What a back-end keeps between the papers of one process (or worker),
 * such as loaded faces; `free_fn` releases it with the context.  A second
 * bp_fonts_keep replaces (and releases) the first. */
void bp_fonts_keep(struct bp_fonts *f, void *kept, void (*free_fn)(void *));
/* What was kept, or NULL. */
void *bp_fonts_kept(const struct bp_fonts *f);

/* Writes the file of `family` in that weight and slant into `path` (`size`
 * bytes).  Returns 0, or -1 when no installed font is that exact face. */
int bp_fonts_find(struct bp_fonts *f, const char *family, bool bold,
	bool italic, char *path, size_t size);

/* The faces fontconfig lists of `family` (in any case), whatever their
 * weight or format, for a message: "ExtraLight (TrueType)", each once,
 * by weight then slant, at most `max` of them and then "and N more",
 * appended to `out`.  Returns how many there are: 0 when the family is
 * not installed.  Loads fontconfig's configuration. */
size_t bp_fonts_faces_of(struct bp_fonts *f, const char *family, size_t max,
	struct bp_buf *out);

/* Whether the font files at `a` and `b` are one: the same file (a link to
 * it, a variable font's named instances) or byte for byte the same.  Two
 * faces whose file is one draw in one face: the PDF embeds a file's own
 * outlines, and libharu gives the second the first's definition. */
bool bp_fonts_same_file(const char *a, const char *b);

#endif
