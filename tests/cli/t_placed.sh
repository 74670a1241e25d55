# Every city a hub names is placed (issue 12, "Cities"): the sample, the
# listings of tests/data/listings and the transfer hub, ingested into one
# store, name cities as practices' places, partners, adopters and
# networks' lead partners and partners, in several languages and by their
# exonyms. Each such name must find exactly one city record by its title or
# one of its names (accents and case ignored), the same record for every
# spelling of one city, and that record must have a position (lat, lon).
# `praxis stats` then lists no city it could not place.
. tests/cli/lib.sh

expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt tests/data/listings/*.txt \
	tests/data/transfer/atlas.jsonl
expect_status 0 "$PRAXIS" export --db "$TMP/db"
python3 - "$TMP/out" <<'PY' || fail "cities not placed (above)"
import json, sys, unicodedata

def fold(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("ø", "o").replace("đ", "d").strip()

nodes = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
cities = [n for n in nodes if n["type"] == "city"]
by_name = {}
for c in cities:
    for name in [c["title"]] + (c.get("names") or []):
        by_name.setdefault(fold(name), set()).add(c["nid"])
named = []  # (where, city name)
for n in nodes:
    where = f"{n['type']} {n['title']!r}"
    if n["type"] == "practice":
        named.append((where + " (its city)", n["city"]))
    for p in n.get("partners") or []:
        named.append((where + " (partner)", p["city"]))
    for p in n.get("adopters") or []:
        named.append((where + " (adopter)", p["city"]))
    if n.get("lead_partner"):
        named.append((where + " (lead partner)", n["lead_partner"]["city"]))
problems = []
for where, name in named:
    found = by_name.get(fold(name), set())
    if len(found) != 1:
        problems.append(f"{where}: {name!r} finds {len(found)} city records {sorted(found)}")
# one city, one record, whatever the spelling
same = [("Sevilla", "Seville"), ("Gent", "Ghent"), ("Göteborg", "Gothenburg"), ("Łódź", "Lodz"),
        ("Wrocław", "Wroclaw"), ("Heraklion", "Ηράκλειο"), ("Aarhus", "Århus"), ("Bruxelles", "Brussels"),
        ("Lisboa", "Lisbon"), ("Thessaloniki", "Θεσσαλονίκη"), ("Praha", "Prague"), ("Wien", "Vienna"),
        ("Köln", "Cologne"), ("München", "Munich"), ("Firenze", "Florence"), ("Venezia", "Venice"),
        ("București", "Bucharest"), ("Warszawa", "Warsaw"), ("Athens", "Αθήνα"), ("Copenhagen", "København")]
for a, b in same:
    x, y = by_name.get(fold(a), set()), by_name.get(fold(b), set())
    if len(x) != 1 or x != y:
        problems.append(f"{a!r} finds {sorted(x)}, {b!r} finds {sorted(y)}: one city record expected for both")
for c in cities:
    if c.get("lat") is None or c.get("lon") is None:
        problems.append(f"city {c['title']!r} ({c['country']}) has no position")
seen = {}
for c in cities:
    k = (fold(c["title"]), fold(c["country"]))
    if k in seen:
        problems.append(f"city {c['title']!r} twice: nids {seen[k]} and {c['nid']}")
    seen[k] = c["nid"]
print(f"{len(named)} city names, {len(cities)} city records", file=sys.stderr)
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
