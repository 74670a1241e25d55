# deploy/logrotate/praxis, run by a real logrotate on a copy whose paths
# point into $TMP, with a stand-in `systemctl` first in PATH that records
# its arguments and passes the reload on as SIGHUP to the server, as
# praxis.service's ExecReload= does: the config parses (logrotate -d), a
# forced rotation moves the log, makes a new one, compresses a day later
# and asks for the reload; a server started with --access-log writes to
# the new file after the SIGHUP and keeps serving.
. tests/http/lib.sh
command -v logrotate >/dev/null || fail "logrotate is not installed (scripts/deps installs it)"
mkdir "$TMP/log" "$TMP/bin"
sed "s|/var/log/praxis|$TMP/log|" deploy/logrotate/praxis >"$TMP/lr.conf"
cat >"$TMP/bin/systemctl" <<EOS
#!/bin/sh
echo "\$*" >>"$TMP/systemctl.log"
[ -s "$TMP/server.pid" ] && kill -HUP "\$(cat "$TMP/server.pid")"
exit 0
EOS
chmod +x "$TMP/bin/systemctl"
export PATH="$TMP/bin:$PATH"
rotate() {
	logrotate -f -s "$TMP/lr.state" "$TMP/lr.conf" >"$TMP/lr.out" 2>&1 ||
		{ cat "$TMP/lr.out" >&2; fail "logrotate -f failed"; }
}

logrotate -d -s "$TMP/lr.state" "$TMP/lr.conf" >"$TMP/lr.out" 2>&1 ||
	{ cat "$TMP/lr.out" >&2; fail "logrotate -d refused the config"; }
! grep -qi 'error' "$TMP/lr.out" || { cat "$TMP/lr.out" >&2; fail "logrotate -d: an error"; }

echo 'day one' >"$TMP/log/access.log"
rotate
[ "$(cat "$TMP/log/access.log.1")" = 'day one' ] || fail "access.log.1: $(cat "$TMP/log/access.log.1")"
[ -f "$TMP/log/access.log" ] && [ ! -s "$TMP/log/access.log" ] || fail "no new, empty access.log"
[ "$(cat "$TMP/systemctl.log")" = 'reload praxis.service' ] || fail "postrotate ran: $(cat "$TMP/systemctl.log")"
rotate # empty: notifempty leaves it
[ ! -e "$TMP/log/access.log.2.gz" ] || fail "an empty log was rotated"
echo 'day two' >"$TMP/log/access.log"
rotate
[ "$(gzip -dc "$TMP/log/access.log.2.gz")" = 'day one' ] || fail "day one not compressed a day later"
[ "$(cat "$TMP/log/access.log.1")" = 'day two' ] || fail "access.log.1 is not day two"

# the server's reopen, once `serve --access-log` exists
if ! "$PRAXIS" serve --help 2>&1 | grep -q -- --access-log; then
	echo "skipped: the server part (this praxis has no serve --access-log)"
	exit 0
fi
rm -f "$TMP/log"/*
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" data/sample/listing.txt
SERVE_ARGS=(--access-log "$TMP/log/access.log")
start_server "$TMP/db"
echo "$SERVER_PID" >"$TMP/server.pid"
page 200 /
grep -q '"GET / HTTP' "$TMP/log/access.log" || fail "no line for / in access.log"
rotate
for _ in $(seq 50); do
	curl -s -o /dev/null "$BASE/good-practices"
	grep -q 'good-practices' "$TMP/log/access.log" && break
	sleep 0.1
done
grep -q '"GET /good-practices' "$TMP/log/access.log" || fail "after SIGHUP, no line in the new access.log"
! grep -q 'good-practices' "$TMP/log/access.log.1" || fail "the moved log was still written after SIGHUP"
page 200 /
stop_server
