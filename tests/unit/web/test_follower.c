/* web/follower.c's decisions: which node the follower reads, skips or
 * takes out; the notes of the server's own saves (the higher revision
 * kept, pruned once passed, many at once); the back-off. */
#include "../unit.h"

#include "web/follower.h"

static void steps(void **state)
{
	(void)state;
	assert_int_equal(follower_step_of(0, 7), FOLLOWER_READ);   /* another's change */
	assert_int_equal(follower_step_of(7, 7), FOLLOWER_SKIP);   /* this server's save */
	assert_int_equal(follower_step_of(9, 7), FOLLOWER_SKIP);   /* read before this server's newer save */
	assert_int_equal(follower_step_of(5, 7), FOLLOWER_READ);   /* changed again since that save */
	assert_int_equal(follower_step_of(0, 0), FOLLOWER_REMOVE); /* gone from the store */
	assert_int_equal(follower_step_of(7, 0), FOLLOWER_REMOVE);
}

static void notes(void **state)
{
	(void)state;
	struct follower_held h = {0};
	assert_int_equal(follower_held_rev(&h, 3), 0);
	follower_held_note(&h, 3, 10);
	follower_held_note(&h, 3, 8); /* an older note loses */
	assert_int_equal(follower_held_rev(&h, 3), 10);
	follower_held_note(&h, 3, 12);
	assert_int_equal(follower_held_rev(&h, 3), 12);
	follower_held_note(&h, 0, 5); /* no nid, no revision: nothing */
	follower_held_note(&h, 4, 0);
	assert_int_equal(follower_held_rev(&h, 4), 0);
	assert_int_equal(h.n, 1);
	/* an import: many, then pruned past what a catch-up passed */
	for (int64_t nid = 100; nid < 10100; nid++)
		follower_held_note(&h, nid, nid);
	assert_int_equal(h.n, 10001);
	for (int64_t nid = 100; nid < 10100; nid += 997)
		assert_int_equal(follower_held_rev(&h, nid), nid);
	follower_held_prune(&h, 10050);
	assert_int_equal(h.n, 49);
	assert_int_equal(follower_held_rev(&h, 3), 0);
	assert_int_equal(follower_held_rev(&h, 10050), 0);
	assert_int_equal(follower_held_rev(&h, 10051), 10051);
	assert_true(h.cap <= 512); /* shrunk */
	follower_held_prune(&h, 20000);
	assert_int_equal(h.n, 0);
	follower_held_note(&h, 5, 6);
	assert_int_equal(follower_held_rev(&h, 5), 6);
	follower_held_free(&h);
	follower_held_free(&h); /* twice: empty */
	assert_int_equal(follower_held_rev(&h, 5), 0);
}

static void backoff(void **state)
{
	(void)state;
	unsigned ms = 0, waits[8];
	for (int i = 0; i < 8; i++)
		waits[i] = ms = follower_backoff_ms(ms);
	assert_int_equal(waits[0], 50);
	assert_int_equal(waits[1], 100);
	assert_int_equal(waits[4], 800);
	assert_int_equal(waits[5], 1000);
	assert_int_equal(waits[7], 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steps),
		cmocka_unit_test(notes),
		cmocka_unit_test(backoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
