# The overview map of a listing (issue 13): every practice of the whole
# result, not the page's cards, counted per place by the index and
# clustered; each mark filters the listing by its places (keeping the
# query and the other filters); one tab stop with a skip link before it.
. tests/http/lib.sh
gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 2000 --seed 7 >"$TMP/gen.txt"
# practices the map cannot place: a city no gazetteer knows, a country nobody has
python3 - "$TMP/gen.txt" "$TMP/unplaced.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for i, (country, city) in enumerate([("Spain", "Qwzxville"), ("Spain", "Qwzxville"), ("Atlantis", "Poseidonia")]):
        out.write(json.dumps({"nid": 95001 + i, "type": "practice", "title": "Unplaced %d" % i, "country": country,
                              "city": city, "language": "en", "themes": ["Cartography"],
                              "sections": [{"key": "summary", "heading": "Summary", "text": "Nowhere at all."}]}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" --quiet "$TMP/gen.txt" "$TMP/unplaced.jsonl"
start_server "$TMP/db"
M="python3 tests/http/map_marks.py $TMP/body"
api_total() { # api_total FILTER...: the API's number of practices with these filters
	local q="filter=type=practice" f
	for f in "$@"; do q="$q&filter=$f"; done
	curl -s -g "$BASE/api/v1/search?$q&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}

# the whole hub: the marks count every placed practice, in both clusterings
all=$(api_total)
[ "$all" -gt 400 ] || fail "the generated hub has only $all practices"
page 200 /good-practices
for g in wide narrow; do
	[ "$($M sum $g)" = $((all - 3)) ] || fail "the $g marks count $($M sum $g) practices, the API $all less 3 unplaced"
done
[ "$($M box)" = "0 0 1112 979" ] || fail "the whole hub's map is not the whole map: $($M box)"
$M figure >"$TMP/fig1"
$M marks >"$TMP/marks"
[ "$(wc -l <"$TMP/marks")" -ge 10 ] || fail "too few marks: $(wc -l <"$TMP/marks")"
grep -q '^wide [0-9]* 1 ' "$TMP/marks" || fail "no cluster among the wide marks"
# keyboard: the skip link before the map, one tab stop in it, then the first result
has '<a class="skip-map" href="#after-map">Skip the map</a>'
has 'id="after-map"'
stops=$($M stops)
[ "$stops" -le 8 ] || fail "$stops tab stops before the first result"
[ "$(grep -o 'tabindex="0"' "$TMP/fig1" | wc -l)" = 2 ] || fail "each clustering should have one tab stop"

# page 2 shows the same map
page 200 '/good-practices?page=2'
$M figure >"$TMP/fig2"
cmp -s "$TMP/fig1" "$TMP/fig2" || fail "page 2's map differs from page 1's"

# a single place's mark filters to exactly its practices
read -r _ n _ href < <(awk '$1 == "wide" && $3 == 0 && $2 > 1' "$TMP/marks" | head -1)
[ -n "$href" ] || fail "no single place's mark with 2 practices or more"
key=$(python3 -c 'import sys, urllib.parse as u; print(u.parse_qs(u.urlsplit(sys.argv[1]).query)["place"][0])' "$href")
[ "$(api_total "place=$key")" = "$n" ] || fail "the mark of $key counts $n, the API $(api_total "place=$key")"
page 200 "$href"
[ "$($M total)" = "$n" ] || fail "$href lists $($M total) practices, its mark counted $n"
[ "$($M sum wide)" = "$n" ] || fail "the map of $href counts $($M sum wide), not $n"
name=$(grep -o 'aria-label="[^":]*: ' "$TMP/body" | head -1 | sed 's/aria-label="//; s/: $//')
[ -n "$name" ] || fail "the filtered map has no named mark"
has "class=\"chip\">$name <span" # the filter in force, named as the mark

# a cluster's mark: its places (the listing then holds what it counted), or a zoom
read -r _ n _ href < <(awk '$1 == "wide" && $3 == 1' "$TMP/marks" | head -1)
page 200 "$href"
case $href in
*place=*) [ "$($M total)" = "$n" ] || fail "$href lists $($M total) practices, its mark counted $n"
	[ "$($M sum wide)" = "$n" ] || fail "the map of $href counts $($M sum wide), not $n" ;;
*map=*) [ "$($M total)" = $all ] || fail "a zoom should not filter"
	[ "$($M box)" != "0 0 1112 979" ] || fail "$href did not zoom" ;;
*) fail "a cluster's mark leads to $href" ;;
esac

# a filtered result: the marks count that result, and their links keep its filters
page 200 '/good-practices?country=Portugal&themes=Housing'
want=$(api_total country=Portugal themes=Housing)
[ "$($M sum wide)" = "$want" ] || fail "Portugal's housing map counts $($M sum wide), the API $want"
[ "$($M box)" != "0 0 1112 979" ] || fail "the map of one country should fit its marks"
$M marks | awk '$1 == "wide" {print $4}' | grep -v 'country=Portugal.*themes=Housing' &&
	fail "a mark's link forgot the filters"
page 200 '/search?q=housing'
want=$(curl -s -g "$BASE/api/v1/search?q=housing&filter=type=practice&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$($M sum wide)" = "$want" ] || fail "the search's map counts $($M sum wide), the API $want"
$M marks | awk '$1 == "wide" {print $4}' | grep -v '^/search?q=housing&place=' && fail "a search's mark should keep q"
# the home page and a theme link to the good practices so filtered
page 200 /
[ "$($M sum wide)" = $((all - 3)) ] || fail "the home page's map counts $($M sum wide)"
$M marks | awk '{print $4}' | grep -v '^/good-practices?' && fail "the home page's marks should lead to /good-practices"
page 200 /themes/housing
[ "$($M sum wide)" = "$(api_total themes=Housing)" ] || fail "the theme's map counts $($M sum wide)"
$M marks | awk '{print $4}' | grep -v '^/good-practices?themes=Housing&' && fail "a theme's marks should keep the theme"
# a zoom that cannot be read is the fitted view, not an error
page 200 '/good-practices?map=1,2'
[ "$($M box)" = "0 0 1112 979" ] || fail "map=1,2 changed the view"
page 200 '/good-practices?map=100,200,300'
[ "$($M box)" = "100 200 300 264" ] || fail "map=100,200,300 gave $($M box)"
stop_server
