/* The store's SQL in PostgreSQL's spelling (pg_sql_translate, for db_pg.c).
 *
 * The store writes SQLite's spelling (db.h): parameters ?N and bare ?, and
 * temporary tables as temp.NAME. PostgreSQL wants $N and pg_temp.NAME.
 * The rewrite walks the text with PostgreSQL's lexical rules for what must
 * not be touched:
 *   '...'        a string ('' inside); E'...' also takes backslash escapes
 *   "..."        an identifier ("" inside)
 *   $tag$...$tag$  a dollar-quoted string (a function body in schema_pg.c)
 *   -- ...       a comment to the end of the line
 *   slash-star   a block comment, nested as PostgreSQL nests them
 * and, outside those:
 *   ?N           -> $N (1 <= N <= PG_SQL_MAX_PARAM)
 *   ?            -> $k, k one more than the largest number so far (SQLite's
 *                rule: "?3, ?" is "$3, $4")
 *   temp.NAME    -> pg_temp.NAME (the word temp in any case, not after a dot)
 * An unterminated string or comment runs to the end, as the server will
 * say. Refused: a NUL byte, ?0, a number past the limit, and a $N already
 * in PostgreSQL's spelling (the two numberings would mix). Not rewritten:
 * PostgreSQL's jsonb operators ? ?| ?& (the store does not use them). */
#include "db_pg.h"

#include <string.h>

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '$' || c >= 0x80;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The end of the quoted run that starts at s[i] (a quote q), past its
 * closing quote, or n. A doubled quote is one inside; with backslash, \x
 * is one character too (E'...'). */
static size_t quoted_end(const char *s, size_t n, size_t i, char q, int backslash)
{
	for (size_t j = i + 1; j < n; j++) {
		if (backslash && s[j] == '\\')
			j++;
		else if (s[j] == q) {
			if (j + 1 < n && s[j + 1] == q)
				j++;
			else
				return j + 1;
		}
	}
	return n;
}

/* The end of the comment that starts at s[i] ("--" or a slash-star), or n. */
static size_t comment_end(const char *s, size_t n, size_t i)
{
	if (s[i] == '-') {
		const char *nl = memchr(s + i, '\n', n - i);
		return nl ? (size_t)(nl - s) + 1 : n;
	}
	int depth = 0;
	for (size_t j = i; j + 1 < n; j++) {
		if (s[j] == '/' && s[j + 1] == '*') {
			depth++;
			j++;
		} else if (s[j] == '*' && s[j + 1] == '/') {
			j++;
			if (--depth == 0)
				return j + 1;
		}
	}
	return n;
}

/* If s[i] opens a dollar-quoted string ($$ or $tag$), its end past the
 * closing tag (or n); else 0. A tag is a word that does not start with a
 * digit and holds no $. */
static size_t dollar_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	if (j < n && is_digit((unsigned char)s[j]))
		return 0;
	while (j < n && s[j] != '$' && is_word_char((unsigned char)s[j]))
		j++;
	if (j >= n || s[j] != '$')
		return 0;
	size_t tag = j + 1 - i; /* $tag$, both dollars */
	for (size_t k = j + 1; k + tag <= n; k++)
		if (s[k] == '$' && !memcmp(s + k, s + i, tag))
			return k + tag;
	return n;
}

static int is_temp(const char *w, size_t len)
{
	return len == 4 && (w[0] | 0x20) == 't' && (w[1] | 0x20) == 'e' && (w[2] | 0x20) == 'm' &&
	       (w[3] | 0x20) == 'p';
}

/* The parameter at s[i] ('?'): its number in *k, 0 when refused (*why
 * says why); returns its end. max is the largest number so far. */
static size_t parameter(const char *s, size_t n, size_t i, int max, int *k, const char **why)
{
	size_t j = i + 1;
	long v = (long)max + 1; /* a bare ? */
	if (j < n && is_digit((unsigned char)s[j]))
		for (v = 0; j < n && is_digit((unsigned char)s[j]); j++)
			if ((v = v * 10 + (s[j] - '0')) > PG_SQL_MAX_PARAM)
				v = PG_SQL_MAX_PARAM + 1; /* stays past the limit, never overflows */
	*why = v < 1                  ? "parameter ?0: they count from ?1"
	       : v > PG_SQL_MAX_PARAM ? "a parameter numbered past the limit"
				      : NULL;
	*k = *why ? 0 : (int)v;
	return j;
}

enum px_err pg_sql_translate(const char *sql, size_t n, struct buf *out, int *nparams, const char **why)
{
	int max = 0;
	*nparams = 0;
	*why = NULL;
	if (memchr(sql, '\0', n)) {
		*why = "a NUL byte in SQL";
		return PX_EPARSE;
	}
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)sql[i];
		size_t end = i + 1;
		enum px_err err = PX_OK;
		if (c == '?') {
			int k;
			end = parameter(sql, n, i, max, &k, why);
			if (!k)
				return PX_EPARSE;
			max = k > max ? k : max;
			if ((err = buf_printf(out, "$%d", k)))
				return err;
			i = end;
			continue;
		}
		if (c == '\'' || c == '"')
			end = quoted_end(sql, n, i, (char)c, 0);
		else if ((c == '-' || c == '/') && i + 1 < n && sql[i + 1] == (c == '-' ? '-' : '*'))
			end = comment_end(sql, n, i);
		else if (c == '$' && i + 1 < n && is_digit((unsigned char)sql[i + 1])) {
			*why = "a $N parameter: the store writes ?N";
			return PX_EPARSE;
		} else if (c == '$') {
			size_t d = dollar_end(sql, n, i);
			end = d ? d : i + 1;
		} else if (is_word_char(c)) {
			while (end < n && is_word_char((unsigned char)sql[end]))
				end++;
			if (is_temp(sql + i, end - i) && end < n && sql[end] == '.' &&
			    (i == 0 || sql[i - 1] != '.'))
				err = buf_adds(out, "pg_");
			else if (end - i == 1 && (c | 0x20) == 'e' && end < n && sql[end] == '\'')
				end = quoted_end(sql, n, end, '\'', 1); /* E'...': the E and the string */
		}
		if (err || (err = buf_add(out, sql + i, end - i)))
			return err;
		i = end;
	}
	*nparams = max;
	return PX_OK;
}
