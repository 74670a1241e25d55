/* The translation graph: which directions Apertium's installed data give,
 * and the shortest path between two languages (mt.h). */
#include "mt.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA_DEFAULT "/usr/share/apertium"
#define MODES_XML_MAX ((size_t)1 << 20)

struct mt {
	struct mt_options o;
	char *data;    /* owned copies of o's strings */
	char *program;
	char *gen_dir; /* the private directory of generated modes, or NULL */
	struct mt_direction *dirs;
	size_t ndirs;
	atomic_int cancelled; /* mt_cancel(): every run stops */
};

/* Apertium's language codes (ISO 639-3 or 639-1) as ISO 639-1: the EU's
 * 24 and the pair packages' Catalan and Macedonian, which serve as pivots.
 * Serbo-Croatian is handled by iso_of(). */
static const char *const codes[][2] = {
	{"bul", "bg"}, {"ces", "cs"}, {"cat", "ca"}, {"dan", "da"}, {"deu", "de"}, {"ell", "el"},
	{"eng", "en"}, {"spa", "es"}, {"est", "et"}, {"fin", "fi"}, {"fra", "fr"}, {"gle", "ga"},
	{"hrv", "hr"}, {"hun", "hu"}, {"ita", "it"}, {"lit", "lt"}, {"lav", "lv"}, {"mlt", "mt"},
	{"nld", "nl"}, {"pol", "pl"}, {"por", "pt"}, {"ron", "ro"}, {"slk", "sk"}, {"slv", "sl"},
	{"swe", "sv"}, {"mkd", "mk"}};

/* The ISO 639-1 code of Apertium's code[0..n) with variant var (after
 * '_', may be empty), as a source (target 0) or a target; NULL when it
 * is none we use. */
static const char *iso_of(const char *code, size_t n, const char *var, size_t vn, int target)
{
	if (n == 3 && !memcmp(code, "hbs", 3)) /* Croatian: the _HR variant as a target */
		return (!target && !vn) || (vn == 2 && !memcmp(var, "HR", 2)) ? "hr" : NULL;
	if (vn)
		return NULL; /* valencia, BR, US...: the plain mode is there */
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if ((n == 3 && !memcmp(code, codes[i][0], 3)) || (n == 2 && !memcmp(code, codes[i][1], 2)))
			return codes[i][1];
	return NULL;
}

/* One side of a direction's name, "spa" or "hbs_HR": its ISO code. */
static const char *side(const char *s, size_t n, int target)
{
	const char *us = memchr(s, '_', n);
	size_t cn = us ? (size_t)(us - s) : n;
	if (cn < 2 || cn > 3)
		return NULL;
	for (size_t i = 0; i < cn; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return NULL;
	return iso_of(s, cn, us ? us + 1 : "", us ? n - cn - 1 : 0, target);
}

/* Parses a mode's name "X-Y" into ISO codes; 0 on success. "es-ro-anmor",
 * "Cyrl-Latn", "hbs-mkd-pretransfer" are no directions. */
static int direction_of(const char *name, char from[4], char to[4])
{
	const char *dash = strchr(name, '-');
	if (!dash || strchr(dash + 1, '-'))
		return -1;
	const char *f = side(name, (size_t)(dash - name), 0), *t = side(dash + 1, strlen(dash + 1), 1);
	if (!f || !t || !strcmp(f, t))
		return -1;
	snprintf(from, 4, "%s", f);
	snprintf(to, 4, "%s", t);
	return 0;
}

static const struct mt_direction *find(const struct mt *m, const char *from, const char *to)
{
	for (size_t i = 0; i < m->ndirs; i++)
		if (!strcmp(m->dirs[i].from, from) && !strcmp(m->dirs[i].to, to))
			return &m->dirs[i];
	return NULL;
}

/* Adds mode name (in dir) unless its direction is known: the first found
 * wins (installed modes are scanned first, in name order). */
static enum px_err add(struct mt *m, const char *name, const char *dir, int generated)
{
	char from[4], to[4];
	if (direction_of(name, from, to) || find(m, from, to))
		return PX_OK;
	struct mt_direction *d = realloc(m->dirs, (m->ndirs + 1) * sizeof *d);
	if (!d)
		return PX_ENOMEM;
	m->dirs = d;
	d = &m->dirs[m->ndirs];
	*d = (struct mt_direction){.mode = px_strdup(name), .dir = dir, .generated = generated};
	if (!d->mode)
		return PX_ENOMEM;
	memcpy(d->from, from, 4);
	memcpy(d->to, to, 4);
	m->ndirs++;
	return PX_OK;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The installed modes: DATA/modes/NAME.mode. */
static enum px_err scan_modes(struct mt *m)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/modes", m->data);
	struct dirent **list;
	int n = scandir(path, &list, NULL, by_name);
	enum px_err err = PX_OK;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(list[i]->d_name);
		if (!err && len > 5 && !strcmp(list[i]->d_name + len - 5, ".mode")) {
			list[i]->d_name[len - 5] = '\0';
			err = add(m, list[i]->d_name, m->data, 0);
		}
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	return err;
}

/* ---- modes.xml: the pipelines a package declares ---- */

/* The value of attribute attr in the tag starting at tag (up to its '>'),
 * copied into v; 0 if found. */
static int attribute(const char *tag, const char *attr, char *v, size_t vsize)
{
	const char *end = strchr(tag, '>');
	size_t an = strlen(attr);
	for (const char *p = tag; p && end && p < end; p = strchr(p + 1, ' ')) {
		const char *a = p + 1;
		if (!strncmp(a, attr, an) && a[an] == '=' && a[an + 1] == '"') {
			const char *q = strchr(a + an + 2, '"');
			if (!q || q > end || (size_t)(q - (a + an + 2)) >= vsize)
				return -1;
			memcpy(v, a + an + 2, (size_t)(q - (a + an + 2)));
			v[q - (a + an + 2)] = '\0';
			return 0;
		}
	}
	return -1;
}

/* A program as modes.xml names it ("apertium-tagger -g $2", "lt-proc $1"):
 * the mode file is a shell pipeline, so only a command name and options. */
static int program_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-$.", *s))
			return 0;
	return 1;
}

