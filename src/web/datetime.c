/* A moment (date and time) as the interface language writes it, by ICU:
 * "6 Dec 2026, 10:32" (UTC). Days alone are i18n_date()'s (i18n.c), which
 * caches them for the many dates of a listing; moments are shown by few
 * pages (a node's history), so they are formatted each time. One formatter
 * per interface language, opened at its first use and kept; ICU
 * formatters are not safe to share between threads, so each is used under
 * its own lock. */
#include "web_int.h"

#include <pthread.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <string.h>

#define LANGS_MAX  16
#define MOMENT_MAX 96 /* bytes of a formatted moment, NUL included */

static struct {
	pthread_mutex_t lock;
	UDateFormat *fmt; /* NULL until first used; owned */
	int failed;       /* ICU could not open it: ISO moments instead */
} moments[LANGS_MAX];
static pthread_once_t moments_once = PTHREAD_ONCE_INIT;

static void moments_init(void)
{
	for (size_t i = 0; i < LANGS_MAX; i++)
		pthread_mutex_init(&moments[i].lock, NULL);
}

/* ms since 1970 in language i into out; -1 if ICU fails. Under i's lock. */
static int icu_moment(size_t i, int64_t ms, char out[MOMENT_MAX])
{
	UErrorCode e = U_ZERO_ERROR;
	UChar tz[] = {'U', 'T', 'C', 0}, buf[MOMENT_MAX];
	if (!moments[i].fmt && !moments[i].failed) {
		moments[i].fmt = udat_open(UDAT_SHORT, UDAT_MEDIUM, i18n_code(i), tz, -1, NULL, 0, &e);
		moments[i].failed = U_FAILURE(e);
		e = U_ZERO_ERROR;
	}
	if (!moments[i].fmt)
		return -1;
	int32_t n = udat_format(moments[i].fmt, (UDate)ms, buf, MOMENT_MAX, NULL, &e);
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
	pthread_once(&moments_once, moments_init);
	int i = lang ? i18n_known(lang, strlen(lang)) : -1;
	int rc = -1;
	if (i >= 0 && i < LANGS_MAX) {
		pthread_mutex_lock(&moments[i].lock);
		rc = icu_moment((size_t)i, ms, out);
		pthread_mutex_unlock(&moments[i].lock);
	}
	if (rc) /* "2026-12-06 10:32" */
		return arena_printf(a, "%.10s %.5s", rfc3339, strlen(rfc3339) >= 16 ? rfc3339 + 11 : "");
	return arena_strndup(a, out, strlen(out));
}

void i18n_datetime_free(void)
{
	for (size_t i = 0; i < LANGS_MAX; i++) {
		if (moments[i].fmt)
			udat_close(moments[i].fmt);
		moments[i].fmt = NULL;
	}
}
