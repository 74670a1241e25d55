/* store/db_pg: the PostgreSQL driver behind db.h. The SQL translator and a
 * failed connection always; the rest against a server when PRAXIS_PG_URI
 * is set (tests/cli/t_db_pg.sh starts a throwaway cluster with
 * tests/pg/lib.sh and runs this binary), skipped otherwise. The outage
 * test also needs PRAXIS_PG_LIB, the path of tests/pg/lib.sh, to stop and
 * start that cluster. */
#include "../unit.h"

#include "store/db.h"
#include "store/db_pg.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* ---- the translator ---- */

/* Translates sql; expects PostgreSQL's want with nparams parameters. */
static void rewrites(const char *sql, const char *want, int nparams)
{
	struct buf out;
	int n = -1;
	const char *why = "unset";
	buf_init(&out, 1 << 20);
	assert_int_equal(pg_sql_translate(sql, strlen(sql), &out, &n, &why), PX_OK);
	assert_string_equal(out.data ? out.data : "", want);
	assert_int_equal(n, nparams);
	assert_null(why);
	buf_free(&out);
}

/* Expects sql[0..len) refused with a reason containing because. */
static void refuses(const char *sql, size_t len, const char *because)
{
	struct buf out;
	int n = -1;
	const char *why = NULL;
	buf_init(&out, 1 << 20);
	assert_int_equal(pg_sql_translate(sql, len, &out, &n, &why), PX_EPARSE);
	assert_non_null(why);
	assert_non_null(strstr(why, because));
	assert_int_equal(n, 0);
	buf_free(&out);
}

static void parameters_are_numbered_as_sqlite_numbers_them(void **state)
{
	(void)state;
	rewrites("SELECT ?, ?, ?", "SELECT $1, $2, $3", 3);
	rewrites("?3, ?", "$3, $4", 4);
	rewrites("?2, ?1, ?", "$2, $1, $3", 3);
	rewrites("?, ?1", "$1, $1", 1);
	rewrites("?007 = ?", "$7 = $8", 8);
	rewrites("?1::text || ?2", "$1::text || $2", 2);
	rewrites("x=?1)", "x=$1)", 1);
	rewrites("SELECT a$1 FROM t", "SELECT a$1 FROM t", 0); /* a $ inside a name */
	rewrites("", "", 0);
	rewrites("?32766", "$32766", PG_SQL_MAX_PARAM);
	refuses("?32766, ?", 9, "past the limit");
	refuses("?32767", 6, "past the limit");
	refuses("?99999999999999999999999", 24, "past the limit");
	refuses("SELECT ?0", 9, "?0");
	refuses("SELECT $1", 9, "?N");
	refuses("a\0?", 3, "NUL");
}

static void strings_identifiers_and_comments_are_left_alone(void **state)
{
	(void)state;
	rewrites("SELECT '?', \"a?\", ? -- ?\n, ?", "SELECT '?', \"a?\", $1 -- ?\n, $2", 2);
	rewrites("'it''s ?' \"say \"\"?\"\"\" ?", "'it''s ?' \"say \"\"?\"\"\" $1", 1);
	rewrites("/* ? /* ? */ ? */ ?", "/* ? /* ? */ ? */ $1", 1);
	rewrites("E'\\' ?' ?", "E'\\' ?' $1", 1); /* E'...': \' is a quote inside */
	rewrites("'\\' ?", "'\\' $1", 1);         /* standard strings: \ is a character */
	rewrites("$$ it's ? $$ ?", "$$ it's ? $$ $1", 1);
	rewrites("$fn$ ? $x$ ? $fn$ ?", "$fn$ ? $x$ ? $fn$ $1", 1);
	rewrites("$ ?", "$ $1", 1);
	/* unterminated: to the end, untouched */
	rewrites("SELECT 'abc ?", "SELECT 'abc ?", 0);
	rewrites("SELECT \"abc ?", "SELECT \"abc ?", 0);
	rewrites("/* ? ", "/* ? ", 0);
	rewrites("-- ?", "-- ?", 0);
	rewrites("$q$ ?", "$q$ ?", 0);
	rewrites("E'\\", "E'\\", 0);
}

