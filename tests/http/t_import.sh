# Web import: an admin uploads a listing, a JSON Lines or a CSV file (multipart);
# the same parser and the same all-or-nothing rule as `praxis ingest`, a
# report of what was added, updated and unchanged, FILE:LINE for a refused
# file with nothing written; the index takes the nodes at once, and a node
# an editor unpublished stays unpublished. Only admins may import.
. tests/http/lib.sh
for u in editor:ed admin:root; do
	printf 'pw of %s here\n' "${u#*:}" | "$PRAXIS" user add --db "$TMP/db" --role "${u%%:*}" "${u#*:}" || fail "add"
done
start_server "$TMP/db"
login root "$TMP/root.jar"
login ed "$TMP/ed.jar"
upload() { # STATUS JAR FILE: posts FILE to the import form
	post "$1" /admin/import "$2" -F "csrf=$(session_csrf "$2")" -F "file=@$3"
}
nodes() { store_sql "$TMP/db" 'SELECT count(*) FROM node'; }

page 200 /admin/import -b "$TMP/root.jar"
has 'enctype="multipart/form-data"'
cp data/sample/listing.txt "$TMP/listing.txt"
upload 200 "$TMP/root.jar" "$TMP/listing.txt"
has 'listing.txt: 10 added, 0 updated, 0 unchanged.'
page 200 '/search?q=cohousing'
has 'href="/node/'
upload 200 "$TMP/root.jar" "$TMP/listing.txt"
has 'listing.txt: 0 added, 0 updated, 10 unchanged.'

# a refused file: where and why, and nothing of it written
printf '%s\n' '{"nid": 900, "type": "article", "title": "Fine", "language": "en", "body": "x"}' \
	'{"nid": 901, "type": "article", "title": ""}' >"$TMP/bad.jsonl"
upload 400 "$TMP/root.jar" "$TMP/bad.jsonl"
has 'bad.jsonl:2: '
[ "$(nodes)" = 10 ] || fail "a refused import wrote nodes"
page 404 /node/900

# CSV as `praxis export --format csv` writes it, refused at the row's line
"$PRAXIS" ingest --db "$TMP/other" tests/data/transfer/csv-hub.jsonl >/dev/null || fail "hub.jsonl"
"$PRAXIS" export --db "$TMP/other" --format csv >"$TMP/hub.csv" || fail "export csv"
upload 200 "$TMP/root.jar" "$TMP/hub.csv"
has 'hub.csv: 6 added, 0 updated, 0 unchanged.'
page 200 /node/5020
has 'JARDINS'
printf 'nid,type,title,body\r\n902,article,Fine,x\r\n903,article,"Open,never closed\r\n' >"$TMP/bad.csv"
upload 400 "$TMP/root.jar" "$TMP/bad.csv"
has 'bad.csv:3: '
[ "$(nodes)" = 16 ] || fail "a refused CSV import wrote nodes"

# an unpublished node stays so when its file comes again
nid=$(store_sql "$TMP/db" "SELECT nid FROM node WHERE type = 'practice' LIMIT 1")
post 303 "/node/$nid/state" "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")&state=unpublished"
sed 's/Cohousing/Co-housing/' "$TMP/listing.txt" >"$TMP/listing2.txt"
upload 200 "$TMP/root.jar" "$TMP/listing2.txt"
page 404 "/node/$nid"
[ "$(store_sql "$TMP/db" "SELECT state FROM node WHERE nid = $nid")" = unpublished ] || fail "an import republished a node"

# only admins; a malformed multipart body; the form's token
upload 403 "$TMP/ed.jar" "$TMP/listing.txt"
post 400 /admin/import "$TMP/root.jar" -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary 'no parts here'
post 403 /admin/import "$TMP/root.jar" -F "csrf=wrong" -F "file=@$TMP/listing.txt"
post 400 /admin/import "$TMP/root.jar" -F "csrf=$(session_csrf "$TMP/root.jar")"
has 'Choose a listing or a JSON Lines file'
page 200 /admin/audit.csv -b "$TMP/root.jar"
grep -q '"root","127.0.0.1","import","listing.txt","10 added, 0 updated, 0 unchanged"' "$TMP/body" || fail "no import in the audit"
grep -q '"import-refused","bad.jsonl"' "$TMP/body" || fail "no refused import in the audit"
stop_server
