/* The audit log (audit.h). */
#include "audit.h"
#include "store_int.h"

enum px_err audit_add(struct store *st, const char *account, const char *addr, const char *action,
		      const char *target, const char *detail)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO audit (at, account, addr, action, target, detail)"
			       " VALUES (" STORE_NOW ", ?1, ?2, ?3, ?4, ?5)",
			       -1, &q, NULL) != SQLITE_OK)
		return PX_ESTORE;
	const char *v[] = {account, addr, action, target, detail};
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(q, i + 1, v[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

enum px_err audit_each(struct store *st, int64_t before, size_t limit,
		       void (*fn)(const struct audit_entry *, void *), void *arg)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, at, account, addr, action, target, detail FROM audit"
			       " WHERE ?1 <= 0 OR id < ?1 ORDER BY id DESC LIMIT ?2",
			       -1, &q, NULL) != SQLITE_OK)
		return PX_ESTORE;
	sqlite3_bind_int64(q, 1, before);
	sqlite3_bind_int64(q, 2, (int64_t)limit);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct audit_entry e = {sqlite3_column_int64(q, 0),
					(const char *)sqlite3_column_text(q, 1),
					(const char *)sqlite3_column_text(q, 2),
					(const char *)sqlite3_column_text(q, 3),
					(const char *)sqlite3_column_text(q, 4),
					(const char *)sqlite3_column_text(q, 5),
					(const char *)sqlite3_column_text(q, 6)};
		fn(&e, arg);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}
