/* text/token.c, stem.c, stopword.c: how text becomes index terms. */
#include "../unit.h"

#include <stdio.h>

#include "text/text.h"

#include <stdlib.h>
#include <utf8proc.h>

/* ---- collecting tokens ---- */

#define TOKS_MAX 64

struct tok {
	char folded[TEXT_TOKEN_MAX + 1];
	char lower[2 * TEXT_TOKEN_MAX + 1];
	size_t off, end;
	uint32_t pos;
};

struct toks {
	struct tok t[TOKS_MAX];
	size_t n;
	size_t stop_after; /* the callback returns 1 on this token (1-based); 0 = never */
};

static int collect(const struct text_token *tk, void *arg)
{
	struct toks *ts = arg;
	assert_true(ts->n < TOKS_MAX);
	assert_true(tk->nfolded > 0 && tk->nfolded <= TEXT_TOKEN_MAX);
	assert_true(tk->nlower > 0 && tk->nlower < sizeof ts->t[0].lower);
	struct tok *t = &ts->t[ts->n++];
	memcpy(t->folded, tk->folded, tk->nfolded);
	t->folded[tk->nfolded] = '\0';
	memcpy(t->lower, tk->lower, tk->nlower);
	t->lower[tk->nlower] = '\0';
	t->off = tk->off;
	t->end = tk->end;
	t->pos = tk->pos;
	return ts->stop_after && ts->n == ts->stop_after;
}

/* Tokenises s from position 0; returns the position after the last word. */
static uint32_t tokenize(const char *s, struct toks *ts)
{
	memset(ts, 0, sizeof *ts);
	return text_tokenize(s, strlen(s), 0, collect, ts);
}

/* Asserts token i: its folded form, position and source bytes. */
static void assert_tok(const char *src, const struct toks *ts, size_t i, const char *folded, uint32_t pos,
		       const char *source)
{
	assert_true(i < ts->n);
	const struct tok *t = &ts->t[i];
	assert_string_equal(t->folded, folded);
	assert_int_equal(t->pos, pos);
	assert_true(t->off < t->end && t->end <= strlen(src));
	assert_int_equal(t->end - t->off, strlen(source));
	assert_memory_equal(src + t->off, source, strlen(source));
}

/* The folded form of s, as a string in out. */
static const char *fold(const char *s, char *out, size_t cap)
{
	size_t n = text_fold(s, strlen(s), out, cap - 1);
	out[n] = '\0';
	return out;
}

/* ---- words ---- */

static void splits_on_spaces_and_punctuation(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "Urban gardens, (solar) roofs; bikes!";
	assert_int_equal(tokenize(s, &ts), 5);
	assert_int_equal(ts.n, 5);
	assert_tok(s, &ts, 0, "urban", 0, "Urban");
	assert_tok(s, &ts, 1, "gardens", 1, "gardens");
	assert_tok(s, &ts, 2, "solar", 2, "solar");
	assert_tok(s, &ts, 3, "roofs", 3, "roofs");
	assert_tok(s, &ts, 4, "bikes", 4, "bikes");
}

static void empty_and_blank_text_give_no_token(void **state)
{
	(void)state;
	struct toks ts;
	assert_int_equal(tokenize("", &ts), 0);
	assert_int_equal(ts.n, 0);
	assert_int_equal(tokenize("  ,;. — «»\n\t", &ts), 0);
	assert_int_equal(ts.n, 0);
}

static void apostrophe_splits_the_word(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "l'agenda d'Agen";
	assert_int_equal(tokenize(s, &ts), 4);
	assert_int_equal(ts.n, 4);
	assert_tok(s, &ts, 0, "l", 0, "l");
	assert_tok(s, &ts, 1, "agenda", 1, "agenda");
	assert_tok(s, &ts, 2, "d", 2, "d");
	assert_tok(s, &ts, 3, "agen", 3, "Agen");
}

