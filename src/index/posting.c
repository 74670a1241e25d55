/* Postings beyond their bytes: the weight of a posting (BM25F), and for
 * terms with many documents a bitmap of their docnos, one impact byte per
 * posting and skip entries (struct term_big), kept in step with every
 * posting appended. A search matches and scores such a term without
 * decoding its list, and reads positions only where it needs them. */
#include "index_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* BM25F field weights and length normalisation. */
static const float field_weight[NFIELDS] = {[F_TITLE] = 6.0f, [F_SUBTITLE] = 3.0f, [F_THEMES] = 2.5f,
					    [F_PLACE] = 2.0f, [F_AUTHOR] = 1.5f,   [F_TEXT] = 1.0f};
static const float field_b[NFIELDS] = {[F_TITLE] = 0.3f, [F_SUBTITLE] = 0.5f, [F_THEMES] = 0.3f,
				       [F_PLACE] = 0.3f, [F_AUTHOR] = 0.3f,   [F_TEXT] = 0.75f};

/* Impacts are log-scaled, 1/IMPACT_SCALE apart: about 3 % steps, enough
 * for ranking, from 0 to a weight of about 2,900. */
#define IMPACT_SCALE 32.0f
/* Impacts are computed again when an average field length has moved by
 * more than this fraction since they were. */
#define AVG_DRIFT 0.05f

float posting_impact[256];
static pthread_once_t impact_once = PTHREAD_ONCE_INIT;

static void impact_table(void)
{
	for (int q = 0; q < 256; q++)
		posting_impact[q] = expf((float)q / IMPACT_SCALE) - 1.0f;
}

void posting_init(void)
{
	pthread_once(&impact_once, impact_table);
}

static uint8_t impact_of(float w)
{
	float q = roundf(logf(1.0f + w) * IMPACT_SCALE);
	return q >= 255.0f ? 255 : q <= 0.0f ? 0 : (uint8_t)q;
}

void index_avg(const struct index *ix, float avg[NFIELDS])
{
	for (int f = 0; f < NFIELDS; f++)
		avg[f] = ix->nlive && ix->total_len[f] ? (float)ix->total_len[f] / (float)ix->nlive : 1.0f;
}

float posting_weight(const unsigned tf[NFIELDS], const uint16_t len[NFIELDS], const float avg[NFIELDS])
{
	float w = 0;
	for (int f = 0; f < NFIELDS; f++)
		if (tf[f])
			w += field_weight[f] * (float)tf[f] /
			     (1.0f - field_b[f] + field_b[f] * (float)len[f] / avg[f]);
	return w;
}

size_t posting_read(struct pcur *c, uint64_t k, unsigned tf[NFIELDS], uint32_t *pos)
{
	uint64_t occ = 0;
	size_t n = 0;
	for (uint64_t i = 0; i < k && c->p < c->end; i++) {
		occ += pcur_occ(c);
		unsigned f = (unsigned)(occ & ((1u << FIELD_BITS) - 1));
		tf[f < NFIELDS ? f : F_TEXT]++;
		if (pos)
			pos[n] = (uint32_t)(occ >> FIELD_BITS);
		n++;
	}
	return n;
}

void posting_avg(const struct index *ix, float avg[NFIELDS])
{
	index_avg(ix, avg);
	if (ix->imp_avg[0] > 0)
		memcpy(avg, ix->imp_avg, sizeof ix->imp_avg);
}

static const uint16_t no_len[NFIELDS];

/* The weight of the posting at c (k occurrences), for a document that may
 * not be in the index yet (a put under way: no lengths). */
static float weight_at(const struct index *ix, struct pcur *c, uint32_t doc, uint64_t k,
		       const float avg[NFIELDS])
{
	unsigned tf[NFIELDS] = {0};
	posting_read(c, k, tf, NULL);
	const uint16_t *len = doc < doc_count(ix) ? doc_at(ix, doc)->len : no_len;
	return posting_weight(tf, len, avg);
}

