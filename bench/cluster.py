#!/usr/bin/env python3
"""make bench-cluster: the cluster of issue 17 measured on one machine.

1. req/s and p99 of three pages (home, a search page, an API search) asked
   of node 1 directly and through nginx in front of 1, 2 and 3 nodes
   (deploy/nginx/cluster.conf, as scripts/cluster writes it), wrk -t2
   -c64 after a warm-up, the targets interleaved round by round, medians.
   On a 2-core machine the nodes share the cores with nginx and wrk: the
   ratio to the direct node is nginx's overhead, not scaling.
2. search latency of a node on PostgreSQL against a node on SQLite holding
   the same hub (the SQLite store is `praxis copy` of the PostgreSQL one):
   the search benchmark's 600 queries (six types) as search pages, each
   with a counter so that the page cache never answers (the snippets and
   cards read the store), and node pages; one client, the two nodes asked
   in turn, p50/p99 per type; and the PostgreSQL scans each kind of made
   page costs (pg_stat_user_tables).
3. ingest nodes/s into a fresh SQLite file and a fresh PostgreSQL database
   (a generated listing: language detection included; the search
   corpus' JSON Lines: none), rounds interleaved, medians; `praxis copy`
   of that hub SQLite -> PostgreSQL and back (rows/s), and whether the
   round trip exports the same bytes; saves/s of one editor publishing
   through a node on each backend.
4. memory and store size: each node's VmRSS at NODES nodes and a node's at
   BIG nodes (SQLite), pg_database_size and the SQLite file at both.

Environment: NODES (10000), BIG (100000; 0 skips part 4), SECONDS (10 per
wrk run), ROUNDS (3), CONNECTIONS (64). The state (stores, PostgreSQL,
logs) is in build/bench/cluster/; PostgreSQL is scripts/cluster's own
(started with --nodes 0 to load it, then with 3 nodes), stopped at the end.
"""
import http.client
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
B = os.path.join(ROOT, "build", "bench", "cluster")
STATE = os.path.join(B, "state")
PRAXIS = os.path.join(ROOT, "build", "praxis")
CLUSTER = os.path.join(ROOT, "scripts", "cluster")
NODES = int(os.environ.get("NODES", "10000"))
BIG = int(os.environ.get("BIG", "100000"))
SECONDS = os.environ.get("SECONDS", "10")
ROUNDS = int(os.environ.get("ROUNDS", "3"))
CONNECTIONS = os.environ.get("CONNECTIONS", "64")
PORT = 18290  # the cluster's nginx (3 nodes); node K on PORT + K
NGINX_PORTS = {1: 18280, 2: 18281}  # nginx in front of node 1, of nodes 1-2
SQLITE_PORT = 18282  # the node on SQLite (part 2)
BIG_PORT = 18283  # the node on the BIG store (part 4)
EDITOR = ("benchcluster", "pw of the cluster bench")


