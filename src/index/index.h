/* index: the search engine. An in-memory inverted index over the nodes of
 * the store, with positions, BM25F ranking, typo tolerance, stemming per
 * node language, facets on compressed bitmaps, and snippets.
 *
 * Threads: any number of index_search() calls may run at once; index_put()
 * and index_remove() need the index to themselves (the caller holds a write
 * lock, e.g. a pthread_rwlock, around them). */
#ifndef PX_INDEX_H
#define PX_INDEX_H

#include "../core/core.h"
#include "../model/model.h"
#include "../store/store.h"

struct index;

/* An empty index. Caller frees with index_free(). NULL on ENOMEM. */
struct index *index_new(void);
void index_free(struct index *ix);

/* Adds every published node of the store. */
enum px_err index_load(struct index *ix, struct store *st) PX_WUR;

/* Adds node n, replacing the node with the same nid if there is one (the
 * index keeps no pointer to n). A node not published (a draft, or
 * unpublished) is only taken out: the index holds what visitors may find. */
enum px_err index_put(struct index *ix, const struct node *n) PX_WUR;
/* Makes the latest puts as fast to search as the rest (terms added since
 * the last flush are scanned linearly by prefix and typo lookups). Call it
 * after a batch of puts; index_load() does. */
enum px_err index_flush(struct index *ix) PX_WUR;
/* Removes node nid; PX_ENOTFOUND if it is not indexed. */
enum px_err index_remove(struct index *ix, int64_t nid) PX_WUR;

/* Snapshots (snapshot.c). index_save() writes ix to path atomically, with
 * stamp (the store's last revision when ix matched it); index_read() loads
 * one, refusing a damaged file with PX_EPARSE. */
enum px_err index_save(const struct index *ix, const char *path, int64_t stamp) PX_WUR;
enum px_err index_read(const char *path, struct index **out, int64_t *stamp) PX_WUR;

/* The index of store st: the snapshot at path when it is sound and not
 * ahead of the store, brought up to date with the nodes changed since;
 * otherwise built from the store. *fresh is set to 1 when the snapshot was
 * missing, stale or rebuilt (the caller may save a new one); *included is
 * the store's revision the index holds exactly: the stamp to save it with
 * (later revisions may be in the store by the time this returns). */
enum px_err index_open(struct store *st, const char *path, struct index **out, int *fresh,
		       int64_t *included) PX_WUR;

/* Node nid as a card shows it, from the index's own compressed copy (no
 * store read): nid, type, state published and every field but the
 * private ones, sections, objects and nids; a text field holds its first
 * line only. Caller frees *out with node_free(). PX_ENOTFOUND if nid is
 * not indexed or its copy was lost, PX_EPARSE if the copy is damaged (the
 * caller may read the store instead), PX_ENOMEM. */
enum px_err index_card(const struct index *ix, int64_t nid, struct node **out) PX_WUR;

/* The number of nodes indexed. */
size_t index_size(const struct index *ix);

/* Facet fields, in the order of the JSON object "facets". Those from
 * FACET_AUTHOR on are filters only: no counts, no facet in results. */
enum index_facet {
	FACET_TYPE,
	FACET_THEMES,
	FACET_LABELS,
	FACET_COUNTRY,
	FACET_CITY,
	FACET_CITY_SIZE, /* from population: small < 50,000; medium < 250,000;
			    large <= 1,000,000; metropolitan above */
	FACET_LANGUAGE,
	FACET_AUTHOR,
	FACET_PLACE,   /* where a node is: a practice's city, a city node's names, as
			  place keys (place_key: "ES:sevilla"), canonical when the
			  gazetteer knows the city, so every spelling files together */
	FACET_PARTNER, /* the place keys of a practice's or network's partners, a
			  network's lead partner */
	FACET_ADOPTER, /* the place keys of the cities that adapted a practice */
	FACET_COUNT
};
/* Does facet f have counts (else it is a filter only)? */
int index_facet_counted(enum index_facet f);
/* The key nodes in (city, country) file under in FACET_PLACE, FACET_PARTNER
 * and FACET_ADOPTER: the gazetteer's canonical key when it knows the city,
 * else the key of the names as written. 0 if the country is unknown. */
