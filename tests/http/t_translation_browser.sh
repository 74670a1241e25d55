# Reading a practice in one's own language in chromium at 1280 and 360 px
# (tests/e2e/translation.js): the offer, the page while Apertium works,
# the translation; screenshots in build/screenshots/translation-*.png,
# axe-core on each.
. tests/http/lib.sh
browser_once
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" data/sample/listing.txt tests/data/transfer/hub.jsonl
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/translation.js "$BASE" build/screenshots 901 || fail "the translation's pages failed in chromium"
stop_server
echo "ok: machine translation in chromium"
