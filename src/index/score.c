/* Scoring candidates: BM25F, term at a time, into per-document
 * accumulators. A group's alternatives add their weighted term frequencies
 * for each candidate (from impacts, without decoding a list, for terms with
 * many documents), then the group's saturated, idf-weighted score is added
 * to the candidate's total and its match class to its tier.
 *
 * A document's frequency for a group is that of the alternatives of its
 * best match class there (an exact match is not raised by the prefix
 * completions it also holds). Tiers rank above scores, so when enough
 * candidates match every required group in class c or better, the others
 * cannot reach the page, and only those are scored, by alternatives of
 * class c or better: a frequent word typed in full is not scored through
 * its fifty prefix completions.
 *
 * The accumulators are arrays over docnos, one set per thread, all zero
 * between searches: a search clears exactly what it touched. */
#include "search_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#define K1 1.2f
/* A long list is read whole when it has fewer than this many postings per
 * candidate; otherwise each candidate is looked up in its bitmap. */
#define LOOKUP_RATIO 64
#define BULK         256

struct scratch {
	size_t cap;   /* documents the arrays hold */
	float *acc;   /* the group's weighted term frequency */
	float *score; /* the total */
	uint8_t *cls; /* the group's best match class + 1; 0 = not matched */
	uint8_t *tier;
	uint8_t *mark; /* 1: a candidate */
};

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_release(struct scratch *s)
{
	free(s->acc);
	free(s->score);
	free(s->cls);
	free(s->tier);
	free(s->mark);
}

static void scratch_free(void *p)
{
	if (p)
		scratch_release(p);
	free(p);
}

static void make_key(void)
{
	if (pthread_key_create(&scratch_key, scratch_free))
		abort(); /* out of keys at start-up: nothing sensible to do */
}

/* The thread's accumulators, for at least n documents (all zero). */
static struct scratch *scratch_get(size_t n)
{
	pthread_once(&scratch_once, make_key);
	struct scratch *s = pthread_getspecific(scratch_key);
	if (!s) {
		if (!(s = calloc(1, sizeof *s)) || pthread_setspecific(scratch_key, s)) {
			free(s);
			return NULL;
		}
	}
	if (s->cap >= n)
		return s;
	size_t cap = n + n / 4 + 1024; /* all zero: fresh arrays, nothing to copy */
	struct scratch t = {cap,
			    calloc(cap, sizeof(float)),
			    calloc(cap, sizeof(float)),
			    calloc(cap, 1),
			    calloc(cap, 1),
			    calloc(cap, 1)};
	if (!t.acc || !t.score || !t.cls || !t.tier || !t.mark) {
		scratch_release(&t);
		return NULL;
	}
	scratch_release(s);
	*s = t;
	return s;
}

/* Runs the statements that follow (...) with doc set to every value of b,
 * in order; `continue` goes on to the next value. */
#define EACH_DOC(b, doc, ...)                                                                                \
	do {                                                                                                 \
		roaring_uint32_iterator_t it_;                                                               \
		uint32_t vals_[BULK], n_;                                                                    \
		roaring_init_iterator((b), &it_);                                                            \
		while ((n_ = roaring_read_uint32_iterator(&it_, vals_, BULK)) > 0)                           \
			for (uint32_t i_ = 0; i_ < n_; i_++) {                                               \
				uint32_t doc = vals_[i_];                                                    \
				__VA_ARGS__;                                                                 \
			}                                                                                    \
	} while (0)

static inline void add(struct scratch *sc, uint32_t doc, float w, unsigned cls)
{
	uint8_t c = (uint8_t)(cls + 1);
	if (!sc->cls[doc] || c < sc->cls[doc]) { /* a better way to match: it alone counts */
		sc->cls[doc] = c;
		sc->acc[doc] = w;
	} else if (c == sc->cls[doc]) {
		sc->acc[doc] += w;
	}
}

