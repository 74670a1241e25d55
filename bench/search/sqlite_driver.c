/* sqlite_driver: SQLite FTS5 peer of the search benchmark.
 *
 * Index: fts5(title, subtitle, themes, body) with the unicode61 tokenizer
 * (diacritics removed; FTS5 has no stemmer for any language but English's
 * porter, so none is used), rowid = nid, plus a docs table with the facet
 * fields (themes as a JSON array). Bulk load in one transaction, then
 * 'optimize' (one segment), all inside the build time.
 *
 * Queries: words quoted as FTS5 strings and ANDed; phrase "a b"; prefix
 * "pre"*; typo as typed (SQLite has no spelling correction in Debian's
 * build: spellfix1 is not shipped); ranking bm25(fts, 10, 5, 3, 1); snippet()
 * over the best column. Filtered: a join with docs; facet counts by GROUP BY
 * over the materialised matching rows, in one statement.
 * Threads: one read-only connection per thread (mmap on). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "driver.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct eng {
	char path[4096];
};

#define NCACHE 64
struct handle {
	sqlite3 *db;
	char *sql[NCACHE];
	sqlite3_stmt *st[NCACHE];
	int n;
};

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "sqlite: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s: %s\n", sql, err);
		exit(1);
	}
}

struct load {
	sqlite3 *db;
	sqlite3_stmt *ins_fts, *ins_doc;
	long long nodes, raw;
};

static int load_one(const struct bdoc *d, void *arg)
{
	struct load *l = arg;
	sqlite3_stmt *s = l->ins_fts;
	sqlite3_bind_int64(s, 1, d->nid);
	sqlite3_bind_text(s, 2, d->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->subtitle, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, d->themes, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, d->body, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		die(l->db, "insert fts");
	sqlite3_reset(s);
	char themes[2048];
	size_t tl = 0;
	themes[tl++] = '[';
	for (int i = 0; i < d->nthemes; i++)
		tl += (size_t)snprintf(themes + tl, sizeof themes - tl, "%s\"%s\"", i ? "," : "", d->themev[i]);
	snprintf(themes + tl, sizeof themes - tl, "]");
	s = l->ins_doc;
	sqlite3_bind_int64(s, 1, d->nid);
	sqlite3_bind_text(s, 2, d->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->country, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, d->city, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, d->city_size, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, d->language, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, d->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, themes, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_DONE)
		die(l->db, "insert docs");
	sqlite3_reset(s);
	l->nodes++;
	l->raw += (long long)d->raw_bytes;
	return 0;
}

static void *h_open(void *e)
{
	struct eng *g = e;
	struct handle *h = calloc(1, sizeof *h);
	if (sqlite3_open_v2(g->path, &h->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die(h->db, "open");
	exec(h->db, "PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536;");
	return h;
}

static void h_close(void *p)
{
	struct handle *h = p;
	for (int i = 0; i < h->n; i++) {
		sqlite3_finalize(h->st[i]);
		free(h->sql[i]);
	}
	sqlite3_close(h->db);
	free(h);
}

static sqlite3_stmt *prep(struct handle *h, const char *sql)
{
	for (int i = 0; i < h->n; i++)
		if (!strcmp(h->sql[i], sql)) {
			sqlite3_reset(h->st[i]);
			sqlite3_clear_bindings(h->st[i]);
			return h->st[i];
		}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		die(h->db, sql);
	if (h->n == NCACHE) { /* evict the oldest */
		sqlite3_finalize(h->st[0]);
		free(h->sql[0]);
		memmove(h->st, h->st + 1, (NCACHE - 1) * sizeof *h->st);
		memmove(h->sql, h->sql + 1, (NCACHE - 1) * sizeof *h->sql);
		h->n--;
	}
	h->sql[h->n] = strdup(sql);
	h->st[h->n++] = st;
	return st;
}

