# The cluster's PostgreSQL (scripts/cluster start --db postgresql): a
# cluster of its own under the state directory, run as nobody when we are
# root, on 127.0.0.1 with a password (scram, from the pgpass file the nodes
# get), database praxis in UTF-8; stopped with the rest. The nodes serve
# from it through nginx, and a session, its CSRF token and the login limit
# hold whichever node a request reaches.
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
[ -n "$speaks_pg" ] || fail "praxis cannot open $uri: $(cat "$TMP/stats.err")"
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

# 3. sessions, CSRF tokens and login limits hold across nodes: signed in on
# node 1, the next requests go to node 2 (and 3) straight
db=$(cluster status | sed -n 's/.*, store \(postgresql:[^ ]*\)$/\1/p')
[ -n "$db" ] || fail "status names no store"
printf 'pw of ed here\n' | PGPASSFILE=$CLUSTER_DIR/pgpass expect_status 0 "$PRAXIS" user add --db "$db" --role editor ed
node() { echo "http://127.0.0.1:$((CLUSTER_PORT + $1))"; }
jar=$TMP/ed.jar
tok=$(curl -s -c "$jar" -b "$jar" "$(node 1)/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$tok" ] || fail "no login form on node 1"
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$tok" -d 'name=ed' \
	--data-urlencode 'password=pw of ed here' "$(node 1)/login")
[ "$code" = 303 ] || fail "login on node 1 answered $code"
code=$(curl -s -o "$TMP/admin.html" -w '%{http_code}' -b "$jar" "$(node 2)/admin")
[ "$code" = 200 ] || fail "signed in on node 1, /admin on node 2 answered $code"
expect_grep "$TMP/admin.html" 'name="csrf"'
# a form of node 2's page, posted to node 3 with the session's token: the
# token is the session's, kept in the store (a new draft: 303)
stok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/admin.html" | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "csrf=$stok" -d 'type=article' \
	-d 'title=Posted+through+node+3' -d 'language=en' -d 'body=Across+nodes.' -d 'action=save' "$(node 3)/node/new")
[ "$code" = 303 ] || fail "a form with the session's token, posted to node 3, answered $code"
# a wrong token is refused on any node
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -d 'csrf=forged' -d 'type=article' -d 'title=Forged' \
	-d 'language=en' -d 'action=save' "$(node 2)/node/new")
[ "$code" = 403 ] || fail "a forged token answered $code on node 2"
# five failed logins spread over the nodes lock the name on every node
anon=$TMP/anon.jar
atok=$(curl -s -c "$anon" -b "$anon" "$(node 1)/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
for k in 1 2 3 1 2; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$anon" -b "$anon" --data-urlencode "csrf=$atok" -d 'name=ed' \
		-d 'password=wrong+password' "$(node "$k")/login")
	[ "$code" = 403 ] || fail "a wrong password on node $k answered $code"
done
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$anon" -b "$anon" --data-urlencode "csrf=$atok" -d 'name=ed' \
	--data-urlencode 'password=pw of ed here' "$(node 3)/login")
[ "$code" = 429 ] || fail "the sixth login, on node 3, answered $code: the limit did not hold across nodes"
# signing out on one node ends the session on all
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf=$stok" "$(node 2)/logout")
[ "$code" = 303 ] || fail "logout on node 2 answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$(node 1)/admin")
[ "$code" != 200 ] || fail "signed out on node 2, still signed in on node 1"
cluster_stop_clean
echo "ok"
