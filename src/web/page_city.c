/* A city's page: its facts (from its city node, else the gazetteer), its
 * map, the practices it runs, those it adapted, those it partners in and
 * its networks. A city is found by any of its names: the practices,
 * partners and adopters file under the gazetteer's key of the city
 * (index.h, FACET_PLACE), whatever spelling they use.
 *
 * Its address is /cities/NAME-CC (url_city(): the slug of a name it goes
 * by and its country's ISO code, so namesakes in two countries are two
 * pages); /cities/NAME alone, the older form, is the city of that name
 * some practice is in. */
#include "web_int.h"

#include "../index/index.h"
#include "../match/match.h"
#include "../place/place.h"
#include "../store/store.h"

#include <ctype.h>
#include <string.h>

#define LIST_MAX  20 /* nodes per list on the page */
#define KEYS_MAX  8  /* the keys a city files under: its names */
#define KEY_BYTES (4 * NODE_NAME_MAX)

/* What the address names, and what is known of it. */
struct city {
	const char *name;          /* as the page calls it */
	char code[3];              /* its country's ISO code */
	const struct place *place; /* the gazetteer's, or NULL */
	struct node *node;         /* its city node, or NULL; owned */
	const char *keys[KEYS_MAX];
	size_t nkeys;
};

/* "sevilla-es" → ("sevilla", "ES"); 0 if the slug ends with no country code. */
static int split_slug(struct request *rq, const char *slug, struct city *c)
{
	size_t n = strlen(slug);
	if (n < 4 || slug[n - 3] != '-' || !isalpha((unsigned char)slug[n - 2]) || !isalpha((unsigned char)slug[n - 1]))
		return 0;
	c->code[0] = (char)toupper((unsigned char)slug[n - 2]);
	c->code[1] = (char)toupper((unsigned char)slug[n - 1]);
	c->code[2] = '\0';
	if (!place_country_name(c->code))
		return 0;
	char *name = arena_strndup(&rq->a, slug, n - 3);
	for (char *p = name; p && *p; p++)
		if (*p == '-')
			*p = ' ';
	c->name = name;
	return name != NULL;
}

/* The older /cities/NAME: the city some practice names so, in that
 * practice's country. */
static int legacy_slug(struct request *rq, const char *slug, struct city *c)
{
	const struct index *ix = rq->srv->ix;
	for (size_t i = 0; i < index_facet_size(ix, FACET_CITY); i++) {
		const char *v = index_facet_value(ix, FACET_CITY, i), *s = slug_of(&rq->a, v);
		if (!s || strcmp(s, slug))
			continue;
		struct index_filter f[] = {{FACET_TYPE, "practice"}, {FACET_CITY, v}};
		struct index_query q = {.text = "", .filters = f, .nfilters = 2, .limit = 1};
		struct index_result r;
		struct buf why;
		buf_init(&why, 256);
		struct node *n = NULL;
		if (index_search(ix, &q, &r, &why) == PX_OK) {
			if (r.nhits && store_node_get(rq->st, r.hits[0].nid, &n) != PX_OK)
				n = NULL;
			index_result_free(&r);
		}
		buf_free(&why);
		int found = n && n->country && !place_country_code(n->country, c->code);
		c->name = found ? arena_strndup(&rq->a, v, strlen(v)) : NULL;
		node_free(n);
		return found && c->name;
	}
	return 0;
}

static void add_key(struct request *rq, struct city *c, const char *country, const char *name)
{
	char key[KEY_BYTES];
	if (c->nkeys == KEYS_MAX || !index_place_key(country, name, key, sizeof key))
		return;
	for (size_t i = 0; i < c->nkeys; i++)
		if (!strcmp(c->keys[i], key))
			return;
	if ((c->keys[c->nkeys] = arena_strndup(&rq->a, key, strlen(key))))
		c->nkeys++;
}

