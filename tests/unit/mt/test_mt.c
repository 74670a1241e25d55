/* The translation graph (installed modes, modes.xml, codes, paths) and
 * running it, on a data directory made here and a fake apertium. */
#include "../unit.h"

#include "mt/mt.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A package's modes.xml as apertium-es-ro ships it: es-ro declared, not
 * installed; a mode with a file missing, one with a program that is no
 * command name, and an analyser-only mode, none of them a direction. */
static const char modes_xml[] =
	"<?xml version=\"1.0\"?>\n<modes>\n"
	"  <mode name=\"ro-es\" install=\"yes\"><pipeline><program name=\"lt-proc\"><file name=\"ro-es.automorf.bin\"/>"
	"</program></pipeline></mode>\n"
	"  <mode name=\"es-ro-anmor\"><pipeline><program name=\"lt-proc\"><file name=\"es-ro.automorf.bin\"/>"
	"</program></pipeline></mode>\n"
	"  <mode name=\"es-ro\" install=\"no\">\n    <pipeline>\n"
	"      <program name=\"lt-proc\">\n        <file name=\"es-ro.automorf.bin\"/>\n      </program>\n"
	"      <program name=\"apertium-tagger -g $2\">\n        <file name=\"es-ro.prob\"/>\n      </program>\n"
	"      <program name=\"apertium-pretransfer\"/>\n"
	"      <program name=\"lt-proc $1\">\n        <file name=\"es-ro.autogen.bin\"/>\n      </program>\n"
	"    </pipeline>\n  </mode>\n"
	"  <mode name=\"es-fi\" install=\"no\"><pipeline><program name=\"lt-proc\"><file name=\"es-fi.bin\"/>"
	"</program></pipeline></mode>\n"
	"  <mode name=\"es-sv\" install=\"no\"><pipeline><program name=\"lt-proc; rm -rf ~\"><file name=\"es-ro.prob\"/>"
	"</program></pipeline></mode>\n"
	"</modes>\n";

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s", "/tmp/praxis-mt-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char sub[128];
	snprintf(sub, sizeof sub, "%s/modes", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof sub, "%s/apertium-es-ro", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	static const char *const modes[] = {"eng-spa", "spa-eng", "eng-hbs", "eng-hbs_HR", "eng-hbs_SR", "eng-cat_valencia",
					    "eng-cat", "spa-ita", "es-pt", "pt-es", "por-eng", "eng-ita", "hbs-eng",
					    "Cyrl-Latn", "hbs-mkd-pretransfer", "hbs-mkd", "mkd-bul", "ro-es", "fr-es"};
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		char rel[128];
		snprintf(rel, sizeof rel, "modes/%s.mode", modes[i]);
		put(rel, "cat\n");
	}
	put("apertium-es-ro/modes.xml", modes_xml);
	put("apertium-es-ro/es-ro.automorf.bin", "");
	put("apertium-es-ro/es-ro.prob", "");
	put("apertium-es-ro/es-ro.autogen.bin", "");
	put("apertium-es-ro/ro-es.automorf.bin", "");
	/* a fake apertium: marks "house" as Apertium marks a word it does not know */
	put("fake", "#!/bin/sh\nexec sed 's/house/*casa/g; s/green/@verde/g'\n");
	put("slow", "#!/bin/sh\nsleep 30\n");
	snprintf(sub, sizeof sub, "%s/fake", dir);
	chmod(sub, 0700);
	snprintf(sub, sizeof sub, "%s/slow", dir);
	chmod(sub, 0700);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct mt *open_mt(const char *program, unsigned timeout_ms)
{
	char prog[128];
	snprintf(prog, sizeof prog, "%s/%s", dir, program);
	struct mt_options o = {.program = prog, .data = dir, .timeout_ms = timeout_ms};
	struct mt *m = NULL;
	struct buf why;
	buf_init(&why, 1024);
	assert_ok(mt_open(&o, &m, &why));
	buf_free(&why);
	return m;
}

static const struct mt_direction *direction(const struct mt *m, const char *from, const char *to)
{
	for (size_t i = 0; i < mt_directions(m); i++) {
		const struct mt_direction *d = mt_direction_at(m, i);
		if (!strcmp(d->from, from) && !strcmp(d->to, to))
			return d;
	}
	return NULL;
}

static void test_directions(void **state)
{
	(void)state;
	struct mt *m = open_mt("fake", 0);
	assert_string_equal(direction(m, "en", "es")->mode, "eng-spa");
	assert_string_equal(direction(m, "en", "hr")->mode, "eng-hbs_HR"); /* Croatian, not Serbian nor plain hbs */
	assert_string_equal(direction(m, "hr", "en")->mode, "hbs-eng");
	assert_string_equal(direction(m, "en", "ca")->mode, "eng-cat");    /* not the Valencian variant */
	assert_string_equal(direction(m, "ro", "es")->mode, "ro-es");
	assert_int_equal(direction(m, "ro", "es")->generated, 0);
	const struct mt_direction *d = direction(m, "es", "ro");
	assert_non_null(d);
	assert_int_equal(d->generated, 1);
	assert_null(direction(m, "es", "fi")); /* its file is missing */
	assert_null(direction(m, "es", "sv")); /* its program is no command */
	/* the pipeline written from modes.xml, its files under the package */
	char path[512], want[2048];
	snprintf(path, sizeof path, "%s/modes/es-ro.mode", d->dir);
	struct buf text;
	buf_init(&text, 65536);
	assert_ok(buf_read_file(&text, path));
	snprintf(want, sizeof want,
		 "lt-proc '%s/apertium-es-ro/es-ro.automorf.bin' | apertium-tagger -g $2 '%s/apertium-es-ro/es-ro.prob'"
		 " | apertium-pretransfer | lt-proc $1 '%s/apertium-es-ro/es-ro.autogen.bin'\n",
		 dir, dir, dir);
	assert_string_equal(text.data, want);
	buf_free(&text);
	char gen[512];
	snprintf(gen, sizeof gen, "%s", d->dir);
	mt_free(m);
	assert_int_not_equal(access(gen, F_OK), 0); /* the written modes go with the graph */
}

