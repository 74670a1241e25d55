/* Index snapshots: a saved and re-read index answers exactly as the one
 * saved; a damaged file is refused, never trusted; index_open() catches a
 * snapshot up with the store. */
#include "../unit.h"
#include "index/index.h"
#include "index/index_int.h"
#include "store/store.h"
#include "store_fx.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct node *practice(int64_t nid, const char *title, const char *city, const char *text,
			     const char *lang)
{
	struct node *n = node_new(NODE_PRACTICE);
	assert_non_null(n);
	n->nid = nid;
	assert_ok(node_set(&n->title, title, strlen(title)));
	assert_ok(node_set(&n->city, city, strlen(city)));
	assert_ok(node_set(&n->country, "Spain", 5));
	assert_ok(strlist_add(&n->themes, "Housing", 7));
	assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", text));
	n->population = 120000;
	memcpy(n->language, lang, 3);
	return n;
}

static void put_nodes(struct fx *f, struct node **nodes, size_t n)
{
	struct ptrvec v;
	ptrvec_init(&v);
	for (size_t i = 0; i < n; i++)
		assert_ok(ptrvec_push(&v, nodes[i]));
	struct store_report rep;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(store_nodes_put(f->st, &v, "test", &rep, &why));
	buf_free(&why);
	for (size_t i = 0; i < n; i++)
		node_free(nodes[i]);
	ptrvec_free(&v);
}

static int setup(void **state)
{
	struct fx *f = fx_open("/tmp/praxis-snap-XXXXXX");
	if (!f)
		return -1;
	struct node *nodes[] = {
		practice(10, "Cohousing for elders", "Bilbao", "Older people share a house and a garden.",
			 "en"),
		practice(11, "Huertos urbanos", "Sevilla", "Los vecinos cultivan huertos en solares vacios.",
			 "es"),
		practice(12, "Solar roofs", "Valencia", "Solar panels on the roofs of public schools.", "en"),
	};
	put_nodes(f, nodes, 3);
	*state = f;
	return 0;
}

/* The nids a query finds, in rank order, as "10,12/total/cities", and
 * with counts, every facet count after them, then the map's practices per
 * place (rebuilt when a snapshot is read: it keeps no such array). */
static void hits_range(const struct index *ix, const char *q, int counts, struct index_range pop, char *out,
		       size_t n)
{
	struct index_query iq = {.text = q, .limit = 10, .facets = 1, .population = pop, .places = counts};
	struct index_result r;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(index_search(ix, &iq, &r, &why));
	out[0] = '\0';
	for (size_t i = 0; i < r.nhits; i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%lld", i ? "," : "",
			 (long long)r.hits[i].nid);
	snprintf(out + strlen(out), n - strlen(out), "/%zu/%zu", r.total, r.nfacet[FACET_CITY]);
	for (int f = 0; counts && f < FACET_COUNT; f++) /* every count, as the web's filters show them */
		for (size_t i = 0; i < r.nfacet[f]; i++)
			snprintf(out + strlen(out), n - strlen(out), " %s=%s:%zu",
				 index_facet_name((enum index_facet)f), r.facets[f][i].value,
				 r.facets[f][i].count);
	for (size_t i = 0; i < r.nplaces; i++)
		snprintf(out + strlen(out), n - strlen(out), " place=%s:%zu", r.places[i].value, r.places[i].count);
	index_result_free(&r);
	buf_free(&why);
}

static void hits_counts(const struct index *ix, const char *q, int counts, char *out, size_t n)
{
	hits_range(ix, q, counts, (struct index_range){0}, out, n);
}

static void hits(const struct index *ix, const char *q, char *out, size_t n)
{
	hits_counts(ix, q, 0, out, n);
}

