/* The gazetteer (src/place/): a city is found by every name the hub's data
 * gives it (exonyms, native names and scripts, ASCII spellings), accents
 * and case ignored; countries by their names in the EU's languages; the
 * map frame holds every member state and the outermost regions' insets. */
#include "../unit.h"
#include "place/place.h"

#include <math.h>
#include <stdio.h>

/* Every name of one city, its country first (a code or a name). */
static const char *const SAME_CITY[][6] = {
	{"ES", "Seville", "Sevilla", "SEVILLA"},
	{"BE", "Ghent", "Gent", "Gand"},
	{"SE", "Gothenburg", "Göteborg", "Goteborg"},
	{"PL", "Lodz", "Łódź", "ŁÓDŹ"},
	{"PL", "Wroclaw", "Wrocław", "Breslau"},
	{"GR", "Heraklion", "Iraklio", "Ηράκλειο", "Iráklion"},
	{"DK", "Aarhus", "Århus", "Arhus"},
	{"BE", "Brussels", "Bruxelles", "Brussel"},
	{"GR", "Athens", "Αθήνα", "Athina"},
	{"GR", "Thessaloniki", "Θεσσαλονίκη"},
	{"PT", "Lisbon", "Lisboa", "Lisbonne"},
	{"PL", "Warsaw", "Warszawa", "Varsovie"},
	{"CZ", "Prague", "Praha", "Prag"},
	{"DK", "Copenhagen", "København", "Kobenhavn"},
	{"AT", "Vienna", "Wien", "Vienne"},
	{"DE", "Cologne", "Köln", "Koln", "Colonia"},
	{"DE", "Munich", "München", "Munchen"},
	{"IT", "Florence", "Firenze"},
	{"IT", "Venice", "Venezia"},
	{"RO", "Bucharest", "București", "Bucureşti", "Bucuresti"},
	{"IT", "Turin", "Torino"},
	{"IT", "Milan", "Milano", "Μιλάνο"},
	{"IT", "Naples", "Napoli"},
	{"IT", "Rome", "Roma"},
	{"IT", "Genoa", "Genova"},
	{"NL", "The Hague", "Den Haag", "'s-Gravenhage"},
	{"BE", "Antwerp", "Antwerpen", "Anvers"},
	{"DE", "Nuremberg", "Nürnberg", "Nurnberg"},
	{"PT", "Porto", "Oporto"},
	{"PL", "Kraków", "Cracow", "Krakau", "Krakow"},
	{"PL", "Gdańsk", "Danzig", "Gdansk"},
	{"PL", "Poznań", "Poznan"},
	{"SK", "Bratislava", "Pressburg"},
	{"SI", "Ljubljana"},
	{"HR", "Zagreb"},
	{"CY", "Nicosia", "Lefkosia", "Λευκωσία"},
	{"MT", "Valletta"},
	{"LU", "Luxembourg", "Luxemburg", "Lëtzebuerg"},
	{"EE", "Tallinn"},
	{"LV", "Riga", "Rīga"},
	{"LT", "Vilnius"},
	{"BG", "Sofia", "София"},
	{"BG", "Plovdiv", "Пловдив"},
	{"RO", "Iași", "Iasi", "Iaşi"},
	{"RO", "Cluj-Napoca", "Cluj Napoca", "Cluj"},
	{"RO", "Timișoara", "Timisoara", "Timişoara"},
	{"FI", "Helsinki", "Helsingfors"},
	{"ES", "Vitoria-Gasteiz", "Vitoria", "Gasteiz"},
	{"ES", "San Sebastián", "Donostia", "Donostia-San Sebastián"},
	{"BE", "Liège", "Luik", "Lüttich"},
	{"IE", "Dublin", "Baile Átha Cliath"},
	/* the other capitals of the EU, in English, French, German, Greek */
	{"FR", "Paris", "Παρίσι"},
	{"DE", "Berlin", "Βερολίνο", "Berlino"},
	{"HU", "Budapest", "Βουδαπέστη", "Budapeszt"},
	{"NL", "Amsterdam", "Άμστερνταμ"},
	{"ES", "Madrid", "Μαδρίτη", "Madryt"},
	{"SE", "Stockholm", "Στοκχόλμη", "Sztokholm"},
};

static void every_name_finds_the_same_city(void **state)
{
	(void)state;
	assert_ok(place_init());
	for (size_t i = 0; i < sizeof SAME_CITY / sizeof SAME_CITY[0]; i++) {
		const char *const *row = SAME_CITY[i];
		const struct place *first = place_find(row[0], row[1]);
		if (!first)
			fail_msg("%s, %s: not found", row[1], row[0]);
		assert_string_equal(first->country, row[0]);
		if (first->population < 5000) /* the city, not a village of that name */
			fail_msg("%s, %s: %s of %lld", row[1], row[0], first->name,
				 (long long)first->population);
		for (size_t k = 2; k < 6 && row[k]; k++) {
			const struct place *p = place_find(row[0], row[k]);
			if (p != first)
				fail_msg("%s, %s: %s, not %s", row[k], row[0], p ? p->name : "not found",
					 first->name);
		}
	}
}

