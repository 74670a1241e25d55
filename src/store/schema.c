/* The schema and its migrations. PRAGMA user_version is the number of
 * migrations applied; each runs in its own transaction with the version bump,
 * so a crash leaves the store at one version or the next, never between.
 *
 * node        one row per node; scalar fields. ident = type, title, author
 *             joined by U+001F: how a node without a source nid is recognised.
 * node_term   themes, labels, relations, with their order.
 * section     practice sections, in order.
 * revision    every version of every node as its export object (doc).
 * batch       (v2) one row per store_nodes_put: the file and the counts.
 * account     (v3) the people who edit: name, role, Argon2id hash.
 * session     (v3) a logged-in browser: the BLAKE2b hash of its token.
 * login_failure (v3) failed logins per account and per address, for throttling.
 * audit       (v3) who did what when: logins, edits, imports, user changes.
 * (v4) node.state and node.owner: drafts and unpublished nodes; the state
 *      each web revision left.
 * request     (v8) contact and transfer requests to a practice's contact.
 * (v5) nothing new in the tables: PRAGMA application_id = STORE_APP_ID
 *      ("Prax"), which every migration stamps with its version bump, so a
 *      store made before v5 gets it too.
 * (v9) readers: account.role 'reader', account.email, lang, pending,
 *      digest; saved_search, digest_key, dossier, dossier_item
 *      (store/reader.h).
 *
 * Identity: a praxis store is a database whose application_id is
 * STORE_APP_ID, or (made before v5) whose application_id is 0 and which
 * holds the tables node and revision at a version from 1 to 4. A database
 * that is neither and is not empty belongs to someone else: nothing here
 * writes to it (not even the WAL switch). */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include <sqlite3.h>

