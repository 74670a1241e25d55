/* praxis show, list and stats: reading the store for a person at a
 * terminal (export is the machine-readable path). */
#include "cli.h"

#include "../index/index.h"
#include "../place/place.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- show ---- */

static const struct cli_help show_help = {
	"praxis show [--db PATH] [--json] NID",
	"Prints node NID: its fields and sections, or with --json its export\n"
	"object (indented). Exit status 1 if there is no such node.\n",
};

/* "lead_partner" as "Lead partner". */
static void print_name(const char *key)
{
	for (const char *p = key; *p; p++)
		cli_printf("%c", p == key && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p == '_' ? ' ' : *p);
}

static void print_value(const void *obj, const struct field *f);

/* {city, country} as "Gent (Belgium)"; other objects as "name: value, ...". */
static void print_object(const void *o, const struct field *f)
{
	int first = 1;
	for (const struct field *s = f->sub; s->key; s++) {
		if (!field_is_set(o, s))
			continue;
		if (!strcmp(s->key, "country")) {
			cli_printf(" (");
			print_value(o, s);
			cli_printf(")");
			continue;
		}
		cli_printf("%s", first ? "" : ", ");
		if (strcmp(s->key, "city")) {
			print_name(s->key);
			cli_printf(" ");
		}
		print_value(o, s);
		first = 0;
	}
}

static void print_value(const void *obj, const struct field *f)
{
	const void *at = FIELD_CONST(obj, f);
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		cli_printf("%lld", (long long)*(const int64_t *)at);
		break;
	case FK_REAL: {
		char real[32];
		field_real_format(*(const double *)at, real);
		cli_printf("%s", real);
		break;
	}
	case FK_LANGUAGE:
		cli_printf("%s", (const char *)at);
		break;
	case FK_STRINGS:
		for (size_t i = 0; i < strlist_len(at); i++)
			cli_printf("%s%s", i ? ", " : "", strlist_get(at, i));
		break;
	case FK_OBJECT:
		print_object(*(void *const *)at, f);
		break;
	case FK_OBJECTS:
		for (size_t i = 0; i < ptrvec_len(at); i++) {
			cli_printf("%s", i ? "; " : "");
			print_object(ptrvec_get(at, i), f);
		}
		break;
	case FK_SECTIONS:
		break; /* printed after the fields */
	default:
		cli_printf("%s", *(char *const *)at);
	}
}

/* The title and subtitle, a line of facts, every other field of the
 * type's table as "Name: value", then the long texts. */
static void print_node(const struct node *n)
{
	cli_printf("%s\n", n->title);
	if (n->subtitle)
		cli_printf("%s\n", n->subtitle);
	cli_printf("\nnid %lld, %s, language %s, %s\n", (long long)n->nid, node_type_name(n->type),
		   n->language[0] ? n->language : "unknown", node_state_name(n->state));
	for (const struct field *f = node_fields(n->type); f->key; f++) {
		if (!field_is_set(n, f) || f->kind == FK_TEXT || f->kind == FK_SECTIONS || f->kind == FK_LANGUAGE ||
		    f->search == SEARCH_TITLE || f->search == SEARCH_SUBTITLE)
			continue;
		print_name(f->key);
		cli_printf(": ");
		print_value(n, f);
		cli_printf("\n");
	}
	for (const struct field *f = node_fields(n->type); f->key; f++)
		if (f->kind == FK_TEXT && field_is_set(n, f))
			cli_printf("\n%s\n", *(char *const *)FIELD_CONST(n, f));
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		cli_printf("\n%s [%s]\n%s\n", s->heading, section_key_name(s->key), s->text);
	}
}

static int on_json(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != 'j')
		return -1;
	*(int *)ctx = 1;
	return 0;
}

int cmd_show(int argc, char **argv)
{
	static const struct option extra[] = {{"json", no_argument, NULL, 'j'}, {0}};
	struct cli_common common;
	int json = 0, first, status;
	if (cli_parse(argc, argv, &show_help, &common, "j", extra, on_json, &json, &first, &status))
		return status;
	int64_t nid;
	if (argc - first != 1)
		return cli_usage_error(&show_help, "show needs exactly one NID");
	if (px_parse_i64(argv[first], strlen(argv[first]), 0, &nid) || nid < 1)
		return cli_usage_error(&show_help, "'%s' is not a nid (a positive number)", argv[first]);
	struct store *st;
	if (cli_open_store_read(&common, &st))
		return EXIT_REFUSED;
	struct node *n = NULL;
	enum px_err err = store_node_get(st, nid, &n);
	store_close(st);
	if (err == PX_ENOTFOUND) {
		fprintf(stderr, "praxis: no node %lld\n", (long long)nid);
		return EXIT_REFUSED;
	} else if (err) {
		fprintf(stderr, "praxis: cannot read node %lld: %s\n", (long long)nid, px_strerror(err));
		return EXIT_REFUSED;
	}
	if (json) {
		json_t *o = node_to_json(n);
		if (o)
			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	} else {
		print_node(n);
	}
	node_free(n);
	return EXIT_DONE;
}

