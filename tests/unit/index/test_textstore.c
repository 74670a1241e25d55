/* The text store: the index's compressed copy of what cards and snippets
 * show. A card read from it holds the card fields of the node put, a
 * snippet text is the store's byte for byte, before and after a snapshot;
 * a replaced node shows its new values, a removed one none; a damaged
 * section is refused, a damaged record is an error, never a crash. */
#include "../unit.h"
#include "index/index.h"
#include "index/index_int.h"
#include "store/store.h"
#include "store_fx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void set(char **field, const char *s)
{
	assert_ok(node_set(field, s, strlen(s)));
}

/* One node of each type, their fields filled in turn with i's values. */
static struct node *node_of(int64_t nid, int i)
{
	static const enum node_type types[] = {NODE_PRACTICE, NODE_ARTICLE, NODE_CITY, NODE_NETWORK};
	struct node *n = node_new(types[i % 4]);
	assert_non_null(n);
	char title[64], text[256];
	snprintf(title, sizeof title, "Shared gardens number %d", i);
	snprintf(text, sizeof text,
		 "Neighbours of the district grow vegetables together, plot %d.\nA second line, kept for "
		 "snippets.",
		 i);
	n->nid = nid;
	set(&n->title, title);
	memcpy(n->language, i % 3 ? "en" : "fr", 3);
	if (n->type == NODE_PRACTICE || n->type == NODE_NETWORK)
		set(&n->subtitle, i % 5 ? "Urban agriculture for everyone" : "");
	if (n->type == NODE_PRACTICE) {
		set(&n->country, "Spain");
		set(&n->city, i % 2 ? "Bilbao" : "Sevilla");
		assert_ok(strlist_add(&n->themes, "Housing", 7));
		assert_ok(strlist_add(&n->labels, "URBACT", 6));
		n->population = 345821 + i;
		assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", text));
		assert_ok(node_section_add(n, SECTION_SOLUTION, "Solution", "Raised beds on empty lots."));
	} else {
		set(&n->body, text);
	}
	if (n->type == NODE_ARTICLE)
		set(&n->author, "Ana Ruiz");
	if (n->type == NODE_CITY) {
		set(&n->country, "Portugal");
		n->lat = 41.15;
		n->lon = -8.61;
		n->population = 231800;
		assert_ok(strlist_add(&n->names, "Oporto", 6));
	}
	if (n->type == NODE_NETWORK) {
		n->start = 2019;
		n->end = 2022;
		set(&n->lead_expert, "Jo Smith");
	}
	return n;
}

static void put_nodes(struct store *st, int64_t from, int count)
{
	struct ptrvec v;
	ptrvec_init(&v);
	for (int i = 0; i < count; i++)
		assert_ok(ptrvec_push(&v, node_of(from + i, i)));
	struct store_report rep;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(store_nodes_put(st, &v, "test", &rep, &why));
	buf_free(&why);
	for (size_t i = 0; i < ptrvec_len(&v); i++)
		node_free(ptrvec_get(&v, i));
	ptrvec_free(&v);
}

static int setup(void **state)
{
	struct fx *f = fx_open("/tmp/praxis-text-XXXXXX");
	if (!f)
		return -1;
	put_nodes(f->st, 100, 40);
	*state = f;
	return 0;
}

static int card_kind(const struct field *f)
{
	return !(f->flags & FIELD_PRIVATE) && f->kind != FK_NID && f->kind != FK_SECTIONS &&
	       f->kind != FK_OBJECT && f->kind != FK_OBJECTS;
}

/* The card of nid holds what the store's node holds, field by field (a
 * text field its first line), and nothing a card does not show. */
static void card_matches_store(const struct index *ix, struct store *st, int64_t nid)
{
	struct node *want = NULL, *got = NULL;
	assert_ok(store_node_get(st, nid, &want));
	assert_ok(index_card(ix, nid, &got));
	assert_int_equal(got->nid, nid);
	assert_int_equal(got->type, want->type);
	assert_int_equal(got->state, NODE_PUBLISHED);
	for (const struct field *f = node_fields(want->type); f->key; f++) {
		if (!card_kind(f)) {
			assert_false(field_is_set(got, f));
			continue;
		}
		if (f->kind == FK_TEXT) {
			const char *w = *(char *const *)FIELD_CONST(want, f),
				   *g = *(char *const *)FIELD_CONST(got, f);
			assert_int_equal(!w, !g);
			if (w)
				assert_memory_equal(w, g, strcspn(w, "\n") + 1 - !!w[strcspn(w, "\n")]);
			continue;
		}
		json_t *a = field_to_json(want, f, 0), *b = field_to_json(got, f, 0);
		if (!json_equal(a, b))
			fail_msg("nid %lld: field %s differs", (long long)nid, f->key);
		json_decref(a);
		json_decref(b);
	}
	node_free(want);
	node_free(got);
}

