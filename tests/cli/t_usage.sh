# Exit statuses of the command line: 2 for usage errors (with the usage on
# stderr), 0 for --help (usage on stdout), 1 for a refused operation; the
# store is --db, else $PRAXIS_DB.
. tests/cli/lib.sh
once_against asan "the same usage errors from both builds: once, against the ASan/UBSan build, which also checks memory on each"

db=$TMP/db
printf '%s\n' '{"nid": 5, "type": "article", "title": "Five", "author": "F", "language": "en", "body": "b"}' >"$TMP/five.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/five.jsonl"

usage_error() { # CMD...: exits 2, says what is wrong and prints a usage line on stderr
	expect_status 2 "$@"
	expect_grep "$TMP/err" '^praxis: '
	expect_grep "$TMP/err" 'usage: praxis'
	[ ! -s "$TMP/out" ] || fail "'$*' wrote to stdout: $(head -3 "$TMP/out")"
}

expect_status 2 "$PRAXIS" # no command: the usage
expect_grep "$TMP/err" '^usage: praxis COMMAND'
usage_error "$PRAXIS" frobnicate
expect_grep "$TMP/err" "unknown command 'frobnicate'"
usage_error "$PRAXIS" --db "$db" stats # options come after the command
for cmd in ingest export show list stats; do
	usage_error "$PRAXIS" "$cmd" --db "$db" --no-such-option
	expect_grep "$TMP/err" "'--no-such-option'"
	usage_error "$PRAXIS" "$cmd" -Z
	usage_error "$PRAXIS" "$cmd" --db # --db without its value
	expect_grep "$TMP/err" -- '--db needs a value'
done
usage_error "$PRAXIS" ingest --db "$db" # missing operand
usage_error "$PRAXIS" show --db "$db"
usage_error "$PRAXIS" show --db "$db" 5 6
usage_error "$PRAXIS" show --db "$db" abc
expect_grep "$TMP/err" "'abc' is not a nid"
for nid in 0 -1 5x ' 5' 99999999999999999999; do
	usage_error "$PRAXIS" show --db "$db" -- "$nid"
done
usage_error "$PRAXIS" export --db "$db" extra
usage_error "$PRAXIS" list --db "$db" extra
usage_error "$PRAXIS" stats --db "$db" extra
usage_error "$PRAXIS" export --db "$db" --format xml
usage_error "$PRAXIS" list --db "$db" --type event
usage_error "$PRAXIS" list --db "$db" --limit many
# a usage error touches no store
usage_error "$PRAXIS" show --db "$TMP/never.db" abc
[ ! -e "$TMP/never.db" ] || fail "a usage error created the store"

# --help: exit 0, usage on stdout, nothing on stderr
for args in --help -h help; do
	expect_status 0 "$PRAXIS" $args
	expect_grep "$TMP/out" '^usage: praxis COMMAND'
done
for cmd in ingest export show list stats; do
	expect_status 0 "$PRAXIS" "$cmd" --help
	expect_grep "$TMP/out" "^usage: praxis $cmd "
	[ ! -s "$TMP/err" ] || fail "$cmd --help wrote to stderr"
	expect_status 0 "$PRAXIS" "$cmd" --db "$db" --help
	expect_grep "$TMP/out" "^usage: praxis $cmd "
	expect_grep "$TMP/out" -- '--db PATH'
done

# show: a nid that is not there is refused (1), one that is there is shown
expect_status 1 "$PRAXIS" show --db "$db" 999999
expect_grep "$TMP/err" 'no node 999999'
expect_status 0 "$PRAXIS" show --db "$db" 5
expect_grep "$TMP/out" '^Five$'
expect_status 0 "$PRAXIS" show --db "$db" --json 5
expect_grep "$TMP/out" '"nid": 5'
expect_status 0 "$PRAXIS" list --db "$db" --type article --limit 1
expect_grep "$TMP/out" '^ +5  article +en  Five'