static void temporary_tables_move_to_pg_temp(void **state)
{
	(void)state;
	rewrites("INSERT INTO temp.ids SELECT x FROM TEMP.a, b.temp.c, temp_x.y, mytemp.z, 'temp.q', "
		 "\"temp\".w",
		 "INSERT INTO pg_temp.ids SELECT x FROM pg_TEMP.a, b.temp.c, temp_x.y, mytemp.z, 'temp.q', "
		 "\"temp\".w",
		 0);
	rewrites("CREATE TEMP TABLE ids (x int)", "CREATE TEMP TABLE ids (x int)", 0);
	rewrites("temp.x", "pg_temp.x", 0);
	rewrites("temp", "temp", 0);
}

static void a_full_buffer_is_told(void **state)
{
	(void)state;
	struct buf out;
	int n;
	const char *why;
	buf_init(&out, 8);
	assert_int_equal(pg_sql_translate("SELECT ?, ?, ?", 14, &out, &n, &why), PX_ETOOBIG);
	buf_free(&out);
}

/* ---- a connection that fails ---- */

static void a_failed_connection_says_why_on_one_line(void **state)
{
	(void)state;
	struct db *db;
	assert_int_equal(db_pg_connect("postgresql://praxis@/praxis?host=/nonexistent/dir&port=1", &db),
			 DB_CANTOPEN);
	assert_non_null(db);
	assert_int_equal(db_kind(db), DB_POSTGRES);
	const char *msg = db_errmsg(db);
	assert_non_null(strstr(msg, "/nonexistent/dir"));
	assert_null(strchr(msg, '\n'));
	assert_true(msg[strlen(msg) - 1] != ' ');
	/* every later call fails fast, as gone */
	assert_int_equal(db_exec(db, "SELECT 1"), DB_GONE);
	assert_int_equal(db_errcode(db), DB_GONE);
	assert_int_equal(db_wait_notify(db, 10), -1);
	db_close(db);
}

/* ---- against a server ---- */

static const char *uri(void)
{
	const char *u = getenv("PRAXIS_PG_URI");
	if (!u || !*u)
		skip();
	return u;
}

static struct db *connect_or_fail(void)
{
	struct db *db;
	int rc = db_pg_connect(uri(), &db);
	if (rc != DB_OK)
		fail_msg("connect: %s", db_errmsg(db));
	return db;
}

static void exec_ok(struct db *db, const char *sql)
{
	if (db_exec(db, sql) != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(db));
}

static struct db_stmt *prepare_ok(struct db *db, const char *sql)
{
	struct db_stmt *q;
	if (db_prepare(db, sql, &q) != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(db));
	return q;
}

