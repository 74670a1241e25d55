/* The match: candidates from the search engine, scored from their profiles
 * (docs/match.md has the formula and the weights). */
#include "match.h"
#include "../place/place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The score is relevance times fit (docs/match.md): the text component
 * scales the whole, the others make the fit, weighted so. */
const double match_weights[MC_COUNT] = {
	[MC_TEXT] = 1.0,      [MC_SIZE] = 0.45,     [MC_PLACE] = 0.08,
	[MC_LANGUAGE] = 0.05, [MC_TRANSFER] = 0.25, [MC_EVIDENCE] = 0.10,
};
#define FIT_FLOOR   0.05  /* the fit of a practice that fits in no way: relevance still counts */
#define FEEDBACK    0.65 /* the share of the themes of the best text hits in the relevance */
#define FEEDBACK_TOP 5   /* text hits whose themes feed back */
#define THEMES_FED   6   /* themes at most whose practices join the candidates */
#define THEME_MIN    0.3 /* the share of the feedback a theme needs for its practices to join */

static const char *const component_names[MC_COUNT] = {
	[MC_TEXT] = "text",         [MC_SIZE] = "size",         [MC_PLACE] = "place",
	[MC_LANGUAGE] = "language", [MC_TRANSFER] = "transfer", [MC_EVIDENCE] = "evidence",
};

/* Candidates scored when the need has words: the engine's best, re-ranked
 * by the whole score. Deep enough that a practice the text ranks 200th can
 * still come first in a city like the reader's. */
#define MATCH_CANDIDATES 300
#define SIZE_SIGMA       1.0986122886681098 /* ln 3: a city three times as big is one σ away */
#define LIKE_YOURS       0.6                /* size similarity from which a city is "of your size":
					       within a factor of about 2.75 */
#define FOLD_MAX         512                /* bytes of a folded name */
#define OWN_CITY_KM      2.0                /* a practice this near is the reader's own city's */
#define NEAR_KM          1000.0             /* farther, the distance is no reason */

const char *match_component_name(enum match_component c)
{
	return c < MC_COUNT ? component_names[c] : NULL;
}

const char *match_source_name(enum match_source s)
{
	return s == MATCH_FROM_HUB ? "hub" : s == MATCH_FROM_GAZETTEER ? "gazetteer" : "population";
}

int match_off_parse(const char *s, unsigned *off)
{
	*off = 0;
	while (s && *s) {
		size_t n = strcspn(s, ", ");
		int found = 0;
		for (int c = 0; c < MC_COUNT; c++)
			if (n && strlen(component_names[c]) == n && !strncmp(s, component_names[c], n))
				*off |= 1u << c, found = 1;
		if (n && !found)
			return -1;
		s += n;
		s += strspn(s, ", ");
	}
	return 0;
}

/* ---- the components ---- */

double match_size_similarity(double ln_a, double ln_b)
{
	double d = ln_a - ln_b;
	return exp(-d * d / (2 * SIZE_SIGMA * SIZE_SIGMA));
}

double match_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

double match_proximity(double km)
{
	return km >= 0 ? exp(-km / MATCH_KM_SCALE) : 0;
}

double match_transfer(const float *ln_adopters, size_t n, double ln_reader, size_t *like_yours)
{
	double sum = 0;
	*like_yours = 0;
	for (size_t i = 0; i < n; i++) {
		double s = match_size_similarity(ln_adopters[i], ln_reader);
		sum += s;
		*like_yours += s >= LIKE_YOURS;
	}
	return 1 - exp(-sum);
}

/* ---- the reader's city ---- */

