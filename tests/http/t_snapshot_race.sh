# Nothing published is lost from the index across a restart while ingests
# run (issue 11, finding 3). An editor publishes nodes through the web
# while `praxis ingest` runs again and again; each ingest brings the index
# snapshot up to date and saves it. The snapshot must be stamped with the
# revision it really includes: stamped with the store's newest revision read
# after its catch-up, it claimed saves made meanwhile, and after a restart
# they were missing from search and the API's search (only /node/N had
# them). Observed on the old code: 4 of 4 runs failed (7 to 9 of 24
# publications lost per run).
. tests/http/lib.sh
gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
for s in 1 2 3 4 5; do "$gen" --nodes 1500 --seed "$s" >"$TMP/l$s.txt"; done
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet "$TMP/l1.txt"
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db" # writes the snapshot: the ingests below refresh it
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
[ -n "$tok" ] || fail "no csrf token"

N=24
publish() { # publishes nodes 1..N, one by one; their nids in $TMP/nids
	for i in $(seq "$N"); do
		curl -s -o /dev/null -D "$TMP/pub.head" -b "$TMP/ed.jar" --data-urlencode "csrf=$tok" \
			-d "type=practice&title=Racetrack+quokka$i&city=Ghent&country=Belgium&language=en&action=publish" \
			"$BASE/node/new"
		sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|'"$i"' \1|p' "$TMP/pub.head" >>"$TMP/nids"
	done
}
: >"$TMP/nids"
publish &
pub=$!
for s in 2 3 4 5 2 3; do # each ingest changes every node: its catch-up has work
	"$PRAXIS" ingest --db "$TMP/db" --quiet "$TMP/l$s.txt" >/dev/null 2>"$TMP/ingest.err" ||
		{ cat "$TMP/ingest.err" >&2; fail "ingest of l$s.txt"; }
	kill -0 "$pub" 2>/dev/null || break
done
wait "$pub"
[ "$(wc -l <"$TMP/nids")" -eq "$N" ] || fail "only $(wc -l <"$TMP/nids") of $N publications answered 303"
"$PRAXIS" ingest --db "$TMP/db" --quiet "$TMP/l5.txt" >/dev/null 2>&1 # one after them all: saves the snapshot
stop_server
start_server "$TMP/db" # reads the snapshot and catches up from its stamp
missing=
while read -r i nid; do
	page 200 "/api/v1/search?q=quokka$i"
	grep -qE "\"nid\": ?$nid[,}]" "$TMP/body" || missing="$missing $nid"
done <"$TMP/nids"
[ -z "$missing" ] || fail "published, then missing from search after a restart:$missing"
page 200 '/search?q=racetrack&limit=50'
[ "$(grep -c 'href="/node/[0-9]*"[^>]*>Racetrack quokka' "$TMP/body")" -ge 1 ] || fail "racetrack finds nothing"
stop_server
exit 0
