# praxis copy: a hub moved SQLite -> PostgreSQL -> SQLite loses nothing: the
# export, and every row of the revisions, accounts, batches and audit log,
# compare equal; the refusals (a destination that holds a hub, the same
# store twice, a source that is not there, a server that does not answer)
# say why and change nothing. The 10,000-node round trip runs against the
# plain build only (the ASan one copies the sample).
. tests/cli/lib.sh
. tests/pg/lib.sh
pg_start || fail "cannot start PostgreSQL"
PG=$PRAXIS_PG_URI

# rows FILE: the tables a copy must keep, as the sqlite3 shell prints them
rows() {
	sqlite3 "$1" "SELECT * FROM revision ORDER BY rev; SELECT * FROM account ORDER BY id;
		SELECT * FROM batch ORDER BY id; SELECT * FROM audit ORDER BY id;
		SELECT * FROM node_term ORDER BY nid, kind, pos; SELECT * FROM section ORDER BY nid, pos;
		SELECT nid, type, title, ident, created, updated, state, owner, extra FROM node ORDER BY nid"
}

# a hub with history: two ingests (the second changes a node), accounts,
# audit entries
expect_status 0 "$PRAXIS" ingest --db "$TMP/a.db" data/sample/listing.txt
expect_status 0 "$PRAXIS" export --db "$TMP/a.db"
python3 -c 'import json, sys
done = 0
for i, line in enumerate(sys.stdin):
    r = json.loads(line)
    if r["type"] == "practice" and not done:
        r["subtitle"], done = (r.get("subtitle") or "") + " (second edition)", 1
    print(json.dumps(r, ensure_ascii=False))' <"$TMP/out" >"$TMP/changed.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/a.db" "$TMP/changed.jsonl"
expect_grep "$TMP/out" "\(0 added, 1 updated"
echo "correct horse battery staple" | expect_status 0 "$PRAXIS" user add --db "$TMP/a.db" --role editor Ana
echo "another long password" | expect_status 0 "$PRAXIS" user add --db "$TMP/a.db" --role admin root
expect_status 0 "$PRAXIS" user disable --db "$TMP/a.db" Ana
[ "$(sqlite3 "$TMP/a.db" 'SELECT count(*) FROM audit')" -ge 3 ] || fail "the audit log should hold the user changes"

expect_status 0 "$PRAXIS" copy --from "$TMP/a.db" --to "$PG"
expect_grep "$TMP/err" "copied 17 tables, [0-9]+ rows"
expect_status 0 "$PRAXIS" copy --from "$PG" --to "$TMP/b.db"
rows "$TMP/a.db" >"$TMP/a.rows"
rows "$TMP/b.db" >"$TMP/b.rows"
cmp -s "$TMP/a.rows" "$TMP/b.rows" || { diff "$TMP/a.rows" "$TMP/b.rows" | head -20 >&2; fail "rows changed on the way through PostgreSQL"; }
[ "$(wc -l <"$TMP/a.rows")" -gt 50 ] || fail "too few rows compared"
expect_status 0 "$PRAXIS" export --db "$TMP/a.db"
cp "$TMP/out" "$TMP/a.jsonl"
for db in "$PG" "$TMP/b.db"; do
	expect_status 0 "$PRAXIS" export --db "$db"
	cmp -s "$TMP/out" "$TMP/a.jsonl" || fail "the export from $db differs"
done
# the copy serves: a search through PostgreSQL finds what SQLite finds
PRAXIS_INDEX=$TMP/pg.index expect_status 0 "$PRAXIS" search --db "$PG" --json mobility
cp "$TMP/out" "$TMP/pg.search"
expect_status 0 "$PRAXIS" search --db "$TMP/a.db" --json mobility
cmp -s "$TMP/out" "$TMP/pg.search" || fail "a search on PostgreSQL answers otherwise"
# the copy's users log in as before: their password hashes came along
echo "another long password" | expect_status 0 "$PRAXIS" user passwd --db "$PG" root
expect_status 0 "$PRAXIS" user list --db "$PG"
expect_grep "$TMP/out" "^Ana .*disabled"
# ids go on after the copied ones: a new account is not refused as a duplicate
echo "a third long password" | expect_status 0 "$PRAXIS" user add --db "$PG" --role author carla

# refusals
expect_status 1 "$PRAXIS" copy --from "$TMP/a.db" --to "$PG"
expect_grep "$TMP/err" "already holds a hub"
expect_status 2 "$PRAXIS" copy --from "$TMP/a.db" --to "$TMP/a.db"
expect_status 2 "$PRAXIS" copy --from "$TMP/a.db"
expect_status 1 "$PRAXIS" copy --from "$TMP/missing.db" --to "$TMP/c.db"
expect_grep "$TMP/err" "missing\.db: No such file"
[ ! -e "$TMP/c.db" ] || fail "a failed copy made its destination"
expect_status 1 "$PRAXIS" copy --from "postgresql://praxis:secret@/praxis?host=$TMP&port=1" --to "$TMP/d.db"
expect_grep "$TMP/err" "cannot connect"
grep -q secret "$TMP/err" && fail "a password was printed"
# --replace: the destination holds the source's hub and nothing of its own
expect_status 0 "$PRAXIS" copy --from "$TMP/a.db" --to "$PG" --replace
expect_status 0 "$PRAXIS" user list --db "$PG"
grep -q carla "$TMP/out" && fail "--replace kept a row of the destination"

# a PostgreSQL store's backup is an SQLite file; restoring it puts it back
expect_status 0 "$PRAXIS" backup --db "$PG" "$TMP/pg-backup.db"
rows "$TMP/pg-backup.db" >"$TMP/backup.rows"
cmp -s "$TMP/a.rows" "$TMP/backup.rows" || fail "the backup of the PostgreSQL store differs"
pg_psql -c "DELETE FROM node_term; DELETE FROM section" || fail "psql"
expect_status 0 "$PRAXIS" restore --db "$PG" "$TMP/pg-backup.db"
expect_status 0 "$PRAXIS" export --db "$PG"
cmp -s "$TMP/out" "$TMP/a.jsonl" || fail "the restore did not put the hub back"

# 10,000 nodes, once
[ "${PRAXIS_FLAVOUR:-plain}" = plain ] || { echo "ok (the 10,000-node copy runs against the plain build)"; exit 0; }
build/gen_listing --nodes 10000 --seed 7 >"$TMP/big.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/big.db" "$TMP/big.txt"
start=$(date +%s.%N)
expect_status 0 "$PRAXIS" copy --from "$TMP/big.db" --to "$PG" --replace
mid=$(date +%s.%N)
expect_status 0 "$PRAXIS" copy --from "$PG" --to "$TMP/big2.db"
end=$(date +%s.%N)
expect_status 0 "$PRAXIS" export --db "$TMP/big.db"
cp "$TMP/out" "$TMP/big.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/big2.db"
cmp -s "$TMP/out" "$TMP/big.jsonl" || fail "the 10,000-node export changed on the way"
rows "$TMP/big.db" | cmp -s - <(rows "$TMP/big2.db") || fail "the 10,000-node rows changed on the way"
echo "ok: 10,000 nodes to PostgreSQL in $(echo "$mid - $start" | bc) s, back in $(echo "$end - $mid" | bc) s"
