/* The countries' names, from ICU: every ISO 3166-1 country as CLDR names it
 * in the EU's official languages and Spain's and Luxembourg's co-official
 * ones (uloc_getDisplayCountry), with CLDR's short and variant forms ("UK",
 * "Czech Republic", "Türkiye") and, for Irish and Maltese, the name without
 * its article ("an Spáinn" is also "Spáinn", "il-Ġermanja" "Ġermanja"); plus
 * the aliases below, and each country's alpha-2 and alpha-3 codes. Names
 * are folded as place_fold() folds them; of two countries with one name,
 * the first added wins: English, then the aliases, then the other
 * languages in the order of LANGS. */
#include "place_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define COUNTRY_NAME_MAX 256 /* bytes of a country's name in UTF-8 */

static const char *const LANGS[] = {"en", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr",
				    "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt",
				    "ro", "sk", "sl", "sv", "ca", "eu", "gl", "lb"};

/* Names the hub's data uses that CLDR does not give (the EU's own codes
 * EL and UK among them). */
static const struct {
	const char *name, *code;
} ALIASES[] = {
	{"The Netherlands", "NL"},
	{"Holland", "NL"},
	{"Czech Republic", "CZ"},
	{"UK", "GB"},
	{"Great Britain", "GB"},
	{"Britain", "GB"},
	{"England", "GB"},
	{"Scotland", "GB"},
	{"Wales", "GB"},
	{"Northern Ireland", "GB"},
	{"EL", "GR"},
	{"Bosnia-Herzegovina", "BA"},
	{"Macedonia", "MK"},
	{"Republic of North Macedonia", "MK"},
	{"Slovak Republic", "SK"},
	{"Republic of Ireland", "IE"},
	{"Russian Federation", "RU"},
	{"Republic of Moldova", "MD"},
	{"Turkey", "TR"},
	{"Vatican", "VA"},
	{"Vatican City", "VA"},
	{"Republic of Cyprus", "CY"},
};

struct name {
	uint32_t key;   /* offset of the folded name in names_text */
	uint32_t order; /* the order it was added in: the first wins */
	char code[3];
};

static struct buf names_text;        /* folded names, NUL-terminated, one after another */
static struct buf names;             /* struct name[], sorted by key then order once built */
static struct buf english;           /* the English names, NUL-terminated */
static uint32_t english_at[26 * 26]; /* "ES" → offset of "Spain" in english, 0: none */

