/* Values for every field of the field table (model.h), made from the
 * field's kind, range and check, for the tests that walk the table
 * (model/test_field.c, web/test_node_form.c). Nothing here names a field:
 * a field added to the table gets values the moment it is added, and a
 * kind added to enum field_kind fails here until it is taught (fv_fail).
 *
 * Three variants: FV_MIN and FV_MAX put numbers at the ends of their range,
 * strings at their byte limit (FV_MAX) and lists at their item limit
 * (FV_MAX); FV_MID is an ordinary value (a number inside the range, two
 * items, an object with only its last sub-field, an object list whose
 * second item has only its required sub-fields and its last). Strings
 * carry accents, Greek, a quote, a comma and a semicolon, and differ from
 * field to field and item to item. */
#ifndef PX_TEST_FIELD_VALUES_H
#define PX_TEST_FIELD_VALUES_H

#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>

/* Problems are collected, each printed, then asserted once per test: a
 * walk over every field reports all it finds, not the first. */
static int problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void problem(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "  PROBLEM: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	problems++;
}

static void __attribute__((unused)) assert_no_problems(const char *what)
{
	int n = problems;
	problems = 0;
	if (n)
		fail_msg("%d problem(s) with %s (listed above)", n, what);
}

enum fv_variant { FV_MIN, FV_MAX, FV_MID, FV_COUNT };
static const char *const fv_variant_names[FV_COUNT] = {"min", "max", "mid"};

#define FV_LIST_MAX 50 /* items in a FV_MAX list, whatever the field's limit */

/* The nid a checked FK_NID names in a variant: the store refuses a
 * dangling one, so a store test first writes a practice and a network at
 * these nids (distinct, so both can exist in one store). */
static inline int64_t fv_ref(enum field_check check, enum fv_variant v)
{
	static const int64_t practice[FV_COUNT] = {1, NODE_NID_MAX, 4242};
	static const int64_t network[FV_COUNT] = {2, NODE_NID_MAX - 1, 4243};
	return check == CHECK_NETWORK ? network[v] : practice[v];
}

static inline void fv_fail(const struct field *f, const char *what)
{
	fail_msg("field \"%s\" (kind %d): %s: tests/unit/model/field_values.h does not know how to make "
		 "one; teach it the new kind",
		 f->key, (int)f->kind, what);
}

/* A string value of f for item (0, 1, ...): distinct per key and item,
 * padded to f->max bytes in FV_MAX when the field has a byte limit and no
 * shape to keep. Caller frees. */
static inline char *fv_string(const struct field *f, enum fv_variant v, int item, size_t max)
{
	char base[512];
	switch (f->check) {
	case CHECK_EMAIL:
		snprintf(base, sizeof base, "zoë.o'neil+%s%d@città-%s.example.eu", f->key, item,
			 fv_variant_names[v]);
		return strdup(base);
	case CHECK_URL:
		snprintf(base, sizeof base, "https://www.example.eu/%s/πόλη-%d?q=Łódź&v=%s", f->key, item,
			 fv_variant_names[v]);
		break;
	case CHECK_RELATION:
		return strdup(relation_name((enum relation)(item % RELATION_COUNT)));
	default:
		snprintf(base, sizeof base, "%s %d %s: Łódź «Ηράκλειο» \"Göteborg\", Sevilla; it's café",
			 f->key, item, fv_variant_names[v]);
	}
	size_t n = strlen(base);
	if (v != FV_MAX || max == 0 || max <= n || max > (1u << 20))
		return strdup(base);
	char *s = malloc(max + 1);
	assert_non_null(s);
	memcpy(s, base, n);
	memset(s + n, 'x', max - n); /* ASCII: the byte count is exact, UTF-8 stays valid */
	s[max] = '\0';
	return s;
}

/* A multi-line text for f (FK_TEXT, section texts). */
static inline char *fv_text(const struct field *f, enum fv_variant v, int item, size_t max)
{
	char base[512];
	snprintf(base, sizeof base,
		 "%s %d %s: Πρώτη γραμμή «Αθήνα», \"Wrocław\"; it's\nSecond line — Aarhus, Århus\nTrzecia "
		 "linia: zażółć gęślą jaźń",
		 f->key, item, fv_variant_names[v]);
	size_t n = strlen(base);
	if (v != FV_MAX || max <= n || max > (1u << 20))
		return strdup(base);
	char *s = malloc(max + 1);
	assert_non_null(s);
	memcpy(s, base, n);
	memset(s + n, 'y', max - n);
	s[max] = '\0';
	return s;
}

