# Helpers for the cluster tests (sourced): a cluster of scripts/cluster in
# $TMP/cluster, on ports free now, of $PRAXIS's nodes. A failed check prints
# the end of every component's log, stops the cluster and exits 1; the
# cluster is stopped on any exit. Each test holds the machine alone
# ("# run-suite: alone"): PostgreSQL, three nodes, nginx and wrk on two cores
# would measure the other tests as much as the cluster.
. tests/cli/lib.sh
# once, against the plain build: what a cluster test checks (routing,
# following, failover) is not the build's, and the ASan/UBSan build's
# PostgreSQL paths are checked by the HTTP suite, whose ASan half runs on
# PostgreSQL; make test's 20 minutes have no room for a second pass
once_against plain "the cluster's behaviour does not depend on the build"

export CLUSTER_DIR=$TMP/cluster CLUSTER_WAIT=${CLUSTER_WAIT:-60} PRAXIS
# run as root, PostgreSQL and nginx's workers run as nobody, who must reach
# the state directory (mktemp made $TMP 0700)
chmod 711 "$TMP"
URL="" LOAD=""

cluster() { scripts/cluster "$@"; }
# every request bounded
curl() { command curl --max-time 10 "$@"; }

fail() {
	echo "FAIL: $*" >&2
	cluster status >&2 || true
	cluster logs 25 >&2
	exit 1
}

cluster_cleanup() {
	[ -z "${LOAD:-}" ] || { touch "$TMP/load.stop"; kill "$LOAD" 2>/dev/null; }
	cluster stop >/dev/null 2>&1
	# CLUSTER_KEEP=DIR: the state directory (logs) kept there, to read
	[ -z "${CLUSTER_KEEP:-}" ] || cp -r "$CLUSTER_DIR" "$CLUSTER_KEEP" 2>/dev/null
	rm -rf "$TMP"
}
trap cluster_cleanup EXIT

# free_base N: a port P with P to P+N free on 127.0.0.1 now, below the
# ephemeral range (scripts/cluster says why)
free_base() { scripts/cluster _free-base "$1"; }

# cluster_start ARGS...: scripts/cluster start ARGS with 3 nodes unless
# ARGS say otherwise, on free ports; sets $URL (nginx's). Its stderr is
# left in $TMP/start.err.
cluster_start() {
	local out
	export CLUSTER_PORT
	CLUSTER_PORT=$(free_base 8) || fail "no free ports"
	out=$(cluster start "$@" 2>"$TMP/start.err") || { cat "$TMP/start.err" >&2; fail "scripts/cluster start $* exited $?"; }
	URL=${out%/}
	[ -n "$URL" ] || { cat "$TMP/start.err" >&2; fail "scripts/cluster start printed no URL"; }
}

# pid_alive PID: it runs (a zombie left to a parent that does not reap it
# does not)
pid_alive() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]
}