/* The one integer sql answers. */
static int64_t integer(struct db *db, const char *sql)
{
	struct db_stmt *q = prepare_ok(db, sql);
	if (db_step(q) != DB_ROW)
		fail_msg("%s: %s", sql, db_errmsg(db));
	int64_t v = db_column_int64(q, 0);
	db_finalize(q);
	return v;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void values_come_back_with_their_types(void **state)
{
	(void)state;
	struct db *db = connect_or_fail();
	struct db_stmt *q =
		prepare_ok(db, "SELECT ?1, ?2, ?3, ?4, 1::int2, 2::int4, 3::oid, true, false, 1.5::numeric, "
			       "2.000::numeric, 2.5::float4, 'x'::text, NULL, current_setting('TimeZone'), "
			       "current_setting('application_name'), current_setting('client_encoding')");
	assert_int_equal(db_bind_parameter_count(q), 4);
	assert_int_equal(db_bind_int64(q, 1, (int64_t)1 << 40), DB_OK);
	assert_int_equal(db_bind_double(q, 2, 0.25), DB_OK);
	assert_int_equal(db_bind_text(q, 3, "héllo there", 6), DB_OK); /* n bytes: "héllo" */
	assert_int_equal(db_bind_null(q, 4), DB_OK);
	assert_int_equal(db_bind_int64(q, 5, 1), DB_ERROR); /* no ?5 */
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_column_count(q), 17);
	int want[] = {DB_INTEGER, DB_FLOAT,   DB_TEXT,    DB_NULL,  DB_INTEGER, DB_INTEGER,
		      DB_INTEGER, DB_INTEGER, DB_INTEGER, DB_FLOAT, DB_INTEGER, DB_FLOAT,
		      DB_TEXT,    DB_NULL,    DB_TEXT,    DB_TEXT,  DB_TEXT};
	for (int i = 0; i < 17; i++)
		if (db_column_type(q, i) != want[i])
			fail_msg("column %d: type %d, expected %d", i, db_column_type(q, i), want[i]);
	assert_int_equal(db_column_int64(q, 0), (int64_t)1 << 40);
	assert_true(db_column_double(q, 1) == 0.25);
	assert_string_equal(db_column_text(q, 2), "héllo");
	assert_int_equal(db_column_bytes(q, 2), 6);
	assert_null(db_column_text(q, 3));
	assert_int_equal(db_column_int64(q, 3), 0);
	assert_int_equal(db_column_bytes(q, 3), 0);
	assert_int_equal(db_column_int(q, 6), 3);
	assert_int_equal(db_column_int64(q, 7), 1); /* true */
	assert_int_equal(db_column_int64(q, 8), 0); /* false */
	assert_true(db_column_double(q, 7) == 1);
	assert_int_equal(db_column_int64(q, 9), 1); /* 1.5 truncated, as SQLite does */
	assert_true(db_column_double(q, 9) == 1.5);
	assert_int_equal(db_column_int64(q, 10), 2);
	assert_string_equal(db_column_text(q, 14), "UTC");
	assert_string_equal(db_column_text(q, 15), "praxis");
	assert_string_equal(db_column_text(q, 16), "UTF8");
	assert_string_equal(db_column_name(q, 12), "text");
	assert_int_equal(db_step(q), DB_DONE);
	assert_null(db_column_text(q, 2)); /* no row */
	db_finalize(q);

	/* text is inferred from its context: a number where a number goes */
	exec_ok(db, "DROP TABLE IF EXISTS ty; CREATE TABLE ty (n bigint, b boolean, j jsonb)");
	q = prepare_ok(db, "INSERT INTO ty (n, b, j) VALUES (?, ?, ?) RETURNING n + 1, j->>'a'");
	assert_int_equal(db_bind_text(q, 1, "41", -1), DB_OK);
	assert_int_equal(db_bind_text(q, 2, "true", -1), DB_OK);
	assert_int_equal(db_bind_text(q, 3, "{\"a\": \"b\"}", -1), DB_OK);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_column_int64(q, 0), 42);
	assert_string_equal(db_column_text(q, 1), "b");
	assert_int_equal(db_step(q), DB_DONE);
	assert_int_equal(db_changes(db), 1);
	db_finalize(q);

	/* text with a NUL byte cannot be stored: refused, not cut */
	q = prepare_ok(db, "SELECT ?");
	assert_int_equal(db_bind_text(q, 1, "a\0b", 3), DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "NUL"));
	db_finalize(q);
	db_close(db);
}

static void a_parameter_without_a_type_is_text(void **state)
{
	(void)state;
	struct db *db = connect_or_fail();
	exec_ok(db, "DROP TABLE IF EXISTS pt; CREATE TABLE pt (name text)");
	assert_int_equal(db_begin_write(db), DB_OK);
	exec_ok(db, "INSERT INTO pt VALUES ('a'), ('b')");
	/* ?1 IS NULL alone says nothing of ?1's type (42P18), in a transaction
	 * it must survive; ?2 is never used at all */
	const char *sql = "SELECT count(*) FROM pt WHERE ?1 IS NULL OR name = ?1 OR ?3 = 'zz'";
	struct db_stmt *q = prepare_ok(db, sql);
	assert_int_equal(db_bind_text(q, 1, "a", -1), DB_OK);
	assert_int_equal(db_bind_text(q, 3, "x", -1), DB_OK);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_column_int64(q, 0), 1);
	db_reset(q);
	db_clear_bindings(q); /* all NULL: every row */
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_column_int64(q, 0), 2);
	db_finalize(q);
	/* a statement that cannot be prepared leaves the transaction usable */
	q = prepare_ok(db, "SELECT nosuchcolumn FROM pt");
	assert_int_equal(db_step(q), DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "nosuchcolumn"));
	db_finalize(q);
	assert_true(db_in_transaction(db));
	exec_ok(db, "INSERT INTO pt VALUES ('c')");
	assert_int_equal(db_commit(db), DB_OK);
	assert_false(db_in_transaction(db));
	assert_int_equal(integer(db, "SELECT count(*) FROM pt"), 3);
	db_close(db);
}

