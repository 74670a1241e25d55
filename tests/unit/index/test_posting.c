/* Long posting lists (posting.c, score.c): bitmaps, impacts, skips and the
 * batched tail of a bitmap must give the same answers as counting by hand,
 * whichever way a search reads them. */
#include "../unit.h"
#include "index/index.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define NODES  8000
#define CITIES 200 /* a city filter leaves NODES / CITIES candidates */
#define WORDS  24

static const char *const vocab[] = {"alpha", "beta", "gamma", "delta", "lorem", "ipsum"};
enum { ALPHA, BETA, GAMMA, DELTA, LOREM, IPSUM, NVOCAB };

struct corpus {
	int words[NODES][WORDS];
	int nwords[NODES];
};

/* Deterministic bodies: alpha in every document, the others with falling
 * frequencies; the first EARLY documents short, the others from 6 to WORDS
 * words, so that the average length moves as the index grows. */
#define EARLY 300
static void make_corpus(struct corpus *c)
{
	unsigned x = 12345;
	for (int d = 0; d < NODES; d++) {
		c->nwords[d] = d < EARLY ? 6 : 6 + d % (WORDS - 6);
		for (int i = 0; i < c->nwords[d]; i++) {
			x = x * 1103515245u + 12345u;
			unsigned r = (x >> 16) % 100;
			c->words[d][i] = i == 0   ? ALPHA
					 : r < 30 ? BETA
					 : r < 45 ? GAMMA
					 : r < 50 ? DELTA
					 : r < 80 ? LOREM
						  : IPSUM;
		}
	}
}

static void put_doc(struct index *ix, const struct corpus *c, int d)
{
	char city[32];
	struct buf body;
	buf_init(&body, 4096);
	for (int i = 0; i < c->nwords[d]; i++)
		assert_ok(buf_printf(&body, "%s ", vocab[c->words[d][i]]));
	snprintf(city, sizeof city, "Town%d", d % CITIES);
	struct node *n = node_new(NODE_PRACTICE); /* a practice: it has a city to filter by */
	assert_non_null(n);
	n->nid = 1 + d;
	assert_ok(node_set(&n->title, "Story", 5));
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", body.data ? body.data : ""));
	buf_free(&body);
	assert_ok(node_set(&n->city, city, strlen(city)));
	memcpy(n->language, "en", 3);
	assert_ok(index_put(ix, n));
	node_free(n);
}

static int has(const struct corpus *c, int d, int w)
{
	for (int i = 0; i < c->nwords[d]; i++)
		if (c->words[d][i] == w)
			return 1;
	return 0;
}

static int has_pair(const struct corpus *c, int d, int a, int b)
{
	for (int i = 0; i + 1 < c->nwords[d]; i++)
		if (c->words[d][i] == a && c->words[d][i + 1] == b)
			return 1;
	return 0;
}

/* How many documents of city (-1: all) a query must find. */
static size_t expected(const struct corpus *c, int q, int city)
{
	size_t n = 0;
	for (int d = 0; d < NODES; d++) {
		if (city >= 0 && d % CITIES != city)
			continue;
		int m = q == 0   ? has(c, d, ALPHA)
			: q == 1 ? has(c, d, BETA) && has(c, d, GAMMA)
			: q == 2 ? has(c, d, BETA) && !has(c, d, GAMMA)
			: q == 3 ? has_pair(c, d, BETA, GAMMA)
			: q == 4 ? has(c, d, DELTA) || has(c, d, GAMMA)
				 : has_pair(c, d, GAMMA, DELTA) && has(c, d, LOREM);
		n += (size_t)m;
	}
	return n;
}

static const char *const queries[] = {"alpha",          "beta gamma ",     "beta -gamma",
				      "\"beta gamma\"", "delta OR gamma ", "\"gamma delta\" lorem "};

static void search(const struct index *ix, const char *q, int city, size_t limit, struct index_result *r)
{
	char value[32];
	snprintf(value, sizeof value, "Town%d", city);
	struct index_filter f = {FACET_CITY, value};
	struct index_query iq = {q, city >= 0 ? &f : NULL, city >= 0 ? 1 : 0, 0, limit, 0, 0, NULL, 0};
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(index_search(ix, &iq, r, &why));
	buf_free(&why);
}

static void check_counts(const struct index *ix, const struct corpus *c)
{
	for (int q = 0; q < (int)(sizeof queries / sizeof queries[0]); q++)
		for (int city = -1; city < 3; city++) {
			struct index_result r;
			search(ix, queries[q], city, 10, &r);
			if (r.total != expected(c, q, city))
				fail_msg("%s (city %d): %zu found, %zu expected", queries[q], city, r.total,
					 expected(c, q, city));
			index_result_free(&r);
		}
}