/* The snippet text of every indexed node is the store's, byte for byte. */
static void texts_match_store(const struct index *ix, struct store *st)
{
	struct buf want, got;
	buf_init(&want, BUF_CAP_DEFAULT);
	buf_init(&got, BUF_CAP_DEFAULT);
	for (uint32_t d = 0; d < doc_count(ix); d++) {
		if (!roaring_bitmap_contains(ix->live, d))
			continue;
		buf_reset(&want);
		buf_reset(&got);
		assert_ok(store_node_text(st, doc_at(ix, d)->nid, &want));
		assert_ok(textstore_text(&ix->text, d, &got));
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		card_matches_store(ix, st, doc_at(ix, d)->nid);
	}
	buf_free(&want);
	buf_free(&got);
}

static void cards_and_texts_round_trip(void **state)
{
	struct fx *f = *state;
	struct index *ix = index_new();
	assert_ok(index_load(ix, f->st));
	assert_true(ix->text.dict.len > 0); /* the load's flush made the dictionary */
	assert_int_equal(ix->text.raw, 0);
	texts_match_store(ix, f->st);
	struct node *n = NULL;
	assert_int_equal(index_card(ix, 99999, &n), PX_ENOTFOUND);
	index_free(ix);
}

/* Put again, a node shows its new values; removed, none. */
static void replaced_and_removed(void **state)
{
	struct fx *f = *state;
	struct index *ix = index_new();
	assert_ok(index_load(ix, f->st));
	struct node *n = node_of(101, 1);
	set(&n->title, "Compost in every courtyard");
	set(&n->body, "A new body.\nAnd its second line.");
	assert_ok(index_put(ix, n));
	struct node *card = NULL;
	assert_ok(index_card(ix, 101, &card));
	assert_string_equal(card->title, "Compost in every courtyard");
	assert_string_equal(card->body, "A new body.");
	node_free(card);
	uint32_t docno;
	assert_int_equal(index_docno(ix, 101, &docno), 0);
	struct buf text;
	buf_init(&text, 4096);
	assert_ok(textstore_text(&ix->text, docno, &text));
	assert_string_equal(text.data, "A new body.\nAnd its second line.\n");
	buf_free(&text);
	assert_ok(index_remove(ix, 101));
	assert_int_equal(index_card(ix, 101, &card), PX_ENOTFOUND);
	node_free(n);
	index_free(ix);
}

/* Saved and read back (the records borrowed from the file), then grown:
 * every card and text as the store's; a removed node's record is left out
 * of the next snapshot. */
static void snapshot_read_back(void **state)
{
	struct fx *f = *state;
	struct index *a = index_new(), *b = NULL;
	assert_ok(index_load(a, f->st));
	assert_ok(index_remove(a, 102));
	assert_ok(index_save(a, f->snap, 7));
	int64_t stamp;
	assert_ok(index_read(f->snap, &b, &stamp));
	assert_int_equal(b->text.tail.len, 0);
	size_t live = 0; /* the bytes of live records: all the section keeps */
	for (uint32_t d = 0; d < doc_count(a); d++) {
		size_t len;
		textstore_record(&a->text, d, &len);
		live += roaring_bitmap_contains(a->live, d) ? len : 0;
	}
	assert_int_equal(b->text.base.len, live);
	assert_true(live < a->text.tail.len);
	struct node *n = NULL;
	assert_int_equal(index_card(b, 102, &n), PX_ENOTFOUND);
	put_nodes(f->st, 200, 3); /* nids 200-202, put into the read index */
	for (int64_t nid = 200; nid < 203; nid++) {
		assert_ok(store_node_get(f->st, nid, &n));
		assert_ok(index_put(b, n));
		node_free(n);
	}
	assert_ok(index_flush(b));
	assert_true(b->text.tail.len > 0);
	assert_ok(index_put(b, (n = node_of(102, 2)))); /* back, after its removal */
	node_free(n);
	index_free(a);
	assert_ok(index_remove(b, 102));
	texts_match_store(b, f->st);
	index_free(b);
}

