/* The field table: each node type's fields, in export order, with how each
 * is validated, stored, searched, faceted and edited. Every other place
 * that handles a node's values walks these tables (JSON and CSV, the store,
 * the form, the index, the templates): adding a field is one line here, its
 * markup in a template and its messages.
 *
 * The generic operations on a field's value, by kind, are below the tables. */
#include "model.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define AT(m)        offsetof(struct node, m)
#define NAME         0, NODE_NAME_MAX
#define TEXT         0, NODE_TEXT_MAX
#define YEAR         1900, 2100
#define TERMS        0, NODE_TERMS_MAX
#define FIGURE       -NODE_FIGURE_MAX, NODE_FIGURE_MAX
#define SUB(t, list) list, sizeof(struct t)

/* {city, country}: a partner, a network's lead partner. A sub-field's
 * facet only names the taxonomy page its value links to. */
static const struct field place_fields[] = {
	{"city", FK_STRING, offsetof(struct node_place, city), FIELD_REQUIRED, NAME, CHECK_NONE, NULL,
	 SEARCH_PLACE, "city", WIDGET_LINE, N_("City"), NULL, 0},
	{"country", FK_STRING, offsetof(struct node_place, country), FIELD_REQUIRED, NAME, CHECK_NONE, NULL,
	 SEARCH_PLACE, "country", WIDGET_LINE, N_("Country"), NULL, 0},
	{.key = NULL},
};

static const struct field adopter_fields[] = {
	{"city", FK_STRING, offsetof(struct node_adopter, city), FIELD_REQUIRED, NAME, CHECK_NONE, NULL,
	 SEARCH_PLACE, "city", WIDGET_LINE, N_("City"), NULL, 0},
	{"country", FK_STRING, offsetof(struct node_adopter, country), FIELD_REQUIRED, NAME, CHECK_NONE,
	 NULL, SEARCH_PLACE, "country", WIDGET_LINE, N_("Country"), NULL, 0},
	{"network", FK_NID, offsetof(struct node_adopter, network), 0, 1, NODE_NID_MAX, CHECK_NETWORK, NULL,
	 SEARCH_NONE, NULL, WIDGET_NUMBER, N_("Network (its number)"), NULL, 0},
	{"year", FK_INT, offsetof(struct node_adopter, year), 0, YEAR, CHECK_NONE, NULL, SEARCH_NONE, NULL,
	 WIDGET_NUMBER, N_("Year"), NULL, 0},
	{.key = NULL},
};

static const struct field contact_fields[] = {
	{"name", FK_STRING, offsetof(struct node_contact, name), 0, NAME, CHECK_NONE, NULL, SEARCH_AUTHOR,
	 NULL, WIDGET_LINE, N_("Name"), NULL, 0},
	{"organisation", FK_STRING, offsetof(struct node_contact, organisation), 0, NAME, CHECK_NONE, NULL,
	 SEARCH_AUTHOR, NULL, WIDGET_LINE, N_("Organisation"), NULL, 0},
	{"email", FK_STRING, offsetof(struct node_contact, email), FIELD_PRIVATE, NAME, CHECK_EMAIL, NULL,
	 SEARCH_NONE, NULL, WIDGET_LINE, N_("E-mail (never shown on the hub)"), NULL, 0},
	{"website", FK_STRING, offsetof(struct node_contact, website), 0, NAME, CHECK_URL, NULL, SEARCH_NONE,
	 NULL, WIDGET_LINE, N_("Website"), NULL, 0},
	{.key = NULL},
};

/* An impact figure. Its source is a citation or an address, as written:
 * a page links it only when it is an http(s) address. */
static const struct field indicator_fields[] = {
	{"name", FK_STRING, offsetof(struct node_indicator, name), FIELD_REQUIRED, 0, NODE_TERM_MAX, CHECK_NONE,
	 NULL, SEARCH_TEXT, NULL, WIDGET_LINE, N_("Indicator"), NULL, 0},
	{"value", FK_REAL, offsetof(struct node_indicator, value), FIELD_REQUIRED, FIGURE, CHECK_NONE, NULL,
	 SEARCH_NONE, NULL, WIDGET_NUMBER, N_("Value"), NULL, 0},
	{"unit", FK_STRING, offsetof(struct node_indicator, unit), 0, 0, 40, CHECK_NONE, NULL, SEARCH_NONE,
	 NULL, WIDGET_LINE, N_("Unit"), NULL, 0},
	{"baseline", FK_REAL, offsetof(struct node_indicator, baseline), 0, FIGURE, CHECK_NONE, NULL,
	 SEARCH_NONE, NULL, WIDGET_NUMBER, N_("Baseline"), NULL, 0},
	{"year", FK_INT, offsetof(struct node_indicator, year), 0, YEAR, CHECK_NONE, NULL, SEARCH_NONE, NULL,
	 WIDGET_NUMBER, N_("Year"), NULL, 0},
	{"source", FK_STRING, offsetof(struct node_indicator, source), 0, NAME, CHECK_NONE, NULL, SEARCH_NONE,
	 NULL, WIDGET_LINE, N_("Source"), NULL, 0},
	{.key = NULL},
};

