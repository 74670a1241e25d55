/* cli: the praxis command line. One file per group of commands; main.c
 * dispatches. Every command returns its exit status:
 * 0 done, 1 some input or operation was refused, 2 wrong usage. */
#ifndef PX_CLI_H
#define PX_CLI_H

#include "../store/store.h"

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

/* A command's help: its synopsis line and the text under it. */
struct cli_help {
	const char *synopsis;
	const char *text;
};

/* Options every command that opens the store understands. */
struct cli_common {
	const char *db; /* --db, else $PRAXIS_DB, else CLI_DB_DEFAULT */
};

#define CLI_DB_DEFAULT "var/praxis.db"

/* Parses the options of a command: the common ones, --help, and those in
 * extra (getopt_long syntax, handled by on_opt, which returns -1 to reject).
 * On return *first_arg indexes the first operand. Returns -1 when the command
 * must stop with *status (help printed: 0; usage error: 2). */
struct option;
int cli_parse(int argc, char **argv, const struct cli_help *help, struct cli_common *common,
	      const char *shortopts, const struct option *extra,
	      int (*on_opt)(int opt, const char *arg, void *), void *ctx, int *first_arg, int *status);

/* Prints "praxis CMD: msg" and the synopsis on stderr; returns EXIT_USAGE. */
int cli_usage_error(const struct cli_help *help, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the store named by common (creating var/ for the default path).
 * Prints the reason and returns -1 on failure ("the store FILE is
 * read-only (...)" when it must be written and cannot be). */
int cli_open_store(const struct cli_common *common, struct store **st);
/* The same for a command that only reads: a read-only store file or
 * directory is read, as long as it needs no migration. */
int cli_open_store_read(const struct cli_common *common, struct store **st);

/* The index snapshot kept beside the store: "<db>.index"; for a
 * PostgreSQL store, var/<the URI, made a file name>.index; $PRAXIS_INDEX
 * when set. -1 when the path does not fit in n. */
#define CLI_INDEX_SUFFIX ".index"
int cli_snapshot_path(const struct cli_common *common, char *out, size_t n);
/* Deletes the snapshot after the store was replaced under it. */
void cli_drop_snapshot(const struct cli_common *common);

struct index;
/* Opens the store's index through its snapshot, and saves the snapshot
 * again when it was missing or stale. Prints the reason and returns -1 on
 * failure; caller frees *ix with index_free(). */
int cli_open_index(const struct cli_common *common, struct store *st, struct index **ix);
/* The same, with *included set to the store's revision *ix holds (where
 * the server's follower starts from). */
int cli_open_index_at(const struct cli_common *common, struct store *st, struct index **ix,
		      int64_t *included);
/* Brings an existing snapshot up to date after the store changed (nothing
 * if there is none: the next search makes it). */
void cli_refresh_index(const struct cli_common *common, struct store *st);

/* Writes the n bytes of s to stdout with what a terminal would act on made
 * visible: ESC as \e, other C0 controls (but \n and \t) and DEL as \xHH,
 * C1 controls (U+0080-U+009F) as \u00HH, a byte that is not UTF-8 as \xHH. */
void cli_put_text(const char *s, size_t n);
/* printf to stdout through cli_put_text(): for every human-readable line
 * that holds text from the store (the format's own \n are kept). */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes all of b to stdout; -1 (with a message) if stdout failed. */
int cli_write_out(const struct buf *b);

int cmd_ingest(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_digest(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_mail(int argc, char **argv);

#endif
