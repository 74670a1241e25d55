# Feeds: Atom for the stream, the filtered practices and a search validates
# against RFC 4287's RELAX NG grammar; RSS 2.0 is well-formed with its
# items; pages advertise their feeds; stored markup stays escaped in XML.
. tests/http/lib.sh
schema=tests/data/atom/rfc4287.rnc
atom_valid() { jing -c "$schema" "$1" >"$TMP/jing" 2>&1 || { cat "$TMP/jing" >&2; fail "$2: not valid Atom"; }; }

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf '%s\n' '{"nid": 500, "type": "article", "title": "<script>alert(1)</script> & co", "author": "A \"B\" <c>", "language": "en", "body": "Housing </summary> cooperatives"}' >"$TMP/x.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/x.jsonl"
start_server "$TMP/db"

for path in /feed.atom '/good-practices/feed.atom?country=Spain' '/search/feed.atom?q=housing%20cooperatives'; do
	page 200 "$path"
	grep -qi '^content-type: application/atom+xml' "$TMP/head" || fail "$path is not served as Atom"
	atom_valid "$TMP/body" "$path"
	lacks '<script>'
done
page 200 /feed.atom
has '<entry xml:lang="en">'
has '<title>&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; co</title>'
has '<link rel="alternate" type="text/html" href="'"$(scheme)"'://127.0.0.1:[0-9]+/node/17065"/>'
[ "$(grep -c '<entry' "$TMP/body")" -eq 11 ] || fail "the stream's feed should have 11 entries"
# the validator refuses what it should: an entry without its id
sed '0,/<id>http[^<]*node[^<]*<\/id>/s///' "$TMP/body" >"$TMP/broken.atom"
! jing -c "$schema" "$TMP/broken.atom" >/dev/null 2>&1 || fail "jing accepted an entry without atom:id"

page 200 '/good-practices/feed.atom?country=Spain'
[ "$(grep -c '<entry' "$TMP/body")" -eq 2 ] || fail "Spain's practices feed should have 2 entries"
page 200 /feed.rss
grep -qi '^content-type: application/rss+xml' "$TMP/head" || fail "/feed.rss is not served as RSS"
xmllint --noout "$TMP/body" || fail "/feed.rss is not well-formed XML"
has '<pubDate>[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000</pubDate>'
[ "$(grep -c '<item>' "$TMP/body")" -eq 11 ] || fail "the stream's RSS should have 11 items"
page 200 '/search/feed.rss?q=barcelona'
xmllint --noout "$TMP/body" || fail "the search RSS is not well-formed XML"
page 400 /search/feed.atom
page 400 '/good-practices/feed.atom?country=Nowhere'

# browsers: the feeds name a stylesheet (a browser shows a page, not raw
# XML) and stay valid; chromium applies it only to application/xml, so a
# browser (text/html in Accept) gets that, a feed reader the feed's type,
# and the page cache keeps the two apart
html='Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
for path in /feed.atom /feed.rss '/search/feed.atom?q=housing' '/search/feed.rss?q=housing'; do
	page 200 "$path"
	[ "$(sed -n 2p "$TMP/body")" = '<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>' ] ||
		fail "$path names no stylesheet on its second line"
	has '<px:browser subscribe="'"$(scheme)"'://127.0.0.1:[0-9]+/subscribe[^"]*" subscribe-label="How to subscribe" address-label="This feed&#39;s address">This is a feed: '
	case $path in *atom*) atom_valid "$TMP/body" "$path" ;; *) xmllint --noout "$TMP/body" || fail "$path: not XML" ;; esac
	type=$(sed -n 's/^[Cc]ontent-[Tt]ype: \([^;]*\).*/\1/p' "$TMP/head")
	page 200 "$path" -H "$html"
	grep -qi '^content-type: application/xml; charset=utf-8' "$TMP/head" || fail "$path is not application/xml to a browser"
	grep -qi '^vary: accept\s*$' "$TMP/head" || fail "$path does not say it varies with Accept"
	page 200 "$path"
	grep -qi "^content-type: $type" "$TMP/head" || fail "$path: the cache gave a feed reader the browser's type"
	grep -qi '^x-cache: hit' "$TMP/head" || fail "$path: the feed reader's answer was not cached"
done
page 200 /search/feed.atom?q=housing -H 'Accept: application/atom+xml, application/xml;q=0.9'
grep -qi '^content-type: application/atom+xml' "$TMP/head" || fail "a feed reader asking for Atom did not get it"
page 200 /fr/feed.rss
has '<px:browser [^>]*>Ceci est un flux'
page 200 /static/feed.xsl
grep -qi '^content-type: text/xsl' "$TMP/head" || fail "feed.xsl is not served as text/xsl"
xmllint --noout "$TMP/body" || fail "feed.xsl is not well-formed"
has '<xsl:template match="/a:feed">'
has '<xsl:template match="/rss">'
lacks 'style=|<script' # the CSP forbids them in what it makes

# a search's feed is newest first, like the others (t_search_pages checks a
# late match leads): here, the same entries as the API's sort=newest (for
# "city", an order unlike the ranked one)
page 200 '/search/feed.atom?q=city'
grep -o '<id>[^<]*/node/[0-9]*</id>' "$TMP/body" | sed 's|.*/node/||; s|</id>||' >"$TMP/fed"
page 200 '/api/v1/search?q=city&sort=newest&limit=20'
python3 -c 'import json, sys; print("\n".join(str(h["nid"]) for h in json.load(open(sys.argv[1]))["hits"]))' "$TMP/body" >"$TMP/api"
[ -s "$TMP/fed" ] && cmp -s "$TMP/fed" "$TMP/api" || fail "the search feed is not the API's newest matches in order"

page 200 '/good-practices?country=Spain'
has '<link rel="alternate" type="application/atom\+xml" title="Good practices \(Atom\)" href="/good-practices/feed.atom\?country=Spain">'
has '<a href="/good-practices/feed.rss\?country=Spain">RSS</a>'
page 200 '/search?q=housing'
has 'href="/search/feed.atom\?q=housing"'
stop_server
