/* Contact and transfer requests (schema v8): see request.h. */
#include "request.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
	[CONTACT_UNVERIFIED] = "unverified",
	[CONTACT_SENT] = "sent",
	[CONTACT_ANSWERED] = "answered",
	[CONTACT_CLOSED] = "closed",
};

const char *contact_status_name(enum contact_status s)
{
	return (unsigned)s <= CONTACT_CLOSED ? status_names[s] : "";
}

int contact_status_parse(const char *s, enum contact_status *out)
{
	for (int i = CONTACT_UNVERIFIED; s && i <= CONTACT_CLOSED; i++)
		if (!strcmp(s, status_names[i])) {
			*out = (enum contact_status)i;
			return 0;
		}
	return -1;
}

void contact_request_clear(struct contact_request *r)
{
	char **owned[] = {&r->name, &r->organisation, &r->email, &r->message, &r->lang,
			  &r->addr, &r->changed_by,   &r->note,  &r->title};
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(*owned[i]);
	memset(r, 0, sizeof *r);
}

/* The first column of q's first row (bound by the caller), or -1. */
static int64_t step_int(struct db_stmt *q)
{
	int64_t v = db_step(q) == DB_ROW ? db_column_int64(q, 0) : -1;
	db_finalize(q);
	return v;
}

/* Rows of request where column (email or addr) is value since since; -1 on error. */
static int64_t count_since(struct store *st, const char *sql, const char *value, int64_t nid, int64_t since)
{
	struct db_stmt *q;
	if (db_prepare(st->db, sql, &q) != DB_OK)
		return -1;
	db_bind_text(q, 1, value, -1);
	db_bind_int64(q, 2, since);
	if (db_bind_parameter_count(q) > 2)
		db_bind_int64(q, 3, nid);
	return step_int(q);
}

/* The throttle's verdict on r at now, or -1 on a store error. */
static int throttle(struct store *st, const struct contact_request *r, time_t now)
{
	int64_t repeat =
		count_since(st,
			    "SELECT count(*) FROM request WHERE lower(email) = lower(?1) AND created > ?2"
			    " AND nid = ?3 AND verified IS NULL",
			    r->email, r->nid, (int64_t)now - CONTACT_REPEAT_S);
	int64_t by_email = count_since(
		st, "SELECT count(*) FROM request WHERE lower(email) = lower(?1) AND created > ?2", r->email,
		0, (int64_t)now - CONTACT_WINDOW_S);
	int64_t by_addr = count_since(st, "SELECT count(*) FROM request WHERE addr = ?1 AND created > ?2",
				      r->addr, 0, (int64_t)now - CONTACT_WINDOW_S);
	if (repeat < 0 || by_email < 0 || by_addr < 0)
		return -1;
	if (by_email >= CONTACT_MAX_EMAIL || by_addr >= CONTACT_MAX_ADDR)
		return CONTACT_TOO_MANY;
	return repeat ? CONTACT_REPEAT : CONTACT_OK;
}

static enum px_err insert(struct store *st, struct contact_request *r, time_t now)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "INSERT INTO request (nid, name, organisation, email, message, lang, addr, created)"
		       " VALUES (?1, ?2, nullif(?3, ''), ?4, ?5, ?6, ?7, ?8) RETURNING id",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, r->nid);
	const char *text[] = {r->name, r->organisation, r->email, r->message, r->lang, r->addr};
	for (int i = 0; i < 6; i++)
		db_bind_text(q, i + 2, text[i], -1);
	db_bind_int64(q, 8, (int64_t)now);
	int rc = store_step_insert(q, &r->id);
	db_finalize(q);
	if (rc != DB_DONE)
		return PX_ESTORE;
	r->created = (int64_t)now;
	return PX_OK;
}

enum px_err contact_add(struct store *st, struct contact_request *r, time_t now,
			enum contact_throttle *verdict)
{
	struct db_stmt *purge;
	if (db_prepare(st->db, "DELETE FROM request WHERE verified IS NULL AND created < ?1", &purge) !=
	    DB_OK)
		return PX_ESTORE;
	db_bind_int64(purge, 1, (int64_t)now - CONTACT_UNVERIFIED_S);
	int rc = db_step(purge);
	db_finalize(purge);
	int v = rc == DB_DONE ? throttle(st, r, now) : -1;
	if (v < 0)
		return PX_ESTORE;
	*verdict = (enum contact_throttle)v;
	return v == CONTACT_OK ? insert(st, r, now) : PX_OK;
}

