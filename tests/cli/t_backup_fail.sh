# A backup that fails leaves nothing behind: no FILE.tmp, FILE.tmp-journal,
# -wal or -shm, and FILE as it was; files a crashed backup left are not read
# into the next one (issue 11, finding 11: "*.tmp-journal" left behind).
. tests/cli/lib.sh

db=$TMP/hub.db
python3 - >"$TMP/in.jsonl" <<'PY'
import json
for i in range(300):
    print(json.dumps({"type": "article", "title": "Node %d" % i, "language": "en", "body": "words " * 200}))
PY
expect_status 0 "$PRAXIS" ingest --db "$db" "$TMP/in.jsonl"

# no_leftovers FILE: nothing named FILE.tmp* exists
no_leftovers() {
	local left
	left=$(ls -d "$1".tmp* 2>/dev/null)
	[ -z "$left" ] || fail "a failed backup left: $left"
}
# whole_backup FILE: FILE is a whole copy of the store, alone
whole_backup() {
	expect_status 0 "$PRAXIS" stats --db "$1"
	expect_grep "$TMP/out" '^nodes      300$'
	no_leftovers "$1"
	[ ! -e "$1-wal" ] || fail "the backup $1 has a -wal beside it"
}

# 1. FILE is an existing directory: the rename fails
mkdir "$TMP/dir.db"
expect_status 1 "$PRAXIS" backup --db "$db" "$TMP/dir.db"
expect_grep "$TMP/err" 'dir\.db: Is a directory'
no_leftovers "$TMP/dir.db"
[ -d "$TMP/dir.db" ] && [ -z "$(ls -A "$TMP/dir.db")" ] || fail "the directory changed"

# 2. what a crashed backup left (a -wal and a -journal of garbage) is not
# read into the next copy, and is gone after it
head -c 70000 /dev/urandom >"$TMP/b.db.tmp-wal"
head -c 5000 /dev/urandom >"$TMP/b.db.tmp-journal"
: >"$TMP/b.db.tmp"
expect_status 0 "$PRAXIS" backup --db "$db" "$TMP/b.db"
whole_backup "$TMP/b.db"

# 3. a full file system (a small tmpfs; needs mount, i.e. root): at sizes
# around the store's, each backup either is whole or fails leaving FILE as
# it was and no FILE.tmp*. The old code left FILE.tmp-wal and FILE.tmp-shm
# at 880k and 900k for an 873k store.
mnt=$TMP/mnt
mkdir "$mnt"
trap 'umount "$mnt" 2>/dev/null; rm -rf "$TMP"' EXIT
size=$(stat -c %s "$db")
failed=0 mounted=0
for pct in 50 95 99 101 103 106 110; do
	if ! mount -t tmpfs -o size=$((size * pct / 100)) tmpfs "$mnt" 2>/dev/null; then
		echo "t_backup_fail: cannot mount a tmpfs (not root?): full file system not tested" >&2
		break
	fi
	mounted=1
	echo "the old backup" >"$mnt/bk.db"
	"$PRAXIS" backup --db "$db" "$mnt/bk.db" >"$TMP/out" 2>"$TMP/err"
	status=$?
	case $status in
	0) whole_backup "$mnt/bk.db" ;;
	1)
		failed=$((failed + 1))
		[ "$(cat "$mnt/bk.db")" = "the old backup" ] || fail "a failed backup at $pct% changed the old one"
		no_leftovers "$mnt/bk.db"
		;;
	*) cat "$TMP/err" >&2; fail "backup at $pct% exited $status" ;;
	esac
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/err" ||
		{ cat "$TMP/err" >&2; fail "sanitizer report"; }
	umount "$mnt" || fail "cannot unmount $mnt"
done
[ "$mounted" -eq 0 ] || [ "$failed" -gt 0 ] || fail "no backup failed on a full file system"
