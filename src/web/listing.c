/* Listings of the index: the stream, search results and the practices,
 * with the filters of the URL, facet counts as filter links, and pages. */
#include "web_int.h"

#include "../index/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One end of the population range: absent or empty is open (a form sends
 * its empty fields). 0, or -1 when it is not a whole number >= 0. */
static int population_end(const struct request *rq, const char *name, int64_t open, int64_t *out)
{
	const char *v = request_param(rq, name);
	*out = open;
	if (!v || !*v)
		return 0;
	size_t n = strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	while (n && *v == ' ')
		v++, n--;
	return px_parse_i64(v, n, 0, out);
}

int request_population(const struct request *rq, struct index_range *r)
{
	int bad = population_end(rq, "population_min", 0, &r->min) |
		  population_end(rq, "population_max", INT64_MAX, &r->max);
	r->set = !bad && (r->min > 0 || r->max < INT64_MAX);
	return bad || r->min > r->max ? -1 : 0;
}

int request_sort(const struct request *rq)
{
	const char *v = request_param(rq, "sort");
	if (!v || !*v || !strcmp(v, "relevance"))
		return 0;
	return strcmp(v, "newest") ? -1 : 1;
}

/* scope.sort: the links to the relevance and newest orders of this query,
 * each from its first page, the filters kept. */
static struct tv *sort_links(struct request *rq, int newest)
{
	struct tv *s = tv_map(&rq->a);
	tv_set_bool(s, "newest", newest);
	tv_set_str(s, "relevance_url", url_here(rq, &(struct url_change){.drop_k = "sort"}));
	tv_set_str(s, "newest_url",
		   url_here(rq, &(struct url_change){.drop_k = "sort", .add_k = "sort", .add_v = "newest"}));
	return s;
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

/* The values shown before a facet's disclosure of them all: enough to
 * pick from at a glance, few enough that the results stay near. */
#define FACET_TOP 12

/* "All 78 themes": the disclosure of a facet's every value, by its own
 * word (a plural msgid of n, the number of values). NULL: a field that never has more
 * than FACET_TOP values (types, size classes). */
static const char *facet_all_label(enum index_facet f)
{
	static const char *const labels[FACET_COUNT] = {
		NULL,
		N_("{n, plural, one {All # theme} other {All # themes}}"),
		N_("{n, plural, one {All # programme} other {All # programmes}}"),
		N_("{n, plural, one {All # country} other {All # countries}}"),
		N_("{n, plural, one {All # city} other {All # cities}}"),
		NULL,
		N_("{n, plural, one {All # language} other {All # languages}}")};
	return labels[f] ? labels[f] : N_("{n, plural, one {All # value} other {All # values}}");
}

/* The range of a size class in the reader's language: "50,000–249,999",
 * "under 50,000", "over 1,000,000"; what the unknown class means. */
const char *listing_size_range(struct request *rq, const struct city_size *c)
{
	if (c->min < 0)
		return T(rq, "population not given");
	if (c->min == 0)
		return i18n_with_number(&rq->a, rq->lang, T(rq, "under {n}"), c->max + 1);
	if (c->max == INT64_MAX)
		return i18n_with_number(&rq->a, rq->lang, T(rq, "over {n}"), c->min - 1);
	const char *lo = i18n_number(&rq->a, rq->lang, c->min), *hi = i18n_number(&rq->a, rq->lang, c->max);
	return lo && hi ? arena_printf(&rq->a, "%s–%s", lo, hi) : NULL;
}

/* One value of facet f as a filter link; *label gets what it shows. */
static struct tv *facet_value(struct request *rq, enum index_facet f, const struct index_count *c,
			      const struct web_filters *fs, const char **label)
{
	const char *name = index_facet_name(f);
	int on = filter_on(fs, f, c->value);
	struct tv *v = tv_map(&rq->a);
	*label = value_label(rq, f, c->value);
	const struct city_size *size = f == FACET_CITY_SIZE ? city_size_named(c->value) : NULL;
	tv_set_str(v, "value", c->value);
	tv_set_str(v, "label", *label);
	if (size)
		tv_set_str(v, "range", listing_size_range(rq, size));
	tv_set_int(v, "count", (int64_t)c->count);
	tv_set_bool(v, "on", on);
	tv_set_str(v, "url",
		   url_here(rq, on ? &(struct url_change){.drop_k = name, .drop_v = c->value}
				   : &(struct url_change){.add_k = name, .add_v = c->value}));
	return v;
}

struct sorted_value {
	struct tv *v;
	const char *key; /* i18n_sort_key() of its label */
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct sorted_value *)a)->key, ((const struct sorted_value *)b)->key);
}

