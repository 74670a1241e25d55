/* The CSV form of nodes (RFC 4180): what `praxis export --format csv` and
 * the web's CSV listings write, one row per node, and what a CSV import
 * reads back.
 *
 * The columns come from the field tables: "nid", "type", then every type's
 * contract fields (PRODUCT.md's first keys) in table order, each key once,
 * then a column per section key, then every other field. So the columns a
 * spreadsheet already knows keep their places when fields are added. A
 * cell holds a list of strings joined with " | ", an object or a list of
 * objects as compact JSON, a number in its shortest exact form.
 *
 * Reading a row (node_from_csv; ingest's csv.c has undone the quoting and
 * the formula apostrophe) builds the export object and hands it to
 * node_from_json, so a CSV import obeys the rules of a JSON one. An empty
 * cell is null. What the CSV form does not carry: a section's heading (a
 * section gets its key's standard English heading, section_key_heading)
 * and the order of sections (they come back in column order), a list item
 * holding " | ". JSON Lines is the lossless form. */
#include "model.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_SEP " | "

static const enum node_type types[] = {NODE_PRACTICE, NODE_ARTICLE, NODE_CITY, NODE_NETWORK};
#define NTYPES (sizeof types / sizeof types[0])

#define MAX_COLUMNS 96

static struct {
	const struct field *field[MAX_COLUMNS]; /* the first type's field of that key; NULL: nid,
						   type and the section columns */
	const char *key[MAX_COLUMNS];
	size_t n;
} cols;
static pthread_once_t cols_once = PTHREAD_ONCE_INIT;

static void add_column(const struct field *f, const char *key)
{
	for (size_t i = 0; i < cols.n; i++)
		if (!strcmp(cols.key[i], key))
			return; /* another type's field of that key has the column */
	if (cols.n < MAX_COLUMNS) {
		cols.field[cols.n] = f;
		cols.key[cols.n++] = key;
	}
}

/* The contract's columns, the sections, then the rest (see the top). */
static void find_columns(void)
{
	add_column(NULL, "nid");
	add_column(NULL, "type");
	for (int contract = 1; contract >= 0; contract--) {
		for (size_t t = 0; t < NTYPES; t++)
			for (const struct field *f = node_fields(types[t]); f->key; f++)
				if (f->kind != FK_SECTIONS && ((f->flags & FIELD_CONTRACT) != 0) == contract)
					add_column(f, f->key);
		for (int k = 0; contract && k < SECTION_COUNT; k++)
			add_column(NULL, section_key_name((enum section_key)k));
	}
}

static int column(size_t i, const struct field **field, const char **key)
{
	pthread_once(&cols_once, find_columns);
	if (i >= cols.n)
		return -1;
	*field = cols.field[i];
	*key = cols.key[i];
	return 0;
}

int node_csv_column(const char *name)
{
	const struct field *f;
	const char *key;
	for (size_t i = 0; column(i, &f, &key) == 0; i++)
		if (!strcmp(key, name))
			return 1;
	return 0;
}

enum px_err node_write_csv_header(struct buf *out)
{
	const struct field *f;
	const char *key;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && column(i, &f, &key) == 0; i++)
		err = buf_printf(out, "%s%s", i ? "," : "", key);
	return err ? err : buf_adds(out, "\r\n");
}

static enum px_err add_real(struct buf *b, double v)
{
	char s[32];
	field_real_format(v, s);
	return buf_adds(b, s);
}

/* The text of f's value in n, as its cell holds it, into cell. */
static enum px_err cell_text(const struct node *n, const struct field *f, int private, struct buf *cell)
{
	const struct strlist *l = FIELD_CONST(n, f);
	enum px_err err = PX_OK;
	if (!field_is_set(n, f))
		return PX_OK;
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		return buf_printf(cell, "%lld", (long long)*(const int64_t *)FIELD_CONST(n, f));
	case FK_REAL:
		return add_real(cell, *(const double *)FIELD_CONST(n, f));
	case FK_LANGUAGE:
		return buf_adds(cell, FIELD_CONST(n, f));
	case FK_STRINGS:
		for (size_t i = 0; !err && i < strlist_len(l); i++)
			err = buf_printf(cell, "%s%s", i ? LIST_SEP : "", strlist_get(l, i));
		return err;
	case FK_OBJECT:
	case FK_OBJECTS: {
		json_t *j = field_to_json(n, f, private);
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		err = s ? buf_adds(cell, s) : PX_ENOMEM;
		free(s);
		return err;
	}
	case FK_SECTIONS:
		return PX_OK; /* its own columns */
	default:
		return buf_adds(cell, *(char *const *)FIELD_CONST(n, f));
	}
}

static const char *section_text(const struct node *n, const char *key)
{
	for (size_t i = 0; i < node_section_count(n); i++)
		if (!strcmp(section_key_name(node_section(n, i)->key), key))
			return node_section(n, i)->text;
	return NULL;
}

