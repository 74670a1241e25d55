# Contact and transfer requests (issue 14, part 4): a visitor's request to
# the contact of a practice, its mailed confirmation link, the request mail
# to the contact, the desk's list and request page; bad input (CR/LF, long
# fields, a 1 MB body), expired, reused and forged links, throttling, CSRF,
# who sees which request, and that the contact's address is in no page.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/transfer/hub.jsonl
# six practices with a contact each (950-955), for the per-address limit
for i in 0 1 2 3 4 5; do
	printf '{"nid": %d, "type": "practice", "title": "Pocket parks %d", "country": "Belgium", "city": "Ghent", "language": "fr", "sections": [{"key": "summary", "heading": "Summary", "text": "Small parks in every street."}], "contact": {"name": "Park office", "email": "parks%d@ghent-city.example"}}\n' \
		$((950 + i)) "$i" "$i"
done >"$TMP/parks.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/parks.jsonl"
for u in editor:ed author:ana author:bo; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" ||
		fail "cannot add ${u#*:}"
done
# ana owns Zielone Korytarze (901), bo the first pocket park (950)
store_sql "$TMP/db" "UPDATE node SET owner = (SELECT id FROM account WHERE name = 'ana') WHERE nid = 901;
	UPDATE node SET owner = (SELECT id FROM account WHERE name = 'bo') WHERE nid = 950" || fail "cannot set owners"
