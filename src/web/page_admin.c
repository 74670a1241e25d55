/* The editors' desk (/admin), the users page and the audit log. Roles are
 * checked by the route table; these pages only do their work. */
#include "web_int.h"

#include "../ingest/ingest.h"
#include "../store/audit.h"
#include "../store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE 50
#define AUDIT_CSV_ROWS 10000 /* bounded entries: at most a few MB a file */

#define DESK_LIST 50

static void desk_item(int64_t nid, const char *title, const char *updated, void *list)
{
	struct tv *l = list;
	struct tv *v = tv_map(l->a);
	tv_set_int(v, "nid", nid);
	tv_set_str(v, "title", title);
	tv_set_str(v, "updated", updated);
	tv_push(l, v);
}

/* The nodes in state (the user's own, for an author), newest first. */
static struct tv *desk_list(struct request *rq, enum node_state state)
{
	struct tv *l = tv_list(&rq->a);
	int64_t owner = rq->user->role >= ROLE_EDITOR ? 0 : rq->user->id;
	if (l && store_nodes_in_state(rq->st, state, owner, DESK_LIST, desk_item, l))
		return NULL;
	return l;
}

void page_admin(struct request *rq)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Your desk"));
	tv_set_bool(s, "is_admin", rq->user->role == ROLE_ADMIN);
	tv_set_bool(s, "is_editor", rq->user->role >= ROLE_EDITOR);
	tv_set(s, "drafts", desk_list(rq, NODE_DRAFT));
	if (rq->user->role >= ROLE_EDITOR)
		tv_set(s, "unpublished", desk_list(rq, NODE_UNPUBLISHED));
	tv_set(s, "requests", desk_requests(rq));
	page_render(rq, "admin", s);
}

/* ---- users ---- */

struct user_rows {
	struct request *rq;
	struct tv *list;
};

static void one_user(const struct user *u, void *arg)
{
	struct user_rows *ur = arg;
	struct request *rq = ur->rq;
	struct tv *v = tv_map(&rq->a);
	tv_set_str(v, "name", u->name);
	tv_set_str(v, "role", role_name(u->role));
	tv_set_bool(v, "disabled", u->disabled);
	tv_set_str(v, "created", u->created);
	tv_set_bool(v, "self", !strcmp(u->name, rq->user->name));
	for (int r = ROLE_READER; r <= ROLE_ADMIN; r++) /* a reader's row keeps its role selected */
		tv_set_bool(v, role_name((enum role)r), u->role == (enum role)r);
	tv_push(ur->list, v);
}

/* The users page, with what was just done (done) or what went wrong. */
static void users_page(struct request *rq, int status, const char *done, const char *error, const char *field)
{
	struct tv *s = tv_map(&rq->a);
	struct user_rows ur = {rq, tv_list(&rq->a)};
	if (user_each(rq->st, one_user, &ur)) {
		page_error(rq, 503, N_("The hub's store cannot be read; try again later."));
		return;
	}
	tv_set_str(s, "title", T(rq, "Users"));
	tv_set(s, "users", ur.list);
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "done", done);
	tv_set_str(s, "error", error);
	tv_set_bool(s, "error_name", field && !strcmp(field, "name"));
	tv_set_bool(s, "error_password", field && !strcmp(field, "password"));
	tv_set_bool(s, "error_top", error && !field);
	if (rq->form.n) { /* what was typed stays, but a password */
		const char *role = form_get(&rq->form, "role");
		tv_set_str(s, "new_name", form_get(&rq->form, "name"));
		tv_set_bool(s, "new_editor", role && !strcmp(role, "editor"));
		tv_set_bool(s, "new_admin", role && !strcmp(role, "admin"));
	}
	page_render(rq, "admin_users", s);
	if (rq->status != 503)
		rq->status = status;
}

static void audit(struct request *rq, const char *action, const char *target, const char *detail)
{
	if (audit_add(rq->st, rq->user->name, rq->addr, action, target, detail))
		px_log(PX_LOG_ERR, "the audit log refused a %s entry", action);
}

