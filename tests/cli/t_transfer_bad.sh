# Bad input to the transfer fields (issue 12, "Bad input"): each file below
# is refused with exit 1 and one message "FILE:LINE: what" naming the line
# of the defect and its field, and nothing of it is written: the store's
# export and stats are the same before and after. Each bad record follows
# valid ones (a city, a practice), which a half-written file would leave
# behind. A practice whose city cannot be placed is accepted, and stats
# lists that city.
. tests/cli/lib.sh
once_against asan "the same messages from both builds: once, against the ASan/UBSan build, which also checks memory on every refusal"

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" tests/data/transfer/atlas.jsonl
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/before.jsonl"
expect_status 0 "$PRAXIS" stats --db "$TMP/db"
cp "$TMP/out" "$TMP/before.stats"

# Two valid records, then the bad one on line 3.
CITY='{"nid": 50001, "type": "city", "title": "Bologna", "country": "Italy", "lat": 44.4949, "lon": 11.3426}'
PRACTICE='{"nid": 50002, "type": "practice", "title": "PORTICI APERTI", "country": "Italy", "city": "Bologna", "language": "it"}'
# A practice, a network and an adopter with FIELD set to VALUE (JSON text).
practice_with() { printf '{"nid": 50003, "type": "practice", "title": "CASE", "country": "Italy", "city": "Bologna", "language": "it", "%s": %s}' "$1" "$2"; }
network_with() { printf '{"nid": 50004, "type": "network", "title": "NET", "language": "en", "%s": %s}' "$1" "$2"; }
city_with() { printf '{"nid": 50005, "type": "city", "title": "Parma", "country": "Italy", "%s": %s}' "$1" "$2"; }

n=0
failed=0
# refused NAME EXT LINE ERE: the file on stdin, NAME.EXT, must be refused at
# LINE with a message matching ERE, and leave the store as it was.
refused() {
	local name=$1 ext=$2 line=$3 ere=$4 f="$TMP/$1.$2" got
	n=$((n + 1))
	cat >"$f"
	"$PRAXIS" ingest --db "$TMP/db" "$f" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$TMP/err"; then
		cat "$TMP/err" >&2
		fail "$name: sanitizer report"
	fi
	if [ "$got" -ne 1 ]; then
		echo "$name: exit $got, expected 1 (stdout: $(head -c 300 "$TMP/out"); stderr: $(head -c 300 "$TMP/err"))" >&2
		failed=$((failed + 1))
	elif ! head -1 "$TMP/err" | grep -qE -- "^$f:$line: .*($ere)"; then
		echo "$name: expected '$f:$line: ...' matching '$ere', got: $(head -c 300 "$TMP/err")" >&2
		failed=$((failed + 1))
	fi
	# the counts of nodes, revisions and batches (every case adds nodes);
	# the whole export is compared once, after the last case
	"$PRAXIS" stats --db "$TMP/db" >"$TMP/after.stats" 2>/dev/null
	if ! cmp -s "$TMP/before.stats" "$TMP/after.stats"; then
		echo "$name: the store changed" >&2
		diff "$TMP/before.stats" "$TMP/after.stats" >&2
		cp "$TMP/after.stats" "$TMP/before.stats" # report each case once
		failed=$((failed + 1))
	fi
}
json3() { printf '%s\n%s\n%s\n' "$CITY" "$PRACTICE" "$1"; }

# ---- a partner or an adopter that is not an object with a city and a country ----
json3 "$(practice_with partners '["Gent (Belgium)"]')" | refused partner_string jsonl 3 'partners'
json3 "$(practice_with partners '[{"city": "Gent"}]')" | refused partner_no_country jsonl 3 'partners.*country'
json3 "$(practice_with partners '[{"country": "Belgium"}]')" | refused partner_no_city jsonl 3 'partners.*city'
json3 "$(practice_with partners '[{"city": "", "country": "Belgium"}]')" | refused partner_empty_city jsonl 3 'partners.*city'
json3 "$(practice_with partners '[{"city": "Gent", "country": "Belgium", "year": 2020}]')" |
	refused partner_extra_key jsonl 3 'partners.*year'
