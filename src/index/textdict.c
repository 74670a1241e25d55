/* The text store's preset dictionary and its snapshot section (the formats
 * are at the top of textstore.c).
 *
 * The dictionary is made once, from the first TEXTSTORE_SAMPLE records put
 * (or all of them at the first flush of a smaller hub): the words and short
 * values (themes, countries, dates) that most records share, the most
 * shared last, where deflate reaches them with the shortest distances. It
 * never changes afterwards, so no record is compressed twice, but the
 * first records, which were stored until it existed. */
#include "textstore.h"

#include <stdlib.h>
#include <string.h>

#define PIECE_MIN  4
#define PIECE_MAX  48
#define SHARED_MIN 3 /* records a piece must be in to be worth its bytes */

struct piece {
	const unsigned char *p;
	uint32_t len;
	uint32_t docs; /* records it is in (after counting) */
};

static int by_bytes(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	uint32_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Bytes a piece saves: shared by docs records, each match costing ~3. */
static uint64_t worth(const struct piece *x)
{
	return (uint64_t)x->docs * (x->len - 3);
}

static int by_worth(const void *a, const void *b)
{
	uint64_t x = worth(a), y = worth(b);
	return (x < y) - (x > y); /* most worth first */
}

/* Appends to v the distinct pieces of content[0..n): each word with the
 * space after it, and each run of printable bytes short enough to be a
 * value. PX_ENOMEM. */
static enum px_err pieces_of(struct buf *v, const unsigned char *content, size_t n)
{
	size_t first = v->len / sizeof(struct piece);
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n;) {
		size_t run = i;
		while (run < n && content[run] >= 0x20)
			run++;
		if (run - i >= PIECE_MIN && run - i <= PIECE_MAX)
			err = buf_add(v, &(struct piece){content + i, (uint32_t)(run - i), 1},
				      sizeof(struct piece));
		for (size_t w = i; !err && w < run;) {
			size_t end = w;
			while (end < run && content[end] != ' ')
				end++;
			size_t len = end - w + (end < run); /* with its space */
			if (len >= PIECE_MIN && len <= PIECE_MAX && end - w != run - i)
				err = buf_add(v, &(struct piece){content + w, (uint32_t)len, 1},
					      sizeof(struct piece));
			w = end + 1;
		}
		i = run + 1;
	}
	/* one count per record: a piece repeated inside a record is deflate's own find */
	struct piece *mine = (struct piece *)(void *)v->data + first;
	size_t k = v->len / sizeof(struct piece) - first, kept = 0;
	if (k)
		qsort(mine, k, sizeof *mine, by_bytes);
	for (size_t i = 0; i < k; i++)
		if (!kept || by_bytes(&mine[kept - 1], &mine[i]))
			mine[kept++] = mine[i];
	v->len = (first + kept) * sizeof(struct piece);
	return err;
}

/* Merges equal pieces of v[0..k) into one with their record count; returns the new count. */
static size_t count_pieces(struct piece *v, size_t k)
{
	size_t kept = 0;
	if (k)
		qsort(v, k, sizeof *v, by_bytes);
	for (size_t i = 0; i < k; i++) {
		if (kept && !by_bytes(&v[kept - 1], &v[i]))
			v[kept - 1].docs++;
		else
			v[kept++] = v[i];
	}
	return kept;
}

/* The dictionary from the pieces of v[0..k), counted: the most worth
 * within TEXTSTORE_DICT_MAX, written least worth first. */
static enum px_err dict_write(struct buf *dict, struct piece *v, size_t k)
{
	qsort(v, k, sizeof *v, by_worth);
	size_t take = 0, bytes = 0;
	while (take < k && v[take].docs >= SHARED_MIN && bytes + v[take].len <= TEXTSTORE_DICT_MAX)
		bytes += v[take++].len;
	enum px_err err = PX_OK;
	for (size_t i = take; !err && i-- > 0;)
		err = buf_add(dict, v[i].p, v[i].len);
	return err;
}

enum px_err textstore_dict_build(struct buf *dict, const struct buf *contents, const size_t *ends, size_t n)
{
	struct buf v;
	buf_init(&v, BUF_CAP_DEFAULT);
	enum px_err err = PX_OK;
	for (size_t i = 0, from = 0; !err && i < n; from = ends[i++])
		err = pieces_of(&v, (const unsigned char *)contents->data + from, ends[i] - from);
	size_t k = err ? 0 : count_pieces((struct piece *)(void *)v.data, v.len / sizeof(struct piece));
	if (!err)
		err = dict_write(dict, (struct piece *)(void *)v.data, k);
	buf_free(&v);
	return err;
}

/* ---- the snapshot section ---- */

void textstore_write(const struct textstore *ts, const roaring_bitmap_t *live,
		     void (*put)(void *ctx, const void *p, size_t n), void *ctx)
{
	static const char zero[8];
	uint64_t docs = textstore_count(ts), data = 0, end = 0;
	for (uint32_t i = 0; i < docs; i++) {
		size_t n;
		textstore_record(ts, i, &n);
		data += roaring_bitmap_contains(live, i) ? n : 0;
	}
	uint64_t head[3] = {docs, ts->dict.len, data};
	put(ctx, head, sizeof head);
	put(ctx, ts->dict.data, ts->dict.len);
	put(ctx, zero, (8 - ts->dict.len % 8) % 8);
	put(ctx, &end, 8);
	for (uint32_t i = 0; i < docs; i++) {
		size_t n;
		textstore_record(ts, i, &n);
		end += roaring_bitmap_contains(live, i) ? n : 0;
		put(ctx, &end, 8);
	}
	for (uint32_t i = 0; i < docs; i++) {
		size_t n;
		const unsigned char *r = textstore_record(ts, i, &n);
		if (roaring_bitmap_contains(live, i))
			put(ctx, r, n);
	}
	put(ctx, zero, (8 - data % 8) % 8);
}
