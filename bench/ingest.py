#!/usr/bin/env python3
"""make bench-ingest: how fast praxis ingests, against peers run in the same go.

Generates a reproducible listing of NODES nodes (tools/gen_listing, default
100,000), then times, REPS times each (median reported):

  praxis listing      praxis ingest of the listing into an empty store
                      (parse, NFC, language detection, nids, revisions)
  praxis re-ingest    the same file again: every node found unchanged
  praxis jsonl        praxis ingest of the JSON Lines export into an empty store
  sqlite3 CLI jsonl   peer: Debian's sqlite3 shell loading the same JSON Lines
                      into the same tables with SQL JSON functions (no checks,
                      no language detection, no revisions): the cost of the
                      writes alone
  python jsonl        peer: a typical import script, json.loads + executemany
                      in one transaction (no checks, no detection)

Environment: NODES, REPS, SEED."""
import json, os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRAXIS = os.path.join(ROOT, "build", "praxis")
GEN = os.path.join(ROOT, "build", "gen_listing")
NODES = int(os.environ.get("NODES", "100000"))
REPS = int(os.environ.get("REPS", "3"))
SEED = os.environ.get("SEED", "1")

SCHEMA = """
CREATE TABLE node (nid INTEGER PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL,
  subtitle TEXT, country TEXT, city TEXT, population INTEGER, language TEXT,
  author TEXT, body TEXT);
CREATE TABLE node_term (nid INTEGER NOT NULL REFERENCES node, kind TEXT NOT NULL,
  pos INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (nid, kind, pos));
CREATE TABLE section (nid INTEGER NOT NULL REFERENCES node, pos INTEGER NOT NULL,
  key TEXT NOT NULL, heading TEXT, text TEXT NOT NULL, PRIMARY KEY (nid, pos));
"""

SQLITE_LOAD = """
PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
%s
CREATE TEMP TABLE raw (j TEXT);
.mode ascii
.separator "\\037" "\\n"
.import %s raw
BEGIN;
INSERT INTO node SELECT j->>'nid', j->>'type', j->>'title', j->>'subtitle', j->>'country',
  j->>'city', j->>'population', j->>'language', j->>'author', j->>'body' FROM raw;
INSERT INTO node_term SELECT r.j->>'nid', 'theme', t.key, t.value FROM raw r, json_each(r.j, '$.themes') t;
INSERT INTO node_term SELECT r.j->>'nid', 'label', t.key, t.value FROM raw r, json_each(r.j, '$.labels') t;
INSERT INTO node_term SELECT r.j->>'nid', 'relation', t.key, t.value FROM raw r, json_each(r.j, '$.relations') t;
INSERT INTO section SELECT r.j->>'nid', s.key, s.value->>'key', s.value->>'heading', s.value->>'text'
  FROM raw r, json_each(r.j, '$.sections') s;
COMMIT;
"""


def python_load(db, path):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.executescript(SCHEMA)
    con.execute("BEGIN")
    nodes, terms, sections = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            nid = o["nid"]
            nodes.append((nid, o["type"], o["title"], o.get("subtitle"), o.get("country"),
                          o.get("city"), o.get("population"), o.get("language"),
                          o.get("author"), o.get("body")))
            for kind, key in (("theme", "themes"), ("label", "labels"), ("relation", "relations")):
                terms += [(nid, kind, i, v) for i, v in enumerate(o.get(key) or [])]
            sections += [(nid, i, s["key"], s.get("heading"), s["text"])
                         for i, s in enumerate(o.get("sections") or [])]
    con.executemany("INSERT INTO node VALUES (?,?,?,?,?,?,?,?,?,?)", nodes)
    con.executemany("INSERT INTO node_term VALUES (?,?,?,?)", terms)
    con.executemany("INSERT INTO section VALUES (?,?,?,?,?)", sections)
    con.execute("COMMIT")
    con.close()


def fresh(tmp, name):
    for suffix in ("", "-wal", "-shm"):
        p = os.path.join(tmp, name + suffix)
        if os.path.exists(p):
            os.remove(p)
    return os.path.join(tmp, name)


def timed(setup, run):
    times = []
    for _ in range(REPS):
        setup()
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def sh(*args, **kw):
    subprocess.run(args, check=True, stdout=kw.get("stdout", subprocess.DEVNULL), stdin=kw.get("stdin"))


def main():
    tmp = tempfile.mkdtemp(prefix="praxis-bench-")
    try:
        listing = os.path.join(tmp, "listing.txt")
        with open(listing, "wb") as f:
            sh(GEN, "--nodes", str(NODES), "--seed", SEED, stdout=f)
        db = os.path.join(tmp, "p.db")
        sh(PRAXIS, "ingest", "--db", fresh(tmp, "p.db"), listing)
        jsonl = os.path.join(tmp, "export.jsonl")
        with open(jsonl, "wb") as f:
            sh(PRAXIS, "export", "--db", db, stdout=f)
        mb_listing = os.path.getsize(listing) / 1e6
        mb_jsonl = os.path.getsize(jsonl) / 1e6
        nop = lambda: None
        rows = [
            ("praxis listing", mb_listing, timed(lambda: fresh(tmp, "p.db"),
                                                 lambda: sh(PRAXIS, "ingest", "--db", db, listing))),
            ("praxis re-ingest", mb_listing, timed(nop, lambda: sh(PRAXIS, "ingest", "--db", db, listing))),
            ("praxis jsonl", mb_jsonl, timed(lambda: fresh(tmp, "j.db"),
                                             lambda: sh(PRAXIS, "ingest", "--db", os.path.join(tmp, "j.db"), jsonl))),
        ]
        script = SQLITE_LOAD % (SCHEMA, jsonl)
        rows.append(("sqlite3 CLI jsonl", mb_jsonl,
                     timed(lambda: fresh(tmp, "s.db"),
                           lambda: subprocess.run(["sqlite3", os.path.join(tmp, "s.db")], input=script.encode(),
                                                  check=True, stdout=subprocess.DEVNULL))))
        rows.append(("python jsonl", mb_jsonl,
                     timed(lambda: fresh(tmp, "py.db"), lambda: python_load(os.path.join(tmp, "py.db"), jsonl))))
        peer = {name: t for name, _, t in rows}
        print(f"ingest of {NODES} generated nodes (seed {SEED}), median of {REPS} runs, "
              f"{os.cpu_count()} CPUs")
        print(f"{'case':<20}{'MB':>8}{'seconds':>10}{'nodes/s':>10}{'MB/s':>8}"
              f"{'vs sqlite3':>12}{'vs python':>11}")
        for name, mb, t in rows:
            print(f"{name:<20}{mb:>8.1f}{t:>10.2f}{NODES / t:>10.0f}{mb / t:>8.1f}"
                  f"{peer['sqlite3 CLI jsonl'] / t:>11.2f}x{peer['python jsonl'] / t:>10.2f}x")
        print("(ratios > 1: praxis faster than the peer on that row's work)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