static void big_free(struct term_big *b)
{
	if (b->docs)
		roaring_bitmap_free(b->docs);
	buf_free(&b->tail);
	buf_free(&b->imp);
	buf_free(&b->skip);
}

void posting_free(struct index *ix)
{
	struct term_big *b = (struct term_big *)(void *)ix->bigs.data;
	for (size_t i = 0; i < ix->bigs.len / sizeof *b; i++)
		big_free(&b[i]);
	buf_free(&ix->bigs);
}

#define TAIL_MAX 4096

/* Moves the tail into docs, copying a frozen docs first. Out of memory the
 * tail stays: it is read as part of the list until a later drain. */
static enum px_err drain(struct term_big *b)
{
	if (!b->tail.len)
		return PX_OK;
	if (b->frozen) {
		roaring_bitmap_t *own = roaring_bitmap_copy(b->docs);
		if (!own)
			return PX_ENOMEM;
		roaring_bitmap_free(b->docs);
		b->docs = own;
		b->frozen = 0;
	}
	roaring_bitmap_add_many(b->docs, b->tail.len / sizeof(uint32_t),
				(const uint32_t *)(const void *)b->tail.data);
	buf_reset(&b->tail);
	return PX_OK;
}

/* Adds posting number r (at byte off, counting from doc1) to b. */
static enum px_err big_add(struct term_big *b, size_t r, uint32_t doc, float w, size_t off, uint64_t doc1)
{
	uint8_t q = impact_of(w);
	if (r % TERM_SKIP == 0) {
		struct skip s = {(uint32_t)off, (uint32_t)doc1};
		if (buf_add(&b->skip, &s, sizeof s))
			return PX_ENOMEM;
	}
	if (buf_add(&b->imp, &q, 1))
		return PX_ENOMEM;
	if (buf_add(&b->tail, &doc, sizeof doc)) {
		b->imp.len--;
		return PX_ENOMEM;
	}
	if (b->tail.len / sizeof doc >= TAIL_MAX)
		(void)drain(b); /* else the tail grows: a later drain moves it */
	return PX_OK;
}

/* Gives term id its struct term_big, from its posting list. */
static enum px_err promote(struct index *ix, uint32_t id)
{
	struct term *t = term_at(ix, id);
	struct term_big b = {.docs = roaring_bitmap_create()};
	buf_init(&b.tail, BUF_CAP_DEFAULT);
	buf_init(&b.imp, BUF_CAP_DEFAULT);
	buf_init(&b.skip, BUF_CAP_DEFAULT);
	float avg[NFIELDS];
	posting_avg(ix, avg);
	struct pcur c;
	pcur_init(&c, &t->post, 0, 0);
	enum px_err err = b.docs ? PX_OK : PX_ENOMEM;
	size_t off = 0;
	uint64_t doc1 = 0, k;
	uint32_t doc;
	for (size_t r = 0; !err && pcur_next(&c, &doc, &k) && doc < doc_count(ix); r++) {
		float w = weight_at(ix, &c, doc, k, avg);
		err = big_add(&b, r, doc, w, off, doc1);
		off = (size_t)(c.p - (const unsigned char *)t->post.data);
		doc1 = c.doc1;
	}
	if (!err)
		err = buf_add(&ix->bigs, &b, sizeof b);
	if (err) {
		big_free(&b);
		return err;
	}
	t->big = (uint32_t)(ix->bigs.len / sizeof b);
	return PX_OK;
}

enum px_err posting_added(struct index *ix, uint32_t id, uint32_t doc, const unsigned tf[NFIELDS],
			  const float avg[NFIELDS], size_t off, uint64_t doc1)
{
	struct term *t = term_at(ix, id);
	if (!t->big)
		return t->df >= TERM_BIG ? promote(ix, id) : PX_OK; /* the new posting included */
	const uint16_t *len = doc < doc_count(ix) ? doc_at(ix, doc)->len : no_len;
	struct term_big *b = term_big_at(ix, t);
	return big_add(b, b->imp.len, doc, posting_weight(tf, len, avg), off, doc1);
}

