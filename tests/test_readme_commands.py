"""Every command block in README.md works as printed, on a fresh demo site.

A newcomer copies the README's commands into a shell: each ```sh, ```bash and ```console block
here is run exactly as written, in the repository with an empty VAR_DIR, with nothing exported
but what a new shell has (no SECRET_KEY, no ALLOWED_HOSTS, no DJANGO_SETTINGS_MODULE). The
one change made to a block is the port: the README's 127.0.0.1:8000 becomes the free port the
site is served on here. The site is `make run API_V3_ENABLED=1`, the README's own block, in
the background. Each block must exit 0 and print what the table below says a reader sees;
a ```console block's lines without `$ ` are its expected output.

A block that cannot run here is listed in EXCLUDED with the reason. A new block that is in
neither table fails the test, so the README cannot gain an untried command.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COMMAND_LANGUAGES = {"sh", "bash", "console", "shell"}
# Code an app developer reads, not commands for a shell (the TypeScript example is the client's
# own API, which tests/test_typescript_client.py compiles and runs; the Python one is the
# webhook check tests/test_webhooks.py makes with the same library call).
CODE_LANGUAGES = {"json", "ts", "python"}
README_PORT = "127.0.0.1:8000"
NEW_ADMIN_PASSWORD = "Parcel-lockers-2026"
BASH = shutil.which("bash") or "/bin/bash"


@dataclass
class Block:
    """How one block is run and what its reader must see; keyed by the block's first line."""

    expect: list = field(default_factory=list)
    stdin: str = ""
    # Runs in the background as the server the other blocks talk to.
    server: bool = False


# The server block runs first, then the others in README order: they share its site, so the
# token made by one is listed by the next.
RUN = {
    "$ .venv/bin/python manage.py changepassword admin": Block(
        stdin=f"{NEW_ADMIN_PASSWORD}\n{NEW_ADMIN_PASSWORD}\n"
    ),
    ("curl 'http://127.0.0.1:8000/api/v2/pages/?type=news.NewsArticlePage&fields=*&year=2021'"): (
        Block(
            expect=[
                '"type": "news.NewsArticlePage"',
                "China Post Group commends model units for serving rural vitalization in 2020",
                # the find redirect followed to the contacts page
                '"html_url": "http://127.0.0.1:{port}/en/contact-us/"',
                # the site's chrome and the change feed
                '"site_name": "China Post"',
                '"cursor": "',
                # the conditional request, with the README's placeholder for an ETag
                "HTTP/1.1 200 OK",
            ]
        )
    ),
    "curl 'http://127.0.0.1:8000/api/v2/pages/?type=stamps.StampIssuePage&year=2021&fields=*'": (
        Block(
            expect=[
                "Xin Chou Year (Year of the Ox)",
                "Lattice Windows",
                "face_value_display",
                "renditions",
            ]
        )
    ),
    "make run API_V3_ENABLED=1    # serves until Ctrl-C: type the rest in another shell": Block(
        server=True,
        expect=[
            "Admin login: admin / ",
            "API v3: http://127.0.0.1:{port}/api/v3/ (reference at /api/v3/docs/)",
        ],
    ),
    (
        '.venv/bin/python manage.py api_tokens create --user admin --name "release script"'
        "  # the token"
    ): Block(expect=["wagtail_", "release script\tadmin"]),
    "export WAGTAIL_CLI_BASE_URL=http://127.0.0.1:8000/api/v3/": Block(
        expect=[
            # the listing: the demo articles
            '"title":"Special stamps for the Year of the Ox"',
            # the new article, a draft under /news/
            '"title":"Rural routes"',
            '"summary":"New delivery routes reach every village."',
            '"html_url":"http://127.0.0.1:{port}/en/news/rural-routes/"',
            '"first_published_at":null',
        ]
    ),
}

EXCLUDED = {
    (
        "make run    # set up everything and serve the site with demo content on "
        "http://127.0.0.1:8000"
    ): (
        "`make run` serves until stopped, and `make test` is the whole suite, this test included;"
        " `make run` itself is run here as the v3 block's server"
    ),
    ("make bench ARTICLES=100000 DURATION=5                     # SQLite in var/bench-100000/"): (
        "benchmarks: building 100,000 articles takes minutes, the second line needs PostgreSQL"
        " and the third a database built before; CI runs `make bench` at 100 articles"
    ),
    "make edge    # Varnish on :6081 in front of make run on :8000 (EDGE_PORT, PORT)": (
        "`make edge` serves until stopped, behind Varnish on a fixed port; the same VCL, worker"
        " and purges run in tests/test_edge_varnish.py, and `make edge` was run by hand"
    ),
}

