# Durability: the server is killed (SIGKILL) in the middle of saves and of
# an import; after a restart every save it acknowledged is there, the
# import is whole or absent, the store passes its integrity check, and the
# index finds what was saved. `praxis backup` runs meanwhile, and its copy
# restores.
. tests/http/lib.sh
for u in editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" || fail "add"
done
python3 - "$TMP/import.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(4000):
        f.write(json.dumps({"type": "article", "title": "Imported story %d" % i, "author": "Kim",
                            "language": "en", "body": "A story about gardens and bees, number %d." % i}) + "\n")
PY
start_server "$TMP/db"
login ed "$TMP/ed.jar"
login root "$TMP/root.jar"
etok=$(session_csrf "$TMP/ed.jar")
rtok=$(session_csrf "$TMP/root.jar")
saves() { # posts practices until the server is gone; each acknowledged title goes to acked
	local i=0 code
	while :; do
		i=$((i + 1))
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/ed.jar" --max-time 5 \
			-d "csrf=$etok&action=publish&type=practice&title=Kill+test+$i&city=Ghent&country=Belgium&language=en&summary=Kept+or+not." \
			"$BASE/node/new") || break
		[ "$code" = 303 ] && echo "Kill test $i" >>"$TMP/acked"
		{ [ "$code" = 000 ] || [ "$code" = 502 ]; } && break # the server is gone (502: nginx says so)
	done
}
: >"$TMP/acked"
saves &
saver=$!
# the import starts once saves are being acknowledged: a fixed sleep could
# leave fewer than the 3 the check below needs on a loaded machine
for _ in $(seq 300); do
	[ "$(wc -l <"$TMP/acked")" -ge 3 ] && break
	sleep 0.1
done
curl -s -o /dev/null -b "$TMP/root.jar" --max-time 20 -F "csrf=$rtok" -F "file=@$TMP/import.jsonl" "$BASE/admin/import" &
importer=$!
"$PRAXIS" backup --db "$TMP/db" "$TMP/backup.db" 2>"$TMP/backup.err" || fail "backup while serving: $(cat "$TMP/backup.err")"
sleep 0.3
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
wait "$saver" "$importer" 2>/dev/null
n=$(wc -l <"$TMP/acked")
[ "$n" -ge 3 ] || fail "only $n saves were acknowledged before the kill: the test proves nothing"

[ "$(store_here)" = pg ] || [ "$(store_sql "$TMP/db" 'PRAGMA integrity_check')" = ok ] || fail "the store is damaged after SIGKILL"
while read -r title; do
	[ "$(store_sql "$TMP/db" "SELECT count(*) FROM node WHERE title = '$title' AND state = 'published'")" = 1 ] ||
		fail "acknowledged save '$title' is lost"
done <"$TMP/acked"
imported=$(store_sql "$TMP/db" "SELECT count(*) FROM node WHERE title LIKE 'Imported story %'")
[ "$imported" = 0 ] || [ "$imported" = 4000 ] || fail "half an import: $imported of 4000 nodes"
echo "acknowledged saves: $n, all there; import: $imported of 4000"

# restart: the index catches up with what was saved
start_server "$TMP/db"
last=$(tail -1 "$TMP/acked")
page 200 "/search?q=$(echo "$last" | sed 's/ /+/g')"
has "$last"
stop_server

# the backup taken while serving is a whole store, and restores
[ "$(sqlite3 "$TMP/backup.db" 'PRAGMA integrity_check')" = ok ] || fail "the backup is damaged"
expect_status 0 "$PRAXIS" restore --db "$TMP/db" "$TMP/backup.db"
[ "$(store_sql "$TMP/db" 'SELECT count(*) FROM node')" = "$(sqlite3 "$TMP/backup.db" 'SELECT count(*) FROM node')" ] ||
	fail "the restored store differs from the backup"
expect_status 1 "$PRAXIS" restore --db "$TMP/db" "$TMP/acked"
expect_grep "$TMP/err" 'acked: '
