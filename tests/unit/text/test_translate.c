/* text/translate.c: term translations from the embedded FreeDict table, and
 * tables that are empty, truncated or corrupt. */
#include "../unit.h"

#include <stdlib.h>

#include "text/text.h"

/* Not in text.h: translate.c exports it for these tests only. */
size_t text_translate_table(const unsigned char *t, size_t size, const char *w, size_t n,
			    void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg);

#define MAX_SEEN 256

/* Every translation one call reported. */
struct seen {
	size_t n;
	char from[MAX_SEEN][3], to[MAX_SEEN][3];
	char word[MAX_SEEN][TEXT_TOKEN_MAX + 1];
	char form[MAX_SEEN][TEXT_TOKEN_MAX + 1]; /* as the dictionary writes it */
};

static void collect(const char *from, const char *to, const char *word, size_t len, void *arg)
{
	struct seen *s = arg;
	assert_true(strlen(from) == 2 && strlen(to) == 2);
	assert_true(len > 0 && len <= TEXT_TOKEN_MAX);
	if (s->n == MAX_SEEN)
		return;
	memcpy(s->from[s->n], from, 3);
	memcpy(s->to[s->n], to, 3);
	memcpy(s->word[s->n], word, len);
	s->word[s->n][len] = '\0';
	const char *form;
	size_t n = text_translate_form(word, len, &form);
	assert_true(n > 0 && n <= TEXT_TOKEN_MAX);
	memcpy(s->form[s->n], form, n);
	s->form[s->n][n] = '\0';
	s->n++;
}

/* Translates the literal w, checking that the count matches the calls. */
static void translate(const char *w, struct seen *s)
{
	memset(s, 0, sizeof *s);
	size_t calls = text_translate(w, strlen(w), collect, s);
	assert_int_equal(calls < MAX_SEEN ? calls : MAX_SEEN, s->n);
}

/* 1 if s holds a translation from language from into language to (word
 * NULL: any word). */
static int has(const struct seen *s, const char *from, const char *to, const char *word)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->from[i], from) && !strcmp(s->to[i], to) && (!word || !strcmp(s->word[i], word)))
			return 1;
	return 0;
}

/* An inflected form the dictionaries lack is translated through the
 * dictionary form that has its stem, in that language only (issue 11:
 * "Obdachlose" found nothing). */
static void german_obdachlose_by_its_stem(void **state)
{
	(void)state;
	struct seen s;
	translate("obdachlose", &s);
	assert_false(has(&s, "de", "en", "homeless"));
	struct text_stem *ts = text_stem_new();
	assert_non_null(ts);
	char stem[TEXT_TOKEN_MAX];
	size_t n = text_stem(ts, "de", "obdachlose", 10, stem, sizeof stem);
	assert_true(n > 0);
	memset(&s, 0, sizeof s);
	size_t calls = text_translate_stem(ts, "de", stem, n, collect, &s);
	assert_int_equal(calls < MAX_SEEN ? calls : MAX_SEEN, s.n);
	assert_true(has(&s, "de", "en", "homeless"));
	for (size_t i = 0; i < s.n; i++)
		assert_string_equal(s.from[i], "de"); /* German words only */
	memset(&s, 0, sizeof s);
	assert_int_equal(text_translate_stem(ts, "de", "", 0, collect, &s), 0);
	text_stem_free(ts);
}

static void spanish_vivienda_is_housing_in_english(void **state)
{
	(void)state;
	struct seen s;
	translate("vivienda", &s);
	assert_true(has(&s, "es", "en", "housing") || has(&s, "es", "en", "dwelling") ||
		    has(&s, "es", "en", "house")); /* Apertium's everyday word */
}

/* FreeDict's English-Spanish, -French and -Italian dictionaries have no
 * "housing", and too few paths agree for a pivot: only German has it. */
static void english_words_go_into_four_languages(void **state)
{
	(void)state;
	struct seen s;
	translate("housing", &s);
	assert_true(has(&s, "en", "de", NULL));
	translate("city", &s);
	assert_true(has(&s, "en", "es", "ciudad"));
	assert_true(has(&s, "en", "fr", "ville"));
	assert_true(has(&s, "en", "de", "stadt"));
	assert_true(has(&s, "en", "it", "citta"));
}

static void greek_and_croatian_have_english(void **state)
{
	(void)state;
	struct seen s;
	char f[TEXT_TOKEN_MAX];
	size_t n = text_fold("Πόλη", strlen("Πόλη"), f, sizeof f); /* city */
	assert_true(n > 0);
	f[n] = '\0';
	translate(f, &s);
	assert_true(has(&s, "el", "en", "city"));
	translate("grad", &s); /* Croatian: city, town */
	assert_true(has(&s, "hr", "en", "city") || has(&s, "hr", "en", "town"));
	translate("stanovanje", &s); /* Croatian: housing, dwelling */
	assert_true(has(&s, "hr", "en", NULL));
}

static void folded_input_matches_accented_headwords(void **state)
{
	(void)state;
	struct seen s;
	translate("citta", &s); /* città */
	assert_true(has(&s, "it", "en", "city"));
	translate("citt\xc3\xa0", &s); /* only folded words are looked up */
	assert_int_equal(s.n, 0);
}

/* What a reader is shown keeps the accents and case the fold removed
 * (issue 15: "στεγαση", "stadte"). */
static void translations_keep_their_written_form(void **state)
{
	(void)state;
	struct seen s;
	translate("city", &s);
	int found = 0;
	for (size_t i = 0; i < s.n; i++)
		if (!strcmp(s.to[i], "it") && !strcmp(s.word[i], "citta")) {
			assert_string_equal(s.form[i], "citt\xc3\xa0");
			found = 1;
		}
	assert_true(found);
	const char *form;
	assert_int_equal(text_translate_form("citta", 5, &form), 5); /* not the table's own pointer */
	assert_memory_equal(form, "citta", 5);
}

