/* Templates: compiled once when the server starts, rendered per request.
 *
 * The compiler reads a template's literal text with a small HTML state
 * machine (text, tag, attribute name and value, comment, script, style) so
 * that it knows where each {{hole}} lands and fixes its escaper then: a
 * value is never printed without one, and a hole the machine cannot place
 * safely is a compile error (NAME:LINE: what). Syntax: see web_int.h. */
#include "web_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTIAL_DEPTH 8
#define SCOPE_DEPTH   16

enum ctx { C_TEXT, C_ATTR, C_URL, C_URL_PART, C_JSON };
enum op { OP_TEXT, OP_VAR, OP_EACH, OP_IF, OP_UNLESS, OP_TR, OP_TR_AROUND };

struct tnode {
	enum op op;
	enum ctx ctx;
	/* OP_TEXT: literal; OP_VAR, blocks: the name; OP_TR, OP_TR_AROUND: the
	 * msgid, "context\x04msgid" for a {{_c}} (the catalogues' key) */
	const char *text;
	size_t len;
	struct tnode *body, *alt; /* blocks: the body, and the {{else}} part */
	struct tnode *next;
};

struct tmpl {
	const char *name;
	struct tnode *root;
	int xml; /* an XML document (it starts "<?xml"): values lose what XML forbids */
};

struct tmpl_set {
	struct tmpl *t;
	size_t n;
	struct arena mem; /* nodes and names */
};

/* ---- the HTML state at a point of a template ---- */

enum hstate {
	H_TEXT,
	H_TAG, /* in a tag, between attributes */
	H_ATTR_NAME,
	H_AFTER_NAME,   /* an attribute name, then spaces */
	H_BEFORE_VALUE, /* after = */
	H_VALUE_Q,      /* in a quoted value */
	H_VALUE_UNQ,
	H_COMMENT,
	H_SCRIPT,
	H_SCRIPT_JSON,
	H_STYLE
};

struct html {
	enum hstate st;
	char tag[12], attr[16], val[24]; /* lower case, cut short */
	char quote;
	int closing;     /* the tag is </...> */
	int value_start; /* nothing of the quoted value yet */
	int json;        /* this <script> is application/ld+json */
};

static void name_add(char *dst, size_t cap, char c)
{
	size_t n = strlen(dst);
	if (n + 1 < cap) {
		dst[n] = (char)tolower((unsigned char)c);
		dst[n + 1] = '\0';
	}
}

static int name_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == ':' || c == '_';
}

/* The tag just ended with '>'. */
static void tag_end(struct html *h)
{
	if (!h->closing && !strcmp(h->tag, "script"))
		h->st = h->json ? H_SCRIPT_JSON : H_SCRIPT;
	else if (!h->closing && !strcmp(h->tag, "style"))
		h->st = H_STYLE;
	else
		h->st = H_TEXT;
}

/* Does s start with "</tag" (any case) followed by a non-name byte? */
static int closes(const char *s, size_t n, const char *tag)
{
	size_t t = strlen(tag);
	return n > t + 2 && s[0] == '<' && s[1] == '/' && !strncasecmp(s + 2, tag, t) && !name_char(s[2 + t]);
}