json3 "$(practice_with partners '{"city": "Gent", "country": "Belgium"}')" | refused partners_not_a_list jsonl 3 'partners'
json3 "$(practice_with partners '[{"city": 7, "country": "Belgium"}]')" | refused partner_city_number jsonl 3 'partners.*city'
json3 "$(practice_with adopters '["Gent"]')" | refused adopter_string jsonl 3 'adopters'
json3 "$(practice_with adopters '[{"city": "Gent", "year": 2020}]')" | refused adopter_no_country jsonl 3 'adopters.*country'
json3 "$(practice_with adopters '[{"city": "Gent", "country": "Belgium", "since": 2020}]')" |
	refused adopter_extra_key jsonl 3 'adopters.*since'
json3 "$(network_with lead_partner '"Gent"')" | refused lead_partner_string jsonl 3 'lead_partner'
json3 "$(network_with lead_partner '{"city": "Gent"}')" | refused lead_partner_no_country jsonl 3 'lead_partner.*country'
json3 "$(network_with partners '[["Gent", "Belgium"]]')" | refused network_partner_list jsonl 3 'partners'
json3 "$(practice_with contact '"Joana Sá"')" | refused contact_string jsonl 3 'contact'
json3 "$(practice_with contact '{"name": "Joana", "phone": "+351 1"}')" | refused contact_extra_key jsonl 3 'contact.*phone'

# ---- a year outside 1900-2100 ----
json3 "$(practice_with labelled 1899)" | refused labelled_1899 jsonl 3 'labelled'
json3 "$(practice_with labelled 2101)" | refused labelled_2101 jsonl 3 'labelled'
json3 "$(practice_with labelled '"2017"')" | refused labelled_string jsonl 3 'labelled'
json3 "$(practice_with labelled 2017.5)" | refused labelled_fraction jsonl 3 'labelled'
json3 "$(practice_with adopters '[{"city": "Gent", "country": "Belgium", "year": 1899}]')" |
	refused adopter_year_1899 jsonl 3 'adopters.*year'
json3 "$(practice_with adopters '[{"city": "Gent", "country": "Belgium", "year": 2101}]')" |
	refused adopter_year_2101 jsonl 3 'adopters.*year'
json3 "$(network_with start 1899)" | refused network_start_1899 jsonl 3 'start'
json3 "$(network_with end 2101)" | refused network_end_2101 jsonl 3 'end'
json3 "$(network_with start -1)" | refused network_start_negative jsonl 3 'start'

# ---- a malformed e-mail address ----
for e in 'joana.sa' 'joana sa@cm-lisboa.pt' 'joana@sa' '@cm-lisboa.pt' 'joana@@cm-lisboa.pt' '<joana@cm-lisboa.pt>' \
	'joana@cm-lisboa.pt, ana@cm-lisboa.pt' 'joana@cm-lisboa.'; do
	json3 "$(practice_with contact "{\"name\": \"Joana\", \"email\": \"$e\"}")" |
		refused "email_$(printf '%s' "$e" | tr -c 'a-z' _)" jsonl 3 'email'
done

# ---- a URL that is not http or https ----
for u in 'javascript:alert(1)' 'ftp://example.org/' 'http://' 'https://' '//example.org/' 'mailto:joana@cm-lisboa.pt' \
	'www.lisboa.pt' 'http:/www.lisboa.pt' 'data:text/html,x' 'https:// lisboa.pt'; do
	slug=$(printf '%s' "$u" | tr -c 'a-z' _)
	json3 "$(practice_with contact "{\"name\": \"Joana\", \"website\": \"$u\"}")" | refused "contact_url_$slug" jsonl 3 'website'
	json3 "$(city_with website "\"$u\"")" | refused "city_url_$slug" jsonl 3 'website'
done

# ---- a latitude or a longitude out of range ----
json3 "$(city_with lat 90.5)" | refused lat_over jsonl 3 'lat'
json3 "$(city_with lat -90.01)" | refused lat_under jsonl 3 'lat'
json3 "$(city_with lon 180.5)" | refused lon_over jsonl 3 'lon'
json3 "$(city_with lon -181)" | refused lon_under jsonl 3 'lon'
json3 "$(city_with lat '"44.5"')" | refused lat_string jsonl 3 'lat'

