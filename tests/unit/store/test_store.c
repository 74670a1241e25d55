/* store: schema and migrations, batches (all or nothing), nid assignment,
 * revisions, reading back, counts. Each test gets a fresh store file in its
 * own temporary directory. */
#include "../unit.h"

#include "fixture.h"
#include "store/store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Opens the fixture's store at the current schema. */
static struct store *open_store(struct fx *f)
{
	assert_null(f->st);
	buf_reset(&f->why);
	assert_ok(store_open(f->path, &f->st, &f->why));
	assert_non_null(f->st);
	return f->st;
}

static void close_store(struct fx *f)
{
	store_close(f->st);
	f->st = NULL;
}

/* Runs SQL on the fixture's file with a connection of its own. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
}

static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int64_t v = -1;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

/* ---- building nodes ---- */

static void set(char **field, const char *s)
{
	assert_ok(node_set(field, s, strlen(s)));
}

static void add(struct strlist *l, const char *s)
{
	assert_ok(strlist_add(l, s, strlen(s)));
}

static struct node *practice(int64_t nid, const char *title, const char *country, const char *city)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->nid = nid;
	set(&n->title, title);
	if (country)
		set(&n->country, country);
	if (city)
		set(&n->city, city);
	memcpy(n->language, "en", 3);
	return n;
}

static struct node *article(int64_t nid, const char *title, const char *author, const char *body)
{
	struct node *n = node_new(NODE_ARTICLE);
	assert_non_null(n);
	n->nid = nid;
	if (title)
		set(&n->title, title);
	if (author)
		set(&n->author, author);
	if (body)
		set(&n->body, body);
	memcpy(n->language, "en", 3);
	return n;
}

/* A practice with every field set. */
static struct node *full_practice(int64_t nid)
{
	struct node *n = practice(nid, "CO-CITY", "Italy", "Turin");
	set(&n->subtitle, "The collaborative management of urban commons to counteract poverty");
	add(&n->themes, "Social cohesion");
	add(&n->themes, "Participative governance");
	add(&n->labels, "Urban Innovative Actions");
	add(&n->relations, "in_partnership_with");
	add(&n->relations, "adapted_by_cities_from");
	n->population = 882523;
	memcpy(n->language, "it", 3);
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", "First line.\nSecond line, «quoted» ü."));
	assert_ok(node_section_add(n, SECTION_IMPACT, "The impact and results", "It worked."));
	assert_ok(
		node_section_add(n, SECTION_SOLUTION, "The innovative solution", "Pacts of collaboration."));
	return n;
}

static void push(struct ptrvec *v, struct node *n)
{
	assert_ok(ptrvec_push(v, n));
}

static void nodes_free(struct ptrvec *v)
{
	for (size_t i = 0; i < ptrvec_len(v); i++)
		node_free(ptrvec_get(v, i));
	ptrvec_free(v);
}

static struct node *nth(struct ptrvec *v, size_t i)
{
	return ptrvec_get(v, i);
}

/* Puts v and expects success with the given counts. */
static void put_ok(struct fx *f, struct ptrvec *v, size_t added, size_t updated, size_t unchanged)
{
	struct store_report rep;
	buf_reset(&f->why);
	enum px_err err = store_nodes_put(f->st, v, "test", &rep, &f->why);
	if (err)
		fail_msg("store_nodes_put: %s: %s", px_strerror(err), f->why.len ? f->why.data : "");
	assert_int_equal(rep.added, added);
	assert_int_equal(rep.updated, updated);
	assert_int_equal(rep.unchanged, unchanged);
}

static struct store_totals totals(struct fx *f)
{
	struct store_totals t;
	assert_ok(store_totals(f->st, &t));
	return t;
}

static void assert_stored_equal(struct fx *f, const struct node *want)
{
	struct node *got = NULL;
	assert_ok(store_node_get(f->st, want->nid, &got));
	assert_non_null(got);
	assert_int_equal(got->nid, want->nid);
	if (!node_equal(got, want))
		fail_msg("node %lld read back differs", (long long)want->nid);
	node_free(got);
}

/* ---- schema ---- */

