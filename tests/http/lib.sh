# Helpers for the HTTP tests (sourced): a fresh store in $TMP, a server on a
# free port ($BASE), requests with curl. A failed check exits 1.
. tests/cli/lib.sh

SERVER_PID=

# browser_once: a test whose checks are a browser's (pages, scripts, axe-core,
# screenshots) runs once per `make test`, against the ASan/UBSan build: both
# builds compile the same sources into the same pages, so a second browser
# run against the plain build checks nothing new, while the ASan/UBSan
# server still checks every request the browser makes for memory errors.
# The plain build's pages are checked by every other HTTP test. Run by hand
# (no $PRAXIS_FLAVOUR, set by tests/run-suite), a test runs against $PRAXIS.
browser_once() {
	once_against asan "a browser test, run once against the ASan/UBSan build"
}
# browser_here: whether this run drives the browser (a test with other
# checks too keeps them in both runs, e.g. t_xss.sh)
browser_here() { [ "${PRAXIS_FLAVOUR:-}" != plain ]; }

# fail MESSAGE: as in tests/cli/lib.sh, and when a server was started, the
# end of its stderr (its log and any sanitizer report) too.
fail() {
	echo "FAIL: $*" >&2
	if [ -n "$SERVER_PID" ] && [ -s "$TMP/serve.err" ]; then
		echo "--- the server's stderr (pid $SERVER_PID, $(kill -0 "$SERVER_PID" 2>/dev/null && echo running || echo gone)), last 60 lines:" >&2
		tail -60 "$TMP/serve.err" >&2
	fi
	exit 1
}

# start_server DB: serves DB in the background (with the options in the
# array SERVE_ARGS, if set); waits for its URL.
# serve.out is emptied here, before the fork: the child empties it only when
# it runs, and on a loaded machine the loop below could first read the URL
# of the server stopped before, whose port is closed (t_auth's "/admin
# answered 000" beside t_dos, issue 11: curl exit 7 on the old port).
SERVE_ARGS=()
start_server() {
	: >"$TMP/serve.out"
	"$PRAXIS" serve --db "$1" --port 0 --threads 2 "${SERVE_ARGS[@]}" >"$TMP/serve.out" 2>"$TMP/serve.err" &
	SERVER_PID=$!
	trap 'kill "$SERVER_PID" $SINK_PID 2>/dev/null; rm -rf "$TMP"' EXIT
	for _ in $(seq 100); do
		BASE=$(sed -n 's|^praxis: serving \(https\{0,1\}://[^ ]*\)/$|\1|p' "$TMP/serve.out")
		[ -n "$BASE" ] && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.err" >&2; fail "the server did not start"; }
		sleep 0.1
	done
	fail "the server printed no URL"
}

# stop_server: SIGTERM, then the server must exit 0 within 10 s, with no
# sanitizer report.
stop_server() {
	kill -TERM "$SERVER_PID"
	for _ in $(seq 100); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$SERVER_PID" 2>/dev/null && fail "the server is still running 10 s after SIGTERM"
	wait "$SERVER_PID"
	local rc=$?
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/serve.err" ||
		{ cat "$TMP/serve.err" >&2; fail "sanitizer report from the server"; }
	[ "$rc" -eq 0 ] || { cat "$TMP/serve.err" >&2; fail "the server exited $rc after SIGTERM"; }
}

# start_sink DIR [tests/smtp/sink.py's options]: a mail relay keeping what
# it accepts in DIR; its port in $SINK_PORT.
SINK_PID=
start_sink() {
	local dir=$1
	shift
	: >"$TMP/sink.out"
	python3 tests/smtp/sink.py "$dir" "$@" >"$TMP/sink.out" 2>"$TMP/sink.err" &
	SINK_PID=$!
	trap 'kill "$SERVER_PID" $SINK_PID 2>/dev/null; rm -rf "$TMP"' EXIT
	for _ in $(seq 100); do
		SINK_PORT=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$TMP/sink.out")
		[ -n "$SINK_PORT" ] && return 0
		kill -0 "$SINK_PID" 2>/dev/null || fail "the mail sink did not start: $(cat "$TMP/sink.err")"
		sleep 0.1
	done
	fail "the mail sink printed no port"
}

stop_sink() {
	kill "$SINK_PID" 2>/dev/null
	wait "$SINK_PID" 2>/dev/null
	SINK_PID=
}

# wait_mail DIR N: waits (30 s at most) until the sink kept N messages in DIR.
wait_mail() {
	for _ in $(seq 300); do
		[ "$(find "$1" -name '*.eml' 2>/dev/null | wc -l)" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "$2 message(s) expected in $1, $(find "$1" -name '*.eml' 2>/dev/null | wc -l) arrived"
}

# mail_field FILE.eml FIELD: a kept message's header FIELD decoded
# (Subject, To, Reply-To...), "body" for its text, "headers" for every
# header's name, one a line.
mail_field() { python3 tests/smtp/read.py "$1" "$2"; }

# curl_said "CODE EXIT ERROR": the status, or for 000 why curl got none
curl_said() {
	local code=${1%% *} rest=${1#* }
	[ "$code" = 000 ] && echo "000 (curl exit ${rest%% *}: ${rest#* })" || echo "$code"
}

# page STATUS PATH [CURL ARGS...]: GETs PATH, fails unless the status is
# STATUS; the body is left in $TMP/body, the headers in $TMP/head.
page() {
	local want=$1 path=$2
	shift 2
	local got
	got=$(curl -s -g -o "$TMP/body" -D "$TMP/head" -w '%{http_code} %{exitcode} %{errormsg}' "$@" "$BASE$path")
	[ "${got%% *}" = "$want" ] || { head -c 2000 "$TMP/body" >&2; fail "$path answered $(curl_said "$got"), expected $want"; }
}

# has PATTERN / lacks PATTERN: the last body has (has not) a match (ERE).
has() { expect_grep "$TMP/body" "$1"; }
lacks() { ! grep -qE -- "$1" "$TMP/body" || fail "the body of the last page matches '$1'"; }

# ---- signing in (users added with: printf 'pw of NAME here\n' | praxis user add ...) ----

# csrf JAR: the CSRF token of the login form, the jar keeping its cookie
csrf() {
	curl -s -c "$1" -b "$1" "$BASE/login" >"$TMP/login.html"
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/login.html" | head -1
}
# post STATUS PATH JAR [CURL ARGS...]: a form POST; body in $TMP/body, headers in $TMP/head
post() {
	local want=$1 path=$2 jar=$3
	shift 3
	local got
	got=$(curl -s -g -c "$jar" -b "$jar" -o "$TMP/body" -D "$TMP/head" -w '%{http_code} %{exitcode} %{errormsg}' "$@" "$BASE$path")
	[ "${got%% *}" = "$want" ] || { head -c 1500 "$TMP/body" >&2; fail "POST $path answered $(curl_said "$got"), expected $want"; }
}
# login NAME JAR [NEXT]: logs NAME in with its password; the jar keeps the session
login() {
	local tok
	tok=$(csrf "$2")
	post 303 /login "$2" --data-urlencode "csrf=$tok" --data-urlencode "name=$1" \
		--data-urlencode "password=pw of $1 here" --data-urlencode "next=${3:-/admin}"
}
# session_csrf JAR: the CSRF token of a signed-in page's forms
session_csrf() {
	curl -s -b "$1" "$BASE/admin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1
}
