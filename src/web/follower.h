/* The follower (follower.c): the thread that brings the server's index and
 * page cache up to date with changes other processes make to the store.
 * Private to web/. */
#ifndef PX_WEB_FOLLOWER_H
#define PX_WEB_FOLLOWER_H

#include "../core/core.h"

#include <pthread.h>
#include <stdint.h>

/* The revisions at which this server's own saves put nodes in the index,
 * by nid: what the follower need not read again. An open-addressing table
 * (nid 0 marks a free slot); a few entries live at a time, as each
 * catch-up prunes those it passed. */
struct follower_mark {
	int64_t nid, rev;
};
struct follower_held {
	struct follower_mark *slots; /* [cap], cap a power of 2 or 0; owned */
	size_t cap, n;
};

/* Notes that the index holds nid as of revision rev (the higher of two
 * notes stays). Out of memory, the note is lost: the follower then reads
 * the node again, which costs time, not truth. */
void follower_held_note(struct follower_held *h, int64_t nid, int64_t rev);
/* The revision noted for nid; 0 if none. */
int64_t follower_held_rev(const struct follower_held *h, int64_t nid);
/* Forgets the notes of revisions up to upto (a catch-up passed them). */
void follower_held_prune(struct follower_held *h, int64_t upto);
void follower_held_free(struct follower_held *h);

/* What the follower does with a node the revision log names. */
enum follower_step {
	FOLLOWER_SKIP,   /* the index holds it as stored already (a save of this server) */
	FOLLOWER_READ,   /* read it and put it in the index (index_put() takes a draft
			    or an unpublished node out) */
	FOLLOWER_REMOVE, /* it is gone from the store: out of the index */
};
/* The step for a node whose newest revision in the store is stored (0:
 * none, the node is gone) and that the index holds as of held (0: not
 * noted). Pure. */
enum follower_step follower_step_of(int64_t held, int64_t stored);

/* The wait before retrying a store that failed, after a wait of prev_ms
 * (0: the first failure): 50 ms, doubled each time, up to 1 s. */
unsigned follower_backoff_ms(unsigned prev_ms);

/* The follower's state, in struct server. The counters are read by
 * /metrics with relaxed atomics. */
struct follower {
	pthread_t thread;
	int started;               /* thread runs: follower_stop() joins it */
	pthread_mutex_t lock;      /* guards stopping, for the back-off's wait */
	pthread_cond_t wake;       /* signalled by follower_stop() */
	int stopping;              /* set by follower_stop() (atomic: read between steps) */
	int64_t revision;          /* the store's revision the index is caught up to (atomic) */
	int64_t indexed;           /* the newest revision anything in the index comes from
				      (atomic): revision, or a save of this server's past it;
				      a replica behind it is not read (server.c) */
	struct follower_held held; /* guarded by the server's ix_lock */
	uint64_t catch_ups;        /* catch-ups that changed the index (atomic) */
	uint64_t applied;          /* nodes they put or took out (atomic) */
	uint64_t lag_us;           /* the last one's time from the wake-up to applied, in µs (atomic) */
	int down;                  /* the store failed and was not answering since: logged once */
	int went_back;             /* the store's newest revision was found below revision: warned once */
};

struct server;
/* The newest revision anything in srv's index comes from. */
int64_t follower_indexed(struct server *srv);
/* Starts srv's follower, its index holding the store's revision revision
 * (index_open()'s included). PX_ENOMEM when the thread cannot start. A
 * store that cannot be opened is no error: the thread retries it. */
enum px_err follower_start(struct server *srv, int64_t revision) PX_WUR;
/* Stops it (within WAIT_MS, 0.1 s, plus a batch under way) and joins it;
 * a no-op if it did not start. */
void follower_stop(struct server *srv);
/* Notes that this server's own save put nid in its index as of revision
 * rev, so that the follower does not read it again. The caller holds
 * ix_lock for writing. */
void follower_note(struct server *srv, int64_t nid, int64_t rev);
/* Whether the follower has put nid in srv's index as of revision rev or a
 * later one: a catch-up passed rev, or one under way took nid at rev or
 * later. The caller holds ix_lock. */
int follower_took(struct server *srv, int64_t nid, int64_t rev);

#endif
