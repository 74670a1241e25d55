# Eight `praxis ingest` started at once on the same new store path all
# succeed: the schema is created once (the version is read again under the
# migration's lock; identify reads in one transaction; the switch to WAL is
# retried when SQLite answers busy) and the store ends whole with every node
# (issue 11: store_migrate read the version before taking its lock).
#
# Observed failure rates (runs of this test, 10 rounds each): the old code
# 15 of 20 rounds ("migration failed: table node already exists",
# "duplicate column name: state"); with only the version read outside the
# lock again, 3 of 3 runs; with identify's reads outside one transaction,
# 2 of 3 runs ("not a praxis store (application_id 0)"); without the WAL
# retry, 1 of 8 runs ("database is locked").
. tests/cli/lib.sh

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"

for i in 1 2 3 4 5 6 7 8; do
	printf '{"nid": %d, "type": "article", "title": "Node %d", "author": "A", "language": "en", "body": "b"}\n' \
		"$i" "$i" >"$TMP/$i.jsonl"
done
for round in 1 2 3 4 5 6 7 8 9 10; do
	db=$TMP/r$round.db
	pids=()
	for i in 1 2 3 4 5 6 7 8; do
		"$PRAXIS" ingest --db "$db" "$TMP/$i.jsonl" >"$TMP/out$i" 2>"$TMP/err$i" &
		pids+=($!)
	done
	for i in 1 2 3 4 5 6 7 8; do
		wait "${pids[$((i - 1))]}" || { cat "$TMP/err$i" >&2; fail "round $round: ingest $i failed"; }
		expect_grep "$TMP/out$i" "1 nodes \(1 added, 0 updated, 0 unchanged\)"
		! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/err$i" ||
			{ cat "$TMP/err$i" >&2; fail "sanitizer report"; }
	done
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "round $round: the store is damaged"
	[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "round $round: the store is not at schema $SCHEMA_VERSION"
	[ "$(sqlite3 "$db" 'SELECT group_concat(nid) FROM (SELECT nid FROM node ORDER BY nid)')" = 1,2,3,4,5,6,7,8 ] ||
		fail "round $round: the store does not hold nodes 1 to 8"
done
