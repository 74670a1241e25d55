/* praxis search: the index built from the store, one query, hits with
 * snippets and facet counts, as a table or as one JSON object. */
#include "cli.h"
#include "../index/index.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct cli_help help = {
	"praxis search [--db PATH] [--json] [--limit N] [--offset N] [--filter F=V]...\n"
	"              [--population-min N] [--population-max N] QUERY",
	"Searches the hub. QUERY: words (all must match, in any inflection, with\n"
	"typos tolerated, or translated; when no node has them all, the nodes with\n"
	"the most of them), \"a phrase\", -excluded, a OR b, field:value filters;\n"
	"the last word matches as a prefix unless QUERY ends with a space.\n\n"
	"  --db PATH       the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --json          print one JSON object: total, hits, facets, did_you_mean,\n"
	"                  translated, left_out\n"
	"  --limit N       hits to print (default 10, at most 1000)\n"
	"  --offset N      hits to skip (default 0)\n"
	"  --filter F=V    only nodes whose field F is V (repeatable: the same field\n"
	"                  ORs, different fields AND). F: type, themes, labels,\n"
	"                  country, city, city_size (small, medium, large,\n"
	"                  metropolitan, unknown), language, author\n"
	"  --population-min N, --population-max N\n"
	"                  only nodes whose population is given and at least,\n"
	"                  at most N\n",
};

#define LIMIT_MAX   1000
#define FILTERS_MAX 32

struct opts {
	int json;
	int64_t limit, offset;
	struct index_filter filters[FILTERS_MAX];
	size_t nfilters;
	struct index_range population;
};

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	if (opt == 'j') {
		o->json = 1;
		return 0;
	}
	if (opt == 'p' || opt == 'P') {
		o->population.set = 1;
		return px_parse_i64(arg, strlen(arg), 0, opt == 'p' ? &o->population.min : &o->population.max) ||
			       o->population.min > o->population.max
			       ? -1
			       : 0;
	}
	if (opt == 'n' || opt == 'o') {
		int64_t *v = opt == 'n' ? &o->limit : &o->offset;
		return px_parse_i64(arg, strlen(arg), 0, v) || (opt == 'n' && (*v < 1 || *v > LIMIT_MAX)) ? -1
													  : 0;
	}
	if (opt != 'f' || o->nfilters == FILTERS_MAX)
		return -1;
	const char *eq = strchr(arg, '=');
	char name[32];
	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof name || !eq[1])
		return -1;
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	struct index_filter *f = &o->filters[o->nfilters];
	if (index_facet_parse(name, &f->field))
		return -1;
	f->value = eq + 1;
	o->nfilters++;
	return 0;
}

/* Joins the operands into one query text. */
static int query_text(int argc, char **argv, int first, struct buf *q)
{
	for (int i = first; i < argc; i++)
		if ((i > first && buf_addc(q, ' ')) || buf_adds(q, argv[i]))
			return -1;
	return buf_adds(q, "") ? -1 : 0;
}

/* A snippet for a terminal: marks as bold (or *word* off a terminal),
 * entities decoded. */
static void print_snippet(const char *s, int tty)
{
	static const struct {
		const char *from, *to_tty, *to_plain;
	} subst[] = {{"<mark>", "\033[1m", "*"}, {"</mark>", "\033[0m", "*"}, {"&lt;", "<", "<"},
		     {"&gt;", ">", ">"},         {"&amp;", "&", "&"},         {"&quot;", "\"", "\""},
		     {"&#39;", "'", "'"}};
	fputs("     ", stdout);
	while (*s) {
		size_t i = 0;
		for (; i < sizeof subst / sizeof subst[0]; i++)
			if (!strncmp(s, subst[i].from, strlen(subst[i].from)))
				break;
		if (i < sizeof subst / sizeof subst[0]) {
			fputs(tty ? subst[i].to_tty : subst[i].to_plain, stdout);
			s += strlen(subst[i].from);
		} else { /* the text up to the next markup or entity */
			size_t n = strcspn(s + 1, "<&") + 1;
			cli_put_text(s, n);
			s += n;
		}
	}
	putchar('\n');
}

static void print_hits(const struct index_result *r, const struct opts *o)
{
	int tty = isatty(STDOUT_FILENO);
	for (size_t i = 0; i < r->nhits; i++) {
		const struct index_hit *h = &r->hits[i];
		cli_printf("%3lld. %s  (%s, %s, nid %lld, score %.3f)\n", (long long)(o->offset + (int64_t)i + 1),
		       h->title, node_type_name(h->type), h->language, (long long)h->nid, h->score);
		if (h->snippet)
			print_snippet(h->snippet, tty);
	}
}

static void print_table(const struct index_result *r, const struct opts *o)
{
	cli_printf("%zu result%s\n", r->total, r->total == 1 ? "" : "s");
	if (r->did_you_mean)
		cli_printf("did you mean: %s\n", r->did_you_mean);
	if (r->partial)
		cli_printf("partial: the query's work budget ran out (phrases unchecked, snippets skipped)\n");
	print_hits(r, o);
	for (int f = 0; f < FACET_COUNT; f++) {
		if (!r->nfacet[f])
			continue;
		cli_printf("%s:", index_facet_name((enum index_facet)f));
		for (size_t i = 0; i < r->nfacet[f] && i < 8; i++)
			cli_printf(" %s (%zu)%s", r->facets[f][i].value, r->facets[f][i].count,
			       i + 1 < r->nfacet[f] && i < 7 ? "," : "");
		cli_printf("%s\n", r->nfacet[f] > 8 ? ", …" : "");
	}
}

