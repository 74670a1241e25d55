# The transfer fields on the web (issue 12): an editor creates a city and a
# network and edits a practice's partners, adopters, contact and year of
# labelisation through /node/new and /node/{nid}/edit; the pages show them
# (partners and adopters linked to /cities/{slug}, the adopter's network,
# the contact's name and organisation, never the e-mail address: not in a
# page, the API, a feed, a sitemap or the CSV); an edit form posted back as
# it came changes nothing; bad values answer 400 with the field marked
# (class="field-error" next to its input); a relation without cities prints
# nothing.
. tests/http/lib.sh

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/transfer/atlas.jsonl
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
J=$TMP/ed.jar
tok=$(session_csrf "$J")
[ -n "$tok" ] || fail "no CSRF token for ed"

# send STATUS PATH FIELD=VALUE...: the form POST of an editor (newlines in
# values sent as a browser sends them, CRLF)
send() {
	local want=$1 path=$2 a args=()
	shift 2
	for a in "$@"; do args+=(--data-urlencode "${a//$'\n'/$'\r\n'}"); done
	post "$want" "$path" "$J" --data-urlencode "csrf=$tok" "${args[@]}"
}
# should / shouldnt PATTERN: as has / lacks, but a miss is counted and the
# test goes on, so that one run lists every miss (the test fails at its end)
misses=0
should() { grep -qE -- "$1" "$TMP/body" || { echo "MISS: $CURRENT lacks '$1'" >&2; misses=$((misses + 1)); }; }
shouldnt() { ! grep -qE -- "$1" "$TMP/body" || { echo "MISS: $CURRENT has '$1'" >&2; misses=$((misses + 1)); }; }
located() { sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head"; }
base_of() { page 200 "/node/$1/edit" -b "$J"; sed -n 's/.*name="base" value="\([0-9]*\)".*/\1/p' "$TMP/body"; }
# refused_at FIELD ARGS...: the form POST of ARGS (as send's) must answer
# 400 with FIELD's input marked with a field error: in its label, or for a
# group of inputs (FIELD.sub) in the group's legend. A miss is counted.
refused_at() {
	local field=$1 path=$2 a args=() code
	shift 2
	for a in "$@"; do args+=(--data-urlencode "${a//$'\n'/$'\r\n'}"); done
	code=$(curl -s -g -c "$J" -b "$J" -o "$TMP/body" -w '%{http_code}' --data-urlencode "csrf=$tok" "${args[@]}" "$BASE$path")
	if [ "$code" != 400 ]; then
		echo "MISS: $path with ${*: -1} answered $code, expected 400" >&2
		misses=$((misses + 1))
		return
	fi
	python3 - "$TMP/body" "$field" <<'PY' && return
import re, sys
page, field = open(sys.argv[1], encoding="utf-8").read(), re.escape(sys.argv[2])
label = re.search(r'<label for="%s">[^<]*<span class="field-error">' % field, page)
group = re.search(r'<legend>[^<]*<span class="field-error">[^<]*</span></legend>\s*<p><label for="%s\.' % field, page)
sys.exit(0 if label or group else 1)
PY
	echo "MISS: $path with ${*: -1}: 400, but no field error next to \"$field\"; the page says: $(grep -oE '<span class="field-error">[^<]*|<p class="alert" role="alert">[^<]*' "$TMP/body" | sed 's/<[^>]*>//' | tr '\n' '|')" >&2
	misses=$((misses + 1))
}

# ---- a city ----
send 303 /node/new type=city action=publish title=Bologna country=Italy population=392203 lat=44.4949 lon=11.3426 \
	$'names=Bononia\nBulåggna' website=https://www.comune.bologna.it $'body=La città dei portici.\nUNESCO, 2021.'
city=$(located)
[ -n "$city" ] || fail "no city page after publishing"
page 200 "/node/$city"
CURRENT="the city's page"
should '<h1>Bologna</h1>'
should 'Bononia'
should 'Bulåggna'
should '392.{0,3}203'
should 'href="https://www.comune.bologna.it"'
should 'La città dei portici'
page 200 "/api/v1/nodes/$city"
python3 - "$TMP/body" <<'PY' || fail "the city's API object"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"type": "city", "title": "Bologna", "country": "Italy", "population": 392203, "lat": 44.4949, "lon": 11.3426,
        "names": ["Bononia", "Bulåggna"], "website": "https://www.comune.bologna.it", "body": "La città dei portici.\nUNESCO, 2021."}
