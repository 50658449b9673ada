/* The .docx reader: WordprocessingML through libxml2 (the only file that
 * includes its headers) into the neutral paragraph list.  No DTD, no
 * entity, no network: a part that declares a DTD is refused. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "import.h"

static const char *const w_namespaces[] = {
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
	"http://purl.oclc.org/ooxml/wordprocessingml/main"
};
static const char *const r_namespaces[] = {
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships"
};
#define NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_WP \
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_V "urn:schemas-microsoft-com:vml"

struct style {
	const char *id, *name, *based_on;
	int outline;    /* 1-9, 0 for none */
	int num_id;     /* the style's own numbering, 0 for none */
	int num_level;
	unsigned run_style; /* a character style's bold, italic, strike */
};

struct level_fmt {
	int num_id;   /* w:num's id */
	int abstract; /* its w:abstractNum */
	enum bp_imp_numfmt fmt[9]; /* per level, overrides applied */
};

struct rel {
	const char *id, *target, *type;
	bool external;
};

enum field_kind {
	FIELD_OTHER,
	FIELD_REF,       /* a cross-reference to a bookmark */
	FIELD_HYPERLINK,
	FIELD_TOC        /* a table of contents: left out */
};

struct field {
	enum field_kind kind;
	bool in_result; /* past the separator: its runs are the result */
	struct bp_buf instr;
	const char *target; /* bookmark or URL */
	bool number;        /* REF \r, \n or \w: the result is a number */
};

#define MAX_FIELDS 8
/* Styles, numbering definitions and relationships read: far more than
 * any paper has, and a bound on the lookups per paragraph. */
#define MAX_DEFS 4096

struct media {
	const char *entry, *file;
};

struct docx {
	struct bp_imp_doc *doc;
	struct bp_imp_zip *zip;
	const struct bp_imp_out *out;
	struct bp_diags *d;
	struct style *styles;
	size_t nstyles, styles_cap;
	struct level_fmt *nums;
	size_t nnums, nums_cap;
	struct rel *rels;
	size_t nrels, rels_cap;
	struct media *media;
	size_t nmedia, media_cap;
	bool media_dir_made;
	size_t insertions, deletions, comments, merged_tables;
	unsigned npara; /* paragraphs read, for messages */
	struct field fields[MAX_FIELDS];
	size_t nfields;
	const char **pending; /* bookmarks seen between paragraphs */
	size_t npending, pending_cap;
	/* the run being read */
	const char *url, *anchor;
	bool field_ref;
	bool failed;
};

/* --- XML helpers --------------------------------------------------------- */

static bool
in_list(const xmlNs *ns, const char *const *list, size_t n)
{
	if (ns == NULL || ns->href == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp((const char *)ns->href, list[i]) == 0)
			return true;
	return false;
}

/* A WordprocessingML element named `name`. */
static bool
is_w(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0 &&
	    in_list(n->ns, w_namespaces, 2);
}

static bool
is_ns(const xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    n->ns->href != NULL && strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value copied into the arena, or NULL. */
static const char *
attr_of(struct docx *x, const xmlNode *n, const char *name,
	const char *const *nss, size_t nns)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (nss != NULL && !in_list(a->ns, nss, nns))
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		const char *s = bp_arena_strdup(x->doc->arena,
		    v ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}

static const char *
w_attr(struct docx *x, const xmlNode *n, const char *name)
{
	return attr_of(x, n, name, w_namespaces, 2);
}

static const char *
plain_attr(struct docx *x, const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->ns == NULL)
			return attr_of(x, n, name, NULL, 0);
	return NULL;
}

static const xmlNode *
w_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

static int
int_attr(struct docx *x, const xmlNode *n, const char *name, int dflt)
{
	const char *v = n ? w_attr(x, n, name) : NULL;
	char *end;
	long l;

	if (v == NULL)
		return dflt;
	l = strtol(v, &end, 10);
	return end == v || l < -1000000 || l > 1000000 ? dflt : (int)l;
}

/* A w:b, w:i ... toggle: on unless w:val says "0", "false" or "off". */
static bool
toggle_on(struct docx *x, const xmlNode *n)
{
	const char *v;

	if (n == NULL)
		return false;
	v = w_attr(x, n, "val");
	return v == NULL || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0 || strcmp(v, "none") == 0);
}

struct refuse {
	bool dtd;
};

/* A .docx part never has a DTD: one is refused as soon as the parser meets
 * it, before any entity it declares is read. */
static void
refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext,
	const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct refuse *r = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	r->dtd = true;
	xmlStopParser(ctxt);
}

static void
xml_error(struct docx *x, const char *part, const char *msg)
{
	struct bp_buf m = BP_BUF_INIT;

	bp_buf_puts(&m, msg);
	while (m.len > 0 && (m.data[m.len - 1] == '\n' ||
	    m.data[m.len - 1] == ' '))
		m.data[--m.len] = '\0';
	bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_XML, part, m.data);
	bp_buf_free(&m);
	x->failed = true;
}

/* Parses one part of the package; NULL when it is absent (then `required`
 * makes it an error) or broken (always an error). */
