/* model/city_size.c: the size classes cover every population once, in
 * order, and the README says what the table says. */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static void classes_are_contiguous_and_ascending(void **state)
{
	(void)state;
	assert_int_equal(city_sizes[0].min, 0);
	for (size_t i = 1; i + 1 < CITY_SIZE_COUNT; i++)
		assert_int_equal(city_sizes[i].min, city_sizes[i - 1].max + 1);
	assert_true(city_sizes[CITY_SIZE_COUNT - 2].max == INT64_MAX);
	assert_string_equal(city_sizes[CITY_SIZE_COUNT - 1].name, CITY_SIZE_UNKNOWN);
}

static void every_population_has_its_class(void **state)
{
	(void)state;
	static const int64_t probes[] = {0, 1, 49999, 50000, 249999, 250000, 1000000, 1000001, INT64_MAX};
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		const struct city_size *c = city_size_of(probes[i]);
		assert_true(probes[i] >= c->min && probes[i] <= c->max);
		assert_ptr_equal(city_size_named(c->name), c);
	}
	assert_string_equal(city_size_of(-1)->name, CITY_SIZE_UNKNOWN);
	assert_string_equal(city_size_of(250000)->name, "large");
	assert_string_equal(city_size_of(1000000)->name, "large");
	assert_null(city_size_named("huge"));
	assert_null(city_size_named(NULL));
}

/* n with commas between thousands, as the README writes numbers. */
static void english_number(int64_t n, char *out, size_t cap)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	size_t k = 0;
	for (int i = 0; i < len && k + 2 < cap; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

/* The README's words, its line breaks and indents made single spaces. */
static char *readme_text(void)
{
	FILE *f = fopen("README.md", "r");
	assert_non_null(f);
	char *text = calloc(1, 1 << 20);
	assert_non_null(text);
	size_t k = 0;
	int c, space = 0;
	while ((c = fgetc(f)) != EOF && k + 2 < (1 << 20)) {
		if (c == ' ' || c == '\n') {
			space = 1;
			continue;
		}
		if (space && k)
			text[k++] = ' ';
		space = 0;
		text[k++] = (char)c;
	}
	fclose(f);
	return text;
}

static void readme_states_the_table(void **state)
{
	(void)state;
	char line[512] = "", lo[32], hi[32];
	size_t k = 0;
	for (size_t i = 0; i < CITY_SIZE_COUNT; i++) {
		const struct city_size *c = &city_sizes[i];
		english_number(c->min, lo, sizeof lo);
		english_number(c->max, hi, sizeof hi);
		const char *sep = i ? " · " : "";
		if (c->min < 0)
			k += (size_t)snprintf(line + k, sizeof line - k, "%s%s: no population given", sep, c->name);
		else if (c->max == INT64_MAX)
			k += (size_t)snprintf(line + k, sizeof line - k, "%s%s %s and more", sep, c->name, lo);
		else
			k += (size_t)snprintf(line + k, sizeof line - k, "%s%s %s–%s", sep, c->name, lo, hi);
	}
	char *text = readme_text();
	if (!strstr(text, line))
		fail_msg("README.md does not state the size classes as city_sizes[] has them: \"%s\"", line);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classes_are_contiguous_and_ascending),
		cmocka_unit_test(every_population_has_its_class),
		cmocka_unit_test(readme_states_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
