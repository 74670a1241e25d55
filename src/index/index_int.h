/* Private to index/: the in-memory structures.
 *
 * Documents get dense numbers (docno) in the order they are added; a node
 * that is put again gets a new docno and its old one leaves the `live`
 * bitmap, so posting lists stay sorted by docno and are only ever appended.
 *
 * Posting list of a term (struct term.post), per document in docno order:
 *   varint  docno - previous docno (the first: docno + 1)
 *   varint  number of occurrences k
 *   k × varint  occurrence deltas: occ = pos << FIELD_BITS | field,
 *               ascending, each stored as the difference to the previous
 * Positions are numbered over the whole document, fields one after another
 * with FIELD_GAP between them, so a phrase never spans two fields. */
#ifndef PX_INDEX_INT_H
#define PX_INDEX_INT_H

#include "index.h"
#include "../text/text.h"

#include "textstore.h"
#include <roaring/roaring.h>

enum ix_field { F_TITLE, F_SUBTITLE, F_THEMES, F_PLACE, F_AUTHOR, F_TEXT, NFIELDS };
#define FIELD_BITS 3
#define FIELD_GAP  64

struct term {
	uint32_t str; /* offset of the folded term in index.strings */
	uint32_t len;
	uint32_t df;       /* documents in the posting list (dead ones included) */
	uint32_t last_doc; /* docno of the last posting + 1; 0 = none yet */
	uint32_t langs;    /* bit per language seen with it (see index_lang_bit) */
	uint32_t big;      /* 1 + its index in index.bigs once df >= TERM_BIG; 0 before */
	struct buf post;   /* the posting list, format above */
};

/* What a term with many documents keeps beside its posting list, so that a
 * search neither decodes the list to match and score it nor reads the
 * positions of documents it does not rank (posting.c). Posting r (in docno
 * order) is the r-th value of docs, has impact imp[r], and its bytes in
 * post are found from skip[r / TERM_SKIP]. */
#define TERM_BIG  32 /* postings from which a term has a struct term_big */
#define TERM_SKIP 32 /* postings per skip entry */

struct skip {
	uint32_t off;  /* byte offset in post of posting TERM_SKIP × j */
	uint32_t doc1; /* the docno + 1 its delta counts from */
};

struct term_big {
	roaring_bitmap_t *docs; /* the docnos of the posting list, dead ones included, */
	struct buf tail;        /* ... but for these last ones (uint32, ascending), added
				   to docs in batches: one by one costs a put dearly */
	struct buf imp;         /* uint8 per posting: its weight (BM25F pseudo-frequency),
				   quantized: posting_impact[] gives it back */
	struct buf skip;        /* struct skip[] */
	int frozen;             /* docs is a view of the snapshot's bytes
				   (bitmap_view_frozen): copied before a change */
};

struct doc {
	int64_t nid;
	enum node_type type;
	char language[4];
	uint16_t len[NFIELDS];       /* words per field, for length normalisation */
	char *title;                 /* for hits: owned, or borrowed from a snapshot's image */
	uint32_t fv_first, fv_count; /* its facet values in index.doc_values */
};

/* <0 if document x is newer than y (created later, or as late with a
 * higher nid). */
int index_newer(const struct index *ix, uint32_t x, uint32_t y);

/* An entry of index.doc_values: a facet and one of its value ids. */
#define FV_SHIFT 28
#define FV_ID    ((1u << FV_SHIFT) - 1)

/* An entry of index.place_of for a document that is no practice or has no place. */
#define PLACE_NONE UINT32_MAX

struct facet_value {
	char *value;            /* owned, as first seen */
	char *key;              /* owned, folded: what filters compare */
	roaring_bitmap_t *docs; /* every docno ever given this value; AND with live */
	size_t nlive;           /* how many live documents have it */
};

/* A string → id hash map with open addressing (ids index a caller's array). */
struct strmap {
	uint64_t *slots; /* id + 1, and the key's hash in the high half; 0 = empty */
	size_t mask;
	size_t used;
};

