/* Behind a reverse proxy: the client's address and scheme from
 * Forwarded (RFC 7239) or X-Forwarded-For and X-Forwarded-Proto, believed
 * only when the TCP peer is a trusted proxy (--trusted-proxy).
 *
 * Forwarded = element *( OWS "," OWS element ); element = [pair] *( OWS
 * ";" OWS [pair] ); pair = token "=" ( token / quoted-string ). Its for=
 * and by= nodes: IPv4 [":" port], "[" IPv6 "]" [":" port] (quoted: ":"
 * and "[" are no token characters), "unknown" or an obfuscated "_name".
 * X-Forwarded-For = bare addresses by ",". Every proxy appends the peer
 * it saw, so only the right end of a list is what trusted proxies wrote;
 * anything to the left of the first untrusted hop may be the client's
 * invention. */
#include "proxy.h"

#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#define NODE_MAX 64 /* bytes of a for= value: "[IPv6]:port" fits in 54 */

static int tchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A port after a node's address (n bytes at p): 1 to 5 digits or an
 * obfuscated "_x". */
static int port_ok(const char *p, size_t n)
{
	int obfuscated = n > 1 && p[0] == '_';
	if (!obfuscated && (n < 1 || n > 5))
		return 0;
	for (size_t i = obfuscated; i < n; i++) /* p is not NUL-terminated */
		if (obfuscated ? !tchar(p[i]) : p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/* Reads a node (a for= value, unquoted) into hop: ok 0 unless an address. */
static void node(const char *v, size_t n, struct proxy_hop *hop)
{
	hop->ok = 0;
	if (n && v[0] == '[') {
		const char *close = memchr(v, ']', n);
		if (!close || !memchr(v, ':', (size_t)(close - v)))
			return; /* "[1.2.3.4]" is no IPv6 */
		size_t tail = n - (size_t)(close + 1 - v);
		if (tail && (close[1] != ':' || !port_ok(close + 2, tail - 1)))
			return;
		hop->ok = !cidr_addr_parse(v + 1, (size_t)(close - v - 1), hop->addr);
		return;
	}
	const char *colon = memchr(v, ':', n);
	size_t alen = colon ? (size_t)(colon - v) : n;
	if (colon && !port_ok(colon + 1, n - alen - 1))
		return; /* also a bare IPv6, which RFC 7239 wants in brackets */
	hop->ok = !cidr_addr_parse(v, alen, hop->addr) && memchr(v, '.', alen);
}

/* Reads a pair's value at *p (a token or a quoted-string), unquoted into
 * out up to NODE_MAX bytes. Its whole length (more than NODE_MAX: out
 * holds a piece only, which the caller must not read as a node), or -1
 * if malformed. */
static int value(const char **p, char out[NODE_MAX])
{
	const char *s = *p;
	size_t n = 0;
	if (*s != '"') {
		for (; tchar(*s); s++, n++)
			if (n < NODE_MAX)
				out[n] = *s;
		*p = s;
		return n ? (int)(n < INT_MAX ? n : INT_MAX) : -1;
	}
	for (s++; *s != '"'; s++, n++) {
		if (*s == '\\')
			s++;
		if (!*s || *s == '\r' || *s == '\n')
			return -1;
		if (n < NODE_MAX)
			out[n] = *s;
	}
	*p = s + 1;
	return (int)(n < INT_MAX ? n : INT_MAX);
}

/* Reads one element at *p into hop; -1 if malformed. */
static int element(const char **p, struct proxy_hop *hop)
{
	int seen_for = 0, seen_proto = 0;
	const char *s = *p;
	hop->ok = 0, hop->https = 0;
	for (;;) {
		s = ows(s);
		if (tchar(*s)) {
			const char *name = s;
			while (tchar(*s))
				s++;
			size_t nl = (size_t)(s - name);
			char v[NODE_MAX];
			if (*s++ != '=')
				return -1;
			int vl = value(&s, v);
			if (vl < 0)
				return -1;
			int is_for = nl == 3 && !strncasecmp(name, "for", 3);
			int is_proto = nl == 5 && !strncasecmp(name, "proto", 5);
			if ((is_for && seen_for++) || (is_proto && seen_proto++))
				return -1;
			if (is_for && vl <= NODE_MAX)
				node(v, (size_t)vl, hop);
			if (is_proto)
				hop->https = vl == 5 && !strncasecmp(v, "https", 5);
			s = ows(s);
		}
		if (*s != ';')
			break;
		s++;
	}
	*p = s;
	return 0;
}

int proxy_forwarded_parse(const char *s, struct proxy_hop *hops, size_t max)
{
	size_t n = 0;
	for (;;) {
		s = ows(s);
		if (*s == ',') { /* an empty element: ignored (RFC 9110 5.6.1) */
			s++;
			continue;
		}
		if (!*s)
			return (int)n;
		if (n == max)
			return -1;
		const char *start = s;
		if (element(&s, &hops[n]) || s == start)
			return -1;
		n++;
		s = ows(s);
		if (*s && *s++ != ',')
			return -1;
	}
}

int proxy_xff_parse(const char *s, struct proxy_hop *hops, size_t max)
{
	size_t n = 0;
	while (*s) {
		s = ows(s);
		size_t len = strcspn(s, ",");
		size_t trim = len;
		while (trim && (s[trim - 1] == ' ' || s[trim - 1] == '\t'))
			trim--;
		if (trim) {
			if (n == max)
				return -1;
			hops[n].https = 0;
			hops[n].ok = !cidr_addr_parse(s, trim, hops[n].addr);
			n++;
		}
		s += len;
		if (*s)
			s++;
	}
	return (int)n;
}

/* Does X-Forwarded-Proto say https: one value, nothing else? */
static int xfp_https(const char *v)
{
	if (!v)
		return 0;
	v = ows(v);
	size_t n = strcspn(v, " \t,");
	return n == 5 && !strncasecmp(v, "https", 5) && !*ows(v + n);
}

void proxy_client(const struct cidr_set *trusted, const unsigned char peer[16], const struct proxy_headers *h,
		  unsigned char client[16], int *https)
{
	struct proxy_hop hops[PROXY_HOPS_MAX];
	memcpy(client, peer, 16);
	*https = 0;
	if (!cidr_set_has(trusted, peer) || h->too_long)
		return;
	int n = h->forwarded ? proxy_forwarded_parse(h->forwarded, hops, PROXY_HOPS_MAX)
		: h->xff     ? proxy_xff_parse(h->xff, hops, PROXY_HOPS_MAX)
			     : 0;
	if (n < 0)
		return;
	int hop_https = 0;
	for (int i = n - 1; i >= 0 && hops[i].ok; i--) {
		memcpy(client, hops[i].addr, 16);
		hop_https = hops[i].https;
		if (!cidr_set_has(trusted, client))
			break;
	}
	*https = h->forwarded ? hop_https : xfp_https(h->xfp);
}

/* ---- reading them from libmicrohttpd ---- */

struct joined {
	struct buf fwd, xff, xfp;
	int too_long;
};

static enum MHD_Result join(void *cls, enum MHD_ValueKind kind, const char *key, const char *v)
{
	(void)kind;
	struct joined *j = cls;
	struct buf *b = !strcasecmp(key, "Forwarded")           ? &j->fwd
			: !strcasecmp(key, "X-Forwarded-For")   ? &j->xff
			: !strcasecmp(key, "X-Forwarded-Proto") ? &j->xfp
								: NULL;
	if (!b || !v || !*ows(v))
		return MHD_YES;
	if ((b->len && buf_adds(b, ", ")) || buf_adds(b, v))
		j->too_long = 1;
	return MHD_YES;
}

/* The connection's peer as 16 bytes; -1 if libmicrohttpd knows none. */
static int peer_of(struct MHD_Connection *c, unsigned char a[16])
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (sa && sa->sa_family == AF_INET6) {
		memcpy(a, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
		return 0;
	}
	if (sa && sa->sa_family == AF_INET) {
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		memcpy(a, mapped, 12);
		memcpy(a + 12, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		return 0;
	}
	return -1;
}

void proxy_client_of(struct MHD_Connection *c, const struct cidr_set *trusted, char addr[46], int *https)
{
	unsigned char peer[16], client[16];
	*https = 0;
	if (peer_of(c, peer)) {
		addr[0] = '-', addr[1] = '\0';
		return;
	}
	if (!cidr_set_has(trusted, peer)) {
		cidr_addr_text(peer, addr);
		return;
	}
	struct joined j = {.too_long = 0};
	buf_init(&j.fwd, PROXY_HEADER_MAX);
	buf_init(&j.xff, PROXY_HEADER_MAX);
	buf_init(&j.xfp, PROXY_HEADER_MAX);
	MHD_get_connection_values(c, MHD_HEADER_KIND, join, &j);
	struct proxy_headers h = {.forwarded = j.fwd.len ? j.fwd.data : NULL,
				  .xff = j.xff.len ? j.xff.data : NULL,
				  .xfp = j.xfp.len ? j.xfp.data : NULL,
				  .too_long = j.too_long};
	proxy_client(trusted, peer, &h, client, https);
	cidr_addr_text(client, addr);
	buf_free(&j.fwd);
	buf_free(&j.xff);
	buf_free(&j.xfp);
}
