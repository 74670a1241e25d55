/* Who is signed in (the session cookie), the anonymous login form's CSRF
 * cookie, the check every POST passes, cookies and redirects. */
#include "web_int.h"

#include <microhttpd.h>
#include <string.h>
#include <time.h>

const char *auth_cookie_value(const struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

enum px_err auth_session(struct request *rq)
{
	const char *token = auth_cookie_value(rq, AUTH_SESSION_COOKIE);
	struct user *u = token ? arena_alloc(&rq->a, sizeof *u) : NULL;
	char *csrf = u ? arena_alloc(&rq->a, SESSION_TOKEN_N) : NULL;
	if (!csrf)
		return token ? PX_ENOMEM : PX_OK;
	enum px_err err = session_find(rq->st, token, time(NULL), u, csrf);
	if (err == PX_OK) {
		rq->user = u;
		rq->csrf = csrf;
	}
	return err == PX_ENOTFOUND ? PX_OK : err;
}

void auth_anonymous_csrf(struct request *rq)
{
	if (rq->csrf)
		return;
	const char *have = auth_cookie_value(rq, AUTH_CSRF_COOKIE);
	if (have && strlen(have) == SESSION_TOKEN_N - 1) {
		rq->csrf = have;
		return;
	}
	char *t = arena_alloc(&rq->a, SESSION_TOKEN_N);
	if (!t)
		return;
	token_new(t);
	rq->csrf = t;
	auth_cookie(rq, AUTH_CSRF_COOKIE, t, -1, "Strict");
}

/* Does the Origin header, when sent, name this hub? Browsers send it with
 * every cross-site POST; a form posted from elsewhere fails here even
 * before its token is looked at. */
static int same_origin(struct request *rq)
{
	const char *origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
	return !origin || !strcmp(origin, url_base(rq));
}

int auth_check_form(struct request *rq)
{
	if (!rq->csrf)
		auth_anonymous_csrf(rq); /* a login form from before the cookie: it fails, and gets one */
	const char *sent = form_get(&rq->form, "csrf");
	if (same_origin(rq) && sent && rq->csrf && token_equal(sent, rq->csrf))
		return 0;
	page_error(rq, 403,
		   N_("This form has expired or was not sent from this hub. Reload the page and send it "
		      "again."));
	return -1;
}

void auth_cookie(struct request *rq, const char *name, const char *value, long max_age, const char *same_site)
{
	if (rq->ncookies == sizeof rq->cookies / sizeof rq->cookies[0])
		return;
	char age[32] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	const char *c = arena_printf(&rq->a, "%s=%s; Path=/; HttpOnly; SameSite=%s%s%s", name, value,
				     same_site, age, rq->secure ? "; Secure" : "");
	if (c)
		rq->cookies[rq->ncookies++] = c;
}

void page_redirect(struct request *rq, const char *path)
{
	rq->status = 303;
	rq->location = arena_printf(&rq->a, "%s%s", url_base(rq), path);
	rq->cache = "no-store";
	rq->type = "text/plain; charset=utf-8";
	buf_reset(&rq->body);
}
