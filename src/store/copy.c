/* Whole-store copies between backends: `praxis copy` (SQLite to
 * PostgreSQL and back), backups of a PostgreSQL store into an SQLite file
 * and restoring one into it.
 *
 * Every table is copied row by row with its keys (ids, nids, revision
 * numbers): the destination is the same hub, not a re-import, so links,
 * sessions, audit entries and index snapshots keep meaning what they meant.
 * The source is read in one snapshot; the destination is written in one
 * transaction under its write lock: it holds the whole copy or what it
 * held before. */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The tables in an order where a row's references are copied before it.
 * key orders the rows; rowid: the table's order is SQLite's rowid, which
 * PostgreSQL keeps as a column of that name; ident: the column PostgreSQL
 * numbers (an identity), whose sequence follows the copy. */
static const struct copy_table {
	const char *name, *key;
	int rowid;
	const char *ident;
} tables[] = {
	{"account", "id", 0, "id"},
	{"batch", "id", 0, "id"},
	{"node", "nid", 0, NULL},
	{"node_term", "nid, kind, pos", 0, NULL},
	{"section", "nid, pos", 0, NULL},
	{"revision", "rev", 0, "rev"},
	{"session", "key", 0, NULL},
	{"login_failure", "rowid", 1, "rowid"},
	{"audit", "id", 0, "id"},
	{"outbox", "id", 0, "id"},
	{"mail_token", "key", 0, NULL},
	{"request", "id", 0, "id"},
	{"saved_search", "id", 0, "id"},
	{"digest_key", "key", 0, NULL},
	{"dossier", "id", 0, "id"},
	{"dossier_item", "rowid", 1, "rowid"},
	{"translation", "nid, rev, lang", 0, NULL},
};
#define TABLES (sizeof tables / sizeof tables[0])

/* "INSERT INTO t (c1, ...) VALUES (?1, ...)" for the columns of q's row. */
static enum px_err insert_sql(const struct copy_table *t, struct db_stmt *q, struct buf *sql)
{
	int n = db_column_count(q);
	enum px_err err = buf_printf(sql, "INSERT INTO %s (", t->name);
	for (int i = 0; !err && i < n; i++)
		err = buf_printf(sql, "%s%s", i ? ", " : "", db_column_name(q, i));
	for (int i = 0; !err && i < n; i++)
		err = buf_printf(sql, "%s?%d", i ? ", " : ") VALUES (", i + 1);
	return err ? err : buf_addc(sql, ')');
}

/* Binds column i of from's row as parameter i + 1 of to, by its type. */
static void bind_column(struct db_stmt *from, int i, struct db_stmt *to)
{
	switch (db_column_type(from, i)) {
	case DB_NULL:
		db_bind_null(to, i + 1);
		break;
	case DB_INTEGER:
		db_bind_int64(to, i + 1, db_column_int64(from, i));
		break;
	case DB_FLOAT:
		db_bind_double(to, i + 1, db_column_double(from, i));
		break;
	default:
		db_bind_text(to, i + 1, db_column_text(from, i), db_column_bytes(from, i));
	}
}

/* Copies the rows q reads, up to its end, into t in `to` (ins prepared at
 * the first row, from its column names); *rows counts them, *got too. */
static enum px_err copy_page(struct store *from, struct store *to, const struct copy_table *t,
			     struct db_stmt *q, struct db_stmt **ins, int64_t *rows, int64_t *got,
			     struct buf *why)
{
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		if (!*ins) {
			struct buf sql;
			buf_init(&sql, 4096);
			enum px_err err = insert_sql(t, q, &sql);
			if (!err && db_prepare(to->db, sql.data, ins) != DB_OK)
				err = store_fail(to, why, "writing the copy");
			buf_free(&sql);
			if (err)
				return err;
		}
		for (int i = 0; i < db_column_count(q); i++)
			bind_column(q, i, *ins);
		if (db_step(*ins) != DB_DONE) {
			buf_reject(why, "writing %s: %s", t->name, db_errmsg(to->db));
			return PX_ESTORE;
		}
		db_reset(*ins);
		++*rows, ++*got;
	}
	if (rc != DB_DONE) {
		buf_reject(why, "reading %s: %s", t->name, db_errmsg(from->db));
		return PX_ESTORE;
	}
	return PX_OK;
}

/* Copies table t's rows from `from` to `to`; *rows counts them. The
 * PostgreSQL driver holds a statement's whole result in memory, so there
 * a table is read through a cursor, COPY_PAGE rows a fetch (a hub's
 * revisions would not fit); SQLite's rows are read as they are stepped. */
