/* Similar nodes: the "related practices" (and stories) of a node.
 *
 * A document is scored by what it shares with the node, each signal on a
 * scale of its own so that none drowns the others:
 *   - themes: THEME_W per shared theme;
 *   - text: the node's most telling words (frequent in it, rare in the hub:
 *     tf × idf) looked up as one OR query, a document scored by the
 *     idf-weighted words it shares, then divided by the best such score, so
 *     that words give at most TEXT_W: a title's words alone never outweigh
 *     a shared theme and a shared place;
 *   - places: PLACE_W per place key (the node's city, its partners', its
 *     adopters') the document is in, partners with or adopted in;
 *   - city size: SIZE_W when its city is of the node's size class.
 * Only documents that share a theme, a word or a place are scored (the
 * candidates, kept in a list as they are first touched): the rest of the
 * hub is never walked. The node itself is left out.
 *
 * The scores live in an array indexed by docno, one per thread, kept
 * between calls and zeroed through the candidates' list after each: a
 * fresh 800 KB array at 100k documents costs its page faults on every
 * practice page. A document's two scores sit side by side: one cache miss
 * per candidate, not two. */
#include "search_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SIMILAR_TERMS 24   /* words of the node that are looked up */
#define THEME_W       4.0f /* per shared theme: more than any text match */
#define TEXT_W        3.0f /* the best text match; others in proportion */
#define PLACE_W       2.0f /* per shared place: same city, partner, adopter */
#define SIZE_W        1.0f /* a city of the same size class */

struct tf {
	uint32_t term;
	float weight; /* tf × idf */
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

/* A document's scores. */
struct score {
	float text;  /* the raw text score */
	float other; /* themes and places */
};

/* The scores of the candidates. at[] is indexed by docno and zero but at
 * the candidates, listed in touched[] as first given a score. */
struct scores {
	struct score *at;
	struct buf touched; /* uint32_t docnos */
	enum px_err err;
};

/* Each thread's score array, all zero between calls. */
struct scratch {
	struct score *at;
	size_t cap; /* documents it holds */
};

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static int scratch_key_ok;

static void scratch_free(void *p)
{
	struct scratch *s = p;
	if (s) {
		free(s->at);
		free(s);
	}
}

static void scratch_key_make(void)
{
	scratch_key_ok = !pthread_key_create(&scratch_key, scratch_free);
}

/* This thread's array for nd documents, zero; NULL when out of memory. */
static struct scratch *scratch_get(size_t nd)
{
	pthread_once(&scratch_once, scratch_key_make);
	struct scratch *s = scratch_key_ok ? pthread_getspecific(scratch_key) : NULL;
	if (s && s->cap >= nd)
		return s;
	scratch_free(s); /* the index grew: larger ones */
	if (scratch_key_ok)
		pthread_setspecific(scratch_key, NULL);
	size_t cap = nd + nd / 8 + 64;
	if (!(s = calloc(1, sizeof *s)) || !(s->at = calloc(cap, sizeof *s->at))) {
		scratch_free(s);
		return NULL;
	}
	s->cap = cap;
	if (scratch_key_ok && !pthread_setspecific(scratch_key, s))
		return s;
	scratch_free(s);
	return NULL;
}

/* Gives the array back zero: only the candidates were written; after an
 * error some may not be listed, so it is dropped. */
static void scratch_put(struct scratch *sc, const struct scores *s)
{
	if (!sc)
		return;
	if (s->err) {
		scratch_free(sc);
		pthread_setspecific(scratch_key, NULL);
		return;
	}
	const uint32_t *t = (const uint32_t *)(const void *)s->touched.data;
	for (size_t i = 0; i < s->touched.len / sizeof *t; i++)
		sc->at[t[i]] = (struct score){0, 0};
}

static void touch(struct scores *s, uint32_t doc)
{
	if (s->at[doc].text == 0 && s->at[doc].other == 0 && !s->err)
		s->err = buf_add(&s->touched, &doc, sizeof doc);
}

static enum px_err score_words(const struct index *ix, const struct tf *t, size_t k, struct scores *s)
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
			uint32_t doc = dlist_doc(&l, j);
			touch(s, doc);
			s->at[doc].text += idf * tfw / (1.2f + tfw);
		}
	}
	dlist_free(&l);
	return err ? err : s->err;
}

struct bonus {
	struct scores *s;
	float w;
};

static bool add_bonus(uint32_t doc, void *arg)
{
	struct bonus *b = arg;
	touch(b->s, doc);
	b->s->at[doc].other += b->w;
	return !b->s->err;
}

