/* libFuzzer target: the forwarding headers (web/proxy.c) and network
 * options (core/cidr.c). The input is "PEER\nFORWARDED\nX-FORWARDED-FOR\n
 * X-FORWARDED-PROTO\nCIDR". Properties: nothing crashes or reads out of
 * bounds; an untrusted peer is its own client, never over https by a
 * header's word; a client other than the peer is an address one of the
 * headers lists as a hop; a network that parses holds its own address. */
#include "web/proxy.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next line of the input, NUL-terminated in place (a copy). */
static char *line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');
	if (nl)
		*nl = '\0', *p = nl + 1;
	else
		*p = s + strlen(s);
	return s;
}

/* Is a among the hops of the header this client came from? */
static int listed(const unsigned char a[16], const struct proxy_headers *h)
{
	struct proxy_hop hops[PROXY_HOPS_MAX];
	int n = h->forwarded ? proxy_forwarded_parse(h->forwarded, hops, PROXY_HOPS_MAX)
		: h->xff     ? proxy_xff_parse(h->xff, hops, PROXY_HOPS_MAX)
			     : 0;
	for (int i = 0; i < n; i++)
		if (hops[i].ok && !memcmp(hops[i].addr, a, 16))
			return 1;
	return 0;
}

static void check_cidr(const char *s)
{
	struct cidr c;
	if (cidr_parse(s, &c))
		return;
	struct cidr_set set = {.n = 1};
	set.nets[0] = c;
	if (c.bits > 128 || !cidr_set_has(&set, c.net))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 3 * PROXY_HEADER_MAX)
		return 0;
	char *copy = malloc(size + 1), *p = copy;
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *peer_text = line(&p);
	struct proxy_headers h = {0};
	h.forwarded = line(&p);
	h.xff = line(&p);
	h.xfp = line(&p);
	check_cidr(line(&p));
	if (!*h.forwarded)
		h.forwarded = NULL;
	struct cidr_set trusted = {.n = 0};
	if (cidr_set_add(&trusted, "127.0.0.0/8") || cidr_set_add(&trusted, "fd00::/8"))
		abort();
	unsigned char peer[16], client[16];
	int https;
	if (cidr_addr_parse(peer_text, strlen(peer_text), peer))
		memcpy(peer, (unsigned char[16]){[10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1}, 16);
	proxy_client(&trusted, peer, &h, client, &https);
	int same = !memcmp(client, peer, 16);
	if (!cidr_set_has(&trusted, peer) && (!same || https))
		abort();
	if (!same && !listed(client, &h))
		abort();
	char text[46];
	cidr_addr_text(client, text);
	free(copy);
	return 0;
}
