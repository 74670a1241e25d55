/* Profiles: what the match (src/match) reads of a document, computed when
 * the node is indexed so that scoring a candidate costs a few array reads.
 *
 * A practice's city is placed through the gazetteer (population, lat/lon)
 * when it is indexed; its own population field and its hub city node's
 * figures, which come first, are read at match time (the city node may be
 * indexed after the practice, or change). Its adopters' populations are
 * resolved once, when the practice is indexed: the hub's city node filed
 * under the adopter's place if it is indexed by then, else the gazetteer. */
#include "index_int.h"
#include "../place/place.h"

#include <math.h>
#include <string.h>

static struct profile *profiles(const struct index *ix)
{
	return (struct profile *)(void *)ix->profile.data;
}

static uint32_t *place_city(const struct index *ix)
{
	return (uint32_t *)(void *)ix->place_city.data;
}

static const int64_t *populations(const struct index *ix)
{
	return (const int64_t *)(const void *)ix->population.data;
}

/* The live city node filed under FACET_PLACE value id, or PLACE_NONE. */
static uint32_t city_of_place(const struct index *ix, uint32_t id)
{
	if (id == PLACE_NONE || id >= ix->place_city.len / sizeof(uint32_t))
		return PLACE_NONE;
	uint32_t doc = place_city(ix)[id];
	return doc != PLACE_NONE && roaring_bitmap_contains(ix->live, doc) ? doc : PLACE_NONE;
}

/* A city node's population: its own, else the gazetteer's (its profile). */
static int64_t city_population(const struct index *ix, uint32_t doc)
{
	int64_t own = populations(ix)[doc];
	return own >= 0 ? own : profiles(ix)[doc].population;
}

/* The population of the adopter at (country, city): the hub's city node if
 * indexed, else the gazetteer's; -1 unknown. */
static int64_t adopter_population(const struct index *ix, const char *country, const char *city)
{
	char key[4 * NODE_NAME_MAX];
	int64_t id = index_place_key(country, city, key, sizeof key) ? index_facet_find(ix, FACET_PLACE, key) : -1;
	uint32_t doc = id >= 0 ? city_of_place(ix, (uint32_t)id) : PLACE_NONE;
	if (doc != PLACE_NONE && city_population(ix, doc) > 0)
		return city_population(ix, doc);
	const struct place *p = country && city ? place_find(country, city) : NULL;
	return p && p->population > 0 ? p->population : -1;
}

static enum px_err add_adopters(struct index *ix, const struct node *n, struct profile *pr)
{
	pr->adopt_first = (uint32_t)(ix->adopt_pop.len / sizeof(float));
	size_t all = ptrvec_len(&n->adopters);
	pr->adopters = (uint16_t)(all > UINT16_MAX ? UINT16_MAX : all);
	for (size_t i = 0; i < all && pr->nadopt < UINT16_MAX; i++) {
		const struct node_adopter *a = ptrvec_get(&n->adopters, i);
		int64_t pop = adopter_population(ix, a->country, a->city);
		float ln = pop > 0 ? (float)log((double)pop) : 0;
		if (pop <= 0)
			continue;
		enum px_err err = buf_add(&ix->adopt_pop, &ln, sizeof ln);
		if (err)
			return err;
		pr->nadopt++;
	}
	return PX_OK;
}

static int has_evidence(const struct node *n)
{
	/* Looked up at run time: the field comes with impact figures, and a
	 * build without it simply has no evidence. */
	const struct field *f = node_field(n->type, "indicators");
	return f && field_is_set(n, f);
}

enum px_err profile_put(struct index *ix, const struct node *n, uint32_t docno)
{
	struct profile *pr = &profiles(ix)[docno];
	*pr = (struct profile){.lat = NAN, .lon = NAN, .population = -1};
	char code[3];
	if (n->country && !place_country_code(n->country, code))
		memcpy(pr->country, code, 3);
	const char *city = n->type == NODE_PRACTICE ? n->city : n->type == NODE_CITY ? n->title : NULL;
	const struct place *p = city && n->country ? place_find(n->country, city) : NULL;
	if (n->type == NODE_CITY && isfinite(n->lat) && isfinite(n->lon)) {
		pr->lat = (float)n->lat;
		pr->lon = (float)n->lon;
	} else if (p) {
		pr->lat = (float)p->lat;
		pr->lon = (float)p->lon;
	}
	if (p && p->population > 0)
		pr->population = p->population;
	if (n->type != NODE_PRACTICE)
		return n->type == NODE_CITY ? profile_city_filed(ix, n, docno) : PX_OK;
	pr->flags = has_evidence(n) ? PROFILE_EVIDENCE : 0;
	return add_adopters(ix, n, pr);
}

/* Makes place_city cover every FACET_PLACE value id. */
static enum px_err place_city_grow(struct index *ix)
{
	size_t have = ix->place_city.len / sizeof(uint32_t), want = facet_count(ix, FACET_PLACE);
	uint32_t none = PLACE_NONE;
	for (; have < want; have++)
		if (buf_add(&ix->place_city, &none, sizeof none))
			return PX_ENOMEM;
	return PX_OK;
}

/* Files docno as the city of the FACET_PLACE value of key, if there is one. */
static void file_city(struct index *ix, const char *key, uint32_t docno)
{
	int64_t id = index_facet_find(ix, FACET_PLACE, key);
	if (id >= 0 && (size_t)id < ix->place_city.len / sizeof(uint32_t))
		place_city(ix)[id] = docno;
}

