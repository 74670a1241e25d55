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

/* Binds s as parameter i of q, cut to AUDIT_TEXT_MAX code points. */
static void bind_cut(sqlite3_stmt *q, int i, const char *s)
{
	size_t n = s ? prefix_len(s, AUDIT_TEXT_MAX) : 0;
	if (!s || !s[n]) {
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
		return;
	}
	char cut[AUDIT_TEXT_MAX * 4 + sizeof CUT_MARK];
	memcpy(cut, s, n);
	memcpy(cut + n, CUT_MARK, sizeof CUT_MARK);
	sqlite3_bind_text(q, i, cut, -1, SQLITE_TRANSIENT);
}

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
		bind_cut(q, i + 1, v[i]);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

/* How many of the AUDIT_RECENT newest entries are addr's failed logins
 * (and their summary) of the last AUDIT_BURST_S seconds; -1 on error. */
static int recent_failures(struct store *st, const char *addr)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(
		    st->db,
		    "SELECT count(*) FROM (SELECT addr, action, at FROM audit ORDER BY id DESC LIMIT ?2)"
		    " WHERE addr = ?1 AND action IN ('login-failed', 'login-throttled', 'login-flood')"
		    " AND at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3)",
		    -1, &q, NULL) != SQLITE_OK)
		return -1;
	char window[32];
	snprintf(window, sizeof window, "-%d seconds", AUDIT_BURST_S);
	sqlite3_bind_text(q, 1, addr, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, AUDIT_RECENT);
	sqlite3_bind_text(q, 3, window, -1, SQLITE_TRANSIENT);
	int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_finalize(q);
	return n;
}

/* Counts and writes in one transaction, as login_claim() does: concurrent
 * failures of one address cannot all see room for one more entry. */
enum px_err audit_login_failure(struct store *st, const char *addr, const char *action, const char *name)
{
	if (store_exec(st, "BEGIN IMMEDIATE"))
		return PX_ESTORE;
	int n = recent_failures(st, addr);
	enum px_err err = n < 0 ? PX_ESTORE : PX_OK;
	if (!err && n < AUDIT_BURST)
		err = audit_add(st, NULL, addr, action, name, NULL);
	else if (!err && n == AUDIT_BURST) /* beyond it, the burst goes unlogged */
		err = audit_add(st, NULL, addr, "login-flood", NULL,
				"more failed logins from this address: the next are not logged for a while");
	if (!err && store_exec(st, "COMMIT"))
		err = PX_ESTORE;
	if (err)
		store_exec(st, "ROLLBACK");
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
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT " ENTRY_COLUMNS " FROM audit"
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
