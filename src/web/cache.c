/* The page cache: successful answers to GET requests, kept as ready
 * libmicrohttpd responses by interface language, host and URI, so that a
 * page asked again is queued as it is: not rendered, not copied.
 *
 * It holds at most CACHE_BYTES, dropping the least recently used pages
 * first; an answer made before the index last changed is never sent (the
 * generation: a page is stamped with the one read before its rendering
 * began, so a page made while the index changed is never kept as fresh).
 * libmicrohttpd counts a response's users: the cache holds
 * one reference, every connection sending it another, so dropping a page
 * never frees a response being sent. A response is queued under the lock,
 * before anyone could drop it. */
#include "web_int.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_BYTES ((size_t)64 << 20)
#define CACHE_SLOTS 4096              /* hash chains; pages beyond share them */
#define PAGE_MAX    ((size_t)1 << 20) /* larger answers are not kept */

struct page {
	struct page *next_in_slot;
	struct page *newer, *older; /* the LRU list */
	uint64_t hash;
	uint64_t generation;
	char *key;                 /* lang "\n" host "\n" uri */
	struct MHD_Response *resp; /* one reference: the cache's */
	size_t bytes;              /* of the body */
};

static struct {
	pthread_mutex_t lock;
	struct page *slots[CACHE_SLOTS];
	struct page *newest, *oldest;
	size_t bytes;
	uint64_t generation;
} c = {PTHREAD_MUTEX_INITIALIZER, {0}, NULL, NULL, 0, 1};

static size_t cost(const struct page *p)
{
	return sizeof *p + strlen(p->key) + p->bytes + 512; /* + headers */
}

static void unlink_lru(struct page *p)
{
	if (p->newer)
		p->newer->older = p->older;
	else
		c.newest = p->older;
	if (p->older)
		p->older->newer = p->newer;
	else
		c.oldest = p->newer;
	p->newer = p->older = NULL;
}

static void push_newest(struct page *p)
{
	p->older = c.newest;
	p->newer = NULL;
	if (c.newest)
		c.newest->newer = p;
	c.newest = p;
	if (!c.oldest)
		c.oldest = p;
}

static void drop(struct page *p)
{
	struct page **at = &c.slots[p->hash % CACHE_SLOTS];
	while (*at != p)
		at = &(*at)->next_in_slot;
	*at = p->next_in_slot;
	unlink_lru(p);
	c.bytes -= cost(p);
	MHD_destroy_response(p->resp); /* freed once no connection sends it */
	free(p->key);
	free(p);
}

static struct page *find(const char *key, uint64_t h)
{
	for (struct page *p = c.slots[h % CACHE_SLOTS]; p; p = p->next_in_slot)
		if (p->hash == h && !strcmp(p->key, key))
			return p;
	return NULL;
}

static char *key_of(const char *lang, const char *key)
{
	size_t a = strlen(lang), b = strlen(key);
	char *k = malloc(a + b + 2);
	if (k) {
		memcpy(k, lang, a);
		k[a] = '\n';
		memcpy(k + a + 1, key, b + 1);
	}
	return k;
}

int cache_queue(struct MHD_Connection *conn, const char *lang, const char *key, int *status, size_t *bytes)
{
	char *k = key_of(lang, key);
	if (!k)
		return 0;
	uint64_t h = px_hash(k, strlen(k));
	int hit = 0;
	pthread_mutex_lock(&c.lock);
	struct page *p = find(k, h);
	if (p && p->generation != c.generation) {
		drop(p);
		p = NULL;
	}
	if (p && MHD_queue_response(conn, MHD_HTTP_OK, p->resp) == MHD_YES) {
		unlink_lru(p);
		push_newest(p);
		*status = MHD_HTTP_OK;
		*bytes = p->bytes;
		hit = 1;
	}
	pthread_mutex_unlock(&c.lock);
	free(k);
	return hit;
}

int cache_wants(const struct request *rq)
{
	/* a page for one person (signed in, or given a cookie) is theirs alone */
	return rq->status == 200 && rq->body.len <= PAGE_MAX && !rq->user && !rq->ncookies &&
	       !(rq->cache && strstr(rq->cache, "no-store"));
}

uint64_t cache_generation(void)
{
	pthread_mutex_lock(&c.lock);
	uint64_t g = c.generation;
	pthread_mutex_unlock(&c.lock);
	return g;
}

void cache_put(const struct request *rq, const char *key, struct MHD_Response *resp, uint64_t generation)
{
	struct page *p = calloc(1, sizeof *p);
	if (!p || !(p->key = key_of(rq->lang, key))) {
		free(p);
		MHD_destroy_response(resp);
		return;
	}
	p->resp = resp;
	p->bytes = rq->body.len;
	p->hash = px_hash(p->key, strlen(p->key));
	pthread_mutex_lock(&c.lock);
	if (generation != c.generation) { /* the index changed while it was made: stale */
		pthread_mutex_unlock(&c.lock);
		MHD_destroy_response(resp);
		free(p->key);
		free(p);
		return;
	}
	p->generation = generation;
	struct page *old = find(p->key, p->hash);
	if (old)
		drop(old);
	p->next_in_slot = c.slots[p->hash % CACHE_SLOTS];
	c.slots[p->hash % CACHE_SLOTS] = p;
	push_newest(p);
	c.bytes += cost(p);
	while (c.bytes > CACHE_BYTES && c.oldest != p)
		drop(c.oldest);
	pthread_mutex_unlock(&c.lock);
}

void cache_invalidate(void)
{
	pthread_mutex_lock(&c.lock);
	c.generation++;
	pthread_mutex_unlock(&c.lock);
}

void cache_free(void)
{
	pthread_mutex_lock(&c.lock);
	while (c.oldest)
		drop(c.oldest);
	pthread_mutex_unlock(&c.lock);
}
