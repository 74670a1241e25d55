# Crash safety: kill -9 an ingest in the middle of writing a large file, then
# check that the store opens and holds either all of that file or none of it,
# and that what was there before is intact.
. tests/cli/lib.sh
once_against plain "atomicity under kill -9 is the store's, not the build's: once, against the plain build"
db=$TMP/p.db
nodes() { "$PRAXIS" stats --db "$db" | awk '$1 == "nodes" { print $2 }'; }

expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt
"$PRAXIS" export --db "$db" >"$TMP/before.jsonl"
base=$(nodes)
build/gen_listing --nodes 10000 --seed 7 >"$TMP/big.txt" || fail "gen_listing"

# Waits until the ingest is writing (its WAL has grown past 1 MB), then
# kills it; the transaction is then certainly open.
kill_while_writing() {
	"$PRAXIS" ingest --db "$db" "$TMP/big.txt" >/dev/null 2>&1 &
	local pid=$! waited=0
	while kill -0 "$pid" 2>/dev/null; do
		size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
		[ "$size" -gt $((1 << 20)) ] && break
		sleep 0.05
		waited=$((waited + 1))
		[ "$waited" -gt 6000 ] && fail "ingest never started writing"
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

caught=0
for round in 1 2 3; do
	kill_while_writing
	n=$(nodes) || fail "store does not open after kill -9 (round $round)"
	if [ "$n" -eq "$base" ]; then
		caught=$((caught + 1))
	elif [ "$n" -ne $((base + 10000)) ]; then
		fail "round $round: $n nodes after kill -9: neither $base nor $((base + 10000))"
	fi
	"$PRAXIS" export --db "$db" >"$TMP/after.jsonl"
	[ "$n" -ne "$base" ] || json_same "$TMP/before.jsonl" "$TMP/after.jsonl"
done
[ "$caught" -gt 0 ] || fail "no kill landed inside the transaction"
sqlite3 "$db" "PRAGMA integrity_check" | grep -qx ok || fail "integrity_check"

# The store still works: the file goes in whole afterwards.
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/big.txt"
[ "$(nodes)" -eq $((base + 10000)) ] || fail "after a clean ingest: $(nodes) nodes"
echo "crash: $caught of 3 kills inside the transaction left $base nodes"
