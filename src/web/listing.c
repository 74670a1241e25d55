/* Listings of the index: the stream, search results and the practices,
 * with the filters of the URL, facet counts as filter links, and pages. */
#include "web_int.h"

#include "../index/index.h"

#include <string.h>

#define FACET_VALUES 12 /* shown per facet */

/* The index's messages for a query over its limits (index/query.c), listed
 * here so that the catalogues translate them for page_error(). */
static const char *const index_limits[] __attribute__((unused)) = {
	N_("The query has too many words (at most 32)."),
	N_("A phrase has too many words (at most 16)."),
};

static void take_filter(const char *k, const char *v, void *arg)
{
	struct web_filters *fs = arg;
	enum index_facet f;
	char field[32];
	if (!strcmp(k, "filter")) { /* filter=field=value */
		const char *eq = strchr(v, '=');
		size_t n = eq ? (size_t)(eq - v) : 0;
		if (!n || n >= sizeof field || !eq[1]) {
			fs->bad = fs->bad ? fs->bad : v;
			return;
		}
		memcpy(field, v, n);
		field[n] = '\0';
		k = field;
		v = eq + 1;
	} else if (index_facet_parse(k, &f) || !*v) {
		return; /* other parameters (q, page, ...) are the page's */
	}
	if (index_facet_parse(k, &f) || fs->n == WEB_FILTERS_MAX)
		fs->bad = fs->bad ? fs->bad : v;
	else
		fs->f[fs->n++] = (struct index_filter){f, v};
}

int request_filters(const struct request *rq, struct web_filters *fs)
{
	request_params_each(rq, take_filter, fs);
	return fs->bad ? -1 : 0;
}

static int filter_on(const struct web_filters *fs, enum index_facet f, const char *v)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].field == f && !strcmp(fs->f[i].value, v))
			return 1;
	return 0;
}

static const char *facet_label(enum index_facet f)
{
	static const char *const labels[FACET_COUNT] = {
		N_("Type"),     N_("Themes"), N_("Programme"), N_("Country"), N_("City"),       N_("City size"),
		N_("Language"), N_("Author"), N_("Place"),     N_("Partner"), N_("Adapted by")};
	return labels[f];
}

/* A language's name in itself, for ISO 639-1 code (the code if unknown). */
static const char *language_name(const char *code)
{
	static const char *const names[][2] = {
		{"bg", "Български"}, {"bs", "Bosanski"}, {"cs", "Čeština"},    {"da", "Dansk"},
		{"de", "Deutsch"},   {"el", "Ελληνικά"}, {"en", "English"},    {"es", "Español"},
		{"et", "Eesti"},     {"fi", "Suomi"},    {"fr", "Français"},   {"ga", "Gaeilge"},
		{"hr", "Hrvatski"},  {"hu", "Magyar"},   {"it", "Italiano"},   {"lt", "Lietuvių"},
		{"lv", "Latviešu"},  {"mt", "Malti"},    {"nl", "Nederlands"}, {"pl", "Polski"},
		{"pt", "Português"}, {"ro", "Română"},   {"sk", "Slovenčina"}, {"sl", "Slovenščina"},
		{"sr", "Српски"},    {"sv", "Svenska"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i][0], code))
			return names[i][1];
	return code;
}

/* scope.facets: per field its values, each with its count and the link
 * that adds it to the filters (or removes it, when in force). */
static struct tv *facets(struct request *rq, const struct index_result *r, const struct web_filters *fs,
			 size_t fixed)
{
	struct tv *list = tv_list(&rq->a);
	for (int f = 0; f < FACET_COUNT; f++) {
		int pinned = 0; /* a field the page fixes (type on /good-practices) is no choice */
		for (size_t i = 0; i < fixed; i++)
			pinned |= (int)fs->f[i].field == f;
		if (!r->nfacet[f] || pinned)
			continue;
		const char *name = index_facet_name((enum index_facet)f);
		struct tv *facet = tv_map(&rq->a), *values = tv_list(&rq->a);
		tv_set_str(facet, "name", name);
		tv_set_str(facet, "label", T(rq, facet_label((enum index_facet)f)));
		for (size_t i = 0; i < r->nfacet[f] && i < FACET_VALUES; i++) {
			const struct index_count *c = &r->facets[f][i];
			int on = filter_on(fs, (enum index_facet)f, c->value);
			struct tv *v = tv_map(&rq->a);
			tv_set_str(v, "value", c->value);
			tv_set_str(v, "label", f == FACET_LANGUAGE ? language_name(c->value) : c->value);
			tv_set_int(v, "count", (int64_t)c->count);
			tv_set_bool(v, "on", on);
			tv_set_str(v, "url",
				   url_here(rq, on ? &(struct url_change){.drop_k = name, .drop_v = c->value}
						   : &(struct url_change){.add_k = name, .add_v = c->value}));
			tv_push(values, v);
		}
		tv_set(facet, "values", values);
		tv_push(list, facet);
	}
	return list;
}

