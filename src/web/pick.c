/* The edit form's pick-lists and the step that confirms a new value.
 *
 * Themes, labels and a node's country are picked from the values the hub
 * already has (the index's facets over every live node); a language from
 * the ISO 639-1 codes, named by ICU in the editor's language. Each list
 * field posts its ticked boxes under its key and new items, one per line,
 * under "KEY.new"; a country its choice under "country" and another one
 * under "country.new". node_form_picks_read() folds these into the one
 * field node_form_object() reads, so a form made by a script ("themes" as
 * lines) reads the same.
 *
 * A form that says so (pick=1: the form page always does) has every value
 * the hub does not know yet confirmed before anything is saved: the form
 * comes back with, for each, the similar values the hub has (same letters
 * but for case and accents, a few typing slips away, or the country the
 * gazetteer knows under that name: "Polska" is Poland) and a button per
 * choice, everything typed kept. A button posts "resolve=KEY\nTYPED\nUSE"
 * (USE empty: keep TYPED as a new value, remembered as a "new.KEY" field). */
#include "web_int.h"

#include "../index/index.h"
#include "../place/place.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#define SIMILAR_MAX 4
#define FOLD_MAX    256

/* Is f a field picked from the hub's values? many: a list (checkboxes). */
static int picked(const struct field *f, int *many)
{
	int list = f->kind == FK_STRINGS && f->widget == WIDGET_LINES;
	int one = f->kind == FK_STRING && f->widget == WIDGET_LINE;
	if (!f->facet || !(list || one) ||
	    (strcmp(f->facet, "themes") && strcmp(f->facet, "labels") && strcmp(f->facet, "country")))
		return 0;
	if (many)
		*many = list;
	return 1;
}

int node_form_picked(const struct field *f)
{
	return picked(f, NULL);
}

/* ---- the hub's values ---- */

struct collated {
	UCollator *coll;
	const char **v;
};

static int by_collation(const void *x, const void *y, void *arg)
{
	UErrorCode e = U_ZERO_ERROR;
	const struct collated *c = arg;
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	int r = c->coll ? ucol_strcollUTF8(c->coll, a, -1, b, -1, &e) : 0;
	return r ? r : strcmp(a, b);
}

/* v[0..n) in the order of rq's language. */
static void sort_names(struct request *rq, const char **v, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	struct collated c = {ucol_open(rq->lang, &e), v};
	qsort_r(v, n, sizeof *v, by_collation, &c);
	if (c.coll)
		ucol_close(c.coll);
}

/* The values facet takes in live nodes, in the reader's order; NULL-ended,
 * in the arena. Without an index (unit tests) or when the search fails,
 * none. */
static const char **hub_values(struct request *rq, const char *facet, size_t *count)
{
	enum index_facet f;
	struct index_result r;
	struct index_query q = {.text = "", .facets = 1};
	struct buf why;
	*count = 0;
	if (!rq->srv || !rq->srv->ix || index_facet_parse(facet, &f))
		return NULL;
	buf_init(&why, 256);
	enum px_err err = index_search(rq->srv->ix, &q, &r, &why);
	buf_free(&why);
	if (err)
		return NULL;
	const char **v = arena_alloc(&rq->a, (r.nfacet[f] + 1) * sizeof *v);
	for (size_t i = 0; v && i < r.nfacet[f]; i++)
		v[i] = arena_strndup(&rq->a, r.facets[f][i].value, strlen(r.facets[f][i].value));
	if (v) {
		*count = r.nfacet[f];
		v[*count] = NULL;
		sort_names(rq, v, *count);
	}
	index_result_free(&r);
	return v;
}

static int among(const char *const *v, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i]) == len && !memcmp(v[i], s, len))
			return 1;
	return 0;
}

/* ---- the posted form, folded into one field per key ---- */

/* A line of the posted values, trimmed; dup: an earlier line holds it. */
struct posted_line {
	const char *s;
	size_t len;
	int dup;
};

/* Line order by text, then by position: the first of equal lines first. */
static int by_text(const void *x, const void *y)
{
	const struct posted_line *a = *(const struct posted_line *const *)x, *b = *(const struct posted_line *const *)y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);
	if (c || a->len != b->len)
		return c ? c : a->len < b->len ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int posted_under(const struct request *rq, size_t i, const char *name, const char *also)
{
	return !strcmp(rq->form.names[i], name) || (also && !strcmp(rq->form.names[i], also));
}

/* The trimmed, non-blank lines of the values posted under name (or also),
 * in order, in the arena; *n gets their number. NULL when out of memory. */