/* Computes term's impacts again with avg. */
static void reweigh(struct index *ix, struct term *t, const float avg[NFIELDS])
{
	struct term_big *b = term_big_at(ix, t);
	uint8_t *imp = (uint8_t *)b->imp.data;
	struct pcur c;
	pcur_init(&c, &t->post, 0, 0);
	uint64_t k;
	uint32_t doc;
	for (size_t r = 0; r < b->imp.len && pcur_next(&c, &doc, &k); r++)
		imp[r] = impact_of(weight_at(ix, &c, doc, k, avg));
}

/* Gives back what growing left unused: the lists are read far more often
 * than they grow. */
static void shrink(struct index *ix, struct term *t)
{
	buf_shrink(&t->post);
	struct term_big *b = term_big_at(ix, t);
	if (b) {
		if (!drain(b))
			buf_free(&b->tail);
		buf_shrink(&b->imp);
		buf_shrink(&b->skip);
		if (!b->frozen) /* a view has nothing to give back, and no heap */
			roaring_bitmap_shrink_to_fit(b->docs);
	}
}

static int drifted(const struct index *ix, const float avg[NFIELDS])
{
	for (int f = 0; f < NFIELDS; f++)
		if (fabsf(avg[f] - ix->imp_avg[f]) > AVG_DRIFT * ix->imp_avg[f] || ix->imp_avg[f] <= 0)
			return 1;
	return 0;
}

enum px_err posting_refresh(struct index *ix)
{
	float avg[NFIELDS];
	index_avg(ix, avg);
	if (drifted(ix, avg)) {
		memcpy(ix->imp_avg, avg, sizeof avg);
		for (size_t i = 0; i < term_count(ix); i++)
			if (term_at(ix, (uint32_t)i)->big)
				reweigh(ix, term_at(ix, (uint32_t)i), avg);
	}
	const uint32_t *dirty = (const uint32_t *)(const void *)ix->dirty.data;
	for (size_t i = 0; i < ix->dirty.len / sizeof *dirty; i++) {
		struct term *t = term_at(ix, dirty[i]);
		if (!t->big && t->df >= TERM_BIG) { /* promotion at put ran out of memory */
			enum px_err err = promote(ix, dirty[i]);
			if (err)
				return err;
		}
		shrink(ix, t);
	}
	buf_free(&ix->dirty);
	ix->flushed_docs = (uint32_t)doc_count(ix);
	return PX_OK;
}

enum px_err posting_docs_defer(const struct index *ix, uint32_t term, roaring_bitmap_t *some,
			       struct buf *parts)
{
	const struct term *t = term_at(ix, term);
	const struct term_big *b = term_big_at(ix, t);
	if (!b) { /* a short list: its few docnos, decoded */
		struct pcur c;
		pcur_init(&c, &t->post, 0, 0);
		uint64_t k;
		uint32_t doc;
		while (pcur_next(&c, &doc, &k)) {
			pcur_skip(&c, k);
			roaring_bitmap_add(some, doc);
		}
		return PX_OK;
	}
	roaring_bitmap_add_many(some, b->tail.len / sizeof(uint32_t),
				(const uint32_t *)(const void *)b->tail.data);
	const roaring_bitmap_t *d = b->docs;
	return buf_add(parts, &d, sizeof d);
}

enum px_err posting_union(roaring_bitmap_t **some, struct buf *parts)
{
	size_t n = parts->len / sizeof(roaring_bitmap_t *);
	if (!n)
		return PX_OK;
	if (buf_add(parts, some, sizeof *some)) /* itself, last */
		return PX_ENOMEM;
	roaring_bitmap_t *u = roaring_bitmap_or_many(n + 1, (const roaring_bitmap_t **)(void *)parts->data);
	buf_reset(parts);
	if (!u)
		return PX_ENOMEM;
	roaring_bitmap_free(*some);
	*some = u;
	return PX_OK;
}