static void test_open_creates_schema(void **state)
{
	struct fx *f = *state;
	struct store *st = open_store(f);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	struct store_totals t = totals(f);
	assert_int_equal(t.nodes, 0);
	assert_int_equal(t.revisions, 0);
	assert_int_equal(t.batches, 0);
	assert_int_equal(t.max_nid, 0);
	close_store(f);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
					  " name IN ('node', 'node_term', 'section', 'revision', 'batch')"),
			 5);
	/* opening again is a no-op */
	st = open_store(f);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
}

static void test_open_at_version_1(void **state)
{
	struct fx *f = *state;
	assert_ok(store_open_at_version(f->path, 1, &f->st, &f->why));
	assert_int_equal(store_schema_version(f->st), 1);
	close_store(f);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'batch'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'node'"), 1);
}

static void test_migrate_v1_keeps_data(void **state)
{
	struct fx *f = *state;
	assert_ok(store_open_at_version(f->path, 1, &f->st, &f->why));
	close_store(f);
	/* a node written by a version-1 praxis */
	raw_exec(f->path,
		 "INSERT INTO node (nid, type, title, subtitle, country, city, population, language,"
		 " ident, created, updated) VALUES (42, 'practice', 'OLD', 'An old practice', 'Spain',"
		 " 'Bilbao', 345821, 'en', 'practice' || char(31) || 'OLD' || char(31), '2020-01-01',"
		 " '2020-01-01');"
		 "INSERT INTO node_term VALUES (42, 'theme', 0, 'Jobs and skills');"
		 "INSERT INTO node_term VALUES (42, 'label', 0, 'URBACT');"
		 "INSERT INTO section VALUES (42, 0, 'summary', 'Summary', 'Line one\nLine two');"
		 "INSERT INTO revision (nid, at, doc) VALUES (42, '2020-01-01', '{}');");
	open_store(f);
	assert_int_equal(store_schema_version(f->st), STORE_SCHEMA_VERSION);
	struct store_totals t = totals(f);
	assert_int_equal(t.nodes, 1);
	assert_int_equal(t.revisions, 1);
	assert_int_equal(t.batches, 0);
	assert_int_equal(t.max_nid, 42);

	struct node *want = practice(42, "OLD", "Spain", "Bilbao");
	set(&want->subtitle, "An old practice");
	want->population = 345821;
	add(&want->themes, "Jobs and skills");
	add(&want->labels, "URBACT");
	assert_ok(node_section_add(want, SECTION_SUMMARY, "Summary", "Line one\nLine two"));
	assert_stored_equal(f, want);
	node_free(want);

	/* and the migrated store takes batches */
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, article(0, "New", "Ann", "Body"));
	put_ok(f, &v, 1, 0, 0);
	assert_int_equal(nth(&v, 0)->nid, 43);
	assert_int_equal(totals(f).batches, 1);
	nodes_free(&v);
	close_store(f);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM revision WHERE batch IS NOT NULL"), 1);
}

/* Rows that have no revision (a v1 store filled by hand or by another tool):
 * re-putting such a node must replace its terms and sections, not trip over
 * them. */
static void test_node_without_revision_rewritten(void **state)
{
	struct fx *f = *state;
	assert_ok(store_open_at_version(f->path, 1, &f->st, &f->why));
	close_store(f);
	raw_exec(f->path,
		 "INSERT INTO node (nid, type, title, country, city, language, ident, created, updated)"
		 " VALUES (42, 'practice', 'OLD', 'Spain', 'Bilbao', 'en',"
		 " 'practice' || char(31) || 'OLD' || char(31), '2020-01-01', '2020-01-01');"
		 "INSERT INTO node_term VALUES (42, 'theme', 0, 'Jobs and skills');"
		 "INSERT INTO section VALUES (42, 0, 'summary', 'Summary', 'Old text');");
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	struct node *n = practice(42, "OLD", "Spain", "Bilbao");
	add(&n->themes, "Culture");
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", "New text"));
	push(&v, n);
	struct store_report rep;
	enum px_err err = store_nodes_put(f->st, &v, "again", &rep, &f->why);
	if (err)
		fail_msg("re-put of a node without revision: %s", f->why.data);
	assert_int_equal(rep.added + rep.updated, 1);
	assert_stored_equal(f, n);
	assert_int_equal(store_revision_count(f->st, 42), 1);
	nodes_free(&v);
}

