/* The follower: one thread per server that keeps its index and page cache
 * in step with the store when other processes write to it (a second
 * `praxis serve` on the same store, `praxis ingest` while serving).
 *
 * The store's revision log is the truth: the follower remembers the newest
 * revision its index holds (index_open()'s, at the start), and each time
 * the store may have changed (store_wait_change()) it asks for the newest
 * one; if it is newer, every node changed since is read and put in the
 * index, or taken out when gone (index_put() itself keeps drafts and
 * unpublished nodes out, as for an editor's save), then the index is
 * flushed and the cache told the keys the changed nodes meet (their pages
 * dropped, the others kept: cache.c), once per catch-up.
 *
 * Nodes are read BATCH at a time outside the index's lock, in one read
 * transaction (the revision read first is exactly what the nodes read
 * show), and put under the write lock: requests wait for puts, never for
 * the store. The server's own saves are in the index already: they are
 * noted with their revision (follower_note()), and a node whose newest
 * revision is noted is neither read again nor drops cached pages. The
 * note is checked again under the lock, so a node read before one of the
 * server's own saves never replaces that save in the index.
 *
 * A store that fails is logged once per outage and retried with a back-off
 * up to 1 s; the revision stays where it was, so the next catch-up that
 * succeeds takes everything missed. With no change for a second, the
 * store is asked anyway: a lost notification or a broken store is found.
 * The thread has its own store handle (a handle is one thread's). */
#include "web_int.h"

#include "../store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_MS    100  /* the longest wait for a change: a stop is seen this late */
#define BACKOFF_MS 1000 /* the longest wait before retrying a failed store */
#define BATCH      64   /* nodes read before the index is locked to take them */
/* Quiet waits after which the store is asked anyway (1 s): a notification
 * lost, or a store that broke without a change, is found by then. */
#define LOOK_EVERY 10

/* ---- the server's own saves, by nid ---- */

