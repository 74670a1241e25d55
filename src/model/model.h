/* model: the nodes of the hub (see ../shared/PRODUCT.md, "Data model").
 *
 * A node is a practice, an article, a city or a network. Every string field
 * is owned by the node, NUL-terminated UTF-8 in NFC, or NULL when absent. The
 * JSON object of a node (node_to_json / node_from_json) is the export format:
 * one object per line, keys in the order documented in PRODUCT.md.
 *
 * Which fields a type has, in which order, how each is validated, stored,
 * searched and edited is said once, in the field table (field.c, "struct
 * field" below); import, export, the store, the form, the index and the
 * templates walk it. */
#ifndef PX_MODEL_H
#define PX_MODEL_H

#include "../core/core.h"

#include <jansson.h>

enum node_type { NODE_PRACTICE = 1, NODE_ARTICLE = 2, NODE_CITY = 3, NODE_NETWORK = 4 };
#define NODE_TYPE_MAX NODE_NETWORK

/* The largest nid: 2^53 - 1, the largest integer every JSON reader (a
 * browser's included) holds exactly, so a nid survives any API client. */
#define NODE_NID_MAX ((int64_t)9007199254740991)

/* Limits on a node's size, in bytes of UTF-8 and numbers of items: far
 * above any real practice (the largest section of the sample is 1.5 KB),
 * low enough that one node cannot make every search over it slow. Ingest
 * and the edit form refuse a node beyond them (node_check_limits). */
#define NODE_TITLE_MAX    1000        /* title */
#define NODE_SUBTITLE_MAX 2000        /* subtitle */
#define NODE_NAME_MAX     400         /* country, city, author, a section's heading */
#define NODE_TEXT_MAX     (256 << 10) /* a section's text, an article's body */
#define NODE_TERMS_MAX    50          /* themes; labels */
#define NODE_TERM_MAX     200         /* one theme or label */
#define NODE_SIZE_MAX     (1 << 20)   /* every string of the node together */
#define NODE_INDICATORS_MAX 50        /* a practice's impact figures */
#define NODE_FIGURE_MAX   1000000000000000 /* |value|, |baseline| of a figure: 10^15 */

enum section_key {
	SECTION_SUMMARY,
	SECTION_SOLUTION,
	SECTION_COLLABORATION,
	SECTION_IMPACT,
	SECTION_TRANSFER,
	SECTION_COUNT
};

enum relation { RELATION_IN_PARTNERSHIP_WITH, RELATION_ADAPTED_BY_CITIES_FROM, RELATION_COUNT };

/* Where a node is in its life: only published nodes are searched, listed
 * and shown to visitors. Ingested nodes are published. */
enum node_state { NODE_PUBLISHED = 0, NODE_DRAFT, NODE_UNPUBLISHED, NODE_STATE_COUNT };

struct section {
	enum section_key key;
	char *heading; /* owned; as written in the source */
	char *text;    /* owned; lines joined with "\n" */
};

/* City size classes by population (city_size.c): what the facet
 * "city_size" files practices and cities under. The last class,
 * CITY_SIZE_UNKNOWN, holds the nodes whose population is not given, so that
 * a facet's counts add up to the nodes that have a population field. */
struct city_size {
	const char *name; /* the facet value: "small", ... */
	int64_t min, max; /* its populations, both included; max INT64_MAX: no upper
			     bound; -1, -1 for the unknown class */
};
#define CITY_SIZE_COUNT   5
#define CITY_SIZE_UNKNOWN "unknown"
extern const struct city_size city_sizes[CITY_SIZE_COUNT];
/* The class of population (< 0: not given, the unknown class). Never NULL. */
const struct city_size *city_size_of(int64_t population);
/* The class called name, or NULL. */
const struct city_size *city_size_named(const char *name);

/* A list of owned strings, in insertion order. */
struct strlist {
	struct ptrvec v; /* char * */
};

/* A city a practice or network names: {city, country}, both as written. */
struct node_place {
	char *city;    /* owned, never NULL in a valid node */
	char *country; /* owned, never NULL in a valid node */
};

