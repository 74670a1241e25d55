/* model/node_json.c: the export object of a node (key order, JSON Lines) and
 * its strict reading back. JSON in this file is written with ' for " (see
 * js()), so objects read as they would on an export line. */
#include "../unit.h"

#include <stdlib.h>

#include "model/model.h"

/* Parses text (any JSON value) after turning every ' into ". */
static json_t *js(const char *text)
{
	char *s = strdup(text);
	assert_non_null(s);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	json_error_t err;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &err);
	if (!j)
		print_error("bad test JSON: %s: %s\n", err.text, s);
	assert_non_null(j);
	free(s);
	return j;
}

#define PRACTICE_JSON                                                                                        \
	"{'nid': 17063, 'type': 'practice', 'title': 'CO-CITY', 'subtitle': 'Urban commons',  \
	  'country': 'Italy', 'city': 'Turin', 'themes': ['Poverty', 'Local economy'],          \
	  'labels': ['Urban Innovative Actions'], 'population': 886837,                        \
	  'relations': ['adapted_by_cities_from', 'in_partnership_with'], 'language': 'en',     \
	  'sections': [{'key': 'summary', 'heading': 'Summary', 'text': 'Pacts.\\nCommons.'},   \
	               {'key': 'transfer', 'heading': 'Why?', 'text': 'Because.'}]}"

#define ARTICLE_JSON                                                                                         \
	"{'nid': 9, 'type': 'article', 'title': 'Ljubljanski sporazum', 'author': 'emarko',    \
	  'language': 'hr', 'body': 'Slovensko predsjedanje.\\nDrugi red.'}"

/* The node read from text (which must be accepted). */
static struct node *read_node(const char *text)
{
	json_t *j = js(text);
	struct buf why;
	buf_init(&why, 1024);
	struct node *n = node_from_json(j, &why);
	if (!n)
		print_error("refused: %s\n", why.data);
	assert_non_null(n);
	json_decref(j);
	buf_free(&why);
	return n;
}

/* Asserts that obj is refused with a reason that contains want. */
static void assert_refused_obj(json_t *obj, const char *want)
{
	struct buf why;
	buf_init(&why, 1024);
	struct node *n = node_from_json(obj, &why);
	assert_null(n);
	assert_non_null(why.data);
	if (!strstr(why.data, want))
		print_error("reason \"%s\" lacks \"%s\"\n", why.data, want);
	assert_non_null(strstr(why.data, want));
	assert_null(strchr(why.data, '\n')); /* one line */
	buf_free(&why);
	json_decref(obj);
}

static void assert_refused(const char *text, const char *want)
{
	assert_refused_obj(js(text), want);
}

/* Asserts that PRACTICE_JSON (or ARTICLE_JSON) with key set to value (JSON
 * text; NULL deletes the key) is refused with a reason containing want. */
static void assert_refused_with(const char *base, const char *key, const char *value, const char *want)
{
	json_t *obj = js(base);
	if (value)
		assert_int_equal(json_object_set_new(obj, key, js(value)), 0);
	else
		assert_int_equal(json_object_del(obj, key), 0);
	assert_refused_obj(obj, want);
}

/* The keys of obj, in order, space-separated. */
static char *keys_of(const json_t *obj)
{
	struct buf b;
	buf_init(&b, 4096);
	for (void *it = json_object_iter((json_t *)obj); it; it = json_object_iter_next((json_t *)obj, it))
		assert_ok(buf_printf(&b, "%s%s", b.len ? " " : "", json_object_iter_key(it)));
	return buf_take(&b);
}

static void assert_keys(const json_t *obj, const char *want)
{
	char *got = keys_of(obj);
	assert_string_equal(got, want);
	free(got);
}

/* ---- writing ---- */

/* The keys of type t: the contract's (want) first, in its order, then
 * every other field of the type's table, in table order. */
static void assert_keys_of(enum node_type t, const char *text, const char *contract)
{
	struct node *n = read_node(text);
	json_t *j = node_to_json(n);
	struct buf want;
	buf_init(&want, 4096);
	assert_ok(buf_adds(&want, contract));
	for (const struct field *f = node_fields(t); f->key; f++)
		if (!(f->flags & FIELD_CONTRACT))
			assert_ok(buf_printf(&want, " %s", f->key));
	assert_keys(j, want.data);
	buf_free(&want);
	json_decref(j);
	node_free(n);
}

static void practice_keys_in_contract_order(void **state)
{
	(void)state;
	assert_keys_of(NODE_PRACTICE, PRACTICE_JSON,
		       "nid type title subtitle country city themes labels population relations language sections");
	struct node *n = read_node(PRACTICE_JSON);
	json_t *j = node_to_json(n);
	assert_keys(json_array_get(json_object_get(j, "sections"), 0), "key heading text");
	json_decref(j);
	node_free(n);
}

