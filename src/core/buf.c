/* The growable byte buffer (see core.h). Growth doubles, so appends are
 * amortised O(1); the cap is checked before any allocation. */
#include "core.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->size = 0;
	b->cap = cap;
}

void buf_free(struct buf *b)
{
	if (b->size)
		free(b->data);
	b->data = NULL;
	b->len = 0;
	b->size = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (!b->size)
		b->data = NULL; /* borrowed bytes are not ours to write */
	else
		b->data[0] = '\0';
}

void buf_borrow(struct buf *b, const void *p, size_t n)
{
	buf_free(b);
	b->data = n ? (char *)(uintptr_t)p : NULL; /* const: see core.h */
	b->len = n;
}

enum px_err buf_reserve(struct buf *b, size_t n)
{
	if (n > b->cap || b->len > b->cap - n)
		return PX_ETOOBIG;
	size_t need = b->len + n + 1; /* +1 keeps room for the NUL */
	if (need <= b->size)
		return PX_OK;
	size_t size = b->size ? b->size : 64;
	while (size < need)
		size = size > SIZE_MAX / 2 ? need : size * 2;
	char *p = b->size ? realloc(b->data, size) : malloc(size);
	if (!p)
		return PX_ENOMEM;
	if (!b->size && b->len) /* borrowed: now copied */
		memcpy(p, b->data, b->len);
	b->data = p;
	b->size = size;
	return PX_OK;
}

void buf_shrink(struct buf *b)
{
	if (!b->data || b->size <= b->len + 1)
		return;
	char *p = realloc(b->data, b->len + 1);
	if (p) { /* on failure the larger block is still good */
		b->data = p;
		b->size = b->len + 1;
	}
}

enum px_err buf_add(struct buf *b, const void *p, size_t n)
{
	enum px_err err = buf_reserve(b, n);
	if (err)
		return err;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return PX_OK;
}

enum px_err buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

enum px_err buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

enum px_err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return PX_EUSAGE;
	enum px_err err = buf_reserve(b, (size_t)n);
	if (err)
		return err;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return PX_OK;
}

static void set_message(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void set_message(struct buf *b, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	buf_reset(b);
	if (buf_adds(b, msg))
		buf_reset(b);
}

int buf_reject(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(b, fmt, ap);
	va_end(ap);
	return -1;
}

enum px_err buf_reject_parse(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(b, fmt, ap);
	va_end(ap);
	return PX_EPARSE;
}

char *buf_take(struct buf *b)
{
	if (!b->size && buf_reserve(b, 0)) /* empty or borrowed: own it first */
		return NULL;
	b->data[b->len] = '\0';
	char *p = b->data;
	b->data = NULL;
	b->len = b->size = 0;
	return p;
}

enum px_err buf_read_stream(struct buf *b, FILE *f)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		enum px_err err = buf_add(b, chunk, n);
		if (err)
			return err;
	}
	return ferror(f) ? PX_EIO : PX_OK;
}

enum px_err buf_read_file(struct buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return PX_EIO;
	enum px_err err = buf_read_stream(b, f);
	int saved = errno;
	fclose(f);
	errno = saved;
	return err;
}

char *px_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *px_strdup(const char *s)
{
	return px_strndup(s, strlen(s));
}

int px_utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	if (n == max)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* s[n], the first byte left out, continues a character */
	return (int)n;
}

int px_parse_i64(const char *s, size_t n, int allow_neg, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	if (allow_neg && n > 0 && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == n)
		return -1;
	uint64_t v = 0, max = (uint64_t)INT64_MAX + (uint64_t)neg; /* |INT64_MIN| = INT64_MAX + 1 */
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = !neg ? (int64_t)v : v > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)v;
	return 0;
}

uint64_t px_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	return h ^ (h >> 29);
}

void ptrvec_init(struct ptrvec *v)
{
	buf_init(&v->b, BUF_CAP_DEFAULT);
}

void ptrvec_free(struct ptrvec *v)
{
	buf_free(&v->b);
}

enum px_err ptrvec_push(struct ptrvec *v, void *p)
{
	return buf_add(&v->b, &p, sizeof p);
}

enum px_err buf_add_html(struct buf *b, const char *s, size_t n)
{
	size_t from = 0;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		if (!(err = buf_add(b, s + from, i - from)))
			err = buf_adds(b, rep);
		from = i + 1;
	}
	return err ? err : buf_add(b, s + from, n - from);
}

/* The apostrophe is added to a value that starts with a formula character
 * after any apostrophes of its own: "=1" is written "'=1", and "'=1" is
 * written "''=1", so that dropping the first apostrophe of exactly those
 * cells (px_csv_undefuse) gives every value back. */
int px_csv_defuse(const char *s)
{
	while (s && *s == '\'')
		s++;
	return s && *s && strchr("=+-@\t\r", *s) != NULL;
}

size_t px_csv_undefuse(const char *cell)
{
	return cell[0] == '\'' && px_csv_defuse(cell + 1);
}

enum px_err buf_add_csv(struct buf *b, const char *s, int last)
{
	enum px_err err = buf_addc(b, '"');
	if (!err && px_csv_defuse(s))
		err = buf_addc(b, '\'');
	for (; !err && s && *s; s++)
		err = *s == '"' ? buf_adds(b, "\"\"") : buf_addc(b, *s);
	if (!err)
		err = buf_adds(b, last ? "\"\r\n" : "\",");
	return err;
}
