# Search pages and subscribing (issue 13), on a generated hub with nodes
# of our own: numbered pages link the right offsets and the last page;
# sort=newest orders the hits by created (then nid), checked against the
# API's created values, on the page, the API and every page after; the
# Filters jump link targets the filters; the subscribe page offers feeds
# whose query and filters are the search's; a search's feed puts a match
# published after the others first.
. tests/http/lib.sh
gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 600 --seed 13 >"$TMP/gen.txt" || fail "gen_listing failed"
# three matches of a word nobody else has, dated out of nid order, the
# most relevant (the word thrice in its title) the oldest
cat >"$TMP/dated.jsonl" <<'EOF'
{"nid": 60001, "type": "article", "title": "Zorblax zorblax zorblax", "author": "T", "language": "en", "body": "zorblax", "created": "2020-01-01T00:00:00Z", "changed": "2020-01-01T00:00:00Z"}
{"nid": 60002, "type": "article", "title": "Gardens", "author": "T", "language": "en", "body": "A zorblax once.", "created": "2025-06-01T00:00:00Z", "changed": "2025-06-01T00:00:00Z"}
{"nid": 60003, "type": "article", "title": "Zorblax roofs", "author": "T", "language": "en", "body": "zorblax", "created": "2023-03-01T00:00:00Z", "changed": "2023-03-01T00:00:00Z"}
EOF
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt "$TMP/gen.txt" "$TMP/dated.jsonl"
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"

# hits PATH: the nids of the cards of the page at PATH, one a line
hits() {
	page 200 "$1"
	grep -o '<h2><a href="/node/[0-9]*"' "$TMP/body" | sed 's|.*/node/||; s|"||'
}
# entry_nids: the nids of the last feed's Atom entries, in order
entry_nids() {
	grep -o '<id>[^<]*/node/[0-9]*</id>' "$TMP/body" | sed 's|.*/node/||; s|</id>||'
}
# api PATH EXPR: a Python expression over the JSON answer d
api() {
	page 200 "$1"
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMP/body" "$2"
}

# ---- numbered pages ----
total=$(api '/api/v1/search?q=housing&limit=1' 'd["total"]')
pages=$(((total + 9) / 10))
[ "$pages" -ge 8 ] || fail "the generated hub should give 'housing' 8 pages or more, not $pages"
page 200 '/search?q=housing'
has '<nav class="pager" aria-label="Pages">'
has '<a href="/search\?q=housing" aria-current="page"><span class="hidden">Page </span>1</a>'
has '<a href="/search\?q=housing&amp;page=3"><span class="hidden">Page </span>3</a>'
lacks 'page=4"' # two pages on each side, no more
has "<a href=\"/search\\?q=housing&amp;page=$pages\"><span class=\"hidden\">Page </span>$pages</a>"
has 'rel="next" href="/search\?q=housing&amp;page=2">Next →'
lacks 'rel="prev"'
lacks 'Newer|Older' # a ranked list: previous and next, not newer and older
page 200 '/search?q=housing&page=5'
has '<a href="/search\?q=housing"><span class="hidden">Page </span>1</a>' # the first page
has 'rel="prev" href="/search\?q=housing&amp;page=4">← Previous'
for n in 3 4 6 7; do has "href=\"/search\\?q=housing&amp;page=$n\"><span class=\"hidden\">Page </span>$n</a>"; done
has 'page=5" aria-current="page"'
has '<li class="gap" aria-hidden="true">…</li>'
# every number links the page whose hits it says: page 4's link gives the API's hits 30..39
want=$(api '/api/v1/search?q=housing&limit=10&offset=30' '"\n".join(str(h["nid"]) for h in d["hits"])')
[ "$(hits '/search?q=housing&page=4')" = "$want" ] || fail "page 4 does not hold the hits from offset 30"
last=$(hits "/search?q=housing&page=$pages" | wc -l)
[ "$last" -eq $((total - (pages - 1) * 10)) ] || fail "the last page holds $last hits of $total"
lacks 'rel="next"'
page 400 "/search?q=housing&page=$((pages + 1))"
page 200 '/?page=2' # a newest-first listing keeps its words
has 'rel="prev" href="/">← Newer'
has 'aria-current="page"><span class="hidden">Page </span>2</a>'

