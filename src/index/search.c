/* Running a query: words to alternatives (exact, stemmed, prefix, typo),
 * alternatives to document lists, lists to ranked hits, facets, snippets.
 *
 * Ranking is BM25F (field weights in dlist.c); an alternative's term
 * frequency is scaled by how it matched, so exact matches rank above
 * stemmed ones, stemmed above prefix and typo matches; the proximity of
 * the query words breaks ties among the best hits. */
#include "search_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define K1                   1.2f
#define W_EXACT              1.0f
#define W_STEM               0.7f
#define W_PREFIX             0.5f
#define W_TRUNCATED          0.45f
#define W_TRANSLATED         0.3f
#define W_TYPO1              0.4f
#define W_TYPO2              0.25f
#define PREFIX_TERMS_MAX     50 /* expansions of a prefix, most frequent first */
#define TRANSLATED_TERMS_MAX 16
#define TYPO_TERMS_MAX       8
#define TRUNCATE_MIN         5   /* code points a truncated word keeps */
#define RERANK               200 /* hits re-ranked by proximity */
#define PROXIMITY_WEIGHT     0.5f
#define SNIPPET_BYTES        320

struct search {
	const struct index *ix;
	struct query q;
	struct text_stem *stem;
	struct ptrvec matched;     /* char *: folded terms that matched, for snippets */
	struct strlist translated; /* "word → translation" that the index has */
	struct dlist groups[QUERY_UNITS_MAX];
	char correction[QUERY_UNITS_MAX][QUERY_WORDS_MAX][TEXT_TOKEN_MAX]; /* "" = none */
	int corrected;
};

static enum px_err note_match(struct search *s, uint32_t term)
{
	const struct term *t = term_at(s->ix, term);
	char *copy = px_strndup(term_text(s->ix, term), t->len);
	if (!copy || ptrvec_push(&s->matched, copy)) {
		free(copy);
		return PX_ENOMEM;
	}
	return PX_OK;
}

/* Adds term's documents to *acc (acc = acc ∪ term), weighted. */
static enum px_err add_term(struct search *s, uint32_t term, float weight, unsigned cls, struct dlist *acc)
{
	struct dlist one, merged;
	dlist_init(&one);
	dlist_init(&merged);
	enum px_err err = dlist_decode(s->ix, term, weight, cls, &one);
	if (!err)
		err = dlist_union(acc, &one, &merged);
	if (!err) {
		struct dlist tmp = *acc;
		*acc = merged;
		merged = tmp;
		err = note_match(s, term);
	}
	dlist_free(&one);
	dlist_free(&merged);
	return err;
}

struct cand {
	uint32_t term;
	uint32_t df;
	int dist;
};

static int by_quality(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist - y->dist;
	return (x->df < y->df) - (x->df > y->df);
}

static size_t code_points(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Keeps the best `max` candidates of c[0..*n) (sorted by quality). */
static void keep_best(struct cand *c, size_t *n, size_t max)
{
	qsort(c, *n, sizeof *c, by_quality);
	if (*n > max)
		*n = max;
}

struct typo_sink {
	const struct index *ix;
	struct cand *c;
	size_t n, cap, max;
};

static void typo_found(uint32_t term, int dist, void *arg)
{
	struct typo_sink *t = arg;
	if (dist == 0)
		return;
	t->c[t->n++] = (struct cand){term, term_at(t->ix, term)->df, dist};
	if (t->n == t->cap)
		keep_best(t->c, &t->n, t->max);
}

/* Terms within typo distance of w (1 from 5 code points, 2 from 9). */
static size_t typo_terms(const struct index *ix, const struct qword *w, struct cand *out, size_t max)
{
	size_t cps = code_points(w->folded, w->nfolded);
	int limit = cps >= 9 ? 2 : cps >= 5 ? 1 : 0;
	if (!limit)
		return 0;
	struct typo_sink t = {ix, malloc(max * 8 * sizeof(struct cand)), 0, max * 8, max};
	if (!t.c)
		return 0;
	index_typo_terms(ix, w->folded, w->nfolded, limit, typo_found, &t);
	keep_best(t.c, &t.n, max);
	memcpy(out, t.c, t.n * sizeof *out);
	free(t.c);
	return t.n;
}

/* Terms that begin with w (w itself only if with_w). */
static size_t prefix_terms(const struct index *ix, const struct qword *w, int with_w, struct cand *out,
			   size_t max)
{
	size_t n = 0, cap = max * 8;
	struct cand *tmp = malloc(cap * sizeof *tmp);
	if (!tmp)
		return 0;
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	for (size_t i = index_sorted_lower(ix, w->folded, w->nfolded); i < ix->nsorted; i++) {
		const struct term *t = term_at(ix, ids[i]);
		if (t->len < w->nfolded || memcmp(term_text(ix, ids[i]), w->folded, w->nfolded))
			break;
		if (t->len > w->nfolded || with_w)
			tmp[n++] = (struct cand){ids[i], t->df, 0};
		if (n == cap)
			keep_best(tmp, &n, max);
	}
	for (size_t id = ix->nsorted; id < term_count(ix); id++) { /* not yet sorted */
		const struct term *t = term_at(ix, (uint32_t)id);
		if ((t->len > w->nfolded || (with_w && t->len == w->nfolded)) &&
		    !memcmp(term_text(ix, (uint32_t)id), w->folded, w->nfolded)) {
			tmp[n++] = (struct cand){(uint32_t)id, t->df, 0};
			if (n == cap)
				keep_best(tmp, &n, max);
		}
	}
	keep_best(tmp, &n, max);
	memcpy(out, tmp, n * sizeof *out);
	free(tmp);
	return n;
}

/* Terms that share the word's first letters, all but its last three (at
 * least TRUNCATE_MIN code points), and are no more than 4 letters longer. */
static size_t truncated_terms(const struct index *ix, const struct qword *w, struct cand *out, size_t max)
{
	size_t cps = code_points(w->folded, w->nfolded);
	if (cps < TRUNCATE_MIN + 2)
		return 0;
	size_t keep = cps - 3 < TRUNCATE_MIN ? TRUNCATE_MIN : cps - 3, bytes = 0, k = 0;
	for (; bytes < w->nfolded; bytes++) /* bytes of the first `keep` code points */
		if (((unsigned char)w->folded[bytes] & 0xc0) != 0x80 && k++ == keep)
			break;
	struct qword stem = *w;
	stem.nfolded = bytes;
	size_t n = prefix_terms(ix, &stem, 1, out, max * 4); /* out holds max * 4 */
	k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t tc = code_points(term_text(ix, out[i].term), term_at(ix, out[i].term)->len);
		if (tc <= cps + 4 && k < max)
			out[k++] = out[i];
	}
	return k;
}

