/* ingest/ingest.c: the file-level checks (UTF-8, NUL), format detection and
 * the language pass. */
#include "ingest_test.h"

#include <stdio.h>

static struct text_lang *detector; /* loaded once for the group */

static int group_setup(void **state)
{
	(void)state;
	detector = text_lang_new();
	return detector ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	text_lang_free(detector);
	return 0;
}

#define REJECT_BYTES(lit, line, want) assert_rejected_bytes(lit, sizeof lit - 1, line, want)

/* ---- bytes that are not text ---- */

static void invalid_utf8_line_and_column(void **state)
{
	(void)state;
	REJECT_BYTES(BUL " A\n    ok\n    bad \xff here\n", 3, "invalid UTF-8 (byte 0xFF at column 9)");
	REJECT_BYTES(BUL " A\r\n\r\n    caf\xc3\xa9 \xc0\xaf\r\n", 3,
		     "invalid UTF-8 (byte 0xC0 at column 11)");
	REJECT_BYTES("\xed\xa0\x80" BUL " surrogate first\n", 1, "invalid UTF-8 (byte 0xED at column 1)");
	REJECT_BYTES(BUL " A\n    truncated at the end \xe2\x82", 2, "invalid UTF-8 (byte 0xE2");
	REJECT_BYTES(BUL " A\n\n\n    \xf4\x90\x80\x80\n", 4, "invalid UTF-8 (byte 0xF4 at column 5)");
	REJECT_BYTES("{\"type\": \"article\", \"title\": \"x\"}\n{\"title\": \"\xe0\x80\xaf\"}\n", 2,
		     "invalid UTF-8 (byte 0xE0 at column 12)");
}

static void nul_byte_means_binary(void **state)
{
	(void)state;
	REJECT_BYTES(BUL " A\n    te\0xt\n", 2, "binary file (NUL byte)");
	REJECT_BYTES("\0", 1, "binary file");
	REJECT_BYTES("{\"type\": \"article\", \"title\": \"x\"}\n\n\n\0\n", 4, "binary file (NUL byte)");
	/* the NUL wins over an earlier UTF-8 defect: the file is not text at all */
	REJECT_BYTES(BUL " A\n    \xff\n\n\n\0", 5, "binary file (NUL byte)");
}

/* ---- format detection ---- */

static void leading_space_then_brace_is_jsonl(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BOM "\r\n \t\n{\"type\": \"article\", \"title\": \"J\"}\n", 1);
	assert_string_equal(node_at(p, 0)->title, "J");
	assert_int_equal(node_at(p, 0)->line, 3);
	parsed_free(p);
}

static void anything_else_is_a_listing(void **state)
{
	(void)state;
	/* a JSON line after a header line is listing text, and fails as one */
	assert_rejected("header\n{\"type\": \"article\", \"title\": \"J\"}\n", 1, "no entries");
}

/* ---- languages ---- */

/* One source line per listing line. */
/* clang-format off */
static const char multilingual[] =
	BUL " GREEN-ROOFS\n"
	"\n"
	"    Netherlands\n"
	"    Rotterdam\n"
	"\n"
	"    Turning the flat roofs of the city into gardens and water buffers\n"
	"\n"
	"    " BUL " Climate adaptation\n"
	SHARE
	"\n"
	"    Summary\n"
	"\n"
	"    The city pays half of the cost of a green roof, and the owners of the buildings are helped by the water board with the design of the roof.\n"
	BUL " La ville transforme ses toits\n"
	"\n"
	"    Les habitants du quartier participent à la gestion des jardins sur les toits de la ville. Le projet est financé par la commune et par les associations.\n"
	"\n"
	"    Marie Dupont\n"
	"\n"
	"    See more\n"
	BUL " Die Stadt begrünt ihre Dächer\n"
	"\n"
	"    Die Bewohner der Nachbarschaft pflegen die Gärten auf den Dächern der Stadt. Das Projekt wird von der Gemeinde und den Vereinen finanziert.\n"
	"\n"
	"    Hans Müller\n"
	"\n"
	"    See more\n"
	FOOTER;
