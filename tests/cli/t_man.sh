# The manual: mandoc's lint and groff find nothing in man/*.1, and man/praxis.1
# stays true to the command line (tools/man_check.py: every command of the
# table has its subsection, every option a --help prints is under its
# command). Then the check itself: a praxis whose help grew an option, a
# table that grew a command, a page that lost a section, each must fail it.
. tests/cli/lib.sh
once_against plain "the page is checked against the --help texts, the same in both builds"

command -v mandoc >/dev/null || fail "mandoc is missing (scripts/deps installs it)"
command -v groff >/dev/null || fail "groff is missing (scripts/deps installs groff-base)"

mandoc -T lint -W warning man/*.1 >"$TMP/lint" 2>&1 || { cat "$TMP/lint" >&2; fail "mandoc -T lint -W warning man/*.1"; }
[ ! -s "$TMP/lint" ] || { cat "$TMP/lint" >&2; fail "mandoc's lint has warnings"; }
# groff too, as man-db renders it and lintian checks it (man --warnings)
groff -mandoc -Tutf8 -ww -z man/*.1 >"$TMP/groff" 2>&1 || { cat "$TMP/groff" >&2; fail "groff -mandoc man/*.1"; }
[ ! -s "$TMP/groff" ] || { cat "$TMP/groff" >&2; fail "groff warns about man/*.1"; }

expect_status 0 python3 tools/man_check.py "$PRAXIS"
expect_grep "$TMP/out" "covers the [0-9]+ commands"

# The lint fails a broken page: a list never closed.
sed '/^\.Sh FILES/,$ s/^\.El$//' man/praxis.1 >"$TMP/broken.1"
! mandoc -T lint -W warning "$TMP/broken.1" >/dev/null 2>&1 || fail "the lint passed a page with an open list"
# and groff warns about a macro that does not exist
sed 's/^\.Ss backup$/.Zz backup/' man/praxis.1 >"$TMP/unknown.1"
groff -mandoc -Tutf8 -ww -z "$TMP/unknown.1" >"$TMP/groff" 2>&1
expect_grep "$TMP/groff" "macro 'Zz' not defined"

# A praxis whose `backup --help` prints an option the page does not name,
# and whose `match --help` names a variable ENVIRONMENT lacks.
cat >"$TMP/praxis" <<EOF
#!/bin/sh
"$PRAXIS" "\$@"
rc=\$?
[ "\$1 \$2" = "backup --help" ] && echo "  --compress-level N   compress the copy"
[ "\$1 \$2" = "match --help" ] && echo "PRAXIS_MATCH_WEIGHTS=... sets the weights."
exit \$rc
EOF
chmod +x "$TMP/praxis"
# (the option under another command does not count)
sed 's/^\.Ss digest$/&\n.Fl -compress-level/' man/praxis.1 >"$TMP/elsewhere.1"
expect_status 1 python3 tools/man_check.py "$TMP/praxis" "$TMP/elsewhere.1"
expect_grep "$TMP/err" "--compress-level, which 'praxis backup --help' prints, is not under '.Ss backup'"
expect_grep "$TMP/err" "ENVIRONMENT lacks PRAXIS_MATCH_WEIGHTS"
# Under its command, and the variable in ENVIRONMENT, they pass.
sed 's/^\.Ss backup$/&\n.Fl -compress-level/; s/^\.It Ev PRAXIS_DB$/.It Ev PRAXIS_MATCH_WEIGHTS\nWeights.\n&/' \
	man/praxis.1 >"$TMP/fixed.1"
expect_status 0 python3 tools/man_check.py "$TMP/praxis" "$TMP/fixed.1"

# A command added to the table without its section, and a section lost.
sed 's/^\t{"mail", cmd_mail, .*/&\n\t{"prune", cmd_prune, "drop old revisions"},/' src/cli/main.c >"$TMP/main.c"
grep -q '"prune"' "$TMP/main.c" || fail "could not add a command to a copy of the table"
sed 's/^\.Ss mail$/.Pp/' man/praxis.1 >"$TMP/lost.1"
expect_status 1 python3 tools/man_check.py "$PRAXIS" "$TMP/lost.1" "$TMP/main.c"
expect_grep "$TMP/err" "no subsection '.Ss prune' under COMMANDS"
expect_grep "$TMP/err" "DESCRIPTION's list of the commands lacks prune"
expect_grep "$TMP/err" "no subsection '.Ss mail' under COMMANDS"
echo "ok"
