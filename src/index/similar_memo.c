/* Related lists kept between pages: a practice page asks its node's
 * related practices (similar.c: an OR query over the hub), and the answer
 * is the same until the index changes, whatever the page's language,
 * reader or query string. Entries are keyed by nid and the node's "changed"
 * stamp (a page may read a store newer than the index it asks: the stamp
 * tells that node apart from the one kept). At most MEMO_MAX entries: when
 * full, all are dropped, as at a change of the index.
 *
 * Readers of the index share it (they hold ix_lock to read): the memo has
 * a lock of its own; writers drop it under theirs. */
#include "index_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SLOTS 16384 /* hash chains */
#define MEMO_MAX   65536 /* entries: ~100 bytes each for a practice page's two lists */

struct memo_entry {
	struct memo_entry *next; /* in its slot */
	int64_t nid;
	char *changed;
	size_t nlists;
	struct sim_list lists[INDEX_SIMILAR_WANTS]; /* best owned */
};

struct similar_memo {
	pthread_mutex_t lock;
	size_t count;
	struct memo_entry *slots[MEMO_SLOTS];
};

struct similar_memo *similar_memo_new(void)
{
	struct similar_memo *m = calloc(1, sizeof *m);
	if (m && pthread_mutex_init(&m->lock, NULL)) {
		free(m);
		return NULL;
	}
	return m;
}

static void entry_free(struct memo_entry *e)
{
	for (size_t i = 0; i < e->nlists; i++)
		free(e->lists[i].best);
	free(e->changed);
	free(e);
}

/* Empties m; the caller holds its lock. */
static void drop_all(struct similar_memo *m)
{
	for (size_t i = 0; m->count && i < MEMO_SLOTS; i++)
		while (m->slots[i]) {
			struct memo_entry *e = m->slots[i];
			m->slots[i] = e->next;
			entry_free(e);
			m->count--;
		}
}

void similar_memo_drop(struct similar_memo *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	drop_all(m);
	pthread_mutex_unlock(&m->lock);
}

void similar_memo_free(struct similar_memo *m)
{
	if (!m)
		return;
	drop_all(m);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static int keyable(const struct node *n)
{
	return n->state == NODE_PUBLISHED && n->changed && n->nid > 0;
}

static struct memo_entry **slot_of(struct similar_memo *m, int64_t nid)
{
	return &m->slots[(uint64_t)nid * 0x9E3779B97F4A7C15u >> 50]; /* 14 bits: MEMO_SLOTS */
}

/* Are e's lists those asked in lists[0..nlists)? */
static int same_lists(const struct memo_entry *e, const struct sim_list *lists, size_t nlists)
{
	if (e->nlists != nlists)
		return 0;
	for (size_t i = 0; i < nlists; i++)
		if (e->lists[i].types != lists[i].types || e->lists[i].limit != lists[i].limit)
			return 0;
	return 1;
}

int similar_memo_recall(struct similar_memo *m, const struct node *n, struct sim_list *lists, size_t nlists)
{
	if (!m || !keyable(n))
		return 0;
	int found = 0;
	pthread_mutex_lock(&m->lock);
	for (const struct memo_entry *e = *slot_of(m, n->nid); e && !found; e = e->next) {
		if (e->nid != n->nid || strcmp(e->changed, n->changed) || !same_lists(e, lists, nlists))
			continue;
		for (size_t i = 0; i < nlists; i++) {
			lists[i].total = e->lists[i].total;
			lists[i].count = e->lists[i].count;
			memcpy(lists[i].best, e->lists[i].best, e->lists[i].count * sizeof *lists[i].best);
		}
		found = 1;
	}
	pthread_mutex_unlock(&m->lock);
	return found;
}

/* A copy of n's lists, or NULL. */
static struct memo_entry *entry_new(const struct node *n, const struct sim_list *lists, size_t nlists)
{
	struct memo_entry *e = calloc(1, sizeof *e);
	if (!e || !(e->changed = px_strdup(n->changed))) {
		free(e);
		return NULL;
	}
	e->nid = n->nid;
	for (size_t i = 0; i < nlists; i++, e->nlists++) {
		e->lists[i] = lists[i];
		if (!(e->lists[i].best = malloc((lists[i].count ? lists[i].count : 1) * sizeof *lists[i].best))) {
			entry_free(e);
			return NULL;
		}
		memcpy(e->lists[i].best, lists[i].best, lists[i].count * sizeof *lists[i].best);
	}
	return e;
}

/* Unlinks and frees the entry of nid, if kept. The caller holds m's lock. */
static void forget(struct similar_memo *m, int64_t nid)
{
	for (struct memo_entry **p = slot_of(m, nid); *p; p = &(*p)->next)
		if ((*p)->nid == nid) {
			struct memo_entry *e = *p;
			*p = e->next;
			entry_free(e);
			m->count--;
			return;
		}
}

void similar_memo_keep(struct similar_memo *m, const struct node *n, const struct sim_list *lists, size_t nlists)
{
	struct memo_entry *e = m && keyable(n) && nlists <= INDEX_SIMILAR_WANTS ? entry_new(n, lists, nlists) : NULL;
	if (!e)
		return;
	pthread_mutex_lock(&m->lock);
	forget(m, n->nid); /* another stamp or other lists: this one is newer */
	if (m->count >= MEMO_MAX)
		drop_all(m);
	struct memo_entry **s = slot_of(m, n->nid);
	e->next = *s;
	*s = e;
	m->count++;
	pthread_mutex_unlock(&m->lock);
}
