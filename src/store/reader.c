/* Saved searches, digest keys and dossiers (schema v8): see reader.h. */
#include "reader.h"
#include "store_int.h"

#include "../text/text.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *reader_name_problem(const char *name)
{
	size_t n = name ? strlen(name) : 0, bad;
	if (!n || n > READER_NAME_MAX || strspn(name, " ") == n)
		return N_("A name has 1 to 200 characters.");
	if (text_utf8_check(name, n, &bad))
		return N_("A name must be valid UTF-8.");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return N_("A name cannot hold line breaks or control characters.");
	return NULL;
}

/* Prepares sql and binds its parameters in order, as types says: 'i' an
 * int64_t, 't' a string (NULL: SQL NULL). NULL when it cannot be prepared. */
static struct db_stmt *prep(struct store *st, const char *sql, const char *types, ...)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return NULL;
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			db_bind_int64(q, i + 1, va_arg(ap, int64_t));
		else
			db_bind_text(q, i + 1, va_arg(ap, const char *), -1);
	}
	va_end(ap);
	return q;
}

/* Steps q to its end and frees it: PX_OK, or PX_ENOTFOUND when want_change
 * and no row changed. */
static enum px_err finish(struct store *st, struct db_stmt *q, int want_change)
{
	if (!q)
		return PX_ESTORE;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		;
	db_finalize(q);
	if (rc != DB_DONE)
		return PX_ESTORE;
	return want_change && db_changes(st->db) == 0 ? PX_ENOTFOUND : PX_OK;
}

/* The first column of q's first row; -1 on error. Frees q. */
static int64_t count_of(struct db_stmt *q)
{
	int64_t v = -1;
	if (q && db_step(q) == DB_ROW)
		v = db_column_int64(q, 0);
	db_finalize(q);
	return v;
}

/* Inserts with insert (its parameters as types and the rest) when fewer
 * than max rows are counted by count (bound to owner): the check and the
 * insert in one transaction, or the caller's. */
static enum px_err insert_below(struct store *st, const char *count, int64_t owner, int64_t max,
				struct db_stmt *insert, int64_t *id)
{
	int begun = store_write_begin(st);
	enum px_err err = begun < 0 || !insert ? PX_ESTORE : PX_OK;
	int64_t have = err ? -1 : count_of(prep(st, count, "i", owner));
	if (!err)
		err = have < 0 ? PX_ESTORE : have >= max ? PX_ETOOBIG : PX_OK;
	if (!err) {
		err = store_step_insert(insert, id) == DB_DONE ? PX_OK : PX_ESTORE;
	}
	db_finalize(insert);
	enum px_err end = store_write_end(st, begun, !err);
	return err ? err : end;
}

/* ---- saved searches ---- */

enum px_err saved_search_add(struct store *st, int64_t account, const char *name, const char *query,
			     int64_t now_ms, int64_t *id)
{
	size_t bad;
	if (reader_name_problem(name) || strlen(query) > READER_QUERY_MAX ||
	    text_utf8_check(query, strlen(query), &bad))
		return PX_EUSAGE;
	struct db_stmt *q = prep(st,
				 "INSERT INTO saved_search (account, name, query, created, digested_ms)"
				 " VALUES (?1, ?2, ?3, ?4 / 1000, ?4) RETURNING id",
				 "itti", account, name, query, now_ms);
	return insert_below(st, "SELECT count(*) FROM saved_search WHERE account = ?1", account,
			    READER_SEARCHES_MAX, q, id);
}

enum px_err saved_search_delete(struct store *st, int64_t account, int64_t id)
{
	return finish(st,
		      prep(st, "DELETE FROM saved_search WHERE id = ?1 AND account = ?2", "ii", id, account),
		      1);
}

static void copy_text(char *out, size_t size, struct db_stmt *q, int col)
{
	const char *s = db_column_text(q, col);
	snprintf(out, size, "%s", s ? (const char *)s : "");
}

