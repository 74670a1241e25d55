/* Snippets: the passage of a text with the most distinct query terms,
 * cut on word boundaries, HTML-escaped, with <mark> around each match. */
#include "index_int.h"

#include <string.h>

#define SNIPPET_WORDS 28 /* words in a passage */

struct word {
	size_t off, end;
	int term; /* index in the terms list, or -1 */
};

struct words {
	struct buf b; /* struct word[] */
	const struct ptrvec *terms;
	enum px_err err;
	size_t want;    /* distinct terms that make a window good enough; 0: read all */
	size_t stop_at; /* words after which to stop (a good window and its end); 0: none yet */
	size_t max;     /* words that may be read */
};

/* Distinct terms among the last SNIPPET_WORDS words of w[0..n). */
static size_t distinct_before(const struct word *w, size_t n)
{
	unsigned char seen[64] = {0};
	size_t k = 0;
	for (size_t i = n > SNIPPET_WORDS ? n - SNIPPET_WORDS : 0; i < n; i++)
		if (w[i].term >= 0 && (size_t)w[i].term < sizeof seen && !seen[w[i].term]++)
			k++;
	return k;
}

/* The index of w[0..n) in terms (sorted, see index_snippet), or -1. */
static int match(const struct ptrvec *terms, const char *w, size_t n)
{
	size_t lo = 0, hi = ptrvec_len(terms);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *t = ptrvec_get(terms, mid);
		int c = strncmp(t, w, n);
		if (c == 0)
			c = t[n] != '\0'; /* t is longer: it sorts after w */
		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int add_word(const struct text_token *tok, void *arg)
{
	struct words *ws = arg;
	struct word *w = (struct word *)(void *)ws->b.data;
	size_t n = ws->b.len / sizeof *w;
	if (n >= ws->max)
		return 1; /* the budget: the passage comes from the words read */
	int term = match(ws->terms, tok->folded, tok->nfolded);
	if (n && tok->off <= w[n - 1].off) { /* a compound's joined form, after its parts */
		if (term < 0)
			return 0;
		while (n && w[n - 1].off >= tok->off) /* it matched: one word, marked whole */
			n--;
		ws->b.len = n * sizeof *w;
	}
	struct word nw = {tok->off, tok->end, term};
	if ((ws->err = buf_add(&ws->b, &nw, sizeof nw)) != PX_OK)
		return 1;
	n++;
	/* A window with every query word is as good as any later one: read
	 * on only to fill it, not to the end of a long text. */
	if (ws->want && !ws->stop_at && term >= 0 &&
	    distinct_before((const struct word *)(const void *)ws->b.data, n) >= ws->want)
		ws->stop_at = n + SNIPPET_WORDS;
	return ws->stop_at && n >= ws->stop_at;
}

/* s[0..n) as HTML text on one line: line ends become spaces. */
static enum px_err escape(struct buf *out, const char *s, size_t n)
{
	enum px_err err = PX_OK;
	while (!err && n) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) : n;
		err = buf_add_html(out, s, k);
		if (!err && nl)
			err = buf_addc(out, ' ');
		k += nl != NULL;
		s += k;
		n -= k;
	}
	return err;
}

/* The start of the window of SNIPPET_WORDS words with the most distinct
 * terms (ties: the earliest). */
static size_t best_window(const struct word *w, size_t n, size_t nterms)
{
	size_t best = 0, best_score = 0;
	unsigned char seen[64];
	for (size_t start = 0; start < n; start++) {
		if (w[start].term < 0 && start > 0)
			continue; /* a window worth having starts at a match (or at the top) */
		memset(seen, 0, sizeof seen);
		size_t score = 0;
		for (size_t i = start; i < n && i < start + SNIPPET_WORDS; i++)
			if (w[i].term >= 0 && (size_t)w[i].term < sizeof seen && !seen[w[i].term]++)
				score++;
		if (score > best_score) {
			best_score = score;
			best = start > 3 ? start - 3 : 0; /* a little context before */
			if (score == nterms)
				break;
		}
	}
	return best;
}

char *index_snippet(const char *text, const struct ptrvec *terms, size_t want, size_t max_bytes,
		    size_t *words)
{
	struct words ws = {{0}, terms, PX_OK, want, 0, *words};
	buf_init(&ws.b, BUF_CAP_DEFAULT);
	size_t len = strlen(text);
	text_tokenize(text, len, 0, add_word, &ws);
	const struct word *w = (const struct word *)(const void *)ws.b.data;
	size_t n = ws.b.len / sizeof *w;
	*words = n;
	struct buf out;
	buf_init(&out, BUF_CAP_DEFAULT);
	enum px_err err = ws.err;
	if (!err && n) {
		size_t start = best_window(w, n, ptrvec_len(terms)), end = start;
		if (start > 0)
			err = buf_adds(&out, "… ");
		size_t at = w[start].off;
		for (size_t i = start; !err && i < n && i < start + SNIPPET_WORDS && out.len < max_bytes;
		     i++) {
			err = escape(&out, text + at, w[i].off - at);
			if (!err && w[i].term >= 0)
				err = buf_adds(&out, "<mark>");
			if (!err)
				err = escape(&out, text + w[i].off, w[i].end - w[i].off);
			if (!err && w[i].term >= 0)
				err = buf_adds(&out, "</mark>");
			at = w[i].end;
			end = i + 1;
		}
		if (!err && end < n)
			err = buf_adds(&out, " …");
		else if (!err && at < len) /* closing punctuation of the text */
			err = escape(&out, text + at, len - at);
	}
	buf_free(&ws.b);
	char *r = err ? NULL : buf_take(&out);
	buf_free(&out);
	return r;
}
