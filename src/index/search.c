/* Running a query: the units' document lists (match.c) combined into
 * candidates, ranked by BM25F (field weights in dlist.c) in match-class
 * tiers with the proximity of the query words breaking ties among the best;
 * then facets, snippets and "did you mean". */
#include "search_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K1               1.2f
#define RERANK           200 /* hits re-ranked by proximity */
#define PROXIMITY_WEIGHT 0.5f
#define SNIPPET_BYTES    320

/* ---- candidates and scores ---- */

struct scored {
	uint32_t doc;
	unsigned tier; /* the worst match class over the required groups */
	float score;
};

static roaring_bitmap_t *filter_bitmap(const struct index *ix, const struct query *q, struct buf *why)
{
	roaring_bitmap_t *all = roaring_bitmap_copy(ix->live);
	for (int f = 0; all && f < FACET_COUNT; f++) {
		roaring_bitmap_t *any = NULL;
		for (size_t i = 0; i < q->nfilters; i++) {
			if ((int)q->filters[i].field != f)
				continue;
			int64_t id = index_facet_find(ix, (enum index_facet)f, q->filters[i].value);
			if (id < 0) {
				buf_reject(why, "no %s is called \"%s\"",
					   index_facet_name((enum index_facet)f), q->filters[i].value);
				if (any)
					roaring_bitmap_free(any);
				roaring_bitmap_free(all);
				return NULL;
			}
			if (!any)
				any = roaring_bitmap_create();
			roaring_bitmap_or_inplace(any, facet_at(ix, (enum index_facet)f, (uint32_t)id)->docs);
		}
		if (any) {
			roaring_bitmap_and_inplace(all, any);
			roaring_bitmap_free(any);
		}
	}
	return all;
}

static float idf(const struct index *ix, size_t df)
{
	return logf(1.0f + ((float)ix->nlive - (float)df + 0.5f) / ((float)df + 0.5f));
}

/* The smallest window (in positions) holding a position of every required
 * group in doc; 0 if fewer than two groups. */
static uint32_t min_span(const struct search *s, const int *required, size_t ng, uint32_t doc)
{
	const uint32_t *p[QUERY_UNITS_MAX];
	size_t n[QUERY_UNITS_MAX], at[QUERY_UNITS_MAX] = {0}, k = 0;
	for (size_t g = 0; g < ng; g++) {
		if (!required[g])
			continue;
		int64_t i = dlist_find(&s->groups[g], doc);
		if (i < 0)
			return 0;
		p[k] = dlist_pos(&s->groups[g], (size_t)i, &n[k]);
		if (!n[k])
			return 0;
		k++;
	}
	if (k < 2)
		return 0;
	uint32_t best = UINT32_MAX;
	for (;;) { /* advance the list holding the smallest position */
		uint32_t lo = UINT32_MAX, hi = 0;
		size_t lo_i = 0;
		for (size_t i = 0; i < k; i++) {
			uint32_t v = p[i][at[i]];
			if (v < lo)
				lo = v, lo_i = i;
			if (v > hi)
				hi = v;
		}
		if (hi - lo < best)
			best = hi - lo;
		if (++at[lo_i] >= n[lo_i])
			break;
	}
	return best;
}

static int by_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->doc < y->doc) - (x->doc > y->doc); /* newer first */
}

/* Documents in every required group, in none of the excluded ones, and in
 * the filters; with no words at all, every document of the filters. */
static enum px_err candidates(struct search *s, const int *required, const int *excluded, size_t ng,
			      const roaring_bitmap_t *allowed, struct buf *out)
{
	int any = 0;
	size_t smallest = 0;
	for (size_t g = 0; g < ng; g++)
		if (required[g] && (!any || dlist_len(&s->groups[g]) < dlist_len(&s->groups[smallest])))
			smallest = g, any = 1;
	enum px_err err = PX_OK;
	if (!any) {
		roaring_uint32_iterator_t *it = roaring_create_iterator(allowed);
		for (; !err && it && it->has_value; roaring_advance_uint32_iterator(it)) {
			struct scored c = {it->current_value, 0, 0};
			err = buf_add(out, &c, sizeof c);
		}
		roaring_free_uint32_iterator(it);
	}
	const struct dlist *base = &s->groups[smallest];
	for (size_t i = 0; any && !err && i < dlist_len(base); i++) {
		uint32_t doc = dlist_doc(base, i);
		int keep = roaring_bitmap_contains(allowed, doc);
		for (size_t g = 0; keep && g < ng; g++)
			if ((required[g] || excluded[g]) && g != smallest)
				keep = (dlist_find(&s->groups[g], doc) >= 0) == !excluded[g];
		struct scored c = {doc, 0, 0};
		if (keep)
			err = buf_add(out, &c, sizeof c);
	}
	if (!any) { /* exclusions still apply */
		struct scored *c = (struct scored *)(void *)out->data;
		size_t n = out->len / sizeof *c, k = 0;
		for (size_t i = 0; i < n; i++) {
			int keep = 1;
			for (size_t g = 0; keep && g < ng; g++)
				if (excluded[g])
					keep = dlist_find(&s->groups[g], c[i].doc) < 0;
			if (keep)
				c[k++] = c[i];
		}
		out->len = k * sizeof *c;
	}
	return err;
}

