/* The PostgreSQL half of db.h, over libpq.
 *
 * Statements: pg_prepare() only rewrites the SQL (db_pg_sql.c); the
 * statement runs at its first step, prepared on the server once per
 * session: a cache per connection, keyed by the SQL and the types its
 * parameters were bound with, names the server's prepared statements (the
 * store prepares most statements at each call and steps the hot ones
 * thousands of times: either way the server parses and plans each once).
 * Its rows are fetched at once, in text format, and handed out one per
 * step: the store runs other statements while it steps through rows, which
 * libpq's single-row mode would forbid.
 *
 * Parameter types: an integer is sent as int8, a double as float8, text
 * and NULL as unknown, for the server to infer from the context as for a
 * quoted literal ('12' against a bigint column is a bigint). A parameter
 * the server cannot infer (a number never used: SQLSTATE 42P18; ?1 IS NULL
 * before any other use of ?1: 42P08; both name it) is prepared again as
 * text. Inside a
 * transaction, preparing runs under a savepoint: a statement that fails to
 * prepare leaves the transaction usable, as with SQLite.
 *
 * Reconnecting: a call that finds the server gone fails with DB_GONE and
 * marks the connection; the next call, or the first after the server
 * closed an idle connection, tries PQreset() once (bounded by
 * connect_timeout: 3 s unless the URI says) and, on success, starts a new
 * session generation: the cache is emptied (statements are prepared again
 * as they step), the time zone and lock timeout set again, LISTENs issued
 * again. A transaction the lost session held is gone with it: until the
 * store ends it, statements fail with DB_GONE, COMMIT too (so nothing
 * written before the loss passes for committed); ROLLBACK succeeds. */
#include "db_pg.h"

#include <errno.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Type OIDs (catalog/pg_type_d.h is a server header). */
enum { BOOLOID = 16, INT8OID = 20, INT2OID = 21, INT4OID = 23, TEXTOID = 25, OIDOID = 26,
       FLOAT4OID = 700, FLOAT8OID = 701, NUMERICOID = 1700 };

#define CACHE_SLOTS  256 /* prepared statements kept per session; the store has fewer distinct ones */
#define MAX_CHANNELS 8
/* The store's one write lock (db_begin_write), an advisory lock key: any
 * constant the store alone uses ("PRAX" in ASCII). */
#define WRITE_LOCK   "1350721912"
/* Set at each session's start: times in UTC as SQLite's are; a writer
 * waits for the write lock as long as SQLite's busy timeout (schema.c),
 * then gets DB_BUSY. */
#define SESSION_SQL  "SET TIME ZONE 'UTC'; SET lock_timeout = '10s'"