/* A city that adapted a practice, through a network (a nid) or not. */
struct node_adopter {
	char *city, *country; /* owned, as in struct node_place */
	int64_t network;      /* the network's nid; -1 = none */
	int64_t year;         /* -1 = unknown */
};

/* Who to ask about a practice. The address is never printed in a page nor
 * given by the public API or feeds (FIELD_PRIVATE). */
struct node_contact {
	char *name, *organisation, *email, *website; /* owned or NULL */
};

/* An impact figure of a practice: what was measured, how much, against
 * what, when and by whose account. */
struct node_indicator {
	char *name;       /* owned, never NULL in a valid node ("CO2 emissions") */
	double value;     /* never NaN in a valid node */
	char *unit;       /* owned or NULL ("t/year", "%") */
	double baseline;  /* the value before the practice; NaN = not given */
	int64_t year;     /* of the value; -1 = unknown */
	char *source;     /* owned or NULL: a citation or an address, as written */
};

/* The listing and stats read a partner's city and country through a
 * node_adopter or a node_place alike. */
_Static_assert(offsetof(struct node_adopter, city) == offsetof(struct node_place, city) &&
		       offsetof(struct node_adopter, country) == offsetof(struct node_place, country),
	       "node_adopter begins as node_place does");

/* Every field of every type: a type uses those its table lists (field.c);
 * the others stay unset. Unset is NULL, -1 for integers, NaN for reals. */
struct node {
	int64_t nid; /* > 0; 0 while not yet assigned */
	enum node_type type;
	char *title;              /* never NULL in a valid node */
	char *subtitle;           /* practice, network */
	char *country;            /* practice, city */
	char *city;               /* practice */
	struct strlist themes;    /* no duplicates, order of appearance */
	struct strlist labels;    /* programme labels, never themes */
	struct strlist relations; /* relation_name() values */
	int64_t population;       /* inhabitants; -1 = unknown */
	char language[4];         /* ISO 639-1; "" until detected */
	struct ptrvec sections;   /* struct section *, owned, in source order */
	char *author;             /* article only */
	char *body;               /* article, city, network; lines joined with "\n" */
	char *created, *changed;  /* RFC 3339 UTC ("2026-12-06T10:18:48Z"); NULL until stored */
	struct ptrvec partners;   /* struct node_place *, owned: practice, network */
	struct ptrvec adopters;   /* struct node_adopter *, owned: practice */
	struct node_contact *contact; /* owned or NULL: practice */
	int64_t labelled;             /* year of labelisation; -1 = unknown */
	struct ptrvec indicators;     /* struct node_indicator *, owned: practice */
	double lat, lon;              /* city: WGS84 degrees; NaN = unknown */
	struct strlist names;         /* city: other names (exonyms, native and ASCII spellings) */
	char *website;                /* city: http(s) URL */
	struct node_place *lead_partner; /* owned or NULL: network */
	char *lead_expert;               /* network */
	int64_t start, end;              /* network: years; -1 = unknown */
	int64_t practice;                /* network: the nid of the practice it transfers; -1 = none */
	int line;                 /* source line of the entry (for messages), 0 if none */
	int dated;                /* 1: created/changed came from the source (an import) and are
				     kept as given; 0: the store sets them */
	enum node_state state;    /* kept by the store; not part of the export object */
	int64_t owner;            /* the account that created it on the web, 0 if none */
};

/* A whole number as the hub prints it and people type it: digits, alone
 * or in groups of three after a first group of 1-3, all separated by the
 * same one of: a space, NBSP (U+00A0) or narrow NBSP (U+202F) (one kind),
 * comma, dot, apostrophe ("470 000", "470,000", "470.000"). 0 with *out,
 * or -1 (out untouched) for anything else, blanks around it included. */
int node_count_parse(const char *s, size_t n, int64_t *out);

/* ---- the field table (field.c) ---- */

