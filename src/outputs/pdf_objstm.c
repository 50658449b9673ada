/* Object streams for the PDF libharu wrote: its dictionaries and arrays
 * compressed together, with a cross-reference stream (PDF 1.5).
 *
 * libharu writes every object uncompressed, and a tagged paper has a few
 * hundred small ones (structure elements, bookmarks, annotations): 20 KB
 * of paper a's PDF.  pdf_objstm_pack reads the file back through its
 * cross-reference table, copies each stream object as it is, packs every
 * other object into object streams, and writes a cross-reference stream.
 * It knows only libharu's layout ("N 0 obj" at each offset the table
 * gives, one table section, a classic trailer); anything else leaves the
 * file as it was, which is always a valid PDF.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardpaper/buf.h"
#include "internal.h"
#include "pdf_deflate.h"
#include "pdf_objstm.h"

#define PER_STREAM 200 /* objects in one object stream */

struct obj {
	size_t off, end;   /* of "N 0 obj" .. after "endobj" in the input */
	size_t body, blen; /* the object itself, between those keywords */
	bool stream;       /* kept as it is */
	bool used;
	bool extra;        /* body and blen are in the extra objects' text */
	unsigned long where; /* output: offset, or the object stream's number */
	unsigned idx;      /* index within its object stream */
};

