/* The export object of a node, and its strict reading back.
 *
 * Key order is the contract (PRODUCT.md): jansson keeps insertion order, so
 * node_to_json inserts keys in exactly that order. node_from_json rejects what
 * it does not understand (unknown keys, wrong types) instead of dropping it:
 * an import must never lose data silently. */
#include "model.h"

#include <string.h>

static const char *const practice_keys[] = {
	"nid",    "type",       "title",     "subtitle", "country",  "city", "themes",
	"labels", "population", "relations", "language", "sections", NULL,
};
static const char *const article_keys[] = {
	"nid", "type", "title", "author", "language", "body", NULL,
};

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

static json_t *sections_to_json(const struct node *n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
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

/* "" means not yet detected: exported as null, which reads back as "". */
static json_t *language_or_null(const struct node *n)
{
	return n->language[0] ? json_string(n->language) : json_null();
}

json_t *node_to_json(const struct node *n)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = json_object_set_new(o, "nid", n->nid ? json_integer(n->nid) : json_null()) ||
		  json_object_set_new(o, "type", json_string(node_type_name(n->type))) ||
		  json_object_set_new(o, "title", str_or_null(n->title));
	if (n->type == NODE_PRACTICE) {
		bad = bad || json_object_set_new(o, "subtitle", str_or_null(n->subtitle)) ||
		      json_object_set_new(o, "country", str_or_null(n->country)) ||
		      json_object_set_new(o, "city", str_or_null(n->city)) ||
		      json_object_set_new(o, "themes", strlist_to_json(&n->themes)) ||
		      json_object_set_new(o, "labels", strlist_to_json(&n->labels)) ||
		      json_object_set_new(o, "population",
					  n->population >= 0 ? json_integer(n->population) : json_null()) ||
		      json_object_set_new(o, "relations", strlist_to_json(&n->relations)) ||
		      json_object_set_new(o, "language", language_or_null(n)) ||
		      json_object_set_new(o, "sections", sections_to_json(n));
	} else {
		bad = bad || json_object_set_new(o, "author", str_or_null(n->author)) ||
		      json_object_set_new(o, "language", language_or_null(n)) ||
		      json_object_set_new(o, "body", str_or_null(n->body));
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

enum px_err node_write_jsonl(const struct node *n, struct buf *out)
{
	json_t *o = node_to_json(n);
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

/* ---- reading ---- */

static int allowed(const char *const *keys, const char *k)
{
	for (; *keys; keys++)
		if (strcmp(*keys, k) == 0)
			return 1;
	return 0;
}

/* Each reader returns 0, or -1 after writing the reason to why. */
static int read_string(const json_t *obj, const char *key, int required, char **out, struct buf *why)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		return buf_reject(why, "missing \"%s\"", key);
	}
	if (!json_is_string(v)) {
		return buf_reject(why, "\"%s\" must be a string", key);
	}
	if (required && json_string_length(v) == 0) {
		return buf_reject(why, "\"%s\" must not be empty", key);
	}
	if (node_set(out, json_string_value(v), json_string_length(v))) {
		return buf_reject(why, "out of memory");
	}
	return 0;
}

static int read_strings(const json_t *obj, const char *key, struct strlist *l, struct buf *why)
{
	const json_t *a = json_object_get(obj, key);
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a)) {
		return buf_reject(why, "\"%s\" must be a list of strings", key);
	}
	size_t i;
	const json_t *v;
	json_array_foreach (a, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0) {
			return buf_reject(why, "\"%s\"[%zu] must be a non-empty string", key, i);
		}
		if (strlist_add(l, json_string_value(v), json_string_length(v))) {
			return buf_reject(why, "out of memory");
		}
	}
	return strlist_dedupe(l) ? buf_reject(why, "out of memory") : 0;
}

static int read_relations(const json_t *obj, struct node *n, struct buf *why)
{
	if (read_strings(obj, "relations", &n->relations, why))
		return -1;
	enum relation r;
	for (size_t i = 0; i < strlist_len(&n->relations); i++)
		if (relation_parse(strlist_get(&n->relations, i), &r)) {
			return buf_reject(why, "\"relations\"[%zu]: unknown relation \"%s\"", i,
					  strlist_get(&n->relations, i));
		}
	return 0;
}

