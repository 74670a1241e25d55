/* libFuzzer target: the query language and the search behind it, on a small
 * index built once from the sample listing's nodes (inputs that are not
 * valid UTF-8 are refused by the callers of index_search, so they are
 * skipped here too). Properties: a search either succeeds or refuses with a
 * reason; hits never exceed the limit or the total; facet counts never
 * exceed the total. */
#include "index/index.h"
#include "ingest/ingest.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct index *ix;

static void build(void)
{
	struct buf text;
	struct ptrvec nodes;
	struct ingest_diag d;
	buf_init(&text, BUF_CAP_DEFAULT);
	ptrvec_init(&nodes);
	ingest_diag_init(&d);
	if (buf_read_file(&text, "../../data/sample/listing.txt") &&
	    buf_read_file(&text, "data/sample/listing.txt"))
		abort();
	if (ingest_parse(text.data, text.len, NULL, &nodes, &d) || !(ix = index_new()))
		abort();
	for (size_t i = 0; i < ptrvec_len(&nodes); i++) {
		struct node *n = ptrvec_get(&nodes, i);
		memcpy(n->language, i % 2 ? "en" : "hr", 3);
		if (!n->nid)
			n->nid = (int64_t)(100000 + i);
		if (index_put(ix, n))
			abort();
	}
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
	buf_free(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ix)
		build();
	size_t bad;
	if (size > 4096 || text_utf8_check((const char *)data, size, &bad) || memchr(data, 0, size))
		return 0;
	char *q = px_strndup((const char *)data, size);
	struct index_query iq = {.text = q, .offset = size % 3, .limit = 1 + size % 7, .facets = 1};
	struct index_result r;
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = index_search(ix, &iq, &r, &why);
	if ((err == PX_EPARSE || err == PX_ETOOBIG) && !why.len)
		abort(); /* a refused query says why */
	if (!err) {
		if (r.nhits > iq.limit || r.nhits > r.total || r.work > 4000000)
			abort(); /* the work budget of index.h */
		for (int f = 0; f < FACET_COUNT; f++)
			for (size_t i = 0; i < r.nfacet[f]; i++)
				if (r.facets[f][i].count > r.total || !r.facets[f][i].count)
					abort();
		index_result_free(&r);
	}
	buf_free(&why);
	free(q);
	return 0;
}
