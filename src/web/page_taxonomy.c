/* Taxonomy pages: the nodes of one theme, country or author, found by the
 * value's slug. A city has a page of its own (page_city.c). */
#include "web_int.h"

#include "../index/index.h"

#include <string.h>

#define PER_PAGE 20

static const struct {
	const char *prefix; /* of the path, with its slash */
	enum index_facet field;
	const char *kind; /* the heading's first word */
} kinds[] = {
	{"/themes/", FACET_THEMES, N_("Theme")},
	{"/countries/", FACET_COUNTRY, N_("Country")},
	{"/authors/", FACET_AUTHOR, N_("Author")},
};

/* The value of field whose slug is slug, or NULL. */
static const char *value_of(struct request *rq, enum index_facet field, const char *slug)
{
	const struct index *ix = rq->srv->ix;
	for (size_t i = 0; i < index_facet_size(ix, field); i++) {
		const char *v = index_facet_value(ix, field, i);
		const char *s = slug_of(&rq->a, v);
		if (s && !strcmp(s, slug))
			return v;
	}
	return NULL;
}

/* GET /themes/{slug}, /countries/{slug}, /authors/{slug} */
void page_taxonomy(struct request *rq)
{
	size_t k = 0;
	while (k + 1 < sizeof kinds / sizeof kinds[0] &&
	       strncmp(rq->path, kinds[k].prefix, strlen(kinds[k].prefix)))
		k++;
	const char *value = value_of(rq, kinds[k].field, rq->slug);
	const char *name = index_facet_name(kinds[k].field);
	if (!value) {
		page_error(rq, 404, N_("There is nothing filed under this name."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	struct listing l = {.q = "",
			    .fixed = {arena_printf(&rq->a, "%s=%s", name, value)},
			    .per_page = PER_PAGE,
			    .map = 1,
			    .map_to = "/good-practices",
			    .count = N_("{n, plural, one {# practice or story} other {# practices and stories}}")};
	if (listing_run(rq, &l, s))
		return;
	const struct tv *total = tv_get(s, "total", 5);
	if (!total || total->i == 0) {
		page_error(rq, 404, N_("Nothing is filed under this name any more."));
		return;
	}
	tv_set_str(s, "title", value_label(rq, kinds[k].field, value)); /* the links keep value */
	tv_set_str(s, "kind", T(rq, kinds[k].kind));
	const char *feed = kinds[k].field == FACET_AUTHOR ? "" : "/good-practices";
	tv_set_str(s, "feed_atom",
		   url_at(rq, "", arena_printf(&rq->a, "%s/feed.atom", feed),
			  &(struct url_change){.add_k = name, .add_v = value}));
	tv_set_str(s, "feed_rss",
		   url_at(rq, "", arena_printf(&rq->a, "%s/feed.rss", feed),
			  &(struct url_change){.add_k = name, .add_v = value}));
	tv_set_str(s, "subscribe",
		   url_at(rq, "", arena_printf(&rq->a, "/subscribe%s", feed),
			  &(struct url_change){.add_k = name, .add_v = value}));
	page_render(rq, "taxonomy", s);
}
