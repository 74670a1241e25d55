/* Node lifecycle, lists and the names of the model's enumerations. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {[NODE_PRACTICE] = "practice",
					 [NODE_ARTICLE] = "article",
					 [NODE_CITY] = "city",
					 [NODE_NETWORK] = "network"};
static const char *const state_names[] = {
	[NODE_PUBLISHED] = "published", [NODE_DRAFT] = "draft", [NODE_UNPUBLISHED] = "unpublished"};
static const char *const section_names[SECTION_COUNT] = {
	"summary", "solution", "collaboration", "impact", "transfer",
};
/* A section's standard heading in English (PRODUCT.md's "Section keys",
 * as the edit form's msgids): what a section read without its heading (a CSV
 * cell) is given; the web translates it where it writes it. */
static const char *const section_headings[SECTION_COUNT] = {
	N_("Summary"), N_("The innovative solution"), N_("A collaborative and participative work"),
	N_("The impact and results"), N_("Why this good practice should be transferred to other cities?")};
static const char *const relation_names[RELATION_COUNT] = {
	"in_partnership_with",
	"adapted_by_cities_from",
};

void strlist_init(struct strlist *l)
{
	ptrvec_init(&l->v);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < ptrvec_len(&l->v); i++)
		free(ptrvec_get(&l->v, i));
	ptrvec_free(&l->v);
}

size_t strlist_len(const struct strlist *l)
{
	return ptrvec_len(&l->v);
}

const char *strlist_get(const struct strlist *l, size_t i)
{
	return ptrvec_get(&l->v, i);
}

int strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < strlist_len(l); i++)
		if (strcmp(strlist_get(l, i), s) == 0)
			return 1;
	return 0;
}

enum px_err strlist_add(struct strlist *l, const char *s, size_t n)
{
	char *copy = px_strndup(s, n);
	if (!copy)
		return PX_ENOMEM;
	enum px_err err = ptrvec_push(&l->v, copy);
	if (err)
		free(copy);
	return err;
}

enum px_err strlist_add_unique(struct strlist *l, const char *s, size_t n)
{
	for (size_t i = 0; i < strlist_len(l); i++) {
		const char *e = strlist_get(l, i);
		if (strlen(e) == n && memcmp(e, s, n) == 0)
			return PX_OK;
	}
	return strlist_add(l, s, n);
}

/* One string of a list, with its position, for sorting. */
struct entry {
	const char *s;
	size_t pos;
};

static int by_string_then_pos(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : x->pos < y->pos ? -1 : x->pos > y->pos;
}

enum px_err strlist_dedupe(struct strlist *l)
{
	size_t n = strlist_len(l);
	if (n < 2)
		return PX_OK;
	struct entry *e = malloc(n * sizeof *e);
	if (!e)
		return PX_ENOMEM;
	for (size_t i = 0; i < n; i++)
		e[i] = (struct entry){strlist_get(l, i), i};
	/* Equal strings end up together, the first appearance first: every
	 * later one is freed and its slot emptied, then the list compacted. */
	qsort(e, n, sizeof *e, by_string_then_pos);
	void **slot = (void **)(void *)l->v.b.data;
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(e[i].s, e[first].s)) {
			first = i; /* a new run: its first appearance stays */
			continue;
		}
		free(slot[e[i].pos]);
		slot[e[i].pos] = NULL;
	}
	free(e);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (slot[i])
			slot[kept++] = slot[i];
	l->v.b.len = kept * sizeof(void *);
	return PX_OK;
}

/* Every field of every type starts unset, so a field a type does not list
 * stays unset and is freed harmlessly. */
static const enum node_type all_types[] = {NODE_PRACTICE, NODE_ARTICLE, NODE_CITY, NODE_NETWORK};

static void clear_all(struct node *n)
{
	for (size_t t = 0; t < sizeof all_types / sizeof all_types[0]; t++)
		for (const struct field *f = node_fields(all_types[t]); f->key; f++)
			field_clear(n, f);
}

struct node *node_new(enum node_type type)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	strlist_init(&n->themes);
	strlist_init(&n->labels);
	strlist_init(&n->relations);
	strlist_init(&n->names);
	ptrvec_init(&n->sections);
	ptrvec_init(&n->partners);
	ptrvec_init(&n->adopters);
	ptrvec_init(&n->indicators);
	clear_all(n);
	n->type = type;
	return n;
}

void node_free(struct node *n)
{
	if (!n)
		return;
	clear_all(n);
	free(n);
}

size_t node_section_count(const struct node *n)
{
	return ptrvec_len(&n->sections);
}

const struct section *node_section(const struct node *n, size_t i)
{
	return ptrvec_get(&n->sections, i);
}

