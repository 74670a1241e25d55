/* libFuzzer target: form bodies. An input starting with 'M' is the rest
 * as multipart/form-data (boundary "XyZ"), else urlencoded. Properties: a
 * body is decoded or refused, never crashes; urlencoded names and values
 * are valid UTF-8 without NUL, and encoding the fields again (each
 * percent-encoded, joined by & and =) and decoding gives the same fields;
 * multipart names are valid UTF-8 and every value lies inside the body.
 * A value that mail_address_ok() takes (a visitor's address on the
 * contact and registration forms) names one mailbox and can end no header:
 * no control character, space, comma, angle bracket, and one '@'. */
#include "store/mail.h"
#include "text/text.h"
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s)
{
	size_t bad;
	if (text_utf8_check(s, strlen(s), &bad))
		abort();
}

static void multipart(struct arena *a, const char *body, size_t size)
{
	struct form f;
	if (form_parse_multipart(a, "multipart/form-data; boundary=XyZ", body, size, &f))
		return;
	for (size_t i = 0; i < f.n; i++) {
		check_text(f.names[i]);
		if (f.files[i])
			check_text(f.files[i]);
		if (f.lens[i] > size)
			abort();
	}
}

static void check_address(const char *s)
{
	if (!mail_address_ok(s))
		return;
	const char *at = strchr(s, '@');
	if (!at || strchr(at + 1, '@') || strlen(s) > MAIL_ADDR_MAX)
		abort();
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr(",<>;\"", *p))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct form f, g;
	if (size && data[0] == 'M') {
		multipart(&a, (const char *)data + 1, size - 1);
	} else if (form_parse(&a, (const char *)data, size, &f) == 0) {
		struct buf b;
		buf_init(&b, 1 << 24);
		enum px_err err = PX_OK;
		for (size_t i = 0; !err && i < f.n; i++) {
			check_text(f.names[i]);
			check_text(f.values[i]);
			check_address(f.values[i]);
			if (i)
				err = buf_addc(&b, '&');
			if (!err)
				err = html_url_part(&b, f.names[i], strlen(f.names[i]));
			if (!err)
				err = buf_addc(&b, '=');
			if (!err)
				err = html_url_part(&b, f.values[i], strlen(f.values[i]));
		}
		if (!err) {
			if (form_parse(&a, b.data ? b.data : "", b.len, &g) || g.n != f.n)
				abort();
			for (size_t i = 0; i < f.n; i++)
				if (strcmp(f.names[i], g.names[i]) || strcmp(f.values[i], g.values[i]))
					abort();
		}
		buf_free(&b);
	}
	arena_free(&a);
	return 0;
}
