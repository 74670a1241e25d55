/* A visitor's request to the people behind a practice (store/request.h).
 *
 * /node/{nid}/contact takes the request and mails the visitor a link; the
 * link's page (/contact/verify) asks for one click, whose POST sends the
 * request to the practice's contact. The click is a POST, not the GET of
 * the link: mail scanners fetch the links of a mail, and a GET that sent
 * the request would use the token before its reader saw the page.
 *
 * Not an open relay: the visitor's mail goes only to the address they
 * typed and carries nothing else they typed (no name, no message: a
 * stranger's address typed in the form gets a link and a title, nothing to
 * read); the request goes only to the practice's stored contact. Every
 * header is written by the mailer from checked addresses and the hub's own
 * subjects. The contact's address is read here and never put in a page. */
#include "web_int.h"

#include "../mail/mailer.h"
#include "../store/request.h"
#include "../store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CONTACT_PURPOSE "request" /* the mail tokens' */

/* Node nid if it is a published practice whose contact has an address;
 * NULL after the 404 or 503. Caller frees with node_free(). */
static struct node *reachable_practice(struct request *rq, int64_t nid)
{
	struct node *n = NULL;
	enum px_err err = store_node_get(rq->st, nid, &n);
	if (!err && (n->type != NODE_PRACTICE || n->state != NODE_PUBLISHED || !n->contact ||
		     !n->contact->email || !*n->contact->email)) {
		node_free(n);
		err = PX_ENOTFOUND;
	}
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("This practice has no contact to write to.")
					       : N_("The store cannot be read."));
		return NULL;
	}
	return n;
}

/* Is n's published page reachable with a contact form? (page_node.c) */
int contact_reachable(const struct node *n)
{
	return n->type == NODE_PRACTICE && n->state == NODE_PUBLISHED && n->contact && n->contact->email &&
	       *n->contact->email;
}

/* Why text (UTF-8, checked by the form parser) is refused as a field of
 * at most max code points (else too_long), newlines allowed or not; NULL
 * if it is fine. A
 * control character (C0, DEL, C1) is never taken: none can reach a mail. */
static const char *field_problem(const char *s, size_t max, int lines, const char *too_long)
{
	size_t cps = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
		if ((*p < ' ' && !(lines && (*p == '\n' || *p == '\t'))) || *p == 0x7f || c1)
			return N_("Control characters are not allowed here.");
		cps += (*p & 0xC0) != 0x80;
	}
	return cps > max ? too_long : NULL;
}

/* s without its leading and trailing blanks, in the arena. */
static const char *trim(struct request *rq, const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	const char *t = arena_strndup(&rq->a, s, n);
	return t ? t : "";
}

