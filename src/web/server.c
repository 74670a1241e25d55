/* The HTTP server: libmicrohttpd with a pool of worker threads on epoll,
 * limits that keep slow or greedy clients from starving the others, an
 * access log, and a graceful stop on SIGTERM or SIGINT.
 *
 * A request is checked before any page sees it: only GET and HEAD, a URI of
 * at most URI_MAX bytes (414), a path and parameters in valid UTF-8 (400).
 * Each worker thread opens its own store handle on first use (a handle is
 * for one thread at a time); the index is shared and only read. */
#include "web_int.h"

#include "../store/store.h"
#include "../text/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define URI_MAX         2048
#define CONNECTIONS_MAX 512
#define TIMEOUT_S       15                 /* idle or slow connections are closed */
#define CONN_MEMORY     ((size_t)32 << 10) /* request line + headers */
#define STOP_WAIT_S     10                 /* requests under way may finish */
#define BODY_CAP        ((size_t)16 << 20)

static pthread_key_t store_key;
static FILE *access_log;
/* The index: GET pages read it (many at once), an editor's save changes it.
 * Writers are preferred, so a steady stream of readers cannot hold off a
 * publication. */
static pthread_rwlock_t ix_lock;
static struct index *shared_ix;

static void store_key_free(void *st)
{
	store_close(st);
}

/* This thread's store handle, opened on first use; NULL if it cannot be. */
static struct store *thread_store(const struct server *srv)
{
	struct store *st = pthread_getspecific(store_key);
	if (st)
		return st;
	struct buf why;
	buf_init(&why, 1024);
	if (store_open(srv->db, &st, &why) != PX_OK) {
		fprintf(stderr, "praxis: %s\n", why.data ? why.data : "cannot open the store");
		st = NULL;
	}
	buf_free(&why);
	if (st)
		pthread_setspecific(store_key, st);
	return st;
}

/* What a connection's request keeps between libmicrohttpd's calls. */
struct pending {
	char *uri; /* as sent, for the log and the 414 */
	struct timespec t0;
	int status;
	size_t bytes;
	struct buf body; /* a POST's, up to its cap (FORM_BODY_MAX, IMPORT_BODY_MAX) */
	int too_big;     /* the body passed its cap: the rest is dropped */
	int called;      /* the handler's first call has returned: answering in
			    it makes libmicrohttpd 0.9.75 close the connection */
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	struct pending *p = calloc(1, sizeof *p);
	if (p) {
		p->uri = strndup(uri, URI_MAX + 1);
		clock_gettime(CLOCK_MONOTONIC, &p->t0);
		/* only the import form takes files */
		buf_init(&p->body, strstr(uri, "/admin/import") ? IMPORT_BODY_MAX : FORM_BODY_MAX);
	}
	return p;
}

/* The client's address as text ("-" if unknown). */
static void client_addr(struct MHD_Connection *c, char addr[INET6_ADDRSTRLEN])
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	addr[0] = '-', addr[1] = '\0';
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		const void *in =
			sa->sa_family == AF_INET6
				? (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr
				: (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
		inet_ntop(sa->sa_family, in, addr, INET6_ADDRSTRLEN);
	}
}

static void log_request(struct MHD_Connection *c, const struct pending *p)
{
	if (!access_log)
		return;
	char addr[INET6_ADDRSTRLEN];
	client_addr(c, addr);
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - p->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - p->t0.tv_nsec) / 1e6;
	time_t now = time(NULL);
	struct tm tm;
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	fprintf(access_log, "%s %s %d %zu %.2fms %.200s\n", when, addr, p->status, p->bytes, ms,
		p->uri ? p->uri : "-");
	fflush(access_log);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	struct pending *p = *con_cls;
	if (!p)
		return;
	log_request(c, p);
	free(p->uri);
	buf_free(&p->body);
	free(p);
	*con_cls = NULL;
}

/* rq's response with the hub's headers; cached: the copy the page cache
 * keeps says X-Cache: hit. NULL when out of memory. */
