/* index/: building an index from nodes and searching it (index.c, search.c,
 * dlist.c, snippet.c). Every test builds the small hub it needs. */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "index/index.h"
#include "index/search_int.h"
#include "text/text.h"

/* ---- building nodes ---- */

/* A node to index; pop 0 = population unknown. */
struct spec {
	int64_t nid;
	enum node_type type; /* 0 = practice */
	const char *lang, *title, *subtitle, *country, *city;
	int64_t pop;
	const char *themes[4], *labels[3];
	const char *text; /* a practice's summary section */
	const char *author, *body;
	const char *created; /* RFC 3339; NULL: not stored yet (the newest) */
};

static void set(char **field, const char *s)
{
	if (s)
		assert_ok(node_set(field, s, strlen(s)));
}

static struct node *make(const struct spec *sp)
{
	struct node *n = node_new(sp->type ? sp->type : NODE_PRACTICE);
	assert_non_null(n);
	n->nid = sp->nid;
	snprintf(n->language, sizeof n->language, "%s", sp->lang ? sp->lang : "en");
	set(&n->title, sp->title ? sp->title : "Untitled");
	set(&n->subtitle, sp->subtitle);
	set(&n->country, sp->country);
	set(&n->city, sp->city);
	n->population = sp->pop ? sp->pop : -1;
	for (size_t i = 0; i < 4 && sp->themes[i]; i++)
		assert_ok(strlist_add(&n->themes, sp->themes[i], strlen(sp->themes[i])));
	for (size_t i = 0; i < 3 && sp->labels[i]; i++)
		assert_ok(strlist_add(&n->labels, sp->labels[i], strlen(sp->labels[i])));
	if (sp->text)
		assert_ok(node_section_add(n, SECTION_SUMMARY, "Summary", sp->text));
	set(&n->author, sp->author);
	set(&n->body, sp->body);
	set(&n->created, sp->created);
	return n;
}

static void put(struct index *ix, const struct spec *sp)
{
	struct node *n = make(sp);
	assert_ok(index_put(ix, n));
	node_free(n);
}

static struct index *build(const struct spec *sp, size_t n)
{
	struct index *ix = index_new();
	assert_non_null(ix);
	for (size_t i = 0; i < n; i++)
		put(ix, &sp[i]);
	assert_int_equal(index_size(ix), n);
	return ix;
}

#define BUILD(specs) build(specs, sizeof specs / sizeof specs[0])

/* ---- searching ---- */

struct q {
	const char *text;
	struct index_filter f[8];
	size_t nf;
	size_t offset, limit; /* limit 0 = 100 */
	int facets;
	struct index_range population;
	int newest; /* 1: newest first, words or not */
	int places; /* 1: count the practices per place */
};

static enum px_err try_search(const struct index *ix, const struct q *q, struct index_result *r, struct buf *why)
{
	struct index_query iq = {
		.text = q->text,
		.filters = q->f,
		.nfilters = q->nf,
		.offset = q->offset,
		.limit = q->limit ? q->limit : 100,
		.facets = q->facets,
		.population = q->population,
		.newest = q->newest,
		.places = q->places,
	};
	return index_search(ix, &iq, r, why);
}

/* Runs q, which must succeed. */
static struct index_result search_q(const struct index *ix, const struct q *q)
{
	struct index_result r;
	struct buf why;
	buf_init(&why, 4096);
	enum px_err err = try_search(ix, q, &r, &why);
	if (err)
		fail_msg("search [%s]: %s: %s", q->text, px_strerror(err), why.len ? why.data : "");
	buf_free(&why);
	assert_true(r.nhits <= r.total);
	return r;
}

static struct index_result search(const struct index *ix, const char *text)
{
	struct q q = {.text = text};
	return search_q(ix, &q);
}

/* The nids of the page of hits, as "3,1,2". */
static const char *nids(const struct index_result *r)
{
	static char s[1024];
	size_t len = 0;
	s[0] = '\0';
	for (size_t i = 0; i < r->nhits; i++)
		len += (size_t)snprintf(s + len, sizeof s - len, "%s%lld", i ? "," : "", (long long)r->hits[i].nid);
	return s;
}

/* The nids q finds (all of them, in order). */
static void assert_finds(const struct index *ix, const struct q *q, const char *want)
{
	struct index_result r = search_q(ix, q);
	if (strcmp(nids(&r), want))
		print_message("search [%s] (%zu filters): got \"%s\", wanted \"%s\"\n", q->text ? q->text : "", q->nf,
			      nids(&r), want);
	assert_string_equal(nids(&r), want);
	assert_int_equal(r.total, r.nhits);
	index_result_free(&r);
}

static void assert_text_finds(const struct index *ix, const char *text, const char *want)
{
	struct q q = {.text = text};
	assert_finds(ix, &q, want);
}

/* The score of nid's hit in r; fails if it is not there. */
static double score_of(const struct index_result *r, int64_t nid)
{
	for (size_t i = 0; i < r->nhits; i++)
		if (r->hits[i].nid == nid)
			return r->hits[i].score;
	fail_msg("nid %lld not among the hits", (long long)nid);
	return 0;
}

/* The score of nid as the only hit of text. */
static double only_hit_score(const struct index *ix, const char *text, int64_t nid)
{
	struct index_result r = search(ix, text);
	if (r.total != 1 || r.hits[0].nid != nid)
		fail_msg("search [%s]: wanted only %lld, got \"%s\"", text, (long long)nid, nids(&r));
	double s = r.hits[0].score;
	assert_true(s > 0);
	index_result_free(&r);
	return s;
}

/* The count of value in facet f of r, 0 if absent; checks the order. */
static size_t facet(const struct index_result *r, enum index_facet f, const char *value)
{
	size_t found = 0;
	for (size_t i = 0; i < r->nfacet[f]; i++) {
		if (i > 0)
			assert_true(r->facets[f][i - 1].count >= r->facets[f][i].count); /* largest first */
		if (!strcmp(r->facets[f][i].value, value))
			found = r->facets[f][i].count;
	}
	return found;
}

/* ---- ranking ---- */

static void title_match_ranks_above_body_match(void **state)
{
	(void)state;
	const struct spec sp[] = {
		/* added first: a tie would put it second (newest first) */
		{.nid = 1, .title = "Solar roofs", .text = "Residents meet every week in the library."},
		{.nid = 2, .title = "Library gardens", .text = "Residents built solar panels on the library."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "solar ", "1,2");
	assert_text_finds(ix, "library ", "2,1");
	struct index_result r = search(ix, "solar ");
	assert_true(score_of(&r, 1) > score_of(&r, 2));
	index_result_free(&r);
	index_free(ix);
}

static void subtitle_and_themes_rank_above_text(void **state)
{
	(void)state;
	const struct spec sp[] = {
		/* fields of like lengths in every node, so that only the field differs */
		{.nid = 1, .title = "Alpha", .subtitle = "Plans for everyone", .themes = {"Transport"},
		 .text = "A plan about mobility for everyone here."},
		{.nid = 2, .title = "Beta", .subtitle = "Mobility for everyone", .themes = {"Transport"},
		 .text = "A plan about buses for everyone here."},
		{.nid = 3, .title = "Gamma", .subtitle = "Plans for everyone", .themes = {"Mobility"},
		 .text = "A plan about buses for everyone here."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "mobility ", "2,3,1");
	index_free(ix);
}

static void exact_ranks_above_stemmed(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing", .text = "Tenants run it."},
		{.nid = 2, .title = "Cooperative houses", .text = "Tenants run it."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "housing ", "1,2"); /* "houses" found by its stem */
	assert_text_finds(ix, "houses ", "2,1");
	struct index_result r = search(ix, "housing ");
	assert_true(score_of(&r, 1) > score_of(&r, 2));
	index_result_free(&r);
	index_free(ix);
}

/* The same document found by the word as written, by its stem, by a prefix
 * and through a typo: the scores fall in that order. */
static void exact_above_stemmed_above_prefix_and_typo(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing", .text = "Tenants run it."},
		{.nid = 2, .title = "Wind turbines", .text = "Tenants run them."},
		{.nid = 3, .title = "Urban gardens", .text = "Tenants run them."},
	};
	struct index *ix = BUILD(sp);
	double exact = only_hit_score(ix, "housing ", 1);
	double stemmed = only_hit_score(ix, "housed ", 1);
	double prefix = only_hit_score(ix, "housi", 1);
	double typo = only_hit_score(ix, "housnig ", 1);
	assert_true(exact > stemmed);
	assert_true(stemmed > prefix);
	assert_true(stemmed > typo);
	index_free(ix);
}

static void phrase_requires_adjacent_words_in_order(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Families", .text = "We build social housing for families."},
		{.nid = 2, .title = "Workers", .text = "Housing for social workers."},
		{.nid = 3, .title = "Urban social", .subtitle = "Housing everywhere", .text = "Nothing more."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "\"social housing\"", "1");
	assert_text_finds(ix, "\"Social Housing\" ", "1");
	assert_text_finds(ix, "\"housing social\"", ""); /* wrong order */
	assert_text_finds(ix, "\"housing for social\"", "2");
	/* without quotes every document has both words */
	struct index_result r = search(ix, "social housing ");
	assert_int_equal(r.total, 3);
	index_result_free(&r);
	/* a phrase never spans two fields: title "...social" + subtitle "Housing..." */
	struct q q = {.text = "\"social housing\"", .f = {{FACET_TYPE, "practice"}}, .nf = 1};
	assert_finds(ix, &q, "1");
	index_free(ix);
}

static void proximity_breaks_ties(void **state)
{
	(void)state;
	const struct spec sp[] = {
		/* same words, same lengths; only the distance between them differs */
		{.nid = 1, .title = "One", .text = "solar panels and bikes for the energy district"},
		{.nid = 2, .title = "Two", .text = "solar energy and bikes for the panels district"},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "solar energy ", "2,1");
	assert_text_finds(ix, "solar panels ", "1,2");
	index_free(ix);
}

static void hyphenated_names_are_found_every_way(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .lang = "it", .title = "CO-CITY", .country = "Italy", .city = "Turin",
		 .text = "The co-city project of Turin."},
		{.nid = 2, .title = "City gardens", .text = "Community gardens in the city."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "co-city ", "1");
	assert_text_finds(ix, "cocity ", "1");
	assert_text_finds(ix, "CO-CITY", "1");
	assert_text_finds(ix, "\"co city\"", "1");
	assert_text_finds(ix, "\"co-city project\"", "1");
	struct index_result r = search(ix, "co-city");
	assert_int_equal(r.nhits, 1);
	assert_string_equal(r.hits[0].title, "CO-CITY");
	assert_int_equal(r.hits[0].type, NODE_PRACTICE);
	assert_string_equal(r.hits[0].language, "it");
	index_result_free(&r);
	index_free(ix);
}

