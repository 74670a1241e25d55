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

/* Each module names its own libraries; the lines come in the modules'
 * order of dependency. */
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
	if (!err)
		err = model_lib_versions(&out);
	if (!err)
		err = text_lib_versions(&out);
	if (!err)
		err = store_lib_versions(&out);
	if (!err)
		err = index_lib_versions(&out);
	if (!err)
		err = web_lib_versions(&out);
	if (!err)
		err = mailer_lib_versions(&out);
	int rc = err ? (fprintf(stderr, "praxis: %s\n", px_strerror(err)), -1) : cli_write_out(&out);
	buf_free(&out);
	return rc ? EXIT_REFUSED : EXIT_DONE;
}