struct prepared {       /* a statement prepared on the server in this session */
	char *sql;      /* PostgreSQL's spelling; owned; NULL: a free slot */
	uint64_t hash;  /* of sql */
	int nparams;
	Oid *asked;     /* [nparams] the types the bindings asked for (the key); then [nparams] those
			   prepared (text where the server could not infer); owned */
	uint64_t id;    /* its name is px<id>; unique in the connection */
	uint64_t used;  /* the connection's clock at its last use: the least recent is evicted */
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

struct param {
	int null;        /* NULL, or never bound */
	Oid type;        /* INT8OID, FLOAT8OID or 0 (text: unknown) */
	char num[32];    /* an integer's or a double's text */
	struct buf text; /* a text's copy, NUL-terminated */
};

enum { READY, ROWS, DONE }; /* a statement's state: not run; handing out rows; run */

struct pg_stmt {
	struct pg *c;
	char *sql;            /* PostgreSQL's spelling; owned */
	uint64_t hash;
	int nparams;
	struct param *p;      /* [nparams]; owned */
	const char **values;  /* [nparams], for PQexecPrepared; owned */
	int slot;             /* the cache slot it ran as last (-1: none), valid while */
	uint64_t id, gen;     /* the slot's id and the session generation are those */
	PGresult *res;        /* the rows of the current run; owned */
	int row;              /* the current row */
	int state;
};

/* ---- errors ---- */

/* Sets the connection's error to code and text (made one line); returns code. */
static int fail(struct pg *c, int code, const char *text)
{
	buf_reset(&c->msg);
	for (const char *s = text ? text : "unknown error"; *s; s++) {
		int space = *s == '\n' || *s == '\r' || *s == '\t' || *s == ' ';
		if (space && (!c->msg.len || c->msg.data[c->msg.len - 1] == ' '))
			continue;
		if (buf_addc(&c->msg, space ? ' ' : *s))
			break;
	}
	while (c->msg.len && c->msg.data[c->msg.len - 1] == ' ')
		c->msg.data[--c->msg.len] = '\0';
	c->code = code;
	if (code == DB_GONE)
		c->gone = 1;
	return code;
}

/* The DB_ code of a failed result (NULL: no result at all). */
static int code_of(struct pg *c, const PGresult *res)
{
	const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (PQstatus(c->conn) == CONNECTION_BAD)
		return DB_GONE;
	if (!st || strlen(st) != 5)
		return DB_ERROR;
	if (!strncmp(st, "23", 2))
		return DB_CONSTRAINT;
	if (!strcmp(st, "40001") || !strcmp(st, "40P01") || !strcmp(st, "55P03"))
		return DB_BUSY;
	if (!strcmp(st, "25006"))
		return DB_READONLY;
	if (!strncmp(st, "08", 2) || !strcmp(st, "57P01") || !strcmp(st, "57P02") || !strcmp(st, "57P03"))
		return DB_GONE;
	return DB_ERROR;
}

/* Records why res (NULL: none) failed; returns its DB_ code. */
static int fail_result(struct pg *c, const PGresult *res)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	return fail(c, code_of(c, res), primary ? primary : PQerrorMessage(c->conn));
}

static int result_ok(const PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

/* Notes what a result tells of the session: its transaction status and,
 * for INSERT, UPDATE and DELETE (MERGE too), the rows they changed. */
static void note(struct pg *c, const PGresult *res)
{
	PGTransactionStatusType t = PQtransactionStatus(c->conn);
	if (t != PQTRANS_UNKNOWN)
		c->in_tx = t != PQTRANS_IDLE;
	const char *cmd = PQcmdStatus((PGresult *)res);
	if (cmd && (!strncmp(cmd, "INSERT ", 7) || !strncmp(cmd, "UPDATE ", 7) || !strncmp(cmd, "DELETE ", 7) ||
		    !strncmp(cmd, "MERGE ", 6)))
		c->changes = strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* Runs sql (no parameters, already in PostgreSQL's spelling); DB_OK or the
 * failure's code. */
static int simple(struct pg *c, const char *sql)
{
	PGresult *res = PQexec(c->conn, sql);
	int rc = res && result_ok(res) ? DB_OK : fail_result(c, res);
	if (rc == DB_OK)
		note(c, res);
	PQclear(res);
	return rc;
}

/* ---- sessions ---- */

static void cache_clear(struct pg *c)
{
	for (int i = 0; i < CACHE_SLOTS; i++) {
		free(c->cache[i].sql);
		free(c->cache[i].asked);
		c->cache[i] = (struct prepared){0};
	}
}

/* What every session starts with: the settings and the LISTENs. */
static int session_start(struct pg *c)
{
	struct buf sql;
	buf_init(&sql, 1 << 16);
	int rc = buf_adds(&sql, SESSION_SQL) ? DB_NOMEM : DB_OK;
	for (int i = 0; i < c->nchannels && rc == DB_OK; i++) {
		char *id = PQescapeIdentifier(c->conn, c->channels[i], strlen(c->channels[i]));
		rc = id && !buf_printf(&sql, "; LISTEN %s", id) ? DB_OK : fail(c, DB_NOMEM, "out of memory");
		PQfreemem(id);
	}
	if (rc == DB_OK)
		rc = simple(c, sql.data);
	buf_free(&sql);
	return rc;
}

/* Has the server closed an idle connection (a shutdown, a crash, a
 * terminated backend)? Its socket is then readable: one poll() without
 * waiting, so that the first call after a restart reconnects instead of
 * failing on the dead session. */
static int closed(struct pg *c)
{
	struct pollfd p = {.fd = PQsocket(c->conn), .events = POLLIN};
	if (p.fd < 0)
		return 1;
	if (poll(&p, 1, 0) <= 0)
		return 0;
	return !PQconsumeInput(c->conn) || PQstatus(c->conn) != CONNECTION_OK;
}

/* The gate of every call that talks to the server: when the server was
 * found gone, one reconnection attempt. DB_OK or DB_GONE. */
static int alive(struct pg *c)
{
	if (!c->gone && PQstatus(c->conn) == CONNECTION_OK && !closed(c))
		return DB_OK;
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK)
		return fail(c, DB_GONE, PQerrorMessage(c->conn));
	c->gone = 0;
	c->gen++;
	cache_clear(c);
	c->lost_tx |= c->in_tx;
	c->in_tx = 0;
	return session_start(c);
}

static int lost_tx(struct pg *c)
{
	return fail(c, DB_GONE, "the connection to PostgreSQL was lost in a transaction, which was rolled back");
}

/* Notices (DROP TABLE IF EXISTS's "skipping", a COMMIT outside a
 * transaction) are not errors; libpq would print them on stderr. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int pg_connect(const char *uri, struct pg **out)
{
	struct pg *c = calloc(1, sizeof *c);
	*out = c;
	if (!c)
		return DB_NOMEM;
	buf_init(&c->msg, 4096);
	/* keywords before dbname (the URI) are defaults it may override; those
	 * after it are forced */
	const char *keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding", NULL};
	const char *values[] = {"3", "praxis", uri, "UTF8", NULL};
	c->conn = PQconnectdbParams(keys, values, 1);
	if (!c->conn)
		return fail(c, DB_NOMEM, "out of memory");
	PQsetNoticeProcessor(c->conn, ignore_notice, NULL);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		fail(c, DB_CANTOPEN, PQerrorMessage(c->conn));
		c->gone = 1;
		return DB_CANTOPEN;
	}
	return session_start(c);
}

