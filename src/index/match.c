/* Matching one unit of a query: each word to its alternatives (exact,
 * stemmed, prefix, translated; then truncated and typo forms when nothing
 * matches as written) and the set of their documents, a phrase's words to
 * the documents holding them side by side. An alternative's term frequency
 * is scaled by how it matched, and its match class ranks the documents in
 * tiers (score.c). Nothing is decoded but a phrase's candidates. */
#include "search_int.h"

#include "compound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_EXACT              1.0f
#define W_STEM               0.7f
#define W_PREFIX             0.5f
#define W_TRUNCATED          0.45f
#define W_TRANSLATED         0.3f
#define W_TYPO1              0.4f
#define W_TYPO2              0.25f
#define PREFIX_TERMS_MAX     50 /* expansions of a prefix, most frequent first */
#define TRANSLATED_TERMS_MAX 256 /* the hub's forms of a word's translations */
#define FORMS_MAX            12 /* of one translation: its inflections in the hub */
#define PIVOT_WORDS_MAX      48 /* first translations looked up again */
#define PIVOT_AGREE          2  /* first translations a pivot target must come from */
#define PIVOT_VOTES_MAX      256 /* pivot targets counted */
#define TRANSLATE_BELOW      200 /* native matches under which a word is translated */
#define RARE_TRANSLATION     10  /* a translation this many times rarer in the hub than the most
				    frequent one into its language is a sense the hub does not use */
#define TYPO_TERMS_MAX       8
#define TRUNCATE_MIN         5 /* code points a truncated word keeps */

static enum px_err note_match(struct search *s, uint32_t term)
{
	const struct term *t = term_at(s->ix, term);
	char *copy = px_strndup(term_text(s->ix, term), t->len);
	if (!copy || ptrvec_push(&s->matched, copy)) {
		free(copy);
		return PX_ENOMEM;
	}
	return PX_OK;
}

/* The alternatives of one word and their documents. */
struct word {
	struct buf alts;        /* struct alt[] */
	roaring_bitmap_t *docs; /* dead ones included, once word_docs() has run */
	struct buf parts;       /* long terms' bitmaps not yet in docs */
};

/* Adds term as an alternative of w, unless it is one already (a form can
 * share a stem in several languages): the first is the better match. */
static enum px_err add_alt(struct search *s, uint32_t term, float weight, unsigned cls, struct word *w)
{
	const struct alt *have = (const struct alt *)(const void *)w->alts.data;
	size_t n = w->alts.len / sizeof *have;
	if (n >= WORD_ALTS_MAX)
		return PX_OK; /* the ones added first are the better matches */
	for (size_t i = 0; i < n; i++)
		if (have[i].term == term)
			return PX_OK;
	struct alt a = {term, weight, cls};
	enum px_err err = buf_add(&w->alts, &a, sizeof a);
	if (!err)
		err = posting_docs_defer(s->ix, term, w->docs, &w->parts);
	return err ? err : note_match(s, term);
}

/* Makes w->docs whole. */
static enum px_err word_docs(struct word *w)
{
	return posting_union(&w->docs, &w->parts);
}

static enum px_err word_init(struct word *w)
{
	buf_init(&w->alts, BUF_CAP_DEFAULT);
	buf_init(&w->parts, BUF_CAP_DEFAULT);
	return (w->docs = roaring_bitmap_create()) ? PX_OK : PX_ENOMEM;
}

static void word_free(struct word *w)
{
	buf_free(&w->alts);
	buf_free(&w->parts);
	if (w->docs)
		roaring_bitmap_free(w->docs);
}

void group_init(struct group *g)
{
	buf_init(&g->alts, BUF_CAP_DEFAULT);
	dlist_init(&g->phrases);
	g->docs = roaring_bitmap_create();
}

void group_free(struct group *g)
{
	buf_free(&g->alts);
	dlist_free(&g->phrases);
	if (g->docs)
		roaring_bitmap_free(g->docs);
}

struct cand {
	uint32_t term;
	uint32_t df;
	int dist;
};

static int by_quality(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist - y->dist;
	return (x->df < y->df) - (x->df > y->df);
}

