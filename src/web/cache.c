/* The page cache: successful answers to GET requests, kept as ready
 * libmicrohttpd responses by interface language, host and URI, so that a
 * page asked again is queued as it is: not rendered, not copied.
 *
 * It holds at most CACHE_BYTES, dropping the least recently used pages
 * first; an answer made before a change it depends on is never sent.
 *
 * Changes: each change of the index (a save, an import, a follower's
 * catch-up) takes the next generation and stamps it on the slots of the
 * keys it meets (cache_change_node(): the node's nid, the counted facet
 * values of its old and new versions, the words and places of its new one)
 * in a table of DEP_SLOTS; each page carries the slots of what it was made
 * of (struct page_deps, recorded while it is made) and the generation read
 * before its rendering began. A page is fresh while no slot it depends on
 * has a later stamp: a page made while a change was applied that meets it
 * is never kept as fresh. Keys share slots by hash: a collision drops a page
 * too many, never keeps one too long. Slot DEP_ANY is stamped by every
 * change (the pages that declare nothing depend on it); DEP_OLD_WORDS by
 * every change of a node already indexed, whose old words the index does
 * not keep (the pages that declare a word depend on it).
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

#include "../text/text.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_BYTES ((size_t)64 << 20)
#define CACHE_SLOTS 4096              /* hash chains; pages beyond share them */
#define PAGE_MAX    ((size_t)1 << 20) /* larger answers are not kept */
#define DEP_SLOTS   PAGE_DEP_SLOTS    /* stamps of keys, by hash: uint16_t slots */
#define DEP_ANY       0
#define DEP_OLD_WORDS 1
#define CHANGE_MAX  (DEP_SLOTS / 2)   /* keys past which a change is "everything" */

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
	uint16_t *deps;                    /* [ndeps] slots it depends on */
	size_t ndeps;
	uint64_t fresh_at;                 /* a generation it was found fresh at */
};

static struct {
	pthread_mutex_t lock;
	struct page *slots[CACHE_SLOTS];
	struct page *newest, *oldest;
	size_t bytes;
	uint64_t generation;            /* the last change's */
	uint64_t all;                   /* the last change of everything's generation */
	uint64_t stamp[DEP_SLOTS];      /* each slot's last change's generation */
	uint64_t hits, misses; /* cache_queue()'s answers: cache_counts() */
} c = {PTHREAD_MUTEX_INITIALIZER, {0}, NULL, NULL, 0, 1, 1, {0}, 0, 0};