void pg_close(struct pg *c)
{
	if (!c)
		return;
	PQfinish(c->conn);
	cache_clear(c);
	for (int i = 0; i < c->nchannels; i++)
		free(c->channels[i]);
	buf_free(&c->msg);
	free(c);
}

const char *pg_errmsg(struct pg *c)
{
	return c->msg.len ? c->msg.data : "not an error";
}

int pg_errcode(struct pg *c)
{
	return c->code;
}

/* Is sql the one word w (any case, blanks and a semicolon around it)? */
static int is_command(const char *sql, const char *w)
{
	sql += strspn(sql, " \t\r\n");
	size_t n = strlen(w);
	if (strncasecmp(sql, w, n))
		return 0;
	sql += n;
	return sql[strspn(sql, " \t\r\n;")] == '\0';
}

int pg_exec(struct pg *c, const char *sql)
{
	int rc = alive(c);
	if (rc != DB_OK)
		return rc;
	if (c->lost_tx) {
		c->lost_tx = !is_command(sql, "ROLLBACK") && !is_command(sql, "COMMIT") && !is_command(sql, "END");
		return is_command(sql, "ROLLBACK") ? DB_OK : lost_tx(c);
	}
	struct buf pgsql;
	int nparams;
	const char *why;
	buf_init(&pgsql, BUF_CAP_DEFAULT);
	enum px_err err = pg_sql_translate(sql, strlen(sql), &pgsql, &nparams, &why);
	if (err || nparams)
		rc = fail(c, err == PX_ENOMEM ? DB_NOMEM : DB_ERROR, err ? (why ? why : px_strerror(err))
									  : "parameters in SQL run without any");
	else
		rc = simple(c, pgsql.data ? pgsql.data : "");
	buf_free(&pgsql);
	return rc;
}

/* REPEATABLE READ: one snapshot for the whole transaction, as SQLite's read
 * transaction has (an export reads many tables that must agree). */
