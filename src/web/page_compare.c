/* The comparison of practices side by side: /compare?nid=A&nid=B, up to
 * COMPARE_MAX. A row per fact (place, size, themes, labels, year,
 * partners, adopters, impact figures), then a row per section key that
 * any of them has, with the start of each one's first paragraph (as a
 * card's lead, so that four long sections stay readable): the rows align the
 * practices however many sections each has.
 *
 * The nids come from the query string alone (the card checkboxes of a
 * listing, a practice page's link), so the page works without a script
 * and is cached like any other: its address holds every nid.
 *
 * Bad input: more than COMPARE_MAX nids, one that is not a number, one
 * given twice: a 400 saying which. A nid that names no published practice
 * (none, a draft, a city): a 404 that still shows the others, names it,
 * and links the same comparison without it; the address is wrong, not
 * the reader's choice of the others. */
#include "web_int.h"

#include "../model/model.h"
#include "../store/store.h"

#include <string.h>

#define COMPARE_MAX 4

/* The nid= values of the query, in order. */
struct asked {
	const char *v[COMPARE_MAX];
	size_t n; /* all of them, also past COMPARE_MAX */
};

static void take_nid(const char *k, const char *v, void *arg)
{
	struct asked *a = arg;
	if (strcmp(k, "nid"))
		return;
	if (a->n < COMPARE_MAX)
		a->v[a->n] = v;
	a->n++;
}

/* 0 with *nid if s is a nid (a whole number from 1 to NODE_NID_MAX), else -1. */
static int parse_nid(const char *s, int64_t *nid)
{
	return px_parse_i64(s, strlen(s), 0, nid) || *nid < 1 || *nid > NODE_NID_MAX ? -1 : 0;
}

/* The nids asked, parsed: 0, or -1 after a 400 page. */
static int asked_nids(struct request *rq, int64_t nids[COMPARE_MAX], size_t *n)
{
	struct asked a = {.n = 0};
	request_params_each(rq, take_nid, &a);
	if (a.n > COMPARE_MAX) {
		page_error(rq, 400, N_("At most four practices can be compared side by side."));
		return -1;
	}
	for (size_t i = 0; i < a.n; i++) {
		if (parse_nid(a.v[i], &nids[i])) {
			/* no translated format string: a catalogue cannot break the printf */
			page_error(rq, 400,
				   i18n_with(&rq->a, T(rq, "A practice is named by its number, not “{value}”."), "value",
					     arena_printf(&rq->a, "%.*s", px_utf8_prefix(a.v[i], 40), a.v[i])));
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (nids[j] == nids[i]) {
				page_error(rq, 400,
					   arena_printf(&rq->a, "%s %lld.",
							T(rq, "This practice is named twice:"),
							(long long)nids[i]));
				return -1;
			}
	}
	*n = a.n;
	return 0;
}

/* The same comparison without nid. */
static const char *without(struct request *rq, int64_t nid)
{
	return url_here(rq, &(struct url_change){.drop_k = "nid",
						 .drop_v = arena_printf(&rq->a, "%lld", (long long)nid)});
}

/* A column: the practice's page values, its size class, its link out of
 * the comparison. */
static struct tv *column(struct request *rq, const struct node *n)
{
	struct tv *v = page_node_values(rq, n);
	if (n->population >= 0)
		tv_set_str(v, "size", value_label(rq, FACET_CITY_SIZE, city_size_of(n->population)->name));
	tv_set_str(v, "remove", without(rq, n->nid));
	return v;
}

/* scope.sections: a row per section key any practice has, a cell per
 * practice (empty where it has none). */
static struct tv *section_rows(struct request *rq, struct node *const *nodes, size_t n)
{
	struct tv *rows = tv_list(&rq->a);
	for (int k = 0; k < SECTION_COUNT; k++) {
		struct tv *cells = tv_list(&rq->a);
		int any = 0;
		for (size_t i = 0; i < n; i++) {
			struct tv *cell = tv_map(&rq->a);
			for (size_t s = 0; s < node_section_count(nodes[i]); s++)
				if (node_section(nodes[i], s)->key == (enum section_key)k &&
				    !tv_get(cell, "text", 4)) {
					tv_set_str(cell, "text",
						   node_value_lead(&rq->a, node_section(nodes[i], s)->text));
					tv_set_str(cell, "language", nodes[i]->language);
					any = 1;
				}
			tv_push(cells, cell);
		}
		if (!any)
			continue;
		struct tv *row = tv_map(&rq->a);
		tv_set_str(row, "key", section_key_name((enum section_key)k));
		tv_set_str(row, "heading", T(rq, section_key_heading((enum section_key)k)));
		tv_set(row, "cells", cells);
		tv_push(rows, row);
	}
	return rows;
}

/* {nid, remove} of a nid that names no published practice. */
static struct tv *missing(struct request *rq, int64_t nid)
{
	struct tv *m = tv_map(&rq->a);
	tv_set_int(m, "nid", nid);
	tv_set_str(m, "remove", without(rq, nid));
	return m;
}

/* Reads each nid; practices that can be shown into nodes (*n of them),
 * the others into gone. PX_OK, or the store's error. */
static enum px_err read_practices(struct request *rq, const int64_t *nids, size_t count, struct node **nodes,
				  size_t *n, struct tv *gone)
{
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		struct node *p = NULL;
		enum px_err err = store_node_get(rq->st, nids[i], &p);
		if (err && err != PX_ENOTFOUND)
			return err;
		if (!err && p->type == NODE_PRACTICE && node_visible(rq, p)) {
			nodes[(*n)++] = p;
			continue;
		}
		node_free(p);
		tv_push(gone, missing(rq, nids[i]));
	}
	return PX_OK;
}