/* Advances h over literal text s[0..n). */
static void html_scan(struct html *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		switch (h->st) {
		case H_TEXT:
			if (c != '<')
				break;
			if (n - i >= 4 && !strncmp(s + i, "<!--", 4)) {
				h->st = H_COMMENT;
				i += 3;
			} else if (i + 1 < n && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
				h->closing = s[i + 1] == '/';
				i += h->closing;
				h->tag[0] = '\0';
				while (i + 1 < n && name_char(s[i + 1]))
					name_add(h->tag, sizeof h->tag, s[++i]);
				h->json = 0;
				h->st = H_TAG;
			}
			break;
		case H_TAG:
		case H_AFTER_NAME:
			if (c == '>')
				tag_end(h);
			else if (c == '=' && h->st == H_AFTER_NAME)
				h->st = H_BEFORE_VALUE;
			else if (name_char(c)) {
				h->attr[0] = '\0';
				name_add(h->attr, sizeof h->attr, c);
				h->st = H_ATTR_NAME;
			}
			break;
		case H_ATTR_NAME:
			if (name_char(c))
				name_add(h->attr, sizeof h->attr, c);
			else if (c == '=')
				h->st = H_BEFORE_VALUE;
			else if (c == '>')
				tag_end(h);
			else
				h->st = isspace((unsigned char)c) ? H_AFTER_NAME : H_TAG;
			break;
		case H_BEFORE_VALUE:
			if (c == '"' || c == '\'') {
				h->quote = c;
				h->val[0] = '\0';
				h->value_start = 1;
				h->st = H_VALUE_Q;
			} else if (c == '>')
				tag_end(h);
			else if (!isspace((unsigned char)c))
				h->st = H_VALUE_UNQ;
			break;
		case H_VALUE_Q:
			if (c == h->quote) {
				if (!strcmp(h->tag, "script") && !strcmp(h->attr, "type"))
					h->json = !strcmp(h->val, "application/ld+json");
				h->st = H_TAG;
			} else {
				name_add(h->val, sizeof h->val, c);
				h->value_start = 0;
			}
			break;
		case H_VALUE_UNQ:
			if (c == '>')
				tag_end(h);
			else if (isspace((unsigned char)c))
				h->st = H_TAG;
			break;
		case H_COMMENT:
			if (n - i >= 3 && !strncmp(s + i, "-->", 3)) {
				h->st = H_TEXT;
				i += 2;
			}
			break;
		case H_SCRIPT:
		case H_SCRIPT_JSON:
		case H_STYLE: {
			const char *tag = h->st == H_STYLE ? "style" : "script";
			if (closes(s + i, n - i, tag)) {
				h->closing = 1;
				memcpy(h->tag, tag, strlen(tag) + 1); /* both fit tag[] */
				i += 1 + strlen(tag);
				h->st = H_TAG;
			}
			break;
		}
		}
	}
}

static int url_attr(const char *a)
{
	static const char *const names[] = {"href", "src", "action", "formaction", "cite", "poster"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(a, names[i]))
			return 1;
	return 0;
}

/* The context of a hole at h, or -1 (with why set) if none is safe. */
static int hole_ctx(const struct html *h, const char **why)
{
	switch (h->st) {
	case H_TEXT:
		return C_TEXT;
	case H_SCRIPT_JSON:
		return C_JSON;
	case H_VALUE_Q:
		if (!strncmp(h->attr, "on", 2) || !strcmp(h->attr, "style")) {
			*why = "a value in an event handler or style attribute";
			return -1;
		}
		return url_attr(h->attr) ? (h->value_start ? C_URL : C_URL_PART) : C_ATTR;
	case H_VALUE_UNQ:
	case H_BEFORE_VALUE:
		*why = "a value in an unquoted attribute";
		return -1;
	case H_COMMENT:
		*why = "a value in a comment";
		return -1;
	case H_SCRIPT:
	case H_STYLE:
		*why = "a value in a script or style";
		return -1;
	default:
		*why = "a value inside a tag, outside an attribute value";
		return -1;
	}
}

/* Are a and b the same place for a hole? Outside tags the last tag's name
 * does not matter, between attributes the last attribute's. */
static int same_place(const struct html *a, const struct html *b)
{
	if (a->st != b->st)
		return 0;
	if (a->st == H_TEXT || a->st == H_COMMENT || a->st == H_SCRIPT || a->st == H_SCRIPT_JSON ||
	    a->st == H_STYLE)
		return 1;
	if (strcmp(a->tag, b->tag) || a->json != b->json)
		return 0;
	return a->st == H_TAG || (a->quote == b->quote && !strcmp(a->attr, b->attr));
}

/* ---- compiling ---- */

struct source {
	const char *name, *text;
};

struct parser {
	struct tmpl_set *ts;
	const struct source *src; /* every template, for partials */
	size_t nsrc;
	const char *name, *start, *p, *end; /* the template being read */
	struct html h;
	int depth; /* of partials */
	struct buf *why;
	int failed;
};

static int fail(struct parser *ps, const char *at, const char *what)
{
	if (!ps->failed) {
		size_t line = 1;
		for (const char *c = ps->start; c < at && c < ps->end; c++)
			line += *c == '\n';
		buf_reject(ps->why, "%s:%zu: %s", ps->name, line, what);
	}
	ps->failed = 1;
	return -1;
}

static struct tnode *tnode_new(struct parser *ps, enum op op, const char *text, size_t len)
{
	struct tnode *n = arena_alloc(&ps->ts->mem, sizeof *n);
	if (!n) {
		fail(ps, ps->p, "out of memory");
		return NULL;
	}
	n->op = op;
	n->text = text;
	n->len = len;
	return n;
}

