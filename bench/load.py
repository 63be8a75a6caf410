"""`make loadtest`: the article page, the news index and the API listing under 64 concurrent
connections through the production server; fails on any error or on workers' memory growth.

Serves a demo database (built once in var/loadtest/, or DATABASE_URL's) with gunicorn, the
production settings and WORKERS sync workers on loopback, as `make run` does; drives each URL
with wrk for DURATION seconds; prints requests served, non-2xx and socket errors, latency and
each worker's resident memory (RSS) after a warm-up and after the load. Exits 1 if any request
failed, a worker died or was replaced, or a worker's RSS grew by more than --max-growth MiB.
The page cache (PAGE_CACHE) is off by default, so every request does the real work.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reliability import servers  # noqa: E402 (after the path that makes it importable)

URLS = [
    ("article", "{article}"),
    ("news index", "/en/news/"),
    ("API listing", "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"),
]


def wrk(url, duration, connections, threads, timeout):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s",
         "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def latency(pct):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, socket.groups())) if socket else 0,
        "socket_detail": socket.group(0) if socket else "",
    }


def drain(port):
    """Waits until gunicorn has worked off the requests wrk left queued when it stopped (each
    connection's last request stays in the listen queue and is still served): one request that
    queues behind them. Without this, the next URL's run would start with the last one's work.
    """
    status, _, body = servers.get(port, "/healthz", timeout=300)
    if status != 200:
        raise SystemExit(f"The server did not drain its queue: {status} {body[:200]!r}")


def rss_mib(pids):
    return [servers.rss_kib(pid) / 1024 for pid in pids]


def run_mode(args, env, mode, paths):
    base = f"http://127.0.0.1:{args.port}"
    # The API rate limit is off: the load test measures capacity, not one client.
    env = {**env, "PAGE_CACHE": "1" if mode == "on" else "0", "API_RATE_LIMIT": "0"}
    log_path = Path(env["VAR_DIR"]) / f"gunicorn-cache-{mode}.log"
    with open(log_path, "w") as log:
        server = servers.start_gunicorn(env, args.port, log, workers=args.workers)
        try:
            workers = servers.worker_pids(server.pid)
            # Warm-up: modules, templates and caches loaded in every worker before measuring.
            for _, path in paths:
                wrk(base + path, args.warmup, args.connections, args.threads, args.timeout)
                drain(args.port)
            before = rss_mib(workers)
            results = []
            for name, path in paths:
                result = wrk(base + path, args.duration, args.connections, args.threads,
                             args.timeout)  # fmt: skip
                drain(args.port)
                alive = servers.worker_pids(server.pid) == workers
                result["rss"] = rss_mib(workers) if alive else []
                results.append((name, path, result))
            after_workers = servers.worker_pids(server.pid)
            after = rss_mib(after_workers) if after_workers == workers else []
        finally:
            servers.stop(server)
    return workers, after_workers, before, after, results, log_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=4, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--warmup", type=int, default=3, help="seconds per URL before measuring")
    parser.add_argument(
        "--timeout", type=int, default=30,
        help="seconds before wrk counts a request as failed (gunicorn's own worker timeout)",
    )  # fmt: skip
    parser.add_argument(
        "--max-growth", type=float, default=30.0,
        help="MiB a worker's RSS may grow between the warm-up and the end of the load",
    )  # fmt: skip
    parser.add_argument("--page-cache", choices=["off", "on", "both"], default="off")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "loadtest"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make loadtest` installs it (apt-get install -y wrk).")

    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = servers.site_env(var_dir, args.port, os.environ.get("DATABASE_URL"))
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"Preparing the demo site in {var_dir} ({database}) ...", flush=True)
    with open(var_dir / "build.log", "w") as log:
        # Static files are collected once; delete the folder (or --var-dir) to collect again.
        servers.build_site(env, log, not (var_dir / "static" / "staticfiles.json").exists())
    article = _first_article(env)
    paths = [(name, path.format(article=article)) for name, path in URLS]

    for name, path in paths:
        print(f"  {name}: {path}")
    modes = ["off", "on"] if args.page_cache == "both" else [args.page_cache]
    failed = []
    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s per URL, "
        f"gunicorn {args.workers} sync workers, production settings, {database}"
    )
    for mode in modes:
        workers, after_workers, before, after, results, log_path = run_mode(args, env, mode, paths)
        print(f"\nPage cache {mode}:")
        header = (
            f"  {'URL':12} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'non-2xx':>7} {'socket errors':>13}  RSS after, MiB"
        )
        print(header)
        for name, _path, r in results:
            print(
                f"  {name:12} {r['requests']:9d} {r['rps']:7.1f} {r['p50']:8.1f} {r['p99']:8.1f} "
                f"{r['non_2xx']:7d} {r['socket_errors']:13d}  "
                + " ".join(f"{mib:.1f}" for mib in r["rss"])
            )
            if r["non_2xx"] or r["socket_errors"]:
                failed.append(f"{mode}/{name}: {r['non_2xx']} non-2xx, {r['socket_detail']}")
        total = sum(r["requests"] for _, _, r in results)
        print(f"  total requests served: {total}")
        if after_workers != workers:
            failed.append(f"{mode}: workers changed {workers} -> {after_workers} (see {log_path})")
            continue
        for pid, b, a in zip(workers, before, after, strict=True):
            print(f"  worker {pid}: RSS {b:.1f} MiB after warm-up -> {a:.1f} MiB ({a - b:+.1f})")
            if a - b > args.max_growth:
                failed.append(f"{mode}: worker {pid} grew {a - b:.1f} MiB > {args.max_growth}")
    if failed:
        print("\nFAILED:\n  " + "\n  ".join(failed))
        sys.exit(1)
    print(f"\nOK: no errors, no worker grew more than {args.max_growth:g} MiB.")


def _first_article(env):
    script = (
        "import django; django.setup()\n"
        "from news.models import NewsArticlePage\n"
        "print(NewsArticlePage.objects.live().order_by('-date', '-pk').first().url)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True,
        text=True,
    ).stdout.split()[-1]  # fmt: skip


if __name__ == "__main__":
    main()
