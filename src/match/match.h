/* match: practices ranked for a city and what it wants to solve
 * (docs/match.md: the score, its components and weights).
 *
 * The reader's city is resolved from the hub's city nodes, else the
 * gazetteer, else a population and a country. Candidates are the search
 * engine's hits for the need (any of its words, cross-lingual included),
 * practices only, within the themes asked; with no words, every practice
 * of those themes (or every practice). Each is scored from its profile,
 * which the index computed when the practice was indexed (index.h,
 * struct index_profile): a match reads no store at all.
 *
 * Depends on index, place, model; not on the web. Thread-safe as
 * index_search() is. */
#ifndef PX_MATCH_H
#define PX_MATCH_H

#include "../core/core.h"
#include "../index/index.h"

#include <jansson.h>

/* The components of the score, each in [0, 1]. */
enum match_component { MC_TEXT, MC_SIZE, MC_PLACE, MC_LANGUAGE, MC_TRANSFER, MC_EVIDENCE, MC_COUNT };
/* "text", "size", "place", "language", "transfer", "evidence". */
const char *match_component_name(enum match_component c);
/* The documented weights (docs/match.md); they sum to 1. */
extern const double match_weights[MC_COUNT];

enum match_source { MATCH_FROM_HUB, MATCH_FROM_GAZETTEER, MATCH_FROM_POPULATION };
const char *match_source_name(enum match_source s); /* "hub", "gazetteer", "population" */

#define MATCH_NAME_MAX 256  /* bytes of a city's name kept */
#define MATCH_LIMIT_MAX 100 /* hits one match returns at most */
#define MATCH_THEMES_MAX 16 /* themes one match asks for at most */
#define MATCH_SUGGEST 8     /* close names an unknown city gets at most */
#define MATCH_NO_POPULATION INT64_MIN /* no population given: the city's */

struct match_city {
	char name[MATCH_NAME_MAX]; /* "" for a population alone */
	char country[3];           /* ISO 3166-1 alpha-2 */
	int64_t population;        /* > 0 */
	double lat, lon;           /* NaN for a population alone */
	enum match_source source;
	int64_t nid;               /* the hub's city node, -1 if none */
	char language[4];          /* the country's main language, "" unknown */
};

struct match_request {
	const char *city;    /* NULL or "" with population */
	const char *country; /* required */
	int64_t population;  /* > 0, or MATCH_NO_POPULATION: the city's */
	const char *text;    /* the need, free text; NULL or "" for none */
	const char *const *themes;
	size_t nthemes;
	size_t limit;        /* 1..MATCH_LIMIT_MAX */
	unsigned off;        /* bit per enum match_component switched off (weight 0): a developer's
			        knob, PRAXIS_MATCH_OFF (match_off_parse) */
};

/* Why a hit ranks where it does: data, rendered by match_reason_text()
 * (English) or by the web in the reader's language. */
enum match_why { WHY_MATCHES, WHY_SIZE, WHY_TRANSFER, WHY_DISTANCE, WHY_COUNTRY, WHY_LANGUAGE, WHY_EVIDENCE };
struct match_reason {
	enum match_why kind;
	int64_t n;                 /* SIZE: the practice's city's population; TRANSFER: adopters of
				      the reader's size; DISTANCE: km */
	int64_t yours;             /* SIZE: the reader's population */
	char words[MATCH_NAME_MAX]; /* MATCHES: the words or themes that matched, ", " between;
				       LANGUAGE: the language code */
};
#define MATCH_REASONS_MAX 7

struct match_hit {
	int64_t nid;
	char *title;   /* owned */
	char *city;    /* owned, as the practice writes it; NULL when it has none */
	char *country; /* owned, as the practice writes it; NULL when it has none */
	double score;  /* in [0, 1] */
	double comp[MC_COUNT];
	struct match_reason why[MATCH_REASONS_MAX];
	size_t nwhy;
};

struct match_result {
	struct match_city city;
	struct match_hit *hits; /* [nhits], best first */
	size_t nhits;
	size_t total; /* candidates scored */
};

/* What went wrong, for the interfaces to say (each a usage error: 400). */
enum match_fail {
	MATCH_OK,
	MATCH_NO_COUNTRY,       /* no country given */
	MATCH_BAD_COUNTRY,      /* a country nobody knows */
	MATCH_NO_CITY,          /* neither a city nor a population */
	MATCH_BAD_POPULATION,   /* a population <= 0 */
	MATCH_UNKNOWN_CITY,     /* 404 on the web: close names in *suggest */
	MATCH_BAD_QUERY,        /* the need cannot be read (why says how) */
	MATCH_TOO_MANY_THEMES,
	MATCH_ERROR             /* out of memory: 503 */
};

/* What f means, in English (the web translates it: the strings are msgids). Static. */
const char *match_fail_text(enum match_fail f);

/* Resolves the reader's city: 0 with *out, else the failure; an unknown
 * city's close names go to suggest (when not NULL; "Porto, Portugal"-less:
 * the names alone, best first). */
enum match_fail match_city_resolve(const struct index *ix, const char *city, const char *country,
				   int64_t population, struct match_city *out, struct strlist *suggest);

/* Runs the match. On MATCH_OK the caller frees r with match_result_free().
 * why gets the engine's message on MATCH_BAD_QUERY. */
enum match_fail match_run(const struct index *ix, const struct match_request *rq,
			  struct match_result *r, struct strlist *suggest, struct buf *why);
void match_result_free(struct match_result *r);

/* A hub city like the reader's (match_cities_like). */
struct match_like {
	int64_t nid;
	const char *title; /* borrowed from the index */
	char country[3];
	int64_t population; /* -1 unknown */
	double likeness;    /* in [0, 1]: size 1/2, proximity 1/4, shared country 1/4 */
};
/* The hub's cities most like city by profile, best first, the city itself
 * (its nid, or its name and country) left out: up to max into out; returns
 * how many. */
size_t match_cities_like(const struct index *ix, const struct match_city *city, struct match_like *out,
			 size_t max);

/* The components named in s ("size,place"), as bits; -1 with an unknown name. */
int match_off_parse(const char *s, unsigned *off);

/* A reason in English: "a city of 232,000, like yours (345,821)". */
enum px_err match_reason_text(const struct match_reason *w, struct buf *out) PX_WUR;

/* The API's object: {"city": {...}, "hits": [...]} (docs/match.md). NULL on ENOMEM. */
json_t *match_result_json(const struct match_result *r);

/* The building blocks, for their tests. */
double match_size_similarity(double ln_a, double ln_b); /* exp(-(a-b)^2 / 2σ²), σ = ln 3 */
double match_km(double lat1, double lon1, double lat2, double lon2); /* great circle */
double match_proximity(double km); /* exp(-km / MATCH_KM_SCALE) */
#define MATCH_KM_SCALE 300.0
/* 1 - exp(-(sum of adopters' size similarities)): a first adopter of the
 * reader's size counts most. */
double match_transfer(const float *ln_adopters, size_t n, double ln_reader, size_t *like_yours);

#endif
