#!/usr/bin/env python3
"""make bench-load: the hub under load while an editor works.

wrk runs SECONDS (60) at CONNECTIONS (256) on 2 threads against a mix of
pages of a NODES-node hub (10000): home pages, filtered practices, searches
(the search benchmark's words, each URI new) and practices; meanwhile an
editor publishes a new practice every second through the web form. The
table gives the load's requests/s, p50/p99 and errors (non-2xx and socket
errors), the saves acknowledged and their p50/p99, and how many of them are
missing afterwards from the store and from search (must be none).

It runs twice: calm, then with an anonymous attacker from another address
(tests/attack/attacks.py's floods: 1 MB logins, held 60 MB uploads, the
costly phrase query, 2 connections each). The last line gives the attacked
run's p99s as ratios to the calm run's (the target: within 2x) and the
server's peak memory (under 1 GB).

The hub's store is copied from build/bench/http/ (kept between runs, as
bench-http keeps it) so that saves never change the original. BENCH_PORT
(18090) moves the server's port; ATTACKED=0 runs the calm mix only;
BENCH_PRAXIS names another build to run (a baseline's). Each run also
reports the page cache's hit ratio over the load (from /metrics'
counters, read before and after) and the server's CPU time per request
(user + system from /proc, over the cache's lookups): on a shared machine
the figure to compare, rather than requests/s.
"""
import http.cookiejar
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web  # noqa: E402  the hub and wrk helpers of bench-http

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "attack"))
import attacks  # noqa: E402  the outside attacker of issue 11

ROOT = web.ROOT
B = web.B
NODES = int(os.environ.get("NODES", "10000"))
SECONDS = int(os.environ.get("SECONDS", "60"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "256"))
PORT = int(os.environ.get("BENCH_PORT", "18090"))
PRAXIS = os.environ.get("BENCH_PRAXIS") or os.path.join(ROOT, "build", "praxis")

MIX_LUA = """
-- a mix: home pages, filtered practices, new searches, practices
local words = {%s}
local countries = {"Spain", "Italy", "France", "Germany", "Greece", "Poland", "Portugal"}
local n = 0
request = function()
  n = n + 1
  local k = n %% 4
  if k == 0 then return wrk.format("GET", "/?page=" .. (n %% 50 + 1)) end
  if k == 1 then return wrk.format("GET", "/good-practices?country=" .. countries[n %% #countries + 1]) end
  if k == 2 then return wrk.format("GET", "/search?q=" .. words[n %% #words + 1] .. "&n=" .. n) end
  return wrk.format("GET", "/node/" .. (n %% %d + 1))
end
"""


def log(msg):
    print("bench-load: " + msg, file=sys.stderr, flush=True)


