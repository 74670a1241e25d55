/* The PostgreSQL half of db.h: statements (db_pg.c: the connection).
 *
 * pg_prepare() only rewrites the SQL (db_pg_sql.c); the statement runs at
 * its first step, prepared on the server once per session: a cache per
 * connection, keyed by the SQL and the types its parameters were bound
 * with, names the server's prepared statements (the store prepares most
 * statements at each call and steps the hot ones thousands of times:
 * either way the server parses and plans each once). Its rows are fetched
 * at once, in text format, and handed out one per step: the store runs
 * other statements while it steps through rows, which libpq's single-row
 * mode would forbid.
 *
 * Parameter types: an integer is sent as int8, a double as float8, text
 * and NULL as unknown, for the server to infer from the context as for a
 * quoted literal ('12' against a bigint column is a bigint). A parameter
 * the server cannot infer (a number never used: SQLSTATE 42P18; ?1 IS NULL
 * before any other use of ?1: 42P08; both name it) is prepared again as
 * text. Inside a transaction, preparing runs under a savepoint: a
 * statement that fails to prepare leaves the transaction usable, as with
 * SQLite. */
#include "db_pg_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Type OIDs (catalog/pg_type_d.h is a server header). */
enum {
	BOOLOID = 16,
	INT8OID = 20,
	INT2OID = 21,
	INT4OID = 23,
	TEXTOID = 25,
	OIDOID = 26,
	FLOAT4OID = 700,
	FLOAT8OID = 701,
	NUMERICOID = 1700
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
	char *sql; /* PostgreSQL's spelling; owned */
	uint64_t hash;
	int nparams;
	struct param *p;     /* [nparams]; owned */
	const char **values; /* [nparams], for PQexecPrepared; owned */
	int slot;            /* the cache slot it ran as last (-1: none), valid while */
	uint64_t id, gen;    /* the slot's id and the session generation are those */
	PGresult *res;       /* the rows of the current run; owned */
	int row;             /* the current row */
	int state;
};

int pg_prepare(struct pg *c, const char *sql, struct pg_stmt **out)
{
	*out = NULL;
	int rc = pg_alive(c);
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
		return pg_fail(c, err == PX_ENOMEM ? DB_NOMEM : DB_ERROR, why ? why : px_strerror(err));
	}
	q->c = c;
	q->slot = -1;
	q->sql = buf_take(&pgsql);
	q->p = calloc((size_t)q->nparams + 1, sizeof *q->p);
	q->values = calloc((size_t)q->nparams + 1, sizeof *q->values);
	if (!q->sql || !q->p || !q->values) {
		pg_finalize(q);
		return pg_fail(c, DB_NOMEM, "out of memory");
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
		pg_fail(q->c, DB_ERROR, "parameter index out of range");
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
		return pg_fail(q->c, DB_ERROR, "text with a NUL byte (PostgreSQL's text cannot hold one)");
	struct param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->type = 0;
	buf_reset(&p->text);
	if (buf_add(&p->text, s, len) || buf_addc(&p->text, '\0')) {
		p->null = 1;
		return pg_fail(q->c, DB_NOMEM, "out of memory");
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
	if (sp && (rc = pg_simple(c, "SAVEPOINT px_prepare")) != DB_OK)
		return rc;
	for (int tries = 0;; tries++) {
		PGresult *res = PQprepare(c->conn, name, e->sql, e->nparams, types);
		rc = res && pg_result_ok(res) ? DB_OK : pg_fail_result(c, res);
		const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		int k = rc == DB_ERROR && st && (!strcmp(st, "42P18") || !strcmp(st, "42P08")) &&
					tries < e->nparams
				? parameter_named(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))
				: 0;
		PQclear(res);
		if (!k || k > e->nparams || types[k - 1] != 0)
			break;
		types[k - 1] = TEXTOID;
		if (sp && (rc = pg_simple(c, "ROLLBACK TO SAVEPOINT px_prepare")) != DB_OK)
			return rc;
	}
	if (sp && rc != DB_OK && rc != DB_GONE) {
		int keep = c->code;
		struct buf why = c->msg; /* the prepare's message, not the rollback's */
		buf_init(&c->msg, 4096);
		pg_simple(c, "ROLLBACK TO SAVEPOINT px_prepare; RELEASE SAVEPOINT px_prepare");
		buf_free(&c->msg);
		c->msg = why;
		c->code = keep;
	} else if (sp && rc == DB_OK)
		rc = pg_simple(c, "RELEASE SAVEPOINT px_prepare");
	return rc;
}

/* Empties the cache slot e, deallocating its statement on the server (if
 * the session can: not in an aborted transaction; else it stays there,
 * unused, until the session ends). */
static void forget(struct pg *c, struct prepared *e)
{
	if (!e->sql)
		return;
	char sql[48];
	snprintf(sql, sizeof sql, "DEALLOCATE px%llu", (unsigned long long)e->id);
	if (PQtransactionStatus(c->conn) == PQTRANS_IDLE || PQtransactionStatus(c->conn) == PQTRANS_INTRANS)
		PQclear(PQexec(c->conn, sql)); /* a failure changes nothing: the name is never used again */
	free(e->sql);
	free(e->asked);
	*e = (struct prepared){0};
}

void pg_cache_clear(struct pg *c)
{
	for (int i = 0; i < CACHE_SLOTS; i++) {
		free(c->cache[i].sql);
		free(c->cache[i].asked);
		c->cache[i] = (struct prepared){0};
	}
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
	forget(c, e);
	e->asked = calloc(2 * (size_t)q->nparams + 1, sizeof *e->asked);
	if (!e->asked || !(e->sql = strdup(q->sql))) {
		free(e->asked);
		e->asked = NULL;
		pg_fail(c, DB_NOMEM, "out of memory");
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

/* Runs q; its result in q->res. DB_OK or the failure's code. A prepared
 * statement gone stale (another node's migration changed a table under a
 * SELECT *: "cached plan must not change result type", 0A000; or
 * deallocated, 26000) is forgotten and, outside a transaction, prepared
 * again and run once more (again = 1). */
static int run(struct pg_stmt *q, int again)
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
	if (!res || !pg_result_ok(res)) {
		int rc = pg_fail_result(c, res);
		const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		int stale = st && (!strcmp(st, "0A000") || !strcmp(st, "26000"));
		PQclear(res);
		if (stale)
			forget(c, e);
		if (stale && again && PQtransactionStatus(c->conn) == PQTRANS_IDLE)
			return run(q, 0);
		return rc;
	}
	pg_note(c, res);
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
	int rc = pg_alive(c);
	if (rc != DB_OK)
		return rc;
	if (c->lost_tx)
		return pg_lost_tx(c);
	if ((rc = run(q, 1)) != DB_OK)
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
