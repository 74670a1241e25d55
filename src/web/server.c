/* The HTTP server: libmicrohttpd with a pool of worker threads on epoll,
 * limits that keep slow or greedy clients from starving the others, an
 * access log, and a graceful stop on SIGTERM or SIGINT.
 *
 * Each request ends with a line in the access log (access_log.c) and in
 * the counters of /metrics (metrics.c); SIGHUP reopens the log's file.
 *
 * A request is checked before any page sees it: only GET and HEAD, a URI of
 * at most URI_MAX bytes (414), a path and parameters in valid UTF-8 (400).
 * Each worker thread opens its own store handle on first use (a handle is
 * for one thread at a time); the index is shared: read by the workers,
 * changed by an editor's save or an import under the write lock, and by
 * the follower (follower.c) when another process changed the store. */
#include "web_int.h"
#include "proxy.h"

#include "../mail/mailer.h"
#include "../mt/mt.h"
#include "../store/store.h"
#include "../text/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <cmark.h>
#include <zlib.h>

#define URI_MAX         2048
#define CONNECTIONS_MAX 512
#define TIMEOUT_S       15                 /* idle or slow connections are closed */
#define CONN_MEMORY     ((size_t)32 << 10) /* request line + headers */
#define STOP_WAIT_S     10                 /* requests under way may finish */
#define BODY_CAP        ((size_t)16 << 20)
#define BODY_STEP       ((size_t)64 << 10) /* a chunked body reserves the budget by this much */
#define RETRY_AFTER_S   "10"               /* a 503's advice */

static void store_key_free(void *st)
{
	store_close(st);
}

/* This thread's handle under key on the store at target, opened on first
 * use; NULL if it cannot be, with the reason logged and (rq not NULL) kept
 * in rq->store_why for the operators' pages. */
static struct store *thread_handle(pthread_key_t key, const char *target, struct request *rq)
{
	struct store *st = pthread_getspecific(key);
	if (st)
		return st;
	struct buf why;
	buf_init(&why, 1024);
	if (store_open_existing(target, &st, &why) != PX_OK) {
		px_log(PX_LOG_ERR, "%s", why.data ? why.data : "cannot open the store");
		if (rq && why.data)
			rq->store_why = arena_strndup(&rq->a, why.data, why.len);
		st = NULL;
	}
	buf_free(&why);
	if (st)
		pthread_setspecific(key, st);
	return st;
}

/* rq's thread's store handle in rq->st, opened on first use; 0, or -1
 * after a 503 (on the operators' pages, with the reason). */
static int thread_store(struct request *rq)
{
	if ((rq->st = thread_handle(rq->srv->store_key, rq->srv->db, rq)))
		return 0;
	if (route_ops(rq) && rq->store_why)
		page_plain(rq, 503, rq->store_why);
	else
		page_error(rq, 503, N_("The hub's store cannot be opened; try again later."));
	return -1;
}

/* ---- reading from a replica (--db-read) ----
 *
 * Which requests read from the replica: a GET or HEAD of a route that
 * takes only GET, needs no role and is not an operator's (route_replica():
 * the pages a search engine or a visitor reads), from a client without a
 * session cookie. Everything else reads and writes the primary (--db):
 * a signed-in user sees their own saves at once (a replica replays them
 * a little later), forms and POSTs write, GET|POST routes (/login,
 * /register, ...) are forms, and /healthz and /metrics tell about the
 * primary this node writes to.
 *
 * A page is made of the index and the store together, and the page cache
 * keeps it until the index changes. So a replica is read only if it has
 * replayed every revision the index holds (follower_indexed()): its
 * newest revision is read in the page's own read transaction, and a
 * replica behind sends the page to the primary (one query more per page
 * made, none per page from the cache). A page read from the replica is
 * then the page the primary would have made, and may be cached as any.
 * (The other way, holding the index's change until the replica caught
 * up, would make a node's own saves wait for the replica.)
 *
 * A replica that cannot be reached is not tried again by any worker for
 * REPLICA_RETRY_MS; meanwhile its pages come from the primary. It is no
 * failure of the node: /healthz answers for the primary, /metrics counts
 * the pages sent back to it (praxis_replica_fallbacks_total). */
#define REPLICA_RETRY_MS 1000

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Begins rq's read transaction on the replica if rq may read there and
 * the replica is up to the index; else on rq->st, the primary. Returns
 * store_read_begin()'s answer; rq->st is the handle read. */