int pg_begin_read(struct pg *c)
{
	return pg_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

int pg_begin_write(struct pg *c)
{
	int rc = pg_exec(c, "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")");
	if (rc != DB_OK && rc != DB_GONE && PQtransactionStatus(c->conn) != PQTRANS_IDLE)
		PQclear(PQexec(c->conn, "ROLLBACK")); /* as SQLite's BEGIN IMMEDIATE: no transaction when refused */
	if (rc != DB_OK)
		c->in_tx = PQtransactionStatus(c->conn) != PQTRANS_IDLE && PQstatus(c->conn) == CONNECTION_OK;
	return rc;
}

int pg_in_transaction(struct pg *c)
{
	PGTransactionStatusType t = PQtransactionStatus(c->conn);
	return c->lost_tx || (t == PQTRANS_UNKNOWN ? c->in_tx : t != PQTRANS_IDLE);
}

int64_t pg_changes(struct pg *c)
{
	return c->changes;
}

/* ---- LISTEN/NOTIFY ---- */

int pg_listen(struct pg *c, const char *channel)
{
	for (int i = 0; i < c->nchannels; i++)
		if (!strcmp(c->channels[i], channel))
			return DB_OK;
	if (c->nchannels == MAX_CHANNELS)
		return fail(c, DB_ERROR, "too many channels to listen to");
	int rc = alive(c);
	if (rc != DB_OK)
		return rc;
	char *id = PQescapeIdentifier(c->conn, channel, strlen(channel));
	char *copy = strdup(channel);
	struct buf sql;
	buf_init(&sql, 1 << 16);
	if (!id || !copy || buf_printf(&sql, "LISTEN %s", id))
		rc = fail(c, DB_ERROR, id ? "out of memory" : PQerrorMessage(c->conn));
	else if ((rc = simple(c, sql.data)) == DB_OK) {
		c->channels[c->nchannels++] = copy;
		copy = NULL;
	}
	free(copy);
	PQfreemem(id);
	buf_free(&sql);
	return rc;
}

/* 1 if notifications were pending (consumed), else 0. */
static int drain(struct pg *c)
{
	int got = 0;
	for (PGnotify *n; (n = PQnotifies(c->conn)); got = 1)
		PQfreemem(n);
	return got;
}

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int pg_wait_notify(struct pg *c, int timeout_ms)
{
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	if (c->gone || PQstatus(c->conn) != CONNECTION_OK) {
		if (alive(c) == DB_OK)
			return 1; /* a new session: what happened meanwhile was not notified */
		int64_t left = deadline - now_ms();
		if (left > 0)
			nanosleep(&(struct timespec){left / 1000, (long)(left % 1000) * 1000000}, NULL);
		return -1;
	}
	for (;;) {
		if (!PQconsumeInput(c->conn)) {
			fail(c, DB_GONE, PQerrorMessage(c->conn));
			return -1;
		}
		if (drain(c))
			return 1;
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = {.fd = PQsocket(c->conn), .events = POLLIN};
		if (p.fd < 0) {
			fail(c, DB_GONE, "no connection to PostgreSQL");
			return -1;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR) {
			fail(c, DB_ERROR, strerror(errno));
			return -1;
		}
	}
}

/* ---- statements ---- */

int pg_prepare(struct pg *c, const char *sql, struct pg_stmt **out)
{
	*out = NULL;
	int rc = alive(c);
	if (rc != DB_OK)
		return rc;
	struct pg_stmt *q = calloc(1, sizeof *q);
	struct buf pgsql;
	const char *why = NULL;
	buf_init(&pgsql, BUF_CAP_DEFAULT);
	enum px_err err = q ? pg_sql_translate(sql, strlen(sql), &pgsql, &q->nparams, &why) : PX_ENOMEM;
	if (err) {
		buf_free(&pgsql);
		free(q);
		return fail(c, err == PX_ENOMEM ? DB_NOMEM : DB_ERROR, why ? why : px_strerror(err));
	}
	q->c = c;
	q->slot = -1;
	q->sql = buf_take(&pgsql);
	q->p = calloc((size_t)q->nparams + 1, sizeof *q->p);
	q->values = calloc((size_t)q->nparams + 1, sizeof *q->values);
	if (!q->sql || !q->p || !q->values) {
		pg_finalize(q);
		return fail(c, DB_NOMEM, "out of memory");
	}
	q->hash = px_hash(q->sql, strlen(q->sql));
	for (int i = 0; i < q->nparams; i++) {
		q->p[i].null = 1;
		buf_init(&q->p[i].text, BUF_CAP_DEFAULT);
	}
	*out = q;
	return DB_OK;
}

void pg_finalize(struct pg_stmt *q)
{
	if (!q)
		return;
	for (int i = 0; q->p && i < q->nparams; i++)
		buf_free(&q->p[i].text);
	PQclear(q->res);
	free(q->p);
	free(q->values);
	free(q->sql);
	free(q);
}

int pg_reset(struct pg_stmt *q)
{
	PQclear(q->res);
	q->res = NULL;
	q->state = READY;
	return DB_OK;
}

int pg_clear_bindings(struct pg_stmt *q)
{
	for (int i = 0; i < q->nparams; i++)
		q->p[i].null = 1;
	return DB_OK;
}

/* The parameter i (from 1), NULL when out of range (the error is set). */
static struct param *param(struct pg_stmt *q, int i)
{
	if (i < 1 || i > q->nparams) {
		fail(q->c, DB_ERROR, "parameter index out of range");
		return NULL;
	}
	q->p[i - 1].null = 0;
	return &q->p[i - 1];
}

int pg_bind_int64(struct pg_stmt *q, int i, int64_t v)
{
	struct param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->type = INT8OID;
	snprintf(p->num, sizeof p->num, "%lld", (long long)v);
	return DB_OK;
}

int pg_bind_double(struct pg_stmt *q, int i, double v)
{
	struct param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->type = FLOAT8OID;
	snprintf(p->num, sizeof p->num, "%.17g", v); /* nan and inf as PostgreSQL reads them too */
	return DB_OK;
}

int pg_bind_text(struct pg_stmt *q, int i, const char *s, int n)
{
	size_t len = n < 0 ? strlen(s) : (size_t)n;
	if (memchr(s, '\0', len))
		return fail(q->c, DB_ERROR, "text with a NUL byte (PostgreSQL's text cannot hold one)");
	struct param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->type = 0;
	buf_reset(&p->text);
	if (buf_add(&p->text, s, len) || buf_addc(&p->text, '\0')) {
		p->null = 1;
		return fail(q->c, DB_NOMEM, "out of memory");
	}
	return DB_OK;
}

int pg_bind_null(struct pg_stmt *q, int i)
{
	struct param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->null = 1;
	return DB_OK;
}

int pg_bind_parameter_count(struct pg_stmt *q)
{
	return q->nparams;
}

/* Does the prepared statement e take q's bindings? A NULL fits any type. */
static int fits(const struct prepared *e, const struct pg_stmt *q)
{
	if (!e->sql || e->hash != q->hash || e->nparams != q->nparams || strcmp(e->sql, q->sql))
		return 0;
	for (int i = 0; i < q->nparams; i++)
		if (!q->p[i].null && e->asked[i] != q->p[i].type)
			return 0;
	return 1;
}

/* The number N of the last "$N" in a message (42P18 and 42P08 name the
 * parameter whose type could not be determined so, in every translation),
 * or 0. */
static int parameter_named(const char *msg)
{
	const char *d = msg ? strrchr(msg, '$') : NULL;
	int64_t k;
	if (!d || px_parse_i64(d + 1, strspn(d + 1, "0123456789"), 0, &k) || k < 1 || k > PG_SQL_MAX_PARAM)
		return 0;
	return (int)k;
}

/* Prepares e (its asked types set) on the server as px<e->id>: again with
 * text for each parameter the server cannot type (42P18, 42P08). In a
 * transaction, under a savepoint (a failure does not abort it). */
static int prepare_on_server(struct pg *c, struct prepared *e)
{
	char name[32];
	snprintf(name, sizeof name, "px%llu", (unsigned long long)e->id);
	Oid *types = e->asked + e->nparams;
	memcpy(types, e->asked, (size_t)e->nparams * sizeof *types);
	int sp = PQtransactionStatus(c->conn) == PQTRANS_INTRANS, rc;
	if (sp && (rc = simple(c, "SAVEPOINT px_prepare")) != DB_OK)
		return rc;
	for (int tries = 0;; tries++) {
		PGresult *res = PQprepare(c->conn, name, e->sql, e->nparams, types);
		rc = res && result_ok(res) ? DB_OK : fail_result(c, res);
		const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		int k = rc == DB_ERROR && st && (!strcmp(st, "42P18") || !strcmp(st, "42P08")) && tries < e->nparams
				? parameter_named(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))
				: 0;
		PQclear(res);
		if (!k || k > e->nparams || types[k - 1] != 0)
			break;
		types[k - 1] = TEXTOID;
		if (sp && (rc = simple(c, "ROLLBACK TO SAVEPOINT px_prepare")) != DB_OK)
			return rc;
	}
	if (sp && rc != DB_OK && rc != DB_GONE) {
		int keep = c->code;
		struct buf why = c->msg; /* the prepare's message, not the rollback's */
		buf_init(&c->msg, 4096);
		simple(c, "ROLLBACK TO SAVEPOINT px_prepare; RELEASE SAVEPOINT px_prepare");
		buf_free(&c->msg);
		c->msg = why;
		c->code = keep;
	} else if (sp && rc == DB_OK)
		rc = simple(c, "RELEASE SAVEPOINT px_prepare");
	return rc;
}

