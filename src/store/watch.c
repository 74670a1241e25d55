/* Waiting for other processes' changes to the store (store_wait_change).
 *
 * SQLite tells no one when another connection commits, but each
 * connection's PRAGMA data_version changes when one did since it last
 * asked: a read of the pager's state, no lock taken, cheap enough to ask
 * every POLL_MS. The value seen is kept in the handle, so that a commit
 * made between two calls is seen by the second. PostgreSQL's LISTEN/NOTIFY
 * will answer behind the same function. */
#include "store_int.h"

#include <time.h>

#define POLL_MS 50 /* a change is seen at most this late */

/* st's data_version now, or -1. */
static int64_t data_version(struct store *st)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &q, NULL))
		return -1;
	int64_t v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_finalize(q);
	return v;
}

int store_wait_change(struct store *st, int timeout_ms)
{
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
