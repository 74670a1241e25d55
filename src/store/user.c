/* Accounts, sessions and failed logins (schema v3: account, session,
 * login_failure). Each function runs its own statements: these are rare
 * writes next to the nodes' reads, so nothing is prepared once. */
#include "store_int.h"
#include "user.h"

#include "../text/text.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char *const role_names[] = {"", "reader", "author", "editor", "admin"};

const char *role_name(enum role r)
{
	return (unsigned)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "";
}

int role_parse(const char *name, enum role *out)
{
	for (int r = ROLE_READER; r <= ROLE_ADMIN; r++)
		if (name && !strcmp(name, role_names[r])) {
			*out = (enum role)r;
			return 0;
		}
	return -1;
}

const char *user_name_problem(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 1 || n > USER_NAME_MAX)
		return N_("A user name has 1 to 64 characters.");
	if (name[0] == '.' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n)
		return N_("A user name is made of letters a-z, digits, '.', '_' and '-'.");
	return NULL;
}

const char *user_password_problem(const char *password)
{
	size_t n = password ? strlen(password) : 0, bad;
	if (n > USER_PASSWORD_MAX)
		return N_("A password has at most 1024 bytes.");
	if (text_utf8_check(password ? password : "", n, &bad))
		return N_("A password must be valid UTF-8.");
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)password[i] & 0xC0) != 0x80;
	if (chars < USER_PASSWORD_MIN)
		return N_("A password has at least 10 characters.");
	return NULL;
}

/* The Argon2id hash of password, with libsodium's interactive limits
 * (64 MiB, about a tenth of a second). -1 when out of memory. */
static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES])
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

/* Runs sql with text parameters (NULL: SQL NULL) and the integers ints;
 * returns the result of its last step, and (id not NULL) the first
 * column of its first row (an INSERT's RETURNING) in *id. */
static int run_returning(struct store *st, const char *sql, const char *const *texts, size_t ntexts,
			 const int64_t *ints, size_t nints, int64_t *id)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return DB_ERROR;
	for (size_t i = 0; i < ntexts; i++)
		db_bind_text(q, (int)i + 1, texts[i], -1);
	for (size_t i = 0; i < nints; i++)
		db_bind_int64(q, (int)(ntexts + i) + 1, ints[i]);
	int rc = store_step_insert(q, id);
	db_finalize(q);
	return rc;
}

static int run(struct store *st, const char *sql, const char *const *texts, size_t ntexts,
	       const int64_t *ints, size_t nints)
{
	return run_returning(st, sql, texts, ntexts, ints, nints, NULL);
}

enum px_err user_add(struct store *st, const char *name, enum role role, const char *password,
		     struct buf *why)
{
	const char *problem = user_name_problem(name);
	if (!problem && !*role_name(role))
		problem = N_("The role is reader, author, editor or admin.");
	if (!problem)
		problem = user_password_problem(password);
	if (problem) {
		buf_reject(why, "%s", problem);
		return PX_EUSAGE;
	}
	struct user u;
	if (user_get(st, name, &u) == PX_OK) {
		buf_reject(why, "there is already a user called \"%s\"", u.name);
		return PX_EUSAGE;
	}
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(password, hash))
		return PX_ENOMEM;
	const char *t[] = {name, role_name(role), hash};
	if (run(st, "INSERT INTO account (name, role, hash, created) VALUES (?1, ?2, ?3, " STORE_NOW ")", t,
		3, NULL, 0) != DB_DONE)
		return store_fail(st, why, "cannot add the user");
	return PX_OK;
}

static void read_user(struct db_stmt *q, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = db_column_int64(q, 0);
	snprintf(u->name, sizeof u->name, "%s", db_column_text(q, 1));
	if (role_parse(db_column_text(q, 2), &u->role))
		u->role = ROLE_NONE;
	u->disabled = db_column_int(q, 3);
	snprintf(u->created, sizeof u->created, "%s", db_column_text(q, 4));
	snprintf(u->email, sizeof u->email, "%s", db_column_text(q, 5));
	snprintf(u->lang, sizeof u->lang, "%s", db_column_text(q, 6));
	u->digest = db_column_int(q, 7);
}

#define USER_COLUMNS "id, name, role, disabled, created, coalesce(email, ''), coalesce(lang, ''), digest"

/* The user a query of USER_COLUMNS (and the hash, if asked) finds. */
static enum px_err find_user(struct store *st, const char *sql, const char *text, int64_t id, struct user *u,
			     char hash[crypto_pwhash_STRBYTES])
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return PX_ESTORE;
	if (text)
		db_bind_text(q, 1, text, -1);
	else
		db_bind_int64(q, 1, id);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		read_user(q, u);
		if (hash)
			snprintf(hash, crypto_pwhash_STRBYTES, "%s", db_column_text(q, 8));
	}
	db_finalize(q);
	return rc == DB_ROW ? PX_OK : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
}

