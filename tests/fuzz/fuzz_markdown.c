/* libFuzzer target: Markdown as the node pages render it (html_markdown:
 * cmark in safe mode, quotes escaped). Properties: the markup holds no
 * script or style element, no iframe, object, embed or raw-HTML tag of any
 * kind but cmark's own, no on* attribute, no javascript:, vbscript: or
 * data: link, and no raw ' (every quote of text escaped). */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The tags cmark writes for CommonMark: anything else came from the input. */
static const char *const allowed[] = {"p",          "em", "strong", "a",  "img", "code", "pre",
				      "blockquote", "ul", "ol",     "li", "h1",  "h2",   "h3",
				      "h4",         "h5", "h6",     "hr", "br",  NULL};

static int unsafe_url(const char *v)
{
	v += strspn(v, " \t\n");
	return !strncasecmp(v, "javascript:", 11) || !strncasecmp(v, "vbscript:", 9) ||
	       (!strncasecmp(v, "data:", 5) && strncasecmp(v, "data:image/", 11));
}

/* A tag cmark wrote, from its name to its '>': an allowed name, then
 * attributes name="value" (cmark quotes every value), none an event
 * handler, no unsafe URL in href or src. */
static void check_tag(const char *t)
{
	size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789");
	int ok = 0;
	for (size_t i = 0; allowed[i]; i++)
		ok |= strlen(allowed[i]) == n && !strncmp(allowed[i], t, n);
	if (!ok)
		abort();
	for (const char *p = t + n;;) {
		p += strspn(p, " \t\n/");
		if (*p == '>' || !*p)
			return;
		size_t k = strspn(p, "abcdefghijklmnopqrstuvwxyz-");
		if (!k || p[k] != '=' || p[k + 1] != '"' || !strncasecmp(p, "on", 2))
			abort(); /* not cmark's, or an event handler */
		const char *v = p + k + 2, *end = strchr(v, '"');
		int url = (k == 4 && !strncmp(p, "href", 4)) || (k == 3 && !strncmp(p, "src", 3));
		if (!end || (url && unsafe_url(v)))
			abort();
		p = end + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = px_strndup((const char *)data, size);
	if (!s)
		return 0;
	struct arena a;
	arena_init(&a);
	const struct tv *v = html_markdown(&a, s);
	if (v && v->s) {
		if (strchr(v->s, '\''))
			abort();
		for (const char *p = strchr(v->s, '<'); p; p = strchr(p + 1, '<'))
			if (p[1] != '/' &&
			    p[1] != '!') /* closing tags and cmark's "raw HTML omitted" comments */
				check_tag(p + 1);
	}
	arena_free(&a);
	free(s);
	return 0;
}
