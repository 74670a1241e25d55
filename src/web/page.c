/* What every page shares: rendering with the layout's fields, the error
 * page, the page number, a node's card and a listing from the index. */
#include "web_int.h"

#include "../index/index.h"
#include "../model/model.h"
#include "../store/store.h"

#include <stdio.h>
#include <string.h>

#define PAGER_AROUND 2 /* pages linked on each side of the current one */

static const char *translate(const char *msgid, void *rq)
{
	return T((struct request *)rq, msgid);
}

/* scope.languages: the same page in every interface language. */
static struct tv *languages(struct request *rq)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < i18n_count(); i++) {
		struct tv *l = tv_map(&rq->a);
		const char *root = rq->root;
		rq->root = arena_printf(&rq->a, "/%s", i18n_code(i));
		tv_set_str(l, "url", rq->root ? url_here(rq, &(struct url_change){0}) : NULL);
		rq->root = root;
		tv_set_str(l, "code", i18n_code(i));
		tv_set_str(l, "name", i18n_name(i));
		tv_set_bool(l, "current", !strcmp(i18n_code(i), rq->lang));
		tv_push(list, l);
	}
	return list;
}

void page_render(struct request *rq, const char *name, struct tv *scope)
{
	tv_set_str(scope, "lang", rq->lang);
	tv_set_str(scope, "root", rq->root);
	tv_set(scope, "languages", languages(rq));
	int k = i18n_known(rq->lang, strlen(rq->lang));
	tv_set_str(scope, "lang_name", i18n_name(k >= 0 ? (size_t)k : 0));
	if (rq->user) {
		struct tv *me = tv_map(&rq->a);
		tv_set_str(me, "name", rq->user->name);
		tv_set_str(me, "role", role_name(rq->user->role));
		tv_set_str(me, "home", arena_printf(&rq->a, "%s%s", rq->root,
						    rq->user->role == ROLE_READER ? "/me" : "/admin"));
		tv_set(scope, "me", me);
		tv_set_str(scope, "csrf", rq->csrf);
	}
	if (!tv_get(scope, "q", 1))
		tv_set_str(scope, "q", "");
	buf_reset(&rq->body);
	enum px_err err = rq->a.failed || !scope ? PX_ENOMEM
						 : tmpl_render(rq->srv->tmpl, name, scope, translate, rq, &rq->body);
	if (err) {
		px_log(PX_LOG_ERR, "rendering %s: %s", name, px_strerror(err));
		rq->status = 503;
		rq->type = "text/plain; charset=utf-8";
		buf_reset(&rq->body);
		if (buf_adds(&rq->body, "The hub is short of memory; try again in a moment.\n"))
			buf_reset(&rq->body);
	}
}