static struct posted_line *posted_lines(struct request *rq, const char *name, const char *also, size_t *n)
{
	size_t cap = 1; /* lines <= line ends + one per value */
	for (size_t i = 0; i < rq->form.n; i++)
		if (posted_under(rq, i, name, also))
			for (const char *p = rq->form.values[i]; *p; p++)
				cap += (p == rq->form.values[i]) + (*p == '\n' || *p == '\r');
	struct posted_line *v = arena_alloc(&rq->a, cap * sizeof *v);
	*n = 0;
	for (size_t i = 0; v && i < rq->form.n; i++) {
		if (!posted_under(rq, i, name, also))
			continue;
		for (const char *p = rq->form.values[i]; *p;) {
			size_t len = strcspn(p, "\r\n"), lead = strspn(p, " \t");
			size_t kept = len > lead ? len - lead : 0;
			while (kept && (p[lead + kept - 1] == ' ' || p[lead + kept - 1] == '\t'))
				kept--;
			if (kept)
				v[(*n)++] = (struct posted_line){p + lead, kept, 0};
			p += len;
			p += strspn(p, "\r\n");
		}
	}
	return v;
}

/* Every value posted under name, one per line, blank lines left out, each
 * once, in the order posted: "" when none. In the arena. Duplicates are
 * found by sorting, not by comparing each line with all before it: a form
 * may hold 100,000 lines (the attack of tests/attack/attacks.py). */
static const char *all_lines(struct request *rq, const char *name, const char *also)
{
	size_t n;
	struct posted_line *v = posted_lines(rq, name, also, &n);
	struct posted_line **by = v ? arena_alloc(&rq->a, (n ? n : 1) * sizeof *by) : NULL;
	if (!by)
		return "";
	for (size_t i = 0; i < n; i++)
		by[i] = &v[i];
	qsort(by, n, sizeof *by, by_text);
	for (size_t i = 1; i < n; i++)
		by[i]->dup = by[i]->len == by[i - 1]->len && !memcmp(by[i]->s, by[i - 1]->s, by[i]->len);
	struct buf b;
	buf_init(&b, FORM_BODY_MAX);
	for (size_t i = 0; i < n; i++)
		if (!v[i].dup && (buf_add(&b, b.len ? "\n" : "", b.len ? 1 : 0) || buf_add(&b, v[i].s, v[i].len)))
			break;
	const char *s = arena_strndup(&rq->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s ? s : "";
}

/* The line of text equal to was replaced by use ("" drops it). */
static const char *replace_line(struct request *rq, const char *text, const char *was, const char *use)
{
	struct buf b;
	buf_init(&b, FORM_BODY_MAX);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		int hit = n == strlen(was) && !memcmp(p, was, n);
		const char *s = hit ? use : p;
		size_t len = hit ? strlen(use) : n;
		if (len && (buf_add(&b, b.len ? "\n" : "", b.len ? 1 : 0) || buf_add(&b, s, len)))
			break;
		p += n + (p[n] == '\n');
	}
	const char *r = arena_strndup(&rq->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r ? r : text;
}

/* Applies a "resolve" button: KEY\nTYPED\nUSE. */
static enum px_err resolve(struct request *rq, enum node_type type)
{
	const char *r = node_form_field(rq, "resolve"), *nl1 = strchr(r, '\n'), *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
	if (!nl2)
		return PX_OK; /* no button, or not one of ours */
	const char *key = arena_strndup(&rq->a, r, (size_t)(nl1 - r));
	const char *typed = arena_strndup(&rq->a, nl1 + 1, (size_t)(nl2 - nl1 - 1)), *use = nl2 + 1;
	const struct field *f = key ? node_field(type, key) : NULL;
	if (!f || !typed || !picked(f, NULL))
		return PX_OK;
	if (*use)
		return form_put(&rq->a, &rq->form, f->key, replace_line(rq, node_form_field(rq, f->key), typed, use));
	const char *name = arena_printf(&rq->a, "new.%s", f->key);
	const char *kept = name ? all_lines(rq, name, NULL) : NULL;
	const char *now = kept ? arena_printf(&rq->a, "%s%s%s", kept, *kept ? "\n" : "", typed) : NULL;
	return now ? form_put(&rq->a, &rq->form, name, now) : PX_ENOMEM;
}

enum px_err node_form_picks_read(struct request *rq, enum node_type type)
{
	enum px_err err = PX_OK;
	for (const struct field *f = node_fields(type); !err && f->key; f++) {
		int many;
		if (!picked(f, &many))
			continue;
		const char *other = arena_printf(&rq->a, "%s.new", f->key), *chosen;
		if (!other)
			return PX_ENOMEM;
		if (many) {
			chosen = all_lines(rq, f->key, other);
		} else {
			chosen = all_lines(rq, other, NULL); /* another country wins over the list's */
			chosen = *chosen ? chosen : node_form_field(rq, f->key);
		}
		if (!(err = form_put(&rq->a, &rq->form, f->key, chosen)))
			err = form_put(&rq->a, &rq->form, other, "");
		if (!err && (other = arena_printf(&rq->a, "new.%s", f->key)))
			err = form_put(&rq->a, &rq->form, other, all_lines(rq, other, NULL));
	}
	return err ? err : resolve(rq, type);
}

/* ---- similar values ---- */

static size_t folded(const char *s, char out[FOLD_MAX])
{
	size_t n = text_fold(s, strlen(s), out, FOLD_MAX - 1);
	out[n] = '\0';
	return n;
}

/* The edit distance of a and b (bytes), or limit + 1 once it is past limit. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
	size_t row[FOLD_MAX];
	if ((na > nb ? na - nb : nb - na) > limit)
		return limit + 1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0], best = row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t d = diag + (a[i - 1] != b[j - 1]);
			d = d < up + 1 ? d : up + 1;
			row[j] = d < row[j - 1] + 1 ? d : row[j - 1] + 1;
			best = row[j] < best ? row[j] : best;
			diag = up;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[nb];
}

/* The hub's values like typed, closest first, at most SIMILAR_MAX: a
 * country's name as the gazetteer knows it ("Polska": Poland) first, then
 * those a few slips away once case and accents are folded. */
static struct tv *similar(struct request *rq, const char *key, const char *typed, const char *const *v, size_t n)
{
	struct {
		const char *v;
		size_t d;
	} best[SIMILAR_MAX];
	size_t found = 0;
	char ft[FOLD_MAX], fv[FOLD_MAX], code[3];
	const char *named = !strcmp(key, "country") && !place_country_code(typed, code) ? place_country_name(code) : NULL;
	if (named && strcmp(named, typed))
		best[found++].v = named, best[0].d = 0;
	size_t nt = folded(typed, ft), limit = nt >= 8 ? 2 : nt >= 4 ? 1 : 0;
	for (size_t i = 0; nt && i < n; i++) {
		size_t nv = folded(v[i], fv), d;
		if (!nv || !strcmp(v[i], typed) || (named && !strcmp(v[i], named)) ||
		    (d = distance(ft, nt, fv, nv, limit)) > limit)
			continue;
		size_t at = found; /* kept sorted by distance, the first found first */
		while (at > 0 && best[at - 1].d > d)
			at--;
		if (at == SIMILAR_MAX)
			continue;
		if (found < SIMILAR_MAX)
			found++;
		memmove(&best[at + 1], &best[at], (found - 1 - at) * sizeof best[0]);
		best[at].v = v[i], best[at].d = d;
	}
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < found; i++) {
		struct tv *s = tv_map(&rq->a);
		tv_set_str(s, "opt", best[i].v);
		tv_set_str(s, "use", arena_printf(&rq->a, "%s\n%s\n%s", key, typed, best[i].v));
		tv_push(list, s);
	}
	return list;
}

