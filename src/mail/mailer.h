/* mailer: hands the outbox (store/mail.h) to a mail relay through
 * libcurl's SMTP, in a thread of its own, with back-off while the relay is
 * down or refuses. A message is marked sent only once the relay accepted
 * it; one the relay refused for good (5xx on the recipient) is kept with
 * the relay's answer and not tried again.
 *
 * The mailer opens its own store handle; it leases each message before
 * sending (outbox_take), so several mailers (processes) share one outbox. */
#ifndef PX_MAILER_H
#define PX_MAILER_H

#include "../core/core.h"

#include <stdio.h>

struct store;
struct mailer;

struct mailer_options {
	const char *db;      /* the store */
	const char *smtp;    /* the relay: smtp://host:port, smtps://..., user:password@ allowed */
	const char *from;    /* the envelope and From address; NULL: praxis@ the host's name */
	unsigned retry_s;    /* first back-off; doubled per attempt up to a day; 0: 60 */
	int log;             /* 1: a line per delivery or failure (px_log); 0: none */
};

/* Starts the thread. PX_EUSAGE with why for a relay URL curl cannot use or
 * a bad from address. */
enum px_err mailer_start(const struct mailer_options *o, struct mailer **out, struct buf *why) PX_WUR;
/* A message was queued: look at the outbox now rather than at the next tick. */
void mailer_wake(struct mailer *m);
/* Finishes the message under way and stops. NULL is a no-op. */
void mailer_stop(struct mailer *m);
/* Sends every message due now once, in the caller's thread (praxis mail
 * send): counts of sent and failed. */
enum px_err mailer_send_due(struct store *st, const struct mailer_options *o, size_t *sent, size_t *failed,
			    struct buf *why) PX_WUR;

/* Appends a line "NAME VERSION" for each library the mailer runs with, as
 * the library reports it at run time (libcurl and the TLS library it uses).
 * PX_ENOMEM if out is full. */
enum px_err mailer_lib_versions(struct buf *out) PX_WUR;

#endif
