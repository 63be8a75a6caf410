"""Real servers for the reliability tests: a private PostgreSQL cluster (its own data folder and
port, never the machine's shared server) and the site under gunicorn with production settings.
"""

import contextlib
import glob
import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port(candidates):
    """The first port of `candidates` this process can bind on 127.0.0.1. Binding, not
    connecting: a port held by a client connection (its local end) accepts no connection
    yet cannot be bound, and PostgreSQL then fails to start (seen in CI)."""
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {candidates}")


def postgres_bin():
    """The newest PostgreSQL server binaries installed (Debian keeps them off PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_no_private_postgres():
    """None when a private cluster can run here, else the reason it cannot."""
    if postgres_bin() is None:
        return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root: run it as the postgres user.
        if not shutil.which("runuser"):
            return "running as root without runuser"
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
    return None


class PrivatePostgres:
    """initdb into a temporary folder, served on 127.0.0.1:port; `stop()`/`start()` to fault."""

    def __init__(self, port):
        self.port = port
        self.bin = postgres_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="postal-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        else:
            self.as_owner = []
        self.dir.chmod(0o700)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *args, timeout=120):
        return subprocess.run(  # noqa: S603 (PostgreSQL's own tools, arguments we build)
            [*self.as_owner, str(self.bin / args[0]), *args[1:]],
            check=True, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip

    def init(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync")  # fmt: skip
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "postal")

    def start(self):
        # fsync off: this cluster's data is thrown away, and the machine is shared.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        try:
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                      "-w", "-t", "60", "start")  # fmt: skip
        except subprocess.CalledProcessError as exc:
            # pg_ctl says only that it failed; the server's own log says why.
            log = self.log.read_text() if self.log.exists() else "(no server log)"
            raise RuntimeError(
                f"PostgreSQL did not start on port {self.port}:\n{exc.stdout}{exc.stderr}\n{log}"
            ) from exc

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def site_env(var_dir, port, database_url=None):
    """The environment `make run` gives the site: production settings, a random key."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "VAR_DIR": str(var_dir),
        # The real work under test: pages rendered from the database, not a page cache.
        "PAGE_CACHE": "0",
        "API_RATE_LIMIT": "0",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def build_site(env, log, collectstatic=True):
    """migrate, demo content, collectstatic and the Site's address, as `make run` does (each
    step does nothing on a site that has it already)."""
    steps = [["migrate", "--noinput"], ["load_demo_content"], ["configure_site"]]
    if collectstatic:
        steps.append(["collectstatic", "--noinput"])
    for args in steps:
        subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, str(ROOT / "manage.py"), *args, "-v0"],
            env=env, cwd=ROOT, check=True, stdout=log, stderr=subprocess.STDOUT, timeout=600,
        )  # fmt: skip


def start_gunicorn(env, port, log, workers=2):
    server = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, arguments we build)
        [str(VENV_BIN / "gunicorn"), "postal_site.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--no-control-socket",
         "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        if len(worker_pids(server.pid)) == workers and get(port, "/healthz")[0] == 200:
            return server
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def worker_pids(master_pid):
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    except OSError:
        return []
    return sorted(int(pid) for pid in children.split())


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"No VmRSS for {pid}")


def get(port, path, timeout=10):
    """(status, headers, body), or (None, {}, error text) when no HTTP answer came."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError as exc:
        return None, {}, repr(exc).encode()
    finally:
        conn.close()


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