/* How a field's value is held in struct node (at field.offset) and written. */
enum field_kind {
	FK_STRING,   /* char *: one line */
	FK_TEXT,     /* char *: lines joined with "\n" (Markdown on the web) */
	FK_DATE,     /* char *: RFC 3339 UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	FK_INT,      /* int64_t in [min, max]; -1 = unset (every such field is >= 0) */
	FK_NID,      /* int64_t: another node's nid; -1 = none */
	FK_REAL,     /* double in [min, max]; NaN = unset */
	FK_LANGUAGE, /* char[4]: ISO 639-1, "" = unset */
	FK_STRINGS,  /* struct strlist: no duplicates, each item at most NODE_TERM_MAX bytes */
	FK_SECTIONS, /* struct ptrvec of struct section * */
	FK_OBJECT,   /* a pointer to a struct of sub-fields (field.sub), NULL = unset */
	FK_OBJECTS,  /* struct ptrvec of pointers to such structs */
};

/* A string field's shape, checked on every way in (import, form). */
enum field_check {
	CHECK_NONE,
	CHECK_EMAIL,
	CHECK_URL,
	CHECK_RELATION,
	CHECK_PRACTICE, /* FK_NID: names a practice (the store checks it) */
	CHECK_NETWORK,  /* FK_NID: names a network (the store checks it) */
};

/* The index field a field's words are searched in (index_int.h's enum
 * field, in this order; their weights are the index's). */
enum field_search { SEARCH_NONE, SEARCH_TITLE, SEARCH_SUBTITLE, SEARCH_TERMS, SEARCH_PLACE,
		    SEARCH_AUTHOR, SEARCH_TEXT };

/* How the edit form asks for it. */
enum field_widget {
	WIDGET_NONE,     /* not edited on the form (dates) */
	WIDGET_LINE,     /* <input> */
	WIDGET_NUMBER,   /* <input inputmode=numeric> */
	WIDGET_AREA,     /* <textarea>, Markdown */
	WIDGET_LINES,    /* <textarea>, one item per line */
	WIDGET_LANGUAGE, /* a language code */
	WIDGET_SECTIONS, /* a <textarea> per section key */
	WIDGET_GROUP,    /* an object: one input per sub-field, named "key.sub" */
	WIDGET_ROWS,     /* a list of objects: one per line, sub-fields separated by " | " */
};

enum {
	FIELD_REQUIRED = 1 << 0, /* must be present and not empty */
	FIELD_STAMP = 1 << 1,    /* created/changed: set by the store unless the source dates the node */
	FIELD_PRIVATE = 1 << 2,  /* never in a page, the public API or feeds (an e-mail address) */
	FIELD_CONTRACT = 1 << 3, /* one of PRODUCT.md's first keys: CSV columns keep their places */
	FIELD_NEWEST = 1 << 4,   /* the date "newest" sorts by */
};

struct field {
	const char *key;            /* the export key, the form's input name, the template's name */
	enum field_kind kind;
	size_t offset;              /* of the value in struct node, or in the sub-struct */
	unsigned flags;             /* FIELD_* */
	int64_t min, max;           /* FK_INT, FK_REAL: the range; strings: max bytes; lists: max items */
	enum field_check check;     /* strings */
	const char *column;         /* the store's column of table node, the node_term kind of a
				       list, or NULL: kept in the node's "extra" JSON object */
	enum field_search search;   /* where its words are searched */
	const char *facet;          /* the index facet its values file under, or NULL */
	enum field_widget widget;
	const char *label;          /* the form's label, an N_() msgid */
	const struct field *sub;    /* FK_OBJECT(S): the sub-fields, ending with key NULL */
	size_t sub_size;            /* FK_OBJECT(S): sizeof the sub-struct */
};

/* The fields of type t after "nid" and "type", in export order, ending with
 * key NULL. Static. NULL for an unknown type. */
const struct field *node_fields(enum node_type t);
/* The field key of type t, or NULL. */
const struct field *node_field(enum node_type t, const char *key);
/* The name of an object field's kind of object ("Place", "Adopter",
 * "Contact", "Indicator": the API's schemas), or NULL. Static. */
