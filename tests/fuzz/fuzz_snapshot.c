/* libFuzzer target: reading index snapshots (index_read_mem). A snapshot
 * that is accepted must be searchable without a fault, whatever its bytes:
 * a few queries run on it, with snippets, and every hit's card is read from
 * the text store (its records are checked only then). */
#include "index/index_int.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct index *ix;
	int64_t stamp;
	if (index_read_mem(data, size, &ix, &stamp))
		return 0;
	static const char *const queries[] = {
		"social",       "hous", "\"social inclusion\"", "barcelona OR turin",
		"neighbourhod", "",     "type:practice"};
	struct buf why;
	buf_init(&why, 1024);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		struct index_query q = {.text = queries[i], .limit = 5, .facets = 1, .snippets = 1};
		struct index_result r;
		if (index_search(ix, &q, &r, &why) == PX_OK) {
			if (r.nhits > r.total)
				abort();
			for (size_t h = 0; h < r.nhits; h++) {
				struct node *n = NULL;
				if (index_card(ix, r.hits[h].nid, &n) == PX_OK && (n->nid != r.hits[h].nid || !n->title))
					abort(); /* a card is whole or refused */
				node_free(n);
			}
			index_result_free(&r);
		}
	}
	buf_free(&why);
	index_free(ix);
	return 0;
}
