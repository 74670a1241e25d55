# Readiness for systemd (Type=notify) without systemd: the server sends its
# sd_notify datagrams to $NOTIFY_SOCKET, here tests/http/notify_sink.py, which
# writes each one on a line. READY=1 comes once the server
# listens, its STATUS naming the URL it printed (port 0: known only once
# bound) and the nodes indexed; STOPPING=1 when SIGTERM starts the stop.
# Without $NOTIFY_SOCKET the server runs as before (every other test).
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
python3 tests/http/notify_sink.py "$TMP/notify.sock" "$TMP/notify.log" &
LISTENER=$!
for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
[ -S "$TMP/notify.sock" ] || fail "the listener made no socket"
# wait_for PATTERN: until the listener has logged a matching datagram (5 s)
wait_for() {
	for _ in $(seq 50); do
		grep -qE "$1" "$TMP/notify.log" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "--- datagrams received:" >&2
	cat "$TMP/notify.log" >&2 2>/dev/null
	kill "$LISTENER"
	fail "no datagram matching $1"
}

NOTIFY_SOCKET=$TMP/notify.sock start_server "$TMP/db"
wait_for '^READY=1'
# the server's own URL, not a proxy's in front ($DIRECT)
grep -qF "READY=1|STATUS=serving $DIRECT/, 10 nodes indexed" "$TMP/notify.log" ||
	{ kill "$LISTENER"; fail "READY's STATUS: $(cat "$TMP/notify.log"), expected $DIRECT/ and 10 nodes"; }
grep -q STOPPING "$TMP/notify.log" && { kill "$LISTENER"; fail "STOPPING before SIGTERM"; }
page 200 /
stop_server
wait_for '^STOPPING=1\|STATUS=stopping'
[ "$(grep -c . "$TMP/notify.log")" -eq 2 ] || { kill "$LISTENER"; fail "expected 2 datagrams: $(cat "$TMP/notify.log")"; }
kill "$LISTENER"