/* Adds w to every document filed under value of facet f. */
static void score_value(const struct index *ix, enum index_facet f, const char *value, float w,
			struct scores *s)
{
	int64_t id = value ? index_facet_find(ix, f, value) : -1;
	struct bonus b = {s, w};
	if (id >= 0)
		roaring_iterate(facet_at(ix, f, (uint32_t)id)->docs, add_bonus, &b);
}

/* PLACE_W to every document in, partnering with or adopted in the city of
 * country. */
static void score_place(const struct index *ix, const char *country, const char *city, struct scores *s)
{
	char key[4 * NODE_NAME_MAX];
	if (!index_place_key(country, city, key, sizeof key))
		return;
	score_value(ix, FACET_PLACE, key, PLACE_W, s);
	score_value(ix, FACET_PARTNER, key, PLACE_W, s);
	score_value(ix, FACET_ADOPTER, key, PLACE_W, s);
}

/* Themes and places: the signals that need no text. */
static enum px_err score_facets(const struct index *ix, const struct node *n, struct scores *s)
{
	for (size_t i = 0; i < strlist_len(&n->themes); i++)
		score_value(ix, FACET_THEMES, strlist_get(&n->themes, i), THEME_W, s);
	if (n->city)
		score_place(ix, n->country, n->city, s);
	for (size_t i = 0; i < ptrvec_len(&n->partners); i++) {
		const struct node_place *p = ptrvec_get(&n->partners, i);
		score_place(ix, p->country, p->city, s);
	}
	for (size_t i = 0; i < ptrvec_len(&n->adopters); i++) {
		const struct node_adopter *a = ptrvec_get(&n->adopters, i);
		score_place(ix, a->country, a->city, s);
	}
	return s->err;
}

static int by_sim(const void *a, const void *b)
{
	const struct sim *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->doc < y->doc) - (x->doc > y->doc);
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

/* What the candidates are checked against, found once: n's own live
 * document and the bitmaps of the wanted types and of n's city size. A
 * candidate's struct doc is never read (each one a cache miss, at 100k
 * documents most of a practice page's time): a live document with n's nid
 * is n's docno, and the facet bitmaps tell type and size. */
struct candidates {
	uint32_t self; /* n's live docno, or UINT32_MAX */
	const roaring_bitmap_t *type_docs[NODE_TYPE_MAX + 1]; /* of the wanted types; else NULL */
	const roaring_bitmap_t *size_docs; /* of n's city size class, or NULL */
};

static const roaring_bitmap_t *facet_docs(const struct index *ix, enum index_facet f, const char *value)
{
	int64_t id = value ? index_facet_find(ix, f, value) : -1;
	return id >= 0 ? facet_at(ix, f, (uint32_t)id)->docs : NULL;
}

static void candidates_init(const struct index *ix, const struct node *n, const struct sim_list *p, size_t np,
			    struct candidates *c)
{
	memset(c, 0, sizeof *c);
	if (index_docno(ix, n->nid, &c->self))
		c->self = UINT32_MAX;
	unsigned types = 0;
	for (size_t j = 0; j < np; j++)
		types |= p[j].types;
	for (int t = NODE_PRACTICE; t <= NODE_TYPE_MAX; t++)
		if (types & (1u << t))
			c->type_docs[t] = facet_docs(ix, FACET_TYPE, node_type_name((enum node_type)t));
	/* two practices of unknown size are not alike by it */
	c->size_docs = n->population >= 0 ? facet_docs(ix, FACET_CITY_SIZE, city_size_of(n->population)->name) : NULL;
}

/* The type of doc among the wanted ones, else 0. */
static int wanted_type(const struct candidates *c, uint32_t doc)
{
	for (int t = NODE_PRACTICE; t <= NODE_TYPE_MAX; t++)
		if (c->type_docs[t] && roaring_bitmap_contains(c->type_docs[t], doc))
			return t;
	return 0;
}

/* The best raw text score of the candidates but n's documents (its dead
 * ones too, read only when they are). */
static float best_text(const struct index *ix, const struct node *n, const struct candidates *c,
		       const struct scores *s)
{
	const uint32_t *touched = (const uint32_t *)(const void *)s->touched.data;
	float text_max = 0;
	for (size_t i = 0; i < s->touched.len / sizeof *touched; i++) {
		uint32_t doc = touched[i];
		if (s->at[doc].text > text_max && doc != c->self &&
		    (roaring_bitmap_contains(ix->live, doc) || doc_at(ix, doc)->nid != n->nid))
			text_max = s->at[doc].text;
	}
	return text_max;
}