static const char *const migrations[] = {
	/* 1: nodes, their lists and sections, revisions */
	"CREATE TABLE node ("
	" nid INTEGER PRIMARY KEY CHECK (nid > 0),"
	" type TEXT NOT NULL CHECK (type IN ('practice', 'article')),"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" subtitle TEXT, country TEXT, city TEXT,"
	" population INTEGER CHECK (population IS NULL OR population >= 0),"
	" language TEXT NOT NULL, author TEXT, body TEXT,"
	" ident TEXT NOT NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"CREATE INDEX node_ident ON node (ident);"
	"CREATE TABLE node_term ("
	" nid INTEGER NOT NULL REFERENCES node (nid) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('theme', 'label', 'relation')),"
	" pos INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (nid, kind, pos)) WITHOUT ROWID;"
	"CREATE INDEX node_term_value ON node_term (kind, value);"
	"CREATE TABLE section ("
	" nid INTEGER NOT NULL REFERENCES node (nid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" key TEXT NOT NULL CHECK (key IN ('summary', 'solution', 'collaboration', 'impact', 'transfer')),"
	" heading TEXT NOT NULL, text TEXT NOT NULL,"
	" PRIMARY KEY (nid, pos)) WITHOUT ROWID;"
	"CREATE TABLE revision ("
	" rev INTEGER PRIMARY KEY,"
	" nid INTEGER NOT NULL REFERENCES node (nid),"
	" at TEXT NOT NULL, doc TEXT NOT NULL);"
	"CREATE INDEX revision_nid ON revision (nid, rev);",

	/* 2: ingest batches, and which batch wrote each revision */
	"CREATE TABLE batch ("
	" id INTEGER PRIMARY KEY,"
	" source TEXT NOT NULL, at TEXT NOT NULL,"
	" added INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
	" unchanged INTEGER NOT NULL DEFAULT 0);"
	"ALTER TABLE revision ADD COLUMN batch INTEGER REFERENCES batch (id);",

	/* 3: accounts, sessions, failed logins, the audit log; who wrote a revision */
	"CREATE TABLE account ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),"
	" role TEXT NOT NULL CHECK (role IN ('author', 'editor', 'admin')),"
	" hash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" created TEXT NOT NULL);"
	"CREATE TABLE session ("
	" key TEXT PRIMARY KEY,"
	" account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL,"
	" created INTEGER NOT NULL, seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX session_account ON session (account);"
	"CREATE TABLE login_failure (key TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX login_failure_key ON login_failure (key, at);"
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL, account TEXT, addr TEXT,"
	" action TEXT NOT NULL, target TEXT, detail TEXT);"
	"ALTER TABLE revision ADD COLUMN account INTEGER REFERENCES account (id);",

	/* 4: a node's state (ingested nodes are published) and who created it */
	"ALTER TABLE node ADD COLUMN state TEXT NOT NULL DEFAULT 'published'"
	" CHECK (state IN ('draft', 'published', 'unpublished'));"
	"ALTER TABLE node ADD COLUMN owner INTEGER REFERENCES account (id);"
	"ALTER TABLE revision ADD COLUMN state TEXT"
	" CHECK (state IS NULL OR state IN ('draft', 'published', 'unpublished'));",

	/* 5: only the application_id, which the version bump below writes */
	"",

	/* 6: cities and networks (the type CHECK widened, and a language
	 * only where the type has one: SQLite changes a
	 * CHECK only by rebuilding the table, with foreign keys off, see
	 * MIGRATION_REBUILDS), the fields added since kept as one JSON object
	 * (extra), and an index for "newest" and for the nodes of one type */
	"CREATE TABLE node_new ("
	" nid INTEGER PRIMARY KEY CHECK (nid > 0),"
	" type TEXT NOT NULL CHECK (type IN ('practice', 'article', 'city', 'network')),"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" subtitle TEXT, country TEXT, city TEXT,"
	" population INTEGER CHECK (population IS NULL OR population >= 0),"
	" language TEXT, author TEXT, body TEXT,"
	" ident TEXT NOT NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'published' CHECK (state IN ('draft', 'published', 'unpublished')),"
	" owner INTEGER REFERENCES account (id),"
	" extra TEXT CHECK (extra IS NULL OR json_valid(extra)));"
	"INSERT INTO node_new (nid, type, title, subtitle, country, city, population, language, author, body,"
	" ident, created, updated, state, owner)"
	" SELECT nid, type, title, subtitle, country, city, population, language, author, body,"
	" ident, created, updated, state, owner FROM node;"
	"DROP TABLE node;"
	"ALTER TABLE node_new RENAME TO node;"
	"CREATE INDEX node_ident ON node (ident);"
	"CREATE INDEX node_type ON node (type, created);",

	/* 7: outgoing mail (store/mail.h): the outbox, and the one-use tokens
	 * mailed links carry (only their hash). Times are unix seconds. */
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" recipient TEXT NOT NULL CHECK (recipient <> ''), reply_to TEXT,"
	" subject TEXT NOT NULL, body TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_try INTEGER NOT NULL,"
	" sent INTEGER,"
	" last_error TEXT);"
	"CREATE INDEX outbox_due ON outbox (next_try) WHERE sent IS NULL;"
	"CREATE TABLE mail_token ("
	" key TEXT PRIMARY KEY,"
	" purpose TEXT NOT NULL, email TEXT NOT NULL, subject INTEGER NOT NULL,"
	" created INTEGER NOT NULL, expires INTEGER NOT NULL, used INTEGER);",

	/* 8: contact and transfer requests (store/request.h): a visitor's
	 * message to the contact of practice nid, unverified until the mailed
	 * link is followed. addr, the client's, only throttles. Times are
	 * unix seconds. */
	"CREATE TABLE request ("
	" id INTEGER PRIMARY KEY,"
	" nid INTEGER NOT NULL,"
	" name TEXT NOT NULL CHECK (name <> ''),"
	" organisation TEXT,"
	" email TEXT NOT NULL CHECK (email <> ''),"
	" message TEXT NOT NULL CHECK (message <> ''),"
	" lang TEXT NOT NULL,"
	" addr TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" verified INTEGER,"
	" status TEXT NOT NULL DEFAULT 'unverified'"
	" CHECK (status IN ('unverified', 'sent', 'answered', 'closed')),"
	" changed INTEGER, changed_by TEXT, note TEXT);"
	"CREATE INDEX request_email ON request (email, created);"
	"CREATE INDEX request_addr ON request (addr, created);"
	"CREATE INDEX request_nid ON request (nid, created);",

	/* 9: readers (store/reader.h): the role 'reader' (the account table
	 * rebuilt for its CHECK, foreign keys off: see MIGRATION_REBUILDS), an
	 * account's e-mail address, interface language, pending registration
	 * (unix seconds; NULL once confirmed) and digest switch; saved searches
	 * (digested_ms: unix milliseconds up to which the digest told of new
	 * practices), the digests' unsubscribe keys (hashes), dossiers and
	 * their practices. */
	"CREATE TABLE account_new ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),"
	" role TEXT NOT NULL CHECK (role IN ('reader', 'author', 'editor', 'admin')),"
	" hash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" created TEXT NOT NULL,"
	" email TEXT UNIQUE COLLATE NOCASE,"
	" lang TEXT,"
	" pending INTEGER,"
	" digest INTEGER NOT NULL DEFAULT 1 CHECK (digest IN (0, 1)));"
	"INSERT INTO account_new (id, name, role, hash, disabled, created)"
	" SELECT id, name, role, hash, disabled, created FROM account;"
	"DROP TABLE account;"
	"ALTER TABLE account_new RENAME TO account;"
	"CREATE TABLE saved_search ("
	" id INTEGER PRIMARY KEY,"
	" account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	" query TEXT NOT NULL CHECK (length(query) <= 2000),"
	" created INTEGER NOT NULL, digested_ms INTEGER NOT NULL);"
	"CREATE INDEX saved_search_account ON saved_search (account);"
	"CREATE TABLE digest_key ("
	" key TEXT PRIMARY KEY,"
	" account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
	" created INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE dossier ("
	" id INTEGER PRIMARY KEY,"
	" account INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	" created INTEGER NOT NULL);"
	"CREATE INDEX dossier_account ON dossier (account);"
	"CREATE TABLE dossier_item ("
	" dossier INTEGER NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,"
	" nid INTEGER NOT NULL,"
	" added INTEGER NOT NULL,"
	" PRIMARY KEY (dossier, nid));",

	/* 10: machine translations (store/translation.h), one per node
	 * revision and language: source, the original's language; via, the
	 * pivot or NULL; html, the translated document; made, unix seconds.
	 * No foreign key: a translation outlives nothing but is read by
	 * (nid, rev), which a node's later revisions never match. */
	"CREATE TABLE translation ("
	" nid INTEGER NOT NULL,"
	" rev INTEGER NOT NULL,"
	" lang TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND 3),"
	" source TEXT NOT NULL,"
	" via TEXT,"
	" html TEXT NOT NULL,"
	" made INTEGER NOT NULL,"
	" PRIMARY KEY (nid, rev, lang)) WITHOUT ROWID;",
};

