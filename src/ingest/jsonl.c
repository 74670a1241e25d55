/* JSON Lines in the export format: one node object per line (model's
 * node_from_json decides what a valid object is). Blank lines are skipped;
 * anything else that is not a valid node rejects the file at its line. */
#include "ingest.h"

#include <string.h>

static enum px_err fail(struct ingest_diag *d, int line, const char *what, const char *detail)
{
	d->line = line;
	buf_reset(&d->msg);
	return buf_printf(&d->msg, "%s%s", what, detail) ? PX_ENOMEM : PX_EPARSE;
}

static enum px_err parse_line(const char *s, size_t n, int no, struct ptrvec *nodes, struct ingest_diag *d)
{
	json_error_t jerr;
	json_t *obj = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj)
		return fail(d, no, "invalid JSON: ", jerr.text);
	struct buf why;
	buf_init(&why, 1024);
	struct node *node = node_from_json(obj, &why);
	json_decref(obj);
	enum px_err err = PX_OK;
	if (!node)
		err = fail(d, no, "", why.len ? why.data : "invalid node");
	else if ((err = ptrvec_push(nodes, node)))
		node_free(node);
	else
		node->line = no;
	buf_free(&why);
	return err;
}

enum px_err ingest_jsonl_parse(const char *data, size_t len, struct ptrvec *nodes, struct ingest_diag *d)
{
	int no = 0;
	size_t i = 0;
	enum px_err err = PX_OK;
	while (!err && i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
		no++;
		if (!text_is_blank(data + i, n))
			err = parse_line(data + i, n, no, nodes, d);
		i += n + 1;
	}
	if (err)
		ingest_nodes_free(nodes);
	return err;
}
