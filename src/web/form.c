/* Form bodies (application/x-www-form-urlencoded): name=value pairs joined
 * by '&', '+' for a space, %XX for any byte. Decoded into the request's
 * arena; every name and value must be valid UTF-8 without NUL. */
#include "web_int.h"

#include "../text/text.h"

#include <string.h>

static int hex(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* s[0..n) decoded into the arena; NULL if malformed or out of memory (the
 * arena says which). */
static const char *decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[k++] = ' ';
		} else if (s[i] != '%') {
			out[k++] = s[i];
		} else {
			int hi = i + 2 < n ? hex((unsigned char)s[i + 1]) : -1;
			int lo = hi >= 0 ? hex((unsigned char)s[i + 2]) : -1;
			if (lo < 0)
				return NULL;
			out[k++] = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	out[k] = '\0';
	size_t bad;
	return memchr(out, '\0', k) || text_utf8_check(out, k, &bad) ? NULL : out;
}

int form_parse(struct arena *a, const char *body, size_t len, struct form *f)
{
	memset(f, 0, sizeof *f);
	size_t fields = len > 0;
	for (size_t i = 0; i < len; i++)
		fields += body[i] == '&';
	if (fields > FORM_FIELDS_MAX)
		return -1;
	f->names = arena_alloc(a, (fields + 1) * sizeof *f->names);
	f->values = arena_alloc(a, (fields + 1) * sizeof *f->values);
	if (!f->names || !f->values)
		return -1;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		const char *eq = memchr(body + i, '=', end - i);
		size_t nlen = eq ? (size_t)(eq - (body + i)) : end - i;
		if (end > i) { /* "a=1&&b=2": an empty field is skipped */
			const char *name = decode(a, body + i, nlen);
			const char *value = eq ? decode(a, eq + 1, (size_t)(body + end - eq - 1)) : "";
			if (!name || !value)
				return -1;
			f->names[f->n] = name;
			f->values[f->n++] = value;
		}
		i = end + 1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->names[i], name))
			return f->values[i];
	return NULL;
}