static xmlDocPtr
read_part(struct docx *x, const char *name, bool required)
{
	struct bp_buf data = BP_BUF_INIT;
	xmlParserCtxtPtr ctxt = NULL;
	struct refuse refuse = { false };
	xmlDocPtr doc = NULL;
	int got = bp_imp_zip_read(x->zip, name, BP_IMP_MAX_PART, &data, x->d);

	if (got < 0) {
		x->failed = true;
		goto out;
	}
	if (got == 0) {
		if (required) {
			bp_diag(x->d, (struct bp_pos){ 0, 0 },
			    BP_E_IMPORT_DOCX, "it has no word/document.xml");
			x->failed = true;
		}
		goto out;
	}
	if (data.len > (size_t)INT32_MAX ||
	    (ctxt = xmlNewParserCtxt()) == NULL) {
		xml_error(x, name, "cannot start the XML parser");
		goto out;
	}
	ctxt->_private = &refuse;
	ctxt->sax->internalSubset = refuse_dtd;
	/* no XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD, no
	 * HUGE (libxml2's own depth and size limits stay on) */
	doc = xmlCtxtReadMemory(ctxt, data.data, (int)data.len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (refuse.dtd) {
		xml_error(x, name, "a DTD (<!DOCTYPE>) is not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		xml_error(x, name, e && e->message ? e->message :
		    "not well-formed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
out:
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	bp_buf_free(&data);
	return doc;
}

/* All the text under `n` (w:t only), for warnings about what is left out. */
static void
collect_text(const xmlNode *n, struct bp_buf *out, int depth)
{
	if (depth > BP_IMP_MAX_DEPTH || out->len > 200)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			bp_buf_puts(out, t ? (const char *)t : "");
			xmlFree(t);
		} else if (is_w(c, "p") && out->len > 0)
			bp_buf_putc(out, ' ');
		else if (c->type == XML_ELEMENT_NODE)
			collect_text(c, out, depth + 1);
	}
}

/* The first words of a text, for a warning.  The space a note's text
 * starts with (after its reference mark) is not one of them. */
static const char *
first_words(struct docx *x, const char *s)
{
	size_t n = 0, words = 0;

	s += strspn(s, " \t\n");
	while (s[n] && words < 8) {
		if (s[n] == ' ' && n > 0 && s[n - 1] != ' ')
			words++;
		if (words < 8)
			n++;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return bp_arena_printf(x->doc->arena, "%.*s%s", (int)n, s,
	    s[n] ? " ..." : "");
}

static void
left_out(struct docx *x, const char *what, const char *where,
	const xmlNode *n)
{
	struct bp_buf text = BP_BUF_INIT;

	collect_text(n, &text, 0);
	if (text.len > 0)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_W_IMPORT_LEFT_OUT,
		    what, where, first_words(x, text.data));
	bp_buf_free(&text);
}

static const char *
para_where(struct docx *x)
{
	return bp_arena_printf(x->doc->arena, " (paragraph %u)", x->npara);
}

/* --- styles, numbering, relationships ------------------------------------ */

static const struct style *
find_style(const struct docx *x, const char *id)
{
	for (size_t i = 0; id != NULL && i < x->nstyles; i++)
		if (strcmp(x->styles[i].id, id) == 0)
			return &x->styles[i];
	return NULL;
}

/* "heading 2" (Word's own name, any case) is level 2. */
static int
heading_level(const char *name)
{
	if (name != NULL && strncasecmp(name, "heading ", 8) == 0 &&
	    name[8] >= '1' && name[8] <= '9' && name[9] == '\0')
		return name[8] - '0';
	return 0;
}

static unsigned
run_props(struct docx *x, const xmlNode *rpr)
{
	unsigned s = 0;

	if (rpr == NULL)
		return 0;
	if (toggle_on(x, w_child(rpr, "b")))
		s |= BP_STYLE_STRONG;
	if (toggle_on(x, w_child(rpr, "i")))
		s |= BP_STYLE_EMPH;
	if (toggle_on(x, w_child(rpr, "strike")) ||
	    toggle_on(x, w_child(rpr, "dstrike")))
		s |= BP_STYLE_STRIKE;
	return s;
}

static void
read_style(struct docx *x, const xmlNode *n)
{
	const xmlNode *ppr = w_child(n, "pPr"), *num;
	struct style *s;
	const char *id = w_attr(x, n, "styleId");

	if (id == NULL || x->nstyles >= MAX_DEFS)
		return;
	x->styles = bp_imp_grow(x->doc, x->styles, x->nstyles,
	    &x->styles_cap, sizeof(*x->styles));
	s = &x->styles[x->nstyles++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->name = w_child(n, "name") ? w_attr(x, w_child(n, "name"), "val") :
	    NULL;
	if (s->name == NULL)
		s->name = id;
	if (w_child(n, "basedOn"))
		s->based_on = w_attr(x, w_child(n, "basedOn"), "val");
	s->outline = heading_level(s->name);
	if (ppr != NULL && w_child(ppr, "outlineLvl") != NULL) {
		int lvl = int_attr(x, w_child(ppr, "outlineLvl"), "val", 9);
		if (lvl >= 0 && lvl < 9)
			s->outline = lvl + 1;
	}
	if (ppr != NULL && (num = w_child(ppr, "numPr")) != NULL) {
		s->num_id = int_attr(x, w_child(num, "numId"), "val", 0);
		s->num_level = int_attr(x, w_child(num, "ilvl"), "val", 0);
	}
	s->run_style = run_props(x, w_child(n, "rPr"));
}

static void
read_styles(struct docx *x)
{
	xmlDocPtr doc = read_part(x, "word/styles.xml", false);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;

	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (is_w(c, "style"))
			read_style(x, c);
	xmlFreeDoc(doc);
}

static enum bp_imp_numfmt
numfmt(const char *v)
{
	if (v == NULL || strcmp(v, "decimal") == 0 ||
	    strcmp(v, "decimalZero") == 0)
		return BP_IMP_NUM_DECIMAL;
	if (strcmp(v, "bullet") == 0)
		return BP_IMP_NUM_BULLET;
	if (strcmp(v, "none") == 0)
		return BP_IMP_NUM_NONE;
	return BP_IMP_NUM_OTHER;
}

/* The formats of an abstractNum's (or an override's) levels. */
static void
read_levels(struct docx *x, const xmlNode *n, enum bp_imp_numfmt fmt[9])
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		const xmlNode *lvl = c;
		if (is_w(c, "lvlOverride"))
			lvl = w_child(c, "lvl");
		else if (!is_w(c, "lvl"))
			continue;
		if (lvl == NULL || w_child(lvl, "numFmt") == NULL)
			continue;
		int i = int_attr(x, lvl, "ilvl", -1);
		if (i >= 0 && i < 9)
			fmt[i] = numfmt(w_attr(x, w_child(lvl, "numFmt"),
			    "val"));
	}
}