static void add_user(struct request *rq)
{
	const char *name = form_get(&rq->form, "name"), *pw = form_get(&rq->form, "password");
	enum role role;
	struct user taken;
	const char *problem = user_name_problem(name), *field = "name";
	if (!problem && user_get(rq->st, name, &taken) == PX_OK)
		problem = N_("There is already a user with this name.");
	if (!problem && (problem = user_password_problem(pw)))
		field = "password";
	if (!problem && role_parse(form_get(&rq->form, "role"), &role))
		problem = N_("Choose a role: author, editor or admin."), field = NULL;
	if (problem) {
		users_page(rq, 400, NULL, T(rq, problem), field);
		return;
	}
	struct buf why;
	buf_init(&why, 1024);
	if (user_add(rq->st, name, role, pw, &why)) /* checked above: the store failed */
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
	else {
		audit(rq, "user-add", name, role_name(role));
		page_redirect(rq, arena_printf(&rq->a, "%s/admin/users?done=added", rq->root));
	}
	buf_free(&why);
}

/* Changes another user: role, disable, enable. An admin cannot change
 * their own account here: that is how a hub loses its last admin. */
static void change_user(struct request *rq, const char *action)
{
	const char *name = form_get(&rq->form, "name");
	struct user u;
	enum role role = ROLE_NONE;
	if (!name || user_get(rq->st, name, &u)) {
		users_page(rq, 404, NULL, T(rq, "There is no such user."), NULL);
		return;
	}
	if (!strcmp(u.name, rq->user->name)) {
		users_page(rq, 400, NULL, T(rq, "You cannot change your own account here."), NULL);
		return;
	}
	int is_role = !strcmp(action, "role");
	if (is_role && role_parse(form_get(&rq->form, "role"), &role)) {
		users_page(rq, 400, NULL, T(rq, "Choose a role: author, editor or admin."), NULL);
		return;
	}
	int off = !strcmp(action, "disable");
	enum px_err err =
		is_role ? user_set_role(rq->st, u.name, role) : user_set_disabled(rq->st, u.name, off);
	if (err) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	audit(rq,
	      is_role ? "user-role"
	      : off   ? "user-disable"
		      : "user-enable",
	      u.name, is_role ? role_name(role) : NULL);
	page_redirect(rq, arena_printf(&rq->a, "%s/admin/users?done=changed", rq->root));
}

void page_admin_users(struct request *rq)
{
	if (strcmp(rq->method, "POST")) {
		const char *done = request_param(rq, "done");
		users_page(rq, 200,
			   done && !strcmp(done, "added")     ? T(rq, "The user was added.")
			   : done && !strcmp(done, "changed") ? T(rq, "The user was changed.")
							      : NULL,
			   NULL, NULL);
		return;
	}
	const char *action = form_get(&rq->form, "action");
	if (action && !strcmp(action, "add"))
		add_user(rq);
	else if (action &&
		 (!strcmp(action, "role") || !strcmp(action, "disable") || !strcmp(action, "enable")))
		change_user(rq, action);
	else
		page_error(rq, 400, N_("This form asks for nothing the hub knows."));
}

/* ---- the audit log ---- */

struct audit_rows {
	struct request *rq;
	struct tv *list;
	struct buf *csv;
	int64_t last;
	enum px_err err;
};

static void audit_row(const struct audit_entry *e, void *arg)
{
	struct audit_rows *r = arg;
	r->last = e->id;
	if (r->csv) {
		const char *f[] = {e->at, e->account, e->addr, e->action, e->target, e->detail};
		for (int i = 0; !r->err && i < 6; i++)
			r->err = buf_add_csv(r->csv, f[i], i == 5);
		return;
	}
	struct tv *v = tv_map(&r->rq->a);
	tv_set_str(v, "at", e->at);
	tv_set_str(v, "account", e->account);
	tv_set_str(v, "addr", e->addr);
	tv_set_str(v, "action", e->action);
	tv_set_str(v, "target", e->target);
	tv_set_str(v, "detail", e->detail);
	tv_push(r->list, v);
}

