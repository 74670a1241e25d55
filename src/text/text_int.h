/* Private to text/: the generated stop word tables. */
#ifndef PX_TEXT_INT_H
#define PX_TEXT_INT_H

#include "text.h"

struct stopword_list {
	char code[3]; /* ISO 639-1 */
	size_t count;
	const char *const *words; /* as listed (not folded), NULL-terminated */
};

extern const struct stopword_list text_stopword_lists[];
extern const size_t text_stopword_nlists;

#endif
