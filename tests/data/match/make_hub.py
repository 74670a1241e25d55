#!/usr/bin/env python3
"""Writes the match set's hub (hub.jsonl), the impact figures kept apart until
practices carry them (indicators.jsonl) and the needs of its practices
(needs.tsv: nid, need, city, population; what the judgments of queries.jsonl
are made from) from cities.tsv and practices*.py.

Usage: python3 tests/data/match/make_hub.py [OUT_DIR]   (default: beside itself)

Deterministic: the same inputs write the same bytes. Python 3 standard
library only.
"""
import json
import os
import sys
import zlib

sys.dont_write_bytecode = True  # the practices modules are data: leave no cache beside them

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from practice import PRACTICES  # noqa: E402
import practices1, practices2, practices3, practices4  # noqa: E402,F401

CITY_NID0 = 13001
LABELS = ["URBACT Good Practice", "Urban Innovative Actions"]
# what a practice of each need measures: (name, unit, per 100,000 inhabitants
# or absolute, typical value, baseline share)
FIGURES = {
    "housing": ("Homes let at an affordable rent", "homes", 120, 0),
    "heat": ("Surface temperature on hot days, reduction", "°C", 4, 0),
    "flood": ("Rainwater kept out of the sewers", "m³ a year", 9000, 0),
    "school": ("Children walking or cycling to school", "%", 62, 41),
    "cycling": ("Trips by bicycle", "%", 14, 6),
    "ondemand": ("Passengers a month", "passengers", 900, 0),
    "foodwaste": ("Food saved from waste", "tonnes a year", 85, 0),
    "repair": ("Objects repaired or reused", "objects a year", 2400, 0),
    "energycomm": ("Solar power installed on public roofs", "kWp", 650, 0),
    "energypoverty": ("Homes renovated", "homes", 140, 0),
    "homeless": ("People housed who stayed housed after a year", "%", 85, 0),
    "loneliness": ("Older people reached", "people", 700, 0),
    "youthjobs": ("Young people in work or training after six months", "%", 58, 0),
    "migrants": ("Newcomers completing the language course", "people", 350, 0),
    "budget": ("Residents who voted", "people", 2800, 0),
    "shops": ("Vacant shops in the centre", "%", 9, 17),
    "gardens": ("Community garden plots", "plots", 160, 0),
    "airquality": ("NO₂ annual mean near schools", "µg/m³", 27, 36),
    "opendata": ("Datasets published", "datasets", 240, 0),
    "industrial": ("Visitors a year", "visitors", 45000, 0),
}


