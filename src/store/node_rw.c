/* Reading and writing nodes. A node is spread over node, node_term and
 * section; its revision row holds the whole export object, which is also how
 * "unchanged" is decided: the new object equals the latest revision's. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define PROGRESS_EVERY 4096 /* nodes between progress callbacks */
#define NOW            STORE_NOW

/* ---- reading ---- */

struct reader {
	sqlite3_stmt *node, *terms, *sections;
};

static void reader_free(struct reader *r)
{
	sqlite3_finalize(r->node);
	sqlite3_finalize(r->terms);
	sqlite3_finalize(r->sections);
}

static int reader_init(struct store *st, struct reader *r)
{
	memset(r, 0, sizeof *r);
	sqlite3 *db = st->db;
	if (sqlite3_prepare_v2(
		    db,
		    "SELECT type, title, subtitle, country, city, population, language, author, body,"
		    " state, coalesce(owner, 0) FROM node WHERE nid = ?",
		    -1, &r->node, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT kind, value FROM node_term WHERE nid = ? ORDER BY kind, pos", -1,
			       &r->terms, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT key, heading, text FROM section WHERE nid = ? ORDER BY pos", -1,
			       &r->sections, NULL)) {
		reader_free(r);
		return -1;
	}
	return 0;
}

static int column_string(sqlite3_stmt *q, int col, char **out)
{
	const unsigned char *s = sqlite3_column_text(q, col);
	if (!s)
		return 0;
	*out = px_strndup((const char *)s, (size_t)sqlite3_column_bytes(q, col));
	return *out ? 0 : -1;
}

static enum px_err read_lists(struct reader *r, struct node *n)
{
	enum px_err err = PX_OK;
	sqlite3_bind_int64(r->terms, 1, n->nid);
	while (!err && sqlite3_step(r->terms) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(r->terms, 0);
		const char *v = (const char *)sqlite3_column_text(r->terms, 1);
		struct strlist *l = strcmp(kind, "theme") == 0   ? &n->themes
				    : strcmp(kind, "label") == 0 ? &n->labels
								 : &n->relations;
		err = strlist_add(l, v, (size_t)sqlite3_column_bytes(r->terms, 1));
	}
	sqlite3_reset(r->terms);
	sqlite3_bind_int64(r->sections, 1, n->nid);
	while (!err && sqlite3_step(r->sections) == SQLITE_ROW) {
		enum section_key key;
		if (section_key_parse((const char *)sqlite3_column_text(r->sections, 0), &key))
			err = PX_ESTORE; /* the schema's CHECK makes this corruption */
		else
			err = node_section_add(n, key, (const char *)sqlite3_column_text(r->sections, 1),
					       (const char *)sqlite3_column_text(r->sections, 2));
	}
	sqlite3_reset(r->sections);
	return err;
}

static enum px_err reader_get(struct reader *r, int64_t nid, struct node **out)
{
	sqlite3_bind_int64(r->node, 1, nid);
	int rc = sqlite3_step(r->node);
	enum px_err err = PX_OK;
	enum node_type type;
	struct node *n = NULL;
	if (rc != SQLITE_ROW) {
		err = rc == SQLITE_DONE ? PX_ENOTFOUND : PX_ESTORE;
	} else if (node_type_parse((const char *)sqlite3_column_text(r->node, 0), &type)) {
		err = PX_ESTORE;
	} else if (!(n = node_new(type))) {
		err = PX_ENOMEM;
	} else {
		n->nid = nid;
		if (column_string(r->node, 1, &n->title) || column_string(r->node, 2, &n->subtitle) ||
		    column_string(r->node, 3, &n->country) || column_string(r->node, 4, &n->city) ||
		    column_string(r->node, 7, &n->author) || column_string(r->node, 8, &n->body))
			err = PX_ENOMEM;
		if (sqlite3_column_type(r->node, 5) != SQLITE_NULL)
			n->population = sqlite3_column_int64(r->node, 5);
		const char *lang = (const char *)sqlite3_column_text(r->node, 6);
		if (lang && strlen(lang) < sizeof n->language)
			memcpy(n->language, lang, strlen(lang) + 1);
		if (node_state_parse((const char *)sqlite3_column_text(r->node, 9), &n->state))
			err = PX_ESTORE; /* the schema's CHECK makes this corruption */
		n->owner = sqlite3_column_int64(r->node, 10);
	}
	sqlite3_reset(r->node);
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
	if (!st->text &&
	    sqlite3_prepare_v2(
		    st->db,
		    "SELECT subtitle, (SELECT group_concat(text, char(10)) FROM"
		    " (SELECT text FROM section WHERE nid = ?1 ORDER BY pos)), body FROM node WHERE nid = ?1",
		    -1, &st->text, NULL))
		return PX_ESTORE;
	sqlite3_bind_int64(st->text, 1, nid);
	int rc = sqlite3_step(st->text);
	enum px_err err = rc == SQLITE_ROW ? PX_OK : rc == SQLITE_DONE ? PX_ENOTFOUND : PX_ESTORE;
	for (int col = 0; !err && col < 3; col++) {
		const char *t = (const char *)sqlite3_column_text(st->text, col);
		if (t && (err = buf_add(out, t, (size_t)sqlite3_column_bytes(st->text, col))) == PX_OK)
			err = buf_addc(out, '\n');
	}
	sqlite3_reset(st->text);
	return err;
}

