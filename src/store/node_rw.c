/* Reading and writing nodes. A node is spread over node, node_term and
 * section; its revision row holds the whole export object, which is also how
 * "unchanged" is decided: the new object equals the latest revision's. */
#include "store_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRESS_EVERY 4096 /* nodes between progress callbacks */
#define NOW            STORE_NOW

/* ---- the node table's columns, from the field tables ----
 *
 * A field is kept where its table line's column says: a column of table
 * node (a scalar), rows of node_term of that kind (a list of strings), the
 * section table (the sections), or, with no column, the node's "extra"
 * JSON object (every field added since schema 6: no migration per field). */

#define MAX_COLUMNS 32

static struct {
	const char *name[MAX_COLUMNS]; /* distinct scalar columns, first use first */
	size_t n;
	char select[1024]; /* the reader's SELECT */
	char upsert[2048]; /* the writer's INSERT ... ON CONFLICT */
} cols;
static pthread_once_t cols_once = PTHREAD_ONCE_INIT;

static const enum node_type all_types[] = {NODE_PRACTICE, NODE_ARTICLE, NODE_CITY, NODE_NETWORK};

static int is_scalar(const struct field *f)
{
	return f->column && f->kind != FK_STRINGS && f->kind != FK_SECTIONS && !(f->flags & FIELD_STAMP);
}

/* The fixed columns come first: ?1 nid, ?2 type, ?3 ident, ?4 extra, ?5
 * created if new, ?6 created given, ?7 changed given; then a parameter per
 * scalar column from ?8. */
#define FIRST_COLUMN_PARAM  8
#define FIRST_COLUMN_RESULT 6

static void add_sql(char *to, size_t cap, const char *s)
{
	size_t n = strlen(to);
	snprintf(to + n, cap - n, "%s", s);
}

static void find_columns(void)
{
	for (size_t t = 0; t < sizeof all_types / sizeof all_types[0]; t++)
		for (const struct field *f = node_fields(all_types[t]); f->key; f++) {
			size_t i = 0;
			while (i < cols.n && strcmp(cols.name[i], f->column ? f->column : ""))
				i++;
			if (is_scalar(f) && i == cols.n && cols.n < MAX_COLUMNS)
				cols.name[cols.n++] = f->column;
		}
	char part[160];
	add_sql(cols.select, sizeof cols.select,
		"SELECT type, state, coalesce(owner, 0), extra, created, updated");
	add_sql(cols.upsert, sizeof cols.upsert,
		"INSERT INTO node (nid, type, ident, extra, created, updated");
	for (size_t i = 0; i < cols.n; i++) {
		snprintf(part, sizeof part, ", %s", cols.name[i]);
		add_sql(cols.select, sizeof cols.select, part);
		add_sql(cols.upsert, sizeof cols.upsert, part);
	}
	add_sql(cols.select, sizeof cols.select, " FROM node WHERE nid = ?");
	add_sql(cols.upsert, sizeof cols.upsert,
		") VALUES (?1, ?2, ?3, ?4, coalesce(?6, ?5, " NOW "), coalesce(?7, ?6, ?5, " NOW ")");
	for (size_t i = 0; i < cols.n; i++) {
		snprintf(part, sizeof part, ", ?%zu", i + FIRST_COLUMN_PARAM);
		add_sql(cols.upsert, sizeof cols.upsert, part);
	}
	add_sql(cols.upsert, sizeof cols.upsert,
		") ON CONFLICT (nid) DO UPDATE SET type = ?2, ident = ?3, extra = ?4,"
		" created = coalesce(?6, node.created), updated = coalesce(?7, " NOW ")");
	for (size_t i = 0; i < cols.n; i++) {
		snprintf(part, sizeof part, ", %s = ?%zu", cols.name[i], i + FIRST_COLUMN_PARAM);
		add_sql(cols.upsert, sizeof cols.upsert, part);
	}
}

static void columns(void)
{
	pthread_once(&cols_once, find_columns);
}

/* The scalar field of n's type kept in column c, or NULL. */
static const struct field *column_field(enum node_type t, const char *c)
{
	for (const struct field *f = node_fields(t); f->key; f++)
		if (is_scalar(f) && !strcmp(f->column, c))
			return f;
	return NULL;
}

/* The list field of type t kept as node_term rows of kind, or NULL. */
static const struct field *term_field(enum node_type t, const char *kind)
{
	for (const struct field *f = node_fields(t); f->key; f++)
		if (f->kind == FK_STRINGS && f->column && !strcmp(f->column, kind))
			return f;
	return NULL;
}

/* ---- reading ---- */

struct reader {
	struct db_stmt *node, *terms, *sections;
};

static void reader_free(struct reader *r)
{
	db_finalize(r->node);
	db_finalize(r->terms);
	db_finalize(r->sections);
}

static int reader_init(struct store *st, struct reader *r)
{
	memset(r, 0, sizeof *r);
	columns();
	struct db *db = st->db;
	if (db_prepare(db, cols.select, &r->node) ||
	    db_prepare(db, "SELECT kind, value FROM node_term WHERE nid = ? ORDER BY kind, pos", &r->terms) ||
	    db_prepare(db, "SELECT key, heading, text FROM section WHERE nid = ? ORDER BY pos",
		       &r->sections)) {
		reader_free(r);
		return -1;
	}
	return 0;
}

