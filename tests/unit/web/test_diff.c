/* web/diff.c: prose compared word by word. Whatever the texts, the runs
 * give back both (same + del = old, same + ins = new); a one-word edit
 * marks that word alone, even in a long text; texts too different to
 * compare within the bound still give both back. */
#include "../unit.h"

#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>

static const char *str_of(const struct tv *m, const char *key)
{
	const struct tv *v = tv_get(m, key, strlen(key));
	return v && v->kind == TV_STR ? v->s : NULL;
}

static int is(const struct tv *run, const char *op)
{
	return tv_get(run, op, strlen(op)) != NULL;
}

/* The text the runs give for one side: "same" runs and those of op. */
static char *side(const struct tv *runs, const char *op)
{
	struct buf b;
	buf_init(&b, 1 << 24);
	for (size_t i = 0; i < runs->len; i++)
		if (is(runs->items[i], "same") || is(runs->items[i], op))
			assert_ok(buf_adds(&b, str_of(runs->items[i], "text")));
	char *s = strndup(b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static void gives_both_back(struct arena *a, const char *old, const char *new_)
{
	const struct tv *runs = diff_words(a, old, new_);
	assert_non_null(runs);
	char *o = side(runs, "del"), *n = side(runs, "ins");
	assert_string_equal(o, old);
	assert_string_equal(n, new_);
	free(o);
	free(n);
}

static void one_word_marks_one_word(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const struct tv *r = diff_words(&a, "Bees cross the road safely.\nAll of them.",
					"Bees cross the street safely.\nAll of them.");
	assert_int_equal(r->len, 4);
	assert_true(is(r->items[0], "same"));
	assert_string_equal(str_of(r->items[0], "text"), "Bees cross the ");
	assert_true(is(r->items[1], "del"));
	assert_string_equal(str_of(r->items[1], "text"), "road");
	assert_true(is(r->items[2], "ins"));
	assert_string_equal(str_of(r->items[2], "text"), "street");
	assert_string_equal(str_of(r->items[3], "text"), " safely.\nAll of them.");
	arena_free(&a);
}

static void edits_apart_are_marked_apart(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const struct tv *r = diff_words(&a, "one two three four five", "one TWO three four FIVE six");
	size_t marked = 0;
	for (size_t i = 0; i < r->len; i++)
		marked += !is(r->items[i], "same");
	assert_int_equal(marked, 4); /* two, TWO; five, "FIVE six" */
	gives_both_back(&a, "one two three four five", "one TWO three four FIVE six");
	arena_free(&a);
}

static void empty_sides(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const struct tv *r = diff_words(&a, "", "new text");
	assert_int_equal(r->len, 1);
	assert_true(is(r->items[0], "ins"));
	assert_int_equal(diff_words(&a, "", "")->len, 0);
	assert_int_equal(diff_words(&a, NULL, NULL)->len, 0);
	r = diff_words(&a, "same", "same");
	assert_int_equal(r->len, 1);
	assert_true(is(r->items[0], "same"));
	arena_free(&a);
}

/* Two texts of 100,000 words each, different all along: past the bound,
 * all out and all in, at once and in bounded memory. */
static void huge_texts_stay_bounded(void **state)
{
	(void)state;
	struct buf x, y;
	buf_init(&x, 1 << 24);
	buf_init(&y, 1 << 24);
	for (int i = 0; i < 100000; i++) {
		assert_ok(buf_printf(&x, "w%d ", i));
		assert_ok(buf_printf(&y, "w%d ", i % 7 ? i : -i));
	}
	struct arena a;
	arena_init(&a);
	gives_both_back(&a, x.data, y.data);
	/* one word changed in the middle of a long text: that word alone */
	const struct tv *r = diff_words(&a, x.data, x.data);
	assert_int_equal(r->len, 1);
	char *edited = strdup(x.data), *at = strstr(edited, " w50000 ");
	memcpy(at + 1, "W", 1);
	r = diff_words(&a, x.data, edited);
	assert_int_equal(r->len, 4);
	assert_string_equal(str_of(r->items[1], "text"), "w50000");
	assert_string_equal(str_of(r->items[2], "text"), "W50000");
	free(edited);
	arena_free(&a);
	buf_free(&x);
	buf_free(&y);
}

/* Random texts over a few words: both sides always come back. */
static void random_texts_give_both_back(void **state)
{
	(void)state;
	static const char *const vocab[] = {"a", "b", "c", " ", "  ", "\n", "dd"};
	srand(7);
	for (int t = 0; t < 500; t++) {
		char x[200] = "", y[200] = "";
		for (int k = 0, n = rand() % 30; k < n; k++)
			strncat(x, vocab[rand() % 7], sizeof x - strlen(x) - 1);
		for (int k = 0, n = rand() % 30; k < n; k++)
			strncat(y, vocab[rand() % 7], sizeof y - strlen(y) - 1);
		struct arena a;
		arena_init(&a);
		gives_both_back(&a, x, y);
		arena_free(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_word_marks_one_word),
		cmocka_unit_test(edits_apart_are_marked_apart),
		cmocka_unit_test(empty_sides),
		cmocka_unit_test(huge_texts_stay_bounded),
		cmocka_unit_test(random_texts_give_both_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
