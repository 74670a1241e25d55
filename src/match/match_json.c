/* The match as the API's JSON object and its reasons in English (the CLI's
 * and the API's words; the web renders them in the reader's language). */
#include "match.h"
#include "../place/place.h"

#include <math.h>
#include <string.h>

/* n with a comma between groups of three digits: "345,821". */
static enum px_err grouped(int64_t n, struct buf *out)
{
	char d[24];
	int len = snprintf(d, sizeof d, "%lld", (long long)(n < 0 ? -n : n));
	enum px_err err = n < 0 ? buf_addc(out, '-') : PX_OK;
	for (int i = 0; !err && i < len; i++) {
		if (i && (len - i) % 3 == 0)
			err = buf_addc(out, ',');
		if (!err)
			err = buf_addc(out, d[i]);
	}
	return err;
}

enum px_err match_reason_text(const struct match_reason *w, struct buf *out)
{
	enum px_err err = PX_OK;
	switch (w->kind) {
	case WHY_MATCHES:
		return buf_printf(out, "matches: %s", w->words);
	case WHY_SIZE:
		if (!(err = buf_adds(out, "a city of ")) && !(err = grouped(w->n, out)) &&
		    !(err = buf_adds(out, ", like yours (")) && !(err = grouped(w->yours, out)))
			err = buf_addc(out, ')');
		return err;
	case WHY_TRANSFER:
		return buf_printf(out, "adopted by %lld %s of your size", (long long)w->n,
				  w->n == 1 ? "city" : "cities");
	case WHY_DISTANCE:
		if (!(err = grouped(w->n, out)))
			err = buf_adds(out, " km away");
		return err;
	case WHY_COUNTRY:
		return buf_adds(out, "in your country");
	case WHY_LANGUAGE:
		return buf_adds(out, "in your language");
	case WHY_EVIDENCE:
		return buf_adds(out, "has impact figures");
	}
	return PX_OK;
}

static const char *const why_names[] = {
	[WHY_MATCHES] = "matches", [WHY_SIZE] = "size",         [WHY_TRANSFER] = "transfer",
	[WHY_DISTANCE] = "distance", [WHY_COUNTRY] = "country", [WHY_LANGUAGE] = "language",
	[WHY_EVIDENCE] = "evidence",
};

static json_t *real_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *city_json(const struct match_city *c)
{
	const char *country = place_country_name(c->country);
	return json_pack("{s:s?, s:s?, s:s, s:o, s:o, s:o, s:s}", "name", c->name[0] ? c->name : NULL, "country",
			 country, "country_code", c->country, "population",
			 c->population > 0 ? json_integer(c->population) : json_null(), "lat", real_or_null(c->lat),
			 "lon", real_or_null(c->lon), "source", match_source_name(c->source));
}

static json_t *reason_json(const struct match_reason *w)
{
	struct buf text;
	buf_init(&text, 4096);
	json_t *o = NULL;
	if (match_reason_text(w, &text) == PX_OK &&
	    (o = json_pack("{s:s, s:s}", "kind", why_names[w->kind], "text", text.len ? text.data : ""))) {
		int bad = 0;
		if (w->kind == WHY_SIZE)
			bad = json_object_set_new(o, "population", json_integer(w->n)) ||
			      json_object_set_new(o, "yours", json_integer(w->yours));
		else if (w->kind == WHY_TRANSFER)
			bad = json_object_set_new(o, "cities", json_integer(w->n));
		else if (w->kind == WHY_DISTANCE)
			bad = json_object_set_new(o, "km", json_integer(w->n));
		else if (w->kind == WHY_MATCHES)
			bad = json_object_set_new(o, "words", json_string(w->words));
		if (bad) {
			json_decref(o);
			o = NULL;
		}
	}
	buf_free(&text);
	return o;
}

static json_t *hit_json(const struct match_hit *h)
{
	json_t *comp = json_object(), *why = json_array();
	for (int c = 0; comp && c < MC_COUNT; c++)
		if (json_object_set_new(comp, match_component_name((enum match_component)c), json_real(h->comp[c])))
			json_decref(comp), comp = NULL;
	for (size_t i = 0; why && i < h->nwhy; i++)
		if (json_array_append_new(why, reason_json(&h->why[i])))
			json_decref(why), why = NULL;
	if (!comp || !why) {
		json_decref(comp);
		json_decref(why);
		return NULL;
	}
	return json_pack("{s:I, s:s, s:s?, s:s?, s:f, s:o, s:o}", "nid", (json_int_t)h->nid, "title", h->title,
			 "city", h->city, "country", h->country, "score", h->score, "components", comp, "why",
			 why);
}

json_t *match_result_json(const struct match_result *r)
{
	json_t *hits = json_array();
	for (size_t i = 0; hits && i < r->nhits; i++)
		if (json_array_append_new(hits, hit_json(&r->hits[i])))
			json_decref(hits), hits = NULL;
	if (!hits)
		return NULL;
	return json_pack("{s:o, s:I, s:o}", "city", city_json(&r->city), "total", (json_int_t)r->total, "hits",
			 hits);
}

const char *match_fail_text(enum match_fail f)
{
	switch (f) {
	case MATCH_NO_COUNTRY:
		return N_("Give the city's country.");
	case MATCH_BAD_COUNTRY:
		return N_("This country is unknown: name it in English or in its own language, or by its code (PT).");
	case MATCH_NO_CITY:
		return N_("Give a city, or a population.");
	case MATCH_BAD_POPULATION:
		return N_("The population must be a whole number above 0.");
	case MATCH_UNKNOWN_CITY:
		return N_("This city is unknown in that country.");
	case MATCH_TOO_MANY_THEMES:
		return N_("Too many themes (at most 16).");
	case MATCH_BAD_QUERY:
		return N_("The need cannot be read as a query.");
	case MATCH_ERROR:
		return N_("The match failed.");
	case MATCH_OK:
		break;
	}
	return "";
}
