/* Machine translations of nodes (src/mt/, Apertium): the document one is
 * made of, the one thread that makes them in the background, and making
 * one at once (praxis translate).
 *
 * The document: a node's translatable pieces as HTML, one <div> each,
 * named by id: px-t the title, px-s the subtitle, px-hN and px-xN section
 * N's heading as written and its text, px-iN impact figure N's name,
 * px-b the body. Titles and headings
 * are escaped text, the others cmark's HTML (no <div> in either, so the
 * pieces are found again in the translation, whose tags mt_clean() checks
 * are the source's). It depends on the node's revision only, not on who
 * reads it.
 *
 * The queue: at most MTQ_MAX jobs, one per (node, revision, language);
 * a job asked for again while queued or under way is not queued twice. A
 * failure is remembered MTQ_FAIL_S seconds, so that a page does not
 * start Apertium again at every refresh. The worker opens its own store
 * handle for the translations it keeps. */
#include "web_int.h"

#include "../model/model.h"
#include "../mt/mt.h"
#include "../store/translation.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MTQ_MAX    32
#define MTQ_FAILED 16
#define MTQ_FAIL_S 600

/* ---- the document ---- */

static enum px_err piece(struct buf *doc, const char *key, const char *html)
{
	return buf_printf(doc, "<div id=\"px-%s\">%s</div>\n", key, html ? html : "");
}

static enum px_err text_piece(struct buf *doc, const char *key, const char *text)
{
	enum px_err err = buf_printf(doc, "<div id=\"px-%s\">", key);
	if (!err)
		err = buf_add_html(doc, text, strlen(text));
	return err ? err : buf_adds(doc, "</div>\n");
}

enum px_err translation_source(const struct node *n, struct buf *doc)
{
	struct arena a;
	arena_init(&a);
	enum px_err err = text_piece(doc, "t", n->title ? n->title : "");
	if (!err && n->subtitle && *n->subtitle)
		err = text_piece(doc, "s", n->subtitle);
	for (size_t i = 0; !err && i < ptrvec_len(&n->sections); i++) {
		const struct section *s = ptrvec_get(&n->sections, i);
		char key[24];
		const struct tv *html = html_markdown(&a, s->text);
		snprintf(key, sizeof key, "h%zu", i);
		if (s->heading && *s->heading)
			err = text_piece(doc, key, s->heading);
		snprintf(key, sizeof key, "x%zu", i);
		if (!err)
			err = html ? piece(doc, key, html->s) : PX_ENOMEM;
	}
	for (size_t i = 0; !err && i < ptrvec_len(&n->indicators); i++) {
		const struct node_indicator *ind = ptrvec_get(&n->indicators, i);
		char key[24];
		snprintf(key, sizeof key, "i%zu", i);
		if (ind->name && *ind->name)
			err = text_piece(doc, key, ind->name);
	}
	if (!err && n->body && *n->body) {
		const struct tv *html = html_markdown(&a, n->body);
		err = html ? piece(doc, "b", html->s) : PX_ENOMEM;
	}
	arena_free(&a);
	return err;
}

const char *translation_piece(struct arena *a, const char *doc, const char *key)
{
	char open[32];
	snprintf(open, sizeof open, "<div id=\"px-%s\">", key);
	const char *p = strstr(doc, open);
	if (!p)
		return NULL;
	p += strlen(open);
	const char *end = strstr(p, "\n<div id=\"px-");
	if (!end)
		end = p + strlen(p);
	while (end > p && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end - p >= 6 && !memcmp(end - 6, "</div>", 6))
		end -= 6;
	return arena_strndup(a, p, (size_t)(end - p));
}

enum px_err translation_make(const struct mt *m, const struct mt_path *p, const char *doc, size_t len,
			     struct buf *html, struct buf *why)
{
	struct buf raw;
	buf_init(&raw, (size_t)64 << 20);
	enum px_err err = mt_run(m, p, doc, len, &raw, why);
	if (!err && (err = mt_clean(doc, len, raw.data ? raw.data : "", raw.len, html)))
		buf_reject(why, "Apertium's output does not carry the original's markup");
	buf_free(&raw);
	return err;
}

/* Translates doc along p into html, for revision rev of nid: a path
 * through a pivot starts from the translation into the pivot kept in st,
 * or makes and keeps it (a translation like any other), so that the
 * readers of four languages reached through Spanish cost one English to
 * Spanish run, not four. */
