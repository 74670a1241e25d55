/* Typo distance: optimal string alignment (Damerau-Levenshtein with adjacent
 * transpositions), over code points, abandoned as soon as every cell of a
 * row exceeds the bound. */
#include "index_int.h"

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