static void typographic_apostrophe_splits_the_word(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "L’AGENDA"; /* U+2019 */
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "l", 0, "L");
	assert_tok(s, &ts, 1, "agenda", 1, "AGENDA");
}

/* token.c says the modifier letter apostrophe (U+02BC) splits too. */
static void modifier_letter_apostrophe_splits_the_word(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "d\u02bcAgen";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "d", 0, "d");
	assert_tok(s, &ts, 1, "agen", 1, "Agen");
}

static void hyphen_gives_parts_and_joined_form(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "CO-CITY Turin";
	assert_int_equal(tokenize(s, &ts), 3);
	assert_int_equal(ts.n, 4);
	assert_tok(s, &ts, 0, "co", 0, "CO");
	assert_tok(s, &ts, 1, "city", 1, "CITY");
	assert_tok(s, &ts, 2, "cocity", 0, "CO-CITY"); /* the first part's position, all the bytes */
	assert_tok(s, &ts, 3, "turin", 2, "Turin");
}

static void three_part_compound(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "a state-of-the-art lab";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 7);
	assert_tok(s, &ts, 0, "a", 0, "a");
	assert_tok(s, &ts, 1, "state", 1, "state");
	assert_tok(s, &ts, 2, "of", 2, "of");
	assert_tok(s, &ts, 3, "the", 3, "the");
	assert_tok(s, &ts, 4, "art", 4, "art");
	assert_tok(s, &ts, 5, "stateoftheart", 1, "state-of-the-art");
	assert_tok(s, &ts, 6, "lab", 5, "lab");
}

static void unicode_hyphens_join_too(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "co\u2010design co\u2011city"; /* HYPHEN, NON-BREAKING HYPHEN */
	tokenize(s, &ts);
	assert_int_equal(ts.n, 6);
	assert_tok(s, &ts, 2, "codesign", 0, "co\u2010design");
	assert_tok(s, &ts, 5, "cocity", 2, "co\u2011city");
}

static void hyphen_between_spaces_does_not_join(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "co - design co- city";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 4);
	for (size_t i = 0; i < ts.n; i++)
		assert_true(strcmp(ts.t[i].folded, "codesign") && strcmp(ts.t[i].folded, "cocity"));
	assert_tok(s, &ts, 3, "city", 3, "city");
}

static void decimal_numbers_stay_one_token(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "Industry 4.0 costs 1,5 million, 1.000.000 people in 2020.";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 9);
	assert_tok(s, &ts, 1, "4.0", 1, "4.0");
	assert_tok(s, &ts, 3, "1,5", 3, "1,5");
	assert_tok(s, &ts, 4, "million", 4, "million");
	assert_tok(s, &ts, 5, "1.000.000", 5, "1.000.000");
	assert_tok(s, &ts, 8, "2020", 8, "2020"); /* the full stop is not part of it */
}

static void dot_between_letters_splits(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "www.example 4.x";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 4);
	assert_tok(s, &ts, 0, "www", 0, "www");
	assert_tok(s, &ts, 1, "example", 1, "example");
	assert_tok(s, &ts, 2, "4", 2, "4");
	assert_tok(s, &ts, 3, "x", 3, "x");
}

/* ---- folding ---- */

static void greek_is_folded_without_accents(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "Δίκτυα πόλεων";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "δικτυα", 0, "Δίκτυα");
	assert_string_equal(ts.t[0].lower, "δίκτυα"); /* the stemmer's form keeps the tonos */
	assert_tok(s, &ts, 1, "πολεων", 1, "πόλεων");
}

static void greek_final_sigma_matches_capital_sigma(void **state)
{
	(void)state;
	char a[64], b[64], c[64];
	assert_string_equal(fold("ΟΔΟΣ", a, sizeof a), fold("οδός", b, sizeof b));
	assert_string_equal(fold("οδοσ", c, sizeof c), a);
	struct toks ts;
	tokenize("ΠΟΛΙΤΙΣΜΟΣ πολιτισμός", &ts);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.t[0].folded, ts.t[1].folded);
}

