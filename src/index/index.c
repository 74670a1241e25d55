/* Building the index: documents, terms, posting lists, stem groups and
 * facets (formats in index_int.h). */
#include "index_int.h"

#include "compound.h"
#include "../place/place.h"

#include <stdlib.h>
#include <string.h>

static const char *const facet_names[FACET_COUNT] = {
	"type", "themes", "labels", "country", "city", "city_size", "language", "author", "place", "partner", "adopter"};

int index_facet_counted(enum index_facet f)
{
	return f < FACET_AUTHOR;
}

const char *index_facet_name(enum index_facet f)
{
	return facet_names[f];
}

int index_facet_parse(const char *name, enum index_facet *out)
{
	for (int f = 0; f < FACET_COUNT; f++)
		if (!strcmp(facet_names[f], name)) {
			*out = (enum index_facet)f;
			return 0;
		}
	if (!strcmp(name, "theme") || !strcmp(name, "label")) { /* singular forms read naturally */
		*out = name[0] == 't' ? FACET_THEMES : FACET_LABELS;
		return 0;
	}
	return -1;
}

/* ---- lifecycle ---- */

struct index *index_new(void)
{
	struct index *ix = calloc(1, sizeof *ix);
	posting_init();
	if (!ix || !(ix->live = roaring_bitmap_create()) || !(ix->stem = text_stem_new()) ||
	    !(ix->similar = similar_memo_new()) || !(ix->counts = count_memo_new())) {
		index_free(ix);
		return NULL;
	}
	buf_init(&ix->strings, (size_t)UINT32_MAX);
	buf_init(&ix->terms, BUF_CAP_DEFAULT * 4);
	buf_init(&ix->sorted, BUF_CAP_DEFAULT);
	buf_init(&ix->newest, BUF_CAP_DEFAULT);
	buf_init(&ix->created, BUF_CAP_DEFAULT);
	buf_init(&ix->population, BUF_CAP_DEFAULT);
	buf_init(&ix->place_of, BUF_CAP_DEFAULT);
	buf_init(&ix->profile, BUF_CAP_DEFAULT * 4);
	buf_init(&ix->adopt_pop, BUF_CAP_DEFAULT);
	buf_init(&ix->place_city, BUF_CAP_DEFAULT);
	buf_init(&ix->doc_values, BUF_CAP_DEFAULT);
	buf_init(&ix->heads, BUF_CAP_DEFAULT);
	buf_init(&ix->sorted_text, (size_t)UINT32_MAX);
	buf_init(&ix->sorted_end, BUF_CAP_DEFAULT);
	buf_init(&ix->stems, BUF_CAP_DEFAULT);
	buf_init(&ix->stem_keys, (size_t)UINT32_MAX);
	buf_init(&ix->compounds, BUF_CAP_DEFAULT);
	buf_init(&ix->compound_keys, (size_t)UINT32_MAX);
	buf_init(&ix->docs, BUF_CAP_DEFAULT * 4);
	buf_init(&ix->nid_map, BUF_CAP_DEFAULT);
	buf_init(&ix->bigs, BUF_CAP_DEFAULT);
	buf_init(&ix->dirty, BUF_CAP_DEFAULT);
	for (int f = 0; f < FACET_COUNT; f++)
		buf_init(&ix->facets[f], BUF_CAP_DEFAULT);
	textstore_init(&ix->text);
	return ix;
}

/* Does p point into the snapshot ix was read from (borrowed, not owned)? */
static int image_holds(const struct index *ix, const void *p)
{
	uintptr_t at = (uintptr_t)p, base = (uintptr_t)ix->image.p;
	return ix->image.p && at >= base && at - base < ix->image.len;
}

void index_free(struct index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < term_count(ix); i++)
		buf_free(&term_at(ix, (uint32_t)i)->post);
	posting_free(ix);
	for (size_t i = 0; i < ix->stems.len / sizeof(struct stem_group); i++)
		buf_free(&((struct stem_group *)(void *)ix->stems.data)[i].ids);
	for (size_t i = 0; i < doc_count(ix); i++)
		if (!image_holds(ix, doc_at(ix, (uint32_t)i)->title))
			free(doc_at(ix, (uint32_t)i)->title);
	for (int f = 0; f < FACET_COUNT; f++) {
		for (size_t i = 0; i < facet_count(ix, (enum index_facet)f); i++) {
			struct facet_value *v = facet_at(ix, (enum index_facet)f, (uint32_t)i);
			free(v->value);
			free(v->key);
			roaring_bitmap_free(v->docs);
		}
		buf_free(&ix->facets[f]);
		strmap_free(&ix->facet_ids[f]);
	}
	textstore_free(&ix->text);
	buf_free(&ix->strings);
	buf_free(&ix->terms);
	buf_free(&ix->sorted);
	buf_free(&ix->newest);
	buf_free(&ix->created);
	buf_free(&ix->population);
	buf_free(&ix->place_of);
	buf_free(&ix->profile);
	buf_free(&ix->adopt_pop);
	buf_free(&ix->place_city);
	buf_free(&ix->doc_values);
	buf_free(&ix->heads);
	buf_free(&ix->sorted_text);
	buf_free(&ix->sorted_end);
	buf_free(&ix->stems);
	buf_free(&ix->stem_keys);
	buf_free(&ix->compounds);
	buf_free(&ix->compound_keys);
	buf_free(&ix->docs);
	buf_free(&ix->nid_map);
	buf_free(&ix->dirty);
	strmap_free(&ix->term_ids);
	strmap_free(&ix->stem_ids);
	strmap_free(&ix->compound_ids);
	if (ix->live)
		roaring_bitmap_free(ix->live);
	text_stem_free(ix->stem);
	similar_memo_free(ix->similar);
	count_memo_free(ix->counts);
	index_image_free(ix);
	free(ix);
}