/* Fields every type shares, spelled once for the tables below. */
#define F_TITLE                                                                                       \
	{"title", FK_STRING, AT(title), FIELD_REQUIRED | FIELD_CONTRACT, 0, NODE_TITLE_MAX, CHECK_NONE, \
	 "title", SEARCH_TITLE, NULL, WIDGET_LINE, N_("Title"), NULL, 0}
#define F_LANGUAGE                                                                                 \
	{"language", FK_LANGUAGE, AT(language), FIELD_CONTRACT, 0, 0, CHECK_NONE, "language",       \
	 SEARCH_NONE, "language", WIDGET_LANGUAGE, N_("Language"), NULL, 0}
#define F_DATES                                                                                   \
	{"created", FK_DATE, AT(created), FIELD_STAMP | FIELD_NEWEST, 0, 40, CHECK_NONE, "created", \
	 SEARCH_NONE, NULL, WIDGET_NONE, N_("Created"), NULL, 0},                                  \
	{"changed", FK_DATE, AT(changed), FIELD_STAMP, 0, 40, CHECK_NONE, "updated", SEARCH_NONE,   \
	 NULL, WIDGET_NONE, N_("Changed"), NULL, 0}
#define F_THEMES(flags)                                                                                 \
	{"themes", FK_STRINGS, AT(themes), flags, TERMS, CHECK_NONE, "theme", SEARCH_TERMS, "themes",   \
	 WIDGET_LINES, N_("Themes"), NULL, 0},                                            \
	{"labels", FK_STRINGS, AT(labels), flags, TERMS, CHECK_NONE, "label", SEARCH_TERMS, "labels", \
	 WIDGET_LINES, N_("Labels"), NULL, 0}
#define F_BODY(flags)                                                                                \
	{"body", FK_TEXT, AT(body), flags, TEXT, CHECK_NONE, "body", SEARCH_TEXT, NULL, WIDGET_AREA, \
	 N_("Text"), NULL, 0}
#define F_PARTNERS                                                                                  \
	{"partners", FK_OBJECTS, AT(partners), 0, TERMS, CHECK_NONE, NULL, SEARCH_PLACE, "partner", \
	 WIDGET_ROWS, N_("Partner cities: one per line, city | country"), SUB(node_place, place_fields)}

static const struct field practice_fields[] = {
	F_TITLE,
	{"subtitle", FK_STRING, AT(subtitle), FIELD_CONTRACT, 0, NODE_SUBTITLE_MAX, CHECK_NONE, "subtitle",
	 SEARCH_SUBTITLE, NULL, WIDGET_LINE, N_("Subtitle"), NULL, 0},
	{"country", FK_STRING, AT(country), FIELD_REQUIRED | FIELD_CONTRACT, NAME, CHECK_NONE, "country",
	 SEARCH_PLACE, "country", WIDGET_LINE, N_("Country"), NULL, 0},
	{"city", FK_STRING, AT(city), FIELD_REQUIRED | FIELD_CONTRACT, NAME, CHECK_NONE, "city", SEARCH_PLACE,
	 "city", WIDGET_LINE, N_("City"), NULL, 0},
	F_THEMES(FIELD_CONTRACT),
	{"population", FK_INT, AT(population), FIELD_CONTRACT, 0, INT64_MAX, CHECK_NONE, "population",
	 SEARCH_NONE, "city_size", WIDGET_NUMBER, N_("Population"), NULL, 0},
	{"relations", FK_STRINGS, AT(relations), FIELD_CONTRACT, 0, RELATION_COUNT, CHECK_RELATION,
	 "relation", SEARCH_NONE, NULL, WIDGET_NONE, N_("Relations"), NULL, 0},
	F_LANGUAGE,
	{"sections", FK_SECTIONS, AT(sections), FIELD_CONTRACT, 0, SECTION_COUNT, CHECK_NONE, "section",
	 SEARCH_TEXT, NULL, WIDGET_SECTIONS, N_("Sections"), NULL, 0},
	F_DATES,
	F_PARTNERS,
	{"adopters", FK_OBJECTS, AT(adopters), 0, TERMS, CHECK_NONE, NULL, SEARCH_PLACE, "adopter",
	 WIDGET_ROWS, N_("Cities that adapted it: one per line, city | country | network | year"),
	 SUB(node_adopter, adopter_fields)},
	{"contact", FK_OBJECT, AT(contact), 0, 0, 0, CHECK_NONE, NULL, SEARCH_AUTHOR, NULL, WIDGET_GROUP,
	 N_("Contact"), SUB(node_contact, contact_fields)},
	{"labelled", FK_INT, AT(labelled), 0, YEAR, CHECK_NONE, NULL, SEARCH_NONE, NULL, WIDGET_NUMBER,
	 N_("Year of labelisation"), NULL, 0},
	{"website", FK_STRING, AT(website), 0, NAME, CHECK_URL, NULL, SEARCH_NONE, NULL, WIDGET_LINE,
	 N_("The practice's own website"), NULL, 0},
	{"indicators", FK_OBJECTS, AT(indicators), 0, 0, NODE_INDICATORS_MAX, CHECK_NONE, NULL, SEARCH_TEXT,
	 NULL, WIDGET_ROWS,
	 N_("Impact figures: one per line, name | value | unit | baseline | year | source"),
	 SUB(node_indicator, indicator_fields)},
	{.key = NULL},
};