enum px_err node_write_csv(const struct node *n, int private, struct buf *b)
{
	struct buf cell;
	buf_init(&cell, BUF_CAP_DEFAULT);
	const struct field *f;
	const char *key;
	/* a node not yet stored has no nid: an empty cell, which reads back as
	 * null (0 would be refused), as the JSON writer's null */
	enum px_err err = n->nid ? buf_printf(b, "%lld,", (long long)n->nid) : buf_adds(b, ",");
	for (size_t i = 1; !err && column(i, &f, &key) == 0; i++) {
		int last = i + 1 == cols.n;
		buf_reset(&cell);
		err = buf_adds(&cell, "");
		const struct field *mine = f ? node_field(n->type, key) : NULL;
		if (!err && i == 1)
			err = buf_adds(&cell, node_type_name(n->type));
		else if (!err && !f && i > 1)
			err = buf_adds(&cell, section_text(n, key) ? section_text(n, key) : "");
		else if (!err && mine && (private || !(mine->flags & FIELD_PRIVATE)))
			err = cell_text(n, mine, private, &cell);
		/* numbers unquoted, as they always were; an empty cell is NULL */
		if (!err)
			err = mine && (mine->kind == FK_INT || mine->kind == FK_NID || mine->kind == FK_REAL)
				      ? buf_printf(b, "%s%s", cell.data, last ? "\r\n" : ",")
				      : buf_add_csv(b, cell.len ? cell.data : NULL, last);
	}
	buf_free(&cell);
	return err;
}

/* ---- reading ---- */

/* A list cell split at " | ". */
static json_t *list_of(const char *s)
{
	json_t *a = json_array();
	while (a && *s) {
		const char *e = strstr(s, LIST_SEP);
		size_t n = e ? (size_t)(e - s) : strlen(s);
		json_array_append_new(a, json_stringn(s, n));
		s += n + (e ? strlen(LIST_SEP) : 0);
	}
	return a;
}

/* The JSON value of a cell for field f; NULL with why set when it cannot be. */
static json_t *cell_json(const struct field *f, const char *s, struct buf *why)
{
	int64_t v;
	char *end;
	if (!*s)
		return json_null();
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		if (px_parse_i64(s, strlen(s), 0, &v)) {
			buf_reject(why, "\"%s\" must be a whole number, not \"%.*s\"", f->key,
				   px_utf8_prefix(s, 40), s);
			return NULL;
		}
		return json_integer(v);
	case FK_REAL: {
		double d = strtod(s, &end);
		if (*end || end == s || !isfinite(d)) {
			buf_reject(why, "\"%s\" must be a number, not \"%.*s\"", f->key,
				   px_utf8_prefix(s, 40), s);
			return NULL;
		}
		return json_real(d);
	}
	case FK_STRINGS:
		return list_of(s);
	case FK_OBJECT:
	case FK_OBJECTS: {
		json_error_t e;
		json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &e);
		if (!j)
			buf_reject(why, "\"%s\" must hold JSON (%s)", f->key, e.text);
		return j;
	}
	default:
		return json_string(s);
	}
}

/* Adds the cell of column key to o (the export object being built). */
static int add_cell(json_t *o, enum node_type type, const char *key, const char *s, struct buf *why)
{
	enum section_key sk;
	if (!strcmp(key, "nid"))
		return *s ? json_object_set_new(o, key, cell_json(&(struct field){.key = "nid", .kind = FK_NID, .min = 1, .max = NODE_NID_MAX}, s, why)) : 0;
	if (!strcmp(key, "type"))
		return 0;
	if (!section_key_parse(key, &sk)) {
		if (!*s)
			return 0;
		json_t *secs = json_object_get(o, "sections");
		if (!secs)
			json_object_set_new(o, "sections", secs = json_array());
		return json_array_append_new(secs, json_pack("{s:s, s:s, s:s}", "key", key, "heading",
							     section_key_heading(sk), "text", s));
	}
	const struct field *f = node_field(type, key);
	if (!f) /* another type's column: empty in this type's rows */
		return *s ? buf_reject(why, "a %s has no \"%s\"", node_type_name(type), key) : 0;
	json_t *v = cell_json(f, s, why);
	return v ? json_object_set_new(o, key, v) : -1;
}

struct node *node_from_csv(const char *const *header, const char *const *cells, size_t ncells, struct buf *why)
{
	enum node_type type;
	size_t t = 0;
	while (t < ncells && strcmp(header[t], "type"))
		t++;
	if (t == ncells || node_type_parse(cells[t], &type)) {
		buf_reject(why, "\"type\" must be \"practice\", \"article\", \"city\" or \"network\"");
		return NULL;
	}
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string(cells[t]));
	int bad = !o;
	for (size_t i = 0; !bad && i < ncells; i++)
		bad = add_cell(o, type, header[i], cells[i], why);
	struct node *n = bad ? NULL : node_from_json(o, why);
	if (bad && !why->len)
		buf_reject(why, "out of memory");
	json_decref(o);
	return n;
}
