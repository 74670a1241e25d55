/* ingest/listing.c: the listing format (practice entries, teasers, footer)
 * through ingest_parse, on small listings written for these tests. */
#include "ingest_test.h"

/* A practice with every part of the format. Line numbers on the right. */
static const char full_practice[] =
	"Good practices\n"                                                    /* 1 page header */
	"\n"                                                                  /* 2 */
	"  " BUL " GREEN-ROOFS\n"                                             /* 3 */
	"\n"                                                                  /* 4 */
	"    Netherlands\n"                                                   /* 5 */
	"    Rotterdam\n"                                                     /* 6 */
	"\n"                                                                  /* 7 */
	"    Turning the flat roofs of a port city into\n"                    /* 8 */
	"    gardens,  water buffers and meeting places\n"                    /* 9 */
	"\n"                                                                  /* 10 */
	"    " BUL " Climate adaptation\n"                                    /* 11 */
	"    " BUL " Urban greening\n"                                        /* 12 */
	"    " BUL " Climate adaptation\n"                                    /* 13 */
	"    " BUL " URBACT Good Practice\n"                                  /* 14 */
	SHARE                                                                 /* 15 */
	"    651 446\n"                                                       /* 16 */
	"    " BUL " In partnership with\n"                                   /* 17 */
	"    " BUL " Adapted by cities from\n"                                /* 18 */
	"\n"                                                                  /* 19 */
	"    Summary\n"                                                       /* 20 */
	"\n"                                                                  /* 21 */
	"    Rotterdam has 18 km\xc2\xb2 of flat roofs.\n"                    /* 22 */
	"    " NBSP "\n"                                                      /* 23 */
	"    The city pays" NBSP " half of\tthe cost.  \n"                    /* 24 */
	"\n"                                                                  /* 25 */
	"    The innovative solution\n"                                       /* 26 */
	"\n"                                                                  /* 27 */
	"    A roof map shows what each roof can carry.\n"                    /* 28 */
	"\n"                                                                  /* 29 */
	"    A collaborative and participative work\n"                        /* 30 */
	"\n"                                                                  /* 31 */
	"    Owners and the water board signed a roof pact.\n"                /* 32 */
	"\n"                                                                  /* 33 */
	"    The impact and results\n"                                        /* 34 */
	"\n"                                                                  /* 35 */
	"    40 hectares of roofs were greened in five years.\n"              /* 36 */
	"\n"                                                                  /* 37 */
	"    Why this good practice should be transferred to other cities?\n" /* 38 */
	"\n"                                                                  /* 39 */
	"    Every dense city has unused roofs.\n"                            /* 40 */
	"    " NBSP " " NBSP "\n"                                             /* 41 */
	"\n"                                                                  /* 42 */
	"    Ref nid\n"                                                       /* 43 */
	"    20001\n"                                                         /* 44 */
	FOOTER;                                                               /* 45 */

/* Asserts that n is full_practice, whatever line ends or BOM it came with. */
static void assert_full_practice(const struct node *n)
{
	assert_int_equal(n->type, NODE_PRACTICE);
	assert_int_equal(n->nid, 20001);
	assert_int_equal(n->line, 3);
	assert_string_equal(n->title, "GREEN-ROOFS");
	assert_string_equal(n->country, "Netherlands");
	assert_string_equal(n->city, "Rotterdam");
	assert_string_equal(
		n->subtitle,
		"Turning the flat roofs of a port city into gardens, water buffers and meeting places");
	ASSERT_STRLIST(&n->themes, "Climate adaptation", "Urban greening");
	ASSERT_STRLIST(&n->labels, "URBACT Good Practice");
	ASSERT_STRLIST(&n->relations, "in_partnership_with", "adapted_by_cities_from");
	assert_int_equal(n->population, 651446);
	assert_null(n->author);
	assert_null(n->body);

	static const struct {
		enum section_key key;
		const char *heading, *text;
	} want[] = {
		{SECTION_SUMMARY, "Summary",
		 "Rotterdam has 18 km\xc2\xb2 of flat roofs.\nThe city pays half of the cost."},
		{SECTION_SOLUTION, "The innovative solution", "A roof map shows what each roof can carry."},
		{SECTION_COLLABORATION, "A collaborative and participative work",
		 "Owners and the water board signed a roof pact."},
		{SECTION_IMPACT, "The impact and results",
		 "40 hectares of roofs were greened in five years."},
		{SECTION_TRANSFER, "Why this good practice should be transferred to other cities?",
		 "Every dense city has unused roofs."},
	};
	assert_int_equal(node_section_count(n), 5);
	for (size_t i = 0; i < 5; i++) {
		const struct section *s = node_section(n, i);
		assert_int_equal(s->key, want[i].key);
		assert_string_equal(s->heading, want[i].heading);
		assert_string_equal(s->text, want[i].text);
	}
}