static void copy_name(char *dst, const char *src)
{
	size_t n = strlen(src);
	if (n >= MATCH_NAME_MAX) /* cut at a character's start */
		for (n = MATCH_NAME_MAX - 1; n && ((unsigned char)src[n] & 0xc0) == 0x80; n--)
			;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int from_hub(const struct index *ix, const char *city, const char *country, struct match_city *out)
{
	char key[4 * MATCH_NAME_MAX];
	struct index_profile p;
	if (!((index_place_key(country, city, key, sizeof key) && !index_city_profile(ix, key, &p)) ||
	      (place_key(country, city, key, sizeof key) && !index_city_profile(ix, key, &p))))
		return -1;
	copy_name(out->name, p.title);
	out->population = p.population;
	out->lat = p.lat;
	out->lon = p.lon;
	out->source = MATCH_FROM_HUB;
	out->nid = p.nid;
	return 0;
}

static int from_gazetteer(const char *city, const char *country, struct match_city *out)
{
	const struct place *p = place_find(country, city);
	if (!p)
		return -1;
	copy_name(out->name, p->name);
	out->population = p->population > 0 ? p->population : -1;
	out->lat = p->lat;
	out->lon = p->lon;
	out->source = MATCH_FROM_GAZETTEER;
	return 0;
}

/* ---- close names ---- */

struct near {
	int dist;
	int64_t population;
	const char *name; /* borrowed: the gazetteer's or the index's */
};

struct near_set {
	const char *q; /* folded */
	size_t nq;     /* its code points */
	int max;
	char code[3];
	struct buf found; /* struct near[] */
};

static size_t code_points(const char *s, size_t *bytes_of, size_t k)
{
	size_t n = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == k && bytes_of)
			break;
	if (bytes_of)
		*bytes_of = i;
	return n;
}

/* The distance of folded name to the query: as a whole, or (one more) as
 * the beginning of a longer name ("portp" → "Portimão"). */
static int name_distance(const struct near_set *ns, const char *name)
{
	char f[FOLD_MAX];
	size_t n = place_fold(name, f, sizeof f);
	if (!n)
		return ns->max + 1;
	int d = index_typo_distance(ns->q, strlen(ns->q), f, n, ns->max);
	size_t prefix;
	if (code_points(f, &prefix, ns->nq) > ns->nq) {
		int dp = index_typo_distance(ns->q, strlen(ns->q), f, prefix, ns->max) + 1;
		d = dp < d ? dp : d;
	}
	return d;
}

static void near_add(struct near_set *ns, const char *name, int64_t population, int dist)
{
	struct near v = {dist, population, name};
	if (dist <= ns->max && buf_add(&ns->found, &v, sizeof v))
		return; /* out of memory: fewer suggestions */
}

static int near_hub_city(const struct index_profile *p, void *arg)
{
	struct near_set *ns = arg;
	if (!strcmp(p->country, ns->code))
		near_add(ns, p->title, p->population, name_distance(ns, p->title));
	return 0;
}

static int by_near(const void *a, const void *b)
{
	const struct near *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist - y->dist;
	return (x->population < y->population) - (x->population > y->population);
}

static void suggest_names(const struct index *ix, const char *city, const char code[3], struct strlist *out)
{
	char q[FOLD_MAX];
	struct near_set ns = {q, 0, 0, {code[0], code[1], 0}, {0}};
	if (!place_fold(city, q, sizeof q))
		return;
	ns.nq = code_points(q, NULL, SIZE_MAX);
	ns.max = ns.nq <= 3 ? 1 : ns.nq <= 6 ? 2 : 3;
	buf_init(&ns.found, BUF_CAP_DEFAULT);
	for (size_t i = 0; i < place_count(); i++) {
		const struct place *p = place_at(i);
		if (strcmp(p->country, ns.code))
			continue;
		int best = name_distance(&ns, p->name);
		for (const char *const *n = p->names; *n && best; n++) {
			int d = name_distance(&ns, *n);
			best = d < best ? d : best;
		}
		near_add(&ns, p->name, p->population, best);
	}
	if (ix)
		index_each_city(ix, near_hub_city, &ns);
	struct near *v = (struct near *)(void *)ns.found.data;
	size_t n = ns.found.len / sizeof *v;
	if (n)
		qsort(v, n, sizeof *v, by_near);
	for (size_t i = 0; i < n && strlist_len(out) < MATCH_SUGGEST; i++)
		if (strlist_add_unique(out, v[i].name, strlen(v[i].name)))
			break;
	buf_free(&ns.found);
}

