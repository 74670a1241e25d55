/* praxis_driver: praxis' own index in the search benchmark (src/index/index.h).
 *
 * Build (timed): the corpus is read in batches of lines, parsed with the
 * project's ingest (ingest_parse: UTF-8 checks, JSON, NFC; no language
 * detection, the records carry a language) and every node is index_put() into
 * an in-memory index; the nodes are freed batch by batch, so the heap growth
 * over the build (mallinfo2) is the index's memory. index_bytes is the size
 * of its snapshot on disk (see restart()), as the peers' are their indexes
 * on disk, and the build time includes writing it; the heap growth is in
 * the notes.
 *
 * Snippets need the store: after the timed build the same nodes are written
 * to a store in DIR (untimed, reported on stderr) and every query thread
 * opens its own store handle (a store handle is for one thread at a time; the
 * index is shared, index_search being safe to call from several threads).
 * BENCH_PRAXIS_SNIPPETS=0 skips the store and asks for no snippets.
 *
 * Queries: the query text as typed (a phrase keeps its quotes; the prefix
 * query's last word is a prefix, which praxis' query language matches as
 * search-as-you-type; BENCH_PRAXIS_PREFIX_SUFFIX, e.g. "*", is appended to it
 * if the query language wants an operator), limit 10, filters as
 * struct index_filter, facets = 1 for the filtered type. praxis counts all
 * its facet fields; facet_values below counts only the four the peers count. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "driver.h"
#include "index/index.h"
#include "ingest/ingest.h"
#include "store/store.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct eng {
	struct index *ix;
	char store_path[4096];
	int snippets;
	const char *prefix_suffix;
};

struct handle {
	struct eng *g;
	struct store *st;
};

static long long heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();
	return (long long)(mi.uordblks + mi.hblkhd);
}

/* Calls fn(nodes) for every batch of about 4 MB of lines of the corpus. */
static int each_batch(const char *path, int (*fn)(struct ptrvec *nodes, void *arg), void *arg)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	struct buf b;
	buf_init(&b, BUF_CAP_DEFAULT);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0, more = 1;
	long lines = 0;
	while (more && rc == 0) {
		len = getline(&line, &cap, f);
		if (len > 0 && buf_add(&b, line, (size_t)len) != PX_OK) {
			rc = -1;
			break;
		}
		more = len > 0;
		lines += more;
		if (b.len == 0 || (more && b.len < ((size_t)4 << 20)))
			continue;
		struct ptrvec nodes;
		ptrvec_init(&nodes);
		struct ingest_diag d;
		ingest_diag_init(&d);
		enum px_err e = ingest_parse(b.data, b.len, NULL, &nodes, &d);
		if (e != PX_OK) {
			fprintf(stderr, "praxis: %s: batch ending at line %ld, +%d: %s (%s)\n", path, lines, d.line,
				d.msg.data ? d.msg.data : "", px_strerror(e));
			rc = -1;
		} else
			rc = fn(&nodes, arg);
		ingest_nodes_free(&nodes);
		ptrvec_free(&nodes);
		ingest_diag_free(&d);
		buf_reset(&b);
	}
	free(line);
	buf_free(&b);
	fclose(f);
	return rc;
}

struct load {
	struct index *ix;
	long long nodes;
};

static int put_batch(struct ptrvec *nodes, void *arg)
{
	struct load *l = arg;
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		enum px_err e = index_put(l->ix, ptrvec_get(nodes, i));
		if (e != PX_OK) {
			fprintf(stderr, "praxis: index_put: %s\n", px_strerror(e));
			return -1;
		}
		l->nodes++;
	}
	return 0;
}

static int store_batch(struct ptrvec *nodes, void *arg)
{
	struct store *st = arg;
	struct store_report rep;
	struct buf why;
	buf_init(&why, 4096);
	enum px_err e = store_nodes_put(st, nodes, "bench", &rep, &why);
	if (e != PX_OK)
		fprintf(stderr, "praxis: store: %s: %s\n", px_strerror(e), why.data ? why.data : "");
	buf_free(&why);
	return e == PX_OK ? 0 : -1;
}

static int raw_one(const struct bdoc *d, void *arg)
{
	*(long long *)arg += (long long)d->raw_bytes;
	return 0;
}