bad = {k: (v, o.get(k)) for k, v in want.items() if o.get(k) != v}
print(bad, file=sys.stderr) if bad else None
sys.exit(1 if bad else 0)
PY

# ---- a network, transferring GRÖNA SKOLGÅRDAR (40203) ----
send 303 /node/new type=network action=publish title='Schoolyards for all' subtitle='Green schoolyards, open after school' \
	$'themes=Climate adaptation\nEducation' labels=URBACT lead_partner.city=Göteborg lead_partner.country=Sweden \
	$'partners=Bologna | Italy\nŁódź | Poland\nValletta | Malta' lead_expert='Ingrid Dahl' start=2024 end=2026 \
	practice=40203 language=en 'body=Five cities open their schoolyards.'
net=$(located)
[ -n "$net" ] || fail "no network page after publishing"
page 200 "/node/$net"
CURRENT="the network's page"
should '<h1>Schoolyards for all</h1>'
should 'Ingrid Dahl'
should '2024–2026'
should 'href="/node/40203">GRÖNA SKOLGÅRDAR</a>'
should 'href="/cities/[^"]+">Göteborg</a> \(Sweden\)'
for c in Bologna Łódź Valletta; do should "href=\"/cities/[^\"]+\">$c</a>"; done

# ---- a practice's partners, adopters, contact, labelled (CYKELBYEN, 40204) ----
page 200 /node/40204/edit -b "$J"
for name in partners adopters contact.name contact.organisation contact.email contact.website labelled; do
	has "name=\"$name\""
done
base=$(base_of 40204)
cykel=(type=practice title=CYKELBYEN 'subtitle=Cykelstier og cykelparkering ved alle skoler' country=Denmark city=Aarhus
	themes=Mobilitet population=285273 language=da 'summary=Byen har bygget sikre cykelruter til alle folkeskoler.')
send 303 /node/40204/edit "base=$base" action=save "${cykel[@]}" $'partners=Gent | Belgium\nŁódź | Poland' \
	$'adopters=Valletta | Malta | '"$net"$' | 2025\nSevilla | Spain |  | 2023' 'contact.name=Mette Holm' \
	'contact.organisation=Aarhus Kommune, Teknik og Miljø' contact.email=mette.holm@aarhus.example.dk \
	contact.website=https://aarhus.dk/cykel labelled=2020
page 200 /node/40204
CURRENT="the practice's page"
should 'Mette Holm'
should 'Aarhus Kommune, Teknik og Miljø'
should 'href="https://aarhus.dk/cykel"'
should '2020'
for c in Gent Łódź Valletta Sevilla; do should "href=\"/cities/[^\"]+\">$c</a>"; done
should '\(Malta, 2025\), [^<]*<a href="/node/'"$net"'">Schoolyards for all</a>'
should '\(Spain, 2023\)'
shouldnt 'mette\.holm'
# the links lead to city pages
grep -oE 'href="/cities/[^"]+"' "$TMP/body" | sort -u | sed 's/href="//; s/"$//' >"$TMP/city_links"
[ "$(grep -c . "$TMP/city_links")" -ge 5 ] || fail "fewer city links than cities on /node/40204"
while read -r link; do
	code=$(curl -s -g -o "$TMP/body" -w '%{http_code}' "$BASE$link")
	[ "$code" = 200 ] || { echo "MISS: $link (linked from /node/40204) answers $code" >&2; misses=$((misses + 1)); }
done <"$TMP/city_links"
# relations follow the cities named; the e-mail stays in the operator's export
page 200 /api/v1/nodes/40204
python3 - "$TMP/body" <<'PY' || fail "the practice's API object"
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
if sorted(o.get("relations") or []) != ["adapted_by_cities_from", "in_partnership_with"]:
    problems.append(f"relations {o.get('relations')}")
