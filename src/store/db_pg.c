/* The PostgreSQL half of db.h, over libpq: the connection (its statements:
 * db_pg_stmt.c).
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
#include "db_pg_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The store's one write lock (db_begin_write), an advisory lock key: any
 * constant the store alone uses ("PRAX" in ASCII). */
#define WRITE_LOCK "1350721912"
/* Set at each session's start: times in UTC as SQLite's are; a writer
 * waits for the write lock as long as SQLite's busy timeout (schema.c),
 * then gets DB_BUSY. */
#define SESSION_SQL "SET TIME ZONE 'UTC'; SET lock_timeout = '10s'"

/* ---- errors ---- */

/* Sets the connection's error to code and text (made one line); returns code. */
int pg_fail(struct pg *c, int code, const char *text)
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
int pg_fail_result(struct pg *c, const PGresult *res)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	return pg_fail(c, code_of(c, res), primary ? primary : PQerrorMessage(c->conn));
}

int pg_result_ok(const PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

/* Notes what a result tells of the session: its transaction status and,
 * for INSERT, UPDATE and DELETE (MERGE too), the rows they changed. */
void pg_note(struct pg *c, const PGresult *res)
{
	PGTransactionStatusType t = PQtransactionStatus(c->conn);
	if (t != PQTRANS_UNKNOWN)
		c->in_tx = t != PQTRANS_IDLE;
	const char *cmd = PQcmdStatus((PGresult *)res);
	if (cmd && (!strncmp(cmd, "INSERT ", 7) || !strncmp(cmd, "UPDATE ", 7) ||
		    !strncmp(cmd, "DELETE ", 7) || !strncmp(cmd, "MERGE ", 6)))
		c->changes = strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* Runs sql (no parameters, already in PostgreSQL's spelling); DB_OK or the
 * failure's code. */
int pg_simple(struct pg *c, const char *sql)
{
	PGresult *res = PQexec(c->conn, sql);
	int rc = res && pg_result_ok(res) ? DB_OK : pg_fail_result(c, res);
	if (rc == DB_OK)
		pg_note(c, res);
	PQclear(res);
	return rc;
}

/* ---- sessions ---- */

/* What every session starts with: the settings and the LISTENs. */
static int session_start(struct pg *c)
{
	struct buf sql;
	buf_init(&sql, 1 << 16);
	int rc = buf_adds(&sql, SESSION_SQL) ? DB_NOMEM : DB_OK;
	for (int i = 0; i < c->nchannels && rc == DB_OK; i++) {
		char *id = PQescapeIdentifier(c->conn, c->channels[i], strlen(c->channels[i]));
		rc = id && !buf_printf(&sql, "; LISTEN %s", id) ? DB_OK
								: pg_fail(c, DB_NOMEM, "out of memory");
		PQfreemem(id);
	}
	if (rc == DB_OK)
		rc = pg_simple(c, sql.data);
	buf_free(&sql);
	return rc;
}

/* Has the server closed an idle connection (a shutdown, a crash, a
 * terminated backend)? Its socket is then readable: poll() without
 * waiting, so that the first call after a restart reconnects instead of
 * failing on the dead session. What is read first may be the server's
 * last words (FATAL: terminating connection ...), the end of the stream
 * only at the next read: read while there is something (a few times: a
 * stream of notifications must not hold the call). */
static int closed(struct pg *c)
{
	struct pollfd p = {.fd = PQsocket(c->conn), .events = POLLIN};
	for (int i = 0; i < 4; i++) {
		if (p.fd < 0)
			return 1;
		if (poll(&p, 1, 0) <= 0)
			return 0;
		if (!PQconsumeInput(c->conn) || PQstatus(c->conn) != CONNECTION_OK)
			return 1;
	}
	return 0;
}

/* The gate of every call that talks to the server: when the server was
 * found gone, one reconnection attempt. DB_OK or DB_GONE. */
int pg_alive(struct pg *c)
{
	if (!c->gone && PQstatus(c->conn) == CONNECTION_OK && !closed(c))
		return DB_OK;
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK)
		return pg_fail(c, DB_GONE, PQerrorMessage(c->conn));
	c->gone = 0;
	c->gen++;
	pg_cache_clear(c);
	c->lost_tx |= c->in_tx;
	c->in_tx = 0;
	return session_start(c);
}

int pg_lost_tx(struct pg *c)
{
	return pg_fail(c, DB_GONE,
		       "the connection to PostgreSQL was lost in a transaction, which was rolled back");
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
		return pg_fail(c, DB_NOMEM, "out of memory");
	PQsetNoticeProcessor(c->conn, ignore_notice, NULL);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		pg_fail(c, DB_CANTOPEN, PQerrorMessage(c->conn));
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
	pg_cache_clear(c);
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
	int rc = pg_alive(c);
	if (rc != DB_OK)
		return rc;
	if (c->lost_tx) {
		c->lost_tx =
			!is_command(sql, "ROLLBACK") && !is_command(sql, "COMMIT") && !is_command(sql, "END");
		return is_command(sql, "ROLLBACK") ? DB_OK : pg_lost_tx(c);
	}
	struct buf pgsql;
	int nparams;
	const char *why;
	buf_init(&pgsql, BUF_CAP_DEFAULT);
	enum px_err err = pg_sql_translate(sql, strlen(sql), &pgsql, &nparams, &why);
	if (err || nparams)
		rc = pg_fail(c, err == PX_ENOMEM ? DB_NOMEM : DB_ERROR,
			     err ? (why ? why : px_strerror(err)) : "parameters in SQL run without any");
	else
		rc = pg_simple(c, pgsql.data ? pgsql.data : "");
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
		PQclear(PQexec(c->conn,
			       "ROLLBACK")); /* as SQLite's BEGIN IMMEDIATE: no transaction when refused */
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
		return pg_fail(c, DB_ERROR, "too many channels to listen to");
	int rc = pg_alive(c);
	if (rc != DB_OK)
		return rc;
	char *id = PQescapeIdentifier(c->conn, channel, strlen(channel));
	char *copy = strdup(channel);
	struct buf sql;
	buf_init(&sql, 1 << 16);
	if (!id || !copy || buf_printf(&sql, "LISTEN %s", id))
		rc = pg_fail(c, DB_ERROR, id ? "out of memory" : PQerrorMessage(c->conn));
	else if ((rc = pg_simple(c, sql.data)) == DB_OK) {
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
		if (pg_alive(c) == DB_OK)
			return 1; /* a new session: what happened meanwhile was not notified */
		int64_t left = deadline - now_ms();
		if (left > 0)
			nanosleep(&(struct timespec){left / 1000, (long)(left % 1000) * 1000000}, NULL);
		return -1;
	}
	for (;;) {
		if (!PQconsumeInput(c->conn)) {
			pg_fail(c, DB_GONE, PQerrorMessage(c->conn));
			return -1;
		}
		if (drain(c))
			return 1;
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = {.fd = PQsocket(c->conn), .events = POLLIN};
		if (p.fd < 0) {
			pg_fail(c, DB_GONE, "no connection to PostgreSQL");
			return -1;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR) {
			pg_fail(c, DB_ERROR, strerror(errno));
			return -1;
		}
	}
}
