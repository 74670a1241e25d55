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
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#define NUMBER_MAX 64   /* bytes of a formatted number, NUL included */
#define MOMENT_MAX 96   /* bytes of a formatted moment, NUL included */
#define KEY_UCHARS 1024 /* UTF-16 units of a value a sort key is made from
			   (values are names, at most NODE_NAME_MAX bytes) */
#define LANGS      16   /* at least i18n_count() */
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

const char *i18n_with(struct arena *a, const char *text, const char *name, const char *value)
{
	const char *hole = arena_printf(a, "{%s}", name);
	const char *at = hole ? strstr(text, hole) : NULL;
	if (!hole || !at)
		return hole ? text : NULL;
	size_t n = strlen(hole);
	return arena_printf(a, "%.*s%s%s", (int)(at - text), text, value ? value : "", at + n);
}
