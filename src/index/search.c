/* Running a query: the groups' document sets (match.c) combined into the
 * candidates with the filters, as bitmaps; candidates scored by BM25F
 * (score.c) in match-class tiers, the best kept in a heap and the proximity
 * of the query words breaking ties among them; then facets over every
 * candidate, snippets and "did you mean".
 *
 * The work that grows with the length of the documents (positions read for
 * phrases and proximity, words read for snippets, the suggestion's own
 * search) is paid from one budget per query, SEARCH_WORK_MAX: what does not
 * fit is skipped and the result marked partial. */
#include "search_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RERANK           100 /* hits re-ranked by proximity */
#define PROXIMITY_WEIGHT 0.5f
#define SNIPPET_BYTES    320

int search_spend(struct search *s, uint64_t n)
{
	if (s->partial || n > s->budget - s->work) {
		s->partial = 1; /* from now on, skip rather than start what may not finish */
		return 0;
	}
	s->work += n;
	return 1;
}

/* ---- candidates and scores ---- */

static roaring_bitmap_t *filter_bitmap(const struct index *ix, const struct query *q, struct buf *why)
{
	roaring_bitmap_t *all = roaring_bitmap_copy(ix->live);
	for (int f = 0; all && f < FACET_COUNT; f++) {
		roaring_bitmap_t *any = NULL;
		for (size_t i = 0; i < q->nfilters; i++) {
			if ((int)q->filters[i].field != f)
				continue;
			int64_t id = index_facet_find(ix, (enum index_facet)f, q->filters[i].value);
			enum node_type t;
			if (!any && !(any = roaring_bitmap_create())) {
				roaring_bitmap_free(all);
				return NULL; /* why empty: out of memory */
			}
			if (id < 0 && f == FACET_TYPE && !node_type_parse(q->filters[i].value, &t))
				continue; /* a type the hub has no node of yet: nothing, not an error */
			if (id < 0 && f >= FACET_PLACE)
				continue; /* a place key nothing files under: a city's other name */
			if (id < 0) {
				buf_reject(why, "no %s is called \"%s\"",
					   index_facet_name((enum index_facet)f), q->filters[i].value);
				if (any)
					roaring_bitmap_free(any);
				roaring_bitmap_free(all);
				return NULL;
			}
			roaring_bitmap_or_inplace(any, facet_at(ix, (enum index_facet)f, (uint32_t)id)->docs);
		}
		if (any) {
			roaring_bitmap_and_inplace(all, any);
			roaring_bitmap_free(any);
		}
	}
	return all;
}

struct in_range {
	const int64_t *population; /* by docno */
	struct index_range r;
	struct buf docs; /* uint32 docnos in range, ascending */
	int failed;
};

static bool keep_in_range(uint32_t docno, void *arg)
{
	struct in_range *k = arg;
	int64_t p = k->population[docno];
	if (p >= 0 && p >= k->r.min && p <= k->r.max && buf_add(&k->docs, &docno, sizeof docno))
		k->failed = 1;
	return !k->failed;
}

/* *allowed narrowed to the documents whose population is in r: one look
 * per document already allowed, so the other filters pay for the range
 * first. PX_ENOMEM leaves *allowed as it was. */
static enum px_err narrow_population(const struct index *ix, roaring_bitmap_t **allowed, const struct index_range *r)
{
	struct in_range k = {(const int64_t *)(const void *)ix->population.data, *r, {0}, 0};
	buf_init(&k.docs, (size_t)UINT32_MAX * sizeof(uint32_t));
	roaring_iterate(*allowed, keep_in_range, &k);
	roaring_bitmap_t *in = k.failed ? NULL
					: roaring_bitmap_of_ptr(k.docs.len / sizeof(uint32_t),
								(const uint32_t *)(const void *)k.docs.data);
	buf_free(&k.docs);
	if (!in)
		return PX_ENOMEM;
	roaring_bitmap_free(*allowed);
	*allowed = in;
	return PX_OK;
}