void index_memo_drop(struct index *ix)
{
	similar_memo_drop(ix->similar);
	count_memo_drop(ix->counts);
}

size_t index_size(const struct index *ix)
{
	return ix->nlive;
}

/* ---- nid → docno ---- */

struct nid_slot {
	int64_t nid;
	uint64_t docno1; /* docno + 1; 0 = empty */
};

static size_t nid_hash(int64_t nid, size_t mask)
{
	return (size_t)(((uint64_t)nid * 0x9e3779b97f4a7c15u) >> 17) & mask;
}

int index_docno(const struct index *ix, int64_t nid, uint32_t *docno)
{
	const struct nid_slot *s = (const struct nid_slot *)(const void *)ix->nid_map.data;
	if (!s)
		return -1;
	for (size_t i = nid_hash(nid, ix->nid_mask);; i = (i + 1) & ix->nid_mask) {
		if (!s[i].docno1)
			return -1;
		if (s[i].nid == nid) {
			*docno = (uint32_t)(s[i].docno1 - 1);
			return 0;
		}
	}
}

/* Sets nid → docno (docno UINT32_MAX: a tombstone that keeps probing intact). */
enum px_err index_nid_set(struct index *ix, int64_t nid, uint64_t docno1)
{
	if ((ix->nid_used + 1) * 2 > (ix->nid_mask + 1) || !ix->nid_map.data) {
		size_t size = ix->nid_map.data ? (ix->nid_mask + 1) * 2 : 1024;
		struct buf nb;
		buf_init(&nb, ix->nid_map.cap);
		if (buf_reserve(&nb, size * sizeof(struct nid_slot)))
			return PX_ENOMEM;
		memset(nb.data, 0, size * sizeof(struct nid_slot));
		nb.len = size * sizeof(struct nid_slot);
		struct nid_slot *ns = (struct nid_slot *)(void *)nb.data;
		const struct nid_slot *os = (const struct nid_slot *)(const void *)ix->nid_map.data;
		for (size_t i = 0; os && i <= ix->nid_mask; i++) {
			if (!os[i].docno1)
				continue;
			size_t j = nid_hash(os[i].nid, size - 1);
			while (ns[j].docno1)
				j = (j + 1) & (size - 1);
			ns[j] = os[i];
		}
		buf_free(&ix->nid_map);
		ix->nid_map = nb;
		ix->nid_mask = size - 1;
	}
	struct nid_slot *s = (struct nid_slot *)(void *)ix->nid_map.data;
	size_t i = nid_hash(nid, ix->nid_mask);
	while (s[i].docno1 && s[i].nid != nid)
		i = (i + 1) & ix->nid_mask;
	if (!s[i].docno1)
		ix->nid_used++;
	s[i].nid = nid;
	s[i].docno1 = docno1;
	return PX_OK;
}

/* ---- terms ---- */

const char *index_term_name(const void *ctx, uint32_t id, size_t *len)
{
	const struct index *ix = ctx;
	*len = term_at(ix, id)->len;
	return term_text(ix, id);
}

int64_t index_term_find(const struct index *ix, const char *s, size_t n)
{
	return strmap_get(&ix->term_ids, s, n, index_term_name, ix);
}

static enum px_err term_intern(struct index *ix, const char *s, size_t n, uint32_t *id)
{
	int64_t found = index_term_find(ix, s, n);
	if (found >= 0) {
		*id = (uint32_t)found;
		return PX_OK;
	}
	struct term t = {(uint32_t)ix->strings.len, (uint32_t)n, 0, 0, 0, 0, {0}};
	buf_init(&t.post, BUF_CAP_DEFAULT);
	*id = (uint32_t)term_count(ix);
	enum px_err err = buf_add(&ix->strings, s, n);
	if (!err && (err = buf_add(&ix->terms, &t, sizeof t)))
		ix->strings.len -= n;
	if (!err && (err = strmap_put(&ix->term_ids, s, n, *id))) {
		ix->terms.len -= sizeof t;
		ix->strings.len -= n;
	}
	return err;
}

/* ---- stem groups: "lang:stem" → the terms that stem to it ---- */

const char *index_stem_name(const void *ctx, uint32_t id, size_t *len)
{
	const struct index *ix = ctx;
	const struct stem_group *g = &((const struct stem_group *)(const void *)ix->stems.data)[id];
	*len = g->klen;
	return ix->stem_keys.data + g->key;
}

static size_t stem_key(const char *lang, const char *stem, size_t n, char *key)
{
	key[0] = lang[0];
	key[1] = lang[1];
	key[2] = ':';
	memcpy(key + 3, stem, n);
	return n + 3;
}

const struct stem_group *index_stem_find(const struct index *ix, const char *lang, const char *stem, size_t n)
{
	char key[TEXT_TOKEN_MAX + 3];
	size_t klen = stem_key(lang, stem, n, key);
	int64_t id = strmap_get(&ix->stem_ids, key, klen, index_stem_name, ix);
	return id < 0 ? NULL : &((const struct stem_group *)(const void *)ix->stems.data)[id];
}

