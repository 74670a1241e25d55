# A throwaway PostgreSQL cluster for tests (sourced; bash).
#
#   pg_start     initdb and start a cluster; exports PRAXIS_PG_URI (database
#                praxis, user praxis, trust auth), PG_DIR (its directory),
#                PG_PORT, PG_SOCK (the socket directory), PG_BIN
#   pg_stop      stop it (fast shutdown: clients get 57P01); nothing if stopped
#   pg_restart   stop it if running, start it again on the same data
#   pg_kill      kill -9 the server and its backends (a crash: the next
#                pg_restart recovers from the WAL)
#   pg_psql ARGS psql on the praxis database (-X, stops at the first error)
#   pg_running   exits 0 when the server answers
#   pg_replica_start  a streaming replica of the running cluster
#                (pg_basebackup -R -X stream, hot standby) on its own port
#                and data directory beside the primary's; exports
#                PRAXIS_PG_REPLICA_URI and PG_REPLICA_PORT; stopped with it
#   pg_replica_stop   stop it (fast); pg_replica_restart starts it again
#   pg_replica_psql ARGS  psql on the replica's praxis database
#
# The cluster lives in a mktemp directory: initdb --auth=trust -U praxis
# -E UTF8 --locale=C.UTF-8, fsync on (a crash test must lose nothing
# acknowledged). It listens on a socket in that directory only (PG_TCP=1:
# on 127.0.0.1 too) with a free port, so clusters of tests side by side
# never meet and the system's cluster is never touched. Run as root (CI),
# the server runs as nobody: PostgreSQL refuses root. An EXIT trap, chained
# before any set earlier, stops it and removes its directory, whatever
# the test's outcome; pg_start prints its log when starting fails.
# pg_start copies a cluster made once per build tree (build/pg-template-*:
# initdb costs 1.5 s of CPU) and starts it: 0.3 s here (the first, 3 s).
#
# One cluster for a whole suite (tests/http/run): starting and stopping a
# cluster per test cost 4-7 s of wall each here (the copy, the start, the
# shutdown checkpoint's fsyncs), times every ASan/UBSan HTTP test.
#   pg_shared_start  (the suite's runner) pg_start, and exports
#                PRAXIS_SHARED_PG="SOCK PORT" for the tests it runs; the
#                runner's EXIT trap stops it as pg_start's does
#   pg_attach    (a test) uses that cluster when PRAXIS_SHARED_PG is set,
#                else pg_start: sets PG_SOCK and PG_PORT, not PG_DIR (a
#                test never stops a cluster it shares). Each test still has
#                databases of its own (tests/pg/praxis-on-pg names them
#                after the test's paths in its mktemp $TMP); its EXIT trap
#                drops them (WITH (FORCE): a server it left may still hold
#                one). A test that stops or kills PostgreSQL (t_ops's
#                outage) calls pg_start: a cluster of its own.

_PG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BIN=${PG_BIN:-$(pg_config --bindir 2>/dev/null)}
[ -x "$PG_BIN/initdb" ] || PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# _pg_as CMD...: runs CMD as the cluster's owner (nobody when we are root).
_pg_as() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$PG_DIR" && runuser -u nobody -- "$@")
	else
		"$@"
	fi
}

_pg_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_pg_cleanup() {
	_pg_drop_attached
	[ -n "${PG_DIR:-}" ] || return 0
	pg_replica_stop 2>/dev/null
	pg_stop 2>/dev/null || pg_kill
	rm -rf "$PG_DIR"
	PG_DIR=
}

_pg_server_start() {
	local listen="''"
	[ "${PG_TCP:-0}" = 1 ] && listen=127.0.0.1
	_pg_as "$PG_BIN/pg_ctl" start -w -t 30 -D "$PG_DIR/data" -l "$PG_DIR/log" -o \
		"-c listen_addresses=$listen -c unix_socket_directories=$PG_SOCK -p $PG_PORT -c fsync=on ${PG_OPTIONS:-}" \
		>/dev/null 2>"$PG_DIR/pg_ctl.err" || { cat "$PG_DIR/pg_ctl.err" "$PG_DIR/log" >&2; echo "pg_start: the server did not start" >&2; return 1; }
}