struct translation_sink {
	struct search *s;
	const char *word;
	struct cand c[TRANSLATED_TERMS_MAX];
	char what[TRANSLATED_TERMS_MAX][2 * TEXT_TOKEN_MAX + 16]; /* "vivienda → dwelling" */
	size_t n;
};

/* Keeps a translation that is a term of the index in its language (and not
 * one the word has already: the word itself, an inflection). */
static void translation_found(const char *from, const char *to, const char *word, size_t len, void *arg)
{
	struct translation_sink *t = arg;
	(void)from;
	int bit = index_lang_bit(to);
	int64_t id = bit < 0 ? -1 : index_term_find(t->s->ix, word, len);
	if (id < 0 || !(term_at(t->s->ix, (uint32_t)id)->langs >> bit & 1u) || t->n == TRANSLATED_TERMS_MAX)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].term == (uint32_t)id)
			return;
	t->c[t->n] = (struct cand){(uint32_t)id, term_at(t->s->ix, (uint32_t)id)->df, 0};
	snprintf(t->what[t->n], sizeof t->what[0], "%s \u2192 %.*s", t->word, (int)len, word);
	t->n++;
}

/* Adds the word's translations (bilingual dictionaries) that the hub has,
 * below every native match, and notes them for the result. */
static enum px_err translated_terms(struct search *s, size_t u, size_t wi, struct dlist *out)
{
	const struct qword *w = &s->q.units[u].words[wi];
	struct translation_sink *t = malloc(sizeof *t);
	if (!t)
		return PX_ENOMEM;
	t->s = s;
	t->word = w->folded;
	t->n = 0;
	text_translate(w->folded, w->nfolded, translation_found, t);
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < t->n; i++) {
		err = add_term(s, t->c[i].term, W_TRANSLATED, MATCH_TRANSLATED, out);
		if (!err && !s->q.units[u].negated)
			err = strlist_add_unique(&s->translated, t->what[i], strlen(t->what[i]));
	}
	free(t);
	return err;
}

