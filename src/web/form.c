/* Form bodies (application/x-www-form-urlencoded): name=value pairs joined
 * by '&', '+' for a space, %XX for any byte. Decoded into the request's
 * arena; every name and value must be valid UTF-8 without NUL. */
#include "web_int.h"

#include "../text/text.h"

#include <string.h>
#include <strings.h>

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

static int form_alloc(struct arena *a, struct form *f, size_t fields)
{
	f->names = arena_alloc(a, (fields + 1) * sizeof *f->names);
	f->values = arena_alloc(a, (fields + 1) * sizeof *f->values);
	f->lens = arena_alloc(a, (fields + 1) * sizeof *f->lens);
	f->files = arena_alloc(a, (fields + 1) * sizeof *f->files); /* zeroed: no file */
	return f->names && f->values && f->lens && f->files ? 0 : -1;
}

enum form_error form_parse(struct arena *a, const char *body, size_t len, struct form *f)
{
	memset(f, 0, sizeof *f);
	size_t fields = len > 0;
	for (size_t i = 0; i < len; i++)
		fields += body[i] == '&';
	if (fields > FORM_FIELDS_MAX)
		return FORM_TOO_MANY;
	if (form_alloc(a, f, fields))
		return FORM_NO_MEMORY;
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
				return a->failed ? FORM_NO_MEMORY : FORM_MALFORMED;
			f->names[f->n] = name;
			f->lens[f->n] = strlen(value);
			f->values[f->n++] = value;
		}
		i = end + 1;
	}
	return FORM_OK;
}

long form_find(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->names[i], name))
			return (long)i;
	return -1;
}

const char *form_get(const struct form *f, const char *name)
{
	long i = form_find(f, name);
	return i < 0 ? NULL : f->values[i];
}

enum px_err form_put(struct arena *a, struct form *f, const char *name, const char *value)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name))
			n++;
	const char **names = arena_alloc(a, (n + 1) * sizeof *names);
	const char **values = arena_alloc(a, (n + 1) * sizeof *values);
	const char **files = arena_alloc(a, (n + 1) * sizeof *files);
	size_t *lens = arena_alloc(a, (n + 1) * sizeof *lens);
	if (!names || !values || !files || !lens)
		return PX_ENOMEM;
	size_t o = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name)) {
			names[o] = f->names[i], values[o] = f->values[i];
			files[o] = f->files ? f->files[i] : NULL, lens[o++] = f->lens ? f->lens[i] : strlen(f->values[i]);
		}
	names[o] = name, values[o] = value, files[o] = NULL, lens[o++] = strlen(value);
	*f = (struct form){names, values, lens, files, o};
	return PX_OK;
}

/* ---- multipart/form-data ---- */

/* The value of parameter key (name="x" or name=x) in a header's text
 * [s, end), into the arena; NULL if absent. */
static const char *header_param(struct arena *a, const char *s, const char *end, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = s; p + k < end; p++) {
		if ((p != s && p[-1] != ';' && p[-1] != ' ') || strncasecmp(p, key, k) || p[k] != '=')
			continue;
		const char *v = p + k + 1, *e;
		if (v < end && *v == '"') {
			v++;
			e = memchr(v, '"', (size_t)(end - v));
			if (!e)
				return NULL;
		} else {
			for (e = v; e < end && *e != ';' && *e != ' ' && *e != '\r'; e++)
				;
		}
		return arena_strndup(a, v, (size_t)(e - v));
	}
	return NULL;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	return m <= n ? memmem(hay, n, needle, m) : NULL;
}

/* One part [p, end): its headers up to a blank line, then its content. */
static enum form_error add_part(struct arena *a, struct form *f, const char *p, const char *end)
{
	const char *blank = find(p, (size_t)(end - p), "\r\n\r\n", 4);
	if (f->n == FORM_FIELDS_MAX)
		return FORM_TOO_MANY;
	if (!blank)
		return FORM_MALFORMED;
	const char *name = NULL, *file = NULL;
	for (const char *h = p; h < blank;) { /* the headers, a line each */
		const char *eol = find(h, (size_t)(blank + 2 - h), "\r\n", 2);
		if (!strncasecmp(h, "Content-Disposition:", 20)) {
			name = header_param(a, h, eol, "name");
			file = header_param(a, h, eol, "filename");
		}
		h = eol + 2;
	}
	size_t bad, n = (size_t)(end - (blank + 4));
	/* a value that is not a file is text, as in an urlencoded form */
	if (!name || text_utf8_check(name, strlen(name), &bad) ||
	    (file && text_utf8_check(file, strlen(file), &bad)) ||
	    (!file && (memchr(blank + 4, '\0', n) || text_utf8_check(blank + 4, n, &bad))))
		return a->failed ? FORM_NO_MEMORY : FORM_MALFORMED;
	char *value = arena_alloc(a, n + 1);
	if (!value)
		return FORM_NO_MEMORY;
	memcpy(value, blank + 4, n);
	f->names[f->n] = name;
	f->values[f->n] = value;
	f->lens[f->n] = n;
	f->files[f->n++] = file;
	return FORM_OK;
}

enum form_error form_parse_multipart(struct arena *a, const char *type, const char *body, size_t len,
				     struct form *f)
{
	memset(f, 0, sizeof *f);
	const char *b = header_param(a, type, type + strlen(type), "boundary");
	if (!b || !*b || strlen(b) > 70)
		return a->failed ? FORM_NO_MEMORY : FORM_MALFORMED;
	const char *delim = arena_printf(a, "\r\n--%s", b); /* the first has no CRLF before it */
	if (!delim || form_alloc(a, f, FORM_FIELDS_MAX))
		return FORM_NO_MEMORY;
	size_t dn = strlen(delim);
	const char *end = body + len;
	if (len < dn - 2 || memcmp(body, delim + 2, dn - 2))
		return len ? FORM_MALFORMED : FORM_TRUNCATED; /* not the first delimiter */
	for (const char *p = body + dn - 2;;) {
		if (end - p < 2)
			return FORM_TRUNCATED; /* no closing delimiter */
		if (!memcmp(p, "--", 2))
			return FORM_OK; /* the closing delimiter */
		if (memcmp(p, "\r\n", 2))
			return FORM_MALFORMED;
		p += 2;
		const char *next = find(p, (size_t)(end - p), delim, dn);
		if (!next)
			return FORM_TRUNCATED; /* a part without its end */
		enum form_error err = add_part(a, f, p, next);
		if (err)
			return err;
		p = next + dn;
	}
}
