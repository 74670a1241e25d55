/* A reader's dossiers: a named collection of practices, its page (which
 * prints: static/praxis.css's @media print), its CSV and JSON exports (the
 * public export objects: a contact's address never leaves), and "Add to
 * dossier" from a practice's page.
 *
 * A dossier is its owner's alone: any other account, whatever its role,
 * gets the 404 of a dossier that does not exist, so ids tell nothing. */
#include "web_int.h"

#include "../model/model.h"
#include "../store/reader.h"
#include "../store/store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The practices of dossier id that rq's user may still see (one
 * unpublished since is left out: *hidden counts them), read from the
 * store, in the order they were added. NULL after the error page. */
static struct node **dossier_nodes(struct request *rq, int64_t id, struct dossier *d, size_t *n, size_t *hidden)
{
	static __thread int64_t nids[DOSSIER_ITEMS_MAX]; /* 4 KB, not on the stack */
	size_t count = 0;
	enum px_err err = dossier_get(rq->st, rq->user->id, id, d);
	if (!err)
		err = dossier_items(rq->st, rq->user->id, id, nids, DOSSIER_ITEMS_MAX, &count);
	struct node **nodes = err ? NULL : arena_alloc(&rq->a, (count ? count : 1) * sizeof *nodes);
	if (err || !nodes) {
		me_store_error(rq, err ? err : PX_ENOMEM, NULL);
		return NULL;
	}
	*n = *hidden = 0;
	for (size_t i = 0; i < count; i++) {
		struct node *node = NULL;
		if (store_node_get(rq->st, nids[i], &node) == PX_OK && node_visible(rq, node) &&
		    node->state == NODE_PUBLISHED)
			nodes[(*n)++] = node;
		else
			node_free(node), (*hidden)++;
	}
	return nodes;
}

static void nodes_free(struct node **nodes, size_t n)
{
	for (size_t i = 0; nodes && i < n; i++)
		node_free(nodes[i]);
}

/* The first paragraph of n's summary (else of its first section). */
static const char *first_paragraph(struct request *rq, const struct node *n)
{
	const struct section *first = NULL;
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		if (!first || s->key == SECTION_SUMMARY)
			first = s;
		if (s->key == SECTION_SUMMARY)
			break;
	}
	return first ? arena_strndup(&rq->a, first->text, strcspn(first->text, "\n")) : NULL;
}

