# Every city a hub names is placed (issue 12, "Cities"): the sample, the
# listings of tests/data/listings and the transfer hub, ingested into one
# store, name cities as practices' places, partners, adopters and
# networks' lead partners and partners, in several languages and by their
# exonyms. Each is placed, by a city record going by that name or by the
# gazetteer: `praxis stats` lists none it could not place. One city by any
# spelling is one page: tests/http/t_city.sh.
. tests/cli/lib.sh

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/listings/*.txt \
	tests/data/transfer/atlas.jsonl
expect_status 0 "$PRAXIS" stats --db "$TMP/db"
sed -n '/^unplaced cities$/,$p' "$TMP/out" >"$TMP/unplaced"
[ "$(head -1 "$TMP/unplaced")" = "unplaced cities" ] || fail "stats has no list of unplaced cities"
[ "$(wc -l <"$TMP/unplaced")" = 1 ] || { cat "$TMP/unplaced" >&2; fail "cities not placed (above)"; }

# ...and a city nobody can place is named there, the practice kept
printf '%s\n' '{"type": "practice", "title": "P", "country": "Spain", "city": "Poseidonia Ultima", "language": "en",' \
	' "adopters": [{"city": "Atlantis Minor", "country": "Greece", "year": 2020}]}' | tr -d '\n' >"$TMP/nowhere.jsonl"
echo >>"$TMP/nowhere.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/nowhere.jsonl"
expect_status 0 "$PRAXIS" stats --db "$TMP/db"
expect_grep "$TMP/out" '^  Poseidonia Ultima, Spain +1$'
expect_grep "$TMP/out" '^  Atlantis Minor, Greece +1$'
exit 0
