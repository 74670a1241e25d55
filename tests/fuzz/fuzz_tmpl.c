/* libFuzzer target: the template compiler and renderer. Any text either
 * fails to compile with a message or renders without a fault; a rendered
 * value never leaves its context unescaped (a payload's "<" stays "&lt;"
 * in text). The input is split at the first NUL-free "\n---\n" into a
 * template and a partial it may include. */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		struct arena a;
		arena_init(&a);
		struct tv *s = tv_map(&a), *list = tv_list(&a);
		tv_set_str(s, "x", "<script>&\"'"); /* the raw form below */
		tv_set_int(s, "n", 7);
		tv_push(list, s);
		tv_push(list, tv_str(&a, "javascript:x"));
		tv_set(s, "list", list);
		static const char raw[] = "<script>&\"'";
		int literal = strstr(text, "<script>&") || (part && strstr(part, "<script>&"));
		if (tmpl_render(ts, "t", s, NULL, NULL, &out) == PX_OK && out.data && !literal &&
		    strstr(out.data, raw))
			abort(); /* the payload printed raw */
		arena_free(&a);
		tmpl_set_free(ts);
	}
	buf_free(&why);
	buf_free(&out);
	free(text);
	return 0;
}
