# Every page type is valid HTML for the Nu Html Checker (npm vnu-jar, run
# with Debian's Java): no error, no warning.
. tests/http/lib.sh
once_against asan "the Nu checker reads pages, which both builds make the same"
vnu=node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$vnu" ] || fail "$vnu is missing: run scripts/deps"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/transfer/hub.jsonl
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "cannot add root"
start_server "$TMP/db"
i=0
for want_path in 200:/ 200:/node/17065 200:/node/17072 '200:/good-practices?country=Spain' \
	'200:/search?q=renta%20basica' 200:/search '200:/search?q=zzzzqqq' 200:/themes/jobs-and-skills \
	200:/authors/mpapoutsi 404:/node/1 '400:/?page=9' 405:/search '200:/search?q=city&sort=newest' \
	'200:/subscribe/search?q=housing&country=Spain' 200:/subscribe '400:/search?q=city&sort=oldest' \
	'200:/good-practices?sort_city=name&population_min=1000' '400:/good-practices?population_min=x' \
	200:/match '200:/match?city=Sevilla&country=Spain&q=housing' '404:/match?city=Portp&country=PT' \
	'400:/match?population=0&country=PT' '200:/cities/sevilla-es' \
	200:/node/901 '200:/compare?nid=17065&nid=901' '200:/compare?nid=17065&nid=17064&nid=17063&nid=901' \
	200:/compare '404:/compare?nid=17065&nid=5' '400:/compare?nid=1&nid=1' '200:/good-practices?nid=901&nid=17065'; do
	i=$((i + 1))
	if [ "${want_path%%:*}" = 405 ]; then
		page 405 "${want_path#*:}" -X POST
	else
		page "${want_path%%:*}" "${want_path#*:}"
	fi
	cp "$TMP/body" "$TMP/page$i.html"
done
# the home page and a practice page in every interface language (issue 15)
for lang in bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv; do
	page 200 "/$lang/"
	cp "$TMP/body" "$TMP/page-home-$lang.html"
	page 200 "/$lang/node/17065"
	cp "$TMP/body" "$TMP/page-practice-$lang.html"
done
# the editors' pages: login (and its error), the desk, users (with a field
# error), the audit log, a page signed in
# machine translation: the offer, the page while it is made, no path, the
# translated page (Apertium in the background: polled, 60 s at most)
page 200 /es/node/901
cp "$TMP/body" "$TMP/page-mt-offer.html"
page 404 '/node/901/translation?to=fi'
cp "$TMP/body" "$TMP/page-mt-none.html"
page 200 '/node/901/translation?to=es'
cp "$TMP/body" "$TMP/page-mt-pending.html"
for _ in $(seq 240); do
	page 200 '/node/901/translation?to=es'
	grep -q 'class="node translated' "$TMP/body" && break
	sleep 0.25
done
has 'class="node translated'
cp "$TMP/body" "$TMP/page-mt-translated.html"
page 200 /login
cp "$TMP/body" "$TMP/page-login.html"
jar=$TMP/root.jar
tok=$(csrf "$jar")
post 403 /login "$jar" -d "csrf=$tok&name=root&password=wrong+password"
cp "$TMP/body" "$TMP/page-login-error.html"
login root "$jar"
for p in /admin /admin/users /admin/audit /admin/import /admin/password /node/17065 /node/901/edit; do
	page 200 "$p" -b "$jar"
	cp "$TMP/body" "$TMP/page-signed-in-$(echo "$p" | tr / -).html"
done
post 400 /admin/users "$jar" -d "csrf=$(session_csrf "$jar")&action=add&name=carla&role=editor&password=short"
cp "$TMP/body" "$TMP/page-users-error.html"
# writing: the forms (empty, with errors, with a preview, asking to
# confirm new values), a node with its bar, the history with a diff, the
# page that asks before a revert
tok=$(session_csrf "$jar")
p='type=practice&title=Bee+roofs&city=Ghent&country=Belgium&language=en&summary=**Bees**.&impact=More+bees.'
for t in practice article; do
	page 200 "/node/new?type=$t" -b "$jar"
	cp "$TMP/body" "$TMP/page-new-$t.html"
