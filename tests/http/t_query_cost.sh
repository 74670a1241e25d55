# What one query may cost (issue 11, finding 8: with a 10 MB node stored, a
# 613-byte query URL of 32 phrases took 18.4 s). The search bounds itself,
# whatever node sizes ingest allows: more than 32 words or a phrase of more
# than 16 is a 400 (JSON under /api/, a page in the reader's language, exit 1
# on the command line); within those, the positions a query visits are paid
# from a budget of 4,000,000, and a query that spends it answers with
# "partial": true rather than working on. No wall time is asserted: the
# work counter is, and it must stay within its budget.
. tests/http/lib.sh

# Long nodes of one repeated word, within the node limits (two sections of
# 250 KB, 256 KB each allowed):
# 8 x 100,000 positions of "word", so every phrase of two typos of it is
# worth checking in every node (3 x 100,000 positions each, 16 x 8 times).
python3 - "$TMP/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(8):
        f.write(json.dumps({"nid": 900000 + i, "type": "practice", "title": "Long node %d" % i,
                            "country": "Spain", "city": "Bilbao", "language": "en",
                            "themes": ["Jobs and skills"],
                            "sections": [{"key": k, "heading": h, "text": " ".join(["word"] * 50000)}
                                         for k, h in (("summary", "Summary"),
                                                      ("solution", "The innovative solution"))]}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/big.jsonl"

q32=$(python3 -c 'print("\"wordd woord\" " * 32, end="")')   # the attack: 64 words, 448 bytes
q16=$(python3 -c 'print("\"wordd woord\" " * 16, end="")')   # 32 words: within the limits
q17=$(python3 -c 'print("\"" + " ".join(["word"] * 17) + "\"", end="")')
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]), end="")' "$1"; }

# the command line: refused, exit 1, with the limit named
expect_status 1 "$PRAXIS" search --db "$TMP/db" "$q32"
expect_grep "$TMP/err" "^praxis: The query has too many words \(at most 32\)\.$"
expect_status 1 "$PRAXIS" search --db "$TMP/db" "$q17"
expect_grep "$TMP/err" "^praxis: A phrase has too many words \(at most 16\)\.$"
expect_status 0 "$PRAXIS" search --db "$TMP/db" --json --limit 3 "$q16"
python3 - "$TMP/out" <<'PY' || fail "search --json of 16 phrases over long nodes"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["partial"] is True and 0 < o["work"] <= 4000000, (o["partial"], o["work"])
assert o["total"] == 8 and len(o["hits"]) == 3, o["total"]
assert o["did_you_mean"] is None, o["did_you_mean"]  # no second search once the budget is spent
PY
# an ordinary phrase over the same nodes: within the budget, not partial
expect_status 0 "$PRAXIS" search --db "$TMP/db" --json --limit 3 '"word word"'
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["partial"] is False and o["total"] == 8, o["work"]' \
	"$TMP/out" || fail "a phrase within the budget"

# a negated phrase met once the budget is spent: a node it could not check
# is kept (the answer is partial), never excluded unchecked
qneg=$(python3 -c 'print("\"wordd woord\" " * 14 + "word -\"word word\"", end="")')
expect_status 0 "$PRAXIS" search --db "$TMP/db" --json --limit 3 "$qneg"
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["partial"] is True and o["total"] == 8, (o["partial"], o["total"])' \
	"$TMP/out" || fail "a negated phrase excluded nodes it did not check"

start_server "$TMP/db"
# the API: a JSON 400 naming the limit
page 400 "/api/v1/search?q=$(urlq "$q32")"
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert "too many words" in o["error"], o' "$TMP/body" ||
	fail "the API's 400 is not JSON naming the limit"
page 200 "/api/v1/search?limit=3&q=$(urlq "$q16")"
python3 - "$TMP/body" <<'PY' || fail "the API's answer to 16 phrases over long nodes"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["partial"] is True and 0 < o["work"] <= 4000000, (o["partial"], o["work"])
assert o["total"] == 8, o["total"]
PY
# the pages: a 400 in the reader's language; the feed likewise
page 400 "/de/search?q=$(urlq "$q32")"
has 'Die Suche hat zu viele Wörter \(höchstens 32\)\.'
page 400 "/search?q=$(urlq "$q17")"
has 'A phrase has too many words \(at most 16\)\.'
page 400 "/search/feed.atom?q=$(urlq "$q32")"
page 200 "/search?q=$(urlq "$q16")"
has 'Long node'
stop_server