/* The documents of one query word, through all its alternatives. */
static enum px_err word_list(struct search *s, size_t u, size_t wi, struct dlist *out)
{
	const struct qword *w = &s->q.units[u].words[wi];
	const struct index *ix = s->ix;
	enum px_err err = PX_OK;
	int found = 0;
	int64_t exact = index_term_find(ix, w->folded, w->nfolded);
	if (exact >= 0) {
		found = 1;
		err = add_term(s, (uint32_t)exact, W_EXACT, MATCH_EXACT, out);
	}
	/* Stemmed: the terms that share the word's stem in a language of the hub. */
	for (size_t l = 0; !err && l < index_nlangs; l++) {
		const char *lang = index_langs[l];
		if (!text_stem_has(lang) || index_facet_find(ix, FACET_LANGUAGE, lang) < 0)
			continue;
		char stem[TEXT_TOKEN_MAX];
		size_t n = text_stem(s->stem, lang, w->lower, w->nlower, stem, sizeof stem);
		const struct stem_group *g = n ? index_stem_find(ix, lang, stem, n) : NULL;
		const uint32_t *ids = g ? (const uint32_t *)(const void *)g->ids.data : NULL;
		for (size_t i = 0; !err && g && i < g->ids.len / sizeof *ids; i++) {
			if ((int64_t)ids[i] == exact)
				continue;
			found = 1;
			err = add_term(s, ids[i], W_STEM, MATCH_STEM, out);
		}
	}
	struct cand c[PREFIX_TERMS_MAX * 4];
	size_t nc = w->prefix && !err ? prefix_terms(ix, w, 0, c, PREFIX_TERMS_MAX) : 0;
	for (size_t i = 0; !err && i < nc; i++) {
		found = 1;
		err = add_term(s, c[i].term, W_PREFIX, MATCH_PREFIX, out);
	}
	if (!err)
		err = translated_terms(s, u, wi, out);
	if (found || err)
		return err;
	/* Nothing matches as written. Languages without a Snowball stemmer
	 * (Polish, Czech, Slovak, ...) inflect by endings: words sharing all
	 * but the last few letters are likely forms of the same word. */
	nc = truncated_terms(ix, w, c, PREFIX_TERMS_MAX);
	for (size_t i = 0; !err && i < nc; i++)
		err = add_term(s, c[i].term, W_TRUNCATED, MATCH_STEM, out);
	if (err)
		return err;
	/* And typos. The closest, most frequent one is the correction. */
	nc = typo_terms(ix, w, c, TYPO_TERMS_MAX);
	for (size_t i = 0; !err && i < nc; i++)
		err = add_term(s, c[i].term, c[i].dist == 1 ? W_TYPO1 : W_TYPO2, MATCH_TYPO, out);
	if (nc) {
		const struct term *t = term_at(ix, c[0].term);
		memcpy(s->correction[u][wi], term_text(ix, c[0].term), t->len);
		s->correction[u][wi][t->len] = '\0';
		s->corrected = 1;
	}
	return err;
}

/* The documents of a unit: a word, or a phrase (words at consecutive
 * positions). */
static enum px_err unit_list(struct search *s, size_t u, struct dlist *out)
{
	const struct qunit *unit = &s->q.units[u];
	struct dlist acc, next, tmp;
	dlist_init(&acc);
	dlist_init(&next);
	dlist_init(&tmp);
	enum px_err err = word_list(s, u, 0, &acc);
	for (size_t wi = 1; !err && wi < unit->nwords; wi++) {
		dlist_reset(&next);
		dlist_reset(&tmp);
		err = word_list(s, u, wi, &next);
		if (!err)
			err = dlist_follow(&acc, &next, unit->words[wi].pos - unit->words[0].pos, &tmp);
		if (!err) {
			struct dlist swap = acc;
			acc = tmp;
			tmp = swap;
		}
	}
	dlist_reset(&tmp);
	if (!err)
		err = dlist_union(out, &acc, &tmp);
	if (!err) {
		struct dlist swap = *out;
		*out = tmp;
		tmp = swap;
	}
	dlist_free(&acc);
	dlist_free(&next);
	dlist_free(&tmp);
	return err;
}

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

/* Orders c: by score with a proximity bonus among the best RERANK, or by
 * nid (newest first) when the query has no words. */
static void rank(struct search *s, const int *required, size_t ng, struct scored *c, size_t n, size_t want,
		 int words)
{
	if (n == 0)
		return; /* c may be NULL */
	if (!words) {
		qsort_r(c, n, sizeof *c, by_nid_desc, (void *)s->ix);
		return;
	}
	qsort(c, n, sizeof *c, by_score);
	size_t top = want > RERANK ? want : RERANK;
	if (top > n)
		top = n;
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

/* The text a snippet is cut from: what a reader sees below the title. */
static char *snippet_text(const struct node *n)
{
	struct buf b;
	buf_init(&b, BUF_CAP_DEFAULT);
	enum px_err err = PX_OK;
	if (n->subtitle)
		err = buf_printf(&b, "%s\n", n->subtitle);
	for (size_t i = 0; !err && i < node_section_count(n); i++)
		err = buf_printf(&b, "%s\n", node_section(n, i)->text);
	if (!err && n->body)
		err = buf_adds(&b, n->body);
	char *r = err ? NULL : buf_take(&b);
	buf_free(&b);
	return r;
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
	for (size_t i = 0; i < count; i++) {
		const struct doc *d = doc_at(s->ix, c[from + i].doc);
		struct index_hit *h = &r->hits[r->nhits];
		h->nid = d->nid;
		h->score = c[from + i].score;
		h->type = d->type;
		memcpy(h->language, d->language, sizeof h->language);
		if (!(h->title = px_strdup(d->title)))
			return PX_ENOMEM;
		r->nhits++;
		struct node *node = NULL;
		if (!iq->snippets || !iq->store || store_node_get(iq->store, d->nid, &node))
			continue;
		char *text = snippet_text(node);
		h->snippet = text ? index_snippet(text, &s->matched, SNIPPET_BYTES) : NULL;
		free(text);
		node_free(node);
	}
	return PX_OK;
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
		err = unit_list(s, u, &s->groups[unit->group]);
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