static enum px_err make_for(struct store *st, const struct mt *m, int64_t nid, int64_t rev, const struct mt_path *p,
			    const char *doc, size_t len, struct buf *html, struct buf *why)
{
	if (p->hops != 2)
		return translation_make(m, p, doc, len, html, why);
	const char *via = mt_path_via(p);
	struct mt_path first = {.hops = 1, .hop = {p->hop[0]}}, second = {.hops = 1, .hop = {p->hop[1]}};
	struct translation pivot;
	enum px_err err = store_translation_get(st, nid, rev, via, &pivot);
	if (err == PX_ENOTFOUND) {
		struct buf mid;
		buf_init(&mid, (size_t)64 << 20);
		err = translation_make(m, &first, doc, len, &mid, why);
		pivot = (struct translation){.made = time(NULL)};
		snprintf(pivot.from, sizeof pivot.from, "%s", p->hop[0]->from);
		pivot.html = err ? NULL : buf_take(&mid);
		if (!err && store_translation_put(st, nid, rev, via, &pivot))
			px_log(PX_LOG_ERR, "the translation of node %lld into %s cannot be kept", (long long)nid,
			       via); /* it served its turn all the same */
		buf_free(&mid);
	}
	if (!err)
		err = translation_make(m, &second, pivot.html, strlen(pivot.html), html, why);
	free(pivot.html);
	return err;
}

/* ---- the background ---- */

struct mt_job {
	int64_t nid, rev;
	char lang[4];
	struct mt_path path;
	char *doc; /* owned */
	size_t len;
};

struct mt_queue {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct mt *mt; /* the server's: cancelled when the queue stops */
	char *db;
	int log; /* 1: a line per translation made or failed (px_log) */
	int stop;
	struct mt_job jobs[MTQ_MAX]; /* a ring: first, n */
	size_t first, n;
	struct mt_job current; /* under way when current.doc */
	struct {
		int64_t nid, rev, at;
		char lang[4];
	} failed[MTQ_FAILED];
	size_t next_failed;
};

static int same(const struct mt_job *j, int64_t nid, int64_t rev, const char *lang)
{
	return j->doc && j->nid == nid && j->rev == rev && !strcmp(j->lang, lang);
}

static void finish(struct mt_queue *q, struct store **st, struct mt_job *j)
{
	struct buf html, why;
	buf_init(&html, (size_t)64 << 20);
	buf_init(&why, 1024);
	struct timespec t0, t1;
	unsigned long runs = mt_runs();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum px_err err = PX_OK;
	if (!*st && store_open_existing(q->db, st, &why))
		err = PX_ESTORE;
	if (!err)
		err = make_for(*st, q->mt, j->nid, j->rev, &j->path, j->doc, j->len, &html, &why);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	const char *via = mt_path_via(&j->path);
	struct translation t = {.html = html.data, .made = time(NULL)};
	snprintf(t.from, sizeof t.from, "%s", j->path.hop[0]->from);
	snprintf(t.via, sizeof t.via, "%s", via ? via : "");
	if (!err && (err = store_translation_put(*st, j->nid, j->rev, j->lang, &t)))
		buf_reject(&why, "the store cannot keep it");
	long ms = (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	if (q->log && !err)
		px_log(PX_LOG_INFO, "translated node %lld (revision %lld) %s>%s%s%s in %ld ms, Apertium runs: %lu",
		       (long long)j->nid, (long long)j->rev, t.from, via ? via : "", via ? ">" : "", j->lang, ms,
		       mt_runs() - runs);
	else if (q->log)
		px_log(PX_LOG_WARNING, "translating node %lld (revision %lld) into %s failed: %s", (long long)j->nid,
		       (long long)j->rev, j->lang, why.len ? why.data : px_strerror(err));
	if (err) {
		pthread_mutex_lock(&q->lock);
		q->failed[q->next_failed].nid = j->nid;
		q->failed[q->next_failed].rev = j->rev;
		q->failed[q->next_failed].at = time(NULL);
		snprintf(q->failed[q->next_failed].lang, 4, "%s", j->lang);
		q->next_failed = (q->next_failed + 1) % MTQ_FAILED;
		pthread_mutex_unlock(&q->lock);
	}
	buf_free(&html);
	buf_free(&why);
}

static void *worker(void *arg)
{
	struct mt_queue *q = arg;
	struct store *st = NULL;
	pthread_mutex_lock(&q->lock);
	while (!q->stop) {
		if (!q->n) {
			pthread_cond_wait(&q->wake, &q->lock);
			continue;
		}
		q->current = q->jobs[q->first];
		q->jobs[q->first].doc = NULL;
		q->first = (q->first + 1) % MTQ_MAX;
		q->n--;
		pthread_mutex_unlock(&q->lock);
		finish(q, &st, &q->current);
		pthread_mutex_lock(&q->lock);
		free(q->current.doc);
		q->current.doc = NULL;
	}
	pthread_mutex_unlock(&q->lock);
	store_close(st);
	return NULL;
}

struct mt_queue *mt_queue_start(const char *db, struct mt *m, int log)
{
	struct mt_queue *q = calloc(1, sizeof *q);
	if (!q || !(q->db = px_strdup(db))) {
		free(q);
		return NULL;
	}
	q->mt = m;
	q->log = log;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->wake, NULL);
	if (pthread_create(&q->thread, NULL, worker, q)) {
		free(q->db);
		free(q);
		return NULL;
	}
	return q;
}

