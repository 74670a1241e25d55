# Compression (issue 13): text answers of 1 KB or more are gzipped for a
# client whose Accept-Encoding takes gzip (q=0 refuses), every text answer
# says Vary: Accept-Encoding, the gzipped and the plain answer are the same
# bytes once inflated, the page cache keeps both forms, and ETag/304,
# Content-Length and HEAD stay right for each.
. tests/http/lib.sh

gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 120 --seed 7 >"$TMP/gen.txt" || fail "cannot generate a hub"
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" data/sample/listing.txt "$TMP/gen.txt"
start_server "$TMP/db"

GZ=(-H 'Accept-Encoding: gzip')

# get PATH NAME [CURL ARGS...]: the answer's body in $TMP/NAME, headers in $TMP/NAME.h
get() {
	local path=$1 name=$2
	shift 2
	curl -s -g -o "$TMP/$name" -D "$TMP/$name.h" "$@" "$BASE$path" || fail "$path: curl failed"
	grep -q '^HTTP/[0-9.]* 200' "$TMP/$name.h" || fail "$path answered $(head -1 "$TMP/$name.h")"
}
header() { sed -n "s/^$1: \\(.*\\)\\r\$/\\1/Ip" "$2" | head -1; }
coding() { header Content-Encoding "$1"; }

# every kind of text answer: the same bytes gzipped or not; Vary either way
for path in / /good-practices "/search?q=housing" /static/praxis.css /static/europe.svg \
	/feed.atom /feed.rss /good-practices.csv /sitemaps/1 "/api/v1/search?q=housing" /api/v1/nodes \
	/api/v1/openapi.json /fr/good-practices; do
	get "$path" plain
	get "$path" packed "${GZ[@]}"
	[ "$(coding "$TMP/packed.h")" = gzip ] || fail "$path was not gzipped for a client that takes gzip"
	[ -z "$(coding "$TMP/plain.h")" ] || fail "$path was gzipped for a client that did not ask"
	for h in plain packed; do
		header Vary "$TMP/$h.h" | grep -qi 'Accept-Encoding' || fail "$path ($h) has no Vary: Accept-Encoding"
		[ "$(header Content-Length "$TMP/$h.h")" = "$(wc -c <"$TMP/$h")" ] ||
			fail "$path ($h): Content-Length is not the body's length"
	done
	gzip -dc "$TMP/packed" >"$TMP/inflated" || fail "$path: the gzipped answer does not inflate"
	cmp -s "$TMP/inflated" "$TMP/plain" || fail "$path: gzipped and plain answers differ once inflated"
	[ "$(wc -c <"$TMP/packed")" -lt "$(wc -c <"$TMP/plain")" ] || fail "$path: gzip made it no smaller"
done

# Accept-Encoding as HTTP reads it: q-values, case, x-gzip, "*"
for ae in 'gzip;q=0' 'gzip; q=0.000' 'deflate, br' 'gzip;q=0, *' 'identity' '*;q=0'; do
	get /good-practices a -H "Accept-Encoding: $ae"
	[ -z "$(coding "$TMP/a.h")" ] || fail "Accept-Encoding: $ae was answered gzipped"
done
for ae in 'GZIP' 'br, gzip;q=0.5' 'deflate , gzip ; q=1' 'x-gzip' '*' 'gzip;q=0.001' 'gzip;Q=1'; do
	get /good-practices a -H "Accept-Encoding: $ae"
	[ "$(coding "$TMP/a.h")" = gzip ] || fail "Accept-Encoding: $ae was not answered gzipped"
done

# a small body is sent as it is, still with Vary
get "/api/v1/search?q=zzqxjw" small "${GZ[@]}"
[ "$(wc -c <"$TMP/small")" -lt 1024 ] || fail "the empty search's JSON is not small"
[ -z "$(coding "$TMP/small.h")" ] || fail "a body under 1 KB was gzipped"
header Vary "$TMP/small.h" | grep -qi 'Accept-Encoding' || fail "a small JSON answer has no Vary: Accept-Encoding"