/* Content in several languages, found without accents, in other cases and
 * by inflected forms in the node's language. */
static void multilingual_matching(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .lang = "el", .title = "Δίκτυα πόλεων", .text = "Οι δήμοι συνεργάζονται."},
		{.nid = 2, .lang = "it", .title = "La città dei beni comuni", .text = "Patti di collaborazione."},
		{.nid = 3, .lang = "es", .title = "Parque fluvial del Besòs", .text = "Un río recuperado."},
		{.nid = 4, .lang = "hr", .title = "Zeleni gradovi", .text = "Projekt za mlade."},
		{.nid = 5, .lang = "fr", .title = "Les habitants du quartier", .text = "Un jardin partagé."},
		{.nid = 6, .lang = "de", .title = "Die neue Straßenbahn", .text = "Mehr Verkehr."},
		{.nid = 7, .lang = "pl", .title = "Mieszkańcy miasta", .text = "Budżet obywatelski."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "δικτυα ", "1");
	assert_text_finds(ix, "ΔΊΚΤΥΑ ", "1");
	assert_text_finds(ix, "δίκτυο ", "1"); /* Greek stem */
	/* the Polish "miasta" and Greek "πόλεων" through translations of
	 * "città" into their dictionary forms, below the native match */
	assert_text_finds(ix, "citta ", "2,7,1");
	assert_text_finds(ix, "CITTÀ ", "2,7,1");
	assert_text_finds(ix, "besos ", "3");
	assert_text_finds(ix, "gradova ", "4"); /* Croatian through the Serbian stemmer */
	assert_text_finds(ix, "habitant ", "5,7"); /* French stem; the Polish "mieszkańcy" translated */
	assert_text_finds(ix, "strassenbahn ", "6");
	assert_text_finds(ix, "mieszkancy ", "7"); /* Polish: no stemmer, still folded */
	assert_text_finds(ix, "budzet ", "7");
	index_free(ix);
}

/* ---- query operators ---- */

static void exclusion_removes_documents(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs", .text = "Cheaper energy for tenants."},
		{.nid = 2, .title = "Solar farms", .text = "Land for panels."},
		{.nid = 3, .title = "Wind energy", .text = "Turbines at sea."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "solar ", "2,1");
	assert_text_finds(ix, "solar -energy ", "2");
	assert_text_finds(ix, "-energy solar ", "2");
	assert_text_finds(ix, "solar -\"solar roofs\" ", "2");
	assert_text_finds(ix, "solar -farm ", "1"); /* an inflected form is excluded too */
	/* only exclusions: everything else */
	assert_text_finds(ix, "-energy", "2");
	assert_text_finds(ix, "-turbines -farms ", "1");
	index_free(ix);
}

/* Compounds (compound.c): a text's compound is filed under its parts too,
 * in its language; a query's compound that finds nothing is split. */
static void compounds_are_split(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .lang = "da", .title = "Skolehaver", .text = "Eleverne dyrker grøntsager."},
		{.nid = 2, .lang = "de", .title = "Neue Straßenbeleuchtung", .text = "In der Altstadt."},
		{.nid = 3, .lang = "en", .title = "Street lighting", .text = "Lamps in the old town."},
		{.nid = 4, .lang = "en", .title = "Schoolyards", .text = "Play before lessons."},
	};
	struct index *ix = BUILD(sp);
	/* the Danish text's parts, as typed in Danish and translated */
	assert_text_finds(ix, "haver ", "1");
	assert_text_finds(ix, "Beleuchtung ", "2,3"); /* and translated, "lighting" */
	struct index_result r = search(ix, "school gardens ");
	assert_string_equal(nids(&r), "1");
	index_result_free(&r);
	/* the German text has the compound whole: a match as typed */
	assert_text_finds(ix, "Straßenbeleuchtung ", "2");
	/* an English word is not split: only compounding languages' are */
	r = search(ix, "yards ");
	assert_null(strstr(nids(&r), "4"));
	index_result_free(&r);
	index_free(ix);
	/* a German compound no text has: its parts, translated, find the
	 * English text */
	ix = build(sp + 2, 2);
	assert_text_finds(ix, "Straßenbeleuchtung ", "3");
	index_free(ix);
}

static void or_matches_either(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs", .text = "On schools."},
		{.nid = 2, .title = "Wind turbines", .text = "At sea."},
		{.nid = 3, .title = "Urban gardens", .text = "In parks."},
		{.nid = 4, .title = "Solar gardens", .text = "In parks."},
	};
	struct index *ix = BUILD(sp);
	struct index_result r = search(ix, "solar OR wind ");
	assert_int_equal(r.total, 3);
	assert_true(strstr(nids(&r), "3") == NULL);
	index_result_free(&r);
	assert_text_finds(ix, "solar OR wind gardens ", "4");
	assert_text_finds(ix, "gardens wind OR solar ", "4");
	r = search(ix, "wind OR gardens ");
	assert_int_equal(r.total, 3);
	assert_true(strstr(nids(&r), "1") == NULL);
	index_result_free(&r);
	/* lower case "or" is a word, and an optional one: no document has
	 * both "solar" and "wind", so each keeps the documents with one of
	 * them, and the result names both as left out */
	r = search(ix, "solar or wind ");
	assert_string_equal(nids(&r), "2,4,1");
	assert_int_equal(strlist_len(&r.left_out), 2);
	index_result_free(&r);
	index_free(ix);
}

static void last_word_matches_as_a_prefix(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Neighbourhood gardens", .text = "In parks."},
		{.nid = 2, .title = "Neighbours council", .text = "In halls."},
		{.nid = 3, .title = "Wind turbines", .text = "At sea."},
	};
	struct index *ix = BUILD(sp);
	struct index_result r = search(ix, "neighb");
	assert_int_equal(r.total, 2);
	assert_true(strstr(nids(&r), "3") == NULL);
	index_result_free(&r);
	assert_text_finds(ix, "neighb ", ""); /* finished words are not prefixes */
	assert_text_finds(ix, "wind turb", "3");
	/* only the last word is a prefix: "turb" finds nothing, and is left out
	 * since "wind" finds something (issue 15) */
	assert_text_finds(ix, "turb wind", "3");
	assert_text_finds(ix, "neighbourhood gard", "1");
	index_free(ix);
}

/* Prefixes are looked up in the sorted term list and in the terms added
 * since it was last sorted. */
static void prefix_over_sorted_and_unsorted_terms(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	struct buf body;
	buf_init(&body, 1 << 20);
	for (int i = 0; i < 5000; i++)
		assert_ok(buf_printf(&body, "lexeme%04d ", i));
	assert_ok(buf_adds(&body, "neighbourhood"));
	struct spec big = {.nid = 1, .type = NODE_ARTICLE, .title = "Glossary", .author = "Ed", .body = body.data};
	put(ix, &big); /* enough new terms to sort them */
	struct spec later = {.nid = 2, .title = "Neighbours council", .text = "Lexemes everywhere."};
	put(ix, &later);
	struct index_result r = search(ix, "neighb");
	assert_int_equal(r.total, 2);
	index_result_free(&r);
	assert_text_finds(ix, "lexeme4999", "1");
	assert_text_finds(ix, "lexeme499", "1");
	r = search(ix, "lexeme");
	assert_int_equal(r.total, 2);
	index_result_free(&r);
	buf_free(&body);
	index_free(ix);
}

