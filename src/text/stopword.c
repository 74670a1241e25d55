/* Stop words: the lists of stopwords-iso for the EU languages (generated
 * into build/gen/stopwords.c), folded like index terms into one hash set
 * on first use. A word maps to the set of languages that list it. */
#include "text_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *word;     /* folded, owned; NULL = empty slot */
	uint32_t langs; /* bit i: text_stopword_lists[i] lists it */
};

static struct entry *table;
static size_t table_mask;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static struct entry *slot(const char *w, size_t n)
{
	for (size_t i = px_hash(w, n) & table_mask;; i = (i + 1) & table_mask)
		if (!table[i].word || (strlen(table[i].word) == n && !memcmp(table[i].word, w, n)))
			return &table[i];
}

static void build(void)
{
	size_t total = 0;
	for (size_t l = 0; l < text_stopword_nlists; l++)
		total += text_stopword_lists[l].count;
	size_t size = 64;
	while (size < total * 2)
		size <<= 1;
	if (!(table = calloc(size, sizeof *table)))
		return; /* without the table no word is a stop word: degraded, not wrong */
	table_mask = size - 1;
	for (size_t l = 0; l < text_stopword_nlists; l++)
		for (const char *const *w = text_stopword_lists[l].words; *w; w++) {
			char f[TEXT_TOKEN_MAX];
			size_t n = text_fold(*w, strlen(*w), f, sizeof f);
			if (!n)
				continue;
			struct entry *e = slot(f, n);
			if (!e->word && !(e->word = px_strndup(f, n)))
				continue;
			e->langs |= (uint32_t)1 << l;
		}
}

static int lang_bit(const char *lang)
{
	for (size_t l = 0; l < text_stopword_nlists; l++)
		if (lang && !strcmp(text_stopword_lists[l].code, lang))
			return (int)l;
	return -1;
}

int text_stopword(const char *lang, const char *w, size_t n)
{
	pthread_once(&once, build);
	if (!table)
		return 0;
	const struct entry *e = slot(w, n);
	if (!e->word)
		return 0;
	if (!lang)
		return 1; /* any language */
	int b = lang_bit(lang);
	return b >= 0 && (e->langs >> b) & 1;
}
