/* What a reader keeps (schema v8): saved searches with the time their
 * digest reached, the digests' unsubscribe keys, and dossiers of
 * practices.
 *
 * Everything is by account: a function given an account and an id finds
 * the row only when the account owns it (PX_ENOTFOUND otherwise, as for a
 * row that does not exist), so a page cannot show or change another
 * reader's by naming its id. Limits are checked in the transaction that
 * adds, so two tabs cannot pass them together. */
#ifndef PX_READER_H
#define PX_READER_H

#include "store.h"
#include "user.h"

#include <time.h>

#define READER_NAME_MAX     200  /* bytes of a saved search's or dossier's name */
#define READER_QUERY_MAX    2000 /* bytes of a saved search's query string */
#define READER_SEARCHES_MAX 50   /* saved searches a reader */
#define READER_DOSSIERS_MAX 100  /* dossiers a reader */
#define DOSSIER_ITEMS_MAX   500  /* practices a dossier */

/* Is name usable for a saved search or a dossier: 1 to READER_NAME_MAX
 * bytes of UTF-8 without control characters, not only spaces? NULL, or
 * why not (a msgid). */
const char *reader_name_problem(const char *name);

struct saved_search {
	int64_t id;
	int64_t account;
	char name[READER_NAME_MAX + 1];
	char query[READER_QUERY_MAX + 1]; /* q=...&themes=...: a /search query string */
	int64_t created;                  /* unix seconds */
	int64_t digested_ms;              /* unix milliseconds: the digest told of what was
					     published before (saving it counts as one) */
};

/* PX_ETOOBIG past READER_SEARCHES_MAX; PX_EUSAGE for a bad name or query.
 * now_ms: unix milliseconds (what is published after it is new). */
enum px_err saved_search_add(struct store *st, int64_t account, const char *name, const char *query,
			     int64_t now_ms, int64_t *id) PX_WUR;
enum px_err saved_search_delete(struct store *st, int64_t account, int64_t id) PX_WUR;
/* fn for each saved search of account, oldest first; account 0: of every
 * enabled reader whose digest is on, by account. */
enum px_err saved_search_each(struct store *st, int64_t account, void (*fn)(const struct saved_search *, void *),
			      void *arg) PX_WUR;
/* The digest of search id told of everything published before t_ms. */
enum px_err saved_search_digested(struct store *st, int64_t id, int64_t t_ms) PX_WUR;
/* When node nid was first published, in unix milliseconds: its first
 * revision in the published state (an ingest's are), else (a draft whose
 * state alone was changed) its last update; 0 if there is no such node. */
enum px_err reader_published_ms(struct store *st, int64_t nid, int64_t *t_ms) PX_WUR;

/* A key for the unsubscribe link of a digest to account (kept as its hash,
 * never expires: a digest read a month later still unsubscribes). */
enum px_err digest_key_new(struct store *st, int64_t account, time_t now, char token[SESSION_TOKEN_N]) PX_WUR;
/* The account a key unsubscribes: *account, or PX_ENOTFOUND. */
enum px_err digest_key_find(struct store *st, const char *token, int64_t *account) PX_WUR;

struct dossier {
	int64_t id;
	char name[READER_NAME_MAX + 1];
	int64_t created; /* unix seconds */
	size_t items;    /* practices in it */
};

/* PX_ETOOBIG past READER_DOSSIERS_MAX; PX_EUSAGE for a bad name. */
enum px_err dossier_add(struct store *st, int64_t account, const char *name, time_t now, int64_t *id) PX_WUR;
enum px_err dossier_get(struct store *st, int64_t account, int64_t id, struct dossier *out) PX_WUR;
enum px_err dossier_rename(struct store *st, int64_t account, int64_t id, const char *name) PX_WUR;
enum px_err dossier_delete(struct store *st, int64_t account, int64_t id) PX_WUR;
/* fn for each dossier of account, by name. */
enum px_err dossier_each(struct store *st, int64_t account, void (*fn)(const struct dossier *, void *),
			 void *arg) PX_WUR;
/* Adds practice nid (PX_OK if it is there already); PX_ETOOBIG past
 * DOSSIER_ITEMS_MAX. The caller checks that nid is a practice it may see. */
enum px_err dossier_item_add(struct store *st, int64_t account, int64_t id, int64_t nid, time_t now) PX_WUR;
enum px_err dossier_item_remove(struct store *st, int64_t account, int64_t id, int64_t nid) PX_WUR;
/* The nids of dossier id in the order they were added: at most max in
 * nids, *n of them. */
enum px_err dossier_items(struct store *st, int64_t account, int64_t id, int64_t *nids, size_t max,
			  size_t *n) PX_WUR;

#endif
