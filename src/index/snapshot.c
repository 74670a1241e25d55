/* Index snapshots: the whole index in one file, so a large hub is ready to
 * search without re-reading every node from the store.
 *
 * File format, integers little-endian (this build writes and reads only
 * little-endian machines' native order, checked by the magic):
 *
 *   u32 magic "PXIX"  u32 version  i64 stamp (store_last_revision() when saved)
 *   u64 counts: strings bytes, terms, postings bytes, stem groups, stem ids,
 *               stem key bytes, docs, title bytes, sorted terms
 *   strings    term texts back to back
 *   terms      per term: u32 str, len, df, last_doc, langs, post_len
 *   postings   every term's posting list, in term order
 *   stem keys  "lang:stem" texts back to back
 *   stems      per group: u32 key, klen, nids; then all ids (u32) in group order
 *   docs       per doc: i64 nid, u32 type, char language[4], u16 len[NFIELDS],
 *              u32 title length; then the titles back to back
 *   sorted     u32 term ids in byte order
 *   u64 total_len[NFIELDS], u64 nlive, the live bitmap: u32 count, then
 *              varint gaps (value - previous value - 1; the first: value)
 *   per facet field: u32 values; per value u32 value len, key len, the two
 *              strings, then the bitmap of its documents as above
 *   f32 imp_avg[NFIELDS], u32 long terms; per long term (struct term_big):
 *              u32 term id, the bitmap of its documents as above, u32 n and
 *              its n impact bytes, u32 skips and the skips (u32 off, doc1)
 *   u32 magic "PXIX" again: the file is whole
 *
 * A snapshot is written to a temporary file and renamed over the old one,
 * so a crash leaves the old snapshot or the new, never half of one. Reading
 * trusts nothing: every count and offset is checked against the file, and
 * a snapshot that fails any check is refused (the caller rebuilds). */
#include "index_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAGIC   0x58495850u /* "PXIX" */
#define VERSION 2u

enum {
	C_STRINGS,
	C_TERMS,
	C_POSTINGS,
	C_STEMS,
	C_STEM_IDS,
	C_STEM_KEYS,
	C_DOCS,
	C_TITLES,
	C_SORTED,
	NCOUNTS
};

struct disk_term {
	uint32_t str, len, df, last_doc, langs, post_len;
};

struct disk_doc {
	int64_t nid;
	uint32_t type;
	char language[4];
	uint16_t len[NFIELDS];
	uint32_t title_len;
};

/* ---- writing ---- */

struct out {
	FILE *f;
	int bad;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (!o->bad && n && fwrite(p, 1, n, o->f) != n)
		o->bad = 1;
}

static void put_u32(struct out *o, uint32_t v)
{
	put(o, &v, sizeof v);
}

static void put_u64(struct out *o, uint64_t v)
{
	put(o, &v, sizeof v);
}

/* A bitmap as its count and the gaps between its values (varints): our own
 * format, because a damaged CRoaring image is not safely readable. */
static void put_bitmap(struct out *o, const roaring_bitmap_t *b)
{
	put_u32(o, (uint32_t)roaring_bitmap_get_cardinality(b));
	roaring_uint32_iterator_t *it = roaring_create_iterator(b);
	if (!it) {
		o->bad = 1;
		return;
	}
	uint32_t prev = 0;
	for (int first = 1; it->has_value; roaring_advance_uint32_iterator(it), first = 0) {
		uint32_t gap = it->current_value - (first ? 0 : prev + 1);
		unsigned char v[5];
		size_t n = 0;
		do {
			v[n] = (unsigned char)(gap & 0x7f);
			gap >>= 7;
			v[n] |= gap ? 0x80 : 0;
			n++;
		} while (gap);
		put(o, v, n);
		prev = it->current_value;
	}
	roaring_free_uint32_iterator(it);
}

static void write_terms(struct out *o, const struct index *ix)
{
	size_t nt = term_count(ix);
	for (size_t i = 0; i < nt; i++) {
		const struct term *t = term_at(ix, (uint32_t)i);
		struct disk_term d = {t->str, t->len, t->df, t->last_doc, t->langs, (uint32_t)t->post.len};
		put(o, &d, sizeof d);
	}
	for (size_t i = 0; i < nt; i++)
		put(o, term_at(ix, (uint32_t)i)->post.data, term_at(ix, (uint32_t)i)->post.len);
}

