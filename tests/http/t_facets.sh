# Every filter value within reach, and city sizes (issue 13, parts 1 and 2):
# past the twelve values a facet shows, an "All N ..." disclosure holds
# every value as a link, sorted by count or by name in the reader's
# alphabetical order; each size class says its range and the unknown class
# makes the counts add up; a population range filters pages and the API
# alike, and a bad one is a 400 in the reader's language. Expected values
# come from the API's own data, not from numbers written here.
. tests/http/lib.sh

gen=${GEN_LISTING:-build/gen_listing}
[ -x "$gen" ] || fail "$gen is needed (make build/gen_listing)"
"$gen" --nodes 600 --seed 13 >"$TMP/gen.txt" || fail "gen_listing failed"
# cities whose names sort differently by bytes and by a language's rules
python3 - "$TMP/own.jsonl" <<'PY'
import json, sys
cities = [("Écija", "Spain", 40000), ("Évora", "Portugal", 57000), ("Łódź", "Poland", 670000),
          ("Örebro", "Sweden", 156000), ("Aarhus", "Denmark", 285000), ("Zagreb", "Croatia", 770000)]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i, (city, country, pop) in enumerate(cities):
        out.write(json.dumps({"nid": 7000 + i, "type": "practice", "title": "OWN-%d" % i, "country": country,
                              "city": city, "population": pop, "language": "en",
                              "themes": ["Housing"]}, ensure_ascii=False) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/gen.txt" "$TMP/own.jsonl"
start_server "$TMP/db"

python3 - "$BASE" <<'PY' || fail "facets (above)"
import html, json, re, sys, unicodedata, urllib.error, urllib.parse, urllib.request
base = sys.argv[1]

def get(path, status=200):
    try:
        r = urllib.request.urlopen(base + path)
        code, body = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        code, body = e.code, e.read().decode()
    assert code == status, "%s answered %d, expected %d" % (path, code, status)
    return body

def api(path):
    return json.loads(get(path))

def count(page):  # the hits a listing says it has
    return int(re.search(r'<p class="count">(\d+)', page).group(1))

def facet(page, name):  # a facet's section
    m = re.search(r'<section class="facet" id="facet-%s">(.*?)</section>' % name, page, re.S)
    return m.group(1) if m else ""

def links(section_html):  # (label, href, count) of each value link
    return [(html.unescape(re.sub(r"<[^>]*>", "", l)).strip(), html.unescape(h), int(n))
            for h, l, n in re.findall(r'<li><a href="([^"]*)"[^>]*>(.*?)</a> <span class="n">(\d+)</span>', section_html)]

practices = api("/api/v1/search?type=practice&limit=1")
total = practices["total"]

# 1. every value reachable: each country of the API, the last ones too, is
# a link on the page, and the link filters to its count
page = get("/good-practices")
countries = practices["facets"]["country"]
assert len(countries) > 12, "the generated hub has %d countries, the test wants more than 12" % len(countries)
shown = {label: (href, n) for label, href, n in links(facet(page, "country"))}
for value, n in countries.items():
    assert value in shown, "country %s (%d practices) cannot be reached from /good-practices" % (value, n)
    assert shown[value][1] == n, "%s: the page counts %d, the API %d" % (value, shown[value][1], n)
rare = list(countries)[-1]
got = get(shown[rare][0])
assert count(got) == countries[rare], "the link of %s gives %d practices, not %d" % (rare, count(got), countries[rare])
assert 'aria-current="true" class="on">%s<' % html.escape(rare) in got, "%s is not marked as in force" % rare
top = re.search(r"<ul>(.*?)</ul>", facet(page, "country"), re.S).group(1)
assert len(links(top)) == 12, "the facet shows %d values before its disclosure, not 12" % len(links(top))
assert re.search(r"<summary>All %d countries</summary>" % len(countries), page), "no 'All N countries' disclosure"

# 2. sorted by name in the reader's language: ICU's order, not bytes
def fold(s):
    s = unicodedata.normalize("NFD", s.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()
own = ["Aarhus", "Écija", "Évora", "Łódź", "Örebro", "Zagreb"]
for lang in ("fr", "de"):
    page = get("/%s/good-practices?sort_city=name" % lang)
    sec = facet(page, "city")
    assert "<details class=\"all\" open" in sec, "%s: sorting does not keep the disclosure open" % lang
    names = [label for label, _, _ in links(sec.split("<details", 1)[1])]
    assert len(names) == len(practices["facets"]["city"]), "%s: %d cities listed of %d" % (lang, len(names), len(practices["facets"]["city"]))
    keys = [fold(n) for n in names]
    assert keys == sorted(keys), "%s: not in alphabetical order: %s" % (lang, names)
    at = [names.index(c) for c in own]
    assert at == sorted(at), "%s: %s in the order %s" % (lang, own, [names[i] for i in sorted(at)])
    page = get("/%s/good-practices" % lang)
    names = [label for label, _, _ in links(facet(page, "city").split("<details", 1)[1])]
    ns = [n for _, _, n in links(facet(page, "city").split("<details", 1)[1])]
    assert ns == sorted(ns, reverse=True), "%s: by count is not by count" % lang
get("/good-practices?sort_city=size", 400)

# 3. size classes: ranges stated, counts adding up to the total, on the
# practices and on a search
for path in ("/good-practices", "/search?q=housing", "/good-practices?country=%s" % urllib.parse.quote(rare)):
    page = get(path)
    sizes = links(facet(page, "city_size"))
    if "search" in path:  # a search also finds stories, which have no population
        want = api("/api/v1/search?q=housing&type=practice&type=city&limit=1")["total"]
    else:
        want = count(page)
    assert sum(n for _, _, n in sizes) == want, "%s: size classes add up to %d of %d" % (path, sum(n for _, _, n in sizes), want)
page = get("/good-practices")
labels = [label for label, _, _ in links(facet(page, "city_size"))]
assert "medium 50,000–249,999" in labels and "small under 50,000" in labels, labels
assert any(l.startswith("unknown") for l in labels), "no class for a population not given: %s" % labels
page = get("/de/good-practices")
assert "50.000–249.999" in facet(page, "city_size"), "German numbers are not German"

# 4. a population range: exactly the practices in it, by the API's data
nodes, p = [], 1
while True:
    got = api("/api/v1/nodes?type=practice&page=%d" % p)
    nodes += got["nodes"]
    if p >= got["pages"]:
        break
    p += 1
assert len(nodes) == total
pops = sorted(n["population"] for n in nodes if n.get("population") is not None and n["population"] >= 0)
lo, hi = pops[len(pops) // 4], pops[len(pops) // 2]
want = {n["nid"] for n in nodes if n.get("population") is not None and lo <= n["population"] <= hi}
got, p = set(), 1
while True:
    a = api("/api/v1/nodes?type=practice&page=%d&population_min=%d&population_max=%d" % (p, lo, hi))
    got |= {n["nid"] for n in a["nodes"]}
    if p >= a["pages"]:
        break
    p += 1
assert got == want, "the API's range gives %d practices, the data %d" % (len(got), len(want))
q = "population_min=%d&population_max=%d" % (lo, hi)
hits, off = set(), 0
while True:
    s = api("/api/v1/search?type=practice&limit=50&offset=%d&%s" % (off, q))
    hits |= {h["nid"] for h in s["hits"]}
    off += 50
    if off >= s["total"]:
        break
assert hits == want, "search and the data disagree: %d against %d" % (len(hits), len(want))
page = get("/good-practices?" + q)
assert count(page) == len(want), "/good-practices?%s shows %d, the data %d" % (q, count(page), len(want))
assert sum(n for _, _, n in links(facet(page, "city_size"))) == len(want)
assert 'value="%d"' % lo in page and 'value="%d"' % hi in page, "the form does not show the range"
# with words and a facet: the API's answer for the same
both = "/good-practices?q=housing&themes=Housing&" + q
page = get(both)
a = api("/api/v1/search?q=housing&type=practice&themes=Housing&limit=1&" + q)
assert count(page) == a["total"], "words, a theme and a range: %d on the page, %d by the API" % (count(page), a["total"])
# one end alone; the open end is an empty field (as a form sends it)
page = get("/good-practices?population_min=%d&population_max=" % hi)
assert count(page) == sum(1 for x in pops if x >= hi)

# 5. bad ranges: 400, in the reader's language; JSON on the API
for bad in ("population_min=abc", "population_min=%d&population_max=%d" % (hi, lo), "population_max=-5",
            "population_min=1e6", "population_min=99999999999999999999"):
    page = get("/de/good-practices?" + bad, 400)
    assert "ganze Zahlen" in page, "/de/good-practices?%s: not a German 400" % bad
    e = json.loads(get("/api/v1/search?q=x&" + bad, 400))
    assert e["status"] == 400
    get("/api/v1/nodes?" + bad, 400)
    get("/search?q=housing&" + bad, 400)
PY
stop_server
