#!/usr/bin/env python3
"""make bench-match: the match's latency at 100k nodes, beside a plain
search of the same words, in the same run.

A hub of NODES nodes (tools/gen_listing, default 100,000) plus the judged
match set's 90 city records and 202 practices (tests/data/match/hub.jsonl)
is ingested into build/bench/match/ (kept for the next run). The requests
are the set's 49 judged queries (cities of 18 countries or a population,
needs in 12 languages, some with themes) and 8 more asked of the generated
practices' cities. bench/match/match_driver times each in-process, REPS
times after one warm-up: match_run() as /api/v1/match runs it (10 hits,
their reasons; no store read: the index holds what it scores and shows)
and index_search() of the same words as
/api/v1/search runs it (facets, snippets): the engines, without process
start-up or HTTP, which would hide them. Prints p50 and p99 of each and
their ratio; fails if the match's p50 is above 5 ms.

Environment: NODES, REPS (default 5), SEED."""
import json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRAXIS = os.path.join(ROOT, "build", "praxis")
GEN = os.path.join(ROOT, "build", "gen_listing")
DRIVER = os.path.join(ROOT, "build", "bench", "match_driver")
NODES = int(os.environ.get("NODES", "100000"))
REPS = int(os.environ.get("REPS", "5"))
SEED = os.environ.get("SEED", "1")
SET = os.path.join(ROOT, "tests", "data", "match")
OUT = os.path.join(ROOT, "build", "bench", "match")

EXTRA = [  # the generated practices' cities, needs in their words
    ("Ghent", "Belgium", "", "", "housing city"),
    ("Lyon", "France", "", "", "logement quartier"),
    ("Seville", "Spain", "", "", "vivienda barrio"),
    ("Bologna", "Italy", "", "", "energia comunità"),
    ("", "Poland", "120000", "", "miasto transport"),
    ("Luxembourg", "Luxembourg", "", "", "mobility"),
    ("Lille", "France", "", "", ""),
    ("", "Greece", "60000", "", "πόλη"),
]


def hub():
    db = os.path.join(OUT, "hub-%d-%s.db" % (NODES, SEED))
    if os.path.exists(db):
        return db
    os.makedirs(OUT, exist_ok=True)
    listing = os.path.join(OUT, "listing-%d.txt" % NODES)
    with open(listing, "w") as f:
        subprocess.run([GEN, "--nodes", str(NODES), "--seed", SEED], stdout=f, check=True)
    t = time.time()
    subprocess.run([PRAXIS, "ingest", "--quiet", "--db", db + ".tmp", listing, os.path.join(SET, "hub.jsonl")],
                   check=True)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + ".tmp" + suffix):
            os.rename(db + ".tmp" + suffix, db + suffix)
    print("hub: %d + 292 nodes ingested in %.0f s" % (NODES, time.time() - t))
    return db


def requests():
    path = os.path.join(OUT, "requests.tsv")
    rows = []
    for line in open(os.path.join(SET, "queries.jsonl"), encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        q = json.loads(line)
        rows.append((q.get("city") or "", q["country"], str(q.get("population") or ""), ",".join(q.get("themes") or []),
                     q["q"]))
    rows += EXTRA
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    return path, len(rows)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    db = hub()
    reqs, n = requests()
    subprocess.run([DRIVER, db, reqs, "0"], check=True, stdout=subprocess.DEVNULL)  # the snapshot, once
    out = subprocess.run([DRIVER, db, reqs, str(REPS)], check=True, capture_output=True, text=True).stdout
    times = {"match": [], "search": []}
    for line in out.splitlines():
        kind, secs = line.split()
        times[kind].append(float(secs) * 1000)
    print("%d requests x %d runs, in-process (bench/match/match_driver), %d + 292 nodes" % (n, REPS, NODES))
    print("%-8s %10s %10s %10s" % ("", "p50 ms", "p99 ms", "mean ms"))
    for k in ("search", "match"):
        print("%-8s %10.2f %10.2f %10.2f" % (k, pct(times[k], 50), pct(times[k], 99), statistics.mean(times[k])))
    print("ratio    %10.2f %10.2f" % (pct(times["match"], 50) / pct(times["search"], 50),
                                      pct(times["match"], 99) / pct(times["search"], 99)))
    if pct(times["match"], 50) > 5:
        print("FAIL: the match's p50 is above 5 ms", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
