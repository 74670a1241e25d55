/* The edit form (web/node_form.c) walked from the field table: for every
 * type, every field the form edits holding a value made from its kind
 * (model/field_values.h), the form's inputs, posted back as a browser
 * posts them (urlencoded, CRLF in text areas), must read back as the same
 * value; a value out of range or of the wrong shape must be refused naming
 * its field; what a page sees of a node (page_node_values, page_card) must
 * never hold a private value. No field is named here. */
#include "../unit.h"

#include "../model/field_values.h"
#include "web/web_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>


/* A request as the server makes one, without a connection: an arena, the
 * interface language, no store. */
static struct request *fake_request(void)
{
	struct request *rq = calloc(1, sizeof *rq);
	assert_non_null(rq);
	arena_init(&rq->a);
	rq->lang = "en";
	rq->root = "";
	rq->method = "POST";
	return rq;
}

static void request_free(struct request *rq)
{
	arena_free(&rq->a);
	free(rq);
}

static const char *str_of(const struct tv *m, const char *key)
{
	const struct tv *v = m ? tv_get(m, key, strlen(key)) : NULL;
	return v && v->kind == TV_STR ? v->s : "";
}

/* name=value&, urlencoded, newlines sent as CRLF (as a browser does). */
static void add_pair(struct buf *b, const char *name, const char *value)
{
	static const char hexd[] = "0123456789ABCDEF";
	if (b->len)
		assert_ok(buf_addc(b, '&'));
	for (int part = 0; part < 2; part++) {
		for (const unsigned char *p = (const unsigned char *)(part ? value : name); *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    strchr("-._~", *p))
				assert_ok(buf_addc(b, (char)*p));
			else if (*p == '\n')
				assert_ok(buf_adds(b, "%0D%0A"));
			else
				assert_ok(buf_printf(b, "%%%c%c", hexd[*p >> 4], hexd[*p & 15]));
		}
		if (!part)
			assert_ok(buf_addc(b, '='));
	}
}

/* The body a browser posts for the form of n: every input with the value
 * it shows. */
static void form_body(struct request *rq, const struct node *n, struct buf *body)
{
	const struct tv *inputs = node_form_inputs(rq, n, n->type, NULL);
	assert_non_null(inputs);
	for (size_t i = 0; i < inputs->len; i++) {
		const struct tv *in = inputs->items[i], *subs = tv_get(in, "subs", 4),
				*secs = tv_get(in, "sections", 8);
		for (size_t k = 0; subs && k < subs->len; k++)
			add_pair(body, str_of(subs->items[k], "name"), str_of(subs->items[k], "value"));
		for (size_t k = 0; secs && k < secs->len; k++)
			add_pair(body, str_of(secs->items[k], "key"), str_of(secs->items[k], "text"));
		if (!subs && !secs)
			add_pair(body, str_of(in, "name"), str_of(in, "value"));
	}
}

/* n's form posted back: the node it reads as (NULL if refused, *bad_key
 * then the field at fault, or the errors' first key). */
static struct node *posted_back(const struct node *n, const char **bad_key, struct buf *why)
{
	struct request *rq = fake_request();
	struct buf body;
	buf_init(&body, BUF_CAP_DEFAULT);
	form_body(rq, n, &body);
	assert_int_equal(form_parse(&rq->a, body.data ? body.data : "", body.len, &rq->form), FORM_OK);
	struct tv *errors = tv_map(&rq->a);
	json_t *o = node_form_object(rq, n->type, errors);
	assert_non_null(o);
	struct node *back = NULL;
	*bad_key = NULL;
	if (errors->len) {
		static char key[64];
		snprintf(key, sizeof key, "%s", errors->keys[0]);
		*bad_key = key;
		assert_ok(buf_printf(why, "%s", str_of(errors, errors->keys[0])));
	} else {
		back = node_from_json_at(o, why, bad_key);
	}
	json_decref(o);
	buf_free(&body);
	request_free(rq);
	return back;
}

static const char *json_text(const void *obj, const struct field *f, char out[256])
{
	json_t *j = field_to_json(obj, f, 1);
	char *s = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	snprintf(out, 256, "%.200s%s", s ? s : "?", s && strlen(s) > 200 ? "..." : "");
	free(s);
	json_decref(j);
	return out;
}

static void every_field_round_trips_through_the_form(void **state)
{
	(void)state;
	fv_assert_every_type();
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			if (f->widget == WIDGET_NONE)
				continue; /* not on the form (dates, relations) */
			for (int v = 0; v < FV_COUNT; v++) {
				char ctx[128], x[256], y[256];
				snprintf(ctx, sizeof ctx, "%s.%s (%s)", node_type_name(fv_types[t]), f->key,
					 fv_variant_names[v]);
				struct node *n = fv_node(fv_types[t], f, (enum fv_variant)v, 17063);
				struct buf why;
				buf_init(&why, 4096);
				const char *bad = NULL;
				struct node *back = posted_back(n, &bad, &why);
				if (!back) {
					problem("%s: its own form is refused: %s: %s", ctx, bad ? bad : "?",
						why.data ? why.data : "");
				} else {
					for (const struct field *g = node_fields(fv_types[t]); g->key; g++)
						if (g->widget != WIDGET_NONE && !fv_same(n, back, g, 0))
							problem("%s: \"%s\" went in as %s, came back as %s", ctx, g->key,
								json_text(n, g, x), json_text(back, g, y));
				}
				node_free(back);
				node_free(n);
				buf_free(&why);
			}
		}
	assert_no_problems("the form");
}

/* ---- bad values ---- */