static size_t code_points(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Keeps the best `max` candidates of c[0..*n) (sorted by quality). */
static void keep_best(struct cand *c, size_t *n, size_t max)
{
	qsort(c, *n, sizeof *c, by_quality);
	if (*n > max)
		*n = max;
}

struct typo_sink {
	const struct index *ix;
	struct cand *c;
	size_t n, cap, max;
};

static void typo_found(uint32_t term, int dist, void *arg)
{
	struct typo_sink *t = arg;
	if (dist == 0)
		return;
	t->c[t->n++] = (struct cand){term, term_at(t->ix, term)->df, dist};
	if (t->n == t->cap)
		keep_best(t->c, &t->n, t->max);
}

/* Terms within typo distance of w (1 from 5 code points, 2 from 9). */
static size_t typo_terms(const struct index *ix, const struct qword *w, struct cand *out, size_t max)
{
	size_t cps = code_points(w->folded, w->nfolded);
	int limit = cps >= 9 ? 2 : cps >= 5 ? 1 : 0;
	if (!limit)
		return 0;
	struct typo_sink t = {ix, malloc(max * 8 * sizeof(struct cand)), 0, max * 8, max};
	if (!t.c)
		return 0;
	index_typo_terms(ix, w->folded, w->nfolded, limit, typo_found, &t);
	keep_best(t.c, &t.n, max);
	memcpy(out, t.c, t.n * sizeof *out);
	free(t.c);
	return t.n;
}

/* A term's code points, from its bytes. */
static size_t term_cps(const struct index *ix, uint32_t id)
{
	return code_points(term_text(ix, id), term_at(ix, id)->len);
}

/* What prefix_terms() looks for: the terms that begin with p[0..np), p
 * itself only if with_p, of language lang_bit (index_lang_bit; -1: any),
 * of at most max_cps code points (0: any). */
struct prefix {
	const char *p;
	size_t np;
	int with_p, lang_bit;
	size_t max_cps;
};

static int prefix_wants(const struct index *ix, const struct prefix *f, uint32_t id)
{
	const struct term *t = term_at(ix, id);
	return (t->len > f->np || f->with_p) && (f->lang_bit < 0 || t->langs >> f->lang_bit & 1u) &&
	       (!f->max_cps || term_cps(ix, id) <= f->max_cps);
}

/* The terms prefix f asks for, the `max` most frequent. */
static size_t prefix_terms(const struct index *ix, const struct prefix *f, struct cand *out, size_t max)
{
	size_t n = 0, cap = max * 8;
	struct cand *tmp = malloc(cap * sizeof *tmp);
	if (!tmp)
		return 0;
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	for (size_t i = index_sorted_lower(ix, f->p, f->np); i < ix->nsorted; i++) {
		const struct term *t = term_at(ix, ids[i]);
		if (t->len < f->np || memcmp(term_text(ix, ids[i]), f->p, f->np))
			break;
		if (prefix_wants(ix, f, ids[i]))
			tmp[n++] = (struct cand){ids[i], t->df, 0};
		if (n == cap)
			keep_best(tmp, &n, max);
	}
	for (size_t id = ix->nsorted; id < term_count(ix); id++) { /* not yet sorted */
		const struct term *t = term_at(ix, (uint32_t)id);
		if (t->len >= f->np && !memcmp(term_text(ix, (uint32_t)id), f->p, f->np) &&
		    prefix_wants(ix, f, (uint32_t)id)) {
			tmp[n++] = (struct cand){(uint32_t)id, t->df, 0};
			if (n == cap)
				keep_best(tmp, &n, max);
		}
	}
	keep_best(tmp, &n, max);
	memcpy(out, tmp, n * sizeof *out);
	free(tmp);
	return n;
}

/* The bytes of the first k code points of s[0..n). */
static size_t first_cps(const char *s, size_t n, size_t k)
{
	size_t bytes = 0, seen = 0;
	for (; bytes < n; bytes++)
		if (((unsigned char)s[bytes] & 0xc0) != 0x80 && seen++ == k)
			break;
	return bytes;
}

/* Terms that share the word's first letters, all but its last three (at
 * least TRUNCATE_MIN code points), and are no more than 4 letters longer. */
static size_t truncated_terms(const struct index *ix, const struct qword *w, struct cand *out, size_t max)
{
	size_t cps = code_points(w->folded, w->nfolded);
	if (cps < TRUNCATE_MIN + 2)
		return 0;
	size_t keep = cps - 3 < TRUNCATE_MIN ? TRUNCATE_MIN : cps - 3;
	struct prefix f = {w->folded, first_cps(w->folded, w->nfolded, keep), 1, -1, cps + 4};
	return prefix_terms(ix, &f, out, max);
}

struct translation_sink {
	struct search *s;
	const char *word;     /* folded */
	const char *typed;    /* the word as typed, lower case: what the reader is shown */
	size_t ntyped;
	uint32_t word_langs; /* the languages the hub has the word in (index_lang_bit), or 0 */
	int any_lang;        /* translate from every language that has the word */
	struct cand c[TRANSLATED_TERMS_MAX];
	int c_lang[TRANSLATED_TERMS_MAX]; /* each translation's language (index_lang_bit) */
	size_t c_sense[TRANSLATED_TERMS_MAX]; /* the dictionary word it is a form of */
	size_t sense;                         /* the dictionary word being kept */
	char what[TRANSLATED_TERMS_MAX][2 * TEXT_TOKEN_MAX + 16]; /* "vivienda → dwelling" */
	size_t n;
	char pivot[PIVOT_WORDS_MAX][TEXT_TOKEN_MAX + 1]; /* every first translation, NUL-ended */
	char pivot_lang[PIVOT_WORDS_MAX][4];             /* its language */
	size_t npivot;
	uint32_t reached; /* bits of the languages (index_lang_bit) first translations came
			     from or reached: a pivot adds none of them */
	size_t from;                       /* pivot_found(): the pivot word looked up */
	struct pivot_vote {
		const char *word; /* folded, in the embedded table: text_translate_form() finds its form */
		size_t len;
		char lang[4];
		unsigned agree; /* pivot words that gave it */
		size_t last;    /* the last pivot word that voted for it */
	} votes[PIVOT_VOTES_MAX];
	size_t nvotes;
};

/* The index term word[0..len) in language to, or -1 if the hub has no
 * such word in that language. */
static int64_t hub_term(const struct index *ix, const char *to, const char *word, size_t len)
{
	int bit = index_lang_bit(to);
	int64_t id = bit < 0 ? -1 : index_term_find(ix, word, len);
	return id >= 0 && term_at(ix, (uint32_t)id)->langs >> bit & 1u ? id : -1;
}

static int has_cand(const struct translation_sink *t, uint32_t term)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].term == term)
			return 1;
	return 0;
}