/* Records that term id occurs in language lang (first time: files it under
 * its stem in that language). */
static enum px_err term_seen_in(struct index *ix, uint32_t id, const struct text_token *tok, const char *lang)
{
	int bit = index_lang_bit(lang);
	struct term *t = term_at(ix, id);
	if (bit < 0 || (t->langs >> bit & 1u))
		return PX_OK;
	t->langs |= 1u << bit;
	if (!text_stem_has(lang))
		return PX_OK;
	char stem[TEXT_TOKEN_MAX], key[TEXT_TOKEN_MAX + 3];
	size_t n = text_stem(ix->stem, lang, tok->lower, tok->nlower, stem, sizeof stem);
	if (!n)
		return PX_OK;
	size_t klen = stem_key(lang, stem, n, key);
	int64_t gid = strmap_get(&ix->stem_ids, key, klen, index_stem_name, ix);
	enum px_err err = PX_OK;
	if (gid < 0) {
		struct stem_group g = {(uint32_t)ix->stem_keys.len, (uint32_t)klen, {0}};
		buf_init(&g.ids, BUF_CAP_DEFAULT);
		gid = (int64_t)(ix->stems.len / sizeof g);
		if ((err = buf_add(&ix->stem_keys, key, klen)) || (err = buf_add(&ix->stems, &g, sizeof g)) ||
		    (err = strmap_put(&ix->stem_ids, key, klen, (uint32_t)gid)))
			return err;
	}
	struct stem_group *g = &((struct stem_group *)(void *)ix->stems.data)[gid];
	return buf_add(&g->ids, &id, sizeof id);
}

/* ---- adding a document ---- */

struct occ {
	uint32_t term;
	uint32_t occ; /* pos << FIELD_BITS | field */
};

struct collector {
	struct index *ix;
	struct buf occs; /* struct occ[] */
	const char *lang;
	enum ix_field field;
	enum px_err err;
	uint32_t words;
};

/* ---- compounds: a text's "skolehaver" is also "skole" and "haver" ---- */

#define COMPOUND_MIN 8 /* bytes of a word worth splitting: two parts of 4 */

/* The languages that write compounds as one word. */
static int compounding(const char *lang)
{
	static const char *const langs[] = {"da", "de", "et", "fi", "hu", "nl", "sv"};
	for (size_t i = 0; lang && i < sizeof langs / sizeof *langs; i++)
		if (!strcmp(lang, langs[i]))
			return 1;
	return 0;
}

static const char *compound_name(const void *ctx, uint32_t id, size_t *len)
{
	const struct index *ix = ctx;
	const struct compound_parts *c = &((const struct compound_parts *)(const void *)ix->compounds.data)[id];
	*len = c->klen;
	return ix->compound_keys.data + c->key;
}

/* The parts term id of language lang is filed under, split once by the
 * dictionaries of that language (compound_split) and kept. */
static enum px_err compound_of(struct index *ix, uint32_t id, const char *lang, struct compound_parts *out)
{
	char key[TEXT_TOKEN_MAX + 3];
	const struct term *t = term_at(ix, id);
	size_t klen = stem_key(lang, term_text(ix, id), t->len, key);
	int64_t cid = strmap_get(&ix->compound_ids, key, klen, compound_name, ix);
	if (cid >= 0) {
		*out = ((const struct compound_parts *)(const void *)ix->compounds.data)[cid];
		return PX_OK;
	}
	struct compound cp;
	struct compound_parts c = {(uint32_t)ix->compound_keys.len, (uint32_t)klen, 0, {0}};
	struct compound_lexicon lx = {ix->stem, 1u << index_lang_bit(lang), 0, NULL, NULL};
	enum px_err err = PX_OK;
	if (compound_split(&lx, key + 3, klen - 3, &cp))
		for (size_t i = 0; !err && i < cp.n; i++)
			err = term_intern(ix, cp.part[i], cp.len[i], &c.part[c.n++]);
	cid = (int64_t)(ix->compounds.len / sizeof c);
	if (!err && !(err = buf_add(&ix->compound_keys, key, klen)) && !(err = buf_add(&ix->compounds, &c, sizeof c)))
		err = strmap_put(&ix->compound_ids, key, klen, (uint32_t)cid);
	*out = c;
	return err;
}

/* Files the token's term (id) under its parts too, at its position, when
 * it is a compound of the text's language. */
static enum px_err collect_parts(struct collector *c, const struct text_token *tok, uint32_t id, uint32_t occ)
{
	if (tok->nfolded < COMPOUND_MIN || !compounding(c->lang))
		return PX_OK;
	struct compound_parts cp;
	enum px_err err = compound_of(c->ix, id, c->lang, &cp);
	for (uint32_t i = 0; !err && i < cp.n; i++) {
		const struct term *t = term_at(c->ix, cp.part[i]);
		struct text_token part = *tok; /* stemmed in its folded form: the parts have no other */
		part.folded = part.lower = term_text(c->ix, cp.part[i]);
		part.nfolded = part.nlower = t->len;
		struct occ o = {cp.part[i], occ};
		if (!(err = term_seen_in(c->ix, cp.part[i], &part, c->lang)))
			err = buf_add(&c->occs, &o, sizeof o);
	}
	return err;
}

