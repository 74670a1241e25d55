/* text/utf8.c: UTF-8 validation, line cleaning, blank lines, indentation, NFC. */
#include "../unit.h"

#include <stdlib.h>

#include "text/text.h"

#define NBSP    "\xc2\xa0"     /* U+00A0 */
#define NNBSP   "\xe2\x80\xaf" /* U+202F narrow no-break space */
#define ZWSP    "\xe2\x80\x8b" /* U+200B zero-width space */
#define ACUTE   "\xcc\x81"     /* U+0301 combining acute accent */
#define E_ACUTE "\xc3\xa9"     /* U+00E9 */

/* ---- text_utf8_check ---- */

/* Asserts that s[0..n) is valid. */
static void assert_valid(const char *s, size_t n)
{
	size_t bad = 12345;
	assert_int_equal(text_utf8_check(s, n, &bad), 0);
}

/* Asserts that s[0..n) is refused with the defect at offset want. */
static void assert_invalid_at(const char *s, size_t n, size_t want)
{
	size_t bad = 12345;
	assert_int_equal(text_utf8_check(s, n, &bad), -1);
	assert_int_equal(bad, want);
}

#define VALID(lit)           assert_valid(lit, sizeof lit - 1)
#define INVALID_AT(lit, off) assert_invalid_at(lit, sizeof lit - 1, off)

static void utf8_accepts_every_length(void **state)
{
	(void)state;
	VALID("");
	VALID("plain ASCII\n");
	VALID("caf\xc3\xa9");                      /* 2 bytes */
	VALID("\xc2\x80");                         /* smallest 2-byte */
	VALID("\xe0\xa0\x80");                     /* U+0800, smallest 3-byte */
	VALID("\xed\x9f\xbf");                     /* U+D7FF, just below the surrogates */
	VALID("\xee\x80\x80");                     /* U+E000, just above them */
	VALID("\xef\xbf\xbf");                     /* U+FFFF */
	VALID("\xf0\x90\x80\x80");                 /* U+10000, smallest 4-byte */
	VALID("\xf4\x8f\xbf\xbf");                 /* U+10FFFF, the last code point */
	VALID("\xce\x9a\xce\xb1\xce\xbb\xce\xae"); /* Greek */
}

static void utf8_refuses_overlongs(void **state)
{
	(void)state;
	INVALID_AT("a\xc0\xaf", 1);           /* '/' in 2 bytes */
	INVALID_AT("ab\xc1\xbf", 2);          /* U+007F in 2 bytes */
	INVALID_AT("\xe0\x80\xaf", 0);        /* '/' in 3 bytes */
	INVALID_AT("xyz\xe0\x9f\xbf", 3);     /* U+07FF in 3 bytes */
	INVALID_AT("\xf0\x80\x80\xaf", 0);    /* '/' in 4 bytes */
	INVALID_AT("ok \xf0\x8f\xbf\xbf", 3); /* U+FFFF in 4 bytes */
}

static void utf8_refuses_surrogates(void **state)
{
	(void)state;
	INVALID_AT("\xed\xa0\x80", 0);             /* U+D800 */
	INVALID_AT("caf\xc3\xa9 \xed\xbf\xbf", 6); /* U+DFFF after valid text */
	INVALID_AT("\xed\xa0\xbd\xed\xb8\x80", 0); /* a CESU-8 pair */
}

static void utf8_refuses_beyond_10ffff(void **state)
{
	(void)state;
	INVALID_AT("\xf4\x90\x80\x80", 0);  /* U+110000 */
	INVALID_AT("a\xf5\x80\x80\x80", 1); /* lead byte F5 */
	INVALID_AT("ab\xf7\xbf\xbf\xbf", 2);
	INVALID_AT("\xf8\x88\x80\x80\x80", 0); /* old 5-byte form */
	INVALID_AT("abc\xfe", 3);
	INVALID_AT("abc\xff", 3);
}