enum px_err store_node_updated(struct store *st, int64_t nid, char out[32])
{
	if (!st->updated &&
	    sqlite3_prepare_v2(st->db, "SELECT updated FROM node WHERE nid = ?1", -1, &st->updated, NULL))
		return PX_ESTORE;
	sqlite3_bind_int64(st->updated, 1, nid);
	int rc = sqlite3_step(st->updated);
	enum px_err err = rc == SQLITE_ROW ? PX_OK : rc == SQLITE_DONE ? PX_ENOTFOUND : PX_ESTORE;
	const char *t = err ? NULL : (const char *)sqlite3_column_text(st->updated, 0);
	if (t && strlen(t) < 32)
		memcpy(out, t, strlen(t) + 1);
	else if (!err)
		err = PX_ESTORE; /* the schema keeps it NOT NULL and short */
	sqlite3_reset(st->updated);
	return err;
}

void store_reader_free(struct store *st)
{
	sqlite3_finalize(st->text);
	st->text = NULL;
	sqlite3_finalize(st->updated);
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
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT nid FROM node ORDER BY nid DESC", -1, &q, NULL))
		return PX_ESTORE;
	if (reader_init(st, &r)) {
		sqlite3_finalize(q);
		return PX_ESTORE;
	}
	/* One read transaction, so the walk sees one consistent store. */
	int begun = store_read_begin(st);
	enum px_err err = PX_OK;
	int rc;
	while (!err && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct node *n;
		if ((err = reader_get(&r, sqlite3_column_int64(q, 0), &n)))
			break;
		int stop = fn(n, arg);
		node_free(n);
		if (stop)
			break;
	}
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = PX_ESTORE;
	store_read_end(st, begun);
	sqlite3_finalize(q);
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
	S_UPSERT,
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
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_MAX_NID] = "SELECT coalesce(max(nid), 0) FROM node",
	[S_IDENT] = STORE_IDENT_SQL,
	[S_IDENT_LAST] = "INSERT INTO temp.ident_last (ident, nid) VALUES (?1, ?2)"
			 " ON CONFLICT (ident) DO UPDATE SET nid = ?2",
	[S_BATCH_NID] = "INSERT OR IGNORE INTO temp.batch_nid (nid) VALUES (?1)",
	[S_PREV_DOC] = "SELECT (SELECT doc FROM revision WHERE nid = ?1 ORDER BY rev DESC LIMIT 1),"
		       " EXISTS (SELECT 1 FROM node WHERE nid = ?1)",
	[S_UPSERT] = "INSERT INTO node (nid, type, title, subtitle, country, city, population, language,"
		     " author, body, ident, created, updated)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, " NOW ", " NOW ")"
		     " ON CONFLICT (nid) DO UPDATE SET type = ?2, title = ?3, subtitle = ?4, country = ?5,"
		     " city = ?6, population = ?7, language = ?8, author = ?9, body = ?10, ident = ?11,"
		     " updated = " NOW,
	[S_DEL_TERMS] = "DELETE FROM node_term WHERE nid = ?1",
	[S_ADD_TERM] = "INSERT INTO node_term (nid, kind, pos, value) VALUES (?1, ?2, ?3, ?4)",
	[S_DEL_SECTIONS] = "DELETE FROM section WHERE nid = ?1",
	[S_ADD_SECTION] = "INSERT INTO section (nid, pos, key, heading, text) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_ADD_REVISION] = "INSERT INTO revision (nid, at, doc, batch, account, state)"
			   " VALUES (?1, " NOW ", ?2, ?3, ?4, ?5)",
	[S_BATCH] = "INSERT INTO batch (source, at) VALUES (?1, " NOW ")",
	[S_BATCH_DONE] = "UPDATE batch SET added = ?2, updated = ?3, unchanged = ?4 WHERE id = ?1",
	[S_NEWEST_REV] = "SELECT coalesce(max(rev), 0) FROM revision WHERE nid = ?1",
	[S_STATE] = "SELECT state FROM node WHERE nid = ?1",
	[S_SET_STATE] = "UPDATE node SET state = ?2, owner = coalesce(owner, ?3) WHERE nid = ?1",
};

