/* Machine translations of nodes (schema v10): see translation.h. */
#include "translation.h"
#include "store_int.h"

#include <stdio.h>
#include <string.h>

enum px_err store_translation_get(struct store *st, int64_t nid, int64_t rev, const char *lang,
				  struct translation *t)
{
	struct db_stmt *q;
	*t = (struct translation){.html = NULL};
	if (db_prepare(st->db,
			       "SELECT html, source, via, made FROM translation WHERE nid = ? AND rev = ? AND lang = ?", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, nid);
	db_bind_int64(q, 2, rev);
	db_bind_text(q, 3, lang, -1);
	int rc = db_step(q);
	enum px_err err = rc == DB_ROW ? PX_OK : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
	if (!err) {
		const char *from = db_column_text(q, 1), *via = db_column_text(q, 2);
		snprintf(t->from, sizeof t->from, "%s", from ? (const char *)from : "");
		snprintf(t->via, sizeof t->via, "%s", via ? (const char *)via : "");
		t->made = db_column_int64(q, 3);
		if (!(t->html = store_column_dup(q, 0)))
			err = PX_ENOMEM;
	}
	db_finalize(q);
	return err;
}

/* Runs sql with (nid, rev, lang) and the rest bound. */
static int put_step(struct store *st, const char *sql, int64_t nid, int64_t rev, const char *lang,
		    const struct translation *t)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return -1;
	db_bind_int64(q, 1, nid);
	db_bind_int64(q, 2, rev);
	db_bind_text(q, 3, lang, -1);
	if (t) {
		db_bind_text(q, 4, t->from, -1);
		if (*t->via)
			db_bind_text(q, 5, t->via, -1);
		db_bind_text(q, 6, t->html, -1);
		db_bind_int64(q, 7, t->made);
	}
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_DONE ? 0 : -1;
}

enum px_err store_translation_put(struct store *st, int64_t nid, int64_t rev, const char *lang,
				  const struct translation *t)
{
	int begun = store_write_begin(st);
	if (begun < 0)
		return PX_ESTORE;
	int ok = !put_step(st, "DELETE FROM translation WHERE nid = ?1 AND rev < ?2 AND lang = ?3", nid, rev, lang,
			   NULL) &&
		 !put_step(st,
			   "INSERT INTO translation (nid, rev, lang, source, via, html, made)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (nid, rev, lang) DO UPDATE SET"
			   " source = excluded.source, via = excluded.via, html = excluded.html, made = excluded.made",
			   nid, rev, lang, t);
	enum px_err err = store_write_end(st, begun, ok);
	return err ? err : ok ? PX_OK : PX_ESTORE;
}
