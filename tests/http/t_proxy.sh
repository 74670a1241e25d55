# Behind a proxy (issue 16, part 7): the server behind the documented nginx
# (deploy/nginx/praxis.conf) with --trusted-proxy 127.0.0.1, clients on
# other loopback addresses (curl --interface 127.0.0.2, 127.0.0.3; nginx
# appends them to X-Forwarded-For). Login throttling holds per real
# client, not per proxy; what a client sends in X-Forwarded-For or
# Forwarded does not choose its address, through nginx or directly from
# an untrusted peer; garbage from the trusted peer gives the proxy's
# address; HSTS and Secure cookies follow the scheme the client used;
# --admin-from restricts the operators' pages. Runs in both flavours:
# the ASan/UBSan server reads the same hostile headers.
. tests/http/lib.sh
PRAXIS_PROXY=nginx
[ -n "$(nginx_bin)" ] || fail "nginx is not installed (scripts/deps installs it)"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ana here\n' | "$PRAXIS" user add --db "$TMP/db" --role author ana || fail "cannot add ana"

# a malformed network fails at start, naming the option and the value
for opt in --trusted-proxy --admin-from; do
	for bad in 10.0.0.0/33 garbage "::1/129" 10.0.0.0/08 ""; do
		expect_status 2 "$PRAXIS" serve --db "$TMP/db" --port 0 "$opt" "$bad"
		expect_grep "$TMP/err" "^praxis serve: $opt ${bad//./\\.}: not an address or CIDR\$"
	done
done
expect_status 2 "$PRAXIS" serve --db "$TMP/db" --port 0 --trusted-proxy 10.0.0.1/8
expect_grep "$TMP/err" '^praxis serve: --trusted-proxy 10\.0\.0\.1/8: host bits set'