static void cyrillic_is_a_word(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "Привет, Мир";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "привет", 0, "Привет");
	assert_tok(s, &ts, 1, "мир", 1, "Мир");
}

static void german_sharp_s_folds_to_ss(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "Straße";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 1);
	assert_tok(s, &ts, 0, "strasse", 0, "Straße");
	char a[64];
	assert_string_equal(fold("STRASSE", a, sizeof a), "strasse");
}

static void accents_are_removed_from_the_folded_form(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "La città del Besòs";
	tokenize(s, &ts);
	assert_int_equal(ts.n, 4);
	assert_tok(s, &ts, 1, "citta", 1, "città");
	assert_string_equal(ts.t[1].lower, "città");
	assert_tok(s, &ts, 3, "besos", 3, "Besòs");
	assert_string_equal(ts.t[3].lower, "besòs");
}

static void decomposed_accents_fold_like_composed_ones(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "citta\u0300 x"; /* a + COMBINING GRAVE: one word */
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "citta", 0, "citta\u0300");
	assert_string_equal(ts.t[0].lower, "città"); /* NFC */
}

static void text_fold_forms(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(fold("Besòs", out, sizeof out), "besos");
	assert_string_equal(fold("CITTÀ", out, sizeof out), "citta");
	assert_string_equal(fold("Δίκτυα", out, sizeof out), "δικτυα");
	assert_string_equal(fold("ÉCOLE", out, sizeof out), "ecole");
	assert_string_equal(fold("\ufb01nance", out, sizeof out), "finance"); /* ﬁ ligature (NFKC) */
	assert_string_equal(fold("Łódź", out, sizeof out), "łodz");           /* ł is a letter, not a+mark */
	/* too small a buffer: 0 */
	assert_int_equal(text_fold("housing", 7, out, 6), 0);
	assert_int_equal(text_fold("città", strlen("città"), out, 4), 0);
	assert_int_equal(text_fold("housing", 7, out, 7), 7);
}

/* ---- limits and positions ---- */

/* text_fold() folds most words code point by code point from a table; it
 * must agree with utf8proc folding the whole word, combining marks, Greek,
 * Cyrillic and compatibility forms included. */
static void fast_folding_agrees_with_utf8proc(void **state)
{
	(void)state;
	/* letters, digits and marks from the two-byte range, and ASCII */
	static const int32_t pool[] = {'a', 'Z', '7', 0xc0, 0xc9, 0xdf, 0xe6, 0xf1, 0xff, 0x130, 0x131,
				       0x149, 0x17f, 0x1c4, 0x1c5, 0x1f0, 0x218, 0x2b0, 0x300, 0x301,
				       0x308, 0x345, 0x386, 0x390, 0x3a3, 0x3c2, 0x3d0, 0x3f4, 0x401,
				       0x419, 0x439, 0x4c0, 0x531, 0x5d0, 0x627, 0x660, 0x6f0, 0x7c0};
	srand(7);
	for (int round = 0; round < 20000; round++) {
		utf8proc_uint8_t word[64];
		size_t n = 0;
		int len = 1 + rand() % 6;
		for (int i = 0; i < len; i++)
			n += (size_t)utf8proc_encode_char(pool[rand() % (int)(sizeof pool / sizeof pool[0])],
							   word + n);
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t wn = utf8proc_map(word, (utf8proc_ssize_t)n, &want,
						   UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
							   UTF8PROC_STABLE | UTF8PROC_STRIPMARK);
		char got[256];
		size_t gn = text_fold((const char *)word, n, got, sizeof got);
		assert_true(wn >= 0);
		assert_int_equal(gn, (size_t)wn);
		assert_memory_equal(got, want, gn);
		free(want);
	}
}

