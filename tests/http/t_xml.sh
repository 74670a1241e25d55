# XML documents stay well-formed whatever the text holds (issue 11,
# finding 9): U+0001, BEL, U+FFFE and U+FFFF in a title (from ingest), in a
# search (?q=city%07) or in the Host header are replaced (U+FFFD) in the
# feeds, the search feeds, opensearch.xml and the sitemaps, which an XML
# parser then reads.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf '%s\n' '{"nid": 501, "type": "article", "title": "City \u0001 bell \u0007 nonchars \uFFFE \uFFFF end", "author": "A \u0007 B", "language": "en", "body": "City housing \u0001 cooperatives \uFFFF"}' >"$TMP/x.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/x.jsonl"
start_server "$TMP/db"

# well_formed PATH [CURL ARGS]: PATH answers 200 with XML a parser reads
well_formed() {
	page 200 "$@"
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$TMP/body" 2>"$TMP/xml.err" ||
		{ cat "$TMP/xml.err" >&2; fail "$1 is not well-formed XML"; }
}
for path in /feed.atom /feed.rss '/search/feed.atom?q=city' '/search/feed.rss?q=city' \
	'/search/feed.atom?q=city%07' '/search/feed.rss?q=city%01%EF%BF%BE' '/good-practices/feed.atom' \
	/sitemap.xml /sitemaps/pages /sitemaps/1 /opensearch.xml; do
	well_formed "$path"
done
well_formed '/feed.atom'
has 'City � bell � nonchars � � end' # each replaced, the rest kept
# a Host with control characters: nginx refuses it itself (400), so the
# server's own escaping of one is checked on its own socket
through=$BASE BASE=$DIRECT
well_formed /opensearch.xml -H $'Host: evil\x07.example'
well_formed '/search/feed.atom?q=city%07' -H $'Host: a\x01b'
BASE=$through
stop_server
