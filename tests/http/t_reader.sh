# Readers: self-registration confirmed by a mailed link (the mail taken
# from a test relay, tests/smtp/sink.py), login, a saved search and its daily digest (praxis digest),
# dossiers (page, CSV, JSON, owner only), and the bad input of each: links
# expired, reused or forged, a taken name or address (no account
# enumeration), a bad address, CR/LF in fields, a 1 MB body, throttling.
. tests/http/lib.sh

practice() { # NID TITLE CITY COUNTRY SUMMARY [CONTACT-EMAIL]
	local contact=
	[ -n "${6:-}" ] && contact=", \"contact\": {\"name\": \"C\", \"email\": \"$6\"}"
	printf '{"nid": %s, "type": "practice", "title": "%s", "country": "%s", "city": "%s", "themes": ["Energy"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "%s\\nA second paragraph."}]%s}\n' \
		"$1" "$2" "$4" "$3" "$5" "$contact"
}
practice 9101 "Solar schools Madrid" Madrid Spain "Old solar roofs on schools." >"$TMP/old.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt "$TMP/old.jsonl"
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed >/dev/null || fail "add ed"
start_sink "$TMP/box"
SERVE_ARGS=(--smtp "smtp://127.0.0.1:$SINK_PORT" --smtp-retry 1 --public-url https://hub.example.eu)
start_server "$TMP/db"
q() { store_sql "$TMP/db" "$1"; }

# register JAR NAME EMAIL [PASSWORD [AGAIN]]: POSTs the form; the status is
# left in $TMP/status, the page in $TMP/body
register() {
	local tok pw=${4:-pw of $2 here}
	tok=$(csrf "$1")
	curl -s -g -c "$1" -b "$1" -o "$TMP/body" -w '%{http_code}' --data-urlencode "csrf=$tok" \
		--data-urlencode "name=$2" --data-urlencode "email=$3" --data-urlencode "password=$pw" \
		--data-urlencode "again=${5:-$pw}" "$BASE/register" >"$TMP/status"
}
status_is() { [ "$(cat "$TMP/status")" = "$1" ] || { head -c 1500 "$TMP/body" >&2; fail "$2: $(cat "$TMP/status"), expected $1"; }; }
# link ADDRESS: the token of the newest confirmation mail to ADDRESS
link() { q "SELECT body FROM outbox WHERE recipient = '$1' AND subject = 'Confirm your account on praxis' ORDER BY id DESC LIMIT 1" | sed -n 's|.*/register/confirm?t=\([A-Za-z0-9_-]*\).*|\1|p'; }
# confirm JAR TOKEN: the confirmation page's button, pressed; status in $TMP/status
confirm() {
	local tok
	curl -s -c "$1" -b "$1" -o "$TMP/body" "$BASE/register/confirm?t=$2"
	tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/body" | head -1)
	curl -s -c "$1" -b "$1" -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' --data-urlencode "csrf=$tok" \
		--data-urlencode "t=$2" "$BASE/register/confirm" >"$TMP/status"
}

# ---- registration ----
page 200 /register
has 'name="email"'
register "$TMP/rita.jar" rita rita@example.org
status_is 200 "a registration"
has 'If this address is not already registered, we sent a link'
[ "$(q "SELECT role, disabled, email FROM account WHERE name = 'rita'")" = "reader|1|rita@example.org" ] ||
	fail "rita's account is not a disabled reader with her address"
[ "$(q "SELECT count(*) FROM outbox WHERE recipient = 'rita@example.org' AND subject = 'Confirm your account on praxis'")" = 1 ] ||
	fail "no confirmation mail queued for rita"
# the mail reaches the relay, in the reader's language, its link on the public origin
wait_mail "$TMP/box" 1
eml=$(find "$TMP/box" -name '*.eml' | head -1)
[ "$(mail_field "$eml" Subject)" = "Confirm your account on praxis" ] || fail "the relay got: $(mail_field "$eml" Subject)"
mail_field "$eml" To | grep -q 'rita@example.org' || fail "the confirmation went to $(mail_field "$eml" To)"
t=$(mail_field "$eml" body | sed -n 's|^https://hub.example.eu/register/confirm?t=\([A-Za-z0-9_-]*\)$|\1|p')
[ ${#t} = 43 ] || fail "no link in the confirmation mail: $(mail_field "$eml" body)"
[ "$(link rita@example.org)" = "$t" ] || fail "the relay's link is not the outbox's"
# not confirmed: no login
tok=$(csrf "$TMP/x.jar")
post 403 /login "$TMP/x.jar" --data-urlencode "csrf=$tok" -d name=rita --data-urlencode "password=pw of rita here"

# bad input: each a 400 with the form again, and no account
register "$TMP/b.jar" 'bad name!' b@example.org; status_is 400 "a bad name"
register "$TMP/b.jar" bob 'not-an-address'; status_is 400 "a bad address"
has 'Give an e-mail address'
register "$TMP/b.jar" bob $'bob@example.org\r\nBcc: victim@example.org'; status_is 400 "CR/LF in the address"
register "$TMP/b.jar" $'bob\r\nBcc: x' bob@example.org; status_is 400 "CR/LF in the name"
register "$TMP/b.jar" bob bob@example.org 'short'; status_is 400 "a short password"
register "$TMP/b.jar" bob bob@example.org 'pw of bob here' 'pw of bob HERE'; status_is 400 "passwords that differ"
has 'The two passwords differ'
[ "$(q "SELECT count(*) FROM account WHERE name = 'bob'")" = 0 ] || fail "a refused registration made an account"
# a taken name is said; a taken address is not: the same page as a free one,
# and the address's owner hears of it
register "$TMP/b.jar" RITA other@example.org; status_is 409 "a taken name"
has 'This user name is taken'
register "$TMP/b.jar" bob rita@example.org; status_is 200 "a taken address"
has 'If this address is not already registered, we sent a link'
[ "$(q "SELECT count(*) FROM account WHERE name = 'bob'")" = 0 ] || fail "a taken address made a second account"
[ "$(q "SELECT count(*) FROM outbox WHERE recipient = 'rita@example.org' AND subject = 'Your account on praxis'")" = 1 ] ||
	fail "the owner of a taken address was not told"
[ "$(q "SELECT count(*) FROM outbox WHERE recipient = 'rita@example.org' AND body LIKE '%/register/confirm?t=%'")" = 1 ] ||
	fail "a taken address was sent a confirmation link"
# a 1 MB body: 413 before it is read (curl waits for the answer to its
# Expect: 100-continue, so that its sending races no early close)
head -c 1048576 /dev/zero | tr '\0' a >"$TMP/big"
got=$(curl -s -o /dev/null -w "%{http_code}" -H "Expect: 100-continue" -b "$TMP/b.jar" --data-binary @"$TMP/big" "$BASE/register")
[ "$got" = 413 ] || fail "a 1 MB registration answered $got, expected 413"

# ---- confirmation: forged, then good, then reused; expired ----
last=A
[ "${t: -1}" = A ] && last=B
confirm "$TMP/f.jar" "${t%?}$last" # one character changed
status_is 404 "a forged link"
has 'This link is not valid'
page 404 '/register/confirm?t=short'
confirm "$TMP/rita.jar" "$t"
status_is 303 "rita's confirmation"
expect_grep "$TMP/head" '^[Ll]ocation: .*/me\?welcome=1'
page 200 '/me?welcome=1' -b "$TMP/rita.jar"
has 'Your account is confirmed'
confirm "$TMP/f.jar" "$t"
status_is 409 "a reused link"
has 'This link was already used'
register "$TMP/sam.jar" sam sam@example.org
q "UPDATE mail_token SET expires = 1 WHERE email = 'sam@example.org'"
confirm "$TMP/sam.jar" "$(link sam@example.org)"
status_is 410 "an expired link"
has 'This link has expired'
# in French, the reader's language
page 404 '/fr/register/confirm?t=x'
has 'Ce lien'
# a registration in French is mailed in French
tok=$(curl -s -c "$TMP/fr.jar" -b "$TMP/fr.jar" "$BASE/fr/register" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$TMP/fr.jar" -b "$TMP/fr.jar" -o "$TMP/body" --data-urlencode "csrf=$tok" -d name=zoe \
	--data-urlencode email=zoe@example.org --data-urlencode 'password=pw of zoe here' \
	--data-urlencode 'again=pw of zoe here' "$BASE/fr/register"
has 'Si cette adresse'
[ "$(q "SELECT subject FROM outbox WHERE recipient = 'zoe@example.org'")" = "Confirmez votre compte sur praxis" ] ||
	fail "a French registration's mail is not in French"
q "SELECT body FROM outbox WHERE recipient = 'zoe@example.org'" | grep -q '^https://hub.example.eu/fr/register/confirm?t=' ||
	fail "a French registration's link is not to the French pages"
q "SELECT body FROM outbox WHERE recipient = 'zoe@example.org'" | head -1 | grep -qx 'Bonjour zoe,' ||
	fail "a French registration's mail does not greet zoe as one whole French message"
# sam, again with a fresh address: confirmed
q "DELETE FROM account WHERE name = 'sam'"
register "$TMP/sam.jar" sam sam2@example.org
confirm "$TMP/sam.jar" "$(link sam2@example.org)"
status_is 303 "sam's confirmation"

# ---- login and the editors' pages ----
rm -f "$TMP/rita.jar" # the confirmation's session: log in afresh
login rita "$TMP/rita.jar"
expect_grep "$TMP/head" '^[Ll]ocation: .*/me'
pub=17063
for p in /admin /admin/users /admin/audit /node/new "/node/$pub/edit" "/node/$pub/history"; do
	got=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/rita.jar" "$BASE$p")
	[ "$got" = 403 ] || fail "a reader's GET $p answered $got, expected 403"
done
# but a reader changes their own password
page 200 /admin/password -b "$TMP/rita.jar"
has 'name="current"'
page 200 /me -b "$TMP/rita.jar"
has 'href="/admin/password"'
page 200 "/node/$pub" -b "$TMP/rita.jar"
lacks 'class="nodebar"'
has 'action="/me/dossiers/add"'

# ---- a saved search and its digest ----
page 200 '/search?q=solar&country=Spain' -b "$TMP/rita.jar"
has 'Save this search'
stok=$(session_csrf "$TMP/rita.jar")
[ -z "$stok" ] && stok=$(curl -s -b "$TMP/rita.jar" "$BASE/me" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
query=$(sed -n 's/.*name="query" value="\([^"]*\)".*/\1/p' "$TMP/body" | sed 's/&amp;/\&/g')
[ "$query" = 'q=solar&country=Spain' ] || fail "the saved query is '$query'"
post 303 /me/searches "$TMP/rita.jar" --data-urlencode "csrf=$stok" --data-urlencode "query=$query" -d 'name=Solar+in+Spain'
page 200 /me -b "$TMP/rita.jar"
has 'Solar in Spain'
post 400 /me/searches "$TMP/rita.jar" --data-urlencode "csrf=$stok" --data-urlencode "query=$query" --data-urlencode $'name=a\r\nb'
# published after the search was saved: one that matches, two that do not
{
	practice 9102 "Solar roofs Seville" Seville Spain "New solar roofs."
	practice 9103 "Solar Lyon" Lyon France "Solar in France."
	practice 9104 "Wind Valencia" Valencia Spain "Wind turbines." secret.contact@example.org
} >"$TMP/new.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/new.jsonl"
expect_status 2 "$PRAXIS" digest --db "$TMP/db"
expect_status 2 "$PRAXIS" digest --db "$TMP/db" --public-url 'http://hub.example/' --now 1
day=$(($(date +%s) + 86400))
mails() { q "SELECT count(*) FROM outbox WHERE subject = 'New practices for your saved searches'"; }
expect_status 0 "$PRAXIS" digest --db "$TMP/db" --public-url http://hub.example --now "$day"
expect_grep "$TMP/out" '1 mails queued'
[ "$(mails)" = 1 ] || fail "the digest queued $(mails) mails, expected 1"
q "SELECT recipient, body FROM outbox WHERE subject = 'New practices for your saved searches'" >"$TMP/digest"
expect_grep "$TMP/digest" '^rita@example.org'
expect_grep "$TMP/digest" '^rita@example.org[|]Hello rita,$' # one message: "Hello {name},"
expect_grep "$TMP/digest" 'Solar roofs Seville'
expect_grep "$TMP/digest" '^  http://hub.example/node/9102$'
! grep -qE 'Madrid|Lyon|Valencia' "$TMP/digest" || fail "the digest lists a practice that is old or does not match"
# the server's mailer sends it on
for _ in $(seq 300); do
	[ -n "$(q "SELECT sent FROM outbox WHERE subject = 'New practices for your saved searches'")" ] && break
	sleep 0.1
done
digest_eml=$(grep -l 'rita@example.org' "$TMP"/box/*.json | sed 's/json$/eml/' | while read -r f; do
	[ "$(mail_field "$f" Subject)" = "New practices for your saved searches" ] && echo "$f"; done | head -1)
[ -n "$digest_eml" ] || fail "the digest did not reach the relay"
mail_field "$digest_eml" body | grep -q '^  http://hub.example/node/9102$' || fail "the relayed digest lacks its link"
unsub=$(sed -n 's|.*/unsubscribe?t=\([A-Za-z0-9_-]*\)$|\1|p' "$TMP/digest")
[ -n "$unsub" ] || fail "no unsubscribe link in the digest"
# twice the same day, and the next day with nothing new: nothing more
expect_status 0 "$PRAXIS" digest --db "$TMP/db" --public-url http://hub.example --now "$day"
expect_status 0 "$PRAXIS" digest --db "$TMP/db" --public-url http://hub.example --now "$((day + 86400))"
expect_grep "$TMP/out" '0 mails queued'
[ "$(mails)" = 1 ] || fail "a second digest queued a mail again"
# unsubscribe: a button without login, then the digest is off
page 404 '/unsubscribe?t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
page 200 "/unsubscribe?t=$unsub" -c "$TMP/u.jar" -b "$TMP/u.jar"
utok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/body" | head -1)
post 200 /unsubscribe "$TMP/u.jar" --data-urlencode "csrf=$utok" --data-urlencode "t=$unsub"
has 'You will get no more daily mails'
[ "$(q "SELECT digest FROM account WHERE name = 'rita'")" = 0 ] || fail "the digest is still on"

# ---- dossiers ----
post 303 /me/dossiers/add "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d "nid=$pub" -d 'name=Housing+ideas'
d=$(sed -n 's|^[Ll]ocation: .*added=\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$d" ] || fail "no dossier made"
post 303 /me/dossiers/add "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d nid=9104 -d "dossier=$d"
post 404 /me/dossiers/add "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d nid=999999 -d "dossier=$d"
page 200 "/me/dossiers/$d" -b "$TMP/rita.jar"
has '<h1>Housing ideas</h1>'
has '2 practices'
has 'class="print-url">https://hub.example.eu/node/9104<'
has 'class="summary">Wind turbines.<'
page 200 "/me/dossiers/$d.csv" -b "$TMP/rita.jar"
expect_grep "$TMP/head" '^[Cc]ontent-[Tt]ype: text/csv'
has '^9104,"practice","Wind Valencia"'
lacks 'secret.contact'
page 200 "/me/dossiers/$d.json" -b "$TMP/rita.jar"
[ "$(jq -c '[.name, [.practices[].nid]]' "$TMP/body")" = "[\"Housing ideas\",[$pub,9104]]" ] || fail "the dossier's JSON: $(head -c 300 "$TMP/body")"
lacks 'secret.contact'
post 303 "/me/dossiers/$d" "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d action=remove -d nid=9104
post 303 "/me/dossiers/$d" "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d action=rename --data-urlencode 'name=Housing, in print'
page 200 "/me/dossiers/$d" -b "$TMP/rita.jar"
has '<h1>Housing, in print</h1>'
lacks 'Wind Valencia'
post 400 "/me/dossiers/$d" "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d action=rename --data-urlencode $'name=x\ny'
# another reader, an editor, a visitor: as if there were none
rm -f "$TMP/sam.jar"
login sam "$TMP/sam.jar"
login ed "$TMP/ed.jar"
samtok=$(curl -s -b "$TMP/sam.jar" "$BASE/me" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
for p in "/me/dossiers/$d" "/me/dossiers/$d.csv" "/me/dossiers/$d.json"; do
	for who in sam ed; do
		got=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/$who.jar" "$BASE$p")
		[ "$got" = 404 ] || fail "$who's GET $p answered $got, expected 404"
	done
	got=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$p")
	[ "$got" = 303 ] || fail "a visitor's GET $p answered $got, expected 303 (to log in)"
done
post 404 "/me/dossiers/$d" "$TMP/sam.jar" --data-urlencode "csrf=$samtok" -d action=delete
post 404 /me/dossiers/add "$TMP/sam.jar" --data-urlencode "csrf=$samtok" -d "nid=$pub" -d "dossier=$d"
[ "$(q "SELECT count(*) FROM dossier WHERE id = $d")" = 1 ] || fail "another reader deleted rita's dossier"
# limits: 100 dossiers, 500 practices a dossier
rid=$(q "SELECT id FROM account WHERE name = 'rita'")
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99) INSERT INTO dossier (account, name, created) SELECT $rid, 'd' || i, 0 FROM n"
post 400 /me "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d action=new-dossier -d name=one+more
has 'You have 100 dossiers'
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 499) INSERT INTO dossier_item (dossier, nid, added) SELECT $d, 100000 + i, 0 FROM n"
post 400 /me/dossiers/add "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d nid=9102 -d "dossier=$d"
post 303 "/me/dossiers/$d" "$TMP/rita.jar" --data-urlencode "csrf=$stok" -d action=delete
[ "$(q "SELECT count(*) FROM dossier_item WHERE dossier = $d")" = 0 ] || fail "a deleted dossier kept its practices"
got=$(curl -s -o /dev/null -w "%{http_code}" -H "Expect: 100-continue" -b "$TMP/rita.jar" --data-binary @"$TMP/big" "$BASE/me/dossiers/add")
[ "$got" = 413 ] || fail "a 1 MB POST to /me/dossiers/add answered $got, expected 413"

# ---- throttling: per e-mail address, then per client address ----
for i in 1 2 3; do
	register "$TMP/t.jar" rita throttle@example.org
	status_is 409 "attempt $i with a taken name"
done
register "$TMP/t.jar" rita throttle@example.org
status_is 429 "the 4th attempt for one address"
has 'Too many attempts'
for i in $(seq 4 10); do register "$TMP/t.jar" rita "t$i@example.org"; done
register "$TMP/t.jar" newname fresh@example.org
status_is 429 "the 11th attempt from one client"
[ "$(q "SELECT count(*) FROM account WHERE name = 'newname'")" = 0 ] || fail "a throttled registration made an account"
stop_server
stop_sink