/* Greek, Cyrillic and Latin names of a country, codes, EU codes, case and accents. */
static void countries_are_named_in_the_eu_languages(void **state)
{
	(void)state;
	static const char *const names[][2] = {
		{"Spain", "ES"},
		{"España", "ES"},
		{"ESPANA", "ES"},
		{"Espagne", "ES"},
		{"Spanien", "ES"},
		{"Ισπανία", "ES"},
		{"spain", "ES"},
		{"Hiszpania", "ES"},
		{"Spáinn", "ES"},
		{"an Spáinn", "ES"},
		{"ES", "ES"},
		{"es", "ES"},
		{"ESP", "ES"},
		{"Spanja", "ES"},
		{"Greece", "GR"},
		{"Ελλάδα", "GR"},
		{"EL", "GR"},
		{"Grèce", "GR"},
		{"Bulgaria", "BG"},
		{"България", "BG"},
		{"The Netherlands", "NL"},
		{"the Netherlands", "NL"},
		{"Nederland", "NL"},
		{"Pays-Bas", "NL"},
		{"Czech Republic", "CZ"},
		{"Czechia", "CZ"},
		{"Česko", "CZ"},
		{"Tschechien", "CZ"},
		{"UK", "GB"},
		{"United Kingdom", "GB"},
		{"Royaume-Uni", "GB"},
		{"Deutschland", "DE"},
		{"Allemagne", "DE"},
		{"Niemcy", "DE"},
		{"il-Ġermanja", "DE"},
		{"Ġermanja", "DE"},
		{"Suomi", "FI"},
		{"Magyarország", "HU"},
		{"Polska", "PL"},
		{"Bosnia and Herzegovina", "BA"},
		{"North Macedonia", "MK"},
		{"Kosovo", "XK"},
		{"Turkey", "TR"},
		{"Türkiye", "TR"},
		{"Réunion", "RE"},
		{"Guadeloupe", "GP"},
	};
	char code[3];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		code[0] = 0;
		if (place_country_code(names[i][0], code))
			fail_msg("%s: unknown", names[i][0]);
		if (strcmp(code, names[i][1]))
			fail_msg("%s: %s, not %s", names[i][0], code, names[i][1]);
	}
	assert_int_equal(place_country_code("Atlantis", code), -1);
	assert_int_equal(place_country_code("", code), -1);
	assert_int_equal(place_country_code(NULL, code), -1);
	assert_int_equal(place_country_code("\xff\xfe", code), -1); /* not UTF-8 */
	assert_int_equal(place_country_code("UN", code), -1);       /* CLDR names it, not a country */
	assert_string_equal(place_country_name("ES"), "Spain");
	assert_string_equal(place_country_name("es"), "Spain");
	assert_string_equal(place_country_name("CZ"), "Czechia");
	assert_string_equal(place_country_name("BA"), "Bosnia and Herzegovina");
	assert_string_equal(place_country_name("GR"), "Greece");
	assert_null(place_country_name("QQ"));
	assert_null(place_country_name("E"));
	assert_null(place_country_name("ESP"));
	assert_null(place_country_name(NULL));
}

static void unknown_places_are_null(void **state)
{
	(void)state;
	assert_null(place_find("Spain", "Nowhere-upon-Sea"));
	assert_null(place_find("Atlantis", "Seville"));
	assert_null(place_find("France", "Seville")); /* in its own country only */
	assert_null(place_find("Spain", ""));
	assert_null(place_find("Spain", " - "));
	assert_null(place_find("Spain", NULL));
	assert_null(place_find(NULL, "Seville"));
	assert_null(place_find("Spain", "Sevi\xffla"));
	char longname[2000];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	assert_null(place_find("Spain", longname));
}

/* "Saint-Denis, France" is the one near Paris; France's outermost regions
 * are searched when France has no city of that name. */
static void outermost_regions(void **state)
{
	(void)state;
	const struct place *p = place_find("France", "Saint-Denis");
	assert_non_null(p);
	assert_string_equal(p->country, "FR");
	p = place_find("Réunion", "Saint-Denis");
	assert_non_null(p);
	assert_string_equal(p->country, "RE");
	p = place_find("France", "Cayenne");
	assert_non_null(p);
	assert_string_equal(p->country, "GF");
	p = place_find("France", "Fort-de-France");
	assert_non_null(p);
	assert_string_equal(p->country, "MQ");
}