static void practice_with_every_part(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(full_practice, 1);
	assert_full_practice(node_at(p, 0));
	assert_string_equal(node_at(p, 0)->language, ""); /* no detector given */
	parsed_free(p);
}

static void crlf_line_ends(void **state)
{
	(void)state;
	char *crlf = to_crlf(full_practice);
	struct parsed *p = parse_ok(crlf, 1);
	assert_full_practice(node_at(p, 0));
	parsed_free(p);
	free(crlf);
}

static void utf8_bom(void **state)
{
	(void)state;
	char *crlf = to_crlf(full_practice);
	const char *inputs[] = {full_practice, crlf};
	for (size_t i = 0; i < 2; i++) {
		struct buf b;
		buf_init(&b, 1 << 16);
		assert_ok(buf_adds(&b, BOM));
		assert_ok(buf_adds(&b, inputs[i]));
		struct parsed *p = parse_ok(b.data, 1);
		assert_full_practice(node_at(p, 0));
		parsed_free(p);
		buf_free(&b);
	}
	free(crlf);
}

static void bom_before_first_bullet(void **state)
{
	(void)state;
	/* no header: the BOM sits right before the first entry's bullet */
	struct parsed *p =
		parse_ok(BOM BUL " Teaser\n\n    Body text.\n\n    Ana Novak\n\n    See more\n" FOOTER, 1);
	assert_string_equal(node_at(p, 0)->title, "Teaser");
	assert_string_equal(node_at(p, 0)->author, "Ana Novak");
	parsed_free(p);
}

/* ---- the parts of a practice, one at a time ---- */

/* A practice entry with only what is required, then extra body lines. */
#define MINI BUL " Mini\n\n    Spain\n    Bilbao\n\n" SHARE

/* The population of MINI followed by line. */
static int64_t population_of(const char *line)
{
	struct buf b;
	buf_init(&b, 4096);
	assert_ok(buf_printf(&b, "%s    %s\n%s", MINI, line, FOOTER));
	struct parsed *p = parse_ok(b.data, 1);
	int64_t pop = node_at(p, 0)->population;
	parsed_free(p);
	buf_free(&b);
	return pop;
}

static void population_thousands_separators(void **state)
{
	(void)state;
	assert_int_equal(population_of("345821"), 345821);
	assert_int_equal(population_of("345 821"), 345821);
	assert_int_equal(population_of("345" NBSP "821"), 345821);
	assert_int_equal(population_of("345" NNBSP "821"), 345821);
	assert_int_equal(population_of("345,821"), 345821);
	assert_int_equal(population_of("345.821"), 345821);
	assert_int_equal(population_of("1 234 567"), 1234567);
	assert_int_equal(population_of("1" NBSP "234" NBSP "567"), 1234567);
	assert_int_equal(population_of("1" NNBSP "234" NNBSP "567"), 1234567);
	assert_int_equal(population_of("1,234,567"), 1234567);
	assert_int_equal(population_of("1.234.567"), 1234567);
	assert_int_equal(population_of("36"), 36);
	assert_int_equal(population_of("345 821" NBSP " "), 345821); /* trailing space cleaned */
}

static void population_absent_is_unknown(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(MINI FOOTER, 1);
	assert_int_equal(node_at(p, 0)->population, -1);
	assert_null(node_at(p, 0)->subtitle);
	assert_int_equal(node_section_count(node_at(p, 0)), 0);
	assert_int_equal(node_at(p, 0)->nid, 0);
	parsed_free(p);
}