/* The sentence that says typed is new for field key. */
static const char *is_new_words(struct request *rq, const char *key, const char *typed)
{
	const char *t = !strcmp(key, "themes")   ? T(rq, "“{value}” is not a theme of the hub yet.")
			: !strcmp(key, "labels") ? T(rq, "“{value}” is not a label of the hub yet.")
						 : T(rq, "“{value}” is not a country of the hub yet.");
	return i18n_with(&rq->a, t, "value", typed);
}

static const char *add_words(struct request *rq, const char *key)
{
	return !strcmp(key, "themes")   ? T(rq, "Add it as a new theme")
	       : !strcmp(key, "labels") ? T(rq, "Add it as a new label")
					: T(rq, "Add it as a new country");
}

/* Is line s[0..len) a value of field f the editor need not confirm: the
 * hub's, the node's own already, or confirmed on an earlier step? */
static int known(struct request *rq, const struct node *existing, const struct field *f, const char *s, size_t len,
		 const char *const *v, size_t n)
{
	if (among(v, n, s, len))
		return 1;
	const char *own = existing ? node_form_value(rq, existing, f) : "";
	const char *name = arena_printf(&rq->a, "new.%s", f->key), *confirmed = name ? node_form_field(rq, name) : "";
	for (const char *lists[] = {own, confirmed}, *const *l = lists; l < lists + 2; l++)
		for (const char *p = *l; p && *p;) {
			size_t m = strcspn(p, "\n");
			if (m == len && !memcmp(p, s, len))
				return 1;
			p += m + (p[m] == '\n');
		}
	return 0;
}