static void saved_index_answers_the_same(void **state)
{
	struct fx *f = *state;
	struct index *a = index_new(), *b = NULL;
	assert_ok(index_load(a, f->st));
	assert_ok(index_save(a, f->snap, 42));
	int64_t stamp = 0;
	assert_ok(index_read(f->snap, &b, &stamp));
	assert_int_equal(stamp, 42);
	assert_int_equal(index_size(b), 3);
	const char *queries[] = {"garden", "solar",       "huerto", "gardn", "roof",
				 "so",     "city:Bilbao", "",       "-solar"};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char x[1024], y[1024];
		hits_counts(a, queries[i], 1, x, sizeof x);
		hits_counts(b, queries[i], 1, y, sizeof y);
		assert_string_equal(x, y);
		/* populations are kept: a range answers the same */
		hits_range(a, queries[i], 1, (struct index_range){1, 100000, 200000}, x, sizeof x);
		hits_range(b, queries[i], 1, (struct index_range){1, 100000, 200000}, y, sizeof y);
		assert_string_equal(x, y);
	}
	char in[1024];
	hits_range(b, "", 0, (struct index_range){1, 120000, 120000}, in, sizeof in);
	assert_string_not_equal(in, "/0/0"); /* the fixture's 120,000 is found after reading */
	/* the re-read index keeps growing like any other */
	struct node *n = practice(13, "Garden schools", "Madrid", "Every school gets a garden.", "en");
	assert_ok(index_put(b, n));
	node_free(n);
	char y[1024];
	hits_counts(b, "garden", 1, y, sizeof y);
	/* and the Spanish "huertos", a translation of "garden" */
	if (strncmp(y, "13,10,11/3/3 ", 13))
		fail_msg("garden after a put: %s", y);
	if (!strstr(y, " city=Bilbao:1 city=Madrid:1 "))
		fail_msg("%s", y);
	if (!strstr(y, " place=ES:bilbao:1 place=ES:madrid:1"))
		fail_msg("the map's places after a put on a read index: %s", y);
	hits_counts(b, "", 1, y, sizeof y);
	if (!strstr(y, " place=ES:bilbao:1 place=ES:madrid:1 place=ES:sevilla:1 place=ES:valencia:1"))
		fail_msg("the map's places of a read index: %s", y);
	index_free(a);
	index_free(b);
}

/* What index_typo_terms() found: a bit per term id. */
struct typo_seen {
	unsigned char *found;
	size_t n;
};

static void typo_seen(uint32_t term, int dist, void *arg)
{
	struct typo_seen *t = arg;
	(void)dist;
	assert_true(term < t->n);
	t->found[term] = 1;
}

/* The typo walk over ix's sorted text finds exactly the terms within
 * distance 2 of q that a look at every term finds. */
static void assert_typo_walk_complete(const struct index *ix, const char *q)
{
	struct typo_seen t = {calloc(term_count(ix) + 1, 1), term_count(ix)};
	assert_non_null(t.found);
	index_typo_terms(ix, q, strlen(q), 2, typo_seen, &t);
	for (size_t id = 0; id < term_count(ix); id++) {
		int d = index_typo_distance(q, strlen(q), term_text(ix, (uint32_t)id),
					    term_at(ix, (uint32_t)id)->len, 2);
		if ((d <= 2) != t.found[id])
			fail_msg("typo walk for %s: term %.*s (distance %d) %s", q, (int)term_at(ix, (uint32_t)id)->len,
				 term_text(ix, (uint32_t)id), d, t.found[id] ? "found" : "missed");
	}
	free(t.found);
}

/* The sorted terms' texts side by side, as the typo walk reads them. */
static void assert_sorted_text(const struct index *ix)
{
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	const uint32_t *end = (const uint32_t *)(const void *)ix->sorted_end.data;
	assert_int_equal(ix->sorted_end.len, ix->nsorted * sizeof(uint32_t));
	for (size_t i = 0, at = 0; i < ix->nsorted; at = end[i++]) {
		assert_int_equal(end[i] - at, term_at(ix, ids[i])->len);
		assert_memory_equal(ix->sorted_text.data + at, term_text(ix, ids[i]), end[i] - at);
	}
}