struct writer {
	struct store *st;
	sqlite3_stmt *q[S_COUNT];
	int64_t batch;   /* the ingest's batch, 0 for a save on the web */
	int64_t account; /* who saves on the web, 0 for an ingest */
	int new_state;   /* a web save changes the node's state: write even the same object */
	struct buf ident;
	const char *refusal; /* why a write was refused, when SQLite did not refuse it */
};

/* Runs statement s to completion (binding nothing more); SQLITE_DONE/ROW ok. */
static int run(struct writer *w, enum stmt s)
{
	int rc = sqlite3_step(w->q[s]);
	sqlite3_reset(w->q[s]);
	sqlite3_clear_bindings(w->q[s]);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
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
	if (sqlite3_step(w->q[S_MAX_NID]) == SQLITE_ROW)
		next = sqlite3_column_int64(w->q[S_MAX_NID], 0);
	sqlite3_reset(w->q[S_MAX_NID]);
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		const struct node *n = ptrvec_get(nodes, i);
		if (n->nid < 0 || n->nid > NODE_NID_MAX) {
			w->refusal = "a nid is outside 1 to 2^53 - 1";
			return PX_ESTORE;
		}
		if (n->nid > next)
			next = n->nid;
		sqlite3_bind_int64(w->q[S_BATCH_NID], 1, n->nid);
		if (n->nid && run(w, S_BATCH_NID))
			return PX_ESTORE;
	}
	for (size_t i = 0; i < ptrvec_len(nodes); i++) {
		struct node *n = ptrvec_get(nodes, i);
		if (n->nid)
			continue;
		if (node_ident(n, &w->ident))
			return PX_ENOMEM;
		sqlite3_stmt *q = w->q[S_IDENT];
		sqlite3_bind_text(q, 1, w->ident.data, (int)w->ident.len, SQLITE_STATIC);
		int found = sqlite3_step(q) == SQLITE_ROW;
		n->nid = found ? sqlite3_column_int64(q, 0) : next < NODE_NID_MAX ? ++next : 0;
		sqlite3_reset(q);
		if (!n->nid) {
			w->refusal = "no nid is left above the largest one in use";
			return PX_ESTORE;
		}
		/* none found: none is left for the identity, the next lookup ends at once */
		sqlite3_bind_text(w->q[S_IDENT_LAST], 1, w->ident.data, (int)w->ident.len, SQLITE_STATIC);
		sqlite3_bind_int64(w->q[S_IDENT_LAST], 2, found ? n->nid : NODE_NID_MAX);
		if (run(w, S_IDENT_LAST))
			return PX_ESTORE;
		sqlite3_bind_int64(w->q[S_BATCH_NID], 1, n->nid);
		if (run(w, S_BATCH_NID))
			return PX_ESTORE;
	}
	return PX_OK;
}