/* Migrations that rebuild a table others refer to: they run with foreign
 * keys off (SQLite's documented procedure: DROP TABLE would otherwise
 * cascade to node_term and section), then foreign_key_check must pass. */
#define MIGRATION_REBUILDS(v) ((v) == 5 || (v) == 8)

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "STORE_SCHEMA_VERSION must equal the number of migrations");

static uint64_t failures; /* atomic: store_failures() */

uint64_t store_failures(void)
{
	return __atomic_load_n(&failures, __ATOMIC_RELAXED);
}

enum px_err store_fail(struct store *st, struct buf *why, const char *what)
{
	__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	if (why)
		buf_reject(why, "%s: %s", what, db_errmsg(st->db));
	return PX_ESTORE;
}

int store_exec(struct store *st, const char *sql)
{
	return db_exec(st->db, sql);
}

int store_step_insert(struct db_stmt *q, int64_t *id)
{
	int rc = db_step(q);
	if (rc == DB_ROW && id)
		*id = db_column_int64(q, 0);
	while (rc == DB_ROW)
		rc = db_step(q);
	return rc;
}

int store_note_change(struct store *st)
{
	return db_kind(st->db) == DB_POSTGRES ? db_exec(st->db, "NOTIFY " STORE_CHANNEL) : DB_OK;
}

