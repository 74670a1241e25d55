/* Backups of the store while it is in use (SQLite's online backup), and
 * restoring one. A backup is written beside its name and renamed into
 * place, so FILE is either the old file or a whole new backup. */
#include "store_int.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies every page of from into to, a step at a time so that writers of
 * from are held off only briefly (they restart the copy, which SQLite
 * handles). */
static int copy_db(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b)
		return SQLITE_ERROR;
	int rc;
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(rc == SQLITE_OK ? 0 : 5);
	int done = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? done : rc;
}

/* Removes the temporary copy tmp and the files SQLite keeps beside it: a
 * failed copy can leave its -journal, or (the copied header says WAL) its
 * -wal and -shm; a stale -wal would even be replayed into the next copy. */
static void remove_temp(const char *tmp)
{
	static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
	char side[4096 + 16];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
		if ((size_t)snprintf(side, sizeof side, "%s%s", tmp, sides[i]) < sizeof side)
			unlink(side);
}

/* Turns the copy (its header says WAL, as the store's does) into one file
 * with no -wal beside it. The pragma answers with the mode it left: one
 * that could not checkpoint stays in WAL with SQLITE_OK, and its -wal would
 * not follow the file on rename. */
static int leave_wal(sqlite3 *db)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
		rc = strcmp((const char *)sqlite3_column_text(q, 0), "delete") ? SQLITE_ERROR : SQLITE_OK;
	sqlite3_finalize(q);
	return rc;
}

enum px_err store_backup(struct store *st, const char *path, struct buf *why)
{
	if (db_kind(st->db) == DB_POSTGRES)
		return store_copy_to_file(st, path, why);
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		buf_reject(why, "%s: the name is too long", path);
		return PX_EUSAGE;
	}
	remove_temp(tmp); /* what a crashed backup left */
	sqlite3 *out;
	int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(db_sqlite(st->db), out);
	if (rc == SQLITE_OK)
		rc = leave_wal(out);
	if (rc != SQLITE_OK)
		buf_reject(why, "%s: %s", tmp,
			   out && sqlite3_errcode(out) != SQLITE_OK ? sqlite3_errmsg(out)
								    : "cannot write it");
	sqlite3_close(out);
	if (rc == SQLITE_OK && rename(tmp, path)) {
		buf_reject(why, "%s: %s", path, strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
		remove_temp(tmp);
	return rc == SQLITE_OK ? PX_OK : PX_ESTORE;
}

/* Is the open database db whole? */
static int integrity_ok(sqlite3 *db)
{
	sqlite3_stmt *q;
	int ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
		 sqlite3_step(q) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	return ok;
}

/* Restores the backup open as from into st, a PostgreSQL store: the backup
 * is copied to a temporary file, migrated there (the backup itself is only
 * read), and its rows copied over st's. */
static enum px_err restore_by_copy(struct store *st, sqlite3 *from, struct buf *why)
{
	const char *dir = getenv("TMPDIR");
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s/praxis-restore-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		buf_reject(why, "cannot make a temporary copy in %s: %s", dir && *dir ? dir : "/tmp",
			   strerror(errno));
		return PX_EIO;
	}
	close(fd);
	struct db *raw;
	int rc = db_sqlite_open(tmp, SQLITE_OPEN_READWRITE, &raw);
	if (rc == SQLITE_OK)
		rc = copy_db(from, db_sqlite(raw));
	if (rc != SQLITE_OK)
		buf_reject(why, "%s: %s", tmp, db_errmsg(raw));
	db_close(raw);
	struct store *copy;
	struct store_copy_report rep;
	enum px_err err = rc != SQLITE_OK ? PX_ESTORE : store_open(tmp, &copy, why);
	if (rc == SQLITE_OK && !err) {
		err = store_copy(copy, st, 1, &rep, why);
		store_close(copy);
	}
	remove_temp(tmp);
	return err;
}

enum px_err store_restore(struct store *st, const char *path, struct buf *why)
{
	buf_reset(why);
	/* The backup is only read: it is checked to be a praxis store of a
	 * version this praxis reads, copied as it is, and the copy migrated. */
	struct db *from;
	int rc = db_sqlite_open(path, SQLITE_OPEN_READONLY, &from);
	enum px_err err = PX_ESTORE;
	if (rc != SQLITE_OK)
		buf_reject(why, "cannot open it: %s", db_errmsg(from));
	else if (store_identify(from, why) == PX_OK) {
		int objects = 0;
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(db_sqlite(from), "SELECT count(*) FROM sqlite_master", -1, &q, NULL) ==
			    SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			objects = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (!objects)
			buf_reject(why, "an empty database, not a backup of a praxis store");
		else if (!integrity_ok(db_sqlite(from)))
			buf_reject(why, "the backup is damaged (integrity check failed)");
		else
			err = PX_OK;
	}
	if (!err && db_kind(st->db) == DB_POSTGRES) {
		err = restore_by_copy(st, db_sqlite(from), why);
	} else if (!err) {
		store_reader_free(st); /* its statements describe the store before */
		if ((rc = copy_db(db_sqlite(from), db_sqlite(st->db))) != SQLITE_OK) {
			buf_reject(why, "restoring: %s", db_errmsg(st->db));
			err = PX_ESTORE;
		} else {
			err = store_migrate(st, STORE_SCHEMA_VERSION, why);
		}
	}
	db_close(from);
	return err;
}
