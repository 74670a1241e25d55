/* praxis match: practices ranked for a city and a need, each with why
 * (src/match, docs/match.md). */
#include "cli.h"
#include "../match/match.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_help help = {
	"praxis match [--db PATH] (--city NAME --country NAME | --population N --country NAME)\n"
	"             [--theme T]... [--limit N] [--json] [QUERY]",
	"Ranks practices for a city and what it wants to solve: the text's\n"
	"relevance (any of QUERY's words, in any EU language), the likeness of\n"
	"city size, proximity and a shared country and language, adoptions by\n"
	"cities of that size, and impact figures (docs/match.md). Each hit says\n"
	"why.\n\n"
	"  --db PATH         the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --city NAME       the city: a hub city or any EU city of the gazetteer\n"
	"  --country NAME    its country, in any EU language or as a code (PT)\n"
	"  --population N    the city's population (instead of a city, or to\n"
	"                    correct its figure)\n"
	"  --theme T         only practices of theme T (repeatable: any of them)\n"
	"  --limit N         hits to print (default 10, at most 100)\n"
	"  --json            print the API's object: city, total, hits\n\n"
	"PRAXIS_MATCH_OFF=size,place,... switches components off (for tuning).\n",
};

struct opts {
	const char *city, *country;
	int64_t population, limit;
	const char *themes[MATCH_THEMES_MAX + 1];
	size_t nthemes;
	int json;
};

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (opt) {
	case 'c':
		o->city = arg;
		return 0;
	case 'C':
		o->country = arg;
		return 0;
	case 'p': /* any whole number: <= 0 is refused with the match's own message */
		return px_parse_i64(arg, strlen(arg), 1, &o->population) ? -1 : 0;
	case 'n':
		return px_parse_i64(arg, strlen(arg), 0, &o->limit) || o->limit < 1 || o->limit > MATCH_LIMIT_MAX
			       ? -1
			       : 0;
	case 't':
		if (o->nthemes > MATCH_THEMES_MAX || !*arg)
			return -1;
		o->themes[o->nthemes++] = arg;
		return 0;
	case 'j':
		o->json = 1;
		return 0;
	}
	return -1;
}

static int query_text(int argc, char **argv, int first, struct buf *q)
{
	for (int i = first; i < argc; i++)
		if ((i > first && buf_addc(q, ' ')) || buf_adds(q, argv[i]))
			return -1;
	return buf_adds(q, "") ? -1 : 0;
}

static void print_hits(const struct match_result *r)
{
	const struct match_city *c = &r->city;
	cli_printf("%s%s%s (population %lld, from the %s): %zu candidates\n", c->name, c->name[0] ? ", " : "",
		   c->country, (long long)c->population, match_source_name(c->source), r->total);
	struct buf w;
	buf_init(&w, 4096);
	for (size_t i = 0; i < r->nhits; i++) {
		const struct match_hit *h = &r->hits[i];
		cli_printf("%3zu. %s  (%s, %s, nid %lld, score %.3f)\n", i + 1, h->title, h->city ? h->city : "?",
			   h->country ? h->country : "?", (long long)h->nid, h->score);
		for (size_t k = 0; k < h->nwhy; k++) {
			buf_reset(&w);
			if (match_reason_text(&h->why[k], &w) == PX_OK && w.len)
				cli_printf("     - %s\n", w.data);
		}
	}
	buf_free(&w);
}

/* An unknown city: the reason, and the close names to try. */
static int unknown_city(const struct opts *o, const struct strlist *near)
{
	fprintf(stderr, "praxis: unknown city '%s' in %s", o->city, o->country);
	for (size_t i = 0; i < strlist_len(near); i++)
		fprintf(stderr, "%s%s", i ? ", " : "; did you mean: ", strlist_get(near, i));
	fputs(strlist_len(near) ? "?\n" : "\n", stderr);
	return EXIT_USAGE;
}

static int run(const struct index *ix, const struct opts *o, const char *text)
{
	struct match_request rq = {.city = o->city, .country = o->country, .population = o->population,
				   .text = text, .themes = o->themes, .nthemes = o->nthemes,
				   .limit = (size_t)o->limit};
	const char *off = getenv("PRAXIS_MATCH_OFF");
	if (off && match_off_parse(off, &rq.off))
		return cli_usage_error(&help, "PRAXIS_MATCH_OFF: unknown component in '%s'", off);
	struct match_result r;
	struct strlist near;
	struct buf why;
	strlist_init(&near);
	buf_init(&why, 4096);
	enum match_fail f = match_run(ix, &rq, &r, &near, &why);
	int rc = EXIT_DONE;
	if (f == MATCH_UNKNOWN_CITY) {
		rc = unknown_city(o, &near);
	} else if (f == MATCH_ERROR) {
		fprintf(stderr, "praxis: %s\n", match_fail_text(f));
		rc = EXIT_REFUSED;
	} else if (f) {
		rc = cli_usage_error(&help, "%s", f == MATCH_BAD_QUERY && why.len ? why.data : match_fail_text(f));
	} else if (o->json) {
		json_t *j = match_result_json(&r);
		json_dumpf(j, stdout, INDEX_JSON_FLAGS);
		putchar('\n');
		json_decref(j);
	} else {
		print_hits(&r);
	}
	if (!f)
		match_result_free(&r);
	strlist_free(&near);
	buf_free(&why);
	return rc;
}

int cmd_match(int argc, char **argv)
{
	static const struct option extra[] = {{"city", required_argument, NULL, 'c'},
					      {"country", required_argument, NULL, 'C'},
					      {"population", required_argument, NULL, 'p'},
					      {"theme", required_argument, NULL, 't'},
					      {"limit", required_argument, NULL, 'n'},
					      {"json", no_argument, NULL, 'j'},
					      {0}};
	struct cli_common common;
	struct opts o = {.population = MATCH_NO_POPULATION, .limit = 10};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "c:C:p:t:n:j", extra, on_opt, &o, &first, &status))
		return status;
	if (!o.country)
		return cli_usage_error(&help, "give the city's country (--country)");
	if (!o.city && o.population == MATCH_NO_POPULATION)
		return cli_usage_error(&help, "give --city or --population");
	struct buf text;
	buf_init(&text, 1 << 16);
	if (query_text(argc, argv, first, &text)) {
		buf_free(&text);
		return cli_usage_error(&help, "the query is too long");
	}
	struct store *st;
	if (cli_open_store_read(&common, &st)) {
		buf_free(&text);
		return EXIT_REFUSED;
	}
	struct index *ix = NULL;
	int rc = cli_open_index(&common, st, &ix) ? EXIT_REFUSED : run(ix, &o, text.data ? text.data : "");
	index_free(ix);
	store_close(st);
	buf_free(&text);
	return rc;
}