/* A snapshot writes the strings in the terms' sorted order, so that a
 * reader takes them as the typo walk's sorted text with nothing to copy;
 * a flush after more puts builds that text again, copied. Typos answer as
 * before at every step. */
static void snapshot_strings_are_the_sorted_text(void **state)
{
	struct fx *f = *state;
	struct index *a = index_new(), *b = NULL;
	assert_ok(index_load(a, f->st));
	struct node *more[] = {
		practice(20, "Pollinator meadows", "Granada", "Wild flowers feed bees in every park.", "en"),
		practice(21, "Jardins partagés", "Lyon", "Des habitants cultivent des jardins ensemble.", "fr"),
		practice(22, "Δίκτυα πόλεων", "Athens", "Οι δήμοι συνεργάζονται για τους κήπους.", "el"),
	};
	for (size_t i = 0; i < 3; i++) {
		assert_ok(index_put(a, more[i]));
		node_free(more[i]);
	}
	assert_ok(index_flush(a));
	assert_sorted_text(a);
	assert_ok(index_save(a, f->snap, 7));
	int64_t stamp;
	assert_ok(index_read(f->snap, &b, &stamp));
	assert_sorted_text(b);
	assert_int_equal(b->sorted_text.size, 0); /* borrowed from the image */
	assert_ptr_equal(b->sorted_text.data, b->strings.data);
	const char *typos[] = {"gardn", "pollinatr", "jardisn", "συνεργαζοντι", "shools", "mweadows"};
	for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
		char x[1024], y[1024];
		hits(a, typos[i], x, sizeof x);
		hits(b, typos[i], y, sizeof y);
		assert_string_equal(x, y);
		assert_typo_walk_complete(b, typos[i]);
	}
	struct node *n = practice(23, "Rooftop apiaries", "Madrid", "Beehives on rooftops.", "en");
	assert_ok(index_put(b, n));
	node_free(n);
	assert_ok(index_flush(b));
	assert_sorted_text(b);
	assert_true(b->sorted_text.size > 0); /* new terms among the old: copied */
	char y[256];
	hits(b, "apiarees", y, sizeof y);
	assert_string_equal(y, "23/1/1");
	assert_typo_walk_complete(b, "apiarees");
	assert_typo_walk_complete(b, "gardn");
	index_free(a);
	index_free(b);
}

static void damaged_snapshots_are_refused(void **state)
{
	struct fx *f = *state;
	struct index *a = index_new();
	assert_ok(index_load(a, f->st));
	assert_ok(index_save(a, f->snap, 1));
	index_free(a);
	struct buf file;
	buf_init(&file, BUF_CAP_DEFAULT);
	assert_ok(buf_read_file(&file, f->snap));
	int64_t stamp;
	struct index *b;
	/* every truncation, and a flipped byte at many offsets: refused or read,
	 * never a crash (ASan watches) */
	for (size_t len = 0; len < file.len; len += 1 + len / 16)
		assert_int_equal(index_read_mem(file.data, len, &b, &stamp), PX_EPARSE);
	for (size_t at = 0; at < file.len; at += 7) {
		file.data[at] ^= 0x5a;
		if (index_read_mem(file.data, file.len, &b, &stamp) == PX_OK)
			index_free(b);
		file.data[at] ^= 0x5a;
	}
	buf_free(&file);
}

/* Bitmaps with every container kind, for the two image readers' tests. */
enum { S_ARRAY, S_TWO, S_BITSET, S_RUNS, S_MIXED, S_EMPTY, SAMPLES };