def cities():
    out = {}
    with open(os.path.join(HERE, "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            title, country, code, lang, in_hub, pop, lat, lon, gname = line.rstrip("\n").split("\t")
            out[title] = {"title": title, "country": country, "code": code, "lang": lang,
                          "in_hub": in_hub == "1", "population": int(pop), "lat": float(lat),
                          "lon": float(lon), "gname": gname}
    return out


def stamp(n, base_day):
    """An RFC 3339 time a few years back, derived from n alone."""
    day = base_day + n % 700
    y, d = 2023, day
    for year, length in ((2023, 365), (2024, 366), (2025, 365)):
        if d < length:
            y = year
            break
        d -= length
    months = [31, 29 if y == 2024 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    m = 0
    while d >= months[m]:
        d -= months[m]
        m += 1
    return "%04d-%02d-%02dT%02d:%02d:00Z" % (y, m + 1, d + 1, 8 + n % 10, (n * 7) % 60)


def city_record(i, c):
    rec = {"nid": CITY_NID0 + i, "type": "city", "title": c["title"], "country": c["country"],
           "population": c["population"], "lat": c["lat"], "lon": c["lon"],
           "names": [c["gname"]] if c["gname"] != c["title"] else []}
    rec["created"] = rec["changed"] = stamp(i, 0)
    return rec


def practice_record(p, byname):
    c = byname[p["city"]]
    lang = p["lang"] or c["lang"]
    relations = (["in_partnership_with"] if p["partners"] else []) + \
        (["adapted_by_cities_from"] if p["adopters"] else [])
    rec = {"nid": p["nid"], "type": "practice", "title": p["title"], "subtitle": p["subtitle"],
           "country": c["country"], "city": c["title"], "themes": p["themes"],
           "labels": [LABELS[p["nid"] % 3]] if p["nid"] % 3 < 2 else [],
           "population": c["population"], "relations": relations, "language": lang,
           "sections": [{"key": "summary", "heading": "Summary", "text": p["summary"]},
                        {"key": "solution", "heading": "The innovative solution", "text": p["solution"]}],
           "created": stamp(p["nid"], 30), "changed": stamp(p["nid"] * 3, 400),
           "partners": [{"city": byname[x]["title"], "country": byname[x]["country"]} for x in p["partners"]],
           "adopters": [{"city": byname[x]["title"], "country": byname[x]["country"], "network": None, "year": y}
                        for x, y in p["adopters"]]}
    return rec


def indicators(p, byname):
    """Figures for about a third of the practices, in proportion to the city."""
    h = zlib.crc32(str(p["nid"]).encode())
    if h % 100 >= 31:
        return None
    name, unit, typical, baseline = FIGURES[p["need"]]
    pop = byname[p["city"]]["population"]
    scale = 1.0 if unit in ("%", "°C", "µg/m³") else pop / 100000.0
    wobble = 0.75 + (h >> 8) % 50 / 100.0
    value = typical * scale * wobble
    value = round(value, 1) if value < 20 else int(round(value, -1 if value < 1000 else -2))
    year = 2021 + (h >> 4) % 4
    return {"nid": p["nid"], "indicators": [{
        "name": name, "value": value, "unit": unit,
        "baseline": baseline if baseline else None, "year": year,
        "source": "%s city council, %d monitoring report" % (byname[p["city"]]["title"], year)}]}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    byname = cities()
    problems = []
    seen = set()
    for p in PRACTICES:
        if p["nid"] in seen:
            problems.append("nid %d twice" % p["nid"])
        seen.add(p["nid"])
        if p["need"] not in FIGURES:
            problems.append("%d: unknown need %s" % (p["nid"], p["need"]))
        for x in [p["city"]] + p["partners"] + [a for a, _ in p["adopters"]]:
            if x not in byname:
                problems.append("%d: unknown city %s" % (p["nid"], x))
        if p["city"] in byname and not byname[p["city"]]["in_hub"]:
            problems.append("%d: %s has no city record" % (p["nid"], p["city"]))
        if not (p["title"] and p["subtitle"] and p["themes"] and p["summary"] and p["solution"]):
            problems.append("%d: an empty field" % p["nid"])
    if problems:
        sys.exit("make_hub.py: " + "\n  ".join(problems))
    hub_cities = [c for c in byname.values() if c["in_hub"]]
    with open(os.path.join(out, "hub.jsonl"), "w", encoding="utf-8") as f:
        for i, c in enumerate(hub_cities):
            f.write(json.dumps(city_record(i, c), ensure_ascii=False) + "\n")
        for p in sorted(PRACTICES, key=lambda p: p["nid"]):
            f.write(json.dumps(practice_record(p, byname), ensure_ascii=False) + "\n")
    with open(os.path.join(out, "indicators.jsonl"), "w", encoding="utf-8") as f:
        for p in sorted(PRACTICES, key=lambda p: p["nid"]):
            ind = indicators(p, byname)
            if ind:
                f.write(json.dumps(ind, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "needs.tsv"), "w", encoding="utf-8") as f:
        f.write("# nid\tneed\tcity\tcountry\tpopulation\tlanguage\tadopters\n")
        for p in sorted(PRACTICES, key=lambda p: p["nid"]):
            c = byname[p["city"]]
            f.write("%d\t%s\t%s\t%s\t%d\t%s\t%s\n" % (p["nid"], p["need"], c["title"], c["country"], c["population"],
                                                    p["lang"] or c["lang"],
                                                    ",".join("%s:%d" % (a, byname[a]["population"]) for a, _ in p["adopters"])))
    print("make_hub.py: %d cities, %d practices" % (len(hub_cities), len(PRACTICES)))


if __name__ == "__main__":
    main()
