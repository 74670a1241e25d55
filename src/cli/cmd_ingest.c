/* praxis ingest: every file is parsed whole, then written in one
 * transaction; a rejected file leaves nothing behind and the next file is
 * still read. */
#include "cli.h"
#include "../ingest/ingest.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct cli_help help = {
	"praxis ingest [--db PATH] [--quiet] FILE...",
	"Reads hub listings (the text of a listing page), JSON Lines in the export\n"
	"format or CSV as `export --format csv` writes it (detected from the\n"
	"content) into the store. Each file is written in one transaction: all of\n"
	"it or, if it is rejected, none of it.\n"
	"FILE '-' reads standard input.\n\n"
	"  --db PATH   the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --quiet     print only errors\n\n"
	"Prints 'FILE: N nodes (A added, U updated, S unchanged)' per file, and\n"
	"'FILE:LINE: what is wrong' on stderr for a rejected file.\n"
	"Exit status: 0 all ingested, 1 some file rejected, 2 usage.\n",
};

#define PROGRESS_MIN_BYTES (4u << 20) /* a progress line for inputs above 4 MB */

struct job {
	const char *name;
	int quiet;
	int progress; /* stderr is a terminal and the file is large */
};

static void on_progress(size_t done, size_t total, void *arg)
{
	const struct job *j = arg;
	fprintf(stderr, "\r%s: writing %zu/%zu nodes", j->name, done, total);
}

static void progress_end(const struct job *j)
{
	if (j->progress)
		fputs("\r\033[K", stderr);
}

static int read_input(const char *path, struct buf *data)
{
	enum px_err err = !strcmp(path, "-") ? buf_read_stream(data, stdin) : buf_read_file(data, path);
	if (err == PX_EIO)
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
	else if (err == PX_ETOOBIG)
		fprintf(stderr, "%s: too large (over %zu bytes)\n", path, data->cap);
	else if (err)
		fprintf(stderr, "%s: %s\n", path, px_strerror(err));
	return err ? -1 : 0;
}

/* Parses and stores one file; returns 0 if it went in. */
static int ingest_one(struct store *st, struct text_lang *lang, struct job *j)
{
	struct buf data;
	struct ptrvec nodes;
	struct ingest_diag d;
	buf_init(&data, BUF_CAP_DEFAULT);
	ptrvec_init(&nodes);
	ingest_diag_init(&d);
	int rc = -1;
	if (read_input(j->name, &data))
		goto out;
	j->progress = isatty(STDERR_FILENO) && data.len > PROGRESS_MIN_BYTES;
	if (j->progress)
		fprintf(stderr, "%s: parsing %zu MB", j->name, data.len >> 20);
	enum px_err err = ingest_parse(data.data ? data.data : "", data.len, lang, &nodes, &d);
	progress_end(j);
	if (err == PX_EPARSE) {
		fprintf(stderr, "%s:%d: %s\n", j->name, d.line, d.msg.data);
		goto out;
	} else if (err) {
		fprintf(stderr, "%s: %s\n", j->name, px_strerror(err));
		goto out;
	}
	struct store_report rep;
	struct buf why;
	buf_init(&why, 4096);
	store_set_progress(st, j->progress ? on_progress : NULL, j);
	err = store_nodes_put(st, &nodes, j->name, &rep, &why);
	progress_end(j);
	if (err && rep.line > 0)
		fprintf(stderr, "%s:%d: not stored: %s\n", j->name, rep.line, why.len ? why.data : px_strerror(err));
	else if (err)
		fprintf(stderr, "%s: not stored: %s\n", j->name, why.len ? why.data : px_strerror(err));
	else if (!j->quiet)
		printf("%s: %zu nodes (%zu added, %zu updated, %zu unchanged)\n", j->name, ptrvec_len(&nodes),
		       rep.added, rep.updated, rep.unchanged);
	buf_free(&why);
	rc = err ? -1 : 0;
out:
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
	ingest_diag_free(&d);
	buf_free(&data);
	return rc;
}

static int on_opt(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != 'q')
		return -1;
	*(int *)ctx = 1;
	return 0;
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option extra[] = {{"quiet", no_argument, NULL, 'q'}, {0}};
	struct cli_common common;
	int quiet = 0, first, status;
	if (cli_parse(argc, argv, &help, &common, "q", extra, on_opt, &quiet, &first, &status))
		return status;
	if (first == argc)
		return cli_usage_error(&help, "ingest needs at least one FILE");
	struct store *st;
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	struct text_lang *lang = text_lang_new();
	if (!lang) {
		store_close(st);
		return EXIT_REFUSED;
	}
	int status_all = EXIT_DONE;
	for (int i = first; i < argc; i++) {
		struct job j = {argv[i], quiet, 0};
		if (ingest_one(st, lang, &j))
			status_all = EXIT_REFUSED;
		fflush(stdout);
	}
	text_lang_free(lang);
	cli_refresh_index(&common, st);
	store_close(st);
	return status_all;
}
