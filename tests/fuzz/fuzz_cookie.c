/* libFuzzer target: Cookie headers, through the real server. The server
 * (web_serve, an empty store in a temporary directory) runs in a thread;
 * each input is sent as the Cookie header of a GET of an editors' page and
 * of a POST of the login form. Properties: every answer is a whole HTTP
 * response with a status below 500, and the server keeps answering. */
#include "index/index.h"
#include "store/store.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned port;

static void *serve(void *arg)
{
	struct buf why;
	buf_init(&why, 4096);
	if (web_serve(arg, &why))
		fprintf(stderr, "fuzz_cookie: %s\n", why.data ? why.data : "cannot serve");
	abort(); /* web_serve returns only when stopped, which nothing does */
}

static void start(void)
{
	static char dir[] = "/tmp/praxis-fuzz-cookie-XXXXXX", db[128];
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/t.db", dir);
	/* the store exists before the server starts, as `praxis serve` makes
	 * it: the workers open an existing store only */
	struct store *st;
	struct buf why;
	buf_init(&why, 4096);
	if (store_open(db, &st, &why))
		abort();
	store_close(st);
	buf_free(&why);
	int fds[2];
	if (pipe(fds))
		abort();
	static struct web_options o = {0};
	o.db = db;
	o.ix = index_new();
	o.threads = 2;
	o.quiet = 1; /* no access log: a line per input would be noise */
	o.ready = fdopen(fds[1], "w");
	pthread_t t;
	if (!o.ix || !o.ready || pthread_create(&t, NULL, serve, &o))
		abort();
	char line[256];
	FILE *in = fdopen(fds[0], "r");
	const char *colon = in && fgets(line, sizeof line, in) ? strrchr(line, ':') : NULL;
	int64_t p;
	if (!colon || px_parse_i64(colon + 1, strcspn(colon + 1, "/"), 0, &p) || p < 1 || p > 65535)
		abort(); /* "praxis: serving http://127.0.0.1:PORT/" */
	port = (unsigned)p;
}

/* Sends req, reads the answer; aborts unless it is a status below 500. */
static void exchange(const char *req, size_t n)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a))
		abort(); /* the server is gone */
	for (size_t off = 0; off < n;) {
		ssize_t w = write(s, req + off, n - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	shutdown(s, SHUT_WR);
	char head[16] = {0};
	size_t got = 0;
	ssize_t r;
	while (got < 12 && (r = read(s, head + got, 12 - got)) > 0)
		got += (size_t)r;
	close(s);
	/* no answer at all: libmicrohttpd dropped a request it could not parse */
	if (got && (got < 12 || strncmp(head, "HTTP/1.", 7) || head[9] >= '5'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, start);
	if (size > 4096)
		return 0;
	char *req = malloc(size + 512);
	if (!req)
		return 0;
	static const char *const heads[] = {
		"GET /admin HTTP/1.1\r\nHost: h\r\nCookie: ",
		"POST /login HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
		"Content-Length: 25\r\nCookie: "};
	for (int i = 0; i < 2; i++) {
		size_t n = (size_t)snprintf(req, 256, "%s", heads[i]);
		memcpy(req + n, data, size);
		n += size;
		n += (size_t)snprintf(req + n, 256, "\r\n\r\n%s", i ? "csrf=x&name=a&password=bb" : "");
		exchange(req, n);
	}
	free(req);
	return 0;
}