struct tv *node_form_unknowns(struct request *rq, enum node_type type, const struct node *existing)
{
	struct tv *list = tv_list(&rq->a);
	for (const struct field *f = node_fields(type); f->key; f++) {
		size_t n;
		if (!picked(f, NULL))
			continue;
		const char **v = hub_values(rq, f->facet, &n);
		for (const char *p = node_form_field(rq, f->key); *p;) {
			size_t len = strcspn(p, "\n");
			if (!known(rq, existing, f, p, len, v, n)) {
				const char *typed = arena_strndup(&rq->a, p, len);
				struct tv *c = tv_map(&rq->a);
				tv_set_str(c, "value", typed);
				tv_set_str(c, "what", is_new_words(rq, f->key, typed));
				tv_set(c, "similar", similar(rq, f->key, typed, v, n));
				tv_set_str(c, "add", arena_printf(&rq->a, "%s\n%s\n", f->key, typed));
				tv_set_str(c, "add_label", add_words(rq, f->key));
				tv_push(list, c);
			}
			p += len + (p[len] == '\n');
		}
	}
	return list;
}

/* ---- the form's lists ---- */

struct tv *node_form_options(struct request *rq, const struct field *f, const char *value)
{
	size_t n;
	int many;
	struct tv *list = tv_list(&rq->a);
	if (!picked(f, &many))
		return list;
	const char **v = hub_values(rq, f->facet, &n);
	/* a list: the node's own first, in its order (so that it keeps its
	 * order through the form), then the hub's others; one value: the
	 * hub's in order, the node's own first when the hub lacks it */
	for (const char *p = value; *p;) {
		size_t m = strcspn(p, "\n");
		if (!many && among(v, n, p, m))
			break;
		struct tv *o = tv_map(&rq->a);
		tv_set_str(o, "opt", arena_strndup(&rq->a, p, m));
		tv_set_bool(o, "on", 1);
		tv_push(list, o);
		p += m + (p[m] == '\n');
	}
	for (size_t i = 0; i < n; i++) {
		int on = 0;
		for (const char *p = value; *p && !on;) {
			size_t m = strcspn(p, "\n");
			on = m == strlen(v[i]) && !memcmp(p, v[i], m);
			p += m + (p[m] == '\n');
		}
		struct tv *o = on && many ? NULL : tv_map(&rq->a);
		tv_set_str(o, "opt", v[i]);
		tv_set_bool(o, "on", on);
		tv_push(list, o);
	}
	return list;
}

struct tv *node_form_languages(struct request *rq, const char *value)
{
	const char *const *codes = uloc_getISOLanguages();
	size_t n = 0;
	for (const char *const *c = codes; c && *c; c++)
		n += node_language_known(*c);
	const char **names = arena_alloc(&rq->a, (n + 1) * sizeof *names);
	size_t k = 0;
	for (const char *const *c = codes; names && c && *c; c++) {
		if (!node_language_known(*c))
			continue;
		UChar u[128];
		char name[384];
		UErrorCode e = U_ZERO_ERROR;
		int32_t len = uloc_getDisplayLanguage(*c, rq->lang, u, 128, &e);
		if (U_SUCCESS(e))
			u_strToUTF8(name, sizeof name, NULL, u, len, &e);
		/* "name\0code": sorted by name, the code after it */
		const char *s = U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING
					? arena_printf(&rq->a, "%s%c%s", name, '\0', *c)
					: arena_printf(&rq->a, "%s%c%s", *c, '\0', *c);
		if (s)
			names[k++] = s;
	}
	struct tv *list = tv_list(&rq->a);
	if (!names)
		return list;
	if (value && *value && !node_language_known(value)) { /* as typed, to be marked wrong */
		struct tv *o = tv_map(&rq->a);
		tv_set_str(o, "code", value);
		tv_set_str(o, "opt", value);
		tv_set_bool(o, "on", 1);
		tv_push(list, o);
	}
	sort_names(rq, names, k);
	for (size_t i = 0; i < k; i++) {
		const char *code = names[i] + strlen(names[i]) + 1;
		struct tv *o = tv_map(&rq->a);
		tv_set_str(o, "code", code);
		tv_set_str(o, "opt", names[i]);
		tv_set_bool(o, "on", value && !strcmp(value, code));
		tv_push(list, o);
	}
	return list;
}

struct tv *node_form_cities(struct request *rq)
{
	size_t n;
	const char **v = hub_values(rq, "city", &n);
	struct tv *list = tv_list(&rq->a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, tv_str(&rq->a, v[i]));
	return list;
}
