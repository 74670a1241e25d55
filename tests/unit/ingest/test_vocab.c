/* ingest/vocab.c: the fixed words of the listing format, matched ignoring
 * case and trailing punctuation (ingest.h). */
#include "ingest_test.h"

#include <glob.h>
#include <stdio.h>

#define LEN(s) (s), strlen(s)

static int section_of(const char *s, enum section_key *key)
{
	return vocab_section(LEN(s), key);
}

static void assert_section(const char *s, enum section_key want)
{
	enum section_key key = SECTION_COUNT;
	if (!section_of(s, &key))
		print_error("not a heading: \"%s\"\n", s);
	assert_int_equal(key, want);
}

static void section_headings_any_case_and_punctuation(void **state)
{
	(void)state;
	assert_section("Summary", SECTION_SUMMARY);
	assert_section("summary", SECTION_SUMMARY);
	assert_section("SUMMARY:", SECTION_SUMMARY);
	assert_section("R\xc3\xa9sum\xc3\xa9", SECTION_SUMMARY); /* accents folded */
	assert_section("\xce\xa0\xce\xb5\xcf\x81\xce\xaf\xce\xbb\xce\xb7\xcf\x88\xce\xb7",
		       SECTION_SUMMARY); /* Περίληψη */
	assert_section("The innovative solution", SECTION_SOLUTION);
	assert_section("Die innovative L\xc3\xb6sung", SECTION_SOLUTION);
	assert_section("A collaborative and participative work", SECTION_COLLABORATION);
	assert_section("The impact and results.", SECTION_IMPACT);
	assert_section("Why this good practice should be transferred to other cities?", SECTION_TRANSFER);
	assert_section("Why this good practices should be transferred to other cities?", SECTION_TRANSFER);
	assert_section("WHY THESE GOOD PRACTICES SHOULD BE TRANSFERRED TO OTHER CITIES ?", SECTION_TRANSFER);
}

static void not_section_headings(void **state)
{
	(void)state;
	enum section_key key;
	const char *no[] = {"",        "Summary of the project",
			    "Sum",     "The impact",
			    "Results", "Why this good practice should be transferred"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(section_of(no[i], &key));
}

static void relations(void **state)
{
	(void)state;
	enum relation r = RELATION_COUNT;
	assert_true(vocab_relation(LEN("In partnership with"), &r));
	assert_int_equal(r, RELATION_IN_PARTNERSHIP_WITH);
	assert_true(vocab_relation(LEN("adapted by cities from:"), &r));
	assert_int_equal(r, RELATION_ADAPTED_BY_CITIES_FROM);
	assert_true(vocab_relation(LEN("In Partnerschaft mit"), &r));
	assert_int_equal(r, RELATION_IN_PARTNERSHIP_WITH);
	assert_false(vocab_relation(LEN("In partnership"), &r));
	assert_false(vocab_relation(LEN("Poverty"), &r));
}

/* The msgstr of msgid in a .po file (one-line entries, as po/ has them),
 * into out; 0 if absent. */
static int po_msgstr(const char *path, const char *msgid, char *out, size_t cap)
{
	FILE *f = fopen(path, "r");
	char line[512], want[256];
	int found = 0, next = 0;
	snprintf(want, sizeof want, "msgid \"%s\"\n", msgid);
	while (f && !found && fgets(line, sizeof line, f)) {
		if (next && !strncmp(line, "msgstr \"", 8)) {
			char *end = strrchr(line + 8, '"');
			size_t n = end ? (size_t)(end - (line + 8)) : 0;
			if (n && n < cap) {
				memcpy(out, line + 8, n);
				out[n] = '\0';
				found = 1;
			}
		}
		next = !strcmp(line, want);
	}
	if (f)
		fclose(f);
	return found;
}

/* A hub rendered in any interface language prints its relations and its
 * section headings in that language: each translation in po/ is a word
 * the listing knows. */
static void words_in_every_interface_language(void **state)
{
	(void)state;
	static const struct {
		const char *msgid;
		int relation; /* 1: enum relation, 0: enum section_key */
		int value;
	} words[] = {
		{"In partnership with", 1, RELATION_IN_PARTNERSHIP_WITH},
		{"Adapted by these cities", 1, RELATION_ADAPTED_BY_CITIES_FROM},
		{"Summary", 0, SECTION_SUMMARY},
		{"The innovative solution", 0, SECTION_SOLUTION},
		{"A collaborative and participative work", 0, SECTION_COLLABORATION},
		{"The impact and results", 0, SECTION_IMPACT},
		{"Why this good practice should be transferred to other cities?", 0, SECTION_TRANSFER},
	};
	glob_t g;
	assert_int_equal(glob("po/*.po", 0, NULL, &g), 0); /* run from the project's root */
	assert_true(g.gl_pathc >= 5);
	int missing = 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
			char text[256];
			enum relation r = RELATION_COUNT;
			enum section_key sk = SECTION_COUNT;
			if (!po_msgstr(g.gl_pathv[i], words[k].msgid, text, sizeof text))
				continue; /* not translated: the English words are printed */
			int known = words[k].relation ? vocab_relation(LEN(text), &r) && (int)r == words[k].value
						      : vocab_section(LEN(text), &sk) && (int)sk == words[k].value;
			if (!known) {
				print_error("%s: \"%s\" (%s) is not a word src/ingest/vocab.c knows\n", g.gl_pathv[i],
					    text, words[k].msgid);
				missing++;
			}
		}
	globfree(&g);
	assert_int_equal(missing, 0);
}