static void
read_numbering(struct docx *x)
{
	xmlDocPtr doc = read_part(x, "word/numbering.xml", false);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;

	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!is_w(c, "num") || x->nnums >= MAX_DEFS)
			continue;
		struct level_fmt f = { int_attr(x, c, "numId", 0),
			int_attr(x, w_child(c, "abstractNumId"), "val", -1),
			{ 0 } };
		for (int i = 0; i < 9; i++)
			f.fmt[i] = BP_IMP_NUM_DECIMAL;
		for (const xmlNode *a = root->children; a; a = a->next)
			if (is_w(a, "abstractNum") &&
			    int_attr(x, a, "abstractNumId", -2) == f.abstract)
				read_levels(x, a, f.fmt);
		read_levels(x, c, f.fmt);
		x->nums = bp_imp_grow(x->doc, x->nums, x->nnums, &x->nums_cap,
		    sizeof(*x->nums));
		x->nums[x->nnums++] = f;
	}
	xmlFreeDoc(doc);
}

static enum bp_imp_numfmt
format_of(const struct docx *x, int num_id, int level)
{
	for (size_t i = 0; i < x->nnums; i++)
		if (x->nums[i].num_id == num_id)
			return level >= 0 && level < 9 ? x->nums[i].fmt[level] :
			    BP_IMP_NUM_DECIMAL;
	return BP_IMP_NUM_NONE;
}

static void
read_rels(struct docx *x)
{
	xmlDocPtr doc = read_part(x, "word/_rels/document.xml.rels", false);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;

	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!is_ns(c, NS_RELS, "Relationship"))
			continue;
		struct rel r = { plain_attr(x, c, "Id"),
			plain_attr(x, c, "Target"), plain_attr(x, c, "Type"),
			false };
		const char *mode = plain_attr(x, c, "TargetMode");
		if (r.id == NULL || r.target == NULL || x->nrels >= MAX_DEFS)
			continue;
		r.external = mode != NULL && strcmp(mode, "External") == 0;
		if (r.type == NULL)
			r.type = "";
		x->rels = bp_imp_grow(x->doc, x->rels, x->nrels, &x->rels_cap,
		    sizeof(*x->rels));
		x->rels[x->nrels++] = r;
	}
	xmlFreeDoc(doc);
}

static const struct rel *
find_rel(const struct docx *x, const char *id)
{
	for (size_t i = 0; id != NULL && i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A relationship's target as a zip entry name ("media/a.png" from
 * word/ is "word/media/a.png"); NULL when it leaves the package. */
static const char *
entry_name(struct docx *x, const char *target)
{
	struct bp_buf b = BP_BUF_INIT;
	const char *s = target;
	const char *name;

	if (target[0] == '/')
		s++;
	else
		bp_buf_puts(&b, "word/");
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && strncmp(s, "..", 2) == 0) {
			/* up one folder; never above the package */
			if (b.len == 0) {
				bp_buf_free(&b);
				return NULL;
			}
			b.len--;
			while (b.len > 0 && b.data[b.len - 1] != '/')
				b.len--;
			b.data[b.len] = '\0';
		} else if (!(n == 1 && s[0] == '.') && n > 0) {
			bp_buf_put(&b, s, n);
			if (e)
				bp_buf_putc(&b, '/');
		}
		s += n + (e ? 1 : 0);
	}
	name = b.len > 0 ? bp_arena_strdup(x->doc->arena, b.data) : NULL;
	bp_buf_free(&b);
	return name;
}

/* --- images -------------------------------------------------------------- */

/* The file name an image is saved under: the entry's own last part, with
 * anything but letters, digits, '.', '-' and '_' replaced. */
static const char *
safe_name(struct docx *x, const char *entry, bool *changed)
{
	const char *base = strrchr(entry, '/');
	struct bp_buf b = BP_BUF_INIT;
	const char *name;

	base = base ? base + 1 : entry;
	for (const char *c = base; *c; c++) {
		unsigned char u = (unsigned char)*c;
		bool ok = (isalnum(u) && u < 0x80) || u == '-' || u == '_' ||
		    (u == '.' && b.len > 0);
		bp_buf_putc(&b, ok ? (char)u : '_');
	}
	if (b.len == 0)
		bp_buf_puts(&b, "image");
	*changed = strcmp(b.data, base) != 0;
	/* two entries with one name: the second is "name-2" */
	size_t stem = b.len;
	for (int n = 2;; n++) {
		bool taken = false;
		for (size_t i = 0; i < x->nmedia; i++) {
			const char *f = strrchr(x->media[i].file, '/');
			taken = taken || strcmp(f ? f + 1 : x->media[i].file,
			    b.data) == 0;
		}
		if (!taken)
			break;
		bp_buf_truncate(&b, stem);
		bp_buf_printf(&b, "-%d", n);
	}
	name = bp_arena_strdup(x->doc->arena, b.data);
	bp_buf_free(&b);
	return name;
}

/* The images' folder beside the output: made once, and it must be a real
 * folder (not a link leading elsewhere). */
