/* The outbox and the mailed tokens (schema v7): see mail.h. */
#include "mail.h"
#include "store_int.h"
#include "../text/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mail_address_ok(const char *addr)
{
	size_t n = addr ? strlen(addr) : 0;
	const char *at = n ? strrchr(addr, '@') : NULL;
	if (!at || at == addr || n > MAIL_ADDR_MAX || !at[1])
		return 0;
	for (const char *p = addr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("\"<>(),;:[]\\", c) || (c == '@' && p != at))
			return 0;
	}
	/* the domain: labels of letters, digits and hyphens, none empty */
	for (const char *label = at + 1;;) {
		size_t len = strcspn(label, ".");
		if (!len || len > 63 || label[0] == '-' || label[len - 1] == '-')
			return 0;
		for (size_t i = 0; i < len; i++)
			if (!(label[i] == '-' || (label[i] >= '0' && label[i] <= '9') ||
			      ((label[i] | 0x20) >= 'a' && (label[i] | 0x20) <= 'z')))
				return 0;
		if (!label[len])
			return 1;
		label += len + 1;
	}
}

static const char *subject_problem(const char *subject)
{
	size_t n = strlen(subject), bad;
	if (!n || n > MAIL_SUBJECT_MAX || text_utf8_check(subject, n, &bad))
		return "the subject is empty, too long or not UTF-8";
	for (const unsigned char *p = (const unsigned char *)subject; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return "the subject holds a control character";
	return NULL;
}

enum px_err outbox_put(struct store *st, const char *to, const char *subject, const char *body,
		       struct buf *why)
{
	return outbox_put_reply(st, to, NULL, subject, body, why);
}

enum px_err outbox_put_reply(struct store *st, const char *to, const char *reply_to, const char *subject,
			     const char *body, struct buf *why)
{
	size_t bad;
	const char *problem = !mail_address_ok(to) || (reply_to && !mail_address_ok(reply_to)) ? "not an e-mail address" : subject_problem(subject);
	if (!problem && (strlen(body) > MAIL_BODY_MAX || text_utf8_check(body, strlen(body), &bad)))
		problem = "the message is too long or not UTF-8";
	if (problem)
		return buf_reject(why, "mail: %s", problem), PX_EUSAGE;
	struct db_stmt *q;
	if (db_prepare(st->db,
			       "INSERT INTO outbox (recipient, subject, body, reply_to, created, next_try)"
			       " VALUES (?1, ?2, ?3, ?4, unixepoch(), unixepoch())", &q) != DB_OK)
		return store_fail(st, why, "cannot queue a message");
	db_bind_text(q, 1, to, -1);
	db_bind_text(q, 2, subject, -1);
	db_bind_text(q, 3, body, -1);
	db_bind_text(q, 4, reply_to, -1);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : store_fail(st, why, "cannot queue a message");
}

void outbox_msg_clear(struct outbox_msg *m)
{
	free(m->subject);
	free(m->body);
	free(m->last_error);
	memset(m, 0, sizeof *m);
}

static void msg_read(struct db_stmt *q, struct outbox_msg *m)
{
	m->id = db_column_int64(q, 0);
	const char *to = db_column_text(q, 1);
	snprintf(m->to, sizeof m->to, "%s", to ? (const char *)to : "");
	m->subject = store_column_dup(q, 2);
	m->body = store_column_dup(q, 3);
	m->created = db_column_int64(q, 4);
	m->attempts = db_column_int(q, 5);
	m->next_try = db_column_int64(q, 6);
	m->sent = db_column_int64(q, 7);
	m->last_error = store_column_dup(q, 8);
	const char *reply_to = db_column_text(q, 9);
	snprintf(m->reply_to, sizeof m->reply_to, "%s", reply_to ? (const char *)reply_to : "");
}

/* The lease is taken by moving next_try: the UPDATE finds the row only if
 * next_try is still what the SELECT saw, so of two mailers that saw the
 * same row one gets it and the other looks again. */
enum px_err outbox_take(struct store *st, time_t now, int lease_s, struct outbox_msg *out)
{
	struct db_stmt *pick, *lease;
	if (db_prepare(st->db,
			       "SELECT id, recipient, subject, body, created, attempts, next_try, sent, last_error,"
			       " reply_to FROM outbox WHERE sent IS NULL AND next_try <= ?1 AND attempts < ?2"
			       " ORDER BY next_try, id LIMIT 1", &pick) != DB_OK)
		return PX_ESTORE;
	if (db_prepare(st->db, "UPDATE outbox SET next_try = ?1 WHERE id = ?2 AND next_try = ?3", &lease) != DB_OK) {
		db_finalize(pick);
		return PX_ESTORE;
	}
	enum px_err err = PX_ENOTFOUND;
	for (int tries = 0; tries < 8 && err == PX_ENOTFOUND; tries++) {
		db_reset(pick);
		db_bind_int64(pick, 1, (int64_t)now);
		db_bind_int64(pick, 2, OUTBOX_ATTEMPTS_MAX);
		int rc = db_step(pick);
		if (rc == DB_DONE)
			break;
		if (rc != DB_ROW) {
			err = PX_ESTORE;
			break;
		}
		struct outbox_msg m = {0};
		msg_read(pick, &m);
		db_reset(pick);
		db_reset(lease);
		db_bind_int64(lease, 1, (int64_t)now + lease_s);
		db_bind_int64(lease, 2, m.id);
		db_bind_int64(lease, 3, m.next_try);
		if (db_step(lease) != DB_DONE) {
			outbox_msg_clear(&m);
			err = PX_ESTORE;
		} else if (db_changes(st->db) == 1 && m.subject && m.body) {
			m.next_try = (int64_t)now + lease_s;
			*out = m;
			err = PX_OK;
		} else {
			outbox_msg_clear(&m);
		}
	}
	db_finalize(pick);
	db_finalize(lease);
	return err;
}

static enum px_err outbox_update(struct store *st, const char *sql, int64_t id, int64_t t, const char *why)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, t);
	if (db_bind_parameter_count(q) > 2)
		db_bind_text(q, 3, why, -1);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err outbox_sent(struct store *st, int64_t id, time_t now)
{
	return outbox_update(st, "UPDATE outbox SET sent = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1",
			     id, (int64_t)now, NULL);
}