/* Adds a long list's weights for the candidates: by its impacts. */
static void add_big(const struct term *t, const struct term_big *b, const struct alt *a,
		    const roaring_bitmap_t *cand, uint64_t ncand, struct scratch *sc)
{
	const uint8_t *imp = (const uint8_t *)b->imp.data;
	size_t nimp = b->imp.len;
	if ((uint64_t)t->df > ncand * LOOKUP_RATIO) {
		EACH_DOC(cand, doc, {
			int64_t r = posting_rank(b, doc);
			if (r >= 0 && (size_t)r < nimp)
				add(sc, doc, posting_impact[imp[r]] * a->weight, a->cls);
		});
		return;
	}
	size_t r = 0;
	EACH_DOC(b->docs, doc, {
		if (doc < sc->cap && sc->mark[doc] && r < nimp)
			add(sc, doc, posting_impact[imp[r]] * a->weight, a->cls);
		r++;
	});
	const uint32_t *tail = (const uint32_t *)(const void *)b->tail.data;
	for (size_t i = 0; i < b->tail.len / sizeof *tail; i++, r++)
		if (tail[i] < sc->cap && sc->mark[tail[i]] && r < nimp)
			add(sc, tail[i], posting_impact[imp[r]] * a->weight, a->cls);
}

/* Adds a short list's weights for the candidates: decoded, exact. */
static void add_small(const struct index *ix, const struct term *t, const struct alt *a,
		      const float avg[NFIELDS], struct scratch *sc)
{
	struct pcur c;
	pcur_init(&c, &t->post, 0, 0);
	uint64_t k;
	uint32_t doc;
	while (pcur_next(&c, &doc, &k)) {
		if (doc >= sc->cap || !sc->mark[doc]) {
			pcur_skip(&c, k);
			continue;
		}
		unsigned tf[NFIELDS] = {0};
		posting_read(&c, k, tf, NULL);
		add(sc, doc, posting_weight(tf, doc_at(ix, doc)->len, avg) * a->weight, a->cls);
	}
}

/* Adds g's alternatives of class max_cls or better. */
static void add_group(const struct index *ix, const struct group *g, unsigned max_cls,
		      const roaring_bitmap_t *cand, uint64_t ncand, struct scratch *sc)
{
	float avg[NFIELDS];
	index_avg(ix, avg);
	const struct alt *a = (const struct alt *)(const void *)g->alts.data;
	for (size_t i = 0; i < g->alts.len / sizeof *a; i++) {
		if (a[i].cls > max_cls)
			continue;
		const struct term *t = term_at(ix, a[i].term);
		const struct term_big *b = term_big_at(ix, t);
		if (b)
			add_big(t, b, &a[i], cand, ncand, sc);
		else
			add_small(ix, t, &a[i], avg, sc);
	}
	for (size_t i = 0; i < dlist_len(&g->phrases); i++) {
		uint32_t doc = dlist_doc(&g->phrases, i);
		if (sc->mark[doc] && dlist_cls(&g->phrases, i) <= max_cls)
			add(sc, doc, dlist_tfw(&g->phrases, i), dlist_cls(&g->phrases, i));
	}
}

static float idf(const struct index *ix, uint64_t df)
{
	return logf(1.0f + ((float)ix->nlive - (float)df + 0.5f) / ((float)df + 0.5f));
}

/* The documents of g that match it in class max_cls or better. */
static roaring_bitmap_t *group_docs_within(const struct index *ix, const struct group *g, unsigned max_cls)
{
	roaring_bitmap_t *b = roaring_bitmap_create();
	struct buf parts, docs;
	buf_init(&parts, BUF_CAP_DEFAULT);
	buf_init(&docs, BUF_CAP_DEFAULT);
	enum px_err err = b ? PX_OK : PX_ENOMEM;
	const struct alt *a = (const struct alt *)(const void *)g->alts.data;
	for (size_t i = 0; !err && i < g->alts.len / sizeof *a; i++)
		if (a[i].cls <= max_cls)
			err = posting_docs_defer(ix, a[i].term, b, &parts);
	for (size_t i = 0; !err && i < dlist_len(&g->phrases); i++) {
		uint32_t doc = dlist_doc(&g->phrases, i);
		if (dlist_cls(&g->phrases, i) <= max_cls)
			err = buf_add(&docs, &doc, sizeof doc);
	}
	if (!err) {
		roaring_bitmap_add_many(b, docs.len / sizeof(uint32_t),
					(const uint32_t *)(const void *)docs.data);
		err = posting_union(&b, &parts);
	}
	buf_free(&parts);
	buf_free(&docs);
	if (err && b) {
		roaring_bitmap_free(b);
		b = NULL;
	}
	return b;
}

/* The candidates that match every required group in class c or better,
 * for the best c that leaves at least want of them (*max_cls = c); NULL
 * when that is all of cand (or on ENOMEM: then all are scored). */
