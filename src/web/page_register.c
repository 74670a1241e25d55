/* /register and /register/confirm: a reader's self-registration, confirmed
 * by a mailed one-use link (store/mail.h, purpose "register").
 *
 * The account is made disabled, with its address, and a link is queued in
 * the same transaction; it is enabled when the link comes back. Nothing
 * tells whether an address belongs to an account: a taken address gets the
 * same page as a free one, and its owner a mail saying so. A taken name is
 * said (names are not secret: they sign edits). Attempts are throttled per
 * client address and per e-mail address, as logins are. */
#include "web_int.h"

#include "../mail/mailer.h"
#include "../store/audit.h"
#include "../store/mail.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define REGISTER_MAX_ADDRESS 10 /* attempts per client address, per LOGIN_WINDOW_S */
#define REGISTER_MAX_EMAIL   3  /* per e-mail address */

struct reg_error {
	const char *field; /* "name", "email", "password", "again", or NULL for the form's top */
	const char *why;   /* in the reader's language */
};

static void register_form(struct request *rq, int status, const char *name, const char *email,
			  const struct reg_error *e)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Create a reader's account"));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "name", name);
	tv_set_str(s, "email", email);
	if (e) {
		tv_set_str(s, "error", e->why);
		tv_set_bool(s, arena_printf(&rq->a, "error_%s", e->field ? e->field : "top"), 1);
	}
	page_render(rq, "register", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* The page after a registration, whether or not the address was free. */
static void register_sent(struct request *rq)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Create a reader's account"));
	tv_set_bool(s, "sent", 1);
	page_render(rq, "register", s);
	rq->cache = "no-store";
}

/* The throttle's keys of an attempt: the client address, the e-mail address
 * (lower-cased: Ana@ and ana@ share their tries). */
static int throttled(struct request *rq, const char *email, int64_t *wait)
{
	char *mkey = arena_printf(&rq->a, "register-mail:%.254s", email);
	const char *akey = arena_printf(&rq->a, "register-addr:%s", rq->addr);
	for (char *p = mkey; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	const char *keys[] = {akey, mkey};
	const int max[] = {REGISTER_MAX_ADDRESS, REGISTER_MAX_EMAIL};
	int64_t rows[2];
	return !mkey || !akey || login_claim(rq->st, keys, max, 2, time(NULL), wait, rows) ? -1 : 0;
}

/* The link a mail carries back: the public origin, the reader's language. */
static const char *mailed_link(struct request *rq, const char *path, const char *token)
{
	return arena_printf(&rq->a, "%s%s%s?t=%s", url_public(rq), rq->root, path, token);
}

static enum px_err queue_confirmation(struct request *rq, const char *name, const char *email, int64_t id,
				      struct buf *why)
{
	char token[SESSION_TOKEN_N];
	enum px_err err = mail_token_new(rq->st, "register", email, id, time(NULL), token);
	const char *body = err ? NULL
			       : arena_printf(&rq->a, "%s\n\n%s\n\n%s\n\n%s\n",
					      i18n_with(&rq->a, T(rq, "Hello {name},"), "name", name),
					      T(rq, "To confirm your reader's account on praxis, open this link "
						    "within 48 hours:"),
					      mailed_link(rq, "/register/confirm", token),
					      T(rq, "If you did not ask for an account, ignore this mail: an account "
						    "that is not confirmed is forgotten after 48 hours."));
	if (!err && !body)
		err = PX_ENOMEM;
	return err ? err : outbox_put(rq->st, email, T(rq, "Confirm your account on praxis"), body, why);
}

/* The owner of a taken address hears of the attempt; the visitor learns
 * nothing. */
static enum px_err queue_taken_notice(struct request *rq, const char *email, struct buf *why)
{
	const char *body =
		arena_printf(&rq->a, "%s\n\n%s\n\n%s%s/login\n", T(rq, "Hello,"),
			     T(rq, "Someone, perhaps you, tried to create a reader's account on praxis with this "
				   "address. It already has an account: log in with it, or ignore this mail."),
			     url_public(rq), rq->root);
	return body ? outbox_put(rq->st, email, T(rq, "Your account on praxis"), body, why) : PX_ENOMEM;
}

/* Records the account and its mail in one transaction: both or neither. */
static enum px_err create(struct request *rq, const char *name, const char *email, const char *pw)
{
	char hash[USER_HASH_N];
	enum px_err err = user_hash_new(pw, hash);
	if (err)
		return err;
	struct buf why;
	buf_init(&why, 1024);
	int64_t id = 0;
	int begun = store_write_begin(rq->st);
	err = begun < 0 ? PX_ESTORE : user_register(rq->st, name, email, rq->lang, hash, time(NULL), &id);
	if (!err)
		err = queue_confirmation(rq, name, email, id, &why);
	enum px_err end = store_write_end(rq->st, begun, !err);
	if (why.len)
		px_log(PX_LOG_ERR, "register: %s", why.data);
	buf_free(&why);
	return err ? err : end;
}

static void wake_mailer(struct request *rq)
{
	if (rq->srv->mailer)
		mailer_wake(rq->srv->mailer);
}

/* Why the fields cannot make an account, or NULL. */
static const char *fields_problem(const char *name, const char *email, const char *pw, const char *again,
				  const char **field)
{
	const char *problem;
	if ((problem = user_name_problem(name)))
		return *field = "name", problem;
	if (!email || !mail_address_ok(email))
		return *field = "email", N_("Give an e-mail address, such as name@example.org.");
	if ((problem = user_password_problem(pw)))
		return *field = "password", problem;
	if (!again || strcmp(pw, again))
		return *field = "again", N_("The two passwords differ.");
	return NULL;
}

static void register_post(struct request *rq)
{
	const char *name = form_get(&rq->form, "name"), *email = form_get(&rq->form, "email");
	const char *pw = form_get(&rq->form, "password"), *again = form_get(&rq->form, "again");
	struct reg_error e = {0};
	const char *problem = fields_problem(name, email, pw ? pw : "", again, &e.field);
	if (problem) {
		e.why = T(rq, problem);
		register_form(rq, 400, name, email, &e);
		return;
	}
	int64_t wait = 0;
	int name_taken = 0, email_taken = 0;
	if (throttled(rq, email, &wait) || user_pending_purge(rq->st, time(NULL)) ||
	    user_taken(rq->st, name, email, &name_taken, &email_taken)) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (wait > 0) {
		e.why = i18n_count_text(&rq->a, rq->lang,
					N_("{n, plural, one {Too many attempts. Try again in # minute.} "
					   "other {Too many attempts. Try again in # minutes.}}"),
					(wait + 59) / 60);
		register_form(rq, 429, name, email, &e);
		return;
	}
	if (name_taken) {
		e.field = "name";
		e.why = T(rq, "This user name is taken: choose another.");
		register_form(rq, 409, name, email, &e);
		return;
	}
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = email_taken ? queue_taken_notice(rq, email, &why) : create(rq, name, email, pw);
	buf_free(&why);
	if (err == PX_ECONFLICT) { /* taken in the meantime: as taken before */
		register_sent(rq);
		return;
	}
	if (err) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (!email_taken && audit_add(rq->st, name, rq->addr, "register", email, NULL))
		px_log(PX_LOG_ERR, "the audit log refused a register entry");
	wake_mailer(rq);
	register_sent(rq);
}

/* GET, POST /register */
void page_register(struct request *rq)
{
	if (rq->user) {
		page_redirect(rq, arena_printf(&rq->a, "%s/me", rq->root));
		return;
	}
	if (!strcmp(rq->method, "POST")) {
		register_post(rq);
		return;
	}
	auth_anonymous_csrf(rq);
	register_form(rq, 200, NULL, NULL, NULL);
}

/* The confirmation page: a button, so that a mail scanner opening the link
 * uses nothing up; the POST takes the token. */
static void confirm_form(struct request *rq, const char *token)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Confirm your account"));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "token", token);
	page_render(rq, "register_confirm", s);
	rq->cache = "no-store";
}