static void score_all(struct search *s, const int *required, const int *excluded, size_t ng, struct scored *c,
		      size_t n)
{
	float weights[QUERY_UNITS_MAX];
	for (size_t g = 0; g < ng; g++)
		weights[g] = excluded[g] ? 0 : idf(s->ix, dlist_len(&s->groups[g])) * (K1 + 1);
	for (size_t i = 0; i < n; i++) {
		float score = 0;
		unsigned tier = 0;
		for (size_t g = 0; g < ng; g++) {
			if (excluded[g])
				continue;
			int64_t at = dlist_find(&s->groups[g], c[i].doc);
			if (at < 0)
				continue;
			float tfw = dlist_tfw(&s->groups[g], (size_t)at);
			score += weights[g] * tfw / (K1 + tfw);
			if (required[g] && dlist_cls(&s->groups[g], (size_t)at) > tier)
				tier = dlist_cls(&s->groups[g], (size_t)at);
		}
		c[i].score = score;
		c[i].tier = tier;
	}
}

static int by_nid_desc(const void *a, const void *b, void *ixp)
{
	const struct index *ix = ixp;
	int64_t x = doc_at(ix, ((const struct scored *)a)->doc)->nid;
	int64_t y = doc_at(ix, ((const struct scored *)b)->doc)->nid;
	return (x < y) - (x > y);
}

typedef int (*rank_cmp)(const void *, const void *, void *);

static int by_score_r(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return by_score(a, b);
}

/* Restores the heap below i: every parent ranks after its children (the
 * root is the worst of the kept). */
static void sift_down(struct scored *h, size_t n, size_t i, rank_cmp cmp, void *ctx)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < n && cmp(&h[l], &h[w], ctx) > 0)
			w = l;
		if (r < n && cmp(&h[r], &h[w], ctx) > 0)
			w = r;
		if (w == i)
			return;
		struct scored t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

/* Moves the k best of c[0..n) to c[0..k), in order; the rest stay behind
 * unordered. O(n log k): a page needs its best few, not a sorted million. */
static void select_top(struct scored *c, size_t n, size_t k, rank_cmp cmp, void *ctx)
{
	if (k == 0)
		return;
	if (k >= n) {
		qsort_r(c, n, sizeof *c, cmp, ctx);
		return;
	}
	for (size_t i = k / 2 + 1; i-- > 0;)
		sift_down(c, k, i, cmp, ctx);
	for (size_t i = k; i < n; i++) {
		if (cmp(&c[i], &c[0], ctx) >= 0)
			continue;
		struct scored t = c[0];
		c[0] = c[i];
		c[i] = t;
		sift_down(c, k, 0, cmp, ctx);
	}
	qsort_r(c, k, sizeof *c, cmp, ctx);
}

/* Orders the best `want` (at least RERANK) of c: by score with a proximity
 * bonus among them, or by nid (newest first) when the query has no words. */
static void rank(struct search *s, const int *required, size_t ng, struct scored *c, size_t n, size_t want,
		 int words)
{
	if (n == 0)
		return; /* c may be NULL */
	if (!words) {
		select_top(c, n, want, by_nid_desc, (void *)s->ix);
		return;
	}
	size_t top = want > RERANK ? want : RERANK;
	if (top > n)
		top = n;
	select_top(c, n, top, by_score_r, NULL);
	for (size_t i = 0; i < top; i++) {
		uint32_t span = min_span(s, required, ng, c[i].doc);
		if (span)
			c[i].score += PROXIMITY_WEIGHT / (float)span;
	}
	qsort(c, top, sizeof *c, by_score);
}

/* ---- the result ---- */

static int by_count(const void *a, const void *b)
{
	const struct index_count *x = a, *y = b;
	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	return strcmp(x->value, y->value);
}

