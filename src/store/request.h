/* Contact and transfer requests (schema v8, table request): a visitor's
 * message to the contact of a practice, carried through to an answer.
 *
 * A request is stored unverified; it becomes "sent" when the visitor
 * follows the link mailed to the address they typed (store/mail.h's
 * tokens, purpose "request"), then an editor or the practice's author
 * marks it "answered" or "closed". Unverified requests older than
 * CONTACT_UNVERIFIED_S are deleted by the next contact_add(): their link
 * has expired, and nobody ever saw them.
 *
 * Throttling counts the rows of this table, in the transaction that adds
 * one, so that concurrent requests cannot all pass one check. */
#ifndef PX_REQUEST_H
#define PX_REQUEST_H

#include "mail.h"

#define CONTACT_NAME_MAX    100  /* code points of the visitor's name */
#define CONTACT_ORG_MAX     200  /* of their organisation or city */
#define CONTACT_MESSAGE_MAX 5000 /* of their message */
#define CONTACT_WINDOW_S    3600 /* the throttle's window */
#define CONTACT_MAX_EMAIL   5    /* requests a window, per address typed */
#define CONTACT_MAX_ADDR    20   /* per client address */
/* A second unverified request about one practice from one address this
 * soon mails nothing. */
#define CONTACT_REPEAT_S     (10 * 60)
#define CONTACT_UNVERIFIED_S MAIL_TOKEN_TTL_S

enum contact_status { CONTACT_UNVERIFIED, CONTACT_SENT, CONTACT_ANSWERED, CONTACT_CLOSED };

/* "unverified", "sent", "answered", "closed". */
const char *contact_status_name(enum contact_status s);
/* 0 and *out, or -1 for a word that is none. */
int contact_status_parse(const char *s, enum contact_status *out);

/* One request. Strings borrowed from the caller for contact_add(); owned
 * (contact_request_clear()) when read from the store. */
struct contact_request {
	int64_t id;
	int64_t nid;                        /* the practice */
	char *name, *organisation;          /* organisation NULL: none given */
	char *email;                        /* the visitor's, as typed */
	char *message;                      /* lines joined with "\n" */
	char *lang;                         /* the page's language: the visitor's mails' */
	char *addr;                         /* the client's address, for throttling */
	int64_t created, verified, changed; /* unix seconds; 0: not yet */
	enum contact_status status;
	char *changed_by, *note; /* the editor's last change, or NULL */
	char *title;             /* read only: the practice's title */
	int64_t owner;           /* read only: the practice's owner, 0: none */
};
void contact_request_clear(struct contact_request *r);

/* What the throttle says of a new request. */
enum contact_throttle {
	CONTACT_OK,
	CONTACT_REPEAT,   /* the same address asked about the same practice moments ago */
	CONTACT_TOO_MANY, /* past CONTACT_MAX_EMAIL or CONTACT_MAX_ADDR this window */
};

/* Checks r against the throttle and, when CONTACT_OK, stores it
 * unverified (setting r->id). Call inside store_write_begin() so that the
 * check, the row, its token and its mail land together. */
enum px_err contact_add(struct store *st, struct contact_request *r, time_t now,
			enum contact_throttle *verdict) PX_WUR;
/* Reads request id (with its practice's title). PX_ENOTFOUND if none. */
enum px_err contact_get(struct store *st, int64_t id, struct contact_request *out) PX_WUR;
/* The visitor confirmed: verified and "sent". PX_ECONFLICT if it already was. */
enum px_err contact_verify(struct store *st, int64_t id, time_t now) PX_WUR;
/* An editor's change: status (answered or closed) and note, by account. */
enum px_err contact_set_status(struct store *st, int64_t id, enum contact_status s, const char *account,
			       const char *note, time_t now) PX_WUR;
/* Calls fn for up to limit verified requests, newest first, about the
 * practices owned by owner (0: every practice); r borrowed for the call. */
enum px_err contact_each(struct store *st, int64_t owner, size_t limit,
			 void (*fn)(const struct contact_request *r, void *), void *arg) PX_WUR;
#endif