static void dossier_page(struct request *rq, const struct dossier *d, struct node **nodes, size_t n,
			 size_t hidden, int status, const char *error)
{
	struct tv *s = tv_map(&rq->a), *items = tv_list(&rq->a);
	for (size_t i = 0; i < n; i++) {
		struct tv *c = page_card(rq, nodes[i]);
		tv_set_str(c, "summary", first_paragraph(rq, nodes[i]));
		tv_set_str(c, "link", arena_printf(&rq->a, "%s%s", url_public(rq), url_node(rq, nodes[i]->nid)));
		tv_push(items, c);
	}
	tv_set_str(s, "title", d->name);
	tv_set_int(s, "dossier_id", d->id);
	tv_set(s, "items", items);
	tv_set_str(s, "count", i18n_count_text(&rq->a, rq->lang, N_("{n, plural, one {# practice} other {# practices}}"), (int64_t)n));
	if (hidden)
		tv_set_str(s, "hidden",
			   i18n_count_text(&rq->a, rq->lang,
					   N_("{n, plural, one {# practice of this dossier is no longer published.} "
					      "other {# practices of this dossier are no longer published.}}"),
					   (int64_t)hidden));
	tv_set_str(s, "error", error);
	page_render(rq, "dossier", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

static void show(struct request *rq, int status, const char *error)
{
	struct dossier d;
	size_t n = 0, hidden = 0;
	struct node **nodes = dossier_nodes(rq, rq->id, &d, &n, &hidden);
	if (!nodes)
		return;
	dossier_page(rq, &d, nodes, n, hidden, status, error);
	nodes_free(nodes, n);
}

static void to_dossier(struct request *rq, int64_t id)
{
	page_redirect(rq, arena_printf(&rq->a, "%s/me/dossiers/%lld", rq->root, (long long)id));
}

/* GET, POST /me/dossiers/{nid}: the page; rename, delete, remove a practice */
void page_dossier(struct request *rq)
{
	if (strcmp(rq->method, "POST")) {
		show(rq, 200, NULL);
		return;
	}
	const char *action = form_get(&rq->form, "action");
	enum px_err err;
	if (action && !strcmp(action, "rename")) {
		const char *name = form_get(&rq->form, "name");
		const char *problem = reader_name_problem(name);
		if (problem) {
			show(rq, 400, T(rq, problem));
			return;
		}
		err = dossier_rename(rq->st, rq->user->id, rq->id, name);
	} else if (action && !strcmp(action, "delete")) {
		if (!(err = dossier_delete(rq->st, rq->user->id, rq->id))) {
			page_redirect(rq, arena_printf(&rq->a, "%s/me?done=dossier-deleted", rq->root));
			return;
		}
	} else if (action && !strcmp(action, "remove")) {
		err = dossier_item_remove(rq->st, rq->user->id, rq->id, me_posted_id(rq, "nid"));
	} else {
		page_error(rq, 400, N_("This form asks for nothing this page does."));
		return;
	}
	if (err)
		me_store_error(rq, err, NULL);
	else
		to_dossier(rq, rq->id);
}

/* GET /me/dossiers/{nid}.csv: the columns of `praxis export --format csv`,
 * without private values */
void page_dossier_csv(struct request *rq)
{
	struct dossier d;
	size_t n = 0, hidden = 0;
	struct node **nodes = dossier_nodes(rq, rq->id, &d, &n, &hidden);
	if (!nodes)
		return;
	enum px_err err = node_write_csv_header(&rq->body);
	for (size_t i = 0; !err && i < n; i++)
		err = node_write_csv(nodes[i], 0, &rq->body);
	nodes_free(nodes, n);
	if (err) {
		page_error(rq, 503, N_("The hub is short of memory."));
		return;
	}
	rq->type = "text/csv; charset=utf-8";
	rq->cache = "no-store";
}

/* GET /me/dossiers/{nid}.json: {"id", "name", "practices": [public export objects]} */
void page_dossier_json(struct request *rq)
{
	struct dossier d;
	size_t n = 0, hidden = 0;
	struct node **nodes = dossier_nodes(rq, rq->id, &d, &n, &hidden);
	if (!nodes)
		return;
	json_t *o = json_object(), *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, node_to_public_json(nodes[i]));
	nodes_free(nodes, n);
	json_object_set_new(o, "id", json_integer(d.id));
	json_object_set_new(o, "name", json_string(d.name));
	json_object_set_new(o, "practices", list);
	char *text = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(1));
	json_decref(o);
	if (!text || buf_adds(&rq->body, text) || buf_addc(&rq->body, '\n')) {
		free(text);
		page_error(rq, 503, N_("The hub is short of memory."));
		return;
	}
	free(text);
	rq->type = "application/json";
	rq->cache = "no-store";
}

/* The practice a form names (nid), if rq's user may see it; else the 404
 * and NULL. */
static struct node *posted_practice(struct request *rq)
{
	struct node *n = NULL;
	int64_t nid = me_posted_id(rq, "nid");
	if (nid < 0 || store_node_get(rq->st, nid, &n) || n->type != NODE_PRACTICE || n->state != NODE_PUBLISHED) {
		node_free(n);
		page_error(rq, 404, N_("There is no practice with this number."));
		return NULL;
	}
	return n;
}

/* POST /me/dossiers/add: nid, and dossier (an id) or name (a new one) */
void page_dossier_add(struct request *rq)
{
	struct node *n = posted_practice(rq);
	if (!n)
		return;
	int64_t nid = n->nid, id = me_posted_id(rq, "dossier");
	node_free(n);
	enum px_err err = PX_OK;
	const char *name = form_get(&rq->form, "name");
	if (id < 0 && name && *name)
		err = dossier_add(rq->st, rq->user->id, name, time(NULL), &id);
	else if (id < 0)
		err = PX_EUSAGE;
	if (!err)
		err = dossier_item_add(rq->st, rq->user->id, id, nid, time(NULL));
	if (err) {
		me_store_error(rq, err,
			       N_("A dossier holds at most 500 practices and a reader keeps at most 100 dossiers."));
		return;
	}
	page_redirect(rq, arena_printf(&rq->a, "%s/node/%lld?added=%lld", rq->root, (long long)nid, (long long)id));
}