/* The smallest window (in positions) holding a position of every required
 * group in doc; 0 if fewer than two groups. pos is scratch space. */
static uint32_t min_span(struct search *s, const int *required, size_t ng, uint32_t doc, struct buf *pos)
{
	size_t start[QUERY_UNITS_MAX + 1], at[QUERY_UNITS_MAX] = {0}, k = 0;
	buf_reset(pos);
	for (size_t g = 0; g < ng; g++) {
		if (!required[g])
			continue;
		start[k] = pos->len / sizeof(uint32_t);
		if (group_positions(s, &s->groups[g], doc, pos) ||
		    pos->len / sizeof(uint32_t) == start[k])
			return 0;
		k++;
	}
	start[k] = pos->len / sizeof(uint32_t);
	if (k < 2 || !search_spend(s, (uint64_t)start[k] * k)) /* each step looks at k lists */
		return 0;
	uint32_t *all = (uint32_t *)(void *)pos->data;
	for (size_t i = 0; i < k; i++)
		qsort(all + start[i], start[i + 1] - start[i], sizeof *all, index_cmp_u32);
	uint32_t best = UINT32_MAX;
	for (;;) { /* advance the list holding the smallest position */
		uint32_t lo = UINT32_MAX, hi = 0;
		size_t lo_i = 0;
		for (size_t i = 0; i < k; i++) {
			uint32_t v = all[start[i] + at[i]];
			if (v < lo)
				lo = v, lo_i = i;
			if (v > hi)
				hi = v;
		}
		if (hi - lo < best)
			best = hi - lo;
		if (start[lo_i] + ++at[lo_i] >= start[lo_i + 1])
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

static int by_newest(const void *a, const void *b, void *ixp)
{
	const struct index *ix = ixp;
	return index_newer(ix, ((const struct scored *)a)->doc, ((const struct scored *)b)->doc);
}

/* The newest k of cand, in order, into h (room for k): the first k of
 * ix->newest that cand holds, merged with those of cand that came after
 * the last index_flush(). Returns how many; SIZE_MAX when out of memory. */
static size_t newest_walk(const struct index *ix, const roaring_bitmap_t *cand, size_t k, struct scored *h)
{
	const uint32_t *order = (const uint32_t *)(const void *)ix->newest.data;
	size_t sorted = ix->newest.len / sizeof *order, n = 0;
	for (size_t i = 0; i < sorted && n < k; i++)
		if (roaring_bitmap_contains(cand, order[i]))
			h[n++] = (struct scored){order[i], 0, 0};
	uint64_t later =
		sorted < doc_count(ix) ? roaring_bitmap_range_cardinality(cand, sorted, doc_count(ix)) : 0;
	if (!later)
		return n;
	struct scored *all = malloc((n + later) * sizeof *all);
	if (!all)
		return SIZE_MAX;
	memcpy(all, h, n * sizeof *h);
	size_t m = n;
	for (uint32_t d = (uint32_t)sorted; d < doc_count(ix); d++)
		if (roaring_bitmap_contains(cand, d))
			all[m++] = (struct scored){d, 0, 0};
	qsort_r(all, m, sizeof *all, by_newest, (void *)ix);
	n = m < k ? m : k;
	memcpy(h, all, n * sizeof *h);
	free(all);
	return n;
}

typedef int (*rank_cmp)(const void *, const void *, void *);

static int by_score_r(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return by_score(a, b);
}

/* The best k of a stream of candidates: a heap whose root is the worst
 * kept, so most candidates cost one comparison. O(n log k). */
struct topk {
	struct scored *h;
	size_t n, k;
	rank_cmp cmp;
	void *ctx;
};

/* Restores the heap below i: every parent ranks after its children. */
static void sift_down(struct topk *t, size_t i)
{
	struct scored *h = t->h;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < t->n && t->cmp(&h[l], &h[w], t->ctx) > 0)
			w = l;
		if (r < t->n && t->cmp(&h[r], &h[w], t->ctx) > 0)
			w = r;
		if (w == i)
			return;
		struct scored x = h[i];
		h[i] = h[w];
		h[w] = x;
		i = w;
	}
}

