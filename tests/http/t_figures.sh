# A practice's impact figures on the web (issue 14): the practice page's
# table (numbers in the reader's language by ICU, an http(s) source
# linked, any other source as text), the API and its schema, and the edit
# form, one figure a line, "name | value | unit | baseline | year |
# source": posted back as it came it changes nothing, a new line is saved,
# a bad line answers 400 at the field and saves nothing.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" tests/data/transfer/hub.jsonl
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
NNBSP=$'\u202f'

# ---- the table ----
page 200 /node/901
has '<caption id="figures-caption">Impact figures</caption>'
has '<th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Baseline</th><th scope="col">Year</th><th scope="col">Source</th>'
has '<tr><th scope="row">Shaded walking corridors</th><td class="num">12\.5 km</td><td class="num">0 km</td><td>2024</td><td class="source"><a href="https://korytarze\.lodz\.example/raport-2024" rel="nofollow noopener">https://korytarze\.lodz\.example/raport-2024</a></td></tr>'
has '<tr><th scope="row">Street temperature in July</th><td class="num">-2\.3 °C</td><td class="num"></td><td>2023</td><td class="source">Łódź city council, climate report 2023</td></tr>'
has '<tr><th scope="row">Trees planted</th><td class="num">1,840</td><td class="num"></td><td></td><td class="source"></td></tr>'
page 200 /fr/node/901
has '<caption id="figures-caption">Chiffres d’impact</caption>'
has '<td class="num">12,5 km</td><td class="num">0 km</td>'
has '<td class="num">-2,3 °C</td>'
has "<td class=\"num\">1${NNBSP}840</td>"
page 200 /de/node/901
has '<td class="num">12,5 km</td>'
has '<td class="num">1\.840</td>'
page 200 /el/node/901
has '<td class="num">12,5 km</td>'

# ---- the API and its schema ----
page 200 /api/v1/nodes/901
python3 - "$TMP/body" <<'PY' || fail "the API's figures"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
f = o["indicators"]
assert [x["name"] for x in f] == ["Shaded walking corridors", "Street temperature in July", "Trees planted"], f
assert f[0] == {"name": "Shaded walking corridors", "value": 12.5, "unit": "km", "baseline": 0, "year": 2024,
                "source": "https://korytarze.lodz.example/raport-2024"}, f[0]
PY
page 200 /api/v1/openapi.json
python3 - "$TMP/body" <<'PY' || fail "the API's schema of a figure"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))["components"]["schemas"]
ind = s["Indicator"]
assert list(ind["properties"]) == ["name", "value", "unit", "baseline", "year", "source"], ind
assert ind["required"] == list(ind["properties"]), ind  # every key is there, null when unset
assert ind["properties"]["value"]["type"] == "number" and not ind["properties"]["value"].get("nullable"), ind
assert ind["properties"]["baseline"]["nullable"] and ind["properties"]["year"]["maximum"] == 2100, ind
assert ind["properties"]["name"]["description"] == "What was measured", ind
assert s["Practice"]["properties"]["indicators"]["items"] == {"$ref": "#/components/schemas/Indicator"}, s["Practice"]["properties"]["indicators"]
PY

# ---- the edit form ----
J=$TMP/ed.jar
login ed "$J"
page 200 /node/901/edit -b "$J"
has '<label for="indicators">Impact figures: one per line, name \| value \| unit \| baseline \| year \| source'
has_text() { python3 -c 'import sys; sys.exit(sys.argv[2] not in open(sys.argv[1], encoding="utf-8").read())' "$TMP/body" "$1" || fail "the page lacks: $1"; }
has_text $'Shaded walking corridors | 12.5 | km | 0 | 2024 | https://korytarze.lodz.example/raport-2024\nStreet temperature in July | -2.3 | °C |  | 2023 | Łódź city council, climate report 2023\nTrees planted | 1840 |  |  |  | </textarea>'
cp "$TMP/body" "$TMP/form.html"
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/before.jsonl"
# edit FIELD=VALUE...: the edit form as it came, with these fields, posted
edit() {
	local want=$1
	shift
	python3 tests/http/form_fields.py "$TMP/form.html" action=save "$@" >"$TMP/post" || fail "cannot read the edit form"
	post "$want" /node/901/edit "$J" --data-binary @"$TMP/post"
}
figures() { python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    if o["nid"] == 901: print(json.dumps(o["indicators"], ensure_ascii=False))' "$1"; }
# posted back as it came: the same figures
edit 303
expect_status 0 "$PRAXIS" export --db "$TMP/db"
[ "$(figures "$TMP/out")" = "$(figures "$TMP/before.jsonl")" ] || fail "the form posted back changed the figures: $(figures "$TMP/out")"
# a bad line: 400, the field marked, what was typed kept, nothing saved
# (the form's base stays good: nothing is saved between the tries)
page 200 /node/901/edit -b "$J"
cp "$TMP/body" "$TMP/form.html"
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/before.jsonl"
bad() {
	edit 400 "indicators=$1"
	has '<label for="indicators">Impact figures[^<]*<span class="field-error">'
	grep -qF -- "$1</textarea>" "$TMP/body" || fail "the refused line ($1) is not shown again"
	expect_status 0 "$PRAXIS" export --db "$TMP/db"
	cmp -s "$TMP/out" "$TMP/before.jsonl" || fail "a refused line ($1) changed the store"
}
# a new line is saved and shown
page 200 /node/901/edit -b "$J"
cp "$TMP/body" "$TMP/form.html"
edit 303 $'indicators=Bus lanes | 4.25 | km | 1.5 | 2025 | City mobility report\nTrees planted | 1840'
page 200 /fr/node/901
has '<tr><th scope="row">Bus lanes</th><td class="num">4,25 km</td><td class="num">1,5 km</td><td>2025</td><td class="source">City mobility report</td></tr>'
lacks '<th scope="row">Shaded walking corridors</th>'
stop_server
