/* model/node.c: node lifecycle, string lists, enumeration names and
 * node_map_strings. */
#include "../unit.h"

#include <stdlib.h>

#include "model/model.h"

/* Replaces a string field with s (whole C string). */
static void set(char **field, const char *s)
{
	assert_ok(node_set(field, s, strlen(s)));
}

static void add(struct strlist *l, const char *s)
{
	assert_ok(strlist_add(l, s, strlen(s)));
}

/* A practice with every field set, each string distinct. */
static struct node *full_practice(void)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->nid = 17063;
	set(&n->title, "CO-CITY");
	set(&n->subtitle, "Urban commons");
	set(&n->country, "Italy");
	set(&n->city, "Turin");
	add(&n->themes, "Poverty");
	add(&n->themes, "Local economy");
	add(&n->labels, "Urban Innovative Actions");
	add(&n->relations, "in_partnership_with");
	n->population = 886837;
	memcpy(n->language, "en", 3);
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", "Pacts of collaboration."));
	assert_ok(node_section_add(n, SECTION_IMPACT, "The impact and results", "50 pacts"));
	return n;
}

/* ---- lifecycle ---- */

static void new_node_is_empty(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_ARTICLE);
	assert_non_null(n);
	assert_int_equal(n->type, NODE_ARTICLE);
	assert_int_equal(n->nid, 0);
	assert_int_equal(n->population, -1);
	assert_null(n->title);
	assert_null(n->author);
	assert_null(n->body);
	assert_string_equal(n->language, "");
	assert_int_equal(strlist_len(&n->themes), 0);
	assert_int_equal(node_section_count(n), 0);
	node_free(n);
	node_free(NULL); /* accepted */
}

static void set_replaces_and_copies(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_ARTICLE);
	char src[] = "first title";
	assert_ok(node_set(&n->title, src, 5));
	assert_string_equal(n->title, "first");
	src[0] = 'X'; /* the node holds a copy */
	assert_string_equal(n->title, "first");
	set(&n->title, "second");
	assert_string_equal(n->title, "second");
	node_free(n);
}

static void sections_keep_order_and_copies(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_PRACTICE);
	char heading[] = "Summary";
	assert_ok(node_section_add(n, SECTION_TRANSFER, "Why this good practice should be transferred",
				   "line 1\nline 2"));
	assert_ok(node_section_add(n, SECTION_SUMMARY, heading, ""));
	heading[0] = 'X';
	assert_int_equal(node_section_count(n), 2);
	assert_int_equal(node_section(n, 0)->key, SECTION_TRANSFER);
	assert_string_equal(node_section(n, 0)->text, "line 1\nline 2");
	assert_int_equal(node_section(n, 1)->key, SECTION_SUMMARY);
	assert_string_equal(node_section(n, 1)->heading, "Summary");
	assert_string_equal(node_section(n, 1)->text, "");
	node_free(n);
}

/* ---- strlist ---- */

static void strlist_add_and_unique(void **state)
{
	(void)state;
	struct strlist l;
	strlist_init(&l);
	assert_ok(strlist_add(&l, "Poverty and more", 7));
	assert_ok(strlist_add_unique(&l, "Poverty", 7));
	assert_ok(strlist_add_unique(&l, "Pover", 5));   /* a prefix is a different string */
	assert_ok(strlist_add_unique(&l, "poverty", 7)); /* so is another case */
	assert_ok(strlist_add(&l, "Poverty", 7));        /* plain add keeps duplicates */
	assert_int_equal(strlist_len(&l), 4);
	assert_string_equal(strlist_get(&l, 0), "Poverty");
	assert_string_equal(strlist_get(&l, 1), "Pover");
	assert_string_equal(strlist_get(&l, 2), "poverty");
	assert_true(strlist_has(&l, "Pover"));
	assert_false(strlist_has(&l, "Pove"));
	strlist_free(&l);
}

/* ---- names ---- */

