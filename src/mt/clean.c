/* What Apertium gives back, made fit to show (mt.h): the source's
 * markup (see mt_clean) between translated texts without Apertium's
 * marks. */
#include "mt.h"

#include <string.h>

/* The next tag at or after *p in s[0..n): its start and length; 0 when
 * there is none (*p then at the end). */
static int next_tag(const char *s, size_t n, size_t *p, size_t *start, size_t *len)
{
	const char *lt = *p < n ? memchr(s + *p, '<', n - *p) : NULL;
	if (!lt) {
		*p = n;
		return 0;
	}
	const char *gt = memchr(lt, '>', (size_t)(s + n - lt));
	*start = (size_t)(lt - s);
	*len = gt ? (size_t)(gt - lt) + 1 : n - *start;
	*p = *start + *len;
	return 1;
}

static int word_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int entity_at(const char *s, size_t n)
{
	size_t i = 1;
	while (i < n && i < 12 && (word_char((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '#'))
		i++;
	return i > 1 && i < n && s[i] == ';';
}

/* The text t[0..n) between two tags: marks off; '>', quotes and a bare
 * '&' escaped. A mark is one of *#@ starting a word, before a letter: so
 * "#1" and "a@b" stay. */
static enum px_err add_text(struct buf *res, const char *t, size_t n)
{
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n; i++) {
		char c = t[i];
		int starts = i == 0 || !(word_char((unsigned char)t[i - 1]) || (t[i - 1] >= '0' && t[i - 1] <= '9') ||
					 strchr("*#@", t[i - 1]));
		if (strchr("*#@", c) && c && starts) {
			size_t j = i;
			while (j < n && strchr("*#@", t[j]) && t[j])
				j++;
			if (j < n && word_char((unsigned char)t[j])) {
				i = j - 1;
				continue;
			}
		}
		if (c == ' ' && i > 0 && t[i - 1] == ' ' && i + 1 < n && t[i + 1] != ' ')
			continue; /* Apertium doubles a space here and there */
		if (c == '>')
			err = buf_adds(res, "&gt;");
		else if (c == '\'') /* as html_markdown() leaves none */
			err = buf_adds(res, "&#39;");
		else if (c == '"')
			err = buf_adds(res, "&quot;");
		else if (c == '&' && !entity_at(t + i, n - i))
			err = buf_adds(res, "&amp;");
		else
			err = buf_addc(res, c);
	}
	return err;
}

/* Inline markup, which Apertium may repeat or move with the words it
 * wraps ("a <a>new bike lane</a>" becomes "un <a>camino</a> de <a>bici
 * nueva</a>"); a comment (cmark's "raw HTML omitted") counts as one. */
static int inline_tag(const char *t, size_t n, int *opens)
{
	static const char *const names[] = {"a",   "em", "strong", "code", "del", "ins", "img", "br", "b",
					    "i",   "span", "sup", "sub", "s",   "u",   "q",   "small", "mark"};
	*opens = 0;
	if (n >= 4 && !memcmp(t, "<!--", 4))
		return 1;
	size_t i = t[1] == '/' ? 2 : 1, k = i;
	while (k < n && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= '0' && t[k] <= '9')))
		k++;
	for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
		if (strlen(names[j]) == k - i && !memcmp(t + i, names[j], k - i)) {
			*opens = i == 2 ? -1 : t[n - 2] == '/' || !strcmp(names[j], "img") || !strcmp(names[j], "br") ? 0 : 1;
			return 1;
		}
	return 0;
}

/* The next tag of s[0..n) from *p that is not inline; 0 when none. */
static int next_block_tag(const char *s, size_t n, size_t *p, size_t *start, size_t *len)
{
	int opens;
	while (next_tag(s, n, p, start, len))
		if (!inline_tag(s + *start, *len, &opens))
			return 1;
	return 0;
}

/* The checks: every block tag of out is the source's, in order; an
 * inline tag is one the source has, as written, opened and closed within
 * its block. So nothing but the source's markup ever comes out, and the
 * document's pieces (web/translation.c) are where they were. */
enum px_err mt_clean(const char *src, size_t slen, const char *out, size_t olen, struct buf *res)
{
	size_t sp = 0, op = 0, s0 = 0, sl = 0, o0 = 0, ol = 0, before = res->len;
	long depth = 0;
	enum px_err err = PX_OK;
	for (;;) {
		size_t from = op;
		int opens, ot = next_tag(out, olen, &op, &o0, &ol);
		if (ot && inline_tag(out + o0, ol, &opens)) {
			if (!memmem(src, slen, out + o0, ol) || (depth += opens) < 0) {
				err = PX_EPARSE;
				break;
			}
		} else {
			int st = next_block_tag(src, slen, &sp, &s0, &sl);
			if (st != ot || depth || (st && (sl != ol || memcmp(src + s0, out + o0, sl)))) {
				err = PX_EPARSE;
				break;
			}
		}
		err = add_text(res, out + from, (ot ? o0 : olen) - from);
		if (!err && ot)
			err = buf_add(res, out + o0, ol);
		if (err || !ot)
			break;
	}
	if (err && res->data) { /* nothing half-written */
		res->len = before;
		res->data[before] = '\0';
	}
	return err;
}
