/* pg_driver: PostgreSQL full-text search peer of the search benchmark.
 *
 * Needs a running server (bench/search.py initdb's and starts its own in a
 * temporary directory) given by --conn CONNINFO.
 *
 * Index: an UNLOGGED table docs with the facet fields (themes as text[]), the
 * text configuration of the node's language (english, french, german,
 * spanish, italian, portuguese, dutch, greek; simple for Polish, which
 * PostgreSQL has no stemmer for) and a stored generated tsvector column:
 * title weight A, subtitle B, themes C, text D; a GIN index on it; ANALYZE.
 * Loaded with COPY; build time = COPY + CREATE INDEX + ANALYZE.
 *
 * Queries (prepared statements, one connection per thread): plainto_tsquery
 * with the query language's configuration for one/two words and typo (as
 * typed: PostgreSQL has no spelling correction short of pg_trgm tables),
 * phraseto_tsquery for phrases, to_tsquery('w & pre:*') for prefix; ranking
 * ts_rank (default weights) over every match, top 10, ts_headline on the body
 * of those 10. Filtered: WHERE conditions on the columns; facet counts by
 * GROUP BY over the materialised matching rows (one statement). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "driver.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct eng {
	const char *conn;
	pthread_mutex_t mu;
	long max_hwm_kb; /* the largest VmHWM seen among our backends */
};

#define NCACHE 64
struct handle {
	struct eng *g;
	PGconn *c;
	int pid;
	char *sql[NCACHE];
	int n;
};

static void die(PGconn *c, const char *what)
{
	fprintf(stderr, "pg: %s: %s\n", what, c ? PQerrorMessage(c) : "?");
	exit(1);
}

static void exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		fprintf(stderr, "pg: %s: %s\n", sql, PQresultErrorMessage(r));
		exit(1);
	}
	PQclear(r);
}

static long long scalar(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	long long v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : -1;
	PQclear(r);
	return v;
}

static long vm_hwm_kb(int pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	long kb = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

static PGconn *connect_db(struct eng *g, int *pid)
{
	PGconn *c = PQconnectdb(g->conn);
	if (PQstatus(c) != CONNECTION_OK)
		die(c, "connect");
	exec_ok(c, "SET jit = off");
	*pid = (int)scalar(c, "SELECT pg_backend_pid()");
	return c;
}

static void note_hwm(struct eng *g, int pid)
{
	long kb = vm_hwm_kb(pid);
	pthread_mutex_lock(&g->mu);
	if (kb > g->max_hwm_kb)
		g->max_hwm_kb = kb;
	pthread_mutex_unlock(&g->mu);
}

static const char *cfg_of(const char *lang)
{
	static const char *m[][2] = {{"en", "english"}, {"fr", "french"}, {"de", "german"}, {"es", "spanish"},
				     {"it", "italian"}, {"pt", "portuguese"}, {"nl", "dutch"}, {"el", "greek"},
				     {"ro", "romanian"}, {"sv", "swedish"}, {"da", "danish"}, {"fi", "finnish"},
				     {"hu", "hungarian"}, {"lt", "lithuanian"}, {"ga", "irish"}};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (!strcmp(lang, m[i][0]))
			return m[i][1];
	return "simple";
}

/* ---- load ---- */
struct load {
	PGconn *c;
	char *buf;
	size_t len, cap;
	long long nodes, raw;
};

static void put(struct load *l, const char *s, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->len + n) * 2;
		l->buf = realloc(l->buf, l->cap);
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

static void put_field(struct load *l, const char *s, int last)
{
	for (; *s; s++) {
		char e[2] = {'\\', 0};
		switch (*s) {
		case '\\': e[1] = '\\'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default: put(l, s, 1); continue;
		}
		put(l, e, 2);
	}
	put(l, last ? "\n" : "\t", 1);
}

static int load_one(const struct bdoc *d, void *arg)
{
	struct load *l = arg;
	char num[32], arr[2048];
	snprintf(num, sizeof num, "%lld", d->nid);
	put_field(l, num, 0);
	put_field(l, d->type, 0);
	put_field(l, d->title, 0);
	put_field(l, d->subtitle, 0);
	size_t al = 0;
	arr[al++] = '{';
	for (int i = 0; i < d->nthemes; i++)
		al += (size_t)snprintf(arr + al, sizeof arr - al, "%s\"%s\"", i ? "," : "", d->themev[i]);
	snprintf(arr + al, sizeof arr - al, "}");
	put_field(l, arr, 0);
	put_field(l, d->themes, 0);
	put_field(l, d->country, 0);
	put_field(l, d->city, 0);
	put_field(l, d->city_size, 0);
	put_field(l, d->language, 0);
	put_field(l, d->author, 0);
	put_field(l, cfg_of(d->language), 0);
	put_field(l, d->body, 1);
	if (l->len > (1 << 20)) {
		if (PQputCopyData(l->c, l->buf, (int)l->len) != 1)
			die(l->c, "copy");
		l->len = 0;
	}
	l->nodes++;
	l->raw += (long long)d->raw_bytes;
	return 0;
}

/* ---- queries ---- */
static void *h_open(void *e)
{
	struct handle *h = calloc(1, sizeof *h);
	h->g = e;
	h->c = connect_db(h->g, &h->pid);
	return h;
}

static void h_close(void *p)
{
	struct handle *h = p;
	note_hwm(h->g, h->pid);
	for (int i = 0; i < h->n; i++)
		free(h->sql[i]);
	PQfinish(h->c);
	free(h);
}

/* The name of the prepared statement for sql on h (preparing it). */
static const char *prep(struct handle *h, const char *sql, char name[16])
{
	for (int i = 0; i < h->n; i++)
		if (!strcmp(h->sql[i], sql)) {
			snprintf(name, 16, "s%d", i);
			return name;
		}
	if (h->n == NCACHE)
		die(NULL, "too many statement shapes");
	snprintf(name, 16, "s%d", h->n);
	PGresult *r = PQprepare(h->c, name, sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "pg: prepare %s: %s\n", sql, PQresultErrorMessage(r));
		exit(1);
	}
	PQclear(r);
	h->sql[h->n++] = strdup(sql);
	return name;
}

