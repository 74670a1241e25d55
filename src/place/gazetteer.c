/* The gazetteer's index: every name of every city (place_cities[], most
 * populous first) as a key "ES:sevilla" (the country's code, ':', the name
 * folded by place_fold) in an open-addressing hash table whose entry keeps
 * the first city added with that key: the most populous one. Built once by
 * place_init() under a lock (a hash table, not a sorted array: sorting
 * 100,000 keys was two thirds of the start-up), read without one
 * afterwards. */
#include "place_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#define KEY_MAX (PLACE_NAME_MAX + 3) /* "ES:" and a folded name */

struct entry {
	uint32_t key;  /* offset of the NUL-terminated key in keys */
	uint32_t city; /* index in place_cities: the first (most populous) so named */
};

static struct buf keys;    /* the keys, one after another */
static struct buf entries; /* struct entry[] */
static struct buf slots;   /* uint32_t[nslots]: an entry's index + 1, 0 if free */
static size_t nslots;      /* a power of two, at least twice the entries */
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

/* The slot of key[0..n): the one holding it, or the free one where it goes. */
static uint32_t *slot_of(const char *key, size_t n)
{
	uint32_t *slot = (uint32_t *)(void *)slots.data;
	const struct entry *v = (const struct entry *)(const void *)entries.data;
	size_t i = (size_t)px_hash(key, n) & (nslots - 1);
	while (slot[i] && strcmp(keys.data + v[slot[i] - 1].key, key))
		i = (i + 1) & (nslots - 1);
	return &slot[i];
}

static enum px_err add_entry(const char *code, const char *name, size_t city)
{
	char key[KEY_MAX];
	size_t n = make_key(code, name, key);
	if (!n)
		return PX_OK;
	uint32_t *slot = slot_of(key, n);
	if (*slot)
		return PX_OK; /* a more populous city has that name */
	struct entry e = {(uint32_t)keys.len, (uint32_t)city};
	enum px_err err = buf_add(&keys, key, n + 1);
	if (!err)
		err = buf_add(&entries, &e, sizeof e);
	if (!err)
		*slot = (uint32_t)(entries.len / sizeof e);
	return err;
}

/* An empty table for every name of every city. */
static enum px_err make_slots(void)
{
	size_t names = place_ncities;
	for (size_t i = 0; i < place_ncities; i++)
		for (const char *const *n = place_cities[i].names; *n; n++)
			names++;
	for (nslots = 1024; nslots < 2 * names;)
		nslots *= 2;
	enum px_err err = buf_reserve(&slots, nslots * sizeof(uint32_t));
	if (!err) {
		memset(slots.data, 0, nslots * sizeof(uint32_t));
		slots.len = nslots * sizeof(uint32_t);
	}
	return err;
}

static enum px_err build(void)
{
	buf_init(&keys, BUF_CAP_DEFAULT);
	buf_init(&entries, BUF_CAP_DEFAULT);
	buf_init(&slots, BUF_CAP_DEFAULT);
	enum px_err err = place_countries_init();
	if (!err)
		err = make_slots();
	for (size_t i = 0; !err && i < place_ncities; i++) {
		const struct place *p = &place_cities[i];
		err = add_entry(p->country, p->name, i);
		for (const char *const *n = p->names; !err && *n; n++)
			err = add_entry(p->country, *n, i);
	}
	if (!err) {
		buf_shrink(&keys);
		buf_shrink(&entries);
	}
	return err;
}

static void teardown(void)
{
	buf_free(&keys);
	buf_free(&entries);
	buf_free(&slots);
	nslots = 0;
	place_countries_free();
}

enum px_err place_init(void)
{
	if (atomic_load_explicit(&ready, memory_order_acquire))
		return PX_OK;
	pthread_mutex_lock(&build_lock);
	enum px_err err = PX_OK;
	if (!atomic_load_explicit(&ready, memory_order_relaxed)) {
		err = build();
		if (err)
			teardown();
		else
			atomic_store_explicit(&ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&build_lock);
	return err;
}

void place_free(void)
{
	pthread_mutex_lock(&build_lock);
	atomic_store_explicit(&ready, 0, memory_order_relaxed);
	teardown();
	pthread_mutex_unlock(&build_lock);
}

/* The index in place_cities of the first city of key, or place_ncities. */
static size_t city_of(const char *key)
{
	const uint32_t *slot = slot_of(key, strlen(key));
	const struct entry *v = (const struct entry *)(const void *)entries.data;
	return *slot ? v[*slot - 1].city : place_ncities;
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

size_t place_count(void)
{
	return place_ncities;
}

const struct place *place_at(size_t i)
{
	return i < place_ncities ? &place_cities[i] : NULL;
}
