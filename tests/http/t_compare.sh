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

# row_is ROW CELL...: the row whose header is ROW in the last page has
# exactly these cells (tags stripped; "" an empty one). Checked together
# by rows_ok, one reading of the page.
: >"$TMP/want"
row_is() {
	local IFS=$'\t'
	echo "$*" >>"$TMP/want"
}
rows_ok() {
	python3 - "$TMP/body" "$TMP/want" <<'PY' || fail "rows of the comparison"
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    row, *want = line.rstrip("\n").split("\t")
    m = re.search(r'<tr[^>]*><th scope="row">' + re.escape(row) + r'</th>(.*?)</tr>', page, re.S)
    got = [html.unescape(re.sub(r'<[^>]+>', '', c)).strip() for c in re.findall(r'<td[^>]*>(.*?)</td>', m.group(1), re.S)] if m else None
    if got != want:
        print("row %r: got %r, expected %r" % (row, got, want), file=sys.stderr)
        bad = 1
sys.exit(bad)
PY
	: >"$TMP/want"
}

# ---- two practices: facts side by side, sections aligned ----
page 200 '/compare?nid=7001&nid=7002'
has '<th scope="col" lang="en"><a href="/node/7001">ALPHA ROOFS</a>'
has '<a href="/node/7002">BETA BIKES</a>'
row_is City 'Bologna, Italy' 'Sevilla, Spain'
row_is Population '392,203 (large)' '684,234 (large)'
row_is Themes Environment Mobility
row_is 'Year of labelisation' 2019 'Not given'
row_is 'In partnership with' 'Gent (Belgium)' 'Not given'
row_is 'Adapted by these cities' 'Not given' 'Porto (Portugal, 2021)'
row_is 'Impact figures' 'Green roofs: 12.5 ha (2022)' 'Not given'
rows_ok
# a row per section key either has, in key order; each cell the first paragraph
row_is Summary 'Alpha summary first.' 'Beta summary first.'
row_is 'The impact and results' 'Alpha impact first.' 'Not given'
row_is 'Why this good practice should be transferred to other cities?' 'Not given' 'Beta transfer first.'
rows_ok
lacks 'The innovative solution' # neither has one
lacks 'summary second|transfer second'
# each column's Remove leads to the comparison without it
has '<a class="remove" href="/compare\?nid=7002"'
has '<a class="remove" href="/compare\?nid=7001"'

# ---- four: every column, the rows still aligned ----
page 200 '/compare?nid=7003&nid=7001&nid=7004&nid=7002'
row_is City 'Łódź, Poland' 'Bologna, Italy' 'Aarhus, Denmark' 'Sevilla, Spain'
row_is Population 'Not given' '392,203 (large)' '285,273 (large)' '684,234 (large)'
row_is Summary 'Not given' 'Alpha summary first.' 'Not given' 'Beta summary first.'
row_is 'The innovative solution' 'Gamma solution first.' 'Not given' 'Not given' 'Not given'
rows_ok
has '<a class="remove" href="/compare\?nid=7003&amp;nid=7001&amp;nid=7002"'
# in French: numbers and headings in the reader's language
page 200 '/fr/compare?nid=7001&nid=7002'
row_is 'Chiffres d’impact' 'Green roofs: 12,5 ha (2022)' 'Non renseigné'
row_is Population $'392\u202f203 (grande ville)' $'684\u202f234 (grande ville)'
rows_ok
has '<h1>Comparer des pratiques</h1>'
has '>Retirer<span class="hidden">: ALPHA ROOFS</span></a>'

# ---- one practice: shown, with the hint to add another ----
page 200 '/compare?nid=7002'
has 'Add another practice to compare'
has '<a href="/good-practices\?nid=7002">Choose practices</a>'
row_is City 'Sevilla, Spain'
rows_ok
page 200 '/compare'
has 'Add another practice to compare'
lacks '<table'