void mt_queue_stop(struct mt_queue *q)
{
	if (!q)
		return;
	mt_cancel(q->mt); /* a translation under way stops within a second */
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_signal(&q->wake);
	pthread_mutex_unlock(&q->lock);
	pthread_join(q->thread, NULL);
	for (size_t i = 0; i < MTQ_MAX; i++)
		free(q->jobs[i].doc);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->wake);
	free(q->db);
	free(q);
}

enum mt_ask mt_queue_ask(struct mt_queue *q, const struct node *n, int64_t rev, const char *lang,
			 const struct mt_path *p)
{
	enum mt_ask r = MT_ASK_QUEUED;
	int64_t now = time(NULL);
	pthread_mutex_lock(&q->lock);
	for (size_t i = 0; i < MTQ_FAILED; i++)
		if (q->failed[i].nid == n->nid && q->failed[i].rev == rev && !strcmp(q->failed[i].lang, lang) &&
		    now - q->failed[i].at < MTQ_FAIL_S)
			r = MT_ASK_FAILED;
	if (r == MT_ASK_QUEUED && !same(&q->current, n->nid, rev, lang)) {
		int queued = 0;
		for (size_t i = 0; i < q->n; i++)
			queued |= same(&q->jobs[(q->first + i) % MTQ_MAX], n->nid, rev, lang);
		if (!queued && q->n == MTQ_MAX)
			r = MT_ASK_BUSY;
		else if (!queued) {
			struct buf doc;
			buf_init(&doc, (size_t)16 << 20);
			if (translation_source(n, &doc)) {
				buf_free(&doc);
				r = MT_ASK_BUSY;
			} else {
				struct mt_job *j = &q->jobs[(q->first + q->n) % MTQ_MAX];
				*j = (struct mt_job){.nid = n->nid, .rev = rev, .path = *p, .len = doc.len};
				snprintf(j->lang, sizeof j->lang, "%s", lang);
				j->doc = buf_take(&doc);
				q->n++;
				pthread_cond_signal(&q->wake);
			}
		}
	}
	pthread_mutex_unlock(&q->lock);
	return r;
}

/* ---- at once ---- */

enum px_err translation_now(struct store *st, const struct mt *m, const struct node *n, int64_t rev,
			    const char *lang, struct translation *t, int *made, struct buf *why)
{
	struct mt_path p;
	*made = 0;
	enum px_err err = store_translation_get(st, n->nid, rev, lang, t);
	if (err != PX_ENOTFOUND)
		return err;
	if (mt_path(m, n->language, lang, &p))
		return PX_ENOTFOUND;
	struct buf doc, html;
	buf_init(&doc, (size_t)16 << 20);
	buf_init(&html, (size_t)64 << 20);
	err = translation_source(n, &doc);
	if (!err)
		err = make_for(st, m, n->nid, rev, &p, doc.data ? doc.data : "", doc.len, &html, why);
	if (!err) {
		const char *via = mt_path_via(&p);
		*t = (struct translation){.made = time(NULL)};
		snprintf(t->from, sizeof t->from, "%s", n->language);
		snprintf(t->via, sizeof t->via, "%s", via ? via : "");
		t->html = buf_take(&html);
		*made = 1;
		if (store_translation_put(st, n->nid, rev, lang, t))
			buf_reject(why, "the store cannot keep the translation"), err = PX_ESTORE;
	}
	buf_free(&doc);
	buf_free(&html);
	return err;
}

enum px_err translation_text(const char *html, struct buf *out)
{
	static const char *const entities[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	enum px_err err = PX_OK;
	for (const char *p = html; !err && *p;) {
		if (!strncmp(p, "<div id=\"px-", 12) && p != html)
			err = buf_adds(out, "\n");
		if (*p == '<') {
			const char *gt = strchr(p, '>');
			p = gt ? gt + 1 : p + strlen(p);
			continue;
		}
		size_t i = 0;
		while (*p == '&' && i < 5 && strncmp(p, entities[i][0], strlen(entities[i][0])))
			i++;
		if (*p == '&' && i < 5) {
			err = buf_adds(out, entities[i][1]);
			p += strlen(entities[i][0]);
		} else {
			err = buf_addc(out, *p++);
		}
	}
	return err;
}