static void statements_reset_rebind_and_run_again(void **state)
{
	(void)state;
	struct db *db = connect_or_fail();
	exec_ok(db, "DROP TABLE IF EXISTS rr; CREATE TABLE rr (k int, v text)");
	struct db_stmt *ins = prepare_ok(db, "INSERT INTO rr VALUES (?1, ?2)");
	for (int i = 1; i <= 3; i++) {
		char v[16];
		snprintf(v, sizeof v, "v%d", i);
		assert_int_equal(db_bind_int64(ins, 1, i), DB_OK);
		assert_int_equal(db_bind_text(ins, 2, v, -1), DB_OK);
		assert_int_equal(db_step(ins), DB_DONE);
		assert_int_equal(db_reset(ins), DB_OK);
	}
	db_clear_bindings(ins); /* NULL, NULL */
	assert_int_equal(db_step(ins), DB_DONE);
	assert_int_equal(db_bind_double(ins, 1, 7.0), DB_OK); /* float8 into an int column */
	assert_int_equal(db_step(ins), DB_DONE);              /* after DONE: runs again, as SQLite's */
	db_finalize(ins);
	assert_int_equal(integer(db, "SELECT count(*) FROM rr WHERE k IS NULL AND v IS NULL"), 1);
	assert_int_equal(integer(db, "SELECT k FROM rr WHERE v IS NULL AND k IS NOT NULL"), 7);

	struct db_stmt *sel = prepare_ok(db, "SELECT v FROM rr WHERE k >= ? ORDER BY k");
	assert_int_equal(db_bind_int64(sel, 1, 2), DB_OK);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_string_equal(db_column_text(sel, 0), "v2");
	assert_int_equal(db_reset(sel), DB_OK); /* mid-rows */
	assert_int_equal(db_bind_int64(sel, 1, 3), DB_OK);
	assert_int_equal(db_step(sel), DB_ROW);
	assert_string_equal(db_column_text(sel, 0), "v3");
	assert_int_equal(db_step(sel), DB_ROW); /* 7 */
	assert_null(db_column_text(sel, 0));
	assert_int_equal(db_step(sel), DB_DONE);
	db_finalize(sel);

	/* a table changed under a prepared SELECT * (another node's migration) */
	sel = prepare_ok(db, "SELECT * FROM rr WHERE k = 1");
	assert_int_equal(db_step(sel), DB_ROW);
	assert_int_equal(db_column_count(sel), 2);
	db_reset(sel);
	exec_ok(db, "ALTER TABLE rr ADD COLUMN extra int DEFAULT 9");
	assert_int_equal(db_step(sel), DB_ROW); /* prepared again */
	assert_int_equal(db_column_count(sel), 3);
	assert_int_equal(db_column_int(sel, 2), 9);
	db_finalize(sel);

	exec_ok(db, "UPDATE rr SET v = 'w' WHERE k <= 2");
	assert_int_equal(db_changes(db), 2);
	/* temporary tables, written temp.X */
	exec_ok(db, "CREATE TEMP TABLE ids (x int); INSERT INTO temp.ids VALUES (5)");
	assert_int_equal(integer(db, "SELECT x FROM temp.ids"), 5);
	db_close(db);
}

static void one_statement_steps_many_times(void **state)
{
	(void)state;
	struct db *db = connect_or_fail();
	exec_ok(db, "DROP TABLE IF EXISTS many; CREATE TABLE many (k bigint PRIMARY KEY, v text)");
	enum { N = 3000 };
	struct db_stmt *ins = prepare_ok(db, "INSERT INTO many (k, v) VALUES (?, ?)");
	assert_int_equal(db_begin_write(db), DB_OK);
	double t = now();
	for (int i = 0; i < N; i++) {
		assert_int_equal(db_bind_int64(ins, 1, i), DB_OK);
		assert_int_equal(db_bind_text(ins, 2, "value", -1), DB_OK);
		if (db_step(ins) != DB_DONE)
			fail_msg("insert %d: %s", i, db_errmsg(db));
		db_reset(ins);
	}
	double insert = (now() - t) / N;
	assert_int_equal(db_commit(db), DB_OK);
	db_finalize(ins);
	/* a statement prepared at each call, as most of the store's are */
	t = now();
	for (int i = 0; i < N; i++) {
		struct db_stmt *q = prepare_ok(db, "SELECT v FROM many WHERE k = ?");
		assert_int_equal(db_bind_int64(q, 1, i), DB_OK);
		assert_int_equal(db_step(q), DB_ROW);
		assert_string_equal(db_column_text(q, 0), "value");
		db_finalize(q);
	}
	double lookup = (now() - t) / N;
	printf("db_pg: %.1f us per insert step, %.1f us per prepare+select+finalize\n", insert * 1e6,
	       lookup * 1e6);
	assert_int_equal(integer(db, "SELECT count(*) FROM many"), N);
	/* each was prepared once on the server */
	assert_true(integer(db, "SELECT count(*) FROM pg_prepared_statements") <= 4);
	db_close(db);
}

