# make contact-sheet: the sample hub served by $PRAXIS, the contact sheet of
# its 24 languages (tests/e2e/contact_sheet.js) into $OUT (default
# build/contact-sheet.png, and in parts, build/contact-sheet-1.png ...). A
# look, not a test: open the PNGs.
set -eu
PRAXIS=${PRAXIS:-build/praxis}
OUT=${OUT:-build/contact-sheet.png}
TMP=$(mktemp -d)
"$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/transfer/hub.jsonl >"$TMP/ingest.out"
"$PRAXIS" serve --db "$TMP/db" --port 0 --threads 2 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
BASE=
for _ in $(seq 100); do
	BASE=$(sed -n 's|^praxis: serving \(http://[^ ]*\)/$|\1|p' "$TMP/serve.out")
	[ -n "$BASE" ] && break
	sleep 0.1
done
[ -n "$BASE" ] || { cat "$TMP/serve.err" >&2; exit 1; }
# the first practice of the listing
NODE=$(curl -fsS "$BASE/en/good-practices" | grep -o 'href="/en/node/[0-9]*"' | head -1 | sed 's|href="/en\(/node/[0-9]*\)"|\1|')
node tests/e2e/contact_sheet.js "$BASE" "$NODE" "$OUT"
