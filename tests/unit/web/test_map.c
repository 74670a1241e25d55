/* The map's gazetteer (map.c, generated from GeoNames): cities are found by
 * country and folded name, the more populous of two namesakes wins, and
 * the projection puts them where Europe is. */
#include "../unit.h"
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
	assert_true(bx > 0 && tx < map_frame.width && hy > 0 && by < map_frame.height);
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

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(cities_are_found_and_placed)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