static const struct source *source_find(const struct parser *ps, const char *name, size_t n)
{
	for (size_t i = 0; i < ps->nsrc; i++)
		if (strlen(ps->src[i].name) == n && !strncmp(ps->src[i].name, name, n))
			return &ps->src[i];
	return NULL;
}

static int parse_list(struct parser *ps, struct tnode ***tail, const char **stop, size_t *stop_len);

/* {{> name}}: the partial's nodes, read in the current HTML state. */
static int include(struct parser *ps, struct tnode ***tail, const char *name, size_t n, const char *at)
{
	const struct source *s = source_find(ps, name, n);
	if (!s)
		return fail(ps, at, "no such partial");
	if (ps->depth >= PARTIAL_DEPTH)
		return fail(ps, at, "partials nested too deep (a cycle?)");
	struct parser sub = *ps;
	sub.name = s->name;
	sub.start = sub.p = s->text;
	sub.end = s->text + strlen(s->text);
	sub.depth++;
	const char *stop = NULL;
	size_t stop_len = 0;
	int rc = parse_list(&sub, tail, &stop, &stop_len);
	if (!rc && stop)
		rc = fail(&sub, sub.p, "a block closes that the partial did not open");
	ps->h = sub.h;
	ps->failed |= sub.failed;
	return rc;
}

static int is_name(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!name_char(s[i]) && s[i] != '.' && s[i] != '@')
			return 0;
	return n > 0;
}

/* Parses the nodes from here into *first, up to the tag that ends them
 * (*stop, NULL at the end of the template). */
static int body_of(struct parser *ps, struct tnode **first, const char **stop, size_t *stop_len)
{
	struct tnode **t = first;
	*stop = NULL;
	*stop_len = 0;
	return parse_list(ps, &t, stop, stop_len);
}

/* Closes block b, whose body ended at the tag stop: it must be `end`, and
 * the HTML back where the block started; links b after *tail. */
static int close_block(struct parser *ps, struct tnode ***tail, struct tnode *b, const struct html *start,
		       const char *stop, size_t stop_len, const char *end, const char *unclosed)
{
	if (!stop || stop_len != strlen(end) || strncmp(stop, end, stop_len))
		return fail(ps, ps->p, unclosed);
	if (!same_place(&ps->h, start))
		return fail(ps, ps->p, "the block ends in another place of the HTML than it starts");
	**tail = b;
	*tail = &b->next;
	return 0;
}

/* A block {{#kind name}}: its body, an optional {{else}}, and its end, each
 * in the HTML state the block started in. */
static int block(struct parser *ps, struct tnode ***tail, enum op op, const char *name, size_t n,
		 const char *at)
{
	struct tnode *b = tnode_new(ps, op, arena_strndup(&ps->ts->mem, name, n), n);
	if (!b || !is_name(name, n))
		return b ? fail(ps, at, "a block needs a name") : -1;
	struct html start = ps->h;
	const char *stop;
	size_t stop_len;
	if (body_of(ps, &b->body, &stop, &stop_len))
		return -1;
	if (stop && stop_len == 4 && !strncmp(stop, "else", 4) && op != OP_EACH) {
		if (!same_place(&ps->h, &start))
			return fail(ps, ps->p, "the block's branches end in different places of the HTML");
		struct html after_body = ps->h;
		ps->h = start;
		if (body_of(ps, &b->alt, &stop, &stop_len))
			return -1;
		ps->h.value_start &= after_body.value_start;
	}
	const char *want = op == OP_EACH ? "/each" : op == OP_IF ? "/if" : "/unless";
	if (close_block(ps, tail, b, &start, stop, stop_len, want,
			op == OP_EACH ? "{{#each}} without {{/each}}" : "an unclosed block"))
		return -1;
	ps->h.value_start &= start.value_start;
	return 0;
}

/* The msgid of a {{_ "text"}} (or the key "ctx\x04text" of a
 * {{_c "ctx" "text"}}) at s[0..n), in the set's memory; NULL (and the
 * parser failed) if it is not one quoted text (two for {{_c}}). */
