/* The match's pieces (src/match/): size similarity, distance, transfer,
 * the reader's city from the hub, the gazetteer or a population, close
 * names for an unknown city, profiles computed at put time and kept by a
 * snapshot, and a small ranking. */
#include "../unit.h"
#include "index/index.h"
#include "match/match.h"
#include "place/place.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void size_similarity(void **state)
{
	(void)state;
	assert_true(fabs(match_size_similarity(log(345821), log(345821)) - 1) < 1e-12);
	/* a city three times as big is one σ away: e^-1/2 */
	assert_true(fabs(match_size_similarity(log(300000), log(100000)) - exp(-0.5)) < 1e-9);
	assert_true(match_size_similarity(log(100000), log(300000)) == match_size_similarity(log(300000), log(100000)));
	assert_true(match_size_similarity(log(3000000), log(30000)) < 0.01);
	assert_true(match_size_similarity(log(232000), log(345821)) > 0.9);
}

static void distance(void **state)
{
	(void)state;
	double porto_lisbon = match_km(41.1496, -8.6110, 38.7223, -9.1393);
	assert_true(porto_lisbon > 270 && porto_lisbon < 280);
	assert_true(match_km(10, 20, 10, 20) == 0);
	double paris_berlin = match_km(48.8566, 2.3522, 52.52, 13.405);
	assert_true(paris_berlin > 870 && paris_berlin < 890);
	assert_true(fabs(match_proximity(0) - 1) < 1e-12);
	assert_true(fabs(match_proximity(MATCH_KM_SCALE) - exp(-1)) < 1e-12);
	assert_true(match_proximity(-1) == 0);
}

static void transfer(void **state)
{
	(void)state;
	size_t like;
	float same[] = {(float)log(200000), (float)log(210000), (float)log(5000000)};
	double one = match_transfer(same, 1, log(200000), &like);
	assert_int_equal(like, 1);
	double three = match_transfer(same, 3, log(200000), &like);
	assert_int_equal(like, 2); /* the metropolis is not of the reader's size */
	assert_true(three > one && three < 1);
	assert_true(match_transfer(same, 0, log(200000), &like) == 0 && like == 0);
}

static void off_parse(void **state)
{
	(void)state;
	unsigned off;
	assert_int_equal(match_off_parse("size,place", &off), 0);
	assert_int_equal(off, 1u << MC_SIZE | 1u << MC_PLACE);
	assert_int_equal(match_off_parse("", &off), 0);
	assert_int_equal(off, 0);
	assert_int_equal(match_off_parse("size,colour", &off), -1);
}

/* ---- an index of a few nodes ---- */

static struct node *city(int64_t nid, const char *title, const char *country, int64_t pop, double lat, double lon)
{
	struct node *n = node_new(NODE_CITY);
	assert_non_null(n);
	n->nid = nid;
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->country, country, strlen(country)));
	n->population = pop;
	n->lat = lat;
	n->lon = lon;
	return n;
}

static struct node *practice(int64_t nid, const char *title, const char *city_name, const char *country,
			     const char *theme, const char *text)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->nid = nid;
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->city, city_name, strlen(city_name)));
	assert_ok(node_set(&n->country, country, strlen(country)));
	assert_ok(strlist_add(&n->themes, theme, strlen(theme)));
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", text));
	memcpy(n->language, "en", 3);
	return n;
}

static void add_adopter(struct node *n, const char *c, const char *country)
{
	struct node_adopter *a = calloc(1, sizeof *a);
	assert_non_null(a);
	a->city = strdup(c);
	a->country = strdup(country);
	a->network = a->year = -1;
	assert_ok(ptrvec_push(&n->adopters, a));
}

