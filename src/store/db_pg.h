/* The PostgreSQL half of db.h (db_pg.c), called by db.c's dispatch when a
 * db or statement is PostgreSQL's. The same contracts as db.h's calls of
 * the same names. Private to store/. */
#ifndef PX_STORE_DB_PG_H
#define PX_STORE_DB_PG_H

#include "../core/core.h"
#include "db.h"

struct pg;      /* a connection (PGconn) and its last error */
struct pg_stmt; /* a statement: its SQL in PostgreSQL's spelling, its bindings, its result */

int pg_connect(const char *uri, struct pg **out);
void pg_close(struct pg *c);
const char *pg_errmsg(struct pg *c);
int pg_errcode(struct pg *c);
int pg_exec(struct pg *c, const char *sql);
int pg_begin_read(struct pg *c);
int pg_begin_write(struct pg *c);
int pg_in_transaction(struct pg *c);
int64_t pg_changes(struct pg *c);

int pg_prepare(struct pg *c, const char *sql, struct pg_stmt **out);
void pg_finalize(struct pg_stmt *q);
int pg_reset(struct pg_stmt *q);
int pg_clear_bindings(struct pg_stmt *q);
int pg_bind_int64(struct pg_stmt *q, int i, int64_t v);
int pg_bind_double(struct pg_stmt *q, int i, double v);
int pg_bind_text(struct pg_stmt *q, int i, const char *s, int n);
int pg_bind_null(struct pg_stmt *q, int i);
int pg_bind_parameter_count(struct pg_stmt *q);
int pg_step(struct pg_stmt *q);
int pg_column_count(struct pg_stmt *q);
const char *pg_column_name(struct pg_stmt *q, int i);
int pg_column_type(struct pg_stmt *q, int i);
int64_t pg_column_int64(struct pg_stmt *q, int i);
double pg_column_double(struct pg_stmt *q, int i);
const char *pg_column_text(struct pg_stmt *q, int i);
int pg_column_bytes(struct pg_stmt *q, int i);
int pg_listen(struct pg *c, const char *channel);
int pg_wait_notify(struct pg *c, int timeout_ms);

/* SQLite's limit on parameter numbers (SQLITE_MAX_VARIABLE_NUMBER's
 * default); PostgreSQL's is higher. */
#define PG_SQL_MAX_PARAM 32766

/* Appends sql[0..n), in SQLite's spelling, to out in PostgreSQL's (?N and ?
 * become $N, temp.X becomes pg_temp.X; strings, quoted identifiers and
 * comments are left alone: db_pg_sql.c says exactly). *nparams is the
 * largest parameter number (sqlite3_bind_parameter_count's answer). Returns
 * PX_OK; PX_EPARSE with *why (a static string) for SQL it refuses (a NUL
 * byte, ?0, a number past PG_SQL_MAX_PARAM, a $N); PX_ENOMEM or PX_ETOOBIG
 * from out. A pure function: no connection involved. */
enum px_err pg_sql_translate(const char *sql, size_t n, struct buf *out, int *nparams, const char **why) PX_WUR;

#endif
