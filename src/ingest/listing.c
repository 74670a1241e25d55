/* The listing format: the text of a hub page that lists nodes, newest first.
 *
 *   • TITLE                          entry bullet, indented 0-3 columns
 *                                    (body lines are indented 4 or more)
 *   practice:  COUNTRY / CITY        first block after the title
 *              SUBTITLE              next block, may wrap over lines
 *              • THEME ... • LABEL   bullets; labels are known programme names
 *              Copy linkFacebook...  the share widget (optional)
 *              345 821               population, any thousands separator
 *              • In partnership with relation bullets, each with the cities
 *                                    after a colon or below (see relation_names)
 *              HEADING / paragraphs  one of the five known section headings
 *              Ref nid / 17065       the permanent id (optional)
 *   teaser:    paragraphs, AUTHOR, "See more"
 *   Subscribe to                     ends the listing; the rest is ignored
 *
 * An entry is a practice when it has the share line or "Ref nid"; any other
 * entry is an article teaser. Drupal media tokens [[{...}]] are blanked out
 * before lines are split (they may span lines), and every line is cleaned by
 * text_clean_line(): NFC, white space runs (NBSP included) to one space.
 * Text of a section or body keeps one source line per output line.
 * Nothing is guessed silently: a line the format has no place for is an
 * error with its line number, never dropped. */
#include "ingest.h"

#include <stdarg.h>
#include <string.h>

#define BULLET           "\xe2\x80\xa2" /* U+2022 */
#define ENTRY_INDENT_MAX 3
#define AUTHOR_MAX_BYTES 80
#define AUTHOR_MAX_WORDS 6
#define POPULATION_MAX   100000000000LL /* larger is a typo, not a city */

struct line {
	int no;        /* 1-based source line */
	size_t indent; /* leading columns in the source */
	size_t off;    /* offset of the cleaned text in listing.text */
	size_t n;      /* cleaned length; 0 = blank */
};

struct listing {
	struct buf text;  /* cleaned lines, each NUL-terminated */
	struct buf lines; /* struct line[] */
	size_t count;
	struct ingest_diag *d;
};

struct cursor {
	struct listing *l;
	size_t i, end; /* current line, one past the entry's last */
};

static const struct line *line_at(const struct listing *l, size_t i)
{
	return &((const struct line *)(const void *)l->lines.data)[i];
}

static const char *text_of(const struct listing *l, const struct line *ln)
{
	return l->text.data + ln->off;
}

static enum px_err fail(struct ingest_diag *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum px_err fail(struct ingest_diag *d, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d->line = line;
	buf_reset(&d->msg);
	return buf_adds(&d->msg, msg) ? PX_ENOMEM : PX_EPARSE;
}

/* Blanks out [[{...}]] tokens, keeping newlines so line numbers hold. */
static void blank_media_tokens(char *s, size_t n)
{
	char *p = s, *end = s + n;
	while ((p = memmem(p, (size_t)(end - p), "[[{", 3)) != NULL) {
		char *close = memmem(p, (size_t)(end - p), "}]]", 3);
		if (!close)
			return; /* not a token: keep the text as written */
		/* An opener with another opener before its closer is text that
		 * happens to hold "[[{"; the later one may be a real token. */
		char *next = memmem(p + 3, (size_t)(close - (p + 3)), "[[{", 3);
		if (next) {
			p = next;
			continue;
		}
		for (char *q = p; q < close + 3; q++)
			if (*q != '\n')
				*q = ' ';
		p = close + 3;
	}
}

/* The length of the line at s[0..n) and, in *next, where the next one
 * starts: a line ends at LF, CRLF or a lone CR (old Mac files). */
static size_t line_length(const char *s, size_t n, size_t *next)
{
	size_t len = 0;
	while (len < n && s[len] != '\n' && s[len] != '\r')
		len++;
	*next = len + (len < n) + (len + 1 < n && s[len] == '\r' && s[len + 1] == '\n');
	return len;
}

static enum px_err split_lines(struct listing *l, const char *s, size_t n)
{
	int no = 0;
	size_t i = 0;
	while (i < n) {
		size_t next, raw = line_length(s + i, n - i, &next);
		struct line ln = {.no = ++no, .indent = text_indent(s + i, raw), .off = l->text.len};
		enum px_err err = text_clean_line(s + i, raw, &l->text);
		if (err)
			return err;
		ln.n = l->text.len - ln.off;
		if ((err = buf_addc(&l->text, '\0')) || (err = buf_add(&l->lines, &ln, sizeof ln)))
			return err;
		l->count++;
		i += next;
	}
	return PX_OK;
}

/* ---- line predicates ---- */

static int is_blank(const struct cursor *c)
{
	return line_at(c->l, c->i)->n == 0;
}

static int starts_bullet(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, BULLET, 3) == 0 && (n == 3 || s[3] == ' ');
}