static roaring_bitmap_t *best_tier(const struct search *s, const int *required, const roaring_bitmap_t *cand,
				   size_t want, unsigned *max_cls)
{
	*max_cls = MATCH_TRANSLATED;
	int any = 0;
	for (size_t g = 0; g < s->q.ngroups; g++)
		any |= required[g];
	if (!any || roaring_bitmap_get_cardinality(cand) <= want)
		return NULL;
	int level[MATCH_TRANSLATED + 1] = {0}; /* 1: some required word matches in that class */
	for (size_t g = 0; g < s->q.ngroups; g++) {
		const struct group *gr = &s->groups[g];
		const struct alt *a = (const struct alt *)(const void *)gr->alts.data;
		for (size_t i = 0; required[g] && i < gr->alts.len / sizeof *a; i++)
			level[a[i].cls] = 1;
		for (size_t i = 0; required[g] && i < dlist_len(&gr->phrases); i++)
			level[dlist_cls(&gr->phrases, i)] = 1;
	}
	for (unsigned c = MATCH_EXACT; c < MATCH_TRANSLATED; c++) {
		if (!level[c])
			continue; /* the same documents as the class before */
		roaring_bitmap_t *t = roaring_bitmap_copy(cand);
		for (size_t g = 0; t && g < s->q.ngroups; g++) {
			if (!required[g])
				continue;
			roaring_bitmap_t *d = group_docs_within(s->ix, &s->groups[g], c);
			if (!d) {
				roaring_bitmap_free(t);
				return NULL;
			}
			roaring_bitmap_and_inplace(t, d);
			roaring_bitmap_free(d);
		}
		if (!t)
			return NULL;
		if (roaring_bitmap_get_cardinality(t) >= want) {
			*max_cls = c;
			return t;
		}
		roaring_bitmap_free(t);
	}
	return NULL;
}

/* 1 if group g is stop words: they rank nothing ("the", "in" would favour
 * every text in the language of the query over one that says the same in
 * another). */
static int stop_words(const struct search *s, size_t g)
{
	for (size_t u = 0; u < s->q.nunits; u++)
		if (s->q.units[u].group == g && s->q.units[u].optional)
			return 1;
	return 0;
}

enum px_err score_candidates(const struct search *s, const int *required, const int *excluded,
			     const roaring_bitmap_t *all, size_t want,
			     void (*keep)(const struct scored *c, void *arg), void *arg)
{
	const struct index *ix = s->ix;
	struct scratch *sc = scratch_get(doc_count(ix));
	if (!sc)
		return PX_ENOMEM;
	unsigned max_cls;
	roaring_bitmap_t *tier = best_tier(s, required, all, want, &max_cls);
	const roaring_bitmap_t *cand = tier ? tier : all;
	uint64_t ncand = roaring_bitmap_get_cardinality(cand);
	EACH_DOC(cand, doc, sc->mark[doc] = 1);
	size_t last = s->q.ngroups; /* the last group scored: its pass hands the documents on */
	for (size_t g = 0; g < s->q.ngroups; g++)
		if (!excluded[g] && (required[g] || !stop_words(s, g)))
			last = g;
	for (size_t g = 0; g < s->q.ngroups; g++) {
		const struct group *gr = &s->groups[g];
		if (excluded[g] || (!required[g] && stop_words(s, g))) /* nothing to add */
			continue;
		float w = idf(ix, roaring_bitmap_get_cardinality(gr->docs)) * (K1 + 1);
		int req = required[g];
		add_group(ix, gr, req ? max_cls : MATCH_TRANSLATED, cand, ncand, sc);
		EACH_DOC(cand, doc, {
			if (sc->cls[doc]) {
				float tfw = sc->acc[doc];
				sc->score[doc] += w * tfw / (K1 + tfw);
				if (req && sc->cls[doc] - 1 > sc->tier[doc])
					sc->tier[doc] = (uint8_t)(sc->cls[doc] - 1);
				sc->acc[doc] = 0;
				sc->cls[doc] = 0;
			}
			if (g == last) {
				struct scored c = {doc, sc->tier[doc], sc->score[doc]};
				keep(&c, arg);
				sc->score[doc] = 0;
				sc->tier[doc] = 0;
				sc->mark[doc] = 0;
			}
		});
	}
	if (last == s->q.ngroups) /* nothing scored: hand them on as they are */
		EACH_DOC(cand, doc, {
			struct scored c = {doc, 0, 0};
			keep(&c, arg);
			sc->mark[doc] = 0;
		});
	if (tier)
		roaring_bitmap_free(tier);
	return PX_OK;
}
