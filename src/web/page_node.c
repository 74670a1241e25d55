/* A node's page: a practice with its place, population, themes, labels,
 * relations, sections, share links and related practices; an article with
 * its author and body. */
#include "web_int.h"

#include "../index/index.h"
#include "../model/model.h"
#include "../store/store.h"

#include <string.h>

#define RELATED 4

/* Lines of text as a list of paragraphs. */
static struct tv *sections(struct arena *a, const struct node *n)
{
	struct tv *list = tv_list(a);
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		struct tv *v = tv_map(a);
		tv_set_str(v, "key", section_key_name(s->key));
		tv_set_str(v, "heading", s->heading);
		tv_set(v, "html", html_markdown(a, s->text));
		tv_push(list, v);
	}
	return list;
}

/* Share links: plain links, no third-party script. */
static struct tv *share(struct request *rq, const char *title, int64_t nid)
{
	const char *url = arena_printf(&rq->a, "%s%s", url_base(rq), url_node(rq, nid));
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "url", url);
	tv_set_str(s, "title", title);
	return s;
}

static struct tv *related(struct request *rq, const struct node *n)
{
	struct index_result r;
	struct tv *list = tv_list(&rq->a);
	if (index_similar(rq->srv->ix, n, RELATED, &r) != PX_OK)
		return list; /* the box is left out, the page still answers */
	for (size_t i = 0; i < r.nhits; i++) {
		struct tv *v = tv_map(&rq->a);
		tv_set_int(v, "nid", r.hits[i].nid);
		tv_set_str(v, "title", r.hits[i].title);
		tv_push(list, v);
	}
	index_result_free(&r);
	return list;
}

/* How a relation reads ("in_partnership_with": "In partnership with"). */
static const char *relation_label(const char *name)
{
	enum relation r;
	static const char *const labels[RELATION_COUNT] = {N_("In partnership with"),
							   N_("Adapted by cities from")};
	return relation_parse(name, &r) ? name : labels[r];
}

/* "1 620 000" with thin spaces, as the sample writes it. */
static const char *population(struct arena *a, int64_t p)
{
	if (p < 0)
		return NULL;
	char digits[24], out[48];
	int n = snprintf(digits, sizeof digits, "%lld", (long long)p);
	size_t o = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0) {
			memcpy(out + o, "\u202f", 3);
			o += 3;
		}
		out[o++] = digits[i];
	}
	return arena_strndup(a, out, o);
}

/* GET /node/{nid} */
void page_node(struct request *rq)
{
	struct node *n = NULL;
	enum px_err err = store_node_get(rq->st, rq->id, &n);
	if (!err && !node_visible(rq, n)) { /* a draft is nobody's but its writers' */
		node_free(n);
		err = PX_ENOTFOUND;
	}
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("There is no node with this number.")
					       : N_("The store cannot be read."));
		return;
	}
	struct tv *s = page_card(rq, n);
	if (rq->user) { /* the bar of those who write */
		struct tv *bar = tv_map(&rq->a);
		tv_set_str(bar, "state", node_state_label(rq, n->state));
		tv_set_bool(bar, "edit", node_access(rq, n));
		tv_set_bool(bar, "publish", rq->user->role >= ROLE_EDITOR && n->state != NODE_PUBLISHED);
		tv_set_bool(bar, "unpublish", rq->user->role >= ROLE_EDITOR && n->state == NODE_PUBLISHED);
		tv_set_str(bar, "csrf", rq->csrf);
		tv_set(s, "bar", bar);
	}
	tv_set_str(s, "title", n->title);
	if (n->type == NODE_PRACTICE) {
		tv_set_str(s, "population", population(&rq->a, n->population));
		struct tv *rel = tv_list(&rq->a);
		for (size_t i = 0; i < strlist_len(&n->relations); i++)
			tv_push(rel, tv_str(&rq->a, T(rq, relation_label(strlist_get(&n->relations, i)))));
		tv_set(s, "relations", rel);
		tv_set(s, "sections", sections(&rq->a, n));
		struct tv *kw = tv_list(&rq->a); /* the themes, for schema.org */
		for (size_t i = 0; i < strlist_len(&n->themes); i++)
			tv_push(kw, tv_str(&rq->a, strlist_get(&n->themes, i)));
		tv_set(s, "keywords", kw);
		tv_set(s, "related", related(rq, n));
		struct tv *self = tv_list(&rq->a);
		tv_push(self, s);
		map_add(rq, s, self, 1);
	} else {
		tv_set(s, "body", html_markdown(&rq->a, n->body));
	}
	tv_set(s, "share", share(rq, n->title, n->nid));
	node_free(n);
	page_render(rq, "node", s);
}
