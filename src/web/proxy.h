/* Behind a reverse proxy (proxy.c): who the client is and whether it came
 * over HTTPS, from the headers a trusted proxy adds. Private to web/. */
#ifndef PX_WEB_PROXY_H
#define PX_WEB_PROXY_H

#include "../core/core.h"

#define PROXY_HOPS_MAX   32   /* hops a header may list; more: none is believed */
#define PROXY_HEADER_MAX 4096 /* bytes of one header, its lines joined; more: none is believed */

/* The forwarding headers of a request, each header's lines joined in
 * order with ", " (a list split over lines is one list); NULL when absent
 * or empty. */
struct proxy_headers {
	const char *forwarded; /* Forwarded (RFC 7239) */
	const char *xff;       /* X-Forwarded-For */
	const char *xfp;       /* X-Forwarded-Proto */
	int too_long;          /* one of them passed PROXY_HEADER_MAX: none is believed */
};

/* One hop a header lists: the address that connected to a proxy. */
struct proxy_hop {
	int ok;                 /* 0: not an address (garbage, "unknown", "_hidden") */
	unsigned char addr[16]; /* as cidr_addr_parse() keeps it */
	int https;              /* Forwarded's proto=https in the hop's element */
};

/* Parses a Forwarded value (RFC 7239: elements by ",", pairs by ";",
 * token or quoted-string values, for="[2001:db8::1]:4711") into hops,
 * left to right. Returns how many, or -1 when the value is malformed (a
 * pair without "=", an unterminated quote, a parameter twice in an
 * element) or lists more than max hops. */
int proxy_forwarded_parse(const char *s, struct proxy_hop *hops, size_t max);
/* Parses an X-Forwarded-For value (bare addresses by ","; empty elements
 * skipped) into hops: a hop that is no address (brackets, a port,
 * garbage) is there with ok 0. Returns how many, or -1 past max. */
int proxy_xff_parse(const char *s, struct proxy_hop *hops, size_t max);

/* The client of a request whose TCP peer is peer: peer itself unless
 * peer is in trusted; then the hops of Forwarded (which wins when both
 * are sent, as RFC 7239 asks) or else X-Forwarded-For are walked from
 * the right, past trusted addresses: the first untrusted one is the
 * client; a hop that is no address stops the walk at the last good one
 * (the peer, if it is the rightmost). Malformed, too long or too many:
 * the peer. *https: the client came over HTTPS by the trusted proxy's
 * word (Forwarded's proto of the client's hop, or X-Forwarded-For's
 * companion X-Forwarded-Proto: one value, "https"). Never fails. */
void proxy_client(const struct cidr_set *trusted, const unsigned char peer[16], const struct proxy_headers *h,
		  unsigned char client[16], int *https);

struct MHD_Connection;
/* proxy_client() for connection c: its peer from libmicrohttpd, its
 * headers read only when the peer is trusted. The client's address as
 * text into addr ("-" when libmicrohttpd knows no peer). */
void proxy_client_of(struct MHD_Connection *c, const struct cidr_set *trusted, char addr[46], int *https);

#endif
