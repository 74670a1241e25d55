# A cluster of three nodes on one SQLite store behind nginx
# (scripts/cluster): its URL answers through nginx, the requests are spread
# over the nodes, the nodes believe nginx's X-Forwarded-For, a second start
# is refused while it runs, the store is seeded once, and stop leaves no
# process behind.
# run-suite: alone
. tests/cluster/lib.sh

# usage errors: a clear message, nothing made
for args in "--nodes" "--nodes x" "--nodes 51" "--db mysql" "--frob"; do
	# shellcheck disable=SC2086 # the words of $args are the arguments
	expect_status 1 scripts/cluster start $args
	expect_grep "$TMP/err" '^cluster: start: '
done
[ ! -e "$CLUSTER_DIR" ] || fail "a refused start made $CLUSTER_DIR"

cluster_start --nodes 3 --db sqlite
expect_grep "$TMP/start.err" 'the store was empty: loaded data/sample/listing.txt'
cluster status >"$TMP/status" || { cat "$TMP/status" >&2; fail "status says not all is up"; }
[ "$(grep -cE '^  (node [123]|nginx|checker) .* up$' "$TMP/status")" = 5 ] ||
	{ cat "$TMP/status" >&2; fail "status lists not 3 nodes, nginx and the checker up"; }

# the home page through nginx, as a visitor gets it
code=$(curl -s -o "$TMP/home" -w '%{http_code}' "$URL/")
[ "$code" = 200 ] || fail "$URL/ answered $code through nginx"
expect_grep "$TMP/home" '<html'
# 30 requests, round robin: each node serves some (10 each unless one is
# slow); each a distinct path, so that no node answers them from a cache
for i in $(seq 30); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.7' "$URL/?spread=$i")
	[ "$code" = 200 ] || fail "request $i answered $code through nginx"
done
sleep 1.2 # nginx's access log is flushed every second
for k in 1 2 3; do
	n=$(node_hits "$k" '"GET /\?spread=')
	[ "$n" -ge 3 ] || fail "node $k served $n of the 30 requests through nginx"
	# nginx appends the peer (127.0.0.1, a trusted proxy): the node logs
	# the address before it, the client's
	[ "$(node_hits "$k" '^203\.0\.113\.7 .*"GET /\?spread=')" = "$n" ] ||
		fail "node $k did not log X-Forwarded-For's client for every request: $(grep spread= "$CLUSTER_DIR/node-$k.access.log" | head -3)"
done
[ "$(grep -c 'GET /?spread=.* 200 .*node=127\.0\.0\.1:' "$CLUSTER_DIR/nginx/access.log")" = 30 ] ||
	fail "nginx's access log lacks the 30 requests with the node that answered"

# /static/ kept by nginx (its workers, nobody when we are root, write the
# cache under the state directory)
curl -s -o /dev/null "$URL/static/map.js"
curl -s -o /dev/null -D "$TMP/static.head" "$URL/static/map.js"
expect_grep "$TMP/static.head" '^X-Proxy-Cache: HIT'

# a second start while it runs is refused, and changes nothing
expect_status 1 env CLUSTER_PORT=$((CLUSTER_PORT + 20)) scripts/cluster start --db sqlite
expect_grep "$TMP/err" 'a cluster runs in .* already'
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" = 200 ] || fail "the cluster stopped answering after a refused start"

cluster_stop_clean
cluster status >/dev/null 2>&1 && fail "status exits 0 once the cluster is stopped"

# started again on the same store: not seeded twice
cluster_start --nodes 2 --db sqlite
! grep -q 'the store was empty' "$TMP/start.err" || fail "the store was seeded a second time"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" = 200 ] || fail "the restarted cluster does not answer"
cluster_stop_clean

# a node that cannot start (node 2: a praxis that fails on its port):
# start exits 1 naming it, with the end of its log, and stops what it had
# started
CLUSTER_PORT=$(free_base 8)
cat >"$TMP/praxis" <<SH
#!/bin/sh
case " \$* " in *" --port $((CLUSTER_PORT + 2)) "*) echo "praxis: planted failure" >&2; exit 1 ;; esac
exec "$PRAXIS" "\$@"
SH
chmod +x "$TMP/praxis"
expect_status 1 env PRAXIS="$TMP/praxis" CLUSTER_PORT="$CLUSTER_PORT" scripts/cluster start --db sqlite
expect_grep "$TMP/err" '^cluster: node 2: exited'
expect_grep "$TMP/err" 'node-2\.log, last 30 lines'
expect_grep "$TMP/err" 'praxis: planted failure'
[ -z "$(cluster_pids)" ] || fail "a failed start left processes running: $(cluster_pids)"
echo "ok"
