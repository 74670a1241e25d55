/* store/reader and the readers' part of store/user: registration pending
 * until confirmed, saved searches and dossiers kept by their owner only,
 * their limits, the unsubscribe keys, when a node was first published. */
#include "../unit.h"

#include "fixture.h"
#include "store/reader.h"
#include "store/user.h"

#include <string.h>

/* A confirmed reader called name: its id. */
static int64_t reader(struct fx *f, const char *name, const char *email)
{
	char hash[USER_HASH_N];
	int64_t id = 0;
	assert_ok(user_hash_new("long enough pw", hash));
	assert_ok(user_register(f->st, name, email, "fr", hash, 1000, &id));
	assert_ok(user_confirm(f->st, id));
	return id;
}

static void a_registration_waits_for_its_confirmation(void **state)
{
	struct fx *f = *state;
	char hash[USER_HASH_N];
	int64_t id = 0, again = 0;
	struct user u;
	assert_ok(user_hash_new("long enough pw", hash));
	assert_ok(user_register(f->st, "rita", "Rita@Example.org", "fr", hash, 1000, &id));
	assert_int_equal(user_login(f->st, "rita", "long enough pw", &u), PX_ENOTFOUND);
	int name_taken = 0, email_taken = 0;
	assert_ok(user_taken(f->st, "RITA", "rita@example.ORG", &name_taken, &email_taken));
	assert_true(name_taken && email_taken);
	assert_int_equal(user_register(f->st, "other", "rita@example.org", "en", hash, 1000, &again), PX_ECONFLICT);
	assert_ok(user_confirm(f->st, id));
	assert_int_equal(user_confirm(f->st, id), PX_ENOTFOUND); /* once */
	assert_ok(user_login(f->st, "rita", "long enough pw", &u));
	assert_int_equal(u.role, ROLE_READER);
	assert_string_equal(u.email, "Rita@Example.org");
	assert_string_equal(u.lang, "fr");
	assert_int_equal(u.digest, 1);
	/* one left pending past USER_PENDING_S frees its name and address */
	assert_ok(user_register(f->st, "sam", "sam@example.org", "en", hash, 1000, &again));
	assert_ok(user_pending_purge(f->st, 1000 + USER_PENDING_S + 1));
	assert_int_equal(user_get(f->st, "sam", &u), PX_ENOTFOUND);
	assert_ok(user_get(f->st, "rita", &u)); /* a confirmed one stays */
}

static void names_are_checked(void **state)
{
	(void)state;
	assert_null(reader_name_problem("Housing, 2027"));
	assert_null(reader_name_problem("Λογαριασμός"));
	assert_non_null(reader_name_problem(""));
	assert_non_null(reader_name_problem("   "));
	assert_non_null(reader_name_problem("a\r\nBcc: x"));
	assert_non_null(reader_name_problem("tab\there"));
	assert_non_null(reader_name_problem("\xff\xfe"));
	char long_name[READER_NAME_MAX + 2];
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	assert_non_null(reader_name_problem(long_name));
	long_name[READER_NAME_MAX] = '\0';
	assert_null(reader_name_problem(long_name));
}

struct names {
	char got[8][READER_NAME_MAX + 32];
	size_t n;
};

static void note_dossier(const struct dossier *d, void *arg)
{
	struct names *n = arg;
	if (n->n < 8)
		snprintf(n->got[n->n++], sizeof n->got[0], "%s:%zu", d->name, d->items);
}

static void dossiers_are_their_owners_alone(void **state)
{
	struct fx *f = *state;
	int64_t rita = reader(f, "rita", "rita@example.org"), sam = reader(f, "sam", "sam@example.org");
	int64_t d = 0, nids[4];
	size_t n = 0;
	assert_ok(dossier_add(f->st, rita, "Housing", 1000, &d));
	assert_ok(dossier_item_add(f->st, rita, d, 17, 1000));
	assert_ok(dossier_item_add(f->st, rita, d, 5, 1000));
	assert_ok(dossier_item_add(f->st, rita, d, 17, 1001)); /* there already: once */
	assert_ok(dossier_items(f->st, rita, d, nids, 4, &n));
	assert_int_equal(n, 2);
	assert_int_equal(nids[0], 17); /* in the order they were added */
	assert_int_equal(nids[1], 5);
	struct dossier got;
	assert_int_equal(dossier_get(f->st, sam, d, &got), PX_ENOTFOUND);
	assert_int_equal(dossier_items(f->st, sam, d, nids, 4, &n), PX_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dossier_item_add(f->st, sam, d, 9, 1000), PX_ENOTFOUND);
	assert_int_equal(dossier_item_remove(f->st, sam, d, 17), PX_ENOTFOUND);
	assert_int_equal(dossier_rename(f->st, sam, d, "Mine"), PX_ENOTFOUND);
	assert_int_equal(dossier_delete(f->st, sam, d), PX_ENOTFOUND);
	assert_int_equal(dossier_rename(f->st, rita, d, "two\nlines"), PX_EUSAGE);
	assert_ok(dossier_rename(f->st, rita, d, "Housing ideas"));
	assert_ok(dossier_item_remove(f->st, rita, d, 5));
	struct names names = {0};
	assert_ok(dossier_each(f->st, rita, note_dossier, &names));
	assert_int_equal(names.n, 1);
	assert_string_equal(names.got[0], "Housing ideas:1");
	assert_ok(dossier_delete(f->st, rita, d));
	assert_int_equal(dossier_get(f->st, rita, d, &got), PX_ENOTFOUND);
}