/* A token mail_token_take() refused: a 4xx that says which way. */
static void token_refused(struct request *rq, enum px_err err)
{
	if (err == PX_EDENIED)
		page_error(rq, 410, N_("This link has expired: a confirmation link works for 48 hours. Register "
				       "again to get a new one."));
	else if (err == PX_ECONFLICT)
		page_error(rq, 409, N_("This link was already used: the account is confirmed. Log in."));
	else if (err == PX_ENOTFOUND)
		page_error(rq, 404, N_("This link is not valid. Check that it was copied whole from the mail."));
	else
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
}

/* The account is enabled: signed in, on to /me. */
static void confirmed(struct request *rq, int64_t id)
{
	struct user u;
	char token[SESSION_TOKEN_N], csrf[SESSION_TOKEN_N];
	if (user_get_id(rq->st, id, &u) || session_new(rq->st, u.id, time(NULL), token, csrf)) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (audit_add(rq->st, u.name, rq->addr, "register-confirm", NULL, NULL))
		px_log(PX_LOG_ERR, "the audit log refused a register-confirm entry");
	auth_cookie(rq, AUTH_SESSION_COOKIE, token, SESSION_MAX_S, "Lax");
	auth_cookie(rq, AUTH_CSRF_COOKIE, "", 0, "Strict");
	page_redirect(rq, arena_printf(&rq->a, "%s/me?welcome=1", rq->root));
}

/* GET, POST /register/confirm?t=TOKEN */
void page_register_confirm(struct request *rq)
{
	int post = !strcmp(rq->method, "POST");
	const char *token = post ? form_get(&rq->form, "t") : request_param(rq, "t");
	if (!token || strlen(token) != SESSION_TOKEN_N - 1) {
		token_refused(rq, PX_ENOTFOUND);
		return;
	}
	if (!post) {
		auth_anonymous_csrf(rq);
		confirm_form(rq, token);
		return;
	}
	int64_t id = 0;
	int begun = store_write_begin(rq->st);
	enum px_err err = begun < 0 ? PX_ESTORE : mail_token_take(rq->st, "register", token, time(NULL), NULL, &id);
	if (!err)
		err = user_confirm(rq->st, id);
	enum px_err end = store_write_end(rq->st, begun, !err);
	if (err || end)
		token_refused(rq, err ? err : end);
	else
		confirmed(rq, id);
}
