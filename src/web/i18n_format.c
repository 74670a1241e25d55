/* Numbers, moments and alphabetical order the way the reader's language
 * has them (ICU/CLDR): "1 000 000" in French, "1.000.000" in German; "6
 * Dec 2026, 10:32" (UTC); "Å" after "Z" in Swedish but beside "A" in
 * French. Days alone are i18n_date()'s (i18n.c), which caches them for
 * the many dates of a listing; moments are shown by few pages (a node's
 * history), so they are formatted each time.
 *
 * One number formatter, one moment formatter and one collator per
 * interface language, opened at the first use and kept. ICU's formatters and collators are not promised
 * safe to share between threads, so each language's pair is used under its
 * own lock, and only for a moment: a sort asks for sort keys under the lock
 * and compares them (plain bytes) outside it. */
#include "web_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/uenum.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#define NUMBER_MAX 64   /* bytes of a formatted number, NUL included */
#define MOMENT_MAX 96   /* bytes of a formatted moment, NUL included */
#define KEY_UCHARS 1024 /* UTF-16 units of a value a sort key is made from
			   (values are names, at most NODE_NAME_MAX bytes) */
#define LANGS      I18N_LANGS
#define REAL_DIGITS 6   /* fraction digits a real keeps: 0.000001, not 1e-6 nor 0 */

static struct {
	pthread_mutex_t lock;
	UNumberFormat *num; /* NULL until first used, or when ICU could not open it */
	UCollator *coll;    /* the same */
	UDateFormat *moment; /* the same */
	int num_tried, coll_tried, moment_tried;
} fmts[LANGS];
static pthread_once_t fmts_once = PTHREAD_ONCE_INIT;

static void fmts_init(void)
{
	for (size_t i = 0; i < LANGS; i++)
		pthread_mutex_init(&fmts[i].lock, NULL);
}

/* The index of lang among the interface languages, or -1. */
static int lang_slot(const char *lang)
{
	int i = lang ? i18n_known(lang, strlen(lang)) : -1;
	if (i < 0 || i >= LANGS)
		return -1;
	pthread_once(&fmts_once, fmts_init);
	return i;
}

/* Language i's number formatter, opened at the first use; NULL if ICU
 * cannot. Under the language's lock. Fractions keep up to REAL_DIGITS
 * digits (an integer shows none). */
static UNumberFormat *number_format(int i)
{
	UErrorCode e = U_ZERO_ERROR;
	if (!fmts[i].num_tried) {
		fmts[i].num_tried = 1;
		fmts[i].num = unum_open(UNUM_DECIMAL, NULL, 0, i18n_code((size_t)i), NULL, &e);
		if (U_FAILURE(e))
			fmts[i].num = NULL;
		else
			unum_setAttribute(fmts[i].num, UNUM_MAX_FRACTION_DIGITS, REAL_DIGITS);
	}
	return fmts[i].num;
}

/* UTF-16 buf[0..len) (len < 0: ICU failed) as UTF-8 into out; -1 on failure. */
static int number_utf8(const UChar *buf, int32_t len, UErrorCode e, char out[NUMBER_MAX])
{
	if (U_FAILURE(e) || len < 0)
		return -1;
	u_strToUTF8(out, NUMBER_MAX, NULL, buf, len, &e);
	return U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}

/* n (or v, when real) in language i into out; -1 if ICU fails. Under the
 * language's lock. */
static int icu_number(int i, int64_t n, const double *real, char out[NUMBER_MAX])
{
	UErrorCode e = U_ZERO_ERROR;
	UChar buf[NUMBER_MAX];
	UNumberFormat *f = number_format(i);
	if (!f)
		return -1;
	int32_t len = real ? unum_formatDouble(f, *real, buf, NUMBER_MAX, NULL, &e)
			   : unum_formatInt64(f, n, buf, NUMBER_MAX, NULL, &e);
	return number_utf8(buf, len, e, out);
}

