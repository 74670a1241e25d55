/* driver: what the search benchmark's peer drivers share.
 *
 * A driver builds its engine's index from the corpus (JSON Lines, export
 * format), then hands bench_run() a per-thread query function. bench_run()
 * runs the query mix once as a warm-up, once more timing every query (p50/p99
 * per query type), then on 2 threads for a fixed time (QPS), and prints the
 * one JSON line of the report on stdout.
 *
 * Common options (bench_parse_args): --corpus FILE --queries FILE --dir DIR
 * [--seconds T] [--dump FILE] [--conn CONNINFO]. The dump has a line per
 * query of the timed pass: number, type, text, total, facet values/sum, the
 * hits (nid:score), the first snippet, the latency in µs. */
#ifndef BENCH_DRIVER_H
#define BENCH_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One node of the corpus, flattened the way every peer indexes it. */
struct bdoc {
	long long nid;
	const char *type;      /* "practice" | "article" */
	const char *title;
	const char *subtitle;  /* "" for articles */
	const char *themes;    /* themes joined with ", " ("" if none) */
	const char *themev[16]; /* the themes one by one */
	int nthemes;
	const char *country, *city, *city_size; /* "" when absent */
	const char *language;
	const char *author;
	const char *body; /* article body, or the practice's section texts joined with "\n" */
	size_t raw_bytes; /* title + subtitle + themes + body */
};

/* Calls fn for every node of the corpus; stops when fn returns non-zero.
 * Returns 0, or -1 after a message on stderr. */
int bench_docs_each(const char *path, int (*fn)(const struct bdoc *d, void *arg), void *arg);

enum qtype { Q_ONE_WORD, Q_TWO_WORDS, Q_PHRASE, Q_TYPO, Q_PREFIX, Q_FILTERED, Q_NTYPES };
extern const char *const bench_qtype_name[Q_NTYPES];

struct bfilter {
	const char *field; /* themes | country | city_size | language | type */
	const char *value;
};

struct bquery {
	enum qtype type;
	const char *text;     /* as in the file: a phrase keeps its quotes */
	const char *words[8]; /* the words, quotes removed; for a prefix query the last is the prefix */
	int nwords;
	struct bfilter filters[4];
	int nfilters;
	const char *lang; /* ISO 639-1 of the words */
};

/* Facet fields counted by filtered queries, in this order. */
#define BENCH_NFACETS 4
extern const char *const bench_facet_name[BENCH_NFACETS]; /* themes country city_size language */

#define BENCH_TOPK 10
struct bhit {
	long long nid;
	double score;
	char snippet[320];
};
struct bresult {
	long long total; /* hits in all when the engine counted them (filtered), else -1 */
	int nhits;
	struct bhit hits[BENCH_TOPK];
	long long facet_values; /* distinct facet values counted (filtered) */
	long long facet_sum;    /* sum of the counts */
};

struct bench_args {
	const char *corpus, *queries, *dir, *conn, *dump;
	double seconds;
	int threads;
};
void bench_parse_args(int argc, char **argv, struct bench_args *a);

/* Per-thread query function: h is what open() returned for the thread. */
struct bench_engine {
	const char *name;
	void *(*open)(void *eng);       /* a handle for one thread (may return eng) */
	void (*close)(void *h);
	int (*query)(void *h, const struct bquery *q, struct bresult *r); /* 0 ok */
	long (*extra_rss_kb)(void *eng); /* memory outside this process (server), or NULL */
	void *eng;
};

struct bench_build {
	long long nodes;
	double build_s;
	long long index_bytes; /* the index structures */
	long long total_bytes; /* everything on disk, with stored text (0 if same) */
	long long raw_text_bytes;
	const char *notes;
};

/* Runs the queries and prints the report line (query errors counted in it).
 * Returns 0, or 1 if it could not run. */
int bench_run(const struct bench_args *a, struct bench_engine *e, const struct bench_build *b);

double bench_now(void);
long bench_self_peak_rss_kb(void);
/* Copies at most cap-1 bytes of s into dst, cut on a UTF-8 boundary. */
void bench_copy(char *dst, size_t cap, const char *s);
/* Size in bytes of every file under path (a file or a directory). */
long long bench_du(const char *path);

#ifdef __cplusplus
}
#endif
#endif
