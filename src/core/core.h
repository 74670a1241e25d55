/* core: the error type and the one growable buffer every module uses.
 *
 * struct buf owns its bytes, always keeps them NUL-terminated (so text can be
 * handed to C string APIs) and refuses to grow past its cap: a runaway input
 * becomes PX_ETOOBIG, never an exhausted machine.  It is the only place in
 * praxis that calls realloc.
 *
 * A buffer may also borrow bytes it does not own (buf_borrow: size 0, data
 * set), such as a list inside a mapped index snapshot: they are read in
 * place, not NUL-terminated, copied into owned memory on the first growth,
 * and never freed by the buffer. */
#ifndef PX_CORE_H
#define PX_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PX_WUR __attribute__((warn_unused_result))

/* Marks a message the web interface translates where it prints it (the
 * command line prints it as is): tools/i18n_check.py finds every N_() and
 * T() of src/ and wants a translation of each. */
#define N_(msgid) msgid

enum px_err {
	PX_OK = 0,
	PX_ENOMEM,    /* allocation failed */
	PX_ETOOBIG,   /* a buffer would pass its cap */
	PX_EIO,       /* reading or writing a file failed; errno is set */
	PX_EPARSE,    /* input is malformed; the parser has a message */
	PX_ESTORE,    /* the store refused an operation */
	PX_ENOTFOUND, /* no such node */
	PX_EUSAGE,    /* the caller passed a bad argument */
	PX_EDENIED,   /* not allowed: wrong password, throttled, no right */
	PX_ECONFLICT, /* someone else changed it first */
};

/* Returns a static, human-readable description of err. */
const char *px_strerror(enum px_err err);

struct buf {
	char *data;  /* owned (size > 0) and NUL-terminated, or borrowed (size 0) */
	size_t len;  /* bytes in use, excluding the terminating NUL */
	size_t size; /* bytes allocated; 0 when nothing is owned */
	size_t cap;  /* hard upper bound on len */
};

#define BUF_CAP_DEFAULT ((size_t)1 << 30) /* 1 GiB: larger than any file we accept */

/* Prepares an empty buffer that may grow to cap bytes; allocates nothing. */
void buf_init(struct buf *b, size_t cap);
/* Releases the bytes; b is empty and reusable afterwards. Accepts a zeroed b. */
void buf_free(struct buf *b);
/* Empties b but keeps its allocation (a borrowed b lets go of its bytes). */
void buf_reset(struct buf *b);
/* Makes b an n-byte view of p, which must outlive b and, if b's bytes are
 * changed in place, be writable (a private mapping is): see above. */
void buf_borrow(struct buf *b, const void *p, size_t n);
/* Appends n bytes. On failure b is unchanged. */
enum px_err buf_add(struct buf *b, const void *p, size_t n) PX_WUR;
enum px_err buf_adds(struct buf *b, const char *s) PX_WUR;
enum px_err buf_addc(struct buf *b, char c) PX_WUR;
/* Appends printf-formatted text. */
enum px_err buf_printf(struct buf *b, const char *fmt, ...) PX_WUR __attribute__((format(printf, 2, 3)));
/* Makes room for n more bytes without changing len. */
enum px_err buf_reserve(struct buf *b, size_t n) PX_WUR;
/* Appends s[0..n) escaped for HTML text and quoted attributes (& < > " ').
 * The one HTML escaper: the web's templates and the index's snippets use it. */
enum px_err buf_add_html(struct buf *b, const char *s, size_t n) PX_WUR;
/* Appends s (NULL: empty) as one RFC 4180 field, then ',' or, if last,
 * CRLF. A field a spreadsheet would run as a formula gets a leading
 * apostrophe (px_csv_defuse): exports are meant to be opened. The one CSV
 * escaper; ingest's csv.c is its inverse. */
enum px_err buf_add_csv(struct buf *b, const char *s, int last) PX_WUR;
/* 1 if buf_add_csv gives s a leading apostrophe: s, past the apostrophes it
 * starts with, starts with = + - @ TAB or CR. (Skipping its own apostrophes
 * makes the rule invertible: "'=1" is written "''=1".) */
int px_csv_defuse(const char *s);
/* The inverse, for a reader: 1 if cell (a field as read, unquoted) begins
 * with an apostrophe buf_add_csv added, 0 if not; the value starts that
 * many bytes into cell. "'=1" -> 1 ("=1"), "''=1" -> 1 ("'=1"), "'a" -> 0,
 * "=1" -> 0 (not written by praxis, taken as it is). */
size_t px_csv_undefuse(const char *cell);
/* Gives back the memory beyond len (a buffer that is done growing). */
void buf_shrink(struct buf *b);
/* Replaces b's content with a printf-formatted message and returns -1: the
 * one-line way for a checker to say why it refused something. If memory
 * runs out the message is lost, never the -1. */
