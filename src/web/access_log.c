/* The access log: a line per request in the Combined Log Format, which
 * GoAccess (--log-format=COMBINED), AWStats and fail2ban read, with the
 * request's duration as one more field at the end:
 *
 *   203.0.113.7 - ana [07/Dec/2026:10:18:48 +0000] "GET /node/7 HTTP/1.1" 200 9264 "https://hub.example.org/"
 * "Mozilla/5.0 ..." 0.001980
 *
 * the client's address (a trusted proxy's X-Forwarded-For once believed:
 * server.c), "-" (identd), the signed-in user's name or "-", the time the
 * request came in (local time with its offset, English month names
 * whatever the locale), the request line as sent, the status (0 when the
 * client left before any answer), the body's bytes ("-" for none, as
 * Apache's %b), the Referer and User-Agent headers ("-" when absent), and
 * the seconds from the request line to the end of the answer, with
 * microseconds (nginx's $request_time unit; Apache's %D counts
 * microseconds). Quotes, backslashes, control bytes and bytes from 0x80
 * in the quoted fields are written \xHH, as nginx does: a line is always
 * one line, and its fields split where a reader expects.
 *
 * Every request is logged, a load balancer's /healthz polls too (they
 * are requests like the others, and /metrics counts them): filter them
 * in the reader if they are noise. */
#include "web_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define FIELD_MAX 4096 /* bytes of one quoted field kept (a URI is at most 2 KB, headers 32 KB) */
_Static_assert(ACCESS_LINE_MAX >= 5 * 4 * FIELD_MAX + 256,
	       "a line of five whole fields, each byte \\xHH, fits");

static int open_file(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

enum px_err access_log_open(struct access_log *al, const char *path, int off, struct buf *why)
{
	al->path = off ? NULL : path;
	al->fd = off ? -1 : path ? open_file(path) : 2;
	pthread_rwlock_init(&al->lock, NULL);
	if (al->fd < 0 && !off) {
		buf_reject(why, "cannot open the access log %s: %s", path, strerror(errno));
		pthread_rwlock_destroy(&al->lock);
		return PX_EIO;
	}
	return PX_OK;
}

enum px_err access_log_reopen(struct access_log *al, struct buf *why)
{
	if (!al->path || al->fd < 0)
		return PX_OK;
	int fd = open_file(al->path);
	if (fd < 0) {
		buf_reject(why, "cannot reopen the access log %s: %s", al->path, strerror(errno));
		return PX_EIO;
	}
	pthread_rwlock_wrlock(&al->lock); /* no worker is writing a line now */
	int old = al->fd;
	al->fd = fd;
	pthread_rwlock_unlock(&al->lock);
	close(old);
	return PX_OK;
}

void access_log_close(struct access_log *al)
{
	if (al->path && al->fd >= 0)
		close(al->fd);
	al->fd = -1;
	pthread_rwlock_destroy(&al->lock);
}

/* s as a quoted field, "-" for NULL or empty (as nginx). */
static enum px_err quoted(struct buf *out, const char *s)
{
	if (!s || !*s)
		return buf_adds(out, "\"-\"");
	size_t n = strnlen(s, FIELD_MAX);
	enum px_err err = buf_addc(out, '"');
	if (!err)
		err = px_log_quote(out, s, n, 1);
	return err ? err : buf_addc(out, '"');
}

/* CLF's time: [07/Dec/2026:10:18:48 +0100], month names in English. */
static enum px_err add_time(struct buf *out, time_t t)
{
	static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	localtime_r(&t, &tm);
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	off = off < 0 ? -off : off;
	return buf_printf(out, "[%02d/%s/%04d:%02d:%02d:%02d %c%02ld%02ld]", tm.tm_mday, months[tm.tm_mon],
			  tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
}

/* The request line, quoted: method, URI and protocol as sent. */
static enum px_err request_line(struct buf *out, const struct access_entry *e)
{
	if (!e->method || !e->uri)
		return buf_adds(out, "\"-\"");
	enum px_err err = buf_addc(out, '"');
	const char *part[] = {e->method, e->uri, e->protocol};
	for (size_t i = 0; i < 3 && !err && part[i]; i++) {
		if (i)
			err = buf_addc(out, ' ');
		if (!err)
			err = px_log_quote(out, part[i], strnlen(part[i], FIELD_MAX), 1);
	}
	return err ? err : buf_addc(out, '"');
}

enum px_err access_log_line(struct buf *out, const struct access_entry *e)
{
	enum px_err err = buf_printf(out, "%s - %s ", e->addr && *e->addr ? e->addr : "-",
				     e->user && *e->user ? e->user : "-");
	if (!err)
		err = add_time(out, e->received);
	if (!err)
		err = buf_addc(out, ' ');
	if (!err)
		err = request_line(out, e);
	if (!err && e->bytes)
		err = buf_printf(out, " %d %zu ", e->status, e->bytes);
	else if (!err)
		err = buf_printf(out, " %d - ", e->status);
	if (!err)
		err = quoted(out, e->referer);
	if (!err)
		err = buf_addc(out, ' ');
	if (!err)
		err = quoted(out, e->agent);
	return err ? err : buf_printf(out, " %.6f\n", e->seconds);
}

void access_log_write(struct access_log *al, const struct access_entry *e)
{
	if (al->fd < 0)
		return;
	struct buf line;
	buf_init(&line, ACCESS_LINE_MAX);
	if (!access_log_line(&line, e)) {
		pthread_rwlock_rdlock(&al->lock);
		ssize_t w = write(al->fd, line.data, line.len); /* one write: lines never interleave */
		pthread_rwlock_unlock(&al->lock);
		(void)w; /* a full disk loses lines, never the answer */
	}
	buf_free(&line);
}
