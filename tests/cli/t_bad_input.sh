# A rejected file: exit 1, one message "FILE:LINE: what" on stderr with the
# line of the defect, nothing of it in the store, and the good files given
# with it in the same command still ingested.
. tests/cli/lib.sh

# ---- the good files ----
cat >"$TMP/good1.txt" <<'TXT'
• GOOD-ROOFS

    Austria
    Vienna

    Green roofs for every school

    • Environment
    • URBACT Good Practice
    Copy linkFacebookXLinkedInEmail
    1 897 491

    Summary

    Schools get green roofs.

    Ref nid
    501
• A good teaser about bikes

    Cities in the north ride bikes all year.

    Jan Novak
    See more
Subscribe to
TXT
cat >"$TMP/good2.jsonl" <<'TXT'
{"nid": 601, "type": "article", "title": "Good article", "author": "Ann", "language": "en", "body": "Line one\nLine two"}
{"type": "practice", "title": "GOOD-PARKS", "subtitle": null, "country": "Poland", "city": "Gdansk", "themes": ["Parks"], "labels": [], "population": 470000, "relations": [], "language": "en", "sections": []}
TXT

# A practice that is fine, to put before a defect: were the file half
# written, it would be in the store.
ok_practice() { # TITLE NID
	printf '%s\n' "• $1" '' '    Spain' '    Bilbao' '' '    A subtitle' '' '    • Jobs' \
		'    Copy linkFacebookXLinkedInEmail' '' '    Summary' '' '    Some text.' '' '    Ref nid' "    $2"
}
ok_json() { # TITLE NID
	printf '{"nid": %s, "type": "article", "title": "%s", "author": "Bea", "language": "en", "body": "x"}\n' "$2" "$1"
}

n_case=0
# check_rejected BADFILE LINE [MESSAGE-ERE]: ingests good1, BADFILE, good2 into
# a fresh store. LINE "" means the file cannot be read (no line to name).
check_rejected() {
	local bad=$1 line=$2 msg=${3:-}
	n_case=$((n_case + 1))
	local db=$TMP/db$n_case
	expect_status 1 "$PRAXIS" ingest --db "$db" "$TMP/good1.txt" "$bad" "$TMP/good2.jsonl"
	# stderr: exactly one line, about the bad file, at its line
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || { cat "$TMP/err" >&2; fail "$bad: one line on stderr expected"; }
	local head
	if [ -n "$line" ]; then head="$bad:$line: "; else head="$bad: "; fi
	case "$(cat "$TMP/err")" in
	"$head"?*) ;;
	*) fail "$bad: stderr should start with '$head': $(cat "$TMP/err")" ;;
	esac
	if [ -z "$line" ]; then
		grep -qE "^$bad:[0-9]+:" "$TMP/err" && fail "$bad: a line number for an unreadable file"
	fi
	[ -z "$msg" ] || expect_grep "$TMP/err" "$msg"
	# the good files went in, before and after it
	expect_grep "$TMP/out" "good1\.txt: 2 nodes \(2 added, 0 updated, 0 unchanged\)$"
	expect_grep "$TMP/out" "good2\.jsonl: 2 nodes \(2 added, 0 updated, 0 unchanged\)$"
	grep -q "^$bad" "$TMP/out" && fail "$bad reported on stdout"
	# nothing of the bad file is in the store
	expect_status 0 "$PRAXIS" export --db "$db"
	grep -q 'BAD' "$TMP/out" && fail "$bad: part of it is in the store: $(grep BAD "$TMP/out")"
	python3 - "$TMP/out" <<'PY' || fail "$bad: the store does not hold exactly the good files"
import json, sys
titles = sorted(json.loads(l)["title"] for l in open(sys.argv[1], encoding="utf-8"))
want = sorted(["GOOD-ROOFS", "A good teaser about bikes", "Good article", "GOOD-PARKS"])
sys.exit(0 if titles == want else "titles: %s" % titles)
PY
	# and no half-written rows: totals of the two good batches only
	expect_status 0 "$PRAXIS" stats --db "$db"
	expect_grep "$TMP/out" '^nodes      4$'
	expect_grep "$TMP/out" '^revisions  4$'
	expect_grep "$TMP/out" '^batches    2$'
	expect_grep "$TMP/out" '^max nid    602$'
}

# invalid UTF-8: line 20 (the first practice is lines 1-16)
{
	ok_practice BAD-UTF8-FIRST 701
	printf '%s\n' '• BAD-UTF8-SECOND' '' '    Italy'
	printf '    Tor\xffino\n'
	printf '%s\n' '' '    Sub' '' '    • Culture' '    Copy linkFacebookXLinkedInEmail' '    Ref nid' '    702'
	echo 'Subscribe to'
} >"$TMP/utf8.txt"
check_rejected "$TMP/utf8.txt" 20 'invalid UTF-8'

# an overlong encoding and a lone continuation byte are invalid too
{ ok_json BAD-OVERLONG 711; printf '{"type": "article", "title": "\xc0\xafx"}\n'; } >"$TMP/overlong.jsonl"
check_rejected "$TMP/overlong.jsonl" 2 'UTF-8'
{ ok_json BAD-CONT 712; ok_json BAD-CONT2 713; printf 'x \x80\n'; } >"$TMP/cont.jsonl"
check_rejected "$TMP/cont.jsonl" 3 'UTF-8'