/* ---- list ---- */

static const struct cli_help list_help = {
	"praxis list [--db PATH] [--type practice|article|city|network] [--limit N]",
	"Prints the hub's published nodes by nid, highest first (the home page's\n"
	"\"newest\" follows their created dates): one line per node with its nid,\n"
	"type, language, title and, for a practice, city and country.\n\n"
	"  --type T    only nodes of type T\n"
	"  --limit N   at most N lines\n",
};

struct list_opts {
	int type;      /* 0 = all */
	int64_t limit; /* -1 = all */
	int64_t shown;
};

static int list_one(const struct node *n, void *arg)
{
	struct list_opts *o = arg;
	if ((o->type && (int)n->type != o->type) || n->state != NODE_PUBLISHED) /* the hub's listing */
		return 0;
	if (o->limit >= 0 && o->shown >= o->limit)
		return 1;
	o->shown++;
	cli_printf("%7lld  %-8s  %-2s  %s", (long long)n->nid, node_type_name(n->type), n->language, n->title);
	if (n->city && n->country)
		cli_printf("  (%s, %s)", n->city, n->country);
	else if (n->author)
		cli_printf("  (by %s)", n->author);
	cli_printf("\n");
	return 0;
}

static int on_list_opt(int opt, const char *arg, void *ctx)
{
	struct list_opts *o = ctx;
	enum node_type t;
	if (opt == 't' && !node_type_parse(arg, &t))
		o->type = (int)t;
	else if (opt != 'n' || px_parse_i64(arg, strlen(arg), 0, &o->limit))
		return -1;
	return 0;
}

int cmd_list(int argc, char **argv)
{
	static const struct option extra[] = {
		{"type", required_argument, NULL, 't'}, {"limit", required_argument, NULL, 'n'}, {0}};
	struct cli_common common;
	struct list_opts o = {0, -1, 0};
	int first, status;
	if (cli_parse(argc, argv, &list_help, &common, "t:n:", extra, on_list_opt, &o, &first, &status))
		return status;
	if (first != argc)
		return cli_usage_error(&list_help, "list takes no operands");
	struct store *st;
	if (cli_open_store_read(&common, &st))
		return EXIT_REFUSED;
	enum px_err err = store_nodes_each(st, list_one, &o);
	store_close(st);
	if (err)
		fprintf(stderr, "praxis: cannot list: %s\n", px_strerror(err));
	return err ? EXIT_REFUSED : EXIT_DONE;
}

/* ---- stats ---- */

static const struct cli_help stats_help = {
	"praxis stats [--db PATH]",
	"Prints the store's totals (nodes, revisions, ingest batches, highest\n"
	"nid), the number of nodes per type, language, country, theme and label,\n"
	"and the cities nodes name that the hub cannot place: in no city node\n"
	"and not in the gazetteer (with how many times each is named).\n",
};

static void print_count(const char *value, int64_t count, void *arg)
{
	(void)arg;
	cli_printf("  %-40s %lld\n", value ? value : "(none)", (long long)count);
}

/* ---- the cities nobody can place ----
 *
 * Every (city, country) a node names (a practice's own, its partners and
 * adopters, a network's) is placed when a city node goes by that name or
 * the gazetteer knows it; its key is index_place_key()'s. */

struct places {
	struct ptrvec known; /* char *: the keys of the city nodes' names, sorted once read */
	struct ptrvec named; /* char *: "KEY\x1fCity, Country" of every reference */
};

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void name_place(struct ptrvec *v, const char *city, const char *country, int with_name)
{
	char key[4 * NODE_NAME_MAX] = "?"; /* a country nobody knows: never placed */
	if (!city || !country || (!index_place_key(country, city, key, sizeof key) && with_name))
		return;
	char *s = with_name ? px_strdup(key) : NULL;
	struct buf b;
	buf_init(&b, sizeof key + 2 * NODE_NAME_MAX + 8);
	if (!with_name && !buf_printf(&b, "%s\x1f%s, %s", key, city, country))
		s = buf_take(&b);
	buf_free(&b);
	if (s && ptrvec_push(v, s))
		free(s);
}

