# A visitor's request and the editor's answer in chromium at 1280 and 360
# px (tests/e2e/contact.js), through the test relay: screenshots of the
# form, the sent page, the link's page, the request sent, the desk and the
# request page, each checked by axe-core.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet data/sample/listing.txt tests/data/transfer/hub.jsonl
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_sink "$TMP/box"
SERVE_ARGS=(--smtp "smtp://127.0.0.1:$SINK_PORT" --mail-from hub@praxis.example.eu)
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/contact.js "$BASE" build/screenshots "$TMP/box" ed "pw of ed here" || fail "the contact flow failed"
stop_server
stop_sink
