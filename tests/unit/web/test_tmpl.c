/* Templates (tmpl.c, html.c, tv.c): every value is escaped for the place it
 * lands, a hole that cannot be placed safely fails the compilation with
 * NAME:LINE, and blocks, loops and partials render as written. */
#include "../unit.h"
#include "web/web_int.h"

#include <stdlib.h>

/* Compiles name/text pairs; the error message when it fails. */
static struct tmpl_set *compile(const char *const *pairs, size_t n, enum px_err want, const char *why_has)
{
	struct tmpl_set *ts = NULL;
	struct buf why;
	buf_init(&why, 1024);
	enum px_err err = tmpl_set_from(&ts, pairs, n, &why);
	if (err != want)
		fail_msg("compiling %s: %s (%s)", pairs[1], px_strerror(err), why.data ? why.data : "");
	if (why_has && (!why.data || !strstr(why.data, why_has)))
		fail_msg("message '%s' lacks '%s'", why.data ? why.data : "", why_has);
	buf_free(&why);
	return ts;
}

/* Renders template text t (named "t") with scope; returns a malloc'd string. */
static char *render(const char *t, const struct tv *scope)
{
	const char *pairs[] = {"t", t, "part", "<b>{{name}}</b>"};
	struct tmpl_set *ts = compile(pairs, 2, PX_OK, NULL);
	struct buf out;
	buf_init(&out, 1 << 20);
	assert_ok(tmpl_render(ts, "t", scope, NULL, NULL, &out));
	tmpl_set_free(ts);
	char *s = buf_take(&out);
	buf_free(&out);
	return s;
}

static void assert_renders(const char *t, const struct tv *scope, const char *want)
{
	char *got = render(t, scope);
	if (strcmp(got, want))
		fail_msg("%s\n got: %s\nwant: %s", t, got, want);
	free(got);
}

static const char xss[] = "<script>alert('x')</script>\"&";

static void values_are_escaped_by_context(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct tv *s = tv_map(&a);
	tv_set_str(s, "x", xss);
	tv_set_str(s, "js", "javascript:alert(1)");
	tv_set_str(s, "web", "https://example.org/a b?c=d&e=<f>");
	tv_set_str(s, "part", "a/b c&d=é");
	tv_set_int(s, "n", 42);
	assert_renders("<p>{{x}}</p>", s,
		       "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;</p>");
	assert_renders("<a title=\"{{x}}\">", s,
		       "<a title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\">");
	assert_renders("<a href=\"{{js}}\">", s, "<a href=\"#\">");
	assert_renders("<a href=\"{{web}}\">", s, "<a href=\"https://example.org/a%20b?c=d&amp;e=%3Cf%3E\">");
	assert_renders("<a href=\"/s?q={{part}}&amp;n={{n}}\">", s,
		       "<a href=\"/s?q=a%2Fb%20c%26d%3D%C3%A9&amp;n=42\">");
	assert_renders("<a href='/{{x}}'>", s,
		       "<a href='/%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E%22%26'>");
	assert_renders(
		"<script type=\"application/ld+json\">{\"name\": {{x}}, \"n\": {{n}}}</script>", s,
		"<script type=\"application/ld+json\">{\"name\": \"\\u003cscript\\u003ealert(\\u0027x\\u0027)"
		"\\u003c/script\\u003e\\\"\\u0026\", \"n\": 42}</script>");
	/* markup made by an escaper prints as is in text, escaped elsewhere */
	tv_set(s, "m", tv_html(&a, "<mark>x</mark>"));
	assert_renders("<p>{{m}}</p><i title=\"{{m}}\"></i>", s,
		       "<p><mark>x</mark></p><i title=\"&lt;mark&gt;x&lt;/mark&gt;\"></i>");
	arena_free(&a);
}

static void blocks_loops_and_partials(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct tv *s = tv_map(&a), *list = tv_list(&a);
	for (int i = 0; i < 3; i++) {
		struct tv *item = tv_map(&a);
		tv_set_int(item, "i", i);
		tv_set_str(item, "name", i == 1 ? "<b>" : "x");
		tv_push(list, item);
	}
	tv_set(s, "items", list);
	tv_set_str(s, "name", "outer");
	tv_set_bool(s, "yes", 1);
	tv_set(s, "empty", tv_list(&a));
	struct tv *sub = tv_map(&a);
	tv_set_str(sub, "deep", "d");
	tv_set(s, "sub", sub);
	assert_renders("{{#each items}}{{i}}{{#unless @last}},{{/unless}}{{/each}}", s, "0,1,2");
	assert_renders("{{#each items}}{{#if @first}}[{{name}}]{{/if}}{{/each}}", s, "[x]");
	assert_renders("{{#each items}}{{> part}}{{/each}}", s, "<b>x</b><b>&lt;b&gt;</b><b>x</b>");
	assert_renders("{{#if yes}}y{{else}}n{{/if}}{{#if empty}}y{{else}}n{{/if}}{{#if missing}}y{{/if}}", s,
		       "yn");
	assert_renders("{{sub.deep}}{{sub.none}}{{#each sub}}never{{/each}}", s, "d");
	assert_renders("{{#each items}}{{#if yes}}{{name}}{{/if}}{{/each}}", s,
		       "x&lt;b&gt;x"); /* outer scope */
	/* a value that holds itself (found by fuzz_tmpl): JSON stops at a depth */
	struct tv *self = tv_list(&a);
	tv_push(self, self);
	tv_set(s, "self", self);
	char *json = render("<script type=\"application/ld+json\">{{self}}</script>", s);
	assert_non_null(strstr(json, "[[[null]]]"));
	free(json);
	arena_free(&a);
}

