/* web/proxy.c: the client behind a trusted proxy. Untrusted peers are
 * never believed; from a trusted one, the rightmost untrusted hop is the
 * client, and anything malformed, too long or too many gives the proxy's
 * own address (or the rightmost trustworthy one), never a crash. */
#include "../unit.h"

#include "web/proxy.h"

#include <stdio.h>

static struct cidr_set trusted;

static int setup(void **state)
{
	(void)state;
	trusted.n = 0;
	if (cidr_set_add(&trusted, "127.0.0.1") || cidr_set_add(&trusted, "10.0.0.0/8") ||
	    cidr_set_add(&trusted, "fd00::/8"))
		return -1;
	return 0;
}

/* The client proxy_client() finds behind peer, as text; *https too. */
static const char *client(const char *peer, const char *fwd, const char *xff, const char *xfp, int *https)
{
	static char out[46];
	unsigned char p[16], c[16];
	int h;
	assert_int_equal(cidr_addr_parse(peer, strlen(peer), p), 0);
	struct proxy_headers hd = {.forwarded = fwd, .xff = xff, .xfp = xfp};
	proxy_client(&trusted, p, &hd, c, https ? https : &h);
	cidr_addr_text(c, out);
	return out;
}

static const char *xff(const char *v)
{
	return client("127.0.0.1", NULL, v, NULL, NULL);
}

static const char *fwd(const char *v)
{
	return client("127.0.0.1", v, NULL, NULL, NULL);
}

static void an_untrusted_peer_is_not_believed(void **state)
{
	(void)state;
	int https = 1;
	assert_string_equal(
		client("192.0.2.9", "for=198.51.100.1;proto=https", "198.51.100.2", "https", &https),
		"192.0.2.9");
	assert_int_equal(https, 0);
	assert_string_equal(client("::ffff:192.0.2.9", NULL, "198.51.100.2", NULL, NULL), "192.0.2.9");
}

static void the_rightmost_untrusted_hop_is_the_client(void **state)
{
	(void)state;
	assert_string_equal(xff("198.51.100.7"), "198.51.100.7");
	assert_string_equal(xff("6.6.6.6, 198.51.100.7"),
			    "198.51.100.7"); /* the left one is the client's word */
	assert_string_equal(xff("6.6.6.6, 198.51.100.7, 10.1.1.1"), "198.51.100.7"); /* past a trusted hop */
	assert_string_equal(xff("10.2.2.2, 10.1.1.1"), "10.2.2.2");    /* all trusted: the leftmost */
	assert_string_equal(xff(" 198.51.100.7 ,, "), "198.51.100.7"); /* spaces, empty elements */
	assert_string_equal(xff("2001:db8::1"), "2001:db8::1");
	assert_string_equal(xff("::ffff:198.51.100.7"), "198.51.100.7");
	assert_string_equal(client("::ffff:127.0.0.1", NULL, "198.51.100.7", NULL, NULL), "198.51.100.7");
	assert_string_equal(xff(NULL), "127.0.0.1");
}

static void garbage_stops_at_the_last_good_hop(void **state)
{
	(void)state;
	assert_string_equal(xff("garbage"), "127.0.0.1");
	assert_string_equal(xff("198.51.100.7, garbage"), "127.0.0.1");
	assert_string_equal(xff("198.51.100.7, garbage, 10.1.1.1"), "10.1.1.1");
	assert_string_equal(xff("[2001:db8::1]"), "127.0.0.1"); /* brackets: no bare address */
	assert_string_equal(xff("198.51.100.7:4711"), "127.0.0.1");
	assert_string_equal(xff("unknown"), "127.0.0.1");
	assert_string_equal(xff("1.2.3.4\t\t"), "1.2.3.4");
	assert_string_equal(xff("1.2.3.4 5.6.7.8"), "127.0.0.1");
	assert_string_equal(xff("\"1.2.3.4\""), "127.0.0.1");
}

static void too_many_hops_give_the_proxy(void **state)
{
	(void)state;
	char many[PROXY_HOPS_MAX * 10 + 16];
	size_t n = 0;
	for (int i = 0; i <= PROXY_HOPS_MAX; i++)
		n += (size_t)snprintf(many + n, sizeof many - n, "%s1.2.3.4", i ? ", " : "");
	assert_string_equal(xff(many), "127.0.0.1");
	many[n - strlen(", 1.2.3.4")] = '\0'; /* PROXY_HOPS_MAX: still read */
	assert_string_equal(xff(many), "1.2.3.4");
	unsigned char p[16], c[16];
	int https;
	assert_int_equal(cidr_addr_parse("127.0.0.1", 9, p), 0);
	proxy_client(&trusted, p, &(struct proxy_headers){.xff = "1.2.3.4", .xfp = "https", .too_long = 1}, c,
		     &https);
	assert_memory_equal(c, p, 16);
	assert_int_equal(https, 0);
}