if o.get("partners") != [{"city": "Gent", "country": "Belgium"}, {"city": "Łódź", "country": "Poland"}]:
    problems.append(f"partners {o.get('partners')}")
ads = o.get("adopters") or []
if [(a.get("city"), a.get("country"), a.get("year")) for a in ads] != [("Valletta", "Malta", 2025), ("Sevilla", "Spain", 2023)] \
        or ads[1].get("network") is not None or not isinstance(ads[0].get("network"), int):
    problems.append(f"adopters {ads}")
if (o.get("contact") or {}).get("name") != "Mette Holm" or o.get("labelled") != 2020:
    problems.append(f"contact {o.get('contact')}, labelled {o.get('labelled')}")
if "email" in (o.get("contact") or {}):
    problems.append("the public API gives the contact's e-mail key")
print(problems, file=sys.stderr) if problems else None
sys.exit(1 if problems else 0)
PY
expect_status 0 "$PRAXIS" export --db "$TMP/db"
expect_grep "$TMP/out" '"email": "mette\.holm@aarhus\.example\.dk"'

# ---- never the e-mail address where the public looks ----
leaks=0
for path in /node/40204 /node/40201 /node/40202 / /good-practices '/good-practices?country=Denmark' \
	'/search?q=Mette+Holm' '/search?q=Joana' '/search?q=Teknik+og+Milj%C3%B8' /good-practices.csv '/search.csv?q=cykelbyen' \
	/feed.atom /feed.rss /good-practices/feed.atom '/search/feed.atom?q=Joana' /api/v1/nodes/40201 /api/v1/nodes/40204 \
	'/api/v1/nodes?type=practice' '/api/v1/search?q=Joana' '/api/v1/search?q=Mette' /sitemap.xml /sitemaps/pages \
	/cities/aarhus /cities/lisboa "/node/$net"; do
	page 200 "$path"
	if grep -qiE 'mette\.holm@|joana\.sa@|example\.(dk|pt)\b' "$TMP/body"; then
		echo "$path gives a contact's e-mail address" >&2
		leaks=$((leaks + 1))
	fi
done
[ "$leaks" -eq 0 ] || fail "$leaks public answers give an e-mail address"
# nor is it searched (the query is the only place it is then written)
page 200 '/search?q=mette.holm%40aarhus.example.dk'
CURRENT="a search for the e-mail address"
should '<p class="count">0 results'

