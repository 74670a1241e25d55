# The XSS corpus (tests/data/xss/payloads.txt, 45 payloads) saved through
# the web forms into every field of a practice and of a story, then every
# page type that shows them opened in chromium (tests/e2e/xss.js): no
# payload runs, no markup of a payload reaches the DOM; every feed is
# well-formed XML and every API answer parses as JSON.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "add"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
k=0
while IFS= read -r p; do
	k=$((k + 1))
	v="X$k $p"
	post 303 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d action=publish -d type=practice \
		--data-urlencode "title=$v" --data-urlencode "subtitle=$v" --data-urlencode "city=$v" \
		--data-urlencode "country=$v" -d language=en --data-urlencode "themes=$v" --data-urlencode "labels=$v" \
		--data-urlencode "summary=$v" --data-urlencode "solution=$v" --data-urlencode "collaboration=$v" \
		--data-urlencode "impact=$v" --data-urlencode "transfer=$v"
	sed -n 's|^[Ll]ocation: .*\(/node/[0-9]*\)\r$|\1|p' "$TMP/head" >>"$TMP/nodes"
	post 303 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d action=publish -d type=article \
		--data-urlencode "title=$v" --data-urlencode "author=$v" -d language=en --data-urlencode "body=$v"
	sed -n 's|^[Ll]ocation: .*\(/node/[0-9]*\)\r$|\1|p' "$TMP/head" >>"$TMP/nodes"
done <tests/data/xss/payloads.txt
[ "$(wc -l <"$TMP/nodes")" = 90 ] || fail "not every payload was saved"

# every page type: listings, search, nodes (public and the editors' views),
# taxonomy pages linked from them, the admin pages
{
	for i in 1 2 3 4 5; do echo "/?page=$i"; done
	echo /good-practices
	echo '/good-practices?page=2'
	echo '/search?q=alert'
	echo '/search?q=script+onerror'
	echo '/fr/search?q=x1'
	while read -r n; do echo "$n"; done <"$TMP/nodes"
	head -4 "$TMP/nodes" | sed 's|$|/edit|'
	head -4 "$TMP/nodes" | sed 's|$|/history|'
	echo /admin/audit
	echo /admin
} >"$TMP/urls"
for n in $(head -6 "$TMP/nodes"); do
	curl -s "$BASE$n" | grep -o 'href="/\(themes\|countries\|cities\|authors\)/[^"]*"' | sed 's/href="//; s/"$//'
done | sort -u >>"$TMP/urls"
grep -q '^/themes/' "$TMP/urls" || fail "no taxonomy page linked from the payload nodes"
session=$(awk '$6 == "praxis_session" { print $7 }' "$TMP/ed.jar")
# in chromium once, against the ASan/UBSan build (browser_once in lib.sh)
if browser_here; then
	node tests/e2e/xss.js "$BASE" "$TMP/urls" "praxis_session=$session" || fail "a payload got through"
fi

for f in /feed.atom /feed.rss /good-practices/feed.atom /search/feed.rss?q=alert /sitemaps/pages; do
	page 200 "$f"
	xmllint --noout "$TMP/body" 2>"$TMP/xml.err" || fail "$f is not well-formed XML: $(head -3 "$TMP/xml.err")"
done
for a in '/api/v1/nodes' '/api/v1/search?q=alert' "/api/v1$(head -1 "$TMP/nodes" | sed 's|/node/|/nodes/|')"; do
	page 200 "$a"
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/body" || fail "$a is not JSON"
done
stop_server
