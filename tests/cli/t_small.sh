# The smaller findings of issue 11 (item 11) on the command line: a listing
# with CR-only line ends reads as with LF; a JSON array is named as such.
. tests/cli/lib.sh

# CR-only line ends (old Mac files): the same nodes as the LF listing, not
# one article whose title is the whole file
tr '\n' '\r' <data/sample/listing.txt >"$TMP/cr.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/cr.db" "$TMP/cr.txt"
expect_grep "$TMP/out" 'cr\.txt: 10 nodes \(10 added'
expect_status 0 "$PRAXIS" ingest --db "$TMP/lf.db" data/sample/listing.txt
"$PRAXIS" export --db "$TMP/cr.db" >"$TMP/cr.jsonl" || fail "export cr"
"$PRAXIS" export --db "$TMP/lf.db" >"$TMP/lf.jsonl" || fail "export lf"
cmp -s "$TMP/cr.jsonl" "$TMP/lf.jsonl" || fail "the CR-only listing reads differently from the LF one"
# mixed CRLF and CR read the same too
sed 's/$/\r/' data/sample/listing.txt >"$TMP/crlf.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/crlf.db" "$TMP/crlf.txt"
"$PRAXIS" export --db "$TMP/crlf.db" >"$TMP/crlf.jsonl" || fail "export crlf"
cmp -s "$TMP/crlf.jsonl" "$TMP/lf.jsonl" || fail "the CRLF listing reads differently"

# a JSON array: said so, at the line of its "["
printf '\n  [\n  {"type": "article", "title": "A", "author": "B", "language": "en", "body": "c"}\n]\n' >"$TMP/arr.json"
expect_status 1 "$PRAXIS" ingest --db "$TMP/x.db" "$TMP/arr.json"
expect_grep "$TMP/err" "arr\.json:2: JSON arrays are not read: give JSON Lines, one object per line"
printf '[]' >"$TMP/empty.json"
expect_status 1 "$PRAXIS" ingest --db "$TMP/x.db" "$TMP/empty.json"
expect_grep "$TMP/err" "empty\.json:1: JSON arrays are not read"
exit 0