static const char *msgid_of(struct parser *ps, const char *s, size_t n, int with_context, const char *at)
{
	size_t ctx_len = 0;
	if (with_context) {
		const char *q = n > 1 && s[0] == '"' ? memchr(s + 1, '"', n - 1) : NULL;
		if (!q || q + 2 >= s + n || q[1] != ' ' || q == s + 1) {
			fail(ps, at, "{{_c \"context\" \"text\"}} wants a quoted context and a quoted text");
			return NULL;
		}
		ctx_len = (size_t)(q - s) - 1;
		size_t skip = (size_t)(q - s) + 2;
		const char *ctx = s + 1;
		s += skip;
		n -= skip;
		if (n < 2 || s[0] != '"' || s[n - 1] != '"' || memchr(s + 1, '"', n - 2)) {
			fail(ps, at, "{{_c \"context\" \"text\"}} wants a quoted context and a quoted text");
			return NULL;
		}
		return arena_printf(&ps->ts->mem, "%.*s\x04%.*s", (int)ctx_len, ctx, (int)(n - 2), s + 1);
	}
	if (n < 2 || s[0] != '"' || s[n - 1] != '"' || memchr(s + 1, '"', n - 2)) {
		fail(ps, at, "{{_ \"text\"}} wants one quoted text");
		return NULL;
	}
	return arena_strndup(&ps->ts->mem, s + 1, n - 2);
}

/* {{_ "text"}}, {{_c "context" "text"}} */
static int translation(struct parser *ps, struct tnode ***tail, const char *s, size_t n, int with_context,
		       const char *at)
{
	const char *msgid = msgid_of(ps, s, n, with_context, at);
	if (!msgid)
		return -1;
	const char *why = NULL;
	int ctx = hole_ctx(&ps->h, &why);
	if (ctx != C_TEXT && ctx != C_ATTR)
		return fail(ps, at, why ? why : "a translation outside text or an attribute");
	struct tnode *t = tnode_new(ps, OP_TR, msgid, strlen(msgid));
	if (!t)
		return -1;
	t->ctx = (enum ctx)ctx;
	ps->h.value_start = 0;
	**tail = t;
	*tail = &t->next;
	return 0;
}

/* {{#_ "By {author}"}}body{{/_}}: a whole sentence around a value that
 * carries markup (a link), so that each language puts the value where its
 * grammar wants it: the translation's text before its "{name}", the body,
 * the text after. Text only, never in an attribute. */
static int translation_around(struct parser *ps, struct tnode ***tail, const char *s, size_t n, const char *at)
{
	const char *msgid = msgid_of(ps, s, n, 0, at);
	if (!msgid)
		return -1;
	const char *why = NULL;
	if (hole_ctx(&ps->h, &why) != C_TEXT)
		return fail(ps, at, why ? why : "{{#_ \"text\"}} outside text");
	if (!strchr(msgid, '{') || !strchr(strchr(msgid, '{'), '}'))
		return fail(ps, at, "{{#_ \"text\"}} wants a {name} in its text");
	struct tnode *b = tnode_new(ps, OP_TR_AROUND, msgid, strlen(msgid));
	if (!b)
		return -1;
	b->ctx = C_TEXT;
	struct html start = ps->h;
	const char *stop;
	size_t stop_len;
	if (body_of(ps, &b->body, &stop, &stop_len) ||
	    close_block(ps, tail, b, &start, stop, stop_len, "/_", "{{#_}} without {{/_}}"))
		return -1;
	ps->h.value_start = 0;
	return 0;
}

static int hole(struct parser *ps, struct tnode ***tail, const char *s, size_t n, const char *at)
{
	if (!is_name(s, n))
		return fail(ps, at, "not a name");
	const char *why = NULL;
	int ctx = hole_ctx(&ps->h, &why);
	if (ctx < 0)
		return fail(ps, at, why);
	struct tnode *v = tnode_new(ps, OP_VAR, arena_strndup(&ps->ts->mem, s, n), n);
	if (!v)
		return -1;
	v->ctx = (enum ctx)ctx;
	ps->h.value_start = 0;
	**tail = v;
	*tail = &v->next;
	return 0;
}

/* Reads nodes until the end, or a closing tag ({{/x}}, {{else}}) returned
 * in *stop. */
