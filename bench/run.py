"""`make bench`: serve a database of N articles with gunicorn on loopback, drive it with wrk,
and print requests/s, p50 and p99 for each page and endpoint, as a ratio to a minimal Django
view on the same stack and server in the same run (the ceiling), with queries per request.

Ratios, not absolute figures: the machine is shared and noisy.
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

ENDPOINTS = [
    ("minimal view (ceiling)", "/healthz"),
    ("home", "/"),
    ("news index, first page", "/news/"),
    ("news index, last page", "/news/?page={last_page}"),
    ("article", "/news/{article_slug}/"),
    ("contacts", "/contact-us/"),
    ("site search", "/search/?q=postal"),
    ("API article listing (20, fields=*)",
     "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"),
    ("API article detail", "/api/v2/pages/{article_id}/"),
    ("API site chrome", "/api/v2/site/"),
    ("static file", "/static/home/css/site.css"),
]  # fmt: skip


def run(cmd, env, **kwargs):
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def build_database(env, articles):
    manage = [sys.executable, "manage.py"]
    print(f"Building a database with {articles} extra articles in {env['VAR_DIR']} ...")
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run([*manage, "load_demo_content"], env)
    run([*manage, "bench_articles", "--articles", str(articles)], env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env)


def query_counts(env, urls):
    """Queries per request for each URL, measured in-process on the second request."""
    script = (
        "import django, json, sys; django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from django.db import connection\n"
        "c = Client(HTTP_HOST='127.0.0.1')\n"
        "out = {}\n"
        "for url in json.loads(sys.argv[1]):\n"
        "    c.get(url)\n"
        "    with CaptureQueriesContext(connection) as q:\n"
        "        status = c.get(url).status_code\n"
        "    out[url] = (status, len(q))\n"
        "print(json.dumps(out))\n"
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(urls)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def facts(env):
    script = (
        "import django; django.setup()\n"
        "from news.models import NewsArticlePage, NewsIndexPage\n"
        "a = NewsArticlePage.objects.live().order_by('-pk').first()\n"
        "n = NewsIndexPage.objects.first().articles().count()\n"
        "print(a.slug, a.pk, -(-n // NewsIndexPage.articles_per_page), n)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return {"article_slug": out[0], "article_id": out[1], "last_page": out[2], "count": out[3]}


def wrk(url, duration, connections, threads):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def latency(pct):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, latency(50), latency(99), int(errors.group(1)) if errors else 0


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback URL we built)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=5, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install -y wrk).")

    var_dir = ROOT / "var" / f"bench-{args.articles}"
    if args.rebuild and var_dir.exists():
        shutil.rmtree(var_dir)
    base = f"http://127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": base,
    }
    env.pop("DATABASE_URL", None)  # the benchmark's own SQLite database
    if not (var_dir / "db.sqlite3").exists():
        build_database(env, args.articles)
    values = facts(env)
    endpoints = [(name, path.format(**values)) for name, path in ENDPOINTS]
    queries = query_counts(env, [path for _, path in endpoints])

    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "postal_site.wsgi:application",
         "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
         "--no-control-socket", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_for(base + "/healthz")
        results = []
        for name, path in endpoints:
            status = queries[path][0]
            if status != 200:
                results.append((name, path, None, status))
                continue
            wrk(base + path, 1, args.connections, args.threads)  # warm up
            results.append((name, path, wrk(base + path, args.duration, args.connections,
                                             args.threads), status))  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)

    ceiling = results[0][2][0]
    print()
    print(f"{values['count']} live articles; wrk -t{args.threads} -c{args.connections} "
          f"-d{args.duration}s; gunicorn {args.workers} sync workers; SQLite")  # fmt: skip
    header = f"{'endpoint':38} {'req/s':>8} {'ratio':>7} {'p50 ms':>8} {'p99 ms':>8} " \
             f"{'errors':>6} {'queries':>7}"  # fmt: skip
    print(header)
    print("-" * len(header))
    for name, path, figures, status in results:
        q = queries[path][1] if not path.startswith("/static/") else 0
        if figures is None:
            print(f"{name:38} {'(HTTP ' + str(status) + ', skipped)':>40}")
            continue
        rps, p50, p99, errors = figures
        print(f"{name:38} {rps:8.0f} {rps / ceiling:7.1%} {p50:8.1f} {p99:8.1f} "
              f"{errors:6d} {q:7d}")  # fmt: skip


if __name__ == "__main__":
    main()
