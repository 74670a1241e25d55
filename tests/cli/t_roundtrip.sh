# export --format jsonl is what ingest reads: export, ingest into a fresh
# store, export again gives the same bytes. CSV export: a header and one
# row per node, multi-line fields intact.
. tests/cli/lib.sh

cat >"$TMP/extra.jsonl" <<'TXT'
{"nid": 900, "type": "practice", "title": "QUOTES \"and\" commas, too", "subtitle": "Line, with \"quotes\"", "country": "Ireland", "city": "Cork", "themes": ["Culture", "Housing"], "labels": ["URBACT Good Practice"], "population": 210000, "relations": ["adapted_by_cities_from"], "language": "en", "sections": [{"key": "transfer", "heading": "Why this good practice should be transferred to other cities?", "text": "First paragraph.\nSecond, \"quoted\" paragraph.\nThird: ünïcödé ✓"}, {"key": "summary", "heading": "Summary", "text": "Order as written."}]}
{"type": "article", "title": "=SUM(A1:A2)", "author": null, "language": "de", "body": "Erste Zeile\r\nzweite Zeile\n\ndritte"}
{"nid": 901, "type": "practice", "title": "MINIMAL", "subtitle": null, "country": "Malta", "city": "Valletta", "themes": [], "labels": [], "population": null, "relations": [], "language": "mt", "sections": []}
TXT

expect_status 0 "$PRAXIS" ingest --db "$TMP/one" data/sample/listing.txt "$TMP/extra.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/one" --format jsonl
cp "$TMP/out" "$TMP/e1.jsonl"
[ "$(wc -l <"$TMP/e1.jsonl")" -eq 13 ] || fail "13 records expected"

expect_status 0 "$PRAXIS" ingest --db "$TMP/two" "$TMP/e1.jsonl"
expect_grep "$TMP/out" "e1\.jsonl: 13 nodes \(13 added, 0 updated, 0 unchanged\)$"
expect_status 0 "$PRAXIS" export --db "$TMP/two"
cp "$TMP/out" "$TMP/e2.jsonl"
cmp "$TMP/e1.jsonl" "$TMP/e2.jsonl" >&2 || { diff "$TMP/e1.jsonl" "$TMP/e2.jsonl" >&2; fail "round trip changed the export"; }

# the export read back into the store it came from changes nothing
expect_status 0 "$PRAXIS" ingest --db "$TMP/one" "$TMP/e1.jsonl"
expect_grep "$TMP/out" "e1\.jsonl: 13 nodes \(0 added, 0 updated, 13 unchanged\)$"

# from standard input too
expect_status 0 "$PRAXIS" ingest --db "$TMP/three" - <"$TMP/e1.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/three"
cmp -s "$TMP/out" "$TMP/e1.jsonl" || fail "round trip through stdin changed the export"

# show --json prints the same object as the export
expect_status 0 "$PRAXIS" show --db "$TMP/two" --json 900
python3 - "$TMP/out" "$TMP/e1.jsonl" <<'PY' || fail "show --json differs from the export"
import json, sys
shown = json.load(open(sys.argv[1], encoding="utf-8"))
rec = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if json.loads(l)["nid"] == 900][0]
sys.exit(0 if shown == rec and list(shown) == list(rec) else 1)
PY

# CSV
expect_status 0 "$PRAXIS" export --db "$TMP/two" --format csv
cp "$TMP/out" "$TMP/e.csv"
python3 - "$TMP/e.csv" "$TMP/e1.jsonl" <<'PY' || fail "CSV export"
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"nid,type,title,"), raw[:40]
assert raw.endswith(b"\r\n"), "rows end with CRLF (RFC 4180)"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
header = rows[0]
want = ["nid", "type", "title", "subtitle", "country", "city", "themes", "labels", "population",
        "relations", "language", "author", "body", "summary", "solution", "collaboration",
        "impact", "transfer"]
assert header[:len(want)] == want, header  # the contract's columns keep their places
body = rows[1:]
assert len(body) == len(recs), (len(body), len(recs))
assert all(len(r) == len(header) for r in rows), [len(r) for r in rows]
by = {int(r[0]): dict(zip(header, r)) for r in body}
assert [int(r[0]) for r in body] == [r["nid"] for r in recs], "same order as jsonl"
for rec in recs:
    row = by[rec["nid"]]
    assert row["type"] == rec["type"]
    assert row["language"] == rec["language"]
    if rec["type"] == "practice":
        assert row["themes"] == " | ".join(rec["themes"]), row["themes"]
        assert row["population"] == ("" if rec["population"] is None else str(rec["population"]))
        for s in rec["sections"]:
            assert row[s["key"]] == s["text"], (rec["nid"], s["key"])
    elif rec["body"] is not None:
        assert row["body"] == rec["body"], (rec["nid"], row["body"])
p = by[900]
assert p["title"] == 'QUOTES "and" commas, too', p["title"]
assert p["transfer"] == 'First paragraph.\nSecond, "quoted" paragraph.\nThird: ünïcödé ✓', p["transfer"]
assert p["summary"] == "Order as written."
assert p["labels"] == "URBACT Good Practice"
assert p["relations"] == "adapted_by_cities_from"
# a formula-looking field is defused with a leading apostrophe
f = [r for r in by.values() if r["title"].endswith("=SUM(A1:A2)")][0]
assert f["title"] == "'=SUM(A1:A2)", f["title"]
assert f["body"] == "Erste Zeile\r\nzweite Zeile\n\ndritte", repr(f["body"])
# a multi-line field from the listing survives
assert "\n" in by[17065]["summary"]
PY
exit 0