static void keep_translation(struct translation_sink *t, uint32_t term, int lang, const char *word, size_t len)
{
	if (t->n == TRANSLATED_TERMS_MAX || has_cand(t, term))
		return;
	t->c[t->n] = (struct cand){term, term_at(t->s->ix, term)->df, 0};
	t->c_lang[t->n] = lang;
	t->c_sense[t->n] = t->sense;
	/* shown as written: "vivienda → Wohnung", "housing → στέγαση" */
	snprintf(t->what[t->n], sizeof t->what[0], "%.*s \u2192 %.*s", (int)t->ntyped, t->typed, (int)len, word);
	t->n++;
}

struct lower_sink {
	char *out;
	size_t n;
};

static int first_lower(const struct text_token *tok, void *arg)
{
	struct lower_sink *l = arg;
	if (tok->nlower < TEXT_TOKEN_MAX) {
		memcpy(l->out, tok->lower, tok->nlower);
		l->n = tok->nlower;
	}
	return 1;
}

/* The hub's inflections of a dictionary word of language lang (bit: its
 * index_lang_bit), which a dictionary does not list: "garden" is also the
 * text's "gardens", "zahrada" its "zahrady". With a stemmer, the words that
 * share its stem there; without one (Czech, Polish, Bulgarian...), the
 * words of that language that share all its letters but the last one or
 * two and are at most 4 longer (a word of 3 or 4 letters keeps them all
 * and is at most 2 longer). Returns how many ids[FORMS_MAX] holds. */
static size_t hub_inflections(struct search *s, const char *lang, int bit, const char *folded, size_t n,
			      const char *form, size_t nform, uint32_t *ids)
{
	const struct index *ix = s->ix;
	size_t k = 0;
	if (text_stem_has(lang)) {
		char lower[TEXT_TOKEN_MAX], stem[TEXT_TOKEN_MAX];
		struct lower_sink l = {lower, 0};
		text_tokenize(form, nform, 0, first_lower, &l);
		size_t ns = l.n ? text_stem(s->stem, lang, lower, l.n, stem, sizeof stem) : 0;
		const struct stem_group *g = ns ? index_stem_find(ix, lang, stem, ns) : NULL;
		const uint32_t *gid = g ? (const uint32_t *)(const void *)g->ids.data : NULL;
		for (size_t i = 0; g && i < g->ids.len / sizeof *gid && k < FORMS_MAX; i++)
			if (term_at(ix, gid[i])->langs >> bit & 1u)
				ids[k++] = gid[i];
		return k;
	}
	size_t cps = code_points(folded, n);
	if (cps < 3)
		return 0;
	/* a short word keeps all its letters and takes an ending of two at most
	 * ("piec", "piece"); a longer one may lose one or two ("zahrada") */
	size_t keep = cps < TRUNCATE_MIN ? cps : cps >= 7 ? cps - 2 : cps - 1;
	struct prefix f = {folded, first_cps(folded, n, keep), 1, bit, cps < TRUNCATE_MIN ? cps + 2 : cps + 4};
	struct cand c[FORMS_MAX];
	k = prefix_terms(ix, &f, c, FORMS_MAX);
	for (size_t i = 0; i < k; i++)
		ids[i] = c[i].term;
	return k;
}

/* Languages close enough that a word of one, its accents folded, is most
 * often the other's with other endings ("osvětlení", "osvetlenie"): a
 * translation into one also finds the other's inflections, by letters. No
 * dictionary translates into Slovak but a Czech one. */
static const char *const sisters[][2] = {{"cs", "sk"}, {"sk", "cs"}};

/* Keeps the hub's forms in language `in` of the translation word[0..n)
 * (folded) into language `to`: the word itself and its inflections. */
static void keep_forms_in(struct translation_sink *t, const char *to, const char *in, const char *word, size_t n,
			  const char *form, size_t nform)
{
	int bit = index_lang_bit(in);
	if (bit < 0 || index_facet_find(t->s->ix, FACET_LANGUAGE, in) < 0)
		return; /* no document in that language */
	int64_t id = hub_term(t->s->ix, in, word, n);
	if (id >= 0)
		keep_translation(t, (uint32_t)id, bit, form, nform);
	uint32_t ids[FORMS_MAX];
	size_t k = strcmp(to, in) ? hub_inflections(t->s, in, bit, word, n, word, n, ids) /* by letters */
				  : hub_inflections(t->s, in, bit, word, n, form, nform, ids);
	for (size_t i = 0; i < k; i++)
		keep_translation(t, ids[i], bit, form, nform);
}

/* Keeps the hub's forms of the translation word[0..n) (folded) in language
 * to, and in its sister language. Returns how many it kept. */
static size_t keep_hub_forms(struct translation_sink *t, const char *to, const char *word, size_t n)
{
	const char *form;
	size_t nform = text_translate_form(word, n, &form), before = t->n;
	t->sense++;
	keep_forms_in(t, to, to, word, n, form, nform);
	for (size_t i = 0; i < sizeof sisters / sizeof *sisters; i++)
		if (!strcmp(sisters[i][0], to))
			keep_forms_in(t, to, sisters[i][1], word, n, form, nform);
	return t->n - before;
}

/* Keeps a translation that is a term of the index in its language (and not
 * one the word has already: the word itself, an inflection). */