enum match_fail match_city_resolve(const struct index *ix, const char *city, const char *country,
				   int64_t population, struct match_city *out, struct strlist *suggest)
{
	*out = (struct match_city){.population = -1, .lat = NAN, .lon = NAN, .nid = -1,
				   .source = MATCH_FROM_POPULATION};
	char code[3];
	if (!country || !*country)
		return MATCH_NO_COUNTRY;
	if (place_country_code(country, code))
		return MATCH_BAD_COUNTRY;
	if (population != MATCH_NO_POPULATION && population <= 0)
		return MATCH_BAD_POPULATION;
	int has_city = city && *city;
	if (!has_city && population == MATCH_NO_POPULATION)
		return MATCH_NO_CITY;
	memcpy(out->country, code, 3);
	if (place_country_language(code, out->language))
		out->language[0] = '\0';
	if (has_city && (!ix || from_hub(ix, city, country, out)) && from_gazetteer(city, country, out)) {
		if (suggest)
			suggest_names(ix, city, code, suggest);
		return MATCH_UNKNOWN_CITY;
	}
	if (population != MATCH_NO_POPULATION) /* a population given overrides the city's */
		out->population = population;
	return MATCH_OK;
}

/* ---- scoring ---- */

struct cand {
	struct index_profile p;
	double text;     /* the engine's score (0: a candidate through the themes only) */
	uint32_t groups; /* the query's groups it has */
	double feedback; /* how much its themes are those of the best text hits, in [0, 1] */
	double comp[MC_COUNT];
	double score;
};

struct theme_weight;

struct collect {
	struct buf cands; /* struct cand[] */
	const int64_t *skip; /* [nskip], ascending: nids collected already (the text hits) */
	size_t nskip;
	/* The themes' practices, pruned: one whose score cannot reach bar (the
	 * limit-th best text hit's) is counted, not kept. */
	const struct match_city *city;
	const struct theme_weight *tw;
	size_t nt;
	unsigned off;
	double bar;
	size_t pruned;
	enum px_err err;
};

static double feedback(const struct index_profile *p, const struct theme_weight *tw, size_t nt);
static double fit_bound(const struct match_city *city, const struct index_profile *p, unsigned off);

static int has_nid(const int64_t *a, size_t n, int64_t nid)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < nid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo] == nid;
}

static void collect_one(const struct index_profile *p, double score, uint32_t groups, void *arg)
{
	struct collect *c = arg;
	struct cand k = {.p = *p, .text = score, .groups = groups};
	if (c->err || has_nid(c->skip, c->nskip, p->nid))
		return;
	if (c->tw) {
		k.feedback = feedback(p, c->tw, c->nt);
		if (FEEDBACK * k.feedback * fit_bound(c->city, p, c->off) < c->bar) {
			c->pruned++;
			return;
		}
	}
	c->err = buf_add(&c->cands, &k, sizeof k);
}

/* ---- feedback through themes ----
 *
 * A need in one language finds the practices written in it, and those the
 * dictionaries reach; the best of them say what the need is about through
 * their themes, which every language shares. Each theme weighs the share
 * of the best text hits' relevance that has it. */

struct theme_weight {
	uint32_t value; /* FACET_THEMES << 28 | id */
	double w;
};

static int by_text(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->text != y->text)
		return x->text < y->text ? 1 : -1;
	return (x->p.nid > y->p.nid) - (x->p.nid < y->p.nid);
}

static int by_weight(const void *a, const void *b)
{
	const struct theme_weight *x = a, *y = b;
	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return (x->value > y->value) - (x->value < y->value);
}

/* The themes of the best text hits (k sorted by text), heaviest first, into tw; returns how many. */
static size_t theme_weights(const struct cand *k, size_t n, struct theme_weight *tw, size_t max)
{
	size_t nt = 0;
	double mass = 0;
	for (size_t i = 0; i < n && i < FEEDBACK_TOP && k[i].text > 0; i++) {
		mass += k[i].text;
		for (size_t t = 0; t < k[i].p.nthemes; t++) {
			size_t j = 0;
			while (j < nt && tw[j].value != k[i].p.themes[t])
				j++;
			if (j == nt && nt == max)
				continue;
			if (j == nt)
				tw[nt++] = (struct theme_weight){k[i].p.themes[t], 0};
			tw[j].w += k[i].text;
		}
	}
	for (size_t j = 0; j < nt; j++)
		tw[j].w /= mass;
	if (nt)
		qsort(tw, nt, sizeof *tw, by_weight);
	return nt;
}