/* Where a size class comes in the table (after it: a value it lacks). */
static size_t size_rank(const char *value)
{
	const struct city_size *c = city_size_named(value);
	return c ? (size_t)(c - city_sizes) : CITY_SIZE_COUNT;
}

/* The order a facet's values are listed in, as indexes into the result's:
 * size classes by size, others by count as the index gives them. */
static void value_order(const struct index_result *r, enum index_facet f, size_t *order)
{
	for (size_t i = 0; i < r->nfacet[f]; i++) {
		size_t j = i;
		for (; f == FACET_CITY_SIZE && j > 0 &&
		       size_rank(r->facets[f][order[j - 1]].value) > size_rank(r->facets[f][i].value);
		     j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

/* facet.all: every value, by count or, when by_name, in the reader's
 * alphabetical order; facet.values: the first FACET_TOP by count and any
 * value in force beyond them. Sets *beyond when one is. */
static void facet_lists(struct request *rq, const struct index_result *r, enum index_facet f,
			const struct web_filters *fs, int by_name, struct tv *facet, int *beyond)
{
	size_t n = r->nfacet[f];
	size_t *order = arena_alloc(&rq->a, (n ? n : 1) * sizeof *order);
	struct sorted_value *all = arena_alloc(&rq->a, (n ? n : 1) * sizeof *all);
	struct tv *top = tv_list(&rq->a), *every = tv_list(&rq->a);
	if (!order || !all)
		return; /* the arena is marked failed: a 503 */
	value_order(r, f, order);
	for (size_t i = 0; i < n; i++) {
		const struct index_count *c = &r->facets[f][order[i]];
		const char *label;
		all[i].v = facet_value(rq, f, c, fs, &label);
		all[i].key = by_name ? i18n_sort_key(&rq->a, rq->lang, label) : NULL;
		if (i < FACET_TOP || filter_on(fs, f, c->value))
			tv_push(top, all[i].v);
		*beyond |= i >= FACET_TOP && filter_on(fs, f, c->value);
	}
	tv_set(facet, "values", top);
	if (n <= FACET_TOP)
		return;
	if (by_name)
		qsort(all, n, sizeof *all, by_key);
	for (size_t i = 0; i < n; i++)
		tv_push(every, all[i].v);
	tv_set(facet, "all", every);
}

/* How a facet's disclosure lists its values: sort_FIELD=count|name in the
 * URL (either one opens it: the reader chose it there). 0 by count, 1 by
 * name, -1 none asked, -2 a value that is neither. */
static int asked_sort(const struct request *rq, const char *name, char *param, size_t cap)
{
	snprintf(param, cap, "sort_%s", name);
	const char *v = request_param(rq, param);
	return !v ? -1 : !strcmp(v, "name") ? 1 : !strcmp(v, "count") ? 0 : -2;
}

/* The disclosure of facet f's every value: its summary, its sort links
 * (each keeps the other parameters and comes back to the facet). */
static void facet_disclosure(struct request *rq, const struct index_result *r, enum index_facet f,
			     struct tv *facet, int sort, const char *param, int beyond)
{
	const char *name = index_facet_name(f);
	tv_set_str(facet, "all_label",
		   i18n_count_text(&rq->a, rq->lang, facet_all_label(f), (int64_t)r->nfacet[f]));
	tv_set_bool(facet, "open", sort >= 0 || beyond);
	tv_set_bool(facet, "by_name", sort == 1);
	const char *by_count = url_here(rq, &(struct url_change){.drop_k = param, .add_k = param, .add_v = "count"});
	const char *by_name = url_here(rq, &(struct url_change){.drop_k = param, .add_k = param, .add_v = "name"});
	tv_set_str(facet, "by_count_url", by_count ? arena_printf(&rq->a, "%s#facet-%s", by_count, name) : NULL);
	tv_set_str(facet, "by_name_url", by_name ? arena_printf(&rq->a, "%s#facet-%s", by_name, name) : NULL);
}

/* scope.facets: per field its values, each with its count and the link
 * that adds it to the filters (or removes it, when in force); past
 * FACET_TOP values, a disclosure of them all. */
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
		char param[32];
		int sort = asked_sort(rq, name, param, sizeof param), beyond = 0;
		struct tv *facet = tv_map(&rq->a);
		tv_set_str(facet, "name", name);
		tv_set_str(facet, "label", T(rq, facet_label((enum index_facet)f)));
		facet_lists(rq, r, (enum index_facet)f, fs, sort == 1, facet, &beyond);
		if (r->nfacet[f] > FACET_TOP)
			facet_disclosure(rq, r, (enum index_facet)f, facet, sort, param, beyond);
		tv_set_bool(facet, "range_form", f == FACET_CITY_SIZE);
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
			   value_label(rq, fs->f[i].field, fs->f[i].value));
		tv_set_str(v, "remove",
			   url_here(rq, &(struct url_change){.drop_k = name, .drop_v = fs->f[i].value}));
		tv_push(list, v);
	}
	return list;
}

