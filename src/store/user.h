/* Accounts of the people who edit the hub, their sessions, and the record
 * of failed logins that throttles guessing.
 *
 * Passwords are kept as Argon2id hashes (libsodium's crypto_pwhash_str);
 * session tokens only as their BLAKE2b hash, so a copy of the store gives
 * neither a password nor a way into a session. */
#ifndef PX_USER_H
#define PX_USER_H

#include "store.h"

#include <time.h>

/* Ordered: a route's minimum role admits every role above it. A reader
 * (self-registered, store/reader.h) keeps saved searches and dossiers and
 * reaches none of the editors' pages. */
enum role { ROLE_NONE = 0, ROLE_READER, ROLE_AUTHOR, ROLE_EDITOR, ROLE_ADMIN };

/* "reader", "author", "editor", "admin" ("" for ROLE_NONE). */
const char *role_name(enum role r);
/* 0 and *out, or -1 for a name that is no role. */
int role_parse(const char *name, enum role *out);

#define USER_NAME_MAX     64
#define USER_PASSWORD_MIN 10   /* characters */
#define USER_PASSWORD_MAX 1024 /* bytes: Argon2 takes any length, a form should not */

struct user {
	int64_t id;
	char name[USER_NAME_MAX + 1];
	enum role role;
	int disabled;
	char created[32];
	char email[254 + 1]; /* a reader's address (MAIL_ADDR_MAX), "" when none */
	char lang[8];        /* the interface language a reader registered in, "" when none */
	int digest;          /* a reader's daily digest of saved searches is on */
};

/* Is name usable (1-64 of A-Z a-z 0-9 . _ -, not starting with a dot)?
 * Is password (USER_PASSWORD_MIN characters of valid UTF-8, at most
 * USER_PASSWORD_MAX bytes)? Each returns NULL, or why not. */
const char *user_name_problem(const char *name);
const char *user_password_problem(const char *password);

/* Each returns PX_EUSAGE with why set for a bad name, role or password,
 * PX_ENOTFOUND for an unknown name (user_add: PX_EUSAGE for a taken one). */
enum px_err user_add(struct store *st, const char *name, enum role role, const char *password,
		     struct buf *why) PX_WUR;
enum px_err user_get(struct store *st, const char *name, struct user *out) PX_WUR;
enum px_err user_get_id(struct store *st, int64_t id, struct user *out) PX_WUR;
/* A new password ends every session of the user. */
enum px_err user_set_password(struct store *st, const char *name, const char *password,
			      struct buf *why) PX_WUR;
enum px_err user_set_role(struct store *st, const char *name, enum role role) PX_WUR;
/* Disabling ends every session of the user; a disabled user cannot log in. */
enum px_err user_set_disabled(struct store *st, const char *name, int disabled) PX_WUR;
/* ---- self-registration (readers) ---- */

#define USER_HASH_N        128           /* libsodium's crypto_pwhash_STRBYTES */
#define USER_PENDING_S     (48 * 3600)   /* an unconfirmed registration holds its name this long */

/* password's Argon2id hash, made before a write transaction opens (it
 * takes a tenth of a second). PX_ENOMEM when it cannot be made. */
enum px_err user_hash_new(const char *password, char out[USER_HASH_N]) PX_WUR;
/* Forgets the registrations left unconfirmed for USER_PENDING_S: their
 * names and addresses are free again. */
enum px_err user_pending_purge(struct store *st, time_t now) PX_WUR;
/* Is name (*name_taken) or email (*email_taken) an account's, either case? */
enum px_err user_taken(struct store *st, const char *name, const char *email, int *name_taken,
		       int *email_taken) PX_WUR;
/* A reader's account, disabled until user_confirm(): *id. Name, address and
 * hash checked by the caller; PX_ECONFLICT when the name or address was
 * taken meanwhile. Joins the caller's transaction. */
enum px_err user_register(struct store *st, const char *name, const char *email, const char *lang,
			  const char hash[USER_HASH_N], time_t now, int64_t *id) PX_WUR;
/* Enables the pending account id: PX_ENOTFOUND when there is none pending. */
enum px_err user_confirm(struct store *st, int64_t id) PX_WUR;
/* A reader's daily digest on or off. */
enum px_err user_set_digest(struct store *st, int64_t id, int on) PX_WUR;

/* Calls fn for every user, by name. */
enum px_err user_each(struct store *st, void (*fn)(const struct user *, void *), void *arg) PX_WUR;

/* PX_OK with *out when name exists, is enabled and password is its own.
 * Otherwise PX_ENOTFOUND, after hashing all the same, so that the time
 * taken does not tell a wrong password from an unknown name. */
enum px_err user_login(struct store *st, const char *name, const char *password, struct user *out) PX_WUR;

/* ---- sessions ---- */

#define SESSION_IDLE_S  (2 * 3600)  /* unused this long: over */
#define SESSION_MAX_S   (12 * 3600) /* after login, whatever the use */
#define SESSION_TOKEN_N 44          /* 32 random bytes, base64url, NUL */

/* A new session of user: its token (the cookie's value) and the CSRF token
 * its forms carry. */
enum px_err session_new(struct store *st, int64_t user, time_t now, char token[SESSION_TOKEN_N],
			char csrf[SESSION_TOKEN_N]) PX_WUR;
/* The session of token if it is live and its user enabled: *u and its
 * CSRF token. PX_ENOTFOUND otherwise (an expired one is deleted). Notes the
 * use, at most once a minute. */
enum px_err session_find(struct store *st, const char *token, time_t now, struct user *u,
			 char csrf[SESSION_TOKEN_N]) PX_WUR;
enum px_err session_end(struct store *st, const char *token) PX_WUR;
/* The sessions live at now (neither idle past SESSION_IDLE_S nor older
 * than SESSION_MAX_S), or -1 when the store cannot be read. */
int64_t session_count(struct store *st, time_t now);

/* A fresh random token, base64url (CSRF tokens of the login form). */
void token_new(char out[SESSION_TOKEN_N]);
/* Do a and b hold the same token? In constant time. */
int token_equal(const char *a, const char *b);

/* ---- login throttling ---- */

#define LOGIN_WINDOW_S    (15 * 60)
#define LOGIN_MAX_ACCOUNT 5  /* failures in the window, per account name */
#define LOGIN_MAX_ADDRESS 20 /* per client address */

/* Seconds until key ("user:NAME" or "addr:IP") may try again; 0 if it may. */
int64_t login_wait(struct store *st, const char *key, int max, time_t now);
enum px_err login_failed(struct store *st, const char *key, time_t now) PX_WUR;
/* A login attempt's check and record in one transaction: *wait, the
 * seconds until the n keys (each with its max) may try again, the most of
 * them; when 0, a failure is already recorded for each key (rows[i]), to be
 * taken back with login_release() if the password is right. So concurrent
 * attempts cannot all pass one check: at most max are checked a window. */
enum px_err login_claim(struct store *st, const char *const *keys, const int *max, size_t n, time_t now,
			int64_t *wait, int64_t *rows) PX_WUR;
enum px_err login_release(struct store *st, const int64_t *rows, size_t n) PX_WUR;
/* Forgets the failures of key (a successful login). */
enum px_err login_forget(struct store *st, const char *key) PX_WUR;

#endif
