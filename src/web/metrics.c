/* /metrics: the server's counters in Prometheus' text exposition format
 * 0.0.4 (text/plain; version=0.0.4), for a scraper every 15 s or so.
 *
 * Requests are counted by route pattern ("/node/{nid}", not the path:
 * the labels stay as few as the routes) and status; a path that matches
 * no route counts under route="unmatched". Only the series that were
 * observed are written (a route never asked has none). A request is
 * counted when it ends (after its answer is sent), so /metrics's own
 * request is in the next scrape, not in the answer that reports it.
 *
 * The counters are relaxed atomics in struct metrics, bumped by the worker
 * that ends a request; a scrape reads them one by one, so it may see a
 * request in one series and not yet in another, never a torn value. The
 * histogram's _count is the sum of the buckets it wrote: consistent with
 * them whatever happens meanwhile. */
#include "web_int.h"

#include "../store/mail.h"
#include "../store/store.h"

#include <string.h>
#include <time.h>

static const int codes[METRICS_CODES - 1] = {0,   200, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409,
					     410, 411, 413, 414, 415, 422, 429, 431, 500, 501, 502, 503};
static const double bounds[METRICS_BUCKETS - 1] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
						   0.05,   0.1,   0.25,   0.5,   1,    2.5};
static const char *const bound_labels[METRICS_BUCKETS] = {"0.0005", "0.001", "0.0025", "0.005", "0.01",
							  "0.025",  "0.05",  "0.1",    "0.25",  "0.5",
							  "1",      "2.5",   "+Inf"};

static size_t code_slot(int status)
{
	for (size_t i = 0; i < METRICS_CODES - 1; i++)
		if (codes[i] == status)
			return i;
	return METRICS_CODES - 1; /* "other" */
}

void metrics_record(struct metrics *m, const struct route *r, int status, double seconds)
{
	size_t row = r ? route_number(r) : ROUTES_MAX;
	size_t b = 0;
	while (b < METRICS_BUCKETS - 1 && seconds > bounds[b])
		b++;
	__atomic_add_fetch(&m->requests[row][code_slot(status)], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&m->latency[row][b], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&m->latency_us[row], (uint64_t)(seconds * 1e6 + 0.5), __ATOMIC_RELAXED);
}

static uint64_t load(const uint64_t *v)
{
	return __atomic_load_n(v, __ATOMIC_RELAXED);
}

/* s as a label value: \, " and a newline escaped as the format wants. */
static enum px_err label_value(struct buf *out, const char *s)
{
	enum px_err err = PX_OK;
	for (; *s && !err; s++)
		err = *s == '\\' || *s == '"' ? buf_printf(out, "\\%c", *s)
		      : *s == '\n'             ? buf_adds(out, "\\n")
						: buf_addc(out, *s);
	return err;
}

/* A route's label value: its pattern (no pattern has \ or " today; a new
 * one might). */
static enum px_err route_label(struct buf *out, size_t row)
{
	return label_value(out, row == ROUTES_MAX ? "unmatched" : route_pattern(row));
}

