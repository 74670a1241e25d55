/* praxis export: every node, newest (highest nid) first, as JSON Lines (the
 * format ingest reads back) or CSV (RFC 4180, one row per node). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const struct cli_help help = {
	"praxis export [--db PATH] [--format jsonl|csv]",
	"Writes every node to standard output, highest nid first.\n\n"
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

static const char csv_header[] = "nid,type,title,subtitle,country,city,themes,labels,population,"
				 "relations,language,author,body,summary,solution,collaboration,"
				 "impact,transfer\r\n";

/* One CSV field. A field a spreadsheet would run as a formula (=, +, -, @
 * first) gets a leading apostrophe: the export is meant to be opened. */
static enum px_err csv_field(struct buf *b, const char *s, int last)
{
	enum px_err err = buf_addc(b, '"');
	if (!err && s && s[0] && strchr("=+-@", s[0]))
		err = buf_addc(b, '\'');
	for (; !err && s && *s; s++)
		err = *s == '"' ? buf_adds(b, "\"\"") : buf_addc(b, *s);
	if (!err)
		err = buf_adds(b, last ? "\"\r\n" : "\",");
	return err;
}

static enum px_err csv_list(struct buf *b, const struct strlist *l, struct buf *tmp)
{
	buf_reset(tmp);
	enum px_err err = buf_adds(tmp, "");
	for (size_t i = 0; !err && i < strlist_len(l); i++)
		err = buf_printf(tmp, "%s%s", i ? " | " : "", strlist_get(l, i));
	return err ? err : csv_field(b, tmp->data, 0);
}

static enum px_err csv_row(struct buf *b, const struct node *n)
{
	struct buf tmp;
	buf_init(&tmp, BUF_CAP_DEFAULT);
	const char *sections[SECTION_COUNT] = {0};
	for (size_t i = 0; i < node_section_count(n); i++)
		sections[node_section(n, i)->key] = node_section(n, i)->text;
	enum px_err err = buf_printf(b, "%lld,", (long long)n->nid);
	const char *head[] = {node_type_name(n->type), n->title, n->subtitle, n->country, n->city};
	for (size_t i = 0; !err && i < sizeof head / sizeof head[0]; i++)
		err = csv_field(b, head[i], 0);
	if (!err)
		err = csv_list(b, &n->themes, &tmp);
	if (!err)
		err = csv_list(b, &n->labels, &tmp);
	if (!err)
		err = n->population >= 0 ? buf_printf(b, "%lld,", (long long)n->population)
					 : buf_addc(b, ',');
	if (!err)
		err = csv_list(b, &n->relations, &tmp);
	const char *tail[] = {n->language, n->author, n->body};
	for (size_t i = 0; !err && i < sizeof tail / sizeof tail[0]; i++)
		err = csv_field(b, tail[i], 0);
	for (int k = 0; !err && k < SECTION_COUNT; k++)
		err = csv_field(b, sections[k], k == SECTION_COUNT - 1);
	buf_free(&tmp);
	return err;
}

static int emit(const struct node *n, void *arg)
{
	struct out *o = arg;
	o->err = o->format == FORMAT_CSV ? csv_row(&o->b, n) : node_write_jsonl(n, &o->b);
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
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	buf_init(&o.b, BUF_CAP_DEFAULT);
	enum px_err err = o.format == FORMAT_CSV ? buf_adds(&o.b, csv_header) : PX_OK;
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
