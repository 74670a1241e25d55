# The PostgreSQL driver (store/db_pg.c) against a real server: a throwaway
# cluster (tests/pg/lib.sh) and the driver's unit tests, which skip their
# server half without one, run against it with the build under test's
# flavour (plain or ASan/UBSan): types, the translator's SQL on the
# server, the write lock between two connections, LISTEN/NOTIFY, and an
# outage (the cluster stopped, killed, started again).
. tests/cli/lib.sh
. tests/pg/lib.sh

unit=build/unit/store/test_db_pg
[ "${PRAXIS_FLAVOUR:-plain}" = asan ] && unit=build/unit-asan/store/test_db_pg
# up to date under make test (cli-test depends on it): then a no-op
make -s "$unit" >"$TMP/make.log" 2>&1 || { cat "$TMP/make.log" >&2; fail "cannot build $unit"; }

start=$(date +%s.%N)
pg_start || fail "cannot start a PostgreSQL cluster"
echo "t_db_pg: pg_start took $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s"

PRAXIS_PG_LIB=$PWD/tests/pg/lib.sh timeout 300 "$unit" >"$TMP/unit.log" 2>&1 ||
	{ cat "$TMP/unit.log" >&2; cat "$PG_DIR/log" >&2; fail "$unit failed against PostgreSQL"; }
grep -q 'SKIPPED' "$TMP/unit.log" && { cat "$TMP/unit.log" >&2; fail "$unit skipped tests with a server"; }
grep '^db_pg:' "$TMP/unit.log"
echo "t_db_pg: ok"