static struct MHD_Response *make_response(const struct request *rq, int cached)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		rq->body.len, rq->body.data ? rq->body.data : "", MHD_RESPMEM_MUST_COPY);
	if (!r)
		return NULL;
	MHD_add_response_header(r, "Content-Type", rq->type ? rq->type : "text/html; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (rq->srv->secure)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(
		r, "Content-Security-Policy",
		"default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
	if (rq->cache || rq->user)
		MHD_add_response_header(r, "Cache-Control", rq->user ? "private, no-store" : rq->cache);
	if (rq->location)
		MHD_add_response_header(r, "Location", rq->location);
	for (size_t i = 0; i < rq->ncookies; i++)
		MHD_add_response_header(r, "Set-Cookie", rq->cookies[i]);
	if (rq->by_header)
		MHD_add_response_header(r, "Vary", "Accept-Language");
	MHD_add_response_header(r, "X-Cache", cached ? "hit" : "miss");
	if (rq->status == 405)
		MHD_add_response_header(r, "Allow", rq->allow ? rq->allow : "GET, HEAD");
	return r;
}

static enum MHD_Result respond(struct MHD_Connection *c, struct request *rq, struct pending *p)
{
	struct MHD_Response *r = make_response(rq, 0);
	if (!r)
		return MHD_NO;
	p->status = rq->status;
	p->bytes = rq->body.len;
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rq->status, r); /* no body to a HEAD */
	MHD_destroy_response(r);
	return ok;
}

struct args_check {
	int bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct args_check *a = cls;
	size_t bad;
	if (text_utf8_check(key, strlen(key), &bad) || (value && text_utf8_check(value, strlen(value), &bad)))
		a->bad = 1;
	return a->bad ? MHD_NO : MHD_YES;
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
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (a.bad || text_utf8_check(url, strlen(url), &bad)) {
		*why = N_("This address is not valid UTF-8.");
		return 400;
	}
	return 0;
}

/* The page cache's key: the host the client asked (absolute links are
 * made of it) and the URI as sent. */
static const char *cache_key(struct request *rq, const struct pending *p)
{
	const char *host = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Host");
	return p->uri ? arena_printf(&rq->a, "%s\n%s", host ? host : "", p->uri) : NULL;
}

/* A GET or HEAD: from the cache for a visitor without a session, else
 * made (in one read transaction) and kept if it is a page to keep. 1 when
 * the cache answered. */
static int answer_get(struct request *rq, const struct server *srv, struct pending *p, int head)
{
	const char *key = cache_key(rq, p);
	int session = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, AUTH_SESSION_COOKIE) != NULL;
	if (!session && key && cache_queue(rq->conn, rq->lang, key, &p->status, &p->bytes))
		return 1;
	if (!(rq->st = thread_store(srv))) {
		page_error(rq, 503, N_("The hub's store cannot be opened; try again later."));
		return 0;
	}
	if (session)
		auth_session(rq);
	if (session && !rq->user && key && cache_queue(rq->conn, rq->lang, key, &p->status, &p->bytes))
		return 1;                     /* a stale session cookie: the visitor's page */
	int begun = store_read_begin(rq->st); /* the page sees one state of the store */
	pthread_rwlock_rdlock(&ix_lock);
	route_dispatch(rq);
	pthread_rwlock_unlock(&ix_lock);
	store_read_end(rq->st, begun);
	struct MHD_Response *r;
	if (key && !head && cache_wants(rq) && (r = make_response(rq, 1)))
		cache_put(rq, key, r);
	return 0;
}

/* A POST: its page decodes the form (route.c) and writes what it must. */
static void answer_post(struct request *rq, const struct server *srv, const struct pending *p)
{
	rq->upload = p->body.data ? p->body.data : "";
	rq->upload_len = p->body.len;
	if (!(rq->st = thread_store(srv))) {
		page_error(rq, 503, N_("The hub's store cannot be opened; try again later."));
		return;
	}
	auth_session(rq);
	route_dispatch(rq);
}

/* Puts n, or else every node of nodes as st holds it, under the write
 * lock; then the cache is emptied. */
static enum px_err index_update(const struct node *n, struct store *st, const struct ptrvec *nodes)
{
	pthread_rwlock_wrlock(&ix_lock);
	enum px_err err = n ? index_put(shared_ix, n) : PX_OK;
	for (size_t i = 0; !n && !err && i < ptrvec_len(nodes); i++) {
		struct node *stored = NULL;
		err = store_node_get(st, ((const struct node *)ptrvec_get(nodes, i))->nid, &stored);
		if (!err)
			err = index_put(shared_ix, stored);
		node_free(stored);
	}
	if (!err)
		err = index_flush(shared_ix);
	pthread_rwlock_unlock(&ix_lock);
	cache_invalidate();
	return err;
}