static int
make_media_dir(struct docx *x, const char *path)
{
	struct stat st;

	if (x->media_dir_made)
		return 0;
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_MKDIR, path,
		    strerror(errno));
	else if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_NOT_FOLDER,
		    path);
	else {
		x->media_dir_made = true;
		return 0;
	}
	x->failed = true;
	return -1;
}

static bool
is_png_or_jpeg(const struct bp_buf *b)
{
	return (b->len > 8 && memcmp(b->data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
	    (b->len > 3 && memcmp(b->data, "\xff\xd8\xff", 3) == 0);
}

/* Saves the image a relationship names; returns its path relative to the
 * output's folder, or NULL (with a warning) for a placeholder. */
static const char *
save_image(struct docx *x, const char *rid)
{
	const struct rel *rel = find_rel(x, rid);
	const char *entry = rel && !rel->external ?
	    entry_name(x, rel->target) : NULL;
	struct bp_buf data = BP_BUF_INIT, path = BP_BUF_INIT;
	const char *file = NULL, *name;
	bool changed;
	int got;

	for (size_t i = 0; entry != NULL && i < x->nmedia; i++)
		if (strcmp(x->media[i].entry, entry) == 0)
			return x->media[i].file;
	got = entry ? bp_imp_zip_read(x->zip, entry, BP_IMP_MAX_IMAGE, &data,
	    x->d) : 0;
	if (got < 0) {
		x->failed = true;
		goto out;
	}
	if (got == 0) {
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, rel && !rel->external &&
		    entry == NULL ? BP_W_IMPORT_IMAGE_OUTSIDE :
		    BP_W_IMPORT_IMAGE_MISSING, rel ? rel->target : rid ? rid :
		    "?", para_where(x));
		goto out;
	}
	if (!is_png_or_jpeg(&data)) {
		bp_diag(x->d, (struct bp_pos){ 0, 0 },
		    BP_W_IMPORT_IMAGE_FORMAT, entry, para_where(x));
		goto out;
	}
	name = safe_name(x, entry, &changed);
	bp_buf_printf(&path, "%s/%s", x->out->dir, x->out->media_dir);
	if (make_media_dir(x, path.data) != 0)
		goto out;
	bp_buf_printf(&path, "/%s", name);
	if (bp_imp_write_file(path.data, data.data, data.len, x->out->force,
	    x->d) != 0) {
		x->failed = true;
		goto out;
	}
	if (changed)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_W_IMPORT_UNSAFE_NAME,
		    entry, name);
	file = bp_arena_printf(x->doc->arena, "%s/%s", x->out->media_dir,
	    name);
	x->media = bp_imp_grow(x->doc, x->media, x->nmedia, &x->media_cap,
	    sizeof(*x->media));
	x->media[x->nmedia++] = (struct media){ entry, file };
out:
	bp_buf_free(&data);
	bp_buf_free(&path);
	return file;
}

/* The picture in a w:drawing or w:pict: its relationship id and alt text. */
static void
find_picture(struct docx *x, const xmlNode *n, const char **rid,
	const char **alt, int depth)
{
	if (depth > BP_IMP_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_ns(c, NS_MC, "Fallback"))
			continue;
		if (is_ns(c, NS_A, "blip") && *rid == NULL)
			*rid = attr_of(x, c, "embed", r_namespaces, 2);
		else if (is_ns(c, NS_V, "imagedata") && *rid == NULL)
			*rid = attr_of(x, c, "id", r_namespaces, 2);
		if (is_ns(c, NS_WP, "docPr") && (*alt == NULL || !**alt)) {
			*alt = plain_attr(x, c, "descr");
			if (*alt == NULL || !**alt)
				*alt = plain_attr(x, c, "title");
		}
		if (is_ns(c, NS_V, "shape") && (*alt == NULL || !**alt))
			*alt = plain_attr(x, c, "alt");
		find_picture(x, c, rid, alt, depth + 1);
	}
}

/* A text box anywhere under `n` (its Choice only, not its Fallback copy). */
static const xmlNode *
find_text_box(const xmlNode *n, int depth)
{
	if (depth > BP_IMP_MAX_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_ns(c, NS_MC, "Fallback"))
			continue;
		if (is_w(c, "txbxContent"))
			return c;
		const xmlNode *t = find_text_box(c, depth + 1);
		if (t != NULL)
			return t;
	}
	return NULL;
}

/* --- fields -------------------------------------------------------------- */

/* The instruction's first word and its argument: REF _Ref123 \r \h,
 * HYPERLINK "https://..." or HYPERLINK \l "bookmark". */
static void
parse_instr(struct docx *x, struct field *f)
{
	char word[16] = "", arg[512] = "";
	const char *s = f->instr.data;
	int n = 0;

	if (sscanf(s, " %15s%n", word, &n) != 1)
		return;
	s += n;
	for (size_t i = 0; word[i]; i++)
		word[i] = (char)toupper((unsigned char)word[i]);
	if (strcmp(word, "TOC") == 0) {
		f->kind = FIELD_TOC;
		return;
	}
	if (strcmp(word, "REF") == 0) {
		if (sscanf(s, " %511s", arg) == 1) {
			f->kind = FIELD_REF;
			f->target = bp_arena_strdup(x->doc->arena, arg);
			f->number = strstr(s, "\\r") || strstr(s, "\\n") ||
			    strstr(s, "\\w");
		}
		return;
	}
	if (strcmp(word, "HYPERLINK") == 0) {
		bool local = strstr(s, "\\l") != NULL;
		const char *q = strchr(s, '"'), *e = q ? strchr(q + 1, '"') :
		    NULL;
		if (local)
			q = strchr(strstr(s, "\\l"), '"'), e = q ? strchr(q + 1,
			    '"') : NULL;
		if (q == NULL || e == NULL)
			return;
		f->kind = FIELD_HYPERLINK;
		f->target = bp_arena_strndup(x->doc->arena, q + 1,
		    (size_t)(e - q - 1));
		f->number = local; /* here: the target is a bookmark */
	}
}

