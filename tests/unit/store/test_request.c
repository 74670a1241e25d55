/* Contact requests in the store (store/request.h): the throttle, the
 * purge of unverified requests, verification once, status changes only
 * on verified requests. */
#include "../unit.h"
#include "fixture.h"
#include "store/request.h"

#include <stdio.h>
#include <string.h>

/* Adds a request about nid from email at addr at now: the verdict. */
static enum contact_throttle add(struct fx *f, int64_t nid, const char *email, const char *addr, time_t now,
				 int64_t *id)
{
	struct contact_request r = {.nid = nid,
				    .name = "Maria",
				    .organisation = "",
				    .email = (char *)email,
				    .message = "How?",
				    .lang = "pt",
				    .addr = (char *)addr};
	enum contact_throttle v = CONTACT_OK;
	assert_int_equal(contact_add(f->st, &r, now, &v), PX_OK);
	if (id)
		*id = v == CONTACT_OK ? r.id : 0;
	return v;
}

static void statuses_have_names(void **state)
{
	(void)state;
	enum contact_status s;
	for (int i = CONTACT_UNVERIFIED; i <= CONTACT_CLOSED; i++) {
		assert_int_equal(contact_status_parse(contact_status_name((enum contact_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(contact_status_parse("Sent", &s), -1);
	assert_int_equal(contact_status_parse(NULL, &s), -1);
}

static void the_throttle_counts_per_address_and_per_client(void **state)
{
	struct fx *f = *state;
	time_t now = time(NULL);
	assert_int_equal(add(f, 1, "a@b.org", "192.0.2.1", now, NULL), CONTACT_OK);
	/* the same practice again, soon, any case: nothing new */
	assert_int_equal(add(f, 1, "A@B.org", "192.0.2.9", now + 60, NULL), CONTACT_REPEAT);
	assert_int_equal(add(f, 1, "a@b.org", "192.0.2.1", now + CONTACT_REPEAT_S + 1, NULL), CONTACT_OK);
	for (int nid = 2; nid < CONTACT_MAX_EMAIL; nid++)
		assert_int_equal(add(f, nid, "a@b.org", "192.0.2.1", now, NULL), CONTACT_OK);
	assert_int_equal(add(f, 99, "a@b.org", "192.0.2.2", now, NULL), CONTACT_TOO_MANY);
	/* the client: CONTACT_MAX_ADDR in the window, whatever the addresses */
	for (int i = CONTACT_MAX_EMAIL; i < CONTACT_MAX_ADDR; i++) {
		char email[32];
		snprintf(email, sizeof email, "v%d@b.org", i);
		assert_int_equal(add(f, 1, email, "192.0.2.1", now, NULL), CONTACT_OK);
	}
	assert_int_equal(add(f, 1, "new@b.org", "192.0.2.1", now, NULL), CONTACT_TOO_MANY);
	assert_int_equal(add(f, 1, "new@b.org", "192.0.2.3", now, NULL), CONTACT_OK);
	/* an hour on, both may ask again */
	assert_int_equal(add(f, 7, "a@b.org", "192.0.2.1", now + CONTACT_WINDOW_S + 1, NULL), CONTACT_OK);
}

static void a_request_is_verified_once_then_answered(void **state)
{
	struct fx *f = *state;
	time_t now = time(NULL);
	int64_t id;
	assert_int_equal(add(f, 5, "a@b.org", "192.0.2.1", now, &id), CONTACT_OK);
	assert_int_equal(contact_set_status(f->st, id, CONTACT_ANSWERED, "ed", "", now), PX_ENOTFOUND);
	assert_int_equal(contact_verify(f->st, id, now), PX_OK);
	assert_int_equal(contact_verify(f->st, id, now), PX_ECONFLICT);
	assert_int_equal(contact_set_status(f->st, id, CONTACT_CLOSED, "ed", "phoned", now + 5), PX_OK);
	struct contact_request r;
	assert_int_equal(contact_get(f->st, id, &r), PX_OK);
	assert_int_equal(r.status, CONTACT_CLOSED);
	assert_string_equal(r.changed_by, "ed");
	assert_string_equal(r.note, "phoned");
	assert_null(r.organisation); /* "" is none */
	assert_null(r.title);        /* no node 5 in this store */
	assert_int_equal(r.verified, now);
	contact_request_clear(&r);
	assert_int_equal(contact_get(f->st, id + 1, &r), PX_ENOTFOUND);
}

static void count_one(const struct contact_request *r, void *n)
{
	(void)r;
	++*(int *)n;
}

static void unverified_requests_are_no_work_and_expire(void **state)
{
	struct fx *f = *state;
	time_t now = time(NULL);
	int64_t old, kept, n = 0;
	assert_int_equal(add(f, 1, "a@b.org", "192.0.2.1", now - CONTACT_UNVERIFIED_S - 10, &old),
			 CONTACT_OK);
	assert_int_equal(add(f, 2, "c@d.org", "192.0.2.2", now - CONTACT_UNVERIFIED_S - 10, &kept),
			 CONTACT_OK);
	assert_int_equal(contact_verify(f->st, kept, now), PX_OK);
	int listed = 0;
	assert_int_equal(contact_each(f->st, 0, 10, count_one, &listed), PX_OK);
	assert_int_equal(listed, 1); /* the verified one only */
	assert_int_equal(add(f, 3, "e@f.org", "192.0.2.3", now, &n), CONTACT_OK);
	struct contact_request r;
	assert_int_equal(contact_get(f->st, old, &r), PX_ENOTFOUND); /* purged by the add */
	assert_int_equal(contact_get(f->st, kept, &r), PX_OK);
	contact_request_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statuses_have_names),
		cmocka_unit_test_setup_teardown(the_throttle_counts_per_address_and_per_client, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(a_request_is_verified_once_then_answered, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(unverified_requests_are_no_work_and_expire, fx_setup,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