void page_error(struct request *rq, int status, const char *why)
{
	static const struct {
		int status;
		const char *title;
	} titles[] = {{400, N_("Bad request")},
		      {403, N_("Not allowed")},
		      {404, N_("Page not found")},
		      {405, N_("Method not allowed")},
		      {409, N_("Already done")},
		      {410, N_("No longer valid")},
		      {413, N_("Too large")},
		      {414, N_("Address too long")},
		      {415, N_("Unsupported form")},
		      {429, N_("Too many requests")},
		      {501, N_("Not implemented")},
		      {503, N_("Service unavailable")}};
	if (route_api(rq)) {
		page_api_error(rq, status, why);
		return;
	}
	if (route_ops(rq)) {
		page_plain(rq, status, why);
		return;
	}
	const char *title = N_("Error");
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (titles[i].status == status)
			title = titles[i].title;
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, title));
	tv_set_int(s, "status", status);
	tv_set_str(s, "why", T(rq, why));
	page_render(rq, "error", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

void page_plain(struct request *rq, int status, const char *text)
{
	buf_reset(&rq->body);
	if (buf_adds(&rq->body, text) || buf_addc(&rq->body, '\n'))
		status = 503;
	rq->status = status;
	rq->type = "text/plain; charset=utf-8";
	rq->cache = "no-store";
}

int64_t page_number(struct request *rq)
{
	const char *p = request_param(rq, "page");
	int64_t n = 1;
	if (p && (px_parse_i64(p, strlen(p), 0, &n) || n < 1 || n > 100000)) {
		page_error(rq, 400, N_("The page number must be a whole number from 1."));
		return -1;
	}
	return n;
}

/* A page's link in the pager: its number, its address, current or not. */
static struct tv *pager_number(struct request *rq, int64_t n, int64_t page)
{
	struct tv *v = tv_map(&rq->a);
	tv_set_int(v, "n", n);
	tv_set_str(v, "url", url_here(rq, &(struct url_change){.page = n}));
	tv_set_bool(v, "current", n == page);
	return v;
}

void page_pager(struct request *rq, struct tv *scope, int64_t page, size_t total, size_t per_page, int ranked)
{
	int64_t pages = total ? (int64_t)((total + per_page - 1) / per_page) : 1;
	int64_t lo = page - PAGER_AROUND < 1 ? 1 : page - PAGER_AROUND;
	int64_t hi = page + PAGER_AROUND > pages ? pages : page + PAGER_AROUND;
	struct tv *p = tv_map(&rq->a), *numbers = tv_list(&rq->a);
	tv_set_int(p, "page", page);
	tv_set_int(p, "pages", pages);
	tv_set_bool(p, "ranked", ranked);
	tv_set_bool(p, "several", pages > 1);
	if (page > 1)
		tv_set_str(p, "prev", url_here(rq, &(struct url_change){.page = page - 1}));
	if (page < pages)
		tv_set_str(p, "next", url_here(rq, &(struct url_change){.page = page + 1}));
	if (lo > 1) /* the first and the last page stay one click away */
		tv_set_str(p, "first", url_here(rq, &(struct url_change){.page = 1}));
	tv_set_bool(p, "gap_before", lo > 2);
	for (int64_t n = lo; n <= hi; n++)
		tv_push(numbers, pager_number(rq, n, page));
	tv_set(p, "numbers", numbers);
	tv_set_bool(p, "gap_after", hi < pages - 1);
	if (hi < pages)
		tv_set_str(p, "last", url_here(rq, &(struct url_change){.page = pages}));
	tv_set(scope, "pager", p);
}

int page_out_of_range(struct request *rq, int64_t page, size_t total, size_t per_page)
{
	if (page == 1 || (uint64_t)(page - 1) * per_page < total)
		return 0;
	page_error(rq, 400, i18n_with_number(&rq->a, rq->lang, T(rq, "There is no such page; the last is {n}."),
					     (int64_t)(total ? (total + per_page - 1) / per_page : 1)));
	return 1;
}

/* nid's node as its card shows it: the index's copy (the caller holds
 * ix_lock, as every page does), the store's if the index lost it. */
static enum px_err hit_card(struct request *rq, int64_t nid, struct node **n)
{
	enum px_err err = rq->srv && rq->srv->ix ? index_card(rq->srv->ix, nid, n) : PX_ENOTFOUND;
	return err && err != PX_ENOMEM ? store_node_get(rq->st, nid, n) : err;
}

struct tv *page_hits(struct request *rq, const struct index_result *r)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < r->nhits; i++) {
		struct node *n = NULL;
		page_dep_nid(rq, r->hits[i].nid);
		if (hit_card(rq, r->hits[i].nid, &n) != PX_OK)
			continue; /* removed since the index saw it */
		struct tv *c = page_card(rq, n);
		node_free(n);
		if (r->hits[i].snippet)
			tv_set(c, "snippet",
			       tv_html(&rq->a, r->hits[i].snippet)); /* escaped by index_snippet */
		tv_push(list, c);
	}
	return list;
}
