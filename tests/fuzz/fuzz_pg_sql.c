/* libFuzzer target: the store's SQL rewritten in PostgreSQL's spelling
 * (pg_sql_translate, store/db_pg_sql.c). Properties: nothing reads or
 * writes out of bounds; a refusal says why and counts no parameter; an
 * accepted text has no NUL, at most 6 bytes per input byte ("?" -> "$32766"),
 * and consistent parameters: each '?' that left was written as one "$N"
 * (strings and comments are copied, so what they hold counts on both
 * sides), the count is 0 when none was written, else a "$count" is there
 * and no "$N" past it came from a '?'; the same input into a buffer one
 * byte too small fails cleanly. */
#include "store/db_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t count_char(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* How many "$" followed by a digit in s[0..n). */
static size_t count_dollar_digit(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i + 1 < n; i++)
		k += s[i] == '$' && s[i + 1] >= '0' && s[i + 1] <= '9';
	return k;
}

/* Does s[0..n) hold "$k" not followed by a digit? */
static int has_parameter(const char *s, size_t n, int k)
{
	char p[16];
	int len = snprintf(p, sizeof p, "$%d", k);
	for (const char *at = s; (at = memmem(at, n - (size_t)(at - s), p, (size_t)len)); at++)
		if (at + len == s + n || at[len] < '0' || at[len] > '9')
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	const char *in = (const char *)data;
	struct buf out;
	int n = -1;
	const char *why = NULL;
	buf_init(&out, BUF_CAP_DEFAULT);
	enum px_err err = pg_sql_translate(in, size, &out, &n, &why);
	if (err == PX_EPARSE) {
		if (!why || !*why || n != 0)
			abort();
		buf_free(&out);
		return 0;
	}
	if (err != PX_OK || why || n < 0 || n > PG_SQL_MAX_PARAM)
		abort();
	const char *o = out.data ? out.data : "";
	if (strlen(o) != out.len || out.len > 6 * size)
		abort();
	size_t written = count_char(in, size, '?') - count_char(o, out.len, '?');
	if (count_char(o, out.len, '?') > count_char(in, size, '?') ||
	    count_dollar_digit(o, out.len) - count_dollar_digit(in, size) != written)
		abort();
	if ((written == 0) != (n == 0) || (n && !has_parameter(o, out.len, n)))
		abort();
	if (n && n < PG_SQL_MAX_PARAM && has_parameter(o, out.len, n + 1) && !has_parameter(in, size, n + 1))
		abort();
	if (out.len) {
		struct buf small;
		int n2;
		buf_init(&small, out.len - 1);
		if (pg_sql_translate(in, size, &small, &n2, &why) != PX_ETOOBIG)
			abort();
		buf_free(&small);
	}
	buf_free(&out);
	return 0;
}
