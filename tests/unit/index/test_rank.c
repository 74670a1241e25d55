/* Ranking a large result: only the best of it is ordered (select_top), so
 * every page must agree with the ranking of the whole result. */
#include "../unit.h"
#include "index/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODES 700 /* well above the 100 re-ranked by proximity */

static struct index *build(void)
{
	struct index *ix = index_new();
	assert_non_null(ix);
	char title[64], body[8192];
	for (int i = 0; i < NODES; i++) {
		struct node *n = node_new(NODE_ARTICLE);
		assert_non_null(n);
		n->nid = 1000 + i;
		snprintf(title, sizeof title, "Story %d", i);
		/* tf of "garden" varies (i * 37 % 50 + 1), lengths too: many ties */
		size_t len = 0;
		int tf = i * 37 % 50 + 1;
		for (int k = 0; k < tf; k++)
			len += (size_t)snprintf(body + len, sizeof body - len, "garden ");
		for (int k = 0; k < i % 13; k++)
			len += (size_t)snprintf(body + len, sizeof body - len, "filler words here ");
		assert_ok(node_set(&n->title, title, strlen(title)));
		assert_ok(node_set(&n->body, body, len));
		memcpy(n->language, "en", 3);
		assert_ok(index_put(ix, n));
		node_free(n);
	}
	assert_ok(index_flush(ix));
	return ix;
}

static void page(const struct index *ix, const char *q, size_t offset, size_t limit, int64_t *nids, size_t *total)
{
	struct index_query iq = {q, NULL, 0, offset, limit, 0, 0, NULL, 0};
	struct index_result r;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(index_search(ix, &iq, &r, &why));
	for (size_t i = 0; i < r.nhits; i++)
		nids[i] = r.hits[i].nid;
	*total = r.total;
	index_result_free(&r);
	buf_free(&why);
}

static void pages_agree_with_the_whole_ranking(void **state)
{
	(void)state;
	struct index *ix = build();
	const char *queries[] = {"garden ", "story ", ""};
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		int64_t all[NODES], part[NODES];
		size_t total, t2;
		page(ix, queries[q], 0, NODES, all, &total); /* the whole result, fully sorted */
		assert_int_equal(total, NODES);
		static const size_t offsets[] = {0, 10, 90, 95, 100, 105, 190, 200, 205, 450, 690};
		for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
			page(ix, queries[q], offsets[o], 10, part, &t2);
			assert_int_equal(t2, NODES);
			for (size_t i = 0; i < 10; i++)
				assert_int_equal(part[i], all[offsets[o] + i]);
		}
	}
	index_free(ix);
}

static void add_node(struct index *ix, int64_t nid, const char *title, const char *body)
{
	struct node *n = node_new(NODE_ARTICLE);
	assert_non_null(n);
	n->nid = nid;
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->body, body, strlen(body)));
	memcpy(n->language, "en", 3);
	assert_ok(index_put(ix, n));
	node_free(n);
}

/* BM25F normalises a field's term frequency by its length: of two texts
 * saying "garden" as often, the short one, about little else, ranks first.
 * The short one is the older, so a tie (no normalisation: the bug once
 * planted in posting_weight, which t_relevance did not notice) would put
 * the long one first. Checked by search and by the scores' ratio. */
static void short_text_ranks_above_long_with_same_tf(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	struct buf long_body;
	buf_init(&long_body, 1 << 20);
	assert_ok(buf_adds(&long_body, "garden garden"));
	for (int k = 0; k < 100; k++)
		assert_ok(buf_adds(&long_body, " plans meetings budgets streets"));
	add_node(ix, 1, "Story one", "garden garden plans");
	add_node(ix, 2, "Story two", long_body.data);
	for (int i = 0; i < 20; i++) /* an average length between the two */
		add_node(ix, 10 + i, "Other story", "plans meetings budgets streets squares parks trees");
	assert_ok(index_flush(ix));
	struct index_query iq = {"garden ", NULL, 0, 0, 10, 0, 0, NULL, 0};
	struct index_result r;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(index_search(ix, &iq, &r, &why));
	assert_int_equal(r.total, 2);
	assert_int_equal(r.hits[0].nid, 1);
	assert_int_equal(r.hits[1].nid, 2);
	assert_true(r.hits[0].score > 1.2 * r.hits[1].score); /* not a near tie */
	index_result_free(&r);
	buf_free(&why);
	buf_free(&long_body);
	index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_agree_with_the_whole_ranking),
		cmocka_unit_test(short_text_ranks_above_long_with_same_tf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