static void utf8_refuses_truncated_sequences(void **state)
{
	(void)state;
	INVALID_AT("abc\xc3", 3);          /* 2-byte cut at end */
	INVALID_AT("abc\xe2\x80", 3);      /* 3-byte cut at end */
	INVALID_AT("\xf0\x9f\x98", 0);     /* 4-byte cut at end */
	INVALID_AT("\xc3 next", 0);        /* lead followed by ASCII */
	INVALID_AT("ab\xe2\x80z", 2);      /* 3-byte with 1 continuation */
	INVALID_AT("\xe2\x82\xac\x80", 3); /* stray continuation after U+20AC */
	INVALID_AT("x\x80", 1);
}

static void utf8_check_stops_at_n(void **state)
{
	(void)state;
	/* the bad byte lies beyond n: not looked at */
	assert_valid("ok\xff", 2);
	/* a sequence that continues past n is truncated, even if the bytes exist */
	assert_invalid_at("ok\xc3\xa9", 3, 2);
}

/* ---- text_clean_line ---- */

/* Cleans s into a fresh buffer and asserts the result is want. */
static void assert_clean(const char *s, const char *want)
{
	struct buf out;
	buf_init(&out, 1 << 16);
	assert_ok(text_clean_line(s, strlen(s), &out));
	assert_int_equal(out.len, strlen(want));
	if (out.len)
		assert_string_equal(out.data, want);
	buf_free(&out);
}

static void clean_collapses_ascii_space(void **state)
{
	(void)state;
	assert_clean("hello", "hello");
	assert_clean("  two   words  ", "two words");
	assert_clean("\ttab\t\tseparated\t", "tab separated");
	assert_clean("a \t \r b\r", "a b");
	assert_clean("x\vy\fz", "x y z");
}

static void clean_treats_nbsp_as_space(void **state)
{
	(void)state;
	assert_clean(NBSP "lead", "lead");
	assert_clean("trail" NBSP, "trail");
	assert_clean("345" NBSP "821", "345 821");
	assert_clean("a " NBSP " " NBSP "b", "a b");
	assert_clean("caf" E_ACUTE NBSP NBSP "cr" E_ACUTE "me", "caf" E_ACUTE " cr" E_ACUTE "me");
}

static void clean_treats_narrow_nbsp_as_space(void **state)
{
	(void)state;
	assert_clean("886" NNBSP "837", "886 837");
	assert_clean(NNBSP " x " NNBSP, "x");
	assert_clean("\xc2\xab" NNBSP "quote" NNBSP "\xc2\xbb", "\xc2\xab quote \xc2\xbb");
}

static void clean_treats_zero_width_space_as_space(void **state)
{
	(void)state;
	assert_clean(ZWSP "word" ZWSP, "word");
	assert_clean("a " ZWSP " b", "a b");
	assert_clean("a" ZWSP "b", "a b");
	assert_clean("x\xe2\x80\x83\xe3\x80\x80y", "x y"); /* em space, ideographic space */
}

static void clean_composes_to_nfc(void **state)
{
	(void)state;
	assert_clean("cafe" ACUTE, "caf" E_ACUTE);
	assert_clean("  Be" ACUTE "zier  ", "B" E_ACUTE "zier");
	assert_clean("A\xcc\x8a", "\xc3\x85"); /* A + ring above -> U+00C5 */
	assert_clean("s\xcc\xa6"
		     "ansa",
		     "\xc8\x99"
		     "ansa");                       /* s + comma below -> U+0219 */
	assert_clean("caf" E_ACUTE, "caf" E_ACUTE); /* already NFC: unchanged */
}

static void clean_blank_line_appends_nothing(void **state)
{
	(void)state;
	const char *blanks[] = {"", " ", "\t\t", NBSP, NBSP NBSP " ", NNBSP, ZWSP, " \r", "\xef\xbb\xbf"};
	struct buf out;
	buf_init(&out, 1024);
	assert_ok(buf_adds(&out, "kept"));
	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		assert_ok(text_clean_line(blanks[i], strlen(blanks[i]), &out));
		assert_int_equal(out.len, 4);
	}
	assert_string_equal(out.data, "kept");
	buf_free(&out);
}

static void clean_appends_after_existing_text(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1024);
	assert_ok(buf_adds(&out, "x"));
	assert_ok(text_clean_line("  y  z ", 7, &out));
	assert_string_equal(out.data, "xy z"); /* no space added at the junction */
	buf_free(&out);
}

static void clean_reads_only_n_bytes(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1024);
	assert_ok(text_clean_line("abc def", 5, &out));
	assert_string_equal(out.data, "abc d");
	buf_free(&out);
}

