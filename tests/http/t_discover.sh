# Taxonomy pages, schema.org JSON-LD, OpenSearch, suggestions, sitemaps.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

page 200 /themes/jobs-and-skills
has '<h1>Jobs and skills</h1>'
has 'AS-FABRIK'
lacks 'BMINCOME'
has 'href="/good-practices/feed.atom\?themes=Jobs%20and%20skills"'
page 200 /countries/spain
has '2 practices and stories'
page 200 /cities/turin
has "<h1>Turin</h1>"
page 200 /cities/torino-it
has 'CO-CITY'
page 200 /authors/mikel-berra-sandin
has 'Gdansk-Gdynia-Sopot'
has 'href="/feed.atom\?author=Mikel%20Berra-Sand%C3%ADn"'
page 404 /themes/no-such-theme
page 404 /countries/
page 200 /
has 'href="/cities/bilbao-es">Bilbao</a>, <a href="/countries/spain">Spain</a>'
has 'href="/authors/mpapoutsi"'
has 'href="/themes/participative-governance"'

page 200 /node/17063
sed -n 's|.*<script type="application/ld+json">\(.*\)</script>.*|\1|p' "$TMP/body" >"$TMP/ld.json"
python3 - "$TMP/ld.json" <<'PY' || fail "the JSON-LD of a practice is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["@context"] == "https://schema.org" and d["@type"] == "Article", d
assert d["headline"] == "CO-CITY" and d["identifier"] == 17063, d
assert d["contentLocation"]["address"]["addressCountry"] == "Italy", d
PY
page 200 /opensearch.xml
xmllint --noout "$TMP/body" || fail "the OpenSearch description is not XML"
has 'template="'"$(scheme)"'://127.0.0.1:[0-9]+/search\?q=\{searchTerms\}"'
page 200 /
has '<link rel="search" type="application/opensearchdescription\+xml"'
page 200 '/api/v1/suggest?q=co-ci'
has '^\["co-ci",\["CO-CITY"'
page 200 '/api/v1/suggest?q='
has '^\["",\[\]\]$'

page 200 /sitemap.xml
xmllint --noout "$TMP/body" || fail "the sitemap index is not XML"
has '<loc>'"$(scheme)"'://127.0.0.1:[0-9]+/sitemaps/1</loc>'
page 200 /sitemaps/1
xmllint --noout "$TMP/body" || fail "the node sitemap is not XML"
[ "$(grep -c '<url>' "$TMP/body")" -eq 10 ] || fail "the node sitemap should list 10 nodes"
page 200 /sitemaps/pages
has '/themes/jobs-and-skills</loc>'
has '/countries/italy</loc>'
page 404 /sitemaps/2

# the map: the practices of a listing placed by their city (t_map_overview
# has the whole-result map's own tests), one on its page
page 200 /static/europe.svg
grep -qi '^content-type: image/svg+xml' "$TMP/head" || fail "the map is not served as SVG"
xmllint --noout "$TMP/body" || fail "the map is not XML"
has '<title>Spain</title>'
page 200 /
[ "$(python3 tests/http/map_marks.py "$TMP/body" sum wide)" -eq 3 ] || fail "the home page should place 3 practices"
has '<a href="/good-practices[?]place=IT%3Aturin" tabindex="-?[0-9]" aria-label="Turin, Italy: 1 practice"'
page 200 '/fr/good-practices?country=Spain'
[ "$(python3 tests/http/map_marks.py "$TMP/body" sum wide)" -eq 2 ] || fail "Spain's practices should be counted 2"
has '<a href="/fr/good-practices[?]country=Spain&amp;place=ES%3A[a-z]+" tabindex="-?[0-9]" aria-label="[^"]*, Espagne: 1 pratique"'
page 200 /node/17065
has '<svg viewBox="[0-9-]+ [0-9-]+ 320 [0-9]+"'
has '<title>AS-FABRIK, Bilbao</title>'
page 200 /node/17072
lacks '<circle '
stop_server
