/* The map: practices placed on Europe by their city. The gazetteer
 * (src/place/) finds the city by any of its names, accents and case
 * ignored, so "Seville", "Sevilla" and "SEVILLA" are one dot, and places it
 * in the map's frame or in the inset of an outermost region. */
#include "web_int.h"

#include "../place/place.h"

#define ZOOM_WIDTH 320 /* map units shown around one practice */

enum px_err map_init(void)
{
	return place_init();
}

void map_free(void)
{
	place_free();
}

int map_place(const char *country, const char *city, float *x, float *y)
{
	const struct place *p = place_find(country, city);
	return p ? place_project(p->lat, p->lon, x, y) : -1;
}

void map_add(struct request *rq, struct tv *scope, const struct tv *cards, int zoom)
{
	struct tv *map = tv_map(&rq->a), *dots = tv_list(&rq->a);
	float fx = 0, fy = 0;
	for (size_t i = 0; cards && i < cards->len; i++) {
		const struct tv *c = cards->items[i], *city = tv_get(tv_get(c, "city", 4), "name", 4),
				*country = tv_get(tv_get(c, "country", 7), "name", 4),
				*nid = tv_get(c, "nid", 3), *title = tv_get(c, "title", 5),
				*url = tv_get(c, "url", 3); /* a link of its own, else its node's */
		float x, y;
		if (!city || !country || (!nid && !url) || map_place(country->s, city->s, &x, &y))
			continue;
		struct tv *d = tv_map(&rq->a);
		tv_set_str(d, "x", arena_printf(&rq->a, "%.1f", x));
		tv_set_str(d, "y", arena_printf(&rq->a, "%.1f", y));
		tv_set_str(d, "title", arena_printf(&rq->a, "%s, %s", title ? title->s : "", city->s));
		tv_set_str(d, "url", url ? url->s : url_node(rq, nid->i));
		tv_push(dots, d);
		fx = x;
		fy = y;
	}
	if (!dots->len)
		return; /* nothing to place: no map */
	int width = place_map_width, height = place_map_height;
	double h = (double)ZOOM_WIDTH * height / width;
	tv_set_str(map, "box",
		   zoom ? arena_printf(&rq->a, "%.0f %.0f %d %.0f", fx - ZOOM_WIDTH / 2.0, fy - h / 2,
				       ZOOM_WIDTH, h)
			: arena_printf(&rq->a, "0 0 %d %d", width, height));
	tv_set_int(map, "width", width);
	tv_set_int(map, "height", height);
	tv_set_str(map, "r", zoom ? "4" : "9");
	tv_set(map, "dots", dots);
	tv_set(scope, "map", map);
}
