#!/usr/bin/env python3
"""make bench-startup: how fast a server on a big hub answers after a start,
and how much memory it holds (issue 18: "a server on a 1M-node snapshot
answers in under 2 s from start"; "state RSS per million nodes").

The hub is bench-http's (web.hub(): the search benchmark's corpus ingested
into build/bench/http/hub-NODES.db, kept between runs). Each binary first
starts once on it to build and save its own index snapshot (the cold start,
timed: a server with no snapshot builds the index from the store), then
RUNS (5) times from that snapshot: each start is timed from exec to the
first 200 answer of a search page (a poll every 5 ms), then RSS is read
(VmRSS: the index as loaded), a warm-up of 2,000 mixed requests is made
(home pages, practices, searches of the corpus' words) and RSS is read again,
with VmHWM (the peak) and RssAnon (the process' own memory: the rest of RSS
is the snapshot's mapped pages, shared with the page cache).

BASELINE=path/to/other/praxis runs that binary too, in the same go,
alternating with build/praxis, each with its own snapshot (snapshot formats
may differ between them): the table then gives the ratios. Environment:
NODES (1000000), RUNS, BENCH_PORT (18095), BASELINE; REUSE=1 keeps
a label's snapshot from an earlier run when it is newer than the store
(a 1M cold start takes many minutes; its column then reads nan).
"""
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("NODES", "1000000")
import web  # noqa: E402  the hub of bench-http

ROOT = web.ROOT
B = web.B
NODES = web.NODES
RUNS = int(os.environ.get("RUNS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "18095"))
PRAXIS = os.path.join(ROOT, "build", "praxis")
BASELINE = os.environ.get("BASELINE", "")
REUSE = os.environ.get("REUSE", "") == "1"
SERVER_LOG = None  # the servers' stderr: build/bench/http/startup-server.log


def log(msg):
    print("bench-startup: " + msg, file=sys.stderr, flush=True)


def status(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def proc_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M).group(1))


def query_words():
    qfile = os.path.join(ROOT, "build", "bench", "corpus", f"{NODES}-s1-q600.tsv")
    words = sorted({l.split("\t")[1].split()[0].strip('"') for l in open(qfile, encoding="utf-8")
                    if l.startswith(("one_word", "two_words"))})
    return [urllib.parse.quote(w) for w in words[:200]]


def start(binary, db, snapshot, first_path):
    """Starts binary on db; returns (process, seconds until first_path answered 200)."""
    env = dict(os.environ, PRAXIS_INDEX=snapshot)
    t0 = time.monotonic()
    p = subprocess.Popen([binary, "serve", "--db", db, "--quiet", "--threads", "2", "--port", str(PORT)],
                         env=env, stdout=subprocess.DEVNULL, stderr=SERVER_LOG)
    while status(first_path) != 200:
        if p.poll() is not None:
            sys.exit(f"bench-startup: {binary} exited with {p.returncode} before answering "
                     f"(its stderr: {SERVER_LOG.name})")
        time.sleep(0.005)
    return p, time.monotonic() - t0


def stop(p):
    p.terminate()
    p.wait()


def warm(words):
    for i in range(2000):
        k = i % 4
        path = ("/?page=%d" % (i % 50 + 1) if k == 0 else
                "/node/%d" % (i * 7919 % NODES + 1) if k == 1 else
                "/search?q=%s&page=1" % words[i % len(words)] if k == 2 else
                "/good-practices?page=%d" % (i % 20 + 1))
        status(path)


def measure(label, binary, db, words):
    snapshot = os.path.join(B, f"hub-{NODES}.{label}.index")
    first = "/search?q=" + words[0]
    if REUSE and os.path.exists(snapshot) and os.path.getmtime(snapshot) > os.path.getmtime(db):
        cold = float("nan")  # an earlier run's snapshot, kept: no cold start measured
        log(f"{label}: reusing {snapshot}")
    else:
        if os.path.exists(snapshot):
            os.unlink(snapshot)
        p, cold = start(binary, db, snapshot, first)
        stop(p)
        log(f"{label}: cold start (index built from the store, snapshot saved) {cold:.1f} s")
    return {"label": label, "binary": binary, "snapshot": snapshot, "cold": cold, "starts": [],
            "rss": [], "rss_warm": [], "anon_warm": [], "hwm": []}


def one_run(r, db, words):
    p, secs = start(r["binary"], db, r["snapshot"], "/search?q=" + words[0])
    r["starts"].append(secs)
    r["rss"].append(proc_kb(p.pid, "VmRSS") / 1024)
    warm(words)
    r["rss_warm"].append(proc_kb(p.pid, "VmRSS") / 1024)
    r["anon_warm"].append(proc_kb(p.pid, "RssAnon") / 1024)
    r["hwm"].append(proc_kb(p.pid, "VmHWM") / 1024)
    stop(p)
    log(f"{r['label']}: answered in {secs:.2f} s, RSS {r['rss'][-1]:.0f} MB, after warm-up {r['rss_warm'][-1]:.0f} MB")


def main():
    global SERVER_LOG
    os.makedirs(B, exist_ok=True)
    SERVER_LOG = open(os.path.join(B, "startup-server.log"), "a")
    subprocess.run(["make", "-s", "build/praxis"], cwd=ROOT, check=True)
    db = web.hub()
    words = query_words()
    rows = [measure("praxis", PRAXIS, db, words)]
    if BASELINE:
        rows.append(measure("baseline", BASELINE, db, words))
    for _ in range(RUNS):
        for r in rows:
            one_run(r, db, words)
    med = statistics.median
    print(f"{NODES} nodes, {RUNS} starts each from the snapshot (median, max); RSS in MB; "
          f"snapshot in MB on disk; anon: the part of RSS after warm-up that is the process' own "
          f"(the rest are the snapshot's pages, shared with the page cache)")
    head = (f"{'binary':<10}{'cold s':>8}{'start s':>9}{'max s':>7}{'snapshot':>10}{'RSS':>8}"
            f"{'RSS warm':>10}{'anon':>8}{'HWM':>8}{'MB/1M nodes':>13}")
    print(head)
    print("-" * len(head))
    for r in rows:
        snap = os.path.getsize(r["snapshot"]) / 2**20
        print(f"{r['label']:<10}{r['cold']:>8.1f}{med(r['starts']):>9.2f}{max(r['starts']):>7.2f}{snap:>10.0f}"
              f"{med(r['rss']):>8.0f}{med(r['rss_warm']):>10.0f}{med(r['anon_warm']):>8.0f}{max(r['hwm']):>8.0f}"
              f"{med(r['rss_warm']) * 1e6 / NODES:>13.0f}")
    if BASELINE:
        a, b = rows
        print(f"praxis/baseline: start {med(a['starts']) / med(b['starts']):.2f}x, "
              f"RSS after warm-up {med(a['rss_warm']) / med(b['rss_warm']):.2f}x, "
              f"its own (anon) {med(a['anon_warm']) / med(b['anon_warm']):.2f}x")


if __name__ == "__main__":
    main()
