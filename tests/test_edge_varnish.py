"""A real Varnish (deploy/varnish/default.vcl, xkey) in front of two gunicorns of the site:
readers get every change on the very next request through the edge, while everything the
change did not touch is still answered by Varnish without reaching Python.

Operators rely on this to let the edge keep pages and API answers for a day (s-maxage): a
publish, an unpublish or a chrome edit, committed by another process, purges exactly the tags
it affects, through the tasks worker (`manage.py db_worker`) beside the app servers. SQLite
file database shared by both servers, or the PostgreSQL of DATABASE_URL (its own database).
Skipped without varnishd outside CI; under CI=true it fails instead.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.reliability.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI") == "true"
VCL_DIR = ROOT / "deploy" / "varnish"

pytestmark = pytest.mark.edge


def varnishd_or_skip():
    found = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if found is None:
        message = "varnishd is missing (apt-get install -y varnish varnish-modules)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def write_backends(folder, app_ports):
    """backends.vcl for these app servers, found before the shipped one on vcl_path."""
    lines = []
    for n, port in enumerate(app_ports, 1):
        lines.append(f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; }}')
    lines.append('acl purgers { "127.0.0.1"; "::1"; }')
    adds = "".join(f"app.add_backend(app{n}); " for n in range(1, len(app_ports) + 1))
    lines.append(f"sub vcl_init {{ new app = directors.round_robin(); {adds}}}")
    (folder / "backends.vcl").write_text("\n".join(lines) + "\n")


class Varnish:
    def __init__(self, varnishd, port, app_ports, folder):
        self.port = port
        self.workdir = folder / "varnish"
        vcl_path = f"{folder}:{VCL_DIR}:/usr/share/varnish/vcl"
        write_backends(folder, app_ports)
        self.pid_file = folder / "varnishd.pid"
        subprocess.run(  # noqa: S603 (Debian's varnishd, arguments we build)
            [varnishd, "-a", f"127.0.0.1:{port}", "-f", str(VCL_DIR / "default.vcl"),
             "-p", f"vcl_path={vcl_path}", "-s", "malloc,64m", "-n", str(self.workdir),
             "-P", str(self.pid_file)],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    def stop(self):
        if self.pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(self.pid_file.read_text()), signal.SIGTERM)


def request(port, path, headers=None, method="GET"):
    """(status, headers with lower-case names, body) through a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        body = response.read().decode()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def is_hit(headers):
    """Varnish answered from its store: X-Varnish names this request and the one that
    stored the object."""
    return len(headers["x-varnish"].split()) == 2


def database_env(folder):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return {}
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = (parts.path.lstrip("/") or "postal") + "_edge"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return {"DATABASE_URL": parts._replace(path=f"/{name}").geturl(), "CONN_MAX_AGE": "0"}


def manage(env, *args):
    return subprocess.run(  # noqa: S603 (this venv's Python, our own manage.py)
        [sys.executable, "manage.py", *args],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=600,
    ).stdout  # fmt: skip


def start(env, args, log):
    return subprocess.Popen(  # noqa: S603 (this venv's programs, arguments we build)
        args, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )


@pytest.fixture(scope="module")
def edge():
    varnishd = varnishd_or_skip()
    folder = Path(tempfile.mkdtemp(prefix="postal-edge-"))
    # Varnish's worker process drops root for its own user, which must reach its work folder.
    folder.chmod(0o755)
    ports = [free_port(range(base, base + 10)) for base in (8640, 8650, 8660)]
    edge_port, app_ports = ports[0], ports[1:]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": "edge-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{edge_port}",
        "PAGE_CACHE": "1",
        "EDGE": "varnish",
        "VARNISH_URLS": f"http://127.0.0.1:{edge_port}",
        **database_env(folder),
    }
    for step in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo_content"],
        ["configure_site"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        manage(env, *step)
    log = (folder / "servers.log").open("w")
    processes = [
        start(
            env,
            [
                str(BIN / "gunicorn"),
                "postal_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            log,
        )  # fmt: skip
        for port in app_ports
    ]
    processes.append(
        start(
            env,
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend",
                "edge",
                "--interval",
                "0.1",
                "--no-startup-delay",
            ],
            log,
        )  # fmt: skip
    )
    varnish = None
    try:
        deadline = time.monotonic() + 90
        for port in app_ports:
            while True:
                try:
                    if request(port, "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError((folder / "servers.log").read_text())
                time.sleep(0.3)
        varnish = Varnish(varnishd, edge_port, app_ports, folder)
        yield {"env": env, "port": edge_port, "app_ports": app_ports, "folder": folder}
    finally:
        if varnish:
            varnish.stop()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        if os.environ.get("EDGE_TEST_KEEP"):
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


FACTS = """
from news.models import NewsArticlePage
from home.models import HomePage
from contacts.models import ContactsPage
english = NewsArticlePage.objects.filter(locale__language_code="en")
articles = list(english.live().public().order_by("-date", "-pk"))
contacts = ContactsPage.objects.filter(locale__language_code="en").live().first()
print(articles[0].pk, articles[0].url, articles[-1].pk, articles[-1].url, contacts.pk)
"""


def shell(env, code):
    """Runs `code` in a Django shell that commits, as an editor's save would."""
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def warm(port, paths):
    """Each path stored in Varnish: the second request is a hit."""
    for path in paths:
        status, headers, body = request(port, path)
        assert status == 200, (path, body[:500])
        status, headers, _ = request(port, path)
        assert status == 200, path
        assert is_hit(headers), (path, headers)


def until_purged(port, path, seconds=10):
    """Seconds until `path` is no longer a hit (the purge reached Varnish)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, headers, body = request(port, path)
        if not is_hit(headers):
            return time.monotonic() - started, body
        time.sleep(0.02)
    raise AssertionError(f"{path} still a hit {seconds} s after the change")


def test_changes_purge_exactly_what_they_affect(edge):
    port, env = edge["port"], edge["env"]
    new_id, new_url, old_id, old_url, contacts_id = shell(env, FACTS).split()
    contacts = "/en/contact-us/"
    contacts_api = f"/api/v2/pages/{contacts_id}/"
    contacts_listing = "/api/v2/pages/?type=contacts.ContactsPage"
    articles_api = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"
    images = "/api/v2/images/"
    affected_by_articles = [
        new_url,
        "/en/",
        "/en/news/",
        old_url,
        articles_api,
        f"/api/v2/pages/{new_id}/",
    ]
    unaffected = [contacts_api, contacts_listing, images, "/api/v2/site/"]
    warm(port, [*affected_by_articles, *unaffected, contacts])

    # Publishing an edit of the newest article: its page, the listings and the pages that show
    # it (home, index, its neighbour) are fresh on the next request; the rest still hits.
    shell(
        env,
        f"from news.models import NewsArticlePage\n"
        f"a = NewsArticlePage.objects.get(pk={new_id})\n"
        f"a.title = 'Edge fresh title'\n"
        f"a.save_revision().publish()\n"
        f"print('ok')",
    )
    latency, body = until_purged(port, new_url)
    assert "Edge fresh title" in body
    print(f"\npurge latency, publish committed to fresh at the edge: {latency * 1000:.0f} ms")
    for path in affected_by_articles[1:]:
        status, headers, body = request(port, path)
        assert status == 200
        assert not is_hit(headers), f"{path} was served from before the change"
    for path in ["/en/", "/en/news/", articles_api, f"/api/v2/pages/{new_id}/"]:
        assert "Edge fresh title" in request(port, path)[2], path
    for path in [*unaffected, contacts]:
        status, headers, _ = request(port, path)
        assert is_hit(headers), f"{path} was purged by a change it does not show"
        assert int(headers["age"]) >= 0

    # Unpublishing the oldest article: gone from its own address and from the listing.
    shell(
        env,
        f"from news.models import NewsArticlePage\n"
        f"NewsArticlePage.objects.get(pk={old_id}).unpublish()\nprint('ok')",
    )
    until_purged(port, old_url)
    status, _, _ = request(port, old_url)
    assert status == 404
    _, headers, body = request(port, articles_api)
    assert not is_hit(headers)
    assert int(old_id) not in [item["id"] for item in json.loads(body)["items"]]
    for path in unaffected:
        assert is_hit(request(port, path)[1]), path

    # The chrome: a footer line edited shows on every HTML page and in /api/v2/site/ at once;
    # API page answers, which do not show the chrome, still hit.
    warm(port, ["/en/", contacts, "/api/v2/site/"])
    shell(
        env,
        "from home.models import FooterSettings\n"
        "from wagtail.models import Site\n"
        "f = FooterSettings.for_site(Site.objects.get(is_default_site=True))\n"
        "f.powered_by = 'Powered by the edge test'\n"
        "f.save()\nprint('ok')",
    )
    until_purged(port, "/api/v2/site/")
    for path in ["/en/", contacts, "/en/news/"]:
        status, headers, body = request(port, path)
        assert "Powered by the edge test" in body, path
    assert "Powered by the edge test" in request(port, "/api/v2/site/")[2]
    for path in [contacts_api, contacts_listing, images]:
        assert is_hit(request(port, path)[1]), path


def test_varnish_answers_304_for_the_current_etag(edge):
    port = edge["port"]
    for path in ["/api/v2/site/", "/en/contact-us/"]:
        warm(port, [path])
        _, headers, _ = request(port, path)
        status, answer, body = request(port, path, {"If-None-Match": headers["etag"]})
        assert status == 304, path
        assert body == ""
        assert is_hit(answer), path
        # Browsers revalidate; only this edge, which is purged, may keep it long.
        assert "s-maxage=0" in answer["cache-control"]


def test_purge_only_from_the_sites_address_and_private_answers_pass(edge):
    port = edge["port"]
    status, _, _ = request(port, "/en/", {"xkey-purge": "chrome"}, method="PURGE")
    assert status == 200  # the test runs on the site's own address, 127.0.0.1
    warm(port, ["/en/news/"])
    # A reader with a session is never served the shared copy, nor stores one.
    _, headers, _ = request(port, "/en/news/", {"Cookie": "sessionid=abc"})
    assert not is_hit(headers)
    _, headers, _ = request(port, "/admin/login/")
    assert not is_hit(headers)
    _, headers, _ = request(port, "/admin/login/")
    assert not is_hit(headers)
    # Other cookies (analytics, csrftoken) do not split or bypass the shared copy.
    _, headers, _ = request(port, "/en/news/", {"Cookie": "_ga=1; csrftoken=x"})
    assert is_hit(headers)