static void keys_fold_case_and_accents(void **state)
{
	(void)state;
	char a[64], b[64];
	assert_int_equal(place_key("Spain", "Sevilla", a, sizeof a), strlen("ES:sevilla"));
	assert_string_equal(a, "ES:sevilla");
	assert_true(place_key("españa", "SÉVILLA", b, sizeof b));
	assert_string_equal(a, b);
	assert_true(place_key("Poland", "Łódź", a, sizeof a));
	assert_string_equal(a, "PL:lodz");
	assert_true(place_key("Romania", "Cluj  Napoca", a, sizeof a));
	assert_string_equal(a, "RO:cluj napoca");
	assert_true(place_key("Spain", "Seville", a, sizeof a)); /* as written, not canonical */
	assert_string_equal(a, "ES:seville");
	assert_true(place_canonical_key(place_find("Spain", "Seville"), b, sizeof b));
	assert_string_equal(b, "ES:sevilla");
	assert_true(place_canonical_key(place_find("Greece", "Αθήνα"), b, sizeof b));
	assert_string_equal(b, "GR:athens");
	assert_int_equal(place_key("Atlantis", "Sevilla", a, sizeof a), 0);
	assert_int_equal(place_key("Spain", "", a, sizeof a), 0);
	assert_int_equal(place_key("Spain", "Sevilla", a, 10), 0); /* "ES:sevilla" and its NUL need 11 */
	assert_int_equal(place_key("Spain", "Sevilla", a, 11), 10);
	assert_int_equal(place_canonical_key(NULL, a, sizeof a), 0);
}

/* Cities at the frame's edges and in the insets land inside the SVG. */
static void the_frame_holds_the_eu(void **state)
{
	(void)state;
	static const char *const edges[][2] = {
		{"Malta", "Valletta"},
		{"Cyprus", "Nicosia"},
		{"Cyprus", "Limassol"},
		{"Greece", "Heraklion"},
		{"Spain", "Las Palmas de Gran Canaria"},
		{"Spain", "Santa Cruz de Tenerife"},
		{"Portugal", "Funchal"},
		{"Portugal", "Ponta Delgada"},
		{"Réunion", "Saint-Denis"},
		{"France", "Cayenne"},
		{"France", "Pointe-à-Pitre"},
		{"France", "Fort-de-France"},
		{"France", "Mamoudzou"},
		{"Finland", "Oulu"},
		{"Portugal", "Lisbon"},
		{"Ireland", "Galway"},
		{"Sweden", "Kiruna"},
		{"Cyprus", "Paphos"},
	};
	float x, y, seen[sizeof edges / sizeof edges[0]][2];
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		const struct place *p = place_find(edges[i][0], edges[i][1]);
		if (!p)
			fail_msg("%s, %s: not found", edges[i][1], edges[i][0]);
		if (place_project(p->lat, p->lon, &x, &y))
			fail_msg("%s: outside the map (%.0f, %.0f)", edges[i][1], x, y);
		if (!(x > 0 && x < place_map_width && y > 0 && y < place_map_height))
			fail_msg("%s: at (%.0f, %.0f), outside %dx%d", edges[i][1], x, y, place_map_width,
				 place_map_height);
		seen[i][0] = x;
		seen[i][1] = y;
		for (size_t k = 0; k < i; k++) /* each in its own place: the insets do not overlap */
			assert_true(fabsf(seen[k][0] - x) + fabsf(seen[k][1] - y) > 2);
	}
	/* west is left, north is up */
	float bx, by, hx, hy;
	assert_int_equal(place_project(43.26, -2.93, &bx, &by), 0); /* Bilbao */
	assert_int_equal(place_project(60.17, 24.94, &hx, &hy), 0); /* Helsinki */
	assert_true(bx < hx && hy < by);
	/* the Atlantic west of the Azores, the Pacific, nonsense: not on the map */
	assert_int_equal(place_project(40, -45, &x, &y), -1);
	assert_int_equal(place_project(0, -150, &x, &y), -1);
	assert_int_equal(place_project(-48, -170, &x, &y), -1); /* the projection's antipode */
	assert_int_equal(place_project(NAN, 10, &x, &y), -1);
	assert_int_equal(place_project(91, 10, &x, &y), -1);
}

/* Names are borrowed from static data and the lookup is stable across a
 * free and a new init. */
static void init_is_idempotent(void **state)
{
	(void)state;
	assert_ok(place_init());
	assert_ok(place_init());
	const struct place *p = place_find("Spain", "Bilbao");
	assert_non_null(p);
	place_free();
	assert_ptr_equal(place_find("Spain", "Bilbao"), p); /* builds again by itself */
	assert_ok(place_init());
	assert_string_equal(p->name, "Bilbao");
	assert_true(p->lat > 43 && p->lat < 43.5 && p->lon > -3.1 && p->lon < -2.8);
	place_free();
	place_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_name_finds_the_same_city),
		cmocka_unit_test(countries_are_named_in_the_eu_languages),
		cmocka_unit_test(unknown_places_are_null),
		cmocka_unit_test(outermost_regions),
		cmocka_unit_test(keys_fold_case_and_accents),
		cmocka_unit_test(the_frame_holds_the_eu),
		cmocka_unit_test(init_is_idempotent),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	place_free();
	return failed;
}