int store_read_begin(struct store *st)
{
	return !db_in_transaction(st->db) && db_begin_read(st->db) == DB_OK;
}

void store_read_end(struct store *st, int begun)
{
	if (begun)
		db_commit(st->db);
}

int store_write_begin(struct store *st)
{
	/* PostgreSQL: a transaction under way (a page's reads) still takes
	 * the write lock, as SQLite's would on its first write */
	if (db_in_transaction(st->db))
		return db_kind(st->db) == DB_POSTGRES &&
				       db_exec(st->db, "SELECT pg_advisory_xact_lock(" DB_WRITE_LOCK_KEY ")")
			       ? -1
			       : 0;
	return db_begin_write(st->db) == DB_OK ? 1 : -1;
}

enum px_err store_write_end(struct store *st, int begun, int ok)
{
	if (begun != 1)
		return PX_OK;
	if (ok && db_commit(st->db) == DB_OK)
		return PX_OK;
	db_rollback(st->db);
	return ok ? PX_ESTORE : PX_OK;
}

char *store_column_dup(struct db_stmt *q, int i)
{
	const char *s = db_column_text(q, i);
	return s ? px_strdup(s) : NULL;
}

/* The first column of the first row of sql as an int; -1 on error. */
static int query_int(struct db *db, const char *sql)
{
	struct db_stmt *q;
	int v = -1;
	if (db_prepare(db, sql, &q) == DB_OK && db_step(q) == DB_ROW)
		v = db_column_int(q, 0);
	db_finalize(q);
	return v;
}

int store_schema_version(struct store *st)
{
	if (db_kind(st->db) == DB_POSTGRES)
		return store_pg_schema_version(st);
	return query_int(st->db, "PRAGMA user_version");
}

enum px_err store_identify(struct db *db, struct buf *why)
{
	/* one read transaction: the four answers describe one state, not one
	 * from before another process's first migration and one after */
	int begun = !db_in_transaction(db) && db_begin_read(db) == DB_OK;
	int app = query_int(db, "PRAGMA application_id");
	int version = query_int(db, "PRAGMA user_version");
	int objects = query_int(db, "SELECT count(*) FROM sqlite_master");
	int ours = query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				 " AND name IN ('node', 'revision')");
	if (begun)
		db_commit(db);
	if (app == -1 || version < 0 || objects < 0 || ours < 0) {
		buf_reject(why, "cannot read the store: %s", db_errmsg(db));
		return PX_ESTORE;
	}
	if (app == STORE_APP_ID || (app == 0 && (objects == 0 || (ours == 2 && version >= 1)))) {
		if (version <= STORE_SCHEMA_VERSION)
			return PX_OK;
		buf_reject(why, "schema version %d is newer than this praxis (%d): upgrade praxis", version,
			   STORE_SCHEMA_VERSION);
		return PX_ESTORE;
	}
	buf_reject(why, "an SQLite database but not a praxis store (application_id %d): left untouched", app);
	return PX_ESTORE;
}

/* Runs the migration after version *v under the write lock, unless
 * another process ran it meanwhile; *v is then the version reached. */
