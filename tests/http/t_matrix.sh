# The authorisation matrix: every route of the hub (src/web/route.c), by
# GET and by POST, for a visitor, a reader, an author, an editor and an
# admin, each with a valid session and form token: the answer each must get.
. tests/http/lib.sh
once_against asan "the access rules are the same in both builds"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/transfer/hub.jsonl
# a confirmed contact request about 901 (a practice with a contact, no owner)
store_sql "$TMP/db" "INSERT INTO request (nid, name, email, message, lang, addr, created, verified, status)
	VALUES (901, 'V', 'v@example.org', 'M', 'en', '192.0.2.1', unixepoch(), unixepoch(), 'sent')" || fail "request"
for u in reader:rita author:ana editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" || fail "add"
done
start_server "$TMP/db"
for u in rita ana ed root; do login "$u" "$TMP/$u.jar"; done
csrf "$TMP/none.jar" >"$TMP/none.tok" # a visitor's token: the login form's cookie
for u in rita ana ed root; do session_csrf "$TMP/$u.jar" >"$TMP/$u.tok"; done
# a draft of ana's
post 303 /node/new "$TMP/ana.jar" -d "csrf=$(cat "$TMP/ana.tok")&action=save&type=practice&title=Draft&city=Ghent&country=Belgium&language=en"
draft=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
# a draft of ed's (an editor's), and a node of ana's that ed published
post 303 /node/new "$TMP/ed.jar" -d "csrf=$(cat "$TMP/ed.tok")&action=save&type=practice&title=Ed+draft&city=Ghent&country=Belgium&language=en"
eddraft=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
post 303 /node/new "$TMP/ana.jar" -d "csrf=$(cat "$TMP/ana.tok")&action=save&type=practice&title=Ana+published&city=Ghent&country=Belgium&language=en"
anapub=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
post 303 "/node/$anapub/state" "$TMP/ed.jar" -d "csrf=$(cat "$TMP/ed.tok")&state=published"
[ -n "$draft" ] && [ -n "$eddraft" ] && [ -n "$anapub" ] || fail "the nodes of the matrix were not made"
pub=17063
form='action=preview&type=practice&title=T&city=C&country=D&language=en'

# A row with five answers: a visitor, a reader, an author, an editor, an
# admin; with four, the reader's is the visitor's on public pages (200, 405,
# 404) and a 403 where the visitor is sent to log in (303) or refused (403):
# a reader reaches none of the editors' pages.
check() { # METHOD PATH WANT-NONE [WANT-READER] WANT-AUTHOR WANT-EDITOR WANT-ADMIN [DATA]
	local m=$1 path=$2
	shift 2
	if ! [[ ${5:-} =~ ^[0-9]{3}$ ]]; then
		local reader=$1
		[ "$1" = 303 ] && reader=403
		set -- "$1" "$reader" "${@:2}"
	fi
	local data=${6:-} who want got i=1
	for who in none rita ana ed root; do
		want=${!i}
		i=$((i + 1))
		if [ "$m" = GET ]; then
			got=$(curl -s -g -o /dev/null -w '%{http_code}' -b "$TMP/$who.jar" "$BASE$path")
		else
			got=$(curl -s -g -o /dev/null -w '%{http_code}' -b "$TMP/$who.jar" \
				-d "csrf=$(cat "$TMP/$who.tok")${data:+&$data}" "$BASE$path")
		fi
		[ "$got" = "$want" ] || fail "$m $path as $who: $got, expected $want"
		echo "$m $path $who $got" >>"$TMP/matrix"
	done
}
# public pages: everyone
for p in / /good-practices /good-practices.csv '/search.csv?q=city' '/search?q=city' "/node/$pub" \
	/themes/jobs-and-skills /countries/spain /cities/bilbao /feed.atom /feed.rss /good-practices/feed.atom \
	/good-practices/feed.rss '/search/feed.atom?q=city' '/search/feed.rss?q=city' /static/praxis.css \
	/api/v1/nodes "/api/v1/nodes/$pub" '/api/v1/search?q=city' /api/v1/openapi.json '/api/v1/suggest?q=ci' \
	/opensearch.xml /sitemap.xml /sitemaps/pages /sitemaps/1 /subscribe /subscribe/good-practices \
	'/subscribe/search?q=city' /static/feed.xsl; do
	check GET "$p" 200 200 200 200
	check POST "$p" 405 405 405 405