static void translation_found(const char *from, const char *to, const char *word, size_t len, void *arg)
{
	struct translation_sink *t = arg;
	int own = index_lang_bit(from);
	int hub_has = own >= 0 && t->word_langs >> own & 1u;
	if (!t->any_lang && !hub_has)
		return; /* the hub's "logement" is French: not the Dutch inn, "wirtschaft" */
	if (hub_has) /* the word's own language: its words match natively, never by detour */
		t->reached |= 1u << own;
	if (len == strlen(t->word) && !memcmp(word, t->word, len))
		return; /* the same word in another language: matched natively */
	/* no detour through a stop word: "them" leads to every pronoun */
	if (t->npivot < PIVOT_WORDS_MAX && len <= TEXT_TOKEN_MAX && !text_stopword(to, word, len)) {
		memcpy(t->pivot[t->npivot], word, len);
		t->pivot[t->npivot][len] = '\0';
		snprintf(t->pivot_lang[t->npivot++], sizeof t->pivot_lang[0], "%s", to);
	}
	if (keep_hub_forms(t, to, word, len))
		t->reached |= 1u << index_lang_bit(to);
}

/* 1 if the hub has documents in language lang or in its sister. */
static int hub_writes(const struct index *ix, const char *lang)
{
	if (index_facet_find(ix, FACET_LANGUAGE, lang) >= 0)
		return 1;
	for (size_t i = 0; i < sizeof sisters / sizeof *sisters; i++)
		if (!strcmp(sisters[i][0], lang) && index_facet_find(ix, FACET_LANGUAGE, sisters[i][1]) >= 0)
			return 1;
	return 0;
}

/* A translation of the pivot word t->from: a vote for it. */
static void pivot_found(const char *from, const char *to, const char *word, size_t len, void *arg)
{
	struct translation_sink *t = arg;
	if (strcmp(from, t->pivot_lang[t->from]))
		return; /* Polish "las" (forest) is not Spanish "las" (the) */
	int bit = index_lang_bit(to);
	if (bit < 0 || t->reached >> bit & 1u || (len == strlen(t->word) && !memcmp(word, t->word, len)))
		return; /* a language the dictionaries reach directly needs no detour */
	size_t i = 0;
	while (i < t->nvotes && (t->votes[i].len != len || memcmp(t->votes[i].word, word, len) ||
				 strcmp(t->votes[i].lang, to)))
		i++;
	if (i == t->nvotes) {
		if (t->nvotes == PIVOT_VOTES_MAX || !hub_writes(t->s->ix, to))
			return;
		struct pivot_vote *v = &t->votes[t->nvotes++];
		v->word = word;
		v->len = len;
		snprintf(v->lang, sizeof v->lang, "%s", to);
		v->agree = 0;
		v->last = SIZE_MAX;
	}
	if (t->votes[i].last != t->from) { /* one vote per pivot word */
		t->votes[i].agree += strcmp(from, "en") ? 1 : PIVOT_AGREE;
		t->votes[i].last = t->from;
	}
}

/* Adds the words the first translations translate to in turn, in the
 * languages of the hub they did not reach, when PIVOT_AGREE of them agree:
 * the German-English dictionary lacks "offen" → "open", which the Spanish,
 * French and Dutch translations all give. */
static void translate_by_pivot(struct translation_sink *t)
{
	t->nvotes = 0;
	for (t->from = 0; t->from < t->npivot; t->from++)
		text_translate(t->pivot[t->from], strlen(t->pivot[t->from]), pivot_found, t);
	for (size_t i = 0; i < t->nvotes; i++)
		if (t->votes[i].agree >= PIVOT_AGREE) /* its forms in the hub, as a first translation's */
			keep_hub_forms(t, t->votes[i].lang, t->votes[i].word, t->votes[i].len);
}

/* Adds to t the translations of the dictionary forms of w in language
 * lang (a language of the hub with a stemmer) when w is inflected there:
 * "obdachlose" has no entry, "obdachlos" has. */
static void translate_by_stem(struct search *s, const char *lang, const struct qword *w,
			      struct translation_sink *t)
{
	if (!text_stem_has(lang) || index_facet_find(s->ix, FACET_LANGUAGE, lang) < 0)
		return;
	char stem[TEXT_TOKEN_MAX];
	size_t n = text_stem(s->stem, lang, w->lower, w->nlower, stem, sizeof stem);
	if (n && (n != w->nfolded || memcmp(stem, w->folded, n)))
		text_translate_stem(s->stem, lang, stem, n, translation_found, t);
}

/* The documents of the hub's most frequent form of sense k. */
static uint32_t sense_df(const struct translation_sink *t, size_t k)
{
	uint32_t df = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->c_sense[i] == k && t->c[i].df > df)
			df = t->c[i].df;
	return df;
}

/* Among the translations into one language, keeps the ones the hub uses:
 * "logement" gives "wohnung" and "unterkunft", not the rare "quartier". A
 * translation counts by its most frequent form. */
static void keep_frequent(struct translation_sink *t)
{
	uint32_t most[32] = {0}, df[TRANSLATED_TERMS_MAX]; /* per language (index_lang_bit) */
	for (size_t i = 0; i < t->n; i++) {
		df[i] = sense_df(t, t->c_sense[i]);
		if (df[i] > most[t->c_lang[i]])
			most[t->c_lang[i]] = df[i];
	}
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		if ((uint64_t)df[i] * RARE_TRANSLATION < most[t->c_lang[i]])
			continue;
		if (k != i) {
			t->c[k] = t->c[i];
			t->c_lang[k] = t->c_lang[i];
			t->c_sense[k] = t->c_sense[i];
			memcpy(t->what[k], t->what[i], sizeof t->what[k]);
		}
		k++;
	}
	t->n = k;
}

/* Adds the word's translations (bilingual dictionaries) that the hub has,
 * below every native match, and notes them for the result. */