done
post 400 /node/new "$jar" -d "csrf=$tok&action=save&type=practice&title=&city=Ghent&country=&language=english"
cp "$TMP/body" "$TMP/page-form-errors.html"
post 200 /node/new "$jar" -d "csrf=$tok&action=preview&$p"
cp "$TMP/body" "$TMP/page-form-preview.html"
post 303 /node/new "$jar" -d "csrf=$tok&action=save&$p"
nid=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
post 303 "/node/$nid/edit" "$jar" -d "csrf=$tok&action=publish&base=$(store_sql "$TMP/db" "SELECT max(rev) FROM revision WHERE nid = $nid")&${p/Bee/Wasp}"
page 200 "/node/$nid" -b "$jar"
cp "$TMP/body" "$TMP/page-node-bar.html"
revs=($(store_sql "$TMP/db" "SELECT rev FROM revision WHERE nid = $nid ORDER BY rev"))
page 200 "/node/$nid/history?a=${revs[0]}&b=${revs[1]}" -b "$jar"
cp "$TMP/body" "$TMP/page-history.html"
page 200 "/node/$nid/revert?rev=${revs[0]}" -b "$jar"
cp "$TMP/body" "$TMP/page-revert.html"
post 200 /node/new "$jar" -d "csrf=$tok&action=save&pick=1&themes.new=Beez&country.new=Belgique&${p/Bee/Moth}"
grep -q 'name="resolve"' "$TMP/body" || fail "new values asked for no confirmation"
cp "$TMP/body" "$TMP/page-form-confirm.html"
# a reader's pages: register (empty, with an error, sent), the confirmation,
# /me, a search with "Save this search", a practice with "Add to dossier",
# a dossier, unsubscribe
page 200 /register
cp "$TMP/body" "$TMP/page-register.html"
tok=$(csrf "$TMP/r.jar")
post 400 /register "$TMP/r.jar" -d "csrf=$tok&name=rita&email=bad&password=pw+of+rita+here&again=pw+of+rita+here"
cp "$TMP/body" "$TMP/page-register-error.html"
post 200 /register "$TMP/r.jar" -d "csrf=$tok&name=rita&email=rita%40example.org&password=pw+of+rita+here&again=pw+of+rita+here"
cp "$TMP/body" "$TMP/page-register-sent.html"
t=$(store_sql "$TMP/db" "SELECT body FROM outbox WHERE recipient = 'rita@example.org'" | sed -n 's|.*confirm?t=\([A-Za-z0-9_-]*\).*|\1|p')
page 200 "/register/confirm?t=$t" -c "$TMP/r.jar" -b "$TMP/r.jar"
cp "$TMP/body" "$TMP/page-register-confirm.html"
post 303 /register/confirm "$TMP/r.jar" -d "csrf=$tok&t=$t"
rtok=$(curl -s -b "$TMP/r.jar" "$BASE/me" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
post 303 /me/searches "$TMP/r.jar" -d "csrf=$rtok&query=q%3Dcity&name=City"
post 303 /me/dossiers/add "$TMP/r.jar" -d "csrf=$rtok&nid=17065&name=Mine"
d=$(sed -n 's|^[Ll]ocation: .*added=\([0-9]*\)\r$|\1|p' "$TMP/head")
for p in "/me?welcome=1&done=saved" "/search?q=city" "/node/17065?added=$d" "/me/dossiers/$d"; do
	page 200 "$p" -b "$TMP/r.jar"
	cp "$TMP/body" "$TMP/page-reader-$(echo "$p" | tr '/?&=' '----').html"
done
page 404 "/unsubscribe?t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
cp "$TMP/body" "$TMP/page-unsubscribe-404.html"
# a visitor's request to a practice's contact: the form, its errors, the
# page that says a link was mailed, the link's page, the request sent; the
# desk's list and the request's page
vjar=$TMP/visitor.jar
vtok=$(curl -s -c "$vjar" -b "$vjar" "$BASE/node/901/contact" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
page 200 /node/901/contact
cp "$TMP/body" "$TMP/page-contact.html"
post 400 /node/901/contact "$vjar" -d "csrf=$vtok&name=&email=x&message="
cp "$TMP/body" "$TMP/page-contact-errors.html"
post 200 /node/901/contact "$vjar" -d "csrf=$vtok&name=Maria&email=maria%40porto.example&message=How%3F&consent=yes"
cp "$TMP/body" "$TMP/page-contact-sent.html"
link=$(store_sql "$TMP/db" "SELECT body FROM outbox ORDER BY id DESC LIMIT 1" | grep -o '/contact/verify?t=[A-Za-z0-9_-]*')
page 200 "$link"
cp "$TMP/body" "$TMP/page-contact-verify.html"
post 200 /contact/verify "$vjar" -d "csrf=$vtok&t=${link#*t=}"
cp "$TMP/body" "$TMP/page-contact-verified.html"
for p in /admin /admin/requests/1; do
	page 200 "$p" -b "$jar"
	cp "$TMP/body" "$TMP/page-requests-$(echo "$p" | tr / -).html"
done
java -jar "$vnu" --Werror "$TMP"/page*.html 2>"$TMP/vnu" || { cat "$TMP/vnu" >&2; fail "the Nu Html Checker found problems"; }
# and it does find them
printf '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>' >"$TMP/bad.html"
! java -jar "$vnu" --Werror "$TMP/bad.html" 2>/dev/null || fail "the checker accepted broken HTML"
stop_server