done
check GET /login 200 303 303 303 303
check GET /admin 303 200 200 200
check GET /admin/password 303 200 200 200 200
check POST /admin/password 403 403 403 403 403 'current=not+this+one&password=xxxxxxxxxxxx&again=xxxxxxxxxxxx'
for p in /admin/users /admin/audit /admin/audit.csv /admin/import; do
	check GET "$p" 303 403 403 200
done
check POST /admin/users 403 403 403 404 'action=role&name=nobody&role=editor'
check POST /admin/import 403 403 403 400
check POST /admin/audit 405 405 405 405
check GET /node/new 303 200 200 200
check POST /node/new 403 200 200 200 "$form"
check GET "/node/$pub/edit" 303 403 200 200
check POST "/node/$pub/edit" 403 403 200 200 "$form&base=1"
check GET "/node/$pub/history" 303 403 200 200
check POST "/node/$pub/state" 403 403 303 303 'state=published'
check POST "/node/$pub/revert" 403 403 400 400 'rev=999999999'
# Each row of the node's routes on nodes the author owns and does not: her
# own draft passes the route table's roles (ROLE_AUTHOR for edit, history,
# revert; ROLE_EDITOR for state, so even her own draft's state is a 403
# from the table) and then the page's own check (an author writes her own
# drafts only).
check GET "/node/$draft" 404 200 200 200
check GET "/node/$draft/edit" 303 200 200 200
check POST "/node/$draft/edit" 403 200 200 200 "$form&base=1"
check GET "/node/$draft/history" 303 200 200 200
check POST "/node/$draft/state" 403 403 303 303 'state=draft'
check POST "/node/$draft/revert" 403 400 400 400 'rev=999999999'
# an editor's draft: not the author's to see (404, as if there were none),
# except where the route table answers first (state)
check GET "/node/$eddraft" 404 404 200 200
check GET "/node/$eddraft/edit" 303 404 200 200
check POST "/node/$eddraft/edit" 403 404 200 200 "$form&base=1"
check GET "/node/$eddraft/history" 303 404 200 200
check POST "/node/$eddraft/state" 403 403 303 303 'state=draft'
check POST "/node/$eddraft/revert" 403 404 400 400 'rev=999999999'
# the author's own node, once published: editors' only
check GET "/node/$anapub" 200 200 200 200
check GET "/node/$anapub/edit" 303 403 200 200
check POST "/node/$anapub/edit" 403 403 200 200 "$form&base=1"
check GET "/node/$anapub/history" 303 403 200 200
check POST "/node/$anapub/state" 403 403 303 303 'state=published'
check POST "/node/$anapub/revert" 403 403 400 400 'rev=999999999'
check GET "/api/v1/nodes/$draft" 404 404 404 404
check GET /node/999999 404 404 404 404
# a reader's own pages: every account has them (an editor's dossiers are
# hers); a dossier is its owner's only, the others get the 404 of none
check GET /register 200 303 303 303 303
check POST /register 400 303 303 303 303
check GET '/register/confirm?t=x' 404 404 404 404 404
check GET '/unsubscribe?t=x' 404 404 404 404 404
check GET /me 303 200 200 200 200
check POST /me 403 400 400 400 400 'action=nothing'
check GET /me/searches 405 405 405 405 405
check POST /me/searches 403 303 303 303 303 'query=q%3Dcity&name=City'
check POST /me/dossiers/add 403 303 303 303 303 "nid=$pub&name=Mine" # dossiers 1 to 4
check GET /me/dossiers/1 303 200 404 404 404
check GET /me/dossiers/1.csv 303 200 404 404 404
check GET /me/dossiers/1.json 303 200 404 404 404
check POST /me/dossiers/1 403 303 404 404 404 'action=rename&name=Ours'
check GET /me/dossiers/2 303 404 200 404 404
check GET /me/dossiers/5 303 404 404 404 404
# contact requests: the form for anyone (an empty one a 400), no form
# without a contact; the link's page; a request for editors (and the
# practice's owner, who is nobody here)
check GET /node/901/contact 200 200 200 200
check POST /node/901/contact 400 400 400 400 'name='
check GET "/node/$pub/contact" 404 404 404 404
check POST "/node/$pub/contact" 404 404 404 404 'name='
check GET '/contact/verify?t=forged' 404 404 404 404
check POST /contact/verify 404 404 404 404 't=forged'
check GET /admin/requests/1 303 404 200 200
check POST /admin/requests/1 403 404 303 303 'status=closed'
check GET /admin/requests/2 303 404 404 404
check POST /logout 403 303 303 303 303
echo "matrix: $(wc -l <"$TMP/matrix") answers checked"
stop_server
