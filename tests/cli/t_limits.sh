# A node's size is limited (model.h, README "Limits"): ingest refuses the
# whole file at the entry's line, the store keeps nothing of it (issue 11,
# finding 8). Duplicate themes are removed in one pass: 200k distinct themes
# are refused at once by the limit (finding 7: the old removal compared
# each theme with every earlier one: 100k themes took 24.7 s, now 0.26 s).
. tests/cli/lib.sh

db=$TMP/db
# gen FILE 'PYTHON-DICT-UPDATE': a fine article on line 1, and on line 2 a
# practice updated with the dict
gen() {
	python3 - "$1" "$2" <<'PY'
import json, sys
fine = {"type": "article", "title": "Fine", "author": "A", "language": "en", "body": "b"}
n = {"type": "practice", "title": "T", "country": "X", "city": "Y", "language": "en"}
n.update(eval(sys.argv[2]))
n = {k: v for k, v in n.items() if v is not None}
with open(sys.argv[1], "w") as f:
    f.write(json.dumps(fine) + "\n" + json.dumps(n) + "\n")
PY
}
refused() { # FILE PATTERN: ingest refuses FILE saying PATTERN at line 2, stores nothing
	expect_status 1 "$PRAXIS" ingest --db "$db" "$1"
	expect_grep "$TMP/err" "^$1:2: too large: $2"
	expect_status 0 "$PRAXIS" stats --db "$db"
	expect_grep "$TMP/out" '^nodes      0$'
}

gen "$TMP/f.jsonl" '{"title": "a" * 1001}'
refused "$TMP/f.jsonl" 'title: 1001 bytes, at most 1000'
gen "$TMP/f.jsonl" '{"subtitle": "é" * 1001}'
refused "$TMP/f.jsonl" 'subtitle: 2002 bytes, at most 2000'
gen "$TMP/f.jsonl" '{"city": "a" * 401}'
refused "$TMP/f.jsonl" 'city: 401 bytes, at most 400'
gen "$TMP/f.jsonl" '{"sections": [{"key": "impact", "heading": "H", "text": "a" * 262145}]}'
refused "$TMP/f.jsonl" 'impact: 262145 bytes, at most 262144'
gen "$TMP/f.jsonl" '{"sections": [{"key": "impact", "heading": "H", "text": ""}] * 1000}'
refused "$TMP/f.jsonl" 'sections: 1000 items, at most 5'
gen "$TMP/f.jsonl" '{"themes": ["t%d" % i for i in range(51)]}'
refused "$TMP/f.jsonl" 'themes: 51 items, at most 50'
gen "$TMP/f.jsonl" '{"labels": ["a" * 201]}'
refused "$TMP/f.jsonl" 'labels: an item of 201 bytes, at most 200'
# five sections within their limit, together beyond the node's
gen "$TMP/f.jsonl" '{"sections": [{"key": k, "heading": "H", "text": "a" * 262144}
  for k in ("summary", "solution", "collaboration", "impact", "transfer")]}'
refused "$TMP/f.jsonl" 'node: 1310728 bytes, at most 1048576'
# the attack's 10 MB node
gen "$TMP/f.jsonl" '{"type": "article", "author": "A", "body": "word " * 2097152, "country": None, "city": None}'
refused "$TMP/f.jsonl" 'body: 10485760 bytes, at most 262144'
# a listing: the entry's line
{
	printf '%s\n' '• Fine' '' '    Short.' '' '    Ann' '    See more'
	printf '%s\n' "• $(head -c 1001 /dev/zero | tr '\0' b)" '' '    Short.' '' '    Ann' '    See more' 'Subscribe to'
} >"$TMP/title.txt"
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/title.txt"
expect_grep "$TMP/err" "^$TMP/title.txt:7: too large: title: 1001 bytes, at most 1000"

# at the limits, a node goes in
gen "$TMP/edge.jsonl" '{"title": "a" * 1000, "themes": ["t%d" % i for i in range(50)], "labels": ["b" * 200]}'
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/edge.jsonl"
expect_grep "$TMP/out" '2 added'

# duplicates: 200k themes, 3 distinct, kept once each in first-appearance order
python3 -c 'import json; print(json.dumps({"type": "practice", "title": "Dup", "country": "X", "city": "Y",
  "language": "en", "themes": ["b", "a", "b", "c"] + ["a", "c", "b"] * 66666}))' >"$TMP/dup.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/dup.jsonl"
expect_status 0 "$PRAXIS" export --db "$db"
expect_grep "$TMP/out" '"title": "Dup".*"themes": \["b", "a", "c"\]'
# 200k distinct themes: refused by the limit after one pass (the old pass
# took minutes here)
python3 -c 'import json; print(json.dumps({"type": "practice", "title": "Many", "country": "X", "city": "Y",
  "language": "en", "themes": ["theme %d" % i for i in range(200000)]}))' >"$TMP/many.jsonl"
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/many.jsonl"
expect_grep "$TMP/err" 'many\.jsonl:1: too large: themes: 200000 items, at most 50'
# the same in a listing: themes are bullets
{
	printf '%s\n' '• Listed' '' '    Spain' '    Bilbao' '' '    A subtitle.' ''
	seq -f '    • theme %g' 1 200000
	printf '%s\n' '' '    Ref nid' '    77' 'Subscribe to'
} >"$TMP/many.txt"
expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/many.txt"
expect_grep "$TMP/err" 'many\.txt:1: too large: themes: 200000 items, at most 50'
{
	printf '%s\n' '• Listed' '' '    Spain' '    Bilbao' '' '    A subtitle.' ''
	for i in $(seq 1 3000); do printf '%s\n' '    • Mobility' '    • Jobs'; done
	printf '%s\n' '' '    Ref nid' '    77' 'Subscribe to'
} >"$TMP/dup.txt"
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/dup.txt"
expect_status 0 "$PRAXIS" export --db "$db"
expect_grep "$TMP/out" '"nid": 77.*"themes": \["Mobility", "Jobs"\]'
exit 0
