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

enum px_err audit_add(struct store *st, const char *account, const char *addr, const char *action,
		      const char *target, const char *detail) PX_WUR;
/* Calls fn for up to limit entries with an id below before (0: from the
 * newest), newest first; the entry is borrowed for the call. */
enum px_err audit_each(struct store *st, int64_t before, size_t limit,
		       void (*fn)(const struct audit_entry *, void *), void *arg) PX_WUR;

#endif
