"""Several workers and several app servers: the page cache stays correct, and an app server
keeps no state of its own (sessions and cache in the database or Redis, media on S3).

Operators rely on this to scale out: run more gunicorn workers on one machine, or more
machines behind a load balancer, all answering with the same, current content. These tests
start real gunicorn servers in subprocesses, built as `make run` builds a site.
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import expected

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI") == "true"
# The two-server test's own database and Redis database (emptied by the test).
PG_URL = os.environ.get(
    "SCALE_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postal_two_servers"
)
REDIS_URL = os.environ.get("SCALE_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
PASSWORD = secrets.token_urlsafe(16)
NEW_NUMBER = "8610 95599"
# The first of the three loopback ports these tests serve on.
PORT_BASE = int(os.environ.get("SCALE_TEST_PORT", "8626"))


def site_env(var_dir, port, **extra):
    """The environment `make run` gives the production settings, for a site in `var_dir`."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": "scale-out-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "PAGE_CACHE": "1",
        "API_RATE_LIMIT": "0",
    }
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603 (this venv's Python, our own manage.py)
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def build_site(env):
    """Database, demo content, static files and an admin, as `make run` sets them up."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content")
    manage(env, "configure_site")
    manage(env, "ensure_admin")
    manage(env, "collectstatic", "--noinput", "-v0")


class Server:
    """A gunicorn serving the site; its access log names the worker (pid) of each request."""

    def __init__(self, env, port, workers, log):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 (this venv's gunicorn, fixed arguments)
            [
                str(BIN / "gunicorn"),
                "postal_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--access-logfile",
                str(log),
                "--access-logformat",
                "%(p)s %(m)s %(U)s%(q)s %(s)s",
            ],
            env=env,
            cwd=ROOT,
            stderr=log.with_suffix(".errors").open("w"),
        )
        deadline = time.time() + 60
        while True:
            try:
                get(self.url + "/healthz")
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"gunicorn did not start on {self.url}") from None
                time.sleep(0.3)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def workers_for(self, path, after=0):
        """The pids of the workers that answered `path`, from log line `after` on."""
        lines = self.log.read_text().splitlines()[after:]
        return {line.split()[0] for line in lines if line.split()[2] == path}

    def log_length(self):
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0


def get(url, opener=None):
    """(status, body) of a plain GET, with a fresh connection each time."""
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get_many(url, count=24, concurrency=8):
    """`count` GETs, `concurrency` at a time, so every sync worker has to answer some."""
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda _: get(url), range(count)))


def until_both_workers_answer(server, url, path, check, after=0, rounds=20):
    """GET `url` in concurrent rounds, checking every answer, until both workers have answered
    it: a stored page is answered so fast that one worker can take a whole round alone."""
    for _ in range(rounds):
        for status, body in get_many(url, count=24, concurrency=16):
            check(status, body)
        if len(server.workers_for(path, after=after)) == 2:
            return
    raise AssertionError(f"one worker answered every request for {path} in {rounds} rounds")


def test_every_worker_serves_a_change_on_the_next_request(tmp_path):
    """Two gunicorn workers on one machine share the file cache: after an edit committed by
    another process, every worker answers the new content at once, none a stored old page."""
    port = PORT_BASE
    env = site_env(tmp_path / "var", port)
    env.pop("DATABASE_URL", None)
    build_site(env)
    server = Server(env, port, workers=2, log=tmp_path / "access.log")
    try:
        article = server.url + expected.SEED_ARTICLE_URL

        def old_number(status, body):
            assert status == 200
            assert "8610 95580" in body

        until_both_workers_answer(server, article, expected.SEED_ARTICLE_URL, old_number)

        manage(
            env,
            "shell",
            "-c",
            "from contacts.models import Hotline\n"
            "h = Hotline.objects.get(service='Postal Savings')\n"
            f"h.number = '{NEW_NUMBER}'\n"
            "h.save()\n",
        )
        seen = server.log_length()

        def new_number(status, body):
            assert status == 200
            assert NEW_NUMBER in body
            assert "8610 95580" not in body

        for url in (server.url + "/api/v2/site/", server.url + "/en/contact-us/"):
            for status, body in get_many(url):
                new_number(status, body)
        # Both workers answer the article after the change, and neither with an old page.
        until_both_workers_answer(
            server, article, expected.SEED_ARTICLE_URL, new_number, after=seen
        )
    finally:
        server.stop()


def _services_or_skip():
    """PostgreSQL and Redis for the two-server test: skipped without them, failed in CI."""
    import psycopg
    import redis

    problems = []
    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(admin_url, connect_timeout=3, autocommit=True).close()
    except psycopg.Error as error:
        problems.append(f"PostgreSQL at {admin_url}: {error}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis at {REDIS_URL}: {error}")
    if problems:
        message = "the two-server test needs " + "; ".join(problems)
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return admin_url


def _fresh_database(admin_url):
    import psycopg

    name = urllib.parse.urlsplit(PG_URL).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _admin_login(server):
    """An opener holding a signed-in editor's session, made by logging in to `server`."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page = get(server.url + "/admin/login/", opener)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token}
    post(opener, server.url + "/admin/login/", form, referer=server.url + "/admin/login/")
    assert any(cookie.name == "sessionid" for cookie in jar)
    return opener, jar


def post(opener, url, form, referer):
    request = urllib.request.Request(  # noqa: S310 (a loopback URL we built)
        url, data=urllib.parse.urlencode(form).encode(), headers={"Referer": referer}
    )
    with opener.open(request, timeout=30) as response:
        return response.status, response.read().decode()


def test_an_edit_through_one_server_shows_on_the_other_at_once(tmp_path):
    """Two app servers, one PostgreSQL, one Redis: an editor signs in and edits a hotline
    through server A; server B, which had the pages stored, answers the change on the very
    next request, and accepts the session made on A."""
    import redis

    admin_url = _services_or_skip()
    _fresh_database(admin_url)
    redis.Redis.from_url(REDIS_URL).flushdb()
    port_a, port_b = PORT_BASE + 1, PORT_BASE + 2
    shared = {"DATABASE_URL": PG_URL, "REDIS_URL": REDIS_URL, "CONN_MAX_AGE": "0"}
    env_a = site_env(tmp_path / "a", port_a, **shared)
    build_site(env_a)
    # B is another machine: its own var/ with the same release's static files, and the media
    # on shared storage (here a link; S3 in production), as README's deployment section says.
    (tmp_path / "b").mkdir()
    shutil.copytree(tmp_path / "a" / "static", tmp_path / "b" / "static")
    (tmp_path / "b" / "media").symlink_to(tmp_path / "a" / "media")
    env_b = site_env(tmp_path / "b", port_b, **{**shared, "SITE_URL": env_a["SITE_URL"]})
    hotline_id = manage(
        env_a,
        "shell",
        "-c",
        "from contacts.models import Hotline; "
        "print(Hotline.objects.get(service='Postal Savings').pk)",
    ).split()[-1]  # after Django's note on the shell's automatic imports

    a = Server(env_a, port_a, workers=1, log=tmp_path / "a.log")
    try:
        b = Server(env_b, port_b, workers=1, log=tmp_path / "b.log")
    except RuntimeError:
        a.stop()
        raise
    try:
        urls = [expected.SEED_ARTICLE_URL, "/en/contact-us/", "/api/v2/site/"]
        for path in urls:
            for _ in range(2):  # the second answer comes from the shared cache
                status, body = get(b.url + path)
                assert status == 200
                assert "8610 95580" in body

        opener, jar = _admin_login(a)
        # B accepts the session A made: sessions live in the shared database.
        status, dashboard = get(b.url + "/admin/", opener)
        assert status == 200
        assert "Sign out" in dashboard or "Log out" in dashboard
        edit = f"{a.url}/admin/snippets/contacts/hotline/edit/{hotline_id}/"
        status, form = get(edit, opener)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        post(
            opener,
            edit,
            {
                "csrfmiddlewaretoken": token,
                "service": "Postal Savings",
                "number": NEW_NUMBER,
                "show_in_header": "on",
            },
            referer=edit,
        )

        for path in urls:
            status, body = get(b.url + path)
            assert status == 200, path
            assert NEW_NUMBER in body, path
            assert "8610 95580" not in body, path
    finally:
        b.stop()
        a.stop()


def test_media_go_to_s3_when_a_bucket_is_named():
    """With AWS_STORAGE_BUCKET_NAME (and an S3-compatible endpoint) uploads go to the bucket
    through django-storages, and pages link to them there; without it, to var/media."""
    script = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__module__ + '.' + type(s).__name__)\n"
        "print(s.url('original_images/stamp.jpg'))\n"
    )

    def storage(**extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "postal_site.settings.dev",
            **extra,
        }
        return subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
            [sys.executable, "-c", script],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()

    backend, url = storage(
        AWS_STORAGE_BUCKET_NAME="postal-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.com",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",  # noqa: S106 (a made-up key; nothing is sent)
    )
    assert backend == "storages.backends.s3.S3Storage"
    assert url == "https://s3.example.com/postal-media/media/original_images/stamp.jpg"
    backend, url = storage()
    assert backend == "django.core.files.storage.filesystem.FileSystemStorage"
    assert url == "/media/original_images/stamp.jpg"
