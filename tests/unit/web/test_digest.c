/* web/digest.c: a saved search's query string read back as the index
 * query it was (words, facet filters, the population range). */
#include "../unit.h"

#include "web/web_int.h"

static void a_query_string_is_its_words_and_filters(void **state)
{
	(void)state;
	struct arena a;
	struct digest_query q;
	arena_init(&a);
	assert_int_equal(digest_query_parse(&a, "q=solar+roofs&country=Spain&themes=Energy&themes=Housing&page=3&sort=newest", &q), 0);
	assert_string_equal(q.text, "solar roofs");
	assert_int_equal(q.nfilters, 3);
	assert_int_equal(q.filters[0].field, FACET_COUNTRY);
	assert_string_equal(q.filters[0].value, "Spain");
	assert_int_equal(q.filters[2].field, FACET_THEMES);
	assert_string_equal(q.filters[2].value, "Housing");
	assert_false(q.population.set);
	assert_int_equal(digest_query_parse(&a, "country=Espa%C3%B1a&population_min=1000&population_max=", &q), 0);
	assert_string_equal(q.text, ""); /* filters alone */
	assert_string_equal(q.filters[0].value, "España");
	assert_true(q.population.set);
	assert_int_equal(q.population.min, 1000);
	assert_true(q.population.max == INT64_MAX);
	/* what cannot be read is refused, not guessed */
	assert_int_equal(digest_query_parse(&a, "q=%zz", &q), -1);
	assert_int_equal(digest_query_parse(&a, "population_min=x", &q), -1);
	assert_int_equal(digest_query_parse(&a, "population_min=9&population_max=3", &q), -1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_query_string_is_its_words_and_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