int cmd_search(int argc, char **argv)
{
	static const struct option extra[] = {{"json", no_argument, NULL, 'j'},
					      {"limit", required_argument, NULL, 'n'},
					      {"offset", required_argument, NULL, 'o'},
					      {"filter", required_argument, NULL, 'f'},
					      {"population-min", required_argument, NULL, 'p'},
					      {"population-max", required_argument, NULL, 'P'},
					      {0}};
	struct cli_common common;
	struct opts o = {0, 10, 0, {{0}}, 0, {0, 0, INT64_MAX}};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "jn:o:f:p:P:", extra, on_opt, &o, &first, &status))
		return status;
	struct buf text, why;
	buf_init(&text, 1 << 16);
	buf_init(&why, 4096);
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
	enum px_err err = cli_open_index(&common, st, &ix) ? PX_ESTORE : PX_OK;
	struct index_query q = {.text = text.data, .filters = o.filters, .nfilters = o.nfilters, .offset = (size_t)o.offset, .limit = (size_t)o.limit, .facets = 1, .snippets = 1, .store = st, .population = o.population, .places = 1};
	struct index_result r;
	int rc = EXIT_DONE;
	if (err) {
		rc = EXIT_REFUSED; /* cli_open_index() said why */
	} else if ((err = index_search(ix, &q, &r, &why))) {
		/* unreadable: wrong usage; over a limit (PX_ETOOBIG) or failed: refused */
		fprintf(stderr, "praxis: %s\n", why.len ? why.data : px_strerror(err));
		rc = err == PX_EPARSE ? EXIT_USAGE : EXIT_REFUSED;
	} else {
		if (o.json) {
			json_t *j = index_result_json(&r);
			json_dumpf(j, stdout, INDEX_JSON_FLAGS);
			putchar('\n');
			json_decref(j);
		} else {
			print_table(&r, &o);
		}
		index_result_free(&r);
	}
	index_free(ix);
	store_close(st);
	buf_free(&text);
	buf_free(&why);
	return rc;
}

/* ---- similar ---- */

static const struct cli_help similar_help = {
	"praxis similar [--db PATH] [--json] [--limit N] NID",
	"Prints the nodes most like node NID (the words that tell it apart, and\n"
	"its themes), best first: the \"related practices\" of a practice.\n\n"
	"  --db PATH   the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --json      print {\"nid\", \"total\", \"hits\": [...]} (hits as in search)\n"
	"  --limit N   nodes to print (default 5, at most 1000)\n",
};

int cmd_similar(int argc, char **argv)
{
	static const struct option extra[] = {
		{"json", no_argument, NULL, 'j'}, {"limit", required_argument, NULL, 'n'}, {0}};
	struct cli_common common;
	struct opts o = {0, 5, 0, {{0}}, 0, {0, 0, INT64_MAX}};
	int first, status;
	if (cli_parse(argc, argv, &similar_help, &common, "jn:", extra, on_opt, &o, &first, &status))
		return status;
	int64_t nid;
	if (argc - first != 1)
		return cli_usage_error(&similar_help, "similar needs exactly one NID");
	if (px_parse_i64(argv[first], strlen(argv[first]), 0, &nid) || nid < 1)
		return cli_usage_error(&similar_help, "'%s' is not a nid (a positive number)", argv[first]);
	struct store *st;
	if (cli_open_store_read(&common, &st))
		return EXIT_REFUSED;
	struct node *n = NULL;
	struct index *ix = NULL;
	struct index_similar_want want = {.types = INDEX_SIMILAR_ALL, .limit = (size_t)o.limit};
	int rc = EXIT_REFUSED;
	enum px_err err = store_node_get(st, nid, &n);
	if (err)
		fprintf(stderr, "praxis: %s %lld\n", err == PX_ENOTFOUND ? "no node" : "cannot read node",
			(long long)nid);
	else if (!cli_open_index(&common, st, &ix) && !(err = index_similar(ix, n, &want, 1))) {
		if (o.json) {
			json_t *j = json_object();
			json_object_set_new(j, "nid", json_integer(nid));
			json_object_set_new(j, "total", json_integer((json_int_t)want.r.total));
			json_object_set_new(j, "hits", index_hits_json(&want.r));
			json_dumpf(j, stdout, INDEX_JSON_FLAGS);
			putchar('\n');
			json_decref(j);
		} else {
			cli_printf("like %lld. %s:\n", (long long)nid, n->title);
			print_hits(&want.r, &o);
		}
		index_result_free(&want.r);
		rc = EXIT_DONE;
	} else if (err) {
		fprintf(stderr, "praxis: %s\n", px_strerror(err));
	}
	node_free(n);
	index_free(ix);
	store_close(st);
	return rc;
}
