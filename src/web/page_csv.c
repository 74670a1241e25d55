/* CSV downloads of the listings: the practices (with their filters) and a
 * search, PER_FILE rows a file (?page=N for the next), in the columns of
 * `praxis export --format csv`. */
#include "web_int.h"

#include "../model/model.h"
#include "../store/store.h"

#include <string.h>

#define PER_FILE 5000

/* GET /good-practices.csv, /search.csv?q=... */
void page_csv(struct request *rq)
{
	int search = !strcmp(rq->path, "/search.csv");
	const char *q = request_param(rq, "q");
	struct tv *s = tv_map(&rq->a);
	struct listing l = {.q = q ? q : "", .fixed = {search ? NULL : "type=practice"}, .per_page = PER_FILE, .nids_only = 1};
	if (search && (!q || !*q)) {
		page_error(rq, 400, N_("A search needs the words to search for: q=..."));
		return;
	}
	if (listing_run(rq, &l, s))
		return;
	const struct tv *hits = tv_get(s, "hits", 4);
	enum px_err err = node_write_csv_header(&rq->body);
	for (size_t i = 0; !err && hits && i < hits->len; i++) {
		struct node *n = NULL; /* each node read once, here */
		if (store_node_get(rq->st, hits->items[i]->i, &n) == PX_OK)
			err = node_write_csv(n, 0, &rq->body);
		node_free(n);
	}
	if (err) {
		page_error(rq, 503, N_("The hub is short of memory."));
		return;
	}
	rq->type = "text/csv; charset=utf-8";
}
