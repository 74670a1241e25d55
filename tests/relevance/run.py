#!/usr/bin/env python3
"""Relevance test: runs every judged query through `praxis search` and scores
the rank of the node a careful human would put first.

Usage: run.py [--queries TSV] [--corpus JSONL] [--min-mrr X] [--min-kind Y]
              [--max-rank R] [--limit N] [--verbose] PRAXIS DB

Each query runs as `PRAXIS search --db DB --json --limit N [--filter F=V]... QUERY`.
The reciprocal rank of the expected nid is 1/rank within the first N hits,
0 when it is not there (or when the command fails). Prints MRR, hits@1 and
the count per KIND and per query language, the overall MRR, and every query
whose expected node did not come first. Exits 1 when the overall MRR is
below --min-mrr, when any KIND's MRR is below --min-kind, when any query
finds nothing at all, when any query's expected node is not within the
first --max-rank hits, when the queries file is malformed, or when a
sanitizer reports an error: an average cannot hide a query that fails.

The queries file (see its header) has one query a line:
QUERY<TAB>EXPECTED_NID<TAB>KIND<TAB>NOTE[<TAB>field=value;field=value]
NOTE starts with the query language, "xx:" or "xx>yy:" for a cross-lingual
query (query language > answer language).

With --corpus, the queries are first checked against the corpus: every
expected nid exists, and the expected node satisfies the query's filters.
Python 3 standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys

KINDS = ["exact", "inflected", "diacritics", "typo", "prefix", "phrase", "exclusion", "or", "filter",
         "crosslingual"]
FILTER_FIELDS = ["type", "themes", "labels", "country", "city", "city_size", "language", "author"]
SANITIZER = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_QUERIES = os.path.normpath(os.path.join(HERE, "..", "data", "relevance", "queries.tsv"))


class Query:
    def __init__(self, lineno, text, nid, kind, note, filters):
        self.lineno, self.text, self.nid, self.kind, self.note, self.filters = lineno, text, nid, kind, note, filters
        m = re.match(r"([a-z]{2})(?:>([a-z]{2}))?:", note)
        self.lang = m.group(1) if m else "?"


def read_queries(path):
    """The judged queries; exits 2 with every problem found."""
    queries, errors = [], []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "%s:%d" % (path, lineno)
            if len(cols) not in (4, 5):
                errors.append("%s: %d columns, expected 4 or 5" % (where, len(cols)))
                continue
            text, nid, kind, note = cols[:4]
            if not text.strip():
                errors.append("%s: empty query" % where)
            if not re.fullmatch(r"[1-9][0-9]*", nid):
                errors.append("%s: expected nid %r is not a positive integer" % (where, nid))
                continue
            if kind not in KINDS:
                errors.append("%s: unknown kind %r (one of %s)" % (where, kind, ", ".join(KINDS)))
            if not re.match(r"[a-z]{2}(>[a-z]{2})?:", note):
                errors.append("%s: the note does not start with the query language ('xx:' or 'xx>yy:')" % where)
            filters = []
            if len(cols) == 5 and cols[4].strip():
                for fv in cols[4].split(";"):
                    field, eq, value = fv.partition("=")
                    field = field.strip()
                    if not eq or field not in FILTER_FIELDS or not value:
                        errors.append("%s: bad filter %r (field=value, field one of %s)"
                                      % (where, fv, ", ".join(FILTER_FIELDS)))
                    else:
                        filters.append((field, value))
            if kind == "filter" and not filters:
                errors.append("%s: a filter query without filters" % where)
            queries.append(Query(lineno, text, int(nid), kind, note, filters))
    if not queries:
        errors.append("%s: no queries" % path)
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        sys.exit(2)
    return queries


def city_size(population):
    if population is None:
        return None
    if population < 50000:
        return "small"
    if population < 250000:
        return "medium"
    if population <= 1000000:
        return "large"
    return "metropolitan"


def field_values(node, field):
    if field == "city_size":
        return [city_size(node.get("population"))]
    if field in ("themes", "labels"):
        return node.get(field) or []
    return [node.get(field)]


def check_corpus(queries, path):
    """Every expected nid is in the corpus and satisfies its query's filters."""
    nodes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                n = json.loads(line)
                nodes[n["nid"]] = n
    errors = []
    for q in queries:
        n = nodes.get(q.nid)
        if n is None:
            errors.append("line %d: expected nid %d is not in %s" % (q.lineno, q.nid, path))
            continue
        fields = {}
        for field, value in q.filters:
            fields.setdefault(field, []).append(value)
        for field, values in fields.items():  # same field ORed, fields ANDed
            if not set(values) & set(field_values(n, field)):
                errors.append("line %d: node %d does not match %s=%s" % (q.lineno, q.nid, field, "|".join(values)))
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        sys.exit(2)