/* to_tsquery text for a prefix query: 'w1' & 'pre':* */
static void prefix_tsq(const struct bquery *q, char *out, size_t cap)
{
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < q->nwords; i++) {
		if (i)
			at += (size_t)snprintf(out + at, cap - at, " & ");
		if (at + 2 < cap)
			out[at++] = '\'';
		for (const char *s = q->words[i]; *s && at + 3 < cap; s++) {
			if (*s == '\'' || *s == '\\')
				out[at++] = *s;
			out[at++] = *s;
		}
		if (at + 1 < cap)
			out[at++] = '\'';
		out[at] = 0;
		if (i == q->nwords - 1)
			at += (size_t)snprintf(out + at, cap - at, ":*");
	}
}

static int h_query(void *p, const struct bquery *q, struct bresult *r)
{
	struct handle *h = p;
	r->nhits = 0;
	r->total = -1;
	r->facet_values = r->facet_sum = 0;
	const char *fn = q->type == Q_PHRASE ? "phraseto_tsquery" : q->type == Q_PREFIX ? "to_tsquery" : "plainto_tsquery";
	char text[1024];
	const char *params[8];
	int np = 0;
	params[np++] = cfg_of(q->lang);
	if (q->type == Q_PREFIX)
		prefix_tsq(q, text, sizeof text);
	else {
		size_t at = 0;
		text[0] = 0;
		for (int i = 0; i < q->nwords; i++)
			at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", i ? " " : "", q->words[i]);
	}
	params[np++] = text;
	/* filters: same field ORed, different fields ANDed */
	char where[1024];
	size_t wl = 0;
	where[0] = 0;
	int used[4] = {0};
	for (int i = 0; i < q->nfilters; i++) {
		if (used[i])
			continue;
		wl += (size_t)snprintf(where + wl, sizeof where - wl, " AND (");
		for (int j = i; j < q->nfilters; j++) {
			if (strcmp(q->filters[j].field, q->filters[i].field))
				continue;
			used[j] = 1;
			const char *f = q->filters[j].field;
			if (j != i)
				wl += (size_t)snprintf(where + wl, sizeof where - wl, " OR ");
			params[np++] = q->filters[j].value;
			if (!strcmp(f, "themes"))
				wl += (size_t)snprintf(where + wl, sizeof where - wl, "$%d = ANY(d.themes)", np);
			else if (!strcmp(f, "country") || !strcmp(f, "city_size") || !strcmp(f, "language") ||
				 !strcmp(f, "type") || !strcmp(f, "city") || !strcmp(f, "author"))
				wl += (size_t)snprintf(where + wl, sizeof where - wl, "d.%s = $%d", f, np);
			else
				wl += (size_t)snprintf(where + wl, sizeof where - wl, "true");
		}
		wl += (size_t)snprintf(where + wl, sizeof where - wl, ")");
	}
	char sql[4096], name[16];
	snprintf(sql, sizeof sql,
		 "WITH q AS (SELECT %s($1::regconfig, $2) AS tq) "
		 "SELECT t.id, t.r, ts_headline($1::regconfig, t.body, q.tq, "
		 "'StartSel=<mark>, StopSel=</mark>, MaxFragments=1, MaxWords=20, MinWords=8') "
		 "FROM (SELECT d.id, d.body, ts_rank(d.tsv, q.tq) AS r FROM docs d, q "
		 "WHERE d.tsv @@ q.tq%s ORDER BY r DESC LIMIT %d) t, q ORDER BY t.r DESC",
		 fn, where, BENCH_TOPK);
	PGresult *res = PQexecPrepared(h->c, prep(h, sql, name), np, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "pg: %s: %s\n", q->text, PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	for (int i = 0; i < PQntuples(res) && r->nhits < BENCH_TOPK; i++) {
		struct bhit *hit = &r->hits[r->nhits++];
		hit->nid = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		hit->score = strtod(PQgetvalue(res, i, 1), NULL);
		bench_copy(hit->snippet, sizeof hit->snippet, PQgetvalue(res, i, 2));
	}
	PQclear(res);
	if (q->type != Q_FILTERED)
		return 0;
	snprintf(sql, sizeof sql,
		 "WITH q AS (SELECT %s($1::regconfig, $2) AS tq), "
		 "m AS MATERIALIZED (SELECT d.themes, d.country, d.city_size, d.language FROM docs d, q "
		 "WHERE d.tsv @@ q.tq%s) "
		 "SELECT 0, t, count(*) FROM m, unnest(m.themes) t GROUP BY t "
		 "UNION ALL SELECT 1, country, count(*) FROM m WHERE country <> '' GROUP BY country "
		 "UNION ALL SELECT 2, city_size, count(*) FROM m WHERE city_size <> '' GROUP BY city_size "
		 "UNION ALL SELECT 3, language, count(*) FROM m GROUP BY language",
		 fn, where);
	res = PQexecPrepared(h->c, prep(h, sql, name), np, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "pg: facets %s: %s\n", q->text, PQresultErrorMessage(res));
		PQclear(res);
		return -1;
	}
	r->total = 0;
	for (int i = 0; i < PQntuples(res); i++) {
		long long c = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		r->facet_values++;
		r->facet_sum += c;
		if (!strcmp(PQgetvalue(res, i, 0), "3"))
			r->total += c;
	}
	PQclear(res);
	return 0;
}

