/* libFuzzer target: the template compiler and renderer. Any text either
 * fails to compile with a message or renders without a fault; a rendered
 * value never leaves its context unescaped, character by character: for
 * each of < > & " ' the page rendered with "QzQ" c "QzQ" holds no more raw
 * copies of that string than the page rendered with "QzQxQzQ" (the
 * template's own text may spell it, around an empty hole), so losing the
 * escape of one character in one context is found, not only of all five.
 * The input is split at the first NUL-free "\n---\n" into a template and a
 * partial it may include. */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Renders template t with x (and a list holding the scope and a URL):
 * how many raw copies of needle the page holds; 0 if it does not render. */
static size_t raw_copies(const struct tmpl_set *ts, const char *x, const char *needle, struct buf *out)
{
	struct arena a;
	arena_init(&a);
	struct tv *s = tv_map(&a), *list = tv_list(&a);
	tv_set_str(s, "x", x);
	tv_set_int(s, "n", 7);
	tv_push(list, s);
	tv_push(list, tv_str(&a, "javascript:x"));
	tv_set(s, "list", list);
	buf_reset(out);
	size_t k = 0;
	if (tmpl_render(ts, "t", s, NULL, NULL, out) == PX_OK && out->data)
		for (const char *p = out->data; (p = strstr(p, needle)); p++)
			k++;
	arena_free(&a);
	return k;
}

/* Each character that must never print raw, alone between markers. */
static void check_each_char(const struct tmpl_set *ts, struct buf *out)
{
	static const char specials[] = "<>&\"'";
	for (const char *c = specials; *c; c++) {
		char payload[8] = "QzQ?QzQ";
		payload[3] = *c;
		if (raw_copies(ts, payload, payload, out) > raw_copies(ts, "QzQxQzQ", payload, out))
			abort(); /* *c printed raw in some context */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = px_strndup((const char *)data, size); /* up to a NUL: templates are text */
	if (!text)
		return 0;
	char *part = strstr(text, "\n---\n");
	if (part) {
		*part = '\0';
		part += 5;
	}
	const char *pairs[] = {"t", text, "p", part ? part : "{{x}}"};
	struct tmpl_set *ts;
	struct buf why, out;
	buf_init(&why, 1024);
	buf_init(&out, 1 << 22);
	if (tmpl_set_from(&ts, pairs, 2, &why) == PX_OK) {
		static const char raw[] = "<script>&\"'";
		if (raw_copies(ts, raw, raw, &out) > raw_copies(ts, "harmless", raw, &out))
			abort(); /* the payload printed raw */
		check_each_char(ts, &out);
		tmpl_set_free(ts);
	}
	buf_free(&why);
	buf_free(&out);
	free(text);
	return 0;
}
