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
 * before anyone could drop it.
 *
 * A page is kept in both forms a client may want, plain and gzipped (for
 * a body worth compressing; the gzipped one once a gzip client has asked,
 * so pages only plain clients read are never compressed), and with the 304
 * of its ETag: a hit costs no compression and no inflating. Both forms cost ~1.3x the plain bytes
 * (pages gzip to 20-30 %); keeping the gzipped form alone would hold ~4x
 * more pages in CACHE_BYTES, but inflating a 17 KB page for a client
 * without gzip takes ~22 us of CPU, half again what a hit costs (~40 us):
 * the hot pages of a hub fit in CACHE_BYTES, time is the scarcer. */
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
	char *key;                         /* lang "\n" host "\n" uri */
	struct MHD_Response *resp;         /* one reference: the cache's */
	struct MHD_Response *gz;           /* the same gzipped, or NULL; one reference */
	struct MHD_Response *not_modified; /* its 304, or NULL; one reference */
	char *etag;                        /* W/"...", or NULL */
	size_t bytes, gz_bytes;            /* of the bodies */
	int gz_missing;                    /* worth gzipping but kept plain only */
};

static struct {
	pthread_mutex_t lock;
	struct page *slots[CACHE_SLOTS];
	struct page *newest, *oldest;
	size_t bytes;
	uint64_t generation;
	uint64_t hits, misses; /* cache_queue()'s answers: cache_counts() */
} c = {PTHREAD_MUTEX_INITIALIZER, {0}, NULL, NULL, 0, 1, 0, 0};

static size_t cost(const struct page *p)
{
	return sizeof *p + strlen(p->key) + p->bytes + p->gz_bytes + 1024; /* + headers */
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

/* Lets go of p's references (each response is freed once no connection
 * sends it) and p. */
static void page_free(struct page *p)
{
	if (p->resp)
		MHD_destroy_response(p->resp);
	if (p->gz)
		MHD_destroy_response(p->gz);
	if (p->not_modified)
		MHD_destroy_response(p->not_modified);
	free(p->etag);
	free(p->key);
	free(p);
}

static void drop(struct page *p)
{
	struct page **at = &c.slots[p->hash % CACHE_SLOTS];
	while (*at != p)
		at = &(*at)->next_in_slot;
	*at = p->next_in_slot;
	unlink_lru(p);
	c.bytes -= cost(p);
	page_free(p);
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

/* Skips the spaces, tabs and commas at *s. */
static void skip_list_space(const char **s)
{
	while (**s == ' ' || **s == '\t' || **s == ',')
		(*s)++;
}

int cache_etag_matches(const char *inm, const char *etag)
{
	if (!inm || !etag)
		return 0;
	if (!strncmp(etag, "W/", 2))
		etag += 2;
	size_t n = strlen(etag);
	const char *s = inm;
	for (skip_list_space(&s); *s; skip_list_space(&s)) {
		if (*s == '*')
			return 1;
		if (!strncmp(s, "W/", 2))
			s += 2;
		if (*s != '"')
			return 0; /* not a list of entity tags */
		const char *close = strchr(s + 1, '"');
		if (!close)
			return 0;
		if ((size_t)(close + 1 - s) == n && !memcmp(s, etag, n))
			return 1;
		s = close + 1;
	}
	return 0;
}

/* p's answer to a client: its 304, gzipped or plain form. */
static struct MHD_Response *form_for(const struct page *p, int gzip, const char *inm, int *status,
				     size_t *bytes)
{
	if (p->not_modified && cache_etag_matches(inm, p->etag)) {
		*status = MHD_HTTP_NOT_MODIFIED;
		*bytes = 0;
		return p->not_modified;
	}
	if (gzip && p->gz_missing)
		return NULL; /* made again, gzipped, and kept in both forms */
	*status = MHD_HTTP_OK;
	*bytes = gzip && p->gz ? p->gz_bytes : p->bytes;
	return gzip && p->gz ? p->gz : p->resp;
}

int cache_queue(struct MHD_Connection *conn, const char *lang, const char *key, int gzip,
		const char *if_none_match, int *status, size_t *bytes)
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
	int st;
	size_t n;
	struct MHD_Response *r = p ? form_for(p, gzip, if_none_match, &st, &n) : NULL;
	if (r && MHD_queue_response(conn, (unsigned)st, r) == MHD_YES) {
		unlink_lru(p);
		push_newest(p);
		*status = st;
		*bytes = n;
		hit = 1;
	}
	c.hits += (uint64_t)hit;
	c.misses += (uint64_t)!hit;
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

void cache_counts(uint64_t *hits, uint64_t *misses)
{
	pthread_mutex_lock(&c.lock);
	*hits = c.hits;
	*misses = c.misses;
	pthread_mutex_unlock(&c.lock);
}

uint64_t cache_generation(void)
{
	pthread_mutex_lock(&c.lock);
	uint64_t g = c.generation;
	pthread_mutex_unlock(&c.lock);
	return g;
}

static void forms_free(const struct cache_forms *f)
{
	if (f->plain)
		MHD_destroy_response(f->plain);
	if (f->gz)
		MHD_destroy_response(f->gz);
	if (f->not_modified)
		MHD_destroy_response(f->not_modified);
}

void cache_put(const struct request *rq, const char *key, const struct cache_forms *f, uint64_t generation)
{
	struct page *p = calloc(1, sizeof *p);
	if (p) {
		p->resp = f->plain, p->gz = f->gz, p->not_modified = f->not_modified;
		p->bytes = f->bytes, p->gz_bytes = f->gz ? f->gz_bytes : 0;
		p->gz_missing = f->gz_missing;
	}
	if (!p || !(p->key = key_of(rq->lang, key)) || (f->etag && !(p->etag = strdup(f->etag)))) {
		if (p)
			page_free(p);
		else
			forms_free(f); /* the responses are the cache's to free */
		return;
	}
	p->hash = px_hash(p->key, strlen(p->key));
	pthread_mutex_lock(&c.lock);
	if (generation != c.generation) { /* the index changed while it was made: stale */
		pthread_mutex_unlock(&c.lock);
		page_free(p);
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
