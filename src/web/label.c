/* Values in the reader's language. The hub stores a value as written, in
 * English for the vocabulary it knows ("Housing", "Spain", "medium"); a page
 * shows the value's label, while its links, the API and the exports keep
 * the value itself.
 *
 *   country, language   CLDR's name through ICU, in the reader's language
 *                       (a country by any name place_country_code() knows)
 *   theme, label, size, the po catalogues, under a message context
 *   type, section       (msgctxt "theme", ...): the vocabulary listed below
 *   city, author, ...   as written
 *
 * A value the catalogue or CLDR does not know is shown as written. */
#include "web_int.h"

#include "../model/model.h"
#include "../place/place.h"

#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define NAME_MAX_UCHARS 128 /* UTF-16 units of a CLDR country or language name */

/* The vocabulary the catalogues translate, for tools/i18n_check.py (every
 * entry must be in every po/LANG.po) and for the tests, which walk it.
 * Themes: those of the hub's listings and generator, and URBACT's and the
 * Urban Innovative Actions' published topics. */
static const char *const themes[] __attribute__((unused)) = {
	NC_("theme", "Jobs and skills"),
	NC_("theme", "Participative governance"),
	NC_("theme", "Social cohesion"),
	NC_("theme", "Poverty"),
	NC_("theme", "Local economy"),
	NC_("theme", "Environment"),
	NC_("theme", "Climate adaptation"),
	NC_("theme", "Energy transition"),
	NC_("theme", "Urban mobility"),
	NC_("theme", "Housing"),
	NC_("theme", "Digital transition"),
	NC_("theme", "Culture and heritage"),
	NC_("theme", "Health"),
	NC_("theme", "Integrated urban development"),
	NC_("theme", "Inclusion of migrants and refugees"),
	NC_("theme", "Education"),
	NC_("theme", "Circular economy"),
	NC_("theme", "Urban regeneration"),
	NC_("theme", "Food"),
	NC_("theme", "Inclusion"),
	NC_("theme", "Mobility"),
	NC_("theme", "Public procurement"),
	NC_("theme", "Gender equality"),
	NC_("theme", "Youth"),
	NC_("theme", "Social innovation"),
	NC_("theme", "Urban planning"),
	NC_("theme", "Air quality"),
	NC_("theme", "Demographic change"),
	NC_("theme", "Nature-based solutions"),
	NC_("theme", "Urban security"),
	NC_("theme", "Sustainable tourism"),
	NC_("theme", "Sustainable land use"),
	NC_("theme", "Climate change"),
	NC_("theme", "Public spaces"),
	NC_("theme", "Smart city"),
	NC_("theme", "Governance"),
};

static const char *const labels[] __attribute__((unused)) = {
	NC_("label", "Urban Innovative Actions"),
	NC_("label", "URBACT Good Practice"),
	NC_("label", "URBACT Transfer Network"),
	NC_("label", "European Urban Initiative"),
	NC_("label", "European Urban Initiative - Innovative Actions"),
	NC_("label", "Urban Agenda for the EU"),
};

/* FACET_CITY_SIZE's values (index.c) and the node types (model.h). */
static const char *const sizes[] __attribute__((unused)) = {
	NC_("size", "small"), NC_("size", "medium"), NC_("size", "large"), NC_("size", "metropolitan"),
	NC_("size", "unknown")};
static const char *const types[] __attribute__((unused)) = {NC_("type", "practice"), NC_("type", "article"),
							    NC_("type", "city"), NC_("type", "network")};

/* Each section key's standard English headings: section_key_heading()'s
 * and the forms the hub's listings write. */
