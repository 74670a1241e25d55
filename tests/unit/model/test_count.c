/* model/count.c: the one reader of whole numbers as the hub prints them
 * (the listing's population lines, the edit form's number inputs). */
#include "../unit.h"

#include "model/model.h"

static int64_t parsed(const char *s)
{
	int64_t v = -7;
	return node_count_parse(s, strlen(s), &v) ? -1 : v;
}

static void every_separator_the_hub_prints_reads_back(void **state)
{
	(void)state;
	static const char *const forms[] = {
		"470000", "470 000", "470,000", "470.000", "470'000",
		"470\xc2\xa0" "000",     /* NBSP */
		"470\xe2\x80\xaf" "000", /* narrow NBSP, as pages print it */
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		assert_int_equal(parsed(forms[i]), 470000);
	assert_int_equal(parsed("1 234 567"), 1234567);
	assert_int_equal(parsed("1\xe2\x80\xaf" "234\xc2\xa0" "567"), 1234567); /* both are spaces */
	assert_int_equal(parsed("7"), 7);
	assert_int_equal(parsed("0"), 0);
}

static void anything_else_is_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "abc", "470k", "-470000", "47 0000", "4700 00", "470,00", "470.000,5", "470 000,000",
		"470,000.000", " 470000", "470000 ", ",470", "470,", "1.5", "470\xc2" "000", "470\xe2\x80" "000",
		"99999999999999999999999", "470  000",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t v = -7;
		assert_int_equal(node_count_parse(bad[i], strlen(bad[i]), &v), -1);
		assert_int_equal(v, -7); /* untouched */
	}
}

static void only_the_given_bytes_are_read(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(node_count_parse("470 000 and more", 7, &v), 0);
	assert_int_equal(v, 470000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_separator_the_hub_prints_reads_back),
		cmocka_unit_test(anything_else_is_refused),
		cmocka_unit_test(only_the_given_bytes_are_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