static struct corpus corpus;

/* The corpus, every document put, not flushed. */
static struct index *corpus_index(void)
{
	make_corpus(&corpus);
	struct index *ix = index_new();
	assert_non_null(ix);
	for (int d = 0; d < NODES; d++)
		put_doc(ix, &corpus, d);
	return ix;
}

static void counts_agree_with_the_documents(void **state)
{
	(void)state;
	struct index *ix = corpus_index();
	check_counts(ix, &corpus); /* before a flush: bitmaps with their tails */
	assert_ok(index_flush(ix));
	check_counts(ix, &corpus);
	index_free(ix);
}

static double score_of(const struct index_result *r, int64_t nid)
{
	for (size_t i = 0; i < r->nhits; i++)
		if (r->hits[i].nid == nid)
			return r->hits[i].score;
	fail_msg("nid %lld is not in the result", (long long)nid);
	return 0;
}

/* A filtered search looks each candidate up in a long list's bitmap; the
 * whole one reads the list through: the scores must be the same. */
static void lookup_and_scan_score_alike(void **state)
{
	(void)state;
	struct index *ix = corpus_index();
	assert_ok(index_flush(ix));
	struct index_result all, one;
	search(ix, "alpha beta", -1, NODES, &all);
	for (int city = 0; city < 5; city++) {
		search(ix, "alpha beta", city, NODES, &one);
		assert_true(one.nhits > 0);
		for (size_t i = 0; i < one.nhits; i++)
			assert_float_equal(one.hits[i].score, score_of(&all, one.hits[i].nid), 1e-6);
		index_result_free(&one);
	}
	index_result_free(&all);
	index_free(ix);
}

/* a and b give the same hits, in the same order, with the same scores. */
static void assert_same_answers(const struct index *a, const struct index *b, const char *q, int city,
				size_t limit)
{
	struct index_result ra, rb;
	search(a, q, city, limit, &ra);
	search(b, q, city, limit, &rb);
	assert_int_equal(ra.total, rb.total);
	assert_int_equal(ra.nhits, rb.nhits);
	for (size_t i = 0; i < ra.nhits; i++) {
		assert_int_equal(ra.hits[i].nid, rb.hits[i].nid);
		assert_float_equal(ra.hits[i].score, rb.hits[i].score, 1e-6);
	}
	index_result_free(&ra);
	index_result_free(&rb);
}

/* Impacts are computed with the average field lengths; when those move
 * (here by half: short documents first), a flush computes them again: an
 * index grown in two steps ranks like one built at once. */
static void impacts_follow_the_averages(void **state)
{
	(void)state;
	make_corpus(&corpus);
	struct index *a = index_new(), *b = index_new();
	assert_non_null(a);
	assert_non_null(b);
	for (int d = 0; d < NODES; d++) {
		put_doc(a, &corpus, d);
		put_doc(b, &corpus, d);
		if (d == EARLY)
			assert_ok(index_flush(a));
	}
	assert_ok(index_flush(a));
	assert_ok(index_flush(b));
	assert_same_answers(a, b, "beta", -1, 50);
	index_free(a);
	index_free(b);
}

/* A snapshot read back borrows its lists from the file: an index read
 * after the first split documents and grown with the others (appends to
 * borrowed lists, removals, and with split = EARLY impacts computed again
 * in place as the averages move) must answer as the index it was saved
 * from, grown alike. */
static void grow_from_snapshot(int split)
{
	make_corpus(&corpus);
	struct index *a = index_new(), *b = NULL;
	assert_non_null(a);
	for (int d = 0; d < split; d++)
		put_doc(a, &corpus, d);
	assert_ok(index_flush(a));
	char path[] = "/tmp/praxis-posting-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_ok(index_save(a, path, 1));
	int64_t stamp;
	assert_ok(index_read(path, &b, &stamp));
	unlink(path); /* the mapping outlives the name */
	for (int d = split; d < NODES; d++) {
		put_doc(a, &corpus, d);
		put_doc(b, &corpus, d);
	}
	for (int64_t nid = 1; nid <= 40; nid += 3) {
		assert_ok(index_remove(a, nid));
		assert_ok(index_remove(b, nid));
	}
	assert_ok(index_flush(a));
	assert_ok(index_flush(b));
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		assert_same_answers(a, b, queries[q], q % 2 ? 1 : -1, 30);
	index_free(a);
	index_free(b);
}

static void snapshot_keeps_growing_alike(void **state)
{
	(void)state;
	grow_from_snapshot(EARLY);
	grow_from_snapshot(NODES / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_agree_with_the_documents),
		cmocka_unit_test(lookup_and_scan_score_alike),
		cmocka_unit_test(impacts_follow_the_averages),
		cmocka_unit_test(snapshot_keeps_growing_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
