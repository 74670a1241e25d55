/* praxis backup and restore: a copy of the store taken while it is in use,
 * and putting one back. */
#include "cli.h"
#include "../store/audit.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct cli_help backup_help = {
	"praxis backup [--db PATH] FILE\n"
	"       praxis backup [--db PATH] --keep N DIR",
	"Writes a copy of the store to FILE, also while `praxis serve` uses it\n"
	"(SQLite's online backup). FILE is replaced only by a whole copy.\n\n"
	"  --keep N   FILE is a directory: the copy is DIR/praxis-YYYYMMDDTHHMMSSZ.db\n"
	"             (UTC), and once it is whole the oldest of DIR's copies so named\n"
	"             are deleted until N (1-9999) are left; other files are left alone.\n"
	"             For a nightly timer (deploy/systemd/praxis-backup.timer).\n",
};

/* A dated copy's name: "praxis-" 16 characters of UTC time ".db"; sorting
 * the names sorts the copies by age. */
#define DATED_PREFIX "praxis-"
#define DATED_STAMP  "YYYYMMDDTHHMMSSZ"
#define DATED_LEN    (sizeof DATED_PREFIX - 1 + sizeof DATED_STAMP - 1 + 3)

/* Is name one of the copies --keep writes (and may delete)? */
static int dated_name(const char *name)
{
	if (strlen(name) != DATED_LEN || strncmp(name, DATED_PREFIX, sizeof DATED_PREFIX - 1) ||
	    strcmp(name + DATED_LEN - 3, ".db"))
		return 0;
	const char *t = name + sizeof DATED_PREFIX - 1;
	for (size_t i = 0; i < sizeof DATED_STAMP - 1; i++)
		if (DATED_STAMP[i] == 'T' || DATED_STAMP[i] == 'Z' ? t[i] != DATED_STAMP[i]
								   : t[i] < '0' || t[i] > '9')
			return 0;
	return 1;
}

static int newest_first(const void *a, const void *b)
{
	return -memcmp(a, b, DATED_LEN);
}

/* Deletes the oldest dated copies in dir until keep are left. Prints what
 * it deletes, and what it cannot; -1 if dir cannot be read or a copy not
 * deleted. */
static int prune(const char *dir, int64_t keep)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "praxis backup: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	struct buf names; /* DATED_LEN bytes a name, no terminator */
	buf_init(&names, (size_t)64 << 20);
	int rc = 0;
	for (struct dirent *e; !rc && (e = readdir(d));)
		if (dated_name(e->d_name) && buf_add(&names, e->d_name, DATED_LEN)) {
			fprintf(stderr, "praxis backup: %s: too many backups to list\n", dir);
			rc = -1;
		}
	closedir(d);
	size_t n = names.len / DATED_LEN;
	if (n)
		qsort(names.data, n, DATED_LEN, newest_first);
	for (size_t i = (size_t)keep; !rc && i < n; i++) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%.*s", dir, (int)DATED_LEN,
				     names.data + i * DATED_LEN) >= sizeof path ||
		    unlink(path)) {
			fprintf(stderr, "praxis backup: cannot delete %s: %s\n", path, strerror(errno));
			rc = -1;
		} else {
			fprintf(stderr, "praxis: deleted the old backup %s\n", path);
		}
	}
	buf_free(&names);
	return rc;
}

/* The dated copy's path in dir, now, into out. -1 if it does not fit. */
static int dated_path(const char *dir, char *out, size_t cap)
{
	char stamp[sizeof DATED_STAMP];
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) != sizeof stamp - 1)
		return -1;
	return (size_t)snprintf(out, cap, "%s/" DATED_PREFIX "%s.db", dir, stamp) < cap ? 0 : -1;
}

static int on_keep(int opt, const char *arg, void *ctx)
{
	int64_t *keep = ctx;
	return opt == 'k' && !px_parse_i64(arg, strlen(arg), 0, keep) && *keep >= 1 && *keep <= 9999 ? 0 : -1;
}

static const struct cli_help restore_help = {
	"praxis restore [--db PATH] FILE",
	"Replaces the store's content with the backup FILE, after checking that\n"
	"it is a praxis store and whole. Stop `praxis serve` first. The index\n"
	"snapshot is dropped: the next command rebuilds it.\n",
};

static int run(int argc, char **argv, const struct cli_help *help, int restore)
{
	static const struct option keep_opt[] = {{"keep", required_argument, NULL, 'k'}, {NULL, 0, NULL, 0}};
	struct cli_common common;
	int first, status;
	int64_t keep = 0;
	if (cli_parse(argc, argv, help, &common, NULL, restore ? NULL : keep_opt, restore ? NULL : on_keep,
		      &keep, &first, &status))
		return status;
	if (argc - first != 1)
		return cli_usage_error(help, "%s needs exactly one %s", restore ? "restore" : "backup",
				       keep ? "DIR" : "FILE");
	const char *file = argv[first];
	char dated[4096];
	struct stat sb;
	const char *bad = !keep                  ? NULL
			  : stat(file, &sb)      ? strerror(errno)
			  : !S_ISDIR(sb.st_mode) ? "not a directory"
						 : NULL;
	if (bad) {
		fprintf(stderr, "praxis backup: %s: %s\n", file, bad);
		return EXIT_REFUSED;
	}
	if (keep && dated_path(file, dated, sizeof dated)) {
		fprintf(stderr, "praxis backup: %s: the path is too long\n", file);
		return EXIT_REFUSED;
	}
	if (keep)
		file = dated;
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
		if (restore)
			cli_drop_snapshot(&common); /* stale: it describes the store before */
		fprintf(stderr, "praxis: %s %s\n",
			restore ? "restored the store from" : "backed up the store to", file);
		if (keep && prune(argv[first], keep))
			err = PX_EIO;
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
