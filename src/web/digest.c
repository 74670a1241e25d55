/* The daily digest of readers' saved searches (praxis digest): for each
 * reader whose digest is on, the practices that match a saved search and
 * were published since its last digest, in one mail in the reader's
 * language; nothing when nothing is new.
 *
 * A search is due once DIGEST_GAP_S passed since its last digest, so a
 * timer running the command twice a day (or a retry) sends nothing twice.
 * New means published in [digested_ms, now): the next digest starts where
 * this one stopped, so nothing is told twice or skipped. The search is the
 * saved query string run again (words and filters, newest first), its
 * first DIGEST_SCAN hits looked at: a day's new practices are far fewer.
 *
 * The mail, its unsubscribe key and the searches' new digest times are
 * written in one transaction per reader: a reader's digest is queued and
 * recorded together, or neither. */
#include "web_int.h"

#include "../index/index.h"
#include "../store/mail.h"
#include "../store/reader.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGEST_GAP_S  (20 * 3600) /* a daily timer's runs are 24 h apart, give or take */
#define DIGEST_SCAN   200         /* newest hits looked at per search */
#define DIGEST_LISTED 20          /* practices a mail lists per search */

int digest_query_parse(struct arena *a, const char *qs, struct digest_query *out)
{
	struct form f;
	memset(out, 0, sizeof *out);
	out->text = "";
	out->population = (struct index_range){0, 0, INT64_MAX};
	if (form_parse(a, qs, strlen(qs), &f))
		return -1;
	for (size_t i = 0; i < f.n; i++) {
		const char *k = f.names[i], *v = f.values[i];
		enum index_facet facet;
		int64_t n;
		if (!strcmp(k, "q")) {
			out->text = v;
		} else if (!strcmp(k, "population_min") || !strcmp(k, "population_max")) {
			int is_min = !strcmp(k, "population_min");
			if (!*v) /* a form's empty field: an open end */
				continue;
			if (px_parse_i64(v, strlen(v), 0, &n) || n < 0)
				return -1;
			out->population.set = 1;
			*(is_min ? &out->population.min : &out->population.max) = n;
		} else if (!index_facet_parse(k, &facet) && *v) {
			if (out->nfilters == WEB_FILTERS_MAX)
				return -1;
			out->filters[out->nfilters++] = (struct index_filter){facet, v};
		}
	}
	return out->population.min > out->population.max ? -1 : 0;
}

/* One reader's digest under way. */
struct digest_mail {
	struct arena *a;
	struct store *st;
	const struct index *ix;
	const char *lang, *base; /* the reader's language; the public URL with its language prefix */
	int64_t now_ms;
	struct buf *body;
	size_t practices; /* listed so far */
};

static const char *tr(const struct digest_mail *m, const char *msgid)
{
	return i18n_text(m->lang, msgid);
}

/* The new practices of search s as lines of m->body, under its name. */
static enum px_err one_search(struct digest_mail *m, const struct saved_search *s)
{
	struct digest_query dq;
	struct index_result r;
	struct buf why;
	buf_init(&why, 1024);
	if (digest_query_parse(m->a, s->query, &dq))
		return PX_OK; /* a query no longer readable tells of nothing */
	struct index_query q = {.text = dq.text, .filters = dq.filters, .nfilters = dq.nfilters,
				.limit = DIGEST_SCAN, .population = dq.population, .newest = 1};
	enum px_err err = index_search(m->ix, &q, &r, &why);
	buf_free(&why);
	if (err)
		return err == PX_EPARSE || err == PX_ETOOBIG ? PX_OK : err;
	size_t found = 0;
	for (size_t i = 0; !err && i < r.nhits; i++) {
		int64_t t = 0;
		if (r.hits[i].type != NODE_PRACTICE || (err = reader_published_ms(m->st, r.hits[i].nid, &t)) ||
		    t < s->digested_ms || t >= m->now_ms)
			continue;
		if (!found++)
			err = buf_printf(m->body, "\n%s %s\n", tr(m, N_("Saved search:")), s->name);
		if (!err && found <= DIGEST_LISTED)
			err = buf_printf(m->body, "- %s\n  %s/node/%lld\n", r.hits[i].title, m->base,
					 (long long)r.hits[i].nid);
	}
	if (!err && found > DIGEST_LISTED)
		err = buf_printf(m->body, "%s\n  %s/search?%s&sort=newest\n",
				 i18n_with_number(m->a, m->lang, tr(m, N_("and {n} more:")), (int64_t)(found - DIGEST_LISTED)),
				 m->base, s->query);
	m->practices += found;
	index_result_free(&r);
	return err;
}

