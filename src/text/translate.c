/* Term translations: the bilingual dictionaries of Debian's FreeDict,
 * turned by tools/gen_translations.py into one table that
 * translate_data.S embeds in the binary. The table is only read, so any
 * number of threads may translate at once; a call allocates nothing.
 *
 * Table format (build/gen/translations.bin), all integers little-endian u32:
 *
 *   offset               size         what
 *   0                    4            magic "PXTR"
 *   4                    4            version, 2
 *   8                    4            nlang: languages (1..32)
 *   12                   4            nword: (word, language) entries (< 2^24)
 *   16                   4            nedge: translations (< 2^27)
 *   20                   4            npool: bytes of the word pool
 *   24                   4            size: bytes of the whole table
 *   28                   4            reserved, 0
 *   32                   4*nlang      language codes: ISO 639-1, NUL-padded ("es\0\0")
 *   L = 32+4*nlang       8*(nword+1)  words, sorted by (folded word bytes, language):
 *                                       u32 word: offset in the pool
 *                                       u32 edge: first translation (low 27 bits),
 *                                                 language index (high 5 bits)
 *                                     then a sentinel {0, nedge}: word i's
 *                                     translations are edges [edge(i), edge(i+1))
 *   E = L+8*(nword+1)    4*nedge      translations, best first: u32 target word
 *                                     index (low 24 bits), flags (high 8 bits):
 *                                     1 = inverse (read off a dictionary of the
 *                                     other direction), 2 = pivot (through a
 *                                     third language; ordered after direct ones)
 *   P = E+4*nedge        npool        words: u8 length (1..64), then the folded
 *                                     UTF-8 bytes, then u8 length (0..64) and
 *                                     the UTF-8 bytes of the word as the
 *                                     dictionary writes it, accents and case
 *                                     kept (length 0: the folded bytes are
 *                                     the written form); shared by every
 *                                     language that writes the word alike
 *
 * size must equal both the sum above and the embedded length. The table is
 * checked in full once (counts, offsets, order, targets) before any lookup:
 * a table that fails gives no translations. text_translate() has no way to
 * pass the flags on, so the ranking they allow is by order only: a word's
 * direct translations come before its inverse, then its pivot ones. */
#include "text.h"

#include <pthread.h>
#include <string.h>

#define MAGIC       "PXTR"
#define VERSION     2u
#define HEADER      32u
#define MAX_LANGS   32u
#define WORD_BITS   24 /* an edge's target */
#define EDGE_BITS   27 /* a word's first edge */
#define FLAGS_SHIFT 24
#define LANG_SHIFT  27
#define STEM_LONGER 4   /* a dictionary form is at most this much longer than its stem */
#define STEM_WORDS_MAX 512 /* words looked at for one stem: the cost of a lookup */

/* The table, from translate_data.S. */
extern const unsigned char text_translations_start[];
extern const unsigned char text_translations_end[];

/* Exported for the unit tests only (no header: nothing else may call it).
 * text_translate() over the table t[0..size), checked on every call. */
size_t text_translate_table(const unsigned char *t, size_t size, const char *w, size_t n,
			    void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg);

struct table {
	const unsigned char *langs; /* nlang codes of 4 bytes */
	const unsigned char *words; /* nword + 1 entries of 8 bytes */
	const unsigned char *edges; /* nedge entries of 4 bytes */
	const unsigned char *pool;  /* npool bytes */
	uint32_t nlang, nword, nedge, npool;
};

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t word_off(const struct table *tb, uint32_t i)
{
	return u32(tb->words + 8 * (size_t)i);
}

static uint32_t word_edge(const struct table *tb, uint32_t i)
{
	return u32(tb->words + 8 * (size_t)i + 4) & ((1u << EDGE_BITS) - 1);
}

static uint32_t word_lang(const struct table *tb, uint32_t i)
{
	return u32(tb->words + 8 * (size_t)i + 4) >> LANG_SHIFT;
}

/* Compares word i of the table with w[0..n) as memcmp() would the bytes. */
static int word_cmp(const struct table *tb, uint32_t i, const char *w, size_t n)
{
	const unsigned char *p = tb->pool + word_off(tb, i);
	size_t len = p[0];
	int c = memcmp(p + 1, w, len < n ? len : n);
	return c ? c : (len > n) - (len < n);
}

