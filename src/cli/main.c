/* The praxis command: dispatch to a command, shared option handling. */
#include "cli.h"
#include "../index/index.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *what;
} commands[] = {
	{"ingest", cmd_ingest, "read listings, JSON Lines or CSV files into the store"},
	{"export", cmd_export, "write every node as JSON Lines or CSV"},
	{"show", cmd_show, "print one node"},
	{"list", cmd_list, "print the hub's listing, newest first"},
	{"stats", cmd_stats, "print counts by type, language, country, theme and label"},
	{"search", cmd_search, "search the hub: ranked hits, snippets, facet counts"},
	{"match", cmd_match, "practices ranked for a city and a need, each with why"},
	{"similar", cmd_similar, "print the nodes most like one node"},
	{"translate", cmd_translate, "a practice machine translated by Apertium; --pairs: the directions"},
	{"serve", cmd_serve, "serve the hub's pages over HTTP"},
	{"user", cmd_user, "add, change, disable and list the accounts of editors"},
	{"backup", cmd_backup, "copy the store to a file, also while it is served"},
	{"restore", cmd_restore, "replace the store with a backup"},
	{"copy", cmd_copy, "copy a whole hub between stores (SQLite, PostgreSQL)"},
	{"digest", cmd_digest, "queue the daily mails of readers' saved searches"},
	{"mail", cmd_mail, "show the outbox, or send it through a relay"},
	{"version", cmd_version, "print the versions of praxis and its libraries (also --version)"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *f)
{
	fputs("usage: praxis COMMAND [OPTIONS] [ARGS]\n\n"
	      "praxis is a knowledge hub for urban good practices.\n\ncommands:\n",
	      f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].what);
	fputs("\nRun 'praxis COMMAND --help' for a command's options.\n"
	      "The store is --db PATH, else $PRAXIS_DB, else " CLI_DB_DEFAULT ".\n",
	      f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		print_usage(stdout);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv + 1);
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "praxis: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return EXIT_USAGE;
}

int cli_usage_error(const struct cli_help *help, const char *fmt, ...)
{
	va_list ap;
	fputs("praxis: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n", help->synopsis);
	return EXIT_USAGE;
}

#define OPT_DB   0x100
#define OPT_HELP 'h'

int cli_parse(int argc, char **argv, const struct cli_help *help, struct cli_common *common,
	      const char *shortopts, const struct option *extra, int (*on_opt)(int, const char *, void *),
	      void *ctx, int *first_arg, int *status)
{
	struct option opts[24]; /* serve's options, help and db fit */
	size_t n = 0;
	opts[n++] = (struct option){"help", no_argument, NULL, OPT_HELP};
	if (common)
		opts[n++] = (struct option){"db", required_argument, NULL, OPT_DB};
	for (; extra && extra[0].name && n < sizeof opts / sizeof opts[0] - 1; extra++)
		opts[n++] = *extra;
	opts[n] = (struct option){0};
	char shorts[32] = "+:h"; /* '+': stop at the first operand; ':': report missing args */
	if (shortopts)
		strncat(shorts, shortopts, sizeof shorts - strlen(shorts) - 1);
	if (common && !(common->db = getenv("PRAXIS_DB")))
		common->db = CLI_DB_DEFAULT;
	optind = 1;
	opterr = 0;
	int c, li = -1;
	while ((c = getopt_long(argc, argv, shorts, opts, &li)) != -1) {
		if (c == OPT_HELP) {
			printf("usage: %s\n\n%s", help->synopsis, help->text);
			*status = EXIT_DONE;
			return -1;
		}
		if (c == OPT_DB) {
			common->db = optarg;
		} else if (c == ':') {
			*status = cli_usage_error(help, "%s needs a value", argv[optind - 1]);
			return -1;
		} else if (c == '?' || !on_opt) {
			*status = cli_usage_error(help, "unknown option '%s'", argv[optind - 1]);
			return -1;
		} else if (on_opt(c, optarg, ctx)) {
			char name[64];
			if (li >= 0)
				snprintf(name, sizeof name, "--%s", opts[li].name);
			else
				snprintf(name, sizeof name, "-%c", c);
			*status = cli_usage_error(help, "invalid value '%s' for %s", optarg ? optarg : "",
						  name);
			return -1;
		}
		li = -1;
	}
	/* SQLite takes "" for a temporary database it throws away on close:
	 * whatever was written would be lost. */
	if (common && !*common->db) {
		*status = cli_usage_error(help, "the store path is empty (--db or PRAXIS_DB): name a file");
		return -1;
	}
	*first_arg = optind;
	return 0;
}

