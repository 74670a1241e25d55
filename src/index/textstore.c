/* The text store: per document, what a search page shows of it (its card's
 * fields and the text its snippet is cut from), compressed one record at a
 * time, so that a search page and the API's search read no store (on
 * PostgreSQL each read was a round trip).
 *
 * A record is deflated raw (zlib, no header) with a preset dictionary made
 * from the hub's own frequent words and values: a record of a few hundred
 * bytes has too little text to find its repetitions alone. Records are
 * inflated one at a time when a page shows them, never at load: a snapshot's
 * records stay in the mapped file, read when touched.
 *
 * Record: u8 method (0: stored, 1: raw deflate with the dictionary), varint
 * length of the content, then the content, stored or deflated.
 * Content:
 *   varint n, n bytes   the snippet text: subtitle, section texts, body, one
 *                       per line (store_node_text()'s form, byte for byte)
 *   per card field of the type's table (node_fields()), in its order: u8 0
 *   (unset) or 1 and the value:
 *     FK_STRING, FK_DATE, FK_LANGUAGE   varint n, n bytes
 *     FK_TEXT                           the same, of its first line only: a
 *                                       card shows that line's lead
 *     FK_INT                            8 bytes, the int64_t
 *     FK_REAL                           8 bytes, the double
 *     FK_STRINGS                        varint items, then each as a string
 * Card fields are those a card shows: not private, not sections, objects or
 * nids (node_values.c's brief form).
 *
 * Snapshot section (snapshot.c places it after the profiles, 8-aligned):
 *   u64 documents, u64 dictionary bytes (at most TEXTSTORE_DICT_MAX), u64 data bytes
 *   the dictionary; padding to 8
 *   u64 offsets[documents + 1]: from 0, non-decreasing, the last = data bytes
 *   the records back to back (data); padding to 8
 * Reading checks the counts and offsets; a record is checked when it is
 * read (a damaged one is PX_EPARSE, and the caller reads the store). */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CONTENT_MAX    ((size_t)64 << 20) /* a record's content, at most: nodes are far smaller */
#define METHOD_STORED  0
#define METHOD_DEFLATE 1

void textstore_init(struct textstore *ts)
{
	buf_init(&ts->offs, (size_t)UINT32_MAX * 8);
	buf_init(&ts->base, 0);
	buf_init(&ts->tail, SIZE_MAX / 2);
	buf_init(&ts->dict, TEXTSTORE_DICT_MAX);
	ts->raw = 0;
}

void textstore_free(struct textstore *ts)
{
	buf_free(&ts->offs);
	buf_free(&ts->base);
	buf_free(&ts->tail);
	buf_free(&ts->dict);
}

static const uint64_t *offsets(const struct textstore *ts)
{
	return (const uint64_t *)(const void *)ts->offs.data;
}

size_t textstore_count(const struct textstore *ts)
{
	return ts->offs.len ? ts->offs.len / 8 - 1 : 0;
}

const unsigned char *textstore_record(const struct textstore *ts, uint32_t docno, size_t *n)
{
	*n = 0;
	if (docno >= textstore_count(ts))
		return NULL;
	uint64_t from = offsets(ts)[docno], to = offsets(ts)[docno + 1];
	*n = (size_t)(to - from);
	if (from >= ts->base.len)
		return (const unsigned char *)ts->tail.data + (from - ts->base.len);
	return (const unsigned char *)ts->base.data + from;
}

/* ---- writing records ---- */