# _pg_template: a cluster made once per build tree (initdb, database praxis,
# stopped cleanly) in build/, which pg_start copies: initdb alone takes 1.5
# CPU seconds. Built under a lock: tests run side by side.
_pg_template() {
	local t
	t=$_PG_ROOT/build/pg-template-$(basename "$(dirname "$PG_BIN")")-$(id -u)
	PG_TEMPLATE=$t
	[ -f "$t/ok" ] && return 0
	mkdir -p "$_PG_ROOT/build"
	(
		flock 9
		[ -f "$t/ok" ] && exit 0
		rm -rf "$t"
		PG_DIR=$(mktemp -d "$t.XXXXXX")
		PG_SOCK=$PG_DIR/sock
		PG_PORT=$(_pg_free_port)
		mkdir "$PG_SOCK"
		[ "$(id -u)" = 0 ] && chown nobody: "$PG_DIR" "$PG_SOCK"
		_pg_as "$PG_BIN/initdb" -N --auth=trust -U praxis -E UTF8 --locale=C.UTF-8 -D "$PG_DIR/data" \
			>"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; rm -rf "$PG_DIR"; exit 1; }
		_pg_server_start || { rm -rf "$PG_DIR"; exit 1; }
		"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "postgresql://praxis@/postgres?host=$PG_SOCK&port=$PG_PORT" \
			-c 'CREATE DATABASE praxis' >/dev/null
		rc=$?
		pg_stop
		rm -rf "$PG_SOCK" "$PG_DIR/log" "$PG_DIR/initdb.log"
		[ $rc = 0 ] && touch "$PG_DIR/ok" && mv "$PG_DIR" "$t"
	) 9>"$t.lock"
}

# _pg_trap: _pg_cleanup on EXIT, chained before any trap set earlier (once)
_pg_trap() {
	[ -z "${_pg_trapped:-}" ] || return 0
	local prev
	eval "set -- $(trap -p EXIT)"
	prev=${3:-}
	trap "_pg_cleanup; $prev" EXIT
	_pg_trapped=1
}

pg_start() {
	[ -x "$PG_BIN/initdb" ] || { echo "pg_start: no PostgreSQL server (apt-get install postgresql)" >&2; return 1; }
	_pg_template || { echo "pg_start: cannot make the template cluster" >&2; return 1; }
	PG_DIR=$(mktemp -d /tmp/praxis-pg-XXXXXX)
	_pg_trap
	PG_SOCK=$PG_DIR/sock
	PG_PORT=$(_pg_free_port)
	mkdir "$PG_SOCK"
	cp -a "$PG_TEMPLATE/data" "$PG_DIR/data"
	[ "$(id -u)" = 0 ] && chown nobody: "$PG_DIR" "$PG_SOCK"
	_pg_server_start || return 1
	PRAXIS_PG_URI="postgresql://praxis@/praxis?host=$PG_SOCK&port=$PG_PORT"
	export PRAXIS_PG_URI PG_DIR PG_PORT PG_SOCK PG_BIN
}

pg_shared_start() {
	# max_connections: a suite's tests side by side, each with a server
	# or two, each server a handle per thread: more than the default 100.
	# fsync off: no test stops or kills this cluster (those that do have
	# their own, fsync on), and only a crash of the machine would show the
	# difference; with it on, each test's DROP DATABASE waited 2 s for
	# checkpoints' fsyncs here, and every commit for its WAL flush.
	PG_OPTIONS="-c max_connections=400 -c fsync=off" pg_start || return 1
	PRAXIS_SHARED_PG="$PG_SOCK $PG_PORT"
	export PRAXIS_SHARED_PG
	# the tests must not inherit PG_DIR: a test's cleanup stops the
	# cluster PG_DIR names
	export -n PRAXIS_PG_URI PG_DIR PG_PORT PG_SOCK
}

