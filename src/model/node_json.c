/* The export object of a node, and its strict reading back.
 *
 * Key order is the contract (PRODUCT.md): jansson keeps insertion order, so
 * node_to_json inserts keys in exactly that order. node_from_json rejects what
 * it does not understand (unknown keys, wrong types) instead of dropping it:
 * an import must never lose data silently. */
#include "model.h"

#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *strlist_to_json(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < strlist_len(l); i++)
		if (json_array_append_new(a, json_string(strlist_get(l, i)))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *sections_to_json(const struct ptrvec *v)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < ptrvec_len(v); i++) {
		const struct section *s = ptrvec_get(v, i);
		json_t *o = json_object();
		if (!o || json_object_set_new(o, "key", json_string(section_key_name(s->key))) ||
		    json_object_set_new(o, "heading", json_string(s->heading)) ||
		    json_object_set_new(o, "text", json_string(s->text)) || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *object_to_json(const void *o, const struct field *f, int private)
{
	json_t *j = json_object();
	for (const struct field *s = f->sub; j && s->key; s++)
		if ((private || !(s->flags & FIELD_PRIVATE)) &&
		    json_object_set_new(j, s->key, field_to_json(o, s, private))) {
			json_decref(j);
			return NULL;
		}
	return j;
}

static json_t *objects_to_json(const struct ptrvec *v, const struct field *f, int private)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < ptrvec_len(v); i++)
		if (json_array_append_new(a, object_to_json(ptrvec_get(v, i), f, private))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

json_t *field_to_json(const void *obj, const struct field *f, int private)
{
	if (f->kind != FK_STRINGS && f->kind != FK_SECTIONS && f->kind != FK_OBJECTS && !field_is_set(obj, f))
		return json_null(); /* "" is an undetected language: null reads back as "" */
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		return str_or_null(*(char *const *)FIELD_CONST(obj, f));
	case FK_INT:
	case FK_NID:
		return json_integer(*(const int64_t *)FIELD_CONST(obj, f));
	case FK_REAL:
		return json_real(*(const double *)FIELD_CONST(obj, f));
	case FK_LANGUAGE:
		return json_string(FIELD_CONST(obj, f));
	case FK_STRINGS:
		return strlist_to_json(FIELD_CONST(obj, f));
	case FK_SECTIONS:
		return sections_to_json(FIELD_CONST(obj, f));
	case FK_OBJECT:
		return object_to_json(*(void *const *)FIELD_CONST(obj, f), f, private);
	case FK_OBJECTS:
		return objects_to_json(FIELD_CONST(obj, f), f, private);
	}
	return json_null();
}

static json_t *to_json(const struct node *n, int private, int stamps)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = json_object_set_new(o, "nid", n->nid ? json_integer(n->nid) : json_null()) ||
		  json_object_set_new(o, "type", json_string(node_type_name(n->type)));
	for (const struct field *f = node_fields(n->type); !bad && f && f->key; f++)
		if ((stamps || !(f->flags & FIELD_STAMP)) && (private || !(f->flags & FIELD_PRIVATE)))
			bad = json_object_set_new(o, f->key, field_to_json(n, f, private));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *node_to_json(const struct node *n)
{
	return to_json(n, 1, 1);
}

json_t *node_to_public_json(const struct node *n)
{
	return to_json(n, 0, 1);
}

static enum px_err write_line(json_t *o, struct buf *out)
{
	if (!o)
		return PX_ENOMEM;
	char *s = json_dumps(o, 0); /* flags 0: ", " and ": " separators, as in the contract */
	json_decref(o);
	if (!s)
		return PX_ENOMEM;
	enum px_err err = buf_adds(out, s);
	if (!err)
		err = buf_addc(out, '\n');
	free(s);
	return err;
}

enum px_err node_write_jsonl(const struct node *n, struct buf *out)
{
	return write_line(to_json(n, 1, 1), out);
}

enum px_err node_write_content(const struct node *n, struct buf *out)
{
	return write_line(to_json(n, 1, 0), out);
}

/* ---- reading ----
 *
 * Each reader takes where (how the message names the value: "\"title\"",
 * "\"partners\"[2].city") and returns 0, or -1 after writing the reason to
 * why. Unset (absent or null) is fine unless the field is required. */

static int read_value(void *obj, const struct field *f, const json_t *v, const char *where, struct buf *why);

static int wrong(const struct field *f, const char *where, struct buf *why)
{
	return buf_reject(why, "%s must be %s", where, field_kind_wants(f));
}

static int read_text(void *obj, const struct field *f, const json_t *v, const char *where, struct buf *why)
{
	if (!json_is_string(v))
		return wrong(f, where, why);
	const char *s = json_string_value(v);
	if ((f->flags & FIELD_REQUIRED) && !*s)
		return buf_reject(why, "%s must not be empty", where);
	if (memchr(s, '\0', json_string_length(v)))
		return buf_reject(why, "%s holds a NUL character", where);
	if (f->kind == FK_DATE && node_date_parse(s, NULL))
		return wrong(f, where, why);
	if (!field_check_ok(f->check, s))
		return buf_reject(why, "%s: \"%.80s\" is not %s", where, s,
				  f->check == CHECK_EMAIL ? "an e-mail address" : "an http or https address");
	return node_set((char **)FIELD_AT(obj, f), s, json_string_length(v)) ? buf_reject(why, "out of memory") : 0;
}

static int read_number(void *obj, const struct field *f, const json_t *v, const char *where, struct buf *why)
{
	if (f->kind == FK_REAL) {
		if (!json_is_number(v) || json_number_value(v) < (double)f->min || json_number_value(v) > (double)f->max)
			return buf_reject(why, "%s must be a number from %lld to %lld%s", where, (long long)f->min,
					  (long long)f->max, (f->flags & FIELD_REQUIRED) ? "" : ", or null");
		*(double *)FIELD_AT(obj, f) = json_number_value(v);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < f->min || json_integer_value(v) > f->max)
		return f->max == INT64_MAX ? buf_reject(why, "%s must be an integer >= %lld or null", where,
							(long long)f->min)
					   : buf_reject(why, "%s must be an integer >= %lld and <= %lld, or null",
							where, (long long)f->min, (long long)f->max);
	*(int64_t *)FIELD_AT(obj, f) = json_integer_value(v);
	return 0;
}

static int read_language(void *obj, const struct field *f, const json_t *v, const char *where, struct buf *why)
{
	const char *s = json_is_string(v) ? json_string_value(v) : "";
	if (!node_language_code(s))
		return buf_reject(why, "%s must be a two-letter ISO 639-1 code", where);
	if (!node_language_known(s))
		return buf_reject(why, "unknown language \"%s\" (an ISO 639-1 code such as en, fr)", s);
	(void)f;
	memcpy(FIELD_AT(obj, f), s, 3);
	return 0;
}

static int read_strings(void *obj, const struct field *f, const json_t *a, const char *where, struct buf *why)
{
	struct strlist *l = FIELD_AT(obj, f);
	if (!json_is_array(a))
		return wrong(f, where, why);
	size_t i;
	const json_t *v;
	json_array_foreach (a, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0)
			return buf_reject(why, "%s[%zu] must be a non-empty string", where, i);
		if (!field_check_ok(f->check, json_string_value(v)))
			return buf_reject(why, "%s[%zu]: unknown relation \"%s\"", where, i, json_string_value(v));
		if (strlist_add(l, json_string_value(v), json_string_length(v)))
			return buf_reject(why, "out of memory");
	}
	return strlist_dedupe(l) ? buf_reject(why, "out of memory") : 0;
}