/* The ids of the nodes of type filed under one of c's keys in facet. */
static int run(struct request *rq, const struct city *c, const char *type, enum index_facet facet, size_t limit,
	       struct index_result *r)
{
	struct index_filter f[KEYS_MAX + 1] = {{FACET_TYPE, type}};
	for (size_t i = 0; i < c->nkeys; i++)
		f[i + 1] = (struct index_filter){facet, c->keys[i]};
	struct index_query q = {.text = "", .filters = f, .nfilters = c->nkeys + 1, .limit = limit};
	struct buf why;
	buf_init(&why, 256);
	enum px_err err = c->nkeys ? index_search(rq->srv->ix, &q, r, &why) : PX_ENOTFOUND;
	buf_free(&why);
	return err ? -1 : 0;
}

/* Its city node, if the hub has one: the first city filed under its key. */
static void find_node(struct request *rq, struct city *c)
{
	struct index_result r;
	if (run(rq, c, "city", FACET_PLACE, 1, &r))
		return;
	if (r.nhits && store_node_get(rq->st, r.hits[0].nid, &c->node) == PX_OK &&
	    c->node->state != NODE_PUBLISHED) {
		node_free(c->node);
		c->node = NULL;
	}
	index_result_free(&r);
}

static int resolve(struct request *rq, struct city *c)
{
	if (!split_slug(rq, rq->slug, c) && !legacy_slug(rq, rq->slug, c))
		return -1;
	c->place = place_find(c->code, c->name);
	add_key(rq, c, c->code, c->name);
	find_node(rq, c);
	if (c->node) { /* every name it goes by, the gazetteer's or not */
		add_key(rq, c, c->code, c->node->title);
		for (size_t i = 0; i < strlist_len(&c->node->names); i++)
			add_key(rq, c, c->code, strlist_get(&c->node->names, i));
	}
	return 0;
}

/* scope[key]: the cards of a list, left out when empty. */
static size_t add_list(struct request *rq, struct tv *s, const char *key, const struct city *c, const char *type,
		       enum index_facet facet)
{
	struct index_result r;
	if (run(rq, c, type, facet, LIST_MAX, &r))
		return 0;
	size_t total = r.total;
	if (r.nhits)
		tv_set(s, key, page_hits(rq, &r));
	index_result_free(&r);
	return total;
}

static const char *size_class(int64_t population)
{
	return population < 0	       ? NULL
	       : population < 50000    ? N_("a small city (under 50,000)")
	       : population < 250000   ? N_("a medium-sized city (50,000 to 250,000)")
	       : population <= 1000000 ? N_("a large city (250,000 to 1,000,000)")
				       : N_("a metropolis (over 1,000,000)");
}

/* The facts: the city node's where it has them, else the gazetteer's. */
static void facts(struct request *rq, struct tv *s, const struct city *c)
{
	const struct node *n = c->node;
	int64_t population = n && n->population >= 0 ? n->population : c->place ? c->place->population : -1;
	struct tv *names = tv_list(&rq->a);
	const char *const *other = c->place && !n ? c->place->names : NULL;
	for (size_t i = 0; n && i < strlist_len(&n->names); i++)
		tv_push(names, tv_str(&rq->a, strlist_get(&n->names, i)));
	for (size_t i = 0; other && other[i] && i < 12; i++)
		tv_push(names, tv_str(&rq->a, other[i]));
	tv_set_str(s, "title", n ? n->title : c->place ? c->place->name : c->name);
	tv_set_str(s, "country", value_label(rq, FACET_COUNTRY, place_country_name(c->code)));
	tv_set_str(s, "country_slug", slug_of(&rq->a, place_country_name(c->code)));
	if (population >= 0) {
		tv_set_str(s, "population", node_value_count(rq, population));
		tv_set_str(s, "size", T(rq, size_class(population)));
	}
	if (names->len)
		tv_set(s, "names", names);
	if (n) {
		tv_set(s, "node", page_node_values(rq, n));
		tv_set_int(s, "nid", n->nid);
	}
}

