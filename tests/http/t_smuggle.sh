# Request framing and addresses a proxy in front could read otherwise
# (issue 11, smaller findings): two Content-Length headers, Content-Length
# with Transfer-Encoding, two Transfer-Encoding: 400 and the connection
# closed, never a second request read from the body; a Transfer-Encoding
# other than chunked: 501 with a status line; a path or parameter holding a
# NUL: 400; every error under /api/ as JSON.
. tests/http/lib.sh
direct_only "request framing on raw sockets: what the server itself reads from the bytes (nginx reframes every request)"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

# raw STATUS REQUEST: sends REQUEST (printf format) on one connection; fails
# unless the first answer's status is STATUS and it is the only answer.
raw() {
	local want=$1
	printf "$2" | python3 -c '
import socket, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
s = socket.create_connection((u.hostname, u.port))
s.sendall(sys.stdin.buffer.read())
s.settimeout(3)
got = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        got += b
except socket.timeout:
    pass
sys.stdout.write(got.decode("latin-1"))' "$BASE" >"$TMP/raw"
	head -1 "$TMP/raw" | grep -q "^HTTP/1.1 $want " || { head -c 600 "$TMP/raw" >&2; fail "answered $(head -1 "$TMP/raw"), expected $want"; }
	[ "$(grep -c '^HTTP/1' "$TMP/raw")" = 1 ] || { cat "$TMP/raw" >&2; fail "more than one answer: a request was smuggled"; }
}
smuggled='GET /api/v1/nodes/17065 HTTP/1.1\r\nHost: x\r\n\r\n'
raw 400 "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: ${#smuggled}\r\n\r\n$smuggled"
raw 400 "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n$smuggled"
raw 400 "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n$smuggled"
raw 400 "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n$smuggled"
raw 501 "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc"
raw 501 "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"
# one of each is fine, and the connection is kept for the next request
raw 200 "GET /api/v1/nodes/17065 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

# a NUL in the path or a parameter: 400, not the page before it
page 400 '/node/17065%00junk'
page 400 '/search?q=city%00junk'
page 400 '/search?q%00x=city'
page 200 /node/17065

# ---- the API's errors are JSON, whatever the status ----
# api STATUS PATH [CURL ARGS]
api() {
	page "$@"
	grep -qi '^content-type: application/json' "$TMP/head" || { cat "$TMP/head" >&2; fail "$2 answered $1 but not as JSON"; }
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]==int(sys.argv[2]) and d["error"], d' \
		"$TMP/body" "$1" || fail "$2: the JSON error is not {error, status}"
}
api 400 '/api/v1/search?q=%ff'
api 400 '/api/v1/search?q=a%00b'
api 404 /api/v1/nodes/424242
api 404 /api/v2/nodes
api 400 '/api/v1/nodes%00x'
api 405 /api/v1/nodes -X POST -d x=1
api 405 /api/v1/nodes -X DELETE
api 405 /api/v1/search -X OPTIONS -H 'Origin: http://elsewhere.example' -H 'Access-Control-Request-Method: GET'
grep -qi '^allow: GET, HEAD' "$TMP/head" || fail "the preflight's 405 has no Allow"
api 404 /api/v2/nodes -X PUT
api 414 "/api/v1/search?q=$(head -c 3000 /dev/zero | tr '\0' a)"
head -c 2000000 /dev/zero | tr '\0' a >"$TMP/2mb"
api 413 /api/v2/upload --data-binary @"$TMP/2mb"
# the pages' errors stay HTML
page 404 /nowhere
grep -qi '^content-type: text/html' "$TMP/head" || fail "a page's 404 is not HTML"
page 405 /search -X OPTIONS
grep -qi '^content-type: text/html' "$TMP/head" || fail "a page's 405 is not HTML"
stop_server
