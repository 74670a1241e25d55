# The judged match set (tests/data/match, issue 14 "Relevance") holds
# together: its generator writes the committed files again byte for byte;
# the hub ingests, every city it names is placed, and ingesting it again
# changes nothing; its export gives back every practice with its city,
# country, population and language; and every judged nid of queries.jsonl
# is a practice of the query's need, each query with distractors on both
# sides (check.py). The match engine itself is scored by
# t_match_relevance.sh.
. tests/cli/lib.sh
once_against plain "the judged set's data checks do not depend on the build"

set=tests/data/match
records=$(grep -c . "$set/hub.jsonl")

python3 "$set/make_hub.py" "$TMP" >/dev/null || fail "make_hub.py failed"
for f in hub.jsonl indicators.jsonl needs.tsv; do
	cmp -s "$TMP/$f" "$set/$f" || fail "$set/$f is not what make_hub.py writes (run it and commit)"
done

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$set/hub.jsonl"
expect_grep "$TMP/out" "hub\.jsonl: $records nodes \($records added, 0 updated, 0 unchanged\)$"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$set/hub.jsonl"
expect_grep "$TMP/out" "hub\.jsonl: $records nodes \(0 added, 0 updated, $records unchanged\)$"
expect_status 0 "$PRAXIS" stats --db "$TMP/db"
sed -n '/^unplaced cities$/,$p' "$TMP/out" >"$TMP/unplaced"
[ "$(wc -l <"$TMP/unplaced")" = 1 ] || { cat "$TMP/unplaced" >&2; fail "cities of the match hub not placed (above)"; }

expect_status 0 "$PRAXIS" export --db "$TMP/db" --format jsonl
mv "$TMP/out" "$TMP/export.jsonl"
python3 "$set/check.py" "$TMP/export.jsonl" >"$TMP/check" 2>&1 || { cat "$TMP/check" >&2; fail "check.py found problems"; }
expect_grep "$TMP/check" '^[0-9]+ queries in [0-9]+ languages'
exit 0
