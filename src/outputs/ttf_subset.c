/* Font subsets for embedding: a TrueType font holding only the glyphs a
 * paper draws, written from the glyf-based font file.
 *
 * libharu embeds TrueType fonts whole but for the glyph outlines: 64-71 KB
 * a face whatever the paper uses.  A subset of the hundred-odd glyphs a
 * paper draws is 5-8 KB.  HarfBuzz's hb-subset made them until it cost
 * more than it saved: its library and theirs (glib, graphite2, pcre2,
 * freetype, brotli) were half the system time of a PDF run, spent loading
 * them.  What a PDF needs of a subset is little: the outlines, their
 * metrics, and a cmap for the simple fonts, which a reader finds glyphs
 * through by Unicode.  Hinting goes (PDF viewers scale outlines themselves,
 * and poppler renders the pages the same without it), and so do the
 * OpenType layout tables, which nothing reads in a PDF: libharu places
 * glyphs one by one from their widths.
 *
 * Every offset read from the file is checked: the tables' places, sizes
 * and the loca offsets when the file is opened, each glyph's parts as it
 * is copied, so a damaged file is refused, never read past. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "internal.h"
#include "ttf_subset.h"

/* A table of the font file. */
struct table {
	const unsigned char *p;
	size_t len;            /* bytes; 0 when the font has none */
};

struct bp_subsetter {
	void *map;             /* the file, mapped */
	size_t size;           /* bytes */
	struct table head, hhea, maxp, hmtx, loca, glyf, cmap, os2, name, post;
	struct table cmap4;    /* cmap's Unicode subtable (format 4) */
	unsigned nglyphs;      /* maxp's numGlyphs */
	unsigned nmetrics;     /* hhea's numberOfHMetrics */
	bool long_loca;        /* head's indexToLocFormat is 1 */
};

/* The tables read, with the fewest bytes each must have (0: optional). */
static const struct {
	char tag[5];
	size_t field;          /* offsetof the struct table */
	size_t min;
} wanted[] = {
	{ "head", offsetof(struct bp_subsetter, head), 54 },
	{ "hhea", offsetof(struct bp_subsetter, hhea), 36 },
	{ "maxp", offsetof(struct bp_subsetter, maxp), 6 },
	{ "hmtx", offsetof(struct bp_subsetter, hmtx), 4 },
	{ "loca", offsetof(struct bp_subsetter, loca), 4 },
	{ "glyf", offsetof(struct bp_subsetter, glyf), 1 },
	{ "cmap", offsetof(struct bp_subsetter, cmap), 4 },
	{ "OS/2", offsetof(struct bp_subsetter, os2), 0 },
	{ "name", offsetof(struct bp_subsetter, name), 0 },
	{ "post", offsetof(struct bp_subsetter, post), 0 },
};
#define NWANTED (sizeof(wanted) / sizeof(wanted[0]))

/* composite glyph part flags */
#define PART_ARG_WORDS 0x0001
#define PART_SCALE 0x0008
#define PART_MORE 0x0020
#define PART_XY_SCALE 0x0040
#define PART_2X2 0x0080
#define PART_INSTRUCTIONS 0x0100

#define SFNT_TRUETYPE 0x00010000u
#define SFNT_TRUE 0x74727565u  /* 'true': Apple's TrueType */
#define HEAD_MAGIC 0x5F0F3CF5u
#define CHECKSUM_MAGIC 0xB1B0AFBAu

unsigned
bp_ttf_u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

uint32_t
bp_ttf_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

void
bp_ttf_put16(struct bp_buf *b, unsigned v)
{
	char c[2] = { (char)(v >> 8 & 0xFF), (char)(v & 0xFF) };

	bp_buf_put(b, c, 2);
}

void
bp_ttf_put32(struct bp_buf *b, uint32_t v)
{
	bp_ttf_put16(b, v >> 16);
	bp_ttf_put16(b, v & 0xFFFF);
}

/* the short names this file reads best with */
#define u16 bp_ttf_u16
#define u32 bp_ttf_u32
#define put16 bp_ttf_put16
#define put32 bp_ttf_put32

static void
set16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8 & 0xFF);
	p[1] = (unsigned char)(v & 0xFF);
}

static void
set32(unsigned char *p, uint32_t v)
{
	set16(p, v >> 16);
	set16(p + 2, v & 0xFFFF);
}

/* --- reading the font ------------------------------------------------- */

static struct table *
table_field(struct bp_subsetter *s, size_t i)
{
	return (struct table *)((char *)s + wanted[i].field);
}

/* The table directory: each table wanted, inside the file. */
static int
read_directory(struct bp_subsetter *s)
{
	const unsigned char *p = s->map;
	uint32_t version;
	unsigned n;

	if (s->size < 12)
		return -1;
	version = u32(p);
	n = u16(p + 4);
	/* 'OTTO' (CFF outlines) and 'ttcf' (a collection) are refused */
	if ((version != SFNT_TRUETYPE && version != SFNT_TRUE) ||
	    12 + 16 * (size_t)n > s->size)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *rec = p + 12 + 16 * (size_t)i;
		uint64_t off = u32(rec + 8), len = u32(rec + 12);
		if (off + len > s->size)
			return -1;
		for (size_t w = 0; w < NWANTED; w++)
			if (memcmp(rec, wanted[w].tag, 4) == 0 &&
			    table_field(s, w)->p == NULL) {
				table_field(s, w)->p = p + off;
				table_field(s, w)->len = (size_t)len;
			}
	}
	for (size_t w = 0; w < NWANTED; w++)
		if (table_field(s, w)->len < wanted[w].min)
			return -1;
	return 0;
}

