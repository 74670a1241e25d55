/* The field table (model/field.c) walked: every field of every type, and
 * every sub-field, holding a value made from its kind (field_values.h),
 * must come back unchanged through JSON, CSV and the store; private values
 * must stay out of what the public sees; the table itself must be
 * well-formed. No field is named here but the contract's (PRODUCT.md): a
 * field added to the table is tested the moment it is added.
 *
 * Every problem found is printed and counted, and a test fails at its end,
 * so one run lists every field that does not round-trip. */
#include "../unit.h"

#include "field_values.h"
#include "../store/fixture.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* JSON of v for a message, cut at 200 bytes. */
static const char *shown(const json_t *v, char out[256])
{
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	snprintf(out, 256, "%.200s%s", s ? s : "(absent)", s && strlen(s) > 200 ? "..." : "");
	free(s);
	return out;
}

/* n's export object without its nid; headings 0 blanks the sections'
 * headings (CSV and the form do not carry them), stamps 0 drops the dates. */
static json_t *content(const struct node *n, int headings, int stamps)
{
	json_t *o = node_to_json(n);
	assert_non_null(o);
	json_object_del(o, "nid");
	for (const struct field *f = node_fields(n->type); f->key; f++) {
		if (!stamps && (f->flags & FIELD_STAMP))
			json_object_del(o, f->key);
		size_t i;
		json_t *s;
		if (!headings && f->kind == FK_SECTIONS && json_is_array(json_object_get(o, f->key)))
			json_array_foreach (json_object_get(o, f->key), i, s)
				json_object_set_new(s, "heading", json_string(""));
	}
	return o;
}

/* Reports (under ctx) every key whose value differs between want and got. */
static void compare(const char *ctx, const char *way, const struct node *want, const struct node *got, int headings,
		    int stamps)
{
	json_t *a = content(want, headings, stamps), *b = content(got, headings, stamps);
	const char *k;
	json_t *v;
	char x[256], y[256];
	if (want->type != got->type)
		problem("%s: %s: type %s came back as %s", ctx, way, node_type_name(want->type),
			node_type_name(got->type));
	json_object_foreach (a, k, v)
		if (!json_equal(v, json_object_get(b, k)))
			problem("%s: %s: \"%s\" went in as %s, came back as %s", ctx, way, k, shown(v, x),
				shown(json_object_get(b, k), y));
	/* in memory too: a loss in the writer would be on both sides above */
	for (const struct field *f = node_fields(want->type); f->key; f++)
		if ((stamps || !(f->flags & FIELD_STAMP)) && !fv_same(want, got, f, headings) &&
		    json_equal(json_object_get(a, f->key), json_object_get(b, f->key)))
			problem("%s: %s: \"%s\" is written the same (%s) but holds another value", ctx, way, f->key,
				shown(json_object_get(a, f->key), x));
	json_object_foreach (b, k, v)
		if (!json_object_get(a, k))
			problem("%s: %s: \"%s\" came back from nowhere: %s", ctx, way, k, shown(v, x));
	json_decref(a);
	json_decref(b);
}

/* ---- the table itself ---- */

static void check_fields(const char *type, const struct field *fields, int depth)
{
	for (const struct field *f = fields; f->key; f++) {
		if (!f->label || !*f->label)
			problem("%s.%s has no label", type, f->key);
		for (const struct field *g = fields; g != f; g++)
			if (!strcmp(g->key, f->key))
				problem("%s: key \"%s\" twice", type, f->key);
		if (!strcmp(f->key, "nid") || !strcmp(f->key, "type"))
			problem("%s: \"%s\" is the node's own, not a field", type, f->key);
		if ((f->kind == FK_OBJECT || f->kind == FK_OBJECTS) &&
		    (!f->sub || !f->sub[0].key || f->sub_size == 0))
			problem("%s.%s is an object without sub-fields", type, f->key);
		if (f->kind != FK_OBJECT && f->kind != FK_OBJECTS && f->sub)
			problem("%s.%s has sub-fields but is no object", type, f->key);
		if ((f->kind == FK_INT || f->kind == FK_NID) && (f->min < 0 || f->max < f->min))
			problem("%s.%s: range [%lld, %lld]: -1 means unset, so a number field is >= 0", type,
				f->key, (long long)f->min, (long long)f->max);
		if (f->kind == FK_REAL && f->max <= f->min)
			problem("%s.%s: empty range", type, f->key);
		if ((f->flags & FIELD_STAMP) && f->kind != FK_DATE)
			problem("%s.%s: a stamp that is not a date", type, f->key);
		if ((f->check == CHECK_PRACTICE || f->check == CHECK_NETWORK) && f->kind != FK_NID)
			problem("%s.%s: a reference to a node that is not a nid", type, f->key);
		if (depth && (f->kind == FK_OBJECT || f->kind == FK_OBJECTS || f->kind == FK_SECTIONS))
			problem("%s.%s: objects in objects are not written by the form", type, f->key);
		if (f->sub)
			check_fields(type, f->sub, depth + 1);
	}
}