static void topk_push(const struct scored *c, void *arg)
{
	struct topk *t = arg;
	if (t->n < t->k) { /* filling: sift the newcomer up */
		size_t i = t->n++;
		t->h[i] = *c;
		while (i > 0 && t->cmp(&t->h[(i - 1) / 2], &t->h[i], t->ctx) < 0) {
			struct scored x = t->h[i];
			t->h[i] = t->h[(i - 1) / 2];
			t->h[(i - 1) / 2] = x;
			i = (i - 1) / 2;
		}
		return;
	}
	if (t->k == 0 || t->cmp(c, &t->h[0], t->ctx) >= 0)
		return;
	t->h[0] = *c;
	sift_down(t, 0);
}

/* Keeps the best top of cand: by score (with a proximity bonus among
 * them), or newest first (by created, then nid) when words is 0 (the query
 * has none, or asks for the newest). Leaves them in t->h[0..t->n), in order. */
static enum px_err rank(struct search *s, const int *required, const int *excluded,
			const roaring_bitmap_t *cand, size_t want, int words, struct topk *t)
{
	size_t ng = s->q.ngroups;
	uint64_t n = roaring_bitmap_get_cardinality(cand);
	size_t top = words && want < RERANK ? RERANK : want;
	t->k = top < n ? top : (size_t)n;
	t->n = 0;
	t->cmp = words ? by_score_r : by_newest;
	t->ctx = (void *)s->ix;
	if (!(t->h = malloc((t->k ? t->k : 1) * sizeof *t->h)))
		return PX_ENOMEM;
	enum px_err err = PX_OK;
	if (words) {
		err = score_candidates(s, required, excluded, cand, t->k, topk_push, t);
	} else if (t->k * doc_count(s->ix) < n * n) { /* dense: the walk stops early */
		if ((t->n = newest_walk(s->ix, cand, t->k, t->h)) == SIZE_MAX)
			t->n = 0, err = PX_ENOMEM;
		return err;
	} else {
		roaring_uint32_iterator_t it;
		roaring_init_iterator(cand, &it);
		for (; it.has_value; roaring_advance_uint32_iterator(&it)) {
			struct scored c = {it.current_value, 0, 0};
			topk_push(&c, t);
		}
	}
	if (err || !words) {
		qsort_r(t->h, t->n, sizeof *t->h, t->cmp, t->ctx);
		return err;
	}
	size_t nreq = 0;
	for (size_t g = 0; g < ng; g++)
		nreq += required[g] != 0;
	struct buf pos;
	buf_init(&pos, BUF_CAP_DEFAULT);
	for (size_t i = 0; nreq >= 2 && i < t->n; i++) { /* proximity needs two words */
		uint32_t span = min_span(s, required, ng, t->h[i].doc, &pos);
		if (span)
			t->h[i].score += PROXIMITY_WEIGHT / (float)span;
	}
	buf_free(&pos);
	qsort(t->h, t->n, sizeof *t->h, by_score);
	return PX_OK;
}

/* ---- the result ---- */

static int by_count(const void *a, const void *b)
{
	const struct index_count *x = a, *y = b;
	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	return strcmp(x->value, y->value);
}

/* Each facet value's count over a result, tallied from its documents' own
 * values: linear in the result, where intersecting every value's bitmap
 * with it grows with the number of values (thousands of cities). A result
 * of more than half the hub is counted as the live counts less those of
 * the documents it leaves out. */
struct tally {
	const struct index *ix;
	uint32_t *count[FACET_COUNT];
};