size_t index_place_key(const char *country, const char *city, char *out, size_t cap);
const char *index_facet_name(enum index_facet f);
/* The values field f has taken, as first seen: i in [0, index_facet_size()),
 * whether or not a live node still has them. Borrowed from ix. */
size_t index_facet_size(const struct index *ix, enum index_facet f);
const char *index_facet_value(const struct index *ix, enum index_facet f, size_t i);
int index_facet_parse(const char *name, enum index_facet *out); /* 0 ok, -1 unknown */

/* A filter: field = value. Filters on one field are ORed, on different
 * fields ANDed. */
struct index_filter {
	enum index_facet field;
	const char *value; /* borrowed */
};

/* A range of populations, both ends included. */
struct index_range {
	int set;          /* 0: no range (every node, whatever its population) */
	int64_t min, max; /* 0 and INT64_MAX for an open end */
};

/* What the match (src/match) reads of an indexed node, computed when it
 * was indexed (profile.c): no store read. */
enum index_source { INDEX_FROM_NONE, INDEX_FROM_NODE, INDEX_FROM_HUB, INDEX_FROM_GAZETTEER };
struct index_profile {
	int64_t nid;
	enum node_type type;
	char language[4];
	char country[3];            /* ISO 3166-1 alpha-2; "" unknown */
	int64_t population;         /* -1 unknown: a practice's own, else its city node's, else
				       the gazetteer's for its city */
	enum index_source population_from;
	double lat, lon;            /* its city node's, else the gazetteer's; NaN unknown */
	int evidence;               /* 1: a practice with impact figures */
	const float *adopters;      /* [nadopters]: ln population of each adopter whose
				       population is known (hub city, else gazetteer, when
				       the practice was indexed); borrowed from the index */
	size_t nadopters;
	size_t adopters_all;        /* adopters in all */
	const char *title;          /* borrowed */
	const char *city_name, *country_name; /* a practice's, as the node writes them (FACET_CITY's and
				       FACET_COUNTRY's values); NULL when it has none. Borrowed */
	const uint32_t *themes;     /* [nthemes]: FACET_THEMES << 28 | the id of each of its themes
				       (index_facet_value(ix, FACET_THEMES, v & 0xfffffff)) */
	size_t nthemes;
};
/* nid's profile; -1 when nid is not indexed. */
int index_profile(const struct index *ix, int64_t nid, struct index_profile *out);
/* The hub's city node filed under place key (index_place_key's or
 * place_key's form, "PT:porto"): 0 with its profile, -1 if none. */
int index_city_profile(const struct index *ix, const char *key, struct index_profile *out);
/* Calls fn for every live city node (in no particular order) until it returns non-zero. */
void index_each_city(const struct index *ix, int (*fn)(const struct index_profile *p, void *arg), void *arg);

struct index_query {
	const char *text;                   /* the query language: see index_query.c */
	const struct index_filter *filters; /* borrowed */
	size_t nfilters;
	size_t offset, limit; /* the page of hits wanted */
	int facets;           /* 1: count facet values over the whole result set */
	int snippets;         /* 1: fill each hit's snippet (from the index's own copy of the
				 text; the store only if that copy was lost) */
	struct store *store;  /* for snippets whose text the index lost; may be NULL */
	struct index_range population; /* when set, only the nodes whose population is given
					  and in it (a city size filter may AND with it) */
	int newest;           /* 1: hits newest first (created, then nid) even when the
				 query has words; they match as they would ranked */
	int places;           /* 1: count the result's practices per place (the map) */
	int any;              /* 1: a document needs one of the query's words, not all (each
				 adds to its score): a need's words rather than a search's */
	/* When set, each hit of the page is handed to each() (with its
	 * profile, its score and a bit per group of the query's words it has:
	 * see index_result.groups) instead of going into r->hits: no titles,
	 * no snippets, nothing allocated per hit. */
	void (*each)(const struct index_profile *p, double score, uint32_t groups, void *arg);
	void *each_arg;
};

struct index_hit {
	int64_t nid;
	double score;
	enum node_type type;
	char language[4];
	char *title;   /* owned by the result */
	char *snippet; /* owned; HTML-escaped text with <mark> around matches; NULL if none */
};

struct index_count {
	char *value; /* owned by the result */
	size_t count;
};