static void article_keys_in_contract_order(void **state)
{
	(void)state;
	assert_keys_of(NODE_ARTICLE, ARTICLE_JSON, "nid type title author language body");
}

static void practice_json_values(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_PRACTICE);
	n->nid = 5;
	assert_ok(node_set(&n->title, "T", 1));
	memcpy(n->language, "it", 3);
	json_t *got = node_to_json(n);
	/* absent strings are null, lists are empty, unknown population is null;
	 * the fields added since the contract likewise */
	json_t *want = js("{'nid': 5, 'type': 'practice', 'title': 'T', 'subtitle': null, 'country': null,"
			  " 'city': null, 'themes': [], 'labels': [], 'population': null, 'relations': [],"
			  " 'language': 'it', 'sections': []}");
	for (const struct field *f = node_fields(NODE_PRACTICE); f->key; f++)
		if (!(f->flags & FIELD_CONTRACT))
			json_object_set_new(want, f->key,
					    f->kind == FK_STRINGS || f->kind == FK_OBJECTS ? json_array() : json_null());
	assert_true(json_equal(got, want));
	json_decref(got);
	json_decref(want);
	node_free(n);
}

static void write_jsonl_is_one_line(void **state)
{
	(void)state;
	struct node *n = read_node(PRACTICE_JSON);
	struct buf out;
	buf_init(&out, 1 << 16);
	assert_ok(buf_adds(&out, "previous\n"));
	assert_ok(node_write_jsonl(n, &out));
	const char *line = out.data + strlen("previous\n");
	const char *head = "{\"nid\": 17063, \"type\": \"practice\", \"title\": \"CO-CITY\", \"subtitle\"";
	assert_memory_equal(line, head, strlen(head));
	assert_int_equal(out.data[out.len - 1], '\n');
	assert_ptr_equal(strchr(line, '\n'), out.data + out.len - 1); /* text newlines escaped */
	assert_non_null(strstr(line, "\"Pacts.\\nCommons.\""));
	buf_free(&out);
	node_free(n);
}

/* ---- round trip ---- */