/* The number in lang, or NULL if ICU cannot say it. */
static const char *format_number(struct arena *a, const char *lang, int64_t n, const double *real)
{
	char out[NUMBER_MAX];
	int i = lang_slot(lang), rc = -1;
	if (i >= 0) {
		pthread_mutex_lock(&fmts[i].lock);
		rc = icu_number(i, n, real, out);
		pthread_mutex_unlock(&fmts[i].lock);
	}
	return rc ? NULL : arena_strndup(a, out, strlen(out));
}

const char *i18n_number(struct arena *a, const char *lang, int64_t n)
{
	const char *s = format_number(a, lang, n, NULL);
	return s ? s : arena_printf(a, "%lld", (long long)n);
}

const char *i18n_real(struct arena *a, const char *lang, double v)
{
	const char *s = format_number(a, lang, 0, &v);
	char plain[32];
	if (s)
		return s;
	field_real_format(v, plain);
	return arena_strndup(a, plain, strlen(plain));
}

/* s's sort key by language i's collator, in the arena; NULL if ICU fails.
 * Under the language's lock. */
static char *icu_sort_key(struct arena *a, int i, const char *s)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar u[KEY_UCHARS];
	int32_t ulen = 0;
	if (!fmts[i].coll_tried) {
		fmts[i].coll_tried = 1;
		fmts[i].coll = ucol_open(i18n_code((size_t)i), &e);
		if (U_FAILURE(e))
			fmts[i].coll = NULL;
		e = U_ZERO_ERROR;
	}
	if (!fmts[i].coll)
		return NULL;
	u_strFromUTF8Lenient(u, KEY_UCHARS, &ulen, s, -1, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING)
		ulen = KEY_UCHARS, e = U_ZERO_ERROR; /* a longer value sorts by its start */
	if (U_FAILURE(e))
		return NULL;
	int32_t need = ucol_getSortKey(fmts[i].coll, u, ulen, NULL, 0);
	uint8_t *key = need > 0 ? arena_alloc(a, (size_t)need) : NULL;
	if (!key || ucol_getSortKey(fmts[i].coll, u, ulen, key, need) != need)
		return NULL;
	return (char *)key; /* NUL-terminated, no NUL inside: strcmp() orders them */
}

const char *i18n_sort_key(struct arena *a, const char *lang, const char *s)
{
	int i = lang_slot(lang);
	char *key = NULL;
	if (i >= 0) {
		pthread_mutex_lock(&fmts[i].lock);
		key = icu_sort_key(a, i, s);
		pthread_mutex_unlock(&fmts[i].lock);
	}
	return key ? key : s;
}

/* ms since 1970 in language i into out; -1 if ICU fails. Under the
 * language's lock. */
static int icu_moment(int i, int64_t ms, char out[MOMENT_MAX])
{
	UErrorCode e = U_ZERO_ERROR;
	UChar tz[] = {'U', 'T', 'C', 0}, buf[MOMENT_MAX];
	if (!fmts[i].moment_tried) {
		fmts[i].moment_tried = 1;
		fmts[i].moment = udat_open(UDAT_SHORT, UDAT_MEDIUM, i18n_code((size_t)i), tz, -1, NULL, 0, &e);
		if (U_FAILURE(e))
			fmts[i].moment = NULL;
		e = U_ZERO_ERROR;
	}
	if (!fmts[i].moment)
		return -1;
	int32_t n = udat_format(fmts[i].moment, (UDate)ms, buf, MOMENT_MAX, NULL, &e);
	if (U_FAILURE(e) || n < 0)
		return -1;
	u_strToUTF8(out, MOMENT_MAX, NULL, buf, n, &e);
	return U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}

const char *i18n_datetime(struct arena *a, const char *lang, const char *rfc3339)
{
	int64_t ms;
	char out[MOMENT_MAX];
	if (!rfc3339 || node_date_parse(rfc3339, &ms))
		return NULL;
	int i = lang_slot(lang), rc = -1;
	if (i >= 0) {
		pthread_mutex_lock(&fmts[i].lock);
		rc = icu_moment(i, ms, out);
		pthread_mutex_unlock(&fmts[i].lock);
	}
	if (rc) /* "2026-12-06 10:32" */
		return arena_printf(a, "%.10s %.5s", rfc3339, strlen(rfc3339) >= 16 ? rfc3339 + 11 : "");
	return arena_strndup(a, out, strlen(out));
}

