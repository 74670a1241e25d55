/* db.h's calls: SQLite's passed through, PostgreSQL's to db_pg.c. */
#include "db.h"
#include "db_pg.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct db {
	sqlite3 *lite; /* exactly one of the two; owned */
	struct pg *pg;
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *lite; /* exactly one of the two; owned */
	struct pg_stmt *pg;
};

int db_is_postgres(const char *target)
{
	return target && (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11));
}

int db_sqlite_open(const char *path, int flags, struct db **out)
{
	struct db *db = calloc(1, sizeof *db);
	*out = db;
	if (!db)
		return DB_NOMEM;
	return sqlite3_open_v2(path, &db->lite, flags, NULL);
}

int db_pg_connect(const char *uri, struct db **out)
{
	struct db *db = calloc(1, sizeof *db);
	*out = db;
	return db ? pg_connect(uri, &db->pg) : DB_NOMEM;
}

sqlite3 *db_sqlite(struct db *db)
{
	return db->lite;
}

enum db_kind db_kind(const struct db *db)
{
	return db->pg ? DB_POSTGRES : DB_SQLITE;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->pg)
		pg_close(db->pg);
	else
		sqlite3_close(db->lite);
	free(db);
}

const char *db_errmsg(struct db *db)
{
	if (!db || (!db->lite && !db->pg))
		return "out of memory";
	return db->pg ? pg_errmsg(db->pg) : sqlite3_errmsg(db->lite);
}

int db_errcode(struct db *db)
{
	return db->pg ? pg_errcode(db->pg) : sqlite3_errcode(db->lite) & 0xff;
}

int db_exec(struct db *db, const char *sql)
{
	return db->pg ? pg_exec(db->pg, sql) : sqlite3_exec(db->lite, sql, NULL, NULL, NULL);
}

int db_begin_read(struct db *db)
{
	return db->pg ? pg_begin_read(db->pg) : db_exec(db, "BEGIN");
}

int db_begin_write(struct db *db)
{
	return db->pg ? pg_begin_write(db->pg) : db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int db_rollback(struct db *db)
{
	return db_exec(db, "ROLLBACK");
}

int db_in_transaction(struct db *db)
{
	return db->pg ? pg_in_transaction(db->pg) : !sqlite3_get_autocommit(db->lite);
}

int64_t db_changes(struct db *db)
{
	return db->pg ? pg_changes(db->pg) : sqlite3_changes(db->lite);
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_stmt *q = calloc(1, sizeof *q);
	*out = NULL;
	if (!q)
		return DB_NOMEM;
	q->db = db;
	int rc = db->pg ? pg_prepare(db->pg, sql, &q->pg)
			: sqlite3_prepare_v2(db->lite, sql, -1, &q->lite, NULL);
	if (rc != DB_OK || (!q->pg && !q->lite)) { /* SQLite: an empty statement */
		db_finalize(q);
		return rc != DB_OK ? rc : DB_ERROR;
	}
	*out = q;
	return DB_OK;
}

int db_finalize(struct db_stmt *q)
{
	if (!q)
		return DB_OK;
	if (q->pg)
		pg_finalize(q->pg);
	else
		sqlite3_finalize(q->lite);
	free(q);
	return DB_OK;
}

int db_reset(struct db_stmt *q)
{
	return q->pg ? pg_reset(q->pg) : sqlite3_reset(q->lite);
}

int db_clear_bindings(struct db_stmt *q)
{
	return q->pg ? pg_clear_bindings(q->pg) : sqlite3_clear_bindings(q->lite);
}

int db_bind_int64(struct db_stmt *q, int i, int64_t v)
{
	return q->pg ? pg_bind_int64(q->pg, i, v) : sqlite3_bind_int64(q->lite, i, v);
}

int db_bind_double(struct db_stmt *q, int i, double v)
{
	return q->pg ? pg_bind_double(q->pg, i, v) : sqlite3_bind_double(q->lite, i, v);
}

int db_bind_text(struct db_stmt *q, int i, const char *s, int n)
{
	if (!s)
		return db_bind_null(q, i);
	return q->pg ? pg_bind_text(q->pg, i, s, n) : sqlite3_bind_text(q->lite, i, s, n, SQLITE_STATIC);
}

int db_bind_null(struct db_stmt *q, int i)
{
	return q->pg ? pg_bind_null(q->pg, i) : sqlite3_bind_null(q->lite, i);
}

int db_bind_parameter_count(struct db_stmt *q)
{
	return q->pg ? pg_bind_parameter_count(q->pg) : sqlite3_bind_parameter_count(q->lite);
}

int db_step(struct db_stmt *q)
{
	if (q->pg)
		return pg_step(q->pg);
	int rc = sqlite3_step(q->lite);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : rc & 0xff;
}

int db_column_count(struct db_stmt *q)
{
	return q->pg ? pg_column_count(q->pg) : sqlite3_column_count(q->lite);
}

const char *db_column_name(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_name(q->pg, i) : sqlite3_column_name(q->lite, i);
}

int db_column_type(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_type(q->pg, i) : sqlite3_column_type(q->lite, i);
}

int64_t db_column_int64(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_int64(q->pg, i) : sqlite3_column_int64(q->lite, i);
}

int db_column_int(struct db_stmt *q, int i)
{
	return (int)db_column_int64(q, i);
}

double db_column_double(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_double(q->pg, i) : sqlite3_column_double(q->lite, i);
}

const char *db_column_text(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_text(q->pg, i) : (const char *)sqlite3_column_text(q->lite, i);
}

int db_column_bytes(struct db_stmt *q, int i)
{
	return q->pg ? pg_column_bytes(q->pg, i) : sqlite3_column_bytes(q->lite, i);
}

int db_listen(struct db *db, const char *channel)
{
	return db->pg ? pg_listen(db->pg, channel) : DB_OK;
}

int db_wait_notify(struct db *db, int timeout_ms)
{
	return db->pg ? pg_wait_notify(db->pg, timeout_ms) : 0;
}
