/* ingest/csv.c: the RFC 4180 cursor, and CSV rows into nodes (through
 * ingest_parse, as the CLI reads a file). */
#include "ingest_test.h"

/* The records of text, each cell followed by '|' and each record by '\n',
 * with each record's first line: "a|b|\n" for the record a,b. Fails the
 * test on a parse error. */
static char *records(const char *text, int *rows, size_t max_rows)
{
	struct ingest_csv c;
	struct buf out, why;
	ingest_csv_init(&c, text, strlen(text));
	buf_init(&out, BUF_CAP_DEFAULT);
	buf_init(&why, 1024);
	assert_ok(buf_adds(&out, ""));
	int got;
	for (size_t r = 0;; r++) {
		enum px_err err = ingest_csv_next(&c, &got, &why);
		if (err)
			print_error("%s\n", why.data ? why.data : "");
		assert_ok(err);
		if (!got)
			break;
		assert_true(r < max_rows);
		rows[r] = c.row;
		for (size_t i = 0; i < ptrvec_len(&c.cells); i++)
			assert_ok(buf_printf(&out, "%s|", (const char *)ptrvec_get(&c.cells, i)));
		assert_ok(buf_addc(&out, '\n'));
	}
	ingest_csv_free(&c);
	buf_free(&why);
	return buf_take(&out);
}

static void assert_records(const char *text, const char *want, const int *want_rows, size_t n)
{
	int rows[16] = {0};
	char *got = records(text, rows, 16);
	assert_string_equal(got, want);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i], want_rows[i]);
	free(got);
}

/* Asserts that the cursor refuses text at a record starting on line row,
 * with a reason containing want. */
static void assert_cursor_refuses(const char *text, int row, const char *want)
{
	struct ingest_csv c;
	struct buf why;
	ingest_csv_init(&c, text, strlen(text));
	buf_init(&why, 1024);
	enum px_err err = PX_OK;
	int got = 1;
	while (!err && got)
		err = ingest_csv_next(&c, &got, &why);
	assert_int_equal(err, PX_EPARSE);
	assert_int_equal(c.row, row);
	assert_non_null(strstr(why.data, want));
	ingest_csv_free(&c);
	buf_free(&why);
}

static void empty_cells(void **state)
{
	(void)state;
	assert_records("a,,c\n,,\n\"\",x,\"\"\n", "a||c|\n|||\n|x||\n", (int[]){1, 2, 3}, 3);
	assert_records("a,", "a||\n", (int[]){1}, 1); /* a comma at the end: one more, empty */
}

static void quoted_cells(void **state)
{
	(void)state;
	assert_records("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n", "a,b|say \"hi\"|\"|\n", (int[]){1}, 1);
	/* a newline inside quotes is the cell's; the next record's line counts it */
	assert_records("\"one\ntwo\n\",x\ny,z\n", "one\ntwo\n|x|\ny|z|\n", (int[]){1, 4}, 2);
}

static void crlf_inside_quotes_is_kept(void **state)
{
	(void)state;
	assert_records("\"a\r\nb\",c\r\nd,e\r\n", "a\r\nb|c|\nd|e|\n", (int[]){1, 3}, 2);
	/* a bare CR not before LF is text */
	assert_records("a\rb,c\n", "a\rb|c|\n", (int[]){1}, 1);
}

static void trailing_newline_or_none(void **state)
{
	(void)state;
	const char *want = "a|b|\nc|d|\n";
	assert_records("a,b\r\nc,d\r\n", want, (int[]){1, 2}, 2);
	assert_records("a,b\r\nc,d", want, (int[]){1, 2}, 2);
	assert_records("a,b\nc,d\n", want, (int[]){1, 2}, 2);
	assert_records("a,b\nc,\"d\"", want, (int[]){1, 2}, 2);
	assert_records("", "", NULL, 0);
}

static void blank_lines_skipped_and_counted(void **state)
{
	(void)state;
	assert_records("\r\na,b\n\n\r\nc,d\n\n", "a|b|\nc|d|\n", (int[]){2, 5}, 2);
}