static void test_paths(void **state)
{
	(void)state;
	struct mt *m = open_mt("fake", 0);
	struct mt_path p;
	assert_int_equal(mt_path(m, "en", "es", &p), 0);
	assert_int_equal(p.hops, 1);
	assert_null(mt_path_via(&p));
	assert_int_equal(mt_path(m, "en", "ro", &p), 0); /* through the written es-ro */
	assert_int_equal(p.hops, 2);
	assert_string_equal(mt_path_via(&p), "es");
	assert_string_equal(p.hop[1]->mode, "es-ro");
	assert_int_equal(mt_path(m, "pt", "it", &p), 0); /* pt>es>it and pt>en>it: Spanish first */
	assert_string_equal(mt_path_via(&p), "es");
	assert_int_equal(mt_path(m, "hr", "it", &p), 0); /* English when Spanish cannot */
	assert_string_equal(mt_path_via(&p), "en");
	assert_int_equal(mt_path(m, "hr", "bg", &p), 0); /* any other pivot last */
	assert_string_equal(mt_path_via(&p), "mk");
	assert_int_equal(mt_path(m, "en", "fi", &p), -1);  /* no pair */
	assert_int_equal(mt_path(m, "fr", "ro", &p), 0);   /* fr>es>ro */
	assert_int_equal(mt_path(m, "hr", "ro", &p), -1);  /* three hops: never */
	assert_int_equal(mt_path(m, "es", "es", &p), -1);
	mt_free(m);
}

static void test_run(void **state)
{
	(void)state;
	struct mt *m = open_mt("fake", 0);
	struct mt_path p;
	struct buf out, clean, why;
	buf_init(&out, 1 << 20);
	buf_init(&clean, 1 << 20);
	buf_init(&why, 1024);
	const char *in = "<p>A green house, #1 in a@b's street &amp; more</p>";
	assert_int_equal(mt_path(m, "en", "pt", &p), 0); /* two processes, chained */
	unsigned long runs = mt_runs();
	assert_ok(mt_run(m, &p, in, strlen(in), &out, &why));
	assert_int_equal(mt_runs() - runs, 2);
	assert_string_equal(out.data, "<p>A @verde *casa, #1 in a@b's street &amp; more</p>");
	assert_ok(mt_clean(in, strlen(in), out.data, out.len, &clean));
	assert_string_equal(clean.data, "<p>A verde casa, #1 in a@b&#39;s street &amp; more</p>");
	/* markup that is not the source's is refused */
	buf_reset(&clean);
	assert_int_equal(mt_clean("<p>a</p>", 8, "<P>a</P>", 8, &clean), PX_EPARSE);
	assert_int_equal(mt_clean("<p>a</p>", 8, "<p>a<script>x</script></p>", 26, &clean), PX_EPARSE);
	/* a link Apertium repeats around the words it moved is the source's */
	const char *src = "<p>a <a href=\"/x\">new lane</a> <em>now</em></p><p>b</p>";
	const char *moved = "<p>un <a href=\"/x\">camino</a> de <a href=\"/x\">bici</a> <em>ya</em></p><p>b</p>";
	assert_ok(mt_clean(src, strlen(src), moved, strlen(moved), &clean));
	assert_string_equal(clean.data, moved);
	buf_reset(&clean);
	const char *other = "<p>un <a href=\"/evil\">camino</a> <em>ya</em></p><p>b</p>";
	assert_int_equal(mt_clean(src, strlen(src), other, strlen(other), &clean), PX_EPARSE);
	const char *unclosed = "<p>un <a href=\"/x\">camino <em>ya</em></p><p>b</a></p>";
	assert_int_equal(mt_clean(src, strlen(src), unclosed, strlen(unclosed), &clean), PX_EPARSE);
	const char *merged = "<p>un camino ya b</p>";
	assert_int_equal(mt_clean(src, strlen(src), merged, strlen(merged), &clean), PX_EPARSE);
	assert_int_equal(clean.len, 0);
	assert_int_equal(mt_clean("<p>a</p>", 8, "<p>a &lt; b > c & d</p>", 23, &clean), PX_OK);
	assert_string_equal(clean.data, "<p>a &lt; b &gt; c &amp; d</p>");
	mt_free(m);
	/* past the time limit: stopped, an error, nothing half-written */
	m = open_mt("slow", 300);
	assert_int_equal(mt_path(m, "en", "es", &p), 0);
	buf_reset(&out);
	buf_reset(&why);
	assert_int_equal(mt_run(m, &p, in, strlen(in), &out, &why), PX_EIO);
	assert_non_null(strstr(why.data, "took longer"));
	assert_int_equal(out.len, 0);
	mt_free(m);
	/* a program that is not there */
	m = open_mt("missing", 0);
	assert_int_equal(mt_path(m, "en", "es", &p), 0); /* p pointed into the graph freed above */
	buf_reset(&why);
	assert_int_equal(mt_run(m, &p, in, strlen(in), &out, &why), PX_EIO);
	mt_free(m);
	buf_free(&out);
	buf_free(&clean);
	buf_free(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directions),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_run),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
