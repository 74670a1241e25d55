/* The route table: every URL the hub answers, in one place, with the
 * methods it takes and the role it wants. A pattern's one hole, {nid} (a
 * positive decimal id; anything else: 404), {slug} or {file}, is one path
 * segment; the pattern's tail after it must follow exactly.
 *
 * A pattern ending in "*" takes any path starting with what comes before.
 *
 * Roles are checked here and nowhere else, and every POST passes
 * auth_check_form() before its page runs; which node an author may touch
 * is the node pages' node_access(). The route is matched once, when the
 * request's headers are in: its method, its role and its body cap are
 * checked before a body is read (route_admit).
 *
 * ROUTE_OPS routes (health, metrics) are for the operator's machines
 * only: a client outside --admin-from (loopback without it) gets a 403,
 * its address the one a trusted proxy forwarded (proxy.c). 403 rather
 * than 404: the page exists and is documented, and an operator whose
 * monitoring is refused should read why, not hunt for a typo. */
#include "web_int.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

enum { GET = 1, POST = 2, OTHER = 4, ANY = 7 }; /* GET includes HEAD */
/* API: answers JSON, its errors too. ROUTE_OPS: for operators and their
 * machines (a load balancer's health check, a Prometheus scraper): plain
 * text, never cached, and only to the addresses of --admin-from (loopback
 * without it). */
enum { API = 1, ROUTE_OPS = 2 };

struct route {
	const char *pattern;
	void (*page)(struct request *rq);
	int methods;
	enum role role;  /* ROLE_NONE: anyone */
	size_t body_max; /* the largest POST body; 0: FORM_BODY_MAX */
	int flags;       /* API, ROUTE_OPS */
};

/* clang-format off: one route a line */
static const struct route routes[] = {
	{"/", page_home, GET, ROLE_NONE, 0, 0},
	{"/good-practices", page_practices, GET, ROLE_NONE, 0, 0},
	{"/good-practices.csv", page_csv, GET, ROLE_NONE, 0, 0},
	{"/search.csv", page_csv, GET, ROLE_NONE, 0, 0},
	{"/search", page_search, GET, ROLE_NONE, 0, 0},
	{"/match", page_match, GET, ROLE_NONE, 0, 0},
	{"/compare", page_compare, GET, ROLE_NONE, 0, 0},
	{"/node/new", page_node_new, GET | POST, ROLE_AUTHOR, 0, 0},
	{"/node/{nid}", page_node, GET, ROLE_NONE, 0, 0},
	{"/node/{nid}/translation", page_node_translation, GET, ROLE_NONE, 0, 0},
	{"/node/{nid}/edit", page_node_edit, GET | POST, ROLE_AUTHOR, 0, 0},
	{"/node/{nid}/state", page_node_state, POST, ROLE_EDITOR, 0, 0},
	{"/node/{nid}/history", page_node_history, GET, ROLE_AUTHOR, 0, 0},
	{"/node/{nid}/revert", page_node_revert, GET | POST, ROLE_AUTHOR, 0, 0},
	{"/node/{nid}/contact", page_contact, GET | POST, ROLE_NONE, CONTACT_BODY_MAX, 0},
	{"/contact/verify", page_contact_verify, GET | POST, ROLE_NONE, LOGIN_BODY_MAX, 0},
	{"/themes/{slug}", page_taxonomy, GET, ROLE_NONE, 0, 0},
	{"/countries/{slug}", page_taxonomy, GET, ROLE_NONE, 0, 0},
	{"/cities/{slug}", page_city, GET, ROLE_NONE, 0, 0},
	{"/authors/{slug}", page_taxonomy, GET, ROLE_NONE, 0, 0},
	{"/feed.atom", page_feed, GET, ROLE_NONE, 0, 0},
	{"/feed.rss", page_feed, GET, ROLE_NONE, 0, 0},
	{"/good-practices/feed.atom", page_feed, GET, ROLE_NONE, 0, 0},
	{"/good-practices/feed.rss", page_feed, GET, ROLE_NONE, 0, 0},
	{"/search/feed.atom", page_feed, GET, ROLE_NONE, 0, 0},
	{"/search/feed.rss", page_feed, GET, ROLE_NONE, 0, 0},
	{"/subscribe", page_subscribe, GET, ROLE_NONE, 0, 0},
	{"/subscribe/good-practices", page_subscribe, GET, ROLE_NONE, 0, 0},
	{"/subscribe/search", page_subscribe, GET, ROLE_NONE, 0, 0},
	{"/static/{file}", page_static, GET, ROLE_NONE, 0, 0},
	{"/api/v1/nodes", page_api_nodes, GET, ROLE_NONE, 0, API},
	{"/api/v1/nodes/{nid}", page_api_node, GET, ROLE_NONE, 0, API},
	{"/api/v1/search", page_api_search, GET, ROLE_NONE, 0, API},
	{"/api/v1/match", page_api_match, GET, ROLE_NONE, 0, API},
	{"/api/v1/openapi.json", page_api_openapi, GET, ROLE_NONE, 0, API},
	{"/api/v1/suggest", page_suggest, GET, ROLE_NONE, 0, API},
	{"/api/*", page_api_missing, ANY, ROLE_NONE, 0, API},
	{"/opensearch.xml", page_opensearch, GET, ROLE_NONE, 0, 0},
	{"/healthz", page_healthz, GET, ROLE_NONE, 0, ROUTE_OPS},
	{"/metrics", page_metrics, GET, ROLE_NONE, 0, ROUTE_OPS},
	{"/sitemap.xml", page_sitemap_index, GET, ROLE_NONE, 0, 0},
	{"/sitemaps/pages", page_sitemap_pages, GET, ROLE_NONE, 0, 0},
	{"/sitemaps/{nid}", page_sitemap_nodes, GET, ROLE_NONE, 0, 0},
	{"/login", page_login, GET | POST, ROLE_NONE, LOGIN_BODY_MAX, 0},
	{"/logout", page_logout, POST, ROLE_READER, 0, 0},
	{"/register", page_register, GET | POST, ROLE_NONE, LOGIN_BODY_MAX, 0},
	{"/register/confirm", page_register_confirm, GET | POST, ROLE_NONE, LOGIN_BODY_MAX, 0},
	{"/unsubscribe", page_unsubscribe, GET | POST, ROLE_NONE, LOGIN_BODY_MAX, 0},
	{"/me", page_me, GET | POST, ROLE_READER, READER_BODY_MAX, 0},
	{"/me/searches", page_me_search_save, POST, ROLE_READER, READER_BODY_MAX, 0},
	{"/me/dossiers/add", page_dossier_add, POST, ROLE_READER, READER_BODY_MAX, 0},
	{"/me/dossiers/{nid}", page_dossier, GET | POST, ROLE_READER, READER_BODY_MAX, 0},
	{"/me/dossiers/{nid}.csv", page_dossier_csv, GET, ROLE_READER, 0, 0},
	{"/me/dossiers/{nid}.json", page_dossier_json, GET, ROLE_READER, 0, 0},
	{"/admin", page_admin, GET, ROLE_AUTHOR, 0, 0},
	{"/admin/password", page_admin_password, GET | POST, ROLE_READER, 0, 0}, /* readers too */
	{"/admin/requests/{nid}", page_admin_request, GET | POST, ROLE_AUTHOR, 0, 0},
	{"/admin/users", page_admin_users, GET | POST, ROLE_ADMIN, 0, 0},
	{"/admin/audit", page_admin_audit, GET, ROLE_ADMIN, 0, 0},
	{"/admin/audit.csv", page_admin_audit_csv, GET, ROLE_ADMIN, 0, 0},
	{"/admin/import", page_admin_import, GET | POST, ROLE_ADMIN, IMPORT_BODY_MAX, 0}, /* files */
};
/* clang-format on */
_Static_assert(sizeof routes / sizeof routes[0] <= ROUTES_MAX, "raise ROUTES_MAX (web_int.h): metrics count per route");

