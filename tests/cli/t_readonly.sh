# Commands that only read (stats, export, list, show, search, similar,
# user list) work on a store the caller may not write: a read-only file, or
# a read-only directory (where SQLite cannot make the WAL's -shm). Commands
# that write, and a store that needs a migration, are told "the store FILE
# is read-only (...)" with exit 1 (issue 11, finding 11: "attempt to write a
# readonly database" before).
#
# root writes whatever the permissions say, so as root the commands run as
# nobody (setpriv); a non-root runner runs them as itself.
. tests/cli/lib.sh

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed to test as another user"
	other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	owner=(chown 65534:65534)
else
	other=()
	owner=(true)
fi
chmod 755 "$TMP" # nobody must reach the files
[ -x "$PRAXIS" ] && "${other[@]}" test -x "$PRAXIS" || fail "$PRAXIS is not runnable by another user"

dir=$TMP/ro
mkdir "$dir"
db=$dir/hub.db
printf '%s\n' '{"nid": 7, "type": "article", "title": "Seven bridges", "author": "K", "language": "en", "body": "walk"}' \
	'{"nid": 8, "type": "article", "title": "Eight gates", "author": "K", "language": "en", "body": "walk"}' \
	>"$TMP/in.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/in.jsonl"
expect_status 0 "$PRAXIS" user add --db "$db" --role admin ana <<<'correct horse battery'
chmod 644 "$TMP/in.jsonl"
cp "$db" "$TMP/before.db"

# reads_work: every reading command answers from the store as the other user
reads_work() {
	expect_status 0 "${other[@]}" "$PRAXIS" stats --db "$db"
	expect_grep "$TMP/out" '^nodes      2$'
	expect_status 0 "${other[@]}" "$PRAXIS" export --db "$db"
	[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "export printed $(wc -l <"$TMP/out") nodes, expected 2"
	expect_status 0 "${other[@]}" "$PRAXIS" list --db "$db"
	expect_grep "$TMP/out" 'Seven bridges'
	expect_status 0 "${other[@]}" "$PRAXIS" show --db "$db" 7
	expect_grep "$TMP/out" '^Seven bridges$'
	expect_status 0 "${other[@]}" "$PRAXIS" search --db "$db" gates
	expect_grep "$TMP/out" 'Eight gates'
	expect_status 0 "${other[@]}" "$PRAXIS" similar --db "$db" 7
	expect_status 0 "${other[@]}" "$PRAXIS" user list --db "$db"
	expect_grep "$TMP/out" '^ana'
}
# writes_refused CAUSE: a writing command says the store is read-only, and
# the store file keeps its bytes
writes_refused() {
	expect_status 1 "${other[@]}" "$PRAXIS" ingest --db "$db" "$TMP/in.jsonl"
	expect_grep "$TMP/err" "^praxis: the store $db is read-only \($1\)$"
	expect_status 1 "${other[@]}" "$PRAXIS" user disable --db "$db" ana
	expect_grep "$TMP/err" "^praxis: the store $db is read-only \($1\)$"
	cmp -s "$db" "$TMP/before.db" || fail "a refused write changed $db"
}

# 1. a read-only file in a directory the other user may write
"${owner[@]}" "$dir"
chmod 444 "$db"
reads_work
writes_refused 'a read-only file'
! grep -q 'readonly database' "$TMP/err" || fail "SQLite's message came through"

# 2. a file the other user may write in a read-only directory, no -wal or
# -shm beside it: reads need no -shm (nobody writes), writes are refused
rm -f "$db-wal" "$db-shm" "$db.index"
chown 0:0 "$dir" 2>/dev/null
chmod 555 "$dir"
chmod 644 "$db"
"${owner[@]}" "$db"
reads_work
[ ! -e "$db-shm" ] && [ ! -e "$db-wal" ] || fail "a read in a read-only directory left a -shm or -wal"
writes_refused 'in a read-only directory'

# 3. both read-only
chmod 444 "$db"
reads_work
writes_refused 'a read-only file'

# 4. a store that needs a migration cannot be read without writing: it says
# so (a store as a version-1 praxis wrote it: tests/cli/v1_schema.sql)
chmod 755 "$dir"
rm -f "$db" "$db-wal" "$db-shm" "$db.index"
sqlite3 "$db" <tests/cli/v1_schema.sql || fail "cannot make a version-1 store"
"${owner[@]}" "$db"
cp "$db" "$TMP/before.db"
chmod 444 "$db"
expect_status 1 "${other[@]}" "$PRAXIS" stats --db "$db"
expect_grep "$TMP/err" "^praxis: the store $db is read-only \(a read-only file; its schema \(version 1\) needs migrating to $SCHEMA_VERSION first\)$"
cmp -s "$db" "$TMP/before.db" || fail "a refused migration changed $db"
chmod 644 "$db"
expect_status 0 "$PRAXIS" stats --db "$db"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "the writable store was not migrated"
