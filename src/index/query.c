/* The query language, read by a cursor over the query text:
 *
 *   word            must occur (inflected forms, typos and, for the last
 *                   word when the text does not end in a space, words it
 *                   begins, count too)
 *   "two words"     a phrase: the words next to each other, in order
 *   -word -"a b"    must not occur
 *   a OR b          either (binds tighter than the implicit AND)
 *   field:value     a filter, as --filter field=value (value may be quoted)
 *
 * Stop words of any EU language are optional, unless the query has nothing
 * else. Everything else in the text is a separator.
 *
 * A query of more than QUERY_TERMS_MAX words, or with a phrase of more than
 * QUERY_WORDS_MAX, is refused with PX_ETOOBIG (search_int.h). */
#include "search_int.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct word_sink {
	struct qunit *unit;
	enum px_err err;
	uint32_t last_pos;
	int any;
	int overflow; /* 1: the unit had more than QUERY_WORDS_MAX words */
};

/* The messages of the limits, as the web translates them (listing.c lists
 * them for the catalogue). */
#define TOO_MANY_TERMS   "The query has too many words (at most 32)."
#define PHRASE_TOO_LONG  "A phrase has too many words (at most 16)."

/* Adds a token to the unit; a compound's joined form replaces its parts
 * (documents index the joined form too, so one exact word suffices). */
static int add_token(const struct text_token *tok, void *arg)
{
	struct word_sink *s = arg;
	struct qunit *u = s->unit;
	if (tok->nfolded > sizeof u->words[0].folded || tok->nlower > sizeof u->words[0].lower)
		return 0; /* a joined compound longer than a word: its parts stand */
	if (s->any && tok->pos <= s->last_pos) {
		while (u->nwords > 0 && u->words[u->nwords - 1].pos >= tok->pos)
			u->nwords--;
	}
	if (u->nwords >= QUERY_WORDS_MAX) {
		s->overflow = 1;
		return 1;
	}
	struct qword *w = &u->words[u->nwords++];
	memset(w, 0, sizeof *w);
	memcpy(w->folded, tok->folded, tok->nfolded);
	w->nfolded = tok->nfolded;
	memcpy(w->lower, tok->lower, tok->nlower);
	w->nlower = tok->nlower;
	w->pos = tok->pos;
	s->last_pos = tok->pos;
	s->any = 1;
	return 0;
}

static struct qunit *new_unit(struct query *q)
{
	if (q->nunits >= QUERY_UNITS_MAX)
		return NULL;
	struct qunit *u = &q->units[q->nunits++];
	memset(u, 0, sizeof *u);
	u->group = q->ngroups;
	return u;
}

static enum px_err reject_limit(struct buf *why, const char *msg)
{
	buf_reject(why, "%s", msg);
	return PX_ETOOBIG;
}

/* Reads one item (word, phrase or filter) at *p; returns the unit made or
 * NULL (a filter, or nothing). */
static enum px_err read_item(struct query *q, const char **p, int negated, int *made, struct buf *why)
{
	const char *s = *p;
	*made = 0;
	const char *colon = NULL, *e = s;
	if (*s == '"') {
		const char *close = strchr(s + 1, '"');
		e = close ? close : s + strlen(s);
		struct qunit *u = new_unit(q);
		if (!u)
			return reject_limit(why, TOO_MANY_TERMS);
		struct word_sink sink = {u, PX_OK, 0, 0, 0};
		text_tokenize(s + 1, (size_t)(e - (s + 1)), 0, add_token, &sink);
		if (sink.overflow)
			return reject_limit(why, PHRASE_TOO_LONG);
		u->phrase = 1;
		u->negated = negated;
		*made = u->nwords > 0;
		if (!*made)
			q->nunits--;
		*p = close ? close + 1 : e;
		return PX_OK;
	}
	while (*e && !is_space(*e)) {
		if (*e == ':' && !colon)
			colon = e;
		e++;
	}
	enum index_facet f;
	if (colon && !negated && colon > s && colon + 1 < e) {
		char name[32];
		size_t n = (size_t)(colon - s);
		if (n < sizeof name) {
			memcpy(name, s, n);
			name[n] = '\0';
			if (!index_facet_parse(name, &f)) {
				const char *v = colon + 1, *ve = e;
				if (*v == '"') {
					const char *close = strchr(v + 1, '"');
					ve = close ? close : v + strlen(v);
					e = close ? close + 1 : ve;
					v++;
				}
				*p = e;
				return query_add_filter(q, f, v, (size_t)(ve - v), why);
			}
		}
	}
	struct qunit *u = new_unit(q);
	if (!u)
		return reject_limit(why, TOO_MANY_TERMS);
	struct word_sink sink = {u, PX_OK, 0, 0, 0};
	text_tokenize(s, (size_t)(e - s), 0, add_token, &sink);
	if (sink.overflow)
		return reject_limit(why, PHRASE_TOO_LONG);
	u->negated = negated;
	u->phrase = u->nwords > 1; /* l'agenda, 4.0-based: the parts in order */
	*made = u->nwords > 0;
	if (!*made)
		q->nunits--;
	*p = e;
	return PX_OK;
}