/* Fills tb from t[0..size); 0 if the table is sound, -1 if not. Checks
 * everything a lookup relies on, so lookups need no bounds checks. */
static int table_open(struct table *tb, const unsigned char *t, size_t size)
{
	if (size < HEADER || memcmp(t, MAGIC, 4) || u32(t + 4) != VERSION || u32(t + 28))
		return -1;
	uint32_t nlang = u32(t + 8), nword = u32(t + 12), nedge = u32(t + 16), npool = u32(t + 20);
	if (!nlang || nlang > MAX_LANGS || nword >= 1u << WORD_BITS || nedge >= 1u << EDGE_BITS ||
	    u32(t + 24) != size)
		return -1;
	uint64_t want = HEADER + 4ull * nlang + 8ull * ((uint64_t)nword + 1) + 4ull * nedge + npool;
	if (want != size)
		return -1;
	tb->nlang = nlang, tb->nword = nword, tb->nedge = nedge, tb->npool = npool;
	tb->langs = t + HEADER;
	tb->words = tb->langs + 4 * (size_t)nlang;
	tb->edges = tb->words + 8 * ((size_t)nword + 1);
	tb->pool = tb->edges + 4 * (size_t)nedge;
	for (uint32_t l = 0; l < nlang; l++) {
		const unsigned char *c = tb->langs + 4 * l;
		if (c[0] < 'a' || c[0] > 'z' || c[1] < 'a' || c[1] > 'z' || c[2] || c[3])
			return -1;
	}
	uint32_t prev_edge = 0;
	for (uint32_t i = 0; i <= nword; i++) {
		uint32_t e = word_edge(tb, i);
		if (e < prev_edge || e > nedge)
			return -1;
		prev_edge = e;
		if (i == nword)
			break;
		uint32_t off = word_off(tb, i);
		if (off >= npool || !tb->pool[off] || tb->pool[off] > TEXT_TOKEN_MAX ||
		    tb->pool[off] > npool - off - 2 || word_lang(tb, i) >= nlang)
			return -1;
		uint32_t form = off + 1 + tb->pool[off]; /* the written form's length byte */
		if (tb->pool[form] > TEXT_TOKEN_MAX || tb->pool[form] > npool - form - 1)
			return -1;
		if (i > 0) { /* sorted by (word, language), no duplicates */
			const unsigned char *p = tb->pool + off;
			int c = word_cmp(tb, i - 1, (const char *)p + 1, p[0]);
			if (c > 0 || (c == 0 && word_lang(tb, i - 1) >= word_lang(tb, i)))
				return -1;
		}
	}
	if (word_edge(tb, nword) != nedge || word_off(tb, nword) || word_lang(tb, nword))
		return -1;
	for (uint32_t e = 0; e < nedge; e++)
		if ((u32(tb->edges + 4 * (size_t)e) & ((1u << WORD_BITS) - 1)) >= nword)
			return -1;
	return 0;
}

