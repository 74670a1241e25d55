/* The route table: every URL the hub answers, in one place. A pattern's
 * {nid} is a positive decimal id (anything else: 404), {slug} and {file}
 * one path segment. */
#include "web_int.h"

#include <microhttpd.h>
#include <string.h>

struct route {
	const char *pattern;
	void (*page)(struct request *rq);
};

/* clang-format off: one route a line */
static const struct route routes[] = {
	{"/", page_home},
	{"/good-practices", page_practices},
	{"/good-practices.csv", page_csv},
	{"/search.csv", page_csv},
	{"/search", page_search},
	{"/node/{nid}", page_node},
	{"/themes/{slug}", page_taxonomy},
	{"/countries/{slug}", page_taxonomy},
	{"/cities/{slug}", page_taxonomy},
	{"/authors/{slug}", page_taxonomy},
	{"/feed.atom", page_feed},
	{"/feed.rss", page_feed},
	{"/good-practices/feed.atom", page_feed},
	{"/good-practices/feed.rss", page_feed},
	{"/search/feed.atom", page_feed},
	{"/search/feed.rss", page_feed},
	{"/static/{file}", page_static},
	{"/api/v1/nodes", page_api_nodes},
	{"/api/v1/nodes/{nid}", page_api_node},
	{"/api/v1/search", page_api_search},
	{"/api/v1/openapi.json", page_api_openapi},
	{"/api/v1/suggest", page_suggest},
	{"/opensearch.xml", page_opensearch},
	{"/sitemap.xml", page_sitemap_index},
	{"/sitemaps/pages", page_sitemap_pages},
	{"/sitemaps/{nid}", page_sitemap_nodes},
};
/* clang-format on */

/* Does path match pattern? Fills rq->id or rq->slug from its hole. */
static int match(struct request *rq, const char *pattern, const char *path)
{
	const char *hole = strchr(pattern, '{');
	if (!hole)
		return !strcmp(pattern, path);
	size_t head = (size_t)(hole - pattern);
	if (strncmp(pattern, path, head))
		return 0;
	const char *seg = path + head;
	size_t n = strlen(seg);
	if (!n || memchr(seg, '/', n))
		return 0;
	if (!strncmp(hole, "{nid}", 5)) {
		int64_t id;
		if (n > 18 || seg[0] == '0' || px_parse_i64(seg, n, 0, &id) || id <= 0)
			return 0;
		rq->id = id;
		return 1;
	}
	rq->slug = seg;
	return 1;
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

void route_dispatch(struct request *rq, const char *method)
{
	(void)method; /* GET and HEAD only, checked by the server */
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (match(rq, routes[i].pattern, rq->path)) {
			routes[i].page(rq);
			return;
		}
	if (!strncmp(rq->path, "/api/", 5))
		page_api_missing(rq);
	else
		page_error(rq, 404, N_("There is no page at this address."));
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