static enum px_err translated_terms(struct search *s, size_t u, size_t wi, struct word *out)
{
	const struct qword *w = &s->q.units[u].words[wi];
	struct translation_sink *t = malloc(sizeof *t);
	if (!t)
		return PX_ENOMEM;
	int64_t own = index_term_find(s->ix, w->folded, w->nfolded);
	t->s = s;
	t->word = w->folded;
	t->typed = w->lower;
	t->ntyped = w->nlower;
	t->word_langs = own >= 0 ? term_at(s->ix, (uint32_t)own)->langs : 0;
	t->n = 0;
	t->sense = 0;
	for (t->any_lang = !t->word_langs; t->any_lang < 2 && !t->n; t->any_lang++) {
		/* first from the languages the hub has the word in, then from any */
		t->npivot = 0;
		t->reached = 0;
		text_translate(w->folded, w->nfolded, translation_found, t);
		/* and through its dictionary forms, by stem: "bienes" is listed
		 * as "estate", its lemma "bien" as "bene" */
		for (size_t l = 0; l < index_nlangs; l++)
				translate_by_stem(s, index_langs[l], w, t);
	}
	translate_by_pivot(t);
	keep_frequent(t);
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < t->n; i++) {
		err = add_alt(s, t->c[i].term, W_TRANSLATED, MATCH_TRANSLATED, out);
		if (!err && !s->q.units[u].negated)
			err = strlist_add_unique(&s->translated, t->what[i], strlen(t->what[i]));
	}
	free(t);
	return err;
}

/* The documents of one query word, through all its alternatives. */
static enum px_err word_list(struct search *s, size_t u, size_t wi, struct word *out)
{
	const struct qword *w = &s->q.units[u].words[wi];
	const struct index *ix = s->ix;
	enum px_err err = PX_OK;
	int found = 0;
	int64_t exact = index_term_find(ix, w->folded, w->nfolded);
	if (exact >= 0) {
		found = 1;
		err = add_alt(s, (uint32_t)exact, W_EXACT, MATCH_EXACT, out);
	}
	/* Stemmed: the terms that share the word's stem in a language of the hub. */
	for (size_t l = 0; !err && l < index_nlangs; l++) {
		const char *lang = index_langs[l];
		if (!text_stem_has(lang) || index_facet_find(ix, FACET_LANGUAGE, lang) < 0)
			continue;
		char stem[TEXT_TOKEN_MAX];
		size_t n = text_stem(s->stem, lang, w->lower, w->nlower, stem, sizeof stem);
		const struct stem_group *g = n ? index_stem_find(ix, lang, stem, n) : NULL;
		const uint32_t *ids = g ? (const uint32_t *)(const void *)g->ids.data : NULL;
		for (size_t i = 0; !err && g && i < g->ids.len / sizeof *ids; i++) {
			if ((int64_t)ids[i] == exact)
				continue;
			found = 1;
			err = add_alt(s, ids[i], W_STEM, MATCH_STEM, out);
		}
	}
	struct cand c[PREFIX_TERMS_MAX];
	struct prefix whole = {w->folded, w->nfolded, 0, -1, 0};
	size_t nc = w->prefix && !err ? prefix_terms(ix, &whole, c, PREFIX_TERMS_MAX) : 0;
	for (size_t i = 0; !err && i < nc; i++) {
		found = 1;
		err = add_alt(s, c[i].term, W_PREFIX, MATCH_PREFIX, out);
	}
	/* Translations widen a word the hub has few documents for in the
	 * language it was typed in; past that, they would rank below every
	 * native match anyway, and cost more than the rest of the query. */
	if (!err)
		err = word_docs(out);
	/* A stop word's translations are stop words: "of" would find "von",
	 * "de" and "na" in every text of those languages. */
	if (!err && !s->q.units[u].optional && roaring_bitmap_and_cardinality(out->docs, ix->live) < TRANSLATE_BELOW)
		err = translated_terms(s, u, wi, out);
	if (found || err)
		return err ? err : word_docs(out);
	/* Nothing matches as written. Languages without a Snowball stemmer
	 * (Polish, Czech, Slovak, ...) inflect by endings: words sharing all
	 * but the last few letters are likely forms of the same word. */
	nc = truncated_terms(ix, w, c, PREFIX_TERMS_MAX);
	for (size_t i = 0; !err && i < nc; i++)
		err = add_alt(s, c[i].term, W_TRUNCATED, MATCH_STEM, out);
	if (err)
		return err;
	/* And typos. The closest, most frequent one is the correction. */
	nc = typo_terms(ix, w, c, TYPO_TERMS_MAX);
	for (size_t i = 0; !err && i < nc; i++)
		err = add_alt(s, c[i].term, c[i].dist == 1 ? W_TYPO1 : W_TYPO2, MATCH_TYPO, out);
	if (nc) {
		const struct term *t = term_at(ix, c[0].term);
		memcpy(s->correction[u][wi], term_text(ix, c[0].term), t->len);
		s->correction[u][wi][t->len] = '\0';
		s->corrected = 1;
	}
	return err ? err : word_docs(out);
}

/* One word of a phrase in one document: its positions and how it matched. */
struct pword {
	struct tcur *cur; /* one per alternative */
	const struct alt *alts;
	size_t nalts;
	uint32_t *heap; /* alternative numbers, a min-heap on their cursors' documents: a
			   document's alternatives are found without asking each (a frequent
			   word has dozens of forms, most of them rare) */
	size_t nheap;   /* cursors at their list's end have left the heap */
	uint32_t *here; /* the alternatives holding the document gathered last, ascending */
	size_t nhere;
	struct buf pos;   /* uint32, ascending, no duplicates */
	struct buf found; /* struct pfound[]: the alternatives the document has */
	unsigned cls;
};