# ---- bad input: 400 in the reader's language, saying what ----
page 400 '/compare?nid=7001&nid=7002&nid=7003&nid=7004&nid=7005'
has 'At most four practices can be compared side by side\.'
page 400 '/fr/compare?nid=7001&nid=7002&nid=7003&nid=7004&nid=7005'
has 'On peut comparer au plus quatre pratiques côte à côte\.'
page 400 '/compare?nid=7001&nid=seven'
has 'A practice is named by its number, not “seven”.'
page 400 '/compare?nid=7001&nid=-3'
page 400 "/compare?nid=$(printf '%%C3%%A9%.0s' $(seq 30))" # 60 bytes of é: cut whole, valid UTF-8
python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$TMP/body" || fail "the 400 page cut a character"
has 'not “(é){20}”\.'
page 400 '/compare?nid=7001&nid=99999999999999999999'
page 400 '/compare?nid=7001&nid=7002&nid=7001'
has 'This practice is named twice: 7001\.'
page 400 '/es/compare?nid=7001&nid=7001'
has 'Esta práctica figura dos veces: 7001\.'
# a nid that names no published practice: 404, the others shown, it named
for gone in 424242 7006; do
	page 404 "/compare?nid=7001&nid=$gone&nid=7002"
	has "No published practice has the number $gone\. <a href=\"/compare\?nid=7001&amp;nid=7002\">Compare without it</a>"
	row_is City 'Bologna, Italy' 'Sevilla, Spain'
	rows_ok
	lacks 'Add another practice' # it would carry the bad nid to the listing
	grep -qi '^cache-control: no-store' "$TMP/head" || fail "a 404 comparison may be cached"
done

# ---- escaping: a title, a section and a figure with markup ----
page 200 '/compare?nid=7005&nid=7001'
lacks '<script>alert|<img src=x|<b>bold'
has '&lt;script&gt;alert\(7005\)&lt;/script&gt; &amp; co</a>'
has '&lt;img src=x onerror=alert\(1\)&gt; summary\.'
has '&lt;b&gt;bold&lt;/b&gt;</span>: '
lacks 'href="javascript:'
page 200 /node/7005
lacks '<script>alert|<b>bold|href="javascript:'
has '<td class="source">javascript:alert\(2\)</td>' # a citation, not a link

# ---- the cards of a listing: a box each, one form ----
page 200 '/good-practices'
n_cards=$(grep -c '<article class="card practice"' "$TMP/body")
n_boxes=$(grep -c '<input type="checkbox" name="nid" value="[0-9]*" form="compare-form">' "$TMP/body")
[ "$n_cards" -ge 5 ] && [ "$n_cards" = "$n_boxes" ] || fail "$n_cards practice cards but $n_boxes compare boxes"
[ "$(grep -c '<form id="compare-form"' "$TMP/body")" = 1 ] || fail "not one compare form on /good-practices"
has '<form id="compare-form" class="compare-bar" action="/compare" method="get">'
has '<button type="submit">Compare selected</button>'
# what the browser sends: the ticked boxes, as nid=..
page 200 '/search?q=roofs'
has 'value="7001" form="compare-form"'
page 200 '/themes/environment'
has 'value="7003" form="compare-form"'
page 200 /cities/bologna-it
has 'value="7001" form="compare-form"'
has '<form id="compare-form"'
# a listing asked with the comparison carries it: its card ticked, the
# others as hidden inputs of the form; bad ones left out
page 200 '/good-practices?nid=7001&nid=424242&nid=x&nid=7001'
has '<input type="checkbox" name="nid" value="7001" form="compare-form" checked>'
sed -n '/<form id="compare-form"/,/<\/form>/p' "$TMP/body" >"$TMP/form"
expect_grep "$TMP/form" '^<input type="hidden" name="nid" value="424242">$'
[ "$(grep -c 'name="nid"' "$TMP/form")" = 1 ] || fail "the compare form carries more than 424242: $(cat "$TMP/form")"
[ "$(grep -c 'name="nid" value="7001" form="compare-form"' "$TMP/body")" = 1 ] || fail "nid 7001 carried twice"
# the practice page starts a comparison
page 200 /node/7001
has '<a href="/compare\?nid=7001">Compare with other practices</a>'

# ---- the page cache: a saved practice never leaves a stale comparison ----
page 200 '/compare?nid=7001&nid=7002'
page 200 '/compare?nid=7001&nid=7002' # from the cache now
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
base=$(curl -s -b "$TMP/ed.jar" "$BASE/node/7002/edit" | sed -n 's/.*name="base" value="\([0-9]*\)".*/\1/p')
post 303 /node/7002/edit "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d "base=$base" -d action=save -d type=practice \
	--data-urlencode 'title=BETA BICYCLES' -d country=Spain -d city=Sevilla -d language=en -d themes=Mobility \
	--data-urlencode 'summary=Beta summary renewed.'
page 200 '/compare?nid=7001&nid=7002'
has '<a href="/node/7002">BETA BICYCLES</a>'
row_is Summary 'Alpha summary first.' 'Beta summary renewed.'
rows_ok
stop_server