static void typos_are_tolerated_by_length(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing", .text = "Tenants run it."},
		{.nid = 2, .title = "Solar roofs", .text = "On schools."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "housnig ", "1");   /* 7 letters, 1 typo */
	assert_text_finds(ix, "cooprativ ", "1"); /* 9 letters, 2 typos */
	assert_text_finds(ix, "hxusinx ", "");    /* 7 letters, 2 typos: too many */
	assert_text_finds(ix, "rofs ", "");       /* 4 letters: no typo allowed */
	assert_text_finds(ix, "sular ", "2");     /* 5 letters, 1 typo */
	index_free(ix);
}

static void did_you_mean_a_misspelt_word(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing", .text = "Tenants run it."},
		{.nid = 2, .title = "Solar roofs", .text = "On schools."},
	};
	struct index *ix = BUILD(sp);
	struct index_result r = search(ix, "housnig ");
	assert_non_null(r.did_you_mean);
	assert_string_equal(r.did_you_mean, "housing");
	assert_int_equal(r.total, 1);
	index_result_free(&r);
	r = search(ix, "Cooperative Housnig ");
	assert_non_null(r.did_you_mean);
	assert_string_equal(r.did_you_mean, "cooperative housing");
	index_result_free(&r);
	/* every word matches: no suggestion */
	r = search(ix, "cooperative housing ");
	assert_null(r.did_you_mean);
	assert_int_equal(r.total, 1);
	index_result_free(&r);
	r = search(ix, "housed "); /* a stem is not a typo */
	assert_null(r.did_you_mean);
	index_result_free(&r);
	/* nothing close: no suggestion either */
	r = search(ix, "zzzzzzzz ");
	assert_null(r.did_you_mean);
	assert_int_equal(r.total, 0);
	index_result_free(&r);
	index_free(ix);
}

/* ---- filters and facets ---- */

static const struct spec hub[] = {
	{.nid = 1, .lang = "es", .title = "AS-FABRIK", .subtitle = "Industry 4.0 for Bilbao", .country = "Spain",
	 .city = "Bilbao", .pop = 345000, .themes = {"Jobs", "Economy"}, .labels = {"Urban Innovative Actions"},
	 .text = "Digital jobs in the old factory district."},
	{.nid = 2, .lang = "es", .title = "BMINCOME", .subtitle = "Guaranteed income", .country = "Spain",
	 .city = "Barcelona", .pop = 1620000, .themes = {"Inclusion", "Jobs"}, .labels = {"Urban Innovative Actions"},
	 .text = "Income and jobs for the Besòs neighbourhoods."},
	{.nid = 3, .lang = "it", .title = "CO-CITY", .subtitle = "Commons in Turin", .country = "Italy",
	 .city = "Turin", .pop = 870000, .themes = {"Governance"}, .labels = {"URBACT Good Practice"},
	 .text = "Pacts between residents and the city."},
	{.nid = 4, .type = NODE_ARTICLE, .lang = "en", .title = "Urban gardens", .author = "Ana Pérez",
	 .body = "Gardens and jobs on roofs."},
	{.nid = 5, .lang = "hr", .title = "Zeleni Zagreb", .subtitle = "Green jobs", .country = "Croatia",
	 .city = "Zagreb", .pop = 790000, .themes = {"Jobs"}, .text = "Jobs for young people."},
};

static void filters_on_one_field_are_ored(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	struct q q = {.text = "", .f = {{FACET_COUNTRY, "Spain"}}, .nf = 1};
	assert_finds(ix, &q, "2,1");
	q = (struct q){.text = "", .f = {{FACET_COUNTRY, "Spain"}, {FACET_COUNTRY, "Italy"}}, .nf = 2};
	assert_finds(ix, &q, "3,2,1");
	q = (struct q){.text = "", .f = {{FACET_THEMES, "Governance"}, {FACET_THEMES, "Inclusion"}}, .nf = 2};
	assert_finds(ix, &q, "3,2");
	index_free(ix);
}

static void filters_on_different_fields_are_anded(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	struct q q = {.text = "", .f = {{FACET_THEMES, "Jobs"}}, .nf = 1};
	assert_finds(ix, &q, "5,2,1");
	q = (struct q){.text = "", .f = {{FACET_COUNTRY, "Spain"}, {FACET_THEMES, "Jobs"}, {FACET_CITY, "Bilbao"}}, .nf = 3};
	assert_finds(ix, &q, "1");
	q = (struct q){.text = "", .f = {{FACET_COUNTRY, "Italy"}, {FACET_THEMES, "Jobs"}}, .nf = 2};
	assert_finds(ix, &q, "");
	/* two fields, one with two values: (Spain OR Croatia) AND Inclusion */
	q = (struct q){.text = "",
		       .f = {{FACET_COUNTRY, "Spain"}, {FACET_THEMES, "Inclusion"}, {FACET_COUNTRY, "Croatia"}},
		       .nf = 3};
	assert_finds(ix, &q, "2");
	/* with words */
	q = (struct q){.text = "jobs ", .f = {{FACET_COUNTRY, "Spain"}}, .nf = 1};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 2);
	index_result_free(&r);
	index_free(ix);
}

static void filters_on_every_field(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	struct q q = {.text = "", .f = {{FACET_TYPE, "article"}}, .nf = 1};
	assert_finds(ix, &q, "4");
	q = (struct q){.text = "", .f = {{FACET_LABELS, "URBACT Good Practice"}}, .nf = 1};
	assert_finds(ix, &q, "3");
	q = (struct q){.text = "", .f = {{FACET_LANGUAGE, "es"}}, .nf = 1};
	assert_finds(ix, &q, "2,1");
	q = (struct q){.text = "", .f = {{FACET_AUTHOR, "Ana Pérez"}}, .nf = 1};
	assert_finds(ix, &q, "4");
	q = (struct q){.text = "", .f = {{FACET_CITY_SIZE, "metropolitan"}}, .nf = 1};
	assert_finds(ix, &q, "2");
	/* values compare without case or accents */
	q = (struct q){.text = "", .f = {{FACET_COUNTRY, "spain"}}, .nf = 1};
	assert_finds(ix, &q, "2,1");
	q = (struct q){.text = "", .f = {{FACET_AUTHOR, "ana perez"}}, .nf = 1};
	assert_finds(ix, &q, "4");
	index_free(ix);
}

static void filters_in_the_query_text(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	assert_text_finds(ix, "country:Spain theme:Jobs", "2,1");
	assert_text_finds(ix, "labels:\"Urban Innovative Actions\" city:Bilbao", "1");
	assert_text_finds(ix, "type:article", "4");
	/* and combined with --filter ones: same field ORed */
	struct q q = {.text = "country:Italy", .f = {{FACET_COUNTRY, "Croatia"}}, .nf = 1};
	assert_finds(ix, &q, "5,3");
	index_free(ix);
}

static void unknown_filter_value_is_a_parse_error(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	struct index_result r;
	struct buf why;
	buf_init(&why, 4096);
	struct q q = {.text = "jobs", .f = {{FACET_COUNTRY, "Atlantis"}}, .nf = 1};
	assert_int_equal(try_search(ix, &q, &r, &why), PX_EPARSE);
	assert_true(why.len > 0);
	assert_non_null(strstr(why.data, "Atlantis"));
	assert_non_null(strstr(why.data, "country"));
	buf_reset(&why);
	q = (struct q){.text = "city_size:huge"};
	assert_int_equal(try_search(ix, &q, &r, &why), PX_EPARSE);
	assert_non_null(strstr(why.data, "huge"));
	buf_free(&why);
	index_free(ix);
}

static void facets_count_the_whole_result_set(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	struct q q = {.text = "jobs ", .limit = 1, .facets = 1};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 4); /* 1, 2, 4, 5 */
	assert_int_equal(r.nhits, 1);
	assert_int_equal(facet(&r, FACET_TYPE, "practice"), 3);
	assert_int_equal(facet(&r, FACET_TYPE, "article"), 1);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Spain"), 2);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Croatia"), 1);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Italy"), 0); /* not a hit */
	assert_string_equal(r.facets[FACET_COUNTRY][0].value, "Spain");
	assert_int_equal(r.nfacet[FACET_COUNTRY], 2);
	assert_int_equal(facet(&r, FACET_THEMES, "Jobs"), 3);
	assert_int_equal(facet(&r, FACET_THEMES, "Economy"), 1);
	assert_int_equal(facet(&r, FACET_THEMES, "Inclusion"), 1);
	assert_int_equal(facet(&r, FACET_THEMES, "Governance"), 0);
	assert_string_equal(r.facets[FACET_THEMES][0].value, "Jobs");
	assert_int_equal(facet(&r, FACET_LABELS, "Urban Innovative Actions"), 2);
	assert_int_equal(facet(&r, FACET_CITY, "Bilbao"), 1);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "large"), 2); /* Bilbao, Zagreb */
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "metropolitan"), 1);
	assert_int_equal(facet(&r, FACET_LANGUAGE, "es"), 2);
	assert_int_equal(facet(&r, FACET_LANGUAGE, "en"), 1);
	assert_int_equal(facet(&r, FACET_LANGUAGE, "hr"), 1);
	assert_int_equal(r.nfacet[FACET_AUTHOR], 0); /* a filter only */
	index_result_free(&r);
	/* the same with a filter: counts follow the filtered set */
	q = (struct q){.text = "jobs ", .f = {{FACET_COUNTRY, "Spain"}}, .nf = 1, .limit = 1, .facets = 1};
	r = search_q(ix, &q);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.nfacet[FACET_COUNTRY], 1);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Spain"), 2);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "large"), 1);
	index_result_free(&r);
	/* a theme given twice counts once, like the filter that finds it */
	put(ix, &(struct spec){.nid = 90, .title = "Jobs twice", .themes = {"Jobs", "jobs", "Jobs"}});
	q = (struct q){.text = "twice ", .facets = 1};
	r = search_q(ix, &q);
	assert_int_equal(facet(&r, FACET_THEMES, "Jobs"), 1);
	assert_int_equal(r.nfacet[FACET_THEMES], 1);
	index_result_free(&r);
	/* without facets asked for: none */
	r = search(ix, "jobs ");
	for (int f = 0; f < FACET_COUNT; f++)
		assert_int_equal(r.nfacet[f], 0);
	index_result_free(&r);
	index_free(ix);
}

