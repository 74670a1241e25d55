# The outside attacker of issue 11 (tests/attack/attacks.py), run again: on
# the sample plus articles full of the words its costly query repeats, with
# an admin's session for the attacks that need one, the server's pid for
# its memory and the store for its size. Every attack must be held.
. tests/http/lib.sh
direct_only "the attacks are on the server's own socket limits (held uploads, body caps, its memory), on raw HTTP/1.1 sockets"
python3 - "$TMP/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(20):  # 20 articles of 150 KB: "wordd woord" and its near misses
        body = " ".join(("wordd woord", "woord wordd", "wordd", "woordd")[j % 4] for j in range(13000))
        f.write(json.dumps({"type": "article", "title": f"Words {i}", "author": "Attacker",
                            "language": "en", "body": body}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt "$TMP/big.jsonl"
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root >/dev/null 2>&1 ||
	fail "cannot add the admin"
start_server "$TMP/db"
python3 tests/attack/attacks.py "$BASE" --admin "root:pw of root here" --pid "$SERVER_PID" \
	$([ "$(store_here)" = sqlite ] && echo --db "$TMP/db") ||
	fail "an attack got through (above)"
page 200 /
stop_server