static void type_names_round_trip(void **state)
{
	(void)state;
	enum node_type t;
	assert_string_equal(node_type_name(NODE_PRACTICE), "practice");
	assert_string_equal(node_type_name(NODE_ARTICLE), "article");
	assert_int_equal(node_type_parse("practice", &t), 0);
	assert_int_equal(t, NODE_PRACTICE);
	assert_int_equal(node_type_parse("article", &t), 0);
	assert_int_equal(t, NODE_ARTICLE);
	assert_int_equal(node_type_parse("Article", &t), -1);
	assert_int_equal(node_type_parse("", &t), -1);
	assert_string_equal(node_type_name((enum node_type)0), "?");
}

static void section_key_names_round_trip(void **state)
{
	(void)state;
	const char *names[] = {"summary", "solution", "collaboration", "impact", "transfer"};
	for (int k = 0; k < SECTION_COUNT; k++) {
		enum section_key got;
		assert_string_equal(section_key_name((enum section_key)k), names[k]);
		assert_int_equal(section_key_parse(names[k], &got), 0);
		assert_int_equal(got, k);
	}
	enum section_key got;
	assert_int_equal(section_key_parse("Summary", &got), -1);
	assert_int_equal(section_key_parse("results", &got), -1);
	assert_string_equal(section_key_name(SECTION_COUNT), "?");
}

static void relation_names_round_trip(void **state)
{
	(void)state;
	enum relation r;
	assert_string_equal(relation_name(RELATION_IN_PARTNERSHIP_WITH), "in_partnership_with");
	assert_string_equal(relation_name(RELATION_ADAPTED_BY_CITIES_FROM), "adapted_by_cities_from");
	assert_int_equal(relation_parse("adapted_by_cities_from", &r), 0);
	assert_int_equal(r, RELATION_ADAPTED_BY_CITIES_FROM);
	assert_int_equal(relation_parse("in partnership with", &r), -1);
	assert_string_equal(relation_name(RELATION_COUNT), "?");
}

/* ---- node_map_strings ---- */

/* "<" s ">": shows which strings were mapped, and only once. */
static char *bracket(const char *s)
{
	size_t n = strlen(s);
	char *r = malloc(n + 3);
	if (!r)
		return NULL;
	r[0] = '<';
	memcpy(r + 1, s, n);
	r[n + 1] = '>';
	r[n + 2] = '\0';
	return r;
}

static void map_strings_reaches_every_string(void **state)
{
	(void)state;
	struct node *n = full_practice();
	assert_ok(node_map_strings(n, bracket));
	assert_string_equal(n->title, "<CO-CITY>");
	assert_string_equal(n->subtitle, "<Urban commons>");
	assert_string_equal(n->country, "<Italy>");
	assert_string_equal(n->city, "<Turin>");
	assert_string_equal(strlist_get(&n->themes, 0), "<Poverty>");
	assert_string_equal(strlist_get(&n->themes, 1), "<Local economy>");
	assert_string_equal(strlist_get(&n->labels, 0), "<Urban Innovative Actions>");
	assert_string_equal(strlist_get(&n->relations, 0), "<in_partnership_with>");
	assert_string_equal(node_section(n, 0)->heading, "<Summary>");
	assert_string_equal(node_section(n, 0)->text, "<Pacts of collaboration.>");
	assert_string_equal(node_section(n, 1)->heading, "<The impact and results>");
	assert_string_equal(node_section(n, 1)->text, "<50 pacts>");
	/* what is not a string stays */
	assert_int_equal(n->nid, 17063);
	assert_int_equal(n->population, 886837);
	assert_string_equal(n->language, "en");
	node_free(n);
}

static void map_strings_skips_absent_fields(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_ARTICLE);
	set(&n->title, "T");
	set(&n->body, "B");
	assert_ok(node_map_strings(n, bracket));
	assert_string_equal(n->title, "<T>");
	assert_string_equal(n->body, "<B>");
	assert_null(n->author);
	assert_null(n->subtitle);
	node_free(n);
}

