/* The map: practices placed on Europe by their city. The gazetteer
 * (src/place/) finds the city by any of its names, accents and case
 * ignored, so "Seville", "Sevilla" and "SEVILLA" are one dot, and places it
 * in the map's frame or in the inset of an outermost region. */
#include "web_int.h"

#include "../place/place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the overview: every practice of a listing's result ----
 *
 * The counts come from the index (index_result.places: practices per
 * place key over the whole result), not from the page's cards, so page 2
 * shows the same map as page 1. Places are clustered greedily in map
 * units at render time: the place with the most practices takes every
 * unclaimed place within a cell's distance of it, and so on; the mark sits
 * on that place (a city, where a centroid could fall in the sea) and
 * counts them all. A grid of cells makes each claim look at its 3 x 3
 * neighbourhood only, so the pass is linear in the places.
 *
 * Two clusterings are written, one for wide screens and a coarser one with
 * bigger marks for narrow ones (static/praxis.css shows one): the server
 * cannot know the width, and digits readable at 360 px would hide
 * Europe at 1280 px. */

#define MARK_PLACES_MAX 12 /* a mark filters by its places up to this many; a larger one zooms */
#define ZOOM_MIN        (place_map_width / 6.0) /* the narrowest view, in map units: a region */

struct spot {
	const struct place *p;
	const char *key; /* the place filter's value: r->places' key, borrowed */
	float x, y;      /* in map units */
	size_t count;    /* practices */
	int mark;        /* the mark that counts it, -1 until claimed, -2 outside the view */
	int next;        /* the next spot of its grid cell, -1 at the end */
};

struct mark {
	int seed;       /* the spot it sits on */
	size_t count;   /* practices of all its spots */
	size_t nplaces; /* its spots */
	const char *keys[MARK_PLACES_MAX];
	float x0, y0, x1, y1; /* the box of its spots */
};

struct view {
	double x, y, w, h; /* the viewBox, in map units */
};

/* A clustering, for a range of screen widths. Lengths are in units of the
 * whole map's width (1112): each is scaled by the view's width, so a zoomed
 * view clusters as finely on the screen as the whole map does. */
static const struct scale {
	const char *name; /* the group's class; CSS shows one per screen width */
	double cell;      /* places nearer than this, centre to centre, share a mark */
	double r_one;     /* a place with one practice: a dot without digits */
	double r_min;     /* a mark with digits, 2 practices */
	double r_grow;    /* its growth per doubling of the count */
	double font;      /* its digits */
} scales[] = {
	{"wide", 40, 9, 16, 4, 17},    /* above 40rem wide: 0.5 to 0.7 px per unit */
	{"narrow", 86, 20, 32, 8, 36}, /* on phones: about 0.3 px per unit */
};

