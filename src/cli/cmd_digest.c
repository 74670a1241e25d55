/* praxis digest: the daily digest of readers' saved searches, queued in
 * the outbox (web_digest); a timer (cron, systemd) runs it once a day, and
 * the server's mailer, or `praxis mail send`, delivers. */
#include "cli.h"
#include "../index/index.h"
#include "../web/web.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct cli_help help = {
	"praxis digest [--db PATH] --public-url URL [--now TIME]",
	"Queues, for each reader with saved searches and the daily mail on, one\n"
	"mail listing the practices published since the last digest that match\n"
	"them (nothing when nothing is new). A search's digest comes at most once\n"
	"in 20 hours: running it twice a day sends nothing twice.\n\n"
	"  --db PATH         the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --public-url URL  the hub's address, which the mails' links start with\n"
	"                    (https://hub.example.org)\n"
	"  --now TIME        the digest's time: unix seconds or YYYY-MM-DDTHH:MM:SSZ\n"
	"                    (default: now)\n",
};

struct digest_opts {
	const char *public_url;
	time_t now;
};

/* TIME as unix seconds or RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ): 0, or -1. */
static int parse_time(const char *s, time_t *out)
{
	int64_t v;
	if (!px_parse_i64(s, strlen(s), 0, &v) && v > 0) {
		*out = (time_t)v;
		return 0;
	}
	struct tm tm = {0};
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -1;
	*out = timegm(&tm);
	return *out > 0 ? 0 : -1;
}

/* Is url an http(s) origin without a trailing slash, query or spaces? */
static int origin_ok(const char *url)
{
	size_t n = strlen(url);
	int scheme = !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
	return scheme && n > 8 && n < 512 && url[n - 1] != '/' && !strpbrk(url, " ?#\"<>\\") &&
	       strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/.-_[]%~") == n;
}

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct digest_opts *o = ctx;
	if (opt == 'u') {
		o->public_url = arg;
		return origin_ok(arg) ? 0 : -1;
	}
	return opt == 't' ? parse_time(arg, &o->now) : -1;
}

int cmd_digest(int argc, char **argv)
{
	static const struct option extra[] = {
		{"public-url", required_argument, NULL, 'u'}, {"now", required_argument, NULL, 't'}, {0}};
	struct cli_common common;
	struct digest_opts o = {.now = time(NULL)};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "u:t:", extra, on_opt, &o, &first, &status))
		return status;
	if (first < argc)
		return cli_usage_error(&help, "digest takes no operands ('%s')", argv[first]);
	if (!o.public_url)
		return cli_usage_error(&help, "--public-url is needed: the mails' links start with it");
	struct store *st;
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	struct index *ix = NULL;
	struct web_digest_counts c;
	struct buf why;
	buf_init(&why, 4096);
	int rc = EXIT_REFUSED;
	enum px_err err = PX_OK;
	if (!cli_open_index(&common, st, &ix) && !(err = web_digest(st, ix, o.public_url, o.now, &c, &why))) {
		printf("digest: %zu saved searches due, %zu mails queued, telling of %zu practices\n", c.searches,
		       c.mails, c.practices);
		rc = EXIT_DONE;
	} else if (err) {
		fprintf(stderr, "praxis digest: %s\n", why.len ? why.data : px_strerror(err));
	}
	buf_free(&why);
	index_free(ix);
	store_close(st);
	return rc;
}
