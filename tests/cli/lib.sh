# Helpers for the CLI tests (sourced). $PRAXIS is the binary under test; each
# test gets a fresh $TMP, removed on exit. A failed check exits 1 with what
# was expected and what came.
set -u
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
unset PRAXIS_DB
# The schema version this build writes (src/store/store.h), for the tests
# that check a store was migrated.
SCHEMA_VERSION=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../../src/store/store.h")

# The sqlite3 shell a test reads or changes a store with waits for a lock,
# as praxis does, instead of failing at once ("database is locked") when a
# server, its mailer or a command writes at that moment.
sqlite3() { command sqlite3 -cmd '.timeout 10000' "$@"; }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_status N CMD...: runs CMD, fails unless it exits with N.
# Its stdout/stderr are left in $TMP/out and $TMP/err.
expect_status() {
	local want=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	[ "$got" -eq "$want" ] || {
		cat "$TMP/err" >&2
		fail "'$*' exited $got, expected $want"
	}
	# a sanitizer report is a failure whatever the status
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/err" ||
		{ cat "$TMP/err" >&2; fail "sanitizer report from '$*'"; }
}

# expect_grep FILE PATTERN: fails unless FILE has a line matching PATTERN (ERE).
expect_grep() {
	grep -qE -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "no line matching '$2' in $1"; }
}

# json_same A B: A and B hold the same JSON Lines records, compared as JSON.
json_same() {
	python3 - "$1" "$2" <<'PY' || fail "$1 and $2 differ"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
if a != b:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print("record", i, "differs:\n ", x, "\n ", y, file=sys.stderr)
            break
    print(len(a), "vs", len(b), "records", file=sys.stderr)
    sys.exit(1)
PY
}

# Removes the dates (created, changed) from every line of an export in
# place: two ingests of the same file differ in nothing else.
undated() {
	python3 - "$1" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for o in lines:
        o.pop("created", None)
        o.pop("changed", None)
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
PY
}

# once_against plain|asan WHY: a test whose checks do not depend on the
# build runs against that one only (tests/run-suite runs every test against
# both and takes a "skipped:" line and exit 77 for the other). Both builds
# compile the same sources: pages, rankings and access rules come out the
# same, so a second run checks nothing new. WHY says so in the log. Run by
# hand (no $PRAXIS_FLAVOUR), the test runs against $PRAXIS.
once_against() {
	[ -z "${PRAXIS_FLAVOUR:-}" ] || [ "$PRAXIS_FLAVOUR" = "$1" ] || { echo "skipped: $2"; exit 77; }
}