enum px_err saved_search_each(struct store *st, int64_t account,
			      void (*fn)(const struct saved_search *, void *), void *arg)
{
	struct db_stmt *q =
		account ? prep(st,
			       "SELECT id, account, name, query, created, digested_ms FROM saved_search"
			       " WHERE account = ?1 ORDER BY id",
			       "i", account)
			: prep(st,
			       "SELECT s.id, s.account, s.name, s.query, s.created, s.digested_ms"
			       " FROM saved_search s JOIN account a ON a.id = s.account"
			       " WHERE a.digest = 1 AND a.disabled = 0 AND a.email IS NOT NULL"
			       " ORDER BY s.account, s.id",
			       "");
	if (!q)
		return PX_ESTORE;
	struct saved_search *s = malloc(sizeof *s); /* 2 KB: not on a worker's stack */
	int rc = s ? DB_OK : DB_NOMEM;
	while (s && (rc = db_step(q)) == DB_ROW) {
		s->id = db_column_int64(q, 0);
		s->account = db_column_int64(q, 1);
		copy_text(s->name, sizeof s->name, q, 2);
		copy_text(s->query, sizeof s->query, q, 3);
		s->created = db_column_int64(q, 4);
		s->digested_ms = db_column_int64(q, 5);
		fn(s, arg);
	}
	free(s);
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : rc == DB_NOMEM ? PX_ENOMEM : PX_ESTORE;
}

enum px_err saved_search_digested(struct store *st, int64_t id, int64_t t_ms)
{
	return finish(st, prep(st, "UPDATE saved_search SET digested_ms = ?2 WHERE id = ?1", "ii", id, t_ms),
		      1);
}

enum px_err reader_published_ms(struct store *st, int64_t nid, int64_t *t_ms)
{
	int64_t t = count_of(prep(
		st,
		"SELECT coalesce(CAST(round((julianday(coalesce("
		"(SELECT min(at) FROM revision WHERE nid = ?1 AND (state IS NULL OR state = 'published')),"
		"(SELECT updated FROM node WHERE nid = ?1))) - 2440587.5) * 86400000) AS BIGINT), 0)",
		"i", nid));
	if (t < 0)
		return PX_ESTORE;
	*t_ms = t;
	return PX_OK;
}

/* ---- unsubscribe keys ---- */

