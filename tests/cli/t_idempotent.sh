# Ingesting the same files again changes nothing: every node is reported
# unchanged, keeps its nid, and no revision is added.
. tests/cli/lib.sh

db=$TMP/db
# A listing whose entries have no Ref nid (so nids come from identity),
# including two teasers with the same title and author, and two practices
# with the same short name.
cat >"$TMP/a.txt" <<'TXT'
Good practices

• TWIN

    Portugal
    Porto

    Shared kitchens in social housing

    • Food
    Copy linkFacebookXLinkedInEmail
    237 591

    Summary

    Kitchens are shared.

• TWIN

    Portugal
    Lisbon

    Shared kitchens in schools

    • Food
    • Education
    Copy linkFacebookXLinkedInEmail

    The impact and results

    Fewer meals are thrown away.
    Pupils cook.

• Weekly digest

    Three cities joined the network this week.

    Editorial team
    See more
• Weekly digest

    Two more cities joined.

    Editorial team
    See more
Subscribe to
TXT
cat >"$TMP/b.jsonl" <<'TXT'
{"nid": 40, "type": "article", "title": "With an id", "author": "Ana", "language": "pt", "body": "Uma linha\nOutra linha"}
{"type": "article", "title": "Without an id", "author": null, "language": "en", "body": "Text"}
TXT

stats_totals() { # prints the four totals lines of stats
	expect_status 0 "$PRAXIS" stats --db "$db"
	head -4 "$TMP/out"
}

expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt "$TMP/a.txt" "$TMP/b.jsonl"
expect_grep "$TMP/out" "^data/sample/listing\.txt: 10 nodes \(10 added, 0 updated, 0 unchanged\)$"
expect_grep "$TMP/out" "a\.txt: 4 nodes \(4 added, 0 updated, 0 unchanged\)$"
expect_grep "$TMP/out" "b\.jsonl: 2 nodes \(2 added, 0 updated, 0 unchanged\)$"
expect_status 0 "$PRAXIS" export --db "$db"
cp "$TMP/out" "$TMP/export1"
stats_totals >"$TMP/stats1"
grep -q '^nodes      16$' "$TMP/stats1" || fail "16 nodes expected: $(cat "$TMP/stats1")"
grep -q '^revisions  16$' "$TMP/stats1" || fail "16 revisions expected: $(cat "$TMP/stats1")"
# the twins and the two digests got distinct nids
n=$(python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; print(len({x["nid"] for x in r}))' "$TMP/export1")
[ "$n" -eq 16 ] || fail "16 distinct nids expected, got $n"

for round in 2 3; do
	expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt "$TMP/a.txt" "$TMP/b.jsonl"
	expect_grep "$TMP/out" "^data/sample/listing\.txt: 10 nodes \(0 added, 0 updated, 10 unchanged\)$"
	expect_grep "$TMP/out" "a\.txt: 4 nodes \(0 added, 0 updated, 4 unchanged\)$"
	expect_grep "$TMP/out" "b\.jsonl: 2 nodes \(0 added, 0 updated, 2 unchanged\)$"
	expect_status 0 "$PRAXIS" export --db "$db"
	cmp -s "$TMP/out" "$TMP/export1" || { diff "$TMP/export1" "$TMP/out" >&2; fail "export changed in round $round"; }
	stats_totals >"$TMP/stats$round"
	grep -q '^nodes      16$' "$TMP/stats$round" || fail "round $round: $(cat "$TMP/stats$round")"
	grep -q '^revisions  16$' "$TMP/stats$round" || fail "round $round: $(cat "$TMP/stats$round")"
	grep -q "^batches    $((3 * round))\$" "$TMP/stats$round" || fail "round $round: $(cat "$TMP/stats$round")"
	grep "^max nid" "$TMP/stats1" | cmp -s - <(grep "^max nid" "$TMP/stats$round") || fail "max nid moved"
done

# files in another order, one at a time: still nothing new
for f in "$TMP/b.jsonl" "$TMP/a.txt" data/sample/listing.txt; do
	expect_status 0 "$PRAXIS" ingest --db "$db" "$f"
	expect_grep "$TMP/out" " \(0 added, 0 updated, [0-9]+ unchanged\)$"
done
expect_status 0 "$PRAXIS" export --db "$db"
cmp -s "$TMP/out" "$TMP/export1" || fail "export changed after ingesting in another order"

# --quiet prints nothing on success
expect_status 0 "$PRAXIS" ingest --quiet --db "$db" "$TMP/a.txt"
[ ! -s "$TMP/out" ] || fail "--quiet printed: $(cat "$TMP/out")"
exit 0
