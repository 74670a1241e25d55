/* praxis translate: a node machine translated by Apertium (src/mt/), from
 * the store's cache or made now and kept there; --pairs lists what the
 * installed Apertium data can do. */
#include "cli.h"

#include "../mt/mt.h"
#include "../store/translation.h"
#include "../web/web.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_help help = {
	"praxis translate [--db PATH] NID LANG\n"
	"       praxis translate --pairs",
	"Prints practice or story NID machine translated into LANG (an ISO 639-1\n"
	"code) by Apertium: its title, subtitle, sections and body, a paragraph\n"
	"each. A translation kept in the store for the node's revision is\n"
	"printed as is; otherwise it is made (through a pivot language where no\n"
	"direct pair exists) and kept. Exit status 1 if there is no such node or\n"
	"no path from its language to LANG.\n"
	"  --pairs   list the directions Apertium gives (FROM>TO MODE, \"written\"\n"
	"            for a mode made from a package's modes.xml), then every\n"
	"            path between two EU languages that needs a pivot\n"
	"Environment: PRAXIS_APERTIUM (the command, default apertium),\n"
	"PRAXIS_APERTIUM_DATA (default /usr/share/apertium), PRAXIS_MT_TIMEOUT\n"
	"(seconds, default 30).\n",
};

static const char *const eu[] = {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
				 "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
#define EU_LANGUAGES (sizeof eu / sizeof eu[0])

static int on_opt(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != 'P')
		return -1;
	*(int *)ctx = 1;
	return 0;
}

static int print_pairs(const struct mt *m)
{
	for (size_t i = 0; i < mt_directions(m); i++) {
		const struct mt_direction *d = mt_direction_at(m, i);
		printf("%s>%s %s%s\n", d->from, d->to, d->mode, d->generated ? " written" : "");
	}
	for (size_t i = 0; i < EU_LANGUAGES; i++)
		for (size_t j = 0; j < EU_LANGUAGES; j++) {
			struct mt_path p;
			if (i != j && !mt_path(m, eu[i], eu[j], &p) && p.hops == 2)
				printf("%s>%s>%s\n", eu[i], mt_path_via(&p), eu[j]);
		}
	if (!mt_directions(m))
		fprintf(stderr, "praxis translate: no Apertium language pair is installed (scripts/deps installs them)\n");
	return mt_directions(m) ? EXIT_DONE : EXIT_REFUSED;
}

static int translate(const struct cli_common *common, const struct mt *m, int64_t nid, const char *lang)
{
	struct store *st;
	if (cli_open_store(common, &st))
		return EXIT_REFUSED;
	struct node *n = NULL;
	struct translation t = {.html = NULL};
	struct buf why, text;
	buf_init(&why, 1024);
	buf_init(&text, (size_t)64 << 20);
	int made = 0, rc = EXIT_REFUSED;
	int64_t rev = store_node_rev(st, nid);
	enum px_err err = store_node_get(st, nid, &n);
	if (err == PX_ENOTFOUND)
		fprintf(stderr, "praxis translate: no node %lld\n", (long long)nid);
	else if (err)
		fprintf(stderr, "praxis translate: cannot read node %lld: %s\n", (long long)nid, px_strerror(err));
	else if (n->type != NODE_PRACTICE && n->type != NODE_ARTICLE)
		fprintf(stderr, "praxis translate: node %lld is no practice or story\n", (long long)nid);
	else if (!node_language_known(n->language))
		fprintf(stderr, "praxis translate: node %lld has no language\n", (long long)nid);
	else if (!strcmp(n->language, lang))
		fprintf(stderr, "praxis translate: node %lld is in %s already\n", (long long)nid, lang);
	else if ((err = translation_now(st, m, n, rev, lang, &t, &made, &why)) == PX_ENOTFOUND)
		fprintf(stderr, "praxis translate: no machine translation from %s to %s is available\n", n->language,
			lang);
	else if (err)
		fprintf(stderr, "praxis translate: %s\n", why.len ? why.data : px_strerror(err));
	else if (translation_text(t.html, &text) || buf_adds(&text, "\n"))
		fprintf(stderr, "praxis translate: out of memory\n");
	else {
		fprintf(stderr, "praxis translate: node %lld %s>%s%s%s, %s\n", (long long)nid, t.from,
			*t.via ? t.via : "", *t.via ? ">" : "", lang, made ? "made now and kept" : "from the store");
		rc = cli_write_out(&text) ? EXIT_REFUSED : EXIT_DONE;
	}
	free(t.html);
	node_free(n);
	buf_free(&why);
	buf_free(&text);
	store_close(st);
	return rc;
}

int cmd_translate(int argc, char **argv)
{
	static const struct option extra[] = {{"pairs", no_argument, NULL, 'P'}, {NULL, 0, NULL, 0}};
	struct cli_common common;
	int pairs = 0, first, status;
	if (cli_parse(argc, argv, &help, &common, "", extra, on_opt, &pairs, &first, &status))
		return status;
	int64_t nid = 0;
	if (pairs && first < argc)
		return cli_usage_error(&help, "--pairs takes no operands");
	if (!pairs && argc - first != 2)
		return cli_usage_error(&help, "translate needs a NID and a LANG");
	if (!pairs && (px_parse_i64(argv[first], strlen(argv[first]), 0, &nid) || nid < 1))
		return cli_usage_error(&help, "'%s' is not a nid (a positive number)", argv[first]);
	if (!pairs && !node_language_known(argv[first + 1]))
		return cli_usage_error(&help, "'%s' is not a language code (ISO 639-1, e.g. es)", argv[first + 1]);
	signal(SIGPIPE, SIG_IGN); /* Apertium may stop reading: a write error, not death */
	struct mt_options o;
	struct mt *m = NULL;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = mt_options_env(&o, &why);
	if (err == PX_EUSAGE) {
		int rc = cli_usage_error(&help, "%s", why.data);
		buf_free(&why);
		return rc;
	}
	if (!err)
		err = mt_open(&o, &m, &why);
	if (err) {
		fprintf(stderr, "praxis translate: %s\n", why.len ? why.data : px_strerror(err));
		buf_free(&why);
		return EXIT_REFUSED;
	}
	buf_free(&why);
	int rc = pairs ? print_pairs(m) : translate(&common, m, nid, argv[first + 1]);
	mt_free(m);
	return rc;
}
