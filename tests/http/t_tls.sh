# HTTPS: praxis serve --tls-cert --tls-key (libmicrohttpd with GnuTLS) on a
# self-signed certificate made here: pages over TLS with HSTS, cookies
# Secure, redirects and the Origin check on https; a key that is no key
# and half the options are refused.
. tests/http/lib.sh
direct_only "its subject is the server's own TLS (libmicrohttpd with GnuTLS)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" -days 2 \
	-subj /CN=localhost >/dev/null 2>&1 || fail "openssl cannot make a certificate"
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "add"
expect_status 2 "$PRAXIS" serve --db "$TMP/db" --tls-cert "$TMP/cert.pem"
expect_grep "$TMP/err" 'go together'
expect_status 1 "$PRAXIS" serve --db "$TMP/db" --port 0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/cert.pem"
expect_grep "$TMP/err" 'not usable PEM'
expect_status 1 "$PRAXIS" serve --db "$TMP/db" --port 0 --tls-cert "$TMP/none.pem" --tls-key "$TMP/key.pem"
expect_grep "$TMP/err" 'none.pem: No such file'

SERVE_ARGS=(--tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem")
start_server "$TMP/db"
case $BASE in https://*) ;; *) fail "the server did not say https: $BASE" ;; esac
CURL_ARGS=(--cacert "$TMP/cert.pem" --resolve "localhost:${BASE##*:}:127.0.0.1")
BASE=https://localhost:${BASE##*:}
page 200 / "${CURL_ARGS[@]}"
grep -qi '^strict-transport-security: max-age=31536000' "$TMP/head" || fail "no HSTS over TLS"
jar=$TMP/jar
tok=$(curl -s "${CURL_ARGS[@]}" -c "$jar" -b "$jar" "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
grep -q 'praxis_csrf' "$jar" || fail "no CSRF cookie over TLS"
post 303 /login "$jar" "${CURL_ARGS[@]}" -d "csrf=$tok&name=root&password=pw+of+root+here&next=/admin" \
	-H "Origin: $BASE"
grep -qi "^set-cookie: praxis_session=[^;]*; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure" "$TMP/head" ||
	{ cat "$TMP/head" >&2; fail "the session cookie is not Secure over TLS"; }
grep -qi "^location: $BASE/admin" "$TMP/head" || fail "the redirect left https"
post 403 /logout "$jar" "${CURL_ARGS[@]}" -d "csrf=x" -H "Origin: ${BASE/https/http}"
stop_server