static int column_string(struct db_stmt *q, int col, char **out)
{
	const char *s = db_column_text(q, col);
	if (!s)
		return 0;
	*out = px_strndup((const char *)s, (size_t)db_column_bytes(q, col));
	return *out ? 0 : -1;
}

static enum px_err read_lists(struct reader *r, struct node *n)
{
	enum px_err err = PX_OK;
	db_bind_int64(r->terms, 1, n->nid);
	while (!err && db_step(r->terms) == DB_ROW) {
		const struct field *f = term_field(n->type, db_column_text(r->terms, 0));
		if (!f) {
			err = PX_ESTORE; /* a kind this type has no list for: corruption */
			break;
		}
		err = strlist_add(FIELD_AT(n, f), db_column_text(r->terms, 1),
				  (size_t)db_column_bytes(r->terms, 1));
	}
	db_reset(r->terms);
	db_bind_int64(r->sections, 1, n->nid);
	while (!err && db_step(r->sections) == DB_ROW) {
		enum section_key key;
		if (section_key_parse(db_column_text(r->sections, 0), &key))
			err = PX_ESTORE; /* the schema's CHECK makes this corruption */
		else
			err = node_section_add(n, key, db_column_text(r->sections, 1),
					       db_column_text(r->sections, 2));
	}
	db_reset(r->sections);
	return err;
}

/* Column col of q into scalar field f of n. Data read back is not trusted:
 * a value of the wrong kind is corruption, not a crash. */
static enum px_err read_column(struct db_stmt *q, int col, struct node *n, const struct field *f)
{
	if (db_column_type(q, col) == DB_NULL)
		return PX_OK;
	const char *s;
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		*(int64_t *)FIELD_AT(n, f) = db_column_int64(q, col);
		return PX_OK;
	case FK_REAL:
		*(double *)FIELD_AT(n, f) = db_column_double(q, col);
		return PX_OK;
	case FK_LANGUAGE:
		s = db_column_text(q, col);
		if (s && strlen(s) < sizeof n->language)
			memcpy(FIELD_AT(n, f), s, strlen(s) + 1);
		return PX_OK;
	default:
		return column_string(q, col, FIELD_AT(n, f)) ? PX_ENOMEM : PX_OK;
	}
}

/* The fields kept in the extra object (column NULL). */
static enum px_err read_extra(struct db_stmt *q, int col, struct node *n)
{
	if (db_column_type(q, col) == DB_NULL)
		return PX_OK;
	json_t *o = json_loadb(db_column_text(q, col), (size_t)db_column_bytes(q, col), 0, NULL);
	struct buf why;
	buf_init(&why, 256);
	enum px_err err = json_is_object(o) ? PX_OK : PX_ESTORE;
	for (const struct field *f = node_fields(n->type); !err && f->key; f++)
		if (!f->column && field_from_json(n, f, json_object_get(o, f->key), &why))
			err = PX_ESTORE;
	buf_free(&why);
	json_decref(o);
	return err;
}

static enum px_err read_row(struct db_stmt *q, struct node *n)
{
	enum px_err err = PX_OK;
	if (node_state_parse(db_column_text(q, 1), &n->state))
		return PX_ESTORE; /* the schema's CHECK makes this corruption */
	n->owner = db_column_int64(q, 2);
	if (column_string(q, 4, &n->created) || column_string(q, 5, &n->changed))
		return PX_ENOMEM;
	for (size_t i = 0; !err && i < cols.n; i++) {
		const struct field *f = column_field(n->type, cols.name[i]);
		if (f)
			err = read_column(q, (int)i + FIRST_COLUMN_RESULT, n, f);
	}
	return err ? err : read_extra(q, 3, n);
}

static enum px_err reader_get(struct reader *r, int64_t nid, struct node **out)
{
	db_bind_int64(r->node, 1, nid);
	int rc = db_step(r->node);
	enum px_err err = PX_OK;
	enum node_type type;
	struct node *n = NULL;
	if (rc != DB_ROW) {
		err = rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
	} else if (node_type_parse(db_column_text(r->node, 0), &type)) {
		err = PX_ESTORE;
	} else if (!(n = node_new(type))) {
		err = PX_ENOMEM;
	} else {
		n->nid = nid;
		err = read_row(r->node, n);
	}
	db_reset(r->node);
	if (!err)
		err = read_lists(r, n);
	if (err) {
		node_free(n);
		return err;
	}
	*out = n;
	return PX_OK;
}

/* Snippets read a node per hit: the statements are prepared once per handle. */
enum px_err store_node_get(struct store *st, int64_t nid, struct node **out)
{
	if (!st->reader) {
		struct reader *r = malloc(sizeof *r);
		if (!r)
			return PX_ENOMEM;
		if (reader_init(st, r)) {
			free(r);
			return PX_ESTORE;
		}
		st->reader = r;
	}
	return reader_get(st->reader, nid, out);
}