static int is_entry_start(const struct listing *l, size_t i)
{
	const struct line *ln = line_at(l, i);
	return ln->indent <= ENTRY_INDENT_MAX && starts_bullet(text_of(l, ln), ln->n);
}

static int is_footer(const struct listing *l, size_t i)
{
	const struct line *ln = line_at(l, i);
	return ln->indent <= ENTRY_INDENT_MAX && vocab_footer(text_of(l, ln), ln->n);
}

/* The text of the current line, and its length. */
static const char *cur(const struct cursor *c, size_t *n)
{
	const struct line *ln = line_at(c->l, c->i);
	*n = ln->n;
	return text_of(c->l, ln);
}

static int cur_no(const struct cursor *c)
{
	return line_at(c->l, c->i)->no;
}

static int is_bullet(const struct cursor *c)
{
	size_t n;
	const char *s = cur(c, &n);
	return starts_bullet(s, n);
}

static int is_heading(const struct cursor *c, enum section_key *key)
{
	size_t n;
	const char *s = cur(c, &n);
	enum section_key k;
	return vocab_section(s, n, key ? key : &k);
}

static int is_ref(const struct cursor *c)
{
	size_t n;
	const char *s = cur(c, &n);
	return vocab_ref_nid(s, n);
}

static int is_share(const struct cursor *c)
{
	size_t n;
	const char *s = cur(c, &n);
	return vocab_share_line(s, n);
}

/* A population line: a count as the model reads them (node_count_parse),
 * up to POPULATION_MAX. */
static int parse_population(const char *s, size_t n, int64_t *out)
{
	int64_t v;
	if (node_count_parse(s, n, &v) || v > POPULATION_MAX)
		return -1;
	*out = v;
	return 0;
}

static int is_population(const struct cursor *c, int64_t *out)
{
	size_t n;
	const char *s = cur(c, &n);
	int64_t v;
	return parse_population(s, n, out ? out : &v) == 0;
}

static void skip_blanks(struct cursor *c)
{
	while (c->i < c->end && is_blank(c))
		c->i++;
}

/* ---- practices ---- */

static enum px_err practice_place(struct cursor *c, struct node *n, int title_line)
{
	struct ingest_diag *d = c->l->d;
	skip_blanks(c);
	if (c->i >= c->end || is_bullet(c) || is_share(c) || is_heading(c, NULL) || is_ref(c) ||
	    is_population(c, NULL))
		return fail(d, title_line, "practice \"%s\" has no country and city after its title",
			    n->title);
	size_t len;
	const char *s = cur(c, &len);
	int country_line = cur_no(c);
	if (node_set(&n->country, s, len))
		return PX_ENOMEM;
	c->i++;
	if (c->i >= c->end || is_blank(c) || is_bullet(c) || is_share(c) || is_heading(c, NULL))
		return fail(d, country_line,
			    "practice \"%s\" has a country (\"%s\") but no city on the next line", n->title,
			    n->country);
	s = cur(c, &len);
	if (node_set(&n->city, s, len))
		return PX_ENOMEM;
	c->i++;
	return PX_OK;
}

static enum px_err practice_subtitle(struct cursor *c, struct node *n)
{
	struct buf sub;
	buf_init(&sub, BUF_CAP_DEFAULT);
	skip_blanks(c);
	enum px_err err = PX_OK;
	while (!err && c->i < c->end && !is_blank(c) && !is_bullet(c) && !is_share(c) &&
	       !is_heading(c, NULL) && !is_ref(c) && !is_population(c, NULL)) {
		size_t len;
		const char *s = cur(c, &len);
		if (sub.len)
			err = buf_addc(&sub, ' ');
		if (!err)
			err = buf_add(&sub, s, len);
		c->i++;
	}
	if (!err && sub.len)
		err = node_set(&n->subtitle, sub.data, sub.len);
	buf_free(&sub);
	return err;
}

/* ---- the cities after a relation ----
 *
 *   • In partnership with: Lisbon (Portugal); Gdańsk (Poland)
 *   • Adapted by cities from
 *     Lisbon (Portugal, 2019); Gdańsk, Poland
 *
 * Names follow the relation's bullet after a colon, or on the lines below
 * it, items separated by ';': "CITY (COUNTRY)", "CITY (COUNTRY, YEAR)" or
 * "CITY, COUNTRY". They fill partners or adopters; the relation itself
 * is kept in relations either way (the contract). */

