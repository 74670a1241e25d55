# A praxis store carries its identity (PRAGMA application_id, user_version
# as the schema version). restore reads its FILE only (never writes to it)
# and refuses what is not a praxis store; no command adds the praxis schema
# to someone else's SQLite database (issue 11, findings 5 and 11).
. tests/cli/lib.sh

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"

db=$TMP/db
printf '%s\n' '{"nid": 5, "type": "article", "title": "Five", "author": "F", "language": "en", "body": "b"}' >"$TMP/five.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/five.jsonl"
expect_status 0 "$PRAXIS" user add --db "$db" --role admin ana <<<'correct horse battery'
[ "$(sqlite3 "$db" 'PRAGMA application_id')" = 1349673336 ] || fail "a new store has no application_id"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "a new store is not at schema $SCHEMA_VERSION"

# still_the_store: the store kept its node
still_the_store() {
	expect_status 0 "$PRAXIS" stats --db "$db"
	expect_grep "$TMP/out" '^nodes      1$'
}
# refused_untouched FILE PATTERN CMD...: CMD exits 1 saying PATTERN, FILE's bytes unchanged
refused_untouched() {
	local file=$1 pattern=$2
	shift 2
	cp "$file" "$TMP/before"
	expect_status 1 "$@"
	expect_grep "$TMP/err" "$pattern"
	cmp -s "$file" "$TMP/before" || fail "'$*' changed $file"
	[ ! -e "$file-wal" ] || [ ! -s "$file-wal" ] || fail "'$*' wrote a WAL beside $file"
}

# an empty SQLite database (0 bytes, and one with a header but no tables)
: >"$TMP/empty.db"
refused_untouched "$TMP/empty.db" "empty database, not a backup" "$PRAXIS" restore --db "$db" "$TMP/empty.db"
still_the_store
sqlite3 "$TMP/empty2.db" 'PRAGMA user_version = 0; VACUUM' || fail "cannot make empty2.db"
refused_untouched "$TMP/empty2.db" "empty database, not a backup" "$PRAXIS" restore --db "$db" "$TMP/empty2.db"
still_the_store

# another application's database
sqlite3 "$TMP/other.db" "CREATE TABLE contacts (name TEXT, phone TEXT);
	INSERT INTO contacts VALUES ('Ana', '555-0100');" || fail "cannot make other.db"
refused_untouched "$TMP/other.db" "other\.db: an SQLite database but not a praxis store" \
	"$PRAXIS" restore --db "$db" "$TMP/other.db"
still_the_store
# ... also with a node table of its own (no revision table: not ours)
sqlite3 "$TMP/other2.db" "CREATE TABLE node (id INTEGER); PRAGMA user_version = 3" || fail "other2.db"
refused_untouched "$TMP/other2.db" "not a praxis store" "$PRAXIS" restore --db "$db" "$TMP/other2.db"
# ... or another application_id
sqlite3 "$TMP/other3.db" "PRAGMA application_id = 42; CREATE TABLE node (x); CREATE TABLE revision (y);" ||
	fail "other3.db"
refused_untouched "$TMP/other3.db" "not a praxis store \(application_id 42\)" \
	"$PRAXIS" restore --db "$db" "$TMP/other3.db"
still_the_store

# no command adds the praxis schema to it
for cmd in "ingest|$TMP/five.jsonl" "stats|" "export|" "list|" "show|5" "user list|" "backup|$TMP/b.db"; do
	refused_untouched "$TMP/other.db" "other\.db: an SQLite database but not a praxis store" \
		"$PRAXIS" ${cmd%|*} --db "$TMP/other.db" ${cmd#*|}
done
[ "$(sqlite3 "$TMP/other.db" "SELECT count(*) FROM sqlite_master WHERE name = 'node'")" = 0 ] ||
	fail "the praxis schema was added to other.db"

# a praxis store from a newer praxis: restore refuses it and leaves it alone
expect_status 0 "$PRAXIS" backup --db "$db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99' || fail "cannot set user_version"
refused_untouched "$TMP/newer.db" "schema version 99 is newer than this praxis \($SCHEMA_VERSION\)" \
	"$PRAXIS" restore --db "$db" "$TMP/newer.db"
still_the_store

# a real backup restores, and the backup file is only read
expect_status 0 "$PRAXIS" backup --db "$db" "$TMP/good.db"
chmod a-w "$TMP/good.db"
cp "$TMP/good.db" "$TMP/before"
expect_status 0 "$PRAXIS" restore --db "$TMP/fresh.db" "$TMP/good.db"
cmp -s "$TMP/good.db" "$TMP/before" || fail "restore changed the backup"
expect_status 0 "$PRAXIS" show --db "$TMP/fresh.db" 5

# a backup of an old (schema 1) store restores and is migrated in the
# store, not in the backup
sqlite3 "$TMP/v1.db" "CREATE TABLE node (nid INTEGER PRIMARY KEY CHECK (nid > 0),
 type TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT, country TEXT, city TEXT,
 population INTEGER, language TEXT NOT NULL, author TEXT, body TEXT,
 ident TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX node_ident ON node (ident);
CREATE TABLE node_term (nid INTEGER NOT NULL, kind TEXT NOT NULL, pos INTEGER NOT NULL,
 value TEXT NOT NULL, PRIMARY KEY (nid, kind, pos)) WITHOUT ROWID;
CREATE INDEX node_term_value ON node_term (kind, value);
CREATE TABLE section (nid INTEGER NOT NULL, pos INTEGER NOT NULL, key TEXT NOT NULL,
 heading TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (nid, pos)) WITHOUT ROWID;
CREATE TABLE revision (rev INTEGER PRIMARY KEY, nid INTEGER NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX revision_nid ON revision (nid, rev);
INSERT INTO node VALUES (7, 'article', 'Old', NULL, NULL, NULL, NULL, 'en', 'A', 'b',
 'article' || char(31) || 'Old' || char(31) || 'A', '2021-01-01', '2021-01-01');
PRAGMA user_version = 1;" || fail "cannot make v1.db"
cp "$TMP/v1.db" "$TMP/before"
expect_status 0 "$PRAXIS" restore --db "$TMP/fresh.db" "$TMP/v1.db"
cmp -s "$TMP/v1.db" "$TMP/before" || fail "restore migrated the backup itself"
expect_status 0 "$PRAXIS" show --db "$TMP/fresh.db" 7
[ "$(sqlite3 "$TMP/fresh.db" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "the restored v1 store is not migrated"
[ "$(sqlite3 "$TMP/fresh.db" 'PRAGMA application_id')" = 1349673336 ] || fail "no application_id after restore"
exit 0