enum px_err store_node_text(struct store *st, int64_t nid, struct buf *out)
{
	if (!st->text && db_prepare(st->db,
				    "SELECT subtitle, (SELECT group_concat(text, ?2) FROM"
				    " (SELECT text FROM section WHERE nid = ?1 ORDER BY pos) AS s), body "
				    "FROM node WHERE nid = ?1",
				    &st->text))
		return PX_ESTORE;
	db_bind_int64(st->text, 1, nid);
	db_bind_text(st->text, 2, "\n", 1);
	int rc = db_step(st->text);
	enum px_err err = rc == DB_ROW ? PX_OK : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
	for (int col = 0; !err && col < 3; col++) {
		const char *t = db_column_text(st->text, col);
		if (t && (err = buf_add(out, t, (size_t)db_column_bytes(st->text, col))) == PX_OK)
			err = buf_addc(out, '\n');
	}
	db_reset(st->text);
	return err;
}

enum px_err store_node_updated(struct store *st, int64_t nid, char out[32])
{
	if (!st->updated && db_prepare(st->db, "SELECT updated FROM node WHERE nid = ?1", &st->updated))
		return PX_ESTORE;
	db_bind_int64(st->updated, 1, nid);
	int rc = db_step(st->updated);
	enum px_err err = rc == DB_ROW ? PX_OK : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
	const char *t = err ? NULL : db_column_text(st->updated, 0);
	if (t && strlen(t) < 32)
		memcpy(out, t, strlen(t) + 1);
	else if (!err)
		err = PX_ESTORE; /* the schema keeps it NOT NULL and short */
	db_reset(st->updated);
	return err;
}

void store_reader_free(struct store *st)
{
	db_finalize(st->text);
	st->text = NULL;
	db_finalize(st->updated);
	st->updated = NULL;
	if (st->reader) {
		reader_free(st->reader);
		free(st->reader);
		st->reader = NULL;
	}
}

enum px_err store_nodes_each(struct store *st, int (*fn)(const struct node *, void *), void *arg)
{
	struct reader r;
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT nid FROM node ORDER BY nid DESC", &q))
		return PX_ESTORE;
	if (reader_init(st, &r)) {
		db_finalize(q);
		return PX_ESTORE;
	}
	/* One read transaction, so the walk sees one consistent store. */
	int begun = store_read_begin(st);
	enum px_err err = PX_OK;
	int rc;
	while (!err && (rc = db_step(q)) == DB_ROW) {
		struct node *n;
		if ((err = reader_get(&r, db_column_int64(q, 0), &n)))
			break;
		int stop = fn(n, arg);
		node_free(n);
		if (stop)
			break;
	}
	if (!err && rc != DB_ROW && rc != DB_DONE)
		err = PX_ESTORE;
	store_read_end(st, begun);
	db_finalize(q);
	reader_free(&r);
	return err;
}

/* ---- writing ---- */

enum stmt {
	S_MAX_NID,
	S_IDENT,
	S_IDENT_LAST,
	S_BATCH_NID,
	S_PREV_DOC,
	S_DEL_TERMS,
	S_ADD_TERM,
	S_DEL_SECTIONS,
	S_ADD_SECTION,
	S_ADD_REVISION,
	S_BATCH,
	S_BATCH_DONE,
	S_NEWEST_REV,
	S_STATE,
	S_SET_STATE,
	S_DATES,
	S_TYPE,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_MAX_NID] = "SELECT coalesce(max(nid), 0) FROM node",
	[S_IDENT] = STORE_IDENT_SQL,
	[S_IDENT_LAST] = "INSERT INTO temp.ident_last (ident, nid) VALUES (?1, ?2)"
			 " ON CONFLICT (ident) DO UPDATE SET nid = ?2",
	[S_BATCH_NID] = "INSERT INTO temp.batch_nid (nid) VALUES (?1) ON CONFLICT DO NOTHING",
	[S_PREV_DOC] =
		"SELECT (SELECT doc FROM revision WHERE nid = ?1 ORDER BY rev DESC LIMIT 1),"
		" EXISTS (SELECT 1 FROM node WHERE nid = ?1),"
		" (SELECT created FROM node WHERE nid = ?1), (SELECT updated FROM node WHERE nid = ?1)",
	[S_DEL_TERMS] = "DELETE FROM node_term WHERE nid = ?1",
	[S_ADD_TERM] = "INSERT INTO node_term (nid, kind, pos, value) VALUES (?1, ?2, ?3, ?4)",
	[S_DEL_SECTIONS] = "DELETE FROM section WHERE nid = ?1",
	[S_ADD_SECTION] = "INSERT INTO section (nid, pos, key, heading, text) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_ADD_REVISION] = "INSERT INTO revision (nid, at, doc, batch, account, state)"
			   " VALUES (?1, " NOW ", ?2, ?3, ?4, ?5)",
	[S_BATCH] = "INSERT INTO batch (source, at) VALUES (?1, " NOW ") RETURNING id",
	[S_BATCH_DONE] = "UPDATE batch SET added = ?2, updated = ?3, unchanged = ?4 WHERE id = ?1",
	[S_NEWEST_REV] = "SELECT coalesce(max(rev), 0) FROM revision WHERE nid = ?1",
	[S_STATE] = "SELECT state FROM node WHERE nid = ?1",
	[S_SET_STATE] = "UPDATE node SET state = ?2, owner = coalesce(owner, ?3) WHERE nid = ?1",
	[S_DATES] = "SELECT created, updated FROM node WHERE nid = ?1",
	[S_TYPE] = "SELECT type FROM node WHERE nid = ?1",
};