/* A file a pipeline names: in the package's directory, present, and fit
 * to be quoted. */
static int file_ok(const char *pkg, const char *name)
{
	char path[4608];
	struct stat sb;
	if (!*name || strchr(name, '/') || strchr(name, '\'') || strchr(pkg, '\'') ||
	    strlen(pkg) + strlen(name) + 2 > sizeof path)
		return 0;
	snprintf(path, sizeof path, "%s/%s", pkg, name);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The mode file's text of the pipeline from p (just past "<pipeline>") to
 * its "</pipeline>", its files under pkg, into out; 0 on success, -1 when
 * a program or file is not one to run. */
static int pipeline_text(const char *p, const char *pkg, struct buf *out)
{
	const char *end = strstr(p, "</pipeline>");
	int programs = 0;
	if (!end)
		return -1;
	for (const char *t = strchr(p, '<'); t && t < end; t = strchr(t + 1, '<')) {
		char v[512];
		if (!strncmp(t, "<program ", 9)) {
			if (attribute(t, "name", v, sizeof v) || !program_ok(v))
				return -1;
			if (buf_printf(out, "%s%s", programs++ ? " | " : "", v))
				return -1;
		} else if (!strncmp(t, "<file ", 6)) {
			if (!programs || attribute(t, "name", v, sizeof v) || !file_ok(pkg, v))
				return -1;
			if (buf_printf(out, " '%s/%s'", pkg, v))
				return -1;
		}
	}
	return programs ? (buf_adds(out, "\n") ? -1 : 0) : -1;
}

/* The directory of generated mode files, made on first need. */
static enum px_err gen_dir(struct mt *m, struct buf *why)
{
	if (m->gen_dir)
		return PX_OK;
	const char *tmp = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof tmpl, "%s/praxis-mt-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char modes[4200];
	if (!mkdtemp(tmpl) || (snprintf(modes, sizeof modes, "%s/modes", tmpl), mkdir(modes, 0700))) {
		buf_reject(why, "cannot make a directory for Apertium's modes in %s: %s", tmp ? tmp : "/tmp",
			   strerror(errno));
		return PX_EIO;
	}
	return (m->gen_dir = px_strdup(tmpl)) ? PX_OK : PX_ENOMEM;
}

static enum px_err write_mode(struct mt *m, const char *name, const struct buf *text, struct buf *why)
{
	enum px_err err = gen_dir(m, why);
	if (err)
		return err;
	char path[4200];
	snprintf(path, sizeof path, "%s/modes/%s.mode", m->gen_dir, name);
	FILE *f = fopen(path, "w");
	int ok = f && fwrite(text->data, 1, text->len, f) == text->len;
	if (f && fclose(f))
		ok = 0;
	if (!ok) {
		buf_reject(why, "cannot write %s: %s", path, strerror(errno));
		return PX_EIO;
	}
	return add(m, name, m->gen_dir, 1);
}

/* The directions pkg's modes.xml declares that no installed mode gives. */
static enum px_err scan_package(struct mt *m, const char *pkg, struct buf *why)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/modes.xml", pkg);
	struct buf xml, text;
	buf_init(&xml, MODES_XML_MAX);
	buf_init(&text, 65536);
	enum px_err err = PX_OK;
	if (buf_read_file(&xml, path)) {
		buf_free(&xml);
		return PX_OK; /* most packages install their modes and ship no modes.xml */
	}
	for (const char *t = strstr(xml.data, "<mode "); !err && t; t = strstr(t + 1, "<mode ")) {
		char name[128], from[4], to[4];
		const char *pipe = strstr(t, "<pipeline>"), *next = strstr(t + 1, "<mode ");
		if (attribute(t, "name", name, sizeof name) || direction_of(name, from, to) || find(m, from, to) ||
		    !pipe || (next && pipe > next))
			continue;
		buf_reset(&text);
		if (!pipeline_text(pipe + 10, pkg, &text))
			err = write_mode(m, name, &text, why);
	}
	buf_free(&xml);
	buf_free(&text);
	return err;
}

