/* Interface languages: English (the msgids) and the languages of po/LANG.po,
 * compiled into tables by tools/gen_i18n.py. A request's language comes
 * from its path prefix (/fr/...), else from Accept-Language. */
#include "web_int.h"

#include <ctype.h>
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