static int collect(const struct text_token *tok, void *arg)
{
	struct collector *c = arg;
	uint32_t id;
	if ((c->err = term_intern(c->ix, tok->folded, tok->nfolded, &id)) ||
	    (c->err = term_seen_in(c->ix, id, tok, c->lang)))
		return 1;
	struct occ o = {id, tok->pos << FIELD_BITS | c->field};
	c->words++;
	if (!(c->err = buf_add(&c->occs, &o, sizeof o)))
		c->err = collect_parts(c, tok, id, o.occ);
	return c->err != PX_OK;
}

static int by_term_occ(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return x->occ < y->occ ? -1 : x->occ > y->occ;
}

static enum px_err varint_put(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;
	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			tmp[n] |= 0x80;
		n++;
	} while (v);
	return buf_add(b, tmp, n);
}

/* Appends docno's postings (occs sorted by term, then occurrence). */
static enum px_err append_postings(struct index *ix, uint32_t docno, const struct occ *o, size_t n)
{
	enum px_err err = PX_OK;
	float avg[NFIELDS];
	posting_avg(ix, avg);
	for (size_t i = 0; !err && i < n;) {
		size_t j = i;
		while (j < n && o[j].term == o[i].term)
			j++;
		struct term *t = term_at(ix, o[i].term);
		uint32_t count = 0, prev = UINT32_MAX;
		unsigned tf[NFIELDS] = {0};
		for (size_t k = i; k < j; k++)
			if (o[k].occ != prev) {
				count++;
				prev = o[k].occ;
				tf[o[k].occ & ((1u << FIELD_BITS) - 1)]++;
			}
		size_t off = t->post.len;
		uint64_t doc1 = t->last_doc;
		if (doc1 <= ix->flushed_docs) /* first posting since the flush */
			err = buf_add(&ix->dirty, &o[i].term, sizeof o[i].term);
		if (!err)
			err = varint_put(&t->post, (uint64_t)docno + 1 - t->last_doc);
		if (!err)
			err = varint_put(&t->post, count);
		prev = 0;
		for (size_t k = i; !err && k < j; k++) {
			if (k > i && o[k].occ == o[k - 1].occ)
				continue; /* a compound's joined form may repeat a part */
			err = varint_put(&t->post, o[k].occ - prev);
			prev = o[k].occ;
		}
		t->last_doc = docno + 1;
		t->df++;
		if (!err)
			err = posting_added(ix, o[i].term, docno, tf, avg, off, doc1);
		i = j;
	}
	return err;
}

static void field_text(struct collector *c, enum ix_field f, const char *s, uint32_t *pos)
{
	if (!s || c->err)
		return;
	c->field = f;
	*pos = text_tokenize(s, strlen(s), *pos, collect, c) + 1;
}

struct field_words {
	struct collector *c;
	enum ix_field f;
	uint32_t *pos;
};

static int one_string(const char *s, void *arg)
{
	struct field_words *w = arg;
	field_text(w->c, w->f, s, w->pos);
	return w->c->err != PX_OK;
}

_Static_assert((int)SEARCH_TITLE == F_TITLE + 1 && (int)SEARCH_SUBTITLE == F_SUBTITLE + 1 &&
		       (int)SEARCH_TERMS == F_THEMES + 1 && (int)SEARCH_PLACE == F_PLACE + 1 &&
		       (int)SEARCH_AUTHOR == F_AUTHOR + 1 && (int)SEARCH_TEXT == F_TEXT + 1,
	       "model.h's enum field_search follows index_int.h's enum ix_field");

/* Tokenises every field of n into c->occs, index field by index field, each
 * from the model fields the table searches in it (field.search), in table
 * order; per-field word counts in len. */
static void collect_fields(struct collector *c, const struct node *n, uint16_t len[NFIELDS])
{
	uint32_t pos = 0;
	for (int f = 0; f < NFIELDS && !c->err; f++) {
		uint32_t before = c->words;
		struct field_words w = {c, (enum ix_field)f, &pos};
		for (const struct field *mf = node_fields(n->type); mf && mf->key && !c->err; mf++)
			if (mf->search == (enum field_search)(f + 1) && !(mf->flags & FIELD_PRIVATE)) /* SEARCH_TITLE is F_TITLE + 1 */
				field_each_string(n, mf, one_string, &w);
		uint32_t words = c->words - before;
		len[f] = words > UINT16_MAX ? UINT16_MAX : (uint16_t)words;
		pos += FIELD_GAP;
		if (pos > (UINT32_MAX >> FIELD_BITS) - FIELD_GAP)
			break; /* a document of half a billion words keeps its first ones */
	}
}

/* ---- facets ---- */

const char *index_facet_key_name(const void *ctx, uint32_t id, size_t *len)
{
	const struct facet_value *v = ctx;
	*len = strlen(v[id].key);
	return v[id].key;
}

/* The key a facet value is compared by: folded, so filters ignore case and
 * accents. Caller frees. */
static char *facet_key(const char *value)
{
	char f[1024];
	size_t n = text_fold(value, strlen(value), f, sizeof f);
	return n ? px_strndup(f, n) : px_strdup(value);
}

size_t index_facet_size(const struct index *ix, enum index_facet f)
{
	return facet_count(ix, f);
}

const char *index_facet_value(const struct index *ix, enum index_facet f, size_t i)
{
	return i < facet_count(ix, f) ? facet_at(ix, f, (uint32_t)i)->value : NULL;
}

int64_t index_facet_find(const struct index *ix, enum index_facet f, const char *value)
{
	char *key = facet_key(value);
	if (!key)
		return -1;
	int64_t id =
		strmap_get(&ix->facet_ids[f], key, strlen(key), index_facet_key_name, ix->facets[f].data);
	free(key);
	return id;
}