class Editor:
    """Logs in through the form and publishes a practice every second."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect)
        self.acked, self.times, self.failed = [], [], 0

    def token(self, path):
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        return re.search(r'name="csrf" value="([^"]+)"', html).group(1)

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            return self.opener.open(self.base + path, data, timeout=30).status
        except urllib.error.HTTPError as e:
            return e.code

    def login(self):
        code = self.post("/login", {"csrf": self.token("/login"), "name": "loadeditor",
                                    "password": "pw of the load editor", "next": "/admin"})
        if code != 303:
            sys.exit(f"bench-load: the editor could not log in ({code})")
        self.csrf = self.token("/admin")

    def publish(self, title):
        return self.post("/node/new", {"csrf": self.csrf, "action": "publish", "type": "practice",
                                       "title": title, "city": "Ghent", "country": "Belgium",
                                       "language": "en", "summary": "Saved under load."})

    def run(self, stop):
        k = 0
        while not stop.is_set():
            k += 1
            title = f"Loadsave{k} rooftop gardens"
            t = time.monotonic()
            code = self.publish(title)
            if code == 303:
                self.times.append((time.monotonic() - t) * 1000)
                self.acked.append(title)
            else:
                self.failed += 1
            stop.wait(max(0.0, 1.0 - (time.monotonic() - t)))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else float("nan")


class Attacker:
    """An anonymous attacker from another address (127.0.0.2): 1 MB logins,
    held 60 MB uploads to /admin/import and the costly phrase query of
    tests/attack/attacks.py, 2 connections each, until stop."""

    KINDS = ("login_flood", "held_upload", "costly_queries")

    def __init__(self, base):
        attacks.SOURCE = "127.0.0.2"
        self.base, self.done = base, {k: 0 for k in self.KINDS}

    def loop(self, kind, stop):
        fn = getattr(attacks, kind)
        while not stop.is_set():
            st = fn(self.base, stop)
            with self.lock:
                self.done[kind] += 1
                self.answers[st] = self.answers.get(st, 0) + 1

    def start(self, stop):
        self.lock, self.answers = threading.Lock(), {}
        self.threads = [threading.Thread(target=self.loop, args=(k, stop), daemon=True)
                        for k in self.KINDS for _ in range(2)]
        for t in self.threads:
            t.start()

    def join(self):
        for t in self.threads:
            t.join(timeout=30)


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))


def fresh_store(src):
    db = os.path.join(B, "load.db")
    for suffix in ("", "-wal", "-shm", ".index"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(src, db)
    if os.path.exists(src + ".index"):
        shutil.copy(src + ".index", db + ".index")
    subprocess.run([PRAXIS, "user", "add", "--db", db, "--role", "editor", "loadeditor"],
                   input="pw of the load editor\n", text=True, check=True, capture_output=True)
    return db


def lost_saves(db, base, acked):
    """(missing from the store, missing from search) of the acknowledged saves."""
    lost_store = lost_search = 0
    with sqlite3.connect(db) as c:
        for title in acked:
            if not c.execute("SELECT 1 FROM node WHERE title = ? AND state = 'published'", (title,)).fetchone():
                lost_store += 1
    for title in acked:
        q = urllib.parse.quote(title.split()[0].lower())
        if title not in urllib.request.urlopen(f"{base}/search?q={q}", timeout=30).read().decode():
            lost_search += 1
    return lost_store, lost_search


def cpu_seconds(pid):
    """The process's CPU time so far (user + system), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cache_counts(base):
    """(hits, misses) of the page cache, from /metrics."""
    text = urllib.request.urlopen(base + "/metrics", timeout=30).read().decode()
    return tuple(int(float(re.search(rf"^praxis_page_cache_{k}_total (\S+)", text, re.M).group(1)))
                 for k in ("hits", "misses"))


