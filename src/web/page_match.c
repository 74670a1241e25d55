/* /match: practices ranked for the reader's city and need (src/match), a
 * GET form that works without JavaScript, so a match is a shareable
 * address; the reasons of each hit in the reader's language. The API's
 * /api/v1/match (page_api.c) reads the same parameters. */
#include "web_int.h"

#include "../match/match.h"
#include "../place/place.h"
#include "../store/store.h"

#include <string.h>

#define PAGE_HITS 20

struct themes_taken {
	const char **themes;
	size_t n;
	int over; /* more than MATCH_THEMES_MAX */
};

static void take_theme(const char *k, const char *v, void *arg)
{
	struct themes_taken *t = arg;
	if (strcmp(k, "theme") || !*v)
		return;
	if (t->n == MATCH_THEMES_MAX)
		t->over = 1;
	else
		t->themes[t->n++] = v;
}

static const char *param(const struct request *rq, const char *name)
{
	const char *v = request_param(rq, name);
	return v && *v ? v : NULL;
}

int web_match_params(struct request *rq, struct match_request *m, const char **themes)
{
	struct themes_taken t = {themes, 0, 0};
	request_params_each(rq, take_theme, &t);
	const char *pop = param(rq, "population");
	*m = (struct match_request){.city = param(rq, "city"), .country = param(rq, "country"),
				    .population = MATCH_NO_POPULATION, .text = param(rq, "q"),
				    .themes = themes, .nthemes = t.over ? MATCH_THEMES_MAX + 1 : t.n,
				    .limit = PAGE_HITS};
	if (pop && px_parse_i64(pop, strlen(pop), 1, &m->population))
		return -1;
	return 0;
}

/* ---- reasons in the reader's language ---- */

const char *web_match_reason(struct request *rq, const struct match_reason *w)
{
	const char *lang = rq->lang;
	switch (w->kind) {
	case WHY_MATCHES:
		return arena_printf(&rq->a, "%s %s", T(rq, "matches:"), w->words);
	case WHY_SIZE:
		return arena_printf(&rq->a, "%s (%s)",
				    i18n_with_number(&rq->a, lang, T(rq, "a city of {n}, like yours"), w->n),
				    i18n_number(&rq->a, lang, w->yours));
	case WHY_TRANSFER:
		return i18n_count_text(&rq->a, lang,
				       N_("{n, plural, =1 {adopted by one city of your size} "
					  "one {adopted by # city of your size} other {adopted by # cities of your size}}"),
				       w->n);
	case WHY_DISTANCE:
		return i18n_with_number(&rq->a, lang, T(rq, "{n} km away"), w->n);
	case WHY_COUNTRY:
		return T(rq, "in your country");
	case WHY_LANGUAGE:
		return T(rq, "in your language");
	case WHY_EVIDENCE:
		return T(rq, "has impact figures");
	}
	return "";
}

/* The cards of the hits, each with its reasons. */
static struct tv *hit_cards(struct request *rq, const struct match_result *r)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < r->nhits; i++) {
		struct node *n = NULL;
		if (store_node_get(rq->st, r->hits[i].nid, &n) != PX_OK)
			continue; /* removed since the index saw it */
		struct tv *item = page_card(rq, n), *why = tv_list(&rq->a); /* the card, and why */
		node_free(n);
		for (size_t k = 0; k < r->hits[i].nwhy; k++)
			tv_push(why, tv_str(&rq->a, web_match_reason(rq, &r->hits[i].why[k])));
		tv_set(item, "why", why);
		tv_push(list, item);
	}
	return list;
}

/* "/match?city=...&country=...": a match for that city, in the arena. */
const char *url_match(struct request *rq, const char *city, const char *country)
{
	struct buf b;
	buf_init(&b, 4096);
	enum px_err err = buf_printf(&b, "%s/match?city=", rq->root);
	if (!err)
		err = html_url_part(&b, city, strlen(city));
	if (!err)
		err = buf_adds(&b, "&country=");
	if (!err)
		err = html_url_part(&b, country, strlen(country));
	const char *s = err ? NULL : arena_strndup(&rq->a, b.data, b.len);
	buf_free(&b);
	return s;
}