#define REQUEST_COLUMNS                                                                                      \
	"r.id, r.nid, r.name, r.organisation, r.email, r.message, r.lang, r.addr, r.created,"                \
	" coalesce(r.verified, 0), coalesce(r.changed, 0), r.status, r.changed_by, r.note, n.title,"         \
	" coalesce(n.owner, 0) FROM request r LEFT JOIN node n ON n.nid = r.nid"

/* Reads a row of REQUEST_COLUMNS; PX_ENOMEM if a copy failed. */
static enum px_err row_read(struct db_stmt *q, struct contact_request *r)
{
	*r = (struct contact_request){
		.id = db_column_int64(q, 0),
		.nid = db_column_int64(q, 1),
		.name = store_column_dup(q, 2),
		.organisation = store_column_dup(q, 3),
		.email = store_column_dup(q, 4),
		.message = store_column_dup(q, 5),
		.lang = store_column_dup(q, 6),
		.addr = store_column_dup(q, 7),
		.created = db_column_int64(q, 8),
		.verified = db_column_int64(q, 9),
		.changed = db_column_int64(q, 10),
		.changed_by = store_column_dup(q, 12),
		.note = store_column_dup(q, 13),
		.title = store_column_dup(q, 14),
		.owner = db_column_int64(q, 15),
	};
	const char *status = db_column_text(q, 11);
	if (contact_status_parse(status, &r->status))
		r->status = CONTACT_UNVERIFIED;
	if (!r->name || !r->email || !r->message || !r->lang || !r->addr) {
		contact_request_clear(r);
		return PX_ENOMEM;
	}
	return PX_OK;
}

enum px_err contact_get(struct store *st, int64_t id, struct contact_request *out)
{
	struct db_stmt *q;
	if (db_prepare(st->db, "SELECT " REQUEST_COLUMNS " WHERE r.id = ?1", &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, id);
	int rc = db_step(q);
	enum px_err err = rc == DB_ROW ? row_read(q, out) : rc == DB_DONE ? PX_ENOTFOUND : PX_ESTORE;
	db_finalize(q);
	return err;
}

enum px_err contact_verify(struct store *st, int64_t id, time_t now)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "UPDATE request SET verified = ?2, status = 'sent' WHERE id = ?1 AND verified IS NULL",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, (int64_t)now);
	int rc = db_step(q);
	db_finalize(q);
	if (rc != DB_DONE)
		return PX_ESTORE;
	return db_changes(st->db) == 1 ? PX_OK : PX_ECONFLICT;
}

enum px_err contact_set_status(struct store *st, int64_t id, enum contact_status s, const char *account,
			       const char *note, time_t now)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "UPDATE request SET status = ?2, changed_by = ?3, note = nullif(?4, ''), changed = ?5"
		       " WHERE id = ?1 AND verified IS NOT NULL",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, id);
	db_bind_text(q, 2, contact_status_name(s), -1);
	db_bind_text(q, 3, account, -1);
	db_bind_text(q, 4, note ? note : "", -1);
	db_bind_int64(q, 5, (int64_t)now);
	int rc = db_step(q);
	db_finalize(q);
	if (rc != DB_DONE)
		return PX_ESTORE;
	return db_changes(st->db) == 1 ? PX_OK : PX_ENOTFOUND;
}

enum px_err contact_each(struct store *st, int64_t owner, size_t limit,
			 void (*fn)(const struct contact_request *r, void *), void *arg)
{
	struct db_stmt *q;
	if (db_prepare(st->db,
		       "SELECT " REQUEST_COLUMNS " WHERE r.verified IS NOT NULL AND (?1 = 0 OR n.owner = ?1)"
		       " ORDER BY r.created DESC, r.id DESC LIMIT ?2",
		       &q) != DB_OK)
		return PX_ESTORE;
	db_bind_int64(q, 1, owner);
	db_bind_int64(q, 2, (int64_t)limit);
	enum px_err err = PX_OK;
	int rc;
	while (!err && (rc = db_step(q)) == DB_ROW) {
		struct contact_request r;
		if (!(err = row_read(q, &r))) {
			fn(&r, arg);
			contact_request_clear(&r);
		}
	}
	if (!err && rc != DB_DONE)
		err = PX_ESTORE;
	db_finalize(q);
	return err;
}
