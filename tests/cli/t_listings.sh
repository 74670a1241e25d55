# Listings in other EU languages and with other quirks (BOM, CRLF, NBSP and
# narrow NBSP, decomposed letters, media tokens, localised headings, footers
# and "See more"): each tests/data/listings/X.txt, ingested into a fresh
# store, must export the records of X.expected.jsonl, and ingesting it a
# second time must change nothing (assigned nids included).
#
# Records are matched by (type, title); city records the expected file does
# not list are left to t_placed.sh. Every field of the expected record
# must be equal, except the nid of an article (assigned: only its uniqueness
# is checked) and the order of relations. Section texts are compared exactly
# ("\n" between source lines), headings included.
. tests/cli/lib.sh

dir=tests/data/listings
n=0
bad=0
for txt in "$dir"/*.txt; do
	name=$(basename "$txt" .txt)
	exp="$dir/$name.expected.jsonl"
	[ -f "$exp" ] || fail "$txt has no $exp"
	db="$TMP/$name.db"
	expect_status 0 "$PRAXIS" ingest --db "$db" "$txt"
	expect_status 0 "$PRAXIS" export --db "$db"
	cp "$TMP/out" "$TMP/$name.jsonl"
	python3 - "$exp" "$TMP/$name.jsonl" "$name" <<'PY' || bad=$((bad + 1))
import json, re, sys

exp_path, act_path, name = sys.argv[1:4]
exp = [json.loads(l) for l in open(exp_path, encoding="utf-8") if l.strip()]
act = [json.loads(l) for l in open(act_path, encoding="utf-8") if l.strip()]
problems = []

def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 300 else s[:297] + "..."

CONTRACT = {"practice": ["nid", "type", "title", "subtitle", "country", "city", "themes", "labels",
                         "population", "relations", "language", "sections"],
            "article": ["nid", "type", "title", "author", "language", "body"],
            "city": ["nid", "type"], "network": ["nid", "type"]}
by = {}
for a in act:
    key = (a.get("type"), a.get("title"))
    if key in by:
        problems.append(f"two exported records {key}")
    by[key] = a
for e in exp:
    a = by.pop((e["type"], e["title"]), None)
    if a is None:
        problems.append(f"missing {e['type']} {e['title']!r}")
        continue
    # the expected keys in order (the contract's first), the keys added
    # since after them; every node dated
    if [k for k in a if k in e] != list(e) or list(a)[:len(CONTRACT[e["type"]])] != CONTRACT[e["type"]]:
        problems.append(f"{e['title']!r}: keys {list(a)}, expected {list(e)}")
    for k in ("created", "changed"):
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", str(a.get(k))):
            problems.append(f"{e['title']!r}: {k} {a.get(k)!r} is not an RFC 3339 UTC time")
    for k, v in e.items():
        got = a.get(k)
        if k == "nid" and e["type"] == "article":
            if not isinstance(got, int) or got <= 0:
                problems.append(f"{e['title']!r}: nid {got!r} is not a positive integer")
            continue
        same = sorted(got or []) == sorted(v) if k == "relations" else got == v
        if same:
            continue
        if k == "sections" and isinstance(got, list):
            keys = lambda l: [s.get("key") for s in l]
            if keys(got) != keys(v):
                problems.append(f"{e['title']!r}: section keys\n      expected {keys(v)}\n      got      {keys(got)}")
            for x, y in zip(v, got):
                if x != y:
                    problems.append(f"{e['title']!r}: section {x['key']}\n      expected {short(x)}\n      got      {short(y)}")
                    break
        else:
            problems.append(f"{e['title']!r}: {k}\n      expected {short(v)}\n      got      {short(got)}")
for key in by:
    if key[0] != "city":  # the cities a listing names are placed: t_placed.sh checks them
        problems.append(f"unexpected record {key}")
nids = [a.get("nid") for a in act]
if len(set(nids)) != len(nids):
    problems.append(f"duplicate nids {nids}")
for p in problems:
    print(f"{name}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
	# the same file again: same nids, nothing changed
	expect_status 0 "$PRAXIS" ingest --db "$db" "$txt"
	expect_grep "$TMP/out" '\(0 added, 0 updated, [0-9]+ unchanged\)'
	expect_status 0 "$PRAXIS" export --db "$db"
	json_same "$TMP/$name.jsonl" "$TMP/out"
	n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "only $n listings in $dir"
[ "$bad" -eq 0 ] || fail "$bad of $n listings differ from their expected records"