struct index {
	struct buf strings; /* term texts, back to back */
	struct buf terms;   /* struct term[] */
	struct strmap term_ids;
	struct buf sorted; /* uint32 term ids in byte order of their text */
	size_t nsorted;    /* terms[0..) covered by sorted; later ones are unsorted */
	struct buf heads;  /* uint64 per sorted id: the term's first 8 bytes, zero padded
			      (terms hold no NUL): what typo walks read, not the terms */
	struct buf sorted_text; /* the sorted terms' bytes back to back, in that order: what
				   typo walks read past the heads, the terms of a prefix side
				   by side (the terms' own texts are in the order they came) */
	struct buf sorted_end;  /* uint32 per sorted id: the end of its bytes in sorted_text */
	struct buf stems;  /* struct stem_group[]: "lang stem" → term ids */
	struct buf stem_keys;
	struct strmap stem_ids;
	struct buf compounds; /* struct compound_parts[]: "lang:term" → the parts a text's compound
				 is also filed under (compound.c); a cache the indexer fills as it
				 meets long words of a compounding language, not in a snapshot */
	struct buf compound_keys;
	struct strmap compound_ids;
	struct buf docs;   /* struct doc[] by docno */
	struct buf created; /* int64 per docno: its node's created, ms since 1970; apart from
			       struct doc, which ranking walks, so that docs stay small */
	struct buf population; /* int64 per docno: its node's population, -1 when not given or
				  its type has none; what population ranges read */
	struct buf place_of; /* uint32 per docno: a practice's FACET_PLACE value id, else
				PLACE_NONE; what the map's counts read, one lookup per hit */
	struct buf profile; /* struct profile per docno: what the match reads (profile.c) */
	struct buf adopt_pop; /* float: the natural log of adopters' populations, each
				 document's run in turn (struct profile.adopt_first) */
	struct buf place_city; /* uint32 per FACET_PLACE value id: the docno of the last city
				  node filed under it, else PLACE_NONE (may be dead: check live) */
	struct buf newest; /* uint32 docnos by created then nid, newest first, dead ones too: what
			      listings without words walk. Covers docs [0, its length);
			      later ones are unsorted until index_flush() */
	roaring_bitmap_t *live;
	struct textstore text; /* per docno, what cards and snippets show (textstore.c) */
	struct buf nid_map; /* open addressing nid → docno + 1 (uint64 pairs) */
	size_t nid_mask, nid_used;
	struct buf facets[FACET_COUNT]; /* struct facet_value[] */
	struct buf doc_values;          /* uint32 facet << FV_SHIFT | value id, each document's
					   run in turn (authors left out): what facet counts
					   over a result read, in time linear in its size */
	struct strmap facet_ids[FACET_COUNT];
	uint64_t total_len[NFIELDS]; /* over live documents */
	size_t nlive;
	struct buf bigs;        /* struct term_big[] */
	float imp_avg[NFIELDS]; /* the average field lengths the impacts were computed
				   with (0: none yet); index_flush() renews them */
	struct buf dirty;       /* uint32 ids of the terms given postings since the last
				   flush: those whose last_doc is above flushed_docs */
	uint32_t flushed_docs;  /* doc_count() at the last flush */
	struct text_stem *stem; /* writers only */
	struct similar_memo *similar; /* related lists already made: dropped at every change
					 (similar_memo.c) */
	struct count_memo *counts;    /* a listing's counts, likewise (count_memo.c) */
	struct {                /* the snapshot this index was read from: borrowed */
		void *p;        /* buffers point into it, so it goes last */
		size_t len;
		int mapped; /* mmap()ed, else malloc()ed */
	} image;
};

/* A document's place as the match (src/match) reads it, computed when the
 * node is indexed, so that scoring a candidate reads no store (profile.c). */
struct profile {
	float lat, lon;       /* a city node's own, a practice's city's in the gazetteer; NaN unknown */
	int64_t population;   /* a practice's city's in the gazetteer (its own field and its city
				 node's are read at match time: they come first); -1 unknown */
	char country[4];      /* ISO 3166-1 alpha-2, "" unknown */
	uint32_t adopt_first; /* its adopters' ln populations: adopt_pop[adopt_first..+nadopt) */
	uint16_t nadopt;      /* adopters whose population is known */
	uint16_t adopters;    /* adopters in all (capped at 65,535) */
	uint32_t flags;       /* PROFILE_* */
};
#define PROFILE_EVIDENCE 1u /* the practice has impact figures ("indicators") */
_Static_assert(sizeof(struct profile) == 32, "profiles are written to snapshots as they are");

/* profile.c */
/* The profile of n, added as docno's (the next one; n's facets are already filed). */
enum px_err profile_put(struct index *ix, const struct node *n, uint32_t docno) PX_WUR;
/* Files docno, city node n, as the city of every FACET_PLACE value it has. */
enum px_err profile_city_filed(struct index *ix, const struct node *n, uint32_t docno) PX_WUR;
/* The public profile of docno (index_profile()'s). */
void profile_fill(const struct index *ix, uint32_t doc, struct index_profile *out);
/* Rebuilds place_city from FACET_PLACE's bitmaps (after a snapshot is read). */
enum px_err profile_place_city_build(struct index *ix) PX_WUR;

