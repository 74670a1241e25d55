# The sample listing ingests to exactly the expected records: every field,
# key order and nid (practices keep their Ref nid, teasers get the next ones
# in document order), exported newest first.
. tests/cli/lib.sh

expected=tests/data/sample.expected.jsonl # a copy of ../shared/seed/000_*.expected.jsonl
db=$TMP/db

expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt
expect_grep "$TMP/out" '^data/sample/listing\.txt: 10 nodes \(10 added, 0 updated, 0 unchanged\)$'
expect_status 0 "$PRAXIS" export --db "$db"
cp "$TMP/out" "$TMP/got.jsonl"

# the same lines, byte for byte, in nid order (the contract's keys first,
# the keys added since after them: the dates, and nothing else the sample
# says); the export itself is nid descending
python3 - "$expected" "$TMP/got.jsonl" <<'PY' || fail "export differs from $expected"
import json, sys
def lines(p):
    return [l for l in open(p, encoding="utf-8").read().split("\n") if l]
exp, got = lines(sys.argv[1]), lines(sys.argv[2])
nids = [json.loads(l)["nid"] for l in got]
if nids != sorted(nids, reverse=True):
    sys.exit("export is not in descending nid order: %s" % nids)
if len(set(nids)) != len(nids):
    sys.exit("duplicate nids: %s" % nids)
key = lambda l: json.loads(l)["nid"]
exp, got = sorted(exp, key=key), sorted(got, key=key)
if len(exp) != len(got):
    sys.exit("%d records expected, %d exported" % (len(exp), len(got)))
for e, g in zip(exp, got):
    gj = json.loads(g)
    added = {k: gj[k] for k in list(gj)[len(json.loads(e)):] if k not in ("created", "changed")}
    if any(v not in (None, []) for v in added.values()) or not gj["created"] or gj["changed"] != gj["created"]:
        sys.exit("nid %s: keys after the contract's: %s" % (gj["nid"], g[len(e) - 1:][:300]))
    if not g.startswith(e[:-1] + ", "):
        ej, gj = json.loads(e), json.loads(g)
        keys = [k for k in ej if ej.get(k) != gj.get(k)] or ["key order or formatting"]
        sys.exit("nid %s differs in %s\n expected: %s\n got:      %s" % (ej["nid"], keys, e[:300], g[:300]))
PY

# the project's own checker, when the shared checkout is there
if [ -f ../shared/checks/compare-export.py ]; then
	python3 ../shared/checks/compare-export.py ../shared/seed/000_c03412658f311a1c.expected.jsonl \
		"$TMP/got.jsonl" >"$TMP/cmp" 2>&1 || { cat "$TMP/cmp" >&2; fail "compare-export.py"; }
fi

# the committed copy is still the shared file
if [ -f ../shared/seed/000_c03412658f311a1c.expected.jsonl ]; then
	cmp -s ../shared/seed/000_c03412658f311a1c.expected.jsonl "$expected" ||
		fail "$expected is out of date with ../shared/seed"
fi

# the same listing with a BOM and CRLF line ends gives the same records
printf '\357\273\277' >"$TMP/crlf.txt"
sed 's/$/\r/' data/sample/listing.txt >>"$TMP/crlf.txt"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db2" "$TMP/crlf.txt"
expect_status 0 "$PRAXIS" export --db "$TMP/db2"
cp "$TMP/got.jsonl" "$TMP/got-undated.jsonl"
undated "$TMP/out"
undated "$TMP/got-undated.jsonl"
cmp -s "$TMP/out" "$TMP/got-undated.jsonl" || fail "BOM + CRLF listing exports differently"
exit 0
