/* Where a point is on the map: the formulas tools/gen_map.js draws
 * static/europe.svg with, over the frames it wrote into build/gen/places.c. */
#include "place_int.h"

#include <math.h>

static const double DEG = M_PI / 180;

/* Lambert azimuthal equal-area on the unit sphere, into f's box. */
static void project_in(const struct place_frame *f, double lat, double lon, double *x, double *y)
{
	double l = (lon - f->lon0) * DEG, p = lat * DEG, p0 = f->lat0 * DEG;
	double k = sqrt(2 / (1 + sin(p0) * sin(p) + cos(p0) * cos(p) * cos(l)));
	double px = k * cos(p) * sin(l), py = k * (cos(p0) * sin(p) - sin(p0) * cos(p) * cos(l));
	*x = f->x + (px - f->xmin) * f->scale;
	*y = f->y + (f->ymax - py) * f->scale;
}

static int inside(const struct place_frame *f, double x, double y)
{
	return x >= f->x && x <= f->x + f->width && y >= f->y && y <= f->y + f->height;
}

int place_project(double lat, double lon, float *x, float *y)
{
	if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) /* NaN too */
		return -1;
	const struct place_frame *f = &place_map;
	for (size_t i = 0; i < place_ninsets; i++) {
		const double *b = place_insets[i].box;
		if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3])
			f = &place_insets[i].frame;
	}
	double px, py;
	project_in(f, lat, lon, &px, &py);
	*x = (float)px;
	*y = (float)py;
	return inside(f, px, py) ? 0 : -1;
}
