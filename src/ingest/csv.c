/* CSV (RFC 4180): what `praxis export --format csv` writes, and what a
 * spreadsheet saves from it.
 *
 *   file    = header *(newline record) [newline]
 *   header  = name *("," name)      column names: "type" required, "nid"
 *                                    optional, each at most once, any order
 *   record  = cell *("," cell)      as many cells as the header has names
 *   cell    = quoted / bare
 *   quoted  = DQUOTE *(any byte but DQUOTE / 2DQUOTE) DQUOTE
 *                                    may span lines; "" stands for one "
 *   bare    = *(any byte but "," DQUOTE LF, and CR before LF)
 *   newline = CRLF / LF
 *
 * The text has passed ingest_parse's checks (UTF-8, no NUL, BOM removed).
 * What a quoted cell holds is kept byte for byte, its line breaks (CRLF
 * or LF) included. Blank lines between records are skipped (a record
 * always has a "type" cell, so none is lost). A quote inside a bare cell
 * and text after a closing quote are errors, not guesses.
 *
 * The formula apostrophe: buf_add_csv (core) writes a cell whose value,
 * past the apostrophes it starts with, starts with = + - @ TAB or CR with
 * one more apostrophe in front. Exactly that apostrophe is dropped here
 * (px_csv_undefuse), after the quotes are undone: "'=1" is read "=1",
 * "''=1" is read "'=1", "'a" and "=1" are read as they are.
 *
 * Each record becomes a node through node_from_csv (model/node_csv.c),
 * which maps each cell by its column's name and kind to the export object
 * and checks it as a JSON Lines line would be. Every error is reported at
 * the first line of its record. */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>

void ingest_csv_init(struct ingest_csv *c, const char *s, size_t len)
{
	*c = (struct ingest_csv){.s = s, .len = len, .line = 1};
	buf_init(&c->text, BUF_CAP_DEFAULT);
	buf_init(&c->starts, BUF_CAP_DEFAULT);
	ptrvec_init(&c->cells);
}

void ingest_csv_free(struct ingest_csv *c)
{
	buf_free(&c->text);
	buf_free(&c->starts);
	ptrvec_free(&c->cells);
}

static int at_newline(const struct ingest_csv *c)
{
	return c->at < c->len && (c->s[c->at] == '\n' ||
				  (c->s[c->at] == '\r' && c->at + 1 < c->len && c->s[c->at + 1] == '\n'));
}

static void skip_newline(struct ingest_csv *c)
{
	c->at += c->s[c->at] == '\r' ? 2 : 1;
	c->line++;
}

/* The bytes of a quoted cell, c->at just past its opening quote. */
static enum px_err read_quoted(struct ingest_csv *c, struct buf *why)
{
	for (;;) {
		const char *q = memchr(c->s + c->at, '"', c->len - c->at);
		if (!q)
			return buf_reject_parse(why, "a quote that is never closed");
		size_t n = (size_t)(q - (c->s + c->at));
		for (const char *p = c->s + c->at; (p = memchr(p, '\n', (size_t)(q - p))) != NULL; p++)
			c->line++;
		enum px_err err = buf_add(&c->text, c->s + c->at, n);
		c->at += n + 1;
		if (err || c->at >= c->len || c->s[c->at] != '"')
			return err;
		if ((err = buf_addc(&c->text, '"'))) /* "" */
			return err;
		c->at++;
	}
}

/* The bytes of a bare cell, up to a comma, a newline or the end. */
static enum px_err read_bare(struct ingest_csv *c, struct buf *why)
{
	size_t from = c->at;
	while (c->at < c->len && c->s[c->at] != ',' && !at_newline(c)) {
		if (c->s[c->at] == '"')
			return buf_reject_parse(why, "a quote inside an unquoted cell (quote the cell, and "
						     "write a quote in it as \"\")");
		c->at++;
	}
	return buf_add(&c->text, c->s + from, c->at - from);
}

/* Reads one cell into c->text (NUL-terminated) and records where it starts. */
static enum px_err read_cell(struct ingest_csv *c, struct buf *why)
{
	size_t start = c->text.len;
	enum px_err err = buf_add(&c->starts, &start, sizeof start);
	if (err)
		return err;
	if (c->at < c->len && c->s[c->at] == '"') {
		c->at++;
		err = read_quoted(c, why);
		if (!err && c->at < c->len && c->s[c->at] != ',' && !at_newline(c))
			err = buf_reject_parse(why, "text after the closing quote of a cell (write a quote "
						    "inside a cell as \"\")");
	} else {
		err = read_bare(c, why);
	}
	return err ? err : buf_addc(&c->text, '\0');
}

/* c->cells: pointers to the cells read into c->text, once it is done growing. */
static enum px_err point_cells(struct ingest_csv *c)
{
	const size_t *starts = (const size_t *)(const void *)c->starts.data;
	size_t n = c->starts.len / sizeof *starts;
	buf_reset(&c->cells.b);
	enum px_err err = PX_OK;
	for (size_t i = 0; !err && i < n; i++)
		err = ptrvec_push(&c->cells, c->text.data + starts[i]);
	return err;
}

