/* Text from the store on a terminal. Stored strings are whatever was
 * ingested or typed on the web: an ESC (or a C1 CSI, U+009B) in a title
 * would otherwise recolour, move the cursor or retitle the window of whoever
 * runs `praxis list`. Every human-readable line of show, list, stats,
 * search, similar and user list goes through here; --json and export do
 * not (jansson escapes C0 controls, and C1 are valid JSON). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

void cli_put_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate(p, end - p, &c);
		if (len < 1) { /* not UTF-8: the byte, visibly */
			printf("\\x%02x", *p++);
			continue;
		}
		if (c == '\033')
			fputs("\\e", stdout);
		else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			printf("\\x%02x", (unsigned)c);
		else if (c >= 0x80 && c <= 0x9f)
			printf("\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, (size_t)len, stdout);
		p += len;
	}
}

void cli_printf(const char *fmt, ...)
{
	char small[1024];
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	char *text = (size_t)n < sizeof small ? small : malloc((size_t)n + 1);
	if (n >= 0 && text) {
		if (text != small)
			vsnprintf(text, (size_t)n + 1, fmt, again);
		cli_put_text(text, (size_t)n);
	}
	va_end(again);
	if (text != small)
		free(text);
}
