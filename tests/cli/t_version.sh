# praxis version and --version: the build's version (the release's VERSION
# file, else git describe) and one "NAME VERSION" line per library, the
# versions asked of the libraries at run time.
. tests/cli/lib.sh

expect_status 0 "$PRAXIS" version
cp "$TMP/out" "$TMP/version"
expect_status 0 "$PRAXIS" --version
cmp -s "$TMP/out" "$TMP/version" || fail "--version and version differ"
[ ! -s "$TMP/err" ] || fail "version wrote to stderr: $(cat "$TMP/err")"

# Shape: the praxis line first, then a library per line, each once.
head -n 1 "$TMP/version" | grep -qE '^praxis [A-Za-z0-9._+~-]+$' ||
	fail "first line is not 'praxis VERSION': $(head -n 1 "$TMP/version")"
for lib in SQLite libmicrohttpd utf8proc cmark libsodium ICU libcurl zlib Jansson CRoaring libexttextcat; do
	[ "$(grep -c "^$lib [0-9]" "$TMP/version")" = 1 ] || fail "no single '$lib VERSION' line in: $(cat "$TMP/version")"
done
bad=$(sed 1d "$TMP/version" | grep -vE '^[A-Za-z0-9]+ [0-9][^ ]*( .*)?$') && fail "lines not 'NAME VERSION': $bad"

# The version: the tarball's VERSION, or the commit the build was made at
# (git describe less -dirty: a file edited since changes only that).
want=$(cat VERSION 2>/dev/null || git describe --tags --always 2>/dev/null)
if [ -n "$want" ]; then
	got=$(head -n 1 "$TMP/version" | cut -d' ' -f2)
	[ "${got%-dirty}" = "$want" ] || fail "version $got, expected $want"
fi

# SQLite as the library loaded says, which the sqlite3 shell (same library
# on Debian) reports too.
if command -v sqlite3 >/dev/null; then
	shell=$(command sqlite3 --version | cut -d' ' -f1)
	expect_grep "$TMP/version" "^SQLite $shell\$"
fi

# Bad input: an operand or an unknown option is a usage error.
expect_status 2 "$PRAXIS" version extra
expect_grep "$TMP/err" "unexpected argument 'extra'"
expect_status 2 "$PRAXIS" version --frob
expect_grep "$TMP/err" "unknown option '--frob'"
expect_status 0 "$PRAXIS" help
expect_grep "$TMP/out" '^  version '
echo "t_version: ok"