# a store that cannot be opened: 1, with the path in the message
expect_status 1 "$PRAXIS" stats --db "$TMP/no/such/dir/x.db"
expect_grep "$TMP/err" "no/such/dir/x\.db"
printf 'not a database, just text\n%.0s' $(seq 200) >"$TMP/text.db"
expect_status 1 "$PRAXIS" export --db "$TMP/text.db"
expect_grep "$TMP/err" "text\.db"

# an output that cannot be written is an error, not a silent short export
if [ -w /dev/full ]; then
	"$PRAXIS" export --db "$db" >/dev/full 2>"$TMP/err" && fail "export to a full disk exited 0"
	expect_grep "$TMP/err" 'cannot write'
fi

# PRAXIS_DB is the store when --db is not given; --db wins over it
printf '%s\n' '{"nid": 7, "type": "article", "title": "Seven", "author": "S", "language": "en", "body": "b"}' >"$TMP/seven.jsonl"
export PRAXIS_DB=$TMP/env.db
expect_status 0 "$PRAXIS" ingest "$TMP/seven.jsonl"
[ -f "$TMP/env.db" ] || fail "PRAXIS_DB was not used"
expect_status 0 "$PRAXIS" show 7
expect_status 1 "$PRAXIS" show 5
expect_status 0 "$PRAXIS" show --db "$db" 5
expect_status 1 "$PRAXIS" show --db "$db" 7
expect_status 0 "$PRAXIS" export --db "$db"
expect_grep "$TMP/out" '"title": "Five"'
grep -q Seven "$TMP/out" && fail "--db did not win over PRAXIS_DB"
expect_status 0 "$PRAXIS" stats
expect_grep "$TMP/out" '^nodes      1$'
expect_grep "$TMP/out" '^max nid    7$'
unset PRAXIS_DB

# without either, the store is var/praxis.db under the working directory
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$PRAXIS" ingest --quiet "$TMP/seven.jsonl") >"$TMP/out" 2>"$TMP/err" ||
	{ cat "$TMP/err" >&2; fail "ingest into the default store"; }
[ -f "$TMP/cwd/var/praxis.db" ] || fail "the default store is not var/praxis.db"

# the message for a bad option value names the option it belongs to (not
# "bad option 'xml'": xml is no option)
expect_status 2 "$PRAXIS" export --db "$db" --format xml
expect_grep "$TMP/err" "^praxis: .*--format"
expect_status 2 "$PRAXIS" list --db "$db" --limit many
expect_grep "$TMP/err" "^praxis: .*--limit"

# An empty store path is a usage error for every command (SQLite would take
# "" for a temporary database and throw the writes away: "1 added", lost).
for cmd in ingest export show list stats search similar serve backup restore user translate; do
	usage_error "$PRAXIS" "$cmd" --db "" "$TMP/five.jsonl"
	expect_grep "$TMP/err" 'store path is empty'
	usage_error "$PRAXIS" "$cmd" --db= "$TMP/five.jsonl"
	expect_grep "$TMP/err" 'store path is empty'
	usage_error env PRAXIS_DB= "$PRAXIS" "$cmd" "$TMP/five.jsonl"
	expect_grep "$TMP/err" 'store path is empty'
done
usage_error "$PRAXIS" user add --db "" --role admin ana
expect_grep "$TMP/err" 'store path is empty'

# translate: its operands, its language code and its time limit
usage_error "$PRAXIS" translate --db "$db" 1
expect_grep "$TMP/err" '^praxis: translate needs a NID and a LANG'
usage_error "$PRAXIS" translate --db "$db" one es
expect_grep "$TMP/err" "^praxis: 'one' is not a nid"
usage_error "$PRAXIS" translate --db "$db" 1 spanish
expect_grep "$TMP/err" "^praxis: 'spanish' is not a language code"
usage_error "$PRAXIS" translate --pairs 1
usage_error env PRAXIS_MT_TIMEOUT=0 "$PRAXIS" translate --pairs
expect_grep "$TMP/err" 'PRAXIS_MT_TIMEOUT must be a number of seconds from 1 to 600'
expect_status 1 "$PRAXIS" translate --db "$db" 999999 es
expect_grep "$TMP/err" '^praxis translate: no node 999999'

exit 0