/* The identity lookup of a nid-less node walks the index node_ident from
 * where the batch's previous lookup of that identity stopped (rowid>?):
 * without that bound, re-ingesting k nodes of one identity scanned k^2/2
 * index entries (20k: 21 s). */
static void test_identity_lookup_uses_the_index_from_the_last_nid(void **state)
{
	struct fx *f = *state;
	open_store(f);
	close_store(f);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TEMP TABLE batch_nid (nid INTEGER PRIMARY KEY);"
				      "CREATE TEMP TABLE ident_last (ident TEXT PRIMARY KEY, nid INTEGER NOT NULL)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN " STORE_IDENT_SQL, -1, &q, NULL), SQLITE_OK);
	int seen = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(q, 3);
		if (strstr(detail, "SCAN node"))
			fail_msg("the identity lookup scans the node table: %s", detail);
		if (strstr(detail, "INDEX node_ident (ident=? AND rowid>?)"))
			seen = 1;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(seen);
}

/* Many nodes of one identity keep their nids, in order, on re-ingest. */
static void test_reput_one_identity_keeps_nids(void **state)
{
	struct fx *f = *state;
	open_store(f);
	for (int round = 0; round < 2; round++) {
		struct ptrvec v;
		ptrvec_init(&v);
		for (int i = 0; i < 500; i++) {
			char body[32];
			snprintf(body, sizeof body, "body %d", i);
			push(&v, article(0, "Same", "Ann", body));
		}
		put_ok(f, &v, round ? 0 : 500, 0, round ? 500 : 0);
		for (int i = 0; i < 500; i++)
			assert_int_equal(nth(&v, (size_t)i)->nid, i + 1);
		nodes_free(&v);
	}
}

static void test_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	open_store(f);
	close_store(f);
	raw_exec(f->path, "PRAGMA user_version = 99");
	struct store *st = NULL;
	enum px_err err = store_open(f->path, &st, &f->why);
	assert_int_equal(err, PX_ESTORE);
	assert_null(st);
	assert_true(f->why.len > 0);
	assert_non_null(strstr(f->why.data, "99"));
	assert_non_null(strstr(f->why.data, "newer"));
	/* the store is left as it was */
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 99);
}

static void test_not_a_database_refused(void **state)
{
	struct fx *f = *state;
	FILE *fp = fopen(f->path, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 64; i++)
		fputs("this is not an SQLite database, just text\n", fp);
	fclose(fp);
	struct store *st = NULL;
	assert_int_equal(store_open(f->path, &st, &f->why), PX_ESTORE);
	assert_null(st);
	assert_true(f->why.len > 0);
}

/* ---- writing and reading ---- */

static void test_put_get_roundtrip(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, full_practice(17065));
	push(&v, article(17070, "Μια ιστορία", "Ελένη Π.", "Πρώτη γραμμή\nδεύτερη γραμμή"));
	push(&v, practice(17080, "BARE", "Spain", "Barcelona")); /* no subtitle, lists or sections */
	put_ok(f, &v, 3, 0, 0);
	for (size_t i = 0; i < ptrvec_len(&v); i++)
		assert_stored_equal(f, nth(&v, i));

	struct node *got = NULL;
	assert_ok(store_node_get(f->st, 17065, &got));
	assert_int_equal(got->type, NODE_PRACTICE);
	assert_string_equal(got->title, "CO-CITY");
	assert_int_equal(got->population, 882523);
	assert_int_equal(strlist_len(&got->themes), 2);
	assert_string_equal(strlist_get(&got->themes, 0), "Social cohesion");
	assert_string_equal(strlist_get(&got->themes, 1), "Participative governance");
	assert_int_equal(node_section_count(got), 3);
	assert_int_equal(node_section(got, 1)->key, SECTION_IMPACT); /* order as written */
	assert_string_equal(got->language, "it");
	node_free(got);

	assert_ok(store_node_get(f->st, 17080, &got));
	assert_null(got->subtitle);
	assert_int_equal(got->population, -1);
	node_free(got);

	assert_ok(store_node_get(f->st, 17070, &got));
	assert_string_equal(got->author, "Ελένη Π.");
	assert_null(got->country);
	node_free(got);

	got = NULL;
	assert_int_equal(store_node_get(f->st, 1, &got), PX_ENOTFOUND);
	assert_null(got);
	nodes_free(&v);
}