static enum px_err doc_value_add(struct index *ix, struct doc *d, enum index_facet f, uint32_t id);
static void facets_live(struct index *ix, uint32_t docno, int delta);

static enum px_err facet_add(struct index *ix, enum index_facet f, const char *value, uint32_t docno)
{
	if (!value || !value[0])
		return PX_OK;
	int64_t id = index_facet_find(ix, f, value);
	if (id < 0) {
		struct facet_value v = {px_strdup(value), facet_key(value), roaring_bitmap_create(), 0};
		id = (int64_t)facet_count(ix, f);
		if (!v.value || !v.key || !v.docs || buf_add(&ix->facets[f], &v, sizeof v)) {
			free(v.value);
			free(v.key);
			if (v.docs)
				roaring_bitmap_free(v.docs);
			return PX_ENOMEM;
		}
		if (strmap_put(&ix->facet_ids[f], v.key, strlen(v.key), (uint32_t)id))
			return PX_ENOMEM;
	}
	roaring_bitmap_add(facet_at(ix, f, (uint32_t)id)->docs, docno);
	return !index_facet_counted(f) ? PX_OK : doc_value_add(ix, doc_at(ix, docno), f, (uint32_t)id);
}

/* ---- each document's facet values ---- */

static uint32_t *doc_values(const struct index *ix)
{
	return (uint32_t *)(void *)ix->doc_values.data;
}

/* Appends a value to d's run, which must be the last one. */
static enum px_err doc_value_add(struct index *ix, struct doc *d, enum index_facet f, uint32_t id)
{
	if (id > FV_ID)
		return PX_ETOOBIG;
	uint32_t e = (uint32_t)f << FV_SHIFT | id;
	for (uint32_t i = 0; i < d->fv_count; i++)
		if (doc_values(ix)[d->fv_first + i] == e)
			return PX_OK; /* a theme given twice */
	if (ix->doc_values.len / sizeof e >= UINT32_MAX)
		return PX_ETOOBIG;
	enum px_err err = buf_add(&ix->doc_values, &e, sizeof e);
	d->fv_count += !err;
	return err;
}

/* Counts docno's values as live (delta 1) or no longer (-1). */
static void facets_live(struct index *ix, uint32_t docno, int delta)
{
	const struct doc *d = doc_at(ix, docno);
	for (uint32_t i = 0; i < d->fv_count; i++) {
		uint32_t e = doc_values(ix)[d->fv_first + i];
		facet_at(ix, (enum index_facet)(e >> FV_SHIFT), e & FV_ID)->nlive += (size_t)delta;
	}
}

static bool count_live(uint32_t docno, void *ix)
{
	facets_live(ix, docno, 1);
	return true;
}

void index_facets_count_live(struct index *ix)
{
	roaring_iterate(ix->live, count_live, ix);
}

static uint32_t *place_of(const struct index *ix)
{
	return (uint32_t *)(void *)ix->place_of.data;
}

struct place_of_pass {
	struct index *ix;
	uint32_t id;
};

static bool place_of_visit(uint32_t docno, void *arg)
{
	struct place_of_pass *p = arg;
	if (docno < doc_count(p->ix) && doc_at(p->ix, docno)->type == NODE_PRACTICE)
		place_of(p->ix)[docno] = p->id;
	return true;
}

enum px_err index_place_of_build(struct index *ix)
{
	size_t n = doc_count(ix);
	buf_reset(&ix->place_of);
	if (buf_reserve(&ix->place_of, (n ? n : 1) * sizeof(uint32_t)))
		return PX_ENOMEM;
	ix->place_of.len = n * sizeof(uint32_t);
	memset(ix->place_of.data, 0xff, ix->place_of.len); /* PLACE_NONE */
	struct place_of_pass p = {ix, 0};
	for (; p.id < facet_count(ix, FACET_PLACE); p.id++)
		roaring_iterate(facet_at(ix, FACET_PLACE, p.id)->docs, place_of_visit, &p);
	return PX_OK;
}

/* Files practice n's place (docno's entry is PLACE_NONE until then). */
static void place_of_set(struct index *ix, const struct node *n, uint32_t docno)
{
	char key[4 * NODE_NAME_MAX];
	int64_t id = n->type == NODE_PRACTICE && index_place_key(n->country, n->city, key, sizeof key)
			     ? index_facet_find(ix, FACET_PLACE, key)
			     : -1;
	if (id >= 0 && docno < ix->place_of.len / sizeof(uint32_t))
		place_of(ix)[docno] = (uint32_t)id;
}

size_t index_place_key(const char *country, const char *city, char *out, size_t cap)
{
	const struct place *p = country && city ? place_find(country, city) : NULL;
	size_t n = p ? place_canonical_key(p, out, cap) : 0;
	return n ? n : country && city ? place_key(country, city, out, cap) : 0;
}

static enum px_err place_add(struct index *ix, enum index_facet f, const char *country, const char *city,
			     uint32_t docno)
{
	char key[4 * NODE_NAME_MAX];
	return index_place_key(country, city, key, sizeof key) ? facet_add(ix, f, key, docno) : PX_OK;
}

/* A node's places (FACET_PLACE): a practice's city; a city's name and
 * every other name it goes by, each canonical and as written. */
