/* The edit form of a node, from the field table: which inputs a type gets
 * (field.widget), what they hold, and how the posted form becomes the
 * node's export object, read by node_from_json() under the same rules as
 * an import.
 *
 * Inputs are named by the field's key; an object's sub-fields by
 * "key.sub"; a section by its key. A list of objects is one line per item,
 * its sub-fields in table order separated by " | ". */
#include "web_int.h"

#include "../store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ROW_SEP '|'

const char *node_form_field(struct request *rq, const char *name)
{
	const char *v = form_get(&rq->form, name);
	if (!v || !strchr(v, '\r'))
		return v ? v : "";
	char *c = arena_strndup(&rq->a, v, strlen(v)), *o = c;
	for (const char *p = v; c && *p; p++)
		if (*p != '\r')
			*o++ = *p;
	if (c)
		*o = '\0';
	return c ? c : "";
}

/* s without its leading and trailing blanks, in the arena. */
static const char *trimmed(struct request *rq, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(&rq->a, s, n);
}

/* The JSON of one typed value of f; NULL with errors[where] set when it is
 * not one. "" is null. */
static json_t *typed(struct request *rq, const struct field *f, const char *v, const char *where, struct tv *errors)
{
	int64_t i;
	char *end;
	if (!*v)
		return json_null();
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		if (!node_count_parse(v, strlen(v), &i))
			return json_integer(i);
		tv_set_str(errors, where, T(rq, "A whole number, or nothing."));
		return NULL;
	case FK_REAL: {
		double d = strtod(v, &end);
		if (end != v && !*end && isfinite(d))
			return json_real(d);
		tv_set_str(errors, where, T(rq, "A number such as 41.38, or nothing."));
		return NULL;
	}
	default:
		return json_string(v);
	}
}

/* One string per line of s, trimmed, empty lines left out. */
static json_t *lines_of(struct request *rq, const char *s)
{
	json_t *a = json_array();
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		const char *t = trimmed(rq, s, n);
		if (t && *t)
			json_array_append_new(a, json_string(t));
		s += n + (s[n] == '\n');
	}
	return a;
}

static json_t *group_of(struct request *rq, const struct field *f, struct tv *errors)
{
	json_t *o = json_object();
	int any = 0;
	for (const struct field *s = f->sub; s->key; s++) {
		const char *name = arena_printf(&rq->a, "%s.%s", f->key, s->key);
		const char *v = name ? trimmed(rq, node_form_field(rq, name), strlen(node_form_field(rq, name))) : NULL;
		v = v ? v : "";
		json_t *j = typed(rq, s, v, f->key, errors);
		any |= v && *v;
		if (j && !json_is_null(j))
			json_object_set_new(o, s->key, j);
		else
			json_decref(j);
	}
	if (any)
		return o;
	json_decref(o);
	return json_null();
}

/* "Gent | Belgium" per line, as the sub-fields' JSON objects. */
static json_t *rows_of(struct request *rq, const struct field *f, struct tv *errors)
{
	json_t *a = json_array();
	for (const char *s = node_form_field(rq, f->key); *s;) {
		size_t n = strcspn(s, "\n");
		json_t *o = json_object();
		const struct field *sub = f->sub;
		for (size_t i = 0; i <= n;) { /* each cell up to the next '|' */
			size_t c = i;
			while (c < n && s[c] != ROW_SEP)
				c++;
			const char *cell = trimmed(rq, s + i, c - i);
			if (cell && *cell && !sub->key) {
				tv_set_str(errors, f->key, T(rq, "A line has more cells than this field takes."));
				break;
			}
			json_t *j = cell && sub->key ? typed(rq, sub, cell, f->key, errors) : NULL;
			if (j && !json_is_null(j))
				json_object_set_new(o, sub->key, j);
			else
				json_decref(j);
			sub += sub->key != NULL;
			i = c + 1;
		}
		if (json_object_size(o))
			json_array_append_new(a, o);
		else
			json_decref(o);
		s += n + (s[n] == '\n');
	}
	return a;
}

static json_t *sections_of(struct request *rq, const char *lang)
{
	json_t *secs = json_array();
	for (int k = 0; k < SECTION_COUNT; k++) {
		const char *key = section_key_name((enum section_key)k), *text = node_form_field(rq, key);
		const char *heading = i18n_text(lang, section_key_heading((enum section_key)k));
		if (*text)
			json_array_append_new(secs, json_pack("{s:s, s:s, s:s}", "key", key, "heading", heading,
							      "text", text));
	}
	return secs;
}

/* The JSON of field f as the form has it (NULL: f is not on the form, or
 * errors says why it cannot be read). */
static json_t *posted(struct request *rq, const struct field *f, struct tv *errors)
{
	const char *v = node_form_field(rq, f->key);
	switch (f->widget) {
	case WIDGET_NONE:
		return NULL;
	case WIDGET_LINES:
		return lines_of(rq, v);
	case WIDGET_SECTIONS:
		return sections_of(rq, node_form_field(rq, "language"));
	case WIDGET_GROUP:
		return group_of(rq, f, errors);
	case WIDGET_ROWS:
		return rows_of(rq, f, errors);
	case WIDGET_AREA:
		return *v ? json_string(v) : json_null();
	default:
		v = trimmed(rq, v, strlen(v));
		return typed(rq, f, v ? v : "", f->key, errors);
	}
}