def log(msg):
    print("bench-cluster: " + msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def env():
    """The environment of a praxis or psql talking to the cluster's PostgreSQL."""
    return dict(os.environ, PGPASSFILE=os.path.join(STATE, "pgpass"), CLUSTER_DIR=STATE,
                CLUSTER_PORT=str(PORT), PRAXIS=PRAXIS, CLUSTER_WAIT="600")


def cluster(*args):
    """scripts/cluster ARGS; its last line of output (start prints the URL or the store)."""
    out = run([CLUSTER] + list(args), env=env(), capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1] if out.strip() else ""


def cluster_env():
    vals = {}
    with open(os.path.join(STATE, "cluster.env")) as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            vals[k] = v.strip("'")
    return vals


def psql(db, sql):
    pg_bin = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
    c = cluster_env()
    return run([f"/usr/lib/postgresql/{pg_bin}/bin/psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", c["PG_PORT"], "-U", "praxis", "-d", db, "-c", sql],
               env=env(), capture_output=True, text=True).stdout.strip()


def pg_uri(db):
    return re.sub(r"/[^/?]+$", "/" + db, cluster_env()["DB"])


def fresh_pg(db):
    psql("postgres", f"DROP DATABASE IF EXISTS {db}")
    psql("postgres", f"CREATE DATABASE {db}")
    return pg_uri(db)


def fresh_sqlite(path):
    for suffix in ("", "-wal", "-shm", ".index"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def timed(cmd):
    t = time.monotonic()
    run(cmd, env=env(), stdout=subprocess.DEVNULL)
    return time.monotonic() - t


def inputs():
    """(listing, corpus, queries): gen_listing's NODES-node listing and the search corpus."""
    listing = os.path.join(B, f"listing-{NODES}.txt")
    if not os.path.exists(listing):
        run(["make", "-s", "build/gen_listing"], cwd=ROOT)
        with open(listing + ".tmp", "wb") as f:
            run([os.path.join(ROOT, "build", "gen_listing"), "--nodes", str(NODES), "--seed", "1"], stdout=f)
        os.replace(listing + ".tmp", listing)
    corpora = {}
    for n in (NODES, BIG) if BIG else (NODES,):
        corpus = os.path.join(ROOT, "build", "bench", "corpus", f"{n}-s1.jsonl")
        os.makedirs(os.path.dirname(corpus), exist_ok=True)
        for path, extra in ((corpus, []), (corpus[:-len(".jsonl")] + "-q600.tsv", ["--queries", "600"])):
            if not os.path.exists(path):  # the search benchmark's, or an earlier run's
                run(["make", "-s", "build/bench/gen_corpus"], cwd=ROOT)
                with open(path + ".tmp", "wb") as f:
                    run([os.path.join(ROOT, "build", "bench", "gen_corpus"), "--nodes", str(n), "--seed", "1"] + extra,
                        stdout=f)
                os.replace(path + ".tmp", path)
        corpora[n] = corpus
    return listing, corpora, corpora[NODES][:-len(".jsonl")] + "-q600.tsv"


def sqlite_rows(path):
    """Rows in every table of an SQLite store (what praxis copy moves)."""
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")]
    n = sum(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
    con.close()
    return n


def export(db):
    return run([PRAXIS, "export", "--db", db], env=env(), capture_output=True).stdout


# ---- part 3: ingest and copy (run first: it fills the stores) ----

def ingest_and_copy(listing, corpus):
    res = {}
    for r in range(ROUNDS):
        for fmt, path in (("listing", listing), ("jsonl", corpus)):
            for kind in ("sqlite", "postgresql"):
                db = fresh_sqlite(os.path.join(B, "ingest.db")) if kind == "sqlite" else fresh_pg("bench_ingest")
                s = timed([PRAXIS, "ingest", "--quiet", "--db", db, path])
                res.setdefault((fmt, kind), []).append(s)
                log(f"round {r + 1}: ingest {fmt} into {kind}: {s:.2f} s")
    hub = os.path.join(B, "hub.db")
    fresh_sqlite(hub)
    run([PRAXIS, "ingest", "--quiet", "--db", hub, corpus], stdout=subprocess.DEVNULL)
    rows = sqlite_rows(hub)
    back = os.path.join(B, "back.db")
    main_pg = cluster_env()["DB"]
    for r in range(ROUNDS):
        s = timed([PRAXIS, "copy", "--from", hub, "--to", main_pg, "--replace"])
        res.setdefault("to_pg", []).append(s)
        if r == 0:  # the first copy: the later ones leave the rows they replace dead
            res["pg_size"] = int(psql("praxis", "SELECT pg_database_size('praxis')"))
        fresh_sqlite(back)
        t = timed([PRAXIS, "copy", "--from", main_pg, "--to", back])
        res.setdefault("to_sqlite", []).append(t)
        log(f"round {r + 1}: copy {rows} rows to PostgreSQL {s:.2f} s, back {t:.2f} s")
    res["rows"] = rows
    res["identical"] = export(hub) == export(back)
    res["sqlite_size"] = os.path.getsize(hub)
    return res


# ---- the nodes ----

def wait_up(url, proc=None, timeout=300):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if proc is not None and proc.poll() is not None:
            sys.exit(f"bench-cluster: the server for {url} exited ({proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"bench-cluster: {url} did not answer within {timeout} s")


def start_node(db, port, index):
    log_f = open(os.path.join(B, f"node-{port}.log"), "ab")
    p = subprocess.Popen([PRAXIS, "serve", "--db", db, "--bind", "127.0.0.1", "--port", str(port),
                          "--trusted-proxy", "127.0.0.1/32", "--per-ip", "256", "--quiet"],
                         env=dict(env(), PRAXIS_INDEX=index), stdout=log_f, stderr=log_f,
                         stdin=subprocess.DEVNULL)
    wait_up(f"http://127.0.0.1:{port}/healthz", p)
    return p


def start_nginx(k):
    """nginx from deploy/nginx/cluster.conf in front of nodes 1..k."""
    d = os.path.join(B, f"nginx-{k}")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "tmp"))
    os.makedirs(os.path.join(d, "cache"))
    os.chmod(d, 0o755)
    with open(os.path.join(ROOT, "deploy", "nginx", "cluster.conf")) as f:
        conf = f.read().replace("@DIR@", d).replace("@PORT@", str(NGINX_PORTS[k]))
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(conf)
    with open(os.path.join(d, "upstream.conf"), "w") as f:
        for n in range(1, k + 1):
            f.write(f"server 127.0.0.1:{PORT + n} max_fails=3 fail_timeout=10s max_conns=200;\n")
    p = subprocess.Popen(["nginx", "-e", os.path.join(d, "error.log"), "-p", d, "-c", os.path.join(d, "nginx.conf")],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_up(f"http://127.0.0.1:{NGINX_PORTS[k]}/healthz", p)
    return p


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def node_pid(k):
    with open(os.path.join(STATE, f"node-{k}.pid")) as f:
        return int(f.read())


# ---- part 1: through nginx ----

def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    p99 = v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(errors.group(1)) if errors else 0


def wrk(url, seconds):
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    return parse_wrk(run(cmd, capture_output=True, text=True).stdout)


def through_nginx(word):
    pages = [("home", "/"), ("search", "/search?q=" + urllib.parse.quote(word)),
             ("api search", "/api/v1/search?q=" + urllib.parse.quote(word))]
    targets = [("node 1 direct", PORT + 1), ("nginx, 1 node", NGINX_PORTS[1]),
               ("nginx, 2 nodes", NGINX_PORTS[2]), ("nginx, 3 nodes", PORT)]
    for _, path in pages:
        for _, port in targets:
            wrk(f"http://127.0.0.1:{port}{path}", 2)
    res = {}
    for r in range(ROUNDS):
        for page, path in pages:
            for target, port in targets:
                a = wrk(f"http://127.0.0.1:{port}{path}", SECONDS)
                res.setdefault((page, target), []).append(a)
                log(f"round {r + 1}: {page} via {target}: {a[0]:.0f} req/s, p99 {a[1]:.2f} ms")
    return pages, targets, res


# ---- part 2: search latency, PostgreSQL against SQLite ----

def queries(path):
    """(type, URI) of the search benchmark's queries as search pages."""
    out = []
    for line in open(path, encoding="utf-8"):
        kind, q, filters, _ = line.rstrip("\n").split("\t")
        params = [("q", q)] + [tuple(f.split("=", 1)) for f in filters.split(";") if f]
        out.append((kind, "/search?" + urllib.parse.urlencode(params)))
    return out


def latency(qfile, ports):
    conns = {k: http.client.HTTPConnection("127.0.0.1", p, timeout=60) for k, p in ports.items()}
    nids = [int(m) for m in re.findall(r'"nid":\s*(\d+)', corpus_head(NODES))]
    work = queries(qfile) + [("node page", f"/node/{nid}") for nid in nids[:200]]
    times, bad = {}, {k: 0 for k in ports}

    def get(k, uri):
        c = conns[k]
        t = time.monotonic()
        c.request("GET", uri)
        r = c.getresponse()
        r.read()
        ms = (time.monotonic() - t) * 1000
        if r.status != 200:
            bad[k] += 1
        return ms

    for k in ports:  # warm-up: the first requests open files and fill caches
        for _, uri in work[::10]:
            get(k, uri + ("&" if "?" in uri else "?") + "warm=1")
    for n, (kind, uri) in enumerate(work):
        uri += ("&" if "?" in uri else "?") + f"n={n}"  # never the page cache
        order = list(ports) if n % 2 == 0 else list(ports)[::-1]
        for k in order:
            times.setdefault((kind, k), []).append(get(k, uri))
    return times, bad


def corpus_head(n):
    """The first 200 records of the NODES-node search corpus (their nids)."""
    corpus = os.path.join(ROOT, "build", "bench", "corpus", f"{n}-s1.jsonl")
    with open(corpus, encoding="utf-8") as f:
        return "".join(next(f) for _ in range(200))


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def store_reads(qfile):
    """Index and sequential scans in PostgreSQL per made page of node 1
    (pg_stat_user_tables over 100 requests of each kind; the statistics
    reach the view within a second, and the health checker's /healthz adds
    about one scan a second)."""
    def scans():
        return int(psql("praxis", "SELECT coalesce(sum(idx_scan), 0) + coalesce(sum(seq_scan), 0) "
                                  "FROM pg_stat_user_tables"))
    words = [u for k, u in queries(qfile) if k in ("one_word", "two_words")][:100]
    kinds = {"search page": words, "api search": ["/api/v1" + u for u in words],
             "node page": [f"/node/{n}" for n in range(1, 101)], "home page": [f"/?page={n}" for n in range(1, 101)]}
    res = {}
    for kind, uris in kinds.items():
        time.sleep(1.5)
        a = scans()
        for n, uri in enumerate(uris):
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT + 1}{uri}{'&' if '?' in uri else '?'}r={n}") as r:
                r.read()
        time.sleep(1.5)
        res[kind] = (scans() - a) / len(uris)
    return res


# ---- saves/s ----

class Editor:
    """Logs in through the form and publishes practices one after another."""

    def __init__(self, base):
        import http.cookiejar
        self.base = base

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kw):
                return None
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
        self.k = 0

    def token(self, path):
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        return re.search(r'name="csrf" value="([^"]+)"', html).group(1)

    def post(self, path, fields):
        try:
            return self.opener.open(self.base + path, urllib.parse.urlencode(fields).encode(), timeout=30).status
        except urllib.error.HTTPError as e:
            return e.code

    def login(self):
        code = self.post("/login", {"csrf": self.token("/login"), "name": EDITOR[0], "password": EDITOR[1],
                                    "next": "/admin"})
        if code != 303:
            sys.exit(f"bench-cluster: the editor could not log in at {self.base} ({code})")
        self.csrf = self.token("/admin")

    def saves_per_s(self, seconds):
        n, t = 0, time.monotonic()
        while time.monotonic() - t < seconds:
            self.k += 1
            code = self.post("/node/new", {"csrf": self.csrf, "action": "publish", "type": "practice",
                                           "title": f"Benchsave{self.k} {self.base[-5:]} rooftop gardens",
                                           "city": "Ghent", "country": "Belgium", "language": "en",
                                           "summary": "Saved by the cluster benchmark."})
            if code != 303:
                sys.exit(f"bench-cluster: a save failed at {self.base} ({code})")
            n += 1
        return n / (time.monotonic() - t)


def saves(ports, dbs):
    eds = {}
    for k, port in ports.items():
        run([PRAXIS, "user", "add", "--db", dbs[k], "--role", "editor", EDITOR[0]], input=EDITOR[1] + "\n",
            text=True, env=env(), capture_output=True)
        eds[k] = Editor(f"http://127.0.0.1:{port}")
        eds[k].login()
    res = {}
    for r in range(ROUNDS):
        for k in ports:
            res.setdefault(k, []).append(eds[k].saves_per_s(3))
            log(f"round {r + 1}: saves on {k}: {res[k][-1]:.1f}/s")
    return res


# ---- part 4: memory and size at BIG ----

def big(corpus):
    db = fresh_sqlite(os.path.join(B, f"big-{BIG}.db"))
    s = timed([PRAXIS, "ingest", "--quiet", "--db", db, corpus])
    log(f"ingested {BIG} nodes into SQLite in {s:.1f} s")
    t = timed([PRAXIS, "copy", "--from", db, "--to", fresh_pg("bench_big")])
    rows = sqlite_rows(db)
    log(f"copied {rows} rows to PostgreSQL in {t:.1f} s")
    pg_size = int(psql("postgres", "SELECT pg_database_size('bench_big')"))
    p = start_node(db, BIG_PORT, db + ".index")
    time.sleep(1)
    rss = rss_kb(p.pid)
    p.send_signal(signal.SIGTERM)
    p.wait()
    idx = os.path.getsize(db + ".index") if os.path.exists(db + ".index") else 0
    psql("postgres", "DROP DATABASE bench_big")
    return {"ingest": s, "copy": t, "rows": rows, "pg_size": pg_size, "sqlite_size": os.path.getsize(db),
            "rss": rss, "index": idx}


def med(xs):
    return statistics.median(xs)


def main():
    os.makedirs(B, exist_ok=True)
    os.chmod(B, 0o755)  # nginx's workers and PostgreSQL (nobody when root) reach into it
    run(["make", "-s", "build/praxis"], cwd=ROOT)
    load0 = loadavg()
    started = time.monotonic()
    listing, corpora, qfile = inputs()
    subprocess.run([CLUSTER, "stop"], env=env(), capture_output=True)
    shutil.rmtree(STATE, ignore_errors=True)
    procs = []
    try:
        cluster("start", "--nodes", "0", "--db", "postgresql")
        ic = ingest_and_copy(listing, corpora[NODES])
        bg = big(corpora[BIG]) if BIG else None
        cluster("stop")
        cluster("start", "--nodes", "3", "--db", "postgresql")
        for k in (1, 2):
            procs.append(start_nginx(k))
        back = os.path.join(B, "back.db")
        procs.append(start_node(back, SQLITE_PORT, back + ".index"))
        word = next(l.split("\t")[1] for l in open(qfile, encoding="utf-8") if l.startswith("one_word"))
        rss = {"postgresql": rss_kb(node_pid(1)), "sqlite": rss_kb(procs[-1].pid)}
        pages, targets, web = through_nginx(word)
        ports = {"postgresql": PORT + 1, "sqlite": SQLITE_PORT}
        lat, bad = latency(qfile, ports)
        reads = store_reads(qfile)
        sv = saves(ports, {"postgresql": cluster_env()["DB"], "sqlite": back})
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        subprocess.run([CLUSTER, "stop"], env=env(), capture_output=True)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"bench-cluster, {time.strftime('%Y-%m-%d', time.gmtime())}, commit {rev}, {os.cpu_count()} cores; "
          f"load average {load0} at the start, {loadavg()} at the end; {time.monotonic() - started:.0f} s")
    print()
    print(f"1. Through nginx, {NODES}-node hub on PostgreSQL, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, "
          f"medians of {ROUNDS} interleaved rounds (cached pages)")
    print(f"   On {os.cpu_count()} cores shared by wrk, nginx and every node, more nodes add no CPU: "
          "read nginx's overhead, not scaling.")
    head = f"   {'page':<12}{'target':<16}{'req/s':>9}{'p99 ms':>9}{'vs direct':>11}"
    print(head)
    print("   " + "-" * (len(head) - 3))
    for page, _ in pages:
        direct = med([a[0] for a in web[(page, targets[0][0])]])
        for target, _ in targets:
            rs = web[(page, target)]
            rps, p99, errs = med([a[0] for a in rs]), med([a[1] for a in rs]), sum(a[2] for a in rs)
            err = f"  ({errs} non-2xx)" if errs else ""
            print(f"   {page:<12}{target:<16}{rps:>9.0f}{p99:>9.2f}{rps / direct:>10.2f}x{err}")
    print()
    print(f"2. Search latency, node on PostgreSQL against node on SQLite (the same hub, praxis copy), "
          f"one client, the two in turn, no page cache")
    head = f"   {'query type':<12}{'n':>5}{'postgresql p50/p99 ms':>24}{'sqlite p50/p99 ms':>20}{'pg/sqlite p50/p99':>20}"
    print(head)
    print("   " + "-" * (len(head) - 3))
    for kind in ("one_word", "two_words", "phrase", "typo", "prefix", "filtered", "node page"):
        a, b = lat[(kind, "postgresql")], lat[(kind, "sqlite")]
        pa, pb = (pct(a, 50), pct(a, 99)), (pct(b, 50), pct(b, 99))
        print(f"   {kind:<12}{len(a):>5}{pa[0]:>15.2f}/{pa[1]:<8.2f}{pb[0]:>11.2f}/{pb[1]:<8.2f}"
              f"{pa[0] / pb[0]:>11.2f}x/{pa[1] / pb[1]:.2f}x")
    if any(bad.values()):
        print(f"   non-200 answers: {bad}")
    print("   store reads (PostgreSQL index and sequential scans) per made page: " +
          ", ".join(f"{k} {v:.1f}" for k, v in reads.items()))
    print()
    print(f"3. Writes, fresh store each round, medians of {ROUNDS} interleaved rounds")
    head = f"   {'ingest of ' + str(NODES) + ' nodes':<24}{'sqlite s':>10}{'nodes/s':>9}{'postgresql s':>14}{'nodes/s':>9}{'pg/sqlite':>11}"
    print(head)
    print("   " + "-" * (len(head) - 3))
    for fmt in ("listing", "jsonl"):
        s, p = med(ic[(fmt, "sqlite")]), med(ic[(fmt, "postgresql")])
        print(f"   {fmt:<24}{s:>10.2f}{NODES / s:>9.0f}{p:>14.2f}{NODES / p:>9.0f}{s / p:>10.2f}x")
    a, b = med(ic["to_pg"]), med(ic["to_sqlite"])
    print(f"   praxis copy, {ic['rows']} rows: SQLite -> PostgreSQL {a:.2f} s ({ic['rows'] / a:.0f} rows/s), "
          f"back {b:.2f} s ({ic['rows'] / b:.0f} rows/s); exports identical: {'yes' if ic['identical'] else 'NO'}")
    sp, ss = med(sv["postgresql"]), med(sv["sqlite"])
    print(f"   saves/s, one editor publishing in a loop (3 s a round): PostgreSQL {sp:.1f}, SQLite {ss:.1f} "
          f"({sp / ss:.2f}x)")
    print()
    print("4. Memory and store size")
    print(f"   {NODES} nodes: node VmRSS PostgreSQL-backed {rss['postgresql'] / 1024:.0f} MB, SQLite-backed "
          f"{rss['sqlite'] / 1024:.0f} MB; pg_database_size {ic['pg_size'] / 2**20:.0f} MB, "
          f"SQLite file {ic['sqlite_size'] / 2**20:.0f} MB")
    if bg:
        print(f"   {BIG} nodes: node VmRSS {bg['rss'] / 1024:.0f} MB (SQLite-backed, index snapshot "
              f"{bg['index'] / 2**20:.0f} MB); pg_database_size {bg['pg_size'] / 2**20:.0f} MB, SQLite file "
              f"{bg['sqlite_size'] / 2**20:.0f} MB; ingest (jsonl, SQLite) {BIG / bg['ingest']:.0f} nodes/s, "
              f"copy to PostgreSQL {bg['rows']} rows in {bg['copy']:.1f} s ({bg['rows'] / bg['copy']:.0f} rows/s)")


if __name__ == "__main__":
    main()
