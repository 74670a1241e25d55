/* Links: every URL a page prints is built here, its parts percent-encoded
 * (html_url_part); the template then escapes it for the attribute. */
#include "web_int.h"

#include "../place/place.h"

#include <microhttpd.h>
#include <string.h>

struct rebuild {
	const struct url_change *c;
	struct buf *b;
	enum px_err err;
};

static enum px_err param(struct buf *b, const char *k, const char *v)
{
	enum px_err err = buf_addc(b, strchr(b->data, '?') ? '&' : '?');
	if (!err)
		err = html_url_part(b, k, strlen(k));
	if (!err)
		err = buf_addc(b, '=');
	return err ? err : html_url_part(b, v, strlen(v));
}

static void keep(const char *k, const char *v, void *arg)
{
	struct rebuild *r = arg;
	const struct url_change *c = r->c;
	if (r->err || !strcmp(k, "page") || !*v)
		return;
	if (c->drop_k && !strcmp(k, c->drop_k) && (!c->drop_v || !strcmp(v, c->drop_v)))
		return;
	if (c->add_k && !strcmp(k, c->add_k) && !strcmp(v, c->add_v))
		return; /* added below, once */
	r->err = param(r->b, k, v);
}

const char *url_here(struct request *rq, const struct url_change *c)
{
	return url_at(rq, "", rq->path, c);
}

const char *url_at(struct request *rq, const char *base, const char *path, const struct url_change *c)
{
	struct buf b;
	buf_init(&b, 16384);
	struct rebuild r = {c, &b, buf_adds(&b, base)};
	if (!r.err)
		r.err = buf_adds(&b, rq->root);
	if (!r.err)
		r.err = buf_adds(&b, path);
	request_params_each(rq, keep, &r);
	if (!r.err && c->add_k)
		r.err = param(&b, c->add_k, c->add_v);
	if (!r.err && c->page > 1)
		r.err = buf_printf(&b, "%cpage=%lld", strchr(b.data, '?') ? '&' : '?', (long long)c->page);
	const char *s = r.err ? NULL : arena_strndup(&rq->a, b.data, b.len);
	buf_free(&b);
	return s;
}

struct map_keep {
	struct buf *b;
	const char *k; /* the parameter the link sets, every old value left out */
	enum px_err err;
};

static void keep_for_map(const char *k, const char *v, void *arg)
{
	struct map_keep *m = arg;
	if (!m->err && *v && strcmp(k, "page") && strcmp(k, "map") && strcmp(k, m->k))
		m->err = param(m->b, k, v);
}

const char *url_map(struct request *rq, const char *path, const struct index_filter *carry, size_t ncarry,
		    const char *k, const char *const *values, size_t n)
{
	struct buf b;
	buf_init(&b, 16384);
	struct map_keep m = {&b, k, buf_adds(&b, rq->root)};
	if (!m.err)
		m.err = buf_adds(&b, path ? path : rq->path);
	if (!path)
		request_params_each(rq, keep_for_map, &m);
	for (size_t i = 0; !m.err && i < ncarry; i++)
		m.err = param(&b, index_facet_name(carry[i].field), carry[i].value);
	for (size_t i = 0; !m.err && i < n; i++)
		m.err = param(&b, k, values[i]);
	const char *s = m.err ? NULL : arena_strndup(&rq->a, b.data, b.len);
	buf_free(&b);
	return s;
}

const char *url_city(struct request *rq, const char *city, const char *country)
{
	char code[3];
	const char *slug = city ? slug_of(&rq->a, city) : NULL;
	if (!slug || !country || place_country_code(country, code))
		return slug ? arena_printf(&rq->a, "%s/cities/%s", rq->root, slug) : NULL;
	return arena_printf(&rq->a, "%s/cities/%s-%c%c", rq->root, slug, code[0] - 'A' + 'a', code[1] - 'A' + 'a');
}

const char *url_node(struct request *rq, int64_t nid)
{
	return arena_printf(&rq->a, "%s/node/%lld", rq->root, (long long)nid);
}

/* The Host header says where the client reached the hub; without one
 * (HTTP/1.0), the address the server listens on would do, but a proxy's
 * would be unknown: "localhost" is as honest. */
const char *url_base(struct request *rq)
{
	const char *host = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Host");
	return arena_printf(&rq->a, "%s://%s", rq->secure ? "https" : "http",
			    host && *host ? host : "localhost");
}

const char *url_public(struct request *rq)
{
	return rq->srv->public_url ? rq->srv->public_url : url_base(rq);
}
