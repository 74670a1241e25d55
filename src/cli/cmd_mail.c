/* praxis mail: the outbox seen and sent from the command line, for an
 * operator (what waits, and why) and for hubs that send from cron rather
 * than from a server with --smtp. */
#include "cli.h"
#include "../mail/mailer.h"
#include "../store/mail.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const struct cli_help help = {
	"praxis mail [--db PATH] [--smtp URL [--mail-from ADDR]]",
	"Without --smtp, prints how many messages wait in the outbox. With --smtp,\n"
	"sends every message due now through that relay once, and prints how many\n"
	"were sent and how many failed (a failed one is tried again later, as\n"
	"serve --smtp does).\n\n"
	"  --db PATH         the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --smtp URL        the relay: smtp://host:port or smtps://...\n"
	"  --mail-from ADDR  the sender (default praxis@HOSTNAME)\n",
};

struct opts {
	const char *smtp, *from;
};

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	if (opt == 'S')
		o->smtp = arg;
	else if (opt == 'F')
		o->from = arg;
	else
		return -1;
	return 0;
}

int cmd_mail(int argc, char **argv)
{
	static const struct option extra[] = {{"smtp", required_argument, NULL, 'S'},
					      {"mail-from", required_argument, NULL, 'F'},
					      {NULL, 0, NULL, 0}};
	struct cli_common common;
	struct opts o = {0};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "", extra, on_opt, &o, &first, &status))
		return status;
	if (first < argc)
		return cli_usage_error(&help, "mail takes no operands");
	if (o.from && !o.smtp)
		return cli_usage_error(&help, "--mail-from goes with --smtp");
	struct store *st;
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	int rc = EXIT_DONE;
	if (!o.smtp) {
		int64_t n = outbox_waiting(st);
		if (n < 0)
			fprintf(stderr, "praxis mail: cannot read the outbox\n"), rc = EXIT_REFUSED;
		else
			printf("%lld message%s waiting\n", (long long)n, n == 1 ? "" : "s");
	} else {
		struct buf why;
		buf_init(&why, 1024);
		size_t sent, failed;
		const struct mailer_options mo = {.db = common.db, .smtp = o.smtp, .from = o.from, .log = 1};
		enum px_err err = mailer_send_due(st, &mo, &sent, &failed, &why);
		if (err)
			rc = cli_usage_error(&help, "%s", why.len ? why.data : px_strerror(err));
		else
			printf("%zu sent, %zu failed\n", sent, failed);
		if (!err && failed)
			rc = EXIT_REFUSED;
		buf_free(&why);
	}
	store_close(st);
	return rc;
}
