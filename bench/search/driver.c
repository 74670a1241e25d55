/* driver: see driver.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "driver.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

const char *const bench_qtype_name[Q_NTYPES] = {"one_word", "two_words", "phrase", "typo", "prefix", "filtered"};
const char *const bench_facet_name[BENCH_NFACETS] = {"themes", "country", "city_size", "language"};

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

long bench_self_peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

void bench_copy(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = 0;
}

long long bench_du(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return (long long)st.st_size;
	long long sum = 0;
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		sum += bench_du(sub);
	}
	closedir(d);
	return sum;
}

static void usage(void)
{
	fprintf(stderr, "usage: DRIVER --corpus FILE --queries FILE --dir DIR [--seconds T] "
			"[--threads N] [--dump FILE] [--conn CONNINFO]\n");
	exit(2);
}

void bench_parse_args(int argc, char **argv, struct bench_args *a)
{
	memset(a, 0, sizeof *a);
	a->seconds = 10;
	a->threads = 2;
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		const char *k = argv[i], *v = argv[++i];
		if (!strcmp(k, "--corpus"))
			a->corpus = v;
		else if (!strcmp(k, "--queries"))
			a->queries = v;
		else if (!strcmp(k, "--dir"))
			a->dir = v;
		else if (!strcmp(k, "--conn"))
			a->conn = v;
		else if (!strcmp(k, "--dump"))
			a->dump = v;
		else if (!strcmp(k, "--seconds"))
			a->seconds = strtod(v, NULL);
		else if (!strcmp(k, "--threads"))
			a->threads = (int)strtol(v, NULL, 10);
		else
			usage();
	}
	if (!a->corpus || !a->queries || !a->dir || a->threads < 1)
		usage();
}

/* ---- corpus ---- */
static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

int bench_docs_each(const char *path, int (*fn)(const struct bdoc *d, void *arg), void *arg)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	char *line = NULL, *body = NULL, *themes = NULL;
	size_t cap = 0, bcap = 0, tcap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		json_error_t err;
		json_t *o = json_loadb(line, (size_t)len, 0, &err);
		if (!o) {
			fprintf(stderr, "%s:%ld: %s\n", path, lineno, err.text);
			rc = -1;
			break;
		}
		struct bdoc d;
		memset(&d, 0, sizeof d);
		d.nid = json_integer_value(json_object_get(o, "nid"));
		d.type = jstr(o, "type");
		d.title = jstr(o, "title");
		d.subtitle = jstr(o, "subtitle");
		d.country = jstr(o, "country");
		d.city = jstr(o, "city");
		d.language = jstr(o, "language");
		d.author = jstr(o, "author");
		json_t *pop = json_object_get(o, "population");
		d.city_size = "";
		if (json_is_integer(pop)) {
			json_int_t p = json_integer_value(pop);
			d.city_size = p < 50000 ? "small" : p < 250000 ? "medium" : p <= 1000000 ? "large" : "metropolitan";
		}
		/* themes */
		size_t tl = 0;
		json_t *th = json_object_get(o, "themes");
		for (size_t i = 0; i < json_array_size(th) && d.nthemes < 16; i++) {
			const char *t = json_string_value(json_array_get(th, i));
			if (!t)
				continue;
			size_t n = strlen(t);
			if (tl + n + 3 > tcap) {
				tcap = (tl + n + 3) * 2;
				themes = realloc(themes, tcap);
			}
			if (tl) {
				memcpy(themes + tl, ", ", 2);
				tl += 2;
			}
			memcpy(themes + tl, t, n);
			tl += n;
			d.themev[d.nthemes++] = t;
		}
		if (!themes) {
			tcap = 64;
			themes = malloc(tcap);
		}
		themes[tl] = 0;
		d.themes = themes;
		/* body */
		json_t *secs = json_object_get(o, "sections");
		if (json_is_array(secs)) {
			size_t bl = 0;
			for (size_t i = 0; i < json_array_size(secs); i++) {
				const char *t = jstr(json_array_get(secs, i), "text");
				size_t n = strlen(t);
				if (bl + n + 2 > bcap) {
					bcap = (bl + n + 2) * 2;
					body = realloc(body, bcap);
				}
				if (bl)
					body[bl++] = '\n';
				memcpy(body + bl, t, n);
				bl += n;
			}
			if (!body) {
				bcap = 64;
				body = malloc(bcap);
			}
			body[bl] = 0;
			d.body = body;
		} else
			d.body = jstr(o, "body");
		d.raw_bytes = strlen(d.title) + strlen(d.subtitle) + tl + strlen(d.body);
		int stop = fn(&d, arg);
		json_decref(o);
		if (stop) {
			rc = stop < 0 ? -1 : 0;
			break;
		}
	}
	free(line);
	free(body);
	free(themes);
	fclose(f);
	return rc;
}