static void limits_hold(void **state)
{
	struct fx *f = *state;
	int64_t rita = reader(f, "rita", "rita@example.org"), id = 0, first = 0;
	char name[16];
	for (int i = 0; i < READER_DOSSIERS_MAX; i++) {
		snprintf(name, sizeof name, "d%d", i);
		assert_ok(dossier_add(f->st, rita, name, 1000, i ? &id : &first));
	}
	assert_int_equal(dossier_add(f->st, rita, "one more", 1000, &id), PX_ETOOBIG);
	for (int64_t nid = 1; nid <= DOSSIER_ITEMS_MAX; nid++)
		assert_ok(dossier_item_add(f->st, rita, first, nid, 1000));
	assert_int_equal(dossier_item_add(f->st, rita, first, DOSSIER_ITEMS_MAX + 1, 1000), PX_ETOOBIG);
	for (int i = 0; i < READER_SEARCHES_MAX; i++)
		assert_ok(saved_search_add(f->st, rita, "s", "q=x", 1000, &id));
	assert_int_equal(saved_search_add(f->st, rita, "s", "q=x", 1000, &id), PX_ETOOBIG);
}

struct searches {
	int64_t ids[4], digested[4];
	size_t n;
};

static void note_search(const struct saved_search *s, void *arg)
{
	struct searches *l = arg;
	if (l->n < 4) {
		l->ids[l->n] = s->id;
		l->digested[l->n++] = s->digested_ms;
	}
}

static void digests_go_to_readers_who_want_them(void **state)
{
	struct fx *f = *state;
	int64_t rita = reader(f, "rita", "rita@example.org"), sam = reader(f, "sam", "sam@example.org"), a, b;
	assert_ok(saved_search_add(f->st, rita, "Solar", "q=solar", 5000, &a));
	assert_ok(saved_search_add(f->st, sam, "Wind", "q=wind", 6000, &b));
	assert_int_equal(saved_search_add(f->st, rita, "Bad", "q=\xff", 5000, &b), PX_EUSAGE);
	assert_int_equal(saved_search_delete(f->st, sam, a), PX_ENOTFOUND);
	struct searches all = {0};
	assert_ok(saved_search_each(f->st, 0, note_search, &all));
	assert_int_equal(all.n, 2);
	assert_int_equal(all.digested[0], 5000); /* saving it counts as a digest */
	assert_ok(saved_search_digested(f->st, a, 9000));
	assert_ok(user_set_digest(f->st, sam, 0));
	struct searches due = {0};
	assert_ok(saved_search_each(f->st, 0, note_search, &due));
	assert_int_equal(due.n, 1);
	assert_int_equal(due.ids[0], a);
	assert_int_equal(due.digested[0], 9000);
	char key[SESSION_TOKEN_N];
	int64_t who = 0;
	assert_ok(digest_key_new(f->st, rita, 1000, key));
	assert_ok(digest_key_find(f->st, key, &who));
	assert_int_equal(who, rita);
	assert_ok(digest_key_find(f->st, key, &who)); /* a key is not used up */
	key[0] = key[0] == 'A' ? 'B' : 'A';
	assert_int_equal(digest_key_find(f->st, key, &who), PX_ENOTFOUND);
	assert_int_equal(digest_key_find(f->st, "short", &who), PX_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_registration_waits_for_its_confirmation, fx_setup, fx_teardown),
		cmocka_unit_test(names_are_checked),
		cmocka_unit_test_setup_teardown(dossiers_are_their_owners_alone, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(limits_hold, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(digests_go_to_readers_who_want_them, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