struct index_result {
	size_t total;           /* hits in all */
	struct index_hit *hits; /* [nhits], the page asked for */
	size_t nhits;
	struct index_count *facets[FACET_COUNT]; /* [nfacet[f]], largest count first */
	size_t nfacet[FACET_COUNT];
	struct index_count *places; /* [nplaces] when asked: the practices of the whole result
				       per FACET_PLACE key (a practice has one, canonical when
				       the gazetteer knows its city), largest count first */
	size_t nplaces;
	char *did_you_mean;        /* owned; the query with misspelt words corrected, when the
				      corrected query finds something; else NULL */
	struct strlist translated; /* query words matched through translation */
	struct strlist left_out;   /* query words, as typed, that no document has even
				      translated or corrected: left out of a query whose
				      other words find something, rather than empty it */
	struct strlist groups; /* the query's words by group (what index_query.each's bits
				  name), as typed; "" for stop words and exclusions */
	uint64_t work; /* positions and words the search visited: at most 4,000,000 */
	int partial;   /* 1: that budget ran out, so some phrases were not checked
			  (their unchecked documents rank last), proximity or
			  snippets were skipped */
	int words;     /* 1: the query has words to rank by (not only -exclusions
			  and filters): ranked by score unless newest was asked */
};

/* Runs q. On success the caller frees r with index_result_free(). A query
 * that cannot be read returns PX_EPARSE with why set (a 4xx, not a 5xx); one
 * over the limits (more than 32 words, a phrase of more than 16) returns
 * PX_ETOOBIG with why set (a 400; the web translates why). */
enum px_err index_search(const struct index *ix, const struct index_query *q, struct index_result *r,
			 struct buf *why) PX_WUR;
void index_result_free(struct index_result *r);
/* r as one JSON object: {"total", "hits": [{"nid", "type", "title", "score",
 * "snippet", "language"}], "facets": {field: {value: count}}, "places": {place
 * key: practices} (only when asked), "did_you_mean", "translated", "partial",
 * "work"}. Caller releases it with json_decref(); NULL when out of
 * memory. */
json_t *index_result_json(const struct index_result *r);
/* How those objects are written, by the command line and the API alike. */
#define INDEX_JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6))
/* The "hits" array alone. */
json_t *index_hits_json(const struct index_result *r);

/* Damerau-Levenshtein distance of a and b (their first TEXT_TOKEN_MAX code
 * points), or max + 1 when it is above max (typo.c). */
int index_typo_distance(const char *a, size_t na, const char *b, size_t nb, int max);

/* One list of nodes like a node: of the types in types (a bit per enum
 * node_type: 1u << NODE_PRACTICE, ...), the best limit. */
struct index_similar_want {
	unsigned types;
	size_t limit;
	struct index_result r; /* set by index_similar(); the caller frees it */
};
#define INDEX_SIMILAR_WANTS 4 /* lists one call fills at most */
#define INDEX_SIMILAR_ALL   (1u << NODE_PRACTICE | 1u << NODE_ARTICLE | 1u << NODE_CITY | 1u << NODE_NETWORK)

/* The nodes most like n (shared themes, telling words, places and city
 * size: see similar.c), best first, n itself left out, scored once and
 * sorted into each of the nwant lists: its r.hits [0, limit) of its types,
 * r.total = every node of those types sharing something with n. No facets,
 * snippets or suggestions. On error every r is empty. */
enum px_err index_similar(const struct index *ix, const struct node *n, struct index_similar_want *want,
			  size_t nwant) PX_WUR;

/* What a change of a node meets, for the page cache. index_node_terms()
 * calls fn with each term index_put() files n's words under (compound parts
 * included; repeats possible); it may add terms to ix, so the caller holds
 * the write lock. index_node_facets() calls fn with each counted facet value
 * (its folded key, as filters compare) of node nid as ix holds it; 1 if nid
 * is indexed and live, else 0 (no call). */
enum px_err index_node_terms(struct index *ix, const struct node *n,
			     void (*fn)(const char *term, size_t len, void *arg), void *arg) PX_WUR;
int index_node_facets(const struct index *ix, int64_t nid,
		      void (*fn)(enum index_facet f, const char *key, void *arg), void *arg);

/* Appends a line "NAME VERSION" for each library the index runs with, as the
 * library reports it at run time (CRoaring tells its version only at compile
 * time). PX_ENOMEM if out is full. */
enum px_err index_lib_versions(struct buf *out) PX_WUR;

#endif