static int read_section(const json_t *o, size_t i, struct node *n, struct buf *why)
{
	const char *k;
	const json_t *v;
	if (!json_is_object(o)) {
		return buf_reject(why, "\"sections\"[%zu] must be an object", i);
	}
	json_object_foreach ((json_t *)o, k, v) {
		if (strcmp(k, "key") && strcmp(k, "heading") && strcmp(k, "text")) {
			return buf_reject(why, "\"sections\"[%zu]: unknown key \"%s\"", i, k);
		}
		if (!json_is_string(v)) {
			return buf_reject(why, "\"sections\"[%zu].%s must be a string", i, k);
		}
	}
	const json_t *key = json_object_get(o, "key"), *heading = json_object_get(o, "heading"),
		     *text = json_object_get(o, "text");
	enum section_key sk;
	if (!key || section_key_parse(json_string_value(key), &sk)) {
		return buf_reject(why,
				  "\"sections\"[%zu]: \"key\" must be one of summary, solution, "
				  "collaboration, impact, transfer",
				  i);
	}
	if (!text) {
		return buf_reject(why, "\"sections\"[%zu]: missing \"text\"", i);
	}
	if (node_section_add(n, sk, heading ? json_string_value(heading) : "", json_string_value(text))) {
		return buf_reject(why, "out of memory");
	}
	return 0;
}

static int read_sections(void *obj, const struct field *f, const json_t *a, const char *where, struct buf *why)
{
	if (!json_is_array(a))
		return wrong(f, where, why);
	size_t i;
	const json_t *o;
	json_array_foreach (a, i, o)
		if (read_section(o, i, obj, why))
			return -1;
	return 0;
}

