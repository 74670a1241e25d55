/* Sets of IP networks, for the options that name who may do what
 * (--trusted-proxy, --admin-from). The text is read strictly: inet_pton
 * reads the address (no "10.1", no leading zeros, no spaces), the prefix
 * is decimal without a sign or a leading zero, and a network with host
 * bits set ("10.0.0.1/8") is refused as the typo it most likely is. */
#include "core.h"

#include <arpa/inet.h>
#include <string.h>

#define ADDR_TEXT_MAX 45 /* INET6_ADDRSTRLEN less its NUL */

static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int cidr_addr_parse(const char *s, size_t n, unsigned char a[16])
{
	char text[ADDR_TEXT_MAX + 1];
	if (n == 0 || n > ADDR_TEXT_MAX || memchr(s, '\0', n))
		return -1;
	memcpy(text, s, n);
	text[n] = '\0';
	if (inet_pton(AF_INET6, text, a) == 1)
		return 0;
	memcpy(a, v4_mapped, sizeof v4_mapped);
	return inet_pton(AF_INET, text, a + 12) == 1 ? 0 : -1;
}

void cidr_addr_text(const unsigned char a[16], char out[46])
{
	if (!memcmp(a, v4_mapped, sizeof v4_mapped))
		inet_ntop(AF_INET, a + 12, out, 46);
	else
		inet_ntop(AF_INET6, a, out, 46);
}

/* Does a start with the first bits bits of net? */
static int in_net(const unsigned char a[16], const unsigned char net[16], unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;
	if (memcmp(a, net, whole))
		return 0;
	return !rest || ((a[whole] ^ net[whole]) & (0xff00u >> rest) & 0xff) == 0;
}

const char *cidr_parse(const char *s, struct cidr *c)
{
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	if (cidr_addr_parse(s, alen, c->net))
		return "not an address or CIDR";
	int v4 = !memcmp(c->net, v4_mapped, sizeof v4_mapped) && !memchr(s, ':', alen);
	unsigned max = v4 ? 32 : 128;
	int64_t n = max;
	if (slash) {
		const char *d = slash + 1;
		size_t dl = strlen(d);
		if (dl == 0 || dl > 3 || (dl > 1 && d[0] == '0') || strspn(d, "0123456789") != dl ||
		    px_parse_i64(d, dl, 0, &n) || n > (int64_t)max)
			return "not an address or CIDR";
	}
	c->bits = (unsigned)n + (v4 ? 96 : 0);
	unsigned char masked[16];
	for (unsigned i = 0; i < 16; i++) {
		unsigned keep = c->bits >= (i + 1) * 8 ? 8 : c->bits > i * 8 ? c->bits - i * 8 : 0;
		masked[i] = (unsigned char)(c->net[i] & (0xff00u >> keep));
	}
	if (memcmp(masked, c->net, 16))
		return "host bits set after the prefix (the network is the address with them zero)";
	return NULL;
}

const char *cidr_set_add(struct cidr_set *set, const char *s)
{
	struct cidr c;
	const char *why = cidr_parse(s, &c);
	if (why)
		return why;
	if (set->n == CIDR_SET_MAX)
		return "too many networks (64 at most)";
	set->nets[set->n++] = c;
	return NULL;
}

int cidr_set_has(const struct cidr_set *set, const unsigned char a[16])
{
	for (size_t i = 0; set && i < set->n; i++)
		if (in_net(a, set->nets[i].net, set->nets[i].bits))
			return 1;
	return 0;
}
