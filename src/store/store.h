/* store: the hub's nodes in SQLite (WAL, foreign keys, synchronous=FULL),
 * or in PostgreSQL when opened with a postgresql:// URI (db.h, schema_pg.c).
 *
 * Writes happen in batches: store_nodes_put() writes all the nodes of one
 * file in one transaction, or none of them. Every change of a node appends a
 * revision (the node's export object), so nothing is overwritten without a
 * trace. A store handle is used by one thread at a time. */
#ifndef PX_STORE_H
#define PX_STORE_H

#include "../core/core.h"
#include "../model/model.h"

struct store;

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 10

/* Opens (creating if needed) the store at path and brings its schema up to
 * date. On failure returns an error and writes the reason to why.
 * Caller closes with store_close(). */
enum px_err store_open(const char *path, struct store **out, struct buf *why) PX_WUR;
/* store_open() of a store that exists: a missing SQLite file is PX_EIO
 * ("the store's file ... is gone"), never made anew. For the server's
 * workers and follower, which open their handles while serving: a store
 * moved away under them must not come back empty. */
enum px_err store_open_existing(const char *path, struct store **out, struct buf *why) PX_WUR;
/* Is target a PostgreSQL URI (postgresql:// or postgres://), not a file? */
int store_is_url(const char *target);
/* target as messages may show it: a URI without its password (malloc'd;
 * NULL when out of memory). */
char *store_redact(const char *target);
/* Opens the store only to read (SQLITE_OPEN_READONLY), so that a store
 * file or directory the caller may not write can be read. A store that is
 * missing or needs a migration is opened as by store_open(). PX_EDENIED
 * with the cause in why (e.g. "a read-only file") when the store must be
 * written and cannot be; store_open() says so the same way. */
enum px_err store_open_read(const char *path, struct store **out, struct buf *why) PX_WUR;
/* Opens without migrating (tests use it to build old schemas). */
enum px_err store_open_at_version(const char *path, int version, struct store **out, struct buf *why) PX_WUR;
void store_close(struct store *st);
int store_schema_version(struct store *st);

struct store_report {
	size_t added;     /* nodes new to the store */
	size_t updated;   /* nodes whose content changed */
	size_t unchanged; /* nodes already stored exactly so */
	int line;         /* on a refusal: the source line of the node refused, 0 if none */
};

/* Writes nodes in one transaction. Nodes with nid 0 get one: the nid of the
 * stored node with the same type, title and author if there is one (so a
 * re-ingest keeps ids), else a fresh nid above every nid in the store and in
 * nodes, in order; nids above NODE_NID_MAX are refused. source (e.g. the file name) is recorded with the
 * batch. On failure nothing is written and why says what the store refused. */
enum px_err store_nodes_put(struct store *st, struct ptrvec *nodes, const char *source,
			    struct store_report *rep, struct buf *why) PX_WUR;

/* Calls fn(done, total, arg) while store_nodes_put() writes a large batch
 * (every few thousand nodes), e.g. for a progress line. fn NULL turns it off. */
void store_set_progress(struct store *st, void (*fn)(size_t done, size_t total, void *arg), void *arg);

/* Is the store answering: the file at its path is still the one it
 * opened (not removed, not replaced by a restore under it) and a read of
 * its header succeeds? PX_OK, or PX_EIO/PX_ESTORE with why in one line.
 * Cheap: a stat(2) and a pragma (the health check's, every second). */
enum px_err store_check(struct store *st, struct buf *why) PX_WUR;
/* How many store operations failed with an SQLite error since the process
 * started (every handle: a process-wide count, for /metrics). */
uint64_t store_failures(void);

/* Opens a read transaction unless one is open, so that the reads until
 * store_read_end() see one state of the store and take SQLite's locks
 * once (a page reads a dozen nodes). Returns what store_read_end() wants. */
int store_read_begin(struct store *st);
void store_read_end(struct store *st, int begun);

/* Opens a write transaction (BEGIN IMMEDIATE) unless one is open, so that
 * several writes (a request and the mail that tells of it) land together or
 * not at all. Returns 1 if it began one, 0 if one was open, -1 on failure.
 * store_write_end() commits when ok and begun, rolls back when !ok and
 * begun, and does nothing when it did not begin one; PX_ESTORE if the
 * commit fails (everything is then rolled back). */
int store_write_begin(struct store *st);
enum px_err store_write_end(struct store *st, int begun, int ok) PX_WUR;

/* Reads node nid. PX_ENOTFOUND if there is none. Caller frees *out. */
enum px_err store_node_get(struct store *st, int64_t nid, struct node **out) PX_WUR;

/* Appends the readable text of node nid (subtitle, section texts, body,
 * one per line) to out: what a snippet is cut from, in one read. */
enum px_err store_node_text(struct store *st, int64_t nid, struct buf *out) PX_WUR;

/* The time node nid last changed, as RFC 3339 UTC ("2026-11-26T02:26:02.442Z")
 * in out. PX_ENOTFOUND if there is no such node. */