static void unknown_words_have_none(void **state)
{
	(void)state;
	struct seen s;
	translate("xqzvwkpraxis", &s);
	assert_int_equal(s.n, 0);
	translate("", &s);
	assert_int_equal(s.n, 0);
	char longw[TEXT_TOKEN_MAX + 8];
	memset(longw, 'a', sizeof longw - 1);
	longw[sizeof longw - 1] = '\0';
	translate(longw, &s);
	assert_int_equal(s.n, 0);
}

/* ---- tables given directly ---- */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16),
	p[3] = (unsigned char)(v >> 24);
}

/* A two-word table: es "casa" -> en "house" and back. Returns its size. */
static size_t tiny_table(unsigned char *t)
{
	static const char pool[] = "\4casa\0\5house\0"; /* written forms: the folded ones */
	size_t npool = sizeof pool - 1;
	size_t size = 32 + 2 * 4 + 3 * 8 + 2 * 4 + npool;
	memset(t, 0, size);
	memcpy(t, "PXTR", 4);
	put32(t + 4, 2);
	put32(t + 8, 2);  /* languages */
	put32(t + 12, 2); /* words */
	put32(t + 16, 2); /* translations */
	put32(t + 20, (uint32_t)npool);
	put32(t + 24, (uint32_t)size);
	memcpy(t + 32, "en\0\0es\0\0", 8);
	unsigned char *w = t + 40;
	put32(w, 0), put32(w + 4, 0 | 1u << 27); /* casa, es, edge 0 */
	put32(w + 8, 6), put32(w + 12, 1);       /* house, en, edge 1 */
	put32(w + 16, 0), put32(w + 20, 2);      /* sentinel */
	unsigned char *e = t + 64;
	put32(e, 1), put32(e + 4, 0);
	memcpy(t + 72, pool, npool);
	return size;
}

static size_t tiny_translate(const unsigned char *t, size_t size, const char *w, struct seen *s)
{
	memset(s, 0, sizeof *s);
	return text_translate_table(t, size, w, strlen(w), collect, s);
}

static void a_sound_table_is_read(void **state)
{
	(void)state;
	unsigned char t[128];
	size_t size = tiny_table(t);
	struct seen s;
	assert_int_equal(tiny_translate(t, size, "casa", &s), 1);
	assert_true(has(&s, "es", "en", "house"));
	assert_int_equal(tiny_translate(t, size, "house", &s), 1);
	assert_true(has(&s, "en", "es", "casa"));
	assert_int_equal(tiny_translate(t, size, "cas", &s), 0);
	assert_int_equal(tiny_translate(t, size, "casas", &s), 0);
}

static void empty_or_truncated_tables_give_nothing(void **state)
{
	(void)state;
	unsigned char t[128];
	size_t size = tiny_table(t);
	struct seen s;
	assert_int_equal(tiny_translate(NULL, 0, "casa", &s), 0);
	assert_int_equal(tiny_translate(t, 0, "casa", &s), 0);
	for (size_t cut = 1; cut < size; cut++) {
		unsigned char *copy = malloc(cut); /* exact size: ASan sees any overread */
		assert_non_null(copy);
		memcpy(copy, t, cut);
		assert_int_equal(tiny_translate(copy, cut, "casa", &s), 0);
		free(copy);
	}
}

static void corrupt_tables_give_nothing_and_never_crash(void **state)
{
	(void)state;
	unsigned char t[128];
	size_t size = tiny_table(t);
	static const unsigned char values[] = {0x00, 0x01, 0x02, 0x05, 0x08, 0x1f, 0x40, 0x7f, 0x80, 0xff};
	for (size_t i = 0; i < size; i++)
		for (size_t v = 0; v < sizeof values; v++) {
			unsigned char *copy = malloc(size);
			assert_non_null(copy);
			memcpy(copy, t, size);
			if (copy[i] == values[v]) {
				free(copy);
				continue;
			}
			copy[i] = values[v];
			struct seen s;
			/* Some changes leave a sound table (another word, a flag):
			 * whatever it answers must come from inside it. */
			size_t calls = tiny_translate(copy, size, "casa", &s);
			assert_true(calls <= 2);
			calls = tiny_translate(copy, size, "house", &s);
			assert_true(calls <= 2);
			free(copy);
		}
	/* Specific defects. */
	unsigned char c[128];
	struct seen s;
	memcpy(c, t, size), c[0] = 'X'; /* magic */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
	memcpy(c, t, size), put32(c + 64, 2); /* edge to a word past the end */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
	memcpy(c, t, size), put32(c + 48, 60); /* word outside the pool */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
	memcpy(c, t, size), put32(c + 40, 6), put32(c + 48, 0); /* unsorted */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
	memcpy(c, t, size), put32(c + 44, 2 | 1u << 27); /* edges out of order */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
	memcpy(c, t, size), put32(c + 44, 0 | 7u << 27); /* unknown language */
	assert_int_equal(tiny_translate(c, size, "casa", &s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spanish_vivienda_is_housing_in_english),
		cmocka_unit_test(english_words_go_into_four_languages),
		cmocka_unit_test(greek_and_croatian_have_english),
		cmocka_unit_test(folded_input_matches_accented_headwords),
		cmocka_unit_test(translations_keep_their_written_form),
		cmocka_unit_test(unknown_words_have_none),
		cmocka_unit_test(a_sound_table_is_read),
		cmocka_unit_test(german_obdachlose_by_its_stem),
		cmocka_unit_test(empty_or_truncated_tables_give_nothing),
		cmocka_unit_test(corrupt_tables_give_nothing_and_never_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
