# The new types and the dates in what the hub gives away (issue 12, points
# 2 and 6): a JSON Lines file with a practice (partners, adopters, a contact
# with an e-mail address, labelled), a city, a network and an article, each
# dated. The API lists and gives each type, its objects are instances of the
# OpenAPI document's schemas; Atom and RSS carry every entry's dates, newest
# created first; the sitemap lists every node with its lastmod; the web CSV
# has the new columns. The contact's address is in none of them, nor in a
# search, while `praxis export` keeps it.
. tests/http/lib.sh
fixture=tests/data/transfer/hub.jsonl
email=anna.kowalska@poczta-urzad.example
private=poczta # a word of the address only: seen anywhere, the address leaked

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$fixture"
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/export.jsonl"
grep -qF "\"email\": \"$email\"" "$TMP/export.jsonl" || fail "praxis export lost the contact's e-mail address"
expect_status 0 "$PRAXIS" export --db "$TMP/db" --format csv
cp "$TMP/out" "$TMP/export.csv"
grep -qF "$email" "$TMP/export.csv" || fail "praxis export --format csv lost the contact's e-mail address"
start_server "$TMP/db"

# get STATUS PATH: page(), and the body kept in $TMP/bodies for the last check
: >"$TMP/bodies"
get() {
	page "$@"
	cat "$TMP/body" >>"$TMP/bodies"
}
page 200 /api/v1/openapi.json
cp "$TMP/body" "$TMP/openapi.json"
# instance SCHEMA FILE: FILE is an instance of the OpenAPI document's SCHEMA
instance() {
	python3 tests/http/openapi_check.py valid "$TMP/openapi.json" "$1" "$2" ||
		fail "$2 is not an instance of the OpenAPI schema $1"
}
# nids: the nids of the last body's nodes (API) or entries (feeds, sitemap), in order
nids() {
	case $1 in
	api) python3 -c 'import json,sys; print(" ".join(str(n["nid"]) for n in json.load(open(sys.argv[1]))["nodes"]))' "$TMP/body" ;;
	*) grep -oE "<$1>$(scheme)://[^<]*/node/[0-9]+</$1>" "$TMP/body" | grep -oE '[0-9]+<' | tr -d '<' | paste -sd' ' ;;
	esac
}
# same_order KIND WANT: the last body lists these nids, in this order
same_order() {
	local got
	got=$(nids "$1")
	[ "$got" = "$2" ] || fail "the last body lists nodes $got, expected $2"
}

