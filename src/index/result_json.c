/* A search result as the JSON object of `praxis search --json` and of
 * /api/v1/search: total, hits, facets, places (when asked), did_you_mean, translated,
 * partial, work. */
#include "index_int.h"

json_t *index_hits_json(const struct index_result *r)
{
	json_t *hits = json_array();
	for (size_t i = 0; i < r->nhits; i++) {
		const struct index_hit *h = &r->hits[i];
		json_t *hit = json_object();
		json_object_set_new(hit, "nid", json_integer(h->nid));
		json_object_set_new(hit, "type", json_string(node_type_name(h->type)));
		json_object_set_new(hit, "title", json_string(h->title));
		json_object_set_new(hit, "score", json_real(h->score));
		json_object_set_new(hit, "snippet", h->snippet ? json_string(h->snippet) : json_null());
		json_object_set_new(hit, "language", json_string(h->language));
		json_array_append_new(hits, hit);
	}
	return hits;
}

json_t *index_result_json(const struct index_result *r)
{
	json_t *o = json_object(), *hits = index_hits_json(r), *facets = json_object(), *tr = json_array();
	for (int f = 0; f < FACET_COUNT; f++) {
		if (!index_facet_counted((enum index_facet)f))
			continue;
		json_t *counts = json_object();
		for (size_t i = 0; i < r->nfacet[f]; i++)
			json_object_set_new(counts, r->facets[f][i].value,
					    json_integer((json_int_t)r->facets[f][i].count));
		json_object_set_new(facets, index_facet_name((enum index_facet)f), counts);
	}
	for (size_t i = 0; i < strlist_len(&r->translated); i++)
		json_array_append_new(tr, json_string(strlist_get(&r->translated, i)));
	json_object_set_new(o, "total", json_integer((json_int_t)r->total));
	json_object_set_new(o, "hits", hits);
	json_object_set_new(o, "facets", facets);
	if (r->places) {
		json_t *places = json_object();
		for (size_t i = 0; i < r->nplaces; i++)
			json_object_set_new(places, r->places[i].value,
					    json_integer((json_int_t)r->places[i].count));
		json_object_set_new(o, "places", places);
	}
	json_object_set_new(o, "did_you_mean", r->did_you_mean ? json_string(r->did_you_mean) : json_null());
	json_object_set_new(o, "translated", tr);
	json_t *left = json_array();
	for (size_t i = 0; i < strlist_len(&r->left_out); i++)
		json_array_append_new(left, json_string(strlist_get(&r->left_out, i)));
	json_object_set_new(o, "left_out", left);
	json_object_set_new(o, "partial", json_boolean(r->partial));
	json_object_set_new(o, "work", json_integer((json_int_t)r->work));
	return o;
}