/* Asserts that n survives node -> JSON -> node unchanged, nid included. */
static void assert_round_trip(const struct node *n)
{
	json_t *j = node_to_json(n);
	assert_non_null(j);
	struct buf why;
	buf_init(&why, 1024);
	struct node *back = node_from_json(j, &why);
	if (!back)
		print_error("refused own export: %s\n", why.data);
	assert_non_null(back);
	assert_true(node_equal(n, back));
	assert_int_equal(back->nid, n->nid);
	json_t *j2 = node_to_json(back);
	char *a = json_dumps(j, 0), *b = json_dumps(j2, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	json_decref(j);
	json_decref(j2);
	node_free(back);
	buf_free(&why);
}

static void round_trip_practice(void **state)
{
	(void)state;
	struct node *n = read_node(PRACTICE_JSON);
	assert_int_equal(n->nid, 17063);
	assert_int_equal(n->population, 886837);
	assert_int_equal(strlist_len(&n->themes), 2);
	assert_int_equal(node_section_count(n), 2);
	assert_int_equal(node_section(n, 1)->key, SECTION_TRANSFER);
	assert_string_equal(node_section(n, 0)->text, "Pacts.\nCommons.");
	assert_round_trip(n);
	node_free(n);
}

static void round_trip_article(void **state)
{
	(void)state;
	struct node *n = read_node(ARTICLE_JSON);
	assert_string_equal(n->author, "emarko");
	assert_string_equal(n->body, "Slovensko predsjedanje.\nDrugi red.");
	assert_round_trip(n);
	node_free(n);
}

static void round_trip_built_node(void **state)
{
	(void)state;
	struct node *n = node_new(NODE_PRACTICE);
	n->nid = 1;
	assert_ok(node_set(&n->title, "Ελληνικά \"quoted\" \\ ünïcödé",
			   strlen("Ελληνικά \"quoted\" \\ ünïcödé")));
	assert_ok(node_set(&n->country, "España", strlen("España")));
	assert_ok(node_set(&n->city, "A Coruña", strlen("A Coruña")));
	n->population = 0; /* zero is a population, not "unknown" */
	memcpy(n->language, "el", 3);
	assert_ok(node_section_add(n, SECTION_COLLABORATION, "", "x"));
	assert_round_trip(n);
	node_free(n);
}

static void round_trip_unassigned_nid(void **state)
{
	(void)state;
	struct node *n = read_node("{'type': 'article', 'title': 'New', 'language': 'fr'}");
	json_t *j = node_to_json(n);
	assert_true(json_is_null(json_object_get(j, "nid"))); /* never 0 on the wire */
	json_decref(j);
	assert_round_trip(n);
	node_free(n);
}

/* A node whose language is not detected yet ("" in the model) is exported
 * and must read back, as an unassigned nid does. */
static void round_trip_undetected_language(void **state)
{
	(void)state;
	struct node *n = read_node("{'nid': 4, 'type': 'article', 'title': 'No language yet'}");
	assert_string_equal(n->language, "");
	assert_round_trip(n);
	node_free(n);
}

static void node_equal_sees_differences(void **state)
{
	(void)state;
	struct node *a = read_node(PRACTICE_JSON), *b = read_node(PRACTICE_JSON);
	assert_true(node_equal(a, b));
	b->nid = 99; /* ignored */
	b->line = 12;
	assert_true(node_equal(a, b));
	b->population = 886838;
	assert_false(node_equal(a, b));
	node_free(b);

	b = read_node(PRACTICE_JSON);
	assert_ok(strlist_add(&b->labels, "URBACT", 6));
	assert_false(node_equal(a, b));
	node_free(b);

	b = read_node(PRACTICE_JSON);
	memcpy(b->language, "it", 3);
	assert_false(node_equal(a, b));
	node_free(b);
	node_free(a);
}

/* ---- reading: what is accepted ---- */

static void missing_or_null_nid_is_zero(void **state)
{
	(void)state;
	struct node *n = read_node("{'type': 'article', 'title': 'No id'}");
	assert_int_equal(n->nid, 0);
	assert_string_equal(n->language, "");
	assert_null(n->body);
	node_free(n);
	n = read_node("{'nid': null, 'type': 'practice', 'title': 'P', 'country': 'C', 'city': 'D',"
		      " 'population': null}");
	assert_int_equal(n->nid, 0);
	assert_int_equal(n->population, -1);
	node_free(n);
}

static void duplicate_themes_are_merged(void **state)
{
	(void)state;
	struct node *n = read_node("{'type': 'practice', 'title': 'P', 'country': 'C', 'city': 'D',"
				   " 'themes': ['Poverty', 'Housing', 'Poverty']}");
	assert_int_equal(strlist_len(&n->themes), 2);
	assert_string_equal(strlist_get(&n->themes, 1), "Housing");
	node_free(n);
}

/* ---- reading: what is refused, and why ---- */

static void refuses_non_object_and_bad_type(void **state)
{
	(void)state;
	assert_refused("[1, 2]", "one JSON object");
	assert_refused("'practice'", "one JSON object");
	assert_refused("{'title': 'x'}", "\"type\" must be \"practice\", \"article\", \"city\" or \"network\"");
	assert_refused("{'type': 'blog', 'title': 'x'}", "\"type\" must be \"practice\", \"article\", \"city\" or \"network\"");
	assert_refused("{'type': 1, 'title': 'x'}", "\"type\" must be");
}

static void refuses_unknown_keys(void **state)
{
	(void)state;
	assert_refused_with(PRACTICE_JSON, "colour", "'blue'", "unknown key \"colour\" for a practice");
	assert_refused_with(PRACTICE_JSON, "author", "'me'", "unknown key \"author\" for a practice");
	assert_refused_with(ARTICLE_JSON, "country", "'Italy'", "unknown key \"country\" for an article");
	assert_refused_with(ARTICLE_JSON, "sections", "[]", "unknown key \"sections\" for an article");
}

static void refuses_wrong_string_types(void **state)
{
	(void)state;
	assert_refused_with(PRACTICE_JSON, "title", "42", "\"title\" must be a string");
	assert_refused_with(PRACTICE_JSON, "title", "''", "\"title\" must not be empty");
	assert_refused_with(PRACTICE_JSON, "title", NULL, "missing \"title\"");
	assert_refused_with(PRACTICE_JSON, "title", "null", "missing \"title\"");
	assert_refused_with(PRACTICE_JSON, "subtitle", "['a']", "\"subtitle\" must be a string");
	assert_refused_with(PRACTICE_JSON, "country", NULL, "missing \"country\"");
	assert_refused_with(PRACTICE_JSON, "city", "true", "\"city\" must be a string");
	assert_refused_with(ARTICLE_JSON, "author", "5", "\"author\" must be a string");
	assert_refused_with(ARTICLE_JSON, "body", "{}", "\"body\" must be a string");
}

static void refuses_wrong_list_types(void **state)
{
	(void)state;
	assert_refused_with(PRACTICE_JSON, "themes", "'Poverty'", "\"themes\" must be a list of strings");
	assert_refused_with(PRACTICE_JSON, "themes", "['ok', 3]", "\"themes\"[1] must be a non-empty string");
	assert_refused_with(PRACTICE_JSON, "labels", "['']", "\"labels\"[0] must be a non-empty string");
	assert_refused_with(PRACTICE_JSON, "relations", "['friends_with']",
			    "\"relations\"[0]: unknown relation \"friends_with\"");
	assert_refused_with(PRACTICE_JSON, "relations", "{}", "\"relations\" must be a list of strings");
}

static void refuses_bad_numbers(void **state)
{
	(void)state;
	assert_refused_with(PRACTICE_JSON, "nid", "0", "\"nid\" must be an integer >= 1");
	assert_refused_with(PRACTICE_JSON, "nid", "-17063", "\"nid\" must be an integer >= 1");
	assert_refused_with(ARTICLE_JSON, "nid", "'9'", "\"nid\" must be an integer >= 1");
	assert_refused_with(ARTICLE_JSON, "nid", "9.0", "\"nid\" must be an integer >= 1");
	assert_refused_with(PRACTICE_JSON, "population", "-1", "\"population\" must be an integer >= 0");
	assert_refused_with(PRACTICE_JSON, "population", "'345 821'", "\"population\" must be an integer");
	assert_refused_with(PRACTICE_JSON, "population", "1.5", "\"population\" must be an integer");
}

static void refuses_bad_language(void **state)
{
	(void)state;
	const char *bad[] = {"'eng'", "'e'", "''", "'EN'", "'e1'", "5", "['en']", "'é'"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_refused_with(ARTICLE_JSON, "language", bad[i],
				    "\"language\" must be a two-letter ISO 639-1 code");
	assert_refused_with(PRACTICE_JSON, "language", "'xx1'", "two-letter");
}

static void refuses_bad_sections(void **state)
{
	(void)state;
	const char *key_reason = "\"key\" must be one of summary, solution, collaboration, impact, transfer";
	assert_refused_with(PRACTICE_JSON, "sections", "[{'key': 'results', 'heading': 'R', 'text': 't'}]",
			    key_reason);
	assert_refused_with(PRACTICE_JSON, "sections", "[{'key': 'Summary', 'text': 't'}]", key_reason);
	assert_refused_with(PRACTICE_JSON, "sections", "[{'heading': 'H', 'text': 't'}]", key_reason);
	assert_refused_with(PRACTICE_JSON, "sections",
			    "[{'key': 'summary', 'text': 'a'}, {'key': 'nope', 'text': 'b'}]",
			    "\"sections\"[1]: \"key\" must be one of");
	assert_refused_with(PRACTICE_JSON, "sections", "[{'key': 'impact', 'heading': 'H'}]",
			    "\"sections\"[0]: missing \"text\"");
	assert_refused_with(PRACTICE_JSON, "sections", "[{'key': 'impact', 'text': 3}]",
			    "\"sections\"[0].text must be a string");
	assert_refused_with(PRACTICE_JSON, "sections", "[{'key': 'impact', 'text': 't', 'lang': 'en'}]",
			    "\"sections\"[0]: unknown key \"lang\"");
	assert_refused_with(PRACTICE_JSON, "sections", "['summary']", "\"sections\"[0] must be an object");
	assert_refused_with(PRACTICE_JSON, "sections", "{'summary': 't'}",
			    "\"sections\" must be a list of objects");
}

static void reason_replaces_stale_text(void **state)
{
	(void)state;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(buf_adds(&why, "stale reason"));
	json_t *j = js("{'type': 'article', 'title': 7}");
	assert_null(node_from_json(j, &why));
	assert_string_equal(why.data, "\"title\" must be a string");
	json_decref(j);
	buf_free(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(practice_keys_in_contract_order),
		cmocka_unit_test(article_keys_in_contract_order),
		cmocka_unit_test(practice_json_values),
		cmocka_unit_test(write_jsonl_is_one_line),
		cmocka_unit_test(round_trip_practice),
		cmocka_unit_test(round_trip_article),
		cmocka_unit_test(round_trip_built_node),
		cmocka_unit_test(round_trip_unassigned_nid),
		cmocka_unit_test(round_trip_undetected_language),
		cmocka_unit_test(node_equal_sees_differences),
		cmocka_unit_test(missing_or_null_nid_is_zero),
		cmocka_unit_test(duplicate_themes_are_merged),
		cmocka_unit_test(refuses_non_object_and_bad_type),
		cmocka_unit_test(refuses_unknown_keys),
		cmocka_unit_test(refuses_wrong_string_types),
		cmocka_unit_test(refuses_wrong_list_types),
		cmocka_unit_test(refuses_bad_numbers),
		cmocka_unit_test(refuses_bad_language),
		cmocka_unit_test(refuses_bad_sections),
		cmocka_unit_test(reason_replaces_stale_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
