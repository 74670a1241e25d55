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
	struct db_stmt *q;
	if (db_prepare(
		    st->db,
		    "INSERT INTO session (key, account, csrf, created, seen) VALUES (?1, ?2, ?3, ?4, ?4)", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	db_bind_int64(q, 2, user);
	db_bind_text(q, 3, csrf, -1);
	db_bind_int64(q, 4, (int64_t)now);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

static enum px_err by_key(struct store *st, const char *sql, const char *key, int64_t now)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	if (db_bind_parameter_count(q) > 1)
		db_bind_int64(q, 2, now);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err session_find(struct store *st, const char *token, time_t now, struct user *u,
			 char csrf[SESSION_TOKEN_N])
{
	if (strlen(token) != SESSION_TOKEN_N - 1)
		return PX_ENOTFOUND;
	char key[65];
	token_key(token, key);
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT account, csrf, created, seen FROM session WHERE key = ?1", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	int rc = db_step(q);
	int64_t account = 0, created = 0, seen = 0;
	if (rc == DB_ROW) {
		account = db_column_int64(q, 0);
		snprintf(csrf, SESSION_TOKEN_N, "%s", db_column_text(q, 1));
		created = db_column_int64(q, 2);
		seen = db_column_int64(q, 3);
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
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
	struct db_stmt *q;
	int64_t n = -1;
	if (db_prepare(st->db, "SELECT count(*) FROM session WHERE seen >= ?1 AND created >= ?2", &q) != DB_OK)
		return -1;
	db_bind_int64(q, 1, (int64_t)now - SESSION_IDLE_S);
	db_bind_int64(q, 2, (int64_t)now - SESSION_MAX_S);
	if (db_step(q) == DB_ROW)
		n = db_column_int64(q, 0);
	db_finalize(q);
	return n;
}
