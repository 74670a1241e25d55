/* praxis copy: a whole hub from one store to another, SQLite or
 * PostgreSQL on either side (store_copy()). */
#include "cli.h"

#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct cli_help copy_help = {
	"praxis copy --from STORE --to STORE [--replace]",
	"Copies a whole hub from one store to another: each STORE is an SQLite\n"
	"file or a postgresql:// URI. Every table is copied with its keys (nodes,\n"
	"revisions, accounts, sessions, the audit log, mail, requests, dossiers,\n"
	"translations) from one snapshot of --from, and written to --to in one\n"
	"transaction: --to holds the whole copy or what it held before. --to is\n"
	"made if missing and migrated to this praxis's schema, and must hold no\n"
	"node and no account.\n\n"
	"  --from STORE   the store to read\n"
	"  --to STORE     the store to write\n"
	"  --replace      delete what --to holds first (in the same transaction)\n",
};

struct copy_args {
	struct cli_common from, to;
	int replace;
};

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct copy_args *a = ctx;
	if (opt == 'f' || opt == 't') {
		if (!*arg)
			return -1;
		(opt == 'f' ? &a->from : &a->to)->db = arg;
	} else if (opt == 'r') {
		a->replace = 1;
	}
	return 0;
}

int cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
					     {"to", required_argument, NULL, 't'},
					     {"replace", no_argument, NULL, 'r'},
					     {NULL, 0, NULL, 0}};
	struct copy_args a = {0};
	int first, status;
	if (cli_parse(argc, argv, &copy_help, NULL, NULL, opts, on_opt, &a, &first, &status))
		return status;
	if (!a.from.db || !a.to.db)
		return cli_usage_error(&copy_help, "name both stores: --from STORE --to STORE");
	if (first != argc)
		return cli_usage_error(&copy_help, "unexpected argument '%s'", argv[first]);
	if (!strcmp(a.from.db, a.to.db))
		return cli_usage_error(&copy_help, "--from and --to name the same store");
	if (!store_is_url(a.from.db) && access(a.from.db, R_OK)) {
		fprintf(stderr, "praxis copy: %s: %s\n", a.from.db, strerror(errno));
		return EXIT_REFUSED;
	}
	struct store *from, *to;
	if (cli_open_store_read(&a.from, &from))
		return EXIT_REFUSED;
	if (cli_open_store(&a.to, &to)) {
		store_close(from);
		return EXIT_REFUSED;
	}
	struct buf why;
	buf_init(&why, 4096);
	struct store_copy_report rep;
	enum px_err err = store_copy(from, to, a.replace, &rep, &why);
	if (err) {
		fprintf(stderr, "praxis copy: %s\n", why.len ? why.data : px_strerror(err));
	} else {
		/* no audit entry: the copy's audit log is the source's, compared
		 * equal by whoever checks the copy */
		cli_drop_snapshot(&a.to); /* it describes what --to held before */
		fprintf(stderr, "praxis: copied %zu tables, %lld rows\n", rep.tables, (long long)rep.rows);
	}
	buf_free(&why);
	store_close(to);
	store_close(from);
	return err ? EXIT_REFUSED : EXIT_DONE;
}