static enum px_err add_places(struct index *ix, const struct node *n, uint32_t docno)
{
	char key[4 * NODE_NAME_MAX];
	enum px_err err = PX_OK;
	if (n->type == NODE_PRACTICE)
		return place_add(ix, FACET_PLACE, n->country, n->city, docno);
	if (n->type != NODE_CITY)
		return PX_OK;
	for (size_t i = 0; !err && i <= strlist_len(&n->names); i++) {
		const char *name = i ? strlist_get(&n->names, i - 1) : n->title;
		err = place_add(ix, FACET_PLACE, n->country, name, docno);
		if (!err && place_key(n->country, name, key, sizeof key))
			err = facet_add(ix, FACET_PLACE, key, docno);
	}
	return err;
}

/* The place keys of the {city, country} objects of field f. */
static enum px_err add_object_places(struct index *ix, const struct node *n, const struct field *f,
				     enum index_facet facet, uint32_t docno)
{
	const struct field *city = f->sub, *country = f->sub + 1; /* the first two, by the tables' rule */
	const struct ptrvec *v = FIELD_CONST(n, f);
	void *const *one = FIELD_CONST(n, f);
	size_t count = f->kind == FK_OBJECTS ? ptrvec_len(v) : *one != NULL;
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < count; i++) {
		const void *o = f->kind == FK_OBJECTS ? ptrvec_get(v, i) : *one;
		err = place_add(ix, facet, *(char *const *)FIELD_CONST(o, country), *(char *const *)FIELD_CONST(o, city),
				docno);
	}
	return err;
}

struct facet_values {
	struct index *ix;
	enum index_facet f;
	uint32_t docno;
	enum px_err err;
};

static int one_value(const char *s, void *arg)
{
	struct facet_values *v = arg;
	v->err = facet_add(v->ix, v->f, s, v->docno);
	return v->err != PX_OK;
}

/* The facets the table names (field.facet): "city_size" is the class of
 * the population (city_size_of(), "unknown" when it is not given); "partner" and "adopter" file the place keys of a list of
 * cities; and every node files its places. */
static enum px_err add_facets(struct index *ix, const struct node *n, uint32_t docno)
{
	struct facet_values v = {ix, FACET_TYPE, docno, facet_add(ix, FACET_TYPE, node_type_name(n->type), docno)};
	for (const struct field *f = node_fields(n->type); !v.err && f->key; f++) {
		if (!f->facet || index_facet_parse(f->facet, &v.f))
			continue;
		if (v.f == FACET_CITY_SIZE)
			v.err = facet_add(ix, v.f, city_size_of(*(const int64_t *)FIELD_CONST(n, f))->name, docno);
		else if (f->kind == FK_LANGUAGE)
			v.err = facet_add(ix, v.f, FIELD_CONST(n, f), docno);
		else if (f->kind == FK_OBJECT || f->kind == FK_OBJECTS)
			v.err = add_object_places(ix, n, f, v.f, docno);
		else
			field_each_string(n, f, one_value, &v);
	}
	return v.err ? v.err : add_places(ix, n, docno);
}

/* ---- put / remove ---- */

enum px_err index_remove(struct index *ix, int64_t nid)
{
	uint32_t docno;
	if (index_docno(ix, nid, &docno) || docno == UINT32_MAX)
		return PX_ENOTFOUND;
	index_memo_drop(ix); /* n's related lists, any other with n in them, counts with n */
	struct doc *d = doc_at(ix, docno);
	for (int f = 0; f < NFIELDS; f++)
		ix->total_len[f] -= d->len[f];
	roaring_bitmap_remove(ix->live, docno);
	ix->nlive--;
	facets_live(ix, docno, -1);
	return index_nid_set(ix, nid, (uint64_t)UINT32_MAX + 1);
}

static enum px_err sort_terms(struct index *ix);
static enum px_err sort_newest(struct index *ix);

/* A node not stored yet has no date: it is the newest. */
static int64_t created_ms(const struct node *n)
{
	int64_t ms;
	return n->created && !node_date_parse(n->created, &ms) ? ms : INT64_MAX;
}

/* -1 for a node whose type has no population, as for one not given: a
 * population range leaves both out. */
static int64_t population_of(const struct node *n)
{
	const struct field *f = node_field(n->type, "population");
	return f && n->population >= 0 ? n->population : -1;
}

