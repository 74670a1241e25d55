# Related practices (issue 13): practices only, stories listed apart;
# chosen by shared themes, text, places and city size, not title words
# alone. On a generated hub every housing practice's first related
# practice shares a theme with it; on data of our own a Porto housing
# practice relates to the other Porto housing practice first, not to
# the practices whose titles share its words.
. tests/http/lib.sh

gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 400 --seed 5 >"$TMP/gen.txt" || fail "cannot generate a hub"
cat >"$TMP/porto.jsonl" <<'EOF'
{"nid": 99001, "type": "practice", "title": "Cooperative housing for young families", "country": "Portugal", "city": "Porto", "population": 231800, "themes": ["Housing"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Young families build and own their homes together in a cooperative."}]}
{"nid": 99002, "type": "practice", "title": "Affordable rents in the old town", "country": "Portugal", "city": "Porto", "population": 231800, "themes": ["Housing"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "The city leases empty flats to tenants for twenty years."}]}
{"nid": 99003, "type": "practice", "title": "LAB-HUB: a cooperative lab for young families", "country": "Portugal", "city": "Lisboa", "population": 545000, "themes": ["Digital transition"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Young families and makers build prototypes together in a cooperative lab."}]}
{"nid": 99004, "type": "practice", "title": "FOOD-GROW: young families grow food together", "country": "Portugal", "city": "Braga", "population": 193000, "themes": ["Food"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Young families own and build cooperative gardens together."}]}
{"nid": 99005, "type": "article", "title": "Cooperative housing for young families: a visit to Porto", "author": "Rita Sousa", "language": "en", "body": "Young families build and own their homes together in a cooperative in Porto."}
EOF
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" "$TMP/gen.txt" "$TMP/porto.jsonl"
start_server "$TMP/db"

# related NID: "practices" and "stories" lines of the node page's two lists
related() {
	page 200 "/node/$1"
	python3 - "$TMP/body" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for name, cls in (("practices", 'class="related"'), ("stories", 'class="related stories"')):
    m = re.search(r'<aside ' + cls + r'[^>]*>(.*?)</aside>', html, re.S)
    print(name, " ".join(re.findall(r'href="/node/(\d+)"', m.group(1))) if m else "")
PY
}

# our Porto: the other Porto housing practice first, the story apart
related 99001 >"$TMP/rel"
first=$(sed -n 's/^practices \([0-9]*\).*/\1/p' "$TMP/rel")
[ "$first" = 99002 ] || fail "the Porto housing practice relates first to $first, not 99002: $(cat "$TMP/rel")"
grep -q '^practices.*99005' "$TMP/rel" && fail "a story is among the related practices"
grep -q '^stories.*99005' "$TMP/rel" || fail "the Porto story is not among the related stories: $(cat "$TMP/rel")"
has '<h2>Related stories</h2>'

# the generated hub: every housing practice's first related shares a theme;
# no related practice is a story, no related story a practice
curl -s "$BASE/api/v1/nodes?type=practice&page=1" >"$TMP/p1.json"
curl -s "$BASE/api/v1/nodes?type=practice&page=2" >"$TMP/p2.json"
curl -s "$BASE/api/v1/nodes?type=article&page=1" >"$TMP/a1.json"
python3 - "$TMP" >"$TMP/housing" <<'PY'
import json, sys
nodes = json.load(open(sys.argv[1] + "/p1.json"))["nodes"] + json.load(open(sys.argv[1] + "/p2.json"))["nodes"]
for n in nodes:
    if "Housing" in n.get("themes", []) and n["nid"] < 99000:
        print(n["nid"])
PY
[ "$(wc -l <"$TMP/housing")" -ge 5 ] || fail "the generated hub has too few housing practices"
checked=0
while read -r nid; do
	related "$nid" >"$TMP/rel"
	first=$(sed -n 's/^practices \([0-9]*\).*/\1/p' "$TMP/rel")
	[ -n "$first" ] || fail "housing practice $nid has no related practice"
	python3 - "$BASE" "$nid" "$TMP/rel" <<'PY' || fail "housing practice $nid: $(cat "$TMP/rel")"
import json, sys, urllib.request
base, nid, rel = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split("\n")
def node(n):
    return json.load(urllib.request.urlopen(f"{base}/api/v1/nodes/{n}"))
me = node(nid)
practices = rel[0].split()[1:]
stories = rel[1].split()[1:] if len(rel) > 1 else []
first = node(practices[0])
assert set(first["themes"]) & set(me["themes"]), f"the first related ({first['nid']}: {first['themes']}) shares no theme with {me['themes']}"
assert all(node(p)["type"] == "practice" for p in practices), "a related practice is not a practice"
assert all(node(s)["type"] == "article" for s in stories), "a related story is not a story"
PY
	checked=$((checked + 1))
	[ $checked -ge 8 ] && break
done <"$TMP/housing"

stop_server
