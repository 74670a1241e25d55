/* Search: ranked hits with their snippets, facets as filter links, "did
 * you mean", the words matched through translation, pages. */
#include "web_int.h"

#define PER_PAGE 10

/* scope.save: a signed-in reader's "Save this search" form: the query
 * string of this search (its words and filters; not its page or order),
 * and the words as the name it proposes. */
static void save_form(struct request *rq, struct tv *s, const char *q)
{
	const char *root = rq->root;
	rq->root = "";
	const char *here = url_at(rq, "", "", &(struct url_change){.drop_k = "sort"});
	rq->root = root;
	if (!here || here[0] != '?')
		return;
	struct tv *f = tv_map(&rq->a);
	tv_set_str(f, "query", here + 1);
	tv_set_str(f, "name", q);
	tv_set_str(f, "csrf", rq->csrf);
	tv_set(s, "save", f);
}

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
	struct listing l = {.q = q, .facets = 1, .snippets = 1, .per_page = PER_PAGE, .map = 1,
			    .count = N_("{n, plural, one {# result for} other {# results for}}")};
	if (listing_run(rq, &l, s))
		return;
	tv_set_str(s, "title", arena_printf(&rq->a, "%s · %s", q, T(rq, "Search")));
	tv_set_bool(s, "searched", 1);
	if (rq->user)
		save_form(rq, s, q);
	page_feeds(rq, s, "/search");
	page_render(rq, "search", s);
}