static void
field_char(struct docx *x, const xmlNode *n)
{
	const char *type = w_attr(x, n, "fldCharType");

	if (type == NULL)
		return;
	if (strcmp(type, "begin") == 0) {
		if (x->nfields < MAX_FIELDS) {
			struct field *f = &x->fields[x->nfields];
			memset(f, 0, sizeof(*f));
			bp_buf_init(&f->instr);
		}
		x->nfields++;
	} else if (strcmp(type, "separate") == 0 && x->nfields > 0 &&
	    x->nfields <= MAX_FIELDS) {
		struct field *f = &x->fields[x->nfields - 1];
		parse_instr(x, f);
		f->in_result = true;
	} else if (strcmp(type, "end") == 0 && x->nfields > 0) {
		if (x->nfields <= MAX_FIELDS)
			bp_buf_free(&x->fields[x->nfields - 1].instr);
		x->nfields--;
	}
}

/* False while a field's instruction (not its result) is being read. */
static bool
in_field_result(const struct docx *x)
{
	for (size_t i = 0; i < x->nfields && i < MAX_FIELDS; i++)
		if (!x->fields[i].in_result)
			return false;
	return true;
}

static bool
in_toc(const struct docx *x)
{
	for (size_t i = 0; i < x->nfields && i < MAX_FIELDS; i++)
		if (x->fields[i].kind == FIELD_TOC)
			return true;
	return false;
}

/* The link the innermost REF or HYPERLINK field gives its result. */
static void
field_link(const struct docx *x, const char **url, const char **anchor,
	bool *number)
{
	for (size_t i = x->nfields < MAX_FIELDS ? x->nfields : MAX_FIELDS;
	    i-- > 0;) {
		const struct field *f = &x->fields[i];
		if (f->kind == FIELD_REF) {
			*anchor = f->target;
			*number = f->number;
			return;
		}
		if (f->kind == FIELD_HYPERLINK) {
			if (f->number)
				*anchor = f->target;
			else
				*url = f->target;
			return;
		}
	}
}

/* --- runs and paragraphs -------------------------------------------------- */

struct para_ctx {
	struct bp_imp_para *p;
	const char *images[16]; /* pictures found, saved after the text */
	const char *alts[16];
	size_t nimages;
	size_t bold_chars, chars; /* for all_bold */
	unsigned para_run_style;  /* the paragraph style's character style */
	/* text waiting to become a run: Word splits runs for no visible
	 * reason, and joining them here keeps the work linear */
	struct bp_buf pend;
	struct bp_imp_run pend_run;
	bool has_pend;
};

static void
flush_text(struct docx *x, struct para_ctx *pc)
{
	struct bp_imp_run *r;

	if (!pc->has_pend)
		return;
	r = bp_imp_run_add(x->doc, pc->p, pc->pend.data, pc->pend.len,
	    pc->pend_run.style);
	r->url = pc->pend_run.url;
	r->anchor = pc->pend_run.anchor;
	r->field_ref = pc->pend_run.field_ref;
	bp_buf_reset(&pc->pend);
	pc->has_pend = false;
}

static void
add_text(struct docx *x, struct para_ctx *pc, const char *text, size_t len,
	unsigned style)
{
	const char *url = x->url, *anchor = x->anchor;
	bool number = x->field_ref;
	struct bp_imp_run *r = &pc->pend_run;

	if (len == 0 || !in_field_result(x))
		return;
	field_link(x, &url, &anchor, &number);
	/* joined to the text before when nothing differs */
	if (!pc->has_pend || r->style != style || r->url != url ||
	    r->anchor != anchor || r->field_ref != number) {
		flush_text(x, pc);
		memset(r, 0, sizeof(*r));
		r->style = style;
		r->url = url;
		r->anchor = anchor;
		r->field_ref = number;
		pc->has_pend = true;
	}
	bp_buf_put(&pc->pend, text, len);
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)text[i])) {
			pc->chars++;
			pc->bold_chars += (style & BP_STYLE_STRONG) != 0;
		}
}

/* A line break (Shift+Enter: <w:br/>, <w:cr/>): a run of its own, so
 * that the cover's lines stay lines; elsewhere it reads as a space. */
static void
add_break(struct docx *x, struct para_ctx *pc, unsigned style)
{
	const char *url = x->url, *anchor = x->anchor;
	bool number = x->field_ref;
	struct bp_imp_run *r;

	if (!in_field_result(x))
		return;
	field_link(x, &url, &anchor, &number);
	flush_text(x, pc);
	r = bp_imp_run_add(x->doc, pc->p, " ", 1, style);
	r->url = url;
	r->anchor = anchor;
	r->field_ref = number;
	r->is_break = true;
}

static void
picture(struct docx *x, struct para_ctx *pc, const xmlNode *n)
{
	const char *rid = NULL, *alt = NULL;
	const xmlNode *box = find_text_box(n, 0);

	if (box != NULL) {
		left_out(x, "text box", para_where(x), box);
		return;
	}
	find_picture(x, n, &rid, &alt, 0);
	if (pc->nimages < 16) {
		pc->images[pc->nimages] = rid ? save_image(x, rid) : NULL;
		pc->alts[pc->nimages++] = alt ? alt : "";
	}
}