static double feedback(const struct index_profile *p, const struct theme_weight *tw, size_t nt)
{
	double sum = 0;
	for (size_t t = 0; t < p->nthemes; t++)
		for (size_t j = 0; j < nt; j++)
			if (tw[j].value == p->themes[t])
				sum += tw[j].w;
	return p->nthemes ? sum / (double)p->nthemes : 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static double place_component(const struct match_city *city, const struct index_profile *p, double *km)
{
	double same = p->country[0] && !strcmp(p->country, city->country);
	*km = -1;
	if (!isfinite(city->lat) || !isfinite(p->lat))
		return same;
	*km = match_km(city->lat, city->lon, p->lat, p->lon);
	return 0.5 * same + 0.5 * match_proximity(*km);
}

static void score_one(const struct match_city *city, double max_text, int words, unsigned off, struct cand *k)
{
	double ln_reader = city->population > 0 ? log((double)city->population) : 0, km;
	size_t like;
	double t = max_text > 0 ? k->text / max_text : 0;
	k->comp[MC_TEXT] = !words ? 1 : (1 - FEEDBACK) * t + FEEDBACK * k->feedback;
	k->comp[MC_SIZE] = city->population > 0 && k->p.population > 0
				   ? match_size_similarity(log((double)k->p.population), ln_reader)
				   : 0;
	k->comp[MC_PLACE] = place_component(city, &k->p, &km);
	k->comp[MC_LANGUAGE] = city->language[0] && !strcmp(k->p.language, city->language);
	k->comp[MC_TRANSFER] =
		city->population > 0 ? match_transfer(k->p.adopters, k->p.nadopters, ln_reader, &like) : 0;
	k->comp[MC_EVIDENCE] = k->p.evidence;
	double fit = 0, wsum = 0;
	for (int c = MC_TEXT + 1; c < MC_COUNT; c++) {
		if (off & (1u << c))
			continue;
		fit += match_weights[c] * k->comp[c];
		wsum += match_weights[c];
	}
	fit = wsum > 0 ? fit / wsum : 1;
	k->score = (off & (1u << MC_TEXT) ? 1 : k->comp[MC_TEXT]) * (FIT_FLOOR + (1 - FIT_FLOOR) * fit);
}

/* Is p a practice of the reader's own city? It has it already: the match
 * looks for what the city could adopt, so those are left out. */
static int own_city(const struct match_city *city, const struct index_profile *p)
{
	return isfinite(city->lat) && isfinite(p->lat) && !strcmp(p->country, city->country) &&
	       match_km(city->lat, city->lon, p->lat, p->lon) < OWN_CITY_KM;
}

/* The most (FIT_FLOOR + (1 - FIT_FLOOR) · fit) can be for p: its size as
 * it is, every other component at 1. */
static double fit_bound(const struct match_city *city, const struct index_profile *p, unsigned off)
{
	double fit = 0, wsum = 0;
	for (int c = MC_TEXT + 1; c < MC_COUNT; c++) {
		if (off & (1u << c))
			continue;
		double v = c != MC_SIZE ? 1
			   : city->population > 0 && p->population > 0
				   ? match_size_similarity(log((double)p->population), log((double)city->population))
				   : 0;
		fit += match_weights[c] * v;
		wsum += match_weights[c];
	}
	return FIT_FLOOR + (1 - FIT_FLOOR) * (wsum > 0 ? fit / wsum : 1);
}

static int by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->p.nid > y->p.nid) - (x->p.nid < y->p.nid);
}

/* Moves the best limit of k[0..n) to its front, in order (a selection:
 * limit is small, n may be every practice); returns how many. */
static size_t top_first(struct cand *k, size_t n, size_t limit)
{
	size_t m = 0; /* k[0..m) holds the best so far, sorted */
	for (size_t i = 0; i < n; i++) {
		if (m == limit && (!m || by_score(&k[i], &k[m - 1]) >= 0))
			continue;
		struct cand x = k[i];
		size_t j = m < limit ? m++ : m - 1;
		if (j < i)
			k[i] = k[j]; /* the one pushed out goes where x was */
		for (; j > 0 && by_score(&x, &k[j - 1]) < 0; j--)
			k[j] = k[j - 1];
		k[j] = x;
	}
	return m;
}

