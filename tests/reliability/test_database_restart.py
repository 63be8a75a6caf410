"""PostgreSQL restarted in the middle of traffic: requests fail only while it is down, each
with a quick 503 page (no hang, no dropped connection), and the site recovers by itself within
seconds, without restarting gunicorn or its workers.

Against a real server: a private PostgreSQL cluster this test creates (its own data folder and
port), the site built into it as `make run` builds it, gunicorn with 2 workers and the
production settings (persistent connections with health checks: CONN_MAX_AGE=60).
"""

import json
import os
import threading
import time

import pytest

from tests.reliability import servers

pytestmark = pytest.mark.fault

CLIENTS = 3  # more clients than workers, so both workers hold a connection when it breaks
DOWN_SECONDS = 4
GRACE_SECONDS = 2  # errors may end this long after PostgreSQL accepts connections again
RECOVERY_LIMIT = 5  # every request after this (from PostgreSQL back) must succeed
AFTER_SECONDS = 10
AFTER_REQUESTS = 20
REQUEST_TIMEOUT = 10


@pytest.fixture(scope="module")
def postgres():
    reason = servers.why_no_private_postgres()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The fault test must run in CI: {reason}")
        pytest.skip(reason)
    # Below Linux's ephemeral range (32768-60999), where client connections take ports.
    server = servers.PrivatePostgres(servers.free_port(range(25432, 25440)))
    try:
        server.init()
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def site(postgres, tmp_path_factory):
    port = servers.free_port(range(8651, 8660))
    var_dir = tmp_path_factory.mktemp("fault-var")
    env = servers.site_env(var_dir, port, f"{postgres.url}/postal")
    with open(var_dir / "site.log", "w") as log:
        servers.build_site(env, log)
        server = servers.start_gunicorn(env, port, log)
        try:
            yield port, server, var_dir / "site.log"
        finally:
            servers.stop(server)


def urls(port):
    status, _, body = servers.get(port, "/api/v2/pages/?type=news.NewsArticlePage&limit=1")
    assert status == 200, body

    items = json.loads(body)["items"]
    assert items, body
    article = items[0]["meta"]["html_url"].split(str(port), 1)[1]
    # The search page is never cached, so some of the traffic needs PostgreSQL however much
    # of the rest a worker answers from its page cache while the database is down.
    return [
        article,
        "/en/news/",
        "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20",
        "/en/search/?q=stamp",
    ]


def drive(port, paths, records, stop):
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        start = time.monotonic()
        status, headers, body = servers.get(port, path, timeout=REQUEST_TIMEOUT)
        records.append((start, time.monotonic(), path, status, headers, body))
        time.sleep(0.02)


def test_site_recovers_by_itself_after_postgresql_restarts(postgres, site, capsys):
    port, server, log = site
    paths = urls(port)
    workers = servers.worker_pids(server.pid)
    records, stop = [], threading.Event()
    clients = [
        threading.Thread(target=drive, args=(port, paths, records, stop), daemon=True)
        for _ in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(3)
    down_from = time.monotonic()
    postgres.stop("fast")  # terminates every connection the workers hold
    time.sleep(DOWN_SECONDS)
    postgres.start()  # returns once PostgreSQL accepts connections
    back_at = time.monotonic()
    # Traffic goes on for AFTER_SECONDS, and until AFTER_REQUESTS have started after the grace
    # (a loaded machine serves few per second), at most a minute.
    while time.monotonic() < back_at + 60 and (
        time.monotonic() < back_at + AFTER_SECONDS
        or sum(r[0] > back_at + GRACE_SECONDS for r in records) < AFTER_REQUESTS
    ):
        time.sleep(0.2)
    stop.set()
    for client in clients:
        client.join(timeout=REQUEST_TIMEOUT + 5)

    failures = [r for r in records if r[3] != 200]
    last_failure_end = max((r[1] for r in failures), default=back_at)
    recovery = max(0.0, last_failure_end - back_at)
    slowest = max(r[1] - r[0] for r in records)
    with capsys.disabled():
        print(
            f"\nPostgreSQL restart under traffic ({CLIENTS} clients, gunicorn 2 workers): "
            f"{len(records)} requests, {len(records) - len(failures)} OK, "
            f"{sum(r[3] == 503 for r in failures)} 503, "
            f"{sum(r[3] not in (200, 503) for r in failures)} other; "
            f"PostgreSQL down {back_at - down_from:.1f} s; errors from "
            f"+{min((r[1] for r in failures), default=down_from) - down_from:.1f} s to "
            f"+{last_failure_end - down_from:.1f} s after the stop; recovered "
            f"{recovery:.2f} s after PostgreSQL accepted connections; slowest request "
            f"{slowest:.2f} s; workers {workers} -> {servers.worker_pids(server.pid)}"
        )

    # The outage was seen, and only as 503 pages in the site's look with Retry-After.
    assert failures, "no request failed: the restart was not under traffic"
    for _start, _end, path, status, headers, body in failures:
        assert status == 503, (path, status, body[:300])
        assert headers.get("Retry-After") == "30"
        assert b"Back in a moment" in body
    # Failures only while PostgreSQL was down, plus a short grace.
    # (A request in flight at the stop fails too: it ends after it.)
    assert all(r[1] >= down_from for r in failures), "failed before the stop"
    assert last_failure_end <= back_at + GRACE_SECONDS, f"errors {recovery:.1f} s after restart"
    assert recovery <= RECOVERY_LIMIT
    # Served again, all of it, by the same processes: nothing was restarted or killed.
    after = [r for r in records if r[0] > last_failure_end]
    assert len(after) >= AFTER_REQUESTS and all(r[3] == 200 for r in after)
    assert slowest < REQUEST_TIMEOUT, "a request hung"
    assert server.poll() is None
    assert servers.worker_pids(server.pid) == workers
