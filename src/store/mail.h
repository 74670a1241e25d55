/* The hub's outgoing mail, kept in the store: the outbox, and one-use
 * tokens that a mailed link carries back.
 *
 * Nothing is sent from a request: a page puts a message in the outbox
 * (table outbox) in the transaction of what it records, and the mailer
 * (src/mail/) hands due messages to the relay (serve --smtp URL), retrying
 * with back-off while the relay is down, so a relay that is down loses
 * nothing and a visitor never waits on it.
 *
 * Header safety: addresses and subjects are refused if they hold a CR, LF
 * or other control character, and the mailer writes every header itself
 * (the subject as an RFC 2047 encoded word), so no field a visitor types
 * can add a header or a recipient.
 *
 * Tokens (table mail_token) are 32 random bytes (base64url, as session
 * tokens); the store keeps only their BLAKE2b hash, so a copy of the store
 * confirms nothing. Each is for one purpose ("request", "register", ...),
 * expires, and is taken once. */
#ifndef PX_MAIL_STORE_H
#define PX_MAIL_STORE_H

#include "store.h"
#include "user.h"

#include <time.h>

#define MAIL_ADDR_MAX    254 /* RFC 5321's limit on a forward path */
#define MAIL_SUBJECT_MAX 200 /* bytes of UTF-8 */
#define MAIL_BODY_MAX    (64 << 10)
#define MAIL_TOKEN_TTL_S (48 * 3600)

/* Is addr usable as a recipient: local@domain, at most MAIL_ADDR_MAX
 * bytes, printable ASCII without spaces, quotes, angle brackets, commas or
 * semicolons (so it names one mailbox and no header can follow), a domain
 * of dot-separated labels? */
int mail_address_ok(const char *addr);

/* Queues a plain-text UTF-8 message to one address. PX_EUSAGE with why for
 * a bad address, a subject with a control character or beyond
 * MAIL_SUBJECT_MAX, a body beyond MAIL_BODY_MAX or not UTF-8. Joins the
 * caller's transaction when one is open (store_write_begin), so a message
 * is queued if and only if what it tells of is recorded. */
enum px_err outbox_put(struct store *st, const char *to, const char *subject, const char *body,
		       struct buf *why) PX_WUR;
/* The same with a Reply-To address (NULL: none), checked as to is: a
 * request's contact answers the visitor directly. */
enum px_err outbox_put_reply(struct store *st, const char *to, const char *reply_to, const char *subject,
			     const char *body, struct buf *why) PX_WUR;

/* One queued message, as the mailer and the desk read it. */
struct outbox_msg {
	int64_t id;
	char to[MAIL_ADDR_MAX + 1];
	char reply_to[MAIL_ADDR_MAX + 1]; /* "" for none */
	char *subject, *body; /* owned: outbox_msg_clear() */
	int64_t created;      /* unix seconds */
	int attempts;
	int64_t next_try;     /* unix seconds; the lease of the mailer that took it */
	int64_t sent;         /* unix seconds the relay accepted it; 0: not yet */
	char *last_error;     /* owned or NULL: the relay's last answer */
};
void outbox_msg_clear(struct outbox_msg *m);

/* Takes the oldest message due at now (not sent, next_try <= now, fewer
 * than OUTBOX_ATTEMPTS_MAX attempts) and leases it to the caller until
 * now + lease_s, so that two mailers (two processes) never send it both.
 * PX_ENOTFOUND when none is due. */
#define OUTBOX_ATTEMPTS_MAX 12
enum px_err outbox_take(struct store *st, time_t now, int lease_s, struct outbox_msg *out) PX_WUR;
/* The relay accepted message id. */
enum px_err outbox_sent(struct store *st, int64_t id, time_t now) PX_WUR;
/* The relay was unreachable or refused for now (4xx): try again after
 * retry_s (the caller's back-off), keeping why. */
enum px_err outbox_failed(struct store *st, int64_t id, time_t now, int retry_s, const char *why) PX_WUR;
/* The relay refused for good (5xx): never tried again, kept with why. */
enum px_err outbox_refused(struct store *st, int64_t id, const char *why) PX_WUR;
/* Messages not yet sent (those given up after OUTBOX_ATTEMPTS_MAX
 * included), for the desk and metrics; -1 on a store error. */
int64_t outbox_waiting(struct store *st);

/* A new token for purpose (a short static word), the address it was sent
 * to and the id of what it confirms (a request, an account, ...): the
 * token to put in the link. */
enum px_err mail_token_new(struct store *st, const char *purpose, const char *email, int64_t subject,
			   time_t now, char token[SESSION_TOKEN_N]) PX_WUR;
/* Takes token for purpose: PX_OK with *subject (and email, when not NULL)
 * and the token used up; PX_ENOTFOUND when it is unknown or forged (or for
 * another purpose), PX_EDENIED when it expired, PX_ECONFLICT when it was
 * already taken. */
enum px_err mail_token_take(struct store *st, const char *purpose, const char *token, time_t now,
			    char email[MAIL_ADDR_MAX + 1], int64_t *subject) PX_WUR;

#endif
