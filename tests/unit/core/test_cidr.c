/* core/cidr.c: networks read strictly, IPv4 and IPv6 in one set, an
 * IPv4-mapped client matching IPv4 networks. */
#include "../unit.h"

#include "core/core.h"

static const char *why_of(const char *s)
{
	struct cidr c;
	return cidr_parse(s, &c);
}

static int has(const struct cidr_set *set, const char *addr)
{
	unsigned char a[16];
	assert_int_equal(cidr_addr_parse(addr, strlen(addr), a), 0);
	return cidr_set_has(set, a);
}

static void parses_networks_and_addresses(void **state)
{
	(void)state;
	const char *good[] = {
		"10.0.0.0/8",    "127.0.0.1", "0.0.0.0/0", "192.168.1.128/25",    "::1",
		"2001:db8::/32", "::/0",      "fe80::/10", "::ffff:10.0.0.0/104", "10.1.2.3/32"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_null(why_of(good[i]));
}

static void refuses_what_is_not_a_network(void **state)
{
	(void)state;
	const char *bad[] = {"10.0.0.0/33",
			     "::/129",
			     "10.0.0.0/",
			     "10.0.0.0/08",
			     "10.0.0.0/+8",
			     "10.0.0.0/-1",
			     "10.0.0.0/ 8",
			     " 10.0.0.0",
			     "10.0.0.0 ",
			     "10.1",
			     "010.0.0.1",
			     "1.2.3.4.5",
			     "",
			     "/8",
			     "garbage",
			     "[::1]",
			     "::1/64/1",
			     "10.0.0.0/8x",
			     "10.0.0.0/1000",
			     "2001:db8::1::2",
			     "1.2.3.256",
			     "0x7f.0.0.1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_string_equal(why_of(bad[i]), "not an address or CIDR");
	assert_non_null(strstr(why_of("10.0.0.1/8"), "host bits"));
	assert_non_null(strstr(why_of("2001:db8::1/32"), "host bits"));
}

static void matches_by_prefix(void **state)
{
	(void)state;
	struct cidr_set set = {.n = 0};
	assert_null(cidr_set_add(&set, "10.0.0.0/8"));
	assert_null(cidr_set_add(&set, "192.168.1.128/25"));
	assert_null(cidr_set_add(&set, "2001:db8::/32"));
	assert_true(has(&set, "10.255.0.1"));
	assert_false(has(&set, "11.0.0.1"));
	assert_true(has(&set, "192.168.1.200"));
	assert_false(has(&set, "192.168.1.127"));
	assert_true(has(&set, "2001:db8:ffff::1"));
	assert_false(has(&set, "2001:db9::1"));
	assert_true(has(&set, "::ffff:10.1.2.3")); /* an IPv4 client on an IPv6 socket */
	assert_false(has(&set, "::10.1.2.3"));     /* IPv4-compatible is not IPv4 */
	assert_false(cidr_set_has(NULL, (unsigned char[16]){0}));
}

static void the_whole_space_and_one_address(void **state)
{
	(void)state;
	struct cidr_set all4 = {.n = 0}, one = {.n = 0};
	assert_null(cidr_set_add(&all4, "0.0.0.0/0"));
	assert_null(cidr_set_add(&one, "::1"));
	assert_true(has(&all4, "1.2.3.4"));
	assert_false(has(&all4, "::1"));
	assert_true(has(&one, "::1"));
	assert_false(has(&one, "::2"));
}

static void a_set_has_a_cap(void **state)
{
	(void)state;
	struct cidr_set set = {.n = 0};
	for (int i = 0; i < CIDR_SET_MAX; i++)
		assert_null(cidr_set_add(&set, "10.0.0.1"));
	assert_non_null(strstr(cidr_set_add(&set, "10.0.0.1"), "too many"));
}

static void text_of_an_address(void **state)
{
	(void)state;
	unsigned char a[16];
	char out[46];
	assert_int_equal(cidr_addr_parse("::ffff:127.0.0.2", 16, a), 0);
	cidr_addr_text(a, out);
	assert_string_equal(out, "127.0.0.2");
	assert_int_equal(cidr_addr_parse("2001:DB8:0:0::1", 15, a), 0);
	cidr_addr_text(a, out);
	assert_string_equal(out, "2001:db8::1");
	assert_int_equal(cidr_addr_parse("1.2.3.4xyz", 7, a), 0); /* n bytes only */
	assert_int_equal(cidr_addr_parse("1.2\0.3.4", 8, a), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_networks_and_addresses),
		cmocka_unit_test(refuses_what_is_not_a_network),
		cmocka_unit_test(matches_by_prefix),
		cmocka_unit_test(the_whole_space_and_one_address),
		cmocka_unit_test(a_set_has_a_cap),
		cmocka_unit_test(text_of_an_address),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