/* The map around the city: one dot, where the gazetteer or its node puts it. */
static void city_map(struct request *rq, struct tv *s, const struct city *c)
{
	struct tv *self = tv_map(&rq->a), *cards = tv_list(&rq->a), *name = tv_map(&rq->a), *country = tv_map(&rq->a);
	tv_set_str(name, "name", c->place ? c->place->name : c->name);
	tv_set_str(country, "name", c->code);
	tv_set(self, "city", name);
	tv_set(self, "country", country);
	tv_set_str(self, "title", c->node ? c->node->title : c->place ? c->place->name : c->name);
	tv_set_str(self, "url", url_city(rq, c->place ? c->place->name : c->name, c->code));
	tv_push(cards, self);
	map_add(rq, s, cards, 1);
}

#define LIKE_MAX    10 /* cities like this one */
#define LIKE_ADOPTED 5  /* practices listed per such city */

/* The practices city (a hub city) adopted, as links. */
static struct tv *adopted_by(struct request *rq, const struct match_like *like)
{
	char key[KEY_BYTES];
	struct tv *list = tv_list(&rq->a);
	if (!index_place_key(like->country, like->title, key, sizeof key))
		return list;
	struct index_filter f[] = {{FACET_TYPE, "practice"}, {FACET_ADOPTER, key}};
	struct index_query q = {.text = "", .filters = f, .nfilters = 2, .limit = LIKE_ADOPTED};
	struct index_result r;
	struct buf why;
	buf_init(&why, 256);
	if (index_search(rq->srv->ix, &q, &r, &why) == PX_OK) {
		for (size_t i = 0; i < r.nhits; i++) {
			struct tv *one = tv_map(&rq->a);
			tv_set_str(one, "title", r.hits[i].title);
			tv_set_str(one, "url", url_node(rq, r.hits[i].nid));
			tv_push(list, one);
		}
		index_result_free(&r);
	}
	buf_free(&why);
	return list;
}

/* "Cities like mine": the hub's cities nearest by size, distance and
 * country, each with the practices it adopted; and a match for this city. */
static void cities_like(struct request *rq, struct tv *s, const struct city *c)
{
	struct match_city me;
	const char *name = c->node ? c->node->title : c->place ? c->place->name : c->name;
	if (match_city_resolve(rq->srv->ix, name, c->code, MATCH_NO_POPULATION, &me, NULL))
		return;
	tv_set_str(s, "match_url", url_match(rq, name, c->code));
	struct match_like like[LIKE_MAX];
	size_t n = match_cities_like(rq->srv->ix, &me, like, LIKE_MAX);
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < n; i++) {
		struct tv *one = tv_map(&rq->a);
		tv_set_str(one, "name", like[i].title);
		tv_set_str(one, "url", url_city(rq, like[i].title, like[i].country));
		tv_set_str(one, "country", value_label(rq, FACET_COUNTRY, place_country_name(like[i].country)));
		if (like[i].population > 0)
			tv_set_str(one, "population", i18n_number(&rq->a, rq->lang, like[i].population));
		struct tv *adopted = adopted_by(rq, &like[i]);
		if (adopted->len)
			tv_set(one, "adopted", adopted);
		tv_push(list, one);
	}
	if (n)
		tv_set(s, "like", list);
}

/* GET /cities/{slug} */
void page_city(struct request *rq)
{
	struct city c = {0};
	if (resolve(rq, &c)) {
		page_error(rq, 404, N_("There is nothing filed under this name."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	size_t found = add_list(rq, s, "practices", &c, "practice", FACET_PLACE) +
		       add_list(rq, s, "adopted", &c, "practice", FACET_ADOPTER) +
		       add_list(rq, s, "partnered", &c, "practice", FACET_PARTNER) +
		       add_list(rq, s, "networks", &c, "network", FACET_PARTNER);
	if (!found && !c.node && !c.place) {
		page_error(rq, 404, N_("There is nothing filed under this name."));
		return;
	}
	facts(rq, s, &c);
	city_map(rq, s, &c);
	cities_like(rq, s, &c);
	node_free(c.node);
	page_render(rq, "city", s);
}
