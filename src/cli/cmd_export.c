/* praxis export: every node, newest (highest nid) first, as JSON Lines (the
 * format ingest reads back) or CSV (RFC 4180, one row per node). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const struct cli_help help = {
	"praxis export [--db PATH] [--format jsonl|csv]",
	"Writes every published node to standard output, highest nid first.\n\n"
	"  --db PATH        the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --format jsonl   one JSON object per line, the format ingest reads (default)\n"
	"  --format csv     a header row, then one row per node; lists are joined\n"
	"                   with \" | \", each section is a column (its text)\n",
};

#define FLUSH_AT (1u << 20)

enum format { FORMAT_JSONL, FORMAT_CSV };

struct out {
	enum format format;
	struct buf b;
	enum px_err err;
	int write_failed;
};

static int emit(const struct node *n, void *arg)
{
	struct out *o = arg;
	if (n->state != NODE_PUBLISHED) /* the export is open data: drafts stay in (`praxis backup` has them) */
		return 0;
	o->err = o->format == FORMAT_CSV ? node_write_csv(n, 1, &o->b) : node_write_jsonl(n, &o->b);
	if (!o->err && o->b.len >= FLUSH_AT) {
		o->write_failed = cli_write_out(&o->b);
		buf_reset(&o->b);
	}
	return o->err || o->write_failed;
}

static int on_opt(int opt, const char *arg, void *ctx)
{
	enum format *f = ctx;
	if (opt != 'f')
		return -1;
	if (!strcmp(arg, "jsonl"))
		*f = FORMAT_JSONL;
	else if (!strcmp(arg, "csv"))
		*f = FORMAT_CSV;
	else
		return -1;
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option extra[] = {{"format", required_argument, NULL, 'f'}, {0}};
	struct cli_common common;
	struct out o = {FORMAT_JSONL, {0}, PX_OK, 0};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "f:", extra, on_opt, &o.format, &first, &status))
		return status;
	if (first != argc)
		return cli_usage_error(&help, "export takes no operands");
	struct store *st;
	if (cli_open_store_read(&common, &st))
		return EXIT_REFUSED;
	buf_init(&o.b, BUF_CAP_DEFAULT);
	enum px_err err = o.format == FORMAT_CSV ? node_write_csv_header(&o.b) : PX_OK;
	if (!err)
		err = store_nodes_each(st, emit, &o);
	if (!err)
		err = o.err;
	if (!err && !o.write_failed)
		o.write_failed = cli_write_out(&o.b);
	if (err)
		fprintf(stderr, "praxis: export failed: %s\n", px_strerror(err));
	buf_free(&o.b);
	store_close(st);
	return err || o.write_failed ? EXIT_REFUSED : EXIT_DONE;
}