static void the_table_is_well_formed(void **state)
{
	(void)state;
	fv_assert_every_type();
	for (size_t t = 0; t < FV_NTYPES; t++)
		check_fields(node_type_name(fv_types[t]), node_fields(fv_types[t]), 0);
	assert_null(node_fields((enum node_type)0));
	assert_null(node_fields((enum node_type)(NODE_TYPE_MAX + 1)));
	assert_no_problems("the table");
}

/* PRODUCT.md, "Data model": the contract's keys, first, in this order; the
 * dates right after them. */
static void the_contract_comes_first(void **state)
{
	(void)state;
	static const struct {
		enum node_type type;
		const char *keys[16];
	} contract[] = {
		{NODE_PRACTICE,
		 {"title", "subtitle", "country", "city", "themes", "labels", "population", "relations", "language",
		  "sections", NULL}},
		{NODE_ARTICLE, {"title", "author", "language", "body", NULL}},
	};
	for (size_t c = 0; c < sizeof contract / sizeof contract[0]; c++) {
		const struct field *f = node_fields(contract[c].type);
		size_t i = 0;
		for (; contract[c].keys[i]; i++, f++)
			if (!f->key || strcmp(f->key, contract[c].keys[i]) || !(f->flags & FIELD_CONTRACT))
				problem("%s: key %zu is \"%s\", the contract says \"%s\" (a contract field)",
					node_type_name(contract[c].type), i, f->key ? f->key : "(end)",
					contract[c].keys[i]);
		if (!f->key || strcmp(f[0].key, "created") || !f[1].key || strcmp(f[1].key, "changed"))
			problem("%s: the dates do not follow the contract's keys", node_type_name(contract[c].type));
		for (; f->key; f++)
			if (f->flags & FIELD_CONTRACT)
				problem("%s.%s: a contract field after the contract's keys",
					node_type_name(contract[c].type), f->key);
	}
	/* a city or a network has no contract of its own: a field of theirs
	 * marked so can only share a contract key's column (title, language) */
	for (size_t t = 0; t < FV_NTYPES; t++)
		if (fv_types[t] == NODE_CITY || fv_types[t] == NODE_NETWORK)
			for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
				const struct field *p = node_field(NODE_PRACTICE, f->key), *a = node_field(NODE_ARTICLE, f->key);
				if ((f->flags & FIELD_CONTRACT) && !(p && (p->flags & FIELD_CONTRACT)) &&
				    !(a && (a->flags & FIELD_CONTRACT)))
					problem("%s.%s is marked as the contract's", node_type_name(fv_types[t]), f->key);
			}
	assert_no_problems("the contract's keys");
}

/* ---- CSV: a tiny RFC 4180 reader ---- */

/* Reads one record at *p (cells quoted or not, "" for a quote, CRLF at
 * the end) into cells[] (malloc'd strings); returns their number and moves
 * *p past the record. */
static size_t csv_record(const char **p, char **cells, size_t max)
{
	const char *s = *p;
	size_t n = 0;
	for (;;) {
		struct buf cell;
		buf_init(&cell, BUF_CAP_DEFAULT);
		assert_ok(buf_adds(&cell, ""));
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					fail_msg("CSV: a quoted cell does not end");
				if (*s == '"' && s[1] == '"')
					assert_ok(buf_addc(&cell, '"')), s++;
				else if (*s == '"')
					break;
				else
					assert_ok(buf_addc(&cell, *s));
			}
			s++;
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
				if (*s == '"')
					fail_msg("CSV: a quote inside an unquoted cell");
				assert_ok(buf_addc(&cell, *s));
			}
		}
		assert_true(n < max);
		cells[n++] = buf_take(&cell);
		buf_free(&cell);
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] != '\r' || s[1] != '\n')
			fail_msg("CSV: a record that does not end with CRLF (at \"%.20s\")", s);
		*p = s + 2;
		return n;
	}
}