struct pfound {
	size_t alt;
	unsigned tf[NFIELDS];
};

/* Where cursor c is in its list: the document under it, past the end last. */
static uint64_t pcur_key(const struct tcur *c)
{
	return c->done ? UINT64_MAX : c->doc;
}

static void pword_sift(struct pword *w, size_t i)
{
	uint32_t *h = w->heap;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < w->nheap && pcur_key(&w->cur[h[l]]) < pcur_key(&w->cur[h[m]]))
			m = l;
		if (r < w->nheap && pcur_key(&w->cur[h[r]]) < pcur_key(&w->cur[h[m]]))
			m = r;
		if (m == i)
			return;
		uint32_t x = h[i];
		h[i] = h[m];
		h[m] = x;
		i = m;
	}
}

/* Puts every cursor of w on its first document from first on, and heaps
 * them. heap and here have room for w->nalts each. Invariant from here on:
 * a cursor not on a posting (its occurrences read) is behind every document
 * still to be gathered. */
static void pword_start(struct pword *w, uint32_t first, uint32_t *heap, uint32_t *here)
{
	w->heap = heap;
	w->here = here;
	w->nheap = w->nhere = 0;
	for (size_t i = 0; i < w->nalts; i++) {
		tcur_seek(&w->cur[i], first);
		if (!w->cur[i].done)
			heap[w->nheap++] = (uint32_t)i;
	}
	for (size_t i = w->nheap / 2; i-- > 0;)
		pword_sift(w, i);
}

static int by_u32(const void *a, const void *b)
{
	return index_cmp_u32(a, b);
}

/* Sets w->here to the alternatives that hold doc (ascending, as a walk
 * over all of them would find them), moving the cursors behind it up to it.
 * Documents are gathered in ascending order, each once. */
static void pword_gather(struct pword *w, uint32_t doc)
{
	while (w->nheap) {
		struct tcur *c = &w->cur[w->heap[0]];
		if (c->on && c->doc >= doc)
			break;
		tcur_seek(c, doc);
		if (c->done)
			w->heap[0] = w->heap[--w->nheap];
		pword_sift(w, 0);
	}
	/* every cursor is at doc or after it: those at it are the heap's top,
	 * a subtree around the root; walk it breadth first (here: the queue) */
	w->nhere = 0;
	if (w->nheap && pcur_key(&w->cur[w->heap[0]]) == doc)
		w->here[w->nhere++] = 0;
	for (size_t q = 0; q < w->nhere; q++)
		for (size_t ch = 2 * w->here[q] + 1; ch <= 2 * w->here[q] + 2 && ch < w->nheap; ch++)
			if (pcur_key(&w->cur[w->heap[ch]]) == doc)
				w->here[w->nhere++] = (uint32_t)ch;
	for (size_t q = 0; q < w->nhere; q++)
		w->here[q] = w->heap[w->here[q]];
	if (w->nhere > 1) /* the order the weights are summed in */
		qsort(w->here, w->nhere, sizeof *w->here, by_u32);
}

/* Reads word w's occurrences in doc from every alternative that has it;
 * weighing them waits for the phrase to be found (pword_weight). */
