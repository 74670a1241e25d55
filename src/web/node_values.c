/* What a template sees of a node, walked from the field table (model.h):
 * every field of the node's type under its key, by kind:
 *
 *   FK_STRING with a facet   {name, slug, label}: a taxonomy page links it
 *                            by name (as stored), a page shows label (in the
 *                            reader's language: value_label()); a city
 *                            {name, slug, label, url}: url_city() with its
 *                            country
 *   FK_STRING                the text
 *   FK_TEXT                  the Markdown as HTML; a card gets "lead" instead
 *   FK_DATE                  {iso, text}: the time, and the date as the
 *                            interface language writes it
 *   FK_INT                   the number as text, digits grouped from 10,000
 *                            as the reader's language does ("345,821", but "2021")
 *   FK_NID                   {nid, title} of the node it names
 *   FK_REAL                  the number as the reader's language writes
 *                            it ("12,5" in French: i18n_real)
 *   FK_LANGUAGE              the code
 *   FK_STRINGS               a list of items as FK_STRING's
 *   FK_SECTIONS              [{key, heading, heading_lang, html}]: a
 *                            standard heading in the reader's language
 *                            (value_section_heading), heading_lang then set
 *   FK_OBJECT(S)             a map (a list of maps) of its sub-fields;
 *                            FIELD_PRIVATE ones are never there
 *
 * An unset field is absent, so {{#if key}} tests it. A card (the brief
 * form, many per page) leaves out the sections, the objects and nid
 * titles, which cost store reads or Markdown. */
#include "web_int.h"

#include "../model/model.h"
#include "../store/store.h"

#include <stdio.h>
#include <string.h>

#define LEAD_BYTES 280

const char *node_value_lead(struct arena *a, const char *text)
{
	size_t n = strcspn(text, "\n");
	if (n <= LEAD_BYTES)
		return arena_strndup(a, text, n);
	size_t cut = LEAD_BYTES;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	return arena_printf(a, "%.*s…", (int)(cut ? cut : LEAD_BYTES), text);
}

const char *node_value_count(struct request *rq, int64_t v)
{
	if (v < 10000 && v > -10000)
		return arena_printf(&rq->a, "%lld", (long long)v);
	return i18n_number(&rq->a, rq->lang, v);
}

/* {name, slug, label}: a value of facet with its taxonomy page. */
static struct tv *named(struct request *rq, enum index_facet facet, const char *value)
{
	struct tv *v = tv_map(&rq->a);
	tv_set_str(v, "name", value);
	tv_set_str(v, "slug", slug_of(&rq->a, value));
	tv_set_str(v, "label", value_label(rq, facet, value));
	return v;
}

static struct tv *text_value(struct request *rq, const struct field *f, const char *s)
{
	enum index_facet facet;
	if (!f->facet)
		return tv_str(&rq->a, s);
	if (index_facet_parse(f->facet, &facet))
		facet = FACET_AUTHOR; /* a facet the index does not know: shown as written */
	return named(rq, facet, s);
}

/* A city's {name, slug, url}: its page's address needs the country next
 * to it in the same table (url_city). */
static struct tv *city_value(struct request *rq, const void *obj, const struct field *table, const char *city)
{
	struct tv *v = named(rq, FACET_CITY, city);
	const char *country = NULL;
	for (const struct field *f = table; f->key; f++)
		if (!strcmp(f->key, "country") && f->kind == FK_STRING)
			country = *(char *const *)FIELD_CONST(obj, f);
	tv_set_str(v, "url", url_city(rq, city, country));
	return v;
}

static struct tv *strings(struct request *rq, const struct field *f, const struct strlist *l)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < strlist_len(l); i++)
		tv_push(list, text_value(rq, f, strlist_get(l, i)));
	return list;
}

static struct tv *sections(struct request *rq, const struct ptrvec *v)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < ptrvec_len(v); i++) {
		const struct section *s = ptrvec_get(v, i);
		struct tv *m = tv_map(&rq->a);
		tv_set_str(m, "key", section_key_name(s->key));
		const char *heading = value_section_heading(rq, s->key, s->heading);
		tv_set_str(m, "heading", heading);
		if (heading != s->heading) /* the interface's words, not the author's */
			tv_set_str(m, "heading_lang", rq->lang);
		tv_set(m, "html", html_markdown(&rq->a, s->text));
		tv_push(list, m);
	}
	return list;
}

static struct tv *date(struct request *rq, const char *iso)
{
	struct tv *d = tv_map(&rq->a);
	tv_set_str(d, "iso", iso);
	tv_set_str(d, "text", i18n_date(&rq->a, rq->lang, iso));
	return d;
}