/* The close names of an unknown city, each a link that redoes the match with it. */
static struct tv *near_links(struct request *rq, const struct strlist *near)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < strlist_len(near); i++) {
		struct tv *one = tv_map(&rq->a);
		tv_set_str(one, "name", strlist_get(near, i));
		tv_set_str(one, "url", url_here(rq, &(struct url_change){.drop_k = "city", .add_k = "city",
									  .add_v = strlist_get(near, i)}));
		tv_push(list, one);
	}
	return list;
}

/* The form's theme boxes: every theme of the hub, the asked ones checked. */
static struct tv *theme_boxes(struct request *rq, const struct match_request *m)
{
	const struct index *ix = rq->srv->ix;
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < index_facet_size(ix, FACET_THEMES); i++) {
		const char *v = index_facet_value(ix, FACET_THEMES, i);
		struct tv *one = tv_map(&rq->a);
		int on = 0;
		for (size_t t = 0; t < m->nthemes && t < MATCH_THEMES_MAX; t++)
			on |= !strcmp(m->themes[t], v);
		tv_set_str(one, "value", v);
		tv_set_str(one, "label", value_label(rq, FACET_THEMES, v));
		tv_set_str(one, "id", arena_printf(&rq->a, "theme-%zu", i));
		tv_set_bool(one, "checked", on);
		tv_push(list, one);
	}
	return list;
}

static void form_values(struct request *rq, struct tv *s, const struct match_request *m)
{
	struct tv *f = tv_map(&rq->a);
	tv_set_str(f, "city", m->city ? m->city : "");
	tv_set_str(f, "country", m->country ? m->country : "");
	tv_set_str(f, "population", param(rq, "population") ? param(rq, "population") : "");
	tv_set(s, "form", f);
	tv_set_str(s, "need", m->text ? m->text : "");
	tv_set(s, "themes", theme_boxes(rq, m));
	tv_set_bool(s, "themes_open", m->nthemes > 0);
	tv_set_str(s, "title", T(rq, "Practices for your city"));
}

/* The resolved city, as the page says it: "Porto, Portugal: 249,633 inhabitants". */
static void city_values(struct request *rq, struct tv *s, const struct match_city *c)
{
	struct tv *city = tv_map(&rq->a);
	const char *country = value_label(rq, FACET_COUNTRY, place_country_name(c->country));
	tv_set_str(city, "name", c->name[0] ? c->name : NULL);
	tv_set_str(city, "country", country);
	if (c->population > 0)
		tv_set_str(city, "population", i18n_number(&rq->a, rq->lang, c->population));
	if (c->name[0])
		tv_set_str(city, "url", url_city(rq, c->name, c->country));
	tv_set(s, "city", city);
}

static int asked(const struct match_request *m)
{
	return m->city || m->country || m->text || m->nthemes || m->population != MATCH_NO_POPULATION;
}

static int fail_status(enum match_fail f)
{
	return f == MATCH_UNKNOWN_CITY ? 404 : f == MATCH_ERROR ? 503 : 400;
}

/* GET /match */
void page_match(struct request *rq)
{
	const char *themes[MATCH_THEMES_MAX + 1];
	struct match_request m;
	struct tv *s = tv_map(&rq->a);
	int bad_population = web_match_params(rq, &m, themes);
	form_values(rq, s, &m);
	if (!asked(&m)) {
		page_render(rq, "match", s);
		return;
	}
	struct match_result r;
	struct strlist near;
	struct buf why;
	strlist_init(&near);
	buf_init(&why, 1024);
	enum match_fail f = bad_population ? MATCH_BAD_POPULATION : match_run(rq->srv->ix, &m, &r, &near, &why);
	if (f) {
		tv_set_str(s, "error", T(rq, match_fail_text(f)));
		if (strlist_len(&near))
			tv_set(s, "near", near_links(rq, &near));
	} else {
		city_values(rq, s, &r.city);
		struct tv *hits = hit_cards(rq, &r);
		tv_set(s, "hits", hits);
		tv_set(s, "compare", compare_carried(rq, hits)); /* "Add to compare" on the cards */
		tv_set_int(s, "total", (int64_t)r.total);
		tv_set_bool(s, "matched", 1);
		match_result_free(&r);
	}
	strlist_free(&near);
	buf_free(&why);
	page_render(rq, "match", s);
	if (f && rq->status != 503)
		rq->status = fail_status(f);
}