static void city_size_buckets(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "A", .city = "A", .pop = 49999, .text = "garden"},
		{.nid = 2, .title = "B", .city = "B", .pop = 50000, .text = "garden"},
		{.nid = 3, .title = "C", .city = "C", .pop = 250000, .text = "garden"},
		{.nid = 4, .title = "D", .city = "D", .pop = 1000000, .text = "garden"},
		{.nid = 5, .title = "E", .city = "E", .pop = 1000001, .text = "garden"},
		{.nid = 6, .title = "F", .city = "F", .text = "garden"}, /* population unknown */
		{.nid = 7, .title = "G", .city = "G", .pop = 249999, .text = "garden"},
	};
	struct index *ix = BUILD(sp);
	struct q q = {.text = "", .f = {{FACET_CITY_SIZE, "small"}}, .nf = 1};
	assert_finds(ix, &q, "1");
	q.f[0].value = "medium";
	assert_finds(ix, &q, "7,2");
	q.f[0].value = "large";
	assert_finds(ix, &q, "4,3");
	q.f[0].value = "metropolitan";
	assert_finds(ix, &q, "5");
	q = (struct q){.text = "garden ", .facets = 1};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 7);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "small"), 1);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "medium"), 2);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "large"), 2);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "metropolitan"), 1);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "unknown"), 1); /* so the counts add up */
	assert_int_equal(r.nfacet[FACET_CITY_SIZE], 5);
	index_result_free(&r);
	q = (struct q){.text = "", .f = {{FACET_CITY_SIZE, "unknown"}}, .nf = 1};
	assert_finds(ix, &q, "6");
	/* a population range: both ends in, the unknown out, with words, a
	 * facet, and the facet counts over the range alone */
	q = (struct q){.text = "", .population = {1, 50000, 1000000}};
	assert_finds(ix, &q, "7,4,3,2");
	q = (struct q){.text = "garden ", .population = {1, 249999, 1000000}, .facets = 1};
	r = search_q(ix, &q);
	assert_int_equal(r.total, 3);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "medium"), 1);
	assert_int_equal(facet(&r, FACET_CITY_SIZE, "large"), 2);
	assert_int_equal(r.nfacet[FACET_CITY_SIZE], 2);
	index_result_free(&r);
	q = (struct q){.text = "", .f = {{FACET_CITY_SIZE, "large"}}, .nf = 1, .population = {1, 0, 999999}};
	assert_finds(ix, &q, "3");
	q = (struct q){.text = "", .population = {1, 0, INT64_MAX}};
	assert_finds(ix, &q, "7,5,4,3,2,1");
	q = (struct q){.text = "", .population = {1, 2000000, INT64_MAX}};
	assert_finds(ix, &q, "");
	index_free(ix);
}


static void stop_words_in_the_query_are_optional(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs", .text = "Panels on schools."},
		{.nid = 2, .title = "Solar farms", .text = "The panels of the town."},
	};
	struct index *ix = BUILD(sp);
	struct index_result r = search(ix, "the solar ");
	assert_int_equal(r.total, 2); /* node 1 has no "the" */
	index_result_free(&r);
	/* a query of stop words only must match them */
	assert_text_finds(ix, "the of ", "2");
	index_free(ix);
}

static void phrase_words_match_inflected_forms(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Families", .text = "We build social housing for families."},
		{.nid = 2, .title = "Workers", .text = "Housing for social workers."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "\"social houses\"", "1");
	assert_text_finds(ix, "\"socials housing\"", "1");
	index_free(ix);
}

/* A phrase over words of several forms, on enough documents that every
 * form's list is long (bitmaps, skips): its hits are exactly the documents
 * where a form of the first word is followed by a form of the second,
 * counted by hand. Forms come and go from one document to the next, so the
 * phrase's cursors over them move at different paces. */
static void phrase_over_many_forms_finds_exactly_the_adjacent_ones(void **state)
{
	(void)state;
	static const char *const words[] = {"house", "houses", "housing", "social", "socials", "garden"};
	enum { NDOCS = 400, NTOKENS = 24 };
	static char texts[NDOCS][NTOKENS * 8 + 1];
	struct spec sp[NDOCS];
	int expect[NDOCS];
	size_t nexpect = 0;
	unsigned seed = 7;
	for (size_t d = 0; d < NDOCS; d++) {
		size_t tok[NTOKENS], len = 0;
		expect[d] = 0;
		for (size_t i = 0; i < NTOKENS; i++) {
			seed = seed * 1103515245u + 12345u;
			tok[i] = (seed >> 16) % 6;
			len += (size_t)snprintf(texts[d] + len, sizeof texts[d] - len, "%s%s", i ? " " : "",
						words[tok[i]]);
			expect[d] |= i > 0 && tok[i - 1] <= 2 && (tok[i] == 3 || tok[i] == 4);
		}
		nexpect += (size_t)expect[d];
		sp[d] = (struct spec){.nid = (int64_t)d + 1, .title = "Untitled", .text = texts[d]};
	}
	struct index *ix = build(sp, NDOCS);
	assert_ok(index_flush(ix));
	struct q q = {.text = "\"housing social\"", .limit = NDOCS};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, nexpect);
	assert_int_equal(r.nhits, nexpect);
	int seen[NDOCS] = {0};
	for (size_t i = 0; i < r.nhits; i++) {
		assert_true(r.hits[i].nid >= 1 && r.hits[i].nid <= NDOCS);
		seen[r.hits[i].nid - 1] = 1;
	}
	for (size_t d = 0; d < NDOCS; d++)
		assert_int_equal(seen[d], expect[d]);
	index_result_free(&r);
	index_free(ix);
}

static void every_field_is_searchable(void **state)
{
	(void)state;
	struct index *ix = BUILD(hub);
	assert_text_finds(ix, "perez ", "4");           /* author */
	assert_text_finds(ix, "bilbao ", "1");          /* city (and subtitle) */
	assert_text_finds(ix, "croatia ", "5");         /* country */
	assert_text_finds(ix, "governance ", "3");      /* theme */
	assert_text_finds(ix, "urbact ", "3");          /* label */
	assert_text_finds(ix, "guaranteed ", "2");      /* subtitle */
	assert_text_finds(ix, "pacts ", "3");           /* section text */
	assert_text_finds(ix, "roofs ", "4");           /* article body */
	assert_text_finds(ix, "\"industry 4.0\"", "1"); /* a number in a phrase */
	index_free(ix);
}

static void typo_in_greek_counts_code_points(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .lang = "el", .title = "Δίκτυα πόλεων", .text = "Οι δήμοι συνεργάζονται."},
		{.nid = 2, .lang = "en", .title = "Solar roofs", .text = "On schools."},
	};
	struct index *ix = BUILD(sp);
	struct index_result r = search(ix, "δικτζα "); /* 6 letters, 12 bytes: one typo */
	assert_string_equal(nids(&r), "1");
	assert_non_null(r.did_you_mean);
	assert_string_equal(r.did_you_mean, "δικτυα");
	index_result_free(&r);
	index_free(ix);
}

/* index.h: did_you_mean is NULL unless a corrected query finds more. */
static void no_suggestion_that_finds_nothing(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing", .text = "Tenants run it."},
		{.nid = 2, .title = "Solar roofs", .text = "On schools."},
	};
	struct index *ix = BUILD(sp);
	/* "solar housing" has no document with both words either: suggesting
	 * it does not help (each word alone finds its document) */
	struct index_result r = search(ix, "solar housnig ");
	assert_int_equal(r.total, 2);
	if (r.did_you_mean)
		print_message("did_you_mean: \"%s\" (which finds nothing)\n", r.did_you_mean);
	assert_null(r.did_you_mean);
	index_result_free(&r);
	index_free(ix);
}

/* The Serbian stemmer serves Croatian and Bosnian (issue 3, text.h). The
 * words are short enough that neither truncation nor typos reach them. */