/* Does path match pattern? Fills rq->id or rq->slug from its hole. A
 * {nid} is the digits up to what follows them ("/me/dossiers/{nid}.csv"). */
static int match(struct request *rq, const char *pattern, const char *path)
{
	const char *hole = strchr(pattern, '{');
	size_t len = strlen(pattern);
	if (len && pattern[len - 1] == '*')
		return !strncmp(pattern, path, len - 1);
	if (!hole)
		return !strcmp(pattern, path);
	size_t head = (size_t)(hole - pattern);
	if (strncmp(pattern, path, head))
		return 0;
	const char *seg = path + head, *tail = strchr(hole, '}') + 1;
	/* one segment (a nid's digits), then the pattern's tail exactly */
	size_t n = !strncmp(hole, "{nid}", 5) ? strspn(seg, "0123456789") : strcspn(seg, "/");
	if (!n || strcmp(seg + n, tail))
		return 0;
	if (!strncmp(hole, "{nid}", 5)) {
		int64_t id;
		if (n > 18 || seg[0] == '0' || px_parse_i64(seg, n, 0, &id) || id <= 0)
			return 0;
		rq->id = id;
		return 1;
	}
	rq->slug = arena_strndup(&rq->a, seg, n);
	return rq->slug != NULL;
}

/* The interface language: a path prefix (/fr/...) chooses it and is taken
 * off the path; without one, the Accept-Language header does. */
