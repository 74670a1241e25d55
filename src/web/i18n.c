/* Interface languages: English (the msgids) and the languages of po/LANG.po,
 * compiled into tables by tools/gen_i18n.py. A request's language comes
 * from its path prefix (/fr/...), else from Accept-Language. */
#include "web_int.h"

#include <ctype.h>
#include <pthread.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code, *name; /* the name in the language itself */
} languages[] = {{"en", "English"}, {"de", "Deutsch"},  {"el", "Ελληνικά"},
		 {"es", "Español"}, {"fr", "Français"}, {"it", "Italiano"}};

size_t i18n_count(void)
{
	return sizeof languages / sizeof languages[0];
}

const char *i18n_code(size_t i)
{
	return i < i18n_count() ? languages[i].code : NULL;
}

const char *i18n_name(size_t i)
{
	return i < i18n_count() ? languages[i].name : NULL;
}

int i18n_known(const char *code, size_t n)
{
	for (size_t i = 0; i < i18n_count(); i++)
		if (strlen(languages[i].code) == n && !strncmp(languages[i].code, code, n))
			return (int)i;
	return -1;
}

const char *i18n_text(const char *lang, const char *msgid)
{
	for (size_t c = 0; lang && c < i18n_ncatalogs; c++) {
		const struct i18n_catalog *cat = &i18n_catalogs[c];
		if (strcmp(cat->lang, lang))
			continue;
		size_t lo = 0, hi = cat->n;
		while (lo < hi) { /* msgids sorted by byte */
			size_t mid = lo + (hi - lo) / 2;
			int d = strcmp(cat->pairs[2 * mid], msgid);
			if (!d)
				return cat->pairs[2 * mid + 1];
			if (d < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return msgid;
}

/* "fr-CH;q=0.8": the best known language of an Accept-Language header
 * (its primary subtags; a q of 0 refuses); "en" when none. */
const char *i18n_pick(const char *accept)
{
	const char *best = "en";
	double best_q = 0;
	for (const char *p = accept; p && *p;) {
		p += strspn(p, " ,");
		size_t tag = strcspn(p, ",;");
		size_t primary = strcspn(p, "-,; ");
		double q = 1;
		const char *params = p + tag;
		const char *end = params + strcspn(params, ",");
		const char *qp = strstr(params, "q=");
		if (qp && qp < end)
			q = strtod(qp + 2, NULL);
		int k = primary <= tag ? i18n_known(p, primary) : -1;
		if (k >= 0 && q > best_q) {
			best = languages[k].code;
			best_q = q;
		}
		p = *end ? end + 1 : end;
	}
	return best;
}

/* ---- dates, as the interface language writes them (ICU/CLDR) ----
 *
 * One medium-length date formatter per interface language, opened at the
 * first use and kept: ICU formatters are not safe to share between threads,
 * so each is used under its own lock (a format takes microseconds). */

static struct {
	pthread_mutex_t lock;
	UDateFormat *fmt; /* NULL until first used; owned */
	int failed;       /* ICU could not open it: ISO dates instead */
} date_fmts[sizeof languages / sizeof languages[0]];
static pthread_once_t date_once = PTHREAD_ONCE_INIT;

static void date_init(void)
{
	for (size_t i = 0; i < i18n_count(); i++)
		pthread_mutex_init(&date_fmts[i].lock, NULL);
}

/* Formats ms (since 1970, UTC) with language i's formatter into out (UTF-8). */
static int format_date(size_t i, int64_t ms, char *out, int32_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar tz[] = {'U', 'T', 'C', 0}, buf[64];
	int32_t n = -1;
	pthread_mutex_lock(&date_fmts[i].lock);
	if (!date_fmts[i].fmt && !date_fmts[i].failed) {
		date_fmts[i].fmt = udat_open(UDAT_NONE, UDAT_MEDIUM, languages[i].code, tz, -1, NULL, 0, &e);
		date_fmts[i].failed = U_FAILURE(e);
		e = U_ZERO_ERROR;
	}
	if (date_fmts[i].fmt)
		n = udat_format(date_fmts[i].fmt, (UDate)ms, buf, 64, NULL, &e);
	pthread_mutex_unlock(&date_fmts[i].lock);
	if (n < 0 || U_FAILURE(e))
		return -1;
	u_strToUTF8(out, cap, NULL, buf, n, &e);
	return U_FAILURE(e) ? -1 : 0;
}

const char *i18n_date(struct arena *a, const char *lang, const char *rfc3339)
{
	int64_t ms;
	char out[128];
	if (!rfc3339 || node_date_parse(rfc3339, &ms))
		return NULL;
	pthread_once(&date_once, date_init);
	int i = lang ? i18n_known(lang, strlen(lang)) : -1;
	if (i < 0 || format_date((size_t)i, ms, out, sizeof out))
		return arena_strndup(a, rfc3339, 10); /* YYYY-MM-DD */
	return arena_strndup(a, out, strlen(out));
}

void i18n_free(void)
{
	for (size_t i = 0; i < i18n_count(); i++) {
		if (date_fmts[i].fmt)
			udat_close(date_fmts[i].fmt);
		date_fmts[i].fmt = NULL;
	}
}