# the pager with its gaps, valid HTML (t_html checks the other pages on a smaller hub)
vnu=node_modules/vnu-jar/build/dist/vnu.jar
npager=0
for p in '/search?q=housing&page=5' "/search?q=housing&page=$pages" '/?page=3'; do
	page 200 "$p"
	cp "$TMP/body" "$TMP/pager$((++npager)).html"
done
java -jar "$vnu" --Werror "$TMP"/pager*.html 2>"$TMP/vnu" || { cat "$TMP/vnu" >&2; fail "the Nu Html Checker found problems"; }

# ---- sort=newest ----
# every node's created, from the API's pages: one JSON answer a line
np=$(api '/api/v1/nodes' 'd["pages"]')
for p in $(seq "$np"); do
	curl -s "$BASE/api/v1/nodes?page=$p" || fail "/api/v1/nodes?page=$p failed"
done >"$TMP/nodes.jsonl"
# newest_first FILE: the nids in FILE (one a line) come by created, then nid, newest first
newest_first() {
	python3 - "$TMP/nodes.jsonl" "$1" <<'PY' || fail "sort=newest: $1 is not newest first"
import json, sys
created = {n["nid"]: n["created"] for line in open(sys.argv[1]) for n in json.loads(line)["nodes"]}
keys = [(created[int(nid)], int(nid)) for nid in open(sys.argv[2]).read().split()]
bad = [(a, b) for a, b in zip(keys, keys[1:]) if a < b]
for a, b in bad:
    print("node %d (created %s) comes before node %d (created %s)" % (a[1], a[0], b[1], b[0]), file=sys.stderr)
sys.exit(1 if bad or len(keys) < 2 else 0)
PY
}
api '/api/v1/search?q=housing&sort=newest&limit=40' '"\n".join(str(h["nid"]) for h in d["hits"])' >"$TMP/newest"
api '/api/v1/search?q=housing&limit=40' '"\n".join(str(h["nid"]) for h in d["hits"])' >"$TMP/ranked"
[ "$(wc -l <"$TMP/newest")" -eq 40 ] || fail "sort=newest: not 40 hits"
newest_first "$TMP/newest"
cmp -s "$TMP/newest" "$TMP/ranked" && fail "the generated hub ranks the newest first: no test"
[ "$(api '/api/v1/search?q=housing&sort=newest&limit=1' 'd["total"]')" = "$total" ] || fail "sort=newest changed the total"
[ "$(hits '/search?q=housing&sort=newest')" = "$(head -10 "$TMP/newest")" ] || fail "the newest page 1 is not the API's"
[ "$(hits '/search?q=housing&sort=newest&page=3')" = "$(sed -n 21,30p "$TMP/newest")" ] ||
	fail "the newest page 3 is not the API's hits 20..29"
has 'href="/search\?q=housing&amp;sort=newest&amp;page=4"' # the order kept across pages
has 'href="/search\?q=housing&amp;sort=newest" aria-current="true">newest</a>'
has 'href="/search\?q=housing">relevance</a>'
hits '/search?q=housing&sort=newest&country=Spain' >"$TMP/spain"
has 'href="/search\?q=housing&amp;sort=newest&amp;country=Spain&amp;themes=Housing"' # and across filters
[ -s "$TMP/spain" ] || fail "no housing practice in Spain"
newest_first "$TMP/spain"
[ "$(hits '/search?q=zorblax' | tr '\n' ,)" = "60001,60003,60002," ] || fail "zorblax: the ranked order changed"
[ "$(hits '/search?q=zorblax&sort=newest' | tr '\n' ,)" = "60002,60003,60001," ] || fail "zorblax: not newest first"
page 400 '/search?q=housing&sort=oldest'
page 400 '/api/v1/search?q=housing&sort=oldest'
has '"sort is relevance or newest"'
[ "$(api /api/v1/openapi.json '[p["schema"]["enum"] for p in d["paths"]["/search"]["get"]["parameters"] if p["name"] == "sort"]')" = "[['relevance', 'newest']]" ] ||
	fail "the OpenAPI document does not describe sort"
