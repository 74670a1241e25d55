/* Machine translations of nodes (schema v10), cached per node revision and
 * language, so that a translation is made once and survives a restart. A
 * node's new revision asks for a new one; putting it drops the node's
 * older ones in that language. They are no node's text: the search index
 * never reads this table. */
#ifndef PX_STORE_TRANSLATION_H
#define PX_STORE_TRANSLATION_H

#include "store.h"

struct translation {
	char *html;   /* the translated document (web/translation.c's form) */
	char from[4]; /* the original's language */
	char via[4];  /* the pivot, "" for a direct translation */
	int64_t made; /* unix seconds */
};

/* The translation of revision rev of nid into lang. PX_ENOTFOUND if there
 * is none. Free t->html. */
enum px_err store_translation_get(struct store *st, int64_t nid, int64_t rev, const char *lang,
				  struct translation *t) PX_WUR;
/* Keeps t as the translation of revision rev of nid into lang. */
enum px_err store_translation_put(struct store *st, int64_t nid, int64_t rev, const char *lang,
				  const struct translation *t) PX_WUR;

#endif
