# A city's page (issue 12, "Cities"): one city whatever the spelling a
# practice, a partner or an adopter uses (exonyms, native spellings,
# ASCII); its facts from its city record, else from the gazetteer; its
# map; its practices, those it adapted or partners in, its networks. A
# name nobody can place is a 404; the older /cities/NAME still works.
. tests/http/lib.sh

# a practice per spelling, in the country as the data writes it; the
# other spelling as a partner of a second practice
python3 - "$TMP/hub.jsonl" <<'PY'
import json, sys
pairs = [("Spain", "Sevilla", "Seville"), ("Belgium", "Gent", "Ghent"), ("Sweden", "Göteborg", "Gothenburg"),
         ("Poland", "Łódź", "Lodz"), ("Poland", "Wrocław", "Wroclaw"), ("Greece", "Heraklion", "Ηράκλειο"),
         ("Denmark", "Aarhus", "Århus"), ("Belgium", "Bruxelles", "Brussels"), ("Portugal", "Lisboa", "Lisbon"),
         ("Greece", "Θεσσαλονίκη", "Thessaloniki"), ("Czechia", "Praha", "Prague"), ("Austria", "Wien", "Vienna"),
         ("Germany", "Köln", "Cologne"), ("Germany", "München", "Munich"), ("Italy", "Firenze", "Florence"),
         ("Italy", "Venezia", "Venice"), ("Romania", "București", "Bucharest"), ("Poland", "Warszawa", "Warsaw"),
         ("Greece", "Athens", "Αθήνα"), ("Denmark", "København", "Copenhagen")]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i, (country, a, b) in enumerate(pairs):
        out.write(json.dumps({"nid": 800 + 2 * i, "type": "practice", "title": "RUN-%d" % i, "country": country,
                              "city": a, "language": "en"}, ensure_ascii=False) + "\n")
        out.write(json.dumps({"nid": 801 + 2 * i, "type": "practice", "title": "PARTNER-%d" % i,
                              "country": "Malta", "city": "Valletta", "language": "en",
                              "partners": [{"city": b, "country": country}],
                              "adopters": [{"city": b, "country": country, "year": 2020}]},
                             ensure_ascii=False) + "\n")
    out.write(json.dumps({"nid": 900, "type": "city", "title": "Gent", "country": "Belgium", "population": 263927,
                          "lat": 51.05, "lon": 3.71667, "names": ["Ghent", "Gand"],
                          "website": "https://stad.gent", "body": "The city on the Leie."}) + "\n")
    out.write(json.dumps({"nid": 901, "type": "network", "title": "NET", "language": "en",
                          "lead_partner": {"city": "Ghent", "country": "Belgium"},
                          "partners": [{"city": "Lodz", "country": "Poland"}]}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/hub.jsonl"
start_server "$TMP/db"

# every spelling's page is the same city, with its own practice, the one
# it adapted and the one it partners in, and a dot on the map
python3 - "$BASE" "$TMP/hub.jsonl" <<'PY' || fail "city pages (above)"
import json, re, sys, unicodedata, urllib.parse, urllib.request
base, nodes = sys.argv[1], [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
runs = [n for n in nodes if n["title"].startswith("RUN-")]
partners = {n["title"].split("-")[1]: n["partners"][0]["city"] for n in nodes if n["title"].startswith("PARTNER-")}
codes = {"Spain": "es", "Belgium": "be", "Sweden": "se", "Poland": "pl", "Greece": "gr", "Denmark": "dk",
         "Portugal": "pt", "Czechia": "cz", "Austria": "at", "Germany": "de", "Italy": "it", "Romania": "ro"}
def slug(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", "-", s).strip("-")
def get(path):
    with urllib.request.urlopen(base + urllib.parse.quote(path)) as r:
        return r.read().decode()
problems = []
for run in runs:
    i = run["title"].split("-")[1]
    pages = {}
    for name in (run["city"], partners[i]):
        try:
            pages[name] = get("/cities/%s-%s" % (slug(name), codes[run["country"]]))
        except Exception as e:
            problems.append("%s (%s): %s" % (name, run["country"], e))
    if len(pages) != 2:
        continue
    titles = {n: re.search(r"<h1>([^<]*)</h1>", p).group(1) for n, p in pages.items()}
    if len(set(titles.values())) != 1:
        problems.append("one city, two pages: %s" % titles)
    for name, p in pages.items():
        for want in (run["title"], "PARTNER-" + i):
            if ">%s<" % want not in p:
                problems.append("%s's page lacks %s" % (name, want))
        if "<circle" not in p:
            problems.append("%s's page has no dot on its map" % name)
        if "Population" not in p:
            problems.append("%s's page gives no population" % name)
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# a city record's facts and its networks; the older address
page 200 /cities/ghent-be
has '<h1>Gent</h1>'
has '263.{1,3}927'
has 'href="https://stad.gent"'
has '>NET<'
page 200 /cities/lodz-pl
has '>NET<'
page 200 /cities/sevilla
has '<h1>Sevilla</h1>'
# names nobody can place, and addresses that name nothing
page 404 /cities/poseidonia-es
page 404 /cities/sevilla-xx
page 404 /cities/-es
stop_server
