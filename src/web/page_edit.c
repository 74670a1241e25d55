/* Writing on the hub: the form of a practice or an article (new, edit,
 * preview), publication states, the history of a node with diffs between
 * any two revisions, and revert.
 *
 * The route table lets authors in; which node they may touch is decided
 * here, by node_access(): an author writes drafts and edits their own
 * drafts, an editor or an admin any node. A form becomes a node through
 * the export object and node_from_json(): the same rules as an import. */
#include "web_int.h"

#include "../store/audit.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A state as the interface says it. */
static const char *const state_labels[NODE_STATE_COUNT] = {N_("published"), N_("draft"), N_("unpublished")};

const char *node_state_label(const struct request *rq, enum node_state st)
{
	return T(rq, state_labels[st < NODE_STATE_COUNT ? st : NODE_DRAFT]);
}

/* ---- who may do what to a node ---- */

static int is_editor(const struct request *rq)
{
	return rq->user && rq->user->role >= ROLE_EDITOR;
}

int node_access(const struct request *rq, const struct node *n)
{
	if (!rq->user)
		return 0;
	return is_editor(rq) || !n || (n->owner == rq->user->id && n->state == NODE_DRAFT);
}

int node_visible(const struct request *rq, const struct node *n)
{
	return n->state == NODE_PUBLISHED || is_editor(rq) || (rq->user && n->owner == rq->user->id);
}

/* The node of the route's {nid}, which rq's user may edit; NULL after the
 * 404, 403 or 503. Caller frees. */
static struct node *editable(struct request *rq)
{
	struct node *n = NULL;
	enum px_err err = store_node_get(rq->st, rq->id, &n);
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("There is no node with this number.")
					       : N_("The store cannot be read."));
		return NULL;
	}
	if (!node_access(rq, n)) {
		page_error(rq, node_visible(rq, n) ? 403 : 404,
			   node_visible(rq, n) ? N_("Your account may not change this node.")
					       : N_("There is no node with this number."));
		node_free(n);
		return NULL;
	}
	return n;
}

static void audit(struct request *rq, const char *action, int64_t nid, const char *detail)
{
	char target[32];
	snprintf(target, sizeof target, "%lld", (long long)nid);
	if (audit_add(rq->st, rq->user->name, rq->addr, action, target, detail))
		px_log(PX_LOG_ERR, "the audit log refused a %s entry", action);
}

/* ---- the form (node_form.c) ---- */

static const char *field(struct request *rq, const char *name)
{
	return node_form_field(rq, name);
}

/* A section keeps the heading it was written with: the form shows the
 * interface's headings, which are not the node's words. */
static void keep_headings(struct node *n, const struct node *existing)
{
	for (size_t i = 0; i < node_section_count(n); i++)
		for (size_t j = 0; j < node_section_count(existing); j++) {
			struct section *s = ptrvec_get(&n->sections, i);
			const struct section *was = node_section(existing, j);
			char *heading;
			if (was->key == s->key && (heading = px_strdup(was->heading))) {
				free(s->heading);
				s->heading = heading;
			}
		}
}

/* Fields the form does not edit (relations) are kept from the node as it
 * was; a city named as a partner or an adopter makes its relation. */
static enum px_err keep_unedited(struct node *n, const struct node *existing)
{
	if (existing)
		keep_headings(n, existing);
	for (const struct field *f = node_fields(n->type); existing && f->key; f++) {
		if (f->widget != WIDGET_NONE || (f->flags & FIELD_STAMP))
			continue;
		json_t *v = field_to_json(existing, f, 1);
		struct buf why;
		buf_init(&why, 256);
		field_clear(n, f);
		int bad = !v || field_from_json(n, f, v, &why);
		buf_free(&why);
		json_decref(v);
		if (bad)
			return PX_ENOMEM;
	}
	return node_relations_sync(n);
}

/* The values confirmed as new on an earlier step, as the hidden inputs
 * that keep them: [{name, value}]. */
