# The audit log cannot be flooded (issue 11, finding 2): a 1 MB name is
# refused before it is read (413), 40 failed logins with 15 KB names grow
# the store by less than 300 KB (the old code: 600 KB; texts cut to 64 code
# points, at most 10 failed-login entries an address in 15 minutes, then
# one "login-flood" entry); entries from before the bound (megabytes each)
# are read cut, so /admin/audit and /admin/audit.csv answer 200; a name a
# spreadsheet would run (TAB, CR, =, +, -, @ first) is defused in the CSV.
. tests/http/lib.sh
once_against asan "the audit flood checked once, against the ASan/UBSan build"
sqlite_only # its measure is the store file's growth, and it writes old entries with sqlite3
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of root here\n' | "$PRAXIS" user add --db "$TMP/db" --role admin root || fail "cannot add root"
start_server "$TMP/db"
login root "$TMP/root.jar"

store_kb() { du -ck "$TMP"/db* | tail -1 | cut -f1; }
jar=$TMP/anon.jar
tok=$(csrf "$jar")
# a name a spreadsheet would run, first (it is logged: the burst has room)
post 403 /login "$jar" --data-urlencode "csrf=$tok" --data-urlencode $'name=\t=1+2' -d 'password=wrong+password'
post 403 /login "$jar" --data-urlencode "csrf=$tok" --data-urlencode $'name=\r-3' -d 'password=wrong+password'
# a 1 MB name is refused before it is read (and what follows is read out
# and dropped, so that the close does not reset the 413 away): the login
# form takes 16 KB
{ printf 'csrf=%s&password=x&name=' "$tok"; head -c 1000000 /dev/zero | tr '\0' 'n'; } >"$TMP/big-name"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-binary @"$TMP/big-name" "$BASE/login")
[ "$code" = 413 ] || fail "a login with a 1 MB name answered $code, expected 413"
# 40 failed logins with 15 KB names, the most the form takes: the old code
# logged each whole (600 KB), now at most 10 entries of 64 characters
before=$(store_kb)
{ printf 'csrf=%s&password=x&name=' "$tok"; head -c 15000 /dev/zero | tr '\0' 'n'; } >"$TMP/big-name"
for i in $(seq 40); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-binary @"$TMP/big-name" "$BASE/login")
	[ "$code" = 403 ] || [ "$code" = 429 ] || fail "a login with a 15 KB name answered $code"
done
after=$(store_kb)
echo "store: $before KB before 40 logins with 15 KB names, $after KB after"
[ $((after - before)) -lt 300 ] || fail "40 logins with 15 KB names grew the store by $((after - before)) KB"

page 200 /admin/audit -b "$TMP/root.jar"
has 'login-flood'
n=$(grep -c 'nnnnnnnnnn' "$TMP/body")
[ "$n" -le 10 ] || fail "$n failed logins of one address on the audit page, expected at most 10"
has 'n{64}…' # cut, and marked so
lacks 'n{65}'
page 200 /admin/audit.csv -b "$TMP/root.jar"
grep -q $'"\'\t=1+2"' "$TMP/body" || fail "a name starting with TAB reached audit.csv undefused"
grep -q $'"\'\r-3"' "$TMP/body" || fail "a name starting with CR reached audit.csv undefused"

# entries written before the bound: read cut, never a 503
stop_server
python3 - "$TMP/db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
big = "x" * (4 << 20)
for _ in range(8):
    db.execute("INSERT INTO audit (at, account, addr, action, target, detail) VALUES"
               " (strftime('%Y-%m-%dT%H:%M:%fZ','now'), NULL, '192.0.2.1', 'login-failed', ?, ?)", (big, big))
db.commit()
PY
start_server "$TMP/db"
page 200 /admin/audit -b "$TMP/root.jar"
has 'x{64}…'
lacks 'x{65}'
page 200 /admin/audit.csv -b "$TMP/root.jar"
lacks 'x{65}'
page 200 '/admin/audit.csv?before=3' -b "$TMP/root.jar"
[ "$(wc -l <"$TMP/body")" -le 3 ] || fail "audit.csv?before=3 has more than the two entries below 3"
page 400 '/admin/audit.csv?before=x' -b "$TMP/root.jar"
stop_server