int buf_reject(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, returning PX_EPARSE: for functions that return enum px_err. */
enum px_err buf_reject_parse(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (free() them); b is left empty. Never NULL:
 * an empty buffer yields an allocated "". Returns NULL only on ENOMEM. */
char *buf_take(struct buf *b);
/* Reads a whole file into b (appending). PX_EIO with errno on failure. */
enum px_err buf_read_file(struct buf *b, const char *path) PX_WUR;
/* The same for an open stream, read to its end (not closed). */
enum px_err buf_read_stream(struct buf *b, FILE *f) PX_WUR;

/* A copy of the n bytes at s, NUL-terminated; NULL on ENOMEM. Caller frees. */
char *px_strndup(const char *s, size_t n);
char *px_strdup(const char *s);
/* The length of the longest prefix of s (NUL-terminated) of at most max
 * bytes that does not end inside a UTF-8 character: for quoting a value
 * in a message ("%.*s"). */
int px_utf8_prefix(const char *s, size_t max);

/* Parses a decimal integer that fills all of s[0..n): no sign unless allow_neg,
 * no spaces, no overflow. Returns 0 on success, -1 otherwise. */
int px_parse_i64(const char *s, size_t n, int allow_neg, int64_t *out);

/* A 64-bit hash of p[0..n) (FNV-1a, tail mixed): for hash tables. */
uint64_t px_hash(const void *p, size_t n);

/* An array of pointers, stored in a struct buf (so it shares its cap and its
 * single realloc). It does not own what it points to unless its owner says so. */
struct ptrvec {
	struct buf b; /* bytes of a void *[] */
};

void ptrvec_init(struct ptrvec *v);
void ptrvec_free(struct ptrvec *v); /* frees the array, not the pointees */
enum px_err ptrvec_push(struct ptrvec *v, void *p) PX_WUR;
static inline size_t ptrvec_len(const struct ptrvec *v)
{
	return v->b.len / sizeof(void *);
}
static inline void *ptrvec_get(const struct ptrvec *v, size_t i)
{
	return ((void **)(void *)v->b.data)[i];
}

/* ---- log.c: the server's events, one line each with a level ---- */

/* syslog(3)'s levels, as journald reads them from a line's "<N>" prefix. */
enum px_log_level { PX_LOG_ERR = 3, PX_LOG_WARNING = 4, PX_LOG_NOTICE = 5, PX_LOG_INFO = 6 };

/* Writes one line to stderr: "<N>message" when stderr is the journal
 * ($JOURNAL_STREAM), else "praxis: LEVEL: message"; control bytes in the
 * message become \xHH, a message past 2 KiB is cut. Thread-safe: one
 * write(2) a line. Never fails (a line that cannot be written is lost). */
void px_log(enum px_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) with '"', '\\', control bytes and DEL as \xHH (and every
 * byte from 0x80 if high: what nginx does in its access log), so that it
 * can be quoted in a log line and read back unambiguously. PX_ETOOBIG or
 * PX_ENOMEM from the buffer. */
enum px_err px_log_quote(struct buf *b, const char *s, size_t n, int high) PX_WUR;

/* ---- cidr.c: sets of IP networks (--trusted-proxy, --admin-from) ----
 * An address is kept as 16 bytes: IPv4 as its IPv4-mapped IPv6 form
 * (::ffff:a.b.c.d), so that a client reaching an IPv6 socket from IPv4
 * matches the IPv4 networks, and one comparison serves both. */
#define CIDR_SET_MAX 64 /* networks a set holds: options, not data */

struct cidr {
	unsigned char net[16]; /* the network's address, host bits zero */
	unsigned bits;         /* its prefix length over the 16 bytes (IPv4: 96 + n) */
};

struct cidr_set {
	struct cidr nets[CIDR_SET_MAX];
	size_t n;
};

/* Parses the n bytes at s as one address into a (16 bytes): dotted IPv4
 * or IPv6 as inet_pton reads them, nothing around. 0, or -1 if it is not
 * an address. */
int cidr_addr_parse(const char *s, size_t n, unsigned char a[16]);
/* Writes a as text into out (INET6_ADDRSTRLEN bytes, 46): IPv4-mapped
 * addresses as dotted IPv4. */
void cidr_addr_text(const unsigned char a[16], char out[46]);
/* Parses s (NUL-terminated): "a.b.c.d/n" (n 0..32), "x::y/n" (0..128), or
 * a bare address (/32, /128). Returns NULL and fills *c, or what is wrong
 * with it (a static string). */
const char *cidr_parse(const char *s, struct cidr *c);
/* Adds s to set: NULL, or what is wrong (not a network, the set full). */
const char *cidr_set_add(struct cidr_set *set, const char *s);
/* Is a in one of set's networks? 0 for an empty or NULL set. */
int cidr_set_has(const struct cidr_set *set, const unsigned char a[16]);

#endif