/* ---- queries ---- */
static int load_queries(const char *path, struct bquery **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	struct bquery *qs = NULL;
	size_t nq = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = 0;
		char *fields[4] = {0};
		char *s = strdup(line), *p = s;
		for (int k = 0; k < 4; k++) {
			fields[k] = p;
			char *tab = p ? strchr(p, '\t') : NULL;
			if (tab)
				*tab = 0;
			p = tab ? tab + 1 : NULL;
		}
		if (!fields[1] || !fields[2] || !fields[3]) {
			fprintf(stderr, "%s: bad line: %s\n", path, line);
			free(s);
			continue;
		}
		if (nq == cap) {
			cap = cap ? cap * 2 : 1024;
			qs = realloc(qs, cap * sizeof *qs);
		}
		struct bquery *q = &qs[nq];
		memset(q, 0, sizeof *q);
		int t;
		for (t = 0; t < Q_NTYPES; t++)
			if (!strcmp(fields[0], bench_qtype_name[t]))
				break;
		if (t == Q_NTYPES) {
			fprintf(stderr, "%s: unknown type %s\n", path, fields[0]);
			free(s);
			continue;
		}
		q->type = (enum qtype)t;
		q->text = strdup(fields[1]);
		q->lang = fields[3];
		/* words */
		char *w = strdup(fields[1]);
		for (char *c = w; *c; c++)
			if (*c == '"')
				*c = ' ';
		char *save = NULL;
		for (char *tok = strtok_r(w, " ", &save); tok && q->nwords < 8; tok = strtok_r(NULL, " ", &save))
			q->words[q->nwords++] = tok;
		/* filters */
		if (*fields[2]) {
			char *fs = fields[2];
			for (char *tok = strtok_r(fs, ";", &save); tok && q->nfilters < 4;
			     tok = strtok_r(NULL, ";", &save)) {
				char *eq = strchr(tok, '=');
				if (!eq)
					continue;
				*eq = 0;
				q->filters[q->nfilters].field = tok;
				q->filters[q->nfilters].value = eq + 1;
				q->nfilters++;
			}
		}
		nq++;
	}
	free(line);
	fclose(f);
	*out = qs;
	*n = nq;
	return 0;
}

/* ---- running ---- */
struct qps_arg {
	struct bench_engine *e;
	const struct bquery *qs;
	size_t nq, start;
	double until;
	long long done, errors;
	void *h;
};

static void *qps_thread(void *p)
{
	struct qps_arg *a = p;
	struct bresult *r = malloc(sizeof *r);
	size_t i = a->start;
	while (bench_now() < a->until) {
		for (int k = 0; k < 8; k++) {
			if (a->e->query(a->h, &a->qs[i], r) != 0)
				a->errors++;
			a->done++;
			i = (i + 1) % a->nq;
		}
	}
	free(r);
	return NULL;
}