static void key_of(const char *token, char key[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(key, 65, h, sizeof h);
}

enum px_err digest_key_new(struct store *st, int64_t account, time_t now, char token[SESSION_TOKEN_N])
{
	char key[65];
	token_new(token);
	key_of(token, key);
	return finish(st,
		      prep(st, "INSERT INTO digest_key (key, account, created) VALUES (?1, ?2, ?3)", "tii",
			   key, account, (int64_t)now),
		      0);
}

enum px_err digest_key_find(struct store *st, const char *token, int64_t *account)
{
	if (!token || strlen(token) != SESSION_TOKEN_N - 1)
		return PX_ENOTFOUND;
	char key[65];
	key_of(token, key);
	int64_t a = count_of(
		prep(st, "SELECT coalesce((SELECT account FROM digest_key WHERE key = ?1), 0)", "t", key));
	if (a < 0)
		return PX_ESTORE;
	*account = a;
	return a ? PX_OK : PX_ENOTFOUND;
}

/* ---- dossiers ---- */

enum px_err dossier_add(struct store *st, int64_t account, const char *name, time_t now, int64_t *id)
{
	if (reader_name_problem(name))
		return PX_EUSAGE;
	struct db_stmt *q =
		prep(st, "INSERT INTO dossier (account, name, created) VALUES (?1, ?2, ?3) RETURNING id",
		     "iti", account, name, (int64_t)now);
	return insert_below(st, "SELECT count(*) FROM dossier WHERE account = ?1", account,
			    READER_DOSSIERS_MAX, q, id);
}

#define DOSSIER_COLUMNS "id, name, created, (SELECT count(*) FROM dossier_item i WHERE i.dossier = d.id)"

static void read_dossier(struct db_stmt *q, struct dossier *d)
{
	d->id = db_column_int64(q, 0);
	copy_text(d->name, sizeof d->name, q, 1);
	d->created = db_column_int64(q, 2);
	d->items = (size_t)db_column_int64(q, 3);
}

enum px_err dossier_get(struct store *st, int64_t account, int64_t id, struct dossier *out)
{
	struct db_stmt *q =
		prep(st, "SELECT " DOSSIER_COLUMNS " FROM dossier d WHERE id = ?1 AND account = ?2", "ii", id,
		     account);
	if (!q)
		return PX_ESTORE;
	int rc = db_step(q);
	if (rc == DB_ROW)
		read_dossier(q, out);
	db_finalize(q);
	return rc == DB_ROW ? PX_OK : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
}

enum px_err dossier_rename(struct store *st, int64_t account, int64_t id, const char *name)
{
	if (reader_name_problem(name))
		return PX_EUSAGE;
	return finish(st,
		      prep(st, "UPDATE dossier SET name = ?3 WHERE id = ?1 AND account = ?2", "iit", id,
			   account, name),
		      1);
}

enum px_err dossier_delete(struct store *st, int64_t account, int64_t id)
{
	return finish(st, prep(st, "DELETE FROM dossier WHERE id = ?1 AND account = ?2", "ii", id, account),
		      1);
}

enum px_err dossier_each(struct store *st, int64_t account, void (*fn)(const struct dossier *, void *),
			 void *arg)
{
	struct db_stmt *q =
		prep(st, "SELECT " DOSSIER_COLUMNS " FROM dossier d WHERE account = ?1 ORDER BY name, id",
		     "i", account);
	if (!q)
		return PX_ESTORE;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct dossier d;
		read_dossier(q, &d);
		fn(&d, arg);
	}
	db_finalize(q);
	return rc == DB_DONE ? PX_OK : PX_ESTORE;
}

enum px_err dossier_item_add(struct store *st, int64_t account, int64_t id, int64_t nid, time_t now)
{
	struct dossier d;
	enum px_err err = dossier_get(st, account, id, &d);
	if (err)
		return err;
	if (count_of(prep(st, "SELECT count(*) FROM dossier_item WHERE dossier = ?1 AND nid = ?2", "ii", id,
			  nid)) == 1)
		return PX_OK;
	struct db_stmt *q = prep(
		st,
		"INSERT INTO dossier_item (dossier, nid, added) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
		"iii", id, nid, (int64_t)now);
	return insert_below(st, "SELECT count(*) FROM dossier_item WHERE dossier = ?1", id, DOSSIER_ITEMS_MAX,
			    q, NULL);
}

enum px_err dossier_item_remove(struct store *st, int64_t account, int64_t id, int64_t nid)
{
	return finish(st,
		      prep(st,
			   "DELETE FROM dossier_item WHERE dossier = ?1 AND nid = ?3"
			   " AND EXISTS (SELECT 1 FROM dossier WHERE id = ?1 AND account = ?2)",
			   "iii", id, account, nid),
		      1);
}

enum px_err dossier_items(struct store *st, int64_t account, int64_t id, int64_t *nids, size_t max, size_t *n)
{
	struct db_stmt *q = prep(st,
				 "SELECT i.nid FROM dossier_item i JOIN dossier d ON d.id = i.dossier"
				 " WHERE d.id = ?1 AND d.account = ?2 ORDER BY i.rowid",
				 "ii", id, account);
	if (!q)
		return PX_ESTORE;
	int rc;
	*n = 0;
	while ((rc = db_step(q)) == DB_ROW && *n < max)
		nids[(*n)++] = db_column_int64(q, 0);
	db_finalize(q);
	return rc == DB_DONE || rc == DB_ROW ? PX_OK : PX_ESTORE;
}