static void words_longer_than_the_limit_are_dropped(void **state)
{
	(void)state;
	char s[256];
	char longest[TEXT_TOKEN_MAX + 1];
	memset(longest, 'a', TEXT_TOKEN_MAX);
	longest[TEXT_TOKEN_MAX] = '\0';
	/* exactly TEXT_TOKEN_MAX bytes: kept */
	struct toks ts;
	snprintf(s, sizeof s, "x %s y", longest);
	tokenize(s, &ts);
	assert_int_equal(ts.n, 3);
	assert_string_equal(ts.t[1].folded, longest);
	/* one more: dropped, the words around it still come */
	snprintf(s, sizeof s, "x %sb y", longest);
	tokenize(s, &ts);
	assert_int_equal(ts.n, 2);
	assert_tok(s, &ts, 0, "x", 0, "x");
	assert_string_equal(ts.t[1].folded, "y");
	assert_true(ts.t[1].pos > ts.t[0].pos);
	assert_tok(s, &ts, 1, "y", ts.t[1].pos, "y");
}

static void positions_continue_from_first_pos(void **state)
{
	(void)state;
	struct toks ts;
	memset(&ts, 0, sizeof ts);
	const char *s = "solar roofs CO-CITY";
	uint32_t next = text_tokenize(s, strlen(s), 100, collect, &ts);
	assert_int_equal(next, 104);
	assert_int_equal(ts.n, 5);
	assert_int_equal(ts.t[0].pos, 100);
	assert_int_equal(ts.t[1].pos, 101);
	assert_int_equal(ts.t[2].pos, 102);
	assert_int_equal(ts.t[3].pos, 103);
	assert_string_equal(ts.t[4].folded, "cocity");
	assert_int_equal(ts.t[4].pos, 102);
	/* a second field goes on where the first stopped */
	uint32_t after = text_tokenize("bikes", 5, next, collect, &ts);
	assert_int_equal(after, 105);
	assert_int_equal(ts.t[5].pos, 104);
}

static void only_n_bytes_are_read(void **state)
{
	(void)state;
	struct toks ts;
	memset(&ts, 0, sizeof ts);
	const char *s = "solar roofs everywhere";
	assert_int_equal(text_tokenize(s, 8, 0, collect, &ts), 2);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.t[1].folded, "ro"); /* cut where n ends */
}

static void callback_returning_one_stops(void **state)
{
	(void)state;
	struct toks ts;
	memset(&ts, 0, sizeof ts);
	ts.stop_after = 2;
	const char *s = "one two three four";
	uint32_t next = text_tokenize(s, strlen(s), 0, collect, &ts);
	assert_int_equal(ts.n, 2);
	assert_string_equal(ts.t[1].folded, "two");
	assert_int_equal(next, 2);
	/* stopping on the first part of a compound: no joined form follows */
	memset(&ts, 0, sizeof ts);
	ts.stop_after = 1;
	s = "co-city urban";
	text_tokenize(s, strlen(s), 0, collect, &ts);
	assert_int_equal(ts.n, 1);
	assert_string_equal(ts.t[0].folded, "co");
	/* stopping on a joined form: nothing after it */
	memset(&ts, 0, sizeof ts);
	ts.stop_after = 3;
	text_tokenize(s, strlen(s), 0, collect, &ts);
	assert_int_equal(ts.n, 3);
	assert_string_equal(ts.t[2].folded, "cocity");
}

static void offsets_point_at_the_source_bytes(void **state)
{
	(void)state;
	struct toks ts;
	const char *s = "  «Vivre à Besòs», l’agenda de Δίκτυα — CO-CITY 4.0!";
	tokenize(s, &ts);
	const char *expect[] = {"Vivre", "à", "Besòs", "l", "agenda", "de", "Δίκτυα", "CO", "CITY", "CO-CITY", "4.0"};
	assert_int_equal(ts.n, sizeof expect / sizeof expect[0]);
	for (size_t i = 0; i < ts.n; i++) {
		assert_int_equal(ts.t[i].end - ts.t[i].off, strlen(expect[i]));
		assert_memory_equal(s + ts.t[i].off, expect[i], strlen(expect[i]));
	}
}