enum px_err query_add_filter(struct query *q, enum index_facet f, const char *v, size_t n, struct buf *why)
{
	if (q->nfilters >= QUERY_FILTERS_MAX)
		return buf_reject_parse(why, "too many filters");
	if (n == 0 || n >= sizeof q->filters[0].value)
		return buf_reject_parse(why, "filter %s: the value must have 1 to %zu bytes",
					index_facet_name(f), sizeof q->filters[0].value - 1);
	q->filters[q->nfilters].field = f;
	memcpy(q->filters[q->nfilters].value, v, n);
	q->filters[q->nfilters].value[n] = '\0';
	q->nfilters++;
	return PX_OK;
}

/* Marks stop-word units optional, unless every unit is one. */
static void mark_optional(struct query *q)
{
	size_t content = 0;
	for (size_t i = 0; i < q->nunits; i++) {
		struct qunit *u = &q->units[i];
		u->optional = !u->negated && !u->phrase && u->nwords == 1 &&
			      text_stopword(NULL, u->words[0].folded, u->words[0].nfolded);
		/* a unit in an OR group is only as optional as its group */
		content += !u->optional && !u->negated;
	}
	for (size_t i = 0; i < q->nunits; i++) {
		struct qunit *u = &q->units[i];
		for (size_t j = 0; u->optional && j < q->nunits; j++)
			if (j != i && q->units[j].group == u->group && !q->units[j].optional)
				u->optional = 0;
		if (!content)
			u->optional = 0;
	}
}

enum px_err query_parse(struct query *q, const char *text, struct buf *why)
{
	const char *p = text;
	int pending_or = 0, last_word = 0; /* the last item read was a plain word */
	size_t terms = 0;
	while (*p) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		if (p[0] == 'O' && p[1] == 'R' && (is_space(p[2]) || !p[2]) && q->nunits > 0) {
			pending_or = 1;
			p += 2;
			continue;
		}
		int negated = *p == '-' && p[1] && !is_space(p[1]);
		if (negated)
			p++;
		int made;
		enum px_err err = read_item(q, &p, negated, &made, why);
		if (err)
			return err;
		if (made && (terms += q->units[q->nunits - 1].nwords) > QUERY_TERMS_MAX)
			return reject_limit(why, TOO_MANY_TERMS);
		last_word = made && !negated && !q->units[q->nunits - 1].phrase;
		if (made && pending_or && !negated && q->nunits > 1 && !q->units[q->nunits - 2].negated)
			q->units[q->nunits - 1].group = q->units[q->nunits - 2].group;
		else if (made)
			q->ngroups++;
		pending_or = 0;
	}
	/* The last word is a prefix while it is being typed. */
	size_t len = strlen(text);
	if (last_word && len > 0 && !is_space(text[len - 1])) {
		struct qunit *u = &q->units[q->nunits - 1];
		if (u->nwords == 1)
			u->words[0].prefix = 1;
	}
	mark_optional(q);
	return PX_OK;
}