static void malformed_quotes(void **state)
{
	(void)state;
	assert_cursor_refuses("a,b\nc,\"d\ne\n", 2, "a quote that is never closed");
	assert_cursor_refuses("a,b\n\"c\"d,e\n", 2, "text after the closing quote");
	assert_cursor_refuses("a,b\nx\"y,e\n", 2, "a quote inside an unquoted cell");
	assert_cursor_refuses("\"a\nb\",c\n\"d", 3, "never closed"); /* the record's first line */
}

/* ---- rows into nodes ---- */

#define HEAD "nid,type,title,country,population,lat,lon,names,website,body\r\n"

static void rows_become_nodes(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(BOM HEAD "7,city,\"Łódź\",Poland,655279,51.7769,-9.5,\"Lodz | Lodsch\","
					     "https://uml.lodz.pl/,\"Line one,\r\nline \"\"two\"\"\"\r\n"
					     ",city,Valletta,Malta,,,,,,\r\n",
				    2);
	const struct node *a = node_at(p, 0), *b = node_at(p, 1);
	assert_int_equal(a->nid, 7);
	assert_int_equal(a->type, NODE_CITY);
	assert_string_equal(a->title, "Łódź");
	assert_int_equal(a->population, 655279);
	assert_true(a->lat == 51.7769 && a->lon == -9.5);
	ASSERT_STRLIST(&a->names, "Lodz", "Lodsch");
	assert_string_equal(a->body, "Line one,\r\nline \"two\"");
	assert_int_equal(a->line, 2);
	assert_int_equal(b->nid, 0);
	assert_int_equal(b->population, -1);
	assert_null(b->body);
	assert_int_equal(b->line, 4); /* the quoted newline above counts */
	parsed_free(p);
}

static void columns_in_any_order_and_objects(void **state)
{
	(void)state;
	struct parsed *p = parse_ok(
		"type,city,title,country,labelled,contact,partners,summary,transfer,themes\n"
		"practice,Bologna,\"'=ORTI\",Italy,2017,\"{\"\"name\"\":\"\"Giulia\"\"}\","
		"\"[{\"\"city\"\":\"\"Gent\"\",\"\"country\"\":\"\"Belgium\"\"}]\",Orti.,\"'@tutti\","
		"\"''-a | b\"\n",
		1);
	const struct node *n = node_at(p, 0);
	assert_string_equal(n->title, "=ORTI"); /* the export's apostrophe is taken off */
	assert_string_equal(n->city, "Bologna");
	assert_int_equal(n->labelled, 2017);
	assert_string_equal(n->contact->name, "Giulia");
	assert_null(n->contact->email);
	assert_int_equal(ptrvec_len(&n->partners), 1);
	assert_string_equal(((const struct node_place *)ptrvec_get(&n->partners, 0))->city, "Gent");
	ASSERT_STRLIST(&n->themes, "'-a", "b"); /* one apostrophe off, before the split */
	assert_int_equal(node_section_count(n), 2);
	assert_string_equal(node_section(n, 0)->heading, "Summary");
	assert_string_equal(node_section(n, 1)->text, "@tutti");
	assert_string_equal(node_section(n, 1)->heading,
			    "Why this good practice should be transferred to other cities?");
	parsed_free(p);
}

static void a_cell_that_was_not_defused_is_taken_as_it_is(void **state)
{
	(void)state;
	struct parsed *p = parse_ok("type,title,body\narticle,-1 day,'x\n", 1);
	assert_string_equal(node_at(p, 0)->title, "-1 day");
	assert_string_equal(node_at(p, 0)->body, "'x");
	parsed_free(p);
}

static void decomposed_cells_become_nfc(void **state)
{
	(void)state;
	struct parsed *p = parse_ok("type,title,author\narticle,Cafe\xcc\x81,\"Jose\xcc\x81\"\n", 1);
	assert_string_equal(node_at(p, 0)->title, "Caf\xc3\xa9");
	assert_string_equal(node_at(p, 0)->author, "Jos\xc3\xa9");
	parsed_free(p);
}