static struct tv *confirmed(struct request *rq, enum node_type type)
{
	struct tv *list = tv_list(&rq->a);
	for (const struct field *f = node_fields(type); f->key; f++) {
		const char *name = node_form_picked(f) ? arena_printf(&rq->a, "new.%s", f->key) : NULL;
		for (const char *p = name ? field(rq, name) : ""; *p;) {
			size_t n = strcspn(p, "\n");
			struct tv *v = tv_map(&rq->a);
			tv_set_str(v, "name", name);
			tv_set_str(v, "value", arena_strndup(&rq->a, p, n));
			tv_push(list, v);
			p += n + (p[n] == '\n');
		}
	}
	return list;
}

/* The action a form step was asked for: its button's, or after a button
 * of the confirmation, the one asked for before it. */
static const char *asked(struct request *rq)
{
	const char *action = field(rq, "action");
	return *action ? action : field(rq, "then");
}

/* Renders the form: for a new node (n NULL) or n; theirs, after a
 * conflict, is the version saved meanwhile; unknown: the values to
 * confirm (node_form_unknowns), or NULL. */
static void form_page(struct request *rq, int status, const struct node *n, enum node_type type, int64_t base,
		      struct tv *errors, struct tv *preview, struct tv *unknown, const struct node *theirs)
{
	struct tv *s = tv_map(&rq->a);
	int is_new = !n || !n->nid;
	static const char *const fresh_titles[] = {[NODE_PRACTICE] = N_("New practice"),
						   [NODE_ARTICLE] = N_("New story"),
						   [NODE_CITY] = N_("New city"),
						   [NODE_NETWORK] = N_("New network")};
	const char *fresh = T(rq, fresh_titles[type]);
	tv_set_str(s, "title", is_new ? fresh : arena_printf(&rq->a, "%s: %s", T(rq, "Edit"), n->title));
	tv_set_bool(s, "practice", type == NODE_PRACTICE);
	tv_set_str(s, "type", node_type_name(type));
	tv_set_str(s, "action",
		   is_new ? arena_printf(&rq->a, "%s/node/new", rq->root)
			  : arena_printf(&rq->a, "%s/node/%lld/edit", rq->root, (long long)n->nid));
	tv_set_int(s, "base", base);
	tv_set_str(s, "csrf", rq->csrf);
	tv_set_bool(s, "can_publish", is_editor(rq));
	tv_set_str(s, "state", node_state_label(rq, n && n->nid ? n->state : NODE_DRAFT));
	tv_set(s, "inputs", node_form_inputs(rq, rq->form.n ? NULL : n, type, errors));
	tv_set(s, "errors", errors);
	tv_set_bool(s, "has_errors", errors && errors->len);
	tv_set(s, "preview", preview);
	tv_set(s, "confirm", unknown && unknown->len ? unknown : NULL);
	tv_set_str(s, "then", asked(rq));
	tv_set(s, "confirmed", confirmed(rq, type));
	tv_set(s, "cities", node_form_cities(rq));
	if (theirs) {
		struct tv *t = tv_map(&rq->a);
		tv_set_str(t, "title", theirs->title);
		tv_set_str(t, "json", NULL);
		struct buf j;
		buf_init(&j, 1 << 24);
		if (node_write_jsonl(theirs, &j) == PX_OK)
			tv_set_str(t, "json", j.data);
		buf_free(&j);
		tv_set(s, "theirs", t);
	}
	page_render(rq, "node_form", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

/* The preview: the node as its page will show it, from the same values
 * (page_node_values) and template (node_main), its map too. A list of one,
 * so that the template reads it as the page's scope. */
static struct tv *preview_of(struct request *rq, const struct node *n)
{
	struct tv *p = page_node_values(rq, n), *one = tv_list(&rq->a);
	tv_set_bool(p, "in_preview", 1); /* the form's page has its own h1 */
	if (n->type == NODE_PRACTICE && n->city && n->country) {
		struct tv *self = tv_list(&rq->a);
		tv_set_str(p, "url", url_city(rq, n->city, n->country)); /* the dot's link: no page yet */
		tv_push(self, p);
		map_add(rq, p, self, 1);
	}
	tv_push(one, p);
	return one;
}

/* Says in errors which field of n is beyond the model's limits (the same
 * check as ingest's); 0 if none is. */
static int limits_exceeded(struct request *rq, const struct node *n, struct tv *errors)
{
	struct node_limit lim;
	if (!node_check_limits(n, &lim))
		return 0;
	const char *what = lim.on == LIMIT_ITEMS	   ? T(rq, "Too many lines: the most this field takes is")
			   : lim.on == LIMIT_ITEM_BYTES ? T(rq, "A line is too long: the most a line takes, in bytes, is")
			   : !strcmp(lim.field, "node")
				   ? T(rq, "The node is too large: the most all its fields take together, in bytes, is")
				   : T(rq, "Too long: the most this field takes, in bytes, is");
	tv_set_str(errors, !strcmp(lim.field, "node") ? "form" : lim.field,
		   arena_printf(&rq->a, "%s %zu.", what, lim.max));
	return 1;
}

/* Saves n (its state set) from base; answers the conflict page or goes to
 * the node's page. existing: the node as it was (NULL for a new one). */
static void save(struct request *rq, struct node *n, int64_t base, const char *action)
{
	int64_t rev = 0;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = store_node_save(rq->st, n, base, rq->user->id, &rev, &why);
	const char *refused = why.len ? arena_strndup(&rq->a, why.data, why.len) : NULL;
	buf_free(&why);
	if (err == PX_EUSAGE && form_get(&rq->form, "title")) { /* the form named a node that is not there */
		struct tv *errors = tv_map(&rq->a);
		tv_set_str(errors, "form", refused);
		form_page(rq, 400, n, n->type, base, errors, NULL, NULL, NULL);
		return;
	}
	if (err == PX_EUSAGE) {
		page_error(rq, 400, refused ? refused : N_("This node names a node that is not there."));
		return;
	}
	if (err == PX_ECONFLICT) {
		struct node *theirs = NULL;
		if (store_node_get(rq->st, n->nid, &theirs)) {
			page_error(rq, 503, N_("The store cannot be read."));
			return;
		}
		struct tv *errors = tv_map(&rq->a);
		tv_set_str(
			errors, "conflict",
			T(rq,
			  "Someone else saved this node while you were editing it. Their version is below; "
			  "your text is kept in the form. Save again to replace theirs with yours."));
		form_page(rq, 409, theirs, n->type, rev, errors, NULL, NULL, theirs);
		node_free(theirs);
		return;
	}
	if (err || (err = server_index_put(rq->srv, n, rev))) {
		page_error(rq, 503, N_("The hub's store cannot be written; try again later."));
		return;
	}
	audit(rq, action, n->nid, node_state_name(n->state));
	page_redirect(rq, arena_printf(&rq->a, "%s/node/%lld", rq->root, (long long)n->nid));
}

/* A POST of the form: preview, save (the state kept; a new node is a
 * draft) or publish (editors). existing: the node edited, or NULL. */
static void submit(struct request *rq, const struct node *existing, enum node_type type)
{
	if (node_form_picks_read(rq, type)) {
		page_error(rq, 503, N_("The hub is short of memory; try again in a moment."));
		return;
	}
	const char *action = asked(rq);
	int publish = !strcmp(action, "publish");
	if (publish && !is_editor(rq)) {
		page_error(rq, 403, N_("Only an editor may publish."));
		return;
	}
	const char *b = field(rq, "base");
	int64_t base = 0;
	if (existing && (px_parse_i64(b, strlen(b), 0, &base) || base < 0)) {
		page_error(rq, 400, N_("This form lost the revision it was made from. Reload the page."));
		return;
	}
	struct tv *unknown = !strcmp(field(rq, "pick"), "1") ? node_form_unknowns(rq, type, existing) : NULL;
	if (unknown && unknown->len) { /* nothing is read, checked or saved before they are confirmed */
		form_page(rq, 200, existing, type, base, NULL, NULL, unknown, NULL);
		return;
	}
	struct tv *errors = tv_map(&rq->a);
	json_t *o = node_form_object(rq, type, errors);
	struct buf why;
	buf_init(&why, 1024);
	const char *bad_key = NULL;
	struct node *n = errors->len ? NULL : node_from_json_at(o, &why, &bad_key);
	json_decref(o);
	if (!n && !errors->len) /* next to the field the import's rules refuse */
		tv_set_str(errors, bad_key ? bad_key : "form",
			   bad_key ? node_form_reason(rq, type, bad_key, why.data)
				   : why.data ? why.data : T(rq, "This node cannot be saved."));
	buf_free(&why);
	if (n && keep_unedited(n, existing)) {
		page_error(rq, 503, N_("The hub is short of memory; try again in a moment."));
		node_free(n);
		return;
	}
	if (!n || limits_exceeded(rq, n, errors) || node_form_check_refs(rq, n, errors)) {
		form_page(rq, 400, existing, type, base, errors, NULL, NULL, NULL);
		node_free(n);
		return;
	}
	n->nid = existing ? existing->nid : 0;
	n->state = publish ? NODE_PUBLISHED : existing ? existing->state : NODE_DRAFT;
	if (!strcmp(action, "preview"))
		form_page(rq, 200, existing, type, base, NULL, preview_of(rq, n), NULL, NULL);
	else if (!strcmp(action, "save") || publish)
		save(rq, n, base, publish ? "node-publish" : "node-save");
	else
		page_error(rq, 400, N_("This form asks for nothing the hub knows."));
	node_free(n);
}

/* GET, POST /node/new?type=practice|article|city|network */
void page_node_new(struct request *rq)
{
	const char *t = strcmp(rq->method, "POST") ? request_param(rq, "type") : field(rq, "type");
	enum node_type type = NODE_PRACTICE;
	if (t && *t && node_type_parse(t, &type)) {
		page_error(rq, 400, N_("A node is a practice, an article, a city or a network."));
		return;
	}
	if (!strcmp(rq->method, "POST")) {
		submit(rq, NULL, type);
		return;
	}
	struct node *blank = node_new(type);
	if (!blank) {
		page_error(rq, 503, N_("The hub is short of memory; try again in a moment."));
		return;
	}
	memcpy(blank->language, rq->lang, 3);
	form_page(rq, 200, blank, type, 0, NULL, NULL, NULL, NULL);
	node_free(blank);
}

/* GET, POST /node/{nid}/edit */
void page_node_edit(struct request *rq)
{
	struct node *n = editable(rq);
	if (!n)
		return;
	if (!strcmp(rq->method, "POST"))
		submit(rq, n, n->type);
	else
		form_page(rq, 200, n, n->type, store_node_rev(rq->st, n->nid), NULL, NULL, NULL, NULL);
	node_free(n);
}

/* POST /node/{nid}/state: publish, unpublish or back to draft (editors). */
void page_node_state(struct request *rq)
{
	enum node_state to;
	if (node_state_parse(field(rq, "state"), &to)) {
		page_error(rq, 400, N_("A node is a draft, published or unpublished."));
		return;
	}
	struct node *n = editable(rq);
	if (!n)
		return;
	n->state = to;
	save(rq, n, store_node_rev(rq->st, n->nid),
	     to == NODE_PUBLISHED     ? "node-publish"
	     : to == NODE_UNPUBLISHED ? "node-unpublish"
				      : "node-draft");
	node_free(n);
}

/* ---- history, diffs, revert ---- */

struct history {
	struct request *rq;
	struct tv *list;
};

static void one_revision(const struct store_revision *r, void *arg)
{
	struct history *h = arg;
	struct tv *v = tv_map(&h->rq->a);
	tv_set_int(v, "rev", r->rev);
	tv_set_str(v, "at", r->at);
	tv_set_str(v, "when", i18n_datetime(&h->rq->a, h->rq->lang, r->at));
	tv_set_str(v, "who", r->account ? r->account : r->source);
	enum node_state st;
	tv_set_str(v, "state",
		   r->state && !node_state_parse(r->state, &st) ? node_state_label(h->rq, st) : NULL);
	tv_push(h->list, v);
}

static int64_t rev_param(struct request *rq, const char *name)
{
	const char *v = request_param(rq, name);
	int64_t r;
	return v && !px_parse_i64(v, strlen(v), 0, &r) && r > 0 ? r : 0;
}

/* scope.changes: what changed from a to b ([] when nothing did). */
static void set_changes(struct request *rq, struct tv *scope, const struct node *a, const struct node *b)
{
	struct tv *changes = node_diff(rq, a, b);
	tv_set(scope, "changes", changes);
	tv_set_bool(scope, "unchanged", !changes || !changes->len);
	tv_set_bool(scope, "compared", 1);
}

/* "Changes from revision 3 to 5", in the reader's language. */
static const char *compared_title(struct request *rq, int64_t a, int64_t b)
{
	const char *t = T(rq, "Changes from revision {a} to {b}");
	t = i18n_with(&rq->a, t, "a", arena_printf(&rq->a, "%lld", (long long)a));
	return t ? i18n_with(&rq->a, t, "b", arena_printf(&rq->a, "%lld", (long long)b)) : NULL;
}

/* GET /node/{nid}/history[?a=REV&b=REV] */
void page_node_history(struct request *rq)
{
	struct node *n = editable(rq);
	if (!n)
		return;
	struct history h = {rq, tv_list(&rq->a)};
	struct tv *s = tv_map(&rq->a);
	if (store_revisions_each(rq->st, n->nid, one_revision, &h)) {
		page_error(rq, 503, N_("The store cannot be read."));
		node_free(n);
		return;
	}
	tv_set_str(s, "title", arena_printf(&rq->a, "%s: %s", T(rq, "History"), n->title));
	tv_set_int(s, "nid", n->nid);
	tv_set(s, "revisions", h.list);
	int64_t a = rev_param(rq, "a"), b = rev_param(rq, "b");
	struct node *na = NULL, *nb = NULL;
	if ((request_param(rq, "a") || request_param(rq, "b")) &&
	    (!a || !b || store_revision_get(rq->st, n->nid, a, &na) ||
	     store_revision_get(rq->st, n->nid, b, &nb))) {
		page_error(rq, 400, N_("Compare two revisions of this node."));
	} else {
		if (na && nb) {
			set_changes(rq, s, na, nb);
			tv_set_str(s, "compared_title", compared_title(rq, a, b));
		}
		page_render(rq, "node_history", s);
	}
	node_free(na);
	node_free(nb);
	node_free(n);
}

/* The page that asks before a revert: what the node will become. */
static void revert_page(struct request *rq, const struct node *n, const struct node *old, int64_t rev)
{
	struct tv *s = tv_map(&rq->a);
	const char *revert = i18n_with(&rq->a, T(rq, "Revert to revision {rev}"), "rev",
				       arena_printf(&rq->a, "%lld", (long long)rev));
	tv_set_str(s, "title", arena_printf(&rq->a, "%s: %s", revert, n->title));
	tv_set_int(s, "nid", n->nid);
	tv_set_int(s, "rev", rev);
	tv_set_str(s, "csrf", rq->csrf);
	set_changes(rq, s, n, old);
	page_render(rq, "node_revert", s);
	rq->cache = "no-store";
}

/* GET /node/{nid}/revert?rev=REV: what reverting would change, and the
 * button that does it; POST /node/{nid}/revert: revision rev's content as
 * a new revision (the state stays as it is). A GET changes nothing. */
void page_node_revert(struct request *rq)
{
	int post = !strcmp(rq->method, "POST");
	const char *r = post ? field(rq, "rev") : request_param(rq, "rev");
	int64_t rev;
	struct node *n = editable(rq), *old = NULL;
	if (!n)
		return;
	if (!r || px_parse_i64(r, strlen(r), 0, &rev) || store_revision_get(rq->st, n->nid, rev, &old)) {
		page_error(rq, 400, N_("There is no such revision of this node."));
	} else if (!post) {
		revert_page(rq, n, old, rev);
	} else {
		old->nid = n->nid;
		old->state = n->state;
		save(rq, old, store_node_rev(rq->st, n->nid), "node-revert");
	}
	node_free(old);
	node_free(n);
}
