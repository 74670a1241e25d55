/* core/buf.c: the growable buffer, its cap, the integer parser, ptrvec, the CSV cell. */
#include "../unit.h"

#include <stdlib.h>

#include "core/core.h"

/* Asserts that b holds exactly the C string s, NUL-terminated. */
static void assert_buf_is(const struct buf *b, const char *s)
{
	assert_int_equal(b->len, strlen(s));
	assert_non_null(b->data);
	assert_memory_equal(b->data, s, b->len + 1);
}

/* ---- growth ---- */

static void init_allocates_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 100);
	buf_free(&b); /* freeing an unused buffer is fine */
}

static void grows_keeping_content(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, BUF_CAP_DEFAULT);
	for (int i = 0; i < 5000; i++) {
		char c = (char)('a' + i % 26);
		assert_ok(buf_addc(&b, c));
		assert_true(b.size > b.len); /* room for the NUL */
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_int_equal(b.len, 5000);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	buf_free(&b);
}

static void growth_is_geometric(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, BUF_CAP_DEFAULT);
	int reallocs = 0;
	size_t size = 0;
	for (int i = 0; i < 100000; i++) {
		assert_ok(buf_addc(&b, 'x'));
		if (b.size != size) {
			reallocs++;
			size = b.size;
		}
	}
	assert_true(reallocs <= 20); /* doubling: about log2(100000/64) */
	buf_free(&b);
}

static void add_variants_append(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_ok(buf_add(&b, "ab\0cd", 5)); /* binary-safe */
	assert_ok(buf_adds(&b, "ef"));
	assert_ok(buf_addc(&b, 'g'));
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.data, "ab\0cdefg", 9);
	assert_ok(buf_add(&b, NULL, 0)); /* nothing to add */
	assert_int_equal(b.len, 8);
	buf_free(&b);
}

static void reset_keeps_allocation(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_ok(buf_adds(&b, "hello"));
	char *data = b.data;
	buf_reset(&b);
	assert_ptr_equal(b.data, data);
	assert_buf_is(&b, "");
	assert_ok(buf_adds(&b, "x"));
	assert_buf_is(&b, "x");
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_ok(buf_adds(&b, "again")); /* reusable after free */
	assert_buf_is(&b, "again");
	buf_free(&b);
}

static void reserve_does_not_change_len(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_ok(buf_adds(&b, "ab"));
	assert_ok(buf_reserve(&b, 500));
	assert_true(b.size >= 503);
	assert_buf_is(&b, "ab");
	assert_int_equal(buf_reserve(&b, 999), PX_ETOOBIG);
	buf_free(&b);
}

/* ---- the cap ---- */

static void cap_reached_exactly(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_ok(buf_adds(&b, "12345678"));
	assert_buf_is(&b, "12345678");
	assert_int_equal(buf_addc(&b, '9'), PX_ETOOBIG);
	assert_buf_is(&b, "12345678");
	buf_free(&b);
}

static void cap_refusal_leaves_buffer_unchanged(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_ok(buf_adds(&b, "abcde"));
	size_t size = b.size;
	char *data = b.data;
	assert_int_equal(buf_adds(&b, "fghijk"), PX_ETOOBIG);
	assert_int_equal(buf_add(&b, "x", SIZE_MAX), PX_ETOOBIG); /* no overflow in len + n */
	assert_int_equal(buf_printf(&b, "%d", 123456), PX_ETOOBIG);
	assert_buf_is(&b, "abcde");
	assert_int_equal(b.size, size);
	assert_ptr_equal(b.data, data);
	assert_ok(buf_adds(&b, "fghij")); /* what fits still goes in */
	assert_buf_is(&b, "abcdefghij");
	buf_free(&b);
}

static void cap_zero_refuses_everything(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_addc(&b, 'a'), PX_ETOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- printf, reject, take ---- */

static void printf_appends_formatted(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_ok(buf_adds(&b, "nid="));
	assert_ok(buf_printf(&b, "%d %s %05.1f", 17065, "ok", 2.5));
	assert_buf_is(&b, "nid=17065 ok 002.5");
	assert_ok(buf_printf(&b, "%s", ""));
	assert_buf_is(&b, "nid=17065 ok 002.5");
	buf_free(&b);
}

static void printf_long_output_grows(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10000);
	char big[3000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_ok(buf_printf(&b, "<%s>", big));
	assert_int_equal(b.len, 3001);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[3000], '>');
	assert_int_equal(b.data[3001], '\0');
	buf_free(&b);
}

static void reject_replaces_content_and_returns_minus_one(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_ok(buf_adds(&b, "old reason"));
	assert_int_equal(buf_reject(&b, "\"%s\" must be %d", "title", 7), -1);
	assert_buf_is(&b, "\"title\" must be 7");
	buf_free(&b);
}

