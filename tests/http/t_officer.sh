# A city officer's flows in chromium at 1280 and 360 px (tests/e2e/officer.js)
# on a hub of about 2,000 generated nodes, the sample, the transfer hub and
# a few Portuguese housing practices of tests/data/officer: find a housing
# practice from a Portuguese city of about 300,000 through the filters
# alone, read it in French, subscribe to a search and see a new match first.
. tests/http/lib.sh
browser_once
gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 2000 --seed 7 >"$TMP/gen.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet data/sample/listing.txt "$TMP/gen.txt" \
	tests/data/transfer/hub.jsonl tests/data/officer/housing.jsonl
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
mkdir -p build/screenshots
node tests/e2e/officer.js "$BASE" build/screenshots ed "pw of ed here" || fail "the officer's flows failed"
stop_server