static void *h_open(void *e)
{
	struct handle *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->g = e;
	if (h->g->snippets) {
		struct buf why;
		buf_init(&why, 4096);
		if (store_open(h->g->store_path, &h->st, &why) != PX_OK) {
			fprintf(stderr, "praxis: store_open: %s\n", why.data ? why.data : "");
			buf_free(&why);
			free(h);
			return NULL;
		}
		buf_free(&why);
	}
	return h;
}

static void h_close(void *p)
{
	struct handle *h = p;
	if (h->st)
		store_close(h->st);
	free(h);
}

static int h_query(void *p, const struct bquery *q, struct bresult *r)
{
	struct handle *h = p;
	char text[1024];
	snprintf(text, sizeof text, "%s%s", q->text,
		 q->type == Q_PREFIX && h->g->prefix_suffix ? h->g->prefix_suffix : "");
	struct index_filter filters[4];
	size_t nf = 0;
	for (int i = 0; i < q->nfilters; i++) {
		enum index_facet f;
		if (index_facet_parse(q->filters[i].field, &f) != 0)
			continue;
		filters[nf].field = f;
		filters[nf].value = q->filters[i].value;
		nf++;
	}
	struct index_query iq = {
		.text = text,
		.filters = filters,
		.nfilters = nf,
		.offset = 0,
		.limit = BENCH_TOPK,
		.facets = q->type == Q_FILTERED,
		.snippets = h->g->snippets,
		.store = h->st,
	};
	struct index_result res;
	memset(&res, 0, sizeof res);
	struct buf why;
	buf_init(&why, 4096);
	enum px_err e = index_search(h->g->ix, &iq, &res, &why);
	r->nhits = 0;
	r->total = -1;
	r->facet_values = r->facet_sum = 0;
	if (e != PX_OK) {
		fprintf(stderr, "praxis: %s: %s %s\n", q->text, px_strerror(e), why.data ? why.data : "");
		buf_free(&why);
		return -1;
	}
	buf_free(&why);
	for (size_t i = 0; i < res.nhits && r->nhits < BENCH_TOPK; i++) {
		struct bhit *hit = &r->hits[r->nhits++];
		hit->nid = res.hits[i].nid;
		hit->score = res.hits[i].score;
		bench_copy(hit->snippet, sizeof hit->snippet, res.hits[i].snippet ? res.hits[i].snippet : "");
	}
	if (q->type == Q_FILTERED) {
		r->total = (long long)res.total;
		static const enum index_facet counted[] = {FACET_THEMES, FACET_COUNTRY, FACET_CITY_SIZE,
							    FACET_LANGUAGE};
		for (size_t k = 0; k < sizeof counted / sizeof counted[0]; k++)
			for (size_t i = 0; i < res.nfacet[counted[k]]; i++) {
				r->facet_values++;
				r->facet_sum += (long long)res.facets[counted[k]][i].count;
			}
	}
	index_result_free(&res);
	return 0;
}

/* A server's restart: the index is saved as a snapshot and read back, and
 * the queries run on the index read (BENCH_PRAXIS_SNAPSHOT=0: on the one
 * built). The read is timed with the file in the page cache, as it is
 * after a restart; from a cold disk it is bounded by the disk. Returns a
 * note for the results. */
static const char *restart(struct eng *g, const char *dir, long long *snapshot_bytes, double *save_s)
{
	static char note[160];
	const char *env = getenv("BENCH_PRAXIS_SNAPSHOT");
	if (env && strcmp(env, "0") == 0)
		return "";
	char path[4200];
	snprintf(path, sizeof path, "%s/praxis.db.index", dir);
	double t0 = bench_now();
	struct index *ix;
	int64_t stamp;
	if (index_save(g->ix, path, 0) != PX_OK) {
		fprintf(stderr, "praxis: index_save %s failed\n", path);
		return "";
	}
	double t1 = bench_now();
	if (index_read(path, &ix, &stamp) != PX_OK) {
		fprintf(stderr, "praxis: index_read %s failed\n", path);
		return "";
	}
	double t2 = bench_now();
	if (index_size(ix) != index_size(g->ix))
		fprintf(stderr, "praxis: the snapshot holds %zu nodes, not %zu\n", index_size(ix), index_size(g->ix));
	index_free(g->ix);
	g->ix = ix;
	long long bytes = bench_du(path);
	*snapshot_bytes = bytes;
	*save_s = t1 - t0;
	snprintf(note, sizeof note, "; snapshot %.0f MB, saved in %.2f s, read in %.3f s (queries run on the index read)",
		 (double)bytes / 1e6, t1 - t0, t2 - t1);
	fprintf(stderr, "praxis: %s\n", note + 2);
	return note;
}