const char *field_object_name(const struct field *f);
/* Where f's value is in n (or in an object of f's parent). */
#define FIELD_AT(base, f) ((void *)((char *)(base) + (f)->offset))
#define FIELD_CONST(base, f) ((const void *)((const char *)(base) + (f)->offset))
/* 1 if f holds a value in obj (a node or a sub-struct). */
int field_is_set(const void *obj, const struct field *f);
/* Calls fn on every string f holds in obj (list items, section texts, the
 * strings of sub-fields that are searched and not private) in order;
 * stops at the first non-zero return. */
int field_each_string(const void *obj, const struct field *f, int (*fn)(const char *, void *), void *arg);
/* Frees f's value in obj and leaves it unset. */
void field_clear(void *obj, const struct field *f);
/* The value of f in obj as JSON (new reference; null when unset; NULL on
 * ENOMEM). private 0 leaves FIELD_PRIVATE sub-fields out. */
json_t *field_to_json(const void *obj, const struct field *f, int private);
/* Reads f from v (a JSON value, NULL when absent) into obj. -1 with the
 * reason in why ("\"contact\".email: not an e-mail address"). */
int field_from_json(void *obj, const struct field *f, const json_t *v, struct buf *why);
/* A date of FK_DATE's shape: 0 with *ms (since 1970, UTC; ms may be NULL),
 * or -1. Years 1970 to 2100: a hub's records are no older than 1970, and
 * every reader of *ms may take it as non-negative. */
int node_date_parse(const char *s, int64_t *ms);
/* ms since 1970 as "YYYY-MM-DDTHH:MM:SS.mmmZ" (the store's own form);
 * PX_EUSAGE before 1970 or after 9999. */
enum px_err node_date_format(int64_t ms, char out[32]) PX_WUR;
/* v in the shortest decimal that reads back as v ("51.05", not
 * "51.049999999999997"), as CSV, the form and the CLI write reals. */
void field_real_format(double v, char out[32]);
/* A sub-struct of object field f, zeroed and its integers unset; NULL on ENOMEM. */
void *field_object_new(const struct field *f);
void field_object_free(const struct field *f, void *o);
/* Is s a valid value under check c? */
int field_check_ok(enum field_check c, const char *s);
/* The name of a field kind's expected JSON ("a string", "a list of strings"...). */
const char *field_kind_wants(const struct field *f);

void strlist_init(struct strlist *l);
void strlist_free(struct strlist *l);
size_t strlist_len(const struct strlist *l);
const char *strlist_get(const struct strlist *l, size_t i);
int strlist_has(const struct strlist *l, const char *s);
/* Appends a copy of s[0..n). */
enum px_err strlist_add(struct strlist *l, const char *s, size_t n) PX_WUR;
/* Appends a copy unless an equal string is already there. Linear in the
 * list's length: for short lists; build long ones with strlist_add() and
 * strlist_dedupe(). */
enum px_err strlist_add_unique(struct strlist *l, const char *s, size_t n) PX_WUR;
/* Removes every string equal to an earlier one, keeping the order of first
 * appearance; O(n log n). PX_ENOMEM leaves l as it was. */
enum px_err strlist_dedupe(struct strlist *l) PX_WUR;

/* A node with nothing set: population -1, every pointer NULL. Caller frees
 * with node_free(). NULL on ENOMEM. */
struct node *node_new(enum node_type type);
void node_free(struct node *n);
size_t node_section_count(const struct node *n);
const struct section *node_section(const struct node *n, size_t i);
/* Appends a section; takes copies of heading and text. */
enum px_err node_section_add(struct node *n, enum section_key key, const char *heading,
			     const char *text) PX_WUR;
/* Replaces a string field (e.g. &n->title) with a copy of s[0..n). */
enum px_err node_set(char **field, const char *s, size_t len) PX_WUR;

const char *node_type_name(enum node_type t);
int node_type_parse(const char *s, enum node_type *out); /* 0 ok, -1 unknown */
const char *section_key_name(enum section_key k);
int section_key_parse(const char *s, enum section_key *out); /* 0 ok, -1 unknown */
/* The standard English heading of k ("The innovative solution"), static:
 * an N_() msgid, which the web translates. */
