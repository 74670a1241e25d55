/* File-level checks shared by every format, format detection, and the
 * finishing passes: NFC for JSON and CSV strings, duplicate nids, languages. */
#include "ingest.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BOM                   "\xef\xbb\xbf"
#define DETECT_THREADS_MAX    8
#define DETECT_PER_THREAD_MIN 256 /* fewer nodes are not worth a thread */
#define DETECT_SHORT          160 /* bytes of title and text under which a guess is a guess:
				     "Some lead text." reads as Hungarian */

void ingest_diag_init(struct ingest_diag *d)
{
	d->line = 0;
	buf_init(&d->msg, 4096);
}

void ingest_diag_free(struct ingest_diag *d)
{
	buf_free(&d->msg);
}

void ingest_nodes_free(struct ptrvec *nodes)
{
	for (size_t i = 0; i < ptrvec_len(nodes); i++)
		node_free(ptrvec_get(nodes, i));
	buf_reset(&nodes->b);
}

static int line_of(const char *s, size_t off)
{
	int line = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))) != NULL; p++)
		line++;
	return line;
}

static enum px_err fail(struct ingest_diag *d, int line, const char *msg)
{
	d->line = line;
	buf_reset(&d->msg);
	return buf_adds(&d->msg, msg) ? PX_ENOMEM : PX_EPARSE;
}

/* A NUL never occurs in text; a file with one is binary, whatever else. */
static enum px_err check_text(const char *s, size_t n, struct ingest_diag *d)
{
	const char *nul = memchr(s, '\0', n);
	if (nul)
		return fail(d, line_of(s, (size_t)(nul - s)),
			    "binary file (NUL byte): not a listing, JSON Lines or CSV");
	size_t bad;
	if (text_utf8_check(s, n, &bad) == 0)
		return PX_OK;
	size_t bol = bad;
	while (bol > 0 && s[bol - 1] != '\n')
		bol--;
	char msg[96];
	snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02X at column %zu)", (unsigned char)s[bad],
		 bad - bol + 1);
	return fail(d, line_of(s, bad), msg);
}

/* The offset of the first character that is not white space (n if none). */
static size_t first_text(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && strchr(" \t\r\n", s[i]))
		i++;
	return i;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

/* CSV by its header's first names (as the export writes them), JSON Lines
 * by its first '{', else a listing. */
static enum ingest_format detect(const char *s, size_t n)
{
	if (starts_with(s, n, "nid,type,") || starts_with(s, n, "type,"))
		return INGEST_CSV;
	size_t i = first_text(s, n);
	return i < n && s[i] == '{' ? INGEST_JSONL : INGEST_LISTING;
}

/* A JSON array of objects (an export of another tool) is neither format:
 * say so, rather than read it as a listing without bullets. */
static enum px_err refuse_json_array(const char *s, size_t n, struct ingest_diag *d)
{
	size_t i = first_text(s, n);
	if (i == n || s[i] != '[')
		return PX_OK;
	/* "[{" or "[]": an array; "[[{" is a listing's media token */
	size_t j = i + 1 + first_text(s + i + 1, n - i - 1);
	if (j < n && s[j] != '{' && s[j] != ']')
		return PX_OK;
	return fail(d, line_of(s, i), "JSON arrays are not read: give JSON Lines, one object per line");
}

static int by_nid(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;
	if (x->nid != y->nid)
		return x->nid < y->nid ? -1 : 1;
	return x->line - y->line;
}

static enum px_err check_unique_nids(const struct ptrvec *nodes, struct ingest_diag *d)
{
	size_t n = ptrvec_len(nodes);
	struct ptrvec sorted;
	ptrvec_init(&sorted);
	enum px_err err = buf_add(&sorted.b, nodes->b.data, nodes->b.len);
	if (err)
		return err;
	qsort(sorted.b.data, n, sizeof(void *), by_nid);
	for (size_t i = 1; !err && i < n; i++) {
		const struct node *a = ptrvec_get(&sorted, i - 1), *b = ptrvec_get(&sorted, i);
		if (a->nid && a->nid == b->nid) {
			char msg[128];
			snprintf(msg, sizeof msg, "nid %lld is already used by the entry on line %d",
				 (long long)b->nid, a->line);
			err = fail(d, b->line, msg);
		}
	}
	ptrvec_free(&sorted);
	return err;
}

/* A node beyond the model's size limits refuses the file at its line. */
static enum px_err check_limits(const struct ptrvec *nodes, struct ingest_diag *d)
{
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		const struct node *n = ptrvec_get(nodes, i);
		struct node_limit lim;
		if (!node_check_limits(n, &lim))
			continue;
		d->line = n->line;
		buf_reset(&d->msg);
		if (buf_adds(&d->msg, "too large: ") || node_limit_describe(&lim, &d->msg))
			return PX_ENOMEM;
		return PX_EPARSE;
	}
	return PX_OK;
}

/* A listing is newest first and carries no dates: its entries are dated a
 * millisecond apart, back from now, so "newest" shows them in its order.
 * The store keeps these only for nodes it does not have yet. */
static enum px_err date_listing(struct ptrvec *nodes)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	int64_t ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	char when[32];
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < ptrvec_len(nodes); i++) {
		struct node *n = ptrvec_get(nodes, i);
		if (!(err = node_date_format(ms - (int64_t)i, when)))
			err = node_set(&n->created, when, strlen(when));
	}
	return err;
}