void i18n_format_free(void)
{
	i18n_count_free();
	for (size_t i = 0; i < LANGS; i++) {
		if (fmts[i].num)
			unum_close(fmts[i].num);
		if (fmts[i].coll)
			ucol_close(fmts[i].coll);
		if (fmts[i].moment)
			udat_close(fmts[i].moment);
		fmts[i].num = NULL;
		fmts[i].coll = NULL;
		fmts[i].moment = NULL;
		fmts[i].num_tried = fmts[i].coll_tried = fmts[i].moment_tried = 0;
	}
}

const char *i18n_with_number(struct arena *a, const char *lang, const char *text, int64_t n)
{
	const char *at = strstr(text, "{n}");
	if (!at)
		return text;
	const char *num = i18n_number(a, lang, n);
	return num ? arena_printf(a, "%.*s%s%s", (int)(at - text), text, num, at + 3) : NULL;
}

/* ---- counts: "1 practice", "5 practices", by CLDR's plural rules ----
 *
 * A count's msgid is an ICU MessageFormat pattern with one argument n:
 * "{n, plural, one {# practice} other {# practices}}"; each catalogue's
 * msgstr is the same with its language's CLDR categories (Polish: one, few,
 * many, other). ICU's C API numbers its arguments, so "{n" is given to it
 * as "{0". Each language keeps its opened patterns (ICU parses a pattern
 * once): PLURAL_SLOTS of them, under the language's lock; past that a
 * pattern is opened for each use. */

#define PATTERN_UCHARS 1024 /* UTF-16 units of a plural pattern */
#define COUNT_UCHARS   512  /* UTF-16 units of a formatted count */
#define PLURAL_SLOTS   48   /* patterns kept per language (the hub has about 20) */

struct plural_slot {
	char *pattern;      /* as given (UTF-8, "{n"); owned; NULL: free slot */
	UMessageFormat *fmt; /* owned */
};
static struct plural_slot plurals[LANGS][PLURAL_SLOTS];

/* pattern with its "{n" as "{0", in UTF-16, into u; its length, or -1. */
static int32_t pattern_utf16(const char *pattern, UChar u[PATTERN_UCHARS])
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;
	u_strFromUTF8(u, PATTERN_UCHARS, &len, pattern, -1, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	for (int32_t k = 0; k + 2 < len; k++)
		if (u[k] == '{' && u[k + 1] == 'n' && (u[k + 2] == ',' || u[k + 2] == '}' || u[k + 2] == ' '))
			u[k + 1] = '0';
	return len;
}

/* pattern opened by ICU for language code; NULL if it does not parse. */
static UMessageFormat *plural_open(const char *code, const char *pattern)
{
	UChar u[PATTERN_UCHARS];
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = pattern_utf16(pattern, u);
	if (len < 0)
		return NULL;
	UMessageFormat *f = umsg_open(u, len, code, NULL, &e);
	if (U_FAILURE(e)) {
		if (f)
			umsg_close(f);
		return NULL;
	}
	return f;
}

/* Language i's opened pattern, kept in a slot when one is free (*owned = 0)
 * or for this use only (*owned = 1, the caller closes it). Under the
 * language's lock. */
static UMessageFormat *plural_format(int i, const char *pattern, int *owned)
{
	struct plural_slot *free_slot = NULL;
	*owned = 0;
	for (size_t k = 0; k < PLURAL_SLOTS; k++) {
		struct plural_slot *s = &plurals[i][k];
		if (s->pattern && !strcmp(s->pattern, pattern))
			return s->fmt;
		if (!s->pattern && !free_slot)
			free_slot = s;
	}
	UMessageFormat *f = plural_open(i18n_code((size_t)i), pattern);
	char *copy = f && free_slot ? strdup(pattern) : NULL;
	if (!copy) {
		*owned = 1;
		return f;
	}
	free_slot->pattern = copy;
	free_slot->fmt = f;
	return f;
}