enum px_err outbox_failed(struct store *st, int64_t id, time_t now, int retry_s, const char *why)
{
	return outbox_update(st,
			     "UPDATE outbox SET next_try = ?2, attempts = attempts + 1, last_error = substr(?3, 1, 500)"
			     " WHERE id = ?1",
			     id, (int64_t)now + retry_s, why ? why : "");
}

enum px_err outbox_refused(struct store *st, int64_t id, const char *why)
{
	return outbox_update(st, "UPDATE outbox SET attempts = ?2, last_error = substr(?3, 1, 500) WHERE id = ?1", id,
			     OUTBOX_ATTEMPTS_MAX, why ? why : "");
}

int64_t outbox_waiting(struct store *st)
{
	struct db_stmt *q;
	int64_t n = -1;
	if (db_prepare(st->db, "SELECT count(*) FROM outbox WHERE sent IS NULL", &q) != DB_OK)
		return -1;
	if (db_step(q) == DB_ROW)
		n = db_column_int64(q, 0);
	db_finalize(q);
	return n;
}

/* ---- tokens ---- */

/* The key a token is kept under: hex of its BLAKE2b-256 (as sessions'). */
static void mail_token_key(const char *token, char key[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(key, 65, h, sizeof h);
}

enum px_err mail_token_new(struct store *st, const char *purpose, const char *email, int64_t subject,
			   time_t now, char token[SESSION_TOKEN_N])
{
	if (!mail_address_ok(email))
		return PX_EUSAGE;
	token_new(token);
	char key[65];
	mail_token_key(token, key);
	struct db_stmt *q;
	if (db_prepare(st->db,
			       "INSERT INTO mail_token (key, purpose, email, subject, created, expires)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	db_bind_text(q, 2, purpose, -1);
	db_bind_text(q, 3, email, -1);
	db_bind_int64(q, 4, subject);
	db_bind_int64(q, 5, (int64_t)now);
	db_bind_int64(q, 6, (int64_t)now + MAIL_TOKEN_TTL_S);
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

/* The token is used up by an UPDATE that finds it only while unused, so of
 * two clicks on one link exactly one succeeds. */
enum px_err mail_token_take(struct store *st, const char *purpose, const char *token, time_t now,
			    char email[MAIL_ADDR_MAX + 1], int64_t *subject)
{
	if (!token || strlen(token) != SESSION_TOKEN_N - 1)
		return PX_ENOTFOUND;
	char key[65];
	mail_token_key(token, key);
	struct db_stmt *q;
	if (db_prepare(st->db,
			       "SELECT email, subject, expires, used FROM mail_token WHERE key = ?1 AND purpose = ?2", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	db_bind_text(q, 2, purpose, -1);
	enum px_err err = PX_ENOTFOUND;
	if (db_step(q) == DB_ROW) {
		if (db_column_type(q, 3) != DB_NULL)
			err = PX_ECONFLICT;
		else if (db_column_int64(q, 2) < (int64_t)now)
			err = PX_EDENIED;
		else {
			err = PX_OK;
			*subject = db_column_int64(q, 1);
			if (email)
				snprintf(email, MAIL_ADDR_MAX + 1, "%s", db_column_text(q, 0));
		}
	}
	db_finalize(q);
	if (err != PX_OK)
		return err;
	if (db_prepare(st->db, "UPDATE mail_token SET used = ?2 WHERE key = ?1 AND used IS NULL", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_text(q, 1, key, -1);
	db_bind_int64(q, 2, (int64_t)now);
	int rc = db_step(q);
	db_finalize(q);
	if (rc != DB_DONE)
		return PX_ESTORE;
	return db_changes(st->db) == 1 ? PX_OK : PX_ECONFLICT;
}
