# Bugs that were once planted in the code and went through the whole suite
# (issue 11): each check here fails with its bug back in. The order
# matters: failed logins count against this client's address (20 in 15
# minutes), so the address throttle is checked last.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
for u in author:ana editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" ||
		fail "cannot add ${u#*:}"
done
start_server "$TMP/db"

head_has() { grep -qiE "$1" "$TMP/head" || { cat "$TMP/head" >&2; fail "no header matching '$1'"; }; }
session_of() { awk '$6 == "praxis_session" { print $7 }' "$1"; }
failed=0 # failed logins from this address so far

# ---- logout ends the session on the server, not only in the browser: the
# old cookie, sent again by hand, signs no one in ----
login ed "$TMP/ed.jar"
old=$(session_of "$TMP/ed.jar")
[ ${#old} -eq 43 ] || fail "no session cookie in the jar after login"
page 200 /admin -H "Cookie: praxis_session=$old" # the replay itself works
has 'Signed in as <strong>ed</strong>'
post 303 /logout "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")"
page 303 /admin -H "Cookie: praxis_session=$old"
head_has "^location: $BASE/login"
page 200 / -H "Cookie: praxis_session=$old"
lacks 'action="/logout"'

# ---- next= after a login: a path of this hub, never another site ----
# (the form field arrives decoded: %2F%2F is //)
for next in '/\evil.example/' '//evil.example/' '/\\evil.example' 'https:evil.example' \
	'https://evil.example/' '%2F%2Fevil.example' '\/evil.example' "/$(printf '\t')/evil.example" \
	'/%2F/evil.example' 'javascript:alert(1)'; do
	tok=$(csrf "$TMP/n.jar")
	post 303 /login "$TMP/n.jar" --data-urlencode "csrf=$tok" --data-urlencode "name=root" \
		--data-urlencode "password=pw of root here" --data-urlencode "next=$next"
	loc=$(sed -n 's/^[Ll]ocation: \(.*\)\r$/\1/p' "$TMP/head")
	case "$loc" in
	"$BASE/admin" | "$BASE/") ;;
	"$BASE/%2F/evil.example") [ "$next" = '/%2F/evil.example' ] || fail "next=$next led to $loc" ;;
	*) fail "next=$next led to '$loc', not to this hub's /admin" ;;
	esac
	rm -f "$TMP/n.jar"
done
login root "$TMP/root.jar" /node/17065 # a local path is kept
head_has "^location: $BASE/node/17065"$'\r'

# ---- the search feed's title is the query, escaped: the feed stays XML ----
for f in atom rss; do
	page 200 "/search/feed.$f?q=%3Cb%3E%26%22x%27"
	python3 - "$TMP/body" <<'PY' || fail "/search/feed.$f with q=<b>&\"x' is not well-formed or lost its title"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
titles = [e.text for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "title"]
assert titles and titles[0] == "praxis: <b>&\"x'", titles[:1]
PY
done

# ---- the throttle key is the name in lower case: Ana, ANA... share ana's
# five tries ----
tok=$(csrf "$TMP/t.jar")
try() { # STATUS NAME PASSWORD: a login from this address, counted when it fails
	post "$1" /login "$TMP/t.jar" --data-urlencode "csrf=$tok" --data-urlencode "name=$2" \
		--data-urlencode "password=$3"
	[ "$1" != 403 ] || failed=$((failed + 1))
}
for name in Ana ANA aNa anA ANa; do
	try 403 "$name" "wrong password"
done
try 429 ana "pw of ana here"

# ---- the address throttle: 20 failures from one address, whatever the
# names, lock it out, even for another account's right password ----
while [ "$failed" -lt 20 ]; do
	try 403 "nobody$failed" "wrong password"
done
try 429 ed "pw of ed here"
has 'Too many failed logins'
stop_server