page 200 '/good-practices?q=housing&sort=newest' # keywords on the practices rank too
has '<input type="hidden" name="sort" value="newest">'

# ---- phones: the Filters link before the results targets the filters ----
page 200 '/search?q=housing'
has '<a class="to-filters" href="#filters">Filters</a>'
has '<aside class="facets" id="filters"'
[ "$(grep -n 'class="to-filters"' "$TMP/body" | cut -d: -f1)" -lt "$(grep -n '<article class="card' "$TMP/body" | head -1 | cut -d: -f1)" ] ||
	fail "the Filters link comes after the results"
page 200 '/good-practices?country=Spain'
has '<a class="to-filters" href="#filters">Filters</a>'
has '<aside class="facets" id="filters"'

# ---- subscribing ----
page 200 '/search?q=housing&country=Spain&sort=newest'
has '<a class="subscribe" href="/subscribe/search\?q=housing&amp;country=Spain">Subscribe</a>'
page 200 '/subscribe/search?q=housing&country=Spain'
has '<h1>Subscribe</h1>'
has 'A feed lists the newest entries'
has '<span class="chip">Spain</span>'
has "<input id=\"atom-address\" type=\"text\" readonly value=\"$BASE/search/feed.atom\\?q=housing&amp;country=Spain\">"
has "<input id=\"rss-address\" type=\"text\" readonly value=\"$BASE/search/feed.rss\\?q=housing&amp;country=Spain\">"
has '<a href="/search/feed.atom\?q=housing&amp;country=Spain">Open the Atom feed</a>'
# the feed offered holds the search's matches: the API's with the same query and filters
atom=$(sed -n 's|.*<a href="\([^"]*\)">Open the Atom feed</a>.*|\1|p' "$TMP/body" | sed 's/&amp;/\&/g')
page 200 "$atom"
entry_nids | sort >"$TMP/fed"
api '/api/v1/search?q=housing&country=Spain&sort=newest&limit=20' '"\n".join(str(h["nid"]) for h in d["hits"])' |
	sort >"$TMP/searched"
[ -s "$TMP/fed" ] && cmp -s "$TMP/fed" "$TMP/searched" || fail "the subscribed feed is not the search's"
for p in / '/good-practices?country=Spain' /themes/housing '/authors/t'; do
	page 200 "$p"
	has '<a class="subscribe" href="/subscribe'
done
page 200 /themes/housing
has 'href="/subscribe/good-practices\?themes=Housing"'
page 200 '/subscribe?author=T'
has 'href="/feed.atom\?author=T">Open the Atom feed'
page 200 '/subscribe/good-practices?themes=Housing'
has 'href="/good-practices/feed.rss\?themes=Housing">Open the RSS feed'
page 400 /subscribe/search
page 400 '/subscribe/good-practices?country=Nowhere'
page 200 '/fr/subscribe/search?q=housing'
has 'Copiez l(&#39;|.)adresse du flux'

# ---- a search's feed: newest first, so a match published later leads ----
feed_nids() {
	page 200 "$1"
	entry_nids | tr '\n' ,
}
[ "$(feed_nids '/search/feed.atom?q=zorblax')" = "60002,60003,60001," ] || fail "the search feed is not newest first"
login ed "$TMP/ed.jar"
post 303 /node/new "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")&action=publish&type=article&title=Late+news&author=Ed&language=en&body=One+more+zorblax."
late=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$late" ] || fail "no node page after publishing"
[ "$(hits '/search?q=zorblax' | head -1)" != "$late" ] || fail "the late match ranks first: no test"
[ "$(feed_nids '/search/feed.atom?q=zorblax')" = "$late,60002,60003,60001," ] || fail "the new match is not first in the Atom feed"
page 200 '/search/feed.rss?q=zorblax'
[ "$(grep -o '<guid isPermaLink="true">[^<]*' "$TMP/body" | head -1 | sed 's|.*/node/||')" = "$late" ] ||
	fail "the new match is not first in the RSS feed"
stop_server
