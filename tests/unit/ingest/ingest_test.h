/* Helpers shared by the ingest tests: parse a text, look at its nodes, or
 * check that it is rejected at a given line with a given message. */
#ifndef PX_INGEST_TEST_H
#define PX_INGEST_TEST_H

#include "../unit.h"

#include <stdlib.h>

#include "ingest/ingest.h"

#define BUL    "\xe2\x80\xa2" /* U+2022, the entry bullet */
#define NBSP   "\xc2\xa0"     /* U+00A0 */
#define NNBSP  "\xe2\x80\xaf" /* U+202F */
#define BOM    "\xef\xbb\xbf"
#define SHARE  "    Copy linkFacebookXLinkedInEmail\n"
#define FOOTER "Subscribe to\n"

struct parsed {
	struct ptrvec nodes; /* struct node * */
	struct ingest_diag d;
	enum px_err err;
};

/* Parses data[0..len) with ingest_parse (lang may be NULL). Free with parsed_free(). */
static inline struct parsed *parse_bytes(const char *data, size_t len, struct text_lang *lang)
{
	struct parsed *p = calloc(1, sizeof *p);
	assert_non_null(p);
	ptrvec_init(&p->nodes);
	ingest_diag_init(&p->d);
	p->err = ingest_parse(data, len, lang, &p->nodes, &p->d);
	return p;
}

static inline void parsed_free(struct parsed *p)
{
	ingest_nodes_free(&p->nodes);
	ptrvec_free(&p->nodes);
	ingest_diag_free(&p->d);
	free(p);
}

/* Parses the C string text, which must be accepted with want_nodes nodes. */
static inline struct parsed *parse_ok(const char *text, size_t want_nodes)
{
	struct parsed *p = parse_bytes(text, strlen(text), NULL);
	if (p->err)
		print_error("line %d: %s\n", p->d.line, p->d.msg.data ? p->d.msg.data : "");
	assert_ok(p->err);
	assert_int_equal(ptrvec_len(&p->nodes), want_nodes);
	return p;
}

static inline struct node *node_at(const struct parsed *p, size_t i)
{
	return ptrvec_get(&p->nodes, i);
}

/* Asserts that data[0..len) is rejected at line with a message containing
 * want, and that no node is left behind. */
static inline void assert_rejected_bytes(const char *data, size_t len, int line, const char *want)
{
	struct parsed *p = parse_bytes(data, len, NULL);
	assert_int_equal(p->err, PX_EPARSE);
	assert_non_null(p->d.msg.data);
	if (!strstr(p->d.msg.data, want) || p->d.line != line)
		print_error("got line %d: %s\n", p->d.line, p->d.msg.data);
	assert_int_equal(p->d.line, line);
	assert_non_null(strstr(p->d.msg.data, want));
	assert_null(strchr(p->d.msg.data, '\n')); /* one line */
	assert_int_equal(ptrvec_len(&p->nodes), 0);
	parsed_free(p);
}

static inline void assert_rejected(const char *text, int line, const char *want)
{
	assert_rejected_bytes(text, strlen(text), line, want);
}

/* Asserts that l holds exactly the n strings of want, in order. */
static inline void assert_strlist(const struct strlist *l, const char *const *want, size_t n)
{
	assert_int_equal(strlist_len(l), n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(strlist_get(l, i), want[i]);
}

#define ASSERT_STRLIST(l, ...)                                                                               \
	do {                                                                                                 \
		const char *const want_[] = {__VA_ARGS__};                                                   \
		assert_strlist((l), want_, sizeof want_ / sizeof want_[0]);                                  \
	} while (0)

/* A copy of text with every "\n" turned into "\r\n"; caller frees. */
static inline char *to_crlf(const char *text)
{
	struct buf b;
	buf_init(&b, BUF_CAP_DEFAULT);
	for (const char *s = text; *s; s++)
		assert_ok(*s == '\n' ? buf_adds(&b, "\r\n") : buf_addc(&b, *s));
	return buf_take(&b);
}

#endif