static void forwarded_is_read_as_rfc_7239_writes_it(void **state)
{
	(void)state;
	assert_string_equal(fwd("for=198.51.100.7"), "198.51.100.7");
	assert_string_equal(fwd("For=\"198.51.100.7:4711\""), "198.51.100.7");
	assert_string_equal(fwd("for=\"[2001:db8::1]:4711\";proto=https;by=10.0.0.1"), "2001:db8::1");
	assert_string_equal(fwd("for=\"[2001:db8::1]\""), "2001:db8::1");
	assert_string_equal(fwd("for=6.6.6.6, for=198.51.100.7;proto=http"), "198.51.100.7");
	assert_string_equal(fwd("for=198.51.100.7 ; proto=https , for=10.1.1.1"), "198.51.100.7");
	assert_string_equal(fwd("for=\"\\1\\9\\8.51.100.7\""), "198.51.100.7"); /* quoted-pairs */
	assert_string_equal(fwd("proto=https;for=198.51.100.7;host=\"a,b;c\""), "198.51.100.7");
}

static void forwarded_garbage_gives_the_proxy(void **state)
{
	(void)state;
	const char *bad[] = {"for=unknown",
			     "for=_hidden",
			     "for=\"_x:_y\"",
			     "for=[2001:db8::1]",
			     "for=2001:db8::1",
			     "for=\"2001:db8::1\"",
			     "for=\"[1.2.3.4]\"",
			     "for=\"[2001:db8::1]:99999999\"",
			     "for=\"[2001:db8::1\"",
			     "for=\"1.2.3.4",
			     "for=1.2.3.4;for=5.6.7.8",
			     "for",
			     "for=",
			     "=1.2.3.4",
			     "for=1.2.3.4 x",
			     "for=1.2.3.4,,;",
			     "proto=https",
			     "for=\"1.2.3.4\"x",
			     "for=\"1.2.3.4:\"",
			     "for=\"[2001:db8::1]:\"",
			     "for=\"[2001:db8::1]x\"",
			     "for=\"1.2.3.4:80:80\""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_string_equal(fwd(bad[i]), "127.0.0.1");
	char v[200];
	snprintf(v, sizeof v, "for=\"[2001:db8::1]:_%0100d\"", 0);
	assert_string_equal(fwd(v), "127.0.0.1"); /* longer than any node: not cut to one */
	assert_string_equal(fwd("for=198.51.100.7, for=unknown"), "127.0.0.1");
	assert_string_equal(fwd("for=198.51.100.7, for=_hidden, for=10.1.1.1"), "10.1.1.1");
}

static void forwarded_wins_over_x_forwarded_for(void **state)
{
	(void)state;
	int https = 1;
	assert_string_equal(client("127.0.0.1", "for=198.51.100.1", "198.51.100.2", "https", &https),
			    "198.51.100.1");
	assert_int_equal(https, 0); /* its own proto, not X-Forwarded-Proto */
	assert_string_equal(client("127.0.0.1", "for=198.51.100.1;proto=https", "198.51.100.2", NULL, &https),
			    "198.51.100.1");
	assert_int_equal(https, 1);
	/* a malformed Forwarded is not replaced by X-Forwarded-For */
	assert_string_equal(client("127.0.0.1", "for=\"", "198.51.100.2", NULL, NULL), "127.0.0.1");
}

static void https_by_a_trusted_proxys_word(void **state)
{
	(void)state;
	int https;
	client("127.0.0.1", NULL, "198.51.100.2", "https", &https);
	assert_int_equal(https, 1);
	client("127.0.0.1", NULL, NULL, " HTTPS ", &https);
	assert_int_equal(https, 1);
	client("127.0.0.1", NULL, "198.51.100.2", "http", &https);
	assert_int_equal(https, 0);
	client("127.0.0.1", NULL, "198.51.100.2", "https, http", &https);
	assert_int_equal(https, 0); /* a list: which hop's? none is believed */
	client("127.0.0.1", NULL, "198.51.100.2", "httpsx", &https);
	assert_int_equal(https, 0);
	/* Forwarded: the proto of the client's own hop */
	client("127.0.0.1", "for=198.51.100.2;proto=https, for=10.0.0.7;proto=http", NULL, NULL, &https);
	assert_int_equal(https, 1);
	client("127.0.0.1", "for=198.51.100.2;proto=http, for=10.0.0.7;proto=https", NULL, NULL, &https);
	assert_int_equal(https, 0);
}

static void parsers_count_hops(void **state)
{
	(void)state;
	struct proxy_hop h[4];
	assert_int_equal(proxy_forwarded_parse("for=1.2.3.4, for=5.6.7.8", h, 4), 2);
	assert_int_equal(proxy_forwarded_parse("for=1.2.3.4, for=5.6.7.8", h, 1), -1);
	assert_int_equal(proxy_forwarded_parse("", h, 4), 0);
	assert_int_equal(proxy_forwarded_parse(" , ,", h, 4), 0);
	assert_int_equal(proxy_xff_parse("1.2.3.4, x, 5.6.7.8", h, 4), 3);
	assert_int_equal(h[1].ok, 0);
	assert_int_equal(proxy_xff_parse("1.2.3.4, x, 5.6.7.8", h, 2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_untrusted_peer_is_not_believed),
		cmocka_unit_test(the_rightmost_untrusted_hop_is_the_client),
		cmocka_unit_test(garbage_stops_at_the_last_good_hop),
		cmocka_unit_test(too_many_hops_give_the_proxy),
		cmocka_unit_test(forwarded_is_read_as_rfc_7239_writes_it),
		cmocka_unit_test(forwarded_garbage_gives_the_proxy),
		cmocka_unit_test(forwarded_wins_over_x_forwarded_for),
		cmocka_unit_test(https_by_a_trusted_proxys_word),
		cmocka_unit_test(parsers_count_hops),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
