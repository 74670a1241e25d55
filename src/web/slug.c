/* Slugs: the path segment of a taxonomy page, made from a value's words
 * folded as the search engine folds them (lower case, no accents), joined
 * by hyphens: "Jobs and skills" → "jobs-and-skills", "Besòs" → "besos". */
#include "web_int.h"

#include "../text/text.h"

#include <string.h>

struct slugger {
	struct buf *b;
	size_t last_end; /* a compound's joined form repeats its parts: skipped */
	enum px_err err;
};

static int add_word(const struct text_token *t, void *arg)
{
	struct slugger *s = arg;
	if (s->b->len && t->off < s->last_end)
		return 0;
	if (s->b->len)
		s->err = buf_addc(s->b, '-');
	if (!s->err)
		s->err = buf_add(s->b, t->folded, t->nfolded);
	s->last_end = t->end;
	return s->err != PX_OK;
}

const char *slug_of(struct arena *a, const char *value)
{
	struct buf b;
	buf_init(&b, 4096);
	struct slugger s = {&b, 0, PX_OK};
	text_tokenize(value, strlen(value), 0, add_word, &s);
	const char *r = s.err ? NULL : arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}