static size_t slot_of(int64_t nid, size_t cap)
{
	return (size_t)(((uint64_t)nid * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

/* Puts m in a table of cap slots with room for it. */
static void place(struct follower_mark *slots, size_t cap, struct follower_mark m)
{
	size_t i = slot_of(m.nid, cap);
	while (slots[i].nid && slots[i].nid != m.nid)
		i = (i + 1) & (cap - 1);
	if (!slots[i].nid || slots[i].rev < m.rev)
		slots[i] = m;
}

/* Moves h's marks with a revision above upto into a table of cap slots. */
static int rebuild(struct follower_held *h, size_t cap, int64_t upto)
{
	struct follower_mark *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < h->cap; i++)
		if (h->slots[i].nid && h->slots[i].rev > upto) {
			place(slots, cap, h->slots[i]);
			n++;
		}
	free(h->slots);
	h->slots = slots, h->cap = cap, h->n = n;
	return 0;
}

void follower_held_note(struct follower_held *h, int64_t nid, int64_t rev)
{
	if (nid <= 0 || rev <= 0)
		return;
	if ((h->n + 1) * 2 > h->cap && rebuild(h, h->cap ? h->cap * 2 : 64, 0))
		return;
	if (!follower_held_rev(h, nid))
		h->n++;
	place(h->slots, h->cap, (struct follower_mark){nid, rev});
}

int64_t follower_held_rev(const struct follower_held *h, int64_t nid)
{
	if (!h->cap || nid <= 0)
		return 0;
	for (size_t i = slot_of(nid, h->cap); h->slots[i].nid; i = (i + 1) & (h->cap - 1))
		if (h->slots[i].nid == nid)
			return h->slots[i].rev;
	return 0;
}

void follower_held_prune(struct follower_held *h, int64_t upto)
{
	size_t left = 0;
	for (size_t i = 0; i < h->cap; i++)
		left += h->slots[i].nid && h->slots[i].rev > upto;
	if (left == h->n)
		return;
	size_t cap = h->cap;
	while (cap > 64 && left * 8 < cap) /* shrinks after a large import */
		cap /= 2;
	(void)rebuild(h, cap, upto); /* out of memory, the marks stay: harmless */
}

void follower_held_free(struct follower_held *h)
{
	free(h->slots);
	*h = (struct follower_held){0};
}

enum follower_step follower_step_of(int64_t held, int64_t stored)
{
	if (stored <= 0)
		return FOLLOWER_REMOVE;
	return held >= stored ? FOLLOWER_SKIP : FOLLOWER_READ;
}

unsigned follower_backoff_ms(unsigned prev_ms)
{
	if (!prev_ms)
		return 50;
	return prev_ms >= BACKOFF_MS / 2 ? BACKOFF_MS : prev_ms * 2;
}

/* Raises f->indexed to rev. */
static void indexed_raise(struct follower *f, int64_t rev)
{
	int64_t was = __atomic_load_n(&f->indexed, __ATOMIC_RELAXED);
	while (was < rev &&
	       !__atomic_compare_exchange_n(&f->indexed, &was, rev, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		;
}

int64_t follower_indexed(struct server *srv)
{
	return __atomic_load_n(&srv->follower.indexed, __ATOMIC_ACQUIRE);
}

void follower_note(struct server *srv, int64_t nid, int64_t rev)
{
	struct follower *f = &srv->follower;
	indexed_raise(f, rev);
	if (rev > __atomic_load_n(&f->revision, __ATOMIC_RELAXED)) /* else a catch-up passed it */
		follower_held_note(&f->held, nid, rev);
}

int follower_took(struct server *srv, int64_t nid, int64_t rev)
{
	struct follower *f = &srv->follower;
	return __atomic_load_n(&f->revision, __ATOMIC_RELAXED) >= rev || follower_held_rev(&f->held, nid) >= rev;
}

/* ---- a catch-up ---- */

static int stopping(struct follower *f)
{
	return __atomic_load_n(&f->stopping, __ATOMIC_ACQUIRE);
}

/* Nodes the log named, on their way to the index. */
struct batch {
	struct server *srv;
	struct store *st;
	int64_t nids[BATCH];
	int64_t revs[BATCH]; /* each one's newest revision in the store */
	enum follower_step steps[BATCH];
	struct node *nodes[BATCH]; /* read for FOLLOWER_READ; owned */
	size_t n;
	size_t applied; /* nodes put or taken out in all */
	struct cache_change change; /* the keys they meet: the pages to drop */
	enum px_err err;
};

/* The steps of b's nodes, as the notes say now. The caller holds ix_lock. */
static void decide(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		b->steps[i] =
			follower_step_of(follower_held_rev(&b->srv->follower.held, b->nids[i]), b->revs[i]);
}

/* Reads b's nodes to read; a node gone meanwhile is taken out. */
static enum px_err read_nodes(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->steps[i] != FOLLOWER_READ)
			continue;
		enum px_err err = store_node_get(b->st, b->nids[i], &b->nodes[i]);
		if (err == PX_ENOTFOUND)
			b->steps[i] = FOLLOWER_REMOVE;
		else if (err)
			return err;
	}
	return PX_OK;
}

/* Puts b's nodes in the index, or takes them out, under the write lock;
 * the notes are read again there (a save of this server may have come
 * since decide()). */
static enum px_err apply(struct batch *b)
{
	struct server *srv = b->srv;
	enum px_err err = PX_OK;
	pthread_rwlock_wrlock(&srv->ix_lock);
	for (size_t i = 0; i < b->n && !err; i++) {
		int64_t held = follower_held_rev(&srv->follower.held, b->nids[i]);
		if (b->steps[i] == FOLLOWER_SKIP || follower_step_of(held, b->revs[i]) == FOLLOWER_SKIP)
			continue;
		cache_change_node(&b->change, srv->ix, b->nids[i], NULL);
		err = b->steps[i] == FOLLOWER_READ ? index_put(srv->ix, b->nodes[i])
						   : index_remove(srv->ix, b->nids[i]);
		if (b->steps[i] == FOLLOWER_READ) {
			cache_change_node(&b->change, srv->ix, b->nids[i], b->nodes[i]);
			/* the server's own save of it may be on its way here */
			if (!err)
				follower_held_note(&srv->follower.held, b->nids[i], b->revs[i]);
		}
		if (err == PX_ENOTFOUND) /* taking out a node that was never in */
			err = PX_OK;
		if (!err)
			b->applied++;
	}
	pthread_rwlock_unlock(&srv->ix_lock);
	return err;
}

/* Takes b's nodes into the index and empties b. */
static void take(struct batch *b)
{
	for (size_t i = 0; i < b->n && !b->err; i++)
		if ((b->revs[i] = store_node_rev(b->st, b->nids[i])) < 0)
			b->err = PX_ESTORE;
	if (!b->err) {
		pthread_rwlock_rdlock(&b->srv->ix_lock);
		decide(b);
		pthread_rwlock_unlock(&b->srv->ix_lock);
		b->err = read_nodes(b);
	}
	if (!b->err)
		b->err = apply(b);
	for (size_t i = 0; i < b->n; i++) {
		node_free(b->nodes[i]);
		b->nodes[i] = NULL;
	}
	b->n = 0;
}

static int collect(int64_t nid, void *arg)
{
	struct batch *b = arg;
	b->nids[b->n++] = nid;
	if (b->n == BATCH)
		take(b);
	return b->err || stopping(&b->srv->follower);
}

static double since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The index's end of a catch-up to revision newest: flushed and the cache
 * told the changed nodes' keys (their pages dropped) if nodes changed, the
 * revision moved unless it failed or was stopped, the notes it passed
 * forgotten. */
static enum px_err finish(struct batch *b, int64_t newest, const struct timespec *woke)
{
	struct server *srv = b->srv;
	struct follower *f = &srv->follower;
	int whole = !b->err && !stopping(f);
	pthread_rwlock_wrlock(&srv->ix_lock);
	enum px_err err = b->applied ? index_flush(srv->ix) : PX_OK;
	if (whole && !err) {
		__atomic_store_n(&f->revision, newest, __ATOMIC_RELAXED);
		indexed_raise(f, newest);
		follower_held_prune(&f->held, newest);
	}
	pthread_rwlock_unlock(&srv->ix_lock);
	if (!b->applied)
		return b->err;
	cache_changed(&b->change);
	__atomic_add_fetch(&f->catch_ups, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&f->applied, b->applied, __ATOMIC_RELAXED);
	__atomic_store_n(&f->lag_us, (uint64_t)(since(woke) * 1e6 + 0.5), __ATOMIC_RELAXED);
	return b->err ? b->err : err;
}

/* Brings srv's index up to st's newest revision, if it is behind. woke:
 * when the change was noticed, for the lag. */
static enum px_err catch_up(struct server *srv, struct store *st, const struct timespec *woke)
{
	struct follower *f = &srv->follower;
	int64_t from = __atomic_load_n(&f->revision, __ATOMIC_RELAXED);
	int begun = store_read_begin(st); /* the newest revision is what the reads see */
	int64_t newest = store_last_revision(st);
	enum px_err err = newest < 0 ? PX_ESTORE : PX_OK;
	if (!err && newest < from && !f->went_back) { /* a restore of an older backup under it */
		f->went_back = 1;
		px_log(PX_LOG_WARNING,
		       "the store went back from revision %lld to %lld: restart the server to index it anew",
		       (long long)from, (long long)newest);
	}
	if (!err && newest > from) {
		struct batch *b = calloc(1, sizeof *b);
		if (!b)
			err = PX_ENOMEM;
		else {
			*b = (struct batch){.srv = srv, .st = st};
			cache_change_init(&b->change);
			err = store_changed_since(st, from, collect, b);
			if (!b->err) /* else collect() stopped the log's reading */
				b->err = err;
			if (!b->err && b->n && !stopping(f))
				take(b);
			err = finish(b, newest, woke);
			cache_change_free(&b->change);
			free(b);
		}
	}
	store_read_end(st, begun);
	return err;
}

/* ---- the thread ---- */

/* Logs the first failure of an outage. */
static void outage(struct follower *f, const char *why)
{
	if (f->down)
		return;
	__atomic_store_n(&f->down, 1, __ATOMIC_RELAXED);
	px_log(PX_LOG_ERR,
	       "the store cannot be read to follow other processes' changes (%s): retrying until it answers",
	       why);
}

static void recovered(struct follower *f)
{
	if (!f->down)
		return;
	__atomic_store_n(&f->down, 0, __ATOMIC_RELAXED);
	px_log(PX_LOG_NOTICE, "the store answers again: the index follows it from revision %lld",
	       (long long)__atomic_load_n(&f->revision, __ATOMIC_RELAXED));
}

/* Waits ms, or less if the server stops. */
static void pause_ms(struct follower *f, unsigned ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000)
		until.tv_sec++, until.tv_nsec -= 1000000000;
	pthread_mutex_lock(&f->lock);
	while (!stopping(f) && pthread_cond_timedwait(&f->wake, &f->lock, &until) == 0)
		;
	pthread_mutex_unlock(&f->lock);
}

/* Opens the thread's store handle into *st; 0, or -1 after outage(). */
static int open_store(struct server *srv, struct store **st)
{
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = store_open_existing(srv->db, st, &why);
	if (err) {
		outage(&srv->follower, why.len ? why.data : px_strerror(err));
		*st = NULL;
	}
	buf_free(&why);
	return err ? -1 : 0;
}

/* One round: a wait for a change (unless look), then a catch-up. 0 after
 * a catch-up that succeeded or a quiet wait, -1 after a failure
 * (logged once per outage). */
static int round_of(struct server *srv, struct store **st, int look, unsigned *quiet)
{
	struct follower *f = &srv->follower;
	if (!*st && open_store(srv, st))
		return -1;
	int w = look ? 1 : store_wait_change(*st, WAIT_MS);
	if (!w && ++*quiet < LOOK_EVERY)
		return 0;
	*quiet = 0;
	if (w < 0) {
		outage(f, "it does not tell whether it changed");
		return -1;
	}
	struct timespec woke;
	clock_gettime(CLOCK_MONOTONIC, &woke);
	enum px_err err = catch_up(srv, *st, &woke);
	if (err && !stopping(f))
		outage(f, px_strerror(err));
	return err ? -1 : 0;
}

static void *follower_main(void *arg)
{
	struct server *srv = arg;
	struct follower *f = &srv->follower;
	struct store *st = NULL;
	unsigned backoff = 0, quiet = 0;
	int look = 1; /* catch up without waiting for a change: at the start, after a failure */
	while (!stopping(f)) {
		if (round_of(srv, &st, look, &quiet)) {
			look = 1;
			pause_ms(f, backoff = follower_backoff_ms(backoff));
			continue;
		}
		if (!stopping(f))
			recovered(f);
		backoff = 0, look = 0;
	}
	store_close(st);
	return NULL;
}

enum px_err follower_start(struct server *srv, int64_t revision)
{
	struct follower *f = &srv->follower;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&f->wake, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&f->lock, NULL);
	f->revision = f->indexed = revision;
	if (pthread_create(&f->thread, NULL, follower_main, srv))
		return PX_ENOMEM;
	f->started = 1;
	return PX_OK;
}

void follower_stop(struct server *srv)
{
	struct follower *f = &srv->follower;
	if (!f->started)
		return;
	pthread_mutex_lock(&f->lock);
	__atomic_store_n(&f->stopping, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	follower_held_free(&f->held);
	f->started = 0;
}
