/* The page cache: successful answers to GET requests, kept by interface
 * language and URI, so that a page asked again is sent without being
 * rendered. It holds at most CACHE_BYTES, dropping the least recently used
 * pages first, and an answer made before the index last changed is never
 * sent (the generation). One lock: a lookup is a hash probe and a copy. */
#include "web_int.h"

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
	char *key;          /* lang "\n" uri */
	char *type, *cache; /* headers */
	int vary;
	struct buf body;
};

static struct {
	pthread_mutex_t lock;
	struct page *slots[CACHE_SLOTS];
	struct page *newest, *oldest;
	size_t bytes;
	uint64_t generation;
	uint64_t hits, misses;
} c = {PTHREAD_MUTEX_INITIALIZER, {0}, NULL, NULL, 0, 1, 0, 0};

static size_t cost(const struct page *p)
{
	return sizeof *p + strlen(p->key) + p->body.len + 64;
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
	free(p->key);
	free(p->type);
	free(p->cache);
	buf_free(&p->body);
	free(p);
}

static struct page *find(const char *key, uint64_t h)
{
	for (struct page *p = c.slots[h % CACHE_SLOTS]; p; p = p->next_in_slot)
		if (p->hash == h && !strcmp(p->key, key))
			return p;
	return NULL;
}

static char *key_of(const char *lang, const char *uri)
{
	size_t a = strlen(lang), b = strlen(uri);
	char *k = malloc(a + b + 2);
	if (k) {
		memcpy(k, lang, a);
		k[a] = '\n';
		memcpy(k + a + 1, uri, b + 1);
	}
	return k;
}

int cache_get(struct request *rq, const char *uri)
{
	char *key = key_of(rq->lang, uri);
	if (!key)
		return 0;
	uint64_t h = px_hash(key, strlen(key));
	int hit = 0;
	pthread_mutex_lock(&c.lock);
	struct page *p = find(key, h);
	if (p && p->generation != c.generation) {
		drop(p);
		p = NULL;
	}
	if (p && !buf_add(&rq->body, p->body.data, p->body.len)) {
		unlink_lru(p);
		push_newest(p);
		/* the strings live as long as the request, not the page */
		rq->type = arena_strndup(&rq->a, p->type, strlen(p->type));
		rq->cache = p->cache ? arena_strndup(&rq->a, p->cache, strlen(p->cache)) : NULL;
		rq->by_header = p->vary;
		rq->status = 200;
		hit = rq->type != NULL;
	}
	c.hits += (uint64_t)hit;
	c.misses += (uint64_t)!hit;
	pthread_mutex_unlock(&c.lock);
	free(key);
	return hit;
}

void cache_put(const struct request *rq, const char *uri)
{
	if (rq->status != 200 || rq->body.len > PAGE_MAX)
		return;
	struct page *p = calloc(1, sizeof *p);
	const char *type = rq->type ? rq->type : "text/html; charset=utf-8";
	if (!p || !(p->key = key_of(rq->lang, uri)) || !(p->type = strdup(type)) ||
	    (rq->cache && !(p->cache = strdup(rq->cache)))) {
		if (p) {
			free(p->key);
			free(p->type);
		}
		free(p);
		return;
	}
	buf_init(&p->body, PAGE_MAX);
	if (buf_add(&p->body, rq->body.data ? rq->body.data : "", rq->body.len)) {
		free(p->key);
		free(p->type);
		free(p->cache);
		free(p);
		return;
	}
	p->vary = rq->by_header;
	p->hash = px_hash(p->key, strlen(p->key));
	pthread_mutex_lock(&c.lock);
	p->generation = c.generation;
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