# the page cache: a hit keeps each client's form
path="/good-practices?themes=Housing"
get "$path" first "${GZ[@]}"
get "$path" hitgz "${GZ[@]}"
[ "$(header X-Cache "$TMP/hitgz.h")" = hit ] || fail "the second gzip request was not a cache hit"
[ "$(coding "$TMP/hitgz.h")" = gzip ] || fail "a cache hit for a gzip client was not gzipped"
cmp -s "$TMP/first" "$TMP/hitgz" || fail "the cache's gzipped page differs from the one made"
get "$path" hitplain
[ "$(header X-Cache "$TMP/hitplain.h")" = hit ] || fail "the plain request was not a cache hit"
[ -z "$(coding "$TMP/hitplain.h")" ] || fail "a cache hit for a client without gzip was gzipped"
gzip -dc "$TMP/hitgz" | cmp -s - "$TMP/hitplain" || fail "the cache's two forms differ once inflated"

# a page first kept for a plain client is made again for a gzip client,
# then both are answered from the cache
path="/good-practices?page=2"
get "$path" plainfirst
get "$path" gzlater "${GZ[@]}"
[ "$(header X-Cache "$TMP/gzlater.h")" = miss ] || fail "a page kept plain only answered a gzip client"
[ "$(coding "$TMP/gzlater.h")" = gzip ] || fail "the page made again for a gzip client is not gzipped"
get "$path" gzhit "${GZ[@]}"
get "$path" plainhit
[ "$(header X-Cache "$TMP/gzhit.h") $(header X-Cache "$TMP/plainhit.h")" = "hit hit" ] ||
	fail "after a gzip client, both forms should be kept"
gzip -dc "$TMP/gzhit" | cmp -s - "$TMP/plainhit" || fail "the two kept forms differ once inflated"

# HEAD: the headers and length of the GET, gzipped or not
for h in plain gz; do
	args=()
	[ $h = gz ] && args=("${GZ[@]}")
	curl -s -I "${args[@]}" "$BASE/static/praxis.css" >"$TMP/head.h"
	get /static/praxis.css body "${args[@]}"
	[ "$(header Content-Length "$TMP/head.h")" = "$(wc -c <"$TMP/body")" ] ||
		fail "HEAD ($h) gives another Content-Length than GET"
	[ "$(coding "$TMP/head.h")" = "$(coding "$TMP/body.h")" ] || fail "HEAD ($h) and GET differ in coding"
done

# ETag and 304: a page not yet cached (HEAD keeps nothing), then from the cache
path="/good-practices?country=Spain"
curl -s -I "${GZ[@]}" "$BASE$path" >"$TMP/h.h"
etag=$(header ETag "$TMP/h.h")
[ -n "$etag" ] || fail "a public page has no ETag"
round=miss # the first 304 is made (and the page kept), the others come from the cache
for args in "Accept-Encoding: gzip" "Accept-Encoding: identity" "Accept-Encoding: gzip"; do
	curl -s -o "$TMP/nm" -D "$TMP/nm.h" -H "$args" -H "If-None-Match: \"x\", $etag" "$BASE$path"
	grep -q '^HTTP/[0-9.]* 304' "$TMP/nm.h" || fail "If-None-Match with the ETag ($round, $args): $(head -1 "$TMP/nm.h")"
	[ ! -s "$TMP/nm" ] || fail "a 304 has a body"
	[ "$(header ETag "$TMP/nm.h")" = "$etag" ] || fail "the 304 ($round) gives another ETag"
	header Vary "$TMP/nm.h" | grep -qi 'Accept-Encoding' || fail "the 304 ($round) has no Vary"
	[ "$(header X-Cache "$TMP/nm.h")" = "$round" ] || fail "the 304 was expected as a cache $round"
	round=hit
done
get "$path" changed "${GZ[@]}" -H 'If-None-Match: W/"0000000000000000"'
[ "$(coding "$TMP/changed.h")" = gzip ] || fail "another ETag should get the whole page"

# a page for one person is neither validated nor kept
page 200 /login "${GZ[@]}"
grep -qi '^ETag:' "$TMP/head" && fail "the login page (it sets a cookie) has an ETag"

stop_server