static int read_begin(struct request *rq, int session)
{
	struct server *srv = rq->srv;
	if (!srv->db_read || session || !route_replica(rq))
		return store_read_begin(rq->st);
	struct store *rep = NULL;
	if (now_ms() >= __atomic_load_n(&srv->replica_retry_ms, __ATOMIC_RELAXED))
		rep = thread_handle(srv->replica_key, srv->db_read, NULL);
	int begun = rep ? store_read_begin(rep) : 0;
	int64_t at = begun ? store_last_revision(rep) : -1;
	if (begun && at >= follower_indexed(srv)) {
		__atomic_add_fetch(&srv->replica_reads, 1, __ATOMIC_RELAXED);
		rq->st = rep;
		return begun;
	}
	if (rep)
		store_read_end(rep, begun);
	if (at < 0) /* down, or not readable: not tried for a while */
		__atomic_store_n(&srv->replica_retry_ms, now_ms() + REPLICA_RETRY_MS, __ATOMIC_RELAXED);
	__atomic_add_fetch(&srv->replica_fallbacks, 1, __ATOMIC_RELAXED);
	return store_read_begin(rq->st);
}

/* What a connection's request keeps between libmicrohttpd's calls: the
 * request itself (its route matched once, when the headers are in), the
 * body kept so far and the share of the server's body budget it holds. */
struct pending {
	struct request rq;
	char *uri; /* as sent, for the log and the 414 */
	char addr[INET6_ADDRSTRLEN]; /* the client's: proxy_client_of() */
	struct timespec t0;
	time_t received;            /* t0 on the wall clock, for the log */
	char protocol[16];          /* "HTTP/1.1", for the log */
	const char *referer, *agent; /* the request's headers, for the log (in rq.a) */
	int status;
	size_t bytes;
	struct buf upload; /* a POST's body, up to its route's cap */
	size_t reserved;   /* bytes of srv->body_held that are this body's */
	int refused;       /* the body is dropped: too large (413) or no room (503) */
	int answered;      /* a response is queued: the rest of the body is dropped */
	int called;        /* the handler's first call (the headers) is done */
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)c;
	struct server *srv = cls;
	struct pending *p = calloc(1, sizeof *p);
	if (p) {
		__atomic_add_fetch(&srv->in_flight, 1, __ATOMIC_ACQ_REL); /* on_done takes it back */
		p->uri = strndup(uri, URI_MAX + 1);
		clock_gettime(CLOCK_MONOTONIC, &p->t0);
		p->received = time(NULL);
		arena_init(&p->rq.a);
		buf_init(&p->rq.body, BODY_CAP);
		buf_init(&p->upload, 0); /* its cap is the route's, once known */
	}
	return p;
}

/* Takes n more bytes of srv's body budget: 0, or -1 when it has no room. */
static int budget_take(struct server *srv, size_t n)
{
	size_t held = __atomic_add_fetch(&srv->body_held, n, __ATOMIC_RELAXED);
	if (held <= WEB_BODY_BUDGET)
		return 0;
	__atomic_sub_fetch(&srv->body_held, n, __ATOMIC_RELAXED);
	return -1;
}

static void budget_give_back(struct server *srv, struct pending *p)
{
	__atomic_sub_fetch(&srv->body_held, p->reserved, __ATOMIC_RELAXED);
	p->reserved = 0;
}

/* The request's line in the access log, and its count in the metrics. */
static void log_request(struct server *srv, const struct pending *p)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - p->t0.tv_sec) + (double)(t1.tv_nsec - p->t0.tv_nsec) / 1e9;
	const char *method = p->called ? p->rq.method : NULL;
	struct access_entry e = {.addr = p->called ? p->addr : NULL,
				 .user = p->rq.user ? p->rq.user->name : NULL,
				 .received = p->received,
				 .method = method,
				 .uri = p->uri,
				 .protocol = p->protocol,
				 .status = p->status,
				 .bytes = method && !strcmp(method, "HEAD") ? 0 : p->bytes,
				 .referer = p->referer,
				 .agent = p->agent,
				 .seconds = s};
	access_log_write(&srv->log, &e);
	metrics_record(&srv->metrics, p->rq.route, p->status, s);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)c;
	(void)toe;
	struct server *srv = cls;
	struct pending *p = *con_cls;
	if (!p)
		return;
	log_request(srv, p);
	budget_give_back(srv, p);
	__atomic_sub_fetch(&srv->in_flight, 1, __ATOMIC_ACQ_REL);
	free(p->uri);
	buf_free(&p->upload);
	buf_free(&p->rq.body);
	arena_free(&p->rq.a);
	free(p);
	*con_cls = NULL;
}

/* The Vary header of rq's answer, or NULL: the language when the header
 * chose it, the coding for every text answer, gzipped or not. */
static const char *vary(const struct request *rq)
{
	int text = gzip_compressible(rq->type);
	if (rq->by_header)
		return text ? "Accept-Language, Accept-Encoding" : "Accept-Language";
	return text ? "Accept-Encoding" : NULL;
}