/* Holes the compiler cannot place safely, and broken syntax, fail with the
 * template's name and line. */
static void unsafe_or_broken_templates_are_refused(void **state)
{
	(void)state;
	static const struct {
		const char *text, *why;
	} bad[] = {
		{"<p>\n<a {{x}}>", "t:2: a value inside a tag"},
		{"<a href={{x}}>", "unquoted attribute"},
		{"<a onclick=\"{{x}}\">", "event handler"},
		{"<p style=\"{{x}}\">", "style attribute"},
		{"<!-- {{x}} -->", "comment"},
		{"<script>var a = {{x}};</script>", "script or style"},
		{"<style>p { color: {{x}} }</style>", "script or style"},
		{"{{#if x}}<a href=\"{{/if}}\">", "another place of the HTML"},
		{"{{#if x}}<i title=\"{{else}}<b>{{/if}}", "different places"},
		{"{{#each x}}", "without {{/each}}"},
		{"{{/if}}", "not opened"},
		{"{{x", "without }}"},
		{"{{> nowhere}}", "no such partial"},
		{"{{a b}}", "not a name"},
		{"<p title=\"{{_ \"a\" }}\"><p>{{_ b}}", "one quoted text"},
		{"<a href=\"x", "ends inside a tag"},
		{"{{#_ \"By\"}}<b>x</b>{{/_}}", "wants a {name}"},
		{"<i title=\"{{#_ \"By {a}\"}}x{{/_}}\">", "outside text"},
		{"{{#_ \"By {a}\"}}<b>x</b>", "without {{/_}}"},
		{"{{#_ \"By {a}\"}}<i title=\"{{/_}}\">", "another place of the HTML"},
		{"{{_c \"sender\"}}", "a quoted context and a quoted text"},
		{"{{_c \"sender\" From}}", "a quoted context and a quoted text"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *pairs[] = {"t", bad[i].text};
		assert_null(compile(pairs, 1, PX_EPARSE, bad[i].why));
	}
	const char *loop[] = {"a", "{{> b}}", "b", "{{> a}}"};
	assert_null(compile(loop, 2, PX_EPARSE, "too deep"));
}

/* A small catalogue: "By {author}" puts the name first, "From" differs by
 * context; anything else is not translated (the msgid comes back). */
static const char *tr_test(const char *msgid, void *arg)
{
	(void)arg;
	return !strcmp(msgid, "By {author}")	      ? "{author} <írta>"
	       : !strcmp(msgid, "Lost {x}")	      ? "Elveszett"
	       : !strcmp(msgid, "sender\x04" "From")  ? "Feladó"
	       : !strcmp(msgid, "address\x04" "From") ? "IP-cím"
						      : msgid;
}

static char *render_tr(const char *t, const struct tv *scope)
{
	const char *pairs[] = {"t", t};
	struct tmpl_set *ts = compile(pairs, 1, PX_OK, NULL);
	struct buf out;
	buf_init(&out, 1 << 20);
	assert_ok(tmpl_render(ts, "t", scope, tr_test, NULL, &out));
	tmpl_set_free(ts);
	char *s = buf_take(&out);
	buf_free(&out);
	return s;
}

/* {{#_ "... {name} ..."}} puts its body where the translation has the
 * placeholder; {{_c "ctx" "msgid"}} looks the message up in its context. */
static void whole_messages_around_values_and_in_contexts(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct tv *s = tv_map(&a);
	tv_set_str(s, "name", "Ana <&>");
	static const struct {
		const char *t, *want;
	} cases[] = {
		{"<p>{{#_ \"By {author}\"}}<a href=\"/a\">{{name}}</a>{{/_}}</p>",
		 "<p><a href=\"/a\">Ana &lt;&amp;&gt;</a> &lt;írta&gt;</p>"},
		{"<p>{{#_ \"Untranslated {x} here\"}}<b>{{name}}</b>{{/_}}</p>",
		 "<p>Untranslated <b>Ana &lt;&amp;&gt;</b> here</p>"},
		{"<p>{{#_ \"Lost {x}\"}}<b>1</b>{{/_}}</p>", "<p>Elveszett <b>1</b></p>"}, /* a placeholder lost */
		{"<p>{{_c \"sender\" \"From\"}}|{{_c \"address\" \"From\"}}|{{_c \"other\" \"From\"}}</p>",
		 "<p>Feladó|IP-cím|From</p>"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = render_tr(cases[i].t, s);
		if (strcmp(got, cases[i].want))
			fail_msg("%s\n got: %s\nwant: %s", cases[i].t, got, cases[i].want);
		free(got);
	}
	assert_renders("<p>{{_c \"sender\" \"From\"}}</p>", s, "<p>From</p>"); /* no catalogue */
	arena_free(&a);
}

static void the_embedded_templates_compile(void **state)
{
	(void)state;
	struct tmpl_set *ts = NULL;
	struct buf why;
	buf_init(&why, 1024);
	if (tmpl_set_new(&ts, &why))
		fail_msg("%s", why.data ? why.data : "?");
	buf_free(&why);
	tmpl_set_free(ts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_are_escaped_by_context),
		cmocka_unit_test(blocks_loops_and_partials),
		cmocka_unit_test(unsafe_or_broken_templates_are_refused),
		cmocka_unit_test(whole_messages_around_values_and_in_contexts),
		cmocka_unit_test(the_embedded_templates_compile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
