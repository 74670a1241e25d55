# Helpers for the HTTP tests (sourced): a fresh store in $TMP, a server on a
# free port ($BASE), requests with curl. A failed check exits 1.
. tests/cli/lib.sh

SERVER_PID=

# the project's root (tests are sourced from it): a test may cd elsewhere
# before it starts its server (t_install)
PROJECT_ROOT=$PWD

# ---- on PostgreSQL ----
# The ASan/UBSan flavour serves from PostgreSQL (PRAXIS_STORE=pg, its
# default there; PRAXIS_STORE=sqlite or =pg chooses by hand), the plain
# flavour from SQLite: every `make test` runs the suite on both backends at
# no extra test, and the ASan/UBSan build checks the libpq driver's memory.
# A throwaway cluster is started (tests/pg/lib.sh) and $PRAXIS wrapped
# (tests/pg/praxis-on-pg): each store path a test names (--db FILE,
# $PRAXIS_DB) becomes a database of that cluster, with its own snapshot.
# The cluster is the suite's (tests/http/run starts one for all its tests:
# pg_attach), the databases the test's; a test that stops PostgreSQL sets
# PG_OWN_CLUSTER=1 before sourcing this file and gets a cluster of its own.
# sqlite_only REASON: the test reads or changes the store's file itself
# (sqlite3, mv, chmod): it runs on SQLite whatever the flavour.
PRAXIS_REAL=$PRAXIS
store_here() { echo "${PRAXIS_STORE:-$([ "${PRAXIS_FLAVOUR:-}" = asan ] && echo pg || echo sqlite)}"; }
sqlite_only() { PRAXIS=$PRAXIS_REAL; : >"$TMP/sqlite-only"; }
# store_sql DB SQL: runs SQL on the store a test calls DB (its path), on
# whichever backend holds it; rows as `a|b` lines, as sqlite3 prints them.
store_sql() {
	if [ "$PRAXIS" = "$PRAXIS_REAL" ]; then
		sqlite3 "$1" "$2"
	else
		"$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$("$PRAXIS" --uri-of "$1")" -c "$2"
	fi
}
if [ "$(store_here)" = pg ]; then
	. tests/pg/lib.sh
	if [ -n "${PG_OWN_CLUSTER:-}" ]; then pg_start; else pg_attach; fi ||
		{ echo "FAIL: cannot start PostgreSQL" >&2; exit 1; }
	export PRAXIS_REAL TMP
	PRAXIS=$PROJECT_ROOT/tests/pg/praxis-on-pg
fi

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
	if [ -n "$NGINX_PID" ] && [ -s "$TMP/nginx/error.log" ] || [ -s "$TMP/nginx/nginx.err" ]; then
		echo "--- nginx's error log (in front of the server, pid ${NGINX_PID:-none}), last 30 lines:" >&2
		tail -30 "$TMP/nginx/error.log" "$TMP/nginx/nginx.err" 2>/dev/null >&2
	fi
	exit 1
}

# ---- through nginx ----
# In the plain flavour (PRAXIS_FLAVOUR=plain, set by tests/run-suite) and
# with nginx installed, start_server puts an nginx in front of the server,
# configured by the documented site file deploy/nginx/praxis.conf (only its
# ports, certificate paths and cache directory changed), over HTTPS with a
# throwaway CA, and serves with --trusted-proxy 127.0.0.1: $BASE is then
# nginx's https URL and $DIRECT the server's own. The ASan/UBSan flavour
# talks to the server directly, so every `make test` tests both paths.
# PRAXIS_PROXY=nginx or =none chooses by hand.
NGINX_PID=
DIRECT_ONLY=
# direct_only REASON: this test is about the server's own socket handling
# (slow clients, framing, connection limits, its TLS): no nginx in front.
direct_only() { DIRECT_ONLY=$1; }
# over_https: $BASE is https (nginx in front): HSTS, Secure cookies and
# https:// links are then right; scheme: "http" or "https", for patterns
over_https() { [[ $BASE == https://* ]]; }
scheme() { echo "${BASE%%://*}"; }
nginx_bin() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }
proxy_here() {
	[ -z "$DIRECT_ONLY" ] || return 1
	case "${PRAXIS_PROXY:-}" in
	nginx) return 0 ;;
	none) return 1 ;;
	esac
	[ "${PRAXIS_FLAVOUR:-}" = plain ] && [ -n "$(nginx_bin)" ]
}

# make_ca DIR: a throwaway CA (ca.pem) and a certificate it signed for
# 127.0.0.1, ::1 and localhost (server.pem, server.key)
make_ca() {
	local d=$1 ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
	openssl req -x509 "${ec[@]}" -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 -subj "/CN=praxis test CA" \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null &&
		openssl req "${ec[@]}" -keyout "$d/server.key" -out "$d/server.csr" -subj /CN=127.0.0.1 2>/dev/null &&
		printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$d/ext" &&
		openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
			-out "$d/server.pem" -days 2 -extfile "$d/ext" 2>/dev/null ||
		fail "openssl could not make the test certificates"
}

# free_ports N: N ports free on 127.0.0.1 now
free_ports() {
	python3 -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
for x in s: x.bind(("127.0.0.1",0))
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}

