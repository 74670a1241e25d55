/* ingest: turns a file (a hub listing, JSON Lines in the export format, or
 * CSV as the export writes it) into nodes. It never touches the store: the
 * caller (cli) writes the nodes of one file in one transaction, so a
 * rejected file leaves nothing behind.
 *
 * Nodes come out in document order, with nid 0 where the source gave none,
 * every string in NFC, and a language on every node (detected unless the
 * source stated one). */
#ifndef PX_INGEST_H
#define PX_INGEST_H

#include "../core/core.h"
#include "../model/model.h"
#include "../text/text.h"

enum ingest_format { INGEST_LISTING, INGEST_JSONL, INGEST_CSV };

/* Where and why a file was rejected. */
struct ingest_diag {
	int line;       /* 1-based line of the defect */
	struct buf msg; /* one line, no trailing newline */
};

void ingest_diag_init(struct ingest_diag *d);
void ingest_diag_free(struct ingest_diag *d);

/* Frees every node of nodes and empties it. */
void ingest_nodes_free(struct ptrvec *nodes);

/* Parses data[0..len) (a whole file) into nodes (appended; caller frees with
 * ingest_nodes_free). The format is detected from the content. lang may be
 * NULL to skip language detection (fuzzing). Returns PX_OK, or PX_EPARSE with
 * d filled in (and nodes left empty), or PX_ENOMEM/PX_ETOOBIG. */
enum px_err ingest_parse(const char *data, size_t len, struct text_lang *lang, struct ptrvec *nodes,
			 struct ingest_diag *d) PX_WUR;

/* The same for one format, without detection, on text that has passed
 * ingest_parse's checks (valid UTF-8, no NUL, no BOM). */
enum px_err ingest_listing_parse(const char *data, size_t len, struct ptrvec *nodes,
				 struct ingest_diag *d) PX_WUR;
enum px_err ingest_jsonl_parse(const char *data, size_t len, struct ptrvec *nodes,
			       struct ingest_diag *d) PX_WUR;
enum px_err ingest_csv_parse(const char *data, size_t len, struct ptrvec *nodes,
			     struct ingest_diag *d) PX_WUR;

/* A cursor over CSV text (csv.c, where the format is described): each
 * ingest_csv_next() reads one record. */
struct ingest_csv {
	const char *s;       /* the text, borrowed */
	size_t len, at;      /* its length; where the cursor is */
	int line;            /* the line at `at`, 1-based */
	int row;             /* the first line of the last record read */
	struct buf text;     /* the last record's cells, unquoted, each NUL-terminated */
	struct buf starts;   /* size_t: where each of them starts in text */
	struct ptrvec cells; /* const char *: the cells, into text; valid until the next call */
};

void ingest_csv_init(struct ingest_csv *c, const char *s, size_t len);
void ingest_csv_free(struct ingest_csv *c);
/* Reads the next record into c->cells, with its quoting undone (the formula
 * apostrophe is left: see csv.c). *got is 1, or 0 at the end of the text.
 * Blank lines before a record are skipped. PX_EPARSE with the reason in why
 * (a quote never closed, a quote in an unquoted cell, text after a closing
 * quote), c->row the record's first line; PX_ENOMEM, PX_ETOOBIG. */
enum px_err ingest_csv_next(struct ingest_csv *c, int *got, struct buf *why) PX_WUR;

/* Sets the language of every node whose language is "". */
void ingest_detect_languages(struct ptrvec *nodes, struct text_lang *lang);

/* Recognised words of the listing format (vocab.c), matched ignoring case
 * and trailing punctuation; each returns 1 on a match. */
int vocab_section(const char *s, size_t n, enum section_key *key);
int vocab_relation(const char *s, size_t n, enum relation *rel);
int vocab_label(const char *s, size_t n);
int vocab_share_line(const char *s, size_t n);
int vocab_see_more(const char *s, size_t n);
int vocab_footer(const char *s, size_t n);
int vocab_ref_nid(const char *s, size_t n);

#endif
