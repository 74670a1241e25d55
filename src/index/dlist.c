/* Document lists: decoding a posting list, and merging lists. */
#include "search_int.h"

#include <stdlib.h>
#include <string.h>

void dlist_init(struct dlist *l)
{
	buf_init(&l->docs, BUF_CAP_DEFAULT);
	buf_init(&l->tfw, BUF_CAP_DEFAULT);
	buf_init(&l->poff, BUF_CAP_DEFAULT);
	buf_init(&l->pos, BUF_CAP_DEFAULT);
}

void dlist_free(struct dlist *l)
{
	buf_free(&l->docs);
	buf_free(&l->tfw);
	buf_free(&l->poff);
	buf_free(&l->pos);
}

void dlist_reset(struct dlist *l)
{
	buf_reset(&l->docs);
	buf_reset(&l->tfw);
	buf_reset(&l->poff);
	buf_reset(&l->pos);
}

size_t dlist_len(const struct dlist *l)
{
	return l->docs.len / sizeof(uint32_t);
}

uint32_t dlist_doc(const struct dlist *l, size_t i)
{
	return ((const uint32_t *)(const void *)l->docs.data)[i];
}

float dlist_tfw(const struct dlist *l, size_t i)
{
	return ((const struct dscore *)(const void *)l->tfw.data)[i].tfw;
}

unsigned dlist_cls(const struct dlist *l, size_t i)
{
	return ((const struct dscore *)(const void *)l->tfw.data)[i].cls;
}

const uint32_t *dlist_pos(const struct dlist *l, size_t i, size_t *n)
{
	const uint32_t *off = (const uint32_t *)(const void *)l->poff.data;
	uint32_t end = i + 1 < dlist_len(l) ? off[i + 1] : (uint32_t)(l->pos.len / sizeof(uint32_t));
	*n = end - off[i];
	return (const uint32_t *)(const void *)l->pos.data + off[i];
}

/* Appends a document; its positions are added with dlist_add_pos(). */
enum px_err dlist_push(struct dlist *l, uint32_t doc, float tfw, unsigned cls)
{
	uint32_t off = (uint32_t)(l->pos.len / sizeof(uint32_t));
	struct dscore sc = {tfw, cls};
	enum px_err err = buf_add(&l->docs, &doc, sizeof doc);
	if (!err && (err = buf_add(&l->tfw, &sc, sizeof sc)))
		l->docs.len -= sizeof doc;
	if (!err && (err = buf_add(&l->poff, &off, sizeof off))) {
		l->docs.len -= sizeof doc;
		l->tfw.len -= sizeof sc;
	}
	return err;
}

enum px_err dlist_add_pos(struct dlist *l, uint32_t pos)
{
	return buf_add(&l->pos, &pos, sizeof pos);
}

/* The position in l of doc, or -1 (binary search). */
int64_t dlist_find(const struct dlist *l, uint32_t doc)
{
	return index_u32_find((const uint32_t *)(const void *)l->docs.data, dlist_len(l), doc);
}

/* Appends v to b, which has room (reserved beforehand). */
static inline void append(struct buf *b, const void *v, size_t n)
{
	memcpy(b->data + b->len, v, n);
	b->len += n;
}

/* Makes room for docs more documents and pos more positions. */
static enum px_err dlist_reserve(struct dlist *l, size_t docs, size_t pos)
{
	if (buf_reserve(&l->docs, docs * sizeof(uint32_t)) ||
	    buf_reserve(&l->tfw, docs * sizeof(struct dscore)) ||
	    buf_reserve(&l->poff, docs * sizeof(uint32_t)) || buf_reserve(&l->pos, pos * sizeof(uint32_t)))
		return PX_ENOMEM;
	return PX_OK;
}

/* Appends term's posting for doc (found at c, k occurrences) when live. */
static enum px_err decode_one(const struct index *ix, struct pcur *c, uint32_t doc, uint64_t k, float weight,
			      unsigned cls, const float avg[NFIELDS], struct dlist *out)
{
	if (!roaring_bitmap_contains(ix->live, doc)) {
		pcur_skip(c, k);
		return PX_OK;
	}
	if (dlist_reserve(out, 1, k))
		return PX_ENOMEM;
	uint32_t off = (uint32_t)(out->pos.len / sizeof(uint32_t));
	unsigned tf[NFIELDS] = {0};
	size_t n = posting_read(c, k, tf, (uint32_t *)(void *)(out->pos.data + out->pos.len));
	out->pos.len += n * sizeof(uint32_t);
	struct dscore sc = {posting_weight(tf, doc_at(ix, doc)->len, avg) * weight, cls};
	append(&out->docs, &doc, sizeof doc);
	append(&out->tfw, &sc, sizeof sc);
	append(&out->poff, &off, sizeof off);
	return PX_OK;
}

enum px_err dlist_decode(const struct index *ix, uint32_t term, float weight, unsigned cls, struct dlist *out)
{
	float avg[NFIELDS];
	index_avg(ix, avg);
	struct pcur c;
	pcur_init(&c, &term_at(ix, term)->post, 0, 0);
	uint64_t k;
	uint32_t doc;
	enum px_err err = PX_OK;
	while (!err && pcur_next(&c, &doc, &k)) {
		if (doc >= doc_count(ix))
			pcur_skip(&c, k);
		else
			err = decode_one(ix, &c, doc, k, weight, cls, avg, out);
	}
	return err;
}

/* out = the union of a and b: tfw summed, the better class, positions merged. */
enum px_err dlist_union(const struct dlist *a, const struct dlist *b, struct dlist *out)
{
	size_t i = 0, j = 0, na = dlist_len(a), nb = dlist_len(b);
	enum px_err err = dlist_reserve(out, na + nb, (a->pos.len + b->pos.len) / sizeof(uint32_t));
	while (!err && (i < na || j < nb)) {
		uint32_t da = i < na ? dlist_doc(a, i) : UINT32_MAX,
			 db = j < nb ? dlist_doc(b, j) : UINT32_MAX;
		uint32_t doc = da < db ? da : db;
		float tfw = (da == doc ? dlist_tfw(a, i) : 0) + (db == doc ? dlist_tfw(b, j) : 0);
		unsigned ca = da == doc ? dlist_cls(a, i) : UINT8_MAX,
			 cb = db == doc ? dlist_cls(b, j) : UINT8_MAX;
		if ((err = dlist_push(out, doc, tfw, ca < cb ? ca : cb))) /* the best way it matched */
			break;
		size_t start = out->pos.len / sizeof(uint32_t), n;
		const uint32_t *p;
		if (da == doc) {
			p = dlist_pos(a, i++, &n);
			err = buf_add(&out->pos, p, n * sizeof *p);
		}
		if (!err && db == doc) {
			p = dlist_pos(b, j++, &n);
			err = buf_add(&out->pos, p, n * sizeof *p);
		}
		if (!err && da == db) { /* both: keep positions sorted */
			uint32_t *all = (uint32_t *)(void *)out->pos.data + start;
			qsort(all, out->pos.len / sizeof(uint32_t) - start, sizeof *all, index_cmp_u32);
		}
	}
	return err;
}