enum px_err ingest_parse(const char *data, size_t len, struct text_lang *lang, struct ptrvec *nodes,
			 struct ingest_diag *d)
{
	enum px_err err = check_text(data, len, d);
	if (err)
		return err;
	if (len >= 3 && memcmp(data, BOM, 3) == 0)
		data += 3, len -= 3;
	if ((err = refuse_json_array(data, len, d)))
		return err;
	enum ingest_format format = detect(data, len);
	if (format != INGEST_LISTING) {
		err = format == INGEST_CSV ? ingest_csv_parse(data, len, nodes, d)
					   : ingest_jsonl_parse(data, len, nodes, d);
		for (size_t i = 0; !err && i < ptrvec_len(nodes); i++)
			err = node_map_strings(ptrvec_get(nodes, i), text_nfc); /* JSON, CSV may be decomposed */
	} else if (!(err = ingest_listing_parse(data, len, nodes, d))) {
		err = date_listing(nodes);
	}
	if (!err)
		err = check_limits(nodes, d);
	if (!err)
		err = check_unique_nids(nodes, d);
	if (!err && lang)
		ingest_detect_languages(nodes, lang);
	if (err)
		ingest_nodes_free(nodes);
	return err;
}

/* The text a node's language is judged on: its own words, title first. */
static void language_sample(const struct node *n, struct buf *out)
{
	buf_reset(out);
	const char *parts[] = {n->title, n->subtitle, n->body};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (parts[i] && (buf_adds(out, parts[i]) || buf_addc(out, '\n')))
			return;
	for (size_t i = 0; i < node_section_count(n) && out->len < 4096; i++)
		if (buf_adds(out, node_section(n, i)->text) || buf_addc(out, '\n'))
			return;
}

struct detect_job {
	struct ptrvec *nodes;
	struct text_lang *lang;
	unsigned char *is_short; /* per node: 1 detected on a short sample, 2 on a long one */
	size_t from, to; /* node range [from, to) */
};

static void *detect_range(void *arg)
{
	struct detect_job *j = arg;
	struct buf sample;
	buf_init(&sample, 1 << 20);
	for (size_t i = j->from; i < j->to; i++) {
		struct node *n = ptrvec_get(j->nodes, i);
		if (n->language[0])
			continue;
		language_sample(n, &sample);
		text_lang_detect(j->lang, sample.data ? sample.data : "", sample.len, n->language);
		if (j->is_short)
			j->is_short[i] = sample.len < DETECT_SHORT ? 1 : 2;
	}
	buf_free(&sample);
	return NULL;
}

/* Detection is most of the cost of ingesting a listing, and nodes are
 * independent: large files are split over the machine's cores. */
/* The language most of the long texts detected in one file are in, or NULL
 * when none is long. */
static const char *dominant_language(struct ptrvec *nodes, const unsigned char *is_short)
{
	const char *best = NULL;
	size_t best_n = 0, count = ptrvec_len(nodes);
	for (size_t i = 0; i < count; i++) { /* quadratic in languages only: 24 at most */
		const char *l = ((struct node *)ptrvec_get(nodes, i))->language;
		if (is_short[i] != 2 || (best && !strcmp(l, best)))
			continue;
		size_t n = 0;
		for (size_t k = i; k < count; k++)
			n += is_short[k] == 2 && !strcmp(((struct node *)ptrvec_get(nodes, k))->language, l);
		if (n > best_n)
			best = l, best_n = n;
	}
	return best;
}

/* A short text takes the dominant language of its file instead of a guess. */
static void short_texts_follow_their_file(struct ptrvec *nodes, const unsigned char *is_short)
{
	const char *dominant = dominant_language(nodes, is_short);
	if (!dominant)
		return;
	char lang[sizeof ((struct node *)0)->language];
	snprintf(lang, sizeof lang, "%s", dominant); /* dominant points into a node rewritten below */
	for (size_t i = 0; i < ptrvec_len(nodes); i++)
		if (is_short[i] == 1)
			snprintf(((struct node *)ptrvec_get(nodes, i))->language, sizeof lang, "%s", lang);
}

void ingest_detect_languages(struct ptrvec *nodes, struct text_lang *lang)
{
	size_t count = ptrvec_len(nodes);
	unsigned char *is_short = calloc(count ? count : 1, 1); /* NULL: every guess stands */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = count < DETECT_PER_THREAD_MIN * 2 || cpus < 2 ? 1
			  : cpus > DETECT_THREADS_MAX                   ? DETECT_THREADS_MAX
									: (size_t)cpus;
	struct detect_job jobs[DETECT_THREADS_MAX];
	pthread_t tids[DETECT_THREADS_MAX];
	size_t started = 0;
	for (size_t t = 0; t < nthreads; t++) {
		jobs[t] = (struct detect_job){nodes, lang, is_short, count * t / nthreads, count * (t + 1) / nthreads};
		if (t > 0 && pthread_create(&tids[t], NULL, detect_range, &jobs[t]) == 0)
			started |= (size_t)1 << t;
	}
	detect_range(&jobs[0]);
	for (size_t t = 1; t < nthreads; t++) {
		if (started & ((size_t)1 << t))
			pthread_join(tids[t], NULL);
		else
			detect_range(&jobs[t]); /* no thread: do its share here */
	}
	if (is_short)
		short_texts_follow_their_file(nodes, is_short);
	free(is_short);
}