static int read_int(const json_t *obj, const char *key, int64_t min, int64_t max, int64_t *out,
		    struct buf *why)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return max == INT64_MAX
			       ? buf_reject(why, "\"%s\" must be an integer >= %lld or null", key,
					    (long long)min)
			       : buf_reject(why, "\"%s\" must be an integer >= %lld and <= %lld, or null",
					    key, (long long)min, (long long)max);
	*out = json_integer_value(v);
	return 0;
}

static int read_language(const json_t *obj, struct node *n, struct buf *why)
{
	const json_t *v = json_object_get(obj, "language");
	if (!v || json_is_null(v))
		return 0;
	const char *s = json_is_string(v) ? json_string_value(v) : "";
	if (!node_language_code(s))
		return buf_reject(why, "\"language\" must be a two-letter ISO 639-1 code");
	if (!node_language_known(s))
		return buf_reject(why, "unknown language \"%s\" (an ISO 639-1 code such as en, fr)", s);
	memcpy(n->language, s, 3);
	return 0;
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

static int read_sections(const json_t *obj, struct node *n, struct buf *why)
{
	const json_t *a = json_object_get(obj, "sections");
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a)) {
		return buf_reject(why, "\"sections\" must be a list of objects");
	}
	size_t i;
	const json_t *o;
	json_array_foreach (a, i, o)
		if (read_section(o, i, n, why))
			return -1;
	return 0;
}

static int read_practice(const json_t *obj, struct node *n, struct buf *why)
{
	return read_string(obj, "subtitle", 0, &n->subtitle, why) ||
	       read_string(obj, "country", 1, &n->country, why) ||
	       read_string(obj, "city", 1, &n->city, why) || read_strings(obj, "themes", &n->themes, why) ||
	       read_strings(obj, "labels", &n->labels, why) ||
	       read_int(obj, "population", 0, INT64_MAX, &n->population, why) ||
	       read_relations(obj, n, why) || read_sections(obj, n, why);
}

static int read_article(const json_t *obj, struct node *n, struct buf *why)
{
	return read_string(obj, "author", 0, &n->author, why) || read_string(obj, "body", 0, &n->body, why);
}

struct node *node_from_json(const json_t *obj, struct buf *why)
{
	if (!json_is_object(obj)) {
		buf_reject(why, "a line must hold one JSON object");
		return NULL;
	}
	const json_t *t = json_object_get(obj, "type");
	enum node_type type;
	if (!t || !json_is_string(t) || node_type_parse(json_string_value(t), &type)) {
		buf_reject(why, "\"type\" must be \"practice\" or \"article\"");
		return NULL;
	}
	const char *const *keys = type == NODE_PRACTICE ? practice_keys : article_keys;
	const char *k;
	const json_t *v;
	json_object_foreach ((json_t *)obj, k, v)
		if (!allowed(keys, k)) {
			buf_reject(why, "unknown key \"%s\" for %s %s", k, type == NODE_ARTICLE ? "an" : "a",
				   node_type_name(type));
			return NULL;
		}
	struct node *n = node_new(type);
	if (!n) {
		buf_reject(why, "out of memory");
		return NULL;
	}
	int bad = read_int(obj, "nid", 1, NODE_NID_MAX, &n->nid, why) ||
		  read_string(obj, "title", 1, &n->title, why) || read_language(obj, n, why) ||
		  (type == NODE_PRACTICE ? read_practice(obj, n, why) : read_article(obj, n, why));
	if (bad) {
		node_free(n);
		return NULL;
	}
	return n;
}

int node_equal(const struct node *a, const struct node *b)
{
	json_t *ja = node_to_json(a), *jb = node_to_json(b);
	int eq = 0;
	if (ja && jb) {
		json_object_del(ja, "nid");
		json_object_del(jb, "nid");
		eq = json_equal(ja, jb);
	}
	json_decref(ja);
	json_decref(jb);
	return eq;
}