const char *section_key_heading(enum section_key k);
const char *node_state_name(enum node_state s);

/* Is s shaped like a language code: two lower-case ASCII letters? */
int node_language_code(const char *s);
/* Is s an ISO 639-1 language code ("en", not "xx" or "EN")? Thread-safe. */
int node_language_known(const char *s);
int node_state_parse(const char *s, enum node_state *out); /* 0 ok, -1 unknown */
const char *relation_name(enum relation r);
int relation_parse(const char *s, enum relation *out); /* 0 ok, -1 unknown */

/* Adds to n's relations those its partners and adopters imply. */
enum px_err node_relations_sync(struct node *n) PX_WUR;

/* Replaces every string of n (fields, list items, section headings and
 * texts) with fn(string), which returns a malloc'd string or NULL on failure.
 * Returns PX_ENOMEM at the first failure (n stays valid). */
enum px_err node_map_strings(struct node *n, char *(*fn)(const char *)) PX_WUR;

/* The first limit n exceeds: field is the export key ("title", "themes",
 * a section's key, "node" for the whole), got what it has, max the limit. */
struct node_limit {
	const char *field; /* static */
	size_t got, max;
	enum { LIMIT_BYTES, LIMIT_ITEMS, LIMIT_ITEM_BYTES } on; /* what got counts */
};
/* 0 if n is within every limit, else -1 with *out the first one exceeded. */
int node_check_limits(const struct node *n, struct node_limit *out);
/* Appends the limit as a sentence ("title: 1200 bytes, at most 1000"). */
enum px_err node_limit_describe(const struct node_limit *lim, struct buf *out) PX_WUR;

/* The export object of n (new reference; NULL on ENOMEM). */
json_t *node_to_json(const struct node *n);
/* The same without FIELD_PRIVATE values: what the public API and feeds give. */
json_t *node_to_public_json(const struct node *n);
/* Writes the export line of n (object + '\n') to out. */
enum px_err node_write_jsonl(const struct node *n, struct buf *out) PX_WUR;
/* The same without the dates (FIELD_STAMP): what a revision keeps, and
 * what decides that a node is unchanged. */
enum px_err node_write_content(const struct node *n, struct buf *out) PX_WUR;
/* CSV (RFC 4180, CRLF): the header row, and n's row (lists joined with
 * " | ", one column per section, a cell a spreadsheet would run as a
 * formula given a leading apostrophe). */
enum px_err node_write_csv_header(struct buf *out) PX_WUR;
/* private 0 leaves FIELD_PRIVATE values out (the public web's CSV). */
enum px_err node_write_csv(const struct node *n, int private, struct buf *out) PX_WUR;
/* Builds a node from an export object. A missing nid (or null) leaves nid 0.
 * On a malformed object returns NULL and writes a one-line reason to why;
 * *bad_key (when bad_key is not NULL) is then the key at fault, static,
 * or NULL if the object as a whole is. */
struct node *node_from_json(const json_t *obj, struct buf *why);
struct node *node_from_json_at(const json_t *obj, struct buf *why, const char **bad_key);
/* 1 if name is a column of the CSV form (node_write_csv_header's). */
int node_csv_column(const char *name);
/* Reads one CSV row (cells as node_write_csv writes them, without the
 * quoting and the formula apostrophe, under header) into a node; NULL with
 * the reason in why. A section cell gets its key's standard heading
 * (section_key_heading): the CSV form holds no headings. */
struct node *node_from_csv(const char *const *header, const char *const *cells, size_t ncells,
			   struct buf *why);
/* 1 if a and b hold the same content (nid and line ignored). */
int node_equal(const struct node *a, const struct node *b);

/* Appends a line "NAME VERSION" for each library the model runs with, as the
 * library reports it at run time (ICU; Jansson tells its version only at
 * compile time). PX_ENOMEM if out is full. */
enum px_err model_lib_versions(struct buf *out) PX_WUR;

#endif
