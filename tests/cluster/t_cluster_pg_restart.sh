# PostgreSQL restarted under the cluster while it serves (pg_ctl stop -m
# fast, then start as scripts/cluster starts it): during the outage, reads
# through nginx get their pages (the index is in memory) or a 503, never a
# 500 nor a 502 (nginx's access log counts every answer); saves attempted
# then fail cleanly (a 503 page, nothing of them written); once PostgreSQL
# is back, every node saves again by itself (no restart of praxis) within
# a few seconds, and the saves acknowledged before are all there. Once,
# against the plain build: the store's outage is handled the same in both
# builds.
# run-suite: alone
. tests/cluster/lib.sh
once_against plain "an outage of the store is handled the same in both builds"

cluster_start --nodes 3 --db postgresql
cluster_user editor ed
cluster_login "$URL" ed "$TMP/ed.jar"
pg=$CLUSTER_DIR/pg
PG_BIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin | sort -V | tail -n 1)
# shellcheck source=/dev/null
PG_PORT=$(. "$CLUSTER_DIR/cluster.env" && echo "$PG_PORT")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
pg_ctl() {
	as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 30 -o \
		"-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$pg/sock" "$@" >/dev/null ||
		fail "pg_ctl $* failed"
}
pg() { scripts/cluster psql -XtAc "$1"; }

# saves before the outage, acknowledged
: >"$TMP/saves"
for i in $(seq 10); do
	read -r code nid < <(cluster_publish "$URL" "$TMP/ed.jar" "Restart w${i}x garden")
	[ "$code" = 303 ] || fail "save $i before the outage answered $code"
	echo "$nid $i" >>"$TMP/saves"
done

# the outage, under reads through nginx
sleep 1.2 # nginx's access log is flushed every second: the lines before
skip=$(wc -l <"$CLUSTER_DIR/nginx/access.log")
load_start "$TMP/load" "$URL/?home" "$URL/search?q=garden" "$URL/api/v1/search?q=city" "$URL/node/$nid?n"
pg_ctl stop -m fast
down=$(now_ms)
: >"$TMP/outage"
for i in $(seq 11 20); do
	read -r code nid < <(cluster_publish "$URL" "$TMP/ed.jar" "Restart w${i}x garden")
	echo "$code $i" >>"$TMP/outage"
done
echo "saves during the outage: $(cut -d' ' -f1 "$TMP/outage" | sort | uniq -c | awk '{ printf "%d×%s ", $1, $2 }')"
grep -qv '^503 ' "$TMP/outage" && fail "a save during the outage answered other than 503: $(grep -v '^503 ' "$TMP/outage" | head -3)"
[ $(($(now_ms) - down)) -ge 1000 ] || sleep 1 # an outage of a second at least
pg_ctl start
up=$(now_ms)
echo "PostgreSQL down for $((up - down)) ms"

# every node logs in and saves again by itself (a 503 meanwhile)
for k in 1 2 3; do
	until try_login "$(node_url "$k")" ed "$TMP/ed$k.jar" &&
		read -r CODE nid < <(cluster_publish "$(node_url "$k")" "$TMP/ed$k.jar" "Restart back${k}x garden") &&
		[ "$CODE" = 303 ]; do
		[ "$CODE" = 503 ] || fail "node $k answered $CODE once PostgreSQL was back"
		[ $(($(now_ms) - up)) -le 10000 ] || fail "node $k does not save 10 s after PostgreSQL came back"
		sleep 0.1
	done
	echo "node $k saves again $(($(now_ms) - up)) ms after PostgreSQL's start"
done
load_stop
sleep 1.2
tail -n +$((skip + 1)) "$CLUSTER_DIR/nginx/access.log" | grep -v 'GET /healthz' | awk '{ print $7 }' | sort | uniq -c >"$TMP/codes"
echo "answers through nginx from the outage on: $(awk '{ printf "%d×%s ", $1, $2 }' "$TMP/codes")"
echo "the load's answers: $(statuses "$TMP/load")"
! awk '$2 != 200 && $2 != 303 && $2 != 503' "$TMP/codes" | grep -q . || fail "nginx answered other than 200, 303 or 503 (above)"
! grep -qv '^\(200\|503\)$' "$TMP/load" || fail "reads answered other than 200 or 503 (above)"
[ "$(wc -l <"$TMP/load")" -ge 40 ] || fail "only $(wc -l <"$TMP/load") reads answered"

# nothing lost, nothing half written
while read -r nid i; do
	[ "$(pg "SELECT count(*) FROM node WHERE nid = $nid AND title = 'Restart w${i}x garden'")" = 1 ] ||
		fail "save $i (node $nid), acknowledged before the outage, is not in the store"
	for k in 1 2 3; do
		seen "$(node_url "$k")" "/api/v1/search?q=w${i}x" "\"nid\": ?${nid}[,}]" "$(now_ms)" 1000
	done
done <"$TMP/saves"
[ "$(pg "SELECT count(*) FROM revision r JOIN node n ON n.nid = r.nid WHERE n.title LIKE 'Restart w%x garden'")" = 10 ] ||
	fail "the store holds other than the 10 acknowledged saves' revisions (a save of the outage half written?)"
[ "$(pg "SELECT count(*) FROM node WHERE title ~ '^Restart w(1[1-9]|20)x garden$'")" = 0 ] ||
	fail "a save refused during the outage is in the store"

cluster_stop_clean
echo "ok"