/* A chip of the population range in force, that removes its end param. */
static void range_chip(struct request *rq, struct tv *list, const char *param, const char *msgid, int64_t n)
{
	struct tv *v = tv_map(&rq->a);
	tv_set_str(v, "name", param);
	tv_set_str(v, "label", i18n_with_number(&rq->a, rq->lang, T(rq, msgid), n));
	tv_set_str(v, "remove", url_here(rq, &(struct url_change){.drop_k = param}));
	tv_push(list, v);
}

struct kept {
	struct request *rq;
	struct tv *list;
};

static void keep_param(const char *k, const char *v, void *arg)
{
	struct kept *kp = arg;
	if (!*v || !strcmp(k, "population_min") || !strcmp(k, "population_max") || !strcmp(k, "page"))
		return;
	struct tv *p = tv_map(&kp->rq->a);
	tv_set_str(p, "name", k);
	tv_set_str(p, "value", v);
	tv_push(kp->list, p);
}

/* scope.population: the range form's values and the parameters it keeps
 * (hidden fields: the filters, the words, the sort); the range's chips
 * join scope.filters. */
static void population_scope(struct request *rq, const struct index_range *pop, struct tv *filters,
			     struct tv *scope)
{
	struct tv *form = tv_map(&rq->a), *keep = tv_list(&rq->a);
	request_params_each(rq, keep_param, &(struct kept){rq, keep});
	tv_set(form, "keep", keep);
	tv_set_str(form, "action", arena_printf(&rq->a, "%s%s", rq->root, rq->path)); /* a listing's fixed path */
	if (pop->set && pop->min > 0) {
		tv_set_int(form, "min", pop->min);
		range_chip(rq, filters, "population_min", N_("population from {n}"), pop->min);
	}
	if (pop->set && pop->max < INT64_MAX) {
		tv_set_int(form, "max", pop->max);
		range_chip(rq, filters, "population_max", N_("population up to {n}"), pop->max);
	}
	tv_set(scope, "population", form);
}

static void fill(struct request *rq, const struct listing *l, const struct index_result *r,
		 const struct web_filters *fs, size_t fixed, const struct index_range *pop, int64_t page,
		 int newest, struct tv *scope)
{
	if (l->nids_only) {
		struct tv *nids = tv_list(&rq->a);
		for (size_t i = 0; i < r->nhits; i++)
			tv_push(nids, tv_int(&rq->a, r->hits[i].nid));
		tv_set(scope, "hits", nids);
	} else {
		struct tv *hits = page_hits(rq, r);
		tv_set(scope, "hits", hits);
		tv_set(scope, "compare", compare_carried(rq, hits));
	}
	tv_set_int(scope, "total", (int64_t)r->total);
	if (l->count)
		tv_set_str(scope, "count_text", i18n_count_text(&rq->a, rq->lang, l->count, (int64_t)r->total));
	page_pager(rq, scope, page, r->total, l->per_page, r->words && !newest);
	if (r->words)
		tv_set(scope, "sort", sort_links(rq, newest));
	if (l->facets)
		tv_set(scope, "facets", facets(rq, r, fs, fixed));
	if (l->map)
		map_overview(rq, scope, r, fs, fixed, l->map_to);
	struct tv *filters = in_force(rq, fs, fixed);
	population_scope(rq, pop, filters, scope);
	tv_set(scope, "filters", filters);

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
	struct tv *left = tv_list(&rq->a);
	for (size_t i = 0; i < strlist_len(&r->left_out); i++)
		tv_push(left, tv_str(&rq->a, strlist_get(&r->left_out, i)));
	tv_set(scope, "left_out", left);
}