/* scope.filters: those in force, each with the link that removes it. */
static struct tv *in_force(struct request *rq, const struct web_filters *fs, size_t from)
{
	struct tv *list = tv_list(&rq->a);
	for (size_t i = from; i < fs->n; i++) {
		const char *name = index_facet_name(fs->f[i].field);
		struct tv *v = tv_map(&rq->a);
		tv_set_str(v, "name", name);
		tv_set_str(v, "value", fs->f[i].value);
		tv_set_str(v, "label",
			   fs->f[i].field == FACET_LANGUAGE ? language_name(fs->f[i].value)
			   : fs->f[i].field == FACET_PLACE  ? map_place_label(rq, fs->f[i].value)
							    : fs->f[i].value);
		tv_set_str(v, "remove",
			   url_here(rq, &(struct url_change){.drop_k = name, .drop_v = fs->f[i].value}));
		tv_push(list, v);
	}
	return list;
}

static void fill(struct request *rq, const struct listing *l, const struct index_result *r,
		 const struct web_filters *fs, size_t fixed, int64_t page, struct tv *scope)
{
	if (l->nids_only) {
		struct tv *nids = tv_list(&rq->a);
		for (size_t i = 0; i < r->nhits; i++)
			tv_push(nids, tv_int(&rq->a, r->hits[i].nid));
		tv_set(scope, "hits", nids);
	} else {
		tv_set(scope, "hits", page_hits(rq, r));
	}
	tv_set_int(scope, "total", (int64_t)r->total);
	tv_set_bool(scope, "one", r->total == 1);
	page_pager(rq, scope, page, r->total, l->per_page);
	if (l->facets)
		tv_set(scope, "facets", facets(rq, r, fs, fixed));
	if (l->map)
		map_overview(rq, scope, r, fs, fixed, l->map_to);
	tv_set(scope, "filters", in_force(rq, fs, fixed));
	if (r->did_you_mean) {
		tv_set_str(scope, "did_you_mean", r->did_you_mean);
		tv_set_str(scope, "did_you_mean_url",
			   url_here(rq, &(struct url_change){
						.drop_k = "q", .add_k = "q", .add_v = r->did_you_mean}));
	}
	struct tv *tr = tv_list(&rq->a);
	for (size_t i = 0; i < strlist_len(&r->translated); i++)
		tv_push(tr, tv_str(&rq->a, strlist_get(&r->translated, i)));
	tv_set(scope, "translated", tr);
}

int listing_run(struct request *rq, const struct listing *l, struct tv *scope)
{
	int64_t page = page_number(rq);
	if (page < 0)
		return -1;
	struct web_filters fs = {.n = 0}, asked = {.n = 0};
	if (request_filters(rq, &asked)) {
		page_error(rq, 400, N_("A filter names no known field, or there are too many."));
		return -1;
	}
	/* the page's own filters first, each unless the address filters its
	 * field itself (the home page's types give way to ?type=network) */
	for (size_t i = 0; i < LISTING_FIXED_MAX && l->fixed[i]; i++) {
		struct web_filters one = {.n = 0};
		take_filter("filter", l->fixed[i], &one); /* "field=value" */
		int overridden = 0;
		for (size_t j = 0; one.n && j < asked.n; j++)
			overridden |= asked.f[j].field == one.f[0].field;
		if (one.n && !overridden)
			fs.f[fs.n++] = one.f[0];
	}
	size_t fixed = fs.n;
	for (size_t j = 0; j < asked.n && fs.n < WEB_FILTERS_MAX; j++)
		fs.f[fs.n++] = asked.f[j];
	struct index_query q = {l->q,        fs.f,      fs.n,        (size_t)(page - 1) * l->per_page,
				l->per_page, l->facets, l->snippets, rq->st,
				l->map};
	struct index_result r;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = index_search(rq->srv->ix, &q, &r, &why);
	if (err) { /* why is translated if the catalogue has it: index_limits */
		page_error(rq, err == PX_ENOMEM ? 503 : 400, why.len ? why.data : px_strerror(err));
		buf_free(&why);
		return -1;
	}
	buf_free(&why);
	int rc = page_out_of_range(rq, page, r.total, l->per_page) ? -1 : 0;
	if (!rc)
		fill(rq, l, &r, &fs, fixed, page, scope);
	index_result_free(&r);
	return rc;
}
