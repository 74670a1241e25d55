# serve --db-read (issue 17): which requests read the streaming replica.
# A primary and a replica (tests/pg/lib.sh: pg_basebackup -R); one server
# with --db PRIMARY --db-read REPLICA. Anonymous GET pages are made from the
# replica (its pg_stat_activity shows the server; /metrics counts them);
# a signed-in user's pages, forms (GET|POST routes like /login) and
# /healthz are not. With the replica's replay paused, an editor's new
# practice is in the index but not on the replica: an anonymous visitor
# still gets its page (from the primary, not a 404 from the replica), and
# a page is never made from a replica behind the index. A replica that is
# down: pages come from the primary, never a 500; back up, it is read again.
# Runs on PostgreSQL whatever the flavour (a replica is PostgreSQL's).
PRAXIS_STORE=sqlite # lib.sh's wrapper maps file names; this test names URIs
. tests/http/lib.sh
. tests/pg/lib.sh
pg_start || fail "cannot start PostgreSQL"
DB=$PRAXIS_PG_URI
expect_status 0 "$PRAXIS" ingest --quiet --db "$DB" data/sample/listing.txt
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$DB" --role editor ed >/dev/null 2>&1 || fail "cannot add ed"
t0=$(date +%s%N)
pg_replica_start || fail "cannot start the replica"
echo "replica made and started in $((($(date +%s%N) - t0) / 1000000)) ms"

# a usage error: --db-read wants PostgreSQL on both sides
expect_status 2 "$PRAXIS" serve --db "$TMP/x.db" --db-read "$PRAXIS_PG_REPLICA_URI"
expect_grep "$TMP/err" 'db-read takes a postgresql:// URI'

SERVE_ARGS=(--db-read "$PRAXIS_PG_REPLICA_URI")
start_server "$DB"
metric() { # NAME: its value in /metrics (the page checked by prom_check.py once, below)
	curl -s -o "$TMP/metrics" "$BASE/metrics" || fail "no /metrics"
	awk -v n="$1" '$1 == n { print $2; f = 1 } END { exit !f }' "$TMP/metrics" || fail "no $1 in /metrics"
}
reads() { metric praxis_replica_reads_total; }
fallbacks() { metric praxis_replica_fallbacks_total; }
# counts WHAT R F: the counters moved by R reads and F fallbacks since the last counts
counts() {
	local r f
	r=$(reads) f=$(fallbacks)
	[ "$r" = $((R0 + $2)) ] || fail "$1: $((r - R0)) pages read from the replica, expected $2"
	[ "$f" = $((F0 + $3)) ] || fail "$1: $((f - F0)) pages sent back to the primary, expected $3"
	R0=$r F0=$f
}
R0=$(reads) F0=$(fallbacks)
python3 tests/http/prom_check.py "$TMP/metrics" >/dev/null || { cat "$TMP/metrics" >&2; fail "/metrics is not valid"; }

# ---- anonymous GET pages: the replica ----
page 200 '/search?q=bilbao'
page 200 '/?r=1'
page 200 '/api/v1/search?q=jobs'
NID=$(sed -n 's/.*"nid": \{0,1\}\([0-9]*\).*/\1/p' "$TMP/body" | head -1)
page 200 "/node/$NID"
page 200 '/search?q=bilbao' # from the page cache: no store read
grep -qi '^x-cache: hit' "$TMP/head" || fail "the second /search?q=bilbao was not from the cache"
counts "anonymous pages" 4 0
n=$(pg_replica_psql -tAc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'praxis' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
[ "$n" -ge 1 ] || fail "no connection of the server on the replica"

# ---- the rest: the primary ----
page 200 /login # a form (GET|POST): its CSRF cookie
page 200 /healthz
login ed "$TMP/ed.jar"
curl -s -b "$TMP/ed.jar" -o "$TMP/body" "$BASE/?signed=1"
grep -q 'ed' "$TMP/body" || fail "ed's page does not name ed"
curl -s -b "$TMP/ed.jar" -o /dev/null "$BASE/search?q=signed+in"
counts "forms, /healthz, a session's pages" 0 0

# ---- a replica behind the index: its pages come from the primary ----
pg_replica_psql -c 'SELECT pg_wal_replay_pause()' >/dev/null || fail "cannot pause the replica"
tok=$(session_csrf "$TMP/ed.jar")
post 303 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" \
	-d "type=practice&title=Replica+quokka+garden&city=Ghent&country=Belgium&language=en&action=publish"
NEW=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$NEW" ] || fail "the new practice has no nid"
[ "$(pg_replica_psql -tAc "SELECT count(*) FROM node WHERE nid = $NEW")" = 0 ] || fail "the paused replica has the new practice already"
page 200 "/node/$NEW" # not the replica's 404
has 'Replica quokka garden'
page 200 '/search?q=quokka'
has "/node/$NEW"
counts "pages while the replica lags" 0 2
pg_replica_psql -c 'SELECT pg_wal_replay_resume()' >/dev/null || fail "cannot resume the replica"
for _ in $(seq 50); do
	[ "$(pg_replica_psql -tAc "SELECT count(*) FROM node WHERE nid = $NEW")" = 1 ] && break
	sleep 0.1
done
page 200 "/node/$NEW?again=1"
has 'Replica quokka garden'
counts "pages once the replica caught up" 1 0

# ---- replica lag: saves through the primary, replayed on the replica ----
# (PostgreSQL measures it: pg_stat_replication.replay_lag, from a commit's
# WAL flushed on the primary to its replay on the replica, as the primary
# hears back; a psql per poll would measure psql's start)
: >"$TMP/lags"
for i in $(seq 5); do
	post 303 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" \
		-d "type=practice&title=Replica+lag+$i&city=Ghent&country=Belgium&language=en&action=publish"
	sleep 0.2
	"$PG_BIN/psql" -X -tAc "SELECT round(extract(epoch FROM replay_lag) * 1000, 2) FROM pg_stat_replication" "$DB" >>"$TMP/lags"
done
rev=$("$PG_BIN/psql" -X -tAc 'SELECT max(rev) FROM revision' "$DB")
for _ in $(seq 50); do
	[ "$(pg_replica_psql -tAc "SELECT max(rev) FROM revision")" = "$rev" ] && break
	sleep 0.1
done
[ "$(pg_replica_psql -tAc "SELECT max(rev) FROM revision")" = "$rev" ] || fail "the replica is not at revision $rev 5 s after the saves"
echo "replay lag after each save (ms): $(grep . "$TMP/lags" | sort -n | tr '\n' ' ')"

# ---- a replica that is down: the primary, never a 500; then back ----
pg_replica_stop || fail "cannot stop the replica"
for i in 1 2 3; do
	page 200 "/search?q=ghent&down=$i"
done
page 200 "/node/$NEW?down=1"
r=$(reads)
[ "$r" = "$R0" ] || fail "pages read from a replica that is down"
[ "$(fallbacks)" -ge $((F0 + 4)) ] || fail "the pages while the replica was down are not counted as sent back"
R0=$(reads) F0=$(fallbacks)
pg_replica_restart || fail "cannot start the replica again"
sleep 1.1 # REPLICA_RETRY_MS
page 200 '/search?q=ghent&back=1'
page 200 '/search?q=ghent&back=2'
[ "$(reads)" -ge $((R0 + 1)) ] || fail "the replica is not read again once back"
stop_server
echo ok
