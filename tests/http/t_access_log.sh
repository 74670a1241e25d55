# The logs: the access log in the Combined Log Format with the request's
# seconds (every line checked field by field, hostile headers escaped),
# written to --access-log's file and reopened on SIGHUP while requests keep
# coming (none lost, none torn, each in one file), read by GoAccess with
# the same count as /metrics; the events as one line each with a level,
# with journald's <N> prefix when stderr is the journal; a failed login's
# line as fail2ban reads it (deploy/fail2ban/).
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ana here\n' | "$PRAXIS" user add --db "$TMP/db" --role author ana || fail "cannot add ana"

# ---- options refused at start ----
expect_status 2 "$PRAXIS" serve --db "$TMP/db" --quiet --access-log "$TMP/x.log"
expect_status 1 "$PRAXIS" serve --db "$TMP/db" --port 0 --access-log "$TMP/no/such/dir/access.log"
expect_grep "$TMP/err" "cannot open the access log $TMP/no/such/dir/access.log: No such file or directory"

LOG=$TMP/access.log
SERVE_ARGS=(--access-log "$LOG")
start_server "$TMP/db"

# ---- the format, field by field ----
page 200 /node/17065 -e 'https://example.org/a"b' -A $'agent "quoted"\x01 ä'
page 404 '/nope?x=%22%0A'
curl -s -o /dev/null -I "$BASE/" || fail "HEAD / failed"
login ana "$TMP/ana.jar"
page 200 /admin -b "$TMP/ana.jar"
sleep 0.3
# check_lines FILE...: every line is a Combined Log Format line with one more field
check_lines() {
	python3 - "$@" <<'PY' || fail "a line of the access log is not in the Combined Log Format"
import re, sys
clf = re.compile(r'^(\S+) - (\S+) \[(\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [-+]\d{4})\] '
                 r'"((?:[^"\\]|\\x[0-9A-F]{2})*)" (\d{1,3}) (\d+|-) "((?:[^"\\]|\\x[0-9A-F]{2})*)" '
                 r'"((?:[^"\\]|\\x[0-9A-F]{2})*)" (\d+\.\d{6})$')
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="ascii").read().split("\n")[:-1], 1):
        if not clf.match(line):
            sys.exit("%s:%d: %r" % (path, n, line))
PY
}
check_lines "$LOG"
grep -qF '"GET /node/17065 HTTP/1.1" 200 ' "$LOG" || fail "no line of GET /node/17065"
grep -qF '"https://example.org/a\x22b" "agent \x22quoted\x22\x01 \xC3\xA4" ' "$LOG" ||
	fail "the referer and the agent are not escaped as nginx does: $(grep 17065 "$LOG")"
