/* Reading CRoaring's bitmaps from an untrusted file: the portable format
 * (copied into a bitmap of its own) and the frozen one (read in place).
 *
 * roaring_bitmap_portable_deserialize_safe() only keeps its reads inside
 * the buffer: it trusts the containers themselves, and an unsorted array or
 * a run past 65535 makes later operations read and write out of bounds.
 * The CRoaring in Debian bookworm (0.2.66) has no validator, so this one
 * checks the image against the format's specification first:
 *
 *   u32 cookie: 12346, then u32 containers n; or 12347 | (n - 1) << 16,
 *       then a bit per container telling run containers, (n + 7) / 8 bytes
 *   n × (u16 key, u16 cardinality - 1), keys ascending
 *   n × u32 offsets, unless the cookie is 12347 and n < 4 (not needed to
 *       read: containers follow one another)
 *   per container: run: u16 runs, then (u16 start, u16 length - 1) each;
 *       bitset (cardinality > 4096): 8192 bytes; array: u16 values ascending */
#include "index_int.h"

#include <string.h>

enum {
	COOKIE_NO_RUNS = 12346,
	COOKIE_RUNS = 12347,
	ARRAY_MAX = 4096,
	BITSET_BYTES = 8192,
	NO_OFFSETS_BELOW = 4
};

struct img {
	const unsigned char *p;
	size_t left;
};

static const unsigned char *img_take(struct img *m, size_t n)
{
	if (n > m->left)
		return NULL;
	const unsigned char *r = m->p;
	m->p += n;
	m->left -= n;
	return r;
}

static uint16_t u16_at(const unsigned char *p, size_t i)
{
	uint16_t v;
	memcpy(&v, p + 2 * i, 2);
	return v;
}

/* Each check returns the container's highest low half, or -1 when it is
 * not sound; the run check also gives the number of values it holds. */
static int32_t check_runs(const unsigned char *r, uint32_t runs, uint32_t *card)
{
	int32_t end = -1; /* the last value of the previous run */
	uint32_t sum = 0;
	for (uint32_t i = 0; i < runs; i++) {
		uint32_t start = u16_at(r, 2 * (size_t)i), len = u16_at(r, 2 * (size_t)i + 1);
		if ((int32_t)start <= end || start + len > 0xffff)
			return -1;
		end = (int32_t)(start + len);
		sum += len + 1;
	}
	*card = sum;
	return runs ? end : -1;
}

static int32_t check_bitset(const unsigned char *b, uint32_t card)
{
	uint32_t sum = 0;
	int32_t last = -1;
	for (size_t i = 0; i < BITSET_BYTES / 8; i++) {
		uint64_t w;
		memcpy(&w, b + 8 * i, 8);
		if (w) {
			sum += (uint32_t)__builtin_popcountll(w);
			last = (int32_t)(64 * i + 63 - (size_t)__builtin_clzll(w));
		}
	}
	return sum == card && card > ARRAY_MAX ? last : -1;
}

static int32_t check_array(const unsigned char *a, uint32_t card)
{
	if (!card || card > ARRAY_MAX)
		return -1;
	for (uint32_t i = 1; i < card; i++)
		if (u16_at(a, i) <= u16_at(a, i - 1))
			return -1;
	return u16_at(a, card - 1);
}

/* A portable run container: u16 runs, then the runs. */
static int32_t take_run(struct img *m, uint32_t card)
{
	const unsigned char *h = img_take(m, 2);
	uint32_t runs = h ? u16_at(h, 0) : 0, sum = 0;
	const unsigned char *r = h ? img_take(m, (size_t)runs * 4) : NULL;
	int32_t last = r ? check_runs(r, runs, &sum) : -1;
	return sum == card ? last : -1;
}

static int32_t take_bitset(struct img *m, uint32_t card)
{
	const unsigned char *b = img_take(m, BITSET_BYTES);
	return b ? check_bitset(b, card) : -1;
}

static int32_t take_array(struct img *m, uint32_t card)
{
	const unsigned char *a = img_take(m, (size_t)card * 2);
	return a ? check_array(a, card) : -1;
}

/* The number of values of a sound image of exactly n bytes whose values
 * are all below limit, or -1. */
