/* Private to store/: the handle and the helpers its files share. */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

struct store {
	sqlite3 *db;
	char *path;            /* owned, for messages */
	struct reader *reader; /* statements of store_node_get(), prepared once; owned */
	sqlite3_stmt *text;    /* store_node_text()'s, prepared once; owned */
	sqlite3_stmt *updated; /* store_node_updated()'s; owned */
	void (*progress)(size_t done, size_t total, void *arg);
	void *progress_arg;
};

/* The current time as SQL: RFC 3339 UTC with milliseconds. */
#define STORE_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* Frees the cached reader (node_rw.c); store_close() calls it. */
void store_reader_free(struct store *st);

/* Writes "what: sqlite's message" to why and returns PX_ESTORE. */
enum px_err store_fail(struct store *st, struct buf *why, const char *what);
/* Runs SQL that returns no rows. */
int store_exec(struct store *st, const char *sql);
/* PRAGMA application_id of a praxis store: "Prax" in ASCII. */
#define STORE_APP_ID 0x50726178

/* Checks that db is a praxis store this build reads, or an empty
 * database; reads only. PX_ESTORE with the reason in
 * why for another application's database or a newer schema. */
enum px_err store_identify(sqlite3 *db, struct buf *why);
/* Brings the schema from its current version up to `target`. */
enum px_err store_migrate(struct store *st, int target, struct buf *why);

#endif