static int parse_list(struct parser *ps, struct tnode ***tail, const char **stop, size_t *stop_len)
{
	*stop = NULL;
	while (ps->p < ps->end && !ps->failed) {
		const char *open = strstr(ps->p, "{{");
		const char *lit_end = open && open < ps->end ? open : ps->end;
		if (lit_end > ps->p) {
			size_t len = (size_t)(lit_end - ps->p);
			struct tnode *t =
				tnode_new(ps, OP_TEXT, arena_strndup(&ps->ts->mem, ps->p, len), len);
			if (!t || !t->text)
				return -1;
			html_scan(&ps->h, ps->p, t->len);
			**tail = t;
			*tail = &t->next;
		}
		if (lit_end == ps->end)
			break;
		const char *close = strstr(open + 2, "}}");
		if (!close || close >= ps->end)
			return fail(ps, open, "{{ without }}");
		const char *s = open + 2, *e = close;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		ps->p = close + 2;
		size_t n = (size_t)(e - s);
		int rc;
		if (n > 0 && (*s == '/' || (n == 4 && !strncmp(s, "else", 4)))) {
			*stop = s;
			*stop_len = n;
			return 0;
		} else if (n > 6 && !strncmp(s, "#each ", 6))
			rc = block(ps, tail, OP_EACH, s + 6, n - 6, open);
		else if (n > 4 && !strncmp(s, "#if ", 4))
			rc = block(ps, tail, OP_IF, s + 4, n - 4, open);
		else if (n > 8 && !strncmp(s, "#unless ", 8))
			rc = block(ps, tail, OP_UNLESS, s + 8, n - 8, open);
		else if (n > 2 && !strncmp(s, "> ", 2))
			rc = include(ps, tail, s + 2, n - 2, open);
		else if (n > 3 && !strncmp(s, "#_ ", 3))
			rc = translation_around(ps, tail, s + 3, n - 3, open);
		else if (n > 3 && !strncmp(s, "_c ", 3))
			rc = translation(ps, tail, s + 3, n - 3, 1, open);
		else if (n > 2 && !strncmp(s, "_ ", 2))
			rc = translation(ps, tail, s + 2, n - 2, 0, open);
		else
			rc = hole(ps, tail, s, n, open);
		if (rc)
			return -1;
	}
	return ps->failed ? -1 : 0;
}

static enum px_err compile(struct tmpl_set *ts, const struct source *src, size_t nsrc, struct buf *why)
{
	ts->t = arena_alloc(&ts->mem, (nsrc ? nsrc : 1) * sizeof *ts->t);
	if (!ts->t)
		return PX_ENOMEM;
	for (size_t i = 0; i < nsrc; i++) {
		struct parser ps = {ts,
				    src,
				    nsrc,
				    src[i].name,
				    src[i].text,
				    src[i].text,
				    src[i].text + strlen(src[i].text),
				    {0},
				    0,
				    why,
				    0};
		struct tnode *root = NULL, **tail = &root;
		const char *stop = NULL;
		size_t stop_len = 0;
		if (parse_list(&ps, &tail, &stop, &stop_len) ||
		    (stop && fail(&ps, ps.p, "a block closes that was not opened")))
			return ps.failed && !ts->mem.failed ? PX_EPARSE : PX_ENOMEM;
		if (ps.h.st != H_TEXT) {
			fail(&ps, ps.end, "the template ends inside a tag, comment, script or style");
			return PX_EPARSE;
		}
		const char *name = arena_strndup(&ts->mem, src[i].name, strlen(src[i].name));
		if (!name)
			return PX_ENOMEM;
		ts->t[ts->n++] = (struct tmpl){name, root, !strncmp(src[i].text, "<?xml", 5)};
	}
	return PX_OK;
}

enum px_err tmpl_set_from(struct tmpl_set **out, const char *const *pairs, size_t npairs, struct buf *why)
{
	struct tmpl_set *ts = calloc(1, sizeof *ts);
	struct source *src = calloc(npairs ? npairs : 1, sizeof *src);
	enum px_err err = ts && src ? PX_OK : PX_ENOMEM;
	if (!err) {
		arena_init(&ts->mem);
		for (size_t i = 0; i < npairs; i++)
			src[i] = (struct source){pairs[2 * i], pairs[2 * i + 1]};
		err = compile(ts, src, npairs, why);
	}
	free(src);
	if (err) {
		tmpl_set_free(ts);
		return err;
	}
	*out = ts;
	return PX_OK;
}

/* "templates/NAME.html" or "templates/NAME.xml": NAME's length, else 0. */
static size_t template_name(const char *asset)
{
	static const char prefix[] = "templates/";
	size_t len = strlen(asset), p = sizeof prefix - 1;
	if (strncmp(asset, prefix, p) || len < p + 5)
		return 0;
	if (!strcmp(asset + len - 5, ".html"))
		return len - p - 5;
	return !strcmp(asset + len - 4, ".xml") ? len - p - 4 : 0;
}

