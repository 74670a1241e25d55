/* Counts kept between pages: a listing without words (the home page, a
 * listing by type) has the same candidates on every page of it and in
 * every language, and tallying them per place or facet value walks them
 * all (at 100k documents the most of a home page's time). The counts of a
 * candidate set are kept with a copy of the set, compared whole before
 * they are used: a set equal to the one counted has the same counts, while
 * the index has not changed. index_put(), index_remove() and index_flush()
 * drop them all, as they drop the related lists. Only sets of at least
 * COUNT_MEMO_MIN documents are kept: smaller ones cost less to tally than
 * to compare and copy. */
#include "index_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_MEMO_MAX 16 /* sets: a hub's listings without words are few */

struct count_entry {
	roaring_bitmap_t *cand;
	enum count_kind kind;
	struct index_count *lists[FACET_COUNT]; /* COUNT_PLACES: lists[0] only */
	size_t n[FACET_COUNT];
	uint64_t used; /* the memo's clock when last recalled or kept */
};

struct count_memo {
	pthread_mutex_t lock;
	uint64_t clock;
	struct count_entry e[COUNT_MEMO_MAX]; /* free while cand is NULL */
};

struct count_memo *count_memo_new(void)
{
	struct count_memo *m = calloc(1, sizeof *m);
	if (m && pthread_mutex_init(&m->lock, NULL)) {
		free(m);
		return NULL;
	}
	return m;
}

static void counts_free(struct index_count **lists, size_t *n)
{
	for (int f = 0; f < FACET_COUNT; f++) {
		for (size_t i = 0; i < n[f]; i++)
			free(lists[f][i].value);
		free(lists[f]);
		lists[f] = NULL;
		n[f] = 0;
	}
}

static void entry_clear(struct count_entry *e)
{
	if (e->cand)
		roaring_bitmap_free(e->cand);
	counts_free(e->lists, e->n);
	memset(e, 0, sizeof *e);
}

void count_memo_drop(struct count_memo *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; i < COUNT_MEMO_MAX; i++)
		entry_clear(&m->e[i]);
	pthread_mutex_unlock(&m->lock);
}

void count_memo_free(struct count_memo *m)
{
	if (!m)
		return;
	count_memo_drop(m);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* The lists of r that kind fills. */
static size_t kind_lists(enum count_kind kind, struct index_result *r, struct index_count ***lists, size_t **n)
{
	if (kind == COUNT_PLACES) {
		*lists = &r->places, *n = &r->nplaces;
		return 1;
	}
	*lists = r->facets, *n = r->nfacet;
	return FACET_COUNT;
}

/* A copy of src[0..n) into *dst; PX_ENOMEM leaves what was copied for the
 * owner to free. */
static enum px_err counts_copy(const struct index_count *src, size_t n, struct index_count **dst, size_t *ndst)
{
	if (!(*dst = calloc(n ? n : 1, sizeof **dst)))
		return PX_ENOMEM;
	for (size_t i = 0; i < n; i++, (*ndst)++) {
		if (!((*dst)[i].value = px_strdup(src[i].value)))
			return PX_ENOMEM;
		(*dst)[i].count = src[i].count;
	}
	return PX_OK;
}

static int worth(const roaring_bitmap_t *cand)
{
	return roaring_bitmap_get_cardinality(cand) >= COUNT_MEMO_MIN;
}

int count_memo_recall(struct count_memo *m, enum count_kind kind, const roaring_bitmap_t *cand,
		      struct index_result *r)
{
	if (!m || !worth(cand))
		return 0;
	struct index_count **lists;
	size_t *n, nl = kind_lists(kind, r, &lists, &n);
	enum px_err err = PX_ENOTFOUND;
	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; err == PX_ENOTFOUND && i < COUNT_MEMO_MAX; i++) {
		struct count_entry *e = &m->e[i];
		if (!e->cand || e->kind != kind || !roaring_bitmap_equals(e->cand, cand))
			continue;
		err = PX_OK;
		for (size_t f = 0; !err && f < nl; f++)
			err = counts_copy(e->lists[f], e->n[f], &lists[f], &n[f]);
		e->used = ++m->clock;
	}
	pthread_mutex_unlock(&m->lock);
	if (err == PX_ENOMEM) { /* r's lists as if never filled: counted again */
		for (size_t f = 0; f < nl; f++) {
			for (size_t i = 0; i < n[f]; i++)
				free(lists[f][i].value);
			free(lists[f]);
			lists[f] = NULL, n[f] = 0;
		}
	}
	return err == PX_OK;
}

void count_memo_keep(struct count_memo *m, enum count_kind kind, const roaring_bitmap_t *cand,
		     const struct index_result *r)
{
	if (!m || !worth(cand))
		return;
	struct count_entry e = {roaring_bitmap_copy(cand), kind, {0}, {0}, 0};
	struct index_count **lists;
	size_t *n, nl = kind_lists(kind, (struct index_result *)(uintptr_t)r, &lists, &n);
	enum px_err err = e.cand ? PX_OK : PX_ENOMEM;
	for (size_t f = 0; !err && f < nl; f++)
		err = counts_copy(lists[f], n[f], &e.lists[f], &e.n[f]);
	if (err) {
		entry_clear(&e);
		return;
	}
	pthread_mutex_lock(&m->lock);
	size_t lru = 0; /* a free slot, else the least recently used */
	for (size_t i = 0; i < COUNT_MEMO_MAX; i++)
		if (!m->e[i].cand || (m->e[lru].cand && m->e[i].used < m->e[lru].used))
			lru = i;
	entry_clear(&m->e[lru]);
	e.used = ++m->clock;
	m->e[lru] = e;
	pthread_mutex_unlock(&m->lock);
}
