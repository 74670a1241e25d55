/* A store in a directory of its own under /tmp, and the path of its index
 * snapshot beside it: the fixture of the tests that save and read
 * snapshots. Included by one test file each (static functions). */
#ifndef PX_TEST_STORE_FX_H
#define PX_TEST_STORE_FX_H

#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>

struct fx {
	char dir[64], db[96], snap[96];
	struct store *st;
};

/* A new empty store in a directory made from tmpl ("/tmp/name-XXXXXX"),
 * or NULL. Freed by fx_close(). */
static struct fx *fx_open(const char *tmpl)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	snprintf(f->dir, sizeof f->dir, "%s", tmpl);
	if (!mkdtemp(f->dir)) {
		free(f);
		return NULL;
	}
	snprintf(f->db, sizeof f->db, "%s/p.db", f->dir);
	snprintf(f->snap, sizeof f->snap, "%s/p.db.index", f->dir);
	struct buf why;
	buf_init(&why, 1024);
	int failed = store_open(f->db, &f->st, &why) != PX_OK;
	buf_free(&why);
	if (failed) {
		free(f);
		return NULL;
	}
	return f;
}

/* Closes f's store and removes its directory: 0, or -1 if it stays. */
static int fx_close(struct fx *f)
{
	store_close(f->st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	int rc = system(cmd) ? -1 : 0;
	free(f);
	return rc;
}

static int teardown(void **state)
{
	return fx_close(*state);
}

#endif