struct stem_group {
	uint32_t key; /* offset in stem_keys of "lang:stem" */
	uint32_t klen;
	struct buf ids; /* uint32 term ids */
};

static inline struct term *term_at(const struct index *ix, uint32_t id)
{
	return &((struct term *)(void *)ix->terms.data)[id];
}
static inline size_t term_count(const struct index *ix)
{
	return ix->terms.len / sizeof(struct term);
}
static inline const char *term_text(const struct index *ix, uint32_t id)
{
	return ix->strings.data + term_at(ix, id)->str;
}
static inline struct term_big *term_big_at(const struct index *ix, const struct term *t)
{
	return t->big ? &((struct term_big *)(void *)ix->bigs.data)[t->big - 1] : NULL;
}
static inline struct doc *doc_at(const struct index *ix, uint32_t docno)
{
	return &((struct doc *)(void *)ix->docs.data)[docno];
}
static inline size_t doc_count(const struct index *ix)
{
	return ix->docs.len / sizeof(struct doc);
}
static inline struct facet_value *facet_at(const struct index *ix, enum index_facet f, uint32_t id)
{
	return &((struct facet_value *)(void *)ix->facets[f].data)[id];
}
static inline size_t facet_count(const struct index *ix, enum index_facet f)
{
	return ix->facets[f].len / sizeof(struct facet_value);
}

/* ---- related lists kept between pages (similar_memo.c) ----
 *
 * A node's related lists depend on the whole index (idf, the best text
 * match), so they are kept until the index changes at all: index_put(),
 * index_remove() and index_flush() drop every one. A list is a node's best
 * documents with their scores, by docno; titles are read from the index
 * when a list is given out. */
struct sim {
	uint32_t doc;
	float score;
};
struct sim_list {
	unsigned types; /* as struct index_similar_want */
	size_t limit;
	size_t total; /* documents of those types sharing something with the node */
	size_t count; /* best[0..count), count <= limit */
	struct sim *best;
};
struct similar_memo *similar_memo_new(void);
void similar_memo_free(struct similar_memo *m);
void similar_memo_drop(struct similar_memo *m);
/* Fills lists[i] (types and limit set, best with room for limit) with n's
 * as kept when n, at its last change, was asked the same lists: 1; else 0. */
int similar_memo_recall(struct similar_memo *m, const struct node *n, struct sim_list *lists, size_t nlists);
/* Keeps n's lists (a published node's only: a draft is read by few, and
 * changes without changing the index). Out of memory, it keeps nothing. */
void similar_memo_keep(struct similar_memo *m, const struct node *n, const struct sim_list *lists, size_t nlists);

/* ---- counts kept between pages (count_memo.c) ---- */
enum count_kind { COUNT_PLACES, COUNT_FACETS };
#define COUNT_MEMO_MIN 4096 /* candidates: a smaller set is tallied each time */
struct count_memo *count_memo_new(void);
void count_memo_free(struct count_memo *m);
void count_memo_drop(struct count_memo *m);
/* Fills r's places (COUNT_PLACES) or facets with those kept for the
 * candidates cand: 1; else 0, r untouched. */
int count_memo_recall(struct count_memo *m, enum count_kind kind, const roaring_bitmap_t *cand,
		      struct index_result *r);
/* Keeps r's places or facets, counted over cand. Out of memory, nothing. */
void count_memo_keep(struct count_memo *m, enum count_kind kind, const roaring_bitmap_t *cand,
		     const struct index_result *r);
/* Drops both memos: the index changed. */
void index_memo_drop(struct index *ix);

/* Releases ix->image (snapshot.c; index_free). */
void index_image_free(struct index *ix);
/* The bitmap in CRoaring's portable format image[0..n), if it is sound and
 * its values are below limit; NULL if not (bitmap.c). */
roaring_bitmap_t *bitmap_read_portable(const char *image, size_t n, uint64_t limit);
/* A read-only view of a frozen image at a 32-byte boundary, or NULL; the
 * image must outlive it. */
const roaring_bitmap_t *bitmap_view_frozen(const char *image, size_t n, uint64_t limit);

struct compound_parts {
	uint32_t key, klen; /* "lang:term" in index.compound_keys */
	uint32_t n;         /* 0: not a compound */
	uint32_t part[3];   /* term ids */
};

