/* model: the nodes of the hub (see ../shared/PRODUCT.md, "Data model").
 *
 * A node is a practice or an article. Every string field is owned by the
 * node, NUL-terminated UTF-8 in NFC, or NULL when absent. The JSON object of a
 * node (node_to_json / node_from_json) is the export format: one object per
 * line, keys in the order documented in PRODUCT.md. */
#ifndef PX_MODEL_H
#define PX_MODEL_H

#include "../core/core.h"

#include <jansson.h>

enum node_type { NODE_PRACTICE = 1, NODE_ARTICLE = 2 };

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

/* A list of owned strings, in insertion order. */
struct strlist {
	struct ptrvec v; /* char * */
};

struct node {
	int64_t nid; /* > 0; 0 while not yet assigned */
	enum node_type type;
	char *title;              /* never NULL in a valid node */
	char *subtitle;           /* practice only */
	char *country;            /* practice only */
	char *city;               /* practice only */
	struct strlist themes;    /* no duplicates, order of appearance */
	struct strlist labels;    /* programme labels, never themes */
	struct strlist relations; /* relation_name() values */
	int64_t population;       /* inhabitants; -1 = unknown */
	char language[4];         /* ISO 639-1; "" until detected */
	struct ptrvec sections;   /* struct section *, owned, in source order */
	char *author;             /* article only */
	char *body;               /* article only; lines joined with "\n" */
	int line;                 /* source line of the entry (for messages), 0 if none */
	enum node_state state;    /* kept by the store; not part of the export object */
	int64_t owner;            /* the account that created it on the web, 0 if none */
};

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
const char *node_state_name(enum node_state s);

/* Is s shaped like a language code: two lower-case ASCII letters? */
int node_language_code(const char *s);
/* Is s an ISO 639-1 language code ("en", not "xx" or "EN")? Thread-safe. */
int node_language_known(const char *s);
int node_state_parse(const char *s, enum node_state *out); /* 0 ok, -1 unknown */
const char *relation_name(enum relation r);
int relation_parse(const char *s, enum relation *out); /* 0 ok, -1 unknown */

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
/* Writes the export line of n (object + '\n') to out. */
enum px_err node_write_jsonl(const struct node *n, struct buf *out) PX_WUR;
/* CSV (RFC 4180, CRLF): the header row, and n's row (lists joined with
 * " | ", one column per section, a cell a spreadsheet would run as a
 * formula given a leading apostrophe). */
extern const char node_csv_header[];
enum px_err node_write_csv(const struct node *n, struct buf *out) PX_WUR;
/* Builds a node from an export object. A missing nid (or null) leaves nid 0.
 * On a malformed object returns NULL and writes a one-line reason to why. */
struct node *node_from_json(const json_t *obj, struct buf *why);
/* 1 if a and b hold the same content (nid and line ignored). */
int node_equal(const struct node *a, const struct node *b);

#endif
