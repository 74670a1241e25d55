/* praxis serve: the hub on the web. */
#include "cli.h"
#include "../index/index.h"
#include "../web/web.h"
#include "version.h" /* build/gen/version.h: PRAXIS_VERSION */

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

static const struct cli_help help = {
	"praxis serve [--db PATH [--db-read URI]] [--bind ADDR] [--port N] [--threads N]\n"
	"             [--quiet | --access-log FILE]\n"
	"             [--per-ip N] [--tls-cert FILE --tls-key FILE]\n"
	"             [--trusted-proxy CIDR]... [--admin-from CIDR]...\n"
	"             [--smtp URL [--mail-from ADDR] [--smtp-retry SECONDS]] [--public-url URL]",
	"Serves the hub's pages until SIGTERM or SIGINT (Ctrl-C), then lets the\n"
	"requests under way finish. Prints the URL once listening; logs a line per\n"
	"request (Combined Log Format and the seconds it took) on stderr or to\n"
	"--access-log's file, which SIGHUP reopens; events (start, stop, errors,\n"
	"failed logins) go to stderr with their level. Under systemd (Type=notify)\n"
	"it tells the service manager READY=1 once the index is loaded and the\n"
	"port open, STOPPING=1 at the stop.\n\n"
	"  --db PATH       the store (default $PRAXIS_DB, else " CLI_DB_DEFAULT ")\n"
	"  --db-read URI   a streaming replica of the --db PostgreSQL store: anonymous\n"
	"                  GET pages are read from it while it has replayed what the\n"
	"                  index holds, else (and while it is down) from --db\n"
	"  --bind ADDR     the IPv4 or IPv6 address to listen on (default 127.0.0.1)\n"
	"  --port N        the port (default 8080; 0: any free port)\n"
	"  --threads N     worker threads (default: one per CPU)\n"
	"  --quiet         no access log\n"
	"  --access-log FILE  append the access log to FILE (created 0640) rather\n"
	"                  than stderr; SIGHUP reopens it (for logrotate)\n"
	"  --per-ip N      connections one TCP peer may hold (default 64); behind a\n"
	"                  reverse proxy the peer is the proxy: give it the proxy's\n"
	"                  share (its keepalive connections), the rest is per client\n"
	"  --trusted-proxy CIDR  (repeatable) a reverse proxy (10.0.0.5, 10.0.0.0/8,\n"
	"                  2001:db8::/32): from it, Forwarded or X-Forwarded-For name\n"
	"                  the client (the rightmost untrusted hop), and\n"
	"                  X-Forwarded-Proto: https makes the request secure (HSTS,\n"
	"                  Secure cookies, https links); from others they are ignored\n"
	"  --admin-from CIDR  (repeatable) who may reach /healthz and /metrics\n"
	"                  (default: loopback only); others get 403\n"
	"  --tls-cert FILE, --tls-key FILE\n"
	"                  serve HTTPS with this certificate chain and key (PEM);\n"
	"                  pages then say Strict-Transport-Security, cookies Secure\n"
	"  --smtp URL      the mail relay (smtp://host:port or smtps://, user:pass@\n"
	"                  allowed): the outbox is sent through it, retried while it\n"
	"                  is down; without it mail waits in the outbox\n"
	"  --mail-from ADDR  the sender of the hub's mail (default praxis@HOSTNAME)\n"
	"  --smtp-retry SECONDS  the first wait after a failed delivery, doubled per\n"
	"                  attempt up to a day (default 60)\n"
	"  --public-url URL  the hub's address as mailed links name it\n"
	"                  (https://hub.example.org); default: the Host of the request\n",
};

struct opts {
	const char *bind, *cert, *key;
	const char *smtp, *mail_from, *public_url, *access_log, *db_read;
	int64_t port, threads, per_ip, smtp_retry;
	int quiet;
	struct cidr_set trusted, admin_from;
	const char *bad_opt, *bad_value, *bad_why; /* the first network refused */
};

/* Adds arg to set; a refusal is kept for cmd_serve() to name, with the
 * option: "--trusted-proxy 10.0.0.0/33: not an address or CIDR". */
static int add_net(struct opts *o, struct cidr_set *set, const char *opt, const char *arg)
{
	const char *why = cidr_set_add(set, arg);
	if (why && !o->bad_opt)
		o->bad_opt = opt, o->bad_value = arg, o->bad_why = why;
	return 0;
}

/* An http(s) origin without a path's trailing slash: what a link is
 * built on. */
static int public_url_ok(const char *u)
{
	size_t n = strlen(u);
	if (strncmp(u, "https://", 8) && strncmp(u, "http://", 7))
		return 0;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("\"<>\\^`{|}?#", *p))
			return 0;
	return n > 8 && u[n - 1] != '/';
}

