/* TEMPORARY (branch wt-readers): mailer_wake() until main's src/mail/mailer.c
 * lands; deleted at that merge. The server's mailer is NULL until then, so
 * this is never called. */
#include "../mail/mailer.h"

void mailer_wake(struct mailer *m)
{
	(void)m;
}