CONTACT=anna.kowalska@poczta-urzad.example
PUBLIC=https://hub.example.eu
# the relay is down when the server starts (a port a sink had and let go);
# its mailer retries every second until it comes up
start_sink "$TMP/probe"
port=$SINK_PORT
stop_sink
BOX=$TMP/box
SERVE_ARGS=(--smtp "smtp://127.0.0.1:$port" --smtp-retry 1 --mail-from hub@praxis.example.eu --public-url "$PUBLIC")
start_server "$TMP/db"
mkdir "$TMP/pages"
keep() { cp "$TMP/body" "$TMP/pages/$1.html"; }
sql() { store_sql "$TMP/db" "$1"; }
outbox_n() { sql "SELECT count(*) FROM outbox"; }
# mail_to ADDR: the newest message the relay took for ADDR: "Subject: ...",
# a blank line and its body, decoded
mail_to() {
	local f
	f=$(grep -l "\"<$1>\"" "$BOX"/*.json 2>/dev/null | sort -V | tail -1)
	[ -n "$f" ] || return 0
	echo "Subject: $(mail_field "${f%.json}.eml" Subject)"
	echo
	mail_field "${f%.json}.eml" body
}
# form_csrf JAR PATH: the CSRF token of the form at PATH, its cookie in JAR
form_csrf() { curl -s -c "$1" -b "$1" "$BASE$2" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
# ask JAR STATUS NID EMAIL [CURL ARGS...]: a request from the form, from
# $NAME and $ORG if set (a field's first value counts); the jar's CSRF
# token (its cookie's) read once
declare -A TOKEN
ask() {
	local jar=$1 want=$2 nid=$3 email=$4
	shift 4
	[ -n "${TOKEN[$jar]:-}" ] || TOKEN[$jar]=$(form_csrf "$jar" "/node/$nid/contact")
	post "$want" "/node/$nid/contact" "$jar" --data-urlencode "csrf=${TOKEN[$jar]}" \
		--data-urlencode "email=$email" --data-urlencode "name=${NAME-Maria Costa}" \
		--data-urlencode "organisation=${ORG-Câmara Municipal do Porto}" --data-urlencode consent=yes "$@"
}
MSG='How did you fund the corridors?
Who maintains them?'

# ---- the practice page links to the form only when it has a contact ----
page 200 /node/901
has 'href="/node/901/contact"'
keep practice
page 200 /node/17065
lacks '/contact"'
for p in /node/17065/contact /node/17072/contact /node/999999/contact /fr/node/17065/contact; do page 404 "$p"; done
has 'pas de contact'

# ---- the form: for anyone, never cached, with its CSRF cookie ----
jar=$TMP/visitor.jar
page 200 /node/901/contact -c "$jar"
grep -qi '^cache-control: no-store' "$TMP/head" || fail "the form may be cached"
grep -qi '^set-cookie: praxis_csrf=' "$TMP/head" || fail "the form set no CSRF cookie"
has 'name="consent"'
keep form

# ---- CSRF and the form rules ----
post 403 /node/901/contact "$jar" --data-urlencode "email=x@porto.example" --data-urlencode name=X \
	--data-urlencode "message=$MSG" -d consent=yes
post 403 /node/901/contact "$jar" -H 'Origin: http://evil.example' \
	--data-urlencode "csrf=$(form_csrf "$jar" /node/901/contact)" --data-urlencode "email=x@porto.example" \
	--data-urlencode name=X --data-urlencode "message=$MSG" -d consent=yes
ask "$jar" 400 901 'not an address' --data-urlencode "message=$MSG"
has 'This is not an e-mail address'
keep form-errors
ask "$jar" 400 901 $'maria@porto.example\r\nBcc: victim@else.example' --data-urlencode "message=$MSG"
NAME=$'Maria\r\nBcc: victim@else.example' ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=$MSG"
has 'Control characters are not allowed'
ORG=$'Porto\nTo: victim@else.example' ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=$MSG"
NAME=$'Maria\xc2\x85Bcc' ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=$MSG" # U+0085, NEL
NAME= ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=$MSG"
has 'Give your name'
ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=bell $(printf '\a')"
ask "$jar" 400 901 'maria@porto.example' --data-urlencode "message=   "
has 'Write what you would like to know'
post 400 /node/901/contact "$jar" --data-urlencode "csrf=$(form_csrf "$jar" /node/901/contact)" \
	--data-urlencode "email=maria@porto.example" --data-urlencode name=Maria --data-urlencode "message=$MSG"
has 'Without your consent'
# a message past 5,000 characters: 413, the form again with what was typed
ask "$jar" 413 901 'maria@porto.example' --data-urlencode "message=$(printf 'é%.0s' $(seq 5001))"
has 'This is too long'
# a 1 MB body: refused before it is read
head -c 1100000 /dev/zero | tr '\0' a >"$TMP/big"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$TMP/big" "$BASE/node/901/contact")
[ "$code" = 413 ] || fail "a 1 MB request answered $code"
[ "$(outbox_n)" = 0 ] || fail "a refused request queued mail"
[ "$(sql 'SELECT count(*) FROM request')" = 0 ] || fail "a refused request was stored"

# ---- a request: stored unverified, a link mailed to the visitor only (Russian is
# no interface language: French, the next the browser names) ----
ask "$jar" 200 901 'maria@porto.example' --data-urlencode "message=$MSG" -H "Accept-Language: ru, fr;q=0.8"
has 'Consultez votre boîte'
keep sent
[ "$(sql 'SELECT status, lang FROM request')" = 'unverified|fr' ] || fail "the request is not stored unverified, in French"
[ "$(outbox_n)" = 1 ] || fail "expected one message queued, got $(outbox_n)"
# the relay is down: the message waits in the outbox, tried and kept
for _ in $(seq 300); do
	[ "$(sql 'SELECT attempts FROM outbox WHERE id = 1')" -ge 1 ] && break
	sleep 0.1
done
sql 'SELECT last_error FROM outbox WHERE id = 1' | grep -qi connect || fail "the relay was not tried while down"
[ "$(sql 'SELECT sent IS NULL FROM outbox WHERE id = 1')" = 1 ] || fail "marked sent while the relay was down"
# it comes up: the message arrives
start_sink "$BOX" --port "$port"
wait_mail "$BOX" 1
mail_to maria@porto.example >"$TMP/mail1"
expect_grep "$TMP/mail1" '^Subject: Confirmez votre demande sur praxis$'
expect_grep "$TMP/mail1" 'Zielone Korytarze'
link=$(grep -o "$PUBLIC/contact/verify?t=[A-Za-z0-9_-]*" "$TMP/mail1")
[ -n "$link" ] || fail "no link in the visitor's mail"
# the mail to the visitor carries nothing they typed: no relay for a stranger's text
! grep -qE 'Maria|Câmara|fund' "$TMP/mail1" || fail "the visitor's mail carries what they typed"
# the same again within minutes: no second mail
ask "$jar" 200 901 'Maria@Porto.example' --data-urlencode "message=$MSG"
has 'a few minutes ago'
[ "$(outbox_n)" = 1 ] || fail "a repeated request mailed again"

# ---- bad links: forged, malformed ----
page 404 "/contact/verify?t=short"
has 'This link is not valid'
page 200 "/contact/verify?t=$(printf 'A%.0s' $(seq 43))" -c "$TMP/v.jar" -b "$TMP/v.jar"
tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/body")
post 404 /contact/verify "$TMP/v.jar" --data-urlencode "csrf=$tok" --data-urlencode "t=$(printf 'A%.0s' $(seq 43))"
has 'This link is not valid'
post 403 /contact/verify "$TMP/v.jar" --data-urlencode "t=${link#*t=}"

# ---- following the link: one click sends the request to the contact ----
vjar=$TMP/follow.jar
page 200 "${link#"$PUBLIC"}" -c "$vjar" -b "$vjar"
grep -qi '^cache-control: no-store' "$TMP/head" || fail "the confirmation page may be cached"
keep verify
[ "$(outbox_n)" = 1 ] || fail "opening the link (a GET) sent something"
tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/body")
post 200 /contact/verify "$vjar" --data-urlencode "csrf=$tok" --data-urlencode "t=${link#*t=}"
has 'Your request has been sent'
keep verified
[ "$(sql 'SELECT status FROM request WHERE id = 1')" = sent ] || fail "the request is not sent"
[ "$(sql 'SELECT verified > 0 FROM request WHERE id = 1')" = 1 ] || fail "the request is not verified"
wait_mail "$BOX" 2
mail_to "$CONTACT" >"$TMP/mail2"
[ -s "$TMP/mail2" ] || fail "nothing was queued to the practice's contact"
for want in 'Maria Costa' 'Câmara Municipal do Porto' 'maria@porto.example' 'How did you fund the corridors\?' \
	'Who maintains them\?' '/node/901$' '^Subject: A request about your practice, through praxis$'; do
	expect_grep "$TMP/mail2" "$want"
done
m2=$(grep -l "\"<$CONTACT>\"" "$BOX"/*.json)
grep -q '"rcpt": \["<'"$CONTACT"'>"\]' "$m2" || fail "the request's envelope: $(cat "$m2")"
m2=${m2%.json}.eml
[ "$(mail_field "$m2" Reply-To)" = maria@porto.example ] || fail "Reply-To: $(mail_field "$m2" Reply-To)"
[ "$(mail_field "$m2" To)" = "$CONTACT" ] || fail "To: $(mail_field "$m2" To)"
[ "$(mail_field "$m2" headers | grep -ciE '^(to|cc|bcc|reply-to)$')" = 2 ] ||
	fail "headers of the request: $(mail_field "$m2" headers | tr '\n' ' ')"
[ "$(sql "SELECT count(DISTINCT recipient) FROM outbox")" = 2 ] || fail "mail went to a third address"
# reused
post 409 /contact/verify "$vjar" --data-urlencode "csrf=$tok" --data-urlencode "t=${link#*t=}"
has 'already been used'
# expired: a second request, its token's expiry moved to the past
ask "$jar" 200 951 'maria@porto.example' --data-urlencode "message=Et les coûts ?"
link2=$(sql "SELECT body FROM outbox ORDER BY id DESC LIMIT 1" | grep -o "$PUBLIC/contact/verify?t=[A-Za-z0-9_-]*")
sql "UPDATE mail_token SET expires = unixepoch() - 60 WHERE used IS NULL"
post 410 /contact/verify "$vjar" --data-urlencode "csrf=$tok" --data-urlencode "t=${link2#*t=}"
has 'This link has expired'
post 410 "/fr/contact/verify" "$vjar" --data-urlencode "csrf=$tok" --data-urlencode "t=${link2#*t=}"
has 'Ce lien a expiré'
[ "$(sql 'SELECT verified IS NULL FROM request WHERE id = 2')" = 1 ] || fail "an expired link verified its request"

# ---- throttling: 5 requests an hour per address typed, 20 per client ----
for nid in 952 953 954; do ask "$jar" 200 "$nid" 'maria@porto.example' --data-urlencode "message=$MSG"; done
n=$(outbox_n)
ask "$jar" 429 955 'maria@porto.example' --data-urlencode "message=$MSG"
has 'many requests in the last hour'
[ "$(outbox_n)" = "$n" ] || fail "a throttled request queued mail"
# the client's 20th request of the hour passes, its 21st does not (the
# others before it written straight to the store, under other addresses)
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
	WHERE i < 19 - (SELECT count(*) FROM request WHERE addr = '127.0.0.1'))
	INSERT INTO request (nid, name, email, message, lang, addr, created)
	SELECT 955, 'V', 'visitor' || i || '@else.example', 'M', 'en', '127.0.0.1', unixepoch() FROM k"
[ "$(sql "SELECT count(*) FROM request WHERE addr = '127.0.0.1'")" = 19 ] || fail "the store holds no 19 requests of 127.0.0.1"
ask "$jar" 200 955 "visitor20@else.example" --data-urlencode "message=$MSG"
ask "$jar" 429 955 "one.more@else.example" --data-urlencode "message=$MSG"
has 'many requests in the last hour'
sql "UPDATE request SET created = created - 3600 WHERE addr = '127.0.0.1'" # an hour later
# and two days later for requests 1 (confirmed) and 2 (never confirmed): the
# next request deletes 2, whose link has expired, and keeps 1
sql "UPDATE request SET created = unixepoch() - 49 * 3600 WHERE id IN (1, 2)"
ask "$jar" 200 955 "one.more@else.example" --data-urlencode "message=$MSG"
[ "$(sql 'SELECT group_concat(id) FROM request WHERE id IN (1, 2)')" = 1 ] ||
	fail "an old unverified request was kept, or a verified one deleted"

# ---- the desk: confirmed requests only; the editor records the answer ----
login ed "$TMP/ed.jar"
# what a visitor typed is text on the desk, never markup
sql "UPDATE request SET organisation = '<script>alert(1)</script>' WHERE id = 1"
page 200 /admin -b "$TMP/ed.jar"
has '<a href="/admin/requests/1">Zielone Korytarze</a>'
has '&lt;script&gt;alert\(1\)&lt;/script&gt;'
lacks '<script>alert'
has 'Sent to the contact'
lacks 'visitor1@|/admin/requests/2"'
keep desk
page 200 /admin/requests/1 -b "$TMP/ed.jar"
has 'maria@porto.example'
has 'Who maintains them\?'
keep request
page 404 /admin/requests/2 -b "$TMP/ed.jar" # not confirmed: not work
page 404 /admin/requests/99 -b "$TMP/ed.jar"
stok=$(session_csrf "$TMP/ed.jar")
post 403 /admin/requests/1 "$TMP/ed.jar" -d status=answered
post 400 /admin/requests/1 "$TMP/ed.jar" -d "csrf=$stok&status=unverified"
post 303 /admin/requests/1 "$TMP/ed.jar" --data-urlencode "csrf=$stok" -d status=answered --data-urlencode "note=Phoned her on Monday"
[ "$(sql 'SELECT status, changed_by, note FROM request WHERE id = 1')" = 'answered|ed|Phoned her on Monday' ] ||
	fail "the status was not recorded"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'request-answered' AND account = 'ed' AND target = 'request 1'")" = 1 ] ||
	fail "no audit entry for the answer"
page 200 /admin/requests/1?done=1 -b "$TMP/ed.jar"
has 'Phoned her on Monday'
page 200 /admin -b "$TMP/ed.jar"
has '<td>Answered<br>'

# ---- authors: their own practices' requests, no one else's ----
login ana "$TMP/ana.jar"
page 200 /admin -b "$TMP/ana.jar"
has 'Requests about your practices'
has '/admin/requests/1"'
page 200 /admin/requests/1 -b "$TMP/ana.jar"
login bo "$TMP/bo.jar"
page 200 /admin -b "$TMP/bo.jar"
lacks '/admin/requests/1"'
page 404 /admin/requests/1 -b "$TMP/bo.jar"
post 404 /admin/requests/1 "$TMP/bo.jar" -d "csrf=$(session_csrf "$TMP/bo.jar")&status=closed"
page 303 /admin/requests/1

# ---- the contact's address is in no page, API answer, feed or export ----
for p in /node/901 /node/901/contact /api/v1/nodes/901 '/api/v1/nodes?type=practice' '/api/v1/search?q=Korytarze' \
	/good-practices.csv '/search.csv?q=Korytarze' /feed.atom /feed.rss /good-practices/feed.atom \
	'/search?q=kowalska' '/search?q=Korytarze' /sitemap.xml; do
	page 200 "$p"
	cp "$TMP/body" "$TMP/pages/public-$(echo "$p" | tr -c 'a-zA-Z0-9' -).out"
done
for p in /admin /admin/requests/1; do
	page 200 "$p" -b "$TMP/ed.jar"
	cp "$TMP/body" "$TMP/pages/desk-$(echo "$p" | tr / -).out"
done
! grep -rl "$CONTACT\|poczta-urzad" "$TMP/pages" || fail "the contact's address is in a page"
! grep -q "$CONTACT" "$TMP/mail1" || fail "the contact's address is in the visitor's mail"
! grep -l "$CONTACT" "$BOX"/*.eml | xargs -r grep -L "^To: $CONTACT" | grep -q . ||
	fail "the contact's address is in a mail not to them"
stop_server
stop_sink
