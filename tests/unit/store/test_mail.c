/* The outbox and the mailed tokens (store/mail.h). */
#include "../unit.h"
#include "fixture.h"
#include "store/mail.h"

#include <string.h>

static void addresses_name_one_mailbox(void **state)
{
	(void)state;
	const char *good[] = {"a@example.org", "first.last+tag@sub.example.eu", "x_y-z@a-b.c1", NULL};
	const char *bad[] = {"", "a", "@example.org", "a@", "a@@b.org", "a b@c.org", "a@b.org\r\nBcc: x@y.org",
			     "a@b.org,c@d.org", "<a@b.org>", "a@-b.org", "a@b-.org", "a@b..org", "a@b.org.",
			     "\"a\"@b.org", "a@b_c.org", "é@b.org", "a;b@c.org", NULL};
	for (const char **p = good; *p; p++)
		assert_true(mail_address_ok(*p));
	for (const char **p = bad; *p; p++)
		assert_false(mail_address_ok(*p));
	char long_addr[MAIL_ADDR_MAX + 8];
	memset(long_addr, 'a', sizeof long_addr);
	memcpy(long_addr + MAIL_ADDR_MAX - 8, "@b.org", 7); /* 254 - 8 + 6 = 252 bytes */
	assert_true(mail_address_ok(long_addr));
	memset(long_addr, 'a', sizeof long_addr);
	memcpy(long_addr + MAIL_ADDR_MAX - 5, "@b.org", 7); /* 255 bytes */
	assert_false(mail_address_ok(long_addr));
}

static void the_outbox_refuses_what_could_forge_a_header(void **state)
{
	struct fx *f = *state;
	assert_int_equal(outbox_put(f->st, "a@b.org\nBcc: c@d.org", "s", "b", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_put(f->st, "a@b.org", "hi\r\nBcc: c@d.org", "b", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_put(f->st, "a@b.org", "tab\there", "b", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_put(f->st, "a@b.org", "", "b", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_put(f->st, "a@b.org", "s", "\xff\xfe", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_put_reply(f->st, "a@b.org", "x\r\n@y.org", "s", "b", &f->why), PX_EUSAGE);
	assert_int_equal(outbox_waiting(f->st), 0);
	assert_int_equal(outbox_put_reply(f->st, "a@b.org", "v@w.org", "Über", "line\nline", &f->why), PX_OK);
	assert_int_equal(outbox_waiting(f->st), 1);
}

static void a_message_is_leased_to_one_mailer_and_retried(void **state)
{
	struct fx *f = *state;
	assert_int_equal(outbox_put(f->st, "a@b.org", "one", "1", &f->why), PX_OK);
	assert_int_equal(outbox_put(f->st, "c@d.org", "two", "2", &f->why), PX_OK);
	time_t now = time(NULL);
	struct outbox_msg m = {0}, n = {0}, o = {0};
	assert_int_equal(outbox_take(f->st, now, 300, &m), PX_OK);
	assert_string_equal(m.subject, "one");
	assert_int_equal(outbox_take(f->st, now, 300, &n), PX_OK); /* the first is leased: the second */
	assert_string_equal(n.subject, "two");
	assert_int_equal(outbox_take(f->st, now, 300, &o), PX_ENOTFOUND);
	assert_int_equal(outbox_sent(f->st, m.id, now), PX_OK);
	assert_int_equal(outbox_failed(f->st, n.id, now, 60, "451 not now"), PX_OK);
	assert_int_equal(outbox_waiting(f->st), 1);
	assert_int_equal(outbox_take(f->st, now + 30, 300, &o), PX_ENOTFOUND); /* backing off */
	assert_int_equal(outbox_take(f->st, now + 61, 300, &o), PX_OK);
	assert_int_equal(o.id, n.id);
	assert_int_equal(o.attempts, 1);
	assert_string_equal(o.last_error, "451 not now");
	assert_int_equal(outbox_refused(f->st, o.id, "550 no such mailbox"), PX_OK);
	struct outbox_msg p = {0};
	assert_int_equal(outbox_take(f->st, now + 999999, 300, &p), PX_ENOTFOUND); /* never again */
	assert_int_equal(outbox_waiting(f->st), 1);                                  /* but kept */
	outbox_msg_clear(&m);
	outbox_msg_clear(&n);
	outbox_msg_clear(&o);
}

static void tokens_are_taken_once_before_they_expire(void **state)
{
	struct fx *f = *state;
	time_t now = time(NULL);
	char t[SESSION_TOKEN_N], u[SESSION_TOKEN_N], email[MAIL_ADDR_MAX + 1];
	int64_t subject = 0;
	assert_int_equal(mail_token_new(f->st, "request", "v@w.org", 42, now, t), PX_OK);
	assert_int_equal(mail_token_new(f->st, "register", "v@w.org", 7, now, u), PX_OK);
	assert_int_equal(mail_token_take(f->st, "register", t, now, email, &subject), PX_ENOTFOUND); /* purpose */
	char forged[SESSION_TOKEN_N];
	memcpy(forged, t, sizeof forged);
	forged[5] = forged[5] == 'A' ? 'B' : 'A';
	assert_int_equal(mail_token_take(f->st, "request", forged, now, email, &subject), PX_ENOTFOUND);
	assert_int_equal(mail_token_take(f->st, "request", "short", now, email, &subject), PX_ENOTFOUND);
	assert_int_equal(mail_token_take(f->st, "request", t, now, email, &subject), PX_OK);
	assert_int_equal(subject, 42);
	assert_string_equal(email, "v@w.org");
	assert_int_equal(mail_token_take(f->st, "request", t, now, email, &subject), PX_ECONFLICT);
	assert_int_equal(mail_token_take(f->st, "register", u, now + MAIL_TOKEN_TTL_S + 1, NULL, &subject),
			 PX_EDENIED);
	assert_int_equal(mail_token_new(f->st, "request", "not an address", 1, now, t), PX_EUSAGE);
}

static void a_write_transaction_lands_whole_or_not_at_all(void **state)
{
	struct fx *f = *state;
	int begun = store_write_begin(f->st);
	assert_int_equal(begun, 1);
	assert_int_equal(store_write_begin(f->st), 0); /* nested: joins */
	assert_int_equal(outbox_put(f->st, "a@b.org", "s", "b", &f->why), PX_OK);
	assert_int_equal(store_write_end(f->st, begun, 0), PX_OK); /* rolled back */
	assert_int_equal(outbox_waiting(f->st), 0);
	begun = store_write_begin(f->st);
	assert_int_equal(outbox_put(f->st, "a@b.org", "s", "b", &f->why), PX_OK);
	assert_int_equal(store_write_end(f->st, begun, 1), PX_OK);
	assert_int_equal(outbox_waiting(f->st), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(addresses_name_one_mailbox),
		cmocka_unit_test_setup_teardown(the_outbox_refuses_what_could_forge_a_header, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_message_is_leased_to_one_mailer_and_retried, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(tokens_are_taken_once_before_they_expire, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_write_transaction_lands_whole_or_not_at_all, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