static int is_package(const struct dirent *e)
{
	return !strncmp(e->d_name, "apertium-", 9);
}

static enum px_err scan_packages(struct mt *m, struct buf *why)
{
	struct dirent **list;
	int n = scandir(m->data, &list, is_package, by_name);
	enum px_err err = PX_OK;
	for (int i = 0; i < n; i++) {
		char pkg[4096];
		snprintf(pkg, sizeof pkg, "%s/%s", m->data, list[i]->d_name);
		if (!err)
			err = scan_package(m, pkg, why);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	return err;
}

enum px_err mt_options_env(struct mt_options *o, struct buf *why)
{
	*o = (struct mt_options){.program = getenv("PRAXIS_APERTIUM"), .data = getenv("PRAXIS_APERTIUM_DATA")};
	const char *t = getenv("PRAXIS_MT_TIMEOUT");
	int64_t s;
	if (!t || !*t)
		return PX_OK;
	if (px_parse_i64(t, strlen(t), 0, &s) || s < 1 || s > 600) {
		buf_reject(why, "PRAXIS_MT_TIMEOUT must be a number of seconds from 1 to 600, not \"%s\"", t);
		return PX_EUSAGE;
	}
	o->timeout_ms = (unsigned)s * 1000u;
	return PX_OK;
}

enum px_err mt_open(const struct mt_options *o, struct mt **out, struct buf *why)
{
	struct mt *m = calloc(1, sizeof *m);
	if (!m)
		return PX_ENOMEM;
	m->o = *o;
	m->data = px_strdup(o->data && *o->data ? o->data : DATA_DEFAULT);
	m->program = px_strdup(o->program && *o->program ? o->program : "apertium");
	if (!m->o.timeout_ms)
		m->o.timeout_ms = MT_TIMEOUT_MS;
	enum px_err err = m->data && m->program ? PX_OK : PX_ENOMEM;
	if (!err)
		err = scan_modes(m);
	if (!err)
		err = scan_packages(m, why);
	if (err) {
		mt_free(m);
		return err;
	}
	m->o.data = m->data;
	m->o.program = m->program;
	*out = m;
	return PX_OK;
}

void mt_free(struct mt *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndirs; i++) {
		if (m->dirs[i].generated) {
			char path[4200];
			snprintf(path, sizeof path, "%s/modes/%s.mode", m->gen_dir, m->dirs[i].mode);
			unlink(path);
		}
		free((char *)m->dirs[i].mode);
	}
	if (m->gen_dir) {
		char path[4200];
		snprintf(path, sizeof path, "%s/modes", m->gen_dir);
		rmdir(path);
		rmdir(m->gen_dir);
	}
	free(m->gen_dir);
	free(m->dirs);
	free(m->data);
	free(m->program);
	free(m);
}

void mt_cancel(struct mt *m)
{
	if (m)
		atomic_store(&m->cancelled, 1);
}

int mt_cancelled(const struct mt *m)
{
	return atomic_load(&((struct mt *)m)->cancelled);
}

size_t mt_directions(const struct mt *m)
{
	return m ? m->ndirs : 0;
}

const struct mt_direction *mt_direction_at(const struct mt *m, size_t i)
{
	return &m->dirs[i];
}

const char *mt_program(const struct mt *m)
{
	return m->program;
}

unsigned mt_timeout_ms(const struct mt *m)
{
	return m->o.timeout_ms;
}

int mt_path(const struct mt *m, const char *from, const char *to, struct mt_path *p)
{
	static const char *const preferred[] = {"es", "en"};
	const struct mt_direction *d;
	if (!m || !strcmp(from, to))
		return -1;
	if ((d = find(m, from, to))) {
		*p = (struct mt_path){.hops = 1, .hop = {d}};
		return 0;
	}
	for (size_t i = 0; i < 2; i++) {
		const struct mt_direction *a = find(m, from, preferred[i]), *b = find(m, preferred[i], to);
		if (a && b) {
			*p = (struct mt_path){.hops = 2, .hop = {a, b}};
			return 0;
		}
	}
	/* any other pivot: the first in the directions' order */
	for (size_t i = 0; i < m->ndirs; i++) {
		if (strcmp(m->dirs[i].from, from))
			continue;
		const struct mt_direction *b = find(m, m->dirs[i].to, to);
		if (b) {
			*p = (struct mt_path){.hops = 2, .hop = {&m->dirs[i], b}};
			return 0;
		}
	}
	return -1;
}

const char *mt_path_via(const struct mt_path *p)
{
	return p->hops == 2 ? p->hop[0]->to : NULL;
}