static void reject_over_cap_still_returns_minus_one(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4);
	assert_ok(buf_adds(&b, "old"));
	assert_int_equal(buf_reject(&b, "a message longer than the cap"), -1);
	assert_int_equal(b.len, 0); /* message lost, not half-written */
	buf_free(&b);
}

static void take_on_empty_gives_empty_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	char *s = buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_null(b.data);
	buf_free(&b);
}

static void take_hands_over_and_empties(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 16);
	assert_ok(buf_adds(&b, "mine"));
	char *s = buf_take(&b);
	assert_string_equal(s, "mine");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.size, 0);
	assert_ok(buf_adds(&b, "next")); /* b is reusable */
	assert_buf_is(&b, "next");
	free(s);
	buf_free(&b);
}

/* A borrowed buffer reads its bytes in place, copies them on the first
 * growth and never frees them (ASan would report a bad free). */
static void borrow_copies_on_growth(void **state)
{
	(void)state;
	char outside[] = "abcdef";
	struct buf b;
	buf_init(&b, 64);
	buf_borrow(&b, outside, 3);
	assert_ptr_equal(b.data, outside);
	assert_int_equal(b.len, 3);
	assert_ok(buf_adds(&b, "xyz"));
	assert_ptr_not_equal(b.data, outside);
	assert_buf_is(&b, "abcxyz");
	assert_string_equal(outside, "abcdef"); /* never written */
	buf_borrow(&b, outside + 1, 2);     /* lets the owned copy go */
	char *s = buf_take(&b);            /* a copy the caller may free */
	assert_ptr_not_equal(s, outside + 1);
	assert_string_equal(s, "bc");
	free(s);
	buf_borrow(&b, outside, 6);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(outside, "abcdef");
	buf_borrow(&b, outside, 0); /* nothing borrowed: an empty buffer */
	assert_null(b.data);
	buf_borrow(&b, outside, 6);
	buf_shrink(&b);
	assert_ptr_equal(b.data, outside);
	buf_free(&b);
	assert_null(b.data);
}

static void strdup_copies(void **state)
{
	(void)state;
	char *a = px_strndup("abcdef", 3), *b = px_strdup("xyz");
	assert_string_equal(a, "abc");
	assert_string_equal(b, "xyz");
	free(a);
	free(b);
}

/* ---- px_parse_i64 ---- */

/* Parses the whole of s; returns its result and leaves the value in *v. */
static int parse(const char *s, int allow_neg, int64_t *v)
{
	*v = 4242; /* sentinel: must stay on failure */
	return px_parse_i64(s, strlen(s), allow_neg, v);
}

static void assert_parses(const char *s, int allow_neg, int64_t want)
{
	int64_t v;
	assert_int_equal(parse(s, allow_neg, &v), 0);
	assert_int_equal(v, want);
}

static void assert_refused(const char *s, int allow_neg)
{
	int64_t v;
	assert_int_equal(parse(s, allow_neg, &v), -1);
	assert_int_equal(v, 4242);
}

static void parse_i64_accepts_decimal(void **state)
{
	(void)state;
	assert_parses("0", 0, 0);
	assert_parses("7", 0, 7);
	assert_parses("17065", 0, 17065);
	assert_parses("000123", 0, 123);
	assert_parses("9223372036854775807", 0, INT64_MAX);
}

static void parse_i64_overflow(void **state)
{
	(void)state;
	assert_refused("9223372036854775808", 0);
	assert_refused("18446744073709551616", 0); /* 2^64: would wrap to 0 */
	assert_refused("99999999999999999999999", 0);
	assert_refused("-9223372036854775809", 1);
}

static void parse_i64_sign(void **state)
{
	(void)state;
	assert_refused("-5", 0);
	assert_parses("-5", 1, -5);
	assert_parses("-0", 1, 0);
	assert_parses("-9223372036854775807", 1, -INT64_MAX);
	assert_refused("+5", 0);
	assert_refused("+5", 1);
	assert_refused("--5", 1);
	assert_refused("5-", 1);
}

static void parse_i64_min(void **state)
{
	(void)state;
	/* INT64_MIN is a decimal integer that does not overflow int64_t */
	assert_parses("-9223372036854775808", 1, INT64_MIN);
}

static void parse_i64_empty_and_junk(void **state)
{
	(void)state;
	assert_refused("", 0);
	assert_refused("-", 1);
	assert_refused(" 5", 0);
	assert_refused("5 ", 0);
	assert_refused("12a", 0);
	assert_refused("0x10", 0);
	assert_refused("1.5", 0);
	assert_refused("1,000", 0);
}

