/* libFuzzer target: the access log's line (web/access_log.c) from what a
 * client controls: the input, split at NUL bytes, is the method, URI,
 * protocol, Referer and User-Agent. Properties: the line is one
 * line of printable ASCII ending in its only newline; it has exactly the
 * three quoted fields where a Combined Log Format reader looks for them;
 * and each quoted field, its \xHH escapes decoded, gives back what was
 * sent (up to the 4096 bytes a field keeps). */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELD_KEPT 4096 /* access_log.c's FIELD_MAX */

/* The quoted field at *p (past its opening quote), decoded into out; *p
 * left past its closing quote. Aborts on a raw quote's absence. */
static void unquote(const char **p, struct buf *out)
{
	const char *s = *p;
	buf_reset(out);
	while (*s != '"') {
		if (!*s || (unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			abort(); /* the field ran past the line, or a raw byte */
		if (*s == '\\') {
			static const char hex[] = "0123456789ABCDEF";
			const char *hi = strchr(hex, s[2]), *lo = strchr(hex, s[3]);
			if (s[1] != 'x' || !hi || !lo || !s[2] || !s[3])
				abort();
			if (buf_addc(out, (char)((hi - hex) << 4 | (lo - hex))))
				abort();
			s += 4;
		} else {
			if (buf_addc(out, *s++))
				abort();
		}
	}
	*p = s + 1;
}

/* Does got equal want cut at FIELD_KEPT ("-" stands for an empty one)? */
static void same(const struct buf *got, const char *want)
{
	size_t n = strnlen(want, FIELD_KEPT);
	if (!n && got->len == 1 && got->data[0] == '-')
		return;
	if (got->len != n || memcmp(got->data, want, n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 6);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	memset(copy + size, 0, 6);
	const char *f[5];
	const char *p = copy;
	for (size_t i = 0; i < 5; i++) { /* five fields, the missing ones empty */
		f[i] = p;
		p += strlen(p) + (p < copy + size ? 1 : 0);
	}
	struct access_entry e = {.addr = "192.0.2.1",
				 .user = "ana",
				 .method = f[0],
				 .uri = f[1],
				 .protocol = f[2],
				 .referer = f[3],
				 .agent = f[4],
				 .status = 200,
				 .bytes = 1,
				 .seconds = 0.25};
	struct buf line, field;
	buf_init(&line, ACCESS_LINE_MAX); /* what access_log_write() gives it */
	buf_init(&field, (size_t)1 << 20);
	if (access_log_line(&line, &e))
		abort();
	const char *s = line.data, *end = line.data + line.len;
	if (!line.len || end[-1] != '\n' || memchr(s, '\n', line.len - 1))
		abort();
	const char *q = strchr(s, '"');
	if (!q || !memchr(s, ']', (size_t)(q - s)))
		abort(); /* the request line comes after the time */
	q++;
	unquote(&q, &field);
	struct buf want;
	buf_init(&want, (size_t)1 << 20);
	if (*f[0] && *f[1]) {
		if (buf_add(&want, f[0], strnlen(f[0], FIELD_KEPT)) || buf_addc(&want, ' ') ||
		    buf_add(&want, f[1], strnlen(f[1], FIELD_KEPT)) || buf_addc(&want, ' ') ||
		    buf_add(&want, f[2], strnlen(f[2], FIELD_KEPT)))
			abort();
		if (field.len != want.len || memcmp(field.data, want.data ? want.data : "", want.len))
			abort();
	}
	if (strncmp(q, " 200 1 \"", 8))
		abort();
	q += 8;
	unquote(&q, &field);
	same(&field, f[3]);
	if (strncmp(q, " \"", 2))
		abort();
	q += 2;
	unquote(&q, &field);
	same(&field, f[4]);
	if (strcmp(q, " 0.250000\n"))
		abort();
	buf_free(&want);
	buf_free(&field);
	buf_free(&line);
	free(copy);
	return 0;
}