# ---- the edit form posted back as it came changes nothing ----
# (the inputs, ticked boxes, selected options and text areas of
# /node/N/edit, as a browser would post them)
form_as_is() { # NID: the POST arguments of the edit form of NID, one per line, in $TMP/args
	page 200 "/node/$1/edit" -b "$J"
	python3 - "$TMP/body" >"$TMP/args" <<'PY'
import html.parser, sys
class F(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.area, self.select, self.option = [], None, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("name") not in ("csrf",):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "textarea":
            self.area = [a["name"], ""]
            self.fields.append(self.area)
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.option = [self.select, a.get("value")]
            self.fields.append(self.option)
    def handle_endtag(self, tag):
        if tag == "textarea":
            self.area = None
        elif tag == "select":
            self.select = None
        elif tag == "option":
            if self.option and self.option[1] is None:
                self.option[1] = ""
            self.option = None
    def handle_data(self, data):
        if self.area is not None:
            self.area[1] += data
        if self.option is not None and self.option[1] is None:
            self.option[1] = data
f = F()
f.feed(open(sys.argv[1], encoding="utf-8").read())
for name, value in f.fields:
    if value.startswith("\n"):  # HTML drops a textarea's first newline
        value = value[1:]
    print(f"{name}={value}".replace("\\", "\\\\").replace("\n", "\\n"))
PY
}
for nid in 40204 40201 40001 40101 "$net" "$city"; do
	expect_status 0 "$PRAXIS" export --db "$TMP/db"
	grep "^{\"nid\": $nid," "$TMP/out" >"$TMP/before.$nid"
	form_as_is "$nid"
	args=()
	while IFS= read -r line; do
		line=${line//\\n/$'\n'}
		args+=("${line//\\\\/\\}")
	done <"$TMP/args"
	send 303 "/node/$nid/edit" action=save "${args[@]}"
	expect_status 0 "$PRAXIS" export --db "$TMP/db"
	grep "^{\"nid\": $nid," "$TMP/out" >"$TMP/after.$nid"
	python3 - "$TMP/before.$nid" "$TMP/after.$nid" <<'PY' || { echo "MISS: posting the edit form of $nid as it came changed the node (above)" >&2; misses=$((misses + 1)); }
import json, sys
a, b = (json.loads(open(p, encoding="utf-8").read()) for p in sys.argv[1:3])
for o in (a, b):
    o.pop("changed", None)
diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
for k, (x, y) in diff.items():
    print(f"  {k}: {json.dumps(x, ensure_ascii=False)[:200]} -> {json.dumps(y, ensure_ascii=False)[:200]}", file=sys.stderr)
sys.exit(1 if diff else 0)
PY
done

# ---- bad values: 400, the field marked, nothing saved ----
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cp "$TMP/out" "$TMP/before_bad.jsonl"
bad_edit() { # FIELD FIELD=VALUE...: an edit of 40204 with these values is refused at FIELD
	local field=$1 base
	shift
	base=$(base_of 40204)
	refused_at "$field" /node/40204/edit "base=$base" action=save "${cykel[@]}" "$@"
}
bad_edit labelled labelled=1899
bad_edit labelled labelled=2101
bad_edit labelled labelled=twenty
bad_edit contact contact.name=Mette contact.email=mette.holm
bad_edit contact contact.name=Mette 'contact.email=mette holm@aarhus.dk'
bad_edit contact contact.name=Mette 'contact.website=javascript:alert(1)'
bad_edit contact contact.name=Mette contact.website=ftp://aarhus.dk/
bad_edit contact contact.name=Mette contact.website=http://
bad_edit partners partners=Gent
bad_edit partners 'partners=Gent | Belgium | 2020'
bad_edit partners 'partners= | Belgium'
bad_edit adopters 'adopters=Gent'
bad_edit adopters 'adopters=Gent | Belgium |  | 1899'
bad_edit adopters 'adopters=Gent | Belgium |  | 2101'
bad_edit adopters 'adopters=Gent | Belgium | 99999 | 2020'
bad_edit adopters 'adopters=Gent | Belgium | 40201 | 2020'
CURRENT="the refused form"
should 'Gent \| Belgium \| 40201 \| 2020' # what was typed is kept
bad_net() { # FIELD FIELD=VALUE...: a new network with these values is refused at FIELD
	local field=$1
	shift
	refused_at "$field" /node/new type=network action=save title='Bad network' language=en "$@"
}
bad_net start start=1899
bad_net end end=2101
bad_net practice practice=99999
bad_net practice practice="$net"
bad_net lead_partner lead_partner.city=Gent
bad_city() {
	local field=$1
	shift
	refused_at "$field" /node/new type=city action=save title=Nowhere country=Italy "$@"
}
bad_city lat lat=90.5
bad_city lat lat=-91
bad_city lon lon=180.01
bad_city lon lon=east
bad_city website 'website=javascript:alert(1)'
bad_city website website=www.comune.bologna.it
expect_status 0 "$PRAXIS" export --db "$TMP/db"
cmp -s "$TMP/out" "$TMP/before_bad.jsonl" || fail "a refused form changed the store"

# ---- a relation without cities prints nothing ----
expect_status 0 "$PRAXIS" export --db "$TMP/db"
empty=$(python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    if o["type"] == "practice" and o.get("relations") and not o.get("partners") and not o.get("adopters"):
        print(o["nid"])' "$TMP/out")
[ -n "$empty" ] || fail "the sample has no practice with a relation and no cities"
for nid in $empty; do
	page 200 "/node/$nid"
	CURRENT="/node/$nid (a relation, no cities)"
	shouldnt 'In partnership with'
	shouldnt 'Adapted by these cities'
	shouldnt '<ul class="cities"></ul>'
done
stop_server
[ "$misses" -eq 0 ] || fail "$misses things the pages should (not) show (MISS above)"
