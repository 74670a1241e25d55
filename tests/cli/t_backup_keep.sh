# praxis backup --keep N DIR, what the nightly timer runs
# (deploy/systemd/praxis-backup.service): a dated whole copy in DIR, then the
# oldest dated copies deleted until N are left; files not so named stay;
# bad values, a missing DIR or a file instead fail with a message naming it.
. tests/cli/lib.sh

db=$TMP/hub.db
expect_status 0 "$PRAXIS" ingest --db "$db" data/sample/listing.txt
dir=$TMP/backups
mkdir "$dir"
# four older copies, and names --keep must not touch
for s in 20250101T000000Z 20251231T235959Z 20260601T120000Z 20261101T080000Z; do
	echo old >"$dir/praxis-$s.db"
done
for other in notes.txt praxis-2026.db praxis-20250101T000000Z.db.tmp praxis-20250101T0000000.db hub.db; do
	echo keep me >"$dir/$other"
done

expect_status 0 "$PRAXIS" backup --db "$db" --keep 3 "$dir"
new=$(sed -n 's|^praxis: backed up the store to \(.*\)$|\1|p' "$TMP/err")
case $new in "$dir"/praxis-20[0-9][0-9][01][0-9][0-3][0-9]T[0-2][0-9][0-5][0-9][0-6][0-9]Z.db) ;;
*) fail "the copy's name: '$new'" ;; esac
expect_status 0 "$PRAXIS" stats --db "$new"
expect_grep "$TMP/out" '^nodes +10$'
left=$(cd "$dir" && ls praxis-*Z.db | tr '\n' ' ')
[ "$left" = "praxis-20260601T120000Z.db praxis-20261101T080000Z.db ${new##*/} " ] ||
	fail "after --keep 3: $left"
for other in notes.txt praxis-2026.db praxis-20250101T000000Z.db.tmp praxis-20250101T0000000.db hub.db; do
	[ -f "$dir/$other" ] || fail "--keep deleted $other"
done
expect_status 0 "$PRAXIS" backup --db "$db" --keep 1 "$dir"
expect_grep "$TMP/err" "^praxis: deleted the old backup $dir/praxis-20261101T080000Z.db$"
[ "$(cd "$dir" && ls praxis-*Z.db | wc -l)" -eq 1 ] || fail "--keep 1 left $(ls "$dir")"

# bad input: a clear message, nothing written
for n in 0 -1 x 10000 ""; do
	expect_status 2 "$PRAXIS" backup --db "$db" --keep "$n" "$dir"
	expect_grep "$TMP/err" "invalid value '$n' for --keep"
done
expect_status 1 "$PRAXIS" backup --db "$db" --keep 2 "$TMP/none"
expect_grep "$TMP/err" "^praxis backup: $TMP/none: No such file or directory$"
expect_status 1 "$PRAXIS" backup --db "$db" --keep 2 "$dir/notes.txt"
expect_grep "$TMP/err" "notes.txt: not a directory$"
expect_status 2 "$PRAXIS" backup --db "$db" --keep 2 "$dir" "$dir"
expect_grep "$TMP/err" "needs exactly one DIR"
expect_status 2 "$PRAXIS" restore --db "$db" --keep 2 "$new"
expect_grep "$TMP/err" "unknown option '--keep'"

# a dated name that cannot be deleted (a directory): the copy is made, the
# status says the pruning failed, and the message names it
rm -f "$dir"/praxis-*Z.db
mkdir "$dir/praxis-20200101T000000Z.db"
touch "$dir/praxis-20200101T000000Z.db/x"
expect_status 1 "$PRAXIS" backup --db "$db" --keep 1 "$dir"
expect_grep "$TMP/err" "^praxis backup: cannot delete $dir/praxis-20200101T000000Z.db: Is a directory$"
expect_grep "$TMP/err" "^praxis: backed up the store to $dir/praxis-"