static enum px_err count_facets(const struct index *ix, const struct scored *c, size_t n,
				struct index_result *r)
{
	roaring_bitmap_t *hits = roaring_bitmap_create();
	if (!hits)
		return PX_ENOMEM;
	for (size_t i = 0; i < n; i++)
		roaring_bitmap_add(hits, c[i].doc);
	enum px_err err = PX_OK;
	for (int f = 0; !err && f < FACET_COUNT; f++) {
		if (f == FACET_AUTHOR)
			continue;
		size_t nv = facet_count(ix, (enum index_facet)f);
		struct index_count *counts = calloc(nv ? nv : 1, sizeof *counts);
		if (!counts) {
			err = PX_ENOMEM;
			break;
		}
		size_t k = 0;
		for (size_t v = 0; v < nv; v++) {
			const struct facet_value *fv = facet_at(ix, (enum index_facet)f, (uint32_t)v);
			uint64_t cnt = roaring_bitmap_and_cardinality(hits, fv->docs);
			if (!cnt)
				continue;
			if (!(counts[k].value = px_strdup(fv->value))) {
				err = PX_ENOMEM;
				break;
			}
			counts[k++].count = (size_t)cnt;
		}
		qsort(counts, k, sizeof *counts, by_count);
		r->facets[f] = counts;
		r->nfacet[f] = k;
	}
	roaring_bitmap_free(hits);
	return err;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the matched terms and drops duplicates, as index_snippet() wants. */
static void sort_matched(struct ptrvec *m)
{
	size_t n = ptrvec_len(m), k = 0;
	char **t = (char **)(void *)m->b.data;
	if (n)
		qsort(t, n, sizeof *t, by_str);
	for (size_t i = 0; i < n; i++) {
		if (k && !strcmp(t[k - 1], t[i]))
			free(t[i]);
		else
			t[k++] = t[i];
	}
	m->b.len = k * sizeof *t;
}

static enum px_err fill_hits(struct search *s, const struct index_query *iq, const struct scored *c, size_t n,
			     struct index_result *r)
{
	if (iq->snippets)
		sort_matched(&s->matched);
	size_t from = iq->offset < n ? iq->offset : n;
	size_t count = n - from < iq->limit ? n - from : iq->limit;
	r->hits = calloc(count ? count : 1, sizeof *r->hits);
	if (!r->hits)
		return PX_ENOMEM;
	struct buf text; /* the text of the hit a snippet is cut from */
	buf_init(&text, BUF_CAP_DEFAULT);
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < count; i++) {
		const struct doc *d = doc_at(s->ix, c[from + i].doc);
		struct index_hit *h = &r->hits[r->nhits];
		h->nid = d->nid;
		h->score = c[from + i].score;
		h->type = d->type;
		memcpy(h->language, d->language, sizeof h->language);
		if (!(h->title = px_strdup(d->title))) {
			err = PX_ENOMEM;
			break;
		}
		r->nhits++;
		buf_reset(&text);
		if (iq->snippets && iq->store && store_node_text(iq->store, d->nid, &text) == PX_OK)
			h->snippet = index_snippet(text.data ? text.data : "", &s->matched, SNIPPET_BYTES);
	}
	buf_free(&text);
	return err;
}

/* The query with every corrected word replaced by its correction. */
static char *did_you_mean(const struct search *s, size_t text_filters)
{
	struct buf b;
	buf_init(&b, 4096);
	enum px_err err = PX_OK;
	for (size_t u = 0; !err && u < s->q.nunits; u++) {
		const struct qunit *unit = &s->q.units[u];
		if (b.len)
			err = buf_addc(&b, ' ');
		if (!err && unit->negated)
			err = buf_addc(&b, '-');
		if (!err && unit->phrase)
			err = buf_addc(&b, '"');
		for (size_t w = 0; !err && w < unit->nwords; w++) {
			const char *fix = s->correction[u][w];
			err = buf_printf(&b, "%s%s", w ? " " : "", fix[0] ? fix : unit->words[w].folded);
		}
		if (!err && unit->phrase)
			err = buf_addc(&b, '"');
	}
	for (size_t i = 0; !err && i < text_filters; i++) /* the ones typed in the query */
		err = buf_printf(&b, " %s:\"%s\"", index_facet_name(s->q.filters[i].field),
				 s->q.filters[i].value);
	char *r = err ? NULL : buf_take(&b);
	buf_free(&b);
	return r;
}

/* Sets r->did_you_mean to the corrected query if that finds something (its
 * words all exist, so its own search corrects nothing: no recursion). */
static enum px_err suggest(const struct search *s, const struct index_query *iq, struct index_result *r)
{
	char *text = did_you_mean(s, s->q.nfilters - iq->nfilters);
	if (!text)
		return PX_ENOMEM;
	struct index_query again = *iq;
	again.text = text;
	again.limit = 0;
	again.facets = again.snippets = 0;
	struct index_result r2;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = index_search(s->ix, &again, &r2, &why);
	if (!err) {
		if (r2.total > 0)
			r->did_you_mean = text, text = NULL;
		index_result_free(&r2);
	}
	buf_free(&why);
	free(text);
	return err == PX_EPARSE ? PX_OK : err;
}