static void samples_make(roaring_bitmap_t *all[SAMPLES])
{
	all[S_ARRAY] = roaring_bitmap_of(3, 1, 2, 3);
	all[S_TWO] = roaring_bitmap_of(2, 1, 70000);
	all[S_BITSET] = roaring_bitmap_create();
	for (uint32_t v = 0; v < 10000; v += 2)
		roaring_bitmap_add(all[S_BITSET], v);
	all[S_RUNS] = roaring_bitmap_create();
	roaring_bitmap_add_range(all[S_RUNS], 0, 70000);
	roaring_bitmap_run_optimize(all[S_RUNS]);
	all[S_MIXED] = roaring_bitmap_or(all[S_BITSET], all[S_TWO]);
	roaring_bitmap_add_range(all[S_MIXED], 200000, 300000);
	roaring_bitmap_run_optimize(all[S_MIXED]);
	all[S_EMPTY] = roaring_bitmap_create();
}

static void samples_free(roaring_bitmap_t *all[SAMPLES])
{
	for (size_t i = 0; i < SAMPLES; i++)
		roaring_bitmap_free(all[i]);
}

/* b's portable image in img (caller frees); its length in *n. */
static char *image_of(const roaring_bitmap_t *b, size_t *n)
{
	*n = roaring_bitmap_portable_size_in_bytes(b);
	char *img = malloc(*n + 1);
	assert_non_null(img);
	assert_int_equal(roaring_bitmap_portable_serialize(b, img), *n);
	return img;
}

/* The image, changed by one u16 at byte at, must be refused. */
static void refused_with(const roaring_bitmap_t *b, size_t at, uint16_t v)
{
	size_t n;
	char *img = image_of(b, &n);
	assert_true(at + 2 <= n);
	memcpy(img + at, &v, 2);
	assert_null(bitmap_read_portable(img, n, UINT32_MAX));
	free(img);
}

/* Snapshots keep bitmaps in CRoaring's portable format, whose reader does
 * not check containers: bitmap_read_portable() does. Sound images of every
 * container kind are read back equal; each kind of damage is refused. */
static void bitmap_images_are_checked(void **state)
{
	(void)state;
	roaring_bitmap_t *all[SAMPLES];
	samples_make(all);
	for (size_t i = 0; i < SAMPLES; i++) {
		size_t n;
		char *img = image_of(all[i], &n);
		roaring_bitmap_t *back = bitmap_read_portable(img, n, UINT32_MAX);
		assert_non_null(back);
		assert_true(roaring_bitmap_equals(back, all[i]));
		roaring_bitmap_free(back);
		for (size_t len = 0; len < n; len += 1 + len / 8) /* truncated */
			assert_null(bitmap_read_portable(img, len, UINT32_MAX));
		img[n] = 0; /* a byte too many */
		assert_null(bitmap_read_portable(img, n + 1, UINT32_MAX));
		uint64_t max = roaring_bitmap_get_cardinality(all[i]) ? roaring_bitmap_maximum(all[i]) : 0;
		if (roaring_bitmap_get_cardinality(all[i])) { /* a value at the limit */
			assert_null(bitmap_read_portable(img, n, max));
			back = bitmap_read_portable(img, n, max + 1);
			assert_non_null(back);
			roaring_bitmap_free(back);
		}
		free(img);
	}
	/* without run containers: cookie, count, (key, card - 1) each, offsets */
	refused_with(all[S_ARRAY], 16, 3);    /* 3, 2, 3: not ascending */
	refused_with(all[S_TWO], 12, 0);      /* keys 0, 0 */
	refused_with(all[S_BITSET], 16, 0x4); /* bit 0 off, bit 2 on twice: cardinality */
	refused_with(all[S_BITSET], 10, 4000); /* said to hold 4001 values (an array's size) */
	/* runs: cookie with the count, a run bit per container, keys; no offsets
	 * below 4 containers; container 1's run at 19: u16 runs, start, length - 1 */
	refused_with(all[S_RUNS], 21, 65000); /* starts at 65000, 4464 long: past 65535 */
	refused_with(all[S_RUNS], 19, 0);     /* no runs */
	refused_with(all[S_RUNS], 19, 2);     /* two runs, and the image too short */
	samples_free(all);
}