/* Opens the store named by common for writing, or only to read. */
static int open_store(const struct cli_common *common, int read_only, struct store **st)
{
	/* var/ holds the default store, and a PostgreSQL store's snapshot */
	if ((!strcmp(common->db, CLI_DB_DEFAULT) || store_is_url(common->db)) && mkdir("var", 0777) &&
	    errno != EEXIST) {
		fprintf(stderr, "praxis: cannot create var/: %s\n", strerror(errno));
		return -1;
	}
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err =
		read_only ? store_open_read(common->db, st, &why) : store_open(common->db, st, &why);
	char *shown = err ? store_redact(common->db) : NULL; /* no password in a message */
	const char *name = shown ? shown : "the store";
	if (err == PX_EDENIED)
		fprintf(stderr, "praxis: the store %s is read-only (%s)\n", name, why.data);
	else if (err)
		fprintf(stderr, "praxis: %s: %s\n", name, why.len ? why.data : px_strerror(err));
	free(shown);
	buf_free(&why);
	return err ? -1 : 0;
}

int cli_open_store(const struct cli_common *common, struct store **st)
{
	return open_store(common, 0, st);
}

int cli_open_store_read(const struct cli_common *common, struct store **st)
{
	return open_store(common, 1, st);
}

int cli_write_out(const struct buf *b)
{
	if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout)) {
		fprintf(stderr, "praxis: cannot write the output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* A PostgreSQL store's snapshot is the node's own, on its disk: in var/,
 * named after the URI without its password, every byte but [A-Za-z0-9._-]
 * as '_'. */
static int url_snapshot_path(const char *db, char *out, size_t n)
{
	char *shown = store_redact(db);
	if (!shown)
		return -1;
	size_t k = (size_t)snprintf(out, n, "var/");
	for (const char *p = shown; *p && k + 1 < n; p++)
		out[k++] = isalnum((unsigned char)*p) || strchr("._-", *p) ? *p : '_';
	free(shown);
	return k < n && (size_t)snprintf(out + k, n - k, "%s", CLI_INDEX_SUFFIX) < n - k ? 0 : -1;
}

int cli_snapshot_path(const struct cli_common *common, char *out, size_t n)
{
	const char *env = getenv("PRAXIS_INDEX");
	if (env && *env)
		return (size_t)snprintf(out, n, "%s", env) < n ? 0 : -1;
	if (store_is_url(common->db))
		return url_snapshot_path(common->db, out, n);
	return (size_t)snprintf(out, n, "%s%s", common->db, CLI_INDEX_SUFFIX) < n ? 0 : -1;
}

void cli_drop_snapshot(const struct cli_common *common)
{
	char path[4096];
	if (!cli_snapshot_path(common, path, sizeof path))
		unlink(path);
}

int cli_open_index(const struct cli_common *common, struct store *st, struct index **ix)
{
	int64_t included;
	return cli_open_index_at(common, st, ix, &included);
}

int cli_open_index_at(const struct cli_common *common, struct store *st, struct index **ix, int64_t *included)
{
	char path[4096];
	int fresh;
	enum px_err err = cli_snapshot_path(common, path, sizeof path)
				  ? PX_EUSAGE
				  : index_open(st, path, ix, &fresh, included);
	if (err) {
		fprintf(stderr, "praxis: cannot build the index: %s\n", px_strerror(err));
		return -1;
	}
	if (fresh && index_save(*ix, path, *included))
		fprintf(stderr, "praxis: note: cannot save the index to %s: %s (searches rebuild it)\n", path,
			strerror(errno));
	return 0;
}

void cli_refresh_index(const struct cli_common *common, struct store *st)
{
	char path[4096];
	struct index *ix;
	if (cli_snapshot_path(common, path, sizeof path) || access(path, F_OK))
		return;
	if (!cli_open_index(common, st, &ix))
		index_free(ix);
}