enum px_err profile_city_filed(struct index *ix, const struct node *n, uint32_t docno)
{
	enum px_err err = place_city_grow(ix);
	char key[4 * NODE_NAME_MAX];
	for (size_t i = 0; !err && i <= strlist_len(&n->names); i++) { /* the keys add_places() filed */
		const char *name = i ? strlist_get(&n->names, i - 1) : n->title;
		if (index_place_key(n->country, name, key, sizeof key))
			file_city(ix, key, docno);
		if (place_key(n->country, name, key, sizeof key))
			file_city(ix, key, docno);
	}
	return err;
}

struct city_pass {
	struct index *ix;
	uint32_t id;
};

static bool city_visit(uint32_t docno, void *arg)
{
	struct city_pass *p = arg;
	if (docno < doc_count(p->ix) && doc_at(p->ix, docno)->type == NODE_CITY)
		place_city(p->ix)[p->id] = docno; /* ascending: the last put wins */
	return true;
}

enum px_err profile_place_city_build(struct index *ix)
{
	buf_reset(&ix->place_city);
	enum px_err err = place_city_grow(ix);
	struct city_pass p = {ix, 0};
	for (; !err && p.id < facet_count(ix, FACET_PLACE); p.id++)
		roaring_iterate(facet_at(ix, FACET_PLACE, p.id)->docs, city_visit, &p);
	return err;
}

/* ---- reading ---- */

void profile_fill(const struct index *ix, uint32_t doc, struct index_profile *out)
{
	const struct doc *d = doc_at(ix, doc);
	const struct profile *pr = &profiles(ix)[doc];
	*out = (struct index_profile){
		.nid = d->nid,
		.type = d->type,
		.population = -1,
		.population_from = INDEX_FROM_NONE,
		.lat = pr->lat,
		.lon = pr->lon,
		.evidence = (pr->flags & PROFILE_EVIDENCE) != 0,
		.adopters = (const float *)(const void *)ix->adopt_pop.data + pr->adopt_first,
		.nadopters = pr->nadopt,
		.adopters_all = pr->adopters,
		.title = d->title,
	};
	memcpy(out->language, d->language, sizeof out->language);
	/* its themes (the FACET_THEMES run of its facet values: facets are
	 * filed in order), its city and country */
	const uint32_t *fv = (const uint32_t *)(const void *)ix->doc_values.data + d->fv_first;
	for (size_t i = 0; i < d->fv_count; i++) {
		uint32_t f = fv[i] >> FV_SHIFT, id = fv[i] & FV_ID;
		if (f == FACET_THEMES && !out->nthemes++)
			out->themes = fv + i;
		else if (f == FACET_CITY && !out->city_name)
			out->city_name = facet_at(ix, FACET_CITY, id)->value;
		else if (f == FACET_COUNTRY && !out->country_name)
			out->country_name = facet_at(ix, FACET_COUNTRY, id)->value;
	}
	memcpy(out->country, pr->country, 2);
	uint32_t city = d->type == NODE_PRACTICE ? city_of_place(ix, ((const uint32_t *)(const void *)
									   ix->place_of.data)[doc])
						 : PLACE_NONE;
	if (city != PLACE_NONE && isfinite(profiles(ix)[city].lat)) {
		out->lat = profiles(ix)[city].lat;
		out->lon = profiles(ix)[city].lon;
	}
	if (populations(ix)[doc] >= 0) {
		out->population = populations(ix)[doc];
		out->population_from = INDEX_FROM_NODE;
	} else if (city != PLACE_NONE && city_population(ix, city) > 0) {
		out->population = city_population(ix, city);
		out->population_from = INDEX_FROM_HUB;
	} else if (pr->population > 0) {
		out->population = pr->population;
		out->population_from = INDEX_FROM_GAZETTEER;
	}
}

int index_profile(const struct index *ix, int64_t nid, struct index_profile *out)
{
	uint32_t doc;
	if (index_docno(ix, nid, &doc) || doc >= doc_count(ix) || !roaring_bitmap_contains(ix->live, doc))
		return -1;
	profile_fill(ix, doc, out);
	return 0;
}

int index_city_profile(const struct index *ix, const char *key, struct index_profile *out)
{
	int64_t id = index_facet_find(ix, FACET_PLACE, key);
	uint32_t doc = id >= 0 ? city_of_place(ix, (uint32_t)id) : PLACE_NONE;
	if (doc == PLACE_NONE)
		return -1;
	profile_fill(ix, doc, out);
	return 0;
}

struct each_city {
	const struct index *ix;
	int (*fn)(const struct index_profile *p, void *arg);
	void *arg;
};

static bool each_city_visit(uint32_t doc, void *arg)
{
	struct each_city *e = arg;
	if (doc >= doc_count(e->ix) || !roaring_bitmap_contains(e->ix->live, doc))
		return true;
	struct index_profile p;
	profile_fill(e->ix, doc, &p);
	return e->fn(&p, e->arg) == 0;
}

void index_each_city(const struct index *ix, int (*fn)(const struct index_profile *p, void *arg), void *arg)
{
	int64_t id = index_facet_find(ix, FACET_TYPE, node_type_name(NODE_CITY));
	struct each_city e = {ix, fn, arg};
	if (id >= 0)
		roaring_iterate(facet_at(ix, FACET_TYPE, (uint32_t)id)->docs, each_city_visit, &e);
}