def x_cache(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        r.read()
        return r.headers.get("X-Cache")


def kept_across_saves(base, editor, words, saves=3):
    """{kind: (pages still cached after a publication, pages cached before)}
    over saves publications like the editor's, each after every page of the
    sample was asked twice: how selective the cache is, whatever the
    machine's load."""
    sample = {"home": [f"/?page={i}" for i in range(1, 51)],
              "by country": [f"/good-practices?country={c}" for c in
                             ("Spain", "Italy", "France", "Germany", "Greece", "Poland", "Portugal")],
              "search": [f"/search?q={urllib.parse.quote(w)}" for w in words[:20]],
              "practice": [f"/node/{n}" for n in range(1, NODES + 1, max(1, NODES // 200))]}
    kept = {k: [0, 0] for k in sample}
    for i in range(saves):
        for paths in sample.values():
            for path in paths:
                x_cache(base, path)
        for kind, paths in sample.items():
            kept[kind][1] += sum(x_cache(base, path) == "hit" for path in paths)
        if editor.publish(f"Keptsave{i} rooftop gardens") != 303:
            sys.exit("bench-load: the editor could not publish")
        for kind, paths in sample.items():
            kept[kind][0] += sum(x_cache(base, path) == "hit" for path in paths)
    return kept


def one_run(src, lua, attacked, words):
    """The mix under wrk with the editor, and the attacker if attacked: a
    dict of what was measured."""
    db = fresh_store(src)
    p = subprocess.Popen([PRAXIS, "serve", "--db", db, "--quiet", "--threads", "2", "--per-ip", "512",
                          "--port", str(PORT)], stdout=subprocess.PIPE, text=True)
    if "serving" not in p.stdout.readline():
        sys.exit("bench-load: praxis did not start")
    base = f"http://127.0.0.1:{PORT}"
    r = {"attacked": attacked}
    try:
        editor = Editor(base)
        editor.login()
        stop = threading.Event()
        t = threading.Thread(target=editor.run, args=(stop,))
        t.start()
        attacker = Attacker(base) if attacked else None
        if attacker:
            attacker.start(stop)
        log(f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on the mix, an editor publishing every second"
            + (", an attacker beside them" if attacked else ""))
        before, cpu = cache_counts(base), cpu_seconds(p.pid)
        out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s",
                              "-s", lua, base + "/"], check=True, capture_output=True, text=True).stdout
        cpu, after = cpu_seconds(p.pid) - cpu, cache_counts(base)
        stop.set()
        t.join()
        r["hits"], r["misses"] = after[0] - before[0], after[1] - before[1]
        r["cpu_us"] = cpu * 1e6 / max(1, r["hits"] + r["misses"])  # every GET looks in the cache once
        if attacker:
            attacker.join()
        r["rps"], r["p50"], r["p99"], r["non2xx"] = web.parse_wrk(out)
        sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        r["sock"] = sum(int(x) for x in sock.groups()) if sock else 0
        r["sock_kinds"] = sock.group(0) if sock else ""
        r["peak_mb"] = peak_kb(p.pid) / 1024
        r["editor"] = editor
        r["attacks"] = {"made": dict(attacker.done), "answers": dict(attacker.answers)} if attacker else {}
        r["lost_store"], r["lost_search"] = lost_saves(db, base, editor.acked)
        r["kept"] = None if attacked else kept_across_saves(base, editor, words)
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait()
    return r


def hit_ratio(r):
    looked = r["hits"] + r["misses"]
    return r["hits"] / looked if looked else 0.0


def report(r):
    e = r["editor"]
    name = "with attacker" if r["attacked"] else "no attacker"
    print(f"{name}: load {r['rps']:.0f} req/s, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, non-2xx {r['non2xx']},"
          f" socket errors {r['sock']}" + (f" ({r['sock_kinds']})" if r["sock"] else "") + f"; saves {len(e.acked)} acknowledged, {e.failed} refused,"
          f" p50 {pct(e.times, 50):.1f} ms, p99 {pct(e.times, 99):.1f} ms; missing afterwards"
          f" {r['lost_store']} from the store, {r['lost_search']} from search; server peak {r['peak_mb']:.0f} MB;"
          f" page cache hit ratio {hit_ratio(r):.1%} ({r['hits']} hits, {r['misses']} misses);"
          f" server CPU {r['cpu_us']:.0f} us per request"
          + (f"; attacks made {r['attacks']}" if r["attacks"] else ""))
    if r["kept"]:
        print("pages still cached after a publication (of those cached before): "
              + ", ".join(f"{k} {a}/{b}" for k, (a, b) in r["kept"].items()))


def main():
    os.makedirs(B, exist_ok=True)
    web.NODES = NODES
    src = web.hub()
    qfile = os.path.join(ROOT, "build", "bench", "corpus", f"{NODES}-s1-q600.tsv")
    words = sorted({l.split("\t")[1].split()[0].strip('"') for l in open(qfile, encoding="utf-8")
                    if l.startswith(("one_word", "two_words"))})
    lua = os.path.join(B, "load-mix.lua")
    with open(lua, "w", encoding="utf-8") as f:
        f.write(MIX_LUA % (", ".join('"%s"' % urllib.parse.quote(w) for w in words[:300]), NODES))
    calm = one_run(src, lua, False, words)
    if os.environ.get("ATTACKED", "1") == "0":
        print(f"{NODES} nodes, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on a mix (home, filtered, new searches, practices),"
              " praxis with 2 workers, an editor publishing every second (ATTACKED=0: no attacked run)")
        report(calm)
        return
    hit = one_run(src, lua, True, words)
    print(f"{NODES} nodes, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on a mix (home, filtered, new searches, practices),"
          " praxis with 2 workers, an editor publishing every second; then the same with an anonymous attacker"
          " from 127.0.0.2 (1 MB logins, held 60 MB uploads, costly phrase queries of 32 and 16 phrases, 2 connections each)")
    report(calm)
    report(hit)
    load_ratio = hit["p99"] / calm["p99"]
    save_ratio = pct(hit["editor"].times, 99) / pct(calm["editor"].times, 99)
    print(f"attacked / calm: visitors' p99 {load_ratio:.2f}x, saves' p99 {save_ratio:.2f}x (target: within 2x);"
          f" server peak {hit['peak_mb']:.0f} MB (target: under 1024)")
    bad = [r for r in (calm, hit) if r["non2xx"] or r["sock"] or r["editor"].failed or r["lost_store"]
           or r["lost_search"]]
    if bad or hit["peak_mb"] >= 1024:
        sys.exit("bench-load: errors, lost saves or memory past 1 GB (see above)")


if __name__ == "__main__":
    main()
