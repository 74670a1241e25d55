/* Content coding: which answers are gzipped, for which clients, and the
 * static files' gzipped forms, made once at start.
 *
 * A text answer (HTML, CSS, JS, JSON, XML, SVG, CSV) of at least GZIP_MIN
 * bytes is sent gzipped to a client whose Accept-Encoding takes gzip; every
 * text answer, gzipped or not, says Vary: Accept-Encoding, so that a shared
 * cache never hands the gzipped form to a client that cannot read it.
 * Smaller bodies are sent as they are: their gzip header and the work
 * outweigh the bytes saved (a 1 KB page saves about 500 bytes, under one
 * TCP segment). */
#include "web_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* zlib's default. A 17 KB page: level 6 makes 5,203 bytes in 141 us, level
 * 1 5,679 in 61 us, level 9 5,196; pages are mostly gzipped once, for the
 * page cache, and sent many times, so the smaller form wins. */
#define GZIP_LEVEL 6

int gzip_compressible(const char *type)
{
	if (!type)
		return 1; /* the server's default: text/html */
	size_t n = strcspn(type, ";");
	while (n && type[n - 1] == ' ')
		n--;
	if (!strncasecmp(type, "text/", 5))
		return 1;
	return (n >= 4 && !strncasecmp(type + n - 4, "json", 4)) ||
	       (n >= 3 && !strncasecmp(type + n - 3, "xml", 3)); /* also +xml: Atom, RSS, SVG */
}

/* Advances *s over spaces and tabs. */
static void skip_space(const char **s)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
}

/* Is the q-value at s (after "q=") zero? "0", "0.", "0.000" are; a value
 * that is not a number is taken as 1, the default, as if not given. */
static int q_is_zero(const char *s)
{
	if (*s != '0')
		return 0;
	s++;
	if (*s == '.')
		for (s++; *s == '0'; s++)
			;
	return !(*s >= '1' && *s <= '9');
}

/* The q-value of one element of Accept-Encoding, from s (past its coding)
 * to end: 0 when it says q=0, else 1. */
static int element_accepts(const char *s, const char *end)
{
	while (s < end) {
		const char *semi = memchr(s, ';', (size_t)(end - s));
		if (!semi)
			return 1;
		s = semi + 1;
		skip_space(&s);
		if ((*s == 'q' || *s == 'Q') && s[1] == '=')
			return !q_is_zero(s + 2);
	}
	return 1;
}

int gzip_accepted(const char *accept_encoding)
{
	int gzip = -1, star = -1; /* -1: not named */
	const char *s = accept_encoding;
	while (s && *s) {
		skip_space(&s);
		size_t len = strcspn(s, ",");
		size_t name = strcspn(s, ",; \t");
		int ok = element_accepts(s + name, s + len);
		if ((name == 4 && !strncasecmp(s, "gzip", 4)) || (name == 6 && !strncasecmp(s, "x-gzip", 6)))
			gzip = gzip == 0 ? 0 : ok; /* one refusal is enough */
		else if (name == 1 && *s == '*')
			star = ok;
		s += len;
		if (*s == ',')
			s++;
	}
	return gzip >= 0 ? gzip : star > 0;
}

/* Each thread's deflate stream, made on first use and reset for each
 * body: a fresh stream allocates and clears ~260 KB, which took 1 ms of a
 * 17 KB page's 1.1 ms (reset: 0.14 ms; docs/bench.md). */
static pthread_key_t stream_key;
static pthread_once_t stream_once = PTHREAD_ONCE_INIT;
static int stream_key_ok;

static void stream_free(void *z)
{
	deflateEnd(z);
	free(z);
}

static void stream_key_make(void)
{
	stream_key_ok = !pthread_key_create(&stream_key, stream_free);
}

/* This thread's stream, reset; NULL when out of memory. */
static z_stream *thread_stream(void)
{
	pthread_once(&stream_once, stream_key_make);
	if (!stream_key_ok)
		return NULL;
	z_stream *z = pthread_getspecific(stream_key);
	if (z)
		return deflateReset(z) == Z_OK ? z : NULL;
	if (!(z = calloc(1, sizeof *z)))
		return NULL;
	if (deflateInit2(z, GZIP_LEVEL, Z_DEFLATED, 15 + 16 /* gzip wrapper */, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		free(z);
		return NULL;
	}
	if (pthread_setspecific(stream_key, z)) {
		stream_free(z);
		return NULL;
	}
	return z;
}

int gzip_encode(struct arena *a, const char *data, size_t len, const char **out, size_t *out_len)
{
	z_stream *z = len <= UINT32_MAX ? thread_stream() : NULL;
	if (!z)
		return -1;
	uLong bound = deflateBound(z, (uLong)len);
	unsigned char *dst = arena_alloc(a, bound);
	if (!dst)
		return -1;
	z->next_in = (Bytef *)(uintptr_t)data; /* zlib reads it only */
	z->avail_in = (uInt)len;
	z->next_out = dst;
	z->avail_out = (uInt)bound;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return -1;
	*out = (const char *)dst;
	*out_len = z->total_out;
	return 0;
}

/* The static files' gzipped forms, by their index in web_assets[]: made
 * once by gzip_assets_init(), read by every worker after. */
static struct {
	struct arena a;
	const char **data;
	size_t *len;
} assets;

int gzip_assets_init(void)
{
	arena_init(&assets.a);
	assets.data = arena_alloc(&assets.a, web_nassets * sizeof *assets.data);
	assets.len = arena_alloc(&assets.a, web_nassets * sizeof *assets.len);
	if (!assets.data || !assets.len)
		return -1;
	for (size_t i = 0; i < web_nassets; i++) {
		const struct web_asset *w = &web_assets[i];
		if (!strncmp(w->name, "static/", 7) && w->len >= GZIP_MIN &&
		    gzip_encode(&assets.a, w->data, w->len, &assets.data[i], &assets.len[i]))
			return -1;
	}
	return 0;
}

const char *gzip_asset(const struct web_asset *w, size_t *len)
{
	size_t i = (size_t)(w - web_assets);
	if (!assets.data || i >= web_nassets || !assets.data[i])
		return NULL;
	*len = assets.len[i];
	return assets.data[i];
}

void gzip_assets_free(void)
{
	if (stream_key_ok && pthread_getspecific(stream_key)) { /* the main thread's, made for the assets */
		stream_free(pthread_getspecific(stream_key));
		pthread_setspecific(stream_key, NULL);
	}
	arena_free(&assets.a);
	assets.data = NULL;
	assets.len = NULL;
}