enum px_err node_section_add(struct node *n, enum section_key key, const char *heading, const char *text)
{
	struct section *s = calloc(1, sizeof *s);
	if (!s)
		return PX_ENOMEM;
	s->key = key;
	s->heading = px_strdup(heading);
	s->text = px_strdup(text);
	if (s->heading && s->text && ptrvec_push(&n->sections, s) == PX_OK)
		return PX_OK;
	free(s->heading);
	free(s->text);
	free(s);
	return PX_ENOMEM;
}

enum px_err node_set(char **field, const char *s, size_t len)
{
	char *copy = px_strndup(s, len);
	if (!copy)
		return PX_ENOMEM;
	free(*field);
	*field = copy;
	return PX_OK;
}

static int name_index(const char *const *names, int count, const char *s)
{
	for (int i = 0; i < count; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *node_type_name(enum node_type t)
{
	return t >= NODE_PRACTICE && t <= NODE_TYPE_MAX ? type_names[t] : "?";
}

const char *node_state_name(enum node_state st)
{
	return (unsigned)st < NODE_STATE_COUNT ? state_names[st] : "?";
}

int node_state_parse(const char *s, enum node_state *out)
{
	int i = s ? name_index(state_names, NODE_STATE_COUNT, s) : -1;
	if (i < 0)
		return -1;
	*out = (enum node_state)i;
	return 0;
}

int node_type_parse(const char *s, enum node_type *out)
{
	int i = name_index(type_names, NODE_TYPE_MAX + 1, s);
	if (i < 0)
		return -1;
	*out = (enum node_type)i;
	return 0;
}

const char *section_key_name(enum section_key k)
{
	return k < SECTION_COUNT ? section_names[k] : "?";
}

const char *section_key_heading(enum section_key k)
{
	return k < SECTION_COUNT ? section_headings[k] : "?";
}

int section_key_parse(const char *s, enum section_key *out)
{
	int i = name_index(section_names, SECTION_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum section_key)i;
	return 0;
}

const char *relation_name(enum relation r)
{
	return r < RELATION_COUNT ? relation_names[r] : "?";
}

int relation_parse(const char *s, enum relation *out)
{
	int i = name_index(relation_names, RELATION_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum relation)i;
	return 0;
}

static int map_one(char **field, char *(*fn)(const char *))
{
	if (!*field)
		return 0;
	char *v = fn(*field);
	if (!v)
		return -1;
	free(*field);
	*field = v;
	return 0;
}

static int map_field(void *obj, const struct field *f, char *(*fn)(const char *));

static int map_object(void *o, const struct field *f, char *(*fn)(const char *))
{
	for (const struct field *s = f->sub; s->key; s++)
		if (map_field(o, s, fn))
			return -1;
	return 0;
}

/* Dates and other machine values are left as they are. */
static int map_field(void *obj, const struct field *f, char *(*fn)(const char *))
{
	struct ptrvec *v = FIELD_AT(obj, f);
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
		return map_one(FIELD_AT(obj, f), fn);
	case FK_STRINGS:
		for (size_t i = 0; i < strlist_len(FIELD_AT(obj, f)); i++)
			if (map_one((char **)(void *)v->b.data + i, fn))
				return -1;
		return 0;
	case FK_SECTIONS:
		for (size_t i = 0; i < ptrvec_len(v); i++) {
			struct section *s = ptrvec_get(v, i);
			if (map_one(&s->heading, fn) || map_one(&s->text, fn))
				return -1;
		}
		return 0;
	case FK_OBJECT:
		return *(void **)FIELD_AT(obj, f) ? map_object(*(void **)FIELD_AT(obj, f), f, fn) : 0;
	case FK_OBJECTS:
		for (size_t i = 0; i < ptrvec_len(v); i++)
			if (map_object(ptrvec_get(v, i), f, fn))
				return -1;
		return 0;
	default:
		return 0;
	}
}

enum px_err node_map_strings(struct node *n, char *(*fn)(const char *))
{
	for (const struct field *f = node_fields(n->type); f->key; f++)
		if (map_field(n, f, fn))
			return PX_ENOMEM;
	return PX_OK;
}

enum px_err node_relations_sync(struct node *n)
{
	enum px_err err = PX_OK;
	if (ptrvec_len(&n->partners)) {
		const char *r = relation_name(RELATION_IN_PARTNERSHIP_WITH);
		err = strlist_add_unique(&n->relations, r, strlen(r));
	}
	if (!err && ptrvec_len(&n->adopters)) {
		const char *r = relation_name(RELATION_ADAPTED_BY_CITIES_FROM);
		err = strlist_add_unique(&n->relations, r, strlen(r));
	}
	return err;
}