json_t *node_form_object(struct request *rq, enum node_type type, struct tv *errors)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string(node_type_name(type)));
	for (const struct field *f = node_fields(type); f->key; f++) {
		json_t *j = posted(rq, f, errors);
		if (!j)
			continue;
		if ((f->flags & FIELD_REQUIRED) && json_is_null(j))
			tv_set_str(errors, f->key, T(rq, "This field is needed."));
		json_object_set_new(o, f->key, j);
	}
	return o;
}

/* ---- the form's inputs, filled ---- */

/* f's value in obj as the form shows it, into b. */
static enum px_err form_text(const void *obj, const struct field *f, struct buf *b);

static enum px_err row_text(const void *o, const struct field *f, struct buf *b)
{
	enum px_err err = PX_OK;
	for (const struct field *s = f->sub; !err && s->key; s++)
		if (!(err = s == f->sub ? PX_OK : buf_adds(b, " | ")))
			err = form_text(o, s, b);
	return err;
}

static enum px_err form_text(const void *obj, const struct field *f, struct buf *b)
{
	const void *at = FIELD_CONST(obj, f);
	enum px_err err = PX_OK;
	if (!field_is_set(obj, f))
		return PX_OK;
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		return buf_printf(b, "%lld", (long long)*(const int64_t *)at);
	case FK_REAL: {
		char real[32];
		field_real_format(*(const double *)at, real);
		return buf_adds(b, real);
	}
	case FK_LANGUAGE:
		return buf_adds(b, at);
	case FK_STRINGS:
		for (size_t i = 0; !err && i < strlist_len(at); i++)
			err = buf_printf(b, "%s%s", i ? "\n" : "", strlist_get(at, i));
		return err;
	case FK_OBJECTS:
		for (size_t i = 0; !err && i < ptrvec_len(at); i++)
			if (!(err = i ? buf_addc(b, '\n') : PX_OK))
				err = row_text(ptrvec_get(at, i), f, b);
		return err;
	case FK_OBJECT:
	case FK_SECTIONS:
		return PX_OK; /* their own inputs */
	default:
		return buf_adds(b, *(char *const *)at);
	}
}

