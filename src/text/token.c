/* Tokenising and folding: how text becomes index terms.
 *
 * A word is a run of letters, digits and combining marks. Inside a word:
 *  - an apostrophe (' ’ ʼ) between letters splits it: "l'agenda" gives "l"
 *    and "agenda", "d'Agen" gives "d" and "agen";
 *  - a hyphen (- ‐ ‑) between letters or digits splits it too, and the
 *    parts joined are emitted as well, at the first part's position:
 *    "CO-CITY" gives "co", "city" and "cocity", so "co-city", "cocity" and
 *    "co city" all find it;
 *  - a '.' or ',' between digits is kept: "4.0", "1,5".
 * Each token carries two forms: `lower` (case folded, NFKC, accents kept:
 * what a stemmer wants) and `folded` (lower without accents: what is
 * matched, so "città" = "citta" and "Δίκτυα" = "δικτυα"). */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define JOINED_MAX (TEXT_TOKEN_MAX * 2)

static int is_word_cp(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c == 0x02bc) /* ʼ is a letter to Unicode, an apostrophe to readers */
		return 0;
	utf8proc_category_t cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
}

static int is_hyphen(utf8proc_int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_digit(utf8proc_int32_t c)
{
	return c >= '0' && c <= '9';
}

/* Folds s[0..n) into out (cap bytes): case folded + NFKC, and with
 * strip_marks also without combining marks. Returns the length, 0 when the
 * result does not fit (the token is then dropped: no real word is that long). */
static size_t fold_into(const char *s, size_t n, int strip_marks, char *out, size_t cap)
{
	size_t i = 0;
	for (; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n) { /* ASCII: most tokens */
		if (n > cap)
			return 0;
		for (i = 0; i < n; i++)
			out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		return n;
	}
	utf8proc_uint8_t *f = NULL;
	int flags = UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE;
	if (strip_marks)
		flags |= UTF8PROC_STRIPMARK;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f, flags);
	size_t r = 0;
	if (len > 0 && (size_t)len <= cap) {
		memcpy(out, f, (size_t)len);
		r = (size_t)len;
	}
	free(f);
	return r;
}

size_t text_fold(const char *s, size_t n, char *out, size_t cap)
{
	return fold_into(s, n, 1, out, cap);
}

struct tokenizer {
	const char *s;
	size_t n;
	uint32_t pos;
	int (*fn)(const struct text_token *, void *);
	void *arg;
	char joined[JOINED_MAX];
	size_t joined_len;
	int parts; /* parts of the current hyphenated compound */
	uint32_t joined_pos;
	size_t joined_off;
};

static int emit(struct tokenizer *t, size_t off, size_t end, uint32_t pos, const char *lower, size_t nlower,
		const char *folded, size_t nfolded)
{
	struct text_token tok = {folded, nfolded, lower, nlower, off, end, pos};
	return t->fn(&tok, t->arg);
}

/* Emits s[off, end) as one token at the next position. */
static int word(struct tokenizer *t, size_t off, size_t end)
{
	char lower[TEXT_TOKEN_MAX], folded[TEXT_TOKEN_MAX];
	size_t nl = fold_into(t->s + off, end - off, 0, lower, sizeof lower);
	size_t nf = nl ? fold_into(lower, nl, 1, folded, sizeof folded) : 0;
	uint32_t pos = t->pos++;
	if (!nf)
		return 0;
	if (t->parts == 0) {
		t->joined_pos = pos;
		t->joined_off = off;
		t->joined_len = 0;
	}
	if (t->joined_len + nf <= sizeof t->joined) {
		memcpy(t->joined + t->joined_len, folded, nf);
		t->joined_len += nf;
	} else {
		t->joined_len = sizeof t->joined + 1; /* too long to join */
	}
	t->parts++;
	return emit(t, off, end, pos, lower, nl, folded, nf);
}

/* Ends a hyphenated compound: emits the joined parts. */
static int compound_end(struct tokenizer *t, size_t end)
{
	int stop = 0;
	if (t->parts > 1 && t->joined_len <= sizeof t->joined)
		stop = emit(t, t->joined_off, end, t->joined_pos, t->joined, t->joined_len, t->joined,
			    t->joined_len);
	t->parts = 0;
	return stop;
}

static utf8proc_int32_t cp_at(const struct tokenizer *t, size_t i, utf8proc_ssize_t *k)
{
	utf8proc_int32_t c = -1;
	*k = i < t->n ? utf8proc_iterate((const utf8proc_uint8_t *)t->s + i, (utf8proc_ssize_t)(t->n - i), &c)
		      : 0;
	if (*k <= 0) {
		*k = 1;
		return -1;
	}
	return c;
}

uint32_t text_tokenize(const char *s, size_t n, uint32_t first_pos,
		       int (*fn)(const struct text_token *, void *), void *arg)
{
	struct tokenizer t = {.s = s, .n = n, .pos = first_pos, .fn = fn, .arg = arg};
	size_t i = 0, start = 0;
	int in_word = 0;
	utf8proc_int32_t prev = -1;
	while (i <= n) {
		utf8proc_ssize_t k;
		utf8proc_int32_t c = i < n ? cp_at(&t, i, &k) : (k = 1, -1);
		if (c >= 0 && is_word_cp(c)) {
			if (!in_word)
				start = i;
			in_word = 1;
		} else if (in_word) {
			utf8proc_ssize_t k2;
			utf8proc_int32_t next = i + (size_t)k < n ? cp_at(&t, i + (size_t)k, &k2) : -1;
			int joins_next = next >= 0 && is_word_cp(next);
			if (joins_next && (c == '.' || c == ',') && is_digit(prev) && is_digit(next)) {
				prev = c; /* 4.0 and 1,5 stay one token */
				i += (size_t)k;
				continue;
			}
			if (word(&t, start, i))
				return t.pos;
			in_word = 0;
			if (!(joins_next && is_hyphen(c)) && compound_end(&t, i))
				return t.pos;
		}
		prev = c;
		i += (size_t)k;
	}
	compound_end(&t, n);
	return t.pos;
}
