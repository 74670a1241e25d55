/* libFuzzer target: the CSV cursor and node_from_csv, through ingest_parse
 * ("type," is put in front of an input that does not start as a CSV header,
 * so detection picks CSV). Besides the properties every parser has
 * (fuzz_common.h), the CSV form must be a fixed point: the nodes a CSV
 * gave, written again as CSV (node_write_csv, e-mail included, as `praxis
 * export` does) and read back, are the same nodes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_csv(const uint8_t *data, size_t size)
{
	static const char *const heads[] = {"nid,type,", "type,"};
	for (size_t i = 0; i < 2; i++)
		if (size >= strlen(heads[i]) && !memcmp(data, heads[i], strlen(heads[i])))
			return 1;
	return 0;
}

static void check_csv_roundtrip(const struct ptrvec *nodes)
{
	struct buf out;
	buf_init(&out, BUF_CAP_DEFAULT);
	if (node_write_csv_header(&out))
		abort();
	for (size_t i = 0; i < ptrvec_len(nodes); i++)
		if (node_write_csv(ptrvec_get(nodes, i), 1, &out))
			abort();
	struct ptrvec again;
	struct ingest_diag d;
	ptrvec_init(&again);
	ingest_diag_init(&d);
	if (ingest_parse(out.data, out.len, NULL, &again, &d) || ptrvec_len(&again) != ptrvec_len(nodes))
		abort();
	for (size_t i = 0; i < ptrvec_len(nodes); i++)
		if (!node_equal(ptrvec_get(nodes, i), ptrvec_get(&again, i)) ||
		    ((const struct node *)ptrvec_get(nodes, i))->nid !=
			    ((const struct node *)ptrvec_get(&again, i))->nid)
			abort();
	ingest_nodes_free(&again);
	ptrvec_free(&again);
	ingest_diag_free(&d);
	buf_free(&out);
}

static void run(const uint8_t *data, size_t size)
{
	struct ptrvec nodes;
	struct ingest_diag d;
	ptrvec_init(&nodes);
	ingest_diag_init(&d);
	enum px_err err = ingest_parse((const char *)data, size, NULL, &nodes, &d);
	if (err == PX_OK) {
		check_csv_roundtrip(&nodes);
		fuzz_check_roundtrip(&nodes);
	} else if (err == PX_EPARSE && (d.line < 1 || !d.msg.len || strchr(d.msg.data, '\n'))) {
		abort(); /* every rejection names a line and a one-line reason */
	} else if (err != PX_EPARSE && ptrvec_len(&nodes)) {
		abort();
	}
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (is_csv(data, size)) {
		run(data, size);
		return 0;
	}
	uint8_t *copy = malloc(size + 5);
	if (!copy)
		return 0;
	memcpy(copy, "type,", 5);
	memcpy(copy + 5, data, size);
	run(copy, size + 5);
	free(copy);
	return 0;
}
