/* Node lifecycle, lists and the names of the model's enumerations. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {[NODE_PRACTICE] = "practice", [NODE_ARTICLE] = "article"};
static const char *const state_names[] = {
	[NODE_PUBLISHED] = "published", [NODE_DRAFT] = "draft", [NODE_UNPUBLISHED] = "unpublished"};
static const char *const section_names[SECTION_COUNT] = {
	"summary", "solution", "collaboration", "impact", "transfer",
};
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

struct node *node_new(enum node_type type)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	n->type = type;
	n->population = -1;
	strlist_init(&n->themes);
	strlist_init(&n->labels);
	strlist_init(&n->relations);
	ptrvec_init(&n->sections);
	return n;
}

void node_free(struct node *n)
{
	if (!n)
		return;
	free(n->title);
	free(n->subtitle);
	free(n->country);
	free(n->city);
	free(n->author);
	free(n->body);
	strlist_free(&n->themes);
	strlist_free(&n->labels);
	strlist_free(&n->relations);
	for (size_t i = 0; i < node_section_count(n); i++) {
		struct section *s = ptrvec_get(&n->sections, i);
		free(s->heading);
		free(s->text);
		free(s);
	}
	ptrvec_free(&n->sections);
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
	return t == NODE_PRACTICE || t == NODE_ARTICLE ? type_names[t] : "?";
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
	int i = name_index(type_names, 3, s);
	if (i < 0)
		return -1;
	*out = (enum node_type)i;
	return 0;
}

const char *section_key_name(enum section_key k)
{
	return k < SECTION_COUNT ? section_names[k] : "?";
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

static int map_list(struct strlist *l, char *(*fn)(const char *))
{
	char **items = (char **)(void *)l->v.b.data;
	for (size_t i = 0; i < strlist_len(l); i++)
		if (map_one(&items[i], fn))
			return -1;
	return 0;
}

enum px_err node_map_strings(struct node *n, char *(*fn)(const char *))
{
	int bad = map_one(&n->title, fn) || map_one(&n->subtitle, fn) || map_one(&n->country, fn) ||
		  map_one(&n->city, fn) || map_one(&n->author, fn) || map_one(&n->body, fn) ||
		  map_list(&n->themes, fn) || map_list(&n->labels, fn) || map_list(&n->relations, fn);
	for (size_t i = 0; !bad && i < node_section_count(n); i++) {
		struct section *s = ptrvec_get(&n->sections, i);
		bad = map_one(&s->heading, fn) || map_one(&s->text, fn);
	}
	return bad ? PX_ENOMEM : PX_OK;
}
