/* The audit log (audit.h). Entries are bounded: each text is cut to
 * AUDIT_TEXT_MAX code points when written and when read (entries written
 * before the bound), so that no typed name can fill the disk or the admin's
 * page. */
#include "audit.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#define CUT_MARK "…" /* ends a text that was cut */

/* The length in bytes of s's first max code points, at most 4 * max: a
 * code point is a byte and at most 3 continuation bytes after it, however
 * many follow (s comes from a client and need not be UTF-8). */
static size_t prefix_len(const char *s, size_t max)
{
	size_t i = 0;
	for (size_t n = 0; s[i] && n < max; n++) {
		size_t k = 1;
		while (k < 4 && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		i += k;
	}
	return i;
}

/* A cut copy of s in cut when s is longer than AUDIT_TEXT_MAX code
 * points, else s itself: what to bind (bindings are borrowed, so cut must
 * outlive the statement's step). */
static const char *cut_text(const char *s, char cut[AUDIT_TEXT_MAX * 4 + sizeof CUT_MARK])
{
	size_t n = s ? prefix_len(s, AUDIT_TEXT_MAX) : 0;
	if (!s || !s[n])
		return s;
	memcpy(cut, s, n);
	memcpy(cut + n, CUT_MARK, sizeof CUT_MARK);
	return cut;
}

enum px_err audit_add(struct store *st, const char *account, const char *addr, const char *action,
		      const char *target, const char *detail)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "INSERT INTO audit (at, account, addr, action, target, detail)"
		       " VALUES (" STORE_NOW ", ?1, ?2, ?3, ?4, ?5)",
		       &q) != DB_OK)
		return PX_ESTORE;
	const char *v[] = {account, addr, action, target, detail};
	char cut[5][AUDIT_TEXT_MAX * 4 + sizeof CUT_MARK];
	for (int i = 0; i < 5; i++)
		db_bind_text(q, i + 1, cut_text(v[i], cut[i]), -1);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

/* How many of the AUDIT_RECENT newest entries are addr's failed logins
 * (and their summary) of the last AUDIT_BURST_S seconds; -1 on error. */
static int recent_failures(struct store *st, const char *addr)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT count(*) FROM (SELECT addr, action, at FROM audit ORDER BY id DESC LIMIT ?2) "
		       "AS recent"
		       " WHERE addr = ?1 AND action IN ('login-failed', 'login-throttled', 'login-flood')"
		       " AND at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3)",
		       &q) != DB_OK)
		return -1;
	char window[32];
	snprintf(window, sizeof window, "-%d seconds", AUDIT_BURST_S);
	db_bind_text(q, 1, addr, -1);
	db_bind_int64(q, 2, AUDIT_RECENT);
	db_bind_text(q, 3, window, -1);
	int n = db_step(q) == DB_ROW ? db_column_int(q, 0) : -1;
	db_finalize(q);
	return n;
}

/* Counts and writes in one transaction, as login_claim() does: concurrent
 * failures of one address cannot all see room for one more entry. */
enum px_err audit_login_failure(struct store *st, const char *addr, const char *action, const char *name)
{
	if (db_begin_write(st->db))
		return PX_ESTORE;
	int n = recent_failures(st, addr);
	enum px_err err = n < 0 ? PX_ESTORE : PX_OK;
	if (!err && n < AUDIT_BURST)
		err = audit_add(st, NULL, addr, action, name, NULL);
	else if (!err && n == AUDIT_BURST) /* beyond it, the burst goes unlogged */
		err = audit_add(st, NULL, addr, "login-flood", NULL,
				"more failed logins from this address: the next are not logged for a while");
	if (!err && db_commit(st->db))
		err = PX_ESTORE;
	if (err)
		db_rollback(st->db);
	return err;
}

/* A column read bounded: entries from before the bound may hold megabytes. */
#define STR_(x) #x
#define STR(x)  STR_(x)
#define BOUNDED(col)                                                                                         \
	"CASE WHEN length(" col ") > " STR(AUDIT_TEXT_MAX) " THEN substr(" col                               \
							   ", 1, " STR(AUDIT_TEXT_MAX) ") || '" CUT_MARK     \
										       "' ELSE " col " END"
#define ENTRY_COLUMNS                                                                                        \
	"id, at, " BOUNDED("account") ", " BOUNDED("addr") ", " BOUNDED("action") ", " BOUNDED(              \
		"target") ", " BOUNDED("detail")

enum px_err audit_each(struct store *st, int64_t before, size_t limit,
		       void (*fn)(const struct audit_entry *, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT " ENTRY_COLUMNS " FROM audit"
		       " WHERE ?1 <= 0 OR id < ?1 ORDER BY id DESC LIMIT ?2",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, before);
	db_bind_int64(q, 2, (int64_t)limit);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct audit_entry e = {db_column_int64(q, 0), db_column_text(q, 1), db_column_text(q, 2),
					db_column_text(q, 3),  db_column_text(q, 4), db_column_text(q, 5),
					db_column_text(q, 6)};
		fn(&e, arg);
	}
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}