static const char *trim(const char *s, size_t *n)
{
	while (*n && *s == ' ')
		s++, (*n)--;
	while (*n && s[*n - 1] == ' ')
		(*n)--;
	return s;
}

/* One item into city, country and year (-1 if none); -1 if malformed. */
static int place_item(const char *s, size_t n, struct node_adopter *out)
{
	const char *open = memchr(s, '(', n), *comma;
	size_t cn, kn;
	const char *city = s, *country;
	if (open) {
		if (s[n - 1] != ')')
			return -1;
		cn = (size_t)(open - s);
		country = open + 1;
		kn = n - cn - 2;
	} else if ((comma = memchr(s, ',', n))) {
		cn = (size_t)(comma - s);
		country = comma + 1;
		kn = n - cn - 1;
	} else {
		return -1;
	}
	city = trim(city, &cn);
	country = trim(country, &kn);
	out->year = -1;
	comma = open ? memchr(country, ',', kn) : NULL;
	if (comma) { /* "(Portugal, 2019)" */
		size_t yn = kn - (size_t)(comma - country) - 1;
		const char *y = trim(comma + 1, &yn);
		if (px_parse_i64(y, yn, 0, &out->year) || out->year < 1900 || out->year > 2100)
			return -1;
		kn = (size_t)(comma - country);
		country = trim(country, &kn);
	}
	if (!cn || !kn || memchr(city, ')', cn) || memchr(country, '(', kn))
		return -1;
	out->city = px_strndup(city, cn);
	out->country = px_strndup(country, kn);
	return 0;
}

/* Appends the item to partners or adopters, as rel says. */
static enum px_err add_place(struct node *n, enum relation rel, struct node_adopter *item)
{
	const struct field *f = node_field(NODE_PRACTICE, rel == RELATION_IN_PARTNERSHIP_WITH ? "partners" : "adopters");
	struct node_adopter *o = field_object_new(f); /* node_place is node_adopter's first two fields */
	if (!o || !item->city || !item->country) {
		free(o);
		return PX_ENOMEM;
	}
	o->city = item->city;
	o->country = item->country;
	item->city = item->country = NULL;
	if (rel == RELATION_ADAPTED_BY_CITIES_FROM)
		o->year = item->year;
	enum px_err err = ptrvec_push(FIELD_AT(n, f), o);
	if (err)
		field_object_free(f, o);
	return err;
}

static enum px_err relation_names(struct cursor *c, struct node *n, enum relation rel, const char *s, size_t len)
{
	enum px_err err = PX_OK;
	while (!err && len) {
		const char *semi = memchr(s, ';', len);
		size_t in = semi ? (size_t)(semi - s) : len;
		size_t tn = in;
		const char *t = trim(s, &tn);
		struct node_adopter item = {0};
		if (tn && place_item(t, tn, &item)) {
			return fail(c->l->d, cur_no(c),
				    "practice \"%s\": \"%.60s\" is not a city and its country, as in "
				    "\"Lisbon (Portugal)\" or \"Lisbon (Portugal, 2019)\"",
				    n->title, t);
		}
		if (tn && rel == RELATION_IN_PARTNERSHIP_WITH && item.year >= 0)
			err = fail(c->l->d, cur_no(c),
				   "practice \"%s\": a partner has no year (\"%.60s\"); years go with the cities "
				   "that adapted it",
				   n->title, t);
		else if (tn)
			err = add_place(n, rel, &item);
		free(item.city);
		free(item.country);
		s += in + (semi ? 1 : 0);
		len -= in + (semi ? 1 : 0);
	}
	return err;
}

/* A bullet: a relation (with names after a colon, *rel set), a label or a
 * theme. */
static enum px_err practice_bullet(struct cursor *c, struct node *n, const char *s, size_t len, int *rel)
{
	s += 3;
	len -= 3;
	while (len > 0 && *s == ' ')
		s++, len--;
	*rel = -1;
	if (len == 0)
		return PX_OK;
	const char *colon = memchr(s, ':', len);
	size_t head = colon ? (size_t)(colon - s) : len;
	enum relation r;
	if (vocab_relation(s, head, &r) || vocab_relation(s, len, &r)) {
		*rel = (int)r;
		enum px_err err = strlist_add_unique(&n->relations, relation_name(r), strlen(relation_name(r)));
		if (!err && colon && vocab_relation(s, head, &r))
			err = relation_names(c, n, r, colon + 1, len - head - 1);
		return err;
	}
	/* duplicates go in parse_practice(): one pass, not one per bullet */
	if (vocab_label(s, len))
		return strlist_add(&n->labels, s, len);
	return strlist_add(&n->themes, s, len);
}

