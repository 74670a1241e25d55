/* Language identification, restricted to the EU's 24 official languages.
 *
 * libexttextcat's fingerprints (Cavnar & Trenkle n-gram ranks, from Debian's
 * libexttextcat-data) give a distance from the text to every language; we rank
 * all of them ourselves rather than call textcat_Classify, which answers
 * "UNKNOWN" whenever more than five languages come close. Closely related
 * languages (Croatian and Slovenian, Czech and Slovak, ...) are often within a
 * few percent of each other; among the candidates that close to the best we
 * pick the one whose function words the text uses most. */
#include "text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fingerprint.h>

#define TEXTCAT_MODELS  "/usr/share/libexttextcat/"
#define LANG_SAMPLE_MAX 1024 /* bytes classified; more only costs time */
#define LANG_NGRAMS     400  /* ranks kept per fingerprint, libexttextcat's default */
#define LANG_CLOSE      1.08 /* distance ratio under which function words and letters decide */

/* The most frequent function words of each language, which separate close
 * relatives; a word listed for two languages counts for both. */
static const struct lang_def {
	char code[3];
	const char *words;   /* space-separated, lower case, with spaces around */
	const char *letters; /* letters that few other EU languages use */
} langs[] = {
	{"en", " the of and to in is that for are with this by from which ", ""},
	{"fr", " le la les des et est une dans pour que qui sur par avec du ", "çœêèùë"},
	{"de", " der die das und ist nicht mit den von zu für auf eine dem ", "ßü"},
	{"es", " el la los las y es en que de por para con una del se su ", "ñ¿¡"},
	{"it", " il la le di che e è per una con del della gli sono nel ", ""},
	{"pt", " o a os as e de que do da em para com uma não são ", "ãõç"},
	{"nl", " de het een en van is dat op te voor met zijn niet ", "ĳ"},
	{"pl", " i w na z się że do nie jest to od o jak dla ", "ąęłńśźż"},
	{"el", " και το η της την του που με για στην είναι οι τα ", ""},
	{"ro", " și în de la a cu pentru care este din sau mai un o ", "ășțşţ"},
	{"hr", " i je u na za se da su kao koja koji što od će ili ", "đć"},
	{"sl", " in je v na za se da so ki tudi pa ter bo z pri ", ""},
	{"sk", " a je v na sa že do pre ako ktoré sú s aj alebo ", "äôĺľŕ"},
	{"cs", " a je v na se že do pro jako které jsou s i nebo ", "ěřů"},
	{"hu", " a az és hogy nem egy is van meg el ez csak ", "őű"},
	{"bg", " и на в за се да е от с че като са ", "ъщ"},
	{"da", " og i at er det en til på af med som ikke den ", "æø"},
	{"sv", " och i att är det en som på av med för inte den ", "å"},
	{"fi", " ja on ei se että oli ovat kuin mutta tai myös ", ""},
	{"et", " ja on ei et see oli ka kui mis või ning ", "õ"},
	{"lv", " un ir ar par no uz kas lai tas arī vai ", "āēīūķļņģ"},
	{"lt", " ir yra kad su iš į kaip ar bet tai už ", "ėįųū"},
	{"mt", " il u ta li fil tal għal huwa ma jew ", "ħġċ"},
	{"ga", " an na agus ar is le go ag i don ", ""},
};
#define NLANGS (sizeof langs / sizeof langs[0])

struct text_lang {
	void *fp[NLANGS]; /* language fingerprints, owned */
};

struct text_lang *text_lang_new(void)
{
	struct text_lang *tl = calloc(1, sizeof *tl);
	if (!tl)
		return NULL;
	char path[256];
	for (size_t i = 0; i < NLANGS; i++) {
		int len = snprintf(path, sizeof path, "%s%s.lm", TEXTCAT_MODELS, langs[i].code);
		tl->fp[i] = fp_Init(langs[i].code);
		if (len < 0 || (size_t)len >= sizeof path || !tl->fp[i] ||
		    fp_Read(tl->fp[i], path, LANG_NGRAMS) == 0) {
			fprintf(stderr,
				"praxis: cannot read language model %s (is libexttextcat-data installed?)\n",
				path);
			text_lang_free(tl);
			return NULL;
		}
	}
	return tl;
}

void text_lang_free(struct text_lang *tl)
{
	if (!tl)
		return;
	for (size_t i = 0; i < NLANGS; i++)
		if (tl->fp[i])
			fp_Done(tl->fp[i]);
	free(tl);
}

/* 1 if the word w[0..n) holds one of lang's distinctive letters. */
static int letter_cues(const struct lang_def *lang, const char *w, size_t n)
{
	for (const char *l = lang->letters; *l;) {
		size_t k = 1;
		while (((unsigned char)l[k] & 0xc0) == 0x80)
			k++;
		for (size_t i = 0; i + k <= n; i++)
			if (memcmp(w + i, l, k) == 0)
				return 1;
		l += k;
	}
	return 0;
}

/* Counts the words of s that are among lang's function words or use one of
 * its distinctive letters. */
static int function_words(const struct lang_def *lang, const char *s, size_t n)
{
	int hits = 0;
	char word[40];
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\n' || (s[i] >= 0 && s[i] < 'A')))
			i++;
		size_t start = i;
		while (i < n && s[i] != ' ' && s[i] != '\n' && !(s[i] >= 0 && s[i] < 'A'))
			i++;
		size_t len = i - start;
		if (len == 0 || len + 2 >= sizeof word)
			continue;
		word[0] = ' ';
		for (size_t k = 0; k < len; k++) /* ASCII lower-casing suffices for a cue */
			word[k + 1] = (char)(s[start + k] >= 'A' && s[start + k] <= 'Z' ? s[start + k] + 32
											: s[start + k]);
		word[len + 1] = ' ';
		word[len + 2] = '\0';
		hits += strstr(lang->words, word) != NULL;
		hits += letter_cues(lang, s + start, len);
	}
	return hits;
}

void text_lang_detect(struct text_lang *tl, const char *s, size_t n, char out[3])
{
	memcpy(out, "en", 3); /* for text with no letters at all */
	if (n > LANG_SAMPLE_MAX) {
		n = LANG_SAMPLE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* do not cut a character in two */
	}
	void *doc = fp_Init(NULL);
	if (!doc)
		return;
	fp_SetProperty(doc, TCPROP_UTF8AWARE, 1);
	fp_SetProperty(doc, TCPROP_MINIMUM_DOCUMENT_SIZE, 1);
	if (fp_Create(doc, s, (unsigned)n, LANG_NGRAMS) == 0) {
		fp_Done(doc);
		return;
	}
	/* A language further than LANG_CLOSE times the best so far can never be
	 * a candidate, so its comparison may stop there (fp_Compare's cutoff). */
	long dist[NLANGS], best = LONG_MAX;
	for (size_t i = 0; i < NLANGS; i++) {
		double cut = best == LONG_MAX ? INT_MAX : (double)best * LANG_CLOSE + 1;
		dist[i] = fp_Compare(tl->fp[i], doc, (int)(cut < INT_MAX ? cut : INT_MAX));
		if (dist[i] < best)
			best = dist[i];
	}
	fp_Done(doc);
	size_t pick = 0;
	int pick_hits = -1;
	for (size_t i = 0; i < NLANGS; i++) {
		if ((double)dist[i] > (double)best * LANG_CLOSE)
			continue;
		int hits = function_words(&langs[i], s, n);
		if (hits > pick_hits || (hits == pick_hits && dist[i] < dist[pick])) {
			pick = i;
			pick_hits = hits;
		}
	}
	memcpy(out, langs[pick].code, 3);
}