static const char *
find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *end = hay + len, *p = hay;

	while (n <= (size_t)(end - p) &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

static int
off_cmp(const void *a, const void *b)
{
	const struct obj *x = *(const struct obj *const *)a;
	const struct obj *y = *(const struct obj *const *)b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The decimal number in the `n` bytes at p (strtoul costs ten times as
 * much for the table's offsets); false when one is not a digit. */
static bool
digits(const char *p, size_t n, unsigned long *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*v = *v * 10 + (unsigned long)(p[i] - '0');
	}
	return true;
}

/* Reads the table: "xref\n0 N\n" and N 20-byte entries.  Returns N, or 0
 * when the file is not as libharu writes it. */
static size_t
read_xref(const char *p, size_t len, size_t xref, struct obj **objs)
{
	char *e;
	unsigned long first, n;

	if (xref + 5 > len || memcmp(p + xref, "xref\n", 5) != 0)
		return 0;
	first = strtoul(p + xref + 5, &e, 10);
	if (first != 0 || *e != ' ')
		return 0;
	n = strtoul(e + 1, &e, 10);
	if (*e != '\n' || n < 2 || n > 10000000 ||
	    (size_t)(e + 1 - p) + n * 20 > len)
		return 0;
	*objs = bp_xcalloc(n, sizeof(**objs));
	for (unsigned long i = 0; i < n; i++) {
		const char *ent = e + 1 + i * 20;
		unsigned long off;
		bool ok = digits(ent, 10, &off);
		(*objs)[i].off = off;
		(*objs)[i].used = ent[17] == 'n' && i > 0;
		if ((*objs)[i].used && (!ok || memcmp(ent + 11, "00000", 5) !=
		    0 || (*objs)[i].off >= xref)) {
			free(*objs);
			return 0;
		}
	}
	return n;
}

/* "N 0 obj\n" in `head` (room for 32 bytes); its length. */
static size_t
object_head(char *head, size_t num)
{
	char d[24];
	size_t n = 0;

	do
		d[n++] = (char)('0' + num % 10);
	while ((num /= 10) != 0 && n < sizeof(d));
	for (size_t k = 0; k < n; k++)
		head[k] = d[n - 1 - k];
	memcpy(head + n, " 0 obj\n", 7);
	return n + 7;
}

/* Finds each object's extent and whether it is a stream; false when an
 * offset does not start "N 0 obj\n" or an object does not end "endobj". */
static bool
read_objects(const char *p, size_t xref, struct obj *objs, size_t n)
{
	struct obj **order = bp_xcalloc(n, sizeof(*order));
	size_t m = 0;
	bool ok = true, sorted = true;

	for (size_t i = 0; i < n; i++)
		if (objs[i].used) {
			sorted = sorted && (m == 0 || order[m - 1]->off <
			    objs[i].off);
			order[m++] = &objs[i];
		}
	if (!sorted) /* libharu writes them in number order */
		qsort(order, m, sizeof(*order), off_cmp);
	for (size_t k = 0; k < m && ok; k++) {
		struct obj *o = order[k];
		size_t i = (size_t)(o - objs), end = k + 1 < m ?
		    order[k + 1]->off : xref;
		char head[32];
		size_t hl = object_head(head, i);
		if (end <= o->off + hl + 7 ||
		    memcmp(p + o->off, head, hl) != 0) {
			ok = false;
			break;
		}
		o->end = end;
		o->body = o->off + hl;
		/* the object ends "endobj\n" */
		while (end > o->body && (p[end - 1] == '\n' || p[end - 1] == '\r'))
			end--;
		if (end < o->body + 6 || memcmp(p + end - 6, "endobj", 6) != 0) {
			ok = false;
			break;
		}
		o->blen = end - 6 - o->body;
		/* raw line ends never occur in libharu's strings, which it
		 * escapes, so this is the stream keyword */
		o->stream = find(p + o->body, o->blen, "stream\r\n") != NULL;
	}
	free(order);
	return ok;
}

static void
put_u(unsigned char *w, unsigned long v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		w[i] = (unsigned char)(v & 0xFF);
		v >>= 8;
	}
}

/* Appends object `num` as a flate stream of `data` with `dict` entries. */
static bool
put_stream(struct pdf_deflater *zd, struct bp_buf *out, unsigned long num, const char *dict,
	const void *data, size_t len)
{
	unsigned char *z;
	size_t zlen;

	if (len > 0xFFFFFFFFu ||
	    !pdf_deflate_or_store(zd, data, len, 1, &z, &zlen))
		return false;
	bp_buf_printf(out, "%lu 0 obj\n<<\n%s/Filter /FlateDecode\n"
	    "/Length %zu\n>>\nstream\r\n", num, dict, zlen);
	bp_buf_put(out, z, zlen);
	bp_buf_puts(out, "\r\nendstream\nendobj\n");
	free(z);
	return true;
}

/* "N " (printf costs ten times as much, for a few hundred numbers) */
static void
put_num(struct bp_buf *b, size_t v)
{
	char d[24];
	int n = 0;

	do
		d[sizeof(d) - 1 - n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0 && n < (int)sizeof(d) - 1);
	bp_buf_put(b, d + sizeof(d) - n, (size_t)n);
	bp_buf_putc(b, ' ');
}

/* An object's source as it goes into an object stream. */
static const char *
packed_body(const char *p, const struct pdf_objstm_extra *x,
	const struct obj *o, size_t *len)
{
	if (!o->extra) {
		*len = o->blen;
		return p + o->body;
	}
	if (o->blen > 0) {
		*len = o->blen;
		return x->text + o->body;
	}
	*len = 5;
	return "<<\n>>"; /* never set */
}

/* The packed objects from `first` (in number order), PER_STREAM at most,
 * as object stream `num`, which starts at *at; returns the index after
 * the last one packed.  The header's offsets come from the objects'
 * lengths, so that the objects are copied once, after it (a table
 * cell's structure element can be megabytes). */
static size_t
put_object_stream(struct pdf_deflater *zd, struct bp_buf *out, const char *p,
	const struct pdf_objstm_extra *x, struct obj *objs, size_t n,
	size_t first, unsigned long num, size_t *at, bool *ok)
{
	struct bp_buf s = BP_BUF_INIT;
	char dict[64];
	unsigned count = 0;
	size_t i = first, off = 0, len;

	for (; i < n && count < PER_STREAM; i++) {
		if (!objs[i].used || objs[i].stream)
			continue;
		put_num(&s, i);
		put_num(&s, off);
		(void)packed_body(p, x, &objs[i], &len);
		off += len + 1;
		objs[i].where = num;
		objs[i].idx = count++;
	}
	snprintf(dict, sizeof(dict), "/Type /ObjStm\n/N %u\n/First %zu\n",
	    count, s.len);
	for (size_t j = first; j < i; j++) {
		const char *body;
		if (!objs[j].used || objs[j].stream)
			continue;
		body = packed_body(p, x, &objs[j], &len);
		bp_buf_put(&s, body, len);
		bp_buf_putc(&s, '\n');
	}
	*at = out->len;
	if (s.failed || !put_stream(zd, out, num, dict, s.data, s.len))
		*ok = false;
	bp_buf_free(&s);
	return i;
}

/* The trailer's entries but /Size, for the cross-reference stream. */
static bool
trailer_entries(const char *p, size_t len, size_t from, struct bp_buf *dict)
{
	const char *t = find(p + from, len - from, "trailer\n<<\n");
	const char *end;

	if (t == NULL || (end = find(t, len - (size_t)(t - p), "\n>>\n")) ==
	    NULL)
		return false;
	for (const char *line = t + 11; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end + 1 - line));
		if (nl == NULL)
			break;
		if (strncmp(line, "/Size ", 6) != 0)
			bp_buf_put(dict, line, (size_t)(nl + 1 - line));
		line = nl + 1;
	}
	return true;
}