/* ?before=N, the entry the page starts below (0: the newest); -1 after a
 * 400. */
static int64_t audit_before(struct request *rq)
{
	const char *b = request_param(rq, "before");
	int64_t before = 0;
	if (b && (px_parse_i64(b, strlen(b), 0, &before) || before < 1)) {
		page_error(rq, 400, N_("The audit log is paged by entry number: a whole number from 1."));
		return -1;
	}
	return before;
}

/* GET /admin/audit?before=N */
void page_admin_audit(struct request *rq)
{
	int64_t before = audit_before(rq);
	if (before < 0)
		return;
	struct audit_rows r = {rq, tv_list(&rq->a), NULL, 0, PX_OK};
	if (audit_each(rq->st, before, AUDIT_PAGE, audit_row, &r)) {
		page_error(rq, 503, N_("The hub's store cannot be read; try again later."));
		return;
	}
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Audit log"));
	tv_set(s, "entries", r.list);
	/* the CSV of this page's entries and older ones: a file is bounded */
	tv_set_str(s, "csv", before ? arena_printf(&rq->a, "%s/admin/audit.csv?before=%lld", rq->root, (long long)before)
				    : arena_printf(&rq->a, "%s/admin/audit.csv", rq->root));
	if (r.list && r.list->len == AUDIT_PAGE)
		tv_set_str(s, "older",
			   arena_printf(&rq->a, "%s/admin/audit?before=%lld", rq->root, (long long)r.last));
	page_render(rq, "admin_audit", s);
}

/* GET /admin/audit.csv?before=N: AUDIT_CSV_ROWS entries a file, newest
 * first; the next file starts below the last entry of this one. */
void page_admin_audit_csv(struct request *rq)
{
	int64_t before = audit_before(rq);
	if (before < 0)
		return;
	struct audit_rows r = {rq, NULL, &rq->body, 0, PX_OK};
	buf_reset(&rq->body);
	enum px_err err = buf_adds(&rq->body, "at,account,address,action,target,detail\r\n");
	if (!err)
		err = audit_each(rq->st, before, AUDIT_CSV_ROWS, audit_row, &r);
	if (err || r.err) {
		page_error(rq, 503, N_("The hub's store cannot be read; try again later."));
		return;
	}
	rq->type = "text/csv; charset=utf-8";
	rq->cache = "no-store";
}

/* ---- import ---- */

static void import_page(struct request *rq, int status, const char *error, const struct store_report *rep,
			const char *file)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Import"));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "error", error);
	if (rep) {
		struct tv *r = tv_map(&rq->a);
		tv_set_str(r, "file", file);
		tv_set_int(r, "added", (int64_t)rep->added);
		tv_set_int(r, "updated", (int64_t)rep->updated);
		tv_set_int(r, "unchanged", (int64_t)rep->unchanged);
		tv_set(s, "report", r);
	}
	page_render(rq, "admin_import", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* Parses and stores the uploaded file, all of it or nothing, as
 * `praxis ingest` does; then the index takes the nodes as stored. */
static void import_file(struct request *rq, const char *data, size_t len, const char *file)
{
	struct text_lang *lang = text_lang_new();
	struct ptrvec nodes;
	ptrvec_init(&nodes);
	struct ingest_diag d;
	ingest_diag_init(&d);
	struct buf why;
	buf_init(&why, 4096);
	struct store_report rep;
	enum px_err err = lang ? ingest_parse(data, len, lang, &nodes, &d) : PX_ENOMEM;
	if (err == PX_EPARSE) {
		import_page(rq, 400, arena_printf(&rq->a, "%s:%d: %s", file, d.line, d.msg.data), NULL, NULL);
	} else if (!err && (err = store_nodes_put(rq->st, &nodes, file, &rep, &why)) == PX_ESTORE) {
		import_page(rq, 400, arena_printf(&rq->a, "%s: %s", file, why.len ? why.data : "refused"),
			    NULL, NULL);
	} else if (err || (err = server_index_reload(rq->srv, rq->st, &nodes))) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
	} else {
		const char *detail = arena_printf(&rq->a, "%zu added, %zu updated, %zu unchanged", rep.added,
						  rep.updated, rep.unchanged);
		audit(rq, "import", file, detail);
		import_page(rq, 200, NULL, &rep, file);
	}
	if (err == PX_EPARSE || err == PX_ESTORE)
		audit(rq, "import-refused", file, d.msg.len ? d.msg.data : why.data);
	buf_free(&why);
	ingest_diag_free(&d);
	ingest_nodes_free(&nodes);
	ptrvec_free(&nodes);
	text_lang_free(lang);
}

