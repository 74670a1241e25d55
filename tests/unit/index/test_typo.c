/* index/typo.c: the bounded Damerau-Levenshtein (optimal string alignment)
 * distance that typo tolerance uses, counted in code points. */
#include "../unit.h"

#include "index/search_int.h"

/* The distance of a and b (NUL-terminated) bounded by max. */
static int dist(const char *a, const char *b, int max)
{
	return index_typo_distance(a, strlen(a), b, strlen(b), max);
}

static void equal_words_are_at_distance_zero(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "housing", 2), 0);
	assert_int_equal(dist("", "", 2), 0);
	assert_int_equal(dist("δίκτυα", "δίκτυα", 1), 0);
	assert_int_equal(dist("housing", "housing", 0), 0);
}

static void substitution_costs_one(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "hoesing", 2), 1);
	assert_int_equal(dist("housing", "housinx", 2), 1); /* last letter */
	assert_int_equal(dist("housing", "xousing", 2), 1); /* first letter */
	assert_int_equal(dist("housing", "hxusinx", 2), 2);
}

static void insertion_costs_one(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "houssing", 2), 1);
	assert_int_equal(dist("housing", "xhousing", 2), 1);
	assert_int_equal(dist("housing", "housings", 2), 1);
	assert_int_equal(dist("", "abc", 5), 3);
}

static void deletion_costs_one(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "husing", 2), 1);
	assert_int_equal(dist("housing", "ousing", 2), 1);
	assert_int_equal(dist("housing", "housin", 2), 1);
	assert_int_equal(dist("abc", "", 5), 3);
}

static void adjacent_transposition_costs_one(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "huosing", 2), 1);
	assert_int_equal(dist("housing", "housnig", 2), 1);
	assert_int_equal(dist("housing", "ohusing", 2), 1); /* first two */
	assert_int_equal(dist("housing", "housign", 2), 1); /* last two */
	assert_int_equal(dist("ab", "ba", 2), 1);
	/* not adjacent: two substitutions */
	assert_int_equal(dist("housing", "hiusong", 2), 2);
	/* two transpositions */
	assert_int_equal(dist("housing", "ohusnig", 3), 2);
}

static void classic_distances(void **state)
{
	(void)state;
	assert_int_equal(dist("kitten", "sitting", 3), 3);
	assert_int_equal(dist("sitting", "kitten", 3), 3);
	assert_int_equal(dist("flaw", "lawn", 2), 2);
	assert_int_equal(dist("neighbourhood", "neigbourhod", 2), 2);
}

static void is_symmetric(void **state)
{
	(void)state;
	const char *pairs[][2] = {{"housing", "huosnig"}, {"città", "cita"}, {"δίκτυα", "δκίτυο"},
				  {"abc", "cab"},         {"", "ab"},       {"strasse", "straße"}};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		assert_int_equal(dist(pairs[i][0], pairs[i][1], 3), dist(pairs[i][1], pairs[i][0], 3));
}

/* A code point of two, three or four bytes is one edit, not several. */
static void multibyte_code_points_count_as_one(void **state)
{
	(void)state;
	assert_int_equal(dist("città", "citta", 1), 1);    /* à (2 bytes) vs a */
	assert_int_equal(dist("città", "cittè", 1), 1);    /* 2 bytes vs 2 bytes */
	assert_int_equal(dist("città", "citt", 1), 1);     /* deleting a 2-byte code point */
	assert_int_equal(dist("δίκτυα", "δικτυα", 1), 1); /* ί vs ι */
	assert_int_equal(dist("δίκτυα", "δκίτυα", 1), 1); /* transposition of Greek letters */
	assert_int_equal(dist("δίκτυα", "δίκτυο", 1), 1);
	assert_int_equal(dist("€uro", "euro", 1), 1);     /* 3-byte code point */
	assert_int_equal(dist("a😀b", "ab", 1), 1);       /* 4-byte code point */
	assert_int_equal(dist("a😀b", "b😀a", 2), 2);
	/* "straße" and "strasse": ß → s is one substitution, plus one insertion */
	assert_int_equal(dist("straße", "strasse", 2), 2);
}

static void above_the_bound_returns_max_plus_one(void **state)
{
	(void)state;
	assert_int_equal(dist("housing", "hxusinx", 1), 2); /* really 2 */
	assert_int_equal(dist("kitten", "sitting", 2), 3);  /* really 3 */
	assert_int_equal(dist("kitten", "sitting", 1), 2);
	assert_int_equal(dist("abcdefgh", "hgfedcba", 2), 3);
	assert_int_equal(dist("housing", "zzzzzzz", 1), 2);
	assert_int_equal(dist("housing", "zzzzzzz", 2), 3);
	/* the lengths alone show it: more than max apart */
	assert_int_equal(dist("abc", "abcdef", 2), 3);
	assert_int_equal(dist("abcdef", "abc", 1), 2);
	assert_int_equal(dist("a", "b", 0), 1);
	/* at the bound exactly: the distance itself */
	assert_int_equal(dist("kitten", "sitting", 3), 3);
	assert_int_equal(dist("housing", "hxusinx", 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_words_are_at_distance_zero),
		cmocka_unit_test(substitution_costs_one),
		cmocka_unit_test(insertion_costs_one),
		cmocka_unit_test(deletion_costs_one),
		cmocka_unit_test(adjacent_transposition_costs_one),
		cmocka_unit_test(classic_distances),
		cmocka_unit_test(is_symmetric),
		cmocka_unit_test(multibyte_code_points_count_as_one),
		cmocka_unit_test(above_the_bound_returns_max_plus_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
