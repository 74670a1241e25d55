/* The good practices, filtered by theme, country, city, city size, label
 * and language (each filter with its count), and by keywords. */
#include "web_int.h"

#define PER_PAGE 20

/* GET /good-practices */
void page_practices(struct request *rq)
{
	const char *q = request_param(rq, "q");
	struct tv *s = tv_map(&rq->a);
	struct listing l = {.q = q ? q : "", .fixed = {"type=practice"}, .facets = 1, .snippets = q && *q, .per_page = PER_PAGE, .map = 1, .deps = 1,
			    .count = N_("{n, plural, one {# practice} other {# practices}}")};
	if (listing_run(rq, &l, s))
		return;
	page_feeds(rq, s, "/good-practices");
	tv_set_str(s, "title", T(rq, "Good practices"));
	tv_set_str(s, "q", q ? q : "");
	page_render(rq, "practices", s);
}
