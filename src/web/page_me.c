/* /me: a reader's home (saved searches, the daily digest's switch,
 * dossiers); /me/searches, where a search page's "Save this search" posts;
 * /unsubscribe, where a digest's link turns the digest off without a login.
 * Everything is the signed-in account's own (store/reader.h). */
#include "web_int.h"

#include "../store/reader.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* What the page says after a change (?done=KEY): the one message of KEY. */
static const char *done_message(const char *key)
{
	static const struct {
		const char *key, *msg;
	} done[] = {{"saved", N_("The search is saved.")},
		    {"deleted", N_("The search is deleted.")},
		    {"digest-on", N_("You will get a daily mail when new practices match your saved searches.")},
		    {"digest-off", N_("You will get no more daily mails.")},
		    {"dossier-deleted", N_("The dossier is deleted.")}};
	for (size_t i = 0; key && i < sizeof done / sizeof done[0]; i++)
		if (!strcmp(key, done[i].key))
			return done[i].msg;
	return NULL;
}

struct me_lists {
	struct request *rq;
	struct tv *list;
};

static void one_search(const struct saved_search *s, void *arg)
{
	struct me_lists *l = arg;
	struct tv *v = tv_map(&l->rq->a);
	tv_set_int(v, "id", s->id);
	tv_set_str(v, "name", s->name);
	tv_set_str(v, "url", arena_printf(&l->rq->a, "%s/search?%s", l->rq->root, s->query));
	tv_push(l->list, v);
}

static void one_dossier(const struct dossier *d, void *arg)
{
	struct me_lists *l = arg;
	struct tv *v = tv_map(&l->rq->a);
	tv_set_int(v, "id", d->id);
	tv_set_str(v, "name", d->name);
	tv_set_str(v, "items", i18n_count_text(&l->rq->a, l->rq->lang, N_("{n, plural, one {# practice} other {# practices}}"), (int64_t)d->items));
	tv_push(l->list, v);
}

/* The reader's dossiers as a list of {id, name, items}; NULL if the store
 * fails. page_node.c's "Add to dossier" lists them too. */
struct tv *me_dossiers(struct request *rq)
{
	struct me_lists l = {rq, tv_list(&rq->a)};
	return dossier_each(rq->st, rq->user->id, one_dossier, &l) ? NULL : l.list;
}