static void cells_free(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
}

#define CSV_MAX 256

/* ---- the round trips ---- */

/* Export line -> text -> node, as an export is ingested again. */
static void json_round_trip(const char *ctx, const struct node *n)
{
	struct buf why, line, again;
	buf_init(&why, 4096);
	buf_init(&line, BUF_CAP_DEFAULT);
	buf_init(&again, BUF_CAP_DEFAULT);
	assert_ok(node_write_jsonl(n, &line));
	json_error_t jerr;
	json_t *j = json_loadb(line.data, line.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		fail_msg("%s: JSON: its own line is not JSON: %s", ctx, jerr.text);
	struct node *back = node_from_json(j, &why);
	json_decref(j);
	if (!back) {
		problem("%s: JSON: its own export is refused: %s", ctx, why.data ? why.data : "?");
	} else {
		if (!node_equal(n, back))
			problem("%s: JSON: node_equal says the node read back differs", ctx);
		compare(ctx, "JSON", n, back, 1, 1);
		assert_ok(node_write_jsonl(back, &again));
		if (line.len != again.len || memcmp(line.data, again.data, line.len))
			problem("%s: JSON: the line read back is written differently:\n    %.300s\n    %.300s", ctx,
				line.data, again.data);
		if (n->dated != back->dated)
			problem("%s: JSON: dated %d came back %d", ctx, n->dated, back->dated);
	}
	node_free(back);
	buf_free(&why);
	buf_free(&line);
	buf_free(&again);
}

static void csv_round_trip(const char *ctx, const struct node *n)
{
	struct buf head, row, why;
	buf_init(&head, BUF_CAP_DEFAULT);
	buf_init(&row, BUF_CAP_DEFAULT);
	buf_init(&why, 4096);
	assert_ok(node_write_csv_header(&head));
	assert_ok(node_write_csv(n, 1, &row));
	char *hcells[CSV_MAX], *rcells[CSV_MAX];
	const char *p = head.data, *q = row.data;
	size_t nh = csv_record(&p, hcells, CSV_MAX), nr = csv_record(&q, rcells, CSV_MAX);
	if (*p || *q)
		problem("%s: CSV: more than one record", ctx);
	if (nh != nr)
		problem("%s: CSV: %zu header cells, %zu in the row", ctx, nh, nr);
	const char *undone[CSV_MAX]; /* the apostrophe a reader drops, as ingest/csv.c does */
	for (size_t i = 0; i < nr; i++)
		undone[i] = rcells[i] + px_csv_undefuse(rcells[i]);
	struct node *back = node_from_csv((const char *const *)hcells, undone, nh < nr ? nh : nr, &why);
	if (!back) {
		problem("%s: CSV: its own row is refused: %s", ctx, why.data ? why.data : "?");
	} else {
		compare(ctx, "CSV", n, back, 0, 1);
		if (back->nid != n->nid)
			problem("%s: CSV: nid %lld came back %lld", ctx, (long long)n->nid, (long long)back->nid);
	}
	node_free(back);
	cells_free(hcells, nh);
	cells_free(rcells, nr);
	buf_free(&head);
	buf_free(&row);
	buf_free(&why);
}

/* Calls fn(ctx, node) for every type, every field and every variant. */
static void each_value(void (*fn)(const char *ctx, const struct node *n))
{
	fv_assert_every_type();
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++)
			for (int v = 0; v < FV_COUNT; v++) {
				char ctx[128];
				snprintf(ctx, sizeof ctx, "%s.%s (%s)", node_type_name(fv_types[t]), f->key,
					 fv_variant_names[v]);
				struct node *n = fv_node(fv_types[t], f, (enum fv_variant)v, 17063);
				if (!field_is_set(n, f))
					problem("%s: the value made for it is unset", ctx);
				fn(ctx, n);
				node_free(n);
			}
}

static void every_field_round_trips_through_json(void **state)
{
	(void)state;
	each_value(json_round_trip);
	assert_no_problems("JSON");
}

static void every_field_round_trips_through_csv(void **state)
{
	(void)state;
	each_value(csv_round_trip);
	assert_no_problems("CSV");
}

/* Every key of every type has a CSV column (the columns are built from
 * the table into a fixed array). */