/* ---- stems ---- */

/* The stem of word in lang, as a string in out. */
static const char *stem(struct text_stem *st, const char *lang, const char *word, char *out, size_t cap)
{
	/* what the tokenizer hands the stemmer: the lower form */
	struct toks ts;
	tokenize(word, &ts);
	assert_int_equal(ts.n, 1);
	const char *lower = ts.t[0].lower;
	size_t n = text_stem(st, lang, lower, strlen(lower), out, cap - 1);
	out[n] = '\0';
	return out;
}

static void english_inflections_share_a_stem(void **state)
{
	(void)state;
	struct text_stem *st = text_stem_new();
	assert_non_null(st);
	char a[64], b[64], c[64];
	assert_string_equal(stem(st, "en", "housing", a, sizeof a), stem(st, "en", "houses", b, sizeof b));
	assert_string_equal(a, stem(st, "en", "Housed", c, sizeof c));
	assert_string_equal(stem(st, "en", "gardens", a, sizeof a), stem(st, "en", "garden", b, sizeof b));
	assert_string_not_equal(stem(st, "en", "housing", a, sizeof a), stem(st, "en", "garden", b, sizeof b));
	/* a stem is shorter than the inflected word it comes from */
	assert_true(strlen(stem(st, "en", "housing", a, sizeof a)) < strlen("housing"));
	text_stem_free(st);
}

static void french_italian_greek_stems(void **state)
{
	(void)state;
	struct text_stem *st = text_stem_new();
	assert_non_null(st);
	char a[64], b[64];
	assert_string_equal(stem(st, "fr", "habitants", a, sizeof a), stem(st, "fr", "habitant", b, sizeof b));
	assert_string_equal(stem(st, "it", "cittadini", a, sizeof a), stem(st, "it", "cittadino", b, sizeof b));
	assert_string_equal(stem(st, "el", "δίκτυα", a, sizeof a), stem(st, "el", "δίκτυο", b, sizeof b));
	assert_string_equal(a, stem(st, "el", "δικτύων", b, sizeof b));
	/* stems are folded: no accents left */
	stem(st, "fr", "éducation", a, sizeof a);
	assert_true(strncmp(a, "educ", 4) == 0);
	stem(st, "el", "Δίκτυα", a, sizeof a);
	assert_true(strncmp(a, "δικτυ", strlen("δικτυ")) == 0);
	text_stem_free(st);
}

static void croatian_uses_the_serbian_stemmer(void **state)
{
	(void)state;
	assert_true(text_stem_has("hr"));
	assert_true(text_stem_has("bs"));
	assert_true(text_stem_has("en"));
	assert_true(text_stem_has("el"));
	struct text_stem *st = text_stem_new();
	assert_non_null(st);
	char a[64], b[64];
	assert_string_equal(stem(st, "hr", "gradovi", a, sizeof a), stem(st, "hr", "gradova", b, sizeof b));
	assert_string_not_equal(a, "gradovi");
	assert_string_equal(stem(st, "bs", "gradovi", b, sizeof b), a);
	assert_string_equal(stem(st, "sr", "gradovi", b, sizeof b), a);
	text_stem_free(st);
}

static void language_without_stemmer_gives_the_folded_word(void **state)
{
	(void)state;
	assert_false(text_stem_has("pl"));
	assert_false(text_stem_has("cs"));
	assert_false(text_stem_has("xx"));
	assert_false(text_stem_has(""));
	struct text_stem *st = text_stem_new();
	assert_non_null(st);
	char a[64];
	assert_string_equal(stem(st, "pl", "Mieszkańców", a, sizeof a), "mieszkancow");
	assert_string_equal(stem(st, "cs", "Město", a, sizeof a), "mesto");
	assert_string_equal(stem(st, "xx", "Housing", a, sizeof a), "housing");
	/* too small a buffer: 0 */
	assert_int_equal(text_stem(st, "pl", "mieszkancow", 11, a, 5), 0);
	assert_int_equal(text_stem(st, "en", "housing", 7, a, 2), 0);
	text_stem_free(st);
}