static void write_stems(struct out *o, const struct index *ix)
{
	const struct stem_group *g = (const struct stem_group *)(const void *)ix->stems.data;
	size_t ng = ix->stems.len / sizeof *g;
	put(o, ix->stem_keys.data, ix->stem_keys.len);
	for (size_t i = 0; i < ng; i++) {
		put_u32(o, g[i].key);
		put_u32(o, g[i].klen);
		put_u32(o, (uint32_t)(g[i].ids.len / sizeof(uint32_t)));
	}
	for (size_t i = 0; i < ng; i++)
		put(o, g[i].ids.data, g[i].ids.len);
}

static void write_docs(struct out *o, const struct index *ix)
{
	size_t nd = doc_count(ix);
	for (size_t i = 0; i < nd; i++) {
		const struct doc *d = doc_at(ix, (uint32_t)i);
		struct disk_doc dd = {d->nid, (uint32_t)d->type, {0}, {0}, (uint32_t)strlen(d->title)};
		memcpy(dd.language, d->language, sizeof dd.language);
		memcpy(dd.len, d->len, sizeof dd.len);
		put(o, &dd, sizeof dd);
	}
	for (size_t i = 0; i < nd; i++)
		put(o, doc_at(ix, (uint32_t)i)->title, strlen(doc_at(ix, (uint32_t)i)->title));
}

static void write_facets(struct out *o, const struct index *ix)
{
	for (int f = 0; f < FACET_COUNT; f++) {
		size_t nv = facet_count(ix, (enum index_facet)f);
		put_u32(o, (uint32_t)nv);
		for (size_t i = 0; i < nv; i++) {
			const struct facet_value *v = facet_at(ix, (enum index_facet)f, (uint32_t)i);
			put_u32(o, (uint32_t)strlen(v->value));
			put_u32(o, (uint32_t)strlen(v->key));
			put(o, v->value, strlen(v->value));
			put(o, v->key, strlen(v->key));
			put_bitmap(o, v->docs);
		}
	}
}

static void write_bigs(struct out *o, const struct index *ix)
{
	put(o, ix->imp_avg, sizeof ix->imp_avg);
	put_u32(o, (uint32_t)(ix->bigs.len / sizeof(struct term_big)));
	for (size_t i = 0; i < term_count(ix); i++) {
		const struct term_big *b = term_big_at(ix, term_at(ix, (uint32_t)i));
		if (!b)
			continue;
		roaring_bitmap_t *docs = roaring_bitmap_copy(b->docs); /* with its tail */
		if (!docs) {
			o->bad = 1;
			return;
		}
		roaring_bitmap_add_many(docs, b->tail.len / sizeof(uint32_t),
					(const uint32_t *)(const void *)b->tail.data);
		put_u32(o, (uint32_t)i);
		put_bitmap(o, docs);
		roaring_bitmap_free(docs);
		put_u32(o, (uint32_t)b->imp.len);
		put(o, b->imp.data, b->imp.len);
		put_u32(o, (uint32_t)(b->skip.len / sizeof(struct skip)));
		put(o, b->skip.data, b->skip.len);
	}
}

static void write_all(struct out *o, const struct index *ix, int64_t stamp)
{
	uint64_t counts[NCOUNTS] = {0};
	counts[C_STRINGS] = ix->strings.len;
	counts[C_TERMS] = term_count(ix);
	for (size_t i = 0; i < term_count(ix); i++)
		counts[C_POSTINGS] += term_at(ix, (uint32_t)i)->post.len;
	counts[C_STEMS] = ix->stems.len / sizeof(struct stem_group);
	for (size_t i = 0; i < counts[C_STEMS]; i++)
		counts[C_STEM_IDS] +=
			((const struct stem_group *)(const void *)ix->stems.data)[i].ids.len / 4;
	counts[C_STEM_KEYS] = ix->stem_keys.len;
	counts[C_DOCS] = doc_count(ix);
	for (size_t i = 0; i < doc_count(ix); i++)
		counts[C_TITLES] += strlen(doc_at(ix, (uint32_t)i)->title);
	counts[C_SORTED] = ix->nsorted;
	put_u32(o, MAGIC);
	put_u32(o, VERSION);
	put_u64(o, (uint64_t)stamp);
	for (int i = 0; i < NCOUNTS; i++)
		put_u64(o, counts[i]);
	put(o, ix->strings.data, ix->strings.len);
	write_terms(o, ix);
	write_stems(o, ix);
	write_docs(o, ix);
	put(o, ix->sorted.data, ix->nsorted * sizeof(uint32_t));
	for (int f = 0; f < NFIELDS; f++)
		put_u64(o, ix->total_len[f]);
	put_u64(o, ix->nlive);
	put_bitmap(o, ix->live);
	write_facets(o, ix);
	write_bigs(o, ix);
	put_u32(o, MAGIC);
}

