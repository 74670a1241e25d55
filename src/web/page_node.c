/* A node's page: its fields (node_values.c), share links; a practice's
 * map and related practices. Relations show as the cities behind them:
 * a relation without names prints nothing. */
#include "web_int.h"

#include "../index/index.h"
#include "../model/model.h"
#include "../store/store.h"
#include "../text/text.h"

#include <string.h>

#define RELATED         4 /* related practices */
#define RELATED_STORIES 3 /* and stories, listed apart */

/* Share links: plain links, no third-party script. */
static struct tv *share(struct request *rq, const char *title, int64_t nid)
{
	const char *url = arena_printf(&rq->a, "%s%s", url_base(rq), url_node(rq, nid));
	struct tv *s = tv_map(&rq->a);
	tv_set_str(s, "url", url);
	tv_set_str(s, "title", title);
	return s;
}

/* The hits of r as a list of {nid, title}. */
static struct tv *hit_list(struct request *rq, const struct index_result *r)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < r->nhits; i++) {
		struct tv *v = tv_map(&rq->a);
		page_dep_nid(rq, r->hits[i].nid);
		tv_set_int(v, "nid", r->hits[i].nid);
		tv_set_str(v, "title", r->hits[i].title);
		tv_push(list, v);
	}
	return list;
}

/* A word index_similar() may look up (similar.c's count_token(): no stop
 * word, none under 3 bytes). */
static int dep_word(const struct text_token *tok, void *arg)
{
	if (tok->nfolded >= 3 && !text_stopword(NULL, tok->folded, tok->nfolded))
		page_dep_word(arg, tok->folded, tok->nfolded);
	return 0;
}

/* What index_similar() looks n's likes up by (similar.c): its words, its
 * themes and its places. Any node that may enter or leave n's related lists
 * meets one of them, or shows in them (then its nid does). */
static void related_deps(struct request *rq, const struct node *n)
{
	const char *fields[] = {n->title, n->subtitle, n->body};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i])
			text_tokenize(fields[i], strlen(fields[i]), 0, dep_word, rq);
	for (size_t i = 0; i < node_section_count(n); i++)
		text_tokenize(node_section(n, i)->text, strlen(node_section(n, i)->text), 0, dep_word, rq);
	for (size_t i = 0; i < strlist_len(&n->themes); i++)
		page_dep_facet(rq, FACET_THEMES, strlist_get(&n->themes, i));
	page_dep_places(rq, n);
}

/* scope.related: the practices most like n; scope.related_stories: the
 * stories, apart. Left out (the page still answers) if the index fails. */
static void related(struct request *rq, struct tv *s, const struct node *n)
{
	struct index_similar_want want[] = {{.types = 1u << NODE_PRACTICE, .limit = RELATED},
					    {.types = 1u << NODE_ARTICLE, .limit = RELATED_STORIES}};
	related_deps(rq, n);
	if (index_similar(rq->srv->ix, n, want, 2) != PX_OK)
		return;
	tv_set(s, "related", hit_list(rq, &want[0].r));
	tv_set(s, "related_stories", hit_list(rq, &want[1].r));
	index_result_free(&want[0].r);
	index_result_free(&want[1].r);
}

/* A dot per city in places (struct node_place *), linked to its page. */
static void add_place_dots(struct request *rq, struct tv *dots, const struct node_place *const *places, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct tv *d = tv_map(&rq->a), *city = tv_map(&rq->a), *country = tv_map(&rq->a);
		tv_set_str(city, "name", places[i]->city);
		tv_set_str(country, "name", places[i]->country);
		tv_set(d, "city", city);
		tv_set(d, "country", country);
		tv_set_str(d, "title", places[i]->city);
		tv_set_str(d, "url", url_city(rq, places[i]->city, places[i]->country));
		tv_push(dots, d);
	}
}

/* A network's map: its lead partner and partners, over Europe. */
static void network_map(struct request *rq, struct tv *s, const struct node *n)
{
	struct tv *dots = tv_list(&rq->a);
	if (n->lead_partner)
		add_place_dots(rq, dots, (const struct node_place *const *)&n->lead_partner, 1);
	add_place_dots(rq, dots, (const struct node_place *const *)(const void *)n->partners.b.data,
		       ptrvec_len(&n->partners));
	map_add(rq, s, dots, 0);
}

/* scope.dossier: a signed-in reader's "Add to dossier" form, {csrf,
 * dossiers: [{id, name, items, added}], added: the dossier just added to
 * (?added=ID), if one of theirs}. */
static void dossier_form(struct request *rq, struct tv *s)
{
	struct tv *d = tv_map(&rq->a), *list = me_dossiers(rq);
	if (!list)
		return; /* the page still answers */
	const char *added = request_param(rq, "added");
	for (size_t i = 0; added && i < list->len; i++) {
		const struct tv *id = tv_get(list->items[i], "id", 2);
		if (id && !strcmp(added, arena_printf(&rq->a, "%lld", (long long)id->i)))
			tv_set(d, "added", list->items[i]);
	}
	tv_set_str(d, "csrf", rq->csrf);
	tv_set(d, "dossiers", list);
	tv_set(s, "dossier", d);
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
	/* the page declares what it is made of: the node, the nodes it names
	 * (nid_ref()), a practice's related lists (related()), and city nodes
	 * (the hub's populations and places; the map itself is the gazetteer's) */
	page_dep_nid(rq, n->nid);
	page_dep_facet(rq, FACET_TYPE, "city");
	page_declares(rq);
	struct tv *s = page_node_values(rq, n);
	if (rq->user && rq->user->role >= ROLE_AUTHOR) { /* the bar of those who write */
		struct tv *bar = tv_map(&rq->a);
		tv_set_str(bar, "state", node_state_label(rq, n->state));
		tv_set_bool(bar, "edit", node_access(rq, n));
		tv_set_bool(bar, "publish", rq->user->role >= ROLE_EDITOR && n->state != NODE_PUBLISHED);
		tv_set_bool(bar, "unpublish", rq->user->role >= ROLE_EDITOR && n->state == NODE_PUBLISHED);
		tv_set_str(bar, "csrf", rq->csrf);
		tv_set(s, "bar", bar);
	}
	/* "Updated" only when it was, not on the day it was published */
	tv_set_bool(s, "revised", n->created && n->changed && strncmp(n->created, n->changed, 10));
	if (n->type == NODE_PRACTICE) {
		struct tv *kw = tv_list(&rq->a); /* the themes, for schema.org */
		for (size_t i = 0; i < strlist_len(&n->themes); i++)
			tv_push(kw, tv_str(&rq->a, strlist_get(&n->themes, i)));
		tv_set(s, "keywords", kw);
		related(rq, s, n);
		tv_set_bool(s, "contact_form", contact_reachable(n));
		struct tv *self = tv_list(&rq->a);
		tv_push(self, s);
		map_add(rq, s, self, 1);
	} else if (n->type == NODE_NETWORK) {
		network_map(rq, s, n);
	} else if (n->type == NODE_CITY) { /* the page that lists its practices */
		tv_set_str(s, "city_page", url_city(rq, n->title, n->country));
	}
	translation_offer(rq, s, n);
	tv_set(s, "share", share(rq, n->title, n->nid));
	if (rq->user && n->type == NODE_PRACTICE && n->state == NODE_PUBLISHED)
		dossier_form(rq, s);
	node_free(n);
	page_render(rq, "node", s);
}
