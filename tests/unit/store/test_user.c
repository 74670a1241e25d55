/* store/user, store/session, store/audit: accounts and their rules, the
 * Argon2id hash, logins, sessions and their expiry, throttling, the audit
 * log. Each test gets a fresh store in its own temporary directory. */
#include "../unit.h"

#include "fixture.h"
#include "store/audit.h"
#include "store/user.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The single text value of sql over the fixture's file, in out. */
static void raw_text(struct fx *f, const char *sql, char *out, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	snprintf(out, n, "%s", sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void names_roles_and_passwords_are_checked(void **state)
{
	struct fx *f = *state;
	const char *bad_names[] = {"", ".hidden", "a b", "ünï", "x/y", "<script>"};
	for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
		buf_reset(&f->why);
		assert_int_equal(user_add(f->st, bad_names[i], ROLE_AUTHOR, "long enough pw", &f->why),
				 PX_EUSAGE);
		assert_true(f->why.len > 0);
	}
	assert_int_equal(user_add(f->st, "ana", ROLE_NONE, "long enough pw", &f->why), PX_EUSAGE);
	assert_int_equal(user_add(f->st, "ana", ROLE_AUTHOR, "short", &f->why), PX_EUSAGE);
	assert_int_equal(user_add(f->st, "ana", ROLE_AUTHOR, "ααααααααα", &f->why),
			 PX_EUSAGE); /* 9 characters */
	assert_int_equal(user_add(f->st, "ana", ROLE_AUTHOR, "bad \xff utf-8 pw", &f->why), PX_EUSAGE);
	assert_ok(user_add(f->st, "ana", ROLE_AUTHOR, "αααααααααα", &f->why)); /* 10 characters, 20 bytes */
	buf_reset(&f->why);
	assert_int_equal(user_add(f->st, "ANA", ROLE_EDITOR, "long enough pw", &f->why), PX_EUSAGE);
	assert_non_null(strstr(f->why.data, "already"));
	struct user u;
	assert_ok(user_get(f->st, "Ana", &u)); /* names compare without case */
	assert_string_equal(u.name, "ana");
	assert_int_equal(u.role, ROLE_AUTHOR);
	assert_int_equal(user_get(f->st, "bob", &u), PX_ENOTFOUND);
}

static void passwords_are_argon2id_and_logins_check_them(void **state)
{
	struct fx *f = *state;
	assert_ok(user_add(f->st, "ed", ROLE_EDITOR, "correct horse battery", &f->why));
	char hash[256];
	raw_text(f, "SELECT hash FROM account WHERE name = 'ed'", hash, sizeof hash);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_null(strstr(hash, "correct"));
	struct user u;
	assert_ok(user_login(f->st, "ed", "correct horse battery", &u));
	assert_string_equal(u.name, "ed");
	assert_int_equal(u.role, ROLE_EDITOR);
	assert_int_equal(user_login(f->st, "ed", "correct horse batterY", &u), PX_ENOTFOUND);
	assert_int_equal(user_login(f->st, "nobody", "correct horse battery", &u), PX_ENOTFOUND);
	assert_ok(user_set_password(f->st, "ed", "a new long password", &f->why));
	assert_int_equal(user_login(f->st, "ed", "correct horse battery", &u), PX_ENOTFOUND);
	assert_ok(user_login(f->st, "ed", "a new long password", &u));
	assert_ok(user_set_disabled(f->st, "ed", 1));
	assert_int_equal(user_login(f->st, "ed", "a new long password", &u), PX_ENOTFOUND);
	assert_ok(user_set_disabled(f->st, "ed", 0));
	assert_ok(user_set_role(f->st, "ed", ROLE_ADMIN));
	assert_ok(user_login(f->st, "ed", "a new long password", &u));
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_int_equal(user_set_role(f->st, "nobody", ROLE_ADMIN), PX_ENOTFOUND);
}

static void sessions_expire_and_end(void **state)
{
	struct fx *f = *state;
	assert_ok(user_add(f->st, "ana", ROLE_AUTHOR, "long enough pw", &f->why));
	struct user u;
	assert_ok(user_get(f->st, "ana", &u));
	time_t t0 = 1800000000;
	char token[SESSION_TOKEN_N], csrf[SESSION_TOKEN_N], got[SESSION_TOKEN_N];
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_int_equal(strlen(token), SESSION_TOKEN_N - 1);
	assert_false(token_equal(token, csrf));
	/* the store keeps a hash of the token, not the token */
	char key[128];
	raw_text(f, "SELECT key FROM session", key, sizeof key);
	assert_int_equal(strlen(key), 64);
	assert_null(strstr(key, token));
	struct user s;
	assert_ok(session_find(f->st, token, t0 + 10, &s, got));
	assert_string_equal(s.name, "ana");
	assert_true(token_equal(got, csrf));
	char forged[SESSION_TOKEN_N];
	memcpy(forged, token, sizeof forged);
	forged[0] = forged[0] == 'A' ? 'B' : 'A';
	assert_int_equal(session_find(f->st, forged, t0 + 10, &s, got), PX_ENOTFOUND);
	assert_int_equal(session_find(f->st, "short", t0 + 10, &s, got), PX_ENOTFOUND);
	/* used every hour: alive until the absolute limit */
	time_t t = t0;
	for (; t + 3600 - t0 <= SESSION_MAX_S; t += 3600)
		assert_ok(session_find(f->st, token, t + 3600, &s, got));
	assert_int_equal(session_find(f->st, token, t0 + SESSION_MAX_S + 1, &s, got), PX_ENOTFOUND);
	assert_int_equal(session_find(f->st, token, t0 + 60, &s, got), PX_ENOTFOUND); /* deleted */
	/* idle too long */
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_int_equal(session_find(f->st, token, t0 + SESSION_IDLE_S + 1, &s, got), PX_ENOTFOUND);
	/* logout, disabling and a new password end sessions */
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_ok(session_end(f->st, token));
	assert_int_equal(session_find(f->st, token, t0 + 1, &s, got), PX_ENOTFOUND);
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_ok(user_set_disabled(f->st, "ana", 1));
	assert_ok(user_set_disabled(f->st, "ana", 0));
	assert_int_equal(session_find(f->st, token, t0 + 1, &s, got), PX_ENOTFOUND);
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_ok(user_set_password(f->st, "ana", "another long pw", &f->why));
	assert_int_equal(session_find(f->st, token, t0 + 1, &s, got), PX_ENOTFOUND);
	/* a session survives closing and reopening the store (a restart) */
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	store_close(f->st);
	assert_ok(store_open(f->path, &f->st, &f->why));
	assert_ok(session_find(f->st, token, t0 + 1, &s, got));
}

static void failed_logins_are_throttled_in_a_window(void **state)
{
	struct fx *f = *state;
	time_t t0 = 1800000000;
	for (int i = 0; i < LOGIN_MAX_ACCOUNT - 1; i++) {
		assert_int_equal(login_wait(f->st, "user:ana", LOGIN_MAX_ACCOUNT, t0 + i), 0);
		assert_ok(login_failed(f->st, "user:ana", t0 + i));
	}
	assert_int_equal(login_wait(f->st, "user:ana", LOGIN_MAX_ACCOUNT, t0 + 10), 0);
	assert_ok(login_failed(f->st, "user:ana", t0 + 10));
	/* the oldest of the last five leaves the window at t0 + window */
	assert_int_equal(login_wait(f->st, "user:ana", LOGIN_MAX_ACCOUNT, t0 + 20), LOGIN_WINDOW_S - 20);
	assert_int_equal(login_wait(f->st, "user:bob", LOGIN_MAX_ACCOUNT, t0 + 20), 0); /* per key */
	assert_int_equal(login_wait(f->st, "user:ana", LOGIN_MAX_ACCOUNT, t0 + LOGIN_WINDOW_S + 1), 0);
	assert_ok(login_failed(f->st, "user:ana", t0 + 30));
	assert_ok(login_forget(f->st, "user:ana"));
	assert_int_equal(login_wait(f->st, "user:ana", LOGIN_MAX_ACCOUNT, t0 + 31), 0);
}

static void collect(const struct audit_entry *e, void *arg)
{
	struct buf *b = arg;
	assert_ok(buf_printf(b, "%s|%s|%s|%s|%s;", e->account ? e->account : "-", e->addr ? e->addr : "-",
			     e->action, e->target ? e->target : "-", e->detail ? e->detail : "-"));
}

static void audit_entries_are_listed_newest_first(void **state)
{
	struct fx *f = *state;
	assert_ok(audit_add(f->st, "ana", "127.0.0.1", "login", NULL, NULL));
	assert_ok(audit_add(f->st, NULL, "10.0.0.2", "login-failed", "bob", "wrong password"));
	assert_ok(audit_add(f->st, "admin", "cli", "user-add", "carl", "editor"));
	struct buf b;
	buf_init(&b, 4096);
	assert_ok(audit_each(f->st, 0, 10, collect, &b));
	assert_string_equal(b.data,
			    "admin|cli|user-add|carl|editor;-|10.0.0.2|login-failed|bob|wrong password;"
			    "ana|127.0.0.1|login|-|-;");
	buf_reset(&b);
	assert_ok(audit_each(f->st, 3, 1, collect, &b)); /* a page: below id 3, one entry */
	assert_string_equal(b.data, "-|10.0.0.2|login-failed|bob|wrong password;");
	buf_free(&b);
}

/* A text is cut to AUDIT_TEXT_MAX code points, and a code point is at most
 * 4 bytes even when a client sends a lead byte and thousands of
 * continuation bytes (not UTF-8: a multipart value was not checked). */
static void audit_texts_are_cut_however_they_are_encoded(void **state)
{
	struct fx *f = *state;
	static char junk[20001];
	junk[0] = 'a';
	memset(junk + 1, 0x80, 10000);
	memset(junk + 10001, 'b', 10000);
	static char greek[4 * 100 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(greek + 2 * i, "\xce\xb1", 2); /* 200 alphas */
	assert_ok(audit_add(f->st, NULL, "10.0.0.2", "login-failed", junk, greek));
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_ok(audit_each(f->st, 0, 1, collect, &b));
	/* "-|10.0.0.2|login-failed|" then the target: 64 code points of at
	 * most 4 bytes each and the mark */
	const char *target = b.data + strlen("-|10.0.0.2|login-failed|");
	size_t tlen = strcspn(target, "|");
	assert_true(tlen <= 4 * AUDIT_TEXT_MAX + strlen("\xe2\x80\xa6"));
	const char *detail = target + tlen + 1;
	assert_int_equal(strcspn(detail, ";"), 2 * AUDIT_TEXT_MAX + strlen("\xe2\x80\xa6"));
	assert_memory_equal(detail + 2 * AUDIT_TEXT_MAX, "\xe2\x80\xa6", 3);
	buf_free(&b);
}

/* session_count(): the live ones only, as session_find() would judge them. */
static void live_sessions_are_counted(void **state)
{
	struct fx *f = *state;
	assert_ok(user_add(f->st, "ana", ROLE_AUTHOR, "long enough pw", &f->why));
	struct user u;
	assert_ok(user_get(f->st, "ana", &u));
	time_t t0 = 1800000000;
	char token[SESSION_TOKEN_N], csrf[SESSION_TOKEN_N];
	assert_int_equal(session_count(f->st, t0), 0);
	assert_ok(session_new(f->st, u.id, t0, token, csrf));
	assert_ok(session_new(f->st, u.id, t0 + 600, token, csrf));
	assert_int_equal(session_count(f->st, t0 + 600), 2);
	assert_int_equal(session_count(f->st, t0 + SESSION_IDLE_S + 1), 1); /* the first one idled out */
	assert_int_equal(session_count(f->st, t0 + 600 + SESSION_IDLE_S + 1), 0);
	assert_ok(session_end(f->st, token));
	assert_int_equal(session_count(f->st, t0 + 600), 1);
}

/* store_check(): the file moved away or replaced under an open handle
 * is told, with a reason, and counted in store_failures(). */
static void a_store_moved_away_is_told(void **state)
{
	struct fx *f = *state;
	assert_ok(store_check(f->st, &f->why));
	uint64_t failures = store_failures();
	char moved[160];
	snprintf(moved, sizeof moved, "%s.moved", f->path);
	assert_int_equal(rename(f->path, moved), 0);
	assert_int_equal(store_check(f->st, &f->why), PX_EIO);
	assert_non_null(strstr(f->why.data, "is gone"));
	assert_int_equal(rename(moved, f->path), 0);
	assert_ok(store_check(f->st, &f->why));
	struct store *other;
	assert_ok(store_open(moved, &other, &f->why)); /* another store, put in its place */
	store_close(other);
	assert_int_equal(rename(moved, f->path), 0);
	assert_int_equal(store_check(f->st, &f->why), PX_EIO);
	assert_non_null(strstr(f->why.data, "was replaced"));
	assert_int_equal(store_failures(), failures + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(names_roles_and_passwords_are_checked, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(passwords_are_argon2id_and_logins_check_them, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(sessions_expire_and_end, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(failed_logins_are_throttled_in_a_window, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(audit_entries_are_listed_newest_first, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(audit_texts_are_cut_however_they_are_encoded, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(live_sessions_are_counted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_store_moved_away_is_told, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