enum px_err index_put(struct index *ix, const struct node *n)
{
	if (doc_count(ix) >= UINT32_MAX - 1)
		return PX_ETOOBIG;
	enum px_err err = index_remove(ix, n->nid);
	if (err && err != PX_ENOTFOUND)
		return err;
	if (n->state != NODE_PUBLISHED) /* drafts and unpublished nodes are nobody's search */
		return PX_OK;
	index_memo_drop(ix); /* idf, every list that could hold n, the counts change */
	uint32_t docno = (uint32_t)doc_count(ix);
	struct doc d = {n->nid,
			n->type,
			{0},
			{0},
			px_strdup(n->title ? n->title : ""),
			(uint32_t)(ix->doc_values.len / sizeof(uint32_t)),
			0};
	memcpy(d.language, n->language, sizeof d.language);
	struct collector c = {ix, {0}, n->language, F_TITLE, PX_OK, 0};
	buf_init(&c.occs, BUF_CAP_DEFAULT);
	collect_fields(&c, n, d.len);
	/* The document is filed before its postings (their impacts read its
	 * lengths). On failure it stays, never live: a docno nothing shows. */
	int64_t created = created_ms(n), population = population_of(n);
	uint32_t no_place = PLACE_NONE; /* place_of_set() files it once the facets are in */
	err = !d.title ? PX_ENOMEM : c.err ? c.err : buf_add(&ix->created, &created, sizeof created);
	if (!err && (err = buf_add(&ix->population, &population, sizeof population)))
		ix->created.len -= sizeof created;
	if (!err && (err = buf_add(&ix->place_of, &no_place, sizeof no_place))) {
		ix->created.len -= sizeof created;
		ix->population.len -= sizeof population;
	}
	struct profile blank = {0}; /* profile_put() fills it once the facets are in */
	if (!err && (err = buf_add(&ix->profile, &blank, sizeof blank))) {
		ix->created.len -= sizeof created;
		ix->population.len -= sizeof population;
		ix->place_of.len -= sizeof no_place;
	}
	if (!err && (err = buf_add(&ix->docs, &d, sizeof d))) {
		ix->created.len -= sizeof created; /* the five stay parallel */
		ix->population.len -= sizeof population;
		ix->place_of.len -= sizeof no_place;
		ix->profile.len -= sizeof blank;
	}
	if (err) {
		free(d.title);
		buf_free(&c.occs);
		return err;
	}
	size_t k = c.occs.len / sizeof(struct occ);
	qsort(c.occs.data, k, sizeof(struct occ), by_term_occ);
	err = append_postings(ix, docno, (const struct occ *)(const void *)c.occs.data, k);
	buf_free(&c.occs);
	if (err || (err = add_facets(ix, n, docno)) || (err = textstore_put(&ix->text, docno, n)) ||
	    (err = index_nid_set(ix, n->nid, (uint64_t)docno + 1)))
		return err;
	place_of_set(ix, n, docno);
	if ((err = profile_put(ix, n, docno)))
		return err;
	roaring_bitmap_add(ix->live, docno);
	ix->nlive++;
	facets_live(ix, docno, 1);
	for (int f = 0; f < NFIELDS; f++)
		ix->total_len[f] += d.len[f];
	/* Terms added since the last sort are scanned linearly by prefix and
	 * typo lookups: sort again once they are a fair share of the whole. */
	size_t unsorted = term_count(ix) - ix->nsorted;
	return unsorted > 1024 && unsorted * 16 > term_count(ix) ? sort_terms(ix) : PX_OK;
}

enum px_err index_node_terms(struct index *ix, const struct node *n,
			     void (*fn)(const char *term, size_t len, void *arg), void *arg)
{
	struct collector c = {ix, {0}, n->language, F_TITLE, PX_OK, 0};
	uint16_t len[NFIELDS];
	buf_init(&c.occs, BUF_CAP_DEFAULT);
	collect_fields(&c, n, len);
	const struct occ *o = (const struct occ *)(const void *)c.occs.data;
	for (size_t i = 0; !c.err && i < c.occs.len / sizeof *o; i++)
		fn(term_text(ix, o[i].term), term_at(ix, o[i].term)->len, arg);
	buf_free(&c.occs);
	return c.err;
}

int index_node_facets(const struct index *ix, int64_t nid,
		      void (*fn)(enum index_facet f, const char *key, void *arg), void *arg)
{
	uint32_t docno;
	if (index_docno(ix, nid, &docno) || !roaring_bitmap_contains(ix->live, docno))
		return 0;
	const struct doc *d = doc_at(ix, docno);
	for (uint32_t i = 0; i < d->fv_count; i++) {
		uint32_t e = doc_values(ix)[d->fv_first + i];
		enum index_facet f = (enum index_facet)(e >> FV_SHIFT);
		fn(f, facet_at(ix, f, e & FV_ID)->key, arg);
	}
	return 1;
}

enum px_err index_flush(struct index *ix)
{
	index_memo_drop(ix); /* whatever changed since, lists and counts are made again */
	enum px_err err = ix->nsorted == term_count(ix) ? PX_OK : sort_terms(ix);
	if (!err)
		err = sort_newest(ix);
	if (!err)
		err = textstore_flush(&ix->text);
	return err ? err : posting_refresh(ix);
}

/* ---- the sorted term list (prefix and typo lookups) ---- */

static int by_text(const void *a, const void *b, void *ctx)
{
	const struct index *ix = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct term *tx = term_at(ix, x), *ty = term_at(ix, y);
	size_t n = tx->len < ty->len ? tx->len : ty->len;
	int c = memcmp(term_text(ix, x), term_text(ix, y), n);
	return c ? c : (tx->len > ty->len) - (tx->len < ty->len);
}

typedef int (*id_cmp)(const void *, const void *, void *);

/* Sorts ids [0, n) by cmp: in one pass when they are in order or in reverse
 * order already, as documents ingested oldest or newest first are. */
static void sort_ids(uint32_t *ids, size_t n, id_cmp cmp, void *ctx)
{
	size_t up = 1, down = 1;
	for (size_t i = 1; i < n && (up || down); i++) {
		int c = cmp(&ids[i - 1], &ids[i], ctx);
		up &= c <= 0;
		down &= c >= 0;
	}
	if (up)
		return;
	if (!down) {
		qsort_r(ids, n, sizeof *ids, cmp, ctx);
		return;
	}
	for (size_t i = 0, j = n - 1; i < j; i++, j--) {
		uint32_t x = ids[i];
		ids[i] = ids[j];
		ids[j] = x;
	}
}

/* sorted holds ids [0, old) in cmp's order: sorts the ids [old, total)
 * and merges them in. O(new log new + all), so frequent small sorts stay
 * cheap. */