/* rq's response with the hub's headers, its body gzipped if gz (rq->gz is
 * set); cached: the copy the page cache keeps says X-Cache: hit. NULL when
 * out of memory. */
static struct MHD_Response *make_response(const struct request *rq, int cached, int gz)
{
	const char *data = gz ? rq->gz : rq->body.data;
	size_t len = gz ? rq->gz_len : rq->body.len;
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, data ? (void *)data : "", MHD_RESPMEM_MUST_COPY);
	if (!r)
		return NULL;
	MHD_add_response_header(r, "Content-Type", rq->type ? rq->type : "text/html; charset=utf-8");
	if (gz)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (rq->secure)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(
		r, "Content-Security-Policy",
		"default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
	if (rq->cache || rq->user)
		MHD_add_response_header(r, "Cache-Control", rq->user ? "private, no-store" : rq->cache);
	if (rq->etag)
		MHD_add_response_header(r, "ETag", rq->etag);
	if (rq->location)
		MHD_add_response_header(r, "Location", rq->location);
	for (size_t i = 0; i < rq->ncookies; i++)
		MHD_add_response_header(r, "Set-Cookie", rq->cookies[i]);
	if (vary(rq))
		MHD_add_response_header(r, "Vary", vary(rq));
	if (rq->vary)
		MHD_add_response_header(r, "Vary", rq->vary);
	MHD_add_response_header(r, "X-Cache", cached ? "hit" : "miss");
	if (rq->status == 405)
		MHD_add_response_header(r, "Allow", rq->allow ? rq->allow : "GET, HEAD");
	if (rq->status == 503)
		MHD_add_response_header(r, "Retry-After", RETRY_AFTER_S);
	return r;
}

/* The 304 of rq's answer (rq->etag is set): no body, and the headers a
 * cache refreshes its copy with. libmicrohttpd 0.9.75 adds
 * "Content-Length: 0" to it (and a second one if we set ours); a 304 has
 * no body whatever it says, and clients read it so. NULL when out of
 * memory. */
static struct MHD_Response *make_not_modified(const struct request *rq, int cached)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	if (!r)
		return NULL;
	MHD_add_response_header(r, "ETag", rq->etag);
	if (rq->cache)
		MHD_add_response_header(r, "Cache-Control", rq->cache);
	if (vary(rq))
		MHD_add_response_header(r, "Vary", vary(rq));
	if (rq->vary)
		MHD_add_response_header(r, "Vary", rq->vary);
	MHD_add_response_header(r, "X-Cache", cached ? "hit" : "miss");
	return r;
}

/* Is rq's body text long enough to gzip? */
static int worth_gzip(const struct request *rq)
{
	return rq->body.len >= GZIP_MIN && gzip_compressible(rq->type);
}

/* Gzips rq's body into rq->gz if it is worth it and the client takes
 * gzip. A failure leaves rq->gz NULL: the plain body is sent. */
static void encode(struct request *rq)
{
	if (rq->gz || !rq->gzip_ok || !worth_gzip(rq))
		return;
	if (gzip_encode(&rq->a, rq->body.data, rq->body.len, &rq->gz, &rq->gz_len))
		rq->gz = NULL;
}

/* The client's If-None-Match header, or NULL. */
static const char *if_none_match(const struct request *rq)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "If-None-Match");
}

/* Queues p's response; close: the connection ends after it (the rest of
 * what the client sends cannot be trusted to be a next request). */
static enum MHD_Result respond(struct MHD_Connection *c, struct pending *p, int close)
{
	struct request *rq = &p->rq;
	int not_modified = rq->status == 200 && cache_etag_matches(if_none_match(rq), rq->etag);
	encode(rq);
	int gz = rq->gzip_ok && rq->gz;
	struct MHD_Response *r = not_modified ? make_not_modified(rq, 0) : make_response(rq, 0, gz);
	if (!r)
		return MHD_NO;
	if (close)
		MHD_add_response_header(r, "Connection", "close");
	p->status = not_modified ? MHD_HTTP_NOT_MODIFIED : rq->status;
	p->bytes = not_modified ? 0 : gz ? rq->gz_len : rq->body.len;
	p->answered = 1;
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)p->status, r); /* no body to a HEAD */
	MHD_destroy_response(r);
	return ok;
}

struct args_check {
	int bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
				 const char *value, size_t value_size)
{
	(void)kind;
	struct args_check *a = cls;
	size_t bad;
	/* a %00 ends the C string early: the sizes tell, and NUL is no text */
	if (strlen(key) != key_size || text_utf8_check(key, key_size, &bad) ||
	    (value && (strlen(value) != value_size || text_utf8_check(value, value_size, &bad))))
		a->bad = 1;
	return a->bad ? MHD_NO : MHD_YES;
}

