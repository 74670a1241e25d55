# /match, /api/v1/match and "Cities like mine" (issue 14) on
# tests/data/matchdemo/hub.jsonl: the form (a GET, so a match is an
# address), hits as practice cards with their reasons in the reader's
# language, an unknown city's close names as links that redo the match,
# bad input a 400 in the reader's language (404 for an unknown city); the
# API's object and its JSON errors; the city page's nearest cities by
# profile with what they adopted; then chromium (tests/e2e/match.js) at
# 1280 and 360 px with axe-core.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" tests/data/matchdemo/hub.jsonl
start_server "$TMP/db"

page 200 /
has 'href="/match">For my city</a>'
has 'href="/match">Find the practices that suit your city</a>'
page 200 /match
has '<form class="fields match" action="/match" method="get">'
has '<input id="m-city" name="city" type="text" value=""'
has 'name="theme" value="Housing"'
lacks 'class="match-hits"'

# Porto and affordable housing in Portuguese: cards with reasons
page 200 '/match?city=Porto&country=Portugal&q=habita%C3%A7%C3%A3o+acess%C3%ADvel'
has '<h2 id="m-results"><a href="/cities/porto-pt">Porto</a>, Portugal · 231,800 inhabitants</h2>'
has '<a href="/node/5104">Habitação acessível nos bairros históricos</a>'
has '<li>a city of 545,900, like yours \(231,800\)</li>'
has '<li>matches: habitação, acessível</li>'
has '<li>adopted by 2 cities of your size</li>'
has '<li>46 km away</li>'
has 'value="habitação acessível"'
# in French, numbers as French writes them
page 200 '/fr/match?city=Porto&country=Portugal&q=habita%C3%A7%C3%A3o'
has '<li>une ville de 545.900 habitants, comme la vôtre \(231.800\)</li>'
has '<li>adoptée par 2 villes de votre taille</li>'
has '<li>à 46 km</li>'
# a theme box keeps its tick
page 200 '/match?population=1500000&country=AT&theme=Housing'
has 'name="theme" value="Housing" checked="checked"'
has '<a href="/node/5102">Housing cooperatives at scale</a>'

# an unknown city: 404, close names that redo the match
page 404 '/match?city=Portp&country=PT&q=housing'
has 'This city is unknown in that country\.'
has '<li><a href="/match\?country=PT&amp;q=housing&amp;city=Porto">Porto</a></li>'
page 200 '/match?country=PT&q=housing&city=Porto'
# bad input, in the reader's language
page 400 '/fr/match?population=0&country=PT'
has 'La population doit être un nombre entier supérieur à 0\.'
page 400 '/de/match?population=viele&country=PT'
has 'Die Einwohnerzahl muss eine ganze Zahl über 0 sein\.'
page 400 '/match?city=Porto'
has "Give the city&#39;s country\."
page 400 '/el/match?city=Porto&country=Atlantis'
has 'Αυτή η χώρα είναι άγνωστη'

# the API, as its OpenAPI document describes it
page 200 /api/v1/openapi.json
cp "$TMP/body" "$TMP/openapi.json"
page 200 '/api/v1/match?city=Porto&country=Portugal&q=affordable+housing&limit=3'
python3 tests/http/openapi_check.py valid "$TMP/openapi.json" MatchResult "$TMP/body" ||
	fail "/api/v1/match is not the MatchResult of the OpenAPI document"
python3 - "$TMP/body" <<'PY' || fail "/api/v1/match (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["city"]["source"] == "hub" and d["city"]["population"] == 231800, d["city"]
assert len(d["hits"]) == 3 and d["total"] >= 3, d
for h in d["hits"]:
    assert set(h) == {"nid", "title", "city", "country", "score", "components", "why"}, h
    assert all(isinstance(w["text"], str) and w["kind"] for w in h["why"]), h["why"]
PY
page 404 '/api/v1/match?city=Portp&country=PT'
python3 tests/http/openapi_check.py valid "$TMP/openapi.json" MatchUnknownCity "$TMP/body" ||
	fail "the unknown city's 404 is not the document's MatchUnknownCity"
python3 - "$TMP/body" <<'PY' || fail "/api/v1/match unknown city (above)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["status"] == 404 and d["error"] == "This city is unknown in that country.", d
assert d["suggestions"][0] == "Porto", d["suggestions"]
PY
page 400 '/api/v1/match?population=0&country=PT'
has '^\{"error":"The population must be a whole number above 0\.","status":400\}$'
page 400 '/api/v1/match?population=x&country=PT'
page 400 '/api/v1/match?city=Porto'
page 400 '/api/v1/match?city=Porto&country=PT&limit=0'
page 400 "/api/v1/match?city=Porto&country=PT$(for i in $(seq 17); do printf '&theme=t%d' "$i"; done)"
has 'Too many themes'

# the city page: cities like Porto, Coimbra's adoption, a match for Porto
page 200 /cities/porto-pt
has '<h2 id="like-h">Cities like mine</h2>'
has '<li><a href="/cities/braga-pt">Braga</a>, Portugal · 193,300 inhabitants'
has '<li><a href="/node/5101">Young homes in the old town</a></li>'
has '<a href="/match\?city=Porto&amp;country=PT">Match practices for this city</a>'
lacks 'href="/cities/porto-pt">Porto</a>, Portugal'
# the first like Porto is Braga (the size, 46 km, the country), Vienna after
python3 - "$TMP/body" <<'PY' || fail "cities like Porto in order (above)"
import re, sys
body = open(sys.argv[1], encoding="utf-8").read()
like = re.findall(r'<li><a href="/cities/([a-z-]+)">', body.split('id="like-h"')[1])
assert like[0] == "braga-pt" and like.index("braga-pt") < like.index("vienna-at"), like
PY

if browser_here; then # once, against the ASan/UBSan build (lib.sh)
	mkdir -p build/screenshots
	node tests/e2e/match.js "$BASE" build/screenshots || fail "the match's browser test failed"
fi
stop_server
