/* Index snapshots: the whole index in one file, so a large hub is ready to
 * search without re-reading every node from the store.
 *
 * A snapshot is read by mapping it (private, copy-on-write) and leaving the
 * bulky parts where they lie: the posting lists, term texts, stem ids,
 * sorted ids, impacts and skips become borrowed buffers (core.h) that are
 * copied only when the index changes them. What is rebuilt is small per
 * term: its struct, whose hash table slots are themselves stored.
 *
 * File format, integers little-endian (this build writes and reads only
 * little-endian machines' native order, checked by the magic); every
 * section named "aligned" starts at a multiple of 8 bytes (zero padding):
 *
 *   u32 magic "PXIX"  u32 version  i64 stamp (store_last_revision() when saved)
 *   u64 counts: strings bytes, terms, postings bytes, stem groups, stem ids,
 *               stem key bytes, docs, title bytes, sorted terms, term map
 *               slots, stem map slots
 *   strings    term texts back to back; aligned:
 *   terms      per term: u32 str, len, df, last_doc, langs, post_len
 *   postings   every term's posting list, in term order; aligned:
 *   term map   u64 slots of the term text → id table (strmap.c); aligned:
 *   stem keys  "lang:stem" texts back to back; aligned:
 *   stems      per group: u32 key, klen, nids; then all ids (u32) in group
 *              order; aligned:
 *   stem map   u64 slots; aligned:
 *   docs       per doc: i64 nid, i64 created (ms), i64 population (-1: none), u32 type, char language[4], u16 len[NFIELDS],
 *              u32 title length; then the titles back to back, each
 *              ending in a NUL (not counted in its length); aligned:
 *   sorted     u32 term ids in byte order; aligned:
 *   u64 total_len[NFIELDS], u64 nlive, the live bitmap (a bitmap: u32 n,
 *              then n bytes of CRoaring's portable format)
 *   per facet field: u32 values; per value u32 value len, key len, the two
 *              strings, then the bitmap of its documents
 *   doc values padding to 8, per doc u32 the number of its counted facet
 *              values; padding to 8, u64 total, then every doc's values in
 *              doc order (u32 facet << FV_SHIFT | value id, as in
 *              index.doc_values); padding to 8
 *   f32 imp_avg[NFIELDS], u32 long terms; per long term (struct term_big):
 *              u32 term id, u32 n, padding to 32 and the bitmap of its
 *              documents in CRoaring's frozen format (n bytes: read in
 *              place, not copied), u32 n and its n impact bytes, padding
 *              to 4, u32 skips and the skips (u32 off, doc1); padding to 8
 *   profiles   per doc: its struct profile (index_int.h, 32 bytes); u64 the
 *              adopters' populations, then as many f32 (ln population);
 *              padding to 8
 *   text       the text store's section (textstore.c: what cards and
 *              snippets show, per doc, compressed); aligned
 *   u32 magic "PXIX" again: the file is whole
 *
 * A snapshot is written to a temporary file and renamed over the old one,
 * so a crash leaves the old snapshot or the new, never half of one (and a
 * server that has the old one mapped keeps reading it). Reading trusts
 * nothing: every count, offset, id and bitmap is checked against the file
 * before use (bitmap.c checks CRoaring's format, which CRoaring itself does
 * not), and a snapshot that fails any check is refused (the caller
 * rebuilds). */
#include "index_int.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC   0x58495850u /* "PXIX" */
#define VERSION 8u

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
	C_TERM_SLOTS,
	C_STEM_SLOTS,
	NCOUNTS
};

struct disk_term {
	uint32_t str, len, df, last_doc, langs, post_len;
};

struct disk_doc {
	int64_t nid;
	int64_t created;
	int64_t population;
	uint32_t type;
	char language[4];
	uint16_t len[NFIELDS];
	uint32_t title_len;
};

/* ---- writing ---- */

struct out {
	FILE *f;
	uint64_t at; /* bytes written */
	int bad;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (!o->bad && n && fwrite(p, 1, n, o->f) != n)
		o->bad = 1;
	o->at += n;
}

