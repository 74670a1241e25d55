# Values in the reader's language (src/web/label.c): on /fr/, /de/ and /el/
# pages of a practice, of /good-practices, of a theme and of the search, no
# theme, programme label, size class, node type or standard section heading
# of the catalogues (every msgctxt entry of po/LANG.po a language translates
# differently from the English) and no country is shown in English; links,
# the API and the CSV export keep the values as stored; a theme the
# catalogue does not know and a heading the author wrote are shown as
# written. The hub is made here from the catalogues themselves.
. tests/http/lib.sh

python3 - "$TMP/hub.jsonl" <<'PY' || fail "cannot write the test's hub"
import json, sys
sys.path.insert(0, "tools")
from gen_i18n import CTXT_SEP, parse
vocab = {}
for key in parse("po/fr.po"):
    if CTXT_SEP in key:
        ctxt, msgid = key.split(CTXT_SEP)
        vocab.setdefault(ctxt, []).append(msgid)
themes, labels = vocab["theme"], vocab["label"]
# countries written as the hub's data writes them; populations in each size class
countries = ["Spain", "Germany", "Greece", "France", "Italy", "Poland", "Netherlands", "Belgium",
             "Sweden", "Czechia", "Hungary", "Ireland", "Croatia", "Finland", "Denmark", "Austria"]
cities = ["Sevilla", "Leipzig", "Thessaloniki", "Lyon", "Turin", "Gdansk", "Utrecht", "Ghent",
          "Malmo", "Brno", "Pecs", "Cork", "Split", "Tampere", "Aarhus", "Graz"]
