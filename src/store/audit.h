/* The audit log: who did what when (schema v3, table audit). Entries are
 * only ever added; admins read and export them. */
#ifndef PX_AUDIT_H
#define PX_AUDIT_H

#include "store.h"

/* What happened. account: who (NULL: nobody logged in, or the name a
 * failed login tried); addr: the client's address ("cli" from the command
 * line); target and detail: what it was done to, and how (may be NULL). */
struct audit_entry {
	int64_t id;
	const char *at, *account, *addr, *action, *target, *detail;
};

#define AUDIT_TEXT_MAX 64 /* code points of each text kept; longer ones are cut, ending in "…" */

enum px_err audit_add(struct store *st, const char *account, const char *addr, const char *action,
		      const char *target, const char *detail) PX_WUR;

/* A failed or throttled login (action) from addr with the typed name: at
 * most AUDIT_BURST such entries per address in AUDIT_BURST_S seconds
 * (among the AUDIT_RECENT newest entries), then one "login-flood" entry,
 * then none until the window has passed; a guesser cannot fill the log. */
#define AUDIT_BURST   10
#define AUDIT_BURST_S 900
#define AUDIT_RECENT  1000
enum px_err audit_login_failure(struct store *st, const char *addr, const char *action,
				const char *name) PX_WUR;
/* Calls fn for up to limit entries with an id below before (0: from the
 * newest), newest first, each text at most AUDIT_TEXT_MAX code points (and
 * the mark); the entry is borrowed for the call. */
enum px_err audit_each(struct store *st, int64_t before, size_t limit,
		       void (*fn)(const struct audit_entry *, void *), void *arg) PX_WUR;

#endif