/* The first word of tb that is >= w[0..n). */
static uint32_t lower_bound(const struct table *tb, const char *w, size_t n)
{
	uint32_t lo = 0, hi = tb->nword;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (word_cmp(tb, mid, w, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Calls fn for every translation of word i of tb; returns how many. */
static size_t translations_of(const struct table *tb, uint32_t i,
			      void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg)
{
	const char *from = (const char *)tb->langs + 4 * word_lang(tb, i);
	size_t calls = 0;
	for (uint32_t e = word_edge(tb, i); e < word_edge(tb, i + 1); e++) {
		uint32_t to = u32(tb->edges + 4 * (size_t)e) & ((1u << WORD_BITS) - 1);
		const unsigned char *p = tb->pool + word_off(tb, to);
		fn(from, (const char *)tb->langs + 4 * word_lang(tb, to), (const char *)p + 1, p[0], arg);
		calls++;
	}
	return calls;
}

/* Calls fn for every translation of w[0..n) in the checked table tb. */
static size_t lookup(const struct table *tb, const char *w, size_t n,
		     void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg)
{
	if (!n || n > TEXT_TOKEN_MAX)
		return 0;
	size_t calls = 0;
	for (uint32_t i = lower_bound(tb, w, n); i < tb->nword && !word_cmp(tb, i, w, n); i++)
		calls += translations_of(tb, i, fn, arg);
	return calls;
}

/* Calls fn for the translations of the words of language lang that begin
 * with stem[0..n), are at most STEM_LONGER bytes longer, and have that stem
 * in lang; looks at STEM_WORDS_MAX words at most. With fn NULL, stops at
 * the first such word that has translations and returns 1. */
static size_t lookup_stem(const struct table *tb, struct text_stem *ts, const char *lang, const char *stem,
			  size_t n, void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg)
{
	size_t calls = 0, seen = 0;
	for (uint32_t i = lower_bound(tb, stem, n); i < tb->nword && seen < STEM_WORDS_MAX; i++, seen++) {
		const unsigned char *p = tb->pool + word_off(tb, i);
		if (p[0] < n || memcmp(p + 1, stem, n))
			break; /* past the words that begin with stem */
		char s[TEXT_TOKEN_MAX];
		if (p[0] > n + STEM_LONGER || strcmp((const char *)tb->langs + 4 * word_lang(tb, i), lang) ||
		    text_stem(ts, lang, (const char *)p + 1, p[0], s, sizeof s) != n || memcmp(s, stem, n))
			continue;
		if (!fn && word_edge(tb, i) < word_edge(tb, i + 1))
			return 1;
		calls += fn ? translations_of(tb, i, fn, arg) : 0;
	}
	return calls;
}

static struct table embedded;
static int embedded_ok;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void embedded_open(void)
{
	size_t size = (size_t)(text_translations_end - text_translations_start);
	embedded_ok = table_open(&embedded, text_translations_start, size) == 0;
}

size_t text_translate(const char *w, size_t n,
		      void (*fn)(const char *from_lang, const char *to_lang, const char *word, size_t len,
				 void *arg),
		      void *arg)
{
	pthread_once(&once, embedded_open);
	return embedded_ok ? lookup(&embedded, w, n, fn, arg) : 0;
}

size_t text_translate_stem(struct text_stem *ts, const char *lang, const char *stem, size_t n,
			   void (*fn)(const char *from_lang, const char *to_lang, const char *word, size_t len,
				      void *arg),
			   void *arg)
{
	pthread_once(&once, embedded_open);
	if (!embedded_ok || !n || n > TEXT_TOKEN_MAX)
		return 0;
	return lookup_stem(&embedded, ts, lang, stem, n, fn, arg);
}

size_t text_translate_langs(const char *w, size_t n, void (*fn)(const char *lang, void *arg), void *arg)
{
	pthread_once(&once, embedded_open);
	if (!embedded_ok || !n || n > TEXT_TOKEN_MAX)
		return 0;
	const struct table *tb = &embedded;
	size_t k = 0;
	for (uint32_t i = lower_bound(tb, w, n); i < tb->nword && !word_cmp(tb, i, w, n); i++)
		if (word_edge(tb, i) < word_edge(tb, i + 1) && ++k)
			fn((const char *)tb->langs + 4 * word_lang(tb, i), arg);
	return k;
}

int text_translate_begins(const char *w, size_t n)
{
	pthread_once(&once, embedded_open);
	if (!embedded_ok || n > TEXT_TOKEN_MAX)
		return 0;
	uint32_t i = lower_bound(&embedded, w, n);
	if (i >= embedded.nword)
		return 0;
	const unsigned char *p = embedded.pool + word_off(&embedded, i);
	return p[0] >= n && !memcmp(p + 1, w, n);
}

int text_translate_stem_known(struct text_stem *ts, const char *lang, const char *stem, size_t n)
{
	pthread_once(&once, embedded_open);
	return embedded_ok && n && n <= TEXT_TOKEN_MAX && lookup_stem(&embedded, ts, lang, stem, n, NULL, NULL);
}

size_t text_translate_form(const char *w, size_t n, const char **form)
{
	pthread_once(&once, embedded_open);
	const unsigned char *p = (const unsigned char *)w;
	*form = w;
	if (!embedded_ok || p <= embedded.pool || p + n >= embedded.pool + embedded.npool || p[-1] != n)
		return n; /* not a word of the table */
	if (p[n]) /* table_open() checked that it fits */
		*form = w + n + 1;
	return p[n] ? p[n] : n;
}

size_t text_translate_table(const unsigned char *t, size_t size, const char *w, size_t n,
			    void (*fn)(const char *, const char *, const char *, size_t, void *), void *arg)
{
	struct table tb;
	if (!t || table_open(&tb, t, size))
		return 0;
	return lookup(&tb, w, n, fn, arg);
}