SERVE_ARGS=(--admin-from 127.0.0.3 --admin-from 2001:db8::/32)
start_server "$TMP/db"
[[ $BASE == https://* ]] || fail "no nginx in front: BASE is $BASE"
A=(--interface 127.0.0.2) B=(--interface 127.0.0.3)

# the access log's line of the request for PATH (unique): its client
# address, the Combined Log Format's first field
addr_of() {
	local line
	for _ in $(seq 50); do # the line is written when the answer is done
		line=$(grep -F "\"GET $1 " "$TMP/serve.err" | tail -1)
		[ -n "$line" ] && break
		sleep 0.1
	done
	[ -n "$line" ] || fail "no log line for $1"
	echo "$line" | awk '{ print $1 }'
}
# seen PATH ADDR [CURL ARGS...]: GETs PATH; the server logs ADDR as its client
seen() {
	local path=$1 want=$2
	shift 2
	curl -s -g -o /dev/null "$@" "$path" || fail "GET $path: curl failed"
	local got
	got=$(addr_of "/${path#*//*/}")
	[ "$got" = "$want" ] || fail "GET $path $*: the client was $got, expected $want"
}

# ---- who the client is ----
seen "$BASE/?through-nginx-a" 127.0.0.2 "${A[@]}"
seen "$BASE/?through-nginx-b" 127.0.0.3 "${B[@]}"
seen "https://[::1]:${BASE##*:}/?through-nginx-v6" ::1 # nginx listens on ::1 too
seen "$BASE/?spoofed-xff" 127.0.0.2 "${A[@]}" -H 'X-Forwarded-For: 198.51.100.9'
seen "$BASE/?spoofed-forwarded" 127.0.0.2 "${A[@]}" -H 'Forwarded: for=198.51.100.9'
# directly, from an untrusted peer: the headers are ignored
seen "$DIRECT/?direct-untrusted" 127.0.0.2 "${A[@]}" -H 'X-Forwarded-For: 198.51.100.9' \
	-H 'Forwarded: for=198.51.100.9'
# directly, from the trusted peer: believed when well-formed...
seen "$DIRECT/?direct-xff" 198.51.100.7 -H 'X-Forwarded-For: 6.6.6.6, 198.51.100.7'
seen "$DIRECT/?direct-xff-lines" 198.51.100.7 -H 'X-Forwarded-For: 6.6.6.6' -H 'X-Forwarded-For: 198.51.100.7'
seen "$DIRECT/?direct-forwarded-wins" 2001:db8::1 -H 'Forwarded: for="[2001:db8::1]:4711";proto=https' \
	-H 'X-Forwarded-For: 198.51.100.7'
# ...and garbage, too many hops or brackets give the proxy's address
n=0
many=$(printf '198.51.100.%d, ' $(seq 40))
for h in 'X-Forwarded-For: garbage' 'X-Forwarded-For: [2001:db8::1]' 'X-Forwarded-For: 198.51.100.7:80' \
	"X-Forwarded-For: ${many%, }" 'X-Forwarded-For: 198.51.100.7, unknown' 'Forwarded: for=[2001:db8::1]' \
	'Forwarded: for="[2001:db8::1' 'Forwarded: for=_hidden' 'Forwarded: for=unknown;proto=https' \
	'Forwarded: for=1.2.3.4;for=5.6.7.8' "X-Forwarded-For: $(head -c 3000 /dev/zero | tr '\0' ',')"; do
	n=$((n + 1))
	seen "$DIRECT/?garbage-$n" 127.0.0.1 -H "$h"
done
# a header past PROXY_HEADER_MAX (4096 bytes), even of one hop: not believed
seen "$DIRECT/?too-long" 127.0.0.1 -H "X-Forwarded-For: $(head -c 5000 /dev/zero | tr '\0' ','), 198.51.100.7"

# ---- login throttling: per real client, not per proxy ----
jar=$TMP/anon.jar
tok=$(csrf "$jar")
throttled=0
for i in $(seq 30); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "${A[@]}" \
		-d "csrf=$tok&name=nobody$i&password=wrong+password" "$BASE/login")
	[ "$code" = 429 ] && { throttled=$i; break; }
	[ "$code" = 403 ] || fail "failed login $i from 127.0.0.2 answered $code"
done
[ "$throttled" -gt 20 ] && [ "$throttled" -le 22 ] ||
	fail "127.0.0.2 was throttled at its attempt $throttled, expected just past 20 (LOGIN_MAX_ADDRESS)"
# a spoofed X-Forwarded-For does not free it
post 429 /login "$jar" "${A[@]}" -H 'X-Forwarded-For: 198.51.100.50' -d "csrf=$tok&name=other&password=wrong"
# another client behind the same proxy is not throttled, and logs in
post 403 /login "$jar" "${B[@]}" -d "csrf=$tok&name=somebody&password=wrong+password"
post 303 /login "$TMP/ana.jar" "${B[@]}" -d "csrf=$(csrf "$TMP/ana.jar")&name=ana&password=pw+of+ana+here"
# the audit has each client's own address
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "cannot add root"
login root "$TMP/root.jar"
page 200 /admin/audit -b "$TMP/root.jar"
has '127\.0\.0\.2'
has '127\.0\.0\.3'

# ---- the scheme: HSTS, Secure cookies, links ----
page 200 /login -c "$TMP/s.jar"
grep -qi '^strict-transport-security: max-age=' "$TMP/head" || fail "no HSTS through the https nginx"
grep -qi '^set-cookie: praxis_csrf=.*; Secure' "$TMP/head" || fail "no Secure cookie through the https nginx"
page 200 /node/17065
has '"url": "https://127\.0\.0\.1:[0-9]+/node/17065"'
# the same pages directly over http: neither (and the page cache keeps the two apart)
curl -s -D "$TMP/head" -o "$TMP/body" "$DIRECT/login"
! grep -qi '^strict-transport-security' "$TMP/head" || fail "HSTS over plain http"
! grep -qi '^set-cookie:.*Secure' "$TMP/head" || fail "a Secure cookie over plain http"
curl -s -D "$TMP/head" -o "$TMP/body" "$DIRECT/node/17065"
! grep -qi '^strict-transport-security' "$TMP/head" || fail "HSTS over plain http (from the page cache?)"
has '"url": "http://127\.0\.0\.1:[0-9]+/node/17065"'
# X-Forwarded-Proto is believed from the trusted peer only
curl -s -D "$TMP/head" -o /dev/null -H 'X-Forwarded-Proto: https' "$DIRECT/login"
grep -qi '^strict-transport-security' "$TMP/head" || fail "X-Forwarded-Proto: https from the trusted peer ignored"
curl -s -D "$TMP/head" -o /dev/null "${A[@]}" -H 'X-Forwarded-Proto: https' -H 'Forwarded: proto=https' "$DIRECT/login"
! grep -qi '^strict-transport-security' "$TMP/head" || fail "X-Forwarded-Proto from an untrusted peer believed"
# a form posted through nginx passes the Origin check (https://host:port)
post 303 /login "$TMP/o.jar" -H "Origin: $BASE" -d "csrf=$(csrf "$TMP/o.jar")&name=ana&password=pw+of+ana+here"

# ---- nginx itself: the redirect, gzip passed through, /static/ cached ----
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$NGINX_HTTP/good-practices")
[[ $code == "301 https://127.0.0.1/good-practices" ]] || fail "nginx's http server answered $code"
curl -s -D "$TMP/head" -o "$TMP/body.gz" -H 'Accept-Encoding: gzip' "$BASE/good-practices"
grep -qi '^content-encoding: gzip' "$TMP/head" || fail "no gzip through nginx"
grep -qi '^x-cache: ' "$TMP/head" || fail "praxis's headers lost through nginx"
gzip -dc "$TMP/body.gz" | grep -q '</html>' || fail "the gzipped page does not decode"
for want in MISS HIT; do
	curl -s -D "$TMP/head" -o /dev/null "$BASE/static/praxis.css"
	grep -qi "^x-proxy-cache: $want" "$TMP/head" || fail "/static/praxis.css: X-Proxy-Cache not $want"
done

# ---- --admin-from: the operators' pages ----
for ops in /healthz /metrics; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "${B[@]}" "$BASE$ops")
	if [ "$code" = 404 ]; then
		echo "note: no $ops route on this branch: its --admin-from check is not tested here"
		continue
	fi
	[ "$code" = 200 ] || fail "$ops from 127.0.0.3 (in --admin-from) answered $code"
	for who in "${A[*]}" ""; do
		code=$(curl -s -o "$TMP/body" -w '%{http_code}' $who "$BASE$ops")
		[ "$code" = 403 ] || fail "$ops from ${who:-127.0.0.1} through nginx answered $code, expected 403"
	done
	has 'admin-from'
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 127.0.0.3' "${A[@]}" "$DIRECT$ops")
	[ "$code" = 403 ] || fail "$ops directly from 127.0.0.2 claiming 127.0.0.3 answered $code"
done
stop_server
