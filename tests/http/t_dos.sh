# Abuse: slowhttptest's slow headers (Slowloris) and slow body (R-U-Dead-Yet)
# attacks and a connection flood, each from one address for 8 seconds, while
# a visitor from another address keeps getting search pages in under 1 s,
# every time; the attacker holds at most its 64 connections (slowhttptest's
# own probe, from the attacker's address, may find no room: that is the
# point); the server then still answers and stops cleanly.
# The connections held are counted on the server's side (ss: sockets the
# server's process owns), not as slowhttptest's "connected": that count
# includes connections the kernel completed in the listen queue before the
# server accepted (and closed) them, and grows with the machine's load.
# run-suite: alone
. tests/http/lib.sh
once_against asan "abuse checked once, against the ASan/UBSan build"
command -v slowhttptest >/dev/null || fail "slowhttptest is missing: run scripts/deps"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

probe() { # the visitor, from 127.0.0.2: a page every 0.2 s; "STATUS SECONDS" per line
	while [ ! -e "$TMP/stop" ]; do
		curl -s -o /dev/null --interface 127.0.0.2 --max-time 5 -w '%{http_code} %{time_total}\n' \
			"$BASE/search?q=city&n=$RANDOM" >>"$TMP/probe"
		sleep 0.2
	done
}
attack() { # NAME SLOWHTTPTEST-ARGS...
	local name=$1
	shift
	slowhttptest "$@" -u "$BASE/login" -l 8 -p 3 >"$TMP/$name.log" 2>&1 || true
}
: >"$TMP/probe"
probe &
prober=$!
port=${BASE##*:}
held() { # the most connections from the attacker's address the server held at once
	local most=0 n
	while [ ! -e "$TMP/held.stop" ]; do
		n=$(ss -tnpH state established "( sport = :$port )" 2>/dev/null |
			awk -v pid="pid=$SERVER_PID," '$4 ~ /^127\.0\.0\.1:/ && index($0, pid) { n++ } END { print n + 0 }')
		[ "$n" -gt "$most" ] && most=$n && echo "$most" >"$TMP/held"
		sleep 0.2
	done
}
echo 0 >"$TMP/held"
held &
counter=$!
attack slow-headers -H -c 500 -r 200 -i 2 -x 24
touch "$TMP/held.stop"
wait "$counter"
attack slow-body -B -c 500 -r 200 -i 2 -s 8192 -x 10
attack flood -H -c 2000 -r 1000 -i 1 -x 2
touch "$TMP/stop"
wait "$prober"
n=$(wc -l <"$TMP/probe")
[ "$n" -ge 20 ] || fail "the visitor made only $n requests"
awk '$1 != 200 || $2 >= 1.0 { bad++; print "slow or failed: " $0 } END { exit bad > 0 }' "$TMP/probe" ||
	fail "the visitor was not served under 1 s every time"
echo "visitor: $n pages, slowest $(sort -k2 -n "$TMP/probe" | tail -1 | cut -d' ' -f2) s"
grep -q 'slow HTTP test status' "$TMP/slow-headers.log" || fail "slowhttptest did not run: $(tail -3 "$TMP/slow-headers.log")"
for a in slow-headers slow-body flood; do # what each attack reached, for the log
	sed 's/\x1b\[[0-9;]*m//g' "$TMP/$a.log" | grep -E '^(connected|closed|service available):' | tail -3 |
		tr -s ' \t' ' ' | tr '\n' ' ' | sed "s/^/$a: /"
	echo
done
# the attacker from one address held at most its 64 connections
echo "slow-headers: the server held at most $(cat "$TMP/held") of the attacker's connections"
[ "$(cat "$TMP/held")" -le 64 ] || fail "one address held $(cat "$TMP/held") connections, more than 64"
[ "$(cat "$TMP/held")" -ge 32 ] || fail "the attack reached only $(cat "$TMP/held") connections: the count cannot be trusted"
page 200 /
stop_server
