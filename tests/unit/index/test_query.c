/* index/query.c: reading the query language into units, groups and filters. */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "index/search_int.h"

/* A parsed query; freed by the caller. */
static struct query *parse(const char *text, enum px_err want)
{
	struct query *q = calloc(1, sizeof *q);
	assert_non_null(q);
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = query_parse(q, text, &why);
	if (err != want)
		print_message("query [%s]: got %d (%s), wanted %d\n", text, err, why.len ? why.data : "", want);
	assert_int_equal(err, want);
	if (want != PX_OK)
		assert_true(why.len > 0); /* a message for the user */
	buf_free(&why);
	return q;
}

static void assert_word(const struct qunit *u, size_t i, const char *folded)
{
	assert_true(i < u->nwords);
	assert_int_equal(u->words[i].nfolded, strlen(folded));
	assert_memory_equal(u->words[i].folded, folded, strlen(folded));
}

static void empty_query_has_no_units(void **state)
{
	(void)state;
	const char *texts[] = {"", "   ", "\t\n", "-", "\"\"", ",;!"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct query *q = parse(texts[i], PX_OK);
		assert_int_equal(q->nunits, 0);
		assert_int_equal(q->ngroups, 0);
		assert_int_equal(q->nfilters, 0);
		free(q);
	}
}