enum px_err user_get(struct store *st, const char *name, struct user *out)
{
	return find_user(st, "SELECT " USER_COLUMNS " FROM account WHERE lower(name) = lower(?1)", name, 0,
			 out, NULL);
}

enum px_err user_get_id(struct store *st, int64_t id, struct user *out)
{
	return find_user(st, "SELECT " USER_COLUMNS " FROM account WHERE id = ?1", NULL, id, out, NULL);
}

/* Changes one column of name's account; with end_sessions, in the same
 * transaction as deleting its sessions. */
static enum px_err user_update(struct store *st, const char *name, const char *sql, const char *value,
			       int end_sessions)
{
	struct user u;
	enum px_err err = user_get(st, name, &u);
	if (err)
		return err;
	if (db_begin_write(st->db) != DB_OK)
		return PX_ESTORE;
	const char *t[] = {value};
	int64_t id[] = {u.id};
	int ok = run(st, sql, t, 1, id, 1) == DB_DONE &&
		 (!end_sessions ||
		  run(st, "DELETE FROM session WHERE account = ?1", NULL, 0, id, 1) == DB_DONE);
	if (ok && db_commit(st->db) == DB_OK)
		return PX_OK;
	db_rollback(st->db);
	return PX_ESTORE;
}

enum px_err user_set_password(struct store *st, const char *name, const char *password, struct buf *why)
{
	const char *problem = user_password_problem(password);
	if (problem) {
		buf_reject(why, "%s", problem);
		return PX_EUSAGE;
	}
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(password, hash))
		return PX_ENOMEM;
	return user_update(st, name, "UPDATE account SET hash = ?1 WHERE id = ?2", hash, 1);
}

enum px_err user_set_role(struct store *st, const char *name, enum role role)
{
	if (!*role_name(role))
		return PX_EUSAGE;
	return user_update(st, name, "UPDATE account SET role = ?1 WHERE id = ?2", role_name(role), 0);
}

enum px_err user_set_disabled(struct store *st, const char *name, int disabled)
{
	return user_update(st, name, "UPDATE account SET disabled = ?1 WHERE id = ?2", disabled ? "1" : "0",
			   disabled);
}

_Static_assert(USER_HASH_N == crypto_pwhash_STRBYTES, "USER_HASH_N is libsodium's hash length");

enum px_err user_hash_new(const char *password, char out[USER_HASH_N])
{
	return hash_password(password, out) ? PX_ENOMEM : PX_OK;
}

enum px_err user_pending_purge(struct store *st, time_t now)
{
	int64_t before[] = {(int64_t)now - USER_PENDING_S};
	return run(st, "DELETE FROM account WHERE pending IS NOT NULL AND pending < ?1", NULL, 0, before,
		   1) == DB_DONE
		       ? PX_OK
		       : PX_ESTORE;
}

enum px_err user_taken(struct store *st, const char *name, const char *email, int *name_taken,
		       int *email_taken)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT EXISTS (SELECT 1 FROM account WHERE lower(name) = lower(?1)),"
		       " EXISTS (SELECT 1 FROM account WHERE lower(email) = lower(?2))",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, name, -1);
	db_bind_text(q, 2, email, -1);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*name_taken = db_column_int(q, 0);
		*email_taken = db_column_int(q, 1);
	}
	db_finalize(q);
	return rc == DB_ROW ? PX_OK : PX_ESTORE;
}