pg_attach() {
	[ -n "${PRAXIS_SHARED_PG:-}" ] || { pg_start; return; }
	read -r PG_SOCK PG_PORT <<<"$PRAXIS_SHARED_PG"
	PG_DIR= # not this test's to stop
	PG_ATTACHED_TMP=${TMP:?pg_attach: no \$TMP}
	_pg_trap
	export PG_SOCK PG_PORT PG_BIN
}

# _pg_drop_attached: drops the databases tests/pg/praxis-on-pg made for
# this test in the shared cluster (their names are the markers $TMP/pg-*)
_pg_drop_attached() {
	[ -n "${PG_ATTACHED_TMP:-}" ] || return 0
	local m drops=() # one -c each: DROP DATABASE refuses a transaction block
	for m in "$PG_ATTACHED_TMP"/pg-t_*; do
		[ -e "$m" ] && drops+=(-c "DROP DATABASE IF EXISTS ${m##*/pg-} WITH (FORCE)")
	done
	[ ${#drops[@]} = 0 ] || "$PG_BIN/psql" -X -q "postgresql://praxis@/postgres?host=$PG_SOCK&port=$PG_PORT" \
		"${drops[@]}" >/dev/null 2>&1
	PG_ATTACHED_TMP=
}

pg_running() {
	"$PG_BIN/pg_isready" -q -h "$PG_SOCK" -p "$PG_PORT"
}

pg_stop() {
	_pg_as "$PG_BIN/pg_ctl" status -D "$PG_DIR/data" >/dev/null || return 0
	_pg_as "$PG_BIN/pg_ctl" stop -w -t 30 -m fast -D "$PG_DIR/data" >/dev/null
}

pg_restart() {
	pg_stop && _pg_server_start
}

pg_kill() {
	local pid
	pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || return 0
	# the backends first: one left running would keep the shared memory
	# the next start needs
	kill -9 $(ps -o pid= --ppid "$pid") "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

pg_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PRAXIS_PG_URI" "$@"
}

pg_replica_start() {
	PG_REPLICA_PORT=$(_pg_free_port)
	_pg_as "$PG_BIN/pg_basebackup" -h "$PG_SOCK" -p "$PG_PORT" -U praxis -D "$PG_DIR/replica" -R -X stream \
		-c fast >"$PG_DIR/basebackup.log" 2>&1 || { cat "$PG_DIR/basebackup.log" >&2; echo "pg_replica_start: pg_basebackup failed" >&2; return 1; }
	pg_replica_restart || return 1
	PRAXIS_PG_REPLICA_URI="postgresql://praxis@/praxis?host=$PG_SOCK&port=$PG_REPLICA_PORT"
	export PRAXIS_PG_REPLICA_URI PG_REPLICA_PORT
}

# pg_replica_restart: starts the stopped replica again
pg_replica_restart() {
	_pg_as "$PG_BIN/pg_ctl" start -w -t 30 -D "$PG_DIR/replica" -l "$PG_DIR/replica.log" -o \
		"-c listen_addresses='' -c unix_socket_directories=$PG_SOCK -p $PG_REPLICA_PORT -c fsync=on -c hot_standby=on" \
		>/dev/null 2>"$PG_DIR/pg_ctl.err" || { cat "$PG_DIR/pg_ctl.err" "$PG_DIR/replica.log" >&2; echo "pg_replica_start: the replica did not start" >&2; return 1; }
}

pg_replica_stop() {
	[ -d "${PG_DIR:-}/replica" ] || return 0
	_pg_as "$PG_BIN/pg_ctl" status -D "$PG_DIR/replica" >/dev/null || return 0
	_pg_as "$PG_BIN/pg_ctl" stop -w -t 30 -m fast -D "$PG_DIR/replica" >/dev/null
}

pg_replica_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PRAXIS_PG_REPLICA_URI" "$@"
}
