# /compare?nid=A&nid=B (issue 14): up to four practices side by side, their
# facts in rows and a row per section key any of them has (the cells of
# the others empty, so the rows align); each column links the same
# comparison without it. More than four nids, a nid that is not a number
# or one given twice: 400 in the reader's language. A nid that names no
# published practice: 404, the others still shown, that nid named with a
# link without it. Every practice card of a listing has a box tied to one
# GET form to /compare; a listing asked with ?nid= carries them. A cached
# comparison is never stale after an edit of one of its practices.
. tests/http/lib.sh

cat >"$TMP/hub.jsonl" <<'TXT'
{"nid": 7001, "type": "practice", "title": "ALPHA ROOFS", "country": "Italy", "city": "Bologna", "themes": ["Environment"], "labels": ["URBACT Good Practice"], "population": 392203, "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Alpha summary first.\nAlpha summary second."}, {"key": "impact", "heading": "Impact", "text": "Alpha impact first."}], "partners": [{"city": "Gent", "country": "Belgium"}], "labelled": 2019, "indicators": [{"name": "Green roofs", "value": 12.5, "unit": "ha", "baseline": 3, "year": 2022, "source": "https://bologna.example/roofs"}]}
{"nid": 7002, "type": "practice", "title": "BETA BIKES", "country": "Spain", "city": "Sevilla", "themes": ["Mobility"], "population": 684234, "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Beta summary first."}, {"key": "transfer", "heading": "Transfer", "text": "Beta transfer first.\nBeta transfer second."}], "adopters": [{"city": "Porto", "country": "Portugal", "year": 2021}]}
{"nid": 7003, "type": "practice", "title": "GAMMA GARDENS", "country": "Poland", "city": "Łódź", "themes": ["Environment", "Health"], "language": "en", "sections": [{"key": "solution", "heading": "The innovative solution", "text": "Gamma solution first."}]}
{"nid": 7004, "type": "practice", "title": "DELTA DEPOTS", "country": "Denmark", "city": "Aarhus", "population": 285273, "language": "en", "sections": []}
{"nid": 7005, "type": "practice", "title": "<script>alert(7005)</script> & co", "country": "Malta", "city": "Valletta", "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "<img src=x onerror=alert(1)> summary."}], "indicators": [{"name": "<b>bold</b>", "value": 1, "source": "javascript:alert(2)"}]}
{"nid": 7006, "type": "city", "title": "Bologna", "country": "Italy", "population": 392203}
TXT
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/hub.jsonl"
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"

# cells ROW: the cells of the row whose header is ROW in the last body, one
# per line ("" for an empty one), tags stripped
cells() {
	python3 - "$TMP/body" "$1" <<'PY'
import html, re, sys
page, row = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
m = re.search(r'<tr[^>]*><th scope="row">' + re.escape(row) + r'</th>(.*?)</tr>', page, re.S)
if not m:
    sys.exit("no row " + row)
for c in re.findall(r'<td[^>]*>(.*?)</td>', m.group(1), re.S):
    print(html.unescape(re.sub(r'<[^>]+>', '', c)).strip())
PY
}
# row_is ROW CELL...: the row's cells are exactly these
row_is() {
	local row=$1 got want
	shift
	got=$(cells "$row") || fail "$(cat "$TMP/body" | head -c 300)"
	want=$(printf '%s\n' "$@")
	[ "$got" = "$want" ] || fail "row '$row': got [$(echo "$got" | tr '\n' '|')], expected [$(echo "$want" | tr '\n' '|')]"
}

# ---- two practices: facts side by side, sections aligned ----
page 200 '/compare?nid=7001&nid=7002'
has '<th scope="col" lang="en"><a href="/node/7001">ALPHA ROOFS</a>'
has '<a href="/node/7002">BETA BIKES</a>'
row_is City 'Bologna, Italy' 'Sevilla, Spain'
row_is Population '392,203 (large)' '684,234 (large)'
row_is Themes Environment Mobility
row_is 'Year of labelisation' 2019 ''
row_is 'In partnership with' 'Gent (Belgium)' ''
row_is 'Adapted by cities from' '' 'Porto (Portugal, 2021)'
row_is 'Impact figures' 'Green roofs: 12.5 ha (2022)' ''
# a row per section key either has, in key order; each cell the first paragraph
row_is Summary 'Alpha summary first.' 'Beta summary first.'
row_is 'The impact and results' 'Alpha impact first.' ''
row_is 'Why this good practice should be transferred to other cities?' '' 'Beta transfer first.'
lacks 'The innovative solution' # neither has one
lacks 'summary second|transfer second'
# each column's Remove leads to the comparison without it
has '<a class="remove" href="/compare\?nid=7002"'
has '<a class="remove" href="/compare\?nid=7001"'

# ---- four: every column, the rows still aligned ----
page 200 '/compare?nid=7003&nid=7001&nid=7004&nid=7002'
row_is City 'Łódź, Poland' 'Bologna, Italy' 'Aarhus, Denmark' 'Sevilla, Spain'
row_is Population '' '392,203 (large)' '285,273 (large)' '684,234 (large)'
row_is Summary '' 'Alpha summary first.' '' 'Beta summary first.'
row_is 'The innovative solution' 'Gamma solution first.' '' '' ''
has '<a class="remove" href="/compare\?nid=7003&amp;nid=7001&amp;nid=7002"'
# in French: numbers and headings in the reader's language
page 200 '/fr/compare?nid=7001&nid=7002'
row_is 'Impact figures' 'Green roofs: 12,5 ha (2022)' '' # TODO translated row header below
