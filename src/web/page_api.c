/* The open-data API, JSON: nodes by page and filters, one node (the object
 * of `praxis export`), search (the object of `praxis search --json`), and
 * the OpenAPI 3 document describing them. Errors are {"error", "status"}. */
#include "web_int.h"

#include "../index/index.h"
#include "../match/match.h"
#include "../model/model.h"
#include "../store/store.h"

#include <stdlib.h>
#include <string.h>

#define NODES_PER_PAGE 50
#define LIMIT_MAX      100

/* Sends j (consumed) as the response; 503 if it cannot be written. */
static void send_json(struct request *rq, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | INDEX_JSON_FLAGS) : NULL;
	json_decref(j);
	buf_reset(&rq->body);
	if (!s || buf_adds(&rq->body, s) || buf_addc(&rq->body, '\n')) {
		free(s);
		rq->status = 503;
		rq->type = "text/plain; charset=utf-8";
		return;
	}
	free(s);
	rq->status = status;
	rq->type = "application/json";
	rq->cache = "no-cache";
}

void page_api_error(struct request *rq, int status, const char *why)
{
	json_t *e = json_object();
	json_object_set_new(e, "error", json_string(why));
	json_object_set_new(e, "status", json_integer(status));
	send_json(rq, status, e);
}

/* A whole number parameter in [lo, hi] (def when absent); -1 after a 400. */
static int64_t number(struct request *rq, const char *name, int64_t def, int64_t lo, int64_t hi)
{
	const char *p = request_param(rq, name);
	int64_t v = def;
	if (p && (px_parse_i64(p, strlen(p), 1, &v) || v < lo || v > hi)) {
		page_api_error(rq, 400, "a number parameter is out of range or not a whole number");
		return -1;
	}
	return v;
}

/* Runs q with the request's filters; 0, or -1 after an error response. */
static int run(struct request *rq, struct index_query *q, struct index_result *r)
{
	struct web_filters *fs = arena_alloc(&rq->a, sizeof *fs); /* zeroed */
	if (!fs) {
		page_api_error(rq, 503, "out of memory");
		return -1;
	}
	if (request_filters(rq, fs)) {
		page_api_error(rq, 400,
			  "a filter is not field=value with a known field (type, themes, labels, country, "
			  "city, city_size, language, author, place, partner, adopter)");
		return -1;
	}
	if (request_population(rq, &q->population)) {
		page_api_error(rq, 400,
			       "population_min and population_max are whole numbers >= 0, the minimum not above the "
			       "maximum");
		return -1;
	}
	q->filters = fs->f;
	q->nfilters = fs->n;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = index_search(rq->srv->ix, q, r, &why);
	if (err)
		page_api_error(rq, err == PX_ENOMEM ? 503 : 400, why.len ? why.data : px_strerror(err));
	buf_free(&why);
	return err ? -1 : 0;
}

/* GET /api/v1/search?q=...&filter=F=V&population_min=N&population_max=N&limit=N&offset=N&sort=newest */
void page_api_search(struct request *rq)
{
	const char *q = request_param(rq, "q");
	int64_t limit = number(rq, "limit", 10, 1, LIMIT_MAX);
	int64_t offset = limit < 0 ? -1 : number(rq, "offset", 0, 0, 1000000);
	if (offset < 0)
		return;
	int sort = request_sort(rq);
	if (sort < 0) {
		page_api_error(rq, 400, "sort is relevance or newest");
		return;
	}
	struct index_query iq = {.text = q ? q : "", .offset = (size_t)offset, .limit = (size_t)limit, .facets = 1, .snippets = 1, .store = rq->st, .newest = sort, .places = 1};
	struct index_result r;
	if (run(rq, &iq, &r))
		return;
	send_json(rq, 200, index_result_json(&r));
	index_result_free(&r);
}