/* More records than the dictionary's sample: the first ones stored, then
 * compressed with it, the later ones compressed as they come. */
static void many_records(void **state)
{
	struct fx *f = *state;
	struct index *ix = index_new();
	int count = TEXTSTORE_SAMPLE + 300;
	for (int i = 0; i < count; i++) {
		struct node *n = node_of(1000 + i, i);
		assert_ok(index_put(ix, n));
		if (i == TEXTSTORE_SAMPLE - 2)
			assert_int_equal(ix->text.dict.len, 0);
		node_free(n);
	}
	assert_true(ix->text.dict.len > 0);
	assert_int_equal(ix->text.raw, 0);
	for (int i = 0; i < count; i += 97) {
		struct node *want = node_of(1000 + i, i), *got = NULL;
		assert_ok(index_card(ix, 1000 + i, &got));
		assert_string_equal(got->title, want->title);
		assert_int_equal(got->population, want->population);
		assert_int_equal(isnan(got->lat), isnan(want->lat));
		node_free(want);
		node_free(got);
	}
	/* compressed: the records well under half their contents */
	size_t stored = 0, content = 0;
	for (uint32_t d = 0; d < doc_count(ix); d++) {
		size_t n;
		const unsigned char *r = textstore_record(&ix->text, d, &n);
		assert_non_null(r);
		assert_int_equal(r[0], 1); /* deflated */
		uint64_t len = 0;
		assert_true(varint_get(r + 1, r + n, &len) > 0);
		stored += n;
		content += (size_t)len;
	}
	assert_true(stored * 2 < content);
	(void)f;
	index_free(ix);
}

/* The text section's place in a snapshot: from the end, before the final magic. */
static size_t text_section_at(const struct index *ix, size_t file_len)
{
	size_t data = ix->text.base.len + ix->text.tail.len, docs = doc_count(ix);
	return file_len - 4 - (24 + (ix->text.dict.len + 7) / 8 * 8 + (docs + 1) * 8 + (data + 7) / 8 * 8);
}

static void damaged_text_is_refused(void **state)
{
	struct fx *f = *state;
	struct index *a = index_new();
	assert_ok(index_load(a, f->st));
	assert_ok(index_save(a, f->snap, 1));
	struct buf file;
	buf_init(&file, BUF_CAP_DEFAULT);
	assert_ok(buf_read_file(&file, f->snap));
	size_t at = text_section_at(a, file.len);
	uint64_t docs;
	memcpy(&docs, file.data + at, 8);
	assert_int_equal(docs, doc_count(a)); /* found it */
	int64_t stamp;
	struct index *b;
	/* counts and offsets are checked when read */
	size_t offs = at + 24 + (a->text.dict.len + 7) / 8 * 8;
	const size_t fields[] = {at, at + 8, at + 16, offs, offs + 8 * 5, offs + 8 * docs};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		file.data[fields[i] + 1] ^= 0x40;
		assert_int_equal(index_read_mem(file.data, file.len, &b, &stamp), PX_EPARSE);
		file.data[fields[i] + 1] ^= 0x40;
	}
	/* records when they are read: a flipped byte anywhere in them is an
	 * error or a card, never a crash (ASan watches) */
	size_t data_at = offs + 8 * (docs + 1);
	for (size_t p = data_at; p < file.len - 4; p += 3) {
		file.data[p] ^= 0x21;
		assert_ok(index_read_mem(file.data, file.len, &b, &stamp));
		for (int64_t nid = 100; nid < 140; nid++) {
			struct node *n = NULL;
			enum px_err err = index_card(b, nid, &n);
			assert_true(err == PX_OK || err == PX_EPARSE);
			node_free(n);
		}
		index_free(b);
		file.data[p] ^= 0x21;
	}
	buf_free(&file);
	index_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cards_and_texts_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(replaced_and_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(snapshot_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(many_records, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_text_is_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
