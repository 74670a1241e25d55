# The editor's form on a hub of its own (generated): themes, labels and a
# country are picked from the hub's values, a language from ISO 639-1 by
# name, a city completes from the hub's cities. A value the hub does not
# have is saved only after a confirming step that offers the similar ones
# ("Houssing": Housing; "Polska": Poland) and keeps everything typed.
# Populations read as the hub prints them; garbage is refused at its field.
# The preview shows the page's facts and map.
. tests/http/lib.sh
make_hub() {
	"$GEN_LISTING" --nodes 200 --seed 7 >"$TMP/gen.txt" || fail "gen_listing failed"
	expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/gen.txt"
}
GEN_LISTING=${GEN_LISTING:-$(dirname "$PRAXIS")/gen_listing}
[ -x "$GEN_LISTING" ] || GEN_LISTING=build/gen_listing
make_hub
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
tok=$(session_csrf "$TMP/ed.jar")
# has_flat PATTERN: the last body has a match with its newlines as "~"
# (a resolve button's value holds two: KEY, TYPED, USE on lines)
has_flat() { tr '\n' '~' <"$TMP/body" | grep -qE -- "$1" || fail "the last body has no match of '$1'"; }
# the hub's own values, as its API gives them
page 200 '/api/v1/search?q=&limit=1'
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["facets"]
print("\n".join(f["themes"])); print("--"); print("\n".join(f["country"])); print("--"); print("\n".join(f["city"]))' \
	"$TMP/body" >"$TMP/values" || fail "no facets in the API's answer"
theme=$(sed -n '1p' "$TMP/values")   # the most used theme
country=$(sed -n '/^--$/{n;p;q}' "$TMP/values")
grep -qx 'Housing' "$TMP/values" || fail "the generated hub has no Housing theme"

# ---- the form: pick-lists of the hub's values ----
page 200 /node/new -b "$TMP/ed.jar"
has "<label><input type=\"checkbox\" name=\"themes\" value=\"Housing\"> Housing</label>"
has "<input type=\"checkbox\" name=\"themes\" value=\"$theme\">"
has "<select id=\"country\" name=\"country\">"
has "<option>$country</option>"
has '<textarea id="themes.new" name="themes.new"'
has '<input id="country.new" name="country.new"'
has '<option value="fr">French</option>' # languages by name, from ICU
has '<option value="en" selected>English</option>'
has '<input id="city" name="city" value="" required maxlength="400" list="hub-cities"'
has '<input id="subtitle" name="subtitle" value="" maxlength="2000">' # no other input completes from the cities
has '<datalist id="hub-cities">.*<option value="[^"]+"></option>'
page 200 /fr/node/new -b "$TMP/ed.jar"
has '<option value="de">allemand</option>' # in the editor's language
has '<option value="fr" selected>français</option>'

send() { # STATUS [CURL ARGS]: the form as a browser posts it, pick=1
	local status=$1
	shift
	post "$status" /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d type=practice -d pick=1 \
		--data-urlencode 'title=Roofs for bees' -d city=Gdańsk -d language=en \
		--data-urlencode 'summary=Kept across the step.' -d "themes=$theme" "$@"
}
# ---- a typo'd theme: not saved, the existing one offered, the rest kept ----
send 200 -d action=publish -d 'themes.new=Houssing' --data-urlencode "country=$country"
has '“Houssing” is not a theme of the hub yet. Similar: <strong>Housing</strong>.'
has_flat '<button type="submit" name="resolve" value="themes~Houssing~Housing">Use Housing</button>'
has_flat 'name="resolve" value="themes~Houssing~" class="secondary">Add it as a new theme: <q>Houssing</q></button>'
has '<input type="hidden" name="then" value="publish">'
has 'Kept across the step.</textarea>'
has 'value="Roofs for bees"'
page 200 '/search?q=roofs+bees'
lacks 'Roofs for bees' # nothing saved
# [Use Housing]: saved with Housing, published as asked
send 303 -d then=publish -d 'themes=Houssing' --data-urlencode $'resolve=themes\nHoussing\nHousing' \
	--data-urlencode "country=$country"
nid=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
page 200 "/api/v1/nodes/$nid"
has '"themes": ?\[[^]]*"Housing"'
lacks 'Houssing'
# [Add 'Houssing' as a new theme]: kept as new, remembered across a further step
send 200 -d then=save -d 'themes=Houssing' --data-urlencode $'resolve=themes\nHoussing\n' -d 'country.new=Polska'
has '<input type="hidden" name="new.themes" value="Houssing">'
lacks '<q>Houssing</q>|“Houssing”'
has '“Polska” is not a country of the hub yet. Similar: <strong>Poland</strong>.' # the gazetteer's name
has_flat 'name="resolve" value="country~Polska~Poland">Use Poland</button>'
send 303 -d then=save -d 'themes=Houssing' -d 'new.themes=Houssing' -d country=Polska \
	--data-urlencode $'resolve=country\nPolska\nPoland'
nid2=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
page 200 "/node/$nid2/edit" -b "$TMP/ed.jar"
has '<option selected>Poland</option>' # a value of its own node is on its list
has '<input type="checkbox" name="themes" value="Houssing" checked>'
# case and accents fold: "housing" offers Housing
send 200 -d action=save -d 'themes.new=housing' --data-urlencode "country=$country"
has '“housing” is not a theme of the hub yet. Similar: <strong>Housing</strong>.'

# ---- populations as the hub prints them ----
for p in '470 000' '470,000' '470.000' $'470\u00a0000' $'470\u202f000' 470000; do
	post 303 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d type=practice -d action=save \
		--data-urlencode "title=Population $p" -d city=Gdańsk -d language=en --data-urlencode "country=$country" \
		--data-urlencode "population=$p"
	id=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
	page 200 "/node/$id" -b "$TMP/ed.jar"
	has '<dd>470,000</dd>' # as an English page prints it (ICU)
done
for p in 'lots' '470 00' '4,70,000' '470 000 people' '-5'; do
	post 400 /node/new "$TMP/ed.jar" --data-urlencode "csrf=$tok" -d type=practice -d action=save \
		--data-urlencode "title=Bad population" -d city=Gdańsk -d language=en --data-urlencode "country=$country" \
		--data-urlencode "population=$p"
	has 'for="population">Population <span class="field-error">'
	has "name=\"population\" value=\"$p\""
done

# ---- the preview: the page's facts and map ----
send 200 -d action=preview -d population=463754 -d country=Poland -d city=Gdańsk \
	--data-urlencode $'partners=Porto | Portugal\nGent | Belgium' --data-urlencode 'contact.name=Ana Bee' \
	-d "new.themes=$theme"
has '<p class="kind">Preview</p>'
has '<dt>Population</dt><dd>463,754</dd>'
has "<a href=\"/themes/[^\"]*\">$theme</a>"
has '<dt>In partnership with</dt>'
has '>Porto</a> \(Portugal\)'
has '<dd class="contact">Ana Bee'
has '<aside class="place-map" aria-label="Map"><figure class="map">'
has '<circle cx="[0-9.]+" cy="[0-9.]+"[^>]*><title>Roofs for bees, Gdańsk</title>'
stop_server
