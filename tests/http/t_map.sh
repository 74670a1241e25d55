# The map places practices by any name of their city (issue 12: Seville,
# Ghent, Gothenburg, Lodz, Wroclaw, Heraklion and Aarhus got no dot), in
# the frame's south-east corner (Valletta, Nicosia) and in the outermost
# regions' insets (Las Palmas de Gran Canaria, Saint-Denis de La Réunion).
. tests/http/lib.sh

# the sample's three practices, moved to cities named as a hub's data names them
python3 - tests/data/sample.expected.jsonl "$TMP/moved.jsonl" <<'PY'
import json, sys
cities = [("Spain", "Seville"), ("Belgium", "Ghent"), ("Sweden", "Gothenburg"), ("Poland", "Lodz"),
          ("Poland", "Wroclaw"), ("Greece", "Heraklion"), ("Denmark", "Aarhus"), ("Malta", "Valletta"),
          ("Cyprus", "Nicosia"), ("España", "Las Palmas de Gran Canaria"), ("Réunion", "Saint-Denis")]
practices = [json.loads(l) for l in open(sys.argv[1]) if '"type": "practice"' in l]
with open(sys.argv[2], "w") as out:
    for i, (country, city) in enumerate(cities):
        n = dict(practices[i % len(practices)], nid=90001 + i, country=country, city=city,
                 title="Practice %d" % i)
        out.write(json.dumps(n, ensure_ascii=False) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/moved.jsonl"
start_server "$TMP/db"

page 200 /static/europe.svg
xmllint --noout "$TMP/body" || fail "the map is not XML"
size=$(sed -n 's|^<svg [^>]*viewBox="0 0 \([0-9]*\) \([0-9]*\)".*|\1 \2|p' "$TMP/body")
[ -n "$size" ] || fail "the map has no viewBox"
has '<text [^>]*>Canarias</text>'
has '<text [^>]*>La Réunion</text>'

# each practice's page: its dot inside the map (the zoomed map of a practice)
python3 - "$BASE" $size <<'PY' || fail "every practice should be one dot inside the map"
import re, sys, urllib.request
base, width, height = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
want = ["Seville", "Ghent", "Gothenburg", "Lodz", "Wroclaw", "Heraklion", "Aarhus", "Valletta",
        "Nicosia", "Las Palmas de Gran Canaria", "Saint-Denis"]
dots = {}
for i, city in enumerate(want):
    body = urllib.request.urlopen("%s/node/%d" % (base, 90001 + i)).read().decode()
    found = re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="4"><title>Practice \d+, ([^<]*)</title>', body)
    assert len(found) == 1 and found[0][2] == city, "no dot for %s: %s" % (city, found)
    dots[city] = (float(found[0][0]), float(found[0][1]))
outside = [c for c, (x, y) in dots.items() if not (0 < x < width and 0 < y < height)]
assert not outside, "outside the map: %s" % outside
# the insets are a column on the map's left, west of Portugal
assert dots["Las Palmas de Gran Canaria"][0] < dots["Seville"][0] - 100, dots
assert dots["Saint-Denis"][0] < dots["Seville"][0] - 100, dots
# the south-east corner: Valletta west of Heraklion, Nicosia east of it
assert dots["Nicosia"][0] > dots["Heraklion"][0] > dots["Valletta"][0], dots
PY
# the overview counts all eleven, each city by the gazetteer's name
page 200 /good-practices
for g in wide narrow; do
	[ "$(python3 tests/http/map_marks.py "$TMP/body" sum $g)" = 11 ] || fail "the $g marks do not count the 11 practices"
done
has 'aria-label="Sevilla, Spain: 1 practice"'
has 'aria-label="Saint-Denis, R[^"]*: 1 practice"'
stop_server
