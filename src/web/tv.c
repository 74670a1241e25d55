/* Template values: a small tree of maps, lists and scalars built by a page
 * handler in the request's arena. */
#include "web_int.h"

#include <string.h>

static struct tv *make(struct arena *a, enum tv_kind kind)
{
	struct tv *v = arena_alloc(a, sizeof *v);
	if (v) {
		v->kind = kind;
		v->a = a;
	}
	return v;
}

struct tv *tv_map(struct arena *a)
{
	return make(a, TV_MAP);
}

struct tv *tv_list(struct arena *a)
{
	return make(a, TV_LIST);
}

static struct tv *text(struct arena *a, const char *s, enum tv_kind kind)
{
	if (!s)
		return make(a, TV_NULL);
	struct tv *v = make(a, kind);
	size_t n = strlen(s);
	if (v && !(v->s = arena_strndup(a, s, n)))
		return NULL;
	if (v)
		v->len = n;
	return v;
}

struct tv *tv_str(struct arena *a, const char *s)
{
	return text(a, s, TV_STR);
}

struct tv *tv_html(struct arena *a, const char *markup)
{
	return text(a, markup, TV_HTML);
}

struct tv *tv_int(struct arena *a, int64_t i)
{
	struct tv *v = make(a, TV_INT);
	if (v)
		v->i = i;
	return v;
}

struct tv *tv_bool(struct arena *a, int b)
{
	struct tv *v = make(a, TV_BOOL);
	if (v)
		v->i = b != 0;
	return v;
}

/* Room for one more item (and key, in a map). */
static int grow(struct tv *c)
{
	if (c->len < c->cap)
		return 0;
	size_t cap = c->cap ? c->cap * 2 : 8;
	struct tv **items = arena_alloc(c->a, cap * sizeof *items);
	const char **keys = c->kind == TV_MAP ? arena_alloc(c->a, cap * sizeof *keys) : NULL;
	if (!items || (c->kind == TV_MAP && !keys))
		return -1;
	if (c->len) {
		memcpy(items, c->items, c->len * sizeof *items);
		if (keys)
			memcpy(keys, c->keys, c->len * sizeof *keys);
	}
	c->items = items;
	c->keys = keys;
	c->cap = cap;
	return 0;
}

void tv_push(struct tv *list, struct tv *v)
{
	if (list && v && list->kind == TV_LIST && !grow(list))
		list->items[list->len++] = v;
}

void tv_set(struct tv *map, const char *key, struct tv *v)
{
	if (!map || !v || map->kind != TV_MAP || grow(map))
		return;
	map->keys[map->len] = key;
	map->items[map->len++] = v;
}

void tv_set_str(struct tv *map, const char *key, const char *s)
{
	if (map)
		tv_set(map, key, tv_str(map->a, s));
}

void tv_set_int(struct tv *map, const char *key, int64_t i)
{
	if (map)
		tv_set(map, key, tv_int(map->a, i));
}

void tv_set_bool(struct tv *map, const char *key, int b)
{
	if (map)
		tv_set(map, key, tv_bool(map->a, b));
}

const struct tv *tv_get(const struct tv *map, const char *key, size_t klen)
{
	if (!map || map->kind != TV_MAP)
		return NULL;
	for (size_t i = map->len; i-- > 0;) /* the latest setting wins */
		if (!strncmp(map->keys[i], key, klen) && map->keys[i][klen] == '\0')
			return map->items[i];
	return NULL;
}
