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

page 200 /good-practices
python3 - "$TMP/body" $size <<'PY' || fail "every practice should be one dot inside the map"
import re, sys
body, width, height = open(sys.argv[1]).read(), float(sys.argv[2]), float(sys.argv[3])
dots = {t: (float(x), float(y)) for x, y, t in
        re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="9"><title>Practice \d+, ([^<]*)</title>', body)}
want = ["Seville", "Ghent", "Gothenburg", "Lodz", "Wroclaw", "Heraklion", "Aarhus", "Valletta",
        "Nicosia", "Las Palmas de Gran Canaria", "Saint-Denis"]
missing = [c for c in want if c not in dots]
assert not missing, "no dot for %s" % missing
outside = [c for c, (x, y) in dots.items() if not (0 < x < width and 0 < y < height)]
assert not outside, "outside the map: %s" % outside
# the insets are a column on the map's left, west of Portugal
assert dots["Las Palmas de Gran Canaria"][0] < dots["Seville"][0] - 100, dots
assert dots["Saint-Denis"][0] < dots["Seville"][0] - 100, dots
# the south-east corner: Valletta west of Heraklion, Nicosia east of it
assert dots["Nicosia"][0] > dots["Heraklion"][0] > dots["Valletta"][0], dots
PY
stop_server