enum px_err index_save(const struct index *ix, const char *path, int64_t stamp)
{
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return PX_EUSAGE;
	struct out o = {fopen(tmp, "wb"), 0};
	if (!o.f)
		return PX_EIO;
	write_all(&o, ix, stamp);
	if (fflush(o.f) || fsync(fileno(o.f)))
		o.bad = 1;
	int saved = errno;
	if (fclose(o.f))
		o.bad = 1;
	if (o.bad || rename(tmp, path)) {
		unlink(tmp);
		errno = saved;
		return PX_EIO;
	}
	return PX_OK;
}

/* ---- reading ---- */

struct in {
	const unsigned char *p, *end;
	int bad;
};

static const void *take(struct in *c, uint64_t n)
{
	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = 1;
		return NULL;
	}
	const void *r = c->p;
	c->p += n;
	return r;
}

/* take() of count items of size bytes, without overflowing the product. */
static const void *take_array(struct in *c, uint64_t count, size_t size)
{
	if (c->bad || count > (uint64_t)(c->end - c->p) / size) {
		c->bad = 1;
		return NULL;
	}
	return take(c, count * size);
}

/* Reads n bytes into v (zeroed when the file ends first). */
static void get(struct in *c, void *v, size_t n)
{
	const void *p = take(c, n);
	if (p)
		memcpy(v, p, n);
	else
		memset(v, 0, n);
}

static uint32_t get_u32(struct in *c)
{
	uint32_t v;
	get(c, &v, sizeof v);
	return v;
}

static uint64_t get_u64(struct in *c)
{
	uint64_t v;
	get(c, &v, sizeof v);
	return v;
}

/* Reads put_bitmap()'s format; every value must be below limit. */
static roaring_bitmap_t *get_bitmap(struct in *c, uint64_t limit)
{
	uint32_t count = get_u32(c);
	if (c->bad || count > limit ||
	    count > (uint64_t)(c->end - c->p)) { /* a value takes a byte at least */
		c->bad = 1;
		return NULL;
	}
	roaring_bitmap_t *b = roaring_bitmap_create();
	uint64_t next = 0; /* the smallest value the next one may be */
	uint32_t batch[1024]; /* added many at a time: one by one is slow */
	size_t nb = 0;
	for (uint32_t i = 0; b && !c->bad && i < count; i++) {
		uint64_t gap = 0;
		for (unsigned shift = 0;; shift += 7) {
			const unsigned char *p = take(c, 1);
			if (!p || shift > 28) {
				c->bad = 1;
				break;
			}
			gap |= (uint64_t)(*p & 0x7f) << shift;
			if (!(*p & 0x80))
				break;
		}
		next += gap;
		if (next >= limit) {
			c->bad = 1;
			break;
		}
		batch[nb++] = (uint32_t)next++;
		if (nb == sizeof batch / sizeof batch[0] || i + 1 == count) {
			roaring_bitmap_add_many(b, nb, batch);
			nb = 0;
		}
	}
	if (b && c->bad) {
		roaring_bitmap_free(b);
		b = NULL;
	}
	if (!b)
		c->bad = 1;
	return b;
}

static enum px_err read_terms(struct in *c, struct index *ix, const uint64_t *n)
{
	const unsigned char *dt = take_array(c, n[C_TERMS], sizeof(struct disk_term));
	const unsigned char *post = take(c, n[C_POSTINGS]);
	if (c->bad || buf_reserve(&ix->terms, n[C_TERMS] * sizeof(struct term)))
		return c->bad ? PX_EPARSE : PX_ENOMEM;
	uint64_t off = 0;
	for (uint64_t i = 0; i < n[C_TERMS]; i++) {
		struct disk_term d;
		memcpy(&d, dt + i * sizeof d, sizeof d);
		if ((uint64_t)d.str + d.len > n[C_STRINGS] || d.len == 0 || d.len > TEXT_TOKEN_MAX * 2 ||
		    d.post_len > n[C_POSTINGS] - off)
			return PX_EPARSE;
		struct term t = {d.str, d.len, d.df, d.last_doc, d.langs, 0, {0}};
		buf_init(&t.post, BUF_CAP_DEFAULT);
		if (buf_add(&t.post, post + off, d.post_len) || buf_add(&ix->terms, &t, sizeof t)) {
			buf_free(&t.post);
			return PX_ENOMEM;
		}
		off += d.post_len;
		if (strmap_put(&ix->term_ids, term_text(ix, (uint32_t)i), d.len, (uint32_t)i))
			return PX_ENOMEM;
	}
	return off == n[C_POSTINGS] ? PX_OK : PX_EPARSE;
}

