# Impact figures (issue 14): a practice's "indicators", {name, value,
# unit, baseline, year, source} each, go through export and ingest, JSONL
# and CSV, unchanged; a bad figure is refused with "FILE:LINE: what"
# naming it, and nothing of the file is written.
. tests/cli/lib.sh
hub=tests/data/transfer/hub.jsonl # practice 901 has three figures: a full one,
				   # one without baseline, one with a name and a value only

expect_status 0 "$PRAXIS" ingest --db "$TMP/one" "$hub"
expect_status 0 "$PRAXIS" export --db "$TMP/one"
cp "$TMP/out" "$TMP/e1.jsonl"
python3 - "$TMP/e1.jsonl" "$hub" <<'PY' || fail "the export lost or changed the figures"
import json, sys
got = {o["nid"]: o for o in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
src = {o["nid"]: o for o in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
p = got[901]
keys = list(p)
assert keys.index("indicators") > keys.index("labelled"), keys
full = {"name": None, "value": None, "unit": None, "baseline": None, "year": None, "source": None}
want = [dict(full, **f) for f in src[901]["indicators"]]
assert p["indicators"] == want, (p["indicators"], want)
assert [list(f) for f in p["indicators"]] == [list(full)] * 3, "sub-keys in their order"
assert p["indicators"][1]["value"] == -2.3 and p["indicators"][0]["value"] == 12.5
assert got[904].get("indicators") is None, "an article has no figures"
PY

# JSONL: export, ingest into a fresh store, export again: the same bytes
expect_status 0 "$PRAXIS" ingest --db "$TMP/two" "$TMP/e1.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/two"
cmp -s "$TMP/out" "$TMP/e1.jsonl" || { diff "$TMP/e1.jsonl" "$TMP/out" >&2; fail "JSONL round trip changed the figures"; }

# CSV: the figures are one cell of JSON; read back, the same nodes
expect_status 0 "$PRAXIS" export --db "$TMP/one" --format csv
cp "$TMP/out" "$TMP/e.csv"
python3 - "$TMP/e.csv" <<'PY' || fail "CSV export of the figures"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
cell = [r for r in rows if r["nid"] == "901"][0]["indicators"]
figs = json.loads(cell)
assert [f["name"] for f in figs] == ["Shaded walking corridors", "Street temperature in July", "Trees planted"], figs
assert figs[1]["unit"] == "°C" and figs[1]["baseline"] is None, figs[1]
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/three" "$TMP/e.csv"
expect_status 0 "$PRAXIS" export --db "$TMP/three"
cmp -s "$TMP/out" "$TMP/e1.jsonl" || { diff "$TMP/e1.jsonl" "$TMP/out" >&2; fail "CSV round trip changed the figures"; }

# ---- bad figures: FILE:LINE: what, and the store unchanged ----
expect_status 0 "$PRAXIS" stats --db "$TMP/one"
cp "$TMP/out" "$TMP/before.stats"
GOOD='{"nid": 60001, "type": "practice", "title": "GOOD", "country": "Italy", "city": "Bologna", "language": "it", "indicators": [{"name": "Bikes", "value": 3}]}'
with_figures() { printf '{"nid": 60002, "type": "practice", "title": "BAD", "country": "Italy", "city": "Parma", "language": "it", "indicators": %s}' "$1"; }
failed=0
# refused NAME FILE LINE ERE: FILE must be refused at LINE, saying ERE
refused() {
	"$PRAXIS" ingest --db "$TMP/one" "$2" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/err" || { cat "$TMP/err" >&2; fail "$1: sanitizer report"; }
	if [ "$got" -ne 1 ] || ! head -1 "$TMP/err" | grep -qE -- "^$2:$3: .*($4)"; then
		echo "$1: exit $got, expected 1 and '$2:$3: ...$4', got: $(head -c 300 "$TMP/err")" >&2
		failed=$((failed + 1))
	fi
	"$PRAXIS" stats --db "$TMP/one" >"$TMP/after.stats" 2>/dev/null
	cmp -s "$TMP/before.stats" "$TMP/after.stats" || { echo "$1: the store changed" >&2; failed=$((failed + 1)); }
}
jsonl() { printf '%s\n%s\n' "$GOOD" "$(with_figures "$2")" >"$TMP/$1.jsonl"; refused "$1" "$TMP/$1.jsonl" 2 "$3"; }
jsonl value_text '[{"name": "Bikes", "value": "12,5"}]' 'indicators.*\[0\]\.value.*number'
jsonl value_missing '[{"name": "Bikes"}]' 'missing .*indicators.*\[0\]\.value'
jsonl name_missing '[{"value": 3}]' 'missing .*indicators.*\[0\]\.name'
jsonl name_empty '[{"name": "", "value": 3}]' 'indicators.*\[0\]\.name.* must not be empty'
jsonl year_out '[{"name": "Bikes", "value": 3, "year": 1850}]' 'indicators.*\[0\]\.year.*1900.*2100'
jsonl baseline_text '[{"name": "Bikes", "value": 3, "baseline": "none"}]' 'indicators.*\[0\]\.baseline.*number'
jsonl unknown_key '[{"name": "Bikes", "value": 3, "target": 5}]' 'indicators.*unknown key "target"'
jsonl not_a_list '{"name": "Bikes", "value": 3}' 'indicators.*list of objects'
jsonl second_bad '[{"name": "Bikes", "value": 3}, {"name": "Cars", "value": 1e300}]' 'indicators.*\[1\]\.value.*number'
many=$(python3 -c 'import json; print(json.dumps([{"name": "F%d" % i, "value": i} for i in range(51)]))')
jsonl too_many "$many" 'indicators.*51 items, at most 50'

# CSV: a cell that is not JSON, a figure without its value
expect_status 0 "$PRAXIS" export --db "$TMP/one" --format csv
head -1 "$TMP/out" >"$TMP/head.csv"
csv_case() {
	python3 - "$TMP/head.csv" "$TMP/$1.csv" "$2" <<'PY'
import csv, sys
header = next(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
row = dict.fromkeys(header, "")
row.update(nid="60003", type="practice", title="CSV BAD", country="Italy", city="Parma", language="it", indicators=sys.argv[3])
good = dict.fromkeys(header, "")
good.update(nid="60004", type="practice", title="CSV GOOD", country="Italy", city="Parma", language="it")
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header); w.writerow([good[h] for h in header]); w.writerow([row[h] for h in header])
PY
	refused "$1" "$TMP/$1.csv" 3 "$3"
}
csv_case csv_not_json '12,5 km' 'indicators.*JSON'
csv_case csv_no_value '[{"name": "Bikes", "unit": "km"}]' 'missing .*indicators.*\[0\]\.value'
csv_case csv_year_text '[{"name": "Bikes", "value": 2, "year": "2020s"}]' 'indicators.*\[0\]\.year'

[ "$failed" -eq 0 ] || fail "$failed bad figure(s) not refused as they should be"
expect_status 0 "$PRAXIS" export --db "$TMP/one"
cmp -s "$TMP/out" "$TMP/e1.jsonl" || fail "a refused file changed the store's export"
