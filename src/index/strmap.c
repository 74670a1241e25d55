/* A string → id hash table that stores only ids: the strings live in the
 * owner's arrays, reached through a name() callback, so the table costs 4
 * bytes a slot. Linear probing, load factor at most 1/2. */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>

void strmap_free(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

static int same(const char *s, size_t n, uint32_t id, const char *(*name)(const void *, uint32_t, size_t *),
		const void *ctx)
{
	size_t len;
	const char *k = name(ctx, id, &len);
	return len == n && memcmp(k, s, n) == 0;
}

int64_t strmap_get(const struct strmap *m, const char *s, size_t n,
		   const char *(*name)(const void *, uint32_t, size_t *), const void *ctx)
{
	if (!m->slots)
		return -1;
	for (size_t i = px_hash(s, n) & m->mask;; i = (i + 1) & m->mask) {
		uint32_t v = m->slots[i];
		if (!v)
			return -1;
		if (same(s, n, v - 1, name, ctx))
			return v - 1;
	}
}

static enum px_err grow(struct strmap *m, const char *(*name)(const void *, uint32_t, size_t *),
			const void *ctx)
{
	size_t size = m->slots ? (m->mask + 1) * 2 : 1024;
	uint32_t *slots = calloc(size, sizeof *slots);
	if (!slots)
		return PX_ENOMEM;
	for (size_t i = 0; m->slots && i <= m->mask; i++) {
		uint32_t v = m->slots[i];
		if (!v)
			continue;
		size_t len;
		const char *k = name(ctx, v - 1, &len);
		size_t j = px_hash(k, len) & (size - 1);
		while (slots[j])
			j = (j + 1) & (size - 1);
		slots[j] = v;
	}
	free(m->slots);
	m->slots = slots;
	m->mask = size - 1;
	return PX_OK;
}

enum px_err strmap_put(struct strmap *m, const char *s, size_t n, uint32_t id,
		       const char *(*name)(const void *, uint32_t, size_t *), const void *ctx)
{
	if (!m->slots || (m->used + 1) * 2 > m->mask + 1) {
		enum px_err err = grow(m, name, ctx);
		if (err)
			return err;
	}
	size_t i = px_hash(s, n) & m->mask;
	while (m->slots[i])
		i = (i + 1) & m->mask;
	m->slots[i] = id + 1;
	m->used++;
	return PX_OK;
}