static enum px_err read_stems(struct in *c, struct index *ix, const uint64_t *n)
{
	const void *keys = take(c, n[C_STEM_KEYS]);
	const unsigned char *gs = take_array(c, n[C_STEMS], 12);
	const unsigned char *ids = take_array(c, n[C_STEM_IDS], 4);
	if (c->bad || buf_add(&ix->stem_keys, keys, n[C_STEM_KEYS]))
		return c->bad ? PX_EPARSE : PX_ENOMEM;
	uint64_t at = 0;
	for (uint64_t i = 0; i < n[C_STEMS]; i++) {
		uint32_t d[3];
		memcpy(d, gs + i * 12, 12);
		if ((uint64_t)d[0] + d[1] > n[C_STEM_KEYS] || d[2] > n[C_STEM_IDS] - at)
			return PX_EPARSE;
		struct stem_group g = {d[0], d[1], {0}};
		buf_init(&g.ids, BUF_CAP_DEFAULT);
		for (uint32_t k = 0; k < d[2]; k++) {
			uint32_t id;
			memcpy(&id, ids + (at + k) * 4, 4);
			if (id >= n[C_TERMS] || buf_add(&g.ids, &id, 4)) {
				buf_free(&g.ids);
				return id >= n[C_TERMS] ? PX_EPARSE : PX_ENOMEM;
			}
		}
		at += d[2];
		if (buf_add(&ix->stems, &g, sizeof g)) {
			buf_free(&g.ids);
			return PX_ENOMEM;
		}
		if (strmap_put(&ix->stem_ids, ix->stem_keys.data + d[0], d[1], (uint32_t)i))
			return PX_ENOMEM;
	}
	return PX_OK;
}

static enum px_err read_docs(struct in *c, struct index *ix, const uint64_t *n)
{
	const unsigned char *dd = take_array(c, n[C_DOCS], sizeof(struct disk_doc));
	const char *titles = take(c, n[C_TITLES]);
	if (c->bad || buf_reserve(&ix->docs, n[C_DOCS] * sizeof(struct doc)))
		return c->bad ? PX_EPARSE : PX_ENOMEM;
	uint64_t off = 0;
	for (uint64_t i = 0; i < n[C_DOCS]; i++) {
		struct disk_doc d;
		memcpy(&d, dd + i * sizeof d, sizeof d);
		if (d.title_len > n[C_TITLES] - off || (d.type != NODE_PRACTICE && d.type != NODE_ARTICLE) ||
		    d.language[3])
			return PX_EPARSE;
		struct doc doc = {
			d.nid, (enum node_type)d.type, {0}, {0}, px_strndup(titles + off, d.title_len)};
		memcpy(doc.language, d.language, sizeof doc.language);
		memcpy(doc.len, d.len, sizeof doc.len);
		off += d.title_len;
		if (!doc.title || buf_add(&ix->docs, &doc, sizeof doc)) {
			free(doc.title);
			return PX_ENOMEM;
		}
	}
	return off == n[C_TITLES] ? PX_OK : PX_EPARSE;
}

static enum px_err read_facets(struct in *c, struct index *ix)
{
	for (int f = 0; f < FACET_COUNT; f++) {
		uint32_t nv = get_u32(c);
		for (uint32_t i = 0; !c->bad && i < nv; i++) {
			uint32_t lv = get_u32(c), lk = get_u32(c);
			const char *v = take(c, lv), *k = take(c, lk);
			if (c->bad || !lv || !lk || memchr(v, 0, lv) || memchr(k, 0, lk))
				return PX_EPARSE;
			struct facet_value fv = {px_strndup(v, lv), px_strndup(k, lk),
						 get_bitmap(c, doc_count(ix))};
			if (!fv.value || !fv.key || !fv.docs || buf_add(&ix->facets[f], &fv, sizeof fv)) {
				free(fv.value);
				free(fv.key);
				if (fv.docs)
					roaring_bitmap_free(fv.docs);
				return c->bad ? PX_EPARSE : PX_ENOMEM;
			}
			if (strmap_put(&ix->facet_ids[f], fv.key, lk, i))
				return PX_ENOMEM;
		}
	}
	return c->bad ? PX_EPARSE : PX_OK;
}