static inline void fv_set(void *obj, const struct field *f, enum fv_variant v, int item);

/* An object of f's sub-fields: every one set, or (sparse) only the
 * required ones and the last (so that one in the middle is unset). Caller
 * frees with field_object_free(). */
static inline void *fv_object(const struct field *f, enum fv_variant v, int item, int sparse)
{
	assert_non_null(f->sub);
	void *o = field_object_new(f);
	assert_non_null(o);
	for (const struct field *s = f->sub; s->key; s++)
		if (!sparse || (s->flags & FIELD_REQUIRED) || !s[1].key)
			fv_set(o, s, v, item);
	return o;
}

/* The number of items of a list field in variant v. */
static inline size_t fv_items(const struct field *f, enum fv_variant v)
{
	size_t limit = f->max > 0 ? (size_t)f->max : 2;
	size_t want = v == FV_MAX ? FV_LIST_MAX : 2;
	return want < limit ? want : limit;
}

/* Sets f in obj (a node or an object of sub-fields) to its variant-v value;
 * whatever it held is freed first. */
static inline void fv_set(void *obj, const struct field *f, enum fv_variant v, int item)
{
	field_clear(obj, f);
	switch (f->kind) {
	case FK_STRING:
		*(char **)FIELD_AT(obj, f) = fv_string(f, v, item, (size_t)f->max);
		return;
	case FK_TEXT:
		*(char **)FIELD_AT(obj, f) = fv_text(f, v, item, (size_t)f->max);
		return;
	case FK_DATE: {
		static const char *const dates[FV_COUNT] = {"1970-01-01T00:00:00Z", "2100-12-31T23:59:59.999Z",
							    "2024-02-29T13:07:42.123Z"};
		*(char **)FIELD_AT(obj, f) = strdup(dates[v]);
		return;
	}
	case FK_INT:
		*(int64_t *)FIELD_AT(obj, f) = v == FV_MIN ? f->min : v == FV_MAX ? f->max : f->min + (f->max - f->min) / 3;
		return;
	case FK_NID:
		*(int64_t *)FIELD_AT(obj, f) = f->check == CHECK_PRACTICE || f->check == CHECK_NETWORK
						       ? fv_ref(f->check, v)
						       : v == FV_MIN ? f->min : v == FV_MAX ? f->max : 4244;
		return;
	case FK_REAL:
		*(double *)FIELD_AT(obj, f) = v == FV_MIN   ? (double)f->min
					      : v == FV_MAX ? (double)f->max
							    : (double)f->min + (double)(f->max - f->min) * 0.3183098861837907;
		return;
	case FK_LANGUAGE: {
		static const char *const langs[FV_COUNT] = {"el", "pl", "fr"};
		memcpy(FIELD_AT(obj, f), langs[v], 3);
		return;
	}
	case FK_STRINGS: {
		size_t n = f->check == CHECK_RELATION ? RELATION_COUNT : fv_items(f, v);
		for (size_t i = 0; i < n; i++) {
			char *s = fv_string(f, v, (int)i, NODE_TERM_MAX);
			assert_int_equal(strlist_add(FIELD_AT(obj, f), s, strlen(s)), PX_OK);
			free(s);
		}
		return;
	}
	case FK_SECTIONS: {
		size_t n = v == FV_MAX ? SECTION_COUNT : 2;
		for (size_t i = 0; i < n; i++) {
			enum section_key k = v == FV_MAX ? (enum section_key)i : i ? SECTION_TRANSFER : SECTION_SUMMARY;
			char heading[64];
			snprintf(heading, sizeof heading, "Título «%s» %zu", section_key_name(k), i);
			char *text = fv_text(f, v, (int)i, 4000);
			assert_int_equal(node_section_add(obj, k, heading, text), PX_OK);
			free(text);
		}
		return;
	}
	case FK_OBJECT:
		/* FV_MID: only the last sub-field, so an object with its first
		 * sub-fields unset is tried too */
		if (v == FV_MID) {
			void *o = field_object_new(f);
			const struct field *last = f->sub;
			assert_non_null(o);
			while (last[1].key)
				last++;
			for (const struct field *s = f->sub; s->key; s++)
				if (s == last || (s->flags & FIELD_REQUIRED))
					fv_set(o, s, v, item);
			*(void **)FIELD_AT(obj, f) = o;
		} else {
			*(void **)FIELD_AT(obj, f) = fv_object(f, v, item, 0);
		}
		return;
	case FK_OBJECTS: {
		size_t n = fv_items(f, v);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(ptrvec_push(FIELD_AT(obj, f), fv_object(f, v, (int)i, v == FV_MID && i == 1)),
					 PX_OK);
		return;
	}
	}
	fv_fail(f, "a value");
}