/* ---- reasons ---- */

static void reason(struct match_hit *h, enum match_why kind, int64_t n, int64_t yours, const char *words)
{
	if (h->nwhy == MATCH_REASONS_MAX)
		return;
	struct match_reason *w = &h->why[h->nwhy++];
	*w = (struct match_reason){.kind = kind, .n = n, .yours = yours};
	copy_name(w->words, words ? words : "");
}

/* "matches: housing, affordable": the query's words the hit has, then the
 * themes asked (every hit has one of them). */
static void matches_reason(struct match_hit *h, const struct cand *k, const struct strlist *groups,
			   const struct match_request *rq)
{
	struct buf w;
	buf_init(&w, MATCH_NAME_MAX - 1);
	int full = 0; /* at the cap: the first words say enough */
	for (size_t g = 0; !full && g < strlist_len(groups) && g < 32; g++) {
		const char *s = strlist_get(groups, g);
		if (*s && (k->groups & (1u << g)))
			full = buf_adds(&w, w.len ? ", " : "") || buf_adds(&w, s);
	}
	for (size_t t = 0; !full && t < rq->nthemes; t++)
		full = buf_adds(&w, w.len ? ", " : "") || buf_adds(&w, rq->themes[t]);
	if (w.len)
		reason(h, WHY_MATCHES, 0, 0, w.data);
	buf_free(&w);
}

static void reasons(struct match_hit *h, const struct cand *k, const struct match_city *city,
		    const struct strlist *groups, const struct match_request *rq)
{
	unsigned off = rq->off;
	matches_reason(h, k, groups, rq);
	if (!(off & 1u << MC_SIZE) && k->comp[MC_SIZE] >= LIKE_YOURS)
		reason(h, WHY_SIZE, k->p.population, city->population, NULL);
	size_t like = 0;
	if (city->population > 0)
		match_transfer(k->p.adopters, k->p.nadopters, log((double)city->population), &like);
	if (!(off & 1u << MC_TRANSFER) && like)
		reason(h, WHY_TRANSFER, (int64_t)like, 0, NULL);
	double km = -1;
	int same = k->p.country[0] && !strcmp(k->p.country, city->country);
	if (isfinite(city->lat) && isfinite(k->p.lat))
		km = match_km(city->lat, city->lon, k->p.lat, k->p.lon);
	if (!(off & 1u << MC_PLACE) && km >= 0 && km < NEAR_KM)
		reason(h, WHY_DISTANCE, (int64_t)lround(km), 0, NULL);
	else if (!(off & 1u << MC_PLACE) && same)
		reason(h, WHY_COUNTRY, 0, 0, city->country);
	if (!(off & 1u << MC_LANGUAGE) && k->comp[MC_LANGUAGE] > 0)
		reason(h, WHY_LANGUAGE, 0, 0, city->language);
	if (!(off & 1u << MC_EVIDENCE) && k->p.evidence)
		reason(h, WHY_EVIDENCE, 0, 0, NULL);
}

/* ---- the run ---- */

static enum px_err fill_hit(const struct cand *k, struct match_hit *h)
{
	*h = (struct match_hit){.nid = k->p.nid, .score = k->score, .title = px_strdup(k->p.title),
				.city = k->p.city_name ? px_strdup(k->p.city_name) : NULL,
				.country = k->p.country_name ? px_strdup(k->p.country_name) : NULL};
	memcpy(h->comp, k->comp, sizeof h->comp);
	return !h->title || (k->p.city_name && !h->city) || (k->p.country_name && !h->country) ? PX_ENOMEM : PX_OK;
}

static enum px_err search_into(const struct index *ix, struct index_query *q, int *words, struct strlist *groups,
			       struct collect *c, struct buf *why)
{
	struct index_result r;
	enum px_err err = index_search(ix, q, &r, why);
	if (err)
		return err;
	if (!r.words && q->text[0]) { /* no words: every practice of the themes, not the newest few */
		index_result_free(&r);
		buf_reset(&c->cands);
		q->limit = index_size(ix);
		if ((err = index_search(ix, q, &r, why)))
			return err;
	}
	if (words)
		*words = r.words;
	for (size_t g = 0; groups && !err && g < strlist_len(&r.groups); g++)
		err = strlist_add(groups, strlist_get(&r.groups, g), strlen(strlist_get(&r.groups, g)));
	index_result_free(&r);
	return err ? err : c->err;
}

