# The systemd units (deploy/systemd/) fit the server: `systemd-analyze
# verify` accepts them, and a scripted session of the plain server under
# strace -f (start with the index built, readiness, pages, search, login,
# a save, a machine translation by Apertium, a mail through a relay, the
# graceful stop) and of `praxis backup --keep` calls nothing the units'
# SystemCallFilter, RestrictAddressFamilies or MemoryDenyWriteExecute would
# refuse (tests/http/syscall_fit.py). Against the plain build only: the
# ASan build makes calls of its own and is never installed.
. tests/http/lib.sh
once_against plain "the units' sandbox is checked against the build that is installed"
command -v strace >/dev/null || fail "strace is not installed (scripts/deps installs it)"
command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed (scripts/deps installs systemd)"
command -v apertium >/dev/null || fail "apertium is not installed (scripts/deps installs it)"

# 1. systemd-analyze verify, on copies whose ExecStart names this build:
# verify wants the binary to exist (the units name /usr/bin/praxis)
mkdir "$TMP/units"
for u in deploy/systemd/*.service deploy/systemd/*.timer; do
	sed "s|/usr/bin/praxis|$PRAXIS|g" "$u" >"$TMP/units/${u##*/}"
done
(cd "$TMP/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer) >"$TMP/verify" 2>&1 ||
	{ cat "$TMP/verify" >&2; fail "systemd-analyze verify refused the units"; }
# it warns, but exits 0, for an unknown setting or a bad value
! grep -v "Failed to connect to bus\|^$" "$TMP/verify" | grep -q . ||
	{ cat "$TMP/verify" >&2; fail "systemd-analyze verify complained"; }

# 2. the session, the server under strace, as a user without privileges
# like the unit's `praxis` (run as root, SQLite would fchown() its journal,
# which it never does as praxis)
state=$TMP/state
mkdir "$state" "$state/backups"
expect_status 0 "$PRAXIS" ingest --quiet --db "$state/db" data/sample/listing.txt tests/data/mt/hub.jsonl
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$state/db" --role editor ed >/dev/null 2>&1 || fail "user add"
as=()
if [ "$(id -u)" -eq 0 ]; then
	as=(-u nobody)
	chown -R nobody "$state"
	chmod 711 "$TMP"
fi
start_sink "$TMP/box"
python3 tests/http/notify_sink.py "$TMP/notify.sock" "$TMP/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; cleanup' EXIT # cleanup (lib.sh): the server, the sink, nginx
for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
chmod a+w "$TMP/notify.sock"
printf '#!/bin/sh\nexec strace -f -qq %s -o "%s" "%s" "$@"\n' "${as[*]}" "$TMP/serve.trace" "$PRAXIS" >"$TMP/traced"
chmod +x "$TMP/traced"
# the unit's own arguments, its paths moved into $TMP; ours after them win
# (--port 0).
mkdir "$TMP/log"
[ "$(id -u)" -eq 0 ] && chown nobody "$TMP/log"
read -r -a unit_args < <(sed -n 's|^ExecStart=/usr/bin/praxis serve \(.*\) \$PRAXIS_SERVE_ARGS$|\1|p' deploy/systemd/praxis.service |
	sed "s|/var/log/praxis|$TMP/log|g; s|/var/lib/praxis|$state|g")
[ "${#unit_args[@]}" -gt 0 ] || fail "no ExecStart=/usr/bin/praxis serve ... \$PRAXIS_SERVE_ARGS in praxis.service"
SERVE_ARGS=("${unit_args[@]}" --port 0 --smtp "smtp://127.0.0.1:$SINK_PORT" --public-url https://hub.example.eu)
NOTIFY_SOCKET=$TMP/notify.sock PRAXIS=$TMP/traced start_server "$state/db"
# strace does not pass SIGTERM on: the server is its child
server=$(pgrep -P "$SERVER_PID")
trap 'kill $server $LISTENER 2>/dev/null; cleanup' EXIT
[ -n "$server" ] || fail "no server under strace"
for _ in $(seq 100); do grep -q READY=1 "$TMP/notify.log" && break; sleep 0.1; done
grep -q READY=1 "$TMP/notify.log" || fail "no READY=1"
page 200 /
page 200 '/search?q=garden'
page 200 /node/17065
kill -HUP "$server" # systemctl reload: the log reopened
page 200 /node/17065
grep -q '/node/17065' "$TMP/log/access.log" || fail "no access log in $TMP/log"
page 200 /healthz
page 200 /metrics
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
post 303 /node/new "$TMP/ed.jar" -d "csrf=$tok&action=publish&type=practice&title=Traced+practice&city=Ghent&country=Belgium&language=en&summary=Saved+under+strace."
page 200 '/search?q=traced'
has 'Traced practice'
for _ in $(seq 240); do
	page 200 /node/7001/translation?to=es
	grep -q 'class="node translated' "$TMP/body" && break
	sleep 0.25
done
grep -q 'class="node translated' "$TMP/body" || fail "no translation by Apertium under strace"
sqlite3 "$state/db" "INSERT INTO outbox (recipient, subject, body, created, next_try)
	VALUES ('traced@example.org', 'Traced', 'Body', unixepoch(), unixepoch())" || fail "cannot queue"
wait_mail "$TMP/box" 1
strace -f -qq "${as[@]}" -o "$TMP/backup.trace" "$PRAXIS" backup --db "$state/db" --keep 7 "$state/backups" 2>"$TMP/err" ||
	{ cat "$TMP/err" >&2; fail "praxis backup --keep under strace"; }
# the graceful stop
kill -TERM "$server"
wait "$SERVER_PID" || fail "the server exited $? after SIGTERM"
grep -q STOPPING=1 "$TMP/notify.log" || fail "no STOPPING=1"
kill $LISTENER
grep -q 'execve(.*apertium' "$TMP/serve.trace" || fail "the trace shows no Apertium run"

# 3. what the units would refuse
python3 tests/http/syscall_fit.py deploy/systemd/praxis.service "$TMP/serve.trace" >"$TMP/fit" ||
	{ cat "$TMP/fit" >&2; fail "the server does not fit praxis.service's sandbox"; }
cat "$TMP/fit"
python3 tests/http/syscall_fit.py deploy/systemd/praxis-backup.service "$TMP/backup.trace" >"$TMP/fit" ||
	{ cat "$TMP/fit" >&2; fail "praxis backup does not fit praxis-backup.service's sandbox"; }
cat "$TMP/fit"