static int64_t check(const char *image, size_t n, uint64_t limit)
{
	struct img m = {(const unsigned char *)image, n};
	const unsigned char *h = img_take(&m, 4), *runbits = NULL;
	uint32_t cookie, count;
	if (!h)
		return -1;
	memcpy(&cookie, h, 4);
	if ((cookie & 0xffff) == COOKIE_RUNS) {
		count = (cookie >> 16) + 1;
		if (!(runbits = img_take(&m, (count + 7) / 8)))
			return -1;
	} else if (cookie == COOKIE_NO_RUNS && (h = img_take(&m, 4))) {
		memcpy(&count, h, 4);
		if (count > 1u << 16)
			return -1;
	} else {
		return -1;
	}
	const unsigned char *keys = img_take(&m, (size_t)count * 4);
	if (!keys || ((!runbits || count >= NO_OFFSETS_BELOW) && !img_take(&m, (size_t)count * 4)))
		return -1;
	int64_t total = 0;
	uint64_t max = 0;
	for (uint32_t k = 0; k < count; k++) {
		uint32_t key = u16_at(keys, 2 * (size_t)k), card = u16_at(keys, 2 * (size_t)k + 1) + 1u;
		if (k && key <= u16_at(keys, 2 * (size_t)k - 2))
			return -1;
		int32_t last = runbits && runbits[k / 8] & (1u << (k % 8)) ? take_run(&m, card)
			       : card > ARRAY_MAX                          ? take_bitset(&m, card)
									   : take_array(&m, card);
		if (last < 0)
			return -1;
		max = (uint64_t)key << 16 | (uint32_t)last;
		total += card;
	}
	if (m.left || (count && max >= limit))
		return -1;
	return total;
}

roaring_bitmap_t *bitmap_read_portable(const char *image, size_t n, uint64_t limit)
{
	int64_t card = check(image, n, limit);
	if (card < 0)
		return NULL;
	roaring_bitmap_t *b = roaring_bitmap_portable_deserialize_safe(image, n);
	if (b && roaring_bitmap_get_cardinality(b) != (uint64_t)card) {
		roaring_bitmap_free(b); /* cannot happen with a checked image */
		b = NULL;
	}
	return b;
}

/* CRoaring's frozen format (roaring_bitmap_frozen_serialize() in 0.2.66),
 * read in place: the containers in three zones, every bitset (8192 bytes),
 * then every run container's runs (u16 start, u16 length - 1), then every
 * array's values (u16); then n u16 keys, n u16 counts (a run container's
 * runs, else its cardinality - 1), n u8 type codes, u32 n << 15 | 13766.
 * roaring_bitmap_frozen_view() checks only that the sizes add up. The
 * type codes are 1, 2 and 3 (containers.h): zone[] is indexed by them. */
enum {
	TYPE_BITSET = BITSET_CONTAINER_TYPE_CODE,
	TYPE_ARRAY = ARRAY_CONTAINER_TYPE_CODE,
	TYPE_RUN = RUN_CONTAINER_TYPE_CODE
};
_Static_assert(TYPE_BITSET == 1 && TYPE_ARRAY == 2 && TYPE_RUN == 3, "zone[] is indexed by type code");

static int64_t check_frozen(const unsigned char *img, size_t n, uint64_t limit)
{
	uint32_t header;
	if (n < 4)
		return -1;
	memcpy(&header, img + n - 4, 4);
	size_t count = header >> 15, zone[4] = {0}; /* bytes per type code */
	if ((header & 0x7fff) != FROZEN_COOKIE || count > 1u << 16 || (n - 4) / 5 < count)
		return -1;
	const unsigned char *keys = img + n - 4 - 5 * count, *counts = keys + 2 * count, *types = counts + 2 * count;
	for (size_t i = 0; i < count; i++) {
		size_t c = u16_at(counts, i);
		if (types[i] < TYPE_BITSET || types[i] > TYPE_RUN)
			return -1;
		zone[types[i]] += types[i] == TYPE_BITSET ? BITSET_BYTES : types[i] == TYPE_RUN ? c * 4 : (c + 1) * 2;
	}
	if (zone[TYPE_BITSET] + zone[TYPE_RUN] + zone[TYPE_ARRAY] != n - 4 - 5 * count)
		return -1;
	const unsigned char *at[4] = {NULL, img, img + zone[TYPE_BITSET] + zone[TYPE_RUN], img + zone[TYPE_BITSET]};
	int64_t total = 0;
	uint64_t max = 0;
	for (size_t i = 0; i < count; i++) {
		uint32_t key = u16_at(keys, i), c = u16_at(counts, i), card = c + 1;
		if (i && key <= u16_at(keys, i - 1))
			return -1;
		int32_t last = types[i] == TYPE_BITSET ? check_bitset(at[TYPE_BITSET], card)
			       : types[i] == TYPE_RUN  ? check_runs(at[TYPE_RUN], c, &card)
						       : check_array(at[TYPE_ARRAY], card);
		if (last < 0)
			return -1;
		at[types[i]] += types[i] == TYPE_BITSET ? BITSET_BYTES : types[i] == TYPE_RUN ? (size_t)c * 4 : (size_t)card * 2;
		max = (uint64_t)key << 16 | (uint32_t)last;
		total += card;
	}
	return count && max >= limit ? -1 : total;
}

const roaring_bitmap_t *bitmap_view_frozen(const char *image, size_t n, uint64_t limit)
{
	if ((uintptr_t)image % 32 || check_frozen((const unsigned char *)image, n, limit) < 0)
		return NULL;
	return roaring_bitmap_frozen_view(image, n);
}

enum px_err index_lib_versions(struct buf *out)
{
	return buf_printf(out, "CRoaring %d.%d.%d (compiled)\n", ROARING_VERSION_MAJOR, ROARING_VERSION_MINOR,
			  ROARING_VERSION_REVISION);
}