static int write_terms(struct writer *w, int64_t nid, const char *kind, const struct strlist *l)
{
	sqlite3_stmt *q = w->q[S_ADD_TERM];
	for (size_t i = 0; i < strlist_len(l); i++) {
		sqlite3_bind_int64(q, 1, nid);
		sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, (int64_t)i);
		bind_text(q, 4, strlist_get(l, i));
		if (run(w, S_ADD_TERM))
			return -1;
	}
	return 0;
}

static int write_sections(struct writer *w, const struct node *n)
{
	sqlite3_stmt *q = w->q[S_ADD_SECTION];
	for (size_t i = 0; i < node_section_count(n); i++) {
		const struct section *s = node_section(n, i);
		sqlite3_bind_int64(q, 1, n->nid);
		sqlite3_bind_int64(q, 2, (int64_t)i);
		sqlite3_bind_text(q, 3, section_key_name(s->key), -1, SQLITE_STATIC);
		bind_text(q, 4, s->heading);
		bind_text(q, 5, s->text);
		if (run(w, S_ADD_SECTION))
			return -1;
	}
	return 0;
}

static int write_row(struct writer *w, const struct node *n)
{
	sqlite3_stmt *q = w->q[S_UPSERT];
	sqlite3_bind_int64(q, 1, n->nid);
	sqlite3_bind_text(q, 2, node_type_name(n->type), -1, SQLITE_STATIC);
	bind_text(q, 3, n->title);
	bind_text(q, 4, n->subtitle);
	bind_text(q, 5, n->country);
	bind_text(q, 6, n->city);
	if (n->population >= 0)
		sqlite3_bind_int64(q, 7, n->population);
	bind_text(q, 8, n->language);
	bind_text(q, 9, n->author);
	bind_text(q, 10, n->body);
	sqlite3_bind_text(q, 11, w->ident.data, (int)w->ident.len, SQLITE_STATIC);
	return run(w, S_UPSERT);
}

/* Writes one node unless it is stored exactly so; counts it in rep. */
static enum px_err write_node(struct writer *w, const struct node *n, struct store_report *rep)
{
	struct buf doc;
	buf_init(&doc, BUF_CAP_DEFAULT);
	enum px_err err = node_write_jsonl(n, &doc);
	if (!err)
		err = node_ident(n, &w->ident);
	if (err) {
		buf_free(&doc);
		return err;
	}
	doc.data[--doc.len] = '\0'; /* the revision holds the object, not the line */
	sqlite3_stmt *prev = w->q[S_PREV_DOC];
	sqlite3_bind_int64(prev, 1, n->nid);
	int row = sqlite3_step(prev) == SQLITE_ROW;
	int existed = row && sqlite3_column_int(prev, 1);
	int same = row && sqlite3_column_type(prev, 0) != SQLITE_NULL &&
		   (size_t)sqlite3_column_bytes(prev, 0) == doc.len &&
		   memcmp(sqlite3_column_text(prev, 0), doc.data, doc.len) == 0;
	sqlite3_reset(prev);
	if (same && !w->new_state) {
		rep->unchanged++;
		buf_free(&doc);
		return PX_OK;
	}
	sqlite3_bind_int64(w->q[S_DEL_TERMS], 1, n->nid);
	sqlite3_bind_int64(w->q[S_DEL_SECTIONS], 1, n->nid);
	sqlite3_stmt *rev = w->q[S_ADD_REVISION];
	/* A new node has no terms or sections to delete. */
	int bad = write_row(w, n) || (existed && (run(w, S_DEL_TERMS) || run(w, S_DEL_SECTIONS))) ||
		  write_terms(w, n->nid, "theme", &n->themes) ||
		  write_terms(w, n->nid, "label", &n->labels) ||
		  write_terms(w, n->nid, "relation", &n->relations) || write_sections(w, n);
	if (!bad) {
		sqlite3_bind_int64(rev, 1, n->nid);
		sqlite3_bind_text(rev, 2, doc.data, (int)doc.len, SQLITE_STATIC);
		if (w->batch)
			sqlite3_bind_int64(rev, 3, w->batch);
		if (w->account) /* a web save: who, and the state it leaves */
			sqlite3_bind_int64(rev, 4, w->account);
		if (w->account)
			sqlite3_bind_text(rev, 5, node_state_name(n->state), -1, SQLITE_STATIC);
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
		sqlite3_finalize(w->q[i]);
	buf_free(&w->ident);
}

static int writer_init(struct writer *w, struct store *st)
{
	memset(w, 0, sizeof *w);
	w->st = st;
	buf_init(&w->ident, BUF_CAP_DEFAULT);
	if (store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS batch_nid (nid INTEGER PRIMARY KEY);"
			   "CREATE TEMP TABLE IF NOT EXISTS ident_last (ident TEXT PRIMARY KEY, nid INTEGER NOT NULL);"
			   "DELETE FROM temp.batch_nid; DELETE FROM temp.ident_last"))
		return -1;
	for (int i = 0; i < S_COUNT; i++)
		if (sqlite3_prepare_v2(st->db, stmt_sql[i], -1, &w->q[i], NULL))
			return -1;
	return 0;
}