static void bosnian_nodes_are_stemmed_like_croatian(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .lang = "hr", .title = "Obnova kuća", .text = "Projekt za mlade."},
		{.nid = 2, .lang = "bs", .title = "Život u selima", .text = "Projekt za turiste."},
	};
	struct index *ix = BUILD(sp);
	assert_text_finds(ix, "kućom ", "1"); /* Croatian: kuća, kućom → kuc */
	char a[64], b[64];
	struct text_stem *st = text_stem_new();
	assert_non_null(st);
	a[text_stem(st, "bs", "selo", 4, a, sizeof a - 1)] = '\0';
	b[text_stem(st, "bs", "selima", 6, b, sizeof b - 1)] = '\0';
	assert_string_equal(a, b); /* the stemmer joins them... */
	text_stem_free(st);
	assert_text_finds(ix, "selo ", "2"); /* ...so the index should too */
	index_free(ix);
}

static void empty_index_finds_nothing(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	assert_int_equal(index_size(ix), 0);
	struct q q = {.text = "housing", .facets = 1};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.nhits, 0);
	assert_null(r.did_you_mean);
	index_result_free(&r);
	assert_text_finds(ix, "", "");
	assert_text_finds(ix, "housnig hous", "");
	assert_int_equal(index_remove(ix, 1), PX_ENOTFOUND);
	index_free(ix);
}

/* ---- pages ---- */

static void offset_and_limit_page_through_hits(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 11, .title = "Garden one", .text = "garden"},
		{.nid = 12, .title = "Two", .text = "garden garden in the park"},
		{.nid = 13, .title = "Three", .text = "a garden"},
		{.nid = 14, .title = "Four", .text = "the garden of the school and more words"},
		{.nid = 15, .title = "Five gardens", .text = "garden"},
		{.nid = 16, .title = "Six", .text = "roof garden"},
		{.nid = 17, .title = "Seven", .text = "garden on the roof of the library"},
	};
	struct index *ix = BUILD(sp);
	struct index_result all = search(ix, "garden ");
	assert_int_equal(all.total, 7);
	assert_int_equal(all.nhits, 7);
	for (size_t i = 1; i < all.nhits; i++)
		assert_true(all.hits[i - 1].score >= all.hits[i].score);
	char whole[256];
	snprintf(whole, sizeof whole, "%s", nids(&all));
	char paged[256] = "";
	for (size_t off = 0; off < 7; off += 3) {
		struct q q = {.text = "garden ", .offset = off, .limit = 3};
		struct index_result r = search_q(ix, &q);
		assert_int_equal(r.total, 7);
		assert_int_equal(r.nhits, off == 6 ? 1 : 3);
		for (size_t i = 0; i < r.nhits; i++) {
			assert_int_equal(r.hits[i].nid, all.hits[off + i].nid);
			assert_true(r.hits[i].score == all.hits[off + i].score);
		}
		snprintf(paged + strlen(paged), sizeof paged - strlen(paged), "%s%s", off ? "," : "", nids(&r));
		index_result_free(&r);
	}
	assert_string_equal(paged, whole);
	struct q q = {.text = "garden ", .offset = 7, .limit = 3};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 7);
	assert_int_equal(r.nhits, 0);
	index_result_free(&r);
	q.offset = 1000;
	r = search_q(ix, &q);
	assert_int_equal(r.total, 7);
	assert_int_equal(r.nhits, 0);
	index_result_free(&r);
	index_result_free(&all);
	index_free(ix);
}

static void empty_query_lists_newest_first(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 3, .title = "C", .country = "Spain"},
		{.nid = 10, .title = "J", .country = "Spain"},
		{.nid = 7, .title = "G", .country = "Italy"},
		{.nid = 1, .type = NODE_ARTICLE, .title = "A", .author = "X", .body = "text"},
	};
	struct index *ix = BUILD(sp);
	struct q q = {.text = "", .f = {{FACET_TYPE, "practice"}}, .nf = 1};
	assert_finds(ix, &q, "10,7,3");
	q = (struct q){.text = "  ", .f = {{FACET_COUNTRY, "Spain"}}, .nf = 1};
	assert_finds(ix, &q, "10,3");
	assert_text_finds(ix, "", "10,7,3,1");
	q = (struct q){.text = NULL, .offset = 1, .limit = 2};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 4);
	assert_string_equal(nids(&r), "7,3");
	index_result_free(&r);
	index_free(ix);
}

/* sort=newest: the same hits as ranked, ordered by created (then nid),
 * whatever their scores, on every page; excluded words still exclude. */
static void words_sorted_newest_first(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Housing housing housing", .created = "2026-01-05T10:00:00Z"},
		{.nid = 2,
		 .title = "Bike lanes",
		 .text = "housing nearby",
		 .created = "2026-03-01T10:00:00Z"},
		{.nid = 3, .title = "Social housing", .created = "2025-12-31T23:59:59Z"},
		{.nid = 4,
		 .title = "Housing cooperatives",
		 .text = "cooperative",
		 .created = "2026-03-01T10:00:00Z"},
		{.nid = 5, .title = "Parks", .created = "2027-01-01T00:00:00Z"},
	};
	struct index *ix = BUILD(sp);
	struct q q = {.text = "housing"};
	struct index_result ranked = search_q(ix, &q);
	assert_int_equal(ranked.total, 4);
	assert_true(ranked.words);
	assert_string_not_equal(nids(&ranked), "4,2,1,3"); /* else the test proves nothing */
	index_result_free(&ranked);
	q.newest = 1;
	assert_finds(ix, &q, "4,2,1,3"); /* 4 and 2 created at once: the higher nid first */
	q = (struct q){.text = "housing", .newest = 1, .offset = 1, .limit = 2};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(r.total, 4);
	assert_string_equal(nids(&r), "2,1");
	index_result_free(&r);
	q = (struct q){.text = "housing -cooperatives", .newest = 1};
	assert_finds(ix, &q, "2,1,3");
	q = (struct q){.text = "-cooperatives"}; /* no words to rank by: newest anyway */
	r = search_q(ix, &q);
	assert_false(r.words);
	assert_string_equal(nids(&r), "5,2,1,3");
	index_result_free(&r);
	index_free(ix);
}

/* Listings without words walk the nids in order when the set is dense and
 * rank it with a heap when sparse; nodes put after the last flush, and
 * updated ones, are merged in. Both must give the model's order. */
static void newest_first_dense_sparse_and_unflushed(void **state)
{
	(void)state;
	enum { N = 300, PAGE = 7 };
	struct index *ix = index_new();
	assert_non_null(ix);
	int in_malta[N + 20] = {0};
	for (int i = 0; i < N; i++) {
		int64_t nid = (int64_t)(i * 37 % N) + 1; /* neither ascending nor descending */
		in_malta[nid] = nid % 29 == 0;
		put(ix, &(struct spec){.nid = nid, .country = in_malta[nid] ? "Malta" : "Spain"});
	}
	assert_ok(index_flush(ix));
	for (int64_t nid = N + 1; nid <= N + 5; nid++) /* newer, not flushed */
		put(ix, &(struct spec){.nid = nid, .country = "Spain"});
	for (int64_t nid = 29; nid <= 87; nid += 29) { /* moved from Malta to Spain */
		in_malta[nid] = 0;
		put(ix, &(struct spec){.nid = nid, .country = "Spain"});
	}
	for (int malta = 0; malta < 2; malta++) {
		char want[2048] = "", *end = want;
		size_t total = 0;
		for (int64_t nid = N + 5; nid >= 1; nid--)
			if (!malta || in_malta[nid])
				end += snprintf(end, (size_t)(want + sizeof want - end), "%s%lld",
						total++ ? "," : "", (long long)nid);
		for (size_t off = 0; off < total; off += PAGE) {
			struct q q = {.offset = off,
				      .limit = PAGE,
				      .f = {{FACET_COUNTRY, "Malta"}},
				      .nf = (size_t)malta};
			struct index_result r = search_q(ix, &q);
			assert_int_equal(r.total, total);
			const char *page = want; /* the PAGE nids from off */
			for (size_t i = 0; i < off; i++)
				page = strchr(page, ',') + 1;
			const char *stop = page;
			for (size_t i = 0; i < PAGE && stop; i++)
				stop = strchr(stop + (i > 0), ',');
			size_t len = stop ? (size_t)(stop - page) : strlen(page);
			if (strlen(nids(&r)) != len || strncmp(nids(&r), page, len))
				fail_msg("malta=%d offset %zu: got %s, wanted %.*s", malta, off, nids(&r),
					 (int)len, page);
			index_result_free(&r);
		}
	}
	index_free(ix);
}

/* index_similar() with one list of every type. */
static enum px_err similar_all(const struct index *ix, const struct node *n, size_t limit, struct index_result *r)
{
	struct index_similar_want want = {.types = INDEX_SIMILAR_ALL, .limit = limit};
	enum px_err err = index_similar(ix, n, &want, 1);
	*r = want.r;
	return err;
}

