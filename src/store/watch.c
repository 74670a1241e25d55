/* Waiting for other processes' changes to the store (store_wait_change).
 *
 * SQLite tells no one when another connection commits, but each
 * connection's PRAGMA data_version changes when one did since it last
 * asked: a read of the pager's state, no lock taken, cheap enough to ask
 * every POLL_MS. The value seen is kept in the handle, so that a commit
 * made between two calls is seen by the second.
 *
 * PostgreSQL tells: every write transaction sends a NOTIFY on
 * STORE_CHANNEL as it commits (store_note_change()), and the handle
 * listens from its first wait on (db_listen(), renewed by the driver
 * after a reconnect, which also counts as a change: notifications may
 * have been lost meanwhile). */
#include "store_int.h"

#include <time.h>

#define POLL_MS 50 /* SQLite: a change is seen at most this late */

/* st's data_version now, or -1. */
static int64_t data_version(struct store *st)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "PRAGMA data_version", &q))
		return -1;
	int64_t v = db_step(q) == DB_ROW ? db_column_int64(q, 0) : -1;
	db_finalize(q);
	return v;
}

static int wait_notify(struct store *st, int timeout_ms)
{
	if (!st->seen_version) { /* the first call: listen, then look */
		if (db_listen(st->db, STORE_CHANNEL) != DB_OK)
			return -1;
		st->seen_version = 1;
		return 1;
	}
	return db_wait_notify(st->db, timeout_ms);
}

int store_wait_change(struct store *st, int timeout_ms)
{
	if (db_kind(st->db) == DB_POSTGRES)
		return wait_notify(st, timeout_ms);
	for (int waited = 0;; waited += POLL_MS) {
		int64_t v = data_version(st);
		if (v < 0)
			return -1;
		if (v != st->seen_version) { /* 0 at the first call: never a version */
			st->seen_version = v;
			return 1;
		}
		if (waited >= timeout_ms)
			return 0;
		int ms = timeout_ms - waited < POLL_MS ? timeout_ms - waited : POLL_MS;
		nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = (long)ms * 1000000}, NULL);
	}
}