static void test_nid_assignment(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, practice(10, "TEN", "Spain", "Bilbao"));
	put_ok(f, &v, 1, 0, 0);
	nodes_free(&v);

	/* above the store's max (10) and the batch's max (50), in document order */
	ptrvec_init(&v);
	push(&v, article(0, "First", "A", "one"));
	push(&v, practice(50, "FIFTY", "Italy", "Turin"));
	push(&v, article(0, "Second", "B", "two"));
	push(&v, article(0, "Third", NULL, "three"));
	put_ok(f, &v, 4, 0, 0);
	assert_int_equal(nth(&v, 0)->nid, 51);
	assert_int_equal(nth(&v, 1)->nid, 50);
	assert_int_equal(nth(&v, 2)->nid, 52);
	assert_int_equal(nth(&v, 3)->nid, 53);
	for (size_t i = 0; i < ptrvec_len(&v); i++)
		assert_stored_equal(f, nth(&v, i));
	nodes_free(&v);

	/* a store whose max is above the batch's */
	ptrvec_init(&v);
	push(&v, practice(20, "TWENTY", "France", "Lyon"));
	push(&v, article(0, "Fourth", "C", "four"));
	put_ok(f, &v, 2, 0, 0);
	assert_int_equal(nth(&v, 1)->nid, 54);
	nodes_free(&v);
	assert_int_equal(totals(f).max_nid, 54);
}

static struct ptrvec sample_batch(void)
{
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, full_practice(0));
	push(&v, article(0, "News from Turin", "Anna", "Body one"));
	push(&v, article(0, "News from Lyon", NULL, "Body two"));
	push(&v, practice(7, "SEVEN", "Greece", "Athens"));
	return v;
}

static void test_reput_unchanged(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec a = sample_batch();
	put_ok(f, &a, 4, 0, 0);
	struct store_totals t1 = totals(f);
	assert_int_equal(t1.nodes, 4);
	assert_int_equal(t1.revisions, 4);
	assert_int_equal(t1.batches, 1);

	struct ptrvec b = sample_batch(); /* the same file read again: nids 0 */
	put_ok(f, &b, 0, 0, 4);
	for (size_t i = 0; i < ptrvec_len(&a); i++) {
		assert_int_equal(nth(&b, i)->nid, nth(&a, i)->nid);
		assert_int_equal(store_revision_count(f->st, nth(&a, i)->nid), 1);
	}
	struct store_totals t2 = totals(f);
	assert_int_equal(t2.nodes, 4);
	assert_int_equal(t2.revisions, 4);
	assert_int_equal(t2.max_nid, t1.max_nid);
	assert_int_equal(t2.batches, 2); /* every put is a batch, even one that changed nothing */

	/* and after reopening */
	close_store(f);
	open_store(f);
	nodes_free(&b);
	b = sample_batch();
	put_ok(f, &b, 0, 0, 4);
	for (size_t i = 0; i < ptrvec_len(&a); i++)
		assert_int_equal(nth(&b, i)->nid, nth(&a, i)->nid);
	nodes_free(&a);
	nodes_free(&b);
}

