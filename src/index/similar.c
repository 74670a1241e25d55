/* Similar nodes: the "related practices" of a node. Its most telling words
 * (frequent in it, rare in the hub: tf × idf) are looked up as one OR
 * query, each document scored by the idf-weighted words it shares; a shared
 * theme adds as much as a fairly rare word. The node itself is left out. */
#include "search_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SIMILAR_TERMS 24   /* words of the node that are looked up */
#define THEME_BONUS   1.0f /* per shared theme */

struct tf {
	uint32_t term;
	float weight; /* tf × idf, then idf alone for scoring */
};

struct counter {
	const struct index *ix;
	struct buf tfs; /* struct tf[], one per term */
	enum px_err err;
};

static int count_token(const struct text_token *tok, void *arg)
{
	struct counter *c = arg;
	int64_t id = index_term_find(c->ix, tok->folded, tok->nfolded);
	/* a word only this node has relates it to nothing */
	if (id < 0 || term_at(c->ix, (uint32_t)id)->df < 2 ||
	    text_stopword(NULL, tok->folded, tok->nfolded) || tok->nfolded < 3)
		return 0;
	struct tf *t = (struct tf *)(void *)c->tfs.data;
	size_t n = c->tfs.len / sizeof *t;
	for (size_t i = 0; i < n; i++)
		if (t[i].term == (uint32_t)id) {
			t[i].weight += 1;
			return 0;
		}
	struct tf nt = {(uint32_t)id, 1};
	return (c->err = buf_add(&c->tfs, &nt, sizeof nt)) != PX_OK;
}

static int by_weight(const void *a, const void *b)
{
	const struct tf *x = a, *y = b;
	return (x->weight < y->weight) - (x->weight > y->weight);
}

static float term_idf(const struct index *ix, uint32_t term)
{
	float df = (float)term_at(ix, term)->df;
	return logf(1.0f + ((float)ix->nlive - df + 0.5f) / (df + 0.5f));
}

/* The node's words with their tf × idf, best first. */
static enum px_err telling_words(const struct index *ix, const struct node *n, struct counter *c)
{
	const char *fields[] = {n->title, n->subtitle, n->body};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i])
			text_tokenize(fields[i], strlen(fields[i]), 0, count_token, c);
	for (size_t i = 0; !c->err && i < node_section_count(n); i++)
		text_tokenize(node_section(n, i)->text, strlen(node_section(n, i)->text), 0, count_token, c);
	struct tf *t = (struct tf *)(void *)c->tfs.data;
	size_t k = c->tfs.len / sizeof *t;
	for (size_t i = 0; i < k; i++)
		t[i].weight = logf(1.0f + t[i].weight) * term_idf(ix, t[i].term);
	if (k)
		qsort(t, k, sizeof *t, by_weight);
	return c->err;
}

struct sim {
	uint32_t doc;
	float score;
};

static int by_sim(const void *a, const void *b)
{
	const struct sim *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->doc < y->doc) - (x->doc > y->doc);
}

static bool add_theme_bonus(uint32_t doc, void *score)
{
	((float *)score)[doc] += THEME_BONUS;
	return true;
}

/* Scores every document sharing a word or a theme with n. */
static enum px_err score_docs(const struct index *ix, const struct node *n, const struct tf *t, size_t k,
			      float *score)
{
	enum px_err err = PX_OK;
	struct dlist l;
	dlist_init(&l);
	for (size_t i = 0; !err && i < k; i++) {
		dlist_reset(&l);
		float idf = term_idf(ix, t[i].term);
		if ((err = dlist_decode(ix, t[i].term, 1.0f, MATCH_EXACT, &l)))
			break;
		for (size_t j = 0; j < dlist_len(&l); j++) {
			float tfw = dlist_tfw(&l, j);
			score[dlist_doc(&l, j)] += idf * tfw / (1.2f + tfw);
		}
	}
	dlist_free(&l);
	for (size_t i = 0; !err && i < strlist_len(&n->themes); i++) {
		int64_t id = index_facet_find(ix, FACET_THEMES, strlist_get(&n->themes, i));
		if (id < 0)
			continue;
		roaring_iterate(facet_at(ix, FACET_THEMES, (uint32_t)id)->docs, add_theme_bonus, score);
	}
	return err;
}

/* Keeps the best limit of a stream in best[0..*n), in by_sim's order.
 * limit is a page's worth, so insertion beats a heap; most documents fail
 * the first comparison. */
static void keep_best(struct sim *best, size_t limit, size_t *n, struct sim s)
{
	if (!limit || (*n == limit && by_sim(&s, &best[limit - 1]) >= 0))
		return;
	size_t i = *n < limit ? (*n)++ : limit - 1;
	for (; i > 0 && by_sim(&s, &best[i - 1]) < 0; i--)
		best[i] = best[i - 1];
	best[i] = s;
}

/* What the walk over the live documents keeps. */
struct picker {
	const struct index *ix;
	const float *score;
	int64_t self; /* the node's nid */
	struct sim *best;
	size_t limit, count, total;
};

static bool pick(uint32_t doc, void *arg)
{
	struct picker *p = arg;
	if (p->score[doc] > 0 && doc_at(p->ix, doc)->nid != p->self) {
		p->total++;
		keep_best(p->best, p->limit, &p->count, (struct sim){doc, p->score[doc]});
	}
	return true;
}

enum px_err index_similar(const struct index *ix, const struct node *n, size_t limit, struct index_result *r)
{
	memset(r, 0, sizeof *r);
	strlist_init(&r->translated);
	struct counter c = {ix, {0}, PX_OK};
	buf_init(&c.tfs, BUF_CAP_DEFAULT);
	size_t nd = doc_count(ix);
	float *score = calloc(nd ? nd : 1, sizeof *score);
	struct sim *best = NULL;
	enum px_err err = score ? telling_words(ix, n, &c) : PX_ENOMEM;
	size_t k = c.tfs.len / sizeof(struct tf);
	if (!err)
		err = score_docs(ix, n, (const struct tf *)(const void *)c.tfs.data,
				 k < SIMILAR_TERMS ? k : SIMILAR_TERMS, score);
	if (!err && !(best = malloc((limit ? limit : 1) * sizeof *best)))
		err = PX_ENOMEM;
	struct picker p = {ix, score, n->nid, best, limit, 0, 0};
	if (!err)
		roaring_iterate(ix->live, pick, &p);
	r->total = p.total;
	size_t count = p.count;
	if (!err && !(r->hits = calloc(count ? count : 1, sizeof *r->hits)))
		err = PX_ENOMEM;
	for (size_t i = 0; !err && i < count; i++) {
		const struct doc *d = doc_at(ix, best[i].doc);
		struct index_hit *h = &r->hits[r->nhits];
		*h = (struct index_hit){d->nid, best[i].score, d->type, {0}, px_strdup(d->title), NULL};
		memcpy(h->language, d->language, sizeof h->language);
		if (!h->title)
			err = PX_ENOMEM;
		else
			r->nhits++;
	}
	free(best);
	free(score);
	buf_free(&c.tfs);
	if (err)
		index_result_free(r);
	return err;
}