# cluster_pids: every process of the cluster now, children included (nginx's
# workers, PostgreSQL's backends)
cluster_pids() {
	local f pid
	for f in "$CLUSTER_DIR"/*.pid "$CLUSTER_DIR/pg/data/postmaster.pid"; do
		[ -s "$f" ] || continue
		pid=$(head -n 1 "$f")
		pid_alive "$pid" || continue
		echo "$pid"
		ps -o pid= --ppid "$pid" || true
	done
}

# cluster_stop_clean: scripts/cluster stop leaves no process of the cluster
# running and no node reported a memory error
cluster_stop_clean() {
	local pids pid
	pids=$(cluster_pids)
	[ -n "$pids" ] || fail "no process of the cluster runs before the stop"
	cluster stop 2>"$TMP/stop.err" || { cat "$TMP/stop.err" >&2; fail "scripts/cluster stop exited $?"; }
	for pid in $pids; do
		pid_alive "$pid" && fail "pid $pid ($(ps -o args= -p "$pid")) still runs after scripts/cluster stop"
	done
	! grep -q 'SIGKILL' "$TMP/stop.err" || fail "a component had to be killed: $(cat "$TMP/stop.err")"
	! grep -slE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$CLUSTER_DIR"/node-*.log ||
		fail "sanitizer report from a node (above)"
}

# node_hits K PATTERN: node K's access log lines matching PATTERN (ERE)
node_hits() { grep -cE -- "$2" "$CLUSTER_DIR/node-$1.access.log" || true; }

# wait_for SECONDS WHAT CMD...: until CMD succeeds, SECONDS at most
wait_for() {
	local secs=$1 what=$2 end=$((SECONDS + $1))
	shift 2
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || fail "$what: not within ${secs}s"
		sleep 0.1
	done
}

# ---- a cluster on PostgreSQL, written to (t_cluster_follow, _crash,
# _pg_restart, _imports) ----

# node_url K: node K's own address, past nginx
node_url() { echo "http://127.0.0.1:$((CLUSTER_PORT + $1))"; }
# now_ms: the clock in milliseconds
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# the cluster's PostgreSQL password, for the praxis commands a test runs on
# its store
export PGPASSFILE=$CLUSTER_DIR/pgpass
# cluster_db: the store's URI (what start chose)
cluster_db() {
	# shellcheck source=/dev/null
	(. "$CLUSTER_DIR/cluster.env" && echo "$DB")
}
# cluster_user ROLE NAME: an account on the cluster's store, its password
# "pw of NAME here"
cluster_user() {
	printf 'pw of %s here\n' "$2" | "$PRAXIS" user add --db "$(cluster_db)" --role "$1" "$2" >/dev/null 2>"$TMP/user.err" ||
		{ cat "$TMP/user.err" >&2; fail "praxis user add $2 failed"; }
}
# cluster_login BASE NAME JAR: NAME logged in through BASE; the session's
# CSRF token in $TOK
cluster_login() { try_login "$@" || fail "login of $2 through $1 answered $CODE"; }
# try_login BASE NAME JAR: the same, 1 when it fails (its status in $CODE)
try_login() {
	local tok
	rm -f "$3" # a fresh session (signed in already, /login redirects)
	tok=$(curl -s -c "$3" -b "$3" "$1/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	CODE=$(curl -s -o /dev/null -w '%{http_code}' -c "$3" -b "$3" --data-urlencode "csrf=$tok" \
		--data-urlencode "name=$2" --data-urlencode "password=pw of $2 here" -d next=/admin "$1/login")
	[ "$CODE" = 303 ] || return 1
	CODE=$(curl -s -o "$TMP/admin.html" -w '%{http_code}' -b "$3" "$1/admin")
	TOK=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/admin.html" | head -n 1)
	[ -n "$TOK" ] || { [ "$CODE" = 503 ] || CODE="$CODE (no CSRF token) from /admin"; return 1; }
}
# cluster_publish BASE JAR TITLE: a practice titled TITLE published through
# BASE; prints the status and the new nid ("303 1234"; "502 " when none)
cluster_publish() {
	local out
	out=$(curl -s -o /dev/null -D - -w '\n%{http_code}' -b "$2" --data-urlencode "csrf=$TOK" \
		--data-urlencode "title=$3" -d 'type=practice&city=Ghent&country=Belgium&language=en&action=publish' \
		"$1/node/new" 2>/dev/null)
	printf '%s %s\n' "$(tail -n 1 <<<"$out")" "$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' <<<"$out")"
}
# api_total BASE [Q]: the total of BASE's /api/v1/search for Q (all nodes)
api_total() {
	curl -s "$1/api/v1/search?limit=1&q=${2:-}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])' 2>/dev/null
}
# seen BASE PATH PATTERN T0 MS: polls PATH on BASE until its body matches
# PATTERN, until MS milliseconds after T0 (now_ms) at most; the
# milliseconds from T0 in $MS
seen() {
	until curl -s -g "$1$2" | grep -qE -- "$3"; do
		[ $(($(now_ms) - $4)) -le "$5" ] || fail "$2 on $1 did not match '$3' within $5 ms"
		sleep 0.02
	done
	MS=$(($(now_ms) - $4))
	[ "$MS" -le "$5" ] || fail "$2 on $1 matched '$3' only after $MS ms (a slow answer), not within $5 ms"
}
# stats_of LIST: "median M ms, max X ms" of the numbers in LIST
stats_of() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, max %d ms", v[int((NR + 1) / 2)], v[NR] }'
}
# load_start OUT URL...: requests to each URL in turn (20 each per curl, on
# one connection) until load_stop, each answer's status a line of OUT
# ("000": none); LOAD is its pid
load_start() {
	local out=$1
	shift
	: >"$out"
	rm -f "$TMP/load.stop"
	(
		while [ ! -e "$TMP/load.stop" ]; do
			for u in "$@"; do
				command curl -s --max-time 10 -o /dev/null -w '%{stderr}%{http_code}\n' "$u&load=[1-20]" 2>>"$out"
			done
		done
	) &
	LOAD=$!
}
load_stop() {
	touch "$TMP/load.stop"
	wait "$LOAD"
}
# statuses OUT: "N×STATUS ..." of a load's answers
statuses() { sort "$1" | uniq -c | awk '{ printf "%s%d×%s", (NR > 1 ? " " : ""), $1, $2 }'; }