static void me_page(struct request *rq, int status, const char *error)
{
	struct tv *s = tv_map(&rq->a);
	struct me_lists searches = {rq, tv_list(&rq->a)};
	struct tv *dossiers = me_dossiers(rq);
	struct user u;
	if (saved_search_each(rq->st, rq->user->id, one_search, &searches) || !dossiers ||
	    user_get_id(rq->st, rq->user->id, &u)) {
		page_error(rq, 503, N_("The store cannot be read."));
		return;
	}
	tv_set_str(s, "title", T(rq, "My searches and dossiers"));
	tv_set_str(s, "name", u.name);
	tv_set_str(s, "email", u.email);
	tv_set_bool(s, "digest", u.digest);
	tv_set(s, "searches", searches.list);
	tv_set(s, "dossiers", dossiers);
	tv_set_bool(s, "welcome", request_param(rq, "welcome") != NULL);
	const char *done = done_message(request_param(rq, "done"));
	tv_set_str(s, "done", done ? T(rq, done) : NULL);
	tv_set_str(s, "error", error);
	page_render(rq, "me", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

int64_t me_posted_id(struct request *rq, const char *name)
{
	const char *v = form_get(&rq->form, name);
	int64_t id;
	return v && !px_parse_i64(v, strlen(v), 0, &id) && id > 0 ? id : -1;
}

static void back_to_me(struct request *rq, const char *done)
{
	page_redirect(rq, arena_printf(&rq->a, "%s/me%s%s", rq->root, done ? "?done=" : "", done ? done : ""));
}

/* A store error as its page: the row is not the reader's (404), a limit
 * (400 with what it is), a bad name (400), the store (503). */
void me_store_error(struct request *rq, enum px_err err, const char *limit)
{
	if (err == PX_ENOTFOUND)
		page_error(rq, 404, N_("There is no such item among yours."));
	else if (err == PX_ETOOBIG)
		page_error(rq, 400, limit);
	else if (err == PX_EUSAGE)
		page_error(rq, 400, N_("A name has 1 to 200 characters, without line breaks."));
	else
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
}

static void new_dossier(struct request *rq)
{
	const char *name = form_get(&rq->form, "name");
	const char *problem = reader_name_problem(name);
	if (problem) {
		me_page(rq, 400, T(rq, problem));
		return;
	}
	int64_t id;
	enum px_err err = dossier_add(rq->st, rq->user->id, name, time(NULL), &id);
	if (err)
		me_store_error(rq, err, N_("You have 100 dossiers, the most one may keep. Delete one first."));
	else
		page_redirect(rq, arena_printf(&rq->a, "%s/me/dossiers/%lld", rq->root, (long long)id));
}

/* GET, POST /me */
void page_me(struct request *rq)
{
	if (strcmp(rq->method, "POST")) {
		me_page(rq, 200, NULL);
		return;
	}
	const char *action = form_get(&rq->form, "action");
	enum px_err err;
	if (action && !strcmp(action, "delete-search")) {
		if ((err = saved_search_delete(rq->st, rq->user->id, me_posted_id(rq, "id"))))
			me_store_error(rq, err, NULL);
		else
			back_to_me(rq, "deleted");
	} else if (action && (!strcmp(action, "digest-on") || !strcmp(action, "digest-off"))) {
		int on = !strcmp(action, "digest-on");
		if (user_set_digest(rq->st, rq->user->id, on))
			me_store_error(rq, PX_ESTORE, NULL);
		else
			back_to_me(rq, action);
	} else if (action && !strcmp(action, "new-dossier")) {
		new_dossier(rq);
	} else {
		page_error(rq, 400, N_("This form asks for nothing this page does."));
	}
}

/* Is query (a search's query string) one to save: q or a filter, UTF-8,
 * no control characters, within READER_QUERY_MAX? */
static int query_ok(const char *query)
{
	size_t n = query ? strlen(query) : 0;
	if (!n || n > READER_QUERY_MAX)
		return 0;
	for (const unsigned char *p = (const unsigned char *)query; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return 0;
	return 1;
}

/* POST /me/searches: query (the search's query string), name */
void page_me_search_save(struct request *rq)
{
	const char *query = form_get(&rq->form, "query"), *name = form_get(&rq->form, "name");
	if (!query_ok(query)) {
		page_error(rq, 400, N_("There is no search to save: search first, then save it."));
		return;
	}
	int64_t id;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	enum px_err err = saved_search_add(rq->st, rq->user->id, name ? name : "", query,
					   (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000, &id);
	if (err)
		me_store_error(rq, err, N_("You have 50 saved searches, the most one may keep. Delete one first."));
	else
		back_to_me(rq, "saved");
}

/* GET, POST /unsubscribe?t=KEY: a button (a mail scanner's visit changes
 * nothing), then the digest is off. The key stays valid: a second click
 * says the same. */
void page_unsubscribe(struct request *rq)
{
	int post = !strcmp(rq->method, "POST");
	const char *token = post ? form_get(&rq->form, "t") : request_param(rq, "t");
	int64_t account = 0;
	enum px_err err = digest_key_find(rq->st, token, &account);
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("This link is not valid. Check that it was copied whole from the mail.")
					       : N_("The store cannot be read."));
		return;
	}
	if (post && user_set_digest(rq->st, account, 0)) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (!post)
		auth_anonymous_csrf(rq);
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Daily mail"));
	tv_set_str(s, "token", token);
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_bool(s, "done", post);
	page_render(rq, "unsubscribe", s);
	rq->cache = "no-store";
}