static const char *const standard_headings[SECTION_COUNT][4] = {
	[SECTION_SUMMARY] = {NC_("section", "Summary")},
	[SECTION_SOLUTION] = {NC_("section", "The innovative solution")},
	[SECTION_COLLABORATION] = {NC_("section", "A collaborative and participative work")},
	[SECTION_IMPACT] = {NC_("section", "The impact and results")},
	[SECTION_TRANSFER] = {NC_("section", "Why this good practice should be transferred to other cities?"),
			      "Why this good practices should be transferred to other cities?",
			      "Why these good practices should be transferred to other cities?"},
};

/* The message context of a facet's values; NULL: shown as written. */
static const char *context_of(enum index_facet f)
{
	switch (f) {
	case FACET_THEMES:
		return "theme";
	case FACET_LABELS:
		return "label";
	case FACET_CITY_SIZE:
		return "size";
	case FACET_TYPE:
		return "type";
	default:
		return NULL;
	}
}

/* u[0..n) as UTF-8 in the arena, its first letter upper-cased when title
 * (CLDR writes "allemand", a list item starts "Allemand"); NULL on failure. */
static const char *utf8_of(struct arena *a, UChar *u, int32_t n, int title)
{
	char out[4 * NAME_MAX_UCHARS];
	int32_t len = 0;
	UErrorCode e = U_ZERO_ERROR;
	if (title && n > 0 && !U16_IS_SURROGATE(u[0]))
		u[0] = (UChar)u_totitle(u[0]);
	u_strToUTF8(out, sizeof out, &len, u, n, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return arena_strndup(a, out, (size_t)len);
}

/* The country named value, in lang; NULL if place/ or CLDR does not know it. */
static const char *country_label(struct request *rq, const char *value)
{
	char code[3], locale[8] = "und_";
	if (place_country_code(value, code))
		return NULL;
	if (!strcmp(rq->lang, "en"))
		return place_country_name(code); /* the hub's own English name */
	memcpy(locale + 4, code, 3);
	UChar u[NAME_MAX_UCHARS];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = uloc_getDisplayCountry(locale, rq->lang, u, NAME_MAX_UCHARS, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || n <= 0)
		return NULL;
	const char *s = utf8_of(&rq->a, u, n, 0);
	return s && strcmp(s, code) ? s : NULL; /* ICU gives the code when CLDR has no name */
}

/* The language of ISO 639-1 code value, in lang; NULL if CLDR has no name. */
static const char *language_label(struct request *rq, const char *value)
{
	UChar u[NAME_MAX_UCHARS];
	UErrorCode e = U_ZERO_ERROR;
	if (strlen(value) < 2 || strlen(value) > 3 || strchr(value, '_') || strchr(value, '-'))
		return NULL; /* a code, not a locale: "en_GB" is no language */
	int32_t n = uloc_getDisplayLanguage(value, rq->lang, u, NAME_MAX_UCHARS, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || n <= 0)
		return NULL;
	const char *s = utf8_of(&rq->a, u, n, 1);
	return s && strcasecmp(s, value) ? s : NULL;
}

const char *value_label(struct request *rq, enum index_facet f, const char *value)
{
	const char *label = NULL;
	if (!value || !*value)
		return value;
	if (f == FACET_COUNTRY)
		label = country_label(rq, value);
	else if (f == FACET_LANGUAGE)
		label = language_label(rq, value);
	else if (f == FACET_PLACE)
		label = map_place_label(rq, value); /* "PT:porto" is "Porto, Portugal" */
	else if (context_of(f))
		label = i18n_ptext(rq->lang, context_of(f), value);
	return label ? label : value;
}

const char *value_section_heading(struct request *rq, enum section_key key, const char *heading)
{
	if (key >= SECTION_COUNT || !heading)
		return heading;
	for (size_t i = 0; i < sizeof standard_headings[key] / sizeof standard_headings[key][0]; i++) {
		const char *standard = standard_headings[key][i];
		if (standard && !strcmp(standard, heading)) {
			const char *t = i18n_ptext(rq->lang, "section", standard_headings[key][0]);
			return t ? t : heading; /* English: as written */
		}
	}
	return heading;
}