enum px_err tmpl_set_new(struct tmpl_set **out, struct buf *why)
{
	const char **pairs = calloc(2 * web_nassets + 1, sizeof *pairs);
	struct arena names;
	arena_init(&names);
	size_t n = 0;
	for (size_t i = 0; pairs && i < web_nassets; i++) {
		size_t len = template_name(web_assets[i].name);
		if (!len)
			continue;
		pairs[2 * n] = arena_strndup(&names, web_assets[i].name + strlen("templates/"), len);
		pairs[2 * n + 1] = web_assets[i].data; /* NUL-terminated by the generator */
		n++;
	}
	enum px_err err = pairs && !names.failed ? tmpl_set_from(out, pairs, n, why) : PX_ENOMEM;
	arena_free(&names);
	free(pairs);
	return err;
}

void tmpl_set_free(struct tmpl_set *ts)
{
	if (!ts)
		return;
	arena_free(&ts->mem);
	free(ts);
}

/* ---- rendering ---- */

struct frame {
	const struct tv *v;
	int first, last; /* in an {{#each}} */
};

struct render {
	struct frame scope[SCOPE_DEPTH];
	size_t depth;
	int xml; /* the template is an XML document */
	const char *(*tr)(const char *, void *);
	void *tr_arg;
	struct buf *out;
	enum px_err err;
};

static const struct tv true_tv = {TV_BOOL, NULL, 0, 1, NULL, NULL, 0, NULL};
static const struct tv false_tv = {TV_BOOL, NULL, 0, 0, NULL, NULL, 0, NULL};

static const struct tv *lookup(const struct render *r, const char *name, size_t n)
{
	const struct frame *top = &r->scope[r->depth - 1];
	if (n == 1 && name[0] == '.')
		return top->v;
	if (!strcmp(name, "@first"))
		return top->first ? &true_tv : &false_tv;
	if (!strcmp(name, "@last"))
		return top->last ? &true_tv : &false_tv;
	const char *dot = memchr(name, '.', n);
	size_t head = dot ? (size_t)(dot - name) : n;
	const struct tv *v = NULL;
	for (size_t d = r->depth; d-- > 0 && !v;)
		v = tv_get(r->scope[d].v, name, head);
	while (v && dot) {
		const char *seg = dot + 1;
		dot = memchr(seg, '.', (size_t)(name + n - seg));
		v = tv_get(v, seg, dot ? (size_t)(dot - seg) : (size_t)(name + n - seg));
	}
	return v;
}

static int truthy(const struct tv *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case TV_NULL:
		return 0;
	case TV_INT:
	case TV_BOOL:
		return v->i != 0;
	default:
		return v->len > 0 || v->kind == TV_MAP;
	}
}

/* v as JSON; nesting deeper than SCOPE_DEPTH (a value holding itself)
 * prints null. */
static enum px_err json_value(struct buf *out, const struct tv *v, int depth)
{
	enum px_err err = PX_OK;
	if (depth > SCOPE_DEPTH)
		v = NULL;
	switch (v ? v->kind : TV_NULL) {
	case TV_NULL:
		return buf_adds(out, "null");
	case TV_STR:
	case TV_HTML:
		return html_json_string(out, v->s, v->len);
	case TV_INT:
		return buf_printf(out, "%" PRId64, v->i);
	case TV_BOOL:
		return buf_adds(out, v->i ? "true" : "false");
	case TV_LIST:
		err = buf_addc(out, '[');
		for (size_t i = 0; !err && i < v->len; i++)
			if (!(err = i ? buf_addc(out, ',') : PX_OK))
				err = json_value(out, v->items[i], depth + 1);
		return err ? err : buf_addc(out, ']');
	case TV_MAP:
		err = buf_addc(out, '{');
		for (size_t i = 0; !err && i < v->len; i++) {
			if (!(err = i ? buf_addc(out, ',') : PX_OK))
				err = html_json_string(out, v->keys[i], strlen(v->keys[i]));
			if (!err && !(err = buf_addc(out, ':')))
				err = json_value(out, v->items[i], depth + 1);
		}
		return err ? err : buf_addc(out, '}');
	}
	return PX_OK;
}

static enum px_err print(struct buf *out, enum ctx ctx, const struct tv *v);

