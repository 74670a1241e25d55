/* db: the SQL connection a store talks through, to SQLite (a file) or to
 * PostgreSQL (libpq). Private to store/.
 *
 * The calls follow SQLite's (prepare, bind, step, column, reset), so the
 * store reads as it did; db_sqlite.c passes them through, db_pg.c runs a
 * statement on its first step and hands its rows out one step at a time.
 *
 * SQL written for both: parameters as ?N (or ?, numbered left to right);
 * no SQLite-only syntax outside schema.c (INSERT ... ON CONFLICT, not
 * INSERT OR; RETURNING, not last_insert_rowid()); temporary tables named
 * temp.X (PostgreSQL's pg_temp.X). The functions PostgreSQL lacks that the
 * store uses (strftime, unixepoch, json_valid, ...) are defined in its
 * schema (schema_pg.c) to answer as SQLite's do.
 *
 * Ownership: a struct db is used by one thread at a time; statements
 * belong to their db and are finalized before it is closed. Text bound to
 * a statement is borrowed: it must stay valid until the statement is
 * stepped past its first row, reset or finalized. */
#ifndef PX_STORE_DB_H
#define PX_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

/* Result codes: SQLite's values, so the SQLite driver passes them on. */
enum {
	DB_OK = 0,
	DB_ERROR = 1, /* SQL error or anything else */
	DB_BUSY = 5,  /* locked by another writer past the busy timeout; retry */
	DB_NOMEM = 7,
	DB_READONLY = 8,
	DB_CANTOPEN = 14,
	DB_CONSTRAINT = 19, /* a UNIQUE, CHECK, NOT NULL or foreign key refused the row */
	DB_GONE = 1000,     /* the server is unreachable: the connection is reset on the next call */
	DB_ROW = 100,
	DB_DONE = 101,
};

/* Column types. */
enum { DB_INTEGER = 1, DB_FLOAT = 2, DB_TEXT = 3, DB_BLOB = 4, DB_NULL = 5 };

enum db_kind { DB_SQLITE, DB_POSTGRES };

struct db;
struct db_stmt;

/* Is target a PostgreSQL connection URI (postgresql:// or postgres://)?
 * Anything else is an SQLite file path. */
int db_is_postgres(const char *target);

/* Connects to PostgreSQL at uri. *out is set even on failure (for
 * db_errmsg()), and is closed with db_close(). */
int db_pg_connect(const char *uri, struct db **out);

enum db_kind db_kind(const struct db *db);
void db_close(struct db *db);

/* The last failure's message (valid until the next call on db) and code
 * (one of the DB_ codes above; SQLite's extended codes reduced to their
 * primary one). */
const char *db_errmsg(struct db *db);
int db_errcode(struct db *db);

/* Runs sql, one or more statements without parameters, ignoring rows. */
int db_exec(struct db *db, const char *sql);

/* Transactions. db_begin_write() takes the store's one write lock for the
 * transaction (SQLite's BEGIN IMMEDIATE; PostgreSQL's transaction-level
 * advisory lock): writers queue, so nids and revision numbers are handed
 * out in commit order on every backend. */
#define DB_WRITE_LOCK_KEY "1350721912" /* PostgreSQL's advisory lock: "Prax" in ASCII, as STORE_APP_ID */
int db_begin_read(struct db *db);
int db_begin_write(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_in_transaction(struct db *db);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
int db_finalize(struct db_stmt *q); /* NULL is fine */
/* Back to before its first step, its bindings kept. */
int db_reset(struct db_stmt *q);
int db_clear_bindings(struct db_stmt *q);

/* Parameters count from 1. n < 0: s is NUL-terminated. */
int db_bind_int64(struct db_stmt *q, int i, int64_t v);
int db_bind_double(struct db_stmt *q, int i, double v);
int db_bind_text(struct db_stmt *q, int i, const char *s, int n);
int db_bind_null(struct db_stmt *q, int i);
int db_bind_parameter_count(struct db_stmt *q);

/* DB_ROW (a row is ready), DB_DONE, or an error code. */
int db_step(struct db_stmt *q);

/* Columns of the current row count from 0. Text is NUL-terminated, owned
 * by q and valid until its next step, reset or finalize; NULL for NULL. */
int db_column_count(struct db_stmt *q);
const char *db_column_name(struct db_stmt *q, int i);
int db_column_type(struct db_stmt *q, int i);
int64_t db_column_int64(struct db_stmt *q, int i);
int db_column_int(struct db_stmt *q, int i);
double db_column_double(struct db_stmt *q, int i);
const char *db_column_text(struct db_stmt *q, int i);
int db_column_bytes(struct db_stmt *q, int i);

/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t db_changes(struct db *db);

/* Following other nodes' changes (PostgreSQL's LISTEN/NOTIFY).
 * db_listen() subscribes db to channel (an SQL identifier, at most 8 per
 * db), again after every reconnect; SQLite: DB_OK, nothing.
 * db_wait_notify() waits up to timeout_ms for a notification on db's
 * channels: 1 when some arrived (all pending ones are consumed: the payload
 * is not kept, the revision log is the source of truth) or when the
 * connection was re-established (notifications may have been missed while
 * it was down: catch up); 0 when the timeout passed; -1 when the server is
 * gone (db_errmsg says why; when reconnecting failed, only after the
 * timeout has passed, so a loop around it does not spin). Not inside a
 * transaction: notifications arrive between them. SQLite: 0 at once. */
int db_listen(struct db *db, const char *channel);
int db_wait_notify(struct db *db, int timeout_ms);

/* ---- SQLite only: opening a file, and what only SQLite has (the online
 * backup, pragmas) in schema.c and backup.c ---- */
typedef struct sqlite3 sqlite3;
/* sqlite3_open_v2(path, flags); *out is set even on failure. */
int db_sqlite_open(const char *path, int flags, struct db **out);
/* The SQLite handle of db, NULL for PostgreSQL. */
sqlite3 *db_sqlite(struct db *db);

#endif
