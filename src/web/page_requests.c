/* Contact requests on the desk: the list on /admin and a request's page,
 * where an editor, or the author who owns the practice, reads the message
 * and the visitor's address and records the answer. Only verified
 * requests are work: an unverified one was never sent, and is deleted
 * after 48 hours (store/request.h). */
#include "web_int.h"

#include "../store/audit.h"
#include "../store/request.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define DESK_REQUESTS 50
#define NOTE_MAX      1000 /* code points of an editor's note */

/* The status as the desk says it. */
static const char *status_label(struct request *rq, enum contact_status s)
{
	static const char *const labels[] = {
		[CONTACT_UNVERIFIED] = N_("Not confirmed"),
		[CONTACT_SENT] = N_("Sent to the contact"),
		[CONTACT_ANSWERED] = N_("Answered"),
		[CONTACT_CLOSED] = N_("Closed"),
	};
	return T(rq, labels[s <= CONTACT_CLOSED ? s : CONTACT_UNVERIFIED]);
}

/* Unix seconds t as the reader's language writes a moment; "" for 0. */
static const char *moment(struct request *rq, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char iso[32];
	if (!t || !gmtime_r(&tt, &tm) || !strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return "";
	const char *s = i18n_datetime(&rq->a, rq->lang, iso);
	return s ? s : "";
}

/* May rq's user see r: an editor, or the author who owns its practice? */
static int may_see(const struct request *rq, const struct contact_request *r)
{
	return rq->user->role >= ROLE_EDITOR || (r->owner && r->owner == rq->user->id);
}

static struct tv *request_values(struct request *rq, const struct contact_request *r)
{
	struct tv *v = tv_map(&rq->a);
	tv_set_int(v, "id", r->id);
	tv_set_int(v, "nid", r->nid);
	tv_set_str(v, "practice", r->title);
	tv_set_str(v, "name", r->name);
	tv_set_str(v, "organisation", r->organisation);
	tv_set_str(v, "status", status_label(rq, r->status));
	tv_set_str(v, "status_key", contact_status_name(r->status));
	tv_set_str(v, "created", moment(rq, r->created));
	tv_set_str(v, "verified", moment(rq, r->verified));
	return v;
}

struct desk_rows {
	struct request *rq;
	struct tv *list;
};

static void desk_row(const struct contact_request *r, void *arg)
{
	struct desk_rows *d = arg;
	tv_push(d->list, request_values(d->rq, r));
}

struct tv *desk_requests(struct request *rq)
{
	struct desk_rows d = {rq, tv_list(&rq->a)};
	int64_t owner = rq->user->role >= ROLE_EDITOR ? 0 : rq->user->id;
	if (!d.list || contact_each(rq->st, owner, DESK_REQUESTS, desk_row, &d))
		return NULL;
	return d.list;
}

/* The request's page, with what was just done. */
static void request_page(struct request *rq, const struct contact_request *r, int status, const char *error)
{
	struct tv *s = tv_map(&rq->a), *v = request_values(rq, r);
	tv_set_str(v, "email", r->email);
	tv_set_str(v, "mailto", arena_printf(&rq->a, "mailto:%s", r->email)); /* mail_address_ok()'s */
	tv_set_str(v, "message", r->message);
	tv_set_str(v, "note", r->note);
	tv_set_str(v, "changed", moment(rq, r->changed));
	tv_set_str(v, "changed_by", r->changed_by);
	tv_set_str(v, "language", value_label(rq, FACET_LANGUAGE, r->lang));
	tv_set_bool(v, "answered", r->status == CONTACT_ANSWERED);
	tv_set_bool(v, "closed", r->status == CONTACT_CLOSED);
	tv_set(s, "request", v);
	tv_set_str(s, "title", i18n_with(&rq->a, T(rq, "Request {id}"), "id", arena_printf(&rq->a, "%lld", (long long)r->id)));
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_str(s, "error", error);
	tv_set_bool(s, "done", request_param(rq, "done") != NULL);
	page_render(rq, "admin_request", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* Sets r's status and note, with an audit entry: 0, or -1. */
static int set_status(struct request *rq, const struct contact_request *r, enum contact_status s,
		      const char *note)
{
	if (contact_set_status(rq->st, r->id, s, rq->user->name, note, time(NULL)))
		return -1;
	const char *target = arena_printf(&rq->a, "request %lld", (long long)r->id);
	const char *action = arena_printf(&rq->a, "request-%s", contact_status_name(s));
	if (audit_add(rq->st, rq->user->name, rq->addr, action, target, *note ? note : NULL))
		px_log(PX_LOG_ERR, "the audit log refused a %s entry", action);
	return 0;
}

/* Records the posted status and note: 0, or the error to show. */
static const char *change(struct request *rq, const struct contact_request *r)
{
	enum contact_status s;
	const char *note = node_form_field(rq, "note");
	size_t cps = 0;
	for (const unsigned char *p = (const unsigned char *)note; *p; p++)
		cps += (*p & 0xC0) != 0x80;
	if (contact_status_parse(form_get(&rq->form, "status"), &s) || s < CONTACT_SENT)
		return N_("Choose a status: answered or closed.");
	if (cps > NOTE_MAX)
		return N_("The note is too long.");
	if (set_status(rq, r, s, note))
		return N_("The hub's store cannot be written; try again later.");
	return NULL;
}

/* GET, POST /admin/requests/{nid} */
void page_admin_request(struct request *rq)
{
	struct contact_request r;
	enum px_err err = contact_get(rq->st, rq->id, &r);
	if (!err && (!r.verified || !may_see(rq, &r))) {
		contact_request_clear(&r);
		err = PX_ENOTFOUND;
	}
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("There is no request with this number.")
					       : N_("The store cannot be read."));
		return;
	}
	const char *error = strcmp(rq->method, "POST") ? NULL : change(rq, &r);
	if (!strcmp(rq->method, "POST") && !error)
		page_redirect(
			rq, arena_printf(&rq->a, "%s/admin/requests/%lld?done=1", rq->root, (long long)r.id));
	else
		request_page(rq, &r, error ? 400 : 200, error ? T(rq, error) : NULL);
	contact_request_clear(&r);
}