static int on_opt(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (opt) {
	case 'b':
		o->bind = arg;
		return 0;
	case 'p':
		return px_parse_i64(arg, strlen(arg), 0, &o->port) || o->port > 65535 ? -1 : 0;
	case 't':
		return px_parse_i64(arg, strlen(arg), 0, &o->threads) || o->threads < 1 || o->threads > 256
			       ? -1
			       : 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case 'I':
		return px_parse_i64(arg, strlen(arg), 0, &o->per_ip) || o->per_ip < 1 || o->per_ip > 512 ? -1
													 : 0;
	case 'C':
		o->cert = arg;
		return 0;
	case 'K':
		o->key = arg;
		return 0;
	case 'S':
		o->smtp = arg;
		return 0;
	case 'F':
		o->mail_from = arg;
		return 0;
	case 'U':
		o->public_url = arg;
		return public_url_ok(arg) ? 0 : -1;
	case 'A':
		o->access_log = arg;
		return 0;
	case 'D':
		o->db_read = arg;
		return 0;
	case 'T':
		return add_net(o, &o->trusted, "--trusted-proxy", arg);
	case 'M':
		return add_net(o, &o->admin_from, "--admin-from", arg);
	case 'R':
		return px_parse_i64(arg, strlen(arg), 0, &o->smtp_retry) || o->smtp_retry < 1 ||
				       o->smtp_retry > 86400
			       ? -1
			       : 0;
	}
	return -1;
}

/* sd_notify() is a no-op without $NOTIFY_SOCKET (not started by systemd),
 * and a lost datagram only delays what the manager sees: results unchecked. */
static void notify_ready(const char *url, void *ctx)
{
	const struct index *ix = ctx;
	(void)sd_notifyf(0, "READY=1\nSTATUS=serving %s, %zu nodes indexed", url, index_size(ix));
}

static void notify_stopping(void *ctx)
{
	(void)ctx;
	(void)sd_notify(0, "STOPPING=1\nSTATUS=stopping: letting the requests under way finish");
}

int cmd_serve(int argc, char **argv)
{
	static const struct option extra[] = {
		{"bind", required_argument, NULL, 'b'},    {"port", required_argument, NULL, 'p'},
		{"threads", required_argument, NULL, 't'}, {"quiet", no_argument, NULL, 'q'},
		{"per-ip", required_argument, NULL, 'I'},  {"tls-cert", required_argument, NULL, 'C'},
		{"tls-key", required_argument, NULL, 'K'}, {"smtp", required_argument, NULL, 'S'},
		{"mail-from", required_argument, NULL, 'F'}, {"public-url", required_argument, NULL, 'U'},
		{"smtp-retry", required_argument, NULL, 'R'}, {"access-log", required_argument, NULL, 'A'},
		{"trusted-proxy", required_argument, NULL, 'T'}, {"admin-from", required_argument, NULL, 'M'},
		{"db-read", required_argument, NULL, 'D'}, {NULL, 0, NULL, 0}};
	struct cli_common common;
	struct opts o = {.port = 8080};
	int first, status;
	if (cli_parse(argc, argv, &help, &common, "b:p:t:q", extra, on_opt, &o, &first, &status))
		return status;
	if (first < argc)
		return cli_usage_error(&help, "serve takes no operands");
	if (o.bad_opt) {
		fprintf(stderr, "praxis serve: %s %s: %s\n", o.bad_opt, o.bad_value, o.bad_why);
		return EXIT_USAGE;
	}
	if (!o.cert != !o.key)
		return cli_usage_error(&help, "--tls-cert and --tls-key go together");
	if (o.quiet && o.access_log)
		return cli_usage_error(&help, "--quiet and --access-log exclude each other");
	if (!o.smtp && (o.mail_from || o.smtp_retry))
		return cli_usage_error(&help, "--mail-from and --smtp-retry go with --smtp");
	if (o.db_read && (!store_is_url(o.db_read) || !store_is_url(common.db)))
		return cli_usage_error(&help, "--db-read takes a postgresql:// URI, and --db one too");
	struct store *st;
	struct index *ix;
	if (cli_open_store(&common, &st))
		return EXIT_REFUSED;
	int64_t revision;
	int rc = cli_open_index_at(&common, st, &ix, &revision);
	store_close(st);
	if (rc)
		return EXIT_REFUSED;
	struct web_options wo = {.db = common.db,
				 .db_read = o.db_read,
				 .ix = ix,
				 .revision = revision,
				 .bind = o.bind,
				 .port = (unsigned)o.port,
				 .threads = (unsigned)o.threads,
				 .per_ip = (unsigned)o.per_ip,
				 .access_log = o.access_log,
				 .quiet = o.quiet,
				 .ready = stdout,
				 .tls_cert = o.cert,
				 .tls_key = o.key,
				 .smtp = o.smtp,
				 .mail_from = o.mail_from,
				 .smtp_retry_s = (unsigned)o.smtp_retry,
				 .public_url = o.public_url,
				 .version = PRAXIS_VERSION,
				 .on_ready = notify_ready,
				 .on_stopping = notify_stopping,
				 .hook_ctx = ix,
				 .trusted = &o.trusted,
				 .admin_from = &o.admin_from};
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = web_serve(&wo, &why);
	if (err)
		fprintf(stderr, "praxis serve: %s\n", why.len ? why.data : px_strerror(err));
	buf_free(&why);
	index_free(ix);
	return err ? EXIT_REFUSED : EXIT_DONE;
}