/* Related nodes: shared themes and rare words score, a theme more than
 * any words, the node itself and unrelated ones are left out, and only
 * the best `limit` are kept, in order, while total counts every related
 * one. */
static void similar_ranks_shared_words_and_themes(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs on schools", .themes = {"Energy"}},
		{.nid = 2, .title = "Solar roofs for housing", .themes = {"Mobility"}},
		{.nid = 3, .title = "Green roofs and gardens", .themes = {"Energy"}},
		{.nid = 4, .title = "Bike lanes", .themes = {"Energy"}},
		{.nid = 5, .title = "Bike lanes again", .themes = {"Mobility"}},
	};
	struct index *ix = BUILD(sp);
	struct node *n = make(&sp[0]);
	struct index_result r;
	assert_ok(similar_all(ix, n, 10, &r));
	assert_string_equal(nids(&r), "3,4,2"); /* a theme outweighs the words of a title */
	assert_int_equal(r.total, 3);
	assert_true(r.hits[0].score > r.hits[1].score && r.hits[1].score > r.hits[2].score);
	index_result_free(&r);
	assert_ok(similar_all(ix, n, 2, &r));
	assert_string_equal(nids(&r), "3,4");
	assert_int_equal(r.total, 3);
	index_result_free(&r);
	node_free(n);
	index_free(ix);
}

/* Issue 13: a Porto housing practice was matched by title words to
 * LAB-HUB and FOOD-GROW, not to the other Porto housing practice. Its
 * related practices put housing first, then a city of its size; stories
 * are never among them, but listed apart. */
static void similar_housing_before_title_words(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Cooperative housing for young families", .country = "Portugal", .city = "Porto",
		 .pop = 231000, .themes = {"Housing"}, .text = "Young families build and own their homes together."},
		{.nid = 2, .title = "Affordable rents in the old town", .country = "Portugal", .city = "Porto",
		 .pop = 231000, .themes = {"Housing", "Heritage"}, .text = "The city leases empty flats to tenants."},
		{.nid = 3, .title = "LAB-HUB: a cooperative lab for young families", .country = "Portugal",
		 .city = "Lisbon", .pop = 545000, .themes = {"Innovation"},
		 .text = "Young families and makers build prototypes together in a cooperative lab."},
		{.nid = 4, .title = "FOOD-GROW: young families grow food", .country = "Portugal", .city = "Braga",
		 .pop = 193000, .themes = {"Food"}, .text = "Young families own and build gardens together."},
		{.nid = 5, .title = "Homes for young families", .country = "Spain", .city = "Vigo", .pop = 296000,
		 .themes = {"Housing"}, .text = "Tenants and owners share a building."},
		{.nid = 6, .type = NODE_ARTICLE, .title = "Cooperative housing for young families: a visit",
		 .themes = {"Housing"}, .body = "Young families build and own their homes together in Porto."},
		{.nid = 7, .title = "Parks and squares", .country = "Portugal", .city = "Porto", .pop = 231000,
		 .themes = {"Environment"}, .text = "Benches and trees."},
	};
	struct index *ix = BUILD(sp);
	struct node *n = make(&sp[0]);
	struct index_similar_want want[] = {{.types = 1u << NODE_PRACTICE, .limit = 2},
					    {.types = 1u << NODE_ARTICLE, .limit = 3}};
	assert_ok(index_similar(ix, n, want, 2));
	/* housing in Porto, then housing elsewhere; the title words' LAB-HUB
	 * and FOOD-GROW after them */
	assert_string_equal(nids(&want[0].r), "2,5");
	assert_int_equal(want[0].r.total, 5);
	for (size_t i = 0; i < want[0].r.nhits; i++)
		assert_int_equal(want[0].r.hits[i].type, NODE_PRACTICE);
	assert_string_equal(nids(&want[1].r), "6");
	index_result_free(&want[0].r);
	index_result_free(&want[1].r);
	node_free(n);
	index_free(ix);
}

/* index_similar()'s lists are kept per node (nid and changed stamp) until
 * the index changes: asked again, the same; the node changed, its own; a
 * node added, in them. */
static void similar_kept_until_the_index_changes(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs on schools", .themes = {"Energy"}},
		{.nid = 2, .title = "Solar panels for housing", .themes = {"Mobility"}},
		{.nid = 3, .title = "Bike lanes", .themes = {"Mobility"}},
	};
	struct index *ix = BUILD(sp);
	struct node *n = make(&sp[0]);
	set(&n->changed, "2026-01-01T00:00:00Z"); /* as read from the store: kept */
	struct index_result r;
	assert_ok(similar_all(ix, n, 10, &r));
	assert_string_equal(nids(&r), "2");
	index_result_free(&r);
	assert_ok(similar_all(ix, n, 10, &r)); /* from the memo */
	assert_string_equal(nids(&r), "2");
	assert_int_equal(r.total, 1);
	assert_string_equal(r.hits[0].title, "Solar panels for housing");
	index_result_free(&r);
	/* the node as changed in the store, not yet in the index: its own lists */
	assert_ok(strlist_add(&n->themes, "Mobility", strlen("Mobility")));
	set(&n->changed, "2026-01-02T00:00:00Z");
	assert_ok(similar_all(ix, n, 10, &r));
	assert_string_equal(nids(&r), "2,3");
	index_result_free(&r);
	/* a node added to the index: every list made again */
	put(ix, &(struct spec){.nid = 4, .title = "Solar roofs on town halls", .themes = {"Energy"}});
	assert_ok(index_flush(ix));
	assert_ok(similar_all(ix, n, 10, &r));
	assert_string_equal(nids(&r), "4,2,3");
	index_result_free(&r);
	node_free(n);
	index_free(ix);
}

/* Facet and place counts of a large candidate set (COUNT_MEMO_MIN and
 * more) are kept until the index changes: another page of the listing
 * has the same, another set its own, a node added counts. */
static void counts_kept_until_the_index_changes(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	size_t total = COUNT_MEMO_MIN + 10;
	for (size_t i = 1; i <= total; i++)
		put(ix, &(struct spec){.nid = (int64_t)i, .title = "Bike lanes", .country = i % 3 ? "Spain" : "France",
				       .city = i % 3 ? "Sevilla" : "Lyon", .themes = {i % 2 ? "Mobility" : "Energy"}});
	assert_ok(index_flush(ix));
	size_t spain = total - total / 3;
	for (size_t page = 0; page < 3; page++) { /* counted, then recalled twice */
		struct q q = {.text = "", .offset = page * 20, .limit = 20, .facets = 1, .places = 1};
		struct index_result r = search_q(ix, &q);
		assert_int_equal(r.total, total);
		assert_int_equal(facet(&r, FACET_COUNTRY, "Spain"), spain);
		assert_int_equal(facet(&r, FACET_COUNTRY, "France"), total / 3);
		assert_int_equal(facet(&r, FACET_THEMES, "Mobility"), (total + 1) / 2);
		assert_int_equal(r.nplaces, 2);
		assert_int_equal(r.places[0].count, spain);
		index_result_free(&r);
	}
	struct q only = {.text = "", .f = {{FACET_THEMES, "Mobility"}}, .nf = 1, .facets = 1, .places = 1};
	struct index_result r = search_q(ix, &only);
	assert_int_equal(facet(&r, FACET_THEMES, "Energy"), 0);
	assert_int_equal(facet(&r, FACET_THEMES, "Mobility"), (total + 1) / 2);
	index_result_free(&r);
	put(ix, &(struct spec){.nid = (int64_t)total + 1, .title = "Bike lanes", .country = "France", .city = "Lyon",
			       .themes = {"Mobility"}});
	assert_ok(index_flush(ix));
	struct q all = {.text = "", .facets = 1, .places = 1};
	r = search_q(ix, &all);
	assert_int_equal(facet(&r, FACET_COUNTRY, "France"), total / 3 + 1);
	assert_int_equal(facet(&r, FACET_THEMES, "Mobility"), (total + 1) / 2 + 1);
	assert_int_equal(r.places[1].count, total / 3 + 1);
	index_result_free(&r);
	index_free(ix);
}

/* ---- updates ---- */

static void put_replaces_a_node(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	struct spec a = {.nid = 7, .title = "Solar roofs", .country = "Spain", .themes = {"Energy"}, .text = "On schools."};
	put(ix, &a);
	assert_text_finds(ix, "solar ", "7");
	struct spec b = {.nid = 7, .title = "Wind turbines", .country = "Italy", .themes = {"Climate"}, .text = "At sea."};
	put(ix, &b);
	assert_int_equal(index_size(ix), 1);
	assert_text_finds(ix, "solar ", ""); /* the old text is gone */
	assert_text_finds(ix, "schools ", "");
	assert_text_finds(ix, "wind ", "7");
	struct index_result r = search(ix, "turbines ");
	assert_int_equal(r.nhits, 1);
	assert_string_equal(r.hits[0].title, "Wind turbines");
	index_result_free(&r);
	/* facets and filters follow the new version */
	struct q q = {.text = "", .f = {{FACET_COUNTRY, "Spain"}}, .nf = 1};
	assert_finds(ix, &q, "");
	q.f[0].value = "Italy";
	assert_finds(ix, &q, "7");
	q = (struct q){.text = "", .facets = 1};
	r = search_q(ix, &q);
	assert_int_equal(r.total, 1);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Spain"), 0);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Italy"), 1);
	assert_int_equal(facet(&r, FACET_THEMES, "Energy"), 0);
	assert_int_equal(r.nfacet[FACET_THEMES], 1);
	index_result_free(&r);
	/* and back again */
	put(ix, &a);
	assert_int_equal(index_size(ix), 1);
	assert_text_finds(ix, "solar ", "7");
	assert_text_finds(ix, "wind ", "");
	index_free(ix);
}