/* The candidates: the engine's best for the words (any of them), within
 * the themes asked; with no themes asked, the practices of the themes the
 * best text hits share too (feedback). Each with its feedback set. */
static int by_double_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

/* The score the limit-th best text hit has (0 when there are fewer): no
 * practice joining through the themes alone can rank unless above it. */
static double text_bar(const struct match_city *city, const struct match_request *rq, struct cand *k, size_t n)
{
	if (rq->off & (1u << MC_TEXT) || n < rq->limit)
		return 0;
	double max_text = 0, *scores = malloc(n * sizeof *scores);
	if (!scores)
		return 0;
	for (size_t i = 0; i < n; i++)
		max_text = k[i].text > max_text ? k[i].text : max_text;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		score_one(city, max_text, 1, rq->off, &k[i]);
		if (!own_city(city, &k[i].p))
			scores[m++] = k[i].score;
	}
	qsort(scores, m, sizeof *scores, by_double_desc);
	double bar = m >= rq->limit ? scores[rq->limit - 1] : 0;
	free(scores);
	return bar;
}

static enum px_err candidates(const struct index *ix, const struct match_request *rq, const struct match_city *city,
			      int *words, struct strlist *groups, struct collect *c, struct buf *why)
{
	struct index_filter filters[1 + MATCH_THEMES_MAX + THEMES_FED];
	size_t nf = 0;
	filters[nf++] = (struct index_filter){.field = FACET_TYPE, .value = node_type_name(NODE_PRACTICE)};
	for (size_t t = 0; t < rq->nthemes; t++)
		filters[nf++] = (struct index_filter){.field = FACET_THEMES, .value = rq->themes[t]};
	struct index_query q = {.text = rq->text ? rq->text : "", .filters = filters, .nfilters = nf,
				.limit = q.text[0] ? MATCH_CANDIDATES : index_size(ix), .any = 1,
				.each = collect_one, .each_arg = c};
	enum px_err err = search_into(ix, &q, words, groups, c, why);
	if (err || !*words)
		return err;
	struct cand *k = (struct cand *)(void *)c->cands.data;
	size_t n = c->cands.len / sizeof *k;
	struct theme_weight tw[64];
	if (n)
		qsort(k, n, sizeof *k, by_text);
	size_t nt = theme_weights(k, n, tw, sizeof tw / sizeof tw[0]);
	size_t fed = 0;
	for (size_t j = 0; !rq->nthemes && j < nt && fed < THEMES_FED && tw[j].w >= THEME_MIN; j++, fed++)
		filters[nf + fed] = (struct index_filter){
			.field = FACET_THEMES, .value = index_facet_value(ix, FACET_THEMES, tw[j].value & 0xfffffff)};
	int64_t *seen = fed ? malloc((n ? n : 1) * sizeof *seen) : NULL;
	if (fed && !seen)
		return PX_ENOMEM;
	for (size_t i = 0; seen && i < n; i++)
		seen[i] = k[i].p.nid;
	for (size_t i = 0; i < n; i++)
		k[i].feedback = feedback(&k[i].p, tw, nt);
	if (fed) { /* the practices of those themes join, the text hits once */
		qsort(seen, n, sizeof *seen, cmp_i64);
		c->skip = seen;
		c->nskip = n;
		c->city = city;
		c->tw = tw;
		c->nt = nt;
		c->off = rq->off;
		c->bar = text_bar(city, rq, k, n);
		q = (struct index_query){.text = "", .filters = filters, .nfilters = nf + fed, .limit = index_size(ix),
					 .each = collect_one, .each_arg = c};
		err = search_into(ix, &q, NULL, NULL, c, why);
		c->skip = NULL;
		c->nskip = 0;
		c->tw = NULL;
	}
	free(seen);
	return err;
}