static struct index *hub(void)
{
	struct index *ix = index_new();
	assert_non_null(ix);
	struct node *nodes[] = {
		city(1, "Porto", "Portugal", 231800, 41.1579, -8.6291),
		city(2, "Braga", "Portugal", 193300, 41.5454, -8.4265),
		practice(10, "Young homes", "Braga", "Portugal", "Housing", "affordable housing for young people"),
		practice(11, "Cooperatives at scale", "Wien", "Austria", "Housing", "affordable housing by cooperatives"),
		practice(12, "Green roofs", "Hamburg", "Germany", "Environment", "green roofs cool the streets"),
		practice(13, "Old town flats", "Porto", "Portugal", "Housing", "affordable housing in the old town"),
	};
	add_adopter(nodes[2], "Coimbra", "Portugal");
	add_adopter(nodes[2], "Nowhere-on-earth", "Portugal"); /* no population: counted, not sized */
	for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		assert_ok(index_put(ix, nodes[i]));
		node_free(nodes[i]);
	}
	assert_ok(index_flush(ix));
	return ix;
}

static void profiles(void **state)
{
	(void)state;
	struct index *ix = hub();
	struct index_profile p;
	assert_int_equal(index_profile(ix, 10, &p), 0);
	assert_int_equal(p.population, 193300); /* its city record's */
	assert_int_equal(p.population_from, INDEX_FROM_HUB);
	assert_true(fabs(p.lat - 41.5454) < 1e-4);
	assert_string_equal(p.country, "PT");
	assert_int_equal(p.adopters_all, 2);
	assert_int_equal(p.nadopters, 1);
	assert_true(fabs(p.adopters[0] - log(place_find("PT", "Coimbra")->population)) < 1e-3);
	assert_int_equal(p.evidence, 0);
	assert_int_equal(index_profile(ix, 11, &p), 0); /* no city record: the gazetteer's Vienna */
	assert_int_equal(p.population_from, INDEX_FROM_GAZETTEER);
	assert_true(p.population > 1000000);
	assert_int_equal(index_profile(ix, 99, &p), -1);

	/* a snapshot keeps them */
	char path[] = "/tmp/praxis-match-unit-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_ok(index_save(ix, path, 7));
	struct index *back;
	int64_t stamp;
	assert_ok(index_read(path, &back, &stamp));
	unlink(path);
	struct index_profile q;
	assert_int_equal(index_profile(back, 10, &q), 0);
	assert_int_equal(q.population, 193300);
	assert_int_equal(q.population_from, INDEX_FROM_HUB);
	assert_int_equal(q.nadopters, 1);
	assert_true(q.adopters[0] == p.adopters[0] || q.nadopters == 1);
	assert_int_equal(index_city_profile(back, "PT:oporto", &q), -1); /* not one of its names */
	assert_int_equal(index_city_profile(back, "PT:porto", &q), 0);
	assert_int_equal(q.nid, 1);
	index_free(back);
	index_free(ix);
}

static void resolution(void **state)
{
	(void)state;
	struct index *ix = hub();
	struct match_city c;
	struct strlist near;
	strlist_init(&near);
	assert_int_equal(match_city_resolve(ix, "porto", "Portugal", MATCH_NO_POPULATION, &c, &near), MATCH_OK);
	assert_int_equal(c.source, MATCH_FROM_HUB);
	assert_int_equal(c.population, 231800);
	assert_int_equal(c.nid, 1);
	assert_string_equal(c.language, "pt");
	assert_int_equal(match_city_resolve(ix, "Aveiro", "PT", MATCH_NO_POPULATION, &c, &near), MATCH_OK);
	assert_int_equal(c.source, MATCH_FROM_GAZETTEER);
	assert_true(c.population > 0 && isfinite(c.lat));
	assert_int_equal(match_city_resolve(ix, NULL, "Greece", 35000, &c, &near), MATCH_OK);
	assert_int_equal(c.source, MATCH_FROM_POPULATION);
	assert_true(isnan(c.lat));
	assert_string_equal(c.language, "el");
	assert_int_equal(match_city_resolve(ix, "Porto", "PT", 0, &c, &near), MATCH_BAD_POPULATION);
	assert_int_equal(match_city_resolve(ix, "Porto", "PT", -4, &c, &near), MATCH_BAD_POPULATION);
	assert_int_equal(match_city_resolve(ix, "Porto", NULL, MATCH_NO_POPULATION, &c, &near), MATCH_NO_COUNTRY);
	assert_int_equal(match_city_resolve(ix, "Porto", "Atlantis", MATCH_NO_POPULATION, &c, &near),
			 MATCH_BAD_COUNTRY);
	assert_int_equal(match_city_resolve(ix, "", "PT", MATCH_NO_POPULATION, &c, &near), MATCH_NO_CITY);
	assert_int_equal(strlist_len(&near), 0);
	strlist_free(&near);
	index_free(ix);
}

