# CSV import: `export --format csv` ingests back with every field the CSV
# carries. The CSV holds a section's text, not its heading: read back, a
# section has its key's standard English heading (README, "export").
# Bad CSV is refused at the row's first line, and nothing is written.
. tests/cli/lib.sh
hub=tests/data/transfer/csv-hub.jsonl # a city, a network, practices with partners,
				   # adopters, contact, labelled; it, el, fr, es

# (a) sample + hub -> CSV -> a fresh store: the same nodes
expect_status 0 "$PRAXIS" ingest --db "$TMP/one" data/sample/listing.txt "$hub"
expect_status 0 "$PRAXIS" export --db "$TMP/one"
cp "$TMP/out" "$TMP/one.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/one" --format csv
cp "$TMP/out" "$TMP/e.csv"
expect_status 0 "$PRAXIS" ingest --db "$TMP/two" "$TMP/e.csv"
expect_grep "$TMP/out" "e\.csv: 16 nodes \(16 added, 0 updated, 0 unchanged\)$"
expect_status 0 "$PRAXIS" export --db "$TMP/two"
cp "$TMP/out" "$TMP/two.jsonl"

# every key and value equal, dates included, but for the headings: each
# section read from CSV has its key's standard heading, and only the
# sample's own spelling of the transfer heading differs from it
same_but_headings() {
	python3 - "$1" "$2" <<'PY' || fail "$2 differs from $1 beyond the section headings"
import json, sys
standard = {"summary": "Summary", "solution": "The innovative solution",
            "collaboration": "A collaborative and participative work",
            "impact": "The impact and results",
            "transfer": "Why this good practice should be transferred to other cities?"}
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(a) == len(b) == 16, (len(a), len(b))
changed = set()
for x, y in zip(a, b):
    assert list(x) == list(y), (x["nid"], list(x), list(y))  # keys, in order
    for s, t in zip(x.get("sections", []), y.get("sections", [])):
        assert t["heading"] == standard[t["key"]], t
        if s["heading"] != t["heading"]:
            changed.add(s["heading"])
        s.pop("heading"), t.pop("heading")
    if x != y:
        for k in x:
            if x[k] != y[k]:
                print(x["nid"], k, repr(x[k])[:200], "!=", repr(y[k])[:200], file=sys.stderr)
        sys.exit(1)
assert changed <= {"Why this good practices should be transferred to other cities?"}, changed
PY
}
same_but_headings "$TMP/one.jsonl" "$TMP/two.jsonl"

# the hub's nodes came through whole (the comparison above would pass on
# two empty exports): contact e-mail, partners, adopters, reals, lists, a
# formula-like title and a subtitle that starts with its own apostrophe
python3 - "$TMP/two.jsonl" "$TMP/e.csv" <<'PY' || fail "the hub's values did not survive CSV"
import json, sys
by = {o["nid"]: o for o in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
p = by[5010]
assert p["title"] == "=ORTI(A1)" and p["subtitle"].startswith("'=Orti"), (p["title"], p["subtitle"])
assert p["themes"] == ["Ambiente", "-Partecipazione", "Spazi pubblici"], p["themes"]
assert p["contact"]["email"] == "giulia.rossi@example.org", p["contact"]
assert p["adopters"][0] == {"city": "Gent", "country": "Belgium", "network": 5020, "year": 2021}
assert p["partners"][0] == {"city": "Łódź", "country": "Poland"} and p["labelled"] == 2017
assert [s["text"] for s in p["sections"]][2] == "@tutti: si può copiare.\r\nAnche con CRLF."
assert by[5002]["lon"] == -9.1393 and by[5001]["names"] == ["Lodz", "Lodsch"]
assert by[5020]["practice"] == 5010 and by[5020]["lead_expert"] == "Émilie Dupont"
assert by[5030]["body"].startswith("+34") and by[5011]["language"] == "el"
raw = open(sys.argv[2], encoding="utf-8", newline="").read()
assert '"\'=ORTI(A1)"' in raw and '"\'\'=Orti' in raw, "the export's apostrophes"
PY

# (b) the CSV again changes nothing
expect_status 0 "$PRAXIS" ingest --db "$TMP/two" "$TMP/e.csv"
expect_grep "$TMP/out" "e\.csv: 16 nodes \(0 added, 0 updated, 16 unchanged\)$"
expect_status 0 "$PRAXIS" export --db "$TMP/two"
cmp -s "$TMP/out" "$TMP/two.jsonl" || fail "re-ingesting the CSV changed the store"

# as a spreadsheet saves it: a BOM, LF rows, quotes only where needed
python3 - "$TMP/e.csv" "$TMP/resaved.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
raw = open(sys.argv[2], encoding="utf-8-sig", newline="").read()
assert "\n5002,city,Lisboa,,Portugal," in raw, "quotes only where needed"
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/two" "$TMP/resaved.csv"
expect_grep "$TMP/out" "resaved\.csv: 16 nodes \(0 added, 0 updated, 16 unchanged\)$"

# (c) bad CSV: FILE:LINE: why, exit 1, the store as it was. Each file has
# a good new row before the bad one, which must not be written either.
good='6001,article,Fresh,someone,"A text,
on two lines"'
refused() { # NAME LINE MESSAGE(ERE) CONTENT
	printf '%s' "$4" >"$TMP/$1.csv"
	expect_status 1 "$PRAXIS" ingest --db "$TMP/two" "$TMP/$1.csv"
	expect_grep "$TMP/err" "^$TMP/$1\.csv:$2: $3"
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: one line of error expected"
	expect_status 0 "$PRAXIS" export --db "$TMP/two"
	cmp -s "$TMP/out" "$TMP/two.jsonl" || fail "$1: the store changed"
}
h='nid,type,title,author,body'
refused unterminated 4 'column "body": a quote that is never closed$' \
	"$h"$'\n'"$good"$'\n6002,article,Open,x,"never\nclosed\n'
refused fewer 4 '4 cells, but the header has 5 columns$' "$h"$'\n'"$good"$'\n6002,article,Short,x\n'
refused more 4 '6 cells, but the header has 5 columns$' "$h"$'\n'"$good"$'\r\n6002,article,Long,x,y,z\r\n'
refused unknown 1 'unknown column "colour" \(column 4\)$' $'nid,type,title,colour\n6001,article,x,red\n'
refused duplicate 1 'column "title" appears twice$' $'type,title,author,title\narticle,x,y,z\n'
refused stray_quote 4 'column "title": a quote inside an unquoted cell' "$h"$'\n'"$good"$'\n6002,article,say "hi",x,y\n'
refused population 3 '"population" must be a whole number, not "many"$' \
	$'nid,type,title,country,population\n6001,city,Gozo,Malta,31000\n6002,city,Rabat,Malta,many\n'
refused year 3 '"adopters"\[0\]\.year must be an integer >= 1900 and <= 2100, or null$' \
	$'nid,type,title,country,city,adopters\n6001,city,Gozo,Malta,,\n6002,practice,X,Malta,Rabat,"[{""city"":""Gent"",""country"":""Belgium"",""year"":1800}]"\n'
refused website 2 '"website": "ftp://x" is not an http or https address$' $'type,title,country,website\ncity,X,Malta,ftp://x\n'
refused latitude 2 '"lat" must be a number from -90 to 90, or null$' $'type,title,country,lat\ncity,X,Malta,95\n'
refused other_type 4 'a city has no "author"$' "$h"$'\n'"$good"$'\n6002,city,Valletta,someone,\n'
exit 0