static enum px_err pword_read(struct pword *w, uint32_t doc)
{
	buf_reset(&w->pos);
	buf_reset(&w->found);
	w->cls = UINT8_MAX;
	for (size_t h = 0; h < w->nhere; h++) {
		size_t i = w->here[h];
		if (!tcur_seek(&w->cur[i], doc))
			continue;
		struct pfound f = {i, {0}};
		if (buf_reserve(&w->pos, w->cur[i].k * sizeof(uint32_t)) || buf_add(&w->found, &f, sizeof f))
			return PX_ENOMEM;
		struct pfound *fp = (struct pfound *)(void *)(w->found.data + w->found.len) - 1;
		size_t n = posting_read(&w->cur[i].c, w->cur[i].k, fp->tf,
					(uint32_t *)(void *)(w->pos.data + w->pos.len));
		w->cur[i].on = 0; /* its occurrences are read */
		w->pos.len += n * sizeof(uint32_t);
		if (w->alts[i].cls < w->cls)
			w->cls = w->alts[i].cls;
	}
	if (w->found.len == sizeof(struct pfound))
		return PX_OK; /* one form: its positions are sorted already */
	uint32_t *p = (uint32_t *)(void *)w->pos.data;
	size_t n = w->pos.len / sizeof *p, k = 0;
	if (n > 1)
		qsort(p, n, sizeof *p, index_cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (!k || p[k - 1] != p[i])
			p[k++] = p[i];
	w->pos.len = k * sizeof *p;
	return PX_OK;
}

/* The weight of word w in doc, from the forms pword_read() found. */
static float pword_weight(const struct index *ix, const struct pword *w, uint32_t doc, const float avg[NFIELDS])
{
	const struct pfound *f = (const struct pfound *)(const void *)w->found.data;
	float tfw = 0;
	for (size_t i = 0; i < w->found.len / sizeof *f; i++)
		tfw += w->alts[f[i].alt].weight * posting_weight(f[i].tf, doc_at(ix, doc)->len, avg);
	return tfw;
}

static int pword_has(const struct pword *w, uint64_t pos)
{
	return index_u32_find((const uint32_t *)(const void *)w->pos.data, w->pos.len / sizeof(uint32_t),
			      pos) >= 0;
}

/* Pays for checking the phrase in the document gathered: every occurrence of its words read,
 * and those of the first word looked up in the others'. 0 when the budget
 * cannot. */
static int phrase_affordable(struct search *s, const struct qunit *unit, const struct pword *pw)
{
	uint64_t read = 0, first = 0;
	for (size_t wi = 0; wi < unit->nwords; wi++)
		for (size_t h = 0; h < pw[wi].nhere; h++) {
			const struct tcur *c = &pw[wi].cur[pw[wi].here[h]];
			read += c->k;
			first += wi == 0 ? c->k : 0;
		}
	return search_spend(s, read + first * (unit->nwords - 1));
}

/* Adds doc to out if the words follow each other in it somewhere. Once the
 * work budget is spent, a document holding every word is added unchecked,
 * in the last match class with no weight: after every checked one; for a
 * negated phrase it is left out (so it is not excluded unchecked). */
static enum px_err phrase_doc(struct search *s, const struct qunit *unit, struct pword *pw, uint32_t doc,
			      const float avg[NFIELDS], struct dlist *out)
{
	const struct index *ix = s->ix;
	for (size_t wi = 0; wi < unit->nwords; wi++)
		pword_gather(&pw[wi], doc);
	if (!phrase_affordable(s, unit, pw)) /* excluding it unchecked would drop a hit */
		return unit->negated ? PX_OK : dlist_push(out, doc, 0, MATCH_TRANSLATED);
	unsigned cls = 0;
	for (size_t wi = 0; wi < unit->nwords; wi++) {
		enum px_err err = pword_read(&pw[wi], doc);
		if (err || !pw[wi].pos.len)
			return err;
		cls = pw[wi].cls > cls ? pw[wi].cls : cls; /* as good as its worst word */
	}
	const uint32_t *first = (const uint32_t *)(const void *)pw[0].pos.data;
	int pushed = 0;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < pw[0].pos.len / sizeof *first; i++) {
		int all = 1;
		for (size_t wi = 1; all && wi < unit->nwords; wi++)
			all = pword_has(&pw[wi],
					(uint64_t)first[i] + unit->words[wi].pos - unit->words[0].pos);
		if (!all)
			continue;
		if (!pushed) {
			float tfw = 0;
			for (size_t wi = 0; wi < unit->nwords; wi++)
				tfw += pword_weight(ix, &pw[wi], doc, avg);
			if ((err = dlist_push(out, doc, tfw, cls)) != PX_OK)
				break;
			pushed = 1;
		}
		err = dlist_add_pos(out, first[i]); /* the phrase's starts */
	}
	return err;
}

/* The documents of a phrase (its words at consecutive positions) among
 * allowed, added to g: document at a time, over the documents holding
 * every word, each word's alternatives read by cursors that skip ahead. */
static enum px_err match_phrase(struct search *s, size_t u, const struct word *w,
				const roaring_bitmap_t *allowed, struct group *g)
{
	const struct qunit *unit = &s->q.units[u];
	struct pword pw[QUERY_WORDS_MAX] = {{0}};
	size_t nalts = 0;
	for (size_t wi = 0; wi < unit->nwords; wi++)
		nalts += w[wi].alts.len / sizeof(struct alt);
	struct tcur *cur = malloc((nalts ? nalts : 1) * sizeof *cur);
	uint32_t *order = malloc((nalts ? nalts : 1) * 2 * sizeof *order); /* heaps and heres */
	roaring_bitmap_t *within = cur && order ? roaring_bitmap_copy(allowed) : NULL;
	enum px_err err = within ? PX_OK : PX_ENOMEM;
	for (size_t wi = 0, at = 0; wi < unit->nwords; wi++) {
		pw[wi].alts = (const struct alt *)(const void *)w[wi].alts.data;
		pw[wi].nalts = w[wi].alts.len / sizeof(struct alt);
		pw[wi].cur = cur + at;
		for (size_t i = 0; cur && i < pw[wi].nalts; i++)
			tcur_init(&pw[wi].cur[i], s->ix, pw[wi].alts[i].term);
		at += pw[wi].nalts;
		buf_init(&pw[wi].pos, BUF_CAP_DEFAULT);
		buf_init(&pw[wi].found, BUF_CAP_DEFAULT);
		if (within)
			roaring_bitmap_and_inplace(within, w[wi].docs);
	}
	float avg[NFIELDS];
	index_avg(s->ix, avg);
	struct dlist found, merged;
	dlist_init(&found);
	dlist_init(&merged);
	roaring_uint32_iterator_t it;
	if (within)
		roaring_init_iterator(within, &it);
	for (size_t wi = 0, at = 0; !err && it.has_value && wi < unit->nwords; at += pw[wi++].nalts)
		pword_start(&pw[wi], it.current_value, order + 2 * at, order + 2 * at + pw[wi].nalts);
	for (; !err && it.has_value; roaring_advance_uint32_iterator(&it))
		err = phrase_doc(s, unit, pw, it.current_value, avg, &found);
	if (!err && dlist_len(&g->phrases)) /* the group's other phrases: merge */
		err = dlist_union(&g->phrases, &found, &merged);
	if (!err) {
		roaring_bitmap_add_many(g->docs, dlist_len(&found),
					(const uint32_t *)(const void *)found.docs.data);
		struct dlist *now = dlist_len(&g->phrases) ? &merged : &found;
		struct dlist swap = g->phrases;
		g->phrases = *now;
		*now = swap;
	}
	for (size_t wi = 0; wi < unit->nwords; wi++) {
		buf_free(&pw[wi].pos);
		buf_free(&pw[wi].found);
	}
	dlist_free(&found);
	dlist_free(&merged);
	if (within)
		roaring_bitmap_free(within);
	free(order);
	free(cur);
	return err;
}