/* Bullets, share line, population and the names under a relation, up to
 * the first heading or Ref nid. */
static enum px_err practice_meta(struct cursor *c, struct node *n)
{
	int rel = -1; /* the relation whose names may follow */
	for (; c->i < c->end; c->i++) {
		if (is_blank(c) || is_share(c)) {
			rel = is_blank(c) ? rel : -1;
			continue;
		}
		if (is_heading(c, NULL) || is_ref(c))
			return PX_OK;
		size_t len;
		const char *s = cur(c, &len);
		enum px_err err = PX_OK;
		if (is_bullet(c))
			err = practice_bullet(c, n, s, len, &rel);
		else if (rel >= 0 && !is_population(c, NULL))
			err = relation_names(c, n, (enum relation)rel, s, len);
		else if (n->population >= 0 || !is_population(c, &n->population))
			return fail(c->l->d, cur_no(c),
				    "practice \"%s\": \"%.60s\" is not a theme, label, population, relation "
				    "or known section heading",
				    n->title, s);
		if (err)
			return err;
	}
	return PX_OK;
}

static enum px_err practice_ref(struct cursor *c, struct node *n)
{
	int ref_line = cur_no(c);
	c->i++;
	skip_blanks(c);
	if (c->i >= c->end)
		return fail(c->l->d, ref_line, "practice \"%s\": \"Ref nid\" is not followed by a number",
			    n->title);
	size_t len;
	const char *s = cur(c, &len);
	if (px_parse_i64(s, len, 0, &n->nid) || n->nid <= 0 || n->nid > NODE_NID_MAX)
		return fail(c->l->d, cur_no(c),
			    "practice \"%s\": Ref nid \"%.40s\" is not a nid (a whole number from 1 to %lld)",
			    n->title, s, (long long)NODE_NID_MAX);
	c->i++;
	skip_blanks(c);
	if (c->i < c->end)
		return fail(c->l->d, cur_no(c), "practice \"%s\": unexpected text after its Ref nid",
			    n->title);
	return PX_OK;
}

static enum px_err section_close(struct node *n, enum section_key key, const char *heading, struct buf *text)
{
	if (!heading || text->len == 0)
		return PX_OK; /* a heading with nothing under it carries no content */
	enum px_err err = node_section_add(n, key, heading, text->data);
	buf_reset(text);
	return err;
}

static enum px_err practice_sections(struct cursor *c, struct node *n)
{
	struct buf text;
	buf_init(&text, BUF_CAP_DEFAULT);
	const char *heading = NULL;
	enum section_key key = SECTION_SUMMARY, next;
	unsigned seen = 0;
	enum px_err err = PX_OK;
	for (; !err && c->i < c->end; c->i++) {
		size_t len;
		const char *s = cur(c, &len);
		if (len == 0)
			continue;
		if (is_ref(c)) {
			if (!(err = section_close(n, key, heading, &text)))
				err = practice_ref(c, n);
			break;
		}
		if (is_heading(c, &next)) {
			if (seen & (1u << next)) {
				err = fail(c->l->d, cur_no(c),
					   "practice \"%s\": section \"%s\" appears twice", n->title, s);
				break;
			}
			seen |= 1u << next;
			err = section_close(n, key, heading, &text);
			heading = s;
			key = next;
			continue;
		}
		if (text.len)
			err = buf_addc(&text, '\n');
		if (!err)
			err = buf_add(&text, s, len);
	}
	if (!err && c->i >= c->end)
		err = section_close(n, key, heading, &text);
	buf_free(&text);
	return err;
}

static enum px_err parse_practice(struct cursor *c, struct node *n)
{
	int title_line = cur_no(c);
	c->i++;
	enum px_err err = practice_place(c, n, title_line);
	if (!err)
		err = practice_subtitle(c, n);
	if (!err)
		err = practice_meta(c, n);
	if (!err)
		err = practice_sections(c, n);
	if (!err)
		err = strlist_dedupe(&n->themes);
	if (!err)
		err = strlist_dedupe(&n->labels);
	return err;
}

/* ---- teasers ---- */

