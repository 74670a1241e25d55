/* text: Unicode handling shared by ingest, store and (later) the index.
 *
 * Every function takes UTF-8 that text_utf8_check() accepted; what it writes
 * is NFC. "White space" here is Unicode White_Space plus control characters
 * and zero-width spaces, so NBSP (U+00A0) and narrow NBSP (U+202F) count. */
#ifndef PX_TEXT_H
#define PX_TEXT_H

#include "../core/core.h"

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

#endif
