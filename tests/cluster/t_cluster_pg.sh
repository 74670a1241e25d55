# The cluster's PostgreSQL (scripts/cluster start --db postgresql): a
# cluster of its own under the state directory, run as nobody when we are
# root, on 127.0.0.1 with a password (scram, from the pgpass file the nodes
# get), database praxis in UTF-8; stopped with the rest. With a praxis that
# speaks PostgreSQL, the nodes serve from it through nginx; with one that
# does not yet (the backend of issue 17 in progress), start fails with the
# store's message and leaves nothing running.
# run-suite: alone
. tests/cluster/lib.sh
pg() { scripts/cluster psql -XtA "$@"; }

# 1. the store alone: PostgreSQL up, database made
cluster_start --nodes 0 --db postgresql
uri=$URL # --nodes 0 prints the store's URI
[[ $uri =~ ^postgresql://praxis@127\.0\.0\.1:[0-9]+/praxis$ ]] || fail "start --nodes 0 printed '$uri', not the store's URI"
[ "$(pg -c "SELECT current_database() || ' ' || pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")" = "praxis UTF8" ] ||
	fail "no database praxis in UTF-8"
pid=$(head -n 1 "$CLUSTER_DIR/pg/data/postmaster.pid")
if [ "$(id -u)" = 0 ]; then
	[ "$(ps -o user= -p "$pid")" = nobody ] || fail "PostgreSQL runs as $(ps -o user= -p "$pid"), not nobody"
fi
[ "$(pg -c 'SHOW listen_addresses')" = 127.0.0.1 ] || fail "PostgreSQL listens on $(pg -c 'SHOW listen_addresses')"
# a password is needed: without the pgpass file, no connection
port=${uri##*:}
port=${port%%/*}
env -u PGPASSWORD PGPASSFILE=/dev/null "$(find /usr/lib/postgresql -maxdepth 2 -name bin | sort -V | tail -n 1)/psql" -h 127.0.0.1 -p "$port" \
	-U praxis -d praxis -w -XtAc 'SELECT 1' >"$TMP/nopw" 2>&1 && fail "PostgreSQL let praxis in without its password"
expect_grep "$TMP/nopw" 'password'
[ "$(stat -c %a "$CLUSTER_DIR/pgpass")" = 600 ] || fail "pgpass is $(stat -c %a "$CLUSTER_DIR/pgpass"), not 600"
speaks_pg=yes
PGPASSFILE=$CLUSTER_DIR/pgpass "$PRAXIS" stats --db "$uri" >/dev/null 2>"$TMP/stats.err" || speaks_pg=
cluster_stop_clean

# 2. the nodes on it
if [ -z "$speaks_pg" ]; then
	echo "this praxis does not open $uri yet ($(cat "$TMP/stats.err")): start must fail cleanly"
	CLUSTER_PORT=$(free_base 8)
	export CLUSTER_PORT
	expect_status 1 scripts/cluster start --nodes 2 --db postgresql
	expect_grep "$TMP/err" 'PostgreSQL up, database praxis'
	expect_grep "$TMP/err" "store: praxis stats --db postgresql://.* failed"
	[ -z "$(cluster_pids)" ] || fail "a failed start left processes running: $(cluster_pids)"
	echo "ok (the nodes' part waits for the PostgreSQL backend)"
	exit 0
fi
cluster_start --nodes 3 --db postgresql
expect_grep "$TMP/start.err" 'the store was empty: loaded data/sample/listing.txt'
[ "$(pg -c 'SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')" = t ] ||
	fail "no node is connected to the database"
for i in $(seq 9); do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/?pg=$i")
	[ "$code" = 200 ] || fail "request $i answered $code through nginx"
done
for k in 1 2 3; do
	[ "$(node_hits "$k" '"GET /\?pg=')" -ge 1 ] || fail "node $k served none of the requests"
done
cluster_stop_clean
echo "ok"
