/* The size limits of a node (model.h): one check for ingest and the edit
 * form, so that a node refused by one is refused by the other. */
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

/* The list's count and item limits; adds its bytes to *total. */
static int list_over(const char *field, const struct strlist *l, size_t *total, struct node_limit *out)
{
	if (over(field, strlist_len(l), NODE_TERMS_MAX, LIMIT_ITEMS, out))
		return -1;
	for (size_t i = 0; i < strlist_len(l); i++) {
		size_t n = strlen(strlist_get(l, i));
		if (over(field, n, NODE_TERM_MAX, LIMIT_ITEM_BYTES, out))
			return -1;
		*total += n;
	}
	return 0;
}

int node_check_limits(const struct node *n, struct node_limit *out)
{
	const struct {
		const char *field, *value;
		size_t max;
	} fields[] = {
		{"title", n->title, NODE_TITLE_MAX},   {"subtitle", n->subtitle, NODE_SUBTITLE_MAX},
		{"country", n->country, NODE_NAME_MAX}, {"city", n->city, NODE_NAME_MAX},
		{"author", n->author, NODE_NAME_MAX},   {"body", n->body, NODE_TEXT_MAX},
	};
	size_t total = 0;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (over(fields[i].field, len_of(fields[i].value), fields[i].max, LIMIT_BYTES, out))
			return -1;
		total += len_of(fields[i].value);
	}
	if (list_over("themes", &n->themes, &total, out) || list_over("labels", &n->labels, &total, out))
		return -1;
	/* five keys, each once in a page: many more would pass the byte limits empty */
	if (over("sections", node_section_count(n), SECTION_COUNT, LIMIT_ITEMS, out))
		return -1;
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		const char *key = section_key_name(s->key);
		if (over(key, len_of(s->heading), NODE_NAME_MAX, LIMIT_BYTES, out) ||
		    over(key, len_of(s->text), NODE_TEXT_MAX, LIMIT_BYTES, out))
			return -1;
		total += len_of(s->heading) + len_of(s->text);
	}
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
