/* Private to db_pg.c (the connection) and db_pg_stmt.c (its statements):
 * the connection's state and the helpers both use. */
#ifndef PX_STORE_DB_PG_INT_H
#define PX_STORE_DB_PG_INT_H

#include "db_pg.h"

#include <libpq-fe.h>

#define CACHE_SLOTS  256 /* prepared statements kept per session; the store has fewer distinct ones */
#define MAX_CHANNELS 8

struct prepared {      /* a statement prepared on the server in this session */
	char *sql;     /* PostgreSQL's spelling; owned; NULL: a free slot */
	uint64_t hash; /* of sql */
	int nparams;
	Oid *asked;    /* [nparams] the types the bindings asked for (the key); then [nparams] those
			  prepared (text where the server could not infer); owned */
	uint64_t id;   /* its name is px<id>; unique in the connection */
	uint64_t used; /* the connection's clock at its last use: the least recent is evicted */
};

struct pg {
	PGconn *conn;
	uint64_t gen;     /* session generation: bumped at each reconnect */
	int gone;         /* a call found the server gone: the next one reconnects first */
	int in_tx;        /* the session was in a transaction when last heard from */
	int lost_tx;      /* a reconnect lost a transaction the store has not ended yet */
	int code;         /* the last failure's DB_ code */
	struct buf msg;   /* its message, one line */
	int64_t changes;  /* rows the last INSERT, UPDATE or DELETE changed */
	uint64_t next_id; /* for prepared statement names */
	uint64_t clock;   /* counts executions, for the cache's eviction */
	struct prepared cache[CACHE_SLOTS];
	char *channels[MAX_CHANNELS]; /* LISTENed to, again after a reconnect; owned */
	int nchannels;
};

/* Sets c's error to code and text (made one line: libpq's messages have
 * several); DB_GONE also marks the connection for a reconnect. Returns code. */
int pg_fail(struct pg *c, int code, const char *text);
/* Records why res (NULL: none came) failed, its SQLSTATE mapped to a DB_
 * code; returns that code. */
int pg_fail_result(struct pg *c, const PGresult *res);
/* Did res succeed (a command, rows, an empty query)? */
int pg_result_ok(const PGresult *res);
/* Notes what a successful result tells of the session: whether it is in
 * a transaction, and the rows an INSERT, UPDATE, DELETE or MERGE changed. */
void pg_note(struct pg *c, const PGresult *res);
/* Runs sql (PostgreSQL's spelling, no parameters; several statements
 * allowed); DB_OK or the failure's code (the error set). */
int pg_simple(struct pg *c, const char *sql);
/* The gate of every call that talks to the server: DB_OK, or when the
 * server was found gone (or closed the idle connection), one attempt to
 * reconnect, then DB_OK (a new session) or DB_GONE. */
int pg_alive(struct pg *c);
/* The error of a call made while a lost transaction is not ended yet:
 * DB_GONE. */
int pg_lost_tx(struct pg *c);
/* Empties the prepared statement cache (the session that held them is
 * gone, or c is being closed): nothing is sent to the server. */
void pg_cache_clear(struct pg *c);

#endif