/* The sub-fields of object field f from o into the new struct *out. */
static int read_object(const struct field *f, const json_t *o, const char *where, void **out, struct buf *why)
{
	if (!json_is_object(o))
		return buf_reject(why, "%s must be an object with %s", where,
				  f->sub == node_field(NODE_PRACTICE, "partners")->sub ||
						  f->sub == node_field(NODE_PRACTICE, "adopters")->sub
					  ? "a city and a country"
					  : "its fields");
	const char *k;
	const json_t *v;
	json_object_foreach ((json_t *)o, k, v) {
		const struct field *s = f->sub;
		while (s->key && strcmp(s->key, k))
			s++;
		if (!s->key)
			return buf_reject(why, "%s: unknown key \"%.64s\"", where, k);
	}
	void *obj = field_object_new(f);
	if (!obj)
		return buf_reject(why, "out of memory");
	char sub_where[160];
	for (const struct field *s = f->sub; s->key; s++) {
		snprintf(sub_where, sizeof sub_where, "%s.%s", where, s->key);
		if (read_value(obj, s, json_object_get(o, s->key), sub_where, why)) {
			field_object_free(f, obj);
			return -1;
		}
	}
	*out = obj;
	return 0;
}

static int read_objects(void *obj, const struct field *f, const json_t *a, const char *where, struct buf *why)
{
	if (!json_is_array(a))
		return buf_reject(why, "%s must be a list of objects", where);
	size_t i;
	const json_t *o;
	char item[128];
	json_array_foreach (a, i, o) {
		void *sub;
		snprintf(item, sizeof item, "%s[%zu]", where, i);
		if (read_object(f, o, item, &sub, why))
			return -1;
		if (ptrvec_push(FIELD_AT(obj, f), sub)) {
			field_object_free(f, sub);
			return buf_reject(why, "out of memory");
		}
	}
	return 0;
}

static int read_value(void *obj, const struct field *f, const json_t *v, const char *where, struct buf *why)
{
	if (!v || json_is_null(v))
		return (f->flags & FIELD_REQUIRED) ? buf_reject(why, "missing %s", where) : 0;
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		return read_text(obj, f, v, where, why);
	case FK_INT:
	case FK_NID:
	case FK_REAL:
		return read_number(obj, f, v, where, why);
	case FK_LANGUAGE:
		return read_language(obj, f, v, where, why);
	case FK_STRINGS:
		return read_strings(obj, f, v, where, why);
	case FK_SECTIONS:
		return read_sections(obj, f, v, where, why);
	case FK_OBJECT:
		return read_object(f, v, where, (void **)FIELD_AT(obj, f), why);
	case FK_OBJECTS:
		return read_objects(obj, f, v, where, why);
	}
	return wrong(f, where, why);
}

int field_from_json(void *obj, const struct field *f, const json_t *v, struct buf *why)
{
	char where[80];
	snprintf(where, sizeof where, "\"%s\"", f->key);
	return read_value(obj, f, v, where, why);
}

static const char *const types_wanted = "\"type\" must be \"practice\", \"article\", \"city\" or \"network\"";

struct node *node_from_json_at(const json_t *obj, struct buf *why, const char **bad_key)
{
	const char *ignored;
	bad_key = bad_key ? bad_key : &ignored;
	*bad_key = NULL;
	if (!json_is_object(obj)) {
		buf_reject(why, "a line must hold one JSON object");
		return NULL;
	}
	const json_t *t = json_object_get(obj, "type");
	enum node_type type;
	if (!t || !json_is_string(t) || node_type_parse(json_string_value(t), &type)) {
		*bad_key = "type";
		buf_reject(why, "%s", types_wanted);
		return NULL;
	}
	const char *k;
	const json_t *v;
	json_object_foreach ((json_t *)obj, k, v)
		if (strcmp(k, "nid") && strcmp(k, "type") && !node_field(type, k)) {
			buf_reject(why, "unknown key \"%.64s\" for %s %s", k, type == NODE_ARTICLE ? "an" : "a",
				   node_type_name(type));
			return NULL;
		}
	struct node *n = node_new(type);
	if (!n) {
		buf_reject(why, "out of memory");
		return NULL;
	}
	const struct field nid = {.key = "nid", .kind = FK_NID, .offset = offsetof(struct node, nid), .min = 1, .max = NODE_NID_MAX};
	int bad = read_value(n, &nid, json_object_get(obj, "nid"), "\"nid\"", why);
	if (bad) {
		*bad_key = "nid";
		n->nid = 0;
	}
	for (const struct field *f = node_fields(type); !bad && f->key; f++)
		if ((bad = field_from_json(n, f, json_object_get(obj, f->key), why)))
			*bad_key = f->key;
	n->dated = n->created || n->changed;
	if (bad) {
		node_free(n);
		return NULL;
	}
	return n;
}

struct node *node_from_json(const json_t *obj, struct buf *why)
{
	return node_from_json_at(obj, why, NULL);
}

int node_equal(const struct node *a, const struct node *b)
{
	json_t *ja = node_to_json(a), *jb = node_to_json(b);
	int eq = 0;
	if (ja && jb) {
		const char *drop[] = {"nid", "created", "changed"};
		for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
			json_object_del(ja, drop[i]);
			json_object_del(jb, drop[i]);
		}
		eq = json_equal(ja, jb);
	}
	json_decref(ja);
	json_decref(jb);
	return eq;
}
