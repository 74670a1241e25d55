/* The escapers: the only code that turns text into markup, one per output
 * context (see tmpl.c for where each applies). Input is UTF-8 the store
 * has checked; bytes are never dropped, only escaped. */
#include "web_int.h"

#include <cmark.h>
#include <stdlib.h>

#include <string.h>

enum px_err html_text(struct buf *out, const char *s, size_t n)
{
	return buf_add_html(out, s, n);
}

/* The bytes of a character XML 1.0 forbids at s (n bytes left), else 0:
 * C0 controls but TAB, LF and CR, and U+FFFE, U+FFFF (surrogates are not
 * valid UTF-8, which the input is). */
static size_t xml_forbidden(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return 1;
	if (c == 0xef && n >= 3 && (unsigned char)s[1] == 0xbf && ((unsigned char)s[2] & 0xfe) == 0xbe)
		return 3;
	return 0;
}

int html_xml_allowed(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (xml_forbidden(s + i, n - i))
			return 0;
	return 1;
}

enum px_err html_xml_clean(struct buf *out, const char *s, size_t n)
{
	size_t from = 0;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n;) {
		size_t bad = xml_forbidden(s + i, n - i);
		if (!bad) {
			i++;
			continue;
		}
		if (!(err = buf_add(out, s + from, i - from)))
			err = buf_adds(out, "\xef\xbf\xbd"); /* U+FFFD */
		i += bad;
		from = i;
	}
	return err ? err : buf_add(out, s + from, n - from);
}

static int unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '.' || c == '_' || c == '~';
}

static enum px_err percent(struct buf *out, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3] = {'%', hex[c >> 4], hex[c & 15]};
	return buf_add(out, e, 3);
}

enum px_err html_url_part(struct buf *out, const char *s, size_t n)
{
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n; i++)
		err = unreserved((unsigned char)s[i]) ? buf_addc(out, s[i])
						      : percent(out, (unsigned char)s[i]);
	return err;
}

/* A URL is kept when it is relative (no scheme before the first / ? #) or
 * its scheme is one a link may have: javascript: and data: never pass. */
static int safe_scheme(const char *s, size_t n)
{
	static const char *const ok[] = {"http:", "https:", "mailto:"};
	size_t colon = 0;
	while (colon < n && s[colon] != ':' && s[colon] != '/' && s[colon] != '?' && s[colon] != '#')
		colon++;
	if (colon == n || s[colon] != ':')
		return 1;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (colon + 1 == strlen(ok[i]) && !strncasecmp(s, ok[i], colon + 1))
			return 1;
	return 0;
}

enum px_err html_url(struct buf *out, const char *s, size_t n)
{
	if (!safe_scheme(s, n))
		return buf_addc(out, '#');
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`')
			err = percent(out, c);
		else if (c == '&')
			err = buf_adds(out, "&amp;");
		else
			err = buf_addc(out, (char)c);
	}
	return err;
}

enum px_err html_json_string(struct buf *out, const char *s, size_t n)
{
	enum px_err err = buf_addc(out, '"');
	for (size_t i = 0; !err && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			err = buf_printf(out, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'')
			err = buf_printf(out, "\\u%04x", c); /* nothing can close the script */
		else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
			err = buf_printf(out, "\\u202%c", s[i + 2] == (char)0xa8 ? '8' : '9');
			i += 2; /* U+2028, U+2029: line ends to old JavaScript */
		} else
			err = buf_addc(out, (char)c);
	}
	return err ? err : buf_addc(out, '"');
}

struct tv *html_markdown(struct arena *a, const char *text)
{
	if (!text)
		return tv_html(a, "");
	/* Listings write a paragraph a line: a lone newline ends one here too. */
	struct buf md;
	buf_init(&md, (size_t)1 << 26);
	enum px_err err = PX_OK;
	for (const char *p = text; !err && *p; p++)
		err = *p == '\n' && p[1] != '\n' && (p == text || p[-1] != '\n') ? buf_adds(&md, "\n\n")
										 : buf_addc(&md, *p);
	/* CMARK_OPT_SAFE is the default of cmark 0.30: raw HTML becomes a
	 * comment, javascript:, vbscript:, file: and data: links (but images)
	 * become empty. It is set anyway, for older versions. */
	char *html = err ? NULL : cmark_markdown_to_html(md.data ? md.data : "", md.len, CMARK_OPT_SAFE);
	/* cmark escapes & < > " but leaves ' in text (its attributes are
	 * double-quoted, ' in a URL becomes &#x27;): escaped here as well, so
	 * that no page ever carries a raw quote of stored text. */
	buf_reset(&md);
	for (const char *p = html; !err && p && *p; p++)
		err = *p == '\'' ? buf_adds(&md, "&#39;") : buf_addc(&md, *p);
	struct tv *v = html && !err ? tv_html(a, md.data ? md.data : "") : NULL;
	free(html);
	buf_free(&md);
	return v;
}