/* b's frozen image at a 32-byte boundary, with room to move it by a byte
 * (caller frees); its length in *n. */
static char *frozen_of(const roaring_bitmap_t *b, size_t *n)
{
	*n = roaring_bitmap_frozen_size_in_bytes(b);
	char *img = aligned_alloc(32, (*n + 64) / 32 * 32);
	assert_non_null(img);
	roaring_bitmap_frozen_serialize(b, img);
	return img;
}

/* The frozen image, changed by one u16 at byte at (from its end if at is
 * negative), must be refused. */
static void frozen_refused_with(const roaring_bitmap_t *b, long at, uint16_t v)
{
	size_t n;
	char *img = frozen_of(b, &n);
	size_t where = at < 0 ? n - (size_t)-at : (size_t)at;
	assert_true(where + 2 <= n);
	memcpy(img + where, &v, 2);
	assert_null(bitmap_view_frozen(img, n, UINT32_MAX));
	free(img);
}

/* Long terms' bitmaps are kept frozen and viewed in place: CRoaring's
 * frozen view checks only the sizes, bitmap_view_frozen() every container. */
static void frozen_images_are_checked(void **state)
{
	(void)state;
	roaring_bitmap_t *all[SAMPLES];
	samples_make(all);
	for (size_t i = 0; i < SAMPLES; i++) {
		size_t n;
		char *img = frozen_of(all[i], &n);
		const roaring_bitmap_t *view = bitmap_view_frozen(img, n, UINT32_MAX);
		assert_non_null(view);
		assert_true(roaring_bitmap_equals(view, all[i]));
		roaring_bitmap_t *copy = roaring_bitmap_copy(view); /* a thaw */
		roaring_bitmap_free(view);
		assert_non_null(copy);
		roaring_bitmap_add(copy, 400000);
		assert_true(roaring_bitmap_contains(copy, 400000));
		roaring_bitmap_free(copy);
		for (size_t len = 0; len < n; len += 1 + len / 8) /* truncated */
			assert_null(bitmap_view_frozen(img, len, UINT32_MAX));
		memmove(img + 1, img, n); /* off the boundary */
		assert_null(bitmap_view_frozen(img + 1, n, UINT32_MAX));
		memmove(img, img + 1, n);
		uint64_t max = roaring_bitmap_get_cardinality(all[i]) ? roaring_bitmap_maximum(all[i]) : 0;
		if (roaring_bitmap_get_cardinality(all[i])) { /* a value at the limit */
			assert_null(bitmap_view_frozen(img, n, max));
			view = bitmap_view_frozen(img, n, max + 1);
			assert_non_null(view);
			roaring_bitmap_free(view);
		}
		free(img);
	}
	/* the image ends with keys, counts (u16 each), type codes, u32 header */
	frozen_refused_with(all[S_ARRAY], 2, 3);        /* 1, 3, 3: not ascending */
	frozen_refused_with(all[S_TWO], -4 - 10, 1);    /* keys 1, 1 */
	frozen_refused_with(all[S_BITSET], 0, 0x7);     /* bits 0-2 of 16: the cardinality */
	frozen_refused_with(all[S_BITSET], -4 - 3, 4000); /* 4001 values said */
	frozen_refused_with(all[S_RUNS], 4, 65000);     /* container 1 from 65000, 4465 long */
	frozen_refused_with(all[S_TWO], -4 - 2, 4);     /* type codes 4 and 0 */
	frozen_refused_with(all[S_ARRAY], -4 - 3, 1);   /* 2 values said, 3 held: the sizes */
	samples_free(all);
}

/* n practices from nid first on, every one about gardens: "garden" is a
 * long term (struct term_big) from the 32nd on. */