static enum px_err put_varint(struct buf *b, uint64_t v)
{
	unsigned char p[10];
	size_t n = 0;
	do {
		p[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return buf_add(b, p, n);
}

static enum px_err put_string(struct buf *b, const char *s, size_t n)
{
	enum px_err err = put_varint(b, n);
	return err ? err : buf_add(b, s, n);
}

/* store_node_text()'s text of n: subtitle, the sections' texts joined by
 * "\n", body, each that is there followed by "\n". */
static enum px_err put_snippet_text(struct buf *content, const struct node *n)
{
	struct buf t;
	buf_init(&t, CONTENT_MAX);
	enum px_err err = n->subtitle ? buf_printf(&t, "%s\n", n->subtitle) : PX_OK;
	for (size_t i = 0; !err && i < node_section_count(n); i++)
		err = buf_printf(&t, "%s%s", i ? "\n" : "", node_section(n, i)->text);
	if (!err && node_section_count(n))
		err = buf_addc(&t, '\n');
	if (!err && n->body)
		err = buf_printf(&t, "%s\n", n->body);
	if (!err)
		err = put_string(content, t.data ? t.data : "", t.len);
	buf_free(&t);
	return err;
}

static int card_field(const struct field *f)
{
	if (f->flags & FIELD_PRIVATE)
		return 0;
	return f->kind == FK_STRING || f->kind == FK_TEXT || f->kind == FK_DATE || f->kind == FK_INT ||
	       f->kind == FK_REAL || f->kind == FK_LANGUAGE || f->kind == FK_STRINGS;
}

static enum px_err put_value(struct buf *b, const struct node *n, const struct field *f)
{
	const void *at = FIELD_CONST(n, f);
	const char *s = *(char *const *)at;
	const struct strlist *l = at;
	enum px_err err = PX_OK;
	switch (f->kind) {
	case FK_STRING:
	case FK_DATE:
		return put_string(b, s, strlen(s));
	case FK_TEXT:
		return put_string(b, s, strcspn(s, "\n"));
	case FK_LANGUAGE:
		return put_string(b, at, strnlen(at, 3));
	case FK_INT:
	case FK_REAL:
		return buf_add(b, at, 8);
	case FK_STRINGS:
		err = put_varint(b, strlist_len(l));
		for (size_t i = 0; !err && i < strlist_len(l); i++)
			err = put_string(b, strlist_get(l, i), strlen(strlist_get(l, i)));
		return err;
	default:
		return PX_EUSAGE; /* card_field() lets no other kind through */
	}
}

static enum px_err put_content(struct buf *b, const struct node *n)
{
	enum px_err err = put_snippet_text(b, n);
	for (const struct field *f = node_fields(n->type); !err && f && f->key; f++) {
		if (!card_field(f))
			continue;
		int set = field_is_set(n, f);
		err = buf_addc(b, (char)set);
		if (!err && set)
			err = put_value(b, n, f);
	}
	return err;
}

/* Appends content[0..n) deflated with dict to out. */
static enum px_err deflate_into(struct buf *out, const void *content, size_t n, const struct buf *dict)
{
	z_stream z = {0};
	if (deflateInit2(&z, TEXTSTORE_LEVEL, Z_DEFLATED, -15, TEXTSTORE_MEM_LEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return PX_ENOMEM;
	enum px_err err = PX_OK;
	if (dict->len && deflateSetDictionary(&z, (const Bytef *)dict->data, (uInt)dict->len) != Z_OK)
		err = PX_ENOMEM;
	uLong bound = deflateBound(&z, (uLong)n);
	if (!err)
		err = buf_reserve(out, bound);
	if (!err) {
		z.next_in = (Bytef *)(uintptr_t)content;
		z.avail_in = (uInt)n;
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = (uInt)bound;
		if (deflate(&z, Z_FINISH) != Z_STREAM_END)
			err = PX_ENOMEM;
		else
			out->len += z.total_out;
	}
	deflateEnd(&z);
	return err;
}

/* Appends the record of content (method, length, bytes) to out. */
static enum px_err put_record(struct buf *out, const struct buf *content, const struct buf *dict)
{
	int method = dict->len ? METHOD_DEFLATE : METHOD_STORED;
	size_t was = out->len;
	enum px_err err = buf_addc(out, (char)method);
	if (!err)
		err = put_varint(out, content->len);
	if (!err)
		err = method == METHOD_DEFLATE ? deflate_into(out, content->data, content->len, dict)
					       : buf_add(out, content->data, content->len);
	if (err)
		out->len = was;
	return err;
}

static enum px_err offset_add(struct textstore *ts)
{
	uint64_t end = ts->base.len + ts->tail.len, zero = 0;
	if (!ts->offs.len && buf_add(&ts->offs, &zero, 8))
		return PX_ENOMEM;
	return buf_add(&ts->offs, &end, 8);
}

static enum px_err put_none(struct textstore *ts)
{
	enum px_err err = offset_add(ts);
	if (!err && !ts->dict.len)
		ts->raw++; /* in the run of stored records: passed over with them */
	return err;
}

enum px_err textstore_put(struct textstore *ts, uint32_t docno, const struct node *n)
{
	if (docno < textstore_count(ts))
		return PX_EUSAGE;
	while (textstore_count(ts) < docno)
		if (put_none(ts))
			return PX_ENOMEM;
	struct buf content;
	buf_init(&content, CONTENT_MAX);
	size_t was = ts->tail.len;
	enum px_err err = put_content(&content, n);
	if (!err)
		err = put_record(&ts->tail, &content, &ts->dict);
	if (!err && (err = offset_add(ts)))
		ts->tail.len = was;
	buf_free(&content);
	if (err)
		return err;
	if (!ts->dict.len)
		ts->raw++;
	return ts->raw >= TEXTSTORE_SAMPLE ? textstore_flush(ts) : PX_OK;
}

/* ---- reading records ---- */

struct cur {
	const unsigned char *p, *end;
	int bad;
};

/* A cursor over b's bytes. An empty buf may have no data at all, and
 * arithmetic on a null pointer is undefined even by zero: point at a
 * static empty byte instead. */
static struct cur cursor_of(const struct buf *b)
{
	static const unsigned char none[1];
	const unsigned char *p = b->data ? (const unsigned char *)b->data : none;
	return (struct cur){p, p + (b->data ? b->len : 0), 0};
}

static uint64_t get_varint(struct cur *c)
{
	uint64_t v = 0;
	for (unsigned shift = 0; !c->bad && shift < 64; shift += 7) {
		if (c->p >= c->end)
			break;
		unsigned char b = *c->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	c->bad = 1;
	return 0;
}

static const unsigned char *get_bytes(struct cur *c, uint64_t n)
{
	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = 1;
		return NULL;
	}
	const unsigned char *p = c->p;
	c->p += n;
	return p;
}

static enum px_err inflate_into(struct buf *out, const unsigned char *p, size_t n, size_t len,
				const struct buf *dict)
{
	z_stream z = {0};
	if (inflateInit2(&z, -15) != Z_OK)
		return PX_ENOMEM;
	enum px_err err = buf_reserve(out, len);
	if (!err && dict->len && inflateSetDictionary(&z, (const Bytef *)dict->data, (uInt)dict->len) != Z_OK)
		err = PX_EPARSE;
	if (!err) {
		z.next_in = (Bytef *)(uintptr_t)p;
		z.avail_in = (uInt)n;
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = (uInt)len;
		int rc = inflate(&z, Z_FINISH);
		if (rc != Z_STREAM_END || z.total_out != len || z.avail_in)
			err = PX_EPARSE;
		else
			out->len += len;
		out->data[out->len] = '\0';
	}
	inflateEnd(&z);
	return err;
}

/* docno's content into out (emptied first). */
static enum px_err content_of(const struct textstore *ts, uint32_t docno, struct buf *out)
{
	size_t n;
	const unsigned char *rec = textstore_record(ts, docno, &n);
	if (!n)
		return PX_ENOTFOUND;
	struct cur c = {rec + 1, rec + n, 0};
	uint64_t len = get_varint(&c);
	if (c.bad || len > CONTENT_MAX)
		return PX_EPARSE;
	buf_reset(out);
	if (rec[0] == METHOD_STORED) {
		const unsigned char *p = get_bytes(&c, len);
		return p && c.p == c.end ? buf_add(out, p, (size_t)len) : PX_EPARSE;
	}
	if (rec[0] != METHOD_DEFLATE || !ts->dict.len)
		return PX_EPARSE;
	return inflate_into(out, c.p, (size_t)(c.end - c.p), (size_t)len, &ts->dict);
}

enum px_err textstore_text(const struct textstore *ts, uint32_t docno, struct buf *out)
{
	struct buf content;
	buf_init(&content, CONTENT_MAX);
	enum px_err err = content_of(ts, docno, &content);
	struct cur c = cursor_of(&content);
	uint64_t n = err ? 0 : get_varint(&c);
	const unsigned char *text = err ? NULL : get_bytes(&c, n);
	if (!err)
		err = text ? buf_add(out, text, (size_t)n) : PX_EPARSE;
	buf_free(&content);
	return err;
}

/* A string value into a new C string at *field. */
static enum px_err get_string(struct cur *c, char **field)
{
	uint64_t n = get_varint(c);
	const unsigned char *s = get_bytes(c, n);
	return s ? node_set(field, (const char *)s, (size_t)n) : PX_EPARSE;
}

static enum px_err get_value(struct cur *c, struct node *n, const struct field *f)
{
	void *at = FIELD_AT(n, f);
	const unsigned char *p;
	uint64_t items, len;
	enum px_err err = PX_OK;
	switch (f->kind) {
	case FK_STRING:
	case FK_DATE:
	case FK_TEXT:
		return get_string(c, at);
	case FK_LANGUAGE:
		len = get_varint(c);
		if (len > 3 || !(p = get_bytes(c, len)))
			return PX_EPARSE;
		memset(at, 0, 4);
		memcpy(at, p, (size_t)len);
		return PX_OK;
	case FK_INT:
	case FK_REAL:
		if (!(p = get_bytes(c, 8)))
			return PX_EPARSE;
		memcpy(at, p, 8);
		return PX_OK;
	case FK_STRINGS:
		items = get_varint(c);
		for (uint64_t i = 0; !err && !c->bad && i < items; i++) {
			len = get_varint(c);
			p = get_bytes(c, len);
			err = p ? strlist_add(at, (const char *)p, (size_t)len) : PX_EPARSE;
		}
		return c->bad ? PX_EPARSE : err;
	default:
		return PX_EPARSE;
	}
}

static enum px_err get_card(struct cur *c, struct node *n)
{
	uint64_t text = get_varint(c);
	get_bytes(c, text); /* the snippet's: textstore_text() reads it */
	enum px_err err = c->bad ? PX_EPARSE : PX_OK;
	for (const struct field *f = node_fields(n->type); !err && f && f->key; f++) {
		if (!card_field(f))
			continue;
		const unsigned char *set = get_bytes(c, 1);
		if (!set || *set > 1)
			return PX_EPARSE;
		if (*set)
			err = get_value(c, n, f);
	}
	return err ? err : c->p == c->end && !c->bad ? PX_OK : PX_EPARSE;
}

enum px_err textstore_card(const struct textstore *ts, uint32_t docno, int64_t nid, enum node_type type,
			   struct node **out)
{
	struct buf content;
	buf_init(&content, CONTENT_MAX);
	struct node *n = node_fields(type) ? node_new(type) : NULL;
	enum px_err err = !node_fields(type) ? PX_EPARSE : !n ? PX_ENOMEM : content_of(ts, docno, &content);
	struct cur c = cursor_of(&content);
	if (!err)
		err = get_card(&c, n);
	buf_free(&content);
	if (err) {
		node_free(n);
		return err;
	}
	n->nid = nid;
	n->state = NODE_PUBLISHED; /* the index holds no other */
	*out = n;
	return PX_OK;
}

/* ---- the dictionary ---- */

/* The contents of records [first, count) back to back into all, with
 * where each ends in ends (size_t per record; an empty record is empty). */
static enum px_err contents_since(const struct textstore *ts, size_t first, struct buf *all, struct buf *ends)
{
	struct buf one;
	buf_init(&one, CONTENT_MAX);
	enum px_err err = PX_OK;
	for (size_t i = first; !err && i < textstore_count(ts); i++) {
		err = content_of(ts, (uint32_t)i, &one);
		if (err == PX_ENOTFOUND) {
			err = PX_OK;
			buf_reset(&one);
		}
		if (!err)
			err = buf_add(all, one.data, one.len);
		if (!err)
			err = buf_add(ends, &all->len, sizeof all->len);
	}
	buf_free(&one);
	return err;
}

/* Compresses again records [first, count), stored until now, with the
 * dictionary: tail and offsets rewritten from first on. An empty record
 * (no content: a real one has at least its text's length) stays empty. */
static enum px_err recompress(struct textstore *ts, size_t first, const struct buf *all, const size_t *ends)
{
	uint64_t *offs = (uint64_t *)(void *)ts->offs.data;
	size_t count = textstore_count(ts);
	uint64_t *ends_new = malloc((count - first) * sizeof *ends_new);
	struct buf tail, one;
	buf_init(&tail, ts->tail.cap);
	buf_init(&one, 0); /* buf_borrow() lets go of what it held */
	enum px_err err =
		!ends_new ? PX_ENOMEM : buf_add(&tail, ts->tail.data, (size_t)(offs[first] - ts->base.len));
	for (size_t i = first, from = 0; !err && i < count; from = ends[i++ - first]) {
		size_t n = ends[i - first] - from;
		buf_borrow(&one, all->data + from, n);
		if (n)
			err = put_record(&tail, &one, &ts->dict);
		ends_new[i - first] = ts->base.len + tail.len;
	}
	if (!err) { /* all or nothing */
		memcpy(offs + first + 1, ends_new, (count - first) * sizeof *ends_new);
		buf_free(&ts->tail);
		ts->tail = tail;
	} else {
		buf_free(&tail);
	}
	free(ends_new);
	return err;
}

enum px_err textstore_flush(struct textstore *ts)
{
	if (ts->dict.len || !ts->raw)
		return PX_OK;
	size_t first = textstore_count(ts) - ts->raw;
	struct buf all, ends;
	buf_init(&all, SIZE_MAX / 2);
	buf_init(&ends, BUF_CAP_DEFAULT);
	enum px_err err = contents_since(ts, first, &all, &ends);
	size_t sample = ts->raw < TEXTSTORE_SAMPLE ? ts->raw : TEXTSTORE_SAMPLE;
	if (!err)
		err = textstore_dict_build(&ts->dict, &all, (const size_t *)(const void *)ends.data, sample);
	if (!err && !ts->dict.len) /* nothing shared: a dictionary of one byte still marks it made */
		err = buf_addc(&ts->dict, ' ');
	if (!err)
		err = recompress(ts, first, &all, (const size_t *)(const void *)ends.data);
	if (!err)
		ts->raw = 0;
	else
		buf_reset(&ts->dict);
	buf_free(&all);
	buf_free(&ends);
	return err;
}

enum px_err index_card(const struct index *ix, int64_t nid, struct node **out)
{
	uint32_t docno;
	if (index_docno(ix, nid, &docno) || docno >= doc_count(ix))
		return PX_ENOTFOUND; /* never indexed, or removed */
	const struct doc *d = doc_at(ix, docno);
	return textstore_card(&ix->text, docno, nid, d->type, out);
}

/* ---- reading the snapshot section (written by textdict.c) ---- */

static uint64_t get_u64(struct cur *c)
{
	uint64_t v = 0;
	const unsigned char *p = get_bytes(c, 8);
	if (p)
		memcpy(&v, p, 8);
	return v;
}

/* The offsets are checked here; records when they are read. */
enum px_err textstore_read(struct textstore *ts, const unsigned char *p, size_t n, size_t ndocs, size_t *used)
{
	struct cur c = {p, p + n, 0};
	uint64_t docs = get_u64(&c), dict = get_u64(&c), data = get_u64(&c);
	if (c.bad || docs != ndocs || dict > TEXTSTORE_DICT_MAX || data > n)
		return PX_EPARSE;
	const void *d = get_bytes(&c, dict);
	get_bytes(&c, (8 - dict % 8) % 8);
	const uint64_t *offs = (const void *)get_bytes(&c, (docs + 1) * 8); /* docs < UINT32_MAX */
	const void *records = get_bytes(&c, data);
	get_bytes(&c, (8 - data % 8) % 8);
	if (c.bad || offs[0] != 0 || offs[docs] != data)
		return PX_EPARSE;
	for (uint64_t i = 0; i < docs; i++)
		if (offs[i] > offs[i + 1])
			return PX_EPARSE;
	buf_borrow(&ts->dict, d, dict);
	buf_borrow(&ts->offs, offs, (docs + 1) * 8);
	buf_borrow(&ts->base, records, data);
	ts->raw = 0;
	*used = (size_t)(c.p - p);
	return PX_OK;
}