static void
read_run(struct docx *x, struct para_ctx *pc, const xmlNode *run)
{
	const xmlNode *rpr = w_child(run, "rPr");
	unsigned style = run_props(x, rpr);
	const struct style *cs = rpr && w_child(rpr, "rStyle") ?
	    find_style(x, w_attr(x, w_child(rpr, "rStyle"), "val")) : NULL;

	if (cs != NULL)
		style |= cs->run_style;
	style |= pc->para_run_style;
	for (const xmlNode *c = run->children; c; c = c->next) {
		if (is_w(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t != NULL)
				add_text(x, pc, (const char *)t,
				    strlen((const char *)t), style);
			xmlFree(t);
		} else if (is_w(c, "tab"))
			add_text(x, pc, "\t", 1, style);
		else if (is_w(c, "br") || is_w(c, "cr")) {
			const char *type = w_attr(x, c, "type");
			if (type == NULL || strcmp(type, "textWrapping") == 0)
				add_break(x, pc, style);
		} else if (is_w(c, "noBreakHyphen"))
			add_text(x, pc, "\xe2\x80\x91", 3, style);
		else if (is_w(c, "softHyphen"))
			add_text(x, pc, "\xc2\xad", 2, style);
		else if (is_w(c, "fldChar"))
			field_char(x, c);
		else if (is_w(c, "instrText") && x->nfields > 0 &&
		    x->nfields <= MAX_FIELDS) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t != NULL)
				bp_buf_puts(&x->fields[x->nfields - 1].instr,
				    (const char *)t);
			xmlFree(t);
		} else if (is_w(c, "drawing") || is_w(c, "pict") ||
		    is_w(c, "object"))
			picture(x, pc, c);
		else if (is_w(c, "commentReference"))
			x->comments++;
		else if (is_ns(c, NS_MC, "AlternateContent"))
			picture(x, pc, c);
	}
}

static void read_inline(struct docx *x, struct para_ctx *pc,
	const xmlNode *n, int depth);

static void
simple_field(struct docx *x, struct para_ctx *pc, const xmlNode *n,
	int depth)
{
	const char *instr = w_attr(x, n, "instr");

	if (x->nfields >= MAX_FIELDS || instr == NULL) {
		read_inline(x, pc, n, depth + 1);
		return;
	}
	struct field *f = &x->fields[x->nfields++];
	memset(f, 0, sizeof(*f));
	bp_buf_init(&f->instr);
	bp_buf_puts(&f->instr, instr);
	parse_instr(x, f);
	f->in_result = true;
	read_inline(x, pc, n, depth + 1);
	bp_buf_free(&f->instr);
	x->nfields--;
}

static void
hyperlink(struct docx *x, struct para_ctx *pc, const xmlNode *n, int depth)
{
	const char *rid = attr_of(x, n, "id", r_namespaces, 2);
	const char *anchor = w_attr(x, n, "anchor");
	const struct rel *rel = find_rel(x, rid);
	const char *url = x->url, *old_anchor = x->anchor;

	size_t before;

	flush_text(x, pc);
	before = pc->p->nruns;
	if (rel != NULL && rel->external)
		x->url = rel->target;
	else if (anchor != NULL)
		x->anchor = anchor;
	read_inline(x, pc, n, depth + 1);
	flush_text(x, pc);
	if (pc->p->nruns == before && x->anchor != NULL &&
	    x->anchor != old_anchor && in_field_result(x)) {
		/* a link with no text (pandoc's [](#label)): the number */
		struct bp_imp_run *r = bp_imp_run_add(x->doc, pc->p, "", 0, 0);
		r->anchor = x->anchor;
		r->field_ref = true;
	}
	x->url = url;
	x->anchor = old_anchor;
}

/* A paragraph's content: runs, and the elements that hold runs. */
static void
read_inline(struct docx *x, struct para_ctx *pc, const xmlNode *n, int depth)
{
	if (depth > BP_IMP_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "r"))
			read_run(x, pc, c);
		else if (is_w(c, "hyperlink"))
			hyperlink(x, pc, c, depth);
		else if (is_w(c, "fldSimple"))
			simple_field(x, pc, c, depth);
		else if (is_w(c, "bookmarkStart")) {
			const char *name = w_attr(x, c, "name");
			if (name != NULL && strcmp(name, "_GoBack") != 0)
				bp_imp_bookmark_add(x->doc, pc->p, name);
		} else if (is_w(c, "ins") || is_w(c, "moveTo")) {
			x->insertions++;
			read_inline(x, pc, c, depth + 1);
		} else if (is_w(c, "del") || is_w(c, "moveFrom"))
			x->deletions++;
		else if (is_w(c, "smartTag") || is_w(c, "customXml") ||
		    is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "dir") || is_w(c, "bdo"))
			read_inline(x, pc, c, depth + 1);
		/* comments are counted at their reference, in a run */
	}
}

/* Paragraph properties: style, outline level, numbering, alignment. */
static void
para_props(struct docx *x, struct para_ctx *pc, const xmlNode *ppr)
{
	struct bp_imp_para *p = pc->p;
	const xmlNode *num = ppr ? w_child(ppr, "numPr") : NULL;
	const xmlNode *ps = ppr ? w_child(ppr, "pStyle") : NULL;
	const struct style *st = ps ? find_style(x, w_attr(x, ps, "val")) :
	    NULL;
	int num_id = 0, level = 0;

	/* the style and the styles it is based on */
	for (int hops = 0; st != NULL && hops < 16; hops++) {
		if (hops == 0)
			p->style = st->name;
		if (p->outline == 0)
			p->outline = st->outline;
		if (num_id == 0 && st->num_id != 0) {
			num_id = st->num_id;
			level = st->num_level;
		}
		st = find_style(x, st->based_on);
	}
	if (ppr != NULL && w_child(ppr, "outlineLvl") != NULL) {
		int lvl = int_attr(x, w_child(ppr, "outlineLvl"), "val", 9);
		p->outline = lvl >= 0 && lvl < 9 ? lvl + 1 : 0;
	}
	if (num != NULL) {
		num_id = int_attr(x, w_child(num, "numId"), "val", 0);
		level = int_attr(x, w_child(num, "ilvl"), "val", 0);
	}
	if (num_id > 0) {
		enum bp_imp_numfmt f = format_of(x, num_id, level);
		if (f != BP_IMP_NUM_NONE) {
			p->num_id = num_id;
			p->num_level = level < 0 ? 0 : level > 8 ? 8 : level;
			p->num_fmt = f;
		}
	}
	const char *jc = ppr && w_child(ppr, "jc") ?
	    w_attr(x, w_child(ppr, "jc"), "val") : NULL;
	if (jc != NULL)
		p->align = strcmp(jc, "right") == 0 || strcmp(jc, "end") == 0 ?
		    'r' : strcmp(jc, "center") == 0 ? 'c' :
		    strcmp(jc, "left") == 0 || strcmp(jc, "start") == 0 ? 'l' :
		    0;
}

