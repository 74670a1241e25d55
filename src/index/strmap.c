/* A string → id hash table that stores only ids: the strings live in the
 * owner's arrays, reached through a name() callback. Each slot also keeps
 * the high half of its key's hash, so a probe reads a key only when that
 * matches. Linear probing, load factor at most 1/2. */
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

/* Slots are placed and tagged by the high half of the hash (px_hash mixes
 * every byte into it), so growing needs no key. */
static uint64_t tag_of(const char *s, size_t n)
{
	return px_hash(s, n) >> 32 << 32;
}

int64_t strmap_get(const struct strmap *m, const char *s, size_t n,
		   const char *(*name)(const void *, uint32_t, size_t *), const void *ctx)
{
	if (!m->slots)
		return -1;
	uint64_t tag = tag_of(s, n);
	for (size_t i = (size_t)(tag >> 32) & m->mask;; i = (i + 1) & m->mask) {
		uint64_t v = m->slots[i];
		if (!v)
			return -1;
		uint32_t id = (uint32_t)v - 1;
		if ((v >> 32 << 32) == tag && same(s, n, id, name, ctx))
			return id;
	}
}

static enum px_err grow(struct strmap *m)
{
	size_t size = m->slots ? (m->mask + 1) * 2 : 1024;
	uint64_t *slots = calloc(size, sizeof *slots);
	if (!slots)
		return PX_ENOMEM;
	for (size_t i = 0; m->slots && i <= m->mask; i++) {
		uint64_t v = m->slots[i];
		if (!v)
			continue;
		size_t j = (size_t)(v >> 32) & (size - 1);
		while (slots[j])
			j = (j + 1) & (size - 1);
		slots[j] = v;
	}
	free(m->slots);
	m->slots = slots;
	m->mask = size - 1;
	return PX_OK;
}

enum px_err strmap_put(struct strmap *m, const char *s, size_t n, uint32_t id)
{
	if (!m->slots || (m->used + 1) * 2 > m->mask + 1) {
		enum px_err err = grow(m);
		if (err)
			return err;
	}
	uint64_t tag = tag_of(s, n);
	size_t i = (size_t)(tag >> 32) & m->mask;
	while (m->slots[i])
		i = (i + 1) & m->mask;
	m->slots[i] = tag | ((uint64_t)id + 1);
	m->used++;
	return PX_OK;
}