/* The mail's opening and closing lines around the searches' lines. */
static enum px_err frame(struct digest_mail *m, const struct user *u, const char *key, struct buf *out)
{
	enum px_err err = buf_printf(out, "%s\n\n%s\n", i18n_with(m->a, tr(m, N_("Hello {name},")), "name", u->name),
				     tr(m, N_("New practices match your saved searches on praxis.")));
	if (!err)
		err = buf_add(out, m->body->data, m->body->len);
	if (!err)
		err = buf_printf(out, "\n%s\n%s/me\n\n%s\n%s/unsubscribe?t=%s\n", tr(m, N_("Your saved searches:")), m->base,
				 tr(m, N_("To stop these daily mails, open this link (no login needed):")), m->base, key);
	return err;
}

/* Queues reader u's mail and records its searches' digest times, in one
 * transaction. */
static enum px_err send_one(struct digest_mail *m, const struct user *u, const struct saved_search *s, size_t n,
			    time_t now, struct buf *why)
{
	char key[SESSION_TOKEN_N];
	struct buf mail;
	buf_init(&mail, MAIL_BODY_MAX);
	int begun = store_write_begin(m->st);
	enum px_err err = begun < 0 ? PX_ESTORE : PX_OK;
	if (!err && m->practices && !(err = digest_key_new(m->st, u->id, now, key)) &&
	    !(err = frame(m, u, key, &mail)))
		err = outbox_put(m->st, u->email, tr(m, N_("New practices for your saved searches")), mail.data, why);
	for (size_t i = 0; !err && i < n; i++)
		if (s[i].digested_ms <= m->now_ms - (int64_t)DIGEST_GAP_S * 1000)
			err = saved_search_digested(m->st, s[i].id, m->now_ms);
	enum px_err end = store_write_end(m->st, begun, !err);
	buf_free(&mail);
	return err ? err : end;
}

/* The digest of one reader: searches s[0..n), all of account s[0].account. */
static enum px_err digest_reader(struct store *st, const struct index *ix, const char *public_url, time_t now,
				 const struct saved_search *s, size_t n, struct web_digest_counts *c, struct buf *why)
{
	struct user u;
	enum px_err err = user_get_id(st, s[0].account, &u);
	if (err)
		return err == PX_ENOTFOUND ? PX_OK : err;
	struct arena a;
	struct buf body;
	arena_init(&a);
	buf_init(&body, MAIL_BODY_MAX / 2);
	const char *lang = i18n_known(u.lang, strlen(u.lang)) >= 0 ? u.lang : "en";
	struct digest_mail m = {.a = &a, .st = st, .ix = ix, .lang = lang, .now_ms = (int64_t)now * 1000, .body = &body,
				.base = arena_printf(&a, "%s%s%s", public_url, strcmp(lang, "en") ? "/" : "",
						     strcmp(lang, "en") ? lang : "")};
	size_t due = 0;
	for (size_t i = 0; !err && i < n; i++)
		if (s[i].digested_ms <= m.now_ms - (int64_t)DIGEST_GAP_S * 1000) {
			due++;
			err = one_search(&m, &s[i]);
		}
	if (err == PX_ETOOBIG) /* the mail is full: what is listed goes, the rest is for the web */
		err = PX_OK;
	if (!err && due)
		err = send_one(&m, &u, s, n, now, why);
	if (!err && due) {
		c->searches += due;
		c->mails += m.practices > 0;
		c->practices += m.practices;
	}
	buf_free(&body);
	arena_free(&a);
	return err;
}

struct collected {
	struct buf rows; /* struct saved_search, one after another */
	enum px_err err;
};

static void collect(const struct saved_search *s, void *arg)
{
	struct collected *c = arg;
	if (!c->err)
		c->err = buf_add(&c->rows, s, sizeof *s);
}

enum px_err web_digest(struct store *st, const struct index *ix, const char *public_url, time_t now,
		       struct web_digest_counts *out, struct buf *why)
{
	struct collected c = {.err = PX_OK};
	buf_init(&c.rows, (size_t)READER_SEARCHES_MAX * sizeof(struct saved_search) * 100000);
	memset(out, 0, sizeof *out);
	enum px_err err = saved_search_each(st, 0, collect, &c);
	if (!err)
		err = c.err;
	const struct saved_search *s = (const struct saved_search *)(const void *)c.rows.data;
	size_t n = c.rows.len / sizeof *s;
	for (size_t i = 0, j; !err && i < n; i = j) {
		for (j = i + 1; j < n && s[j].account == s[i].account; j++)
			;
		err = digest_reader(st, ix, public_url, now, &s[i], j - i, out, why);
	}
	buf_free(&c.rows);
	return err;
}
