# The largest nid is 2^53-1 (NODE_NID_MAX: the largest integer every JSON
# reader holds exactly). A node with that nid is accepted; a larger one is
# rejected at its line; a node without a nid can then get none above it, and
# its file is refused cleanly (exit 1, a message, nothing stored) - never by
# overflowing the nid counter (the ASan/UBSan run checks that).
. tests/cli/lib.sh

db=$TMP/db
max=9007199254740991
printf '{"nid": %s, "type": "article", "title": "Last", "author": "L", "language": "en", "body": "b"}\n' $max >"$TMP/max.jsonl"
printf '%s\n' '{"type": "article", "title": "No nid", "author": "N", "language": "en", "body": "b"}' >"$TMP/nonid.jsonl"
cat "$TMP/max.jsonl" "$TMP/nonid.jsonl" >"$TMP/both.jsonl"

# nids above the limit are not nids: rejected at their line
for big in 9007199254740992 9223372036854775807 9223372036854775808; do
	{ echo '{"nid": 1, "type": "article", "title": "One"}'; printf '{"nid": %s, "type": "article", "title": "Too far"}\n' $big; } >"$TMP/over.jsonl"
	expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/over.jsonl"
	expect_grep "$TMP/err" "over\.jsonl:2: "
done
printf '%s\n' '• FAR' '' '    Spain' '    Bilbao' '' '    Sub' '' '    • Jobs' '    Copy linkFacebookXLinkedInEmail' \
	'' '    Ref nid' '    9007199254740992' >"$TMP/over.txt"
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/over.txt"
expect_grep "$TMP/err" "over\.txt:12: "

# the largest nid and a nid-less node in one file: refused, nothing stored
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/both.jsonl"
expect_grep "$TMP/err" "both\.jsonl: .*no nid is left"
expect_status 0 "$PRAXIS" stats --db "$db"
expect_grep "$TMP/out" '^nodes      0$'
expect_grep "$TMP/out" '^batches    0$'

# the largest nid alone is fine; a nid-less node after it is refused
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/max.jsonl"
expect_status 0 "$PRAXIS" show --db "$db" $max
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/nonid.jsonl"
expect_grep "$TMP/err" "nonid\.jsonl: .*no nid is left"
expect_status 0 "$PRAXIS" stats --db "$db"
expect_grep "$TMP/out" '^nodes      1$'
expect_grep "$TMP/out" '^revisions  1$'
expect_grep "$TMP/out" "^max nid    $max\$"
# while a file whose nodes all have nids still goes in
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/max.jsonl"
expect_grep "$TMP/out" '1 unchanged'
exit 0
