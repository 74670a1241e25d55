/* The server's events (start, stop, store errors, failed logins, mail
 * deliveries, translations): one line each on stderr, with a level.
 *
 * Under systemd, stderr is the journal's stream ($JOURNAL_STREAM names its
 * device and inode, sd-daemon(3)); a line then starts with the syslog
 * level in angle brackets ("<4>login failed ..."), which journald takes as
 * the entry's priority (SyslogLevelPrefix=, on by default) and strips.
 * Elsewhere (a terminal, a file) the line reads "praxis: warning: login
 * failed ...": the word is for people and grep, the "praxis: " prefix
 * tells the lines apart from a sanitizer's or a library's on the same
 * stream. (logfmt's level=... msg="..." was the other candidate: it is
 * made for a collector that parses fields, but journald and fail2ban both
 * read free text, and it quotes the whole message.)
 *
 * A line is written with one write(2): lines from several threads never
 * interleave. Control bytes in the message become \xHH, so that nothing a
 * visitor typed (a user name) can start a line of its own. */
#include "core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINE_MAX_BYTES 2048 /* longer messages are cut (with "...") */

static const char *const level_names[] = {[PX_LOG_ERR] = "error",
					  [PX_LOG_WARNING] = "warning",
					  [PX_LOG_NOTICE] = "notice",
					  [PX_LOG_INFO] = "info"};

/* Is fd 2 the stream $JOURNAL_STREAM names ("DEV:INODE", decimal)? */
static int stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	const char *colon = js ? strchr(js, ':') : NULL;
	int64_t dev, ino;
	struct stat st;
	if (!colon || px_parse_i64(js, (size_t)(colon - js), 0, &dev) ||
	    px_parse_i64(colon + 1, strlen(colon + 1), 0, &ino) || fstat(2, &st))
		return 0;
	return (uint64_t)dev == (uint64_t)st.st_dev && (uint64_t)ino == (uint64_t)st.st_ino;
}

/* Appends s[0..n) with control bytes and DEL as \xHH; also '"' and '\\' if
 * quotes, every byte from 0x80 if high. */
static enum px_err escape(struct buf *b, const char *s, size_t n, int quotes, int high)
{
	static const char hex[] = "0123456789ABCDEF";
	enum px_err err = PX_OK;
	for (size_t i = 0; i < n && !err; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || (quotes && (c == '"' || c == '\\')) || (high && c >= 0x80)) {
			char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			err = buf_add(b, e, 4);
		} else {
			err = buf_addc(b, (char)c);
		}
	}
	return err;
}

enum px_err px_log_quote(struct buf *b, const char *s, size_t n, int high)
{
	return escape(b, s, n, 1, high);
}

void px_log(enum px_log_level level, const char *fmt, ...)
{
	char msg[LINE_MAX_BYTES];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1;
	struct buf line;
	buf_init(&line, LINE_MAX_BYTES * 4 + 32);
	enum px_err err = stderr_is_journal() ? buf_printf(&line, "<%d>", (int)level)
					      : buf_printf(&line, "praxis: %s: ", level_names[level]);
	if (!err) /* no message may break the line */
		err = escape(&line, msg, len, 0, 0);
	if (!err && (size_t)n >= sizeof msg)
		err = buf_adds(&line, "...");
	if (!err)
		err = buf_addc(&line, '\n');
	if (!err) {
		ssize_t w = write(2, line.data, line.len); /* one write: lines never interleave */
		(void)w;                                   /* nowhere to tell of a failed write to stderr */
	}
	buf_free(&line);
}