void route_language(struct request *rq)
{
	const char *p = rq->path;
	size_t n = strcspn(p + 1, "/");
	int k = p[0] == '/' ? i18n_known(p + 1, n) : -1;
	if (k >= 0) {
		rq->lang = i18n_code((size_t)k);
		rq->root = arena_strndup(&rq->a, p, n + 1);
		rq->path = p[1 + n] ? p + 1 + n : "/";
		if (!rq->root)
			rq->root = "";
		return;
	}
	rq->lang = i18n_pick(MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Accept-Language"));
	rq->by_header = 1;
}

/* The route's role check: 0, or -1 after the answer (the login page for a
 * visitor's GET, else 403). */
static int denied(struct request *rq, const struct route *r)
{
	if (!r->role || (rq->user && rq->user->role >= r->role))
		return 0;
	if (!rq->user && r->methods & GET && strcmp(rq->method, "POST")) {
		const char *next = url_here(rq, &(struct url_change){0});
		struct buf b;
		buf_init(&b, 8192);
		enum px_err err = buf_printf(&b, "%s/login?next=", rq->root);
		if (!err && next)
			err = html_url_part(&b, next, strlen(next));
		page_redirect(rq, err ? "/login" : arena_strndup(&rq->a, b.data, b.len));
		buf_free(&b);
		return -1;
	}
	page_error(rq, 403, rq->user ? N_("Your account may not do this.") : N_("Log in to do this."));
	return -1;
}

/* Is type (a Content-Type) the media type want, parameters aside? */
static int media_type(const char *type, const char *want)
{
	size_t n = strlen(want);
	return type && !strncasecmp(type, want, n) && (!type[n] || type[n] == ';');
}

/* Decodes a POST's form: 0, or -1 after the 415 or 400. */
static int read_form(struct request *rq)
{
	const char *type = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Content-Type");
	int multi = media_type(type, "multipart/form-data");
	if (!multi && !media_type(type, "application/x-www-form-urlencoded")) {
		page_error(rq, 415,
			   N_("Forms are sent as application/x-www-form-urlencoded or multipart/form-data."));
		return -1;
	}
	enum form_error err =
		multi ? form_parse_multipart(&rq->a, type, rq->upload, rq->upload_len, &rq->form)
		      : form_parse(&rq->a, rq->upload, rq->upload_len, &rq->form);
	static const char *const why[] = {
		[FORM_MALFORMED] = N_("The form could not be read: it is not valid UTF-8 form data."),
		[FORM_TRUNCATED] = N_("The form could not be read: it ends before its last part."),
		[FORM_TOO_MANY] = N_("The form could not be read: it has more than 1024 fields."),
		[FORM_NO_MEMORY] = N_("The hub is short of memory."),
	};
	if (err) {
		page_error(rq, err == FORM_NO_MEMORY ? 503 : 400, why[err]);
		return -1;
	}
	return 0;
}

/* rq's method as a route's bit. */
static int method_bit(const struct request *rq)
{
	if (!strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD"))
		return GET;
	return strcmp(rq->method, "POST") ? OTHER : POST;
}

void route_find(struct request *rq)
{
	rq->route = NULL;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (match(rq, routes[i].pattern, rq->path)) {
			rq->route = &routes[i];
			return;
		}
}

int route_admit(struct request *rq)
{
	const struct route *r = rq->route;
	if (!r) {
		page_error(rq, 404, N_("There is no page at this address."));
		return -1;
	}
	if (!(r->methods & method_bit(rq))) {
		rq->allow = r->methods == POST ? "POST" : r->methods == GET ? "GET, HEAD" : "GET, HEAD, POST";
		page_error(rq, 405, N_("This address does not answer this method."));
		return -1;
	}
	unsigned char client[16];
	if (r->flags & ROUTE_OPS && (cidr_addr_parse(rq->addr, strlen(rq->addr), client) ||
				     !cidr_set_has(rq->srv->admin_from, client))) {
		/* plain English text, as the ops pages themselves: read by tools */
		rq->status = 403, rq->type = "text/plain; charset=utf-8", rq->cache = "no-store";
		buf_reset(&rq->body);
		if (buf_adds(&rq->body, "forbidden: this address is not in --admin-from\n"))
			buf_reset(&rq->body);
		return -1;
	}
	return denied(rq, r);
}

size_t route_body_max(const struct request *rq)
{
	return rq->route && rq->route->body_max ? rq->route->body_max : FORM_BODY_MAX;
}

int route_api(const struct request *rq)
{
	return rq->route && rq->route->flags & API;
}

int route_ops(const struct request *rq)
{
	return rq->route && rq->route->flags & ROUTE_OPS;
}

int route_replica(const struct request *rq)
{
	const struct route *r = rq->route;
	return r && r->methods == GET && r->role == ROLE_NONE && !(r->flags & ROUTE_OPS);
}

size_t route_count(void)
{
	return sizeof routes / sizeof routes[0];
}

size_t route_number(const struct route *r)
{
	return (size_t)(r - routes);
}

const char *route_pattern(size_t i)
{
	return routes[i].pattern;
}

void route_dispatch(struct request *rq)
{
	int post = !strcmp(rq->method, "POST");
	if ((post && read_form(rq)) || (post && auth_check_form(rq)))
		return;
	rq->route->page(rq);
}

int request_accepts_html(const struct request *rq)
{
	const char *accept = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Accept");
	return accept && strcasestr(accept, "text/html") != NULL;
}

const char *request_param(const struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct each_param {
	void (*fn)(const char *, const char *, void *);
	void *arg;
};

static enum MHD_Result one_param(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	struct each_param *e = cls;
	e->fn(k, v ? v : "", e->arg);
	return MHD_YES;
}

void request_params_each(const struct request *rq, void (*fn)(const char *, const char *, void *), void *arg)
{
	struct each_param e = {fn, arg};
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, one_param, &e);
}
