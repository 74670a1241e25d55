/* /healthz: whether this server can answer pages, for a load balancer or
 * a supervisor polling it every second or so. 200 "ok" when the store
 * answers on this worker's handle (store_check(): its file is still the
 * one opened, and a read succeeds) and the index is loaded; else 503 with
 * the reason in one line. Plain text, never cached, no session read;
 * logged like any request (access_log.c). A store that cannot even be
 * opened is answered before this page, with the same 503 (server.c). */
#include "web_int.h"

#include "../store/store.h"

/* GET /healthz */
void page_healthz(struct request *rq)
{
	struct buf why;
	buf_init(&why, 1024);
	if (!rq->srv->ix)
		page_plain(rq, 503, "the index is not loaded");
	else if (store_check(rq->st, &why))
		page_plain(rq, 503, why.len ? why.data : "the store does not answer");
	else
		page_plain(rq, 200, "ok");
	buf_free(&why);
}
