#!/usr/bin/env python3
"""make bench-http: wrk against praxis serving a 100k-node hub and, in the
same run, against nginx serving the same pages saved as static files.

Pages: the home page, a practice, a search page and the JSON search API.
For each, wrk runs SECONDS (10) at CONNECTIONS (64) on 2 threads against
praxis, then against nginx; the table gives requests/s, latency p50/p99 and
praxis' share of nginx's throughput. The "cached" rows ask one page again
and again (praxis' page cache answers); the "made" rows ask a new URI each
request (home pages and nids in turn, the search benchmark's query words,
each with a counter), so praxis makes every page, against nginx serving
the saved page of the same kind. praxis and nginx each get 2 worker
threads; wrk shares the same 2 cores, as a client on the same machine would.

Environment: NODES (100000), SECONDS, CONNECTIONS, BENCH_PORT (18080: praxis;
nginx on the next); GZIP=1: wrk sends
Accept-Encoding: gzip and nginx has gzip on (level 1, its default, on the
fly for each request), so both servers send compressed pages. The hub's store is kept
in build/bench/http/ between runs (ingesting 100k nodes takes a minute).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
B = os.path.join(ROOT, "build", "bench", "http")
NODES = int(os.environ.get("NODES", "100000"))
SECONDS = os.environ.get("SECONDS", "10")
CONNECTIONS = os.environ.get("CONNECTIONS", "64")
GZIP = os.environ.get("GZIP", "") not in ("", "0")
# BENCH_PORT moves both (two benchmarks on one machine must not share ports)
PRAXIS_PORT = int(os.environ.get("BENCH_PORT", "18080"))
NGINX_PORT = PRAXIS_PORT + 1


def log(msg):
    print("bench-http: " + msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def hub():
    """The store of a NODES-node hub, from the search benchmark's corpus."""
    db = os.path.join(B, f"hub-{NODES}.db")
    if os.path.exists(db):
        return db
    corpus = os.path.join(ROOT, "build", "bench", "corpus", f"{NODES}-s1.jsonl")
    os.makedirs(os.path.dirname(corpus), exist_ok=True)  # a fresh checkout has none
    for path, extra in ((corpus, []), (corpus[:-len(".jsonl")] + "-q600.tsv", ["--queries", "600"])):
        if os.path.exists(path):
            continue  # the search benchmark's, or an earlier run's
        run(["make", "-s", "build/bench/gen_corpus"], cwd=ROOT)
        with open(path + ".tmp", "wb") as f:
            run([os.path.join(ROOT, "build", "bench", "gen_corpus"), "--nodes", str(NODES), "--seed", "1"] + extra,
                stdout=f)
        os.replace(path + ".tmp", path)
    t = time.time()
    run([os.path.join(ROOT, "build", "praxis"), "ingest", "--quiet", "--db", db + ".tmp"] + ingest_parts(corpus))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + ".tmp" + suffix):
            os.replace(db + ".tmp" + suffix, db + suffix)
    log(f"ingested {NODES} nodes in {time.time() - t:.0f} s")
    return db


def ingest_parts(corpus, part_bytes=512 << 20):
    """corpus, or its lines in files of at most part_bytes when it is larger
    (ingest reads a file of up to 1 GB: a 1M-node corpus is 2.2 GB)."""
    if os.path.getsize(corpus) <= part_bytes:
        return [corpus]
    parts, out, size = [], None, 0
    with open(corpus, "rb") as f:
        for line in f:
            if out is None or size + len(line) > part_bytes:
                if out:
                    out.close()
                parts.append(f"{corpus}.part{len(parts)}")
                out, size = open(parts[-1], "wb"), 0
            out.write(line)
            size += len(line)
    out.close()
    return parts