/* A node of type t with its required fields set (FV_MID), nid given. */
static inline struct node *fv_base(enum node_type t, int64_t nid)
{
	struct node *n = node_new(t);
	assert_non_null(n);
	n->nid = nid;
	for (const struct field *f = node_fields(t); f->key; f++)
		if (f->flags & FIELD_REQUIRED)
			fv_set(n, f, FV_MID, 0);
	return n;
}

/* The base node of type t with f set to its variant-v value. A date set
 * dates the node: every FIELD_STAMP field is then set and n->dated is 1,
 * as when an import gives both. */
static inline struct node *fv_node(enum node_type t, const struct field *f, enum fv_variant v, int64_t nid)
{
	struct node *n = fv_base(t, nid);
	if (f->flags & FIELD_STAMP) {
		for (const struct field *g = node_fields(t); g->key; g++)
			if (g->flags & FIELD_STAMP)
				fv_set(n, g, v, 0);
		n->dated = 1;
	}
	fv_set(n, f, v, 0);
	return n;
}

static inline int fv_same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* 1 if f holds the same value in a and b, compared in memory, by kind (not
 * through the JSON writer, whose losses would be on both sides); headings
 * 0 ignores the sections' headings. */
static inline int fv_same(const void *a, const void *b, const struct field *f, int headings)
{
	const void *x = FIELD_CONST(a, f), *y = FIELD_CONST(b, f);
	switch (f->kind) {
	case FK_STRING:
	case FK_TEXT:
	case FK_DATE:
		return fv_same_str(*(char *const *)x, *(char *const *)y);
	case FK_INT:
	case FK_NID:
		return *(const int64_t *)x == *(const int64_t *)y;
	case FK_REAL:
		return *(const double *)x == *(const double *)y ||
		       (isnan(*(const double *)x) && isnan(*(const double *)y));
	case FK_LANGUAGE:
		return !strcmp(x, y);
	case FK_STRINGS:
		if (strlist_len(x) != strlist_len(y))
			return 0;
		for (size_t i = 0; i < strlist_len(x); i++)
			if (strcmp(strlist_get(x, i), strlist_get(y, i)))
				return 0;
		return 1;
	case FK_SECTIONS:
		if (ptrvec_len(x) != ptrvec_len(y))
			return 0;
		for (size_t i = 0; i < ptrvec_len(x); i++) {
			const struct section *s = ptrvec_get(x, i), *t = ptrvec_get(y, i);
			if (s->key != t->key || strcmp(s->text, t->text) || (headings && strcmp(s->heading, t->heading)))
				return 0;
		}
		return 1;
	case FK_OBJECT: {
		const void *o = *(void *const *)x, *p = *(void *const *)y;
		if (!o || !p)
			return o == p;
		for (const struct field *s = f->sub; s->key; s++)
			if (!fv_same(o, p, s, headings))
				return 0;
		return 1;
	}
	case FK_OBJECTS:
		if (ptrvec_len(x) != ptrvec_len(y))
			return 0;
		for (size_t i = 0; i < ptrvec_len(x); i++)
			for (const struct field *s = f->sub; s->key; s++)
				if (!fv_same(ptrvec_get(x, i), ptrvec_get(y, i), s, headings))
					return 0;
		return 1;
	}
	fv_fail(f, "a comparison");
	return 0;
}

static const enum node_type fv_types[] = {NODE_PRACTICE, NODE_ARTICLE, NODE_CITY, NODE_NETWORK};
#define FV_NTYPES (sizeof fv_types / sizeof fv_types[0])

/* The types the model has: fv_types must name them all. */
static inline void fv_assert_every_type(void)
{
	assert_int_equal(FV_NTYPES, NODE_TYPE_MAX);
	for (int t = 1; t <= NODE_TYPE_MAX; t++)
		assert_non_null(node_fields((enum node_type)t));
}

#endif
