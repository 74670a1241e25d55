/* libFuzzer target: what the web makes of request text. The input is an
 * Accept-Language header, then after a NUL a value (a parameter, a city,
 * the match's city: close names for any spelling);
 * properties: the language picked is one of the hub's; the escapers'
 * output never holds what would end their context (< > " ' in text and
 * attributes; a quote, a backslash or a raw < in JSON; a space or a quote in
 * a URL), a URL never keeps a javascript: scheme; a slug holds no '/'. */
#include "match/match.h"
#include "text/text.h"
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_count(const char *v, size_t n)
{
	int64_t x, again;
	char digits[24];
	if (node_count_parse(v, n, &x))
		return;
	int len = snprintf(digits, sizeof digits, "%lld", (long long)x);
	if (x < 0 || node_count_parse(digits, (size_t)len, &again) || again != x)
		abort();
}

static void check_escapers(const char *v, size_t n)
{
	struct buf out;
	buf_init(&out, 1 << 22);
	if (html_text(&out, v, n) == PX_OK && out.data && strpbrk(out.data, "<>\"'"))
		abort();
	buf_reset(&out);
	if (html_url(&out, v, n) == PX_OK && out.data &&
	    (strpbrk(out.data, " \"'<>`") || !strncasecmp(out.data, "javascript:", 11)))
		abort();
	buf_reset(&out);
	if (html_url_part(&out, v, n) == PX_OK && out.data && strpbrk(out.data, "/?&=#\"' <>"))
		abort();
	buf_reset(&out);
	if (html_json_string(&out, v, n) == PX_OK) {
		/* inside the quotes: every quote escaped, no raw < or & */
		for (size_t i = 1; i + 1 < out.len; i++)
			if (out.data[i] == '<' || out.data[i] == '&' ||
			    (out.data[i] == '"' && out.data[i - 1] != '\\'))
				abort();
	}
	buf_free(&out);
}

/* The value as the match's city (/match?city=...), in Portugal: found, or
 * unknown with at most MATCH_SUGGEST close names, each a gazetteer name
 * (valid UTF-8, not empty); and as PRAXIS_MATCH_OFF's list. */
static void check_match_city(const char *v)
{
	struct match_city c;
	struct strlist near;
	strlist_init(&near);
	enum match_fail f = match_city_resolve(NULL, v, "PT", MATCH_NO_POPULATION, &c, &near);
	size_t bad;
	if (f != MATCH_OK && f != MATCH_UNKNOWN_CITY && !(f == MATCH_NO_CITY && !*v))
		abort();
	if ((f == MATCH_OK && (c.population == 0 || strcmp(c.country, "PT"))) || strlist_len(&near) > MATCH_SUGGEST)
		abort();
	for (size_t i = 0; i < strlist_len(&near); i++)
		if (!*strlist_get(&near, i) || text_utf8_check(strlist_get(&near, i), strlen(strlist_get(&near, i)), &bad))
			abort();
	strlist_free(&near);
	unsigned off;
	if (match_off_parse(v, &off) == 0 && off >> MC_COUNT)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	const char *lang = i18n_pick(s);
	if (i18n_known(lang, strlen(lang)) < 0)
		abort();
	if (gzip_accepted(s) && !strcasestr(s, "gzip") && !strchr(s, '*'))
		abort();
	size_t head = strlen(s);
	const char *v = head < size ? s + head + 1 : "";
	size_t n = head < size ? size - head - 1 : 0;
	check_escapers(v, n);
	check_count(v, n);
	size_t bad;
	if (text_utf8_check(v, strlen(v), &bad) == 0) { /* what a request may carry */
		struct arena a;
		arena_init(&a);
		const char *slug = slug_of(&a, v);
		if (slug && strchr(slug, '/'))
			abort();
		arena_free(&a);
		if (strlen(v) <= 200)
			check_match_city(v);
	}
	free(s);
	return 0;
}