# start_nginx: nginx in front of the server at $BASE (http://127.0.0.1:P);
# sets $DIRECT to that, $BASE to nginx's https URL and $NGINX_HTTP to its
# plain-HTTP one (which redirects).
start_nginx() {
	local d=$TMP/nginx try ports
	stop_nginx
	mkdir -p "$d/cache" "$d/tmp"
	[ -s "$d/ca.pem" ] || make_ca "$d"
	DIRECT=$BASE
	for try in 1 2 3 4 5; do
		read -ra ports <<<"$(free_ports 2)"
		sed -e "s|server 127.0.0.1:8080 |server ${DIRECT#http://} |" \
			-e "s|listen 80;|listen 127.0.0.1:${ports[0]};|" -e "s|listen \[::\]:80;|listen [::1]:${ports[0]};|" \
			-e "s|listen 443 |listen 127.0.0.1:${ports[1]} |" -e "s|listen \[::\]:443 |listen [::1]:${ports[1]} |" \
			-e "s|/etc/letsencrypt/live/hub.example.org/fullchain.pem|$d/server.pem|" \
			-e "s|/etc/letsencrypt/live/hub.example.org/privkey.pem|$d/server.key|" \
			-e "s|/var/cache/nginx/praxis |$d/cache |" "$PROJECT_ROOT/deploy/nginx/praxis.conf" >"$d/site.conf"
		[ "$(grep -cE "${DIRECT#http://}|127\.0\.0\.1:${ports[0]}|\[::1\]:${ports[0]}|127\.0\.0\.1:${ports[1]}|\[::1\]:${ports[1]}|$d/" "$d/site.conf")" = 8 ] ||
			fail "deploy/nginx/praxis.conf no longer has the lines the tests change (tests/http/lib.sh start_nginx)"
		{
			[ "$(id -u)" = 0 ] && echo "user root root;" # else workers would be nobody, barred from \$TMP
			cat <<CONF
daemon off;
master_process on;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    include $d/site.conf;
}
CONF
		} >"$d/nginx.conf"
		rm -f "$d/nginx.pid"
		: >"$d/error.log"
		"$(nginx_bin)" -e "$d/nginx.err" -p "$d" -c "$d/nginx.conf" 2>>"$d/nginx.err" &
		NGINX_PID=$!
		for _ in $(seq 200); do
			[ -s "$d/nginx.pid" ] && break # written once the sockets are open
			kill -0 "$NGINX_PID" 2>/dev/null || break
			sleep 0.05
		done
		if [ -s "$d/nginx.pid" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
			BASE=https://127.0.0.1:${ports[1]} NGINX_HTTP=http://127.0.0.1:${ports[0]}
			export CURL_CA_BUNDLE=$d/ca.pem SSL_CERT_FILE=$d/ca.pem REQUESTS_CA_BUNDLE=$d/ca.pem
			return 0
		fi
		grep -q "Address already in use" "$d/nginx.err" "$d/error.log" 2>/dev/null || break
	done
	stop_nginx # one slow to start would outlive the test
	fail "nginx did not start"
}

stop_nginx() {
	[ -n "$NGINX_PID" ] || return 0
	kill -TERM "$NGINX_PID" 2>/dev/null
	wait "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}

cleanup() {
	kill "$SERVER_PID" $SINK_PID $NGINX_PID 2>/dev/null
	[ -z "${PG_DIR:-}${PG_ATTACHED_TMP:-}" ] || _pg_cleanup
	rm -rf "$TMP"
}

# start_server DB: serves DB in the background (with the options in the
# array SERVE_ARGS, if set); waits for its URL.
# serve.out is emptied here, before the fork: the child empties it only when
# it runs, and on a loaded machine the loop below could first read the URL
# of the server stopped before, whose port is closed (t_auth's "/admin
# answered 000" beside t_dos, issue 11: curl exit 7 on the old port).
# It waits up to 60 s while the server runs (it was 10: under a load of 14
# on two cores, the ASan/UBSan server loading its index from PostgreSQL
# took longer, and t_officer, t_map_overview and t_snapshot_race failed
# "the server printed no URL"); a server that exits fails at once.
SERVE_ARGS=()
start_server() {
	: >"$TMP/serve.out"
	local proxy=()
	proxy_here && proxy=(--trusted-proxy 127.0.0.1)
	"$PRAXIS" serve --db "$1" --port 0 --threads 2 "${proxy[@]}" "${SERVE_ARGS[@]}" >"$TMP/serve.out" 2>"$TMP/serve.err" &
	SERVER_PID=$!
	trap cleanup EXIT
	for _ in $(seq 600); do
		BASE=$(sed -n 's|^praxis: serving \(https\{0,1\}://[^ ]*\)/$|\1|p' "$TMP/serve.out")
		DIRECT=$BASE
		[ -n "$BASE" ] && { [ ${#proxy[@]} = 0 ] || start_nginx; return 0; }
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.err" >&2; fail "the server did not start"; }
		sleep 0.1
	done
	fail "the server printed no URL"
}

# start_b: B, a second server on the store $TMP/db (reached directly, its
# stdout and stderr in $TMP/b.out and $TMP/b.err), its URL in $B, its pid
# in $B_PID (killed on exit)
start_b() {
	: >"$TMP/b.out"
	"$PRAXIS" serve --db "$TMP/db" --port 0 --threads 2 >"$TMP/b.out" 2>"$TMP/b.err" &
	B_PID=$!
	trap 'kill $B_PID 2>/dev/null; cleanup' EXIT
	for _ in $(seq 100); do
		B=$(sed -n 's|^praxis: serving \(http://[^ ]*\)/$|\1|p' "$TMP/b.out")
		[ -n "$B" ] && return 0
		kill -0 "$B_PID" 2>/dev/null || fail "server B did not start"
		sleep 0.1
	done
	fail "server B printed no URL"
}

# stop_server: SIGTERM, then the server must exit 0 within 10 s, with no
# sanitizer report (nginx, if in front, is stopped before).
stop_server() {
	# nginx first, as an operator would: its idle keepalive connections to
	# the server would hold the server's graceful stop (it waits up to 10 s
	# for open connections)
	stop_nginx
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
	trap cleanup EXIT
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
