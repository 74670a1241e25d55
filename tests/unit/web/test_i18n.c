/* The interface's languages (i18n.c, i18n_format.c): the 24 official
 * languages of the EU with their names from CLDR; counts by CLDR's plural
 * rules, on numbers whose words were written here from each language's
 * grammar; every plural msgstr of the compiled catalogues with exactly its
 * language's categories; a date and a number per language as CLDR has them. */
#include "../unit.h"
#include "web/web_int.h"

#include <string.h>

static void the_24_languages_name_themselves(void **state)
{
	(void)state;
	static const char *const eu[] = {"bg", "cs", "da", "de", "el", "en", "es", "et",
					 "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
					 "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
	assert_int_equal(i18n_count(), 24);
	assert_string_equal(i18n_code(0), "en");
	for (size_t i = 0; i < sizeof eu / sizeof eu[0]; i++)
		assert_true(i18n_known(eu[i], 2) >= 0);
	assert_int_equal(i18n_known("ca", 2), -1);
	assert_null(i18n_code(24));
	/* CLDR's names, capitalised as CLDR wants them in a menu */
	static const char *const names[][2] = {
		{"pl", "polski"}, {"cs", "Čeština"}, {"ga", "Gaeilge"}, {"el", "Ελληνικά"},
		{"bg", "български"}, {"mt", "Malti"}, {"de", "Deutsch"}, {"fi", "Suomi"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(i18n_name((size_t)i18n_known(names[i][0], 2)), names[i][1]);
	/* Accept-Language picks among all 24 */
	assert_string_equal(i18n_pick("pl-PL, en;q=0.5"), "pl");
	assert_string_equal(i18n_pick("ga-IE;q=0.9, mt;q=0.95"), "mt");
	assert_string_equal(i18n_pick("ru, uk;q=0.8"), "en");
}

struct count {
	int64_t n;
	const char *want;
};

static void counts_are(const char *lang, const char *pattern, const struct count *c, size_t nc)
{
	struct arena a;
	arena_init(&a);
	char why[256];
	if (i18n_plural_check(lang, pattern, why, sizeof why))
		fail_msg("%s: the test's own pattern: %s", lang, why);
	for (size_t i = 0; i < nc; i++) {
		const char *got = i18n_count_pattern(&a, lang, pattern, c[i].n);
		if (!got || strcmp(got, c[i].want))
			fail_msg("%s %lld: \"%s\", not \"%s\"", lang, (long long)c[i].n, got ? got : "(null)",
				 c[i].want);
	}
	arena_free(&a);
}

#define COUNTS(lang, pattern, ...)                                                                   \
	do {                                                                                         \
		const struct count c_[] = {__VA_ARGS__};                                             \
		counts_are(lang, pattern, c_, sizeof c_ / sizeof c_[0]);                             \
	} while (0)

/* The words of each case come from the language's grammar: Polish "praktyka"
 * (1), "praktyki" (2-4, 22-24), "praktyk" (5-21, 25, 112); Czech "město",
 * "města" (2-4), "měst" (5+); Slovenian dual "mesti" (2, 102), "mesta"
 * (3-4), "mest" (5+), "mesto" (1, 101); Irish lenites after 1-6, eclipses
 * after 7-10; Lithuanian "miestas" (1, 21), "miestai" (2-9), "miestų" (10-20);
 * Latvian "pilsētu" after 0 and 10-20, "pilsēta" after 1 and 21, "pilsētas"
 * else; Romanian "oraș", "orașe" (2-19), "de orașe" (20+). */
static void plurals_follow_cldr(void **state)
{
	(void)state;
	COUNTS("pl", "{n, plural, one {# praktyka} few {# praktyki} many {# praktyk} other {# praktyki}}",
	       {1, "1 praktyka"}, {2, "2 praktyki"}, {5, "5 praktyk"}, {22, "22 praktyki"},
	       {25, "25 praktyk"}, {112, "112 praktyk"});
	COUNTS("cs", "{n, plural, one {# město} few {# města} many {# města} other {# měst}}",
	       {1, "1 město"}, {3, "3 města"}, {5, "5 měst"});
	COUNTS("sl", "{n, plural, one {# mesto} two {# mesti} few {# mesta} other {# mest}}",
	       {1, "1 mesto"}, {2, "2 mesti"}, {3, "3 mesta"}, {5, "5 mest"}, {101, "101 mesto"},
	       {102, "102 mesti"});
	COUNTS("ga",
	       "{n, plural, one {# chleachtas} two {# chleachtas} few {# chleachtas} many {# gcleachtas} "
	       "other {# cleachtas}}",
	       {1, "1 chleachtas"}, {2, "2 chleachtas"}, {3, "3 chleachtas"}, {7, "7 gcleachtas"},
	       {11, "11 cleachtas"});
	COUNTS("lt", "{n, plural, one {# miestas} few {# miestai} many {# miesto} other {# miestų}}",
	       {1, "1 miestas"}, {2, "2 miestai"}, {10, "10 miestų"}, {21, "21 miestas"});
	COUNTS("lv", "{n, plural, zero {# pilsētu} one {# pilsēta} other {# pilsētas}}", {0, "0 pilsētu"},
	       {1, "1 pilsēta"}, {21, "21 pilsēta"});
	COUNTS("ro", "{n, plural, one {# oraș} few {# orașe} other {# de orașe}}", {1, "1 oraș"},
	       {2, "2 orașe"}, {20, "20 de orașe"});
	/* "#" is the number as the language writes it; "=1" beats the category */
	COUNTS("de", "{n, plural, =1 {eine Stadt} one {# Stadt} other {# Städte}}", {1, "eine Stadt"},
	       {1234, "1.234 Städte"});
}

static void bad_patterns_are_refused(void **state)
{
	(void)state;
	char why[256];
	/* Polish without "many"; with Slovenian's "two"; English's two in Irish */
	assert_int_equal(i18n_plural_check("pl", "{n, plural, one {#} few {#} other {#}}", why, sizeof why), -1);
	assert_non_null(strstr(why, "\"many\""));
	assert_int_equal(i18n_plural_check("pl", "{n, plural, one {#} two {#} few {#} many {#} other {#}}", why,
					   sizeof why),
			 -1);
	assert_int_equal(i18n_plural_check("ga", "{n, plural, one {#} other {#}}", why, sizeof why), -1);
	assert_int_equal(i18n_plural_check("de", "{n, plural, one {#} one {#} other {#}}", why, sizeof why), -1);
	assert_int_equal(i18n_plural_check("de", "{n} Städte", why, sizeof why), -1);
	assert_int_equal(i18n_plural_check("de", "{n, plural, one {#} other {#}", why, sizeof why), -1);
	assert_int_equal(i18n_plural_check("de", "{n, plural, =0 {keine} one {#} other {#}}", why, sizeof why), 0);
	struct arena a;
	arena_init(&a);
	assert_null(i18n_count_pattern(&a, "de", "{n, plural, one {#} other {#}", 2));
	assert_null(i18n_count_pattern(&a, "xx", "{n, plural, one {#} other {#}}", 2));
	/* a msgid a catalogue lacks: the English, by English rules */
	assert_string_equal(i18n_count_text(&a, "pl", "{n, plural, one {# widget} other {# widgets}}", 22),
			    "22 widgets");
	/* Polish's own: 2-4 and 22-24 take "praktyki", 5-21 "praktyk" */
	assert_string_equal(i18n_count_text(&a, "pl", "{n, plural, one {# practice} other {# practices}}", 22),
			    "22 praktyki");
	assert_string_equal(i18n_count_text(&a, "pl", "{n, plural, one {# practice} other {# practices}}", 12),
			    "12 praktyk");
	assert_string_equal(i18n_count_text(&a, "fr", "{n, plural, one {# practice} other {# practices}}", 0),
			    "0 pratique");
	assert_string_equal(i18n_count_text(&a, "de", "{n, plural, one {# practice} other {# practices}}", 1),
			    "1 Praxisbeispiel");
	arena_free(&a);
}

/* Every plural msgid in English, and its msgstr in every compiled catalogue,
 * with its language's categories: a po with a wrong set fails here. */
static void catalogues_plurals_match_cldr(void **state)
{
	(void)state;
	char why[256];
	size_t checked = 0;
	int bad = 0;
	for (size_t c = 0; c < i18n_ncatalogs; c++) {
		const struct i18n_catalog *cat = &i18n_catalogs[c];
		for (size_t k = 0; k < cat->n; k++) {
			const char *id = cat->pairs[2 * k], *str = cat->pairs[2 * k + 1];
			if (!strstr(id, ", plural,"))
				continue;
			checked++;
			if (i18n_plural_check("en", id, why, sizeof why) && ++bad)
				print_message("msgid \"%s\": %s\n", id, why);
			if (i18n_plural_check(cat->lang, str, why, sizeof why) && ++bad)
				print_message("po/%s.po: \"%s\": %s\n", cat->lang, str, why);
		}
	}
	assert_int_equal(bad, 0);
	assert_true(checked >= 5 * 13);
}

/* One date and one number per language, as CLDR (ICU 72) writes them: the
 * medium date of 5 March 2026 and 1234567. */
static void dates_and_numbers_in_24(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{"en", "Mar 5, 2026", "1,234,567"},
		{"bg", "5.03.2026\u202fг.", "1\u00a0234\u00a0567"},
		{"cs", "5. 3. 2026", "1\u00a0234\u00a0567"},
		{"da", "5. mar. 2026", "1.234.567"},
		{"de", "05.03.2026", "1.234.567"},
		{"el", "5 Μαρ 2026", "1.234.567"},
		{"es", "5 mar 2026", "1.234.567"},
		{"et", "5. märts 2026", "1\u00a0234\u00a0567"},
		{"fi", "5.3.2026", "1\u00a0234\u00a0567"},
		{"fr", "5 mars 2026", "1\u202f234\u202f567"},
		{"ga", "5 Márta 2026", "1,234,567"},
		{"hr", "5. ožu 2026.", "1.234.567"},
		{"hu", "2026. márc. 5.", "1\u00a0234\u00a0567"},
		{"it", "5 mar 2026", "1.234.567"},
		{"lt", "2026-03-05", "1\u00a0234\u00a0567"},
		{"lv", "2026. gada 5. marts", "1\u00a0234\u00a0567"},
		{"mt", "05 Mar 2026", "1,234,567"},
		{"nl", "5 mrt 2026", "1.234.567"},
		{"pl", "5 mar 2026", "1\u00a0234\u00a0567"},
		{"pt", "5 de mar. de 2026", "1.234.567"},
		{"ro", "5 mar. 2026", "1.234.567"},
		{"sk", "5. 3. 2026", "1\u00a0234\u00a0567"},
		{"sl", "5. mar. 2026", "1.234.567"},
		{"sv", "5 mars 2026", "1\u00a0234\u00a0567"},
	};
	struct arena a;
	arena_init(&a);
	assert_int_equal(sizeof want / sizeof want[0], i18n_count());
	for (int round = 0; round < 2; round++) /* the second from the caches */
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
			const char *d = i18n_date(&a, want[i][0], "2026-03-05T10:00:00Z");
			const char *n = i18n_number(&a, want[i][0], 1234567);
			if (strcmp(d, want[i][1]) || strcmp(n, want[i][2]))
				fail_msg("%s: \"%s\" and \"%s\"", want[i][0], d, n);
		}
	arena_free(&a);
	i18n_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_24_languages_name_themselves), cmocka_unit_test(plurals_follow_cldr),
		cmocka_unit_test(bad_patterns_are_refused), cmocka_unit_test(catalogues_plurals_match_cldr),
		cmocka_unit_test(dates_and_numbers_in_24)};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	i18n_free();
	return rc;
}
