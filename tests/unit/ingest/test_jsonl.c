/* ingest/jsonl.c: JSON Lines in the export format, through ingest_parse. */
#include "ingest_test.h"

#define P1                                                                                                   \
	"{\"nid\": 17065, \"type\": \"practice\", \"title\": \"AS-FABRIK\", \"country\": \"Spain\", "        \
	"\"city\": \"Bilbao\", \"themes\": [\"Jobs and skills\"], \"population\": 345821, "                  \
	"\"language\": \"en\", \"sections\": [{\"key\": \"summary\", \"heading\": \"Summary\", "             \
	"\"text\": \"One.\\nTwo.\"}]}"
#define A1                                                                                                   \
	"{\"nid\": 3, \"type\": \"article\", \"title\": \"Vijesti\", \"author\": \"emarko\", "               \
	"\"language\": \"hr\", \"body\": \"Tekst.\"}"
#define A_NOID "{\"type\": \"article\", \"title\": \"No id yet\"}"

static void lines_become_nodes_in_order(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(P1 "\n" A1 "\n" A_NOID "\n", 3);
	const struct node *a = node_at(p, 0), *b = node_at(p, 1), *c = node_at(p, 2);
	assert_int_equal(a->nid, 17065);
	assert_int_equal(a->type, NODE_PRACTICE);
	assert_int_equal(a->population, 345821);
	assert_string_equal(node_section(a, 0)->text, "One.\nTwo.");
	assert_int_equal(a->line, 1);
	assert_int_equal(b->nid, 3);
	assert_string_equal(b->author, "emarko");
	assert_string_equal(b->language, "hr");
	assert_int_equal(b->line, 2);
	assert_int_equal(c->nid, 0);
	assert_int_equal(c->line, 3);
	parsed_free(p);
}

static void blank_lines_skipped_but_counted(void **state)
{
	(void)state;
	struct parsed *p = parse_ok("\n  \n" P1 "\n\n\t\n" A1 "\n\n", 2);
	assert_int_equal(node_at(p, 0)->line, 3);
	assert_int_equal(node_at(p, 1)->line, 6);
	parsed_free(p);
}

static void crlf_bom_and_no_final_newline(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BOM P1 "\r\n\r\n" A1, 2);
	assert_int_equal(node_at(p, 0)->nid, 17065);
	assert_int_equal(node_at(p, 1)->line, 3);
	assert_string_equal(node_at(p, 1)->body, "Tekst.");
	parsed_free(p);
}

static void decomposed_strings_become_nfc(void **state)
{
	(void)state;
	struct parsed *p =
		parse_ok("{\"type\": \"practice\", \"title\": \"Cafe\\u0301\", \"country\": \"Espan\xcc\x83"
			 "a\","
			 " \"city\": \"A Corun\\u0303a\", \"themes\": [\"Re\\u0301sume\\u0301\"],"
			 " \"sections\": [{\"key\": \"impact\", \"heading\": \"E\\u0301\", \"text\": "
			 "\"a\\u0300\"}]}\n",
			 1);
	const struct node *n = node_at(p, 0);
	assert_string_equal(n->title, "Caf\xc3\xa9");
	assert_string_equal(n->country, "Espa\xc3\xb1"
					"a");
	assert_string_equal(n->city, "A Coru\xc3\xb1"
				     "a");
	assert_string_equal(strlist_get(&n->themes, 0), "R\xc3\xa9sum\xc3\xa9");
	assert_string_equal(node_section(n, 0)->heading, "\xc3\x89");
	assert_string_equal(node_section(n, 0)->text, "\xc3\xa0");
	parsed_free(p);
}

/* ---- rejected files ---- */

static void line_that_is_not_json(void **state)
{
	(void)state;
	assert_rejected(P1 "\n{\"type\": \"article\", \"title\": \"x\"\n" A1 "\n", 2, "invalid JSON: ");
	assert_rejected(P1 "\n\n" A1 " trailing\n", 3, "invalid JSON");
	assert_rejected(P1 "\n" A1 A1 "\n", 2, "invalid JSON"); /* two objects, one line */
	assert_rejected("{\"type\": \"article\", \"title\": \"a\", \"title\": \"b\"}\n", 1, "duplicate");
}

static void line_with_wrong_type(void **state)
{
	(void)state;
	assert_rejected(A1 "\n" P1 "\n{\"type\": \"article\", \"title\": 12}\n", 3,
			"\"title\" must be a string");
	assert_rejected(A1 "\n[1, 2]\n", 2, "one JSON object");
	assert_rejected("{\"type\": \"article\", \"title\": \"t\", \"nid\": \"17\"}\n", 1,
			"\"nid\" must be an integer >= 1");
	assert_rejected("\n\n{\"type\": \"practice\", \"title\": \"t\", \"country\": \"c\", \"city\": \"d\","
			" \"population\": \"345 821\"}\n",
			3, "\"population\" must be an integer");
}

static void line_with_unknown_key(void **state)
{
	(void)state;
	assert_rejected(A1 "\n{\"type\": \"article\", \"title\": \"t\", \"tags\": []}\n", 2,
			"unknown key \"tags\" for an article");
}

static void duplicate_nid_in_jsonl(void **state)
{
	(void)state;
	assert_rejected(A1 "\n" P1 "\n" A_NOID "\n" A_NOID
			   "\n{\"nid\": 3, \"type\": \"article\", \"title\": \"Again\"}\n",
			5, "nid 3 is already used by the entry on line 1");
}

static void jsonl_parse_directly(void **state)
{
	(void)state;
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	struct ingest_diag d;
	ingest_diag_init(&d);
	const char *good = A1 "\n" A_NOID "\n", *bad = A1 "\nnot json\n";
	assert_ok(ingest_jsonl_parse(good, strlen(good), &nodes, &d));
	assert_int_equal(ptrvec_len(&nodes), 2);
	assert_int_equal(ingest_jsonl_parse(bad, strlen(bad), &nodes, &d), PX_EPARSE);
	assert_int_equal(d.line, 2);
	assert_int_equal(ptrvec_len(&nodes), 0); /* rejected: nothing left */
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_become_nodes_in_order),
		cmocka_unit_test(blank_lines_skipped_but_counted),
		cmocka_unit_test(crlf_bom_and_no_final_newline),
		cmocka_unit_test(decomposed_strings_become_nfc),
		cmocka_unit_test(line_that_is_not_json),
		cmocka_unit_test(line_with_wrong_type),
		cmocka_unit_test(line_with_unknown_key),
		cmocka_unit_test(duplicate_nid_in_jsonl),
		cmocka_unit_test(jsonl_parse_directly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