static void test_changed_node_updated(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec a = sample_batch();
	put_ok(f, &a, 4, 0, 0);
	int64_t pnid = nth(&a, 0)->nid, anid = nth(&a, 1)->nid;

	struct ptrvec b = sample_batch();
	add(&nth(&b, 0)->themes, "Poverty");           /* a list grew */
	set(&nth(&b, 1)->body, "Body one, corrected"); /* same identity, new body */
	nth(&b, 3)->population = 664046;               /* explicit nid, new field */
	put_ok(f, &b, 0, 3, 1);
	assert_int_equal(nth(&b, 0)->nid, pnid);
	assert_int_equal(nth(&b, 1)->nid, anid);
	assert_int_equal(store_revision_count(f->st, pnid), 2);
	assert_int_equal(store_revision_count(f->st, anid), 2);
	assert_int_equal(store_revision_count(f->st, 7), 2);
	assert_int_equal(store_revision_count(f->st, nth(&b, 2)->nid), 1);
	for (size_t i = 0; i < ptrvec_len(&b); i++)
		assert_stored_equal(f, nth(&b, i));
	struct store_totals t = totals(f);
	assert_int_equal(t.nodes, 4);
	assert_int_equal(t.revisions, 7);

	/* a removed section and list item are gone when read back */
	nodes_free(&b);
	b = sample_batch();
	struct node *p = practice(0, "CO-CITY", "Italy", "Turin");
	node_free(nth(&b, 0));
	((void **)(void *)b.b.data)[0] = p;
	put_ok(f, &b, 0, 3, 1); /* the practice, and the two reverted to the first version */
	assert_int_equal(p->nid, pnid);
	assert_stored_equal(f, p);
	assert_int_equal(store_revision_count(f->st, pnid), 3);
	nodes_free(&a);
	nodes_free(&b);
}

static void test_same_identity_in_batch(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec a;
	ptrvec_init(&a);
	push(&a, article(0, "Newsletter", "Editor", "Issue 1"));
	push(&a, article(0, "Newsletter", "Editor", "Issue 2"));
	push(&a, practice(0, "TWIN", "Spain", "Bilbao"));
	push(&a, practice(0, "TWIN", "Italy", "Turin"));
	put_ok(f, &a, 4, 0, 0);
	assert_int_not_equal(nth(&a, 0)->nid, nth(&a, 1)->nid);
	assert_int_not_equal(nth(&a, 2)->nid, nth(&a, 3)->nid);
	assert_int_equal(totals(f).nodes, 4);
	for (size_t i = 0; i < ptrvec_len(&a); i++)
		assert_stored_equal(f, nth(&a, i));

	/* ingesting the same file again maps them to the same nids, in order */
	struct ptrvec b;
	ptrvec_init(&b);
	push(&b, article(0, "Newsletter", "Editor", "Issue 1"));
	push(&b, article(0, "Newsletter", "Editor", "Issue 2"));
	push(&b, practice(0, "TWIN", "Spain", "Bilbao"));
	push(&b, practice(0, "TWIN", "Italy", "Turin"));
	put_ok(f, &b, 0, 0, 4);
	for (size_t i = 0; i < ptrvec_len(&a); i++)
		assert_int_equal(nth(&b, i)->nid, nth(&a, i)->nid);
	assert_int_equal(totals(f).revisions, 4);
	nodes_free(&a);
	nodes_free(&b);
}

static void test_nid0_does_not_take_an_explicit_nid_of_the_batch(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec a;
	ptrvec_init(&a);
	push(&a, article(5, "Story", "Bo", "Text"));
	put_ok(f, &a, 1, 0, 0);
	nodes_free(&a);

	/* nid 5 is claimed explicitly by another node of the batch: the
	 * identity match must not make both write nid 5 */
	ptrvec_init(&a);
	push(&a, article(0, "Story", "Bo", "Text"));
	push(&a, practice(5, "FIVE", "Spain", "Bilbao"));
	put_ok(f, &a, 1, 1, 0);
	assert_int_equal(nth(&a, 0)->nid, 6);
	assert_stored_equal(f, nth(&a, 0));
	assert_stored_equal(f, nth(&a, 1));
	nodes_free(&a);
}

static void expect_put_refused(struct fx *f, struct ptrvec *v, const char *why_has);

/* With the largest nid in use there is none left for a nid-less node: the
 * put is refused with a reason, nothing is written, and the counter never
 * overflows (UBSan watches the unit-asan build), even when a caller hands
 * the store a nid above NODE_NID_MAX. */
