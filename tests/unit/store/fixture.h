/* The store tests' fixture: a fresh store file in its own temporary
 * directory (fx_dir: not yet created; fx_setup: opened), removed with the
 * directory after the test. */
#ifndef PX_TEST_STORE_FIXTURE_H
#define PX_TEST_STORE_FIXTURE_H

#include "store/store.h"
#include "store/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char path[128];
	struct store *st;
	struct buf why;
	int64_t user; /* an account some tests add */
};

static inline int fx_dir(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/praxis-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	buf_init(&f->why, 4096);
	*state = f;
	return 0;
}

static inline int fx_setup(void **state)
{
	if (fx_dir(state))
		return -1;
	struct fx *f = *state;
	return store_open(f->path, &f->st, &f->why) ? -1 : 0;
}

/* fx_setup with an editor, ana, whose id is f->user (to save nodes as). */
static inline int fx_setup_editor(void **state)
{
	struct user u;
	if (fx_setup(state))
		return -1;
	struct fx *f = *state;
	if (user_add(f->st, "ana", ROLE_EDITOR, "long enough pw", &f->why) || user_get(f->st, "ana", &u))
		return -1;
	f->user = u.id;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	buf_free(&f->why);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	int rc = system(cmd);
	free(f);
	return rc ? -1 : 0;
}

#endif