grep -qF '"GET /nope?x=%22%0A HTTP/1.1" 404 ' "$LOG" || fail "the request line is not as sent"
grep -qE '"HEAD / HTTP/1\.1" 200 - ' "$LOG" || fail "a HEAD's line should say - bytes"
grep -qE '^127\.0\.0\.1 - ana \[.*"GET /admin HTTP/1\.1" 200 ' "$LOG" || fail "no user name in a signed-in request's line"
grep -qE '^127\.0\.0\.1 - - \[.*"POST /login HTTP/1\.1" 303 - ' "$LOG" || fail "no line of the login"
[ "$(grep -c '"GET /node/17065' "$TMP/serve.err")" = 0 ] || fail "with --access-log, the access log went to stderr too"

# ---- SIGHUP reopens the file: requests under way are neither lost nor torn ----
# straight to the server (its own log file is the subject; $DIRECT is
# $BASE without nginx in front)
python3 - "$DIRECT" "$TMP/sent" <<'PY' &
import http.client, sys, threading, time, urllib.parse
base, out = sys.argv[1:3]
u = urllib.parse.urlparse(base)
sent, lock = [], threading.Lock()
def client(k):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    for i in range(150):
        mark = "r%d-%d" % (k, i)
        c.request("GET", "/search?q=city&mark=" + mark)
        r = c.getresponse(); r.read()
        with lock:
            sent.append(mark)
        time.sleep(0.005)
threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
for t in threads: t.start()
for t in threads: t.join()
open(out, "w").write("\n".join(sent) + "\n")
PY
load=$!
# until FILE has N lines of the load (10 s at most)
until_marked() {
	for _ in $(seq 100); do
		[ "$(grep -c 'mark=' "$1" 2>/dev/null)" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "the load did not reach $1"
}
until_marked "$LOG" 60
mv "$LOG" "$LOG.1"
kill -HUP "$SERVER_PID"
until_marked "$LOG" 60
mv "$LOG" "$LOG.2"
kill -HUP "$SERVER_PID"
wait "$load" || fail "the requests during the rotation failed"
page 200 /healthz # after the load: in the newest file
sleep 0.3
kill -0 "$SERVER_PID" || fail "SIGHUP stopped the server"
[ -s "$LOG.2" ] && [ -s "$LOG" ] || fail "the reopened file got no lines"
check_lines "$LOG.1" "$LOG.2" "$LOG"
python3 - "$TMP/sent" "$LOG.1" "$LOG.2" "$LOG" <<'PY' || fail "a request is missing from the rotated logs, logged twice, or in an older file than one before it"
import re, sys
sent = open(sys.argv[1]).read().split()
seen = {}
for path in sys.argv[2:]:
    for m in re.finditer(r"mark=(r\d+-\d+) ", open(path).read()):
        seen.setdefault(m.group(1), []).append(path)
missing = [s for s in sent if s not in seen]
twice = [s for s, p in seen.items() if len(p) > 1]
print("%d requests during the rotation, by file:" % len(sent), [sum(1 for p in seen.values() if p[0] == f) for f in sys.argv[2:]])
# each client's requests, one after the other, go to the old file, then the new ones
order = {}
for n, path in enumerate(sys.argv[2:]):
    for m in re.finditer(r"mark=r(\d+)-(\d+) ", open(path).read()):
        order.setdefault(m.group(1), []).append((n, int(m.group(2))))
backwards = [k for k, v in order.items() if [f for f, i in sorted(v, key=lambda x: x[1])] != sorted(f for f, i in v)]
sys.exit(bool(missing or twice or backwards or len(sent) != 600 or len(seen) != 600))
PY
grep -q '"GET /healthz HTTP/1.1" 200 ' "$LOG" || fail "the request after the rotation is not in the new file"
expect_grep "$TMP/serve.err" "^praxis: notice: SIGHUP: the access log $LOG is reopened$"

# ---- GoAccess reads the log and counts what /metrics counts ----
# /metrics counts a request once it ended; the scrape that reports the
# total is itself logged (and counted) after it answered: GoAccess, read
# after it, finds total + 1.
sleep 0.3
page 200 /metrics
total=$(python3 tests/http/prom_check.py "$TMP/body" | python3 -c '
import json, sys
print(int(sum(v for k, v in json.load(sys.stdin).items() if k.startswith("praxis_http_requests_total{"))))')
sleep 0.3
cat "$LOG.1" "$LOG.2" "$LOG" >"$TMP/day.log"
goaccess "$TMP/day.log" --log-format=COMBINED --no-global-config -o json >"$TMP/goaccess.json" 2>"$TMP/goaccess.err" ||
	fail "goaccess failed: $(cat "$TMP/goaccess.err")"
read -r counted failed <<<"$(python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["general"]; print(g["total_requests"], g["failed_requests"])' "$TMP/goaccess.json")"
[ "$failed" = 0 ] || fail "goaccess could not read $failed lines"
[ "$counted" = $((total + 1)) ] || fail "goaccess counts $counted requests, /metrics $total (+1 for the scrape)"

# ---- events: one line, a level; a failed login as fail2ban reads it ----
tok=$(csrf "$TMP/jar")
curl -s -o /dev/null -b "$TMP/jar" --data-urlencode "csrf=$tok" --data-urlencode $'name=eve" from 192.0.2.1\nx' \
	-d password=wrong "$BASE/login"
sleep 0.3
expect_grep "$TMP/serve.err" '^praxis: notice: started: praxis [^ ]+ serving http://127\.0\.0\.1:[0-9]+/, 10 nodes, 2 threads$'
expect_grep "$TMP/serve.err" '^praxis: warning: login failed from 127\.0\.0\.1 for user "eve\\x22 from 192\.0\.2\.1\\x0Ax"$'
fail2ban-regex -o ip "$TMP/serve.err" deploy/fail2ban/filter.d/praxis.conf >"$TMP/f2b" 2>&1 ||
	fail "fail2ban-regex (Debian fail2ban, scripts/deps) failed: $(cat "$TMP/f2b")"
[ "$(sort -u "$TMP/f2b")" = 127.0.0.1 ] || fail "fail2ban read other addresses than the client's: $(cat "$TMP/f2b")"
stop_server
expect_grep "$TMP/serve.err" '^praxis: notice: stopping \(SIGTERM\): the requests under way may finish$'
expect_grep "$TMP/serve.err" '^praxis: notice: stopped$'

# ---- under systemd: stderr is the journal's stream, lines say <N> ----
: >"$TMP/serve.err"
JOURNAL_STREAM=$(stat -c '%d:%i' "$TMP/serve.err") start_server "$TMP/db"
tok=$(csrf "$TMP/jar")
curl -s -o /dev/null -b "$TMP/jar" --data-urlencode "csrf=$tok" -d name=eve -d password=wrong "$BASE/login"
sleep 0.3
stop_server
expect_grep "$TMP/serve.err" '^<5>started: praxis [^ ]+ serving '
expect_grep "$TMP/serve.err" '^<4>login failed from 127\.0\.0\.1 for user "eve"$'
expect_grep "$TMP/serve.err" '^<5>stopped$'
! grep -q '^praxis: ' "$TMP/serve.err" || fail "a line without its <N> under the journal"
sed 's/^<[0-7]>//' "$TMP/serve.err" >"$TMP/journal" # what journald keeps of a line
fail2ban-regex -o ip "$TMP/journal" deploy/fail2ban/filter.d/praxis.conf 2>/dev/null | grep -qx 127.0.0.1 ||
	fail "fail2ban does not read the journal's form of the line"
# another stream's JOURNAL_STREAM (stderr redirected by hand): plain lines
: >"$TMP/serve.err"
JOURNAL_STREAM=1:1 start_server "$TMP/db"
stop_server
expect_grep "$TMP/serve.err" '^praxis: notice: started: '
echo "t_access_log: ok"
