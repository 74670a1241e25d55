# praxis search from the command line: the JSON object's shape, filters,
# paging, and usage errors. (Ranking quality is t_relevance's job.)
. tests/cli/lib.sh
db=$TMP/p.db
expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt

expect_status 0 "$PRAXIS" search --db "$db" --json --limit 2 social
python3 - "$TMP/out" <<'PY' || fail "search --json shape"
import json, sys
o = json.load(open(sys.argv[1]))
assert list(o) == ["total", "hits", "facets", "places", "did_you_mean", "translated", "left_out", "partial", "work"], list(o)
assert o["partial"] is False and 0 <= o["work"] <= 4000000, o
assert o["total"] >= 2 and len(o["hits"]) == 2, o
for h in o["hits"]:
    assert list(h) == ["nid", "type", "title", "score", "snippet", "language"], list(h)
    assert "<mark>" in h["snippet"], h
assert list(o["facets"]) == ["type", "themes", "labels", "country", "city", "city_size", "language"]
assert sum(o["facets"]["type"].values()) == o["total"], o["facets"]  # the whole result set
# the map's counts: the result's practices per place key, each practice once
assert sum(o["places"].values()) == o["facets"]["type"].get("practice", 0), o["places"]
assert all(k[2] == ":" for k in o["places"]), o["places"]
assert o["did_you_mean"] is None and isinstance(o["translated"], list)
PY

# a Spanish word finds English practices through the dictionaries, and says so
expect_status 0 "$PRAXIS" search --db "$db" --json pobreza
python3 - "$TMP/out" <<'PY' || fail "cross-lingual search"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["total"] >= 1 and all(h["language"] == "en" for h in o["hits"]), o
assert "pobreza \u2192 poverty" in o["translated"], o["translated"]
assert "<mark>" in o["hits"][0]["snippet"], o["hits"][0]
assert o["left_out"] == [], o["left_out"]
PY

# a word nothing matches, even translated or corrected, is left out of a
# query its other words answer, and said so; alone, it still finds nothing
expect_status 0 "$PRAXIS" search --db "$db" --json "pobreza qxzwvkj "
python3 - "$TMP/out" <<'PY' || fail "a word nothing matches is left out"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["total"] >= 1 and o["left_out"] == ["qxzwvkj"], o
PY
expect_status 0 "$PRAXIS" search --db "$db" --json "qxzwvkj "
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["total"] == 0 and o["left_out"] == [], o' \
	"$TMP/out" || fail "a word alone is never left out"

# filters: same field ORs, different fields AND; unknown values are refused
expect_status 0 "$PRAXIS" search --db "$db" --json --filter country=Spain --filter country=Italy ""
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["total"] == 3, o' "$TMP/out" ||
	fail "country OR"
expect_status 0 "$PRAXIS" search --db "$db" --json --filter country=spain --filter type=article ""
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["total"] == 0, o' "$TMP/out" ||
	fail "country AND type"
expect_status 2 "$PRAXIS" search --db "$db" --filter country=Atlantis housing
expect_grep "$TMP/err" 'no country is called "Atlantis"'
expect_status 2 "$PRAXIS" search --db "$db" --filter colour=red housing
expect_grep "$TMP/err" "invalid value 'colour=red' for --filter"
expect_status 2 "$PRAXIS" search --db "$db" --limit 0 housing
expect_status 2 "$PRAXIS" search --db "$db" --offset -1 housing

# paging: offset past the end gives no hits but the same total
expect_status 0 "$PRAXIS" search --db "$db" --json --offset 100 the
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["total"] > 0 and o["hits"] == [], o' \
	"$TMP/out" || fail "offset past the end"

# a misspelt word: found anyway, with a suggestion; the table form shows it
expect_status 0 "$PRAXIS" search --db "$db" "neighbourhod councils"
expect_grep "$TMP/out" "did you mean: neighbourhood councils"
expect_grep "$TMP/out" "Neighbourhood Councils of Agen"

# text that is not valid UTF-8 is refused, not searched
expect_status 2 "$PRAXIS" search --db "$db" "$(printf 'caf\xe9')"

# similar: the nodes most like one, never itself; a practice about basic
# income and poverty is closest to the other practice about poverty
expect_status 0 "$PRAXIS" similar --db "$db" --json --limit 3 17064
python3 - "$TMP/out" <<'PY' || fail "similar --json"
import json, sys
o = json.load(open(sys.argv[1]))
assert list(o) == ["nid", "total", "hits"] and o["nid"] == 17064, o
assert 1 <= len(o["hits"]) <= 3 and all(h["nid"] != 17064 for h in o["hits"]), o
assert o["hits"][0]["nid"] == 17063, o  # CO-CITY shares the Poverty theme and its words
scores = [h["score"] for h in o["hits"]]
assert scores == sorted(scores, reverse=True), scores
PY
expect_status 1 "$PRAXIS" similar --db "$db" 99999
expect_grep "$TMP/err" "no node 99999"
expect_status 2 "$PRAXIS" similar --db "$db" abc
