/* Private to store/: the handle and the helpers its files share. */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include "store.h"

#include "db.h"
#include <sys/types.h>

struct store {
	struct db *db;
	char *path;            /* owned, for messages */
	dev_t dev;             /* the file at path when it was opened: store_check() */
	ino_t ino;
	struct reader *reader; /* statements of store_node_get(), prepared once; owned */
	struct db_stmt *text;    /* store_node_text()'s, prepared once; owned */
	struct db_stmt *updated; /* store_node_updated()'s; owned */
	void (*progress)(size_t done, size_t total, void *arg);
	void *progress_arg;
	int64_t seen_version; /* SQLite: PRAGMA data_version when store_wait_change() last
				 looked; PostgreSQL: 1 once it listens (watch.c) */
};

/* The current time as SQL: RFC 3339 UTC with milliseconds. */
#define STORE_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* How a node without a nid finds its stored nid (node_rw.c): the lowest
 * stored nid of its identity above the last one this batch took for that
 * identity (temp.ident_last), not already in the batch. The index
 * node_ident holds (ident, nid) in order, so each lookup starts where the
 * previous one of the same identity stopped: a file of k nodes sharing an
 * identity costs k steps, not k^2/2 (issue 11, finding 10). */
#define STORE_IDENT_SQL                                                                                     \
	"SELECT nid FROM node WHERE ident = ?1"                                                             \
	" AND nid > coalesce((SELECT nid FROM temp.ident_last WHERE ident = ?1), 0)"                        \
	" AND nid NOT IN (SELECT nid FROM temp.batch_nid) ORDER BY nid LIMIT 1"

/* Frees the cached reader (node_rw.c); store_close() calls it. */
void store_reader_free(struct store *st);

/* Writes "what: sqlite's message" to why and returns PX_ESTORE. */
enum px_err store_fail(struct store *st, struct buf *why, const char *what);
/* A copy of column i of q's row (free it), NULL when it is NULL or memory
 * runs out. */
char *store_column_dup(struct db_stmt *q, int i);
/* Runs SQL that returns no rows. */
int store_exec(struct store *st, const char *sql);
/* Steps q, an INSERT ... RETURNING a key, to its end: DB_DONE with the key
 * in *id (when id is not NULL and a row was inserted), or the failing code. */
int store_step_insert(struct db_stmt *q, int64_t *id);
/* Tells every node following the store that nodes changed, when the
 * transaction under way commits (PostgreSQL's NOTIFY; SQLite's followers
 * see its data_version move). DB_OK or the failing code. */
int store_note_change(struct store *st);
/* The channel store_note_change() notifies and followers listen on. */
#define STORE_CHANNEL "praxis_change"
/* PRAGMA application_id of a praxis store: "Prax" in ASCII. */
#define STORE_APP_ID 0x50726178

/* Checks that db is a praxis store this build reads, or an empty
 * database; reads only. PX_ESTORE with the reason in
 * why for another application's database or a newer schema. */
enum px_err store_identify(struct db *db, struct buf *why);
/* Brings the schema from its current version up to `target`. */
enum px_err store_migrate(struct store *st, int target, struct buf *why);

/* Backs a PostgreSQL store up into the SQLite file path (copy.c). */
enum px_err store_copy_to_file(struct store *st, const char *path, struct buf *why);

/* ---- PostgreSQL (schema_pg.c) ---- */
/* Checks that st's database is a praxis store this build reads, or has no
 * tables yet; as store_identify(). */
enum px_err store_pg_identify(struct store *st, struct buf *why);
int store_pg_schema_version(struct store *st);
enum px_err store_pg_migrate(struct store *st, int target, struct buf *why);
/* "libpq MAJOR.MINOR" and a newline. */
enum px_err store_pg_lib_version(struct buf *out);

#endif