/* GET /compare */
void page_compare(struct request *rq)
{
	int64_t nids[COMPARE_MAX];
	struct node *nodes[COMPARE_MAX];
	size_t asked = 0, n = 0;
	if (asked_nids(rq, nids, &asked))
		return;
	struct tv *s = tv_map(&rq->a), *gone = tv_list(&rq->a), *cols = tv_list(&rq->a);
	enum px_err err = read_practices(rq, nids, asked, nodes, &n, gone);
	for (size_t i = 0; !err && i < n; i++)
		tv_push(cols, column(rq, nodes[i]));
	if (!err)
		tv_set(s, "sections", section_rows(rq, nodes, n));
	for (size_t i = 0; i < n; i++)
		node_free(nodes[i]);
	if (err) {
		page_error(rq, 503, N_("The store cannot be read."));
		return;
	}
	tv_set_str(s, "title", T(rq, "Compare practices"));
	tv_set(s, "practices", n ? cols : NULL);
	tv_set(s, "gone", asked > n ? gone : NULL);
	tv_set_bool(s, "alone", n < 2);
	if (asked < COMPARE_MAX && asked == n) /* the listing carries the nids back to its compare form */
		tv_set_str(s, "more", url_at(rq, "", "/good-practices", &(struct url_change){0}));
	page_render(rq, "compare", s);
	if (asked > n && rq->status == 200) {
		rq->status = 404;
		rq->cache = "no-store";
	}
}

/* Marks the card of hits (a list of cards) whose nid is nid; 1 if there is one. */
static int mark_card(struct tv *hits, int64_t nid)
{
	for (size_t i = 0; hits && hits->kind == TV_LIST && i < hits->len; i++) {
		const struct tv *v = tv_get(hits->items[i], "nid", 3);
		if (v && v->kind == TV_INT && v->i == nid) {
			tv_set_bool(hits->items[i], "compared", 1);
			return 1;
		}
	}
	return 0;
}

struct tv *compare_carried(struct request *rq, struct tv *hits)
{
	struct asked a = {.n = 0};
	struct tv *list = tv_list(&rq->a);
	int64_t nids[COMPARE_MAX];
	size_t n = 0;
	request_params_each(rq, take_nid, &a);
	for (size_t i = 0; i < a.n && i < COMPARE_MAX; i++) {
		if (parse_nid(a.v[i], &nids[n]))
			continue;
		size_t j = 0;
		while (j < n && nids[j] != nids[n])
			j++;
		if (j < n) /* each once: the form would send a nid twice */
			continue;
		if (!mark_card(hits, nids[n]))
			tv_push(list, tv_str(&rq->a, arena_printf(&rq->a, "%lld", (long long)nids[n])));
		n++;
	}
	return n ? list : NULL;
}
