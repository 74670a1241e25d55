/* Subscribing to a listing: what a feed is and how to follow one, in plain
 * words, with the Atom and RSS feeds of exactly the listing the reader came
 * from (its query and filters), their addresses to copy, and the entries
 * the feed holds now. */
#include "web_int.h"

#include <string.h>

#define PREVIEW 5 /* entries shown of the feed */

/* GET /subscribe, /subscribe/good-practices, /subscribe/search, with the
 * listing's parameters */
void page_subscribe(struct request *rq)
{
	const char *list = rq->path + strlen("/subscribe"); /* "", "/good-practices", "/search" */
	const char *q = request_param(rq, "q");
	if (!strcmp(list, "/search") && (!q || !*q)) {
		page_error(rq, 400, N_("A search needs the words to search for: q=..."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	struct listing l = page_feed_listing(list, q, PREVIEW);
	if (listing_run(rq, &l, s))
		return;
	page_feeds(rq, s, list);
	const char *base = url_base(rq);
	const struct url_change unsorted = {.drop_k = "sort"};
	tv_set_str(s, "atom_address",
		   url_at(rq, base, arena_printf(&rq->a, "%s/feed.atom", list), &unsorted));
	tv_set_str(s, "rss_address", url_at(rq, base, arena_printf(&rq->a, "%s/feed.rss", list), &unsorted));
	tv_set_str(s, "back", url_at(rq, "", *list ? list : "/", &(struct url_change){0}));
	tv_set_str(s, "feed_title", page_feed_title(rq, list, q));
	tv_set_bool(s, "search", !strcmp(list, "/search"));
	tv_set_str(s, "words", q && *q ? q : NULL);
	if (!strcmp(list, "/search"))
		tv_set_str(s, "q", q); /* in the search box, as on the search page */
	tv_set_str(s, "title", T(rq, "Subscribe"));
	page_render(rq, "subscribe", s);
}
