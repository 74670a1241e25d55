/* Private to index/: a parsed query and the lists a search works on. */
#ifndef PX_SEARCH_INT_H
#define PX_SEARCH_INT_H

#include "index_int.h"

/* What one query may cost (README "Limits"). Beyond the first three the
 * query is refused (PX_ETOOBIG, a 400); the work budget degrades it instead:
 * once spent, phrases are no longer checked position by position, proximity
 * and snippets are skipped, and the result says it is partial. */
#define QUERY_WORDS_MAX   16 /* words in one unit (phrase) */
#define QUERY_UNITS_MAX   32 /* units in a query */
#define QUERY_TERMS_MAX   32 /* words in a query, over all its units */
#define QUERY_FILTERS_MAX 32
#define WORD_ALTS_MAX     320 /* alternatives of one word (stems, prefixes, typos, translations) */
#define SEARCH_WORK_MAX   4000000 /* positions a search may visit (phrases, proximity, snippets) */

struct qword {
	char folded[TEXT_TOKEN_MAX];
	size_t nfolded;
	char lower[TEXT_TOKEN_MAX];
	size_t nlower;
	uint32_t pos;
	int prefix; /* the last word, being typed */
};

/* A word or a phrase. Units of one group are alternatives (OR); groups are
 * all required, except optional ones (stop words), which only add score. */
struct qunit {
	struct qword words[QUERY_WORDS_MAX];
	size_t nwords;
	size_t group;
	int phrase, negated, optional;
};

struct qfilter {
	enum index_facet field;
	char value[256];
};

struct query {
	struct qunit units[QUERY_UNITS_MAX];
	size_t nunits, ngroups;
	struct qfilter filters[QUERY_FILTERS_MAX];
	size_t nfilters;
};

/* Reads text into q (zeroed by the caller). PX_EPARSE with why on a query
 * that cannot be run. */
enum px_err query_parse(struct query *q, const char *text, struct buf *why) PX_WUR;
enum px_err query_add_filter(struct query *q, enum index_facet f, const char *v, size_t n,
			     struct buf *why) PX_WUR;

/* How a document matched a word: tiers that rank above any score. */
enum match_class { MATCH_EXACT, MATCH_STEM, MATCH_PREFIX, MATCH_TYPO, MATCH_TRANSLATED };

struct dscore {
	float tfw;    /* weighted, length-normalised term frequency */
	unsigned cls; /* enum match_class: the best way the document matched */
};

/* A document list: what one word, unit or group matches, by docno. */
struct dlist {
	struct buf docs; /* uint32 docno, ascending */
	struct buf tfw;  /* struct dscore */
	struct buf poff; /* uint32: start of the document's positions in pos */
	struct buf pos;  /* uint32 positions, ascending per document */
};

/* A term standing for a query word: how it matched, and the weight that
 * scales its term frequency. */
struct alt {
	uint32_t term;
	float weight;
	unsigned cls; /* enum match_class */
};

/* What one group of a query matches (its units are alternatives). */
struct group {
	struct buf alts;        /* struct alt[]: the terms of its words */
	struct dlist phrases;   /* the documents of its phrases, with positions */
	roaring_bitmap_t *docs; /* every document of the group; live ones once matched */
};

/* One search under way: what match.c and search.c share. */
struct search {
	const struct index *ix;
	struct query q;
	struct text_stem *stem; /* the thread's own (text_stem_thread) */
	struct ptrvec matched;     /* char *: folded terms that matched, for snippets */
	struct strlist translated; /* "word → translation" that the index has */
	struct group groups[QUERY_UNITS_MAX];
	char correction[QUERY_UNITS_MAX][QUERY_WORDS_MAX][TEXT_TOKEN_MAX]; /* "" = none */
	int corrected;
	uint64_t work;   /* positions visited so far; never above budget */
	uint64_t budget; /* positions this search may visit */
	int partial;     /* 1: some work was skipped because the budget ran out */
};

/* Matches again, part by part, each query word that found nothing and is
 * a compound the hub or the dictionaries know the parts of (match.c). */
enum px_err match_compounds(struct search *s, const roaring_bitmap_t *allowed, int *optional);

/* Takes n units of work from s's budget: 1 if they fit (counted), 0 if not
 * (nothing counted, s marked partial: the caller skips that work). */
int search_spend(struct search *s, uint64_t n);

/* match.c. group_init() may fail (docs NULL); group_free() takes either. */
void group_init(struct group *g);
void group_free(struct group *g);
/* Adds unit u of s->q to g: a word through all its alternatives, or a
 * phrase's documents among allowed; notes matched terms, translations and
 * corrections in s. */
enum px_err match_unit(struct search *s, size_t u, const roaring_bitmap_t *allowed, struct group *g) PX_WUR;
/* Appends the positions of g's words in doc to out (uint32, unsorted),
 * paying for them from s's budget; PX_ETOOBIG (out partly filled) when they
 * do not fit. */
enum px_err group_positions(struct search *s, const struct group *g, uint32_t doc, struct buf *out) PX_WUR;

/* score.c: BM25F over the groups for every candidate. */
struct scored {
	uint32_t doc;
	unsigned tier; /* the worst match class over the required groups */
	float score;
};
/* Scores the documents of cand by the groups that are not excluded, their
 * tier by the required ones, and hands them to keep(): every document that
 * can be among the best want, at least. */
enum px_err score_candidates(const struct search *s, const int *required, const int *excluded,
			     const roaring_bitmap_t *cand, size_t want,
			     void (*keep)(const struct scored *c, void *arg), void *arg) PX_WUR;

/* dlist.c */
void dlist_init(struct dlist *l);
void dlist_free(struct dlist *l);
void dlist_reset(struct dlist *l);
size_t dlist_len(const struct dlist *l);
uint32_t dlist_doc(const struct dlist *l, size_t i);
float dlist_tfw(const struct dlist *l, size_t i);
unsigned dlist_cls(const struct dlist *l, size_t i);
const uint32_t *dlist_pos(const struct dlist *l, size_t i, size_t *n);
int64_t dlist_find(const struct dlist *l, uint32_t doc);
enum px_err dlist_push(struct dlist *l, uint32_t doc, float tfw, unsigned cls) PX_WUR;
enum px_err dlist_add_pos(struct dlist *l, uint32_t pos) PX_WUR;
/* Appends the live documents of term's posting list, tfw scaled by weight. */
enum px_err dlist_decode(const struct index *ix, uint32_t term, float weight, unsigned cls,
			 struct dlist *out) PX_WUR;
enum px_err dlist_union(const struct dlist *a, const struct dlist *b, struct dlist *out) PX_WUR;
#endif
