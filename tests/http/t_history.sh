# A node's history as people read it: a diff per field (prose word by word,
# lists as items added and removed, other values as old → new; no JSON),
# moments in the reader's language, and a revert that asks first: its GET
# shows what will change and changes nothing; only the confirming POST
# (with its CSRF token) reverts.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
base_of() { # NID: the revision the node's edit form starts from
	page 200 "/node/$1/edit" -b "$TMP/ed.jar"
	sed -n 's/.*name="base" value="\([0-9]*\)".*/\1/p' "$TMP/body"
}
revisions() { # NID: the history's revision numbers, newest first
	page 200 "/node/$1/history" -b "$TMP/ed.jar"
	grep -o '<th scope="row">[0-9]*</th>' "$TMP/body" | grep -o '[0-9]*' | tr '\n' ' '
}
# a long summary: 600 words, one of which the edit changes
words() { seq -f "word%g" 1 600 | sed "s/^word$1\$/$2/" | paste -sd' '; }
send() { # STATUS PATH SUMMARY THEMES POPULATION [MORE CURL ARGS]
	local status=$1 path=$2 summary=$3 themes=$4 pop=$5
	shift 5
	post "$status" "$path" "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d type=practice \
		--data-urlencode 'title=Bees on every roof' -d city=Bilbao -d country=Spain -d language=en \
		--data-urlencode "summary=$summary" --data-urlencode "themes=$themes" --data-urlencode "population=$pop" \
		--data-urlencode $'solution=First paragraph.\nSecond paragraph.' "$@"
}
send 303 /node/new "$(words 300 word300)" $'Poverty\nSocial cohesion' 345821 -d action=publish
nid=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$nid" ] || fail "no node after publishing"
send 303 "/node/$nid/edit" "$(words 300 honeybee)" $'Poverty\nLocal economy' '470 000' \
	-d action=save -d "base=$(base_of "$nid")"
set -- $(revisions "$nid")
[ $# -eq 2 ] || fail "two saves should make two revisions, the history lists: $*"
new=$1 old=$2

# ---- the diff: per field, readable ----
page 200 "/node/$nid/history?a=$old&b=$new" -b "$TMP/ed.jar"
prose=$(grep -o '<p class="prose">.*</p>' "$TMP/body")
[ "$(grep -o '<ins>' <<<"$prose" | wc -l)" -eq 1 ] && [ "$(grep -o '<del>' <<<"$prose" | wc -l)" -eq 1 ] ||
	fail "a one-word edit should mark one word, the prose diff is: ${prose:0:400}"
grep -q 'word299 <del>word300</del><ins>honeybee</ins> word301' <<<"$prose" ||
	fail "the changed word is not the one marked: ${prose:0:400}"
has '<ul class="added"[^>]*><li><ins>Local economy</ins></li></ul>'
has '<ul class="removed"[^>]*><li><del>Social cohesion</del></li></ul>'
lacks '<ins>Poverty</ins>|<del>Poverty</del>' # kept: not a change
has '<del>345821</del> <span aria-hidden="true">→</span><span class="hidden">becomes</span> <ins>470000</ins>'
lacks '&quot;|\\n|"title"|\{' # no JSON, quotes, keys or escapes
lacks '<dt>Title</dt>|<dt>The innovative solution</dt>' # unchanged fields are not listed
# moments in the reader's language, not ISO strings
has '<time datetime="[0-9]{4}-[0-9]{2}-[0-9]{2}T[^"]*">[^<]*[0-9]{1,2}:[0-9]{2}'
lacks '<time datetime="[^"]*">[0-9]{4}-'
page 200 "/fr/node/$nid/history" -b "$TMP/ed.jar"
lacks '<time datetime="[^"]*">[0-9]{4}-'
# the heading is one message, its numbers where each language puts them
page 200 "/node/$nid/history?a=$old&b=$new" -b "$TMP/ed.jar"
has "<h2>Changes from revision $old to $new</h2>"
page 200 "/fr/node/$nid/history?a=$old&b=$new" -b "$TMP/ed.jar"
has "<h2>Changements de la révision $old à la révision $new</h2>"
# comparing a revision with itself, or a revision of nothing
page 200 "/node/$nid/history?a=$new&b=$new" -b "$TMP/ed.jar"
has 'Nothing differs between these two versions.'
page 400 "/node/$nid/history?a=$old&b=99999" -b "$TMP/ed.jar"

# ---- revert: a GET asks and changes nothing ----
page 200 "/node/$nid/history" -b "$TMP/ed.jar"
has "href=\"/node/$nid/revert\\?rev=$old\""
lacks "<form[^>]*action=\"/node/$nid/revert\"" # no one-click revert on the history
page 200 "/node/$nid/revert?rev=$old" -b "$TMP/ed.jar"
has "<form method=\"post\" action=\"/node/$nid/revert\""
has "<input type=\"hidden\" name=\"csrf\" value=\"$tok\">"
has "<input type=\"hidden\" name=\"rev\" value=\"$old\">"
has '<del>honeybee</del><ins>word300</ins>' # what will change: from now back to then
has '<ul class="added"[^>]*><li><ins>Social cohesion</ins></li></ul>'
set -- $(revisions "$nid")
[ $# -eq 2 ] || fail "a revert's GET saved something: the history lists $*"
page 200 "/node/$nid"
has 'honeybee'
page 400 "/node/$nid/revert?rev=99999" -b "$TMP/ed.jar"
page 400 "/node/$nid/revert" -b "$TMP/ed.jar"
page 303 "/node/$nid/revert?rev=$old" # visitors: to the login page
post 403 "/node/$nid/revert" "$TMP/ed.jar" -d "csrf=wrong&rev=$old"
# the POST acts
post 303 "/node/$nid/revert" "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d "rev=$old"
page 200 "/node/$nid"
has 'word300'
lacks 'honeybee'
set -- $(revisions "$nid")
[ $# -eq 3 ] || fail "the revert should be a third revision, the history lists $*"
stop_server