static void population_bad_grouping_is_an_error(void **state)
{
	(void)state;
	const char *bad[] = {"34 5821", "3458 21", "1,234.567", "12,34", "1 234,567", ",345", "12a"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct buf b;
		buf_init(&b, 4096);
		assert_ok(buf_printf(&b, "%s    %s\n%s", MINI, bad[i], FOOTER));
		assert_rejected(b.data, 7,
				"is not a theme, label, population, relation or known section heading");
		buf_free(&b);
	}
}

static void second_population_is_an_error(void **state)
{
	(void)state;
	assert_rejected(MINI "    345 821\n    12 000\n" FOOTER, 8, "\"12 000\" is not a theme");
}

static void themes_labels_relations_sorted_out(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(MINI "    " BUL " Urban Innovative Actions\n"
					 "    " BUL " Poverty\n"
					 "    " BUL " urbact good practice\n"
					 "    " BUL " Poverty\n"
					 "    " BUL " Adapted by cities from\n"
					 "    " BUL " Housing\n"
					 "    " BUL " Adapted by cities from\n" FOOTER,
				    1);
	const struct node *n = node_at(p, 0);
	ASSERT_STRLIST(&n->themes, "Poverty", "Housing");
	ASSERT_STRLIST(&n->labels, "Urban Innovative Actions", "urbact good practice");
	ASSERT_STRLIST(&n->relations, "adapted_by_cities_from");
	parsed_free(p);
}

/* The section key of MINI followed by heading and one paragraph. */
static enum section_key section_key_of(const char *heading)
{
	struct buf b;
	buf_init(&b, 4096);
	assert_ok(buf_printf(&b, "%s\n    %s\n\n    Some text.\n%s", MINI, heading, FOOTER));
	struct parsed *p = parse_ok(b.data, 1);
	const struct node *n = node_at(p, 0);
	assert_int_equal(node_section_count(n), 1);
	enum section_key key = node_section(n, 0)->key;
	assert_string_equal(node_section(n, 0)->heading, heading);
	assert_string_equal(node_section(n, 0)->text, "Some text.");
	parsed_free(p);
	buf_free(&b);
	return key;
}

static void section_headings(void **state)
{
	(void)state;
	assert_int_equal(section_key_of("Summary"), SECTION_SUMMARY);
	assert_int_equal(section_key_of("The innovative solution"), SECTION_SOLUTION);
	assert_int_equal(section_key_of("A collaborative and participative work"), SECTION_COLLABORATION);
	assert_int_equal(section_key_of("The impact and results"), SECTION_IMPACT);
	assert_int_equal(section_key_of("Why this good practice should be transferred to other cities?"),
			 SECTION_TRANSFER);
	assert_int_equal(section_key_of("Why this good practices should be transferred to other cities?"),
			 SECTION_TRANSFER);
	assert_int_equal(section_key_of("Why these good practices should be transferred to other cities?"),
			 SECTION_TRANSFER);
	assert_int_equal(section_key_of("SUMMARY:"), SECTION_SUMMARY);
	assert_int_equal(section_key_of("La solution innovante"), SECTION_SOLUTION);
}

static void sections_in_written_order_empty_dropped(void **state)
{
	(void)state;
	struct parsed *p =
		parse_ok(MINI "    The impact and results\n\n    Impact.\n"
			      "    Summary\n\n" /* nothing under it */
			      "    The innovative solution\n\n    Line one.\n\n    Line two.\n" FOOTER,
			 1);
	const struct node *n = node_at(p, 0);
	assert_int_equal(node_section_count(n), 2);
	assert_int_equal(node_section(n, 0)->key, SECTION_IMPACT);
	assert_int_equal(node_section(n, 1)->key, SECTION_SOLUTION);
	assert_string_equal(node_section(n, 1)->text, "Line one.\nLine two.");
	parsed_free(p);
}

