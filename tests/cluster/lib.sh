# Helpers for the cluster tests (sourced): a cluster of scripts/cluster in
# $TMP/cluster, on ports free now, of $PRAXIS's nodes. A failed check prints
# the end of every component's log, stops the cluster and exits 1; the
# cluster is stopped on any exit. Each test holds the machine alone
# ("# run-suite: alone"): PostgreSQL, three nodes, nginx and wrk on two cores
# would measure the other tests as much as the cluster.
. tests/cli/lib.sh

export CLUSTER_DIR=$TMP/cluster CLUSTER_WAIT=${CLUSTER_WAIT:-60} PRAXIS
# run as root, PostgreSQL and nginx's workers run as nobody, who must reach
# the state directory (mktemp made $TMP 0700)
chmod 711 "$TMP"
URL=

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
	cluster stop >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cluster_cleanup EXIT

# free_base N: a port P with P to P+N free on 127.0.0.1 now (nginx's and the
# nodes' ports)
free_base() {
	python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 60000 - n)
    socks = []
    try:
        for p in range(base, base + n + 1):
            s = socket.socket()
            socks.append(s)
            s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
    print(base)
    sys.exit(0)
sys.exit("no free ports")
PY
}

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
