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
undated "$TMP/cr.jsonl"
undated "$TMP/lf.jsonl"
cmp -s "$TMP/cr.jsonl" "$TMP/lf.jsonl" || fail "the CR-only listing reads differently from the LF one"
# mixed CRLF and CR read the same too
sed 's/$/\r/' data/sample/listing.txt >"$TMP/crlf.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/crlf.db" "$TMP/crlf.txt"
"$PRAXIS" export --db "$TMP/crlf.db" >"$TMP/crlf.jsonl" || fail "export crlf"
undated "$TMP/crlf.jsonl"
cmp -s "$TMP/crlf.jsonl" "$TMP/lf.jsonl" || fail "the CRLF listing reads differently"

# a JSON array: said so, at the line of its "["
printf '\n  [\n  {"type": "article", "title": "A", "author": "B", "language": "en", "body": "c"}\n]\n' >"$TMP/arr.json"
expect_status 1 "$PRAXIS" ingest --db "$TMP/x.db" "$TMP/arr.json"
expect_grep "$TMP/err" "arr\.json:2: JSON arrays are not read: give JSON Lines, one object per line"
printf '[]' >"$TMP/empty.json"
expect_status 1 "$PRAXIS" ingest --db "$TMP/x.db" "$TMP/empty.json"
expect_grep "$TMP/err" "empty\.json:1: JSON arrays are not read"

# a language code that is two letters but no language (ISO 639-1, as ICU
# lists it): refused at its line, nothing stored; real codes pass
printf '%s\n' '{"type": "article", "title": "Fine", "author": "B", "language": "fr", "body": "c"}' \
	'{"type": "article", "title": "Made up", "author": "B", "language": "xx", "body": "c"}' >"$TMP/xx.jsonl"
expect_status 1 "$PRAXIS" ingest --db "$TMP/lang.db" "$TMP/xx.jsonl"
expect_grep "$TMP/err" '^'"$TMP"'/xx\.jsonl:2: unknown language "xx" \(an ISO 639-1 code such as en, fr\)$'
expect_status 0 "$PRAXIS" stats --db "$TMP/lang.db"
expect_grep "$TMP/out" '^nodes      0$'
for code in en de el es fr it nl pl pt sv fi cs da hu ga hr lt sk sl bg zh ja; do
	printf '{"type": "article", "title": "In %s", "author": "B", "language": "%s", "body": "c"}\n' "$code" "$code"
done >"$TMP/real.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/lang.db" "$TMP/real.jsonl"
for code in zz qq EN e1; do
	printf '{"type": "article", "title": "A", "author": "B", "language": "%s", "body": "c"}\n' "$code" >"$TMP/bad.jsonl"
	expect_status 1 "$PRAXIS" ingest --db "$TMP/lang.db" "$TMP/bad.jsonl"
	expect_grep "$TMP/err" 'bad\.jsonl:1: (unknown language|"language" must be a two-letter ISO 639-1 code)'
done
exit 0
