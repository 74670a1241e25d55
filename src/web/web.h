/* web: the hub's HTTP server (libmicrohttpd): pages rendered from
 * templates, the search engine and the store. */
#ifndef PX_WEB_H
#define PX_WEB_H

#include "../core/core.h"

#include <stdio.h>
#include <time.h>

struct index;

#define WEB_PER_IP_MAX 64 /* the default: enough for a browser and a proxy's few */

struct web_options {
	const char *db;       /* the store's path: each worker opens a handle */
	const char *db_read;  /* a streaming replica of db (PostgreSQL) for anonymous reads;
				 NULL: none (server.c's read_begin()) */
	struct index *ix;     /* the store's index: searched by the workers, changed by
				 the editors' saves and by other processes' changes to
				 the store (under a lock the server keeps) */
	int64_t revision;     /* the store's revision ix holds (index_open()'s included):
				 the server follows the store's changes from it */
	const char *bind;     /* IPv4 or IPv6 address; NULL: 127.0.0.1 */
	unsigned port;        /* 0: any free port */
	unsigned threads;     /* worker threads; 0: one per CPU */
	unsigned per_ip;      /* connections one address may hold; 0: WEB_PER_IP_MAX */
	const char *access_log; /* the file a line per request is appended to (SIGHUP reopens
				   it); NULL: stderr */
	int quiet;            /* no access log */
	FILE *ready;          /* where "serving URL" is printed once listening */
	const char *tls_cert; /* PEM files: HTTPS when both are set */
	const char *tls_key;
	const char *version;    /* praxis's own, for the start line and /metrics; NULL: "unknown" */
	const char *public_url; /* "https://hub.example.org": the origin mailed links name;
				   NULL: the Host header of the request that mails */
	const char *smtp;       /* the mail relay's URL (smtp://, smtps://); NULL: mail waits
				   in the outbox */
	const char *mail_from;  /* the sender's address; NULL: praxis@ the host's name */
	unsigned smtp_retry_s;  /* the first back-off after a failed delivery; 0: 60 s */
	/* the service manager's hooks (cli: sd_notify); NULL: none */
	void (*on_ready)(const char *url, void *ctx); /* once listening, url as printed */
	void (*on_stopping)(void *ctx);               /* SIGTERM/SIGINT came: the stop begins */
	void *hook_ctx;                               /* passed to both */
	const struct cidr_set *trusted;    /* --trusted-proxy: peers whose Forwarded,
					      X-Forwarded-For and -Proto are believed; NULL: none */
	const struct cidr_set *admin_from; /* --admin-from: who may reach /healthz and
					      /metrics; NULL or empty: loopback only */
};

/* Compiles the templates and serves until SIGTERM or SIGINT, letting
 * requests under way finish; SIGHUP reopens the access log's file. Returns PX_OK after a clean stop; otherwise an
 * error with why set (a template does not compile, the address cannot be
 * bound). */
enum px_err web_serve(const struct web_options *o, struct buf *why) PX_WUR;

/* The daily digest of readers' saved searches (digest.c): queues in the
 * outbox, for each reader whose digest is on and has a search due (its last
 * digest DIGEST_GAP_S, 20 hours, ago or more), one mail in the reader's
 * language listing the practices published since, with links under
 * public_url ("https://hub.example.org") and an unsubscribe link; none when
 * nothing is new. Running it twice in a day sends nothing twice. */
struct store;
struct web_digest_counts {
	size_t searches;  /* saved searches that were due */
	size_t mails;     /* mails queued */
	size_t practices; /* practices they tell of (one in two searches counts twice) */
};
enum px_err web_digest(struct store *st, const struct index *ix, const char *public_url, time_t now,
		       struct web_digest_counts *out, struct buf *why) PX_WUR;

/* Machine translation of a node (translation.c): from the store's cache
 * (translation.h) or made at once and kept (*made then 1), into lang.
 * PX_ENOTFOUND when there is no path from the node's language to lang;
 * PX_EIO/PX_EPARSE with why when Apertium fails. Free t->html. */
struct node;
struct mt;
struct translation;
enum px_err translation_now(struct store *st, const struct mt *m, const struct node *n, int64_t rev,
			    const char *lang, struct translation *t, int *made, struct buf *why) PX_WUR;
/* A translated document as plain text for a terminal: a piece a
 * paragraph, tags off, the five entities html escapes decoded. */
enum px_err translation_text(const char *html, struct buf *out) PX_WUR;

/* Appends a line "NAME VERSION" for each library the web server runs with,
 * as the library reports it at run time (libmicrohttpd, cmark, zlib).
 * PX_ENOMEM if out is full. */
enum px_err web_lib_versions(struct buf *out) PX_WUR;

#endif
