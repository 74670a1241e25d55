/* praxis version: this build's version and the libraries it runs with. */
#include "cli.h"
#include "../index/index.h"
#include "../mail/mailer.h"
#include "../text/text.h"
#include "../web/web.h"
#include "version.h" /* build/gen/version.h: PRAXIS_VERSION, from git describe or VERSION */

#include <stdio.h>

static const struct cli_help help = {
	"praxis version",
	"Prints the version of praxis (git describe at build time, or the release's\n"
	"VERSION file), then one line per library: its name and the version the\n"
	"library itself reports at run time, or \"(compiled)\" after a version only\n"
	"known when praxis was built. 'praxis --version' does the same.\n",
};

/* Each module names its own libraries, in the modules' order of dependency. */
static enum px_err (*const libs_of[])(struct buf *) = {
	model_lib_versions, text_lib_versions, store_lib_versions,
	index_lib_versions, web_lib_versions,  mailer_lib_versions,
};

int cmd_version(int argc, char **argv)
{
	int first, status;
	if (argc > 1 && cli_parse(argc, argv, &help, NULL, NULL, NULL, NULL, NULL, &first, &status))
		return status;
	if (argc > 1 && first < argc)
		return cli_usage_error(&help, "unexpected argument '%s'", argv[first]);
	struct buf out;
	buf_init(&out, 4096);
	enum px_err err = buf_printf(&out, "praxis %s\n", PRAXIS_VERSION);
	for (size_t i = 0; !err && i < sizeof libs_of / sizeof libs_of[0]; i++)
		err = libs_of[i](&out);
	int rc = err ? (fprintf(stderr, "praxis: %s\n", px_strerror(err)), -1) : cli_write_out(&out);
	buf_free(&out);
	return rc ? EXIT_REFUSED : EXIT_DONE;
}
