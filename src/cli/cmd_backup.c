/* praxis backup and restore: a copy of the store taken while it is in use,
 * and putting one back. */
#include "cli.h"
#include "../store/audit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct cli_help backup_help = {
	"praxis backup [--db PATH] FILE",
	"Writes a copy of the store to FILE, also while `praxis serve` uses it\n"
	"(SQLite's online backup). FILE is replaced only by a whole copy.\n",
};

static const struct cli_help restore_help = {
	"praxis restore [--db PATH] FILE",
	"Replaces the store's content with the backup FILE, after checking that\n"
	"it is a praxis store and whole. Stop `praxis serve` first. The index\n"
	"snapshot is dropped: the next command rebuilds it.\n",
};

static int run(int argc, char **argv, const struct cli_help *help, int restore)
{
	struct cli_common common;
	int first, status;
	if (cli_parse(argc, argv, help, &common, NULL, NULL, NULL, NULL, &first, &status))
		return status;
	if (argc - first != 1)
		return cli_usage_error(help, "%s needs exactly one FILE", restore ? "restore" : "backup");
	const char *file = argv[first];
	if (restore && access(file, R_OK)) {
		fprintf(stderr, "praxis restore: %s: %s\n", file, strerror(errno));
		return EXIT_REFUSED;
	}
	struct store *st;
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = restore ? store_restore(st, file, &why) : store_backup(st, file, &why);
	if (err) {
		fprintf(stderr, "praxis %s: %s%s%s\n", restore ? "restore" : "backup", restore ? file : "",
			restore ? ": " : "", why.len ? why.data : px_strerror(err));
	} else {
		if (audit_add(st, NULL, "cli", restore ? "restore" : "backup", file, NULL))
			fprintf(stderr, "praxis: warning: the audit log refused the entry\n");
		char snap[4096];
		if (restore &&
		    (size_t)snprintf(snap, sizeof snap, "%s%s", common.db, CLI_INDEX_SUFFIX) < sizeof snap)
			unlink(snap); /* stale: it describes the store before */
		fprintf(stderr, "praxis: %s %s\n",
			restore ? "restored the store from" : "backed up the store to", file);
	}
	buf_free(&why);
	store_close(st);
	return err ? EXIT_REFUSED : EXIT_DONE;
}

int cmd_backup(int argc, char **argv)
{
	return run(argc, argv, &backup_help, 0);
}

int cmd_restore(int argc, char **argv)
{
	return run(argc, argv, &restore_help, 1);
}