/* The length of the path of uri (up to its "?") once %-decoded; a %00 in
 * it makes it longer than the decoded C string libmicrohttpd gives. */
static size_t decoded_path_len(const char *uri)
{
	char *path = strndup(uri, strcspn(uri, "?"));
	size_t n = path ? MHD_http_unescape(path) : 0;
	free(path);
	return n;
}

/* The checks every request passes before a page: 0, or the error status. */
static int refused(struct MHD_Connection *c, const char *url, const struct pending *p, const char **why)
{
	size_t bad;
	struct args_check a = {0};
	if (p->uri && strlen(p->uri) > URI_MAX) {
		*why = N_("This address is too long.");
		return 414;
	}
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (a.bad || text_utf8_check(url, strlen(url), &bad)) {
		*why = N_("This address is not valid UTF-8.");
		return 400;
	}
	if (p->uri && decoded_path_len(p->uri) != strlen(url)) {
		*why = N_("This address holds a NUL character.");
		return 400;
	}
	return 0;
}

/* The request's framing: how many Content-Length and Transfer-Encoding
 * headers (more than one of them, even agreeing, is refused), and the
 * coding. */
struct framing {
	int lengths, encodings;
	const char *encoding;
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct framing *f = cls;
	if (!strcasecmp(key, "Content-Length"))
		f->lengths++;
	else if (!strcasecmp(key, "Transfer-Encoding")) {
		f->encodings++;
		f->encoding = value ? value : "";
	}
	return MHD_YES;
}

/* Is the body's framing one a proxy in front and this server read alike?
 * libmicrohttpd 0.9.75 takes the first Content-Length and reads the rest
 * as a next request, and a Transfer-Encoding besides chunked as a body up
 * to the end of the connection: either would smuggle requests past a
 * proxy. 0, or the error status with why. */
static int bad_framing(struct MHD_Connection *c, const char **why)
{
	struct framing f = {0};
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
	if (f.lengths > 1 || f.encodings > 1 || (f.lengths && f.encodings)) {
		*why = N_("This request gives its length more than once.");
		return 400;
	}
	if (f.encodings && strcasecmp(f.encoding, "chunked")) {
		*why = N_("This server takes request bodies as they are or chunked, nothing else.");
		return 501;
	}
	return 0;
}

/* Does the request announce a body past cap? */
static int announces_too_much(struct MHD_Connection *c, size_t cap, int64_t *announced)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	*announced = -1;
	return len && !px_parse_i64(len, strlen(len), 0, announced) && *announced > (int64_t)cap;
}

/* Does the request carry a body, which the client may still be sending? */
static int sends_body(struct MHD_Connection *c)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	int64_t n;
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding") ||
	       (len && (px_parse_i64(len, strlen(len), 0, &n) || n > 0));
}

/* Answers a request refused on its headers, before its body; libmicrohttpd
 * then closes the connection. What the client still sends is read and
 * dropped by the linger thread, so that the close does not reset the
 * answer away (linger.c). */
static enum MHD_Result refuse_early(struct MHD_Connection *c, struct pending *p, int close)
{
	const union MHD_ConnectionInfo *ci;
	if (sends_body(c) && (ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD)))
		linger_add(p->rq.srv->linger, ci->connect_fd);
	return respond(c, p, close);
}

/* The page cache's key: the host and scheme the client asked (absolute
 * links are made of them, and HSTS follows the scheme), the URI as sent
 * and whether a browser asks (a feed's type depends on it: page_feed.c). */
static const char *cache_key(struct request *rq, const struct pending *p)
{
	const char *host = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Host");
	return p->uri ? arena_printf(&rq->a, "%s\n%s\n%c%c", host ? host : "", p->uri,
				     request_accepts_html(rq) ? 'h' : '-', rq->secure ? 's' : '-')
		      : NULL;
}

/* Keeps rq's answer in the page cache at key: plain, gzipped if its
 * client took gzip (else a gzip client will make it again: a page only
 * plain clients ask is never compressed), and its 304. */
static void keep(struct request *rq, const char *key, uint64_t generation)
{
	encode(rq);
	struct cache_forms f = {.etag = rq->etag, .bytes = rq->body.len, .gz_bytes = rq->gz_len};
	f.gz_missing = !rq->gz && worth_gzip(rq);
	f.plain = make_response(rq, 1, 0);
	f.gz = rq->gz ? make_response(rq, 1, 1) : NULL;
	f.not_modified = rq->etag ? make_not_modified(rq, 1) : NULL;
	if (f.plain && (f.gz || !rq->gz) && (f.not_modified || !rq->etag)) {
		cache_put(rq, key, &f, generation);
		return;
	}
	if (f.plain) /* out of memory: nothing is kept */
		MHD_destroy_response(f.plain);
	if (f.gz)
		MHD_destroy_response(f.gz);
	if (f.not_modified)
		MHD_destroy_response(f.not_modified);
}