# ---- the API: every type, newest created first, the export's objects less the address ----
get 200 /api/v1/nodes
instance NodePage "$TMP/body"
same_order api "901 902 903 904" # by created; by nid or by changed the order differs
python3 - "$TMP/body" "$TMP/export.jsonl" <<'PY' || fail "/api/v1/nodes is not the export's objects without the e-mail address"
import json, sys
got = {n["nid"]: n for n in json.load(open(sys.argv[1]))["nodes"]}
want = {n["nid"]: n for n in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
assert want[901]["contact"].pop("email") == "anna.kowalska@poczta-urzad.example"
assert got == want, (got, want)
assert list(got[901]) == list(want[901]), "keys out of the export's order"
PY
for nid in 901 902 903 904; do
	get 200 "/api/v1/nodes/$nid"
	instance Node "$TMP/body"
done
get 200 /api/v1/nodes/901
has '"contact":\{"name":"Anna Kowalska","organisation":"Urząd Miasta Łodzi","website":"https://korytarze.lodz.example/"\}'
has '"adopters":\[\{"city":"Wrocław","country":"Poland","network":903,"year":2023\},\{"city":"Aarhus","country":"Denmark","network":null,"year":null\}\]'
has '"created":"2024-03-05T09:15:00Z","changed":"2025-01-20T17:30:00Z"'
get 200 /api/v1/nodes/902
has '^\{"nid":902,"type":"city","title":"Łódź","country":"Poland","population":670642,"lat":51.7592,"lon":19.456,'
get 200 /api/v1/nodes/903
has '"lead_partner":\{"city":"Łódź","country":"Poland"\},"partners":\[\{"city":"Wrocław"'
has '"start":2022,"end":2024,"practice":901,'

get 200 '/api/v1/nodes?type=city'
same_order api 902
get 200 '/api/v1/nodes?type=network'
same_order api 903
get 200 '/api/v1/nodes?filter=type=network'
same_order api 903
get 200 '/api/v1/nodes?type=city&type=network'
same_order api "902 903"
get 200 '/api/v1/nodes?type=network&country=Poland'
same_order api ""
for bad in 'type=town' 'filter=type=town' 'type=cities'; do
	get 400 "/api/v1/nodes?$bad"
	grep -qi '^content-type: application/json' "$TMP/head" || fail "?$bad: the 400 is not JSON"
	instance Error "$TMP/body"
done
has '"error":"no type is called \\"cities\\"","status":400'

get 200 '/api/v1/search?q=corridors&type=network'
instance SearchResult "$TMP/body"
has '"hits":\[\{"nid":903,"type":"network","title":"Corridors Transfer",'
get 200 '/api/v1/search?q=lodz'
instance SearchResult "$TMP/body"
has '"type":\{[^}]*"city":1'
get 200 "/api/v1/search?q=$private"
has '^\{"total":0,' # the address is not searched: no way to probe for it

# ---- Atom: published (created) and updated (changed), newest created first ----
schema=tests/data/atom/rfc4287.rnc
atom() {
	get 200 "$1"
	grep -qi '^content-type: application/atom+xml' "$TMP/head" || fail "$1 is not served as Atom"
	jing -c "$schema" "$TMP/body" >"$TMP/jing" 2>&1 || { cat "$TMP/jing" >&2; fail "$1: not valid Atom"; }
}
atom /feed.atom # the home page's: practices and stories
same_order id "901 904"
python3 - "$TMP/body" <<'PY' || fail "the Atom entries' dates are not their nodes' created and changed"
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
assert feed.find(A + "updated").text == "2025-01-20T17:30:00Z", "the feed's updated is its newest change"
got = {e.find(A + "id").text.rsplit("/", 1)[1]: (e.find(A + "published").text, e.find(A + "updated").text)
       for e in feed.findall(A + "entry")}
assert got == {
    "901": ("2024-03-05T09:15:00Z", "2025-01-20T17:30:00Z"),
    "904": ("2021-01-15T07:00:00Z", "2021-01-15T07:00:00Z"),
}, got
PY
atom '/feed.atom?type=network'
has '<entry xml:lang="fr">'
same_order id 903
has '<updated>2024-12-24T23:59:59Z</updated>'
atom '/feed.atom?type=city'
same_order id 902
has '<published>2023-06-01T08:00:00Z</published>'
has '<updated>2024-11-02T12:00:00Z</updated>'
atom '/feed.atom?type=city&type=network'
same_order id "902 903"
atom '/search/feed.atom?q=corridors&type=network'
same_order id 903
atom '/search/feed.atom?q=Kowalska' # found by the contact's name; the entry has no contact
same_order id 901
atom '/good-practices/feed.atom'
same_order id 901
get 400 '/feed.atom?type=town'

# ---- RSS: pubDate is created, in RFC 822, UTC ----
rss() {
	get 200 "$1"
	grep -qi '^content-type: application/rss+xml' "$TMP/head" || fail "$1 is not served as RSS"
	xmllint --noout "$TMP/body" || fail "$1 is not well-formed XML"
}
rss /feed.rss
same_order link "901 904"
has '<lastBuildDate>Mon, 20 Jan 2025 17:30:00 \+0000</lastBuildDate>'
python3 - "$TMP/body" <<'PY' || fail "the RSS items' pubDate is not their nodes' created"
import sys, xml.etree.ElementTree as ET
items = ET.parse(sys.argv[1]).getroot().findall("channel/item")
got = [(i.find("link").text.rsplit("/", 1)[1], i.find("pubDate").text) for i in items]
assert got == [("901", "Tue, 05 Mar 2024 09:15:00 +0000"), ("904", "Fri, 15 Jan 2021 07:00:00 +0000")], got
PY
rss '/search/feed.rss?q=corridors&type=network'
same_order link 903
has '<pubDate>Sat, 10 Sep 2022 10:00:00 \+0000</pubDate>'

# ---- the sitemap: every node of every type, lastmod its change ----
sitemap_valid() {
	jing -c tests/data/sitemap/sitemap.rnc "$TMP/body" >"$TMP/jing" 2>&1 || { cat "$TMP/jing" >&2; fail "$1: not a valid sitemap"; }
}
get 200 /sitemap.xml
sitemap_valid /sitemap.xml
get 200 /sitemaps/1
sitemap_valid /sitemaps/1
same_order loc "901 902 903 904"
has '<url><loc>'"$(scheme)"'://127\.0\.0\.1:[0-9]+/node/902</loc><lastmod>2024-11-02T12:00:00Z</lastmod></url>'
has '<url><loc>'"$(scheme)"'://127\.0\.0\.1:[0-9]+/node/903</loc><lastmod>2024-12-24T23:59:59Z</lastmod></url>'
[ "$(grep -c '<lastmod>' "$TMP/body")" -eq 4 ] || fail "every node of the sitemap needs its lastmod"
get 200 /sitemaps/pages
sitemap_valid /sitemaps/pages

# ---- the web's CSV: the export's columns and rows, the address left out ----
get 200 '/search.csv?q=corridors'
python3 - "$TMP/body" "$TMP/export.csv" <<'PY' || fail "the web CSV is not the export's rows without the e-mail address"
import csv, json, sys
got = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
want = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert got[0] == want[0], got[0]
col = got[0].index("contact")
rows = {r[0]: r for r in want[1:]}
for r in got[1:]:
    w = rows[r[0]]
    if w[col]:
        c = json.loads(w[col])
        c.pop("email")
        w[col] = json.dumps(c, ensure_ascii=False, separators=(",", ":"))
    assert r == w, (r, w)
types = sorted(r[1] for r in got[1:])
assert types == ["article", "network", "practice"], types
PY
get 200 '/search.csv?q=lodz&type=city'
has '^902,"city","Łódź",'

# the practice's page shows the contact, not the address
get 200 /node/901
has 'Anna Kowalska'

# ---- the address is in none of the answers above ----
! grep -qi "$private" "$TMP/bodies" ||
	{ grep -i -m3 "$private" "$TMP/bodies" | cut -c1-300 >&2; fail "the contact's e-mail address was given away"; }
stop_server