static int by_count_desc(const void *a, const void *b)
{
	const struct spot *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* r's places the gazetteer knows and the map shows, most practices first;
 * *placed: their practices. Arena memory; NULL when none (or out of memory). */
static struct spot *spots_of(struct request *rq, const struct index_result *r, size_t *n, size_t *placed)
{
	struct spot *s = arena_alloc(&rq->a, (r->nplaces ? r->nplaces : 1) * sizeof *s);
	*n = *placed = 0;
	for (size_t i = 0; s && i < r->nplaces; i++) {
		const char *key = r->places[i].value, *colon = strchr(key, ':');
		char code[3] = {0};
		if (!colon || colon - key != 2)
			continue; /* no key the index writes */
		memcpy(code, key, 2);
		const struct place *p = place_find(code, colon + 1);
		struct spot *o = &s[*n];
		if (!p || place_project(p->lat, p->lon, &o->x, &o->y))
			continue; /* a city the gazetteer does not know: not on the map */
		o->p = p;
		o->key = key;
		o->count = r->places[i].count;
		*placed += o->count;
		(*n)++;
	}
	if (s && *n)
		qsort(s, *n, sizeof *s, by_count_desc);
	return s && *n ? s : NULL;
}

/* ?map=x,y,w: the view a cluster's link zooms to; 0, or -1 if absent or
 * not three integers (the view then fits the marks). */
static int view_asked(const struct request *rq, struct view *v)
{
	const char *s = request_param(rq, "map");
	long n[3];
	for (int i = 0; s && i < 3; i++) {
		char *end;
		n[i] = strtol(s, &end, 10);
		if (end == s || (*end != (i < 2 ? ',' : '\0')))
			return -1;
		s = end + (i < 2);
	}
	if (!s || n[2] < ZOOM_MIN || n[2] > place_map_width || labs(n[0]) > 4 * place_map_width ||
	    labs(n[1]) > 4 * place_map_height)
		return -1;
	*v = (struct view){(double)n[0], (double)n[1], (double)n[2],
			   (double)n[2] * place_map_height / place_map_width};
	return 0;
}

/* The view of the box (x0, y0)-(x1, y1) with a margin, in the map's
 * proportions (so the figure keeps its height), inside the map; the whole
 * map when the box is most of it. */
static struct view view_fit(double x0, double y0, double x1, double y1)
{
	double W = place_map_width, H = place_map_height, pad = W / 24;
	double w = fmax(fmax(x1 - x0 + 2 * pad, (y1 - y0 + 2 * pad) * W / H), ZOOM_MIN);
	if (w > W * 0.7)
		return (struct view){0, 0, W, H};
	double h = w * H / W, x = (x0 + x1 - w) / 2, y = (y0 + y1 - h) / 2;
	x = fmin(fmax(x, 0), W - w);
	y = fmin(fmax(y, 0), H - h);
	return (struct view){x, y, w, h};
}

static int in_view(const struct view *v, const struct spot *s)
{
	return s->x >= v->x && s->x <= v->x + v->w && s->y >= v->y && s->y <= v->y + v->h;
}

struct grid {
	int cols, rows;
	int *head; /* [cols * rows]: each cell's first spot, -1 if none */
	double cell, x, y;
};

static int cell_of(const struct grid *g, float x, float y, int dc, int dr)
{
	int c = (int)((x - g->x) / g->cell) + dc, r = (int)((y - g->y) / g->cell) + dr;
	return c < 0 || r < 0 || c >= g->cols || r >= g->rows ? -1 : r * g->cols + c;
}

/* Files the spots in view in a grid of cells of size cell; those outside
 * are claimed by no mark. -1 when out of memory. */
static int grid_fill(struct request *rq, struct grid *g, const struct view *v, double cell, struct spot *s,
		     size_t n)
{
	g->cell = cell;
	g->x = v->x;
	g->y = v->y;
	g->cols = (int)(v->w / cell) + 1;
	g->rows = (int)(v->h / cell) + 1;
	if (!(g->head = arena_alloc(&rq->a, (size_t)g->cols * (size_t)g->rows * sizeof *g->head)))
		return -1;
	memset(g->head, 0xff, (size_t)g->cols * (size_t)g->rows * sizeof *g->head);
	for (size_t i = n; i-- > 0;) { /* backwards, so each cell lists its spots most first */
		int c = in_view(v, &s[i]) ? cell_of(g, s[i].x, s[i].y, 0, 0) : -1;
		s[i].mark = c < 0 ? -2 : -1;
		s[i].next = c < 0 ? -1 : g->head[c];
		if (c >= 0)
			g->head[c] = (int)i;
	}
	return 0;
}

static void claim(struct mark *m, int id, struct spot *o)
{
	o->mark = id;
	m->count += o->count;
	if (m->nplaces < MARK_PLACES_MAX)
		m->keys[m->nplaces] = o->key;
	m->nplaces++;
	m->x0 = fminf(m->x0, o->x);
	m->y0 = fminf(m->y0, o->y);
	m->x1 = fmaxf(m->x1, o->x);
	m->y1 = fmaxf(m->y1, o->y);
}

/* The marks of the spots in view, clustered at distance g->cell. *nm set. */
static struct mark *cluster(struct request *rq, const struct grid *g, struct spot *s, size_t n, size_t *nm)
{
	struct mark *m = arena_alloc(&rq->a, n * sizeof *m);
	*nm = 0;
	for (size_t i = 0; m && i < n; i++) {
		if (s[i].mark != -1)
			continue;
		struct mark *k = &m[*nm];
		*k = (struct mark){(int)i, 0, 0, {0}, s[i].x, s[i].y, s[i].x, s[i].y};
		claim(k, (int)*nm, &s[i]);
		for (int dr = -1; dr <= 1; dr++)
			for (int dc = -1; dc <= 1; dc++) {
				int c = cell_of(g, s[i].x, s[i].y, dc, dr);
				for (int j = c < 0 ? -1 : g->head[c]; j >= 0; j = s[j].next)
					if (s[j].mark == -1 &&
					    hypotf(s[j].x - s[i].x, s[j].y - s[i].y) < (float)g->cell)
						claim(k, (int)*nm, &s[j]);
			}
		(*nm)++;
	}
	return m;
}

static const char *practices(struct request *rq, size_t n)
{
	return i18n_count_text(&rq->a, rq->lang, N_("{n, plural, one {# practice} other {# practices}}"), (int64_t)n);
}

const char *map_place_label(struct request *rq, const char *key)
{
	const char *colon = strchr(key, ':');
	char code[3] = {0};
	const struct place *p = NULL;
	if (colon && colon - key == 2) {
		memcpy(code, key, 2);
		p = place_find(code, colon + 1);
	}
	const char *country = p ? place_country_name(p->country) : NULL; /* English: the stored name */
	if (country)
		country = value_label(rq, FACET_COUNTRY, country);
	return !p ? key : country ? arena_printf(&rq->a, "%s, %s", p->name, country) : p->name;
}

/* "Porto, Portugal: 3 practices"; for a cluster "Around Porto, Portugal
 * (4 places): 12 practices". */
static const char *mark_label(struct request *rq, const struct mark *m, const struct spot *seed)
{
	const char *place = map_place_label(rq, seed->key);
	if (m->nplaces == 1)
		return arena_printf(&rq->a, "%s: %s", place, practices(rq, m->count));
	return arena_printf(&rq->a, "%s (%s): %s", i18n_with(&rq->a, T(rq, "Around {place}"), "place", place),
			    i18n_count_text(&rq->a, rq->lang, N_("{n, plural, one {# place} other {# places}}"),
					    (int64_t)m->nplaces),
			    practices(rq, m->count));
}

struct links {
	const char *to; /* NULL: the page itself */
	const struct index_filter *carry;
	size_t ncarry;
	size_t room; /* place filters a link may add: WEB_FILTERS_MAX less the others */
};

/* Where a mark leads. A place, or a cluster of a few places: the listing
 * filtered by exactly them (the place filter, ORed), keeping the query
 * and the other filters, so the list holds the practices the mark counts
 * and the map, fitting its marks, opens the cluster up. Not the country: a
 * cluster does not follow borders, and its count would not be the mark's.
 * A cluster of more places than a link should carry zooms the map on them
 * instead (the list unchanged), where they split into smaller marks: what
 * a web map does on a click. */
static const char *mark_url(struct request *rq, const struct links *l, const struct mark *m,
			    const struct view *v)
{
	size_t most = l->room < MARK_PLACES_MAX ? l->room : MARK_PLACES_MAX;
	if (m->nplaces <= most)
		return url_map(rq, l->to, l->carry, l->ncarry, "place", m->keys, m->nplaces);
	struct view z = view_fit(m->x0, m->y0, m->x1, m->y1);
	if (z.w >= v->w) /* no closer than now: halve the view around the mark */
		z = view_fit(m->x0 - v->w / 4, m->y0 - v->h / 4, m->x1 + v->w / 4, m->y1 + v->h / 4);
	const char *box = arena_printf(&rq->a, "%.0f,%.0f,%.0f", z.x, z.y, z.w);
	return url_map(rq, l->to, l->carry, l->ncarry, "map", &box, 1);
}

static struct tv *mark_values(struct request *rq, const struct scale *sc, double unit, const struct mark *m,
			      const struct spot *s, const struct links *l, const struct view *v)
{
	struct tv *t = tv_map(&rq->a);
	const struct spot *seed = &s[m->seed];
	double r = m->count == 1 ? sc->r_one : sc->r_min + sc->r_grow * log2((double)m->count / 2);
	tv_set_str(t, "x", arena_printf(&rq->a, "%.1f", seed->x));
	tv_set_str(t, "y", arena_printf(&rq->a, "%.1f", seed->y));
	tv_set_str(t, "r", arena_printf(&rq->a, "%.1f", fmin(r, sc->cell * 0.75) * unit));
	if (m->count > 1) {
		tv_set_str(t, "digits", arena_printf(&rq->a, "%zu", m->count));
		tv_set_str(t, "font",
			   arena_printf(&rq->a, "%.1f", sc->font * unit * (m->count > 999 ? 0.8 : 1)));
	}
	tv_set_str(t, "label", mark_label(rq, m, seed));
	tv_set_str(t, "url", mark_url(rq, l, m, v));
	tv_set_bool(t, "cluster", m->nplaces > 1);
	return t;
}

static int by_x(const void *a, const void *b, void *spots)
{
	const struct spot *s = spots;
	float x = s[((const struct mark *)a)->seed].x, y = s[((const struct mark *)b)->seed].x;
	return (x > y) - (x < y);
}

/* One clustering's group: {name, marks: [{x, y, r, digits, font, label, url, tab}]},
 * marks west to east (the order arrow keys and Tab follow). */
static struct tv *group(struct request *rq, const struct scale *sc, const struct view *v, struct spot *s,
			size_t n, const struct links *l)
{
	double unit = v->w / place_map_width;
	struct grid g;
	size_t nm = 0;
	struct mark *m = grid_fill(rq, &g, v, sc->cell * unit, s, n) ? NULL : cluster(rq, &g, s, n, &nm);
	if (!m)
		return NULL;
	qsort_r(m, nm, sizeof *m, by_x, s);
	struct tv *t = tv_map(&rq->a), *marks = tv_list(&rq->a);
	for (size_t i = 0; i < nm; i++) {
		struct tv *one = mark_values(rq, sc, unit, &m[i], s, l, v);
		tv_set_str(one, "tab", i ? "-1" : "0"); /* one tab stop: map.js moves along with arrows */
		tv_push(marks, one);
	}
	tv_set_str(t, "name", sc->name);
	tv_set(t, "marks", marks);
	return t;
}

void map_overview(struct request *rq, struct tv *scope, const struct index_result *r,
		  const struct web_filters *fs, size_t fixed, const char *to)
{
	size_t n, placed;
	struct spot *s = spots_of(rq, r, &n, &placed);
	if (!s)
		return;
	struct index_filter *carry = arena_alloc(&rq->a, (fixed ? fixed : 1) * sizeof *carry);
	size_t ncarry = 0;
	for (size_t i = 0; carry && to && i < fixed; i++) /* a page's own filters, but its types */
		if (fs->f[i].field != FACET_TYPE)
			carry[ncarry++] = fs->f[i];
	/* the filters a mark's page will have besides places: here every one
	 * in force but places; on /good-practices its type and those carried */
	size_t others = to ? 1 + ncarry : 0;
	for (size_t i = 0; !to && i < fs->n; i++)
		others += fs->f[i].field != FACET_PLACE;
	struct links l = {to, carry, ncarry, others < WEB_FILTERS_MAX ? WEB_FILTERS_MAX - others : 0};
	struct view v;
	if (view_asked(rq, &v)) {
		float x0 = s[0].x, y0 = s[0].y, x1 = x0, y1 = y0;
		for (size_t i = 1; i < n; i++) {
			x0 = fminf(x0, s[i].x), y0 = fminf(y0, s[i].y);
			x1 = fmaxf(x1, s[i].x), y1 = fmaxf(y1, s[i].y);
		}
		v = view_fit(x0, y0, x1, y1);
	}
	struct tv *map = tv_map(&rq->a), *groups = tv_list(&rq->a);
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		tv_push(groups, group(rq, &scales[i], &v, s, n, &l));
	tv_set_str(map, "box", arena_printf(&rq->a, "%.0f %.0f %.0f %.0f", v.x, v.y, v.w, v.h));
	tv_set_int(map, "width", place_map_width);
	tv_set_int(map, "height", place_map_height);
	tv_set_bool(map, "overview", 1);
	tv_set_int(map, "placed", (int64_t)placed);
	tv_set_str(map, "placed_text",
		   i18n_count_text(&rq->a, rq->lang,
				   N_("{n, plural, one {# practice on the map.} other {# practices on the map.}}"),
				   (int64_t)placed));
	tv_set_bool(map, "zoomed", v.w < place_map_width);
	if (v.w < place_map_width && request_param(rq, "map"))
		tv_set_str(map, "whole", url_map(rq, to, l.carry, l.ncarry, "map", NULL, 0));
	tv_set(map, "groups", groups);
	tv_set(scope, "map", map);
}
