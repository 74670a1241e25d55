/* Reading CRoaring's portable bitmap format from an untrusted file.
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

/* The container's highest low half, or -1 when it is not sound. */
static int32_t check_run(struct img *m, uint32_t card)
{
	const unsigned char *h = img_take(m, 2);
	uint16_t runs = h ? u16_at(h, 0) : 0;
	const unsigned char *r = h ? img_take(m, (size_t)runs * 4) : NULL;
	if (!r || !runs)
		return -1;
	int32_t end = -1; /* the last value of the previous run */
	uint32_t sum = 0;
	for (uint16_t i = 0; i < runs; i++) {
		uint32_t start = u16_at(r, 2 * (size_t)i), len = u16_at(r, 2 * (size_t)i + 1);
		if ((int32_t)start <= end || start + len > 0xffff)
			return -1;
		end = (int32_t)(start + len);
		sum += len + 1;
	}
	return sum == card ? end : -1;
}

static int32_t check_bitset(struct img *m, uint32_t card)
{
	const unsigned char *b = img_take(m, BITSET_BYTES);
	if (!b)
		return -1;
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
	return sum == card ? last : -1;
}

static int32_t check_array(struct img *m, uint32_t card)
{
	const unsigned char *a = img_take(m, (size_t)card * 2);
	if (!a)
		return -1;
	for (uint32_t i = 1; i < card; i++)
		if (u16_at(a, i) <= u16_at(a, i - 1))
			return -1;
	return u16_at(a, card - 1);
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
		int32_t last = runbits && runbits[k / 8] & (1u << (k % 8)) ? check_run(&m, card)
			       : card > ARRAY_MAX                          ? check_bitset(&m, card)
									   : check_array(&m, card);
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

enum px_err index_lib_versions(struct buf *out)
{
	return buf_printf(out, "CRoaring %d.%d.%d (compiled)\n", ROARING_VERSION_MAJOR, ROARING_VERSION_MINOR,
			  ROARING_VERSION_REVISION);
}
