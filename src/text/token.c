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

#include <pthread.h>
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

static const int fold_flags = UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE;

/* utf8proc_map's folding of each code point of two UTF-8 bytes (Latin,
 * Greek, Cyrillic, ...), made once, so that the common words skip its
 * allocation and decomposition. Folding a word is folding its code points
 * one by one as long as none is a combining mark (marks compose with, and
 * reorder against, their neighbours): words with one take the slow path. */
#define FOLD2_FIRST 0x80
#define FOLD2_END   0x800
#define FOLD2_MAX   6 /* longer results take the slow path too */

struct fold2 {
	uint8_t n[2]; /* bytes of [0] lower, [1] without marks; 0: slow path */
	char s[2][FOLD2_MAX];
};

static struct fold2 fold2[FOLD2_END - FOLD2_FIRST];
static pthread_once_t fold2_once = PTHREAD_ONCE_INIT;

static void fold2_entry(utf8proc_int32_t c, struct fold2 *e)
{
	utf8proc_category_t cat = utf8proc_category(c);
	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME)
		return;
	utf8proc_uint8_t in[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, in);
	for (int strip = 0; strip < 2; strip++) {
		utf8proc_uint8_t *f = NULL;
		utf8proc_ssize_t len =
			utf8proc_map(in, k, &f, fold_flags | (strip ? UTF8PROC_STRIPMARK : 0));
		if (len > 0 && len <= FOLD2_MAX) {
			memcpy(e->s[strip], f, (size_t)len);
			e->n[strip] = (uint8_t)len;
		}
		free(f);
	}
	if (!e->n[0] || !e->n[1])
		e->n[0] = e->n[1] = 0;
}

static void fold2_init(void)
{
	for (utf8proc_int32_t c = FOLD2_FIRST; c < FOLD2_END; c++)
		fold2_entry(c, &fold2[c - FOLD2_FIRST]);
}

/* The fast path: ASCII and two-byte code points through the table. Returns
 * the length, 0 when the word needs utf8proc_map (or does not fit). */
static size_t fold_fast(const char *s, size_t n, int strip, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (o == cap)
				return 0;
			out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		}
		if (b < 0xc2 || b > 0xdf || i + 1 == n || ((unsigned char)s[i + 1] & 0xc0) != 0x80)
			return 0;
		const struct fold2 *e = &fold2[((b & 0x1f) << 6 | ((unsigned char)s[i + 1] & 0x3f)) - FOLD2_FIRST];
		if (!e->n[strip] || cap - o < e->n[strip])
			return 0;
		memcpy(out + o, e->s[strip], e->n[strip]);
		o += e->n[strip];
		i += 2;
	}
	return o;
}

/* Folds s[0..n) into out (cap bytes): case folded + NFKC, and with
 * strip_marks also without combining marks. Returns the length, 0 when the
 * result does not fit (the token is then dropped: no real word is that long). */
static size_t fold_into(const char *s, size_t n, int strip_marks, char *out, size_t cap)
{
	pthread_once(&fold2_once, fold2_init);
	size_t fast = fold_fast(s, n, strip_marks != 0, out, cap);
	if (fast || n == 0)
		return fast;
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
					    fold_flags | (strip_marks ? UTF8PROC_STRIPMARK : 0));
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
	if (i < t->n && (unsigned char)t->s[i] < 0x80) { /* most text: no decoder call */
		*k = 1;
		return (unsigned char)t->s[i];
	}
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
