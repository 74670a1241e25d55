/* text/lang.c on short texts: the judged set tests/data/lang/short.tsv
 * (titles, teasers, headings, searches of 3 to 12 words in the 24 EU
 * languages) is detected, and the accuracy per language and overall is
 * printed and held to floors[] below. The floors are the figures the
 * detector reached when the set was written (issue 15): the test fails on a
 * regression only. Whoever improves the detector raises them.
 *
 * Run by `make unit` (plain and ASan/UBSan) from the source tree; by hand,
 *   make build/unit/text/test_lang_short && build/unit/text/test_lang_short [SET.tsv]
 * prints the table and every text detected wrongly (LANG_SHORT_VERBOSE=1). */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "text/text.h"

#define SET_PATH "tests/data/lang/short.tsv"
#define LINE_MAX 1024

static const char *const eu_langs[] = {"bg", "cs", "da", "de", "el", "en", "es", "et",
				       "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
				       "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
#define NLANGS (sizeof eu_langs / sizeof eu_langs[0])

/* Texts of each language detected rightly, at least: today's figures. */
static const struct floor {
	char lang[3];
	int correct;
} floors[] = {
	{"bg", 21}, {"cs", 21}, {"da", 20}, {"de", 20}, {"el", 22}, {"en", 20}, {"es", 18}, {"et", 14},
	{"fi", 21}, {"fr", 22}, {"ga", 20}, {"hr", 9},  {"hu", 22}, {"it", 19}, {"lt", 19}, {"lv", 21},
	{"mt", 21}, {"nl", 17}, {"pl", 22}, {"pt", 21}, {"ro", 21}, {"sk", 11}, {"sl", 17}, {"sv", 19},
};
#define MIN_OVERALL  458 /* texts detected rightly, all languages together */
#define MIN_PER_LANG 20  /* the set's promise: at least 20 texts a language */

static const char *set_path = SET_PATH;

struct tally {
	int n, correct;
	int as[NLANGS]; /* how often this language's texts were taken for each language */
};

static int lang_index(const char *code)
{
	for (size_t i = 0; i < NLANGS; i++)
		if (strcmp(eu_langs[i], code) == 0)
			return (int)i;
	return -1;
}

/* Reads the set and detects every text; fails on a malformed line. */
static void score_set(struct text_lang *tl, struct tally t[NLANGS], int verbose)
{
	FILE *f = fopen(set_path, "r");
	if (!f)
		fail_msg("cannot open %s (run from the source tree)", set_path);
	char line[LINE_MAX];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] != '\n' && !feof(f))
			fail_msg("%s:%d: line longer than %d bytes", set_path, lineno, LINE_MAX - 2);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || tab - line != 2 || !tab[1])
			fail_msg("%s:%d: not LANG<TAB>TEXT", set_path, lineno);
		*tab = '\0';
		int want = lang_index(line);
		if (want < 0)
			fail_msg("%s:%d: %s is not an EU language code", set_path, lineno, line);
		const char *text = tab + 1;
		char got[3];
		text_lang_detect(tl, text, strlen(text), got);
		int gi = lang_index(got);
		assert_true(gi >= 0);
		t[want].n++;
		t[want].as[gi]++;
		if (gi == want)
			t[want].correct++;
		else if (verbose)
			printf("  %s taken for %s: %s\n", line, got, text);
	}
	fclose(f);
}

/* The language this language's texts were most often taken for, or "-". */
static const char *main_confusion(const struct tally *t, int self)
{
	int best = -1;
	for (int i = 0; i < (int)NLANGS; i++)
		if (i != self && t->as[i] > 0 && (best < 0 || t->as[i] > t->as[best]))
			best = i;
	return best < 0 ? "-" : eu_langs[best];
}

static void short_texts_do_not_regress(void **state)
{
	(void)state;
	struct text_lang *tl = text_lang_new();
	assert_non_null(tl);
	struct tally t[NLANGS];
	memset(t, 0, sizeof t);
	const char *v = getenv("LANG_SHORT_VERBOSE");
	score_set(tl, t, v && *v && strcmp(v, "0") != 0);
	text_lang_free(tl);

	int n = 0, correct = 0, failed = 0;
	printf("lang  right     n  accuracy  floor  most taken for\n");
	for (size_t i = 0; i < NLANGS; i++) {
		const struct floor *fl = &floors[i];
		assert_string_equal(fl->lang, eu_langs[i]); /* the tables stay aligned */
		n += t[i].n;
		correct += t[i].correct;
		printf("%-4s %6d %5d %8.1f%% %6d  %s\n", eu_langs[i], t[i].correct, t[i].n,
		       t[i].n ? 100.0 * t[i].correct / t[i].n : 0.0, fl->correct,
		       main_confusion(&t[i], (int)i));
		if (t[i].n < MIN_PER_LANG) {
			printf("FAIL: %s has %d texts in %s, fewer than %d\n", eu_langs[i], t[i].n, set_path,
			       MIN_PER_LANG);
			failed = 1;
		}
		if (t[i].correct < fl->correct) {
			printf("FAIL: %s: %d right, below the floor of %d\n", eu_langs[i], t[i].correct,
			       fl->correct);
			failed = 1;
		}
	}
	printf("all  %6d %5d %8.1f%% %6d\n", correct, n, n ? 100.0 * correct / n : 0.0, MIN_OVERALL);
	if (correct < MIN_OVERALL) {
		printf("FAIL: %d right overall, below the floor of %d\n", correct, MIN_OVERALL);
		failed = 1;
	}
	fflush(stdout);
	assert_false(failed);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		set_path = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_texts_do_not_regress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