struct writer {
	struct store *st;
	struct db_stmt *q[S_COUNT];
	struct db_stmt *upsert; /* cols.upsert */
	int64_t batch;          /* the ingest's batch, 0 for a save on the web */
	int64_t account;        /* who saves on the web, 0 for an ingest */
	int new_state;          /* a web save changes the node's state: write even the same object */
	struct buf ident;
	struct buf extra;       /* write_row's extra object */
	char refusal_text[256]; /* a refusal made up here */
	const char *refusal;    /* why a write was refused, when SQLite did not refuse it */
};

/* Runs statement s to completion (binding nothing more); DB_DONE/ROW ok. */
static int run(struct writer *w, enum stmt s)
{
	int rc = db_step(w->q[s]);
	db_reset(w->q[s]);
	db_clear_bindings(w->q[s]);
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

static void bind_text(struct db_stmt *q, int i, const char *s)
{
	if (s)
		db_bind_text(q, i, s, -1);
	else
		db_bind_null(q, i);
}

static enum px_err node_ident(const struct node *n, struct buf *out)
{
	buf_reset(out);
	return buf_printf(out, "%s\x1f%s\x1f%s", node_type_name(n->type), n->title,
			  n->author ? n->author : "");
}

/* Gives nid-less nodes their nids (see store.h). */
static enum px_err assign_nids(struct writer *w, struct ptrvec *nodes)
{
	int64_t next = 0;
	if (db_step(w->q[S_MAX_NID]) == DB_ROW)
		next = db_column_int64(w->q[S_MAX_NID], 0);
	db_reset(w->q[S_MAX_NID]);
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		const struct node *n = ptrvec_get(nodes, i);
		if (n->nid < 0 || n->nid > NODE_NID_MAX) {
			w->refusal = "a nid is outside 1 to 2^53 - 1";
			return PX_ESTORE;
		}
		if (n->nid > next)
			next = n->nid;
		db_bind_int64(w->q[S_BATCH_NID], 1, n->nid);
		if (n->nid && run(w, S_BATCH_NID))
			return PX_ESTORE;
	}
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		struct node *n = ptrvec_get(nodes, i);
		if (n->nid)
			continue;
		if (node_ident(n, &w->ident))
			return PX_ENOMEM;
		struct db_stmt *q = w->q[S_IDENT];
		db_bind_text(q, 1, w->ident.data, (int)w->ident.len);
		int found = db_step(q) == DB_ROW;
		n->nid = found ? db_column_int64(q, 0) : next < NODE_NID_MAX ? ++next : 0;
		db_reset(q);
		if (!n->nid) {
			w->refusal = "no nid is left above the largest one in use";
			return PX_ESTORE;
		}
		/* none found: none is left for the identity, the next lookup ends at once */
		db_bind_text(w->q[S_IDENT_LAST], 1, w->ident.data, (int)w->ident.len);
		db_bind_int64(w->q[S_IDENT_LAST], 2, found ? n->nid : NODE_NID_MAX);
		if (run(w, S_IDENT_LAST))
			return PX_ESTORE;
		db_bind_int64(w->q[S_BATCH_NID], 1, n->nid);
		if (run(w, S_BATCH_NID))
			return PX_ESTORE;
	}
	return PX_OK;
}

static int write_terms(struct writer *w, int64_t nid, const char *kind, const struct strlist *l)
{
	struct db_stmt *q = w->q[S_ADD_TERM];
	for (size_t i = 0; i < strlist_len(l); i++) {
		db_bind_int64(q, 1, nid);
		db_bind_text(q, 2, kind, -1);
		db_bind_int64(q, 3, (int64_t)i);
		bind_text(q, 4, strlist_get(l, i));
		if (run(w, S_ADD_TERM))
			return -1;
	}
	return 0;
}

static int write_all_terms(struct writer *w, const struct node *n)
{
	for (const struct field *f = node_fields(n->type); f->key; f++)
		if (f->kind == FK_STRINGS && f->column &&
		    write_terms(w, n->nid, f->column, FIELD_CONST(n, f)))
			return -1;
	return 0;
}

static int write_sections(struct writer *w, const struct node *n)
{
	struct db_stmt *q = w->q[S_ADD_SECTION];
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		db_bind_int64(q, 1, n->nid);
		db_bind_int64(q, 2, (int64_t)i);
		db_bind_text(q, 3, section_key_name(s->key), -1);
		bind_text(q, 4, s->heading);
		bind_text(q, 5, s->text);
		if (run(w, S_ADD_SECTION))
			return -1;
	}
	return 0;
}

/* Binds scalar field f of n to parameter i of q (NULL when unset). */
static void bind_field(struct db_stmt *q, int i, const struct node *n, const struct field *f)
{
	if (!f || !field_is_set(n, f))
		return; /* cleared bindings are NULL */
	switch (f->kind) {
	case FK_INT:
	case FK_NID:
		db_bind_int64(q, i, *(const int64_t *)FIELD_CONST(n, f));
		break;
	case FK_REAL:
		db_bind_double(q, i, *(const double *)FIELD_CONST(n, f));
		break;
	case FK_LANGUAGE:
		db_bind_text(q, i, FIELD_CONST(n, f), -1);
		break;
	default:
		bind_text(q, i, *(char *const *)FIELD_CONST(n, f));
	}
}