static void
add_images(struct docx *x, const struct para_ctx *pc)
{
	for (size_t i = 0; i < pc->nimages; i++) {
		struct bp_imp_para *img = bp_imp_para_add(x->doc,
		    &x->doc->paras, &x->doc->nparas, &x->doc->cap);
		img->kind = BP_IMP_IMAGE;
		img->line = x->npara;
		img->image = pc->images[i];
		img->alt = pc->alts[i];
		if (img->image != NULL && !img->alt[0])
			bp_diag(x->d, (struct bp_pos){ 0, 0 },
			    BP_W_IMPORT_IMAGE_ALT, img->image, para_where(x));
	}
}

/* One w:p into `list`; its pictures follow it when `list` is the body. */
static void
read_para(struct docx *x, const xmlNode *n, struct bp_imp_para **list,
	size_t *count, size_t *cap, bool body)
{
	struct para_ctx pc;
	bool toc = in_toc(x);

	memset(&pc, 0, sizeof(pc));
	if (++x->npara > BP_IMP_MAX_PARAS) {
		if (x->npara == BP_IMP_MAX_PARAS + 1)
			bp_diag(x->d, (struct bp_pos){ 0, 0 },
			    BP_E_IMPORT_LIMIT, "the number of paragraphs is",
			    (size_t)BP_IMP_MAX_PARAS);
		x->failed = true;
		return;
	}
	pc.p = bp_imp_para_add(x->doc, list, count, cap);
	pc.p->line = x->npara;
	for (size_t i = 0; i < x->npending; i++)
		bp_imp_bookmark_add(x->doc, pc.p, x->pending[i]);
	x->npending = 0;
	para_props(x, &pc, w_child(n, "pPr"));
	bp_buf_init(&pc.pend);
	read_inline(x, &pc, n, 0);
	flush_text(x, &pc);
	bp_buf_free(&pc.pend);
	pc.p->all_bold = pc.chars > 0 && pc.bold_chars == pc.chars;
	if (toc || in_toc(x)) {
		/* a table of contents is made again from the headings */
		(*count)--;
		return;
	}
	if (body)
		add_images(x, &pc);
}

/* --- tables -------------------------------------------------------------- */

struct row {
	struct bp_imp_cell *cells;
	size_t n, cap;
};

static void read_cell_content(struct docx *x, const xmlNode *n,
	struct bp_imp_cell *cell, int depth);

/* A table inside a cell: its paragraphs join the cell's. */
static void
flatten_table(struct docx *x, const xmlNode *tbl, struct bp_imp_cell *cell,
	int depth)
{
	for (const xmlNode *tr = tbl->children; tr; tr = tr->next)
		for (const xmlNode *tc = is_w(tr, "tr") ? tr->children : NULL;
		    tc; tc = tc->next)
			if (is_w(tc, "tc"))
				read_cell_content(x, tc, cell, depth + 1);
}

static void
read_cell_content(struct docx *x, const xmlNode *n, struct bp_imp_cell *cell,
	int depth)
{
	if (depth > BP_IMP_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "p"))
			read_para(x, c, &cell->paras, &cell->nparas,
			    &cell->cap, false);
		else if (is_w(c, "tbl"))
			flatten_table(x, c, cell, depth);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "customXml"))
			read_cell_content(x, c, cell, depth + 1);
	}
}

static struct bp_imp_cell *
add_cell(struct docx *x, struct row *r)
{
	r->cells = bp_imp_grow(x->doc, r->cells, r->n, &r->cap,
	    sizeof(*r->cells));
	memset(&r->cells[r->n], 0, sizeof(*r->cells));
	return &r->cells[r->n++];
}

/* One w:tr; a vertically merged cell repeats the one above it, a cell
 * spanning columns repeats itself. */
static bool
read_row(struct docx *x, const xmlNode *tr, struct row *r,
	const struct row *above, int depth)
{
	bool merged = false;

	for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
		if (!is_w(tc, "tc"))
			continue;
		const xmlNode *pr = w_child(tc, "tcPr");
		int span = int_attr(x, pr ? w_child(pr, "gridSpan") : NULL,
		    "val", 1);
		const xmlNode *vm = pr ? w_child(pr, "vMerge") : NULL;
		const char *vval = vm ? w_attr(x, vm, "val") : NULL;
		size_t col = r->n;
		struct bp_imp_cell *cell = add_cell(x, r);

		if (span < 1 || span > 64)
			span = 1;
		if (vm != NULL && (vval == NULL || strcmp(vval, "continue") ==
		    0) && above != NULL && col < above->n) {
			*cell = above->cells[col];
			cell->merged = true;
			merged = true;
		} else
			read_cell_content(x, tc, cell, depth + 1);
		for (int k = 1; k < span; k++) {
			struct bp_imp_cell copy = r->cells[col];
			copy.merged = true;
			*add_cell(x, r) = copy;
			merged = true;
		}
	}
	return merged;
}