/* A weak validator for a public 200: the hash of its body (pages made of
 * the same state of the hub are byte for byte the same). */
static void set_etag(struct request *rq)
{
	if (rq->status != 200 || rq->user || rq->ncookies || (rq->cache && strstr(rq->cache, "no-store")))
		return;
	rq->etag =
		arena_printf(&rq->a, "W/\"%016llx\"",
			     (unsigned long long)px_hash(rq->body.data ? rq->body.data : "", rq->body.len));
}

/* A GET or HEAD: from the cache for a visitor without a session, else
 * made (in one read transaction) and kept if it is a page to keep. 1 when
 * the cache answered. */
static int answer_get(struct pending *p, int head)
{
	struct request *rq = &p->rq;
	const char *key = cache_key(rq, p);
	const char *inm = if_none_match(rq);
	int session = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, AUTH_SESSION_COOKIE) != NULL;
	if (!session && key && cache_queue(rq->conn, rq->lang, key, rq->gzip_ok, inm, &p->status, &p->bytes))
		return 1;
	if (thread_store(rq))
		return 0;
	enum px_err unread = session ? auth_session(rq) : PX_OK;
	if (session && !rq->user && key &&
	    cache_queue(rq->conn, rq->lang, key, rq->gzip_ok, inm, &p->status, &p->bytes))
		return 1; /* a stale session cookie, or a store down: the visitor's page */
	/* else not the visitor's page: a signed-in page would send to the login form */
	if (unread) {
		page_error(rq, 503, N_("The hub's store cannot be read; try again later."));
		return 0;
	}
	if (route_admit(rq))
		return 0;
	uint64_t generation = cache_generation(); /* before the page reads anything */
	int begun = read_begin(rq, session);      /* the page sees one state of the store */
	pthread_rwlock_rdlock(&rq->srv->ix_lock);
	route_dispatch(rq);
	pthread_rwlock_unlock(&rq->srv->ix_lock);
	store_read_end(rq->st, begun);
	set_etag(rq);
	if (key && !head && cache_wants(rq))
		keep(rq, key, generation);
	return 0;
}

/* Puts n (revision rev) in the index, notes it for the follower and adds
 * the keys of its old and new versions to ch. Under the write lock.
 * The follower may have taken this revision, or a later one, from the
 * store between the commit and this lock: the index holds it then, and the
 * follower stamped its old version's keys. Put again, n would replace a
 * later revision, and as its own old version it would stamp DEP_OLD_WORDS
 * and drop every page that declares a word (a save under load dropped a
 * practice page that shares nothing with it: t_cache_select). */
static enum px_err index_put_noted(struct server *srv, const struct node *n, int64_t rev, struct cache_change *ch)
{
	if (follower_took(srv, n->nid, rev)) {
		cache_change_node(ch, srv->ix, n->nid, n);
		return PX_OK;
	}
	cache_change_node(ch, srv->ix, n->nid, NULL);
	enum px_err err = index_put(srv->ix, n);
	if (!err)
		follower_note(srv, n->nid, rev);
	cache_change_node(ch, srv->ix, n->nid, n);
	return err;
}

/* Puts n (revision rev), or else every node of nodes as st holds it,
 * under the write lock; then the cache drops the pages the change meets.
 * Each node is noted with its revision, so that the follower does not take
 * it again. */
static enum px_err index_update(struct server *srv, const struct node *n, int64_t rev, struct store *st,
				const struct ptrvec *nodes)
{
	struct cache_change ch;
	cache_change_init(&ch);
	pthread_rwlock_wrlock(&srv->ix_lock);
	enum px_err err = n ? index_put_noted(srv, n, rev, &ch) : PX_OK;
	for (size_t i = 0; !n && !err && i < ptrvec_len(nodes); i++) {
		struct node *stored = NULL;
		int64_t nid = ((const struct node *)ptrvec_get(nodes, i))->nid;
		/* the revision before the node: a change between the two is read
		 * again by the follower, never missed */
		int64_t at = store_node_rev(st, nid);
		err = store_node_get(st, nid, &stored);
		if (!err)
			err = index_put_noted(srv, stored, at, &ch);
		node_free(stored);
	}
	if (!err)
		err = index_flush(srv->ix);
	pthread_rwlock_unlock(&srv->ix_lock);
	cache_changed(&ch);
	cache_change_free(&ch);
	if (err)
		px_log(PX_LOG_ERR, "the index could not take a change: %s", px_strerror(err));
	return err;
}