static const struct field article_fields[] = {
	F_TITLE,
	{"author", FK_STRING, AT(author), FIELD_CONTRACT, NAME, CHECK_NONE, "author", SEARCH_AUTHOR,
	 "author", WIDGET_LINE, N_("Author"), NULL, 0},
	F_LANGUAGE,
	F_BODY(FIELD_CONTRACT),
	F_DATES,
	{.key = NULL},
};

static const struct field city_fields[] = {
	F_TITLE,
	{"country", FK_STRING, AT(country), FIELD_REQUIRED, NAME, CHECK_NONE, "country", SEARCH_PLACE,
	 "country", WIDGET_LINE, N_("Country"), NULL, 0},
	{"population", FK_INT, AT(population), 0, 0, INT64_MAX, CHECK_NONE, "population", SEARCH_NONE,
	 "city_size", WIDGET_NUMBER, N_("Population"), NULL, 0},
	{"lat", FK_REAL, AT(lat), 0, -90, 90, CHECK_NONE, NULL, SEARCH_NONE, NULL, WIDGET_NUMBER,
	 N_("Latitude"), NULL, 0},
	{"lon", FK_REAL, AT(lon), 0, -180, 180, CHECK_NONE, NULL, SEARCH_NONE, NULL, WIDGET_NUMBER,
	 N_("Longitude"), NULL, 0},
	{"names", FK_STRINGS, AT(names), 0, TERMS, CHECK_NONE, NULL, SEARCH_PLACE, NULL, WIDGET_LINES,
	 N_("Other names, one per line"), NULL, 0},
	{"website", FK_STRING, AT(website), 0, NAME, CHECK_URL, NULL, SEARCH_NONE, NULL, WIDGET_LINE,
	 N_("Website"), NULL, 0},
	F_BODY(0),
	F_DATES,
	{.key = NULL},
};

static const struct field network_fields[] = {
	F_TITLE,
	{"subtitle", FK_STRING, AT(subtitle), 0, 0, NODE_SUBTITLE_MAX, CHECK_NONE, "subtitle",
	 SEARCH_SUBTITLE, NULL, WIDGET_LINE, N_("Subtitle"), NULL, 0},
	F_THEMES(0),
	{"lead_partner", FK_OBJECT, AT(lead_partner), 0, 0, 0, CHECK_NONE, NULL, SEARCH_PLACE, "partner",
	 WIDGET_GROUP, N_("Lead partner"), SUB(node_place, place_fields)},
	F_PARTNERS,
	{"lead_expert", FK_STRING, AT(lead_expert), 0, NAME, CHECK_NONE, NULL, SEARCH_AUTHOR, NULL,
	 WIDGET_LINE, N_("Lead expert"), NULL, 0},
	{"start", FK_INT, AT(start), 0, YEAR, CHECK_NONE, NULL, SEARCH_NONE, NULL, WIDGET_NUMBER,
	 N_("First year"), NULL, 0},
	{"end", FK_INT, AT(end), 0, YEAR, CHECK_NONE, NULL, SEARCH_NONE, NULL, WIDGET_NUMBER,
	 N_("Last year"), NULL, 0},
	{"practice", FK_NID, AT(practice), 0, 1, NODE_NID_MAX, CHECK_PRACTICE, NULL, SEARCH_NONE, NULL,
	 WIDGET_NUMBER, N_("The good practice it transfers (its number)"), NULL, 0},
	F_LANGUAGE,
	F_BODY(0),
	F_DATES,
	{.key = NULL},
};

