# kill -9 of a node on PostgreSQL while wrk reads through nginx and an
# editor saves through nginx in a loop: no acknowledged save (a 303) is
# lost (each is in the store and found by a search on both surviving
# nodes), nginx routes around the dead node (wrk: no error answer), and the
# node restarted by `scripts/cluster restart-node` catches up (its own
# search finds every acknowledged save, those made while it was down
# included). Once, against the plain build: what a node does when another
# dies does not depend on the build (t_cluster_kill runs under ASan too).
# run-suite: alone
. tests/cluster/lib.sh
once_against plain "the cluster's behaviour is the same in both builds (t_cluster_kill runs under both)"
command -v wrk >/dev/null || fail "wrk is not installed (scripts/deps installs it)"

cluster_start --nodes 3 --db postgresql
cluster_user editor ed
cluster_login "$URL" ed "$TMP/ed.jar"
victim=$(cat "$CLUSTER_DIR/node-2.pid")

# saves_loop N FROM: N saves through nginx, titled "Crash N garden"; each
# "STATUS NID N" a line of $TMP/saves
saves_loop() {
	local i code nid
	for ((i = $2; i < $2 + $1; i++)); do
		read -r code nid < <(cluster_publish "$URL" "$TMP/ed.jar" "Crash w${i}x garden")
		echo "$code ${nid:-0} $i" >>"$TMP/saves"
	done
}
: >"$TMP/saves"
wrk -t2 -c8 -d8s "$URL/" >"$TMP/wrk" 2>&1 &
wrk=$!
saves_loop 20 1 # before the kill
kill -9 "$victim"
killed=$(now_ms)
saves_loop 40 21 # while the checker has not marked it down, then while it is down
echo "the saves after the kill took $(($(now_ms) - killed)) ms"
wait "$wrk" || { cat "$TMP/wrk" >&2; fail "wrk failed"; }
cat "$TMP/wrk"
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: \([0-9]*\)/\1/p' "$TMP/wrk")
[ -z "$non2xx" ] || fail "wrk had $non2xx error answers while a node died"
grep -q 'down: 2; nginx reloaded' "$CLUSTER_DIR/health.log" || fail "the checker did not mark node 2 down"

# every acknowledged save in the store and found on nodes 1 and 3
acked=$(awk '$1 == 303' "$TMP/saves" | wc -l)
echo "saves: $(cut -d' ' -f1 "$TMP/saves" | sort | uniq -c | awk '{ printf "%d×%s ", $1, $2 }')($acked acknowledged)"
[ "$acked" -ge 50 ] || fail "only $acked of 60 saves acknowledged with node 2 killed ($(grep -v '^303' "$TMP/saves" | head -3 | tr '\n' ' '))"
# found KS: each acknowledged save found by a search on the nodes KS
found() {
	local code nid i k
	while read -r code nid i; do
		[ "$code" = 303 ] || continue
		for k in "$@"; do
			seen "$(node_url "$k")" "/api/v1/search?q=w${i}x" "\"nid\": ?${nid}[,}]" "$(now_ms)" 2000
		done
	done <"$TMP/saves"
}
# (one query: the acknowledged saves as "nid|title" lines, against the store's)
awk '$1 == 303 { printf "%s|Crash w%sx garden\n", $2, $3 }' "$TMP/saves" | sort >"$TMP/acked"
scripts/cluster psql -XtAc "SELECT nid || '|' || title FROM node WHERE title LIKE 'Crash w%x garden'" | sort >"$TMP/stored"
lost=$(comm -23 "$TMP/acked" "$TMP/stored")
[ -z "$lost" ] || fail "acknowledged saves not in the store (nid|title): $(head -n 3 <<<"$lost" | tr '\n' ' ')"
found 1 3

# node 2 restarted catches up: every acknowledged save, those of its
# downtime included
restarted=$(now_ms)
# (its port is below the ephemeral range, tests/cluster/lib.sh free_base:
# no outgoing connection made while it was down can hold it, issue 18)
cluster restart-node 2 2>"$TMP/restart.err" || { cat "$TMP/restart.err" >&2; fail "restart-node 2 failed"; }
echo "node 2 answered $(($(now_ms) - restarted)) ms after restart-node"
found 2
[ "$(api_total "$(node_url 2)")" = "$(api_total "$(node_url 1)")" ] || fail "node 2 counts $(api_total "$(node_url 2)") nodes, node 1 $(api_total "$(node_url 1)")"

cluster_stop_clean
echo "ok"
