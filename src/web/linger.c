/* Lingering close: a request refused on its headers is answered before
 * its body, and libmicrohttpd then closes the connection. A close with
 * unread bytes in the socket makes the kernel send a reset, and a reset
 * that reaches the client before it has read the answer destroys it
 * (curl's status 000; seen under load). Like nginx's lingering_close,
 * the server keeps a duplicate of such a socket for a while, reading and
 * dropping what the client still sends, and closes it when the client
 * has closed its side (EOF), or after LINGER_MS. libmicrohttpd's own
 * close then leaves the socket open, as the duplicate still holds it; its
 * shutdown(SHUT_WR) after the answer tells the client that nothing
 * follows.
 *
 * One thread polls every lingering socket. At most LINGER_MAX linger at
 * once; past that a socket is not kept (the old behaviour), so a flood of
 * refused bodies costs the server no more than LINGER_MAX descriptors. */

#include "web_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINGER_MAX 256
#define LINGER_MS  5000

struct lingering {
	pthread_t thread;
	pthread_mutex_t lock; /* guards fds, until and n */
	int wake;             /* an eventfd: a socket was added, or stop */
	int stopping;
	int fds[LINGER_MAX];
	int64_t until[LINGER_MAX]; /* when fds[i] is closed, in ms of CLOCK_MONOTONIC */
	int n;
};

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Reads and drops what fd holds, up to a megabyte a round (a fast
 * sender does not keep the thread): 1 while it stays open, 0 at its end. */
static int drain(int fd)
{
	static char sink[1 << 16]; /* only this thread reads into it */
	for (int round = 0; round < 16; round++) {
		ssize_t got = recv(fd, sink, sizeof sink, MSG_DONTWAIT);
		if (got <= 0)
			return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
	}
	return 1;
}

/* Closes the sockets that ended or whose time is up. p[i + 1] is what
 * poll found of fds[i], for i < polled (later ones came since). The lock
 * is held. */
static void sweep(struct lingering *l, const struct pollfd *p, int polled)
{
	int64_t t = now_ms();
	for (int i = l->n - 1; i >= 0; i--) { /* downwards: the entry moved into i was seen */
		int open = i < polled && p[i + 1].revents ? drain(l->fds[i]) : 1;
		if (open && t < l->until[i])
			continue;
		close(l->fds[i]);
		l->n--;
		l->fds[i] = l->fds[l->n], l->until[i] = l->until[l->n];
	}
}

static void *linger_main(void *arg)
{
	struct lingering *l = arg;
	struct pollfd p[LINGER_MAX + 1];
	for (;;) {
		pthread_mutex_lock(&l->lock);
		if (l->stopping) {
			pthread_mutex_unlock(&l->lock);
			return NULL;
		}
		int n = l->n;
		int64_t soonest = -1, t = now_ms();
		p[0] = (struct pollfd){.fd = l->wake, .events = POLLIN};
		for (int i = 0; i < n; i++) {
			p[i + 1] = (struct pollfd){.fd = l->fds[i], .events = POLLIN};
			if (soonest < 0 || l->until[i] < soonest)
				soonest = l->until[i];
		}
		pthread_mutex_unlock(&l->lock);
		int wait = soonest < 0 ? -1 : soonest > t ? (int)(soonest - t) : 0;
		if (poll(p, (nfds_t)n + 1, wait) < 0 && errno != EINTR)
			continue;
		if (p[0].revents) {
			uint64_t v;
			(void)!read(l->wake, &v, sizeof v);
		}
		pthread_mutex_lock(&l->lock);
		sweep(l, p, n); /* only this thread removes: fds[0..n) are those polled */
		pthread_mutex_unlock(&l->lock);
	}
}

struct lingering *linger_start(void)
{
	struct lingering *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	pthread_mutex_init(&l->lock, NULL);
	if (l->wake < 0 || pthread_create(&l->thread, NULL, linger_main, l)) {
		if (l->wake >= 0)
			close(l->wake);
		pthread_mutex_destroy(&l->lock);
		free(l);
		return NULL;
	}
	return l;
}

void linger_add(struct lingering *l, int fd)
{
	if (!l || fd < 0)
		return;
	pthread_mutex_lock(&l->lock);
	int kept = -1;
	if (l->n < LINGER_MAX && !l->stopping)
		kept = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (kept >= 0) {
		l->fds[l->n] = kept;
		l->until[l->n++] = now_ms() + LINGER_MS;
	}
	pthread_mutex_unlock(&l->lock);
	uint64_t one = 1;
	(void)!write(l->wake, &one, sizeof one);
}

void linger_stop(struct lingering *l)
{
	if (!l)
		return;
	pthread_mutex_lock(&l->lock);
	l->stopping = 1;
	pthread_mutex_unlock(&l->lock);
	uint64_t one = 1;
	(void)!write(l->wake, &one, sizeof one);
	pthread_join(l->thread, NULL);
	for (int i = 0; i < l->n; i++)
		close(l->fds[i]);
	close(l->wake);
	pthread_mutex_destroy(&l->lock);
	free(l);
}