static void ref_nid_without_share_line_makes_a_practice(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " Ref only\n\n    France\n    Agen\n\n    Summary\n\n    Text.\n\n"
					"    Ref nid\n\n    42\n" FOOTER,
				    1);
	assert_int_equal(node_at(p, 0)->type, NODE_PRACTICE);
	assert_int_equal(node_at(p, 0)->nid, 42);
	assert_string_equal(node_at(p, 0)->city, "Agen");
	parsed_free(p);
}

/* ---- teasers ---- */

static const char teasers[] =
	"  " BUL " Ljubljana agreement puts small towns first\n"                     /* 1 */
	"\n"                                                                         /* 2 */
	"    The agreement was signed in November.\n"                                /* 3 */
	"    [[{\"fid\":\"47506\",\"view_mode\":\"default\",\"type\":\"media\"}]]\n" /* 4 */
	"\n"                                                                         /* 5 */
	"    Before [[{\"fid\":\"2\",\n"                                             /* 6 */
	"    \"type\":\"media\"}]] after the token.\n"                               /* 7 */
	"    " NBSP "\n"                                                             /* 8 */
	"\n"                                                                         /* 9 */
	"    Ana Novak\n"                                                            /* 10 */
	"\n"                                                                         /* 11 */
	"    See more\n"                                                             /* 12 */
	"  " BUL " Second teaser\n"                                                  /* 13 */
	"\n"                                                                         /* 14 */
	"    Only a sentence, and no author.\n"                                      /* 15 */
	"\n"                                                                         /* 16 */
	"    See more\n"                                                             /* 17 */
	"  " BUL " Third teaser\n"                                                   /* 18 */
	"    Jean Dupont\n"                                                          /* 19 */
	"    Mayor of Agen\n"                                                        /* 20 */
	"\n"                                                                         /* 21 */
	"    admin_import\n"                                                         /* 22 */
	"    See more\n"                                                             /* 23 */
	FOOTER                                                                       /* 24 */
	"  " BUL " After the footer\n"                                               /* 25 */
	"    not an entry\n";                                                        /* 26 */

static void teasers_title_body_author(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(teasers, 3);
	const struct node *a = node_at(p, 0), *b = node_at(p, 1), *c = node_at(p, 2);
	assert_int_equal(a->type, NODE_ARTICLE);
	assert_int_equal(a->line, 1);
	assert_int_equal(a->nid, 0);
	assert_string_equal(a->title, "Ljubljana agreement puts small towns first");
	assert_string_equal(a->body, "The agreement was signed in November.\nBefore\nafter the token.");
	assert_string_equal(a->author, "Ana Novak");
	assert_null(a->country);
	assert_null(a->subtitle);

	assert_int_equal(b->line, 13);
	assert_string_equal(b->title, "Second teaser");
	assert_string_equal(b->body, "Only a sentence, and no author.");
	assert_null(b->author);

	assert_int_equal(c->line, 18);
	assert_string_equal(c->body, "Jean Dupont\nMayor of Agen");
	assert_string_equal(c->author, "admin_import");
	parsed_free(p);
}

static void teaser_with_title_only(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " Just a title\n" FOOTER, 1);
	assert_int_equal(node_at(p, 0)->type, NODE_ARTICLE);
	assert_null(node_at(p, 0)->body);
	assert_null(node_at(p, 0)->author);
	parsed_free(p);
}

static void media_token_in_practice_section(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(MINI "    Summary\n\n    [[{\"fid\":\"1\"}]]Kept text.\n"
					 "    [[{\"fid\":\"2\",\n\"x\":1}]]\n" FOOTER,
				    1);
	assert_string_equal(node_section(node_at(p, 0), 0)->text, "Kept text.");
	parsed_free(p);
}

/* "[[{" that never closes is text, and must not reach out to the end of a
 * later token, blanking every line in between. */
static void unclosed_media_token_keeps_following_text(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " Teaser\n"
					"    Prices: [[{ to be confirmed.\n"
					"    This paragraph must survive.\n"
					"    [[{\"fid\":\"1\"}]]\n"
					"    Closing words.\n" FOOTER,
				    1);
	assert_string_equal(node_at(p, 0)->body,
			    "Prices: [[{ to be confirmed.\nThis paragraph must survive.\nClosing words.");
	parsed_free(p);
}