enum px_err server_index_put(struct server *srv, const struct node *n, int64_t rev)
{
	return index_update(srv, n, rev, NULL, NULL);
}

enum px_err server_index_reload(struct server *srv, struct store *st, const struct ptrvec *nodes)
{
	return index_update(srv, NULL, 0, st, nodes);
}

/* A POST's admission, before its body: the caller's session, the route's
 * role and body cap, and a share of the body budget. 0, or -1 after the
 * answer. */
static int admit_post(struct pending *p)
{
	struct request *rq = &p->rq;
	if (thread_store(rq))
		return -1;
	/* a store that cannot tell who is signed in: a 503, not the 403 of
	 * a form without its session (the editor's form is fine; the store
	 * is not) */
	if (auth_session(rq)) {
		page_error(rq, 503, N_("The hub's store cannot be read; try again later."));
		return -1;
	}
	if (route_admit(rq))
		return -1;
	int64_t announced;
	buf_init(&p->upload, route_body_max(rq));
	if (announces_too_much(rq->conn, p->upload.cap, &announced)) {
		page_error(rq, 413, N_("This form is too large."));
		return -1;
	}
	if (announced > 0 && budget_take(rq->srv, (size_t)announced)) {
		page_error(rq, 503, N_("The hub is busy receiving other forms; try again in a moment."));
		return -1;
	}
	p->reserved = announced > 0 ? (size_t)announced : 0;
	return 0;
}

/* The handler's first call: the headers are in, no body yet. Whatever
 * refuses the request answers now, before a body is read (refuse_early). */
static enum MHD_Result admit(struct server *srv, struct MHD_Connection *c, const char *url,
			     const char *method, struct pending *p)
{
	struct request *rq = &p->rq;
	int https;
	proxy_client_of(c, srv->trusted, p->addr, &https); /* the peer, unless a trusted proxy's */
	rq->srv = srv, rq->conn = c, rq->addr = p->addr, rq->secure = srv->secure || https;
	rq->lang = "en", rq->root = "", rq->status = 200;
	rq->method = arena_strndup(&rq->a, method, strlen(method));
	rq->path = arena_strndup(&rq->a, url, strlen(url));
	if (!rq->method || !rq->path)
		return MHD_NO;
	rq->gzip_ok = gzip_accepted(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"));
	route_language(rq);
	route_find(rq);
	const char *why = NULL;
	int status = bad_framing(c, &why);
	if (status) {
		page_error(rq, status, why);
		return refuse_early(c, p, 1);
	}
	if ((status = refused(c, url, p, &why))) {
		page_error(rq, status, why);
		return refuse_early(c, p, 0);
	}
	if (!strcmp(method, "POST") && admit_post(p))
		return refuse_early(c, p, 0);
	return MHD_YES;
}

/* Keeps a piece of a POST's body, within its cap and the budget; past
 * either, the rest is dropped and the answer (413, 503) waits for its end
 * (libmicrohttpd 0.9.75 queues no response mid-body). */
static void keep_body(struct pending *p, const char *data, size_t n)
{
	struct request *rq = &p->rq;
	if (p->answered || p->refused || strcmp(rq->method, "POST"))
		return;
	size_t want = p->upload.len + n;
	if (want > p->upload.cap) {
		p->refused = 413;
	} else if (want > p->reserved) { /* chunked, or more than announced */
		size_t more = want - p->reserved < BODY_STEP ? BODY_STEP : want - p->reserved;
		if (budget_take(rq->srv, more))
			p->refused = 503;
		else
			p->reserved += more;
	}
	if (!p->refused && buf_add(&p->upload, data, n))
		p->refused = 503;
	if (p->refused) {
		buf_free(&p->upload);
		budget_give_back(rq->srv, p);
	}
}

/* The handler's last call: the body, if any, is in. */
static enum MHD_Result finish(struct MHD_Connection *c, struct pending *p)
{
	struct request *rq = &p->rq;
	if (p->answered)
		return MHD_YES;
	if (p->refused == 413)
		page_error(rq, 413, N_("This form is too large."));
	else if (p->refused)
		page_error(rq, 503, N_("The hub is busy receiving other forms; try again in a moment."));
	else if (!strcmp(rq->method, "POST")) {
		rq->upload = p->upload.data ? p->upload.data : "";
		rq->upload_len = p->upload.len;
		route_dispatch(rq);
	} else if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) {
		if (!route_admit(rq)) /* else 404, or 405 */
			route_dispatch(rq);
	} else if (answer_get(p, !strcmp(rq->method, "HEAD")))
		return MHD_YES;
	return respond(c, p, 0);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct pending *p = *con_cls;
	if (!p)
		return MHD_NO; /* on_uri ran out of memory */
	if (!p->called++) {
		snprintf(p->protocol, sizeof p->protocol, "%s", version);
		p->referer = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer");
		p->agent = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "User-Agent");
		p->referer = p->referer ? arena_strndup(&p->rq.a, p->referer, strlen(p->referer)) : NULL;
		p->agent = p->agent ? arena_strndup(&p->rq.a, p->agent, strlen(p->agent)) : NULL;
		return admit(cls, c, url, method, p);
	}
	if (*upload_size) {
		keep_body(p, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return finish(c, p);
}

static int bind_address(const char *addr, unsigned port, struct sockaddr_storage *ss, unsigned *flags)
{
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *in4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*flags |= MHD_USE_IPv6;
		return 0;
	}
	return -1;
}