enum match_fail match_run(const struct index *ix, const struct match_request *rq,
			  struct match_result *r, struct strlist *suggest, struct buf *why)
{
	memset(r, 0, sizeof *r);
	if (rq->nthemes > MATCH_THEMES_MAX)
		return MATCH_TOO_MANY_THEMES;
	enum match_fail fail = match_city_resolve(ix, rq->city, rq->country, rq->population, &r->city, suggest);
	if (fail)
		return fail;
	struct collect c = {.err = PX_OK};
	buf_init(&c.cands, BUF_CAP_DEFAULT);
	enum px_err err = buf_reserve(&c.cands, 4096 * sizeof(struct cand)); /* most matches need no more */
	struct strlist groups;
	strlist_init(&groups);
	int words = 0;
	if (!err)
		err = candidates(ix, rq, &r->city, &words, &groups, &c, why);
	struct cand *k = (struct cand *)(void *)c.cands.data;
	size_t n = err ? 0 : c.cands.len / sizeof *k;
	double max_text = 0;
	for (size_t i = 0; i < n; i++)
		max_text = k[i].text > max_text ? k[i].text : max_text;
	size_t own = 0;
	for (size_t i = 0; i < n; i++) {
		score_one(&r->city, max_text, words, rq->off, &k[i]);
		if (own_city(&r->city, &k[i].p)) /* below every other: never among the hits */
			k[i].score = -1, own++;
	}
	size_t limit = top_first(k, n, rq->limit);
	while (limit && k[limit - 1].score < 0)
		limit--;
	r->total = n - own + c.pruned;
	if (!err && limit && !(r->hits = calloc(limit, sizeof *r->hits)))
		err = PX_ENOMEM;
	for (size_t i = 0; !err && i < limit; i++) {
		err = fill_hit(&k[i], &r->hits[i]);
		r->nhits++;
		reasons(&r->hits[i], &k[i], &r->city, &groups, rq);
	}
	buf_free(&c.cands);
	strlist_free(&groups);
	if (err)
		match_result_free(r);
	return !err ? MATCH_OK : err == PX_EPARSE || err == PX_ETOOBIG ? MATCH_BAD_QUERY : MATCH_ERROR;
}

void match_result_free(struct match_result *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		free(r->hits[i].title);
		free(r->hits[i].city);
		free(r->hits[i].country);
	}
	free(r->hits);
	r->hits = NULL;
	r->nhits = 0;
}

/* ---- cities like mine ---- */

struct like_set {
	const struct match_city *city;
	struct match_like *out;
	size_t n, max;
};

static double likeness(const struct match_city *city, const struct index_profile *p)
{
	double size = city->population > 0 && p->population > 0
			      ? match_size_similarity(log((double)city->population), log((double)p->population))
			      : 0;
	double same = p->country[0] && !strcmp(p->country, city->country);
	double near = isfinite(city->lat) && isfinite(p->lat)
			      ? match_proximity(match_km(city->lat, city->lon, p->lat, p->lon))
			      : 0;
	return 0.5 * size + 0.25 * near + 0.25 * same;
}

/* Keeps the best max in out, sorted (an insertion: max is small). */
static int like_one(const struct index_profile *p, void *arg)
{
	struct like_set *ls = arg;
	const struct match_city *c = ls->city;
	if (p->nid == c->nid || (!strcmp(p->country, c->country) && !strcmp(p->title, c->name)))
		return 0;
	struct match_like v = {.nid = p->nid, .title = p->title, .population = p->population,
			       .likeness = likeness(c, p)};
	memcpy(v.country, p->country, 3);
	size_t i = ls->n < ls->max ? ls->n++ : ls->max;
	for (; i > 0 && (ls->out[i - 1].likeness < v.likeness ||
			 (ls->out[i - 1].likeness == v.likeness && ls->out[i - 1].nid > v.nid));
	     i--)
		if (i < ls->max)
			ls->out[i] = ls->out[i - 1];
	if (i < ls->max)
		ls->out[i] = v;
	return 0;
}

size_t match_cities_like(const struct index *ix, const struct match_city *city, struct match_like *out,
			 size_t max)
{
	struct like_set ls = {city, out, 0, max};
	if (max)
		index_each_city(ix, like_one, &ls);
	return ls.n;
}