static void every_key_has_a_csv_column(void **state)
{
	(void)state;
	struct buf head;
	buf_init(&head, BUF_CAP_DEFAULT);
	assert_ok(node_write_csv_header(&head));
	char *cells[CSV_MAX];
	const char *p = head.data;
	size_t n = csv_record(&p, cells, CSV_MAX);
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			size_t i = 0;
			while (i < n && strcmp(cells[i], f->key))
				i++;
			if (f->kind != FK_SECTIONS && i == n)
				problem("%s.%s has no CSV column", node_type_name(fv_types[t]), f->key);
		}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(cells[i], cells[j]))
				problem("CSV column \"%s\" twice", cells[i]);
	cells_free(cells, n);
	buf_free(&head);
	assert_no_problems("the CSV columns");
}

/* A cell a spreadsheet would run (= + - @) is written with a leading
 * apostrophe; reading the row back must give the value as it was (a
 * Markdown list in a body starts with "- "). */
static void csv_formula_guard_reads_back(void **state)
{
	(void)state;
	static const char *const leads[] = {"=1+2 ", "+33 ", "- Łódź ", "@home "};
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			if ((f->kind != FK_STRING && f->kind != FK_TEXT && f->kind != FK_STRINGS && f->kind != FK_SECTIONS) ||
			    f->check != CHECK_NONE)
				continue;
			for (size_t l = 0; l < sizeof leads / sizeof leads[0]; l++) {
				struct node *n = fv_node(fv_types[t], f, FV_MID, 5);
				char **s = f->kind == FK_STRINGS    ? (char **)(void *)((struct strlist *)FIELD_AT(n, f))->v.b.data
					   : f->kind == FK_SECTIONS ? &((struct section *)ptrvec_get(FIELD_AT(n, f), 0))->text
								    : FIELD_AT(n, f);
				size_t len = strlen(leads[l]);
				char *v = malloc(len + 8), ctx[128];
				assert_non_null(v);
				memcpy(v, leads[l], len);
				memcpy(v + len, "value", 6);
				free(*s);
				*s = v;
				snprintf(ctx, sizeof ctx, "%s.%s starting with '%c'", node_type_name(fv_types[t]),
					 f->key, leads[l][0]);
				csv_round_trip(ctx, n);
				node_free(n);
			}
		}
	assert_no_problems("CSV cells starting with = + - @");
}

/* ---- the store ---- */

static void put(struct fx *fx, struct node *n, const char *ctx, struct store_report *rep)
{
	struct ptrvec v;
	ptrvec_init(&v);
	assert_ok(ptrvec_push(&v, n));
	buf_reset(&fx->why);
	enum px_err err = store_nodes_put(fx->st, &v, "test_field", rep, &fx->why);
	if (err)
		problem("%s: store: refused: %s: %s", ctx, px_strerror(err), fx->why.len ? fx->why.data : "");
	ptrvec_free(&v);
}

static void every_field_round_trips_through_the_store(void **state)
{
	struct fx *fx = *state;
	fv_assert_every_type();
	for (int v = 0; v < FV_COUNT; v++) {
		struct store_report rep;
		/* what the checked nids name, first */
		struct node *p = fv_base(NODE_PRACTICE, fv_ref(CHECK_PRACTICE, (enum fv_variant)v));
		struct node *w = fv_base(NODE_NETWORK, fv_ref(CHECK_NETWORK, (enum fv_variant)v));
		put(fx, p, "the practice named", &rep);
		put(fx, w, "the network named", &rep);
		node_free(p);
		node_free(w);
		int64_t nid = 100 + 1000 * v;
		for (size_t t = 0; t < FV_NTYPES; t++)
			for (const struct field *f = node_fields(fv_types[t]); f->key; f++, nid++) {
				char ctx[128];
				snprintf(ctx, sizeof ctx, "%s.%s (%s)", node_type_name(fv_types[t]), f->key,
					 fv_variant_names[v]);
				struct node *n = fv_node(fv_types[t], f, (enum fv_variant)v, nid), *back = NULL;
				put(fx, n, ctx, &rep);
				enum px_err err = store_node_get(fx->st, nid, &back);
				if (err) {
					problem("%s: store: not read back: %s", ctx, px_strerror(err));
				} else {
					compare(ctx, "store", n, back, 1, n->dated);
					/* the same node again changes nothing */
					put(fx, n, ctx, &rep);
					if (rep.unchanged != 1)
						problem("%s: store: put again: %zu added, %zu updated, %zu unchanged", ctx,
							rep.added, rep.updated, rep.unchanged);
					struct node *again = NULL;
					if (store_node_get(fx->st, nid, &again) == PX_OK &&
					    (strcmp(again->created, back->created) || strcmp(again->changed, back->changed)))
						problem("%s: store: put again, its dates changed: %s %s -> %s %s", ctx,
							back->created, back->changed, again->created, again->changed);
					node_free(again);
				}
				node_free(back);
				node_free(n);
			}
	}
	assert_no_problems("the store");
}