static void entries_in_document_order(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " First\n    body one.\n"
					"   " BUL " Second\n    body two.\n" BUL " Third\n" MINI FOOTER,
				    4);
	const char *titles[] = {"First", "Second", "Third", "Mini"};
	const int lines[] = {1, 3, 5, 6};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(node_at(p, i)->title, titles[i]);
		assert_int_equal(node_at(p, i)->line, lines[i]);
	}
	assert_int_equal(node_at(p, 3)->type, NODE_PRACTICE);
	parsed_free(p);
}

static void indented_bullet_is_body_not_entry(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " Entry\n    " BUL " A list item.\n\t" BUL " Another.\n" FOOTER, 1);
	assert_string_equal(node_at(p, 0)->body, BUL " A list item.\n" BUL " Another.");
	parsed_free(p);
}

static void listing_without_footer(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BUL " No footer\n\n    Body.\n\n    Ana Novak", 1);
	assert_string_equal(node_at(p, 0)->author, "Ana Novak");
	parsed_free(p);
}

static void decomposed_text_becomes_nfc(void **state)
{
	(void)state;
	struct parsed *p =
		parse_ok(BUL " Cafe\xcc\x81 Be\xcc\x81zier\n\n    Re\xcc\x81sume\xcc\x81.\n" FOOTER, 1);
	assert_string_equal(node_at(p, 0)->title, "Caf\xc3\xa9 B\xc3\xa9zier");
	assert_string_equal(node_at(p, 0)->body, "R\xc3\xa9sum\xc3\xa9.");
	parsed_free(p);
}

/* ---- listings the parser refuses, with their line ---- */

static void practice_without_country_and_city(void **state)
{
	(void)state;
	assert_rejected(BUL " Teaser\n\n    Text.\n" BUL " NO-PLACE\n\n    " BUL
			    " Poverty\n" SHARE FOOTER, /* entry on line 4 */
			4, "practice \"NO-PLACE\" has no country and city");
	assert_rejected(BUL " NO-PLACE\n" SHARE "    Ref nid\n    5\n" FOOTER, 1, "has no country and city");
}

static void practice_with_country_but_no_city(void **state)
{
	(void)state;
	assert_rejected(BUL " HALF\n\n    Spain\n\n    Subtitle\n" SHARE FOOTER, 3,
			"has a country (\"Spain\") but no city");
}

static void ref_nid_not_a_number(void **state)
{
	(void)state;
	assert_rejected(MINI "    Ref nid\n    17a65\n" FOOTER, 8,
			"Ref nid \"17a65\" is not a nid");
	assert_rejected(MINI "    Ref nid\n\n    0\n" FOOTER, 9, "Ref nid \"0\" is not a nid");
	assert_rejected(MINI "    Ref nid\n    -4\n" FOOTER, 8, "is not a nid");
	assert_rejected(MINI "    Ref nid\n    99999999999999999999\n" FOOTER, 8, "is not a nid");
	assert_rejected(MINI "    Ref nid\n    9007199254740992\n" FOOTER, 8, "from 1 to 9007199254740991");
	assert_rejected(MINI "    Ref nid\n" FOOTER, 7, "\"Ref nid\" is not followed by a number");
}

static void text_after_ref_nid(void **state)
{
	(void)state;
	assert_rejected(MINI "    Ref nid\n    5\n    stray\n" FOOTER, 9,
			"unexpected text after its Ref nid");
}

static void unknown_line_among_practice_metadata(void **state)
{
	(void)state;
	assert_rejected(MINI "    " BUL " Poverty\n    Summery\n\n    Text.\n" FOOTER, 8,
			"practice \"Mini\": \"Summery\" is not a theme, label, population, relation or known "
			"section heading");
}

static void section_twice(void **state)
{
	(void)state;
	assert_rejected(MINI "    Summary\n\n    One.\n    Summary\n\n    Two.\n" FOOTER, 10,
			"section \"Summary\" appears twice");
}

static void bullet_without_title(void **state)
{
	(void)state;
	assert_rejected(BUL " Fine\n" BUL "\n    Body\n" FOOTER, 2, "an entry bullet without a title");
	assert_rejected(BUL " Fine\n" BUL NBSP "\n    Body\n" FOOTER, 2, "an entry bullet without a title");
}

