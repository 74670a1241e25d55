/* mt: machine translation offline, by Apertium (rule-based, Debian's
 * apertium and its language-pair packages), run as a subprocess.
 *
 * The translation graph is found at start: the installed modes
 * (DATA/modes/X-Y.mode) and the directions a pair package ships the data
 * of without installing their mode (DATA/apertium-PAIR/modes.xml: e.g.
 * apertium-es-ro installs ro-es.mode only, but its modes.xml declares es-ro
 * and the package holds its files). The latter's pipelines are written from
 * modes.xml into mode files of a private directory, made at mt_open() and
 * removed by mt_free(). Apertium's codes (eng, spa, es, hbs_HR, ...) are
 * mapped to ISO 639-1; Serbo-Croatian is Croatian as a source, and as a
 * target only in the _HR variant. Other variants are left out.
 *
 * A path is one direction, or two through a pivot (Spanish, else English,
 * else any other): never more. No path: mt_path() says so, and nothing is
 * translated (never a text in a wrong language).
 *
 * mt_run() feeds HTML to "apertium -d DIR -u -f html MODE" on stdin (no
 * shell sees the text), the hops' processes chained by a pipe in one
 * process group, killed as a group past the time limit or output cap, and
 * always reaped. Its output must carry the input's block tags unchanged,
 * in order, and no inline tag the input has not (Apertium repeats a link
 * or an emphasis around words it moves), balanced within its block; else
 * it is refused: so what it gives is as safe as what it was given. The marks Apertium puts before words it could not translate
 * (*, #, @) are taken off, the words kept.
 *
 * An mt is read-only after mt_open(): threads share it. */
#ifndef PX_MT_H
#define PX_MT_H

#include "../core/core.h"

struct mt;

struct mt_options {
	const char *program;  /* the apertium command; NULL: "apertium" on PATH */
	const char *data;     /* Apertium's data; NULL: /usr/share/apertium */
	unsigned timeout_ms;  /* a whole translation's limit; 0: MT_TIMEOUT_MS */
};

#define MT_TIMEOUT_MS 30000u
#define MT_HOPS_MAX   2

/* The options from the environment: PRAXIS_APERTIUM (program),
 * PRAXIS_APERTIUM_DATA (data), PRAXIS_MT_TIMEOUT (seconds, 1-600). An
 * unusable PRAXIS_MT_TIMEOUT is PX_EUSAGE with why. */
enum px_err mt_options_env(struct mt_options *o, struct buf *why) PX_WUR;

/* Finds the directions. A missing data directory is no error: the graph
 * is then empty (every mt_path() says no). PX_EIO with why when the
 * private directory cannot be made. Caller frees with mt_free(). */
enum px_err mt_open(const struct mt_options *o, struct mt **out, struct buf *why) PX_WUR;
void mt_free(struct mt *m);

/* One direction: from and to in ISO 639-1 ("hr", also "ca", "mk": pair
 * packages' languages that may serve as pivots), the mode's name, and
 * whether its mode file was written from a modes.xml. */
struct mt_direction {
	char from[4], to[4];
	const char *mode;
	const char *dir; /* the -d directory holding modes/MODE.mode */
	int generated;
};
size_t mt_directions(const struct mt *m);
const struct mt_direction *mt_direction_at(const struct mt *m, size_t i);

struct mt_path {
	size_t hops; /* 1 or 2 */
	const struct mt_direction *hop[MT_HOPS_MAX];
};

/* The shortest path from one ISO 639-1 code to another; 0 and *p set, or
 * -1 when there is none (or from equals to). */
int mt_path(const struct mt *m, const char *from, const char *to, struct mt_path *p);
/* The pivot's code, or NULL for a direct path. */
const char *mt_path_via(const struct mt_path *p);

/* Translates the HTML in[0..len) along p into out (appended). PX_EIO with
 * why when Apertium cannot be started, fails, runs past the time limit or
 * gives more than the output cap; PX_EPARSE when its output's markup
 * differs from the input's. */
enum px_err mt_run(const struct mt *m, const struct mt_path *p, const char *in, size_t len, struct buf *out,
		   struct buf *why) PX_WUR;

/* Stops the runs under way (within a second: killed as past their time
 * limit) and fails those to come: for a server stopping. Thread-safe. */
void mt_cancel(struct mt *m);
int mt_cancelled(const struct mt *m);

/* Apertium's runs started by this process so far (both hops count one
 * each): a figure for tests and the log. Thread-safe. */
unsigned long mt_runs(void);

/* The command and the time limit in use (run.c reads them). */
const char *mt_program(const struct mt *m);
unsigned mt_timeout_ms(const struct mt *m);

/* ---- clean.c ---- */

/* out (Apertium's translation of src) with its unknown-word marks taken
 * off and stray '>', '&' and quotes escaped, into res; PX_EPARSE when its
 * markup is not src's (see the top), res then as it was. */
enum px_err mt_clean(const char *src, size_t slen, const char *out, size_t olen, struct buf *res) PX_WUR;

#endif