static void parse_i64_uses_only_n_bytes(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(px_parse_i64("123abc", 3, 0, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(px_parse_i64("123", 0, 0, &v), -1);
	char nul[] = {'1', '\0', '2'};
	assert_int_equal(px_parse_i64(nul, 3, 0, &v), -1); /* an embedded NUL is junk */
}

/* ---- ptrvec ---- */

static void ptrvec_push_and_get(void **state)
{
	(void)state;
	struct ptrvec v;
	ptrvec_init(&v);
	assert_int_equal(ptrvec_len(&v), 0);
	int items[1000];
	for (int i = 0; i < 1000; i++) {
		items[i] = i;
		assert_ok(ptrvec_push(&v, &items[i]));
		assert_int_equal(ptrvec_len(&v), (size_t)i + 1);
	}
	for (int i = 0; i < 1000; i++)
		assert_ptr_equal(ptrvec_get(&v, (size_t)i), &items[i]);
	assert_ok(ptrvec_push(&v, NULL)); /* NULL is a value like any other */
	assert_int_equal(ptrvec_len(&v), 1001);
	assert_null(ptrvec_get(&v, 1000));
	ptrvec_free(&v);
	assert_int_equal(ptrvec_len(&v), 0);
}

static void ptrvec_respects_cap(void **state)
{
	(void)state;
	struct ptrvec v;
	ptrvec_init(&v);
	v.b.cap = 2 * sizeof(void *);
	int a, b, c;
	assert_ok(ptrvec_push(&v, &a));
	assert_ok(ptrvec_push(&v, &b));
	assert_int_equal(ptrvec_push(&v, &c), PX_ETOOBIG);
	assert_int_equal(ptrvec_len(&v), 2);
	assert_ptr_equal(ptrvec_get(&v, 1), &b);
	ptrvec_free(&v);
}

/* buf_add_csv's apostrophe, and px_csv_undefuse taking exactly it off. */
static void csv_formula_apostrophe_is_undone(void **state)
{
	(void)state;
	static const struct {
		const char *value, *cell; /* the value; the cell as written between its quotes */
	} cases[] = {
		{"=1", "'=1"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@a", "'@a"}, {"\tx", "'\tx"},
		{"\rx", "'\rx"}, {"'=1", "''=1"}, {"''-1", "'''-1"}, {"'a", "'a"}, {"'", "'"},
		{"''", "''"}, {"a=1", "a=1"}, {"", ""}, {" =1", " =1"}, {"'\n=", "'\n="},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		buf_init(&b, 1024);
		assert_ok(buf_add_csv(&b, cases[i].value, 1));
		assert_int_equal(b.len, strlen(cases[i].cell) + 4); /* the quotes, CRLF */
		assert_memory_equal(b.data + 1, cases[i].cell, strlen(cases[i].cell));
		const char *cell = cases[i].cell;
		assert_string_equal(cell + px_csv_undefuse(cell), cases[i].value);
		buf_free(&b);
	}
	/* a cell praxis did not write keeps its formula: there is nothing to undo */
	assert_int_equal(px_csv_undefuse("=1"), 0);
	assert_int_equal(px_csv_undefuse(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_allocates_nothing),
		cmocka_unit_test(borrow_copies_on_growth),
		cmocka_unit_test(grows_keeping_content),
		cmocka_unit_test(growth_is_geometric),
		cmocka_unit_test(add_variants_append),
		cmocka_unit_test(reset_keeps_allocation),
		cmocka_unit_test(reserve_does_not_change_len),
		cmocka_unit_test(cap_reached_exactly),
		cmocka_unit_test(cap_refusal_leaves_buffer_unchanged),
		cmocka_unit_test(cap_zero_refuses_everything),
		cmocka_unit_test(printf_appends_formatted),
		cmocka_unit_test(printf_long_output_grows),
		cmocka_unit_test(reject_replaces_content_and_returns_minus_one),
		cmocka_unit_test(reject_over_cap_still_returns_minus_one),
		cmocka_unit_test(take_on_empty_gives_empty_string),
		cmocka_unit_test(take_hands_over_and_empties),
		cmocka_unit_test(strdup_copies),
		cmocka_unit_test(parse_i64_accepts_decimal),
		cmocka_unit_test(parse_i64_overflow),
		cmocka_unit_test(parse_i64_sign),
		cmocka_unit_test(parse_i64_min),
		cmocka_unit_test(parse_i64_empty_and_junk),
		cmocka_unit_test(parse_i64_uses_only_n_bytes),
		cmocka_unit_test(ptrvec_push_and_get),
		cmocka_unit_test(ptrvec_respects_cap),
		cmocka_unit_test(csv_formula_apostrophe_is_undone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
