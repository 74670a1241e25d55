/* The gazetteer's index: every name of every city (place_cities[], most
 * populous first) as a key "ES:sevilla" (the country's code, ':', the name
 * folded by place_fold), sorted by key and then by city, so that the first
 * entry of a key is the most populous city of that name. Built once by
 * place_init() under a lock, read without one afterwards. */
#include "place_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX (PLACE_NAME_MAX + 3) /* "ES:" and a folded name */

struct entry {
	uint32_t key;  /* offset of the NUL-terminated key in keys */
	uint32_t city; /* index in place_cities */
};

static struct buf keys;    /* the keys, one after another */
static struct buf entries; /* struct entry[], sorted by key then city */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int ready; /* set, with release, once the tables are built */

/* The French outermost regions that GeoNames codes apart: searched after
 * France itself. (Spain's and Portugal's are coded ES and PT.) */
static const struct {
	const char *country, *regions[7];
} REGIONS[] = {
	{"FR", {"GP", "MQ", "GF", "RE", "YT", "MF", NULL}},
};

/* Writes "CC:folded name" into key[KEY_MAX]; returns its length, 0 if the
 * name folds to nothing or is too long. */
static size_t make_key(const char *code, const char *name, char *key)
{
	memcpy(key, code, 2);
	key[2] = ':';
	size_t n = place_fold(name, key + 3, KEY_MAX - 3);
	return n ? n + 3 : 0;
}

static enum px_err add_entry(const char *code, const char *name, size_t city)
{
	char key[KEY_MAX];
	size_t n = make_key(code, name, key);
	if (!n)
		return PX_OK;
	struct entry e = {(uint32_t)keys.len, (uint32_t)city};
	enum px_err err = buf_add(&keys, key, n + 1);
	return err ? err : buf_add(&entries, &e, sizeof e);
}

static int by_key(const void *a, const void *b, void *text)
{
	const struct entry *x = a, *y = b;
	int d = strcmp((const char *)text + x->key, (const char *)text + y->key);
	return d ? d : (x->city > y->city) - (x->city < y->city);
}

/* Drops the entries that repeat the one before (a city's names that fold
 * alike: "Łódź" and "Lodz"). */
static void dedupe(void)
{
	struct entry *v = (struct entry *)(void *)entries.data;
	size_t n = entries.len / sizeof *v, o = 0;
	for (size_t i = 0; i < n; i++)
		if (!o || v[i].city != v[o - 1].city ||
		    strcmp(keys.data + v[i].key, keys.data + v[o - 1].key))
			v[o++] = v[i];
	entries.len = o * sizeof *v;
}

static enum px_err build(void)
{
	buf_init(&keys, BUF_CAP_DEFAULT);
	buf_init(&entries, BUF_CAP_DEFAULT);
	enum px_err err = place_countries_init();
	for (size_t i = 0; !err && i < place_ncities; i++) {
		const struct place *p = &place_cities[i];
		err = add_entry(p->country, p->name, i);
		for (const char *const *n = p->names; !err && *n; n++)
			err = add_entry(p->country, *n, i);
	}
	if (err)
		return err;
	qsort_r(entries.data, entries.len / sizeof(struct entry), sizeof(struct entry), by_key, keys.data);
	dedupe();
	buf_shrink(&keys);
	buf_shrink(&entries);
	return PX_OK;
}

enum px_err place_init(void)
{
	if (atomic_load_explicit(&ready, memory_order_acquire))
		return PX_OK;
	pthread_mutex_lock(&build_lock);
	enum px_err err = PX_OK;
	if (!atomic_load_explicit(&ready, memory_order_relaxed)) {
		err = build();
		if (err) {
			buf_free(&keys);
			buf_free(&entries);
			place_countries_free();
		} else {
			atomic_store_explicit(&ready, 1, memory_order_release);
		}
	}
	pthread_mutex_unlock(&build_lock);
	return err;
}

void place_free(void)
{
	pthread_mutex_lock(&build_lock);
	atomic_store_explicit(&ready, 0, memory_order_relaxed);
	buf_free(&keys);
	buf_free(&entries);
	place_countries_free();
	pthread_mutex_unlock(&build_lock);
}

/* The index in place_cities of the first city of key, or place_ncities. */
static size_t city_of(const char *key)
{
	const struct entry *v = (const struct entry *)(const void *)entries.data;
	size_t lo = 0, hi = entries.len / sizeof *v;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(keys.data + v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < entries.len / sizeof *v && !strcmp(keys.data + v[lo].key, key) ? v[lo].city
										   : place_ncities;
}

/* The most populous city of the country's outermost regions named so. */
static size_t city_in_regions(const char *code, char *key)
{
	size_t best = place_ncities;
	for (size_t r = 0; r < sizeof REGIONS / sizeof REGIONS[0]; r++) {
		if (strcmp(REGIONS[r].country, code))
			continue;
		for (const char *const *c = REGIONS[r].regions; *c; c++) {
			memcpy(key, *c, 2);
			size_t i = city_of(key);
			best = i < best ? i : best;
		}
	}
	return best;
}

const struct place *place_find(const char *country, const char *city)
{
	char code[3], key[KEY_MAX];
	if (place_country_code(country, code) || !city || !make_key(code, city, key))
		return NULL;
	size_t i = city_of(key);
	if (i == place_ncities)
		i = city_in_regions(code, key);
	return i < place_ncities ? &place_cities[i] : NULL;
}

/* Copies key[0..n] into out[cap]; returns n, or 0 if it does not fit. */
static size_t copy_key(const char *key, size_t n, char *out, size_t cap)
{
	if (!n || n >= cap)
		return 0;
	memcpy(out, key, n + 1);
	return n;
}

size_t place_key(const char *country, const char *city, char *out, size_t cap)
{
	char code[3], key[KEY_MAX];
	if (place_country_code(country, code) || !city)
		return 0;
	return copy_key(key, make_key(code, city, key), out, cap);
}

size_t place_canonical_key(const struct place *p, char *out, size_t cap)
{
	char key[KEY_MAX];
	return p ? copy_key(key, make_key(p->country, p->name, key), out, cap) : 0;
}
