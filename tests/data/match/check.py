#!/usr/bin/env python3
"""Checks the match set: the hub (hub.jsonl), its needs (needs.tsv) and the
judged queries (queries.jsonl).

Usage: check.py [--explain ID|NEED:POPULATION:COUNTRY]... [EXPORT.jsonl]

- every judged nid exists in the hub and is a practice, of the query's need;
- every query has distractors: a practice on the same need not judged
  relevant (a city of a very different size) and a practice from a city of
  similar size (within a factor of 3.5) on another need;
- every reader city is known (cities.tsv), in the hub or not as the query says;
- with EXPORT (`praxis export` of the ingested hub), every practice of the
  hub comes back with its city, country, population and language.
Prints, for information, where a judgment departs from the plain rule
(README.md, "Judging"), so that each departure is one a person chose.
--explain lists the practices of a need against a reader: the material a
judgment is made from. Exits 1 on any problem. Python 3 standard library only.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    cities = {}
    for line in open(os.path.join(HERE, "cities.tsv"), encoding="utf-8"):
        t, country, code, lang, in_hub, pop, lat, lon, g = line.rstrip("\n").split("\t")
        cities[t] = {"country": country, "in_hub": in_hub == "1", "population": int(pop)}
    hub = [json.loads(l) for l in open(os.path.join(HERE, "hub.jsonl"), encoding="utf-8") if l.strip()]
    needs = {}
    for line in open(os.path.join(HERE, "needs.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        nid, need = line.split("\t")[:2]
        needs[int(nid)] = need
    queries = [json.loads(l) for l in open(os.path.join(HERE, "queries.jsonl"), encoding="utf-8")
               if l.strip() and not l.startswith("#")]
    return cities, hub, needs, queries


def ratio(a, b):
    return max(a, b) / min(a, b)


def rule(p, pop, country, cities):
    """The plain rule: (relevant?, why)."""
    r = ratio(p["population"], pop)
    if r <= 3.5:
        return True, "size x%.1f" % r
    for a in p.get("adopters") or []:
        c = cities.get(a["city"])
        if c and ratio(c["population"], pop) <= 2:
            return True, "adopted by %s (%d)" % (a["city"], c["population"])
    return False, "size x%.1f" % r


def reader(q, cities):
    if q.get("city"):
        return cities[q["city"]]["population"], q["country"]
    return q["population"], q["country"]


def explain(need, pop, country, practices, needs, cities, judged=()):
    for p in sorted((p for p in practices if needs[p["nid"]] == need), key=lambda p: p["population"]):
        ok, why = rule(p, pop, country, cities)
        print("  %s %d %-8s %-22s %-12s %8d %-3s %s" % (
            "*" if p["nid"] in judged else " ", p["nid"], "rule:yes" if ok else "rule:no", p["city"][:22],
            p["country"][:12], p["population"], p["language"], why))


def main():
    args = sys.argv[1:]
    cities, hub, needs, queries = load()
    practices = [n for n in hub if n["type"] == "practice"]
    byid = {n["nid"]: n for n in hub}
    explains = [args[i + 1] for i, a in enumerate(args) if a == "--explain"]
    rest = [a for i, a in enumerate(args) if a != "--explain" and (i == 0 or args[i - 1] != "--explain")]
    for e in explains:
        q = next((q for q in queries if q["id"] == e), None)
        if q:
            pop, country = reader(q, cities)
            print("%s: %s, %s (%d): %s [%s]" % (q["id"], q.get("city") or "-", country, pop, q["q"], q["need"]))
            explain(q["need"], pop, country, practices, needs, cities, set(q["relevant"]))
        else:
            need, pop, country = e.split(":")
            explain(need, int(pop), country, practices, needs, cities)
    if explains:
        return 0

    problems, notes = [], []
    ids = set()
    for q in queries:
        where = "query %s" % q.get("id")
        for k in ("id", "lang", "country", "q", "need", "relevant", "note"):
            if k not in q:
                problems.append("%s: no %s" % (where, k))
        if q["id"] in ids:
            problems.append("%s: id twice" % where)
        ids.add(q["id"])
        if q.get("city"):
            if q["city"] not in cities:
                problems.append("%s: reader city %s is not in cities.tsv" % (where, q["city"]))
                continue
            if cities[q["city"]]["country"] != q["country"]:
                problems.append("%s: %s is not in %s" % (where, q["city"], q["country"]))
        elif not isinstance(q.get("population"), int) or q["population"] <= 0:
            problems.append("%s: neither a city nor a population" % where)
        pop, country = reader(q, cities)
        if not q["relevant"]:
            problems.append("%s: nothing judged relevant" % where)
        for nid in q["relevant"]:
            n = byid.get(nid)
            if n is None:
                problems.append("%s: judged nid %d is not in the hub" % (where, nid))
            elif n["type"] != "practice":
                problems.append("%s: judged nid %d is a %s" % (where, nid, n["type"]))
            elif needs[nid] != q["need"]:
                problems.append("%s: judged nid %d is about %s, not %s" % (where, nid, needs[nid], q["need"]))
        same_need = [p for p in practices if needs[p["nid"]] == q["need"]]
        far = [p for p in same_need if p["nid"] not in q["relevant"] and ratio(p["population"], pop) > 3.5]
        if not far:
            problems.append("%s: no distractor on the same need from a city of a very different size" % where)
        alike = [p for p in practices if needs[p["nid"]] != q["need"] and ratio(p["population"], pop) <= 3.5]
        if not alike:
            problems.append("%s: no distractor from a city of similar size on another need" % where)
        for p in same_need:
            ok, why = rule(p, pop, country, cities)
            if ok != (p["nid"] in q["relevant"]):
                notes.append("%s: %d (%s, %d) judged %s, the plain rule says %s (%s)" % (
                    q["id"], p["nid"], p["city"], p["population"],
                    "relevant" if p["nid"] in q["relevant"] else "not relevant", "yes" if ok else "no", why))
    if rest:
        exported = {n["nid"]: n for n in (json.loads(l) for l in open(rest[0], encoding="utf-8") if l.strip())}
        for p in practices:
            e = exported.get(p["nid"])
            if e is None or e.get("type") != "practice":
                problems.append("export: practice %d is missing" % p["nid"])
                continue
            for k in ("city", "country", "population", "language", "title"):
                if e.get(k) != p.get(k):
                    problems.append("export: %d %s is %r, not %r" % (p["nid"], k, e.get(k), p.get(k)))
    for n in notes:
        print("judgment departs from the rule: " + n)
    langs = sorted({q["lang"] for q in queries})
    print("%d queries in %d languages (%s), %d practices, %d judged relevant in all"
          % (len(queries), len(langs), " ".join(langs), len(practices), sum(len(q["relevant"]) for q in queries)))
    for p in problems:
        print("problem: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