static void put_u32(struct out *o, uint32_t v)
{
	put(o, &v, sizeof v);
}

static void put_u64(struct out *o, uint64_t v)
{
	put(o, &v, sizeof v);
}

static void put_pad(struct out *o, unsigned to)
{
	static const char zero[32]; /* to is at most 32 */
	put(o, zero, (to - o->at % to) % to);
}

static void put_bitmap(struct out *o, const roaring_bitmap_t *b)
{
	size_t n = roaring_bitmap_portable_size_in_bytes(b);
	char *img = n < UINT32_MAX ? malloc(n) : NULL;
	if (!img || roaring_bitmap_portable_serialize(b, img) != n) {
		o->bad = 1;
		free(img);
		return;
	}
	put_u32(o, (uint32_t)n);
	put(o, img, n);
	free(img);
}

static void put_bytes(void *o, const void *p, size_t n)
{
	put(o, p, n);
}

static void put_slots(struct out *o, const struct strmap *m)
{
	put(o, m->slots, m->slots ? (m->mask + 1) * sizeof *m->slots : 0);
}

/* Where each term's text goes in the snapshot's strings (str_at, by term
 * id): the sorted terms' first, in that order, then the others by id. The
 * strings a reader maps are then the sorted text typo walks read
 * (index.sorted_text), with nothing to copy. Returns their length. */
static uint64_t strings_layout(const struct index *ix, uint32_t *str_at)
{
	size_t nt = term_count(ix);
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	uint64_t at = 0;
	for (size_t i = 0; i < nt; i++)
		str_at[i] = UINT32_MAX;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < (pass ? nt : ix->nsorted); i++) {
			uint32_t id = pass ? (uint32_t)i : ids[i];
			if (str_at[id] != UINT32_MAX)
				continue; /* placed already */
			str_at[id] = (uint32_t)at; /* at most strings.len, under 4 GB */
			at += term_at(ix, id)->len;
		}
	return at;
}

static void write_strings(struct out *o, const struct index *ix, const uint32_t *str_at)
{
	size_t nt = term_count(ix);
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	uint64_t at = 0;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < (pass ? nt : ix->nsorted); i++) {
			uint32_t id = pass ? (uint32_t)i : ids[i];
			if (str_at[id] != at)
				continue; /* written already */
			put(o, term_text(ix, id), term_at(ix, id)->len);
			at += term_at(ix, id)->len;
		}
}

static void write_terms(struct out *o, const struct index *ix, const uint32_t *str_at)
{
	size_t nt = term_count(ix);
	for (size_t i = 0; i < nt; i++) {
		const struct term *t = term_at(ix, (uint32_t)i);
		struct disk_term d = {str_at[i], t->len, t->df, t->last_doc, t->langs, (uint32_t)t->post.len};
		put(o, &d, sizeof d);
	}
	for (size_t i = 0; i < nt; i++)
		put(o, term_at(ix, (uint32_t)i)->post.data, term_at(ix, (uint32_t)i)->post.len);
	put_pad(o, 8);
	put_slots(o, &ix->term_ids);
}

static void write_stems(struct out *o, const struct index *ix)
{
	const struct stem_group *g = (const struct stem_group *)(const void *)ix->stems.data;
	size_t ng = ix->stems.len / sizeof *g;
	put(o, ix->stem_keys.data, ix->stem_keys.len);
	put_pad(o, 8);
	for (size_t i = 0; i < ng; i++) {
		put_u32(o, g[i].key);
		put_u32(o, g[i].klen);
		put_u32(o, (uint32_t)(g[i].ids.len / sizeof(uint32_t)));
	}
	for (size_t i = 0; i < ng; i++)
		put(o, g[i].ids.data, g[i].ids.len);
	put_pad(o, 8);
	put_slots(o, &ix->stem_ids);
}

