# Bad requests get a page in the hub's design with a 4xx status and a
# reason, never a 500 nor a crash.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

page 404 /node/999999
has 'There is no node with this number'
has '<link rel="stylesheet" href="/static/praxis.css">'
page 404 /node/0
page 404 /node/abc
page 404 /node/17065/extra
page 404 /no/such/page
page 404 /static/../Makefile
page 404 /static/nothing.css
page 400 '/?page=0'
has 'page number'
page 400 '/?page=-1'
page 400 '/?page=x'
page 400 '/?page=99999999999999999999'
page 400 '/?page=2'
has 'the last is 1'
page 400 '/good-practices?country=Atlantis'
has 'no country is called'
page 400 '/good-practices?filter=planet=Mars'
has 'A filter names no known field'
page 200 '/good-practices?filter=country=Spain'
has '2 practices'
page 400 '/search?q=%ff%fe'
has 'not valid UTF-8'
page 400 '/search?q=ok&city=%c3%28'
page 400 '/good-practices?%ff=1'
page 414 "/search?q=$(head -c 5000 /dev/zero | tr '\0' a)"
page 405 / -X POST
page 405 / -X DELETE
grep -qi '^allow: GET, HEAD' "$TMP/head" || fail "405 without Allow"
# a query the engine cannot parse whole is still answered
page 200 '/search?q=%22unclosed'
page 200 '/search?q=-'
page 200 '/search?q=OR%20OR'
# headers past the limit: the connection is refused, the server lives on
curl -s -o /dev/null -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' a)" "$BASE/" || true
page 200 /
stop_server
