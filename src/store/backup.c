/* Backups of the store while it is in use (SQLite's online backup), and
 * restoring one. A backup is written beside its name and renamed into
 * place, so FILE is either the old file or a whole new backup. */
#include "store_int.h"

#include <errno.h>
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

enum px_err store_backup(struct store *st, const char *path, struct buf *why)
{
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		buf_reject(why, "%s: the name is too long", path);
		return PX_EUSAGE;
	}
	unlink(tmp);
	sqlite3 *out;
	int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(st->db, out);
	if (rc == SQLITE_OK) /* one file, no -wal beside it */
		rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		buf_reject(why, "%s: %s", tmp, out ? sqlite3_errmsg(out) : "cannot open");
	sqlite3_close(out);
	if (rc == SQLITE_OK && rename(tmp, path)) {
		buf_reject(why, "%s: %s", path, strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
		unlink(tmp);
	return rc == SQLITE_OK ? PX_OK : PX_ESTORE;
}

enum px_err store_restore(struct store *st, const char *path, struct buf *why)
{
	struct store *from;
	buf_reset(why);
	/* Opening checks it is a store of a version this praxis reads (and
	 * migrates it, in the backup file itself: it stays a valid store). */
	enum px_err err = store_open(path, &from, why);
	if (err)
		return err;
	sqlite3_stmt *q;
	int ok = sqlite3_prepare_v2(from->db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
		 sqlite3_step(q) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	if (!ok) {
		buf_reject(why, "%s: the backup is damaged (integrity check failed)", path);
		store_close(from);
		return PX_ESTORE;
	}
	int rc = copy_db(from->db, st->db);
	if (rc != SQLITE_OK)
		buf_reject(why, "restoring %s: %s", path, sqlite3_errmsg(st->db));
	store_close(from);
	return rc == SQLITE_OK ? PX_OK : PX_ESTORE;
}