/* ---- private values ---- */

struct seen {
	const char *value;
	int found;
};

static int saw(const char *s, void *arg)
{
	struct seen *x = arg;
	x->found |= strstr(s, x->value) != NULL;
	return 0;
}

/* Checks that the private sub-field s of f, set in n, is in the export and
 * the operator's CSV, and nowhere the public sees. */
static void check_private(const char *ctx, const struct node *n, const struct field *f, const struct field *s,
			  const char *value)
{
	json_t *full = node_to_json(n), *pub = node_to_public_json(n);
	char *fs = json_dumps(full, 0), *ps = json_dumps(pub, 0);
	struct buf csv1, csv0;
	buf_init(&csv1, BUF_CAP_DEFAULT);
	buf_init(&csv0, BUF_CAP_DEFAULT);
	assert_ok(node_write_csv(n, 1, &csv1));
	assert_ok(node_write_csv(n, 0, &csv0));
	if (!strstr(fs, value))
		problem("%s: not in the export (node_to_json)", ctx);
	if (!strstr(csv1.data, value))
		problem("%s: not in the operator's CSV (node_write_csv private 1)", ctx);
	if (strstr(ps, value))
		problem("%s: in node_to_public_json: %.300s", ctx, ps);
	if (strstr(csv0.data, value))
		problem("%s: in node_write_csv(n, 0, ...): %.300s", ctx, csv0.data);
	const json_t *o = json_object_get(pub, f->key);
	if (s != f && json_is_array(o))
		o = json_array_get(o, 0);
	if (s != f && json_object_get(o, s->key))
		problem("%s: the public object has the key \"%s\"", ctx, s->key);
	struct seen x = {value, 0};
	field_each_string(n, f, saw, &x); /* what the index and the pages read */
	if (x.found)
		problem("%s: field_each_string gives it", ctx);
	free(fs);
	free(ps);
	json_decref(full);
	json_decref(pub);
	buf_free(&csv1);
	buf_free(&csv0);
}

static void private_values_stay_private(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			struct node *n = fv_node(fv_types[t], f, FV_MIN, 9); /* FV_MIN: every sub-field set */
			char ctx[128];
			if (f->flags & FIELD_PRIVATE) {
				snprintf(ctx, sizeof ctx, "%s.%s", node_type_name(fv_types[t]), f->key);
				if (f->kind == FK_STRING || f->kind == FK_TEXT)
					check_private(ctx, n, f, f, *(char **)FIELD_AT(n, f));
				else
					problem("%s: a private field of kind %d: teach this test", ctx, (int)f->kind);
				checked++;
			}
			for (const struct field *s = f->sub; s && s->key; s++) {
				if (!(s->flags & FIELD_PRIVATE))
					continue;
				snprintf(ctx, sizeof ctx, "%s.%s.%s", node_type_name(fv_types[t]), f->key, s->key);
				void *o = f->kind == FK_OBJECT ? *(void **)FIELD_AT(n, f) : ptrvec_get(FIELD_AT(n, f), 0);
				check_private(ctx, n, f, s, *(char **)FIELD_AT(o, s));
				checked++;
			}
			node_free(n);
		}
	assert_true(checked > 0); /* the contact's e-mail at least */
	assert_no_problems("private values");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table_is_well_formed),
		cmocka_unit_test(the_contract_comes_first),
		cmocka_unit_test(every_key_has_a_csv_column),
		cmocka_unit_test(every_field_round_trips_through_json),
		cmocka_unit_test(every_field_round_trips_through_csv),
		cmocka_unit_test(csv_formula_guard_reads_back),
		cmocka_unit_test_setup_teardown(every_field_round_trips_through_the_store, fx_setup, fx_teardown),
		cmocka_unit_test(private_values_stay_private),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