/* Appends "w" (an FTS5 string) to m. */
static size_t fts_str(char *m, size_t at, size_t cap, const char *w)
{
	if (at + 2 < cap)
		m[at++] = '"';
	for (; *w && at + 3 < cap; w++) {
		if (*w == '"')
			m[at++] = '"';
		m[at++] = *w;
	}
	if (at + 1 < cap)
		m[at++] = '"';
	m[at] = 0;
	return at;
}

static void match_expr(const struct bquery *q, char *m, size_t cap)
{
	size_t at = 0;
	m[0] = 0;
	if (q->type == Q_PHRASE) {
		char ph[512];
		size_t pl = 0;
		ph[0] = 0;
		for (int i = 0; i < q->nwords; i++)
			pl += (size_t)snprintf(ph + pl, sizeof ph - pl, "%s%s", i ? " " : "", q->words[i]);
		fts_str(m, 0, cap, ph);
		return;
	}
	for (int i = 0; i < q->nwords; i++) {
		if (i && at + 1 < cap)
			m[at++] = ' ';
		at = fts_str(m, at, cap, q->words[i]);
		if (q->type == Q_PREFIX && i == q->nwords - 1 && at + 1 < cap) {
			m[at++] = '*';
			m[at] = 0;
		}
	}
}

static const char *filter_col(const char *field)
{
	static const char *ok[] = {"country", "city_size", "language", "type", "city", "author"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (!strcmp(field, ok[i]))
			return ok[i];
	return NULL;
}

/* The WHERE conditions of q's filters on docs d, parameters from ?2. */
static void filter_sql(const struct bquery *q, char *w, size_t cap)
{
	size_t at = 0;
	w[0] = 0;
	int used[4] = {0};
	int param = 2;
	for (int i = 0; i < q->nfilters; i++) {
		if (used[i])
			continue;
		at += (size_t)snprintf(w + at, cap - at, " AND (");
		for (int j = i; j < q->nfilters; j++) {
			if (strcmp(q->filters[j].field, q->filters[i].field))
				continue;
			used[j] = 1;
			if (j != i)
				at += (size_t)snprintf(w + at, cap - at, " OR ");
			const char *col = filter_col(q->filters[j].field);
			if (col)
				at += (size_t)snprintf(w + at, cap - at, "d.%s = ?%d", col, param++);
			else /* themes */
				at += (size_t)snprintf(w + at, cap - at,
						       "EXISTS (SELECT 1 FROM json_each(d.themes) WHERE value = ?%d)",
						       param++);
		}
		at += (size_t)snprintf(w + at, cap - at, ")");
	}
}

static void bind_filters(sqlite3_stmt *st, const struct bquery *q)
{
	int used[4] = {0}, param = 2;
	for (int i = 0; i < q->nfilters; i++) {
		if (used[i])
			continue;
		for (int j = i; j < q->nfilters; j++)
			if (!strcmp(q->filters[j].field, q->filters[i].field)) {
				used[j] = 1;
				sqlite3_bind_text(st, param++, q->filters[j].value, -1, SQLITE_STATIC);
			}
	}
}

static int h_query(void *p, const struct bquery *q, struct bresult *r)
{
	struct handle *h = p;
	char m[1024], where[1024], sql[4096];
	match_expr(q, m, sizeof m);
	filter_sql(q, where, sizeof where);
	r->nhits = 0;
	r->total = -1;
	r->facet_values = r->facet_sum = 0;
	if (q->nfilters)
		snprintf(sql, sizeof sql,
			 "SELECT f.rowid, bm25(fts, 10.0, 5.0, 3.0, 1.0) AS s, "
			 "snippet(fts, -1, '<mark>', '</mark>', '…', 16) FROM fts f CROSS JOIN docs d "
			 "ON d.id = f.rowid WHERE fts MATCH ?1%s ORDER BY s LIMIT %d",
			 where, BENCH_TOPK);
	else
		snprintf(sql, sizeof sql,
			 "SELECT rowid, bm25(fts, 10.0, 5.0, 3.0, 1.0) AS s, "
			 "snippet(fts, -1, '<mark>', '</mark>', '…', 16) FROM fts WHERE fts MATCH ?1 "
			 "ORDER BY s LIMIT %d",
			 BENCH_TOPK);
	sqlite3_stmt *st = prep(h, sql);
	sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
	bind_filters(st, q);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && r->nhits < BENCH_TOPK) {
		struct bhit *hit = &r->hits[r->nhits++];
		hit->nid = sqlite3_column_int64(st, 0);
		hit->score = -sqlite3_column_double(st, 1);
		bench_copy(hit->snippet, sizeof hit->snippet, (const char *)sqlite3_column_text(st, 2));
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fprintf(stderr, "sqlite: %s [%s]: %s\n", q->text, m, sqlite3_errmsg(h->db));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	if (q->type != Q_FILTERED)
		return 0;
	snprintf(sql, sizeof sql,
		 "WITH m AS MATERIALIZED (SELECT d.* FROM docs d WHERE d.id IN "
		 "(SELECT rowid FROM fts WHERE fts MATCH ?1)%s) "
		 "SELECT 0, j.value, count(*) FROM m, json_each(m.themes) j GROUP BY j.value "
		 "UNION ALL SELECT 1, country, count(*) FROM m WHERE country <> '' GROUP BY country "
		 "UNION ALL SELECT 2, city_size, count(*) FROM m WHERE city_size <> '' GROUP BY city_size "
		 "UNION ALL SELECT 3, language, count(*) FROM m GROUP BY language",
		 where);
	st = prep(h, sql);
	sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
	bind_filters(st, q);
	r->total = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long c = sqlite3_column_int64(st, 2);
		r->facet_values++;
		r->facet_sum += c;
		if (sqlite3_column_int(st, 0) == 3)
			r->total += c;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct bench_args a;
	bench_parse_args(argc, argv, &a);
	static struct eng g;
	snprintf(g.path, sizeof g.path, "%s/fts.db", a.dir);
	remove(g.path);
	double t0 = bench_now();
	sqlite3 *db;
	if (sqlite3_open(g.path, &db) != SQLITE_OK)
		die(db, "open");
	exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;"
		 "CREATE TABLE docs (id INTEGER PRIMARY KEY, type TEXT, country TEXT, city TEXT,"
		 " city_size TEXT, language TEXT, author TEXT, themes TEXT);"
		 "CREATE VIRTUAL TABLE fts USING fts5(title, subtitle, themes, body,"
		 " tokenize = 'unicode61 remove_diacritics 2');"
		 "BEGIN;");
	struct load l = {db, NULL, NULL, 0, 0};
	if (sqlite3_prepare_v2(db, "INSERT INTO fts (rowid, title, subtitle, themes, body) VALUES (?,?,?,?,?)", -1,
			       &l.ins_fts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", -1, &l.ins_doc, NULL) != SQLITE_OK)
		die(db, "prepare");
	if (bench_docs_each(a.corpus, load_one, &l) != 0)
		return 1;
	sqlite3_finalize(l.ins_fts);
	sqlite3_finalize(l.ins_doc);
	exec(db, "COMMIT; INSERT INTO fts(fts) VALUES ('optimize');");
	double build = bench_now() - t0;
	long long idx = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
			       "SELECT sum(pgsize) FROM dbstat WHERE name IN "
			       "('fts_data', 'fts_idx', 'fts_docsize', 'fts_config')",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		idx = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	struct bench_build b = {l.nodes, build, idx, bench_du(g.path), l.raw,
				"FTS5 unicode61 remove_diacritics 2, no stemming; index_bytes = FTS5 shadow tables "
				"without the stored text (fts_content), total = whole db file"};
	struct bench_engine e = {"sqlite-fts5", h_open, h_close, h_query, NULL, &g};
	return bench_run(&a, &e, &b);
}