/* One long term's bitmap, impacts and skips, checked against each other
 * and its posting list. */
static enum px_err read_big(struct in *c, struct index *ix)
{
	uint32_t id = get_u32(c);
	if (c->bad || id >= term_count(ix) || term_at(ix, id)->big || term_at(ix, id)->df < TERM_BIG)
		return PX_EPARSE;
	struct term *t = term_at(ix, id);
	struct term_big b = {get_bitmap(c, doc_count(ix)), {0}, {0}, {0}};
	buf_init(&b.tail, BUF_CAP_DEFAULT);
	buf_init(&b.imp, BUF_CAP_DEFAULT);
	buf_init(&b.skip, BUF_CAP_DEFAULT);
	uint32_t nimp = get_u32(c);
	const void *imp = take(c, nimp);
	uint32_t nskip = get_u32(c);
	const struct skip *sk = take_array(c, nskip, sizeof(struct skip));
	enum px_err err = c->bad || !b.docs || roaring_bitmap_get_cardinality(b.docs) != nimp ||
				  nskip != (nimp + TERM_SKIP - 1) / TERM_SKIP
			  ? PX_EPARSE
			  : PX_OK;
	for (uint32_t j = 0; !err && j < nskip; j++) {
		struct skip one, prev = {0, 0};
		memcpy(&one, sk + j, sizeof one);
		if (j)
			memcpy(&prev, sk + j - 1, sizeof prev);
		if (one.off > t->post.len || (j && (one.off <= prev.off || one.doc1 <= prev.doc1)))
			err = PX_EPARSE;
	}
	if (!err && (buf_add(&b.imp, imp, nimp) || buf_add(&b.skip, sk, (size_t)nskip * sizeof *sk) ||
		     buf_add(&ix->bigs, &b, sizeof b)))
		err = PX_ENOMEM;
	if (err) {
		if (b.docs)
			roaring_bitmap_free(b.docs);
		buf_free(&b.imp);
		buf_free(&b.skip);
		return err;
	}
	t->big = (uint32_t)(ix->bigs.len / sizeof b);
	return PX_OK;
}

static enum px_err read_bigs(struct in *c, struct index *ix)
{
	get(c, ix->imp_avg, sizeof ix->imp_avg);
	for (int f = 0; f < NFIELDS; f++)
		if (!(ix->imp_avg[f] >= 0 && ix->imp_avg[f] < 1e9f)) /* NaN fails too */
			return PX_EPARSE;
	uint32_t n = get_u32(c);
	if (c->bad || n > term_count(ix))
		return PX_EPARSE;
	enum px_err err = PX_OK;
	for (uint32_t i = 0; !err && i < n; i++)
		err = read_big(c, ix);
	return err;
}

/* Every docno named by the postings, the live bitmap and the facets must be
 * a document; every sorted id a term; the nid map is rebuilt here. */
static enum px_err finish(struct index *ix)
{
	size_t nd = doc_count(ix);
	if (roaring_bitmap_get_cardinality(ix->live) != ix->nlive ||
	    (ix->nlive && roaring_bitmap_maximum(ix->live) >= nd))
		return PX_EPARSE;
	for (size_t i = 0; i < term_count(ix); i++)
		if (term_at(ix, (uint32_t)i)->last_doc > nd)
			return PX_EPARSE;
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	for (size_t i = 0; i < ix->nsorted; i++)
		if (ids[i] >= term_count(ix))
			return PX_EPARSE;
	roaring_uint32_iterator_t *it = roaring_create_iterator(ix->live);
	enum px_err err = it ? PX_OK : PX_ENOMEM;
	for (; !err && it->has_value; roaring_advance_uint32_iterator(it))
		err = index_nid_set(ix, doc_at(ix, it->current_value)->nid, (uint64_t)it->current_value + 1);
	roaring_free_uint32_iterator(it);
	if (!err)
		err = index_sorted_heads(ix);
	return err ? err : posting_refresh(ix); /* any long term the file lacks */
}