/* The slot of a server statement that takes q's bindings: the one q ran as
 * last, one in the cache, or a new one (evicting the least recently used).
 * -1 on failure (the error is set). */
static int prepared_for(struct pg_stmt *q)
{
	struct pg *c = q->c;
	if (q->slot >= 0 && q->gen == c->gen && c->cache[q->slot].id == q->id && fits(&c->cache[q->slot], q))
		return q->slot;
	int slot = 0;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (fits(&c->cache[i], q)) {
			slot = i;
			goto found;
		}
		if (c->cache[slot].sql && (!c->cache[i].sql || c->cache[i].used < c->cache[slot].used))
			slot = i;
	}
	struct prepared *e = &c->cache[slot];
	if (e->sql) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE px%llu", (unsigned long long)e->id);
		if (PQtransactionStatus(c->conn) != PQTRANS_INERROR && simple(c, sql) == DB_GONE)
			return -1;
		free(e->sql);
		free(e->asked);
		*e = (struct prepared){0};
	}
	e->asked = calloc(2 * (size_t)q->nparams + 1, sizeof *e->asked);
	if (!e->asked || !(e->sql = strdup(q->sql))) {
		free(e->asked);
		e->asked = NULL;
		fail(c, DB_NOMEM, "out of memory");
		return -1;
	}
	for (int i = 0; i < q->nparams; i++)
		e->asked[i] = q->p[i].null ? 0 : q->p[i].type;
	e->hash = q->hash;
	e->nparams = q->nparams;
	e->id = ++c->next_id;
	if (prepare_on_server(c, e) != DB_OK) {
		free(e->sql);
		free(e->asked);
		*e = (struct prepared){0};
		return -1;
	}
