/* Compounds: German, Dutch, the Nordic languages, Finnish, Estonian and
 * Hungarian write "Straßenbeleuchtung", "skolträdgårdar", "katuvalaistus"
 * as one word where English writes "street lighting". A word is split into
 * two or three parts that the dictionaries (or the hub) know in one same
 * language. Two users:
 *  - the index files a text's compound under its parts too, in the text's
 *    language and by the dictionaries only, so that the same text is
 *    indexed the same whatever the hub holds: "skolehaver" is also "skole"
 *    and "haver", which "school" and "gardens" translate to;
 *  - a query word that finds nothing in the hub, in any form, translation
 *    or typo, becomes its parts, each a word of its own: the query then asks
 *    for "straßen beleuchtung", which translates part by part. */
#include "compound.h"
#include "index_int.h" /* index_lang_bit() (langs.c) */

#include <string.h>

#define PART_MIN 4 /* bytes of a part: shorter ones are linking letters or noise */

/* Linking letters between parts, or a first part's ending the compound
 * drops or changes ("Schul|gärten" is "Schule", "gatu|belysning" "gata"):
 * what to remove from the end of a first part, and what to put back. */
static const struct {
	const char *drop, *add;
} links[] = {
	{"", ""}, {"n", ""}, {"s", ""}, {"", "e"}, {"en", ""}, {"es", ""}, {"e", ""}, {"er", ""}, {"u", "a"},
}; /* the least changed first: of two splits as long, the first found is kept */

/* The compounding languages whose Snowball stemmer finds a part's
 * dictionary form ("gärten" -> "garten"). */
static const char *const stemmed[] = {"de", "nl", "sv", "da", "fi", "hu"};

static void note_lang(const char *lang, void *arg)
{
	int bit = index_lang_bit(lang);
	if (bit >= 0)
		*(uint32_t *)arg |= 1u << bit;
}

/* The languages (index_lang_bit) of lx that know the folded word w[0..n):
 * those a dictionary translates it from, as is or by stem (a compound's
 * head, its last part, is the one that inflects: "Schul|gärten"), and the
 * hub's. */
static uint32_t known_in(const struct compound_lexicon *lx, const char *w, size_t n, int head)
{
	if (n < PART_MIN)
		return 0;
	uint32_t langs = lx->hub ? lx->hub(lx->ctx, w, n) : 0;
	text_translate_langs(w, n, note_lang, &langs);
	for (size_t i = 0; (head || lx->stem_firsts) && i < sizeof stemmed / sizeof *stemmed; i++) {
		uint32_t bit = 1u << index_lang_bit(stemmed[i]);
		if (!(lx->langs & bit) || (langs & bit))
			continue; /* not asked, or known as is */
		char stem[TEXT_TOKEN_MAX];
		size_t ns = text_stem(lx->stem, stemmed[i], w, n, stem, sizeof stem);
		if (ns && ns < n && text_translate_stem_known(lx->stem, stemmed[i], stem, ns))
			langs |= bit;
	}
	return langs & lx->langs;
}

/* A first part w[0..n) with link l undone into out[TEXT_TOKEN_MAX]; 0 if
 * the link does not apply. */
static size_t unlink_part(const char *w, size_t n, size_t l, char *out)
{
	size_t nd = strlen(links[l].drop), na = strlen(links[l].add);
	if (n < nd + PART_MIN || memcmp(w + n - nd, links[l].drop, nd) || n - nd + na > TEXT_TOKEN_MAX)
		return 0;
	memcpy(out, w, n - nd);
	memcpy(out + n - nd, links[l].add, na);
	return n - nd + na;
}

static int is_lead(const char *w, size_t at)
{
	return ((unsigned char)w[at] & 0xc0) != 0x80;
}

/* Adds part p[0..n), which took `took` bytes of the compound. */
static void push_part(struct compound *sp, const char *p, size_t n, size_t took)
{
	memcpy(sp->part[sp->n], p, n);
	sp->len[sp->n++] = n;
	sp->score += took * took;
}

/* Into *best, the best split of w[0..n) into parts known in one language
 * of langs (at most `parts` of them), after the parts *cur already has. */
static void split_word(const struct compound_lexicon *lx, const char *w, size_t n, uint32_t langs,
		       size_t parts, struct compound *cur, struct compound *best)
{
	for (size_t at = PART_MIN; at + PART_MIN <= n; at++) {
		if (!is_lead(w, at))
			continue;
		/* a first part is w[0..at) with at most two letters of link: no
		 * dictionary word begins with the rest, none at a later `at` will */
		if (!lx->hub && !text_translate_begins(w, at - 2))
			break;
		for (size_t l = 0; l < sizeof links / sizeof *links; l++) {
			char first[TEXT_TOKEN_MAX];
			size_t nf = unlink_part(w, at, l, first);
			uint32_t both = nf ? known_in(lx, first, nf, 0) & langs : 0;
			if (!both)
				continue;
			struct compound next = *cur;
			push_part(&next, first, nf, at);
			struct compound whole = next;
			if (known_in(lx, w + at, n - at, 1) & both) {
				push_part(&whole, w + at, n - at, n - at);
				if (whole.score > best->score)
					*best = whole;
			}
			if (parts > 2)
				split_word(lx, w + at, n - at, both, parts - 1, &next, best);
		}
	}
}

int compound_split(const struct compound_lexicon *lx, const char *w, size_t n, struct compound *out)
{
	struct compound none = {.n = 0};
	*out = none;
	if (n >= 2 * PART_MIN)
		split_word(lx, w, n, lx->langs, 3, &none, out);
	return out->n > 0;
}