static void write_docs(struct out *o, const struct index *ix)
{
	size_t nd = doc_count(ix);
	for (size_t i = 0; i < nd; i++) {
		const struct doc *d = doc_at(ix, (uint32_t)i);
		struct disk_doc dd = {d->nid,
				      ((const int64_t *)(const void *)ix->created.data)[i],
				      ((const int64_t *)(const void *)ix->population.data)[i],
				      (uint32_t)d->type,
				      {0},    {0},
				      (uint32_t)strlen(d->title)};
		memcpy(dd.language, d->language, sizeof dd.language);
		memcpy(dd.len, d->len, sizeof dd.len);
		put(o, &dd, sizeof dd);
	}
	for (size_t i = 0; i < nd; i++) /* with its NUL: the reader borrows it */
		put(o, doc_at(ix, (uint32_t)i)->title, strlen(doc_at(ix, (uint32_t)i)->title) + 1);
	put_pad(o, 8);
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

/* Frozen: the reader maps the file and views the bitmap where it lies;
 * CRoaring wants it at a multiple of 32 bytes (the file is mapped at a
 * page boundary, index_read_mem() copies to a 64-byte one). */
static void put_frozen(struct out *o, const roaring_bitmap_t *b)
{
	size_t n = roaring_bitmap_frozen_size_in_bytes(b);
	char *img = n < UINT32_MAX ? malloc(n) : NULL;
	if (!img) {
		o->bad = 1;
		return;
	}
	roaring_bitmap_frozen_serialize(b, img);
	put_u32(o, (uint32_t)n);
	put_pad(o, 32);
	put(o, img, n);
	free(img);
}

/* Each document's run of counted facet values, in document order: read
 * back as they are, instead of from the facet bitmaps. */
static void write_doc_values(struct out *o, const struct index *ix)
{
	const uint32_t *all = (const uint32_t *)(const void *)ix->doc_values.data;
	uint64_t total = 0;
	put_pad(o, 8);
	for (size_t i = 0; i < doc_count(ix); i++) {
		put_u32(o, doc_at(ix, (uint32_t)i)->fv_count);
		total += doc_at(ix, (uint32_t)i)->fv_count;
	}
	put_pad(o, 8);
	put_u64(o, total);
	for (size_t i = 0; i < doc_count(ix); i++)
		put(o, all + doc_at(ix, (uint32_t)i)->fv_first, doc_at(ix, (uint32_t)i)->fv_count * sizeof *all);
	put_pad(o, 8);
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
		put_frozen(o, docs);
		roaring_bitmap_free(docs);
		put_u32(o, (uint32_t)b->imp.len);
		put(o, b->imp.data, b->imp.len);
		put_pad(o, 4);
		put_u32(o, (uint32_t)(b->skip.len / sizeof(struct skip)));
		put(o, b->skip.data, b->skip.len);
	}
}

static void write_all(struct out *o, const struct index *ix, int64_t stamp, uint32_t *str_at)
{
	uint64_t counts[NCOUNTS] = {0};
	counts[C_STRINGS] = strings_layout(ix, str_at);
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
		counts[C_TITLES] += strlen(doc_at(ix, (uint32_t)i)->title) + 1;
	counts[C_SORTED] = ix->nsorted;
	counts[C_TERM_SLOTS] = ix->term_ids.slots ? ix->term_ids.mask + 1 : 0;
	counts[C_STEM_SLOTS] = ix->stem_ids.slots ? ix->stem_ids.mask + 1 : 0;
	put_u32(o, MAGIC);
	put_u32(o, VERSION);
	put_u64(o, (uint64_t)stamp);
	for (int i = 0; i < NCOUNTS; i++)
		put_u64(o, counts[i]);
	write_strings(o, ix, str_at);
	put_pad(o, 8);
	write_terms(o, ix, str_at);
	write_stems(o, ix);
	write_docs(o, ix);
	put(o, ix->sorted.data, ix->nsorted * sizeof(uint32_t));
	put_pad(o, 8);
	for (int f = 0; f < NFIELDS; f++)
		put_u64(o, ix->total_len[f]);
	put_u64(o, ix->nlive);
	put_bitmap(o, ix->live);
	write_facets(o, ix);
	write_doc_values(o, ix);
	write_bigs(o, ix);
	put_pad(o, 8);
	put(o, ix->profile.data, ix->profile.len);
	put_u64(o, ix->adopt_pop.len / sizeof(float));
	put(o, ix->adopt_pop.data, ix->adopt_pop.len);
	put_pad(o, 8);
	textstore_write(&ix->text, ix->live, put_bytes, o);
	put_u32(o, MAGIC);
}

