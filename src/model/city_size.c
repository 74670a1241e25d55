/* City size classes: the one definition of the buckets that the index files
 * nodes under (facet "city_size"), the pages describe with their ranges and
 * the README lists (tests/unit/model/test_city_size.c holds the README to
 * this table). */
#include "model.h"

#include <string.h>

/* Contiguous and ascending: each class starts one above the last one's max,
 * so every population >= 0 has exactly one class. */
const struct city_size city_sizes[CITY_SIZE_COUNT] = {
	{"small", 0, 49999},
	{"medium", 50000, 249999},
	{"large", 250000, 1000000},
	{"metropolitan", 1000001, INT64_MAX},
	{CITY_SIZE_UNKNOWN, -1, -1},
};

const struct city_size *city_size_of(int64_t population)
{
	if (population < 0)
		return &city_sizes[CITY_SIZE_COUNT - 1];
	size_t i = 0;
	while (population > city_sizes[i].max)
		i++;
	return &city_sizes[i];
}

const struct city_size *city_size_named(const char *name)
{
	for (size_t i = 0; name && i < CITY_SIZE_COUNT; i++)
		if (!strcmp(city_sizes[i].name, name))
			return &city_sizes[i];
	return NULL;
}