static void no_entries(void **state)
{
	(void)state;
	assert_rejected("", 1, "no entries");
	assert_rejected("Just a page header\n\nwith no bullet\n" FOOTER, 1, "no entries");
	assert_rejected(FOOTER BUL " After the footer\n", 1, "no entries");
	assert_rejected(BOM "\r\n", 1, "no entries");
}

static void duplicate_nid_in_listing(void **state)
{
	(void)state;
	assert_rejected(MINI "    Ref nid\n    7\n" /* lines 1-8 */
			BUL " Teaser\n"             /* 9 */
			BUL " Other\n\n    France\n    Lyon\n" SHARE
			     "    Ref nid\n    7\n" FOOTER, /* entry on line 10 */
			10, "nid 7 is already used by the entry on line 1");
}

static void rejection_empties_the_node_vector(void **state)
{
	(void)state;
	/* two good entries, then a bad one: nothing comes out, even what was
	 * in the vector before the call */
	const char *text = MINI BUL " Good teaser\n" BUL " BAD\n" SHARE FOOTER;
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	struct node *before = node_new(NODE_ARTICLE);
	assert_ok(ptrvec_push(&nodes, before));
	struct ingest_diag d;
	ingest_diag_init(&d);
	assert_int_equal(ingest_parse(text, strlen(text), NULL, &nodes, &d), PX_EPARSE);
	assert_int_equal(d.line, 8);
	assert_int_equal(ptrvec_len(&nodes), 0);
	ingest_diag_free(&d);
	ptrvec_free(&nodes);
}

static void parse_appends_to_the_vector(void **state)
{
	(void)state;
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	struct ingest_diag d;
	ingest_diag_init(&d);
	const char *a = BUL " A\n", *b = BUL " B\n" BUL " C\n";
	assert_ok(ingest_parse(a, strlen(a), NULL, &nodes, &d));
	assert_ok(ingest_parse(b, strlen(b), NULL, &nodes, &d));
	assert_int_equal(ptrvec_len(&nodes), 3);
	assert_string_equal(((struct node *)ptrvec_get(&nodes, 2))->title, "C");
	ingest_nodes_free(&nodes);
	assert_int_equal(ptrvec_len(&nodes), 0);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(practice_with_every_part),
		cmocka_unit_test(crlf_line_ends),
		cmocka_unit_test(utf8_bom),
		cmocka_unit_test(bom_before_first_bullet),
		cmocka_unit_test(population_thousands_separators),
		cmocka_unit_test(population_absent_is_unknown),
		cmocka_unit_test(population_bad_grouping_is_an_error),
		cmocka_unit_test(second_population_is_an_error),
		cmocka_unit_test(themes_labels_relations_sorted_out),
		cmocka_unit_test(section_headings),
		cmocka_unit_test(sections_in_written_order_empty_dropped),
		cmocka_unit_test(ref_nid_without_share_line_makes_a_practice),
		cmocka_unit_test(teasers_title_body_author),
		cmocka_unit_test(teaser_with_title_only),
		cmocka_unit_test(media_token_in_practice_section),
		cmocka_unit_test(unclosed_media_token_keeps_following_text),
		cmocka_unit_test(entries_in_document_order),
		cmocka_unit_test(indented_bullet_is_body_not_entry),
		cmocka_unit_test(listing_without_footer),
		cmocka_unit_test(decomposed_text_becomes_nfc),
		cmocka_unit_test(practice_without_country_and_city),
		cmocka_unit_test(practice_with_country_but_no_city),
		cmocka_unit_test(ref_nid_not_a_number),
		cmocka_unit_test(text_after_ref_nid),
		cmocka_unit_test(unknown_line_among_practice_metadata),
		cmocka_unit_test(section_twice),
		cmocka_unit_test(bullet_without_title),
		cmocka_unit_test(no_entries),
		cmocka_unit_test(duplicate_nid_in_listing),
		cmocka_unit_test(rejection_empties_the_node_vector),
		cmocka_unit_test(parse_appends_to_the_vector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
