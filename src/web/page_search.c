/* Search: ranked hits with their snippets, facets as filter links, "did
 * you mean", the words matched through translation, pages. */
#include "web_int.h"

#define PER_PAGE 10

/* GET /search?q=... */
void page_search(struct request *rq)
{
	const char *q = request_param(rq, "q");
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "q", q ? q : "");
	if (!q || !*q) {
		tv_set_str(s, "title", T(rq, "Search"));
		page_render(rq, "search", s);
		return;
	}
	struct listing l = {.q = q, .facets = 1, .snippets = 1, .per_page = PER_PAGE, .map = 1};
	if (listing_run(rq, &l, s))
		return;
	tv_set_str(s, "title", arena_printf(&rq->a, "%s · %s", q, T(rq, "Search")));
	tv_set_bool(s, "searched", 1);
	page_feeds(rq, s, "/search");
	page_render(rq, "search", s);
}