static void
read_table(struct docx *x, const xmlNode *tbl, int depth)
{
	struct row *rows = NULL;
	size_t nrows = 0, cap = 0, ncols = 0;
	bool merged = false;
	unsigned first = x->npara + 1;

	for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
		if (!is_w(tr, "tr"))
			continue;
		rows = bp_imp_grow(x->doc, rows, nrows, &cap, sizeof(*rows));
		memset(&rows[nrows], 0, sizeof(*rows));
		merged |= read_row(x, tr, &rows[nrows],
		    nrows ? &rows[nrows - 1] : NULL, depth);
		if (rows[nrows].n > ncols)
			ncols = rows[nrows].n;
		nrows++;
	}
	if (nrows == 0 || ncols == 0)
		return;
	struct bp_imp_para *p = bp_imp_para_add(x->doc, &x->doc->paras,
	    &x->doc->nparas, &x->doc->cap);
	p->kind = BP_IMP_TABLE;
	p->line = first;
	p->table.nrows = nrows;
	p->table.ncols = ncols;
	p->table.cells = bp_arena_alloc(x->doc->arena, nrows * ncols *
	    sizeof(*p->table.cells));
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < rows[r].n; c++)
			p->table.cells[r * ncols + c] = rows[r].cells[c];
	if (merged)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_W_IMPORT_MERGED,
		    bp_arena_printf(x->doc->arena, " (the table at paragraph "
		    "%u)", first));
}

/* --- the document ---------------------------------------------------------- */

static void
read_blocks(struct docx *x, const xmlNode *n, int depth)
{
	if (depth > BP_IMP_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c && !x->failed; c = c->next) {
		if (is_w(c, "p"))
			read_para(x, c, &x->doc->paras, &x->doc->nparas,
			    &x->doc->cap, true);
		else if (is_w(c, "tbl"))
			read_table(x, c, depth);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") ||
		    is_w(c, "customXml") || is_w(c, "ins") ||
		    is_w(c, "moveTo"))
			read_blocks(x, c, depth + 1);
		else if (is_w(c, "bookmarkStart")) {
			const char *name = w_attr(x, c, "name");
			if (name == NULL)
				continue;
			x->pending = bp_imp_grow(x->doc, x->pending,
			    x->npending, &x->pending_cap, sizeof(*x->pending));
			x->pending[x->npending++] = name;
		}
	}
}

/* Headers, footers and notes cannot be placed in a paper: each is listed
 * in a warning with its first words. */
static void
list_left_out(struct docx *x)
{
	for (size_t i = 0; i < x->nrels && !x->failed; i++) {
		const struct rel *r = &x->rels[i];
		const char *what = ends_with(r->type, "/header") ? "header" :
		    ends_with(r->type, "/footer") ? "footer" :
		    ends_with(r->type, "/footnotes") ? "footnote" :
		    ends_with(r->type, "/endnotes") ? "endnote" : NULL;
		const char *entry = what && !r->external ?
		    entry_name(x, r->target) : NULL;
		if (entry == NULL)
			continue;
		xmlDocPtr doc = read_part(x, entry, false);
		const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
		const char *where = bp_arena_printf(x->doc->arena, " (%s)",
		    entry);
		if (root != NULL && (strcmp(what, "header") == 0 ||
		    strcmp(what, "footer") == 0))
			left_out(x, what, where, root);
		bool notes = strcmp(what, "footnote") == 0 ||
		    strcmp(what, "endnote") == 0;
		for (const xmlNode *c = root && notes ? root->children : NULL;
		    c; c = c->next)
			if ((is_w(c, "footnote") || is_w(c, "endnote")) &&
			    int_attr(x, c, "id", 0) > 0)
				left_out(x, what, where, c);
		xmlFreeDoc(doc);
	}
}

static void
report_changes(struct docx *x)
{
	if (x->insertions + x->deletions > 0)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_W_IMPORT_TRACKED,
		    x->insertions, x->deletions);
	if (x->comments > 0)
		bp_diag(x->d, (struct bp_pos){ 0, 0 }, BP_W_IMPORT_COMMENTS,
		    x->comments);
}

int
bp_imp_read_docx(struct bp_imp_doc *doc, const char *data, size_t len,
	const struct bp_imp_out *out, struct bp_diags *d)
{
	struct docx x;
	xmlDocPtr main_doc = NULL;
	const xmlNode *root, *body;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.out = out;
	x.d = d;
	if ((x.zip = bp_imp_zip_open(data, len, d)) == NULL)
		return -1;
	read_styles(&x);
	read_numbering(&x);
	read_rels(&x);
	if (!x.failed)
		main_doc = read_part(&x, "word/document.xml", true);
	root = main_doc ? xmlDocGetRootElement(main_doc) : NULL;
	body = root && is_w(root, "document") ? w_child(root, "body") : NULL;
	if (main_doc != NULL && body == NULL) {
		bp_diag(d, (struct bp_pos){ 0, 0 }, BP_E_IMPORT_DOCX,
		    "word/document.xml has no w:body");
		x.failed = true;
	}
	if (body != NULL)
		read_blocks(&x, body, 0);
	if (!x.failed) {
		list_left_out(&x);
		report_changes(&x);
	}
	for (size_t i = 0; i < x.nfields && i < MAX_FIELDS; i++)
		bp_buf_free(&x.fields[i].instr);
	xmlFreeDoc(main_doc);
	bp_imp_zip_close(x.zip);
	return x.failed ? -1 : 0;
}