# a Ref nid that is not a number: line 32
{
	ok_practice BAD-REF-FIRST 721
	printf '%s\n' '• BAD-REF-SECOND' '' '    Italy' '    Turin' '' '    Sub' '' '    • Culture' \
		'    Copy linkFacebookXLinkedInEmail' '' '    Summary' '' '    Text.' '' '    Ref nid' '    12a'
	echo 'Subscribe to'
} >"$TMP/ref.txt"
check_rejected "$TMP/ref.txt" 32 'Ref nid'

# a Ref nid with nothing after it: reported at the "Ref nid" line (31)
{
	ok_practice BAD-REFEND-FIRST 722
	printf '%s\n' '• BAD-REFEND-SECOND' '' '    Italy' '    Turin' '' '    Sub' '' '    • Culture' \
		'    Copy linkFacebookXLinkedInEmail' '' '    Summary' '' '    Text.' '' '    Ref nid'
	echo 'Subscribe to'
} >"$TMP/refend.txt"
check_rejected "$TMP/refend.txt" 31 'Ref nid'

# a practice with no country and city: reported at its title (17)
{
	ok_practice BAD-PLACE-FIRST 731
	printf '%s\n' '• BAD-PLACE-SECOND' '' '    • Culture' '    Copy linkFacebookXLinkedInEmail' '' \
		'    Summary' '' '    Text.' '' '    Ref nid' '    732'
	echo 'Subscribe to'
} >"$TMP/place.txt"
check_rejected "$TMP/place.txt" 17 'country'

# a country without a city: reported at the country line (19)
{
	ok_practice BAD-CITY-FIRST 741
	printf '%s\n' '• BAD-CITY-SECOND' '' '    Italy' '' '    Sub' '' '    • Culture' \
		'    Copy linkFacebookXLinkedInEmail' '' '    Summary' '' '    Text.' '' '    Ref nid' '    742'
	echo 'Subscribe to'
} >"$TMP/city.txt"
check_rejected "$TMP/city.txt" 19 'city'

# two entries with the same Ref nid: reported at the second (17)
{ ok_practice BAD-DUP-FIRST 751; ok_practice BAD-DUP-SECOND 751; echo 'Subscribe to'; } >"$TMP/dup.txt"
check_rejected "$TMP/dup.txt" 17 '751'

# a binary file: a NUL on line 4
{ printf '%s\n' '• BAD-BIN' '' '    text'; printf 'ab\0cd\n'; printf 'more\n'; } >"$TMP/bin.txt"
check_rejected "$TMP/bin.txt" 4 'NUL|binary'

# JSON Lines: a line that does not parse (3, after a blank line 2)
{ ok_json BAD-JSON-FIRST 761; echo; printf '{"type": "article", "title": "BAD-JSON-SECOND",\n'; ok_json BAD-JSON-THIRD 762; } >"$TMP/parse.jsonl"
check_rejected "$TMP/parse.jsonl" 3 'JSON'

# JSON Lines: a wrong type (line 2)
{
	ok_json BAD-TYPE-FIRST 771
	printf '{"nid": 772, "type": "practice", "title": "BAD-TYPE-SECOND", "country": "Spain", "city": "Vigo", "population": "many"}\n'
} >"$TMP/type.jsonl"
check_rejected "$TMP/type.jsonl" 2 'population'

# JSON Lines: a nid given as a string (line 3), an unknown key (line 2)
{ ok_json BAD-NID-1 781; ok_json BAD-NID-2 782; printf '{"nid": "783", "type": "article", "title": "BAD-NID-3"}\n'; } >"$TMP/nid.jsonl"
check_rejected "$TMP/nid.jsonl" 3 'nid'
{ ok_json BAD-KEY-1 791; printf '{"nid": 792, "type": "article", "title": "BAD-KEY-2", "colour": "red"}\n'; } >"$TMP/key.jsonl"
check_rejected "$TMP/key.jsonl" 2 'colour'

# a listing line the format has no place for (line 10)
{
	printf '%s\n' '• BAD-STRAY' '' '    Spain' '    Bilbao' '' '    Sub' '' '    • Jobs' '    Copy linkFacebookXLinkedInEmail'
	printf '%s\n' '    this line is not a theme' '' '    Summary' '' '    Text.' '' '    Ref nid' '    799'
} >"$TMP/stray.txt"
check_rejected "$TMP/stray.txt" 10 'not a theme'

# a file that does not exist, and one that cannot be read (a directory)
check_rejected "$TMP/missing.txt" "" 'cannot read'
mkdir "$TMP/adir.txt"
check_rejected "$TMP/adir.txt" "" 'cannot read'
if [ "$(id -u)" -ne 0 ]; then # root reads anything
	ok_json BAD-PERM 800 >"$TMP/perm.jsonl"
	chmod 000 "$TMP/perm.jsonl"
	check_rejected "$TMP/perm.jsonl" "" 'cannot read'
fi
exit 0
