/* Compounds (compound.c): what the indexer and the query share. */
#ifndef PX_COMPOUND_H
#define PX_COMPOUND_H

#include "../text/text.h"

#include <stdint.h>

/* A split: two or three parts. */
struct compound {
	char part[3][TEXT_TOKEN_MAX];
	size_t len[3], n;
	size_t score; /* the sum of its parts' squared lengths: few, long parts first */
};

/* What knows a part: the dictionaries, in the languages langs (bits of
 * index_lang_bit()), and the hub when hub is not NULL (the languages it has
 * the folded word w[0..n) in). */
struct compound_lexicon {
	struct text_stem *stem;
	uint32_t langs;
	int stem_firsts; /* 1: a first part is looked up by stem too ("Trink|brunnen"); the
			    indexer does without, as it splits every long word it meets */
	uint32_t (*hub)(const void *ctx, const char *w, size_t n);
	const void *ctx;
};

/* The best split of the folded word w[0..n) into parts that lx knows in
 * one same language; 0 when there is none. */
int compound_split(const struct compound_lexicon *lx, const char *w, size_t n, struct compound *out);

#endif