/* clang-format on */

static void every_node_gets_a_language(void **state)
{
	(void)state;
	struct parsed *p = parse_bytes(multilingual, strlen(multilingual), detector);
	assert_ok(p->err);
	assert_int_equal(ptrvec_len(&p->nodes), 3);
	assert_string_equal(node_at(p, 0)->language, "en");
	assert_string_equal(node_at(p, 1)->language, "fr");
	assert_string_equal(node_at(p, 2)->language, "de");
	parsed_free(p);
}

static void stated_language_is_kept(void **state)
{
	(void)state;
	const char *text =
		"{\"type\": \"article\", \"title\": \"The city and its roofs\", \"language\": \"mt\","
		" \"body\": \"The owners of the buildings are helped by the water board.\"}\n"
		"{\"type\": \"article\", \"title\": \"La ville et ses toits\","
		" \"body\": \"Les habitants participent \xc3\xa0 la gestion des jardins de la ville.\"}\n";
	struct parsed *p = parse_bytes(text, strlen(text), detector);
	assert_ok(p->err);
	assert_string_equal(node_at(p, 0)->language, "mt"); /* stated: not second-guessed */
	assert_string_equal(node_at(p, 1)->language, "fr"); /* absent: detected */
	parsed_free(p);
}

/* An article in lang with a body that says so. */
static struct node *article(const char *lang, int i)
{
	static const struct {
		const char *lang, *body;
	} bodies[] = {
		{"en",
		 "The residents of the district take care of the gardens on the roofs of the city, and the "
		 "project is paid for by the council."},
		{"de", "Die Bewohner der Nachbarschaft pflegen die G\xc3\xa4rten auf den D\xc3\xa4"
		       "chern der Stadt, "
		       "und das Projekt wird von der Gemeinde bezahlt."},
		{"it", "Gli abitanti del quartiere curano gli orti sui tetti della citt\xc3\xa0 e il "
		       "progetto \xc3\xa8 "
		       "finanziato dal comune con le associazioni."},
	};
	struct node *n = node_new(NODE_ARTICLE);
	assert_non_null(n);
	char title[32];
	snprintf(title, sizeof title, "%d", i);
	assert_ok(node_set(&n->title, title, strlen(title)));
	for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++)
		if (strcmp(bodies[k].lang, lang) == 0)
			assert_ok(node_set(&n->body, bodies[k].body, strlen(bodies[k].body)));
	assert_non_null(n->body);
	return n;
}

/* Many nodes (enough for detection to be split up): each gets its own. */
static void detect_languages_on_many_nodes(void **state)
{
	(void)state;
	const char *langs[] = {"en", "de", "it"};
	const size_t count = 1500;
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	for (size_t i = 0; i < count; i++)
		assert_ok(ptrvec_push(&nodes, article(langs[i % 3], (int)i)));
	memcpy(((struct node *)ptrvec_get(&nodes, 7))->language, "sv", 3); /* already set: kept */
	ingest_detect_languages(&nodes, detector);
	for (size_t i = 0; i < count; i++) {
		const struct node *n = ptrvec_get(&nodes, i);
		assert_string_equal(n->language, i == 7 ? "sv" : langs[i % 3]);
	}
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
}

static void detect_languages_on_no_nodes(void **state)
{
	(void)state;
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	ingest_detect_languages(&nodes, detector);
	assert_int_equal(ptrvec_len(&nodes), 0);
	ptrvec_free(&nodes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invalid_utf8_line_and_column),
		cmocka_unit_test(nul_byte_means_binary),
		cmocka_unit_test(leading_space_then_brace_is_jsonl),
		cmocka_unit_test(anything_else_is_a_listing),
		cmocka_unit_test(every_node_gets_a_language),
		cmocka_unit_test(stated_language_is_kept),
		cmocka_unit_test(detect_languages_on_many_nodes),
		cmocka_unit_test(detect_languages_on_no_nodes),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