/* The candidates' final scores, each kept in the lists that want its type. */
static void pick_all(const struct index *ix, const struct node *n, const struct scores *s, struct sim_list *p,
		     size_t np)
{
	struct candidates c;
	candidates_init(ix, n, p, np, &c);
	float text_max = best_text(ix, n, &c, s);
	const uint32_t *touched = (const uint32_t *)(const void *)s->touched.data;
	for (size_t i = 0; i < s->touched.len / sizeof *touched; i++) {
		uint32_t doc = touched[i];
		int type = doc == c.self || !roaring_bitmap_contains(ix->live, doc) ? 0 : wanted_type(&c, doc);
		if (!type)
			continue;
		float score = s->at[doc].other + (text_max > 0 ? TEXT_W * s->at[doc].text / text_max : 0) +
			      (c.size_docs && roaring_bitmap_contains(c.size_docs, doc) ? SIZE_W : 0);
		for (size_t j = 0; j < np; j++)
			if (p[j].types & (1u << type)) {
				p[j].total++;
				keep_best(p[j].best, p[j].limit, &p[j].count, (struct sim){doc, score});
			}
	}
}

/* want's hits from p's best documents. */
static enum px_err fill_hits(const struct index *ix, const struct sim_list *p, struct index_similar_want *want)
{
	struct index_result *r = &want->r;
	r->total = p->total;
	if (!(r->hits = calloc(p->count ? p->count : 1, sizeof *r->hits)))
		return PX_ENOMEM;
	for (size_t i = 0; i < p->count; i++) {
		const struct doc *d = doc_at(ix, p->best[i].doc);
		struct index_hit *h = &r->hits[r->nhits];
		*h = (struct index_hit){d->nid, p->best[i].score, d->type, {0}, px_strdup(d->title), NULL};
		memcpy(h->language, d->language, sizeof h->language);
		if (!h->title)
			return PX_ENOMEM;
		r->nhits++;
	}
	return PX_OK;
}

/* Scores the candidates of n into s, whose array is sc's. */
static enum px_err score_related(const struct index *ix, const struct node *n, struct scratch *sc,
				 struct scores *s)
{
	if (!sc)
		return s->err = PX_ENOMEM;
	s->at = sc->at;
	struct counter c = {ix, {0}, PX_OK};
	buf_init(&c.tfs, BUF_CAP_DEFAULT);
	enum px_err err = telling_words(ix, n, &c);
	size_t k = c.tfs.len / sizeof(struct tf);
	if (!err)
		err = score_words(ix, (const struct tf *)(const void *)c.tfs.data,
				  k < SIMILAR_TERMS ? k : SIMILAR_TERMS, s);
	buf_free(&c.tfs);
	return err ? err : score_facets(ix, n, s);
}

/* n's lists in p, from the memo or scored now (then kept). */
static enum px_err pick_lists(const struct index *ix, const struct node *n, struct sim_list *p, size_t np)
{
	if (similar_memo_recall(ix->similar, n, p, np))
		return PX_OK;
	struct scores s = {0};
	buf_init(&s.touched, BUF_CAP_DEFAULT);
	struct scratch *sc = scratch_get(doc_count(ix));
	enum px_err err = score_related(ix, n, sc, &s);
	if (!err) {
		pick_all(ix, n, &s, p, np);
		similar_memo_keep(ix->similar, n, p, np);
	}
	if (err && !s.err)
		s.err = err;
	scratch_put(sc, &s);
	buf_free(&s.touched);
	return err;
}

enum px_err index_similar(const struct index *ix, const struct node *n, struct index_similar_want *want,
			  size_t nwant)
{
	struct sim_list p[INDEX_SIMILAR_WANTS] = {{0}};
	enum px_err err = nwant > INDEX_SIMILAR_WANTS ? PX_EUSAGE : PX_OK;
	for (size_t i = 0; i < nwant; i++) {
		memset(&want[i].r, 0, sizeof want[i].r);
		strlist_init(&want[i].r.translated);
		p[i].types = want[i].types, p[i].limit = want[i].limit;
		if (!err && !(p[i].best = malloc((want[i].limit ? want[i].limit : 1) * sizeof *p[i].best)))
			err = PX_ENOMEM;
	}
	if (!err)
		err = pick_lists(ix, n, p, nwant);
	for (size_t i = 0; i < nwant; i++) {
		if (!err)
			err = fill_hits(ix, &p[i], &want[i]);
		free(p[i].best);
	}
	for (size_t i = 0; err && i < nwant; i++)
		index_result_free(&want[i].r);
	return err;
}