static const struct field *const tables[] = {
	[NODE_PRACTICE] = practice_fields,
	[NODE_ARTICLE] = article_fields,
	[NODE_CITY] = city_fields,
	[NODE_NETWORK] = network_fields,
};

const char *field_object_name(const struct field *f)
{
	return f->sub == place_fields ? "Place" : f->sub == adopter_fields ? "Adopter" : f->sub == contact_fields ? "Contact"
	       : f->sub == indicator_fields ? "Indicator" : NULL;
}

const struct field *node_fields(enum node_type t)
{
	return t >= NODE_PRACTICE && t <= NODE_TYPE_MAX ? tables[t] : NULL;
}

const struct field *node_field(enum node_type t, const char *key)
{
	for (const struct field *f = node_fields(t); f && f->key; f++)
		if (!strcmp(f->key, key))
			return f;
	return NULL;
}

/* ---- values, by kind ---- */

#define STR(obj, f)  (*(char **)FIELD_AT(obj, f))
#define CSTR(obj, f) (*(char *const *)FIELD_CONST(obj, f))
#define I64(obj, f)  (*(int64_t *)FIELD_AT(obj, f))
#define CI64(obj, f) (*(const int64_t *)FIELD_CONST(obj, f))
#define REAL(obj, f) (*(double *)FIELD_AT(obj, f))
#define LIST(obj, f) ((struct strlist *)FIELD_AT(obj, f))
#define VEC(obj, f)  ((struct ptrvec *)FIELD_AT(obj, f))
#define OBJ(obj, f)  (*(void **)FIELD_AT(obj, f))

int field_is_set(const void *obj, const struct field *f)
{
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		return CSTR(obj, f) != NULL;
	case FK_INT:
	case FK_NID:
		return CI64(obj, f) >= 0;
	case FK_REAL:
		return !isnan(*(const double *)FIELD_CONST(obj, f));
	case FK_LANGUAGE:
		return *(const char *)FIELD_CONST(obj, f) != '\0';
	case FK_STRINGS:
		return strlist_len(FIELD_CONST(obj, f)) > 0;
	case FK_SECTIONS:
	case FK_OBJECTS:
		return ptrvec_len(FIELD_CONST(obj, f)) > 0;
	case FK_OBJECT:
		return *(void *const *)FIELD_CONST(obj, f) != NULL;
	}
	return 0;
}

void *field_object_new(const struct field *f)
{
	void *o = calloc(1, f->sub_size);
	for (const struct field *s = f->sub; o && s->key; s++)
		field_clear(o, s);
	return o;
}

void field_object_free(const struct field *f, void *o)
{
	if (!o)
		return;
	for (const struct field *s = f->sub; s->key; s++)
		field_clear(o, s);
	free(o);
}

static void sections_clear(struct ptrvec *v)
{
	for (size_t i = 0; i < ptrvec_len(v); i++) {
		struct section *s = ptrvec_get(v, i);
		free(s->heading);
		free(s->text);
		free(s);
	}
	ptrvec_free(v);
	ptrvec_init(v);
}

void field_clear(void *obj, const struct field *f)
{
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		free(STR(obj, f));
		STR(obj, f) = NULL;
		break;
	case FK_INT:
	case FK_NID:
		I64(obj, f) = -1;
		break;
	case FK_REAL:
		REAL(obj, f) = NAN;
		break;
	case FK_LANGUAGE:
		*(char *)FIELD_AT(obj, f) = '\0';
		break;
	case FK_STRINGS:
		strlist_free(LIST(obj, f));
		strlist_init(LIST(obj, f));
		break;
	case FK_SECTIONS:
		sections_clear(VEC(obj, f));
		break;
	case FK_OBJECT:
		field_object_free(f, OBJ(obj, f));
		OBJ(obj, f) = NULL;
		break;
	case FK_OBJECTS:
		for (size_t i = 0; i < ptrvec_len(VEC(obj, f)); i++)
			field_object_free(f, ptrvec_get(VEC(obj, f), i));
		ptrvec_free(VEC(obj, f));
		ptrvec_init(VEC(obj, f));
		break;
	}
}

/* The strings of an object's searched sub-fields (a contact's name, not
 * its address or website). */