static void remove_takes_a_node_out(void **state)
{
	(void)state;
	const struct spec sp[] = {
		{.nid = 1, .title = "Solar roofs", .country = "Spain", .text = "On schools."},
		{.nid = 2, .title = "Solar farms", .country = "Italy", .text = "On fields."},
	};
	struct index *ix = BUILD(sp);
	assert_ok(index_remove(ix, 1));
	assert_int_equal(index_size(ix), 1);
	assert_text_finds(ix, "solar ", "2");
	assert_text_finds(ix, "schools ", "");
	assert_text_finds(ix, "", "2");
	struct q q = {.text = "", .facets = 1};
	struct index_result r = search_q(ix, &q);
	assert_int_equal(facet(&r, FACET_COUNTRY, "Spain"), 0);
	index_result_free(&r);
	assert_int_equal(index_remove(ix, 1), PX_ENOTFOUND);
	assert_int_equal(index_remove(ix, 99), PX_ENOTFOUND);
	assert_int_equal(index_size(ix), 1);
	put(ix, &sp[0]); /* back */
	assert_int_equal(index_size(ix), 2);
	assert_text_finds(ix, "schools ", "1");
	assert_ok(index_remove(ix, 2));
	assert_ok(index_remove(ix, 1));
	assert_int_equal(index_size(ix), 0);
	assert_text_finds(ix, "solar ", "");
	assert_text_finds(ix, "", "");
	index_free(ix);
}

static void many_puts_and_removes_stay_consistent(void **state)
{
	(void)state;
	struct index *ix = index_new();
	assert_non_null(ix);
	char title[64];
	for (int round = 0; round < 3; round++)
		for (int i = 1; i <= 600; i++) {
			snprintf(title, sizeof title, "Node%d round%d", i, round);
			struct spec sp = {.nid = i * 1000003LL, .title = title, .text = i % 2 ? "odd garden" : "even garden"};
			put(ix, &sp);
		}
	assert_int_equal(index_size(ix), 600);
	for (int i = 1; i <= 600; i += 3)
		assert_ok(index_remove(ix, i * 1000003LL));
	assert_int_equal(index_size(ix), 400);
	struct index_result r = search(ix, "garden ");
	assert_int_equal(r.total, 400);
	index_result_free(&r);
	r = search(ix, "round2 ");
	assert_int_equal(r.total, 400);
	index_result_free(&r);
	r = search(ix, "round1 ");
	assert_int_equal(r.total, 0);
	index_result_free(&r);
	assert_text_finds(ix, "node5 ", "5000015");
	assert_text_finds(ix, "node1 ", "");
	index_free(ix);
}

/* ---- snippets ---- */

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* index_snippet() wants its terms sorted. */
static char *snippet_want(const char *text, const char *const *terms, size_t nterms, size_t want, size_t max)
{
	struct ptrvec v;
	ptrvec_init(&v);
	for (size_t i = 0; i < nterms; i++)
		assert_ok(ptrvec_push(&v, (void *)terms[i]));
	qsort(v.b.data, nterms, sizeof(void *), by_str);
	size_t words = SIZE_MAX;
	char *s = index_snippet(text, &v, want, max, &words);
	ptrvec_free(&v);
	assert_non_null(s);
	size_t bad;
	assert_int_equal(text_utf8_check(s, strlen(s), &bad), 0);
	return s;
}

static char *snippet(const char *text, const char *const *terms, size_t nterms, size_t max)
{
	return snippet_want(text, terms, nterms, 0, max);
}

/* Told how many words the query has, a snippet stops at the first passage
 * holding them all; a passage with fewer does not stop it. */
static void snippet_stops_at_a_passage_with_every_word(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8192);
	assert_ok(buf_adds(&b, "A garden opens. "));
	for (int i = 0; i < 60; i++)
		assert_ok(buf_adds(&b, "filler words about nothing much. "));
	assert_ok(buf_adds(&b, "The roof garden grows solar panels. "));
	for (int i = 0; i < 60; i++)
		assert_ok(buf_adds(&b, "more filler text. "));
	assert_ok(buf_adds(&b, "Another garden with solar power."));
	const char *text = b.data;
	const char *terms[] = {"garden", "solar"};
	char *one = snippet_want(text, terms, 1, 1, 320);
	assert_non_null(strstr(one, "A <mark>garden</mark> opens"));
	char *two = snippet_want(text, terms, 2, 2, 320);
	assert_non_null(strstr(two, "roof <mark>garden</mark> grows <mark>solar</mark>"));
	char *all = snippet_want(text, terms, 2, 0, 320);
	assert_non_null(strstr(all, "roof <mark>garden</mark> grows <mark>solar</mark>")); /* the first of the best */
	free(one);
	free(two);
	free(all);
	buf_free(&b);
}

static void snippet_marks_matches_and_escapes_html(void **state)
{
	(void)state;
	const char *terms[] = {"solar"};
	char *s = snippet("Residents <script>alert(1)</script> built Solar roofs & gardens.", terms, 1, 320);
	assert_non_null(strstr(s, "<mark>Solar</mark>"));
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "</script>"));
	assert_non_null(strstr(s, "&lt;script&gt;"));
	assert_non_null(strstr(s, "&lt;/script&gt;"));
	assert_non_null(strstr(s, "&amp; gardens"));
	/* every <mark> is ours: exactly one */
	assert_null(strstr(strstr(s, "<mark>") + 1, "<mark>"));
	free(s);
	const char *quote[] = {"roofs"};
	s = snippet("He said \"roofs\" aren't cheap", quote, 1, 320);
	assert_non_null(strstr(s, "&quot;<mark>roofs</mark>&quot;"));
	assert_non_null(strstr(s, "aren&#39;t"));
	free(s);
}

static void snippet_keeps_the_original_spelling(void **state)
{
	(void)state;
	const char *terms[] = {"citta", "besos"};
	char *s = snippet("La città del Besòs\nè bella.", terms, 2, 320);
	assert_non_null(strstr(s, "<mark>città</mark>"));
	assert_non_null(strstr(s, "<mark>Besòs</mark>"));
	assert_null(strstr(s, "\n")); /* lines become spaces */
	free(s);
}

static void snippet_is_cut_around_the_best_passage(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 200; i++)
		assert_ok(buf_adds(&b, "città e paese "));
	assert_ok(buf_adds(&b, "pannelli solari sul tetto "));
	for (int i = 0; i < 200; i++)
		assert_ok(buf_adds(&b, "δίκτυα πόλεων "));
	const char *terms[] = {"solari"};
	char *s = snippet(b.data, terms, 1, 320);
	assert_non_null(strstr(s, "<mark>solari</mark>"));
	assert_true(strncmp(s, "… ", strlen("… ")) == 0);
	assert_true(strlen(s) >= strlen(" …"));
	assert_string_equal(s + strlen(s) - strlen(" …"), " …");
	assert_true(strlen(s) < 400);
	free(s);
	/* the passage with the most distinct terms wins */
	buf_reset(&b);
	assert_ok(buf_adds(&b, "solar at the start. "));
	for (int i = 0; i < 100; i++)
		assert_ok(buf_adds(&b, "filler "));
	assert_ok(buf_adds(&b, "solar roofs here. "));
	for (int i = 0; i < 100; i++)
		assert_ok(buf_adds(&b, "filler "));
	const char *two[] = {"solar", "roofs"};
	s = snippet(b.data, two, 2, 320);
	assert_non_null(strstr(s, "<mark>solar</mark> <mark>roofs</mark>"));
	free(s);
	buf_free(&b);
}

static void snippet_without_match_starts_at_the_top(void **state)
{
	(void)state;
	const char *terms[] = {"zzz"};
	char *s = snippet("Alpha beta gamma.", terms, 1, 320);
	assert_string_equal(s, "Alpha beta gamma.");
	free(s);
	s = snippet("", terms, 1, 320);
	assert_string_equal(s, "");
	free(s);
}

/* A hyphenated word found by its joined form is marked whole. */
static void snippet_marks_a_compound_whole(void **state)
{
	(void)state;
	const char *terms[] = {"cocity"};
	char *s = snippet("The CO-CITY project", terms, 1, 320);
	if (!strstr(s, "<mark>CO-CITY</mark>"))
		print_message("snippet: %s\n", s);
	assert_non_null(strstr(s, "<mark>CO-CITY</mark>"));
	free(s);
}

/* ---- what a change meets (the page cache's keys) ---- */

struct seen {
	char all[2048];
};

