# The hub in a real browser (Debian's chromium driven by playwright-core):
# browse, filter, search with a typo, read a practice, switch to French,
# subscribe, log in and manage users, write a practice by picking values
# (confirming new ones), read a one-word diff and revert after confirming;
# Copy link and the controls at 1280 and 360 px (controls.js); axe-core on
# every page; screenshots in build/screenshots/.
. tests/http/lib.sh
browser_once
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "cannot add root"
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/browse.js "$BASE" build/screenshots || fail "the browser tests failed"
nid=$(curl -s "$BASE/good-practices" | sed -n 's|.*href="/node/\([0-9]*\)".*|\1|p' | head -1)
[ -n "$nid" ] || fail "no practice listed"
node tests/e2e/controls.js "$BASE" build/screenshots "$nid" || fail "the controls' browser tests failed"
stop_server