static size_t cost(const struct page *p)
{
	return sizeof *p + strlen(p->key) + p->bytes + p->gz_bytes + p->ndeps * sizeof *p->deps +
	       1024; /* + headers */
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
	free(p->deps);
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

/* Has no change p depends on come since it was made? Under the lock. */
static int fresh(struct page *p)
{
	if (p->fresh_at == c.generation) /* no change since: the usual hit */
		return 1;
	if (c.all > p->generation)
		return 0;
	for (size_t i = 0; i < p->ndeps; i++)
		if (c.stamp[p->deps[i]] > p->generation)
			return 0;
	p->fresh_at = c.generation;
	return 1;
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
	if (p && !fresh(p)) {
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

/* p's slots: deps' if the page declared them, else DEP_ANY. -1 out of memory. */
static int deps_copy(struct page *p, const struct page_deps *deps)
{
	int declared = deps->declared && !deps->overflow;
	size_t n = declared ? deps->n : 1;
	if (!(p->deps = malloc((n ? n : 1) * sizeof *p->deps)))
		return -1;
	if (declared)
		memcpy(p->deps, deps->slot, n * sizeof *p->deps);
	else
		p->deps[0] = DEP_ANY;
	p->ndeps = n;
	return 0;
}

void cache_put(const struct request *rq, const char *key, const struct cache_forms *f, uint64_t generation)
{
	struct page *p = calloc(1, sizeof *p);
	if (p) {
		p->resp = f->plain, p->gz = f->gz, p->not_modified = f->not_modified;
		p->bytes = f->bytes, p->gz_bytes = f->gz ? f->gz_bytes : 0;
		p->gz_missing = f->gz_missing;
	}
	if (!p || !(p->key = key_of(rq->lang, key)) || (f->etag && !(p->etag = strdup(f->etag))) ||
	    deps_copy(p, &rq->deps)) {
		if (p)
			page_free(p);
		else
			forms_free(f); /* the responses are the cache's to free */
		return;
	}
	p->hash = px_hash(p->key, strlen(p->key));
	p->generation = generation;
	pthread_mutex_lock(&c.lock);
	if (!fresh(p)) { /* a change it depends on came while it was made: stale */
		pthread_mutex_unlock(&c.lock);
		page_free(p);
		return;
	}
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

/* ---- what pages depend on, what changes meet ---- */

/* The slot of key kind:s[n]: past the two reserved ones. */
static uint16_t slot_of(char kind, const char *s, size_t n)
{
	uint64_t h = px_hash(s, n) * 31 + (uint64_t)(unsigned char)kind;
	h ^= h >> 29;
	return (uint16_t)(2 + h % (DEP_SLOTS - 2));
}

static void dep_add(struct request *rq, uint16_t slot)
{
	struct page_deps *d = &rq->deps;
	uint64_t bit = (uint64_t)1 << (slot % 64);
	if (d->has[slot / 64] & bit)
		return;
	if (d->n == PAGE_DEPS_MAX) {
		d->overflow = 1; /* too much to follow: made of everything */
		return;
	}
	d->has[slot / 64] |= bit;
	d->slot[d->n++] = slot;
}

static void dep_key(struct request *rq, char kind, const char *s, size_t n)
{
	dep_add(rq, slot_of(kind, s, n));
}

void page_declares(struct request *rq)
{
	rq->deps.declared = 1;
}

void page_dep_nid(struct request *rq, int64_t nid)
{
	dep_key(rq, 'n', (const char *)&nid, sizeof nid);
}

void page_dep_word(struct request *rq, const char *w, size_t n)
{
	dep_add(rq, DEP_OLD_WORDS);
	dep_key(rq, 'w', w, n);
}

/* The key of facet f = value: f's number, then the folded value. */
static size_t facet_dep_key(enum index_facet f, const char *folded, char *out, size_t cap)
{
	size_t n = strlen(folded);
	if (n + 2 > cap)
		n = cap - 2; /* a collision at worst: a page dropped too many */
	out[0] = (char)('a' + f);
	memcpy(out + 1, folded, n);
	return n + 1;
}

void page_dep_facet(struct request *rq, enum index_facet f, const char *value)
{
	char folded[1024], key[1024];
	size_t n = text_fold(value, strlen(value), folded, sizeof folded - 1);
	folded[n ? n : 0] = 0;
	dep_key(rq, 'f', key, facet_dep_key(f, n ? folded : value, key, sizeof key));
}

/* Calls fn with the place key of each place of n: its city, its partners',
 * its adopters' (what index_similar() scores places by). */
static void each_place(const struct node *n, void (*fn)(const char *key, size_t len, void *arg), void *arg)
{
	char key[4 * NODE_NAME_MAX];
	size_t len;
	if (n->city && (len = index_place_key(n->country, n->city, key, sizeof key)))
		fn(key, len, arg);
	for (size_t i = 0; i < ptrvec_len(&n->partners); i++) {
		const struct node_place *p = ptrvec_get(&n->partners, i);
		if (p->city && (len = index_place_key(p->country, p->city, key, sizeof key)))
			fn(key, len, arg);
	}
	for (size_t i = 0; i < ptrvec_len(&n->adopters); i++) {
		const struct node_adopter *a = ptrvec_get(&n->adopters, i);
		if (a->city && (len = index_place_key(a->country, a->city, key, sizeof key)))
			fn(key, len, arg);
	}
}

static void dep_place(const char *key, size_t len, void *rq)
{
	dep_key(rq, 'p', key, len);
}

void page_dep_places(struct request *rq, const struct node *n)
{
	dep_add(rq, DEP_OLD_WORDS); /* an old version's places are not known either */
	each_place(n, dep_place, rq);
}

void cache_change_init(struct cache_change *ch)
{
	buf_init(&ch->slots, (size_t)CHANGE_MAX * sizeof(uint16_t));
	ch->all = 0;
}

void cache_change_free(struct cache_change *ch)
{
	buf_free(&ch->slots);
}

static void change_slot(struct cache_change *ch, uint16_t slot)
{
	if (!ch->all && buf_add(&ch->slots, &slot, sizeof slot))
		ch->all = 1; /* past CHANGE_MAX keys, or out of memory */
}

static void change_word(const char *term, size_t n, void *arg)
{
	change_slot(arg, slot_of('w', term, n));
}

static void change_facet(enum index_facet f, const char *folded, void *arg)
{
	char key[1024];
	change_slot(arg, slot_of('f', key, facet_dep_key(f, folded, key, sizeof key)));
}

static void change_place(const char *key, size_t len, void *ch)
{
	change_slot(ch, slot_of('p', key, len));
}

/* n's words and places: what related lists look up (index_similar). */
static void change_new(struct cache_change *ch, struct index *ix, const struct node *n)
{
	if (index_node_terms(ix, n, change_word, ch))
		ch->all = 1;
	each_place(n, change_place, ch);
}

void cache_change_node(struct cache_change *ch, struct index *ix, int64_t nid, const struct node *n)
{
	change_slot(ch, slot_of('n', (const char *)&nid, sizeof nid));
	int indexed = index_node_facets(ix, nid, change_facet, ch);
	if (!n && indexed)
		change_slot(ch, DEP_OLD_WORDS);
	if (n && indexed)
		change_new(ch, ix, n);
}

void cache_changed(const struct cache_change *ch)
{
	const uint16_t *slot = (const uint16_t *)(const void *)ch->slots.data;
	pthread_mutex_lock(&c.lock);
	uint64_t g = ++c.generation;
	c.stamp[DEP_ANY] = g;
	if (ch->all)
		c.all = g;
	for (size_t i = 0; !ch->all && i < ch->slots.len / sizeof *slot; i++)
		c.stamp[slot[i]] = g;
	pthread_mutex_unlock(&c.lock);
}

void cache_free(void)
{
	pthread_mutex_lock(&c.lock);
	while (c.oldest)
		drop(c.oldest);
	pthread_mutex_unlock(&c.lock);
}
