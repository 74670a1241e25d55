# Writing on the hub: an editor writes a practice with its five sections,
# previews, publishes; it is found at once in search, listings, feeds and
# the API; edits, history with a diff, revert; unpublish takes it out at
# once. Authors write drafts and edit only their own drafts; visitors see
# no draft. Two editors saving the same node: the second gets a conflict
# with both versions, and nothing is overwritten. Every step is audited.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
for u in author:ana author:bea editor:ed editor:eva admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" ||
		fail "cannot add ${u#*:}"
done
start_server "$TMP/db"
for u in ana bea ed eva root; do login "$u" "$TMP/$u.jar"; done
: >"$TMP/none.jar"
form() { # JAR: the fields every form carries
	printf 'csrf=%s' "$(session_csrf "$1")"
}
base_of() { # NID JAR: the revision the node's edit form starts from
	page 200 "/node/$1/edit" -b "$2"
	sed -n 's/.*name="base" value="\([0-9]*\)".*/\1/p' "$TMP/body"
}
practice='type=practice&title=Zebra+crossings+for+bees&subtitle=Flowers+between+the+stripes&city=Ghent'
practice+='&country=Belgium&language=en&population=263000&themes=Environment%0D%0AMobility&labels=URBACT'
practice+='&summary=Bees+cross+**safely**.&solution=Flower+boxes+on+every+crossing.'
practice+='&collaboration=Schools+and+beekeepers.&impact=Twice+as+many+bees.&transfer=Cheap+and+simple.'

# ---- an editor: a field error keeps what was typed; preview; publish ----
post 400 /node/new "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&action=save&type=practice&title=Kept+title&city=&country=Belgium&language=en"
has 'value="Kept title"'
has 'for="city">City <span class="field-error">This field is needed.'
post 200 /node/new "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&action=preview&$practice"
has '<p class="kind">Preview</p>'
has '<p>Bees cross <strong>safely</strong>.</p>'
# not there before it is published ("zebra" itself may find other texts:
# Polish and Czech call a pedestrian crossing a "zebra")
page 200 '/search?q=zebra'
lacks 'Zebra crossings for bees'
post 303 /node/new "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&action=publish&$practice"
nid=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$nid" ] || fail "no node page after publishing"
page 200 "/node/$nid"
for h in 'Summary' 'The innovative solution' 'A collaborative and participative work' 'The impact and results' \
	'Why this good practice should be transferred to other cities\?'; do
	has "<h2>$h</h2>"
done
# found at once: search, listings, feeds, API
page 200 '/search?q=zebra+crossings'
has "href=\"/node/$nid\""
page 200 '/good-practices?country=Belgium'
has "href=\"/node/$nid\""
page 200 /feed.atom
has "/node/$nid"
page 200 "/api/v1/nodes/$nid"
has '"title": ?"Zebra crossings for bees"'
page 200 '/api/v1/search?q=zebra'
has "\"nid\": ?$nid"