static void no_nid_left(struct fx *f, int64_t top)
{
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, article(top, "Last", "L", "b"));
	put_ok(f, &v, 1, 0, 0);
	nodes_free(&v);
	assert_int_equal(totals(f).max_nid, top);

	ptrvec_init(&v);
	push(&v, article(0, "No nid", "N", "b"));
	expect_put_refused(f, &v, "no nid");
	nodes_free(&v);

	/* also when the largest nid comes in the same batch */
	ptrvec_init(&v);
	push(&v, article(0, "No nid", "N", "b"));
	push(&v, article(top, "Last", "L", "changed"));
	expect_put_refused(f, &v, "no nid");
	nodes_free(&v);
	assert_int_equal(store_revision_count(f->st, top), 1);
}

static void test_no_nid_left_above_the_largest(void **state)
{
	struct fx *f = *state;
	open_store(f);
	no_nid_left(f, NODE_NID_MAX);
}

/* A nid above NODE_NID_MAX never enters the store, whoever built the node. */
static void test_nid_above_max_refused(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, article(1, "Fine", "F", "b"));
	push(&v, article(NODE_NID_MAX + 1, "Too far", "T", "b"));
	expect_put_refused(f, &v, "outside");
	nodes_free(&v);
}

/* ---- all or nothing ---- */

static void expect_put_refused(struct fx *f, struct ptrvec *v, const char *why_has)
{
	struct store_totals before = totals(f);
	struct store_report rep = {9, 9, 9, 9};
	buf_reset(&f->why);
	assert_int_equal(store_nodes_put(f->st, v, "bad", &rep, &f->why), PX_ESTORE);
	assert_true(f->why.len > 0);
	if (why_has && !strstr(f->why.data, why_has))
		fail_msg("reason \"%s\" does not mention \"%s\"", f->why.data, why_has);
	assert_int_equal(rep.added, 0);
	assert_int_equal(rep.updated, 0);
	assert_int_equal(rep.unchanged, 0);
	struct store_totals after = totals(f);
	assert_int_equal(after.nodes, before.nodes);
	assert_int_equal(after.revisions, before.revisions);
	assert_int_equal(after.batches, before.batches);
	assert_int_equal(after.max_nid, before.max_nid);
}

static void test_failed_batch_leaves_nothing(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec a = sample_batch();
	put_ok(f, &a, 4, 0, 0);
	int64_t pnid = nth(&a, 0)->nid;

	/* NOT NULL: a title-less node after good ones, one of them an update */
	struct ptrvec b;
	ptrvec_init(&b);
	push(&b, article(0, "Fresh", "Zed", "new"));
	struct node *changed = full_practice(pnid);
	set(&changed->subtitle, "Changed subtitle");
	push(&b, changed);
	push(&b, article(900, NULL, "Nobody", "no title"));
	push(&b, article(0, "After", "Zed", "never reached"));
	expect_put_refused(f, &b, "NOT NULL");
	nodes_free(&b);
	assert_stored_equal(f, nth(&a, 0)); /* the update was rolled back */
	assert_int_equal(store_revision_count(f->st, pnid), 1);
	struct node *n = NULL;
	assert_int_equal(store_node_get(f->st, 900, &n), PX_ENOTFOUND);

	/* CHECK: an empty title, a negative population, a negative nid */
	ptrvec_init(&b);
	push(&b, article(0, "Fresh", "Zed", "new"));
	push(&b, article(0, "", "Zed", "empty title"));
	expect_put_refused(f, &b, "CHECK");
	nodes_free(&b);

	ptrvec_init(&b);
	push(&b, practice(901, "OK", "Spain", "Bilbao"));
	push(&b, practice(-3, "NEGATIVE", "Spain", "Bilbao"));
	expect_put_refused(f, &b, NULL);
	nodes_free(&b);
	assert_int_equal(store_node_get(f->st, 901, &n), PX_ENOTFOUND);

	/* the store still takes a good batch afterwards, and the failed ones
	 * used up no nids */
	struct ptrvec c;
	ptrvec_init(&c);
	push(&c, article(0, "Fresh", "Zed", "new"));
	put_ok(f, &c, 1, 0, 0);
	assert_int_equal(nth(&c, 0)->nid, 11); /* max was 10 */
	assert_int_equal(totals(f).batches, 2);
	nodes_free(&c);
	nodes_free(&a);
}