static void clean_respects_cap(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 4);
	assert_int_equal(text_clean_line("abcdefgh", 8, &out), PX_ETOOBIG);
	buf_free(&out);
}

/* ---- text_is_blank, text_indent ---- */

#define BLANK(lit) text_is_blank(lit, sizeof lit - 1)

static void is_blank_cases(void **state)
{
	(void)state;
	assert_true(BLANK(""));
	assert_true(BLANK("   "));
	assert_true(BLANK(" \t\r\n"));
	assert_true(BLANK(NBSP));
	assert_true(BLANK("    " NBSP " "));
	assert_true(BLANK(NNBSP ZWSP));
	assert_false(BLANK("x"));
	assert_false(BLANK("   ."));
	assert_false(BLANK(NBSP "a" NBSP));
	assert_false(BLANK("\xe2\x80\xa2"));  /* a bullet is not space */
	assert_false(BLANK(" \xff "));        /* invalid UTF-8 is not blank */
	assert_true(text_is_blank("  x", 2)); /* only n bytes count */
}

#define INDENT(lit) text_indent(lit, sizeof lit - 1)

static void indent_cases(void **state)
{
	(void)state;
	assert_int_equal(INDENT("x"), 0);
	assert_int_equal(INDENT(""), 0);
	assert_int_equal(INDENT("  \xe2\x80\xa2 entry"), 2);
	assert_int_equal(INDENT("    body"), 4);
	assert_int_equal(INDENT("\tbody"), 4);
	assert_int_equal(INDENT(" \t x"), 6);
	assert_int_equal(INDENT("      "), 6);
	assert_int_equal(INDENT(NBSP "x"), 0); /* only ASCII space and tab */
	assert_int_equal(text_indent("        x", 3), 3);
}

/* ---- text_nfc ---- */

static void assert_nfc(const char *s, const char *want)
{
	char *got = text_nfc(s);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void nfc_cases(void **state)
{
	(void)state;
	assert_nfc("", "");
	assert_nfc("ascii stays", "ascii stays");
	assert_nfc("e" ACUTE, E_ACUTE);
	assert_nfc("\xe2\x84\xab", "\xc3\x85");     /* ANGSTROM SIGN -> U+00C5 */
	assert_nfc("\xce\xb1\xcc\x81", "\xce\xac"); /* alpha + acute -> U+03AC */
	assert_nfc("  keeps " NBSP " spaces ", "  keeps " NBSP " spaces ");
	assert_nfc("ﬁ", "ﬁ"); /* NFC, not NFKC: the ligature stays */
}

static void nfc_refuses_invalid_utf8(void **state)
{
	(void)state;
	assert_null(text_nfc("bad \xff byte"));
	assert_null(text_nfc("\xed\xa0\x80"));
	/* defects made only of bytes below 0xCC, which the NFC fast path skips */
	assert_null(text_nfc("stray \x80 continuation"));
	assert_null(text_nfc("overlong \xc0\xaf slash"));
	assert_null(text_nfc("truncated at the end \xc3"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_accepts_every_length),
		cmocka_unit_test(utf8_refuses_overlongs),
		cmocka_unit_test(utf8_refuses_surrogates),
		cmocka_unit_test(utf8_refuses_beyond_10ffff),
		cmocka_unit_test(utf8_refuses_truncated_sequences),
		cmocka_unit_test(utf8_check_stops_at_n),
		cmocka_unit_test(clean_collapses_ascii_space),
		cmocka_unit_test(clean_treats_nbsp_as_space),
		cmocka_unit_test(clean_treats_narrow_nbsp_as_space),
		cmocka_unit_test(clean_treats_zero_width_space_as_space),
		cmocka_unit_test(clean_composes_to_nfc),
		cmocka_unit_test(clean_blank_line_appends_nothing),
		cmocka_unit_test(clean_appends_after_existing_text),
		cmocka_unit_test(clean_reads_only_n_bytes),
		cmocka_unit_test(clean_respects_cap),
		cmocka_unit_test(is_blank_cases),
		cmocka_unit_test(indent_cases),
		cmocka_unit_test(nfc_cases),
		cmocka_unit_test(nfc_refuses_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
