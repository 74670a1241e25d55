/* What lets browsers, search engines and other sites find their way: the
 * OpenSearch description, search suggestions (OpenSearch's JSON format,
 * also what the search box's script asks), and the sitemaps. */
#include "web_int.h"

#include "../index/index.h"
#include "../store/store.h"

#include <stdlib.h>
#include <string.h>

#define SUGGESTIONS   8
#define SITEMAP_NODES 50000 /* the most a sitemap may list */

/* GET /opensearch.xml */
void page_opensearch(struct request *rq)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "base", url_base(rq));
	page_render(rq, "opensearch", s);
	if (rq->status == 200)
		rq->type = "application/opensearchdescription+xml; charset=utf-8";
}

/* GET /api/v1/suggest?q=...: ["q", [titles of the best hits]] */
void page_suggest(struct request *rq)
{
	const char *q = request_param(rq, "q");
	json_t *titles = json_array();
	struct index_result r;
	struct buf why;
	buf_init(&why, 256);
	struct index_query iq = {q ? q : "", NULL, 0, 0, SUGGESTIONS, 0, 0, NULL, 0};
	if (q && *q && index_search(rq->srv->ix, &iq, &r, &why) == PX_OK) {
		for (size_t i = 0; i < r.nhits; i++)
			json_array_append_new(titles, json_string(r.hits[i].title));
		index_result_free(&r);
	}
	buf_free(&why);
	json_t *o = json_array();
	json_array_append_new(o, json_string(q ? q : ""));
	json_array_append_new(o, titles);
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!s || buf_adds(&rq->body, s)) {
		page_error(rq, 503, N_("The hub is short of memory."));
	} else {
		rq->type = "application/x-suggestions+json";
		rq->cache = "public, max-age=60";
	}
	free(s);
}

static struct tv *entry(struct request *rq, const char *path)
{
	struct tv *u = tv_map(&rq->a);
	tv_set_str(u, "loc", arena_printf(&rq->a, "%s%s", url_base(rq), path));
	return u;
}

/* GET /sitemap.xml: the index of the sitemaps below. */
void page_sitemap_index(struct request *rq)
{
	size_t n = index_size(rq->srv->ix), parts = n ? (n + SITEMAP_NODES - 1) / SITEMAP_NODES : 1;
	struct tv *s = tv_map(&rq->a), *maps = tv_list(&rq->a);
	tv_push(maps, entry(rq, "/sitemaps/pages"));
	for (size_t i = 1; i <= parts; i++)
		tv_push(maps, entry(rq, arena_printf(&rq->a, "/sitemaps/%zu", i)));
	tv_set(s, "maps", maps);
	page_render(rq, "sitemapindex", s);
	if (rq->status == 200)
		rq->type = "application/xml; charset=utf-8";
}

/* GET /sitemaps/pages: the listings and every taxonomy page. */
void page_sitemap_pages(struct request *rq)
{
	static const char *const fixed[] = {"/", "/good-practices", "/search"};
	static const struct {
		enum index_facet f;
		const char *prefix;
	} tax[] = {{FACET_THEMES, "/themes/"},
		   {FACET_COUNTRY, "/countries/"},
		   {FACET_CITY, "/cities/"},
		   {FACET_AUTHOR, "/authors/"}};
	struct tv *s = tv_map(&rq->a), *urls = tv_list(&rq->a);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		tv_push(urls, entry(rq, fixed[i]));
	const struct index *ix = rq->srv->ix;
	for (size_t t = 0; t < sizeof tax / sizeof tax[0]; t++)
		for (size_t i = 0; i < index_facet_size(ix, tax[t].f); i++) {
			const char *slug = slug_of(&rq->a, index_facet_value(ix, tax[t].f, i));
			if (slug && *slug)
				tv_push(urls, entry(rq, arena_printf(&rq->a, "%s%s", tax[t].prefix, slug)));
		}
	tv_set(s, "urls", urls);
	page_render(rq, "sitemap", s);
	if (rq->status == 200)
		rq->type = "application/xml; charset=utf-8";
}

/* GET /sitemaps/{n}: the n-th SITEMAP_NODES nodes of every type, newest
 * first, each with its lastmod: when it last changed (a look-up by nid in
 * the store; a node removed since the index saw it is left out). */
void page_sitemap_nodes(struct request *rq)
{
	struct index_query iq = {"", NULL, 0,   (size_t)(rq->id - 1) * SITEMAP_NODES, SITEMAP_NODES,
				 0,  0,    NULL, 0};
	struct index_result r;
	struct buf why;
	buf_init(&why, 256);
	if ((size_t)(rq->id - 1) * SITEMAP_NODES >= index_size(rq->srv->ix) && rq->id > 1) {
		buf_free(&why);
		page_error(rq, 404, N_("There is no such sitemap."));
		return;
	}
	if (index_search(rq->srv->ix, &iq, &r, &why) != PX_OK) {
		buf_free(&why);
		page_error(rq, 503, N_("The index cannot list the nodes."));
		return;
	}
	buf_free(&why);
	struct tv *s = tv_map(&rq->a), *urls = tv_list(&rq->a);
	for (size_t i = 0; i < r.nhits; i++) {
		char changed[32];
		enum px_err err = store_node_updated(rq->st, r.hits[i].nid, changed);
		if (err == PX_ENOTFOUND)
			continue;
		struct tv *u = entry(rq, url_node(rq, r.hits[i].nid));
		if (!err) /* else listed without it: lastmod is optional */
			tv_set_str(u, "lastmod", changed);
		tv_push(urls, u);
	}
	index_result_free(&r);
	tv_set(s, "urls", urls);
	page_render(rq, "sitemap", s);
	if (rq->status == 200)
		rq->type = "application/xml; charset=utf-8";
}