/* An author line is a name: short, and not a sentence. */
/* An author line is a name or a handle: short, a few words, no colon, not
 * ending like a sentence (a closing question is the teaser's, not a name). */
static int looks_like_author(const char *s, size_t n)
{
	if (n == 0 || n > AUTHOR_MAX_BYTES || memchr(s, ':', n) || strchr(".?!;", s[n - 1]))
		return 0;
	if (n >= 3 && memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0) /* … */
		return 0;
	size_t words = 1;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	return words <= AUTHOR_MAX_WORDS;
}

static enum px_err parse_teaser(struct cursor *c, struct node *n)
{
	size_t first = ++c->i, last = c->end; /* [first, last) of non-footer lines */
	while (last > first && line_at(c->l, last - 1)->n == 0)
		last--;
	if (last > first) {
		const struct line *ln = line_at(c->l, last - 1);
		if (vocab_see_more(text_of(c->l, ln), ln->n))
			last--;
	}
	while (last > first && line_at(c->l, last - 1)->n == 0)
		last--;
	if (last > first) { /* the last paragraph is the author, when it can be one */
		const struct line *ln = line_at(c->l, last - 1);
		const char *s = text_of(c->l, ln);
		if (looks_like_author(s, ln->n)) {
			if (node_set(&n->author, s, ln->n))
				return PX_ENOMEM;
			last--;
		}
	}
	struct buf body;
	buf_init(&body, BUF_CAP_DEFAULT);
	enum px_err err = PX_OK;
	for (size_t i = first; !err && i < last; i++) {
		const struct line *ln = line_at(c->l, i);
		if (ln->n == 0)
			continue;
		if (body.len)
			err = buf_addc(&body, '\n');
		if (!err)
			err = buf_add(&body, text_of(c->l, ln), ln->n);
	}
	if (!err && body.len)
		err = node_set(&n->body, body.data, body.len);
	buf_free(&body);
	c->i = c->end;
	return err;
}

/* ---- entries ---- */

static int entry_is_practice(const struct cursor *entry)
{
	struct cursor c = *entry;
	for (c.i++; c.i < c.end; c.i++)
		if (is_share(&c) || is_ref(&c))
			return 1;
	return 0;
}

static enum px_err parse_entry(struct cursor *c, struct ptrvec *nodes)
{
	size_t len;
	const char *s = cur(c, &len);
	s += 3, len -= 3;
	while (len > 0 && *s == ' ')
		s++, len--;
	if (len == 0)
		return fail(c->l->d, cur_no(c), "an entry bullet without a title");
	struct node *n = node_new(entry_is_practice(c) ? NODE_PRACTICE : NODE_ARTICLE);
	if (!n)
		return PX_ENOMEM;
	n->line = cur_no(c);
	enum px_err err = node_set(&n->title, s, len);
	if (!err)
		err = n->type == NODE_PRACTICE ? parse_practice(c, n) : parse_teaser(c, n);
	if (!err)
		err = ptrvec_push(nodes, n);
	if (err)
		node_free(n);
	return err;
}

static enum px_err parse_lines(struct listing *l, struct ptrvec *nodes)
{
	size_t i = 0, entries = 0;
	while (i < l->count && !is_footer(l, i)) {
		if (!is_entry_start(l, i)) {
			i++; /* text before the first entry: the page's header */
			continue;
		}
		struct cursor c = {.l = l, .i = i, .end = i + 1};
		while (c.end < l->count && !is_entry_start(l, c.end) && !is_footer(l, c.end))
			c.end++;
		enum px_err err = parse_entry(&c, nodes);
		if (err)
			return err;
		entries++;
		i = c.end;
	}
	if (entries == 0)
		return fail(l->d, 1, "no entries: a listing has lines that start with \"" BULLET " \"");
	return PX_OK;
}

enum px_err ingest_listing_parse(const char *data, size_t len, struct ptrvec *nodes, struct ingest_diag *d)
{
	struct listing l = {.d = d};
	buf_init(&l.text, BUF_CAP_DEFAULT);
	buf_init(&l.lines, BUF_CAP_DEFAULT);
	struct buf copy;
	buf_init(&copy, BUF_CAP_DEFAULT);
	enum px_err err = buf_add(&copy, data, len);
	if (!err) {
		blank_media_tokens(copy.data, copy.len);
		err = split_lines(&l, copy.data, copy.len);
	}
	buf_free(&copy);
	if (!err)
		err = parse_lines(&l, nodes);
	if (err)
		ingest_nodes_free(nodes);
	buf_free(&l.text);
	buf_free(&l.lines);
	return err;
}