/* strmap.c */
void strmap_free(struct strmap *m);
/* The id stored for key s[0..n), or -1. name(id) gives the stored key of an id. */
int64_t strmap_get(const struct strmap *m, const char *s, size_t n,
		   const char *(*name)(const void *ctx, uint32_t id, size_t *len), const void *ctx);
/* Stores id for a key known to be absent. */
enum px_err strmap_put(struct strmap *m, const char *s, size_t n, uint32_t id) PX_WUR;

/* strmap name() callbacks: ctx is the index (terms, stems) or the facet
 * value array (facet keys). */
const char *index_term_name(const void *ctx, uint32_t id, size_t *len);
const char *index_stem_name(const void *ctx, uint32_t id, size_t *len);
const char *index_facet_key_name(const void *ctx, uint32_t id, size_t *len);
/* Sets nid → docno + 1 (UINT32_MAX + 1: removed). */
enum px_err index_nid_set(struct index *ix, int64_t nid, uint64_t docno1) PX_WUR;

/* index_read() on a snapshot already in memory (the fuzzer's way in). */
enum px_err index_read_mem(const void *data, size_t len, struct index **out, int64_t *stamp) PX_WUR;

/* Term, stem and facet lookups (index.c). */
int64_t index_term_find(const struct index *ix, const char *s, size_t n);
const struct stem_group *index_stem_find(const struct index *ix, const char *lang, const char *stem,
					 size_t n);
int64_t index_facet_find(const struct index *ix, enum index_facet f, const char *value);
/* Counts each facet value's live documents (nlive) from doc_values, after
 * a snapshot is read (it keeps no counts). */
void index_facets_count_live(struct index *ix);
/* Rebuilds place_of from FACET_PLACE's bitmaps and the documents' types
 * (after a snapshot is read). PX_ENOMEM. */
enum px_err index_place_of_build(struct index *ix);
int index_docno(const struct index *ix, int64_t nid, uint32_t *docno);
/* Languages the index has seen (bit per language of index_langs[]). */
extern const char index_langs[][3];
extern const size_t index_nlangs;
int index_lang_bit(const char *lang);

/* qsort()'s comparison of uint32_t values. */
static inline int index_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The index of v in the ascending array a[0..n), or -1. */
static inline int64_t index_u32_find(const uint32_t *a, size_t n, uint64_t v)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo] == v ? (int64_t)lo : -1;
}

/* Reads a varint at p (before end) into *v; returns its length, or 0 when
 * it runs past end or past 64 bits (a damaged list: the caller stops). */
