/* What changed between two versions of a node, as people read it: field by
 * field in the table's order, prose word by word, lists as the items added
 * and removed, any other value as old → new. The history page and the
 * revert page show it; no JSON, key or escape ever reaches the reader.
 *
 * Prose is compared as tokens, each a run of blanks or a run of anything
 * else, by a longest common subsequence. The common head and tail are
 * taken off first, so a one-word edit in a long text compares one word;
 * what is left is compared only while the table fits DIFF_CELLS_MAX cells
 * (2 bytes each), else it shows as all removed and all added: time and
 * memory stay bounded whatever the texts. */
#include "web_int.h"

#include "../model/model.h"

#include <stdlib.h>
#include <string.h>

#define DIFF_CELLS_MAX ((size_t)1 << 20) /* 2 MiB of table: two middles of 1,000 tokens each */

enum run_op { RUN_SAME, RUN_DEL, RUN_INS };

struct token {
	const char *s;
	size_t n;
};

/* s cut into runs of blanks and runs of the rest, into the arena; NULL
 * on ENOMEM. */
static struct token *tokens(struct arena *a, const char *s, size_t *count)
{
	size_t n = 0, cap = 16;
	struct token *t = arena_alloc(a, cap * sizeof *t);
	for (const char *p = s; t && *p;) {
		int blank = strchr(" \t\n", *p) != NULL;
		size_t len = blank ? strspn(p, " \t\n") : strcspn(p, " \t\n");
		if (n == cap) {
			struct token *bigger = arena_alloc(a, 2 * cap * sizeof *t);
			if (bigger)
				memcpy(bigger, t, cap * sizeof *t);
			t = bigger, cap *= 2;
			if (!t)
				break;
		}
		t[n++] = (struct token){p, len};
		p += len;
	}
	*count = n;
	return t;
}

static int same(const struct token *x, const struct token *y)
{
	return x->n == y->n && !memcmp(x->s, y->s, x->n);
}

/* The runs being made: the open one is pending until a token of another
 * op comes. Tokens of one op follow each other in their text, so a run is
 * one span of it, however many tokens it holds. */
struct runs {
	struct arena *a;
	struct tv *list;
	enum run_op op;
	const char *s; /* the open run's span; NULL: none open */
	size_t n;
};

static void flush(struct runs *r)
{
	if (!r->s)
		return;
	struct tv *v = tv_map(r->a);
	tv_set_str(v, "text", arena_strndup(r->a, r->s, r->n));
	tv_set_bool(v, r->op == RUN_SAME ? "same" : r->op == RUN_DEL ? "del" : "ins", 1);
	tv_push(r->list, v);
	r->s = NULL;
}

static void add_run(struct runs *r, enum run_op op, const struct token *t)
{
	if (r->s && r->op == op && r->s + r->n == t->s) {
		r->n += t->n;
		return;
	}
	flush(r);
	r->op = op, r->s = t->s, r->n = t->n;
}

/* The middle x[0..nx) against y[0..ny): deletions before insertions at
 * each point; all of x out and all of y in past the bound. */
static void diff_middle(struct runs *r, const struct token *x, size_t nx, const struct token *y, size_t ny)
{
	uint16_t *L = nx && ny && (nx + 1) * (ny + 1) <= DIFF_CELLS_MAX ? calloc((nx + 1) * (ny + 1), sizeof *L) : NULL;
	size_t w = ny + 1; /* L[i * w + j]: the LCS of x[i..] and y[j..] */
	for (size_t i = nx; L && i-- > 0;)
		for (size_t j = ny; j-- > 0;)
			L[i * w + j] = same(&x[i], &y[j])		 ? (uint16_t)(L[(i + 1) * w + j + 1] + 1)
				       : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j]
										: L[i * w + j + 1];
	size_t i = 0, j = 0;
	while (L && i < nx && j < ny) {
		if (same(&x[i], &y[j]))
			add_run(r, RUN_SAME, &x[i]), i++, j++;
		else if (L[(i + 1) * w + j] >= L[i * w + j + 1])
			add_run(r, RUN_DEL, &x[i++]);
		else
			add_run(r, RUN_INS, &y[j++]);
	}
	free(L);
	while (i < nx)
		add_run(r, RUN_DEL, &x[i++]);
	while (j < ny)
		add_run(r, RUN_INS, &y[j++]);
}

