/* Running Apertium: one process per hop, chained by pipes, in one process
 * group that is killed whole past the time limit (mt.h). */
#include "mt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define OUTPUT_MAX ((size_t)16 << 20) /* whatever the input: no page is that long */

static atomic_ulong runs;

unsigned long mt_runs(void)
{
	return atomic_load(&runs);
}

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Starts "PROGRAM -d DIR -u -f html MODE" with stdin from in, stdout to
 * out, stderr to /dev/null, in process group pgroup (0: a new one, its
 * own pid), signals as a fresh process has them. -1 on failure. */
static pid_t start(const struct mt *m, const struct mt_direction *d, int in, int out, pid_t pgroup)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, deflt;
	sigemptyset(&none);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGPIPE); /* the server ignores it: a pipeline must not */
	sigaddset(&deflt, SIGINT);
	sigaddset(&deflt, SIGTERM);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, pgroup);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &deflt);
	char *argv[] = {(char *)mt_program(m), "-d", (char *)d->dir, "-u", "-f", "html", (char *)d->mode, NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc) {
		errno = rc;
		return -1;
	}
	atomic_fetch_add(&runs, 1);
	return pid;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Feeds in[0..len) to fd_in and reads fd_out to its end into out, until
 * deadline (or mt_cancel()). 0 when done; -1 past the deadline; -2 past the output cap;
 * -3 on a read error. Closes both descriptors. */
static int exchange(const struct mt *m, int *fd_in, int *fd_out, const char *in, size_t len, struct buf *out,
		    int64_t deadline)
{
	size_t sent = 0, cap = out->len + OUTPUT_MAX;
	int rc = 0;
	fcntl(*fd_in, F_SETFL, O_NONBLOCK);
	if (!len)
		close_fd(fd_in);
	while (*fd_out >= 0) {
		int64_t left = deadline - now_ms();
		if (left <= 0 || mt_cancelled(m)) {
			rc = -1;
			break;
		}
		struct pollfd p[2] = {{.fd = *fd_out, .events = POLLIN}, {.fd = *fd_in, .events = POLLOUT}};
		if (poll(p, *fd_in >= 0 ? 2 : 1, (int)(left > 1000 ? 1000 : left)) < 0 && errno != EINTR) {
			rc = -3;
			break;
		}
		if (*fd_in >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(*fd_in, in + sent, len - sent);
			if (w > 0)
				sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == len)
				close_fd(fd_in); /* all given, or the pipeline stopped reading */
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char chunk[65536];
			ssize_t r = read(*fd_out, chunk, sizeof chunk);
			if (r == 0)
				break;
			if (r < 0 && errno != EAGAIN && errno != EINTR) {
				rc = -3;
				break;
			}
			if (r > 0 && (out->len + (size_t)r > cap || buf_add(out, chunk, (size_t)r))) {
				rc = -2;
				break;
			}
		}
	}
	close_fd(fd_in);
	close_fd(fd_out);
	return rc;
}

/* Waits for the hops until deadline, then kills the group and waits for
 * the rest: no zombie is left. 1 if every hop exited 0. */
static int reap(pid_t *pids, size_t n, pid_t group, int64_t deadline, int kill_now)
{
	int ok = 1;
	size_t left = n;
	if (kill_now)
		killpg(group, SIGKILL);
	while (left) {
		for (size_t i = 0; i < n; i++) {
			int status;
			if (pids[i] <= 0)
				continue;
			pid_t r = waitpid(pids[i], &status, kill_now ? 0 : WNOHANG);
			if (r == pids[i] || (r < 0 && errno == ECHILD)) {
				ok &= r == pids[i] && WIFEXITED(status) && WEXITSTATUS(status) == 0;
				pids[i] = 0;
				left--;
			}
		}
		if (left && !kill_now) {
			if (now_ms() >= deadline) {
				killpg(group, SIGKILL);
				kill_now = 1;
				ok = 0;
			} else {
				struct timespec t = {.tv_nsec = 5 * 1000000};
				nanosleep(&t, NULL);
			}
		}
	}
	/* no killpg() once the leader is reaped: its id may be another's by
	 * then (the wrapper waits for its pipeline, so none is left) */
	return ok && !kill_now;
}

enum px_err mt_run(const struct mt *m, const struct mt_path *p, const char *in, size_t len, struct buf *out,
		   struct buf *why)
{
	int64_t deadline = now_ms() + mt_timeout_ms(m);
	int fds[MT_HOPS_MAX + 1][2];
	pid_t pids[MT_HOPS_MAX] = {0};
	size_t started = 0, before = out->len;
	for (size_t i = 0; i <= p->hops; i++)
		fds[i][0] = fds[i][1] = -1;
	for (size_t i = 0; i <= p->hops; i++)
		if (pipe2(fds[i], O_CLOEXEC)) {
			buf_reject(why, "cannot make a pipe: %s", strerror(errno));
			for (size_t j = 0; j < i; j++)
				close_fd(&fds[j][0]), close_fd(&fds[j][1]);
			return PX_EIO;
		}
	/* hop i reads fds[i][0] and writes fds[i + 1][1] */
	int spawn_errno = 0;
	for (; started < p->hops; started++) {
		pid_t pid = start(m, p->hop[started], fds[started][0], fds[started + 1][1], started ? pids[0] : 0);
		if (pid < 0) {
			spawn_errno = errno;
			break;
		}
		pids[started] = pid;
		close_fd(&fds[started][0]);
		close_fd(&fds[started + 1][1]);
	}
	int rc = -4;
	if (started == p->hops)
		rc = exchange(m, &fds[0][1], &fds[p->hops][0], in, len, out, deadline);
	for (size_t i = 0; i <= p->hops; i++)
		close_fd(&fds[i][0]), close_fd(&fds[i][1]);
	int ok = started ? reap(pids, started, pids[0], deadline, rc != 0) : 0;
	if (rc == -4 || !ok || rc) {
		out->len = before;
		if (out->data)
			out->data[before] = '\0';
		if (rc == -4)
			buf_reject(why, "cannot start %s: %s", mt_program(m), strerror(spawn_errno));
		else if (rc == -1 && mt_cancelled(m))
			buf_reject(why, "Apertium stopped: praxis is stopping");
		else if (rc == -1 || (!rc && now_ms() >= deadline))
			buf_reject(why, "Apertium took longer than %u s: stopped", mt_timeout_ms(m) / 1000);
		else if (rc == -2)
			buf_reject(why, "Apertium's output passed %zu MB: stopped", OUTPUT_MAX >> 20);
		else
			buf_reject(why, "Apertium failed (%s)", rc ? strerror(errno) : "it exited with an error");
		return PX_EIO;
	}
	return PX_OK;
}