static inline size_t varint_get(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (size_t i = 0; p + i < end && i < 10; i++) {
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

/* Reading a posting list one posting at a time. */
struct pcur {
	const unsigned char *p, *end;
	uint64_t doc1; /* the last docno read + 1 */
};

static inline void pcur_init(struct pcur *c, const struct buf *post, size_t off, uint64_t doc1)
{
	c->p = (const unsigned char *)post->data + off;
	c->end = (const unsigned char *)post->data + post->len;
	c->doc1 = doc1;
}

/* Reads the next posting's docno and occurrence count; 0 at the end or on
 * a damaged list (a snapshot's postings are trusted this far, no further).
 * Its k occurrences follow: read them with pcur_occ() or pcur_skip(). */
static inline int pcur_next(struct pcur *c, uint32_t *doc, uint64_t *k)
{
	uint64_t delta;
	size_t n1 = c->p < c->end ? varint_get(c->p, c->end, &delta) : 0;
	size_t n2 = n1 ? varint_get(c->p + n1, c->end, k) : 0;
	if (!n2 || !delta || *k > (uint64_t)(c->end - c->p) || c->doc1 + delta > UINT32_MAX)
		return 0;
	c->p += n1 + n2;
	c->doc1 += delta;
	*doc = (uint32_t)(c->doc1 - 1);
	return 1;
}

/* The next occurrence delta (0 past a damaged end). */
static inline uint64_t pcur_occ(struct pcur *c)
{
	uint64_t d = 0;
	size_t n = varint_get(c->p, c->end, &d);
	c->p = n ? c->p + n : c->end;
	return d;
}

static inline void pcur_skip(struct pcur *c, uint64_t k)
{
	for (uint64_t i = 0; i < k && c->p < c->end; i++)
		while (c->p < c->end && (*c->p++ & 0x80))
			;
}

/* posting.c */
extern float posting_impact[256]; /* impact byte → weight */
/* Makes posting_impact[] ready; index_new() and index_read_mem() call it. */
void posting_init(void);
/* The average length of each field over the live documents (1 when none). */
void index_avg(const struct index *ix, float avg[NFIELDS]);
/* A posting's weight: BM25F's pseudo term frequency from its occurrences
 * per field and its document's field lengths. */
float posting_weight(const unsigned tf[NFIELDS], const uint16_t len[NFIELDS], const float avg[NFIELDS]);
/* Reads the k occurrences at c: per-field counts into tf, positions into
 * pos (when not NULL, room for k). Returns the positions read. */
size_t posting_read(struct pcur *c, uint64_t k, unsigned tf[NFIELDS], uint32_t *pos);
/* Records the posting just appended to term id (doc, occurrences per
 * field tf, starting at byte off, its delta counting from doc1): bitmaps,
 * impacts and skips. doc is in ix->docs. */
enum px_err posting_added(struct index *ix, uint32_t id, uint32_t doc, const unsigned tf[NFIELDS],
			  const float avg[NFIELDS], size_t off, uint64_t doc1) PX_WUR;
/* The average field lengths impacts are computed with: those of the last
 * flush, or the current ones before the first. */
void posting_avg(const struct index *ix, float avg[NFIELDS]);
/* Computes every impact again when the average field lengths moved, and,
 * for the terms given postings since the last flush (ix->dirty), trims the
 * lists' spare room and builds the struct term_big a put could not
 * (index_flush). */
enum px_err posting_refresh(struct index *ix) PX_WUR;
void posting_free(struct index *ix);
/* A cursor over one term's postings, moved forward document by document
 * (through the skips where the list is long). */
struct tcur {
	const struct term *t;
	const struct term_big *b;
	struct pcur c;
	size_t next;  /* the number of the next posting to read */
	uint32_t doc; /* the posting under the cursor (when on) */
	uint64_t k;   /* its occurrences, unread: c is at them */
	int on, done;
};
void tcur_init(struct tcur *tc, const struct index *ix, uint32_t term);
/* tcur_seek() when the cursor is before doc. */
int tcur_advance(struct tcur *tc, uint32_t doc);
/* Moves to doc's posting (1: its k occurrences are at c) or past where it
 * would be (0). Documents must be asked for in ascending order, each once. */
static inline int tcur_seek(struct tcur *tc, uint32_t doc)
{
	if (tc->done)
		return 0;
	if (tc->on && tc->doc >= doc) /* most of a rare form's calls */
		return tc->doc == doc;
	return tcur_advance(tc, doc);
}
/* The number of b's posting for doc, or -1 when doc has none. */
int64_t posting_rank(const struct term_big *b, uint32_t doc);
/* Gathers term's documents (dead ones included) for a union made at once
 * (posting_union): a long term's bitmap goes to parts (const
 * roaring_bitmap_t *), the rest into some. */
enum px_err posting_docs_defer(const struct index *ix, uint32_t term, roaring_bitmap_t *some,
			       struct buf *parts) PX_WUR;
/* *some ∪ every bitmap of parts, into *some (parts emptied): CRoaring's
 * or_many merges them lazily, far cheaper than one OR after another. */
enum px_err posting_union(roaring_bitmap_t **some, struct buf *parts) PX_WUR;
/* Finds term's posting for doc: c left at its occurrences, *k their count.
 * 0 when doc does not have term. */
int posting_find(const struct index *ix, uint32_t term, uint32_t doc, struct pcur *c, uint64_t *k);

/* Fills ix->heads, sorted_text and sorted_end from ix->sorted. */
enum px_err index_sorted_heads(struct index *ix) PX_WUR;

/* The first term id in ix->sorted whose text is >= s[0..n) (binary search). */
size_t index_sorted_lower(const struct index *ix, const char *s, size_t n);

/* Snippets (snippet.c): an HTML-escaped passage of text with <mark> around
 * the words whose folded form is one of the terms (sorted by strcmp, no
 * duplicates); the first passage with want distinct terms will do (0: the
 * best of the whole text). It reads at most *words words of text (the
 * passage is the best among them) and sets *words to those it read: the
 * work it did. Caller frees. */
char *index_snippet(const char *text, const struct ptrvec *terms, size_t want, size_t max_bytes,
		    size_t *words);

/* Calls fn for every term within distance max of s[0..n) (the term equal
 * to s included, with dist 0). */
void index_typo_terms(const struct index *ix, const char *s, size_t n, int max,
		      void (*fn)(uint32_t term, int dist, void *arg), void *arg);

#endif