static long extra_rss(void *e)
{
	return ((struct eng *)e)->max_hwm_kb;
}

int main(int argc, char **argv)
{
	struct bench_args a;
	bench_parse_args(argc, argv, &a);
	if (!a.conn) {
		fprintf(stderr, "pg_driver: --conn CONNINFO is needed\n");
		return 2;
	}
	static struct eng g;
	g.conn = a.conn;
	pthread_mutex_init(&g.mu, NULL);
	int pid;
	PGconn *c = connect_db(&g, &pid);
	exec_ok(c, "DROP TABLE IF EXISTS docs");
	double t0 = bench_now();
	exec_ok(c, "CREATE UNLOGGED TABLE docs (id bigint PRIMARY KEY, type text, title text, subtitle text,"
		   " themes text[], themes_txt text, country text, city text, city_size text, language text,"
		   " author text, cfg regconfig, body text,"
		   " tsv tsvector GENERATED ALWAYS AS ("
		   "  setweight(to_tsvector(cfg, title), 'A') || setweight(to_tsvector(cfg, subtitle), 'B') ||"
		   "  setweight(to_tsvector(cfg, themes_txt), 'C') || setweight(to_tsvector(cfg, body), 'D')) STORED)");
	PGresult *r = PQexec(c, "COPY docs (id, type, title, subtitle, themes, themes_txt, country, city, city_size,"
				" language, author, cfg, body) FROM STDIN");
	if (PQresultStatus(r) != PGRES_COPY_IN)
		die(c, "COPY");
	PQclear(r);
	struct load l = {c, NULL, 0, 0, 0, 0};
	if (bench_docs_each(a.corpus, load_one, &l) != 0)
		return 1;
	if ((l.len && PQputCopyData(c, l.buf, (int)l.len) != 1) || PQputCopyEnd(c, NULL) != 1)
		die(c, "copy end");
	r = PQgetResult(c);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		die(c, "copy result");
	PQclear(r);
	while ((r = PQgetResult(c)))
		PQclear(r);
	free(l.buf);
	exec_ok(c, "CREATE INDEX docs_tsv ON docs USING gin (tsv)");
	exec_ok(c, "ANALYZE docs");
	double build = bench_now() - t0;
	long long gin = scalar(c, "SELECT pg_relation_size('docs_tsv')");
	long long tsv = scalar(c, "SELECT sum(pg_column_size(tsv)) FROM docs");
	long long total = scalar(c, "SELECT pg_total_relation_size('docs')");
	note_hwm(&g, pid);
	PQfinish(c);
	struct bench_build b = {l.nodes, build, gin + tsv, total, l.raw,
				"UNLOGGED table, fsync off; text search configs per language (simple for pl); "
				"index_bytes = GIN index + stored tsvector column, total = table + TOAST + indexes; "
				"peak_rss_kb = driver + the largest backend VmHWM (shared_buffers counted once)"};
	struct bench_engine e = {"postgresql-fts", h_open, h_close, h_query, extra_rss, &g};
	return bench_run(&a, &e, &b);
}