static enum px_err migrate_one(struct store *st, int *v, int target, struct buf *why)
{
	if (store_exec(st, "BEGIN IMMEDIATE") != DB_OK)
		return store_fail(st, why, "cannot start a migration");
	int hint = *v;
	if ((*v = store_schema_version(st)) < 0) {
		enum px_err err = store_fail(st, why, "cannot read the schema version");
		store_exec(st, "ROLLBACK");
		return err;
	}
	if (*v >= target || *v != hint) { /* another process migrated meanwhile: look again */
		store_exec(st, "COMMIT");
		return PX_OK;
	}
	char bump[96];
	snprintf(bump, sizeof bump, "PRAGMA user_version = %d; PRAGMA application_id = %d", *v + 1,
		 STORE_APP_ID);
	int bad = store_exec(st, migrations[*v]) != DB_OK || store_exec(st, bump) != DB_OK;
	if (!bad && MIGRATION_REBUILDS(*v) &&
	    query_int(st->db, "SELECT count(*) FROM pragma_foreign_key_check") != 0) {
		store_exec(st, "ROLLBACK");
		buf_reject(why, "migration %d would break a reference between tables: left undone", *v + 1);
		return PX_ESTORE;
	}
	if (bad) {
		enum px_err err = store_fail(st, why, "migration failed");
		store_exec(st, "ROLLBACK");
		return err;
	}
	if (store_exec(st, "COMMIT") != DB_OK)
		return store_fail(st, why, "cannot commit a migration");
	(*v)++;
	return PX_OK;
}

enum px_err store_migrate(struct store *st, int target, struct buf *why)
{
	if (db_kind(st->db) == DB_POSTGRES)
		return store_pg_migrate(st, target, why);
	int v = store_schema_version(st);
	if (v < 0)
		return store_fail(st, why, "cannot read the schema version");
	/* The version read above is only a hint (a store at its version takes
	 * no write lock); it is read again under the lock each migration
	 * takes, since another process may have migrated in between (two
	 * commands creating the same new store at once). */
	while (v < target) {
		int rebuild = MIGRATION_REBUILDS(v);
		if (rebuild && store_exec(st, "PRAGMA foreign_keys = OFF") != DB_OK)
			return store_fail(st, why, "cannot start a migration");
		enum px_err err = migrate_one(st, &v, target, why);
		if (rebuild && store_exec(st, "PRAGMA foreign_keys = ON") != DB_OK && !err)
			err = store_fail(st, why, "cannot turn foreign keys back on");
		if (err)
			return err;
	}
	return PX_OK;
}

/* Why a store cannot be written, or "" if nothing says so: SQLite opens a
 * file it may not write read-only without a word, and cannot make its
 * -wal and -shm in a directory it may not write. */
static const char *readonly_cause(const char *path)
{
	if (!access(path, F_OK) && access(path, W_OK))
		return "a read-only file";
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash)
		return access(".", W_OK) ? "in a read-only directory" : "";
	if ((size_t)snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + 1, path) >= sizeof dir)
		return "";
	return access(dir, W_OK) ? "in a read-only directory" : "";
}

/* The cause if the last failure on st came from the store being read-only,
 * else NULL. A reader's connection is always read-only, so only SQLite's
 * error code counts for it. */
static const char *readonly_failure(struct store *st, int read_only)
{
	int code = db_errcode(st->db) & 0xff;
	const char *cause = readonly_cause(st->path);
	int ro = code == DB_READONLY ||
		 (!read_only && (code == DB_CANTOPEN || sqlite3_db_readonly(db_sqlite(st->db), "main") == 1));
	return ro && *cause ? cause : NULL;
}

/* Closes st after a failure: PX_EDENIED with the cause in why if the store
 * is read-only, else err (PX_ESTORE with SQLite's message under what if
 * why holds nothing yet). */
static enum px_err open_fail(struct store *st, int read_only, struct buf *why, const char *what)
{
	const char *cause = readonly_failure(st, read_only);
	enum px_err err = PX_EDENIED;
	if (cause)
		buf_reject(why, "%s", cause);
	else if (why->len)
		err = PX_ESTORE;
	else
		err = store_fail(st, why, what);
	store_close(st);
	return err;
}