found:
	q->slot = slot;
	q->id = c->cache[slot].id;
	q->gen = c->gen;
	return slot;
}

/* Runs q; its result in q->res. DB_OK or the failure's code. */
static int run(struct pg_stmt *q)
{
	struct pg *c = q->c;
	int slot = prepared_for(q);
	if (slot < 0)
		return c->code;
	struct prepared *e = &c->cache[slot];
	e->used = ++c->clock;
	for (int i = 0; i < q->nparams; i++)
		q->values[i] = q->p[i].null ? NULL : q->p[i].type ? q->p[i].num : q->p[i].text.data;
	char name[32];
	snprintf(name, sizeof name, "px%llu", (unsigned long long)e->id);
	PGresult *res = PQexecPrepared(c->conn, name, q->nparams, q->values, NULL, NULL, 0);
	if (!res || !result_ok(res)) {
		int rc = fail_result(c, res);
		PQclear(res);
		return rc;
	}
	note(c, res);
	q->res = res;
	return DB_OK;
}

int pg_step(struct pg_stmt *q)
{
	struct pg *c = q->c;
	if (q->state == ROWS) {
		if (++q->row < PQntuples(q->res))
			return DB_ROW;
		q->state = DONE;
		return DB_DONE;
	}
	pg_reset(q); /* DONE: run again, as sqlite3_step() does */
	int rc = alive(c);
	if (rc != DB_OK)
		return rc;
	if (c->lost_tx)
		return lost_tx(c);
	if ((rc = run(q)) != DB_OK)
		return rc;
	q->row = 0;
	q->state = PQntuples(q->res) > 0 ? ROWS : DONE;
	return q->state == ROWS ? DB_ROW : DB_DONE;
}

