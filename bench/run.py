"""`make bench`: serve a database of N articles with gunicorn on loopback, drive it with wrk,
and print requests/s and p99 for each page and endpoint, with queries per request.

Three servers run side by side in the same run, each with the same gunicorn, venv and worker
count: a bare Django view (bench/bare.py: no middleware, one `HttpResponse`), the ceiling; the
site cached (the default); the site cold (PAGE_CACHE=0, no full-page or full-response cache).
wrk visits every URL of every server once per round (`-t1 -c8 -d6s` by default, 2 rounds) and
each figure is the median of the rounds, so the noise of a shared machine falls on all alike.
Every row is printed as req/s and as a ratio to the bare view and to the same server's
/healthz (the site's whole middleware stack); a static file through whitenoise is the
practical limit of anything Django serves. Then each gunicorn worker's resident memory.

SQLite in var/bench-N/ by default; with DATABASE_URL=postgres://…/name the bench drops and
rebuilds its own database `name_bench` (never `name` itself; files in var/bench-name_bench).
Exits 1 if any request answered other than 2xx/3xx, so CI can run it as a smoke test.

With --edge (and varnishd installed) another table: the same site behind Varnish
(deploy/varnish/default.vcl, EDGE=varnish), cached pages and API answers as a ratio to the bare
view and to /healthz through Varnish (which passes it to Django); then the hit ratio while an
editor publishes an article every PUBLISH_EVERY seconds.

Ratios, not absolute figures: the machine is shared and noisy.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RSS_LIMIT_MB = 200

# The site's own lightest view: the whole middleware stack and a one-line view.
HEALTHZ = "/healthz (site's stack)"
ENDPOINTS = [
    (HEALTHZ, "/healthz"),
    ("home", "/en/"),
    ("news index, first page", "/en/news/"),
    ("news index, last page", "/en/news/?page={last_page}"),
    ("article", "/en/news/{article_slug}/"),
    ("contacts", "/en/contact-us/"),
    # The Chinese edition's (its articles are the demo's: load.py adds English ones only).
    ("Chinese home", "/zh/"),
    ("Chinese news index", "/zh/news/"),
    ("Chinese article", "/zh/news/{zh_article_slug}/"),
    ("API listing (20, fields=*)", "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"),
    ("API listing, last 20",
     "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20&offset={deep_offset}"),
    ("API article detail", "/api/v2/pages/{article_id}/"),
    ("API /api/v2/site/", "/api/v2/site/"),
    ("static file (whitenoise)", "/static/home/css/site.css"),
    # Search (headless.search), last: a word every article holds, a word one page holds, two
    # words every article holds, Chinese words (邮政 in every article, 农村振兴 in one in
    # eight), newest first, and the API's search=. Each is also measured alone (SEARCH_ALONE).
    ("search: common word", "/en/search/?q=postal"),
    ("search: rare word", "/en/search/?q=Pinggu"),
    ("search: two words", "/en/search/?q=village+delivery"),
    ("search: Chinese 邮政", "/en/search/?q=" + urllib.parse.quote("邮政")),
    ("search: Chinese 农村振兴", "/en/search/?q=" + urllib.parse.quote("农村振兴")),
    ("search: common, by date", "/en/search/?q=postal&sort=date"),
    ("search: API search=", "/api/v2/pages/?search=postal"),
]  # fmt: skip
# Rows whose p99 is also measured one request at a time (wrk -c1): what a reader waits alone.
SEARCH_ALONE = "search"

# Each mode is served by its own gunicorn with these variables on top of the environment.
# The API rate limit is off: the benchmark measures capacity, not one client.
MODES = {
    "cold": {"PAGE_CACHE": "0", "API_RATE_LIMIT": "0"},
    "cached": {"PAGE_CACHE": "1", "API_RATE_LIMIT": "0"},
}


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], env=env, check=True, cwd=ROOT)


def python(env, script, *args):
    """Runs `script` in a Django process with `env`; its last line of output, parsed as JSON."""
    out = subprocess.run(
        [sys.executable, "-c", "import django, json, sys; django.setup()\n" + script, *args],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def postgres_bench_url(database_url):
    """The bench's own database beside the one in DATABASE_URL: `name_bench`."""
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/") or "postal"
    return parts._replace(path=f"/{name}_bench").geturl(), f"{name}_bench"