static void errors_have_their_codes(void **state)
{
	(void)state;
	struct db *db = connect_or_fail();
	exec_ok(db,
		"DROP TABLE IF EXISTS uq; CREATE TABLE uq (k int UNIQUE, v text NOT NULL CHECK (v <> ''))");
	exec_ok(db, "INSERT INTO uq VALUES (1, 'a')");
	assert_int_equal(db_exec(db, "INSERT INTO uq VALUES (1, 'b')"), DB_CONSTRAINT);
	assert_int_equal(db_errcode(db), DB_CONSTRAINT);
	assert_non_null(strstr(db_errmsg(db), "duplicate key"));
	struct db_stmt *q = prepare_ok(db, "INSERT INTO uq VALUES (?, ?)");
	db_bind_int64(q, 1, 2);
	assert_int_equal(db_step(q), DB_CONSTRAINT); /* NOT NULL */
	db_bind_text(q, 2, "", 0);
	assert_int_equal(db_step(q), DB_CONSTRAINT); /* CHECK */
	db_bind_text(q, 2, "c", 1);
	assert_int_equal(db_step(q), DB_DONE);
	db_finalize(q);
	assert_int_equal(db_exec(db, "SELEC 1"), DB_ERROR);
	assert_non_null(strstr(db_errmsg(db), "syntax"));
	assert_int_equal(db_prepare(db, "SELECT ?0", &q), DB_ERROR);
	assert_null(q);
	assert_int_equal(db_exec(db, "SELECT ?"), DB_ERROR);
	/* read-only transaction */
	exec_ok(db, "BEGIN READ ONLY");
	assert_int_equal(db_exec(db, "INSERT INTO uq VALUES (9, 'z')"), DB_READONLY);
	assert_true(db_in_transaction(db)); /* aborted counts as in one */
	assert_int_equal(db_rollback(db), DB_OK);
	assert_false(db_in_transaction(db));
	db_close(db);
}

struct writer {
	double locked_at; /* when its db_begin_write returned */
	int64_t seen;     /* rows it saw then */
	int rc;
};

static void *second_writer(void *arg)
{
	struct writer *w = arg;
	struct db *db = connect_or_fail();
	w->rc = db_begin_write(db);
	w->locked_at = now();
	w->seen = integer(db, "SELECT count(*) FROM wl");
	db_commit(db);
	db_close(db);
	return NULL;
}

static void writers_queue_for_the_write_lock(void **state)
{
	(void)state;
	struct db *a = connect_or_fail();
	exec_ok(a, "DROP TABLE IF EXISTS wl; CREATE TABLE wl (x int)");
	assert_int_equal(db_begin_write(a), DB_OK);
	struct writer w = {0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, second_writer, &w), 0);
	usleep(300 * 1000); /* b is waiting for the lock meanwhile */
	exec_ok(a, "INSERT INTO wl VALUES (1)");
	double committed = now();
	assert_int_equal(db_commit(a), DB_OK);
	pthread_join(t, NULL);
	assert_int_equal(w.rc, DB_OK);
	assert_true(w.locked_at >= committed);
	assert_int_equal(w.seen, 1); /* it saw the first writer's row */
	db_close(a);
}

static void notifications_arrive_at_commit(void **state)
{
	(void)state;
	struct db *a = connect_or_fail(), *b = connect_or_fail();
	assert_int_equal(db_listen(a, "px_test"), DB_OK);
	assert_int_equal(db_listen(a, "px_test"), DB_OK); /* twice is once */
	assert_int_equal(db_wait_notify(a, 50), 0);
	assert_int_equal(db_begin_write(b), DB_OK);
	exec_ok(b, "NOTIFY px_test, '12'");
	exec_ok(b, "NOTIFY px_test, '13'");
	assert_int_equal(db_wait_notify(a, 200), 0); /* not before the commit */
	assert_int_equal(db_commit(b), DB_OK);
	double t = now();
	assert_int_equal(db_wait_notify(a, 5000), 1);
	assert_true(now() - t < 1);
	assert_int_equal(db_wait_notify(a, 50), 0); /* both were consumed */
	exec_ok(b, "NOTIFY other");
	assert_int_equal(db_wait_notify(a, 200), 0);
	db_close(a);
	db_close(b);
}