static int code_index(const char *code)
{
	if (!code || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' || code[2])
		return -1;
	return (code[0] - 'A') * 26 + (code[1] - 'A');
}

static enum px_err add_name(const char *name, const char *code)
{
	char folded[PLACE_NAME_MAX];
	size_t n = place_fold(name, folded, sizeof folded);
	if (!n)
		return PX_OK; /* nothing to match */
	struct name e = {(uint32_t)names_text.len, (uint32_t)(names.len / sizeof e), {code[0], code[1], 0}};
	enum px_err err = buf_add(&names_text, folded, n + 1);
	return err ? err : buf_add(&names, &e, sizeof e);
}

/* s[0..n) (UTF-16) as UTF-8 in out[COUNTRY_NAME_MAX]; returns its length, 0
 * if it does not fit (no country's name is that long). */
static size_t to_utf8(const UChar *s, int32_t n, char *out)
{
	int32_t len = 0;
	UErrorCode uerr = U_ZERO_ERROR;
	u_strToUTF8(out, COUNTRY_NAME_MAX, &len, s, n, &uerr);
	return U_FAILURE(uerr) || uerr == U_STRING_NOT_TERMINATED_WARNING ? 0 : (size_t)len;
}

/* code's name in lang as UTF-8 in out[COUNTRY_NAME_MAX]; returns its
 * length, 0 if CLDR has none (ICU then gives the code itself). */
static size_t display_name(const char *code, const char *lang, char *out)
{
	char locale[8] = "und_";
	memcpy(locale + 4, code, 3);
	UChar u[COUNTRY_NAME_MAX];
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t n = uloc_getDisplayCountry(locale, lang, u, COUNTRY_NAME_MAX, &uerr);
	if (U_FAILURE(uerr) || uerr == U_STRING_NOT_TERMINATED_WARNING || n <= 0 || !to_utf8(u, n, out))
		return 0;
	return strcmp(out, code) ? strlen(out) : 0;
}

/* Adds name, of code in lang; an Irish or Maltese name also without its
 * article. */
static enum px_err add_lang_name(const char *name, const char *code, const char *lang)
{
	enum px_err err = add_name(name, code);
	const char *bare = NULL;
	if (!strcmp(lang, "ga") && !strncmp(name, "an ", 3)) /* "an Spáinn", "an tSeicia" */
		bare = name + 3 + (name[3] == 't' && name[4] >= 'A' && name[4] <= 'Z');
	else if (!strcmp(lang, "mt") && (bare = strchr(name, '-')) && bare - name <= 3 && name[0] != '-')
		bare++; /* "il-Ġermanja", "l-Italja", "iċ-Ċad": an article of one to three bytes */
	else
		bare = NULL;
	return err ? err : bare && *bare ? add_name(bare, code) : PX_OK;
}

static enum px_err add_icu_name(const char *code, const char *lang)
{
	char name[COUNTRY_NAME_MAX];
	return display_name(code, lang, name) ? add_lang_name(name, code, lang) : PX_OK;
}

/* CLDR's "Countries%short" and "Countries%variant" tables of lang. */
static enum px_err add_icu_forms(const char *lang, const char *table)
{
	UErrorCode uerr = U_ZERO_ERROR;
	UResourceBundle *r = ures_open(U_ICUDATA_NAME "-region", lang, &uerr);
	UResourceBundle *t = ures_getByKey(r, table, NULL, &uerr);
	enum px_err err = PX_OK;
	while (!err && U_SUCCESS(uerr) && ures_hasNext(t)) {
		int32_t n = 0;
		const char *key = NULL;
		char name[COUNTRY_NAME_MAX];
		const UChar *s = ures_getNextString(t, &n, &key, &uerr);
		if (U_SUCCESS(uerr) && key && code_index(key) >= 0 && english_at[code_index(key)] &&
		    to_utf8(s, n, name)) /* a country's, not "UN"'s */
			err = add_lang_name(name, key, lang);
	}
	ures_close(t);
	ures_close(r);
	return err;
}

/* The English name as the hub writes it: "Bosnia and Herzegovina", not CLDR's "&". */
static enum px_err add_english(const char *code)
{
	char name[COUNTRY_NAME_MAX];
	if (!display_name(code, "en", name))
		return PX_OK;
	english_at[code_index(code)] = (uint32_t)english.len;
	enum px_err err = PX_OK;
	for (const char *s = name; !err && *s;) {
		const char *amp = strstr(s, " & ");
		size_t k = amp ? (size_t)(amp - s) : strlen(s);
		err = buf_add(&english, s, k);
		if (!err && amp)
			err = buf_adds(&english, " and ");
		s += k + (amp ? 3 : 0);
	}
	return err ? err : buf_addc(&english, '\0');
}

/* Each current ISO code with an English name: its names in English, its codes. */
static enum px_err add_codes(void)
{
	enum px_err err = buf_addc(&english, '\0'); /* offset 0: no name */
	for (const char *const *c = uloc_getISOCountries(); !err && *c; c++) {
		if (code_index(*c) < 0 || (err = add_english(*c)) || !english_at[code_index(*c)])
			continue;
		err = add_icu_name(*c, "en");
		if (!err) /* "Bosnia and Herzegovina" too */
			err = add_name(english.data + english_at[code_index(*c)], *c);
		if (!err)
			err = add_name(*c, *c);
		char locale[8] = "und_";
		memcpy(locale + 4, *c, 3);
		const char *iso3 = uloc_getISO3Country(locale);
		if (!err && iso3 && *iso3)
			err = add_name(iso3, *c);
	}
	return err;
}

static int by_key(const void *a, const void *b, void *text)
{
	const struct name *x = a, *y = b;
	int d = strcmp((const char *)text + x->key, (const char *)text + y->key);
	return d ? d : (x->order > y->order) - (x->order < y->order);
}

enum px_err place_countries_init(void)
{
	buf_init(&names_text, BUF_CAP_DEFAULT);
	buf_init(&names, BUF_CAP_DEFAULT);
	buf_init(&english, BUF_CAP_DEFAULT);
	memset(english_at, 0, sizeof english_at);
	enum px_err err = add_codes();
	for (size_t i = 0; !err && i < sizeof ALIASES / sizeof ALIASES[0]; i++)
		err = add_name(ALIASES[i].name, ALIASES[i].code);
	for (size_t l = 0; !err && l < sizeof LANGS / sizeof LANGS[0]; l++) {
		for (const char *const *c = uloc_getISOCountries(); !err && *c; c++)
			if (code_index(*c) >= 0 && english_at[code_index(*c)] && l > 0)
				err = add_icu_name(*c, LANGS[l]);
		if (!err)
			err = add_icu_forms(LANGS[l], "Countries%short");
		if (!err)
			err = add_icu_forms(LANGS[l], "Countries%variant");
	}
	if (err) {
		place_countries_free();
		return err;
	}
	qsort_r(names.data, names.len / sizeof(struct name), sizeof(struct name), by_key, names_text.data);
	return PX_OK;
}

void place_countries_free(void)
{
	buf_free(&names_text);
	buf_free(&names);
	buf_free(&english);
	memset(english_at, 0, sizeof english_at);
}

/* The code named by the folded name key, or NULL. */
static const char *code_named(const char *key)
{
	const struct name *v = (const struct name *)(const void *)names.data;
	size_t lo = 0, hi = names.len / sizeof *v; /* the first entry with this key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(names_text.data + v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < names.len / sizeof *v && !strcmp(names_text.data + v[lo].key, key) ? v[lo].code : NULL;
}

int place_country_code(const char *country, char code[3])
{
	char key[PLACE_NAME_MAX];
	if (place_init() || !place_fold(country, key, sizeof key))
		return -1;
	const char *c = code_named(key);
	if (!c && !strncmp(key, "the ", 4)) /* "the Czech Republic" */
		c = code_named(key + 4);
	if (!c)
		return -1;
	memcpy(code, c, 3);
	return 0;
}

const char *place_country_name(const char *code)
{
	char upper[3] = {0};
	for (int i = 0; code && i < 2 && code[i]; i++)
		upper[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
	int i = code && strlen(code) == 2 ? code_index(upper) : -1;
	if (i < 0 || place_init() || !english_at[i])
		return NULL;
	return english.data + english_at[i];
}

int place_country_language(const char *code, char lang[4])
{
	char und[8], likely[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;
	if (!code || strlen(code) != 2)
		return -1;
	memcpy(und, "und_", 4);
	memcpy(und + 4, code, 3);
	uloc_addLikelySubtags(und, likely, sizeof likely, &st);
	if (U_FAILURE(st))
		return -1;
	st = U_ZERO_ERROR;
	int32_t n = uloc_getLanguage(likely, lang, 4, &st);
	return U_FAILURE(st) || n != 2 || st == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}