static enum px_err put_all(struct writer *w, struct ptrvec *nodes, const char *source,
			   struct store_report *rep)
{
	bind_text(w->q[S_BATCH], 1, source);
	if (run(w, S_BATCH))
		return PX_ESTORE;
	w->batch = sqlite3_last_insert_rowid(w->st->db);
	enum px_err err = assign_nids(w, nodes);
	size_t total = ptrvec_len(nodes);
	for (size_t i = 0; !err && i < total; i++) {
		err = write_node(w, ptrvec_get(nodes, i), rep);
		if (w->st->progress && (i + 1) % PROGRESS_EVERY == 0)
			w->st->progress(i + 1, total, w->st->progress_arg);
	}
	if (err)
		return err;
	sqlite3_stmt *q = w->q[S_BATCH_DONE];
	sqlite3_bind_int64(q, 1, w->batch);
	sqlite3_bind_int64(q, 2, (int64_t)rep->added);
	sqlite3_bind_int64(q, 3, (int64_t)rep->updated);
	sqlite3_bind_int64(q, 4, (int64_t)rep->unchanged);
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
	if (store_exec(st, "BEGIN IMMEDIATE"))
		return store_fail(st, why, "cannot start a transaction");
	struct writer w;
	enum px_err err = writer_init(&w, st) ? PX_ESTORE : PX_OK;
	w.account = account;
	if (!err)
		err = job->n ? save_one(&w, job->n, job->base, job->rev)
			     : put_all(&w, job->nodes, job->source, job->rep);
	if (err == PX_ESTORE && w.refusal)
		buf_reject(why, "%s", w.refusal);
	else if (err == PX_ESTORE)
		store_fail(st, why, "write refused");
	writer_free(&w);
	if (!err && store_exec(st, "COMMIT"))
		err = store_fail(st, why, "commit failed");
	if (err)
		store_exec(st, "ROLLBACK");
	return err;
}

enum px_err store_nodes_put(struct store *st, struct ptrvec *nodes, const char *source,
			    struct store_report *rep, struct buf *why)
{
	memset(rep, 0, sizeof *rep);
	enum px_err err =
		write_all(st, 0, &(struct write_job){.nodes = nodes, .source = source, .rep = rep}, why);
	if (err)
		memset(rep, 0, sizeof *rep);
	return err;
}

/* ---- saving one node (the web's forms) ---- */

/* The newest revision of nid, 0 if none, -1 on error. */
static int64_t newest_rev(struct writer *w, int64_t nid)
{
	sqlite3_stmt *q = w->q[S_NEWEST_REV];
	sqlite3_bind_int64(q, 1, nid);
	int64_t rev = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_reset(q);
	return rev;
}

/* Does n's state differ from the stored one (a new node: yes)? */
static int state_changes(struct writer *w, const struct node *n)
{
	sqlite3_stmt *q = w->q[S_STATE];
	sqlite3_bind_int64(q, 1, n->nid);
	int differs = sqlite3_step(q) != SQLITE_ROW ||
		      strcmp((const char *)sqlite3_column_text(q, 0), node_state_name(n->state));
	sqlite3_reset(q);
	return differs;
}

