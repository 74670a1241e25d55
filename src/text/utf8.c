/* UTF-8 checking and normalisation (utf8proc does the Unicode work). */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <textcat.h>

int text_utf8_check(const char *s, size_t n, size_t *bad)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) { /* ASCII fast path: most of every listing */
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0) {
			*bad = i;
			return -1;
		}
		i += (size_t)k;
	}
	return 0;
}

static int is_space(utf8proc_int32_t c)
{
	if (c <= 0x20 || (c >= 0x7f && c <= 0xa0))
		return 1; /* ASCII controls, space, DEL, C1 controls, NBSP */
	switch (c) {
	case 0x1680:
	case 0x180e:
	case 0x200b:
	case 0x200c:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x2060:
	case 0x3000:
	case 0xfeff:
		return 1;
	}
	return c >= 0x2000 && c <= 0x200a;
}

int text_is_blank(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || !is_space(cp))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

size_t text_indent(const char *s, size_t n)
{
	size_t col = 0;
	for (size_t i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		col += s[i] == '\t' ? 4 : 1;
	return col;
}

/* 1 if s[0..n) is NFC already because every code point is one that NFC
 * keeps and that never composes with a neighbour: below U+0300 (where the
 * combining marks start) or general punctuation from U+2002 (U+2000 and
 * U+2001 are the block's only canonical decompositions). Most lines of a
 * Latin-script listing qualify, and skip utf8proc_map(). */
static int nfc_already(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || (cp >= 0x300 && (cp < 0x2002 || cp > 0x206f)))
			return 0; /* invalid, or for utf8proc to judge */
		i += (size_t)k;
	}
	return 1;
}

/* Appends s[0..n) (already NFC) collapsing white space. */
static enum px_err collapse(const utf8proc_uint8_t *s, size_t n, struct buf *out)
{
	size_t start = out->len;
	int pending = 0;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return PX_EPARSE;
		if (is_space(cp)) {
			pending = 1;
		} else {
			enum px_err err = PX_OK;
			if (pending && out->len > start)
				err = buf_addc(out, ' ');
			if (!err)
				err = buf_add(out, s + i, (size_t)k);
			if (err)
				return err;
			pending = 0;
		}
		i += (size_t)k;
	}
	return PX_OK;
}

enum px_err text_clean_line(const char *s, size_t n, struct buf *out)
{
	if (nfc_already(s, n))
		return collapse((const utf8proc_uint8_t *)s, n, out);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
					    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return len == UTF8PROC_ERROR_NOMEM ? PX_ENOMEM : PX_EPARSE;
	enum px_err err = collapse(nfc, (size_t)len, out);
	free(nfc);
	return err;
}

char *text_nfc(const char *s)
{
	size_t n = strlen(s);
	if (nfc_already(s, n))
		return px_strndup(s, n);
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

enum px_err text_lib_versions(struct buf *out)
{
	return buf_printf(out, "utf8proc %s\nlibexttextcat %s\n", utf8proc_version(), textcat_Version());
}
