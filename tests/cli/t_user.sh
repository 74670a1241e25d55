# praxis user: add, passwd, role, disable, enable, list; the rules on names,
# roles and passwords; usage errors; every change in the audit log.
. tests/cli/lib.sh

db=$TMP/db
add() { # NAME ROLE PASSWORD
	printf '%s\n' "$3" | "$PRAXIS" user add --db "$db" --role "$2" "$1" >"$TMP/out" 2>"$TMP/err"
}

add ana editor 'long enough pw' || fail "cannot add ana: $(cat "$TMP/err")"
add bob author 'another good one' || fail "cannot add bob"
expect_status 0 "$PRAXIS" user list --db "$db"
expect_grep "$TMP/out" '^ana +editor +active '
expect_grep "$TMP/out" '^bob +author +active '

# refused: exit 1 and why
! add carl editor 'short' || fail "a short password was accepted"
expect_grep "$TMP/err" 'at least 10 characters'
! add ANA admin 'long enough pw' || fail "a name taken (in another case) was accepted"
expect_grep "$TMP/err" 'already a user called "ana"'
! add 'no spaces' editor 'long enough pw' || fail "a name with a space was accepted"
expect_grep "$TMP/err" 'letters a-z'
expect_status 1 "$PRAXIS" user passwd --db "$db" nobody </dev/null
expect_grep "$TMP/err" 'no password on standard input'
printf 'a long new password\n' >"$TMP/pw"
expect_status 1 "$PRAXIS" user passwd --db "$db" nobody <"$TMP/pw"
expect_grep "$TMP/err" 'no user called "nobody"'
expect_status 1 "$PRAXIS" user disable --db "$db" nobody

# usage errors: exit 2
expect_status 2 "$PRAXIS" user
expect_status 2 "$PRAXIS" user frob --db "$db"
expect_status 2 "$PRAXIS" user add --db "$db" dave </dev/null # no --role
expect_grep "$TMP/err" 'needs --role'
expect_status 2 "$PRAXIS" user add --db "$db" --role boss dave </dev/null
expect_grep "$TMP/err" "'boss' is not a role"
expect_status 2 "$PRAXIS" user role --db "$db" ana
expect_status 2 "$PRAXIS" user list --db "$db" extra

# changes
expect_status 0 "$PRAXIS" user passwd --db "$db" ana <"$TMP/pw"
expect_status 0 "$PRAXIS" user role --db "$db" bob editor
expect_status 0 "$PRAXIS" user disable --db "$db" ana
expect_status 0 "$PRAXIS" user list --db "$db" --json
python3 - "$TMP/out" <<'PY' || fail "user list --json"
import json, sys
users = {u["name"]: u for u in json.load(open(sys.argv[1]))}
assert users["ana"]["disabled"] is True and users["ana"]["role"] == "editor", users
assert users["bob"]["role"] == "editor" and users["bob"]["disabled"] is False, users
PY
expect_status 0 "$PRAXIS" user enable --db "$db" ana

# the store holds Argon2id hashes, never a password
[ "$(sqlite3 "$db" "SELECT count(*) FROM account WHERE hash LIKE '\$argon2id\$%'")" = 2 ] || fail "not Argon2id"
! sqlite3 "$db" .dump | grep -q 'long enough pw' || fail "a password is in the store"

# the audit log, from the command line
sqlite3 -separator ' ' "$db" "SELECT addr, action, target, ifnull(detail, '-') FROM audit ORDER BY id" >"$TMP/audit"
cat >"$TMP/want" <<'TXT'
cli user-add ana editor
cli user-add bob author
cli user-passwd ana -
cli user-role bob editor
cli user-disable ana -
cli user-enable ana -
TXT
diff "$TMP/want" "$TMP/audit" || fail "the audit log differs"