static void a_header_alone_is_no_nodes(void **state)
{
	(void)state;
	parsed_free(parse_ok(HEAD, 0));
}

/* ---- rejected files ---- */

static void bad_header(void **state)
{
	(void)state;
	assert_rejected("type,title,colour\narticle,x,red\n", 1, "unknown column \"colour\" (column 3)");
	assert_rejected("type,title,title\narticle,x,y\n", 1, "column \"title\" appears twice");
	assert_rejected("type,title,\narticle,x,\n", 1, "unknown column \"\"");
	assert_rejected("type,\"ti\"tle\narticle,x\n", 1, "cell 2: text after the closing quote");
	/* the message is one line, and cuts no character in two */
	assert_rejected("type,\"ti\ntle\"\narticle,x\n", 1, "unknown column \"ti tle\"");
#define E5 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	assert_rejected("type,title,country,population\ncity,X,Malta,x" E5 E5 E5 E5 E5 "\n", 2,
			"not \"x" E5 E5 E5 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"");
#undef E5
}

static void header_without_type(void **state)
{
	(void)state;
	struct ptrvec nodes;
	struct ingest_diag d;
	ptrvec_init(&nodes);
	ingest_diag_init(&d);
	const char *text = "nid,title\n1,x\n"; /* not detected as CSV: read directly */
	assert_int_equal(ingest_csv_parse(text, strlen(text), &nodes, &d), PX_EPARSE);
	assert_int_equal(d.line, 1);
	assert_string_equal(d.msg.data, "the header has no \"type\" column");
	assert_int_equal(ptrvec_len(&nodes), 0);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
}

static void bad_rows(void **state)
{
	(void)state;
	/* at the row's first line, whatever lines its cells span */
	assert_rejected("type,title,body\narticle,a,\"x\ny\"\narticle,b\n", 4,
			"2 cells, but the header has 3 columns");
	assert_rejected("type,title\narticle,a,b\n", 2, "3 cells, but the header has 2 columns");
	assert_rejected("type,title,body\narticle,a,\"x\ny\"\narticle,b,\"open\nnever closed\n", 4,
			"column \"body\": a quote that is never closed");
	assert_rejected("type,title,body\narticle,a,b\"c\n", 2, "column \"body\": a quote inside");
	assert_rejected("nid,type,title\n1,article,a\n2,article,\"b\"c\n", 3, "column \"title\": text after");
}

static void cells_the_model_refuses(void **state)
{
	(void)state;
	assert_rejected("type,title,country,population\ncity,X,Malta,many\n", 2,
			"\"population\" must be a whole number, not \"many\"");
	assert_rejected("type,title,country,lat\ncity,X,Malta,91\n", 2, "\"lat\"");
	assert_rejected("type,title,author\npractice,X,someone\n", 2, "a practice has no \"author\"");
	assert_rejected("type,title\nboat,X\n", 2, "\"type\" must be");
	assert_rejected("type,title,contact\npractice,X,{\n", 2, "\"contact\" must hold JSON");
	assert_rejected("nid,type,title\n3,article,A\n3,article,B\n", 3, "nid 3 is already used");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_cells),
		cmocka_unit_test(quoted_cells),
		cmocka_unit_test(crlf_inside_quotes_is_kept),
		cmocka_unit_test(trailing_newline_or_none),
		cmocka_unit_test(blank_lines_skipped_and_counted),
		cmocka_unit_test(malformed_quotes),
		cmocka_unit_test(rows_become_nodes),
		cmocka_unit_test(columns_in_any_order_and_objects),
		cmocka_unit_test(a_cell_that_was_not_defused_is_taken_as_it_is),
		cmocka_unit_test(decomposed_cells_become_nfc),
		cmocka_unit_test(a_header_alone_is_no_nodes),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(header_without_type),
		cmocka_unit_test(bad_rows),
		cmocka_unit_test(cells_the_model_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