static void put_gardens(struct index *ix, int64_t first, size_t n)
{
	char title[64];
	for (size_t i = 0; i < n; i++) {
		snprintf(title, sizeof title, "Garden number %zu", (size_t)first + i);
		struct node *p = practice(first + (int64_t)i, title, i % 2 ? "Bilbao" : "Sevilla",
					  i % 3 ? "A garden on a roof." : "A garden by the river.", "en");
		p->state = NODE_PUBLISHED;
		assert_ok(index_put(ix, p));
		node_free(p);
	}
}

/* A read snapshot's long terms are views of the file (frozen bitmaps):
 * puts past a drain of their tails, and a flush, copy them first, and the
 * index answers as one that never left memory. */
static void read_long_terms_take_puts(void **state)
{
	struct fx *f = *state;
	struct index *mem = index_new(), *read = NULL;
	assert_non_null(mem);
	put_gardens(mem, 1000, 200);
	assert_ok(index_flush(mem));
	assert_ok(index_save(mem, f->snap, 7));
	int64_t stamp;
	assert_ok(index_read(f->snap, &read, &stamp));
	struct index *both[] = {mem, read};
	for (int i = 0; i < 2; i++) {
		put_gardens(both[i], 5000, 4200); /* more than a tail holds: drained */
		assert_ok(index_flush(both[i]));
		put_gardens(both[i], 20000, 10);
	}
	const char *queries[] = {"garden", "garden river", "\"garden number\"", "city:Bilbao garden", "gardn"};
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		char x[2048], y[2048];
		hits_counts(mem, queries[q], 1, x, sizeof x);
		hits_counts(read, queries[q], 1, y, sizeof y);
		assert_string_equal(x, y);
	}
	char x[2048];
	hits(read, "garden", x, sizeof x);
	assert_non_null(strstr(x, "/4410/")); /* every garden found */
	index_free(mem);
	index_free(read);
}

static void open_catches_up_with_the_store(void **state)
{
	struct fx *f = *state;
	struct index *ix;
	int fresh;
	int64_t included;
	assert_ok(index_open(f->st, f->snap, &ix, &fresh, &included));
	assert_int_equal(fresh, 1); /* no snapshot yet: built */
	assert_int_equal(included, store_last_revision(f->st));
	assert_ok(index_save(ix, f->snap, included));
	index_free(ix);
	assert_ok(index_open(f->st, f->snap, &ix, &fresh, &included));
	assert_int_equal(fresh, 0); /* read, nothing to catch up */
	index_free(ix);
	struct node *nodes[] = {
		practice(11, "Huertos urbanos", "Sevilla", "Ahora con colmenas de abejas.", "es"),
		practice(14, "Bee corridors", "Granada", "Bees along the river.", "en")};
	put_nodes(f, nodes, 2);
	assert_ok(index_open(f->st, f->snap, &ix, &fresh, &included));
	assert_int_equal(fresh, 1);
	assert_int_equal(included, store_last_revision(f->st));
	char x[256];
	hits(ix, "colmenas", x, sizeof x);
	assert_string_equal(x, "11/1/1");
	hits(ix, "vacios ", x, sizeof x); /* the old text of 11 is gone */
	assert_string_equal(x, "/0/0");
	assert_int_equal(index_size(ix), 4);
	index_free(ix);
	/* a snapshot from a later store (restored backup) is not trusted */
	struct index *a = index_new();
	assert_ok(index_save(a, f->snap, store_last_revision(f->st) + 100));
	index_free(a);
	assert_ok(index_open(f->st, f->snap, &ix, &fresh, &included));
	assert_int_equal(index_size(ix), 4);
	index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(saved_index_answers_the_same, setup, teardown),
		cmocka_unit_test_setup_teardown(snapshot_strings_are_the_sorted_text, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_snapshots_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(open_catches_up_with_the_store, setup, teardown),
		cmocka_unit_test(bitmap_images_are_checked),
		cmocka_unit_test(frozen_images_are_checked),
		cmocka_unit_test_setup_teardown(read_long_terms_take_puts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