/* The signals web_serve() takes in wait_for_signal(), blocked in every
 * other thread. */
static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Waits for SIGTERM or SIGINT; each SIGHUP meanwhile reopens the access
 * log (logrotate moved it away). Returns the stopping signal's name. */
static const char *wait_for_signal(struct server *srv)
{
	sigset_t set;
	stop_signals(&set);
	for (;;) {
		int sig;
		if (sigwait(&set, &sig))
			continue;
		if (sig != SIGHUP)
			return sig == SIGTERM ? "SIGTERM" : "SIGINT";
		struct buf why;
		buf_init(&why, 1024);
		if (access_log_reopen(&srv->log, &why))
			px_log(PX_LOG_ERR, "%s", why.data);
		else if (srv->log.path)
			px_log(PX_LOG_NOTICE, "SIGHUP: the access log %s is reopened", srv->log.path);
		buf_free(&why);
	}
}

/* Stops taking connections, lets the requests under way finish (up to
 * STOP_WAIT_S), then stops. It waits for requests, not connections: a
 * reverse proxy's idle keep-alive connections would hold the stop for the
 * whole STOP_WAIT_S, and closing one between requests is what HTTP allows
 * (nginx retries an idempotent request on another node). */
static void stop(struct server *srv, struct MHD_Daemon *d)
{
	MHD_quiesce_daemon(d);
	for (int i = 0; i < STOP_WAIT_S * 10; i++) {
		if (!__atomic_load_n(&srv->in_flight, __ATOMIC_ACQUIRE))
			break;
		usleep(100000);
	}
	MHD_stop_daemon(d);
}

/* The PEM files of o, read whole into cert and key (both NULL without TLS).
 * 0, or -1 with why set. */
static int read_tls(const struct web_options *o, struct buf *cert, struct buf *key, struct buf *why)
{
	if (!o->tls_cert)
		return 0;
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		buf_reject(why, "this libmicrohttpd has no TLS");
		return -1;
	}
	if (buf_read_file(cert, o->tls_cert) || buf_read_file(key, o->tls_key)) {
		buf_reject(why, "%s: %s", cert->len ? o->tls_key : o->tls_cert, strerror(errno));
		return -1;
	}
	return 0;
}

/* The worker threads o asks for: one per CPU unless said. */
static unsigned threads_of(const struct web_options *o)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return o->threads ? o->threads : cpus > 0 ? (unsigned)cpus : 1;
}

static struct MHD_Daemon *start(struct server *srv, const struct web_options *o, struct buf *why)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
	struct buf cert, key;
	buf_init(&cert, 1 << 20);
	buf_init(&key, 1 << 20);
	if (read_tls(o, &cert, &key, why)) {
		buf_free(&cert);
		buf_free(&key);
		return NULL;
	}
	if (cert.data)
		flags |= MHD_USE_TLS;
	struct sockaddr_storage ss;
	const char *addr = o->bind ? o->bind : "127.0.0.1";
	if (bind_address(addr, o->port, &ss, &flags)) {
		buf_reject(why, "not an IP address: %s", addr);
		return NULL;
	}
	unsigned threads = threads_of(o);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)o->port, NULL, NULL, answer, srv, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)CONNECTIONS_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		o->per_ip ? o->per_ip : WEB_PER_IP_MAX, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_S,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, srv,
		cert.data ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert.data, MHD_OPTION_HTTPS_MEM_KEY,
		key.data, MHD_OPTION_END);
	if (!d && cert.data)
		buf_reject(why,
			   "cannot serve HTTPS on %s port %u: the certificate or key is not usable PEM, or "
			   "the port is taken",
			   addr, o->port);
	else if (!d)
		buf_reject(why, "cannot listen on %s port %u: %s", addr, o->port, strerror(errno));
	if (key.data) /* the key lives on in libmicrohttpd's copy only */
		explicit_bzero(key.data, key.len);
	buf_free(&cert);
	buf_free(&key);
	return d;
}