# Fenced blocks without a language must be pictures, not commands: listed by first line.
NOT_COMMANDS = {"            load balancer (TLS; health check GET /healthz)"}

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def readme_blocks():
    """(language, first line, text) of every fenced block in README.md, in order."""
    return [
        (m.group(1), m.group(2).splitlines()[0], m.group(2))
        for m in FENCE.finditer(README.read_text())
    ]


def test_every_readme_block_is_run_or_excluded_with_a_reason():
    """The tables above name every command block, and only blocks that are still there."""
    blocks = readme_blocks()
    commands = [first for lang, first, _ in blocks if lang in COMMAND_LANGUAGES]
    unknown = [first for first in commands if first not in RUN and first not in EXCLUDED]
    assert not unknown, f"README blocks neither run nor excluded in {__name__}: {unknown}"
    stale = [first for first in [*RUN, *EXCLUDED] if first not in commands]
    assert not stale, f"listed here but no longer a command block in README.md: {stale}"
    bare = [first for lang, first, _ in blocks if not lang and first not in NOT_COMMANDS]
    assert not bare, f"README blocks without a language (sh, console, text…): {bare}"
    others = {
        lang for lang, _, _ in blocks if lang and lang not in COMMAND_LANGUAGES | CODE_LANGUAGES
    }
    assert not others, f"README blocks in a language this test does not know: {others}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def new_shell_env(tmp_path):
    """A new shell's environment: nothing of the test run's settings, keys or databases, and
    a HOME of its own (no `.wagtail-cli.toml` of the developer's)."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "CI")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    (tmp_path / "home").mkdir()
    env["HOME"] = str(tmp_path / "home")
    env["VAR_DIR"] = str(tmp_path / "var")  # a fresh site, not the developer's var/
    return env


def as_run_here(text, port):
    """The block with the port changed, and `make` told the venv is installed (`-o`): the
    tests run from it, so it is, and a stale stamp must not reinstall it under them."""
    make = f'make() {{ command make -o .venv/bin/.installed PORT={port} "$@"; }}\n'
    return make + text.replace(README_PORT, f"127.0.0.1:{port}")


def console_commands(text):
    """A console block's commands (after `$ `) and its expected output (the other lines)."""
    lines = text.splitlines()
    commands = "\n".join(line[2:] for line in lines if line.startswith("$ "))
    expected = [line for line in lines if line.strip() and not line.startswith("$ ")]
    return commands, expected


class Server:
    """A server block run in the background, stopped with its process group afterwards."""

    def __init__(self, script, env, port, log):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 (bash running the README's own block)
            [BASH, "-c", script],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server block exited {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310 (our own loopback server)
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"the server block did not answer within 120 s:\n{self.output()}")

    def output(self):
        return self.log.read_text()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def test_every_readme_command_block_works_as_printed(tmp_path):
    """Each runnable block exits 0 and shows what the README leads its reader to expect."""
    if os.environ.get("CI") != "true" and not (ROOT / ".venv" / "bin" / "wt").exists():
        pytest.skip("`.venv/bin/wt` missing (`make install` with a Python 3.12+ on the machine)")
    port = free_port()
    env = new_shell_env(tmp_path)
    blocks = [(lang, first, text) for lang, first, text in readme_blocks() if first in RUN]
    blocks.sort(key=lambda b: not RUN[b[1]].server)
    server = None
    try:
        for lang, first, text in blocks:
            block = RUN[first]
            if lang == "console":
                script, expected = console_commands(text)
            else:
                script, expected = text, []
            script = "set -eo pipefail\n" + as_run_here(script, port)
            expected = [*expected, *(e.format(port=port) for e in block.expect)]
            if block.server:
                assert server is None, "one server block only"
                server = Server(script, env, port, tmp_path / "server.log")
                output = server.output()
            else:
                result = subprocess.run(  # noqa: S603 (bash running the README's own block)
                    [BASH, "-c", script],
                    cwd=ROOT,
                    env=env,
                    input=block.stdin,
                    capture_output=True,
                    text=True,
                    timeout=120,
                    start_new_session=True,  # no terminal: getpass reads the password from stdin
                    check=False,
                )
                output = result.stdout + result.stderr
                assert result.returncode == 0, f"README block {first!r} failed:\n{output}"
            missing = [line for line in expected if line not in output]
            assert not missing, f"README block {first!r} did not print {missing}:\n{output}"
    finally:
        if server is not None:
            server.stop()
