# A store written by an older praxis (schema 1, made here with the sqlite3
# shell) is brought to the current schema on first use and keeps its data;
# a store from a newer praxis is refused and left alone.
. tests/cli/lib.sh

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"

v1=$TMP/v1.db
sqlite3 "$v1" <tests/cli/v1_schema.sql || fail "cannot create the v1 store"
sqlite3 "$v1" <<'SQL' || fail "cannot fill the v1 store"

INSERT INTO node VALUES (300, 'practice', 'OLD-MARKETS', 'Covered markets as neighbourhood hubs',
 'Slovenia', 'Ljubljana', 295504, 'en', NULL, NULL,
 'practice' || char(31) || 'OLD-MARKETS' || char(31), '2021-05-01T10:00:00.000Z', '2021-05-01T10:00:00.000Z');
INSERT INTO node_term VALUES (300, 'theme', 0, 'Local economy');
INSERT INTO node_term VALUES (300, 'theme', 1, 'Food');
INSERT INTO node_term VALUES (300, 'label', 0, 'URBACT Good Practice');
INSERT INTO node_term VALUES (300, 'relation', 0, 'in_partnership_with');
INSERT INTO section VALUES (300, 0, 'summary', 'Summary', 'Markets reopened.' || char(10) || 'Stalls for locals.');
INSERT INTO node VALUES (301, 'article', 'Old news', NULL, NULL, NULL, NULL, 'sl', 'Mojca', 'Stara novica.',
 'article' || char(31) || 'Old news' || char(31) || 'Mojca', '2021-05-02T10:00:00.000Z', '2021-05-02T10:00:00.000Z');
SQL
cp "$v1" "$TMP/v1-norev.db"
# their revisions hold the export object, as praxis writes it
cat >"$TMP/old.jsonl" <<'TXT'
{"nid": 301, "type": "article", "title": "Old news", "author": "Mojca", "language": "sl", "body": "Stara novica."}
{"nid": 300, "type": "practice", "title": "OLD-MARKETS", "subtitle": "Covered markets as neighbourhood hubs", "country": "Slovenia", "city": "Ljubljana", "themes": ["Local economy", "Food"], "labels": ["URBACT Good Practice"], "population": 295504, "relations": ["in_partnership_with"], "language": "en", "sections": [{"key": "summary", "heading": "Summary", "text": "Markets reopened.\nStalls for locals."}]}
TXT
python3 - "$v1" "$TMP/old.jsonl" <<'PY' || fail "cannot add the v1 revisions"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8"):
    db.execute("INSERT INTO revision (nid, at, doc) VALUES (?, '2021-05-01', ?)",
               (json.loads(line)["nid"], line.rstrip("\n")))
db.commit()
PY
[ "$(sqlite3 "$v1" 'PRAGMA user_version')" = 1 ] || fail "the v1 store is not at version 1"
cp "$v1" "$TMP/v1-copy.db"

