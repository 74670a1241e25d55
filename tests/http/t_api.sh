# The open-data API: a node is the object `praxis export` writes, a search
# the object `praxis search --json` prints; lists page and filter; errors
# are JSON with a 4xx; the OpenAPI document describes every path, and
# every type and key of the field table (tests/http/openapi_check.py).
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/export.jsonl"
expect_status 0 "$PRAXIS" search --db "$TMP/db" --json --filter country=Spain cooperative
cp "$TMP/out" "$TMP/search.json"
start_server "$TMP/db"

same_json() { # same_json A B: equal as JSON
	python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:3]); sys.exit(a!=b)' "$1" "$2" ||
		{ cat "$1" "$2" >&2; fail "$1 and $2 differ"; }
}

page 200 /api/v1/nodes/17065
grep -qi '^content-type: application/json' "$TMP/head" || fail "the API does not answer JSON"
grep '"nid": 17065' "$TMP/export.jsonl" >"$TMP/want.json"
same_json "$TMP/body" "$TMP/want.json"
page 200 '/api/v1/search?q=cooperative&filter=country=Spain'
same_json "$TMP/body" "$TMP/search.json"
page 200 '/api/v1/search?q=cooperative&country=Spain&limit=1'
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r["hits"]) == 1 and r["total"] >= 1' "$TMP/body" ||
	fail "limit=1 did not give one hit"

page 200 /api/v1/nodes
python3 - "$TMP/body" "$TMP/export.jsonl" <<'PY' || fail "/api/v1/nodes is not every node, newest first"
import json, sys
got = json.load(open(sys.argv[1]))
want = [json.loads(l) for l in open(sys.argv[2])]
assert got["total"] == len(want) == 10 and got["page"] == 1 and got["pages"] == 1, got
assert got["nodes"] == sorted(want, key=lambda n: (n["created"], n["nid"]), reverse=True)
PY
python3 -c 'import json,sys; print(" ".join(n["title"][:9] for n in json.load(open(sys.argv[1]))["nodes"][:4]))' "$TMP/body" |
	grep -qx 'AS-FABRIK BMINCOME CO-CITY Ljubljans' || fail "/api/v1/nodes is not in the listing's order"
page 200 '/api/v1/nodes?filter=type=practice&filter=country=Italy'
has '"total":1,'
has '"title":"CO-CITY"'

page 404 /api/v1/nodes/424242
has '"error":"there is no node with this nid","status":404'
page 404 /api/v1/nodes/x
page 404 /api/v2/nodes
has '"status":404'
page 400 '/api/v1/nodes?page=2'
page 400 '/api/v1/nodes?page=0'
page 400 '/api/v1/search?q=a&limit=1000'
page 400 '/api/v1/search?q=a&offset=-1'
page 400 '/api/v1/search?q=a&filter=planet=Mars'
page 400 '/api/v1/search?q=a&filter=country'
page 400 '/api/v1/search?q=a&country=Atlantis'
has '"error":"no country is called'
page 400 '/api/v1/search?q=%ff'

# CSV downloads: the columns of praxis export --format csv, the listing's rows
expect_status 0 "$PRAXIS" export --db "$TMP/db" --format csv
cp "$TMP/out" "$TMP/export.csv"
page 200 '/good-practices.csv?country=Spain'
grep -qi '^content-type: text/csv' "$TMP/head" || fail "the CSV is not text/csv"
python3 - "$TMP/body" "$TMP/export.csv" <<'PY' || fail "the practices' CSV is not the export's rows"
import csv, sys
got = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
want = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert got[0] == want[0], got[0]
spain = [r for r in want[1:] if r[1] == "practice" and r[4] == "Spain"]
assert sorted(got[1:]) == sorted(spain) and len(spain) == 2, (got, spain)
PY
page 200 '/search.csv?q=barcelona'
has '^17064,"practice","BMINCOME"'
page 400 /search.csv
page 200 '/search?q=city'
has 'href="/search.csv\?q=city" download'

page 200 /api/v1/openapi.json
python3 - "$TMP/body" <<'PY' || fail "the OpenAPI document is incomplete"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["openapi"].startswith("3."), d["openapi"]
assert set(d["paths"]) == {"/nodes", "/nodes/{nid}", "/search", "/match"}, d["paths"].keys()
for path in d["paths"].values():
    for op in path.values():
        assert "200" in op["responses"]
PY
cp "$TMP/body" "$TMP/openapi.json"
# every key of every type of the field table, as its kind, the private ones left out
python3 tests/http/openapi_check.py covers "$TMP/openapi.json" src/model/field.c ||
	fail "the OpenAPI document does not describe the field table (src/model/field.c)"
stop_server
