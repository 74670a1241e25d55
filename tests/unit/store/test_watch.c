/* store_wait_change: a handle sees another handle's commit (as another
 * process's) within a poll, says "no change" when the timeout passes with
 * none, and a commit made between two calls is seen by the second. */
#include "../unit.h"

#include "fixture.h"
#include "store/store.h"

#include <time.h>

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Saves a new practice through st as account; its revision. */
static int64_t save(struct store *st, int64_t account, const char *title, struct buf *why)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->state = NODE_PUBLISHED;
	memcpy(n->language, "en", 3);
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->country, "Spain", 5));
	assert_ok(node_set(&n->city, "Bilbao", 6));
	int64_t rev = 0;
	assert_ok(store_node_save(st, n, 0, account, &rev, why));
	node_free(n);
	return rev;
}

static void another_handle_s_commit_is_seen(void **state)
{
	struct fx *f = *state;
	struct store *other;
	assert_ok(store_open(f->path, &other, &f->why));
	assert_int_equal(store_wait_change(f->st, 0), 1); /* the first call: look */
	double t0 = now_s();
	assert_int_equal(store_wait_change(f->st, 120), 0); /* nothing since */
	double waited = now_s() - t0;
	assert_true(waited >= 0.1 && waited < 0.5);
	/* a commit between two calls: the second sees it at once */
	int64_t rev = save(other, f->user, "Bee roofs", &f->why);
	t0 = now_s();
	assert_int_equal(store_wait_change(f->st, 1000), 1);
	assert_true(now_s() - t0 < 0.1);
	assert_int_equal(store_last_revision(f->st), rev);
	assert_int_equal(store_wait_change(f->st, 0), 0);
	/* its own writes are no change of another's */
	save(f->st, f->user, "Bee walls", &f->why);
	assert_int_equal(store_wait_change(f->st, 60), 0);
	store_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(another_handle_s_commit_is_seen, fx_setup_editor,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
