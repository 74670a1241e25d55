# Two imports at once through two nodes, on PostgreSQL: two admins post
# different generated listings of new nodes (no nids) to node A's and node
# B's /admin/import at the same moment. Both are whole (every node of both
# files in the store and counted by every node), their nids disjoint (no
# node of one file overwrote one of the other), each file its own batch.
# Once, against the plain build: nid assignment is the store's, the same in
# both builds.
# run-suite: alone
. tests/cluster/lib.sh
once_against plain "nids are assigned by the store, the same in both builds"

cluster_start --nodes 3 --db postgresql
A=$(node_url 1) B=$(node_url 2)
pg() { scripts/cluster psql -XtAc "$1"; }
cluster_user admin root
cluster_user admin rosa
cluster_login "$A" root "$TMP/a.jar"
tok_a=$TOK
cluster_login "$B" rosa "$TMP/b.jar"
tok_b=$TOK
build/gen_listing --nodes 600 --seed 41 --no-nids-every 1 >"$TMP/first.txt" || fail "gen_listing failed"
build/gen_listing --nodes 600 --seed 42 --no-nids-every 1 >"$TMP/second.txt" || fail "gen_listing failed"
! grep -q 'Ref nid' "$TMP/first.txt" "$TMP/second.txt" || fail "a generated file names nids"
before=$(pg 'SELECT count(*) FROM node')
published=$(api_total "$A")

# both at once: each curl waits for the same moment
at=$(($(date +%s) + 1))
upload() { # BASE JAR TOKEN FILE
	while [ "$(date +%s)" -lt "$at" ]; do sleep 0.01; done
	curl --max-time 120 -s -o "$TMP/${4##*/}.html" -w '%{http_code} %{time_total}\n' -b "$2" \
		-F "csrf=$3" -F "file=@$4" "$1/admin/import" >"$TMP/${4##*/}.code"
}
upload "$A" "$TMP/a.jar" "$tok_a" "$TMP/first.txt" &
up_a=$!
upload "$B" "$TMP/b.jar" "$tok_b" "$TMP/second.txt" &
up_b=$!
wait "$up_a" "$up_b"
for f in first second; do
	read -r code secs <"$TMP/$f.txt.code"
	[ "$code" = 200 ] || { head -c 2000 "$TMP/$f.txt.html" >&2; fail "the import of $f.txt answered $code"; }
	grep -qE "$f\.txt: [0-9]+ added, 0 updated, 0 unchanged" "$TMP/$f.txt.html" ||
		fail "the import of $f.txt reports: $(grep -oE "$f\.txt: [^<]*" "$TMP/$f.txt.html" | head -n 1)"
	echo "$(grep -oE "$f\.txt: [0-9]+ added" "$TMP/$f.txt.html"), answered in $secs s"
done
added_a=$(grep -oE 'first\.txt: [0-9]+ added' "$TMP/first.txt.html" | grep -oE '[0-9]+ added' | cut -d' ' -f1)
added_b=$(grep -oE 'second\.txt: [0-9]+ added' "$TMP/second.txt.html" | grep -oE '[0-9]+ added' | cut -d' ' -f1)
# every entry a new node (gen_listing writes --nodes entries)
{ [ "$added_a" = 600 ] && [ "$added_b" = 600 ]; } || fail "the files added $added_a and $added_b nodes, not 600 each"
pg "SELECT source, at FROM batch WHERE source IN ('first.txt', 'second.txt') ORDER BY id" >"$TMP/batches"
[ "$(wc -l <"$TMP/batches")" = 2 ] || { cat "$TMP/batches" >&2; fail "not one batch per file"; }

# both whole, each its own batch, nids disjoint
[ "$(pg 'SELECT count(*) FROM node')" = $((before + added_a + added_b)) ] ||
	fail "the store holds $(pg 'SELECT count(*) FROM node') nodes, not $before + $added_a + $added_b"
for f in first:"$added_a" second:"$added_b"; do
	[ "$(pg "SELECT count(DISTINCT r.nid) FROM revision r JOIN batch b ON b.id = r.batch WHERE b.source = '${f%%:*}.txt'")" = "${f#*:}" ] ||
		fail "batch ${f%%:*}.txt holds not its ${f#*:} nodes"
	[ "$(pg "SELECT added FROM batch WHERE source = '${f%%:*}.txt'")" = "${f#*:}" ] || fail "batch ${f%%:*}.txt does not count its nodes"
done
[ "$(pg "SELECT count(*) FROM revision r1 JOIN batch b1 ON b1.id = r1.batch JOIN revision r2 ON r2.nid = r1.nid
	JOIN batch b2 ON b2.id = r2.batch WHERE b1.source = 'first.txt' AND b2.source = 'second.txt'")" = 0 ] ||
	fail "nodes of first.txt and second.txt share nids"
[ "$(pg "SELECT count(*) FROM revision r JOIN batch b ON b.id = r.batch WHERE b.source IN ('first.txt', 'second.txt')")" = $((added_a + added_b)) ] ||
	fail "a node of the imports has more than one revision (one file overwrote the other)"
# every node counts both files' published nodes within 1 s
t0=$(now_ms)
want=$(api_total "$A")
[ "$want" -gt "$published" ] || fail "A counts no more nodes after the imports"
for k in 2 3; do
	seen "$(node_url "$k")" "/api/v1/search?limit=1" "\"total\": ?${want}[,}]" "$t0" 5000
done

cluster_stop_clean
echo "ok"
