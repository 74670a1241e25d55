/* store_node_save and the revisions: new nodes get the next nid (never one
 * found by title), a stale base is a conflict that writes nothing, a state
 * change is a revision, nothing changed writes nothing; the history lists
 * who did what; an old revision reads back; the index keeps only published
 * nodes. */
#include "../unit.h"

#include "fixture.h"
#include "index/index.h"
#include "store/store.h"
#include "store/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct node *practice(int64_t nid, const char *title, enum node_state st)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->nid = nid;
	n->state = st;
	memcpy(n->language, "en", 3);
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->country, "Spain", 5));
	assert_ok(node_set(&n->city, "Bilbao", 6));
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", "Bees on the roofs of schools."));
	return n;
}

static void collect(const struct store_revision *r, void *arg)
{
	assert_ok(buf_printf(arg, "%lld:%s:%s;", (long long)r->rev, r->account ? r->account : r->source,
			     r->state ? r->state : "-"));
}

static void saves_conflicts_and_history(void **state)
{
	struct fx *f = *state;
	/* an ingested node, then a web node with the same title: a new nid */
	struct ptrvec v;
	ptrvec_init(&v);
	struct node *old = practice(0, "Bee roofs", NODE_PUBLISHED);
	assert_ok(ptrvec_push(&v, old));
	struct store_report rep;
	assert_ok(store_nodes_put(f->st, &v, "listing.txt", &rep, &f->why));
	ptrvec_free(&v);
	struct node *n = practice(0, "Bee roofs", NODE_DRAFT);
	int64_t rev = -1;
	assert_ok(store_node_save(f->st, n, 0, f->user, &rev, &f->why));
	assert_true(n->nid > old->nid);
	assert_int_equal(rev, store_node_rev(f->st, n->nid));
	/* a save from an old base: a conflict, nothing written */
	int64_t first = rev, now;
	assert_ok(node_set(&n->title, "Bee roofs, again", 16));
	assert_ok(store_node_save(f->st, n, first, f->user, &rev, &f->why));
	assert_ok(node_set(&n->title, "Someone else's", 14));
	assert_int_equal(store_node_save(f->st, n, first, f->user, &now, &f->why), PX_ECONFLICT);
	assert_int_equal(now, rev); /* the newest, to show both versions */
	struct node *got;
	assert_ok(store_node_get(f->st, n->nid, &got));
	assert_string_equal(got->title, "Bee roofs, again");
	assert_int_equal(got->state, NODE_DRAFT);
	assert_int_equal(got->owner, f->user);
	node_free(got);
	/* the same again: no revision; a state change alone: one */
	assert_ok(node_set(&n->title, "Bee roofs, again", 16));
	assert_ok(store_node_save(f->st, n, rev, f->user, &now, &f->why));
	assert_int_equal(now, rev);
	n->state = NODE_PUBLISHED;
	assert_ok(store_node_save(f->st, n, rev, f->user, &now, &f->why));
	assert_true(now > rev);
	struct buf h;
	buf_init(&h, 4096);
	assert_ok(store_revisions_each(f->st, n->nid, collect, &h));
	char want[256];
	snprintf(want, sizeof want, "%lld:ana:published;%lld:ana:draft;%lld:ana:draft;", (long long)now,
		 (long long)rev, (long long)first);
	assert_string_equal(h.data, want);
	buf_reset(&h);
	assert_ok(store_revisions_each(f->st, old->nid, collect, &h));
	assert_non_null(strstr(h.data, ":listing.txt:-;"));
	buf_free(&h);
	/* an old revision reads back as it was */
	assert_ok(store_revision_get(f->st, n->nid, first, &got));
	assert_string_equal(got->title, "Bee roofs");
	assert_int_equal(got->state, NODE_DRAFT);
	node_free(got);
	assert_int_equal(store_revision_get(f->st, old->nid, first, &got), PX_ENOTFOUND);
	node_free(n);
	node_free(old);
}

static void index_keeps_only_published_nodes(void **state)
{
	struct fx *f = *state;
	struct node *a = practice(0, "Published bees", NODE_PUBLISHED),
		    *b = practice(0, "Draft bees", NODE_DRAFT);
	int64_t ra, rb;
	assert_ok(store_node_save(f->st, a, 0, f->user, &ra, &f->why));
	assert_ok(store_node_save(f->st, b, 0, f->user, &rb, &f->why));
	struct index *ix = index_new();
	assert_ok(index_load(ix, f->st));
	assert_int_equal(index_size(ix), 1);
	b->state = NODE_PUBLISHED; /* published: in */
	assert_ok(index_put(ix, b));
	assert_int_equal(index_size(ix), 2);
	a->state = NODE_UNPUBLISHED; /* unpublished: out */
	assert_ok(index_put(ix, a));
	assert_int_equal(index_size(ix), 1);
	index_free(ix);
	node_free(a);
	node_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(saves_conflicts_and_history, fx_setup_editor, fx_teardown),
		cmocka_unit_test_setup_teardown(index_keeps_only_published_nodes, fx_setup_editor,
						fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