int64_t posting_rank(const struct term_big *b, uint32_t doc)
{
	if (roaring_bitmap_contains(b->docs, doc))
		return (int64_t)roaring_bitmap_rank(b->docs, doc) - 1;
	int64_t at = index_u32_find((const uint32_t *)(const void *)b->tail.data,
				    b->tail.len / sizeof(uint32_t), doc);
	return at < 0 ? -1 : (int64_t)roaring_bitmap_get_cardinality(b->docs) + at;
}

int posting_find(const struct index *ix, uint32_t term, uint32_t doc, struct pcur *c, uint64_t *k)
{
	const struct term *t = term_at(ix, term);
	const struct term_big *b = term_big_at(ix, t);
	size_t left = SIZE_MAX; /* postings to pass before doc's */
	pcur_init(c, &t->post, 0, 0);
	if (b) {
		int64_t rank = posting_rank(b, doc);
		if (rank < 0)
			return 0;
		size_t r = (size_t)rank;
		size_t j = r / TERM_SKIP;
		if (j >= b->skip.len / sizeof(struct skip))
			return 0;
		const struct skip *s = &((const struct skip *)(const void *)b->skip.data)[j];
		if (s->off > t->post.len)
			return 0;
		pcur_init(c, &t->post, s->off, s->doc1);
		left = r % TERM_SKIP;
	}
	uint32_t d;
	while (pcur_next(c, &d, k)) {
		if (d == doc)
			return 1;
		if (d > doc || left-- == 0)
			return 0;
		pcur_skip(c, *k);
	}
	return 0;
}

void tcur_init(struct tcur *tc, const struct index *ix, uint32_t term)
{
	memset(tc, 0, sizeof *tc);
	tc->t = term_at(ix, term);
	tc->b = term_big_at(ix, tc->t);
	pcur_init(&tc->c, &tc->t->post, 0, 0);
}

/* Jumps to the last skip block that starts at or before doc, when that is
 * ahead of the cursor's block. Documents are asked for in ascending order,
 * mostly near each other: the search gallops from the cursor's block. */
static void tcur_jump(struct tcur *tc, uint32_t doc)
{
	const struct skip *sk = (const struct skip *)(const void *)tc->b->skip.data;
	size_t n = tc->b->skip.len / sizeof *sk, lo = tc->next / TERM_SKIP + 1, step = 1;
	/* sk[j].doc1 <= doc: block j's postings before it are all below doc */
	if (lo >= n || sk[lo].doc1 > doc)
		return; /* doc is in the cursor's block, or before it */
	while (lo + step < n && sk[lo + step].doc1 <= doc) {
		lo += step;
		step *= 2;
	}
	size_t hi = lo + step < n ? lo + step : n; /* the first block after doc is in (lo, hi] */
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sk[mid].doc1 <= doc)
			lo = mid;
		else
			hi = mid;
	}
	if (lo * TERM_SKIP <= tc->next || sk[lo].off > tc->t->post.len)
		return;
	pcur_init(&tc->c, &tc->t->post, sk[lo].off, sk[lo].doc1);
	tc->next = lo * TERM_SKIP;
	tc->on = 0;
}

int tcur_advance(struct tcur *tc, uint32_t doc)
{
	if (tc->b)
		tcur_jump(tc, doc);
	if (tc->on)
		pcur_skip(&tc->c, tc->k);
	tc->on = 0;
	uint32_t d;
	uint64_t k;
	while (pcur_next(&tc->c, &d, &k)) {
		tc->next++;
		if (d >= doc) {
			tc->doc = d;
			tc->k = k;
			tc->on = 1;
			return d == doc;
		}
		pcur_skip(&tc->c, k);
	}
	tc->done = 1;
	return 0;
}