/* An unknown city's 404: the error and the close names to try. */
static void unknown_city(struct request *rq, enum match_fail f, const struct strlist *near)
{
	json_t *e = json_object(), *names = json_array();
	for (size_t i = 0; i < strlist_len(near); i++)
		json_array_append_new(names, json_string(strlist_get(near, i)));
	json_object_set_new(e, "error", json_string(match_fail_text(f)));
	json_object_set_new(e, "status", json_integer(404));
	json_object_set_new(e, "suggestions", names);
	send_json(rq, 404, e);
}

/* GET /api/v1/match?city=&country=&population=&q=&theme=&limit= */
void page_api_match(struct request *rq)
{
	const char *themes[MATCH_THEMES_MAX + 1];
	struct match_request m;
	int64_t limit = number(rq, "limit", 10, 1, MATCH_LIMIT_MAX);
	if (limit < 0)
		return;
	if (web_match_params(rq, &m, themes)) {
		page_api_error(rq, 400, match_fail_text(MATCH_BAD_POPULATION));
		return;
	}
	m.limit = (size_t)limit;
	struct match_result r;
	struct strlist near;
	struct buf why;
	strlist_init(&near);
	buf_init(&why, 1024);
	enum match_fail f = match_run(rq->srv->ix, &m, &r, &near, &why);
	if (f == MATCH_UNKNOWN_CITY) {
		unknown_city(rq, f, &near);
	} else if (f) {
		page_api_error(rq, f == MATCH_ERROR ? 503 : 400,
			       f == MATCH_BAD_QUERY && why.len ? why.data : match_fail_text(f));
	} else {
		send_json(rq, 200, match_result_json(&r));
		match_result_free(&r);
	}
	strlist_free(&near);
	buf_free(&why);
}

/* GET /api/v1/nodes?page=N&filter=F=V&population_min=N&population_max=N */
void page_api_nodes(struct request *rq)
{
	int64_t page = number(rq, "page", 1, 1, 1000000);
	if (page < 0)
		return;
	struct index_query iq = {.text = "", .offset = (size_t)(page - 1) * NODES_PER_PAGE, .limit = NODES_PER_PAGE};
	struct index_result r;
	if (run(rq, &iq, &r))
		return;
	size_t pages = r.total ? (r.total + NODES_PER_PAGE - 1) / NODES_PER_PAGE : 1;
	if ((size_t)page > pages) {
		index_result_free(&r);
		page_api_error(rq, 400, "there is no such page");
		return;
	}
	json_t *o = json_object(), *nodes = json_array();
	for (size_t i = 0; i < r.nhits; i++) {
		struct node *n = NULL;
		if (store_node_get(rq->st, r.hits[i].nid, &n) == PX_OK)
			json_array_append_new(nodes, node_to_public_json(n));
		node_free(n);
	}
	json_object_set_new(o, "total", json_integer((json_int_t)r.total));
	json_object_set_new(o, "page", json_integer(page));
	json_object_set_new(o, "pages", json_integer((json_int_t)pages));
	json_object_set_new(o, "nodes", nodes);
	index_result_free(&r);
	send_json(rq, 200, o);
}

/* GET /api/v1/nodes/{nid} */
void page_api_node(struct request *rq)
{
	struct node *n = NULL;
	enum px_err err = store_node_get(rq->st, rq->id, &n);
	if (!err && n->state != NODE_PUBLISHED) /* open data is what is published */
		err = PX_ENOTFOUND;
	if (err)
		page_api_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			  err == PX_ENOTFOUND ? "there is no node with this nid"
					      : "the store cannot be read");
	else
		send_json(rq, 200, node_to_public_json(n));
	node_free(n);
}

/* GET /api/v1/openapi.json */
void page_api_openapi(struct request *rq)
{
	if (web_openapi(&rq->body)) {
		page_api_error(rq, 503, "the API description is missing");
		return;
	}
	rq->type = "application/json";
	rq->cache = "public, max-age=3600";
}

/* Any other /api/ address. */
void page_api_missing(struct request *rq)
{
	page_api_error(rq, 404, "no such API endpoint: see /api/v1/openapi.json");
}