/* path as a "file:" URI (RFC 3986: every byte but unreserved ones and '/'
 * percent-encoded), followed by query. */
static enum px_err file_uri(const char *path, const char *query, struct buf *out)
{
	enum px_err err = buf_adds(out, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p && !err; p++)
		err = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
				      strchr("/-._~", *p)
			      ? buf_addc(out, (char)*p)
			      : buf_printf(out, "%%%02X", *p);
	return err ? err : buf_adds(out, query);
}

/* Opens path only to read. A WAL store in a directory we may not write has
 * no -shm to share: if it has no -wal either, the file holds every commit
 * and nobody is writing through us, so it is read as immutable (no locks,
 * no -shm). Another account writing it in the meantime would make a -wal,
 * which is why this is only a fallback. */
static int open_read_only(struct store *st)
{
	int rc = db_sqlite_open(st->path, SQLITE_OPEN_READONLY, &st->db);
	if (rc != DB_OK || query_int(st->db, "SELECT count(*) FROM sqlite_master") >= 0 ||
	    (db_errcode(st->db) & 0xff) != DB_READONLY)
		return rc;
	char wal[4096];
	if ((size_t)snprintf(wal, sizeof wal, "%s-wal", st->path) >= sizeof wal || !access(wal, F_OK))
		return rc;
	struct buf uri;
	buf_init(&uri, 3 * sizeof wal);
	if (file_uri(st->path, "?immutable=1", &uri) == PX_OK) {
		db_close(st->db);
		rc = db_sqlite_open(uri.data, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &st->db);
	}
	buf_free(&uri);
	return rc;
}

/* Puts the store in WAL mode (it stays so: a no-op on an existing store).
 * On a new store several processes may switch at once; SQLite answers
 * DB_BUSY at once instead of waiting where waiting could deadlock, so
 * the switch is retried for as long as the busy timeout would wait. */
static int set_wal(struct store *st)
{
	int rc;
	for (int tries = 0; (rc = store_exec(st, "PRAGMA journal_mode = WAL")) == DB_BUSY && tries < 1000;
	     tries++)
		sqlite3_sleep(10);
	return rc;
}

/* Connects to the PostgreSQL store at uri, checking it is one (or an
 * empty database). */
static enum px_err open_pg(const char *uri, struct store **out, struct buf *why)
{
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = store_redact(uri))) {
		free(st);
		return PX_ENOMEM;
	}
	buf_reset(why);
	if (db_pg_connect(uri, &st->db) != DB_OK) {
		enum px_err err = store_fail(st, why, "cannot connect to the store");
		store_close(st);
		return err;
	}
	enum px_err err = store_pg_identify(st, why);
	if (err) {
		store_close(st);
		return err;
	}
	*out = st;
	return PX_OK;
}

/* Opens the store at path; an SQLite file is made if missing only when
 * create. */
static enum px_err open_db(const char *path, int read_only, int create, struct store **out, struct buf *why)
{
	if (db_is_postgres(path))
		return open_pg(path, out, why);
	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = px_strdup(path))) {
		free(st);
		return PX_ENOMEM;
	}
	int rc = read_only ? open_read_only(st)
			   : db_sqlite_open(path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), &st->db);
	if (rc == DB_OK)
		sqlite3_busy_timeout(db_sqlite(st->db), 10000);
	buf_reset(why);
	if (rc == DB_OK && !read_only && sqlite3_db_readonly(db_sqlite(st->db), "main") == 1)
		return open_fail(st, read_only, why, "cannot open the store");
	/* a first read, whose error (a read-only directory, a locked file) is
	 * still SQLite's last one when open_fail() looks */
	if (rc == DB_OK && query_int(st->db, "SELECT count(*) FROM sqlite_master") < 0)
		return open_fail(st, read_only, why, "cannot read the store");
	if (rc == DB_OK && store_identify(st->db, why))
		return open_fail(st, read_only, why, "cannot read the store");
	/* Setting WAL on a corrupt or non-database file is where SQLite
	 * notices (a reader leaves the mode as it is). */
	if (rc != DB_OK || (!read_only && set_wal(st) != DB_OK) ||
	    store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
			   " PRAGMA cache_size = -32768; PRAGMA mmap_size = 2147418112") != DB_OK)
		return open_fail(st, read_only, why, "cannot open the store");
	struct stat sb;
	if (!stat(path, &sb))
		st->dev = sb.st_dev, st->ino = sb.st_ino;
	*out = st;
	return PX_OK;
}

