#!/usr/bin/env python3
"""make bench: praxis' search against SQLite FTS5, Xapian and PostgreSQL FTS.

For every corpus size (SIZES, default 10000,100000,1000000) it generates a
reproducible multilingual corpus and a query mix (build/bench/gen_corpus,
SEED, QUERIES), runs every engine's driver on them (ENGINES, default
praxis,sqlite-fts5,xapian,postgresql-fts) and prints one table, then praxis'
ratio to each peer. A driver that does not build is skipped with a note.
PostgreSQL runs in a cluster of its own: initdb in a temporary directory,
started on a free port, stopped and removed at the end.

Environment: SIZES, ENGINES, SEED (1), QUERIES (600: 100 per type),
SECONDS (10: the 2-thread QPS run), TIMEOUT (per driver run, s, 14400),
KEEP (1: keep generated corpora in build/bench/corpus).
Results: build/bench/search-results.jsonl, build/bench/search-table.txt,
driver logs in build/bench/logs/."""
import json, os, shutil, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
B = os.path.join(ROOT, "build", "bench")
SIZES = [int(s) for s in os.environ.get("SIZES", "10000,100000,1000000").split(",") if s]
ENGINES = os.environ.get("ENGINES", "praxis,sqlite-fts5,xapian,postgresql-fts").split(",")
SEED = os.environ.get("SEED", "1")
QUERIES = os.environ.get("QUERIES", "600")
SECONDS = os.environ.get("SECONDS", "10")
TIMEOUT = int(os.environ.get("TIMEOUT", "14400"))
KEEP = os.environ.get("KEEP", "1") == "1"
DRIVER = {"praxis": "praxis_driver", "sqlite-fts5": "sqlite_driver", "xapian": "xapian_driver",
          "postgresql-fts": "pg_driver"}