/* The fields kept in node.extra, as a JSON object into out; "" if none is set. */
static enum px_err extra_of(const struct node *n, struct buf *out)
{
	buf_reset(out);
	json_t *o = json_object();
	int bad = !o;
	for (const struct field *f = node_fields(n->type); !bad && f->key; f++)
		if (!f->column && field_is_set(n, f))
			bad = json_object_set_new(o, f->key, field_to_json(n, f, 1));
	char *s = !bad && json_object_size(o) ? json_dumps(o, JSON_COMPACT) : NULL;
	enum px_err err = bad ? PX_ENOMEM : buf_adds(out, s ? s : "");
	free(s);
	json_decref(o);
	return err;
}

/* created: the node's when new (its own, a listing's order, or now); kept
 * on an update unless the source dates the node. changed: the source's
 * date when it dates the node, else now. */
static int write_row(struct writer *w, const struct node *n)
{
	struct db_stmt *q = w->upsert;
	if (extra_of(n, &w->extra))
		return -1;
	db_bind_int64(q, 1, n->nid);
	db_bind_text(q, 2, node_type_name(n->type), -1);
	db_bind_text(q, 3, w->ident.data, (int)w->ident.len);
	if (w->extra.len)
		db_bind_text(q, 4, w->extra.data, (int)w->extra.len);
	bind_text(q, n->dated ? 6 : 5, n->created);
	if (n->dated)
		bind_text(q, 7, n->changed);
	for (size_t i = 0; i < cols.n; i++)
		bind_field(q, (int)i + FIRST_COLUMN_PARAM, n, column_field(n->type, cols.name[i]));
	int rc = db_step(q);
	db_reset(q);
	db_clear_bindings(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Is column col of q the string s (both NULL counts)? */
static int same_text(struct db_stmt *q, int col, const char *s)
{
	const char *t = db_column_text(q, col);
	return t && s ? !strcmp(t, s) : !t && !s;
}

/* Does the revision doc in column col hold the content doc? Byte for byte
 * as a rule; a doc written by an older praxis (before a field was added)
 * is read back and written again in today's form first, so an upgrade
 * alone changes no node. */
static int same_content(struct db_stmt *q, int col, const struct buf *doc)
{
	const char *old = db_column_text(q, col);
	size_t len = (size_t)db_column_bytes(q, col);
	if (!old)
		return 0;
	if (len == doc->len && !memcmp(old, doc->data, len))
		return 1;
	json_t *o = json_loadb(old, len, 0, NULL);
	struct buf why, again;
	buf_init(&why, 256);
	buf_init(&again, BUF_CAP_DEFAULT);
	struct node *n = o ? node_from_json(o, &why) : NULL;
	int same = n && !node_write_content(n, &again) && again.len == doc->len + 1 &&
		   !memcmp(again.data, doc->data, doc->len);
	node_free(n);
	json_decref(o);
	buf_free(&why);
	buf_free(&again);
	return same;
}

/* Writes one node unless it is stored exactly so; counts it in rep. */
static enum px_err write_node(struct writer *w, const struct node *n, struct store_report *rep)
{
	struct buf doc;
	buf_init(&doc, BUF_CAP_DEFAULT);
	enum px_err err = node_write_content(n, &doc);
	if (!err)
		err = node_ident(n, &w->ident);
	if (err) {
		buf_free(&doc);
		return err;
	}
	doc.data[--doc.len] = '\0'; /* the revision holds the object, not the line */
	struct db_stmt *prev = w->q[S_PREV_DOC];
	db_bind_int64(prev, 1, n->nid);
	int row = db_step(prev) == DB_ROW;
	int existed = row && db_column_int(prev, 1);
	int same = row && same_content(prev, 0, &doc) &&
		   (!n->dated || ((!n->created || same_text(prev, 2, n->created)) &&
				  (!n->changed || same_text(prev, 3, n->changed))));
	db_reset(prev);
	if (same && !w->new_state) {
		rep->unchanged++;
		buf_free(&doc);
		return PX_OK;
	}
	db_bind_int64(w->q[S_DEL_TERMS], 1, n->nid);
	db_bind_int64(w->q[S_DEL_SECTIONS], 1, n->nid);
	struct db_stmt *rev = w->q[S_ADD_REVISION];
	/* A new node has no terms or sections to delete. */
	int bad = write_row(w, n) || (existed && (run(w, S_DEL_TERMS) || run(w, S_DEL_SECTIONS))) ||
		  write_all_terms(w, n) || write_sections(w, n);
	if (!bad) {
		db_bind_int64(rev, 1, n->nid);
		db_bind_text(rev, 2, doc.data, (int)doc.len);
		if (w->batch)
			db_bind_int64(rev, 3, w->batch);
		if (w->account) /* a web save: who, and the state it leaves */
			db_bind_int64(rev, 4, w->account);
		if (w->account)
			db_bind_text(rev, 5, node_state_name(n->state), -1);
		bad = run(w, S_ADD_REVISION);
	}
	buf_free(&doc);
	if (bad)
		return PX_ESTORE;
	if (existed)
		rep->updated++;
	else
		rep->added++;
	return PX_OK;
}

static void writer_free(struct writer *w)
{
	for (int i = 0; i < S_COUNT; i++)
		db_finalize(w->q[i]);
	db_finalize(w->upsert);
	buf_free(&w->ident);
	buf_free(&w->extra);
}

static int writer_init(struct writer *w, struct store *st)
{
	memset(w, 0, sizeof *w);
	w->st = st;
	buf_init(&w->ident, BUF_CAP_DEFAULT);
	buf_init(&w->extra, BUF_CAP_DEFAULT);
	columns();
	if (db_prepare(st->db, cols.upsert, &w->upsert))
		return -1;
	/* SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL's INTEGER has 32 bits */
	int pg = db_kind(st->db) == DB_POSTGRES;
	if (store_exec(st, pg ? "CREATE TEMP TABLE IF NOT EXISTS batch_nid (nid BIGINT PRIMARY KEY);"
				"CREATE TEMP TABLE IF NOT EXISTS ident_last (ident TEXT PRIMARY KEY, nid "
				"BIGINT NOT NULL)"
			      : "CREATE TEMP TABLE IF NOT EXISTS batch_nid (nid INTEGER PRIMARY KEY);"
				"CREATE TEMP TABLE IF NOT EXISTS ident_last (ident TEXT PRIMARY KEY, nid "
				"INTEGER NOT NULL)") ||
	    store_exec(st, "DELETE FROM temp.batch_nid; DELETE FROM temp.ident_last"))
		return -1;
	for (int i = 0; i < S_COUNT; i++)
		if (db_prepare(st->db, stmt_sql[i], &w->q[i]))
			return -1;
	return 0;
}

/* ---- references between nodes ----
 *
 * A network's practice must name a practice, an adopter's network a
 * network: checked once the whole batch is written, so a file may name a
 * node it holds further down. */

static int names_a(struct writer *w, int64_t nid, enum node_type type)
{
	struct db_stmt *q = w->q[S_TYPE];
	db_bind_int64(q, 1, nid);
	enum node_type t;
	int ok = db_step(q) == DB_ROW && !node_type_parse(db_column_text(q, 0), &t) && t == type;
	db_reset(q);
	return ok;
}

static int refs_ok(struct writer *w, const void *obj, const struct field *fields, const struct node *n)
{
	for (const struct field *f = fields; f->key; f++) {
		const struct ptrvec *v = FIELD_CONST(obj, f);
		if (f->kind == FK_NID && field_is_set(obj, f) &&
		    (f->check == CHECK_PRACTICE || f->check == CHECK_NETWORK) &&
		    !names_a(w, *(const int64_t *)FIELD_CONST(obj, f),
			     f->check == CHECK_PRACTICE ? NODE_PRACTICE : NODE_NETWORK)) {
			snprintf(w->refusal_text, sizeof w->refusal_text,
				 "%s \"%.80s\": \"%s\" %lld names no %s", node_type_name(n->type), n->title,
				 f->key, (long long)*(const int64_t *)FIELD_CONST(obj, f),
				 f->check == CHECK_PRACTICE ? "practice" : "network");
			w->refusal = w->refusal_text;
			return 0;
		}
		if (f->kind == FK_OBJECT && *(void *const *)FIELD_CONST(obj, f) &&
		    !refs_ok(w, *(void *const *)FIELD_CONST(obj, f), f->sub, n))
			return 0;
		for (size_t i = 0; f->kind == FK_OBJECTS && i < ptrvec_len(v); i++)
			if (!refs_ok(w, ptrvec_get(v, i), f->sub, n))
				return 0;
	}
	return 1;
}

/* PX_EUSAGE (bad input, not a failing store) with the refusal and *line
 * set when a node names a node that is not there or not of that type. */
static enum px_err check_refs(struct writer *w, const struct node *n, int *line)
{
	if (refs_ok(w, n, node_fields(n->type), n))
		return PX_OK;
	*line = n->line;
	return PX_EUSAGE;
}

static enum px_err put_all(struct writer *w, struct ptrvec *nodes, const char *source,
			   struct store_report *rep)
{
	bind_text(w->q[S_BATCH], 1, source);
	if (store_step_insert(w->q[S_BATCH], &w->batch) != DB_DONE)
		return PX_ESTORE;
	enum px_err err = assign_nids(w, nodes);
	size_t total = ptrvec_len(nodes);
	for (size_t i = 0; !err && i < total; i++) {
		err = write_node(w, ptrvec_get(nodes, i), rep);
		if (w->st->progress && (i + 1) % PROGRESS_EVERY == 0)
			w->st->progress(i + 1, total, w->st->progress_arg);
	}
	for (size_t i = 0; !err && i < total; i++)
		err = check_refs(w, ptrvec_get(nodes, i), &rep->line);
	if (err)
		return err;
	struct db_stmt *q = w->q[S_BATCH_DONE];
	db_bind_int64(q, 1, w->batch);
	db_bind_int64(q, 2, (int64_t)rep->added);
	db_bind_int64(q, 3, (int64_t)rep->updated);
	db_bind_int64(q, 4, (int64_t)rep->unchanged);
	return run(w, S_BATCH_DONE) ? PX_ESTORE : PX_OK;
}

void store_set_progress(struct store *st, void (*fn)(size_t, size_t, void *), void *arg)
{
	st->progress = fn;
	st->progress_arg = arg;
}

/* What a write does with its writer, inside the transaction. */
struct write_job {
	struct ptrvec *nodes; /* an ingest: these, from source, counted in rep */
	const char *source;
	struct store_report *rep;
	struct node *n; /* a web save: n from base, its newest revision in *rev */
	int64_t base, *rev;
};

static enum px_err save_one(struct writer *w, struct node *n, int64_t base, int64_t *rev);

/* Runs job in one IMMEDIATE transaction by account (0 for an ingest): all
 * of it is written, or nothing, and why says what the store refused. */
static enum px_err write_all(struct store *st, int64_t account, const struct write_job *job, struct buf *why)
{
	if (db_begin_write(st->db))
		return store_fail(st, why, "cannot start a transaction");
	struct writer w;
	enum px_err err = writer_init(&w, st) ? PX_ESTORE : PX_OK;
	w.account = account;
	if (!err)
		err = job->n ? save_one(&w, job->n, job->base, job->rev)
			     : put_all(&w, job->nodes, job->source, job->rep);
	if ((err == PX_ESTORE || err == PX_EUSAGE) && w.refusal)
		buf_reject(why, "%s", w.refusal);
	else if (err == PX_ESTORE)
		store_fail(st, why, "write refused");
	writer_free(&w);
	if (!err && store_note_change(st))
		err = store_fail(st, why, "cannot tell the other nodes");
	if (!err && db_commit(st->db))
		err = store_fail(st, why, "commit failed");
	if (err)
		db_rollback(st->db);
	return err;
}

enum px_err store_nodes_put(struct store *st, struct ptrvec *nodes, const char *source,
			    struct store_report *rep, struct buf *why)
{
	memset(rep, 0, sizeof *rep);
	enum px_err err =
		write_all(st, 0, &(struct write_job){.nodes = nodes, .source = source, .rep = rep}, why);
	if (err) { /* nothing was written: no counts, only where it was refused */
		int line = rep->line;
		memset(rep, 0, sizeof *rep);
		rep->line = line;
	}
	return err;
}

/* ---- saving one node (the web's forms) ---- */

/* The newest revision of nid, 0 if none, -1 on error. */
static int64_t newest_rev(struct writer *w, int64_t nid)
{
	struct db_stmt *q = w->q[S_NEWEST_REV];
	db_bind_int64(q, 1, nid);
	int64_t rev = db_step(q) == DB_ROW ? db_column_int64(q, 0) : -1;
	db_reset(q);
	return rev;
}

/* Does n's state differ from the stored one (a new node: yes)? */
static int state_changes(struct writer *w, const struct node *n)
{
	struct db_stmt *q = w->q[S_STATE];
	db_bind_int64(q, 1, n->nid);
	int differs = db_step(q) != DB_ROW || strcmp(db_column_text(q, 0), node_state_name(n->state));
	db_reset(q);
	return differs;
}

/* n's dates as stored, so that the caller's index sorts it right. */
static int read_dates(struct writer *w, struct node *n)
{
	struct db_stmt *q = w->q[S_DATES];
	db_bind_int64(q, 1, n->nid);
	int bad = db_step(q) != DB_ROW;
	if (!bad) {
		free(n->created);
		free(n->changed);
		n->created = n->changed = NULL;
		bad = column_string(q, 0, &n->created) || column_string(q, 1, &n->changed);
	}
	db_reset(q);
	return bad;
}

static enum px_err save_one(struct writer *w, struct node *n, int64_t base, int64_t *rev)
{
	if (!n->nid) { /* a new node: the next nid, never one found by its title as an ingest would */
		if (db_step(w->q[S_MAX_NID]) == DB_ROW)
			n->nid = db_column_int64(w->q[S_MAX_NID], 0) + 1;
		db_reset(w->q[S_MAX_NID]);
		if (n->nid <= 0 || n->nid > NODE_NID_MAX) {
			w->refusal = "no nid is left above the largest one in use";
			return PX_ESTORE;
		}
	}
	enum px_err err;
	if ((*rev = newest_rev(w, n->nid)) < 0)
		return PX_ESTORE;
	if (*rev != base)
		return PX_ECONFLICT;
	struct store_report rep = {0};
	w->new_state = state_changes(w, n);
	if ((err = write_node(w, n, &rep)) || (err = check_refs(w, n, &rep.line)))
		return err;
	struct db_stmt *q = w->q[S_SET_STATE];
	db_bind_int64(q, 1, n->nid);
	db_bind_text(q, 2, node_state_name(n->state), -1);
	db_bind_int64(q, 3, w->account);
	if (run(w, S_SET_STATE) || read_dates(w, n))
		return PX_ESTORE;
	return (*rev = newest_rev(w, n->nid)) < 0 ? PX_ESTORE : PX_OK;
}

enum px_err store_node_save(struct store *st, struct node *n, int64_t base, int64_t account, int64_t *rev,
			    struct buf *why)
{
	return write_all(st, account, &(struct write_job){.n = n, .base = base, .rev = rev}, why);
}

int64_t store_node_rev(struct store *st, int64_t nid)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT coalesce(max(rev), 0) FROM revision WHERE nid = ?1", &q))
		return -1;
	db_bind_int64(q, 1, nid);
	int64_t rev = db_step(q) == DB_ROW ? db_column_int64(q, 0) : -1;
	db_finalize(q);
	return rev;
}

enum px_err store_nodes_in_state(struct store *st, enum node_state state, int64_t owner, size_t limit,
				 void (*fn)(int64_t, const char *, const char *, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT nid, title, updated FROM node WHERE state = ?1 AND (?2 = 0 OR owner = ?2)"
		       " ORDER BY updated DESC LIMIT ?3",
		       &q))
		return PX_ESTORE;
	db_bind_text(q, 1, node_state_name(state), -1);
	db_bind_int64(q, 2, owner);
	db_bind_int64(q, 3, (int64_t)limit);
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		fn(db_column_int64(q, 0), db_column_text(q, 1), db_column_text(q, 2), arg);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err store_revisions_each(struct store *st, int64_t nid,
				 void (*fn)(const struct store_revision *, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT r.rev, r.at, a.name, r.state, b.source FROM revision r"
		       " LEFT JOIN account a ON a.id = r.account LEFT JOIN batch b ON b.id = r.batch"
		       " WHERE r.nid = ?1 ORDER BY r.rev DESC",
		       &q))
		return PX_ESTORE;
	db_bind_int64(q, 1, nid);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct store_revision r = {db_column_int64(q, 0), db_column_text(q, 1), db_column_text(q, 2),
					   db_column_text(q, 3), db_column_text(q, 4)};
		fn(&r, arg);
	}
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err store_revision_get(struct store *st, int64_t nid, int64_t rev, struct node **out)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT doc, state FROM revision WHERE nid = ?1 AND rev = ?2", &q))
		return PX_ESTORE;
	db_bind_int64(q, 1, nid);
	db_bind_int64(q, 2, rev);
	enum px_err err = PX_ENOTFOUND;
	if (db_step(q) == DB_ROW) {
		json_error_t je;
		json_t *doc = json_loads(db_column_text(q, 0), 0, &je);
		struct buf why;
		buf_init(&why, 1024);
		*out = doc ? node_from_json(doc, &why) : NULL;
		const char *state = db_column_text(q, 1);
		if (*out && state && node_state_parse(state, &(*out)->state))
			(*out)->state = NODE_PUBLISHED;
		err = *out ? PX_OK : PX_ESTORE;
		json_decref(doc);
		buf_free(&why);
	}
	db_finalize(q);
	return err;
}

