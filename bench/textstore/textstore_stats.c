/* The text store of an index snapshot, measured (docs/bench.md, "Text
 * store"): its records' bytes against their contents' (the compression
 * ratio), the dictionary's size, and the time to inflate a record (a card
 * and a snippet text, as a search page reads them) and to deflate one again
 * with the dictionary, in µs per record, over every live document.
 *
 *   build/bench/textstore_stats SNAPSHOT */
#include "index/index_int.h"

#include <stdio.h>
#include <time.h>
#include <zlib.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Deflates content as textstore.c does (raw, with the dictionary). */
static size_t deflated(const struct buf *content, const struct buf *dict, unsigned char *out, size_t cap)
{
	z_stream z = {0};
	if (deflateInit2(&z, TEXTSTORE_LEVEL, Z_DEFLATED, -15, TEXTSTORE_MEM_LEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	deflateSetDictionary(&z, (const Bytef *)dict->data, (uInt)dict->len);
	z.next_in = (Bytef *)content->data;
	z.avail_in = (uInt)content->len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	size_t n = deflate(&z, Z_FINISH) == Z_STREAM_END ? z.total_out : 0;
	deflateEnd(&z);
	return n;
}

int main(int argc, char **argv)
{
	struct index *ix;
	int64_t stamp;
	if (argc != 2 || index_read(argv[1], &ix, &stamp)) {
		fprintf(stderr, "usage: textstore_stats SNAPSHOT (a readable one)\n");
		return 2;
	}
	size_t docs = 0, records = 0, texts = 0, failed = 0;
	struct buf text;
	buf_init(&text, BUF_CAP_DEFAULT);
	double t0 = now();
	for (uint32_t d = 0; d < doc_count(ix); d++) {
		struct node *n = NULL;
		size_t len;
		if (!roaring_bitmap_contains(ix->live, d))
			continue;
		textstore_record(&ix->text, d, &len);
		buf_reset(&text);
		if (textstore_text(&ix->text, d, &text) ||
		    textstore_card(&ix->text, d, doc_at(ix, d)->nid, doc_at(ix, d)->type, &n))
			failed++;
		node_free(n);
		docs++;
		records += len;
		texts += text.len;
	}
	double inflate_s = now() - t0;
	/* deflating again: the contents of every 10th record */
	static unsigned char out[1 << 20];
	size_t again = 0, content_bytes = 0, deflated_bytes = 0;
	t0 = now();
	for (uint32_t d = 0; d < doc_count(ix); d += 10) {
		size_t len;
		const unsigned char *r = textstore_record(&ix->text, d, &len);
		uint64_t clen = 0;
		size_t vlen = r && len ? varint_get(r + 1, r + len, &clen) : 0;
		if (!vlen || !roaring_bitmap_contains(ix->live, d) || r[0] != 1)
			continue;
		/* the content, inflated, is what a put deflates */
		z_stream z = {0};
		static unsigned char content[1 << 20];
		if (clen > sizeof content || inflateInit2(&z, -15) != Z_OK)
			continue;
		inflateSetDictionary(&z, (const Bytef *)ix->text.dict.data, (uInt)ix->text.dict.len);
		size_t skip = 1 + vlen;
		z.next_in = (Bytef *)(uintptr_t)(r + skip);
		z.avail_in = (uInt)(len - skip);
		z.next_out = content;
		z.avail_out = sizeof content;
		inflate(&z, Z_FINISH);
		struct buf c;
		buf_init(&c, 0);
		buf_borrow(&c, content, z.total_out);
		inflateEnd(&z);
		content_bytes += c.len;
		size_t n = deflated(&c, &ix->text.dict, out, sizeof out);
		deflated_bytes += n;
		again += n > 0;
	}
	double deflate_s = now() - t0;
	printf("documents %zu, records %zu bytes (%.0f per record), dictionary %zu bytes, damaged %zu\n",
	       docs, records, docs ? (double)records / (double)docs : 0, ix->text.dict.len, failed);
	printf("snippet texts %zu bytes: records / texts = %.3f\n", texts,
	       texts ? (double)records / (double)texts : 0);
	printf("inflate a card and a text: %.1f us per record\n", docs ? inflate_s * 1e6 / (double)docs : 0);
	printf("deflate (inflate + deflate a sampled record): %.1f us per record, %zu bytes of contents -> %zu\n",
	       again ? deflate_s * 1e6 / (double)again : 0, content_bytes, deflated_bytes);
	buf_free(&text);
	index_free(ix);
	return 0;
}