#define COPY_PAGE "2000"
static enum px_err copy_rows(struct store *from, struct store *to, const struct copy_table *t, int64_t *rows,
			     struct buf *why)
{
	int pg = db_kind(from->db) == DB_POSTGRES;
	char select[192];
	snprintf(select, sizeof select, "%sSELECT %s* FROM %s ORDER BY %s",
		 pg ? "DECLARE copy_rows NO SCROLL CURSOR FOR " : "", t->rowid && !pg ? "rowid, " : "",
		 t->name, t->key);
	struct db_stmt *q = NULL, *ins = NULL;
	if ((pg && db_exec(from->db, select) != DB_OK) ||
	    db_prepare(from->db, pg ? "FETCH " COPY_PAGE " FROM copy_rows" : select, &q) != DB_OK) {
		buf_reject(why, "reading %s: %s", t->name, db_errmsg(from->db));
		return PX_ESTORE;
	}
	enum px_err err;
	int64_t got;
	do {
		got = 0;
		err = copy_page(from, to, t, q, &ins, rows, &got, why);
		db_reset(q);
	} while (!err && pg && got > 0);
	db_finalize(ins);
	db_finalize(q);
	if (pg && db_exec(from->db, "CLOSE copy_rows") != DB_OK && !err)
		err = store_fail(from, why, "reading the source");
	return err;
}

/* PostgreSQL numbers the next row of each identity column above the
 * copied ones. */
static enum px_err follow_sequences(struct store *to, struct buf *why)
{
	if (db_kind(to->db) != DB_POSTGRES)
		return PX_OK;
	for (size_t i = 0; i < TABLES; i++) {
		if (!tables[i].ident)
			continue;
		char sql[256];
		snprintf(sql, sizeof sql,
			 "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce((SELECT max(%s) FROM "
			 "%s), 0) + 1,"
			 " false)",
			 tables[i].name, tables[i].ident, tables[i].ident, tables[i].name);
		if (db_exec(to->db, sql) != DB_OK)
			return store_fail(to, why, "cannot set the copy's sequences");
	}
	return PX_OK;
}

/* How many nodes and accounts st holds; -1 on error. */
static int64_t held(struct store *st)
{
	struct db_stmt *q;
	int64_t n = -1;
	if (db_prepare(st->db, "SELECT (SELECT count(*) FROM node) + (SELECT count(*) FROM account)", &q) ==
		    DB_OK &&
	    db_step(q) == DB_ROW)
		n = db_column_int64(q, 0);
	db_finalize(q);
	return n;
}

/* Empties to (replace) or checks that it is empty. */
static enum px_err clear_or_check(struct store *to, int replace, struct buf *why)
{
	if (!replace) {
		int64_t n = held(to);
		if (n < 0)
			return store_fail(to, why, "cannot read the destination");
		if (n > 0) {
			buf_reject(
				why,
				"the destination already holds a hub (%lld nodes and accounts): copy into an"
				" empty store",
				(long long)n);
			return PX_EUSAGE;
		}
	}
	for (size_t i = TABLES; i-- > 0;) {
		char sql[64];
		snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i].name);
		if (db_exec(to->db, sql) != DB_OK)
			return store_fail(to, why, "cannot empty the destination");
	}
	return PX_OK;
}

/* A snapshot of from for the whole copy: PostgreSQL's default isolation
 * gives each statement its own. */
static int begin_snapshot(struct store *from)
{
	return db_kind(from->db) == DB_POSTGRES
		       ? db_exec(from->db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
		       : db_begin_read(from->db);
}

enum px_err store_copy(struct store *from, struct store *to, int replace, struct store_copy_report *rep,
		       struct buf *why)
{
	memset(rep, 0, sizeof *rep);
	if (store_schema_version(from) != STORE_SCHEMA_VERSION ||
	    store_schema_version(to) != STORE_SCHEMA_VERSION) {
		buf_reject(why, "both stores must be at schema version %d", STORE_SCHEMA_VERSION);
		return PX_EUSAGE;
	}
	if (begin_snapshot(from) != DB_OK)
		return store_fail(from, why, "cannot read the source");
	if (db_begin_write(to->db) != DB_OK) {
		db_rollback(from->db);
		return store_fail(to, why, "cannot write the destination");
	}
	store_reader_free(to); /* its statements describe the store before */
	enum px_err err = clear_or_check(to, replace, why);
	for (size_t i = 0; !err && i < TABLES; i++) {
		int64_t rows = 0;
		err = copy_rows(from, to, &tables[i], &rows, why);
		rep->rows += rows;
		rep->tables++;
	}
	if (!err)
		err = follow_sequences(to, why);
	if (!err && store_note_change(to) != DB_OK)
		err = store_fail(to, why, "cannot tell the other nodes");
	if (!err && db_commit(to->db) != DB_OK)
		err = store_fail(to, why, "cannot commit the copy");
	if (err)
		db_rollback(to->db);
	db_rollback(from->db); /* only read */
	return err;
}

enum px_err store_copy_to_file(struct store *st, const char *path, struct buf *why)
{
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		buf_reject(why, "%s: the name is too long", path);
		return PX_EUSAGE;
	}
	unlink(tmp); /* what a crashed copy left */
	struct store *out;
	struct store_copy_report rep;
	enum px_err err = store_open(tmp, &out, why);
	if (err)
		return err;
	err = store_copy(st, out, 0, &rep, why);
	if (!err && store_exec(out, "PRAGMA journal_mode = DELETE") != DB_OK)
		err = store_fail(out, why, "cannot close the copy");
	store_close(out);
	if (!err && rename(tmp, path)) {
		buf_reject(why, "%s: %s", path, strerror(errno));
		err = PX_EIO;
	}
	if (err)
		unlink(tmp);
	return err;
}
