# The authorisation matrix: every route of the hub (src/web/route.c), by
# GET and by POST, for a visitor, an author, an editor and an admin, each
# with a valid session and form token: the answer each must get.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
for u in author:ana editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" || fail "add"
done
start_server "$TMP/db"
for u in ana ed root; do login "$u" "$TMP/$u.jar"; done
csrf "$TMP/none.jar" >"$TMP/none.tok" # a visitor's token: the login form's cookie
for u in ana ed root; do session_csrf "$TMP/$u.jar" >"$TMP/$u.tok"; done
# a draft of ana's
post 303 /node/new "$TMP/ana.jar" -d "csrf=$(cat "$TMP/ana.tok")&action=save&type=practice&title=Draft&city=Ghent&country=Belgium&language=en"
draft=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
pub=17063
form='action=preview&type=practice&title=T&city=C&country=D&language=en'

check() { # METHOD PATH WANT-NONE WANT-AUTHOR WANT-EDITOR WANT-ADMIN [DATA]
	local m=$1 path=$2 data=${7:-} who want got i=3
	for who in none ana ed root; do
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
	/opensearch.xml /sitemap.xml /sitemaps/pages /sitemaps/1; do
	check GET "$p" 200 200 200 200
	check POST "$p" 405 405 405 405
done
check GET /login 200 303 303 303
check GET /admin 303 200 200 200
check GET /admin/password 303 200 200 200
check POST /admin/password 403 403 403 403 'current=not+this+one&password=xxxxxxxxxxxx&again=xxxxxxxxxxxx'
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
check GET "/node/$draft" 404 200 200 200
check GET "/node/$draft/edit" 303 200 200 200
check GET "/node/$draft/history" 303 200 200 200
check GET "/api/v1/nodes/$draft" 404 404 404 404
check GET /node/999999 404 404 404 404
check POST /logout 403 303 303 303
echo "matrix: $(wc -l <"$TMP/matrix") answers checked"
stop_server
