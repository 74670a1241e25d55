/* The size limits of a node (model.h), from the field table: one check for
 * ingest and the edit form, so that a node refused by one is refused by
 * the other. */
#include "model.h"

#include <string.h>

/* Sets *out and returns -1 when got exceeds max. */
static int over(const char *field, size_t got, size_t max, int on, struct node_limit *out)
{
	if (got <= max)
		return 0;
	*out = (struct node_limit){field, got, max, on};
	return -1;
}

static size_t len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

static int field_over(const void *obj, const struct field *f, size_t *total, struct node_limit *out);

/* A sub-field over its limit is reported under its object's key, the
 * field a form marks. */
static int object_over(const void *o, const struct field *f, size_t *total, struct node_limit *out)
{
	for (const struct field *s = f->sub; s->key; s++)
		if (field_over(o, s, total, out)) {
			out->field = f->key;
			return -1;
		}
	return 0;
}

static int sections_over(const struct ptrvec *v, const struct field *f, size_t *total, struct node_limit *out)
{
	/* five keys, each once in a page: many more would pass the byte limits empty */
	if (over(f->key, ptrvec_len(v), (size_t)f->max, LIMIT_ITEMS, out))
		return -1;
	for (size_t i = 0; i < ptrvec_len(v); i++) {
		const struct section *s = ptrvec_get(v, i);
		const char *key = section_key_name(s->key);
		if (over(key, len_of(s->heading), NODE_NAME_MAX, LIMIT_BYTES, out) ||
		    over(key, len_of(s->text), NODE_TEXT_MAX, LIMIT_BYTES, out))
			return -1;
		*total += len_of(s->heading) + len_of(s->text);
	}
	return 0;
}

/* f's limits in obj; adds its bytes to *total. Numbers are checked for
 * their range where they are read. */
static int field_over(const void *obj, const struct field *f, size_t *total, struct node_limit *out)
{
	const struct ptrvec *v = FIELD_CONST(obj, f);
	const char *s;
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		s = *(char *const *)FIELD_CONST(obj, f);
		*total += len_of(s);
		return over(f->key, len_of(s), (size_t)f->max, LIMIT_BYTES, out);
	case FK_STRINGS:
		if (over(f->key, strlist_len(FIELD_CONST(obj, f)), (size_t)f->max, LIMIT_ITEMS, out))
			return -1;
		for (size_t i = 0; i < strlist_len(FIELD_CONST(obj, f)); i++) {
			size_t n = strlen(strlist_get(FIELD_CONST(obj, f), i));
			if (over(f->key, n, NODE_TERM_MAX, LIMIT_ITEM_BYTES, out))
				return -1;
			*total += n;
		}
		return 0;
	case FK_SECTIONS:
		return sections_over(v, f, total, out);
	case FK_OBJECT:
		return *(void *const *)FIELD_CONST(obj, f) ? object_over(*(void *const *)FIELD_CONST(obj, f), f, total, out)
							   : 0;
	case FK_OBJECTS:
		if (over(f->key, ptrvec_len(v), (size_t)f->max, LIMIT_ITEMS, out))
			return -1;
		for (size_t i = 0; i < ptrvec_len(v); i++)
			if (object_over(ptrvec_get(v, i), f, total, out))
				return -1;
		return 0;
	default:
		return 0;
	}
}

int node_check_limits(const struct node *n, struct node_limit *out)
{
	size_t total = 0;
	for (const struct field *f = node_fields(n->type); f && f->key; f++)
		if (field_over(n, f, &total, out))
			return -1;
	return over("node", total, NODE_SIZE_MAX, LIMIT_BYTES, out);
}

enum px_err node_limit_describe(const struct node_limit *lim, struct buf *out)
{
	if (lim->on == LIMIT_ITEMS)
		return buf_printf(out, "%s: %zu items, at most %zu", lim->field, lim->got, lim->max);
	if (lim->on == LIMIT_ITEM_BYTES)
		return buf_printf(out, "%s: an item of %zu bytes, at most %zu", lim->field, lim->got, lim->max);
	return buf_printf(out, "%s: %zu bytes, at most %zu", lim->field, lim->got, lim->max);
}