static enum px_err save_one(struct writer *w, struct node *n, int64_t base, int64_t *rev)
{
	if (!n->nid) { /* a new node: the next nid, never one found by its title as an ingest would */
		if (sqlite3_step(w->q[S_MAX_NID]) == SQLITE_ROW)
			n->nid = sqlite3_column_int64(w->q[S_MAX_NID], 0) + 1;
		sqlite3_reset(w->q[S_MAX_NID]);
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
	if ((err = write_node(w, n, &rep)))
		return err;
	sqlite3_stmt *q = w->q[S_SET_STATE];
	sqlite3_bind_int64(q, 1, n->nid);
	sqlite3_bind_text(q, 2, node_state_name(n->state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, w->account);
	if (run(w, S_SET_STATE))
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
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT coalesce(max(rev), 0) FROM revision WHERE nid = ?1", -1, &q,
			       NULL))
		return -1;
	sqlite3_bind_int64(q, 1, nid);
	int64_t rev = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_finalize(q);
	return rev;
}

enum px_err store_nodes_in_state(struct store *st, enum node_state state, int64_t owner, size_t limit,
				 void (*fn)(int64_t, const char *, const char *, void *), void *arg)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(
		    st->db,
		    "SELECT nid, title, updated FROM node WHERE state = ?1 AND (?2 = 0 OR owner = ?2)"
		    " ORDER BY updated DESC LIMIT ?3",
		    -1, &q, NULL))
		return PX_ESTORE;
	sqlite3_bind_text(q, 1, node_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, owner);
	sqlite3_bind_int64(q, 3, (int64_t)limit);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn(sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
		   (const char *)sqlite3_column_text(q, 2), arg);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

enum px_err store_revisions_each(struct store *st, int64_t nid,
				 void (*fn)(const struct store_revision *, void *), void *arg)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT r.rev, r.at, a.name, r.state, b.source FROM revision r"
			       " LEFT JOIN account a ON a.id = r.account LEFT JOIN batch b ON b.id = r.batch"
			       " WHERE r.nid = ?1 ORDER BY r.rev DESC",
			       -1, &q, NULL))
		return PX_ESTORE;
	sqlite3_bind_int64(q, 1, nid);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct store_revision r = {
			sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
			(const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3),
			(const char *)sqlite3_column_text(q, 4)};
		fn(&r, arg);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}

enum px_err store_revision_get(struct store *st, int64_t nid, int64_t rev, struct node **out)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT doc, state FROM revision WHERE nid = ?1 AND rev = ?2", -1, &q,
			       NULL))
		return PX_ESTORE;
	sqlite3_bind_int64(q, 1, nid);
	sqlite3_bind_int64(q, 2, rev);
	enum px_err err = PX_ENOTFOUND;
	if (sqlite3_step(q) == SQLITE_ROW) {
		json_error_t je;
		json_t *doc = json_loads((const char *)sqlite3_column_text(q, 0), 0, &je);
		struct buf why;
		buf_init(&why, 1024);
		*out = doc ? node_from_json(doc, &why) : NULL;
		const char *state = (const char *)sqlite3_column_text(q, 1);
		if (*out && state && node_state_parse(state, &(*out)->state))
			(*out)->state = NODE_PUBLISHED;
		err = *out ? PX_OK : PX_ESTORE;
		json_decref(doc);
		buf_free(&why);
	}
	sqlite3_finalize(q);
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
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(st->db, queries[i].sql, -1, &q, NULL))
			return PX_ESTORE;
		while (sqlite3_step(q) == SQLITE_ROW)
			fn((const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1), arg);
		sqlite3_finalize(q);
		return PX_OK;
	}
	return PX_EUSAGE;
}

static int64_t scalar(struct store *st, const char *sql, int64_t nid)
{
	sqlite3_stmt *q;
	int64_t v = -1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) == SQLITE_OK) {
		if (nid)
			sqlite3_bind_int64(q, 1, nid);
		if (sqlite3_step(q) == SQLITE_ROW)
			v = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
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
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT DISTINCT nid FROM revision WHERE rev > ?1 ORDER BY nid", -1,
			       &q, NULL))
		return PX_ESTORE;
	sqlite3_bind_int64(q, 1, rev);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (fn(sqlite3_column_int64(q, 0), arg))
			break;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PX_OK : PX_ESTORE;
}