struct tv *diff_words(struct arena *a, const char *old, const char *new_)
{
	size_t nx, ny, head = 0, tail = 0;
	struct token *x = tokens(a, old ? old : "", &nx), *y = tokens(a, new_ ? new_ : "", &ny);
	struct runs r = {a, tv_list(a), RUN_SAME, NULL, 0};
	if (!x || !y)
		return r.list;
	while (head < nx && head < ny && same(&x[head], &y[head]))
		head++;
	while (tail < nx - head && tail < ny - head && same(&x[nx - 1 - tail], &y[ny - 1 - tail]))
		tail++;
	for (size_t i = 0; i < head; i++)
		add_run(&r, RUN_SAME, &x[i]);
	diff_middle(&r, x + head, nx - head - tail, y + head, ny - head - tail);
	for (size_t i = nx - tail; i < nx; i++)
		add_run(&r, RUN_SAME, &x[i]);
	flush(&r);
	return r.list;
}

/* ---- a node's fields ---- */

/* Each line of text (a list's items, one per line) that is not in other. */
static struct tv *lines_not_in(struct arena *a, const char *text, const char *other)
{
	struct tv *list = tv_list(a);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		int found = 0;
		for (const char *q = other; !found && *q;) {
			size_t m = strcspn(q, "\n");
			found = m == n && !memcmp(p, q, n);
			q += m + (q[m] == '\n');
		}
		if (!found && n)
			tv_push(list, tv_str(a, arena_strndup(a, p, n)));
		p += n + (p[n] == '\n');
	}
	return list;
}

static void add_change(struct request *rq, struct tv *out, const char *label, const struct field *f, const char *was,
		       const char *is)
{
	if (!strcmp(was, is))
		return;
	struct tv *c = tv_map(&rq->a);
	tv_set_str(c, "label", label);
	if (f->kind == FK_STRINGS || f->kind == FK_OBJECTS) {
		struct tv *added = lines_not_in(&rq->a, is, was), *removed = lines_not_in(&rq->a, was, is);
		tv_set(c, "added", added && added->len ? added : NULL);
		tv_set(c, "removed", removed && removed->len ? removed : NULL);
	} else if (f->kind == FK_TEXT || f->kind == FK_SECTIONS) {
		tv_set(c, "words", diff_words(&rq->a, was, is));
	} else {
		tv_set_bool(c, "scalar", 1);
		tv_set_str(c, "old", *was ? was : NULL);
		tv_set_str(c, "new", *is ? is : NULL);
	}
	tv_push(out, c);
}

/* The text of section k of n, "" if it has none. */
static const char *section_text(const struct node *n, enum section_key k)
{
	for (size_t i = 0; i < node_section_count(n); i++)
		if (node_section(n, i)->key == k)
			return node_section(n, i)->text;
	return "";
}

struct tv *node_diff(struct request *rq, const struct node *a, const struct node *b)
{
	struct tv *out = tv_list(&rq->a);
	for (const struct field *f = node_fields(b->type); f->key; f++) {
		if (f->widget == WIDGET_NONE) /* dates and relations: the store's, not the writer's */
			continue;
		if (f->kind == FK_SECTIONS) {
			for (int k = 0; k < SECTION_COUNT; k++)
				add_change(rq, out, T(rq, section_key_heading((enum section_key)k)), f,
					   section_text(a, (enum section_key)k), section_text(b, (enum section_key)k));
		} else if (f->kind == FK_OBJECT) {
			const void *oa = *(void *const *)FIELD_CONST(a, f), *ob = *(void *const *)FIELD_CONST(b, f);
			for (const struct field *s = f->sub; s->key; s++)
				add_change(rq, out, arena_printf(&rq->a, "%s: %s", T(rq, f->label), T(rq, s->label)),
					   s, oa ? node_form_value(rq, oa, s) : "", ob ? node_form_value(rq, ob, s) : "");
		} else {
			add_change(rq, out, T(rq, f->label), f, node_form_value(rq, a, f), node_form_value(rq, b, f));
		}
	}
	return out;
}