def recreate_postgres(database_url, name):
    import psycopg

    admin = urllib.parse.urlsplit(database_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def build_database(env, articles):
    print(f"Building a database with {articles} extra articles ...", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content")
    manage(env, "configure_site")
    manage(env, "bench_articles", "--articles", str(articles))
    if "DATABASE_URL" in env:
        manage(env, "dbshell", "--", "-qc", "VACUUM ANALYZE")  # fresh planner statistics
    print(f"Built in {time.monotonic() - started:.0f} s.", flush=True)


FACTS = """
from news.models import NewsArticlePage, NewsIndexPage
index = NewsIndexPage.objects.get(locale__language_code="en")
n = index.articles().count()
# An article in the middle of the list, so that neither end favours it.
a = index.articles()[n // 2]
zh = NewsIndexPage.objects.get(locale__language_code="zh-hans").articles()
print(json.dumps({"article_slug": a.slug, "article_id": a.pk, "count": n,
                  "last_page": -(-n // NewsIndexPage.articles_per_page),
                  "deep_offset": max(n - 20, 0),
                  "zh_article_slug": zh[zh.count() // 2].slug}))
"""

QUERY_COUNTS = """
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection
c = Client(HTTP_HOST="127.0.0.1")
out = {}
for url in json.loads(sys.argv[1]):
    c.get(url)  # the second request is measured: what every request after the first costs
    with CaptureQueriesContext(connection) as q:
        status = c.get(url).status_code
    out[url] = (status, len(q))
print(json.dumps(out))
"""


def wrk(url, duration, connections, threads):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
         "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)

    def latency(pct):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    failed = int(errors.group(1)) if errors else 0
    failed += sum(int(n) for n in socket.groups()) if socket else 0
    return rps, latency(50), latency(99), failed


def wait_for(url, seconds=300):  # a loaded machine boots two workers slowly
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback URL we built)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def wait_until_idle(url, seconds=120):
    """Until the ceiling answers at once again: requests a slow endpoint left queued when wrk
    stopped are still being served, and would slow the next endpoint's figures."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        started = time.monotonic()
        with urllib.request.urlopen(url, timeout=30):  # noqa: S310 (loopback URL we built)
            pass
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def worker_rss_mb(master_pid):
    """Resident memory of each gunicorn worker (the master's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:  # fields[1] is the parent's pid
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        kb = re.search(r"VmRSS:\s+(\d+) kB", status)
        if kb:
            sizes.append(int(kb.group(1)) / 1024)
    return sorted(sizes)


def start_server(env, port, workers, app="postal_site.wsgi:application", chdir=ROOT):
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), app, "--chdir", str(chdir),
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--no-control-socket", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def measure(env, endpoints, args, modes):
    """Serves the bare view and the site in every mode side by side, then drives each URL with
    wrk in interleaved rounds (every URL of every server once per round), so that the noise
    of a shared machine falls on all of them alike; each figure is the median of the rounds.

    Returns {(server, name): (req/s, p50, p99, errors)}, the query counts and the RSS."""
    servers = {"bare": (args.port + 2, start_server({**env, "PYTHONPATH": ""}, args.port + 2,
                                                    args.workers, "bare:application",
                                                    ROOT / "bench"))}  # fmt: skip
    queries = {}
    for offset, mode in zip((0, 3), modes, strict=False):
        mode_env = {**env, **MODES[mode]}
        queries[mode] = python(mode_env, QUERY_COUNTS, json.dumps([p for _, p in endpoints]))
        port = args.port + offset
        servers[mode] = (port, start_server(mode_env, port, args.workers))
    targets = [("bare", "bare Django view", "/")]
    for mode in modes:
        targets += [(mode, name, path) for name, path in endpoints]
    samples, alone = {}, {}
    rss = {}
    try:
        for port, _process in servers.values():
            wait_for(f"http://127.0.0.1:{port}/")
        for round_number in range(args.rounds):
            for server, name, path in targets:
                url = f"http://127.0.0.1:{servers[server][0]}{path}"
                print(f"  round {round_number + 1}: {server}: {name} ...", flush=True)
                if round_number == 0:
                    wrk(url, 1, args.connections, args.threads)  # warm up
                figures = wrk(url, args.duration, args.connections, args.threads)
                samples.setdefault((server, name), []).append(figures)
                if server != "bare":
                    wait_until_idle(f"http://127.0.0.1:{servers[server][0]}/healthz")
                if name.startswith(SEARCH_ALONE):
                    alone.setdefault((server, name), []).append(wrk(url, args.duration, 1, 1))
        rss = {server: worker_rss_mb(process.pid) for server, (_, process) in servers.items()}
    finally:
        for _port, process in servers.values():
            stop(process)
    results = {}
    for key, runs in samples.items():
        results[key] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            statistics.median(r[2] for r in runs),
            sum(r[3] for r in runs),
        )
    alone = {key: statistics.median(r[2] for r in runs) for key, runs in alone.items()}
    return results, queries, rss, alone


