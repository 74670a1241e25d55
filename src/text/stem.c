/* Stemming with Snowball (libstemmer), by node language. A stem is folded
 * after stemming (the stemmers want their accents), so a query typed without
 * accents meets the same key. */
#include "text.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ISO 639-1 code → Snowball algorithm. */
static const struct {
	char code[3];
	const char *algorithm;
} algorithms[] = {
	{"da", "danish"},     {"de", "german"},  {"el", "greek"},      {"en", "english"},   {"es", "spanish"},
	{"fi", "finnish"},    {"fr", "french"},  {"ga", "irish"},      {"hu", "hungarian"}, {"it", "italian"},
	{"lt", "lithuanian"}, {"nl", "dutch"},   {"pt", "portuguese"}, {"ro", "romanian"},  {"sv", "swedish"},
	{"hr", "serbian"},    {"bs", "serbian"}, {"sr", "serbian"},
};
#define NALG (sizeof algorithms / sizeof algorithms[0])

struct text_stem {
	struct sb_stemmer *s[NALG]; /* created on first use */
};

static int find(const char *lang)
{
	for (size_t i = 0; i < NALG; i++)
		if (lang && !strcmp(algorithms[i].code, lang))
			return (int)i;
	return -1;
}

struct text_stem *text_stem_new(void)
{
	return calloc(1, sizeof(struct text_stem));
}

void text_stem_free(struct text_stem *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < NALG; i++)
		if (ts->s[i])
			sb_stemmer_delete(ts->s[i]);
	free(ts);
}

int text_stem_has(const char *lang)
{
	return find(lang) >= 0;
}

size_t text_stem(struct text_stem *ts, const char *lang, const char *lower, size_t n, char *out, size_t cap)
{
	int a = find(lang);
	if (a >= 0 && !ts->s[a])
		ts->s[a] = sb_stemmer_new(algorithms[a].algorithm, "UTF_8");
	if (a < 0 || !ts->s[a])
		return text_fold(lower, n, out, cap);
	const sb_symbol *st = sb_stemmer_stem(ts->s[a], (const sb_symbol *)lower, (int)n);
	if (!st)
		return 0;
	return text_fold((const char *)st, (size_t)sb_stemmer_length(ts->s[a]), out, cap);
}

/* One set of stemmers per thread, made on first use and freed when the
 * thread ends: searches must not pay for sb_stemmer_new() each time. */
static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void free_thread_stem(void *p)
{
	text_stem_free(p);
}

static void make_key(void)
{
	if (pthread_key_create(&thread_key, free_thread_stem))
		abort(); /* only at PTHREAD_KEYS_MAX keys: a build error, not an input */
}

struct text_stem *text_stem_thread(void)
{
	pthread_once(&thread_once, make_key);
	struct text_stem *ts = pthread_getspecific(thread_key);
	if (!ts && (ts = text_stem_new()) && pthread_setspecific(thread_key, ts)) {
		text_stem_free(ts);
		ts = NULL;
	}
	return ts;
}