enum px_err match_unit(struct search *s, size_t u, const roaring_bitmap_t *allowed, struct group *g)
{
	const struct qunit *unit = &s->q.units[u];
	struct word w[QUERY_WORDS_MAX];
	size_t nw = 0;
	enum px_err err = PX_OK;
	for (; !err && nw < unit->nwords; nw++)
		if (!(err = word_init(&w[nw])))
			err = word_list(s, u, nw, &w[nw]);
	if (!err && unit->nwords == 1) {
		err = buf_add(&g->alts, w[0].alts.data, w[0].alts.len);
		roaring_bitmap_or_inplace(g->docs, w[0].docs);
	} else if (!err) {
		err = match_phrase(s, u, w, allowed, g);
	}
	for (size_t i = 0; i < nw; i++)
		word_free(&w[i]);
	return err;
}

enum px_err group_positions(struct search *s, const struct group *g, uint32_t doc, struct buf *out)
{
	const struct index *ix = s->ix;
	const struct alt *a = (const struct alt *)(const void *)g->alts.data;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < g->alts.len / sizeof *a; i++) {
		struct pcur c;
		uint64_t k;
		if (!posting_find(ix, a[i].term, doc, &c, &k))
			continue;
		if (!search_spend(s, k))
			return PX_ETOOBIG;
		if ((err = buf_reserve(out, k * sizeof(uint32_t))))
			continue;
		unsigned tf[NFIELDS] = {0};
		size_t n = posting_read(&c, k, tf, (uint32_t *)(void *)(out->data + out->len));
		out->len += n * sizeof(uint32_t);
	}
	int64_t at = err ? -1 : dlist_find(&g->phrases, doc);
	if (at >= 0) {
		size_t n;
		const uint32_t *p = dlist_pos(&g->phrases, (size_t)at, &n);
		err = search_spend(s, n) ? buf_add(out, p, n * sizeof *p) : PX_ETOOBIG;
	}
	return err;
}

/* ---- compounds a query word is made of (compound.c) ---- */

/* The languages the hub has the folded word w[0..n) in. */
static uint32_t hub_langs(const void *ix, const char *w, size_t n)
{
	int64_t id = index_term_find(ix, w, n);
	return id < 0 ? 0 : term_at(ix, (uint32_t)id)->langs;
}

/* Makes unit u hold part k of sp, keeping its other flags. */
static void set_part(struct qunit *u, const struct compound *sp, size_t k, int prefix)
{
	struct qword *w = &u->words[0];
	memcpy(w->folded, sp->part[k], sp->len[k]);
	w->nfolded = sp->len[k];
	memcpy(w->lower, sp->part[k], sp->len[k]); /* accents are gone: the parts of the folded word */
	w->nlower = sp->len[k];
	w->prefix = prefix;
}

static size_t group_units(const struct query *q, size_t g)
{
	size_t n = 0;
	for (size_t u = 0; u < q->nunits; u++)
		n += q->units[u].group == g;
	return n;
}

/* Splits unit u, a word that matched nothing, into the parts of a compound
 * that the hub or the dictionaries know in one language: u holds the first,
 * new units of new groups the others. 0 when it is no such compound. */
static int split_compound(struct search *s, size_t u)
{
	struct query *q = &s->q;
	struct qunit *unit = &q->units[u];
	if (unit->nwords != 1 || unit->phrase || unit->negated || unit->optional ||
	    group_units(q, unit->group) > 1)
		return 0;
	struct compound sp;
	const struct qword *w = &unit->words[0];
	struct compound_lexicon lx = {s->stem, UINT32_MAX, 1, hub_langs, s->ix};
	if (!compound_split(&lx, w->folded, w->nfolded, &sp) ||
	    q->nunits + sp.n - 1 > QUERY_UNITS_MAX || q->ngroups + sp.n - 1 > QUERY_UNITS_MAX)
		return 0;
	int prefix = w->prefix;
	for (size_t k = 1; k < sp.n; k++) { /* the other parts: units of new groups */
		struct qunit *add = &q->units[q->nunits++];
		*add = *unit;
		add->group = q->ngroups++;
		set_part(add, &sp, k, k + 1 == sp.n && prefix);
	}
	set_part(unit, &sp, 0, 0);
	return 1;
}

/* Matches again, part by part, each word that found nothing and is a
 * compound the dictionaries know the parts of (split_compound()). */
enum px_err match_compounds(struct search *s, const roaring_bitmap_t *allowed, int *optional)
{
	enum px_err err = PX_OK;
	for (size_t u = 0, n = s->q.nunits; !err && u < n; u++) {
		size_t g = s->q.units[u].group, first = s->q.nunits;
		if (roaring_bitmap_intersect(s->groups[g].docs, s->ix->live) || !split_compound(s, u))
			continue;
		group_free(&s->groups[g]);
		group_init(&s->groups[g]);
		for (size_t v = u; !err && v < s->q.nunits; v = v == u ? first : v + 1) {
			struct group *gr = &s->groups[s->q.units[v].group];
			optional[s->q.units[v].group] = 0;
			err = gr->docs ? match_unit(s, v, allowed, gr) : PX_ENOMEM;
		}
	}
	return err;
}
