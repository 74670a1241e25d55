/* Shared by the fuzz targets: the property every parsed node must have.
 * A node that a parser accepted must survive export and re-import exactly
 * (export -> ingest -> export is the identity); otherwise abort, which
 * libFuzzer reports as a crash with the input that caused it. */
#ifndef PX_FUZZ_COMMON_H
#define PX_FUZZ_COMMON_H

#include "ingest/ingest.h"

#include <stdlib.h>
#include <string.h>

static inline void fuzz_check_roundtrip(struct ptrvec *nodes)
{
	struct buf out;
	buf_init(&out, BUF_CAP_DEFAULT);
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		struct node *n = ptrvec_get(nodes, i);
		if (!n->language[0])
			memcpy(n->language, "en", 3); /* detection is skipped when fuzzing */
		if (node_write_jsonl(n, &out))
			abort();
	}
	struct ptrvec again;
	struct ingest_diag d;
	ptrvec_init(&again);
	ingest_diag_init(&d);
	if (ingest_jsonl_parse(out.data ? out.data : "", out.len, &again, &d) ||
	    ptrvec_len(&again) != ptrvec_len(nodes))
		abort();
	for (size_t i = 0; i < ptrvec_len(nodes); i++)
		if (!node_equal(ptrvec_get(nodes, i), ptrvec_get(&again, i)))
			abort();
	ingest_nodes_free(&again);
	ptrvec_free(&again);
	ingest_diag_free(&d);
	buf_free(&out);
}

/* Runs ingest_parse (the file checks and detection) and then the property. */
static inline void fuzz_parse(const uint8_t *data, size_t size)
{
	struct ptrvec nodes;
	struct ingest_diag d;
	ptrvec_init(&nodes);
	ingest_diag_init(&d);
	enum px_err err = ingest_parse((const char *)data, size, NULL, &nodes, &d);
	if (err == PX_OK)
		fuzz_check_roundtrip(&nodes);
	else if (err == PX_EPARSE && (d.line < 1 || !d.msg.len))
		abort(); /* every rejection names a line and a reason */
	else if (err != PX_EPARSE && ptrvec_len(&nodes))
		abort();
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
}

#endif