enum px_err web_serve(const struct web_options *o, struct buf *why)
{
	struct server srv = {
		.ix = o->ix, .db = o->db, .db_read = o->db_read, .secure = o->tls_cert != NULL,
		.public_url = o->public_url, .version = o->version ? o->version : "unknown",
		.trusted = o->trusted, .admin_from = o->admin_from};
	struct cidr_set loopback = {.n = 0};
	if (!srv.admin_from || !srv.admin_from->n) { /* ops pages stay on the machine */
		(void)!cidr_set_add(&loopback, "127.0.0.0/8");
		(void)!cidr_set_add(&loopback, "::1");
		srv.admin_from = &loopback;
	}
	srv.metrics.started = time(NULL);
	enum px_err err = access_log_open(&srv.log, o->access_log, o->quiet, why);
	int log_open = !err;
	if (!err)
		err = tmpl_set_new(&srv.tmpl, why);
	if (!err && (err = map_init()))
		buf_reject(why, "out of memory for the map's gazetteer");
	if (!err && gzip_assets_init() && (err = PX_ENOMEM))
		buf_reject(why, "out of memory for the static files' gzipped forms");
	/* SIGINT, SIGTERM and SIGHUP go to sigwait() below, never to a worker */
	sigset_t set;
	stop_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	pthread_rwlockattr_t ra;
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&srv.ix_lock, &ra);
	pthread_rwlockattr_destroy(&ra);
	if (!err && (pthread_key_create(&srv.store_key, store_key_free) ||
		     pthread_key_create(&srv.replica_key, store_key_free)))
		err = PX_ENOMEM;
	/* after the signal mask: the mailer's thread inherits it */
	if (!err && o->smtp)
		err = mailer_start(&(struct mailer_options){.db = o->db, .smtp = o->smtp, .from = o->mail_from,
							     .retry_s = o->smtp_retry_s, .log = 1},
				   &srv.mailer, why);
	struct mt_options mo;
	if (!err && !(err = mt_options_env(&mo, why)))
		err = mt_open(&mo, &srv.mt, why);
	if (!err && !(srv.mtq = mt_queue_start(o->db, srv.mt, 1))) {
		buf_reject(why, "cannot start the thread that makes machine translations");
		err = PX_ENOMEM;
	}
	if (!err && !(srv.linger = linger_start())) {
		buf_reject(why, "cannot start the thread that closes refused connections");
		err = PX_ENOMEM;
	}
	if (!err && (err = follower_start(&srv, o->revision)))
		buf_reject(why, "cannot start the thread that follows the store's changes");
	struct MHD_Daemon *d = err ? NULL : start(&srv, o, why);
	if (!err && !d)
		err = PX_EIO;
	if (d) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		const char *addr = o->bind ? o->bind : "127.0.0.1";
		int v6 = strchr(addr, ':') != NULL;
		char url[INET6_ADDRSTRLEN + 32]; /* addr is an IP address: bind_address() */
		snprintf(url, sizeof url, "%s://%s%s%s:%u/", srv.secure ? "https" : "http", v6 ? "[" : "", addr,
			 v6 ? "]" : "", di ? di->port : o->port);
		fprintf(o->ready ? o->ready : stdout, "praxis: serving %s\n", url);
		fflush(o->ready ? o->ready : stdout);
		px_log(PX_LOG_NOTICE, "started: praxis %s serving %s, %zu nodes, %u threads", srv.version, url,
		       index_size(srv.ix),
		       threads_of(o));
		if (o->on_ready)
			o->on_ready(url, o->hook_ctx);
		const char *sig = wait_for_signal(&srv);
		px_log(PX_LOG_NOTICE, "stopping (%s): the requests under way may finish", sig);
		if (o->on_stopping)
			o->on_stopping(o->hook_ctx);
		stop(&srv, d);
	}
	follower_stop(&srv);
	mailer_stop(srv.mailer);
	mt_queue_stop(srv.mtq);
	mt_free(srv.mt);
	linger_stop(srv.linger);
	tmpl_set_free(srv.tmpl);
	map_free();
	gzip_assets_free();
	i18n_free();
	cache_free();
	if (log_open)
		access_log_close(&srv.log);
	if (d)
		px_log(PX_LOG_NOTICE, "stopped");
	return err;
}

enum px_err web_lib_versions(struct buf *out)
{
	return buf_printf(out, "libmicrohttpd %s\ncmark %s\nzlib %s\n", MHD_get_version(),
			  cmark_version_string(), zlibVersion());
}