static void test_put_on_v1_schema_refused(void **state)
{
	struct fx *f = *state;
	assert_ok(store_open_at_version(f->path, 1, &f->st, &f->why));
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, article(0, "x", "y", "z"));
	struct store_report rep;
	assert_int_equal(store_nodes_put(f->st, &v, "old", &rep, &f->why), PX_ESTORE);
	assert_true(f->why.len > 0);
	nodes_free(&v);
	close_store(f);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM node"), 0);
}

/* ---- walking ---- */

struct walk {
	int64_t nids[16];
	size_t n, stop_after;
};

static int walk_fn(const struct node *n, void *arg)
{
	struct walk *w = arg;
	assert_true(w->n < 16);
	w->nids[w->n++] = n->nid;
	return w->stop_after && w->n >= w->stop_after;
}

static void test_nodes_each(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct walk w = {{0}, 0, 0};
	assert_ok(store_nodes_each(f->st, walk_fn, &w));
	assert_int_equal(w.n, 0);

	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, practice(3, "THREE", "Spain", "Bilbao"));
	push(&v, practice(10, "TEN", "Spain", "Bilbao"));
	push(&v, article(7, "Seven", "S", "s"));
	push(&v, article(0, "Eleven", "E", "e"));
	put_ok(f, &v, 4, 0, 0);
	nodes_free(&v);

	assert_ok(store_nodes_each(f->st, walk_fn, &w));
	assert_int_equal(w.n, 4);
	assert_int_equal(w.nids[0], 11);
	assert_int_equal(w.nids[1], 10);
	assert_int_equal(w.nids[2], 7);
	assert_int_equal(w.nids[3], 3);

	struct walk stop = {{0}, 0, 2};
	assert_ok(store_nodes_each(f->st, walk_fn, &stop));
	assert_int_equal(stop.n, 2);
	assert_int_equal(stop.nids[0], 11);
	assert_int_equal(stop.nids[1], 10);

	/* an early stop leaves no transaction open: writes still work */
	ptrvec_init(&v);
	push(&v, article(0, "Twelve", "T", "t"));
	put_ok(f, &v, 1, 0, 0);
	assert_int_equal(nth(&v, 0)->nid, 12);
	nodes_free(&v);
	close_store(f);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM node"), 5);
}

/* ---- counts ---- */

struct counts {
	char values[16][64];
	int64_t n[16];
	size_t len;
};

static void count_fn(const char *value, int64_t count, void *arg)
{
	struct counts *c = arg;
	assert_true(c->len < 16);
	snprintf(c->values[c->len], sizeof c->values[0], "%s", value ? value : "(null)");
	c->n[c->len++] = count;
}

static struct counts count_by(struct fx *f, const char *field)
{
	struct counts c;
	memset(&c, 0, sizeof c);
	assert_ok(store_count_by(f->st, field, count_fn, &c));
	return c;
}

static void test_count_by(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	struct node *p1 = practice(1, "P1", "Spain", "Bilbao");
	add(&p1->themes, "Jobs");
	add(&p1->themes, "Poverty");
	add(&p1->labels, "URBACT");
	struct node *p2 = practice(2, "P2", "Spain", "Barcelona");
	add(&p2->themes, "Poverty");
	add(&p2->labels, "Urban Innovative Actions");
	struct node *p3 = practice(3, "P3", "Italy", "Turin");
	add(&p3->themes, "Poverty");
	add(&p3->themes, "Culture");
	add(&p3->labels, "URBACT");
	memcpy(p3->language, "it", 3);
	push(&v, p1);
	push(&v, p2);
	push(&v, p3);
	push(&v, article(4, "A1", "x", "y"));
	put_ok(f, &v, 4, 0, 0);
	nodes_free(&v);

	struct counts c = count_by(f, "type");
	assert_int_equal(c.len, 2);
	assert_string_equal(c.values[0], "practice");
	assert_int_equal(c.n[0], 3);
	assert_string_equal(c.values[1], "article");
	assert_int_equal(c.n[1], 1);

	c = count_by(f, "language");
	assert_int_equal(c.len, 2);
	assert_string_equal(c.values[0], "en");
	assert_int_equal(c.n[0], 3);
	assert_string_equal(c.values[1], "it");

	c = count_by(f, "country"); /* articles have none: not counted */
	assert_int_equal(c.len, 2);
	assert_string_equal(c.values[0], "Spain");
	assert_int_equal(c.n[0], 2);
	assert_string_equal(c.values[1], "Italy");
	assert_int_equal(c.n[1], 1);

	c = count_by(f, "theme"); /* largest first, ties by value */
	assert_int_equal(c.len, 3);
	assert_string_equal(c.values[0], "Poverty");
	assert_int_equal(c.n[0], 3);
	assert_string_equal(c.values[1], "Culture");
	assert_string_equal(c.values[2], "Jobs");

	c = count_by(f, "label");
	assert_int_equal(c.len, 2);
	assert_string_equal(c.values[0], "URBACT");
	assert_int_equal(c.n[0], 2);
	assert_string_equal(c.values[1], "Urban Innovative Actions");

	memset(&c, 0, sizeof c);
	assert_int_equal(store_count_by(f->st, "title", count_fn, &c), PX_EUSAGE);
	assert_int_equal(c.len, 0);
}