TYPES = ["one_word", "two_words", "phrase", "typo", "prefix", "filtered"]
SHORT = {"one_word": "1w", "two_words": "2w", "phrase": "phr", "typo": "typo", "prefix": "pfx",
         "filtered": "filt"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def make(target):
    r = subprocess.run(["make", "--no-print-directory", "-f", "bench/search.mk", target], cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return r.returncode == 0, r.stdout


class Postgres:
    """A throw-away cluster: initdb, start on a free port, stop, remove."""

    def __init__(self):
        bins = sorted(d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(
            os.path.join("/usr/lib/postgresql", d, "bin")))
        if not bins:
            raise RuntimeError("no /usr/lib/postgresql/*/bin (scripts/deps-bench installs postgresql)")
        self.bin = os.path.join("/usr/lib/postgresql", bins[-1], "bin")
        self.dir = tempfile.mkdtemp(prefix="praxis-bench-pg-")
        self.data = os.path.join(self.dir, "data")
        self.as_user = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as postgres
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.conn = f"host={self.dir} port={self.port} user=postgres dbname=bench"

    def run(self, *args):
        subprocess.run(self.as_user + list(args), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def start(self):
        self.run(os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--no-locale")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB "
                "-c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=8GB "
                "-c effective_cache_size=8GB -c jit=off")
        self.run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l",
                 os.path.join(self.dir, "server.log"), "-w", "-o", opts, "start")
        self.run(os.path.join(self.bin, "psql"), "-h", self.dir, "-p", str(self.port), "-U", "postgres",
                 "-d", "postgres", "-q", "-c", "CREATE DATABASE bench")

    def stop(self):
        try:
            self.run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError as e:
            log(f"postgres: stop failed: {e.stderr.decode(errors='replace')}")
        shutil.rmtree(self.dir, ignore_errors=True)


def corpus(n):
    os.makedirs(os.path.join(B, "corpus"), exist_ok=True)
    path = os.path.join(B, "corpus", f"{n}-s{SEED}.jsonl")
    qpath = os.path.join(B, "corpus", f"{n}-s{SEED}-q{QUERIES}.tsv")
    gen = os.path.join(B, "gen_corpus")
    for p, extra in ((path, []), (qpath, ["--queries", QUERIES])):
        if os.path.exists(p) and os.path.getmtime(p) > os.path.getmtime(gen):
            continue
        t = time.time()
        with open(p + ".tmp", "wb") as f:
            subprocess.run([gen, "--nodes", str(n), "--seed", SEED] + extra, stdout=f, check=True)
        os.replace(p + ".tmp", p)
        log(f"generated {p} ({os.path.getsize(p) / 1e6:.1f} MB) in {time.time() - t:.1f} s")
    return path, qpath


def run_engine(engine, n, path, qpath, pg):
    work = os.path.join(B, "work", engine)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.makedirs(os.path.join(B, "logs"), exist_ok=True)
    cmd = [os.path.join(B, DRIVER[engine]), "--corpus", path, "--queries", qpath, "--dir", work,
           "--seconds", SECONDS, "--dump", os.path.join(B, "logs", f"{engine}-{n}.dump.tsv")]
    if engine == "postgresql-fts":
        cmd += ["--conn", pg.conn]
    logf = os.path.join(B, "logs", f"{engine}-{n}.log")
    t = time.time()
    log(f"running {engine} on {n} nodes ...")
    with open(logf, "w") as lf:
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=lf, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            log(f"{engine} on {n}: timed out after {TIMEOUT} s")
            return None
    shutil.rmtree(work, ignore_errors=True)
    lines = [l for l in r.stdout.splitlines() if l.startswith("{")]
    if r.returncode != 0 or not lines:
        log(f"{engine} on {n}: failed (exit {r.returncode}), see {logf}")
        return None
    res = json.loads(lines[-1])
    res["wall_s"] = round(time.time() - t, 1)
    log(f"{engine} on {n}: done in {res['wall_s']} s")
    return res


def fmt_us(v):
    if v is None or v < 0:
        return "-"
    return f"{v / 1000:.1f}ms" if v >= 10000 else f"{v:.0f}"


def ratio(x):
    if x is None:
        return ""
    return f"{x:.0f}x" if x >= 10 else f"{x:.2g}x"


def table(results, skipped):
    out = []
    head = (f"{'engine':<15}{'nodes':>9}{'build n/s':>10}{'idx/raw':>8}{'RSS MB':>8}"
            + "".join(f"{SHORT[t] + ' p50/p99 us':>18}" for t in TYPES) + f"{'QPS(2t)':>9}")
    out.append(head)
    out.append("-" * len(head))
    for r in results:
        idx = r["index_bytes"] / r["raw_text_bytes"] if r["raw_text_bytes"] else 0
        row = (f"{r['engine']:<15}{r['nodes']:>9}{r['build_nodes_per_s']:>10.0f}{idx:>8.2f}"
               f"{r['peak_rss_kb'] / 1024:>8.0f}")
        for t in TYPES:
            row += f"{fmt_us(r['p50_us'][t]) + '/' + fmt_us(r['p99_us'][t]):>18}"
        row += f"{r['qps_2threads']:>9.0f}"
        if r.get("errors"):
            row += f"  ({r['errors']} query errors)"
        out.append(row)
    out.append("")
    out.append("praxis vs peer (>1x = praxis better): build speed, index size (peer/praxis), "
               "RSS (peer/praxis), p50 and p99 speed-up per type, QPS")
    head = (f"{'peer':<15}{'nodes':>9}{'build':>8}{'index':>8}{'RSS':>7}"
            + "".join(f"{SHORT[t] + ' p50/p99':>16}" for t in TYPES) + f"{'QPS':>8}")
    out.append(head)
    out.append("-" * len(head))
    px = {r["nodes"]: r for r in results if r["engine"] == "praxis"}
    for r in results:
        if r["engine"] == "praxis":
            continue
        p = px.get(r["nodes"])

        def div(a, b):
            return a / b if (p and a and b and a > 0 and b > 0) else None
        row = f"{r['engine']:<15}{r['nodes']:>9}"
        row += f"{ratio(div(p['build_nodes_per_s'], r['build_nodes_per_s']) if p else None):>8}"
        row += f"{ratio(div(r['index_bytes'] / r['raw_text_bytes'], p['index_bytes'] / p['raw_text_bytes']) if p else None):>8}"
        row += f"{ratio(div(r['peak_rss_kb'], p['peak_rss_kb']) if p else None):>7}"
        for t in TYPES:
            a = ratio(div(r["p50_us"][t], p["p50_us"][t]) if p else None)
            b = ratio(div(r["p99_us"][t], p["p99_us"][t]) if p else None)
            row += f"{(a + '/' + b) if p else '':>16}"
        row += f"{ratio(div(p['qps_2threads'], r['qps_2threads']) if p else None):>8}"
        out.append(row)
    if not px:
        out.append("(praxis columns blank: praxis did not run)")
    for s in skipped:
        out.append("skipped: " + s)
    return "\n".join(out)


def main():
    os.chdir(ROOT)
    skipped = []
    ok, msg = make("build/bench/gen_corpus")
    if not ok:
        sys.exit("bench/search.py: gen_corpus does not build:\n" + msg)
    engines = []
    for e in ENGINES:
        if e not in DRIVER:
            sys.exit(f"bench/search.py: unknown engine {e} (one of {', '.join(DRIVER)})")
        ok, msg = make(f"build/bench/{DRIVER[e]}")
        if ok:
            engines.append(e)
        else:
            tail = " | ".join(l.strip() for l in msg.strip().splitlines()[-3:])
            skipped.append(f"{e}: driver does not build ({tail})")
            log(f"skipping {e}: build/bench/{DRIVER[e]} does not build:\n{msg[-2000:]}")
    results = []
    resf = open(os.path.join(B, "search-results.jsonl"), "a")
    pg = None
    try:
        if "postgresql-fts" in engines:
            try:
                pg = Postgres()
                pg.start()
            except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
                err = getattr(e, "stderr", b"") or b""
                skipped.append(f"postgresql-fts: cluster does not start ({e} {err.decode(errors='replace')[-300:]})")
                engines.remove("postgresql-fts")
                if pg:
                    pg.stop()
                pg = None
        for n in SIZES:
            path, qpath = corpus(n)
            for e in engines:
                r = run_engine(e, n, path, qpath, pg)
                if r is None:
                    skipped.append(f"{e} on {n}: failed, see build/bench/logs/{e}-{n}.log")
                    continue
                r["date"] = time.strftime("%Y-%m-%d %H:%M")
                results.append(r)
                resf.write(json.dumps(r) + "\n")
                resf.flush()
            if not KEEP:
                os.remove(path)
    finally:
        if pg:
            pg.stop()
        resf.close()
    t = table(results, skipped)
    with open(os.path.join(B, "search-table.txt"), "w") as f:
        f.write(t + "\n")
    print(t)


if __name__ == "__main__":
    main()