static void labels(void **state)
{
	(void)state;
	assert_true(vocab_label(LEN("Urban Innovative Actions")));
	assert_true(vocab_label(LEN("URBACT Good Practice")));
	assert_true(vocab_label(LEN("urbact")));
	assert_true(vocab_label(LEN("Interreg Europe")));
	assert_false(vocab_label(LEN("Urban Innovative")));
	assert_false(vocab_label(LEN("Social cohesion")));
}

static void share_see_more_footer(void **state)
{
	(void)state;
	assert_true(vocab_share_line(LEN("Copy linkFacebookXLinkedInEmail")));
	assert_true(vocab_share_line(LEN("Copy linkFacebookTwitterLinkedInEmail")));
	assert_true(vocab_share_line(LEN("copy link")));
	assert_false(vocab_share_line(LEN("Copy lin")));
	assert_false(vocab_share_line(LEN("FacebookXLinkedInEmail")));

	assert_true(vocab_see_more(LEN("See more")));
	assert_true(vocab_see_more(LEN("SEE MORE...")));
	assert_true(vocab_see_more(LEN("Voir plus")));
	assert_false(vocab_see_more(LEN("See more about this")));

	assert_true(vocab_footer(LEN("Subscribe to")));
	assert_true(vocab_footer(LEN("subscribe to:")));
	assert_false(vocab_footer(LEN("Subscribe")));
	assert_false(vocab_footer(LEN("Subscribe to our newsletter")));
}

static void ref_nid(void **state)
{
	(void)state;
	assert_true(vocab_ref_nid(LEN("Ref nid")));
	assert_true(vocab_ref_nid(LEN("REF NID")));
	assert_false(vocab_ref_nid(LEN("Ref")));
	assert_false(vocab_ref_nid(LEN("Ref nid 17065")));
	assert_false(vocab_ref_nid(LEN("Reference nid")));
}

static void ref_nid_trailing_punctuation(void **state)
{
	(void)state;
	/* ingest.h: every vocab_* word is matched ignoring trailing punctuation */
	assert_true(vocab_ref_nid(LEN("Ref nid:")));
	assert_true(vocab_ref_nid(LEN("Ref nid.")));
}

static void overlong_lines_are_never_words(void **state)
{
	(void)state;
	char line[400];
	memset(line, ' ', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	memcpy(line, "Summary", 7); /* "Summary" + 392 spaces: longer than any word */
	enum section_key key;
	assert_false(vocab_section(line, strlen(line), &key));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(section_headings_any_case_and_punctuation),
		cmocka_unit_test(not_section_headings),
		cmocka_unit_test(relations),
		cmocka_unit_test(words_in_every_interface_language),
		cmocka_unit_test(labels),
		cmocka_unit_test(share_see_more_footer),
		cmocka_unit_test(ref_nid),
		cmocka_unit_test(ref_nid_trailing_punctuation),
		cmocka_unit_test(overlong_lines_are_never_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