static void seen_term(const char *term, size_t len, void *arg)
{
	struct seen *s = arg;
	size_t at = strlen(s->all);
	snprintf(s->all + at, sizeof s->all - at, "%.*s|", (int)len, term);
}

static void seen_facet(enum index_facet f, const char *key, void *arg)
{
	struct seen *s = arg;
	size_t at = strlen(s->all);
	snprintf(s->all + at, sizeof s->all - at, "%s=%s|", index_facet_name(f), key);
}

static void node_keys_are_its_terms_and_facets(void **state)
{
	(void)state;
	struct spec sp[] = {{.nid = 7, .title = "Rooftop gardens", .country = "Spain", .city = "Bilbao",
			     .themes = {"Green Cities"}, .text = "Bees everywhere."},
			    {.nid = 8, .title = "Other", .country = "Italy", .city = "Turin"}};
	struct index *ix = BUILD(sp);
	struct seen s = {{0}};
	struct node *n = make(&sp[0]);
	assert_ok(index_node_terms(ix, n, seen_term, &s));
	for (const char *w = "rooftop|gardens|bees|everywhere|"; *w; w = strchr(w, '|') + 1) {
		char one[32];
		snprintf(one, sizeof one, "%.*s|", (int)(strchr(w, '|') - w), w);
		if (!strstr(s.all, one))
			print_message("terms: %s\n", s.all);
		assert_non_null(strstr(s.all, one));
	}
	memset(&s, 0, sizeof s);
	assert_int_equal(index_node_facets(ix, 7, seen_facet, &s), 1);
	assert_non_null(strstr(s.all, "country=spain|")); /* folded, as filters compare */
	assert_non_null(strstr(s.all, "themes=green cities|"));
	assert_non_null(strstr(s.all, "type=practice|"));
	assert_null(strstr(s.all, "italy"));
	/* unpublished: no longer indexed, so no facets */
	n->state = NODE_UNPUBLISHED;
	assert_ok(index_put(ix, n));
	memset(&s, 0, sizeof s);
	assert_int_equal(index_node_facets(ix, 7, seen_facet, &s), 0);
	assert_string_equal(s.all, "");
	assert_int_equal(index_node_facets(ix, 99, seen_facet, &s), 0);
	node_free(n);
	index_free(ix);
}

/* ---- through the store ---- */

struct tmpdb {
	char dir[64];
	char path[96];
};

static void tmpdb_remove(struct tmpdb *t)
{
	char p[128];
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(p, sizeof p, "%s%s", t->path, suffixes[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

static void search_with_store_fills_snippets(void **state)
{
	(void)state;
	struct tmpdb t;
	snprintf(t.dir, sizeof t.dir, "/tmp/praxis-index-XXXXXX");
	assert_non_null(mkdtemp(t.dir));
	snprintf(t.path, sizeof t.path, "%s/t.db", t.dir);
	struct buf why;
	buf_init(&why, 4096);
	struct store *st = NULL;
	assert_ok(store_open(t.path, &st, &why));
	const struct spec sp[] = {
		{.nid = 21, .lang = "en", .title = "Solar roofs", .subtitle = "Energy on <b>schools</b>", .country = "Spain",
		 .city = "Bilbao", .pop = 345000, .themes = {"Energy"},
		 .text = "Pupils <script>alert(1)</script> built solar panels & batteries."},
		{.nid = 22, .lang = "it", .title = "La città solidale", .subtitle = "Beni comuni", .country = "Italy",
		 .city = "Turin", .pop = 870000, .themes = {"Governance"}, .text = "Patti per la città."},
		{.nid = 23, .type = NODE_ARTICLE, .lang = "en", .title = "Wind news", .author = "Ana",
		 .body = "Turbines at sea."},
	};
	struct ptrvec v;
	ptrvec_init(&v);
	for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
		assert_ok(ptrvec_push(&v, make(&sp[i])));
	struct store_report rep;
	enum px_err err = store_nodes_put(st, &v, "test", &rep, &why);
	if (err)
		fail_msg("store_nodes_put: %s", why.data);
	for (size_t i = 0; i < ptrvec_len(&v); i++)
		node_free(ptrvec_get(&v, i));
	ptrvec_free(&v);

	struct index *ix = index_new();
	assert_non_null(ix);
	assert_ok(index_load(ix, st));
	assert_int_equal(index_size(ix), 3);

	struct index_query iq = {.text = "solar ", .limit = 10, .snippets = 1, .store = st};
	struct index_result r;
	assert_ok(index_search(ix, &iq, &r, &why));
	assert_int_equal(r.total, 1);
	assert_int_equal(r.hits[0].nid, 21);
	const char *s = r.hits[0].snippet;
	assert_non_null(s);
	assert_non_null(strstr(s, "<mark>solar</mark>"));
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "&lt;script&gt;"));
	assert_non_null(strstr(s, "&lt;b&gt;"));
	assert_non_null(strstr(s, "&amp;"));
	index_result_free(&r);

	/* accents: the query without them, the snippet with them */
	iq.text = "citta ";
	assert_ok(index_search(ix, &iq, &r, &why));
	assert_int_equal(r.total, 1);
	assert_non_null(r.hits[0].snippet);
	assert_non_null(strstr(r.hits[0].snippet, "<mark>città</mark>"));
	index_result_free(&r);

	/* a loaded index answers prefixes, filters and the empty query */
	assert_text_finds(ix, "sola", "21");
	assert_text_finds(ix, "", "23,22,21");
	struct q q = {.text = "", .f = {{FACET_CITY_SIZE, "large"}}, .nf = 1};
	assert_finds(ix, &q, "22,21");

	/* without snippets asked for: none */
	iq = (struct index_query){.text = "solar ", .limit = 10, .store = st};
	assert_ok(index_search(ix, &iq, &r, &why));
	assert_null(r.hits[0].snippet);
	index_result_free(&r);

	index_free(ix);
	store_close(st);
	buf_free(&why);
	tmpdb_remove(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(title_match_ranks_above_body_match),
		cmocka_unit_test(subtitle_and_themes_rank_above_text),
		cmocka_unit_test(exact_ranks_above_stemmed),
		cmocka_unit_test(exact_above_stemmed_above_prefix_and_typo),
		cmocka_unit_test(phrase_requires_adjacent_words_in_order),
		cmocka_unit_test(proximity_breaks_ties),
		cmocka_unit_test(hyphenated_names_are_found_every_way),
		cmocka_unit_test(multilingual_matching),
		cmocka_unit_test(exclusion_removes_documents),
		cmocka_unit_test(compounds_are_split),
		cmocka_unit_test(or_matches_either),
		cmocka_unit_test(last_word_matches_as_a_prefix),
		cmocka_unit_test(prefix_over_sorted_and_unsorted_terms),
		cmocka_unit_test(typos_are_tolerated_by_length),
		cmocka_unit_test(did_you_mean_a_misspelt_word),
		cmocka_unit_test(stop_words_in_the_query_are_optional),
		cmocka_unit_test(phrase_words_match_inflected_forms),
		cmocka_unit_test(phrase_over_many_forms_finds_exactly_the_adjacent_ones),
		cmocka_unit_test(typo_in_greek_counts_code_points),
		cmocka_unit_test(no_suggestion_that_finds_nothing),
		cmocka_unit_test(bosnian_nodes_are_stemmed_like_croatian),
		cmocka_unit_test(empty_index_finds_nothing),
		cmocka_unit_test(every_field_is_searchable),
		cmocka_unit_test(filters_on_one_field_are_ored),
		cmocka_unit_test(filters_on_different_fields_are_anded),
		cmocka_unit_test(filters_on_every_field),
		cmocka_unit_test(filters_in_the_query_text),
		cmocka_unit_test(unknown_filter_value_is_a_parse_error),
		cmocka_unit_test(facets_count_the_whole_result_set),
		cmocka_unit_test(city_size_buckets),
		cmocka_unit_test(offset_and_limit_page_through_hits),
		cmocka_unit_test(empty_query_lists_newest_first),
		cmocka_unit_test(newest_first_dense_sparse_and_unflushed),
		cmocka_unit_test(words_sorted_newest_first),
		cmocka_unit_test(similar_ranks_shared_words_and_themes),
		cmocka_unit_test(similar_housing_before_title_words),
		cmocka_unit_test(similar_kept_until_the_index_changes),
		cmocka_unit_test(counts_kept_until_the_index_changes),
		cmocka_unit_test(put_replaces_a_node),
		cmocka_unit_test(node_keys_are_its_terms_and_facets),
		cmocka_unit_test(remove_takes_a_node_out),
		cmocka_unit_test(many_puts_and_removes_stay_consistent),
		cmocka_unit_test(snippet_marks_matches_and_escapes_html),
		cmocka_unit_test(snippet_stops_at_a_passage_with_every_word),
		cmocka_unit_test(snippet_keeps_the_original_spelling),
		cmocka_unit_test(snippet_is_cut_around_the_best_passage),
		cmocka_unit_test(snippet_without_match_starts_at_the_top),
		cmocka_unit_test(snippet_marks_a_compound_whole),
		cmocka_unit_test(search_with_store_fills_snippets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
