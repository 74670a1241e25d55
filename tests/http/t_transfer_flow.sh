# The whole transfer flow in chromium (issue 14, "Done when";
# tests/e2e/transfer.js): a Porto officer's match for affordable housing
# asked in Portuguese, two hits compared, a request verified and mailed to
# the practice's contact through the test relay, marked answered on the
# editor's desk, the two practices kept in a dossier and printed. On the
# judged hub (tests/data/match/hub.jsonl) with contacts and impact figures
# given to its Portuguese and Spanish housing practices
# (tests/data/flow/contacts.jsonl, written by make_contacts.py).
# Screenshots in build/screenshots/transfer-*.png, at 1280 and 360 px.
. tests/http/lib.sh
# the contacts are what make_contacts.py writes from the judged hub today
python3 tests/data/flow/make_contacts.py "$TMP" && cmp -s "$TMP/contacts.jsonl" tests/data/flow/contacts.jsonl ||
	fail "tests/data/flow/contacts.jsonl is not what make_contacts.py writes: run it and commit"
browser_once
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet tests/data/match/hub.jsonl tests/data/flow/contacts.jsonl
printf 'pw of rosa here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor rosa || fail "cannot add the editor rosa"
start_sink "$TMP/box"
SERVE_ARGS=(--smtp "smtp://127.0.0.1:$SINK_PORT" --mail-from hub@praxis.example.eu)
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/transfer.js "$BASE" build/screenshots "$TMP/box" tests/data/flow/contacts.jsonl rosa "pw of rosa here" ||
	fail "the transfer flow failed"
stop_server
stop_sink