/* The form: the practice, what was typed and what is wrong with it. */
static void contact_form(struct request *rq, const struct node *n, int status, struct tv *errors)
{
	struct tv *s = tv_map(&rq->a);
	auth_anonymous_csrf(rq);
	tv_set_str(s, "title", T(rq, "Contact the people behind this practice"));
	tv_set_int(s, "nid", n->nid);
	tv_set_str(s, "practice", n->title);
	tv_set_str(s, "contact_name", n->contact->name);
	tv_set_str(s, "contact_org", n->contact->organisation);
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_int(s, "message_max", CONTACT_MESSAGE_MAX);
	static const char *const keys[] = {"name", "email", "organisation", "message"};
	for (size_t i = 0; rq->form.n && i < 4; i++)
		tv_set_str(s, keys[i], node_form_field(rq, keys[i]));
	tv_set_bool(s, "consent", rq->form.n && form_get(&rq->form, "consent"));
	tv_set(s, "errors", errors ? errors : tv_map(&rq->a));
	page_render(rq, "contact", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* A short page that tells how it went (status 200 unless said). */
static void notice(struct request *rq, int status, const char *title, const char *text, const struct node *n)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, title));
	tv_set_str(s, "text", T(rq, text));
	if (n) {
		tv_set_int(s, "nid", n->nid);
		tv_set_str(s, "practice", n->title);
	}
	page_render(rq, "contact_done", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* Reads and checks the posted request into r: 0, or the status of the
 * form to show again with errors marked: 413 for a message past its
 * limit, else 400. */
static int read_request(struct request *rq, struct contact_request *r, struct tv *errors)
{
	static const char too_long[] = N_("This is too long.");
	r->name = (char *)trim(rq, node_form_field(rq, "name"));
	r->organisation = (char *)trim(rq, node_form_field(rq, "organisation"));
	r->email = (char *)trim(rq, node_form_field(rq, "email"));
	r->message = (char *)trim(rq, node_form_field(rq, "message"));
	const char *why[4] = {
		!*r->name ? N_("Give your name.") : field_problem(r->name, CONTACT_NAME_MAX, 0, too_long),
		mail_address_ok(r->email) ? NULL : N_("This is not an e-mail address."),
		field_problem(r->organisation, CONTACT_ORG_MAX, 0, too_long),
		!*r->message ? N_("Write what you would like to know.")
			     : field_problem(r->message, CONTACT_MESSAGE_MAX, 1, too_long),
	};
	static const char *const keys[] = {"name", "email", "organisation", "message"};
	int status = 0;
	for (size_t i = 0; i < 4; i++)
		if (why[i]) {
			tv_set_str(errors, keys[i], T(rq, why[i]));
			status = 400;
		}
	if (!form_get(&rq->form, "consent")) {
		tv_set_str(errors, "consent", T(rq, "Without your consent we cannot pass your request on."));
		status = 400;
	}
	return why[3] == too_long ? 413 : status;
}

/* The visitor's mail: the link, and only the hub's words and the title. */
static const char *verify_mail(struct request *rq, const struct node *n, const char *token)
{
	return arena_printf(&rq->a, "%s\n\n%s\n%s%s\n\n%s\n%s%s/contact/verify?t=%s\n\n%s\n",
			    T(rq, "You asked to contact the people behind this practice on praxis:"),
			    n->title, url_public(rq), url_node(rq, n->nid),
			    T(rq, "To send your request, open this link within 48 hours and confirm:"),
			    url_public(rq), rq->root, token,
			    T(rq, "If you did not ask for this, ignore this mail: nothing will be sent."));
}

/* Stores r, its token and the visitor's mail in one transaction. */
static enum px_err queue_request(struct request *rq, const struct node *n, struct contact_request *r,
				 enum contact_throttle *verdict)
{
	int begun = store_write_begin(rq->st);
	if (begun < 0)
		return PX_ESTORE;
	char token[SESSION_TOKEN_N];
	time_t now = time(NULL);
	enum px_err err = contact_add(rq->st, r, now, verdict);
	if (!err && *verdict == CONTACT_OK)
		err = mail_token_new(rq->st, CONTACT_PURPOSE, r->email, r->id, now, token);
	if (!err && *verdict == CONTACT_OK) {
		const char *body = verify_mail(rq, n, token);
		err = body ? outbox_put(rq->st, r->email, T(rq, "Confirm your request on praxis"), body, NULL)
			   : PX_ENOMEM;
	}
	enum px_err end = store_write_end(rq->st, begun, !err);
	return err ? err : end;
}

static void wake_mailer(struct request *rq)
{
	if (rq->srv->mailer)
		mailer_wake(rq->srv->mailer);
}

static void take_request(struct request *rq, const struct node *n)
{
	struct tv *errors = tv_map(&rq->a);
	struct contact_request r = {.nid = n->nid, .lang = (char *)rq->lang, .addr = (char *)rq->addr};
	int status = read_request(rq, &r, errors);
	if (status) {
		contact_form(rq, n, status, errors);
		return;
	}
	enum contact_throttle verdict = CONTACT_OK;
	if (queue_request(rq, n, &r, &verdict)) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	if (verdict == CONTACT_TOO_MANY) {
		notice(rq, 429, N_("Too many requests"),
		       N_("You have sent many requests in the last hour. Please try again later."), n);
		return;
	}
	wake_mailer(rq);
	notice(rq, 200, N_("Check your mailbox"),
	       verdict == CONTACT_REPEAT
		       ? N_("We sent you a link for this practice a few minutes ago. Open it "
			    "to confirm your request; it is valid for 48 hours.")
		       : N_("We sent you a link. Open it within 48 hours to confirm your request: "
			    "only then is it passed on to the people behind this practice."),
	       n);
}

/* GET, POST /node/{nid}/contact */
void page_contact(struct request *rq)
{
	struct node *n = reachable_practice(rq, rq->id);
	if (!n)
		return;
	if (!strcmp(rq->method, "POST"))
		take_request(rq, n);
	else
		contact_form(rq, n, 200, NULL);
	node_free(n);
}

/* The request as its contact reads it, in the practice's language; the
 * mail's Reply-To is the visitor's (confirmed) address, and the body says
 * it too, for a reader that ignores Reply-To. */
static const char *request_mail(struct request *rq, const struct node *n, const struct contact_request *r,
				const char *lang)
{
	return arena_printf(
		&rq->a, "%s\n%s\n%s%s\n\n%s %s\n%s %s\n%s %s\n\n%s\n\n%s\n\n%s\n",
		i18n_text(lang, N_("Someone would like to know more about your practice on praxis:")),
		n->title, url_public(rq), url_node(rq, n->nid), i18n_text(lang, N_("Name:")), r->name,
		i18n_text(lang, N_("Organisation or city:")), r->organisation ? r->organisation : "-",
		i18n_text(lang, N_("E-mail address (confirmed):")), r->email,
		i18n_text(lang, N_("Their message:")), r->message,
		i18n_text(lang, N_("They agreed that praxis passes their address on to you. To answer, "
				   "write to them at the address above.")));
}

/* The language of the contact's mail: the practice's, if the hub speaks it. */
static const char *practice_lang(const struct node *n)
{
	int k = i18n_known(n->language, strlen(n->language));
	return k >= 0 ? i18n_code((size_t)k) : "en";
}

/* Sends request id to its practice's contact: queued in the caller's
 * transaction. PX_ENOTFOUND when the practice has lost its contact. */
static enum px_err send_request(struct request *rq, int64_t id, time_t now, struct node **practice)
{
	struct contact_request r = {0};
	struct node *n = NULL;
	enum px_err err = contact_verify(rq->st, id, now);
	if (!err)
		err = contact_get(rq->st, id, &r);
	if (!err)
		err = store_node_get(rq->st, r.nid, &n);
	if (!err && !contact_reachable(n))
		err = PX_ENOTFOUND;
	const char *lang = n ? practice_lang(n) : "en";
	const char *body = err ? NULL : request_mail(rq, n, &r, lang);
	if (!err)
		err = body ? outbox_put_reply(
				     rq->st, n->contact->email, r.email,
				     i18n_text(lang, N_("A request about your practice, through praxis")),
				     body, NULL)
			   : PX_ENOMEM;
	contact_request_clear(&r);
	if (err)
		node_free(n);
	else
		*practice = n;
	return err;
}

/* The answer to a token that mail_token_take() or the request refused. */
static void refused_link(struct request *rq, enum px_err err)
{
	if (err == PX_EDENIED)
		page_error(rq, 410,
			   N_("This link has expired: links are valid for 48 hours. Send your request "
			      "again from the practice's page."));
	else if (err == PX_ECONFLICT)
		page_error(rq, 409, N_("This link has already been used: the request it confirms was sent."));
	else if (err == PX_ENOTFOUND)
		page_error(rq, 404,
			   N_("This link is not valid. Copy the whole link from the mail, or send your "
			      "request again from the practice's page."));
	else
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
}

static void confirm(struct request *rq)
{
	const char *token = form_get(&rq->form, "t");
	char email[MAIL_ADDR_MAX + 1];
	int64_t id = 0;
	time_t now = time(NULL);
	struct node *n = NULL;
	int begun = store_write_begin(rq->st);
	enum px_err err =
		begun < 0 ? PX_ESTORE : mail_token_take(rq->st, CONTACT_PURPOSE, token, now, email, &id);
	int taken = !err;
	if (!err)
		err = send_request(rq, id, now, &n);
	enum px_err end = store_write_end(rq->st, begun, !err);
	if (taken && err == PX_ENOTFOUND) {
		page_error(rq, 410, N_("This practice has no contact to write to."));
		return;
	}
	if (err || end) {
		refused_link(rq, err ? err : end);
		return;
	}
	wake_mailer(rq);
	notice(rq, 200, N_("Your request has been sent"),
	       N_("The people behind this practice have your message and your address. They will answer you "
		  "by e-mail."),
	       n);
	node_free(n);
}

/* GET, POST /contact/verify?t=TOKEN */
void page_contact_verify(struct request *rq)
{
	if (!strcmp(rq->method, "POST")) {
		confirm(rq);
		return;
	}
	const char *token = request_param(rq, "t");
	if (!token || strlen(token) != SESSION_TOKEN_N - 1) {
		refused_link(rq, PX_ENOTFOUND);
		return;
	}
	auth_anonymous_csrf(rq);
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "title", T(rq, "Confirm your request"));
	tv_set_str(s, "token", token);
	tv_set_str(s, "csrf", rq->csrf);
	page_render(rq, "contact_verify", s);
	rq->cache = "no-store";
}
