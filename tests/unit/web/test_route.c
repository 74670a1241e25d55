/* web/route.c's replica decision (route_replica()): which routes may be
 * read from a --db-read replica. Only routes that take GET alone, want no
 * role and are not the operator's: forms (GET|POST), signed-in pages and
 * /healthz and /metrics read the primary. */
#include "../unit.h"

#include "web/web_int.h"

/* route_replica() of the route path matches; -1 when none matches. */
static int replica(const char *path)
{
	struct request rq = {.path = path};
	arena_init(&rq.a);
	route_find(&rq);
	int r = rq.route ? route_replica(&rq) : -1;
	arena_free(&rq.a);
	return r;
}

static void readable(void **state)
{
	(void)state;
	const char *yes[] = {"/",
			     "/search",
			     "/good-practices",
			     "/node/12",
			     "/node/12/translation",
			     "/api/v1/search",
			     "/api/v1/nodes/3",
			     "/feed.atom",
			     "/static/site.css",
			     "/sitemap.xml",
			     "/cities/gent",
			     "/themes/jobs",
			     "/compare",
			     "/search.csv"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (replica(yes[i]) != 1)
			fail_msg("%s should read the replica", yes[i]);
	}
}

static void primary(void **state)
{
	(void)state;
	const char *no[] = {"/healthz",     "/metrics",       "/login",           "/register",
			    "/node/new",    "/node/12/edit",  "/node/12/history", "/node/12/contact",
			    "/me",          "/me/dossiers/4", "/admin",           "/admin/users",
			    "/unsubscribe", "/api/v2/x"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (replica(no[i]) != 0)
			fail_msg("%s should read the primary", no[i]);
	}
	assert_int_equal(replica("/no/such/page"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readable),
		cmocka_unit_test(primary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