/* Fails on any string that holds "fail". */
static char *bracket_or_fail(const char *s)
{
	return strstr(s, "fail") ? NULL : bracket(s);
}

static void map_strings_failure_leaves_valid_node(void **state)
{
	(void)state;
	struct node *n = full_practice();
	assert_ok(node_section_add(n, SECTION_TRANSFER, "Why", "this will fail"));
	assert_int_equal(node_map_strings(n, bracket_or_fail), PX_ENOMEM);
	assert_string_equal(node_section(n, 2)->text, "this will fail"); /* untouched */
	assert_string_equal(n->title, "<CO-CITY>");                      /* mapped before */
	node_free(n);                                                    /* no double free, no leak (ASan) */

	n = full_practice();
	add(&n->themes, "fail here");
	assert_int_equal(node_map_strings(n, bracket_or_fail), PX_ENOMEM);
	assert_string_equal(strlist_get(&n->themes, 2), "fail here");
	node_free(n);
}

/* strlist_dedupe keeps the first appearance of each string, in order. */
static void strlist_dedupe_keeps_first_appearance(void **state)
{
	(void)state;
	struct strlist l;
	strlist_init(&l);
	const char *in[] = {"b", "a", "b", "c", "a", "a", "d", "c", "b"};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		add(&l, in[i]);
	assert_ok(strlist_dedupe(&l));
	assert_int_equal(strlist_len(&l), 4);
	assert_string_equal(strlist_get(&l, 0), "b");
	assert_string_equal(strlist_get(&l, 1), "a");
	assert_string_equal(strlist_get(&l, 2), "c");
	assert_string_equal(strlist_get(&l, 3), "d");
	assert_ok(strlist_dedupe(&l)); /* nothing more to remove */
	assert_int_equal(strlist_len(&l), 4);
	strlist_free(&l);
	strlist_init(&l);
	assert_ok(strlist_dedupe(&l)); /* empty */
	assert_int_equal(strlist_len(&l), 0);
	strlist_free(&l);
}

/* Each limit is reported with its field; within them, a node passes. */
static void limits_name_the_field(void **state)
{
	(void)state;
	struct node *n = full_practice();
	struct node_limit lim;
	assert_int_equal(node_check_limits(n, &lim), 0);
	char big[NODE_TEXT_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	set(&n->city, "");
	assert_ok(node_set(&n->city, big, NODE_NAME_MAX + 1));
	assert_int_equal(node_check_limits(n, &lim), -1);
	assert_string_equal(lim.field, "city");
	assert_int_equal(lim.got, NODE_NAME_MAX + 1);
	assert_int_equal(lim.max, NODE_NAME_MAX);
	assert_int_equal(lim.on, LIMIT_BYTES);
	set(&n->city, "Turin");
	for (int i = 0; strlist_len(&n->themes) <= NODE_TERMS_MAX; i++) {
		char t[16];
		snprintf(t, sizeof t, "t%d", i);
		add(&n->themes, t);
	}
	assert_int_equal(node_check_limits(n, &lim), -1);
	assert_string_equal(lim.field, "themes");
	assert_int_equal(lim.on, LIMIT_ITEMS);
	struct buf b;
	buf_init(&b, 1024);
	assert_ok(node_limit_describe(&lim, &b));
	assert_string_equal(b.data, "themes: 51 items, at most 50");
	buf_free(&b);
	node_free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_node_is_empty),
		cmocka_unit_test(set_replaces_and_copies),
		cmocka_unit_test(sections_keep_order_and_copies),
		cmocka_unit_test(strlist_add_and_unique),
		cmocka_unit_test(strlist_dedupe_keeps_first_appearance),
		cmocka_unit_test(limits_name_the_field),
		cmocka_unit_test(type_names_round_trip),
		cmocka_unit_test(section_key_names_round_trip),
		cmocka_unit_test(relation_names_round_trip),
		cmocka_unit_test(map_strings_reaches_every_string),
		cmocka_unit_test(map_strings_skips_absent_fields),
		cmocka_unit_test(map_strings_failure_leaves_valid_node),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
