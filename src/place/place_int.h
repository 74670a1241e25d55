/* place's private header: the generated tables (build/gen/places.c,
 * tools/gen_map.js) and what the module's files share. */
#ifndef PX_PLACE_INT_H
#define PX_PLACE_INT_H

#include "place.h"

/* A Lambert azimuthal equal-area projection on the unit sphere, fitted into
 * a box of the map: x = box_x + (px - xmin) * scale, y = box_y + (ymax - py) * scale. */
struct place_frame {
	double lon0, lat0; /* the projection's centre, degrees */
	double xmin, ymax; /* the projected point at the box's top left */
	double scale;      /* map units per projected unit */
	int x, y;          /* the box's top left, map units */
	int width, height; /* the box, map units */
};

/* An outermost region's inset: a city inside box is drawn in frame. */
struct place_inset {
	double box[4]; /* west, south, east, north: degrees */
	struct place_frame frame;
};

extern const struct place_frame place_map; /* the main frame */
extern const struct place_inset place_insets[];
extern const size_t place_ninsets;
extern const struct place place_cities[]; /* most populous first, PPLX after every city */
extern const size_t place_ncities;

/* country.c: the countries' names, built by place_init(). */
enum px_err place_countries_init(void) PX_WUR;
void place_countries_free(void);

#define PLACE_NAME_MAX 512 /* bytes of a folded name; longer ones match nothing */

#endif