/* Glyph `gid`'s offset in glyf (gid <= nglyphs). */
static size_t
loca_at(const struct bp_subsetter *s, unsigned gid)
{
	if (s->long_loca)
		return u32(s->loca.p + 4 * (size_t)gid);
	return 2 * (size_t)u16(s->loca.p + 2 * (size_t)gid);
}

/* head's unitsPerEm, as OpenType allows it: libharu divides by it. */
#define UNITS_PER_EM_MIN 16
#define UNITS_PER_EM_MAX 16384

/* The glyph counts and metrics, and loca's offsets in order inside glyf. */
static int
check_glyphs(struct bp_subsetter *s)
{
	unsigned format = u16(s->head.p + 50), upem = u16(s->head.p + 18);
	size_t last;

	if (u32(s->head.p + 12) != HEAD_MAGIC || format > 1 ||
	    upem < UNITS_PER_EM_MIN || upem > UNITS_PER_EM_MAX)
		return -1;
	s->long_loca = format == 1;
	s->nglyphs = u16(s->maxp.p + 4);
	s->nmetrics = u16(s->hhea.p + 34);
	if (s->nglyphs == 0 || s->nmetrics == 0 || s->nmetrics > s->nglyphs ||
	    s->hmtx.len < 4 * (size_t)s->nmetrics + 2 * (size_t)(s->nglyphs -
	    s->nmetrics) ||
	    s->loca.len < (s->long_loca ? 4 : 2) * ((size_t)s->nglyphs + 1))
		return -1;
	last = loca_at(s, 0);
	for (unsigned g = 0; g < s->nglyphs; g++) {
		size_t next = loca_at(s, g + 1);
		if (next < last)
			return -1;
		last = next;
	}
	return last <= s->glyf.len ? 0 : -1;
}

/* Whether each segment of the format 4 subtable `t` (`len` bytes, `segs`
 * segments) that maps through glyphIdArray finds all its entries inside
 * the array: libharu reads an entry past its end as if it were there
 * (with no array, through a NULL pointer), and one before it as none. */
static bool
glyph_ids_inside(const unsigned char *t, size_t len, size_t segs)
{
	size_t ranges = 16 + 6 * segs, array = 16 + 8 * segs;

	for (size_t i = 0; i < segs; i++) {
		size_t end = u16(t + 14 + 2 * i), start = u16(t + 16 +
		    2 * segs + 2 * i), range = u16(t + ranges + 2 * i);
		size_t first = ranges + 2 * i + range; /* start's entry */
		if (range == 0 || end < start) /* no entries, or no code */
			continue;
		/* libharu counts entries from range / 2 */
		if (range % 2 != 0 || first < array ||
		    first + 2 * (end - start) + 2 > len)
			return false;
	}
	return true;
}

/* The cmap subtable that maps Unicode's BMP (format 4), the one libharu
 * reads too: Windows' (3,1) when there is one, else a Unicode platform's.
 * Its segments are checked to lie inside it, their ends ascending, and
 * their glyphIdArray entries inside the array. */
static int
find_cmap4(struct bp_subsetter *s)
{
	const unsigned char *c = s->cmap.p;
	size_t n = u16(c + 2), best = 0, len, segs;
	int rank = 0;

	if (u16(c) != 0 || 4 + 8 * n > s->cmap.len)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *rec = c + 4 + 8 * i;
		unsigned platform = u16(rec), encoding = u16(rec + 2);
		size_t off = u32(rec + 4);
		int r = platform == 3 && encoding == 1 ? 2 : platform == 0;
		if (r > rank && off <= s->cmap.len - 4 && u16(c + off) == 4) {
			rank = r;
			best = off;
		}
	}
	if (rank == 0)
		return -1;
	len = u16(c + best + 2);
	if (len < 16 || len > s->cmap.len - best)
		return -1;
	s->cmap4.p = c + best;
	s->cmap4.len = len;
	segs = u16(s->cmap4.p + 6) / 2;
	if (segs == 0 || 16 + 8 * segs > len)
		return -1;
	for (size_t i = 1; i < segs; i++)
		if (u16(s->cmap4.p + 14 + 2 * i) <= u16(s->cmap4.p + 12 + 2 * i))
			return -1;
	return glyph_ids_inside(s->cmap4.p, len, segs) ? 0 : -1;
}

struct bp_subsetter *
bp_subsetter_open(const char *path)
{
	struct bp_subsetter *s;
	struct stat st;
	void *map;
	int fd;

	/* by the policy for every input file: a FIFO or a device named as
	 * a font is refused at once, never waited on */
	if (bp_file_open_regular(path, SIZE_MAX, &fd, &st) != BP_FILE_OK)
		return NULL;
	if (st.st_size < 12 || (uintmax_t)st.st_size > SIZE_MAX ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return NULL;
	}
	close(fd);
	s = bp_xcalloc(1, sizeof(*s));
	s->map = map;
	s->size = (size_t)st.st_size;
	if (read_directory(s) != 0 || check_glyphs(s) != 0 ||
	    find_cmap4(s) != 0) {
		bp_subsetter_free(s);
		return NULL;
	}
	return s;
}

void
bp_subsetter_free(struct bp_subsetter *s)
{
	if (s == NULL)
		return;
	munmap(s->map, s->size);
	free(s);
}

