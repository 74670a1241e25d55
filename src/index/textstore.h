/* Private to index/: the text store (textstore.c). Per document, what its
 * card and its snippet need, compressed, so that a search page reads no
 * store. Documents are appended in docno order, as the index files them. */
#ifndef PX_INDEX_TEXTSTORE_H
#define PX_INDEX_TEXTSTORE_H

#include "../core/core.h"
#include "../model/model.h"

#include <roaring/roaring.h>

struct textstore {
	struct buf offs; /* uint64 per docno, and one more: record i is bytes [offs[i], offs[i+1])
			    of base then tail, as if they were one run; empty = none */
	struct buf base; /* records read from a snapshot: borrowed, never grown (a put would
			    copy the whole mapping to the heap) */
	struct buf tail; /* records put since: owned */
	struct buf dict; /* the preset dictionary (zlib), borrowed or owned; empty until
			    textstore_flush() or TEXTSTORE_SAMPLE records make one */
	size_t raw;      /* records [docs - raw, docs) are stored uncompressed: those put
			    before there was a dictionary */
};

/* Bytes of preset dictionary, at most (zlib's window is 32 KiB: half of it
 * is left for the record's own text). */
#define TEXTSTORE_DICT_MAX (16 * 1024)
/* deflate's level and memory level. 6 and 7 gave the same bytes and time
 * per record on the 100k corpus (docs/bench.md): a record's cost is the
 * stream's set-up and the dictionary, not the search for matches. */
#define TEXTSTORE_LEVEL     9
#define TEXTSTORE_MEM_LEVEL 8
/* Records the dictionary is built from, at most: the first ones put. */
#define TEXTSTORE_SAMPLE 2048

void textstore_init(struct textstore *ts);
void textstore_free(struct textstore *ts);
/* Records in the store: the next docno it takes. */
size_t textstore_count(const struct textstore *ts);
/* Appends the record of n as docno's, after empty records for the docnos
 * before it that have none (a put that failed). PX_EUSAGE if docno has one. */
enum px_err textstore_put(struct textstore *ts, uint32_t docno, const struct node *n) PX_WUR;
/* Builds the dictionary if there is none and compresses the records put
 * before it. */
enum px_err textstore_flush(struct textstore *ts) PX_WUR;
/* Appends docno's snippet text (store_node_text()'s form) to out.
 * PX_ENOTFOUND when it has no record, PX_EPARSE when the record is damaged. */
enum px_err textstore_text(const struct textstore *ts, uint32_t docno, struct buf *out) PX_WUR;
/* A new node of type with nid holding docno's card fields (see
 * textstore.c); caller frees with node_free(). Errors as textstore_text(). */
enum px_err textstore_card(const struct textstore *ts, uint32_t docno, int64_t nid, enum node_type type,
			   struct node **out) PX_WUR;

/* docno's record (its bytes, borrowed; textstore.c's format), NULL with *n
 * 0 when it has none. */
const unsigned char *textstore_record(const struct textstore *ts, uint32_t docno, size_t *n);
/* Appends to dict the dictionary made from n contents, content i being
 * bytes [ends[i - 1], ends[i]) of contents (textdict.c). */
enum px_err textstore_dict_build(struct buf *dict, const struct buf *contents, const size_t *ends,
				 size_t n) PX_WUR;

/* Snapshots: writes the section (documents not in live get empty records)
 * through put(ctx, bytes, n); reads one of ndocs documents from p[0..n),
 * borrowing from it, setting *used to its length; PX_EPARSE when it is not
 * sound. The section's format is at the top of textstore.c. */
void textstore_write(const struct textstore *ts, const roaring_bitmap_t *live,
		     void (*put)(void *ctx, const void *p, size_t n), void *ctx);
enum px_err textstore_read(struct textstore *ts, const unsigned char *p, size_t n, size_t ndocs,
			   size_t *used) PX_WUR;

#endif
