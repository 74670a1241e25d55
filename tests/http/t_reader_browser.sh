# A reader's flow in chromium at 1280 and 360 px (tests/e2e/reader.js):
# register, confirm, add two practices to a dossier, save a search, and
# the dossier's page and print view, each page clean under axe-core.
. tests/http/lib.sh
browser_once
sqlite_only # tests/e2e/reader.js reads the mail from the store with sqlite3
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet data/sample/listing.txt tests/data/transfer/hub.jsonl
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/reader.js "$BASE" build/screenshots "$TMP/db" 17063 901 || fail "the reader's flow failed"
stop_server