static enum px_err read_all(struct in *c, struct index *ix, int64_t *stamp)
{
	if (get_u32(c) != MAGIC || get_u32(c) != VERSION)
		return PX_EPARSE;
	*stamp = (int64_t)get_u64(c);
	uint64_t n[NCOUNTS];
	for (int i = 0; i < NCOUNTS; i++)
		n[i] = get_u64(c);
	if (c->bad || n[C_TERMS] >= UINT32_MAX || n[C_DOCS] >= UINT32_MAX || n[C_SORTED] > n[C_TERMS] ||
	    n[C_STRINGS] >= UINT32_MAX || n[C_STEM_KEYS] >= UINT32_MAX)
		return PX_EPARSE;
	const void *strings = take(c, n[C_STRINGS]);
	if (c->bad || buf_add(&ix->strings, strings, n[C_STRINGS]))
		return c->bad ? PX_EPARSE : PX_ENOMEM;
	enum px_err err = read_terms(c, ix, n);
	if (!err)
		err = read_stems(c, ix, n);
	if (!err)
		err = read_docs(c, ix, n);
	const void *sorted = err ? NULL : take_array(c, n[C_SORTED], 4);
	if (!err && (c->bad || buf_add(&ix->sorted, sorted, n[C_SORTED] * 4)))
		err = c->bad ? PX_EPARSE : PX_ENOMEM;
	ix->nsorted = (size_t)n[C_SORTED];
	for (int f = 0; !err && f < NFIELDS; f++)
		ix->total_len[f] = get_u64(c);
	ix->nlive = (size_t)get_u64(c);
	if (!err) {
		roaring_bitmap_free(ix->live);
		ix->live = get_bitmap(c, doc_count(ix));
		if (!ix->live)
			return PX_EPARSE; /* index_free() tolerates a NULL live */
	}
	if (!err)
		err = read_facets(c, ix);
	if (!err)
		err = read_bigs(c, ix);
	if (!err && (get_u32(c) != MAGIC || c->bad || c->p != c->end))
		err = PX_EPARSE;
	return err ? err : finish(ix);
}

enum px_err index_read_mem(const void *data, size_t len, struct index **out, int64_t *stamp)
{
	struct index *ix = index_new();
	if (!ix)
		return PX_ENOMEM;
	struct in c = {data, (const unsigned char *)data + len, 0};
	enum px_err err = read_all(&c, ix, stamp);
	if (err) {
		index_free(ix);
		return err;
	}
	*out = ix;
	return PX_OK;
}

enum px_err index_read(const char *path, struct index **out, int64_t *stamp)
{
	struct buf file;
	buf_init(&file, (size_t)1 << 36);
	enum px_err err = buf_read_file(&file, path);
	if (!err)
		err = index_read_mem(file.data ? file.data : "", file.len, out, stamp);
	buf_free(&file);
	return err;
}

/* ---- a store's index ---- */

struct catch_up {
	struct index *ix;
	struct store *st;
	enum px_err err;
	size_t count;
};

static int catch_one(int64_t nid, void *arg)
{
	struct catch_up *c = arg;
	struct node *n = NULL;
	c->err = store_node_get(c->st, nid, &n);
	if (c->err == PX_ENOTFOUND) { /* removed from the store */
		c->err = index_remove(c->ix, nid);
		if (c->err == PX_ENOTFOUND)
			c->err = PX_OK;
	} else if (!c->err) {
		c->err = index_put(c->ix, n);
	}
	node_free(n);
	c->count++;
	return c->err != PX_OK;
}

enum px_err index_open(struct store *st, const char *path, struct index **out, int *fresh)
{
	int64_t last = store_last_revision(st), stamp = 0;
	struct index *ix = NULL;
	*fresh = 1;
	if (last < 0)
		return PX_ESTORE;
	if (path && index_read(path, &ix, &stamp) == PX_OK && stamp <= last) {
		struct catch_up c = {ix, st, PX_OK, 0};
		enum px_err err = store_changed_since(st, stamp, catch_one, &c);
		if (!err)
			err = c.err ? c.err : index_flush(ix);
		if (!err) {
			*fresh = c.count > 0;
			*out = ix;
			return PX_OK;
		}
	}
	index_free(ix); /* missing, damaged, ahead of the store, or failed to catch up: rebuild */
	if (!(ix = index_new()))
		return PX_ENOMEM;
	enum px_err err = index_load(ix, st);
	if (err) {
		index_free(ix);
		return err;
	}
	*out = ix;
	return PX_OK;
}
