#!/usr/bin/env python3
"""Match relevance: runs every judged query of the match set through
`praxis match` and scores the rank of the first hit a city officer would
judge relevant.

Usage: match_eval.py [--queries JSONL] [--min-mrr X] [--max-rank R]
                     [--limit N] [--show K] DB PRAXIS

Each query (tests/data/match/queries.jsonl, one JSON object a line: id,
lang, city or population, country, themes, q, need, relevant, note) runs as
  PRAXIS match --db DB (--city C --country K | --population N --country K)
               [--theme T]... --limit N --json Q
and its reciprocal rank is 1/rank of the first hit whose nid is judged
relevant, 0 when none is within the first N hits (or when the command fails).
Prints a table (id, language, rank, reciprocal rank, the first hit), MRR per
language and overall, and the queries whose first relevant hit is not first.
With --show K, every query's first K hits with their reasons ("why").
Exits 1 when the overall MRR is below --min-mrr (0.9), when any query has
no relevant hit within the first --max-rank (10) hits, when a command fails
or prints what is not the documented JSON, or when a sanitizer reports an
error; 2 when the queries file is malformed. Python 3 standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys

SANITIZER = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_QUERIES = os.path.normpath(os.path.join(HERE, "..", "data", "match", "queries.jsonl"))


def read_queries(path):
    """The judged queries; exits 2 with every problem found."""
    queries, errors, ids = [], [], set()
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = "%s:%d" % (path, lineno)
            try:
                q = json.loads(line)
            except ValueError as e:
                errors.append("%s: not JSON (%s)" % (where, e))
                continue
            if not isinstance(q, dict):
                errors.append("%s: not an object" % where)
                continue
            for key, kind in (("id", str), ("lang", str), ("country", str), ("q", str), ("relevant", list)):
                if not isinstance(q.get(key), kind):
                    errors.append("%s: %s missing or not a %s" % (where, key, kind.__name__))
            if errors and errors[-1].startswith(where):
                continue
            if q["id"] in ids:
                errors.append("%s: id %s twice" % (where, q["id"]))
            ids.add(q["id"])
            has_city = isinstance(q.get("city"), str) and q["city"]
            has_pop = isinstance(q.get("population"), int) and not isinstance(q.get("population"), bool)
            if has_city == bool(has_pop):
                errors.append("%s: give either a city or a population" % where)
            if has_pop and q["population"] <= 0:
                errors.append("%s: population %d" % (where, q["population"]))
            if not q["relevant"] or not all(isinstance(n, int) and n > 0 for n in q["relevant"]):
                errors.append("%s: relevant must be a non-empty list of nids" % where)
            if not isinstance(q.get("themes", []), list):
                errors.append("%s: themes is not a list" % where)
            q["_line"] = lineno
            queries.append(q)
    if not queries:
        errors.append("%s: no queries" % path)
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        sys.exit(2)
    return queries


def command(praxis, db, q, limit):
    cmd = [praxis, "match", "--db", db]
    if q.get("city"):
        cmd += ["--city", q["city"], "--country", q["country"]]
    else:
        cmd += ["--population", str(q["population"]), "--country", q["country"]]
    for t in q.get("themes") or []:
        cmd += ["--theme", t]
    return cmd + ["--limit", str(limit), "--json", q["q"]]


def match(praxis, db, q, limit):
    """(hits as dicts, error or None, sanitizer report or None)"""
    try:
        p = subprocess.run(command(praxis, db, q, limit), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], str(e), None
    err = p.stderr.decode("utf-8", "replace")
    san = err if SANITIZER.search(err) else None
    if p.returncode != 0:
        last = err.strip().splitlines()[-1] if err.strip() else "(no message)"
        return [], "exit %d: %s" % (p.returncode, last), san
    try:
        r = json.loads(p.stdout.decode("utf-8"))
        hits = r["hits"]
        if not isinstance(r.get("city"), dict) or not isinstance(hits, list):
            raise TypeError("no city object or no list of hits")
        for h in hits:
            h["nid"] = int(h["nid"])
    except (ValueError, KeyError, TypeError) as e:
        return [], "unreadable --json output (%s): %r" % (e, p.stdout[:200]), san
    return hits, None, san


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", help="the store the match hub (tests/data/match/hub.jsonl) was ingested into")
    ap.add_argument("praxis", help="the praxis binary")
    ap.add_argument("--queries", default=DEFAULT_QUERIES)
    ap.add_argument("--min-mrr", type=float, default=0.9)
    ap.add_argument("--max-rank", type=int, default=10)
    ap.add_argument("--limit", type=int, default=20, help="hits asked for (ranks beyond --max-rank are shown)")
    ap.add_argument("--show", type=int, default=0, help="print each query's first K hits and their reasons")
    a = ap.parse_args()
    if a.limit < a.max_rank:
        ap.error("--limit must be at least --max-rank")

    queries = read_queries(a.queries)
    by_lang, rows, errors, too_low, sanitizer = {}, [], [], [], None
    print("%-6s %-4s %5s %6s  %s" % ("id", "lang", "rank", "RR", "first hit"))
    for q in queries:
        hits, err, san = match(a.praxis, a.db, q, a.limit)
        if san and sanitizer is None:
            sanitizer = (q, san)
        if err:
            errors.append((q, err))
        relevant = set(q["relevant"])
        rank = next((i + 1 for i, h in enumerate(hits) if h["nid"] in relevant), None)
        rr = 1.0 / rank if rank else 0.0
        by_lang.setdefault(q["lang"], []).append(rr)
        top = hits[0] if hits else None
        first = err or ("%d %s (%s)%s" % (top["nid"], str(top.get("title", ""))[:28], top.get("city", ""),
                                          "" if top["nid"] in relevant else " *") if top else "(no hits)")
        print("%-6s %-4s %5s %6.3f  %s" % (q["id"], q["lang"], rank or "-", rr, first))
        if a.show:
            for i, h in enumerate(hits[:a.show]):
                print("         %2d %s %d %s, %s (%s): %s" % (
                    i + 1, "+" if h["nid"] in relevant else " ", h["nid"], str(h.get("title", ""))[:30],
                    h.get("city", ""), h.get("score", ""), "; ".join(str(w) for w in h.get("why") or [])))
        if not rank or rank > a.max_rank:
            too_low.append((q, rank))
        rows.append((q, rank, rr))

    all_rr = [rr for _, _, rr in rows]
    overall = sum(all_rr) / len(all_rr)
    print("\n%-8s %6s %7s %5s" % ("language", "MRR", "hits@1", "n"))
    for lang in sorted(by_lang):
        rr = by_lang[lang]
        print("%-8s %6.3f %7d %5d" % (lang, sum(rr) / len(rr), sum(1 for x in rr if x == 1.0), len(rr)))
    print("\noverall MRR %.3f over %d queries; hits@1 %d" % (overall, len(all_rr), sum(1 for x in all_rr if x == 1.0)))

    misses = [(q, rank) for q, rank, rr in rows if rank != 1]
    if misses:
        print("\nnot first (%d):" % len(misses))
        for q, rank in misses:
            print("  %s [%s] %s, %s: %s -> %s" % (
                q["id"], q["lang"], q.get("city") or "population %d" % q["population"], q["country"], q["q"],
                "rank %d" % rank if rank else "no relevant hit in the first %d" % a.limit))

    failed = []
    if errors:
        failed.append("%d of %d matches failed, e.g. %s: %s" % (len(errors), len(queries), errors[0][0]["id"], errors[0][1]))
    if sanitizer:
        q, report = sanitizer
        print("\nsanitizer report on query %s:\n%s" % (q["id"], report), file=sys.stderr)
        failed.append("sanitizer report")
    if too_low:
        failed.append("%d queries have no relevant hit within rank %d: %s" % (
            len(too_low), a.max_rank, ", ".join("%s (%s)" % (q["id"], "rank %d" % r if r else "none") for q, r in too_low)))
    if overall < a.min_mrr:
        failed.append("overall MRR %.3f < %.3f" % (overall, a.min_mrr))
    if failed:
        print("\nFAIL: " + "; ".join(failed), file=sys.stderr)
        return 1
    print("\nok: overall MRR %.3f >= %.3f, every query has a relevant hit within rank %d" % (overall, a.min_mrr, a.max_rank))
    return 0


if __name__ == "__main__":
    sys.exit(main())