static int cmp_d(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static double pct(double *v, size_t n, double p)
{
	if (!n)
		return -1;
	size_t k = (size_t)(p * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

int bench_run(const struct bench_args *a, struct bench_engine *e, const struct bench_build *b)
{
	struct bquery *qs;
	size_t nq;
	if (load_queries(a->queries, &qs, &nq) != 0 || nq == 0)
		return 1;
	void *h = e->open(e->eng);
	if (!h) {
		fprintf(stderr, "%s: cannot open a handle\n", e->name);
		return 1;
	}
	struct bresult *r = malloc(sizeof *r);
	long long errors = 0;
	FILE *dump = a->dump ? fopen(a->dump, "w") : NULL;
	/* warm-up pass */
	for (size_t i = 0; i < nq; i++)
		errors += e->query(h, &qs[i], r) != 0;
	/* timed pass */
	double *lat[Q_NTYPES];
	size_t nlat[Q_NTYPES] = {0};
	for (int t = 0; t < Q_NTYPES; t++)
		lat[t] = malloc(nq * sizeof(double));
	long long empty[Q_NTYPES] = {0};
	for (size_t i = 0; i < nq; i++) {
		memset(r, 0, sizeof *r);
		r->total = -1;
		double t0 = bench_now();
		int rc = e->query(h, &qs[i], r);
		double dt = bench_now() - t0;
		errors += rc != 0;
		lat[qs[i].type][nlat[qs[i].type]++] = dt * 1e6;
		empty[qs[i].type] += r->nhits == 0;
		if (dump) {
			fprintf(dump, "%zu\t%s\t%s\t%lld\t%lld/%lld\t", i, bench_qtype_name[qs[i].type], qs[i].text,
				r->total, r->facet_values, r->facet_sum);
			for (int k = 0; k < r->nhits; k++)
				fprintf(dump, "%s%lld:%.3f", k ? "," : "", r->hits[k].nid, r->hits[k].score);
			fprintf(dump, "\t%s\t%.0f\n", r->nhits ? r->hits[0].snippet : "", dt * 1e6);
		}
	}
	if (dump)
		fclose(dump);
	e->close(h);
	/* QPS */
	int nt = a->threads;
	struct qps_arg *qa = calloc((size_t)nt, sizeof *qa);
	pthread_t *th = calloc((size_t)nt, sizeof *th);
	for (int t = 0; t < nt; t++) {
		qa[t].e = e;
		qa[t].qs = qs;
		qa[t].nq = nq;
		qa[t].start = nq * (size_t)t / (size_t)nt;
		qa[t].h = e->open(e->eng);
		if (!qa[t].h) {
			fprintf(stderr, "%s: cannot open a handle\n", e->name);
			return 1;
		}
	}
	double t0 = bench_now();
	for (int t = 0; t < nt; t++) {
		qa[t].until = t0 + a->seconds;
		pthread_create(&th[t], NULL, qps_thread, &qa[t]);
	}
	long long done = 0;
	for (int t = 0; t < nt; t++) {
		pthread_join(th[t], NULL);
		done += qa[t].done;
		errors += qa[t].errors;
	}
	double qps = (double)done / (bench_now() - t0);
	for (int t = 0; t < nt; t++)
		e->close(qa[t].h);
	long rss = bench_self_peak_rss_kb();
	long extra = e->extra_rss_kb ? e->extra_rss_kb(e->eng) : 0;

	printf("{\"engine\": \"%s\", \"nodes\": %lld, \"build_s\": %.3f, \"build_nodes_per_s\": %.1f, "
	       "\"index_bytes\": %lld, \"total_bytes\": %lld, \"raw_text_bytes\": %lld, \"peak_rss_kb\": %ld, "
	       "\"server_rss_kb\": %ld, ",
	       e->name, b->nodes, b->build_s, b->build_s > 0 ? (double)b->nodes / b->build_s : 0.0,
	       b->index_bytes, b->total_bytes ? b->total_bytes : b->index_bytes, b->raw_text_bytes, rss + extra,
	       extra);
	for (int pass = 0; pass < 2; pass++) {
		printf("\"%s\": {", pass ? "p99_us" : "p50_us");
		for (int t = 0; t < Q_NTYPES; t++) {
			qsort(lat[t], nlat[t], sizeof(double), cmp_d);
			printf("%s\"%s\": %.1f", t ? ", " : "", bench_qtype_name[t], pct(lat[t], nlat[t], pass ? 0.99 : 0.50));
		}
		printf("}, ");
	}
	printf("\"empty\": {");
	for (int t = 0; t < Q_NTYPES; t++)
		printf("%s\"%s\": %lld", t ? ", " : "", bench_qtype_name[t], empty[t]);
	printf("}, \"queries\": %zu, \"qps_threads\": %d, \"qps_2threads\": %.1f, \"errors\": %lld, \"notes\": ", nq,
	       nt, qps, errors);
	json_t *notes = json_string(b->notes ? b->notes : "");
	char *ns = json_dumps(notes, JSON_ENCODE_ANY);
	printf("%s}\n", ns);
	free(ns);
	json_decref(notes);
	fflush(stdout);
	for (int t = 0; t < Q_NTYPES; t++)
		free(lat[t]);
	free(r);
	free(qa);
	free(th);
	return 0; /* errors are in the report line */
}