/* ---- counts ---- */

enum px_err store_count_by(struct store *st, const char *field,
			   void (*fn)(const char *value, int64_t count, void *), void *arg)
{
	static const struct {
		const char *field, *sql;
	} queries[] = {
		{"type", "SELECT type, count(*) c FROM node GROUP BY 1 ORDER BY c DESC, 1"},
		{"language", "SELECT language, count(*) c FROM node GROUP BY 1 ORDER BY c DESC, 1"},
		{"country", "SELECT country, count(*) c FROM node WHERE country IS NOT NULL GROUP BY 1"
			    " ORDER BY c DESC, 1"},
		{"theme", "SELECT value, count(*) c FROM node_term WHERE kind = 'theme' GROUP BY 1"
			  " ORDER BY c DESC, 1"},
		{"label", "SELECT value, count(*) c FROM node_term WHERE kind = 'label' GROUP BY 1"
			  " ORDER BY c DESC, 1"},
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		if (strcmp(queries[i].field, field))
			continue;
		struct db_stmt *q;
		if (db_prepare(st->db, queries[i].sql, &q))
			return PX_ESTORE;
		while (db_step(q) == DB_ROW)
			fn(db_column_text(q, 0), db_column_int64(q, 1), arg);
		db_finalize(q);
		return PX_OK;
	}
	return PX_EUSAGE;
}