void page_admin_import(struct request *rq)
{
	if (strcmp(rq->method, "POST")) {
		import_page(rq, 200, NULL, NULL, NULL);
		return;
	}
	long i = form_find(&rq->form, "file");
	if (i < 0 || !rq->form.lens[i]) {
		import_page(rq, 400, T(rq, "Choose a listing or a JSON Lines file to import."), NULL, NULL);
		return;
	}
	const char *file = rq->form.files[i] && *rq->form.files[i] ? rq->form.files[i] : "upload";
	import_file(rq, rq->form.values[i], rq->form.lens[i], file);
}

/* ---- one's own password ---- */

static void password_page(struct request *rq, int status, const char *done, const char *error,
			  const char *field)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Your password"));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "done", done);
	tv_set_str(s, "error", error);
	tv_set_bool(s, "error_current", field && !strcmp(field, "current"));
	tv_set_bool(s, "error_new", field && !strcmp(field, "new"));
	page_render(rq, "admin_password", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* A new password ends every session of the user: this browser gets a new
 * one, the others are signed out. */
static void change_password(struct request *rq)
{
	const char *cur = form_get(&rq->form, "current"), *pw = form_get(&rq->form, "password");
	const char *again = form_get(&rq->form, "again"), *problem;
	struct user u;
	char token[SESSION_TOKEN_N], csrf[SESSION_TOKEN_N];
	struct buf why;
	buf_init(&why, 1024);
	const char *ukey = login_account_key(rq, rq->user->name);
	const int max = LOGIN_MAX_ACCOUNT;
	int64_t wait = 1, claimed;
	/* guessing the current password is throttled as a login is, checked
	 * and recorded at once (login_claim) so concurrent guesses cannot all pass */
	if (!ukey || login_claim(rq->st, &ukey, &max, 1, time(NULL), &wait, &claimed))
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
	else if (wait > 0)
		password_page(rq, 429, NULL, T(rq, "Too many failed logins. Try again in 15 minutes."), "current");
	else if (!cur || user_login(rq->st, rq->user->name, cur, &u) != PX_OK)
		password_page(rq, 403, NULL, T(rq, "This is not your current password."), "current");
	else if (login_release(rq->st, &claimed, 1))
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
	else if ((problem = user_password_problem(pw)))
		password_page(rq, 400, NULL, T(rq, problem), "new");
	else if (!again || strcmp(pw, again))
		password_page(rq, 400, NULL, T(rq, "The two new passwords differ."), "new");
	else if (user_set_password(rq->st, u.name, pw, &why) ||
		 session_new(rq->st, u.id, time(NULL), token, csrf))
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
	else {
		audit(rq, "user-passwd", u.name, "by the user");
		auth_cookie(rq, AUTH_SESSION_COOKIE, token, SESSION_MAX_S, "Lax");
		page_redirect(rq, arena_printf(&rq->a, "%s/admin/password?done=1", rq->root));
	}
	buf_free(&why);
}

void page_admin_password(struct request *rq)
{
	if (!strcmp(rq->method, "POST"))
		change_password(rq);
	else
		password_page(rq, 200, request_param(rq, "done") ? T(rq, "Your password was changed.") : NULL,
			      NULL, NULL);
}
