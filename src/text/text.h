/* text: Unicode handling shared by ingest, store and (later) the index.
 *
 * Every function takes UTF-8 that text_utf8_check() accepted; what it writes
 * is NFC. "White space" here is Unicode White_Space plus control characters
 * and zero-width spaces, so NBSP (U+00A0) and narrow NBSP (U+202F) count. */
#ifndef PX_TEXT_H
#define PX_TEXT_H

#include "../core/core.h"

#include <stdint.h>

/* Checks that s[0..n) is valid UTF-8 (no overlongs, surrogates or code points
 * above U+10FFFF). Returns 0, or -1 with *bad set to the offending offset. */
int text_utf8_check(const char *s, size_t n, size_t *bad);

/* Appends s[0..n) to out in NFC, with runs of white space collapsed to one
 * ASCII space and none at either end. Appends nothing for a blank line. */
enum px_err text_clean_line(const char *s, size_t n, struct buf *out) PX_WUR;

/* 1 if s[0..n) holds only white space. */
int text_is_blank(const char *s, size_t n);

/* Number of leading ASCII spaces and tabs (a tab counts as 4 columns). */
size_t text_indent(const char *s, size_t n);

/* A NFC copy of s; caller frees. NULL on ENOMEM or invalid UTF-8. */
char *text_nfc(const char *s);

/* ---- tokens (token.c) ---- */

#define TEXT_TOKEN_MAX 64 /* bytes; longer words are not indexed */

/* A word of text as the index sees it. Both forms live in the tokenizer's
 * buffers: valid during the callback only. */
struct text_token {
	const char *folded; /* case folded, NFKC, no accents: what is matched */
	size_t nfolded;
	const char *lower; /* case folded, NFKC, accents kept: what is stemmed */
	size_t nlower;
	size_t off, end; /* the source bytes [off, end) */
	uint32_t pos;    /* word position; a compound's joined form shares its first part's */
};

/* Calls fn for every token of s[0..n) (valid UTF-8), numbering positions
 * from first_pos, until fn returns non-zero. Returns the position after the
 * last word. See token.c for what a word is. */
uint32_t text_tokenize(const char *s, size_t n, uint32_t first_pos,
		       int (*fn)(const struct text_token *, void *), void *arg);

/* Writes the folded form of s[0..n) (as text_token.folded) into out[cap];
 * returns its length, 0 if it does not fit. */
size_t text_fold(const char *s, size_t n, char *out, size_t cap);

/* ---- stems (stem.c) ---- */

/* Snowball stemmers, one set per thread (libstemmer is not thread-safe). */
struct text_stem;

/* Caller frees with text_stem_free(). NULL on ENOMEM. */
struct text_stem *text_stem_new(void);
void text_stem_free(struct text_stem *ts);
/* The calling thread's own stemmers (made on first use, freed when the
 * thread exits; never free them). NULL on ENOMEM. */
struct text_stem *text_stem_thread(void);
/* 1 if language lang (ISO 639-1) has a stemmer: Croatian and Bosnian use
 * Serbian's; Polish, Czech and others have none. */
int text_stem_has(const char *lang);
/* Writes the stem of a token's lower form in language lang, folded like
 * text_fold(), into out[cap]; returns its length (0 if it does not fit).
 * Without a stemmer for lang, the folded word itself. */
size_t text_stem(struct text_stem *ts, const char *lang, const char *lower, size_t n, char *out, size_t cap);

/* ---- stop words (stopword.c) ---- */

/* 1 if the folded word w[0..n) is a stop word of language lang, or of any
 * EU language when lang is NULL. */
int text_stopword(const char *lang, const char *w, size_t n);

/* ---- translations (translate.c) ---- */

/* Calls fn for every translation of the folded word w[0..n) found in the
 * bilingual dictionaries (Debian's FreeDict, turned into a table at build
 * time): from any language that has w to another EU language, each
 * translation a single folded word. Returns the number of calls. fn's
 * strings are borrowed for the call. */
size_t text_translate(const char *w, size_t n,
		      void (*fn)(const char *from_lang, const char *to_lang, const char *word, size_t len,
				 void *arg),
		      void *arg);

/* Calls fn for each language in which the folded word w[0..n) has
 * translations (cheaper than text_translate() when only that matters);
 * returns how many. */
size_t text_translate_langs(const char *w, size_t n, void (*fn)(const char *lang, void *arg), void *arg);

/* 1 if a word of the translation table begins with w[0..n). */
int text_translate_begins(const char *w, size_t n);

/* 1 if text_translate_stem() would find a translation, without making it. */
int text_translate_stem_known(struct text_stem *ts, const char *lang, const char *stem, size_t n);

/* The word as the dictionary writes it (accents, case: "Städte") of a
 * folded word w[0..n) that a text_translate() callback was given (the
 * pointer itself, not a copy); sets *form to it and returns its length.
 * Any other word is its own form. *form is borrowed from the table. */
size_t text_translate_form(const char *w, size_t n, const char **form);

/* The same for the words of language lang that have the stem stem[0..n)
 * there (text_stem()): how an inflected form the dictionaries lack
 * ("obdachlose", "offene") is translated through its dictionary form
 * ("obdachlos", "offen"). Looks at the words that begin with the stem and
 * are at most 4 bytes longer, 512 at most. */
size_t text_translate_stem(struct text_stem *ts, const char *lang, const char *stem, size_t n,
			   void (*fn)(const char *from_lang, const char *to_lang, const char *word, size_t len,
				      void *arg),
			   void *arg);

/* Language identification, limited to the EU's official languages.
 * Once made, a detector is only read: text_lang_detect() may run on one
 * detector from several threads at once. */
struct text_lang;

/* Loads the language models; NULL (with a message on stderr) if they are
 * missing. Caller frees with text_lang_free(). */
struct text_lang *text_lang_new(void);
void text_lang_free(struct text_lang *tl);
/* Writes the ISO 639-1 code of the most likely language of s[0..n) into
 * out[3]. Always picks one of the EU languages, even for short text. */
void text_lang_detect(struct text_lang *tl, const char *s, size_t n, char out[3]);

/* Appends a line "NAME VERSION" for each library text runs with, as the
 * library reports it at run time (utf8proc, libexttextcat; Snowball's
 * libstemmer has no version to tell). PX_ENOMEM if out is full. */
enum px_err text_lib_versions(struct buf *out) PX_WUR;

#endif