/* The extra objects after libharu's n - 1, which they must follow. */
static bool
add_extra(struct obj **objs, size_t n, const struct pdf_objstm_extra *x)
{
	if (x->n == 0)
		return true;
	if (x->first != n || x->n > 10000000)
		return false;
	*objs = bp_xreallocarray(*objs, n + x->n, sizeof(**objs));
	memset(*objs + n, 0, x->n * sizeof(**objs));
	for (size_t k = 0; k < x->n; k++) {
		struct obj *o = &(*objs)[n + k];
		o->used = o->extra = true;
		o->body = x->off[k];
		o->blen = x->len[k];
	}
	return true;
}

/* The first object from `i` on that goes into an object stream; `n`
 * when none does. */
static size_t
next_packed(const struct obj *objs, size_t n, size_t i)
{
	while (i < n && (!objs[i].used || objs[i].stream))
		i++;
	return i;
}

static bool
pack(struct pdf_deflater *zd, const char *p, size_t len,
	const struct pdf_objstm_extra *x, struct bp_buf *out)
{
	const char *sx = len > 64 ? find(p + len - 64, 64, "startxref\n") :
	    NULL;
	struct bp_buf dict = BP_BUF_INIT;
	struct obj *objs = NULL;
	unsigned long *streams = NULL, nstreams = 0, size, num;
	unsigned char *xr = NULL;
	size_t xref, n, first_obj;
	bool ok = false;

	if (sx == NULL || memcmp(p, "%PDF-1.", 7) != 0 || p[7] < '5')
		return false;
	xref = strtoul(sx + 10, NULL, 10);
	if ((n = read_xref(p, len, xref, &objs)) == 0)
		return false;
	if (!read_objects(p, xref, objs, n) || !trailer_entries(p, len, xref,
	    &dict) || !add_extra(&objs, n, x))
		goto out;
	/* the header: everything before the first object */
	first_obj = xref;
	for (size_t i = 1; i < n; i++)
		if (objs[i].used && objs[i].off < first_obj)
			first_obj = objs[i].off;
	bp_buf_put(out, p, first_obj);
	for (size_t i = 1; i < n; i++)
		if (objs[i].used && objs[i].stream) {
			objs[i].where = out->len;
			bp_buf_put(out, p + objs[i].off, objs[i].end -
			    objs[i].off);
		}
	n += x->n; /* from here, every object */
	num = (unsigned long)n;
	ok = true;
	/* an object stream only while objects are left for it: streams
	 * after the last 200 would make an empty one */
	for (size_t i = next_packed(objs, n, 1), at = 0; i < n && ok; num++) {
		i = next_packed(objs, n, put_object_stream(zd, out, p, x, objs,
		    n, i, num, &at, &ok));
		streams = bp_xreallocarray(streams, nstreams + 1,
		    sizeof(*streams));
		streams[nstreams++] = (unsigned long)at;
	}
	if (!ok)
		goto out;
	/* the cross-reference stream: type, offset or stream, index */
	size = num + 1;
	xr = bp_xcalloc(size, 7);
	put_u(xr, 0, 1);
	put_u(xr + 5, 0xFFFF, 2);
	for (size_t i = 1; i < n; i++) {
		unsigned char *w = xr + i * 7;
		if (!objs[i].used) {
			put_u(w + 5, 0xFFFF, 2);
			continue;
		}
		put_u(w, objs[i].stream ? 1 : 2, 1);
		put_u(w + 1, objs[i].where, 4);
		put_u(w + 5, objs[i].stream ? 0 : objs[i].idx, 2);
	}
	for (unsigned long k = 0; k < nstreams; k++) {
		put_u(xr + (n + k) * 7, 1, 1);
		put_u(xr + (n + k) * 7 + 1, streams[k], 4);
	}
	put_u(xr + num * 7, 1, 1);
	put_u(xr + num * 7 + 1, out->len, 4);
	if (out->len > 0xFFFFFFFFu) {
		ok = false;
		goto out;
	}
	bp_buf_printf(&dict, "/Type /XRef\n/Size %lu\n/W [ 1 4 2 ]\n", size);
	{
		size_t at = out->len;
		ok = !dict.failed && put_stream(zd, out, num, dict.data, xr,
		    size * 7);
		bp_buf_printf(out, "startxref\n%zu\n%%%%EOF\n", at);
	}
out:
	free(xr);
	free(streams);
	free(objs);
	bp_buf_free(&dict);
	return ok && !out->failed;
}

bool
pdf_objstm_pack(struct pdf_deflater *zd, struct bp_buf *out, const char *pdf,
	size_t len, const struct pdf_objstm_extra *x)
{
	static const struct pdf_objstm_extra none;
	size_t start = out->len;

	if (x == NULL)
		x = &none;
	if (!pack(zd, pdf, len, x, out)) {
		bp_buf_truncate(out, start);
		if (x->n > 0)
			return false; /* the file would lack them */
		bp_buf_put(out, pdf, len);
	}
	return true;
}
