# praxis match (issue 14): practices ranked for a city and a need, each
# with why. On tests/data/matchdemo/hub.jsonl: Porto (a hub city) asking for
# affordable housing gets Braga's practice (a city of its size, 46 km
# away, adopted by cities of its size, with impact figures) before Vienna's (a metropolis); the
# need in Portuguese reaches practices in other languages; the reader's
# city from the hub, from the gazetteer (Aveiro: no city record), or a
# population alone; --json is the API's object; themes alone list their
# practices; an unknown city names close ones; a population <= 0, no
# country, an unknown country are usage errors.
. tests/cli/lib.sh

hub=tests/data/matchdemo/hub.jsonl
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$hub"

expect_status 0 "$PRAXIS" match --db "$TMP/db" --city Porto --country Portugal affordable housing
expect_grep "$TMP/out" '^Porto, PT \(population 231800, from the hub\)'
expect_grep "$TMP/out" '^ +- a city of 193,300, like yours \(231,800\)$'
expect_grep "$TMP/out" '^ +- adopted by 2 cities of your size$'
expect_grep "$TMP/out" '^ +- 46 km away$'
expect_grep "$TMP/out" '^ +- matches: affordable, housing$'
expect_grep "$TMP/out" '^ +- has impact figures$' # Braga's indicators

# --json: the API's object; Braga's practice above Vienna's, Hamburg's
# green roofs (another need) nowhere
expect_status 0 "$PRAXIS" match --db "$TMP/db" --city Porto --country Portugal --json --limit 20 affordable housing
python3 - "$TMP/out" <<'PY' || fail "praxis match --json (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = d["city"]
assert c == {"name": "Porto", "country": "Portugal", "country_code": "PT", "population": 231800,
             "lat": 41.1579, "lon": -8.6291, "source": "hub"}, c
nids = [h["nid"] for h in d["hits"]]
assert 5101 in nids and 5102 in nids and nids.index(5101) < nids.index(5102), nids
assert 5105 not in nids, "green roofs match affordable housing"
for h in d["hits"]:
    assert set(h) == {"nid", "title", "city", "country", "score", "components", "why"}, h.keys()
    assert set(h["components"]) == {"text", "size", "place", "language", "transfer", "evidence"}
    assert all(0 <= v <= 1 for v in h["components"].values()), h["components"]
    assert 0 <= h["score"] <= 1
    for w in h["why"]:
        assert w["kind"] in ("matches", "size", "transfer", "distance", "country", "language", "evidence"), w
        assert w["text"], w
scores = [h["score"] for h in d["hits"]]
assert scores == sorted(scores, reverse=True), scores
braga = d["hits"][nids.index(5101)]
assert braga["city"] == "Braga" and braga["country"] == "Portugal", braga
kinds = {w["kind"]: w for w in braga["why"]}
assert kinds["size"]["population"] == 193300 and kinds["size"]["yours"] == 231800, kinds
assert kinds["transfer"]["cities"] == 2 and kinds["distance"]["km"] == 46, kinds
assert "evidence" in kinds and braga["components"]["evidence"] == 1, braga
assert all(h["components"]["evidence"] == 0 for h in d["hits"] if h["nid"] != 5101), d["hits"]
PY

# the need in Portuguese: the Spanish practice through translation
expect_status 0 "$PRAXIS" match --db "$TMP/db" --city Oporto --country PT --json "habitação acessível"
python3 - "$TMP/out" <<'PY' || fail "a need in Portuguese (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
nids = [h["nid"] for h in d["hits"]]
assert d["city"]["name"] == "Porto", d["city"]
assert 5104 in nids and 5103 in nids, nids
PY

# a city the hub has no record of: the gazetteer's; a population alone
expect_status 0 "$PRAXIS" match --db "$TMP/db" --city aveiro --country portugal --json housing
expect_grep "$TMP/out" '"name": "Aveiro", "country": "Portugal", "country_code": "PT", "population": [0-9]+, "lat": 40\.[0-9]+, "lon": -8\.[0-9]+, "source": "gazetteer"'
expect_status 0 "$PRAXIS" match --db "$TMP/db" --population 1500000 --country AT --json housing
expect_grep "$TMP/out" '"name": null, "country": "Austria", "country_code": "AT", "population": 1500000, "lat": null, "lon": null, "source": "population"'
python3 - "$TMP/out" <<'PY' || fail "a population alone (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["hits"][0]["nid"] == 5102, [h["nid"] for h in d["hits"]]  # Vienna: the size, the country
assert {w["kind"] for w in d["hits"][0]["why"]} >= {"size", "country"}, d["hits"][0]["why"]
PY

# themes alone: every practice of the theme, none of another
expect_status 0 "$PRAXIS" match --db "$TMP/db" --city Porto --country PT --theme Mobility --json
python3 - "$TMP/out" <<'PY' || fail "a theme alone (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert [h["nid"] for h in d["hits"]] == [5107], d["hits"]
PY

# PRAXIS_MATCH_OFF: a component switched off weighs nothing and says nothing
PRAXIS_MATCH_OFF=size,transfer expect_status 0 "$PRAXIS" match --db "$TMP/db" --city Porto --country PT affordable housing
! grep -qE 'like yours|of your size' "$TMP/out" || fail "switched-off components still give reasons"
PRAXIS_MATCH_OFF=colour expect_status 2 "$PRAXIS" match --db "$TMP/db" --city Porto --country PT housing
expect_grep "$TMP/err" "PRAXIS_MATCH_OFF: unknown component in 'colour'"

# bad input
expect_status 2 "$PRAXIS" match --db "$TMP/db" --city Portp --country PT housing
expect_grep "$TMP/err" "^praxis: unknown city 'Portp' in PT; did you mean: Porto, "
expect_status 2 "$PRAXIS" match --db "$TMP/db" --population 0 --country PT housing
expect_grep "$TMP/err" "^praxis: The population must be a whole number above 0\.$"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --population -5 --country PT housing
expect_grep "$TMP/err" "^praxis: The population must be a whole number above 0\.$"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --population lots --country PT housing
expect_grep "$TMP/err" "invalid value 'lots' for --population"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --city Porto housing
expect_grep "$TMP/err" "^praxis: give the city's country \(--country\)$"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --country PT housing
expect_grep "$TMP/err" "^praxis: give --city or --population$"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --city Porto --country Atlantis housing
expect_grep "$TMP/err" "^praxis: This country is unknown"
expect_status 2 "$PRAXIS" match --db "$TMP/db" --city Porto --country PT --limit 0 housing
exit 0
