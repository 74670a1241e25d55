/* web/access_log.c: a request's line in the Combined Log Format. Its
 * fields are where a reader (GoAccess, fail2ban) expects them whatever
 * the client sent: quotes, backslashes, control and non-ASCII bytes in the
 * quoted fields are \xHH; absent values are "-"; the duration has
 * microseconds. core/log.c's px_log_quote() does the escaping. */
#include "../unit.h"

#include "web/web_int.h"

#include <stdlib.h>
#include <time.h>

/* e's line, with TZ=UTC: the caller frees it. */
static char *line_of(const struct access_entry *e)
{
	struct buf b;
	buf_init(&b, ACCESS_LINE_MAX); /* what access_log_write() gives it */
	assert_ok(access_log_line(&b, e));
	char *s = buf_take(&b);
	assert_non_null(s);
	return s;
}

static void a_full_line(void **state)
{
	(void)state;
	struct access_entry e = {.addr = "203.0.113.7",
				 .user = "ana",
				 .received = 1796639928, /* 2026-12-07 10:38:48 UTC */
				 .method = "GET",
				 .uri = "/node/7?q=a%20b",
				 .protocol = "HTTP/1.1",
				 .status = 200,
				 .bytes = 9264,
				 .referer = "https://hub.example.org/",
				 .agent = "Mozilla/5.0 (X11)",
				 .seconds = 0.00198};
	char *s = line_of(&e);
	assert_string_equal(
		s, "203.0.113.7 - ana [07/Dec/2026:10:38:48 +0000] \"GET /node/7?q=a%20b HTTP/1.1\" 200 "
		   "9264 \"https://hub.example.org/\" \"Mozilla/5.0 (X11)\" 0.001980\n");
	free(s);
}

static void absent_fields_are_dashes(void **state)
{
	(void)state;
	struct access_entry e = {.received = 0, .status = 0, .seconds = 1.5};
	char *s = line_of(&e);
	assert_string_equal(s, "- - - [01/Jan/1970:00:00:00 +0000] \"-\" 0 - \"-\" \"-\" 1.500000\n");
	free(s);
}

static void hostile_bytes_are_escaped(void **state)
{
	(void)state;
	struct access_entry e = {.addr = "::1",
				 .method = "GET",
				 .uri = "/a\"b\\c",
				 .protocol = "HTTP/1.0",
				 .status = 404,
				 .bytes = 1,
				 .referer = "x\" 200 1 \"y",
				 .agent = "\x01\n\x7f\xc3\xa4"};
	char *s = line_of(&e);
	assert_string_equal(s, "::1 - - [01/Jan/1970:00:00:00 +0000] \"GET /a\\x22b\\x5Cc HTTP/1.0\" 404 1 "
			       "\"x\\x22 200 1 \\x22y\" \"\\x01\\x0A\\x7F\\xC3\\xA4\" 0.000000\n");
	free(s);
}

static void the_longest_line_fits(void **state)
{
	(void)state;
	char *x = malloc(20000);
	assert_non_null(x);
	memset(x, 1, 19999); /* every byte escaped: four each */
	x[19999] = '\0';
	struct access_entry e = {.method = x, .uri = x, .protocol = x, .referer = x, .agent = x};
	char *s = line_of(&e);
	assert_true(strlen(s) > 5 * 4 * 4096);
	assert_non_null(strstr(s, "\" 0 - \""));
	free(s);
	free(x);
}

static void quote_keeps_utf8_unless_asked(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 256);
	assert_ok(px_log_quote(&b, "ä\"\t", 4, 0));
	assert_string_equal(b.data, "ä\\x22\\x09");
	buf_reset(&b);
	assert_ok(px_log_quote(&b, "ä", 2, 1));
	assert_string_equal(b.data, "\\xC3\\xA4");
	buf_free(&b);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_full_line),
		cmocka_unit_test(absent_fields_are_dashes),
		cmocka_unit_test(hostile_bytes_are_escaped),
		cmocka_unit_test(the_longest_line_fits),
		cmocka_unit_test(quote_keeps_utf8_unless_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
