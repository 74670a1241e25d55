/* /login and /logout. A login is throttled per account name and per
 * client address (store/user.h), and every attempt is in the audit log. */
#include "web_int.h"

#include "../store/audit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Where to go after the login: a path of this hub, never another site
 * ("//host" and "/\host" are other sites to a browser). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/admin";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "/admin";
	return next;
}

/* Where a user goes after logging in: next, but a reader's desk is /me
 * (the editors' /admin would only refuse them). */
static const char *after_login(struct request *rq, const struct user *u, const char *next)
{
	if (u->role == ROLE_READER && !strncmp(next, "/admin", 6))
		return arena_printf(&rq->a, "%s/me", rq->root);
	return next;
}

static void login_form(struct request *rq, int status, const char *error, const char *name)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Log in"));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "next",
		   safe_next(rq->form.n ? form_get(&rq->form, "next") : request_param(rq, "next")));
	tv_set_str(s, "name", name);
	tv_set_str(s, "error", error);
	page_render(rq, "login", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

static void audit(struct request *rq, const char *account, const char *action, const char *target)
{
	if (audit_add(rq->st, account, rq->addr, action, target, NULL))
		px_log(PX_LOG_ERR, "the audit log refused a %s entry", action);
}

/* A failed login in the audit log (at most AUDIT_BURST an address), in
 * the counters of /metrics, and as a warning on stderr: the address comes
 * before the name (quoted, escaped), so that a filter reading the address
 * (fail2ban: deploy/fail2ban/) cannot be fooled by a name. */
static void failure(struct request *rq, const char *action, const char *name, int throttled)
{
	if (audit_login_failure(rq->st, rq->addr, action, name))
		px_log(PX_LOG_ERR, "the audit log refused a %s entry", action);
	struct metrics *m = &rq->srv->metrics;
	__atomic_add_fetch(throttled ? &m->logins_throttled : &m->logins_failed, 1, __ATOMIC_RELAXED);
	struct buf quoted;
	buf_init(&quoted, 512);
	if (px_log_quote(&quoted, name, (size_t)px_utf8_prefix(name, 128), 0))
		buf_reset(&quoted);
	px_log(PX_LOG_WARNING, "login %s from %s for user \"%s\"", throttled ? "throttled" : "failed", rq->addr,
	       quoted.data ? quoted.data : "");
	buf_free(&quoted);
}

const char *login_account_key(struct request *rq, const char *name)
{
	char *key = arena_printf(&rq->a, "user:%.64s", name);
	for (char *p = key; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return key;
}

static void log_in(struct request *rq)
{
	const char *name = form_get(&rq->form, "name"), *pw = form_get(&rq->form, "password");
	if (!name || !pw) {
		login_form(rq, 400, T(rq, "Give your user name and your password."), name);
		return;
	}
	const char *ukey = login_account_key(rq, name);
	const char *akey = arena_printf(&rq->a, "addr:%s", rq->addr);
	const char *keys[] = {ukey, akey};
	const int max[] = {LOGIN_MAX_ACCOUNT, LOGIN_MAX_ADDRESS};
	int64_t wait = 1, claimed[2];
	if (!ukey || !akey || login_claim(rq->st, keys, max, 2, time(NULL), &wait, claimed)) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (wait > 0) {
		failure(rq, "login-throttled", name, 1);
		const char *msg =
			arena_printf(&rq->a, "%s %lld %s", T(rq, "Too many failed logins. Try again in"),
				     (long long)(wait + 59) / 60, T(rq, "minutes."));
		login_form(rq, 429, msg, name);
		return;
	}
	struct user u;
	char token[SESSION_TOKEN_N], csrf[SESSION_TOKEN_N];
	enum px_err err = user_login(rq->st, name, pw, &u);
	if (err == PX_ENOTFOUND) { /* recorded by login_claim() */
		failure(rq, "login-failed", name, 0);
		login_form(rq, 403, T(rq, "Wrong user name or password."), name);
		return;
	}
	if (err || (err = session_new(rq->st, u.id, time(NULL), token, csrf))) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (login_forget(rq->st, ukey) || login_release(rq->st, &claimed[1], 1))
		px_log(PX_LOG_ERR, "cannot clear failed logins");
	audit(rq, u.name, "login", NULL);
	auth_cookie(rq, AUTH_SESSION_COOKIE, token, SESSION_MAX_S, "Lax");
	auth_cookie(rq, AUTH_CSRF_COOKIE, "", 0, "Strict");
	page_redirect(rq, after_login(rq, &u, safe_next(form_get(&rq->form, "next"))));
}

void page_login(struct request *rq)
{
	if (!strcmp(rq->method, "POST")) {
		log_in(rq);
	} else if (rq->user) { /* already in: on to the desk */
		page_redirect(rq, arena_printf(&rq->a, "%s%s", rq->root,
					       rq->user->role == ROLE_READER ? "/me" : "/admin"));
	} else {
		auth_anonymous_csrf(rq);
		login_form(rq, 200, NULL, NULL);
	}
}

void page_logout(struct request *rq)
{
	const char *token = auth_cookie_value(rq, AUTH_SESSION_COOKIE);
	if (token && session_end(rq->st, token))
		px_log(PX_LOG_ERR, "cannot end a session");
	audit(rq, rq->user->name, "logout", NULL);
	auth_cookie(rq, AUTH_SESSION_COOKIE, "", 0, "Lax");
	page_redirect(rq, arena_printf(&rq->a, "%s/", rq->root));
}