static int each_in_object(const void *o, const struct field *f, int (*fn)(const char *, void *), void *arg)
{
	int stop = 0;
	for (const struct field *s = f->sub; !stop && s->key; s++)
		if (!(s->flags & FIELD_PRIVATE) && s->search != SEARCH_NONE)
			stop = field_each_string(o, s, fn, arg);
	return stop;
}

int field_each_string(const void *obj, const struct field *f, int (*fn)(const char *, void *), void *arg)
{
	int stop = 0;
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		return CSTR(obj, f) ? fn(CSTR(obj, f), arg) : 0;
	case FK_STRINGS:
		for (size_t i = 0; !stop && i < strlist_len(FIELD_CONST(obj, f)); i++)
			stop = fn(strlist_get(FIELD_CONST(obj, f), i), arg);
		return stop;
	case FK_SECTIONS:
		for (size_t i = 0; !stop && i < ptrvec_len(FIELD_CONST(obj, f)); i++)
			stop = fn(((const struct section *)ptrvec_get(FIELD_CONST(obj, f), i))->text, arg);
		return stop;
	case FK_OBJECT:
		return *(void *const *)FIELD_CONST(obj, f) ? each_in_object(*(void *const *)FIELD_CONST(obj, f), f, fn, arg) : 0;
	case FK_OBJECTS:
		for (size_t i = 0; !stop && i < ptrvec_len(FIELD_CONST(obj, f)); i++)
			stop = each_in_object(ptrvec_get(FIELD_CONST(obj, f), i), f, fn, arg);
		return stop;
	default:
		return 0;
	}
}

/* ---- checks ---- */

static int has_control_or_space(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 1;
	return 0;
}

/* local@domain.tld: one '@', a dot in the domain, no space, no control
 * character, none of the characters that end an address in a header. */
static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || has_control_or_space(s) || strpbrk(s, "<>()[]\\,;:\""))
		return 0;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && strlen(s) <= 254;
}

/* http:// or https:// and a host: the only links a page may carry. */
static int url_ok(const char *s)
{
	size_t scheme = !strncmp(s, "https://", 8) ? 8 : !strncmp(s, "http://", 7) ? 7 : 0;
	return scheme && s[scheme] && s[scheme] != '/' && !has_control_or_space(s) && !strpbrk(s, "<>\"");
}

int field_check_ok(enum field_check c, const char *s)
{
	enum relation r;
	switch (c) {
	case CHECK_EMAIL:
		return email_ok(s);
	case CHECK_URL:
		return url_ok(s);
	case CHECK_RELATION:
		return relation_parse(s, &r) == 0;
	default:
		break;
	}
	return 1;
}

const char *field_kind_wants(const struct field *f)
{
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
		return "a string";
	case FK_DATE:
		return "a date and time in UTC, RFC 3339 (2026-12-06T10:18:48Z), from 1970 to 2100";
	case FK_INT:
	case FK_NID:
	case FK_REAL:
		return "a number";
	case FK_LANGUAGE:
		return "a two-letter ISO 639-1 code";
	case FK_STRINGS:
		return "a list of strings";
	case FK_SECTIONS:
		return "a list of objects";
	case FK_OBJECT:
		return "an object";
	case FK_OBJECTS:
		return "a list of objects";
	}
	return "a value";
}

/* ---- dates ---- */

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's
 * days_from_civil), so that no time zone or locale is involved. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int node_date_parse(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, se, frac = 0, scale = 1000;
	if (strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d) || s[10] != 'T' || digits(s + 11, 2, &h) || s[13] != ':' ||
	    digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &se))
		return -1;
	const char *p = s + 19;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return -1;
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1)
				frac += (*p - '0') * (scale /= 10);
	}
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strcmp(p, "Z") || y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h > 23 || mi > 59 || se > 60)
		return -1;
	if (mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)))
		return -1;
	if (ms)
		*ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + (int64_t)se * 1000 + frac;
	return 0;
}

enum px_err node_date_format(int64_t ms, char out[32])
{
	int64_t z = ms / 86400000 + 719468, t = ms % 86400000;
	if (ms < 0)
		return PX_EUSAGE;
	/* civil_from_days, the inverse of days_from_civil */
	int64_t era = z / 146097, doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9), y = yoe + era * 400 + (m <= 2);
	if (y > 9999)
		return PX_EUSAGE;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)y, (int)m, (int)d, (int)(t / 3600000),
		 (int)(t / 60000 % 60), (int)(t / 1000 % 60), (int)(t % 1000));
	return PX_OK;
}

void field_real_format(double v, char out[32])
{
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}