enum px_err ingest_csv_next(struct ingest_csv *c, int *got, struct buf *why)
{
	buf_reset(&c->text);
	buf_reset(&c->starts);
	buf_reset(&c->cells.b);
	*got = 0;
	while (at_newline(c))
		skip_newline(c);
	if (c->at >= c->len)
		return PX_OK;
	c->row = c->line;
	enum px_err err;
	for (;;) {
		if ((err = read_cell(c, why)))
			return err;
		if (c->at >= c->len || at_newline(c))
			break;
		c->at++; /* the comma: another cell follows, empty if nothing does */
	}
	if (c->at < c->len)
		skip_newline(c);
	*got = 1;
	return point_cells(c);
}

/* ---- records into nodes ---- */

static void names_free(struct ptrvec *names)
{
	for (size_t i = 0; i < ptrvec_len(names); i++)
		free(ptrvec_get(names, i));
	ptrvec_free(names);
}

static int names_have(const struct ptrvec *names, const char *name)
{
	for (size_t i = 0; i < ptrvec_len(names); i++)
		if (!strcmp(ptrvec_get(names, i), name))
			return 1;
	return 0;
}

static enum px_err names_add(struct ptrvec *names, const char *name)
{
	char *copy = px_strdup(name);
	enum px_err err = copy ? ptrvec_push(names, copy) : PX_ENOMEM;
	if (err)
		free(copy);
	return err;
}

/* The header's names (char *, owned: the cursor's buffer is reused),
 * checked: each a CSV column of the model, each once, "type" among them. */
static enum px_err read_header(struct ingest_csv *c, struct ptrvec *names, struct buf *why)
{
	int got;
	enum px_err err = ingest_csv_next(c, &got, why);
	if (err || !got)
		return err ? err : buf_reject_parse(why, "no header row");
	for (size_t i = 0; !err && i < ptrvec_len(&c->cells); i++) {
		const char *name = ptrvec_get(&c->cells, i);
		if (!node_csv_column(name))
			err = buf_reject_parse(why, "unknown column \"%.*s\" (column %zu)",
					       px_utf8_prefix(name, 60), name, i + 1);
		else if (names_have(names, name))
			err = buf_reject_parse(why, "column \"%s\" appears twice", name);
		else
			err = names_add(names, name);
	}
	if (!err && !names_have(names, "type"))
		err = buf_reject_parse(why, "the header has no \"type\" column");
	return err;
}

/* The node of the record under the cursor, its cells read through the
 * formula apostrophe. */
static enum px_err record_node(struct ingest_csv *c, const struct ptrvec *names, struct ptrvec *nodes,
			       struct buf *why)
{
	size_t n = ptrvec_len(&c->cells);
	if (n != ptrvec_len(names))
		return buf_reject_parse(why, "%zu cells, but the header has %zu columns", n,
					ptrvec_len(names));
	const char **cells = (const char **)(void *)c->cells.b.data;
	for (size_t i = 0; i < n; i++)
		cells[i] += px_csv_undefuse(cells[i]);
	struct node *node = node_from_csv((const char *const *)(const void *)names->b.data, cells, n, why);
	if (!node)
		return PX_EPARSE;
	node->line = c->row;
	enum px_err err = ptrvec_push(nodes, node);
	if (err)
		node_free(node);
	return err;
}

/* why as d's message, at the first line of the record under the cursor;
 * a cell the cursor could not read is named by its column. */
static enum px_err refuse(struct ingest_diag *d, const struct ingest_csv *c, const struct ptrvec *names,
			  const struct buf *why)
{
	size_t cell = c->starts.len / sizeof(size_t); /* the cursor stopped in the last */
	int in_cell = ptrvec_len(&c->cells) == 0 && cell > 0;
	d->line = c->row ? c->row : c->line;
	buf_reset(&d->msg);
	enum px_err err = PX_OK;
	if (in_cell && cell <= ptrvec_len(names))
		err = buf_printf(&d->msg, "column \"%s\": ", (const char *)ptrvec_get(names, cell - 1));
	else if (in_cell)
		err = buf_printf(&d->msg, "cell %zu: ", cell);
	if (!err)
		err = buf_adds(&d->msg, why->len ? why->data : "out of memory");
	for (size_t i = 0; i < d->msg.len; i++)
		if ((unsigned char)d->msg.data[i] < ' ')
			d->msg.data[i] = ' '; /* one line, whatever line breaks a quoted cell holds */
	return err ? PX_ENOMEM : PX_EPARSE;
}

enum px_err ingest_csv_parse(const char *data, size_t len, struct ptrvec *nodes, struct ingest_diag *d)
{
	struct ingest_csv c;
	struct ptrvec names;
	struct buf why;
	ingest_csv_init(&c, data, len);
	ptrvec_init(&names);
	buf_init(&why, 4096);
	enum px_err err = read_header(&c, &names, &why);
	for (int got = 1; !err && got;) {
		err = ingest_csv_next(&c, &got, &why);
		if (!err && got)
			err = record_node(&c, &names, nodes, &why);
	}
	if (err == PX_EPARSE)
		err = refuse(d, &c, &names, &why);
	if (err)
		ingest_nodes_free(nodes);
	buf_free(&why);
	names_free(&names);
	ingest_csv_free(&c);
	return err;
}