static enum px_err run(struct search *s, const struct index_query *iq, struct index_result *r,
		       struct buf *why)
{
	size_t ng = s->q.ngroups;
	int required[QUERY_UNITS_MAX] = {0}, excluded[QUERY_UNITS_MAX] = {0}, optional[QUERY_UNITS_MAX];
	for (size_t g = 0; g < ng; g++)
		optional[g] = 1;
	enum px_err err = PX_OK;
	for (size_t u = 0; !err && u < s->q.nunits; u++) {
		const struct qunit *unit = &s->q.units[u];
		excluded[unit->group] = unit->negated;
		optional[unit->group] &= unit->optional;
		err = match_unit(s, u, &s->groups[unit->group]);
	}
	for (size_t g = 0; g < ng; g++)
		required[g] = !excluded[g] && !optional[g];
	roaring_bitmap_t *allowed = err ? NULL : filter_bitmap(s->ix, &s->q, why);
	if (!err && !allowed)
		return why->len ? PX_EPARSE : PX_ENOMEM;
	struct buf cands;
	buf_init(&cands, BUF_CAP_DEFAULT);
	if (!err)
		err = candidates(s, required, excluded, ng, allowed, &cands);
	roaring_bitmap_free(allowed);
	struct scored *c = (struct scored *)(void *)cands.data;
	size_t n = cands.len / sizeof *c;
	int words = 0;
	for (size_t g = 0; g < ng; g++)
		words |= !excluded[g];
	if (!err) {
		score_all(s, required, excluded, ng, c, n);
		rank(s, required, ng, c, n, iq->offset + iq->limit, words);
		r->total = n;
		err = fill_hits(s, iq, c, n, r);
	}
	if (!err && iq->facets)
		err = count_facets(s->ix, c, n, r);
	if (!err && s->corrected)
		err = suggest(s, iq, r);
	for (size_t i = 0; !err && i < strlist_len(&s->translated); i++)
		err = strlist_add(&r->translated, strlist_get(&s->translated, i),
				  strlen(strlist_get(&s->translated, i)));
	buf_free(&cands);
	return err;
}

enum px_err index_search(const struct index *ix, const struct index_query *iq, struct index_result *r,
			 struct buf *why)
{
	memset(r, 0, sizeof *r);
	strlist_init(&r->translated);
	struct search *s = calloc(1, sizeof *s);
	if (!s || !(s->stem = text_stem_thread())) {
		free(s);
		return PX_ENOMEM;
	}
	s->ix = ix;
	ptrvec_init(&s->matched);
	strlist_init(&s->translated);
	for (size_t g = 0; g < QUERY_UNITS_MAX; g++)
		dlist_init(&s->groups[g]);
	const char *text = iq->text ? iq->text : "";
	size_t bad;
	enum px_err err = PX_OK;
	if (text_utf8_check(text, strlen(text), &bad))
		err = buf_reject_parse(why, "the query is not valid UTF-8 (byte %zu)", bad + 1);
	for (size_t i = 0; !err && i < iq->nfilters; i++)
		if (text_utf8_check(iq->filters[i].value, strlen(iq->filters[i].value), &bad))
			err = buf_reject_parse(why, "filter %s: not valid UTF-8",
					       index_facet_name(iq->filters[i].field));
	if (!err)
		err = query_parse(&s->q, text, why);
	for (size_t i = 0; !err && i < iq->nfilters; i++)
		err = query_add_filter(&s->q, iq->filters[i].field, iq->filters[i].value,
				       strlen(iq->filters[i].value), why);
	if (!err)
		err = run(s, iq, r, why);
	for (size_t g = 0; g < QUERY_UNITS_MAX; g++)
		dlist_free(&s->groups[g]);
	for (size_t i = 0; i < ptrvec_len(&s->matched); i++)
		free(ptrvec_get(&s->matched, i));
	ptrvec_free(&s->matched);
	strlist_free(&s->translated);
	free(s);
	if (err)
		index_result_free(r);
	return err;
}

void index_result_free(struct index_result *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		free(r->hits[i].title);
		free(r->hits[i].snippet);
	}
	free(r->hits);
	for (int f = 0; f < FACET_COUNT; f++) {
		for (size_t i = 0; i < r->nfacet[f]; i++)
			free(r->facets[f][i].value);
		free(r->facets[f]);
	}
	free(r->did_you_mean);
	strlist_free(&r->translated);
	memset(r, 0, sizeof *r);
}
