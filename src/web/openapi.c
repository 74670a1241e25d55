/* The OpenAPI document of the API: static/openapi.json, whose schemas of
 * the node types (Practice, Article, City, Network) and of their objects
 * (Place, Adopter, Contact, Indicator) are made here from the field table, so that a
 * field added to the table is in the API's description at once. A
 * property keeps the description static/openapi.json gives it; a new one
 * is described by its form label. FIELD_PRIVATE values are not in the
 * public API, so not in its schemas either. */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

#define REF "#/components/schemas/"

static const char *const type_schemas[] = {
	[NODE_PRACTICE] = "Practice", [NODE_ARTICLE] = "Article", [NODE_CITY] = "City", [NODE_NETWORK] = "Network"};

static const char *object_schema(const struct field *f)
{
	return field_object_name(f);
}

static json_t *ref(const char *name)
{
	return json_pack("{s:s+}", "$ref", REF, name);
}

static json_t *string_schema(const struct field *f)
{
	json_t *s = json_pack("{s:s}", "type", "string");
	if (f->kind == FK_DATE)
		json_object_set_new(s, "format", json_string("date-time"));
	if (f->check == CHECK_URL)
		json_object_set_new(s, "format", json_string("uri"));
	if (f->check == CHECK_EMAIL)
		json_object_set_new(s, "format", json_string("email"));
	if (f->check == CHECK_RELATION)
		json_object_set_new(s, "enum",
				    json_pack("[ss]", relation_name(RELATION_IN_PARTNERSHIP_WITH),
					      relation_name(RELATION_ADAPTED_BY_CITIES_FROM)));
	return s;
}

static json_t *number_schema(const struct field *f)
{
	json_t *s = json_pack("{s:s}", "type", f->kind == FK_REAL ? "number" : "integer");
	json_object_set_new(s, "minimum", json_integer(f->min));
	if (f->max != INT64_MAX && f->kind != FK_NID)
		json_object_set_new(s, "maximum", json_integer(f->max));
	return s;
}

/* f's schema; nullable where the export may write null. */
static json_t *field_schema(const struct field *f)
{
	json_t *s = NULL;
	int nullable = 0;
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_LANGUAGE:
		s = string_schema(f);
		nullable = !(f->flags & FIELD_REQUIRED);
		break;
	case FK_DATE:
		s = string_schema(f);
		break;
	case FK_INT:
	case FK_NID:
	case FK_REAL:
		s = number_schema(f);
		nullable = !(f->flags & FIELD_REQUIRED); /* a figure's value is never null */
		break;
	case FK_STRINGS:
		s = json_pack("{s:s, s:o}", "type", "array", "items", string_schema(f));
		break;
	case FK_SECTIONS:
		s = json_pack("{s:s, s:o}", "type", "array", "items", ref("Section"));
		break;
	case FK_OBJECT:
		s = json_pack("{s:[o]}", "allOf", ref(object_schema(f)));
		nullable = 1;
		break;
	case FK_OBJECTS:
		s = json_pack("{s:s, s:o}", "type", "array", "items", ref(object_schema(f)));
		break;
	}
	if (s && nullable)
		json_object_set_new(s, "nullable", json_true());
	return s;
}

/* An object schema of the public fields of table, over the document's own
 * (old: its descriptions are kept). */
static json_t *table_schema(const struct field *table, const char *type, const json_t *old)
{
	json_t *props = json_object(), *req = json_array();
	const json_t *old_props = json_object_get(old, "properties");
	if (type) {
		json_object_set_new(props, "nid", json_pack("{s:s, s:i}", "type", "integer", "minimum", 1));
		json_object_set_new(props, "type", json_pack("{s:s, s:[s]}", "type", "string", "enum", type));
		json_array_append_new(req, json_string("nid"));
		json_array_append_new(req, json_string("type"));
	}
	for (const struct field *f = table; f->key; f++) {
		if (f->flags & FIELD_PRIVATE)
			continue;
		json_t *s = field_schema(f);
		const json_t *said = json_object_get(json_object_get(old_props, f->key), "description");
		json_object_set_new(s, "description", said ? json_copy((json_t *)said) : json_string(f->label));
		json_object_set_new(props, f->key, s);
		json_array_append_new(req, json_string(f->key));
	}
	for (const char *k = type ? "nid" : NULL; k; k = !strcmp(k, "nid") ? "type" : NULL) {
		const json_t *said = json_object_get(json_object_get(old_props, k), "description");
		if (said)
			json_object_set_new(json_object_get(props, k), "description", json_copy((json_t *)said));
	}
	json_t *s = json_pack("{s:s, s:o, s:o}", "type", "object", "required", req, "properties", props);
	const json_t *what = json_object_get(old, "description");
	if (what)
		json_object_set_new(s, "description", json_copy((json_t *)what));
	return s;
}

/* Replaces the node and object schemas of doc with the table's. */
static void derive_schemas(json_t *doc)
{
	json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
	for (int t = NODE_PRACTICE; schemas && t <= NODE_TYPE_MAX; t++) {
		const struct field *table = node_fields((enum node_type)t);
		json_object_set_new(schemas, type_schemas[t],
				    table_schema(table, node_type_name((enum node_type)t),
						 json_object_get(schemas, type_schemas[t])));
		for (const struct field *f = table; f->key; f++)
			if ((f->kind == FK_OBJECT || f->kind == FK_OBJECTS) && object_schema(f))
				json_object_set_new(schemas, object_schema(f),
						    table_schema(f->sub, NULL,
								 json_object_get(schemas, object_schema(f))));
	}
}

enum px_err web_openapi(struct buf *out)
{
	const struct web_asset *a = web_asset_find("static/openapi.json");
	json_t *doc = a ? json_loadb(a->data, a->len, 0, NULL) : NULL;
	if (!doc)
		return PX_ENOTFOUND;
	derive_schemas(doc);
	char *s = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	enum px_err err = s ? buf_adds(out, s) : PX_ENOMEM;
	free(s);
	return err;
}
