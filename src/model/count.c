/* Whole numbers as the hub writes them and people type them: "470000",
 * "470 000", "470,000", "470.000", "470'000", and with a no-break space
 * (U+00A0) or a narrow one (U+202F, as French pages print them)
 * between the groups. The listing's population lines and the edit form's
 * number inputs read them here, so that what the hub prints reads back. */
#include "model.h"

#include <string.h>

/* The length of the separator at s[0..n) (a space, NBSP, narrow NBSP,
 * comma, dot or apostrophe), 0 if none; *kind is which (all spaces are
 * one kind). */
static size_t separator(const char *s, size_t n, char *kind)
{
	if (*s == ' ' || *s == ',' || *s == '.' || *s == '\'') {
		*kind = *s == ',' || *s == '.' || *s == '\'' ? *s : ' ';
		return 1;
	}
	*kind = ' ';
	if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
		return 2;
	if (n >= 3 && !memcmp(s, "\xe2\x80\xaf", 3))
		return 3;
	return 0;
}

int node_count_parse(const char *s, size_t n, int64_t *out)
{
	char digits[24], sep = 0, kind;
	size_t nd = 0, group = 0, len;
	for (size_t i = 0; i < n; i += len) {
		len = 1;
		if (s[i] >= '0' && s[i] <= '9') {
			if (nd + 1 >= sizeof digits)
				return -1;
			digits[nd++] = s[i];
			group++;
			continue;
		}
		/* a separator follows a first group of 1-3 digits or a group
		 * of 3, and is the same one all along */
		if (!(len = separator(s + i, n - i, &kind)) || (sep && kind != sep) || group == 0 || group > 3 ||
		    (sep && group != 3))
			return -1;
		sep = kind;
		group = 0;
	}
	if (nd == 0 || (sep && group != 3))
		return -1;
	return px_parse_i64(digits, nd, 0, out) ? -1 : 0;
}