enum px_err index_save(const struct index *ix, const char *path, int64_t stamp)
{
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
		return PX_EUSAGE;
	uint32_t *str_at = malloc((term_count(ix) ? term_count(ix) : 1) * sizeof *str_at);
	if (!str_at)
		return PX_ENOMEM;
	struct out o = {fopen(tmp, "wb"), 0, 0};
	if (!o.f) {
		free(str_at);
		return PX_EIO;
	}
	write_all(&o, ix, stamp, str_at);
	free(str_at);
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
	const unsigned char *base, *p, *end; /* base is 8-aligned */
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

static void skip_pad(struct in *c, unsigned to)
{
	take(c, (to - (uint64_t)(c->p - c->base) % to) % to);
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

/* A bitmap whose values are all below limit, or NULL (c->bad set). */
static roaring_bitmap_t *get_bitmap(struct in *c, uint64_t limit)
{
	uint32_t n = get_u32(c);
	const char *img = take(c, n);
	roaring_bitmap_t *b = img ? bitmap_read_portable(img, n, limit) : NULL;
	if (!b)
		c->bad = 1;
	return b;
}

/* A stored strmap: ids below count, at most half the slots used (so that
 * probes end), the slot count a power of two. */
static enum px_err get_slots(struct in *c, struct strmap *m, uint64_t nslots, uint64_t count)
{
	const uint64_t *slots = take_array(c, nslots, sizeof(uint64_t));
	if (c->bad || (nslots & (nslots - 1)) || (!nslots && count))
		return PX_EPARSE;
	size_t used = 0;
	for (uint64_t i = 0; i < nslots; i++)
		if (slots[i]) {
			if ((uint32_t)slots[i] - 1 >= count) /* id + 1 == 0 wraps above */
				return PX_EPARSE;
			used++;
		}
	if (used != count || used * 2 > nslots)
		return PX_EPARSE;
	if (!nslots)
		return PX_OK;
	if (!(m->slots = malloc(nslots * sizeof *slots)))
		return PX_ENOMEM;
	memcpy(m->slots, slots, nslots * sizeof *slots);
	m->mask = (size_t)nslots - 1;
	m->used = used;
	return PX_OK;
}

static enum px_err read_terms(struct in *c, struct index *ix, const uint64_t *n)
{
	const unsigned char *dt = take_array(c, n[C_TERMS], sizeof(struct disk_term));
	const unsigned char *post = take(c, n[C_POSTINGS]);
	skip_pad(c, 8);
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
		buf_borrow(&t.post, post + off, d.post_len);
		if (buf_add(&ix->terms, &t, sizeof t)) /* cannot fail: reserved */
			return PX_ENOMEM;
		off += d.post_len;
	}
	if (off != n[C_POSTINGS])
		return PX_EPARSE;
	return get_slots(c, &ix->term_ids, n[C_TERM_SLOTS], n[C_TERMS]);
}

static enum px_err read_stems(struct in *c, struct index *ix, const uint64_t *n)
{
	const void *keys = take(c, n[C_STEM_KEYS]);
	skip_pad(c, 8);
	const unsigned char *gs = take_array(c, n[C_STEMS], 12);
	const uint32_t *ids = take_array(c, n[C_STEM_IDS], 4);
	skip_pad(c, 8);
	if (c->bad)
		return PX_EPARSE;
	buf_borrow(&ix->stem_keys, keys, n[C_STEM_KEYS]);
	for (uint64_t i = 0; i < n[C_STEM_IDS]; i++)
		if (ids[i] >= n[C_TERMS])
			return PX_EPARSE;
	if (buf_reserve(&ix->stems, n[C_STEMS] * sizeof(struct stem_group)))
		return PX_ENOMEM;
	uint64_t at = 0;
	for (uint64_t i = 0; i < n[C_STEMS]; i++) {
		uint32_t d[3];
		memcpy(d, gs + i * 12, 12);
		if ((uint64_t)d[0] + d[1] > n[C_STEM_KEYS] || d[2] > n[C_STEM_IDS] - at)
			return PX_EPARSE;
		struct stem_group g = {d[0], d[1], {0}};
		buf_init(&g.ids, BUF_CAP_DEFAULT);
		buf_borrow(&g.ids, ids + at, d[2] * sizeof *ids);
		at += d[2];
		if (buf_add(&ix->stems, &g, sizeof g)) /* cannot fail: reserved */
			return PX_ENOMEM;
	}
	return get_slots(c, &ix->stem_ids, n[C_STEM_SLOTS], n[C_STEMS]);
}

static enum px_err read_docs(struct in *c, struct index *ix, const uint64_t *n)
{
	const unsigned char *dd = take_array(c, n[C_DOCS], sizeof(struct disk_doc));
	const char *titles = take(c, n[C_TITLES]);
	skip_pad(c, 8);
	if (c->bad || buf_reserve(&ix->docs, n[C_DOCS] * sizeof(struct doc)) ||
	    buf_reserve(&ix->created, n[C_DOCS] * sizeof(int64_t)) ||
	    buf_reserve(&ix->population, n[C_DOCS] * sizeof(int64_t)))
		return c->bad ? PX_EPARSE : PX_ENOMEM;
	uint64_t off = 0;
	for (uint64_t i = 0; i < n[C_DOCS]; i++) {
		struct disk_doc d;
		memcpy(&d, dd + i * sizeof d, sizeof d);
		if (d.title_len >= n[C_TITLES] - off || titles[off + d.title_len] || d.type < NODE_PRACTICE ||
		    d.type > NODE_TYPE_MAX || d.language[3] || d.population < -1)
			return PX_EPARSE;
		struct doc doc = {
			d.nid, (enum node_type)d.type, {0}, {0}, (char *)titles + off, 0, 0}; /* borrowed */
		memcpy(doc.language, d.language, sizeof doc.language);
		memcpy(doc.len, d.len, sizeof doc.len);
		off += d.title_len + 1;
		if (buf_add(&ix->created, &d.created, sizeof d.created) ||
		    buf_add(&ix->population, &d.population, sizeof d.population) ||
		    buf_add(&ix->docs, &doc, sizeof doc)) /* cannot fail: reserved */
			return PX_ENOMEM;
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
						 get_bitmap(c, doc_count(ix)), 0};
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

/* The documents' facet values, borrowed: each run within the entries,
 * each entry a counted facet's value that exists. */
static enum px_err read_doc_values(struct in *c, struct index *ix)
{
	size_t nd = doc_count(ix);
	skip_pad(c, 8);
	const uint32_t *count = take_array(c, nd, sizeof *count);
	skip_pad(c, 8);
	uint64_t total = get_u64(c), at = 0;
	const uint32_t *v = take_array(c, total, sizeof *v);
	skip_pad(c, 8);
	if (c->bad || total >= UINT32_MAX)
		return PX_EPARSE;
	for (size_t i = 0; i < nd; i++) {
		struct doc *d = doc_at(ix, (uint32_t)i);
		if (count[i] > total - at)
			return PX_EPARSE;
		d->fv_first = (uint32_t)at;
		d->fv_count = count[i];
		at += count[i];
	}
	for (uint64_t i = 0; i < total; i++) {
		uint32_t f = v[i] >> FV_SHIFT;
		if (f >= FACET_COUNT || !index_facet_counted((enum index_facet)f) ||
		    (v[i] & FV_ID) >= facet_count(ix, (enum index_facet)f))
			return PX_EPARSE;
	}
	if (at != total)
		return PX_EPARSE;
	buf_borrow(&ix->doc_values, v, (size_t)total * sizeof *v);
	return PX_OK;
}

/* One long term's bitmap, impacts and skips, checked against each other
 * and its posting list. */
static enum px_err read_big(struct in *c, struct index *ix)
{
	uint32_t id = get_u32(c);
	if (c->bad || id >= term_count(ix) || term_at(ix, id)->big || term_at(ix, id)->df < TERM_BIG)
		return PX_EPARSE;
	struct term *t = term_at(ix, id);
	uint32_t nbits = get_u32(c);
	skip_pad(c, 32);
	const char *bits = take(c, nbits);
	/* a view into the image, which the index keeps (and frees last) */
	struct term_big b = {.docs = bits ? (roaring_bitmap_t *)bitmap_view_frozen(bits, nbits, doc_count(ix)) : NULL,
			     .frozen = 1};
	buf_init(&b.tail, BUF_CAP_DEFAULT);
	buf_init(&b.imp, BUF_CAP_DEFAULT);
	buf_init(&b.skip, BUF_CAP_DEFAULT);
	uint32_t nimp = get_u32(c);
	const void *imp = take(c, nimp);
	skip_pad(c, 4);
	uint32_t nskip = get_u32(c);
	const struct skip *sk = take_array(c, nskip, sizeof(struct skip));
	enum px_err err = c->bad || !b.docs || roaring_bitmap_get_cardinality(b.docs) != nimp ||
					  nskip != (nimp + TERM_SKIP - 1) / TERM_SKIP
				  ? PX_EPARSE
				  : PX_OK;
	for (uint32_t j = 0; !err && j < nskip; j++)
		if (sk[j].off > t->post.len ||
		    (j && (sk[j].off <= sk[j - 1].off || sk[j].doc1 <= sk[j - 1].doc1)))
			err = PX_EPARSE;
	buf_borrow(&b.imp, imp, nimp);
	buf_borrow(&b.skip, sk, (size_t)nskip * sizeof *sk);
	if (!err && buf_add(&ix->bigs, &b, sizeof b))
		err = PX_ENOMEM;
	if (err) {
		if (b.docs)
			roaring_bitmap_free(b.docs);
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

/* The profiles, borrowed; each checked: its adopters within the list, its
 * country two capital letters or none, its place on the globe or unknown. */
static enum px_err read_profiles(struct in *c, struct index *ix)
{
	skip_pad(c, 8);
	size_t nd = doc_count(ix);
	const struct profile *pr = take_array(c, nd, sizeof *pr);
	uint64_t na = get_u64(c);
	const void *pops = take_array(c, na, sizeof(float));
	skip_pad(c, 8);
	if (c->bad)
		return PX_EPARSE;
	for (size_t i = 0; i < nd; i++) {
		struct profile p;
		memcpy(&p, pr + i, sizeof p);
		int country_ok = !p.country[0] || (p.country[0] >= 'A' && p.country[0] <= 'Z' && p.country[1] >= 'A' &&
						   p.country[1] <= 'Z' && !p.country[2]);
		if ((uint64_t)p.adopt_first + p.nadopt > na || p.nadopt > p.adopters || !country_ok ||
		    p.population < -1 || !(isnan(p.lat) || (p.lat >= -90 && p.lat <= 90)) ||
		    !(isnan(p.lon) || (p.lon >= -180 && p.lon <= 180)))
			return PX_EPARSE;
	}
	buf_borrow(&ix->profile, pr, nd * sizeof *pr);
	buf_borrow(&ix->adopt_pop, pops, na * sizeof(float));
	return PX_OK;
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
	if (!err)
		index_facets_count_live(ix);
	if (!err)
		err = index_place_of_build(ix);
	if (!err)
		err = profile_place_city_build(ix);
	return err ? err : posting_refresh(ix); /* impacts from other averages */
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
	skip_pad(c, 8);
	if (c->bad)
		return PX_EPARSE;
	buf_borrow(&ix->strings, strings, n[C_STRINGS]);
	enum px_err err = read_terms(c, ix, n);
	if (!err)
		err = read_stems(c, ix, n);
	if (!err)
		err = read_docs(c, ix, n);
	const void *sorted = err ? NULL : take_array(c, n[C_SORTED], 4);
	skip_pad(c, 8);
	if (!err && c->bad)
		err = PX_EPARSE;
	buf_borrow(&ix->sorted, sorted, n[C_SORTED] * 4);
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
		err = read_doc_values(c, ix);
	if (!err)
		err = read_bigs(c, ix);
	if (!err)
		err = read_profiles(c, ix);
	size_t text_len = 0;
	if (!err && !(err = textstore_read(&ix->text, c->p, (size_t)(c->end - c->p), doc_count(ix), &text_len)))
		c->p += text_len;
	if (!err && (get_u32(c) != MAGIC || c->bad || c->p != c->end))
		err = PX_EPARSE;
	return err ? err : finish(ix);
}

/* Reads the image ix->image holds (8-aligned). */
static enum px_err read_image(struct index *ix, int64_t *stamp)
{
	const unsigned char *p = ix->image.p;
	struct in c = {p, p, p + ix->image.len, 0};
	return read_all(&c, ix, stamp);
}

void index_image_free(struct index *ix)
{
	if (ix->image.mapped)
		munmap(ix->image.p, ix->image.len);
	else
		free(ix->image.p);
	ix->image.p = NULL;
}

static enum px_err read_done(struct index *ix, enum px_err err, struct index **out)
{
	if (err)
		index_free(ix);
	else
		*out = ix;
	return err;
}

/* The bytes are copied: the index borrows from its own image, which starts
 * at a 64-byte boundary as a mapped file would (frozen bitmaps need 32). */
enum px_err index_read_mem(const void *data, size_t len, struct index **out, int64_t *stamp)
{
	struct index *ix = index_new();
	if (!ix)
		return PX_ENOMEM;
	if (!(ix->image.p = aligned_alloc(64, (len + 64) / 64 * 64)))
		return read_done(ix, PX_ENOMEM, out);
	memcpy(ix->image.p, data, len);
	ix->image.len = len;
	return read_done(ix, read_image(ix, stamp), out);
}

/* The file is mapped privately: pages are read when touched and copied if
 * the index writes to them; the file itself never changes. */
enum px_err index_read(const char *path, struct index **out, int64_t *stamp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return PX_EIO;
	if (fstat(fd, &st) || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return PX_EIO;
	}
	if (st.st_size == 0) { /* mmap() refuses it; and it is no snapshot */
		close(fd);
		return PX_EPARSE;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return PX_EIO;
	struct index *ix = index_new();
	if (!ix) {
		munmap(p, (size_t)st.st_size);
		return PX_ENOMEM;
	}
	ix->image.p = p;
	ix->image.len = (size_t)st.st_size;
	ix->image.mapped = 1;
	return read_done(ix, read_image(ix, stamp), out);
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

/* index_open() inside the caller's read transaction: last is the store's
 * newest revision in it. */
static enum px_err open_at(struct store *st, const char *path, int64_t last, struct index **out, int *fresh)
{
	int64_t stamp = 0;
	struct index *ix = NULL;
	*fresh = 1;
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

enum px_err index_open(struct store *st, const char *path, struct index **out, int *fresh, int64_t *included)
{
	/* One read transaction: the revision read first is exactly what the
	 * catch-up or the load sees, whatever is written meanwhile. Read
	 * outside it, a save committed during the catch-up would be counted
	 * as included and never indexed from the snapshot (issue 11, 3). */
	int begun = store_read_begin(st);
	int64_t last = store_last_revision(st);
	enum px_err err = last < 0 ? PX_ESTORE : open_at(st, path, last, out, fresh);
	store_read_end(st, begun);
	if (!err)
		*included = last;
	return err;
}