enum px_err store_check(struct store *st, struct buf *why)
{
	if (db_kind(st->db) == DB_POSTGRES)
		return query_int(st->db, "SELECT 1") != 1 ? store_fail(st, why, "the store does not answer")
							  : PX_OK;
	struct stat sb;
	if (stat(st->path, &sb)) {
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
		buf_reject(why, "the store's file %s is gone: %s", st->path, strerror(errno));
		return PX_EIO;
	}
	if (sb.st_dev != st->dev || sb.st_ino != st->ino) {
		__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
		buf_reject(why, "the store's file %s was replaced since it was opened", st->path);
		return PX_EIO;
	}
	return query_int(st->db, "PRAGMA schema_version") < 0
		       ? store_fail(st, why, "the store does not answer")
		       : PX_OK;
}

static enum px_err open_at(const char *path, int version, int create, struct store **out, struct buf *why)
{
	struct store *st;
	enum px_err err = open_db(path, 0, create, &st, why);
	if (err)
		return err;
	if ((err = store_migrate(st, version, why))) {
		if (db_kind(st->db) == DB_SQLITE && readonly_failure(st, 0)) {
			buf_reset(why);
			return open_fail(st, 0, why, "migration failed");
		}
		store_close(st);
		return err;
	}
	*out = st;
	return PX_OK;
}

enum px_err store_open_at_version(const char *path, int version, struct store **out, struct buf *why)
{
	return open_at(path, version, 1, out, why);
}

enum px_err store_open(const char *path, struct store **out, struct buf *why)
{
	return open_at(path, STORE_SCHEMA_VERSION, 1, out, why);
}

enum px_err store_open_existing(const char *path, struct store **out, struct buf *why)
{
	if (!db_is_postgres(path) && access(path, F_OK)) {
		buf_reject(why, "the store's file %s is gone: %s", path, strerror(errno));
		return PX_EIO;
	}
	return open_at(path, STORE_SCHEMA_VERSION, 0, out, why);
}

enum px_err store_open_read(const char *path, struct store **out, struct buf *why)
{
	if (db_is_postgres(path) || access(path, F_OK))
		return store_open(path, out, why);
	struct store *st;
	enum px_err err = open_db(path, 1, 0, &st, why);
	if (err)
		return err;
	int version = store_schema_version(st);
	if (version < STORE_SCHEMA_VERSION) {
		store_close(st);
		err = store_open(path, out, why);
		if (err == PX_EDENIED &&
		    buf_printf(why, "; its schema (version %d) needs migrating to %d first", version,
			       STORE_SCHEMA_VERSION))
			return PX_EDENIED; /* no room for the note: the cause is said */
		return err;
	}
	*out = st;
	return PX_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_reader_free(st);
	db_close(st->db);
	free(st->path);
	free(st);
}

/* The version praxis was linked against may differ from the one the loader
 * found: the run-time answer is the one worth reporting. */
enum px_err store_lib_versions(struct buf *out)
{
	enum px_err err = buf_printf(out, "SQLite %s\n", sqlite3_libversion());
	if (!err)
		err = store_pg_lib_version(out);
	return err ? err : buf_printf(out, "libsodium %s\n", sodium_version_string());
}
