/* Interface languages: English (the msgids) and the languages of po/LANG.po,
 * compiled into tables by tools/gen_i18n.py. A request's language comes
 * from its path prefix (/fr/...), else from Accept-Language. */
#include "web_int.h"

#include <ctype.h>
#include <pthread.h>
#include <unicode/udat.h>
#include <unicode/uldnames.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <string.h>

/* The interface's languages: the EU's official ones, English (the msgids)
 * first. tools/i18n_check.py reads this table: each language but English
 * needs its po/CODE.po. Adding one: its code here (I18N_LANGS one more) and
 * its catalogue (README, "Adding a language"). */
static const char *const codes[] = {
	"en", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr",
	"hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
};
_Static_assert(sizeof codes / sizeof codes[0] == I18N_LANGS, "I18N_LANGS counts the codes");

#define LANG_NAME_MAX 64 /* bytes of a language's own name, NUL included */

/* Each language's name in itself, as CLDR writes it in a menu ("polski",
 * "Čeština"): made once, then read-only. */
static char names[I18N_LANGS][LANG_NAME_MAX];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

/* code's name in itself into out; -1 if ICU cannot say it. */
static int own_name(const char *code, char out[LANG_NAME_MAX])
{
	UErrorCode e = U_ZERO_ERROR;
	UDisplayContext ctx = UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU;
	UChar u[LANG_NAME_MAX];
	ULocaleDisplayNames *ldn = uldn_openForContext(code, &ctx, 1, &e);
	if (U_FAILURE(e))
		return -1;
	int32_t n = uldn_localeDisplayName(ldn, code, u, LANG_NAME_MAX, &e);
	uldn_close(ldn);
	if (U_FAILURE(e) || n <= 0)
		return -1;
	u_strToUTF8(out, LANG_NAME_MAX, NULL, u, n, &e);
	return U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}

static void names_init(void)
{
	for (size_t i = 0; i < I18N_LANGS; i++)
		if (own_name(codes[i], names[i]))
			memcpy(names[i], codes[i], strlen(codes[i]) + 1); /* the code rather than nothing */
}

size_t i18n_count(void)
{
	return I18N_LANGS;
}

const char *i18n_code(size_t i)
{
	return i < I18N_LANGS ? codes[i] : NULL;
}

const char *i18n_name(size_t i)
{
	if (i >= I18N_LANGS)
		return NULL;
	pthread_once(&names_once, names_init);
	return names[i];
}

int i18n_known(const char *code, size_t n)
{
	for (size_t i = 0; i < I18N_LANGS; i++)
		if (strlen(codes[i]) == n && !strncmp(codes[i], code, n))
			return (int)i;
	return -1;
}

/* The translation of key (a msgid, or "context\x04msgid") in lang, or NULL. */
static const char *lookup(const char *lang, const char *key)
{
	for (size_t c = 0; lang && c < i18n_ncatalogs; c++) {
		const struct i18n_catalog *cat = &i18n_catalogs[c];
		if (strcmp(cat->lang, lang))
			continue;
		size_t lo = 0, hi = cat->n;
		while (lo < hi) { /* msgids sorted by byte */
			size_t mid = lo + (hi - lo) / 2;
			int d = strcmp(cat->pairs[2 * mid], key);
			if (!d)
				return cat->pairs[2 * mid + 1];
			if (d < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return NULL;
}

const char *i18n_text(const char *lang, const char *msgid)
{
	const char *t = lookup(lang, msgid);
	return t ? t : msgid;
}

const char *i18n_ptext(const char *lang, const char *ctxt, const char *msgid)
{
	char key[I18N_KEY_MAX];
	size_t c = strlen(ctxt), m = strlen(msgid);
	if (!lang || c + 1 + m >= sizeof key)
		return NULL; /* longer than any msgid the catalogues hold */
	memcpy(key, ctxt, c);
	key[c] = '\x04';
	memcpy(key + c + 1, msgid, m + 1);
	return lookup(lang, key);
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
			best = codes[k];
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
 * so each is used under its own lock. A page shows twenty dates, most of a
 * few days: each language keeps its last formatted days (direct-mapped by
 * day number), so ICU formats a day once. */

#define DAY_MS    86400000
#define DAY_SLOTS 256
#define DATE_MAX  64 /* bytes of a formatted date, NUL included */

struct date_slot {
	int64_t day; /* days since 1970, -1 = empty */
	char text[DATE_MAX];
};

static struct {
	pthread_mutex_t lock;
	UDateFormat *fmt; /* NULL until first used; owned */
	int failed;       /* ICU could not open it: ISO dates instead */
	struct date_slot days[DAY_SLOTS];
} date_fmts[I18N_LANGS];
static pthread_once_t date_once = PTHREAD_ONCE_INIT;

static void date_init(void)
{
	for (size_t i = 0; i < i18n_count(); i++) {
		pthread_mutex_init(&date_fmts[i].lock, NULL);
		for (size_t d = 0; d < DAY_SLOTS; d++)
			date_fmts[i].days[d].day = -1;
	}
}

/* The date of day (UTC) in language i, by ICU, into out; -1 if ICU fails.
 * Called under the language's lock. */
static int icu_date(size_t i, int64_t day, char out[DATE_MAX])
{
	UErrorCode e = U_ZERO_ERROR;
	UChar tz[] = {'U', 'T', 'C', 0}, buf[DATE_MAX];
	if (!date_fmts[i].fmt && !date_fmts[i].failed) {
		date_fmts[i].fmt = udat_open(UDAT_NONE, UDAT_MEDIUM, codes[i], tz, -1, NULL, 0, &e);
		date_fmts[i].failed = U_FAILURE(e);
		e = U_ZERO_ERROR;
	}
	if (!date_fmts[i].fmt)
		return -1;
	int32_t n = udat_format(date_fmts[i].fmt, (UDate)day * DAY_MS, buf, DATE_MAX, NULL, &e);
	if (U_FAILURE(e) || n < 0)
		return -1;
	u_strToUTF8(out, DATE_MAX, NULL, buf, n, &e);
	return U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}

static int format_date(size_t i, int64_t ms, char out[DATE_MAX])
{
	if (ms < 0) /* node_date_parse gives none: the slots need a day >= 0 */
		return -1;
	int64_t day = ms / DAY_MS;
	struct date_slot *slot = &date_fmts[i].days[day % DAY_SLOTS];
	int rc = 0;
	pthread_mutex_lock(&date_fmts[i].lock);
	if (slot->day == day) {
		memcpy(out, slot->text, DATE_MAX);
	} else if (!(rc = icu_date(i, day, out))) {
		memcpy(slot->text, out, DATE_MAX);
		slot->day = day;
	}
	pthread_mutex_unlock(&date_fmts[i].lock);
	return rc;
}

const char *i18n_date(struct arena *a, const char *lang, const char *rfc3339)
{
	int64_t ms;
	char out[DATE_MAX];
	if (!rfc3339 || node_date_parse(rfc3339, &ms))
		return NULL;
	pthread_once(&date_once, date_init);
	int i = lang ? i18n_known(lang, strlen(lang)) : -1;
	if (i < 0 || format_date((size_t)i, ms, out))
		return arena_strndup(a, rfc3339, 10); /* YYYY-MM-DD */
	return arena_strndup(a, out, strlen(out));
}

void i18n_free(void)
{
	i18n_format_free();
	for (size_t i = 0; i < i18n_count(); i++) {
		if (date_fmts[i].fmt)
			udat_close(date_fmts[i].fmt);
		date_fmts[i].fmt = NULL;
	}
}
