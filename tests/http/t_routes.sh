# Every route of the hub on the sample listing: the stream, the practices
# with their filters and counts, search (inflection, translation, typo),
# a practice and an article, the stylesheet, and a clean stop.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

page 200 /
has '<html lang="en">'
has '10 practices and stories'
has 'href="/node/17065">AS-FABRIK</a>'
has '<p class="place" lang="en"><a href="/cities/turin-it">Turin</a>, <a href="/countries/italy">Italy</a></p>'
has 'Mikel Berra-Sandín'
grep -qi '^content-type: text/html; charset=utf-8' "$TMP/head" || fail "no HTML content type"
grep -qi '^content-security-policy:' "$TMP/head" || fail "no Content-Security-Policy"

page 200 '/good-practices'
has '3 practices'
has 'href="/good-practices\?country=Spain">Spain</a> <span class="n">2</span>'
page 200 '/good-practices?country=Spain'
has '2 practices'
has 'class="chip">Spain'
lacks 'CO-CITY'
page 200 '/good-practices?country=Spain&country=Italy'
has '3 practices'
page 200 '/good-practices?country=Spain&q=income'
has '1 practice<'
has 'BMINCOME'

page 200 '/search?q=cooperation'
has 'results? for <q>cooperation</q>'
page 200 '/search?q=renta%20basica'
has 'BMINCOME'
has 'Also found through translation'
page 200 '/search?q=goverment'
has 'Did you mean'
page 200 '/search'
has 'Type a few words'

page 200 /node/17065
has '<h1>AS-FABRIK</h1>'
has '<h2>Summary</h2>'
has 'Related practices'
has 'Ref 17065'
has 'href="https://www.linkedin.com/sharing/share-offsite/\?url='"$(scheme)"'%3A%2F%2F127.0.0.1%3A[0-9]+%2Fnode%2F17065"'
page 200 /node/17072
has 'lang="el"'
has 'mpapoutsi'

page 200 /static/praxis.css
grep -qi '^content-type: text/css' "$TMP/head" || fail "the stylesheet is not text/css"
grep -qi '^cache-control: public' "$TMP/head" || fail "the stylesheet is not cacheable"
page 200 / -I

# the page cache: a page asked again comes from it, byte for byte; another
# host (absolute links differ) or another language is another page
page 200 /node/17063
cp "$TMP/body" "$TMP/first"
grep -qi '^x-cache: miss' "$TMP/head" || fail "the first answer came from the cache"
page 200 /node/17063
grep -qi '^x-cache: hit' "$TMP/head" || fail "the second answer did not come from the cache"
cmp -s "$TMP/body" "$TMP/first" || fail "the cached page differs"
page 200 /node/17063 -H 'Host: hub.example.org'
grep -qi '^x-cache: miss' "$TMP/head" || fail "another host got a cached page"
has "$(scheme)"'%3A%2F%2Fhub.example.org%2Fnode%2F17063'
page 404 /node/999
page 404 /node/999
grep -qi '^x-cache: miss' "$TMP/head" || fail "an error page was cached"

# HTTP/1.1 keeps the connection open: pages made, cached and errors alike
# (libmicrohttpd closes it when a GET is answered in the handler's first call)
curl -sv -o /dev/null "$BASE/?page=2" "$BASE/?page=2" "$BASE/node/999" "$BASE/" 2>"$TMP/verbose"
! grep -qi '^< connection: close' "$TMP/verbose" || fail "the server closed a keep-alive connection"
[ "$(grep -c 'Re-using existing connection' "$TMP/verbose")" -eq 3 ] || fail "curl could not reuse its connection"

stop_server
expect_grep "$TMP/serve.err" '^127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}(:[0-9]{2}){3} [-+][0-9]{4}\] "GET /node/17065 HTTP/1\.1" 200 [0-9]+ "-" "curl/[^"]+" [0-9]+\.[0-9]{6}$'
