/* make bench-match's driver: the engine's latency for a match and for a
 * plain search of the same words, timed in-process (no process start, no
 * HTTP) on the same index, one request after the other.
 *
 *   match_driver DB REQUESTS REPS
 *
 * REQUESTS: one request a line, TAB-separated: city, country, population
 * (0: none), themes (comma-separated, may be empty), the need. Each runs
 * REPS times as a match (match_run: what /api/v1/match does; it reads no
 * store) and as a search of the same words
 * (index_search with facets, snippets and the store: what /api/v1/search
 * does). Prints one line a run: "match|search SECONDS", then nothing else.
 * The first run of each request warms the caches and is not printed. */
#include "index/index.h"
#include "match/match.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct request {
	char *field[5];
	const char *themes[MATCH_THEMES_MAX];
	size_t nthemes;
};

/* Splits line (modified) at tabs and the themes at commas; 0, or -1 when malformed. */
static int parse(char *line, struct request *r)
{
	line[strcspn(line, "\n")] = '\0';
	for (int i = 0; i < 5; i++) {
		r->field[i] = line;
		char *tab = strchr(line, '\t');
		if (i < 4 && !tab)
			return -1;
		if (tab)
			*tab = '\0', line = tab + 1;
	}
	r->nthemes = 0;
	for (char *t = r->field[3]; *t && r->nthemes < MATCH_THEMES_MAX;) {
		char *comma = strchr(t, ',');
		if (comma)
			*comma = '\0';
		r->themes[r->nthemes++] = t;
		if (!comma)
			break;
		t = comma + 1;
	}
	return 0;
}

static int run_match(struct index *ix, const struct request *r)
{
	char *end;
	long long pop = strtoll(r->field[2], &end, 10);
	struct match_request rq = {.city = *r->field[0] ? r->field[0] : NULL, .country = r->field[1],
				   .population = pop > 0 ? pop : MATCH_NO_POPULATION, .text = r->field[4],
				   .themes = r->themes, .nthemes = r->nthemes, .limit = 10};
	struct match_result res;
	struct strlist near;
	struct buf why;
	strlist_init(&near);
	buf_init(&why, 4096);
	enum match_fail f = match_run(ix, &rq, &res, &near, &why);
	if (!f)
		match_result_free(&res);
	strlist_free(&near);
	buf_free(&why);
	return f ? -1 : 0;
}

static int run_search(struct index *ix, struct store *st, const struct request *r)
{
	struct index_query q = {.text = r->field[4], .limit = 10, .facets = 1, .snippets = 1, .store = st};
	struct index_result res;
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = index_search(ix, &q, &res, &why);
	if (!err)
		index_result_free(&res);
	buf_free(&why);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: match_driver DB REQUESTS REPS\n", stderr);
		return 2;
	}
	int reps = (int)strtol(argv[3], NULL, 10);
	struct store *st;
	struct index *ix;
	int fresh;
	int64_t stamp;
	char snap[4096];
	snprintf(snap, sizeof snap, "%s.index", argv[1]);
	struct buf why;
	buf_init(&why, 4096);
	if (store_open_read(argv[1], &st, &why) || index_open(st, snap, &ix, &fresh, &stamp)) {
		fprintf(stderr, "match_driver: cannot open %s and its index\n", argv[1]);
		return 1;
	}
	FILE *f = fopen(argv[2], "r");
	char line[4096];
	int rc = 0;
	while (f && !rc && fgets(line, sizeof line, f)) {
		struct request r;
		if (line[0] == '#' || parse(line, &r))
			continue;
		for (int i = 0; !rc && i <= reps; i++) {
			double t0 = now();
			rc |= run_match(ix, &r);
			double t1 = now();
			rc |= run_search(ix, st, &r);
			double t2 = now();
			if (i)
				printf("match %.9f\nsearch %.9f\n", t1 - t0, t2 - t1);
		}
		if (rc)
			fprintf(stderr, "match_driver: a request failed: %s / %s\n", r.field[0], r.field[4]);
	}
	if (f)
		fclose(f);
	if (fresh)
		(void)!index_save(ix, snap, stamp); /* the next run starts at once */
	index_free(ix);
	store_close(st);
	buf_free(&why);
	return rc || !f;
}
