# The edit form refuses a node beyond the model's size limits (the same
# check as ingest, README "Limits"): 400, the form shown again with what was
# typed and the field's note, nothing saved (issue 11, findings 7 and 8). A
# preview with 100k themes is answered at once (the old duplicate removal
# compared every theme with each earlier one: 24.7 s of CPU).
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
[ -n "$tok" ] || fail "no csrf token"
practice="csrf=$tok&type=practice&title=Limits&city=Ghent&country=Belgium&language=en"
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }

refused() { # FIELD-ERROR-PATTERN CURL-ARGS...: a 400 form with the note, the input kept
	local pattern=$1
	shift
	post 400 /node/new "$TMP/ed.jar" "$@"
	has "$pattern"
	has 'Some fields need a change|class="alert"'
}
refused 'for="title">Title <span class="field-error">Too long: the most this field takes, in bytes, is 1000\.' \
	-d "csrf=$tok&type=practice&title=$(long 1001)&city=Ghent&country=Belgium&language=en&action=save"
has "value=\"$(long 1001)\"" # what was typed is kept
refused 'for="subtitle">Subtitle <span class="field-error">Too long.* 2000\.' \
	-d "$practice&subtitle=$(long 2001)&action=publish"
refused '<legend>Themes <span class="field-error">Too many lines: the most this field takes is 50\.' \
	-d "$practice&themes=$(seq -f 'theme+%g' 1 51 | paste -sd'\n' | sed 's/\\n/%0D%0A/g')&action=save"
refused '<legend>Labels <span class="field-error">A line is too long.* 200\.' \
	-d "$practice&labels=$(long 201)&action=save"
echo "$practice&impact=$(long 262145)&action=save" >"$TMP/form"
refused 'for="text-impact">The impact and results <span class="field-error">Too long.* 262144\.' -d @"$TMP/form"
echo "csrf=$tok&type=article&title=Long&author=A&language=en&body=$(long 262145)&action=save" >"$TMP/form"
refused 'for="body">Text <span class="field-error">Too long.* 262144\.' -d @"$TMP/form"
# the preview of the attack: 100k distinct themes, 0.7 MB (under the form's 1 MiB)
python3 -c 'import itertools, string
for t in itertools.islice(itertools.product(string.ascii_lowercase, repeat=4), 100000): print("".join(t))' >"$TMP/themes"
refused '<legend>Themes <span class="field-error">Too many lines' \
	--data-urlencode "csrf=$tok" -d 'type=practice&title=Many&city=Ghent&country=Belgium&language=en&action=preview' \
	--data-urlencode "themes@$TMP/themes"
# a language code that names no language (ISO 639-1), in both forms
refused 'for="language">Language <span class="field-error">A language code \(ISO 639-1\): en, fr, de' \
	-d "csrf=$tok&type=practice&title=Limits&city=Ghent&country=Belgium&language=xx&action=save"
has '<option value="xx" selected>xx</option>'
refused 'for="language">Language <span class="field-error">A language code \(ISO 639-1\)' \
	-d "csrf=$tok&type=article&title=Limits&author=A&language=qq&body=b&action=publish"
# nothing of it was saved
page 200 '/search?q=limits'
lacks 'href="/node/[0-9]+"[^>]*>Limits'
page 200 '/api/v1/search?q=limits'
lacks '"title": ?"Limits"'
# at the limits, the node is saved
post 303 /node/new "$TMP/ed.jar" -d "$practice&subtitle=$(long 2000)&themes=$(seq -f 'theme+%g' 1 50 | paste -sd'\n' | sed 's/\\n/%0D%0A/g')&action=publish"
page 200 '/api/v1/search?q=limits'
has '"title": ?"Limits"'
stop_server
exit 0