enum px_err server_index_put(const struct node *n)
{
	return index_update(n, NULL, NULL);
}

enum px_err server_index_reload(struct store *st, const struct ptrvec *nodes)
{
	return index_update(NULL, st, nodes);
}

/* Does the request announce a body past the cap of p's? */
static int announces_too_much(struct MHD_Connection *c, const struct pending *p)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	int64_t n;
	return len && !px_parse_i64(len, strlen(len), 0, &n) && n > (int64_t)p->body.cap;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	const struct server *srv = cls;
	struct pending *p = *con_cls;
	if (!p)
		return MHD_NO; /* on_uri ran out of memory */
	if (*upload_size) {    /* a body: kept for a POST (up to the limit), else dropped */
		if (!strcmp(method, "POST") && !p->too_big && buf_add(&p->body, upload, *upload_size))
			p->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	/* A body announced too large is refused before it comes: answering in
	 * the first call makes libmicrohttpd close the connection after. */
	int first = !p->called++;
	if (first && !(strcmp(method, "POST") == 0 && announces_too_much(c, p)))
		return MHD_YES;
	char addr[INET6_ADDRSTRLEN];
	client_addr(c, addr);
	struct request rq = {.srv = srv,
			     .conn = c,
			     .path = url,
			     .lang = "en",
			     .root = "",
			     .status = 200,
			     .method = method,
			     .addr = addr};
	arena_init(&rq.a);
	buf_init(&rq.body, BODY_CAP);
	const char *why = NULL;
	route_language(&rq);
	int status = refused(c, url, p, &why);
	int head = !strcmp(method, "HEAD");
	if (!status && (first || p->too_big))
		status = 413, why = N_("This form is too large.");
	if (status)
		page_error(&rq, status, why);
	else if (!strcmp(method, "POST"))
		answer_post(&rq, srv, p);
	else if (strcmp(method, "GET") && !head)
		page_error(&rq, 405, N_("This address only answers GET, HEAD and POST."));
	else if (answer_get(&rq, srv, p, head)) {
		buf_free(&rq.body);
		arena_free(&rq.a);
		return MHD_YES;
	}
	enum MHD_Result ok = respond(c, &rq, p);
	buf_free(&rq.body);
	arena_free(&rq.a);
	return ok;
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

static void wait_for_signal(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	int sig;
	sigwait(&set, &sig);
}

/* Stops taking connections, lets those under way finish (up to
 * STOP_WAIT_S), then stops. */
static void stop(struct MHD_Daemon *d)
{
	MHD_quiesce_daemon(d);
	for (int i = 0; i < STOP_WAIT_S * 10; i++) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
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
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = o->threads ? o->threads : cpus > 0 ? (unsigned)cpus : 1;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)o->port, NULL, NULL, answer, srv, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)CONNECTIONS_MAX, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		o->per_ip ? o->per_ip : WEB_PER_IP_MAX, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_S,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
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
	struct server srv = {o->ix, NULL, o->db, o->tls_cert != NULL};
	enum px_err err = tmpl_set_new(&srv.tmpl, why);
	if (!err && (err = map_init()))
		buf_reject(why, "out of memory for the map's gazetteer");
	/* SIGINT and SIGTERM go to sigwait() below, never to a worker */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	access_log = o->access_log;
	shared_ix = o->ix;
	pthread_rwlockattr_t ra;
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&ix_lock, &ra);
	pthread_rwlockattr_destroy(&ra);
	if (!err && pthread_key_create(&store_key, store_key_free))
		err = PX_ENOMEM;
	struct MHD_Daemon *d = err ? NULL : start(&srv, o, why);
	if (!err && !d)
		err = PX_EIO;
	if (d) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		const char *addr = o->bind ? o->bind : "127.0.0.1";
		int v6 = strchr(addr, ':') != NULL;
		fprintf(o->ready ? o->ready : stdout, "praxis: serving %s://%s%s%s:%u/\n",
			srv.secure ? "https" : "http", v6 ? "[" : "", addr, v6 ? "]" : "",
			di ? di->port : o->port);
		fflush(o->ready ? o->ready : stdout);
		wait_for_signal();
		stop(d);
	}
	tmpl_set_free(srv.tmpl);
	map_free();
	cache_free();
	return err;
}