const unsigned char *
bp_subsetter_data(const struct bp_subsetter *s, size_t *len)
{
	*len = s->size;
	return s->map;
}

const unsigned char *
bp_subsetter_table(const struct bp_subsetter *s, const char tag[4],
	size_t *len)
{
	for (size_t w = 0; w < NWANTED; w++)
		if (memcmp(tag, wanted[w].tag, 4) == 0) {
			const struct table *t = (const struct table *)
			    ((const char *)s + wanted[w].field);
			*len = t->len;
			return t->p;
		}
	*len = 0;
	return NULL;
}

const unsigned char *
bp_subsetter_cmap4(const struct bp_subsetter *s, size_t *len)
{
	*len = s->cmap4.len;
	return s->cmap4.p;
}

unsigned
bp_subsetter_glyph_count(const struct bp_subsetter *s)
{
	return s->nglyphs;
}

unsigned
bp_subsetter_metric_count(const struct bp_subsetter *s)
{
	return s->nmetrics;
}

bool
bp_ps_name_char(unsigned c)
{
	return c >= 0x21 && c <= 0x7E && strchr("[](){}<>/%", (int)c) == NULL;
}

/* Name string `p` (`len` bytes, UTF-16BE when `wide`) in `out` (`size`
 * bytes with its NUL) when every character of it may be in a PostScript
 * name, as FreeType reads a PostScript name (a string with any other is
 * not one).  Returns its length, 0 when it is not one. */
