/* How a place's name is matched: folded as the search engine folds words
 * (text_fold: case folded, NFKC, no accents), then
 *  - the Latin letters that have no decomposition, so keep their stroke or
 *    ligature through text_fold, spelt as the ASCII writers use for them
 *    (ł l, ø o, æ ae, œ oe, đ ð d, þ th, ħ h, ı i): "Łódź" is "Lodz";
 *  - runs of white space, hyphens, apostrophes, dots and commas as one
 *    space, none at either end: "Cluj Napoca" is "Cluj-Napoca", "St.
 *    Gallen" is "St Gallen". */
#include "place_int.h"

#include "../text/text.h"

#include <string.h>

/* What the folded code point at s (of n bytes) is written as: a separator
 * (returns " "), an ASCII spelling, or NULL to copy it. */
static const char *respelling(const unsigned char *s, size_t n)
{
	static const struct {
		const char utf8[4], *ascii;
	} letters[] = {
		{"\xc5\x82", "l"},     {"\xc3\xb8", "o"},     {"\xc3\xa6", "ae"}, {"\xc5\x93", "oe"},
		{"\xc4\x91", "d"},     {"\xc3\xb0", "d"},     {"\xc3\xbe", "th"}, {"\xc4\xa7", "h"},
		{"\xc4\xb1", "i"},     {"\xe2\x80\x99", " "}, {"\xca\xbc", " "},  {"\xe2\x80\x90", " "},
		{"\xe2\x80\x91", " "},
	};
	if (n == 1)
		return strchr(" \t\n\r-'.,", s[0]) ? " " : NULL;
	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if (strlen(letters[i].utf8) == n && !memcmp(letters[i].utf8, s, n))
			return letters[i].ascii;
	return NULL;
}

static size_t utf8_len(unsigned char b)
{
	return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

size_t place_fold(const char *s, char *out, size_t cap)
{
	char folded[PLACE_NAME_MAX];
	size_t n = s ? strlen(s) : 0, bad;
	if (!cap || !n || n >= sizeof folded || text_utf8_check(s, n, &bad))
		return 0;
	size_t nf = text_fold(s, n, folded, sizeof folded);
	size_t o = 0;
	int space = 0; /* a separator is pending: written before the next letter */
	for (size_t i = 0; i < nf;) {
		size_t k = utf8_len((unsigned char)folded[i]);
		if (k > nf - i)
			return 0; /* text_fold writes whole code points: cannot happen */
		const char *r = respelling((const unsigned char *)folded + i, k);
		const char *w = r ? r : folded + i;
		size_t wn = r ? strlen(r) : k;
		i += k;
		if (r && r[0] == ' ') {
			space = o > 0;
			continue;
		}
		if (o + space + wn >= cap)
			return 0;
		if (space)
			out[o++] = ' ';
		space = 0;
		memcpy(out + o, w, wn);
		o += wn;
	}
	out[o] = '\0'; /* o < cap: checked before each write */
	return o;
}