static int collect_places(const struct node *n, void *arg)
{
	struct places *p = arg;
	if (n->type == NODE_CITY) {
		name_place(&p->known, n->title, n->country, 1);
		for (size_t i = 0; i < strlist_len(&n->names); i++)
			name_place(&p->known, strlist_get(&n->names, i), n->country, 1);
		return 0;
	}
	if (n->type == NODE_PRACTICE)
		name_place(&p->named, n->city, n->country, 0);
	const struct ptrvec *lists[] = {&n->partners, &n->adopters};
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < ptrvec_len(lists[l]); i++) {
			const struct node_place *o = ptrvec_get(lists[l], i); /* adopters start alike */
			name_place(&p->named, o->city, o->country, 0);
		}
	if (n->lead_partner)
		name_place(&p->named, n->lead_partner->city, n->lead_partner->country, 0);
	return 0;
}

static int placed(const struct places *p, const char *entry)
{
	size_t klen = strcspn(entry, "\x1f");
	char key[4 * NODE_NAME_MAX];
	snprintf(key, sizeof key, "%.*s", (int)klen, entry);
	const char *k = key;
	if (ptrvec_len(&p->known) && bsearch(&k, p->known.b.data, ptrvec_len(&p->known), sizeof(char *), by_str))
		return 1;
	const char *colon = strchr(key, ':');
	return colon && place_find((char[3]){key[0], key[1], 0}, colon + 1) != NULL;
}

static enum px_err print_unplaced(struct store *st)
{
	struct places p;
	ptrvec_init(&p.known);
	ptrvec_init(&p.named);
	enum px_err err = store_nodes_each(st, collect_places, &p);
	if (ptrvec_len(&p.known) > 1) /* an empty vector has no array: qsort must not see NULL */
		qsort(p.known.b.data, ptrvec_len(&p.known), sizeof(char *), by_str);
	if (ptrvec_len(&p.named) > 1)
		qsort(p.named.b.data, ptrvec_len(&p.named), sizeof(char *), by_str);
	printf("\nunplaced cities\n");
	for (size_t i = 0, n; !err && i < ptrvec_len(&p.named); i += n) {
		const char *e = ptrvec_get(&p.named, i);
		for (n = 1; i + n < ptrvec_len(&p.named) && !strcmp(e, ptrvec_get(&p.named, i + n)); n++)
			;
		if (!placed(&p, e))
			print_count(strchr(e, '\x1f') + 1, (int64_t)n, NULL);
	}
	for (size_t i = 0; i < ptrvec_len(&p.known); i++)
		free(ptrvec_get(&p.known, i));
	for (size_t i = 0; i < ptrvec_len(&p.named); i++)
		free(ptrvec_get(&p.named, i));
	ptrvec_free(&p.known);
	ptrvec_free(&p.named);
	return err;
}

int cmd_stats(int argc, char **argv)
{
	struct cli_common common;
	int first, status;
	if (cli_parse(argc, argv, &stats_help, &common, NULL, NULL, NULL, NULL, &first, &status))
		return status;
	if (first != argc)
		return cli_usage_error(&stats_help, "stats takes no operands");
	struct store *st;
	if (cli_open_store_read(&common, &st))
		return EXIT_REFUSED;
	struct store_totals t;
	enum px_err err = store_totals(st, &t);
	if (!err)
		printf("nodes      %lld\nrevisions  %lld\nbatches    %lld\nmax nid    %lld\n",
		       (long long)t.nodes, (long long)t.revisions, (long long)t.batches,
		       (long long)t.max_nid);
	static const char *const fields[] = {"type", "language", "country", "theme", "label"};
	for (size_t i = 0; !err && i < sizeof fields / sizeof fields[0]; i++) {
		printf("\n%s\n", fields[i]);
		err = store_count_by(st, fields[i], print_count, NULL);
	}
	if (!err)
		err = print_unplaced(st);
	store_close(st);
	if (err)
		fprintf(stderr, "praxis: cannot count: %s\n", px_strerror(err));
	return err ? EXIT_REFUSED : EXIT_DONE;
}