static void close_names(void **state)
{
	(void)state;
	struct index *ix = hub();
	struct match_city c;
	struct strlist near;
	strlist_init(&near);
	assert_int_equal(match_city_resolve(ix, "Portp", "PT", MATCH_NO_POPULATION, &c, &near), MATCH_UNKNOWN_CITY);
	assert_true(strlist_len(&near) >= 3 && strlist_len(&near) <= MATCH_SUGGEST);
	assert_string_equal(strlist_get(&near, 0), "Porto");
	assert_true(strlist_has(&near, "Portimão"));
	strlist_free(&near);
	strlist_init(&near);
	assert_int_equal(match_city_resolve(ix, "Bragga", "Portugal", MATCH_NO_POPULATION, &c, &near),
			 MATCH_UNKNOWN_CITY);
	assert_string_equal(strlist_get(&near, 0), "Braga");
	strlist_free(&near);
	strlist_init(&near);
	assert_int_equal(match_city_resolve(ix, "Qqqqqqqqqq", "PT", MATCH_NO_POPULATION, &c, &near),
			 MATCH_UNKNOWN_CITY);
	assert_int_equal(strlist_len(&near), 0);
	strlist_free(&near);
	index_free(ix);
}

static void ranking(void **state)
{
	(void)state;
	struct index *ix = hub();
	struct match_request rq = {.city = "Porto", .country = "PT", .population = MATCH_NO_POPULATION,
				   .text = "affordable housing", .limit = 10};
	struct match_result r;
	struct strlist near;
	struct buf why;
	strlist_init(&near);
	buf_init(&why, 1024);
	assert_int_equal(match_run(ix, &rq, &r, &near, &why), MATCH_OK);
	assert_int_equal(r.nhits, 2); /* Braga's, Vienna's; Porto's own left out, green roofs no match */
	assert_int_equal(r.hits[0].nid, 10);
	assert_int_equal(r.hits[1].nid, 11);
	assert_true(r.hits[0].score > r.hits[1].score && r.hits[0].score <= 1);
	int size = 0, transfer = 0, km = 0;
	for (size_t i = 0; i < r.hits[0].nwhy; i++) {
		const struct match_reason *w = &r.hits[0].why[i];
		size |= w->kind == WHY_SIZE && w->n == 193300 && w->yours == 231800;
		transfer |= w->kind == WHY_TRANSFER && w->n == 1;
		km |= w->kind == WHY_DISTANCE && w->n == 46;
	}
	assert_true(size && transfer && km);
	struct buf text;
	buf_init(&text, 1024);
	struct match_reason w = {.kind = WHY_SIZE, .n = 232000, .yours = 345821};
	assert_ok(match_reason_text(&w, &text));
	assert_string_equal(text.data, "a city of 232,000, like yours (345,821)");
	match_result_free(&r);
	buf_free(&text);
	strlist_free(&near);
	buf_free(&why);
	index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(size_similarity), cmocka_unit_test(distance),   cmocka_unit_test(transfer),
		cmocka_unit_test(off_parse),       cmocka_unit_test(profiles),   cmocka_unit_test(resolution),
		cmocka_unit_test(close_names),     cmocka_unit_test(ranking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
