/* The stream: the newest practices and articles, as in the sample listing. */
#include "web_int.h"

#define PER_PAGE 20

/* GET / */
void page_home(struct request *rq)
{
	struct tv *s = tv_map(&rq->a);
	/* the stream of the sample: practices and stories, not the hub's
	 * cities and networks (their own pages list them) */
	struct listing l = {.q = "", .fixed = {"type=practice", "type=article"}, .per_page = PER_PAGE, .map = 1, .deps = 1, .map_to = "/good-practices",
			    .count = N_("{n, plural, one {# practice or story from European cities} "
					"other {# practices and stories from European cities}}")};
	if (listing_run(rq, &l, s))
		return;
	page_feeds(rq, s, "");
	tv_set_str(s, "title", T(rq, "Urban good practices"));
	page_render(rq, "home", s);
}