static void words_are_required_units(void **state)
{
	(void)state;
	struct query *q = parse("Solar  Roofs ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_int_equal(q->ngroups, 2);
	assert_int_equal(q->nfilters, 0);
	for (size_t i = 0; i < 2; i++) {
		const struct qunit *u = &q->units[i];
		assert_int_equal(u->nwords, 1);
		assert_int_equal(u->group, i);
		assert_false(u->phrase);
		assert_false(u->negated);
		assert_false(u->optional);
		assert_false(u->words[0].prefix);
	}
	assert_word(&q->units[0], 0, "solar");
	assert_word(&q->units[1], 0, "roofs");
	free(q);
}

static void words_are_folded_and_keep_their_lower_form(void **state)
{
	(void)state;
	struct query *q = parse("Città ΔΊΚΤΥΑ ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_word(&q->units[0], 0, "citta");
	assert_int_equal(q->units[0].words[0].nlower, strlen("città"));
	assert_memory_equal(q->units[0].words[0].lower, "città", strlen("città"));
	assert_word(&q->units[1], 0, "δικτυα");
	free(q);
}

static void quoted_words_are_a_phrase(void **state)
{
	(void)state;
	struct query *q = parse("\"social housing\" energy ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_int_equal(q->ngroups, 2);
	const struct qunit *u = &q->units[0];
	assert_true(u->phrase);
	assert_int_equal(u->nwords, 2);
	assert_word(u, 0, "social");
	assert_word(u, 1, "housing");
	assert_int_equal(u->words[1].pos - u->words[0].pos, 1);
	assert_false(q->units[1].phrase);
	assert_word(&q->units[1], 0, "energy");
	free(q);
}

static void unclosed_quote_runs_to_the_end(void **state)
{
	(void)state;
	struct query *q = parse("energy \"social housing", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_true(q->units[1].phrase);
	assert_int_equal(q->units[1].nwords, 2);
	assert_false(q->units[1].words[1].prefix); /* a phrase is not a prefix */
	free(q);
}

/* A hyphenated word in a query is its joined form (documents index it). */
static void compound_is_one_word_in_a_phrase(void **state)
{
	(void)state;
	struct query *q = parse("co-city ", PX_OK);
	assert_int_equal(q->nunits, 1);
	assert_int_equal(q->units[0].nwords, 1);
	assert_word(&q->units[0], 0, "cocity");
	free(q);
	q = parse("\"co-city project\"", PX_OK);
	assert_int_equal(q->nunits, 1);
	const struct qunit *u = &q->units[0];
	assert_int_equal(u->nwords, 2);
	assert_word(u, 0, "cocity");
	assert_word(u, 1, "project");
	assert_int_equal(u->words[1].pos - u->words[0].pos, 2); /* "co" and "city" were two positions */
	free(q);
}

/* A compound whose joined form is longer than a word keeps its parts
 * (each fits; the joined form would not). */
static void compound_too_long_to_join_keeps_its_parts(void **state)
{
	(void)state;
	char text[256];
	snprintf(text, sizeof text, "%s-%s ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	struct query *q = parse(text, PX_OK);
	assert_int_equal(q->nunits, 1);
	assert_int_equal(q->units[0].nwords, 2);
	assert_int_equal(q->units[0].words[0].nfolded, 59);
	assert_int_equal(q->units[0].words[1].nfolded, 59);
	free(q);
}

/* l'agenda is one unit: its parts in order, like a phrase. */
static void apostrophe_word_is_a_phrase_of_its_parts(void **state)
{
	(void)state;
	struct query *q = parse("l'agenda urbana ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_int_equal(q->ngroups, 2);
	assert_true(q->units[0].phrase);
	assert_int_equal(q->units[0].nwords, 2);
	assert_word(&q->units[0], 0, "l");
	assert_word(&q->units[0], 1, "agenda");
	free(q);
}

static void minus_excludes(void **state)
{
	(void)state;
	struct query *q = parse("housing -energy -\"social rent\" ", PX_OK);
	assert_int_equal(q->nunits, 3);
	assert_int_equal(q->ngroups, 3);
	assert_false(q->units[0].negated);
	assert_true(q->units[1].negated);
	assert_word(&q->units[1], 0, "energy");
	assert_true(q->units[2].negated);
	assert_true(q->units[2].phrase);
	assert_int_equal(q->units[2].nwords, 2);
	free(q);
	/* a hyphen inside a word, or a lone one, excludes nothing */
	q = parse("co-city - housing ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_false(q->units[0].negated);
	assert_false(q->units[1].negated);
	free(q);
}

static void or_puts_units_in_one_group(void **state)
{
	(void)state;
	struct query *q = parse("solar OR wind roofs ", PX_OK);
	assert_int_equal(q->nunits, 3);
	assert_int_equal(q->ngroups, 2);
	assert_int_equal(q->units[0].group, q->units[1].group);
	assert_int_not_equal(q->units[1].group, q->units[2].group);
	assert_word(&q->units[1], 0, "wind");
	free(q);
	q = parse("solar OR wind OR \"heat pumps\" ", PX_OK);
	assert_int_equal(q->nunits, 3);
	assert_int_equal(q->ngroups, 1);
	assert_int_equal(q->units[2].group, 0);
	assert_true(q->units[2].phrase);
	free(q);
}

static void or_needs_capitals_and_two_sides(void **state)
{
	(void)state;
	/* lower case "or" is a word (an optional stop word) */
	struct query *q = parse("solar or wind ", PX_OK);
	assert_int_equal(q->nunits, 3);
	assert_int_equal(q->ngroups, 3);
	assert_word(&q->units[1], 0, "or");
	assert_true(q->units[1].optional);
	free(q);
	/* at the start, OR is a word; at the end it joins nothing */
	q = parse("OR solar ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_int_equal(q->ngroups, 2);
	free(q);
	q = parse("solar OR", PX_OK);
	assert_int_equal(q->nunits, 1);
	assert_int_equal(q->ngroups, 1);
	free(q);
	/* an exclusion is never an alternative */
	q = parse("solar OR -wind ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_int_equal(q->ngroups, 2);
	assert_true(q->units[1].negated);
	assert_int_not_equal(q->units[0].group, q->units[1].group);
	free(q);
	/* "ORDER" is a word, not OR */
	q = parse("solar ORDER ", PX_OK);
	assert_int_equal(q->ngroups, 2);
	free(q);
}

static void field_value_is_a_filter(void **state)
{
	(void)state;
	struct query *q = parse("country:Spain housing ", PX_OK);
	assert_int_equal(q->nunits, 1);
	assert_word(&q->units[0], 0, "housing");
	assert_int_equal(q->nfilters, 1);
	assert_int_equal(q->filters[0].field, FACET_COUNTRY);
	assert_string_equal(q->filters[0].value, "Spain");
	free(q);
	q = parse("type:practice theme:Jobs label:UIA city_size:small language:el city:Turin author:Ana ", PX_OK);
	assert_int_equal(q->nunits, 0);
	assert_int_equal(q->nfilters, 7);
	const enum index_facet want[] = {FACET_TYPE,      FACET_THEMES,   FACET_LABELS, FACET_CITY_SIZE,
					 FACET_LANGUAGE,  FACET_CITY,     FACET_AUTHOR};
	const char *values[] = {"practice", "Jobs", "UIA", "small", "el", "Turin", "Ana"};
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(q->filters[i].field, want[i]);
		assert_string_equal(q->filters[i].value, values[i]);
	}
	free(q);
}

static void quoted_filter_value_may_hold_spaces(void **state)
{
	(void)state;
	struct query *q = parse("country:\"United Kingdom\" labels:\"Urban Innovative Actions\" housing ", PX_OK);
	assert_int_equal(q->nfilters, 2);
	assert_string_equal(q->filters[0].value, "United Kingdom");
	assert_int_equal(q->filters[1].field, FACET_LABELS);
	assert_string_equal(q->filters[1].value, "Urban Innovative Actions");
	assert_int_equal(q->nunits, 1);
	assert_word(&q->units[0], 0, "housing");
	free(q);
}

static void bad_filter_values_are_refused(void **state)
{
	(void)state;
	free(parse("country:\"\" housing", PX_EPARSE));
	char text[400];
	memset(text, 0, sizeof text);
	memcpy(text, "city:", 5);
	memset(text + 5, 'x', 300); /* longer than a value may be */
	free(parse(text, PX_EPARSE));
	/* 32 filters are fine, 33 are too many */
	struct buf b;
	buf_init(&b, 1 << 16);
	for (int i = 0; i < QUERY_FILTERS_MAX; i++)
		assert_ok(buf_printf(&b, "city:c%d ", i));
	struct query *q = parse(b.data, PX_OK);
	assert_int_equal(q->nfilters, QUERY_FILTERS_MAX);
	free(q);
	assert_ok(buf_adds(&b, "city:one-more"));
	free(parse(b.data, PX_EPARSE));
	buf_free(&b);
}

static void unknown_field_is_a_word(void **state)
{
	(void)state;
	struct query *q = parse("colour:green ", PX_OK);
	assert_int_equal(q->nfilters, 0);
	assert_int_equal(q->nunits, 1);
	assert_int_equal(q->units[0].nwords, 2);
	assert_word(&q->units[0], 0, "colour");
	assert_word(&q->units[0], 1, "green");
	free(q);
	/* no value, or no name: words too */
	q = parse("country: :Spain ", PX_OK);
	assert_int_equal(q->nfilters, 0);
	assert_int_equal(q->nunits, 2);
	assert_word(&q->units[0], 0, "country");
	assert_word(&q->units[1], 0, "spain");
	free(q);
}

static void last_word_is_a_prefix_while_typed(void **state)
{
	(void)state;
	struct query *q = parse("solar hous", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_false(q->units[0].words[0].prefix);
	assert_true(q->units[1].words[0].prefix);
	free(q);
	q = parse("hous", PX_OK);
	assert_true(q->units[0].words[0].prefix);
	free(q);
	const char *done[] = {"solar hous ", "solar hous\t", "solar hous\n", "\"solar hous\"", "solar \"hous",
			      "solar -hous"};
	for (size_t i = 0; i < sizeof done / sizeof done[0]; i++) {
		q = parse(done[i], PX_OK);
		for (size_t u = 0; u < q->nunits; u++)
			for (size_t w = 0; w < q->units[u].nwords; w++)
				assert_false(q->units[u].words[w].prefix);
		free(q);
	}
}

static void stop_words_are_optional(void **state)
{
	(void)state;
	struct query *q = parse("the housing of Turin ", PX_OK);
	assert_int_equal(q->nunits, 4);
	assert_true(q->units[0].optional);  /* the */
	assert_false(q->units[1].optional); /* housing */
	assert_true(q->units[2].optional);  /* of */
	assert_false(q->units[3].optional); /* turin */
	free(q);
	/* any EU language's */
	q = parse("les δίκτυα και ", PX_OK);
	assert_true(q->units[0].optional);
	assert_false(q->units[1].optional);
	assert_true(q->units[2].optional);
	free(q);
}

static void stop_words_are_required_when_nothing_else(void **state)
{
	(void)state;
	struct query *q = parse("the of ", PX_OK);
	assert_int_equal(q->nunits, 2);
	assert_false(q->units[0].optional);
	assert_false(q->units[1].optional);
	free(q);
	/* an exclusion is not something else to look for */
	q = parse("the -housing ", PX_OK);
	assert_false(q->units[0].optional);
	free(q);
	/* in a phrase, or as an alternative to a content word, they count */
	q = parse("\"the city\" housing ", PX_OK);
	assert_false(q->units[0].optional);
	free(q);
	q = parse("the OR housing solar ", PX_OK);
	assert_false(q->units[0].optional);
	free(q);
}

/* The limits of a query (issue 11, finding 8): more than QUERY_TERMS_MAX
 * words in all, or a phrase of more than QUERY_WORDS_MAX, is refused with
 * PX_ETOOBIG, not read in part. */
static void too_many_words_is_refused(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 16);
	for (int i = 0; i < QUERY_TERMS_MAX; i++)
		assert_ok(buf_printf(&b, "w%d ", i));
	struct query *q = parse(b.data, PX_OK);
	assert_int_equal(q->nunits, QUERY_TERMS_MAX);
	free(q);
	assert_ok(buf_adds(&b, "onemore"));
	free(parse(b.data, PX_ETOOBIG));
	/* a phrase's words count one by one: 16 phrases of two words are the most */
	buf_reset(&b);
	for (int i = 0; i < QUERY_TERMS_MAX / 2; i++)
		assert_ok(buf_printf(&b, "\"a%d b%d\" ", i, i));
	free(parse(b.data, PX_OK));
	assert_ok(buf_adds(&b, "\"one more\""));
	free(parse(b.data, PX_ETOOBIG));
	/* negated words too */
	buf_reset(&b);
	for (int i = 0; i <= QUERY_TERMS_MAX; i++)
		assert_ok(buf_printf(&b, "-n%d ", i));
	free(parse(b.data, PX_ETOOBIG));
	buf_free(&b);
}

static void long_phrase_is_refused(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_ok(buf_addc(&b, '"'));
	for (int i = 0; i < QUERY_WORDS_MAX; i++)
		assert_ok(buf_printf(&b, "p%d ", i));
	struct query *q = parse(b.data, PX_OK);
	assert_int_equal(q->units[0].nwords, QUERY_WORDS_MAX);
	free(q);
	assert_ok(buf_adds(&b, "seventeen\""));
	free(parse(b.data, PX_ETOOBIG));
	/* a word of many joined parts is a phrase too */
	buf_reset(&b);
	for (int i = 0; i <= QUERY_WORDS_MAX; i++)
		assert_ok(buf_printf(&b, "%sj%d", i ? "-" : "", i));
	free(parse(b.data, PX_ETOOBIG));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_query_has_no_units),
		cmocka_unit_test(words_are_required_units),
		cmocka_unit_test(words_are_folded_and_keep_their_lower_form),
		cmocka_unit_test(quoted_words_are_a_phrase),
		cmocka_unit_test(unclosed_quote_runs_to_the_end),
		cmocka_unit_test(compound_is_one_word_in_a_phrase),
		cmocka_unit_test(compound_too_long_to_join_keeps_its_parts),
		cmocka_unit_test(apostrophe_word_is_a_phrase_of_its_parts),
		cmocka_unit_test(minus_excludes),
		cmocka_unit_test(or_puts_units_in_one_group),
		cmocka_unit_test(or_needs_capitals_and_two_sides),
		cmocka_unit_test(field_value_is_a_filter),
		cmocka_unit_test(quoted_filter_value_may_hold_spaces),
		cmocka_unit_test(bad_filter_values_are_refused),
		cmocka_unit_test(unknown_field_is_a_word),
		cmocka_unit_test(last_word_is_a_prefix_while_typed),
		cmocka_unit_test(stop_words_are_optional),
		cmocka_unit_test(stop_words_are_required_when_nothing_else),
		cmocka_unit_test(too_many_words_is_refused),
		cmocka_unit_test(long_phrase_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