/* n by pattern in language i into out (UTF-8); -1 if ICU cannot. */
static int icu_count(int i, const char *pattern, int64_t n, char *out, size_t cap)
{
	UChar u[COUNT_UCHARS];
	UErrorCode e = U_ZERO_ERROR;
	int owned, rc = -1;
	pthread_mutex_lock(&fmts[i].lock);
	UMessageFormat *f = plural_format(i, pattern, &owned);
	int32_t len = f ? umsg_format(f, u, COUNT_UCHARS, &e, (double)n) : -1;
	if (f && owned)
		umsg_close(f);
	pthread_mutex_unlock(&fmts[i].lock);
	if (len >= 0 && U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING) {
		u_strToUTF8(out, (int32_t)cap, NULL, u, len, &e);
		rc = U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
	}
	return rc;
}

/* Counts this thread formatted: a page repeats them (the map's marks, a
 * count per city), and ICU's format is a tenth of a home page, under the
 * language's lock. Direct-mapped by language, pattern and n; the pattern
 * is kept whole and compared, so an entry is the text ICU gave for it.
 * Longer patterns or texts are formatted each time. Fixed-size, in the
 * thread's own storage: nothing to free when a thread ends. */
#define KEPT_COUNTS  64
#define KEPT_PATTERN 256 /* bytes of a pattern kept, its NUL included */
#define KEPT_TEXT    128 /* bytes of a formatted count kept, its NUL included */

struct kept_count {
	int lang;
	int64_t n;
	char pattern[KEPT_PATTERN]; /* "" while free */
	char text[KEPT_TEXT];
};

static __thread struct kept_count kept_counts[KEPT_COUNTS];

static struct kept_count *kept_slot(int i, const char *pattern, size_t len, int64_t n)
{
	uint64_t h = px_hash(pattern, len) ^ ((uint64_t)n * 0x9E3779B97F4A7C15u) ^ (uint64_t)i;
	return &kept_counts[h % KEPT_COUNTS];
}

const char *i18n_count_pattern(struct arena *a, const char *lang, const char *pattern, int64_t n)
{
	char out[4 * COUNT_UCHARS];
	int i = lang_slot(lang);
	if (i < 0 || !pattern)
		return NULL;
	size_t len = strlen(pattern);
	struct kept_count *k = len && len < KEPT_PATTERN ? kept_slot(i, pattern, len, n) : NULL;
	if (k && k->lang == i && k->n == n && !strcmp(k->pattern, pattern))
		return arena_strndup(a, k->text, strlen(k->text));
	if (icu_count(i, pattern, n, out, sizeof out))
		return NULL;
	size_t olen = strlen(out);
	if (k && olen < KEPT_TEXT) {
		k->lang = i, k->n = n;
		memcpy(k->pattern, pattern, len + 1);
		memcpy(k->text, out, olen + 1);
	}
	return arena_strndup(a, out, olen);
}

const char *i18n_count_text(struct arena *a, const char *lang, const char *msgid, int64_t n)
{
	const char *s = i18n_count_pattern(a, lang, i18n_text(lang, msgid), n);
	if (!s) /* a catalogue's pattern ICU refuses (i18n_plural_check() tells): the English */
		s = i18n_count_pattern(a, "en", msgid, n);
	return s ? s : i18n_number(a, lang, n);
}

void i18n_count_free(void)
{
	for (size_t i = 0; i < LANGS; i++)
		for (size_t k = 0; k < PLURAL_SLOTS; k++) {
			struct plural_slot *s = &plurals[i][k];
			if (s->fmt)
				umsg_close(s->fmt);
			free(s->pattern);
			s->pattern = NULL;
			s->fmt = NULL;
		}
}

