/* Typo distance: optimal string alignment (Damerau-Levenshtein with adjacent
 * transpositions), over code points, abandoned as soon as every cell of a
 * row exceeds the bound. */
#include "index_int.h"

#include <stdlib.h>
#include <utf8proc.h>

#define TYPO_CPS TEXT_TOKEN_MAX /* a term has at most this many code points */

static size_t decode(const char *s, size_t n, int32_t *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < TYPO_CPS;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (step <= 0)
			break;
		out[k++] = c;
		i += (size_t)step;
	}
	return k;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

int index_typo_distance(const char *a, size_t na, const char *b, size_t nb, int max)
{
	int32_t x[TYPO_CPS], y[TYPO_CPS];
	size_t m = decode(a, na, x), n = decode(b, nb, y);
	if ((m > n ? m - n : n - m) > (size_t)max)
		return max + 1;
	int rows[3][TYPO_CPS + 1]; /* i-2, i-1, i */
	for (size_t j = 0; j <= n; j++)
		rows[0][j] = (int)j;
	for (size_t i = 1; i <= m; i++) {
		int *prev2 = rows[(i + 1) % 3], *prev = rows[(i + 2) % 3], *cur = rows[i % 3];
		/* row i lives in rows[i % 3] */
		cur[0] = (int)i;
		int best = cur[0];
		for (size_t j = 1; j <= n; j++) {
			int cost = x[i - 1] != y[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > max)
			return max + 1;
	}
	int d = rows[m % 3][n];
	return d > max ? max + 1 : d;
}

/* ---- searching the dictionary ----
 *
 * The sorted term list is walked as a trie: terms sharing a prefix form a
 * range of it, the children of a prefix are the distinct code points that
 * follow it, found by binary search. Each step extends the DP matrix of the
 * query against the prefix by one row; a prefix whose row is all above the
 * bound has no term within it, so its range is skipped whole. */

struct walk {
	const struct index *ix;
	const uint32_t *ids;
	const unsigned char (*heads)[8]; /* the sorted terms' first bytes */
	const char *text;                /* the sorted terms' bytes (index.sorted_text) */
	const uint32_t *end;             /* where each ends in text */
	int32_t q[TYPO_CPS];             /* the query, in code points */
	size_t nq;
	int max;
	int rows[TYPO_CPS + 2][TYPO_CPS + 1]; /* row d: the prefix's first d code points */
	int32_t path[TYPO_CPS + 1];           /* path[d]: the prefix's d-th code point (1-based) */
	void (*fn)(uint32_t term, int dist, void *arg);
	void *arg;
};

/* The text of the term at sorted position at, and its length. */
static const char *sorted_term(const struct walk *w, size_t at, size_t *len)
{
	uint32_t start = at ? w->end[at - 1] : 0;
	*len = w->end[at] - start;
	return w->text + start;
}

/* Code point of the term at sorted position at, at byte offset off (the
 * term is longer than off). */
static int32_t cp_at(const struct walk *w, size_t at, size_t off, size_t *len)
{
	size_t n;
	const char *t = sorted_term(w, at, &n);
	unsigned char b = (unsigned char)t[off];
	if (b < 0x80) { /* most terms are ASCII: no decoder call */
		*len = 1;
		return b;
	}
	utf8proc_int32_t c = -1;
	utf8proc_ssize_t k =
		utf8proc_iterate((const utf8proc_uint8_t *)t + off, (utf8proc_ssize_t)(n - off), &c);
	*len = k > 0 ? (size_t)k : 1;
	return c;
}

static int in_child(const struct walk *w, size_t at, size_t bytes, int32_t c)
{
	if (bytes < 8 && w->heads[at][bytes] < 0x80) /* ASCII (or the end: 0) */
		return w->heads[at][bytes] == c && c != 0;
	size_t len, n;
	sorted_term(w, at, &n);
	return n > bytes && cp_at(w, at, bytes, &len) == c;
}

/* The end of the run of ids[i, hi) whose code point at `bytes` is c (as
 * ids[i]'s is): galloping from i, since most runs are short, then a binary
 * search in the last gap. */
static size_t child_end(const struct walk *w, size_t i, size_t hi, size_t bytes, int32_t c)
{
	size_t lo = i + 1, end = hi; /* ids[lo - 1] is in the run */
	for (size_t gap = 1; lo < hi; gap *= 2) {
		size_t probe = lo + gap - 1 < hi ? lo + gap - 1 : hi - 1;
		if (!in_child(w, probe, bytes, c)) {
			end = probe; /* the run ends in [lo, probe] */
			break;
		}
		lo = probe + 1;
	}
	while (lo < end) {
		size_t mid = lo + (end - lo) / 2;
		if (in_child(w, mid, bytes, c))
			lo = mid + 1;
		else
			end = mid;
	}
	return lo;
}

/* Fills row d from row d-1 (and d-2 for transpositions); returns its minimum. */
static int step(struct walk *w, size_t d)
{
	int *cur = w->rows[d], *prev = w->rows[d - 1];
	cur[0] = (int)d;
	int best = cur[0];
	for (size_t j = 1; j <= w->nq; j++) {
		int cost = w->path[d] != w->q[j - 1];
		cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
		if (d > 1 && j > 1 && w->path[d] == w->q[j - 2] && w->path[d - 1] == w->q[j - 1] &&
		    w->rows[d - 2][j - 2] + 1 < cur[j])
			cur[j] = w->rows[d - 2][j - 2] + 1;
		if (cur[j] < best)
			best = cur[j];
	}
	return best;
}

/* Visits the terms of ids[lo, hi), which share a prefix of `bytes` bytes and
 * `d` code points whose DP row is rows[d]. */
static void walk(struct walk *w, size_t lo, size_t hi, size_t bytes, size_t d)
{
	size_t i = lo;
	size_t n;
	if (i < hi && (bytes < 8 ? w->heads[i][bytes] == 0 : (sorted_term(w, i, &n), n == bytes))) {
		/* the prefix is itself a term */
		int dist = w->rows[d][w->nq];
		if (dist <= w->max)
			w->fn(w->ids[i], dist, w->arg);
		i++;
	}
	if (d + 1 > TYPO_CPS || d + 1 > w->nq + (size_t)w->max)
		return;
	while (i < hi) {
		size_t clen = 1;
		int32_t c = bytes < 8 && w->heads[i][bytes] < 0x80 ? w->heads[i][bytes]
								   : cp_at(w, i, bytes, &clen);
		size_t a = child_end(w, i, hi, bytes, c); /* the child: ids[i, a) */
		w->path[d + 1] = c;
		if (step(w, d + 1) <= w->max)
			walk(w, i, a, bytes + clen, d + 1);
		i = a;
	}
}

void index_typo_terms(const struct index *ix, const char *s, size_t n, int max,
		      void (*fn)(uint32_t term, int dist, void *arg), void *arg)
{
	struct walk *w = malloc(sizeof *w);
	if (!w)
		return;
	w->ix = ix;
	w->ids = (const uint32_t *)(const void *)ix->sorted.data;
	w->heads = (const unsigned char(*)[8])(const void *)ix->heads.data;
	w->text = ix->sorted_text.data;
	w->end = (const uint32_t *)(const void *)ix->sorted_end.data;
	w->nq = decode(s, n, w->q);
	w->max = max;
	w->fn = fn;
	w->arg = arg;
	for (size_t j = 0; j <= w->nq; j++)
		w->rows[0][j] = (int)j;
	walk(w, 0, ix->nsorted, 0, 0);
	free(w);
	for (size_t id = ix->nsorted; id < term_count(ix); id++) { /* added since the last sort */
		int d = index_typo_distance(s, n, term_text(ix, (uint32_t)id), term_at(ix, (uint32_t)id)->len,
					    max);
		if (d <= max)
			fn((uint32_t)id, d, arg);
	}
}