enum px_err user_register(struct store *st, const char *name, const char *email, const char *lang,
			  const char hash[USER_HASH_N], time_t now, int64_t *id)
{
	const char *t[] = {name, email, lang, hash};
	int64_t at[] = {(int64_t)now};
	int rc = run_returning(
		st,
		"INSERT INTO account (name, role, hash, disabled, created, email, lang, pending)"
		" VALUES (?1, 'reader', ?4, 1, " STORE_NOW ", ?2, ?3, ?5) RETURNING id",
		t, 4, at, 1, id);
	if (rc == DB_CONSTRAINT)
		return PX_ECONFLICT;
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err user_confirm(struct store *st, int64_t id)
{
	int64_t v[] = {id};
	if (run(st, "UPDATE account SET disabled = 0, pending = NULL WHERE id = ?1 AND pending IS NOT NULL",
		NULL, 0, v, 1) != DB_DONE)
		return PX_ESTORE;
	return db_changes(st->db) == 1 ? PX_OK : PX_ENOTFOUND;
}

enum px_err user_set_digest(struct store *st, int64_t id, int on)
{
	int64_t v[] = {on ? 1 : 0, id};
	return run(st, "UPDATE account SET digest = ?1 WHERE id = ?2", NULL, 0, v, 2) == DB_DONE ? PX_OK
												 : PX_ESTORE;
}

enum px_err user_each(struct store *st, void (*fn)(const struct user *, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT " USER_COLUMNS " FROM account ORDER BY lower(name), id", &q))
		return PX_ESTORE;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct user u;
		read_user(q, &u);
		fn(&u, arg);
	}
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

static char decoy[crypto_pwhash_STRBYTES]; /* the hash of a password nobody has */

static void make_decoy(void)
{
	unsigned char r[16];
	char pw[sizeof r * 2 + 1];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(pw, sizeof pw, r, sizeof r);
	if (hash_password(pw, decoy))
		decoy[0] = '\0'; /* verification of "" fails at once: the time differs, nothing else */
}

enum px_err user_login(struct store *st, const char *name, const char *password, struct user *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	char hash[crypto_pwhash_STRBYTES];
	size_t n = strlen(password);
	enum px_err err = n > USER_PASSWORD_MAX
				  ? PX_ENOTFOUND
				  : find_user(st,
					      "SELECT " USER_COLUMNS
					      ", hash FROM account WHERE lower(name) = lower(?1)",
					      name, 0, out, hash);
	if (err == PX_ESTORE)
		return err;
	if (err) {
		pthread_once(&once, make_decoy);
		snprintf(hash, sizeof hash, "%s", decoy);
	}
	int match = crypto_pwhash_str_verify(hash, password, n > USER_PASSWORD_MAX ? 0 : n) == 0;
	return !err && match && !out->disabled && out->role != ROLE_NONE ? PX_OK : PX_ENOTFOUND;
}

/* ---- failed logins ---- */

int64_t login_wait(struct store *st, const char *key, int max, time_t now)
{
	struct db_stmt *q;
	int64_t wait = 0;
	if (db_prepare(st->db,
		       "SELECT count(*), min(at) FROM"
		       " (SELECT at FROM login_failure WHERE key = ?1 AND at > ?2 ORDER BY at DESC LIMIT ?3) "
		       "AS recent",
		       &q) != DB_OK)
		return LOGIN_WINDOW_S; /* cannot tell: wait */
	db_bind_text(q, 1, key, -1);
	db_bind_int64(q, 2, (int64_t)now - LOGIN_WINDOW_S);
	db_bind_int64(q, 3, max);
	if (db_step(q) == DB_ROW && db_column_int(q, 0) >= max)
		wait = db_column_int64(q, 1) + LOGIN_WINDOW_S - (int64_t)now; /* the max-th newest leaves */
	db_finalize(q);
	return wait > 0 ? wait : 0;
}

/* login_failed(), and the row it added in *row (when not NULL). */
static enum px_err login_failed_row(struct store *st, const char *key, time_t now, int64_t *row)
{
	const char *t[] = {key};
	int64_t at[] = {(int64_t)now, (int64_t)now - LOGIN_WINDOW_S};
	if (run_returning(st, "INSERT INTO login_failure (key, at) VALUES (?1, ?2) RETURNING rowid", t, 1, at,
			  1, row) != DB_DONE)
		return PX_ESTORE;
	/* the table keeps one window: older rows go as new ones come */
	return run(st, "DELETE FROM login_failure WHERE at <= ?1", NULL, 0, &at[1], 1) == DB_DONE ? PX_OK
												  : PX_ESTORE;
}

enum px_err login_failed(struct store *st, const char *key, time_t now)
{
	return login_failed_row(st, key, now, NULL);
}

enum px_err login_claim(struct store *st, const char *const *keys, const int *max, size_t n, time_t now,
			int64_t *wait, int64_t *rows)
{
	if (db_begin_write(st->db)) /* one writer: no two claims see the same count */
		return PX_ESTORE;
	*wait = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t w = login_wait(st, keys[i], max[i], now);
		*wait = w > *wait ? w : *wait;
	}
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && !*wait && i < n; i++) {
		err = login_failed_row(st, keys[i], now, &rows[i]);
	}
	if (!err && db_commit(st->db))
		err = PX_ESTORE;
	if (err)
		db_rollback(st->db);
	return err;
}

enum px_err login_release(struct store *st, const int64_t *rows, size_t n)
{
	enum px_err err = PX_OK;
	for (size_t i = 0; i < n; i++)
		if (run(st, "DELETE FROM login_failure WHERE rowid = ?1", NULL, 0, &rows[i], 1) != DB_DONE)
			err = PX_ESTORE;
	return err;
}

enum px_err login_forget(struct store *st, const char *key)
{
	const char *t[] = {key};
	return run(st, "DELETE FROM login_failure WHERE key = ?1", t, 1, NULL, 0) == DB_DONE ? PX_OK
											     : PX_ESTORE;
}