/* v printed in an XML document: its text first loses what XML forbids. */
static enum px_err print_xml(struct buf *out, enum ctx ctx, const struct tv *v)
{
	if (!v || (v->kind != TV_STR && v->kind != TV_HTML) || html_xml_allowed(v->s, v->len))
		return print(out, ctx, v);
	struct buf clean;
	buf_init(&clean, v->len * 3 + 1); /* each forbidden byte may become 3 */
	struct tv copy = *v;
	enum px_err err = html_xml_clean(&clean, v->s, v->len);
	copy.s = clean.data, copy.len = clean.len;
	if (!err)
		err = print(out, ctx, &copy);
	buf_free(&clean);
	return err;
}

static enum px_err print(struct buf *out, enum ctx ctx, const struct tv *v)
{
	if (ctx == C_JSON)
		return json_value(out, v, 0);
	if (!v)
		return PX_OK;
	switch (v->kind) {
	case TV_INT:
		return buf_printf(out, "%" PRId64, v->i);
	case TV_HTML:
		if (ctx == C_TEXT)
			return buf_add(out, v->s, v->len);
		__attribute__((fallthrough)); /* as text anywhere else */
	case TV_STR:
		return ctx == C_URL        ? html_url(out, v->s, v->len)
		       : ctx == C_URL_PART ? html_url_part(out, v->s, v->len)
					   : html_text(out, v->s, v->len);
	default:
		return PX_OK; /* null, booleans, lists and maps print nothing */
	}
}

static void run(struct render *r, const struct tnode *n);

static void each(struct render *r, const struct tnode *n)
{
	const struct tv *list = lookup(r, n->text, n->len);
	if (!list || list->kind != TV_LIST || r->depth == SCOPE_DEPTH)
		return;
	for (size_t i = 0; i < list->len && !r->err; i++) {
		r->scope[r->depth++] = (struct frame){list->items[i], i == 0, i + 1 == list->len};
		run(r, n->body);
		r->depth--;
	}
}

/* key (a msgid, or "context\x04msgid") in the reader's language; the
 * msgid itself when the catalogue lacks it. */
static const char *translated(const struct render *r, const char *key)
{
	const char *t = r->tr ? r->tr(key, r->tr_arg) : key;
	const char *sep = t == key ? strchr(key, '\x04') : NULL;
	return sep ? sep + 1 : t ? t : key;
}

/* {{#_ "... {name} ..."}}body{{/_}}: the translation around the body. A
 * translation that lost its "{name}" still shows the body, after it. */
static void around(struct render *r, const struct tnode *n)
{
	const char *t = translated(r, n->text);
	const char *open = strchr(t, '{'), *close = open ? strchr(open, '}') : NULL;
	size_t before = close ? (size_t)(open - t) : strlen(t);
	r->err = html_text(r->out, t, before);
	if (!r->err && !close)
		r->err = buf_add(r->out, " ", 1);
	if (!r->err)
		run(r, n->body);
	if (!r->err && close)
		r->err = html_text(r->out, close + 1, strlen(close + 1));
}

static void run(struct render *r, const struct tnode *n)
{
	for (; n && !r->err; n = n->next) {
		switch (n->op) {
		case OP_TEXT:
			r->err = buf_add(r->out, n->text, n->len);
			break;
		case OP_VAR:
			r->err = (r->xml ? print_xml : print)(r->out, n->ctx, lookup(r, n->text, n->len));
			break;
		case OP_TR: {
			const char *t = translated(r, n->text);
			r->err = html_text(r->out, t, strlen(t));
			break;
		}
		case OP_TR_AROUND:
			around(r, n);
			break;
		case OP_EACH:
			each(r, n);
			break;
		case OP_IF:
		case OP_UNLESS: {
			int yes = truthy(lookup(r, n->text, n->len)) == (n->op == OP_IF);
			run(r, yes ? n->body : n->alt);
			break;
		}
		}
	}
}

enum px_err tmpl_render(const struct tmpl_set *ts, const char *name, const struct tv *scope,
			const char *(*tr)(const char *msgid, void *arg), void *tr_arg, struct buf *out)
{
	for (size_t i = 0; i < ts->n; i++) {
		if (strcmp(ts->t[i].name, name))
			continue;
		struct render r = {{{scope, 1, 1}}, 1, ts->t[i].xml, tr, tr_arg, out, PX_OK};
		run(&r, ts->t[i].root);
		return r.err;
	}
	return PX_ENOTFOUND;
}