const char *node_form_value(struct request *rq, const void *obj, const struct field *f)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	const char *s = form_text(obj, f, &b) ? "" : arena_strndup(&rq->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* The value an input shows: the node's (n), else what was typed. */
static const char *shown(struct request *rq, const void *obj, const struct field *f, const char *name)
{
	return obj ? node_form_value(rq, obj, f) : node_form_field(rq, name);
}

static const char *const widget_flags[] = {
	[WIDGET_LINE] = "line",   [WIDGET_NUMBER] = "number",     [WIDGET_AREA] = "area",
	[WIDGET_LINES] = "lines", [WIDGET_LANGUAGE] = "language", [WIDGET_SECTIONS] = "sections",
	[WIDGET_GROUP] = "group", [WIDGET_ROWS] = "rows",
};

static struct tv *input(struct request *rq, const struct field *f, const char *name, const char *value,
			const struct tv *errors, const char *error_key)
{
	struct tv *v = tv_map(&rq->a);
	const struct tv *e = errors ? tv_get(errors, error_key, strlen(error_key)) : NULL;
	tv_set_str(v, "name", name);
	tv_set_str(v, "label", T(rq, f->label));
	tv_set_str(v, "value", value);
	tv_set_str(v, "error", e ? e->s : NULL);
	tv_set_bool(v, "required", (f->flags & FIELD_REQUIRED) != 0);
	tv_set_bool(v, widget_flags[f->widget], 1);
	return v;
}

/* A top-level input: a pick-list (pick.c) where the field is one, a
 * language's list, a city's completions. */
static struct tv *top_input(struct request *rq, const struct field *f, const char *value, const struct tv *errors)
{
	struct tv *v;
	if (node_form_picked(f)) {
		const struct tv *e = errors ? tv_get(errors, f->key, strlen(f->key)) : NULL;
		v = tv_map(&rq->a);
		tv_set_str(v, "name", f->key);
		tv_set_str(v, "other", arena_printf(&rq->a, "%s.new", f->key));
		tv_set_str(v, "label", T(rq, f->label));
		tv_set_str(v, "value", value);
		tv_set_str(v, "error", e ? e->s : NULL);
		tv_set_bool(v, f->kind == FK_STRINGS ? "many" : "one", 1);
		tv_set(v, "options", node_form_options(rq, f, value));
		return v;
	}
	v = input(rq, f, f->key, value, errors, f->key);
	if (f->widget == WIDGET_LANGUAGE)
		tv_set(v, "languages", node_form_languages(rq, value));
	if (f->facet && !strcmp(f->facet, "city"))
		tv_set_bool(v, "completes", 1);
	return v;
}

static struct tv *section_inputs(struct request *rq, const struct node *n, const struct tv *errors)
{
	struct tv *secs = tv_list(&rq->a);
	for (int k = 0; k < SECTION_COUNT; k++) {
		const char *key = section_key_name((enum section_key)k), *text = n ? "" : node_form_field(rq, key);
		for (size_t i = 0; n && i < node_section_count(n); i++)
			if (node_section(n, i)->key == (enum section_key)k)
				text = node_section(n, i)->text;
		const struct tv *e = errors ? tv_get(errors, key, strlen(key)) : NULL;
		struct tv *v = tv_map(&rq->a);
		tv_set_str(v, "key", key);
		tv_set_str(v, "heading", T(rq, section_key_heading((enum section_key)k)));
		tv_set_str(v, "text", text);
		tv_set_str(v, "error", e ? e->s : NULL);
		tv_push(secs, v);
	}
	return secs;
}

static struct tv *group_inputs(struct request *rq, const struct node *n, const struct field *f, const struct tv *errors)
{
	const void *o = n ? *(void *const *)FIELD_CONST(n, f) : NULL;
	struct tv *subs = tv_list(&rq->a);
	for (const struct field *s = f->sub; s->key; s++) {
		const char *name = arena_printf(&rq->a, "%s.%s", f->key, s->key);
		const char *value = n ? (o ? shown(rq, o, s, name) : "") : node_form_field(rq, name);
		tv_push(subs, input(rq, s, name, value, NULL, ""));
	}
	struct tv *g = input(rq, f, f->key, NULL, errors, f->key);
	tv_set(g, "subs", subs);
	return g;
}

struct tv *node_form_inputs(struct request *rq, const struct node *n, enum node_type type, const struct tv *errors)
{
	struct tv *list = tv_list(&rq->a);
	for (const struct field *f = node_fields(type); f->key; f++) {
		struct tv *v;
		if (f->widget == WIDGET_NONE)
			continue;
		if (f->widget == WIDGET_GROUP) {
			v = group_inputs(rq, n, f, errors);
		} else {
			v = top_input(rq, f, shown(rq, n, f, f->key), errors);
			if (f->widget == WIDGET_SECTIONS)
				tv_set(v, "sections", section_inputs(rq, n, errors));
		}
		tv_push(list, v);
	}
	return list;
}

const char *node_form_reason(struct request *rq, enum node_type type, const char *key, const char *why)
{
	const struct field *f = key ? node_field(type, key) : NULL;
	if (f && f->kind == FK_LANGUAGE)
		return T(rq, "A language code (ISO 639-1): en, fr, de...");
	if (f && f->check == CHECK_EMAIL)
		return T(rq, "An e-mail address, such as name@example.org.");
	if (f && f->check == CHECK_URL)
		return T(rq, "An address starting with http:// or https://.");
	if (f && (f->kind == FK_INT || f->kind == FK_NID || f->kind == FK_REAL) && f->max != INT64_MAX)
		return i18n_with(&rq->a,
				 i18n_with(&rq->a, T(rq, "A number from {min} to {max}."), "min",
					   arena_printf(&rq->a, "%lld", (long long)f->min)),
				 "max", arena_printf(&rq->a, "%lld", (long long)f->max));
	/* an object's sub-field, a list's item: the import's own words say which */
	return arena_printf(&rq->a, "%s %s", T(rq, "This value is not accepted:"), why ? why : "");
}

/* Does nid name a node of the type check wants (CHECK_PRACTICE, CHECK_NETWORK)? */
static int names_a(struct request *rq, int64_t nid, enum field_check check)
{
	struct node *n = NULL;
	int ok = store_node_get(rq->st, nid, &n) == PX_OK &&
		 n->type == (check == CHECK_PRACTICE ? NODE_PRACTICE : NODE_NETWORK);
	node_free(n);
	return ok;
}

/* The first nid of obj's fields (table) that names no node of its kind. */
static const struct field *bad_ref(struct request *rq, const void *obj, const struct field *table)
{
	for (const struct field *f = table; f->key; f++) {
		const struct ptrvec *v = FIELD_CONST(obj, f);
		if (f->kind == FK_NID && (f->check == CHECK_PRACTICE || f->check == CHECK_NETWORK) &&
		    field_is_set(obj, f) && !names_a(rq, *(const int64_t *)FIELD_CONST(obj, f), f->check))
			return f;
		for (size_t i = 0; f->kind == FK_OBJECTS && i < ptrvec_len(v); i++)
			if (bad_ref(rq, ptrvec_get(v, i), f->sub))
				return f;
	}
	return NULL;
}

int node_form_check_refs(struct request *rq, const struct node *n, struct tv *errors)
{
	const struct field *f = bad_ref(rq, n, node_fields(n->type));
	if (!f)
		return 0;
	int practice = f->kind == FK_NID ? f->check == CHECK_PRACTICE : 0;
	tv_set_str(errors, f->key,
		   T(rq, practice ? "No practice of the hub has this number." : "No network of the hub has this number."));
	return -1;
}