def start_praxis(db):
    p = subprocess.Popen([os.path.join(ROOT, "build", "praxis"), "serve", "--db", db, "--quiet", "--threads", "2",
                          "--port", str(PRAXIS_PORT)], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()  # the index is read (or built and saved) first
    if "serving" not in line:
        sys.exit("bench-http: praxis did not start: " + line)
    return p


def start_nginx(docroot):
    conf = os.path.join(B, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 2;
pid {B}/nginx.pid;
error_log {B}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types {{ text/html html; application/json json; }}
  {"gzip on; gzip_vary on; gzip_types application/json;" if GZIP else ""}
  server {{ listen 127.0.0.1:{NGINX_PORT}; root {docroot}; }}
}}
""")
    p = subprocess.Popen(["nginx", "-c", conf, "-p", B, "-g", "daemon off;"])
    time.sleep(1)
    if p.poll() is not None:
        sys.exit("bench-http: nginx did not start")
    return p


def pages(base):
    """(name, praxis path, static file name): a practice and a search of the hub."""
    with urllib.request.urlopen(base + "/good-practices") as r:
        html = r.read().decode()
    nid = re.search(r'href="/node/(\d+)"', html).group(1)
    return [("home", "/", "home.html"), ("practice", f"/node/{nid}", "practice.html"),
            ("search", "/search?q=social%20housing", "search.html"),
            ("api search", "/api/v1/search?q=social%20housing", "search.json")]


MADE_LUA = """
-- every request a different URI: the page cache never answers
local words = {%s}
local n = 0
request = function()
  n = n + 1
  local word = words[(n %% #words) + 1]
  return wrk.format("GET", %s)
end
"""

# (name, Lua expression of the n-th URI, static file of the same kind): each
# request a page praxis has to make
MADE = [("home", '"/?page=" .. (n % PAGES + 1) .. "&n=" .. n', "home.html"),
        ("practice", '"/node/" .. (n % NODES + 1) .. "?n=" .. n', "practice.html"),
        ("search", '"/search?q=" .. word .. "&n=" .. n', "search.html"),
        ("api search", '"/api/v1/search?q=" .. word .. "&n=" .. n', "search.json")]


def parse_wrk(out):
    """requests/s, p50 and p99 in ms, and non-2xx answers of wrk --latency's output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def wrk(url, script=None):
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"] + (["-s", script] if script else [])
    cmd += ["-H", "Accept-Encoding: gzip"] if GZIP else []
    return parse_wrk(subprocess.run(cmd + [url], check=True, capture_output=True, text=True).stdout)


def measure(label, url, script, name, docroot):
    """One row: wrk on praxis, then on nginx serving the static file NAME."""
    a = wrk(url, script)
    b = wrk(f"http://127.0.0.1:{NGINX_PORT}/{name}")
    log(f"{label}: praxis {a[0]:.0f} req/s, nginx {b[0]:.0f} req/s")
    return label, os.path.getsize(os.path.join(docroot, name)), a, b


def main():
    os.makedirs(B, exist_ok=True)
    run(["make", "-s", "build/praxis"], cwd=ROOT)
    db = hub()
    docroot = os.path.join(B, "static")
    shutil.rmtree(docroot, ignore_errors=True)
    os.makedirs(docroot)
    praxis = start_praxis(db)
    nginx = None
    try:
        base = f"http://127.0.0.1:{PRAXIS_PORT}"
        plist = pages(base)
        for _, path, name in plist:
            with urllib.request.urlopen(base + path) as r, open(os.path.join(docroot, name), "wb") as f:
                f.write(r.read())
        nginx = start_nginx(docroot)
        rows = []
        for label, path, name in plist:
            rows.append(measure(label + ", cached", base + path, None, name, docroot))
        # the made rows: searches for the corpus' query words, pages and nodes in turn
        qfile = os.path.join(ROOT, "build", "bench", "corpus", f"{NODES}-s1-q600.tsv")
        words = sorted({l.split("\t")[1].split()[0].strip('"') for l in open(qfile, encoding="utf-8")
                        if l.startswith(("one_word", "two_words"))})
        words = ", ".join('"%s"' % urllib.parse.quote(w) for w in words[:500])
        for label, expr, name in MADE:
            lua = os.path.join(B, label.replace(" ", "-") + ".lua")
            with open(lua, "w", encoding="utf-8") as f:
                expr = expr.replace("PAGES", str(NODES // 20)).replace("NODES", str(NODES))
                f.write(MADE_LUA % (words, expr))
            rows.append(measure(label + ", made", base + "/", lua, name, docroot))
    finally:
        praxis.send_signal(signal.SIGTERM)
        praxis.wait()
        if nginx:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait()
    head = f"{'page':<18}{'bytes':>8}{'praxis req/s':>14}{'p50/p99 ms':>14}{'nginx req/s':>13}{'p50/p99 ms':>14}{'praxis/nginx':>14}"
    coding = "gzip (Accept-Encoding: gzip; nginx gzip on)" if GZIP else "no compression"
    print(f"{NODES} nodes, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, both servers with 2 workers, {coding}; bytes: the plain page")
    print(head)
    print("-" * len(head))
    for label, size, a, b in rows:
        err = f"  ({a[3]} non-2xx from praxis)" if a[3] else ""
        print(f"{label:<18}{size:>8}{a[0]:>14.0f}{f'{a[1]:.2f}/{a[2]:.2f}':>14}{b[0]:>13.0f}"
              f"{f'{b[1]:.2f}/{b[2]:.2f}':>14}{a[0] / b[0]:>13.2f}x{err}")


if __name__ == "__main__":
    main()
