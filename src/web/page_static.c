/* The stylesheet and other static files, embedded in the binary. */
#include "web_int.h"

#include <string.h>

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (dot && !strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (dot && !strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (dot && !strcmp(dot, ".xsl")) /* the feeds' stylesheet, which browsers apply */
		return "text/xsl; charset=utf-8";
	return "application/octet-stream";
}

/* GET /static/{file} */
void page_static(struct request *rq)
{
	const char *name = arena_printf(&rq->a, "static/%s", rq->slug);
	const struct web_asset *a = name ? web_asset_find(name) : NULL;
	if (!a) {
		page_error(rq, 404, N_("There is no such file."));
		return;
	}
	rq->type = type_of(a->name);
	rq->cache = "public, max-age=3600";
	buf_borrow(&rq->body, a->data, a->len); /* embedded: lives as long as the program */
	rq->gz = gzip_asset(a, &rq->gz_len);
}