/* Runs tests/pg/lib.sh's function fn on the cluster ($PRAXIS_PG_LIB). */
static void cluster(const char *fn)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "bash -c '. \"$PRAXIS_PG_LIB\" && %s'", fn);
	if (system(cmd) != 0)
		fail_msg("%s failed", fn);
}

static void the_server_comes_back_and_so_do_we(void **state)
{
	(void)state;
	uri();
	if (!getenv("PRAXIS_PG_LIB"))
		skip();
	struct db *a = connect_or_fail(), *b = connect_or_fail();
	exec_ok(a, "DROP TABLE IF EXISTS back; CREATE TABLE back (x int)");
	assert_int_equal(db_listen(a, "px_back"), DB_OK);
	struct db_stmt *q = prepare_ok(a, "SELECT count(*) FROM back WHERE x > ?");
	db_bind_int64(q, 1, 0);
	assert_int_equal(db_step(q), DB_ROW);
	db_reset(q);
	struct db_stmt *ins = prepare_ok(b, "INSERT INTO back VALUES (?)");
	assert_int_equal(db_begin_write(b), DB_OK);
	db_bind_int64(ins, 1, 1);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);

	cluster("pg_stop");
	double t = now();
	assert_int_equal(db_step(q), DB_GONE);
	assert_int_equal(db_exec(a, "SELECT 1"), DB_GONE); /* tries once, fails fast */
	assert_int_equal(db_errcode(a), DB_GONE);
	assert_int_equal(db_prepare(a, "SELECT 1", &(struct db_stmt *){NULL}), DB_GONE);
	assert_true(now() - t < 2);
	assert_int_equal(db_wait_notify(a, 100), -1);
	assert_int_equal(db_step(ins), DB_GONE); /* b's transaction is lost */
	assert_true(db_in_transaction(b));

	cluster("pg_restart");
	assert_int_equal(db_step(q), DB_ROW); /* prepared again in the new session */
	assert_int_equal(db_column_int64(q, 0), 0);
	db_reset(q);
	/* b: until the store ends the lost transaction, nothing runs; COMMIT says so */
	assert_true(db_in_transaction(b));
	assert_int_equal(db_step(ins), DB_GONE);
	assert_non_null(strstr(db_errmsg(b), "lost in a transaction"));
	assert_int_equal(db_commit(b), DB_GONE);
	assert_false(db_in_transaction(b));
	assert_int_equal(db_step(ins), DB_DONE); /* autocommit, after the loss */
	assert_int_equal(integer(a, "SELECT count(*) FROM back"), 1);
	/* a listens again: the reconnect itself counts as a notification */
	exec_ok(b, "NOTIFY px_back");
	assert_int_equal(db_wait_notify(a, 2000), 1);

	/* a crash (kill -9) rather than a shutdown */
	cluster("pg_kill");
	assert_int_equal(db_step(q), DB_GONE);
	assert_int_equal(db_wait_notify(a, 50), -1);
	cluster("pg_restart");
	assert_int_equal(db_wait_notify(a, 2000), 1); /* reconnected */
	exec_ok(b, "SELECT 1");                       /* b was idle: it reconnects at once */
	exec_ok(b, "NOTIFY px_back");
	assert_int_equal(db_wait_notify(a, 2000), 1);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_column_int64(q, 0), 1);
	db_finalize(q);
	db_finalize(ins);
	db_close(a);
	db_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parameters_are_numbered_as_sqlite_numbers_them),
		cmocka_unit_test(strings_identifiers_and_comments_are_left_alone),
		cmocka_unit_test(temporary_tables_move_to_pg_temp),
		cmocka_unit_test(a_full_buffer_is_told),
		cmocka_unit_test(a_failed_connection_says_why_on_one_line),
		cmocka_unit_test(values_come_back_with_their_types),
		cmocka_unit_test(a_parameter_without_a_type_is_text),
		cmocka_unit_test(statements_reset_rebind_and_run_again),
		cmocka_unit_test(one_statement_steps_many_times),
		cmocka_unit_test(errors_have_their_codes),
		cmocka_unit_test(writers_queue_for_the_write_lock),
		cmocka_unit_test(notifications_arrive_at_commit),
		cmocka_unit_test(the_server_comes_back_and_so_do_we),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
