/* The mailer (mailer.h): the outbox handed to a relay through libcurl.
 *
 * Every header of a message is written here from checked values (the
 * outbox refuses addresses and subjects with control characters), the
 * subject as RFC 2047 encoded words when it is not ASCII, and the body in
 * base64, so no byte a visitor typed can end a header or the message. */
#include "mailer.h"
#include "../store/mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LEASE_S      300   /* a message being sent is no other mailer's for this long */
#define BACKOFF_MAX  86400 /* the longest wait between two attempts */
#define IDLE_TICK_S  5     /* how often an idle mailer looks at the outbox */
#define SUBJECT_WORD 45    /* bytes of UTF-8 per encoded word: 60 of base64, under 75 with its frame */
#define BODY_LINE    57    /* bytes per body line: 76 of base64 */

struct mailer {
	struct mailer_options o;
	char from[MAIL_ADDR_MAX + 1];
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;  /* set under lock, read atomically by the sending loop */
	int woken; /* under lock */
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ---- composing ---- */

/* RFC 5322's date: English names whatever the locale. */
static enum px_err add_date(struct buf *m, time_t now)
{
	static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	gmtime_r(&now, &tm);
	return buf_printf(m, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
			  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* n at most BODY_LINE (libsodium aborts on a short output buffer). */
static enum px_err add_base64(struct buf *m, const char *s, size_t n)
{
	char out[sodium_base64_ENCODED_LEN(BODY_LINE, sodium_base64_VARIANT_ORIGINAL)];
	if (n > BODY_LINE)
		return PX_EUSAGE;
	sodium_bin2base64(out, sizeof out, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	return buf_adds(m, out);
}

/* The subject as is when it is printable ASCII, else as encoded words of
 * whole characters, one per folded line. */
static enum px_err add_subject(struct buf *m, const char *subject)
{
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)subject; *p; p++)
		ascii &= *p >= ' ' && *p < 0x7f;
	if (ascii && strlen(subject) <= 900)
		return buf_printf(m, "Subject: %s\r\n", subject);
	enum px_err err = buf_adds(m, "Subject:");
	for (const char *p = subject; *p && !err;) {
		size_t n = strlen(p) < SUBJECT_WORD ? strlen(p) : SUBJECT_WORD;
		while (n < strlen(p) && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--; /* never split a character */
		err = buf_adds(m, " =?UTF-8?B?");
		if (!err)
			err = add_base64(m, p, n);
		if (!err)
			err = buf_adds(m, "?=\r\n"); /* the next word on a folded line */
		p += n;
	}
	return err;
}

/* The body in canonical form (CRLF line ends, RFC 2045), then base64. */
static enum px_err add_body(struct buf *m, const char *body)
{
	struct buf crlf;
	buf_init(&crlf, MAIL_BODY_MAX * 2 + 2);
	enum px_err err = PX_OK;
	for (const char *p = body; *p && !err; p++)
		err = *p == '\n' && (p == body || p[-1] != '\r') ? buf_adds(&crlf, "\r\n") : buf_addc(&crlf, *p);
	for (size_t i = 0; i < crlf.len && !err; i += BODY_LINE) {
		err = add_base64(m, crlf.data + i, crlf.len - i < BODY_LINE ? crlf.len - i : BODY_LINE);
		if (!err)
			err = buf_adds(m, "\r\n");
	}
	buf_free(&crlf);
	return err;
}

static enum px_err compose(const struct mailer *mr, const struct outbox_msg *msg, time_t now, struct buf *m)
{
	unsigned char id[12];
	char hex[25];
	randombytes_buf(id, sizeof id);
	sodium_bin2hex(hex, sizeof hex, id, sizeof id);
	enum px_err err = add_date(m, now);
	if (!err)
		err = buf_printf(m, "From: %s\r\nTo: %s\r\n", mr->from, msg->to);
	if (!err && *msg->reply_to)
		err = buf_printf(m, "Reply-To: %s\r\n", msg->reply_to);
	if (!err)
		err = buf_printf(m, "Message-ID: <%lld.%s%s>\r\n", (long long)msg->id, hex, strrchr(mr->from, '@'));
	if (!err)
		err = add_subject(m, msg->subject);
	if (!err)
		err = buf_adds(m, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
				  "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n");
	if (!err)
		err = add_body(m, msg->body);
	return err;
}

/* ---- sending ---- */

struct upload {
	const char *p;
	size_t left;
};

static size_t read_message(char *to, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(to, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

enum delivery { DELIVERED, TRY_LATER, REFUSED };

/* One message to the relay; why gets curl's or the relay's answer. */
static enum delivery deliver(const struct mailer *mr, const struct outbox_msg *msg, struct buf *why)
{
	struct buf m;
	buf_init(&m, MAIL_BODY_MAX * 2);
	if (compose(mr, msg, time(NULL), &m)) {
		buf_free(&m);
		(void)buf_reject(why, "the message could not be composed");
		return TRY_LATER;
	}
	char from[MAIL_ADDR_MAX + 3], to[MAIL_ADDR_MAX + 3];
	snprintf(from, sizeof from, "<%s>", mr->from);
	snprintf(to, sizeof to, "<%s>", msg->to);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct upload u = {.p = m.data, .left = m.len};
	char err[CURL_ERROR_SIZE] = "";
	CURL *c = curl_easy_init();
	CURLcode rc = CURLE_OUT_OF_MEMORY;
	long code = 0;
	if (c && rcpt) {
		curl_easy_setopt(c, CURLOPT_URL, mr->o.smtp);
		curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
		curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
		curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
		curl_easy_setopt(c, CURLOPT_READDATA, &u);
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
		rc = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpt);
	buf_free(&m);
	if (rc == CURLE_OK)
		return DELIVERED;
	(void)buf_reject(why, "%s (%ld)", *err ? err : curl_easy_strerror(rc), code);
	/* 5xx is the relay's final word on this message; anything else (no
	 * connection, 4xx, a timeout) may pass later */
	return code >= 500 && code < 600 ? REFUSED : TRY_LATER;
}

static int backoff(const struct mailer *mr, int attempts)
{
	int64_t s = mr->o.retry_s ? mr->o.retry_s : 60;
	for (int i = 0; i < attempts && s < BACKOFF_MAX; i++)
		s *= 2;
	return s < BACKOFF_MAX ? (int)s : BACKOFF_MAX;
}

static void log_line(const struct mailer *mr, enum px_log_level level, const struct outbox_msg *msg,
		     const char *what, const char *why)
{
	if (mr->o.log)
		px_log(level, "mail: message %lld %s%s%s", (long long)msg->id, what, why ? ": " : "", why ? why : "");
}

/* Sends one due message: 1 sent, 0 none due, -1 a failure (recorded). */
static int send_one(const struct mailer *mr, struct store *st)
{
	struct outbox_msg msg = {0};
	time_t now = time(NULL);
	enum px_err err = outbox_take(st, now, LEASE_S, &msg);
	if (err)
		return err == PX_ENOTFOUND ? 0 : -1;
	struct buf why;
	buf_init(&why, 1024);
	enum delivery d = deliver(mr, &msg, &why);
	const char *reason = why.len ? why.data : "";
	int done = d == DELIVERED ? !outbox_sent(st, msg.id, time(NULL))
		   : d == REFUSED ? !outbox_refused(st, msg.id, reason)
				  : !outbox_failed(st, msg.id, time(NULL), backoff(mr, msg.attempts), reason);
	log_line(mr, d == DELIVERED ? PX_LOG_INFO : PX_LOG_WARNING, &msg, d == DELIVERED ? "sent" : d == REFUSED ? "refused for good" : "not sent, will retry",
		 d == DELIVERED ? NULL : reason);
	if (!done)
		log_line(mr, PX_LOG_ERR, &msg, "could not be marked in the store", NULL);
	buf_free(&why);
	outbox_msg_clear(&msg);
	return d == DELIVERED ? 1 : -1;
}

static enum px_err mailer_init(struct mailer *mr, const struct mailer_options *o, struct buf *why)
{
	pthread_once(&curl_once, curl_start);
	mr->o = *o;
	if (!o->smtp || (strncmp(o->smtp, "smtp://", 7) && strncmp(o->smtp, "smtps://", 8)))
		return buf_reject(why, "--smtp: not an smtp:// or smtps:// URL"), PX_EUSAGE;
	if (o->from) {
		if (!mail_address_ok(o->from))
			return buf_reject(why, "--mail-from: not an e-mail address"), PX_EUSAGE;
		snprintf(mr->from, sizeof mr->from, "%s", o->from);
	} else {
		char host[200] = "localhost";
		gethostname(host, sizeof host - 1);
		snprintf(mr->from, sizeof mr->from, "praxis@%s", host);
		if (!mail_address_ok(mr->from))
			snprintf(mr->from, sizeof mr->from, "praxis@localhost");
	}
	return PX_OK;
}

enum px_err mailer_send_due(struct store *st, const struct mailer_options *o, size_t *sent, size_t *failed,
			    struct buf *why)
{
	struct mailer mr = {0};
	enum px_err err = mailer_init(&mr, o, why);
	*sent = *failed = 0;
	for (int r; !err && (r = send_one(&mr, st)) != 0;)
		++*(r > 0 ? sent : failed);
	return err;
}

static void *mailer_main(void *arg)
{
	struct mailer *mr = arg;
	struct store *st = NULL;
	struct buf why;
	buf_init(&why, 1024);
	pthread_mutex_lock(&mr->lock);
	while (!mr->stop) {
		pthread_mutex_unlock(&mr->lock);
		if (!st && store_open_existing(mr->o.db, &st, &why) && mr->o.log)
			px_log(PX_LOG_ERR, "mail: cannot open the store: %s", why.data);
		int r = 1;
		while (st && r > 0 && !__atomic_load_n(&mr->stop, __ATOMIC_RELAXED))
			r = send_one(mr, st);
		pthread_mutex_lock(&mr->lock);
		if (mr->stop || mr->woken) {
			mr->woken = 0;
			continue;
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		unsigned tick = mr->o.retry_s && mr->o.retry_s < IDLE_TICK_S ? mr->o.retry_s : IDLE_TICK_S;
		until.tv_sec += tick;
		pthread_cond_timedwait(&mr->wake, &mr->lock, &until);
		mr->woken = 0;
	}
	pthread_mutex_unlock(&mr->lock);
	store_close(st);
	buf_free(&why);
	return NULL;
}

enum px_err mailer_start(const struct mailer_options *o, struct mailer **out, struct buf *why)
{
	struct mailer *mr = calloc(1, sizeof *mr);
	if (!mr)
		return PX_ENOMEM;
	enum px_err err = mailer_init(mr, o, why);
	if (err) {
		free(mr);
		return err;
	}
	pthread_mutex_init(&mr->lock, NULL);
	pthread_cond_init(&mr->wake, NULL);
	if (pthread_create(&mr->thread, NULL, mailer_main, mr)) {
		pthread_mutex_destroy(&mr->lock);
		pthread_cond_destroy(&mr->wake);
		free(mr);
		return buf_reject(why, "cannot start the mailer's thread"), PX_ENOMEM;
	}
	*out = mr;
	return PX_OK;
}

void mailer_wake(struct mailer *mr)
{
	if (!mr)
		return;
	pthread_mutex_lock(&mr->lock);
	mr->woken = 1;
	pthread_cond_signal(&mr->wake);
	pthread_mutex_unlock(&mr->lock);
}

void mailer_stop(struct mailer *mr)
{
	if (!mr)
		return;
	pthread_mutex_lock(&mr->lock);
	__atomic_store_n(&mr->stop, 1, __ATOMIC_RELAXED);
	pthread_cond_signal(&mr->wake);
	pthread_mutex_unlock(&mr->lock);
	pthread_join(mr->thread, NULL);
	pthread_mutex_destroy(&mr->lock);
	pthread_cond_destroy(&mr->wake);
	free(mr);
}

enum px_err mailer_lib_versions(struct buf *out)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	return buf_printf(out, "libcurl %s%s%s\n", v->version, v->ssl_version ? " " : "",
			  v->ssl_version ? v->ssl_version : "");
}