/* {nid, title}: the title read from the store, NULL if the node is gone
 * or not public (a link to a draft would only say 404). */
static struct tv *nid_ref(struct request *rq, int64_t nid)
{
	struct tv *r = tv_map(&rq->a);
	struct node *n = NULL;
	tv_set_int(r, "nid", nid);
	page_dep_nid(rq, nid);
	if (rq->st && store_node_get(rq->st, nid, &n) == PX_OK && n->state == NODE_PUBLISHED)
		tv_set_str(r, "title", n->title);
	node_free(n);
	return r;
}

static struct tv *value_of(struct request *rq, const void *obj, const struct field *table, const struct field *f,
			   int brief);

/* A figure's source is a citation or an address: an http(s) address is
 * also "source_url", for a link. */
static void link_of(struct tv *m, const void *o, const struct field *s)
{
	const char *text = *(char *const *)FIELD_CONST(o, s);
	if (s->kind == FK_STRING && !strcmp(s->key, "source") && field_check_ok(CHECK_URL, text))
		tv_set_str(m, "source_url", text);
}

static struct tv *object(struct request *rq, const void *o, const struct field *f)
{
	struct tv *m = tv_map(&rq->a);
	for (const struct field *s = f->sub; s->key; s++)
		if (!(s->flags & FIELD_PRIVATE) && field_is_set(o, s)) {
			tv_set(m, s->key, value_of(rq, o, f->sub, s, 0));
			link_of(m, o, s);
		}
	return m;
}

static struct tv *objects(struct request *rq, const struct ptrvec *v, const struct field *f)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < ptrvec_len(v); i++)
		tv_push(list, object(rq, ptrvec_get(v, i), f));
	return list;
}

/* f's value in obj (set: the caller checked), or NULL where a card leaves
 * it out; table is the fields obj has. */
static struct tv *value_of(struct request *rq, const void *obj, const struct field *table, const struct field *f,
			   int brief)
{
	const void *at = FIELD_CONST(obj, f);
	switch (f->kind) {
	case FK_STRING:
		if (f->facet && !strcmp(f->facet, "city"))
			return city_value(rq, obj, table, *(char *const *)at);
		return text_value(rq, f, *(char *const *)at);
	case FK_TEXT:
		return brief ? NULL : html_markdown(&rq->a, *(char *const *)at);
	case FK_DATE:
		return date(rq, *(char *const *)at);
	case FK_INT:
		return tv_str(&rq->a, node_value_count(rq, *(const int64_t *)at));
	case FK_NID:
		return brief ? NULL : nid_ref(rq, *(const int64_t *)at);
	case FK_REAL:
		return tv_str(&rq->a, i18n_real(&rq->a, rq->lang, *(const double *)at));
	case FK_LANGUAGE:
		return tv_str(&rq->a, at);
	case FK_STRINGS:
		return strings(rq, f, at);
	case FK_SECTIONS:
		return brief ? NULL : sections(rq, at);
	case FK_OBJECT:
		return brief ? NULL : object(rq, *(void *const *)at, f);
	case FK_OBJECTS:
		return brief ? NULL : objects(rq, at, f);
	}
	return NULL;
}

static struct tv *values(struct request *rq, const struct node *n, int brief)
{
	static const char *const type_flags[] = {[NODE_PRACTICE] = "is_practice",
						 [NODE_ARTICLE] = "is_article",
						 [NODE_CITY] = "is_city",
						 [NODE_NETWORK] = "is_network"};
	struct tv *m = tv_map(&rq->a);
	tv_set_int(m, "nid", n->nid);
	tv_set_str(m, "type", node_type_name(n->type));
	tv_set_bool(m, type_flags[n->type], 1);
	tv_set_bool(m, "practice", n->type == NODE_PRACTICE); /* the templates' older name */
	for (const struct field *f = node_fields(n->type); f && f->key; f++) {
		if (!field_is_set(n, f) || (f->flags & FIELD_PRIVATE))
			continue;
		struct tv *v = value_of(rq, n, node_fields(n->type), f, brief);
		if (v)
			tv_set(m, f->key, v);
		if (brief && f->kind == FK_TEXT)
			tv_set_str(m, "lead", node_value_lead(&rq->a, *(char *const *)FIELD_CONST(n, f)));
	}
	return m;
}

struct tv *page_card(struct request *rq, const struct node *n)
{
	return values(rq, n, 1);
}

struct tv *page_node_values(struct request *rq, const struct node *n)
{
	return values(rq, n, 0);
}