static bool tally_doc(uint32_t docno, void *arg)
{
	struct tally *t = arg;
	const struct doc *d = doc_at(t->ix, docno);
	const uint32_t *v = (const uint32_t *)(const void *)t->ix->doc_values.data + d->fv_first;
	for (uint32_t i = 0; i < d->fv_count; i++)
		t->count[v[i] >> FV_SHIFT][v[i] & FV_ID]++;
	return true;
}

/* The values of f counted (count[v] > 0) into *out[*nout], largest first. */
static enum px_err facet_list(const struct index *ix, enum index_facet f, const uint32_t *count,
			      struct index_count **out, size_t *nout)
{
	size_t nv = facet_count(ix, f), k = 0;
	struct index_count *counts = calloc(nv ? nv : 1, sizeof *counts);
	if (!(*out = counts))
		return PX_ENOMEM;
	for (size_t v = 0; v < nv; v++) {
		if (!count[v])
			continue;
		if (!(counts[k].value = px_strdup(facet_at(ix, f, (uint32_t)v)->value)))
			return PX_ENOMEM;
		counts[k++].count = count[v];
		*nout = k;
	}
	qsort(counts, k, sizeof *counts, by_count);
	return PX_OK;
}

static enum px_err count_facets(const struct index *ix, const roaring_bitmap_t *hits, struct index_result *r)
{
	struct tally t = {ix, {0}};
	enum px_err err = PX_OK;
	for (int f = 0; !err && f < FACET_COUNT; f++) /* filters only (places, authors) have no counts */
		if (index_facet_counted((enum index_facet)f) &&
		    !(t.count[f] = calloc(facet_count(ix, (enum index_facet)f) + 1, sizeof(uint32_t))))
			err = PX_ENOMEM;
	roaring_bitmap_t *rest = NULL;
	if (!err && roaring_bitmap_get_cardinality(hits) > ix->nlive / 2) {
		if ((rest = roaring_bitmap_andnot(ix->live, hits)))
			roaring_iterate(rest, tally_doc, &t);
		else
			err = PX_ENOMEM;
	} else if (!err)
		roaring_iterate(hits, tally_doc, &t);
	for (int f = 0; !err && f < FACET_COUNT; f++) {
		if (!index_facet_counted((enum index_facet)f))
			continue;
		for (size_t v = 0; rest && v < facet_count(ix, (enum index_facet)f); v++)
			t.count[f][v] = (uint32_t)facet_at(ix, (enum index_facet)f, (uint32_t)v)->nlive -
					t.count[f][v];
		err = facet_list(ix, (enum index_facet)f, t.count[f], &r->facets[f], &r->nfacet[f]);
	}
	if (rest)
		roaring_bitmap_free(rest);
	for (int f = 0; f < FACET_COUNT; f++)
		free(t.count[f]);
	return err;
}

/* The practices of a result per place, for the map: one entry of
 * index.place_of per hit, so linear in the result as the facets are, and
 * places stay out of doc_values, which every facet count walks. */
struct place_tally {
	const uint32_t *place_of;
	size_t n; /* entries in place_of: every docno, by index_put's and snapshot's rule */
	uint32_t *count;
};

static bool tally_place(uint32_t docno, void *arg)
{
	struct place_tally *t = arg;
	uint32_t id = docno < t->n ? t->place_of[docno] : PLACE_NONE;
	if (id != PLACE_NONE)
		t->count[id]++;
	return true;
}