def search(praxis, db, q, limit):
    """(list of hit nids, titles by nid, error or None, sanitizer report or None)"""
    cmd = [praxis, "search", "--db", db, "--json", "--limit", str(limit)]
    for field, value in q.filters:
        cmd += ["--filter", "%s=%s" % (field, value)]
    cmd.append(q.text)
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], {}, str(e), None
    err = p.stderr.decode("utf-8", "replace")
    san = err if SANITIZER.search(err) else None
    if p.returncode != 0:
        last = err.strip().splitlines()[-1] if err.strip() else "(no message)"
        return [], {}, "exit %d: %s" % (p.returncode, last), san
    try:
        r = json.loads(p.stdout.decode("utf-8"))
        hits = r["hits"]
        nids = [int(h["nid"]) for h in hits]
        titles = {int(h["nid"]): h.get("title") or "" for h in hits}
    except (ValueError, KeyError, TypeError) as e:
        return [], {}, "unreadable --json output (%s): %r" % (e, p.stdout[:200]), san
    return nids, titles, None, san


def table(title, groups, order):
    print("%-14s %6s %7s %5s" % (title, "MRR", "hits@1", "n"))
    for key in order:
        rr = groups.get(key)
        if rr:
            print("%-14s %6.3f %7d %5d" % (key, sum(rr) / len(rr), sum(1 for x in rr if x == 1.0), len(rr)))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("praxis", help="the praxis binary")
    ap.add_argument("db", help="the store the corpus was ingested into")
    ap.add_argument("--queries", default=DEFAULT_QUERIES)
    ap.add_argument("--corpus", help="check the queries against this JSON Lines corpus first")
    ap.add_argument("--min-mrr", type=float, default=0.8)
    ap.add_argument("--min-kind", type=float, default=0.5)
    ap.add_argument("--max-rank", type=int, default=None,
                    help="fail when an expected node ranks below this (default: --limit)")
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--verbose", action="store_true", help="print every query's rank")
    a = ap.parse_args()

    queries = read_queries(a.queries)
    if a.corpus:
        check_corpus(queries, a.corpus)

    max_rank = a.max_rank or a.limit
    by_kind, by_lang, misses, errors, sanitizer = {}, {}, [], [], None
    nothing, too_low = [], []
    for q in queries:
        nids, titles, err, san = search(a.praxis, a.db, q, a.limit)
        if san and sanitizer is None:
            sanitizer = (q, san)
        if err:
            errors.append((q, err))
        rank = nids.index(q.nid) + 1 if q.nid in nids else None
        rr = 1.0 / rank if rank else 0.0
        by_kind.setdefault(q.kind, []).append(rr)
        by_lang.setdefault(q.lang, []).append(rr)
        if a.verbose:
            print("%-4s %-12s %-40s %s" % (rank or "-", q.kind, q.text, q.nid))
        if not nids and not err:
            nothing.append(q)
        elif not rank or rank > max_rank:
            too_low.append(q)
        if rank != 1:
            top = ", ".join("%d %s" % (n, titles[n][:30]) for n in nids[:3]) or "(no hits)"
            misses.append((q, rank, err or top))

    all_rr = [x for v in by_kind.values() for x in v]
    overall = sum(all_rr) / len(all_rr)
    table("kind", by_kind, KINDS)
    table("language", by_lang, sorted(by_lang))
    print("overall MRR %.3f over %d queries; hits@1 %d" % (overall, len(all_rr), sum(1 for x in all_rr if x == 1.0)))

    if misses:
        print("\nnot first (%d):" % len(misses))
        for q, rank, got in misses:
            print("  [%s] %s%s -> expected %d, %s; got: %s" % (
                q.kind, q.text, " {%s}" % ";".join("%s=%s" % f for f in q.filters) if q.filters else "",
                q.nid, "rank %d" % rank if rank else "not in the first %d" % a.limit, got))

    failed = []
    if errors and len(errors) == len(queries):
        failed.append("every search failed, e.g. %s" % errors[0][1])
    elif errors:
        failed.append("%d searches failed" % len(errors))
    if sanitizer:
        q, report = sanitizer
        print("\nsanitizer report on query %r:\n%s" % (q.text, report), file=sys.stderr)
        failed.append("sanitizer report")
    if nothing:
        failed.append("%d queries found nothing: %s" % (len(nothing), ", ".join(repr(q.text) for q in nothing)))
    if too_low:
        failed.append("%d queries rank their node below %d: %s"
                      % (len(too_low), max_rank, ", ".join(repr(q.text) for q in too_low)))
    if overall < a.min_mrr:
        failed.append("overall MRR %.3f < %.3f" % (overall, a.min_mrr))
    for k in KINDS:
        rr = by_kind.get(k)
        if rr and sum(rr) / len(rr) < a.min_kind:
            failed.append("%s MRR %.3f < %.3f" % (k, sum(rr) / len(rr), a.min_kind))
    if failed:
        print("\nFAIL: " + "; ".join(failed), file=sys.stderr)
        return 1
    print("\nok: overall MRR %.3f >= %.3f, every kind >= %.3f, every query finds its node within %d"
          % (overall, a.min_mrr, a.min_kind, max_rank))
    return 0


if __name__ == "__main__":
    sys.exit(main())