/* BENCH_PRAXIS_INDEX=FILE: the queries alone, on a snapshot a run saved
 * (DIR/praxis.db.index), for profiling; the build columns then report the
 * snapshot's read. Snippets come from DIR/praxis.db if a run left it. */
static int queries_only(const struct bench_args *a, struct eng *g, const char *path)
{
	int64_t stamp;
	double t0 = bench_now();
	if (index_read(path, &g->ix, &stamp) != PX_OK) {
		fprintf(stderr, "praxis: index_read %s failed\n", path);
		return 1;
	}
	double read = bench_now() - t0;
	if (access(g->store_path, R_OK) != 0)
		g->snippets = 0;
	struct bench_build b = {(long long)index_size(g->ix), read, 0, 0, 0,
				"BENCH_PRAXIS_INDEX: queries on a saved snapshot; build_s = its read"};
	struct bench_engine e = {"praxis", h_open, h_close, h_query, NULL, g};
	int rc = bench_run(a, &e, &b);
	index_free(g->ix);
	return rc;
}

int main(int argc, char **argv)
{
	struct bench_args a;
	bench_parse_args(argc, argv, &a);
	static struct eng g;
	const char *s = getenv("BENCH_PRAXIS_SNIPPETS");
	g.snippets = !s || strcmp(s, "0") != 0;
	g.prefix_suffix = getenv("BENCH_PRAXIS_PREFIX_SUFFIX");
	snprintf(g.store_path, sizeof g.store_path, "%s/praxis.db", a.dir);
	if (getenv("BENCH_PRAXIS_INDEX"))
		return queries_only(&a, &g, getenv("BENCH_PRAXIS_INDEX"));

	long long raw = 0;
	if (bench_docs_each(a.corpus, raw_one, &raw) != 0)
		return 1;
	long long heap0 = heap_bytes();
	double t0 = bench_now();
	g.ix = index_new();
	if (!g.ix) {
		fprintf(stderr, "praxis: index_new: out of memory\n");
		return 1;
	}
	struct load l = {g.ix, 0};
	if (each_batch(a.corpus, put_batch, &l) != 0 || index_flush(g.ix) != PX_OK)
		return 1;
	double build = bench_now() - t0;
	long long idx = heap_bytes() - heap0;
	if (index_size(g.ix) != (size_t)l.nodes)
		fprintf(stderr, "praxis: index_size %zu after %lld puts\n", index_size(g.ix), l.nodes);

	if (g.snippets) {
		char side[4200];
		for (const char *suf = ""; suf; suf = *suf ? NULL : "-wal") {
			snprintf(side, sizeof side, "%s%s", g.store_path, suf);
			remove(side);
		}
		snprintf(side, sizeof side, "%s-shm", g.store_path);
		remove(side);
		struct store *st;
		struct buf why;
		buf_init(&why, 4096);
		if (store_open(g.store_path, &st, &why) != PX_OK) {
			fprintf(stderr, "praxis: store_open: %s\n", why.data ? why.data : "");
			return 1;
		}
		buf_free(&why);
		double s0 = bench_now();
		if (each_batch(a.corpus, store_batch, st) != 0)
			return 1;
		store_close(st);
		fprintf(stderr, "praxis: store for snippets written in %.1f s (not in build_s)\n", bench_now() - s0);
	}
	static char notes[640];
	long long disk = 0;
	double save = 0;
	const char *restarted = restart(&g, a.dir, &disk, &save);
	snprintf(notes, sizeof notes,
		 "in-memory index built with index_put from ingest_parse'd JSON Lines, then saved (build_s "
		 "includes the save); index_bytes = %s "
		 "(heap growth over the build, mallinfo2: %.0f MB); snippets read the store%s",
		 disk ? "the snapshot on disk, like the peers' indexes" : "heap growth", (double)idx / 1e6,
		 restarted);
	struct bench_build b = {l.nodes, build + save, disk ? disk : idx, 0, raw, notes};
	struct bench_engine e = {"praxis", h_open, h_close, h_query, NULL, &g};
	int rc = bench_run(&a, &e, &b);
	index_free(g.ix);
	return rc;
}
