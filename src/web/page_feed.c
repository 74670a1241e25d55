/* Feeds: Atom (RFC 4287) and RSS 2.0 of the stream, of the practices with
 * any filters and keywords, and of a search: the newest FEED_ENTRIES
 * entries by created (a search's matches too, not its best: a reader wants
 * what is new), each linking to its page, of any type the filters let
 * through (?type=network). An entry is published when its node
 * was created and updated when it last changed; the feed is updated when
 * its latest entry was. */
#include "web_int.h"

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

/* The time a card's date field (FK_DATE: {iso, text}) holds, or NULL. */
static const char *card_time(const struct tv *card, const char *key)
{
	const struct tv *iso = tv_get(tv_get(card, key, strlen(key)), "iso", 3);
	return iso && iso->kind == TV_STR ? iso->s : NULL;
}

/* The entries of the cards in hits: each with its absolute link, its
 * "published" (created) and "updated" (changed) times, RFC 3339 for Atom
 * and RFC 822 for RSS, and a summary. A card without both dates is left
 * out (a stored node has them), so that no entry breaks its format. The
 * cards carry no object fields, hence never a contact's e-mail address.
 * *newest: the latest "updated", NULL when there is no entry. */
static struct tv *entries(struct request *rq, const struct tv *hits, const char *base, const char **newest)
{
	struct tv *list = tv_list(&rq->a);
	*newest = NULL;
	for (size_t i = 0; hits && i < hits->len; i++) {
		struct tv *e = hits->items[i];
		const struct tv *nid = tv_get(e, "nid", 3), *sub = tv_get(e, "subtitle", 8);
		const char *created = card_time(e, "created"), *changed = card_time(e, "changed");
		if (!nid || !created || !changed)
			continue;
		tv_set_str(e, "url", arena_printf(&rq->a, "%s%s", base, url_node(rq, nid->i)));
		tv_set_str(e, "published", created);
		tv_set_str(e, "published_rfc822", rfc822(&rq->a, created));
		tv_set_str(e, "updated", changed);
		tv_set(e, "summary", sub && sub->len ? (struct tv *)sub : (struct tv *)tv_get(e, "lead", 4));
		if (!*newest || strcmp(changed, *newest) > 0)
			*newest = changed; /* in the arena, as the card is */
		tv_push(list, e);
	}
	return list;
}

struct listing page_feed_listing(const char *list, const char *q, size_t n)
{
	/* the home page's feed holds what the home page lists: practices and stories */
	int search = !strcmp(list, "/search"), practices = !strcmp(list, "/good-practices"), home = !*list;
	/* newest first, a search's too: new matches come first */
	return (struct listing){.q = search || practices ? (q ? q : "") : "",
				.fixed = {practices || home ? "type=practice" : NULL, home ? "type=article" : NULL},
				.per_page = n,
				.newest = 1};
}

const char *page_feed_title(struct request *rq, const char *list, const char *q)
{
	if (!strcmp(list, "/search"))
		return arena_printf(&rq->a, "praxis: %s", q);
	return arena_printf(&rq->a, "praxis: %s",
			    *list ? T(rq, "Good practices") : T(rq, "Newest practices and stories"));
}

/* GET /feed.atom, /feed.rss, /good-practices/feed.atom ... /search/feed.rss */
void page_feed(struct request *rq)
{
	const char *slash = strrchr(rq->path, '/');
	int atom = !strcmp(slash, "/feed.atom");
	const char *html = arena_strndup(&rq->a, rq->path, (size_t)(slash - rq->path)); /* "", "/search" */
	const char *q = request_param(rq, "q");
	if (!strcmp(html, "/search") && (!q || !*q)) {
		page_error(rq, 400, N_("A search needs the words to search for: q=..."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	struct listing l = page_feed_listing(html, q, FEED_ENTRIES);
	if (listing_run(rq, &l, s))
		return;
	const char *base = url_base(rq), *newest;
	tv_set(s, "hits", entries(rq, tv_get(s, "hits", 4), base, &newest));
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
	tv_set_str(s, "subscribe",
		   url_at(rq, base, arena_printf(&rq->a, "/subscribe%s", html), &(struct url_change){0}));
	tv_set_str(s, "title", page_feed_title(rq, html, q));
	page_render(rq, atom ? "atom" : "rss", s);
	if (rq->status != 200)
		return;
	/* A browser (its Accept names text/html) gets application/xml: chromium
	 * shows application/atom+xml and rss+xml as plain text, without applying
	 * the stylesheet (feed.xsl). Feed readers get the feed's own type. The
	 * page cache keys by the same test (server.c). */
	rq->vary = "Accept";
	if (request_accepts_html(rq))
		rq->type = "application/xml; charset=utf-8";
	else
		rq->type =
			atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
}

void page_feeds(struct request *rq, struct tv *scope, const char *path)
{
	const char *atom = arena_printf(&rq->a, "%s/feed.atom", path);
	const char *rss = arena_printf(&rq->a, "%s/feed.rss", path);
	const char *subscribe = arena_printf(&rq->a, "/subscribe%s", path);
	const struct url_change unsorted = {.drop_k = "sort"}; /* a feed is newest first */
	tv_set_str(scope, "feed_atom", atom ? url_at(rq, "", atom, &unsorted) : NULL);
	tv_set_str(scope, "feed_rss", rss ? url_at(rq, "", rss, &unsorted) : NULL);
	tv_set_str(scope, "subscribe", subscribe ? url_at(rq, "", subscribe, &unsorted) : NULL);
	if (*path) { /* the stream itself has no CSV: the API lists every node */
		const char *csv = arena_printf(&rq->a, "%s.csv", path);
		tv_set_str(scope, "csv", csv ? url_at(rq, "", csv, &(struct url_change){0}) : NULL);
	}
}
