/* The map's dots (map.c, through the gazetteer of src/place/): cities are
 * found by country and any of their names, folded, the more populous of two
 * namesakes wins, and the projection puts them where Europe is. */
#include "../unit.h"
#include "place/place.h"
#include "web/web_int.h"

static void cities_are_found_and_placed(void **state)
{
	(void)state;
	assert_ok(map_init());
	float bx, by, tx, ty, hx, hy, x, y;
	assert_int_equal(map_place("Spain", "Bilbao", &bx, &by), 0);
	assert_int_equal(map_place("Italy", "Turin", &tx, &ty), 0);
	assert_int_equal(map_place("Finland", "Helsinki", &hx, &hy), 0);
	/* west is left, north is up, all inside the map */
	assert_true(bx < tx && hy < ty && hy < by);
	assert_true(bx > 0 && tx < place_map_width && hy > 0 && by < place_map_height);
	/* folded like the search engine: case and accents do not matter */
	assert_int_equal(map_place("spain", "BILBAO", &x, &y), 0);
	assert_true(x == bx && y == by);
	assert_int_equal(map_place("Spain", "Cádiz", &x, &y), 0);
	assert_int_equal(map_place("Spain", "Cadiz", &hx, &hy), 0);
	assert_true(x == hx && y == hy);
	/* Valencia, Spain, not its namesake villages: near Spain's east coast */
	assert_int_equal(map_place("Spain", "Valencia", &x, &y), 0);
	assert_true(x > bx && y > by);
	/* a city is looked for in its own country only */
	assert_int_equal(map_place("France", "Bilbao", &x, &y), -1);
	assert_int_equal(map_place("Atlantis", "Bilbao", &x, &y), -1);
	assert_int_equal(map_place("Spain", "Nowhere-upon-Sea", &x, &y), -1);
	assert_int_equal(map_place(NULL, "Bilbao", &x, &y), -1);
	map_free();
}

/* The cities of issue 12 that got no dot: their English names, with the
 * native ones, on the map, each at one place. */
static void exonyms_get_their_dot(void **state)
{
	(void)state;
	static const char *const pairs[][3] = {
		{"Spain", "Seville", "Sevilla"},      {"Belgium", "Ghent", "Gent"},
		{"Sweden", "Gothenburg", "Göteborg"}, {"Poland", "Lodz", "Łódź"},
		{"Poland", "Wroclaw", "Wrocław"},     {"Greece", "Heraklion", "Ηράκλειο"},
		{"Denmark", "Aarhus", "Århus"},       {"Malta", "Valletta", "VALLETTA"},
	};
	assert_ok(map_init());
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		float x, y, nx, ny;
		if (map_place(pairs[i][0], pairs[i][1], &x, &y) ||
		    map_place(pairs[i][0], pairs[i][2], &nx, &ny))
			fail_msg("%s / %s, %s: no dot", pairs[i][1], pairs[i][2], pairs[i][0]);
		assert_true(x == nx && y == ny);
		assert_true(x > 0 && x < place_map_width && y > 0 && y < place_map_height);
	}
	map_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(cities_are_found_and_placed),
					   cmocka_unit_test(exonyms_get_their_dot)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
