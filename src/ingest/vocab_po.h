/* The interface's own words for a listing's section headings and relations,
 * as every po/LANG.po translates them: build/gen/vocab_po.c, made by
 * tools/gen_vocab.py, so that a hub page printed in any interface language
 * reads back as a listing (src/ingest/vocab.c looks them up). */
#ifndef PRAXIS_VOCAB_PO_H
#define PRAXIS_VOCAB_PO_H

#include <stddef.h>

struct vocab_word {
	int value;        /* enum section_key or enum relation; 0 elsewhere */
	const char *text; /* as written: vocab.c folds it */
};

extern const struct vocab_word vocab_po_sections[];
extern const size_t vocab_po_nsections;
extern const struct vocab_word vocab_po_relations[];
extern const size_t vocab_po_nrelations;

#endif