sizes = [30000, 120000, 600000, 2000000]
headings = vocab["section"]
keys = ["summary", "solution", "collaboration", "impact", "transfer"]
with open(sys.argv[1], "w") as out:
    for i, theme in enumerate(themes):
        c = i % len(countries)
        sections = [{"key": k, "heading": h, "text": "Plain words about the work."} for k, h in zip(keys, headings)]
        if i == 0:  # an author's own heading and a theme nobody translates
            sections[1]["heading"] = "How we did it"
        node = {"nid": 5000 + i, "type": "practice", "title": "PRACTICE-%d" % i, "subtitle": "A practice",
                "country": countries[c], "city": cities[c], "themes": [theme] + (["Urban beekeeping"] if i == 0 else []),
                "labels": [labels[i % len(labels)]], "population": sizes[i % len(sizes)], "language": "en",
                "sections": sections, "partners": [{"city": cities[(c + 1) % len(cities)], "country": countries[(c + 1) % len(countries)]}]}
        out.write(json.dumps(node) + "\n")
    out.write(json.dumps({"nid": 6000, "type": "article", "title": "A story", "author": "Ann", "language": "en",
                          "body": "Plain words about the practice."}) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/hub.jsonl"
start_server "$TMP/db"

# check.py LANG PAGE...: the pages' text (not their attributes) holds no
# English value that LANG translates; the facets' links name the stored
# values, and the page names a country the way its country facet does.
cat >"$TMP/check.py" <<'PY'
import html.parser, re, sys, urllib.parse
sys.path.insert(0, "tools")
from gen_i18n import CTXT_SEP, parse
lang, pages = sys.argv[1], sys.argv[2:]
english, stored = {}, set()  # stored: every value the catalogue knows, as stored
for key, text in parse("po/%s.po" % lang).items():
    if CTXT_SEP in key:
        ctxt, msgid = key.split(CTXT_SEP)
        stored.add(msgid)
        if text != msgid:
            english[msgid] = ctxt

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.links, self.skip, self.href = [], [], 0, None
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a":
            self.href = dict(attrs).get("href")
    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "a":
            self.href = None
    def handle_data(self, data):
        if self.skip:
            return
        t = data.strip().strip("(),·:").strip()
        if t:
            self.texts.append(t)
            if self.href:
                self.links.append((self.href, t))

translated = {t for k, t in parse("po/%s.po" % lang).items() if CTXT_SEP in k}
bad, countries = [], {}
for path in pages:
    p = Text()
    p.feed(open(path, encoding="utf-8").read())
    for t in p.texts:
        for part in [t] + t.split(", "):
            if part in english:
                bad.append("%s: %s %r in English" % (path, english[part], part))
    for href, t in p.links:
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
        for field in ("themes", "labels", "city_size", "type", "country", "language"):
            for v in q.get(field, []):
                if v in translated and v not in stored:  # 'Inclusion' is both
                    bad.append("%s: a link filters by %r, a label, not the stored value" % (path, v))
        for v in q.get("country", []):
            countries[v] = t
    for v in countries.values():
        if v != "" and v in [k for k in countries if countries[k] != k]:
            bad.append("%s: a link filters by the country label %r" % (path, v))
# a country keeps its English name only where CLDR's name is the same (Portugal)
same = [c for c, t in countries.items() if c == t]
if countries and len(same) * 4 > len(countries):
    bad.append("%s: the country facet shows %s in English" % (lang, same))
for path in pages:
    p = Text()
    p.feed(open(path, encoding="utf-8").read())
    for t in p.texts:
        for part in [t] + t.split(", "):
            if part in countries and countries[part] != part:
                bad.append("%s: country %r in English (the facet says %r)" % (path, part, countries[part]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

for lang in fr de el; do
	files=()
	for path in /good-practices '/good-practices?page=2' /node/5000 /node/5003 /node/5010 /themes/housing /search?q=plain /; do
		page 200 "/$lang$path"
		n=${#files[@]}
		cp "$TMP/body" "$TMP/$lang.$n.html"
		files+=("$TMP/$lang.$n.html")
	done
	python3 "$TMP/check.py" "$lang" "${files[@]}" >"$TMP/check.out" ||
		{ cat "$TMP/check.out" >&2; fail "/$lang/ pages show values in English"; }
done

# links keep the stored values; an unknown theme and an author's heading as written
page 200 /fr/node/5000
has 'href="/fr/themes/urban-beekeeping">Urban beekeeping</a>'
has '<h2>How we did it</h2>'
has '<h2 lang="fr">Résumé</h2>'
has 'href="/fr/countries/spain">Espagne</a>'
page 200 '/el/good-practices?themes=Housing'
has 'href="/el/good-practices" class="chip">Στέγαση <span'
has 'href="/el/good-practices\?themes=Housing&amp;country=[A-Z][a-z]+">[^<A-Za-z]+</a>'
has 'href="/el/good-practices\?themes=Housing&amp;language=en">Αγγλικά</a>'
page 200 '/el/good-practices'
has 'href="/el/good-practices\?city_size=medium">μεσαία πόλη <span class="range">'
page 200 '/de/good-practices?themes=Housing&country=Spain'
has 'class="chip">Wohnen <span'
has 'class="chip">Spanien <span'
has 'href="/de/good-practices\?country=Spain"'
page 200 /de/themes/housing
has '<h1>Wohnen</h1>'
has 'href="/de/good-practices/feed.atom\?themes=Housing"'
page 200 '/fr/good-practices/feed.atom?themes=Housing'
has '<category term="Housing" label="Logement"/>'
page 200 /en/node/5000
has '<h2>Summary</h2>'
has 'href="/en/countries/spain">Spain</a>'
page 200 '/api/v1/search?q=&themes=Housing'
has '"themes":\{"Housing":1'
lacks 'Logement|Wohnen|Στέγαση'
page 200 /api/v1/nodes/5000 -H 'Accept-Language: fr'
has '"country":"Spain"'
has '"heading":"Summary"'
lacks 'Espagne|Résumé|Actions innovatrices'
page 200 '/fr/good-practices.csv?themes=Housing'
has '"Housing"'
has '^[0-9]+,"practice",.*,"[A-Z][a-z]+","[A-Za-z]+","Housing"'
lacks 'Logement|Résumé|bonne pratique'
stop_server