EDGE_ENDPOINTS = [
    ("healthz through Varnish (pass)", "/healthz"),
    ("home", "/en/"),
    ("news index, first page", "/en/news/"),
    ("article", "/en/news/{article_slug}/"),
    ("contacts", "/en/contact-us/"),
    # The Chinese edition's (its articles are the demo's: load.py adds English ones only).
    ("Chinese home", "/zh/"),
    ("Chinese news index", "/zh/news/"),
    ("Chinese article", "/zh/news/{zh_article_slug}/"),
    ("API listing (20, fields=*)", "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"),
    ("API article detail", "/api/v2/pages/{article_id}/"),
    ("API /api/v2/site/", "/api/v2/site/"),
]  # fmt: skip
PUBLISH_EVERY = 3
PUBLISH = """
import time
from news.models import NewsArticlePage
article = NewsArticlePage.objects.live().order_by("-date", "-pk").first()
print("ready", flush=True)
while True:
    time.sleep(float(sys.argv[1]))
    article.save_revision().publish()
    print("published", flush=True)
"""


def varnish_counters(workdir):
    out = subprocess.run(
        ["varnishstat", "-n", str(workdir), "-1", "-j"], check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    counters = json.loads(out)
    counters = counters.get("counters", counters)
    return {name.split(".", 1)[1]: counters[name]["value"]
            for name in ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitmiss")}  # fmt: skip


def measure_edge(env, values, args, ceiling):
    """The site behind Varnish: gunicorn on --port, Varnish on --port + 1, purged by tag."""
    edge_port = args.port + 1
    # Varnish's worker drops root for its own user: its folder must be readable by it.
    folder = Path(tempfile.gettempdir()) / f"postal-bench-varnish-{edge_port}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "backends.vcl").write_text(
        f'backend app1 {{ .host = "127.0.0.1"; .port = "{args.port}"; }}\n'
        'acl purgers { "127.0.0.1"; "::1"; }\n'
        "sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }\n"
    )
    env = {**env, **MODES["cached"], "EDGE": "varnish",
           "VARNISH_URLS": f"http://127.0.0.1:{edge_port}"}  # fmt: skip
    base = f"http://127.0.0.1:{edge_port}"
    processes = [
        subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "postal_site.wsgi:application",
             "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
             "--no-control-socket", "--log-level", "warning"], env=env, cwd=ROOT),
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--backend", "edge", "--interval", "0.2",
             "--no-startup-delay", "-v0"], env=env, cwd=ROOT),
    ]  # fmt: skip
    vcl_dir = ROOT / "deploy" / "varnish"
    subprocess.run(
        ["varnishd", "-a", f"127.0.0.1:{edge_port}", "-f", str(vcl_dir / "default.vcl"),
         "-p", f"vcl_path={folder}:{vcl_dir}:/usr/share/varnish/vcl", "-s", "malloc,64m",
         "-n", str(folder / "varnish"), "-P", str(folder / "varnishd.pid")], check=True,
    )  # fmt: skip
    results = []
    try:
        wait_for(f"http://127.0.0.1:{args.port}/healthz")
        wait_for(base + "/healthz")
        for name, path in EDGE_ENDPOINTS:
            path = path.format(**values)
            print(f"  edge: {name} ...", flush=True)
            wrk(base + path, 1, args.connections, args.threads)  # warm up: stored in Varnish
            results.append((name, path, wrk(base + path, args.duration, args.connections,
                                            args.threads)))  # fmt: skip
        # Publishing every few seconds while readers read the cached pages and answers.
        publisher = subprocess.Popen(
            [sys.executable, "-c", "import django, sys; django.setup()\n" + PUBLISH,
             str(PUBLISH_EVERY)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        publisher.stdout.readline()  # Django is set up: the publishing starts now
        before = varnish_counters(folder / "varnish")
        seconds = max(args.duration * 5, PUBLISH_EVERY * 5)
        loads = [
            subprocess.Popen(
                ["wrk", "-t1", f"-c{max(args.connections // 4, 1)}", f"-d{seconds}s",
                 base + path.format(**values)], stdout=subprocess.DEVNULL)
            for _, path in EDGE_ENDPOINTS[1:]
        ]  # fmt: skip
        for load in loads:
            load.wait()
        publisher.terminate()
        publishes = publisher.communicate()[0].count("published")
        after = varnish_counters(folder / "varnish")
        hits = after["cache_hit"] - before["cache_hit"]
        misses = (after["cache_miss"] - before["cache_miss"]) + (
            after["cache_hitmiss"] - before["cache_hitmiss"]
        )
        hit_ratio = hits / max(hits + misses, 1)
    finally:
        pid_file = folder / "varnishd.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), 15)
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    through = results[0][2][0]
    print()
    print(f"THROUGH VARNISH (ratios to the bare Django view, {ceiling:.0f} req/s,"
          f" and to /healthz through Varnish, {through:.0f} req/s)")  # fmt: skip
    head = (f"{'endpoint':30} {'req/s':>8} {'/bare':>7} {'/via':>7} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'errors':>6}")  # fmt: skip
    print(head)
    print("-" * len(head))
    for name, _path, (rps, p50, p99, errors) in results:
        print(f"{name:30} {rps:8.0f} {rps / ceiling:7.0%} {rps / through:7.0%} {p50:8.1f} "
              f"{p99:8.1f} {errors:6d}")  # fmt: skip
    print(f"hit ratio over {seconds} s with an article published every {PUBLISH_EVERY} s "
          f"({publishes} publishes, {len(loads)} URLs): {hit_ratio:.3%} "
          f"({hits} hits, {misses} misses)")  # fmt: skip
    return sum(r[2][3] for r in results)


CRAWLER_LUA = """
-- A crawler: every request a URL never asked before (a random query string).
math.randomseed(os.time())
local paths = {%s}
request = function()
  local path = paths[math.random(#paths)]
  local x = math.random(1, 2147483647) .. math.random(1, 2147483647)
  return wrk.format("GET", path .. "?x=" .. x)
end
"""


def cache_files(var_dir):
    return sum(1 for _ in (var_dir / "cache").glob("*.djcache"))


def measure_crawl(env, endpoints, args, var_dir):
    """Readers of real pages alone, then beside a crawler whose every request has a new
    random query string: req/s of both, the file cache's entries and the workers' memory."""
    env = {**env, **MODES["cached"]}
    port = args.port
    readers = dict(endpoints)
    paths = [readers["article"], readers["news index, first page"], readers["home"]]
    server = start_server(env, port, args.workers)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        base = f"http://127.0.0.1:{port}"
        for path in paths:
            wrk(base + path, 1, args.connections, args.threads)
        alone = wrk(base + readers["article"], args.crawl, args.connections // 2, 1)
        files_before = cache_files(var_dir)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(CRAWLER_LUA % ", ".join(f'"{p}"' for p in paths))
        crawler = subprocess.Popen(
            ["wrk", "-t1", f"-c{args.connections // 2}", f"-d{args.crawl}s", "-s", script.name,
             base + "/"], stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        beside = wrk(base + readers["article"], args.crawl, args.connections // 2, 1)
        out = crawler.communicate()[0]
        os.unlink(script.name)
        crawled = int(re.search(r"(\d+) requests in", out).group(1))
        crawl_rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        rss = worker_rss_mb(server.pid)
    finally:
        stop(server)
    print()
    print(f"CRAWLER ({args.crawl} s, -c{args.connections // 2} each, cached)")
    print(f"article readers alone:           {alone[0]:8.0f} req/s, p99 {alone[2]:.1f} ms")
    print(f"article readers beside crawler:  {beside[0]:8.0f} req/s, p99 {beside[2]:.1f} ms")
    print(f"crawler, a new URL each request: {crawl_rps:8.0f} req/s, {crawled} distinct URLs")
    print(f"file cache entries: {files_before} before, {cache_files(var_dir)} after; worker RSS "
          f"{', '.join(f'{mb:.0f} MB' for mb in rss)}")  # fmt: skip
    return alone[3] + beside[3]


def print_table(results, queries, rss, modes, endpoints, header_line, alone=None):
    """Every row as req/s and as a ratio to the bare view and to each server's /healthz."""
    bare = results[("bare", "bare Django view")][0]
    print()
    print(f"{header_line}; median of the rounds")
    print(f"bare Django view (the ceiling): {bare:.0f} req/s")
    cols = "".join(f" {mode + ' req/s':>12} {'/bare':>6} {'/healthz':>8} {'p99 ms':>7}"
                   for mode in modes)  # fmt: skip
    head = f"{'endpoint':30}{cols} {'errors':>6} {'status':>6} {'queries':>9}"
    print(head)
    print("-" * len(head))
    for name, path in endpoints:
        line = f"{name:30}"
        errors = 0
        for mode in modes:
            rps, _p50, p99, failed = results[(mode, name)]
            healthz = results[(mode, HEALTHZ)][0]
            line += f" {rps:12.0f} {rps / bare:6.0%} {rps / healthz:8.0%} {p99:7.1f}"
            errors += failed
        status = queries[modes[0]][path][0]
        counts = "/".join(
            "-" if path.startswith("/static/") else str(queries[mode][path][1]) for mode in modes
        )
        print(f"{line} {errors:6d} {status:6d} {counts:>9}")
    print(f"(queries per request: {' / '.join(modes)}, the second request of each URL)")
    if alone:
        print("p99 ms one request at a time (wrk -t1 -c1), what a reader waits alone:")
        for (server, name), p99 in alone.items():
            print(f"  {server:8} {name:30} {p99:8.1f}")
    for server, sizes in rss.items():
        verdict = "under" if sizes and max(sizes) < RSS_LIMIT_MB else "OVER"
        listed = ", ".join(f"{mb:.0f} MB" for mb in sizes)
        print(f"{server} gunicorn worker RSS after the run: {listed} ({verdict} {RSS_LIMIT_MB} MB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=6, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; the median")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--modes", default="cold,cached", help="cold, cached or both")
    parser.add_argument(
        "--crawl", type=int, default=0,
        help="seconds of readers beside a crawler sending random query strings (0: skip)",
    )  # fmt: skip
    parser.add_argument("--build-only", action="store_true", help="build, then stop")
    parser.add_argument(
        "--only", default="",
        help="measure only the rows whose name holds this text (and the ceilings), e.g. search",
    )  # fmt: skip
    parser.add_argument(
        "--edge", action="store_true",
        help="also measure through Varnish (skipped with a note when varnishd is missing)",
    )  # fmt: skip
    parser.add_argument(
        "--reuse", action="store_true",
        help="keep the bench database if it was built for this many articles",
    )  # fmt: skip
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install -y wrk).")

    database_url = os.environ.get("DATABASE_URL", "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
    }
    if database_url.startswith("postgres"):
        env["DATABASE_URL"], db_name = postgres_bench_url(database_url)
        var_dir = ROOT / "var" / f"bench-{db_name}"
        database = f"PostgreSQL ({db_name})"
    else:
        env.pop("DATABASE_URL", None)  # the benchmark's own SQLite database
        var_dir = ROOT / "var" / f"bench-{args.articles}"
        database = "SQLite"
    env["VAR_DIR"] = str(var_dir)
    built_for = var_dir / "built-for-articles"
    reuse = args.reuse and built_for.exists() and built_for.read_text() == str(args.articles)
    if not reuse:
        shutil.rmtree(var_dir, ignore_errors=True)
        var_dir.mkdir(parents=True)
        if "DATABASE_URL" in env:
            recreate_postgres(database_url, db_name)
        build_database(env, args.articles)
        built_for.write_text(str(args.articles))
    if args.build_only:
        return
    manage(env, "migrate", "--noinput", "-v0")  # a reused database gets new migrations
    manage(env, "collectstatic", "--noinput", "-v0")
    shutil.rmtree(var_dir / "cache", ignore_errors=True)  # no page cached by an earlier run

    values = python(env, FACTS)
    endpoints = [
        (name, path.format(**values))
        for name, path in ENDPOINTS
        if name == HEALTHZ or args.only in name
    ]
    header_line = (
        f"{values['count']} live articles, {database}; wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s, {args.rounds} interleaved rounds; "
        f"gunicorn {args.workers} sync workers"
    )
    results, queries, rss, alone = measure(env, endpoints, args, modes)
    print_table(results, queries, rss, modes, endpoints, header_line, alone)
    failures = sum(r[3] for r in results.values())
    failures += sum(status >= 400 for mode in modes for status, _ in queries[mode].values())
    if args.crawl:
        failures += measure_crawl(env, endpoints, args, var_dir)
    if args.edge:
        if shutil.which("varnishd"):
            failures += measure_edge(env, values, args, results[("bare", "bare Django view")][0])
        else:
            print("\n--edge: varnishd is missing (apt-get install -y varnish varnish-modules)")
    if failures:
        print(f"\n{failures} requests answered other than 2xx/3xx.")
        sys.exit(1)


if __name__ == "__main__":
    main()