static enum px_err head(struct buf *out, const char *name, const char *type, const char *help)
{
	return buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static enum px_err requests(struct buf *out, const struct metrics *m)
{
	enum px_err err = head(out, "praxis_http_requests_total", "counter",
			       "HTTP requests answered, by route pattern and status code (0: the client left "
			       "before an answer).");
	for (size_t row = 0; row <= ROUTES_MAX && !err; row++) {
		if (row < ROUTES_MAX && row >= route_count())
			continue;
		for (size_t k = 0; k < METRICS_CODES && !err; k++) {
			uint64_t n = load(&m->requests[row][k]);
			if (!n)
				continue;
			err = buf_adds(out, "praxis_http_requests_total{route=\"");
			if (!err)
				err = route_label(out, row);
			if (!err && k == METRICS_CODES - 1)
				err = buf_printf(out, "\",code=\"other\"} %llu\n", (unsigned long long)n);
			else if (!err)
				err = buf_printf(out, "\",code=\"%d\"} %llu\n", codes[k],
						 (unsigned long long)n);
		}
	}
	return err;
}

/* One route's histogram, if it saw a request. */
static enum px_err histogram(struct buf *out, const struct metrics *m, size_t row)
{
	uint64_t seen[METRICS_BUCKETS], total = 0;
	for (size_t b = 0; b < METRICS_BUCKETS; b++)
		total += seen[b] = load(&m->latency[row][b]);
	enum px_err err = PX_OK;
	uint64_t cumulative = 0;
	for (size_t b = 0; b < METRICS_BUCKETS && total && !err; b++) {
		cumulative += seen[b];
		err = buf_adds(out, "praxis_http_request_duration_seconds_bucket{route=\"");
		if (!err)
			err = route_label(out, row);
		if (!err)
			err = buf_printf(out, "\",le=\"%s\"} %llu\n", bound_labels[b],
					 (unsigned long long)cumulative);
	}
	const char *tail[] = {"_sum", "_count"};
	for (size_t t = 0; t < 2 && total && !err; t++) {
		err = buf_printf(out, "praxis_http_request_duration_seconds%s{route=\"", tail[t]);
		if (!err)
			err = route_label(out, row);
		if (!err && t == 0)
			err = buf_printf(out, "\"} %.6f\n", (double)load(&m->latency_us[row]) / 1e6);
		else if (!err)
			err = buf_printf(out, "\"} %llu\n", (unsigned long long)total);
	}
	return err;
}

static enum px_err latency(struct buf *out, const struct metrics *m)
{
	enum px_err err = head(out, "praxis_http_request_duration_seconds", "histogram",
			       "Time from the request line to the end of the answer, by route pattern.");
	for (size_t row = 0; row <= ROUTES_MAX && !err; row++)
		if (row == ROUTES_MAX || row < route_count())
			err = histogram(out, m, row);
	return err;
}

/* A metric of one value, its HELP and TYPE before it. */
static enum px_err one(struct buf *out, const char *name, const char *type, const char *help, double v)
{
	enum px_err err = head(out, name, type, help);
	return err ? err : buf_printf(out, "%s %.17g\n", name, v);
}

/* The gauges and counters beside the requests'. ix_lock is held (read)
 * by the caller, and rq->st is in a read transaction. */
static enum px_err the_rest(struct buf *out, struct request *rq)
{
	const struct metrics *m = &rq->srv->metrics;
	const struct follower *f = &rq->srv->follower;
	uint64_t hits, misses;
	cache_counts(&hits, &misses);
	int64_t sessions = session_count(rq->st, time(NULL)), outbox = outbox_waiting(rq->st);
	struct {
		const char *name, *type, *help;
		double v;
		int skip;
	} rows[] = {
		{"praxis_page_cache_hits_total", "counter", "Answers sent from the page cache.", (double)hits,
		 0},
		{"praxis_page_cache_misses_total", "counter",
		 "Answers looked for in the page cache and not found there (then made).", (double)misses, 0},
		{"praxis_index_nodes", "gauge", "Nodes in the search index.", (double)index_size(rq->srv->ix),
		 0},
		{"praxis_index_generation", "gauge",
		 "The index's generation: 1 at the start, one more at each change (a publication, an "
		 "import).",
		 (double)cache_generation(), 0},
		{"praxis_index_revision", "gauge",
		 "The store's revision the index has caught up to: every change up to it, by any process, is "
		 "in the index.",
		 (double)__atomic_load_n(&f->revision, __ATOMIC_RELAXED), 0},
		{"praxis_follow_catch_ups_total", "counter",
		 "Catch-ups that took other processes' changes to the store into the index.",
		 (double)load(&f->catch_ups), 0},
		{"praxis_follow_nodes_applied_total", "counter",
		 "Nodes those catch-ups put in the index or took out of it.", (double)load(&f->applied), 0},
		{"praxis_follow_lag_seconds", "gauge",
		 "The last catch-up's time from noticing the change to the index and page cache holding it.",
		 (double)load(&f->lag_us) / 1e6, 0},
		{"praxis_follow_store_failing", "gauge",
		 "1 while the store cannot be read to follow other processes' changes, else 0.",
		 (double)__atomic_load_n(&f->down, __ATOMIC_RELAXED), 0},
		{"praxis_store_errors_total", "counter",
		 "Store operations that failed (an SQLite error, a store file gone or replaced).",
		 (double)store_failures(), 0},
		{"praxis_replica_reads_total", "counter", "Pages made from the --db-read replica.",
		 (double)load(&rq->srv->replica_reads), !rq->srv->db_read},
		{"praxis_replica_fallbacks_total", "counter",
		 "Pages that could have been made from the --db-read replica and were made from the "
		 "primary: the replica was behind the index, or down.",
		 (double)load(&rq->srv->replica_fallbacks), !rq->srv->db_read},
		{"praxis_sessions", "gauge", "Live sessions of signed-in users.", (double)sessions,
		 sessions < 0},
		{"praxis_logins_failed_total", "counter", "Logins refused for a wrong name or password.",
		 (double)load(&m->logins_failed), 0},
		{"praxis_logins_throttled_total", "counter",
		 "Logins refused unchecked: too many failures of the account or address.",
		 (double)load(&m->logins_throttled), 0},
		{"praxis_outbox_messages", "gauge", "Mails in the outbox, not yet sent.", (double)outbox,
		 outbox < 0},
		{"process_start_time_seconds", "gauge",
		 "Start time of the process since the Unix epoch, in seconds.", (double)m->started, 0},
	};
	enum px_err err = PX_OK;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !err; i++)
		if (!rows[i].skip) /* a store that cannot say: no sample rather than a false one */
			err = one(out, rows[i].name, rows[i].type, rows[i].help, rows[i].v);
	return err;
}

/* praxis_build_info: the version as a label, the value 1 (Prometheus's
 * custom). */
static enum px_err build_info(struct buf *out, const char *version)
{
	enum px_err err = head(out, "praxis_build_info", "gauge", "The running praxis's version, in its label.");
	if (!err)
		err = buf_adds(out, "praxis_build_info{version=\"");
	if (!err)
		err = label_value(out, version);
	return err ? err : buf_adds(out, "\"} 1\n");
}

/* GET /metrics */
void page_metrics(struct request *rq)
{
	buf_reset(&rq->body);
	enum px_err err = requests(&rq->body, &rq->srv->metrics);
	if (!err)
		err = latency(&rq->body, &rq->srv->metrics);
	if (!err)
		err = the_rest(&rq->body, rq);
	if (!err)
		err = build_info(&rq->body, rq->srv->version);
	if (err) {
		page_plain(rq, 503, "out of memory");
		return;
	}
	rq->status = 200;
	rq->type = "text/plain; version=0.0.4; charset=utf-8";
	rq->cache = "no-store";
}