static int64_t scalar(struct store *st, const char *sql, int64_t nid)
{
	struct db_stmt *q;
	int64_t v = -1;
	if (db_prepare(st->db, sql, &q) == DB_OK) {
		if (nid)
			db_bind_int64(q, 1, nid);
		if (db_step(q) == DB_ROW)
			v = db_column_int64(q, 0);
	}
	db_finalize(q);
	return v;
}

enum px_err store_totals(struct store *st, struct store_totals *t)
{
	t->nodes = scalar(st, "SELECT count(*) FROM node", 0);
	t->revisions = scalar(st, "SELECT count(*) FROM revision", 0);
	t->batches = scalar(st, "SELECT count(*) FROM batch", 0);
	t->max_nid = scalar(st, "SELECT coalesce(max(nid), 0) FROM node", 0);
	return t->nodes < 0 || t->revisions < 0 || t->batches < 0 ? PX_ESTORE : PX_OK;
}

int64_t store_revision_count(struct store *st, int64_t nid)
{
	return scalar(st, "SELECT count(*) FROM revision WHERE nid = ?1", nid);
}

int64_t store_last_revision(struct store *st)
{
	return scalar(st, "SELECT coalesce(max(rev), 0) FROM revision", 0);
}

enum px_err store_changed_since(struct store *st, int64_t rev, int (*fn)(int64_t, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT DISTINCT nid FROM revision WHERE rev > ?1 ORDER BY nid", &q))
		return PX_ESTORE;
	db_bind_int64(q, 1, rev);
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		if (fn(db_column_int64(q, 0), arg))
			break;
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? PX_OK : PX_ESTORE;
}
