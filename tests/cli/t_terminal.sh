# Stored text reaches a terminal with its control characters made visible
# (\e, \xHH, \u00HH): an ESC[31m, a BEL or a C1 CSI (U+009B) in a title, a
# body, a place or a theme cannot recolour, move or retitle the terminal of
# whoever runs list, show, search, similar, stats or user list. --json stays
# JSON with the text as stored (issue 11, finding 11).
. tests/cli/lib.sh

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"

db=$TMP/db
cat >"$TMP/in.jsonl" <<'JSON'
{"nid": 3, "type": "practice", "title": "Red \u001b[31mbridge\u0007 \u009b2J", "subtitle": "Sub\u001b]0;pwned\u0007", "country": "Bel\u001b[5mgium", "city": "Ghent\u009b", "themes": ["Env\u001b[2J"], "labels": ["La\u0007bel"], "population": null, "relations": [], "language": "en", "sections": [{"key": "summary", "heading": "Sum\u001b[1mmary", "text": "Bridge \u001b[31mred\u0007 and \u009b2J\u007f end\rover"}]}
{"nid": 4, "type": "article", "title": "Bridge \u001b[31mnews\u0007\u009b", "author": "Au\u001b[8mthor", "language": "en", "body": "A bridge \u001b[31mbody\u0007 \u009b6n end"}
JSON
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/in.jsonl"
# an account name with an ESC, as a store written by hand or by an older
# praxis could hold (user add takes only a-z, digits, . _ -)
sqlite3 "$db" "INSERT INTO account (name, role, hash, created) VALUES
	('ev' || char(27) || '[31mil' || char(155), 'author', 'x', '2026-01-01T00:00:00Z')" ||
	fail "cannot add the account"

# only_visible FILE: no byte < 0x20 but \n and \t, no DEL, no C1 (UTF-8
# C2 80-9F), nothing that is not UTF-8; and the escapes are there
only_visible() {
	python3 - "$1" <<'PY' || { cat "$1" >&2; fail "raw control characters in the output of $1"; }
import re, sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")  # raises on bytes that are not UTF-8
bad = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]
if bad:
    print("raw:", [hex(ord(c)) for c in bad[:10]], file=sys.stderr)
    sys.exit(1)
PY
	grep -q '\\e\[' "$1" || { cat "$1" >&2; fail "no \\e in $1"; }
}

expect_status 0 "$PRAXIS" list --db "$db"
only_visible "$TMP/out"
expect_grep "$TMP/out" 'Red \\e\[31mbridge\\x07 \\u009b2J  \(Ghent\\u009b, Bel\\e\[5mgium\)$'
expect_grep "$TMP/out" 'Bridge \\e\[31mnews\\x07\\u009b  \(by Au\\e\[8mthor\)$'
[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "list printed $(wc -l <"$TMP/out") lines, expected 2"

expect_status 0 "$PRAXIS" show --db "$db" 3
only_visible "$TMP/out"
expect_grep "$TMP/out" '^Sub\\e\]0;pwned\\x07$'
expect_grep "$TMP/out" '^Bridge \\e\[31mred\\x07 and \\u009b2J\\x7f end\\x0dover$'
expect_grep "$TMP/out" '^Themes: Env\\e\[2J$'
expect_status 0 "$PRAXIS" show --db "$db" 4
only_visible "$TMP/out"
expect_grep "$TMP/out" '^A bridge \\e\[31mbody\\x07 \\u009b6n end$'

expect_status 0 "$PRAXIS" search --db "$db" bridge
only_visible "$TMP/out"
expect_grep "$TMP/out" '^2 results$'
expect_status 0 "$PRAXIS" similar --db "$db" 3
only_visible "$TMP/out"
expect_status 0 "$PRAXIS" stats --db "$db"
only_visible "$TMP/out"
expect_grep "$TMP/out" 'Bel\\e\[5mgium +1$'
expect_status 0 "$PRAXIS" user list --db "$db"
only_visible "$TMP/out"
expect_grep "$TMP/out" '^ev\\e\[31mil\\u009b '

# --json: valid JSON holding the text exactly as stored
expect_status 0 "$PRAXIS" show --db "$db" --json 3
python3 -c 'import json, sys
n = json.load(open(sys.argv[1]))
assert n["title"] == "Red \x1b[31mbridge\x07 \x9b2J", n["title"]' "$TMP/out" || fail "show --json lost the stored title"
expect_status 0 "$PRAXIS" search --db "$db" --json bridge
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$TMP/out" || fail "search --json is not JSON"
expect_status 0 "$PRAXIS" user list --db "$db" --json
python3 -c 'import json, sys
assert any(u["name"] == "ev\x1b[31mil\x9b" for u in json.load(open(sys.argv[1])))' "$TMP/out" ||
	fail "user list --json lost the stored name"
exit 0