enum px_err store_node_updated(struct store *st, int64_t nid, char out[32]) PX_WUR;

/* Calls fn for every node, newest (highest nid) first, until fn returns
 * non-zero. The node is borrowed for the call. */
enum px_err store_nodes_each(struct store *st, int (*fn)(const struct node *, void *), void *arg) PX_WUR;

/* Counts per value of field (one of "type", "language", "country", "theme",
 * "label"), largest first; fn is called once per value. */
enum px_err store_count_by(struct store *st, const char *field,
			   void (*fn)(const char *value, int64_t count, void *), void *arg) PX_WUR;

struct store_totals {
	int64_t nodes, revisions, batches, max_nid;
};
enum px_err store_totals(struct store *st, struct store_totals *t) PX_WUR;

/* The newest revision number: it grows with every change, so a copy of the
 * store's content (an index snapshot) can tell what it has missed. 0 for an
 * empty store, -1 on error. */
int64_t store_last_revision(struct store *st);

/* Calls fn(nid) once for every node changed after revision rev, until fn
 * returns non-zero. */
enum px_err store_changed_since(struct store *st, int64_t rev, int (*fn)(int64_t nid, void *),
				void *arg) PX_WUR;

/* Waits until a change by anyone may have happened to the store since the
 * last call on st, or timeout_ms passed (watch.c: SQLite's data_version
 * polled every 50 ms, PostgreSQL's NOTIFY). 1: look (a change, the first
 * call on st, or a reconnection); 0: the timeout passed with no change;
 * -1: the store cannot be read. A change may be another kind than a
 * revision (a session, the audit): the caller asks store_last_revision().
 * Call it outside a transaction. */
int store_wait_change(struct store *st, int timeout_ms);

/* ---- one node at a time: the web's forms ---- */

/* Saves n with its state as one new revision by account. n->nid 0: a new
 * node, given the next free nid (set in n). base is the revision the editor
 * started from (0 for a new node): if it is no longer the node's newest,
 * nothing is written and PX_ECONFLICT returned. Saving what is stored
 * exactly so writes nothing. *rev: the node's newest revision after. */
enum px_err store_node_save(struct store *st, struct node *n, int64_t base, int64_t account, int64_t *rev,
			    struct buf *why) PX_WUR;
/* The newest revision of nid: 0 if it has none, -1 on error. */
int64_t store_node_rev(struct store *st, int64_t nid);

/* Calls fn(nid, title, updated) for up to limit nodes in state st (owned
 * by owner, unless owner is 0), the most recently changed first. */
enum px_err store_nodes_in_state(struct store *st, enum node_state state, int64_t owner, size_t limit,
				 void (*fn)(int64_t nid, const char *title, const char *updated, void *),
				 void *arg) PX_WUR;

/* One revision of a node: who wrote it (account name, or the ingested
 * file) and the state it left (NULL for an ingest: unchanged). */
struct store_revision {
	int64_t rev;
	const char *at, *account, *state, *source;
};
/* Calls fn for every revision of nid, newest first (borrowed for the call). */
enum px_err store_revisions_each(struct store *st, int64_t nid,
				 void (*fn)(const struct store_revision *, void *), void *arg) PX_WUR;
/* Node nid as revision rev left it. PX_ENOTFOUND if there is no such
 * revision of nid. Caller frees *out. */
enum px_err store_revision_get(struct store *st, int64_t nid, int64_t rev, struct node **out) PX_WUR;

/* ---- backups (backup.c) ---- */

/* Writes a copy of the store to path, an SQLite file, while it is in use
 * (SQLite's online backup; a PostgreSQL store is copied by store_copy()
 * from one snapshot): path is replaced only by a whole copy. */
enum px_err store_backup(struct store *st, const char *path, struct buf *why) PX_WUR;
/* Replaces the store's content with the backup at path (an SQLite file,
 * whichever the store's backend), after checking it is a store this praxis
 * reads and that it is whole (integrity check).
 * Serve nothing from the store meanwhile. */
enum px_err store_restore(struct store *st, const char *path, struct buf *why) PX_WUR;

/* ---- whole-store copies (copy.c) ---- */

struct store_copy_report {
	size_t tables;
	int64_t rows;
};
/* Copies every row of every table of from into to, keys and all, reading
 * one snapshot of from and writing to in one transaction. to must hold no
 * node and no account, unless replace: then its rows are deleted first
 * (in the same transaction). Both must be at STORE_SCHEMA_VERSION. Works
 * between any two backends (SQLite, PostgreSQL). */
enum px_err store_copy(struct store *from, struct store *to, int replace, struct store_copy_report *rep,
		       struct buf *why) PX_WUR;

/* The number of revisions of node nid. */
int64_t store_revision_count(struct store *st, int64_t nid);

/* Appends a line "NAME VERSION" for each library the store runs with, as the
 * library reports it at run time (SQLite, libsodium). PX_ENOMEM if out is
 * full. */
enum px_err store_lib_versions(struct buf *out) PX_WUR;

#endif