# ---- edits, history, diff, revert ----
base=$(base_of "$nid" "$TMP/ed.jar")
post 303 "/node/$nid/edit" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&action=save&base=$base&${practice/Zebra/Polkadot}"
page 200 '/search?q=polkadot'
has "href=\"/node/$nid\""
page 200 "/node/$nid/history" -b "$TMP/ed.jar"
revs=$(grep -o '<th scope="row">[0-9]*</th>' "$TMP/body" | grep -o '[0-9]*' | tr '\n' ' ')
set -- $revs
[ $# -eq 2 ] || fail "history should list 2 revisions, lists: $revs"
page 200 "/node/$nid/history?a=$2&b=$1" -b "$TMP/ed.jar"
has '<del>Zebra crossings for bees</del>'
has '<ins>Polkadot crossings for bees</ins>'
page 400 "/node/$nid/history?a=$2&b=999999" -b "$TMP/ed.jar"
post 303 "/node/$nid/revert" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&rev=$2"
page 200 "/node/$nid"
has '<h1>Zebra crossings for bees</h1>'
page 200 '/search?q=polkadot'
lacks "href=\"/node/$nid\""

# ---- two editors, one node: the second is told, nothing is lost ----
base=$(base_of "$nid" "$TMP/ed.jar")
post 303 "/node/$nid/edit" "$TMP/eva.jar" -d "$(form "$TMP/eva.jar")&action=save&base=$base&${practice/Zebra/Eva%27s}"
post 409 "/node/$nid/edit" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&action=save&base=$base&${practice/Zebra/Ed%27s}"
has 'Someone else saved this node'
has 'value="Ed&#39;s crossings for bees"' # your text, kept in the form
has 'Eva&#39;s crossings for bees'         # theirs, shown
page 200 "/node/$nid"
has "<h1>Eva&#39;s crossings for bees</h1>" # not overwritten

# ---- unpublish: gone at once from search and from visitors ----
post 303 "/node/$nid/state" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&state=unpublished"
page 404 "/node/$nid"
page 404 "/api/v1/nodes/$nid"
page 200 '/search?q=crossings+bees'
lacks "href=\"/node/$nid\""
page 200 "/node/$nid" -b "$TMP/ed.jar" # editors still see it
has '<strong>unpublished</strong>'
post 303 "/node/$nid/state" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&state=published"
page 200 "/node/$nid"

# ---- authors: drafts only, their own ----
post 403 /node/new "$TMP/ana.jar" -d "$(form "$TMP/ana.jar")&action=publish&${practice/Zebra/Ana%27s}"
post 303 /node/new "$TMP/ana.jar" -d "$(form "$TMP/ana.jar")&action=save&${practice/Zebra/Ana%27s}"
draft=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
page 200 "/node/$draft" -b "$TMP/ana.jar"
has '<strong>draft</strong>'
expect_status 0 "$PRAXIS" export --db "$TMP/db" # open data: no draft
! grep -q "Ana's crossings" "$TMP/out" || fail "praxis export wrote a draft"
expect_status 0 "$PRAXIS" show --db "$TMP/db" "$draft"
expect_grep "$TMP/out" ', draft$'
page 404 "/node/$draft"                      # visitors: no such page
page 404 "/node/$draft" -b "$TMP/bea.jar"    # another author: no such page
page 200 "/node/$draft" -b "$TMP/ed.jar"     # editors see drafts
page 403 "/node/$nid/edit" -b "$TMP/ana.jar" # a published node is not an author's to edit
page 404 "/node/$draft/edit" -b "$TMP/bea.jar"
page 404 "/node/$draft/history" -b "$TMP/bea.jar"
page 200 "/node/$draft/edit" -b "$TMP/ana.jar"
page 200 /admin -b "$TMP/ana.jar" # the desk lists her draft, not the others'
has "href=\"/node/$draft\">Ana&#39;s crossings for bees</a>"
page 200 /admin -b "$TMP/bea.jar"
lacks "href=\"/node/$draft\""
has 'No draft.'
page 200 /admin -b "$TMP/ed.jar" # an editor sees every draft
has "href=\"/node/$draft\""
page 200 '/search?q=ana%27s+crossings'
lacks "href=\"/node/$draft\"" # a draft is nobody's search
post 403 "/node/$draft/state" "$TMP/ana.jar" -d "$(form "$TMP/ana.jar")&state=published"
post 303 "/node/$draft/state" "$TMP/ed.jar" -d "$(form "$TMP/ed.jar")&state=published"
page 200 "/node/$draft"
page 403 "/node/$draft/edit" -b "$TMP/ana.jar" # published: the editors' now

# ---- visitors: none of it ----
for p in /node/new "/node/$nid/edit" "/node/$nid/history"; do
	page 303 "$p"
done
for p in "/node/$nid/edit" "/node/$nid/state" "/node/$nid/revert" /node/new; do
	post 403 "$p" "$TMP/none.jar" -d "csrf=x&action=save&$practice"
done

# ---- an article ----
post 303 /node/new "$TMP/root.jar" -d "$(form "$TMP/root.jar")&action=publish&type=article&title=Bees+in+town&author=Root&language=en&body=First+paragraph.%0D%0ASecond+one."
art=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
page 200 "/node/$art"
has '<p>First paragraph.</p>'
has '<p>Second one.</p>'

# ---- the audit log has every step ----
page 200 /admin/audit.csv -b "$TMP/root.jar"
for a in node-publish node-save node-revert node-unpublish; do
	grep -q "\"$a\",\"$nid\"" "$TMP/body" || fail "no $a of $nid in the audit log"
done
grep -q "\"ana\",\"127.0.0.1\",\"node-save\",\"$draft\",\"draft\"" "$TMP/body" || fail "no draft save by ana"

# the index follows the store across a restart (its snapshot catches up)
stop_server
start_server "$TMP/db"
page 200 '/search?q=crossings+beekeepers'
has "href=\"/node/$nid\""
has "href=\"/node/$draft\""
page 403 "/node/$draft/edit" -b "$TMP/bea.jar" # sessions survived too (published: not hers)
stop_server