static enum px_err merge_fresh(struct buf *sorted, size_t old, size_t total, id_cmp cmp, void *ctx)
{
	size_t fresh = total - old;
	struct buf merged;
	buf_init(&merged, sorted->cap);
	uint32_t *tail = malloc((fresh ? fresh : 1) * sizeof *tail);
	if (!tail || buf_reserve(&merged, total * sizeof(uint32_t))) {
		free(tail);
		buf_free(&merged);
		return PX_ENOMEM;
	}
	for (size_t i = 0; i < fresh; i++)
		tail[i] = (uint32_t)(old + i);
	sort_ids(tail, fresh, cmp, ctx);
	const uint32_t *a = (const uint32_t *)(const void *)sorted->data;
	uint32_t *out = (uint32_t *)(void *)merged.data;
	size_t x = 0, y = 0, k = 0;
	while (x < old || y < fresh)
		out[k++] = y == fresh || (x < old && cmp(&a[x], &tail[y], ctx) <= 0) ? a[x++] : tail[y++];
	merged.len = total * sizeof(uint32_t);
	free(tail);
	buf_free(sorted);
	*sorted = merged;
	return PX_OK;
}

static enum px_err sort_terms(struct index *ix)
{
	size_t total = term_count(ix);
	enum px_err err = merge_fresh(&ix->sorted, ix->nsorted, total, by_text, ix);
	if (err)
		return err;
	ix->nsorted = total;
	return index_sorted_heads(ix);
}

static int by_newest(const void *a, const void *b, void *ctx)
{
	return index_newer(ctx, *(const uint32_t *)a, *(const uint32_t *)b);
}

int index_newer(const struct index *ix, uint32_t x, uint32_t y)
{
	const int64_t *created = (const int64_t *)(const void *)ix->created.data;
	if (created[x] != created[y])
		return (created[x] < created[y]) - (created[x] > created[y]);
	int64_t a = doc_at(ix, x)->nid, b = doc_at(ix, y)->nid;
	return (a < b) - (a > b);
}

static enum px_err sort_newest(struct index *ix)
{
	size_t n = ix->newest.len / sizeof(uint32_t);
	return n == doc_count(ix) ? PX_OK : merge_fresh(&ix->newest, n, doc_count(ix), by_newest, ix);
}

/* Copies the sorted terms' texts into sorted_text, back to back (their
 * ends are in sorted_end already). */
static enum px_err sorted_text_copy(struct index *ix)
{
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	if (buf_reserve(&ix->sorted_text, ix->strings.len))
		return PX_ENOMEM;
	for (size_t i = 0; i < ix->nsorted; i++) {
		size_t n = term_at(ix, ids[i])->len;
		memcpy(ix->sorted_text.data + ix->sorted_text.len, term_text(ix, ids[i]), n);
		ix->sorted_text.len += n;
	}
	return PX_OK;
}

enum px_err index_sorted_heads(struct index *ix)
{
	buf_reset(&ix->heads);
	buf_reset(&ix->sorted_text);
	buf_reset(&ix->sorted_end);
	if (buf_reserve(&ix->heads, ix->nsorted * sizeof(uint64_t)) ||
	    buf_reserve(&ix->sorted_end, ix->nsorted * sizeof(uint32_t)))
		return PX_ENOMEM;
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	uint64_t *h = (uint64_t *)(void *)ix->heads.data;
	uint32_t *end = (uint32_t *)(void *)ix->sorted_end.data;
	size_t at = 0;
	int in_order = 1; /* the strings hold the sorted texts first, in order (a snapshot's) */
	for (size_t i = 0; i < ix->nsorted; i++) {
		const struct term *t = term_at(ix, ids[i]);
		if (t->len > ix->strings.len - at)
			return PX_EPARSE; /* a term listed twice: a damaged snapshot */
		h[i] = 0;
		memcpy(&h[i], term_text(ix, ids[i]), t->len < 8 ? t->len : 8);
		in_order &= t->str == at;
		at += t->len;
		end[i] = (uint32_t)at; /* at most strings.len: under 4 GB */
	}
	ix->heads.len = ix->nsorted * sizeof(uint64_t);
	ix->sorted_end.len = ix->nsorted * sizeof(uint32_t);
	if (in_order && ix->image.p && !ix->strings.size) { /* borrowed from the image, which
								 outlives every buffer */
		buf_borrow(&ix->sorted_text, ix->strings.data, at);
		return PX_OK;
	}
	return sorted_text_copy(ix);
}

size_t index_sorted_lower(const struct index *ix, const char *s, size_t n)
{
	const uint32_t *ids = (const uint32_t *)(const void *)ix->sorted.data;
	size_t lo = 0, hi = ix->nsorted;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct term *t = term_at(ix, ids[mid]);
		size_t m = t->len < n ? t->len : n;
		int c = memcmp(term_text(ix, ids[mid]), s, m);
		if (c < 0 || (c == 0 && t->len < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- loading from the store ---- */

struct loader {
	struct index *ix;
	enum px_err err;
};

static int load_one(const struct node *n, void *arg)
{
	struct loader *l = arg;
	return (l->err = index_put(l->ix, n)) != PX_OK;
}

enum px_err index_load(struct index *ix, struct store *st)
{
	struct loader l = {ix, PX_OK};
	enum px_err err = store_nodes_each(st, load_one, &l);
	if (!err)
		err = l.err;
	return err ? err : index_flush(ix);
}
