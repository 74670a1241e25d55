# The CSV formula guard: a cell that a spreadsheet would run as a formula
# (starting with = + - @, or TAB or CR before one) gets a leading ' in every
# CSV the hub writes: the audit log (an anonymous login name reaches it),
# the listing's and the search's CSV, and `praxis export --format csv`.
# Each of the six is checked on its own: a guard that knew only = went
# through the suite once (issue 11).
. tests/http/lib.sh
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "cannot add root"
starts='= + - @ TAB CR'
char() { case "$1" in TAB) printf '\t' ;; CR) printf '\r' ;; *) printf '%s' "$1" ;; esac; }

# nodes titled with each start, through JSON Lines
python3 - "$TMP/f.jsonl" <<'PY'
import json, sys
starts = {"=": "=", "+": "+", "-": "-", "@": "@", "TAB": "\t", "CR": "\r"}
with open(sys.argv[1], "w") as f:
    for i, (k, c) in enumerate(starts.items()):
        f.write(json.dumps({"nid": 800 + i, "type": "practice", "language": "en", "country": "Spain",
                            "city": "Bilbao", "title": c + "1+2 formula " + k,
                            "sections": [{"key": "summary", "heading": "Summary", "text": "formula"}]}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/f.jsonl"

# check CSV: every cell of the file that holds one of the starts (after the
# title's own trimming, if any) begins with '
check_csv() {
	python3 - "$1" "$2" <<'PY' || fail "$2: a formula cell is not defused"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
bad = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
assert not bad, bad
found = [c for r in rows for c in r if c.startswith("'") and "1+2" in c]
assert found, rows[:3]
PY
}

expect_status 0 "$PRAXIS" export --db "$TMP/db" --format csv
cp "$TMP/out" "$TMP/export.csv"
check_csv "$TMP/export.csv" "praxis export --format csv"

start_server "$TMP/db"
page 200 '/search.csv?q=formula'
check_csv "$TMP/body" /search.csv
for s in $starts; do # anonymous login names, each start on its own
	tok=$(csrf "$TMP/a.jar")
	post 403 /login "$TMP/a.jar" --data-urlencode "csrf=$tok" --data-urlencode "name=$(char "$s")1+2 name $s" \
		--data-urlencode "password=wrong password"
done
login root "$TMP/root.jar"
page 200 /admin/audit.csv -b "$TMP/root.jar"
check_csv "$TMP/body" /admin/audit.csv
for s in $starts; do
	grep -q "'$(char "$s")1+2 name $s" "$TMP/body" || fail "audit.csv: the name starting with $s is not defused"
done
stop_server
