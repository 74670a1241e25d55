/* Feeds: Atom (RFC 4287) and RSS 2.0 of the stream, of the practices with
 * any filters, and of a search: the newest FEED_ENTRIES entries (for a
 * search, the best), each linking to its page. */
#include "web_int.h"

#include "../store/store.h"

#include <string.h>
#include <time.h>

#define FEED_ENTRIES 20

/* "Wed, 26 Nov 2026 02:26:02 +0000" (RFC 822, as RSS wants) from RFC 3339. */
static const char *rfc822(struct arena *a, const char *iso)
{
	struct tm tm = {0};
	const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end)
		return NULL;
	static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm); /* fills the day of the week */
	return arena_printf(a, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
			    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Each entry's absolute link, time and summary; the newest time. */
static const char *entries(struct request *rq, struct tv *hits, const char *base)
{
	const char *newest = NULL;
	for (size_t i = 0; hits && i < hits->len; i++) {
		struct tv *e = hits->items[i];
		const struct tv *nid = tv_get(e, "nid", 3), *sub = tv_get(e, "subtitle", 8);
		char updated[32];
		if (!nid || store_node_updated(rq->st, nid->i, updated) != PX_OK)
			continue;
		tv_set_str(e, "url", arena_printf(&rq->a, "%s%s", base, url_node(rq, nid->i)));
		tv_set_str(e, "updated", updated);
		tv_set_str(e, "updated_rfc822", rfc822(&rq->a, updated));
		tv_set(e, "summary", sub && sub->len ? (struct tv *)sub : (struct tv *)tv_get(e, "lead", 4));
		if (!newest || strcmp(updated, newest) > 0)
			newest = arena_strndup(&rq->a, updated, strlen(updated));
	}
	return newest;
}

/* GET /feed.atom, /feed.rss, /good-practices/feed.atom ... /search/feed.rss */
void page_feed(struct request *rq)
{
	const char *slash = strrchr(rq->path, '/');
	int atom = !strcmp(slash, "/feed.atom");
	const char *html = arena_strndup(&rq->a, rq->path, (size_t)(slash - rq->path)); /* "", "/search" */
	const char *q = request_param(rq, "q");
	int search = !strcmp(html, "/search");
	if (search && (!q || !*q)) {
		page_error(rq, 400, N_("A search needs the words to search for: q=..."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	struct listing l = {search ? q : "", {!strcmp(html, "/good-practices") ? "type=practice" : NULL}, 0, 0,
			    FEED_ENTRIES, 0};
	if (listing_run(rq, &l, s))
		return;
	const char *base = url_base(rq);
	const char *newest = entries(rq, (struct tv *)tv_get(s, "hits", 4), base);
	if (!newest) {
		char now[32];
		time_t t = time(NULL);
		struct tm tm;
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		newest = arena_strndup(&rq->a, now, strlen(now));
	}
	tv_set_str(s, "updated", newest);
	tv_set_str(s, "updated_rfc822", rfc822(&rq->a, newest));
	tv_set_str(s, "self", url_at(rq, base, rq->path, &(struct url_change){0}));
	tv_set_str(s, "page", url_at(rq, base, *html ? html : "/", &(struct url_change){0}));
	tv_set_str(s, "title",
		   search  ? arena_printf(&rq->a, "praxis: %s", q)
		   : *html ? arena_printf(&rq->a, "praxis: %s", T(rq, "Good practices"))
			   : arena_printf(&rq->a, "praxis: %s", T(rq, "Newest practices and stories")));
	page_render(rq, atom ? "atom" : "rss", s);
	if (rq->status == 200)
		rq->type =
			atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
}

void page_feeds(struct request *rq, struct tv *scope, const char *path)
{
	const char *atom = arena_printf(&rq->a, "%s/feed.atom", path);
	const char *rss = arena_printf(&rq->a, "%s/feed.rss", path);
	tv_set_str(scope, "feed_atom", atom ? url_at(rq, "", atom, &(struct url_change){0}) : NULL);
	tv_set_str(scope, "feed_rss", rss ? url_at(rq, "", rss, &(struct url_change){0}) : NULL);
	if (*path) { /* the stream itself has no CSV: the API lists every node */
		const char *csv = arena_printf(&rq->a, "%s.csv", path);
		tv_set_str(scope, "csv", csv ? url_at(rq, "", csv, &(struct url_change){0}) : NULL);
	}
}