static void test_totals(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct ptrvec v;
	ptrvec_init(&v);
	push(&v, practice(100, "HUNDRED", "Spain", "Bilbao"));
	push(&v, article(0, "A", "B", "C"));
	put_ok(f, &v, 2, 0, 0);
	nodes_free(&v);
	struct store_totals t = totals(f);
	assert_int_equal(t.nodes, 2);
	assert_int_equal(t.revisions, 2);
	assert_int_equal(t.batches, 1);
	assert_int_equal(t.max_nid, 101);

	ptrvec_init(&v);
	push(&v, article(0, "A", "B", "C changed"));
	put_ok(f, &v, 0, 1, 0);
	nodes_free(&v);
	t = totals(f);
	assert_int_equal(t.nodes, 2);
	assert_int_equal(t.revisions, 3);
	assert_int_equal(t.batches, 2);
	assert_int_equal(t.max_nid, 101);
	assert_int_equal(store_revision_count(f->st, 101), 2);
	assert_int_equal(store_revision_count(f->st, 100), 1);
	assert_int_equal(store_revision_count(f->st, 5), 0);
}

/* ---- progress ---- */

struct progress {
	size_t calls, last_done, total;
};

static void progress_fn(size_t done, size_t total, void *arg)
{
	struct progress *p = arg;
	p->calls++;
	p->last_done = done;
	p->total = total;
}

static void test_progress(void **state)
{
	struct fx *f = *state;
	open_store(f);
	struct progress p = {0, 0, 0};
	store_set_progress(f->st, progress_fn, &p);
	struct ptrvec v;
	ptrvec_init(&v);
	char title[32];
	for (int i = 0; i < 8200; i++) {
		snprintf(title, sizeof title, "Story %d", i);
		push(&v, article(0, title, "Bulk", "text"));
	}
	put_ok(f, &v, 8200, 0, 0);
	assert_int_equal(p.calls, 2);
	assert_int_equal(p.last_done, 8192);
	assert_int_equal(p.total, 8200);
	assert_int_equal(nth(&v, 8199)->nid, 8200);
	nodes_free(&v);
	store_set_progress(f->st, NULL, NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_dir, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_creates_schema),
		T(test_open_at_version_1),
		T(test_migrate_v1_keeps_data),
		T(test_node_without_revision_rewritten),
		T(test_newer_schema_refused),
		T(test_identity_lookup_uses_the_index_from_the_last_nid),
		T(test_reput_one_identity_keeps_nids),
		T(test_not_a_database_refused),
		T(test_put_get_roundtrip),
		T(test_nid_assignment),
		T(test_reput_unchanged),
		T(test_changed_node_updated),
		T(test_same_identity_in_batch),
		T(test_nid0_does_not_take_an_explicit_nid_of_the_batch),
		T(test_failed_batch_leaves_nothing),
		T(test_put_on_v1_schema_refused),
		T(test_nodes_each),
		T(test_count_by),
		T(test_totals),
		T(test_progress),
		T(test_no_nid_left_above_the_largest),
		T(test_nid_above_max_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