/* Does a sort_FIELD parameter ask for an order there is not? */
static int bad_sort(const struct request *rq)
{
	char param[32];
	for (int f = 0; f < FACET_COUNT; f++)
		if (asked_sort(rq, index_facet_name((enum index_facet)f), param, sizeof param) == -2)
			return 1;
	return 0;
}

/* The listing's parameters of the URL: its filters, population range and
 * orders. NULL, or the message of a 400 when one cannot be read. */
static const char *listing_params(const struct request *rq, struct web_filters *asked, struct index_range *pop,
				  int *sort)
{
	if ((*sort = request_sort(rq)) < 0)
		return N_("The order is sort=relevance (the default) or sort=newest.");
	if (request_filters(rq, asked))
		return N_("A filter names no known field, or there are too many.");
	if (request_population(rq, pop))
		return N_("The population range takes whole numbers (digits only), the smaller one first.");
	if (bad_sort(rq))
		return N_("A list of filter values is sorted by count or by name, nothing else.");
	return NULL;
}

/* fs: the page's own filters first, each unless the address filters its
 * field itself (the home page's types give way to ?type=network), then
 * the address's. Returns how many of the page's own come first. */
static size_t with_fixed(const struct listing *l, const struct web_filters *asked, struct web_filters *fs)
{
	for (size_t i = 0; i < LISTING_FIXED_MAX && l->fixed[i]; i++) {
		struct web_filters one = {.n = 0};
		take_filter("filter", l->fixed[i], &one); /* "field=value" */
		int overridden = 0;
		for (size_t j = 0; one.n && j < asked->n; j++)
			overridden |= asked->f[j].field == one.f[0].field;
		if (one.n && !overridden)
			fs->f[fs->n++] = one.f[0];
	}
	size_t fixed = fs->n;
	for (size_t j = 0; j < asked->n && fs->n < WEB_FILTERS_MAX; j++)
		fs->f[fs->n++] = asked->f[j];
	return fixed;
}

/* The field of fs a listing's page depends on: every node it shows or counts
 * is filed under one of fs's values there (filters on one field are ORed,
 * on different ones ANDed). A counted facet (a change's keys name its old
 * and new values), other than the type when there is one: -1 if none. */
static int cover_field(const struct web_filters *fs)
{
	int field = -1;
	for (size_t i = 0; i < fs->n; i++)
		if (index_facet_counted(fs->f[i].field) && (field < 0 || field == FACET_TYPE))
			field = (int)fs->f[i].field;
	return field;
}

/* Declares what l's page depends on when it can: the values of fs's cover
 * field, and the city nodes (the map's places, the populations behind the
 * city sizes). A page with words is a search: the words' expansions,
 * corrections and translations depend on the whole vocabulary, so it is left
 * depending on everything. */
static void listing_deps(struct request *rq, const struct listing *l, const struct web_filters *fs)
{
	int field = cover_field(fs);
	if (!l->deps || (l->q && *l->q) || field < 0)
		return;
	for (size_t i = 0; i < fs->n; i++)
		if ((int)fs->f[i].field == field)
			page_dep_facet(rq, fs->f[i].field, fs->f[i].value);
	page_dep_facet(rq, FACET_TYPE, "city");
	page_declares(rq);
}

int listing_run(struct request *rq, const struct listing *l, struct tv *scope)
{
	int64_t page = page_number(rq);
	if (page < 0)
		return -1;
	struct web_filters fs = {.n = 0}, asked = {.n = 0};
	struct index_range pop = {0};
	int sort;
	const char *bad = listing_params(rq, &asked, &pop, &sort);
	if (bad) {
		page_error(rq, 400, bad);
		return -1;
	}
	int newest = l->newest || sort;
	size_t fixed = with_fixed(l, &asked, &fs);
	listing_deps(rq, l, &fs);
	struct index_query q = {.text = l->q,
				.filters = fs.f,
				.nfilters = fs.n,
				.offset = (size_t)(page - 1) * l->per_page,
				.limit = l->per_page,
				.facets = l->facets,
				.snippets = l->snippets,
				.store = rq->st,
				.population = pop,
				.newest = newest,
				.places = l->map};
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
		fill(rq, l, &r, &fs, fixed, &pop, page, newest, scope);
	index_result_free(&r);
	return rc;
}
