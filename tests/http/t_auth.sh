# Accounts on the web: login and logout, session cookies and their flags,
# CSRF and Origin checks, throttling, sessions that survive a restart, the
# authorisation matrix (every editors' route x anonymous, author, editor,
# admin), the users page with its field errors, the audit log and its CSV.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
for u in author:ana editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" ||
		fail "cannot add ${u#*:}"
done
start_server "$TMP/db"

head_has() { grep -qiE "$1" "$TMP/head" || { cat "$TMP/head" >&2; fail "no header matching '$1'"; }; }

# ---- anonymous visitors: to the login page, or 403 ----
for p in /admin /admin/users /admin/audit /admin/audit.csv; do
	page 303 "$p"
	head_has "^location: $BASE/login\\?next=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$p")"
done
page 303 '/fr/admin'
head_has "^location: $BASE/fr/login\\?next=%2Ffr%2Fadmin"

# ---- the login form: its CSRF cookie, never cached ----
page 200 /login
head_has '^set-cookie: praxis_csrf=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict'
head_has '^cache-control: no-store'
page 200 /login
head_has '^x-cache: miss'
has 'name="password" type="password"'

# ---- a POST must carry the form's token, from this hub, as a form ----
jar=$TMP/anon.jar
tok=$(csrf "$jar")
[ ${#tok} -eq 43 ] || fail "no CSRF token in the login form"
post 403 /login "$jar" -d "name=root&password=pw+of+root+here"
has 'expired or was not sent from this hub'
post 403 /login "$jar" -d "csrf=${tok}x&name=root&password=pw+of+root+here"
post 403 /login "$jar" -d "csrf=$tok&name=root&password=pw+of+root+here" -H 'Origin: http://evil.example'
post 415 /login "$jar" -d "csrf=$tok" -H 'Content-Type: text/plain'
post 400 /login "$jar" -d "csrf=$tok&name=%ff"
head -c 1100000 /dev/zero | tr '\0' a >"$TMP/big"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$TMP/big" "$BASE/login")
[ "$code" = 413 ] || fail "a 1 MB form answered $code"
post 405 / "$jar" -d "csrf=$tok"

# ---- wrong password, then right; the session cookie ----
post 403 /login "$jar" -d "csrf=$tok&name=root&password=wrong+password&next=/admin"
has 'Wrong user name or password'
has 'value="root"' # the name typed stays
post 403 /login "$jar" -d "csrf=$tok&name=nobody&password=wrong+password"
has 'Wrong user name or password' # the same answer for an unknown name
post 303 /login "$jar" -d "csrf=$tok&name=root&password=pw+of+root+here&next=%2F%2Fevil.example%2F"
head_has "^location: $BASE/admin"$'\r'
head_has '^set-cookie: praxis_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200'
if over_https; then # through nginx: the client's scheme, which nginx says
	head_has '^set-cookie: praxis_session=.*; Secure'
else
	! grep -qi 'Secure' "$TMP/head" || fail "Secure cookie over plain HTTP"
fi

# signed in: pages are theirs, never from the shared cache
page 200 /admin -b "$jar"
has 'Signed in as <strong>root</strong> \(admin\)'
page 200 / -b "$jar"
head_has '^cache-control: private, no-store'
head_has '^x-cache: miss'
has 'action="/logout"'
page 200 /
page 200 /
head_has '^x-cache: hit'
lacks 'action="/logout"'

# ---- the authorisation matrix ----
for u in ana ed; do login "$u" "$TMP/$u.jar"; done
cp "$jar" "$TMP/root.jar"
: >"$TMP/none.jar"
# route, then the status for: anonymous author editor admin
while read -r route none author editor admin; do
	for who in none:$none ana:$author ed:$editor root:$admin; do
		page "${who#*:}" "$route" -b "$TMP/${who%%:*}.jar"
	done
done <<'MATRIX'
/admin 303 200 200 200
/admin/users 303 403 403 200
/admin/audit 303 403 403 200
/admin/audit.csv 303 403 403 200
/login 200 303 303 303
/ 200 200 200 200
MATRIX
for who in ana:403 ed:403 root:303; do # a user form, each with its own token
	j=$TMP/${who%%:*}.jar
	post "${who#*:}" /admin/users "$j" -d "csrf=$(session_csrf "$j")&action=role&name=ana&role=author"
done
post 403 /admin/users "$TMP/none.jar" -d "csrf=$tok&action=role&name=ana&role=admin"
post 403 /admin/users "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/root.jar")&action=role&name=ana&role=admin"

# ---- the users page: field errors keep what was typed ----
rtok=$(session_csrf "$TMP/root.jar")
post 400 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=add&name=carla&role=editor&password=short"
has 'id="pw-error" role="alert">A password has at least 10 characters.'
has 'value="carla"'
lacks 'value="short"'
post 400 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=add&name=bad+name&role=editor&password=long+enough+pw"
has 'id="add-error" role="alert">A user name is made of letters'
post 400 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=add&name=ED&role=editor&password=long+enough+pw"
has 'There is already a user with this name'
post 303 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=add&name=carla&role=editor&password=long+enough+pw"
head_has "^location: $BASE/admin/users\\?done=added"
post 400 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=disable&name=root"
has 'cannot change your own account'
# disabling ends the sessions of that user
post 303 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=disable&name=ed"
page 303 /admin -b "$TMP/ed.jar"
post 303 /admin/users "$TMP/root.jar" -d "csrf=$rtok&action=enable&name=ed"
page 200 /admin/users -b "$TMP/root.jar"
has '<th scope="row">carla</th>'

# ---- throttling: five failures lock the account name, even for the right password ----
t2=$(csrf "$TMP/t.jar")
for _ in 1 2 3 4 5; do
	post 403 /login "$TMP/t.jar" -d "csrf=$t2&name=ana&password=wrong+password"
done
post 429 /login "$TMP/t.jar" -d "csrf=$t2&name=ana&password=pw+of+ana+here"
has 'Too many failed logins. Try again in 1[0-5] minutes.'
login ed "$TMP/ed2.jar" # another account is not locked

# ---- logout ends the session; sessions survive a restart ----
# (curl drops the cookie that logout expires: the old one is sent by hand)
ed2=$(awk '$6 == "praxis_session" { print $7 }' "$TMP/ed2.jar")
[ ${#ed2} -eq 43 ] || fail "no session in ed2.jar"
post 303 /logout "$TMP/ed2.jar" -d "csrf=$(session_csrf "$TMP/ed2.jar")"
head_has '^set-cookie: praxis_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0'
stop_server
start_server "$TMP/db"
page 200 /admin -b "$TMP/root.jar"
page 303 /admin -H "Cookie: praxis_session=$ed2" # logged out before the restart

# ---- one's own password: the current one first, twice the same; it signs
# the other sessions out, this browser stays in ----
printf 'pw of dana here\n' | "$PRAXIS" user add --db "$TMP/db" --role author dana || fail "add dana"
login dana "$TMP/d1.jar"
login dana "$TMP/d2.jar"
dtok=$(session_csrf "$TMP/d1.jar")
post 403 /admin/password "$TMP/d1.jar" -d "csrf=$dtok&current=wrong+one+here&password=a+brand+new+one&again=a+brand+new+one"
has 'This is not your current password'
post 400 /admin/password "$TMP/d1.jar" -d "csrf=$dtok&current=pw+of+dana+here&password=a+brand+new+one&again=another+one+x"
has 'The two new passwords differ'
post 400 /admin/password "$TMP/d1.jar" -d "csrf=$dtok&current=pw+of+dana+here&password=short&again=short"
has 'at least 10 characters'
post 303 /admin/password "$TMP/d1.jar" -d "csrf=$dtok&current=pw+of+dana+here&password=a+brand+new+one&again=a+brand+new+one"
head_has '^set-cookie: praxis_session=[A-Za-z0-9_-]{43}'
page 200 /admin -b "$TMP/d1.jar" # this browser: a new session
page 303 /admin -b "$TMP/d2.jar" # the other: signed out

# ---- a store that cannot tell who is signed in (its session table gone,
# as when PostgreSQL is down): a form gets a 503, not the 403 of a form
# that expired, a signed-in page a 503, not the login form; signed in
# again once it answers ----
tok=$(session_csrf "$TMP/root.jar")
store_sql "$TMP/db" 'ALTER TABLE session RENAME TO session_away'
post 503 /logout "$TMP/root.jar" -d "csrf=$tok"
has "store cannot be read"
page 503 /admin -b "$TMP/root.jar"  # not sent to the login form
page 200 /                          # a visitor's page, kept in the cache,
page 200 / -b "$TMP/root.jar"       # is what the signed-in get then
store_sql "$TMP/db" 'ALTER TABLE session_away RENAME TO session'
page 200 /admin -b "$TMP/root.jar"

# ---- the audit log, on the page and as CSV ----
page 200 /admin/audit -b "$TMP/root.jar"
has '<td>login-failed</td><td>root</td>'
has '<td>login-throttled</td><td>ana</td>'
has '<td>root</td><td>127.0.0.1</td><td>user-add</td><td>carla</td><td>editor</td>'
page 200 /admin/audit.csv -b "$TMP/root.jar"
head_has '^content-type: text/csv'
head -1 "$TMP/body" | grep -q '^at,account,address,action,target,detail' || fail "no CSV header"
grep -q '"root","127.0.0.1","user-disable","ed",""' "$TMP/body" || fail "no user-disable row in the CSV"
grep -q '"","cli","user-add","ana","author"' "$TMP/body" || fail "the CLI's entries are not in the CSV"
grep -q '"ed","127.0.0.1","logout"' "$TMP/body" || fail "no logout row"
stop_server