/* Puts a bad value for f (or its sub-field s) into obj; 0 if f takes
 * anything the form can send. */
static int poke_bad(void *obj, const struct field *f)
{
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		if (f->max == INT64_MAX)
			return 0;
		*(int64_t *)FIELD_AT(obj, f) = f->max + 1;
		return 1;
	case FK_REAL:
		*(double *)FIELD_AT(obj, f) = (double)f->max + 0.5;
		return 1;
	case FK_STRING:
		if (f->check != CHECK_EMAIL && f->check != CHECK_URL)
			return 0;
		free(*(char **)FIELD_AT(obj, f));
		*(char **)FIELD_AT(obj, f) = strdup(f->check == CHECK_EMAIL ? "anna at example.eu" : "javascript:alert(1)");
		return 1;
	default:
		return 0;
	}
}

static void expect_refused(const char *ctx, const struct node *n, const char *key)
{
	struct buf why;
	buf_init(&why, 4096);
	const char *bad = NULL;
	struct node *back = posted_back(n, &bad, &why);
	if (back)
		problem("%s: accepted", ctx);
	else if (!bad || strcmp(bad, key))
		problem("%s: refused, but the error is on \"%s\", not \"%s\": %s", ctx, bad ? bad : "(the form)", key,
			why.data ? why.data : "");
	node_free(back);
	buf_free(&why);
}

static void bad_values_are_refused_at_their_field(void **state)
{
	(void)state;
	int tried = 0;
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			if (f->widget == WIDGET_NONE)
				continue;
			char ctx[128];
			struct node *n = fv_node(fv_types[t], f, FV_MIN, 5);
			snprintf(ctx, sizeof ctx, "%s.%s out of range or malformed", node_type_name(fv_types[t]), f->key);
			if (poke_bad(n, f))
				expect_refused(ctx, n, f->key), tried++;
			node_free(n);
			for (const struct field *s = f->sub; s && s->key; s++) {
				n = fv_node(fv_types[t], f, FV_MIN, 5);
				void *o = f->kind == FK_OBJECT ? *(void **)FIELD_AT(n, f) : ptrvec_get(FIELD_AT(n, f), 0);
				snprintf(ctx, sizeof ctx, "%s.%s.%s out of range or malformed", node_type_name(fv_types[t]),
					 f->key, s->key);
				if (poke_bad(o, s))
					expect_refused(ctx, n, f->key), tried++;
				node_free(n);
			}
		}
	assert_true(tried >= 8); /* years, e-mail, website, lat, lon, nids */
	assert_no_problems("bad values on the form");
}

/* An object list's line with a city and no country is refused at its field. */
static void a_row_without_its_required_cells_is_refused(void **state)
{
	(void)state;
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			if (f->widget != WIDGET_ROWS)
				continue;
			for (const struct field *s = f->sub; s->key; s++) {
				if (!(s->flags & FIELD_REQUIRED))
					continue;
				char ctx[128];
				struct node *n = fv_node(fv_types[t], f, FV_MIN, 5);
				void *o = ptrvec_get(FIELD_AT(n, f), 0);
				field_clear(o, s);
				snprintf(ctx, sizeof ctx, "%s.%s without its %s", node_type_name(fv_types[t]), f->key,
					 s->key);
				expect_refused(ctx, n, f->key);
				node_free(n);
			}
		}
	assert_no_problems("rows without a required cell");
}

/* ---- what a page sees ---- */

static int tv_holds(const struct tv *v, const char *s)
{
	if (!v)
		return 0;
	if ((v->kind == TV_STR || v->kind == TV_HTML) && v->s && strstr(v->s, s))
		return 1;
	for (size_t i = 0; (v->kind == TV_LIST || v->kind == TV_MAP) && i < v->len; i++)
		if (tv_holds(v->items[i], s))
			return 1;
	return 0;
}

static void pages_never_see_a_private_value(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t t = 0; t < FV_NTYPES; t++)
		for (const struct field *f = node_fields(fv_types[t]); f->key; f++) {
			int private = (f->flags & FIELD_PRIVATE) != 0;
			for (const struct field *s = f->sub; s && s->key; s++)
				private |= (s->flags & FIELD_PRIVATE) != 0;
			if (!private)
				continue;
			struct node *n = fv_node(fv_types[t], f, FV_MIN, 5); /* every sub-field set */
			struct request *rq = fake_request();
			/* every private string of the node */
			for (const struct field *s = f->sub ? f->sub : f; s->key; s++) {
				if (!(s->flags & FIELD_PRIVATE))
					continue;
				const void *o = f->kind == FK_OBJECT    ? *(void **)FIELD_AT(n, f)
						: f->kind == FK_OBJECTS ? ptrvec_get(FIELD_AT(n, f), 0)
									: (const void *)n;
				const char *value = *(char *const *)FIELD_CONST(o, s);
				assert_non_null(value);
				if (tv_holds(page_node_values(rq, n), value))
					problem("%s.%s: in page_node_values", node_type_name(fv_types[t]), s->key);
				if (tv_holds(page_card(rq, n), value))
					problem("%s.%s: in page_card", node_type_name(fv_types[t]), s->key);
				checked++;
				if (!f->sub)
					break;
			}
			request_free(rq);
			node_free(n);
		}
	assert_true(checked > 0);
	assert_no_problems("private values on pages");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_round_trips_through_the_form),
		cmocka_unit_test(bad_values_are_refused_at_their_field),
		cmocka_unit_test(a_row_without_its_required_cells_is_refused),
		cmocka_unit_test(pages_never_see_a_private_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