/* ---- stop words ---- */

static int stop(const char *lang, const char *word)
{
	char f[TEXT_TOKEN_MAX];
	size_t n = text_fold(word, strlen(word), f, sizeof f);
	assert_true(n > 0);
	return text_stopword(lang, f, n);
}

static void stop_words_per_language(void **state)
{
	(void)state;
	assert_true(stop("en", "the"));
	assert_true(stop("en", "and"));
	assert_false(stop("en", "housing"));
	assert_true(stop("fr", "les"));
	assert_true(stop("fr", "été")); /* listed with accents, matched folded */
	assert_false(stop("fr", "the"));
	assert_true(stop("de", "und"));
	assert_false(stop("de", "and"));
	assert_true(stop("el", "και"));
	assert_true(stop("el", "είναι"));
	assert_false(stop("en", "και"));
	assert_true(stop("hr", "je"));
	assert_false(stop("en", "solar"));
	assert_false(stop("xx", "the")); /* no such language */
}

static void stop_words_of_any_language(void **state)
{
	(void)state;
	assert_true(stop(NULL, "the"));
	assert_true(stop(NULL, "les"));
	assert_true(stop(NULL, "και"));
	assert_true(stop(NULL, "und"));
	assert_false(stop(NULL, "housing"));
	assert_false(stop(NULL, "solar"));
	assert_false(stop(NULL, "δικτυα"));
	/* a prefix of a stop word is not one */
	assert_true(text_stopword(NULL, "although", 8));
	assert_false(text_stopword(NULL, "althoug", 7));
	assert_false(text_stopword("en", "thes", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_on_spaces_and_punctuation),
		cmocka_unit_test(empty_and_blank_text_give_no_token),
		cmocka_unit_test(apostrophe_splits_the_word),
		cmocka_unit_test(typographic_apostrophe_splits_the_word),
		cmocka_unit_test(modifier_letter_apostrophe_splits_the_word),
		cmocka_unit_test(hyphen_gives_parts_and_joined_form),
		cmocka_unit_test(three_part_compound),
		cmocka_unit_test(unicode_hyphens_join_too),
		cmocka_unit_test(hyphen_between_spaces_does_not_join),
		cmocka_unit_test(decimal_numbers_stay_one_token),
		cmocka_unit_test(dot_between_letters_splits),
		cmocka_unit_test(greek_is_folded_without_accents),
		cmocka_unit_test(greek_final_sigma_matches_capital_sigma),
		cmocka_unit_test(cyrillic_is_a_word),
		cmocka_unit_test(german_sharp_s_folds_to_ss),
		cmocka_unit_test(accents_are_removed_from_the_folded_form),
		cmocka_unit_test(decomposed_accents_fold_like_composed_ones),
		cmocka_unit_test(fast_folding_agrees_with_utf8proc),
		cmocka_unit_test(text_fold_forms),
		cmocka_unit_test(words_longer_than_the_limit_are_dropped),
		cmocka_unit_test(positions_continue_from_first_pos),
		cmocka_unit_test(only_n_bytes_are_read),
		cmocka_unit_test(callback_returning_one_stops),
		cmocka_unit_test(offsets_point_at_the_source_bytes),
		cmocka_unit_test(english_inflections_share_a_stem),
		cmocka_unit_test(french_italian_greek_stems),
		cmocka_unit_test(croatian_uses_the_serbian_stemmer),
		cmocka_unit_test(language_without_stemmer_gives_the_folded_word),
		cmocka_unit_test(stop_words_per_language),
		cmocka_unit_test(stop_words_of_any_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