static enum px_err count_places(const struct index *ix, const roaring_bitmap_t *hits, struct index_result *r)
{
	struct place_tally t = {(const uint32_t *)(const void *)ix->place_of.data,
				ix->place_of.len / sizeof(uint32_t),
				calloc(facet_count(ix, FACET_PLACE) + 1, sizeof(uint32_t))};
	if (!t.count)
		return PX_ENOMEM;
	roaring_iterate(hits, tally_place, &t);
	enum px_err err = facet_list(ix, FACET_PLACE, t.count, &r->places, &r->nplaces);
	free(t.count);
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

/* Hit h's snippet from text, read as far as the budget allows; none once it
 * is spent. */
static void snippet(struct search *s, const char *text, size_t want, struct index_hit *h)
{
	uint64_t left = s->partial ? 0 : s->budget - s->work;
	size_t words = left < SIZE_MAX ? (size_t)left : SIZE_MAX;
	if (!words)
		return;
	h->snippet = index_snippet(text, &s->matched, want, SNIPPET_BYTES, &words);
	if (!search_spend(s, words) || words == left)
		s->partial = 1; /* the text may go on past what was read */
}

/* The text docno's snippet is cut from: the text store's, else (a record
 * lost to a failed put, or damaged) the store's when the query has one. */
static enum px_err hit_text(const struct index *ix, const struct index_query *iq, uint32_t docno,
			    struct buf *text)
{
	enum px_err err = textstore_text(&ix->text, docno, text);
	if (err && err != PX_ENOMEM && iq->store) {
		buf_reset(text);
		err = store_node_text(iq->store, doc_at(ix, docno)->nid, text);
	}
	return err;
}

static enum px_err fill_hits(struct search *s, const struct index_query *iq, const struct scored *c, size_t n,
			     struct index_result *r)
{
	if (iq->snippets)
		sort_matched(&s->matched);
	int wanted[QUERY_UNITS_MAX] = {0};
	size_t want = 0; /* the query's words, one per group: a passage with them all will do */
	for (size_t u = 0; u < s->q.nunits; u++)
		if (!s->q.units[u].negated && !wanted[s->q.units[u].group]++)
			want++;
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
		if (iq->snippets && !s->partial && hit_text(s->ix, iq, c[from + i].doc, &text) == PX_OK)
			snippet(s, text.data ? text.data : "", want, h);
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

static enum px_err search_query(const struct index *ix, const struct index_query *iq, int suggesting,
				uint64_t budget, struct index_result *r, struct buf *why);

/* Sets r->did_you_mean to the corrected query if that finds something. Its
 * words exist, so its own search should correct nothing; it is not asked to
 * (a damaged snapshot, or a term that reads back as other words, could make
 * it correct again, and again). It works within what is left of s's budget,
 * and is not made once that is spent. */
static enum px_err suggest(struct search *s, const struct index_query *iq, struct index_result *r)
{
	if (s->partial)
		return PX_OK;
	char *text = did_you_mean(s, s->q.nfilters - iq->nfilters);
	if (!text)
		return PX_ENOMEM;
	struct index_query again = *iq;
	again.text = text;
	again.limit = 0;
	again.facets = again.snippets = again.places = 0;
	struct index_result r2;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = search_query(s->ix, &again, 0, s->budget - s->work, &r2, &why);
	if (!err) {
		s->work += r2.work; /* within what was left */
		if (r2.partial)
			s->partial = 1;
		else if (r2.total > 0 && !strlist_len(&r2.left_out)) /* it has every word */
			r->did_you_mean = text, text = NULL;
		index_result_free(&r2);
	}
	buf_free(&why);
	free(text);
	return err == PX_EPARSE ? PX_OK : err;
}

/* The documents in the filters and every required group, and in none of
 * the excluded groups. */
static roaring_bitmap_t *candidates(const struct search *s, const int *required, const int *excluded,
				    const roaring_bitmap_t *allowed)
{
	roaring_bitmap_t *cand = roaring_bitmap_copy(allowed);
	for (size_t g = 0; cand && g < s->q.ngroups; g++) {
		if (required[g])
			roaring_bitmap_and_inplace(cand, s->groups[g].docs);
		else if (excluded[g])
			roaring_bitmap_andnot_inplace(cand, s->groups[g].docs);
	}
	return cand;
}

/* The words of each group, as typed: what index_query.each's bits name;
 * "" for a group of stop words or exclusions. */
static enum px_err group_words(const struct search *s, const int *optional, const int *excluded,
			       struct index_result *r)
{
	struct buf w;
	buf_init(&w, BUF_CAP_DEFAULT);
	enum px_err err = PX_OK;
	for (size_t g = 0; !err && g < s->q.ngroups; g++) {
		buf_reset(&w);
		for (size_t u = 0; !err && u < s->q.nunits && !excluded[g] && !optional[g]; u++) {
			const struct qunit *unit = &s->q.units[u];
			if (unit->group != g || w.len)
				continue;
			for (size_t i = 0; !err && i < unit->nwords; i++)
				err = buf_add(&w, " ", i > 0) ? PX_ENOMEM
				      : buf_add(&w, unit->words[i].lower, unit->words[i].nlower);
		}
		if (!err)
			err = strlist_add(&r->groups, w.len ? w.data : "", w.len);
	}
	buf_free(&w);
	return err;
}

/* Hands each hit of the page to iq->each, with its profile and the groups it has. */
static void each_hit(const struct search *s, const struct index_query *iq, const struct scored *c, size_t n)
{
	size_t from = iq->offset < n ? iq->offset : n;
	size_t count = n - from < iq->limit ? n - from : iq->limit;
	for (size_t i = 0; i < count; i++) {
		uint32_t doc = c[from + i].doc, bits = 0;
		for (size_t g = 0; g < s->q.ngroups && g < 32; g++)
			if (s->groups[g].docs && roaring_bitmap_contains(s->groups[g].docs, doc))
				bits |= 1u << g;
		struct index_profile p;
		profile_fill(s->ix, doc, &p);
		iq->each(&p, c[from + i].score, bits, iq->each_arg);
	}
}

struct each_pass {
	const struct search *s;
	const struct index_query *iq;
};

static bool each_visit(uint32_t doc, void *arg)
{
	struct each_pass *e = arg;
	struct index_profile p;
	profile_fill(e->s->ix, doc, &p);
	e->iq->each(&p, 0, 0, e->iq->each_arg);
	return true;
}

/* Hands every document of cand to iq->each (a query without words). */
static void each_doc(const struct search *s, const struct index_query *iq, const roaring_bitmap_t *cand)
{
	struct each_pass e = {s, iq};
	roaring_iterate(cand, each_visit, &e);
}

/* For a query whose words are all optional (index_query.any): the allowed
 * documents that have one of them, stop words aside. */
static roaring_bitmap_t *any_candidates(const struct search *s, const int *excluded, const int *optional,
					const roaring_bitmap_t *allowed)
{
	roaring_bitmap_t *some = roaring_bitmap_create();
	for (size_t g = 0; some && g < s->q.ngroups; g++)
		if (!excluded[g] && !optional[g]) /* a stop word alone brings no document in */
			roaring_bitmap_or_inplace(some, s->groups[g].docs);
	roaring_bitmap_t *cand = some ? roaring_bitmap_and(some, allowed) : NULL;
	for (size_t g = 0; cand && g < s->q.ngroups; g++)
		if (excluded[g])
			roaring_bitmap_andnot_inplace(cand, s->groups[g].docs);
	if (some)
		roaring_bitmap_free(some);
	return cand;
}

/* A required word that no allowed document has, in any form or translation,
 * would empty the result its other words find ("renta mínima": "renta"
 * found nothing): it stops being required, and r->left_out says so. Every
 * hit lacks it, so none ranks above a full match: there is none. Only when
 * some required word remains that finds something. */
static enum px_err leave_out_unknown(const struct search *s, int *required, const roaring_bitmap_t *allowed,
				     struct index_result *r)
{
	int empty[QUERY_UNITS_MAX] = {0}, found = 0;
	for (size_t g = 0; g < s->q.ngroups; g++) {
		if (!required[g])
			continue;
		empty[g] = !roaring_bitmap_intersect(s->groups[g].docs, allowed);
		found |= !empty[g];
	}
	enum px_err err = PX_OK;
	for (size_t g = 0; found && !err && g < s->q.ngroups; g++) {
		if (!empty[g])
			continue;
		required[g] = 0;
		const char *w = strlist_get(&r->groups, g);
		err = strlist_add(&r->left_out, w, strlen(w));
	}
	return err;
}

/* Words that no document holds together empty a result though each finds
 * something ("street lighting": the hub says "street" in English and
 * "lighting" only in Slovak it cannot translate into). Rather than nothing,
 * the result is then the documents that hold the most of them, ranked by
 * score; the words some of those lack stop being required, and
 * r->left_out names them. *cand is the empty strict result, replaced. */
static enum px_err hold_most(const struct search *s, int *required, const int *excluded,
			     const roaring_bitmap_t *allowed, roaring_bitmap_t **cand, struct index_result *r)
{
	size_t ng = s->q.ngroups, nreq = 0;
	roaring_bitmap_t *some = roaring_bitmap_create();
	for (size_t g = 0; some && g < ng; g++)
		if (required[g] && ++nreq)
			roaring_bitmap_or_inplace(some, s->groups[g].docs);
	if (!some)
		return PX_ENOMEM;
	roaring_bitmap_and_inplace(some, allowed);
	for (size_t g = 0; g < ng; g++)
		if (excluded[g])
			roaring_bitmap_andnot_inplace(some, s->groups[g].docs);
	roaring_bitmap_t *best = roaring_bitmap_create();
	size_t most = 0;
	roaring_uint32_iterator_t it;
	roaring_init_iterator(some, &it);
	for (; best && it.has_value; roaring_advance_uint32_iterator(&it)) {
		size_t held = 0;
		for (size_t g = 0; g < ng; g++)
			held += required[g] && roaring_bitmap_contains(s->groups[g].docs, it.current_value);
		if (held > most) {
			most = held;
			roaring_bitmap_clear(best);
		}
		if (held == most)
			roaring_bitmap_add(best, it.current_value);
	}
	roaring_bitmap_free(some);
	if (!best)
		return PX_ENOMEM;
	enum px_err err = PX_OK;
	for (size_t g = 0; most && !err && g < ng; g++) {
		if (!required[g] || roaring_bitmap_is_subset(best, s->groups[g].docs))
			continue;
		required[g] = 0;
		const char *w = strlist_get(&r->groups, g);
		err = strlist_add(&r->left_out, w, strlen(w));
	}
	roaring_bitmap_free(*cand);
	*cand = best;
	return err;
}

static enum px_err run(struct search *s, const struct index_query *iq, int suggesting, struct index_result *r,
		       struct buf *why)
{
	size_t ng = s->q.ngroups;
	int required[QUERY_UNITS_MAX] = {0}, excluded[QUERY_UNITS_MAX] = {0}, optional[QUERY_UNITS_MAX];
	for (size_t g = 0; g < ng; g++)
		optional[g] = 1;
	roaring_bitmap_t *allowed = filter_bitmap(s->ix, &s->q, why);
	if (!allowed)
		return why->len ? PX_EPARSE : PX_ENOMEM;
	enum px_err err = iq->population.set ? narrow_population(s->ix, &allowed, &iq->population) : PX_OK;
	for (size_t g = 0; !err && g < ng; g++)
		if (!s->groups[g].docs)
			err = PX_ENOMEM;
	for (size_t u = 0; !err && u < s->q.nunits; u++) {
		const struct qunit *unit = &s->q.units[u];
		excluded[unit->group] = unit->negated;
		optional[unit->group] &= unit->optional;
		if (!(iq->any && unit->optional)) /* any word will do: a stop word says nothing */
			err = match_unit(s, u, allowed, &s->groups[unit->group]);
	}
	if (!err && !iq->any && !iq->each) /* each(): a match of the words as given */
		err = match_compounds(s, allowed, optional);
	ng = s->q.ngroups;
	int words = 0;
	if (!err)
		err = group_words(s, optional, excluded, r);
	for (size_t g = 0; g < ng; g++) {
		required[g] = !excluded[g] && !optional[g] && !iq->any;
		words |= !excluded[g];
		if (!err)
			roaring_bitmap_and_inplace(s->groups[g].docs, s->ix->live);
	}
	if (!err && !iq->any && !iq->each) /* each(): a match wants every word */
		err = leave_out_unknown(s, required, allowed, r);
	roaring_bitmap_t *cand = err ? NULL
				: iq->any && words ? any_candidates(s, excluded, optional, allowed)
						   : candidates(s, required, excluded, allowed);
	if (!err && !cand)
		err = PX_ENOMEM;
	if (!err && !iq->any && !iq->each && roaring_bitmap_is_empty(cand))
		err = hold_most(s, required, excluded, allowed, &cand, r);
	roaring_bitmap_free(allowed);
	struct topk top = {0};
	/* every hit to each() and no words to rank by: in docno order, unsorted */
	int all = iq->each && !words && !iq->offset && cand && iq->limit >= roaring_bitmap_get_cardinality(cand);
	if (!err && !all) /* newest first: the candidates are the same, only their order differs */
		err = rank(s, required, excluded, cand, iq->offset + iq->limit, words && !iq->newest, &top);
	if (!err) {
		r->total = (size_t)roaring_bitmap_get_cardinality(cand);
		r->words = words;
		if (all)
			each_doc(s, iq, cand);
		else if (iq->each)
			each_hit(s, iq, top.h, top.n);
		else
			err = fill_hits(s, iq, top.h, top.n, r);
	}
	if (!err && iq->facets && !count_memo_recall(s->ix->counts, COUNT_FACETS, cand, r) &&
	    !(err = count_facets(s->ix, cand, r)))
		count_memo_keep(s->ix->counts, COUNT_FACETS, cand, r);
	if (!err && iq->places && !count_memo_recall(s->ix->counts, COUNT_PLACES, cand, r) &&
	    !(err = count_places(s->ix, cand, r)))
		count_memo_keep(s->ix->counts, COUNT_PLACES, cand, r);
	if (!err && s->corrected && suggesting && !iq->each) /* each(): a match, not a reader's query */
		err = suggest(s, iq, r);
	for (size_t i = 0; !err && i < strlist_len(&s->translated); i++)
		err = strlist_add(&r->translated, strlist_get(&s->translated, i),
				  strlen(strlist_get(&s->translated, i)));
	r->work = s->work;
	r->partial = s->partial;
	free(top.h);
	if (cand)
		roaring_bitmap_free(cand);
	return err;
}

enum px_err index_search(const struct index *ix, const struct index_query *iq, struct index_result *r,
			 struct buf *why)
{
	return search_query(ix, iq, 1, SEARCH_WORK_MAX, r, why);
}

static enum px_err search_query(const struct index *ix, const struct index_query *iq, int suggesting,
				uint64_t budget, struct index_result *r, struct buf *why)
{
	memset(r, 0, sizeof *r);
	strlist_init(&r->translated);
	strlist_init(&r->left_out);
	strlist_init(&r->groups);
	struct search *s = calloc(1, sizeof *s);
	if (!s || !(s->stem = text_stem_thread())) {
		free(s);
		return PX_ENOMEM;
	}
	s->ix = ix;
	s->budget = budget;
	ptrvec_init(&s->matched);
	strlist_init(&s->translated);
	for (size_t g = 0; g < QUERY_UNITS_MAX; g++)
		group_init(&s->groups[g]);
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
		err = run(s, iq, suggesting, r, why);
	for (size_t g = 0; g < QUERY_UNITS_MAX; g++)
		group_free(&s->groups[g]);
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
	for (size_t i = 0; i < r->nplaces; i++)
		free(r->places[i].value);
	free(r->places);
	free(r->did_you_mean);
	strlist_free(&r->translated);
	strlist_free(&r->left_out);
	strlist_free(&r->groups);
	memset(r, 0, sizeof *r);
}