/* ---- columns ---- */

int pg_column_count(struct pg_stmt *q)
{
	return q->res ? PQnfields(q->res) : 0;
}

const char *pg_column_name(struct pg_stmt *q, int i)
{
	return q->res && i >= 0 && i < PQnfields(q->res) ? PQfname(q->res, i) : NULL;
}

/* The current row's value of column i, NULL for NULL or no such value. */
static const char *value(struct pg_stmt *q, int i)
{
	if (q->state != ROWS || i < 0 || i >= PQnfields(q->res) || PQgetisnull(q->res, q->row, i))
		return NULL;
	return PQgetvalue(q->res, q->row, i);
}

/* Does the numeric text s have a fraction (digits after its point not all
 * zero, an exponent, NaN, Infinity) or not fit in an int64? */
static int has_fraction(const char *s)
{
	const char *dot = strchr(s, '.');
	if (strpbrk(s, "eEnNiI") || (dot && dot[1 + strspn(dot + 1, "0")]))
		return 1;
	char *end;
	errno = 0;
	(void)strtoll(s, &end, 10);
	return errno == ERANGE;
}

int pg_column_type(struct pg_stmt *q, int i)
{
	const char *v = value(q, i);
	if (!v)
		return DB_NULL;
	switch (PQftype(q->res, i)) {
	case INT2OID:
	case INT4OID:
	case INT8OID:
	case OIDOID:
	case BOOLOID:
		return DB_INTEGER;
	case FLOAT4OID:
	case FLOAT8OID:
		return DB_FLOAT;
	case NUMERICOID:
		return has_fraction(v) ? DB_FLOAT : DB_INTEGER;
	default:
		return DB_TEXT;
	}
}

double pg_column_double(struct pg_stmt *q, int i)
{
	const char *v = value(q, i);
	if (!v)
		return 0;
	if (PQftype(q->res, i) == BOOLOID)
		return *v == 't';
	return strtod(v, NULL);
}

/* As SQLite reads a number out of a value: its leading integer, or its
 * leading real truncated (saturating). */
int64_t pg_column_int64(struct pg_stmt *q, int i)
{
	const char *v = value(q, i);
	if (!v)
		return 0;
	if (PQftype(q->res, i) == BOOLOID)
		return *v == 't';
	char *end;
	long long n = strtoll(v, &end, 10);
	if (*end != '.' && *end != 'e' && *end != 'E' && !(end == v && strpbrk(v, "iI")))
		return n;
	double d = strtod(v, NULL);
	if (isnan(d))
		return 0;
	return d >= 9223372036854775807.0 ? INT64_MAX : d <= -9223372036854775808.0 ? INT64_MIN : (int64_t)d;
}

const char *pg_column_text(struct pg_stmt *q, int i)
{
	return value(q, i);
}

int pg_column_bytes(struct pg_stmt *q, int i)
{
	return value(q, i) ? PQgetlength(q->res, q->row, i) : 0;
}