# stats migrates and sees the data
expect_status 0 "$PRAXIS" stats --db "$v1"
expect_grep "$TMP/out" '^nodes      2$'
expect_grep "$TMP/out" '^revisions  2$'
expect_grep "$TMP/out" '^batches    0$'
expect_grep "$TMP/out" '^max nid    301$'
expect_grep "$TMP/out" '^  Slovenia +1$'
[ "$(sqlite3 "$v1" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "not migrated to version $SCHEMA_VERSION"
[ "$(sqlite3 "$v1" 'PRAGMA application_id')" = 1349673336 ] || fail "the migrated store has no application_id"
[ "$(sqlite3 "$v1" "SELECT count(*) FROM sqlite_master WHERE name = 'batch'")" = 1 ] || fail "no batch table"
[ "$(sqlite3 "$v1" "SELECT count(*) FROM pragma_table_info('revision') WHERE name = 'batch'")" = 1 ] ||
	fail "no revision.batch column"
for t in account session login_failure audit; do # v3
	[ "$(sqlite3 "$v1" "SELECT count(*) FROM sqlite_master WHERE name = '$t'")" = 1 ] || fail "no $t table"
done
[ "$(sqlite3 "$v1" "SELECT count(*) FROM pragma_table_info('revision') WHERE name = 'account'")" = 1 ] ||
	fail "no revision.account column"

# the export is the data as it was: its keys first, as they were; the
# dates the v1 store kept; the keys added since (schema 6), empty
same_as_old() { # [any]: the dates may be newer (a node written again)
	python3 - "$TMP/out" "$TMP/old.jsonl" "${1:-}" <<'PY'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
old = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
dates = {300: "2021-05-01T10:00:00.000Z", 301: "2021-05-02T10:00:00.000Z"}
assert len(got) == len(old), (len(got), len(old))
for g, o in zip(got, old):
    assert list(g)[:len(o)] == list(o) and all(g[k] == o[k] for k in o), (g, o)
    assert g["created"] == dates[o["nid"]], g
    assert g["changed"] == dates[o["nid"]] or (sys.argv[3] == "any" and g["changed"] > dates[o["nid"]]), g
    assert all(g[k] in (None, []) for k in g if k not in o and k not in ("created", "changed")), g
PY
}
expect_status 0 "$PRAXIS" export --db "$v1"
same_as_old || fail "migrated export differs"

# export alone migrates too (on the untouched copy)
expect_status 0 "$PRAXIS" export --db "$TMP/v1-copy.db"
same_as_old || fail "export of the v1 copy differs"
[ "$(sqlite3 "$TMP/v1-copy.db" 'PRAGMA user_version')" = "$SCHEMA_VERSION" ] || fail "export did not migrate"

# the migrated store takes new batches; its old nodes are recognised
expect_status 0 "$PRAXIS" ingest --db "$v1" "$TMP/old.jsonl"
expect_grep "$TMP/out" "old\.jsonl: 2 nodes \(0 added, 0 updated, 2 unchanged\)$"
printf '%s\n' '• Old news' '' '    Stara novica, popravljena.' '' '    Mojca' '    See more' 'Subscribe to' >"$TMP/new.txt"
expect_status 0 "$PRAXIS" ingest --db "$v1" "$TMP/new.txt"
expect_grep "$TMP/out" "new\.txt: 1 nodes \(0 added, 1 updated, 0 unchanged\)$"
expect_status 0 "$PRAXIS" show --db "$v1" --json 301
expect_grep "$TMP/out" 'popravljena'
expect_status 0 "$PRAXIS" stats --db "$v1"
expect_grep "$TMP/out" '^nodes      2$'
expect_grep "$TMP/out" '^revisions  3$'
expect_grep "$TMP/out" '^batches    2$'

# a store from a newer praxis is refused, whatever the command, and left alone
expect_status 0 "$PRAXIS" ingest --db "$TMP/new.db" "$TMP/old.jsonl"
sqlite3 "$TMP/new.db" 'PRAGMA user_version = 99' || fail "cannot set user_version"
for cmd in stats export list "show --db $TMP/new.db 300" "ingest --db $TMP/new.db $TMP/old.jsonl"; do
	case $cmd in *--db*) ;; *) cmd="$cmd --db $TMP/new.db" ;; esac
	expect_status 1 "$PRAXIS" $cmd
	expect_grep "$TMP/err" "new\.db: .*schema version 99 is newer than this praxis \($SCHEMA_VERSION\)"
	expect_grep "$TMP/err" "upgrade praxis"
	[ ! -s "$TMP/out" ] || fail "$cmd printed on a refused store: $(head -3 "$TMP/out")"
done
[ "$(sqlite3 "$TMP/new.db" 'PRAGMA user_version')" = 99 ] || fail "the newer store was changed"
[ "$(sqlite3 "$TMP/new.db" 'SELECT count(*) FROM revision')" = 2 ] || fail "the newer store was written"

# A v1 store whose rows were written without revisions (by hand, or by a
# tool): the data is there, and ingesting the same nodes must still work
# (the writer may not assume "no revision, so no terms or sections").
cp "$TMP/v1-norev.db" "$TMP/norev.db"
expect_status 0 "$PRAXIS" export --db "$TMP/norev.db"
same_as_old || fail "export of the revision-less store"
expect_status 0 "$PRAXIS" ingest --db "$TMP/norev.db" "$TMP/old.jsonl"
expect_status 0 "$PRAXIS" export --db "$TMP/norev.db"
same_as_old any || fail "re-ingest into the revision-less store changed it"
expect_status 0 "$PRAXIS" stats --db "$TMP/norev.db"
expect_grep "$TMP/out" '^nodes      2$'
expect_grep "$TMP/out" '^revisions  2$'
exit 0
