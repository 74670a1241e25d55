/* web: what the server's files share (private to src/web). */
#ifndef PX_WEB_INT_H
#define PX_WEB_INT_H

#include "web.h"
#include "follower.h"

#include "../core/core.h"
#include "../index/index.h"
#include "../store/user.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- arena.c: a request's memory, freed at once when it completes ---- */

struct arena {
	struct arena_block *head; /* newest first */
	int failed;               /* sticky: an allocation failed */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* n bytes, 16-aligned, zeroed; NULL (and a->failed set) when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..n); NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- tv.c: the values a template is rendered with ---- */

enum tv_kind {
	TV_NULL,
	TV_STR, /* text: escaped for wherever it lands */
	TV_INT,
	TV_BOOL,
	TV_LIST,
	TV_MAP,
	TV_HTML, /* markup made by html.c from escaped text: printed as is, in text only */
};

struct tv {
	enum tv_kind kind;
	const char *s; /* TV_STR, TV_HTML: NUL-terminated, in the arena */
	size_t len;    /* of s; items in a list or map */
	int64_t i;     /* TV_INT; TV_BOOL 0/1 */
	struct tv **items;
	const char **keys; /* TV_MAP: items[k] is keys[k]'s value */
	size_t cap;
	struct arena *a; /* where it and everything it holds live */
};

/* Every constructor returns NULL when the arena is out of memory; adding
 * NULL to a list or map is a no-op, so a handler checks a->failed once. */
struct tv *tv_map(struct arena *a);
struct tv *tv_list(struct arena *a);
struct tv *tv_str(struct arena *a, const char *s); /* copied; NULL s: TV_NULL */
struct tv *tv_int(struct arena *a, int64_t v);
struct tv *tv_bool(struct arena *a, int v);
/* A fragment of markup: only html.c makes them. */
struct tv *tv_html(struct arena *a, const char *markup);
void tv_push(struct tv *list, struct tv *v);
void tv_set(struct tv *map, const char *key, struct tv *v); /* key: a literal */
void tv_set_str(struct tv *map, const char *key, const char *s);
void tv_set_int(struct tv *map, const char *key, int64_t v);
void tv_set_bool(struct tv *map, const char *key, int v);
/* The value of key in map, or NULL. */
const struct tv *tv_get(const struct tv *map, const char *key, size_t klen);

/* ---- html.c: every escaper, one per output context ---- */

enum px_err html_text(struct buf *out, const char *s, size_t n) PX_WUR; /* also attributes */
/* XML 1.0 forbids C0 controls (but TAB, LF, CR), U+FFFE and U+FFFF, even
 * escaped: is s free of them? html_xml_clean() copies s to out with each
 * replaced by U+FFFD; the templates of XML documents pass every value
 * through it before its context's escaper. */
int html_xml_allowed(const char *s, size_t n);
enum px_err html_xml_clean(struct buf *out, const char *s, size_t n) PX_WUR;
/* A whole URL in an attribute: http(s), mailto or relative, else "#". */
enum px_err html_url(struct buf *out, const char *s, size_t n) PX_WUR;
/* A piece of a URL (path segment or query value): percent-encoded. */
enum px_err html_url_part(struct buf *out, const char *s, size_t n) PX_WUR;
/* A JSON string literal safe inside <script>. */
enum px_err html_json_string(struct buf *out, const char *s, size_t n) PX_WUR;
/* text as CommonMark (cmark), a lone newline ending a paragraph as in the
 * listings; raw HTML and unsafe links dropped (cmark's safe mode). The
 * markup, in the arena; NULL when out of memory. */
struct tv *html_markdown(struct arena *a, const char *text);

/* ---- tmpl.c: templates, compiled once, escaped by context ----
 *
 * Syntax: {{name}} or {{a.b}} prints a value; {{.}} the current item;
 * {{#each list}}...{{/each}} repeats with each item as the scope (names
 * not found in it are looked up outward; @first and @last are booleans);
 * {{#if name}}...{{else}}...{{/if}} and {{#unless name}}...{{/unless}};
 * {{> partial}} includes another template; {{_ "text"}} prints text in the
 * request's language. Where a value lands decides its escaping: text,
 * attribute, a URL attribute (href, src, action: a whole URL at the start
 * of the value, a percent-encoded piece after), or JSON in a
 * <script type="application/ld+json">. A hole anywhere else (a tag, an
 * unquoted attribute, a comment, another script, a style) fails the
 * compilation, as does a block whose two ends are in different contexts:
 * templates are checked when the server starts, never mid-request. */

struct tmpl_set;

/* Compiles every template of the embedded assets (templates/NAME.html or .xml);
 * why gets NAME:LINE: what, for the first error. */
enum px_err tmpl_set_new(struct tmpl_set **out, struct buf *why) PX_WUR;
void tmpl_set_free(struct tmpl_set *ts);
/* Compiles sources given as name/text pairs (tests); the set copies them. */
enum px_err tmpl_set_from(struct tmpl_set **out, const char *const *pairs, size_t npairs,
			  struct buf *why) PX_WUR;
/* Renders template name with scope into out. Translations come from tr
 * (msgid → text in the request's language; NULL: the msgid). */
enum px_err tmpl_render(const struct tmpl_set *ts, const char *name, const struct tv *scope,
			const char *(*tr)(const char *msgid, void *arg), void *tr_arg,
			struct buf *out) PX_WUR;

/* ---- form.c: form bodies ---- */

#define FORM_FIELDS_MAX 1024
#define FORM_BODY_MAX   ((size_t)1 << 20)  /* 1 MiB: a practice with its five sections fits many times */
#define IMPORT_BODY_MAX ((size_t)64 << 20) /* a listing or JSON Lines file, on /admin/import */
#define READER_BODY_MAX ((size_t)16 << 10) /* a reader's forms: names, a query string, ids */
#define CONTACT_BODY_MAX ((size_t)64 << 10) /* a request of 5,000 code points, %-encoded, fits */
#define LOGIN_BODY_MAX  ((size_t)16 << 10) /* a name, a password, two tokens: anyone may send it, so
					      64 held connections of an address reserve 1 MB of the budget */