/* ---- checking a catalogue's plural patterns ---- */

#define SELECTORS_MAX 256 /* bytes of " one few other " */

/* The selectors of every "{n, plural, ...}" of p (its "=N" cases left out)
 * into out as " one few other " (a space before and after each); -1 if
 * they do not fit. Apostrophe quoting is not followed: the hub's patterns
 * quote no braces. */
static int plural_selectors(const char *p, char out[SELECTORS_MAX])
{
	size_t len = 0;
	out[len++] = ' ';
	while ((p = strstr(p, "plural,"))) {
		p += strlen("plural,");
		p += strspn(p, " \t\n");
		if (!strncmp(p, "offset:", 7))
			p += 7 + strcspn(p + 7, " \t\n");
		for (;;) {
			p += strspn(p, " \t\n");
			size_t sel = strcspn(p, " \t\n{}");
			const char *body = p + sel + strspn(p + sel, " \t\n");
			if (!sel || *body != '{')
				break;
			if (*p != '=') {
				if (len + sel + 2 > SELECTORS_MAX)
					return -1;
				memcpy(out + len, p, sel);
				len += sel;
				out[len++] = ' ';
			}
			int depth = 0; /* past the case's body, nested arguments included */
			for (p = body; *p; p++)
				if (*p == '{')
					depth++;
				else if (*p == '}' && --depth == 0)
					break;
			if (!*p)
				break;
			p++;
		}
	}
	out[len] = 0;
	return 0;
}

/* How many of CLDR's categories for lang are missing from have (" one
 * other "), naming them in why; *want gets how many CLDR has. -1: ICU has
 * no rules for lang. */
static int missing_categories(const char *lang, const char *have, char *why, size_t cap, size_t *want)
{
	UErrorCode e = U_ZERO_ERROR;
	UPluralRules *rules = uplrules_open(lang, &e);
	UEnumeration *kw = U_SUCCESS(e) ? uplrules_getKeywords(rules, &e) : NULL;
	const char *k;
	int32_t klen;
	int missing = 0;
	*want = 0;
	while (kw && U_SUCCESS(e) && (k = uenum_next(kw, &klen, &e))) {
		char key[32];
		(*want)++;
		snprintf(key, sizeof key, " %s ", k);
		if (!strstr(have, key)) {
			size_t at = strlen(why);
			snprintf(why + at, cap - at, "%sno \"%s\"", missing++ ? ", " : "", k);
		}
	}
	int rc = kw && U_SUCCESS(e) ? missing : -1;
	if (kw)
		uenum_close(kw);
	if (rules)
		uplrules_close(rules);
	return rc;
}

int i18n_plural_check(const char *lang, const char *pattern, char *why, size_t cap)
{
	char have[SELECTORS_MAX];
	size_t want, got = 0;
	UMessageFormat *f = plural_open(lang, pattern);
	why[0] = 0;
	if (!f) {
		snprintf(why, cap, "ICU cannot parse it");
		return -1;
	}
	umsg_close(f);
	if (plural_selectors(pattern, have)) {
		snprintf(why, cap, "too many cases");
		return -1;
	}
	int missing = missing_categories(lang, have, why, cap, &want);
	if (missing < 0) {
		snprintf(why, cap, "ICU has no plural rules for %s", lang);
		return -1;
	}
	for (const char *s = have; s[0] && s[1]; s++)
		got += s[0] == ' ';
	if (!missing && got != want) /* each category there, and more: an extra or a repeated one */
		snprintf(why, cap, "%zu cases where %s has %zu categories", got, lang, want);
	return missing || got != want ? -1 : 0;
}

const char *i18n_with(struct arena *a, const char *text, const char *name, const char *value)
{
	const char *hole = arena_printf(a, "{%s}", name);
	const char *at = hole ? strstr(text, hole) : NULL;
	if (!hole || !at)
		return hole ? text : NULL;
	size_t n = strlen(hole);
	return arena_printf(a, "%.*s%s%s", (int)(at - text), text, value ? value : "", at + n);
}