# ---- a network's practice that names no practice, an adopter's network no network ----
json3 "$(network_with practice 99999)" | refused network_practice_missing jsonl 3 'practice'
json3 "$(network_with practice 40101)" | refused network_practice_is_a_network jsonl 3 'practice'
json3 "$(network_with practice 40001)" | refused network_practice_is_a_city jsonl 3 'practice'
printf '%s\n%s\n%s\n' "$CITY" '{"nid": 50010, "type": "article", "title": "A story", "author": "Bea", "language": "en", "body": "x"}' \
	"$(network_with practice 50010)" | refused network_practice_is_an_article jsonl 3 'practice'
json3 "$(network_with practice 0)" | refused network_practice_zero jsonl 3 'practice'
json3 "$(practice_with adopters '[{"city": "Gent", "country": "Belgium", "network": 99999}]')" |
	refused adopter_network_missing jsonl 3 'network'
json3 "$(practice_with adopters '[{"city": "Gent", "country": "Belgium", "network": 40201}]')" |
	refused adopter_network_is_a_practice jsonl 3 'network'

# ---- a date that is not RFC 3339 UTC ----
for d in '2024-06-01' '2024-06-01T10:00:00+02:00' '2024-06-01 10:00:00Z' '2024-02-30T00:00:00Z' '1899-12-31T23:59:59Z' \
	'2024-06-01T10:00Z' '2024-06-01T24:00:00Z' 'yesterday'; do
	json3 "$(practice_with created "\"$d\"")" | refused "created_$(printf '%s' "$d" | tr -c '0-9a-z' _)" jsonl 3 'created'
done
json3 "$(practice_with changed '"2024-13-01T00:00:00Z"')" | refused changed_month_13 jsonl 3 'changed'

# ---- a listing's relation item that is not "City (Country)" ----
listing() { # RELATION-LINES...: a practice with these lines after its bullets
	printf '%s\n' '• CASE' '' '    Italy' '    Bologna' '' '    A subtitle' '' '    • Mobility' \
		'    Copy linkFacebookXLinkedInEmail' "$@" '' '    Summary' '' '    Some text.' '' '    Ref nid' '    50020'
}
listing '    • In partnership with: Sevilla' | refused item_no_country txt 10 'Sevilla'
listing '    • In partnership with: Sevilla (Spain' | refused item_unclosed txt 10 'Sevilla'
listing '    • In partnership with: Sevilla (Spain) today' | refused item_after_paren txt 10 'Sevilla'
listing '    • In partnership with: (Spain)' | refused item_no_city txt 10 'Spain'
listing '    • Adapted by cities from' '      Łódź (Poland, 21)' | refused item_year_21 txt 11 'Łódź'
listing '    • Adapted by cities from' '      Łódź (Poland, 2101)' | refused item_year_2101 txt 11 'Łódź'
listing '    • Adapted by cities from' '      Gent (Belgium); Łódź (Poland, 1899)' | refused item_year_1899 txt 11 'Łódź'
listing '    • Adapted by cities from:' '      Gent (Belgium)' '      Wrocław' | refused item_below_no_country txt 12 'Wrocław'

expect_status 0 "$PRAXIS" export --db "$TMP/db"
cmp -s "$TMP/out" "$TMP/before.jsonl" || { diff "$TMP/before.jsonl" "$TMP/out" >&2; fail "the bad files changed the store"; }
[ "$failed" -eq 0 ] || fail "$failed of $n bad files not refused as they should be (above)"

# ---- a practice whose city cannot be placed: accepted, and stats lists it ----
printf '%s\n' '{"nid": 50030, "type": "practice", "title": "NOWHERE", "country": "Atlantis", "city": "Poseidonia Ultima", "language": "en", "partners": [{"city": "Xanadu Minor", "country": "Utopia"}]}' \
	>"$TMP/nowhere.jsonl"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/nowhere.jsonl"
expect_grep "$TMP/out" 'nowhere\.jsonl: 1 nodes? \(1 added, 0 updated, 0 unchanged\)'
expect_status 0 "$PRAXIS" stats --db "$TMP/db"
expect_grep "$TMP/out" 'Poseidonia Ultima'
expect_grep "$TMP/out" 'Xanadu Minor'