static size_t
ps_chars(const unsigned char *p, size_t len, bool wide, char *out,
	size_t size)
{
	size_t n = 0, step = wide ? 2 : 1;

	for (size_t i = 0; i + step <= len && n + 1 < size; i += step) {
		unsigned c = wide ? u16(p + i) : p[i];
		if (!bp_ps_name_char(c)) {
			n = 0;
			break;
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

/* The record of name 6 for platform `plat`, encoding `enc` and language
 * `lang` with its string inside the table (the last such, as FreeType
 * takes it), or NULL. */
static const unsigned char *
ps_name_record(const struct bp_subsetter *s, unsigned plat, unsigned enc,
	unsigned lang)
{
	const unsigned char *t = s->name.p, *found = NULL;
	size_t n, strings;

	if (s->name.len < 6)
		return NULL;
	n = u16(t + 2);
	strings = u16(t + 4);
	for (size_t i = 0; i < n && 6 + 12 * (i + 1) <= s->name.len; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		if (u16(r) == plat && u16(r + 2) == enc && u16(r + 4) == lang &&
		    u16(r + 6) == 6 && u16(r + 8) > 0 &&
		    strings + u16(r + 10) + u16(r + 8) <= s->name.len)
			found = r;
	}
	return found;
}

size_t
bp_subsetter_ps_name(const struct bp_subsetter *s, char *out, size_t size)
{
	static const unsigned which[2][3] = { { 3, 1, 0x409 }, { 1, 0, 0 } };
	size_t n = 0;

	out[0] = '\0';
	for (size_t w = 0; w < 2 && n == 0; w++) {
		const unsigned char *r = ps_name_record(s, which[w][0],
		    which[w][1], which[w][2]);
		if (r != NULL)
			n = ps_chars(s->name.p + u16(s->name.p + 4) +
			    u16(r + 10), u16(r + 8), w == 0, out, size);
	}
	return n;
}

unsigned
bp_subsetter_glyph(const struct bp_subsetter *s, uint32_t cp)
{
	const unsigned char *t = s->cmap4.p;
	size_t segs = u16(t + 6) / 2, lo = 0, hi = segs, at;
	const unsigned char *ends = t + 14, *starts = ends + 2 * segs + 2;
	const unsigned char *deltas = starts + 2 * segs;
	const unsigned char *ranges = deltas + 2 * segs;
	unsigned start, delta, range, g;

	if (cp > 0xFFFF)
		return 0;
	while (lo < hi) { /* the first segment ending at or after cp */
		size_t mid = lo + (hi - lo) / 2;
		if (u16(ends + 2 * mid) < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == segs || cp < (start = u16(starts + 2 * lo)))
		return 0;
	delta = u16(deltas + 2 * lo);
	range = u16(ranges + 2 * lo);
	if (range == 0)
		g = (cp + delta) & 0xFFFF;
	else {
		/* idRangeOffset counts from its own place in the table */
		at = (size_t)(ranges - t) + 2 * lo + range + 2 * (cp - start);
		if (at + 2 > s->cmap4.len || (g = u16(t + at)) == 0)
			return 0;
		g = (g + delta) & 0xFFFF;
	}
	return g < s->nglyphs ? g : 0;
}

/* --- which glyphs ----------------------------------------------------- */

/* What goes into one subset. */
struct plan {
	unsigned char *used;   /* per glyph of the font: 1 when kept */
	uint16_t *new_of;      /* per glyph of the font: its number in the
	                        * subset (when kept) */
	uint16_t *old_of;      /* per glyph of the subset: its number in the
	                        * font; 0 for the empty ones that keep the
	                        * numbers of those after them */
	unsigned count;        /* glyphs in the subset */
	unsigned nmetrics;     /* of them, those with an advance in hmtx */
	uint16_t *cps, *gids;  /* the subset's cmap: code points ascending,
	                        * their glyphs in the subset */
	size_t nmap;
};

static void
plan_free(struct plan *p)
{
	free(p->used);
	free(p->new_of);
	free(p->old_of);
	free(p->cps);
	free(p->gids);
}

/* Glyph `gid`'s bytes in glyf; their count in *len (0: an empty glyph). */
static const unsigned char *
glyph_of(const struct bp_subsetter *s, unsigned gid, size_t *len)
{
	size_t start = loca_at(s, gid);

	*len = loca_at(s, gid + 1) - start;
	return s->glyf.p + start;
}

static bool
is_composite(const unsigned char *g, size_t len)
{
	return len >= 10 && (g[0] & 0x80) != 0; /* numberOfContours < 0 */
}

/* The size of the composite glyph part at `pos` of the `len` bytes of
 * glyph `g`: 0 when it runs past the glyph. */
static size_t
part_size(const unsigned char *g, size_t len, size_t pos)
{
	unsigned flags;
	size_t size = 4;

	if (pos + 4 > len)
		return 0;
	flags = u16(g + pos);
	size += flags & PART_ARG_WORDS ? 4 : 2;
	if (flags & PART_SCALE)
		size += 2;
	else if (flags & PART_XY_SCALE)
		size += 4;
	else if (flags & PART_2X2)
		size += 8;
	return pos + size <= len ? size : 0;
}

/* Composite glyphs nest at most this deep (a glyph made of simple ones is
 * one level); deeper, or in a loop, the font is refused as damaged. */
#define MAX_COMPOSITE_LEVELS 16
#define LEVEL_OPEN 0xFF        /* being looked at: met again, a loop */

/* Keeps glyph `gid` and, through every level of its composite parts, the
 * glyphs it is made of; `depth` composites above it.  levels[] holds per
 * glyph 0 when not looked at yet, else 1 + its composite levels.  Returns
 * -1 for a damaged glyph, a loop, or a nesting too deep. */
static int
keep_glyph(const struct bp_subsetter *s, struct plan *p, unsigned gid,
	unsigned char *levels, unsigned depth)
{
	size_t len, size;
	const unsigned char *g;
	unsigned level = 1;

	if (levels[gid] != 0)
		return levels[gid] == LEVEL_OPEN ? -1 : 0;
	p->used[gid] = 1;
	g = glyph_of(s, gid, &len);
	if (len > 0 && len < 10)
		return -1;
	if (!is_composite(g, len)) {
		levels[gid] = 1;
		return 0;
	}
	if (depth >= MAX_COMPOSITE_LEVELS)
		return -1;
	levels[gid] = LEVEL_OPEN;
	for (size_t pos = 10;; pos += size) {
		unsigned part;
		if ((size = part_size(g, len, pos)) == 0 ||
		    (part = u16(g + pos + 2)) >= s->nglyphs ||
		    keep_glyph(s, p, part, levels, depth + 1) != 0)
			return -1;
		if (levels[part] + 1u > level)
			level = levels[part] + 1u;
		if (!(u16(g + pos) & PART_MORE))
			break;
	}
	if (level > MAX_COMPOSITE_LEVELS + 1)
		return -1;
	levels[gid] = (unsigned char)level;
	return 0;
}

/* The glyphs of the code points and, through every level of composite
 * glyphs, their parts; each glyph looked at once. */
static int
keep_glyphs(const struct bp_subsetter *s, struct plan *p)
{
	unsigned char *levels = bp_xcalloc(s->nglyphs, 1);
	int rc = 0;

	for (unsigned g = 0; g < s->nglyphs && rc == 0; g++)
		if (p->used[g])
			rc = keep_glyph(s, p, g, levels, 0);
	free(levels);
	return rc;
}

/* The code points, each once and ascending, with their glyphs in the
 * font; those the font lacks are left out. */
static void
map_code_points(const struct bp_subsetter *s, struct plan *p,
	const uint32_t *cps, size_t n)
{
	uint64_t seen[65536 / 64];

	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < n; i++)
		if (cps[i] < 0xFFFF) /* U+FFFF: the cmap's closing segment */
			seen[cps[i] / 64] |= UINT64_C(1) << (cps[i] % 64);
	p->cps = bp_xreallocarray(NULL, n + 1, sizeof(*p->cps));
	p->gids = bp_xreallocarray(NULL, n + 1, sizeof(*p->gids));
	/* each word's bits, lowest first, until none is left above: C11
	 * has no count of trailing zeros, and most words are 0 */
	for (uint32_t w = 0; w < 65536 / 64; w++)
		for (uint32_t b = 0; b < 64 && seen[w] >> b != 0; b++) {
			uint32_t cp = w * 64 + b;
			unsigned g;
			if (!(seen[w] >> b & 1))
				continue;
			if ((g = bp_subsetter_glyph(s, cp)) == 0)
				continue;
			p->cps[p->nmap] = (uint16_t)cp;
			p->gids[p->nmap++] = (uint16_t)g;
			p->used[g] = 1;
		}
}

/* The subset's glyph numbers: the font's own, or in the font's order. */
static void
number_glyphs(const struct bp_subsetter *s, struct plan *p, bool keep_gids)
{
	p->new_of = bp_xreallocarray(NULL, s->nglyphs, sizeof(*p->new_of));
	p->old_of = bp_xreallocarray(NULL, s->nglyphs, sizeof(*p->old_of));
	p->count = 0;
	for (unsigned g = 0; g < s->nglyphs; g++) {
		if (!p->used[g])
			continue;
		if (keep_gids)
			while (p->count < g)
				p->old_of[p->count++] = 0;
		p->new_of[g] = (uint16_t)p->count;
		p->old_of[p->count++] = (uint16_t)g;
	}
	for (size_t i = 0; i < p->nmap; i++)
		p->gids[i] = p->new_of[p->gids[i]];
}

static int
plan_glyphs(const struct bp_subsetter *s, struct plan *p,
	const uint32_t *cps, size_t n, bool keep_gids)
{
	p->used = bp_xcalloc(s->nglyphs, 1);
	p->used[0] = 1; /* .notdef: what a missing character prints */
	map_code_points(s, p, cps, n);
	if (keep_glyphs(s, p) != 0)
		return -1;
	number_glyphs(s, p, keep_gids);
	return 0;
}

/* --- writing the subset ----------------------------------------------- */

/* simple glyph point flags */
#define POINT_X_SHORT 0x02
#define POINT_Y_SHORT 0x04
#define POINT_REPEAT 0x08
#define POINT_X_SAME 0x10
#define POINT_Y_SAME 0x20

/* Where the `points` points of the simple glyph `g` (`len` bytes), whose
 * flags start at `at`, end: the glyph without the padding after it; 0
 * when they run past it. */
static size_t
points_end(const unsigned char *g, size_t len, size_t at, size_t points)
{
	size_t xs = 0, ys = 0;

	for (size_t n = 0; n < points;) {
		unsigned flags, repeat = 1;
		if (at >= len)
			return 0;
		flags = g[at++];
		if (flags & POINT_REPEAT) {
			if (at >= len)
				return 0;
			repeat += g[at++];
		}
		n += repeat;
		xs += repeat * (flags & POINT_X_SHORT ? 1 :
		    flags & POINT_X_SAME ? 0 : 2);
		ys += repeat * (flags & POINT_Y_SHORT ? 1 :
		    flags & POINT_Y_SAME ? 0 : 2);
	}
	return at + xs + ys <= len ? at + xs + ys : 0;
}

/* Copies glyph `old` without its instructions (the hinting), a composite
 * glyph's parts renumbered; returns -1 when the glyph is damaged. */
static int
put_glyph(const struct bp_subsetter *s, const struct plan *p, unsigned old,
	struct bp_buf *out)
{
	size_t len, size, at;
	const unsigned char *g = glyph_of(s, old, &len);

	if (len == 0)
		return 0;
	if (len < 10)
		return -1;
	if (u16(g) == 0) /* no contours: no outline */
		return 0;
	if (!is_composite(g, len)) {
		/* header, endPtsOfContours, then instructionLength */
		size_t end;
		at = 10 + 2 * (size_t)u16(g);
		if (at + 2 > len || at + 2 + u16(g + at) > len)
			return -1;
		end = points_end(g, len, at + 2 + u16(g + at),
		    (size_t)u16(g + at - 2) + 1);
		if (end == 0)
			return -1;
		bp_buf_put(out, g, at);
		put16(out, 0);
		at += 2 + u16(g + at);
		bp_buf_put(out, g + at, end - at);
	} else {
		bp_buf_put(out, g, 10);
		for (size_t pos = 10;; pos += size) {
			unsigned flags;
			if ((size = part_size(g, len, pos)) == 0)
				return -1;
			flags = u16(g + pos);
			put16(out, flags & ~(unsigned)PART_INSTRUCTIONS);
			put16(out, p->new_of[u16(g + pos + 2)]);
			bp_buf_put(out, g + pos + 4, size - 4);
			if (!(flags & PART_MORE))
				break;
		}
	}
	return 0;
}

/* glyf, and where each glyph starts in it (count + 1 offsets). */
static int
put_glyf(const struct bp_subsetter *s, const struct plan *p,
	struct bp_buf *out, uint32_t *starts)
{
	size_t base = out->len;

	for (unsigned i = 0; i < p->count; i++) {
		starts[i] = (uint32_t)(out->len - base);
		if ((i == 0 || p->old_of[i] != 0) &&
		    put_glyph(s, p, p->old_of[i], out) != 0)
			return -1;
		if ((out->len - base) % 2) /* short loca counts in halves */
			bp_buf_putc(out, 0);
	}
	starts[p->count] = (uint32_t)(out->len - base);
	return 0;
}

static void
put_loca(const struct plan *p, const uint32_t *starts, bool long_loca,
	struct bp_buf *out)
{
	for (unsigned i = 0; i <= p->count; i++)
		if (long_loca)
			put32(out, starts[i]);
		else
			put16(out, starts[i] / 2);
}

/* Glyph `old`'s advance and left side bearing in hmtx. */
static void
metrics_of(const struct bp_subsetter *s, unsigned old, unsigned *advance,
	unsigned *lsb)
{
	const unsigned char *h = s->hmtx.p;

	if (old < s->nmetrics) {
		*advance = u16(h + 4 * (size_t)old);
		*lsb = u16(h + 4 * (size_t)old + 2);
	} else {
		*advance = u16(h + 4 * ((size_t)s->nmetrics - 1));
		*lsb = u16(h + 4 * (size_t)s->nmetrics + 2 *
		    ((size_t)old - s->nmetrics));
	}
}

/* Glyph `i` of the subset's advance and left side bearing: those of
 * its glyph in the font, 0 for an empty glyph keeping numbers. */
static void
subset_metrics(const struct bp_subsetter *s, const struct plan *p,
	unsigned i, unsigned *advance, unsigned *lsb)
{
	if (i == 0 || p->old_of[i] != 0)
		metrics_of(s, p->old_of[i], advance, lsb);
	else
		*advance = *lsb = 0;
}

/* How many of hmtx's metrics are written in full: those after the last
 * change of advance give only their side bearing. */
static unsigned
count_metrics(const struct bp_subsetter *s, const struct plan *p)
{
	unsigned n = p->count, adv, last, lsb;

	subset_metrics(s, p, n - 1, &last, &lsb);
	while (n > 1) {
		subset_metrics(s, p, n - 2, &adv, &lsb);
		if (adv != last)
			break;
		n--;
	}
	return n;
}

static void
put_hmtx(const struct bp_subsetter *s, const struct plan *p,
	struct bp_buf *out)
{
	for (unsigned i = 0; i < p->count; i++) {
		unsigned adv, lsb;
		subset_metrics(s, p, i, &adv, &lsb);
		if (i < p->nmetrics)
			put16(out, adv);
		put16(out, lsb);
	}
}

/* One segment of the cmap: code points first .. last, mapped by adding
 * delta to them, or (array) by glyphIdArray entries from `at`. */
struct segment {
	unsigned first, last, delta;
	bool array;
	size_t at;
};

/* The cmap's segments: each run of consecutive code points is one, by a
 * delta when its glyphs are consecutive too.  A format 4 subtable holds
 * 64 KB: segments past that are left out, the highest code points, which
 * only a CID font draws, and a PDF reader finds a CID font's glyphs
 * through its CIDToGIDMap, not the cmap.  Returns the count, the closing
 * 0xFFFF segment included; *words: glyphIdArray's size. */
static size_t
cmap_segments(const struct plan *p, struct segment *seg, size_t *words)
{
	size_t n = 0, size = 16 + 8; /* the header and the closing segment */

	*words = 0;
	for (size_t i = 0, j; i < p->nmap; i = j) {
		bool same = true;
		for (j = i + 1; j < p->nmap && p->cps[j] == p->cps[j - 1] + 1;
		    j++)
			same = same && p->gids[j] == p->gids[j - 1] + 1;
		if (size + 8 + (same ? 0 : 2 * (j - i)) > 0xFFFF)
			break;
		seg[n].first = p->cps[i];
		seg[n].last = p->cps[j - 1];
		seg[n].array = !same;
		seg[n].at = *words;
		seg[n].delta = same ? (p->gids[i] - p->cps[i]) & 0xFFFF : 0;
		size += 8 + (same ? 0 : 2 * (j - i));
		if (!same)
			*words += j - i;
		n++;
	}
	seg[n].first = seg[n].last = 0xFFFF;
	seg[n].delta = 1;
	seg[n].array = false;
	return n + 1;
}

/* cmap: one format 4 subtable, for Unicode and Windows' Unicode. */
static void
put_cmap(const struct plan *p, struct bp_buf *out)
{
	struct segment *seg = bp_xreallocarray(NULL, p->nmap + 1, sizeof(*seg));
	size_t words, n = cmap_segments(p, seg, &words), k = 0, m = 0;
	unsigned range = 2;

	while (range * 2 <= 2 * n) {
		range *= 2;
		k++;
	}
	put16(out, 0);
	put16(out, 2);
	put16(out, 0);
	put16(out, 3);
	put32(out, 20);
	put16(out, 3);
	put16(out, 1);
	put32(out, 20);
	put16(out, 4);
	put16(out, (unsigned)(16 + 8 * n + 2 * words));
	put16(out, 0);
	put16(out, (unsigned)(2 * n));
	put16(out, range);
	put16(out, (unsigned)k);
	put16(out, (unsigned)(2 * n - range));
	for (size_t i = 0; i < n; i++)
		put16(out, seg[i].last);
	put16(out, 0);
	for (size_t i = 0; i < n; i++)
		put16(out, seg[i].first);
	for (size_t i = 0; i < n; i++)
		put16(out, seg[i].delta);
	for (size_t i = 0; i < n; i++)
		put16(out, seg[i].array ? (unsigned)(2 * (n - i + seg[i].at)) :
		    0);
	for (size_t i = 0; i < n; i++)
		for (unsigned cp = seg[i].first; seg[i].array &&
		    cp <= seg[i].last; cp++) {
			/* the segment is a run: its code points are p->cps[m..] */
			while (p->cps[m] < cp)
				m++;
			put16(out, p->gids[m]);
		}
	free(seg);
}

/* A kept name record's string, for storing each string once. */
struct name_str {
	const unsigned char *p;
	size_t len;            /* bytes */
	size_t i;              /* the record's place among those kept */
};

static bool
same_name(const struct name_str *x, const struct name_str *y)
{
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

/* By length, then bytes, then place: equal strings together, the first
 * record of each first. */
static int
name_str_cmp(const void *a, const void *b)
{
	const struct name_str *x = a, *y = b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((c = memcmp(x->p, y->p, x->len)) != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Per kept record, in first[]: the first of the kept records whose
 * string is its own (itself when none before it is), whose string is
 * the one stored.  Sorted, so that a crafted table's 5 460 records cost
 * n log n comparisons, not n squared. */
static void
first_same_names(const unsigned char *t, size_t strings, const size_t *keep,
	size_t kept, size_t *first)
{
	struct name_str *v = bp_xreallocarray(NULL, kept + 1, sizeof(*v));

	for (size_t i = 0; i < kept; i++) {
		const unsigned char *r = t + 6 + 12 * keep[i];
		v[i].p = t + strings + u16(r + 10);
		v[i].len = u16(r + 8);
		v[i].i = i;
	}
	qsort(v, kept, sizeof(*v), name_str_cmp);
	for (size_t k = 0; k < kept; k++)
		first[v[k].i] = k > 0 && same_name(&v[k - 1], &v[k]) ?
		    first[v[k - 1].i] : v[k].i;
	free(v);
}

/* Whether name record `r` is one of names 0-6 (copyright to PostScript
 * name) with its string inside the table; `english`: in US English, for
 * Windows. */
static bool
name_usable(const struct bp_subsetter *s, const unsigned char *r,
	size_t strings, bool english)
{
	return u16(r + 6) <= 6 &&
	    strings + u16(r + 10) + u16(r + 8) <= s->name.len &&
	    (!english || (u16(r) == 3 && u16(r + 4) == 0x409));
}

/* The most name records a table can have: its strings start after the
 * records, at an offset of 16 bits (6 + 12 * 5 461 is past it). */
#define NAME_RECORDS_MAX ((0xFFFF - 6) / 12)

/* The name records kept, in keep[]: the Windows US English names 0-6, or
 * when there are none, every record of those names, as many as fit in
 * 16-bit offsets.  Returns how many. */
static size_t
names_kept(const struct bp_subsetter *s, size_t n, size_t strings,
	size_t *keep)
{
	const unsigned char *t = s->name.p;
	size_t kept = 0, total = 0;
	bool english = false;

	for (size_t i = 0; i < n && !english; i++)
		english = name_usable(s, t + 6 + 12 * i, strings, true);
	for (size_t i = 0; i < n && kept < NAME_RECORDS_MAX; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		if (!name_usable(s, r, strings, english))
			continue;
		if (total + u16(r + 8) > 0xFFFF) /* past 16-bit offsets */
			break;
		total += u16(r + 8);
		keep[kept++] = i;
	}
	return kept;
}

static void
put_name(const struct bp_subsetter *s, struct bp_buf *out)
{
	const unsigned char *t = s->name.p;
	size_t n = 0, strings = 0, kept, at = 0, *keep, *off, *first;

	if (s->name.len >= 6) {
		n = u16(t + 2);
		strings = u16(t + 4);
	}
	if (6 + 12 * n > s->name.len || strings > s->name.len)
		n = 0;
	keep = bp_xreallocarray(NULL, n + 1, 3 * sizeof(*keep));
	off = keep + n + 1;
	first = off + n + 1;
	kept = names_kept(s, n, strings, keep);
	first_same_names(t, strings, keep, kept, first);
	put16(out, 0);
	put16(out, (unsigned)kept);
	put16(out, (unsigned)(6 + 12 * kept));
	for (size_t i = 0; i < kept; i++) {
		const unsigned char *r = t + 6 + 12 * keep[i];
		size_t j = first[i];
		off[i] = j < i ? off[j] : at;
		at += j < i ? 0 : u16(r + 8);
		bp_buf_put(out, r, 8);
		put16(out, u16(r + 8));
		put16(out, (unsigned)off[i]);
	}
	for (size_t i = 0; i < kept; i++) {
		const unsigned char *r = t + 6 + 12 * keep[i];
		if (first[i] == i)
			bp_buf_put(out, t + strings + u16(r + 10), u16(r + 8));
	}
	free(keep);
}

/* OS/2 as it is, but for the first and last character it maps. */
static void
put_os2(const struct bp_subsetter *s, const struct plan *p,
	struct bp_buf *out)
{
	size_t at = out->len;

	bp_buf_put(out, s->os2.p, s->os2.len);
	if (s->os2.len >= 68 && p->nmap > 0 && !out->failed) {
		set16((unsigned char *)out->data + at + 64, p->cps[0]);
		set16((unsigned char *)out->data + at + 66,
		    p->cps[p->nmap - 1]);
	}
}

/* post, version 3: its header, no glyph names (nothing in a PDF reads
 * them: a simple font's glyphs are found through the cmap). */
static void
put_post(const struct bp_subsetter *s, struct bp_buf *out)
{
	put32(out, 0x00030000);
	bp_buf_put(out, s->post.p + 4, 28);
}

static void
put_head(const struct bp_subsetter *s, bool long_loca, struct bp_buf *out)
{
	size_t at = out->len;

	bp_buf_put(out, s->head.p, 54);
	if (!out->failed) {
		unsigned char *h = (unsigned char *)out->data + at;
		set32(h + 8, 0); /* checkSumAdjustment: set last */
		set16(h + 50, long_loca);
	}
}

static void
put_hhea(const struct bp_subsetter *s, unsigned nmetrics, struct bp_buf *out)
{
	size_t at = out->len;

	bp_buf_put(out, s->hhea.p, 36);
	if (!out->failed)
		set16((unsigned char *)out->data + at + 34, nmetrics);
}

/* maxp with the subset's glyph count and, for version 1, no hinting. */
static void
put_maxp(const struct bp_subsetter *s, unsigned count, struct bp_buf *out)
{
	size_t at = out->len, len = s->maxp.len >= 32 &&
	    u32(s->maxp.p) == 0x00010000 ? 32 : 6;
	unsigned char *m;

	bp_buf_put(out, s->maxp.p, len);
	if (out->failed)
		return;
	m = (unsigned char *)out->data + at;
	set16(m + 4, count);
	if (len == 32) {
		set16(m + 14, 1); /* maxZones: no twilight zone */
		memset(m + 16, 0, 12); /* twilight points to instructions */
	}
}

/* --- the font file ---------------------------------------------------- */

/* The subset's tables, in the order of their tags (the directory's). */
enum subset_table {
	T_OS2, T_CMAP, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME,
	T_POST, T__MAX
};
static const char subset_tags[T__MAX][5] = {
	[T_OS2] = "OS/2", [T_CMAP] = "cmap", [T_GLYF] = "glyf",
	[T_HEAD] = "head", [T_HHEA] = "hhea", [T_HMTX] = "hmtx",
	[T_LOCA] = "loca", [T_MAXP] = "maxp", [T_NAME] = "name",
	[T_POST] = "post",
};

/* The sum of the big-endian 32-bit words of `len` bytes, the last one
 * padded with zeros. */
static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i = 0;

	for (; i + 4 <= len; i += 4)
		sum += u32(p + i);
	for (unsigned shift = 24; i < len; i++, shift -= 8)
		sum += (uint32_t)p[i] << shift;
	return sum;
}

/* Whether the subset has table `t`: the optional ones when the font had
 * them. */
static bool
has_table(const struct bp_subsetter *s, enum subset_table t)
{
	return (t != T_OS2 || s->os2.len > 0) &&
	    (t != T_NAME || s->name.len > 0) &&
	    (t != T_POST || s->post.len >= 32);
}

/* Whether loca's offsets must be long: short ones are halves, of up to
 * 128 KB of glyf.  Only once glyf is written, which fills in starts[]. */
static bool
long_loca(const struct plan *p, const uint32_t *starts)
{
	return starts[p->count] > 0x1FFFE;
}

/* Writes table `t`; -1 for a damaged glyph.  glyf comes before the
 * tables that depend on its size, head and loca. */
static int
put_table(const struct bp_subsetter *s, const struct plan *p,
	enum subset_table t, uint32_t *starts, struct bp_buf *out)
{
	switch (t) {
	case T_OS2: put_os2(s, p, out); break;
	case T_CMAP: put_cmap(p, out); break;
	case T_GLYF: return put_glyf(s, p, out, starts);
	case T_HEAD: put_head(s, long_loca(p, starts), out); break;
	case T_HHEA: put_hhea(s, p->nmetrics, out); break;
	case T_HMTX: put_hmtx(s, p, out); break;
	case T_LOCA: put_loca(p, starts, long_loca(p, starts), out); break;
	case T_MAXP: put_maxp(s, p->count, out); break;
	case T_NAME: put_name(s, out); break;
	case T_POST: put_post(s, out); break;
	case T__MAX: break;
	}
	return 0;
}

/* The table directory's header: searchRange and its kin for `n` tables. */
static void
put_sfnt_header(unsigned n, struct bp_buf *out)
{
	unsigned range = 1, k = 0;

	while (range * 2 <= n) {
		range *= 2;
		k++;
	}
	put32(out, SFNT_TRUETYPE);
	put16(out, n);
	put16(out, 16 * range);
	put16(out, k);
	put16(out, 16 * (n - range));
}

/* The font: the directory, then each table, 4-byte aligned; its records
 * are filled in when the tables are written, and head's whole-font
 * checksum last. */
static int
put_font(const struct bp_subsetter *s, const struct plan *p,
	struct bp_buf *out)
{
	uint32_t *starts = bp_xreallocarray(NULL, (size_t)p->count + 1,
	    sizeof(*starts));
	size_t base = out->len, dir, head = 0;
	uint32_t sum = 0; /* of the tables: their checksums */
	unsigned n = 0;
	int rc = 0;

	for (int t = 0; t < T__MAX; t++)
		n += has_table(s, (enum subset_table)t);
	put_sfnt_header(n, out);
	dir = out->len;
	bp_buf_repeat(out, 0, 16 * (size_t)n);
	for (int t = 0; t < T__MAX && rc == 0; t++) {
		size_t at = out->len, len;
		if (!has_table(s, (enum subset_table)t))
			continue;
		rc = put_table(s, p, (enum subset_table)t, starts, out);
		len = out->len - at;
		bp_buf_repeat(out, 0, (4 - len % 4) % 4);
		if (out->failed)
			break;
		if (t == T_HEAD)
			head = at;
		memcpy(out->data + dir, subset_tags[t], 4);
		set32((unsigned char *)out->data + dir + 4, checksum(
		    (unsigned char *)out->data + at, len));
		sum += u32((unsigned char *)out->data + dir + 4);
		set32((unsigned char *)out->data + dir + 8, (uint32_t)(at - base));
		set32((unsigned char *)out->data + dir + 12, (uint32_t)len);
		dir += 16;
	}
	free(starts);
	if (rc != 0 || out->failed)
		return -1;
	/* the whole font's: the directory's and the tables' (each padded) */
	set32((unsigned char *)out->data + head + 8, CHECKSUM_MAGIC - sum -
	    checksum((unsigned char *)out->data + base, 12 + 16 * (size_t)n));
	return 0;
}

int
bp_subsetter_run(struct bp_subsetter *s, const uint32_t *cps, size_t n,
	bool keep_gids, struct bp_buf *out)
{
	struct plan p;
	size_t start = out->len;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	if (plan_glyphs(s, &p, cps, n, keep_gids) == 0) {
		p.nmetrics = count_metrics(s, &p);
		rc = put_font(s, &p, out);
	}
	if (rc != 0)
		bp_buf_truncate(out, start);
	plan_free(&p);
	return rc;
}
