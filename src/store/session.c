/* Sessions (schema v3, table session): a browser that logged in holds a
 * random token in a cookie; the store keeps its BLAKE2b hash, its user, its
 * CSRF token and when it began and was last used. */
#include "store_int.h"
#include "user.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEEN_EVERY_S 60 /* a session's last use is written at most this often */

void token_new(char out[SESSION_TOKEN_N])
{
	unsigned char r[32];
	if (sodium_init() < 0)
		abort(); /* no randomness: nothing sensible to hand out */
	randombytes_buf(r, sizeof r);
	sodium_bin2base64(out, SESSION_TOKEN_N, r, sizeof r, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == SESSION_TOKEN_N - 1 && strlen(b) == n && sodium_memcmp(a, b, n) == 0;
}

/* The key a token is stored under: hex of its BLAKE2b-256. */
static void token_key(const char *token, char key[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(key, 65, h, sizeof h);
}

enum px_err session_new(struct store *st, int64_t user, time_t now, char token[SESSION_TOKEN_N],
			char csrf[SESSION_TOKEN_N])
{
	token_new(token);
	token_new(csrf);
	char key[65];
	token_key(token, key);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(
		    st->db,
		    "INSERT INTO session (key, account, csrf, created, seen) VALUES (?1, ?2, ?3, ?4, ?4)", -1,
		    &q, NULL) != SQLITE_OK)
		return PX_ESTORE;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, user);
	sqlite3_bind_text(q, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, (int64_t)now);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

static enum px_err by_key(struct store *st, const char *sql, const char *key, int64_t now)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return PX_ESTORE;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(q) > 1)
		sqlite3_bind_int64(q, 2, now);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

enum px_err session_find(struct store *st, const char *token, time_t now, struct user *u,
			 char csrf[SESSION_TOKEN_N])
{
	if (strlen(token) != SESSION_TOKEN_N - 1)
		return PX_ENOTFOUND;
	char key[65];
	token_key(token, key);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT account, csrf, created, seen FROM session WHERE key = ?1", -1,
			       &q, NULL) != SQLITE_OK)
		return PX_ESTORE;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	int64_t account = 0, created = 0, seen = 0;
	if (rc == SQLITE_ROW) {
		account = sqlite3_column_int64(q, 0);
		snprintf(csrf, SESSION_TOKEN_N, "%s", (const char *)sqlite3_column_text(q, 1));
		created = sqlite3_column_int64(q, 2);
		seen = sqlite3_column_int64(q, 3);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? PX_ENOTFOUND : PX_ESTORE;
	int64_t t = (int64_t)now;
	if (t - seen > SESSION_IDLE_S || t - created > SESSION_MAX_S || t < created) {
		enum px_err err = by_key(st, "DELETE FROM session WHERE key = ?1", key, 0);
		return err ? err : PX_ENOTFOUND;
	}
	enum px_err err = user_get_id(st, account, u);
	if (err == PX_OK && (u->disabled || u->role == ROLE_NONE))
		err = PX_ENOTFOUND;
	if (!err && t - seen >= SEEN_EVERY_S)
		err = by_key(st, "UPDATE session SET seen = ?2 WHERE key = ?1", key, t);
	return err;
}

enum px_err session_end(struct store *st, const char *token)
{
	char key[65];
	token_key(token, key);
	return by_key(st, "DELETE FROM session WHERE key = ?1", key, 0);
}

int64_t session_count(struct store *st, time_t now)
{
	sqlite3_stmt *q;
	int64_t n = -1;
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM session WHERE seen >= ?1 AND created >= ?2", -1, &q,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, (int64_t)now - SESSION_IDLE_S);
	sqlite3_bind_int64(q, 2, (int64_t)now - SESSION_MAX_S);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}