struct form {
	const char **names, **values; /* in the arena, in the body's order */
	size_t *lens;                 /* of each value (a file's may hold a NUL) */
	const char **files;           /* the file name a part came with, or NULL */
	size_t n;
};

/* Why a form body could not be decoded. */
enum form_error {
	FORM_OK,
	FORM_MALFORMED, /* a bad %-escape, invalid UTF-8 or a NUL; a part without a name */
	FORM_TRUNCATED, /* a multipart body that ends before its closing delimiter */
	FORM_TOO_MANY,  /* more than FORM_FIELDS_MAX fields or parts */
	FORM_NO_MEMORY, /* the arena is out of memory (a->failed) */
};

/* Decodes an application/x-www-form-urlencoded body into the arena:
 * FORM_OK, or why not. */
enum form_error form_parse(struct arena *a, const char *body, size_t len, struct form *f);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* Replaces every field called name with one holding value (both kept as
 * given: literals or the arena's); the others keep their order. PX_ENOMEM
 * leaves f as it was. */
enum px_err form_put(struct arena *a, struct form *f, const char *name, const char *value) PX_WUR;
/* Decodes a multipart/form-data body (RFC 7578) whose Content-Type is
 * type (it names the boundary): each part's name, content and file name.
 * FORM_OK, or why not (no boundary, a part without a name, a name, file
 * name or value not valid UTF-8, a NUL in a value: FORM_MALFORMED). A
 * file's content (a part with a file name) is copied as it is. */
enum form_error form_parse_multipart(struct arena *a, const char *type, const char *body, size_t len,
				     struct form *f);
/* The index of the first field called name, or -1. */
long form_find(const struct form *f, const char *name);

/* ---- server.c, route.c: requests ---- */

struct store;
struct index;
struct MHD_Connection;
struct route;

/* Bytes of request bodies all connections together may hold at once; a
 * body past it is refused with 503 and Retry-After, so that memory stays
 * bounded however many uploads are under way. */
#define WEB_BODY_BUDGET ((size_t)256 << 20)

/* ---- access_log.c: a line per request, in the Combined Log Format ---- */

/* The access log. Workers write a line each with one write(2) under the
 * read side of lock; a reopen (SIGHUP, for logrotate) opens the file
 * anew and swaps fd under the write side, so that no line goes to a
 * closed descriptor and none is torn. */
struct access_log {
	const char *path;      /* appended to; NULL: stderr (never reopened) */
	int fd;                /* -1: no access log (--quiet) */
	pthread_rwlock_t lock; /* guards fd */
};

/* What a line tells of a request (every string borrowed; NULL: "-"). */
struct access_entry {
	const char *addr;            /* the client's address */
	const char *user;            /* the signed-in user's name */
	time_t received;             /* when the request came in (wall clock) */
	const char *method, *uri, *protocol; /* the request line as sent */
	int status;                  /* 0: no answer was given (the client left) */
	size_t bytes;                /* of the body sent */
	const char *referer, *agent; /* the request's headers */
	double seconds;              /* from the request line to the answer's end */
};

/* Opens the log: path appended to (created 0640), NULL for stderr, or
 * none when off. PX_EIO with why naming the file. */
enum px_err access_log_open(struct access_log *al, const char *path, int off, struct buf *why) PX_WUR;
/* Opens the file at al->path again (it was moved away): later lines go to
 * the new file. Nothing for stderr. PX_EIO with why; the old file is kept
 * then. */
enum px_err access_log_reopen(struct access_log *al, struct buf *why) PX_WUR;
void access_log_close(struct access_log *al);
/* Writes e's line: see access_log.c for the format. */
void access_log_write(struct access_log *al, const struct access_entry *e);
/* The longest line: each quoted field is cut at 4 KB, and a byte escaped
 * takes four. */
#define ACCESS_LINE_MAX ((size_t)96 << 10)
/* e's line, with its newline, appended to out (the unit tests'). */
enum px_err access_log_line(struct buf *out, const struct access_entry *e) PX_WUR;

/* ---- metrics.c: the counters /metrics exports ---- */

#define ROUTES_MAX      80 /* route.c's table is no longer (checked when it compiles) */
#define METRICS_CODES   26 /* the statuses counted apart, and one for any other */
#define METRICS_BUCKETS 13 /* the latency histogram's, +Inf included */

/* Every counter is updated with relaxed atomics by the worker that ends
 * a request: no lock on the hot path. Row ROUTES_MAX is requests that
 * matched no route. */
struct metrics {
	uint64_t requests[ROUTES_MAX + 1][METRICS_CODES];
	uint64_t latency[ROUTES_MAX + 1][METRICS_BUCKETS]; /* not cumulative: one bucket per request */
	uint64_t latency_us[ROUTES_MAX + 1];               /* the durations' sum, microseconds */
	uint64_t logins_failed, logins_throttled;
	time_t started; /* the process's start, for process_start_time_seconds */
};

/* Counts a request that ended: its route (NULL: none), its status, its
 * duration. */
void metrics_record(struct metrics *m, const struct route *r, int status, double seconds);

/* The server: everything its worker threads share, owned by web_serve(). */
struct server {
	struct index *ix; /* shared: pages read it under ix_lock */
	/* GET pages read the index (many at once), an editor's save changes
	 * it; writers are preferred, so a steady stream of readers cannot hold
	 * off a publication. */
	pthread_rwlock_t ix_lock;
	struct tmpl_set *tmpl;
	const char *db;          /* each worker thread opens its own store handle */
	pthread_key_t store_key; /* that handle, per thread */
	/* --db-read: a streaming replica of db, or NULL; each worker's handle
	 * on it under replica_key, opened on first use. The rest is atomic:
	 * the monotonic ms before which the replica is not tried again, the
	 * pages read from it, those it could have made and db made. */
	const char *db_read;
	pthread_key_t replica_key;
	int64_t replica_retry_ms;
	uint64_t replica_reads, replica_fallbacks;
	int secure;              /* served over TLS: every request is secure */
	const struct cidr_set *trusted;    /* proxies whose forwarding headers are believed; NULL: none */
	const struct cidr_set *admin_from; /* who may reach ROUTE_OPS routes */
	struct access_log log;   /* a line per request */
	struct metrics metrics;  /* what /metrics exports */
	size_t body_held;        /* bytes of bodies reserved now (atomic), at most WEB_BODY_BUDGET */
	unsigned in_flight;      /* requests begun and not ended (atomic): the stop waits for them */
	const char *version;     /* web_options.version, never NULL */
	const char *public_url;  /* web_options.public_url, without a trailing slash, or NULL */
	struct mailer *mailer;   /* sends the outbox when a relay is set; NULL otherwise */
	struct lingering *linger;   /* closes sockets refused before their bodies (linger.c) */
	struct mt *mt;              /* the translation graph (src/mt/); read-only */
	struct mt_queue *mtq;       /* the thread that makes translations (translation.c) */
	struct follower follower;   /* takes other processes' changes to the store (follower.c) */
};

/* What a page was made of, recorded while it is made (page_dep*(),
 * cache.c): slots of the page cache's table of changes, each a hash of a
 * key (a nid, a word, a facet value, a place). A page kept by the cache
 * is dropped once a change meets one of them. A page that declares none
 * (declared 0: a route not annotated, or more than PAGE_DEPS_MAX keys)
 * was made of everything: any change drops it. */
#define PAGE_DEPS_MAX  1024
#define PAGE_DEP_SLOTS 65536 /* the cache's table of changes: uint16_t slots */
struct page_deps {
	int declared; /* 1: the route records all its page reads */
	int overflow; /* 1: more than PAGE_DEPS_MAX: made of everything */
	size_t n;
	uint16_t slot[PAGE_DEPS_MAX];
	uint64_t has[PAGE_DEP_SLOTS / 64]; /* a bit per slot: slot[] holds it */
};

/* One request and its response, in the worker thread that answers it. */
struct request {
	struct arena a; /* whatever the handler allocates; freed when it completes */
	struct server *srv;
	struct MHD_Connection *conn;
	const char *path;          /* decoded, valid UTF-8 */
	const struct route *route; /* matched once, when the headers are in; NULL: none */
	int64_t id;                /* the route's {nid} */
	const char *slug;          /* the route's {slug} or {file} */
	const char *lang;          /* the interface language: "en", "fr", ... */
	const char *root;          /* "" or the path prefix that chose it: "/fr" */
	int by_header;             /* Accept-Language chose it: the answer varies with it */
	struct store *st;          /* this thread's store handle */
	const char *method;        /* "GET", "HEAD" or "POST" */
	const char *upload;        /* a POST's body, as sent */
	size_t upload_len;
	struct form form;        /* a POST's fields, decoded by route_dispatch() */
	const char *addr;        /* the client's address: the TCP peer's, or the one a
				    trusted proxy forwarded (proxy.c) */
	int secure;              /* reached over HTTPS, here or at a trusted proxy: HSTS,
				    Secure cookies, https:// links */
	const struct user *user; /* who is signed in, or NULL */
	const char *store_why;   /* why this thread's store handle could not be opened, or NULL */
	const char *csrf;        /* the token this request's forms carry back: the
				    session's, or the login form's cookie */
	/* the response */
	int status;
	const char *type;       /* Content-Type */
	const char *cache;      /* Cache-Control, or NULL */
	const char *location;   /* a redirect's Location */
	const char *allow;      /* a 405's Allow */
	const char *vary;       /* a Vary header beside Accept-Language's, or NULL */
	const char *cookies[4]; /* Set-Cookie values */
	size_t ncookies;
	struct buf body;
	const char *gz;   /* body gzipped (in the arena, or a static file's), or NULL: gzip.c */
	size_t gz_len;    /* its bytes */
	const char *etag; /* a public 200's validator, W/"...", or NULL */
	int gzip_ok;      /* the client's Accept-Encoding takes gzip */
	struct page_deps deps; /* what the page was made of: cache.c */
};

/* Puts node n (saved in the store as revision rev) in srv's index, under
 * its write lock, and drops the cached pages the change meets (cache.c):
 * what was published is found at once, what was unpublished is gone at
 * once (server.c). */
enum px_err server_index_put(struct server *srv, const struct node *n, int64_t rev) PX_WUR;
/* The same for every node of nodes (an import), read again from st: the
 * store, not the file, says which are published. */
enum px_err server_index_reload(struct server *srv, struct store *st, const struct ptrvec *nodes) PX_WUR;

/* ---- auth.c: who is signed in, and whether a form may be trusted ---- */

#define AUTH_SESSION_COOKIE "praxis_session"
#define AUTH_CSRF_COOKIE    "praxis_csrf" /* the login form's, before a session */

/* The value of cookie name, or NULL. */
const char *auth_cookie_value(const struct request *rq, const char *name);
/* Sets rq->user and rq->csrf from the session cookie, if it names a live
 * session. Runs before the page's read transaction (it may write).
 * PX_OK also when there is no such session; the store's failure else (the
 * caller answers 503 where a visitor's answer would mislead). */
enum px_err auth_session(struct request *rq);
/* rq->csrf for a visitor without a session: the login form's cookie, set
 * now if missing. */
void auth_anonymous_csrf(struct request *rq);
/* 0 if rq (a POST) may be trusted: its csrf field is rq->csrf and its
 * Origin, if sent, is this hub. Else the 403 page and -1. */
int auth_check_form(struct request *rq);
/* Adds a Set-Cookie for name (HttpOnly, Path=/, SameSite=same_site;
 * max_age 0 deletes it, -1 makes it last as long as the browser). */
void auth_cookie(struct request *rq, const char *name, const char *value, long max_age,
		 const char *same_site);
/* A 303 See Other to path (of this hub). */
void page_redirect(struct request *rq, const char *path);

/* Sets rq's interface language from its path prefix (/fr/..., taken off
 * rq->path) or its Accept-Language header (route.c). */
void route_language(struct request *rq);
/* Matches rq->path against the route table, once per request (route.c):
 * sets rq->route (NULL: no route) and the hole's rq->id or rq->slug. */
void route_find(struct request *rq);
/* The route's checks that need no body, made before a body is read: 0, or
 * -1 after the answer (404 without a route, 405 for a method it does not
 * take, the login page (303) or 403 when the page wants a role rq->user
 * lacks). */
int route_admit(struct request *rq);
/* The largest body rq's route takes (FORM_BODY_MAX without a route). */
size_t route_body_max(const struct request *rq);
/* Does rq's route answer JSON (its errors too)? */
int route_api(const struct request *rq);
/* Is rq's route one for operators and their machines (/healthz,
 * /metrics: ROUTE_OPS), answered in plain text, errors too? */
int route_ops(const struct request *rq);
/* May rq's route be read from a replica (--db-read)? Only GET routes that
 * need no role and are not the operator's: server.c's read_begin() says
 * which requests (no session besides) and why. */
int route_replica(const struct request *rq);
/* The routes, numbered from 0 for counters: route_count() of them; the
 * number of route r, and route i's pattern ("/node/{nid}"). */
size_t route_count(void);
size_t route_number(const struct route *r);
const char *route_pattern(size_t i);
/* Answers an admitted rq (route.c): a POST's form is decoded (400, 415)
 * and must pass auth_check_form() (403); then the page. */
void route_dispatch(struct request *rq);
/* The filters of the request: field=value for any facet field (type,
 * themes, labels, country, city, city_size, language, author), or
 * filter=field=value; repeatable (borrowed from the request). 0, or -1 with
 * fs->bad set to the first unusable one (no such field, or past
 * WEB_FILTERS_MAX). listing.c. */
#define WEB_FILTERS_MAX 32
struct web_filters {
	struct index_filter f[WEB_FILTERS_MAX];
	size_t n;
	const char *bad;
};
int request_filters(const struct request *rq, struct web_filters *fs);
/* The population range of the request: population_min and population_max,
 * whole numbers >= 0, either absent or empty for an open end. 0 (r->set
 * when either end is given), or -1 when one is not a whole number or the
 * minimum is above the maximum. listing.c. */
int request_population(const struct request *rq, struct index_range *r);
/* A size class's range in the reader's language ("50,000–249,999", "under
 * 50,000"), or what the unknown class means; in the arena. listing.c. */
const char *listing_size_range(struct request *rq, const struct city_size *c);
/* The order a listing with words asks for: ?sort=relevance (or none) 0,
 * ?sort=newest 1, anything else -1. */
int request_sort(const struct request *rq);
/* Does the Accept header name text/html (a browser, not a feed reader)? */
int request_accepts_html(const struct request *rq);
/* A query parameter's value (decoded, valid UTF-8), or NULL. */
const char *request_param(const struct request *rq, const char *name);
/* Calls fn for every query parameter, in order. */
void request_params_each(const struct request *rq, void (*fn)(const char *k, const char *v, void *arg),
			 void *arg);
/* The response: template name rendered with scope (which gets the
 * layout's fields), status 200. Out of memory: a 503. */
void page_render(struct request *rq, const char *name, struct tv *scope);
/* The hub's error page with status (400, 404, 405, 414, 503) and why;
 * JSON on an API route (route_api()). */
void page_error(struct request *rq, int status, const char *why);
/* A plain-text answer: status and text, one line (the ops routes' answers
 * and errors). */
void page_plain(struct request *rq, int status, const char *text);
/* page: the ?page= parameter, 1 when absent; -1 after a 400 response. */
int64_t page_number(struct request *rq);

/* url.c: every link to the hub's own pages. */
struct url_change {
	int64_t page;                /* the page to link to; 1 or 0: none */
	const char *add_k, *add_v;   /* a parameter to add */
	const char *drop_k, *drop_v; /* a parameter to leave out (every value: drop_v NULL) */
};
/* The current page's path and parameters with c applied (the page number
 * always replaced); in the arena, NULL when out of memory. */
const char *url_here(struct request *rq, const struct url_change *c);
/* The same for another path of the hub, after base ("" or url_base()). */
const char *url_at(struct request *rq, const char *base, const char *path, const struct url_change *c);
/* The link of a map's mark: the page itself (path NULL) with the request's
 * parameters but the page number, the map's zoom (map=) and every value of
 * k, or path with none of them; then the filters carry[0..ncarry) (a
 * page's own, taken to another page) and k=values[0..n). NULL when out of
 * memory. */
const char *url_map(struct request *rq, const char *path, const struct index_filter *carry, size_t ncarry,
		    const char *k, const char *const *values, size_t n);
/* "/cities/sevilla-es": a city's page, by a name it goes by and its
 * country (in any language); "/cities/NAME" when the country is unknown.
 * In the arena, NULL when out of memory or city is NULL. */
const char *url_city(struct request *rq, const char *city, const char *country);
/* "/node/NID" and the like, in the arena. */
const char *url_node(struct request *rq, int64_t nid);
/* "http://HOST": what absolute links (feeds, share links) start with. */
const char *url_base(struct request *rq);
/* Where a mailed link points: --public-url if set, else url_base(). */
const char *url_public(struct request *rq);

/* slug.c: "Jobs and skills" → "jobs-and-skills", in the arena (NULL: out
 * of memory). */
const char *slug_of(struct arena *a, const char *value);

/* page.c: pieces pages share. */
struct node;
struct index_result;
/* openapi.c: the API's OpenAPI document, its node schemas made from the
 * field table, into out. PX_ENOTFOUND if static/openapi.json is missing. */
enum px_err web_openapi(struct buf *out) PX_WUR;

/* node_form.c: the edit form of a node, from the field table. A form
 * field, its CRLFs made LF, "" when absent: */
const char *node_form_field(struct request *rq, const char *name);
/* The export object the posted form describes; errors gets a message per
 * input it cannot read (keyed by field key). Caller decrefs. */
json_t *node_form_object(struct request *rq, enum node_type type, struct tv *errors);
/* The inputs of type's form: [{name, label, value, error, required, and a
 * flag per widget: line, number, area, lines, language, sections (with
 * sections: [{key, heading, text, error}]), group (with subs: inputs),
 * rows}], filled from n, or from the posted form when n is NULL. */
struct tv *node_form_inputs(struct request *rq, const struct node *n, enum node_type type, const struct tv *errors);
/* pick.c: the form's pick-lists (themes, labels, a node's country) and
 * the step that confirms a value the hub does not have yet (see pick.c).
 * node_form_picked: is f one? node_form_picks_read: folds the ticked boxes
 * and "KEY.new" lines into KEY, and applies a "resolve" button; PX_ENOMEM.
 * node_form_unknowns: the values of the posted form to confirm,
 * [{value, what, similar: [{opt, use}], add, add_label}]. node_form_options:
 * [{opt, on}], the hub's values then value's others (value: one per line).
 * node_form_languages: [{code, opt, on}], the ISO 639-1 languages by their
 * names in rq's language. node_form_cities: the hub's cities. In the arena. */
int node_form_picked(const struct field *f);
enum px_err node_form_picks_read(struct request *rq, enum node_type type) PX_WUR;
struct tv *node_form_unknowns(struct request *rq, enum node_type type, const struct node *existing);
struct tv *node_form_options(struct request *rq, const struct field *f, const char *value);
struct tv *node_form_languages(struct request *rq, const char *value);
struct tv *node_form_cities(struct request *rq);
/* f's value in obj (a node or a sub-struct) as the form shows it: a
 * list one item per line, an object list "city | country" per line; ""
 * when unset. In the arena. */
const char *node_form_value(struct request *rq, const void *obj, const struct field *f);
/* -1 after marking in errors the first field of n that names a node that
 * is not there or not of its kind (a network's practice, an adopter's
 * network); the store refuses it too, this says where. */
int node_form_check_refs(struct request *rq, const struct node *n, struct tv *errors);
/* What the form says at field key of type when the import's rules refuse
 * it (why: their words), in the reader's language where it can. */
const char *node_form_reason(struct request *rq, enum node_type type, const char *key, const char *why);

/* diff.c: what changed between two versions of a node, as people read
 * it. diff_words: old and new prose as runs [{text, same|del|ins}], word by
 * word, bounded in time and memory (see diff.c). node_diff: the fields of
 * b's type that differ from a to b, in table order: [{label, and words
 * (prose), added and removed (lists: the items), or scalar with old and
 * new}]. In the arena. */
struct tv *diff_words(struct arena *a, const char *old, const char *new_);
struct tv *node_diff(struct request *rq, const struct node *a, const struct node *b);

/* node_values.c: what a template sees of a node, from the field table:
 * nid, type, is_TYPE (is_practice, is_article, is_city, is_network), then
 * every field under its key (see the top of node_values.c). A card is the
 * brief form: no sections, objects or long texts, a lead instead. */
struct tv *page_card(struct request *rq, const struct node *n);
struct tv *page_node_values(struct request *rq, const struct node *n);
/* A count as the reader's language groups its digits, by ICU ("345,821",
 * "345 821", "345.821"); numbers under 10,000 (years) ungrouped. In the
 * arena. */
const char *node_value_count(struct request *rq, int64_t v);
/* The cards of r's hits (read from the store), with their snippets. */
struct tv *page_hits(struct request *rq, const struct index_result *r);
/* scope.pager: page, pages, several (more than one), prev and next links,
 * numbers (the pages around this one: {n, url, current}), first and last
 * (the links to page 1 and to the last page, when outside them),
 * gap_before and gap_after (pages left out between), all keeping the
 * parameters; ranked: a list by relevance, whose links say "Previous/Next",
 * not "Newer/Older". */
void page_pager(struct request *rq, struct tv *scope, int64_t page, size_t total, size_t per_page,
		int ranked);
/* 1 after a 400 when page is past the last one. */
int page_out_of_range(struct request *rq, int64_t page, size_t total, size_t per_page);

/* listing.c: a listing of the index (home, search, good practices): the
 * query q, the filters of the URL (every facet name, repeatable), the page,
 * the order (?sort=newest); fills scope with hits, total, pager, facets (as
 * filter links), the filters in force and, when q has words, sort (the
 * links to either order). Returns 0, or -1 after an error response (400 for
 * a bad page, order or an unknown filter value). */
#define LISTING_FIXED_MAX 2
struct listing {
	const char *q;        /* the query text; "" lists newest first */
	const char *fixed[LISTING_FIXED_MAX]; /* filters the page always applies ("type=practice"),
						 until the first NULL; on one field they are ORed */
	int facets, snippets; /* what to compute */
	size_t per_page;
	int nids_only; /* scope.hits as the hits' nids (TV_INT), not cards read from the store */
	int newest;    /* 1: newest first whatever ?sort= says (feeds); else as it says */
	int map;       /* scope.map: the whole result's practices per place (map_overview) */
	const char *map_to; /* where the map's marks lead: NULL, the page itself; else a
			       path ("/good-practices") given the page's own filters but type */
	const char *count;  /* scope.count_text: the total by this plural msgid
			       (i18n_count_text); NULL: none */
	int deps;           /* 1: the page reads nothing but the listing (and what
			       the address says): its dependencies are declared
			       (cache.c), so the page cache keeps it across changes
			       that do not meet them */
};
int listing_run(struct request *rq, const struct listing *l, struct tv *scope);

/* digest.c: a saved search's query string (q, facet filters, population_min
 * and population_max, as /search takes them; other parameters ignored) as
 * an index query's parts, in a's memory. 0, or -1 when it cannot be read
 * (a bad %-escape, a population that is no whole number, too many filters). */
struct digest_query {
	const char *text; /* "" when there is no q */
	struct index_filter filters[WEB_FILTERS_MAX];
	size_t nfilters;
	struct index_range population;
};
int digest_query_parse(struct arena *a, const char *qs, struct digest_query *out);

/* The pages: one file each, page_<name>.c. */
void page_home(struct request *rq);
void page_city(struct request *rq);
/* page_match.c: /match, and what /api/v1/match shares with it. */
void page_match(struct request *rq);
struct match_request;
struct match_reason;
/* The match the request's parameters ask for (city, country, population, q,
 * theme...; m->themes points into themes[MATCH_THEMES_MAX + 1]); -1 when
 * the population is not a whole number. */
int web_match_params(struct request *rq, struct match_request *m, const char **themes);
/* A reason in the reader's language, in the arena. */
const char *web_match_reason(struct request *rq, const struct match_reason *w);
/* "/match?city=...&country=...", in the arena (NULL: out of memory). */
const char *url_match(struct request *rq, const char *city, const char *country);
void page_compare(struct request *rq);
/* The first line (paragraph) of text, cut at a space after at most 280
 * bytes with an ellipsis: a card's lead. In a. node_values.c. */
const char *node_value_lead(struct arena *a, const char *text);
/* A listing's ?nid= (a comparison being made: up to four valid nids, each
 * once): the cards of hits they name get "compared" (their box ticked);
 * the others are returned, a list of strings for the compare form's
 * hidden inputs (empty: all are cards here); NULL if none is asked. */
struct tv *compare_carried(struct request *rq, struct tv *hits);
void page_node(struct request *rq);
void page_healthz(struct request *rq); /* page_health.c */
void page_metrics(struct request *rq); /* metrics.c */
void page_node_translation(struct request *rq); /* page_translation.c */
void page_search(struct request *rq);
void page_practices(struct request *rq);
void page_static(struct request *rq);
void page_feed(struct request *rq);
void page_taxonomy(struct request *rq);
void page_csv(struct request *rq);
void page_opensearch(struct request *rq);
void page_suggest(struct request *rq);
void page_sitemap_index(struct request *rq);
void page_sitemap_pages(struct request *rq);
void page_sitemap_nodes(struct request *rq);
void page_api_nodes(struct request *rq);
void page_api_node(struct request *rq);
void page_api_search(struct request *rq);
void page_api_match(struct request *rq);
void page_api_openapi(struct request *rq);
void page_api_missing(struct request *rq);
/* An API error: {"error": why, "status": status}. */
void page_api_error(struct request *rq, int status, const char *why);
void page_login(struct request *rq);
/* The throttle's key of account name: "user:" and the name lower-cased
 * (Ana and ANA share their tries), in the arena; NULL when out of memory. */
const char *login_account_key(struct request *rq, const char *name);
/* A reader's pages: page_register.c, page_me.c, page_dossier.c. */
void page_register(struct request *rq);
void page_register_confirm(struct request *rq);
void page_unsubscribe(struct request *rq);
void page_me(struct request *rq);
void page_me_search_save(struct request *rq);
void page_dossier(struct request *rq);
void page_dossier_csv(struct request *rq);
void page_dossier_json(struct request *rq);
void page_dossier_add(struct request *rq);
/* The signed-in reader's dossiers as [{id, name, items}] (page_me.c); NULL
 * if the store fails. */
struct tv *me_dossiers(struct request *rq);
/* A reader's store error as its page: 404 (not theirs), 400 with limit
 * (PX_ETOOBIG) or for a bad name, 503 (page_me.c). */
void me_store_error(struct request *rq, enum px_err err, const char *limit);
/* The id a reader's form posts in field name: > 0, or -1 (page_me.c). */
int64_t me_posted_id(struct request *rq, const char *name);
void page_node_new(struct request *rq);
void page_node_edit(struct request *rq);
void page_node_state(struct request *rq);
void page_node_history(struct request *rq);
void page_node_revert(struct request *rq);
/* page_edit.c: may rq's user see n (drafts and unpublished nodes are not
 * public), edit it (NULL: write a new node)? A state as the interface says it. */
int node_visible(const struct request *rq, const struct node *n);
int node_access(const struct request *rq, const struct node *n);
const char *node_state_label(const struct request *rq, enum node_state st);
void page_logout(struct request *rq);
void page_admin(struct request *rq);
void page_admin_users(struct request *rq);
void page_admin_audit(struct request *rq);
void page_admin_audit_csv(struct request *rq);
void page_admin_import(struct request *rq);
void page_admin_password(struct request *rq);
/* page_contact.c: GET, POST /node/{nid}/contact and /contact/verify. */
void page_contact(struct request *rq);
void page_contact_verify(struct request *rq);
/* Does n's page offer its contact form: a published practice whose
 * contact has an address (never shown)? */
int contact_reachable(const struct node *n);
/* page_requests.c: GET, POST /admin/requests/{nid}, and the desk's list of
 * verified requests (every one for an editor, those of their own
 * practices for an author), newest first; NULL on a store error. */
void page_admin_request(struct request *rq);
struct tv *desk_requests(struct request *rq);
/* scope.feed_atom, scope.feed_rss, scope.csv, scope.subscribe: the feeds,
 * the CSV file and the subscribe page of the listing at path ("",
 * "/good-practices", "/search"; its parameters kept, but for ?sort=: a
 * feed is newest first), advertised by the layout. */
void page_feeds(struct request *rq, struct tv *scope, const char *path);
/* The listing the feed of list (a path as page_feeds() takes) with query q
 * holds: its n newest entries. */
struct listing page_feed_listing(const char *list, const char *q, size_t n);
/* That feed's title, in the arena. */
const char *page_feed_title(struct request *rq, const char *list, const char *q);
/* GET /subscribe, /subscribe/good-practices, /subscribe/search: page_subscribe.c */
void page_subscribe(struct request *rq);

/* ---- cache.c: the page cache ---- */

struct MHD_Response;
/* A page's kept forms: plain, gzipped (NULL when its body is not worth
 * compressing) and the 304 that answers a matching If-None-Match. */
struct cache_forms {
	struct MHD_Response *plain, *gz, *not_modified;
	const char *etag; /* copied by cache_put() */
	size_t bytes, gz_bytes;
	int gz_missing; /* worth gzipping, not gzipped: no answer to a gzip client */
};
/* Queues the response kept for key (the server makes it of the Host header
 * and the URI) in language lang on c: the 304 when if_none_match (the
 * header, or NULL) names its ETag, else the gzipped form if gzip (the
 * client takes it), else the plain one; none (0) to a gzip client when the
 * page is kept plain only. 1 with its
 * *status and *bytes for the log, or 0 when there is none. */
int cache_queue(struct MHD_Connection *c, const char *lang, const char *key, int gzip, const char *if_none_match,
		int *status, size_t *bytes);
/* 1 when rq's answer is one to keep: a 200 of a bounded size. */
int cache_wants(const struct request *rq);
/* How many cache_queue() calls answered from the cache, and how many
 * found nothing to send, since the start. */
void cache_counts(uint64_t *hits, uint64_t *misses);
/* The generation now: read before a page is made, given to cache_put(). */
uint64_t cache_generation(void);
/* Keeps f's responses (ownership passes to the cache, NULL ones aside) as
 * rq's answer at key, if the index has not changed since generation (else
 * drops them). */
void cache_put(const struct request *rq, const char *key, const struct cache_forms *f, uint64_t generation);
/* Does the If-None-Match header value inm name etag (weak comparison:
 * W/ is ignored on both sides), or is it "*"? */
int cache_etag_matches(const char *inm, const char *etag);
/* A page's dependencies, recorded by the code that reads the index or the
 * store for it. page_declares() says the route records them all (else the
 * page depends on every change); page_dep_nid(): it shows node nid;
 * page_dep_word(): its words (a related list) are looked up in the index,
 * so any node filed under word w may enter it, and so may the old version
 * of any node changed (its words are not known); page_dep_facet(): it lists
 * nodes filed under facet f = value (compared folded, as filters are);
 * page_dep_places(): nodes in, partnering with or adopted in a place of n
 * (its city, partners' and adopters': a related list's places). */
void page_declares(struct request *rq);
void page_dep_nid(struct request *rq, int64_t nid);
void page_dep_word(struct request *rq, const char *w, size_t n);
void page_dep_facet(struct request *rq, enum index_facet f, const char *value);
void page_dep_places(struct request *rq, const struct node *n);

/* A change of nodes: the keys it meets, collected while the index takes
 * it (under its write lock), then given to cache_changed(). */
struct cache_change {
	struct buf slots; /* uint16_t[] */
	int all;          /* 1: everything (too many keys, or out of memory) */
};
void cache_change_init(struct cache_change *ch);
void cache_change_free(struct cache_change *ch);
/* Adds the keys of node nid's version in ix (before index_put(): the old
 * one; after: the new). n: that version, or NULL for an old one, whose
 * words and places are then unknown: it meets every page that declared a
 * word. The caller holds the index's write lock. */
void cache_change_node(struct cache_change *ch, struct index *ix, int64_t nid, const struct node *n);
/* Drops the pages the change meets (and those made while it was applied
 * that it meets, when they come to be kept). */
void cache_changed(const struct cache_change *ch);
void cache_free(void);

/* ---- gzip.c: content coding ---- */

#define GZIP_MIN 1024 /* smaller bodies are sent as they are */

struct web_asset;

/* Is an answer of Content-Type type (NULL: HTML) text that compresses? */
int gzip_compressible(const char *type);
/* Does an Accept-Encoding header value (NULL: none sent) take gzip? q=0
 * refuses; "*" counts when gzip is not named. */
int gzip_accepted(const char *accept_encoding);
/* Gzips len bytes of data into a's memory: 0 with *out and *out_len, or
 * -1 (out of memory). */
int gzip_encode(struct arena *a, const char *data, size_t len, const char **out, size_t *out_len);
/* Gzips the static files (static/...) of GZIP_MIN bytes or more, once,
 * before the server starts: 0, or -1 out of memory. */
int gzip_assets_init(void);
/* w's gzipped form with its *len, or NULL when it has none. Borrowed until
 * gzip_assets_free(). */
const char *gzip_asset(const struct web_asset *w, size_t *len);
void gzip_assets_free(void);

/* ---- i18n.c: interface languages ---- */

struct i18n_catalog { /* generated from po/LANG.po by tools/gen_i18n.py */
	const char *lang;
	const char *const *pairs; /* msgid, msgstr, ...: msgids sorted by byte */
	size_t n;
};
extern const struct i18n_catalog i18n_catalogs[];
extern const size_t i18n_ncatalogs;

/* The interface languages: i in [0, i18n_count()), English first. */
#define I18N_LANGS 24
size_t i18n_count(void);
const char *i18n_code(size_t i);
const char *i18n_name(size_t i); /* in the language itself, by CLDR */
/* The index of language code[0..n), or -1. */
int i18n_known(const char *code, size_t n);
/* msgid in lang, or msgid itself when not translated. */
const char *i18n_text(const char *lang, const char *msgid);
/* msgid of context ctxt (a po file's msgctxt: "theme", "country", ...) in
 * lang; NULL when the catalogue of lang has no translation of it (or the
 * key is longer than I18N_KEY_MAX). The caller shows msgid then. */
const char *i18n_ptext(const char *lang, const char *ctxt, const char *msgid);
#define I18N_KEY_MAX 512 /* bytes of "context\x04msgid" with its NUL */
/* Marks msgid of context ctxt for tools/i18n_check.py, as N_() marks a msgid. */
#define NC_(ctxt, msgid) msgid
/* The best interface language for an Accept-Language header ("en" if none). */
const char *i18n_pick(const char *accept);
/* msgid in the request's language. */
#define T(rq, msgid) i18n_text((rq)->lang, (msgid))
/* An RFC 3339 time as a date the way lang writes it (CLDR's medium date:
 * "6 Dec 2026", "6 déc. 2026"), in the arena; NULL if rfc3339 is NULL or
 * malformed. Thread-safe. */
const char *i18n_date(struct arena *a, const char *lang, const char *rfc3339);
/* A moment (RFC 3339) as lang writes date and time, "6 Dec 2026, 10:32"
 * (UTC), by ICU (i18n_format.c); "YYYY-MM-DD HH:MM" when ICU cannot; NULL if
 * it is not one. In the arena. i18n_free() closes the formatters. */
const char *i18n_datetime(struct arena *a, const char *lang, const char *rfc3339);
/* Frees the date formatters (at shutdown). */
void i18n_free(void);
/* i18n_format.c: n as lang writes numbers ("1 234" in French), in the arena
 * (digits alone when ICU cannot; NULL only when out of memory). */
const char *i18n_number(struct arena *a, const char *lang, int64_t n);
/* v as lang writes it ("12.5" in English, "12,5" in French; at most 6
 * digits after the point), in a; the plain decimal if ICU cannot. */
const char *i18n_real(struct arena *a, const char *lang, double v);
/* s's sort key in lang's alphabetical order (ICU collation): keys compare
 * with strcmp() as their strings collate. In the arena; s itself when ICU
 * cannot (byte order then). */
const char *i18n_sort_key(struct arena *a, const char *lang, const char *s);
/* text (a translated message) with "{n}" replaced by n as lang writes it;
 * in the arena (text itself when it has no "{n}"; NULL: out of memory). */
const char *i18n_with_number(struct arena *a, const char *lang, const char *text, int64_t n);
/* A count in lang by msgid, an ICU MessageFormat plural pattern of one
 * argument n ("{n, plural, one {# practice} other {# practices}}"),
 * translated by lang's catalogue: "5 praktyk", "22 praktyki". In the arena;
 * by the English pattern when the catalogue's does not parse, the number
 * alone when ICU cannot (NULL only when out of memory). Thread-safe. */
const char *i18n_count_text(struct arena *a, const char *lang, const char *msgid, int64_t n);
/* n by pattern (already in lang) for interface language lang; NULL if lang
 * is none or ICU cannot parse or format the pattern. */
const char *i18n_count_pattern(struct arena *a, const char *lang, const char *pattern, int64_t n);
/* 0 if pattern parses in ICU for lang and its plural arguments have exactly
 * lang's CLDR categories ("=0", "=1" cases aside); else -1 with the reason
 * in why[0..cap). */
int i18n_plural_check(const char *lang, const char *pattern, char *why, size_t cap);
/* Closes the opened count patterns (i18n_format_free() calls it). */
void i18n_count_free(void);
/* text (a translated message) with its first "{name}" replaced by value
 * (NULL: ""), as a whole sentence lets each language place the value where
 * its grammar wants it; in the arena (text itself when it has no "{name}";
 * NULL: out of memory). Plain text: the template escapes it. */
const char *i18n_with(struct arena *a, const char *text, const char *name, const char *value);
/* Closes the formatters and collators (i18n_free() calls it). */
void i18n_format_free(void);

/* ---- label.c: values in the reader's language ---- */

/* What a page shows for value, a value of facet f as stored (a theme, a
 * country, a size class, a node type, a language code, ...): its name in
 * rq's language (CLDR through ICU for countries and languages, the po
 * catalogues' msgctxt "theme", "label", "size", "type" for the others), or
 * value itself when nothing translates it. Links, the API and exports use
 * value, never this. Borrowed: value, a catalogue's string or rq's arena. */
const char *value_label(struct request *rq, enum index_facet f, const char *value);
/* A section's heading as the page shows it: heading translated (msgctxt
 * "section") when it is the standard English heading of key, else as the
 * author wrote it. */
const char *value_section_heading(struct request *rq, enum section_key key, const char *heading);

/* ---- map.c: the map of Europe (static/europe.svg), its dots placed by
 * the gazetteer (src/place/) ---- */

/* Builds the gazetteer's index (place_init); call once before serving. */
enum px_err map_init(void) PX_WUR;
void map_free(void);
/* Where city of country is on the map (place_find, place_project): 0 with
 * *x, *y, or -1 if unknown or outside the map and its insets. */
int map_place(const char *country, const char *city, float *x, float *y);
/* scope.map: {box (an SVG viewBox), dots: [{x, y, title, url}]} for the
 * cards of hits, or around one node when zoom is set. */
void map_add(struct request *rq, struct tv *scope, const struct tv *cards, int zoom);
/* scope.map for a listing: every practice of result r (run with places
 * set) as marks per place, clustered where they crowd, each linked to the
 * listing filtered by its places (or zoomed on them). fs: the filters in
 * force, the first fixed of them the page's own; to: as struct listing's
 * map_to. The view is the ?map=x,y,w zoom when valid, else fits the marks.
 * Nothing when no practice can be placed. */
void map_overview(struct request *rq, struct tv *scope, const struct index_result *r,
		  const struct web_filters *fs, size_t fixed, const char *to);
/* "Porto, Portugal" for place key "PT:porto" (a place filter's label), or
 * the key itself when the gazetteer does not know it. In the arena. */
const char *map_place_label(struct request *rq, const char *key);

/* ---- assets (generated by tools/gen_assets.py from templates/, static/) ---- */

struct web_asset {
	const char *name; /* "templates/home.html", "static/praxis.css" */
	const char *data;
	size_t len;
};
extern const struct web_asset web_assets[];
extern const size_t web_nassets;
const struct web_asset *web_asset_find(const char *name);

/* linger.c: a socket answered before its body is read out, then closed.
 * linger_add() keeps a duplicate of fd (the caller's stays its own); a
 * NULL l keeps nothing. */
struct lingering *linger_start(void);
void linger_add(struct lingering *l, int fd);
void linger_stop(struct lingering *l);

/* ---- translation.c: machine translations (see its top) ---- */

struct mt;
struct mt_path;
struct mt_queue;
/* The document a node's translation is made of, appended to doc. */
enum px_err translation_source(const struct node *n, struct buf *doc) PX_WUR;
/* Piece key ("t", "s", "h0", "x0", "b") of a translated document, in a;
 * NULL if it has none. */
const char *translation_piece(struct arena *a, const char *doc, const char *key);
/* Translates doc[0..len) along p, its output checked (mt_clean) into html. */
enum px_err translation_make(const struct mt *m, const struct mt_path *p, const char *doc, size_t len,
			     struct buf *html, struct buf *why) PX_WUR;
/* The background thread; NULL when it cannot start. log: 1 for a line
 * (px_log) per translation made or failed. */
struct mt_queue *mt_queue_start(const char *db, struct mt *m, int log);
/* Stops the thread, cancelling m's runs (mt_cancel): a stopping server
 * does not wait for Apertium. NULL: a no-op. */
void mt_queue_stop(struct mt_queue *q);
enum mt_ask {
	MT_ASK_QUEUED, /* queued now or before, or under way */
	MT_ASK_BUSY,   /* the queue is full (or memory short): ask later */
	MT_ASK_FAILED, /* it failed lately: not tried again yet */
};
/* Asks for n's revision rev in lang along p. */
enum mt_ask mt_queue_ask(struct mt_queue *q, const struct node *n, int64_t rev, const char *lang,
			 const struct mt_path *p);
/* The offer on a node's page: scope.translation {url, label, code} when n
 * is a practice or story in another language than the reader's and a
 * path leads to it. */
void translation_offer(struct request *rq, struct tv *scope, const struct node *n);

#endif
